"""Term patterns: the one syntax for codebook terms and topic filters.

A *term* is what a researcher writes in a codebook lexicon or a topic
filter. :func:`compile_term` turns one into a regular expression, the same
way wherever terms are used (the lexicon classifier, its rules, passage
filters), and :class:`TermFilter` selects the texts that mention a topic.

Term syntax
-----------
English and Russian
    A term matches whole words, case-insensitively, in the original text. A
    ``*`` ending a word is a suffix wildcard (``провал*`` matches провал,
    провала, провальный). A space or hyphen inside a term matches any run of
    whitespace (non-breaking spaces included) or hyphens and dashes, so
    ``over-the-horizon`` and ``over the horizon`` are one term. Russian е and
    ё are interchangeable; a straight apostrophe matches a curly one.
Chinese
    A term matches as a character substring (Chinese has no spaces to mark
    word boundaries, and jieba often folds a term into a longer dictionary
    word: 人道 into 人道主义); it takes no ``*``.
Case
    A term starting with ``=`` matches case-sensitively: ``=US`` matches
    "US" and "US-led" but not the pronoun "us".
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from ._errors import ParameterError, invalid_value_message
from ._validation import check_language, require_columns
from .schema import LANGUAGES

__all__ = ["TermFilter", "check_term", "compile_term"]

# Whitespace (\s covers U+00A0 in str patterns), hyphen-minus and the
# Unicode hyphens/dashes U+2010..U+2015.
_JOINER = r"[\s\-\u2010-\u2015]+"
_WORD_SPLIT = re.compile(r"[\s\-]+")


def check_term(term: Any, *, language: str, where: str = "term") -> str:
    """Return ``term`` with runs of whitespace collapsed, or raise naming what is wrong with it.

    Raises
    ------
    ParameterError
        If the term is empty, or uses ``*`` anywhere but at the end of a word
        (or at all, in Chinese).
    """
    if not isinstance(term, str) or not term.strip():
        raise ParameterError(invalid_value_message(where, term, must="a non-empty string"))
    term = " ".join(term.split())
    if term.startswith("="):
        if not term[1:].strip():
            raise ParameterError(invalid_value_message(where, term, must="a term after `=` (case-sensitive)"))
        return "=" + check_term(term[1:].strip(), language=language, where=where)
    if "*" in term:
        if language == "zh":
            raise ParameterError(invalid_value_message(
                where, term, must="a zh term without `*` (zh terms match as character strings)"))
        for word in _WORD_SPLIT.split(term):
            if "*" in word[:-1] or word == "*":
                raise ParameterError(invalid_value_message(
                    where, term, must="a term whose `*` only ends a word (a suffix wildcard)"))
    return term


def compile_term(term: str, *, language: str) -> str:
    """Return the regular expression (as a string) a term stands for.

    Parameters
    ----------
    term : str
        A lexicon or filter term (see the module docstring for the syntax).
    language : {"en", "zh", "ru"}
        Language of the term; fixes word-boundary and wildcard handling.

    Returns
    -------
    str
        A pattern meant to be compiled with ``re.IGNORECASE``.

    Raises
    ------
    ParameterError
        If ``language`` is unknown or the term is malformed.

    Examples
    --------
    >>> compile_term("провал*", language="ru")
    '(?<!\\\\w)провал\\\\w*(?!\\\\w)'
    >>> bool(re.search(compile_term("over-the-horizon", language="en"), "over the\\xa0horizon", re.I))
    True
    >>> [bool(re.search(compile_term("=US", language="en"), s, re.I)) for s in ("US troops", "with us")]
    [True, False]
    """
    check_language("language", language)
    term = check_term(term, language=language)
    if term.startswith("="):
        return "(?-i:" + compile_term(term[1:], language=language) + ")"
    if language == "zh":
        return re.escape(term)
    parts = []
    for word in _WORD_SPLIT.split(term.strip()):
        wildcard = word.endswith("*")
        stem = word[:-1] if wildcard else word
        pat = "".join(_char_class(ch, language) for ch in stem)
        parts.append(pat + (r"\w*" if wildcard else ""))
    return r"(?<!\w)" + _JOINER.join(parts) + r"(?!\w)"


def _char_class(ch: str, language: str) -> str:
    if ch in "'\u2019":
        return "['\u2019]"
    if language == "ru" and ch in "её":
        return "[её]"
    return re.escape(ch)


class TermFilter:
    """Per-language terms that select the texts about a topic.

    Parameters
    ----------
    terms : mapping of {language: list of str}, or list of str
        Terms per language in the syntax of :func:`compile_term`. A plain list
        is used for every language (a trailing ``*`` is dropped for Chinese,
        where terms match as substrings anyway).
    regex : bool, default False
        Read the English and Russian terms as regular expressions instead
        (each must match at a word start: ``afghan\\w*``); Chinese terms stay
        literal substrings. For filters published as regular expressions.
    name : str, optional
        What the filter selects, for its display ("Afghanistan").

    Attributes
    ----------
    terms : dict of {str: tuple of str}
        The terms per language, as given.

    Raises
    ------
    ParameterError
        For an unknown language, an empty or malformed term, or an invalid
        regular expression.

    Examples
    --------
    >>> kabul = TermFilter({"en": ["kabul*", "taliban"], "zh": ["喀布尔"]}, name="Kabul")  # synthetic
    >>> kabul.matches("The Taliban entered Kabul's outskirts.", language="en")
    ['taliban', 'kabul']
    >>> kabul.matches("Талибы в Кабуле", language="ru")   # no Russian terms
    []
    """

    def __init__(self, terms: Mapping[str, Sequence[str]] | Sequence[str], *, regex: bool = False, name: str = ""):
        if isinstance(terms, str) or not isinstance(terms, (Mapping, Sequence)):
            raise ParameterError(invalid_value_message(
                "terms", terms, must="a list of terms or a mapping of language to terms"))
        if isinstance(terms, Mapping):
            by_language = dict(terms)
        else:
            # One list for every language: in Chinese, which matches substrings,
            # a suffix wildcard adds nothing and is dropped.
            by_language = {lang: [t.rstrip("*") if lang == "zh" and isinstance(t, str) else t for t in terms]
                           for lang in LANGUAGES}
        self.terms: dict[str, tuple[str, ...]] = {}
        self._patterns: dict[str, re.Pattern[str]] = {}
        for lang, items in by_language.items():
            check_language("terms", lang)
            if isinstance(items, str) or not isinstance(items, Iterable):
                raise ParameterError(invalid_value_message(f"terms[{lang!r}]", items, must="a list of terms"))
            items = tuple(items)
            self.terms[lang] = items
            if not items:
                continue
            if lang == "zh":
                body = "|".join(re.escape(check_term(t, language="zh", where=f"terms[{lang!r}]"))
                                for t in sorted(items, key=len, reverse=True))
                self._patterns[lang] = re.compile(body)
            elif regex:
                try:
                    self._patterns[lang] = re.compile(r"(?<!\w)(?:" + "|".join(items) + ")", re.IGNORECASE)
                except re.error as exc:
                    raise ParameterError(invalid_value_message(
                        f"terms[{lang!r}]", items, must=f"valid regular expressions ({exc})")) from None
            else:
                ordered = sorted(items, key=len, reverse=True)  # the longest term wins at a position
                self._patterns[lang] = re.compile(
                    "|".join(compile_term(t, language=lang) for t in ordered), re.IGNORECASE)
        self.regex = bool(regex)
        self.name = name

    def __repr__(self) -> str:
        counts = ", ".join(f"{lang}: {len(t)}" for lang, t in self.terms.items())
        label = f"{self.name!r}, " if self.name else ""
        return f"TermFilter({label}{counts} terms)"

    def matches(self, text: str, *, language: str) -> list[str]:
        """The terms' matches in ``text``, lower-cased, in text order (empty for a language without terms)."""
        check_language("language", language)
        rx = self._patterns.get(language)
        if rx is None or not isinstance(text, str):
            return []
        return [m.group(0).lower() for m in rx.finditer(text)]

    def search(self, text: str, *, language: str) -> bool:
        """Whether ``text`` mentions the topic."""
        rx = self._patterns.get(check_language("language", language))
        return bool(rx is not None and isinstance(text, str) and rx.search(text))

    def mask(self, data: pd.DataFrame, *, text_column: str = "text", title_column: str | None = "title") -> pd.Series:
        """Whether each row mentions the topic, in ``title + text`` when the table has a title.

        Raises
        ------
        ParameterError
            If a column is missing or a row's language is not supported.
        """
        require_columns(data, [text_column, "language"])
        text = data[text_column].fillna("").astype(str)
        if title_column is not None and title_column in data.columns:
            text = data[title_column].fillna("").astype(str) + "\n" + text
        out = pd.Series(False, index=data.index)
        for lang, idx in data.groupby("language", sort=False).groups.items():
            check_language("language", lang)
            rx = self._patterns.get(lang)
            if rx is not None:
                out.loc[idx] = text.loc[idx].map(lambda s: bool(rx.search(s)))
        return out
