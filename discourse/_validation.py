"""Argument checks shared by the statistics modules, each raising the standard message.

One place for the checks that several modules need (counts, probabilities,
random states, numpy scalars in messages), so every module words its errors
the same way through :func:`discourse._errors.invalid_value_message`.
"""
from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from ._errors import DiscourseError, invalid_value_message


def check_probability(name: str, value: Any) -> float:
    """Return ``value`` if it is a number strictly between 0 and 1, else raise naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 < value < 1:
        raise DiscourseError(invalid_value_message(name, value, hint="It must be a number strictly between 0 and 1."))
    return float(value)


def check_count(name: str, value: Any, minimum: int) -> int:
    """Return ``value`` as an int if it is an integer >= ``minimum`` (bools are refused)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        kind = "a non-negative integer" if minimum == 0 else f"an integer >= {minimum}"
        raise DiscourseError(invalid_value_message(name, value, hint=f"It must be {kind}."))
    return int(value)


def seed_sequence(random_state: Any) -> np.random.SeedSequence:
    """A :class:`numpy.random.SeedSequence` from None, an int, a SeedSequence or a Generator."""
    if random_state is None or isinstance(random_state, numbers.Integral) and not isinstance(random_state, bool):
        return np.random.SeedSequence(random_state)
    if isinstance(random_state, np.random.SeedSequence):
        return random_state
    if isinstance(random_state, np.random.Generator):
        return np.random.SeedSequence(int(random_state.integers(2**63)))
    raise DiscourseError(
        invalid_value_message("random_state", random_state, hint="Use None, an int or a numpy.random.Generator.")
    )


def python_scalar(value: Any) -> Any:
    """A numpy scalar as the Python value, so messages and tables read ``2``, not ``np.int64(2)``."""
    return value.item() if isinstance(value, np.generic) else value
