"""Describing a corpus: composition tables and the Afghanistan-mention timeline.

Statistics only (no matplotlib here); :mod:`discourse.plotting` draws what
these functions return.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ._errors import DiscourseError, check_option
from .passages import mentions_afghanistan, passages

#: Reference dates for the withdrawal (UTC calendar days as reported by the
#: US Department of Defense and the White House), used to annotate timelines.
KEY_EVENTS = pd.DataFrame(
    {
        "date": pd.to_datetime(["2021-08-15", "2021-08-26", "2021-08-30"]),
        "event": ["Kabul falls to the Taliban", "Kabul airport bombing", "Last US flight leaves Kabul"],
    }
)


def _require(data: pd.DataFrame, columns: Sequence[str], argument: str = "data") -> None:
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"`{argument}` must be a pandas DataFrame, got {type(data).__name__}")
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise DiscourseError(f"Could not interpret value {missing[0]!r} for `by`: not a column of `{argument}`; "
                             f"columns present: {list(data.columns)}")


def composition(data: pd.DataFrame, *, by: Sequence[str] = ("bloc", "genre", "language")) -> pd.DataFrame:
    """Count documents (or passages) per combination of ``by`` columns.

    Returns
    -------
    DataFrame
        ``by`` columns plus ``n`` (rows) and ``share`` (of all rows), sorted
        by ``by``; combinations that do not occur are absent.

    Examples
    --------
    >>> df = pd.DataFrame({"bloc": ["US", "US", "CN"], "genre": ["tweet", "tweet", "tv_news"], "language": ["en", "en", "zh"]})
    >>> composition(df).values.tolist()
    [['CN', 'tv_news', 'zh', 1, 0.3333333333333333], ['US', 'tweet', 'en', 2, 0.6666666666666666]]
    """
    by = list(by)
    _require(data, by)
    out = data.groupby(by, observed=True).size().rename("n").reset_index()
    out["share"] = out["n"] / out["n"].sum() if len(out) else 0.0
    return out.sort_values(by, kind="stable").reset_index(drop=True)


def monthly_counts(
    data: pd.DataFrame, *, by: Sequence[str] = ("country", "genre", "language"), precision: str = "day"
) -> pd.DataFrame:
    """Documents per ``by`` × calendar month (documents dated to the day or month only).

    Year-only documents (UN General Debate speeches, the seed article) have
    no month; they are counted with ``month`` = "YYYY (year only)" so the
    table still adds up to the corpus size.
    """
    by = list(by)
    _require(data, [*by, "date", "date_precision"])
    month = data["date"].dt.strftime("%Y-%m")
    year_only = data["date_precision"] == "year"
    month = month.where(~year_only, data["date"].dt.strftime("%Y") + " (year only)")
    out = data.assign(month=month).groupby([*by, "month"], observed=True).size().rename("n").reset_index()
    return out.sort_values([*by, "month"], kind="stable").reset_index(drop=True)


def mention_timeline(
    documents: pd.DataFrame,
    *,
    by: str = "bloc",
    freq: str = "D",
    start: str | None = None,
    end: str | None = None,
) -> pd.DataFrame:
    """Afghanistan passages per group and period, and the share of documents mentioning it.

    Parameters
    ----------
    documents : DataFrame
        Corpus documents (day-precision dates are used; others are ignored).
    by : str
        Grouping column, e.g. ``"bloc"`` or ``"source"``.
    freq : {"D", "W"}
        Daily, or weekly (weeks ending Sunday).
    start, end : date-like, optional
        Range of the returned periods (inclusive); every period in it appears
        for every group, with zeros where nothing was published.

    Returns
    -------
    DataFrame
        ``period``, ``by``, ``n_documents``, ``n_documents_mentioning``,
        ``share_mentioning``, ``n_passages`` (number of Afghanistan
        passages, paragraph unit). ``share_mentioning`` is NaN where the
        group has no documents in the period or, when ``documents`` has a
        ``sample`` column, no ``background`` (unfiltered) documents.

    Notes
    -----
    ``share_mentioning`` is only meaningful for sources that carry an
    unfiltered background sample (CCTV Xinwen Lianbo Jul–Oct 2021, Channel
    One Aug–Sep 2021, @StateDept Jul–Oct 2021), and only in the periods the
    background covers, hence the rule above. Restrict ``documents`` with
    ``load_corpus(source=...)`` when reading shares: a group that mixes a
    background source with keyword-filtered ones has a meaningless share.
    """
    check_option("freq", freq, ["D", "W"])
    _require(documents, [by, "date", "date_precision", "text", "language", "doc_id"], "documents")
    docs = documents[documents["date_precision"] == "day"].copy()
    docs["mentions"] = mentions_afghanistan(docs)
    psg = passages(docs[docs["mentions"]], afghanistan=True)
    period = _periods(docs["date"], freq)
    docs["period"] = period
    psg["period"] = _periods(psg["date"], freq)
    has_sample = "sample" in docs.columns
    docs["background"] = docs["sample"].eq("background") if has_sample else True
    g = docs.groupby(["period", by], observed=True)
    out = pd.DataFrame({"n_documents": g.size(), "n_documents_mentioning": g["mentions"].sum(),
                        "n_background": g["background"].sum()})
    out["n_passages"] = psg.groupby(["period", by], observed=True).size()
    lo = pd.Timestamp(start) if start is not None else docs["date"].min()
    hi = pd.Timestamp(end) if end is not None else docs["date"].max()
    all_periods = pd.date_range(_periods(pd.Series([lo]), freq).iloc[0], _periods(pd.Series([hi]), freq).iloc[0],
                                freq="D" if freq == "D" else "W-SUN")
    groups = sorted(documents[by].dropna().unique())
    full = pd.MultiIndex.from_product([all_periods, groups], names=["period", by])
    out = out.reindex(full).fillna({"n_documents": 0, "n_documents_mentioning": 0, "n_passages": 0, "n_background": 0})
    out = out.astype({"n_documents": int, "n_documents_mentioning": int, "n_passages": int, "n_background": int})
    # A share needs an unfiltered denominator: where a group has only
    # keyword-selected documents in a period, the share would be 1 by
    # construction, so it is left undefined.
    covered = (out["n_documents"] > 0) & (out["n_background"] > 0)
    out["share_mentioning"] = out["n_documents_mentioning"] / out["n_documents"].where(covered)
    return out.reset_index()[["period", by, "n_documents", "n_documents_mentioning", "share_mentioning", "n_passages"]]


def _periods(dates: pd.Series, freq: str) -> pd.Series:
    if freq == "D":
        return dates.dt.normalize()
    # Label each week by its last day (Sunday), as pandas' "W-SUN" does.
    return (dates.dt.normalize() + pd.to_timedelta((6 - dates.dt.day_of_week) % 7, unit="D"))


def afghanistan_passage_counts(documents: pd.DataFrame, *, by: Sequence[str] = ("bloc",)) -> pd.DataFrame:
    """Number of Afghanistan passages (paragraph unit) and of documents they come from, per group."""
    by = list(by)
    _require(documents, by)
    psg = passages(documents, afghanistan=True)
    out = psg.groupby(by, observed=True).agg(n_passages=("passage_id", "size"), n_documents=("doc_id", "nunique"))
    return out.reset_index()
