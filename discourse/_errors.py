"""Exceptions and the one helper that words every "invalid value" message.

Every user-facing error in ``discourse`` names the argument (or the file and
line) and the offending value, so a researcher can find the problem without
reading our code.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class DiscourseError(ValueError):
    """Base class for input errors raised by ``discourse`` (a ``ValueError``)."""


class CorpusValidationError(DiscourseError):
    """A document table does not satisfy the corpus schema.

    ``problems`` holds one dict per offending row (``file``, ``line``,
    ``column``, ``value``, ``reason``) so a caller can inspect all of them,
    not just the first.
    """

    def __init__(self, message: str, problems: list[dict[str, Any]] | None = None):
        super().__init__(message)
        self.problems = list(problems or [])


def invalid_value_message(
    argument: str, value: Any, valid: Iterable[Any] | None = None, *, hint: str = ""
) -> str:
    """Return the standard message for a bad argument value.

    Examples
    --------
    >>> invalid_value_message("unit", "page", ["document", "paragraph"])
    "Invalid value 'page' for `unit`; must be one of: 'document', 'paragraph'."
    """
    msg = f"Invalid value {value!r} for `{argument}`"
    if valid is not None:
        msg += "; must be one of: " + ", ".join(repr(v) for v in valid)
    msg += "."
    if hint:
        msg += " " + hint
    return msg


def check_option(argument: str, value: Any, valid: Iterable[Any]) -> Any:
    """Raise ``ValueError`` unless ``value`` is one of ``valid``; return it."""
    valid = list(valid)
    if value not in valid:
        raise DiscourseError(invalid_value_message(argument, value, valid))
    return value


def location(file: Any = None, line: Any = None) -> str:
    """Format ``file:line`` for messages, tolerating missing parts."""
    if file is None and line is None:
        return "<input>"
    if line is None:
        return str(file)
    return f"{file if file is not None else '<input>'}:{line}"
