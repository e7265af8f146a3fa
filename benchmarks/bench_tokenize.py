"""Throughput of tokenizing + counting: discourse vs scikit-learn vs NLTK.

Replicates the corpus texts of each language until they hold at least
``--min-tokens`` tokens (1 million by default, counted with
``discourse.tokenizing.tokenize``), then times building a document-term
count matrix from them:

* ``discourse`` — ``DfmVectorizer(language=...).fit_transform`` with
  ``n_jobs=1`` and ``n_jobs=2`` (English; ``n_jobs=1`` for ru and zh);
* ``sklearn`` — ``CountVectorizer()`` with its default settings;
* ``nltk`` — ``TreebankWordTokenizer().tokenize(text.lower())`` and a
  ``collections.Counter`` per document (no matrix: a lower bound on the
  cost of an NLTK pipeline).

Throughput is reported in the same unit for every method: tokens (as
discourse counts them) per second of wall time, best of ``--repeat`` runs.
Texts come from ``discourse.load_corpus()`` when it exists, otherwise from
the staged JSONL files under ``--sources``. Results are printed as a
Markdown table and written to ``benchmarks/results/tokenize.json``.

Usage::

    python benchmarks/bench_tokenize.py [--sources ../shared/sources] [--min-tokens 1000000]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from discourse.counting import DfmVectorizer  # noqa: E402
from discourse.tokenizing import tokenize  # noqa: E402

SOURCE_FILES = {
    "en": [
        "whitehouse_briefing_room/whitehouse_afghanistan_2021_2022.jsonl",
        "ungdc/ungdc_2019_2023_subset.jsonl",
        "xi_speeches_interpret_china/xi_speeches_2020_2022.jsonl",
        "us_nyt_afghanistan_withdrawal_kbec19/nyt_afghanistan_withdrawal_2020-02_2021-09.jsonl",
    ],
    "ru": [
        "ru_state_media_lobsterbush_2021_2022/ru_1tv_background_2021-08-01_2021-09-30.jsonl",
        "ru_1tv_channel_one_2021_lobsterbush/1tv_2021_afghanistan_ru.jsonl",
    ],
    "zh": ["cn_cctv_xinwenlianbo_2021_2022_chinadata/xwlb_2021_2022_zh.jsonl"],
}


def load_texts(sources: Path) -> tuple[dict[str, list[str]], str]:
    """Return texts per language and a description of where they came from."""
    try:
        from discourse import load_corpus  # type: ignore[attr-defined]

        corpus = load_corpus()
        texts = {lang: corpus.loc[corpus["language"] == lang, "text"].tolist() for lang in ("en", "ru", "zh")}
        if all(texts.values()):
            return texts, "discourse.load_corpus()"
    except Exception:  # loader absent or not built yet: fall back to staged sources
        pass
    texts = {}
    for lang, files in SOURCE_FILES.items():
        texts[lang] = []
        for rel in files:
            with (sources / rel).open(encoding="utf-8") as fh:
                for line in fh:
                    doc = json.loads(line)
                    if doc.get("language", lang) == lang and doc.get("text"):
                        texts[lang].append(doc["text"])
    return texts, f"JSONL files under {sources}"


def replicate(texts: list[str], language: str, min_tokens: int) -> tuple[list[str], int]:
    """Repeat ``texts`` (in order) until they hold at least ``min_tokens`` tokens."""
    out: list[str] = []
    n = 0
    while n < min_tokens:
        for t in texts:
            out.append(t)
            n += len(tokenize(t, language=language))
            if n >= min_tokens:
                break
    return out, n


def best_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def nltk_pipeline(texts: list[str]) -> list[Counter]:
    from nltk.tokenize import TreebankWordTokenizer

    tok = TreebankWordTokenizer()
    return [Counter(tok.tokenize(t.lower())) for t in texts]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, default=REPO.parent / "shared" / "sources")
    parser.add_argument("--min-tokens", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "tokenize.json")
    args = parser.parse_args(argv)

    texts, origin = load_texts(args.sources)
    rows = []

    def record(language: str, method: str, seconds: float, n_tokens: int, n_docs: int) -> None:
        rows.append({"language": language, "method": method, "seconds": round(seconds, 3),
                     "tokens": n_tokens, "documents": n_docs, "tokens_per_s": round(n_tokens / seconds)})
        print(f"  {language} {method}: {seconds:.2f} s", file=sys.stderr)

    for language in ("en", "ru", "zh"):
        docs, n_tok = replicate(texts[language], language, args.min_tokens)
        print(f"[{language}] {len(docs)} documents, {n_tok} tokens", file=sys.stderr)
        tokenize(docs[0], language=language)  # load jieba / stemmer data outside the timing
        jobs = (1, 2) if language == "en" else (1,)
        for n_jobs in jobs:
            vec = DfmVectorizer(language=language, n_jobs=n_jobs)
            record(language, f"discourse DfmVectorizer n_jobs={n_jobs}",
                   best_time(lambda: vec.fit_transform(docs), args.repeat), n_tok, len(docs))
        if language == "en":
            from sklearn.feature_extraction.text import CountVectorizer

            record(language, "sklearn CountVectorizer (default)",
                   best_time(lambda: CountVectorizer().fit_transform(docs), args.repeat), n_tok, len(docs))
            record(language, "nltk TreebankWordTokenizer + Counter",
                   best_time(lambda: nltk_pipeline(docs), 1), n_tok, len(docs))

    def rate(method: str) -> float:
        return next(r["tokens_per_s"] for r in rows if r["language"] == "en" and r["method"] == method)

    ours = rate("discourse DfmVectorizer n_jobs=1")
    ratios = {
        "discourse_n_jobs=1 / sklearn": round(ours / rate("sklearn CountVectorizer (default)"), 2),
        "discourse_n_jobs=2 / sklearn": round(rate("discourse DfmVectorizer n_jobs=2")
                                              / rate("sklearn CountVectorizer (default)"), 2),
        "discourse_n_jobs=1 / nltk": round(ours / rate("nltk TreebankWordTokenizer + Counter"), 2),
    }
    targets = {"discourse_n_jobs=1 / sklearn": 0.5, "discourse_n_jobs=1 / nltk": 5.0}

    print("\n| language | method | documents | tokens | seconds | tokens/s |")
    print("|---|---|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['language']} | {r['method']} | {r['documents']:,} | {r['tokens']:,} | "
              f"{r['seconds']:.2f} | {r['tokens_per_s']:,} |")
    print("\n| ratio (English) | value | target |")
    print("|---|---:|---:|")
    for k, v in ratios.items():
        print(f"| {k} | {v:.2f}× | {('≥ %.1f×' % targets[k]) if k in targets else ''} |")

    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "texts_from": origin,
        "min_tokens": args.min_tokens,
        "repeat": args.repeat,
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count()},
        "results": rows,
        "ratios": ratios,
        "targets": targets,
    }
    args.out.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
