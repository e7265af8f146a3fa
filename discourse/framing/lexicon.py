"""A transparent dictionary baseline for frame detection: count codebook terms.

:class:`LexiconFrameClassifier` counts, per passage and frame, the hits of
the frame's seed lexicon from a codebook (:mod:`discourse.framing.codebooks`)
and calls a frame present when the count reaches a threshold. Every decision
can be traced to the words that caused it with :meth:`~LexiconFrameClassifier.explain`.
It is a baseline to validate against human coding, not a measurement
instrument in its own right.

Matching rules
--------------
English and Russian
    Terms match whole words, case-insensitively, on the original text (so
    character offsets refer to the text you passed in). A ``*`` ending a
    word is a suffix wildcard (``провал*`` matches провал, провала,
    провалом, провальный). A space or hyphen inside a term matches any run
    of whitespace — including the non-breaking space U+00A0 common in
    Russian typography — or hyphens and dashes, so ``over-the-horizon`` and
    ``over the horizon`` are one term. Russian ``е`` and ``ё`` are
    interchangeable, and a straight apostrophe also matches a curly one.
Chinese
    Terms match as character substrings of the raw text, not as jieba
    tokens. jieba often folds a term into a longer dictionary word —
    人道 into 人道主义, 恐怖 into 恐怖主义, 美元 into 亿美元 — so requiring
    token equality would lose exactly the hits we want. On Afghanistan
    passages from CCTV Xinwen Lianbo (2021-22), 631 of 808 counted hits of the
    bundled lexicon coincided with jieba token boundaries, and nearly all of
    the rest were such longer words; the few false friends found that way
    (内政部 "Ministry of the Interior" for 内政, 自主权 for 主权) are listed
    as exclusions. Terms are therefore chosen to be unambiguous as strings.
Exclusions
    A hit is suppressed when an exclusion term of the same frame and
    language matches an overlapping span ("heart attack" silences
    ``attack*`` but not another "attack" in the same passage).
Counting
    Within a frame, hits do not overlap: at each position the longest term
    (as written) wins, so "ISIS-K" counts once for ``isis-k``, not also for
    ``isis``.

Scores are counts (or, with ``normalize=True``, hits per 100 tokens), not
probabilities, so the classifier has no ``predict_proba``.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from os import PathLike
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from discourse._errors import DiscourseError, invalid_value_message
from discourse.framing._inputs import passage_inputs
from discourse.framing.codebooks import LANGUAGES, Codebook, load_codebook

__all__ = ["LexiconFrameClassifier", "compile_term"]

# Whitespace (\s covers U+00A0 in str patterns), hyphen-minus and the
# Unicode hyphens/dashes U+2010..U+2015.
_JOINER = r"[\s\-\u2010-\u2015]+"
_WORD_SPLIT = re.compile(r"[\s\-]+")


def compile_term(term: str, *, language: str) -> str:
    """Return the regular expression (as a string) a codebook term stands for.

    Parameters
    ----------
    term : str
        A lexicon or exclusion term as written in a codebook.
    language : {"en", "ru", "zh"}
        Language of the term; fixes word-boundary and wildcard handling.

    Returns
    -------
    str
        A pattern meant to be compiled with ``re.IGNORECASE``.

    Raises
    ------
    DiscourseError
        If ``language`` is unknown.

    Examples
    --------
    >>> compile_term("провал*", language="ru")
    '(?<!\\\\w)провал\\\\w*(?!\\\\w)'
    >>> import re
    >>> bool(re.search(compile_term("over-the-horizon", language="en"), "over the\\xa0horizon", re.I))
    True
    """
    if language not in LANGUAGES:
        raise DiscourseError(invalid_value_message("language", language, LANGUAGES))
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


class LexiconFrameClassifier(ClassifierMixin, BaseEstimator):
    """Detect frames by counting a codebook's lexicon terms in each passage.

    Parameters
    ----------
    codebook : str, path-like or Codebook, default="afghanistan"
        A bundled codebook name (see :func:`~discourse.framing.list_codebooks`),
        a path to a codebook YAML file, or a loaded Codebook.
    threshold : float, default=1
        A frame is predicted present when its score is at least this value
        (a number of hits, or hits per 100 tokens with ``normalize=True``).
    normalize : bool, default=False
        If True, scores are hits per 100 tokens (en/ru: word tokens; zh:
        jieba tokens containing a letter or digit), so that long and short
        passages are comparable.
    language : {"en", "ru", "zh"} or None, default=None
        Language of the texts when ``X`` is a list of strings or a Series, or
        a DataFrame without a ``language`` column. A ``language`` column, when
        present, takes precedence.

    Attributes
    ----------
    codebook_ : Codebook
        The loaded codebook.
    frames_ : list of str
        Frame ids, the columns of every output.
    languages_ : list of str
        Languages the codebook has lexicon terms for.
    patterns_ : dict of {str: dict of {str: re.Pattern}}
        ``patterns_[language][frame]``: the compiled alternation of the
        frame's terms (longest first), one capturing group per term.
    terms_ : dict of {str: dict of {str: list of str}}
        The term behind each capturing group of ``patterns_``.
    exclude_patterns_ : dict of {str: dict of {str: list of (str, re.Pattern)}}
        Compiled exclusion terms per language and frame.

    See Also
    --------
    discourse.framing.load_codebook : Read and validate a codebook.
    discourse.reliability.agreement_table : Compare predictions with coders.

    Notes
    -----
    ``score`` (from ``ClassifierMixin``) is subset accuracy over all frames;
    per-frame agreement with human coding is better measured with
    :func:`discourse.reliability.agreement_table`.

    Examples
    --------
    >>> clf = LexiconFrameClassifier(language="en").fit(None)
    >>> texts = [  # synthetic
    ...     "A humiliating debacle: the Saigon moment of US hegemony.",
    ...     "The convoy left at dawn.",
    ... ]
    >>> clf.predict(texts)["us_failure"].tolist()
    [1, 0]
    >>> int(clf.frame_scores(texts).loc[0, "us_failure"])
    4
    >>> clf.explain(texts[0])[["frame", "term", "start", "end"]].head(2)
            frame       term  start  end
    0  us_failure  humiliat*      2   13
    1  us_failure    debacle     14   21
    """

    def __init__(
        self,
        codebook: str | PathLike[str] | Codebook = "afghanistan",
        *,
        threshold: float = 1,
        normalize: bool = False,
        language: str | None = None,
    ):
        self.codebook = codebook
        self.threshold = threshold
        self.normalize = normalize
        self.language = language

    # ------------------------------------------------------------------ fit
    def fit(self, X: Any = None, y: Any = None) -> LexiconFrameClassifier:
        """Load the codebook and compile its lexicons; nothing is learned.

        Parameters
        ----------
        X : list of str, Series, DataFrame or None
            Not used for learning; if given, it is validated (columns,
            languages) so that input problems surface at fit time.
        y : ignored
            Present for scikit-learn compatibility.

        Returns
        -------
        self

        Raises
        ------
        DiscourseError
            If the codebook cannot be loaded (an unknown name lists the
            bundled ones), ``threshold`` is not a positive number, or
            ``language`` is not a language the codebook has lexicons for.
        TypeError
            If ``normalize`` is not a bool.
        """
        codebook = load_codebook(self.codebook)
        if (
            isinstance(self.threshold, bool)
            or not isinstance(self.threshold, (int, float, np.integer, np.floating))
            or not self.threshold > 0
        ):
            raise DiscourseError(
                invalid_value_message("threshold", self.threshold, hint="Must be a number > 0.")
            )
        if not isinstance(self.normalize, (bool, np.bool_)):
            raise TypeError(f"`normalize` must be True or False, got {self.normalize!r}.")
        languages = codebook.languages
        if self.language is not None and self.language not in languages:
            raise DiscourseError(
                invalid_value_message(
                    "language",
                    self.language,
                    languages,
                    hint=f"Codebook {codebook.name!r} has lexicons only for these.",
                )
            )
        patterns: dict[str, dict[str, re.Pattern]] = {}
        terms: dict[str, dict[str, list[str]]] = {}
        excludes: dict[str, dict[str, list[tuple[str, re.Pattern]]]] = {}
        for lang in languages:
            patterns[lang], terms[lang], excludes[lang] = {}, {}, {}
            for frame in codebook.frames:
                # Longest first, so that at any position the most specific
                # term wins the (leftmost-first) alternation.
                ordered = sorted(frame.lexicon.get(lang, ()), key=len, reverse=True)
                terms[lang][frame.id] = ordered
                body = "|".join(f"({compile_term(t, language=lang)})" for t in ordered)
                patterns[lang][frame.id] = re.compile(body or r"(?!x)x", re.IGNORECASE)
                excludes[lang][frame.id] = [
                    (t, re.compile(compile_term(t, language=lang), re.IGNORECASE))
                    for t in frame.exclude.get(lang, ())
                ]
        self.codebook_ = codebook
        self.frames_ = codebook.frame_ids
        self.languages_ = languages
        self.patterns_ = patterns
        self.terms_ = terms
        self.exclude_patterns_ = excludes
        if X is not None:
            self._texts_and_languages(X)
        return self

    # -------------------------------------------------------------- scoring
    def frame_scores(self, X: Any) -> pd.DataFrame:
        """Lexicon hits per frame for each passage.

        Parameters
        ----------
        X : list of str, Series or DataFrame
            Texts; a DataFrame needs a ``text`` column and, unless the
            estimator's ``language`` is set, a ``language`` column.

        Returns
        -------
        DataFrame
            One row per passage (index aligned with ``X``), one column per
            frame id: hit counts (int), or hits per 100 tokens (float) if
            ``normalize=True``.

        Raises
        ------
        NotFittedError
            If called before ``fit``.
        DiscourseError
            If a column is missing or a language has no lexicon.
        TypeError
            If ``X`` is a single string or not text.
        """
        check_is_fitted(self)
        texts, langs, index = self._texts_and_languages(X)
        counts = np.zeros((len(texts), len(self.frames_)), dtype=int)
        for i, (text, lang) in enumerate(zip(texts, langs)):
            if not text:
                continue
            for j, frame in enumerate(self.frames_):
                counts[i, j] = sum(1 for h in self._hits(text, lang, frame) if h[5] is None)
        scores = pd.DataFrame(counts, index=index, columns=list(self.frames_))
        if self.normalize:
            n_tokens = np.array([_n_tokens(t, lang) for t, lang in zip(texts, langs)], dtype=float)
            with np.errstate(invalid="ignore", divide="ignore"):
                per100 = counts / np.where(n_tokens == 0, np.nan, n_tokens)[:, None] * 100.0
            scores = pd.DataFrame(np.nan_to_num(per100), index=index, columns=list(self.frames_))
        scores.columns.name = "frame"
        return scores

    def decision_function(self, X: Any) -> np.ndarray:
        """Frame scores as an array (n_passages, n_frames), for scikit-learn tools."""
        return self.frame_scores(X).to_numpy()

    def predict(self, X: Any) -> pd.DataFrame:
        """Frame presence (0/1) per passage: score >= ``threshold``.

        Parameters
        ----------
        X : list of str, Series or DataFrame
            As for :meth:`frame_scores`.

        Returns
        -------
        DataFrame
            0/1 ints, index aligned with ``X``, one column per frame id.

        Raises
        ------
        NotFittedError
            If called before ``fit``.
        DiscourseError, TypeError
            As for :meth:`frame_scores`.
        """
        return (self.frame_scores(X) >= self.threshold).astype(int)

    def explain(self, text_or_row: str | Mapping[str, Any] | pd.Series, *, language: str | None = None) -> pd.DataFrame:
        """Which terms fired for which frame, with character offsets.

        Parameters
        ----------
        text_or_row : str, Series or mapping
            A text, or a passage row with ``text`` (and ``language``).
        language : str or None
            Language of the text; defaults to the row's ``language``, then
            to the estimator's ``language``.

        Returns
        -------
        DataFrame
            One row per hit, ordered by position, with columns ``frame``,
            ``term`` (as written in the codebook), ``match`` (the text
            matched, ``text[start:end]``), ``start``, ``end``, ``counted``
            (True for hits that count towards :meth:`frame_scores`) and
            ``excluded_by`` (the exclusion term that suppressed the hit;
            missing for counted hits).

        Raises
        ------
        NotFittedError
            If called before ``fit``.
        DiscourseError
            If no language is known or it has no lexicon.
        TypeError
            If ``text_or_row`` is neither text nor a row.

        Examples
        --------
        >>> clf = LexiconFrameClassifier(language="en").fit()
        >>> clf.explain("He had a heart attack; then an attack on the airport.")[
        ...     ["term", "start", "counted", "excluded_by"]]
              term  start  counted    excluded_by
        0  attack*     15    False  heart attack*
        1  attack*     31     True            NaN
        """
        check_is_fitted(self)
        if isinstance(text_or_row, str):
            text, lang = text_or_row, language or self.language
        elif isinstance(text_or_row, (pd.Series, Mapping)):
            if "text" not in text_or_row:
                raise DiscourseError(
                    invalid_value_message(
                        "text_or_row", "<row without 'text'>", hint="A row needs a 'text' field."
                    )
                )
            text = text_or_row["text"]
            lang = language or text_or_row.get("language") or self.language
            if not isinstance(text, str):
                text = "" if _is_missing(text) else text
        else:
            raise TypeError(
                "`text_or_row` must be a str or a passage row (Series/mapping), got "
                f"{type(text_or_row).__name__}."
            )
        if not isinstance(text, str):
            raise TypeError(f"The row's 'text' must be a str, got {type(text).__name__}.")
        lang = self._check_language(lang, "language")
        rows = [
            {"frame": frame, "term": term, "match": text[s:e], "start": s, "end": e,
             "counted": ex is None, "excluded_by": ex}
            for frame in self.frames_
            for (_, term, _m, s, e, ex) in self._hits(text, lang, frame)
        ]
        columns = ["frame", "term", "match", "start", "end", "counted", "excluded_by"]
        out = pd.DataFrame(rows, columns=columns)
        out = out.sort_values(["start", "frame"], kind="stable").reset_index(drop=True)
        return out.astype({"start": int, "end": int, "counted": bool})

    # ------------------------------------------------------------- helpers
    def _hits(self, text: str, lang: str, frame: str) -> list[tuple]:
        """(frame, term, match, start, end, excluded_by) for each hit."""
        hits = []
        ex_spans = None
        for m in self.patterns_[lang][frame].finditer(text):
            if ex_spans is None:
                ex_spans = [
                    (em.start(), em.end(), term)
                    for term, pat in self.exclude_patterns_[lang][frame]
                    for em in pat.finditer(text)
                ]
            s, e = m.span()
            term = self.terms_[lang][frame][m.lastindex - 1]
            excluded = next((t for (xs, xe, t) in ex_spans if xs < e and s < xe), None)
            hits.append((frame, term, m.group(0), s, e, excluded))
        return hits

    def _check_language(self, lang: Any, argument: str) -> str:
        if lang is None or _is_missing(lang):
            raise DiscourseError(
                invalid_value_message(
                    argument,
                    None,
                    self.languages_,
                    hint="Pass language= or give the passages a 'language' column.",
                )
            )
        if lang not in self.languages_:
            raise DiscourseError(
                invalid_value_message(
                    argument,
                    lang,
                    self.languages_,
                    hint=f"Codebook {self.codebook_.name!r} has lexicons only for these.",
                )
            )
        return lang

    def _texts_and_languages(self, X: Any) -> tuple[list[str], list[str], pd.Index]:
        texts, langs, index, argument = passage_inputs(X, language=self.language)
        for lang in dict.fromkeys(langs):
            self._check_language(lang, argument)
        return texts, langs, index


def _is_missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


_WORD_RE = re.compile(r"\w+")


def _n_tokens(text: str, lang: str) -> int:
    if lang != "zh":
        return len(_WORD_RE.findall(text))
    import jieba  # deferred: loading its dictionary takes about a second

    return sum(1 for tok in jieba.lcut(text) if _WORD_RE.search(tok))
