"""The one corpus table: its columns, closed vocabularies and validation.

Every loader in :mod:`discourse.loading` returns a DataFrame whose first
columns are exactly :data:`SCHEMA_COLUMNS`, validated by
:func:`validate_documents`; any other column of the input (``outlet_type``,
``author_gender``, a study's ``bloc`` ...) follows unchanged, as a document
variable. A bad row is either an error that names its file, line and value,
or (when the caller asks for ``errors="skip"``) a row in the report attached
to the result; it is never dropped silently: rows in = rows out + rows
reported.

=================  ==========================================================
column             meaning
=================  ==========================================================
``doc_id``         unique identifier (str)
``country``        ISO 3166-1 alpha-3 code of the state the text speaks for or
                   the outlet's home country (USA, CHN, RUS, PAK, ...)
``source``         outlet or institution ("The White House", "CCTV Xinwen Lianbo")
``speaker``        person or account when known, else ""
``genre``          one of :data:`GENRES` for the bundled corpus (free for own data)
``date``           ``datetime64``; the first day of the year for year-only dates
``date_precision`` ``day``, ``month``, ``year`` or ``unknown``
``language``       one of :data:`LANGUAGES`
``title``          headline or title, "" when the unit has none (tweets)
``text``           the document text, never empty
``url``            original URL when known, else ""
``provenance``     staged dataset, file and line, and the original path or id
``rights``         licence or rights as stated by the source
``sample``         why the document is in the corpus: ``topic`` (selected by a
                   topic keyword filter), ``background`` (unfiltered
                   comparison sample), ``seed``, or "" when not recorded
=================  ==========================================================
"""
from __future__ import annotations

import re
import warnings
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ._errors import CorpusValidationError, _shown, location
from ._validation import check_dataframe, check_option

SCHEMA_COLUMNS: list[str] = [
    "doc_id", "country", "source", "speaker", "genre", "date", "date_precision",
    "language", "title", "text", "url", "provenance", "rights", "sample",
]
REQUIRED_COLUMNS: list[str] = ["doc_id", "text", "language"]
#: The languages the toolkit tokenizes, segments and codes (ISO 639-1), in the
#: one order used everywhere (messages, tables, codebooks).
LANGUAGES: tuple[str, ...] = ("en", "zh", "ru")
DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "year", "unknown")
SAMPLES: tuple[str, ...] = ("topic", "background", "seed", "")
GENRES: tuple[str, ...] = (
    "official_remarks", "press_briefing", "official_statement", "speech", "un_speech", "tweet",
    "telegram_post", "tv_news", "news_headline", "news_lead", "opinion", "magazine_article",
)

# ISO 3166-1 alpha-3, plus "EU": the European Union speaks in the UN General
# Debate, has no alpha-3 code, and UNGDC files its speech under "EU".
_COUNTRY_RE = re.compile(r"^(?:[A-Z]{3}|EU)$")
_DATE_PATTERNS = [
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "day", "%Y-%m-%d"),
    (re.compile(r"^\d{4}-\d{2}$"), "month", "%Y-%m"),
    (re.compile(r"^\d{4}$"), "year", "%Y"),
]


def parse_date(value: Any) -> tuple[pd.Timestamp | None, str]:
    """Parse a date given as ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or a timestamp.

    A full timestamp ("2021-08-24T23:39:01Z") is dated by the calendar day
    written in it, i.e. in the time zone the source recorded (UTC for the
    tweets in the bundled corpus); no time-zone conversion is made.

    Returns
    -------
    (Timestamp or None, precision)
        ``(None, "unknown")`` for an empty value.

    Raises
    ------
    ValueError
        If the value is not empty and cannot be parsed.

    Examples
    --------
    >>> parse_date("2021-08-15")
    (Timestamp('2021-08-15 00:00:00'), 'day')
    >>> parse_date("2021")
    (Timestamp('2021-01-01 00:00:00'), 'year')
    """
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None, "unknown"
    if isinstance(value, (pd.Timestamp,)) or hasattr(value, "year") and not isinstance(value, str):
        return pd.Timestamp(value).normalize(), "day"
    s = str(value).strip()
    if not s:
        return None, "unknown"
    # Full timestamps ("2021-08-24T09:39:01Z") keep day precision.
    head = s[:10] if re.match(r"^\d{4}-\d{2}-\d{2}[T ]", s) else s
    for rx, precision, fmt in _DATE_PATTERNS:
        if rx.match(head):
            try:
                return pd.Timestamp(datetime.strptime(head, fmt)), precision
            except (ValueError, OverflowError) as exc:
                raise ValueError(f"unparseable date {value!r}") from exc
    raise ValueError(f"unparseable date {value!r} (expected YYYY-MM-DD, YYYY-MM or YYYY)")


def _is_missing(value: Any) -> bool:
    """None, NaN, NaT or pd.NA (and never a container, whose truth value is ambiguous)."""
    if value is None:
        return True
    if isinstance(value, (str, bytes, list, tuple, dict, set, np.ndarray)):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


#: Common spellings of the schema's language codes (after lower-casing and dropping a region or script subtag).
LANGUAGE_ALIASES: dict[str, str] = {"english": "en", "eng": "en", "chinese": "zh", "zho": "zh", "chi": "zh",
                                    "mandarin": "zh", "russian": "ru", "rus": "ru"}
#: Common spellings of country names and codes, upper-cased, mapped to ISO 3166-1 alpha-3
#: (``discourse/data/country_aliases.csv``; data, so that a researcher can read and extend it).
COUNTRY_ALIASES_FILE = Path(__file__).parent / "data" / "country_aliases.csv"


@lru_cache(maxsize=1)
def country_aliases() -> dict[str, str]:
    """``{"US": "USA", "PRC": "CHN", ...}`` from :data:`COUNTRY_ALIASES_FILE`."""
    table = pd.read_csv(COUNTRY_ALIASES_FILE, dtype=str, keep_default_na=False, comment="#")
    return dict(zip(table["alias"].str.upper(), table["code"]))


def normalize_codes(data: pd.DataFrame) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """Map common spellings of ``language`` and ``country`` to the schema's codes; say what changed.

    ``EN``, ``en-US``, ``zh-CN``, ``zh-Hans``, ``ru_RU``, ``English`` become
    ``en``/``zh``/``ru``; ``usa``, ``US``, ``PRC``, ``Russia`` become ``USA``,
    ``CHN``, ``RUS`` (:func:`country_aliases`; any three letters are
    upper-cased). Values it does not recognise are left for validation to
    report.

    Returns
    -------
    (DataFrame, list of dict)
        The table with the codes mapped, and one ``{"column", "from", "to",
        "rows"}`` per distinct change.

    Examples
    --------
    >>> df = pd.DataFrame({"language": ["EN", "zh-CN", "ru"], "country": ["usa", "PRC", "RUS"]})  # synthetic
    >>> out, changes = normalize_codes(df)
    >>> out.values.tolist()
    [['en', 'USA'], ['zh', 'CHN'], ['ru', 'RUS']]
    >>> [(c["from"], c["to"]) for c in changes]
    [('EN', 'en'), ('zh-CN', 'zh'), ('usa', 'USA'), ('PRC', 'CHN')]
    """
    def language(v: Any) -> Any:
        if not isinstance(v, str) or v in LANGUAGES:
            return v
        base = re.split(r"[-_]", v.strip().lower())[0]
        base = LANGUAGE_ALIASES.get(base, base)
        return base if base in LANGUAGES else v

    def country(v: Any) -> Any:
        if not isinstance(v, str):
            return v
        up = v.strip().upper()
        up = country_aliases().get(up, up)
        return up if _COUNTRY_RE.match(up) else v

    out = data.copy()
    changes: list[dict[str, Any]] = []
    for col, fn in (("language", language), ("country", country)):
        if col not in out.columns:
            continue
        new = out[col].map(fn)
        changed = new.ne(out[col]) & out[col].notna()
        for old in pd.unique(out.loc[changed, col]):
            rows = int((out[col] == old).sum())
            changes.append({"column": col, "from": old, "to": fn(old), "rows": rows})
        out[col] = new
    return out, changes


#: Dates before this year are flagged as implausible (a typo, or a placeholder such as 0001-01-01).
EARLIEST_PLAUSIBLE_YEAR = 1900


def _warn_implausible_dates(dates: list[Any], lines: list[Any], ids: pd.Series, where: str, *, skip: set[int]) -> None:
    """Warn, naming the rows, about dates before 1900 or more than a year after today: kept, but likely typos."""
    latest = pd.Timestamp.today().normalize() + pd.DateOffset(years=1)
    odd = [k for k, d in enumerate(dates) if d is not None and k not in skip
           and (d.year < EARLIEST_PLAUSIBLE_YEAR or d > latest)]
    if odd:
        shown = "; ".join(f"line {lines[k]} (doc_id {ids.iat[k]!r}): {dates[k]:%Y-%m-%d}" for k in odd[:5])
        more = f"; and {len(odd) - 5} more" if len(odd) > 5 else ""
        warnings.warn(f"{where}: {len(odd)} date(s) before {EARLIEST_PLAUSIBLE_YEAR} or more than a year in the "
                      f"future, kept as given: {shown}{more}. Check them.", UserWarning, stacklevel=3)


def _type_name(value: Any) -> str:
    """``int`` for 42 and for ``np.int64(42)``: the type a reader wrote, not the one pandas chose."""
    return type(value.item() if isinstance(value, np.generic) else value).__name__


def _problem(file: Any, line: Any, doc_id: Any, column: str, value: Any, reason: str) -> dict[str, Any]:
    return {"file": file, "line": line, "doc_id": doc_id, "column": column, "value": value, "reason": reason}


def validate_documents(
    data: pd.DataFrame,
    *,
    file: str | None = None,
    lines: list[int] | None = None,
    errors: str = "raise",
    strict: bool = False,
    normalize: bool = False,
) -> pd.DataFrame:
    """Validate a document table and return it in schema form.

    Parameters
    ----------
    data : DataFrame
        Rows to validate. Missing optional columns are added empty; any
        column that is not in the schema is kept unchanged, after the schema
        columns, in its input order.
    file : str, optional
        Name used in messages (the file the rows came from).
    lines : list of int, optional
        The line (or CSV row) number of each row in ``file``; defaults to the
        row position + 1.
    errors : {"raise", "skip"}
        ``"raise"``: the first bad row raises. ``"skip"``: bad rows are left
        out and reported in ``result.attrs["skipped"]`` (a list of dicts with
        file, line, doc_id, column, value, reason; ``pd.DataFrame(...)`` it), so that rows in = rows
        out + rows reported.
    strict : bool
        Also require the bundled corpus's closed vocabularies (``country``,
        ``genre``, ``date``, ``provenance`` and ``rights`` present).
    normalize : bool
        First map common spellings of ``language`` and ``country`` (``EN``,
        ``zh-CN``, ``usa``, ``PRC``) to the schema's codes
        (:func:`normalize_codes`); a warning says what changed and
        ``attrs["normalized"]`` lists it. Off by default: nothing is
        rewritten unless asked.

    Returns
    -------
    DataFrame
        :data:`SCHEMA_COLUMNS` (``date`` as ``datetime64``, the others as
        str), then the input's other columns as they were.

    Raises
    ------
    CorpusValidationError
        For a missing required column, or (``errors="raise"``) the first bad
        row: an empty text, a duplicate ``doc_id``, an unknown language code,
        an unparseable date, a malformed country code.
    """
    check_option("errors", errors, ("raise", "skip"))
    check_dataframe("data", data)
    where = file or "<DataFrame>"
    missing = [c for c in REQUIRED_COLUMNS if c not in data.columns]
    if strict:
        missing += [c for c in ("country", "genre", "date", "provenance", "rights") if c not in data.columns]
    if missing:
        raise CorpusValidationError(
            f"{where}: missing required column(s) {missing}; columns present: {list(data.columns)}",
            [_problem(where, None, None, c, None, "missing column") for c in missing],
        )
    df = data.reset_index(drop=True).copy()
    changes: list[dict[str, Any]] = []
    if normalize:
        df, changes = normalize_codes(df)
        if changes:
            warnings.warn(f"{where}: normalized " + ", ".join(
                f"{c['column']} {c['from']!r} -> {c['to']!r} ({c['rows']} row(s))" for c in changes)
                + "; see result.attrs['normalized'].", UserWarning, stacklevel=3)
    line_no = list(lines) if lines is not None else list(range(1, len(df) + 1))
    for col in SCHEMA_COLUMNS:
        if col not in df.columns:
            df[col] = "" if col not in ("date", "date_precision") else None
    # Each check is vectorised over rows and yields (row, check order, column,
    # value, reason); problems are then reported in row order, so "raise"
    # names the first bad row whatever column it fails on.
    found: list[tuple[int, int, str, Any, str]] = []

    def flag(mask: Any, order: int, column: str, reason: Any) -> None:
        for i in np.flatnonzero(np.asarray(mask, dtype=bool)):
            why = reason(i) if callable(reason) else reason
            found.append((int(i), order, column, df.at[i, column], why))

    ids = df["doc_id"]
    empty_id = ids.isna() | (ids.astype(str).str.strip() == "")
    flag(empty_id, 0, "doc_id", "empty doc_id")
    df["doc_id"] = ids.where(empty_id, ids.astype(str))
    dup = df["doc_id"].duplicated(keep="first") & ~empty_id
    first_line = {d: line_no[k] for k, d in reversed(list(enumerate(df["doc_id"])))}
    flag(dup, 1, "doc_id", lambda i: f"duplicate doc_id (first seen at line {first_line[df.at[i, 'doc_id']]})")
    text = df["text"]
    is_str = text.map(lambda t: isinstance(t, str)).to_numpy(dtype=bool)
    missing = text.map(_is_missing).to_numpy(dtype=bool)
    flag(~is_str & ~missing, 2, "text", lambda i: f"text is not a string (got {_type_name(df.at[i, 'text'])})")
    flag(missing, 2, "text", "missing text")
    flag(is_str & ~text.map(lambda t: isinstance(t, str) and bool(t.strip())).to_numpy(dtype=bool),
         2, "text", "empty text")
    flag(~df["language"].isin(LANGUAGES), 3, "language",
         f"unknown language code (valid: {', '.join(LANGUAGES)}; normalize=True maps spellings such as 'EN' or "
         "'zh-CN')")
    df["country"] = df["country"].map(lambda c: "" if c is None or (isinstance(c, float) and pd.isna(c)) else str(c))
    # Masks go through numpy: on an empty column of pandas' string dtype, map() keeps that dtype.
    bad_country = ~df["country"].map(lambda c: bool(_COUNTRY_RE.match(c))).to_numpy(dtype=bool)
    if not strict:
        bad_country &= (df["country"] != "").to_numpy(dtype=bool)
    flag(bad_country, 4, "country", "country must be an ISO 3166-1 alpha-3 code such as 'USA'")
    parsed: dict[Any, tuple[Any, str] | None] = {}
    dates: list[Any] = []
    precisions: list[str] = []
    unparseable = np.zeros(len(df), dtype=bool)
    for k, value in enumerate(df["date"]):
        key = value if isinstance(value, (str, int, float, type(None))) else repr(value)
        if key not in parsed:
            try:
                parsed[key] = parse_date(value)
            except ValueError:
                parsed[key] = None
        result = parsed[key]
        if result is None:
            unparseable[k] = True
            result = (None, "unknown")
        dates.append(result[0])
        precisions.append(result[1])
    flag(unparseable, 5, "date", "unparseable date (expected YYYY-MM-DD, YYYY-MM or YYYY)")
    if strict:
        missing_date = np.array([d is None for d in dates]) & ~unparseable
        flag(missing_date, 6, "date", "missing date")
    if "date_precision" in data.columns:
        given = data["date_precision"].reset_index(drop=True)
        has = given.map(lambda g: isinstance(g, str) and g != "").to_numpy(dtype=bool)
        known = given.isin(DATE_PRECISIONS).to_numpy(dtype=bool)
        flag(has & ~known, 7, "date_precision",
             f"unknown date precision (valid: {', '.join(DATE_PRECISIONS)})")
        # A stated precision may be coarser than the date string (a day-dated
        # item known only to its month) but never finer: "2021" with "day"
        # would invent 1 January.
        rank = {p: i for i, p in enumerate(DATE_PRECISIONS)}
        finer = np.zeros(len(df), dtype=bool)
        for k in np.flatnonzero(has & known):
            if dates[k] is None:
                continue
            if rank[given.iat[k]] < rank[precisions[k]]:
                finer[k] = True
            else:
                precisions[k] = given.iat[k]
        flag(finer, 7, "date_precision", "date_precision is finer than the date it describes")
    if strict:
        flag(~df["genre"].isin(GENRES), 8, "genre", f"unknown genre (valid: {', '.join(GENRES)})")
        for order, col in ((9, "provenance"), (10, "rights")):
            flag(~df[col].map(lambda v: isinstance(v, str) and bool(v.strip())).to_numpy(dtype=bool), order, col,
                 f"empty {col}")
    found.sort(key=lambda f: (f[0], f[1]))
    problems: list[dict[str, Any]] = []
    for i, _, column, value, reason in found:
        p = _problem(where, line_no[i], df.at[i, "doc_id"], column, value, reason)
        if errors == "raise":
            shown = "no value (null/NaN)" if _is_missing(value) else f"value {_shown(value)}"
            raise CorpusValidationError(
                f"{location(where, line_no[i])}: {reason}: column `{column}` has {shown}"
                + (f" (doc_id {df.at[i, 'doc_id']!r})" if column != "doc_id" else ""),
                [p],
            )
        problems.append(p)
    bad = {f[0] for f in found}
    _warn_implausible_dates(dates, line_no, df["doc_id"], where, skip=bad)
    df["date"] = pd.to_datetime(pd.Series(dates, dtype="object"), errors="coerce")
    df["date_precision"] = precisions
    for col in SCHEMA_COLUMNS:
        if col not in ("date",):
            df[col] = df[col].fillna("").astype(str)
    extra = [c for c in df.columns if c not in SCHEMA_COLUMNS]
    out = df.loc[[i for i in range(len(df)) if i not in bad], SCHEMA_COLUMNS + extra].reset_index(drop=True)
    # A list of dicts, not a DataFrame: pandas compares attrs when concatenating.
    out.attrs["skipped"] = problems
    out.attrs["n_input_rows"] = len(df)
    out.attrs["lines"] = [line_no[i] for i in range(len(df)) if i not in bad]
    out.attrs["normalized"] = changes
    return out
