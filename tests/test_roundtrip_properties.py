"""Property-based round trips (hypothesis): random valid documents lose no row, column or character.

The documents are SYNTHETIC, drawn by hypothesis: any Unicode text (Chinese,
Cyrillic, emoji, line and paragraph separators, quotes, commas), written as
JSONL or CSV in any of the Unicode encodings (or as Parquet), read back, validated, and cut
into passages.
"""
from __future__ import annotations

import codecs
import csv
import json
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import discourse as dc
from discourse.schema import LANGUAGES

# Text a researcher's file can hold: any code point but surrogates and NUL.
CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
TEXT = st.text(CHARS, min_size=1, max_size=80).filter(lambda t: t.strip())
DOCS = st.lists(st.tuples(TEXT, st.sampled_from(LANGUAGES), st.text(CHARS, max_size=10)), min_size=1, max_size=6)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"])
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _table(docs) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(docs))], "text": [t for t, _, _ in docs],
                         "language": [lang for _, lang, _ in docs], "author_gender": [g for _, _, g in docs]})


@SETTINGS
@given(docs=DOCS, encoding=ENCODINGS, ascii_only=st.booleans())
def test_jsonl_round_trip_keeps_every_row_column_and_character(docs, encoding, ascii_only):
    table = _table(docs)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.jsonl"
        lines = "".join(json.dumps(r, ensure_ascii=ascii_only) + "\n" for r in table.to_dict("records"))
        path.write_bytes(lines.encode(encoding))
        out = dc.read_jsonl(path)
    assert out["doc_id"].tolist() == table["doc_id"].tolist()
    assert out["text"].tolist() == table["text"].tolist()
    assert out["language"].tolist() == table["language"].tolist()
    assert out["author_gender"].tolist() == table["author_gender"].tolist()


@SETTINGS
@given(docs=DOCS, encoding=ENCODINGS)
def test_csv_round_trip_keeps_every_row_column_and_character(docs, encoding):
    table = _table(docs)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.csv"
        # quoted: an unquoted carriage return is a line break to every CSV reader, so such a file is not this table
        data = table.to_csv(index=False, quoting=csv.QUOTE_ALL).encode(encoding.replace("utf-8-sig", "utf-8"))
        path.write_bytes((codecs.BOM_UTF8 if encoding == "utf-8-sig" else b"") + data)
        out = dc.read_csv(path)
    assert out["doc_id"].tolist() == table["doc_id"].tolist()
    assert out["text"].tolist() == table["text"].tolist()
    assert out["author_gender"].tolist() == table["author_gender"].tolist()


@SETTINGS
@given(docs=DOCS, n_files=st.integers(1, 3))
def test_parquet_round_trip_over_files_keeps_every_row_column_and_character(docs, n_files):
    table = _table(docs)
    n_files = min(n_files, len(table))   # no empty file (that warns, as it should)
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(n_files):
            table.iloc[k::n_files].to_parquet(Path(tmp) / f"part-{k}.parquet", index=False)
        out = dc.read_parquet(tmp)
    out = out.set_index("doc_id").loc[table["doc_id"]]
    assert out["text"].tolist() == table["text"].tolist()
    assert out["language"].tolist() == table["language"].tolist()
    assert out["author_gender"].tolist() == table["author_gender"].tolist()


def _visible(text: str) -> list[str]:
    return sorted(ch for ch in text if not ch.isspace())


@SETTINGS
@given(docs=DOCS, unit=st.sampled_from(["document", "paragraph", "sentence"]))
def test_passages_lose_no_visible_character_and_keep_document_variables(docs, unit):
    table = _table(docs)
    psg = dc.passages(table, unit=unit)
    assert set(psg["doc_id"]) == set(table["doc_id"])          # every document has a passage
    for row in table.itertuples():
        mine = psg[psg["doc_id"] == row.doc_id]
        assert _visible("".join(mine["text"])) == _visible(row.text), row.doc_id
        assert (mine["author_gender"] == row.author_gender).all()
