"""Argument checks: one home for every check that several modules need.

Each check returns the value in its canonical Python type (numpy integers
become ``int``, numpy booleans ``bool``) or raises
:class:`~discourse._errors.ParameterError` with the standard message, so the
same mistake gets the same exception class and the same wording in every
function::

    >>> check_int("window", 2.5, minimum=0)
    Traceback (most recent call last):
    ...
    discourse._errors.ParameterError: `window` must be a non-negative integer; got 2.5.
"""
from __future__ import annotations

import numbers
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._errors import ParameterError, invalid_value_message


def check_option(name: str, value: Any, valid: Iterable[Any]) -> Any:
    """Return ``value`` if it is one of ``valid``, else raise naming the valid values.

    Examples
    --------
    >>> check_option("unit", "paragraph", ("document", "paragraph"))
    'paragraph'
    """
    valid = list(valid)
    try:
        ok = value in valid
    except TypeError:  # an unhashable or uncomparable value is simply not valid
        ok = False
    if not ok or isinstance(value, bool) and not any(v is value for v in valid):
        raise ParameterError(invalid_value_message(name, value, valid))
    return value


def _is_integer(value: Any) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_))


def check_int(name: str, value: Any, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """Return ``value`` as an ``int`` if it is an integer (numpy ones included) within the bounds.

    Booleans and floats (even ``2.0``) are refused: a float where a count is
    expected is almost always a mistake worth hearing about.

    Examples
    --------
    >>> check_int("n", np.int64(3), minimum=1)
    3
    """
    if not _is_integer(value) or (minimum is not None and value < minimum) or (
        maximum is not None and value > maximum
    ):
        if minimum is not None and maximum is not None:
            what = f"an integer between {minimum} and {maximum}"
        elif minimum is not None:
            what = "a non-negative integer" if minimum == 0 else f"an integer >= {minimum}"
        elif maximum is not None:
            what = f"an integer <= {maximum}"
        else:
            what = "an integer"
        raise ParameterError(invalid_value_message(name, value, must=what))
    return int(value)


def check_real(
    name: str,
    value: Any,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    open_minimum: bool = False,
    open_maximum: bool = False,
) -> float:
    """Return ``value`` as a ``float`` if it is a real number (not a bool or NaN) within the bounds.

    Examples
    --------
    >>> check_real("prior_scale", 2, minimum=0, open_minimum=True)
    2.0
    """
    ok = isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_)) and not np.isnan(value)
    if ok and minimum is not None:
        ok = value > minimum if open_minimum else value >= minimum
    if ok and maximum is not None:
        ok = value < maximum if open_maximum else value <= maximum
    if not ok:
        parts = []
        if minimum is not None:
            parts.append(f"{'>' if open_minimum else '>='} {minimum:g}")
        if maximum is not None:
            parts.append(f"{'<' if open_maximum else '<='} {maximum:g}")
        what = "a number" + (" " + " and ".join(parts) if parts else "")
        raise ParameterError(invalid_value_message(name, value, must=what))
    return float(value)


def check_probability(name: str, value: Any) -> float:
    """Return ``value`` as a float if it lies strictly between 0 and 1.

    Examples
    --------
    >>> check_probability("ci", 0.95)
    0.95
    """
    try:
        return check_real(name, value, minimum=0, maximum=1, open_minimum=True, open_maximum=True)
    except ParameterError:
        raise ParameterError(invalid_value_message(name, value, must="a number strictly between 0 and 1")) from None


def check_bool(name: str, value: Any) -> bool:
    """Return ``value`` as a ``bool`` if it is ``True`` or ``False`` (numpy booleans included)."""
    if not isinstance(value, (bool, np.bool_)):
        raise ParameterError(invalid_value_message(name, value, must="True or False"))
    return bool(value)


def check_n_jobs(value: Any) -> int:
    """Return a worker count: a positive integer, or -1 for every core."""
    if _is_integer(value) and (value >= 1 or value == -1):
        return int(value)
    raise ParameterError(invalid_value_message("n_jobs", value, must="a positive integer, or -1 for all cores"))


def check_language(name: str, value: Any, valid: Sequence[str] | None = None) -> str:
    """Return ``value`` if it is a supported language code (default :data:`discourse.schema.LANGUAGES`)."""
    if valid is None:
        from .schema import LANGUAGES  # the schema owns the language codes

        valid = LANGUAGES
    return check_option(name, value, valid)


def check_palette(value: Any) -> Mapping[Any, Any] | None:
    """None or a mapping of group label to colour (the ``palette=`` of every figure and page)."""
    if value is not None and not isinstance(value, Mapping):
        raise ParameterError(invalid_value_message("palette", value, must="None or a mapping of label to colour"))
    return value


def check_dataframe(name: str, value: Any, *, what: str = "a pandas DataFrame") -> pd.DataFrame:
    """Return ``value`` if it is a DataFrame, else raise naming its type."""
    if not isinstance(value, pd.DataFrame):
        raise ParameterError(f"`{name}` must be {what}; got {type(value).__name__}.")
    return value


def require_columns(data: pd.DataFrame, columns: Iterable[str], *, argument: str = "data",
                    role: str | None = None) -> None:
    """Raise naming the first of ``columns`` that ``data`` lacks, and the columns it has.

    ``role`` names the argument that asked for the column (``by``, ``frames``);
    without it the message speaks of ``data`` itself.
    """
    check_dataframe(argument, data)
    for col in columns:
        if col not in data.columns:
            who = f"`{role}`" if role else "a required column"
            raise ParameterError(
                f"{who} must name a column of `{argument}`; got {col!r} "
                f"(columns: {', '.join(map(repr, data.columns))})."
            )


def column_list(data: pd.DataFrame, argument: str, value: Any) -> list[str]:
    """``value`` (one column name or a non-empty list of them) as a list of existing, distinct columns."""
    if isinstance(value, str):
        columns = [value]
    elif isinstance(value, (list, tuple)) and value and all(isinstance(v, str) for v in value):
        columns = list(value)
    else:
        raise ParameterError(invalid_value_message(argument, value, must="a column name or a non-empty list of column names"))
    require_columns(data, columns, role=argument)
    if len(set(columns)) != len(columns):
        raise ParameterError(invalid_value_message(argument, value, must="a list of distinct column names"))
    return columns


def seed_sequence(random_state: Any) -> np.random.SeedSequence:
    """A :class:`numpy.random.SeedSequence` from None, an int, a SeedSequence or a Generator."""
    if random_state is None or _is_integer(random_state):
        return np.random.SeedSequence(None if random_state is None else int(random_state))
    if isinstance(random_state, np.random.SeedSequence):
        return random_state
    if isinstance(random_state, np.random.Generator):
        return np.random.SeedSequence(int(random_state.integers(2**63)))
    raise ParameterError(invalid_value_message("random_state", random_state,
                                               must="None, an integer or a numpy.random.Generator"))


def random_state_repr(random_state: Any) -> Any:
    """What a table's ``attrs`` record of a seed: the int itself, else its repr."""
    if random_state is None or _is_integer(random_state):
        return None if random_state is None else int(random_state)
    return repr(random_state)


def python_scalar(value: Any) -> Any:
    """A numpy scalar as the Python value, so messages and tables read ``2``, not ``np.int64(2)``."""
    return value.item() if isinstance(value, np.generic) else value
