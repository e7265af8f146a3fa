"""Plots: tidy data in, a matplotlib Axes out (the seaborn convention).

Every function is ``plot_x(data, *, x=..., hue=..., ax=None, **kwargs) -> Axes``
and draws what a :mod:`discourse` statistics function returned; no
statistics are computed here beyond what drawing needs.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes

from ._errors import DiscourseError

#: One colour per bloc, used by every plot so a reader learns them once.
BLOC_PALETTE = {"US": "#1f77b4", "CN": "#d62728", "RU": "#2ca02c", "other": "#7f7f7f"}


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
        _check_columns(events, x="date", hue="event")
        top = ax.get_ylim()[1]
        for i, row in enumerate(events.itertuples()):
            ax.axvline(row.date, color="black", lw=0.8, ls="--", alpha=0.6)
            ax.text(row.date, top * (0.97 - 0.09 * i), " " + row.event, fontsize=8, va="top")
    ax.set_xlabel("")
    return ax


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


__all__: Sequence[str] = ["BLOC_PALETTE", "plot_composition", "plot_timeline", "save_figure", "close_all"]
