"""Generated blocks of the project README and the gold-set guide: numbers are computed, never typed.

``README.md`` and ``corpus/annotations/GUIDE.md`` hold blocks between
``<!-- BEGIN name -->`` and ``<!-- END name -->`` markers.
:func:`render_blocks` computes each block's Markdown from benchmark results
(``benchmarks/results/*.json``), the corpus and the bundled gold
annotations; ``discourse readme`` rewrites both files, and
``tests/studies/test_afghanistan_readme.py`` fails when either is stale.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from discourse import framing
from discourse.reliability import agreement_table

from .frermann import evaluate_generic_on_frermann
from .gold import CODEBOOK, frames as study_frames, load_codings, load_gold


def _md_table(header: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def benchmarks_block(results_dir: str | Path) -> str:
    """Markdown for the benchmark results (tokenize+count throughput, keyness time)."""
    results_dir = Path(results_dir)
    tok = json.loads((results_dir / "tokenize.json").read_text(encoding="utf-8"))
    key = json.loads((results_dir / "keyness.json").read_text(encoding="utf-8"))
    rows = [[r["language"], r["method"], f"{r['tokens']:,}", f"{r['seconds']:.2f}", f"{r['tokens_per_s']:,}"]
            for r in tok["results"]]
    ratios = ", ".join(f"{k} = **{v:.2f}×** (target {tok['targets'].get(k, '—')})" for k, v in tok["ratios"].items())
    krows = [[r["case"], f"{r['n_features']:,}", f"{r['median_s']:.2f}"] for r in key["results"]]
    return (
        f"Tokenize + count, corpus texts replicated to ≥ {tok['min_tokens']:,} tokens per language "
        f"({tok['machine']['cpus']} cores, Python {tok['machine']['python']}; `python benchmarks/bench_tokenize.py`):\n\n"
        + _md_table(["language", "method", "tokens", "seconds", "tokens/s"], rows)
        + f"\n\nRatios: {ratios}.\n\n"
        f"Keyness, synthetic Zipfian counts: {key['synthetic']['n_docs']:,} documents, 3 groups "
        f"(`python benchmarks/bench_keyness.py`; median of repeated runs):\n\n"
        + _md_table(["case", "features", "median seconds"], krows)
        + "\n\nThe machine was shared with other jobs while these ran; repeated runs varied by up to ~2×."
    )


def _verdict(rows: list[list[str]], gold) -> str:
    """The block's reading of the CV table, written from its numbers."""
    macro = {(r[0], r[1]): float(r[3]) for r in rows}
    best = {g: max((k for k in macro if k[0] == g), key=macro.get)[1] for g in ("by outlet", "by document")}
    outlets = gold.groupby("language")["source"].nunique()
    single = [lang for lang, n in outlets.items() if n == 1]
    parts = []
    if single:
        names = ", ".join(f"{gold.loc[gold['language'] == lang, 'source'].iloc[0]} ({lang})" for lang in single)
        parts.append(f"In the gold set, {'these languages have' if len(single) > 1 else 'this language has'} a single "
                     f"outlet: {names}; so a supervised model tested on that held-out outlet meets a language it was "
                     "not trained on.")
    parts.append(f"Best macro F1 with folds grouped by outlet: **{best['by outlet']}** "
                 f"({macro[('by outlet', best['by outlet'])]:.3f}); grouped by document: **{best['by document']}** "
                 f"({macro[('by document', best['by document'])]:.3f}).")
    sup, hyb, lex = (macro[("by outlet", k)] for k in ("supervised", "hybrid", "lexicon"))
    if lex > sup:
        share = (hyb - sup) / (lex - sup)
        parts.append(f"Under outlet grouping the hybrid closes {share:.0%} of the gap between the supervised model "
                     "and the lexicon.")
    return " ".join(parts)


def framing_block() -> str:
    """Markdown for the gold set's reliability and the classifiers' grouped-CV scores."""
    frames = study_frames()
    # round 1 until the new evaluation (issue 8)
    round1 = set(load_gold().query("round == '1'")["passage_id"])
    codings = load_codings()
    codings = codings[codings["passage_id"].isin(round1)]
    agree = agreement_table(codings, frames=frames, n_boot=1000, random_state=0)
    gold = load_gold()
    gold = gold[gold["passage_id"].isin(round1)]
    n_double = int((codings.groupby("passage_id").size() >= 2).sum())
    pooled = agree.loc["overall_pooled"]
    per = agree.loc[frames]
    rel = (
        f"Gold set: {len(gold)} passages, {n_double} coded twice. Krippendorff's alpha (nominal), pooled over all "
        f"frame decisions: **{pooled['alpha']:.3f}** [{pooled['alpha_ci_low']:.3f}, {pooled['alpha_ci_high']:.3f}]; "
        f"per frame from {per['alpha'].min():.3f} ({per['alpha'].idxmin()}) to {per['alpha'].max():.3f} "
        f"({per['alpha'].idxmax()}). Cohen's kappa pooled: {pooled['kappa']:.3f}. The coders were AI assistant "
        "sessions, not humans (see `corpus/annotations/GUIDE.md`): read these as an upper bound."
    )
    positives = gold.groupby("language")[frames].sum().T
    pos_rows = [[f, *(str(int(positives.loc[f, lang])) for lang in positives.columns)] for f in frames]
    rel += ("\n\nGold passages carrying each frame, by language (of "
            + ", ".join(f"{n} {lang}" for lang, n in gold["language"].value_counts().sort_index().items())
            + " passages):\n\n" + _md_table(["frame", *positives.columns], pos_rows))
    rows = []
    for groups, label in (("source", "by outlet"), ("doc_id", "by document")):
        kinds = {k: framing.make_classifier(CODEBOOK, kind=k, random_state=0) for k in framing.CLASSIFIER_KINDS}
        cv = framing.compare_classifiers(kinds, gold, gold[frames], groups=groups, n_splits=5, random_state=0)
        for clf in framing.CLASSIFIER_KINDS:
            sub = cv[cv["classifier"] == clf].set_index("frame")
            rows.append([label, clf, f"{sub.loc['micro', 'f1']:.3f}", f"{sub.loc['macro', 'f1']:.3f}"])
    ood = evaluate_generic_on_frermann().set_index("frame")
    ood_rows = [[f, "" if r['support'] != r['support'] else f"{int(r['support'])}", f"{r['precision']:.3f}",
                 f"{r['recall']:.3f}", f"{r['f1']:.3f}"] for f, r in ood.iterrows()]
    return (
        rel + "\n\nFive-fold cross-validation on the gold set (`discourse.framing.compare_classifiers`), folds "
        "grouped by outlet (no outlet in both training and test) or by document:\n\n"
        + _md_table(["folds grouped", "classifier", "micro F1", "macro F1"], rows)
        + "\n\n" + _verdict(rows, gold) + "\n\n"
        "Out of domain: the `generic` lexicon on the Frermann et al. (2023) climate-news articles:\n\n"
        + _md_table(["frame", "articles with frame", "precision", "recall", "F1"], ood_rows)
    )


def gold_set_block() -> str:
    """Markdown for the gold set's make-up: rounds, splits, positives per frame and language, reliability."""
    import discourse as dc
    from discourse.annotation import AnnotationProject
    from discourse.paths import corpus_dir

    from .terms import AFGHANISTAN

    frames = study_frames()
    project = AnnotationProject(corpus_dir() / "annotations", CODEBOOK)
    gold = load_gold()
    codings = project.codings()
    n_coders = codings.groupby("passage_id").size()
    adj = project.adjudications().drop(columns="round", errors="ignore").merge(
        project.sample()[["passage_id", "round"]], on="passage_id")
    langs = ["en", "zh", "ru"]
    rows = []
    for rnd, part in gold.groupby("round", sort=True):
        ids = part["passage_id"]
        coders = sorted(codings.loc[codings["passage_id"].isin(ids), "coder"].unique())
        decided = adj[adj["round"] == rnd]["decision"]
        rows.append([str(rnd), f"{len(part):,}", *(str(int((part["language"] == lang).sum())) for lang in langs),
                     str(int((n_coders.reindex(ids) >= 2).sum())), f"{coders[0]}–{coders[-1]}",
                     f"{len(decided)} ({int(decided.sum())} / {int((decided == 0).sum())})"])
    out = ("Passages per annotation round (every coder an AI session):\n\n"
           + _md_table(["round", "passages", *langs, "double-coded", "coders", "adjudicated (1 / 0)"], rows))
    pool = dc.passages(dc.load_corpus(), terms=AFGHANISTAN)
    in_corpus = pool["language"].value_counts()
    split_rows = [[split, *(str(int(((gold["split"] == split) & (gold["language"] == lang)).sum())) for lang in langs)]
                  for split in ("train", "test")]
    split_rows.append(["Afghanistan passages in the corpus", *(f"{int(in_corpus.get(lang, 0)):,}" for lang in langs)])
    out += "\n\nBy split and language:\n\n" + _md_table(["", *langs], split_rows)
    pos = gold.groupby(["split", "language"])[frames].sum()
    pos_rows = [[f, *(str(int(pos.loc[(split, lang), f])) for split in ("train", "test") for lang in langs)]
                for f in frames]
    out += ("\n\nPassages carrying each frame (training pool | test split):\n\n"
            + _md_table(["frame", *(f"{s} {lang}" for s in ("train", "test") for lang in langs)], pos_rows))
    rel = project.reliability(by="language", n_boot=1000)
    rel_rows = []
    for lang in langs:
        pooled, mean = rel.loc[(lang, "overall_pooled")], rel.loc[(lang, "overall_mean")]
        rel_rows.append([lang, str(int(mean["n_units"])),
                         f"{pooled['alpha']:.3f} [{pooled['alpha_ci_low']:.3f}, {pooled['alpha_ci_high']:.3f}]",
                         f"{mean['alpha']:.3f} [{mean['alpha_ci_low']:.3f}, {mean['alpha_ci_high']:.3f}]",
                         f"{pooled['kappa']:.3f}"])
    out += ("\n\nReliability of the double-coded passages, by language (Krippendorff's alpha, nominal; 95% "
            "bootstrap CIs over passages; per frame in notebook 05):\n\n"
            + _md_table(["language", "double-coded", "alpha, pooled", "alpha, mean of frames", "kappa, pooled"],
                        rel_rows))
    return out


def corpus_block() -> str:
    """Markdown for the corpus in brief: documents per language and bloc, and the sources."""
    import discourse as dc

    docs = dc.load_corpus()
    by = docs.groupby(["language", "bloc"]).size().unstack(fill_value=0)
    blocs = [b for b in ("US", "CN", "RU", "other") if b in by.columns]
    rows = [[lang, *(f"{by.loc[lang, b]:,}" for b in blocs), f"{by.loc[lang].sum():,}"] for lang in by.index]
    return (f"{len(docs):,} documents from {docs['source'].nunique()} sources, by language and bloc:\n\n"
            + _md_table(["language", *blocs, "all"], rows))


def render_blocks(text: str, *, root: str | Path = ".") -> str:
    """Return ``text`` with every known block replaced by freshly computed Markdown.

    ``root`` is the project folder (benchmark results are read from
    ``<root>/benchmarks/results``).
    """
    blocks = {"benchmarks": lambda: benchmarks_block(Path(root) / "benchmarks" / "results"),
              "framing-validation": framing_block, "corpus-summary": corpus_block, "gold-set": gold_set_block}
    for name, fn in blocks.items():
        pattern = re.compile(rf"(<!-- BEGIN {name} -->\n).*?(<!-- END {name} -->)", re.S)
        if pattern.search(text):
            body = fn()
            text = pattern.sub(lambda m: m.group(1) + body + "\n" + m.group(2), text)
    return text


#: Files with generated blocks, relative to the project folder.
GENERATED_FILES = ("README.md", "corpus/annotations/GUIDE.md")


def update_readme(path: str | Path = "README.md") -> bool:
    """Rewrite the generated blocks of the README at ``path`` and of the project's other
    :data:`GENERATED_FILES` (next to it); return True if anything changed."""
    root = Path(path).parent
    changed = False
    for name in dict.fromkeys([Path(path).name, *GENERATED_FILES]):
        file = root / name
        if not file.is_file():
            continue
        old = file.read_text(encoding="utf-8")
        new = render_blocks(old, root=root)
        if new != old:
            file.write_text(new, encoding="utf-8")
            changed = True
    return changed
