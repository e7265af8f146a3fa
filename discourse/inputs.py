"""Input handling shared by every function: texts, languages, and one missing-data policy.

Everything that reads texts — :class:`~discourse.counting.DfmVectorizer`,
:func:`~discourse.concordance.kwic`, :func:`~discourse.collocations.collocations`,
the frame classifiers, :func:`~discourse.passages.passages` — accepts the same
inputs and follows the same rules:

Inputs
    A documents or passages table (text in ``text_column``, language in a
    ``language`` column), or one text / a list or Series of texts with
    ``language=``. Results keep the input's index.
Language
    A table's ``language`` column is used when it has one; ``language=``
    then must agree with every row (an error says which rows disagree).
    Without the column, ``language=`` applies to every text.
Missing text
    ``None``, NaN and empty or whitespace-only texts raise
    :class:`~discourse._errors.MissingDataError` naming the rows, unless the
    caller asks otherwise with ``missing=``: ``"drop"`` leaves the rows out,
    ``"empty"`` keeps them as empty texts (for results that must keep one
    row per input row). Either way a warning gives the count and the rows are
    listed in :attr:`TextInputs.missing`: nothing disappears silently.
    A value that is not a string (a dict, a list, a number) is always a
    ``TypeError`` naming the row.
Missing group labels
    The same policy holds for the columns a function groups by (keyness's
    ``by``, prevalence's ``by``): :func:`drop_missing_labels` raises naming
    the rows, or with ``missing="drop"`` leaves them out and reports them.
"""
from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ._errors import DiscourseError, MissingDataError, ParameterError, invalid_value_message
from ._validation import check_language, check_option
from .schema import LANGUAGES

__all__ = ["MISSING_POLICIES", "TextInputs", "describe_rows", "drop_missing_labels", "is_missing", "text_inputs"]

#: Values of ``missing=``: raise an error, drop the rows, or keep them as empty texts.
MISSING_POLICIES = ("raise", "drop", "empty")
_SHOWN_ROWS = 5


@dataclass
class TextInputs:
    """Texts ready for a computation, with where they came from.

    Attributes
    ----------
    texts : list of str
        One per kept row.
    languages : list of str
        The language of each text.
    index : pandas.Index
        The input's index labels of the kept rows.
    frame : DataFrame or None
        For table input: the kept rows of the table (all columns), else None.
    missing : list
        Index labels of rows whose text was missing or empty (dropped with
        ``missing="drop"``, emptied with ``missing="empty"``).
    """

    texts: list[str]
    languages: list[str]
    index: pd.Index
    frame: pd.DataFrame | None = None
    missing: list[Any] = field(default_factory=list)


def is_missing(value: Any) -> bool:
    """None, NaN, NaT or pd.NA (never a container, whose truth value is ambiguous)."""
    if value is None:
        return True
    if isinstance(value, (str, bytes, list, tuple, dict, set)) or hasattr(value, "__array__") and not hasattr(value, "dtype"):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def describe_rows(labels: Sequence[Any], frame: pd.DataFrame | None = None, *, limit: int = _SHOWN_ROWS) -> str:
    """``row 3 (doc_id 'b'), row 7 (doc_id 'x') and 2 more`` for messages."""
    parts = []
    for label in list(labels)[:limit]:
        part = f"row {label!r}"
        if frame is not None:
            for col in ("passage_id", "doc_id"):
                if col in frame.columns:
                    part += f" ({col} {frame.at[label, col]!r})" if frame.index.is_unique else ""
                    break
        parts.append(part)
    more = len(labels) - limit
    return ", ".join(parts) + (f" and {more} more" if more > 0 else "")


def text_inputs(
    data: Any,
    *,
    language: str | None = None,
    text_column: str = "text",
    language_column: str = "language",
    missing: str = "raise",
    allowed: Iterable[str] = MISSING_POLICIES,
    languages: Sequence[str] = LANGUAGES,
    argument: str = "data",
    single_text: bool = True,
) -> TextInputs:
    """Resolve a function's text input by the rules in the module docstring.

    Parameters
    ----------
    data : str, list of str, Series or DataFrame
        The input.
    language : str, optional
        Language of plain texts, or of a table without a language column.
    text_column, language_column : str
        Columns of a table.
    missing : {"raise", "drop", "empty"}
        What to do with missing or empty texts.
    allowed : iterable of str
        The ``missing`` policies the caller supports (an estimator whose
        output has one row per input row cannot drop).
    languages : sequence of str
        Supported language codes (a codebook may cover fewer).
    argument : str
        The caller's name for ``data``, used in messages (``"X"``).
    single_text : bool
        Whether one str is one text. Estimators set it False: a
        scikit-learn ``X`` is a collection, and a lone string is then a mistake.

    Returns
    -------
    TextInputs

    Raises
    ------
    ParameterError
        For a single string when ``single_text`` is False, an unsupported
        type, a missing column, a missing or invalid ``language``, or a
        ``missing`` policy the caller does not allow.
    MissingDataError
        For missing or empty texts or languages with ``missing="raise"``.
    TypeError
        For a text that is not a string.
    """
    check_option("missing", missing, tuple(allowed))
    if language is not None:
        check_language("language", language, languages)
    frame: pd.DataFrame | None = None
    if isinstance(data, pd.DataFrame):
        if text_column not in data.columns:
            raise ParameterError(
                f"`text_column` must name a column of `{argument}`; got {text_column!r} "
                f"(columns: {', '.join(map(repr, data.columns))})."
            )
        frame = data
        texts = data[text_column].tolist()
        index = data.index
        if language_column in data.columns:
            langs = data[language_column].tolist()
        elif language is not None:
            langs = [language] * len(data)
        else:
            raise ParameterError(
                f"`{argument}` has no {language_column!r} column (columns: {', '.join(map(repr, data.columns))}); "
                f"add one or pass `language=` (one of: {', '.join(map(repr, languages))})."
            )
    else:
        if isinstance(data, str):
            if not single_text:
                raise ParameterError(f"`{argument}` must be a collection of texts (a list, Series or DataFrame); "
                                     "got a single string: wrap it in a list.")
            texts, index = [data], pd.RangeIndex(1)
        elif isinstance(data, pd.Series):
            texts, index = data.tolist(), data.index
        elif isinstance(data, Iterable) and not isinstance(data, (bytes, dict)):
            texts = list(data)
            index = pd.RangeIndex(len(texts))
        else:
            raise ParameterError(
                f"`{argument}` must be a text, a list of texts, a Series or a DataFrame; got {type(data).__name__}."
            )
        if language is None:
            raise ParameterError(
                f"`language` is required when `{argument}` is a text or a list of texts; "
                f"must be one of: {', '.join(map(repr, languages))}."
            )
        langs = [language] * len(texts)

    labels = list(index)
    # Languages: missing ones are missing data, unknown ones a bad value.
    lang_missing = [lab for lab, lang in zip(labels, langs) if is_missing(lang)]
    if lang_missing:
        raise MissingDataError(
            f"`{argument}` has {len(lang_missing)} row(s) without a language in column {language_column!r}: "
            f"{describe_rows(lang_missing, frame)}. Fill them or pass the rows with a language."
        )
    for lab, lang in zip(labels, langs):
        if lang not in languages:
            where = f"{argument}[{language_column!r}]" if frame is not None else "language"
            raise ParameterError(invalid_value_message(where, lang, languages, hint=f"(row {lab!r})"))
    if language is not None and frame is not None and language_column in frame.columns:
        other = [lab for lab, lang in zip(labels, langs) if lang != language]
        if other:
            raise DiscourseError(
                f"`language`={language!r} disagrees with column {language_column!r} in "
                f"{describe_rows(other, frame)}; drop `language=` to use the column."
            )
    # Texts: wrong types first (always an error), then missing or empty ones.
    for lab, t in zip(labels, texts):
        if not isinstance(t, str) and not is_missing(t):
            raise TypeError(
                f"`{argument}` {describe_rows([lab], frame)}: text is not a string (got {type(t).__name__})."
            )
    empty = [k for k, t in enumerate(texts) if not isinstance(t, str) or not t.strip()]
    gone = [labels[k] for k in empty]
    if empty:
        if missing == "raise":
            options = " or ".join(f"missing={m!r}" for m in allowed if m != "raise")
            raise MissingDataError(
                f"`{argument}` has {len(empty)} row(s) with missing or empty text"
                + (f" in column {text_column!r}" if frame is not None else "")
                + f": {describe_rows(gone, frame)}. Fill or drop them"
                + (f", or pass {options} (the rows are then reported)." if options else ".")
            )
        action = "left out" if missing == "drop" else "kept as empty texts"
        warnings.warn(f"{len(empty)} row(s) of `{argument}` with missing or empty text were {action}: "
                      f"{describe_rows(gone, frame)}.", UserWarning, stacklevel=3)
        if missing == "drop":
            keep = [k for k in range(len(texts)) if k not in set(empty)]
            texts = [texts[k] for k in keep]
            langs = [langs[k] for k in keep]
            index = index[keep]
            if frame is not None:
                frame = frame.iloc[keep]
        else:
            texts = [t if isinstance(t, str) else "" for t in texts]
    return TextInputs(texts=list(texts), languages=list(langs), index=index, frame=frame, missing=gone)


def drop_missing_labels(data: pd.DataFrame, columns: Sequence[str], *, missing: str = "raise",
                        argument: str = "by") -> pd.DataFrame:
    """``data`` without rows whose grouping columns are missing: an error, or a reported drop.

    Parameters
    ----------
    data : DataFrame
        The rows (documents, passages or docvars).
    columns : sequence of str
        Grouping columns that must not be missing.
    missing : {"raise", "drop"}
        Raise naming the rows, or leave them out with a warning giving the count.
    argument : str
        The argument that named the columns, for the message.

    Returns
    -------
    DataFrame
        ``data`` itself when nothing is missing, else the kept rows, with
        ``attrs["dropped_missing_labels"]`` listing the index labels left out.

    Raises
    ------
    MissingDataError
        With ``missing="raise"``, naming the rows and the column.
    """
    check_option("missing", missing, ("raise", "drop"))
    absent = pd.Series(False, index=data.index)
    for col in columns:
        absent |= data[col].isna()
    if not absent.any():
        return data
    labels = list(data.index[absent.to_numpy()])
    col = next(c for c in columns if data.loc[absent, c].isna().any())
    if missing == "raise":
        raise MissingDataError(
            f"Column {col!r} (from `{argument}`) has {len(labels)} missing value(s): {describe_rows(labels, data)}; "
            f"a row without a group cannot be counted. Drop or fill them, or pass missing='drop' "
            f"(the rows are then reported)."
        )
    warnings.warn(f"{len(labels)} row(s) with a missing {col!r} (from `{argument}`) were left out: "
                  f"{describe_rows(labels, data)}.", UserWarning, stacklevel=3)
    out = data.loc[~absent]
    out.attrs = {**data.attrs, "dropped_missing_labels": labels}
    return out
