"""Tests for discourse.concordance (KWIC, collocations, multiword sequences).

All texts here are synthetic. Association scores are checked against NLTK's
bigram finder and measures, against scipy's log-likelihood G-test, and against
counts worked out by hand in the comments.
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

from discourse._errors import DiscourseError
from discourse.concordance import (
    MAX_DISPLAY_ROWS,
    Concordance,
    collocations,
    kwic,
    multiword_sequences,
)
from discourse.tokenizing import tokenize_spans

# Synthetic token stream with repeats, a self-pair ("the the") and words that
# occur only once, so pmi, t and G2 take varied values.
WORDS = (
    "the cat sat on the mat the cat ran to the dog the dog sat on the cat "
    "a big dog ran to the mat the the cat sat big dog big cat on a mat"
).split()
TEXT = " ".join(WORDS)


@pytest.fixture
def docs() -> pd.DataFrame:
    """Synthetic mixed-language documents table in the corpus schema (subset)."""
    return pd.DataFrame({
        "doc_id": ["us1", "ru1", "cn1", "us2"],
        "bloc": ["US", "RU", "CN", "US"],
        "source": ["White House", "TASS", "Xinhua", "State Dept"],
        "date": pd.to_datetime(["2021-08-15", "2021-08-16", "2021-08-17", "2021-08-30"]),
        "language": ["en", "ru", "zh", "en"],
        "text": [
            "The Taliban entered Kabul. The US withdrew.",
            "Талибы вошли в Кабул. Совет Безопасности ООН собрался.",
            "塔利班进入喀布尔。联合国安理会召开会议。",
            "We withdraw troops; the Security Council met. Taliban fighters followed.",
        ],
    })


# ---------------------------------------------------------------- NLTK reference
def _nltk_scores(window_size: int = 2):
    finder = BigramCollocationFinder.from_words(WORDS, window_size=window_size)
    m = BigramAssocMeasures
    return finder, {
        pair: (finder.score_ngram(m.pmi, *pair), finder.score_ngram(m.student_t, *pair),
               finder.score_ngram(m.likelihood_ratio, *pair))
        for pair in finder.ngram_fd
    }


def test_multiword_bigrams_equal_nltk():
    finder, ref = _nltk_scores()
    got = multiword_sequences(TEXT, language="en", min_count=1, top=None)
    assert len(got) == len(ref)
    for row in got.itertuples():
        pmi, t, g2 = ref[row.tokens]
        assert row.n_sequence == finder.ngram_fd[row.tokens]
        assert row.mi == pytest.approx(pmi, rel=1e-9)
        assert row.t == pytest.approx(t, rel=1e-9)
        assert row.g2 == pytest.approx(g2, rel=1e-9, abs=1e-9)
    # Ranked by G2 descending.
    assert list(got["g2"]) == sorted(got["g2"], reverse=True)


def test_collocations_window1_right_equal_nltk():
    _, ref = _nltk_scores()
    for node in ("the", "cat", "dog", "big"):
        got = collocations(TEXT, node, window=1, span="right", language="en", min_count=1)
        expected_pairs = {p for p in ref if p[0] == node}
        assert set(got["collocate"]) == {p[1] for p in expected_pairs}
        for row in got.itertuples():
            pmi, t, g2 = ref[(node, row.collocate)]
            assert row.mi == pytest.approx(pmi, rel=1e-9)
            assert row.t == pytest.approx(t, rel=1e-9)
            assert row.g2 == pytest.approx(g2, rel=1e-9, abs=1e-9)


def test_collocations_wider_window_mi_equals_nltk_church_hanks():
    # NLTK divides window counts by (window_size - 1) (Church & Hanks 1990);
    # for PMI that equals our S-corrected expected frequency.
    finder, ref = _nltk_scores(window_size=4)
    got = collocations(TEXT, "cat", window=3, span="right", language="en", min_count=1)
    for row in got.itertuples():
        assert row.n_collocate == finder.ngram_fd[("cat", row.collocate)]
        assert row.mi == pytest.approx(ref[("cat", row.collocate)][0], rel=1e-9)


def test_log_dice_by_hand_and_sorting():
    got = collocations(TEXT, "cat", window=1, span="right", language="en", min_count=1)
    f_cat = WORDS.count("cat")
    for row in got.itertuples():
        f_xy = sum(1 for a, b in zip(WORDS, WORDS[1:]) if (a, b) == ("cat", row.collocate))
        f_y = WORDS.count(row.collocate)
        assert row.n_collocate == f_xy and row.n_node == f_cat
        assert row.n_collocate_corpus == f_y and row.n_tokens == len(WORDS)
        assert row.log_dice == pytest.approx(14 + math.log2(2 * f_xy / (f_cat + f_y)))
    assert list(got["log_dice"]) == sorted(got["log_dice"], reverse=True)


def test_collocations_both_sides_hand_counts_and_scipy_g2():
    # Synthetic: "x a b node c d y node e" with window 2 on both sides.
    # node #1 (pos 3): a b | c d ; node #2 (pos 7): d y | e  -> d counted twice.
    text = "x a b node c d y node e"
    got = collocations(text, "node", window=2, language="en", min_count=1).set_index("collocate")
    assert got["n_collocate"].to_dict() == {"a": 1, "b": 1, "c": 1, "d": 2, "y": 1, "e": 1}
    n, f_node, s = 9, 2, 4
    row = got.loc["d"]
    e11 = f_node * s * 1 / n
    assert row["expected"] == pytest.approx(e11)
    assert row["mi"] == pytest.approx(math.log2(2 / e11))
    assert row["t"] == pytest.approx((2 - e11) / math.sqrt(2))
    # 2x2: rows = slot next to node (8 slots) / elsewhere; cols = "d" / other.
    o11 = 2
    table = np.array([[o11, f_node * s - o11], [1 - o11, n - f_node * s - 1 + o11]])
    # f("d") = 1 but it is counted twice (overlapping windows): a negative cell,
    # so G2 is undefined and must be NaN rather than a made-up number.
    assert (table < 0).any() and np.isnan(row["g2"])
    row = got.loc["c"]
    table = np.array([[1, f_node * s - 1], [0, n - f_node * s]])
    g, *_ = chi2_contingency(table, correction=False, lambda_="log-likelihood")
    assert row["g2"] == pytest.approx(g)


def test_collocations_span_left_and_min_count_and_measures():
    got = collocations(TEXT, "cat", window=1, span="left", language="en", min_count=2,
                       measures=("frequency", "mi"))
    # Left neighbours of "cat": the, the, the, the, big -> only "the" survives min_count=2.
    assert got["collocate"].tolist() == ["the"]
    assert got["n_collocate"].tolist() == [4]
    assert "log_dice" not in got.columns and "g2" not in got.columns and "mi" in got.columns


def test_collocations_by_group(docs):
    frame = pd.DataFrame({
        "doc_id": ["a", "b", "c"], "bloc": ["US", "US", "RU"], "language": "en",
        "text": ["taliban fighters taliban fighters", "taliban rule", "taliban terrorists"],
    })
    got = collocations(frame, "taliban", window=1, span="right", min_count=1, by="bloc")
    assert set(got["group"]) == {"US", "RU"}
    us = got[got["group"] == "US"].set_index("collocate")
    assert us.loc["fighters", "n_collocate"] == 2
    assert us.loc["fighters", "n_tokens"] == 6 and us.loc["fighters", "n_node"] == 3
    ru = got[got["group"] == "RU"]
    assert ru["collocate"].tolist() == ["terrorists"] and ru["n_tokens"].iloc[0] == 2


def test_collocations_remove_stopwords_only_hides_rows():
    full = collocations(TEXT, "cat", window=2, language="en", min_count=1)
    from discourse.concordance import _stopwords

    stops = _stopwords("en")
    assert "the" in stops  # the test needs a stopword among the collocates
    kept = collocations(TEXT, "cat", window=2, language="en", min_count=1, remove_stopwords=True)
    assert "the" not in set(kept["collocate"])
    merged = kept.merge(full, on="collocate", suffixes=("", "_full"))
    assert len(merged) == len(kept)
    assert np.allclose(merged["mi"], merged["mi_full"])


def test_multiword_sequences_break_at_punctuation_and_trigrams():
    text = "security council met. council met again. security council met"
    bi = multiword_sequences(text, language="en", min_count=1, top=None)
    assert "met council" not in set(bi["sequence"])  # a full stop separates them
    assert bi.set_index("sequence").loc["security council", "n_sequence"] == 2
    tri = multiword_sequences(text, n=3, language="en", min_count=1, measure="mi", top=None)
    row = tri.set_index("sequence").loc["security council met"]
    n = 9  # tokens: security council met council met again security council met
    e = 2 * 3 * 3 / n**2
    assert row["n_sequence"] == 2
    assert row["mi"] == pytest.approx(math.log2(2 / e))


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"n": 4}, "Invalid value 4 for `n`"),
        ({"n": 3, "measure": "g2"}, "Invalid value 'g2' for `measure`"),
        ({"min_count": 0}, "Invalid value 0 for `min_count`"),
        ({"top": 0}, "Invalid value 0 for `top`"),
    ],
)
def test_multiword_sequences_errors(kwargs, match):
    with pytest.raises(DiscourseError, match=re.escape(match)):
        multiword_sequences(TEXT, language="en", **kwargs)


@pytest.mark.parametrize(
    "kwargs, exc, match",
    [
        ({"window": 0}, DiscourseError, "Invalid value 0 for `window`"),
        ({"window": 1.5}, TypeError, "`window` must be an int"),
        ({"span": "middle"}, DiscourseError, "Invalid value 'middle' for `span`"),
        ({"measures": ("mi", "dice")}, DiscourseError, "Invalid value 'dice' for `measures`"),
        ({"min_count": "3"}, TypeError, "`min_count` must be an int"),
        ({"by": "bloc"}, DiscourseError, "Invalid value 'bloc' for `by`"),
    ],
)
def test_collocations_errors(kwargs, exc, match):
    with pytest.raises(exc, match=re.escape(match)):
        collocations(TEXT, "cat", language="en", **kwargs)


def test_collocations_by_unknown_column(docs):
    with pytest.raises(DiscourseError, match=re.escape("Invalid value 'cuntry' for `by`")):
        collocations(docs, "taliban", by="cuntry")


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


def test_multiword_sequences_chinese_joined_without_spaces():
    text = "联合国 安理会 召开 会议。联合国 安理会 通过 决议。"
    seq = multiword_sequences(text, language="zh", min_count=2)
    assert "".join(seq["tokens"].iloc[0]) == seq["sequence"].iloc[0]


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


def test_kwic_language_fills_missing_rows():
    frame = pd.DataFrame({"doc_id": ["a", "b"], "language": ["en", None],
                          "text": ["Taliban here", "Taliban there"]})
    assert len(kwic(frame, "taliban", language="en")) == 2
    with pytest.raises(DiscourseError, match="doc_id 'b' has no language"):
        kwic(frame, "taliban")


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
        ("", {}, DiscourseError, "Invalid value '' for `pattern`"),
        ("   ", {}, DiscourseError, "Invalid value '   ' for `pattern`"),
        ([], {}, DiscourseError, "`pattern` is an empty list"),
        (["taliban", ""], {}, DiscourseError, "Invalid value '' for `pattern`"),
        (["taliban", 3], {}, TypeError, "Each pattern must be a str"),
        (3, {}, TypeError, "`pattern` must be a str or a list of str"),
        ("taliban", {"pattern_type": "glob"}, DiscourseError,
         "Invalid value 'glob' for `pattern_type`; must be one of: 'word', 'phrase', 'regex'"),
        ("Security Council", {}, DiscourseError, "use pattern_type='phrase'"),
        (["Taliban", "талиб*"], {"pattern_type": "wildcard"}, DiscourseError,
         "Invalid value 'wildcard' for `pattern_type`"),
        ("(talib", {"pattern_type": "regex"}, DiscourseError,
         "Invalid value '(talib' for `pattern`: not a valid regular expression"),
        ("taliban", {"sort_by": "middle"}, DiscourseError, "Invalid value 'middle' for `sort_by`"),
        ("taliban", {"window_unit": "words"}, DiscourseError,
         "Invalid value 'words' for `window_unit`"),
        ("taliban", {"window": -1}, DiscourseError, "Invalid value -1 for `window`"),
        ("taliban", {"language": "de"}, DiscourseError, "Invalid value 'de' for `language`"),
    ],
)
def test_kwic_errors(pattern, kwargs, exc, match):
    kwargs = {"language": "en", **kwargs}
    with pytest.raises(exc, match=re.escape(match)):
        kwic("The Taliban entered Kabul.", pattern, **kwargs)


def test_kwic_data_errors(docs):
    with pytest.raises(DiscourseError, match="`language` is required"):
        kwic("The Taliban entered Kabul.", "taliban")
    with pytest.raises(DiscourseError, match="`language` is required"):
        kwic(["The Taliban entered Kabul."], "taliban")
    with pytest.raises(TypeError, match="`data` must be a str"):
        kwic(42, "taliban", language="en")
    with pytest.raises(TypeError, match="`data` item 1 must be a str"):
        kwic(["ok", None], "taliban", language="en")
    with pytest.raises(DiscourseError, match=re.escape("Invalid value 'body' for `text_column`")):
        kwic(docs, "taliban", text_column="body")
    with pytest.raises(DiscourseError, match=re.escape("Invalid value 'de' for `language`")):
        kwic(docs.assign(language="de"), "taliban")
    with pytest.raises(DiscourseError, match="already has column"):
        kwic(docs.assign(match=1), "taliban")
    with pytest.raises(TypeError, match="must hold str"):
        kwic(docs.assign(text=1), "taliban")
