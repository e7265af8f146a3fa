"""Like-for-like comparisons: the cells of a corpus where groups can be compared on equal terms.

When a group is almost a genre and a language (in the Afghanistan corpus,
CN is Chinese TV news), a raw comparison of groups mixes the three.
:func:`comparable_subsets` lists the cells of the ``within`` columns (say
genre × language) where two or more groups each have enough documents;
:func:`within_subsets` runs any analysis (keyness, prevalence, ...) inside
each such cell and stacks the results into one tidy table, with the cell's
values as its first columns.

Example (synthetic)::

    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": list("abcdef"), "bloc": ["US", "US", "RU", "RU", "CN", "US"],
    ...                      "genre": ["tweet", "tweet", "tweet", "tweet", "tv_news", "tv_news"]})
    >>> comparable_subsets(docs, by="bloc", within="genre", min_docs=2)
       genre bloc  n_docs  n_rows
    0  tweet   RU       2       2
    1  tweet   US       2       2
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from discourse._errors import ParameterError
from discourse._validation import check_int, require_columns
from discourse.inputs import drop_missing_labels

__all__ = ["comparable_subsets", "within_subsets"]


def _columns(within: str | Sequence[str]) -> list[str]:
    cols = [within] if isinstance(within, str) else list(within)
    if not cols or not all(isinstance(c, str) for c in cols):
        raise ParameterError(f"`within` must be a column name or a non-empty list of them; got {within!r}.")
    return cols


def comparable_subsets(
    data: pd.DataFrame,
    *,
    by: str = "bloc",
    within: str | Sequence[str] = ("genre", "language"),
    min_docs: int = 5,
    doc_column: str = "doc_id",
    missing: str = "raise",
) -> pd.DataFrame:
    """The cells of ``within`` where two or more groups of ``by`` each have ``min_docs`` documents.

    Parameters
    ----------
    data : DataFrame
        Documents or passages (one row each), with ``by``, the ``within``
        columns and ``doc_column``.
    by : str, default "bloc"
        The groups to compare.
    within : str or list of str, default ("genre", "language")
        The columns that define like-for-like cells.
    min_docs : int, default 5
        A group takes part in a cell only with at least this many distinct
        documents there (passages of one document count once).
    doc_column : str, default "doc_id"
        The column that identifies documents.
    missing : {"raise", "drop"}, default "raise"
        A missing value in ``by`` or ``within`` raises an error naming the
        rows, or with ``"drop"`` those rows are left out and reported.

    Returns
    -------
    DataFrame
        One row per (cell, group) taking part: the ``within`` columns,
        ``by``, ``n_docs`` (distinct documents) and ``n_rows`` (rows, e.g.
        passages), sorted by cell and group. Groups below ``min_docs`` in a
        cell and cells with fewer than two groups are left out;
        ``attrs["left_out"]`` lists them with their counts, so nothing
        disappears unexplained.

    Raises
    ------
    ParameterError
        If a column is missing or ``min_docs`` is not a positive integer.
    MissingDataError
        For a missing group or cell value (unless ``missing="drop"``).
    """
    cols = _columns(within)
    min_docs = check_int("min_docs", min_docs, minimum=1)
    require_columns(data, [by], role="by")
    require_columns(data, cols, role="within")
    require_columns(data, [doc_column], role="doc_column")
    if by in cols:
        raise ParameterError(f"`by` ({by!r}) cannot also be one of the `within` columns {cols}.")
    data = drop_missing_labels(data, [by, *cols], missing=missing, argument="by/within")
    counts = (data.groupby([*cols, by], observed=True, sort=True)[doc_column]
              .agg(n_docs="nunique", n_rows="size").reset_index())
    enough = counts["n_docs"] >= min_docs
    n_groups = counts[enough].groupby(cols, observed=True)[by].transform("size")
    keep = pd.Series(False, index=counts.index)
    keep[n_groups.index] = n_groups >= 2
    out = counts[keep].reset_index(drop=True)
    left = counts[~keep].copy()
    left["reason"] = ["fewer than min_docs documents" if not ok else "the only group with enough documents"
                      for ok in enough[~keep]]
    out.attrs = {"by": by, "within": cols, "min_docs": min_docs,
                 "left_out": left.reset_index(drop=True).to_dict("records")}
    return out


def within_subsets(
    data: pd.DataFrame,
    func: Callable[..., pd.DataFrame],
    *,
    by: str = "bloc",
    within: str | Sequence[str] = ("genre", "language"),
    min_docs: int = 5,
    doc_column: str = "doc_id",
    missing: str = "raise",
    **kwargs: Any,
) -> pd.DataFrame:
    """Run ``func(subset, by=by, **kwargs)`` in each comparable cell and stack the results.

    Each subset holds the rows of one cell of :func:`comparable_subsets`
    and only the groups that take part there, so every comparison inside it
    is like for like.

    Parameters
    ----------
    data, by, within, min_docs, doc_column, missing
        As in :func:`comparable_subsets`.
    func : callable
        An analysis that takes a table and ``by=`` and returns a DataFrame,
        e.g. :func:`discourse.keyness.keyness` or
        :func:`discourse.prevalence.frame_prevalence`.
    **kwargs
        Passed on to ``func``.

    Returns
    -------
    DataFrame
        The results of all cells, with the cell's ``within`` values as the
        first columns; ``attrs["cells"]`` holds the rows of the
        :func:`comparable_subsets` table used.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": list("abcd"), "bloc": ["US", "US", "RU", "RU"],
    ...                      "genre": "tweet", "n": [1, 2, 3, 5]})  # synthetic
    >>> within_subsets(docs, lambda d, by: d.groupby(by, as_index=False)["n"].sum(),
    ...                within="genre", min_docs=2)
       genre bloc  n
    0  tweet   RU  8
    1  tweet   US  3
    """
    cols = _columns(within)
    require_columns(data, [by, *cols], role="by/within")
    data = drop_missing_labels(data, [by, *cols], missing=missing, argument="by/within")
    cells = comparable_subsets(data, by=by, within=cols, min_docs=min_docs, doc_column=doc_column)
    frames = []
    for key, groups in cells.groupby(cols, sort=True)[by]:
        key = key if isinstance(key, tuple) else (key,)
        mask = data[by].isin(set(groups))
        for col, value in zip(cols, key):
            mask &= data[col] == value
        result = func(data[mask], by=by, **kwargs)
        result = result.reset_index(drop=True)
        for col, value in reversed(list(zip(cols, key))):
            if col in result.columns:
                result = result.drop(columns=col)
            result.insert(0, col, value)
        frames.append(result)
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=cols)
    # records, not a DataFrame: pandas compares attrs when concatenating
    out.attrs["cells"] = cells.to_dict("records")
    return out
