"""Adjusted frame prevalence, checked on simulations with a known truth and on the real corpus.

The simulated passages are SYNTHETIC (drawn here, seeded); the identifiability
checks use the bundled corpus.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import discourse as dc
from discourse._errors import ParameterError
from discourse.adjusted_prevalence import IdentifiabilityError, adjusted_differences, adjusted_prevalence


def _expit(x):
    return 1 / (1 + np.exp(-x))


def _simulate(rng, *, tv_share, bloc_effect=0.0, doc_sd=0.0, n_docs=120, per_doc=3):
    """Two blocs; genre is a document variable; logit P = -1 + 1.5 tv + bloc_effect * B (+ a document effect)."""
    rows = []
    for bloc, share in zip("AB", tv_share):
        tv = rng.random(n_docs) < share
        u = rng.normal(0, doc_sd, n_docs) if doc_sd else np.zeros(n_docs)
        for k in range(n_docs):
            for _ in range(per_doc):
                rows.append((f"{bloc}{k}", bloc, "tv" if tv[k] else "tweet", u[k]))
    d = pd.DataFrame(rows, columns=["doc_id", "bloc", "genre", "u"])
    eta = -1 + 1.5 * (d["genre"] == "tv") + bloc_effect * (d["bloc"] == "B")
    d["frame"] = (rng.random(len(d)) < _expit(eta + d["u"])).astype(int)
    # the truth over the pooled mix: every passage read as A, then as B
    base = -1 + 1.5 * (d["genre"] == "tv")
    truth = float(_expit(base).mean() - _expit(base + bloc_effect).mean())   # A minus B
    return d, truth


def test_genre_alone_drives_the_frame_raw_differs_adjusted_covers_zero():
    rng = np.random.default_rng(20211)
    covered, raw_gaps = [], []
    for _ in range(200):
        d, _ = _simulate(rng, tv_share=(0.75, 0.25), doc_sd=0.8)
        r = adjusted_differences(d, ["frame"], covariates="genre").iloc[0]
        covered.append(r["ci_low"] <= 0 <= r["ci_high"])
        raw_gaps.append(d.loc[d.bloc == "A", "frame"].mean() - d.loc[d.bloc == "B", "frame"].mean())
    assert np.mean(raw_gaps) > 0.15                  # the raw shares differ by a lot
    assert 0.91 <= np.mean(covered) <= 0.99          # nominal 0.95; binomial sd over 200 runs ~0.015


def test_a_true_bloc_effect_with_equal_genre_mixes_is_recovered():
    rng = np.random.default_rng(20212)
    covered, errors = [], []
    for _ in range(200):
        d, truth = _simulate(rng, tv_share=(0.5, 0.5), bloc_effect=0.8)
        r = adjusted_differences(d, ["frame"], covariates="genre").iloc[0]
        covered.append(r["ci_low"] <= truth <= r["ci_high"])
        errors.append(r["difference"] - truth)
    assert abs(np.mean(errors)) < 0.01               # unbiased to within simulation error
    assert 0.91 <= np.mean(covered) <= 0.99


def test_without_covariates_the_adjusted_share_is_the_raw_share():
    rng = np.random.default_rng(3)
    d, _ = _simulate(rng, tv_share=(0.7, 0.2))
    t = adjusted_prevalence(d, ["frame"], covariates=[])
    raw = d.groupby("bloc")["frame"].mean()
    np.testing.assert_allclose(t["share_adjusted"], raw.loc[t["bloc"]].to_numpy(), atol=1e-8)
    np.testing.assert_allclose(t["share_raw"], raw.loc[t["bloc"]].to_numpy())
    assert ((t["ci_low"] < t["share_adjusted"]) & (t["share_adjusted"] < t["ci_high"])).all()


@pytest.fixture(scope="module")
def coded():
    # real passages with one 0/1 column: does the passage name the Taliban (en/ru/zh spellings)
    psg = dc.passages(dc.load_corpus(start="2021-08-01", end="2021-09-30"))
    psg["taliban"] = psg["text"].str.contains("Taliban|талиб|Талиб|塔利班", regex=True).astype(int)
    return psg


def test_a_group_confounded_with_a_covariate_is_named(coded):
    # every outlet belongs to one bloc: adjusting blocs for outlets is impossible
    us_cn = coded[coded["bloc"].isin(["US", "CN"])]
    with pytest.raises(IdentifiabilityError, match=r"bloc 'CN' occurs only with source \[.*\(no other group has"):
        adjusted_prevalence(us_cn, ["taliban"], covariates="source")
    # in Aug-Sep 2021 all TV news is Russian or Chinese and all Russian and Chinese items are TV news
    with pytest.raises(IdentifiabilityError, match=r"collinear: .*genre=tv_news \+ language=ru \+ language=zh"):
        adjusted_prevalence(coded, ["taliban"], covariates=["genre", "language"])


def test_within_english_ru_and_us_can_be_compared_adjusted_for_genre(coded):
    en = coded[(coded["language"] == "en") & coded["bloc"].isin(["RU", "US"])]
    shared = set(en.loc[en.bloc == "RU", "genre"]) & set(en.loc[en.bloc == "US", "genre"])
    en = en[en["genre"].isin(shared)]
    t = adjusted_prevalence(en, ["taliban"], covariates="genre")
    assert set(t["bloc"]) == {"RU", "US"} and t["share_adjusted"].between(0, 1).all()
    assert set(t.attrs["mix"]["genre"]) == shared
    diff = adjusted_differences(en, ["taliban"], covariates="genre")
    a = t.set_index("bloc")["share_adjusted"]
    assert diff["difference"].iloc[0] == pytest.approx(a[diff["group_a"].iloc[0]] - a[diff["group_b"].iloc[0]])


def test_bad_arguments(coded):
    with pytest.raises(ParameterError, match=r"cannot also be a covariate"):
        adjusted_prevalence(coded, ["taliban"], by="genre", covariates="genre")
    with pytest.raises(ParameterError, match=r"must hold 0/1"):
        adjusted_prevalence(coded.assign(taliban=2), ["taliban"], covariates=[])
    with pytest.raises(dc._errors.DiscourseError, match=r"one group only"):
        adjusted_prevalence(coded[coded.bloc == "US"], ["taliban"], covariates=[])
