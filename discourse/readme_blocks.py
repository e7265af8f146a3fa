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


BLOCKS = {"benchmarks": benchmarks_block}


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
