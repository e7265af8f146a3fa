"""The term index finds exactly the matches of the regular expressions it replaces.

:class:`discourse._term_index.TermIndex` answers, in one Aho–Corasick pass,
what ``re.finditer`` over each list's alternation of
:func:`discourse.terms.compile_term` patterns answers. The checks:

* every bundled codebook, in every language, on corpus passages (every zh
  and ru passage, a seeded sample of the en ones; the lexicon benchmark
  compares every en document): the frame matcher's index against its
  regex definition;
* generated term lists and texts (hypothesis; SYNTHETIC): wildcards,
  case-sensitive ``=`` terms, multiword and hyphenated terms, apostrophes,
  "u.s."-style dots, and characters whose case-insensitive matches are
  unusual (İ ı ſ K-sign ς ё ß ﬁ ’ …);
* over every code point, the property of Python's ``re.IGNORECASE`` the
  index relies on (an uncased character matches only itself).
"""
from __future__ import annotations

import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from discourse import load_corpus, passages
from discourse._term_index import TermIndex, _cased_characters, _is_cased
from discourse.framing.codebooks import load_codebook
from discourse.framing.matching import FrameMatcher
from discourse.terms import compile_term

EN_SAMPLE = 10_000
# every bundled codebook in every language it has terms for
CASES = [(name, language) for name in ("afghanistan", "policy", "generic") for language in ("en", "zh", "ru")
         if any(frame.lexicon.get(language) for frame in load_codebook(name).frames)]


@pytest.fixture(scope="module")
def corpus_passages():
    return passages(load_corpus())


@pytest.mark.parametrize(("codebook", "language"), CASES)
def test_the_index_finds_what_the_regular_expressions_find_on_corpus_passages(corpus_passages, codebook, language):
    texts = corpus_passages.loc[corpus_passages["language"] == language, "text"]
    if language == "en":
        texts = texts.sample(n=min(EN_SAMPLE, len(texts)), random_state=12)
    matcher = FrameMatcher(load_codebook(codebook), language)
    assert len(texts) > 900
    found_any = 0
    for text in texts:
        expected = matcher._regex_search(text)
        assert matcher._search(text) == expected, text
        found_any += any(expected.values())
    assert found_any > len(texts) // 20  # the comparison is not between empty results


def _reference(lists: list[list[str]], language: str, text: str) -> dict[int, list[tuple[str, int, int]]]:
    """``finditer`` over each list's alternation, one group per term, first term first."""
    out = {}
    for number, terms in enumerate(lists):
        pattern = re.compile("|".join(f"({compile_term(t, language=language)})" for t in terms), re.IGNORECASE)
        out[number] = [(terms[m.lastindex - 1], m.start(), m.end()) for m in pattern.finditer(text)]
    return out


# A small alphabet, so that generated terms do occur in generated texts; with
# the characters Python's case folding treats specially (SYNTHETIC).
_LETTERS = "aeiksstnu" + "İıſ\u212aςσßﬁ" + "еёжд" + "塔利班人道"
_WORD_CHARS = _LETTERS + "0"
_TEXT_CHARS = _WORD_CHARS + "AEIKSTNUΣЁЕ" + " -\u2013\u00a0'’.\n"
_word = st.text(st.sampled_from(_WORD_CHARS), min_size=1, max_size=4)


@st.composite
def _term(draw, language: str) -> str:
    if language == "zh":
        return draw(st.text(st.sampled_from("塔利班人道ai"), min_size=1, max_size=3))
    words = draw(st.lists(_word, min_size=1, max_size=3))
    words = [w + ("*" if draw(st.booleans()) and i == len(words) - 1 else "") for i, w in enumerate(words)]
    if draw(st.integers(0, 5)) == 0:
        words[0] = draw(st.sampled_from(["'", "’", "-", "u.", "."])) + words[0]
    term = draw(st.sampled_from([" ", "-"])).join(words)
    return ("=" if draw(st.integers(0, 4)) == 0 else "") + term


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), language=st.sampled_from(["en", "ru", "zh"]))
def test_the_index_agrees_with_finditer_on_generated_terms_and_texts(data, language):
    lists = data.draw(st.lists(st.lists(_term(language), min_size=1, max_size=6), min_size=1, max_size=4))
    pieces = st.one_of(st.text(st.sampled_from(_TEXT_CHARS), max_size=6),
                       st.sampled_from([t.lstrip("=").replace("*", "") for terms in lists for t in terms]))
    text = "".join(data.draw(st.lists(pieces, max_size=12)))
    index = TermIndex(language)
    numbers = [index.add(terms) for terms in lists]
    assert numbers == list(range(len(lists)))
    assert index.search(text) == _reference(lists, language, text)


def test_terms_added_after_a_search_are_found():
    index = TermIndex("en")
    first = index.add(["kabul"])
    assert index.search("Kabul airport") == {first: [("kabul", 0, 5)]}
    second = index.add(["airport*"])
    assert index.search("Kabul airports") == {first: [("kabul", 0, 5)], second: [("airport*", 6, 14)]}


def test_an_uncased_character_matches_only_itself_case_insensitively():
    """What the index's fold assumes of ``re.IGNORECASE``, checked over every code point.

    A character that has no other case matches no other character (the
    engine compiles it as an exact literal when ``_sre.unicode_iscased`` is
    false, which is our ``_is_cased``), and a cased one matches only cased
    characters; so the classes the index reads off the engine (matching a
    character against ``_cased_characters()``) are complete.
    """
    import _sre

    cased = _cased_characters()
    assert len(cased) > 2000 and all(_is_cased(c) for c in cased)
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    uncased = "".join(c for c in every if not _is_cased(c))
    assert len(cased) + len(uncased) == len(every)
    assert [c for c in every if _sre.unicode_iscased(ord(c)) != _is_cased(c)] == []
    # re.IGNORECASE matches two characters when their lower cases agree, or
    # one is a special fold of the other; a cased character never matches an uncased one.
    uncased_class = re.compile("[" + re.escape(uncased) + "]", re.IGNORECASE)
    assert uncased_class.findall(cased) == []
    cased_class = re.compile("[" + re.escape(cased) + "]", re.IGNORECASE)
    assert cased_class.findall(uncased) == []
