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
        + _lexicon(results_dir / "lexicon.json")
        + _long_document(results_dir / "long_document.json")
    )


def _lexicon(path: Path) -> str:
    if not path.exists():
        return ""
    doc = json.loads(path.read_text(encoding="utf-8"))
    rows = [[r["case"], f"{r['documents']:,}", f"{r['mb']:.1f}", r["path"], f"{r['seconds']:.1f}",
             f"{r['mb_per_s']:.2f}"] for r in doc["results"]]
    ratios = "; ".join(f"{k}: **{v:.1f}×**" for k, v in doc["ratios"].items())
    target = doc["target"]
    verdict = "met" if target["met"] else "not met"
    return (
        "\n\nFrame lexicon, `LexiconFrameClassifier(\"afghanistan\").predict` on corpus documents, one run per "
        "way of finding the terms, in one process, every way's matches checked equal; the rest of the "
        "classifier (token and sentence positions, computed paragraph by paragraph where there are hits) is "
        "the same in every row (`python benchmarks/bench_lexicon.py`; MB are UTF-8 megabytes):\n\n"
        + _md_table(["documents", "n", "MB", "term search", "seconds", "MB/s"], rows)
        + f"\n\nRatios: {ratios}. Target ≥ {target['mb_per_s']} MB/s on the {target['case']}: "
        f"{target['measured']:.2f} MB/s, {verdict}."
    )


def _long_document(path: Path) -> str:
    if not path.exists():
        return ""
    doc = json.loads(path.read_text(encoding="utf-8"))
    rows = [[r["stage"], r["path"], f"{r['chars']:,}", f"{r['seconds']:.1f}", f"{r['peak_mb']:,.0f}"]
            for r in doc["results"]]
    ratios = ", ".join(f"{k}: **{v:.1f}×**" for k, v in doc["ratios"].items())
    return (
        f"\n\nOne document of {doc['chars']:,} characters on one line (English corpus texts joined; "
        f"`python benchmarks/bench_long_document.py`); peak memory is the resident set above its size "
        f"at the start of each call, so the text itself is not counted:\n\n"
        + _md_table(["stage", "how", "characters", "seconds", "peak MB"], rows)
        + f"\n\n{ratios}."
    )


def _reliability_rows(project, langs: list[str]) -> list[list[str]]:
    """Per language: double-coded passages, pooled and mean-of-frames alpha with CIs, pooled kappa."""
    rel = project.reliability(by="language", n_boot=1000)
    rows = []
    for lang in langs:
        pooled, mean = rel.loc[(lang, "overall_pooled")], rel.loc[(lang, "overall_mean")]
        rows.append([lang, str(int(mean["n_units"])),
                     f"{pooled['alpha']:.3f} [{pooled['alpha_ci_low']:.3f}, {pooled['alpha_ci_high']:.3f}]",
                     f"{mean['alpha']:.3f} [{mean['alpha_ci_low']:.3f}, {mean['alpha_ci_high']:.3f}]",
                     f"{pooled['kappa']:.3f}"])
    return rows


RELIABILITY_HEADER = ["language", "double-coded", "alpha, pooled", "alpha, mean of frames", "kappa, pooled"]


def framing_block() -> str:
    """Markdown for frame measurement: reliability, training-pool CV, the test split and its targets, learning curve."""
    from discourse.annotation import AnnotationProject
    from discourse.paths import corpus_dir

    from . import validation

    langs, groups = ["en", "zh", "ru"], ["all", "en", "zh", "ru"]
    gold = load_gold()
    project = AnnotationProject(corpus_dir() / "annotations", CODEBOOK)
    n_double = int((load_codings().groupby("passage_id").size() >= 2).sum())
    per_language = ", ".join(f"{int((gold['language'] == lang).sum()):,} {lang}" for lang in langs)
    out = (f"Gold set: {len(gold):,} passages ({per_language}), "
           f"{n_double:,} coded twice by independent coders — separate AI assistant sessions, not humans, whose "
           "agreement likely overstates what human coders would reach. Krippendorff's alpha (nominal) with 95% bootstrap CIs over passages:\n\n"
           + _md_table(RELIABILITY_HEADER, _reliability_rows(project, langs)))
    cv = validation.training_pool_cv()
    summary = cv.summary()
    macro = summary[summary["average"] == "macro"].set_index(["classifier", "group"])["f1"]
    out += ("\n\n**Training pool** (every choice was made here): macro F1, five-fold cross-validation with folds "
            "grouped by document (`validation.training_pool_cv`):\n\n"
            + _md_table(["classifier", *groups], [[k, *(f"{macro[(k, g)]:.3f}" for g in groups)] for k in cv.results])
            + f"\n\nBest on the training pool: **{cv.best}**; it is `framing.default_classifier(kind=\"best\")` and codes "
            "the corpus in notebook 06.")
    test = validation.score_test_split()
    boot = test.bootstrap()
    f1 = boot[(boot["metric"] == "f1") & (boot["frame"] == "macro")].set_index(["classifier", "group"])

    def cell(r) -> str:
        return f"{r['estimate']:.3f} [{r['ci_low']:.3f}, {r['ci_high']:.3f}]"

    out += (f"\n\n**Frozen test split** ({len(test.data)} passages, drawn before the lexicon, rule and model changes "
            "scored here, and scored after every choice was fixed): macro F1 with 95% bootstrap CIs over its "
            "documents:\n\n"
            + _md_table(["classifier", *groups], [[k, *(cell(f1.loc[(k, g)]) for g in groups)] for k in test.evaluations]))
    better = [(g, k) for g in groups for k in test.evaluations
              if k != cv.best and f1.loc[(k, g), "estimate"] > f1.loc[(cv.best, g), "estimate"]]
    if better:
        out += ("\n\nOn the test split, " + "; ".join(f"{k} scores higher than {cv.best} in {g}" for g, k in better)
                + f". The choice stays {cv.best}: switching on this evidence would tune on the test split.")
    tg = validation.targets(boot, cv.best)
    out += (f"\n\nThe measurement targets, for {cv.best} on the test split — {int(tg['met'].sum())} of {len(tg)} met:\n\n"
            + _md_table(["target", "value [95% CI]", "required", "met", "short by"],
                        [[r.target, f"{r.value:.3f} [{r.ci_low:.3f}, {r.ci_high:.3f}]", f"{r.required:.2f}",
                          "yes" if r.met else "**no**", "" if r.met else f"{r.shortfall:.3f}"] for r in tg.itertuples()]))
    curve = validation.learning_curve(cv.best_trained)
    mean = curve.groupby(["size", "group"])[["n_train", "macro_f1"]].mean().reset_index()
    sizes = sorted(mean["size"].unique())
    rows = [[f"{mean.loc[mean['size'] == s, 'n_train'].iloc[0]:,.0f}",
             *(f"{mean.loc[(mean['size'] == s) & (mean['group'] == g), 'macro_f1'].iloc[0]:.3f}" for g in groups)]
            for s in sizes]
    out += (f"\n\nLearning curve ({cv.best_trained}; test-split macro F1, mean of {curve['repeat'].nunique()} draws of whole "
            "documents from the training pool per size):\n\n" + _md_table(["training passages", *groups], rows))
    ood = evaluate_generic_on_frermann().set_index("frame")
    ood_rows = [[f, "" if r['support'] != r['support'] else f"{int(r['support'])}", f"{r['precision']:.3f}",
                 f"{r['recall']:.3f}", f"{r['f1']:.3f}"] for f, r in ood.iterrows()]
    return (out + "\n\nOut of domain: the `generic` lexicon on the Frermann et al. (2023) climate-news articles:\n\n"
            + _md_table(["frame", "articles with frame", "precision", "recall", "F1"], ood_rows))


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
    out += ("\n\nReliability of the double-coded passages, by language (Krippendorff's alpha, nominal; 95% "
            "bootstrap CIs over passages; per frame in notebook 05):\n\n"
            + _md_table(RELIABILITY_HEADER, _reliability_rows(project, langs)))
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
