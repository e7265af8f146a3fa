"""How good the study's frame classifiers are: training-pool CV, the frozen test split, the learning curve.

The order of work is the point (``corpus/annotations/GUIDE.md``): every
choice — the codebook's terms and rules, the classifiers' settings, which
kind to use — is made on the *training* pool (cross-validation with folds
grouped by document); the *test* split is scored afterwards, with bootstrap
intervals over its documents, and never fed back. Notebook 05 and the
README's validation block both call these functions, so their numbers are
the same numbers.

Targets (the measurement issue) are checked on the test split by
:func:`targets`.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from discourse import framing
from discourse.framing.model_selection import best_of
from discourse.prevalence import ValidationErrors
from discourse.schema import LANGUAGES

from .gold import CODEBOOK, frames, is_guided, load_gold

#: The classifier kinds compared (``discourse.framing.CLASSIFIER_KINDS``).
KINDS: tuple[str, ...] = framing.CLASSIFIER_KINDS
#: Targets on the test split: macro F1 overall and per language, blame F1,
#: F1 of every frame with at least 15 test positives.
TARGETS = {"macro_f1_overall": 0.75, "macro_f1_per_language": 0.70, "blame_f1": 0.60, "frame_f1_min": 0.50}
MIN_TARGET_SUPPORT = 15


@dataclass
class TrainingPoolCV:
    """Cross-validation of every kind on the training pool (folds grouped by document)."""

    results: dict[str, framing.FrameCVResult]
    data: pd.DataFrame
    best: str

    def scores(self) -> pd.DataFrame:
        """Per kind, language (``"all"`` first) and frame: precision, recall, F1 and support."""
        parts = []
        for kind, res in self.results.items():
            pooled = res.scores.assign(group="all")
            by_lang = res.scores_by(self.data["language"])
            parts.append(pd.concat([pooled, by_lang], ignore_index=True).assign(classifier=kind))
        cols = ["classifier", "group", "frame", "support", "precision", "recall", "f1"]
        return pd.concat(parts, ignore_index=True)[cols]

    def summary(self) -> pd.DataFrame:
        """Per kind and language: micro and macro F1 (macro over frames with positives in that language)."""
        parts = []
        for kind, res in self.results.items():
            pooled = res.summary_by(np.full(len(self.data), "all", dtype=object))
            by_lang = res.summary_by(self.data["language"])
            parts.append(pd.concat([pooled, by_lang]).reset_index().assign(classifier=kind))
        return pd.concat(parts, ignore_index=True)[["classifier", "group", "average", "n", "n_frames", "precision",
                                                     "recall", "f1"]]

    @property
    def best_trained(self) -> str:
        """The best kind that learns from the gold set (the lexicon does not): for calibration and learning curves."""
        trained = {k: r for k, r in self.results.items() if k != "lexicon"}
        return self.best if self.best != "lexicon" or not trained else best_of(trained)

    def validation_errors(self, kind: str, *, guided: bool = False) -> ValidationErrors:
        """The out-of-fold predictions of ``kind``, as rates per language for a prevalence correction.

        By default only the passages drawn without regard to any classifier
        (``load_gold(guided=False)``) estimate the rates: the guided draws
        were picked *because* a classifier flagged them, so their error
        rates do not carry over to the corpus. ``guided=True`` uses every
        training passage.
        """
        res = self.results[kind]
        rows = self.data.index if guided else self.data.index[~is_guided(self.data).to_numpy()]
        return ValidationErrors(res.labels.loc[rows], res.oof_predictions.loc[rows],
                                strata=self.data.loc[rows, "language"], units=self.data.loc[rows, "doc_id"])


def training_pool_cv(*, kinds: tuple[str, ...] = KINDS, n_splits: int = 5, random_state: int = 0) -> TrainingPoolCV:
    """Cross-validate each kind on the training pool; the best macro F1 (over ``kinds``) names the kind to use."""
    train = load_gold("train")
    estimators = {kind: framing.make_classifier(CODEBOOK, kind=kind, random_state=random_state) for kind in kinds}
    results = framing.cross_validate_classifiers(estimators, train, train[frames()], groups="doc_id",
                                                 n_splits=n_splits, random_state=random_state)
    return TrainingPoolCV(results, train, best_of(results))


@dataclass
class TestSplitScores:
    """Each kind fitted on the whole training pool and scored once on the frozen test split."""

    evaluations: dict[str, framing.FrameEvaluation]
    data: pd.DataFrame
    n_boot: int
    random_state: int

    def bootstrap(self) -> pd.DataFrame:
        """Precision, recall and F1 with 95% intervals, per kind, language and frame (documents resampled)."""
        parts = [ev.bootstrap(n_boot=self.n_boot, units=self.data["doc_id"], by=self.data["language"],
                              random_state=self.random_state).assign(classifier=kind)
                 for kind, ev in self.evaluations.items()]
        out = pd.concat(parts, ignore_index=True)
        return out[["classifier", *[c for c in out.columns if c != "classifier"]]]


def score_test_split(*, n_boot: int = 1000, random_state: int = 0) -> TestSplitScores:
    """Fit every kind on the training pool and score it on the test split (the one use of the test split)."""
    train, test = load_gold("train"), load_gold("test")
    fr = frames()
    evaluations = {}
    for kind in KINDS:
        est = framing.make_classifier(CODEBOOK, kind=kind, random_state=random_state)
        est = est.fit() if kind == "lexicon" else est.fit(train, train[fr])
        evaluations[kind] = framing.evaluate(est, test, test[fr])
    return TestSplitScores(evaluations, test, n_boot, random_state)


def learning_curve(kind: str, *, sizes: tuple[int, ...] = (100, 200, 400, 800, 100_000), n_repeats: int = 3,
                   random_state: int = 0) -> pd.DataFrame:
    """Test-split macro F1 of ``kind`` for training pools of increasing size (whole documents drawn)."""
    train, test = load_gold("train"), load_gold("test")
    fr = frames()
    est = framing.make_classifier(CODEBOOK, kind=kind, random_state=random_state)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return framing.learning_curve(est, train, train[fr], test, test[fr], sizes=list(sizes),
                                      n_repeats=n_repeats, random_state=random_state)


def targets(boot: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The issue's targets for ``kind`` on the test split: value, 95% interval, target, met, shortfall.

    ``boot`` is :meth:`TestSplitScores.bootstrap`.
    """
    b = boot[(boot["classifier"] == kind) & (boot["metric"] == "f1")]
    rows = []

    def add(name: str, row: pd.Series, target: float) -> None:
        rows.append({"target": name, "value": row["estimate"], "ci_low": row["ci_low"], "ci_high": row["ci_high"],
                     "required": target, "met": bool(row["estimate"] >= target),
                     "shortfall": max(0.0, target - float(row["estimate"]))})

    add("macro F1, all languages", b[(b.group == "all") & (b.frame == "macro")].iloc[0], TARGETS["macro_f1_overall"])
    for lang in LANGUAGES:
        add(f"macro F1, {lang}", b[(b.group == lang) & (b.frame == "macro")].iloc[0], TARGETS["macro_f1_per_language"])
    add("F1 blame_responsibility", b[(b.group == "all") & (b.frame == "blame_responsibility")].iloc[0],
        TARGETS["blame_f1"])
    for f in frames():
        row = b[(b.group == "all") & (b.frame == f)].iloc[0]
        if row["support"] >= MIN_TARGET_SUPPORT and f != "blame_responsibility":
            add(f"F1 {f} ({int(row['support'])} test positives)", row, TARGETS["frame_f1_min"])
    return pd.DataFrame(rows)
