"""One huge document: time and peak memory of KWIC, collocations and sentence splitting.

A researcher's scrape can arrive as one line of tens of megabytes. This
script joins the English corpus texts (White House transcripts first, then
the rest, whitespace runs collapsed to one space) into a single line of
``--mb`` million characters and runs, on that one document:

* ``kwic(line, "taliban")`` and ``collocations(line, "taliban")``, once as
  ``discourse`` does now (``compact_tokens``: offsets in integer arrays,
  tokenized ``TOKEN_PIECE`` characters at a time) and once as it did before
  (``tokenize_spans`` on the whole line, then a list each of token strings,
  starts and ends) — the baseline, in the same process, on the same text;
* ``sentence_spans(line)`` (Punkt fed in ``PUNKT_CHUNK`` pieces);
* the frame lexicon on a ``--lexicon-mb`` prefix of the line (its speed is
  the subject of the scale issue; here only memory and progress matter).

Peak memory is the resident set's high-water mark during each call above
its size at the start (Linux: the mark is reset through
``/proc/self/clear_refs`` and read from ``/proc/self/status``, after
``gc.collect()`` and ``malloc_trim``), so the text itself is not counted. Both paths must give
identical results, or the script stops. Results are printed as a Markdown
table and written to ``benchmarks/results/long_document.json``.

Usage::

    python benchmarks/bench_long_document.py [--mb 50] [--lexicon-mb 2]
"""
from __future__ import annotations

import argparse
import ctypes
import gc
import importlib
import json
import os
import platform
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from discourse import collocations, concordance, kwic, load_corpus, tokenizing  # noqa: E402
from discourse.framing import LexiconFrameClassifier  # noqa: E402

# the module (the package exports the function of the same name)
collocations_module = importlib.import_module("discourse.collocations")


def one_line(n_chars: int) -> str:
    """English corpus texts joined into one line of exactly ``n_chars`` characters (repeated if needed)."""
    docs = load_corpus(language="en")
    docs = docs.sort_values("source", key=lambda s: s != "The White House", kind="stable")
    texts = [re.sub(r"\s+", " ", t).strip() for t in docs["text"]]
    parts, n = [], 0
    while n < n_chars:
        for t in texts:
            parts.append(t)
            n += len(t) + 1
            if n >= n_chars:
                break
    return " ".join(parts)[:n_chars]


def _status_mb(field: str) -> float:
    text = Path("/proc/self/status").read_text()
    return int(re.search(rf"{field}:\s+(\d+) kB", text).group(1)) / 1e3


def tuples_per_token(text, *, language, user_dictionary=None, progress=None):
    """The baseline: how kwic and collocations held a text's tokens before ``compact_tokens``."""
    spans = tokenizing.tokenize_spans(text, language=language, user_dictionary=user_dictionary)
    return tokenizing.CompactTokens([t for t, _, _ in spans], [s for _, s, _ in spans], [e for _, _, e in spans])


def measure(fn):
    """(result, seconds, peak resident MB above the start) of ``fn()``."""
    gc.collect()
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    Path("/proc/self/clear_refs").write_text("5")  # reset the high-water mark to the current size
    base = _status_mb("VmRSS")
    t0 = time.perf_counter()
    out = fn()
    seconds = time.perf_counter() - t0
    return out, seconds, _status_mb("VmHWM") - base


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50.0, help="length of the line, millions of characters")
    ap.add_argument("--lexicon-mb", type=float, default=2.0, help="prefix of the line given to the lexicon")
    ap.add_argument("--out", default=str(REPO / "benchmarks" / "results" / "long_document.json"))
    args = ap.parse_args()

    line = one_line(int(args.mb * 1e6))
    rows = []

    def run(stage: str, path: str, fn):
        out, seconds, peak = measure(fn)
        rows.append({"stage": stage, "path": path, "chars": len(line) if stage != "frame lexicon" else n_lex,
                     "seconds": round(seconds, 2), "peak_mb": round(peak, 1)})
        print(f"{stage:14} {path:28} {seconds:8.2f} s {peak:9.1f} MB", flush=True)
        return out

    n_lex = int(args.lexicon_mb * 1e6)
    piece = tokenizing.TOKEN_PIECE
    for stage, fn in (("kwic", lambda: kwic(line, "taliban", language="en")),
                      ("collocations", lambda: collocations(line, "taliban", language="en"))):
        new = run(stage, f"compact, pieces of {piece:,} chars", fn)
        concordance.compact_tokens = collocations_module.compact_tokens = tuples_per_token
        try:
            old = run(stage, "a tuple per token (before)", fn)
        finally:
            concordance.compact_tokens = collocations_module.compact_tokens = tokenizing.compact_tokens
        if not new.equals(old):
            raise SystemExit(f"{stage}: the two paths disagree")
    run("sentence_spans", f"Punkt pieces of {tokenizing.PUNKT_CHUNK:,} chars",
        lambda: tokenizing.sentence_spans(line, language="en"))
    lexicon = LexiconFrameClassifier("afghanistan", language="en").fit()
    run("frame lexicon", "one document", lambda: lexicon.predict([line[:n_lex]]))

    ratios = {}
    for stage in ("kwic", "collocations"):
        new, old = (r for r in rows if r["stage"] == stage)
        ratios[f"{stage} peak memory, before / now"] = round(old["peak_mb"] / new["peak_mb"], 1)
    result = {"chars": len(line), "lexicon_chars": n_lex, "token_piece": piece, "results": rows, "ratios": ratios,
              "machine": {"cpus": os.cpu_count(), "python": platform.python_version()}}
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(ratios, indent=2))


if __name__ == "__main__":
    main()
