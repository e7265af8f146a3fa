"""The one place that turns a classifier's ``X`` into texts, languages and an index.

Both frame classifiers accept the same inputs — a passages DataFrame (``text``
and, unless the estimator's ``language`` is set, ``language``), a Series or a
list of strings (then ``language`` must be set) — and give the same errors.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from .._errors import DiscourseError
from ..schema import LANGUAGES


def passage_inputs(X: Any, *, language: str | None) -> tuple[list[str], list[str], pd.Index, str]:
    """Return ``(texts, languages, index, argument)`` for a classifier's ``X``.

    ``argument`` names where the languages came from (``"X['language']"`` or
    ``"language"``), for the caller's error message when one is not valid.
    Missing texts (None/NaN) become "".

    Raises
    ------
    TypeError
        For a single string, a non-iterable, or a text that is not a str.
    DiscourseError
        For a DataFrame without ``text``, or texts without any language.
    """
    if isinstance(X, str):
        raise TypeError("`X` must be an iterable of texts or a passages DataFrame, got a single string; wrap it in a list.")
    if isinstance(X, pd.DataFrame):
        if "text" not in X.columns:
            raise DiscourseError(f"`X` is missing the column 'text' (columns are: {', '.join(map(repr, X.columns))}).")
        texts, index = X["text"].tolist(), X.index
        if "language" in X.columns:
            langs, argument = X["language"].tolist(), "X['language']"
        elif language is not None:
            langs, argument = [language] * len(X), "language"
        else:
            raise DiscourseError(
                "`X` is missing the column 'language'; add it or set the estimator's `language` "
                f"parameter to one of: {', '.join(map(repr, LANGUAGES))}."
            )
    elif isinstance(X, Iterable):
        if isinstance(X, pd.Series):
            texts, index = X.tolist(), X.index
        else:
            texts = list(X)
            index = pd.RangeIndex(len(texts))
        if language is None:
            raise DiscourseError(
                "Invalid value None for `language`: `X` is a list of texts, so the estimator's `language` must be "
                f"set, to one of: {', '.join(map(repr, LANGUAGES))}; or pass a DataFrame with a 'language' column."
            )
        langs, argument = [language] * len(texts), "language"
    else:
        raise TypeError(f"`X` must be a list of texts, a Series or a DataFrame, got {type(X).__name__}.")
    clean = []
    for label, t in zip(index, texts):
        if isinstance(t, str):
            clean.append(t)
        elif t is None or (isinstance(t, float) and t != t):
            clean.append("")
        else:
            raise TypeError(f"`X` row {label!r}: text must be a str, got {type(t).__name__} ({t!r}).")
    return clean, langs, index, argument
