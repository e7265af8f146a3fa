"""Russian lemmatizers compared: pymorphy3 vs simplemma, accuracy and speed.

Accuracy is measured on a seeded random sample of Russian word tokens from
the real corpus (``discourse.load_corpus()``, rows with ``language == "ru"``;
a token is a :func:`discourse.tokenizing.tokenize` token holding a Cyrillic
letter, drawn from all token occurrences, so frequent words weigh as they do
in a count). Each sampled token was lemmatized by hand in its context by a
Russian-literate annotator (column ``gold``; where two conventions are both
standard -- a participle as its verb or as itself -- ``gold`` lists both,
separated by ``|``). Lemmas are compared lower-cased with ё folded to е, as
``tokenize(..., lowercase=True)`` produces tokens.

Speed is tokens per second over every Russian token of the corpus with no
cache of ours (each occurrence passed to the library), best of ``--repeat``
runs.

Usage::

    python benchmarks/russian_lemmatizers.py              # accuracy + speed from the CSV
    python benchmarks/russian_lemmatizers.py --make-sample # (re)draw the sample; gold left empty

The sample and the annotations are ``benchmarks/results/russian_lemmas_sample.csv``.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from discourse import load_corpus  # noqa: E402
from discourse.tokenizing import tokenize_spans  # noqa: E402

SAMPLE = REPO / "benchmarks" / "results" / "russian_lemmas_sample.csv"
SEED = 20210815
N_SAMPLE = 300
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
COLUMNS = ["n", "doc_id", "token", "context", "pymorphy3", "simplemma", "gold",
           "pymorphy3_ok", "simplemma_ok", "note"]


def _fold(lemma: str) -> str:
    return lemma.lower().replace("ё", "е")


def _lemmatizers() -> dict:
    import pymorphy3
    import simplemma

    morph = pymorphy3.MorphAnalyzer(lang="ru")
    return {
        "pymorphy3": lambda w: _fold(morph.parse(w)[0].normal_form),
        "simplemma": lambda w: _fold(simplemma.lemmatize(w, lang="ru")),
    }


def russian_tokens() -> list[tuple[str, str, str]]:
    """``(doc_id, token, context)`` for every Cyrillic token of the Russian rows, in corpus order."""
    docs = load_corpus()
    docs = docs[docs["language"] == "ru"]
    out = []
    for doc_id, text in zip(docs["doc_id"], docs["text"]):
        for tok, s, e in tokenize_spans(text, language="ru"):
            if _CYRILLIC.search(tok):
                context = " ".join(text[max(0, s - 40):e + 40].split())
                out.append((doc_id, tok, context))
    return out


def make_sample() -> None:
    import numpy as np

    tokens = russian_tokens()
    rng = np.random.default_rng(SEED)
    picks = sorted(rng.choice(len(tokens), size=N_SAMPLE, replace=False).tolist())
    lem = _lemmatizers()
    with SAMPLE.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(COLUMNS)
        for n, i in enumerate(picks, 1):
            doc_id, tok, context = tokens[i]
            w.writerow([n, doc_id, tok, context, lem["pymorphy3"](tok), lem["simplemma"](tok), "", "", "", ""])
    print(f"wrote {N_SAMPLE} of {len(tokens)} tokens to {SAMPLE.relative_to(REPO)}")


def accuracy() -> dict[str, tuple[int, int]]:
    """Correct and total per library, recomputed from the libraries (not from the CSV's outputs)."""
    lem = _lemmatizers()
    rows = list(csv.DictReader(SAMPLE.open(encoding="utf-8")))
    if any(not r["gold"] for r in rows):
        raise SystemExit("The sample has rows without a gold lemma; annotate them first.")
    result = {}
    for name, f in lem.items():
        ok = 0
        for r in rows:
            out = f(r["token"])
            if out != r[name]:
                print(f"note: {name} now gives {out!r} for {r['token']!r} (CSV: {r[name]!r})")
            ok += out in {_fold(g) for g in r["gold"].split("|")}
        result[name] = (ok, len(rows))
    return result


def speed(repeat: int) -> dict[str, dict[str, float]]:
    words = [tok for _, tok, _ in russian_tokens()]
    out = {}
    for name in ("pymorphy3", "simplemma"):
        f = _lemmatizers()[name]
        f("дома")  # simplemma loads its Russian dictionary on first use
        best = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            for w in words:
                f(w)
            best = min(best, time.perf_counter() - t0)
        out[name] = {"tokens_per_s": len(words) / best, "tokens": len(words)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--make-sample", action="store_true", help="draw the sample (overwrites the CSV)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.make_sample:
        make_sample()
        return
    acc = accuracy()
    spd = speed(args.repeat)
    # simplemma caches lookups internally, so its figure is close to a cached one.
    print("| library | correct | accuracy | tokens/s (no cache of ours) |")
    print("| --- | --- | --- | --- |")
    for name, (ok, n) in acc.items():
        s = spd[name]
        print(f"| {name} | {ok}/{n} | {ok / n:.1%} | {s['tokens_per_s']:,.0f} |")
    print(f"speed over {spd['pymorphy3']['tokens']:,} Russian corpus tokens, best of {args.repeat}")


if __name__ == "__main__":
    main()
