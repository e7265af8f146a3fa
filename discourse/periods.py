"""Calendar periods: the one definition of a day, a week and a month for timelines and prevalence.

A week ends on Sunday and is labelled by that Sunday (pandas' ``"W-SUN"``); a
month is labelled by its first day. A date known only to its year (or
month) is never placed in a finer period: its day is unknown, and any week
would be invented.
"""
from __future__ import annotations

import pandas as pd

from ._errors import ParameterError, invalid_value_message
from ._validation import check_dataframe, check_option, require_columns

__all__ = ["PERIODS", "add_period", "period_of", "period_range", "week_ending"]

#: Period lengths: day, week ending Sunday, calendar month.
PERIODS = ("D", "W", "M")
# Dates coarser than the period cannot be placed in it.
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
_PERIOD_RANK = {"D": 0, "W": 0, "M": 1}


def week_ending(dates: pd.Series) -> pd.Series:
    """The Sunday that ends each date's week (pandas' ``"W-SUN"`` label), at midnight.

    Examples
    --------
    >>> week_ending(pd.Series(pd.to_datetime(["2021-08-15", "2021-08-16"]))).dt.strftime("%Y-%m-%d").tolist()
    ['2021-08-15', '2021-08-22']
    """
    day = dates.dt.normalize()
    return day + pd.to_timedelta((6 - day.dt.day_of_week) % 7, unit="D")


def period_of(dates: pd.Series, freq: str) -> pd.Series:
    """The period label of each date: the day, the week's Sunday, or the month's first day."""
    check_option("freq", freq, PERIODS)
    day = dates.dt.normalize()
    if freq == "D":
        return day
    if freq == "W":
        return week_ending(day)
    return day - pd.to_timedelta(day.dt.day - 1, unit="D")


def period_range(start: pd.Timestamp, end: pd.Timestamp, freq: str) -> pd.DatetimeIndex:
    """Every period label from the period of ``start`` to that of ``end``."""
    lo, hi = period_of(pd.Series([pd.Timestamp(start), pd.Timestamp(end)]), freq)
    return pd.date_range(lo, hi, freq={"D": "D", "W": "W-SUN", "M": "MS"}[freq])


def add_period(
    data: pd.DataFrame, *, freq: str = "W", date_column: str = "date", name: str = "week"
) -> pd.DataFrame:
    """Return a copy of ``data`` with a period column, for prevalence over time.

    Parameters
    ----------
    data : DataFrame
        Documents or passages with a datetime column.
    freq : {"D", "W", "M"}
        Day; week ending Sunday, labelled by that Sunday (as pandas'
        ``"W-SUN"`` and :func:`discourse.describing.mention_timeline`); or
        calendar month, labelled by its first day.
    date_column : str
        The datetime64 column.
    name : str
        Name of the new column (must not exist yet).

    Returns
    -------
    DataFrame
        ``data`` plus ``name`` (datetime64). Rows whose ``date_precision``
        (when that column exists) is coarser than the period, e.g. a
        year-only date for weeks, get ``NaT``: their day is unknown, so any
        week would be invented. Drop them before grouping.

    Raises
    ------
    ParameterError
        If ``data`` is not a DataFrame, ``freq`` is not a valid period,
        ``date_column`` is missing or not datetime64, or ``name`` is already a
        column.

    Examples
    --------
    >>> docs = pd.DataFrame({"date": pd.to_datetime(["2021-08-15", "2021-08-16", "2021-01-01"]),
    ...                      "date_precision": ["day", "day", "year"]})   # synthetic
    >>> add_period(docs)["week"].dt.strftime("%Y-%m-%d").tolist()
    ['2021-08-15', '2021-08-22', nan]
    """
    check_dataframe("data", data)
    check_option("freq", freq, PERIODS)
    require_columns(data, [date_column], role="date_column")
    dates = data[date_column]
    if not pd.api.types.is_datetime64_any_dtype(dates):
        raise ParameterError(invalid_value_message(
            "date_column", date_column, must="a datetime64 column",
            hint=f"Column {date_column!r} has dtype {dates.dtype}; convert it with pd.to_datetime first."))
    if not isinstance(name, str) or not name or name in data.columns:
        raise ParameterError(invalid_value_message("name", name, must="a new column name (one not already in `data`)"))
    period = period_of(dates, freq)
    if "date_precision" in data.columns:
        coarse = data["date_precision"].map(_PRECISION_RANK).fillna(0).to_numpy() > _PERIOD_RANK[freq]
        period = period.mask(coarse)
    out = data.copy()
    out[name] = period
    return out
