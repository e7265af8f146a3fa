"""Scores by group, bootstrap intervals, classifier selection and learning curves (discourse.framing).

Independent references: scikit-learn's metrics for every point estimate, and
a plain loop bootstrap with scikit-learn for the intervals. Texts are synthetic.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import f1_score, precision_score, recall_score

from discourse._errors import DiscourseError, ParameterError
from discourse.framing import (FrameEvaluation, LexiconFrameClassifier, SupervisedFrameClassifier, evaluate,
                               learning_curve, select_classifier)


def _evaluation(seed=0, n=300):
    rng = np.random.default_rng(seed)
    y = pd.DataFrame({"aid": rng.random(n) < 0.3, "war": rng.random(n) < 0.2}).astype(int)
    flip = pd.DataFrame(rng.random((n, 2)) < 0.2, columns=y.columns)
    pred = (y ^ flip).astype(int)
    lang = np.where(rng.random(n) < 0.6, "en", "zh")
    doc = np.repeat(np.arange(n // 3), 3)
    return FrameEvaluation(y, pred), lang, doc


def test_summary_by_matches_sklearn_per_group():
    ev, lang, _ = _evaluation()
    out = ev.summary_by(lang)
    for g in ("en", "zh"):
        m = lang == g
        macro = np.mean([f1_score(ev.labels.loc[m, f], ev.predictions.loc[m, f]) for f in ev.frames])
        assert out.loc[(g, "macro"), "f1"] == pytest.approx(macro)
        micro = f1_score(ev.labels[m].to_numpy().ravel(), ev.predictions[m].to_numpy().ravel())
        assert out.loc[(g, "micro"), "f1"] == pytest.approx(micro)
        assert out.loc[(g, "macro"), "n"] == m.sum()


def test_summary_by_leaves_frames_absent_from_a_group_out_of_its_macro():
    y = pd.DataFrame({"aid": [1, 0, 1, 0], "war": [1, 0, 0, 0]})
    p = pd.DataFrame({"aid": [1, 0, 0, 0], "war": [1, 0, 0, 0]})
    out = FrameEvaluation(y, p).summary_by(["en", "en", "zh", "zh"])
    assert out.loc[("zh", "macro"), "n_frames"] == 1  # `war` never occurs in zh
    assert out.loc[("zh", "macro"), "f1"] == 0.0 and out.loc[("en", "macro"), "f1"] == 1.0


def test_bootstrap_point_estimates_are_sklearns_and_intervals_agree_with_a_loop_bootstrap():
    ev, lang, doc = _evaluation(seed=1)
    table = ev.bootstrap(n_boot=2000, units=doc, by=lang, random_state=3)
    rng = np.random.default_rng(11)
    for g in ("en", "zh"):
        rows = np.flatnonzero(lang == g)
        docs = np.unique(doc[rows])
        by_doc = {d: rows[doc[rows] == d] for d in docs}
        loop = []
        for _ in range(1000):
            idx = np.concatenate([by_doc[d] for d in rng.choice(docs, len(docs))])
            loop.append(precision_score(ev.labels["aid"].iloc[idx], ev.predictions["aid"].iloc[idx]))
        row = table[(table["group"] == g) & (table["frame"] == "aid") & (table["metric"] == "precision")].iloc[0]
        m = lang == g
        assert row["estimate"] == pytest.approx(precision_score(ev.labels.loc[m, "aid"], ev.predictions.loc[m, "aid"]))
        # two independent Monte Carlo runs of the same cluster bootstrap
        assert row["ci_low"] == pytest.approx(np.percentile(loop, 2.5), abs=0.03)
        assert row["ci_high"] == pytest.approx(np.percentile(loop, 97.5), abs=0.03)
    macro = table[(table["group"] == "all") & (table["frame"] == "macro") & (table["metric"] == "f1")].iloc[0]
    assert macro["estimate"] == pytest.approx(np.mean([f1_score(ev.labels[f], ev.predictions[f]) for f in ev.frames]))
    assert macro["ci_low"] < macro["estimate"] < macro["ci_high"]


def test_clustered_intervals_are_wider_when_documents_repeat_one_passage():
    # Every document is three copies of one passage: resampling documents must
    # see 100 independent draws, not 300.
    y = pd.DataFrame({"aid": np.repeat(np.random.default_rng(0).random(100) < 0.5, 3).astype(int)})
    p = pd.DataFrame({"aid": np.repeat(np.random.default_rng(1).random(100) < 0.5, 3).astype(int)})
    ev = FrameEvaluation(y, p)
    width = lambda t: float((t.loc[(t.frame == "aid") & (t.metric == "f1"), "ci_high"] -  # noqa: E731
                             t.loc[(t.frame == "aid") & (t.metric == "f1"), "ci_low"]).iloc[0])
    clustered = width(ev.bootstrap(n_boot=500, units=np.repeat(np.arange(100), 3)))
    naive = width(ev.bootstrap(n_boot=500))
    assert clustered > 1.4 * naive  # about sqrt(3) wider


def _toy(n_docs=40, seed=0):
    rng = np.random.default_rng(seed)
    words = {1: ["refugees", "hunger", "aid"], 0: ["meeting", "talks", "summit"]}
    rows = []
    for d in range(n_docs):
        for k in range(2):
            label = int(rng.random() < 0.5)
            rows.append({"doc_id": f"d{d}", "language": "en",
                         "text": " ".join(rng.choice(words[label], 3)) + " " + " ".join(rng.choice(words[1 - label], 1)),
                         "humanitarian": label})
    return pd.DataFrame(rows)


def test_select_classifier_names_the_best_macro_f1():
    data = _toy()
    best, table = select_classifier({"lexicon needs 3 hits": LexiconFrameClassifier("afghanistan", threshold=3),
                                     "supervised": SupervisedFrameClassifier("afghanistan", min_df=1)},
                                    data, data[["humanitarian"]], n_splits=4)
    macro = table[table.frame == "macro"].set_index("classifier")["f1"]
    assert best == macro.idxmax() == "supervised"


def test_learning_curve_draws_whole_documents_and_scores_held_out_passages():
    train, test = _toy(40, seed=1), _toy(20, seed=2)
    curve = learning_curve(SupervisedFrameClassifier("afghanistan", min_df=1), train, train[["humanitarian"]],
                           test, test[["humanitarian"]], sizes=[10, 40, 1000], n_repeats=2, random_state=0)
    assert set(curve["group"]) == {"all", "en"}
    small = curve[(curve["size"] == 10) & (curve["group"] == "all")]
    assert len(small) == 2 and (small["n_train"] >= 10).all() and (small["n_train"] % 2 == 0).all()  # whole documents
    full = curve[(curve["size"] == 1000) & (curve["group"] == "all")]
    assert len(full) == 1 and full["n_train"].iloc[0] == len(train)
    # the full-pool point is the plain fit scored with scikit-learn
    model = SupervisedFrameClassifier("afghanistan", min_df=1).fit(train, train[["humanitarian"]])
    expected = f1_score(test["humanitarian"], model.predict(test)["humanitarian"])
    assert full["macro_f1"].iloc[0] == pytest.approx(expected)
    with pytest.raises(ParameterError, match="`sizes` must be a non-empty list of positive integers"):
        learning_curve(SupervisedFrameClassifier("afghanistan"), train, train[["humanitarian"]], test,
                       test[["humanitarian"]], sizes=[0])


def test_evaluate_scores_a_fitted_classifier():
    data = _toy(10)
    clf = LexiconFrameClassifier("afghanistan").fit()
    ev = evaluate(clf, data, data[["humanitarian"]])
    pred = clf.predict(data)["humanitarian"]
    assert ev.scores.set_index("frame").loc["humanitarian", "f1"] == pytest.approx(f1_score(data["humanitarian"], pred))
    assert recall_score(data["humanitarian"], pred) == pytest.approx(ev.scores["recall"].iloc[0])
    with pytest.raises(DiscourseError, match="same index"):
        evaluate(clf, data.reset_index(drop=True).iloc[1:], data[["humanitarian"]])


def test_default_classifier_best_fits_the_kind_that_wins_on_the_training_passages():
    from discourse.framing import default_classifier
    from discourse.framing.model_selection import best_kind

    gold = _toy(30)
    kind, table = best_kind("afghanistan", gold=gold)
    macro = table[table.frame == "macro"].set_index("classifier")["f1"]
    assert kind == macro.idxmax()
    clf = default_classifier("afghanistan", kind="best", gold=gold)
    assert type(clf).__name__ == ("LexiconFrameClassifier" if kind == "lexicon" else "SupervisedFrameClassifier")
    with pytest.raises(DiscourseError, match="holds test-split passages"):
        best_kind("afghanistan", gold=gold.assign(split=["train"] * 59 + ["test"]))
