"""Tests for discourse.measures (the 2 x 2 association measures).

Every statistic is checked against an independent computation: scipy's
contingency-table tests, scipy's FDR control and exact binomial intervals,
plain-Python loops over the published formulas, or arithmetic written out
from the papers' worked examples. All count tables here are synthetic.
"""
from __future__ import annotations

import itertools
import math
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from scipy import sparse, stats

from discourse._errors import DiscourseError, ParameterError

from discourse.measures import (
    benjamini_hochberg,
    clopper_pearson,
    conservative_log_ratio,
    dp_dispersion,
    log_likelihood_g2,
    log_odds_dirichlet,
    log_ratio,
    pearson_chi2,
    percent_diff,
)

from reference_formulas import lrc_by_hand, monroe_z_loops

from synthetic import TABLES


# ---------------------------------------------------------------------------
# G2 and chi-square against scipy
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("a, b, c, d", TABLES)
def test_g2_matches_scipy_log_likelihood(a, b, c, d):
    table = np.array([[a, b], [c - a, d - b]])
    expected = stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
    # power_divergence with the expected table gives the same statistic
    expected_freq = stats.contingency.expected_freq(table)
    pd_stat = stats.power_divergence(table.ravel(), expected_freq.ravel(), ddof=2,
                                     lambda_="log-likelihood")[0]
    assert expected == pytest.approx(pd_stat)
    got = log_likelihood_g2(a, b, c, d)
    assert abs(got) == pytest.approx(expected, rel=1e-10, abs=1e-10)
    # signed: positive when the target uses the feature relatively more
    if a / c > b / d:
        assert got > 0
    elif a / c < b / d:
        assert got < 0
    assert log_likelihood_g2(a, b, c, d, signed=False) >= 0


def test_g2_is_vectorised_over_features():
    a, b, c, d = (np.array(x) for x in zip(*TABLES))
    got = log_likelihood_g2(a, b, c, d)
    one_by_one = [log_likelihood_g2(*t) for t in TABLES]
    np.testing.assert_allclose(got, np.ravel(one_by_one))


@pytest.mark.parametrize("a, b, c, d", TABLES)
def test_chi2_matches_scipy_without_yates(a, b, c, d):
    table = np.array([[a, b], [c - a, d - b]])
    expected = stats.chi2_contingency(table, correction=False)[0]
    assert pearson_chi2(a, b, c, d) == pytest.approx(expected, rel=1e-10, abs=1e-10)


def test_chi2_degenerate_table_is_zero():
    # the feature never occurs: no association, not NaN
    assert pearson_chi2([0], [0], 100, 100)[0] == 0.0


# ---------------------------------------------------------------------------
# Benjamini-Hochberg against scipy
# ---------------------------------------------------------------------------
def test_bh_matches_scipy():
    rng = np.random.default_rng(7)
    p = np.concatenate([rng.uniform(size=200), rng.uniform(0, 1e-4, size=20), [0.5, 0.5, 0.5, 0.0, 1.0]])
    np.testing.assert_allclose(benjamini_hochberg(p), stats.false_discovery_control(p), rtol=1e-12)


def test_bh_ignores_nan_and_keeps_shape():
    p = np.array([[0.01, np.nan], [0.04, 0.03]])
    got = benjamini_hochberg(p)
    assert np.isnan(got[0, 1])
    np.testing.assert_allclose(got[~np.isnan(p)], stats.false_discovery_control([0.01, 0.04, 0.03]))


# ---------------------------------------------------------------------------
# Log ratio, %DIFF and LRC against hand-worked examples
# ---------------------------------------------------------------------------
def test_log_ratio_hand_worked():
    # Hardie (2014), "Log Ratio - an informal introduction": log2 of the ratio
    # of relative frequencies. 20 in 1,000 tokens vs 10 in 2,000 tokens:
    # (20/1000) / (10/2000) = 0.02 / 0.005 = 4, log2(4) = 2.
    assert log_ratio(20, 10, 1000, 2000) == pytest.approx(2.0)
    # Reverse the roles and the sign flips: log2(0.25) = -2.
    assert log_ratio(10, 20, 2000, 1000) == pytest.approx(-2.0)
    # Equal relative frequencies: 0.
    assert log_ratio(7, 14, 1000, 2000) == pytest.approx(0.0)
    # A zero count (and only a zero) becomes 0.5: 5 vs 0 in equal corpora
    # = log2(5 / 0.5) = log2(10) = 3.321928...
    assert log_ratio(5, 0, 1000, 1000) == pytest.approx(math.log2(10))
    assert log_ratio(0, 5, 1000, 1000) == pytest.approx(-math.log2(10))
    # Non-zero counts are not smoothed: 1 vs 2 is exactly -1.
    assert log_ratio(1, 2, 1000, 1000) == pytest.approx(-1.0)


def test_percent_diff_hand_worked():
    # Gabrielatos & Marchi (2012): %DIFF = (NF_t - NF_r) * 100 / NF_r, NF per million.
    # 20 / 1,000 -> 20,000 pm; 10 / 2,000 -> 5,000 pm; (20000 - 5000) * 100 / 5000 = 300.
    assert percent_diff(20, 10, 1000, 2000) == pytest.approx(300.0)
    # Half as frequent: 2,500 vs 5,000 pm -> -50.
    assert percent_diff(5, 10, 2000, 2000) == pytest.approx(-50.0)
    # Zero reference frequency: divided by the documented 1e-18 per million.
    # NF_t = 3 / 1000 * 1e6 = 3000 -> 3000 * 100 / 1e-18 = 3e23.
    assert percent_diff(3, 0, 1000, 1000) == pytest.approx(3e23)
    assert percent_diff(3, 0, 1000, 1000, zero=1.0) == pytest.approx(300_000.0)


@pytest.mark.parametrize("m", [1, 2, 1000])
def test_lrc_matches_exact_binomial_interval(m):
    tables = [(100, 10, 100_000, 100_000), (3, 2, 100_000, 100_000), (2, 40, 50_000, 80_000),
              (15, 0, 10_000, 30_000), (0, 9, 10_000, 10_000), (500, 480, 1e6, 1e6)]
    a, b, c, d = (np.array(x, dtype=float) for x in zip(*tables))
    got = conservative_log_ratio(a, b, c, d, conf_level=0.95, family_size=m)
    expected = [lrc_by_hand(int(t[0]), int(t[1]), t[2], t[3], 0.95, m) for t in tables]
    np.testing.assert_allclose(got, expected, rtol=1e-7, atol=1e-9)


def test_lrc_hand_worked_single_feature():
    # a = 100, b = 10 in two corpora of 100,000 tokens; no Bonferroni (m = 1).
    # Lower 97.5% Clopper-Pearson bound for pi = 100/110 is the 0.025 quantile
    # of Beta(100, 11); LRC = log2(1 * pi_l / (1 - pi_l)).
    pi_l = stats.beta.ppf(0.025, 100, 11)
    expected = math.log2(pi_l / (1 - pi_l))
    assert 0 < expected < math.log2(10)  # more conservative than the point estimate log2(10)
    assert conservative_log_ratio(100, 10, 100_000, 100_000, family_size=1) == pytest.approx(expected, rel=1e-9)


def test_lrc_default_family_is_number_of_features():
    a = np.array([100, 50, 20])
    b = np.array([10, 10, 10])
    assert np.allclose(conservative_log_ratio(a, b, 1e5, 1e5),
                       conservative_log_ratio(a, b, 1e5, 1e5, family_size=3))
    # a larger family widens the interval: LRC moves towards 0
    assert np.all(conservative_log_ratio(a, b, 1e5, 1e5, family_size=1000)
                  <= conservative_log_ratio(a, b, 1e5, 1e5, family_size=1))


# ---------------------------------------------------------------------------
# Fightin' Words log-odds against Monroe et al. (2008) written as loops
# ---------------------------------------------------------------------------
def test_log_odds_matches_monroe_loops_informative_prior():
    y_i = [30, 10, 60, 0, 5]
    y_j = [10, 30, 60, 4, 5]
    background = [y + z + 7 for y, z in zip(y_i, y_j)]  # e.g. a larger corpus including both
    alpha = [0.5 * x for x in background]
    np.testing.assert_allclose(log_odds_dirichlet(y_i, y_j, alpha), monroe_z_loops(y_i, y_j, alpha), rtol=1e-12)


def test_log_odds_uniform_prior_and_antisymmetry():
    y_i = [3, 0, 12, 9]
    y_j = [1, 6, 12, 2]
    z = log_odds_dirichlet(y_i, y_j, 0.01)
    np.testing.assert_allclose(z, monroe_z_loops(y_i, y_j, [0.01] * 4), rtol=1e-12)
    np.testing.assert_allclose(log_odds_dirichlet(y_j, y_i, 0.01), -z, rtol=1e-12)


# ---------------------------------------------------------------------------
# Gries' DP against worked examples
# ---------------------------------------------------------------------------
def test_dp_lijffijt_gries_table_1():
    # Lijffijt & Gries (2012, IJCL 17:1), table 1: three equally large parts,
    # one holding 2/3 of the occurrences, another 1/3. Expected shares 1/3 each;
    # |2/3 - 1/3| + |1/3 - 1/3| + |0 - 1/3| = 2/3; halved: DP = 1/3.
    assert dp_dispersion([2, 1, 0], [1000, 1000, 1000]) == pytest.approx(1 / 3)
    # Normalised by 1 - min(s) = 1 - 1/3: DP_norm = (1/3) / (2/3) = 0.5.
    assert dp_dispersion([2, 1, 0], [1000, 1000, 1000], norm=True) == pytest.approx(0.5)


def test_dp_gries_2008_procedure_unequal_parts():
    # Gries (2008, IJCL 13:4) steps (i)-(iii) on five parts of 9, 10, 10, 10 and 11
    # words (50 in all) with the word occurring 1, 2, 3, 4, 5 times (15 in all):
    # expected shares  .18  .20  .20  .20  .22
    # observed shares  1/15 2/15 3/15 4/15 5/15 = .0667 .1333 .2 .2667 .3333
    # |differences|    .1133 .0667 0 .0667 .1133, sum .36, halved: DP = .18
    assert dp_dispersion([1, 2, 3, 4, 5], [9, 10, 10, 10, 11]) == pytest.approx(0.18)


def test_dp_even_and_concentrated():
    # A word spread exactly like the text: DP = 0.
    assert dp_dispersion([1, 2, 3], [10, 20, 30]) == pytest.approx(0.0)
    # Four equal parts, all occurrences in one: (0.75 + 0.25 * 3) / 2 = 0.75,
    # normalised by 1 - 1/4: 1.0.
    assert dp_dispersion([8, 0, 0, 0], [5, 5, 5, 5]) == pytest.approx(0.75)
    assert dp_dispersion([8, 0, 0, 0], [5, 5, 5, 5], norm=True) == pytest.approx(1.0)


def test_dp_matrix_sparse_and_dense_agree_with_loop():
    rng = np.random.default_rng(3)
    counts = rng.poisson(0.7, size=(12, 30))
    counts[:, 0] = 0  # a feature that never occurs
    sizes = counts.sum(axis=1) + rng.integers(5, 50, size=12)
    share = sizes / sizes.sum()
    expected = []
    for f in range(counts.shape[1]):
        total = counts[:, f].sum()
        expected.append(np.nan if total == 0 else
                        0.5 * sum(abs(counts[i, f] / total - share[i]) for i in range(12)))
    np.testing.assert_allclose(dp_dispersion(counts, sizes), expected, rtol=1e-12)
    np.testing.assert_allclose(dp_dispersion(sparse.csr_matrix(counts), sizes), expected, rtol=1e-12)



def test_measure_function_errors():
    with pytest.raises(ParameterError, match="`a` must be non-negative counts and totals; got -1.0"):
        log_likelihood_g2([-1], [2], 10, 10)
    with pytest.raises(ParameterError, match="`b` must be a count no larger than the token total `d`; got 20.0"):
        pearson_chi2([1], [20], 10, 10)
    with pytest.raises(DiscourseError, match="`conf_level`"):
        conservative_log_ratio([1], [2], 10, 10, conf_level=95)
    with pytest.raises(DiscourseError, match="`family_size`"):
        conservative_log_ratio([1], [2], 10, 10, family_size=0)
    with pytest.raises(DiscourseError, match="`zero`"):
        percent_diff([1], [0], 10, 10, zero=0)
    with pytest.raises(ParameterError, match=r"`p` must be p-values in \[0, 1\]; got 1.5"):
        benjamini_hochberg([0.1, 1.5])
    with pytest.raises(ParameterError, match="`y_i` and `y_j` must be 1-D arrays of the same length"):
        log_odds_dirichlet([1, 2], [1, 2, 3], 1.0)
    with pytest.raises(DiscourseError, match="`alpha`"):
        log_odds_dirichlet([1, 2], [1, 2], -1.0)
    with pytest.raises(DiscourseError, match="`doc_sizes`"):
        dp_dispersion([1, 2, 3], [10, 10])
    with pytest.raises(DiscourseError, match="`doc_sizes`"):
        dp_dispersion([1, 2], [0, 0])
    with pytest.raises(DiscourseError, match="`log_ratio`|`a`"):
        log_ratio([1], [1], [0.5], 10)




def test_clopper_pearson_equals_scipys_exact_binomial_interval():
    ks, ns = [0, 1, 5, 17, 403, 0], [403, 2, 10, 40, 403, 1]
    low, high = clopper_pearson(ks, ns, ci=0.9)
    for k, n, lo, hi in zip(ks, ns, low, high):
        ref = stats.binomtest(k, n).proportion_ci(confidence_level=0.9, method="exact")
        assert (lo, hi) == pytest.approx((ref.low, ref.high), abs=1e-12)
    # 0 of 403: the closed form 1 - (alpha/2)^(1/n), written out
    assert clopper_pearson(0, 403)[1] == pytest.approx(1 - 0.025 ** (1 / 403), rel=1e-12)
    with pytest.raises(ParameterError, match="`k` must be at most n; got 3"):
        clopper_pearson(3, 2)
    with pytest.raises(ParameterError, match="`n` must be a whole count >= 1; got 0"):
        clopper_pearson(0, 0)
