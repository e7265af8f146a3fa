"""The scikit-learn estimator contract for DfmVectorizer and the frame classifiers.

scikit-learn's ``parametrize_with_checks`` runs, for an estimator whose
input is text (``input_tags.two_d_array=False``), only the checks that do
not feed it numeric arrays. We run those, then the API checks that apply to
any estimator by name, then text-input versions of the data checks that the
numeric suite would otherwise perform (idempotent fit, pickling, fit returns
self, parameters left untouched, the not-fitted error).

Not applicable, and why: every check that fits on ``numpy`` float arrays
(``check_fit2d_*``, ``check_estimators_dtypes``, ``check_estimators_nan_inf``,
``check_estimator_sparse_*``, ``check_classifiers_*``, ``check_supervised_y_*``,
``check_n_features_in*``, ...): our ``X`` is text (passages with a language),
and the classifiers' ``y`` is a table of frame columns, not a label vector.
"""
from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.utils import estimator_checks as ec
from sklearn.utils.estimator_checks import parametrize_with_checks

from discourse import DfmVectorizer
from discourse.framing import LexiconFrameClassifier, SupervisedFrameClassifier

ESTIMATORS = [
    DfmVectorizer(language="en"),
    LexiconFrameClassifier("generic", language="en"),
    SupervisedFrameClassifier("generic", language="en", min_df=1),
]
API_CHECKS = ["check_estimator_repr", "check_no_attributes_set_in_init", "check_get_params_invariance",
              "check_set_params", "check_parameters_default_constructible", "check_do_not_raise_errors_in_init_or_set_params",
              "check_mixin_order", "check_estimator_tags_renamed", "check_valid_tag_types"]

# Synthetic passages and codes for the generic codebook.
TEXTS = ["Critics accused the minister of a costly deal.", "The families grieved for the victims.",
         "A moral duty to help, leaders said.", "Opponents clashed over the budget."] * 3
LABELS = pd.DataFrame({"conflict": [1, 0, 0, 1] * 3, "economic": [1, 0, 0, 1] * 3,
                       "human_interest": [0, 1, 0, 0] * 3, "morality": [0, 0, 1, 0] * 3,
                       "responsibility": [1, 0, 0, 0] * 3})


@parametrize_with_checks(ESTIMATORS)
def test_sklearn_checks_for_text_estimators(estimator, check):
    check(estimator)


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=lambda e: type(e).__name__)
@pytest.mark.parametrize("name", API_CHECKS)
def test_sklearn_api_checks(estimator, name):
    getattr(ec, name)(type(estimator).__name__, estimator)


def _fit(estimator):
    return estimator.fit(TEXTS) if isinstance(estimator, DfmVectorizer) else estimator.fit(TEXTS, LABELS)


def _output(estimator):
    if isinstance(estimator, DfmVectorizer):
        return estimator.transform(TEXTS).toarray()
    return estimator.predict(TEXTS).to_numpy()


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=lambda e: type(e).__name__)
def test_text_versions_of_the_data_checks(estimator):
    est = clone(estimator)
    with pytest.raises(NotFittedError, match="is not fitted yet"):
        _output(est)
    params = est.get_params()
    assert _fit(est) is est  # fit returns self
    assert est.get_params() == params  # fit does not change the parameters
    first = _output(est)
    _fit(est)
    np.testing.assert_array_equal(_output(est), first)  # fitting again changes nothing
    again = pickle.loads(pickle.dumps(est))
    np.testing.assert_array_equal(_output(again), first)  # a pickled estimator predicts the same
    assert not hasattr(clone(est), "frames_") and not hasattr(clone(est), "vocabulary_")  # clones are unfitted
