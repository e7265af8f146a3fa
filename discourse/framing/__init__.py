"""Framing: codebooks as data and classifiers that code passages for frames.

- :mod:`discourse.framing.codebooks` — load and validate frame codebooks
  (YAML shipped in ``discourse/framing/codebooks/``).
- :mod:`discourse.framing.lexicon` — a transparent dictionary baseline,
  :class:`LexiconFrameClassifier`.
- :mod:`discourse.framing.supervised` — :class:`SupervisedFrameClassifier`
  (TF-IDF n-grams, calibrated logistic regression per frame),
  :func:`make_classifier` and :func:`default_classifier`.
- :mod:`discourse.framing.gold` — gold sets in a documented folder layout
  (:func:`load_gold`, :func:`load_codings`).
- :mod:`discourse.framing.evaluation` — validation against coded passages:
  :func:`cross_validate_frames`, :func:`compare_classifiers`,
  :func:`score_frames`, :func:`classification_errors`,
  :func:`cross_validated_error_rates`, :func:`grouped_folds`, :func:`evaluate`.
- :mod:`discourse.framing.model_selection` — :func:`select_classifier` (by
  cross-validation on the training pool only) and :func:`learning_curve`.
"""
from discourse.framing.codebooks import Codebook, Frame, list_codebooks, load_codebook
from discourse.framing.evaluation import (
    FrameCVResult,
    FrameEvaluation,
    classification_errors,
    compare_classifiers,
    comparison_table,
    cross_validate_classifiers,
    cross_validate_frames,
    cross_validated_error_rates,
    evaluate,
    grouped_folds,
    score_frames,
)
from discourse.framing.model_selection import learning_curve, select_classifier
from discourse.framing.gold import load_codings, load_gold
from discourse.framing.lexicon import LexiconFrameClassifier
from discourse.framing.supervised import (
    CLASSIFIER_KINDS,
    SupervisedFrameClassifier,
    best_f1_threshold,
    default_classifier,
    make_classifier,
)

__all__ = [
    "CLASSIFIER_KINDS",
    "Codebook",
    "Frame",
    "FrameCVResult",
    "FrameEvaluation",
    "LexiconFrameClassifier",
    "SupervisedFrameClassifier",
    "best_f1_threshold",
    "classification_errors",
    "compare_classifiers",
    "comparison_table",
    "cross_validate_classifiers",
    "cross_validate_frames",
    "cross_validated_error_rates",
    "default_classifier",
    "evaluate",
    "grouped_folds",
    "learning_curve",
    "list_codebooks",
    "load_codebook",
    "load_codings",
    "load_gold",
    "make_classifier",
    "score_frames",
    "select_classifier",
]
