"""Tests for discourse.terms: the term syntax and TermFilter (synthetic texts)."""
import re

import pandas as pd
import pytest

from discourse._errors import ParameterError
from discourse.terms import TermFilter, compile_term


@pytest.mark.parametrize("term, language, text, expected", [
    ("провал*", "ru", "полный провал, провалом", ["провал", "провалом"]),
    ("over-the-horizon", "en", "an over the\u00a0horizon capability", ["over the\u00a0horizon"]),
    ("biden's", "en", "Biden\u2019s plan", ["Biden\u2019s"]),
    ("ещё", "ru", "еще раз", ["еще"]),
    ("war", "en", "warfare and war", ["war"]),   # whole words only
    ("人道", "zh", "人道主义援助", ["人道"]),       # substrings in Chinese
])
def test_compile_term_semantics(term, language, text, expected):
    assert [m.group(0) for m in re.finditer(compile_term(term, language=language), text, re.I)] == expected


@pytest.mark.parametrize("term, language, match", [
    ("", "en", "`term` must be a non-empty string"),
    ("*ban", "en", "whose `*` only ends a word"),
    ("塔*", "zh", "zh term without `*`"),
])
def test_bad_terms(term, language, match):
    with pytest.raises(ParameterError, match=re.escape(match)):
        compile_term(term, language=language)
    with pytest.raises(ParameterError, match="`language` must be one of: 'en', 'zh', 'ru'; got 'de'"):
        compile_term("x", language="de")


def test_filter_longest_term_wins_and_regex_mode():
    glob = TermFilter({"en": ["state", "islamic state*"]})
    assert glob.matches("The Islamic State Khorasan", language="en") == ["islamic state"]
    rx = TermFilter({"en": [r"isis-k\b", r"doha (?:agreement|deal)"]}, regex=True)
    assert rx.matches("ISIS-K and the Doha deal, not ISIS-Kx", language="en") == ["isis-k", "doha deal"]
    with pytest.raises(ParameterError, match=r"`terms\['en'\]` must be valid regular expressions"):
        TermFilter({"en": ["(unclosed"]}, regex=True)


def test_mask_reads_title_and_text_per_language():
    docs = pd.DataFrame({"language": ["en", "ru", "zh", "en"], "title": ["Kabul", "", "", ""],  # synthetic
                         "text": ["nothing", "в Кабуле", "无关", "kabul airport"]})
    f = TermFilter({"en": ["kabul*"], "ru": ["кабул*"]})
    assert f.mask(docs).tolist() == [True, True, False, True]
    assert f.search("в Кабуле", language="ru") and not f.search("无关", language="zh")
    with pytest.raises(ParameterError, match="`terms` must be one of: 'en', 'zh', 'ru'; got 'fr'"):
        TermFilter({"fr": ["x"]})
    with pytest.raises(ParameterError, match="`terms` must be a list of terms or a mapping"):
        TermFilter("kabul")
