"""Tests for discourse.periods: the one definition of day, week and month."""
import pandas as pd
import pytest

from discourse._errors import ParameterError
from discourse.periods import add_period, period_of, period_range, week_ending


def test_week_ending_matches_pandas_w_sun_periods():
    dates = pd.Series(pd.date_range("2021-07-01", "2021-10-31", freq="D"))
    # pandas' own weekly periods (Monday..Sunday) end on the same Sunday
    expected = dates.dt.to_period("W-SUN").dt.end_time.dt.normalize()
    assert (week_ending(dates) == expected).all()


def test_month_is_labelled_by_its_first_day_and_ranges_cover_every_period():
    dates = pd.Series(pd.to_datetime(["2021-08-31", "2021-09-01"]))
    assert period_of(dates, "M").dt.strftime("%Y-%m-%d").tolist() == ["2021-08-01", "2021-09-01"]
    weeks = period_range(pd.Timestamp("2021-08-01"), pd.Timestamp("2021-08-31"), "W")
    assert [d.strftime("%m-%d") for d in weeks] == ["08-01", "08-08", "08-15", "08-22", "08-29", "09-05"]


def test_add_period_never_invents_a_day():
    docs = pd.DataFrame({"date": pd.to_datetime(["2021-08-15", "2021-03-01"]), "date_precision": ["day", "month"]})
    out = add_period(docs, freq="W")
    assert out["week"].isna().tolist() == [False, True]   # a month-only date has no week
    assert add_period(docs, freq="M", name="month")["month"].notna().all()


def test_errors():
    docs = pd.DataFrame({"date": ["2021-08-15"]})
    with pytest.raises(ParameterError, match="`date_column` must be a datetime64 column; got 'date'"):
        add_period(docs)
    with pytest.raises(ParameterError, match="`freq` must be one of: 'D', 'W', 'M'; got 'Y'"):
        add_period(docs.assign(date=pd.to_datetime(docs["date"])), freq="Y")
    with pytest.raises(ParameterError, match="`name` must be a new column name"):
        add_period(docs.assign(date=pd.to_datetime(docs["date"])), name="date")
