import pandas as pd
import pytest

from discourse.claims import Claim, check_claims

# Synthetic differences table (as prevalence_differences returns).
DIFFS = pd.DataFrame({
    "group_a": ["CN", "CN", "CN"], "group_b": ["US", "US", "US"],
    "frame": ["engagement_sovereignty", "humanitarian", "economic"],
    "share_a": [0.30, 0.10, 0.05], "share_b": [0.05, 0.30, 0.06],
    "diff": [0.25, -0.20, -0.01], "ci_low": [0.18, -0.27, -0.04], "ci_high": [0.32, -0.13, 0.02],
    "p_adj": [0.001, 0.002, 0.60],
})


def test_verdicts_follow_the_rule():
    claims = [
        Claim("CN engages more", "engagement_sovereignty", "CN", "US", "more"),
        Claim("CN more humanitarian", "humanitarian", "CN", "US", "more"),
        Claim("US more humanitarian (reversed pair)", "humanitarian", "US", "CN", "more"),
        Claim("CN less economic", "economic", "CN", "US", "less"),
    ]
    out = check_claims(claims, DIFFS)
    assert out["verdict"].tolist() == ["supported", "contradicted", "supported", "cannot decide"]
    assert out.loc[2, "diff"] == pytest.approx(0.20) and out.loc[2, "ci_low"] == pytest.approx(0.13)


def test_min_passages_blocks_verdict():
    counts = pd.DataFrame({"bloc": ["CN", "US"], "frame": ["engagement_sovereignty"] * 2, "n_passages": [10, 500]})
    out = check_claims([Claim("x", "engagement_sovereignty", "CN", "US")], DIFFS, counts=counts, min_passages=30,
                       by="bloc")
    assert out["verdict"].tolist() == ["cannot decide"]
    counts.attrs["by"] = ["bloc"]   # as frame_prevalence records it: `by` is then read from the table
    assert check_claims([Claim("x", "engagement_sovereignty", "CN", "US")], DIFFS, counts=counts,
                        min_passages=5)["verdict"].tolist() == ["supported"]
    counts.attrs = {}
    with pytest.raises(ValueError, match="`by` must name the grouping column of `counts`"):
        check_claims([Claim("x", "engagement_sovereignty", "CN", "US")], DIFFS, counts=counts)


def test_errors():
    with pytest.raises(ValueError, match=r"No row for frame 'abandonment'"):
        check_claims([Claim("x", "abandonment", "CN", "US")], DIFFS)
    with pytest.raises(ValueError, match=r"`direction` must be one of: 'more', 'less'; got 'higher'"):
        check_claims([Claim("x", "economic", "CN", "US", "higher")], DIFFS)


def test_check_corrected_reads_the_corrected_intervals_with_a_stated_rule():
    from discourse._errors import DiscourseError
    from discourse.claims import check_corrected

    # synthetic corrected shares of three groups for one frame
    shares = pd.DataFrame({"bloc": ["A", "B", "C", "D"], "frame": "aid", "share_corrected": [0.5, 0.1, 0.45, None],
                           "ci_low_corrected": [0.4, 0.05, 0.3, None], "ci_high_corrected": [0.6, 0.35, 0.6, None]})
    claims = [Claim("A more than B", "aid", "A", "B"), Claim("B more than A", "aid", "B", "A"),
              Claim("A less than C", "aid", "A", "C", direction="less"), Claim("A more than D", "aid", "A", "D")]
    out = check_corrected(claims, shares, by="bloc")
    # A [0.4, 0.6] vs B [0.05, 0.35]: disjoint; A vs C [0.3, 0.6]: overlap; D: NaN
    assert out["after_correction"].tolist() == ["separate as claimed", "separate, opposite", "intervals overlap",
                                                "not correctable"]
    assert out.loc[0, ["corrected_group", "group_ci_low", "reference_ci_high"]].tolist() == [0.5, 0.4, 0.35]
    with pytest.raises(DiscourseError, match="No corrected share for bloc 'E'"):
        check_corrected([Claim("x", "aid", "A", "E")], shares, by="bloc")
    with pytest.raises(DiscourseError, match="lacks column"):
        check_corrected(claims, shares.drop(columns="share_corrected"), by="bloc")


def _simulated(seed: int = 1) -> pd.DataFrame:
    """SYNTHETIC passages with a known truth: 'chaos' depends on genre only; 'aid' is +0.25 higher in bloc A
    than in B within every genre; C has a genre nobody else has; D writes only in a language nobody else uses,
    in a genre shared with B; E has C's radio and tv in language xx, so against C tv and xx are one column."""
    import numpy as np

    rng = np.random.default_rng(seed)
    parts = []
    for bloc, genres, language in [("A", ["tv"] * 300 + ["tweet"] * 100, "en"), ("B", ["tv"] * 100 + ["tweet"] * 300, "en"),
                                   ("C", ["radio"] * 200, "en"), ("D", ["tv"] * 200, "xx"),
                                   ("E", ["radio"] * 100 + ["tv"] * 100, ["en"] * 100 + ["xx"] * 100)]:
        parts.append(pd.DataFrame({"bloc": bloc, "genre": np.array(genres), "language": language}))
    d = pd.concat(parts, ignore_index=True)
    d["doc_id"] = np.arange(len(d)) // 2  # two passages per document
    tv = (d["genre"] == "tv").to_numpy()
    d["chaos"] = (rng.random(len(d)) < np.where(tv, 0.6, 0.2)).astype(int)
    d["aid"] = (rng.random(len(d)) < np.where(tv, 0.3, 0.1) + np.where(d["bloc"] == "A", 0.25, 0.0)).astype(int)
    return d


def test_check_adjusted_recovers_a_true_effect_and_not_a_genre_mix():
    from discourse.claims import check_adjusted

    d = _simulated()
    raw = d.groupby("bloc")["chaos"].mean()
    assert raw["A"] - raw["B"] > 0.15  # the raw comparison is misled by the genre mix
    claims = [Claim("A more chaotic than B", "chaos", "A", "B"), Claim("A gives more aid than B", "aid", "A", "B"),
              Claim("B gives more aid than A", "aid", "B", "A")]
    out = check_adjusted(claims, d, frames=["chaos", "aid"], covariates="genre")
    assert out["verdict_adjusted"].tolist() == ["cannot decide", "supported", "contradicted"]
    assert out.loc[1, "ci_low"] < 0.25 < out.loc[1, "ci_high"]  # the known truth is inside the interval
    assert out.loc[2, "diff_adjusted"] == pytest.approx(-out.loc[1, "diff_adjusted"])
    assert out["shared_cells"].tolist() == [2, 2, 2]


def test_check_adjusted_says_not_identifiable_and_why():
    from discourse.claims import check_adjusted

    d = _simulated()
    claims = [Claim("C is calmer than B", "chaos", "C", "B", "less"), Claim("D is more chaotic than B", "chaos", "D", "B")]
    out = check_adjusted(claims, d, frames=["chaos"], covariates="genre")
    assert out.loc[0, "verdict_adjusted"] == "not identifiable" and "no cell" in out.loc[0, "reason"]
    assert out.loc[1, "verdict_adjusted"] != "not identifiable"  # D shares 'tv' with B when language is ignored
    both = check_adjusted(claims, d, frames=["chaos"], covariates=["genre", "language"])
    assert both["verdict_adjusted"].tolist() == ["not identifiable"] * 2
    assert both.loc[1, "reason"].startswith("no cell")  # D and B share no genre-and-language cell
    collinear = check_adjusted([Claim("E vs C", "chaos", "E", "C")], d, frames=["chaos"], covariates=["genre", "language"])
    assert collinear.loc[0, "shared_cells"] == 1 and "collinear" in collinear.loc[0, "reason"]


def test_check_adjusted_errors():
    from discourse.claims import check_adjusted

    d = _simulated()
    with pytest.raises(ValueError, match="group 'Z' is not in"):
        check_adjusted([Claim("Z", "chaos", "Z", "B")], d, frames=["chaos"], covariates="genre")
    with pytest.raises(ValueError, match="frame 'aid' is not one of"):
        check_adjusted([Claim("aid", "aid", "A", "B")], d, frames=["chaos"], covariates="genre")
    with pytest.raises(ValueError, match="direction"):
        check_adjusted([Claim("x", "chaos", "A", "B", "sideways")], d, frames=["chaos"], covariates="genre")


def test_findings_sets_both_codings_side_by_side_and_reads_each_claim_by_its_rule():
    from discourse.claims import check_corrected, findings

    claims = [
        Claim("CN engages more", "engagement_sovereignty", "CN", "US", "more"),
        Claim("CN more humanitarian", "humanitarian", "CN", "US", "more"),
        Claim("CN less economic", "economic", "CN", "US", "less"),
    ]
    # synthetic gold differences: the first agrees, the second is undecided (CI spans 0), the third flips sign
    gold_diffs = DIFFS.assign(diff=[0.20, -0.05, 0.08], ci_low=[0.10, -0.15, 0.04], ci_high=[0.30, 0.05, 0.12],
                              p_adj=[0.01, 0.40, 0.01])
    shares = pd.DataFrame({"bloc": ["CN", "US"] * 3, "frame": [f for c in claims for f in [c.frame] * 2],
                           "share_corrected": [0.35, 0.04, 0.12, 0.25, float("nan"), 0.05],
                           "ci_low_corrected": [0.30, 0.01, 0.08, 0.20, float("nan"), 0.03],
                           "ci_high_corrected": [0.40, 0.08, 0.16, 0.30, float("nan"), 0.07]})
    verdicts, gold = check_claims(claims, DIFFS), check_claims(claims, gold_diffs)
    out = findings(verdicts, gold, check_corrected(claims, shares, by="bloc"))
    assert out["verdict_classifier"].tolist() == ["supported", "contradicted", "cannot decide"]
    assert out["verdict_gold"].tolist() == ["supported", "cannot decide", "contradicted"]
    assert out["agree"].tolist() == [True, False, False]
    assert out["diff_corrected"].iloc[:2].tolist() == pytest.approx([0.35 - 0.04, 0.12 - 0.25])
    assert pd.isna(out["diff_corrected"].iloc[2])                    # not correctable: no number
    assert out["reading"].tolist() == [
        "supported by the classifier and by the gold passages; after correction: separate as claimed.",
        "contradicted by the classifier, cannot decide on the gold passages (their difference's CI, "
        "[-0.150, +0.050], includes 0): argue from neither alone; after correction: separate, opposite.",
        "cannot decide by the classifier, contradicted on the gold passages (its difference's CI, "
        "[-0.040, +0.020], includes 0): argue from neither alone; after correction: not correctable.",
    ]
    # a gold verdict undecided only for want of passages says so
    few = check_claims(claims[:1], DIFFS, counts=pd.DataFrame({"bloc": ["CN", "US"], "frame": claims[0].frame,
                                                               "n_passages": [12, 400]}), by="bloc")
    line = findings(verdicts.iloc[:1], few, check_corrected(claims[:1], shares, by="bloc"))["reading"].iloc[0]
    assert "(their groups have too few passages)" in line
    with pytest.raises(ValueError, match="`gold` does not hold the same claims as `verdicts`"):
        findings(verdicts, gold.iloc[:2], check_corrected(claims, shares, by="bloc"))
