"""Tests for discourse.plotting: every plot draws exactly the table it is given.

All tables here are tiny SYNTHETIC tables shaped like the outputs of
discourse.keyness.keyness, discourse.collocations.collocations and
discourse.prevalence; figures are closed after each test by conftest.py.
Each test inspects the drawn artists (bar widths, line data, colours, labels).
"""
from __future__ import annotations

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection, PolyCollection
from matplotlib.figure import Figure

from discourse import plotting
from discourse._errors import DiscourseError, ParameterError

# A synthetic palette and events table (a study passes its own).
PALETTE = {"US": "#1f77b4", "CN": "#d62728", "RU": "#2ca02c"}
EVENTS = pd.DataFrame({"date": pd.to_datetime(["2021-08-15", "2021-08-30"]), "event": ["first event", "second event"]})


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
# plot_keyness and plot_keyness_grid
# --------------------------------------------------------------------------


def test_keyness_grid_one_panel_per_comparison(keyness_table):
    fig = plotting.plot_keyness_grid(keyness_table, top=2, palette=PALETTE)
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    ax = fig.axes[0]
    assert ax.get_title() == "US vs CN+RU"
    # top 2 positive by g2, then top 2 negative by g2, each side sorted by the bar length (log ratio)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["us_w1", "us_w0", "us_w4", "us_w5"]
    np.testing.assert_allclose(bar_widths(ax), [1.1, 1.0, -1.4, -1.5])


def test_keyness_axes_level_draws_one_comparison_on_the_given_axes(keyness_table):
    fig, ax = plotting.plt.subplots()
    out = plotting.plot_keyness(keyness_table[keyness_table["target"] == "CN"], top=1, ax=ax)
    assert out is ax and out.get_title() == "CN vs RU+US"
    with pytest.raises(DiscourseError, match="`data` holds 2 comparisons; plot_keyness draws one.*plot_keyness_grid"):
        plotting.plot_keyness(keyness_table)


def test_keyness_colours_and_open_bars_for_non_significant(keyness_table):
    table = keyness_table[keyness_table["target"] == "US"]
    ax = plotting.plot_keyness(table, top=3, palette=PALETTE)
    edges = [mcolors.to_hex(p.get_edgecolor()[:3]) for p in ax.patches]
    assert edges[:3] == [PALETTE["US"]] * 3
    assert edges[3:] == [plotting.REFERENCE_GREY] * 3  # "CN+RU" is not in the palette
    faces = [mcolors.to_hex(p.get_facecolor()[:3]) for p in ax.patches]
    # bars, sorted by log ratio: w2, w1, w0 | w3, w4, w5; only |g2| > 10 (w0, w1, w5) has p_adj < 0.05
    assert [t.get_text() for t in ax.get_yticklabels()] == ["us_w2", "us_w1", "us_w0", "us_w3", "us_w4", "us_w5"]
    white = "#ffffff"
    assert faces == [white, PALETTE["US"], PALETTE["US"], white, white, plotting.REFERENCE_GREY]
    # an open bar is told apart from the grey reference side by its fill, not by a shade of grey
    assert white != plotting.REFERENCE_GREY
    assert "open bars: p_adj \u2265 0.05" in ax.get_xlabel() and "log\u2082" in ax.get_xlabel()
    solid = plotting.plot_keyness(table, top=3, significant=None)
    assert white not in {mcolors.to_hex(p.get_facecolor()[:3]) for p in solid.patches}


def test_keyness_bars_sorted_by_the_plotted_value_and_long_titles_wrapped(keyness_table):
    # synthetic: g2 ranks w0 first, but log ratio (the bar length) ranks w1 first
    table = keyness_table[keyness_table["target"] == "US"].assign(
        log_ratio=[1.0, 2.5, 0.5, -0.2, -3.0, -1.0], target="US Department of State (@StateDept)",
        reference="Afghanistan passages of every other outlet in the same weeks")
    ax = plotting.plot_keyness(table, top=3)
    widths = bar_widths(ax)
    assert widths[:3] == sorted(widths[:3], reverse=True) and widths[3:] == sorted(widths[3:], reverse=True)
    assert all(len(line) <= 48 for line in ax.get_title().split("\n"))
    ax.figure.canvas.draw()
    title = ax.title.get_window_extent()
    assert title.x0 >= 0 and title.x1 <= ax.figure.bbox.width          # not cut off at the figure edge
    with_ci = plotting.plot_keyness(table.assign(log_ratio_ci_low=table["log_ratio"] - 0.1,
                                                 log_ratio_ci_high=table["log_ratio"] + 0.1), top=2)
    assert "95% CI" in with_ci.get_xlabel()


def test_keyness_reference_only_on_request_and_error_bars(keyness_table):
    table = keyness_table[keyness_table["target"] == "CN"].assign(
        log_ratio_ci_low=lambda d: d["log_ratio"] - 0.2, log_ratio_ci_high=lambda d: d["log_ratio"] + 0.3)
    ax = plotting.plot_keyness(table, top=10, show_reference=False)
    assert len(ax.patches) == 3
    err = [c for c in ax.containers if c.__class__.__name__ == "ErrorbarContainer"][0]
    segments = err.lines[2][0].get_segments()
    drawn = table["log_ratio"].iloc[:3].sort_values(ascending=False)      # the bars, longest first
    np.testing.assert_allclose([s[0][0] for s in segments], drawn - 0.2)
    np.testing.assert_allclose([s[1][0] for s in segments], drawn + 0.3)


def test_keyness_rank_by_x_when_no_g2(keyness_table):
    table = keyness_table[keyness_table["target"] == "US"].drop(columns="g2")
    ax = plotting.plot_keyness(table, top=1, x="log_odds_z")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["us_w0", "us_w5"]


def test_keyness_errors(keyness_table):
    with pytest.raises(ParameterError, match="`x` must name a column of `data`; got 'log_ratioo'"):
        plotting.plot_keyness(keyness_table, x="log_ratioo")
    with pytest.raises(ParameterError, match="`hue` must name a column of `data`; got 'tagret'"):
        plotting.plot_keyness(keyness_table, hue="tagret")
    with pytest.raises(ParameterError, match="`top` must be an integer >= 1; got 0"):
        plotting.plot_keyness_grid(keyness_table, top=0)
    with pytest.raises(ParameterError, match="`alpha` must be a number strictly between 0 and 1; got 5"):
        plotting.plot_keyness_grid(keyness_table, alpha=5)
    with pytest.raises(ParameterError, match="`palette` must be None or a mapping"):
        plotting.plot_keyness_grid(keyness_table, palette=["red"])
    with pytest.raises(DiscourseError, match="`data` has no rows"):
        plotting.plot_keyness(keyness_table.iloc[:0])
    with pytest.raises(ParameterError, match="`data` must be a pandas DataFrame; got list"):
        plotting.plot_keyness([1, 2])


# --------------------------------------------------------------------------
# plot_keyness_scatter
# --------------------------------------------------------------------------


def test_keyness_scatter_points_and_labels(keyness_table):
    table = keyness_table[keyness_table["target"] == "US"]
    ax = plotting.plot_keyness_scatter(table, label_top=2, palette=PALETTE)
    points = [c for c in ax.collections if isinstance(c, PathCollection)][0]
    np.testing.assert_allclose(points.get_offsets()[:, 0], np.log10(table["n_target"] + table["n_reference"]))
    np.testing.assert_allclose(points.get_offsets()[:, 1], table["log_odds_z"])
    assert [t.get_text() for t in ax.texts] == ["us_w0", "us_w5"]  # largest |z|
    colours = [mcolors.to_hex(c) for c in points.get_facecolors()]
    # z = 5, 2, 0.33, -0.17, -1.33, -4.17 against 1.96
    assert colours[0] == PALETTE["US"]
    assert colours[2] == colours[3] == colours[4] == "#c8c8c8"


def test_keyness_scatter_errors(keyness_table):
    with pytest.raises(DiscourseError, match="`data` holds 2 comparisons"):
        plotting.plot_keyness_scatter(keyness_table)
    with pytest.raises(ParameterError, match="`y` must name a column of `data`; got 'z'"):
        plotting.plot_keyness_scatter(keyness_table, y="z")
    with pytest.raises(ParameterError, match="`n_target` must name a column of `data`; got 'n_target'"):
        plotting.plot_keyness_scatter(keyness_table.drop(columns="n_target"))
    with pytest.raises(ParameterError, match="`label_top` must be a non-negative integer; got -1"):
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
    ax = plotting.plot_collocates(collocates_table, top=1, palette=PALETTE)
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
    with pytest.raises(ParameterError, match="`hue` must name a column of `data`; got 'bloc'"):
        plotting.plot_collocates(collocates_table, hue="bloc")
    with pytest.raises(ParameterError, match="`x` must name a column of `data`; got 'logdice'"):
        plotting.plot_collocates(collocates_table, x="logdice")
    with pytest.raises(DiscourseError, match="several rows for .*'kabul'.*filter `data` to one language"):
        plotting.plot_collocates(pd.concat([collocates_table, collocates_table.iloc[:1]]))


# --------------------------------------------------------------------------
# plot_frame_heatmap
# --------------------------------------------------------------------------


def test_frame_heatmap_annotations(prevalence_table):
    ax = plotting.plot_frame_heatmap(prevalence_table, y="bloc")
    texts = [t.get_text() for t in ax.texts]
    assert len(texts) == 6
    assert texts[0] == "0.23 [0.18, 0.29]"  # CN x chaos, top-left
    assert [t.get_text() for t in ax.get_xticklabels()] == ["chaos", "security"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["CN", "RU", "US"]
    plain = plotting.plot_frame_heatmap(prevalence_table.drop(columns=["ci_low", "ci_high"]), y="bloc", annotate_ci=False)
    assert plain.texts[0].get_text() == "0.23"


def test_frame_heatmap_labels_a_missing_value_instead_of_leaving_the_cell_blank(prevalence_table):
    table = prevalence_table.copy()
    table.loc[(table["bloc"] == "RU") & (table["frame"] == "security"), ["share", "ci_low", "ci_high"]] = np.nan
    ax = plotting.plot_frame_heatmap(table, y="bloc", missing_label="not correctable")
    labelled = [(t.get_position(), t.get_text()) for t in ax.texts if t.get_text() == "not correctable"]
    assert labelled == [((1.5, 1.5), "not correctable")]   # column "security", row "RU"
    assert len(ax.texts) == 6
    # a cell with no row at all is not a missing value: it stays unlabelled
    absent = table[~((table["bloc"] == "US") & (table["frame"] == "chaos"))]
    ax = plotting.plot_frame_heatmap(absent, y="bloc", missing_label="not correctable")
    assert [t.get_text() for t in ax.texts].count("not correctable") == 1 and len(ax.texts) == 5


def test_frame_heatmap_errors(prevalence_table):
    with pytest.raises(ParameterError, match="`y` must name a column of `data`; got 'cuntry'"):
        plotting.plot_frame_heatmap(prevalence_table, y="cuntry")
    with pytest.raises(ParameterError, match="`ci_low` must name a column of `data`; got 'ci_low'"):
        plotting.plot_frame_heatmap(prevalence_table.drop(columns="ci_low"), y="bloc")
    with pytest.raises(DiscourseError, match="several rows for \\{'bloc': 'CN', 'frame': 'chaos'\\}"):
        plotting.plot_frame_heatmap(pd.concat([prevalence_table, prevalence_table]), y="bloc")


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
    comparison_colours = {"CN \u2212 US": "#9467bd", "RU \u2212 US": "#8c564b"}
    ax = plotting.plot_frame_differences(differences_table, palette=comparison_colours)
    scatters = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(scatters) == 2
    assert sum(len(s.get_offsets()) for s in scatters) == 4
    # only RU - US chaos (p_adj 0.01) is filled
    filled = [tuple(fc[:3]) != (1.0, 1.0, 1.0) for s in scatters for fc in s.get_facecolors()]
    assert filled == [False, False, True, False]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["CN \u2212 US", "RU \u2212 US"]
    assert [mcolors.to_hex(s.get_edgecolors()[0]) for s in scatters] == list(comparison_colours.values())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["chaos", "security"]
    whiskers = [c for c in ax.containers if c.__class__.__name__ == "ErrorbarContainer"]
    segs = whiskers[1].lines[2][0].get_segments()
    np.testing.assert_allclose([segs[0][0][0], segs[0][1][0]], [-0.3, -0.1])


def test_frame_differences_errors(differences_table):
    with pytest.raises(ParameterError, match="`x` must name a column of `data`; got 'dif'"):
        plotting.plot_frame_differences(differences_table, x="dif")
    with pytest.raises(ParameterError, match="`significant` must name a column of `data`; got 'q'"):
        plotting.plot_frame_differences(differences_table, significant="q")
    with pytest.raises(DiscourseError, match="several rows .*filter `data` first"):
        plotting.plot_frame_differences(pd.concat([differences_table, differences_table]))


# --------------------------------------------------------------------------
# plot_frame_timeline and plot_frame_timeline_grid
# --------------------------------------------------------------------------


@pytest.fixture
def weekly_table() -> pd.DataFrame:
    """Synthetic frame_prevalence(by=["bloc", "week"]) output: 2 blocs x 3 weeks x 2 frames."""
    weeks = pd.to_datetime(["2021-08-15", "2021-08-22", "2021-08-29"])
    idx = pd.MultiIndex.from_product([["CN", "US"], weeks, ["chaos", "security"]], names=["bloc", "week", "frame"])
    share = np.linspace(0.1, 0.6, len(idx))
    return pd.DataFrame({"share": share, "ci_low": share - 0.05, "ci_high": share + 0.05}, index=idx).reset_index()


def test_frame_timeline_grid_panels_lines_bands(weekly_table):
    fig = plotting.plot_frame_timeline_grid(weekly_table, hue="bloc", palette=PALETTE)
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    ax = fig.axes[0]
    assert ax.get_title() == "chaos"
    assert len(ax.lines) == 2
    assert len([c for c in ax.collections if isinstance(c, PolyCollection)]) == 2
    us = ax.lines[1]
    expected = weekly_table.query("bloc == 'US' and frame == 'chaos'")["share"]
    np.testing.assert_allclose(us.get_ydata(), expected)
    assert mcolors.to_hex(us.get_color()) == PALETTE["US"]


def test_frame_timeline_one_frame_and_events(weekly_table):
    fig, ax = plotting.plt.subplots()
    out = plotting.plot_frame_timeline(weekly_table[weekly_table["frame"] == "security"], hue="bloc",
                                       events=EVENTS, ax=ax)
    assert out is ax and ax.get_title() == "security"
    assert len(ax.lines) == 2 + len(EVENTS)
    assert not ax.texts                                  # event names sit in the legend, not on the data
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["CN", "US", "15 Aug 2021: first event", "30 Aug 2021: second event"]
    assert ax.get_legend().get_bbox_to_anchor().x0 >= ax.get_window_extent().x1   # outside the axes


def test_frame_timeline_errors(weekly_table):
    with pytest.raises(ParameterError, match="`frames` must be one of: 'chaos', 'security'; got 'framing'"):
        plotting.plot_frame_timeline_grid(weekly_table, hue="bloc", frames=["framing"])
    with pytest.raises(ParameterError, match="`x` must name a column of `data`; got 'month'"):
        plotting.plot_frame_timeline_grid(weekly_table, hue="bloc", x="month")
    with pytest.raises(DiscourseError, match="`data` holds 2 frames; plot_frame_timeline draws one"):
        plotting.plot_frame_timeline(weekly_table, hue="bloc")
    with pytest.raises(DiscourseError, match="several rows for"):
        plotting.plot_frame_timeline_grid(weekly_table)   # no hue: two blocs share each week
    with pytest.raises(ParameterError, match="a required column must name a column of `events`; got 'date'"):
        plotting.plot_frame_timeline_grid(weekly_table, hue="bloc", events=EVENTS.rename(columns={"date": "when"}))


# --------------------------------------------------------------------------
# plot_timeline, plot_composition: no hidden statistics
# --------------------------------------------------------------------------


def test_timeline_draws_each_group_as_given_with_gaps():
    tl = pd.DataFrame({"period": pd.to_datetime(["2021-08-10", "2021-08-20", "2021-08-31"] * 2),
                       "bloc": ["US"] * 3 + ["CN"] * 3, "n_passages": [1, np.nan, 3, 2, 2, 6]})
    ax = plotting.plot_timeline(tl, hue="bloc", events=EVENTS, palette=PALETTE)
    data = {line.get_label(): line.get_ydata() for line in ax.lines if line.get_label() in ("US", "CN")}
    np.testing.assert_array_equal(data["US"], [1, np.nan, 3])   # a NaN is a gap, not a zero or an average
    np.testing.assert_array_equal(data["CN"], [2, 2, 6])
    assert not ax.texts
    assert [t.get_text() for t in ax.get_legend().get_texts()][-2:] == [
        "15 Aug 2021: first event", "30 Aug 2021: second event"]
    dashes = {line.get_linestyle() for line in ax.lines if line.get_label().endswith("event")}
    assert len(dashes) == len(EVENTS)                    # the event lines are told apart
    assert [mcolors.to_hex(line.get_color()) for line in ax.lines[:2]] == [PALETTE["US"], PALETTE["CN"]]


def test_timeline_weeks_without_documents_are_gaps_not_zeros():
    # synthetic: RU published nothing in the second week; its 0 passages there is no data, not a zero
    tl = pd.DataFrame({"period": pd.to_datetime(["2021-08-08", "2021-08-15", "2021-08-22"] * 2),
                       "bloc": ["US"] * 3 + ["RU"] * 3, "n_passages": [4, 0, 2, 3, 0, 5],
                       "n_documents": [10, 6, 8, 7, 0, 9]})
    ax = plotting.plot_timeline(tl, hue="bloc", n="n_documents")
    data = {line.get_label(): line.get_ydata() for line in ax.lines}
    np.testing.assert_array_equal(data["US"], [4, 0, 2])        # published, nothing on the topic: a real zero
    np.testing.assert_array_equal(data["RU"], [3, np.nan, 5])   # published nothing: a gap
    with pytest.raises(ParameterError, match="`n` must name a column of `data`; got 'docs'"):
        plotting.plot_timeline(tl, hue="bloc", n="docs")


def test_frame_timeline_grid_dates_under_every_column_and_one_legend_outside(weekly_table):
    fig = plotting.plot_frame_timeline_grid(weekly_table, hue="bloc", col_wrap=3, events=EVENTS)
    assert len(fig.axes) == 2 and not any(a.get_legend() for a in fig.axes)
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [
        "CN", "US", "15 Aug 2021: first event", "30 Aug 2021: second event"]
    three = pd.concat([weekly_table, weekly_table[weekly_table["frame"] == "chaos"].assign(frame="aid")])
    fig = plotting.plot_frame_timeline_grid(three, hue="bloc", col_wrap=2)   # 3 panels in 2 columns: one empty slot
    fig.canvas.draw()
    labelled = [any(t.get_text() for t in a.get_xticklabels()) for a in fig.axes]
    assert labelled == [False, True, True]      # the panel above the empty slot shows its dates


def test_timeline_refuses_duplicate_rows_instead_of_averaging():
    # Regression: sns.lineplot averaged the two rows and drew an unseeded bootstrap band.
    tl = pd.DataFrame({"period": pd.to_datetime(["2021-08-01"] * 2), "n_passages": [1, 5], "bloc": ["US", "US"]})
    with pytest.raises(DiscourseError, match="several rows for \\{'period': .*'bloc': 'US'\\}"):
        plotting.plot_timeline(tl, hue="bloc")


def test_composition_draws_one_bar_per_row_and_refuses_duplicates():
    comp = pd.DataFrame({"genre": ["tweet", "tv_news", "tweet"], "bloc": ["US", "CN", "CN"], "n": [30, 200, 4]})
    ax = plotting.plot_composition(comp, hue="bloc", palette=PALETTE)
    assert sorted(round(w) for w in bar_widths(ax) if w > 0) == [4, 30, 200]
    with pytest.raises(DiscourseError, match="aggregate to one row per bar first"):
        plotting.plot_composition(pd.concat([comp, comp]), hue="bloc")


def test_plotting_leaves_the_global_rcparams_alone(tmp_path):
    before = dict(plotting.plt.rcParams)
    table = pd.DataFrame({"group": ["A", "B"], "node": "n", "collocate": ["塔利班", "喀布尔"], "log_dice": [12.0, 11.0]})
    ax = plotting.plot_collocates(table, top=2)
    plotting.save_figure(ax, "cjk_labels", folder=tmp_path)
    assert dict(plotting.plt.rcParams) == before


def test_save_figure_accepts_axes_or_figure_and_checks_the_name(tmp_path, keyness_table):
    fig = plotting.plot_keyness_grid(keyness_table)
    path = plotting.save_figure(fig, "synthetic_grid", folder=tmp_path)
    assert path.exists() and path.name == "synthetic_grid.png"
    assert plotting.save_figure(fig.axes[0], "synthetic_axes", folder=tmp_path).exists()
    with pytest.raises(ParameterError, match="`name` must be a content name without folder or extension"):
        plotting.save_figure(fig, "fig3.png", folder=tmp_path)
    with pytest.raises(ParameterError, match="`name` must be a content name"):
        plotting.save_figure(fig, "fig3.pdf", folder=tmp_path)


def test_save_figure_writes_a_vector_pdf_beside_the_png_with_stable_bytes(tmp_path):
    fig, ax = plotting.plt.subplots()
    ax.plot([0, 1], [0, 1])
    ax.set_title("塔利班 Талибан")                     # synthetic label in three scripts
    png = plotting.save_figure(ax, "synthetic_line", folder=tmp_path)
    pdf = png.with_suffix(".pdf")
    first = pdf.read_bytes()
    assert first.startswith(b"%PDF") and b"/Subtype /Image" not in first   # vector: no embedded raster
    assert b"NotoSansSCSubset" in first.replace(b"-", b"")            # the CJK font travels with the file
    plotting.save_figure(ax, "synthetic_line", folder=tmp_path)
    assert pdf.read_bytes() == first and b"CreationDate" not in first
    assert not (tmp_path / "only_png.pdf").exists()
    plotting.save_figure(ax, "only_png", folder=tmp_path, pdf=False)
    assert (tmp_path / "only_png.png").exists() and not (tmp_path / "only_png.pdf").exists()


def test_plot_classifier_scores_and_reliability_diagram():
    # synthetic scores table, as compare_classifiers returns
    scores = pd.DataFrame({"frame": ["a", "b", "micro", "a", "b", "micro"], "classifier": ["lex"] * 3 + ["sup"] * 3,
                           "f1": [0.5, 0.6, 0.55, 0.4, 0.3, 0.35]})
    ax = plotting.plot_classifier_scores(scores)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b", "micro"]
    assert sorted(round(w, 2) for w in bar_widths(ax) if w > 0) == sorted(scores["f1"])
    with pytest.raises(DiscourseError, match="give one score per frame and classifier"):
        plotting.plot_classifier_scores(pd.concat([scores, scores]))
    curve = pd.DataFrame({"frame": ["a"] * 3 + ["b"] * 3, "mean_predicted": [0.1, 0.5, 0.9] * 2,
                          "observed": [0.05, 0.4, 0.8, 0.2, 0.5, 0.7], "count": [50, 20, 5, 10, 10, 10]})
    ax = plotting.plot_reliability_diagram(curve, hue="frame")
    assert ax.get_xlim() == (0, 1)
    curves = [line for line in ax.lines if line.get_label() in ("a", "b")]
    np.testing.assert_allclose(curves[1].get_ydata(), [0.2, 0.5, 0.7])   # one curve per frame, no sawtooth
    with pytest.raises(DiscourseError, match="pass hue= for one curve per frame"):
        plotting.plot_reliability_diagram(curve)
    with pytest.raises(ParameterError, match="`x` must name a column of `data`; got 'f2'"):
        plotting.plot_classifier_scores(scores, x="f2")


def test_plot_classifier_scores_draws_each_interval_around_its_bar():
    # synthetic bootstrap table, as FrameEvaluation.bootstrap returns
    scores = pd.DataFrame({"frame": ["a", "macro", "a", "macro"], "classifier": ["lex", "lex", "hyb", "hyb"],
                           "estimate": [0.5, 0.4, 0.7, 0.6], "ci_low": [0.3, 0.35, 0.6, 0.5],
                           "ci_high": [0.6, 0.5, 0.9, 0.65]})
    ax = plotting.plot_classifier_scores(scores, x="estimate", ci_low="ci_low", ci_high="ci_high")
    segments = [seg for coll in ax.collections for seg in coll.get_segments()]
    spans = sorted((round(seg[0][0], 6), round(seg[1][0], 6)) for seg in segments if seg[0][1] == seg[1][1])
    assert spans == sorted(zip(scores["ci_low"], scores["ci_high"]))
    # an estimate outside its (percentile) interval: the interval is still drawn as given
    odd = scores.assign(ci_low=[0.55, 0.35, 0.6, 0.5])
    ax = plotting.plot_classifier_scores(odd, x="estimate", ci_low="ci_low", ci_high="ci_high")
    spans = sorted((round(seg[0][0], 6), round(seg[1][0], 6)) for coll in ax.collections
                   for seg in coll.get_segments() if seg[0][1] == seg[1][1])
    assert spans == sorted(zip(odd["ci_low"], odd["ci_high"]))
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["lex", "hyb"]
    with pytest.raises(ParameterError, match="`ci_low` must name a column of `data`; got 'low'"):
        plotting.plot_classifier_scores(scores, x="estimate", ci_low="low", ci_high="ci_high")


def test_plot_learning_curve_one_line_per_group_and_a_band_between_the_bounds():
    curve = pd.DataFrame({"n_train": [100, 400, 1600, 100, 400, 1600], "group": ["en"] * 3 + ["zh"] * 3,  # synthetic
                          "macro_f1": [0.4, 0.5, 0.55, 0.3, 0.45, 0.5], "low": [0.35, 0.45, 0.55, 0.2, 0.4, 0.5],
                          "high": [0.45, 0.55, 0.55, 0.35, 0.5, 0.5]})
    ax = plotting.plot_learning_curve(curve.iloc[::-1], ci_low="low", ci_high="high")
    lines = {line.get_label(): line for line in ax.get_lines()}
    np.testing.assert_allclose(lines["zh"].get_xdata(), [100, 400, 1600])  # sorted by size
    np.testing.assert_allclose(lines["zh"].get_ydata(), [0.3, 0.45, 0.5])
    band = [c for c in ax.collections if isinstance(c, PolyCollection)][0]
    ys = band.get_paths()[0].vertices[:, 1]
    assert ys.min() == pytest.approx(0.2) and ys.max() == pytest.approx(0.5)   # zh was drawn first (reversed input)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["100", "400", "1,600"]
    with pytest.raises(DiscourseError, match="aggregate the repeats of a size first"):
        plotting.plot_learning_curve(pd.concat([curve, curve]))


# --------------------------------------------------------------------------
# Fonts: the shipped Chinese subset draws every character of the corpus
# --------------------------------------------------------------------------
def _corpus_label_table(corpus: pd.DataFrame) -> pd.DataFrame:
    """Collocate rows whose labels hold every CJK character of the corpus, and some Russian words."""
    chars = sorted({ch for text in corpus.loc[corpus["language"] == "zh", "text"]
                    for ch in text if "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"})
    labels = ["".join(chars[i:i + 40]) for i in range(0, len(chars), 40)]
    labels += ["Талибы захватили Кабул", "утечка мозгов", "ёжик Щукина"]
    return pd.DataFrame({"group": "A", "node": "n", "collocate": labels,
                         "log_dice": np.linspace(12, 2, len(labels))}), len(chars)


def _glyph_warnings(ax: Axes, folder, name: str) -> list[str]:
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for path in plotting.save_figure(ax, name, folder=folder), folder / f"{name}.pdf":
            ax.figure.savefig(path)
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_the_shipped_font_alone_draws_every_chinese_character_of_the_corpus(corpus, tmp_path, monkeypatch):
    # No system CJK font: only DejaVu Sans and the subset under discourse/data/fonts.
    monkeypatch.setattr(plotting, "cjk_font", lambda: None)
    table, n_chars = _corpus_label_table(corpus)
    assert n_chars > 3000
    ax = plotting.plot_collocates(table, top=len(table))
    drawn = "".join(t.get_text() for t in ax.get_yticklabels())
    assert all(label in drawn for label in table["collocate"])
    assert _glyph_warnings(ax, tmp_path, "corpus_characters") == []
    pdf = (tmp_path / "corpus_characters.pdf").read_bytes()
    assert b"NotoSansSCSubset" in pdf and b"DejaVuSans" in pdf


def test_without_the_shipped_font_the_same_labels_warn_of_missing_glyphs(corpus, tmp_path, monkeypatch):
    # The check above can fail: with DejaVu Sans alone matplotlib reports the Chinese characters.
    monkeypatch.setattr(plotting, "font_fallback", lambda: ["DejaVu Sans"])
    table, _ = _corpus_label_table(corpus)
    missing = _glyph_warnings(plotting.plot_collocates(table, top=len(table)), tmp_path, "dejavu_only")
    assert missing and all("DejaVu Sans" in message for message in missing)
    assert not any("CYRILLIC" in message for message in missing)


def test_the_font_fallback_is_dejavu_then_the_shipped_subset_then_a_system_font(monkeypatch):
    monkeypatch.setattr(plotting, "cjk_font", lambda: "Some CJK Font")
    families = plotting.font_fallback()
    assert families[-2:] == ["Noto Sans SC Subset", "Some CJK Font"]
    assert plotting.font_manager.findfont(plotting.font_manager.FontProperties(family=[families[0]])).endswith(
        "DejaVuSans.ttf")
    assert (plotting.BUNDLED_CJK_FONT.parent / "OFL.txt").read_text(encoding="utf-8").count("SIL OPEN FONT LICENSE") == 1


def test_reliability_grid_one_panel_per_frame_each_bin_labelled_with_its_count():
    # synthetic per-frame curve, as FrameCVResult.reliability_curve(pooled=False) returns
    curve = pd.DataFrame({"frame": ["a"] * 3 + ["b"] * 2, "mean_predicted": [0.1, 0.5, 0.9, 0.2, 0.6],
                          "observed": [0.05, 0.4, 0.8, 0.1, 0.5], "count": [1200, 20, 5, 300, 7]})
    fig = plotting.plot_reliability_grid(curve, col_wrap=4)
    assert [a.get_title() for a in fig.axes] == ["a", "b"]
    for axis, (frame, part) in zip(fig.axes, curve.groupby("frame", sort=False)):
        drawn = [line for line in axis.lines if line.get_label() != "perfect calibration"]
        assert len(drawn) == 1                                    # one curve per panel, never joined across frames
        np.testing.assert_allclose(drawn[0].get_ydata(), part["observed"])
        assert [t.get_text() for t in axis.texts] == [f"{n:,}" for n in part["count"]]
        assert [line.get_xdata().tolist() for line in axis.lines if line.get_label() == "perfect calibration"] == [[0, 1]]
    assert fig.axes[0].get_shared_y_axes().joined(fig.axes[0], fig.axes[1])
    single = plotting.plot_reliability_diagram(curve[curve["frame"] == "a"])
    assert [t.get_text() for t in single.texts] == ["1,200", "20", "5"]
    with pytest.raises(ParameterError, match="`frames` must be one of"):
        plotting.plot_reliability_grid(curve, frames=["c"])
    with pytest.raises(DiscourseError, match="give one row per frame and bin"):
        plotting.plot_reliability_grid(pd.concat([curve, curve]))


def test_reliability_grid_shows_the_probability_axis_above_an_empty_slot():
    curve = pd.DataFrame({"frame": list("abcde"), "mean_predicted": 0.5, "observed": 0.5, "count": 10})  # synthetic
    fig = plotting.plot_reliability_grid(curve, col_wrap=4)    # 5 panels in 4 columns: slots 6-8 empty
    fig.canvas.draw()
    labelled = [any(t.get_text() for t in a.get_xticklabels()) for a in fig.axes]
    assert labelled == [False, True, True, True, True]


def test_frame_heatmap_cells_show_the_counts_behind_each_share_in_8_pt(prevalence_table):
    table = prevalence_table.assign(n_passages=403, n_positive=lambda t: (t["share"] * 403).round().astype(int))
    ax = plotting.plot_frame_heatmap(table, x="bloc", y="frame", count="n_positive", total="n_passages")
    first = table.iloc[0]
    assert ax.texts[0].get_text() == f"{first.share:.2f} [{first.ci_low:.2f}, {first.ci_high:.2f}]\n{first.n_positive} of 403"
    assert {t.get_fontsize() for t in ax.texts} == {8.0}
    assert ax.figure.get_figwidth() <= 7.5                   # 3 blocs as columns: fits a page at print size
    with pytest.raises(ParameterError, match="give both `count` and `total`"):
        plotting.plot_frame_heatmap(table, y="bloc", count="n_positive")


def test_two_heatmaps_given_one_vmax_share_one_colour_scale(prevalence_table):
    corrected = prevalence_table.assign(share=prevalence_table["share"] * 1.5)
    vmax = max(prevalence_table["share"].max(), corrected["share"].max())
    axes = [plotting.plot_frame_heatmap(t, y="bloc", vmax=vmax) for t in (prevalence_table, corrected)]
    limits = [a.collections[0].get_clim() for a in axes]
    assert limits[0] == limits[1] == (0, vmax)
    # the same share has the same colour in both
    colour = [a.collections[0].cmap(a.collections[0].norm(0.2)) for a in axes]
    assert colour[0] == colour[1]


def test_frame_differences_comparison_colours_never_pass_for_a_group_and_the_label_says_what_is_adjusted(
        differences_table):
    ax = plotting.plot_frame_differences(differences_table.assign(), significant="p_adj")
    drawn = {mcolors.to_hex(c.get_edgecolor()[0][:3]) for c in ax.collections if isinstance(c, PathCollection)}
    defaults = {mcolors.to_hex(c) for c in plotting.sns.color_palette(n_colors=10)}   # what group palettes use
    assert drawn and not drawn & defaults and not drawn & set(PALETTE.values())
    assert drawn <= set(plotting.COMPARISON_COLOURS)
    assert "whiskers: unadjusted 95% CI" in ax.get_xlabel()
    assert "filled: p_adj < 0.05 (adjusted for multiple comparisons)" in ax.get_xlabel()
    assert ax.get_title()
    table = differences_table.copy()
    table.attrs["ci"] = 0.9
    assert "unadjusted 90% CI" in plotting.plot_frame_differences(table).get_xlabel()


def test_collocates_mark_a_collocate_missing_from_a_group_and_title_the_window_and_node_hits(collocates_table):
    table = collocates_table.assign(n_node=[120] * 3 + [1450] * 2)
    table.attrs = {"window": 5, "span": "both", "min_count": 3}
    ax = plotting.plot_collocates(table, top=2, palette=PALETTE)
    # shown: kabul (both), chaos (US only), forces (CN only); rows: kabul, chaos, forces; hue order US, CN
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["kabul", "chaos", "forces"]
    dashes = sorted((round(t.get_position()[1], 2), mcolors.to_hex(t.get_color())) for t in ax.texts)
    assert dashes == [(1.2, PALETTE["CN"]), (1.8, PALETTE["US"])]     # CN lacks chaos, US lacks forces
    assert "not a collocate in that group (fewer than 3 co-occurrences" in ax.get_xlabel()
    assert ax.get_title() == "window \u00b15 tokens (both); node hits: US 120, CN 1,450"


def test_keyness_scatter_legend_names_each_colour_and_the_threshold_lines(keyness_table):
    table = keyness_table[keyness_table["target"] == "US"]
    ax = plotting.plot_keyness_scatter(table, palette=PALETTE)
    legend = ax.get_legend()
    texts = [t.get_text() for t in legend.get_texts()]
    assert texts == ["log_odds_z = \u00b11.96", "more in US (log_odds_z > 1.96)",
                     "more in CN+RU (log_odds_z < \u22121.96)", "neither (|log_odds_z| \u2264 1.96)"]
    # each legend colour is the colour of the points it names
    points = ax.collections[0]
    drawn = [mcolors.to_hex(c[:3]) for c in points.get_facecolors()]
    z = table["log_odds_z"].to_numpy()
    handles = legend.legend_handles
    up, down, neither = (mcolors.to_hex(h.get_facecolor()[0][:3]) for h in handles[1:])
    assert [d for d, v in zip(drawn, z) if v > 1.96] == [up] * int((z > 1.96).sum())
    assert [d for d, v in zip(drawn, z) if v < -1.96] == [down] * int((z < -1.96).sum())
    assert [d for d, v in zip(drawn, z) if abs(v) <= 1.96] == [neither] * int((abs(z) <= 1.96).sum())
    assert "up: more in US; down: more in CN+RU" in ax.get_ylabel()


def test_drawing_keeps_the_interactive_mode_a_backend_switched_on_meanwhile():
    # Jupyter's inline backend turns interactive mode on when the first figure starts it, inside our
    # rc context; undoing that on exit hid every later figure of the session (regression).
    import matplotlib

    was = matplotlib.is_interactive()
    try:
        matplotlib.interactive(False)
        with plotting._style():
            matplotlib.interactive(True)
        assert matplotlib.is_interactive()
        with plotting._style():
            matplotlib.interactive(False)
        assert not matplotlib.is_interactive()
    finally:
        matplotlib.interactive(was)
