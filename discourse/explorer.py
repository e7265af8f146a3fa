"""An interactive term explorer: a keyness table as a self-contained HTML page (Bokeh), in the spirit of scattertext.

:func:`term_explorer` draws each term of each comparison of a
:func:`discourse.keyness.keyness` table as a point: its frequency in both
groups (log scale) across, its log ratio up; coloured by side when
significant, grey when not. Hovering shows the counts and measures; a search
box keeps only the terms that contain the text typed; clicking a term lists
its concordance lines (KWIC) from the documents, group by group. Two or
three groups: one tab per comparison. The page embeds BokehJS (no network),
so it opens from a ``file://`` path; text is HTML-escaped.

Bokeh draws and handles the interaction; the search and the KWIC panel are
two short callbacks, written here because they are specific to this page.
"""
from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ._errors import DiscourseError, ParameterError, invalid_value_message
from ._validation import check_dataframe, check_int, check_palette, check_probability, require_columns

__all__ = ["term_explorer"]

#: Colours when no palette names a group: target up, reference down (a pooled "B+C" is rarely in a
#: palette; dark purple is in no default cycle), not significant.
_DEFAULT_UP, _DEFAULT_DOWN, _GREY = "#1f77b4", "#5e3c99", "#bdbdbd"

# Keeps the points whose term contains the search text (case-insensitive).
_SEARCH_JS = """
const q = (search.value_input || "").trim().toLowerCase();
for (const [source, filter] of pairs) {
    const terms = source.data.feature;
    const keep = [];
    for (let i = 0; i < terms.length; i++) {
        if (!q || String(terms[i]).toLowerCase().includes(q)) { keep.push(i); }
    }
    filter.indices = keep;
    source.change.emit();
}
"""
# Shows the KWIC lines (prepared, escaped HTML, one table for every tab) of the clicked term.
_KWIC_JS = """
const i = source.selected.indices;
const j = i.length ? kwic.data.feature.indexOf(source.data.feature[i[0]]) : -1;
panel.text = j >= 0 ? kwic.data.html[j] : hint;
"""


def _kwic_lines(documents: pd.DataFrame, terms: list[str], by: str, order: list[str], per_term: int,
                window: int) -> dict[str, str]:
    """Escaped HTML of up to ``per_term`` concordance lines per term and group, groups in ``order``."""
    from .concordance import kwic

    hits = kwic(documents, terms, window=window)
    out: dict[str, str] = {}
    for term, rows in hits.groupby("pattern", sort=False):
        parts = []
        for group in order:
            lines = rows[rows[by].astype(str) == group].head(per_term)
            if lines.empty:
                continue
            items = "".join(f"<li>{html.escape(r.left)} <b>{html.escape(r.match)}</b> {html.escape(r.right)}</li>"
                            for r in lines.itertuples())
            parts.append(f"<p><b>{html.escape(group)}</b> ({int((rows[by].astype(str) == group).sum()):,} "
                         f"hits)</p><ul>{items}</ul>")
        out[str(term)] = "".join(parts)
    return out


def term_explorer(
    table: pd.DataFrame,
    path: str | Path,
    *,
    documents: pd.DataFrame | None = None,
    by: str | None = None,
    significant: str = "p_adj",
    alpha: float = 0.05,
    max_terms: int = 1500,
    kwic_lines: int = 3,
    window: int = 6,
    palette: Mapping[str, Any] | None = None,
    title: str = "Term explorer",
) -> Path:
    """Write an interactive page of a keyness table's terms; return its path.

    Parameters
    ----------
    table : DataFrame
        From :func:`discourse.keyness.keyness`: ``feature``, ``target``,
        ``reference``, ``n_target``, ``n_reference``, ``log_ratio``, ``g2``
        and the ``significant`` column. One or several comparisons (one tab
        each).
    path : str or Path
        The HTML file to write (its folder is created).
    documents : DataFrame, optional
        The documents the table was computed from, with the ``by`` column:
        clicking a term lists its concordance lines. Without it the page has
        no KWIC panel.
    by : str, optional
        The grouping column of ``documents``; default the ``by`` recorded in
        ``table.attrs``.
    significant : str
        p-value column that colours a term (e.g. ``"p_perm"`` when a group
        has few documents).
    alpha : float
        Level below which a term is coloured.
    max_terms : int
        Terms kept per comparison, by the largest ``|g2|`` (the page stays
        small: a few MB at the default).
    kwic_lines : int
        Concordance lines shown per term and group.
    window : int
        Words of context on each side of a KWIC line.
    palette : mapping, optional
        Colour per group label (target and reference).
    title : str
        Page title.

    Returns
    -------
    Path

    Raises
    ------
    ParameterError, DiscourseError
        For a missing column, an empty table, an invalid number, or
        ``documents`` without the grouping column.

    Examples
    --------
    >>> import tempfile
    >>> table = pd.DataFrame({"feature": ["taliban", "aid", "peace"], "target": "A", "reference": "B",  # synthetic
    ...                       "n_target": [30, 4, 9], "n_reference": [5, 20, 8], "g2": [18.0, -9.5, 0.1],
    ...                       "p_adj": [0.001, 0.01, 0.9], "log_ratio": [2.4, -2.4, 0.1]})
    >>> page = term_explorer(table, Path(tempfile.mkdtemp()) / "terms.html")
    >>> "taliban" in page.read_text(encoding="utf-8")
    True
    """
    from bokeh.embed import file_html
    from bokeh.layouts import column, row
    from bokeh.models import (CDSView, ColumnDataSource, CustomJS, Div, HoverTool, IndexFilter, TabPanel, Tabs,
                              TapTool, TextInput)
    from bokeh.plotting import figure
    from bokeh.resources import INLINE

    check_dataframe("table", table)
    require_columns(table, ["feature", "target", "reference", "n_target", "n_reference", "log_ratio", "g2",
                            significant], argument="table")
    if table.empty:
        raise DiscourseError("`table` has no rows; nothing to explore.")
    alpha = check_probability("alpha", alpha)
    max_terms = check_int("max_terms", max_terms, minimum=1)
    kwic_lines = check_int("kwic_lines", kwic_lines, minimum=1)
    window = check_int("window", window, minimum=1)
    palette = dict(check_palette(palette) or {})
    if documents is not None:
        check_dataframe("documents", documents)
        by = by if by is not None else (table.attrs.get("by") if isinstance(table.attrs.get("by"), str) else None)
        if by is None or by not in documents.columns:
            raise ParameterError(invalid_value_message(
                "by", by, must="the grouping column of `documents` (the keyness table's `by`)"))

    search = TextInput(title="Search terms", placeholder="type part of a term", width=320)
    hint = "<i>Click a term to see its concordance lines.</i>" if documents is not None else ""
    chosen = table.loc[table.groupby(["target", "reference"], sort=False)["g2"].transform(
        lambda g: g.abs().rank(method="first", ascending=False)) <= max_terms]
    kwic_source = None
    if documents is not None:
        terms = [str(t) for t in pd.unique(chosen["feature"])]
        groups = [str(g) for g in pd.unique(documents[by])]
        lines = _kwic_lines(documents, terms, by, groups, kwic_lines, window)
        kwic_source = ColumnDataSource({"feature": terms, "html": [
            f"<h4>{html.escape(t)}</h4>" + (lines.get(t) or "<p>no concordance lines</p>") for t in terms]})
    tabs, pairs = [], []
    for (target, reference), rows in chosen.groupby(["target", "reference"], sort=False):
        rows = rows.copy()
        up, down = palette.get(target, _DEFAULT_UP), palette.get(reference, _DEFAULT_DOWN)
        key = rows[significant].lt(alpha).to_numpy()
        more, less = key & (rows["log_ratio"] > 0).to_numpy(), key & (rows["log_ratio"] < 0).to_numpy()
        rows["colour"] = np.where(more, up, np.where(less, down, _GREY))
        rows["side"] = np.where(more, f"more in {target}", np.where(less, f"more in {reference}",
                                                                    f"not significant ({significant} \u2265 {alpha:g})"))
        rows["frequency"] = rows["n_target"] + rows["n_reference"]
        data = {c: rows[c].tolist() for c in ["feature", "n_target", "n_reference", "frequency", "log_ratio", "g2",
                                               significant, "colour", "side"]}
        data["feature"] = [str(f) for f in data["feature"]]
        source = ColumnDataSource(data)
        view_filter = IndexFilter(list(range(len(rows))))
        pairs.append((source, view_filter))
        plot = figure(width=760, height=520, x_axis_type="log", tools="pan,wheel_zoom,box_zoom,reset,tap",
                      title=f"{target} vs {reference}: {len(rows):,} terms (largest |G\u00b2|)",
                      x_axis_label="frequency in both groups (log scale)",
                      y_axis_label=f"log\u2082 ratio (up: more in {target}; down: more in {reference})")
        plot.scatter("frequency", "log_ratio", source=source, view=CDSView(filter=view_filter), color="colour",
                     legend_field="side", size=7, alpha=0.8)
        plot.legend.location = "top_left"
        plot.add_tools(HoverTool(tooltips=[("term", "@feature"), (f"n {target}", "@n_target"),
                                           (f"n {reference}", "@n_reference"), ("log\u2082 ratio", "@log_ratio{0.00}"),
                                           ("G\u00b2", "@g2{0.0}"), (significant, f"@{{{significant}}}{{0.0000}}")]))
        children = [plot]
        if documents is not None:
            panel = Div(text=hint, width=420, height=520, styles={"overflow-y": "auto", "font-size": "12px"})
            source.selected.js_on_change("indices", CustomJS(
                args={"source": source, "kwic": kwic_source, "panel": panel, "hint": hint}, code=_KWIC_JS))
            plot.select_one(TapTool).mode = "replace"
            children.append(panel)
        tabs.append(TabPanel(child=row(*children), title=f"{target} vs {reference}"))
    search.js_on_change("value_input", CustomJS(args={"search": search, "pairs": pairs}, code=_SEARCH_JS))
    layout = column(Div(text=f"<h2>{html.escape(title)}</h2>"), search, Tabs(tabs=tabs))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(file_html(layout, INLINE, title), encoding="utf-8")
    return path
