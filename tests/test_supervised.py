"""Tests for discourse.framing.supervised: the supervised frame classifier and default_classifier.

Texts built in this file are SYNTHETIC toy passages, not corpus documents.
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from scipy.stats import spearmanr
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.utils.validation import check_is_fitted

from discourse._errors import DiscourseError, ParameterError
from discourse.framing import (
    load_gold,
    LexiconFrameClassifier,
    SupervisedFrameClassifier,
    best_f1_threshold,
    default_classifier,
    load_codebook,
)

# --- synthetic, separable, multilingual toy set ------------------------------
# Two frames; each language has its own cue words for each frame, plus a
# neutral filler so that passages are not one-word.
_CUES = {
    "en": {"terrorism_security": ["bomb attack", "terrorist threat", "militants attack"],
           "humanitarian": ["refugees hunger", "food aid refugees", "hunger crisis aid"],
           None: ["the meeting took place", "officials met today", "a statement was issued"]},
    "ru": {"terrorism_security": ["теракт угроза", "террористы взрыв", "угроза теракт взрыв"],
           "humanitarian": ["беженцы голод", "помощь беженцы", "голод помощь"],
           None: ["встреча прошла", "заявление сделано", "официальные лица"]},
    "zh": {"terrorism_security": ["恐怖 袭击", "恐怖分子 爆炸", "袭击 爆炸"],
           "humanitarian": ["难民 饥饿", "人道 援助 难民", "饥饿 援助"],
           None: ["会议 举行", "官员 会见", "发表 声明"]},
}


def _toy(repeats: int = 3) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows, labels = [], []
    for lang, cues in _CUES.items():
        for frame, texts in cues.items():
            for r in range(repeats):
                for t in texts:
                    rows.append({"text": f"{t} {cues[None][r % 3]}", "language": lang})
                    labels.append({"terrorism_security": int(frame == "terrorism_security"),
                                   "humanitarian": int(frame == "humanitarian")})
    # A non-default index, to check that outputs keep it.
    index = pd.Index([f"p{i}" for i in range(len(rows))], name="passage_id")
    return pd.DataFrame(rows, index=index), pd.DataFrame(labels, index=index)


@pytest.fixture(scope="module")
def toy():
    return _toy()


@pytest.fixture(scope="module")
def fitted(toy):
    X, y = toy
    return SupervisedFrameClassifier("afghanistan", min_df=1).fit(X, y)


# --- learning ------------------------------------------------------------------
def test_learns_separable_multilingual_toy_set(fitted):
    new = pd.DataFrame(  # synthetic, unseen combinations
        {"text": ["terrorist bomb", "aid for refugees", "угроза взрыв", "беженцы помощь", "恐怖 爆炸", "难民 援助",
                  "officials met"],
         "language": ["en", "en", "ru", "ru", "zh", "zh", "en"]},
        index=[10, 11, 12, 13, 14, 15, 16],
    )
    pred = fitted.predict(new)
    assert list(pred.index) == [10, 11, 12, 13, 14, 15, 16]
    assert pred["terrorism_security"].tolist() == [1, 0, 1, 0, 1, 0, 0]
    assert pred["humanitarian"].tolist() == [0, 1, 0, 1, 0, 1, 0]


def test_probabilities_are_in_unit_interval_and_aligned(toy, fitted):
    X, _ = toy
    proba = fitted.predict_proba(X)
    assert proba.index.equals(X.index)
    assert list(proba.columns) == ["humanitarian", "terrorism_security"]  # codebook order
    values = proba.to_numpy()
    assert np.isfinite(values).all() and (values >= 0).all() and (values <= 1).all()
    # Decisions are the probabilities cut at the per-frame thresholds.
    pred = fitted.predict(X)
    assert (pred == (proba >= fitted.thresholds_).astype(int)).all().all()


def test_training_fit_recovers_labels(toy, fitted):
    X, y = toy
    pred = fitted.predict(X)
    assert f1_score(y[pred.columns], pred, average="micro") == 1.0


def test_calibration_recorded_and_oof_scores_from_the_same_folds(toy, fitted):
    X, y = toy
    assert fitted.calibrated_ == {"humanitarian": True, "terrorism_security": True}
    assert set(fitted.threshold_method_.values()) == {"f1"}
    # Independent out-of-fold decision scores with the folds the classifier
    # documents (stratified, shuffled, seeded); the calibrated out-of-fold
    # probabilities must be a monotone map of them.
    feats = fitted._features(fitted._documents(X), fit=False)  # the folds are under test, not the features
    yj = y["humanitarian"].to_numpy()
    lr = LogisticRegression(C=1.0, class_weight="balanced", solver="liblinear", random_state=0)
    scores = cross_val_predict(lr, feats, yj, cv=StratifiedKFold(3, shuffle=True, random_state=0),
                               method="decision_function")
    proba = fitted.oof_proba_["humanitarian"].to_numpy()
    # monotone non-decreasing in the scores (equal probabilities allowed: the
    # sigmoid saturates to the same float for very large scores) ...
    assert np.all(np.diff(proba[np.argsort(scores, kind="stable")]) >= 0)
    # ... and not a degenerate constant
    assert spearmanr(scores, proba).statistic > 0.99


def test_thresholds_maximise_f1_on_out_of_fold_probabilities(fitted, toy):
    _, y = toy
    for frame in fitted.frames_:
        p = fitted.oof_proba_[frame].to_numpy()
        best = max(f1_score(y[frame], (p >= c).astype(int)) for c in np.unique(p))
        got = f1_score(y[frame], (p >= fitted.thresholds_[frame]).astype(int))
        assert got == pytest.approx(best)


def test_few_positives_use_plain_probabilities_and_zero_positives_warn():
    # synthetic: "economic" has 2 positives (< cv=3 → not calibrated), one
    # frame has 1 positive (no out-of-fold estimate), one has none.
    X, y = _toy(repeats=1)
    y = y.copy()
    y["economic"] = 0
    y.iloc[[0, 1], y.columns.get_loc("economic")] = 1
    y["mission_accomplished"] = 0
    y.iloc[[2], y.columns.get_loc("mission_accomplished")] = 1
    y["abandonment"] = 0
    with pytest.warns(UserWarning, match="Frame 'abandonment' has no positive training examples"):
        clf = SupervisedFrameClassifier("afghanistan", min_df=1).fit(X, y)
    assert clf.calibrated_["economic"] is False
    assert clf.threshold_method_["economic"] == "f1"
    assert clf.threshold_method_["mission_accomplished"] == "default"
    assert clf.constant_frames_ == {"abandonment": 0}
    assert clf.predict(X)["abandonment"].eq(0).all()
    assert clf.predict_proba(X)["abandonment"].eq(0.0).all()
    assert clf.n_positive_["economic"] == 2


def test_fixed_threshold():
    X, y = _toy(repeats=1)
    clf = SupervisedFrameClassifier("afghanistan", min_df=1, threshold=0.3, calibrate=False).fit(X, y)
    assert clf.thresholds_.tolist() == [0.3, 0.3]
    assert set(clf.threshold_method_.values()) == {"fixed"}


def test_list_input_with_language_parameter():
    texts = ["bomb attack", "terrorist attack", "refugees hunger", "food aid refugees"] * 3  # synthetic
    y = pd.DataFrame({"terrorism_security": [1, 1, 0, 0] * 3})
    clf = SupervisedFrameClassifier("afghanistan", min_df=1, language="en").fit(texts, y)
    assert clf.predict(["an attack"])["terrorism_security"].tolist() == [1]


def test_top_features_is_tidy_and_finds_the_cues(fitted):
    top = fitted.top_features(3)
    assert list(top.columns) == ["frame", "rank", "feature", "coef"]
    hum = top[top["frame"] == "humanitarian"]
    assert hum["rank"].tolist() == [1, 2, 3]
    assert (hum["coef"].diff().dropna() <= 0).all()
    assert set(hum["feature"]) & {"refugees", "aid", "hunger", "беженцы", "помощь", "голод", "难民", "援助", "饥饿"}
    neg = fitted.top_features(2, direction="negative")
    assert (neg["coef"] < 0).all()


def test_clone_and_params_follow_sklearn_contract():
    clf = SupervisedFrameClassifier("afghanistan", C=2.0, cv=4)
    params = clone(clf).get_params()
    assert params["C"] == 2.0 and params["cv"] == 4 and params["threshold"] == "f1"
    assert not hasattr(clf, "frames_")


# --- best_f1_threshold -------------------------------------------------------------
def test_best_f1_threshold_hand_checked():
    # Cut-offs and F1 by hand (positives at 0.9 and 0.6):
    #   >=0.9: tp1 fp0 fn1 -> 2/3;  >=0.8: tp1 fp1 fn1 -> 1/2;
    #   >=0.6: tp2 fp1 fn0 -> 4/5;  >=0.3: tp2 fp2 -> 2/3;  >=0.2: 4/7.
    # Best is 0.6; the threshold is halfway to the next lower score, 0.3.
    t, f1 = best_f1_threshold([1, 0, 1, 0, 0], [0.9, 0.8, 0.6, 0.3, 0.2])
    assert t == pytest.approx(0.45)
    assert f1 == pytest.approx(0.8)


def test_best_f1_threshold_ties_and_lowest_cut():
    # Tied scores are cut together: {0.5, 0.5} is one candidate.
    t, f1 = best_f1_threshold([1, 0, 1], [0.5, 0.5, 0.1])
    # >=0.5: tp1 fp1 fn1 -> 1/2; >=0.1: tp2 fp1 -> 4/5 -> threshold is the lowest score.
    assert (t, f1) == (pytest.approx(0.1), pytest.approx(0.8))


def test_best_f1_threshold_matches_exhaustive_search():
    rng = np.random.default_rng(3)
    for _ in range(20):
        y = rng.integers(0, 2, 40)
        y[0] = 1
        p = np.round(rng.random(40), 2)  # rounding creates ties
        t, f1 = best_f1_threshold(y, p)
        best = max(f1_score(y, (p >= c).astype(int)) for c in np.unique(p))
        assert f1 == pytest.approx(best)
        assert f1_score(y, (p >= t).astype(int)) == pytest.approx(best)


@pytest.mark.parametrize(
    "y, p, match",
    [
        ([0, 0], [0.1, 0.2], "no positive label"),
        ([1, 0], [0.1], "equal length"),
        ([1, 2], [0.1, 0.2], "y_true"),
        ([1, 0], [0.1, np.nan], "no missing values"),
    ],
)
def test_best_f1_threshold_errors(y, p, match):
    with pytest.raises(DiscourseError, match=match):
        best_f1_threshold(y, p)


# --- errors ------------------------------------------------------------------------
def test_unfitted_predict_raises_sklearn_not_fitted(toy):
    X, _ = toy
    with pytest.raises(NotFittedError, match="This SupervisedFrameClassifier instance is not fitted yet"):
        SupervisedFrameClassifier("afghanistan").predict(X)
    with pytest.raises(NotFittedError, match="not fitted yet"):
        SupervisedFrameClassifier("afghanistan").top_features()


def test_y_with_unknown_frame_column_is_named(toy):
    X, y = toy
    bad = y.rename(columns={"humanitarian": "humanitarain"})
    with pytest.raises(DiscourseError, match=r"'humanitarain'.*valid frame ids: us_failure"):
        SupervisedFrameClassifier("afghanistan", min_df=1).fit(X, bad)


def test_y_errors(toy):
    X, y = toy
    with pytest.raises(TypeError, match="`y` must be a DataFrame"):
        SupervisedFrameClassifier("afghanistan", min_df=1).fit(X, y["humanitarian"].to_numpy())
    with pytest.raises(DiscourseError, match="no frame columns"):
        SupervisedFrameClassifier("afghanistan", min_df=1).fit(X, y.iloc[:, :0])
    with pytest.raises(DiscourseError, match="rows but `X` has"):
        SupervisedFrameClassifier("afghanistan", min_df=1).fit(X, y.iloc[:-1])
    two = y.copy()
    two.iloc[0, 0] = 2
    with pytest.raises(DiscourseError, match=r"row 'p0', frame 'terrorism_security': value 2; must be 0 or 1"):
        SupervisedFrameClassifier("afghanistan", min_df=1).fit(X, two)
    shifted = y.set_axis([f"q{i}" for i in range(len(y))])
    with pytest.raises(DiscourseError, match="index of `y` does not match"):
        SupervisedFrameClassifier("afghanistan", min_df=1).fit(X, shifted)


def test_x_without_language(toy):
    X, y = toy
    with pytest.raises(ParameterError, match="`X` has no 'language' column"):
        SupervisedFrameClassifier("afghanistan", min_df=1).fit(X.drop(columns="language"), y)
    with pytest.raises(ParameterError, match="`language` is required when `X` is a text or a list of texts"):
        SupervisedFrameClassifier("afghanistan", min_df=1).fit(X["text"].tolist(), y.reset_index(drop=True))


def test_x_errors(toy, fitted):
    X, y = toy
    with pytest.raises(ParameterError, match="got a single string"):
        fitted.predict("bomb attack")
    with pytest.raises(ParameterError, match="`text_column` must name a column of `X`; got 'text'"):
        fitted.predict(X.rename(columns={"text": "body"}))
    with pytest.raises(DiscourseError, match=r"`X\['language'\]` must .*got 'de'"):
        fitted.predict(X.assign(language="de"))
    with pytest.raises(TypeError, match=r"text is not a string \(got int\)"):
        fitted.predict(pd.DataFrame({"text": [3], "language": ["en"]}))
    with pytest.raises(TypeError, match="got int"):
        fitted.predict(5)


@pytest.mark.parametrize(
    "params, match",
    [
        ({"C": 0}, "`C` must .*got 0"),
        ({"cv": 1}, "`cv` must .*got 1"),
        ({"threshold": "youden"}, "`threshold` must be one of: 'f1'.*got 'youden'"),
        ({"threshold": 1.5}, "`threshold` must .*got 1.5"),
        ({"class_weight": "auto"}, "`class_weight` must .*got 'auto'"),
        ({"language": "fr"}, "`language` must .*got 'fr'"),
        ({"codebook": "nope"}, "nope"),
        ({"missing": "drop"}, "`missing` must be one of: 'raise', 'empty'; got 'drop'"),
    ],
)
def test_invalid_parameters(toy, params, match):
    X, y = toy
    with pytest.raises(DiscourseError, match=match):
        SupervisedFrameClassifier(**{"codebook": "afghanistan", "min_df": 1, **params}).fit(X, y)


def test_calibrate_must_be_bool(toy):
    X, y = toy
    with pytest.raises(TypeError, match="`calibrate` must be True or False"):
        SupervisedFrameClassifier("afghanistan", min_df=1, calibrate="yes").fit(X, y)


def test_top_features_errors(fitted):
    with pytest.raises(DiscourseError, match="`n` must .*got 0"):
        fitted.top_features(0)
    with pytest.raises(DiscourseError, match="`direction` must .*got 'up'"):
        fitted.top_features(direction="up")


# --- default_classifier on the real gold set -------------------------------------------
def test_default_classifier_trained_kinds_fit_on_the_training_split_of_the_gold_set():
    frames = load_codebook("afghanistan").frame_ids
    lex = default_classifier("afghanistan", kind="lexicon")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the gold set has positives for every frame
        sup = default_classifier("afghanistan", kind="supervised")
    assert isinstance(lex, LexiconFrameClassifier) and isinstance(sup, SupervisedFrameClassifier)
    check_is_fitted(lex)
    check_is_fitted(sup)
    assert sup.frames_ == frames and lex.frames_ == frames
    gold = load_gold("afghanistan", split="train")
    # trained on exactly the training split's labels: the test split is never seen
    assert sup.n_positive_.to_dict() == gold[frames].sum().to_dict()
    passage = pd.DataFrame({"text": ["Women and girls must keep their rights to education."],  # synthetic
                            "language": ["en"]})
    assert sup.predict(passage).loc[0, "human_rights"] == 1


def test_default_classifier_errors():
    with pytest.raises(DiscourseError, match="`kind` must be one of: 'lexicon', 'supervised'.*got 'svm'"):
        default_classifier("afghanistan", kind="svm")
    with pytest.raises(DiscourseError, match="Codebook 'generic' names no gold set"):
        default_classifier("generic", kind="supervised")


def test_lexicon_features_carry_a_frame_across_languages():
    # SYNTHETIC: trained on English only; tested on Russian, a language with no
    # token in common. Token features alone cannot transfer; the codebook's
    # lexicon columns (same in every language) can.
    train = pd.DataFrame({
        "text": ["refugees flee the city", "hungry displaced families", "humanitarian aid arrives",
                 "a terror attack at the gate", "terrorist bombing kills", "counterterrorism strike"] * 4,
        "language": "en",
    })
    y = pd.DataFrame({"humanitarian": [1, 1, 1, 0, 0, 0] * 4, "terrorism_security": [0, 0, 0, 1, 1, 1] * 4})
    test = pd.DataFrame({"text": ["беженцы покидают город", "теракт у ворот аэропорта"], "language": "ru"})
    hybrid = SupervisedFrameClassifier("afghanistan", min_df=1, lexicon_features=True, calibrate=False, threshold=0.5).fit(train, y)
    assert hybrid.predict(test)[["humanitarian", "terrorism_security"]].values.tolist() == [[1, 0], [0, 1]]
    assert {"lexicon:humanitarian", "lexicon:terrorism_security"} <= set(hybrid.feature_names_)
    assert hybrid.coef_.shape[1] == len(hybrid.feature_names_)
    plain = SupervisedFrameClassifier("afghanistan", min_df=1, calibrate=False, threshold=0.5).fit(train, y)
    proba = plain.predict_proba(test)
    # no Russian token was seen: both passages get the same (uninformed) probabilities
    assert proba.iloc[0].tolist() == pytest.approx(proba.iloc[1].tolist())


def test_lexicon_features_must_be_bool():
    X = pd.DataFrame({"text": ["a", "b"] * 3, "language": "en"})
    y = pd.DataFrame({"humanitarian": [0, 1] * 3})
    with pytest.raises(TypeError, match="`lexicon_features` must be True or False"):
        SupervisedFrameClassifier("afghanistan", lexicon_features="yes").fit(X, y)


# --- character n-grams, language features, per-language thresholds ---------------------
def _ru_inflections():
    # synthetic: the frame word appears in one inflection in training, another in the test
    train = pd.DataFrame({"text": ["Это провалом назвали", "Очередной провалом стал", "Встреча прошла",
                                   "Переговоры прошли", "Новым провалом обернулось", "Саммит состоялся"] * 2,
                          "language": "ru"})
    y = pd.DataFrame({"us_failure": [1, 1, 0, 0, 1, 0] * 2})
    test = pd.DataFrame({"text": ["итог провала", "итог саммита"], "language": "ru"})  # unseen word forms
    return train, y, test


def test_character_ngrams_carry_a_russian_stem_across_inflections():
    train, y, test = _ru_inflections()
    words = SupervisedFrameClassifier("afghanistan", min_df=1, char_ngrams=None, calibrate=False, threshold=0.5,
                                      language_features=False).fit(train, y)
    chars = SupervisedFrameClassifier("afghanistan", min_df=1, char_ngrams="auto", calibrate=False, threshold=0.5,
                                      language_features=False).fit(train, y)
    p_words = words.predict_proba(test)["us_failure"]
    p_chars = chars.predict_proba(test)["us_failure"]
    # with words only, "провала" is an unknown token: both test passages look alike
    assert abs(p_words.iloc[0] - p_words.iloc[1]) < 0.05
    assert p_chars.iloc[0] - p_chars.iloc[1] > 0.1
    assert set(chars.char_vectorizers_) == {"ru"}  # no zh passages: no zh block
    assert any(name.startswith("char[ru]:") for name in chars.feature_names_)


def test_language_features_add_an_indicator_and_per_language_lexicon_copies():
    X = pd.DataFrame({"text": ["refugees hunger", "talks held", "难民 饥荒", "会谈 举行"] * 3,  # synthetic
                      "language": ["en", "en", "zh", "zh"] * 3})
    y = pd.DataFrame({"humanitarian": [1, 0, 1, 0] * 3})
    clf = SupervisedFrameClassifier("afghanistan", min_df=1, lexicon_features=True).fit(X, y)
    names = list(clf.feature_names_)
    assert clf.feature_languages_ == ["en", "zh"]
    assert {"language:en", "language:zh", "lexicon:humanitarian", "lexicon[en]:humanitarian",
            "lexicon[zh]:humanitarian"} <= set(names)
    assert len(names) == clf.coef_.shape[1]
    plain = SupervisedFrameClassifier("afghanistan", min_df=1, lexicon_features=True, language_features=False).fit(X, y)
    assert not any(n.startswith("language:") or n.startswith("lexicon[") for n in plain.feature_names_)


def test_thresholds_by_language_where_a_language_has_enough_positives():
    rng = np.random.default_rng(0)
    n = 120
    lang = np.where(np.arange(n) < 80, "en", "zh")
    y = pd.DataFrame({"humanitarian": (rng.random(n) < 0.4).astype(int)})
    words = np.where(y["humanitarian"] == 1, "refugees", "talks")
    noise = np.where(rng.random(n) < 0.3, "refugees", "talks")
    X = pd.DataFrame({"text": [f"{w} {z}" for w, z in zip(words, noise)], "language": lang})  # synthetic
    clf = SupervisedFrameClassifier("afghanistan", min_df=1, threshold_by_language=True).fit(X, y)
    t = clf.language_thresholds_
    oof = clf.oof_proba_["humanitarian"].to_numpy()
    for g in ("en", "zh"):
        rows = lang == g
        if y["humanitarian"][rows].sum() >= 10:
            assert t.loc["humanitarian", g] == pytest.approx(best_f1_threshold(y["humanitarian"][rows], oof[rows])[0])
    assert t.loc["humanitarian", "ru"] == clf.thresholds_["humanitarian"]  # no ru passages: pooled
    pred = clf.predict(X)["humanitarian"].to_numpy()
    proba = clf.predict_proba(X)["humanitarian"].to_numpy()
    cut = np.array([t.loc["humanitarian", g] for g in lang])
    assert (pred == (proba >= cut)).all()


@pytest.mark.parametrize("value, message", [
    ("all", r"`char_ngrams` must be one of: 'auto'; got 'all'"),
    ((("zh", 3, 1),), r"`char_ngrams` must be 'auto', None or a tuple of \(language, min_n, max_n\)"),
    ((("fr", 1, 2),), r"`char_ngrams` must be one of: 'en', 'zh', 'ru'; got 'fr'"),
])
def test_char_ngrams_errors(value, message):
    X = pd.DataFrame({"text": ["a", "b"], "language": "en"})
    with pytest.raises(DiscourseError, match=message):
        SupervisedFrameClassifier("afghanistan", char_ngrams=value).fit(X, pd.DataFrame({"humanitarian": [1, 0]}))


def test_a_language_with_too_few_passages_gets_no_character_block():
    # Regression: one Russian passage and min_df=2 made the character vectorizer raise.
    X = pd.DataFrame({"text": ["refugees need aid", "talks held", "refugees fled", "talks again", "Беженцы"],
                      "language": ["en", "en", "en", "en", "ru"]})  # synthetic
    y = pd.DataFrame({"humanitarian": [1, 0, 1, 0, 1]})
    clf = SupervisedFrameClassifier("afghanistan", min_df=2, calibrate=False).fit(X, y)
    assert "ru" not in clf.char_vectorizers_
    assert clf.predict(X).shape == (5, 1)
