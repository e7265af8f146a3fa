"""Tokenize English, Russian and Chinese text; split sentences; stopword lists.

Everything here works offline from files shipped in ``discourse/data``:

* English and Russian words come from one compiled regular expression,
  :data:`WORD_PATTERN` (words with internal hyphens and apostrophes such as
  "al-Qaeda", "don't", "ISIS-K", "из-за"; dotted abbreviations such as "U.S.";
  numbers, including digit groups separated by no-break spaces, "10 000").
  Curly apostrophes and non-breaking hyphens are read as their ASCII forms,
  and with ``lowercase=True`` Russian "ё" is folded to "е" (writers use the
  two interchangeably).
* Chinese is segmented by one :class:`ChineseSegmenter` per user dictionary:
  a private ``jieba.Tokenizer`` (jieba's global one is never touched), loaded
  lazily and quietly, with HMM new-word discovery **off** so that
  segmentation depends only on the dictionary. Tokens, token spans (KWIC,
  collocations), multi-word expressions and the lexicon's per-token rates
  all come from the same segmenter, so a word counted with
  ``user_dictionary=`` is the same word everywhere, and no call changes how
  another call segments. Words are cut from the original text and then
  lower-cased (lower-casing first would lose dictionary words such as U盘).
  ``data/jieba_userdict.txt`` adds names and organisations that jieba 0.42.1
  splits by default (上合组织 → 上/合/组织, 王毅 → 王/毅, 加尼 → 加/尼, ...);
  every entry is checked in ``tests/test_tokenizing.py`` to change the
  default segmentation.
* A token is a run that contains a letter or a digit: punctuation and lone
  underscores are never tokens, in counts, concordances or collocations.
* Sentences: NLTK's Punkt with parameters trained on our own corpus
  (``scripts/train_punkt.py`` → ``data/punkt/{en,ru}.json``); Chinese by rule.
* Stopwords: ``data/stopwords/{en,ru,zh}.txt``; origin and licence in
  ``data/stopwords/SOURCES.md``.
"""
from __future__ import annotations

import json
import logging
import os
import re
import sys
import threading
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any

import pandas as pd

from discourse._errors import ParameterError, invalid_value_message
from discourse._progress import interactive
from discourse._typing import TextInput, UserDictionary
from discourse._validation import check_bool, check_int, check_language, check_n_jobs
from discourse.paths import DATA_DIR
from discourse.schema import LANGUAGES
from discourse.inputs import text_inputs

__all__ = [
    "ChineseSegmenter",
    "CompactTokens",
    "TOKEN_PIECE",
    "WORD_PATTERN",
    "chinese_segmenter",
    "compact_tokens",
    "sentence_spans",
    "split_sentences",
    "stopwords",
    "tokenize",
    "tokenize_documents",
    "tokenize_spans",
]

_DATA_DIR = DATA_DIR
_USERDICT = _DATA_DIR / "jieba_userdict.txt"

# One alternative per token kind, most specific first. Kept free of inline
# flags and groups so that it can be passed unchanged to scikit-learn's
# ``CountVectorizer(token_pattern=WORD_PATTERN)``.
_LETTER = r"[^\W\d_]"
# Fast path first: a plain word that is not followed by a character that
# could extend it into one of the special tokens below. With it, ordinary
# words cost one branch instead of four (about 1.7x faster; the token stream
# is identical on the whole staged corpus). Possessive quantifiers (Python
# 3.11+) stop backtracking into shorter words; 3.10 gets an equivalent,
# slower lookahead.
if sys.version_info >= (3, 11):
    _FAST_WORD = r"\w++(?:['\-]\w++)*+(?![.,:\u00a0\u202f\u2009]\w)|"
else:  # pragma: no cover
    _FAST_WORD = r"\w+(?:['\-]\w+)*(?![.,:\u00a0\u202f\u2009'\-]?\w)|"
WORD_PATTERN: str = _FAST_WORD + (
    # dotted abbreviations: U.S., U.N., e.g., т.е. (a letter after each dot,
    # not followed by another letter, so "t.co" stays two tokens)
    rf"{_LETTER}(?:\.{_LETTER}(?!{_LETTER}))+\.?"
    # digit groups separated by (narrow) no-break or thin spaces: 10 000
    r"|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?!\d)"
    # decimals, thousands separators, clock times: 3.5, 1,000, 3:42
    r"|\d+(?:[.,:]\d+)+"
    # words and numbers, with internal hyphens or apostrophes
    r"|\w+(?:['\-]\w+)*"
)
"""Regular expression for English and Russian tokens (see module docstring)."""

_WORD_RE = re.compile(WORD_PATTERN)
_DIGIT_SPACE_RE = re.compile(r"(?<=\d)[\u00a0\u202f\u2009](?=\d{3}(?!\d))")
_DIGIT_SPACES = ("\u00a0", "\u202f", "\u2009")
# A token must hold a letter or a digit: "_" and punctuation are not words.
_IS_WORD = re.compile(r"[^\W_]").search

# One-to-one character maps, so offsets into the mapped text are offsets into
# the original (tokenize_spans relies on this).
_BASE_MAP = {ord("\u2019"): "'", ord("\u02bc"): "'", ord("\u2010"): "-", ord("\u2011"): "-"}
_RU_FOLD_MAP = {**_BASE_MAP, ord("ё"): "е", ord("Ё"): "Е"}
_BASE_REPLACEMENTS = tuple((chr(k), v) for k, v in _BASE_MAP.items())
_RU_FOLD_REPLACEMENTS = (("ё", "е"), ("Ё", "Е"))

_SNOWBALL_NAMES = {"en": "english", "ru": "russian"}
_MWE_JOINER = "_"
_NGRAM_JOINER = "_"
_TOKENIZE_OPTIONS = ("lowercase", "stem", "lemmatize", "remove_stopwords", "stopwords", "multiword", "ngrams", "user_dictionary")


# ---------------------------------------------------------------------------
# validation helpers
# ---------------------------------------------------------------------------
def _check_ngrams(ngrams: Any) -> tuple[int, int]:
    if not isinstance(ngrams, (tuple, list)):
        n = check_int("ngrams", ngrams, minimum=1)
        return n, n
    if len(ngrams) == 2:
        lo = check_int("ngrams", ngrams[0], minimum=1)
        hi = check_int("ngrams", ngrams[1], minimum=1)
        if lo <= hi:
            return lo, hi
    raise ParameterError(invalid_value_message(
        "ngrams", ngrams, must="an int n >= 1 or a pair (min_n, max_n) with 1 <= min_n <= max_n"))


def _check_text(text: Any, argument: str = "text") -> str:
    if not isinstance(text, str):
        raise ParameterError(invalid_value_message(argument, text, must="a str"))
    return text


# ---------------------------------------------------------------------------
# stopwords
# ---------------------------------------------------------------------------
@lru_cache(maxsize=None)
def stopwords(language: str) -> frozenset[str]:
    """Return the shipped stopword list for ``language``.

    The lists are copied verbatim from openly licensed packages (see
    ``discourse/data/stopwords/SOURCES.md``). Russian entries are folded
    ``ё`` → ``е`` to match tokens produced with ``lowercase=True``.

    Parameters
    ----------
    language : {'en', 'zh', 'ru'}
        Language of the list.

    Returns
    -------
    frozenset of str
        Lower-case stopwords. Combine with set operators to adapt it, e.g.
        ``stopwords("en") - {"us"}``.

    Raises
    ------
    ParameterError
        If ``language`` is not supported.

    Examples
    --------
    >>> "the" in stopwords("en"), "и" in stopwords("ru"), "的" in stopwords("zh")
    (True, True, True)
    >>> "еще" in stopwords("ru")   # shipped as "ещё"
    True
    """
    check_language("language", language)
    path = _DATA_DIR / "stopwords" / f"{language}.txt"
    words = {w.strip() for w in path.read_text(encoding="utf-8").splitlines() if w.strip()}
    if language == "ru":
        words = {w.translate(_RU_FOLD_MAP) for w in words}
    return frozenset(w.lower() for w in words)


# ---------------------------------------------------------------------------
# Chinese segmentation
# ---------------------------------------------------------------------------
_JIEBA_LOCK = threading.RLock()
_JIEBA_BASE: Any = None
_SEGMENTERS: dict[Any, ChineseSegmenter] = {}
_MAX_SEGMENTERS = 8


def _quiet_jieba_tokenizer() -> Any:
    import jieba

    tok = jieba.Tokenizer()
    logger = logging.getLogger("jieba")
    old_level = logger.level
    # jieba logs "Building prefix dict ..." at DEBUG through its own stderr
    # handler; silence it while loading without changing it for anyone else.
    logger.setLevel(logging.WARNING)
    try:
        tok.initialize()
    finally:
        logger.setLevel(old_level)
    return tok


def _base_jieba() -> Any:
    """jieba's dictionary plus the shipped user dictionary, loaded once and never changed."""
    global _JIEBA_BASE
    with _JIEBA_LOCK:
        if _JIEBA_BASE is None:
            tok = _quiet_jieba_tokenizer()
            # jieba leaves a file it opened itself unclosed; hand it one we close.
            with open(_USERDICT, "rb") as fh:
                tok.load_userdict(fh)
            _JIEBA_BASE = tok
        return _JIEBA_BASE


def _copy_jieba(base: Any) -> Any:
    import jieba

    # A dictionary copy is ~50 ms; re-initialising from jieba's cache is ~1 s.
    tok = jieba.Tokenizer()
    tok.FREQ = dict(base.FREQ)
    tok.total = base.total
    tok.user_word_tag_tab = dict(base.user_word_tag_tab)
    tok.initialized = True
    return tok


def _clean_words(words: Any, argument: str) -> list[str]:
    if isinstance(words, str):
        words = [words]
    if not isinstance(words, Iterable):
        raise ParameterError(invalid_value_message(argument, words, must="a path, a str or an iterable of str"))
    out = []
    for w in words:
        if not isinstance(w, str) or not w.strip() or any(c.isspace() for c in w.strip()):
            raise ParameterError(invalid_value_message(argument, w, must="a list of non-empty words without spaces"))
        out.append(w.strip())
    return out


def _user_dictionary_key(user_dictionary: Any) -> Any:
    """A hashable key for a user dictionary (a file's key includes its modification time)."""
    if user_dictionary is None:
        return None
    if isinstance(user_dictionary, (str, os.PathLike)) and not (
        isinstance(user_dictionary, str) and not Path(user_dictionary).suffix and not Path(user_dictionary).exists()
        and not any(sep in user_dictionary for sep in "/\\")
    ):
        path = Path(user_dictionary)
        if not path.is_file():
            raise ParameterError(invalid_value_message(
                "user_dictionary", str(user_dictionary),
                must="an existing jieba user-dictionary file (one 'word [freq] [tag]' per line) or a list of words"))
        return ("path", str(path.resolve()), path.stat().st_mtime_ns)
    return ("words", tuple(_clean_words(user_dictionary, "user_dictionary")))


class ChineseSegmenter:
    """Chinese word segmentation: jieba with the shipped dictionary, a user dictionary, HMM off.

    Use :func:`chinese_segmenter` to get one: segmenters are cached by their
    user dictionary, and a segmenter never changes once made, so no call can
    change how another call segments.

    Parameters
    ----------
    user_dictionary : path or list of str, optional
        Extra words kept whole, on top of jieba's dictionary and
        ``data/jieba_userdict.txt``: a jieba user-dictionary file or a list of
        words.

    Examples
    --------
    >>> seg = chinese_segmenter(["阿富汗临时政府"])
    >>> seg.words("阿富汗临时政府宣布")
    ['阿富汗临时政府', '宣布']
    >>> seg.spans("用U盘")
    [('用', 0, 1), ('U盘', 1, 3)]
    """

    def __init__(self, user_dictionary: UserDictionary = None):
        self.key = _user_dictionary_key(user_dictionary)
        base = _base_jieba()
        if self.key is None:
            self._jieba = base
        else:
            tok = _copy_jieba(base)
            if self.key[0] == "path":
                with open(self.key[1], "rb") as fh:
                    tok.load_userdict(fh)
            else:
                for word in self.key[1]:
                    tok.add_word(word)
            self._jieba = tok

    def __repr__(self) -> str:
        what = "no user dictionary" if self.key is None else (
            f"user dictionary {self.key[1]}" if self.key[0] == "path" else f"{len(self.key[1])} user words")
        return f"ChineseSegmenter({what})"

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        """Words of ``text`` as written, with character offsets; punctuation and symbols dropped."""
        return [(w, s, e) for w, s, e in self._jieba.tokenize(text, HMM=False) if _IS_WORD(w)]

    def words(self, text: str, *, lowercase: bool = True) -> list[str]:
        """Words of ``text``, lower-cased by default (cut first, then lower-cased)."""
        words = [w for w in self._jieba.lcut(text, HMM=False) if _IS_WORD(w)]
        return [w.lower() for w in words] if lowercase else words


def chinese_segmenter(user_dictionary: UserDictionary = None) -> ChineseSegmenter:
    """The (cached) :class:`ChineseSegmenter` for a user dictionary.

    Raises
    ------
    ParameterError
        If ``user_dictionary`` names no file, or holds an empty word or one
        with spaces.
    """
    key = _user_dictionary_key(user_dictionary)
    with _JIEBA_LOCK:
        seg = _SEGMENTERS.get(key)
        if seg is None:
            seg = ChineseSegmenter(user_dictionary)
            if len(_SEGMENTERS) >= _MAX_SEGMENTERS:
                _SEGMENTERS.pop(next(iter(_SEGMENTERS)))
            _SEGMENTERS[key] = seg
        return seg


# ---------------------------------------------------------------------------
# tokenization
# ---------------------------------------------------------------------------
def _raw_tokens(text: str, language: str, lowercase: bool, user_dictionary: Any = None) -> list[str]:
    if language == "zh":
        return chinese_segmenter(user_dictionary).words(text, lowercase=lowercase)
    # str.replace guarded by `in` is several times faster than str.translate
    # with a dict table, which maps character by character in Python objects.
    for src, dst in _BASE_REPLACEMENTS:
        if src in text:
            text = text.replace(src, dst)
    if lowercase:
        if language == "ru":
            for src, dst in _RU_FOLD_REPLACEMENTS:
                if src in text:
                    text = text.replace(src, dst)
        text = text.lower()
    if "\u00a0" in text or "\u202f" in text or "\u2009" in text:
        text = _DIGIT_SPACE_RE.sub("", text)
    tokens = _WORD_RE.findall(text)
    if "_" in text:
        tokens = [t for t in tokens if _IS_WORD(t)]
    return tokens


@lru_cache(maxsize=64)
def _compile_multiword(phrases: tuple[str, ...], language: str, user_dictionary_key: Any) -> dict:
    """Phrase table keyed by first token; phrases are tokenized exactly like the text."""
    user_dictionary = None
    if user_dictionary_key is not None:
        user_dictionary = user_dictionary_key[1] if user_dictionary_key[0] == "path" else list(user_dictionary_key[1])
    table: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for phrase in phrases:
        if not isinstance(phrase, str) or not phrase.strip():
            raise ParameterError(invalid_value_message("multiword", phrase, must="a list of non-empty phrases"))
        parts = tuple(t.lower() for t in _raw_tokens(phrase, language, True, user_dictionary))
        if len(parts) >= 2 and parts not in table[parts[0]]:
            table[parts[0]].append(parts)
    for cands in table.values():
        cands.sort(key=len, reverse=True)  # longest match wins
    return dict(table)


def _merge_multiword(tokens: list[str], table: dict, fold: bool) -> tuple[list[str], set[str]]:
    keys = [t.lower() for t in tokens] if fold else tokens
    starts = [i for i, k in enumerate(keys) if k in table]
    if not starts:
        return tokens, set()
    out: list[str] = []
    made: set[str] = set()
    pos = 0
    for i in starts:
        if i < pos:
            continue
        for phrase in table[keys[i]]:
            n = len(phrase)
            if tuple(keys[i:i + n]) == phrase:
                out.extend(tokens[pos:i])
                joined = _MWE_JOINER.join(tokens[i:i + n])
                out.append(joined)
                made.add(joined)
                pos = i + n
                break
    out.extend(tokens[pos:])
    return out, made


_STEMMERS: dict[str, Any] = {}
_STEM_CACHE: dict[str, dict[str, str]] = {"en": {}, "ru": {}}


def _stem_all(tokens: list[str], language: str, keep: set[str]) -> list[str]:
    cache = _STEM_CACHE[language]
    missing = {t for t in tokens if t not in cache}
    if missing:
        stemmer = _STEMMERS.get(language)
        if stemmer is None:
            from nltk.stem import SnowballStemmer

            stemmer = _STEMMERS[language] = SnowballStemmer(_SNOWBALL_NAMES[language])
        for t in missing:
            cache[t] = t if t in keep else stemmer.stem(t)
    return [cache[t] if t not in keep else t for t in tokens]


_LEMMA_INSTALL = "pip install pymorphy3 pymorphy3-dicts-ru"
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE).search
_MORPH: Any = None


def _morph() -> Any:
    """pymorphy3's Russian analyzer, loaded once (its dictionary ships in a PyPI wheel; nothing is downloaded)."""
    global _MORPH
    if _MORPH is None:
        try:
            import pymorphy3
        except ImportError as exc:
            raise ImportError(
                "`lemmatize=True` needs the Russian dictionary lemmatizer pymorphy3; "
                f"install it with `{_LEMMA_INSTALL}`.") from exc
        _MORPH = pymorphy3.MorphAnalyzer(lang="ru")
    return _MORPH


@lru_cache(maxsize=262_144)
def _lemma_ru(word: str, fold: bool) -> str:
    # One analysis per word form: a corpus has far fewer forms than tokens,
    # and pymorphy3 analyses ~8,000 tokens/s uncached.
    if not _CYRILLIC(word):
        return word  # numbers and Latin words have no Russian lemma
    lemma = _morph().parse(word)[0].normal_form
    return lemma.replace("ё", "е") if fold else lemma


def _check_stem_lemmatize(stem: bool, lemmatize: bool) -> None:
    if stem and lemmatize:
        raise ParameterError(
            "`stem=True` and `lemmatize=True` cannot be combined; got both. "
            "Choose one way of reducing word forms.")


def _lemmatize_all(tokens: list[str], language: str, keep: set[str], fold: bool) -> list[str]:
    if language != "ru":
        return tokens
    return [t if t in keep else _lemma_ru(t, fold) for t in tokens]


def _ngrams(tokens: list[str], lo: int, hi: int) -> list[str]:
    out = list(tokens) if lo == 1 else []
    for n in range(max(lo, 2), hi + 1):
        out.extend(map(_NGRAM_JOINER.join, zip(*(tokens[k:] for k in range(n)))))
    return out


def tokenize(
    text: str,
    *,
    language: str,
    lowercase: bool = True,
    stem: bool = False,
    lemmatize: bool = False,
    remove_stopwords: bool = False,
    stopwords: Iterable[str] | None = None,
    multiword: Iterable[str] | None = None,
    ngrams: int | tuple[int, int] = 1,
    user_dictionary: UserDictionary = None,
) -> list[str]:
    """Split one text into word tokens.

    Steps, in order: tokenize (regex for en/ru, the Chinese segmenter for
    zh; punctuation is dropped) → join ``multiword`` expressions → remove
    stopwords → stem (Snowball, en/ru) or lemmatize (ru) → form n-grams.

    Parameters
    ----------
    text : str
        The text.
    language : {'en', 'zh', 'ru'}
        Language of ``text``.
    lowercase : bool, default True
        Lower-case tokens (and fold Russian ё → е).
    stem : bool, default False
        Reduce en/ru tokens to Snowball stems (``nltk.stem.SnowballStemmer``).
        Chinese has no inflection; the option does nothing there.
        Multi-word tokens are not stemmed.
    lemmatize : bool, default False
        Replace each Russian token by its dictionary lemma (pymorphy3 with
        the OpenCorpora dictionary of ``pymorphy3-dicts-ru``; the most
        probable analysis of the word form, out of context), so
        "афганистане", "афганистана" and "афганистан" are one word. Lemmas
        are lower-case (ё folded to е with ``lowercase=True``); participles
        become their verb's infinitive. Tokens without a Cyrillic letter
        and multi-word tokens are kept. Chinese has no inflection: the
        option does nothing there. English tokens are also left as they
        are: no English dictionary lemmatizer is installed (NLTK's WordNet
        lemmatizer needs a data download); use ``stem=True`` for English.
        Stopwords are removed before lemmatizing (the lists hold word
        forms). Cannot be combined with ``stem``.
    remove_stopwords : bool, default False
        Drop stopwords (matched case-insensitively).
    stopwords : iterable of str, optional
        Stopword list to use instead of :func:`stopwords(language)
        <stopwords>`. Passing a list implies ``remove_stopwords=True``.
    multiword : iterable of str, optional
        Phrases kept as one token, e.g. ``["United States", "Совет
        Безопасности"]``. Phrases are tokenized like the text (with the same
        ``user_dictionary``) and matched case-insensitively, longest first;
        the parts are joined with ``"_"`` ("united_states";
        "安理会_常任理事国" for zh).
    ngrams : int or (int, int), default 1
        ``n``: return only n-grams; ``(min_n, max_n)``: all n-grams in that
        range, as in scikit-learn's ``ngram_range``. Parts are joined with
        ``"_"``; n-grams are formed after stopword removal.
    user_dictionary : path or list of str, optional
        zh only: extra jieba words (a user-dictionary file or a list of
        words), on top of the shipped dictionary; see :func:`chinese_segmenter`.

    Returns
    -------
    list of str

    Raises
    ------
    ParameterError
        If ``text`` is not a str, or ``language``, ``ngrams``, ``stopwords``,
        ``multiword`` or ``user_dictionary`` is invalid, or ``stem`` and
        ``lemmatize`` are both true.
    ImportError
        With ``lemmatize=True`` on Russian text when pymorphy3 is not
        installed (the message says how to install it).

    Examples
    --------
    >>> tokenize("U.S. forces left al-Qaeda's haven, didn't they?", language="en")
    ['u.s.', 'forces', 'left', "al-qaeda's", 'haven', "didn't", 'they']
    >>> tokenize("The United States and the Security Council", language="en",
    ...          multiword=["United States", "Security Council"], remove_stopwords=True)
    ['united_states', 'security_council']
    >>> tokenize("Талибы вошли в Кабул, ещё 10\\u00a0000 человек", language="ru")
    ['талибы', 'вошли', 'в', 'кабул', 'еще', '10000', 'человек']
    >>> tokenize("塔利班进入喀布尔。", language="zh")
    ['塔利班', '进入', '喀布尔']
    >>> tokenize("喀布尔机场关闭", language="zh", user_dictionary=["喀布尔机场"])
    ['喀布尔机场', '关闭']
    >>> tokenize("withdrawing troops", language="en", stem=True, ngrams=(1, 2))
    ['withdraw', 'troop', 'withdraw_troop']
    >>> tokenize("Талибы вошли в Кабул и заняли Афганистан", language="ru", lemmatize=True)
    ['талиб', 'войти', 'в', 'кабул', 'и', 'занять', 'афганистан']
    """
    _check_text(text)
    check_language("language", language)
    _check_stem_lemmatize(stem, lemmatize)
    lo, hi = _check_ngrams(ngrams)
    tokens = _raw_tokens(text, language, lowercase, user_dictionary)
    made: set[str] = set()
    if multiword is not None:
        if isinstance(multiword, str):
            multiword = [multiword]
        table = _compile_multiword(tuple(multiword), language, _user_dictionary_key(user_dictionary))
        if table:
            tokens, made = _merge_multiword(tokens, table, fold=not lowercase)
    if remove_stopwords or stopwords is not None:
        if stopwords is None:
            sw = globals()["stopwords"](language)
        else:
            if isinstance(stopwords, str):
                raise ParameterError(invalid_value_message(
                    "stopwords", stopwords, must="an iterable of str (a set or list), not a single string"))
            sw = frozenset(w.lower() for w in stopwords)
        if lowercase:
            tokens = [t for t in tokens if t not in sw]
        else:
            tokens = [t for t in tokens if t.lower() not in sw]
    if stem and language in _SNOWBALL_NAMES:
        tokens = _stem_all(tokens, language, made)
    elif lemmatize:
        tokens = _lemmatize_all(tokens, language, made, lowercase)
    if (lo, hi) != (1, 1):
        tokens = _ngrams(tokens, lo, hi)
    return tokens


def tokenize_spans(
    text: str, *, language: str, lowercase: bool = True, user_dictionary: UserDictionary = None,
    lemmatize: bool = False,
) -> list[tuple[str, int, int]]:
    """Tokenize and return each token with its character offsets.

    ``text[start:end]`` is the token as written; the returned token string is
    normalised exactly as :func:`tokenize` normalises it (so it can be looked
    up in a vocabulary), e.g. lower-cased and with digit-group spaces removed.
    The tokens are always those of ``tokenize(text, language=language,
    lowercase=lowercase, user_dictionary=user_dictionary,
    lemmatize=lemmatize)``; with ``lemmatize=True`` the token string is the
    lemma and the offsets still point at the word as written.

    Parameters
    ----------
    text : str
        The text.
    language : {'en', 'zh', 'ru'}
        Language of ``text``.
    lowercase : bool, default True
        Lower-case the returned tokens (offsets are unaffected).
    user_dictionary : path or list of str, optional
        zh only, as in :func:`tokenize`.
    lemmatize : bool, default False
        Russian tokens as lemmas, as in :func:`tokenize`.

    Returns
    -------
    list of (str, int, int)
        ``(token, start, end)`` with ``start``/``end`` indices into ``text``.

    Raises
    ------
    ParameterError
        If ``text`` is not a str or ``language`` is invalid.

    Examples
    --------
    >>> tokenize_spans("Mr. Biden’s plan", language="en")
    [('mr', 0, 2), ("biden's", 4, 11), ('plan', 12, 16)]
    >>> tokenize_spans("塔利班进入喀布尔", language="zh")
    [('塔利班', 0, 3), ('进入', 3, 5), ('喀布尔', 5, 8)]
    >>> tokenize_spans("в Кабуле", language="ru", lemmatize=True)
    [('в', 0, 1), ('кабул', 2, 8)]
    """
    _check_text(text)
    check_language("language", language)
    lemmatize = check_bool("lemmatize", lemmatize)
    return list(_iter_spans(text, language, lowercase, user_dictionary, lemmatize))


def _iter_spans(text: str, language: str, lowercase: bool,
                user_dictionary: UserDictionary, lemmatize: bool = False) -> Iterator[tuple[str, int, int]]:
    """The ``(token, start, end)`` of :func:`tokenize_spans`, one at a time (arguments already checked)."""
    if lemmatize and language == "ru":
        for tok, s, e in _iter_spans(text, language, lowercase, user_dictionary):
            yield (_lemma_ru(tok, lowercase), s, e)
        return
    if language == "zh":
        for w, s, e in chinese_segmenter(user_dictionary).spans(text):
            yield (w.lower() if lowercase else w, s, e)
        return
    mapped = text.translate(_RU_FOLD_MAP if (language == "ru" and lowercase) else _BASE_MAP)
    for m in _WORD_RE.finditer(mapped):
        tok = m.group()
        if "_" in tok and not _IS_WORD(tok):
            continue
        if tok[0].isdigit() and any(c in tok for c in _DIGIT_SPACES):
            tok = "".join(c for c in tok if c not in _DIGIT_SPACES)
        yield (tok.lower() if lowercase else tok, m.start(), m.end())


#: :func:`compact_tokens` tokenizes a text this many characters at a time, so
#: that one huge line never holds a Python tuple per token; each piece ends
#: where tokenization is local (see :func:`_token_pieces`).
TOKEN_PIECE = 100_000
# After these characters a cut changes no token: English and Russian tokens
# never hold ASCII whitespace (the no-break spaces of digit groups are not
# among them), and jieba segments each run of its "Han" class
# ([\u4E00-\u9FD5a-zA-Z0-9+#&._%-]) on its own ("\r" is kept with a
# following "\n", which jieba reads as one unit).
_EN_CUT_RE = re.compile(r"[ \t\n\r\f\v]")
_ZH_CUT_RE = re.compile(r"[^\u4E00-\u9FD5a-zA-Z0-9+#&._%\-\r]")


def _token_pieces(text: str, language: str, size: int | None = None) -> Iterator[tuple[int, int]]:
    """``(lo, hi)`` pieces of ``text`` of about ``size`` characters whose tokens are the text's tokens.

    Each cut follows the last safe character before the limit (searching
    forward past it when there is none: a piece is never cut inside a
    token, so a text without any safe character is one piece).
    """
    size = TOKEN_PIECE if size is None else size
    cut_re = _ZH_CUT_RE if language == "zh" else _EN_CUT_RE
    lo, n = 0, len(text)
    while n - lo > size:
        limit = lo + size
        cut = None
        # The last safe character in the second half of the piece ...
        for m in cut_re.finditer(text, lo + size // 2, limit):
            cut = m.end()
        if cut is None:
            # ... else the first one after the limit.
            m = cut_re.search(text, limit)
            if m is None:
                break
            cut = m.end()
        yield lo, cut
        lo = cut
    yield lo, n


@dataclass(frozen=True)
class CompactTokens:
    """The tokens of one text, held compactly (see :func:`compact_tokens`); ``len()`` counts them."""

    types: list[str]
    starts: array
    ends: array

    def __len__(self) -> int:
        return len(self.starts)


def compact_tokens(
    text: str, *, language: str, user_dictionary: UserDictionary = None, progress: Any = None,
    lemmatize: bool = False,
) -> CompactTokens:
    """The tokens of :func:`tokenize_spans`, held compactly and computed piece by piece.

    ``text`` is tokenized :data:`TOKEN_PIECE` characters at a time (each
    piece ending where a cut changes no token, so the tokens are the whole
    text's), and each token goes straight into integer arrays of offsets,
    with equal token strings sharing one object: one huge line never holds
    a Python tuple per token, nor a normalised copy of itself, nor
    jieba's work on all of it. The memory beyond the text and its
    vocabulary is 16 bytes per token (24 above 2**31 characters).

    Parameters
    ----------
    text : str
        The text.
    language : {'en', 'zh', 'ru'}
        Language of ``text``.
    user_dictionary : path or list of str, optional
        zh only, as in :func:`tokenize`.
    progress : tqdm bar, optional
        Advanced by each piece's length in characters.
    lemmatize : bool, default False
        Russian ``types`` are lemmas, as in :func:`tokenize`.

    Returns
    -------
    CompactTokens
        ``types`` (lower-cased token strings, as :func:`tokenize_spans`
        gives them), ``starts`` and ``ends`` (character offsets into
        ``text``), in text order.

    Examples
    --------
    >>> toks = compact_tokens("Mr. Biden's plan", language="en")
    >>> toks.types, list(toks.starts), list(toks.ends)
    (['mr', "biden's", 'plan'], [0, 4, 12], [2, 11, 16])
    """
    _check_text(text)
    check_language("language", language)
    lemmatize = check_bool("lemmatize", lemmatize)
    code = "i" if len(text) < 2**31 else "q"
    types: list[str] = []
    starts, ends = array(code), array(code)
    shared: dict[str, str] = {}
    add_type, add_start, add_end, share = types.append, starts.append, ends.append, shared.setdefault
    for lo, hi in _token_pieces(text, language):
        # One token at a time: a piece's tuples never pile up for the garbage collector.
        for tok, s, e in _iter_spans(text[lo:hi], language, True, user_dictionary, lemmatize):
            add_type(share(tok, tok))
            add_start(lo + s)
            add_end(lo + e)
        if progress is not None:
            progress.update(hi - lo)
    return CompactTokens(types, starts, ends)


# ---------------------------------------------------------------------------
# sentences
# ---------------------------------------------------------------------------
_PARAGRAPH_RE = re.compile(r"\n[ \t\u00a0]*\n\s*")
_ZH_SENTENCE_END_RE = re.compile(r"[。！？；!?…]+[”’」』）)》】〕\"']*")


@lru_cache(maxsize=None)
def _punkt(language: str) -> Any:
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    payload = json.loads((_DATA_DIR / "punkt" / f"{language}.json").read_text(encoding="utf-8"))
    params = PunktParameters()
    params.abbrev_types = set(payload["abbrev_types"])
    params.collocations = {tuple(c) for c in payload["collocations"]}
    params.sent_starters = set(payload["sent_starters"])
    params.ortho_context = defaultdict(int, payload["ortho_context"])
    return PunktSentenceTokenizer(params)


def split_sentences(text: str, *, language: str) -> list[str]:
    """Split a text into sentences, offline.

    English and Russian use NLTK's Punkt algorithm with parameters trained on
    this project's corpus (``scripts/train_punkt.py``), applied within each
    paragraph (blank lines always end a sentence). Chinese splits after
    。！？；… (and ASCII !?) plus any closing quotes or brackets that follow
    them, and at line breaks.

    Parameters
    ----------
    text : str
        The text.
    language : {'en', 'ru', 'zh'}
        Language of ``text``.

    Returns
    -------
    list of str
        Sentences with surrounding whitespace stripped; empty ones dropped.

    Raises
    ------
    ParameterError
        If ``language`` is invalid.
    TypeError
        If ``text`` is not a str.

    Examples
    --------
    >>> split_sentences("Mr. Biden said U.S. forces would leave. The Taliban took Kabul.", language="en")
    ['Mr. Biden said U.S. forces would leave.', 'The Taliban took Kabul.']
    >>> split_sentences("Саммит прошёл в г. Москва. Талибы вошли в Кабул.", language="ru")
    ['Саммит прошёл в г. Москва.', 'Талибы вошли в Кабул.']
    >>> split_sentences("他说：“我们撤军。”塔利班进入喀布尔！", language="zh")
    ['他说：“我们撤军。”', '塔利班进入喀布尔！']
    """
    return [text[s:e] for s, e in sentence_spans(text, language=language)]


#: Paragraphs longer than this (characters) go to Punkt in pieces, so that one
#: huge line (a 50 MB scrape) neither hits NLTK's per-match regex time limit
#: nor holds Punkt's work on the whole line at once. Ordinary paragraphs are
#: far shorter and are split exactly as before.
PUNKT_CHUNK = 100_000
# A sentence end followed by a capital: where Punkt would split anyway.
_CHUNK_BOUNDARY_RE = re.compile(r"[.!?…][\"'»”’)\]]*\s+(?=[A-ZА-ЯЁ])")


def _punkt_chunks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``(lo, hi)`` pieces of ``text[start:end]`` no longer than :data:`PUNKT_CHUNK`.

    Each cut falls at the last sentence end before the limit (in its second
    half), else at the last whitespace, else at the limit itself.
    """
    lo = start
    while end - lo > PUNKT_CHUNK:
        limit = lo + PUNKT_CHUNK
        window = text[lo + PUNKT_CHUNK // 2:limit]
        cut = None
        for m in _CHUNK_BOUNDARY_RE.finditer(window):
            cut = lo + PUNKT_CHUNK // 2 + m.end()
        if cut is None:
            space = max(window.rfind(" "), window.rfind("\n"), window.rfind("\t"))
            cut = lo + PUNKT_CHUNK // 2 + space + 1 if space >= 0 else limit
        yield lo, cut
        lo = cut
    yield lo, end


def sentence_spans(text: str, *, language: str) -> list[tuple[int, int]]:
    """Character offsets ``(start, end)`` of the sentences of :func:`split_sentences`.

    ``text[start:end]`` is each sentence with surrounding whitespace stripped;
    the rules are those of :func:`split_sentences` (which is built on this).

    Parameters
    ----------
    text : str
        The text.
    language : {'en', 'ru', 'zh'}
        Language of ``text``.

    Returns
    -------
    list of (int, int)
        Offsets in text order; empty sentences dropped.

    Raises
    ------
    ParameterError
        If ``language`` is invalid.
    TypeError
        If ``text`` is not a str.

    Examples
    --------
    >>> text = "Kabul fell. The US left."
    >>> [text[s:e] for s, e in sentence_spans(text, language="en")]
    ['Kabul fell.', 'The US left.']
    """
    _check_text(text)
    check_language("language", language)
    raw: list[tuple[int, int]] = []
    if language == "zh":
        offset = 0
        for line in text.splitlines(keepends=True):
            body = line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
            start = offset
            for m in _ZH_SENTENCE_END_RE.finditer(body):
                raw.append((start, offset + m.end()))
                start = offset + m.end()
            raw.append((start, offset + len(body)))
            offset += len(line)
    else:
        tok = _punkt(language)
        para_start = 0
        for sep in [*_PARAGRAPH_RE.finditer(text), None]:
            para_end = sep.start() if sep is not None else len(text)
            for lo, hi in _punkt_chunks(text, para_start, para_end):
                raw.extend((lo + s, lo + e) for s, e in tok.span_tokenize(text[lo:hi]))
            if sep is not None:
                para_start = sep.end()
    out = []
    for s, e in raw:
        segment = text[s:e]
        stripped = segment.strip()
        if stripped:
            s += len(segment) - len(segment.lstrip())
            out.append((s, s + len(stripped)))
    return out


# ---------------------------------------------------------------------------
# many documents
# ---------------------------------------------------------------------------
_PROGRESS_THRESHOLD = 2000


def _show_progress(progress: bool | None, n: int) -> bool:
    if progress is None:
        return n > _PROGRESS_THRESHOLD and interactive()
    return check_bool("progress", progress)


def _tokenize_batch(texts: Sequence[str], language: str, kwargs: dict) -> list[list[str]]:
    """Tokenize a batch in one process (the unit of work for joblib)."""
    return [tokenize(t, language=language, **kwargs) for t in texts]


def _batches(positions: list[int], size: int) -> list[list[int]]:
    return [positions[i:i + size] for i in range(0, len(positions), size)]


def _run_batches(
    texts: list[str],
    langs: list[str],
    worker: Any,
    worker_args: tuple,
    *,
    n_jobs: int,
    progress: bool | None,
) -> list[tuple[list[int], Any]]:
    """Apply ``worker(texts, language, *worker_args)`` to language-homogeneous batches.

    Returns ``(positions, result)`` pairs; serial when ``n_jobs == 1``. The
    worker arguments carry every tokenizer option (the user dictionary
    included), so worker processes segment exactly as this one does.
    """
    n_jobs = check_n_jobs(n_jobs)
    by_lang: dict[str, list[int]] = defaultdict(list)
    for i, lang in enumerate(langs):
        by_lang[lang].append(i)
    n = len(texts)
    workers = (os.cpu_count() or 1) if n_jobs == -1 else n_jobs
    # Few, large batches: process start-up and pickling dominate small ones.
    size = max(64, -(-n // max(1, workers * 4))) if workers > 1 else 512
    jobs = [(lang, pos) for lang in sorted(by_lang) for pos in _batches(by_lang[lang], size)]
    show = _show_progress(progress, n)
    bar = None
    if show:
        from tqdm.auto import tqdm

        bar = tqdm(total=n, desc="tokenizing", unit="doc")
    results: list[tuple[list[int], Any]] = []
    try:
        if workers > 1 and len(jobs) > 1:
            from joblib import Parallel, delayed

            par = Parallel(n_jobs=workers, return_as="generator")
            gen = par(delayed(worker)([texts[i] for i in pos], lang, *worker_args) for lang, pos in jobs)
            for (lang, pos), res in zip(jobs, gen):
                results.append((pos, res))
                if bar is not None:
                    bar.update(len(pos))
        else:
            for lang, pos in jobs:
                results.append((pos, worker([texts[i] for i in pos], lang, *worker_args)))
                if bar is not None:
                    bar.update(len(pos))
    finally:
        if bar is not None:
            bar.close()
    return results


def check_tokenize_options(options: dict) -> dict:
    """Validate :func:`tokenize` options once, up front, rather than in every worker."""
    unknown = set(options) - set(_TOKENIZE_OPTIONS)
    if unknown:
        raise ParameterError(f"Unknown tokenizer option(s) {sorted(unknown)}; valid options: {', '.join(_TOKENIZE_OPTIONS)}.")
    _check_ngrams(options.get("ngrams", 1))
    for name in ("lowercase", "stem", "lemmatize", "remove_stopwords"):
        if name in options:
            options[name] = check_bool(name, options[name])
    _check_stem_lemmatize(options.get("stem", False), options.get("lemmatize", False))
    if options.get("user_dictionary") is not None:
        _user_dictionary_key(options["user_dictionary"])
    return options


def tokenize_documents(
    data: TextInput,
    *,
    text_column: str = "text",
    language_column: str = "language",
    progress: bool | None = None,
    n_jobs: int = 1,
    missing: str = "raise",
    **tokenize_kwargs: Any,
) -> pd.Series:
    """Tokenize many documents; return one token list per document.

    Parameters
    ----------
    data : str, list of str, Series or DataFrame
        A corpus or passage table (one language per row, from
        ``language_column``), or text(s) in one language given by
        ``language=``.
    text_column : str, default 'text'
        Column holding the text (DataFrame input).
    language_column : str, default 'language'
        Column holding each row's language (DataFrame input).
    progress : bool, optional
        Show a tqdm progress bar. ``None`` (default): only in an interactive
        session and for more than 2,000 documents. ``False`` silences it.
    n_jobs : int, default 1
        Worker processes (joblib); ``-1`` uses all cores. Pays off from a
        few thousand documents on.
    missing : {"raise", "empty"}, default "raise"
        Missing or empty texts raise an error naming the rows, or (``"empty"``)
        give an empty token list, with a warning (see :mod:`discourse.inputs`).
    **tokenize_kwargs
        Passed to :func:`tokenize` (``language``, ``lowercase``, ``stem``,
        ``lemmatize``, ``remove_stopwords``, ``stopwords``, ``multiword``, ``ngrams``,
        ``user_dictionary``).

    Returns
    -------
    pandas.Series
        Lists of tokens, named ``"tokens"``, indexed like ``data``.

    Raises
    ------
    ParameterError
        If a language is missing or invalid, a column is missing, an option
        is unknown or invalid, or ``language=`` contradicts the language
        column.
    MissingDataError
        For missing or empty texts with ``missing="raise"``.

    Examples
    --------
    >>> docs = pd.DataFrame({"text": ["US troops left.", "Войска США ушли.", "美军撤离。"],
    ...                      "language": ["en", "ru", "zh"]}, index=["a", "b", "c"])
    >>> tokenize_documents(docs).tolist()
    [['us', 'troops', 'left'], ['войска', 'сша', 'ушли'], ['美军', '撤离']]
    >>> tokenize_documents(["Kabul fell."], language="en")
    0    [kabul, fell]
    Name: tokens, dtype: object
    """
    language = tokenize_kwargs.pop("language", None)
    inputs = text_inputs(data, language=language, text_column=text_column, language_column=language_column,
                         missing=missing, allowed=("raise", "empty"))
    options = check_tokenize_options(dict(tokenize_kwargs))
    results = _run_batches(inputs.texts, inputs.languages, _tokenize_batch, (options,),
                           n_jobs=n_jobs, progress=progress)
    out: list[Any] = [None] * len(inputs.texts)
    for pos, toks in results:
        for i, t in zip(pos, toks):
            out[i] = t
    return pd.Series(out, index=inputs.index, name="tokens", dtype=object)


# Used by counting to flatten token lists without a Python-level loop per token.
_chain = chain.from_iterable
