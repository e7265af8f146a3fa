"""One argument-check module: the same mistake gets the same exception class and wording everywhere."""
import numpy as np
import pandas as pd
import pytest

import discourse as dc
from discourse import plotting, prevalence
from discourse._errors import ParameterError, invalid_value_message
from discourse._validation import check_bool, check_int, check_option, check_probability, check_real

DOCS = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Kabul fell.", "Peace talks."], "language": "en",
                     "g": ["x", "y"]})  # synthetic


@pytest.mark.parametrize("call", [
    lambda: dc.kwic(DOCS, "kabul", window=2.5),
    lambda: dc.keyness(DOCS, by="g", permutations=2.5),
    lambda: dc.collocations(DOCS, "kabul", window=2.5),
    lambda: dc.passages(DOCS, min_chars=2.5),
    lambda: dc.DfmVectorizer(max_features=2.5).fit(DOCS),
    lambda: prevalence.frame_prevalence(DOCS.assign(f=1), frames=["f"], by="g", n_boot=2.5),
    lambda: plotting.plot_keyness_grid(pd.DataFrame({"feature": ["a"], "target": "x", "g2": [1.0], "p_adj": 0.1,
                                                     "log_ratio": 1.0}), top=2.5),
], ids=["kwic.window", "keyness.permutations", "collocations.window", "passages.min_chars",
        "DfmVectorizer.max_features", "frame_prevalence.n_boot", "plot_keyness_grid.top"])
def test_a_non_integer_count_is_the_same_error_everywhere(call):
    # Regression: window=2.5 was a TypeError, permutations=2.5 a ValueError.
    with pytest.raises(ParameterError, match=r"must be (a non-negative integer|an integer >= \d); got 2.5"):
        call()


def test_parameter_error_is_both_value_and_type_error():
    with pytest.raises(ValueError):
        check_int("n", "3")
    with pytest.raises(TypeError):
        check_int("n", "3")


def test_numpy_scalars_are_accepted_and_returned_as_python_values():
    assert check_int("n", np.int64(3), minimum=1) == 3 and type(check_int("n", np.int32(3))) is int
    assert check_real("x", np.float32(0.5)) == 0.5 and check_probability("ci", np.float64(0.9)) == 0.9
    assert check_bool("b", np.bool_(True)) is True
    assert dc.kwic(DOCS, "kabul", window=np.int64(1))["right"].tolist() == [" fell"]


@pytest.mark.parametrize("value", [True, 2.0, "2", None])
def test_booleans_floats_and_strings_are_not_integers(value):
    with pytest.raises(ParameterError, match=r"`n` must be an integer; got "):
        check_int("n", value)


def test_one_message_style():
    assert invalid_value_message("unit", "page", ["a", "b"]) == "`unit` must be one of: 'a', 'b'; got 'page'."
    assert invalid_value_message("k", np.int64(2), must="odd") == "`k` must be odd; got 2."
    with pytest.raises(ParameterError, match=r"^`unit` must be one of: 'a', 'b'; got True\.$"):
        check_option("unit", True, ["a", "b"])
    with pytest.raises(ParameterError, match=r"^`alpha` must be a number strictly between 0 and 1; got 1\.$"):
        check_probability("alpha", 1)
