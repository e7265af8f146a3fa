"""Correction of frame shares for classifier error with rates per language (prevalence.ValidationErrors).

Checked against simulations with a known truth: passages with a true frame
label are "classified" with known, language-specific error rates; the
corrected share must recover the true share, and its interval must cover it
about as often as it claims, because it resamples the validation passages too.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from discourse._errors import DiscourseError, ParameterError
from discourse.prevalence import ValidationErrors, frame_prevalence, rogan_gladen

RATES = {"en": (0.9, 0.95), "zh": (0.6, 0.8)}  # (sensitivity, specificity): the classifier is worse in zh


def _classify(truth: np.ndarray, language: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    sens = np.array([RATES[lang][0] for lang in language])
    spec = np.array([RATES[lang][1] for lang in language])
    u = rng.random(len(truth))
    return np.where(truth == 1, u < sens, u >= spec).astype(int)


def _world(rng, *, n_docs=400, per_doc=3, share_en=0.3, share_zh=0.5, zh_fraction=0.5):
    """Synthetic passages of one group ("bloc A"): documents in en or zh, each passage truly framed or not."""
    language = np.where(rng.random(n_docs) < zh_fraction, "zh", "en")
    doc = np.repeat([f"d{i}" for i in range(n_docs)], per_doc)
    lang = np.repeat(language, per_doc)
    truth = (rng.random(len(doc)) < np.where(lang == "zh", share_zh, share_en)).astype(int)
    coded = pd.DataFrame({"doc_id": doc, "bloc": "A", "language": lang, "aid": _classify(truth, lang, rng)})
    return coded, truth


def _validation(rng, n=300):
    lang = np.where(rng.random(n) < 0.5, "zh", "en")
    truth = (rng.random(n) < 0.4).astype(int)
    return ValidationErrors(pd.DataFrame({"aid": truth}), pd.DataFrame({"aid": _classify(truth, lang, rng)}),
                            strata=lang, units=[f"v{i // 2}" for i in range(n)])


def test_per_language_correction_recovers_the_true_share_where_pooled_rates_do_not():
    rng = np.random.default_rng(1)
    # the corpus is mostly Chinese, the validation sample half and half
    coded, truth = _world(rng, n_docs=4000, zh_fraction=0.8)
    validation = _validation(rng, n=40_000)  # rates known almost exactly
    true_share = truth.mean()
    by_lang = frame_prevalence(coded, frames=["aid"], by="bloc", n_boot=0, correction=validation,
                               correct_by="language")
    assert by_lang["share_corrected"].iloc[0] == pytest.approx(true_share, abs=0.02)
    # the same by hand: Rogan-Gladen per language with the validation rates, weighted by passages
    rates = validation.rates().set_index("stratum")
    by_hand = 0.0
    for lang, part in coded.groupby("language"):
        p = part["aid"].mean()
        by_hand += len(part) / len(coded) * float(rogan_gladen(p, sensitivity=rates.loc[lang, "sensitivity"],
                                                                specificity=rates.loc[lang, "specificity"]))
    assert by_lang["share_corrected"].iloc[0] == pytest.approx(by_hand, abs=1e-12)
    # pooled rates are biased here: the languages differ in both error and prevalence
    pooled = frame_prevalence(coded, frames=["aid"], by="bloc", n_boot=0, correction=validation)
    assert abs(pooled["share_corrected"].iloc[0] - true_share) > 0.03


def test_corrected_intervals_cover_the_truth_about_as_often_as_they_claim():
    # Small validation sample: intervals that treat its rates as known would
    # be too narrow; resampling it with the documents keeps coverage near 90%.
    rng = np.random.default_rng(7)
    hits, hits_fixed, reps = 0, 0, 60
    for _ in range(reps):
        coded, truth = _world(rng, n_docs=150)
        validation = _validation(rng, n=120)
        share = frame_prevalence(coded, frames=["aid"], by="bloc", n_boot=300, ci=0.9, random_state=int(rng.integers(1e9)),
                                 correction=validation, correct_by="language")
        hits += share["ci_low_corrected"].iloc[0] <= truth.mean() <= share["ci_high_corrected"].iloc[0]
    assert hits / reps >= 0.8


def test_rates_from_few_positives_are_flagged_and_missing_strata_fall_back_to_pooled():
    rng = np.random.default_rng(3)
    coded, _ = _world(rng, n_docs=60)
    coded.loc[coded.index[:6], "language"] = "ru"  # two documents in a language the validation lacks
    validation = _validation(rng, n=60)
    with pytest.warns(UserWarning) as record:
        share = frame_prevalence(coded, frames=["aid"], by="bloc", n_boot=50, correction=validation,
                                 correct_by="language")
    messages = " ".join(str(w.message) for w in record)
    assert "fewer than 20 validation positives" in messages and "aid (ru: 0)" in messages
    assert "'ru': no validation passages, pooled rates used" in messages
    assert share.attrs["correction"]["correct_by"] == "language"
    assert np.isfinite(share["share_corrected"]).all()


def test_argument_errors():
    rng = np.random.default_rng(0)
    coded, _ = _world(rng, n_docs=20)
    validation = _validation(rng, n=200)
    with pytest.raises(ParameterError, match="`correct_by` needs `correction` to be a ValidationErrors"):
        frame_prevalence(coded, frames=["aid"], by="bloc", correct_by="language", n_boot=0)
    with pytest.raises(ParameterError, match="corrects passage shares"):
        frame_prevalence(coded, frames=["aid"], by="bloc", unit="document", correction=validation, n_boot=0)
    with pytest.raises(ParameterError, match="`correct_by` must name a column"):
        frame_prevalence(coded, frames=["aid"], by="bloc", correction=validation, correct_by="lang", n_boot=0)
    mixed = coded.copy()
    mixed.loc[mixed.index[1], "language"] = "zh" if mixed.loc[mixed.index[0], "language"] == "en" else "en"
    with pytest.raises(DiscourseError, match="Document 'd0' has passages in several `correct_by`"):
        frame_prevalence(mixed, frames=["aid"], by="bloc", correction=validation, correct_by="language", n_boot=0)
    with pytest.raises(ParameterError, match=r"`labels\['aid'\]` must be one of: 0, 1; got 2"):
        ValidationErrors(pd.DataFrame({"aid": [2]}), pd.DataFrame({"aid": [1]}))


def test_a_stratum_where_the_classifier_is_at_chance_gives_nan_for_the_groups_in_it_and_says_so():
    # synthetic: in "ru" the classifier never finds the frame (sensitivity 0)
    truth = np.array([1, 1, 0, 0] * 10 + [1, 0] * 10)
    pred = np.array([1, 1, 0, 0] * 10 + [0, 0] * 10)
    lang = ["en"] * 40 + ["ru"] * 20
    validation = ValidationErrors(pd.DataFrame({"aid": truth}), pd.DataFrame({"aid": pred}), strata=lang)
    coded = pd.DataFrame({"doc_id": ["a1", "a2", "b1", "b2"], "bloc": ["A", "A", "B", "B"],
                          "language": ["en", "en", "en", "ru"], "aid": [1, 0, 1, 0]})
    with pytest.warns(UserWarning, match=r"Cannot correct 'aid' in 'ru' \(sensitivity 0 \+ specificity 1 - 1 <= 0\)"):
        share = frame_prevalence(coded, frames=["aid"], by="bloc", n_boot=20, correction=validation,
                                 correct_by="language").set_index("bloc")
    assert share.attrs["correction"]["uncorrectable"] == [{"stratum": "ru", "frame": "aid"}]
    # bloc A is all English, where the rates are perfect: corrected = observed
    assert share.loc["A", "share_corrected"] == pytest.approx(0.5)
    assert share.loc["B", ["share_corrected", "ci_low_corrected", "ci_high_corrected"]].isna().all()
    assert share.loc["B", "share"] == 0.5   # the observed share is still reported


def test_at_chance_in_the_point_estimate_means_no_interval_even_if_some_replicates_are_not():
    # synthetic: in "ru" sensitivity = specificity = 0.5 exactly, so Youden's J = 0 at the point estimate,
    # while resampled validation passages give J above and below 0
    truth = np.array([1, 1, 0, 0] * 10 + [1, 1, 0, 0] * 10)
    pred = np.array([1, 1, 0, 0] * 10 + [1, 0, 1, 0] * 10)
    lang = ["en"] * 40 + ["ru"] * 40
    validation = ValidationErrors(pd.DataFrame({"aid": truth}), pd.DataFrame({"aid": pred}), strata=lang)
    coded = pd.DataFrame({"doc_id": [f"d{i}" for i in range(8)], "bloc": "B", "language": ["ru"] * 8,
                          "aid": [1, 0, 1, 0, 1, 1, 0, 0]})
    with pytest.warns(UserWarning, match="Cannot correct 'aid' in 'ru'"):
        share = frame_prevalence(coded, frames=["aid"], by="bloc", n_boot=200, correction=validation,
                                 correct_by="language")
    assert share[["share_corrected", "ci_low_corrected", "ci_high_corrected"]].isna().all(axis=None)
    assert share.attrs["correction"]["replicates_with_undefined_rates"] == 0
