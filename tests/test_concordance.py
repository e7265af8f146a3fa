"""Tests for discourse.concordance (KWIC and the Concordance display).

All texts here are synthetic; offsets are checked against the original text.
"""
from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest
from nltk.collocations import BigramCollocationFinder
from nltk.metrics import BigramAssocMeasures
from scipy.stats import chi2_contingency

from discourse._errors import DiscourseError, MissingDataError, ParameterError
from discourse.concordance import MAX_DISPLAY_ROWS, Concordance, kwic
from discourse.tokenizing import tokenize_spans

from synthetic import mixed_docs


@pytest.fixture
def docs() -> pd.DataFrame:
    return mixed_docs()


# ---------------------------------------------------------------- KWIC
def _check_offsets(conc, texts):
    for row in conc.itertuples():
        text = texts[row.doc_id]
        assert text[row.start:row.end] == row.match
        # left + match + right is one contiguous slice of the original text.
        assert (row.left + row.match + row.right) in text
        assert text[row.start - len(row.left):row.start] == row.left
        assert text[row.end:row.end + len(row.right)] == row.right


def test_kwic_english_window_and_original_case():
    text = "The Taliban entered Kabul. Then the TALIBAN held a press conference in Kabul."
    conc = kwic(text, "taliban", language="en", window=2)
    assert isinstance(conc, Concordance) and isinstance(conc, pd.DataFrame)
    assert conc["match"].tolist() == ["Taliban", "TALIBAN"]
    assert conc["left"].tolist() == ["The ", "Then the "]
    assert conc["right"].tolist() == [" entered Kabul", " held a"]
    _check_offsets(conc, {0: text})
    assert kwic(text, "taliban", language="en", case_sensitive=True).empty
    assert len(kwic(text, "TALIBAN", language="en", case_sensitive=True)) == 1


def test_kwic_russian_glob_and_phrase():
    text = "Талибы вошли в Кабул. Талибан заявил, что Совет Безопасности ООН собрался."
    conc = kwic(text, "талиб*", language="ru")
    assert conc["match"].tolist() == ["Талибы", "Талибан"]
    phrase = kwic(text, "совет безопасност*", pattern_type="phrase", language="ru", window=1)
    assert phrase["match"].tolist() == ["Совет Безопасности"]
    assert phrase["left"].iloc[0] == "что " and phrase["right"].iloc[0] == " ООН"
    _check_offsets(phrase, {0: text})
    # A glob matches inside one token only: "талиб*" must not swallow the next word.
    assert all(" " not in m for m in conc["match"])


def test_kwic_folds_yo_and_curly_apostrophes_like_the_tokenizer():
    text = "Талибы ЕЩЁ здесь, талибы еще там. Biden\u2019s plan and Biden's team."
    ru = kwic(text, "ещё", language="ru")
    assert ru["match"].tolist() == ["ЕЩЁ", "еще"]
    en = kwic(text, "biden's", language="en")
    assert en["match"].tolist() == ["Biden\u2019s", "Biden's"]
    _check_offsets(en, {0: text})
    # Case-sensitive matching compares the text exactly as written.
    assert kwic(text, "еще", language="ru", case_sensitive=True)["match"].tolist() == ["еще"]


def test_kwic_phrase_does_not_cross_punctuation():
    text = "They met the Security, Council later; the Security Council voted."
    conc = kwic(text, "Security Council", pattern_type="phrase", language="en")
    assert conc["start"].tolist() == [text.index("Security Council")]


def test_kwic_chinese_substring_and_glob():
    text = "塔利班进入喀布尔。联合国安理会召开会议，塔利班武装分子控制了首都。"
    conc = kwic(text, "塔利班", language="zh", window=2)
    assert conc["match"].tolist() == ["塔利班", "塔利班"]
    assert conc["right"].iloc[0] == "进入喀布尔"
    _check_offsets(conc, {0: text})
    # 安理会 is found even if jieba keeps 联合国安理会 as one word.
    sc = kwic(text, "安理会", language="zh", window=1)
    assert sc["match"].tolist() == ["安理会"]
    assert sc["start"].iloc[0] == text.index("安理会")
    assert "联合国" in sc["left"].iloc[0]
    chars = kwic(text, "喀布尔", language="zh", window=3, window_unit="chars")
    assert chars["left"].iloc[0] == "班进入" and chars["right"].iloc[0] == "。联合"


def test_kwic_chinese_glob_extends_to_jieba_word():
    text = "塔利班是恐怖组织吗"
    words = {text[s:e] for _, s, e in tokenize_spans(text, language="zh")}
    assert "恐怖组织" in words  # precondition: jieba keeps it as one word
    assert kwic(text, "*组织", language="zh")["match"].tolist() == ["恐怖组织"]
    assert kwic(text, "恐怖*", language="zh")["match"].tolist() == ["恐怖组织"]
    assert kwic(text, "组织", language="zh")["match"].tolist() == ["组织"]


def test_kwic_regex_against_text():
    text = "The US withdrew from Afghanistan; troops withdrawing from Kabul."
    conc = kwic(text, r"withdr\w+ from \w+", pattern_type="regex", language="en", window=1)
    assert conc["match"].tolist() == ["withdrew from Afghanistan", "withdrawing from Kabul"]
    assert conc["left"].tolist() == ["US ", "troops "]
    _check_offsets(conc, {0: text})


def test_kwic_list_of_patterns_over_mixed_table(docs):
    conc = kwic(docs, ["Taliban", "талиб*", "塔利班"])
    assert conc["doc_id"].tolist() == ["us1", "ru1", "cn1", "us2"]
    assert conc["match"].tolist() == ["Taliban", "Талибы", "塔利班", "Taliban"]
    assert conc["pattern"].tolist() == ["Taliban", "талиб*", "塔利班", "Taliban"]
    # Metadata travels with every line.
    for col in ("bloc", "source", "date", "language"):
        assert col in conc.columns
    assert conc["bloc"].tolist() == ["US", "RU", "CN", "US"]
    assert conc["date"].dtype.kind == "M"
    assert "text" not in conc.columns
    assert list(conc.columns[-6:]) == ["left", "match", "right", "start", "end", "pattern"]
    _check_offsets(conc, dict(zip(docs["doc_id"], docs["text"])))


def test_kwic_passage_table_keeps_passage_id(docs):
    passages = docs.assign(passage_id=[d + "-p0" for d in docs["doc_id"]], passage_index=0)
    conc = kwic(passages, "withdr*")
    assert list(conc.columns[:2]) == ["doc_id", "passage_id"]
    assert conc["match"].tolist() == ["withdrew", "withdraw"]


def test_kwic_language_column_and_argument_follow_one_rule():
    frame = pd.DataFrame({"doc_id": ["a", "b"], "language": ["en", None],
                          "text": ["Taliban here", "Taliban there"]})
    with pytest.raises(MissingDataError, match=r"1 row\(s\) without a language.*row 1 \(doc_id 'b'\)"):
        kwic(frame, "taliban")
    with pytest.raises(MissingDataError, match="without a language"):
        kwic(frame, "taliban", language="en")   # an argument never overrides the column
    frame["language"] = "en"
    assert len(kwic(frame, "taliban", language="en")) == 2
    with pytest.raises(DiscourseError, match=r"`language`='ru' disagrees with column 'language'"):
        kwic(frame, "taliban", language="ru")
    assert len(kwic(frame.drop(columns="language"), "taliban", language="en")) == 2


def test_kwic_list_input_and_plain_frame_ops():
    texts = ["no match here", "the Taliban came", "Taliban, Taliban"]
    conc = kwic(texts, "taliban", language="en")
    assert conc["doc_id"].tolist() == [1, 2, 2]
    sub = conc[conc["doc_id"] == 2]
    assert isinstance(sub, Concordance) and len(sub) == 2
    plain = conc.to_frame()
    assert type(plain) is pd.DataFrame and plain.equals(pd.DataFrame(conc))
    assert conc.groupby("doc_id").size().to_dict() == {1: 1, 2: 2}


def test_kwic_sorting():
    # Synthetic: left neighbours (right-to-left) and right neighbours differ in order.
    texts = ["zeta beta NODE alpha", "alpha gamma NODE beta", "beta alpha NODE gamma zeta",
             "NODE aardvark"]
    conc = kwic(texts, "node", language="en", window=2)
    assert conc["doc_id"].tolist() == [0, 1, 2, 3]
    by_left = kwic(texts, "node", language="en", window=2, sort_by="left")
    # nearest-left words: beta, gamma, alpha, (none) -> none < alpha < beta < gamma
    assert by_left["doc_id"].tolist() == [3, 2, 0, 1]
    by_right = kwic(texts, "node", language="en", window=2, sort_by="right")
    assert by_right["doc_id"].tolist() == [3, 0, 1, 2]
    by_match = kwic(["b Beta", "alpha"], ["beta", "alpha"], language="en", sort_by="match")
    assert by_match["match"].tolist() == ["alpha", "Beta"]


def test_kwic_html_escapes_script_and_caps_rows():
    tweet = "<script>alert(1)</script> The Taliban & <b>friends</b> took Kabul"
    conc = kwic([tweet] * (MAX_DISPLAY_ROWS + 7), "taliban", language="en", window=10)
    out = conc._repr_html_()
    assert "<script>" not in out and "</script>" not in out and "<b>friends" not in out
    assert "&lt;/script&gt;" in out and "&amp;" in out
    assert "<b>Taliban</b>" in out
    assert out.count("<tr>") == MAX_DISPLAY_ROWS + 1  # header + shown rows
    assert "7 more lines not shown" in out
    text = repr(conc)
    assert "7 more lines not shown" in text and "[Taliban]" in text
    # A malicious doc_id or pattern is escaped too.
    evil = kwic(pd.DataFrame({"doc_id": ["<script>x</script>"], "language": ["en"],
                              "text": ["<script>"]}), "<script>", pattern_type="regex")
    assert "<script>" not in evil._repr_html_()


def test_kwic_plain_text_alignment():
    conc = kwic(["a Taliban b", "long left context Taliban right"], "taliban", language="en")
    lines = str(conc).splitlines()[1:]
    assert len({line.index("[Taliban]") for line in lines}) == 1
    # Non-KWIC selections fall back to the normal DataFrame display.
    assert "start" in repr(conc[["start", "end"]])


def test_kwic_empty_result_has_columns():
    conc = kwic("nothing to see", "taliban", language="en")
    assert conc.empty and {"doc_id", "left", "match", "right", "start", "end"} <= set(conc.columns)
    assert "0 lines" in repr(conc)


@pytest.mark.parametrize(
    "pattern, kwargs, exc, match",
    [
        ("", {}, ParameterError, "`pattern` must be a non-empty pattern string; got ''."),
        ("   ", {}, ParameterError, "`pattern` must be a non-empty pattern string; got '   '."),
        ([], {}, ParameterError, "`pattern` must be a pattern or a non-empty list of patterns; got []."),
        (["taliban", ""], {}, ParameterError, "`pattern` must be a non-empty pattern string; got ''."),
        (["taliban", 3], {}, ParameterError, "`pattern` must be a non-empty pattern string; got 3."),
        (3, {}, ParameterError, "`pattern` must be a pattern or a non-empty list of patterns; got 3."),
        ("taliban", {"pattern_type": "glob"}, ParameterError,
         "`pattern_type` must be one of: 'word', 'phrase', 'regex'; got 'glob'."),
        ("Security Council", {}, ParameterError, "Use pattern_type='phrase'"),
        (["Taliban", "талиб*"], {"pattern_type": "wildcard"}, ParameterError,
         "`pattern_type` must be one of: 'word', 'phrase', 'regex'; got 'wildcard'."),
        ("(talib", {"pattern_type": "regex"}, ParameterError, "`pattern` must be a valid regular expression"),
        ("taliban", {"sort_by": "middle"}, ParameterError,
         "`sort_by` must be one of: None, 'left', 'right', 'match'; got 'middle'."),
        ("taliban", {"window_unit": "words"}, ParameterError,
         "`window_unit` must be one of: 'tokens', 'chars'; got 'words'."),
        ("taliban", {"window": -1}, ParameterError, "`window` must be a non-negative integer; got -1."),
        ("taliban", {"window": 2.5}, ParameterError, "`window` must be a non-negative integer; got 2.5."),
        ("taliban", {"language": "de"}, ParameterError, "`language` must be one of: 'en', 'zh', 'ru'; got 'de'."),
        ("taliban", {"case_sensitive": "yes"}, ParameterError, "`case_sensitive` must be True or False; got 'yes'."),
    ],
)
def test_kwic_errors(pattern, kwargs, exc, match):  # noqa: D103
    kwargs = {"language": "en", **kwargs}
    with pytest.raises(exc, match=re.escape(match)):
        kwic("The Taliban entered Kabul.", pattern, **kwargs)


def test_kwic_data_errors(docs):
    with pytest.raises(ParameterError, match="`language` is required"):
        kwic("The Taliban entered Kabul.", "taliban")
    with pytest.raises(ParameterError, match="`language` is required"):
        kwic(["The Taliban entered Kabul."], "taliban")
    with pytest.raises(ParameterError, match="`data` must be a text, a list of texts, a Series or a DataFrame; got int"):
        kwic(42, "taliban", language="en")
    with pytest.raises(MissingDataError, match=re.escape("1 row(s) with missing or empty text: row 1")):
        kwic(["ok", None], "taliban", language="en")
    with pytest.warns(UserWarning, match="left out"):
        assert len(kwic(["ok Taliban", None], "taliban", language="en", missing="drop")) == 1
    with pytest.raises(ParameterError, match=re.escape("`text_column` must name a column of `data`; got 'body'")):
        kwic(docs, "taliban", text_column="body")
    with pytest.raises(ParameterError, match=re.escape("`data['language']` must be one of: 'en', 'zh', 'ru'; got 'de'")):
        kwic(docs.assign(language="de"), "taliban")
    with pytest.raises(ParameterError, match="must not have the column"):
        kwic(docs.assign(match=1), "taliban")
    with pytest.raises(TypeError, match=re.escape("row 0 (doc_id 'us1'): text is not a string (got int)")):
        kwic(docs.assign(text=1), "taliban")
