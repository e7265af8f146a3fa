import gzip
import json

import pandas as pd
import pytest

import discourse
from discourse._errors import CorpusValidationError
from discourse.schema import SCHEMA_COLUMNS


def _write_jsonl(path, rows, raw_lines=()):
    with open(path, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        for line in raw_lines:
            fh.write(line + "\n")


# ---- the bundled corpus through the generic loader --------------------------

def test_filters(corpus):
    cn = discourse.load_corpus(bloc="CN", language="zh")
    assert set(cn["source"]) == {"CCTV Xinwen Lianbo"}
    assert len(cn) == ((corpus["bloc"] == "CN") & (corpus["language"] == "zh")).sum()
    aug = discourse.load_corpus(start="2021-08-01", end="2021-08-31")
    assert aug["date"].between("2021-08-01", "2021-08-31").all()
    # year-only UN speeches are not guessed into a month
    assert not (aug["date_precision"] == "year").any()
    y2021 = discourse.load_corpus(genre="un_speech", start="2021-01-01", end="2021-12-31")
    assert len(y2021) == ((corpus["genre"] == "un_speech") & (corpus["date"].dt.year == 2021)).sum()
    pat = discourse.load_corpus(pattern="hump you and dump you")
    assert len(pat) == (corpus["title"] + "\n" + corpus["text"]).str.contains("hump you and dump you", case=False).sum()


@pytest.mark.parametrize(
    "kwargs,match",
    [
        ({"bloc": "USA"}, r"`bloc` must be one of: 'CN', 'RU', 'US', 'other'; got 'USA'"),
        ({"blocc": "US"}, r"`filters` must be a column of the corpus; got 'blocc'"),
        ({"language": "fr"}, r"`language` must .*got 'fr'"),
        ({"genre": "blogpost"}, r"`genre` must be one of: .*'tweet'.*got 'blogpost'"),
        ({"start": "not a date"}, r"`start` must .*got 'not a date'"),
    ],
)
def test_load_corpus_bad_filters(kwargs, match):
    with pytest.raises(ValueError, match=match):
        discourse.load_corpus(**kwargs)


# ---- read_jsonl -------------------------------------------------------------

def test_read_jsonl_maps_columns_and_defaults(tmp_path):
    p = tmp_path / "mine.jsonl"  # synthetic
    _write_jsonl(p, [{"id": "x1", "body": "Kabul", "lang": "en"}, {"id": "x2", "body": "Кабул", "lang": "ru"}])
    df = discourse.read_jsonl(p, columns={"id": "doc_id", "body": "text", "lang": "language"}, defaults={"country": "GBR"})
    assert df["doc_id"].tolist() == ["x1", "x2"] and (df["country"] == "GBR").all()
    assert "bloc" not in df.columns  # the library derives no study grouping


def test_read_jsonl_gz(tmp_path):
    p = tmp_path / "mine.jsonl.gz"
    with gzip.open(p, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"doc_id": "g", "text": "塔利班", "language": "zh"}) + "\n")
    assert discourse.read_jsonl(p)["text"].tolist() == ["塔利班"]


def test_malformed_json_line_names_file_and_line(tmp_path):
    p = tmp_path / "bad.jsonl"
    _write_jsonl(p, [{"doc_id": "a", "text": "ok", "language": "en"}], raw_lines=['{"doc_id": "b", "text": '])
    with pytest.raises(CorpusValidationError, match=r"bad\.jsonl:2: malformed JSON line"):
        discourse.read_jsonl(p)


def test_non_object_line(tmp_path):
    p = tmp_path / "list.jsonl"
    _write_jsonl(p, [], raw_lines=["[1, 2]"])
    with pytest.raises(CorpusValidationError, match=r"list\.jsonl:1: .*expected a JSON object, got list"):
        discourse.read_jsonl(p)


def test_read_jsonl_skip_counts_every_row(tmp_path):
    p = tmp_path / "mixed.jsonl"
    rows = [
        {"doc_id": "a", "text": "fine", "language": "en"},
        {"doc_id": "a", "text": "duplicate id", "language": "en"},
        {"doc_id": "c", "text": "", "language": "en"},
        {"doc_id": "d", "text": "bad date", "language": "en", "date": "yesterday"},
        {"doc_id": "e", "text": "bad language", "language": "english"},
    ]
    _write_jsonl(p, rows, raw_lines=["not json"])
    with pytest.warns(UserWarning, match=r"skipped 5 of 6 rows"):
        df = discourse.read_jsonl(p, errors="skip")
    skipped = pd.DataFrame(df.attrs["skipped"])
    assert df["doc_id"].tolist() == ["a"]
    assert sorted(skipped["line"]) == [2, 3, 4, 5, 6]
    assert len(df) + skipped["line"].nunique() == df.attrs["n_input_rows"] == 6
    assert set(skipped["reason"].str.split(" ").str[0]) >= {"duplicate", "empty", "unparseable", "unknown", "malformed"}


def test_missing_required_column_jsonl(tmp_path):
    p = tmp_path / "nolang.jsonl"
    _write_jsonl(p, [{"doc_id": "a", "text": "x"}])
    with pytest.raises(CorpusValidationError, match=r"nolang\.jsonl: missing required column\(s\) \['language'\]"):
        discourse.read_jsonl(p)


def test_missing_file():
    with pytest.raises(FileNotFoundError, match="No such file"):
        discourse.read_jsonl("/nonexistent/x.jsonl")


# ---- read_csv ---------------------------------------------------------------

def test_read_csv_cp1252(tmp_path):
    p = tmp_path / "nyt_like.csv"  # synthetic, Windows-1252 like the NYT source CSVs
    p.write_bytes("doc_id,text,language,date\nn1,“Forever war” ends — Biden,en,8/31/2021\n".replace("8/31/2021", "2021-08-31").encode("cp1252"))
    df = discourse.read_csv(p, encoding="cp1252")
    assert df["text"].iloc[0] == "“Forever war” ends — Biden"
    with pytest.raises(CorpusValidationError, match=r"nyt_like\.csv:2: cannot decode byte .* as 'utf-8'; .*cp1252"):
        discourse.read_csv(p)


def test_read_csv_line_numbers_with_multiline_cells(tmp_path):
    p = tmp_path / "multi.csv"
    p.write_text('doc_id,text,language\na,"two\nlines",en\nb,ok,english\n', encoding="utf-8")
    with pytest.raises(CorpusValidationError, match=r"multi\.csv:4: unknown language code .*'english'"):
        discourse.read_csv(p)


def test_read_csv_unknown_encoding(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("doc_id,text,language\na,b,en\n")
    with pytest.raises(ValueError, match=r"`encoding` must .*got 'latin-99'"):
        discourse.read_csv(p, encoding="latin-99")


def test_read_csv_bad_column_mapping(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("id,body,language\na,b,en\n")
    with pytest.raises(ValueError, match=r"`columns` must .*got 'body_text'"):
        discourse.read_csv(p, columns={"id": "doc_id", "body": "body_text"})


# ---- read_text_folder -------------------------------------------------------

def test_read_text_folder(tmp_path):
    (tmp_path / "a.txt").write_text("Талибы вошли в Кабул.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("塔利班进入喀布尔。", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,language,country,date\na.txt,ru,RUS,2021-08-15\nb.txt,zh,CHN,2021-08-16\n")
    df = discourse.read_text_folder(tmp_path)
    assert df["doc_id"].tolist() == ["a", "b"] and df["country"].tolist() == ["RUS", "CHN"]


def test_read_text_folder_unmatched(tmp_path):
    (tmp_path / "a.txt").write_text("text", encoding="utf-8")
    (tmp_path / "orphan.txt").write_text("text", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,language\na.txt,en\nmissing.txt,en\n")
    with pytest.raises(CorpusValidationError, match=r"metadata\.csv:3: metadata row names file 'missing\.txt'"):
        discourse.read_text_folder(tmp_path)
    with pytest.warns(UserWarning, match="skipped"):
        df = discourse.read_text_folder(tmp_path, errors="skip")
    reasons = {p["reason"] for p in df.attrs["skipped"]}
    assert df["doc_id"].tolist() == ["a"]
    assert reasons == {"metadata row names a file that does not exist", "text file has no metadata row"}


def test_read_text_folder_missing_sidecar(tmp_path):
    with pytest.raises(FileNotFoundError, match="No metadata sidecar"):
        discourse.read_text_folder(tmp_path)


def test_read_csv_line_numbers_after_blank_lines(tmp_path):
    p = tmp_path / "blank.csv"  # synthetic: a blank line inside the data
    p.write_text("doc_id,text,language\nd1,hello,en\n\nd2,world,english\n", encoding="utf-8")
    with pytest.raises(CorpusValidationError, match=r"blank\.csv:4: unknown language code .*'english'"):
        discourse.read_csv(p)


def test_read_csv_unmappable_options_warn_and_number_rows(tmp_path):
    p = tmp_path / "skip.csv"
    p.write_text("# exported 2021\ndoc_id,text,language\nd1,hello,en\nd2,world,english\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="data row numbers"):
        with pytest.raises(CorpusValidationError, match=r"skip\.csv:2: unknown language code"):
            discourse.read_csv(p, skiprows=1)


def test_extra_columns_are_kept_as_document_variables(tmp_path):
    p = tmp_path / "meta.csv"  # synthetic: a researcher's own metadata columns
    p.write_text("doc_id,text,language,outlet_type,author_gender\nd1,Kabul fell,en,tabloid,f\nd2,Talks,en,broadsheet,m\n",
                 encoding="utf-8")
    df = discourse.read_csv(p)
    assert list(df.columns) == SCHEMA_COLUMNS + ["outlet_type", "author_gender"]
    assert df["author_gender"].tolist() == ["f", "m"]
    psg = discourse.passages(df)
    assert psg.groupby("author_gender").size().to_dict() == {"f": 1, "m": 1}
