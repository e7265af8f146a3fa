"""Describing a corpus: composition tables and the Afghanistan-mention timeline.

Statistics only (no matplotlib here); :mod:`discourse.plotting` draws what
these functions return.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ._errors import DiscourseError, check_option
from .passages import mentions_afghanistan, passages
from .prevalence import week_ending

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
        passages, paragraph unit). When ``documents`` has a ``sample``
        column, ``share_mentioning`` is computed over the days on which the
        group has ``background`` (unfiltered) documents only, and is NaN for
        a period without such days.

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
    all_periods = pd.date_range(_periods(pd.Series([lo]), freq).iloc[0], _periods(pd.Series([hi]), freq).iloc[0],
                                freq="D" if freq == "D" else "W-SUN")
    groups = sorted(documents[by].dropna().unique())
    full = pd.MultiIndex.from_product([all_periods, groups], names=["period", by])
    counts = ["n_documents", "n_documents_mentioning", "n_covered", "n_covered_mentioning", "n_passages"]
    out = out.reindex(full).fillna(dict.fromkeys(counts, 0)).astype(dict.fromkeys(counts, int))
    out["share_mentioning"] = out["n_covered_mentioning"] / out["n_covered"].where(out["n_covered"] > 0)
    return out.reset_index()[["period", by, "n_documents", "n_documents_mentioning", "share_mentioning", "n_passages"]]


def _periods(dates: pd.Series, freq: str) -> pd.Series:
    if freq == "D":
        return dates.dt.normalize()
    return week_ending(dates)


def afghanistan_passage_counts(documents: pd.DataFrame, *, by: Sequence[str] = ("bloc",)) -> pd.DataFrame:
    """Number of Afghanistan passages (paragraph unit) and of documents they come from, per group."""
    by = list(by)
    _require(documents, by)
    psg = passages(documents, afghanistan=True)
    out = psg.groupby(by, observed=True).agg(n_passages=("passage_id", "size"), n_documents=("doc_id", "nunique"))
    return out.reset_index()
