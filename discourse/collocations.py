"""Collocations: the words around a node, and word sequences that stick together.

* :func:`collocations` -- words that co-occur with a node word within a token
  window, scored with MI, t-score, log-likelihood (G2) and logDice.
* :func:`collocates_by_language` -- one concept given as a node per
  language, so no window mixes languages.
* :func:`multiword_sequences` -- contiguous n-grams that occur together more
  often than chance ("Security Council", "Совет Безопасности").

Node patterns and tokens are those of :mod:`discourse.concordance`, so a
collocation window is exactly the window a KWIC line shows, and the scores
come from :mod:`discourse.measures`.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._errors import ParameterError, invalid_value_message
from ._typing import Pattern, UserDictionary
from .inputs import drop_missing_labels
from ._validation import check_bool, check_int, check_language, check_option, require_columns
from ._progress import char_progress, one_text
from .concordance import _as_corpus, _Corpus, _describe, _find, _parse_patterns, _width, _windows
from .measures import association_scores, log_dice
from .schema import LANGUAGES
from .tokenizing import compact_tokens, stopwords

__all__ = ["MEASURES", "collocates_by_language", "collocations", "multiword_sequences"]

#: Association measures a collocation table can hold.
MEASURES: tuple[str, ...] = ("frequency", "mi", "t", "g2", "log_dice")
SPANS: tuple[str, ...] = ("both", "left", "right")

def _check_measures(measures: Any) -> list[str]:
    if isinstance(measures, str):
        measures = [measures]
    measures = list(measures)
    if not measures:
        raise ParameterError(invalid_value_message("measures", measures, MEASURES))
    for m in measures:
        check_option("measures", m, MEASURES)
    return measures


def _groups(corpus: _Corpus, by: str | None, data: Any, missing: str) -> list[tuple[Any, list[int]]]:
    if by is None:
        return [(None, list(range(len(corpus.texts))))]
    if not isinstance(data, pd.DataFrame):
        raise ParameterError(f"`by` needs `data` to be a DataFrame; got {type(data).__name__}.")
    require_columns(corpus.meta, [by], role="by")
    keys = drop_missing_labels(corpus.meta, [by], missing=missing)[by]
    out = []
    for key, idx in keys.groupby(keys, sort=True).groups.items():
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
    user_dictionary: UserDictionary = None,
    missing: str = "raise",
    lemmatize: bool = False,
) -> pd.DataFrame:
    """Score the words that occur within a window around a node word.

    Counting: every hit of ``node`` (same pattern syntax as
    :func:`~discourse.concordance.kwic`,
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
        As in :func:`~discourse.concordance.kwic`.
    node : str or list of str
        The node word(s).
    window : int, default 5
        Tokens on each side examined (>= 1).
    language : {"en", "zh", "ru"}, optional
        As in :func:`~discourse.concordance.kwic`.
    min_count : int, default 3
        Keep collocates with at least this many co-occurrences.
    measures : iterable of {"frequency", "mi", "t", "g2", "log_dice"}
        Score columns to compute. The count columns are always present;
        ``"frequency"`` only matters for sorting.
    by : str, optional
        A metadata column (e.g. ``"source"``); scores are computed within each
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
    user_dictionary : path or list of str, optional
        Chinese words kept whole (as in :class:`~discourse.counting.DfmVectorizer`).
    missing : {"raise", "drop"}, default "raise"
        Rows with a missing or empty text or ``by`` value raise an error, or
        are left out with a warning (see :mod:`discourse.inputs`).
    lemmatize : bool, default False
        Russian tokens as lemmas (see :func:`discourse.tokenizing.tokenize`):
        the node matches every form of its lemma, as in
        :func:`~discourse.concordance.kwic`, and collocates, their corpus
        frequencies and ``remove_stopwords`` are over lemmas.

    Returns
    -------
    DataFrame
        One row per (group,) collocate: ``group`` (with ``by``), ``node``,
        ``collocate``, ``n_collocate`` (co-occurrences, ``O``), ``n_node``,
        ``n_collocate_corpus``, ``n_tokens``, ``expected`` (``E``), then the
        requested measures, sorted by ``log_dice`` (or the first measure
        requested) descending within each group. ``attrs`` records
        ``window``, ``span``, ``min_count`` and ``node_hits`` (node matches
        per group, also for a group left without collocates).

    Raises
    ------
    ParameterError
        For an invalid ``window``, ``min_count``, ``span``, measure, ``by``
        column or pattern (see :func:`~discourse.concordance.kwic`).
    MissingDataError
        For a missing or empty text or ``by`` value (unless ``missing="drop"``).

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
    window = check_int("window", window, minimum=1)
    min_count = check_int("min_count", min_count, minimum=1)
    measures = _check_measures(measures)
    check_option("span", span, SPANS)
    remove_stopwords = check_bool("remove_stopwords", remove_stopwords)
    lemmatize = check_bool("lemmatize", lemmatize)
    queries = _parse_patterns(node, pattern_type, case_sensitive=False, argument="node")
    corpus = _as_corpus(data, language=language, text_column=text_column, missing=missing)
    groups = _groups(corpus, by, data, missing)
    width = 2 * window if span == "both" else window

    frames = []
    node_hits: dict[str, int] = {}
    with char_progress(sum(len(corpus.texts[row]) for _, rows in groups for row in rows), "collocations") as bar:
        for key, rows in groups:
            corpus_freq: Counter[str] = Counter()
            co: Counter[str] = Counter()
            lang_of: dict[str, set[str]] = {}
            n_tokens = n_node = 0
            for row in rows:
                text, lang = corpus.texts[row], corpus.languages[row]
                with one_text(bar, len(text)):
                    toks = compact_tokens(text, language=lang, user_dictionary=user_dictionary, progress=bar,
                                          lemmatize=lemmatize)
                n_tokens += len(toks)
                corpus_freq.update(toks.types)
                seen: set[tuple[int, int]] = set()
                for q in queries:
                    for span_ in _find(q, text, lang, toks, lemmatize):
                        seen.add(span_)
                for start, end in sorted(seen):
                    n_node += 1
                    left_idx, right_idx = _windows(toks, start, end, window)
                    idx = (list(left_idx) if span != "right" else []) + (
                        list(right_idx) if span != "left" else [])
                    for i in idx:
                        co[toks.types[i]] += 1
                        lang_of.setdefault(toks.types[i], set()).add(lang)
            node_hits[str(key) if by is not None else "all"] = n_node
            items = [(c, o) for c, o in co.items() if o >= min_count]
            if remove_stopwords and items:
                stops = {lang: stopwords(lang) for lang in LANGUAGES}
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
            scores = association_scores(frame["n_collocate"], n_node * width, frame["n_collocate_corpus"], n_tokens)
            frame["expected"] = scores["expected"]
            for m in ("mi", "t", "g2"):
                if m in measures:
                    frame[m] = scores[m]
            if "log_dice" in measures:
                frame["log_dice"] = log_dice(frame["n_collocate"], n_node, frame["n_collocate_corpus"])
            if by is not None:
                frame.insert(0, "group", key)
            frames.append(_sort_scores(frame, measures, "n_collocate", "collocate"))
    if not frames:
        out = pd.DataFrame(columns=["group", "node", "collocate", "n_collocate", "n_node",
                                    "n_collocate_corpus", "n_tokens", "expected",
                                    *[m for m in measures if m != "frequency"]])
    else:
        out = pd.concat(frames, ignore_index=True)
    out.attrs = {"window": window, "span": span, "min_count": min_count, "node_hits": node_hits}
    return out


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
    user_dictionary: UserDictionary = None,
    missing: str = "raise",
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
        As in :func:`~discourse.concordance.kwic`.
    n : {2, 3}, default 2
        Sequence length.
    min_count : int, default 5
        Keep sequences seen at least this often.
    language : {"en", "zh", "ru"}, optional
        As in :func:`~discourse.concordance.kwic`.
    measure : {"frequency", "mi", "t", "g2", "log_dice"}, default "g2"
        Score to rank by (descending; ties by frequency, then alphabetically).
    top : int or None, default 50
        Rows to return; None for all.
    text_column : str, default "text"
        The column that holds the text of a table.
    user_dictionary, missing
        As in :func:`collocations`.

    Returns
    -------
    DataFrame
        Columns ``sequence`` (words joined by a space; no space for Chinese),
        ``tokens`` (tuple), ``n_sequence``, ``n_tokens``, one ``n_word<i>``
        corpus frequency per position, ``expected``, ``mi``, ``t`` and, for
        bigrams, ``g2`` and ``log_dice``.

    Raises
    ------
    ParameterError
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
    min_count = check_int("min_count", min_count, minimum=1)
    valid = MEASURES if n == 2 else ("frequency", "mi", "t")
    check_option("measure", measure, valid)
    if top is not None:
        top = check_int("top", top, minimum=1)
    corpus = _as_corpus(data, language=language, text_column=text_column, missing=missing)

    word_freq: Counter[str] = Counter()
    seq_freq: Counter[tuple[str, ...]] = Counter()
    n_tokens = 0
    with char_progress(sum(map(len, corpus.texts)), "sequences") as bar:
        for text, lang in zip(corpus.texts, corpus.languages):
            with one_text(bar, len(text)):
                toks = compact_tokens(text, language=lang, user_dictionary=user_dictionary, progress=bar)
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
        scores = association_scores(o, frame["n_word1"], frame["n_word2"], n_tokens)
        frame["expected"] = scores["expected"]
        frame["mi"], frame["t"], frame["g2"] = scores["mi"], scores["t"], scores["g2"]
        frame["log_dice"] = log_dice(o, frame["n_word1"], frame["n_word2"])
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
    node (e.g. ``{"en": "withdraw*", "ru": "вывод*", "zh": "撤军"}``) so
    that no window ever mixes languages, and stacks the results with a
    ``language`` column. Languages without rows are skipped.

    Raises
    ------
    ParameterError
        If ``data`` has no ``language`` column or a key of ``nodes`` is not a
        supported language.
    """
    require_columns(data, ["language"])
    tables: dict[str, pd.DataFrame] = {}
    for lang, node in nodes.items():
        check_language("nodes", lang)
        part = data[data["language"] == lang]
        if part.empty:
            continue
        table = collocations(part, node, by=by, **collocation_params)
        table.insert(0, "language", lang)
        tables[lang] = table
    if not tables:
        return pd.DataFrame()
    out = pd.concat(list(tables.values()), ignore_index=True)
    # The settings are shared by every language; the node hits are recorded per language.
    settings = {k: v for k, v in next(iter(tables.values())).attrs.items() if k != "node_hits"}
    out.attrs = {**settings, "node_hits": {lang: t.attrs["node_hits"] for lang, t in tables.items()}}
    return out

