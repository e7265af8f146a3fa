"""Generated blocks of the project README: numbers are computed, never typed.

``README.md`` holds blocks between ``<!-- BEGIN name -->`` and
``<!-- END name -->`` markers. :func:`render_blocks` computes each block's
Markdown from benchmark results (``benchmarks/results/*.json``) and from the
bundled gold annotations; ``discourse readme`` rewrites the README, and
``tests/test_readme.py`` fails when the README is stale.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from . import paths


def _md_table(header: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def benchmarks_block(results_dir: Path | None = None) -> str:
    """Markdown for the benchmark results (tokenize+count throughput, keyness time)."""
    results_dir = results_dir or paths.REPO_DIR / "benchmarks" / "results"
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


def framing_block() -> str:
    """Markdown for the gold set's reliability and the classifiers' grouped-CV scores."""
    from .framing import (CLASSIFIER_KINDS, compare_classifiers, evaluate_generic_on_frermann, load_codebook,
                          load_codings, load_gold, make_classifier)
    from .reliability import agreement_table

    frames = load_codebook("afghanistan").frame_ids
    codings = load_codings()
    agree = agreement_table(codings, frames=frames, n_boot=1000, random_state=0)
    gold = load_gold()
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
    rows = []
    for groups, label in (("source", "by outlet"), ("doc_id", "by document")):
        kinds = {k: make_classifier("afghanistan", kind=k, random_state=0) for k in CLASSIFIER_KINDS}
        cv = compare_classifiers(kinds, gold, gold[frames], groups=groups, n_splits=5, random_state=0)
        for clf in CLASSIFIER_KINDS:
            sub = cv[cv["classifier"] == clf].set_index("frame")
            rows.append([label, clf, f"{sub.loc['micro', 'f1']:.3f}", f"{sub.loc['macro', 'f1']:.3f}"])
    ood = evaluate_generic_on_frermann().set_index("frame")
    ood_rows = [[f, "" if r['support'] != r['support'] else f"{int(r['support'])}", f"{r['precision']:.3f}", f"{r['recall']:.3f}", f"{r['f1']:.3f}"]
                for f, r in ood.iterrows()]
    return (
        rel + "\n\nFive-fold cross-validation on the gold set (`discourse.framing.compare_classifiers`), folds "
        "grouped by outlet (no outlet in both training and test) or by document:\n\n"
        + _md_table(["folds grouped", "classifier", "micro F1", "macro F1"], rows)
        + "\n\nOutlet and language coincide in the gold set (CCTV is the only Chinese outlet, Channel One the only "
        "Russian one), so a supervised model tested on a held-out outlet meets an unseen language. The lexicon, "
        "which has terms in all three languages, wins there; the hybrid (supervised + lexicon-hit features) "
        "closes most of the gap. Notebook 06 codes with the lexicon.\n\n"
        "Out of domain: the `generic` lexicon on the Frermann et al. (2023) climate-news articles:\n\n"
        + _md_table(["frame", "articles with frame", "precision", "recall", "F1"], ood_rows)
    )


BLOCKS = {"benchmarks": benchmarks_block, "framing-validation": framing_block}


def render_blocks(text: str) -> str:
    """Return ``text`` with every known block replaced by freshly computed Markdown."""
    for name, fn in BLOCKS.items():
        pattern = re.compile(rf"(<!-- BEGIN {name} -->\n).*?(<!-- END {name} -->)", re.S)
        if pattern.search(text):
            body = fn()
            text = pattern.sub(lambda m: m.group(1) + body + "\n" + m.group(2), text)
    return text


def update_readme(path: Path | None = None) -> bool:
    """Rewrite the README's generated blocks; return True if anything changed."""
    path = path or paths.REPO_DIR / "README.md"
    old = path.read_text(encoding="utf-8")
    new = render_blocks(old)
    if new != old:
        path.write_text(new, encoding="utf-8")
    return new != old
