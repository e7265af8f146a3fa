"""Plots: tidy data in, an Axes (or a Figure) out — the seaborn convention.

* **Axes-level** functions are ``plot_x(data, *, x=..., hue=..., palette=None,
  ax=None, **kwargs) -> Axes``. They draw exactly the table they are given:
  one row per drawn mark (a duplicate row is an error that names it), no
  estimator, no hidden interval. Statistics come from the modules that
  compute them (:mod:`discourse.describing`, :mod:`discourse.keyness`,
  :mod:`discourse.prevalence`, ...).
* **Figure-level** functions (``plot_*_grid``) draw one panel per comparison
  or frame and return the :class:`~matplotlib.figure.Figure`, as seaborn's
  ``catplot`` does for ``barplot``.
* **Colours**: ``palette`` maps group labels to colours (a study passes its
  own, e.g. one colour per bloc); labels it does not cover get seaborn's
  default cycle.
* **Fonts**: every plot is drawn inside a style context
  (``matplotlib.rc_context``) whose font fallback is DejaVu Sans (Latin,
  Cyrillic), then the Chinese font shipped with the package
  (``discourse/data/fonts/``, a subset of Noto Sans CJK SC under the OFL:
  GB2312 plus every character of the bundled corpus), then any CJK font
  installed on the machine (:data:`CJK_FONTS`) for rarer characters. So
  Chinese renders on a fresh machine; plotting never changes the global
  ``rcParams``.

This is the only module that imports matplotlib.
"""
from __future__ import annotations

import textwrap
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import matplotlib
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import NullLocator
from matplotlib.text import Text

from . import paths
from ._errors import DiscourseError, ParameterError, invalid_value_message
from ._validation import check_dataframe, check_int, check_palette, check_probability, require_columns

__all__ = [
    "CJK_FONTS",
    "COMPARISON_COLOURS",
    "REFERENCE_GREY",
    "close_all",
    "bundled_cjk_font",
    "cjk_font",
    "font_fallback",
    "plot_actor_frame",
    "plot_classifier_scores",
    "plot_collocates",
    "plot_composition",
    "plot_frame_differences",
    "plot_frame_heatmap",
    "plot_frame_timeline",
    "plot_frame_timeline_grid",
    "plot_keyness",
    "plot_keyness_grid",
    "plot_keyness_scatter",
    "plot_learning_curve",
    "plot_reliability_diagram",
    "plot_reliability_grid",
    "plot_timeline",
    "plot_topic_selection",
    "save_figure",
]

#: Font families that cover Chinese, tried in this order when labels contain Chinese.
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "Source Han Sans SC", "WenQuanYi Zen Hei",
             "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei", "PingFang SC", "Heiti SC", "AR PL UMing CN")
#: The Chinese font shipped with the package (see ``discourse/data/fonts/PROVENANCE.md``).
BUNDLED_CJK_FONT = paths.BUNDLED_CJK_FONT
#: Colour for a reference group the palette does not cover (e.g. a pooled "B+C+D").
REFERENCE_GREY = "#9e9e9e"
#: Colours for comparisons ("A − B"): dark and earthy, so they never pass for a group's colour from
#: seaborn's default cycle (blue, orange, green, red, ...), which group palettes usually follow.
COMPARISON_COLOURS = ["#333333", "#8c510a", "#762a83", "#01665e", "#b2182b", "#5e3c99"]


# --------------------------------------------------------------------------
# Style, checks and colours
# --------------------------------------------------------------------------
@lru_cache(maxsize=1)
def bundled_cjk_font() -> str:
    """Register the package's Chinese font with matplotlib (once) and return its family name."""
    font_manager.fontManager.addfont(str(BUNDLED_CJK_FONT))
    return font_manager.FontProperties(fname=str(BUNDLED_CJK_FONT)).get_name()


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The first font family of :data:`CJK_FONTS` installed on this machine, or None."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def font_fallback() -> list[str]:
    """The font families plots draw with, in fallback order (matplotlib picks glyph by glyph)."""
    families = [*plt.rcParams["font.family"], bundled_cjk_font()]
    system = cjk_font()
    if system is not None:
        families.append(system)
    return families


def _add_cjk_fallback(fig: Figure) -> None:
    """Give every text of ``fig`` the Chinese fallback after its own fonts (figures drawn outside this module)."""
    extra = [f for f in font_fallback() if f not in plt.rcParams["font.family"]]
    for text in fig.findobj(Text):
        own = list(text.get_fontfamily())
        missing = [f for f in extra if f not in own]
        if missing:
            text.set_fontfamily(own + missing)


@contextmanager
def _style() -> Iterator[None]:
    """Draw inside an rc context whose font fallback covers Latin, Cyrillic and Chinese."""
    # The first figure of a session may start the backend, and Jupyter's inline backend then turns
    # interactive mode on; rc_context would undo that on exit and later figures would not display.
    with plt.rc_context({"font.family": font_fallback()}):
        try:
            yield
        finally:
            interactive = matplotlib.is_interactive()
    matplotlib.interactive(interactive)


def _check_columns(data: Any, **arguments: str | None) -> None:
    check_dataframe("data", data)
    for arg, col in arguments.items():
        if col is not None:
            require_columns(data, [col], role=arg)


def _check_not_empty(data: pd.DataFrame) -> None:
    if len(data) == 0:
        raise DiscourseError("`data` has no rows; there is nothing to plot.")


def _check_unique(data: pd.DataFrame, columns: list[str], advice: str) -> None:
    duplicated = data.duplicated(subset=columns, keep=False)
    if duplicated.any():
        first = data.loc[duplicated, columns].iloc[0].tolist()
        raise DiscourseError(f"`data` has several rows for {dict(zip(columns, first))}; a plot draws one mark "
                             f"per row, so {advice}")


def _colors(levels: Sequence[Any], palette: Mapping[Any, Any] | None,
            fallback: Sequence[Any] | None = None) -> dict[Any, Any]:
    """``palette`` for the levels it covers, ``fallback`` (default seaborn's cycle) for the others."""
    levels = list(levels)
    palette = dict(palette or {})
    cycle = iter(fallback if fallback is not None and len(fallback) >= len(levels)
                 else sns.color_palette(n_colors=max(len(levels), 1)))
    return {level: palette[level] if level in palette else next(cycle) for level in levels}


def _chosen_frames(data: pd.DataFrame, frame: str, frames: Sequence[str] | None) -> list:
    """The frames to draw, one panel each: ``frames`` in its order (each must be in ``data``), or all in table order."""
    available = list(pd.unique(data[frame]))
    chosen = available if frames is None else list(frames)
    if not chosen:
        raise ParameterError(invalid_value_message("frames", frames, must="a non-empty list of frames"))
    for f in chosen:
        if f not in available:
            raise ParameterError(invalid_value_message("frames", f, available))
    return chosen


def _panels(n: int, *, width: float, height: float, ncols: int,
            sharex: bool = False, sharey: bool = False) -> tuple[Figure, list[Axes]]:
    ncols = min(ncols, n)
    nrows = -(-n // ncols)
    fig, grid = plt.subplots(nrows, ncols, figsize=(width * ncols, height * nrows), squeeze=False,
                             sharex=sharex, sharey=sharey)
    axes = list(grid.ravel())
    for unused in axes[n:]:
        fig.delaxes(unused)
    if sharex:   # the lowest panel of each column keeps its x labels, even above an empty slot
        for axis in axes[max(n - ncols, 0):n]:
            axis.xaxis.set_tick_params(labelbottom=True)
    return fig, axes[:n]


def _outer_axis_labels(axes: list[Axes], col_wrap: int) -> None:
    """Axis labels only where they are read: y on the first column, x under the lowest panel of each column."""
    ncols = min(col_wrap, len(axes))
    for i, axis in enumerate(axes):
        if i % ncols:
            axis.set_ylabel("")
        if i + ncols < len(axes):
            axis.set_xlabel("")


# --------------------------------------------------------------------------
# Saving
# --------------------------------------------------------------------------
def save_figure(figure: Figure | Axes, name: str, *, folder: str | Path | None = None, dpi: int = 150,
                pdf: bool = True) -> Path:
    """Save a figure (or an Axes' figure) as ``<folder>/<name>.png`` and ``.pdf``, named by content.

    The PNG (raster, ``dpi`` dots per inch) is for screens and the report;
    the PDF is vector, with its fonts embedded (Chinese from the bundled
    Noto Sans SC subset, which is added as a fallback to every text, also
    of figures drawn with plain matplotlib), for a journal. Both are written without creation
    dates, so the same figure gives the same bytes on every run.

    Parameters
    ----------
    figure : Figure or Axes
    name : str
        A content name without folder or extension, e.g.
        ``"frame_prevalence_by_source"``.
    folder : str or Path, optional
        Default :func:`discourse.paths.figures_dir`.
    dpi : int, default 150
        Resolution of the PNG.
    pdf : bool, default True
        Also write the PDF.

    Returns
    -------
    Path
        The PNG's path (the PDF sits beside it).

    Raises
    ------
    ParameterError
        If ``name`` has a folder or an extension in it.
    """
    if (not isinstance(name, str) or not name or "/" in name or "\\" in name
            or Path(name).suffix.lower() in {".png", ".pdf", ".svg", ".jpg"}):
        raise ParameterError(invalid_value_message(
            "name", name, must="a content name without folder or extension, e.g. 'frame_prevalence_by_source'"))
    dpi = check_int("dpi", dpi, minimum=50)
    folder = Path(folder) if folder is not None else paths.figures_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    fig = figure.figure if isinstance(figure, Axes) else figure
    _add_cjk_fallback(fig)
    fig.tight_layout()
    # Fixed metadata keeps the bytes stable across runs; "tight" keeps a legend placed outside the axes.
    fig.savefig(path, dpi=dpi, metadata={"Software": None}, bbox_inches="tight")
    if pdf:
        fig.savefig(path.with_suffix(".pdf"), metadata={"CreationDate": None, "Creator": None, "Producer": None},
                    bbox_inches="tight")
    return path


def close_all() -> None:
    """Close every open figure (used by tests and long notebook runs)."""
    plt.close("all")


# --------------------------------------------------------------------------
# Corpus description
# --------------------------------------------------------------------------
def plot_composition(
    data: pd.DataFrame, *, x: str = "n", y: str = "genre", hue: str | None = None,
    palette: Mapping[Any, Any] | None = None, ax: Axes | None = None, **kwargs: Any,
) -> Axes:
    """Horizontal bars of document counts per ``y`` (and ``hue``), from :func:`discourse.describing.composition`.

    One bar per row: compute the table at the level you want to show (e.g.
    ``composition(docs, by=["source", "genre"])``); several rows for one
    ``y`` × ``hue`` cell are an error, not summed.

    Parameters
    ----------
    data : DataFrame
        A composition table.
    x, y, hue : str
        Count, category and group columns.
    palette : mapping, optional
        Colour per ``hue`` level.
    ax : Axes, optional
        Draw here; by default a new figure.
    **kwargs
        Passed to :func:`seaborn.barplot`.

    Returns
    -------
    Axes

    Raises
    ------
    ParameterError, DiscourseError
        For a missing column, an empty table or duplicate cells.

    Examples
    --------
    >>> table = pd.DataFrame({"genre": ["tweet", "tv_news"], "source": ["A", "B"], "n": [30, 200]})  # synthetic
    >>> ax = plot_composition(table, hue="source")
    >>> sorted(round(p.get_width()) for p in ax.patches if p.get_width() > 0)
    [30, 200]
    """
    _check_columns(data, x=x, y=y, hue=hue)
    _check_not_empty(data)
    palette = check_palette(palette)
    _check_unique(data, [y] + ([hue] if hue else []), "aggregate to one row per bar first.")
    with _style():
        ax = ax or plt.figure(figsize=(7, 0.35 * data[y].nunique() + 1.5)).gca()
        colours = _colors(pd.unique(data[hue]), palette) if hue else None
        sns.barplot(data, x=x, y=y, hue=hue, palette=colours, errorbar=None, ax=ax, **kwargs)
        ax.set_xscale("log")
        ax.set_xlabel("documents (log scale)")
        ax.set_ylabel("")
    return ax


def plot_timeline(
    data: pd.DataFrame,
    *,
    x: str = "period",
    y: str = "n_passages",
    hue: str | None = None,
    n: str | None = None,
    events: pd.DataFrame | None = None,
    palette: Mapping[Any, Any] | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Lines over time (from :func:`discourse.describing.mention_timeline`), events marked.

    One line per ``hue`` level through that level's rows, in ``x`` order; a
    missing value (NaN) is a gap in the line, never bridged. Several rows for
    one ``x`` and ``hue`` are an error: nothing is averaged. With ``n``, a
    row where that count is 0 (e.g. a week in which a source published
    nothing) is a gap too: no documents is missing data, not zero.

    Parameters
    ----------
    data : DataFrame
        One row per period (and group).
    x, y, hue : str
        Period, value and group columns (``hue=None``: one line).
    n : str, optional
        Column with the number of documents behind each row (e.g.
        ``"n_documents"``); rows where it is 0 are drawn as gaps.
    events : DataFrame, optional
        ``date`` and ``event`` columns, drawn as grey vertical lines named in
        the legend (e.g. a study's key events).
    palette : mapping, optional
        Colour per ``hue`` level.
    ax : Axes, optional
        Draw here; by default a new figure.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    Axes

    Raises
    ------
    ParameterError, DiscourseError
        For a missing column, an empty table, duplicate rows or a malformed
        ``events`` table.

    Examples
    --------
    >>> table = pd.DataFrame({"period": pd.to_datetime(["2021-08-01", "2021-08-08"] * 2),  # synthetic
    ...                       "n_passages": [3, 5, 1, 2], "source": ["A", "A", "B", "B"]})
    >>> ax = plot_timeline(table, hue="source")
    >>> [line.get_ydata().tolist() for line in ax.lines]
    [[3.0, 5.0], [1.0, 2.0]]
    """
    _check_columns(data, x=x, y=y, hue=hue, n=n)
    _check_not_empty(data)
    palette = check_palette(palette)
    _check_unique(data, [x] + ([hue] if hue else []), "give one row per period (and group).")
    levels = list(pd.unique(data[hue])) if hue else [None]
    colours = _colors(levels, palette) if hue else {None: "C0"}
    with _style():
        ax = ax or plt.figure(figsize=(10, 4)).gca()
        for level in levels:
            line = (data if level is None else data[data[hue] == level]).sort_values(x)
            values = line[y].astype(float)
            if n is not None:
                values = values.where(line[n] > 0)
            ax.plot(line[x], values, color=colours[level], label=None if level is None else str(level), **kwargs)
        if events is not None:
            _draw_events(ax, events)
        if hue or events is not None:
            _outside_legend(ax, hue)
        if pd.api.types.is_datetime64_any_dtype(data[x]):
            _date_axis(ax)
        ax.set_xlabel("")
        ax.set_ylabel(y)
    return ax


def _date_axis(ax: Axes, maxticks: int = 8) -> None:
    """Dates as concise ticks ("Aug", "15", ..., the year once) that never overlap."""
    locator = mdates.AutoDateLocator(maxticks=maxticks)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


# Dash patterns telling the event lines apart (they are told apart in the legend).
_EVENT_DASHES = ["--", ":", "-.", (0, (5, 1, 1, 1, 1, 1))]


def _draw_events(ax: Axes, events: pd.DataFrame) -> None:
    """Grey vertical lines for an events table (``date``, ``event``), each named in the legend.

    The names go in the legend (placed outside the axes), never on the
    plot, so they cannot collide with the data, each other or the top of
    the axes.
    """
    check_dataframe("events", events)
    require_columns(events, ["date", "event"], argument="events")
    for i, row in enumerate(events.itertuples()):
        when = pd.Timestamp(row.date)
        ax.axvline(when, color="0.3", lw=0.9, ls=_EVENT_DASHES[i % len(_EVENT_DASHES)],
                   label=f"{when:%-d %b %Y}: {row.event}")


def _outside_legend(ax: Axes, title: str | None = None) -> None:
    """The legend to the right of the axes (it never covers data)."""
    ax.legend(title=title, fontsize=8, title_fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0),
              frameon=False, borderaxespad=0.0)


# --------------------------------------------------------------------------
# Keyness
# --------------------------------------------------------------------------
def _keyness_options(data: Any, feature: str, x: str, hue: str, rank_by: str | None, significant: str | None,
                     top: Any, alpha: Any) -> tuple[str, int, float]:
    rank = rank_by if rank_by is not None else ("g2" if "g2" in getattr(data, "columns", []) else x)
    _check_columns(data, feature=feature, x=x, hue=hue, significant=significant, rank_by=rank)
    _check_not_empty(data)
    return rank, check_int("top", top, minimum=1), check_probability("alpha", alpha)


def _comparisons(data: pd.DataFrame, hue: str) -> list[tuple[tuple, pd.DataFrame]]:
    panel_cols = [hue] + (["reference"] if "reference" in data.columns and hue != "reference" else [])
    return [((k if isinstance(k, tuple) else (k,)), rows)
            for k, rows in data.groupby(panel_cols, sort=False, observed=True)]


def _keyness_rows(rows: pd.DataFrame, rank: str, top: int, show_reference: bool,
                  x: str) -> tuple[pd.DataFrame, np.ndarray]:
    """The ``top`` features per side by ``rank``; within each side sorted by the plotted ``x``, largest first."""
    shown = rows[rows[rank] > 0].nlargest(top, rank).sort_values(x, ascending=False, kind="stable")
    sides = [np.full(len(shown), True)]
    if show_reference:
        ref_rows = rows[rows[rank] < 0].nsmallest(top, rank).sort_values(x, ascending=False, kind="stable")
        shown = pd.concat([shown, ref_rows])
        sides.append(np.full(len(ref_rows), False))
    return shown, np.concatenate(sides)


#: Axis labels of the keyness measures: what the number is, and its log base.
MEASURE_LABELS = {
    "log_ratio": "log ratio (log\u2082 of the relative-frequency ratio)",
    "g2": "log-likelihood G\u00b2 (signed)",
    "log_odds_z": "log-odds z (informative Dirichlet prior)",
    "lrc": "conservative log ratio (log\u2082)",
    "pct_diff": "%DIFF",
}


def _measure_label(x: str, data: pd.DataFrame, with_ci: bool, significant: str | None, alpha: float) -> str:
    label = MEASURE_LABELS.get(x, x)
    if with_ci:
        label += f"; bars {data.attrs.get('ci', 0.95):.0%} CI"
    if significant is not None:
        label += f"\nopen bars: {significant} \u2265 {alpha:g}"
    return label


def _draw_keyness(axis: Axes, rows: pd.DataFrame, key: tuple, *, feature: str, x: str, rank: str, top: int,
                  significant: str | None, alpha: float, show_reference: bool,
                  palette: Mapping[Any, Any] | None, **kwargs: Any) -> None:
    target, reference = key[0], (key[1] if len(key) > 1 else None)
    shown, is_target = _keyness_rows(rows, rank, top, show_reference, x)
    colours = _colors([target, reference], palette)
    colour_r = palette.get(reference, REFERENCE_GREY) if palette else REFERENCE_GREY
    bar_colours = [colours[target] if t else colour_r for t in is_target]
    solid = shown[significant].lt(alpha).to_numpy() if significant is not None else np.full(len(shown), True)
    ypos = np.arange(len(shown))
    values = shown[x].to_numpy(dtype=float)
    # Not significant: an open bar in the side's colour, never a paler fill that could pass for the grey side.
    for y_i, v, c, s in zip(ypos, values, bar_colours, solid):
        axis.barh(y_i, v, color=c if s else "white", edgecolor=c, linewidth=0 if s else 1.0, **kwargs)
    low_col, high_col = f"{x}_ci_low", f"{x}_ci_high"
    with_ci = low_col in shown.columns and high_col in shown.columns
    if with_ci:
        err = np.vstack([values - shown[low_col].to_numpy(float), shown[high_col].to_numpy(float) - values])
        axis.errorbar(values, ypos, xerr=np.abs(err), fmt="none", ecolor="black", elinewidth=0.8, capsize=2)
    axis.axvline(0, color="black", lw=0.8)
    axis.set_yticks(ypos, shown[feature].astype(str).tolist())
    axis.invert_yaxis()
    axis.set_title(textwrap.fill(f"{target} vs {reference}" if reference is not None else str(target), 48),
                   fontsize=10)
    axis.set_xlabel(_measure_label(x, rows, with_ci, significant, alpha), fontsize=9)


def plot_keyness(
    data: pd.DataFrame,
    *,
    feature: str = "feature",
    x: str = "log_ratio",
    hue: str = "target",
    top: int = 15,
    rank_by: str | None = None,
    significant: str | None = "p_adj",
    alpha: float = 0.05,
    show_reference: bool = True,
    palette: Mapping[Any, Any] | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Horizontal bars of the most key features of ONE comparison (from :func:`discourse.keyness.keyness`).

    The ``top`` features with the largest positive ``rank_by`` (key for the
    target, in the target's colour) and, with ``show_reference``, the ``top``
    with the most negative (key for the reference, in its colour or grey),
    their length being ``x``; each side is sorted by ``x``. A bar whose
    ``significant`` p-value is not below ``alpha`` is drawn open (outline
    only). The axis label names the measure and its log base (and the CI
    level when error bars are drawn). For one panel per comparison use
    :func:`plot_keyness_grid`.

    Parameters
    ----------
    data : DataFrame
        A keyness table holding one comparison (one ``hue`` value and, when
        the column exists, one ``reference``).
    feature, x, hue : str
        Columns: feature label, bar length, and the comparison (target) column.
    top : int
        Features per side.
    rank_by : str, optional
        Column that chooses the features; default ``g2`` when present (the
        evidence that a feature differs), else ``x``.
    significant : str or None
        p-value column; bars with ``significant >= alpha`` are drawn open.
        ``None`` draws every bar solid. Pass the test that suits the
        design: ``"p_perm"`` (document-level permutation) when a group has
        few documents, ``"p_adj"`` (token-level G², BH-adjusted) otherwise.
    alpha : float
        Significance level for ``significant``.
    show_reference : bool
        Also draw the reference's key features (negative ``rank_by``).
    palette : mapping, optional
        Colour per group label (target and reference).
    ax : Axes, optional
        Draw here; by default a new figure.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.barh`.

    Returns
    -------
    Axes

    Raises
    ------
    ParameterError, DiscourseError
        If a column is missing, ``data`` is empty or holds several
        comparisons, or ``top`` or ``alpha`` is invalid.

    Notes
    -----
    When ``data`` has ``<x>_ci_low`` and ``<x>_ci_high`` (e.g.
    ``log_ratio_ci_low`` from ``keyness(bootstrap=...)``), they are drawn as
    error bars.

    Examples
    --------
    >>> table = pd.DataFrame({"feature": ["chaos", "deal", "peace"], "target": "A",   # synthetic
    ...                       "reference": "B", "g2": [12.0, 4.0, -9.0], "p_adj": [0.01, 0.2, 0.03],
    ...                       "log_ratio": [1.5, 0.6, -1.2]})
    >>> ax = plot_keyness(table, top=5)
    >>> [t.get_text() for t in ax.get_yticklabels()], ax.get_title()
    (['chaos', 'deal', 'peace'], 'A vs B')
    """
    rank, top, alpha = _keyness_options(data, feature, x, hue, rank_by, significant, top, alpha)
    palette = check_palette(palette)
    groups = _comparisons(data, hue)
    if len(groups) > 1:
        raise DiscourseError(f"`data` holds {len(groups)} comparisons; plot_keyness draws one. Filter `data`, "
                             "or use plot_keyness_grid for one panel per comparison.")
    key, rows = groups[0]
    shown, _ = _keyness_rows(rows, rank, top, show_reference, x)
    with _style():
        ax = ax or plt.figure(figsize=(4.5, 0.28 * len(shown) + 1.6)).gca()
        _draw_keyness(ax, rows, key, feature=feature, x=x, rank=rank, top=top, significant=significant,
                      alpha=alpha, show_reference=show_reference, palette=palette, **kwargs)
    return ax


def plot_keyness_grid(
    data: pd.DataFrame,
    *,
    feature: str = "feature",
    x: str = "log_ratio",
    hue: str = "target",
    top: int = 15,
    rank_by: str | None = None,
    significant: str | None = "p_adj",
    alpha: float = 0.05,
    show_reference: bool = True,
    palette: Mapping[Any, Any] | None = None,
    col_wrap: int = 3,
    **kwargs: Any,
) -> Figure:
    """One :func:`plot_keyness` panel per comparison of a keyness table; returns the Figure.

    Parameters are those of :func:`plot_keyness`, plus ``col_wrap`` (panels
    per row).

    Returns
    -------
    Figure

    Raises
    ------
    ParameterError, DiscourseError
        As :func:`plot_keyness` (several comparisons are expected here).

    Examples
    --------
    >>> table = pd.DataFrame({"feature": ["x", "y", "x", "y"], "target": ["A", "A", "B", "B"],  # synthetic
    ...                       "reference": ["B+C", "B+C", "A+C", "A+C"], "g2": [5.0, -3.0, 4.0, -6.0],
    ...                       "p_adj": 0.01, "log_ratio": [1.0, -0.5, 0.8, -1.1]})
    >>> fig = plot_keyness_grid(table)
    >>> [a.get_title() for a in fig.axes]
    ['A vs B+C', 'B vs A+C']
    """
    rank, top, alpha = _keyness_options(data, feature, x, hue, rank_by, significant, top, alpha)
    palette = check_palette(palette)
    col_wrap = check_int("col_wrap", col_wrap, minimum=1)
    groups = _comparisons(data, hue)
    n_rows = max(len(_keyness_rows(rows, rank, top, show_reference, x)[0]) for _, rows in groups)
    with _style():
        fig, axes = _panels(len(groups), width=4.5, height=0.28 * n_rows + 1.6, ncols=col_wrap)
        for axis, (key, rows) in zip(axes, groups):
            _draw_keyness(axis, rows, key, feature=feature, x=x, rank=rank, top=top, significant=significant,
                          alpha=alpha, show_reference=show_reference, palette=palette, **kwargs)
    return fig


def plot_keyness_scatter(
    data: pd.DataFrame,
    *,
    x: str | None = None,
    y: str = "log_odds_z",
    label: str = "feature",
    label_top: int = 10,
    threshold: float = 1.96,
    palette: Mapping[Any, Any] | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Fightin' Words scatter (Monroe, Colaresi & Quinn 2008, fig. 3): frequency vs log-odds z.

    Every feature of one comparison is a point; points beyond
    ``±threshold`` take the target's (above) or the reference's (below)
    colour, and the ``label_top`` features with the largest ``|y|`` are
    labelled.

    Parameters
    ----------
    data : DataFrame
        A keyness table holding ONE comparison (one ``target``/``reference``).
    x : str, optional
        Column for the horizontal axis. Default: ``log10(n_target +
        n_reference)``, the feature's log count in the two groups.
    y : str
        The z-score column.
    label : str
        Column holding the feature text.
    label_top : int
        How many features to label (0 for none).
    threshold : float
        Absolute z drawn as dashed lines and used to colour points (1.96 is
        a two-sided 5 % level before any multiple-comparison correction).
    palette : mapping, optional
        Colour per group label (target above, reference below).
    ax : Axes, optional
        Draw here; by default a new figure.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.scatter`.

    Returns
    -------
    Axes

    Raises
    ------
    ParameterError, DiscourseError
        If a column is missing, ``data`` is empty or holds several
        comparisons, or ``label_top`` is negative.

    Examples
    --------
    >>> table = pd.DataFrame({"feature": ["chaos", "deal", "peace"], "target": "A",   # synthetic
    ...                       "reference": "B", "n_target": [40, 5, 3], "n_reference": [10, 6, 20],
    ...                       "log_odds_z": [3.1, -0.2, -2.5]})
    >>> ax = plot_keyness_scatter(table, label_top=2)
    >>> [t.get_text() for t in ax.texts]
    ['chaos', 'peace']
    """
    counts = {"n_target": "n_target", "n_reference": "n_reference"} if x is None else {}
    _check_columns(data, x=x, y=y, label=label, **counts)
    _check_not_empty(data)
    palette = check_palette(palette) or {}
    label_top = check_int("label_top", label_top, minimum=0)
    comparison = [c for c in ("target", "reference") if c in data.columns]
    if comparison and len(data.drop_duplicates(comparison)) > 1:
        raise DiscourseError(f"`data` holds {len(data.drop_duplicates(comparison))} comparisons "
                             f"({', '.join(comparison)}); a scatter shows one. Filter `data` first.")
    target = data["target"].iloc[0] if "target" in data.columns else None
    reference = data["reference"].iloc[0] if "reference" in data.columns else None
    if x is None:
        xs = np.log10((data["n_target"] + data["n_reference"]).to_numpy(dtype=float))
        xlabel = "log10 count (target + reference)"
    else:
        xs, xlabel = data[x].to_numpy(dtype=float), x
    ys = data[y].to_numpy(dtype=float)
    up, down, neither = palette.get(target, "C0"), palette.get(reference, "C3"), "#c8c8c8"
    colours = np.where(ys > threshold, up, np.where(ys < -threshold, down, neither))
    labels = data[label].astype(str).to_numpy()
    with _style():
        ax = ax or plt.figure(figsize=(8, 6)).gca()
        size = kwargs.pop("s", 12)
        ax.scatter(xs, ys, c=colours, s=size, linewidths=0, **kwargs)
        for i, level in enumerate((threshold, -threshold)):
            ax.axhline(level, color="black", lw=0.6, ls="--", alpha=0.5,
                       label=f"{y} = \u00b1{threshold:g}" if i == 0 else None)
        # What the colours mean, each with a proxy point (the scatter itself has one colour per point).
        for colour, text in [(up, f"more in {target if target is not None else 'target'} ({y} > {threshold:g})"),
                             (down, f"more in {reference if reference is not None else 'reference'} "
                                    f"({y} < \u2212{threshold:g})"),
                             (neither, f"neither (|{y}| \u2264 {threshold:g})")]:
            ax.scatter([], [], c=[colour], s=max(size, 20), linewidths=0, label=text)
        _outside_legend(ax)
        order = np.argsort(-np.abs(np.nan_to_num(ys)), kind="stable")[:label_top]
        # Features with identical counts sit on the same point; one joined label
        # per point keeps them legible instead of printing them over each other.
        at_point: dict[tuple[float, float], list[str]] = {}
        for i in order:
            at_point.setdefault((float(xs[i]), float(ys[i])), []).append(labels[i])
        for (px, py), names in at_point.items():
            ax.annotate(", ".join(names), (px, py), xytext=(3, 0), textcoords="offset points", fontsize=8, va="center")
        ax.set_xlabel(xlabel)
        ax.set_ylabel(f"{y}\n(up: more in {target}; down: more in {reference})" if target is not None else y)
        if target is not None:
            ax.set_title(f"{target} (up) vs {reference} (down)")
    return ax


def plot_collocates(
    data: pd.DataFrame,
    *,
    x: str = "log_dice",
    y: str = "collocate",
    hue: str | None = "group",
    top: int = 10,
    palette: Mapping[Any, Any] | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Bars of the strongest collocates per group (from :func:`discourse.collocations.collocations`).

    The plotted collocates are the union of each group's ``top`` by ``x``,
    and every group's value for each of them is shown, so the groups can be
    compared collocate by collocate. Collocates are ordered by their largest
    value; when ``data`` has several ``node`` values the labels read
    ``node · collocate``.

    Parameters
    ----------
    data : DataFrame
        A collocation table.
    x, y : str
        Association measure (bar length) and collocate column.
    hue : str or None
        Group column. The default ``"group"`` is ignored when ``data`` has no
        such column (collocations computed without ``by``); any other name
        must be a column.
    top : int
        Collocates per group.
    palette : mapping, optional
        Colour per group.
    ax : Axes, optional
        Draw here; by default a new figure.
    **kwargs
        Passed to :func:`seaborn.barplot`.

    Returns
    -------
    Axes

    Raises
    ------
    ParameterError, DiscourseError
        If a column is missing, ``data`` is empty or has several rows for one
        collocate and group (filter to one language or node first), or
        ``top`` is invalid.

    Examples
    --------
    >>> table = pd.DataFrame({"group": ["A", "A", "B"], "node": "taliban",   # synthetic
    ...                       "collocate": ["kabul", "deal", "kabul"], "log_dice": [12.0, 9.5, 11.0]})
    >>> ax = plot_collocates(table, top=1)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['kabul']
    """
    if hue == "group" and isinstance(data, pd.DataFrame) and "group" not in data.columns:
        hue = None
    _check_columns(data, x=x, y=y, hue=hue)
    _check_not_empty(data)
    palette = check_palette(palette)
    top = check_int("top", top, minimum=1)
    rows = data.copy()
    several_nodes = "node" in rows.columns and rows["node"].nunique() > 1
    rows["_label"] = (rows["node"].astype(str) + " \u00b7 " + rows[y].astype(str)) if several_nodes \
        else rows[y].astype(str)
    keys = ["_label"] + ([hue] if hue is not None else [])
    _check_unique(rows, keys, "filter `data` to one language or node first.")
    if hue is not None:
        chosen = rows.sort_values(x, ascending=False).groupby(hue, observed=True, sort=False).head(top)["_label"]
        rows = rows[rows["_label"].isin(set(chosen))]
    else:
        rows = rows.nlargest(top, x)
    order = rows.groupby("_label")[x].max().sort_values(ascending=False).index.tolist()
    attrs = data.attrs
    with _style():
        ax = ax or plt.figure(figsize=(7, 0.3 * len(order) * (1 + 0.3 * (hue is not None)) + 1.5)).gca()
        levels = list(pd.unique(rows[hue])) if hue is not None else []
        colours = _colors(levels, palette) if hue is not None else None
        sns.barplot(rows, x=x, y="_label", hue=hue, order=order, hue_order=levels or None, palette=colours,
                    errorbar=None, ax=ax, **kwargs)
        label = x
        if hue is not None:
            # A collocate shown for one group but absent from another's table gets a dash, not a silent gap.
            present = set(zip(rows["_label"], rows[hue]))
            height = 0.8 / len(levels)
            for i, name in enumerate(order):
                for j, level in enumerate(levels):
                    if (name, level) not in present:
                        ax.text(0, i - 0.4 + (j + 0.5) * height, " \u2014", va="center", fontsize=10, fontweight="bold",
                                color=colours[level])
            if any((name, level) not in present for name in order for level in levels):
                minimum = attrs.get("min_count")
                label += ("\n\u2014 : not a collocate in that group"
                          + (f" (fewer than {minimum} co-occurrences, or a stopword)" if minimum else ""))
        ax.set_ylabel("")
        ax.set_xlabel(label, fontsize=9)
        if "window" in attrs:
            title = f"window \u00b1{attrs['window']} tokens ({attrs.get('span', 'both')})"
            if "n_node" in data.columns and not several_nodes:
                hits = data.groupby(hue, observed=True, sort=False)["n_node"].first() if hue else data["n_node"].iloc[:1]
                title += "; node hits: " + ", ".join(
                    f"{k} {int(v):,}" if hue else f"{int(v):,}" for k, v in hits.items())
            ax.set_title(textwrap.fill(title, 60), fontsize=9)
    return ax


# --------------------------------------------------------------------------
# Frames
# --------------------------------------------------------------------------
def plot_frame_heatmap(
    data: pd.DataFrame,
    *,
    x: str = "frame",
    y: str,
    value: str = "share",
    annotate_ci: bool = True,
    ci_low: str = "ci_low",
    ci_high: str = "ci_high",
    fmt: str = ".2f",
    count: str | None = None,
    total: str | None = None,
    missing_label: str = "n/a",
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Heatmap of frame shares per group, cells read "0.23 [0.18, 0.29]" (from ``frame_prevalence``).

    With ``count`` and ``total`` each cell gets a second line, "95 of 403",
    so a share is never read without the passages behind it. Text is 8 pt
    and the figure about 1.4 inches per column: put the longer dimension
    (usually the frames) on ``y`` for a figure that fits a page width. To
    compare two heatmaps (e.g. observed and corrected shares) give both the
    same ``vmax``, so one colour means one share in both.

    Parameters
    ----------
    data : DataFrame
        One row per ``y`` x ``x`` cell.
    x, y, value : str
        Columns for heatmap columns (frames), rows (groups) and colour.
    annotate_ci : bool
        Add the interval from ``ci_low``/``ci_high`` to each annotation.
    ci_low, ci_high : str
        Interval columns (used only with ``annotate_ci``).
    fmt : str
        Number format of the annotations.
    count, total : str, optional
        Columns with the passages carrying the frame and the passages of the
        group (``n_positive`` and ``n_passages`` of ``frame_prevalence``);
        both or neither.
    missing_label : str
        Written, on a hatched cell, where a row's ``value`` is NaN (e.g. a
        corrected share that cannot be estimated), so that a missing value
        never looks like an empty or a zero cell.
    ax : Axes, optional
        Draw here; by default a new figure.
    **kwargs
        Passed to :func:`seaborn.heatmap` (e.g. ``cmap``, ``vmax``).

    Returns
    -------
    Axes

    Raises
    ------
    ParameterError, DiscourseError
        If a column is missing, ``data`` is empty, or a cell has several
        rows (e.g. a per-week table: filter one week, or use
        :func:`plot_frame_timeline`).

    Examples
    --------
    >>> table = pd.DataFrame({"source": ["A", "B"], "frame": "chaos", "share": [0.23, 0.31],   # synthetic
    ...                       "ci_low": [0.18, 0.25], "ci_high": [0.29, 0.37]})
    >>> ax = plot_frame_heatmap(table, y="source")
    >>> [t.get_text() for t in ax.texts]
    ['0.23 [0.18, 0.29]', '0.31 [0.25, 0.37]']
    """
    _check_columns(data, x=x, y=y, value=value, count=count, total=total,
                   ci_low=ci_low if annotate_ci else None, ci_high=ci_high if annotate_ci else None)
    if (count is None) != (total is None):
        raise ParameterError("give both `count` and `total` (e.g. count='n_positive', total='n_passages'), "
                             "or neither.")
    _check_not_empty(data)
    _check_unique(data, [y, x], "filter `data` (e.g. to one week) first.")
    rows_order, cols_order = list(pd.unique(data[y])), list(pd.unique(data[x]))
    grid = data.pivot(index=y, columns=x, values=value).reindex(index=rows_order, columns=cols_order)
    lows = data[ci_low] if annotate_ci else data[value]
    highs = data[ci_high] if annotate_ci else data[value]
    counts = zip(data[count], data[total]) if count else [None] * len(data)
    text = data.assign(_text=[_cell_text(v, lo, hi, kn, fmt=fmt, annotate_ci=annotate_ci)
                              for v, lo, hi, kn in zip(data[value], lows, highs, counts)])
    annot = text.pivot(index=y, columns=x, values="_text").reindex(index=rows_order, columns=cols_order)
    with _style():
        ax = ax or plt.figure(figsize=(1.4 * len(cols_order) + 2.2, (0.62 if count else 0.45) * len(rows_order)
                                       + 1.4)).gca()
        options = {"cmap": "Blues", "vmin": 0, "cbar_kws": {"label": value}, "annot_kws": {"fontsize": 8}}
        options.update(kwargs)
        sns.heatmap(grid.astype(float), annot=annot.fillna("").to_numpy(), fmt="", ax=ax, **options)
        present = data.assign(_present=True).pivot(index=y, columns=x, values="_present").reindex(
            index=rows_order, columns=cols_order).notna().to_numpy()
        for i, j in zip(*np.nonzero(grid.isna().to_numpy() & present)):
            ax.add_patch(Rectangle((j, i), 1, 1, fill=False, hatch="///", edgecolor="#bbbbbb", linewidth=0))
            ax.text(j + 0.5, i + 0.5, missing_label, ha="center", va="center", fontsize=7, color="#444444")
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.tick_params(axis="x", labelrotation=45 if max(len(str(c)) for c in cols_order) > 6 else 0)
    return ax


def _cell_text(v: float, lo: float, hi: float, kn: tuple[float, float] | None, *, fmt: str,
               annotate_ci: bool) -> str:
    """A heatmap cell: "0.23 [0.18, 0.29]", and "95 of 403" below it when counts are given; "" for NaN."""
    if pd.isna(v):
        return ""
    out = f"{v:{fmt}}" + (f" [{lo:{fmt}}, {hi:{fmt}}]" if annotate_ci else "")
    return out if kn is None else out + f"\n{kn[0]:,.0f} of {kn[1]:,.0f}"


def plot_actor_frame(
    data: pd.DataFrame,
    *,
    frame: str,
    y: str = "actor",
    hue: str = "bloc",
    x: str = "share",
    ci_low: str = "ci_low",
    ci_high: str = "ci_high",
    n: str | None = "n_passages",
    palette: Mapping[Any, Any] | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Dot plot, for one frame, of the share of each group's frame-coded passages naming each actor, with CIs.

    Draws the rows of :func:`discourse.actors.actor_frame_cooccurrence` whose
    ``frame`` column equals ``frame``: one row of the plot per actor, one dot
    per group (dodged vertically), a horizontal interval ``ci_low``–``ci_high``,
    and the groups' ``n`` in the legend ("US (n=120)").

    Parameters
    ----------
    data : DataFrame
        One row per frame x group x actor (extra frames are filtered out).
    frame : str
        The frame to draw.
    y, hue, x : str
        Columns for the actor rows, the groups (colour) and the share.
    ci_low, ci_high : str
        Interval columns.
    n : str or None
        Column with the group's frame-coded passages, shown in the legend
        (None: not shown).
    palette : mapping, optional
        Group label to colour (e.g. a study's bloc palette).
    ax : Axes, optional
        Draw here; by default a new figure.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.errorbar` (e.g. ``markersize``).

    Returns
    -------
    Axes

    Raises
    ------
    ParameterError, DiscourseError
        If a column is missing, no row has ``frame``, or a group x actor has
        several rows.

    Examples
    --------
    >>> table = pd.DataFrame({"frame": "blame", "bloc": ["CN", "CN", "US", "US"],  # synthetic
    ...     "actor": ["US", "Taliban"] * 2, "share": [0.6, 0.1, 0.3, 0.4], "ci_low": [0.5, 0.0, 0.2, 0.3],
    ...     "ci_high": [0.7, 0.2, 0.4, 0.5], "n_passages": [50, 50, 80, 80]})
    >>> ax = plot_actor_frame(table, frame="blame")
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['CN (n=50)', 'US (n=80)']
    """
    _check_columns(data, y=y, hue=hue, x=x, ci_low=ci_low, ci_high=ci_high, n=n)
    require_columns(data, ["frame"])
    check_palette(palette)
    rows = data[data["frame"] == frame]
    if len(rows) == 0:
        raise ParameterError(invalid_value_message("frame", frame, list(pd.unique(data["frame"]))))
    _check_unique(rows, [hue, y], "pass one table per frame and grouping.")
    actors, groups = list(pd.unique(rows[y])), list(pd.unique(rows[hue]))
    colors = _colors(groups, palette)
    step = 0.8 / max(len(groups), 1)
    with _style():
        ax = ax or plt.figure(figsize=(6, 0.6 * len(actors) + 1.5)).gca()
        for k, group in enumerate(groups):
            part = rows[rows[hue] == group].set_index(y).reindex(actors)
            pos = np.arange(len(actors)) - 0.4 + step * (k + 0.5)
            share = part[x].to_numpy(dtype=float)
            err = np.vstack([share - part[ci_low].to_numpy(dtype=float),
                             part[ci_high].to_numpy(dtype=float) - share])
            label = str(group)
            if n is not None:
                counts = part[n].dropna().unique()
                label += f" (n={int(counts[0])})" if len(counts) == 1 else ""
            ax.errorbar(share, pos, xerr=np.nan_to_num(err), fmt="o", color=colors[group], label=label,
                        capsize=2, linewidth=1, **kwargs)
        ax.set_yticks(np.arange(len(actors)))
        ax.set_yticklabels(actors)
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.set_xlabel(f"share of {frame} passages naming the actor")
        ax.set_ylabel("")
        ax.set_title(frame)
        ax.legend(fontsize=8, title=hue, title_fontsize=8)
    return ax


def plot_frame_differences(
    data: pd.DataFrame,
    *,
    x: str = "diff",
    y: str = "frame",
    hue: str | None = None,
    ci_low: str | None = "ci_low",
    ci_high: str | None = "ci_high",
    significant: str | None = "p_adj",
    alpha: float = 0.05,
    palette: Mapping[Any, Any] | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Dot-and-whisker plot of differences in frame share (from ``prevalence_differences``).

    One row per frame; one dot per comparison, whiskers from ``ci_low`` to
    ``ci_high``; filled dots are significant (``significant < alpha``),
    hollow ones not. The axis label says both: the whiskers are the
    unadjusted intervals (at the level recorded in ``data.attrs["ci"]``,
    default 95%), while the filling uses the multiplicity-adjusted p-value.
    Comparisons get :data:`COMPARISON_COLOURS` unless ``palette`` names
    them, so they are not confused with the groups' own colours.

    Parameters
    ----------
    data : DataFrame
        One row per frame x comparison.
    x, y : str
        Difference and frame columns.
    hue : str, optional
        Column distinguishing comparisons. Default: built from ``group_a``
        and ``group_b`` ("A − B") when those columns exist.
    ci_low, ci_high : str or None
        Interval columns (``None``: no whiskers).
    significant : str or None
        Adjusted p-value column (``None``: every dot filled).
    alpha : float
        Significance level.
    palette : mapping, optional
        Colour per comparison label ("A − B").
    ax : Axes, optional
        Draw here; by default a new figure.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.scatter`.

    Returns
    -------
    Axes

    Raises
    ------
    ParameterError, DiscourseError
        If a column is missing, ``data`` is empty, a frame has several rows
        for one comparison (e.g. a per-week table: filter one week first), or
        ``alpha`` is invalid.

    Examples
    --------
    >>> table = pd.DataFrame({"group_a": "A", "group_b": "B", "frame": ["chaos", "security"],  # synthetic
    ...                       "diff": [-0.08, 0.02], "ci_low": [-0.15, -0.05], "ci_high": [-0.01, 0.09],
    ...                       "p_adj": [0.03, 0.6]})
    >>> ax = plot_frame_differences(table)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['chaos', 'security']
    """
    _check_columns(data, x=x, y=y, hue=hue, ci_low=ci_low, ci_high=ci_high, significant=significant)
    _check_not_empty(data)
    alpha = check_probability("alpha", alpha)
    palette = check_palette(palette)
    rows = data.copy()
    if hue is None and {"group_a", "group_b"} <= set(rows.columns):
        rows["_hue"] = rows["group_a"].astype(str) + " \u2212 " + rows["group_b"].astype(str)
        hue_col: str | None = "_hue"
    else:
        hue_col = hue
    _check_unique(rows, [y] + ([hue_col] if hue_col else []),
                  "filter `data` first (e.g. to one week of a `within` table).")
    frames = list(pd.unique(rows[y]))
    levels = list(pd.unique(rows[hue_col])) if hue_col else [None]
    colours = _colors(levels, palette, COMPARISON_COLOURS) if hue_col else {None: COMPARISON_COLOURS[0]}
    offsets = np.linspace(-0.25, 0.25, len(levels)) if len(levels) > 1 else [0.0]
    with _style():
        ax = ax or plt.figure(figsize=(7, 0.45 * len(frames) * max(1, len(levels) ** 0.5) + 1.5)).gca()
        position = {f: i for i, f in enumerate(frames)}
        for level, offset in zip(levels, offsets):
            part = rows if level is None else rows[rows[hue_col] == level]
            ypos = part[y].map(position).to_numpy(dtype=float) + offset
            values = part[x].to_numpy(dtype=float)
            colour = colours[level]
            if ci_low is not None and ci_high is not None:
                err = np.abs(np.vstack([values - part[ci_low].to_numpy(float), part[ci_high].to_numpy(float) - values]))
                ax.errorbar(values, ypos, xerr=err, fmt="none", ecolor=colour, elinewidth=1.2)
            solid = part[significant].lt(alpha).to_numpy() if significant is not None else np.full(len(part), True)
            ax.scatter(values, ypos, facecolors=[colour if s else "white" for s in solid], edgecolors=colour,
                       zorder=3, label=level, **kwargs)
        ax.axvline(0, color="black", lw=0.8)
        ax.set_yticks(range(len(frames)), [str(f) for f in frames])
        ax.invert_yaxis()
        label = f"difference in share ({x})"
        if ci_low is not None and ci_high is not None:
            label += f"; whiskers: unadjusted {data.attrs.get('ci', 0.95):.0%} CI"
        if significant is not None:
            label += f"\nfilled: {significant} < {alpha:g} (adjusted for multiple comparisons)"
        ax.set_xlabel(label, fontsize=9)
        ax.set_title("Differences in frame share between groups", fontsize=10)
        if hue_col:
            _outside_legend(ax, hue or "comparison")
    return ax


def _frame_timeline_options(data: Any, x: str, y: str, hue: str | None, frame: str, ci_low: str | None,
                            ci_high: str | None) -> None:
    _check_columns(data, x=x, y=y, hue=hue, frame=frame, ci_low=ci_low, ci_high=ci_high)
    _check_not_empty(data)
    _check_unique(data, [frame, x] + ([hue] if hue else []), "give one row per frame, period and group.")


def _draw_frame_timeline(axis: Axes, part: pd.DataFrame, title: str, *, x: str, y: str, hue: str | None,
                         levels: list, colours: dict, ci_low: str | None, ci_high: str | None,
                         events: pd.DataFrame | None, **kwargs: Any) -> None:
    for level in levels:
        line = (part if level is None else part[part[hue] == level]).sort_values(x)
        if line.empty:
            continue
        axis.plot(line[x], line[y], color=colours[level], marker="o", ms=3,
                  label=None if level is None else str(level), **kwargs)
        if ci_low is not None and ci_high is not None:
            axis.fill_between(line[x], line[ci_low].astype(float), line[ci_high].astype(float),
                              color=colours[level], alpha=0.2, linewidth=0)
    axis.set_title(title)
    axis.set_ylabel(y)
    axis.set_xlabel("")
    if pd.api.types.is_datetime64_any_dtype(part[x]):
        _date_axis(axis)
    if events is not None:
        _draw_events(axis, events)


def plot_frame_timeline(
    data: pd.DataFrame,
    *,
    x: str = "week",
    y: str = "share",
    hue: str | None = None,
    frame: str = "frame",
    ci_low: str | None = "ci_low",
    ci_high: str | None = "ci_high",
    events: pd.DataFrame | None = None,
    palette: Mapping[Any, Any] | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """One frame's share over time with the intervals given, one line per group.

    Draws the table from ``frame_prevalence(data, by=[group, "week"])``
    (:func:`discourse.prevalence.frame_prevalence`,
    :func:`discourse.periods.add_period`) for ONE frame; for one panel per
    frame use :func:`plot_frame_timeline_grid`.

    Parameters
    ----------
    data : DataFrame
        One row per ``hue`` x ``x`` for a single value of ``frame``.
    x, y, hue : str
        Period, share and group columns (``hue=None``: one line).
    frame : str
        Column naming the frame.
    ci_low, ci_high : str or None
        Band columns (``None``: no bands).
    events : DataFrame, optional
        ``date`` and ``event`` columns, drawn as in :func:`plot_timeline`.
    palette : mapping, optional
        Colour per ``hue`` level.
    ax : Axes, optional
        Draw here; by default a new figure.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    Axes

    Raises
    ------
    ParameterError, DiscourseError
        If a column is missing, ``data`` is empty, holds several frames, or a
        cell has several rows.

    Examples
    --------
    >>> table = pd.DataFrame({"source": ["A", "A"], "frame": "chaos", "share": [0.2, 0.3],  # synthetic
    ...                       "week": pd.to_datetime(["2021-08-15", "2021-08-22"]),
    ...                       "ci_low": [0.1, 0.2], "ci_high": [0.3, 0.4]})
    >>> ax = plot_frame_timeline(table, hue="source")
    >>> ax.get_title(), len(ax.lines)
    ('chaos', 1)
    """
    _frame_timeline_options(data, x, y, hue, frame, ci_low, ci_high)
    palette = check_palette(palette)
    frames = list(pd.unique(data[frame]))
    if len(frames) > 1:
        raise DiscourseError(f"`data` holds {len(frames)} frames; plot_frame_timeline draws one. Filter `data`, "
                             "or use plot_frame_timeline_grid for one panel per frame.")
    levels = list(pd.unique(data[hue])) if hue else [None]
    colours = _colors(levels, palette) if hue else {None: "C0"}
    with _style():
        ax = ax or plt.figure(figsize=(4.8, 3.2)).gca()
        _draw_frame_timeline(ax, data, str(frames[0]), x=x, y=y, hue=hue, levels=levels, colours=colours,
                             ci_low=ci_low, ci_high=ci_high, events=events, **kwargs)
        if hue or events is not None:
            _outside_legend(ax, hue)
    return ax


def plot_frame_timeline_grid(
    data: pd.DataFrame,
    *,
    x: str = "week",
    y: str = "share",
    hue: str | None = None,
    frame: str = "frame",
    frames: Sequence[str] | None = None,
    ci_low: str | None = "ci_low",
    ci_high: str | None = "ci_high",
    events: pd.DataFrame | None = None,
    palette: Mapping[Any, Any] | None = None,
    col_wrap: int = 3,
    **kwargs: Any,
) -> Figure:
    """Frame shares over time, one :func:`plot_frame_timeline` panel per frame; returns the Figure.

    Panels share both axes so shares are comparable across frames.
    Parameters are those of :func:`plot_frame_timeline`, plus ``frames`` (the
    frames to draw, in panel order; default all, in table order) and
    ``col_wrap`` (panels per row).

    Returns
    -------
    Figure

    Raises
    ------
    ParameterError, DiscourseError
        If a column or a requested frame is missing, ``data`` is empty, or a
        cell has several rows.

    Examples
    --------
    >>> table = pd.DataFrame({"frame": ["chaos", "chaos", "aid", "aid"], "share": [0.2, 0.3, 0.1, 0.4],  # synthetic
    ...                       "week": pd.to_datetime(["2021-08-15", "2021-08-22"] * 2),
    ...                       "ci_low": 0.0, "ci_high": 0.5})
    >>> [a.get_title() for a in plot_frame_timeline_grid(table).axes]
    ['chaos', 'aid']
    """
    _frame_timeline_options(data, x, y, hue, frame, ci_low, ci_high)
    palette = check_palette(palette)
    col_wrap = check_int("col_wrap", col_wrap, minimum=1)
    chosen = _chosen_frames(data, frame, frames)
    levels = list(pd.unique(data[hue])) if hue else [None]
    colours = _colors(levels, palette) if hue else {None: "C0"}
    with _style():
        fig, axes = _panels(len(chosen), width=4.8, height=3.2, ncols=col_wrap, sharex=True, sharey=True)
        for axis, f in zip(axes, chosen):
            _draw_frame_timeline(axis, data[data[frame] == f], str(f), x=x, y=y, hue=hue, levels=levels,
                                 colours=colours, ci_low=ci_low, ci_high=ci_high, events=events, **kwargs)
        _outer_axis_labels(axes, col_wrap)
        if hue or events is not None:
            handles, labels = axes[0].get_legend_handles_labels()
            fig.legend(handles, labels, title=hue, fontsize=8, title_fontsize=8, loc="upper left",
                       bbox_to_anchor=(1.0, 0.98), frameon=False)
    return fig


# --------------------------------------------------------------------------
# Classifier validation
# --------------------------------------------------------------------------
def plot_classifier_scores(
    data: pd.DataFrame, *, x: str = "f1", y: str = "frame", hue: str = "classifier",
    ci_low: str | None = None, ci_high: str | None = None,
    palette: Mapping[Any, Any] | None = None, ax: Axes | None = None, **kwargs: Any,
) -> Axes:
    """Grouped horizontal bars of a per-frame score, with intervals when the table has them.

    One bar per row (frame × classifier) of e.g.
    :func:`discourse.framing.compare_classifiers` or, with ``ci_low`` /
    ``ci_high``, :meth:`discourse.framing.FrameEvaluation.bootstrap`; the
    ``micro`` and ``macro`` summary rows, when present, are drawn last.

    Parameters
    ----------
    data : DataFrame
        A tidy score table.
    x, y, hue : str
        Score, frame and classifier columns.
    ci_low, ci_high : str, optional
        Columns with each score's interval, drawn as error bars.
    palette : mapping, optional
        Colour per classifier.
    ax : Axes, optional
        Draw here; by default a new figure.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.barh`.

    Returns
    -------
    Axes

    Raises
    ------
    ParameterError, DiscourseError
        If a column is missing, ``data`` is empty or has several rows for one
        frame and classifier.

    Examples
    --------
    >>> scores = pd.DataFrame({"frame": ["aid", "aid", "macro", "macro"], "classifier": ["a", "b"] * 2,  # synthetic
    ...                        "f1": [0.5, 0.7, 0.5, 0.7]})
    >>> ax = plot_classifier_scores(scores)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['aid', 'macro']
    """
    _check_columns(data, x=x, y=y, hue=hue, ci_low=ci_low, ci_high=ci_high)
    _check_not_empty(data)
    palette = check_palette(palette)
    _check_unique(data, [y, hue], "give one score per frame and classifier.")
    order = [f for f in pd.unique(data[y]) if f not in ("micro", "macro")]
    order += [f for f in ("micro", "macro") if f in set(data[y])]
    levels = list(pd.unique(data[hue]))
    colors = _colors(levels, palette)
    height = 0.8 / len(levels)
    with _style():
        ax = ax or plt.figure(figsize=(7, 0.35 * len(order) * max(1, len(levels) / 2) + 1.5)).gca()
        rows = data.set_index([y, hue])
        for k, level in enumerate(levels):
            pos = np.arange(len(order)) - 0.4 + height * (k + 0.5)
            part = rows.xs(level, level=hue).reindex(order)
            ax.barh(pos, part[x].to_numpy(float), height=height * 0.95, color=colors[level], label=str(level),
                    **kwargs)
            if ci_low is not None and ci_high is not None:
                # the interval as given, even when a percentile interval does not contain its estimate
                lo, hi = part[ci_low].to_numpy(float), part[ci_high].to_numpy(float)
                ax.hlines(pos, lo, hi, color="#333333", linewidth=0.8)
                ax.vlines(np.concatenate([lo, hi]), np.tile(pos - height * 0.2, 2), np.tile(pos + height * 0.2, 2),
                          color="#333333", linewidth=0.8)
        ax.set_yticks(np.arange(len(order)), [str(o) for o in order])
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.set_xlabel(x)
        ax.set_ylabel("")
        ax.legend(title=hue, frameon=False, loc="lower right")
    return ax


def plot_learning_curve(
    data: pd.DataFrame, *, x: str = "n_train", y: str = "macro_f1", hue: str | None = "group",
    ci_low: str | None = None, ci_high: str | None = None, palette: Mapping[Any, Any] | None = None,
    ax: Axes | None = None, **kwargs: Any,
) -> Axes:
    """A score against training-set size: one line per ``hue`` level, one point per row.

    Draws the table it is given: aggregate repeats first (e.g. their mean,
    with their range as ``ci_low``/``ci_high``), since several rows for one
    size and level are an error.

    Parameters
    ----------
    data : DataFrame
        One row per size (and ``hue`` level), e.g. an aggregate of
        :func:`discourse.framing.learning_curve`.
    x, y : str
        Size and score columns.
    hue : str or None
        One line per level (e.g. language).
    ci_low, ci_high : str, optional
        A band around each line (e.g. the repeats' minimum and maximum).
    palette : mapping, optional
        Colour per level.
    ax : Axes, optional
        Draw here; by default a new figure.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    Axes

    Examples
    --------
    >>> curve = pd.DataFrame({"n_train": [100, 400, 100, 400], "group": ["en", "en", "zh", "zh"],  # synthetic
    ...                       "macro_f1": [0.4, 0.5, 0.3, 0.45]})
    >>> ax = plot_learning_curve(curve)
    >>> len(ax.get_lines())
    2
    """
    _check_columns(data, x=x, y=y, hue=hue, ci_low=ci_low, ci_high=ci_high)
    _check_not_empty(data)
    palette = check_palette(palette)
    _check_unique(data, [x] + ([hue] if hue else []), "aggregate the repeats of a size first.")
    parts = [(None, data)] if hue is None else list(data.groupby(hue, sort=False))
    colors = _colors([k for k, _ in parts], palette)
    with _style():
        ax = ax or plt.figure(figsize=(6.5, 4)).gca()
        for key, part in parts:
            part = part.sort_values(x)
            ax.plot(part[x], part[y], marker="o", color=colors[key], label=None if key is None else str(key), **kwargs)
            if ci_low is not None and ci_high is not None:
                ax.fill_between(part[x].to_numpy(float), part[ci_low].to_numpy(float), part[ci_high].to_numpy(float),
                                color=colors[key], alpha=0.15, linewidth=0)
        ax.set_xscale("log")
        sizes = np.unique(data[x].to_numpy(float))
        ax.set_xticks(sizes, [f"{v:,.0f}" for v in sizes])
        ax.xaxis.set_minor_locator(NullLocator())
        ax.set_xlabel(x)
        ax.set_ylabel(y)
        ax.set_ylim(0, 1)
        if hue is not None:
            ax.legend(title=hue, frameon=False)
    return ax


def plot_topic_selection(
    data: pd.DataFrame, *, x: str = "k", stability: str = "stability", coherence: str = "coherence",
    ax: Axes | None = None, **kwargs: Any,
) -> Axes:
    """Topic stability and coherence against the number of topics: one line each, one point per row.

    Draws what :func:`discourse.topics.select_k` returns. Both measures
    share the y axis (stability is a cosine similarity in [0, 1], NPMI
    coherence lies in [-1, 1]).

    Parameters
    ----------
    data : DataFrame
        One row per number of topics.
    x, stability, coherence : str
        Columns with k, the mean matched similarity and the mean NPMI.
    ax : Axes, optional
        Draw here; by default a new figure.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    Axes

    Raises
    ------
    ParameterError, DiscourseError
        If a column is missing, ``data`` is empty, or a k has several rows.

    Examples
    --------
    >>> table = pd.DataFrame({"k": [2, 3, 4], "stability": [0.9, 1.0, 0.7],  # synthetic
    ...                       "coherence": [0.2, 0.4, 0.3]})
    >>> ax = plot_topic_selection(table)
    >>> [line.get_label() for line in ax.get_lines()][:2]   # then the zero line
    ['stability', 'coherence']
    """
    _check_columns(data, x=x, stability=stability, coherence=coherence)
    _check_not_empty(data)
    _check_unique(data, [x], "give one row per number of topics.")
    part = data.sort_values(x)
    ax = ax or plt.figure(figsize=(6, 4)).gca()
    ax.plot(part[x], part[stability], marker="o", color="C0", label="stability", **kwargs)
    ax.plot(part[x], part[coherence], marker="s", color="C1", label="coherence", **kwargs)
    ax.set_xticks(part[x].to_numpy())
    ax.set_xlabel(x)
    ax.set_ylabel("stability (cosine) / coherence (NPMI)")
    ax.axhline(0, color="black", lw=0.6)
    ax.legend(frameon=False)
    return ax


def plot_reliability_diagram(
    data: pd.DataFrame,
    *,
    x: str = "mean_predicted",
    y: str = "observed",
    size: str = "count",
    hue: str | None = None,
    palette: Mapping[Any, Any] | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Calibration curve: mean predicted probability vs observed frequency per bin.

    Draws what :meth:`discourse.framing.FrameCVResult.reliability_curve`
    returns, with the diagonal of perfect calibration: one line per ``hue``
    level through its bins, point size showing the cases per bin (and, for a
    single curve, each point labelled with its count). For one panel per
    frame use :func:`plot_reliability_grid`. Several
    rows for one bin of one ``hue`` level are an error (pass
    ``hue="frame"`` for a per-frame curve).

    Parameters
    ----------
    data : DataFrame
        One row per bin (and ``hue`` level).
    x, y : str
        Mean predicted probability and observed frequency columns.
    size : str
        Column with the number of cases per bin (ignored when absent).
    hue : str, optional
        Column with one curve per value (e.g. ``"frame"``).
    palette : mapping, optional
        Colour per ``hue`` level.
    ax : Axes, optional
        Draw here; by default a new figure.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    Axes

    Raises
    ------
    ParameterError, DiscourseError
        If a column is missing, ``data`` is empty, or a bin has several rows.

    Examples
    --------
    >>> curve = pd.DataFrame({"mean_predicted": [0.1, 0.5, 0.9], "observed": [0.0, 0.6, 1.0],  # synthetic
    ...                       "count": [10, 5, 8]})
    >>> ax = plot_reliability_diagram(curve)
    >>> len(ax.lines)   # the diagonal and the curve
    2
    """
    _check_columns(data, x=x, y=y, hue=hue)
    _check_not_empty(data)
    palette = check_palette(palette)
    _check_unique(data, [x] + ([hue] if hue else []), "give one row per bin (pass hue= for one curve per frame).")
    levels = list(pd.unique(data[hue])) if hue else [None]
    colours = _colors(levels, palette) if hue else {None: "C0"}
    with _style():
        ax = ax or plt.figure(figsize=(5, 5)).gca()
        for level in levels:
            part = data if level is None else data[data[hue] == level]
            _draw_reliability(ax, part, x=x, y=y, size=size, colour=colours[level],
                              label=None if level is None else str(level), annotate=hue is None, **kwargs)
        ax.legend(fontsize=8)
    return ax


def _draw_reliability(ax: Axes, part: pd.DataFrame, *, x: str, y: str, size: str, colour: Any,
                      label: str | None, annotate: bool, **kwargs: Any) -> None:
    """One calibration curve on ``ax``: the diagonal (once), the bins joined, points sized by count.

    With ``annotate``, each point is labelled with its bin count.
    """
    if not any(line.get_label() == "perfect calibration" for line in ax.lines):
        ax.plot([0, 1], [0, 1], color="black", lw=0.8, ls="--", label="perfect calibration")
    part = part.sort_values(x)
    ax.plot(part[x], part[y], color=colour, label=label, **kwargs)
    counts = part[size].to_numpy(float) if size in part.columns else None
    sizes = np.full(len(part), 20.0) if counts is None else 20 + 80 * counts / max(counts.max(), 1)
    ax.scatter(part[x], part[y], s=sizes, color=colour, zorder=3)
    if annotate and counts is not None:
        for px, py, n in zip(part[x], part[y], counts):
            # below-right of the point, or above it near the bottom edge; left of it near the right edge
            ax.annotate(f"{n:,.0f}", (px, py), xytext=(-4 if px > 0.85 else 4, 4 if py < 0.15 else -10),
                        textcoords="offset points", fontsize=7, ha="right" if px > 0.85 else "left")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("mean predicted probability")
    ax.set_ylabel("observed frequency")


def plot_reliability_grid(
    data: pd.DataFrame,
    *,
    x: str = "mean_predicted",
    y: str = "observed",
    size: str = "count",
    frame: str = "frame",
    frames: Sequence[str] | None = None,
    col_wrap: int = 4,
    **kwargs: Any,
) -> Figure:
    """Calibration curves as small multiples: one panel per frame, each bin labelled with its count.

    Draws :meth:`discourse.framing.FrameCVResult.reliability_curve` (not
    pooled): a frame with few positive passages has few, thinly populated
    bins, and the counts say how far to trust each point. Panels share both
    axes.

    Parameters
    ----------
    data : DataFrame
        One row per frame and bin.
    x, y, size : str
        Mean predicted probability, observed frequency and count columns.
    frame : str
        Column with one panel per value.
    frames : sequence of str, optional
        Frames to draw, in panel order; default all, in table order.
    col_wrap : int, default=4
        Panels per row.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    Figure

    Raises
    ------
    ParameterError, DiscourseError
        If a column or a requested frame is missing, ``data`` is empty, or a
        frame has several rows for one bin.

    Examples
    --------
    >>> curve = pd.DataFrame({"frame": ["aid"] * 2 + ["chaos"] * 2, "mean_predicted": [0.1, 0.8, 0.2, 0.7],  # synthetic
    ...                       "observed": [0.0, 1.0, 0.1, 0.5], "count": [40, 2, 30, 12]})
    >>> fig = plot_reliability_grid(curve)
    >>> [a.get_title() for a in fig.axes], [t.get_text() for t in fig.axes[0].texts]
    (['aid', 'chaos'], ['40', '2'])
    """
    _check_columns(data, x=x, y=y, frame=frame)
    _check_not_empty(data)
    col_wrap = check_int("col_wrap", col_wrap, minimum=1)
    _check_unique(data, [frame, x], "give one row per frame and bin.")
    chosen = _chosen_frames(data, frame, frames)
    with _style():
        fig, axes = _panels(len(chosen), width=3.0, height=3.0, ncols=col_wrap, sharex=True, sharey=True)
        for axis, f in zip(axes, chosen):
            _draw_reliability(axis, data[data[frame] == f], x=x, y=y, size=size, colour="C0", label=None,
                              annotate=True, **kwargs)
            axis.set_title(str(f), fontsize=9)
        _outer_axis_labels(axes, col_wrap)
    return fig
