"""Tests for discourse.tokenizing.

Short sentences below are synthetic, written to look like the corpus
(White House / NYT English, Channel One Russian, CCTV Chinese). Expected
tokens are worked out by hand or computed with independent tools
(nltk's SnowballStemmer, jieba's default dictionary).
"""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from discourse._errors import DiscourseError
from discourse import tokenizing as tk
from discourse.tokenizing import (
    WORD_PATTERN,
    add_words,
    split_sentences,
    stopwords,
    tokenize,
    tokenize_documents,
    tokenize_spans,
)


@pytest.fixture(autouse=True)
def _clean_jieba_additions():
    yield
    if tk._ADDED_WORDS:  # reloading jieba costs ~1 s; only when a test changed it
        tk._reset_added_words()


# --- English / Russian regex ------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("ISIS-K claimed the attack.", ["isis-k", "claimed", "the", "attack"]),
        ("al-Qaeda's fighters don't leave", ["al-qaeda's", "fighters", "don't", "leave"]),
        ("Biden’s speech", ["biden's", "speech"]),  # curly apostrophe → ASCII
        ("U.S. forces and the U.N. mission, e.g. here", ["u.s.", "forces", "and", "the", "u.n.", "mission", "e.g.", "here"]),
        ("see t.co/abc", ["see", "t", "co", "abc"]),
        ("3,000 troops, 2.5 billion at 3:42 in 2021.", ["3,000", "troops", "2.5", "billion", "at", "3:42", "in", "2021"]),
        ("COVID-19 -- and -- war", ["covid-19", "and", "war"]),
    ],
)
def test_english_tokens(text, expected):
    assert tokenize(text, language="en") == expected


def test_english_keeps_case_when_asked():
    assert tokenize("The Taliban", language="en", lowercase=False) == ["The", "Taliban"]


def test_russian_cyrillic_yo_nbsp_and_hyphens():
    # synthetic; U+00A0 separates digit groups and precedes the dash, as in 1tv.ru text
    text = "Из-за талибов\u00a0— ещё 10\u00a0000 человек покинули Кабул. Ёлка"
    assert tokenize(text, language="ru") == [
        "из-за", "талибов", "еще", "10000", "человек", "покинули", "кабул", "елка",
    ]
    assert tokenize("ещё", language="ru", lowercase=False) == ["ещё"]


def test_regex_is_sklearn_compatible():
    compiled = re.compile(WORD_PATTERN)
    assert compiled.groups == 0  # CountVectorizer requires at most one group


# --- spans --------------------------------------------------------------------
@pytest.mark.parametrize("language, text", [
    ("en", "Mr. Biden’s U.S. forces left Kabul on Aug. 30, 2021."),
    ("ru", "Совет Безопасности ООН, т.е. 15\u00a0стран, обсудил Афганистан."),
    ("zh", "塔利班进入喀布尔，美军撤离。"),
])
def test_spans_point_at_the_tokens(language, text):
    spans = tokenize_spans(text, language=language)
    assert [t for t, _, _ in spans] == tokenize(text, language=language)
    for token, start, end in spans:
        original = text[start:end]
        # the normalised token differs from the original only by case and apostrophe style
        assert original.lower().replace("\u2019", "'") == token


def test_spans_digit_groups():
    text = "около 10\u00a0000 человек"
    spans = tokenize_spans(text, language="ru")
    assert spans[1] == ("10000", 6, 12)
    assert text[6:12] == "10\u00a0000"


# --- stemming / stopwords / multiword / ngrams --------------------------------
def test_stemming_matches_nltk_snowball():
    from nltk.stem import SnowballStemmer

    words = ["withdrawal", "withdrawing", "forces", "terrorists"]
    en = SnowballStemmer("english")
    assert tokenize(" ".join(words), language="en", stem=True) == [en.stem(w) for w in words]
    ru_words = ["талибы", "талибов", "безопасности", "вывода"]
    ru = SnowballStemmer("russian")
    assert tokenize(" ".join(ru_words), language="ru", stem=True) == [ru.stem(w) for w in ru_words]
    # hand check: both inflections of 'талиб' share a stem
    assert len(set(tokenize("талибы талибов", language="ru", stem=True))) == 1


def test_stopword_removal_and_override():
    text = "The Taliban took control of Kabul"
    assert tokenize(text, language="en", remove_stopwords=True) == ["taliban", "took", "control", "kabul"]
    assert tokenize(text, language="en", stopwords={"taliban", "THE"}) == ["took", "control", "of", "kabul"]
    assert tokenize("Они вошли в Кабул", language="ru", remove_stopwords=True) == ["вошли", "кабул"]
    assert tokenize("塔利班的部队进入了喀布尔", language="zh", remove_stopwords=True) == ["塔利班", "部队", "进入", "喀布尔"]


def test_stopword_files_match_their_documented_sources():
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    # scikit-learn's list minus "us" (the lower-cased country name; SOURCES.md)
    assert stopwords("en") == frozenset(ENGLISH_STOP_WORDS) - {"us"}
    ru_lines = (tk._DATA_DIR / "stopwords" / "ru.txt").read_text(encoding="utf-8").split()
    assert len(ru_lines) == 421 and len((tk._DATA_DIR / "stopwords" / "zh.txt").read_text(encoding="utf-8").split()) == 119
    # folding ё→е merges pairs such as всё/все, ещё/еще
    assert stopwords("ru") == frozenset(w.replace("ё", "е") for w in ru_lines)
    # content words this project needs must not be stopwords
    for w in ["война", "мир", "россия", "сша"]:
        assert w not in stopwords("ru")
    assert "us" not in stopwords("en")


def test_multiword_expressions():
    text = "The United States told the Security Council that the Islamic State..."
    mw = ["United States", "Security Council", "Islamic State"]
    assert tokenize(text, language="en", multiword=mw) == [
        "the", "united_states", "told", "the", "security_council", "that", "the", "islamic_state",
    ]
    assert tokenize("UNITED STATES", language="en", lowercase=False, multiword=mw) == ["UNITED_STATES"]
    toks = tokenize("Совет Безопасности ООН", language="ru", multiword=["Совет Безопасности"])
    assert toks == ["совет_безопасности", "оон"]
    # longest match wins; stemming leaves the joined token alone
    toks = tokenize("the security council resolution", language="en", stem=True,
                    multiword=["security council", "security council resolution"])
    assert toks == ["the", "security_council_resolution"]


def test_ngrams():
    assert tokenize("troops leave kabul", language="en", ngrams=2) == ["troops_leave", "leave_kabul"]
    assert tokenize("troops leave kabul", language="en", ngrams=(1, 3)) == [
        "troops", "leave", "kabul", "troops_leave", "leave_kabul", "troops_leave_kabul",
    ]


# --- Chinese ------------------------------------------------------------------
def test_chinese_keeps_place_and_group_names():
    assert tokenize("塔利班进入喀布尔", language="zh") == ["塔利班", "进入", "喀布尔"]
    toks = tokenize("上合组织和集安组织讨论阿富汗问题，王毅出席。", language="zh")
    for w in ["上合组织", "集安组织", "阿富汗问题", "王毅"]:
        assert w in toks
    assert "，" not in toks and "。" not in toks


def test_every_userdict_entry_changes_default_jieba():
    import jieba

    plain = jieba.Tokenizer()
    plain.initialize()
    words = [w.split()[0] for w in tk._USERDICT.read_text(encoding="utf-8").splitlines() if w.strip()]
    assert words
    for w in words:
        assert plain.lcut(w, HMM=False) != [w], f"{w} is already one token without the user dictionary"
        assert tokenize(w, language="zh") == [w]


def test_zh_is_quiet_and_private(capfd):
    import jieba

    tk._reset_added_words()
    tokenize("美军撤离", language="zh")
    captured = capfd.readouterr()
    assert "Building prefix dict" not in captured.err + captured.out
    assert tk._base_jieba() is not jieba.dt


def test_add_words_and_user_dictionary(tmp_path):
    text = "阿富汗临时政府成立"
    assert "阿富汗临时政府" not in tokenize(text, language="zh")
    assert tokenize(text, language="zh", user_dictionary=["阿富汗临时政府"])[0] == "阿富汗临时政府"
    assert "阿富汗临时政府" not in tokenize(text, language="zh")  # per-call only
    path = tmp_path / "dict.txt"
    path.write_text("阿富汗临时政府 10 nt\n", encoding="utf-8")
    assert tokenize(text, language="zh", user_dictionary=path)[0] == "阿富汗临时政府"
    add_words("阿富汗临时政府")
    assert tokenize(text, language="zh")[0] == "阿富汗临时政府"


def test_add_words_errors(tmp_path):
    with pytest.raises(DiscourseError, match=r"Invalid value 'en' for `language`; must be one of: 'zh'"):
        add_words(["United States"], language="en")
    with pytest.raises(DiscourseError, match=r"Invalid value 'xx' for `language`"):
        add_words(["x"], language="xx")
    with pytest.raises(DiscourseError, match=r"Invalid value '' for `words`"):
        add_words([""])
    with pytest.raises(DiscourseError, match=r"for `user_dictionary`"):
        tokenize("喀布尔", language="zh", user_dictionary=tmp_path / "missing.txt")


# --- sentences ------------------------------------------------------------------
def test_punkt_parameters_are_trained_json():
    for lang in ("en", "ru"):
        payload = json.loads((tk._DATA_DIR / "punkt" / f"{lang}.json").read_text(encoding="utf-8"))
        assert payload["trained_on"] and payload["ortho_context"]
    en = json.loads((tk._DATA_DIR / "punkt" / "en.json").read_text(encoding="utf-8"))
    learned = set(en["abbrev_types"]) - set(en["manual_additions"])
    # learned from the corpus, not added by hand
    assert {"sept", "p.m", "a.m", "u.n", "dr", "mrs"} <= learned


@pytest.mark.parametrize("text, expected", [
    ("Mr. Biden said U.S. forces would leave by Sept. 11. The Taliban disagreed.",
     ["Mr. Biden said U.S. forces would leave by Sept. 11.", "The Taliban disagreed."]),
    ("The U.N. Security Council met at 3 p.m. on Monday. Dr. Smith spoke!",
     ["The U.N. Security Council met at 3 p.m. on Monday.", "Dr. Smith spoke!"]),
    ("Did they leave? Yes.\n\nNew paragraph without a period\nNext line.",
     ["Did they leave?", "Yes.", "New paragraph without a period\nNext line."]),
])
def test_split_sentences_english(text, expected):
    assert split_sentences(text, language="en") == expected


def test_split_sentences_russian():
    text = ("Переговоры прошли в г. Москва, т.е. в столице. Талибы вошли в Кабул. "
            "Совбез ООН собрался в 15 ч. Что дальше?")
    sents = split_sentences(text, language="ru")
    assert sents[0] == "Переговоры прошли в г. Москва, т.е. в столице."
    assert sents[1] == "Талибы вошли в Кабул."
    assert sents[-1] == "Что дальше?"


def test_split_sentences_chinese():
    text = "王毅表示：“中方支持阿富汗和平重建。”美军已撤离；塔利班进入喀布尔！会议结束了吗？"
    assert split_sentences(text, language="zh") == [
        "王毅表示：“中方支持阿富汗和平重建。”", "美军已撤离；", "塔利班进入喀布尔！", "会议结束了吗？",
    ]


# --- many documents -------------------------------------------------------------
def _corpus():
    # synthetic passages in the corpus schema (subset of columns)
    return pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "language": ["en", "ru", "zh"],
            "text": ["The U.S. left.", "США ушли.", "美军撤离。"],
        },
        index=[10, 20, 30],
    )


def test_tokenize_documents_frame_list_and_str():
    out = tokenize_documents(_corpus())
    assert list(out.index) == [10, 20, 30]
    assert out.tolist() == [["the", "u.s.", "left"], ["сша", "ушли"], ["美军", "撤离"]]
    assert tokenize_documents("Kabul fell", language="en").tolist() == [["kabul", "fell"]]
    s = pd.Series(["Kabul fell"], index=["x"])
    assert tokenize_documents(s, language="en").index.tolist() == ["x"]
    assert tokenize_documents(["a b", "c"], language="en", ngrams=2).tolist() == [["a_b"], []]


def test_tokenize_documents_parallel_matches_serial():
    docs = pd.concat([_corpus()] * 50, ignore_index=True)
    add_words(["美军撤离"])
    serial = tokenize_documents(docs, progress=False)
    parallel = tokenize_documents(docs, n_jobs=2, progress=False)
    assert serial.tolist() == parallel.tolist()
    assert serial.iloc[2] == ["美军撤离"]


def test_tokenize_documents_errors():
    with pytest.raises(DiscourseError, match=r"`language` is required"):
        tokenize_documents(["x"])
    bad = _corpus().assign(language=["en", "de", "zh"])
    with pytest.raises(DiscourseError, match=r"Invalid value 'de' for `language`; must be one of: 'en', 'ru', 'zh'"):
        tokenize_documents(bad)
    with pytest.raises(DiscourseError, match=r"disagrees with column 'language'"):
        tokenize_documents(_corpus(), language="en")
    with pytest.raises(DiscourseError, match=r"Invalid value 'body' for `text_column`"):
        tokenize_documents(_corpus(), text_column="body")
    with pytest.raises(TypeError, match=r"every text must be a str"):
        tokenize_documents(_corpus().assign(text=["a", None, "b"]))
    with pytest.raises(DiscourseError, match=r"for `n_jobs`"):
        tokenize_documents(_corpus(), n_jobs=0)
    with pytest.raises(TypeError, match=r"unexpected keyword"):
        tokenize_documents(_corpus(), stemm=True)


def test_tokenize_errors():
    with pytest.raises(DiscourseError, match=r"Invalid value 'english' for `language`; must be one of: 'en', 'ru', 'zh'"):
        tokenize("x", language="english")
    with pytest.raises(DiscourseError, match=r"Invalid value 0 for `ngrams`"):
        tokenize("x", language="en", ngrams=0)
    with pytest.raises(DiscourseError, match=r"Invalid value \(2, 1\) for `ngrams`"):
        tokenize("x", language="en", ngrams=(2, 1))
    with pytest.raises(TypeError, match=r"for `text`; must be a str"):
        tokenize(None, language="en")
    with pytest.raises(TypeError, match=r"for `stopwords`"):
        tokenize("x", language="en", stopwords="the")
    with pytest.raises(DiscourseError, match=r"for `language`"):
        tokenize_spans("x", language="fr")
    with pytest.raises(DiscourseError, match=r"for `language`"):
        split_sentences("x", language="fr")
    with pytest.raises(DiscourseError, match=r"for `language`"):
        stopwords("fr")
