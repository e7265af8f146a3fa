"""Association measures for 2 x 2 tables: the statistics behind keyness and collocations.

Every measure is a plain function of numpy arrays, vectorised over features,
so that each can be checked on its own against scipy, NLTK, scattertext or a
published worked example. :mod:`discourse.keyness` and
:mod:`discourse.collocations` call these and nothing else.

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

Collocation measures
--------------------
``mi``, ``t`` and ``log_dice`` (:func:`association_scores`, :func:`log_dice`)
score a collocate against a node from the observed co-occurrences ``O``,
the window-based expectation ``E`` and the frequencies; their G2 is
:func:`log_likelihood_g2` on the same four cells (see
:func:`association_scores`).
``benjamini_hochberg``
    The false-discovery-rate adjustment used for every table of p-values.
"""
from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike
from scipy import sparse
from scipy.special import betaincinv, xlogy

from discourse._errors import ParameterError, invalid_value_message
from discourse._validation import check_int, check_probability

__all__ = [
    "PCT_DIFF_ZERO",
    "PER_MILLION",
    "ZERO_COUNT",
    "association_scores",
    "benjamini_hochberg",
    "clopper_pearson",
    "conservative_log_ratio",
    "dp_dispersion",
    "log_dice",
    "log_likelihood_g2",
    "log_odds_dirichlet",
    "log_ratio",
    "pearson_chi2",
    "percent_diff",
]

#: Hardie (2014): a zero count is replaced by this before taking the log ratio
#: (as a count in the larger of the two corpora; see :func:`log_ratio`).
ZERO_COUNT = 0.5
#: Frequency per million that stands in for a zero reference frequency in %DIFF.
PCT_DIFF_ZERO = 1e-18
PER_MILLION = 1_000_000.0


# ---------------------------------------------------------------------------
# Per-measure functions (numpy arrays in, numpy arrays out)
# ---------------------------------------------------------------------------
def _counts(a: ArrayLike, b: ArrayLike, c: ArrayLike, d: ArrayLike) -> tuple[np.ndarray, ...]:
    """Broadcast the four margins to float arrays and check they form a table."""
    arrays = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (a, b, c, d)))
    for name, arr in zip("abcd", arrays):
        if np.any(arr < 0) or np.any(np.isnan(arr)):
            raise ParameterError(invalid_value_message(
                name, _first_bad(arr, (arr < 0) | np.isnan(arr)), must="non-negative counts and totals"))
    a, b, c, d = arrays
    for part, total, pname, tname in ((a, c, "a", "c"), (b, d, "b", "d")):
        if np.any(part > total):
            raise ParameterError(invalid_value_message(
                pname, _first_bad(part, part > total), must=f"a count no larger than the token total `{tname}`"))
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
    ParameterError
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
    ParameterError
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
    """Hardie's Log Ratio: ``log2((a / c) / (b / d))``, a zero count read as half a count.

    Only a count of exactly zero is replaced; other counts are used as they
    are (unlike the Walter-style +0.5 on every count in some
    implementations). Hardie (2014, "Log Ratio: an informal introduction",
    CASS) replaces a zero by :data:`ZERO_COUNT` = 0.5 in its own corpus;
    with corpora of very different sizes that can flip the sign (a word
    absent from a small target and seen once in a large reference came out
    *positive*). Here the zero's relative frequency is 0.5 divided by the
    **larger** of the two totals, so it is always below the other side's
    whenever that side has the word, and ``sign(log_ratio) ==
    sign(a / c - b / d)`` on every row. Counts above zero give exactly
    Hardie's value; a feature absent from both sides gets 0.

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
    ParameterError
        If a count is negative or larger than its total.

    Examples
    --------
    >>> log_ratio([20, 5, 0], [10, 20, 4], 1000, 1000)
    array([ 1., -2., -3.])
    >>> log_ratio([0], [1], 10_000, 1_000_000)   # absent from the small target: negative
    array([-1.])
    """
    return _log_ratio(*_counts(a, b, c, d))


def _log_ratio(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        zero = ZERO_COUNT / np.maximum(c, d)
        return np.log2(np.where(a == 0, zero, a / c)) - np.log2(np.where(b == 0, zero, b / d))


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
    ParameterError
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
    family_size = check_int("family_size", family_size, minimum=1)
    return _lrc(a, b, c, d, conf_level=conf_level, family_size=family_size)


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


def clopper_pearson(k: ArrayLike, n: ArrayLike, *, ci: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Exact (Clopper-Pearson) interval for a binomial proportion ``k / n``.

    The bounds are beta quantiles: lower ``Beta(k, n - k + 1)`` at
    ``(1 - ci) / 2`` (0 when ``k == 0``), upper ``Beta(k + 1, n - k)`` at
    ``(1 + ci) / 2`` (1 when ``k == n``). Unlike a resampling interval it
    has positive width at ``k == 0`` and ``k == n``: 0 of ``n`` gives
    ``[0, 1 - ((1 - ci) / 2) ** (1 / n)]``.

    Parameters
    ----------
    k, n : array-like
        Successes and trials (``0 <= k <= n``, ``n >= 1``), broadcast together.
    ci : float, default 0.95
        Coverage, strictly between 0 and 1.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        Lower and upper bounds.

    Raises
    ------
    ParameterError
        If a count is negative or not whole, ``k > n``, ``n < 1`` or ``ci``
        is outside (0, 1).

    Examples
    --------
    >>> low, high = clopper_pearson([0, 5], [403, 10])
    >>> low.round(4), high.round(4)
    (array([0.    , 0.1871]), array([0.0091, 0.8129]))
    """
    check_probability("ci", ci)
    k, n = np.broadcast_arrays(np.asarray(k, dtype=float), np.asarray(n, dtype=float))
    for name, arr, bad in [("k", k, (k < 0) | (k != np.round(k)) | ~np.isfinite(k)),
                           ("n", n, (n < 1) | (n != np.round(n)) | ~np.isfinite(n))]:
        if bad.any():
            raise ParameterError(invalid_value_message(name, _first_bad(arr, bad), must="a whole count"
                                                       + (" >= 1" if name == "n" else " >= 0")))
    if (k > n).any():
        raise ParameterError(invalid_value_message("k", _first_bad(k, k > n), must="at most n"))
    alpha = (1.0 - ci) / 2.0
    low = np.zeros_like(k)
    high = np.ones_like(k)
    some, not_all = k > 0, k < n
    low[some] = betaincinv(k[some], n[some] - k[some] + 1.0, alpha)
    high[not_all] = betaincinv(k[not_all] + 1.0, n[not_all] - k[not_all], 1.0 - alpha)
    return low, high


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
    ParameterError
        If a count is invalid or ``zero`` is not positive.

    Examples
    --------
    >>> percent_diff([20, 5], [10, 20], 1000, 1000)
    array([100., -75.])
    """
    a, b, c, d = _counts(a, b, c, d)
    if not zero > 0:
        raise ParameterError(invalid_value_message("zero", zero, must="positive"))
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
    ParameterError
        If counts or prior are negative, or the arrays differ in length.

    Examples
    --------
    >>> log_odds_dirichlet([30, 10, 60], [10, 30, 60], 1.0).round(3)
    array([ 3.651, -3.651,  0.   ])
    """
    y_i = np.asarray(y_i, dtype=float)
    y_j = np.asarray(y_j, dtype=float)
    if y_i.ndim != 1 or y_i.shape != y_j.shape:
        raise ParameterError(f"`y_i` and `y_j` must be 1-D arrays of the same length; got shapes {y_i.shape} and {y_j.shape}.")
    alpha = np.broadcast_to(np.asarray(alpha, dtype=float), y_i.shape)
    for name, arr in (("y_i", y_i), ("y_j", y_j), ("alpha", alpha)):
        if np.any(arr < 0) or np.any(np.isnan(arr)):
            raise ParameterError(invalid_value_message(
                name, _first_bad(arr, (arr < 0) | np.isnan(arr)), must="non-negative counts and prior"))
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
    ParameterError
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
        raise ParameterError(f"`doc_sizes` must hold one size per row of `counts_per_doc` (shape {counts.shape}); "
                             f"got {sizes.size} sizes.")
    if np.any(sizes < 0) or not sizes.sum() > 0:
        raise ParameterError("`doc_sizes` must be non-negative with a positive total.")
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
    ParameterError
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
        raise ParameterError(invalid_value_message("p", bad, must="p-values in [0, 1]"))
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




def association_scores(o11: ArrayLike, r1: ArrayLike, c1: ArrayLike, n: ArrayLike) -> dict[str, np.ndarray]:
    """Expected count, MI, t-score and G2 for co-occurrence tables (collocations, n-grams).

    The table has rows "slot examined next to the node / any other slot"
    (totals ``r1`` and ``n - r1``) and columns "the collocate / any other
    word" (totals ``c1`` and ``n - c1``), with ``o11`` co-occurrences:

    * ``expected`` -- :math:`E = r_1 c_1 / n`;
    * ``mi`` -- pointwise mutual information, :math:`\\log_2(O/E)` (Church & Hanks 1990);
    * ``t`` -- t-score, :math:`(O - E)/\\sqrt{O}`;
    * ``g2`` -- Dunning's G2 on the four cells, i.e. :func:`log_likelihood_g2`
      with ``a = o11``, ``b = c1 - o11``, ``c = r1``, ``d = n - r1``, unsigned
      (compare ``O`` with ``expected`` for the direction). NaN when a cell
      would be negative, which happens only when windows cover more slots
      than the corpus holds (toy corpora).

    Parameters
    ----------
    o11, r1, c1, n : array-like
        Observed co-occurrences, slots examined, collocate frequency, corpus size.

    Returns
    -------
    dict of str to numpy.ndarray
        ``expected``, ``mi``, ``t``, ``g2``.

    Examples
    --------
    A synthetic table worked by hand: 2 co-occurrences in 3 examined slots, a
    collocate seen twice, 10 tokens, so E = 3 * 2 / 10 = 0.6:

    >>> s = association_scores([2], [3], [2], [10])
    >>> round(float(s["mi"][0]), 4), round(float(s["t"][0]), 4)   # log2(2 / 0.6), (2 - 0.6) / sqrt(2)
    (1.737, 0.9899)
    """
    o11, r1, c1, n = (np.asarray(x, dtype=float) for x in (o11, r1, c1, n))
    o11, r1, c1, n = np.broadcast_arrays(o11, r1, c1, n)
    e11 = r1 * c1 / n
    with np.errstate(divide="ignore", invalid="ignore"):
        mi = np.log2(o11 / e11)
        t = (o11 - e11) / np.sqrt(o11)
    a, b, c, d = o11, c1 - o11, r1, n - r1
    valid = (b >= 0) & (d - b >= 0) & (c - a >= 0)
    g2 = np.full(o11.shape, np.nan)
    g2[valid] = np.abs(_g2(a[valid], b[valid], c[valid], d[valid]))
    return {"expected": e11, "mi": mi, "t": t, "g2": g2}


def log_dice(f_xy: ArrayLike, f_x: ArrayLike, f_y: ArrayLike) -> np.ndarray:
    """Rychlý's (2008) logDice, :math:`14 + \\log_2(2 f_{xy} / (f_x + f_y))`.

    Examples
    --------
    >>> log_dice([4], [4], [4])   # the pair always occurs together: the maximum, 14
    array([14.])
    """
    f_xy, f_x, f_y = (np.asarray(x, dtype=float) for x in (f_xy, f_x, f_y))
    with np.errstate(divide="ignore"):
        return 14.0 + np.log2(2.0 * f_xy / (f_x + f_y))
