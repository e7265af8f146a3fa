"""A supervised frame classifier trained on human-coded passages.

:class:`SupervisedFrameClassifier` is multi-label and one-vs-rest: one
L2-regularised logistic regression per frame on TF-IDF weighted token
n-grams. Tokens come from :class:`discourse.counting.DfmVectorizer`, so
English, Russian and Chinese passages share one feature space and each row
is tokenized in its own language.

Probabilities and decisions are kept apart:

* **Probabilities** are Platt-calibrated (``CalibratedClassifierCV`` with
  ``method="sigmoid"``) when a frame has at least ``cv`` positive and ``cv``
  negative training passages; otherwise they are the logistic regression's
  own, which with ``class_weight="balanced"`` overstate the frame's
  prevalence. Which frames were calibrated is recorded in ``calibrated_``.
* **Decisions** use one threshold per frame (``thresholds_``). With
  ``threshold="f1"`` it is chosen to maximise F1 on out-of-fold
  probabilities of the training set (:func:`best_f1_threshold`).

:func:`default_classifier` returns either bundled classifier ready to use:
the lexicon baseline, or this classifier fitted on the bundled gold set.
"""
from __future__ import annotations

import warnings
from os import PathLike
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.utils.validation import check_is_fitted

from discourse._errors import DiscourseError, ParameterError, invalid_value_message
from discourse._typing import UserDictionary
from discourse._validation import check_bool, check_int, check_language, check_option, check_real, python_scalar
from discourse.counting import DfmVectorizer
from discourse.framing.codebooks import Codebook, load_codebook
from discourse.framing.lexicon import LexiconFrameClassifier
from discourse.inputs import text_inputs
from discourse.schema import LANGUAGES

__all__ = ["CLASSIFIER_KINDS", "SupervisedFrameClassifier", "best_f1_threshold", "default_classifier"]

#: Values accepted by ``default_classifier(kind=...)``.
CLASSIFIER_KINDS = ("lexicon", "supervised", "hybrid")
#: ``char_ngrams="auto"``: (language, min_n, max_n) of the character n-gram blocks.
_AUTO_CHAR_NGRAMS = (("zh", 1, 3), ("ru", 2, 5))
#: Positive training passages a language needs for its own threshold (``threshold_by_language``).
_MIN_LANGUAGE_POSITIVES = 10


def best_f1_threshold(y_true: Any, proba: Any) -> tuple[float, float]:
    """The decision threshold that maximises F1 for one binary label.

    Every distinct probability ``c`` is tried as a cut-off (``proba >= c``
    is called positive). Among cut-offs with the highest F1 the largest is
    kept (the fewest positive calls), and the threshold returned lies halfway
    between it and the next lower probability, so that it does not sit on a
    training value.

    Parameters
    ----------
    y_true : array-like of {0, 1}
        True labels; at least one must be 1.
    proba : array-like of float
        Scores (usually out-of-fold probabilities), same length.

    Returns
    -------
    threshold : float
        Call a passage positive when its probability is ``>= threshold``.
    f1 : float
        F1 reached at that threshold on ``(y_true, proba)``.

    Raises
    ------
    DiscourseError
        If the lengths differ, ``y_true`` is not 0/1 or has no positive,
        or ``proba`` is empty or has missing values.

    Examples
    --------
    Hand-checkable: at cut-off 0.6 two positives are found with one false
    alarm, F1 = 2·2 / (2·2 + 1 + 0) = 0.8, better than any other cut-off;
    the threshold is halfway between 0.6 and 0.3.

    >>> t, f1 = best_f1_threshold([1, 0, 1, 0, 0], [0.9, 0.8, 0.6, 0.3, 0.2])
    >>> round(t, 3), round(f1, 3)
    (0.45, 0.8)
    """
    y = np.asarray(y_true)
    p = np.asarray(proba, dtype=float)
    if y.shape != p.shape or y.ndim != 1:
        raise DiscourseError(
            f"`y_true` and `proba` must be 1-d and of equal length, got shapes {y.shape} and {p.shape}."
        )
    if len(p) == 0 or np.isnan(p).any():
        raise DiscourseError("`proba` must be non-empty and have no missing values.")
    if not np.isin(y, (0, 1)).all():
        raise ParameterError(invalid_value_message("y_true", sorted(set(y.tolist()) - {0, 1})[:3], [0, 1]))
    if y.sum() == 0:
        raise DiscourseError("`y_true` has no positive label; no F1-optimal threshold exists.")
    order = np.argsort(-p, kind="stable")
    p_sorted, y_sorted = p[order], y[order].astype(int)
    tp = np.cumsum(y_sorted)
    fp = np.cumsum(1 - y_sorted)
    # A cut-off at a value calls every tied passage positive, so score only
    # the last position of each run of equal probabilities.
    last = np.r_[p_sorted[1:] != p_sorted[:-1], True]
    tp, fp, cut = tp[last], fp[last], p_sorted[last]
    fn = y.sum() - tp
    f1 = 2 * tp / (2 * tp + fp + fn)
    best = int(np.flatnonzero(f1 == f1.max())[0])  # cut is descending: first = largest
    threshold = (cut[best] + cut[best + 1]) / 2 if best + 1 < len(cut) else cut[best]
    return float(threshold), float(f1[best])


class SupervisedFrameClassifier(ClassifierMixin, BaseEstimator):
    """Multi-label frame classifier: TF-IDF n-grams and one logistic regression per frame.

    Parameters
    ----------
    codebook : str, path-like or Codebook, default="generic"
        Codebook whose frame ids the label columns must come from.
    C : float, default=1.0
        Inverse L2 regularisation strength of each logistic regression.
    min_df : int or float, default=2
        Keep n-grams found in at least this many training passages (a float
        in (0, 1] is a proportion).
    ngram_range : (int, int), default=(1, 2)
        Smallest and largest n-gram.
    class_weight : "balanced", dict or None, default="balanced"
        Passed to ``LogisticRegression``; "balanced" up-weights the rare
        positives of each frame.
    calibrate : bool, default=True
        Platt-calibrate the probabilities of frames that have enough
        positives (at least ``cv`` of each class).
    threshold : "f1" or float, default="f1"
        Per-frame decision threshold: chosen to maximise F1 on out-of-fold
        probabilities (``"f1"``), or one fixed probability in (0, 1).
    cv : int, default=3
        Folds for calibration and for the out-of-fold probabilities that
        fix the thresholds (fewer when a frame has fewer positives).
    random_state : int or None, default=0
        Seed for the stratified folds and the solver.
    language : {"en", "zh", "ru"} or None, default=None
        Language of ``X`` when it is a list of texts or a Series, or a
        DataFrame without a ``language`` column (see :mod:`discourse.inputs`).
    lexicon_features : bool, default=False
        Add the codebook lexicon's counted hits per frame, rules included
        (``log(1 + hits)``), as features: the same in every language (the
        "hybrid" kind).
    char_ngrams : "auto", tuple or None, default="auto"
        Character n-gram TF-IDF features per language, beside the word
        features: ``"auto"`` is ``(("zh", 1, 3), ("ru", 2, 5))`` (Chinese
        characters and short character strings; Russian word-internal
        strings that carry stems across inflections); a tuple of
        ``(language, min_n, max_n)``; None for none. Each block is fitted
        on, and non-zero for, that language's passages only.
    language_features : bool, default=True
        Add one indicator column per language and, with ``lexicon_features``,
        a per-language copy of the lexicon hits, so that each language gets
        its own intercept and lexicon weights with the shared ones as
        fallback (feature augmentation, Daumé III 2007).
    threshold_by_language : bool, default=False
        With ``threshold="f1"``, choose each frame's threshold per language
        where that language has at least 10 positive training passages (the
        frame's pooled threshold elsewhere).
    user_dictionary : path or list of str, optional
        Chinese words kept whole by the token features.
    missing : {"raise", "empty"}, default="raise"
        Missing or empty texts raise an error naming the rows, or count as
        empty passages, with a warning.

    Attributes
    ----------
    codebook_ : Codebook
        The loaded codebook.
    frames_ : list of str
        Frames learned (the label columns, in codebook order): the columns of
        every output.
    vectorizer_ : DfmVectorizer
        Token n-gram counter fitted on the training texts.
    tfidf_ : TfidfTransformer
        Sublinear TF-IDF weighting fitted on the training counts.
    feature_names_ : ndarray of str
        Feature of each column.
    estimators_ : dict of {str: estimator or None}
        The fitted model of each frame (``None`` for a constant frame).
    calibrated_ : dict of {str: bool}
        Whether the frame's probabilities are Platt-calibrated.
    constant_frames_ : dict of {str: int}
        Frames whose training labels were all 0 (or all 1), with the value
        they are always predicted as.
    n_positive_ : Series
        Positive training passages per frame.
    thresholds_ : Series
        Decision threshold per frame (pooled over languages).
    language_thresholds_ : DataFrame
        The threshold used per frame (rows) and language (columns): a
        language's own with ``threshold_by_language`` where it had enough
        positives, else ``thresholds_``.
    char_vectorizers_ : dict of {str: TfidfVectorizer}
        The character n-gram vectorizer of each language in ``char_ngrams``
        that had training passages.
    feature_languages_ : list of str
        Languages of the training passages (the language columns).
    threshold_method_ : dict of {str: str}
        How each threshold was set: ``"f1"``, ``"fixed"``, ``"default"``
        (0.5, when fewer than two positives leave no out-of-fold estimate)
        or ``"constant"``.
    oof_proba_ : DataFrame
        The out-of-fold training probabilities behind ``thresholds_`` (NaN
        where not computed). They come from stratified, not grouped, folds.
    coef_ : ndarray of shape (n_frames, n_features)
        Logistic regression coefficients (zeros for constant frames); for a
        calibrated frame, those of the model fitted on all training data
        that the calibration wraps.

    See Also
    --------
    discourse.framing.LexiconFrameClassifier : The dictionary baseline.
    discourse.framing.cross_validate_frames : Grouped cross-validation.

    Notes
    -----
    Features are shared by all frames: the vocabulary and IDF weights are
    learned from the training texts (not their labels), also for the
    out-of-fold threshold search.

    Examples
    --------
    >>> import pandas as pd
    >>> texts = ["troops attack", "bomb attack", "aid for refugees", "refugees need aid"] * 3  # synthetic
    >>> X = pd.DataFrame({"text": texts, "language": "en"})
    >>> y = pd.DataFrame({"terrorism_security": [1, 1, 0, 0] * 3, "humanitarian": [0, 0, 1, 1] * 3})
    >>> clf = SupervisedFrameClassifier("afghanistan", min_df=1).fit(X, y)
    >>> clf.frames_
    ['humanitarian', 'terrorism_security']
    >>> clf.predict(pd.DataFrame({"text": ["an attack", "aid"], "language": "en"}))
    frame  humanitarian  terrorism_security
    0                 0                   1
    1                 1                   0
    """

    def __init__(
        self,
        codebook: str | PathLike[str] | Codebook = "generic",
        *,
        C: float = 1.0,
        min_df: int | float = 2,
        ngram_range: tuple[int, int] = (1, 2),
        class_weight: str | dict | None = "balanced",
        calibrate: bool = True,
        threshold: str | float = "f1",
        cv: int = 3,
        random_state: int | None = 0,
        language: str | None = None,
        lexicon_features: bool = False,
        char_ngrams: str | tuple | None = "auto",
        language_features: bool = True,
        threshold_by_language: bool = False,
        user_dictionary: UserDictionary = None,
        missing: str = "raise",
    ):
        self.codebook = codebook
        self.C = C
        self.min_df = min_df
        self.ngram_range = ngram_range
        self.class_weight = class_weight
        self.calibrate = calibrate
        self.threshold = threshold
        self.cv = cv
        self.random_state = random_state
        self.language = language
        self.lexicon_features = lexicon_features
        self.char_ngrams = char_ngrams
        self.language_features = language_features
        self.threshold_by_language = threshold_by_language
        self.user_dictionary = user_dictionary
        self.missing = missing

    # ------------------------------------------------------------ validation
    def _validate_params(self) -> None:
        check_real("C", self.C, minimum=0, open_minimum=True)
        check_int("cv", self.cv, minimum=2)
        if isinstance(self.threshold, str):
            check_option("threshold", self.threshold, ["f1"])
        else:
            try:
                check_real("threshold", self.threshold, minimum=0, maximum=1, open_minimum=True, open_maximum=True)
            except ParameterError:
                raise ParameterError(invalid_value_message(
                    "threshold", self.threshold, must="'f1' or a probability in (0, 1)")) from None
        check_bool("calibrate", self.calibrate)
        if not (self.class_weight is None or self.class_weight == "balanced" or isinstance(self.class_weight, dict)):
            raise ParameterError(invalid_value_message(
                "class_weight", self.class_weight, must="'balanced', None or a dict {0: weight, 1: weight}"))
        if self.language is not None:
            check_language("language", self.language)
        check_bool("lexicon_features", self.lexicon_features)
        check_bool("language_features", self.language_features)
        check_bool("threshold_by_language", self.threshold_by_language)
        self._char_spec()
        check_option("missing", self.missing, ("raise", "empty"))

    def _char_spec(self) -> list[tuple[str, int, int]]:
        """``char_ngrams`` as a validated list of (language, min_n, max_n)."""
        if self.char_ngrams is None:
            return []
        if isinstance(self.char_ngrams, str):
            check_option("char_ngrams", self.char_ngrams, ["auto"])
            return list(_AUTO_CHAR_NGRAMS)
        spec = []
        for item in self.char_ngrams:
            ok = (isinstance(item, (tuple, list)) and len(item) == 3 and isinstance(item[0], str)
                  and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in item[1:])
                  and 1 <= item[1] <= item[2])
            if not ok:
                raise ParameterError(invalid_value_message(
                    "char_ngrams", self.char_ngrams,
                    must="'auto', None or a tuple of (language, min_n, max_n) with 1 <= min_n <= max_n"))
            check_language("char_ngrams", item[0])
            spec.append((item[0], int(item[1]), int(item[2])))
        return spec

    def _features(self, docs: pd.DataFrame, *, fit: bool) -> Any:
        """The feature matrix: word TF-IDF, per-language character TF-IDF, language and lexicon columns.

        The lexicon columns are the same in every language, so they carry
        what the model learns from one language over to another, which the
        token features cannot when outlet and language coincide; the
        per-language copies let a language depart from the shared weight.
        """
        from scipy import sparse
        from sklearn.feature_extraction.text import TfidfVectorizer

        counts = self.vectorizer_.fit_transform(docs) if fit else self.vectorizer_.transform(docs)
        blocks = [self.tfidf_.fit_transform(counts) if fit else self.tfidf_.transform(counts)]
        langs = docs["language"].to_numpy()
        if fit:
            self.char_vectorizers_ = {}
        for lang, lo, hi in self._char_spec():
            rows = np.flatnonzero(langs == lang)
            if fit:
                # A block needs enough passages of its language for min_df to
                # keep anything (a small training set may have one or none).
                needed = max(2, self.min_df if isinstance(self.min_df, (int, np.integer)) else 1)
                if len(rows) < needed:
                    continue
                vec = TfidfVectorizer(analyzer="char" if lang == "zh" else "char_wb", ngram_range=(lo, hi),
                                      min_df=self.min_df, sublinear_tf=True, lowercase=True, dtype=np.float64)
                try:
                    self.char_vectorizers_[lang] = vec.fit(docs["text"].iloc[rows])
                except ValueError:  # nothing survives min_df: no block for this language
                    continue
            vec = self.char_vectorizers_.get(lang)
            if vec is None:
                continue
            part = vec.transform(docs["text"].iloc[rows]) if len(rows) else sparse.csr_matrix((0, len(vec.vocabulary_)))
            # place the language's rows; every other row is zero in this block
            select = sparse.csr_matrix((np.ones(len(rows)), (rows, np.arange(len(rows)))), shape=(len(docs), len(rows)))
            blocks.append(select @ part)
        if self.language_features:
            onehot = np.stack([(langs == lang).astype(float) for lang in self.feature_languages_], axis=1)
            blocks.append(sparse.csr_matrix(onehot))
        if self.lexicon_features:
            hits = np.log1p(self.lexicon_.frame_scores(docs).to_numpy(dtype=float))
            blocks.append(sparse.csr_matrix(hits))
            if self.language_features:
                for k in range(onehot.shape[1]):
                    blocks.append(sparse.csr_matrix(hits * onehot[:, [k]]))
        return sparse.hstack(blocks, format="csr")

    def _feature_names(self) -> np.ndarray:
        names = [self.vectorizer_.get_feature_names_out()]
        for lang, vec in self.char_vectorizers_.items():
            names.append(np.array([f"char[{lang}]:{g}" for g in vec.get_feature_names_out()], dtype=object))
        if self.language_features:
            names.append(np.array([f"language:{lang}" for lang in self.feature_languages_], dtype=object))
        if self.lexicon_features:
            frames = self.lexicon_.frames_
            names.append(np.array([f"lexicon:{f}" for f in frames], dtype=object))
            if self.language_features:
                for lang in self.feature_languages_:
                    names.append(np.array([f"lexicon[{lang}]:{f}" for f in frames], dtype=object))
        return np.concatenate(names).astype(object)

    def _documents(self, X: Any) -> pd.DataFrame:
        """``X`` as a DataFrame with ``text`` and ``language``, keeping X's index."""
        inputs = text_inputs(X, language=self.language, missing=self.missing, allowed=("raise", "empty"), argument="X", single_text=False)
        return pd.DataFrame({"text": inputs.texts, "language": inputs.languages}, index=inputs.index)

    def _labels(self, y: Any, docs: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
        valid = codebook.frame_ids
        if not isinstance(y, pd.DataFrame):
            raise ParameterError(
                f"`y` must be a DataFrame with one 0/1 column per frame id; got {type(y).__name__} "
                f"(frame ids of codebook {codebook.name!r}: {', '.join(valid)})."
            )
        unknown = [c for c in y.columns if c not in valid]
        if unknown:
            raise DiscourseError(
                f"`y` has column(s) that are not frames of codebook {codebook.name!r}: "
                f"{', '.join(map(repr, unknown))}; valid frame ids: {', '.join(valid)}."
            )
        frames = [f for f in valid if f in y.columns]
        if not frames:
            raise DiscourseError(
                f"`y` has no frame columns; expected some of: {', '.join(valid)} (codebook {codebook.name!r})."
            )
        if len(y) != len(docs):
            raise DiscourseError(f"`y` has {len(y)} rows but `X` has {len(docs)}.")
        if not y.index.equals(docs.index):
            if isinstance(docs.index, pd.RangeIndex) and not isinstance(y.index, pd.RangeIndex):
                y = y.reset_index(drop=True)  # X given as a list: align by position
            elif set(y.index) == set(docs.index) and y.index.is_unique:
                y = y.reindex(docs.index)
            else:
                raise DiscourseError("The index of `y` does not match the index of `X`; align them first.")
        labels = y[frames]
        bad = ~labels.isin([0, 1]) | labels.isna()
        if bad.to_numpy().any():
            r, c = (int(v[0]) for v in np.nonzero(bad.to_numpy()))
            raise DiscourseError(
                f"`y` row {labels.index[r]!r}, frame {frames[c]!r}: value {python_scalar(labels.iat[r, c])!r}; must be 0 or 1."
            )
        return labels.astype(int)

    # ------------------------------------------------------------------- fit
    def _base_model(self) -> LogisticRegression:
        return LogisticRegression(
            C=self.C, class_weight=self.class_weight, solver="liblinear", random_state=self.random_state
        )

    def _folds(self, n_splits: int) -> StratifiedKFold:
        return StratifiedKFold(n_splits, shuffle=True, random_state=self.random_state)

    def _frame_model(self, y: np.ndarray) -> tuple[Any, bool]:
        """A model for one frame's labels; calibrated if each class has >= cv members."""
        n_pos = int(y.sum())
        if self.calibrate and min(n_pos, len(y) - n_pos) >= self.cv:
            # ensemble=False: one regression on all data, with a sigmoid fitted
            # on its cross-validated scores; its coefficients are then the
            # model's, which top_features reports.
            model = CalibratedClassifierCV(
                self._base_model(), method="sigmoid", cv=self._folds(self.cv), ensemble=False
            )
            return model, True
        return self._base_model(), False

    def _oof_proba(self, X: Any, y: np.ndarray, model: Any, calibrated: bool) -> np.ndarray | None:
        """Out-of-fold probabilities of the training passages, or None if too few positives."""
        if calibrated:
            # The calibrator was fitted on exactly these out-of-fold scores
            # (same base model, same seeded folds), so mapping them through it
            # gives calibrated probabilities without refitting the calibration
            # inside every fold. The sigmoid has seen these scores, so
            # `oof_proba_` looks slightly better calibrated than new data
            # would; thresholds are unaffected (the sigmoid is monotone). The
            # honest calibration check is cross_validate_frames, which refits
            # everything inside each fold.
            scores = cross_val_predict(
                self._base_model(), X, y, cv=self._folds(self.cv), method="decision_function"
            )
            return model.calibrated_classifiers_[0].calibrators[0].predict(scores)
        n_pos = int(y.sum())
        k = min(self.cv, n_pos, len(y) - n_pos)
        if k < 2:
            return None
        return cross_val_predict(self._base_model(), X, y, cv=self._folds(k), method="predict_proba")[:, 1]

    def fit(self, X: Any, y: Any) -> SupervisedFrameClassifier:
        """Learn features, one model per frame, and per-frame thresholds.

        Parameters
        ----------
        X : DataFrame, list of str or Series
            Passages: a DataFrame with ``text`` and ``language`` columns, or
            texts with the estimator's ``language`` set.
        y : DataFrame
            One 0/1 column per frame id (a subset of the codebook's frames),
            rows aligned with ``X``.

        Returns
        -------
        self

        Raises
        ------
        DiscourseError
            For an invalid parameter, an unknown codebook, a column of ``y``
            that is not a frame id, a label other than 0/1, rows of ``X`` and
            ``y`` that do not align, a missing language, or a vocabulary
            emptied by ``min_df``.
        TypeError
            If ``X`` is a single string or ``y`` is not a DataFrame.

        Warns
        -----
        UserWarning
            For each frame whose labels are all 0 (or all 1): it is predicted
            constant.
        """
        self._validate_params()
        codebook = load_codebook(self.codebook)
        docs = self._documents(X)
        labels = self._labels(y, docs, codebook)
        self.vectorizer_ = DfmVectorizer(ngram_range=tuple(self.ngram_range), min_df=self.min_df,
                                         user_dictionary=self.user_dictionary)
        self.tfidf_ = TfidfTransformer(sublinear_tf=True)
        if self.lexicon_features:
            from discourse.framing.lexicon import LexiconFrameClassifier

            self.lexicon_ = LexiconFrameClassifier(codebook, user_dictionary=self.user_dictionary).fit()
        self.feature_languages_ = [lang for lang in LANGUAGES if (docs["language"] == lang).any()]
        features = self._features(docs, fit=True)

        frames = list(labels.columns)
        estimators: dict[str, Any] = {}
        calibrated: dict[str, bool] = {}
        constant: dict[str, int] = {}
        thresholds: dict[str, float] = {}
        by_language: dict[tuple[str, str], float] = {}
        method: dict[str, str] = {}
        oof = pd.DataFrame(np.nan, index=docs.index, columns=frames)
        coef = np.zeros((len(frames), features.shape[1]))
        for j, frame in enumerate(frames):
            yj = labels[frame].to_numpy()
            n_pos = int(yj.sum())
            if n_pos in (0, len(yj)):
                value = int(n_pos > 0)
                warnings.warn(
                    f"Frame {frame!r} has {'no positive' if value == 0 else 'only positive'} training "
                    f"examples; it will always be predicted {value}.",
                    UserWarning,
                    stacklevel=2,
                )
                estimators[frame], calibrated[frame], constant[frame] = None, False, value
                thresholds[frame], method[frame] = 0.5, "constant"
                continue
            model, calibrated[frame] = self._frame_model(yj)
            estimators[frame] = model.fit(features, yj)
            base = model.calibrated_classifiers_[0].estimator if calibrated[frame] else model
            coef[j] = base.coef_.ravel()
            if self.threshold == "f1":
                proba = self._oof_proba(features, yj, model, calibrated[frame])
                if proba is None:
                    thresholds[frame], method[frame] = 0.5, "default"
                else:
                    oof[frame] = proba
                    thresholds[frame], method[frame] = best_f1_threshold(yj, proba)[0], "f1"
                    if self.threshold_by_language:
                        for lang in self.feature_languages_:
                            rows = (docs["language"] == lang).to_numpy()
                            if yj[rows].sum() >= _MIN_LANGUAGE_POSITIVES:
                                by_language[(frame, lang)] = best_f1_threshold(yj[rows], proba[rows])[0]
            else:
                thresholds[frame], method[frame] = float(self.threshold), "fixed"

        self.codebook_ = codebook
        self.frames_ = frames
        self.feature_names_ = self._feature_names()
        # one threshold per frame and language: the language's own where it
        # had enough positives (threshold_by_language), else the frame's
        self.language_thresholds_ = pd.DataFrame(
            {lang: [by_language.get((f, lang), thresholds[f]) for f in frames] for lang in LANGUAGES},
            index=pd.Index(frames, name="frame"))
        self.language_thresholds_.columns.name = "language"
        self.estimators_ = estimators
        self.calibrated_ = calibrated
        self.constant_frames_ = constant
        self.n_positive_ = labels.sum().rename("n_positive")
        self.thresholds_ = pd.Series(thresholds, name="threshold")[frames]
        self.threshold_method_ = method
        self.oof_proba_ = oof
        self.coef_ = coef
        return self

    # ------------------------------------------------------------- predict
    def predict_proba(self, X: Any) -> pd.DataFrame:
        """Probability that each frame is present, per passage.

        Parameters
        ----------
        X : DataFrame, list of str or Series
            As for :meth:`fit`.

        Returns
        -------
        DataFrame
            Floats in [0, 1], index aligned with ``X``, one column per
            frame in ``frames_``.

        Raises
        ------
        sklearn.exceptions.NotFittedError
            If called before :meth:`fit`.
        DiscourseError, TypeError
            For malformed ``X``, as in :meth:`fit`.
        """
        check_is_fitted(self)
        return self._proba(self._documents(X))

    def _proba(self, docs: pd.DataFrame) -> pd.DataFrame:
        features = self._features(docs, fit=False)
        out = np.empty((len(docs), len(self.frames_)))
        for j, frame in enumerate(self.frames_):
            model = self.estimators_[frame]
            if model is None:
                out[:, j] = float(self.constant_frames_[frame])
            else:
                out[:, j] = model.predict_proba(features)[:, 1]
        proba = pd.DataFrame(out, index=docs.index, columns=list(self.frames_))
        proba.columns.name = "frame"
        return proba

    def predict(self, X: Any) -> pd.DataFrame:
        """Frame presence (0/1) per passage: probability >= the frame's threshold.

        Parameters
        ----------
        X : DataFrame, list of str or Series
            As for :meth:`fit`.

        Returns
        -------
        DataFrame
            0/1 ints, index aligned with ``X``, one column per frame.

        Raises
        ------
        sklearn.exceptions.NotFittedError
            If called before :meth:`fit`.
        DiscourseError, TypeError
            For malformed ``X``, as in :meth:`fit`.
        """
        check_is_fitted(self)
        docs = self._documents(X)
        proba = self._proba(docs)
        cut = self.language_thresholds_.T.reindex(docs["language"].to_numpy()).to_numpy()
        pred = pd.DataFrame((proba.to_numpy() >= cut).astype(int), index=proba.index, columns=proba.columns)
        for frame, value in self.constant_frames_.items():
            pred[frame] = value
        return pred

    def top_features(self, n: int = 15, *, direction: str = "positive") -> pd.DataFrame:
        """The n-grams with the largest coefficients for each frame.

        Parameters
        ----------
        n : int, default=15
            Features per frame.
        direction : {"positive", "negative"}, default="positive"
            Evidence for the frame (largest coefficients) or against it
            (most negative).

        Returns
        -------
        DataFrame
            Tidy: ``frame``, ``rank`` (1 = strongest), ``feature``,
            ``coef``. Constant frames have no rows.

        Raises
        ------
        sklearn.exceptions.NotFittedError
            If called before :meth:`fit`.
        DiscourseError
            If ``n`` is not a positive int or ``direction`` is invalid.
        """
        check_is_fitted(self)
        n = check_int("n", n, minimum=1)
        check_option("direction", direction, ["positive", "negative"])
        sign = 1.0 if direction == "positive" else -1.0
        rows = []
        for j, frame in enumerate(self.frames_):
            if frame in self.constant_frames_:
                continue
            c = self.coef_[j]
            # Sort by coefficient, ties by feature name, so output is stable.
            order = np.lexsort((self.feature_names_.astype(str), -sign * c))[:n]
            for rank, k in enumerate(order, start=1):
                if sign * c[k] <= 0:
                    break
                rows.append({"frame": frame, "rank": rank, "feature": self.feature_names_[k], "coef": float(c[k])})
        return pd.DataFrame(rows, columns=["frame", "rank", "feature", "coef"])

    def __sklearn_tags__(self):  # type: ignore[no-untyped-def]
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.target_tags.multi_output = True
        return tags


def make_classifier(
    codebook: str | PathLike[str] | Codebook, *, kind: str = "lexicon", random_state: int | None = 0
) -> LexiconFrameClassifier | SupervisedFrameClassifier:
    """An unfitted frame classifier of one of the :data:`CLASSIFIER_KINDS`.

    ``"lexicon"``: :class:`LexiconFrameClassifier`; ``"supervised"``:
    :class:`SupervisedFrameClassifier` on token TF-IDF; ``"hybrid"``: the
    same plus the codebook's lexicon hits as features
    (``lexicon_features=True``), which carry across languages.

    Raises
    ------
    ParameterError
        If ``kind`` is not one of :data:`CLASSIFIER_KINDS`.
    """
    check_option("kind", kind, CLASSIFIER_KINDS)
    if kind == "lexicon":
        return LexiconFrameClassifier(codebook=codebook)
    return SupervisedFrameClassifier(codebook=codebook, random_state=random_state, lexicon_features=kind == "hybrid")


def default_classifier(
    codebook: str | PathLike[str] | Codebook, *, kind: str = "lexicon", gold: pd.DataFrame | None = None,
    random_state: int | None = 0,
) -> LexiconFrameClassifier | SupervisedFrameClassifier:
    """A ready-to-use, fitted frame classifier.

    Parameters
    ----------
    codebook : str, path-like or Codebook
        A bundled codebook name, a codebook file, or a Codebook.
    kind : {"lexicon", "supervised", "hybrid", "best"}, default="lexicon"
        ``"lexicon"``: :class:`LexiconFrameClassifier` with default
        settings. ``"supervised"`` and ``"hybrid"`` (see
        :func:`make_classifier`): trained on ``gold``, by default the
        *training* split of the codebook's gold set
        (:func:`discourse.framing.load_gold`; a few seconds). ``"best"``:
        the kind that wins cross-validation on those training passages
        (:func:`discourse.framing.model_selection.best_kind`; a minute or
        two, then kept for the session). The test split is never used.
    gold : DataFrame, optional
        Coded passages to train on (``text``, ``language`` and one 0/1 column
        per frame), for a codebook without a bundled gold set.
    random_state : int or None, default=0
        Seed of the trained kinds.

    Returns
    -------
    LexiconFrameClassifier or SupervisedFrameClassifier
        Fitted.

    Raises
    ------
    ParameterError
        If ``kind`` is not one of ``CLASSIFIER_KINDS`` or ``"best"``, or the
        codebook is unknown.
    DiscourseError
        If a trained kind is asked for a codebook without a gold set and no
        ``gold`` is given.

    Examples
    --------
    >>> import pandas as pd
    >>> clf = default_classifier("generic", kind="lexicon")
    >>> passages = pd.DataFrame({"text": ["Critics denounced the costly deal."],  # synthetic
    ...                          "language": "en"})
    >>> clf.predict(passages)[["conflict", "economic"]].values.tolist()
    [[1, 1]]
    >>> default_classifier("generic", kind="rules")
    Traceback (most recent call last):
    ...
    discourse._errors.ParameterError: `kind` must be one of: 'lexicon', 'supervised', 'hybrid', 'best'; got 'rules'.
    """
    check_option("kind", kind, (*CLASSIFIER_KINDS, "best"))
    if kind == "best":
        from discourse.framing.model_selection import best_kind

        kind = best_kind(codebook, gold=gold, random_state=random_state)[0]
    estimator = make_classifier(codebook, kind=kind, random_state=random_state)
    if kind == "lexicon":
        return estimator.fit()
    from discourse.framing.gold import load_gold  # deferred: reads the corpus folder

    book = load_codebook(codebook)
    data = load_gold(book, split="train") if gold is None else gold
    frames = [f for f in book.frame_ids if f in data.columns]
    return estimator.fit(data, data[frames])
