"""Speed of the frame lexicon: the term index against the regular expressions it replaced.

``LexiconFrameClassifier("afghanistan").predict`` on corpus documents, in
one process, once per way of finding the terms:

* ``term index`` — what ``discourse`` does now: one Aho–Corasick pass
  (``discourse._term_index.TermIndex``), each term's regex run only where
  the term can start;
* ``regex per list`` — the previous search: ``finditer`` over each term
  list's alternation, the shared look-behind factored out
  (``FrameMatcher._regex_search``, the definition the tests hold the index to);
* ``regex per list, unfactored`` — the search before that: each term's own
  pattern, look-behind included, in one alternation per list.

Cases: the White House transcripts (the long documents of the scale issue),
every Chinese and every Russian document, and every English document (this
one without the unfactored path, which takes minutes). Every path's term
matches, on every document, must equal the term index's, and so must the
predictions, or the script stops: hits, spans and ``explain`` are computed
from those matches alone. The rest of the classifier (token and sentence
positions, computed paragraph by paragraph where there are hits) is the same
on every path. Speed is UTF-8 megabytes of text per second; one run each. Results are printed and written to ``benchmarks/results/lexicon.json``.

Usage::

    python benchmarks/bench_lexicon.py
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from discourse import load_corpus  # noqa: E402
from discourse.framing import LexiconFrameClassifier  # noqa: E402
from discourse.terms import compile_term  # noqa: E402

TARGET_MB_S = 2.5  # the scale issue's target, White House transcripts


def unfactored_search(matcher):
    """``text -> {list number: matches}`` by one alternation of whole term patterns per list."""
    lists = [t for f in matcher._frames
             for t in (f.lexicon, *f.exclude, *((f.negation,) if f.negation else ()),
                       *(x for r in f.rules for x in (r.terms, r.near)))]
    compiled = [(t.group, t.terms, re.compile("|".join(f"({compile_term(term, language=matcher.language)})"
                                                       for term in t.terms), re.IGNORECASE))
                for t in lists if t.terms]
    empty = [t.group for t in lists if not t.terms]

    def search(text):
        out = {g: [(terms[m.lastindex - 1], m.start(), m.end()) for m in pat.finditer(text)]
               for g, terms, pat in compiled}
        out.update({g: [] for g in empty})
        return out

    return search


def run_path(classifier, language, texts, search):
    """(predictions, every search result in order, seconds) with the matcher searching by ``search``."""
    matcher = classifier.matchers_[language]
    default = matcher._search
    found = []

    def recording(text):
        out = (search or default)(text)
        found.append(out)
        return out

    matcher._search = recording
    try:
        t0 = time.perf_counter()
        predicted = classifier.predict(texts)
        seconds = time.perf_counter() - t0
    finally:
        matcher._search = default
    return predicted, found, seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(REPO / "benchmarks" / "results" / "lexicon.json"))
    args = ap.parse_args()

    corpus = load_corpus()
    cases = [
        ("White House transcripts", "en", corpus[corpus["source"] == "The White House"], True),
        ("every zh document", "zh", corpus[corpus["language"] == "zh"], True),
        ("every ru document", "ru", corpus[corpus["language"] == "ru"], True),
        ("every en document", "en", corpus[corpus["language"] == "en"], False),
    ]
    rows = []
    for case, language, docs, unfactored in cases:
        if docs.empty:
            raise SystemExit(f"{case}: no documents in the corpus")
        classifier = LexiconFrameClassifier("afghanistan", language=language).fit()
        matcher = classifier.matchers_[language]
        texts = docs["text"].tolist()
        mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        paths = [("term index", None), ("regex per list", matcher._regex_search)]
        if unfactored:
            paths.append(("regex per list, unfactored", unfactored_search(matcher)))
        reference = None
        for path, search in paths:
            predicted, found, seconds = run_path(classifier, language, texts, search)
            if reference is None:
                reference = (predicted, found)
            elif not (predicted.equals(reference[0]) and found == reference[1]):
                raise SystemExit(f"{case}: {path} finds other matches than the term index")
            rows.append({"case": case, "language": language, "documents": len(texts), "mb": round(mb, 2),
                         "path": path, "seconds": round(seconds, 2), "mb_per_s": round(mb / seconds, 3)})
            print(f"{case:24} {path:28} {seconds:8.2f} s {mb / seconds:7.2f} MB/s", flush=True)

    def speed(case, path):
        return next(r["mb_per_s"] for r in rows if r["case"] == case and r["path"] == path)

    ratios = {f"{case}: term index / {path}": round(speed(case, "term index") / speed(case, path), 1)
              for case, *_ in cases for path in ("regex per list", "regex per list, unfactored")
              if any(r["case"] == case and r["path"] == path for r in rows)}
    wh = speed("White House transcripts", "term index")
    result = {"results": rows, "ratios": ratios,
              "target": {"case": "White House transcripts", "mb_per_s": TARGET_MB_S, "measured": wh,
                         "met": wh >= TARGET_MB_S},
              "machine": {"cpus": os.cpu_count(), "python": platform.python_version()}}
    Path(args.out).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(ratios, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
