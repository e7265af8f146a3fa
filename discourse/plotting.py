"""Plots: tidy data in, a matplotlib Axes out (the seaborn convention).

Every function is ``plot_x(data, *, x=..., hue=..., ax=None, **kwargs) -> Axes``
and draws what a :mod:`discourse` statistics function returned; no
statistics are computed here beyond what drawing needs.
"""
from __future__ import annotations

import numbers
import warnings
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib import font_manager
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes

from ._errors import DiscourseError, invalid_value_message

#: One colour per bloc, used by every plot so a reader learns them once.
BLOC_PALETTE = {"US": "#1f77b4", "CN": "#d62728", "RU": "#2ca02c", "other": "#7f7f7f"}


#: Font families that cover Chinese, tried in this order when labels contain Chinese.
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "Source Han Sans SC", "WenQuanYi Zen Hei",
             "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei", "PingFang SC", "Heiti SC", "AR PL UMing CN")


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The first installed font family in :data:`CJK_FONTS`, or None."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def use_cjk_font_for(labels: Sequence[object]) -> None:
    """Make Chinese labels drawable: add an installed CJK font as fallback, or warn once.

    matplotlib's default font has no Chinese glyphs, so Chinese labels would
    render as empty boxes. When a CJK font is installed (e.g. Debian's
    ``fonts-noto-cjk``) it is appended to the sans-serif fallback list;
    otherwise a single warning says what to install. Tables are unaffected.
    """
    if not any(any("\u4e00" <= ch <= "\u9fff" for ch in str(label)) for label in labels):
        return
    font = cjk_font()
    if font is None:
        if not getattr(use_cjk_font_for, "_warned", False):
            warnings.warn("No CJK font is installed, so Chinese labels will show as boxes; install one "
                          "(e.g. `apt install fonts-noto-cjk`) and restart the kernel.", UserWarning, stacklevel=3)
            use_cjk_font_for._warned = True  # type: ignore[attr-defined]
        return
    # matplotlib falls back glyph by glyph across the families in font.family
    # (not within the generic sans-serif list), so the CJK font goes there.
    families = list(plt.rcParams["font.family"])
    if font not in families:
        plt.rcParams["font.family"] = [*families, font]


def _check_columns(data: pd.DataFrame, **arguments: str | None) -> None:
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"`data` must be a pandas DataFrame, got {type(data).__name__}")
    for arg, col in arguments.items():
        if col is not None and col not in data.columns:
            raise DiscourseError(f"Could not interpret value {col!r} for `{arg}`: not a column of `data` "
                                 f"(columns: {list(data.columns)})")


def _palette(data: pd.DataFrame, hue: str | None) -> dict | None:
    if hue is not None and set(data[hue].dropna().unique()) <= set(BLOC_PALETTE):
        return BLOC_PALETTE
    return None


def plot_composition(
    data: pd.DataFrame, *, x: str = "n", y: str = "genre", hue: str = "bloc", ax: Axes | None = None, **kwargs
) -> Axes:
    """Horizontal bars of document counts (from :func:`discourse.describing.composition`)."""
    _check_columns(data, x=x, y=y, hue=hue)
    ax = ax or plt.figure(figsize=(7, 0.35 * data[y].nunique() + 1.5)).gca()
    agg = data.groupby([y, hue], observed=True)[x].sum().reset_index()
    sns.barplot(agg, x=x, y=y, hue=hue, palette=_palette(agg, hue), ax=ax, **kwargs)
    ax.set_xscale("log")
    ax.set_xlabel("documents (log scale)")
    ax.set_ylabel("")
    return ax


def plot_timeline(
    data: pd.DataFrame,
    *,
    x: str = "period",
    y: str = "n_passages",
    hue: str = "bloc",
    events: pd.DataFrame | None = None,
    ax: Axes | None = None,
    **kwargs,
) -> Axes:
    """Lines over time (from :func:`discourse.describing.mention_timeline`), events marked.

    Parameters
    ----------
    events : DataFrame, optional
        ``date`` and ``event`` columns, drawn as labelled vertical lines
        (e.g. :data:`discourse.describing.KEY_EVENTS`).
    """
    _check_columns(data, x=x, y=y, hue=hue)
    ax = ax or plt.figure(figsize=(10, 4)).gca()
    sns.lineplot(data, x=x, y=y, hue=hue, palette=_palette(data, hue), ax=ax, **kwargs)
    if events is not None:
        _draw_events(ax, events)
    ax.set_xlabel("")
    return ax


def _draw_events(ax: Axes, events: pd.DataFrame) -> None:
    """Dashed vertical lines with labels for an events table (``date``, ``event``)."""
    if not isinstance(events, pd.DataFrame):
        raise TypeError(f"`events` must be a pandas DataFrame, got {type(events).__name__}")
    for col in ("date", "event"):
        if col not in events.columns:
            raise DiscourseError(f"Could not interpret value {col!r} for `events`: it needs columns 'date' and "
                                 f"'event' (columns: {list(events.columns)})")
    # Labels are placed in axes coordinates (x in data, y as a fraction of
    # the height), so they stagger evenly on linear and log axes alike.
    for i, row in enumerate(events.itertuples()):
        ax.axvline(row.date, color="black", lw=0.8, ls="--", alpha=0.6)
        ax.text(row.date, 0.98 - 0.07 * i, " " + row.event, fontsize=8, va="top", transform=ax.get_xaxis_transform())


def save_figure(ax: Axes, name: str, *, folder: str | Path | None = None, dpi: int = 150) -> Path:
    """Save the Axes' figure as ``<folder>/<name>.png`` (named by content) and return the path.

    ``folder`` defaults to :func:`discourse.paths.figures_dir`.
    """
    from . import paths

    if not name or "/" in name or name.endswith(".png"):
        raise DiscourseError(f"Invalid value {name!r} for `name`; give a content name without folder or extension, "
                             "e.g. 'afghanistan_mentions_by_bloc'.")
    folder = Path(folder) if folder is not None else paths.figures_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    fig = ax.figure
    fig.tight_layout()
    # Fixed metadata keeps the PNG bytes stable across runs.
    fig.savefig(path, dpi=dpi, metadata={"Software": None})
    return path


def close_all() -> None:
    """Close every open figure (used by tests and long notebook runs)."""
    plt.close("all")



# --------------------------------------------------------------------------
# Keyness, collocations and frames
# --------------------------------------------------------------------------

#: Colour for a reference group that has no bloc colour (e.g. "CN+RU+other").
REFERENCE_GREY = "#9e9e9e"
#: Opacity of bars/points that are not significant.
PALE = 0.35


def _colors(levels: Sequence) -> dict:
    """Bloc colours when every level is a bloc, else seaborn's default cycle."""
    levels = list(levels)
    if set(levels) <= set(BLOC_PALETTE):
        return {level: BLOC_PALETTE[level] for level in levels}
    return dict(zip(levels, sns.color_palette(n_colors=max(len(levels), 1))))


def _check_top(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise DiscourseError(invalid_value_message(name, value, hint="It must be an integer >= 1."))
    return int(value)


def _check_alpha(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 < value < 1:
        raise DiscourseError(invalid_value_message("alpha", value, hint="It must be strictly between 0 and 1."))
    return float(value)


def _check_not_empty(data: pd.DataFrame) -> None:
    if len(data) == 0:
        raise DiscourseError("`data` has no rows; there is nothing to plot.")


def _check_unique(data: pd.DataFrame, columns: list[str], advice: str) -> None:
    duplicated = data.duplicated(subset=columns, keep=False)
    if duplicated.any():
        first = data.loc[duplicated, columns].iloc[0].tolist()
        raise DiscourseError(f"`data` has several rows for {dict(zip(columns, first))}; {advice}")


def _panels(n: int, ax: Axes | None, *, width: float, height: float, ncols: int, what: str,
            sharex: bool = False, sharey: bool = False) -> list[Axes]:
    """The Axes to draw ``n`` panels on: ``[ax]`` if given (then ``n`` must be 1), else a new grid."""
    if ax is not None:
        if n > 1:
            raise DiscourseError(f"`ax` holds one panel but `data` has {n} {what}; pass ax=None for a "
                                 f"multi-panel figure, or filter `data` to one.")
        return [ax]
    ncols = min(ncols, n)
    nrows = -(-n // ncols)
    fig, grid = plt.subplots(nrows, ncols, figsize=(width * ncols, height * nrows), squeeze=False,
                             sharex=sharex, sharey=sharey)
    axes = list(grid.ravel())
    for unused in axes[n:]:
        fig.delaxes(unused)
    return axes[:n]


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
    ax: Axes | None = None,
    **kwargs,
) -> Axes:
    """Horizontal bars of the most key features per comparison (from :func:`discourse.comparing.keyness`).

    One panel per comparison (``hue`` value, and ``reference`` when that
    column exists). In each, the ``top`` features with the largest positive
    ``rank_by`` (key for the target, in the target's colour) and, with
    ``show_reference``, the ``top`` with the most negative (key for the
    reference, in its bloc colour or grey), their length being ``x``.

    Parameters
    ----------
    data : DataFrame
        A keyness table (``feature``, ``target``, ``reference``, ``g2``,
        ``p_adj``, ``log_ratio`` ...).
    feature, x, hue : str
        Columns: feature label, bar length, and the panel (target) column.
    top : int
        Features per side and panel.
    rank_by : str, optional
        Column that chooses the features; default ``g2`` when present (the
        evidence that a feature differs), else ``x``.
    significant : str or None
        p-value column; bars with ``significant >= alpha`` are drawn pale.
        ``None`` draws every bar solid.
    alpha : float
        Significance level for ``significant``.
    show_reference : bool
        Also draw the reference's key features (negative ``rank_by``).
    ax : Axes, optional
        Draw here; only possible when ``data`` holds one comparison.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.barh`.

    Returns
    -------
    Axes
        The first panel. With several comparisons the figure has one panel
        per comparison (all in ``ax.figure.axes``), so
        :func:`save_figure` saves them together.

    Raises
    ------
    DiscourseError
        If a column is missing (``Could not interpret value ... for `x```),
        ``data`` is empty, ``top`` or ``alpha`` is invalid, or ``ax`` is
        given for several comparisons.

    Notes
    -----
    When ``data`` has ``<x>_ci_low`` and ``<x>_ci_high`` (e.g.
    ``log_ratio_ci_low`` from ``keyness(bootstrap=...)``), they are drawn as
    error bars.

    Examples
    --------
    >>> table = pd.DataFrame({"feature": ["chaos", "deal", "peace"], "target": "US",   # synthetic
    ...                       "reference": "CN", "g2": [12.0, 4.0, -9.0], "p_adj": [0.01, 0.2, 0.03],
    ...                       "log_ratio": [1.5, 0.6, -1.2]})
    >>> ax = plot_keyness(table, top=5)
    >>> [t.get_text() for t in ax.get_yticklabels()], ax.get_title()
    (['chaos', 'deal', 'peace'], 'US vs CN')
    """
    rank = rank_by if rank_by is not None else ("g2" if "g2" in getattr(data, "columns", []) else x)
    _check_columns(data, feature=feature, x=x, hue=hue, significant=significant, rank_by=rank)
    use_cjk_font_for(data[feature].astype(str).tolist())
    _check_not_empty(data)
    top = _check_top("top", top)
    alpha = _check_alpha(alpha)
    panel_cols = [hue] + (["reference"] if "reference" in data.columns and hue != "reference" else [])
    groups = list(data.groupby(panel_cols, sort=False, observed=True))
    low_col, high_col = f"{x}_ci_low", f"{x}_ci_high"
    has_ci = low_col in data.columns and high_col in data.columns
    n_rows = max(min((rows[rank] > 0).sum(), top) + (min((rows[rank] < 0).sum(), top) if show_reference else 0)
                 for _, rows in groups)
    axes = _panels(len(groups), ax, width=4.5, height=0.28 * n_rows + 1.6, ncols=3, what="comparisons")
    for axis, (key, rows) in zip(axes, groups):
        key = key if isinstance(key, tuple) else (key,)
        target, reference = key[0], (key[1] if len(key) > 1 else None)
        shown = rows[rows[rank] > 0].nlargest(top, rank)
        sides = [np.full(len(shown), True)]
        if show_reference:
            ref_rows = rows[rows[rank] < 0].nsmallest(top, rank)
            shown = pd.concat([shown, ref_rows])
            sides.append(np.full(len(ref_rows), False))
        is_target = np.concatenate(sides)
        colour_t = BLOC_PALETTE.get(target, "C0")
        colour_r = BLOC_PALETTE.get(reference, REFERENCE_GREY)
        colours = np.where(is_target, colour_t, colour_r)
        solid = shown[significant].lt(alpha).to_numpy() if significant is not None else np.full(len(shown), True)
        ypos = np.arange(len(shown))
        values = shown[x].to_numpy(dtype=float)
        for y_i, v, c, s in zip(ypos, values, colours, solid):
            axis.barh(y_i, v, color=c, alpha=1.0 if s else PALE, **kwargs)
        if has_ci:
            err = np.vstack([values - shown[low_col].to_numpy(float), shown[high_col].to_numpy(float) - values])
            axis.errorbar(values, ypos, xerr=np.abs(err), fmt="none", ecolor="black", elinewidth=0.8, capsize=2)
        axis.axvline(0, color="black", lw=0.8)
        axis.set_yticks(ypos, shown[feature].astype(str).tolist())
        axis.invert_yaxis()
        axis.set_title(f"{target} vs {reference}" if reference is not None else str(target))
        note = f" (pale: {significant} \u2265 {alpha:g})" if significant is not None else ""
        axis.set_xlabel(x + note)
    return axes[0]


def plot_keyness_scatter(
    data: pd.DataFrame,
    *,
    x: str | None = None,
    y: str = "log_odds_z",
    label: str = "feature",
    label_top: int = 10,
    threshold: float = 1.96,
    ax: Axes | None = None,
    **kwargs,
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
    ax : Axes, optional
        Draw here; by default a new figure.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.scatter`.

    Returns
    -------
    Axes

    Raises
    ------
    DiscourseError
        If a column is missing, ``data`` is empty or holds several
        comparisons, or ``label_top`` is negative.

    Examples
    --------
    >>> table = pd.DataFrame({"feature": ["chaos", "deal", "peace"], "target": "RU",   # synthetic
    ...                       "reference": "US", "n_target": [40, 5, 3], "n_reference": [10, 6, 20],
    ...                       "log_odds_z": [3.1, -0.2, -2.5]})
    >>> ax = plot_keyness_scatter(table, label_top=2)
    >>> [t.get_text() for t in ax.texts]
    ['chaos', 'peace']
    """
    counts = {"n_target": "n_target", "n_reference": "n_reference"} if x is None else {}
    _check_columns(data, x=x, y=y, label=label, **counts)
    use_cjk_font_for(data[label].astype(str).tolist())
    _check_not_empty(data)
    if isinstance(label_top, bool) or not isinstance(label_top, numbers.Integral) or label_top < 0:
        raise DiscourseError(invalid_value_message("label_top", label_top, hint="It must be an integer >= 0."))
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
    colours = np.where(ys > threshold, BLOC_PALETTE.get(target, "C0"),
                       np.where(ys < -threshold, BLOC_PALETTE.get(reference, "C3"), "#c8c8c8"))
    ax = ax or plt.figure(figsize=(8, 6)).gca()
    ax.scatter(xs, ys, c=colours, s=kwargs.pop("s", 12), linewidths=0, **kwargs)
    for level in (threshold, -threshold):
        ax.axhline(level, color="black", lw=0.6, ls="--", alpha=0.5)
    order = np.argsort(-np.abs(np.nan_to_num(ys)), kind="stable")[:label_top]
    labels = data[label].astype(str).to_numpy()
    # Features with identical counts sit on the same point; one joined label
    # per point keeps them legible instead of printing them over each other.
    at_point: dict[tuple[float, float], list[str]] = {}
    for i in order:
        at_point.setdefault((float(xs[i]), float(ys[i])), []).append(labels[i])
    for (px, py), names in at_point.items():
        ax.annotate(", ".join(names), (px, py), xytext=(3, 0), textcoords="offset points", fontsize=8, va="center")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(y)
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
    ax: Axes | None = None,
    **kwargs,
) -> Axes:
    """Bars of the strongest collocates per group (from :func:`discourse.concordance.collocations`).

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
    ax : Axes, optional
        Draw here; by default a new figure.
    **kwargs
        Passed to :func:`seaborn.barplot`.

    Returns
    -------
    Axes

    Raises
    ------
    DiscourseError
        If a column is missing, ``data`` is empty or has several rows for one
        collocate and group (filter to one language or node first), or
        ``top`` is invalid.

    Examples
    --------
    >>> table = pd.DataFrame({"group": ["US", "US", "CN"], "node": "taliban",   # synthetic
    ...                       "collocate": ["kabul", "deal", "kabul"], "log_dice": [12.0, 9.5, 11.0]})
    >>> ax = plot_collocates(table, top=1)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['kabul']
    """
    if hue == "group" and isinstance(data, pd.DataFrame) and "group" not in data.columns:
        hue = None
    _check_columns(data, x=x, y=y, hue=hue)
    use_cjk_font_for(data[y].astype(str).tolist())
    _check_not_empty(data)
    top = _check_top("top", top)
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
    ax = ax or plt.figure(figsize=(7, 0.3 * len(order) * (1 + 0.3 * (hue is not None)) + 1.5)).gca()
    palette = _colors(pd.unique(rows[hue])) if hue is not None else None
    sns.barplot(rows, x=x, y="_label", hue=hue, order=order, palette=palette, errorbar=None, ax=ax, **kwargs)
    ax.set_ylabel("")
    ax.set_xlabel(x)
    return ax


def plot_frame_heatmap(
    data: pd.DataFrame,
    *,
    x: str = "frame",
    y: str = "bloc",
    value: str = "share",
    annotate_ci: bool = True,
    ci_low: str = "ci_low",
    ci_high: str = "ci_high",
    fmt: str = ".2f",
    ax: Axes | None = None,
    **kwargs,
) -> Axes:
    """Heatmap of frame shares per group, cells read "0.23 [0.18, 0.29]" (from ``frame_prevalence``).

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
    ax : Axes, optional
        Draw here; by default a new figure.
    **kwargs
        Passed to :func:`seaborn.heatmap` (e.g. ``cmap``, ``vmax``).

    Returns
    -------
    Axes

    Raises
    ------
    DiscourseError
        If a column is missing, ``data`` is empty, or a cell has several
        rows (e.g. a per-week table: filter one week, or use
        :func:`plot_frame_timeline`).

    Examples
    --------
    >>> table = pd.DataFrame({"bloc": ["CN", "US"], "frame": "chaos", "share": [0.23, 0.31],   # synthetic
    ...                       "ci_low": [0.18, 0.25], "ci_high": [0.29, 0.37]})
    >>> ax = plot_frame_heatmap(table)
    >>> [t.get_text() for t in ax.texts]
    ['0.23 [0.18, 0.29]', '0.31 [0.25, 0.37]']
    """
    _check_columns(data, x=x, y=y, value=value,
                   ci_low=ci_low if annotate_ci else None, ci_high=ci_high if annotate_ci else None)
    _check_not_empty(data)
    _check_unique(data, [y, x], "a heatmap cell takes one value. Filter `data` (e.g. to one week) first.")
    rows_order, cols_order = list(pd.unique(data[y])), list(pd.unique(data[x]))
    grid = data.pivot(index=y, columns=x, values=value).reindex(index=rows_order, columns=cols_order)
    text = data.assign(_text=[
        (f"{v:{fmt}}" + (f" [{lo:{fmt}}, {hi:{fmt}}]" if annotate_ci else "")) if pd.notna(v) else ""
        for v, lo, hi in zip(data[value],
                             data[ci_low] if annotate_ci else data[value],
                             data[ci_high] if annotate_ci else data[value])])
    annot = text.pivot(index=y, columns=x, values="_text").reindex(index=rows_order, columns=cols_order)
    ax = ax or plt.figure(figsize=(1.25 * len(cols_order) + 2, 0.7 * len(rows_order) + 1.8)).gca()
    options = {"cmap": "Blues", "vmin": 0, "cbar_kws": {"label": value}, "annot_kws": {"fontsize": 7}}
    options.update(kwargs)
    sns.heatmap(grid.astype(float), annot=annot.fillna("").to_numpy(), fmt="", ax=ax, **options)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.tick_params(axis="x", labelrotation=45)
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
    ax: Axes | None = None,
    **kwargs,
) -> Axes:
    """Dot-and-whisker plot of differences in frame share (from ``prevalence_differences``).

    One row per frame; one dot per comparison, whiskers from ``ci_low`` to
    ``ci_high``; filled dots are significant (``significant < alpha``),
    hollow ones not.

    Parameters
    ----------
    data : DataFrame
        One row per frame x comparison.
    x, y : str
        Difference and frame columns.
    hue : str, optional
        Column distinguishing comparisons. Default: built from ``group_a``
        and ``group_b`` ("CN − US") when those columns exist.
    ci_low, ci_high : str or None
        Interval columns (``None``: no whiskers).
    significant : str or None
        Adjusted p-value column (``None``: every dot filled).
    alpha : float
        Significance level.
    ax : Axes, optional
        Draw here; by default a new figure.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.scatter`.

    Returns
    -------
    Axes

    Raises
    ------
    DiscourseError
        If a column is missing, ``data`` is empty, a frame has several rows
        for one comparison (e.g. a per-week table: filter one week first), or
        ``alpha`` is invalid.

    Examples
    --------
    >>> table = pd.DataFrame({"group_a": "CN", "group_b": "US", "frame": ["chaos", "security"],  # synthetic
    ...                       "diff": [-0.08, 0.02], "ci_low": [-0.15, -0.05], "ci_high": [-0.01, 0.09],
    ...                       "p_adj": [0.03, 0.6]})
    >>> ax = plot_frame_differences(table)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['chaos', 'security']
    """
    _check_columns(data, x=x, y=y, hue=hue, ci_low=ci_low, ci_high=ci_high, significant=significant)
    _check_not_empty(data)
    alpha = _check_alpha(alpha)
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
    colours = _colors(levels) if hue_col else {None: "C0"}
    offsets = np.linspace(-0.25, 0.25, len(levels)) if len(levels) > 1 else [0.0]
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
    note = f" (filled: {significant} < {alpha:g})" if significant is not None else ""
    ax.set_xlabel(x + note)
    if hue_col:
        ax.legend(title=hue or "comparison", fontsize=8)
    return ax


def plot_frame_timeline(
    data: pd.DataFrame,
    *,
    x: str = "week",
    y: str = "share",
    hue: str | None = "bloc",
    frame: str = "frame",
    frames: Sequence[str] | None = None,
    ci_low: str | None = "ci_low",
    ci_high: str | None = "ci_high",
    events: pd.DataFrame | None = None,
    col_wrap: int = 3,
    ax: Axes | None = None,
    **kwargs,
) -> Axes:
    """Frame shares over time with bootstrap bands, one panel per frame.

    Draws the table from ``frame_prevalence(data, by=["bloc", "week"])``
    (:func:`discourse.prevalence.frame_prevalence`, :func:`~discourse.prevalence.add_period`).

    Parameters
    ----------
    data : DataFrame
        One row per ``hue`` x ``x`` x frame (see
        :func:`discourse.prevalence.add_period`).
    x, y, hue : str
        Period, share and group columns (``hue=None``: one line per panel).
    frame : str
        Column naming the frame.
    frames : list of str, optional
        Frames to draw, in panel order; default all, in table order.
    ci_low, ci_high : str or None
        Band columns (``None``: no bands).
    events : DataFrame, optional
        ``date`` and ``event`` columns, drawn as in :func:`plot_timeline`
        (e.g. :data:`discourse.describing.KEY_EVENTS`).
    col_wrap : int
        Panels per row.
    ax : Axes, optional
        Draw here; only possible for a single frame.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    Axes
        The first panel; the others are in ``ax.figure.axes``. Panels share
        both axes so shares are comparable across frames.

    Raises
    ------
    DiscourseError
        If a column or a requested frame is missing, ``data`` is empty, ``ax``
        is given for several frames, or a cell has several rows.

    Examples
    --------
    >>> table = pd.DataFrame({"bloc": ["US", "US"], "frame": "chaos", "share": [0.2, 0.3],  # synthetic
    ...                       "week": pd.to_datetime(["2021-08-15", "2021-08-22"]),
    ...                       "ci_low": [0.1, 0.2], "ci_high": [0.3, 0.4]})
    >>> ax = plot_frame_timeline(table)
    >>> ax.get_title(), len(ax.lines)
    ('chaos', 1)
    """
    _check_columns(data, x=x, y=y, hue=hue, frame=frame, ci_low=ci_low, ci_high=ci_high)
    _check_not_empty(data)
    col_wrap = _check_top("col_wrap", col_wrap)
    available = list(pd.unique(data[frame]))
    chosen = available if frames is None else list(frames)
    for f in chosen:
        if f not in available:
            raise DiscourseError(f"Could not interpret value {f!r} for `frames`: not a value of column "
                                 f"{frame!r} (values: {available})")
    if not chosen:
        raise DiscourseError(invalid_value_message("frames", frames, hint="Give at least one frame."))
    _check_unique(data, [frame, x] + ([hue] if hue else []), "give one row per frame, period and group.")
    axes = _panels(len(chosen), ax, width=4.8, height=3.2, ncols=col_wrap, what="frames",
                   sharex=True, sharey=True)
    levels = list(pd.unique(data[hue])) if hue else [None]
    colours = _colors(levels) if hue else {None: "C0"}
    for axis, f in zip(axes, chosen):
        part = data[data[frame] == f]
        for level in levels:
            line = (part if level is None else part[part[hue] == level]).sort_values(x)
            if line.empty:
                continue
            axis.plot(line[x], line[y], color=colours[level], marker="o", ms=3,
                      label=None if level is None else str(level), **kwargs)
            if ci_low is not None and ci_high is not None:
                axis.fill_between(line[x], line[ci_low].astype(float), line[ci_high].astype(float),
                                  color=colours[level], alpha=0.2, linewidth=0)
        axis.set_title(str(f))
        axis.set_ylabel(y)
        axis.set_xlabel("")
        if pd.api.types.is_datetime64_any_dtype(data[x]):
            locator = mdates.AutoDateLocator(maxticks=6)
            axis.xaxis.set_major_locator(locator)
            axis.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        if events is not None:
            _draw_events(axis, events)
    if hue:
        axes[0].legend(title=hue, fontsize=8)
    return axes[0]


__all__: Sequence[str] = [
    "BLOC_PALETTE",
    "close_all",
    "plot_collocates",
    "plot_composition",
    "plot_frame_differences",
    "plot_frame_heatmap",
    "plot_frame_timeline",
    "plot_keyness",
    "plot_keyness_scatter",
    "plot_timeline",
    "save_figure",
]


def plot_classifier_scores(
    data: pd.DataFrame, *, x: str = "f1", y: str = "frame", hue: str = "classifier", ax: Axes | None = None, **kwargs
) -> Axes:
    """Grouped horizontal bars of a per-frame score (from :func:`discourse.framing.compare_classifiers`).

    The ``micro`` and ``macro`` summary rows, when present, are drawn last.
    """
    _check_columns(data, x=x, y=y, hue=hue)
    _check_not_empty(data)
    order = [f for f in pd.unique(data[y]) if f not in ("micro", "macro")]
    order += [f for f in ("micro", "macro") if f in set(data[y])]
    ax = ax or plt.figure(figsize=(7, 0.35 * len(order) + 1.5)).gca()
    sns.barplot(data, x=x, y=y, hue=hue, order=order, errorbar=None, ax=ax, **kwargs)
    ax.set_xlim(0, 1)
    ax.set_ylabel("")
    return ax


def plot_reliability_diagram(
    data: pd.DataFrame,
    *,
    x: str = "mean_predicted",
    y: str = "observed",
    size: str = "count",
    hue: str | None = None,
    ax: Axes | None = None,
    **kwargs,
) -> Axes:
    """Calibration curve: mean predicted probability vs observed frequency per bin.

    Draws what :meth:`discourse.framing.FrameCVResult.reliability_curve`
    returns, with the diagonal of perfect calibration; point size shows the
    number of cases per bin.
    """
    _check_columns(data, x=x, y=y, hue=hue)
    _check_not_empty(data)
    ax = ax or plt.figure(figsize=(5, 5)).gca()
    ax.plot([0, 1], [0, 1], color="black", lw=0.8, ls="--", label="perfect calibration")
    sns.lineplot(data, x=x, y=y, hue=hue, ax=ax, sort=True, **kwargs)
    sns.scatterplot(data, x=x, y=y, hue=hue, size=size if size in data.columns else None, ax=ax, legend=False)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("mean predicted probability")
    ax.set_ylabel("observed frequency")
    return ax
