"""Tests for the keyness, collocation and frame plots in discourse.plotting.

All tables here are tiny SYNTHETIC tables shaped like the outputs of
discourse.comparing.keyness, discourse.concordance.collocations and
discourse.prevalence; figures are closed after each test by conftest.py.
"""
from __future__ import annotations

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection, PolyCollection

from discourse import plotting
from discourse._errors import DiscourseError
from discourse.describing import KEY_EVENTS


@pytest.fixture
def keyness_table() -> pd.DataFrame:
    """Synthetic keyness rows: two one-vs-rest comparisons, 6 features each."""
    rows = []
    for target, reference in [("US", "CN+RU"), ("CN", "RU+US")]:
        for i, g2 in enumerate([30.0, 12.0, 2.0, -1.0, -8.0, -25.0]):
            rows.append({"feature": f"{target.lower()}_w{i}", "target": target, "reference": reference,
                         "n_target": 40 - 5 * i, "n_reference": 5 + 5 * i, "g2": g2,
                         "p_adj": 0.001 if abs(g2) > 10 else 0.4, "log_ratio": np.sign(g2) * (1 + i / 10),
                         "log_odds_z": g2 / 6})
    return pd.DataFrame(rows)


@pytest.fixture
def prevalence_table() -> pd.DataFrame:
    """Synthetic frame_prevalence output: 3 blocs x 2 frames."""
    return pd.DataFrame({
        "bloc": ["CN", "CN", "RU", "RU", "US", "US"],
        "frame": ["chaos", "security"] * 3,
        "share": [0.23, 0.5, 0.1, 0.4, 0.3, 0.6],
        "ci_low": [0.18, 0.4, 0.05, 0.3, 0.2, 0.5],
        "ci_high": [0.29, 0.6, 0.15, 0.5, 0.4, 0.7],
    })


def bar_widths(ax: Axes) -> list[float]:
    return [p.get_width() for p in ax.patches]


# --------------------------------------------------------------------------
# plot_keyness
# --------------------------------------------------------------------------


def test_keyness_one_panel_per_comparison(keyness_table):
    ax = plotting.plot_keyness(keyness_table, top=2)
    assert isinstance(ax, Axes)
    assert len(ax.figure.axes) == 2
    assert ax.get_title() == "US vs CN+RU"
    # top 2 positive by g2, then top 2 negative (most negative first)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["us_w0", "us_w1", "us_w5", "us_w4"]
    assert len(ax.patches) == 4
    np.testing.assert_allclose(bar_widths(ax), [1.0, 1.1, -1.5, -1.4])


def test_keyness_colours_and_pale_non_significant(keyness_table):
    table = keyness_table[keyness_table["target"] == "US"]
    ax = plotting.plot_keyness(table, top=3)
    colours = [mcolors.to_hex(p.get_facecolor()[:3]) for p in ax.patches]
    assert colours[:3] == [plotting.BLOC_PALETTE["US"].lower()] * 3
    assert colours[3:] == [plotting.REFERENCE_GREY] * 3  # "CN+RU" has no bloc colour
    alphas = [p.get_alpha() for p in ax.patches]
    # bars: w0, w1, w2 | w5, w4, w3; only |g2| > 10 (w0, w1, w5) has p_adj < 0.05
    assert alphas == [1.0, 1.0, plotting.PALE, 1.0, plotting.PALE, plotting.PALE]
    solid = plotting.plot_keyness(table, top=3, significant=None)
    assert {p.get_alpha() for p in solid.patches} == {1.0}


def test_keyness_reference_only_on_request_and_error_bars(keyness_table):
    table = keyness_table[keyness_table["target"] == "CN"].assign(
        log_ratio_ci_low=lambda d: d["log_ratio"] - 0.2, log_ratio_ci_high=lambda d: d["log_ratio"] + 0.3)
    ax = plotting.plot_keyness(table, top=10, show_reference=False)
    assert len(ax.patches) == 3
    assert len(ax.containers) == 1 + 3  # one errorbar container, plus one per barh call
    err = [c for c in ax.containers if c.__class__.__name__ == "ErrorbarContainer"][0]
    segments = err.lines[2][0].get_segments()
    np.testing.assert_allclose([s[0][0] for s in segments], table["log_ratio"].iloc[:3] - 0.2)
    np.testing.assert_allclose([s[1][0] for s in segments], table["log_ratio"].iloc[:3] + 0.3)


def test_keyness_rank_by_x_when_no_g2(keyness_table):
    table = keyness_table[keyness_table["target"] == "US"].drop(columns="g2")
    ax = plotting.plot_keyness(table, top=1, x="log_odds_z")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["us_w0", "us_w5"]


def test_keyness_errors(keyness_table):
    with pytest.raises(DiscourseError, match="Could not interpret value 'log_ratioo' for `x`"):
        plotting.plot_keyness(keyness_table, x="log_ratioo")
    with pytest.raises(DiscourseError, match="Could not interpret value 'tagret' for `hue`"):
        plotting.plot_keyness(keyness_table, hue="tagret")
    with pytest.raises(DiscourseError, match="Invalid value 0 for `top`"):
        plotting.plot_keyness(keyness_table, top=0)
    with pytest.raises(DiscourseError, match="Invalid value 5 for `alpha`"):
        plotting.plot_keyness(keyness_table, alpha=5)
    with pytest.raises(DiscourseError, match="`ax` holds one panel but `data` has 2 comparisons"):
        plotting.plot_keyness(keyness_table, ax=plotting.plt.figure().gca())
    with pytest.raises(DiscourseError, match="`data` has no rows"):
        plotting.plot_keyness(keyness_table.iloc[:0])
    with pytest.raises(TypeError, match="`data` must be a pandas DataFrame"):
        plotting.plot_keyness([1, 2])


# --------------------------------------------------------------------------
# plot_keyness_scatter
# --------------------------------------------------------------------------


def test_keyness_scatter_points_and_labels(keyness_table):
    table = keyness_table[keyness_table["target"] == "US"]
    ax = plotting.plot_keyness_scatter(table, label_top=2)
    points = [c for c in ax.collections if isinstance(c, PathCollection)][0]
    np.testing.assert_allclose(points.get_offsets()[:, 0], np.log10(table["n_target"] + table["n_reference"]))
    np.testing.assert_allclose(points.get_offsets()[:, 1], table["log_odds_z"])
    assert [t.get_text() for t in ax.texts] == ["us_w0", "us_w5"]  # largest |z|
    colours = [mcolors.to_hex(c) for c in points.get_facecolors()]
    # z = 5, 2, 0.33, -0.17, -1.33, -4.17 against 1.96
    assert colours[0] == plotting.BLOC_PALETTE["US"].lower()
    assert colours[2] == colours[3] == colours[4] == "#c8c8c8"


def test_keyness_scatter_errors(keyness_table):
    with pytest.raises(DiscourseError, match="`data` holds 2 comparisons"):
        plotting.plot_keyness_scatter(keyness_table)
    with pytest.raises(DiscourseError, match="Could not interpret value 'z' for `y`"):
        plotting.plot_keyness_scatter(keyness_table, y="z")
    with pytest.raises(DiscourseError, match="Could not interpret value 'n_target' for `n_target`"):
        plotting.plot_keyness_scatter(keyness_table.drop(columns="n_target"))
    with pytest.raises(DiscourseError, match="Invalid value -1 for `label_top`"):
        plotting.plot_keyness_scatter(keyness_table[keyness_table["target"] == "US"], label_top=-1)


# --------------------------------------------------------------------------
# plot_collocates
# --------------------------------------------------------------------------


@pytest.fixture
def collocates_table() -> pd.DataFrame:
    """Synthetic collocations(by="bloc") output for one node."""
    return pd.DataFrame({
        "group": ["US", "US", "US", "CN", "CN"],
        "node": "taliban",
        "collocate": ["kabul", "chaos", "deal", "kabul", "forces"],
        "n_collocate": [9, 5, 2, 7, 4],
        "log_dice": [12.0, 11.0, 9.0, 11.5, 10.0],
    })


def test_collocates_union_of_top_per_group(collocates_table):
    ax = plotting.plot_collocates(collocates_table, top=1)
    # top-1 per group is "kabul" for both: one collocate, two bars
    assert [t.get_text() for t in ax.get_yticklabels()] == ["kabul"]
    assert sorted(w for w in bar_widths(ax) if w > 0) == [11.5, 12.0]
    ax = plotting.plot_collocates(collocates_table, top=2)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["kabul", "chaos", "forces"]
    assert sorted(w for w in bar_widths(ax) if w > 0) == [10.0, 11.0, 11.5, 12.0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["US", "CN"]


def test_collocates_without_group_column(collocates_table):
    table = collocates_table[collocates_table["group"] == "US"].drop(columns="group")
    ax = plotting.plot_collocates(table, top=2)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["kabul", "chaos"]
    assert ax.get_legend() is None


def test_collocates_errors(collocates_table):
    with pytest.raises(DiscourseError, match="Could not interpret value 'bloc' for `hue`"):
        plotting.plot_collocates(collocates_table, hue="bloc")
    with pytest.raises(DiscourseError, match="Could not interpret value 'logdice' for `x`"):
        plotting.plot_collocates(collocates_table, x="logdice")
    with pytest.raises(DiscourseError, match="several rows for .*'kabul'.*filter `data` to one language"):
        plotting.plot_collocates(pd.concat([collocates_table, collocates_table.iloc[:1]]))


# --------------------------------------------------------------------------
# plot_frame_heatmap
# --------------------------------------------------------------------------


def test_frame_heatmap_annotations(prevalence_table):
    ax = plotting.plot_frame_heatmap(prevalence_table)
    texts = [t.get_text() for t in ax.texts]
    assert len(texts) == 6
    assert texts[0] == "0.23 [0.18, 0.29]"  # CN x chaos, top-left
    assert [t.get_text() for t in ax.get_xticklabels()] == ["chaos", "security"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["CN", "RU", "US"]
    plain = plotting.plot_frame_heatmap(prevalence_table.drop(columns=["ci_low", "ci_high"]), annotate_ci=False)
    assert plain.texts[0].get_text() == "0.23"


def test_frame_heatmap_errors(prevalence_table):
    with pytest.raises(DiscourseError, match="Could not interpret value 'cuntry' for `y`"):
        plotting.plot_frame_heatmap(prevalence_table, y="cuntry")
    with pytest.raises(DiscourseError, match="Could not interpret value 'ci_low' for `ci_low`"):
        plotting.plot_frame_heatmap(prevalence_table.drop(columns="ci_low"))
    with pytest.raises(DiscourseError, match="several rows for \\{'bloc': 'CN', 'frame': 'chaos'\\}"):
        plotting.plot_frame_heatmap(pd.concat([prevalence_table, prevalence_table]))


# --------------------------------------------------------------------------
# plot_frame_differences
# --------------------------------------------------------------------------


@pytest.fixture
def differences_table() -> pd.DataFrame:
    """Synthetic prevalence_differences output: 2 comparisons x 2 frames."""
    return pd.DataFrame({
        "group_a": ["CN", "CN", "RU", "RU"], "group_b": ["US", "US", "US", "US"],
        "frame": ["chaos", "security"] * 2,
        "diff": [-0.07, -0.1, -0.2, 0.05], "ci_low": [-0.15, -0.2, -0.3, -0.05],
        "ci_high": [0.01, 0.0, -0.1, 0.15], "p_adj": [0.2, 0.06, 0.01, 0.5],
    })


def test_frame_differences_dots_whiskers_and_filling(differences_table):
    ax = plotting.plot_frame_differences(differences_table)
    scatters = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(scatters) == 2
    assert sum(len(s.get_offsets()) for s in scatters) == 4
    # only RU - US chaos (p_adj 0.01) is filled
    filled = [tuple(fc[:3]) != (1.0, 1.0, 1.0) for s in scatters for fc in s.get_facecolors()]
    assert filled == [False, False, True, False]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["CN \u2212 US", "RU \u2212 US"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["chaos", "security"]
    whiskers = [c for c in ax.containers if c.__class__.__name__ == "ErrorbarContainer"]
    segs = whiskers[1].lines[2][0].get_segments()
    np.testing.assert_allclose([segs[0][0][0], segs[0][1][0]], [-0.3, -0.1])


def test_frame_differences_errors(differences_table):
    with pytest.raises(DiscourseError, match="Could not interpret value 'dif' for `x`"):
        plotting.plot_frame_differences(differences_table, x="dif")
    with pytest.raises(DiscourseError, match="Could not interpret value 'q' for `significant`"):
        plotting.plot_frame_differences(differences_table, significant="q")
    with pytest.raises(DiscourseError, match="several rows .*filter `data` first"):
        plotting.plot_frame_differences(pd.concat([differences_table, differences_table]))


# --------------------------------------------------------------------------
# plot_frame_timeline
# --------------------------------------------------------------------------


@pytest.fixture
def weekly_table() -> pd.DataFrame:
    """Synthetic frame_prevalence(by=["bloc", "week"]) output: 2 blocs x 3 weeks x 2 frames."""
    weeks = pd.to_datetime(["2021-08-15", "2021-08-22", "2021-08-29"])
    idx = pd.MultiIndex.from_product([["CN", "US"], weeks, ["chaos", "security"]], names=["bloc", "week", "frame"])
    share = np.linspace(0.1, 0.6, len(idx))
    return pd.DataFrame({"share": share, "ci_low": share - 0.05, "ci_high": share + 0.05}, index=idx).reset_index()


def test_frame_timeline_panels_lines_bands(weekly_table):
    ax = plotting.plot_frame_timeline(weekly_table)
    assert len(ax.figure.axes) == 2
    assert ax.get_title() == "chaos"
    assert len(ax.lines) == 2
    assert len([c for c in ax.collections if isinstance(c, PolyCollection)]) == 2
    us = ax.lines[1]
    expected = weekly_table.query("bloc == 'US' and frame == 'chaos'")["share"]
    np.testing.assert_allclose(us.get_ydata(), expected)
    assert mcolors.to_hex(us.get_color()) == plotting.BLOC_PALETTE["US"].lower()


def test_frame_timeline_selection_and_events(weekly_table):
    ax = plotting.plot_frame_timeline(weekly_table, frames=["security"], events=KEY_EVENTS,
                                      ax=plotting.plt.figure().gca())
    assert ax.get_title() == "security"
    assert len(ax.lines) == 2 + len(KEY_EVENTS)
    assert {t.get_text().strip() for t in ax.texts} == set(KEY_EVENTS["event"])


def test_frame_timeline_errors(weekly_table):
    with pytest.raises(DiscourseError, match="Could not interpret value 'framing' for `frames`"):
        plotting.plot_frame_timeline(weekly_table, frames=["framing"])
    with pytest.raises(DiscourseError, match="Could not interpret value 'month' for `x`"):
        plotting.plot_frame_timeline(weekly_table, x="month")
    with pytest.raises(DiscourseError, match="`ax` holds one panel but `data` has 2 frames"):
        plotting.plot_frame_timeline(weekly_table, ax=plotting.plt.figure().gca())
    with pytest.raises(DiscourseError, match="Could not interpret value 'date' for `events`"):
        plotting.plot_frame_timeline(weekly_table, events=KEY_EVENTS.rename(columns={"date": "when"}))


def test_existing_timeline_still_draws_events():
    # plot_timeline's event drawing was moved into a helper; behaviour unchanged.
    tl = pd.DataFrame({"period": pd.to_datetime(["2021-08-10", "2021-08-20", "2021-08-31"] * 2),
                       "bloc": ["US"] * 3 + ["CN"] * 3, "n_passages": [1, 5, 3, 2, 2, 6]})
    ax = plotting.plot_timeline(tl, events=KEY_EVENTS)
    assert len(ax.texts) == len(KEY_EVENTS)


def test_plot_classifier_scores_and_reliability_diagram():
    # synthetic scores table, as compare_classifiers returns
    scores = pd.DataFrame({"frame": ["a", "b", "micro", "a", "b", "micro"], "classifier": ["lex"] * 3 + ["sup"] * 3,
                           "f1": [0.5, 0.6, 0.55, 0.4, 0.3, 0.35]})
    ax = plotting.plot_classifier_scores(scores)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b", "micro"]
    assert len(ax.patches) >= 6
    curve = pd.DataFrame({"mean_predicted": [0.1, 0.5, 0.9], "observed": [0.05, 0.4, 0.8], "count": [50, 20, 5]})
    ax = plotting.plot_reliability_diagram(curve)
    assert ax.get_xlim() == (0, 1) and len(ax.lines) >= 2
    with pytest.raises(ValueError, match=r"Could not interpret value 'f2' for `x`"):
        plotting.plot_classifier_scores(scores, x="f2")
