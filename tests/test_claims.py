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
