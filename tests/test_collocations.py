"""Tests for discourse.collocations (collocations, multiword sequences).

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

from discourse._errors import DiscourseError, MissingDataError, ParameterError
from discourse.collocations import collocates_by_language, collocations, multiword_sequences

from synthetic import TEXT, WORDS, mixed_docs


@pytest.fixture
def docs() -> pd.DataFrame:
    return mixed_docs()


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
    from discourse.tokenizing import stopwords

    stops = stopwords("en")
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
        ({"n": 4}, "`n` must be one of: 2, 3; got 4."),
        ({"n": 3, "measure": "g2"}, "`measure` must be one of: 'frequency', 'mi', 't'; got 'g2'."),
        ({"min_count": 0}, "`min_count` must be an integer >= 1; got 0."),
        ({"top": 0}, "`top` must be an integer >= 1; got 0."),
    ],
)
def test_multiword_sequences_errors(kwargs, match):
    with pytest.raises(ParameterError, match=re.escape(match)):
        multiword_sequences(TEXT, language="en", **kwargs)


@pytest.mark.parametrize(
    "kwargs, exc, match",
    [
        ({"window": 0}, ParameterError, "`window` must be an integer >= 1; got 0."),
        ({"window": 1.5}, ParameterError, "`window` must be an integer >= 1; got 1.5."),
        ({"window": np.int64(2)}, None, ""),
        ({"span": "middle"}, ParameterError, "`span` must be one of: 'both', 'left', 'right'; got 'middle'."),
        ({"measures": ("mi", "dice")}, ParameterError, "`measures` must be one of: 'frequency', 'mi', 't', 'g2', 'log_dice'; got 'dice'."),
        ({"min_count": "3"}, ParameterError, "`min_count` must be an integer >= 1; got '3'."),
        ({"by": "bloc"}, ParameterError, "`by` needs `data` to be a DataFrame; got str."),
    ],
)
def test_collocations_errors(kwargs, exc, match):
    if exc is None:  # numpy integers are integers
        assert len(collocations(TEXT, "cat", language="en", **kwargs))
        return
    with pytest.raises(exc, match=re.escape(match)):
        collocations(TEXT, "cat", language="en", **kwargs)


def test_collocations_by_unknown_column_and_missing_group(docs):
    with pytest.raises(ParameterError, match=re.escape("`by` must name a column of `data`; got 'cuntry'")):
        collocations(docs, "taliban", by="cuntry")
    with pytest.raises(MissingDataError, match=re.escape("row 1 (doc_id 'ru1')")):
        collocations(docs.assign(bloc=["US", None, "CN", "US"]), "taliban", by="bloc", min_count=1)
    with pytest.warns(UserWarning, match="1 row"):
        col = collocations(docs.assign(bloc=["US", None, "CN", "US"]), "taliban", by="bloc", min_count=1,
                           missing="drop")
    assert set(col["group"]) == {"US"}


def test_multiword_sequences_chinese_joined_without_spaces():
    text = "联合国 安理会 召开 会议。联合国 安理会 通过 决议。"
    seq = multiword_sequences(text, language="zh", min_count=2)
    assert "".join(seq["tokens"].iloc[0]) == seq["sequence"].iloc[0]


def test_a_user_dictionary_word_is_the_same_word_in_counts_kwic_and_collocations():
    # Regression: KWIC and collocations segmented without the user dictionary,
    # so a word the DFM counted as one token was two tokens (or none) there.
    texts = ["阿富汗临时政府宣布组建新内阁。", "阿富汗临时政府表示欢迎援助。"]  # synthetic
    words = ["阿富汗临时政府"]
    import discourse as dc

    vec = dc.DfmVectorizer(language="zh", user_dictionary=words).fit(texts)
    assert "阿富汗临时政府" in vec.vocabulary_
    col = collocations(texts, "宣布", language="zh", window=1, span="left", min_count=1, user_dictionary=words)
    assert col["collocate"].tolist() == ["阿富汗临时政府"]
    assert int(col["n_tokens"].iloc[0]) == int(vec.transform(texts).sum())  # the same token stream
    plain = collocations(texts, "宣布", language="zh", window=1, span="left", min_count=1)
    assert plain["collocate"].tolist() != ["阿富汗临时政府"]
    conc = dc.kwic(texts, "宣布", language="zh", window=1, user_dictionary=words)
    assert conc["left"].tolist() == ["阿富汗临时政府"]


def test_collocation_token_counts_equal_the_dfm_token_counts_with_underscores():
    # Regression: a lone "_" was a token in the DFM but not in collocations.
    text = "peace _ talks resumed and peace talks ended"  # synthetic
    import discourse as dc

    total = int(dc.DfmVectorizer(language="en").fit_transform([text]).sum())
    col = collocations(text, "peace", language="en", window=1, min_count=1)
    assert int(col["n_tokens"].iloc[0]) == total == 7


def test_attrs_record_the_window_and_the_node_hits_of_every_group_even_without_collocates():
    # synthetic: group B mentions the node once, too rarely for any collocate to reach min_count
    data = pd.DataFrame({"doc_id": ["a1", "a2", "b1"], "group": ["A", "A", "B"], "language": "en",
                         "text": ["The Taliban took Kabul. The Taliban said Kabul was calm.",
                                  "Kabul fell and the Taliban entered Kabul.", "A Taliban spokesman spoke."]})
    out = collocations(data, "taliban", by="group", window=3, min_count=2)
    expected = data.groupby("group")["text"].apply(lambda t: int(t.str.count(r"(?i)\btaliban\b").sum())).to_dict()
    assert out.attrs["node_hits"] == expected == {"A": 3, "B": 1}
    assert set(out["group"]) == {"A"}
    assert (out.attrs["window"], out.attrs["span"], out.attrs["min_count"]) == (3, "both", 2)


def test_collocates_by_language_keeps_the_settings_and_node_hits_per_language():
    data = pd.DataFrame({"doc_id": ["e1", "r1"], "bloc": ["US", "RU"], "language": ["en", "ru"],  # synthetic
                         "text": ["The Taliban took Kabul and the Taliban held Kabul.", "Талибы вошли в Кабул."]})
    out = collocates_by_language(data, {"en": "taliban*", "ru": "талиб*"}, by="bloc", window=2, min_count=1)
    assert out.attrs["window"] == 2 and out.attrs["min_count"] == 1
    assert out.attrs["node_hits"] == {"en": {"US": 2}, "ru": {"RU": 1}}
