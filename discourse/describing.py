"""Describing a corpus: composition tables and topic timelines.

Statistics only (no matplotlib here); :mod:`discourse.plotting` draws what
these functions return.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ._validation import check_option, require_columns
from .passages import passages
from .periods import period_of, period_range
from .terms import TermFilter

__all__ = ["composition", "mention_timeline", "monthly_counts", "passage_counts"]


def composition(data: pd.DataFrame, *, by: Sequence[str]) -> pd.DataFrame:
    """Count documents (or passages) per combination of ``by`` columns.

    Returns
    -------
    DataFrame
        ``by`` columns plus ``n`` (rows) and ``share`` (of all rows), sorted
        by ``by``; combinations that do not occur are absent.

    Raises
    ------
    ParameterError
        If a ``by`` column is missing.

    Examples
    --------
    >>> df = pd.DataFrame({"source": ["A", "A", "B"], "genre": ["tweet", "tweet", "tv_news"]})  # synthetic
    >>> composition(df, by=["source", "genre"]).values.tolist()
    [['A', 'tweet', 2, 0.6666666666666666], ['B', 'tv_news', 1, 0.3333333333333333]]
    """
    by = list(by)
    require_columns(data, by, role="by")
    out = data.groupby(by, observed=True).size().rename("n").reset_index()
    out["share"] = out["n"] / out["n"].sum() if len(out) else 0.0
    return out.sort_values(by, kind="stable").reset_index(drop=True)


def monthly_counts(data: pd.DataFrame, *, by: Sequence[str]) -> pd.DataFrame:
    """Documents per ``by`` × calendar month.

    Year-only documents have no month; they are counted with ``month`` =
    "YYYY (year only)" so the table still adds up to the number of documents.

    Raises
    ------
    ParameterError
        If a ``by`` column, ``date`` or ``date_precision`` is missing.
    """
    by = list(by)
    require_columns(data, [*by, "date", "date_precision"], role="by")
    month = data["date"].dt.strftime("%Y-%m")
    year_only = data["date_precision"] == "year"
    month = month.where(~year_only, data["date"].dt.strftime("%Y") + " (year only)")
    out = data.assign(month=month).groupby([*by, "month"], observed=True).size().rename("n").reset_index()
    return out.sort_values([*by, "month"], kind="stable").reset_index(drop=True)


def mention_timeline(
    documents: pd.DataFrame,
    *,
    terms: TermFilter,
    by: str,
    freq: str = "D",
    start: str | None = None,
    end: str | None = None,
) -> pd.DataFrame:
    """Passages on a topic per group and period, and the share of documents mentioning it.

    Parameters
    ----------
    documents : DataFrame
        Corpus documents (day-precision dates are used; others are ignored).
    terms : TermFilter
        The topic (see :class:`discourse.terms.TermFilter`).
    by : str
        Grouping column, e.g. ``"source"``.
    freq : {"D", "W"}
        Daily, or weekly (weeks ending Sunday).
    start, end : date-like, optional
        Range of the returned periods (inclusive); every period in it appears
        for every group, with zeros where nothing was published.

    Returns
    -------
    DataFrame
        ``period``, ``by``, ``n_documents``, ``n_documents_mentioning``,
        ``share_mentioning``, ``n_passages`` (number of passages on the
        topic, paragraph unit). When ``documents`` has a ``sample``
        column, ``share_mentioning`` is computed over the days on which the
        group has ``background`` (unfiltered) documents only, and is NaN for
        a period without such days.

    Notes
    -----
    ``share_mentioning`` is only meaningful for sources that carry an
    unfiltered background sample, and only in the periods the background
    covers, hence the rule above. Restrict ``documents`` with
    ``load_corpus(source=...)`` when reading shares: a group that mixes a
    background source with keyword-filtered ones has a meaningless share.
    """
    check_option("freq", freq, ["D", "W"])
    require_columns(documents, [by, "date", "date_precision", "text", "language", "doc_id"], argument="documents")
    docs = documents[documents["date_precision"] == "day"].copy()
    docs["mentions"] = terms.mask(docs)
    psg = passages(docs[docs["mentions"]], terms=terms)
    docs["period"] = period_of(docs["date"], freq)
    psg["period"] = period_of(psg["date"], freq)
    # A share needs an unfiltered denominator. A day counts as covered for a
    # group when the group has background (unfiltered) documents that day;
    # on other days only keyword-selected documents exist and the share would
    # be 1 by construction, so those days enter neither side of the share.
    if "sample" in docs.columns:
        background_days = docs.loc[docs["sample"].eq("background"), [by, "date"]].drop_duplicates()
        key = pd.MultiIndex.from_frame(docs[[by, "date"]])
        docs["covered"] = key.isin(pd.MultiIndex.from_frame(background_days))
    else:
        docs["covered"] = True
    docs["covered_mentions"] = docs["covered"] & docs["mentions"]
    g = docs.groupby(["period", by], observed=True)
    out = pd.DataFrame({"n_documents": g.size(), "n_documents_mentioning": g["mentions"].sum(),
                        "n_covered": g["covered"].sum(), "n_covered_mentioning": g["covered_mentions"].sum()})
    out["n_passages"] = psg.groupby(["period", by], observed=True).size()
    lo = pd.Timestamp(start) if start is not None else docs["date"].min()
    hi = pd.Timestamp(end) if end is not None else docs["date"].max()
    groups = sorted(documents[by].dropna().unique())
    full = pd.MultiIndex.from_product([period_range(lo, hi, freq), groups], names=["period", by])
    counts = ["n_documents", "n_documents_mentioning", "n_covered", "n_covered_mentioning", "n_passages"]
    out = out.reindex(full).fillna(dict.fromkeys(counts, 0)).astype(dict.fromkeys(counts, int))
    out["share_mentioning"] = out["n_covered_mentioning"] / out["n_covered"].where(out["n_covered"] > 0)
    return out.reset_index()[["period", by, "n_documents", "n_documents_mentioning", "share_mentioning", "n_passages"]]


def passage_counts(documents: pd.DataFrame, *, terms: TermFilter, by: Sequence[str]) -> pd.DataFrame:
    """Number of passages on a topic (paragraph unit) and of documents they come from, per group.

    Raises
    ------
    ParameterError
        If a ``by`` column is missing.
    """
    by = list(by)
    require_columns(documents, by, argument="documents", role="by")
    psg = passages(documents, terms=terms)
    out = psg.groupby(by, observed=True).agg(n_passages=("passage_id", "size"), n_documents=("doc_id", "nunique"))
    return out.reset_index()
