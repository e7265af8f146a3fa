"""Tests for discourse.reliability, checked against independent implementations.

Reference values come from the `krippendorff` PyPI package, scikit-learn's
`cohen_kappa_score`, and Krippendorff's (2011) published worked example.
"""
from __future__ import annotations

from itertools import combinations

import krippendorff
import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from discourse._errors import DiscourseError
from discourse.reliability import KappaResult, agreement_table, cohen_kappa, krippendorff_alpha

nan = np.nan

# Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability, the
# 4 observers x 12 units example with missing values (section C).
KRIPPENDORFF_2011 = np.array(
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
        [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
    ]
)


def _random_matrix(rng, n_coders, n_units, n_values, p_missing):
    data = rng.integers(1, n_values + 1, size=(n_coders, n_units)).astype(float)
    data[rng.random(data.shape) < p_missing] = nan
    return data


# --------------------------------------------------------------------- alpha
def test_alpha_published_worked_example():
    # Published values: nominal .743, interval .849.
    assert krippendorff_alpha(KRIPPENDORFF_2011) == pytest.approx(0.743, abs=5e-4)
    assert krippendorff_alpha(KRIPPENDORFF_2011, level="interval") == pytest.approx(0.849, abs=5e-4)


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_alpha_matches_krippendorff_package(level):
    rng = np.random.default_rng(42)
    for _ in range(15):
        data = _random_matrix(
            rng, rng.integers(2, 6), rng.integers(5, 60), rng.integers(2, 7), p_missing=0.3
        )
        expected = krippendorff.alpha(reliability_data=data, level_of_measurement=level)
        assert krippendorff_alpha(data, level=level) == pytest.approx(expected, abs=1e-10)


def test_alpha_on_worked_example_matches_package_all_levels():
    for level in ["nominal", "ordinal", "interval", "ratio"]:
        expected = krippendorff.alpha(reliability_data=KRIPPENDORFF_2011, level_of_measurement=level)
        assert krippendorff_alpha(KRIPPENDORFF_2011, level=level) == pytest.approx(expected, abs=1e-10)


def test_alpha_ignores_units_with_one_coding():
    # Unit 12 has a single value; dropping it must not change alpha.
    assert krippendorff_alpha(KRIPPENDORFF_2011) == pytest.approx(
        krippendorff_alpha(KRIPPENDORFF_2011[:, :11]), abs=1e-12
    )


def test_alpha_accepts_strings_and_dataframes():
    labels = np.array(["", "a", "b", "c", "d", "e"], dtype=object)
    as_str = np.where(np.isnan(KRIPPENDORFF_2011), None,
                      labels[np.nan_to_num(KRIPPENDORFF_2011).astype(int)])
    assert krippendorff_alpha(as_str) == pytest.approx(krippendorff_alpha(KRIPPENDORFF_2011))
    frame = pd.DataFrame(KRIPPENDORFF_2011, index=list("ABCD"))
    assert krippendorff_alpha(frame) == pytest.approx(krippendorff_alpha(KRIPPENDORFF_2011))


def test_alpha_perfect_agreement_and_no_variation():
    assert krippendorff_alpha([[1, 2, 1, 2], [1, 2, 1, 2]]) == pytest.approx(1.0)
    # All values identical: expected disagreement is zero, alpha undefined.
    assert np.isnan(krippendorff_alpha([[1, 1, 1], [1, 1, nan]]))


def test_alpha_errors():
    with pytest.raises(DiscourseError, match="at least two coders"):
        krippendorff_alpha([[1, 2, 3]])
    with pytest.raises(DiscourseError, match="no unit was coded by two or more coders"):
        krippendorff_alpha([[1, nan, nan], [nan, 2, nan]])
    with pytest.raises(DiscourseError, match="`level` must .*got 'binary'"):
        krippendorff_alpha(KRIPPENDORFF_2011, level="binary")
    with pytest.raises(DiscourseError, match="2-D"):
        krippendorff_alpha([1, 2, 3])
    with pytest.raises(DiscourseError, match="only be compared at level 'nominal'"):
        krippendorff_alpha([["a", "b"], ["a", "a"]], level="interval")


# --------------------------------------------------------------------- kappa
def test_kappa_matches_sklearn():
    rng = np.random.default_rng(7)
    for _ in range(20):
        a = rng.integers(0, 4, 50)
        b = np.where(rng.random(50) < 0.6, a, rng.integers(0, 4, 50))
        result = cohen_kappa(a, b)
        assert isinstance(result, KappaResult)
        assert result.kappa == pytest.approx(cohen_kappa_score(a, b), abs=1e-12)
        assert result.n == 50


def test_kappa_drops_missing_pairs_and_reports_n():
    a = [1, 0, None, 1, 1, 0, nan, 1]
    b = [1, 1, 0, 1, None, 0, 1, 0]
    keep = [0, 1, 3, 5, 7]
    result = cohen_kappa(a, b)
    assert result.n == 5
    assert result.kappa == pytest.approx(
        cohen_kappa_score([a[i] for i in keep], [b[i] for i in keep])
    )


def test_kappa_string_labels():
    a = ["yes", "no", "no", "yes", "maybe"]
    b = ["yes", "no", "yes", "yes", "maybe"]
    assert cohen_kappa(a, b).kappa == pytest.approx(cohen_kappa_score(a, b))


def test_kappa_errors():
    with pytest.raises(DiscourseError, match="both coders must code the same units"):
        cohen_kappa([1, 0, 1], [1, 0])
    with pytest.raises(DiscourseError, match="no unit was coded by both coders"):
        cohen_kappa([1, None], [None, 0])


# ----------------------------------------------------------- agreement table
FRAMES = ["humanitarian", "economic", "terrorism_security"]


@pytest.fixture
def codings():
    """Synthetic long-format codings: 40 passages x 2 coders, a few gaps."""
    rng = np.random.default_rng(3)
    rows = []
    for u in range(40):
        truth = rng.random(len(FRAMES)) < [0.4, 0.25, 0.5]
        for coder in ["ana", "ben"]:
            flip = rng.random(len(FRAMES)) < 0.15
            rows.append({"passage_id": f"p{u:02d}", "coder": coder,
                         **{f: int(t ^ fl) for f, t, fl in zip(FRAMES, truth, flip)}})
    df = pd.DataFrame(rows)
    # ben did not code 'economic' for two passages; p39 is coded by ana only.
    df.loc[(df.coder == "ben") & df.passage_id.isin(["p00", "p01"]), "economic"] = nan
    return df[~((df.passage_id == "p39") & (df.coder == "ben"))].reset_index(drop=True)


def _matrix(df, frame):
    """coders x units matrix for one frame, for the reference implementations."""
    return df.pivot(index="coder", columns="passage_id", values=frame).to_numpy(dtype=float)


def test_agreement_table_matches_references(codings):
    table = agreement_table(codings, frames=FRAMES, n_boot=0)
    assert list(table.index) == FRAMES + ["overall_mean", "overall_pooled"]
    for f in FRAMES:
        m = _matrix(codings, f)
        both = ~np.isnan(m).any(axis=0)
        row = table.loc[f]
        assert row["n_units"] == both.sum()
        assert row["alpha"] == pytest.approx(
            krippendorff.alpha(reliability_data=m, level_of_measurement="nominal"), abs=1e-10
        )
        assert row["kappa"] == pytest.approx(cohen_kappa_score(m[0, both], m[1, both]), abs=1e-12)
        assert row["percent_agreement"] == pytest.approx((m[0, both] == m[1, both]).mean())
        assert row["prevalence_ana"] == pytest.approx(m[0, both].mean())
        assert row["prevalence_ben"] == pytest.approx(m[1, both].mean())
    assert table.loc["humanitarian", "n_units"] == 39
    assert table.loc["economic", "n_units"] == 37


def test_agreement_table_summary_rows(codings):
    table = agreement_table(codings, frames=FRAMES, n_boot=0)
    for col in ["percent_agreement", "alpha", "kappa", "prevalence_ana"]:
        assert table.loc["overall_mean", col] == pytest.approx(table.loc[FRAMES, col].mean())
    pooled = np.hstack([_matrix(codings, f) for f in FRAMES])
    both = ~np.isnan(pooled).any(axis=0)
    assert table.loc["overall_pooled", "alpha"] == pytest.approx(
        krippendorff.alpha(reliability_data=pooled, level_of_measurement="nominal"), abs=1e-10
    )
    assert table.loc["overall_pooled", "kappa"] == pytest.approx(
        cohen_kappa_score(pooled[0, both], pooled[1, both]), abs=1e-12
    )
    assert table.loc["overall_pooled", "n_units"] == both.sum()
    assert table.loc["overall_mean", "n_units"] == 39


def test_agreement_table_three_coders_uses_mean_pairwise_kappa():
    rng = np.random.default_rng(11)
    truth = rng.integers(0, 2, 30)
    rows = [
        {"passage_id": u, "coder": c, "frame": int(truth[u] ^ (rng.random() < 0.2))}
        for u in range(30) for c in ["a", "b", "c"]
    ]
    df = pd.DataFrame(rows)
    table = agreement_table(df, frames=["frame"], n_boot=0)
    m = _matrix(df, "frame")
    light = np.mean([cohen_kappa_score(m[i], m[j]) for i, j in combinations(range(3), 2)])
    assert table.loc["frame", "kappa"] == pytest.approx(light)
    assert table.loc["frame", "alpha"] == pytest.approx(
        krippendorff.alpha(reliability_data=m, level_of_measurement="nominal")
    )
    pairs_agree = np.mean([(m[i] == m[j]).mean() for i, j in combinations(range(3), 2)])
    assert table.loc["frame", "percent_agreement"] == pytest.approx(pairs_agree)


def test_agreement_table_bootstrap_is_reproducible_and_covers_estimate(codings):
    t1 = agreement_table(codings, frames=FRAMES, n_boot=200, random_state=5)
    t2 = agreement_table(codings, frames=FRAMES, n_boot=200, random_state=5)
    t3 = agreement_table(codings, frames=FRAMES, n_boot=200, random_state=6)
    pd.testing.assert_frame_equal(t1, t2)
    assert not t1["alpha_ci_low"].equals(t3["alpha_ci_low"])
    for name in ["alpha", "kappa"]:
        assert (t1[f"{name}_ci_low"] <= t1[name]).all()
        assert (t1[name] <= t1[f"{name}_ci_high"]).all()
    # A narrower interval nests inside a wider one from the same draws.
    t4 = agreement_table(codings, frames=FRAMES, n_boot=200, ci=0.5, random_state=5)
    assert (t4["alpha_ci_low"] >= t1["alpha_ci_low"]).all()


def test_agreement_table_accepts_booleans(codings):
    as_bool = codings.copy()
    as_bool["humanitarian"] = as_bool["humanitarian"].astype(bool)
    pd.testing.assert_frame_equal(
        agreement_table(as_bool, frames=FRAMES, n_boot=0),
        agreement_table(codings, frames=FRAMES, n_boot=0),
    )


def test_agreement_table_errors(codings):
    with pytest.raises(DiscourseError, match=r"\['framing'\] for `frames`: not columns"):
        agreement_table(codings, frames=["humanitarian", "framing"])
    with pytest.raises(DiscourseError, match="only one coder"):
        agreement_table(codings[codings.coder == "ana"], frames=FRAMES)
    with pytest.raises(DiscourseError, match="no unit was coded by two or more coders"):
        no_overlap = codings[((codings.coder == "ana") & (codings.passage_id == "p00"))
                             | ((codings.coder == "ben") & (codings.passage_id == "p01"))]
        agreement_table(no_overlap, frames=FRAMES)
    with pytest.raises(DiscourseError, match="`unit` must .*got 'doc_id'"):
        agreement_table(codings, unit="doc_id", frames=FRAMES)
    with pytest.raises(DiscourseError, match="`coder` must .*got 'annotator'"):
        agreement_table(codings, coder="annotator", frames=FRAMES)
    bad = codings.copy()
    bad.loc[0, "economic"] = 2
    with pytest.raises(DiscourseError, match=r"`codings\['economic'\]` must .*got 2(\.0)?"):
        agreement_table(bad, frames=FRAMES)
    with pytest.raises(DiscourseError, match="more than one row for coder"):
        agreement_table(pd.concat([codings, codings.iloc[[0]]]), frames=FRAMES)
    with pytest.raises(DiscourseError, match="`n_boot`"):
        agreement_table(codings, frames=FRAMES, n_boot=-1)
    with pytest.raises(DiscourseError, match="`ci`"):
        agreement_table(codings, frames=FRAMES, ci=95)
    with pytest.raises(DiscourseError, match="for `frames`; give at least one"):
        agreement_table(codings, frames=[])
    with pytest.raises(TypeError, match="`codings` must be a pandas DataFrame"):
        agreement_table(codings.to_numpy(), frames=FRAMES)


def test_agreement_table_argument_checks():
    # SYNTHETIC two-coder codings
    codings = pd.DataFrame({"passage_id": ["p1", "p1", "p2", "p2"], "coder": ["A", "B", "A", "B"],
                            "humanitarian": [1, 1, 0, 1]})
    with pytest.raises(DiscourseError, match=r"`n_boot` must .*got True"):
        agreement_table(codings, frames=["humanitarian"], n_boot=True)
    with pytest.raises(DiscourseError, match=r"`ci` must .*got 1.5"):
        agreement_table(codings, frames=["humanitarian"], n_boot=0, ci=1.5)
