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
