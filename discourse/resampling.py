"""Document-level resampling for keyness: permutation p-values and bootstrap intervals.

``p_perm`` (``permutations=R``) shuffles group labels across the documents
of each comparison, recomputes the statistic (``perm_statistic``: unsigned
G2 or absolute log ratio, i.e. two-sided) and reports
:math:`(b + 1) / (R + 1)` where b counts shuffles at least as extreme as the
observed value. Documents, not tokens, are exchanged: words in the same text
are not independent, and G2's p-value ignores that.
``log_ratio_ci_low`` / ``log_ratio_ci_high`` (``bootstrap=R``) resample
documents with replacement within target and within reference and take the
percentile interval of the log ratio.

Batches are sized so that at most :data:`_BATCH_CELLS` floats are held per
batch, whatever the vocabulary; each batch has its own child seed, so the
results do not depend on ``n_jobs`` or on how the work is split.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from discourse.measures import _g2, _log_ratio

__all__ = ["resample_keyness"]

# Upper bound on floats held per resampling batch (features x replicates);
# keeps memory near 100 MB whatever the vocabulary size.
_BATCH_CELLS = 2_000_000
# Resampling work (replicates x features) from which progress=None shows a bar.
_PROGRESS_CELLS = 5_000_000


def resample_keyness(blocks, *, matrix, codes, index, doc_sizes, permutations, perm_statistic,
              bootstrap, ci, seeds, n_jobs, progress) -> None:
    """Add ``p_perm`` and/or the bootstrap interval to every block, in place."""
    perm_root, boot_root = seeds.spawn(2)
    perm_seeds = perm_root.spawn(len(blocks))
    boot_seeds = boot_root.spawn(len(blocks))
    # (function, arguments, block index, "perm" | "boot", replicates in the batch)
    tasks: list[tuple[Callable[..., np.ndarray], tuple, int, str, int]] = []
    for k, b in enumerate(blocks):
        keep = b["keep"]
        if keep.size == 0:
            continue
        ti = index[b["t"]]
        ri = [index[r] for r in b["refs"]]
        target_docs = np.flatnonzero(codes == ti)
        reference_docs = np.flatnonzero(np.isin(codes, ri))
        batch = max(1, _BATCH_CELLS // keep.size)
        if permutations:
            docs = np.concatenate([target_docs, reference_docs])
            # features x documents, so one sparse @ dense product sums a whole
            # batch of shuffles (the dense side is the 0/1 indicator matrix).
            counts_t = matrix[docs][:, keep].T.tocsr()
            is_target = np.zeros(docs.size)
            is_target[: target_docs.size] = 1.0
            observed = np.abs(b["g2"] if perm_statistic == "g2" else b["log_ratio"])
            totals = (b["n_target"] + b["n_reference"], b["c"] + b["d"])
            sizes = _split(permutations, batch)
            for size, seed in zip(sizes, perm_seeds[k].spawn(len(sizes))):
                tasks.append((_permutation_batch,
                              (counts_t, doc_sizes[docs], is_target, totals, observed, perm_statistic, size, seed),
                              k, "perm", size))
        if bootstrap:
            counts_target = matrix[target_docs][:, keep].T.tocsr()
            counts_reference = matrix[reference_docs][:, keep].T.tocsr()
            sizes = _split(bootstrap, batch)
            for size, seed in zip(sizes, boot_seeds[k].spawn(len(sizes))):
                tasks.append((_bootstrap_batch,
                              (counts_target, counts_reference, doc_sizes[target_docs],
                               doc_sizes[reference_docs], size, seed),
                              k, "boot", size))

    if progress is None:
        # Only runs that take seconds deserve a bar (about 2 s per 5e6 cells).
        work = sum(size * blocks[k]["keep"].size for *_, k, _, size in tasks)
        progress = work >= _PROGRESS_CELLS
    results = _run(tasks, n_jobs=n_jobs, progress=progress)
    exceed: dict[int, np.ndarray] = {}
    replicates: dict[int, list[np.ndarray]] = {}
    for (_, _, k, kind, _), result in zip(tasks, results):
        if kind == "perm":
            exceed[k] = exceed.get(k, 0) + result
        else:
            replicates.setdefault(k, []).append(result)
    lo_q, hi_q = (1.0 - ci) / 2.0, (1.0 + ci) / 2.0
    for k, b in enumerate(blocks):
        n = b["keep"].size
        if permutations:
            b["p_perm"] = (np.asarray(exceed.get(k, np.zeros(n))) + 1.0) / (permutations + 1.0)
        if bootstrap:
            if n == 0:
                b["log_ratio_ci_low"] = b["log_ratio_ci_high"] = np.zeros(0)
                continue
            reps = np.concatenate(replicates[k], axis=1).astype(float)
            reps[~np.isfinite(reps)] = np.nan
            quantile = np.nanquantile if np.isnan(reps).any() else np.quantile
            with np.errstate(invalid="ignore"):
                low, high = quantile(reps, [lo_q, hi_q], axis=1)
            b["log_ratio_ci_low"], b["log_ratio_ci_high"] = low, high


def _split(total: int, batch: int) -> list[int]:
    return [min(batch, total - start) for start in range(0, total, batch)]


def _run(tasks, *, n_jobs, progress: bool) -> list[np.ndarray]:
    from tqdm.auto import tqdm

    bar = tqdm(total=len(tasks), desc="keyness resampling", unit="batch", disable=not progress, leave=False)
    try:
        if n_jobs in (1, None) or len(tasks) < 2:
            results = []
            for fn, args, *_ in tasks:
                results.append(fn(*args))
                bar.update()
            return results
        from joblib import Parallel, delayed

        # Threads: the work is numpy/scipy kernels that release the GIL, and
        # the count matrices are shared instead of being pickled per worker.
        try:
            parallel = Parallel(n_jobs=n_jobs, prefer="threads", return_as="generator")
        except TypeError:  # joblib < 1.3 has no generator output; the bar then jumps at the end
            parallel = Parallel(n_jobs=n_jobs, prefer="threads")
        results = []
        for result in parallel(delayed(fn)(*args) for fn, args, *_ in tasks):
            results.append(result)
            bar.update()
        return results
    finally:
        bar.close()


def _permutation_batch(counts_t, sizes, is_target, totals, observed, statistic, size, seed) -> np.ndarray:
    """How often a shuffle of document labels is at least as extreme as observed."""
    rng = np.random.default_rng(seed)
    n_docs = is_target.size
    shuffled = is_target[np.argsort(rng.random((size, n_docs)), axis=1)].T  # docs x size
    a = counts_t @ shuffled
    c = sizes @ shuffled
    row, n = totals
    b = row[:, None] - a
    d = n - c
    stat = np.abs(_g2(a, b, c, d) if statistic == "g2" else _log_ratio(a, b, c, d))
    # Relative tolerance: a shuffle that reproduces the observed split must
    # count as "as extreme" despite floating-point noise.
    return (stat >= observed[:, None] * (1 - 1e-9) - 1e-12).sum(axis=1)


def _bootstrap_batch(counts_target, counts_reference, sizes_target, sizes_reference, size, seed) -> np.ndarray:
    """Log ratio under ``size`` resamples of documents within each group (float32)."""
    rng = np.random.default_rng(seed)
    w_t = rng.multinomial(sizes_target.size, np.full(sizes_target.size, 1 / sizes_target.size), size=size).T
    w_r = rng.multinomial(sizes_reference.size, np.full(sizes_reference.size, 1 / sizes_reference.size),
                          size=size).T
    a = counts_target @ w_t.astype(float)
    b = counts_reference @ w_r.astype(float)
    c = sizes_target @ w_t
    d = sizes_reference @ w_r
    return _log_ratio(a, b, np.broadcast_to(c, a.shape), np.broadcast_to(d, b.shape)).astype(np.float32)

