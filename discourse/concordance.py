"""Concordances (keyword in context) and collocations.

Three verbs, all taking the corpus table (or plain strings) first:

* :func:`kwic` -- every hit of a word, phrase or regular expression with its
  left and right context, as a :class:`Concordance` (a DataFrame that renders
  as an aligned KWIC table in Jupyter).
* :func:`collocations` -- words that co-occur with a node word within a token
  window, scored with MI, t-score, log-likelihood (G2) and logDice.
* :func:`multiword_sequences` -- contiguous n-grams that occur together more
  often than chance ("Security Council", "Совет Безопасности").

How patterns match
------------------
Tokens come from :func:`discourse.tokenizing.tokenize_spans`, so KWIC, the
collocation counts and every other count in ``discourse`` agree on what a word
is. Tokens made only of punctuation or symbols are dropped: they never fill a
window slot and are never collocates.

``pattern_type="word"``
    One token. ``*`` stands for any run of characters inside a token and is
    the only wildcard (``"withdraw*"``, ``"талиб*"``); everything else is
    literal. In English and Russian the pattern must match a whole token.
    In Chinese it is searched as a character string instead, because jieba's
    segmentation of the same word depends on its neighbours (安理会 is part of
    the single token 联合国安理会); a leading or trailing ``*`` extends a
    Chinese hit to the edge of the jieba word it falls in.
``pattern_type="phrase"``
    Several whitespace-separated words, each as above, matching consecutive
    tokens separated only by whitespace (so a phrase never runs across a
    comma or a sentence end). In Chinese the parts may be written with or
    without spaces.
``pattern_type="regex"``
    A Python regular expression searched in the *original text* (not in the
    token list), so it can span several words (``r"withdr\\w+ from
    Afghanistan"``) and can match inside a word unless you anchor it with
    ``\\b``. Windows are counted in the tokens wholly outside the hit.

A list of patterns matches any of them, so one call can search a
mixed-language table: ``["Taliban", "талиб*", "塔利班"]``. Matching ignores
case unless ``case_sensitive=True``.
"""
from __future__ import annotations

import html
import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Union

import numpy as np
import pandas as pd

from ._errors import DiscourseError, check_option, invalid_value_message
from .schema import LANGUAGES

__all__ = ["Concordance", "kwic", "collocations", "multiword_sequences"]

Pattern = Union[str, Sequence[str]]

PATTERN_TYPES: tuple[str, ...] = ("word", "phrase", "regex")
WINDOW_UNITS: tuple[str, ...] = ("tokens", "chars")
SORT_KEYS: tuple[None | str, ...] = (None, "left", "right", "match")
SPANS: tuple[str, ...] = ("both", "left", "right")
MEASURES: tuple[str, ...] = ("frequency", "mi", "t", "g2", "log_dice")
KWIC_COLUMNS: tuple[str, ...] = ("left", "match", "right", "start", "end", "pattern")

#: Rows shown by the Jupyter and plain-text displays of a :class:`Concordance`.
MAX_DISPLAY_ROWS = 50
#: Display cells kept of each context in the plain-text display.
_TEXT_CONTEXT_WIDTH = 40
#: Display cells kept of the id columns (doc_id, passage_id, bloc) in plain text.
_TEXT_ID_WIDTH = 30


# --------------------------------------------------------------------------
# The result object
# --------------------------------------------------------------------------
class Concordance(pd.DataFrame):
    """A KWIC table: a :class:`pandas.DataFrame` subclass with a KWIC display.

    It is an ordinary DataFrame (filter, group, merge and ``to_csv`` it as
    usual; slices stay a ``Concordance``) whose Jupyter display is an aligned
    concordance: left context right-aligned, the match in bold, right context
    left-aligned, every string HTML-escaped. At most
    :data:`MAX_DISPLAY_ROWS` lines are shown, with a note of how many were
    hidden. Use :meth:`to_frame` for a plain DataFrame (and its usual
    display).

    Columns: ``doc_id``, ``passage_id`` (passage tables only), every other
    metadata column of the input, then ``left``, ``match``, ``right`` (original
    text), ``start`` and ``end`` (character offsets of the match in that row's
    ``text``, so ``text[start:end] == match``) and ``pattern`` (which of the
    searched patterns found the line).
    """

    _metadata = ["query", "window", "window_unit"]
    query: str = ""
    window: int | None = None
    window_unit: str = "tokens"

    @property
    def _constructor(self):
        return Concordance

    def to_frame(self) -> pd.DataFrame:
        """Return the lines as a plain :class:`pandas.DataFrame` (a copy)."""
        return pd.DataFrame(self).copy()

    def _is_kwic(self) -> bool:
        return all(c in self.columns for c in ("left", "match", "right"))

    def _id_columns(self) -> list[str]:
        return [c for c in ("doc_id", "passage_id", "bloc") if c in self.columns]

    def _summary(self) -> str:
        what = f" for {self.query}" if self.query else ""
        unit = f" (window: {self.window} {self.window_unit})" if self.window is not None else ""
        n = len(self)
        return f"Concordance: {n} line{'s' if n != 1 else ''}{what}{unit}"

    def _hidden_note(self) -> str:
        hidden = len(self) - MAX_DISPLAY_ROWS
        if hidden <= 0:
            return ""
        return f"... {hidden} more line{'s' if hidden != 1 else ''} not shown (use .to_frame() to see all)"

    def _repr_html_(self) -> str | None:
        if not self._is_kwic():
            return super()._repr_html_()
        esc = html.escape
        ids = self._id_columns()
        shown = self.iloc[:MAX_DISPLAY_ROWS]
        head = "".join(f"<th>{esc(str(c))}</th>" for c in ids)
        head += (
            '<th style="text-align:right">left</th>'
            '<th style="text-align:center">match</th>'
            '<th style="text-align:left">right</th>'
        )
        rows = []
        for rec in shown[ids + ["left", "match", "right"]].itertuples(index=False):
            cells = "".join(f"<td>{esc(_flat(v))}</td>" for v in rec[: len(ids)])
            left, match, right = (esc(_flat(v)) for v in rec[len(ids):])
            cells += (
                f'<td style="text-align:right;white-space:nowrap">{left}</td>'
                f'<td style="text-align:center;white-space:nowrap"><b>{match}</b></td>'
                f'<td style="text-align:left;white-space:nowrap">{right}</td>'
            )
            rows.append(f"<tr>{cells}</tr>")
        note = self._hidden_note()
        return (
            '<div class="discourse-concordance">'
            f"<p>{esc(self._summary())}</p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            + (f"<p><i>{esc(note)}</i></p>" if note else "")
            + "</div>"
        )

    def __repr__(self) -> str:
        if not self._is_kwic():
            return super().__repr__()
        shown = self.iloc[:MAX_DISPLAY_ROWS]
        ids = self._id_columns()
        id_text = [_clip_right(" ".join(_flat(v) for v in rec), _TEXT_ID_WIDTH)
                   for rec in shown[ids].itertuples(index=False)]
        lefts = [_clip_left(_flat(v), _TEXT_CONTEXT_WIDTH) for v in shown["left"]]
        matches = [_flat(v) for v in shown["match"]]
        rights = [_clip_right(_flat(v), _TEXT_CONTEXT_WIDTH) for v in shown["right"]]
        w_id = max((_width(s) for s in id_text), default=0)
        w_left = max((_width(s) for s in lefts), default=0)
        w_match = max((_width(s) for s in matches), default=0)
        lines = [self._summary()]
        for i, left, match, right in zip(id_text, lefts, matches, rights):
            lines.append(
                f"{_pad(i, w_id)}  {_pad(left, w_left, right=True)} "
                f"{_pad('[' + match + ']', w_match + 2)} {right}".rstrip()
            )
        note = self._hidden_note()
        if note:
            lines.append(note)
        return "\n".join(lines)

    __str__ = __repr__


def _flat(value: Any) -> str:
    """One display line: newlines and runs of whitespace become one space."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return re.sub(r"\s+", " ", str(value))


def _char_width(ch: str) -> int:
    # CJK characters take two terminal cells; without this zh lines misalign.
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _width(s: str) -> int:
    return sum(_char_width(c) for c in s)


def _pad(s: str, width: int, *, right: bool = False) -> str:
    fill = " " * max(0, width - _width(s))
    return fill + s if right else s + fill


def _clip_left(s: str, width: int) -> str:
    if _width(s) <= width:
        return s
    out, used = [], 1
    for ch in reversed(s):
        used += _char_width(ch)
        if used > width:
            break
        out.append(ch)
    return "…" + "".join(reversed(out))


def _clip_right(s: str, width: int) -> str:
    if _width(s) <= width:
        return s
    out, used = [], 1
    for ch in s:
        used += _char_width(ch)
        if used > width:
            break
        out.append(ch)
    return "".join(out) + "…"


# --------------------------------------------------------------------------
# Input handling
# --------------------------------------------------------------------------
@dataclass
class _Corpus:
    texts: list[str]
    languages: list[str]
    meta: pd.DataFrame  # one row per text, doc_id first; never holds the text


def _as_corpus(data: Any, language: str | None, text_column: str) -> _Corpus:
    """Normalise a str, list of str or documents table into texts + metadata."""
    if language is not None:
        check_option("language", language, LANGUAGES)
    if isinstance(data, pd.DataFrame):
        return _frame_corpus(data, language, text_column)
    if isinstance(data, str):
        items: list[Any] = [data]
    elif isinstance(data, (list, tuple, pd.Series)):
        items = list(data)
    else:
        raise TypeError(
            f"`data` must be a str, a list of str or a DataFrame with a {text_column!r} "
            f"column; got {type(data).__name__}."
        )
    for i, item in enumerate(items):
        if not isinstance(item, str):
            raise TypeError(
                f"`data` item {i} must be a str; got {type(item).__name__} ({item!r:.60})."
            )
    if language is None:
        raise DiscourseError(
            "`language` is required when `data` is a str or a list of str "
            f"(one of: {', '.join(repr(x) for x in LANGUAGES)})."
        )
    ids = list(data.index) if isinstance(data, pd.Series) else list(range(len(items)))
    return _Corpus(items, [language] * len(items), pd.DataFrame({"doc_id": ids}))


def _frame_corpus(frame: pd.DataFrame, language: str | None, text_column: str) -> _Corpus:
    if text_column not in frame.columns:
        raise DiscourseError(
            invalid_value_message("text_column", text_column, list(map(str, frame.columns)),
                                  hint="It must name the column that holds the text.")
        )
    if "language" in frame.columns:
        langs = frame["language"].astype(object).where(frame["language"].notna(), None).tolist()
    else:
        langs = [None] * len(frame)
    if language is not None:
        langs = [lang if lang is not None else language for lang in langs]
    meta = frame.drop(columns=[text_column]).reset_index(drop=True)
    if "doc_id" not in meta.columns:
        meta.insert(0, "doc_id", list(frame.index))
    front = [c for c in ("doc_id", "passage_id") if c in meta.columns]
    meta = meta[front + [c for c in meta.columns if c not in front]]
    for i, lang in enumerate(langs):
        if lang not in LANGUAGES:
            doc = meta["doc_id"].iloc[i]
            if lang is None:
                raise DiscourseError(
                    f"Row with doc_id {doc!r} has no language; give the table a `language` "
                    "column or pass `language=`."
                )
            raise DiscourseError(
                f"Row with doc_id {doc!r}: "
                + invalid_value_message("language", lang, LANGUAGES)
            )
    texts = []
    for i, value in enumerate(frame[text_column].tolist()):
        if value is None or (isinstance(value, float) and math.isnan(value)):
            value = ""
        if not isinstance(value, str):
            raise TypeError(
                f"Column {text_column!r} must hold str; row with doc_id "
                f"{meta['doc_id'].iloc[i]!r} holds {type(value).__name__}."
            )
        texts.append(value)
    return _Corpus(texts, langs, meta)


# --------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------
@dataclass
class _Tokens:
    types: list[str]  # lowercased token strings, as the tokenizer gives them
    starts: list[int]
    ends: list[int]

    def __len__(self) -> int:
        return len(self.types)


_ALNUM = re.compile(r"[^\W_]").search


def _tokens(text: str, language: str) -> _Tokens:
    from .tokenizing import tokenize_spans

    types, starts, ends = [], [], []
    for tok, s, e in tokenize_spans(text, language=language, lowercase=True):
        # A pure-punctuation token would take a window slot from a real word.
        if _ALNUM(text, s, e):
            types.append(tok)
            starts.append(s)
            ends.append(e)
    return _Tokens(types, starts, ends)


# --------------------------------------------------------------------------
# Patterns
# --------------------------------------------------------------------------
@dataclass
class _Query:
    source: str          # the pattern as the user wrote it
    kind: str            # word | phrase | regex
    parts: list[str]     # whitespace-separated parts (word/phrase)
    flags: int
    regex: re.Pattern | None = None


def _parse_patterns(pattern: Any, pattern_type: str, case_sensitive: bool) -> list[_Query]:
    check_option("pattern_type", pattern_type, PATTERN_TYPES)
    if isinstance(pattern, str):
        raw = [pattern]
    elif isinstance(pattern, (list, tuple)):
        raw = list(pattern)
        if not raw:
            raise DiscourseError("`pattern` is an empty list; give at least one pattern.")
    else:
        raise TypeError(f"`pattern` must be a str or a list of str; got {type(pattern).__name__}.")
    flags = 0 if case_sensitive else re.IGNORECASE
    queries = []
    for p in raw:
        if not isinstance(p, str):
            raise TypeError(f"Each pattern must be a str; got {type(p).__name__} ({p!r:.60}).")
        if not p.strip():
            raise DiscourseError(f"Invalid value {p!r} for `pattern`; a pattern cannot be empty.")
        if pattern_type == "regex":
            try:
                rx = re.compile(p, flags)
            except re.error as exc:
                raise DiscourseError(
                    f"Invalid value {p!r} for `pattern`: not a valid regular expression ({exc})."
                ) from None
            queries.append(_Query(p, "regex", [], flags, rx))
            continue
        parts = p.split()
        if pattern_type == "word" and len(parts) > 1:
            raise DiscourseError(
                f"Invalid value {p!r} for `pattern`: a word pattern cannot contain spaces; "
                "use pattern_type='phrase'."
            )
        queries.append(_Query(p, pattern_type, parts, flags))
    return queries


# Case-insensitive matching compares against the tokenizer's normalised token,
# which reads curly apostrophes and non-breaking hyphens as ASCII and Russian
# "ё" as "е"; patterns get the same one-to-one folding.
_FOLD = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-"})
_FOLD_RU = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-",
                          "ё": "е", "Ё": "Е"})
# The raw-text prefilter accepts every spelling that folds to the pattern.
_UNFOLD = {"'": "['\u2019\u02bc]", "-": "[\\-\u2010\u2011]"}
_UNFOLD_RU = {**_UNFOLD, "е": "[её]", "Е": "[ЕЁ]"}


def _fold(text: str, language: str, flags: int) -> str:
    if not flags & re.IGNORECASE or language == "zh":
        return text
    return text.translate(_FOLD_RU if language == "ru" else _FOLD)


def _unfold_literal(piece: str, language: str, flags: int) -> str:
    piece = _fold(piece, language, flags)
    if not flags & re.IGNORECASE or language == "zh":
        return re.escape(piece)
    table = _UNFOLD_RU if language == "ru" else _UNFOLD
    return "".join(table.get(ch, re.escape(ch)) for ch in piece)


def _glob(part: str, star: str) -> str:
    return star.join(re.escape(piece) for piece in part.split("*"))


def _token_regexes(q: _Query, language: str) -> list[re.Pattern]:
    return [re.compile(_glob(_fold(part, language, q.flags), ".*"), q.flags | re.DOTALL)
            for part in q.parts]


def _prefilter(q: _Query, language: str) -> re.Pattern:
    """A cheap search on the raw text that every real hit must pass."""
    if q.kind == "regex":
        return q.regex
    # The longest literal piece must appear somewhere in the text.
    pieces = [piece for part in q.parts for piece in part.split("*") if piece]
    if not pieces:
        return re.compile("")
    return re.compile(_unfold_literal(max(pieces, key=len), language, q.flags), q.flags)


def _find(q: _Query, text: str, language: str, toks: _Tokens | None) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the hits of one pattern in one text."""
    if q.kind == "regex":
        return [m.span() for m in q.regex.finditer(text) if m.end() > m.start()]
    if language == "zh":
        return _find_zh(q, text, toks)
    return _find_tokens(q, text, language, toks)


def _find_tokens(q: _Query, text: str, language: str, toks: _Tokens) -> list[tuple[int, int]]:
    regexes = _token_regexes(q, language)
    fold = bool(q.flags & re.IGNORECASE)
    k = len(regexes)
    hits, i, n = [], 0, len(toks)
    while i <= n - k:
        ok = True
        for j, rx in enumerate(regexes):
            s, e = toks.starts[i + j], toks.ends[i + j]
            if not (rx.fullmatch(toks.types[i + j]) if fold else rx.fullmatch(text, s, e)):
                ok = False
                break
            # Consecutive words of a phrase may be separated by whitespace only.
            if j and text[toks.ends[i + j - 1]:s].strip():
                ok = False
                break
        if ok:
            hits.append((toks.starts[i], toks.ends[i + k - 1]))
            i += k
        else:
            i += 1
    return hits


def _find_zh(q: _Query, text: str, toks: _Tokens) -> list[tuple[int, int]]:
    parts = list(q.parts)
    lead, trail = parts[0].startswith("*"), parts[-1].endswith("*")
    parts[0] = parts[0].lstrip("*")
    parts[-1] = parts[-1].rstrip("*")
    if not "".join(parts).replace("*", ""):
        # A bare "*" means every word.
        return list(zip(toks.starts, toks.ends))
    # Inside a pattern "*" is lazy so it cannot swallow a whole clause
    # (Chinese has no spaces to stop it).
    body = r"\s*".join(_glob(p, r"\w*?") for p in parts if p)
    rx = re.compile(body, q.flags)
    hits = []
    for m in rx.finditer(text):
        s, e = m.span()
        if e <= s:
            continue
        if lead:
            i = bisect_right(toks.starts, s) - 1
            if i >= 0 and toks.ends[i] > s:
                s = toks.starts[i]
        if trail:
            i = bisect_left(toks.ends, e)
            if i < len(toks) and toks.starts[i] < e:
                e = toks.ends[i]
        hits.append((s, e))
    return hits


def _describe(queries: list[_Query]) -> str:
    return " | ".join(repr(q.source) for q in queries)


def _windows(toks: _Tokens, start: int, end: int, window: int) -> tuple[range, range]:
    """Token indices of the left and right windows (tokens wholly outside the hit)."""
    i_left = bisect_right(toks.ends, start)
    i_right = bisect_left(toks.starts, end)
    return range(max(0, i_left - window), i_left), range(i_right, min(len(toks), i_right + window))


def _check_int(name: str, value: Any, minimum: int) -> int:
    """An int >= ``minimum``: TypeError for a non-integer, DiscourseError for a small one."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"`{name}` must be an int; got {type(value).__name__} ({value!r}).")
    if value < minimum:
        raise DiscourseError(invalid_value_message(name, value, hint=f"It must be >= {minimum}."))
    return int(value)


def _hits_in(queries: list[_Query], text: str, language: str) -> tuple[list[tuple[int, int, str]], _Tokens | None]:
    """All hits of any query in a text, in text order; tokens are computed lazily."""
    candidates = [q for q in queries if _prefilter(q, language).search(text)]
    if not candidates:
        return [], None
    toks = _tokens(text, language)
    seen: dict[tuple[int, int], str] = {}
    for q in candidates:
        for span in _find(q, text, language, toks):
            # Two patterns finding the same span give one line, credited to the first.
            seen.setdefault(span, q.source)
    hits = sorted((s, e, src) for (s, e), src in seen.items())
    return hits, toks


# --------------------------------------------------------------------------
# KWIC
# --------------------------------------------------------------------------
def kwic(
    data: str | Sequence[str] | pd.DataFrame,
    pattern: Pattern,
    *,
    window: int = 5,
    pattern_type: str = "word",
    language: str | None = None,
    case_sensitive: bool = False,
    sort_by: str | None = None,
    window_unit: str = "tokens",
    text_column: str = "text",
) -> Concordance:
    """Find every hit of a pattern and return it with its context (KWIC).

    Parameters
    ----------
    data : str, list of str or DataFrame
        A text, a list of texts, or a documents/passages table with the text in
        ``text_column`` and a ``language`` column. Every other column of a table
        (``doc_id``, ``bloc``, ``source``, ``date`` ...) is carried into the
        result. A table without ``doc_id`` gets its index as ``doc_id``; plain
        texts get their position in the list.
    pattern : str or list of str
        What to find (see the module docstring for the syntax); a list matches
        any of its patterns, so patterns in several languages can be searched in
        one call over a mixed-language table.
    window : int, default 5
        Context on each side, in ``window_unit``.
    pattern_type : {"word", "phrase", "regex"}, default "word"
        How to read ``pattern``.
    language : {"en", "ru", "zh"}, optional
        Required for str and list input. With a table, it only fills rows whose
        ``language`` is missing (or the whole table if it has no such column).
    case_sensitive : bool, default False
        Match case exactly.
    sort_by : {None, "left", "right", "match"}, default None
        None keeps corpus order (row, then position). ``"left"`` sorts on the
        word just before the match, then the one before it, and so on (read
        right to left, as in AntConc); ``"right"`` on the words after it;
        ``"match"`` on the matched text. Sorting ignores case and is stable.
    window_unit : {"tokens", "chars"}, default "tokens"
        ``"tokens"`` counts words (punctuation-only tokens are skipped). This is
        the default for every language, Chinese included, so that a
        concordance line shows exactly the window that :func:`collocations`
        counts; a jieba word is 1-3 characters, so ``window=5`` shows about
        8-10 characters of Chinese context. ``"chars"`` cuts the context at
        ``window`` characters instead -- useful for Chinese when
        segmentation errors make token windows uneven.
    text_column : str, default "text"
        The column that holds the text of a table.

    Returns
    -------
    Concordance
        A DataFrame subclass (see :class:`Concordance`) with one row per hit:
        metadata, ``left``, ``match``, ``right`` (original text; ``left +
        match + right`` is a contiguous slice of the text), ``start``/``end``
        (character offsets into the row's text) and ``pattern``.

    Raises
    ------
    DiscourseError
        If a pattern is empty or an invalid regular expression (the message
        names it), if ``pattern_type``, ``sort_by``, ``window_unit`` or a
        language is not one of the allowed values, if ``language`` is missing
        for str/list input, or if ``text_column`` is not a column.
    TypeError
        If ``data``, ``pattern`` or ``window`` has the wrong type.

    Examples
    --------
    >>> conc = kwic("The Taliban entered Kabul. The taliban spoke.", "taliban",
    ...             language="en", window=2)
    >>> conc
    Concordance: 2 lines for 'taliban' (window: 2 tokens)
    0         The  [Taliban]  entered Kabul
    0  Kabul. The  [taliban]  spoke
    >>> conc.to_frame()[["match", "start", "end"]]
         match  start  end
    0  Taliban      4   11
    1  taliban     31   38
    >>> kwic("Совет Безопасности ООН заседал.", "совет безопасн*",
    ...      pattern_type="phrase", language="ru")["match"].tolist()
    ['Совет Безопасности']
    """
    window = _check_int("window", window, 0)
    check_option("sort_by", sort_by, SORT_KEYS)
    check_option("window_unit", window_unit, WINDOW_UNITS)
    queries = _parse_patterns(pattern, pattern_type, case_sensitive)
    corpus = _as_corpus(data, language, text_column)
    clash = [c for c in KWIC_COLUMNS if c in corpus.meta.columns]
    if clash:
        raise DiscourseError(
            f"`data` already has column(s) {clash}, which kwic() adds; rename them first."
        )

    rows: list[int] = []
    lines: dict[str, list[Any]] = {c: [] for c in KWIC_COLUMNS}
    left_keys: list[tuple[str, ...]] = []
    right_keys: list[tuple[str, ...]] = []
    for row, (text, lang) in enumerate(zip(corpus.texts, corpus.languages)):
        hits, toks = _hits_in(queries, text, lang)
        for start, end, source in hits:
            left_idx, right_idx = _windows(toks, start, end, window)
            if window_unit == "chars":
                c_start, c_end = max(0, start - window), min(len(text), end + window)
            else:
                c_start = toks.starts[left_idx[0]] if left_idx else start
                c_end = toks.ends[right_idx[-1]] if right_idx else end
                # A token cut by the hit (zh substrings, regexes) stays visible.
                i = bisect_right(toks.starts, start) - 1
                if i >= 0 and toks.starts[i] < start < toks.ends[i]:
                    c_start = min(c_start, toks.starts[i])
                i = bisect_left(toks.ends, end + 1)
                if i < len(toks) and toks.starts[i] < end < toks.ends[i]:
                    c_end = max(c_end, toks.ends[i])
            rows.append(row)
            lines["left"].append(text[c_start:start])
            lines["match"].append(text[start:end])
            lines["right"].append(text[end:c_end])
            lines["start"].append(start)
            lines["end"].append(end)
            lines["pattern"].append(source)
            left_keys.append(tuple(text[toks.starts[i]:toks.ends[i]].casefold()
                                   for i in reversed(left_idx)))
            right_keys.append(tuple(text[toks.starts[i]:toks.ends[i]].casefold()
                                    for i in right_idx))

    meta = corpus.meta.iloc[rows].reset_index(drop=True)
    kw = pd.DataFrame(lines, columns=list(KWIC_COLUMNS))
    kw[["start", "end"]] = kw[["start", "end"]].astype("int64")
    frame = pd.concat([meta, kw], axis=1)
    if sort_by is not None:
        keys = {"left": left_keys, "right": right_keys,
                "match": [m.casefold() for m in lines["match"]]}[sort_by]
        order = sorted(range(len(frame)), key=keys.__getitem__)
        frame = frame.iloc[order].reset_index(drop=True)
    conc = Concordance(frame)
    conc.query = _describe(queries)
    conc.window = window
    conc.window_unit = window_unit
    return conc


# --------------------------------------------------------------------------
# Association measures
# --------------------------------------------------------------------------
def _association(o11: np.ndarray, r1: np.ndarray, c1: np.ndarray, n: np.ndarray) -> dict[str, np.ndarray]:
    """MI, t, G2 for the 2x2 table with O11, row total R1, column total C1, N.

    ``R1`` is the number of token slots examined next to the node (node
    frequency x window span), ``C1`` the collocate's corpus frequency.
    """
    o11, r1, c1, n = (np.asarray(x, dtype=float) for x in (o11, r1, c1, n))
    e11 = r1 * c1 / n
    with np.errstate(divide="ignore", invalid="ignore"):
        mi = np.log2(o11 / e11)
        t = (o11 - e11) / np.sqrt(o11)
        obs = [o11, r1 - o11, c1 - o11, n - r1 - c1 + o11]
        r2, c2 = n - r1, n - c1
        exp = [e11, r1 * c2 / n, r2 * c1 / n, r2 * c2 / n]
        g2 = np.zeros_like(o11)
        for o, e in zip(obs, exp):
            g2 += np.where(o > 0, o * np.log(np.where(o > 0, o, 1.0) / e), 0.0)
        g2 *= 2.0
    # A negative cell means the windows cover more slots than the corpus has
    # (only in toy corpora with heavily overlapping windows): G2 is undefined.
    bad = np.zeros_like(o11, dtype=bool)
    for o in obs:
        bad |= o < 0
    g2 = np.where(bad, np.nan, g2)
    return {"expected": e11, "mi": mi, "t": t, "g2": g2}


def _log_dice(f_xy: np.ndarray, f_x: np.ndarray, f_y: np.ndarray) -> np.ndarray:
    f_xy, f_x, f_y = (np.asarray(x, dtype=float) for x in (f_xy, f_x, f_y))
    with np.errstate(divide="ignore"):
        return 14.0 + np.log2(2.0 * f_xy / (f_x + f_y))


def _check_measures(measures: Any) -> list[str]:
    if isinstance(measures, str):
        measures = [measures]
    measures = list(measures)
    if not measures:
        raise DiscourseError(invalid_value_message("measures", measures, MEASURES))
    for m in measures:
        check_option("measures", m, MEASURES)
    return measures


def _stopwords(language: str) -> frozenset[str]:
    from .tokenizing import stopwords

    return stopwords(language)


def _groups(corpus: _Corpus, by: str | None, data: Any) -> list[tuple[Any, list[int]]]:
    if by is None:
        return [(None, list(range(len(corpus.texts))))]
    if not isinstance(data, pd.DataFrame):
        raise DiscourseError(
            f"Invalid value {by!r} for `by`: grouping needs a DataFrame; `data` is a "
            f"{type(data).__name__}."
        )
    if by not in corpus.meta.columns:
        raise DiscourseError(invalid_value_message("by", by, list(corpus.meta.columns)))
    keys = corpus.meta[by]
    out = []
    for key, idx in keys.groupby(keys, sort=True, dropna=False).groups.items():
        out.append((key, sorted(int(i) for i in idx)))
    return out


# --------------------------------------------------------------------------
# Collocations
# --------------------------------------------------------------------------
def collocations(
    data: str | Sequence[str] | pd.DataFrame,
    node: Pattern,
    *,
    window: int = 5,
    language: str | None = None,
    min_count: int = 3,
    measures: Iterable[str] = ("frequency", "mi", "t", "g2", "log_dice"),
    by: str | None = None,
    span: str = "both",
    remove_stopwords: bool = False,
    pattern_type: str = "word",
    text_column: str = "text",
) -> pd.DataFrame:
    """Score the words that occur within a window around a node word.

    Counting: every hit of ``node`` (same pattern syntax as :func:`kwic`,
    matched ignoring case) opens a window of ``window`` tokens to its left
    and/or right (``span``), inside its own document only. Every token in a
    window is one co-occurrence with its (lowercased) type, so overlapping
    windows count a token once per node hit, as in AntConc, #LancsBox and
    NLTK. Punctuation-only tokens are not tokens (see module docstring).

    With ``f_n`` node hits, collocate corpus frequency ``f_c``, ``N`` tokens
    in the (group's) corpus and window span ``S`` (``2 * window`` for
    ``span="both"``, else ``window``), the window-based expected frequency is

    ``E = f_n * S * f_c / N``

    i.e. the ``f_n * S`` token slots next to the node are treated as a sample
    of the corpus (nominal window size: windows cut short by a document edge
    are not shrunk, as in #LancsBox and NLTK). From the observed count ``O``:

    * ``mi`` -- pointwise MI, ``log2(O / E)``; the factor ``S`` in ``E`` is the
      window-size correction (Church & Hanks 1990) without which MI grows with
      the window;
    * ``t`` -- t-score, ``(O - E) / sqrt(O)``;
    * ``g2`` -- log-likelihood (Dunning 1993), ``2 * sum O_ij ln(O_ij / E_ij)``
      over the 2x2 table with rows "slot next to the node / elsewhere"
      (totals ``f_n*S`` and ``N - f_n*S``) and columns "collocate / other word"
      (totals ``f_c`` and ``N - f_c``). G2 is unsigned: compare ``O`` with
      ``expected`` for the direction. It is NaN when the windows cover more
      slots than the corpus holds (only in toy corpora);
    * ``log_dice`` -- Rychlý (2008): ``14 + log2(2 O / (f_n + f_c))``.

    With ``window=1, span="right"`` these are exactly NLTK's bigram ``pmi``,
    ``student_t`` and ``likelihood_ratio``.

    Parameters
    ----------
    data : str, list of str or DataFrame
        As in :func:`kwic`.
    node : str or list of str
        The node word(s).
    window : int, default 5
        Tokens on each side examined (>= 1).
    language : {"en", "ru", "zh"}, optional
        As in :func:`kwic`.
    min_count : int, default 3
        Keep collocates with at least this many co-occurrences.
    measures : iterable of {"frequency", "mi", "t", "g2", "log_dice"}
        Score columns to compute. The count columns are always present;
        ``"frequency"`` only matters for sorting.
    by : str, optional
        A metadata column (e.g. ``"bloc"``); scores are computed within each
        group against that group's own corpus, with a ``group`` column.
    span : {"both", "left", "right"}, default "both"
        Which side(s) of the node to look at.
    remove_stopwords : bool, default False
        Drop collocates that are stopwords of their text's language (the lists
        in :mod:`discourse.tokenizing`). Stopwords still take window slots and
        count in ``N``, so toggling this only hides rows -- every number in
        the remaining rows stays the same.
    pattern_type : {"word", "phrase", "regex"}, default "word"
        How to read ``node``.
    text_column : str, default "text"
        The column that holds the text of a table.

    Returns
    -------
    DataFrame
        One row per (group,) collocate: ``group`` (with ``by``), ``node``,
        ``collocate``, ``n_collocate`` (co-occurrences, ``O``), ``n_node``,
        ``n_collocate_corpus``, ``n_tokens``, ``expected`` (``E``), then the
        requested measures, sorted by ``log_dice`` (or the first measure
        requested) descending within each group.

    Raises
    ------
    DiscourseError
        For an invalid ``window``, ``min_count``, ``span``, measure, ``by``
        column or pattern (see :func:`kwic`).
    TypeError
        If an argument has the wrong type.

    Examples
    --------
    >>> text = "the cat sat on the mat and the cat ran"   # synthetic
    >>> col = collocations(text, "cat", window=1, span="left", language="en",
    ...                    min_count=1)
    >>> col[["collocate", "n_collocate", "n_node", "n_collocate_corpus", "n_tokens"]]
      collocate  n_collocate  n_node  n_collocate_corpus  n_tokens
    0       the            2       2                   3        10
    >>> round(float(col["mi"].iloc[0]), 4)   # log2(2 / (2 * 1 * 3 / 10))
    1.737
    """
    window = _check_int("window", window, 0)
    if window < 1:
        raise DiscourseError(invalid_value_message("window", window, hint="It must be >= 1."))
    min_count = _check_int("min_count", min_count, 1)
    measures = _check_measures(measures)
    check_option("span", span, SPANS)
    queries = _parse_patterns(node, pattern_type, case_sensitive=False)
    corpus = _as_corpus(data, language, text_column)
    groups = _groups(corpus, by, data)
    width = 2 * window if span == "both" else window

    frames = []
    for key, rows in groups:
        corpus_freq: Counter[str] = Counter()
        co: Counter[str] = Counter()
        lang_of: dict[str, set[str]] = {}
        n_tokens = n_node = 0
        for row in rows:
            text, lang = corpus.texts[row], corpus.languages[row]
            toks = _tokens(text, lang)
            n_tokens += len(toks)
            corpus_freq.update(toks.types)
            seen: set[tuple[int, int]] = set()
            for q in queries:
                for span_ in _find(q, text, lang, toks):
                    seen.add(span_)
            for start, end in sorted(seen):
                n_node += 1
                left_idx, right_idx = _windows(toks, start, end, window)
                idx = (list(left_idx) if span != "right" else []) + (
                    list(right_idx) if span != "left" else [])
                for i in idx:
                    co[toks.types[i]] += 1
                    lang_of.setdefault(toks.types[i], set()).add(lang)
        items = [(c, o) for c, o in co.items() if o >= min_count]
        if remove_stopwords and items:
            stops = {lang: _stopwords(lang) for lang in LANGUAGES}
            items = [(c, o) for c, o in items
                     if not any(c in stops[lang] for lang in lang_of[c])]
        frame = pd.DataFrame({
            "node": _describe(queries) if len(queries) > 1 else queries[0].source,
            "collocate": [c for c, _ in items],
            "n_collocate": np.array([o for _, o in items], dtype="int64"),
            "n_node": n_node,
            "n_collocate_corpus": np.array([corpus_freq[c] for c, _ in items], dtype="int64"),
            "n_tokens": n_tokens,
        })
        frame["n_node"] = frame["n_node"].astype("int64")
        frame["n_tokens"] = frame["n_tokens"].astype("int64")
        scores = _association(frame["n_collocate"], n_node * width,
                              frame["n_collocate_corpus"], n_tokens)
        frame["expected"] = scores["expected"]
        for m in ("mi", "t", "g2"):
            if m in measures:
                frame[m] = scores[m]
        if "log_dice" in measures:
            frame["log_dice"] = _log_dice(frame["n_collocate"], n_node, frame["n_collocate_corpus"])
        if by is not None:
            frame.insert(0, "group", key)
        frames.append(_sort_scores(frame, measures, "n_collocate", "collocate"))
    if not frames:
        return pd.DataFrame(columns=["group", "node", "collocate", "n_collocate", "n_node",
                                     "n_collocate_corpus", "n_tokens", "expected",
                                     *[m for m in measures if m != "frequency"]])
    return pd.concat(frames, ignore_index=True)


def _join(tokens: tuple[str, ...]) -> str:
    # Chinese words are written without spaces between them.
    return ("" if all(_width(t) == 2 * len(t) for t in tokens) else " ").join(tokens)


def _sort_scores(frame: pd.DataFrame, measures: list[str], count: str, label: str) -> pd.DataFrame:
    primary = "log_dice" if "log_dice" in measures else measures[0]
    primary = count if primary == "frequency" else primary
    keys = [primary] + [c for c in (count,) if c != primary] + [label]
    asc = [False] * (len(keys) - 1) + [True]
    return frame.sort_values(keys, ascending=asc, kind="mergesort")


# --------------------------------------------------------------------------
# Multiword sequences
# --------------------------------------------------------------------------
def multiword_sequences(
    data: str | Sequence[str] | pd.DataFrame,
    *,
    n: int = 2,
    min_count: int = 5,
    language: str | None = None,
    measure: str = "g2",
    top: int | None = 50,
    text_column: str = "text",
) -> pd.DataFrame:
    """Find contiguous word sequences (n-grams) that stick together.

    Sequences are read inside a document and never across punctuation (a
    comma or full stop between two words breaks the sequence), so "Kabul. The"
    is not a bigram. Counts are over lowercased tokens.

    Bigrams are scored exactly as NLTK's ``BigramCollocationFinder`` with
    ``BigramAssocMeasures`` does, from the bigram count ``O``, the corpus
    frequencies ``f_1``, ``f_2`` of its words and the token count ``N``:
    ``E = f_1 f_2 / N``, ``mi = log2(O / E)``, ``t = (O - E) / sqrt(O)``,
    ``g2`` = Dunning's log-likelihood on the 2x2 table (``likelihood_ratio``),
    ``log_dice = 14 + log2(2 O / (f_1 + f_2))``. For trigrams, ``mi`` and
    ``t`` use independence of all three words (``E = f_1 f_2 f_3 / N**2``, as
    NLTK's ``TrigramAssocMeasures``); ``g2`` and ``log_dice`` are defined for
    bigrams only.

    Parameters
    ----------
    data : str, list of str or DataFrame
        As in :func:`kwic`.
    n : {2, 3}, default 2
        Sequence length.
    min_count : int, default 5
        Keep sequences seen at least this often.
    language : {"en", "ru", "zh"}, optional
        As in :func:`kwic`.
    measure : {"frequency", "mi", "t", "g2", "log_dice"}, default "g2"
        Score to rank by (descending; ties by frequency, then alphabetically).
    top : int or None, default 50
        Rows to return; None for all.
    text_column : str, default "text"
        The column that holds the text of a table.

    Returns
    -------
    DataFrame
        Columns ``sequence`` (words joined by a space; no space for Chinese),
        ``tokens`` (tuple), ``n_sequence``, ``n_tokens``, one ``n_word<i>``
        corpus frequency per position, ``expected``, ``mi``, ``t`` and, for
        bigrams, ``g2`` and ``log_dice``.

    Raises
    ------
    DiscourseError
        If ``n`` is not 2 or 3, ``measure`` is not allowed for ``n``, or
        ``min_count``/``top`` is invalid.

    Examples
    --------
    >>> text = ("The Security Council met. The Security Council voted. "
    ...         "The council met.")   # synthetic
    >>> seq = multiword_sequences(text, language="en", min_count=2, measure="frequency")
    >>> seq[["sequence", "n_sequence", "n_word1", "n_word2"]]
               sequence  n_sequence  n_word1  n_word2
    0       council met           2        3        2
    1  security council           2        2        3
    2      the security           2        3        2
    """
    check_option("n", n, (2, 3))
    min_count = _check_int("min_count", min_count, 1)
    valid = MEASURES if n == 2 else ("frequency", "mi", "t")
    check_option("measure", measure, valid)
    if top is not None and (isinstance(top, bool) or not isinstance(top, (int, np.integer)) or top < 1):
        raise DiscourseError(invalid_value_message("top", top, hint="It must be a positive int or None."))
    corpus = _as_corpus(data, language, text_column)

    word_freq: Counter[str] = Counter()
    seq_freq: Counter[tuple[str, ...]] = Counter()
    n_tokens = 0
    for text, lang in zip(corpus.texts, corpus.languages):
        toks = _tokens(text, lang)
        n_tokens += len(toks)
        word_freq.update(toks.types)
        run: list[str] = []
        for i, t in enumerate(toks.types):
            if i and text[toks.ends[i - 1]:toks.starts[i]].strip():
                run = []
            run.append(t)
            if len(run) >= n:
                seq_freq[tuple(run[-n:])] += 1

    items = [(g, o) for g, o in seq_freq.items() if o >= min_count]
    frame = pd.DataFrame({
        "sequence": [_join(g) for g, _ in items],
        "tokens": [g for g, _ in items],
        "n_sequence": np.array([o for _, o in items], dtype="int64"),
    })
    frame["n_tokens"] = np.int64(n_tokens)
    for k in range(n):
        frame[f"n_word{k + 1}"] = np.array([word_freq[g[k]] for g, _ in items], dtype="int64")
    o = frame["n_sequence"].to_numpy(float)
    if n == 2:
        scores = _association(o, frame["n_word1"], frame["n_word2"], n_tokens)
        frame["expected"] = scores["expected"]
        frame["mi"], frame["t"], frame["g2"] = scores["mi"], scores["t"], scores["g2"]
        frame["log_dice"] = _log_dice(o, frame["n_word1"], frame["n_word2"])
    else:
        prod = np.prod([frame[f"n_word{k + 1}"].to_numpy(float) for k in range(n)], axis=0)
        frame["expected"] = prod / float(n_tokens) ** (n - 1) if items else prod
        with np.errstate(divide="ignore", invalid="ignore"):
            frame["mi"] = np.log2(o / frame["expected"].to_numpy(float))
            frame["t"] = (o - frame["expected"].to_numpy(float)) / np.sqrt(o)
    frame = _sort_scores(frame, [measure], "n_sequence", "sequence").reset_index(drop=True)
    return frame if top is None else frame.head(top)


def collocates_by_language(
    data: pd.DataFrame, nodes: Mapping[str, Pattern], *, by: str | None = None, **collocation_params: Any
) -> pd.DataFrame:
    """Collocates of one concept given as a node per language, in one table.

    Runs :func:`collocations` on each language's rows with that language's
    node (e.g. ``{"en": "taliban*", "ru": "талиб*", "zh": "塔利班"}``) so
    that no window ever mixes languages, and stacks the results with a
    ``language`` column. Languages without rows are skipped.

    Raises
    ------
    ValueError
        If ``data`` has no ``language`` column or a key of ``nodes`` is not a
        supported language.
    """
    if not isinstance(data, pd.DataFrame) or "language" not in data.columns:
        raise DiscourseError("`data` must be a DataFrame with a `language` column for collocates_by_language.")
    tables = []
    for lang, node in nodes.items():
        if lang not in LANGUAGES:
            raise DiscourseError(invalid_value_message("nodes", lang, LANGUAGES))
        part = data[data["language"] == lang]
        if part.empty:
            continue
        table = collocations(part, node, by=by, **collocation_params)
        table.insert(0, "language", lang)
        tables.append(table)
    return pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()
