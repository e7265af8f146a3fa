"""A transparent dictionary baseline for frame detection: count codebook terms.

:class:`LexiconFrameClassifier` counts, per passage and frame, the hits of
the frame's seed lexicon from a codebook (:mod:`discourse.framing.codebooks`)
and calls a frame present when the count reaches a threshold. Every decision
can be traced to the words that caused it with :meth:`~LexiconFrameClassifier.explain`.
It is a baseline to validate against human coding, not a measurement
instrument in its own right.

Matching rules
--------------
Terms follow :mod:`discourse.terms` (the syntax shared with topic filters):
English and Russian terms match whole words, case-insensitively, on the
original text (so character offsets refer to the text you passed in), with
``*`` as a suffix wildcard; Chinese terms match as character substrings of
the raw text, not as jieba tokens. jieba often folds a term into a longer
dictionary word — 人道 into 人道主义, 恐怖 into 恐怖主义, 美元 into 亿美元 — so
requiring token equality would lose exactly the hits we want; terms are
therefore chosen to be unambiguous as strings, and the few false friends
(内政部 "Ministry of the Interior" for 内政, 自主权 for 主权) are listed as
exclusions.
Exclusions
    A hit is suppressed when an exclusion term of the same frame and
    language matches an overlapping span ("heart attack" silences
    ``attack*`` but not another "attack" in the same passage).
Negation
    A hit preceded, within the frame's ``negation.window`` tokens of the
    same sentence, by one of its negation terms does not count.
Proximity rules
    A rule's term counts only when one of its ``near`` terms is within
    ``within`` tokens (or in the same sentence): "the US must bear
    responsibility" counts for blame, "we take responsibility for our
    people" does not. See :mod:`discourse.framing.matching`.
Counting
    Within a frame, hits do not overlap: at each position the longest term
    (as written) wins, so "ISIS-K" counts once for ``isis-k``, not also for
    ``isis``; a rule hit on a span the lexicon already counted is not
    counted again. A frame is present when its count reaches its threshold
    (the codebook's, per language, unless ``threshold=`` is given).

Scores are counts (or, with ``normalize=True``, hits per 100 tokens), not
probabilities, so the classifier has no ``predict_proba``.
"""
from __future__ import annotations

from collections.abc import Mapping
from os import PathLike
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from discourse._errors import ParameterError, invalid_value_message
from discourse._typing import UserDictionary
from discourse._validation import check_bool, check_option, check_real
from discourse.framing.codebooks import Codebook, load_codebook
from discourse.framing.matching import FrameMatcher
from discourse._progress import char_progress, one_text
from discourse.inputs import is_missing, text_inputs
from discourse.tokenizing import tokenize

__all__ = ["LexiconFrameClassifier"]

_EXPLAIN_TEXT_COLUMNS = ["frame", "rule", "term", "match", "near", "near_match", "excluded_by", "negated_by", "reason"]
_EXPLAIN_COLUMNS = ["frame", "rule", "term", "match", "start", "end", "near", "near_match", "near_start", "near_end",
                    "counted", "excluded_by", "negated_by", "reason"]


class LexiconFrameClassifier(ClassifierMixin, BaseEstimator):
    """Detect frames by counting a codebook's lexicon terms in each passage.

    Parameters
    ----------
    codebook : str, path-like or Codebook, default="generic"
        A bundled codebook name (see :func:`~discourse.framing.list_codebooks`),
        a path to a codebook YAML file, or a loaded Codebook.
    threshold : float or None, default=None
        A frame is predicted present when its score is at least this value
        (a number of hits, or hits per 100 tokens with ``normalize=True``).
        None uses the codebook's thresholds (per frame and language; 1 where
        the codebook sets none); a number applies to every frame.
    normalize : bool, default=False
        If True, scores are hits per 100 tokens (the tokens of
        :func:`discourse.tokenizing.tokenize`, with ``user_dictionary`` for
        Chinese), so that long and short passages are comparable.
    language : {"en", "zh", "ru"} or None, default=None
        Language of the texts when ``X`` is a list of strings or a Series, or
        a DataFrame without a ``language`` column (see :mod:`discourse.inputs`).
    user_dictionary : path or list of str, optional
        Chinese words kept whole when counting tokens for ``normalize``.
    missing : {"raise", "empty"}, default="raise"
        Missing or empty texts raise an error naming the rows, or (``"empty"``)
        are scored as passages without hits, with a warning.

    Attributes
    ----------
    codebook_ : Codebook
        The loaded codebook.
    frames_ : list of str
        Frame ids, the columns of every output.
    languages_ : list of str
        Languages the codebook has lexicon terms for.
    matchers_ : dict of {str: FrameMatcher}
        The compiled lexicons, exclusions, negation and rules per language
        (:class:`~discourse.framing.matching.FrameMatcher`).
    thresholds_ : DataFrame
        The threshold in use per frame (rows) and language (columns).

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
    >>> clf = LexiconFrameClassifier("generic", language="en").fit(None)
    >>> texts = [  # synthetic
    ...     "Critics accused the minister; the dispute cost millions.",
    ...     "The convoy left at dawn.",
    ... ]
    >>> clf.predict(texts)["conflict"].tolist()
    [1, 0]
    >>> int(clf.frame_scores(texts).loc[0, "conflict"])
    3
    >>> clf.explain(texts[0])[["frame", "term", "start", "end"]].head(2)
          frame     term  start  end
    0  conflict  critics      0    7
    1  conflict   accus*      8   15
    """

    def __init__(
        self,
        codebook: str | PathLike[str] | Codebook = "generic",
        *,
        threshold: float | None = None,
        normalize: bool = False,
        language: str | None = None,
        user_dictionary: UserDictionary = None,
        missing: str = "raise",
    ):
        self.codebook = codebook
        self.threshold = threshold
        self.normalize = normalize
        self.language = language
        self.user_dictionary = user_dictionary
        self.missing = missing

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
        ParameterError
            If the codebook cannot be loaded (an unknown name lists the
            bundled ones), ``threshold`` is not a positive number,
            ``normalize`` is not a bool, or ``language`` is not a language the
            codebook has lexicons for.
        """
        codebook = load_codebook(self.codebook)
        if self.threshold is not None:
            check_real("threshold", self.threshold, minimum=0, open_minimum=True)
        check_bool("normalize", self.normalize)
        check_option("missing", self.missing, ("raise", "empty"))
        languages = codebook.languages
        if self.language is not None and self.language not in languages:
            raise ParameterError(invalid_value_message(
                "language", self.language, languages, hint=f"Codebook {codebook.name!r} has lexicons only for these."))
        if self.normalize and self.threshold is None and any(f.threshold for f in codebook.frames):
            raise ParameterError(
                "`threshold` must be given with normalize=True: the codebook's thresholds count hits, "
                "not hits per 100 tokens.")
        thresholds = pd.DataFrame(
            [[float(self.threshold) if self.threshold is not None else f.threshold.get(lang, 1.0)
              for lang in languages] for f in codebook.frames],
            index=pd.Index(codebook.frame_ids, name="frame"), columns=pd.Index(languages, name="language"))
        self.codebook_ = codebook
        self.frames_ = codebook.frame_ids
        self.languages_ = languages
        self.matchers_ = {lang: FrameMatcher(codebook, lang, self.user_dictionary) for lang in languages}
        self.thresholds_ = thresholds
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
        ParameterError
            If a column is missing, a language has no lexicon, or ``X`` is
            not text (see :mod:`discourse.inputs`).
        MissingDataError
            For a missing or empty text (unless ``missing="empty"``).
        """
        check_is_fitted(self)
        return self._scores(*self._texts_and_languages(X))

    def _scores(self, texts: list[str], langs: list[str], index: pd.Index) -> pd.DataFrame:
        counts = np.zeros((len(texts), len(self.frames_)), dtype=int)
        total = sum(len(t) for t in texts)
        with char_progress(total, "frame lexicon") as bar:
            for i, (text, lang) in enumerate(zip(texts, langs)):
                with one_text(bar, len(text)):
                    if text:
                        counts[i] = self.matchers_[lang].counts(text, progress=bar)
        scores = pd.DataFrame(counts, index=index, columns=list(self.frames_))
        if self.normalize:
            n_tokens = np.array([self._n_tokens(t, lang) for t, lang in zip(texts, langs)], dtype=float)
            with np.errstate(invalid="ignore", divide="ignore"):
                per100 = counts / np.where(n_tokens == 0, np.nan, n_tokens)[:, None] * 100.0
            scores = pd.DataFrame(np.nan_to_num(per100), index=index, columns=list(self.frames_))
        scores.columns.name = "frame"
        return scores

    def decision_function(self, X: Any) -> np.ndarray:
        """Frame scores as an array (n_passages, n_frames), for scikit-learn tools."""
        return self.frame_scores(X).to_numpy()

    def predict(self, X: Any) -> pd.DataFrame:
        """Frame presence (0/1) per passage: score >= the frame's threshold in the passage's language.

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
        ParameterError, MissingDataError
            As for :meth:`frame_scores`.
        """
        check_is_fitted(self)
        texts, langs, index = self._texts_and_languages(X)
        scores = self._scores(texts, langs, index)
        # one threshold row per passage: its language's column of thresholds_
        cut = self.thresholds_.T.reindex(langs).to_numpy()
        return pd.DataFrame((scores.to_numpy() >= cut).astype(int), index=scores.index, columns=scores.columns)

    def explain(self, text_or_row: str | Mapping[str, Any] | pd.Series, *, language: str | None = None) -> pd.DataFrame:
        """Every term and rule hit for every frame, whether it counted and why not.

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
            One row per hit, ordered by position, with columns ``frame``;
            ``rule`` (the rule id, missing for a lexicon term); ``term`` (as
            written in the codebook); ``match`` (``text[start:end]``);
            ``start``, ``end``; for rule hits ``near`` (the context term that
            satisfied the rule), ``near_match``, ``near_start``,
            ``near_end``; ``counted`` (True for hits that count towards
            :meth:`frame_scores`); ``excluded_by`` and ``negated_by`` (the
            exclusion or negation term that suppressed the hit); and
            ``reason`` (why a hit did not count; missing when it did).

        Raises
        ------
        NotFittedError
            If called before ``fit``.
        ParameterError
            If no language is known or it has no lexicon, or
            ``text_or_row`` is neither text nor a row.

        Examples
        --------
        >>> clf = LexiconFrameClassifier("generic", language="en").fit()
        >>> clf.explain("They argued about armed conflict; then the conflict ended.")[  # synthetic
        ...     ["term", "start", "counted", "excluded_by"]]
                term  start  counted      excluded_by
        0      argu*      5     True             <NA>
        1  conflict*     24    False  armed conflict*
        2  conflict*     43     True             <NA>
        """
        check_is_fitted(self)
        if isinstance(text_or_row, str):
            text, lang = text_or_row, language or self.language
        elif isinstance(text_or_row, (pd.Series, Mapping)):
            if "text" not in text_or_row:
                raise ParameterError(invalid_value_message(
                    "text_or_row", "<row without 'text'>", must="a text or a row with a 'text' field"))
            text = text_or_row["text"]
            row_lang = text_or_row.get("language")
            lang = language or (None if is_missing(row_lang) else row_lang) or self.language
        else:
            raise ParameterError(invalid_value_message(
                "text_or_row", text_or_row, must="a str or a passage row (Series or mapping)"))
        inputs = text_inputs([text], language=lang, missing="empty", languages=self.languages_, argument="text_or_row")
        text, lang = inputs.texts[0], inputs.languages[0]
        rows = [
            {"frame": h.frame, "rule": h.rule, "term": h.term, "match": text[h.start:h.end],
             "start": h.start, "end": h.end, "near": h.near,
             "near_match": text[h.near_start:h.near_end] if h.near is not None else None,
             "near_start": h.near_start, "near_end": h.near_end, "counted": h.counted,
             "excluded_by": h.excluded_by, "negated_by": h.negated_by, "reason": h.reason}
            for h in (self.matchers_[lang].hits(text) if text else [])
        ]
        out = pd.DataFrame(rows, columns=_EXPLAIN_COLUMNS)
        out = out.sort_values(["start", "frame"], kind="stable").reset_index(drop=True)
        # "string"/"Int64" dtypes: a missing value shows <NA> under every pandas version.
        return out.astype({"start": int, "end": int, "counted": bool, "near_start": "Int64", "near_end": "Int64",
                           **{c: "string" for c in _EXPLAIN_TEXT_COLUMNS}})

    # ------------------------------------------------------------- helpers
    def __sklearn_tags__(self):  # type: ignore[no-untyped-def]
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.target_tags.required = False
        tags.target_tags.multi_output = True
        return tags

    def _texts_and_languages(self, X: Any) -> tuple[list[str], list[str], pd.Index]:
        inputs = text_inputs(X, language=self.language, missing=self.missing, allowed=("raise", "empty"),
                             languages=self.languages_, argument="X", single_text=False)
        return inputs.texts, inputs.languages, inputs.index

    def _n_tokens(self, text: str, lang: str) -> int:
        return len(tokenize(text, language=lang, user_dictionary=self.user_dictionary))
