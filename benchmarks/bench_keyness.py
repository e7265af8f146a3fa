"""Benchmark :func:`discourse.comparing.keyness` on synthetic Zipfian counts.

Not a test: run it by hand, ``python benchmarks/bench_keyness.py``. It
builds a seeded document-feature matrix (3 groups, 100,000 features, about
3,000 documents whose lengths and word choices follow a Zipf law with a
group-specific tilt), times ``keyness`` with every measure (median of 5
runs), then the permutation test and the bootstrap on the 10,000 most
frequent features. Prints a Markdown table and writes
``benchmarks/results/keyness.json``.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
from scipy import sparse

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from discourse.comparing import keyness  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "keyness.json"


def synthetic_dfm(n_docs: int, n_features: int, groups: tuple[str, ...], seed: int) -> SimpleNamespace:
    """Zipfian counts; each group multiplies the shared word distribution by its own log-normal tilt."""
    rng = np.random.default_rng(seed)
    base = 1.0 / np.arange(1, n_features + 1) ** 1.07
    labels = rng.choice(groups, size=n_docs)
    lengths = rng.integers(100, 1500, size=n_docs)
    rows, cols = [], []
    for g in groups:
        p = base * rng.lognormal(0.0, 0.5, size=n_features)
        p /= p.sum()
        docs = np.flatnonzero(labels == g)
        n_tokens = lengths[docs].sum()
        cols.append(rng.choice(n_features, size=n_tokens, p=p))
        rows.append(np.repeat(docs, lengths[docs]))
    rows, cols = np.concatenate(rows), np.concatenate(cols)
    matrix = sparse.csr_matrix((np.ones(rows.size, dtype=np.int64), (rows, cols)), shape=(n_docs, n_features))
    matrix.sum_duplicates()
    return SimpleNamespace(
        matrix=matrix,
        features=np.array([f"w{i}" for i in range(n_features)], dtype=object),
        docvars=pd.DataFrame({"doc_id": [f"d{i}" for i in range(n_docs)], "bloc": labels}),
    )


def subset(counts: SimpleNamespace, n_features: int) -> SimpleNamespace:
    top = np.argsort(-np.asarray(counts.matrix.sum(axis=0)).ravel(), kind="stable")[:n_features]
    return SimpleNamespace(matrix=counts.matrix[:, top], features=counts.features[top], docvars=counts.docvars)


def timed(fn, repeats: int) -> tuple[float, list[float], pd.DataFrame]:
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--features", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--resamples", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args()

    t0 = time.perf_counter()
    counts = synthetic_dfm(args.docs, args.features, ("CN", "RU", "US"), args.seed)
    build = time.perf_counter() - t0
    small = subset(counts, 10_000)
    cores = os.cpu_count() or 1
    rows = []

    def record(name, fn, repeats, n_features):
        median, times, table = timed(fn, repeats)
        rows.append({"case": name, "n_features": n_features, "n_docs": args.docs, "repeats": repeats,
                     "median_s": round(median, 4), "times_s": [round(t, 4) for t in times],
                     "rows_out": int(len(table))})

    record("all measures, one_vs_rest (3 comparisons)",
           lambda: keyness(counts, by="bloc"), args.repeats, args.features)
    record("all measures, pairwise (3 comparisons)",
           lambda: keyness(counts, by="bloc", comparison="pairwise"), args.repeats, args.features)
    record("all measures, no dispersion, one_vs_rest",
           lambda: keyness(counts, by="bloc", dispersion=None), args.repeats, args.features)
    r = args.resamples
    record(f"permutations={r}, n_jobs=1", lambda: keyness(small, by="bloc", permutations=r, random_state=1,
                                                         progress=False), 1, 10_000)
    record(f"permutations={r}, n_jobs={cores}", lambda: keyness(small, by="bloc", permutations=r, random_state=1,
                                                                n_jobs=cores, progress=False), 1, 10_000)
    record(f"bootstrap={r}, n_jobs=1", lambda: keyness(small, by="bloc", bootstrap=r, random_state=1,
                                                      progress=False), 1, 10_000)
    record(f"permutations={r} + bootstrap={r}, n_jobs={cores}",
           lambda: keyness(small, by="bloc", permutations=r, bootstrap=r, random_state=1, n_jobs=cores,
                           progress=False), 1, 10_000)

    nnz = int(counts.matrix.nnz)
    tokens = int(counts.matrix.sum())
    print(f"\nSynthetic DFM: {args.docs} documents x {args.features} features, {tokens:,} tokens, "
          f"{nnz:,} non-zero cells (built in {build:.1f} s); {cores} CPU cores, numpy {np.__version__}.\n")
    print("| case | features | runs | median (s) | rows out |")
    print("|---|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['case']} | {row['n_features']:,} | {row['repeats']} | {row['median_s']:.3f} | "
              f"{row['rows_out']:,} |")

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "benchmark": "keyness",
        "synthetic": {"n_docs": args.docs, "n_features": args.features, "tokens": tokens, "nnz": nnz,
                      "groups": ["CN", "RU", "US"], "seed": args.seed, "zipf_exponent": 1.07},
        "machine": {"python": platform.python_version(), "numpy": np.__version__, "cpu_count": cores,
                    "platform": platform.platform()},
        "results": rows,
    }, indent=2) + "\n")
    print(f"\nwrote {RESULTS.relative_to(Path.cwd()) if RESULTS.is_relative_to(Path.cwd()) else RESULTS}")


if __name__ == "__main__":
    main()
