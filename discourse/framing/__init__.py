"""Framing: codebooks as data and classifiers that code passages for frames.

- :mod:`discourse.framing.codebooks` — load and validate frame codebooks
  (YAML shipped in ``discourse/framing/codebooks/``).
- :mod:`discourse.framing.lexicon` — a transparent dictionary baseline,
  :class:`LexiconFrameClassifier`.
- :mod:`discourse.framing.supervised` — :class:`SupervisedFrameClassifier`
  (TF-IDF n-grams, calibrated logistic regression per frame) and
  :func:`default_classifier`.
- :mod:`discourse.framing.gold` — the bundled gold set (:func:`load_gold`,
  :func:`load_codings`) and external gold sets (:func:`load_frermann2023`).
- :mod:`discourse.framing.evaluation` — validation against human coding:
  :func:`cross_validate_frames` (grouped by outlet), :func:`compare_classifiers`,
  :func:`score_frames`, :func:`classification_errors`, :func:`error_rates`,
  :func:`evaluate_generic_on_frermann`.
"""
from discourse.framing.codebooks import Codebook, Frame, list_codebooks, load_codebook
from discourse.framing.evaluation import (
    FrameCVResult,
    FrameEvaluation,
    classification_errors,
    compare_classifiers,
    cross_validate_frames,
    error_rates,
    evaluate_generic_on_frermann,
    score_frames,
)
from discourse.framing.gold import load_codings, load_frermann2023, load_gold
from discourse.framing.lexicon import LexiconFrameClassifier
from discourse.framing.supervised import (
    CLASSIFIER_KINDS,
    SupervisedFrameClassifier,
    best_f1_threshold,
    default_classifier,
    make_classifier,
)

__all__ = [
    "Codebook",
    "Frame",
    "FrameCVResult",
    "FrameEvaluation",
    "LexiconFrameClassifier",
    "SupervisedFrameClassifier",
    "best_f1_threshold",
    "classification_errors",
    "compare_classifiers",
    "cross_validate_frames",
    "default_classifier",
    "make_classifier",
    "CLASSIFIER_KINDS",
    "error_rates",
    "evaluate_generic_on_frermann",
    "list_codebooks",
    "load_codebook",
    "load_codings",
    "load_frermann2023",
    "load_gold",
    "score_frames",
]
