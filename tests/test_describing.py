"""Tests for discourse.describing (synthetic documents)."""
import pandas as pd
import pytest

from discourse import describing
from discourse._errors import ParameterError
from discourse.schema import validate_documents
from discourse.terms import TermFilter

KABUL = TermFilter({"en": ["kabul*", "afghan*"], "ru": ["кабул*"], "zh": ["喀布尔"]})


def test_composition_counts(tiny_docs):
    docs = validate_documents(tiny_docs).assign(bloc=["US", "CN", "RU", "US"])
    comp = describing.composition(docs, by=["bloc", "language"])
    assert comp[["bloc", "language", "n"]].values.tolist() == [["CN", "zh", 1], ["RU", "ru", 1], ["US", "en", 2]]
    assert comp["share"].sum() == pytest.approx(1.0)


def test_monthly_counts_add_up_including_year_only(tiny_docs):
    docs = validate_documents(tiny_docs.assign(date=["2021-08-15", "2021-08-16", "2021", "2021-09-01"]))
    m = describing.monthly_counts(docs, by=["country"])
    assert m["n"].sum() == len(docs)
    assert "2021 (year only)" in set(m["month"])


def test_mention_timeline_fills_missing_days_and_hides_uncovered_shares(tiny_docs):
    docs = validate_documents(tiny_docs).assign(sample=["topic", "background", "topic", "topic"])
    tl = describing.mention_timeline(docs, terms=KABUL, by="country", start="2021-08-14", end="2021-08-17")
    assert len(tl) == 4 * 3  # every day x every country
    cn16 = tl[(tl["country"] == "CHN") & (tl["period"] == "2021-08-16")].iloc[0]
    assert cn16["n_documents"] == 1 and cn16["n_passages"] == 2 and cn16["share_mentioning"] == 1.0
    us15 = tl[(tl["country"] == "USA") & (tl["period"] == "2021-08-15")].iloc[0]
    assert us15["n_documents_mentioning"] == 1 and pd.isna(us15["share_mentioning"])  # keyword-only: no share


def test_weekly_periods_end_on_sunday(tiny_docs):
    docs = validate_documents(tiny_docs)
    tl = describing.mention_timeline(docs, terms=KABUL, by="country", freq="W")
    assert (tl["period"].dt.day_of_week == 6).all()
    assert tl["n_documents"].sum() == len(docs)


def test_passage_counts_are_an_independent_count(tiny_docs):
    docs = validate_documents(tiny_docs)
    counts = describing.passage_counts(docs, terms=KABUL, by=["language"]).set_index("language")
    # by hand: us1 one passage (Kabul); cn1 title+text, 2 passages; ru1 one passage; us2 "Afghanistan" one
    assert counts.loc["en", "n_passages"] == 2 and counts.loc["zh", "n_passages"] == 2
    assert counts.loc["ru", "n_passages"] == 1 and counts["n_documents"].tolist() == [2, 1, 1]


def test_errors(tiny_docs):
    docs = validate_documents(tiny_docs)
    with pytest.raises(ParameterError, match=r"`freq` must be one of: 'D', 'W'; got 'M'"):
        describing.mention_timeline(docs, terms=KABUL, by="country", freq="M")
    with pytest.raises(ParameterError, match=r"`by` must name a column of `data`; got 'cuntry'"):
        describing.composition(docs, by=["cuntry"])


def test_share_uses_only_days_covered_by_the_background():
    # SYNTHETIC week: a keyword-selected item on Monday (no background that
    # day) and two unfiltered items on Friday, neither mentioning the topic.
    docs = validate_documents(pd.DataFrame({
        "doc_id": ["k1", "b1", "b2"], "country": "RUS", "language": "en",
        "date": ["2021-07-26", "2021-07-30", "2021-07-30"],
        "text": ["Kabul airport closed.", "Olympic medals.", "Weather report."],
    })).assign(sample=["topic", "background", "background"])
    tl = describing.mention_timeline(docs, terms=KABUL, by="country", freq="W")
    row = tl.iloc[0]
    assert row["n_documents"] == 3 and row["n_documents_mentioning"] == 1
    assert row["share_mentioning"] == 0.0  # 0 of the 2 covered-day items, not 1 of 3
