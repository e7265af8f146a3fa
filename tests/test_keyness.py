"""Tests for discourse.keyness (the keyness table) and discourse.resampling.

Every statistic is checked against an independent computation: scipy's
contingency-table tests, scipy's FDR control and exact binomial intervals,
plain-Python loops over the published formulas, or arithmetic written out
from the papers' worked examples. All count tables here are synthetic, except the
log-ratio sign regression at the end, which runs on real corpus tables.
"""
from __future__ import annotations

import itertools
import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse, stats

from discourse._errors import DiscourseError, MissingDataError, ParameterError

from discourse.keyness import KEYNESS_COLUMNS, keyness
from discourse.measures import benjamini_hochberg, conservative_log_ratio, log_odds_dirichlet, log_ratio



def make_dfm(counts, groups, features=None, by="bloc") -> SimpleNamespace:
    """A Dfm-like object from a documents x features count table (synthetic)."""
    counts = np.asarray(counts)
    if features is None:
        features = [f"w{i}" for i in range(counts.shape[1])]
    return SimpleNamespace(
        matrix=sparse.csr_matrix(counts),
        features=np.asarray(features, dtype=object),
        docvars=pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(groups))], by: groups}),
    )


@pytest.fixture
def three_blocs() -> SimpleNamespace:
    """Synthetic: 9 documents in US / CN / RU, 5 features with hand-checkable totals."""
    counts = [
        # taliban chaos  sovereignty  nato   the
        [6, 1, 0, 2, 20],  # US
        [4, 0, 0, 3, 25],  # US
        [5, 2, 1, 1, 22],  # US
        [1, 5, 4, 0, 18],  # CN
        [0, 6, 3, 0, 21],  # CN
        [1, 4, 5, 1, 19],  # CN
        [2, 2, 0, 6, 24],  # RU
        [0, 3, 1, 7, 20],  # RU
        [1, 1, 0, 5, 23],  # RU
    ]
    groups = ["US"] * 3 + ["CN"] * 3 + ["RU"] * 3
    return make_dfm(counts, groups, ["taliban", "chaos", "sovereignty", "nato", "the"])


# ---------------------------------------------------------------------------
# keyness(): the table
# ---------------------------------------------------------------------------
def test_keyness_one_vs_rest_three_groups(three_blocs):
    table = keyness(three_blocs, by="bloc")
    assert list(table.columns) == KEYNESS_COLUMNS
    assert len(table) == 3 * 5  # every feature occurs in every comparison
    assert sorted(table["target"].unique()) == ["CN", "RU", "US"]
    assert dict(table.groupby("target")["reference"].first()) == {"CN": "RU+US", "RU": "CN+US", "US": "CN+RU"}
    # sorted by target, reference, then g2 descending
    assert list(table["target"]) == sorted(table["target"])
    for _, block in table.groupby(["target", "reference"]):
        assert block["g2"].is_monotonic_decreasing

    us = table[table["target"] == "US"].set_index("feature")
    # hand totals: US docs have 29 + 35 + 31 = 95 tokens, CN 33 + 30 + 30 = 93... computed from the table
    matrix = three_blocs.matrix.toarray()
    c = matrix[:3].sum()
    d = matrix[3:].sum()
    a = matrix[:3].sum(axis=0)
    b = matrix[3:].sum(axis=0)
    taliban = 0
    assert us.loc["taliban", "n_target"] == a[taliban] == 15
    assert us.loc["taliban", "n_reference"] == b[taliban] == 5
    assert us.loc["taliban", "freq_target"] == pytest.approx(15 / c * 1e6)
    assert us.loc["taliban", "docfreq_target"] == 3
    assert us.loc["taliban", "docfreq_reference"] == 4
    expected_g2 = stats.chi2_contingency([[15, 5], [c - 15, d - 5]], correction=False,
                                         lambda_="log-likelihood")[0]
    assert us.loc["taliban", "g2"] == pytest.approx(expected_g2)
    assert us.loc["taliban", "p"] == pytest.approx(stats.chi2.sf(expected_g2, 1))
    assert us.loc["taliban", "chi2"] == pytest.approx(
        stats.chi2_contingency([[15, 5], [c - 15, d - 5]], correction=False)[0])
    assert us.loc["taliban", "log_ratio"] == pytest.approx(math.log2((15 / c) / (5 / d)))
    assert us.loc["taliban", "lrc"] == pytest.approx(lrc_by_hand(15, 5, c, d, 0.95, 5))
    # log-odds with alpha_w = the feature's count in the whole input
    combined = matrix.sum(axis=0)
    assert us["log_odds_z"].reindex(["taliban", "chaos", "sovereignty", "nato", "the"]).to_numpy() == \
        pytest.approx(monroe_z_loops(list(a), list(b), list(combined)))
    # DP across the three US documents
    sizes = matrix[:3].sum(axis=1)
    assert us.loc["taliban", "dispersion"] == pytest.approx(
        0.5 * sum(abs(matrix[i, 0] / 15 - sizes[i] / sizes.sum()) for i in range(3)))


def test_keyness_p_adj_is_bh_over_the_whole_table(three_blocs):
    table = keyness(three_blocs, by="bloc")
    np.testing.assert_allclose(table["p_adj"], stats.false_discovery_control(table["p"]))


def test_keyness_pairwise_rows_and_symmetric_signs(three_blocs):
    table = keyness(three_blocs, by="bloc", comparison="pairwise")
    pairs = set(zip(table["target"], table["reference"]))
    assert pairs == {("CN", "RU"), ("CN", "US"), ("RU", "US")}  # each unordered pair once, sorted
    cn_us = table[(table["target"] == "CN") & (table["reference"] == "US")].set_index("feature")
    us_cn = keyness(three_blocs, by="bloc", comparison="pairwise", target="US",
                    reference="CN").set_index("feature").loc[cn_us.index]
    for col in ("g2", "log_ratio", "lrc", "log_odds_z"):
        np.testing.assert_allclose(us_cn[col], -cn_us[col], atol=1e-12)
    for col in ("chi2", "p"):
        np.testing.assert_allclose(us_cn[col], cn_us[col])
    np.testing.assert_array_equal(us_cn["n_target"], cn_us["n_reference"])


def test_keyness_target_and_reference_lists(three_blocs):
    table = keyness(three_blocs, by="bloc", target="US", reference=["CN", "RU"])
    same = keyness(three_blocs, by="bloc", target="US")
    pd.testing.assert_frame_equal(table, same)
    vs_cn = keyness(three_blocs, by="bloc", target="US", reference="CN")
    assert set(vs_cn["reference"]) == {"CN"}
    # every non-reference group against a common benchmark
    bench = keyness(three_blocs, by="bloc", reference="US")
    assert set(zip(bench["target"], bench["reference"])) == {("CN", "US"), ("RU", "US")}


def test_feature_in_one_group_only_is_finite_and_key():
    # synthetic: "kabul" only ever in group A
    dfm = make_dfm([[4, 10], [3, 12], [0, 11], [0, 9]], ["A", "A", "B", "B"], ["kabul", "said"])
    row = keyness(dfm, by="bloc", target="A").set_index("feature").loc["kabul"]
    assert row["g2"] > 0
    assert np.isfinite(row["log_ratio"])
    c, d = 29, 20
    assert row["log_ratio"] == pytest.approx(math.log2((7 / c) / (0.5 / max(c, d))))
    assert np.isfinite(row["pct_diff"]) and row["pct_diff"] > 1e20
    assert row["lrc"] >= 0


def test_tiny_corpus_and_zero_counts():
    dfm = make_dfm([[1, 0, 0], [0, 1, 0]], ["A", "B"])  # third feature never occurs
    table = keyness(dfm, by="bloc")
    assert set(table["feature"]) == {"w0", "w1"}  # min_count=1 drops the unused feature
    assert np.isfinite(table[["g2", "p", "chi2", "log_ratio", "lrc", "log_odds_z"]].to_numpy()).all()
    # one document per group: DP is 0 by definition (one part holds everything),
    # and undefined (NaN) for a feature the target never uses
    present = table["n_target"] > 0
    assert (table.loc[present, "dispersion"] == 0).all()
    assert table.loc[~present, "dispersion"].isna().all()


def test_min_count_filters_rows(three_blocs):
    table = keyness(three_blocs, by="bloc", target="US", min_count=20)
    totals = three_blocs.matrix.toarray().sum(axis=0)
    assert set(table["feature"]) == {f for f, t in zip(three_blocs.features, totals) if t >= 20}


def test_dispersion_options(three_blocs):
    assert "dispersion" not in keyness(three_blocs, by="bloc", dispersion=None).columns
    raw = keyness(three_blocs, by="bloc", target="US").set_index("feature")["dispersion"]
    normed = keyness(three_blocs, by="bloc", target="US", dispersion="dp_norm").set_index("feature")["dispersion"]
    sizes = three_blocs.matrix.toarray()[:3].sum(axis=1)
    np.testing.assert_allclose(normed, raw / (1 - sizes.min() / sizes.sum()))


def test_uniform_prior_and_scale(three_blocs):
    table = keyness(three_blocs, by="bloc", target="US", prior="uniform").set_index("feature")
    m = three_blocs.matrix.toarray()
    expected = monroe_z_loops(list(m[:3].sum(axis=0)), list(m[3:].sum(axis=0)), [0.01] * 5)
    np.testing.assert_allclose(table["log_odds_z"].loc[three_blocs.features], expected)
    scaled = keyness(three_blocs, by="bloc", target="US", prior_scale=10.0).set_index("feature")
    alpha = m.sum(axis=0) * 10.0 / m.sum()
    np.testing.assert_allclose(scaled["log_odds_z"].loc[three_blocs.features],
                               monroe_z_loops(list(m[:3].sum(axis=0)), list(m[3:].sum(axis=0)), list(alpha)))


def test_attrs_record_parameters(three_blocs):
    table = keyness(three_blocs, by="bloc", random_state=5)
    m = three_blocs.matrix.toarray()
    assert table.attrs["by"] == "bloc"
    assert table.attrs["comparison"] == "one_vs_rest"
    assert table.attrs["random_state"] == 5
    assert table.attrs["tokens"] == {"CN": int(m[3:6].sum()), "RU": int(m[6:].sum()), "US": int(m[:3].sum())}
    assert table.attrs["n_documents"] == {"CN": 3, "RU": 3, "US": 3}
    assert len(table.attrs["comparisons"]) == 3


def test_missing_group_values_raise_or_are_dropped_and_reported(three_blocs):
    three_blocs.docvars.loc[8, "bloc"] = None
    with pytest.raises(MissingDataError, match=r"Column 'bloc' \(from `by`\) has 1 missing value\(s\): row 8 \(doc_id 'd8'\)"):
        keyness(three_blocs, by="bloc", target="US", reference="RU")
    with pytest.warns(UserWarning, match="1 row"):
        table = keyness(three_blocs, by="bloc", target="US", reference="RU", missing="drop")
    assert table.attrs["n_documents"]["RU"] == 2
    # the same as keyness on the eight documents that have a group
    kept = make_dfm(three_blocs.matrix.toarray()[:8], ["US"] * 3 + ["CN"] * 3 + ["RU"] * 2, list(three_blocs.features))
    pd.testing.assert_frame_equal(table, keyness(kept, by="bloc", target="US", reference="RU"), check_like=False)


def test_missing_group_in_a_document_table_and_nan_text():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "bloc": ["US", None, "CN"], "language": "en",
                         "text": ["kabul fell", "peace talks", "kabul chaos"]})  # synthetic
    with pytest.raises(MissingDataError, match="row 1 \\(doc_id 'b'\\)"):
        keyness(docs, by="bloc")
    docs.loc[1, "bloc"], docs.loc[2, "text"] = "CN", None
    with pytest.raises(MissingDataError, match="missing or empty text.*row 2 \\(doc_id 'c'\\)"):
        keyness(docs, by="bloc")


# ---------------------------------------------------------------------------
# Resampling
# ---------------------------------------------------------------------------
def test_permutation_p_value_matches_exact_enumeration():
    # Synthetic: 6 documents, 3 per group. With 3 + 3 documents there are only
    # C(6, 3) = 20 ways to assign the target label, so the exact permutation
    # p-value can be enumerated and compared with the Monte Carlo estimate.
    counts = np.array([[5, 20], [4, 22], [3, 19], [1, 21], [0, 25], [2, 18]])
    dfm = make_dfm(counts, ["A"] * 3 + ["B"] * 3, ["key", "filler"])
    sizes = counts.sum(axis=1)

    def g2_for(target_rows):
        mask = np.zeros(6, bool)
        mask[list(target_rows)] = True
        a, b = counts[mask, 0].sum(), counts[~mask, 0].sum()
        c, d = sizes[mask].sum(), sizes[~mask].sum()
        return abs(stats.chi2_contingency([[a, b], [c - a, d - b]], correction=False,
                                          lambda_="log-likelihood")[0]) if 0 < a + b else 0.0

    observed = g2_for((0, 1, 2))
    splits = list(itertools.combinations(range(6), 3))
    exact = sum(g2_for(s) >= observed - 1e-9 for s in splits) / len(splits)
    table = keyness(dfm, by="bloc", target="A", permutations=4000, random_state=0, progress=False)
    p_perm = table.set_index("feature").loc["key", "p_perm"]
    assert p_perm == pytest.approx(exact, abs=0.02)


def test_permutations_reproducible_and_seed_dependent(three_blocs):
    kw = dict(by="bloc", permutations=99, progress=False)
    first = keyness(three_blocs, random_state=1, **kw)
    again = keyness(three_blocs, random_state=1, **kw)
    other = keyness(three_blocs, random_state=2, **kw)
    parallel = keyness(three_blocs, random_state=1, n_jobs=2, **kw)
    pd.testing.assert_series_equal(first["p_perm"], again["p_perm"])
    pd.testing.assert_series_equal(first["p_perm"], parallel["p_perm"])
    assert not np.array_equal(first["p_perm"], other["p_perm"])
    assert list(first.columns) == KEYNESS_COLUMNS + ["p_perm"]


def test_permutation_on_log_ratio_and_strong_feature_has_small_p():
    rng = np.random.default_rng(11)
    n = 20
    strong = np.r_[rng.poisson(8, n), rng.poisson(1, n)]
    filler = rng.poisson(50, 2 * n)
    dfm = make_dfm(np.c_[strong, filler], ["A"] * n + ["B"] * n, ["strong", "filler"])
    table = keyness(dfm, by="bloc", target="A", permutations=199, perm_statistic="log_ratio",
                    random_state=3, progress=False).set_index("feature")
    assert table.loc["strong", "p_perm"] == pytest.approx(1 / 200)
    assert table.attrs["perm_statistic"] == "log_ratio"


def test_bootstrap_interval_contains_estimate_for_key_feature():
    rng = np.random.default_rng(5)
    n = 25
    key = np.r_[rng.poisson(10, n), rng.poisson(2, n)]
    filler = rng.poisson(80, 2 * n)
    dfm = make_dfm(np.c_[key, filler], ["A"] * n + ["B"] * n, ["key", "filler"])
    table = keyness(dfm, by="bloc", target="A", bootstrap=300, random_state=9, progress=False)
    assert list(table.columns)[-2:] == ["log_ratio_ci_low", "log_ratio_ci_high"]
    row = table.set_index("feature").loc["key"]
    assert row["log_ratio_ci_low"] < row["log_ratio"] < row["log_ratio_ci_high"]
    assert row["log_ratio_ci_low"] > 0  # strongly key: the interval excludes 0
    again = keyness(dfm, by="bloc", target="A", bootstrap=300, random_state=9, progress=False)
    pd.testing.assert_frame_equal(table, again)
    narrower = keyness(dfm, by="bloc", target="A", bootstrap=300, random_state=9, ci=0.5,
                       progress=False).set_index("feature").loc["key"]
    assert narrower["log_ratio_ci_low"] >= row["log_ratio_ci_low"]
    assert narrower["log_ratio_ci_high"] <= row["log_ratio_ci_high"]


def test_progress_bar_on_off_and_automatic(three_blocs, capsys):
    keyness(three_blocs, by="bloc", permutations=5, random_state=0, progress=False)
    assert "resampling" not in capsys.readouterr().err
    keyness(three_blocs, by="bloc", permutations=5, random_state=0)  # tiny run: no bar
    assert "resampling" not in capsys.readouterr().err
    keyness(three_blocs, by="bloc", permutations=5, random_state=0, progress=True)
    assert "keyness resampling" in capsys.readouterr().err


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------
def test_single_group_error():
    dfm = make_dfm([[1, 2], [3, 4]], ["US", "US"])
    with pytest.raises(DiscourseError, match="keyness needs at least two groups in `bloc`; found only 'US'"):
        keyness(dfm, by="bloc")


def test_all_groups_missing_error():
    dfm = make_dfm([[1, 2], [3, 4]], [None, None])
    with pytest.raises(MissingDataError, match="has 2 missing value"):
        keyness(dfm, by="bloc")


def test_unknown_target_names_valid_groups(three_blocs):
    with pytest.raises(ParameterError, match=r"`target` must be one of: 'CN', 'RU', 'US'; got 'UK'"):
        keyness(three_blocs, by="bloc", target="UK")
    with pytest.raises(ParameterError, match=r"`reference` must be one of: .*; got 'EU'"):
        keyness(three_blocs, by="bloc", target="US", reference=["CN", "EU"])


def test_reference_equal_to_target_leaves_nothing(three_blocs):
    with pytest.raises(DiscourseError, match="leaves nothing to compare"):
        keyness(three_blocs, by="bloc", target="US", reference="US")


def test_by_not_a_column(three_blocs):
    with pytest.raises(ParameterError, match=r"`by` must be one of: 'doc_id', 'bloc'; got 'country'"):
        keyness(three_blocs, by="country")


def test_bad_comparison(three_blocs):
    with pytest.raises(ParameterError, match=r"`comparison` must be one of: 'one_vs_rest', 'pairwise'; got 'all'"):
        keyness(three_blocs, by="bloc", comparison="all")


@pytest.mark.parametrize("kwargs, match", [
    ({"prior": "flat"}, "`prior`"),
    ({"dispersion": "juilland"}, "`dispersion`"),
    ({"perm_statistic": "chi2"}, "`perm_statistic`"),
    ({"permutations": -1}, r"`permutations` must be a non-negative integer; got -1"),
    ({"permutations": 2.5}, "`permutations`"),
    ({"bootstrap": -5}, "`bootstrap`"),
    ({"min_count": 0}, "`min_count`"),
    ({"ci": 1.0}, r"`ci` must be a number strictly between 0 and 1; got 1.0"),
    ({"missing": "ignore"}, r"`missing` must be one of: 'raise', 'drop'"),
    ({"ci": 0}, "`ci`"),
    ({"prior_scale": -1.0}, "`prior_scale`"),
    ({"random_state": "seed"}, "`random_state`"),
])
def test_invalid_options(three_blocs, kwargs, match):
    with pytest.raises(ParameterError, match=match):
        keyness(three_blocs, by="bloc", **kwargs)


def test_zero_token_group():
    dfm = make_dfm([[1, 2], [3, 4], [0, 0]], ["US", "CN", "RU"])
    with pytest.raises(DiscourseError, match="Group 'RU' of `bloc` has no tokens"):
        keyness(dfm, by="bloc")
    # a group outside the requested comparison may be empty
    assert len(keyness(dfm, by="bloc", target="US", reference="CN")) == 2


def test_bad_data_type_and_stray_tokenizer_options(three_blocs):
    with pytest.raises(ParameterError, match="`data` must be a Dfm .* got list"):
        keyness([[1, 2]], by="bloc")
    with pytest.raises(ParameterError, match="tokenizer options `lowercase`"):
        keyness(three_blocs, by="bloc", lowercase=True)


def test_mismatched_dfm_shapes(three_blocs):
    three_blocs.features = three_blocs.features[:3]
    with pytest.raises(DiscourseError, match="`data`"):
        keyness(three_blocs, by="bloc")


# ---------------------------------------------------------------------------
# Module boundaries and integration with the real tokenizer
# ---------------------------------------------------------------------------
def test_keyness_on_a_document_table_with_the_real_counter():
    from discourse.counting import dfm

    # synthetic documents: US texts talk of evacuation, CN texts of hegemony
    docs = pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(6)],
        "bloc": ["US", "US", "US", "CN", "CN", "CN"],
        "language": ["en"] * 6,
        "text": [
            "evacuation evacuation flights from kabul airport",
            "the evacuation of american citizens continued",
            "evacuation planes left kabul",
            "hegemony failed in afghanistan",
            "american hegemony and the chaos in kabul",
            "hegemony hegemony collapse afghanistan",
        ],
    })
    table = keyness(docs, by="bloc", target="US")
    direct = keyness(dfm(docs), by="bloc", target="US")
    pd.testing.assert_frame_equal(table, direct)
    top = table.iloc[0]
    assert top["feature"].lower().startswith("evacuat")
    assert top["g2"] > 0
    assert table.attrs["n_documents"] == {"CN": 3, "US": 3}

from reference_formulas import lrc_by_hand, monroe_z_loops



# --- log ratio: the sign says which side uses the word more ---------------------
@pytest.mark.parametrize("case", ["RU vs US headlines", "CN vs the rest, English"])
def test_log_ratio_sign_follows_the_relative_frequencies_on_real_tables(case):
    # Regression (real corpus tables): with a small target, a word absent from it used to
    # get a positive log ratio (3,654 of 4,229 RU-vs-US headline features).
    from discourse import load_corpus

    docs = load_corpus(start="2021-07-01", end="2021-10-31")
    if case == "RU vs US headlines":
        docs = docs[docs["genre"] == "news_headline"]
        table = keyness(docs, by="bloc", target="RU", reference="US")
    else:
        table = keyness(docs[docs["language"] == "en"], by="bloc", target="CN")
    assert (table["n_target"] == 0).sum() > 100          # the case the bug was about is there
    expected = np.sign(table["freq_target"] - table["freq_reference"])
    assert (np.sign(table["log_ratio"]) == expected).all()


@given(a=st.integers(0, 50), b=st.integers(0, 50), c=st.integers(50, 10**7), d=st.integers(50, 10**7))
@settings(max_examples=300, deadline=None)
def test_log_ratio_sign_property(a, b, c, d):
    # synthetic counts: any sizes, any zeros
    assert np.sign(log_ratio(a, b, c, d)) == np.sign(a / c - b / d)
    if a and b:
        assert log_ratio(a, b, c, d) == pytest.approx(math.log2((a / c) / (b / d)))   # Hardie's value
