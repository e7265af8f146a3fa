"""Tokenize English, Russian and Chinese text; split sentences; stopword lists.

Everything here works offline from files shipped in ``discourse/data``:

* English and Russian words come from one compiled regular expression,
  :data:`WORD_PATTERN` (words with internal hyphens and apostrophes such as
  "al-Qaeda", "don't", "ISIS-K", "из-за"; dotted abbreviations such as "U.S.";
  numbers, including digit groups separated by no-break spaces, "10 000").
  Curly apostrophes and non-breaking hyphens are read as their ASCII forms,
  and with ``lowercase=True`` Russian "ё" is folded to "е" (writers use the
  two interchangeably).
* Chinese is segmented by ``jieba`` with a private ``jieba.Tokenizer`` (the
  global one is never touched), loaded lazily and quietly, with HMM
  new-word discovery **off** so that segmentation depends only on the
  dictionary. ``data/jieba_userdict.txt`` adds names and organisations that
  jieba 0.42.1 splits by default (上合组织 → 上/合/组织, 王毅 → 王/毅, 加尼 →
  加/尼, ...); every entry is checked in ``tests/test_tokenizing.py`` to
  change the default segmentation. 塔利班, 喀布尔 and 坎大哈 are already in
  jieba's own dictionary and segment correctly, so they are not repeated.
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
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any, Union

import pandas as pd

from discourse._errors import DiscourseError, invalid_value_message
from discourse.paths import DATA_DIR

__all__ = [
    "LANGUAGES",
    "WORD_PATTERN",
    "add_words",
    "split_sentences",
    "stopwords",
    "tokenize",
    "tokenize_documents",
    "tokenize_spans",
]

LANGUAGES: tuple[str, ...] = ("en", "ru", "zh")
"""Languages the tokenizer supports (ISO 639-1)."""

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
_HAS_WORD = re.compile(r"\w").search

# One-to-one character maps, so offsets into the mapped text are offsets into
# the original (tokenize_spans relies on this).
_BASE_MAP = {ord("\u2019"): "'", ord("\u02bc"): "'", ord("\u2010"): "-", ord("\u2011"): "-"}
_RU_FOLD_MAP = {**_BASE_MAP, ord("ё"): "е", ord("Ё"): "Е"}
_BASE_REPLACEMENTS = tuple((chr(k), v) for k, v in _BASE_MAP.items())
_RU_FOLD_REPLACEMENTS = (("ё", "е"), ("Ё", "Е"))

_SNOWBALL_NAMES = {"en": "english", "ru": "russian"}
_MWE_JOINER = "_"
_NGRAM_JOINER = "_"

TextInput = Union[str, Sequence[str], pd.Series, pd.DataFrame]


# ---------------------------------------------------------------------------
# validation helpers
# ---------------------------------------------------------------------------
def _check_language(language: Any, argument: str = "language") -> str:
    if language not in LANGUAGES:
        raise DiscourseError(invalid_value_message(argument, language, LANGUAGES))
    return language


def _check_ngrams(ngrams: Any) -> tuple[int, int]:
    def _is_int(v: Any) -> bool:
        return isinstance(v, int) and not isinstance(v, bool)

    if _is_int(ngrams) and ngrams >= 1:
        return ngrams, ngrams
    if (
        isinstance(ngrams, (tuple, list))
        and len(ngrams) == 2
        and all(_is_int(v) for v in ngrams)
        and 1 <= ngrams[0] <= ngrams[1]
    ):
        return int(ngrams[0]), int(ngrams[1])
    raise DiscourseError(
        invalid_value_message(
            "ngrams", ngrams,
            hint="Pass an int n >= 1 (only n-grams) or a pair (min_n, max_n) with 1 <= min_n <= max_n.",
        )
    )


def _check_text(text: Any, argument: str = "text") -> str:
    if not isinstance(text, str):
        raise TypeError(
            f"Invalid value of type {type(text).__name__} for `{argument}`; must be a str."
        )
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
    language : {'en', 'ru', 'zh'}
        Language of the list.

    Returns
    -------
    frozenset of str
        Lower-case stopwords. Combine with set operators to adapt it, e.g.
        ``stopwords("en") - {"us"}``.

    Raises
    ------
    DiscourseError
        If ``language`` is not supported.

    Examples
    --------
    >>> "the" in stopwords("en"), "и" in stopwords("ru"), "的" in stopwords("zh")
    (True, True, True)
    >>> "еще" in stopwords("ru")   # shipped as "ещё"
    True
    """
    _check_language(language)
    path = _DATA_DIR / "stopwords" / f"{language}.txt"
    words = {w.strip() for w in path.read_text(encoding="utf-8").splitlines() if w.strip()}
    if language == "ru":
        words = {w.translate(_RU_FOLD_MAP) for w in words}
    return frozenset(w.lower() for w in words)


# ---------------------------------------------------------------------------
# jieba
# ---------------------------------------------------------------------------
_JIEBA_LOCK = threading.RLock()
_JIEBA_BASE: Any = None
_JIEBA_VARIANTS: dict[Any, Any] = {}
# Words given to add_words(), in order; passed to worker processes so that
# parallel runs segment exactly as the parent does.
_ADDED_WORDS: list[str] = []


def _new_jieba_tokenizer() -> Any:
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
    global _JIEBA_BASE
    with _JIEBA_LOCK:
        if _JIEBA_BASE is None:
            tok = _new_jieba_tokenizer()
            # jieba leaves a file it opened itself unclosed; hand it one we close.
            with open(_USERDICT, "rb") as fh:
                tok.load_userdict(fh)
            for word in _ADDED_WORDS:
                tok.add_word(word)
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


def _user_dictionary_key(user_dictionary: Any) -> Any:
    if user_dictionary is None:
        return None
    if isinstance(user_dictionary, (str, os.PathLike)):
        path = Path(user_dictionary)
        if not path.is_file():
            raise DiscourseError(
                invalid_value_message(
                    "user_dictionary", str(user_dictionary),
                    hint="A path must name an existing jieba user-dictionary file "
                    "(one 'word [freq] [tag]' per line).",
                )
            )
        return ("path", str(path.resolve()), path.stat().st_mtime_ns)
    words = _clean_words(user_dictionary, "user_dictionary")
    return ("words", tuple(words))


def _jieba_for(user_dictionary: Any) -> Any:
    key = _user_dictionary_key(user_dictionary)
    base = _base_jieba()
    if key is None:
        return base
    with _JIEBA_LOCK:
        tok = _JIEBA_VARIANTS.get(key)
        if tok is None:
            tok = _copy_jieba(base)
            if key[0] == "path":
                with open(key[1], "rb") as fh:
                    tok.load_userdict(fh)
            else:
                for word in key[1]:
                    tok.add_word(word)
            if len(_JIEBA_VARIANTS) >= 8:
                _JIEBA_VARIANTS.pop(next(iter(_JIEBA_VARIANTS)))
            _JIEBA_VARIANTS[key] = tok
        return tok


def _clean_words(words: Any, argument: str) -> list[str]:
    if isinstance(words, str):
        words = [words]
    try:
        words = list(words)
    except TypeError:
        raise TypeError(
            f"Invalid value of type {type(words).__name__} for `{argument}`; "
            "must be a str or an iterable of str."
        ) from None
    out = []
    for w in words:
        if not isinstance(w, str) or not w.strip() or any(c.isspace() for c in w.strip()):
            raise DiscourseError(
                invalid_value_message(argument, w, hint="Each word must be a non-empty str without spaces.")
            )
        out.append(w.strip())
    return out


def add_words(words: str | Iterable[str], *, language: str = "zh") -> None:
    """Add words to the Chinese segmentation dictionary for this session.

    Affects every later ``tokenize(..., language="zh")`` call in this process
    (and the worker processes that ``n_jobs > 1`` starts) -- including
    vectorizers and classifiers fitted *before* the call, which will then
    segment differently at transform time than when they were fitted. Prefer
    the per-call ``user_dictionary=`` of :func:`tokenize` or of
    :class:`discourse.counting.DfmVectorizer`, which travel with the call or
    the estimator.

    Parameters
    ----------
    words : str or iterable of str
        Word(s) to keep as single tokens, e.g. ``["阿富汗临时政府"]``.
    language : {'zh'}
        Only Chinese is segmented with a dictionary. For English and Russian
        phrases use ``multiword=`` in :func:`tokenize`.

    Raises
    ------
    DiscourseError
        If ``language`` is not ``'zh'`` or a word is empty or contains spaces.

    Examples
    --------
    >>> tokenize("喀布尔机场关闭", language="zh")
    ['喀布尔', '机场', '关闭']
    >>> add_words(["喀布尔机场"])
    >>> tokenize("喀布尔机场关闭", language="zh")
    ['喀布尔机场', '关闭']
    >>> _reset_added_words()  # doctest cleanup
    """
    if language != "zh":
        _check_language(language)
        raise DiscourseError(
            invalid_value_message(
                "language", language, ["zh"],
                hint="Only Chinese uses a segmentation dictionary; for English and Russian "
                "phrases pass multiword=[...] to tokenize().",
            )
        )
    words = _clean_words(words, "words")
    with _JIEBA_LOCK:
        base = _base_jieba()
        for w in words:
            base.add_word(w)
            _ADDED_WORDS.append(w)
        _JIEBA_VARIANTS.clear()


def _reset_added_words() -> None:
    """Forget words from :func:`add_words` (reload the dictionary lazily)."""
    global _JIEBA_BASE
    with _JIEBA_LOCK:
        _ADDED_WORDS.clear()
        _JIEBA_VARIANTS.clear()
        _JIEBA_BASE = None


def _ensure_added_words(words: Sequence[str]) -> None:
    # Called inside worker processes with the parent's add_words() history.
    if list(words) != _ADDED_WORDS[: len(words)] or len(words) != len(_ADDED_WORDS):
        _reset_added_words()
        _ADDED_WORDS.extend(words)


# ---------------------------------------------------------------------------
# tokenization
# ---------------------------------------------------------------------------
def _raw_tokens(text: str, language: str, lowercase: bool, user_dictionary: Any = None) -> list[str]:
    if language == "zh":
        if lowercase:
            text = text.lower()
        toks = _jieba_for(user_dictionary).lcut(text, HMM=False)
        return [t for t in toks if _HAS_WORD(t)]
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
    return _WORD_RE.findall(text)


@lru_cache(maxsize=64)
def _compile_multiword(phrases: tuple[str, ...], language: str, user_dictionary_key: Any) -> dict:
    table: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for phrase in phrases:
        if not isinstance(phrase, str) or not phrase.strip():
            raise DiscourseError(invalid_value_message("multiword", phrase, hint="Each entry must be a non-empty str."))
        parts = tuple(t.lower() for t in _raw_tokens(phrase, language, True))
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
    remove_stopwords: bool = False,
    stopwords: Iterable[str] | None = None,
    multiword: Iterable[str] | None = None,
    ngrams: int | tuple[int, int] = 1,
    user_dictionary: str | os.PathLike | Iterable[str] | None = None,
) -> list[str]:
    """Split one text into word tokens.

    Steps, in order: tokenize (regex for en/ru, jieba for zh; punctuation is
    dropped) → join ``multiword`` expressions → remove stopwords → stem
    (Snowball, en/ru) → form n-grams.

    Parameters
    ----------
    text : str
        The text.
    language : {'en', 'ru', 'zh'}
        Language of ``text``.
    lowercase : bool, default True
        Lower-case tokens (and fold Russian ё → е).
    stem : bool, default False
        Reduce en/ru tokens to Snowball stems (``nltk.stem.SnowballStemmer``).
        Chinese has no inflection; the option does nothing there.
        Multi-word tokens are not stemmed.
    remove_stopwords : bool, default False
        Drop stopwords (matched case-insensitively).
    stopwords : iterable of str, optional
        Stopword list to use instead of :func:`stopwords(language)
        <stopwords>`. Passing a list implies ``remove_stopwords=True``.
    multiword : iterable of str, optional
        Phrases kept as one token, e.g. ``["United States", "Совет
        Безопасности"]``. Phrases are tokenized like the text and matched
        case-insensitively, longest first; the parts are joined with ``"_"``
        ("united_states"; "安理会_常任理事国" for zh).
    ngrams : int or (int, int), default 1
        ``n``: return only n-grams; ``(min_n, max_n)``: all n-grams in that
        range, as in scikit-learn's ``ngram_range``. Parts are joined with
        ``"_"``; n-grams are formed after stopword removal.
    user_dictionary : path or iterable of str, optional
        zh only: extra jieba words for this call (a jieba user-dictionary
        file or a list of words), on top of the shipped dictionary.

    Returns
    -------
    list of str

    Raises
    ------
    DiscourseError
        If ``language`` or ``ngrams`` is invalid.
    TypeError
        If ``text`` is not a str.

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
    >>> tokenize("withdrawing troops", language="en", stem=True, ngrams=(1, 2))
    ['withdraw', 'troop', 'withdraw_troop']
    """
    _check_text(text)
    _check_language(language)
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
                raise TypeError(
                    "Invalid value of type str for `stopwords`; must be an iterable of str "
                    "(a set or list), not a single string."
                )
            sw = frozenset(w.lower() for w in stopwords)
        if lowercase:
            tokens = [t for t in tokens if t not in sw]
        else:
            tokens = [t for t in tokens if t.lower() not in sw]
    if stem and language in _SNOWBALL_NAMES:
        tokens = _stem_all(tokens, language, made)
    if (lo, hi) != (1, 1):
        tokens = _ngrams(tokens, lo, hi)
    return tokens


def tokenize_spans(text: str, *, language: str, lowercase: bool = True) -> list[tuple[str, int, int]]:
    """Tokenize and return each token with its character offsets.

    ``text[start:end]`` is the token as written; the returned token string is
    normalised exactly as :func:`tokenize` normalises it (so it can be looked
    up in a vocabulary), e.g. lower-cased and with digit-group spaces removed.

    Parameters
    ----------
    text : str
        The text.
    language : {'en', 'ru', 'zh'}
        Language of ``text``.
    lowercase : bool, default True
        Lower-case the returned tokens (offsets are unaffected).

    Returns
    -------
    list of (str, int, int)
        ``(token, start, end)`` with ``start``/``end`` indices into ``text``.

    Raises
    ------
    DiscourseError
        If ``language`` is invalid.
    TypeError
        If ``text`` is not a str.

    Examples
    --------
    >>> tokenize_spans("Mr. Biden’s plan", language="en")
    [('mr', 0, 2), ("biden's", 4, 11), ('plan', 12, 16)]
    >>> tokenize_spans("塔利班进入喀布尔", language="zh")
    [('塔利班', 0, 3), ('进入', 3, 5), ('喀布尔', 5, 8)]
    """
    _check_text(text)
    _check_language(language)
    if language == "zh":
        spans = _base_jieba().tokenize(text, HMM=False)
        return [(w.lower() if lowercase else w, s, e) for w, s, e in spans if _HAS_WORD(w)]
    mapped = text.translate(_RU_FOLD_MAP if (language == "ru" and lowercase) else _BASE_MAP)
    out = []
    for m in _WORD_RE.finditer(mapped):
        tok = m.group()
        if tok[0].isdigit() and any(c in tok for c in _DIGIT_SPACES):
            tok = "".join(c for c in tok if c not in _DIGIT_SPACES)
        out.append((tok.lower() if lowercase else tok, m.start(), m.end()))
    return out


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
    DiscourseError
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
    _check_text(text)
    _check_language(language)
    out: list[str] = []
    if language == "zh":
        for line in text.splitlines():
            start = 0
            for m in _ZH_SENTENCE_END_RE.finditer(line):
                out.append(line[start:m.end()])
                start = m.end()
            out.append(line[start:])
    else:
        tok = _punkt(language)
        for para in _PARAGRAPH_RE.split(text):
            out.extend(tok.tokenize(para))
    return [s.strip() for s in out if s.strip()]


# ---------------------------------------------------------------------------
# many documents
# ---------------------------------------------------------------------------
_PROGRESS_THRESHOLD = 2000


def _interactive() -> bool:
    if "ipykernel" in sys.modules:
        return True
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _show_progress(progress: bool | None, n: int) -> bool:
    if progress is None:
        return n > _PROGRESS_THRESHOLD and _interactive()
    return bool(progress)


def _tokenize_batch(texts: Sequence[str], language: str, kwargs: dict, added_words: Sequence[str]) -> list[list[str]]:
    """Tokenize a batch in one process (the unit of work for joblib)."""
    if language == "zh":
        _ensure_added_words(added_words)
    return [tokenize(t, language=language, **kwargs) for t in texts]


def _resolve_documents(
    data: Any, *, text_column: str, language_column: str, language: str | None
) -> tuple[list[str], list[str], pd.Index]:
    """Return texts, one language per text, and the index to label results with."""
    if isinstance(data, pd.DataFrame):
        if text_column not in data.columns:
            raise DiscourseError(
                invalid_value_message("text_column", text_column, list(map(str, data.columns)),
                                      hint="The DataFrame has no such column.")
            )
        texts = data[text_column]
        if language_column in data.columns:
            langs = data[language_column].tolist()
            if language is not None:
                _check_language(language)
                bad = [l for l in set(langs) if l != language]
                if bad:
                    raise DiscourseError(
                        f"`language`={language!r} disagrees with column {language_column!r}, which "
                        f"also holds {sorted(map(str, bad))}; drop `language=` to use the column."
                    )
        elif language is not None:
            langs = [language] * len(data)
        else:
            raise DiscourseError(
                f"The DataFrame has no {language_column!r} column (columns: {list(map(str, data.columns))}); "
                "pass `language=` or `language_column=`."
            )
        index = data.index
    else:
        if isinstance(data, str):
            texts = pd.Series([data])
        elif isinstance(data, pd.Series):
            texts = data
        elif isinstance(data, Iterable):
            texts = pd.Series(list(data), dtype=object)
        else:
            raise TypeError(
                f"Invalid value of type {type(data).__name__} for `data`; must be a str, a list of str, "
                "a Series or a DataFrame."
            )
        if language is None:
            raise DiscourseError(
                "`language` is required when `data` is a str or a list of str; "
                f"must be one of: {', '.join(map(repr, LANGUAGES))}."
            )
        langs = [language] * len(texts)
        index = texts.index
    text_list = texts.tolist()
    for label, t, lang in zip(index, text_list, langs):
        if not isinstance(t, str):
            raise TypeError(
                f"Invalid value {t!r} of type {type(t).__name__} in `{text_column}` for row {label!r}; "
                "every text must be a str (fill missing texts with '')."
            )
        if lang not in LANGUAGES:
            raise DiscourseError(
                invalid_value_message(language_column, lang, LANGUAGES, hint=f"(row {label!r})")
            )
    return text_list, langs, index


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

    Returns ``(positions, result)`` pairs; serial when ``n_jobs == 1``.
    """
    if not isinstance(n_jobs, int) or isinstance(n_jobs, bool) or n_jobs == 0 or n_jobs < -1:
        raise DiscourseError(invalid_value_message("n_jobs", n_jobs, hint="Use 1, a positive int, or -1 for all cores."))
    by_lang: dict[str, list[int]] = defaultdict(list)
    for i, lang in enumerate(langs):
        by_lang[lang].append(i)
    n = len(texts)
    workers = os.cpu_count() or 1 if n_jobs == -1 else n_jobs
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


def tokenize_documents(
    data: TextInput,
    *,
    text_column: str = "text",
    language_column: str = "language",
    progress: bool | None = None,
    n_jobs: int = 1,
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
    **tokenize_kwargs
        Passed to :func:`tokenize` (``language``, ``lowercase``, ``stem``,
        ``remove_stopwords``, ``stopwords``, ``multiword``, ``ngrams``,
        ``user_dictionary``).

    Returns
    -------
    pandas.Series
        Lists of tokens, named ``"tokens"``, indexed like ``data``.

    Raises
    ------
    DiscourseError
        If a language is missing or invalid, a column is missing, or
        ``language=`` contradicts the language column.
    TypeError
        If ``data`` or a text has the wrong type.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"text": ["US troops left.", "Войска США ушли.", "美军撤离。"],
    ...                      "language": ["en", "ru", "zh"]}, index=["a", "b", "c"])
    >>> tokenize_documents(docs).tolist()
    [['us', 'troops', 'left'], ['войска', 'сша', 'ушли'], ['美军', '撤离']]
    >>> tokenize_documents(["Kabul fell."], language="en")
    0    [kabul, fell]
    Name: tokens, dtype: object
    """
    language = tokenize_kwargs.pop("language", None)
    texts, langs, index = _resolve_documents(
        data, text_column=text_column, language_column=language_column, language=language
    )
    # Validate options once, up front, rather than in every worker.
    _check_ngrams(tokenize_kwargs.get("ngrams", 1))
    unknown = set(tokenize_kwargs) - {
        "lowercase", "stem", "remove_stopwords", "stopwords", "multiword", "ngrams", "user_dictionary"
    }
    if unknown:
        raise TypeError(f"tokenize_documents() got unexpected keyword argument(s): {sorted(unknown)}")
    results = _run_batches(
        texts, langs, _tokenize_batch, (tokenize_kwargs, list(_ADDED_WORDS)),
        n_jobs=n_jobs, progress=progress,
    )
    out: list[Any] = [None] * len(texts)
    for pos, toks in results:
        for i, t in zip(pos, toks):
            out[i] = t
    return pd.Series(out, index=index, name="tokens", dtype=object)


# Used by counting to flatten token lists without a Python-level loop per token.
_chain = chain.from_iterable
