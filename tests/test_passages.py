"""Tests for discourse.passages (synthetic documents; the study's filter is tested in tests/studies)."""
import numpy as np
import pytest

import discourse
from discourse._errors import MissingDataError, ParameterError
from discourse.passages import passages, split_paragraphs
from discourse.terms import TermFilter

# A synthetic topic filter for the synthetic documents of conftest.tiny_docs.
KABUL = TermFilter({"en": ["kabul*", "afghan*"], "ru": ["кабул*"], "zh": ["喀布尔"]}, name="Kabul")


def test_paragraph_rule_and_metadata_carried(tiny_docs):
    p = passages(tiny_docs)
    us2 = p[p["doc_id"] == "us2"]
    assert us2["text"].tolist() == ["Remarks on the end of the war", "We ended the war in Afghanistan.",
                                     "It was the right decision.", "The weather was fine."]
    assert us2["part"].tolist() == ["title", "body", "body", "body"]
    # single-paragraph docs are one passage: title + text
    ru = p[p["doc_id"] == "ru1"]
    assert ru["text"].tolist() == ["Талибы в Кабуле\nТалибы вошли в Кабул."] and ru["part"].tolist() == ["whole"]
    assert set(p.columns) >= set(tiny_docs.columns) | {"passage_id", "passage_index", "part"}
    assert p["passage_id"].is_unique


def test_topic_filter_in_three_languages(tiny_docs):
    p = passages(tiny_docs, terms=KABUL)
    assert "The weather was fine." not in p["text"].tolist()
    assert p[p["language"] == "zh"]["matched_terms"].tolist() == ["喀布尔", "喀布尔"]
    assert p[p["language"] == "ru"]["matched_terms"].tolist() == ["кабуле, кабул"]
    assert p.attrs["terms"] == repr(KABUL)
    # a plain list of terms is a filter for every language
    assert passages(tiny_docs, terms=["kabul*", "喀布尔"])["doc_id"].tolist() == ["us1", "cn1", "cn1"]


def test_sentence_unit_chinese(tiny_docs):
    p = passages(tiny_docs[tiny_docs["language"] == "zh"], unit="sentence")
    assert p["text"].tolist()[-1] == "美国撤军引发混乱。"


def test_wrapped_transcript_paragraphs_are_rejoined():
    assert split_paragraphs("I want to speak\ntoday.  \n  \nNext para.") == ["I want to speak today.", "Next para."]


def test_missing_text_raises_or_is_dropped_and_reported(tiny_docs):
    # Regression: a NaN text used to vanish (4 documents in, 3 out) without a word.
    docs = tiny_docs.copy()
    docs.loc[2, "text"] = None
    with pytest.raises(MissingDataError, match=r"row 2 \(doc_id 'ru1'\)"):
        passages(docs)
    with pytest.warns(UserWarning, match="1 row"):
        out = passages(docs, missing="drop")
    assert out.attrs["dropped_documents"] == [2] and "ru1" not in set(out["doc_id"])
    assert out.attrs["n_documents"] == 4


def test_errors(tiny_docs):
    with pytest.raises(ParameterError, match=r"`unit` must be one of: 'document', 'paragraph', 'sentence'; got 'page'"):
        passages(tiny_docs, unit="page")
    with pytest.raises(ParameterError, match=r"a required column must name a column of `data`; got 'language'"):
        passages(tiny_docs.drop(columns="language"))
    with pytest.raises(ParameterError, match="`data` must be a pandas DataFrame; got list"):
        passages(["not", "a", "frame"])
    with pytest.raises(ParameterError, match="`min_chars` must be a non-negative integer; got -1"):
        passages(tiny_docs, min_chars=-1)
    assert len(passages(tiny_docs, min_chars=np.int64(3)))  # numpy integers are integers
    with pytest.raises(ParameterError, match="`terms` must be a list of terms or a mapping"):
        passages(tiny_docs, terms=42)


def test_top_level_exports():
    for name in ["load_corpus", "read_jsonl", "read_csv", "read_text_folder", "passages", "TermFilter"]:
        assert callable(getattr(discourse, name))


def test_empty_input_gives_empty_table_with_columns(tiny_docs):
    empty = passages(tiny_docs.iloc[0:0], terms=KABUL)
    assert len(empty) == 0
    assert {"passage_id", "doc_id", "passage_index", "part", "text", "matched_terms"} <= set(empty.columns)
    none = passages(tiny_docs[tiny_docs["doc_id"] == "us2"].assign(text="Weather.", title=""), terms=KABUL)
    assert len(none) == 0
