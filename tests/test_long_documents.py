"""One huge document: tokens in pieces equal the whole text's, KWIC and collocations stay small, bars move.

Real corpus texts are joined into long lines here (no text is changed); the
piece size is scaled down with the line, so a line of a few hundred
thousand characters exercises what a 50 MB scrape does. Hand-made strings
are SYNTHETIC and marked so.
"""
from __future__ import annotations

import re
import tracemalloc

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from discourse import collocations, concordance, kwic, load_corpus, tokenizing
from discourse.framing import LexiconFrameClassifier
from discourse.tokenizing import CompactTokens, _token_pieces, compact_tokens, tokenize_spans


def _whole(text, language, **kw):
    spans = tokenize_spans(text, language=language, **kw)
    return [t for t, _, _ in spans], [s for _, s, _ in spans], [e for _, _, e in spans]


def _compact(text, language, **kw):
    toks = compact_tokens(text, language=language, **kw)
    return toks.types, list(toks.starts), list(toks.ends)


@pytest.fixture(scope="module")
def lines():
    """One long line per language: corpus texts joined with a space (newlines kept inside each text)."""
    docs = load_corpus()
    out = {}
    for lang, limit in (("en", 400_000), ("ru", 200_000), ("zh", 200_000)):
        texts, n = [], 0
        for t in docs.loc[docs["language"] == lang, "text"]:
            texts.append(t)
            n += len(t)
            if n > limit:
                break
        out[lang] = " ".join(texts)
    return out


# --- pieces ------------------------------------------------------------------
def test_pieces_are_contiguous_and_cut_only_after_a_safe_character(lines):
    for lang, text in lines.items():
        pieces = list(_token_pieces(text, lang, 1_000))
        assert len(pieces) > 100
        assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
        assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))   # no character lost or repeated
        safe = tokenizing._ZH_CUT_RE if lang == "zh" else tokenizing._EN_CUT_RE
        assert all(safe.fullmatch(text[hi - 1]) for _, hi in pieces[:-1])


def test_a_text_without_a_safe_character_is_one_piece():
    # synthetic: no whitespace at all (en), only Han characters (zh); a cut would split a token
    assert list(_token_pieces("x" * 5_000, "en", 1_000)) == [(0, 5_000)]
    assert list(_token_pieces("塔利班" * 2_000, "zh", 1_000)) == [(0, 6_000)]
    # the first safe character after the limit is used when the second half has none
    assert list(_token_pieces("y" * 1_500 + " tail", "en", 1_000)) == [(0, 1_501), (1_501, 1_505)]


@pytest.mark.parametrize("language", ["en", "ru", "zh"])
def test_tokens_in_small_pieces_equal_the_whole_texts_tokens(lines, monkeypatch, language):
    text = lines[language]
    whole = _whole(text, language)
    monkeypatch.setattr(tokenizing, "TOKEN_PIECE", 500)
    assert _compact(text, language) == whole


def test_pieces_keep_the_chinese_user_dictionary(lines, monkeypatch):
    words = ["喀布尔机场", "阿富汗问题"]
    whole = _whole(lines["zh"], "zh", user_dictionary=words)
    monkeypatch.setattr(tokenizing, "TOKEN_PIECE", 300)
    assert _compact(lines["zh"], "zh", user_dictionary=words) == whole


# synthetic: characters that sit at token edges (no-break and thin spaces in digit
# groups, apostrophes, hyphens, dots, "\r\n", Latin inside Chinese)
_ALPHABET = st.sampled_from(list("ab Z9 .,:-'’\u00a0\u2009\n\r\t_ё塔利班。，U盘") + ["\r\n", "10\u00a0000", "U.S."])


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(_ALPHABET, min_size=1, max_size=80), size=st.integers(2, 12),
       language=st.sampled_from(["en", "ru", "zh"]))
def test_any_text_in_pieces_gives_the_whole_texts_tokens(parts, size, language):
    text = "".join(parts)
    old = tokenizing.TOKEN_PIECE
    tokenizing.TOKEN_PIECE = size
    try:
        assert _compact(text, language) == _whole(text, language)
    finally:
        tokenizing.TOKEN_PIECE = old


# --- KWIC and collocations -----------------------------------------------------
QUERIES = [
    ("en", "taliban", "word"), ("en", "withdraw*", "word"), ("en", "the taliban", "phrase"),
    ("en", r"Afghan\w* (?:people|government|forces)", "regex"),
    ("ru", "талиб*", "word"), ("ru", "в афганистане", "phrase"),
    ("zh", "塔利班", "word"), ("zh", "*阿富汗*", "word"),
]


@pytest.mark.parametrize("language, pattern, pattern_type", QUERIES)
def test_kwic_and_collocations_are_the_same_in_pieces(lines, monkeypatch, language, pattern, pattern_type):
    text = lines[language]
    kw = dict(language=language, pattern_type=pattern_type)
    monkeypatch.setattr(tokenizing, "TOKEN_PIECE", len(text) + 1)   # the whole line at once
    conc, col = kwic(text, pattern, sort_by="left", **kw), collocations(text, pattern, **kw)
    assert len(conc) > 3
    monkeypatch.setattr(tokenizing, "TOKEN_PIECE", 700)
    pd.testing.assert_frame_equal(kwic(text, pattern, sort_by="left", **kw).to_frame(), conc.to_frame())
    pd.testing.assert_frame_equal(collocations(text, pattern, **kw), col)


def _peak(fn) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def tuples_per_token(text, *, language, user_dictionary=None, progress=None, lemmatize=False):
    """How KWIC and collocations held a text's tokens before: the whole list of span tuples, then three lists."""
    spans = tokenize_spans(text, language=language, user_dictionary=user_dictionary, lemmatize=lemmatize)
    return CompactTokens([t for t, _, _ in spans], [s for _, s, _ in spans], [e for _, _, e in spans])


@pytest.mark.parametrize("language", ["en", "zh"])
def test_kwic_on_a_long_line_holds_a_few_bytes_per_token_not_a_tuple(lines, monkeypatch, language):
    # the scaled case of a 50 MB line: Python allocations during kwic, now and as before
    text = lines[language].replace("\n", " ")
    pattern = "taliban" if language == "en" else "塔利班"
    n_tokens = len(tokenize_spans(text, language=language))
    monkeypatch.setattr(tokenizing, "TOKEN_PIECE", 10_000)
    kwic(text[:10_000], pattern, language=language)   # compiled patterns and caches are not the text's cost
    now = _peak(lambda: kwic(text, pattern, language=language))
    monkeypatch.setattr(concordance, "compact_tokens", tuples_per_token)
    before = _peak(lambda: kwic(text, pattern, language=language))
    # offsets (2 x 4 bytes) and a shared string reference (8 bytes) per token; the vocabulary; one piece's work
    assert now < 32 * n_tokens + 300 * tokenizing.TOKEN_PIECE, (now, n_tokens)
    assert before > 4 * now, (before, now)


# --- progress -------------------------------------------------------------------
class _Bar:
    """Stands in for tqdm: records what it was created with and every update."""

    made: list = []

    def __init__(self, **kwargs):
        self.kwargs, self.n, self.updates = kwargs, 0, []
        _Bar.made.append(self)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, k):
        self.n += k
        self.updates.append(k)


@pytest.fixture
def bars(monkeypatch):
    from discourse import _progress

    _Bar.made = []
    monkeypatch.setattr("tqdm.auto.tqdm", _Bar)
    monkeypatch.setattr(_progress, "interactive", lambda: True)
    monkeypatch.setattr(_progress, "PROGRESS_CHARS", 1_000)
    return _Bar.made


def test_kwic_and_collocation_bars_move_inside_one_long_document(lines, bars, monkeypatch):
    text = lines["en"]
    monkeypatch.setattr(tokenizing, "TOKEN_PIECE", 20_000)
    kwic(text, "taliban", language="en")
    collocations(text, "taliban", language="en")
    assert [b.kwargs["desc"] for b in bars] == ["kwic", "collocations"]
    for bar in bars:
        assert bar.kwargs["total"] == len(text) and not bar.kwargs["disable"]
        assert bar.n == len(text) and len(bar.updates) >= len(text) // 20_000


def test_lexicon_bar_moves_frame_by_frame_inside_one_document(lines, bars):
    text = lines["en"][:50_000]
    clf = LexiconFrameClassifier("afghanistan", language="en").fit()
    clf.predict([text])
    (bar,) = bars
    assert bar.kwargs["desc"] == "frame lexicon" and bar.n == len(text)
    assert len([k for k in bar.updates if k]) == len(clf.frames_)


def test_a_bar_over_characters_for_long_work_only(bars, monkeypatch):
    # synthetic texts; the threshold (1,000 characters here) decides
    from discourse import _progress

    texts = pd.DataFrame({"text": ["Refugees fled Kabul.", "Talks in Doha."], "language": "en"})
    monkeypatch.setattr(_progress, "PROGRESS_CHARS", 10)
    LexiconFrameClassifier("afghanistan").fit().predict(texts)
    assert bars[-1].kwargs["total"] == bars[-1].n == len("Refugees fled Kabul.") + len("Talks in Doha.")
    assert bars[-1].kwargs["unit"] == "char" and bars[-1].kwargs["disable"] is False
    monkeypatch.setattr(_progress, "PROGRESS_CHARS", 10_000)
    LexiconFrameClassifier("afghanistan").fit().predict(texts)
    kwic("The Taliban entered Kabul.", "taliban", language="en")
    assert bars[-2].kwargs["disable"] and bars[-1].kwargs["disable"]   # short work: no bar


# --- the frame lexicon looks only near each hit ---------------------------------
def _look_everywhere(monkeypatch):
    """Make the matcher's bisected searches return every match, as before they existed (the loops re-check)."""
    from discourse.framing import matching

    monkeypatch.setattr(matching._Found, "starting_in", lambda self, lo, hi: self.found)
    monkeypatch.setattr(matching._Found, "ending_after_starting_before", lambda self, lo, hi: self.found)
    monkeypatch.setattr(matching._Found, "starting_in_ending_by", lambda self, lo, end: self.found)

    def first_overlapping(self, start, end):
        return min(((k, t) for k, t, s, e in self.found if s < end and start < e), default=(None, None))[1]

    monkeypatch.setattr(matching._Exclusions, "first_overlapping", first_overlapping)
    monkeypatch.setattr(matching._Disjoint, "add", lambda self, s, e: self.__dict__.setdefault("all", []).append((s, e)))
    monkeypatch.setattr(matching._Disjoint, "overlaps",
                        lambda self, s, e: any(a < e and s < b for a, b in self.__dict__.get("all", [])))


@pytest.mark.parametrize("language", ["en", "zh", "ru"])
def test_lexicon_hits_are_those_of_a_search_over_every_match(lines, monkeypatch, language):
    from discourse.framing import load_codebook
    from discourse.framing.matching import FrameMatcher
    from discourse.studies.afghanistan import load_gold

    gold = load_gold()
    texts = gold.loc[gold["language"] == language, "text"].tolist() + [lines[language][:100_000]]
    matcher = FrameMatcher(load_codebook("afghanistan"), language)
    fast = [matcher.hits(t) for t in texts]
    assert sum(h.rule is not None for hits in fast for h in hits) > 10      # rules and their windows are exercised
    assert sum(h.reason is not None for hits in fast for h in hits) > 10    # so are exclusions, negations, overlaps
    _look_everywhere(monkeypatch)
    assert [matcher.hits(t) for t in texts] == fast
