"""Exceptions and the one helper that words every "invalid value" message.

Every user-facing error in ``discourse`` names the argument (or the file and
line) and the offending value, so a researcher can find the problem without
reading our code. Argument messages share one style::

    `window` must be an integer >= 0; got 2.5.
    `unit` must be one of: 'document', 'paragraph', 'sentence'; got 'page'.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np


class DiscourseError(ValueError):
    """Base class for input errors raised by ``discourse`` (a ``ValueError``)."""


class ParameterError(DiscourseError, TypeError):
    """An argument has a value or type the function cannot use.

    It is both a ``ValueError`` and a ``TypeError`` (as scikit-learn's
    ``InvalidParameterError`` is), so ``window=2.5`` and ``unit="page"`` raise
    the same class, and code that catches either built-in keeps working.
    """


class MissingDataError(DiscourseError):
    """Rows lack a value the computation needs (a text, a group label, a language).

    The message names the rows; the ``missing=`` option of the function that
    raised it says how to drop them (and have them reported) instead.
    """


class CorpusValidationError(DiscourseError):
    """A document table does not satisfy the corpus schema.

    ``problems`` holds one dict per offending row (``file``, ``line``,
    ``column``, ``value``, ``reason``) so a caller can inspect all of them,
    not just the first.
    """

    def __init__(self, message: str, problems: list[dict[str, Any]] | None = None):
        super().__init__(message)
        self.problems = list(problems or [])


def _shown(value: Any) -> str:
    """``repr`` of a value as a reader would type it (``2``, not ``np.int64(2)``)."""
    if isinstance(value, np.generic):
        value = value.item()
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."


def invalid_value_message(
    argument: str,
    value: Any,
    valid: Iterable[Any] | None = None,
    *,
    must: str | None = None,
    hint: str = "",
) -> str:
    """Return the standard message for a bad argument value.

    Parameters
    ----------
    argument : str
        The argument's name as the caller wrote it (``"window"``, ``"X['language']"``).
    value : object
        The offending value.
    valid : iterable, optional
        The closed set of valid values, listed in the message.
    must : str, optional
        What the value must be, when it is not a closed set ("an integer >= 0").
    hint : str
        A sentence appended after the message.

    Examples
    --------
    >>> invalid_value_message("unit", "page", ["document", "paragraph"])
    "`unit` must be one of: 'document', 'paragraph'; got 'page'."
    >>> invalid_value_message("window", 2.5, must="an integer >= 0")
    '`window` must be an integer >= 0; got 2.5.'
    """
    if valid is not None:
        what = "one of: " + ", ".join(_shown(v) for v in valid)
    else:
        what = must or "a valid value"
    msg = f"`{argument}` must be {what}; got {_shown(value)}."
    if hint:
        msg += " " + hint
    return msg


def location(file: Any = None, line: Any = None) -> str:
    """Format ``file:line`` for messages, tolerating missing parts.

    Examples
    --------
    >>> location("docs.csv", 17), location("docs.csv"), location()
    ('docs.csv:17', 'docs.csv', '<input>')
    """
    if file is None and line is None:
        return "<input>"
    if line is None:
        return str(file)
    return f"{file if file is not None else '<input>'}:{line}"
