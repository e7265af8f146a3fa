"""Concordances (keyword in context) and the pattern matching they share with collocations.

:func:`kwic` finds every hit of a word, phrase or regular expression and
returns it with its left and right context, as a :class:`Concordance` (a
DataFrame that renders as an aligned KWIC table in Jupyter).
:mod:`discourse.collocations` counts the words around the same hits.

How patterns match
------------------
Tokens come from :func:`discourse.tokenizing.tokenize_spans` (with the same
``user_dictionary`` for Chinese), so KWIC, the collocation counts and every
other count in ``discourse`` agree on what a word is. They are computed by
:func:`~discourse.tokenizing.compact_tokens`, a piece of the text at a time
and held as offsets, so that a document of tens of megabytes on one line
needs 16 bytes a token rather than a Python tuple each; long work shows a
progress bar over characters in Jupyter or a terminal. Punctuation, symbols and
lone underscores are not tokens: they never fill a window slot and are never
collocates.

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

With ``lemmatize=True`` a word or phrase pattern is matched in Russian
texts against the tokens' lemmas (see
:func:`discourse.tokenizing.tokenize`), and each literal pattern part is
lemmatized by the same dictionary, so ``"афганистан"`` (or ``"Афганистане"``)
finds "Афганистане", "Афганистана" and "Афганистан"; a part with ``*`` is
matched against the lemmas as written. Lemmas are lower-case, so Russian
lemma matching always ignores case. The lines still show the original
text. English and Chinese texts, and regex patterns, match as without it.
"""
from __future__ import annotations

import html
import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ._errors import ParameterError, invalid_value_message
from ._typing import Pattern, TextInput, UserDictionary
from ._validation import check_bool, check_int, check_option
from .inputs import text_inputs
from ._progress import char_progress, one_text
from .tokenizing import CompactTokens, _lemma_ru, compact_tokens

__all__ = ["Concordance", "PATTERN_TYPES", "kwic"]

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
# Input and tokens
# --------------------------------------------------------------------------
@dataclass
class _Corpus:
    texts: list[str]
    languages: list[str]
    meta: pd.DataFrame  # one row per text, doc_id first; never holds the text


def _as_corpus(data: Any, *, language: str | None, text_column: str, missing: str) -> _Corpus:
    """Texts and their metadata (doc_id first) by the rules of :mod:`discourse.inputs`."""
    inputs = text_inputs(data, language=language, text_column=text_column, missing=missing,
                         allowed=("raise", "drop"))
    if inputs.frame is not None:
        meta = inputs.frame.drop(columns=[text_column]).reset_index(drop=True)
        if "doc_id" not in meta.columns:
            meta.insert(0, "doc_id", list(inputs.index))
        front = [c for c in ("doc_id", "passage_id") if c in meta.columns]
        meta = meta[front + [c for c in meta.columns if c not in front]]
    else:
        meta = pd.DataFrame({"doc_id": list(inputs.index)})
    return _Corpus(inputs.texts, inputs.languages, meta)


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


def _parse_patterns(pattern: Any, pattern_type: str, case_sensitive: bool, *, argument: str = "pattern") -> list[_Query]:
    check_option("pattern_type", pattern_type, PATTERN_TYPES)
    case_sensitive = check_bool("case_sensitive", case_sensitive)
    if isinstance(pattern, str):
        raw = [pattern]
    elif isinstance(pattern, (list, tuple)) and pattern:
        raw = list(pattern)
    else:
        raise ParameterError(invalid_value_message(argument, pattern, must="a pattern or a non-empty list of patterns"))
    flags = 0 if case_sensitive else re.IGNORECASE
    queries = []
    for p in raw:
        if not isinstance(p, str) or not p.strip():
            raise ParameterError(invalid_value_message(argument, p, must="a non-empty pattern string"))
        if pattern_type == "regex":
            try:
                rx = re.compile(p, flags)
            except re.error as exc:
                raise ParameterError(invalid_value_message(
                    argument, p, must=f"a valid regular expression ({exc})")) from None
            queries.append(_Query(p, "regex", [], flags, rx))
            continue
        parts = p.split()
        if pattern_type == "word" and len(parts) > 1:
            raise ParameterError(invalid_value_message(
                argument, p, must="a word pattern without spaces", hint="Use pattern_type='phrase'."))
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


def _find(q: _Query, text: str, language: str, toks: CompactTokens | None,
          lemmatize: bool = False) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the hits of one pattern in one text."""
    if q.kind == "regex":
        return [m.span() for m in q.regex.finditer(text) if m.end() > m.start()]
    if language == "zh":
        return _find_zh(q, text, toks)
    return _find_tokens(q, text, language, toks, lemmatize and language == "ru")


def _lemma_regexes(q: _Query) -> list[re.Pattern]:
    """Pattern parts as lemmas (the same dictionary as the tokens); parts with ``*`` as written."""
    return [re.compile(_glob(part.lower().replace("ё", "е") if "*" in part else _lemma_ru(part.lower(), True), ".*"),
                       re.IGNORECASE | re.DOTALL)
            for part in q.parts]


def _find_tokens(q: _Query, text: str, language: str, toks: CompactTokens,
                 lemmas: bool = False) -> list[tuple[int, int]]:
    regexes = _lemma_regexes(q) if lemmas else _token_regexes(q, language)
    # Lemmas exist only as the token strings, so they are always matched there.
    fold = lemmas or bool(q.flags & re.IGNORECASE)
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


def _find_zh(q: _Query, text: str, toks: CompactTokens) -> list[tuple[int, int]]:
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


def _windows(toks: CompactTokens, start: int, end: int, window: int) -> tuple[range, range]:
    """Token indices of the left and right windows (tokens wholly outside the hit)."""
    i_left = bisect_right(toks.ends, start)
    i_right = bisect_left(toks.starts, end)
    return range(max(0, i_left - window), i_left), range(i_right, min(len(toks), i_right + window))


def _hits_in(queries: list[_Query], text: str, language: str, user_dictionary: UserDictionary = None,
             progress: Any = None, lemmatize: bool = False) -> tuple[list[tuple[int, int, str]], CompactTokens | None]:
    """All hits of any query in a text, in text order; tokens are computed lazily."""
    lemmas = lemmatize and language == "ru"
    # A lemma need not be a substring of its forms (шли → идти): no raw-text prefilter then.
    candidates = [q for q in queries if (lemmas and q.kind != "regex") or _prefilter(q, language).search(text)]
    if not candidates:
        return [], None
    toks = compact_tokens(text, language=language, user_dictionary=user_dictionary, progress=progress,
                          lemmatize=lemmatize)
    seen: dict[tuple[int, int], str] = {}
    for q in candidates:
        for span in _find(q, text, language, toks, lemmatize):
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
    user_dictionary: UserDictionary = None,
    missing: str = "raise",
    lemmatize: bool = False,
) -> Concordance:
    """Find every hit of a pattern and return it with its context (KWIC).

    Parameters
    ----------
    data : str, list of str or DataFrame
        A text, a list of texts, or a documents/passages table with the text in
        ``text_column`` and a ``language`` column. Every other column of a table
        (``doc_id``, ``source``, ``date`` ...) is carried into the result. A
        table without ``doc_id`` gets its index as ``doc_id``; plain texts get
        their position in the list.
    pattern : str or list of str
        What to find (see the module docstring for the syntax); a list matches
        any of its patterns, so patterns in several languages can be searched in
        one call over a mixed-language table.
    window : int, default 5
        Context on each side, in ``window_unit``.
    pattern_type : {"word", "phrase", "regex"}, default "word"
        How to read ``pattern``.
    language : {"en", "zh", "ru"}, optional
        Required for str and list input, and for a table without a
        ``language`` column (see :mod:`discourse.inputs`).
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
        concordance line shows exactly the window that :func:`~discourse.collocations.collocations`
        counts; a Chinese word is 1-3 characters, so ``window=5`` shows about
        8-10 characters of Chinese context. ``"chars"`` cuts the context at
        ``window`` characters instead -- useful for Chinese when
        segmentation errors make token windows uneven.
    text_column : str, default "text"
        The column that holds the text of a table.
    user_dictionary : path or list of str, optional
        Chinese words kept whole when the text is segmented into the tokens
        that windows count (as in :class:`~discourse.counting.DfmVectorizer`).
    missing : {"raise", "drop"}, default "raise"
        Missing or empty texts raise an error naming the rows, or are left
        out with a warning (see :mod:`discourse.inputs`).
    lemmatize : bool, default False
        Match word and phrase patterns against the lemmas of Russian tokens
        (see the module docstring), so one pattern finds every inflected
        form; ``left``/``match``/``right`` stay the original text.

    Returns
    -------
    Concordance
        A DataFrame subclass (see :class:`Concordance`) with one row per hit:
        metadata, ``left``, ``match``, ``right`` (original text; ``left +
        match + right`` is a contiguous slice of the text), ``start``/``end``
        (character offsets into the row's text) and ``pattern``.

    Raises
    ------
    ImportError
        With ``lemmatize=True`` and Russian texts when pymorphy3 is missing.
    ParameterError
        If a pattern is empty or an invalid regular expression (the message
        names it), if ``window``, ``pattern_type``, ``sort_by``,
        ``window_unit`` or a language is not one of the allowed values, if
        ``language`` is missing for str/list input, or if ``text_column`` is
        not a column.
    MissingDataError
        For a missing or empty text (unless ``missing="drop"``).

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
    >>> kwic("В Кабуле тихо. Талибы вошли в Кабул.", "кабул", language="ru",
    ...      lemmatize=True)["match"].tolist()   # synthetic
    ['Кабуле', 'Кабул']
    """
    window = check_int("window", window, minimum=0)
    lemmatize = check_bool("lemmatize", lemmatize)
    check_option("sort_by", sort_by, SORT_KEYS)
    check_option("window_unit", window_unit, WINDOW_UNITS)
    queries = _parse_patterns(pattern, pattern_type, case_sensitive)
    corpus = _as_corpus(data, language=language, text_column=text_column, missing=missing)
    clash = [c for c in KWIC_COLUMNS if c in corpus.meta.columns]
    if clash:
        raise ParameterError(f"`data` must not have the column(s) {clash}, which kwic() adds; rename them first.")

    rows: list[int] = []
    lines: dict[str, list[Any]] = {c: [] for c in KWIC_COLUMNS}
    left_keys: list[tuple[str, ...]] = []
    right_keys: list[tuple[str, ...]] = []
    with char_progress(sum(map(len, corpus.texts)), "kwic") as bar:
        for row, (text, lang) in enumerate(zip(corpus.texts, corpus.languages)):
            with one_text(bar, len(text)):
                hits, toks = _hits_in(queries, text, lang, user_dictionary, bar, lemmatize)
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


