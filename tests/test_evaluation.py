"""Tests for discourse.framing.evaluation and discourse.framing.gold.

Labels, probabilities and texts built in this file are SYNTHETIC; the gold
and Frermann files are read independently (csv module) where their content
is checked.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import calibration_curve
from sklearn.exceptions import NotFittedError
from sklearn.metrics import (
    brier_score_loss,
    f1_score,
    precision_recall_fscore_support,
    precision_score,
    recall_score,
)
from sklearn.model_selection import GroupKFold

from discourse.framing.evaluation import grouped_folds

from discourse._errors import DiscourseError, ParameterError
from discourse.framing import (
    FrameEvaluation,
    LexiconFrameClassifier,
    SupervisedFrameClassifier,
    classification_errors,
    compare_classifiers,
    cross_validate_frames,
    cross_validated_error_rates,
    score_frames,
)

FRAMES = ["a", "b", "c", "d"]


@pytest.fixture(scope="module")
def synthetic():
    """Seeded synthetic multi-label gold, predictions and probabilities."""
    rng = np.random.default_rng(7)
    n = 120
    y = pd.DataFrame(rng.integers(0, 2, (n, 4)), columns=FRAMES)
    proba = pd.DataFrame(np.clip(y.to_numpy() * 0.4 + rng.random((n, 4)) * 0.6, 0, 1), columns=FRAMES)
    pred = (proba >= 0.5).astype(int)
    pred["d"] = 0  # a frame never predicted: precision undefined
    return y, pred, proba


# --- scores against scikit-learn ------------------------------------------------------
@pytest.mark.parametrize("zero_division", [0.0, 1.0])
def test_per_frame_scores_match_sklearn(synthetic, zero_division):
    y, pred, proba = synthetic
    s = score_frames(y, pred, proba, zero_division=zero_division).set_index("frame")
    p, r, f, sup = precision_recall_fscore_support(y, pred, average=None, zero_division=zero_division)
    np.testing.assert_allclose(s["precision"], p)
    np.testing.assert_allclose(s["recall"], r)
    np.testing.assert_allclose(s["f1"], f)
    np.testing.assert_array_equal(s["support"], sup)
    assert s.loc["d", "precision"] == zero_division
    for frame in FRAMES:
        assert s.loc[frame, "brier"] == pytest.approx(brier_score_loss(y[frame], proba[frame]))
        tn = ((y[frame] == 0) & (pred[frame] == 0)).sum()
        fp = ((y[frame] == 0) & (pred[frame] == 1)).sum()
        assert s.loc[frame, "specificity"] == pytest.approx(tn / (tn + fp))
        assert s.loc[frame, "prevalence"] == pytest.approx(y[frame].mean())
    assert (s[["tp", "fp", "fn", "tn"]].sum(axis=1) == len(y)).all()


def test_micro_macro_match_sklearn(synthetic):
    y, pred, proba = synthetic
    ev = FrameEvaluation(y, pred, proba)
    summ = ev.summary
    assert summ.loc["micro", "f1"] == pytest.approx(f1_score(y, pred, average="micro"))
    assert summ.loc["macro", "f1"] == pytest.approx(f1_score(y, pred, average="macro", zero_division=0))
    assert summ.loc["micro", "precision"] == pytest.approx(precision_score(y, pred, average="micro"))
    assert summ.loc["micro", "brier"] == pytest.approx(
        brier_score_loss(y.to_numpy().ravel(), proba.to_numpy().ravel()))
    assert summ.loc["macro", "brier"] == pytest.approx(
        np.mean([brier_score_loss(y[f], proba[f]) for f in FRAMES]))


def test_reliability_curve_matches_sklearn(synthetic):
    y, pred, proba = synthetic
    curve = FrameEvaluation(y, pred, proba).reliability_curve(n_bins=5)
    for frame in FRAMES:
        obs, mean_pred = calibration_curve(y[frame], proba[frame], n_bins=5, strategy="uniform")
        sub = curve[curve["frame"] == frame]
        np.testing.assert_allclose(sub["observed"], obs)
        np.testing.assert_allclose(sub["mean_predicted"], mean_pred)
        assert sub["count"].sum() == len(y)
    pooled = FrameEvaluation(y, pred, proba).reliability_curve(n_bins=4, pooled=True)
    obs, mean_pred = calibration_curve(y.to_numpy().ravel(), proba.to_numpy().ravel(), n_bins=4)
    np.testing.assert_allclose(pooled["observed"], obs)
    np.testing.assert_allclose(pooled["mean_predicted"], mean_pred)
    assert (pooled["frame"] == "(all)").all()


def test_without_probabilities_brier_is_nan(synthetic):
    y, pred, _ = synthetic
    ev = FrameEvaluation(y, pred, None)
    assert ev.scores["brier"].isna().all()
    assert np.isnan(ev.summary.loc["micro", "brier"])
    assert ev.reliability_curve().empty


def test_score_errors(synthetic):
    y, pred, proba = synthetic
    with pytest.raises(TypeError, match="`labels` must be a DataFrame"):
        score_frames(y.to_numpy(), pred)
    with pytest.raises(DiscourseError, match=r"lacks the frame column\(s\) \['d'\]"):
        score_frames(y, pred.drop(columns="d"))
    bad = y.copy()
    bad.iloc[3, 1] = 5
    with pytest.raises(DiscourseError, match="`labels` row 3, column 'b': value 5; must be 0 or 1"):
        score_frames(bad, pred)
    with pytest.raises(DiscourseError, match="index of `predictions` does not match"):
        score_frames(y, pred.set_axis(range(1, len(pred) + 1)))
    with pytest.raises(DiscourseError, match=r"`zero_division` must be one of: 0.0, 1.0, nan; got 0.5"):
        score_frames(y, pred, zero_division=0.5)
    with pytest.raises(DiscourseError, match=r"`proba` lacks frame column\(s\) \['d'\]"):
        score_frames(y, pred, proba.drop(columns="d"))
    with pytest.raises(DiscourseError, match=r"`n_bins` must be an integer >= 2; got 1"):
        FrameEvaluation(y, pred, proba).reliability_curve(n_bins=1)


# --- grouped cross-validation ------------------------------------------------------------
class _Recorder(ClassifierMixin, BaseEstimator):
    """Synthetic stand-in: records what it was fitted on, predicts the training prevalence."""

    log: list = []

    def fit(self, X, y):
        type(self).log.append(list(X.index))
        self.means_ = y.mean()
        return self

    def predict(self, X):
        return pd.DataFrame({f: int(m >= 0.5) for f, m in self.means_.items()}, index=X.index)

    def predict_proba(self, X):
        return pd.DataFrame({f: float(m) for f, m in self.means_.items()}, index=X.index)


def _cv_data(n_sources: int = 7, per: int = 6, seed: int = 0):
    rng = np.random.default_rng(seed)
    sources = np.repeat([f"outlet{i}" for i in range(n_sources)], per)
    data = pd.DataFrame({"text": ["synthetic"] * len(sources), "language": "en", "source": sources},
                        index=[f"x{i}" for i in range(len(sources))])
    labels = pd.DataFrame(rng.integers(0, 2, (len(sources), 2)), columns=["a", "b"], index=data.index)
    return data, labels


def test_grouped_cv_never_puts_a_source_on_both_sides():
    data, labels = _cv_data()
    _Recorder.log = []
    res = cross_validate_frames(_Recorder(), data, labels, groups="source", n_splits=3)
    assert res.n_splits == 3 and len(_Recorder.log) == 3
    seen = []
    for train_ids, (_, fold) in zip(_Recorder.log, res.folds.iterrows()):
        test_pos = np.asarray(fold["test_index"])
        train_pos = np.flatnonzero(data.index.isin(train_ids))
        assert set(data["source"].iloc[train_pos]).isdisjoint(data["source"].iloc[test_pos])
        assert len(train_pos) + len(test_pos) == len(data)
        assert sorted(fold["test_groups"]) == sorted(set(data["source"].iloc[test_pos]))
        seen.extend(test_pos.tolist())
    assert sorted(seen) == list(range(len(data)))  # every passage tested exactly once


def test_oof_predictions_equal_manual_grouped_folds():
    data, labels = _cv_data()
    res = cross_validate_frames(_Recorder(), data, labels, n_splits=3)
    expected = pd.DataFrame(np.nan, index=labels.index, columns=labels.columns)
    for test in grouped_folds(data["source"], 3):
        train = np.setdiff1d(np.arange(len(data)), test)
        expected.iloc[test] = labels.iloc[train].mean().to_numpy()
    expected.columns.name = "frame"
    pd.testing.assert_frame_equal(res.oof_proba, expected)
    pd.testing.assert_frame_equal(res.oof_predictions, (expected >= 0.5).astype(int))


def test_fewer_groups_than_folds_uses_one_fold_per_group():
    data, labels = _cv_data(n_sources=3)
    with pytest.warns(UserWarning, match="Only 3 groups in 'source'; using 3 folds instead of 5"):
        res = cross_validate_frames(_Recorder(), data, labels)
    assert res.n_splits == 3
    assert res.folds["test_groups"].map(len).tolist() == [1, 1, 1]


def test_ungrouped_cv_is_seeded():
    data, labels = _cv_data()
    a = cross_validate_frames(_Recorder(), data, labels, groups=None, n_splits=3, random_state=1)
    b = cross_validate_frames(_Recorder(), data, labels, groups=None, n_splits=3, random_state=1)
    assert a.folds["test_index"].tolist() == b.folds["test_index"].tolist()
    assert a.groups is None


def test_cv_with_lexicon_has_no_probabilities():
    data = pd.DataFrame({  # synthetic
        "text": ["Refugees need food aid.", "ISIS-K attacked the airport.", "Refugees fled.",
                 "A terrorist attack.", "Talks were held.", "Humanitarian aid arrived."],
        "language": "en", "source": ["A", "A", "B", "B", "C", "C"]})
    labels = pd.DataFrame({"humanitarian": [1, 0, 1, 0, 0, 1], "terrorism_security": [0, 1, 0, 1, 0, 0]})
    res = cross_validate_frames(LexiconFrameClassifier("afghanistan"), data, labels, n_splits=3)
    assert res.oof_proba is None
    assert res.scores["brier"].isna().all()
    # The lexicon learns nothing, so its out-of-fold predictions are its plain predictions.
    direct = LexiconFrameClassifier("afghanistan").fit().predict(data)[labels.columns]
    pd.testing.assert_frame_equal(res.oof_predictions, direct)


def test_cv_with_supervised_classifier_records_fold_warnings():
    # synthetic: frame "economic" is positive only in outlet A, so the fold
    # holding out A trains without positives and warns.
    data = pd.DataFrame({
        "text": ["money and trade", "trade and money", "attack bomb", "bomb attack", "attack money", "bomb trade"] * 2,
        "language": "en", "source": list("AAABBB") * 2})
    labels = pd.DataFrame({"economic": [1, 1, 0, 0, 0, 0] * 2, "terrorism_security": [0, 0, 1, 1, 1, 1] * 2})
    with pytest.warns(UserWarning, match="Fitting raised warnings in 1 of 2 folds"):
        res = cross_validate_frames(SupervisedFrameClassifier("afghanistan", min_df=1), data, labels, n_splits=2)
    held_out_a = res.folds[res.folds["test_groups"].map(lambda g: g == ["A"])].iloc[0]
    assert any("'economic' has no positive" in w for w in held_out_a["warnings"])
    proba = res.oof_proba.to_numpy()
    assert ((proba >= 0) & (proba <= 1)).all()


def test_cv_errors():
    data, labels = _cv_data()
    with pytest.raises(TypeError, match="`data` must be a passages DataFrame"):
        cross_validate_frames(_Recorder(), data["text"], labels)
    with pytest.raises(DiscourseError, match="same index as `data`"):
        cross_validate_frames(_Recorder(), data, labels.iloc[1:])
    with pytest.raises(DiscourseError, match=r"`groups` must name a column of `data` or give one label per row; got 'outlet'"):
        cross_validate_frames(_Recorder(), data, labels, groups="outlet")
    with pytest.raises(DiscourseError, match="has missing values"):
        cross_validate_frames(_Recorder(), data.assign(source=None), labels)
    with pytest.raises(DiscourseError, match="has 1 distinct value"):
        cross_validate_frames(_Recorder(), data.assign(source="one"), labels)
    with pytest.raises(DiscourseError, match=r"`n_splits` must be an integer >= 2; got 1"):
        cross_validate_frames(_Recorder(), data, labels, n_splits=1)
    with pytest.raises(DiscourseError, match="one label per row"):
        cross_validate_frames(_Recorder(), data, labels, groups=["a", "b"])
    with pytest.raises(DiscourseError, match=r"predictions lack frame column\(s\) \['a', 'b'\]"):
        cross_validate_frames(LexiconFrameClassifier("afghanistan"), data, labels)


def test_compare_classifiers_tidy_and_side_by_side():
    data, labels = _cv_data()
    table = compare_classifiers({"one": _Recorder(), "two": _Recorder()}, data, labels, n_splits=3)
    assert list(table.columns) == ["frame", "classifier", "support", "precision", "recall", "f1", "brier"]
    assert table["frame"].tolist() == ["a", "b", "micro", "macro"] * 2
    single = cross_validate_frames(_Recorder(), data, labels, n_splits=3)
    row = table[(table["frame"] == "a") & (table["classifier"] == "two")].iloc[0]
    assert row["f1"] == pytest.approx(single.scores.set_index("frame").loc["a", "f1"])
    assert row["support"] == labels["a"].sum()
    macro = table[(table["frame"] == "macro") & (table["classifier"] == "one")].iloc[0]
    assert macro["f1"] == pytest.approx(single.summary.loc["macro", "f1"])
    wide = compare_classifiers({"one": _Recorder(), "two": _Recorder()}, data, labels, n_splits=3, wide=True)
    assert wide.columns.names == ["metric", "classifier"]
    assert list(wide.index) == ["a", "b", "micro", "macro"]
    assert wide.loc["a", ("f1", "two")] == pytest.approx(row["f1"])
    assert wide.loc["a", ("support", "")] == labels["a"].sum()


def test_compare_classifiers_errors():
    data, labels = _cv_data()
    with pytest.raises(DiscourseError, match="`estimators` is empty"):
        compare_classifiers({}, data, labels)
    with pytest.raises(TypeError, match="`estimators` must be a mapping"):
        compare_classifiers([_Recorder()], data, labels)


def test_confusion_is_tidy_and_feeds_error_rates(synthetic):
    from discourse.prevalence import error_rates_from_confusion

    y, pred, proba = synthetic
    conf = FrameEvaluation(y, pred, proba).confusion
    assert list(conf.columns) == ["frame", "tp", "fp", "fn", "tn"]
    rates = error_rates_from_confusion(conf)
    assert rates["sensitivity"]["a"] == pytest.approx(recall_score(y["a"], pred["a"]))


def test_classification_errors_lists_the_misses():
    data = pd.DataFrame({"text": ["t0", "t1", "t2", "t3"], "source": list("ABAB")},  # synthetic
                        index=[5, 6, 7, 8])
    labels = pd.DataFrame({"f": [1, 0, 1, 0]}, index=data.index)
    pred = pd.DataFrame({"f": [0, 1, 1, 1]}, index=data.index)
    proba = pd.DataFrame({"f": [0.45, 0.9, 0.8, 0.6]}, index=data.index)
    errors = classification_errors(FrameEvaluation(labels, pred, proba), data, frame="f")
    # misses: 5 (FN, |0.45-1|=0.55), 6 (FP, 0.9), 8 (FP, 0.6): most confident first
    assert errors.index.tolist() == [6, 8, 5]
    assert errors["error"].tolist() == ["false positive", "false positive", "false negative"]
    assert errors["source"].tolist() == ["B", "B", "A"]
    with pytest.raises(DiscourseError, match=r"`frame` must be one of: 'f'; got 'g'"):
        classification_errors(FrameEvaluation(labels, pred, proba), data, frame="g")
    with pytest.raises(DiscourseError, match="index of `data` does not match"):
        classification_errors(FrameEvaluation(labels, pred, proba), data.reset_index(drop=True), frame="f")
    with pytest.raises(TypeError, match="`result` must be a FrameEvaluation"):
        classification_errors(labels, data, frame="f")


def test_cross_validated_error_rates_of_a_lexicon_are_its_plain_rates():
    # A lexicon learns nothing: its out-of-fold rates are its rates on all the
    # passages, computed here with scikit-learn (synthetic passages).
    data = pd.DataFrame({"text": ["Refugees need food aid.", "ISIS-K attacked.", "Refugees fled.",
                                  "A terrorist attack.", "Talks were held.", "Humanitarian aid arrived."],
                         "language": "en", "doc_id": list("abcdef")})
    labels = pd.DataFrame({"humanitarian": [1, 0, 0, 0, 1, 1], "terrorism_security": [0, 1, 0, 1, 0, 0]})
    lexicon = LexiconFrameClassifier("afghanistan")
    rates = cross_validated_error_rates(lexicon, data, labels, n_splits=3)
    pred = lexicon.fit().predict(data)
    for f in labels.columns:
        assert rates["sensitivity"][f] == pytest.approx(recall_score(labels[f], pred[f]))
        assert rates["specificity"][f] == pytest.approx(recall_score(1 - labels[f], 1 - pred[f]))


def test_grouped_folds_agree_with_sklearn_group_kfold_when_no_sizes_tie():
    # With distinct group sizes there is no tie to break, and the greedy
    # size-balancing is scikit-learn's GroupKFold: same partition.
    rng = np.random.default_rng(3)
    sizes = rng.permutation(np.arange(1, 16))
    groups = rng.permutation(np.repeat([f"g{i}" for i in range(len(sizes))], sizes))
    ours = {frozenset(f.tolist()) for f in grouped_folds(groups, 4)}
    theirs = {frozenset(t.tolist()) for _, t in GroupKFold(4).split(groups, groups=groups)}
    assert ours == theirs


def test_grouped_folds_keep_groups_whole_and_balance_sizes_with_ties():
    groups = np.repeat(list("abcdefgh"), [5, 5, 5, 5, 3, 3, 2, 2])  # synthetic, many ties
    folds = grouped_folds(groups, 3)
    assert sorted(np.concatenate(folds).tolist()) == list(range(len(groups)))
    for f in folds:
        assert all(set(groups[f]).isdisjoint(groups[g]) for g in folds if g is not f)
    sizes = [len(f) for f in folds]
    assert max(sizes) - min(sizes) <= 5  # within one (largest) group
    # Ties are broken by order of first appearance, so relabelling the groups
    # while keeping that order gives the same folds.
    relabelled = np.array([{"a": "z", "b": "y", "c": "x", "d": "w"}.get(g, g) for g in groups])
    assert [f.tolist() for f in grouped_folds(relabelled, 3)] == [f.tolist() for f in folds]


def test_grouped_folds_refuse_more_folds_than_groups():
    with pytest.raises(DiscourseError, match=r"`n_splits` \(3\) must be at most the number of groups \(2\)"):
        grouped_folds(["a", "b", "a"], 3)
