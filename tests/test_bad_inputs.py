"""A catalogue of bad and unusual inputs: each gets a clear answer, and nothing is lost without a word.

Every case here is SYNTHETIC (tiny files and tables written by the test).
For an error: the class, and a message naming the file, line, column or
value where there is one. For a reported skip: rows in = rows out + rows
reported. For a warning: the warning, and the rows that were kept.
"""
from __future__ import annotations

import codecs
import gzip
import json
import re
import warnings

import numpy as np
import pandas as pd
import pytest

import discourse as dc
from discourse._errors import CorpusValidationError, DiscourseError, MissingDataError, ParameterError
from discourse.schema import validate_documents

GOOD = {"doc_id": "a1", "text": "Refugees fled Kabul.", "language": "en", "date": "2021-08-15", "country": "USA"}
GOOD2 = {"doc_id": "a2", "text": "Talks resumed in Doha.", "language": "en", "date": "2021-08-16", "country": "USA"}


def jsonl_bytes(*rows: dict, encoding: str = "utf-8") -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode(encoding)


def csv_bytes(*rows: dict, encoding: str = "utf-8") -> bytes:
    return pd.DataFrame(list(rows)).to_csv(index=False).encode(encoding)


# ---------------------------------------------------------------------------
# Files that raise: (case, file name, bytes, reader options, error, message)
# ---------------------------------------------------------------------------
RAISING_FILES = [
    ("jsonl malformed line", "m.jsonl", jsonl_bytes(GOOD) + b"{not json}\n", {}, CorpusValidationError,
     r"m\.jsonl:2: malformed JSON line"),
    ("jsonl array line", "arr.jsonl", b'["a", "b"]\n', {}, CorpusValidationError,
     r"arr\.jsonl:1: malformed JSON line \(expected a JSON object, got list\)"),
    ("jsonl missing text column", "nt.jsonl", jsonl_bytes({"doc_id": "a", "language": "en"}), {},
     CorpusValidationError, r"nt\.jsonl: missing required column\(s\) \['text'\]"),
    ("jsonl null text", "null.jsonl", jsonl_bytes({**GOOD, "text": None}), {}, CorpusValidationError,
     r"null\.jsonl:1: missing text: column `text` has no value \(null/NaN\) \(doc_id 'a1'\)"),
    ("jsonl NaN text", "nan.jsonl", b'{"doc_id": "a1", "text": NaN, "language": "en"}\n', {}, CorpusValidationError,
     r"nan\.jsonl:1: missing text"),
    ("jsonl blank text", "blank.jsonl", jsonl_bytes(GOOD, {**GOOD2, "text": "   "}), {}, CorpusValidationError,
     r"blank\.jsonl:2: empty text"),
    ("jsonl dict text", "dict.jsonl", jsonl_bytes({**GOOD, "text": {"body": "x"}}), {}, CorpusValidationError,
     r"dict\.jsonl:1: text is not a string \(got dict\)"),
    ("jsonl list text", "list.jsonl", jsonl_bytes({**GOOD, "text": ["x"]}), {}, CorpusValidationError,
     r"list\.jsonl:1: text is not a string \(got list\)"),
    ("jsonl number text", "num.jsonl", jsonl_bytes({**GOOD, "text": 42}), {}, CorpusValidationError,
     r"num\.jsonl:1: text is not a string \(got int\): column `text` has value 42 "),
    ("jsonl duplicate doc_id", "dup.jsonl", jsonl_bytes(GOOD, {**GOOD2, "doc_id": "a1"}), {}, CorpusValidationError,
     r"dup\.jsonl:2: duplicate doc_id \(first seen at line 1\)"),
    ("jsonl empty doc_id", "noid.jsonl", jsonl_bytes({**GOOD, "doc_id": ""}), {}, CorpusValidationError,
     r"noid\.jsonl:1: empty doc_id"),
    ("jsonl unknown language", "lang.jsonl", jsonl_bytes({**GOOD, "language": "de"}), {}, CorpusValidationError,
     r"lang\.jsonl:1: unknown language code .*'de'"),
    ("jsonl region language", "en-us.jsonl", jsonl_bytes({**GOOD, "language": "en-US"}), {}, CorpusValidationError,
     r"en-us\.jsonl:1: unknown language code .*normalize=True"),
    ("jsonl bad date", "date.jsonl", jsonl_bytes({**GOOD, "date": "15/08/2021"}), {}, CorpusValidationError,
     r"date\.jsonl:1: unparseable date .*'15/08/2021'"),
    ("jsonl impossible date", "feb.jsonl", jsonl_bytes({**GOOD, "date": "2021-02-30"}), {}, CorpusValidationError,
     r"feb\.jsonl:1: unparseable date"),
    ("jsonl bad country", "cty.jsonl", jsonl_bytes({**GOOD, "country": "United States"}), {}, CorpusValidationError,
     r"cty\.jsonl:1: country must be an ISO 3166-1 alpha-3 code"),
    ("jsonl finer precision", "prec.jsonl", jsonl_bytes({**GOOD, "date": "2021", "date_precision": "day"}), {},
     CorpusValidationError, r"prec\.jsonl:1: date_precision is finer than the date"),
    ("jsonl unknown precision", "prec2.jsonl", jsonl_bytes({**GOOD, "date_precision": "hour"}), {},
     CorpusValidationError, r"prec2\.jsonl:1: unknown date precision"),
    ("jsonl undecodable latin-1", "l1.jsonl", jsonl_bytes({**GOOD, "text": "Café crème"}, encoding="latin-1"), {},
     CorpusValidationError, r"l1\.jsonl:1: cannot decode byte b'\\xe9' at offset \d+ as 'utf-8'; it decodes as 'cp1252'"),
    ("jsonl BOM contradicts encoding", "bomx.jsonl", codecs.BOM_UTF16_LE + jsonl_bytes(GOOD, encoding="utf-16-le"),
     {"encoding": "cp1252"}, CorpusValidationError, r"bomx\.jsonl: starts with a UTF-16 byte-order mark, but "
     r"encoding='cp1252' was given; pass encoding='utf-16'"),
    ("jsonl unknown encoding", "enc.jsonl", jsonl_bytes(GOOD), {"encoding": "utf-99"}, ParameterError,
     r"`encoding` must be a known text encoding"),
    ("jsonl bad errors option", "opt.jsonl", jsonl_bytes(GOOD), {"errors": "ignore"}, ParameterError,
     r"`errors` must be one of: 'raise', 'skip'; got 'ignore'"),
    ("csv undecodable cp1252", "w.csv", csv_bytes({**GOOD, "text": "“Over the horizon”"}, encoding="cp1252"), {},
     CorpusValidationError, r"w\.csv:2: cannot decode byte b'\\x93' at offset \d+ as 'utf-8'; it decodes as 'cp1252'"),
    ("csv missing language column", "nl.csv", b"doc_id,text\na,x\n", {}, CorpusValidationError,
     r"nl\.csv: missing required column\(s\) \['language'\]"),
    ("csv empty text cell", "et.csv", b"doc_id,text,language\na,,en\n", {}, CorpusValidationError,
     r"et\.csv:2: empty text"),
    ("csv duplicate doc_id", "dup.csv", csv_bytes(GOOD, GOOD), {}, CorpusValidationError,
     r"dup\.csv:3: duplicate doc_id"),
    ("csv line after a multi-line cell", "ml.csv", b'doc_id,text,language\na,"one\ntwo",en\nb,x,de\n', {},
     CorpusValidationError, r"ml\.csv:4: unknown language code"),
    ("csv bad date", "d.csv", b"doc_id,text,language,date\na,x,en,yesterday\n", {}, CorpusValidationError,
     r"d\.csv:2: unparseable date"),
]


@pytest.mark.parametrize("case, name, data, options, error, message", RAISING_FILES, ids=[c[0] for c in RAISING_FILES])
def test_a_bad_file_raises_a_clear_error(tmp_path, case, name, data, options, error, message):
    path = tmp_path / name
    path.write_bytes(data)
    reader = dc.read_csv if name.endswith(".csv") else dc.read_jsonl
    with pytest.raises(error, match=message):
        reader(path, **options)


# ---------------------------------------------------------------------------
# Files that are read, perhaps with a warning: nothing lost
# ---------------------------------------------------------------------------
def _bom(mark: bytes, codec: str) -> bytes:
    return mark + jsonl_bytes(GOOD, GOOD2, encoding=codec)


READ_FILES = [
    ("jsonl utf-16 with BOM", "u16.jsonl", jsonl_bytes(GOOD, GOOD2, encoding="utf-16"), 2),
    ("jsonl utf-16-be with BOM", "u16be.jsonl", _bom(codecs.BOM_UTF16_BE, "utf-16-be"), 2),
    ("jsonl utf-32 with BOM", "u32.jsonl", jsonl_bytes(GOOD, GOOD2, encoding="utf-32"), 2),
    ("jsonl utf-8 BOM", "bom.jsonl", codecs.BOM_UTF8 + jsonl_bytes(GOOD, GOOD2), 2),
    ("jsonl CRLF line ends", "crlf.jsonl", jsonl_bytes(GOOD, GOOD2).replace(b"\n", b"\r\n"), 2),
    ("jsonl blank lines between", "gaps.jsonl", jsonl_bytes(GOOD) + b"\n\n" + jsonl_bytes(GOOD2), 2),
    ("jsonl U+2028 inside a string", "ls.jsonl", jsonl_bytes({**GOOD, "text": "line\u2028separator"}, GOOD2), 2),
    ("jsonl gzip", "z.jsonl.gz", gzip.compress(jsonl_bytes(GOOD, GOOD2)), 2),
    ("csv utf-16 with BOM", "u16.csv", csv_bytes(GOOD, GOOD2, encoding="utf-16"), 2),
    ("csv utf-8 BOM", "bom.csv", codecs.BOM_UTF8 + csv_bytes(GOOD, GOOD2), 2),
    ("csv CRLF", "crlf.csv", csv_bytes(GOOD, GOOD2).replace(b"\n", b"\r\n"), 2),
    ("csv Chinese and Russian text", "zhru.csv", csv_bytes({**GOOD, "text": "塔利班进入喀布尔", "language": "zh"},
                                                          {**GOOD2, "text": "Талибы вошли в Кабул", "language": "ru"}), 2),
]


@pytest.mark.parametrize("case, name, data, n", READ_FILES, ids=[c[0] for c in READ_FILES])
def test_an_unusual_but_valid_file_is_read_whole(tmp_path, case, name, data, n):
    path = tmp_path / name
    path.write_bytes(data)
    reader = dc.read_csv if name.endswith(".csv") else dc.read_jsonl
    with warnings.catch_warnings():
        warnings.simplefilter("error")   # and without a warning
        out = reader(path)
    assert len(out) == n
    assert out["doc_id"].tolist() == ["a1", "a2"]
    assert not out["text"].str.startswith("\ufeff").any() and not out["doc_id"].str.startswith("\ufeff").any()


EMPTY_FILES = [
    ("csv 0 bytes", "e.csv", b"", r"e\.csv: empty file; no documents read"),
    ("csv header only", "h.csv", b"doc_id,text,language\n", r"h\.csv: a header but no rows; no documents read"),
    ("csv blank lines only", "bl.csv", b"\n\n  \n", r"bl\.csv: only blank lines; no documents read"),
    ("jsonl 0 bytes", "e.jsonl", b"", r"e\.jsonl: empty file; no documents read"),
    ("jsonl blank lines only", "bl.jsonl", b"\n \n", r"bl\.jsonl: only blank lines; no documents read"),
]


@pytest.mark.parametrize("case, name, data, message", EMPTY_FILES, ids=[c[0] for c in EMPTY_FILES])
def test_an_empty_file_warns_and_returns_no_rows(tmp_path, case, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    reader = dc.read_csv if name.endswith(".csv") else dc.read_jsonl
    with pytest.warns(UserWarning, match=message):
        out = reader(path)
    assert len(out) == 0 and list(out.columns[:3]) == ["doc_id", "country", "source"]


def test_extra_columns_and_nested_values_are_kept(tmp_path):
    path = tmp_path / "extra.jsonl"
    path.write_bytes(jsonl_bytes({**GOOD, "author_gender": "f", "meta": {"outlet_type": "wire"}},
                                 {**GOOD2, "author_gender": "m", "meta": {"outlet_type": "tv"}}))
    out = dc.read_jsonl(path)
    assert out["author_gender"].tolist() == ["f", "m"]
    assert out["meta"].tolist() == [{"outlet_type": "wire"}, {"outlet_type": "tv"}]
    flat = dc.read_jsonl(path, flatten=True)
    assert flat["meta.outlet_type"].tolist() == ["wire", "tv"]


# ---------------------------------------------------------------------------
# Reported skips: rows in = rows out + rows reported
# ---------------------------------------------------------------------------
SKIPS = [
    ("jsonl malformed + empty text", "s1.jsonl", jsonl_bytes(GOOD) + b"{oops\n" + jsonl_bytes({**GOOD2, "text": ""}), 1),
    ("jsonl duplicate id", "s2.jsonl", jsonl_bytes(GOOD, {**GOOD2, "doc_id": "a1"}), 1),
    ("jsonl bad language and date", "s3.jsonl", jsonl_bytes({**GOOD, "language": "xx"}, {**GOOD2, "date": "soon"}), 0),
    ("csv empty text", "s4.csv", b"doc_id,text,language\na,x,en\nb,,en\nc,y,en\n", 2),
]


@pytest.mark.parametrize("case, name, data, kept", SKIPS, ids=[c[0] for c in SKIPS])
def test_skipped_rows_are_all_reported(tmp_path, case, name, data, kept):
    path = tmp_path / name
    path.write_bytes(data)
    reader = dc.read_csv if name.endswith(".csv") else dc.read_jsonl
    with pytest.warns(UserWarning, match=r"skipped \d+ of \d+ rows"):
        out = reader(path, errors="skip")
    assert len(out) == kept
    assert out.attrs["n_input_rows"] == len(out) + out.attrs["n_skipped_rows"]
    reported_lines = {(p["file"], p["line"]) for p in out.attrs["skipped"]}
    assert len(reported_lines) == out.attrs["n_skipped_rows"]
    assert all(p["reason"] for p in out.attrs["skipped"])


# ---------------------------------------------------------------------------
# Many files, one corpus
# ---------------------------------------------------------------------------
@pytest.fixture
def two_files(tmp_path):
    (tmp_path / "a.jsonl").write_bytes(jsonl_bytes(GOOD))
    (tmp_path / "b.jsonl").write_bytes(jsonl_bytes(GOOD2, {**GOOD, "text": "the same id again"}))
    return tmp_path


def test_a_doc_id_in_two_files_names_both(two_files):
    with pytest.raises(CorpusValidationError, match=r"b\.jsonl:2: doc_id 'a1' is also in .*a\.jsonl:1"):
        dc.read_jsonl([two_files / "a.jsonl", two_files / "b.jsonl"])


@pytest.mark.parametrize("spec", ["list", "glob", "folder"])
def test_many_files_skip_a_cross_file_duplicate_and_report_it(two_files, spec):
    path = {"list": [two_files / "a.jsonl", two_files / "b.jsonl"], "glob": str(two_files / "*.jsonl"),
            "folder": two_files}[spec]
    with pytest.warns(UserWarning, match=r"2 files: skipped 1 of 3 rows"):
        out = dc.read_jsonl(path, errors="skip")
    assert out["doc_id"].tolist() == ["a1", "a2"]
    assert out["provenance"].str.replace("\\", "/").str.endswith(("a.jsonl:1", "b.jsonl:1")).all()
    (skip,) = out.attrs["skipped"]
    assert skip["line"] == 2 and skip["file"].endswith("b.jsonl") and "a.jsonl:1" in skip["reason"]
    assert [f.rsplit("/", 1)[-1] for f in out.attrs["files"]] == ["a.jsonl", "b.jsonl"]


def test_many_files_pass_on_each_files_warnings_and_normalisations(tmp_path):
    # Regression: reading a folder swallowed every per-file warning and attrs["normalized"].
    (tmp_path / "a.jsonl").write_bytes(jsonl_bytes({**GOOD, "language": "EN"}))
    (tmp_path / "b.jsonl").write_bytes(jsonl_bytes({**GOOD2, "date": "2099-01-01"}))
    (tmp_path / "c.jsonl").write_bytes(b"")
    with pytest.warns(UserWarning) as seen:
        out = dc.read_jsonl(tmp_path, normalize=True)
    messages = [str(w.message) for w in seen]
    assert any(re.search(r"a\.jsonl: normalized language 'EN' -> 'en'", m) for m in messages)
    assert any("b.jsonl" in m and "2099" in m for m in messages)
    assert any(re.search(r"c\.jsonl: empty file; no documents read", m) for m in messages)
    (change,) = out.attrs["normalized"]
    assert change["from"] == "EN" and change["to"] == "en" and change["file"].endswith("a.jsonl")


def test_many_files_errors(tmp_path, two_files):
    with pytest.raises(FileNotFoundError, match=r"No file matches"):
        dc.read_jsonl(str(tmp_path / "*.nothing"))
    with pytest.raises(FileNotFoundError, match=r"No \.csv file in the folder"):
        dc.read_csv(two_files)
    with pytest.raises(ParameterError, match=r"names the same file more than once"):
        dc.read_jsonl([two_files / "a.jsonl", two_files / "a.jsonl"])
    with pytest.raises(ParameterError, match=r"`path` must be a file, a folder, a glob or a list of files"):
        dc.read_jsonl([])


def test_many_csv_files_as_one_corpus(tmp_path):
    (tmp_path / "one.csv").write_bytes(csv_bytes(GOOD))
    (tmp_path / "two.csv").write_bytes(csv_bytes(GOOD2, encoding="utf-16"))
    out = dc.read_csv(tmp_path)
    assert out["doc_id"].tolist() == ["a1", "a2"]


def _parquet(path, *rows, **columns):
    pd.DataFrame(list(rows)).assign(**columns).to_parquet(path, index=False)
    return path


def test_parquet_files_as_one_corpus_with_rows_for_lines(tmp_path):
    _parquet(tmp_path / "a.parquet", GOOD, author_gender="f")
    _parquet(tmp_path / "b.parquet", GOOD2, {**GOOD, "text": "the same id again"}, author_gender="m")
    with pytest.raises(CorpusValidationError, match=r"b\.parquet:2: doc_id 'a1' is also in .*a\.parquet:1"):
        dc.read_parquet(tmp_path)
    with pytest.warns(UserWarning, match=r"2 files: skipped 1 of 3 rows"):
        out = dc.read_parquet(str(tmp_path / "*.parquet"), errors="skip")
    assert out["doc_id"].tolist() == ["a1", "a2"] and out["author_gender"].tolist() == ["f", "m"]
    assert out["provenance"].str.replace("\\", "/").str.endswith(("a.parquet:1", "b.parquet:1")).all()
    assert out.attrs["n_input_rows"] == len(out) + out.attrs["n_skipped_rows"]


def test_parquet_bad_rows_and_files(tmp_path):
    bad = _parquet(tmp_path / "bad.parquet", GOOD, {**GOOD2, "language": "xx"})
    with pytest.raises(CorpusValidationError, match=r"bad\.parquet:2: .*language"):
        dc.read_parquet(bad)
    with pytest.warns(UserWarning, match=r"skipped 1 of 2 rows"):
        assert dc.read_parquet(bad, errors="skip")["doc_id"].tolist() == ["a1"]
    fake = tmp_path / "fake.parquet"
    fake.write_bytes(jsonl_bytes(GOOD))
    with pytest.raises(CorpusValidationError, match=r"fake\.parquet: not a readable Parquet file"):
        dc.read_parquet(fake)
    empty = tmp_path / "empty.parquet"
    pd.DataFrame({c: pd.Series(dtype=str) for c in GOOD}).to_parquet(empty, index=False)
    with pytest.warns(UserWarning, match=r"empty\.parquet: no rows; no documents read"):
        assert len(dc.read_parquet(empty)) == 0


@pytest.mark.parametrize("n_rows", [0, 2])
def test_a_table_of_pandas_string_dtype_validates(n_rows):
    # Regression: on an empty column of pandas' string dtype, map() kept that dtype and the
    # country check failed with a TypeError (seen with pyarrow installed, on an empty Parquet file).
    from discourse.schema import validate_documents

    table = pd.DataFrame([GOOD, GOOD2][:n_rows], columns=list(GOOD)).astype("string")
    table["date_precision"] = pd.Series(["day"] * n_rows, dtype="string")
    assert validate_documents(table)["doc_id"].tolist() == ["a1", "a2"][:n_rows]


def test_read_parquet_without_pyarrow_says_how_to_install(tmp_path, monkeypatch):
    import builtins

    real = builtins.__import__

    def no_pyarrow(name, *args, **kwargs):
        if name.startswith("pyarrow"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    with pytest.raises(ImportError, match=r'pip install "discourse\[parquet\]"'):
        dc.read_parquet(tmp_path / "x.parquet")


# ---------------------------------------------------------------------------
# Paths and folders
# ---------------------------------------------------------------------------
def test_path_errors(tmp_path):
    (tmp_path / "f.csv").write_bytes(csv_bytes(GOOD))
    with pytest.raises(FileNotFoundError, match=r"No such file: .*missing\.jsonl"):
        dc.read_jsonl(tmp_path / "missing.jsonl")
    with pytest.raises(NotADirectoryError, match=r"f\.csv is a file, not a folder"):
        dc.read_text_folder(tmp_path / "f.csv")
    with pytest.raises(FileNotFoundError, match=r"No such folder"):
        dc.read_text_folder(tmp_path / "nope")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.warns(UserWarning, match=r"no files match '\*\.txt'"):
        assert len(dc.read_text_folder(empty, metadata=None, defaults={"language": "en"})) == 0


def test_text_folder_encodings_and_bad_bytes(tmp_path):
    (tmp_path / "a.txt").write_bytes("Kabul".encode("utf-16"))
    (tmp_path / "b.txt").write_bytes("Café".encode("latin-1"))
    (tmp_path / "metadata.csv").write_bytes(codecs.BOM_UTF8 + b"file,language\na.txt,en\nb.txt,en\n")
    with pytest.raises(CorpusValidationError, match=r"b\.txt:1: cannot decode byte b'\\xe9' at offset 3 as 'utf-8'"):
        dc.read_text_folder(tmp_path)
    with pytest.warns(UserWarning, match="skipped 1 of 2 rows"):
        out = dc.read_text_folder(tmp_path, errors="skip")
    assert out["text"].tolist() == ["Kabul"]
    (tmp_path / "metadata.csv").write_bytes(b"")
    with pytest.raises(CorpusValidationError, match=r"metadata\.csv: the metadata sidecar is empty"):
        dc.read_text_folder(tmp_path)


# ---------------------------------------------------------------------------
# Normalisation on request, and implausible dates
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("given, code", [("EN", "en"), ("en-US", "en"), ("zh-CN", "zh"), ("zh-Hans", "zh"),
                                         ("ru-RU", "ru"), ("ru_RU", "ru"), ("English", "en")])
def test_language_spellings_normalised_on_request(given, code):
    df = pd.DataFrame([{**GOOD, "language": given}])
    with pytest.raises(CorpusValidationError, match="unknown language code"):
        validate_documents(df)
    with pytest.warns(UserWarning, match=rf"normalized language '{given}' -> '{code}' \(1 row\(s\)\)"):
        out = validate_documents(df, normalize=True)
    assert out["language"].tolist() == [code]
    assert out.attrs["normalized"] == [{"column": "language", "from": given, "to": code, "rows": 1}]


@pytest.mark.parametrize("given, code", [("usa", "USA"), ("US", "USA"), ("PRC", "CHN"), ("Russia", "RUS"),
                                         ("pak", "PAK")])
def test_country_spellings_normalised_on_request(given, code):
    with pytest.warns(UserWarning, match=rf"normalized country '{given}' -> '{code}'"):
        out = validate_documents(pd.DataFrame([{**GOOD, "country": given}]), normalize=True)
    assert out["country"].tolist() == [code]


def test_normalise_leaves_unknown_values_for_validation_to_report():
    with pytest.raises(CorpusValidationError, match=r"unknown language code .*'klingon'"):
        validate_documents(pd.DataFrame([{**GOOD, "language": "klingon"}]), normalize=True)


@pytest.mark.parametrize("date", ["2099-01-01", "1850-06-01"])
def test_an_implausible_date_is_kept_with_a_warning_naming_it(date):
    with pytest.warns(UserWarning, match=rf"1 date\(s\) before 1900 or more than a year in the future.*line 1 "
                                         rf"\(doc_id 'a1'\): {date}"):
        out = validate_documents(pd.DataFrame([{**GOOD, "date": date}]))
    assert out["date"].dt.strftime("%Y-%m-%d").tolist() == [date]


# ---------------------------------------------------------------------------
# The bundled corpus's filters
# ---------------------------------------------------------------------------
def test_load_corpus_filters():
    with pytest.raises(ParameterError, match=r"`start` \('2021-09-01'\) is after `end` \('2021-08-01'\)"):
        dc.load_corpus(start="2021-09-01", end="2021-08-01")
    with pytest.warns(UserWarning, match=r"No document of .* matches .*'start': '1990-01-01'"):
        assert len(dc.load_corpus(start="1990-01-01", end="1990-01-31")) == 0
    with pytest.raises(ParameterError, match=r"`language` must be one of: 'en', 'zh', 'ru'; got 'de'"):
        dc.load_corpus(language="de")
    with pytest.raises(ParameterError, match=r"`start` must be a date"):
        dc.load_corpus(start="last week")
    with pytest.raises(ParameterError, match=r"`filters` must be a column of the corpus"):
        dc.load_corpus(colour="red")


# ---------------------------------------------------------------------------
# Analysis functions: one missing-data policy
# ---------------------------------------------------------------------------
DOCS = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "language": "en", "grp": ["x", "y", "x", "y"],
                     "text": ["war war peace", "peace talks", "war again", "talks talks"]})


def _with(column, row, value):
    df = DOCS.copy()
    values = df[column].astype(object).tolist()
    values[row] = value
    df[column] = pd.Series(values, index=df.index, dtype=object)
    return df


ANALYSES = [
    ("passages NaN text", lambda d: dc.passages(d), _with("text", 1, np.nan), MissingDataError, r"row 1 \(doc_id 'b'\)"),
    ("passages None text", lambda d: dc.passages(d), _with("text", 2, None), MissingDataError, r"row 2 \(doc_id 'c'\)"),
    ("dfm NaN text", lambda d: dc.dfm(d), _with("text", 1, np.nan), MissingDataError, r"missing or empty text"),
    ("kwic NaN text", lambda d: dc.kwic(d, "war"), _with("text", 0, np.nan), MissingDataError, r"row 0"),
    ("collocations NaN text", lambda d: dc.collocations(d, "war"), _with("text", 0, np.nan), MissingDataError, r"row 0"),
    ("keyness NaN text", lambda d: dc.keyness(d, by="grp"), _with("text", 3, np.nan), MissingDataError, r"row 3"),
    ("keyness NaN group", lambda d: dc.keyness(d, by="grp"), _with("grp", 2, np.nan), MissingDataError,
     r"Column 'grp' \(from `by`\) has 1 missing value\(s\): row 2 \(doc_id 'c'\)"),
    ("keyness missing group column", lambda d: dc.keyness(d, by="bloc"), DOCS, DiscourseError, r"bloc"),
    ("keyness unknown language", lambda d: dc.keyness(d, by="grp"), _with("language", 0, "de"), DiscourseError, r"de"),
    ("passages dict text", lambda d: dc.passages(d), _with("text", 0, {"a": 1}), TypeError,
     r"row 0 \(doc_id 'a'\): text is not a string \(got dict\)"),
    ("kwic list text", lambda d: dc.kwic(d, "war"), _with("text", 1, ["war"]), TypeError, r"not a string \(got list\)"),
    ("tokenize not a string", lambda d: dc.tokenize(42, language="en"), DOCS, TypeError, r"str"),
    ("tokenize unknown language", lambda d: dc.tokenize("x", language="EN"), DOCS, ParameterError,
     r"`language` must be one of: 'en', 'zh', 'ru'; got 'EN'"),
    ("kwic float window", lambda d: dc.kwic(d, "war", window=2.5), DOCS, ParameterError, r"`window` must be"),
    ("kwic numpy int window", lambda d: len(dc.kwic(d, "war", window=np.int64(2))) > 0 or None, DOCS, None, None),
    ("frame prevalence NaN group", lambda d: __import__("discourse.prevalence", fromlist=["x"]).frame_prevalence(
        d.assign(aid=[1, 0, 1, 0]), frames=["aid"], by="grp"), _with("grp", 1, np.nan), MissingDataError, r"row 1"),
    ("frame prevalence non-binary code", lambda d: __import__("discourse.prevalence", fromlist=["x"]).frame_prevalence(
        d.assign(aid=[1, 2, 1, 0]), frames=["aid"], by="grp"), DOCS, DiscourseError, r"aid"),
]


@pytest.mark.parametrize("case, call, data, error, message", ANALYSES, ids=[c[0] for c in ANALYSES])
def test_analysis_functions_answer_bad_input_clearly(case, call, data, error, message):
    if error is None:
        assert call(data)
        return
    with pytest.raises(error, match=message):
        call(data)


def test_dropping_missing_text_is_explicit_and_reported():
    with pytest.warns(UserWarning, match=r"left out: row 1"):
        out = dc.passages(_with("text", 1, np.nan), missing="drop")
    assert set(out["doc_id"]) == {"a", "c", "d"}


def test_two_tables_concatenated_with_the_same_doc_id_are_refused_by_passages():
    # Regression: duplicate doc_ids gave duplicate passage ids, and prevalence counted two documents as one.
    a = pd.DataFrame([GOOD, GOOD2])
    b = pd.DataFrame([{**GOOD, "text": "A different document with the same id."}])
    both = pd.concat([a, b], ignore_index=True)
    with pytest.raises(DiscourseError, match=r"doc_id 'a1' in rows 0, 2 \(1 doc_id\(s\) repeated in all\)"):
        dc.passages(both)
