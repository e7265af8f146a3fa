import pandas as pd
import pytest

from discourse._errors import CorpusValidationError
from discourse.schema import SCHEMA_COLUMNS, parse_date, validate_documents


def test_validate_fills_schema_and_keeps_other_columns(tiny_docs):
    out = validate_documents(tiny_docs.assign(outlet_type=["a", "b", "c", "d"]))
    assert list(out.columns) == SCHEMA_COLUMNS + ["outlet_type"]
    assert out["outlet_type"].tolist() == ["a", "b", "c", "d"]
    assert str(out["date"].dtype).startswith("datetime64")
    assert (out["date_precision"] == "day").all()


@pytest.mark.parametrize(
    "column,value,match",
    [
        ("text", "   ", r"<DataFrame>:3: empty text"),
        ("language", "de", r"<DataFrame>:3: unknown language code .*'de'"),
        ("date", "15/08/2021", r"<DataFrame>:3: unparseable date.*'15/08/2021'"),
        ("doc_id", "us1", r"<DataFrame>:3: duplicate doc_id \(first seen at line 1\).*'us1'"),
        ("country", "US", r"ISO 3166-1 alpha-3.*'US'"),
    ],
)
def test_each_bad_value_names_line_and_value(tiny_docs, column, value, match):
    bad = tiny_docs.copy()
    bad.loc[2, column] = value
    with pytest.raises(CorpusValidationError, match=match):
        validate_documents(bad)


def test_skip_reports_every_bad_row_and_loses_nothing(tiny_docs):
    bad = tiny_docs.copy()
    bad.loc[1, "language"] = "xx"
    bad.loc[3, "text"] = ""
    out = validate_documents(bad, errors="skip", file="mine.csv", lines=[2, 3, 4, 5])
    skipped = pd.DataFrame(out.attrs["skipped"])
    assert len(out) + skipped["line"].nunique() == len(bad)
    assert skipped[["line", "column"]].values.tolist() == [[3, "language"], [5, "text"]]
    assert set(skipped["file"]) == {"mine.csv"}


def test_missing_required_column(tiny_docs):
    with pytest.raises(CorpusValidationError, match=r"missing required column\(s\) \['language'\]"):
        validate_documents(tiny_docs.drop(columns="language"))


def test_strict_requires_closed_vocabularies(tiny_docs):
    df = tiny_docs.assign(provenance="synthetic", rights="synthetic", genre="blog")
    with pytest.raises(CorpusValidationError, match=r"unknown genre .*'blog'"):
        validate_documents(df, strict=True)


def test_bad_errors_option(tiny_docs):
    with pytest.raises(ValueError, match=r"`errors` must be one of: 'raise', 'skip'.*got 'ignore'"):
        validate_documents(tiny_docs, errors="ignore")


def test_parse_date_precisions():
    assert parse_date("2021-08-15") == (pd.Timestamp("2021-08-15"), "day")
    assert parse_date("2021-08") == (pd.Timestamp("2021-08-01"), "month")
    assert parse_date("2021") == (pd.Timestamp("2021-01-01"), "year")
    assert parse_date("2021-08-24T09:39:01.000Z") == (pd.Timestamp("2021-08-24"), "day")
    assert parse_date("") == (None, "unknown")
    with pytest.raises(ValueError, match="unparseable date '2021-13-45'"):
        parse_date("2021-13-45")


def test_date_precision_may_be_coarser_but_not_finer(tiny_docs):
    coarser = validate_documents(tiny_docs.assign(date_precision=["month", "day", "day", "day"]))
    assert coarser["date_precision"].tolist() == ["month", "day", "day", "day"]
    finer = tiny_docs.assign(date=["2021", "2021-08-16", "2021-08-16", "2021-08-31"], date_precision=["day", "", "", ""])
    with pytest.raises(CorpusValidationError, match=r"<DataFrame>:1: date_precision is finer than the date"):
        validate_documents(finer)


def test_a_non_string_text_is_named_as_such(tiny_docs):
    bad = tiny_docs.astype({"text": object})
    bad.at[1, "text"] = {"body": "x"}
    with pytest.raises(CorpusValidationError, match=r"<DataFrame>:2: text is not a string \(got dict\)"):
        validate_documents(bad)
