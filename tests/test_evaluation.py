"""Tests for discourse.framing.evaluation and discourse.framing.gold.

Labels, probabilities and texts built in this file are SYNTHETIC; the gold
and Frermann files are read independently (csv module) where their content
is checked.
"""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

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

from discourse._errors import CorpusValidationError, DiscourseError
from discourse.framing import (
    FrameEvaluation,
    LexiconFrameClassifier,
    SupervisedFrameClassifier,
    classification_errors,
    compare_classifiers,
    cross_validate_frames,
    error_rates,
    evaluate_generic_on_frermann,
    load_codebook,
    load_codings,
    load_frermann2023,
    load_gold,
    score_frames,
)
from discourse.paths import corpus_dir

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
    with pytest.raises(DiscourseError, match="Invalid value 0.5 for `zero_division`"):
        score_frames(y, pred, zero_division=0.5)
    with pytest.raises(DiscourseError, match=r"`proba` lacks frame column\(s\) \['d'\]"):
        score_frames(y, pred, proba.drop(columns="d"))
    with pytest.raises(DiscourseError, match="Invalid value 1 for `n_bins`"):
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
    for train, test in GroupKFold(3).split(data, groups=data["source"]):
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
    res = cross_validate_frames(LexiconFrameClassifier(), data, labels, n_splits=3)
    assert res.oof_proba is None
    assert res.scores["brier"].isna().all()
    # The lexicon learns nothing, so its out-of-fold predictions are its plain predictions.
    direct = LexiconFrameClassifier().fit().predict(data)[labels.columns]
    pd.testing.assert_frame_equal(res.oof_predictions, direct)


def test_cv_with_supervised_classifier_records_fold_warnings():
    # synthetic: frame "economic" is positive only in outlet A, so the fold
    # holding out A trains without positives and warns.
    data = pd.DataFrame({
        "text": ["money and trade", "trade and money", "attack bomb", "bomb attack", "attack money", "bomb trade"] * 2,
        "language": "en", "source": list("AAABBB") * 2})
    labels = pd.DataFrame({"economic": [1, 1, 0, 0, 0, 0] * 2, "terrorism_security": [0, 0, 1, 1, 1, 1] * 2})
    with pytest.warns(UserWarning, match="Fitting raised warnings in 1 of 2 folds"):
        res = cross_validate_frames(SupervisedFrameClassifier(min_df=1), data, labels, n_splits=2)
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
    with pytest.raises(DiscourseError, match="Invalid value 'outlet' for `groups`"):
        cross_validate_frames(_Recorder(), data, labels, groups="outlet")
    with pytest.raises(DiscourseError, match="has missing values"):
        cross_validate_frames(_Recorder(), data.assign(source=None), labels)
    with pytest.raises(DiscourseError, match="has 1 distinct value"):
        cross_validate_frames(_Recorder(), data.assign(source="one"), labels)
    with pytest.raises(DiscourseError, match="Invalid value 1 for `n_splits`"):
        cross_validate_frames(_Recorder(), data, labels, n_splits=1)
    with pytest.raises(DiscourseError, match="one label per row"):
        cross_validate_frames(_Recorder(), data, labels, groups=["a", "b"])
    with pytest.raises(DiscourseError, match=r"predictions lack frame column\(s\) \['a', 'b'\]"):
        cross_validate_frames(LexiconFrameClassifier(), data, labels)


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
    with pytest.raises(DiscourseError, match="Invalid value 'g' for `frame`; must be one of: 'f'"):
        classification_errors(FrameEvaluation(labels, pred, proba), data, frame="g")
    with pytest.raises(DiscourseError, match="index of `data` does not match"):
        classification_errors(FrameEvaluation(labels, pred, proba), data.reset_index(drop=True), frame="f")
    with pytest.raises(TypeError, match="`result` must be a FrameEvaluation"):
        classification_errors(labels, data, frame="f")


def test_error_rates_of_the_lexicon_equal_its_rates_on_the_whole_gold_set():
    # The lexicon learns nothing, so its out-of-fold rates are its rates on
    # all 430 gold passages, computed here with scikit-learn.
    gold = load_gold()
    frames = load_codebook("afghanistan").frame_ids
    pred = LexiconFrameClassifier().fit().predict(gold)
    rates = error_rates(kind="lexicon")
    for f in frames:
        assert rates["sensitivity"][f] == pytest.approx(recall_score(gold[f], pred[f]))
        assert rates["specificity"][f] == pytest.approx(recall_score(1 - gold[f], 1 - pred[f]))
    with pytest.raises(DiscourseError, match="Invalid value 'rules' for `kind`"):
        error_rates(kind="rules")


# --- gold loading --------------------------------------------------------------------------
ANN = corpus_dir() / "annotations"


def test_load_gold_joins_sample_and_labels():
    gold = load_gold()
    frames = load_codebook("afghanistan").frame_ids
    with open(ANN / "gold.csv", newline="", encoding="utf-8") as fh:
        raw = {r["passage_id"]: r for r in csv.DictReader(fh)}
    with open(ANN / "sample.csv", newline="", encoding="utf-8") as fh:
        sample = {r["passage_id"]: r for r in csv.DictReader(fh)}
    assert len(gold) == len(raw) == len(sample) == 430
    for f in frames:
        assert gold[f].sum() == sum(int(r[f]) for r in raw.values())
    row = gold.iloc[17]
    assert row["text"] == sample[row["passage_id"]]["text"]
    assert row["abandonment"] == int(raw[row["passage_id"]]["abandonment"])
    assert str(gold["date"].dtype).startswith("datetime64")
    assert {"source", "language", "n_coders", "label_source"} <= set(gold.columns)


def test_load_codings_reads_every_sheet_row():
    codings = load_codings()
    n_rows = 0
    for path in sorted((ANN / "raw").glob("coder_*.csv")):
        with open(path, newline="", encoding="utf-8") as fh:
            n_rows += sum(1 for _ in csv.DictReader(fh))
    assert len(codings) == n_rows
    assert set(codings["coder"]) == {"A", "B", "C"}


def _copy_gold(tmp_path: Path) -> Path:
    for name in ("sample.csv", "gold.csv"):
        shutil.copy(ANN / name, tmp_path / name)
    return tmp_path


def test_load_gold_names_file_and_line_of_a_bad_cell(tmp_path):
    folder = _copy_gold(tmp_path)
    lines = (folder / "gold.csv").read_text(encoding="utf-8").splitlines()
    head = lines[0].split(",")
    cells = lines[5].split(",")
    cells[head.index("economic")] = "2"
    lines[5] = ",".join(cells)
    (folder / "gold.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CorpusValidationError, match=r"gold\.csv:6: frame `economic` has value '2'"):
        load_gold(directory=folder)


def test_load_gold_names_a_passage_missing_from_gold(tmp_path):
    folder = _copy_gold(tmp_path)
    lines = (folder / "gold.csv").read_text(encoding="utf-8").splitlines()
    dropped = lines.pop(3).split(",")[0]
    (folder / "gold.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CorpusValidationError, match=rf"sample\.csv:\d+: passage_id '{dropped}' has no row in"):
        load_gold(directory=folder)


def test_load_gold_errors(tmp_path):
    with pytest.raises(DiscourseError, match="Invalid value 'policy' for `codebook`; must be one of: 'afghanistan'"):
        load_gold("policy")
    with pytest.raises(FileNotFoundError, match="Gold file not found"):
        load_gold(directory=tmp_path)
    with pytest.raises(FileNotFoundError, match="No coder sheets"):
        load_codings(directory=tmp_path)
    folder = _copy_gold(tmp_path)
    text = (folder / "gold.csv").read_text(encoding="utf-8").replace("economic", "econ", 1)
    (folder / "gold.csv").write_text(text, encoding="utf-8")
    with pytest.raises(CorpusValidationError, match=r"missing column\(s\) \['economic'\]"):
        load_gold(directory=folder)


# --- Frermann et al. (2023) ------------------------------------------------------------------
FRERMANN = corpus_dir() / "external" / "frermann2023"


def _read_frermann_rows() -> list[dict]:
    csv.field_size_limit(10**7)
    with open(FRERMANN / "articles_metadata.tsv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_frermann_bundle_has_licence_and_provenance():
    assert "MIT License" in (FRERMANN / "LICENSE").read_text(encoding="utf-8")
    prov = (FRERMANN / "PROVENANCE.md").read_text(encoding="utf-8")
    assert "197314dfe86838e20420894bc3dfa285814dc04c" in prov and "False)" in prov


def test_load_frermann_handles_the_two_known_defects():
    raw = _read_frermann_rows()
    arts = load_frermann2023()
    assert len(raw) == 428 and len(arts) == 427
    assert "405" not in set(arts["doc_id"]) and arts.attrs["excluded"] == ["405"]
    assert arts.loc[arts["doc_id"] == "716", "EC"].item() == 0
    for code in ("CO", "HI", "MO", "RE"):
        assert arts[code].sum() == sum(r[code] == "True" for r in raw)
    assert arts["EC"].sum() == sum(r["EC"] == "True" for r in raw)


def test_load_frermann_rejects_other_bad_values(tmp_path):
    text = (FRERMANN / "articles_metadata.tsv").read_text(encoding="utf-8")
    lines = text.split("\n")
    cells = lines[1].split("\t")
    cells[-1] = "maybe"  # EC of the first article
    lines[1] = "\t".join(cells)
    (tmp_path / "articles_metadata.tsv").write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(CorpusValidationError, match=r"articles_metadata\.tsv:2: frame `EC` has value 'maybe'"):
        load_frermann2023(directory=tmp_path)
    with pytest.raises(FileNotFoundError, match="not found"):
        load_frermann2023(directory=tmp_path / "none")


def test_generic_lexicon_on_frermann_subset_matches_independent_scores(tmp_path):
    # The full run takes ~15 s (the lexicon scans 427 whole articles), so
    # score a 30-article slice and recompute everything independently.
    lines = (FRERMANN / "articles_metadata.tsv").read_text(encoding="utf-8").split("\n")
    (tmp_path / "articles_metadata.tsv").write_text("\n".join(lines[:31]) + "\n", encoding="utf-8")
    table = evaluate_generic_on_frermann(directory=tmp_path, include_approximate=True)
    assert table["frame"].tolist() == ["conflict", "economic", "human_interest", "morality", "responsibility",
                                       "micro", "macro"]
    assert table["mapping"].tolist() == ["direct"] * 4 + ["approximate"] + ["average of direct"] * 2
    rows = _read_frermann_rows()[:30]
    lex = LexiconFrameClassifier(codebook="generic", language="en").fit()
    pred = lex.predict([r["text"] for r in rows])
    mapping = {"CO": "conflict", "EC": "economic", "HI": "human_interest", "MO": "morality", "RE": "responsibility"}
    scores = table.set_index("frame")
    truth = {ours: [int(r[theirs] == "True") for r in rows] for theirs, ours in mapping.items()}
    for theirs, ours in mapping.items():
        p, r_, f, _ = precision_recall_fscore_support(truth[ours], pred[ours], average="binary", zero_division=0)
        assert scores.loc[ours, ["precision", "recall", "f1"]].tolist() == pytest.approx([p, r_, f])
        assert scores.loc[ours, "frermann_frame"] == theirs
    direct = ["conflict", "economic", "human_interest", "morality"]
    y = pd.DataFrame({f: truth[f] for f in direct})
    assert scores.loc["macro", "f1"] == pytest.approx(f1_score(y, pred[direct], average="macro", zero_division=0))
    assert scores.loc["micro", "f1"] == pytest.approx(f1_score(y, pred[direct], average="micro"))
    only_direct = evaluate_generic_on_frermann(directory=tmp_path)
    assert "responsibility" not in set(only_direct["frame"])


def test_frermann_errors(tmp_path):
    lines = (FRERMANN / "articles_metadata.tsv").read_text(encoding="utf-8").split("\n")
    (tmp_path / "articles_metadata.tsv").write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    with pytest.raises(NotFittedError, match="not fitted yet"):
        evaluate_generic_on_frermann(LexiconFrameClassifier(codebook="generic"), directory=tmp_path)
    afgh = LexiconFrameClassifier(language="en").fit()
    with pytest.raises(DiscourseError, match="use one built on the 'generic' codebook"):
        evaluate_generic_on_frermann(afgh, directory=tmp_path)
    with pytest.raises(TypeError, match="`include_approximate` must be True or False"):
        evaluate_generic_on_frermann(directory=tmp_path, include_approximate="yes")
