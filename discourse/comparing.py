"""Keyness: which words set one group of documents apart from another.

:func:`keyness` takes a document-feature matrix (or a document table, which it
counts with :func:`discourse.counting.dfm`) and a document variable naming
groups (``by="bloc"``), and returns one tidy table with a row per feature per
comparison: US vs the rest, CN vs RU, and so on. Every statistic in it is also
exported as a plain function of numpy arrays, vectorised over features, so
that each can be checked on its own.

The 2 x 2 table behind every measure
------------------------------------
For a feature and a comparison, ``a`` and ``b`` are its counts in the target
and the reference, ``c`` and ``d`` the token totals of target and reference::

                     target     reference    total
    feature            a            b         a + b
    all other tokens   c - a        d - b     N - a - b
    total              c            d         N = c + d

Measures
--------
``g2``
    Dunning's log-likelihood, the full four-cell form
    :math:`G^2 = 2 \\sum_{ij} O_{ij} \\ln(O_{ij}/E_{ij})` with
    :math:`E_{ij}` = row total x column total / N and :math:`0 \\ln 0 = 0`.
    Signed: positive when the feature is relatively more frequent in the
    target (:math:`a/c > b/d`), negative when less. ``p`` is the upper tail
    of the chi-square distribution with 1 df at :math:`|G^2|`; ``p_adj`` is
    Benjamini-Hochberg over every row of the returned table.
``chi2``
    Pearson's :math:`X^2 = N (a(d-b) - b(c-a))^2 / ((a+b)(N-a-b)cd)`,
    without Yates' continuity correction (the cells of a corpus table are
    large; the correction is a small-sample device). Unsigned.
``log_ratio``
    Hardie's (2014, "Log Ratio - an informal introduction", CASS) binary log
    of the ratio of relative frequencies, :math:`\\log_2((a/c)/(b/d))`. A zero
    count (and only a zero count) is replaced by 0.5 before dividing, so a
    feature found in one group only has a finite value. 1 means twice as
    frequent, -1 half as frequent.
``lrc``
    Evert's conservative log ratio: the bound of a confidence interval for
    the log ratio that lies closer to zero, and 0 when the interval contains
    zero. The interval is the exact conditional-Poisson one: a Clopper-Pearson
    interval :math:`[\\pi_l, \\pi_u]` for the binomial proportion
    :math:`\\pi = a / (a + b)`, at two-sided level :math:`\\alpha / m`
    (Bonferroni over the :math:`m` features tested in the comparison), mapped
    to :math:`\\log_2(\\frac{d}{c} \\frac{\\pi}{1 - \\pi})`. This follows the
    reference implementation ``keyness(measure="LRC")`` in Evert's R package
    *corpora* (``R/keyness.R``, ``.LRC`` and ``prop.cint``; Evert 2022), which
    is what CQPweb and LancsBox report as LRC.
``pct_diff``
    Gabrielatos & Marchi's (2012) %DIFF,
    :math:`100 (NF_t - NF_r) / NF_r` on frequencies per million. A zero
    reference frequency is replaced by :data:`PCT_DIFF_ZERO` (1e-18 per
    million) so the value is huge but finite and sorts first.
``log_odds_z``
    Monroe, Colaresi & Quinn (2008, *Political Analysis* 16:372, eqs. 16-22)
    weighted log-odds with a Dirichlet prior. With :math:`y^i_w` the counts,
    :math:`n^i` the token total and :math:`\\alpha_0 = \\sum_w \\alpha_w`,
    :math:`\\delta_w = \\ln\\frac{y^i_w + \\alpha_w}{n^i + \\alpha_0 - y^i_w -
    \\alpha_w} - \\ln\\frac{y^j_w + \\alpha_w}{n^j + \\alpha_0 - y^j_w -
    \\alpha_w}`, :math:`\\sigma^2_w \\approx 1/(y^i_w + \\alpha_w) + 1/(y^j_w +
    \\alpha_w)` and the reported z is :math:`\\delta_w / \\sigma_w`. The
    informative prior takes :math:`\\alpha_w` proportional to the feature's
    count in the whole input (all groups), as in their section 3.5.
``dispersion``
    Gries' (2008) DP of the feature across the target group's documents:
    with :math:`s_i` each document's share of the group's tokens and
    :math:`v_i` its share of the feature's occurrences,
    :math:`DP = \\frac12 \\sum_i |v_i - s_i|`, 0 = spread exactly like the
    text, towards 1 = concentrated in few documents. ``dispersion="dp_norm"``
    divides by :math:`1 - \\min_i s_i` (Lijffijt & Gries 2012), so that the
    maximum is 1 whatever the document sizes.

Resampling
----------
``p_perm`` (``permutations=R``) shuffles group labels across the documents
of each comparison, recomputes the statistic (``perm_statistic``: unsigned
G2 or absolute log ratio, i.e. two-sided) and reports
:math:`(b + 1) / (R + 1)` where b counts shuffles at least as extreme as the
observed value. Documents, not tokens, are exchanged: words in the same text
are not independent, and G2's p-value ignores that.
``log_ratio_ci_low`` / ``log_ratio_ci_high`` (``bootstrap=R``) resample
documents with replacement within target and within reference and take the
percentile interval of the log ratio.
"""
from __future__ import annotations

import numbers
from collections.abc import Callable, Hashable, Sequence
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy import sparse
from scipy.special import betaincinv, erfc, xlogy

from discourse._errors import DiscourseError, check_option, invalid_value_message
from discourse._validation import check_count, check_probability, python_scalar, seed_sequence

__all__ = [
    "COMPARISONS",
    "DISPERSIONS",
    "KEYNESS_COLUMNS",
    "PCT_DIFF_ZERO",
    "PERM_STATISTICS",
    "PRIORS",
    "ZERO_COUNT",
    "benjamini_hochberg",
    "conservative_log_ratio",
    "dp_dispersion",
    "keyness",
    "log_likelihood_g2",
    "log_odds_dirichlet",
    "log_ratio",
    "pearson_chi2",
    "percent_diff",
]

COMPARISONS = ("one_vs_rest", "pairwise")
PRIORS = ("informative", "uniform")
DISPERSIONS = ("dp", "dp_norm", None)
PERM_STATISTICS = ("g2", "log_ratio")
#: Hardie (2014): a zero count is replaced by this before taking the log ratio.
ZERO_COUNT = 0.5
#: Frequency per million that stands in for a zero reference frequency in %DIFF.
PCT_DIFF_ZERO = 1e-18
PER_MILLION = 1_000_000.0
#: Uniform prior pseudo-count per feature when ``prior="uniform"`` and no scale
#: is given (the "uninformative" value in Monroe et al. 2008).
UNIFORM_ALPHA = 0.01
KEYNESS_COLUMNS = [
    "feature", "target", "reference", "n_target", "n_reference", "freq_target",
    "freq_reference", "docfreq_target", "docfreq_reference", "g2", "p", "p_adj", "chi2",
    "log_ratio", "lrc", "pct_diff", "log_odds_z", "dispersion",
]
# Upper bound on floats held per resampling batch (features x replicates);
# keeps memory near 100 MB whatever the vocabulary size.
_BATCH_CELLS = 2_000_000
# Resampling work (replicates x features) from which progress=None shows a bar.
_PROGRESS_CELLS = 5_000_000


# ---------------------------------------------------------------------------
# Per-measure functions (numpy arrays in, numpy arrays out)
# ---------------------------------------------------------------------------
def _counts(a: ArrayLike, b: ArrayLike, c: ArrayLike, d: ArrayLike) -> tuple[np.ndarray, ...]:
    """Broadcast the four margins to float arrays and check they form a table."""
    arrays = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (a, b, c, d)))
    for name, arr in zip("abcd", arrays):
        if np.any(arr < 0) or np.any(np.isnan(arr)):
            raise DiscourseError(
                invalid_value_message(name, _first_bad(arr, (arr < 0) | np.isnan(arr)),
                                      hint="Counts and totals must be non-negative numbers.")
            )
    a, b, c, d = arrays
    for part, total, pname, tname in ((a, c, "a", "c"), (b, d, "b", "d")):
        if np.any(part > total):
            raise DiscourseError(
                invalid_value_message(
                    pname, _first_bad(part, part > total),
                    hint=f"A feature's count cannot exceed the token total `{tname}`.",
                )
            )
    return a, b, c, d


def _first_bad(arr: np.ndarray, bad: np.ndarray) -> Any:
    return arr[bad].flat[0].item() if np.any(bad) else None


def _g2(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Signed G2 without input checks (the hot path of the permutation test)."""
    n = c + d
    row = a + b
    with np.errstate(divide="ignore", invalid="ignore"):
        e11 = c * row / n
        e12 = d * row / n
        e21 = c - e11
        e22 = d - e12
        g2 = (
            xlogy(a, np.divide(a, e11, out=np.ones_like(e11), where=e11 > 0))
            + xlogy(b, np.divide(b, e12, out=np.ones_like(e12), where=e12 > 0))
            + xlogy(c - a, np.divide(c - a, e21, out=np.ones_like(e21), where=e21 > 0))
            + xlogy(d - b, np.divide(d - b, e22, out=np.ones_like(e22), where=e22 > 0))
        )
    # The four terms cancel to ~0 for features used at the same rate; rounding
    # must not turn that into a small negative statistic.
    g2 = 2.0 * np.maximum(g2, 0.0)
    return np.where(a * d >= b * c, g2, -g2)


def log_likelihood_g2(
    a: ArrayLike, b: ArrayLike, c: ArrayLike, d: ArrayLike, *, signed: bool = True
) -> np.ndarray:
    """Dunning's log-likelihood G2 for each feature's 2 x 2 table.

    The table is ``[[a, b], [c - a, d - b]]``: column 1 is the target, column
    2 the reference; row 1 the feature, row 2 every other token.

    Parameters
    ----------
    a, b : array-like
        Counts of each feature in the target and in the reference.
    c, d : array-like or float
        Token totals of the target and of the reference (broadcast).
    signed : bool, default True
        Give G2 the sign of ``a/c - b/d`` (positive = used more in the target).

    Returns
    -------
    numpy.ndarray
        G2 per feature (four-cell form, ``0 * log 0 = 0``).

    Raises
    ------
    DiscourseError
        If a count is negative or larger than its total.

    Examples
    --------
    >>> log_likelihood_g2([10, 0], [5, 5], 1000, 1000).round(4)
    array([ 1.7116, -6.944 ])
    """
    g2 = _g2(*_counts(a, b, c, d))
    return g2 if signed else np.abs(g2)


def pearson_chi2(a: ArrayLike, b: ArrayLike, c: ArrayLike, d: ArrayLike) -> np.ndarray:
    """Pearson's chi-square for each feature's 2 x 2 table, without Yates' correction.

    Same table layout as :func:`log_likelihood_g2`. Unsigned. A degenerate
    table (the feature is every token, or no token) gives 0.

    Parameters
    ----------
    a, b : array-like
        Counts of each feature in the target and in the reference.
    c, d : array-like or float
        Token totals of the target and of the reference.

    Returns
    -------
    numpy.ndarray
        :math:`N (ad - bc)^2 / ((a+b)(N-a-b)cd)` per feature.

    Raises
    ------
    DiscourseError
        If a count is negative or larger than its total.

    Examples
    --------
    >>> pearson_chi2([10], [5], 1000, 1000).round(4)
    array([1.6793])
    """
    a, b, c, d = _counts(a, b, c, d)
    return _chi2(a, b, c, d)


def _chi2(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
    n = c + d
    row = a + b
    num = n * (a * d - b * c) ** 2  # a(d-b) - b(c-a) simplifies to ad - bc
    den = row * (n - row) * c * d
    return np.divide(num, den, out=np.zeros_like(num), where=den > 0)


def log_ratio(a: ArrayLike, b: ArrayLike, c: ArrayLike, d: ArrayLike) -> np.ndarray:
    """Hardie's Log Ratio: ``log2((a / c) / (b / d))``, zero counts set to 0.5.

    Only a count of exactly zero is replaced (by :data:`ZERO_COUNT` = 0.5);
    other counts are used as they are (unlike the Walter-style +0.5 on every
    count in some implementations). A feature absent from both sides gets
    ``log2(d / c)``; :func:`keyness` never reports such features.

    Parameters
    ----------
    a, b : array-like
        Counts of each feature in the target and in the reference.
    c, d : array-like or float
        Token totals of the target and of the reference.

    Returns
    -------
    numpy.ndarray
        Binary log of the ratio of relative frequencies (1 = twice as frequent).

    Raises
    ------
    DiscourseError
        If a count is negative or larger than its total.

    Examples
    --------
    >>> log_ratio([20, 5, 0], [10, 20, 4], 1000, 1000)
    array([ 1., -2., -3.])
    """
    return _log_ratio(*_counts(a, b, c, d))


def _log_ratio(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
    a = np.where(a == 0, ZERO_COUNT, a)
    b = np.where(b == 0, ZERO_COUNT, b)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log2(a * d) - np.log2(b * c)


def conservative_log_ratio(
    a: ArrayLike,
    b: ArrayLike,
    c: ArrayLike,
    d: ArrayLike,
    *,
    conf_level: float = 0.95,
    family_size: int | None = None,
) -> np.ndarray:
    """Evert's conservative log ratio (LRC), Bonferroni-corrected.

    The Clopper-Pearson interval for ``a / (a + b)`` at two-sided level
    ``(1 - conf_level) / family_size`` is mapped to the log ratio scale,
    ``log2(d / c * pi / (1 - pi))``; LRC is the bound nearer to zero, or 0
    when the interval contains zero. Implements ``.LRC`` of
    ``corpora::keyness`` (Evert 2022; R package *corpora*, ``R/keyness.R``).

    Parameters
    ----------
    a, b : array-like
        Counts of each feature in the target and in the reference.
    c, d : array-like or float
        Token totals of the target and of the reference.
    conf_level : float, default 0.95
        Family-wise confidence level, in (0, 1).
    family_size : int, optional
        Number of simultaneous tests for the Bonferroni correction; default
        the number of features passed. ``1`` switches the correction off.

    Returns
    -------
    numpy.ndarray
        LRC per feature; NaN where ``a + b == 0``.

    Raises
    ------
    DiscourseError
        If a count is invalid, ``conf_level`` is outside (0, 1) or
        ``family_size`` is not a positive integer.

    Examples
    --------
    >>> conservative_log_ratio([100, 3], [10, 2], 100_000, 100_000).round(3)
    array([2.272, 0.   ])
    """
    a, b, c, d = _counts(a, b, c, d)
    check_probability("conf_level", conf_level)
    if family_size is None:
        family_size = max(a.size, 1)
    if isinstance(family_size, bool) or not isinstance(family_size, numbers.Integral) or family_size < 1:
        raise DiscourseError(
            invalid_value_message("family_size", family_size, hint="It must be a positive integer.")
        )
    return _lrc(a, b, c, d, conf_level=conf_level, family_size=int(family_size))


def _lrc(a, b, c, d, *, conf_level: float, family_size: int) -> np.ndarray:
    a, b, c, d = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (a, b, c, d)))
    alpha = (1.0 - conf_level) / 2.0 / family_size
    n = a + b
    out = np.full(a.shape, np.nan)
    over = (a * d >= b * c) & (n > 0)  # target relatively more frequent: use lower bound
    under = (a * d < b * c) & (n > 0)  # (implies b > 0, so the upper bound is < 1)
    # Only one bound per feature is needed; betaincinv is the costly call here.
    k, m = a[over], n[over]
    lower = np.zeros_like(k)
    pos = k > 0
    lower[pos] = betaincinv(k[pos], m[pos] - k[pos] + 1.0, alpha)
    with np.errstate(divide="ignore"):
        out[over] = np.maximum(np.log2(d[over] / c[over] * lower / (1.0 - lower)), 0.0)
    k, m = a[under], n[under]
    upper = betaincinv(k + 1.0, m - k, 1.0 - alpha)
    with np.errstate(divide="ignore"):
        out[under] = np.minimum(np.log2(d[under] / c[under] * upper / (1.0 - upper)), 0.0)
    return out


def percent_diff(
    a: ArrayLike, b: ArrayLike, c: ArrayLike, d: ArrayLike, *, zero: float = PCT_DIFF_ZERO
) -> np.ndarray:
    """Gabrielatos & Marchi's %DIFF on frequencies per million.

    ``100 * (NF_t - NF_r) / NF_r`` with ``NF = count / total * 1e6``; a
    reference frequency of zero is replaced by ``zero`` (per million).

    Parameters
    ----------
    a, b : array-like
        Counts of each feature in the target and in the reference.
    c, d : array-like or float
        Token totals of the target and of the reference.
    zero : float, default :data:`PCT_DIFF_ZERO` (1e-18)
        Stand-in for a zero reference frequency per million.

    Returns
    -------
    numpy.ndarray
        Percentage difference (100 = twice as frequent, -50 = half).

    Raises
    ------
    DiscourseError
        If a count is invalid or ``zero`` is not positive.

    Examples
    --------
    >>> percent_diff([20, 5], [10, 20], 1000, 1000)
    array([100., -75.])
    """
    a, b, c, d = _counts(a, b, c, d)
    if not zero > 0:
        raise DiscourseError(invalid_value_message("zero", zero, hint="It must be positive."))
    return _pct_diff(a, b, c, d, zero)


def _pct_diff(a, b, c, d, zero: float = PCT_DIFF_ZERO) -> np.ndarray:
    nf_t = a / c * PER_MILLION
    nf_r = b / d * PER_MILLION
    return 100.0 * (nf_t - nf_r) / np.where(nf_r == 0, zero, nf_r)


def log_odds_dirichlet(y_i: ArrayLike, y_j: ArrayLike, alpha: ArrayLike) -> np.ndarray:
    """Monroe et al.'s (2008) z-scored log-odds ratio with a Dirichlet prior.

    Parameters
    ----------
    y_i, y_j : array-like of shape (n_features,)
        Counts of every feature in group i and group j (the whole vocabulary:
        the token totals :math:`n^i, n^j` are their sums).
    alpha : array-like of shape (n_features,) or float
        Dirichlet prior pseudo-counts; :math:`\\alpha_0` is their sum.

    Returns
    -------
    numpy.ndarray
        :math:`\\delta_w / \\sqrt{1/(y^i_w + \\alpha_w) + 1/(y^j_w + \\alpha_w)}`;
        NaN for a feature with zero count and zero prior on either side.

    Raises
    ------
    DiscourseError
        If counts or prior are negative, or the arrays differ in length.

    Examples
    --------
    >>> log_odds_dirichlet([30, 10, 60], [10, 30, 60], 1.0).round(3)
    array([ 3.651, -3.651,  0.   ])
    """
    y_i = np.asarray(y_i, dtype=float)
    y_j = np.asarray(y_j, dtype=float)
    if y_i.ndim != 1 or y_i.shape != y_j.shape:
        raise DiscourseError(
            invalid_value_message(
                "y_j", f"<array of shape {y_j.shape}>",
                hint=f"`y_i` and `y_j` must be 1-D with the same length; `y_i` has shape {y_i.shape}.",
            )
        )
    alpha = np.broadcast_to(np.asarray(alpha, dtype=float), y_i.shape)
    for name, arr in (("y_i", y_i), ("y_j", y_j), ("alpha", alpha)):
        if np.any(arr < 0) or np.any(np.isnan(arr)):
            raise DiscourseError(
                invalid_value_message(name, _first_bad(arr, (arr < 0) | np.isnan(arr)),
                                      hint="Counts and prior must be non-negative.")
            )
    return _log_odds_z(y_i, y_j, alpha, y_i.sum(), y_j.sum(), alpha.sum())


def _log_odds_z(y_i, y_j, alpha, n_i: float, n_j: float, alpha0: float) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        post_i = y_i + alpha
        post_j = y_j + alpha
        delta = (np.log(post_i) - np.log(n_i + alpha0 - post_i)) - (
            np.log(post_j) - np.log(n_j + alpha0 - post_j)
        )
        z = delta / np.sqrt(1.0 / post_i + 1.0 / post_j)
    return np.where((post_i > 0) & (post_j > 0), z, np.nan)


def dp_dispersion(counts_per_doc: Any, doc_sizes: ArrayLike, *, norm: bool = False) -> np.ndarray:
    """Gries' (2008) deviation of proportions DP, per feature.

    Each row of ``counts_per_doc`` is a corpus part (here: a document) and
    ``doc_sizes`` its size in tokens. With :math:`s_i` the part's share of all
    tokens and :math:`v_i` its share of the feature,
    :math:`DP = \\frac12 \\sum_i |v_i - s_i|`.

    Parameters
    ----------
    counts_per_doc : array-like or scipy.sparse matrix of shape (n_parts, n_features) or (n_parts,)
        Feature counts per part.
    doc_sizes : array-like of shape (n_parts,)
        Size of each part in tokens.
    norm : bool, default False
        Return :math:`DP_{norm} = DP / (1 - \\min_i s_i)` (Lijffijt & Gries
        2012), which reaches 1 for maximal concentration whatever the part
        sizes; NaN with a single part.

    Returns
    -------
    numpy.ndarray
        DP per feature (a float if ``counts_per_doc`` is 1-D); NaN for
        features that never occur.

    Raises
    ------
    DiscourseError
        If sizes are negative or all zero, or the shapes disagree.

    Examples
    --------
    Three equally large parts, the word twice in the first and once in the
    second (Lijffijt & Gries 2012, table 1):

    >>> round(dp_dispersion([2, 1, 0], [100, 100, 100]), 4)
    0.3333
    """
    sizes = np.asarray(doc_sizes, dtype=float).ravel()
    one_feature = not sparse.issparse(counts_per_doc) and np.ndim(counts_per_doc) == 1
    counts = counts_per_doc if sparse.issparse(counts_per_doc) else np.asarray(counts_per_doc, dtype=float)
    if one_feature:
        counts = counts.reshape(-1, 1)
    if counts.ndim != 2 or counts.shape[0] != sizes.size:
        raise DiscourseError(
            invalid_value_message(
                "doc_sizes", f"<array of length {sizes.size}>",
                hint=f"It needs one size per row of `counts_per_doc` (shape {counts.shape}).",
            )
        )
    if np.any(sizes < 0) or not sizes.sum() > 0:
        raise DiscourseError(
            invalid_value_message("doc_sizes", "<sizes>", hint="Sizes must be non-negative with a positive total.")
        )
    dp = _dp(sparse.csr_matrix(counts) if sparse.issparse(counts) else counts, sizes, norm=norm)
    return float(dp[0]) if one_feature else dp


def _dp(counts, sizes: np.ndarray, *, norm: bool) -> np.ndarray:
    share = sizes / sizes.sum()
    n_features = counts.shape[1]
    if sparse.issparse(counts):
        coo = counts.tocoo()
        rows, cols, vals = coo.row, coo.col, coo.data.astype(float)
    else:
        rows, cols = np.nonzero(counts)
        vals = counts[rows, cols].astype(float)
    freq = np.bincount(cols, weights=vals, minlength=n_features)
    # Parts without the feature contribute |0 - s_i| = s_i, and all s_i sum
    # to 1, so only the non-zero cells need visiting:
    # sum_i |v_i - s_i| = 1 + sum_{nonzero} (|v_i - s_i| - s_i).
    with np.errstate(divide="ignore", invalid="ignore"):
        v = vals / freq[cols]
    s = share[rows]
    total = 1.0 + np.bincount(cols, weights=np.abs(v - s) - s, minlength=n_features)
    dp = np.clip(0.5 * total, 0.0, 1.0)
    dp[freq == 0] = np.nan
    if norm:
        with np.errstate(divide="ignore", invalid="ignore"):
            dp = dp / (1.0 - share.min()) if share.size > 1 else np.full_like(dp, np.nan)
    return dp


def benjamini_hochberg(p: ArrayLike) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values (false discovery rate).

    NaN entries are left out of the family and stay NaN.

    Parameters
    ----------
    p : array-like
        p-values in [0, 1], any shape.

    Returns
    -------
    numpy.ndarray
        Adjusted p-values, same shape: :math:`\\min_{k \\ge i} m p_{(k)} / k`,
        capped at 1.

    Raises
    ------
    DiscourseError
        If a p-value lies outside [0, 1].

    Examples
    --------
    >>> benjamini_hochberg([0.01, 0.04, 0.03, 0.20])
    array([0.04      , 0.05333333, 0.05333333, 0.2       ])
    """
    p = np.asarray(p, dtype=float)
    ok = ~np.isnan(p)
    if np.any((p[ok] < 0) | (p[ok] > 1)):
        bad = p[ok][(p[ok] < 0) | (p[ok] > 1)][0].item()
        raise DiscourseError(invalid_value_message("p", bad, hint="p-values must lie in [0, 1]."))
    out = np.full(p.shape, np.nan)
    values = p[ok]
    m = values.size
    if m == 0:
        return out
    order = np.argsort(values, kind="stable")
    scaled = values[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(scaled[::-1])[::-1]
    result = np.empty(m)
    result[order] = np.minimum(adjusted, 1.0)
    out[ok] = result
    return out


# ---------------------------------------------------------------------------
# keyness()
# ---------------------------------------------------------------------------
def _resolve_dfm(data: Any, dfm_params: dict[str, Any]) -> Any:
    if isinstance(data, pd.DataFrame):
        from discourse.counting import dfm  # counting imports the tokenizers; load only when needed

        return dfm(data, **dfm_params)
    if all(hasattr(data, attr) for attr in ("matrix", "features", "docvars")):
        if dfm_params:
            raise TypeError(
                "keyness() got tokenizer options " + ", ".join(f"`{k}`" for k in sorted(dfm_params))
                + " but `data` is already a document-feature matrix; they apply only to a DataFrame."
            )
        return data
    raise TypeError(
        f"Invalid value of type {type(data).__name__} for `data`; expected a Dfm (an object with "
        "`matrix`, `features` and `docvars`) or a DataFrame of documents with a `text` column."
    )


def _as_label_list(name: str, value: Any, groups: list[Hashable], by: str) -> list[Hashable] | None:
    if value is None:
        return None
    values = list(value) if isinstance(value, (list, tuple, set, np.ndarray, pd.Index)) else [value]
    if not values:
        raise DiscourseError(invalid_value_message(name, value, groups, hint=f"Give at least one group of `{by}`."))
    for v in values:
        if v not in groups:
            raise DiscourseError(
                invalid_value_message(name, v, groups, hint=f"These are the groups in `{by}`.")
            )
    return list(dict.fromkeys(values))


def _label(groups: Sequence[Hashable]) -> str:
    return "+".join(str(g) for g in groups)


def _plan_comparisons(
    groups: list[Hashable],
    target: list[Hashable] | None,
    reference: list[Hashable] | None,
    comparison: str,
) -> list[tuple[Hashable, list[Hashable]]]:
    """Return [(target group, reference groups)] in the order they are reported."""
    if comparison == "pairwise" and target is None and reference is None:
        return [(t, [r]) for t, r in combinations(groups, 2)]
    targets = target if target is not None else [g for g in groups if g not in (reference or [])]
    plan: list[tuple[Hashable, list[Hashable]]] = []
    for t in targets:
        refs = [g for g in (reference or groups) if g != t]
        if comparison == "pairwise":
            plan.extend((t, [r]) for r in refs)
        elif refs:
            plan.append((t, refs))
    if not plan:
        raise DiscourseError(
            invalid_value_message(
                "reference", reference, hint=f"It leaves nothing to compare target {target!r} with."
            )
        )
    return plan


def keyness(
    data: Any,
    *,
    by: str,
    target: Hashable | Sequence[Hashable] | None = None,
    reference: Hashable | Sequence[Hashable] | None = None,
    comparison: str = "one_vs_rest",
    min_count: int = 1,
    prior: str = "informative",
    prior_scale: float | None = None,
    dispersion: str | None = "dp",
    permutations: int = 0,
    perm_statistic: str = "g2",
    bootstrap: int = 0,
    ci: float = 0.95,
    random_state: int | np.random.Generator | None = None,
    n_jobs: int | None = 1,
    progress: bool | None = None,
    **dfm_params: Any,
) -> pd.DataFrame:
    """Keyness of every feature for every comparison of document groups.

    Parameters
    ----------
    data : Dfm or pandas.DataFrame
        A document-feature matrix (any object with ``matrix`` — documents x
        features, sparse counts —, ``features`` and ``docvars``) or a table of
        documents/passages, which is counted with
        :func:`discourse.counting.dfm` and ``**dfm_params``.
    by : str
        Document variable that names the groups, e.g. ``"bloc"``. Documents
        whose value is missing are left out (their number is in ``attrs``).
    target : label or list of labels, optional
        Group(s) whose characteristic vocabulary is wanted. Default: every
        group (that is not a reference) in turn.
    reference : label or list of labels, optional
        Group(s) to compare with. With ``comparison="one_vs_rest"`` the
        listed groups are pooled into one reference; default all groups but
        the target ("the rest").
    comparison : {"one_vs_rest", "pairwise"}, default "one_vs_rest"
        ``"one_vs_rest"``: each target against the pooled reference.
        ``"pairwise"``: each target against each reference group separately;
        with neither ``target`` nor ``reference`` every unordered pair is
        compared once, the target being the first of the pair in sorted order
        (CN vs RU, never also RU vs CN: the second is the first with every
        signed measure negated, and the table would double).
    min_count : int, default 1
        Keep a feature in a comparison only if ``n_target + n_reference``
        reaches this. The LRC Bonferroni family is the features kept.
    prior : {"informative", "uniform"}, default "informative"
        Dirichlet prior for ``log_odds_z``: proportional to each feature's
        count in the whole input, or the same for every feature.
    prior_scale : float, optional
        Total prior mass :math:`\\alpha_0`. Default: for ``"informative"`` the
        number of tokens in the input (so :math:`\\alpha_w` is the feature's
        total count, the usual Fightin' Words choice); for ``"uniform"``
        0.01 per feature (Monroe et al.'s uninformative prior).
    dispersion : {"dp", "dp_norm", None}, default "dp"
        Gries' DP across the target's documents, Lijffijt & Gries' normalised
        DP, or no ``dispersion`` column. NaN for a feature the target never
        uses; 0 when the target is a single document.
    permutations : int, default 0
        Number of label shuffles for ``p_perm`` (0: no column).
    perm_statistic : {"g2", "log_ratio"}, default "g2"
        Statistic of the two-sided permutation test.
    bootstrap : int, default 0
        Number of document resamples for the log-ratio interval (0: none).
    ci : float, default 0.95
        Confidence level of the bootstrap interval and (family-wise) of LRC.
    random_state : int, numpy.random.Generator or None
        Seeds the shuffles and resamples; results do not depend on ``n_jobs``.
    n_jobs : int or None, default 1
        Workers (threads) for the resampling batches; -1 uses all cores.
    progress : bool or None
        Progress bar (tqdm) for resampling; None shows it only for runs
        expected to take more than a couple of seconds.
    **dfm_params
        Passed to :func:`discourse.counting.dfm` when ``data`` is a DataFrame.

    Returns
    -------
    pandas.DataFrame
        One row per feature per comparison with columns
        :data:`KEYNESS_COLUMNS` (``dispersion`` only if requested), then
        ``p_perm`` and ``log_ratio_ci_low``, ``log_ratio_ci_high`` when
        requested. ``target`` is the group's label as text; ``reference``
        joins the pooled groups with ``+`` (e.g. ``"CN+RU+other"``).
        Frequencies are per million tokens, ``docfreq_*`` count documents
        containing the feature. Sorted by target, reference, then ``g2``
        descending. ``attrs`` records the parameters, the comparisons, tokens
        and documents per group.

    Raises
    ------
    DiscourseError
        If ``by`` is not a document variable, it holds fewer than two groups,
        ``target``/``reference`` name unknown groups, an option is not one of
        its valid values, a group has no tokens, or a count, ``ci`` or
        ``random_state`` is invalid.
    TypeError
        If ``data`` is neither a Dfm nor a DataFrame, or tokenizer options
        are given with a Dfm.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> from scipy import sparse
    >>> counts = SimpleNamespace(  # synthetic: 4 documents, 3 features
    ...     matrix=sparse.csr_matrix([[5, 1, 4], [3, 0, 7], [0, 6, 4], [1, 4, 5]]),
    ...     features=np.array(["taliban", "chaos", "withdrawal"]),
    ...     docvars=pd.DataFrame({"bloc": ["US", "US", "CN", "CN"]}),
    ... )
    >>> table = keyness(counts, by="bloc", target="US")
    >>> table[["feature", "target", "reference", "n_target", "n_reference"]]
          feature target reference  n_target  n_reference
    0     taliban     US        CN         8            1
    1  withdrawal     US        CN        11            9
    2       chaos     US        CN         1           10
    >>> table["g2"].round(2).tolist()
    [7.79, 0.4, -11.39]
    """
    comparison = check_option("comparison", comparison, COMPARISONS)
    prior = check_option("prior", prior, PRIORS)
    dispersion = check_option("dispersion", dispersion, DISPERSIONS)
    perm_statistic = check_option("perm_statistic", perm_statistic, PERM_STATISTICS)
    min_count = check_count("min_count", min_count, 1)
    permutations = check_count("permutations", permutations, 0)
    bootstrap = check_count("bootstrap", bootstrap, 0)
    check_probability("ci", ci)
    if prior_scale is not None and (
        isinstance(prior_scale, bool) or not isinstance(prior_scale, numbers.Real) or not prior_scale > 0
    ):
        raise DiscourseError(invalid_value_message("prior_scale", prior_scale, hint="It must be a positive number."))
    seeds = seed_sequence(random_state)

    dfm_obj = _resolve_dfm(data, dfm_params)
    matrix = sparse.csr_matrix(dfm_obj.matrix)
    features = np.asarray(dfm_obj.features, dtype=object)
    docvars = dfm_obj.docvars
    if matrix.shape != (len(docvars), len(features)):
        raise DiscourseError(
            invalid_value_message(
                "data", f"<Dfm with matrix {matrix.shape}>",
                hint=f"It has {len(docvars)} docvars rows and {len(features)} features; they must match.",
            )
        )
    if by not in docvars.columns:
        raise DiscourseError(invalid_value_message("by", by, list(docvars.columns), hint="These are the document variables."))

    labels = docvars[by].to_numpy()
    present = ~pd.isna(labels)
    groups = sorted(pd.unique(labels[present]), key=lambda g: (str(type(g)), g))
    if len(groups) < 2:
        found = f"only {groups[0]!r}" if groups else "no group (all values are missing)"
        raise DiscourseError(f"keyness needs at least two groups in `{by}`; found {found}.")
    target_list = _as_label_list("target", target, groups, by)
    reference_list = _as_label_list("reference", reference, groups, by)
    plan = _plan_comparisons(groups, target_list, reference_list, comparison)

    # Group sums as one sparse product: (groups x documents) indicator @ counts.
    codes = np.full(labels.shape[0], -1)
    for i, g in enumerate(groups):
        codes[present & (labels == g)] = i
    rows = np.flatnonzero(codes >= 0)
    indicator = sparse.csr_matrix(
        (np.ones(rows.size), (codes[rows], rows)), shape=(len(groups), matrix.shape[0])
    )
    group_counts = np.asarray((indicator @ matrix).todense(), dtype=float)
    binary = matrix.copy()
    binary.data = (binary.data > 0).astype(float)
    group_docfreq = np.asarray((indicator @ binary).todense(), dtype=float)
    doc_sizes = np.asarray(matrix.sum(axis=1), dtype=float).ravel()
    group_tokens = group_counts.sum(axis=1)
    group_ndocs = np.bincount(codes[rows], minlength=len(groups))
    index = {g: i for i, g in enumerate(groups)}
    used = {index[t] for t, refs in plan} | {index[r] for _, refs in plan for r in refs}
    for i in sorted(used):
        if group_tokens[i] <= 0:
            raise DiscourseError(
                f"Group {groups[i]!r} of `{by}` has no tokens ({group_ndocs[i]} documents); "
                "keyness cannot compare an empty group. Drop its documents or check the tokenizer."
            )

    # The informative prior is the whole input, including documents whose
    # group is missing or not part of any comparison.
    combined = np.asarray(matrix.sum(axis=0), dtype=float).ravel()
    n_total = combined.sum()
    if prior == "informative":
        alpha0 = float(prior_scale) if prior_scale is not None else n_total
        alpha = combined * (alpha0 / n_total)
    else:
        alpha0 = float(prior_scale) if prior_scale is not None else UNIFORM_ALPHA * len(features)
        alpha = np.full(len(features), alpha0 / len(features))

    dp_cache: dict[int, np.ndarray] = {}
    blocks: list[dict[str, Any]] = []
    for t, refs in sorted(plan, key=lambda p: (str(p[0]), _label(p[1]))):
        ti = index[t]
        ri = [index[r] for r in refs]
        a_all = group_counts[ti]
        b_all = group_counts[ri].sum(axis=0)
        c = group_tokens[ti]
        d = group_tokens[ri].sum()
        keep = np.flatnonzero(a_all + b_all >= min_count)
        a, b = a_all[keep], b_all[keep]
        g2 = _g2(a, b, c, d)
        block: dict[str, Any] = {
            "t": t, "refs": refs, "keep": keep,
            "n_target": a, "n_reference": b,
            "freq_target": a / c * PER_MILLION, "freq_reference": b / d * PER_MILLION,
            "docfreq_target": group_docfreq[ti, keep],
            "docfreq_reference": group_docfreq[ri][:, keep].sum(axis=0),
            "g2": g2, "chi2": _chi2(a, b, c, d), "log_ratio": _log_ratio(a, b, c, d),
            "lrc": _lrc(a, b, c, d, conf_level=ci, family_size=max(keep.size, 1)),
            "pct_diff": _pct_diff(a, b, c, d),
            "log_odds_z": _log_odds_z(a, b, alpha[keep], c, d, alpha0),
        }
        if dispersion is not None:
            if ti not in dp_cache:
                in_group = np.flatnonzero(codes == ti)
                dp_cache[ti] = _dp(matrix[in_group], doc_sizes[in_group], norm=dispersion == "dp_norm")
            block["dispersion"] = dp_cache[ti][keep]
        block["c"], block["d"] = c, d
        blocks.append(block)

    if permutations or bootstrap:
        _resample(
            blocks, matrix=matrix, codes=codes, index=index, doc_sizes=doc_sizes,
            permutations=permutations, perm_statistic=perm_statistic, bootstrap=bootstrap,
            ci=ci, seeds=seeds, n_jobs=n_jobs, progress=progress,
        )

    table = _assemble(blocks, features, dispersion, permutations, bootstrap)
    table.attrs = {
        "by": by,
        "comparison": comparison,
        "comparisons": [
            {"target": str(b["t"]), "reference": _label(b["refs"]),
             "reference_groups": [python_scalar(r) for r in b["refs"]], "n_features": int(b["keep"].size),
             "tokens_target": int(b["c"]), "tokens_reference": int(b["d"])}
            for b in blocks
        ],
        "tokens": {str(g): int(group_tokens[i]) for i, g in enumerate(groups)},
        "n_documents": {str(g): int(group_ndocs[i]) for i, g in enumerate(groups)},
        "n_documents_without_group": int((codes < 0).sum()),
        "min_count": min_count,
        "prior": prior,
        "prior_scale": alpha0,
        "dispersion": dispersion,
        "ci": ci,
        "lrc_correction": "bonferroni per comparison",
        "permutations": permutations,
        "perm_statistic": perm_statistic if permutations else None,
        "bootstrap": bootstrap,
        "random_state": random_state if random_state is None or isinstance(random_state, numbers.Integral)
        else repr(random_state),
    }
    return table


def _assemble(blocks, features, dispersion, permutations, bootstrap) -> pd.DataFrame:
    columns = [c for c in KEYNESS_COLUMNS if c != "dispersion" or dispersion is not None]
    if permutations:
        columns.append("p_perm")
    if bootstrap:
        columns += ["log_ratio_ci_low", "log_ratio_ci_high"]
    ordered = []
    for b in blocks:
        # stable, so ties in G2 keep the vocabulary order
        order = np.argsort(-b["g2"], kind="stable")
        ordered.append({k: (v[order] if isinstance(v, np.ndarray) and v.shape == b["keep"].shape else v)
                        for k, v in b.items()})
    sizes = [b["keep"].size for b in ordered]
    cols: dict[str, Any] = {
        "feature": np.concatenate([features[b["keep"]] for b in ordered]) if ordered else np.array([], dtype=object),
        "target": np.repeat([str(b["t"]) for b in ordered], sizes).astype(object),
        "reference": np.repeat([_label(b["refs"]) for b in ordered], sizes).astype(object),
    }
    for name in columns[3:]:
        if name in ("p", "p_adj"):
            continue
        cols[name] = np.concatenate([b[name] for b in ordered])
    cols["n_target"] = cols["n_target"].astype(np.int64)
    cols["n_reference"] = cols["n_reference"].astype(np.int64)
    cols["docfreq_target"] = cols["docfreq_target"].astype(np.int64)
    cols["docfreq_reference"] = cols["docfreq_reference"].astype(np.int64)
    # Chi-square with 1 df is a squared standard normal, so its upper tail is
    # erfc(sqrt(x / 2)); scipy's chdtrc gives the same numbers ~50x slower.
    cols["p"] = erfc(np.sqrt(np.abs(cols["g2"]) / 2.0))
    cols["p_adj"] = benjamini_hochberg(cols["p"])
    return pd.DataFrame({name: cols[name] for name in columns})


# ---------------------------------------------------------------------------
# Resampling: document-level permutation test and bootstrap
# ---------------------------------------------------------------------------
def _resample(blocks, *, matrix, codes, index, doc_sizes, permutations, perm_statistic,
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


def keyness_by(data: Any, *, split: str, by: str, **keyness_params: Any) -> pd.DataFrame:
    """Run :func:`keyness` separately within each value of ``split`` and stack the tables.

    For comparisons that must stay inside one outlet or one language (e.g.
    each outlet's Afghanistan passages against its own other passages), so
    that no comparison mixes languages or genres.

    Parameters
    ----------
    data : DataFrame
        Documents or passages with the ``split`` and ``by`` columns.
    split : str
        Column whose values define the separate analyses (``"source"``).
    by : str
        Column naming the groups compared inside each analysis.
    **keyness_params
        Passed to :func:`keyness` (``target``, ``min_count``, ``bootstrap`` ...).

    Returns
    -------
    DataFrame
        The keyness tables with ``split`` as first column. ``p_adj`` is
        recomputed (Benjamini-Hochberg) across the stacked table.

    Raises
    ------
    ValueError
        If ``split`` is not a column of ``data``.
    """
    if not isinstance(data, pd.DataFrame) or split not in data.columns:
        cols = list(data.columns) if isinstance(data, pd.DataFrame) else []
        raise DiscourseError(f"Could not interpret value {split!r} for `split`: not a column of `data` (columns: {cols})")
    tables = []
    for value, part in data.groupby(split, sort=True):
        table = keyness(part, by=by, **keyness_params)
        table.insert(0, split, value)
        tables.append(table)
    out = pd.concat(tables, ignore_index=True)
    out["p_adj"] = benjamini_hochberg(out["p"].to_numpy())
    return out


def top_keywords(
    table: pd.DataFrame, *, n: int = 10, by: str = "target", sort: str = "g2", alpha: float = 0.05, positive: bool = True
) -> pd.DataFrame:
    """The ``n`` most key features per group of a keyness table.

    Keeps rows with ``p_adj < alpha`` and (``positive=True``) overuse in the
    target (``g2 > 0``), then the top ``n`` by ``sort`` within each value of
    ``by``.

    Raises
    ------
    ValueError
        If ``by`` or ``sort`` is not a column of ``table``.
    """
    for arg, col in (("by", by), ("sort", sort)):
        if col not in table.columns:
            raise DiscourseError(f"Could not interpret value {col!r} for `{arg}`: not a column of `table`")
    keep = table["p_adj"] < alpha
    if positive:
        keep &= table["g2"] > 0
    out = table.loc[keep].sort_values([by, sort], ascending=[True, False], kind="stable")
    return out.groupby(by, sort=True).head(n).reset_index(drop=True)
