"""Document-level resampling for keyness: permutation p-values and bootstrap intervals.

``p_perm`` (``permutations=R``) shuffles group labels across the documents
of each comparison, recomputes the statistic (``perm_statistic``: unsigned
G2 or absolute log ratio, i.e. two-sided) and reports
:math:`(b + 1) / (R + 1)` where b counts shuffles at least as extreme as the
observed value. Documents, not tokens, are exchanged: words in the same text
are not independent, and G2's p-value ignores that.
``log_ratio_ci_low`` / ``log_ratio_ci_high`` (``bootstrap=R``) resample
documents with replacement within target and within reference and take the
percentile or BCa interval of the log ratio, or (``ci_method="t"``, the
default of :func:`discourse.keyness.keyness`) use the delta method on
document totals with a t quantile. With 10 documents per group the
percentile interval undercovers (see ``ci_method`` in
:func:`~discourse.keyness.keyness` for the measured coverage).

Batches are sized so that at most :data:`_BATCH_CELLS` floats are held per
batch, whatever the vocabulary; each batch has its own child seed, so the
results do not depend on ``n_jobs`` or on how the work is split.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from discourse.measures import _g2, _log_ratio

__all__ = ["CI_METHODS", "resample_keyness"]

# Upper bound on floats held per resampling batch (features x replicates);
# keeps memory near 100 MB whatever the vocabulary size.
_BATCH_CELLS = 2_000_000
# Resampling work (replicates x features) from which progress=None shows a bar.
_PROGRESS_CELLS = 5_000_000


def resample_keyness(blocks, *, matrix, codes, index, doc_sizes, permutations, perm_statistic,
              bootstrap, ci, seeds, n_jobs, progress, ci_method="percentile") -> None:
    """Add ``p_perm`` and/or the bootstrap interval to every block, in place.

    ``ci_method`` is one of :data:`CI_METHODS`: the percentile interval of
    the replicates, BCa (bias correction from the replicates, acceleration
    from leaving out one document at a time), or "t", the delta method on
    cluster (document) totals with a Welch-Satterthwaite t quantile, which
    needs no replicates.
    """
    data: dict[int, tuple] = {}
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
            data[k] = (counts_target, counts_reference, doc_sizes[target_docs], doc_sizes[reference_docs])
            if ci_method == "t":
                continue
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
            if ci_method == "t":
                b["log_ratio_ci_low"], b["log_ratio_ci_high"] = _log_ratio_t_ci(*data[k], ci)
                continue
            reps = np.concatenate(replicates[k], axis=1).astype(float)
            reps[~np.isfinite(reps)] = np.nan
            if ci_method == "bca":
                counts_target, counts_reference, sizes_target, sizes_reference = data[k]
                # Leave-one-document-out values are features x documents;
                # chunk the features so memory stays bounded like a batch.
                step = max(1, _BATCH_CELLS // (sizes_target.size + sizes_reference.size))
                acceleration = np.concatenate([
                    _acceleration(*_log_ratio_jackknife(counts_target[rows], counts_reference[rows],
                                                        sizes_target, sizes_reference))
                    for rows in (slice(i, i + step) for i in range(0, n, step))])
                low, high = _bca_ci(b["log_ratio"], reps, acceleration, ci)
            else:
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



# ---------------------------------------------------------------------------
# Interval methods shared by keyness and prevalence
# ---------------------------------------------------------------------------
#: Interval methods of the document-level bootstrap (``ci_method=``).
CI_METHODS = ("percentile", "bca", "t")


def _quantile_rows(replicates: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """Linear-interpolation quantile of each row at its own probability (NaN replicates ignored).

    ``replicates`` is (rows, B) and ``probs`` (rows,); the interpolation is
    numpy's default (``method="linear"``), the one scipy.stats.bootstrap uses.
    """
    ordered = np.sort(replicates, axis=1)  # NaN sort last
    valid = (~np.isnan(ordered)).sum(axis=1)
    with np.errstate(invalid="ignore"):
        position = probs * (valid - 1)
    ok = (valid > 0) & np.isfinite(position)
    position = np.where(ok, position, 0.0)
    below = np.floor(position).astype(np.int64)
    above = np.minimum(below + 1, np.maximum(valid - 1, 0))
    rows = np.arange(ordered.shape[0])
    low_value, high_value = ordered[rows, below], ordered[rows, above]
    frac = position - below
    with np.errstate(invalid="ignore"):
        out = low_value + frac * (high_value - low_value)
        out = np.where(frac == 0, low_value, out)
    return np.where(ok, out, np.nan)


def _acceleration(*jackknife: np.ndarray) -> np.ndarray:
    """BCa acceleration from leave-one-document-out values, one (rows, n_j) array per sample.

    Efron (1987), eq. 6.6, in the multi-sample form of scipy.stats.bootstrap:
    :math:`U_{ji} = (n_j - 1)(\\bar\\theta_{j\\cdot} - \\theta_{j(i)})`,
    :math:`a = \\frac{1}{6} \\sum_j \\sum_i U_{ji}^3 / n_j^3 \\big/
    (\\sum_j \\sum_i U_{ji}^2 / n_j^2)^{3/2}`. Zero where the jackknife
    values do not vary (a single document, or a constant statistic).
    """
    num = 0.0
    den = 0.0
    for values in jackknife:
        n = float(values.shape[1])
        if n < 2:
            continue
        u = (n - 1) * (values.mean(axis=1, keepdims=True) - values)
        num = num + (u**3).sum(axis=1) / n**3
        den = den + (u**2).sum(axis=1) / n**2
    with np.errstate(invalid="ignore", divide="ignore"):
        a = num / np.asarray(den) ** 1.5 / 6.0
    return np.where(np.isfinite(a), a, 0.0)


def _bca_ci(estimate: np.ndarray, replicates: np.ndarray, acceleration: np.ndarray,
            ci: float) -> tuple[np.ndarray, np.ndarray]:
    """BCa interval (Efron 1987) of each row of ``replicates`` (rows, B).

    The bias correction is :math:`z_0 = \\Phi^{-1}(\\#\\{\\theta^* < \\hat\\theta\\}
    + \\#\\{\\theta^* \\le \\hat\\theta\\}) / 2B)`, as in scipy.stats.bootstrap,
    so ties with the estimate count half; the interval is the replicate
    quantile at :math:`\\Phi(z_0 + (z_0 + z_\\alpha) / (1 - a (z_0 + z_\\alpha)))`.
    """
    from scipy.special import ndtr, ndtri

    estimate = np.asarray(estimate, dtype=float)[:, None]
    finite = ~np.isnan(replicates)
    b = finite.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        share_below = ((replicates < estimate).sum(axis=1) + (replicates <= estimate).sum(axis=1)) / (2.0 * b)
        z0 = ndtri(share_below)
        bounds = []
        for alpha in ((1 - ci) / 2, (1 + ci) / 2):
            z = z0 + ndtri(alpha)
            level = ndtr(z0 + z / (1 - acceleration * z))
            # The estimate above (below) every replicate makes z0 infinite; the
            # percentile level is the only defensible fallback there.
            level = np.where(np.isfinite(level), level, alpha)
            bounds.append(_quantile_rows(replicates, level))
    return bounds[0], bounds[1]


def _log_ratio_jackknife(counts_target, counts_reference, sizes_target, sizes_reference
                         ) -> tuple[np.ndarray, np.ndarray]:
    """Log ratio with each target (then each reference) document left out: (features, docs) arrays."""
    a = np.asarray(counts_target.sum(axis=1)).ravel()
    b = np.asarray(counts_reference.sum(axis=1)).ravel()
    c, d = sizes_target.sum(), sizes_reference.sum()
    # Dense features x documents; at most the size of one bootstrap batch per
    # block of documents.
    jack_t = _log_ratio(a[:, None] - counts_target.toarray(), b[:, None], c - sizes_target[None, :], d)
    jack_r = _log_ratio(a[:, None], b[:, None] - counts_reference.toarray(), c, d - sizes_reference[None, :])
    return jack_t, jack_r


def _log_ratio_t_ci(counts_target, counts_reference, sizes_target, sizes_reference, ci
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Delta-method interval of the log ratio on document totals, Welch-Satterthwaite t quantile.

    Each group's relative frequency is a ratio estimator
    :math:`\\hat p = \\sum_i x_i / \\sum_i n_i` over its documents, with
    :math:`\\operatorname{Var}(\\ln \\hat p) \\approx \\frac{G}{G-1}
    \\sum_i (x_i - \\hat p n_i)^2 / (\\sum_i x_i)^2` (linearisation, Cochran
    1977, 6.13). A feature absent from a group gets the zero-count
    substitute of :func:`discourse.measures.log_ratio` and that group's
    variance is 0.
    """
    from scipy.stats import t as student_t

    a = np.asarray(counts_target.sum(axis=1)).ravel()
    b = np.asarray(counts_reference.sum(axis=1)).ravel()
    c, d = sizes_target.sum(), sizes_reference.sum()
    estimate = _log_ratio(a, b, c, d)
    variances, dfs = [], []
    for counts, total, sizes, n in ((counts_target, a, sizes_target, c), (counts_reference, b, sizes_reference, d)):
        g = sizes.size
        p = total / n
        # sum_i (x_i - p n_i)^2 expanded, so the sparse counts never go dense;
        # the clip removes rounding below zero when x_i is exactly p n_i.
        squares = (np.asarray(counts.multiply(counts).sum(axis=1)).ravel() - 2 * p * (counts @ sizes)
                   + p**2 * (sizes @ sizes))
        squares = np.maximum(squares, 0.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            v = g / (g - 1) * squares / total**2 if g > 1 else np.full(total.shape, np.nan)
        variances.append(np.where(total > 0, v, 0.0) / np.log(2) ** 2)
        dfs.append(max(g - 1, 1))
    var = variances[0] + variances[1]
    with np.errstate(invalid="ignore", divide="ignore"):
        df = var**2 / (variances[0] ** 2 / dfs[0] + variances[1] ** 2 / dfs[1])
    df = np.where(np.isfinite(df), df, float(min(dfs)))
    half = student_t.ppf((1 + ci) / 2, df) * np.sqrt(var)
    return estimate - half, estimate + half
