"""Tests for discourse.prevalence.

Every table built here is SYNTHETIC test data (random or hand-made 0/1 frame
codes), not corpus passages. Numbers are checked against independent
computations: pandas groupby, a slow explicit bootstrap loop, exact
enumeration of permutations, scipy's Benjamini-Hochberg and the
Rogan-Gladen formula written out by hand.
"""
from __future__ import annotations

import zlib
from itertools import combinations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import false_discovery_control

from discourse._errors import DiscourseError, MissingDataError, ParameterError
from discourse.periods import add_period
from discourse.prevalence import (
    error_rates_from_confusion,
    frame_prevalence,
    prevalence_differences,
    rogan_gladen,
)

FRAMES = ["chaos", "betrayal", "security"]


def synthetic_passages(n_docs: int = 60, seed: int = 3, blocs=("CN", "RU", "US")) -> pd.DataFrame:
    """Synthetic passage table: 1-6 passages per document, random frame codes."""
    rng = np.random.default_rng(seed)
    docs = pd.DataFrame({
        "doc_id": [f"doc{i:03d}" for i in range(n_docs)],
        "bloc": rng.choice(list(blocs), n_docs),
        "date": pd.Timestamp("2021-08-02") + pd.to_timedelta(rng.integers(0, 35, n_docs), unit="D"),
    })
    psg = docs.loc[docs.index.repeat(rng.integers(1, 7, n_docs))].reset_index(drop=True)
    # Document-level propensity so that passages of a document are correlated.
    propensity = rng.random(n_docs)[psg.index.map(lambda i: int(psg.at[i, "doc_id"][3:]))]
    for k, frame in enumerate(FRAMES):
        psg[frame] = (rng.random(len(psg)) < propensity * (0.3 + 0.3 * k)).astype(int)
    psg["passage_id"] = psg["doc_id"] + "-" + psg.groupby("doc_id").cumcount().astype(str)
    return psg


@pytest.fixture
def psg() -> pd.DataFrame:
    return synthetic_passages()


# --------------------------------------------------------------------------
# frame_prevalence: point estimates and counts
# --------------------------------------------------------------------------


def test_shares_and_counts_match_pandas_groupby(psg):
    out = frame_prevalence(psg, by="bloc", frames=FRAMES, n_boot=0)
    long = psg.melt(id_vars=["doc_id", "bloc"], value_vars=FRAMES, var_name="frame", value_name="y")
    expected = long.groupby(["bloc", "frame"]).agg(
        n_passages=("y", "size"), n_documents=("doc_id", "nunique"), n_positive=("y", "sum"), share=("y", "mean"))
    got = out.set_index(["bloc", "frame"]).loc[expected.index]
    np.testing.assert_array_equal(got["n_passages"], expected["n_passages"])
    np.testing.assert_array_equal(got["n_documents"], expected["n_documents"])
    np.testing.assert_array_equal(got["n_positive"], expected["n_positive"])
    np.testing.assert_allclose(got["share"], expected["share"])
    assert out["ci_low"].isna().all()  # n_boot=0 skips intervals
    assert list(out.columns) == ["bloc", "frame", "n_passages", "n_documents", "n_positive", "share",
                                 "ci_low", "ci_high"]
    # groups sorted, frames in the order given
    assert out["bloc"].tolist() == [b for b in ["CN", "RU", "US"] for _ in FRAMES]
    assert out["frame"].tolist()[:3] == FRAMES


def test_shares_by_two_columns_match_groupby(psg):
    weekly = add_period(psg)
    out = frame_prevalence(weekly, frames=["chaos"], by=["bloc", "week"], n_boot=0)
    expected = weekly.groupby(["bloc", "week"])["chaos"].agg(["size", "mean"])
    got = out.set_index(["bloc", "week"])
    assert len(got) == len(expected)
    np.testing.assert_array_equal(got.loc[expected.index, "n_passages"], expected["size"])
    np.testing.assert_allclose(got.loc[expected.index, "share"], expected["mean"])
    assert out["week"].dtype == weekly["week"].dtype


def test_document_unit_is_share_of_documents_with_the_frame(psg):
    out = frame_prevalence(psg, by="bloc", frames=FRAMES, unit="document", n_boot=0).set_index(["bloc", "frame"])
    per_doc = psg.groupby(["bloc", "doc_id"])[FRAMES].max().reset_index()
    for frame in FRAMES:
        expected = per_doc.groupby("bloc")[frame].agg(["sum", "mean"])
        for bloc in expected.index:
            assert out.loc[(bloc, frame), "n_positive"] == expected.loc[bloc, "sum"]
            assert out.loc[(bloc, frame), "share"] == pytest.approx(expected.loc[bloc, "mean"])


def test_boolean_frame_columns_are_accepted(psg):
    as_bool = psg.astype({f: bool for f in FRAMES})
    pd.testing.assert_frame_equal(frame_prevalence(as_bool, by="bloc", frames=FRAMES, n_boot=50),
                                  frame_prevalence(psg, by="bloc", frames=FRAMES, n_boot=50))


# --------------------------------------------------------------------------
# frame_prevalence: the document-level bootstrap
# --------------------------------------------------------------------------


def slow_cluster_bootstrap(psg, frame, by, n_boot, ci, random_state):
    """Explicit loop: for each group draw documents with replacement, pool their passages."""
    result = {}
    for group, rows in psg.groupby(by, sort=True):
        docs = sorted(rows["doc_id"].unique())
        passages_of = {d: rows.loc[rows["doc_id"] == d, frame].tolist() for d in docs}
        # the documented derivation: root entropy + a checksum of the group key
        seed = np.random.SeedSequence(random_state, spawn_key=(zlib.crc32(repr((group,)).encode("utf-8")),))
        rng = np.random.default_rng(seed)
        shares = []
        for _ in range(n_boot):
            drawn = rng.integers(0, len(docs), size=len(docs))
            pooled = [y for j in drawn for y in passages_of[docs[j]]]
            shares.append(sum(pooled) / len(pooled))
        result[group] = np.quantile(shares, [(1 - ci) / 2, (1 + ci) / 2])
    return result


def test_bootstrap_matches_explicit_loop(psg):
    out = frame_prevalence(psg, by="bloc", frames=FRAMES, n_boot=300, ci=0.9, random_state=11,
                           ci_method="percentile").set_index(["bloc", "frame"])
    for frame in ["chaos", "security"]:
        slow = slow_cluster_bootstrap(psg, frame, "bloc", 300, 0.9, 11)
        for bloc, (low, high) in slow.items():
            assert out.loc[(bloc, frame), "ci_low"] == pytest.approx(low)
            assert out.loc[(bloc, frame), "ci_high"] == pytest.approx(high)


def test_bootstrap_reproducible_and_seed_dependent(psg):
    a = frame_prevalence(psg, by="bloc", frames=FRAMES, n_boot=200, random_state=1, ci_method="percentile")
    b = frame_prevalence(psg, by="bloc", frames=FRAMES, n_boot=200, random_state=1, ci_method="percentile")
    c = frame_prevalence(psg, by="bloc", frames=FRAMES, n_boot=200, random_state=2, ci_method="percentile")
    pd.testing.assert_frame_equal(a, b)
    assert not np.allclose(a["ci_low"], c["ci_low"])
    assert ((a["ci_low"] <= a["share"]) & (a["share"] <= a["ci_high"])).all()
    gen = frame_prevalence(psg, by="bloc", frames=FRAMES, n_boot=50, random_state=np.random.default_rng(5),
                           ci_method="percentile")
    assert gen["ci_low"].notna().all()


def test_interval_of_a_group_does_not_depend_on_other_groups(psg):
    full = frame_prevalence(psg, by="bloc", frames=FRAMES, n_boot=200, ci_method="percentile").set_index(["bloc", "frame"])
    for dropped in ["CN", "US"]:  # the first and the last group in sorted order
        subset = frame_prevalence(psg[psg["bloc"] != dropped], by="bloc", frames=FRAMES, n_boot=200,
                                  ci_method="percentile").set_index(["bloc", "frame"])
        pd.testing.assert_frame_equal(subset, full.loc[subset.index])


def test_interval_narrows_with_more_documents():
    small = synthetic_passages(n_docs=30, seed=4, blocs=("US",))
    large = synthetic_passages(n_docs=600, seed=4, blocs=("US",))
    width = [(t["ci_high"] - t["ci_low"]).iloc[0]
             for t in (frame_prevalence(d, by="bloc", frames=["chaos"], n_boot=500) for d in (small, large))]
    assert width[1] < width[0] / 2


def test_document_resampling_widens_interval_for_clustered_passages():
    # Synthetic extreme clustering: every passage of a document has the same code.
    rng = np.random.default_rng(0)
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(40)], "bloc": "US",
                         "chaos": (rng.random(40) < 0.4).astype(int)})
    psg = docs.loc[docs.index.repeat(10)].reset_index(drop=True)
    clustered = frame_prevalence(psg, by="bloc", frames=["chaos"], n_boot=1000)
    independent = frame_prevalence(psg.assign(doc_id=[f"p{i}" for i in range(len(psg))]),
                                   by="bloc", frames=["chaos"], n_boot=1000)
    assert clustered["share"].iloc[0] == independent["share"].iloc[0]
    width_c = (clustered["ci_high"] - clustered["ci_low"]).iloc[0]
    width_i = (independent["ci_high"] - independent["ci_low"]).iloc[0]
    # 10 identical passages per document: the standard error is sqrt(10) times larger.
    assert width_c > 2 * width_i


@pytest.mark.parametrize("ci_method", ["t", "percentile", "bca"])
def test_a_share_of_0_or_1_gets_the_exact_interval_not_a_zero_width_one(psg, ci_method):
    from scipy.stats import binomtest

    data = psg.assign(chaos=0, betrayal=1)                 # synthetic: no passage / every passage
    out = frame_prevalence(data, frames=FRAMES, by="bloc", n_boot=200, ci_method=ci_method, random_state=0)
    for row in out[out["frame"].isin(["chaos", "betrayal"])].itertuples():
        ref = binomtest(row.n_positive, row.n_passages).proportion_ci(confidence_level=0.95, method="exact")
        assert (row.ci_low, row.ci_high) == pytest.approx((ref.low, ref.high), abs=1e-12)
        assert row.ci_high - row.ci_low > 0
    inner = out[out["frame"] == "security"]                # shares strictly inside (0, 1): the stated method
    same = frame_prevalence(psg, frames=FRAMES, by="bloc", n_boot=200, ci_method=ci_method, random_state=0)
    pd.testing.assert_frame_equal(inner.reset_index(drop=True),
                                  same[same["frame"] == "security"].reset_index(drop=True))
    none = frame_prevalence(data, frames=FRAMES, by="bloc", n_boot=0)
    assert none[["ci_low", "ci_high"]].isna().all().all()  # n_boot=0 still means no interval


def test_speed_budget():
    # Synthetic table of the corpus' size: ~5,000 passages, 11 frames, 4 groups.
    rng = np.random.default_rng(0)
    n_docs = 1200
    docs = pd.DataFrame({"doc_id": np.arange(n_docs).astype(str),
                         "bloc": rng.choice(["US", "CN", "RU", "other"], n_docs)})
    psg = docs.loc[docs.index.repeat(rng.integers(1, 8, n_docs))].reset_index(drop=True)
    frames = [f"f{i}" for i in range(11)]
    psg = psg.join(pd.DataFrame((rng.random((len(psg), 11)) < 0.2).astype(int), columns=frames))
    out = frame_prevalence(psg, by="bloc", frames=frames, n_boot=1000)
    # speed is measured in benchmarks/, not asserted here; check the big run's counts instead
    assert out.groupby("bloc")["n_passages"].first().sum() == len(psg)


# --------------------------------------------------------------------------
# Correction for classifier error
# --------------------------------------------------------------------------


def test_rogan_gladen_by_hand():
    assert rogan_gladen(0.25, sensitivity=0.7, specificity=0.95) == pytest.approx((0.25 + 0.95 - 1) / (0.7 + 0.95 - 1))
    assert rogan_gladen(0.02, sensitivity=0.7, specificity=0.95) == 0.0  # below false-positive rate 0.05
    assert rogan_gladen(0.99, sensitivity=0.7, specificity=0.95) == 1.0
    assert rogan_gladen(0.02, sensitivity=0.7, specificity=0.95, clip=False) == pytest.approx(-0.03 / 0.65)
    np.testing.assert_allclose(rogan_gladen([0.2, 0.4], sensitivity=[0.8, 0.9], specificity=[0.9, 0.8]),
                               [0.1 / 0.7, 0.2 / 0.7])


def test_corrected_shares_in_frame_prevalence(psg):
    sens = {"chaos": 0.8, "betrayal": 0.9, "security": 0.75}
    spec = {"chaos": 0.95, "betrayal": 0.85, "security": 0.99}
    out = frame_prevalence(psg, by="bloc", frames=FRAMES, n_boot=400, correction={"sensitivity": sens, "specificity": spec})
    for row in out.itertuples():
        by_hand = (row.share + spec[row.frame] - 1) / (sens[row.frame] + spec[row.frame] - 1)
        assert row.share_corrected == pytest.approx(min(max(by_hand, 0.0), 1.0))
        # The correction is linear before clipping, so unclipped percentiles map through it.
        low = (row.ci_low + spec[row.frame] - 1) / (sens[row.frame] + spec[row.frame] - 1)
        if 0 < low and row.ci_low_corrected > 0:
            assert row.ci_low_corrected == pytest.approx(low)
        assert row.ci_low_corrected <= row.share_corrected <= row.ci_high_corrected
    # Uncorrected columns are unchanged by asking for the correction.
    plain = frame_prevalence(psg, by="bloc", frames=FRAMES, n_boot=400)
    pd.testing.assert_frame_equal(out[plain.columns], plain)


def test_error_rates_from_confusion_by_hand():
    conf = pd.DataFrame({"tp": [30, 5], "fp": [5, 0], "fn": [10, 5], "tn": [155, 190]},
                        index=pd.Index(["chaos", "betrayal"], name="frame"))
    rates = error_rates_from_confusion(conf)
    assert rates["sensitivity"] == {"chaos": 0.75, "betrayal": 0.5}
    assert rates["specificity"] == {"chaos": 155 / 160, "betrayal": 1.0}


def test_error_rates_feed_the_correction(psg):
    conf = pd.DataFrame({"frame": FRAMES, "tp": [8, 9, 7], "fp": [1, 2, 0], "fn": [2, 1, 3], "tn": [89, 88, 90]})
    out = frame_prevalence(psg, by="bloc", frames=FRAMES, n_boot=10, correction=error_rates_from_confusion(conf))
    assert out["share_corrected"].between(0, 1).all()


# --------------------------------------------------------------------------
# prevalence_differences
# --------------------------------------------------------------------------


def test_differences_match_prevalence_and_scipy_bh(psg):
    prev = frame_prevalence(psg, by="bloc", frames=FRAMES, n_boot=0).set_index(["bloc", "frame"])["share"]
    diff = prevalence_differences(psg, by="bloc", frames=FRAMES, n_boot=200, n_perm=300)
    assert list(zip(diff["group_a"], diff["group_b"]))[::3] == [("CN", "RU"), ("CN", "US"), ("RU", "US")]
    for row in diff.itertuples():
        assert row.share_a == pytest.approx(prev[(row.group_a, row.frame)])
        assert row.share_b == pytest.approx(prev[(row.group_b, row.frame)])
        assert row.diff == pytest.approx(row.share_a - row.share_b)
        assert row.ci_low <= row.diff <= row.ci_high
        assert 1 / 301 <= row.p_perm <= 1
    np.testing.assert_allclose(diff["p_adj"], false_discovery_control(diff["p_perm"], method="bh"))


def test_difference_interval_uses_the_prevalence_replicates(psg):
    # With the same seed, each group's replicates are those of frame_prevalence,
    # so the difference interval must lie within the spread of the two intervals.
    prev = frame_prevalence(psg, by="bloc", frames=["chaos"], n_boot=500, ci_method="percentile").set_index("bloc")
    diff = prevalence_differences(psg, by="bloc", frames=["chaos"], pairs=[("US", "CN")], n_boot=500, n_perm=10,
                                  ci_method="percentile")
    row = diff.iloc[0]
    assert row.ci_low >= prev.loc["US", "ci_low"] - prev.loc["CN", "ci_high"] - 1e-12
    assert row.ci_high <= prev.loc["US", "ci_high"] - prev.loc["CN", "ci_low"] + 1e-12


def test_permutation_p_value_matches_exact_enumeration():
    # Synthetic 3-vs-3 document design with unequal passage counts.
    codes = {"a1": [1, 1, 0], "a2": [1], "a3": [1, 1], "b1": [0, 0], "b2": [1, 0, 0, 0], "b3": [0]}
    rows = [(d, d[0], y) for d, ys in codes.items() for y in ys]
    psg = pd.DataFrame(rows, columns=["doc_id", "bloc", "chaos"])

    def share(docs):
        pooled = [y for d in docs for y in codes[d]]
        return sum(pooled) / len(pooled)

    docs = list(codes)
    observed = share(["a1", "a2", "a3"]) - share(["b1", "b2", "b3"])
    diffs = [share(a) - share([d for d in docs if d not in a]) for a in combinations(docs, 3)]
    exact = np.mean([abs(d) >= abs(observed) - 1e-12 for d in diffs])
    out = prevalence_differences(psg, by="bloc", frames=["chaos"], n_boot=10, n_perm=20000, random_state=7)
    assert out["diff"].iloc[0] == pytest.approx(observed)
    assert out["p_perm"].iloc[0] == pytest.approx(exact, abs=0.015)


def test_differences_within_strata(psg):
    weekly = add_period(psg)
    diff = prevalence_differences(weekly, by="bloc", frames=["chaos"], within="week", pairs=[("US", "RU")], n_boot=50,
                                  n_perm=50)
    prev = frame_prevalence(weekly, frames=["chaos"], by=["week", "bloc"], n_boot=0).set_index(["week", "bloc"])
    assert diff["week"].nunique() == weekly["week"].nunique()
    for row in diff.itertuples():
        present = [(row.week, g) in prev.index for g in ("US", "RU")]
        if all(present):
            assert row.share_a == pytest.approx(prev.loc[(row.week, "US"), "share"])
        else:
            assert np.isnan(row.diff) and np.isnan(row.p_adj)
    tested = diff["p_perm"].notna()
    np.testing.assert_allclose(diff.loc[tested, "p_adj"],
                               false_discovery_control(diff.loc[tested, "p_perm"], method="bh"))


# --------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------


def test_error_not_a_dataframe():
    with pytest.raises(ParameterError, match="`data` must be a pandas DataFrame; got list"):
        frame_prevalence([1, 2], by="bloc", frames=["chaos"])
    with pytest.raises(ParameterError, match="`data` must be a pandas DataFrame; got list"):
        prevalence_differences([1, 2], by="bloc", frames=["chaos"])
    with pytest.raises(ParameterError, match="`confusion` must be a pandas DataFrame; got dict"):
        error_rates_from_confusion({"tp": 1})


def test_error_missing_frame_column(psg):
    with pytest.raises(ParameterError, match="`frames` must name a column of `data`; got 'chaoss'"):
        frame_prevalence(psg, by="bloc", frames=["chaos", "chaoss"])
    with pytest.raises(ParameterError, match="`frames` must be a column name or a non-empty list of column names; got \\[\\]"):
        frame_prevalence(psg, by="bloc", frames=[])
    with pytest.raises(ParameterError, match="`frames` must be frame columns that are not grouping columns or `doc_id`; got 'bloc'"):
        frame_prevalence(psg, by="bloc", frames=["bloc"])


@pytest.mark.parametrize("bad", [2, 0.5, np.nan, "1"])
def test_error_non_binary_frame_values(psg, bad):
    psg = psg.astype({"chaos": object})
    psg.loc[psg.index[4], "chaos"] = bad
    with pytest.raises(ParameterError, match="Frame column 'chaos' \\(from `frames`\\) must hold 0/1 .* in row 4 \\(passage_id"):
        frame_prevalence(psg, by="bloc", frames=FRAMES)


def test_error_bad_by(psg):
    with pytest.raises(ParameterError, match="`by` must name a column of `data`; got 'cuntry'"):
        frame_prevalence(psg, frames=FRAMES, by="cuntry")
    with pytest.raises(ParameterError, match="`by` must be a column name or a non-empty list of column names; got 3"):
        frame_prevalence(psg, frames=FRAMES, by=3)
    with pytest.raises(ParameterError, match="`by` must be one column whose groups are compared; got \\['bloc'\\]. Put other columns in `within`"):
        prevalence_differences(psg, frames=FRAMES, by=["bloc"])
    with pytest.raises(ParameterError, match="`within` must be columns other than `by`"):
        prevalence_differences(psg, by="bloc", frames=FRAMES, within="bloc")


def test_error_missing_group_or_document(psg):
    psg.loc[3, "bloc"] = None
    with pytest.raises(MissingDataError, match="Column 'bloc' \\(from `by`\\) has 1 missing value\\(s\\): row 3"):
        frame_prevalence(psg, by="bloc", frames=FRAMES)
    with pytest.warns(UserWarning, match="1 row"):
        dropped = frame_prevalence(psg, by="bloc", frames=FRAMES, n_boot=0, missing="drop")
    assert dropped.groupby("bloc")["n_passages"].first().sum() == len(psg) - 1
    with pytest.raises(ParameterError, match="a required column must name a column of `data`; got 'doc_id'"):
        frame_prevalence(psg.drop(columns="doc_id"), frames=FRAMES, by="date")


def test_error_group_with_no_documents(psg):
    as_cat = psg.assign(bloc=pd.Categorical(psg["bloc"], categories=["CN", "RU", "US", "other"]))
    with pytest.raises(DiscourseError, match="Group 'other' of `by` column 'bloc' has no documents"):
        frame_prevalence(as_cat, by="bloc", frames=FRAMES)
    with pytest.raises(DiscourseError, match="Group 'other' in `pairs` has no documents"):
        prevalence_differences(psg, by="bloc", frames=FRAMES, pairs=[("US", "other")])
    with pytest.raises(DiscourseError, match="`data` has no rows"):
        frame_prevalence(psg.iloc[:0], by="bloc", frames=FRAMES)


def test_error_bad_pairs(psg):
    with pytest.raises(ParameterError, match="`pairs` must be pairs of two different groups; got \\('US', 'US'\\)"):
        prevalence_differences(psg, by="bloc", frames=FRAMES, pairs=[("US", "US")])
    with pytest.raises(ParameterError, match="`pairs` must be a non-empty list of \\(group_a, group_b\\) tuples.*got 'US'"):
        prevalence_differences(psg, by="bloc", frames=FRAMES, pairs="US")
    with pytest.raises(ParameterError, match="`pairs` must be a list of \\(group_a, group_b\\) tuples; got \\('US',\\)"):
        prevalence_differences(psg, by="bloc", frames=FRAMES, pairs=[("US",)])


def test_error_document_in_two_groups():
    # Synthetic: document d1 is labelled US in one passage and CN in another.
    psg = pd.DataFrame({"doc_id": ["d1", "d1", "d2"], "bloc": ["US", "CN", "CN"], "chaos": [1, 0, 0]})
    with pytest.raises(DiscourseError, match="Document 'd1' has passages in more than one group of `by`"):
        prevalence_differences(psg, by="bloc", frames=["chaos"])


@pytest.mark.parametrize("ci", [0, 1, 1.5, -0.1, "0.9"])
def test_error_ci_outside_unit_interval(psg, ci):
    with pytest.raises(ParameterError, match="`ci` must be a number strictly between 0 and 1"):
        frame_prevalence(psg, by="bloc", frames=FRAMES, ci=ci)


def test_error_bad_options(psg):
    with pytest.raises(ParameterError, match="`unit` must be one of: 'passage', 'document'; got 'sentence'"):
        frame_prevalence(psg, by="bloc", frames=FRAMES, unit="sentence")
    with pytest.raises(ParameterError, match="`n_boot` must be a non-negative integer; got -1"):
        frame_prevalence(psg, by="bloc", frames=FRAMES, n_boot=-1)
    with pytest.raises(ParameterError, match="`n_perm` must be an integer >= 1; got 0"):
        prevalence_differences(psg, by="bloc", frames=FRAMES, n_perm=0)
    with pytest.raises(ParameterError, match="`random_state` must be None, an integer or a numpy.random.Generator"):
        frame_prevalence(psg, by="bloc", frames=FRAMES, random_state="seed")


def test_error_degenerate_or_malformed_correction(psg):
    ok = {"chaos": 0.8, "betrayal": 0.8, "security": 0.8}
    with pytest.raises(DiscourseError, match="Cannot correct frame 'betrayal'.*no better than chance"):
        frame_prevalence(psg, by="bloc", frames=FRAMES, correction={
            "sensitivity": ok, "specificity": {"chaos": 0.9, "betrayal": 0.2, "security": 0.9}})
    with pytest.raises(DiscourseError, match="has no rate for frame 'security'"):
        frame_prevalence(psg, by="bloc", frames=FRAMES, correction={
            "sensitivity": ok, "specificity": {"chaos": 0.9, "betrayal": 0.9}})
    with pytest.raises(ParameterError, match="`correction` must be"):
        frame_prevalence(psg, by="bloc", frames=FRAMES, correction={"sens": ok})
    with pytest.raises(ParameterError, match="`correction\\['sensitivity'\\]\\['chaos'\\]` must be a rate between 0 and 1; got 1.2"):
        frame_prevalence(psg, by="bloc", frames=FRAMES, correction={"sensitivity": {**ok, "chaos": 1.2}, "specificity": ok})
    with pytest.raises(DiscourseError, match="sensitivity \\+ specificity - 1 must be > 0"):
        rogan_gladen(0.3, sensitivity=0.5, specificity=0.5)
    with pytest.raises(ParameterError, match="`specificity` must be a rate between 0 and 1; got 1.5"):
        rogan_gladen(0.3, sensitivity=0.5, specificity=1.5)


def test_error_bad_confusion():
    base = {"frame": ["chaos"], "tp": [3], "fp": [1], "fn": [1], "tn": [10]}
    with pytest.raises(ParameterError, match="a required column must name a column of `confusion`; got 'tn'"):
        error_rates_from_confusion(pd.DataFrame(base).drop(columns="tn"))
    with pytest.raises(DiscourseError, match="Frame 'chaos' has no gold positives"):
        error_rates_from_confusion(pd.DataFrame({**base, "tp": [0], "fn": [0]}))
    with pytest.raises(DiscourseError, match="Frame 'chaos' has no gold negatives"):
        error_rates_from_confusion(pd.DataFrame({**base, "tn": [0], "fp": [0]}))
    with pytest.raises(DiscourseError, match="Invalid value -1 for `fp` of frame 'chaos'"):
        error_rates_from_confusion(pd.DataFrame({**base, "fp": [-1]}))
