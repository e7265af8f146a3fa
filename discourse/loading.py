"""Loaders: the bundled corpus and researchers' own JSONL, CSV and text folders.

Every function here returns one validated DataFrame in the schema of
:mod:`discourse.schema`. Bad input raises an error naming the file, the line
(or CSV row) and the value; with ``errors="skip"`` the bad rows are left out
and listed in ``result.attrs["skipped"]``, with a warning giving the count.
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import re
import warnings
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from . import paths
from ._errors import CorpusValidationError, DiscourseError, ParameterError, invalid_value_message, location
from ._typing import PathLike
from ._validation import check_option
from .schema import LANGUAGES, SCHEMA_COLUMNS, validate_documents


def _finish(df: pd.DataFrame, extra_problems: list[dict[str, Any]], n_in: int, where: str) -> pd.DataFrame:
    """Merge parse-level and row-level problems; warn with the count."""
    skipped = list(extra_problems) + list(df.attrs.get("skipped", []))
    df.attrs["skipped"] = skipped
    df.attrs["n_input_rows"] = n_in
    n_bad = n_in - len(df)
    df.attrs["n_skipped_rows"] = n_bad
    if n_bad:
        warnings.warn(
            f"{where}: skipped {n_bad} of {n_in} rows ({len(skipped)} problems); "
            "see result.attrs['skipped'] for file, line, column, value and reason.",
            UserWarning,
            stacklevel=3,
        )
    return df


def _map_columns(df: pd.DataFrame, columns: Mapping[str, str] | None, defaults: Mapping[str, Any] | None) -> pd.DataFrame:
    if columns:
        unknown = [v for v in columns.values() if v not in SCHEMA_COLUMNS]
        if unknown:
            raise ParameterError(invalid_value_message("columns", unknown[0], SCHEMA_COLUMNS,
                                                       hint="`columns` maps your column names onto schema columns."))
        df = df.rename(columns=dict(columns))
    for key, value in (defaults or {}).items():
        if key not in SCHEMA_COLUMNS:
            raise ParameterError(invalid_value_message("defaults", key, SCHEMA_COLUMNS))
        if key not in df.columns:
            df[key] = value
        else:
            df[key] = df[key].where(df[key].notna() & (df[key].astype(str) != ""), value)
    return df


def _check_errors(errors: str) -> None:
    check_option("errors", errors, ("raise", "skip"))


def read_jsonl(
    path: PathLike,
    *,
    columns: Mapping[str, str] | None = None,
    defaults: Mapping[str, Any] | None = None,
    encoding: str = "utf-8",
    errors: str = "raise",
    strict: bool = False,
) -> pd.DataFrame:
    """Read a JSON Lines file (optionally ``.gz``) of documents into the schema.

    Parameters
    ----------
    path : str or Path
        One JSON object per line; blank lines are ignored.
    columns : mapping, optional
        ``{your_column: schema_column}``, e.g. ``{"body": "text", "id": "doc_id"}``.
    defaults : mapping, optional
        Values for schema columns your file lacks or leaves empty, e.g.
        ``{"language": "en", "country": "USA"}``.
    encoding : str
        Text encoding of the file.
    errors : {"raise", "skip"}
        Raise on the first bad line or row, or skip and report (see
        :func:`discourse.schema.validate_documents`).
    strict : bool
        Enforce the bundled corpus's closed vocabularies.

    Returns
    -------
    DataFrame
        Validated documents; ``attrs["skipped"]`` lists skipped rows.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    CorpusValidationError
        For malformed JSON (file and line), a line that is not an object, a
        missing required column, or a bad row.

    Examples
    --------
    >>> import json, tempfile, os
    >>> tmp = tempfile.mkdtemp()
    >>> p = os.path.join(tmp, "docs.jsonl")  # synthetic example
    >>> with open(p, "w") as fh:
    ...     _ = fh.write(json.dumps({"id": "a1", "body": "Kabul airport reopened."}) + "\\n")
    >>> df = read_jsonl(p, columns={"id": "doc_id", "body": "text"}, defaults={"language": "en"})
    >>> df[["doc_id", "language", "text"]].values.tolist()
    [['a1', 'en', 'Kabul airport reopened.']]
    """
    _check_errors(errors)
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"No such file: {path}")
    opener = gzip.open if path.suffix == ".gz" else open
    records: list[dict[str, Any]] = []
    lines: list[int] = []
    problems: list[dict[str, Any]] = []
    n_in = 0
    with opener(path, "rt", encoding=encoding) as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            n_in += 1
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict):
                    raise ValueError(f"expected a JSON object, got {type(obj).__name__}")
            except ValueError as exc:
                snippet = line.strip()[:80]
                if errors == "raise":
                    raise CorpusValidationError(
                        f"{location(path, lineno)}: malformed JSON line ({exc}): {snippet!r}",
                        [{"file": str(path), "line": lineno, "doc_id": None, "column": None, "value": snippet, "reason": f"malformed JSON: {exc}"}],
                    ) from None
                problems.append({"file": str(path), "line": lineno, "doc_id": None, "column": None,
                                 "value": snippet, "reason": f"malformed JSON: {exc}"})
                continue
            records.append(obj)
            lines.append(lineno)
    df = _map_columns(pd.DataFrame.from_records(records), columns, defaults)
    if df.empty and not len(df.columns):
        df = pd.DataFrame(columns=SCHEMA_COLUMNS)
    out = validate_documents(df, file=str(path), lines=lines, errors=errors, strict=strict)
    return _finish(out, problems, n_in, str(path))


def read_csv(
    path: PathLike,
    *,
    columns: Mapping[str, str] | None = None,
    defaults: Mapping[str, Any] | None = None,
    encoding: str = "utf-8",
    errors: str = "raise",
    strict: bool = False,
    **read_csv_kwargs: Any,
) -> pd.DataFrame:
    """Read a CSV file of documents into the schema.

    ``encoding`` matters: some real sources (e.g. the NYT metadata CSVs) are
    Windows-1252; pass ``encoding="cp1252"``. A wrong encoding raises an error
    that names the file, the byte offset and the encoding to try.
    Reported line numbers are the CSV's physical line of the row's start
    (header = line 1), so quoted multi-line cells are accounted for.

    Parameters
    ----------
    path, columns, defaults, errors, strict
        As in :func:`read_jsonl`.
    encoding : str
        Text encoding, e.g. ``"utf-8"`` or ``"cp1252"``.
    **read_csv_kwargs
        Passed to :func:`pandas.read_csv` (``sep``, ``quotechar`` ...).

    Returns
    -------
    DataFrame

    Raises
    ------
    CorpusValidationError
        For an undecodable byte, a missing required column, or a bad row.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "docs.csv")  # synthetic example
    >>> with open(p, "w", encoding="cp1252") as fh:
    ...     _ = fh.write("doc_id,text,language,date\\nn1,“Over the horizon” strikes,en,2021-08-31\\n")
    >>> read_csv(p, encoding="cp1252")[["doc_id", "text"]].values.tolist()
    [['n1', '“Over the horizon” strikes']]
    """
    _check_errors(errors)
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"No such file: {path}")
    try:
        raw = path.read_bytes().decode(encoding)
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise CorpusValidationError(
            f"{location(path, line)}: cannot decode byte {exc.object[exc.start:exc.start + 1]!r} at offset {exc.start} "
            f"as {encoding!r}; if the file comes from Windows try encoding='cp1252'.",
            [{"file": str(path), "line": line, "doc_id": None, "column": None, "value": repr(exc.object[exc.start:exc.start + 1]), "reason": "undecodable byte"}],
        ) from None
    except LookupError:
        raise ParameterError(invalid_value_message("encoding", encoding, must="a known text encoding such as 'utf-8' or 'cp1252'")) from None
    read_csv_kwargs.setdefault("dtype", str)
    read_csv_kwargs.setdefault("keep_default_na", False)
    df = pd.read_csv(io.StringIO(raw), **read_csv_kwargs)
    df = _map_columns(df, columns, defaults)
    lines = _csv_record_lines(raw, sep=read_csv_kwargs.get("sep", ","))
    if len(lines) != len(df):
        # Options such as skiprows, header or comment change which physical
        # lines become rows; rather than guess, number the data rows.
        warnings.warn(f"{path}: cannot map rows to file lines with these read_csv options; "
                      "messages give data row numbers (first data row = 1).", UserWarning, stacklevel=2)
        lines = list(range(1, len(df) + 1))
    out = validate_documents(df, file=str(path), lines=lines, errors=errors, strict=strict)
    return _finish(out, [], len(df), str(path))


def _csv_record_lines(raw: str, *, sep: str = ",") -> list[int]:
    """Physical line on which each data record starts (header = line 1).

    Quoted cells may span lines, and pandas skips blank lines, so the line
    of record *k* is not simply *k + 1*.
    """
    reader = csv.reader(io.StringIO(raw, newline=""), delimiter=sep if len(sep) == 1 else ",")
    starts: list[int] = []
    line_before = 0
    for i, row in enumerate(reader):
        if i > 0 and any(cell.strip() for cell in row):
            starts.append(line_before + 1)
        line_before = reader.line_num
    return starts


def read_text_folder(
    folder: PathLike,
    *,
    metadata: PathLike | None = "metadata.csv",
    file_column: str = "file",
    columns: Mapping[str, str] | None = None,
    defaults: Mapping[str, Any] | None = None,
    encoding: str = "utf-8",
    errors: str = "raise",
    pattern: str = "*.txt",
) -> pd.DataFrame:
    """Read a folder of ``.txt`` files plus a metadata sidecar CSV.

    Each text file becomes one document whose ``text`` is the file content and
    whose ``doc_id`` defaults to the file stem. The sidecar (``metadata.csv``
    in the folder, UTF-8) has one row per file, keyed by ``file_column``
    (the file name), and supplies the other schema columns. A text file with
    no sidecar row, or a sidecar row with no file, is an error (or a reported
    skip): nothing is lost silently.

    Parameters
    ----------
    folder : str or Path
    metadata : str or Path or None
        Sidecar CSV, relative to ``folder``; ``None`` for no sidecar (then
        ``defaults`` must give at least ``language``).
    file_column : str
        Sidecar column holding the file name.
    columns, defaults, errors
        As in :func:`read_jsonl`.
    encoding : str
        Encoding of the text files.
    pattern : str
        Glob for the text files.

    Returns
    -------
    DataFrame

    Raises
    ------
    FileNotFoundError
        If the folder or the sidecar is missing.
    CorpusValidationError
        For unmatched files or rows, undecodable files, or bad rows.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())  # synthetic example
    >>> _ = (d / "a.txt").write_text("Талибы вошли в Кабул.", encoding="utf-8")
    >>> _ = (d / "metadata.csv").write_text("file,language,country\\na.txt,ru,RUS\\n", encoding="utf-8")
    >>> read_text_folder(d)[["doc_id", "language", "country"]].values.tolist()
    [['a', 'ru', 'RUS']]
    """
    _check_errors(errors)
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"No such folder: {folder}")
    files = sorted(folder.glob(pattern))
    problems: list[dict[str, Any]] = []
    if metadata is not None:
        meta_path = folder / metadata
        if not meta_path.exists():
            raise FileNotFoundError(f"No metadata sidecar {meta_path}; pass metadata=None and defaults=... to read without one.")
        meta = pd.read_csv(meta_path, dtype=str, keep_default_na=False)
        if file_column not in meta.columns:
            raise CorpusValidationError(
                f"{meta_path}: missing column `{file_column}` (the file name); columns present: {list(meta.columns)}")
        meta_lines = dict(zip(meta[file_column], range(2, len(meta) + 2)))
    else:
        meta = pd.DataFrame({file_column: [f.name for f in files]})
        meta_path = folder
        meta_lines = {f.name: None for f in files}
    names = {f.name for f in files}
    for name, line in meta_lines.items():
        if name not in names:
            p = {"file": str(meta_path), "line": line, "doc_id": None, "column": file_column, "value": name,
                 "reason": "metadata row names a file that does not exist"}
            if errors == "raise":
                raise CorpusValidationError(f"{location(meta_path, line)}: metadata row names file {name!r}, which is not in {folder}", [p])
            problems.append(p)
    texts: dict[str, str] = {}
    for f in files:
        if f.name not in meta_lines:
            p = {"file": str(f), "line": None, "doc_id": f.stem, "column": file_column, "value": f.name,
                 "reason": "text file has no metadata row"}
            if errors == "raise":
                raise CorpusValidationError(f"{f}: text file has no row in {meta_path}", [p])
            problems.append(p)
            continue
        try:
            texts[f.name] = f.read_text(encoding=encoding)
        except UnicodeDecodeError as exc:
            p = {"file": str(f), "line": None, "doc_id": f.stem, "column": "text", "value": f"byte offset {exc.start}",
                 "reason": f"cannot decode as {encoding}"}
            if errors == "raise":
                raise CorpusValidationError(f"{f}: cannot decode byte at offset {exc.start} as {encoding!r}", [p]) from None
            problems.append(p)
    meta = meta[meta[file_column].isin(texts)].copy()
    meta["text"] = meta[file_column].map(texts)
    if "doc_id" not in meta.columns and not (columns and "doc_id" in columns.values()):
        meta["doc_id"] = [Path(n).stem for n in meta[file_column]]
    meta = _map_columns(meta, columns, defaults)
    lines = [meta_lines.get(n) for n in meta[file_column]] if file_column in meta.columns else None
    out = validate_documents(meta, file=str(meta_path), lines=lines, errors=errors)
    n_in = len(files) + sum(1 for p in problems if p["reason"].startswith("metadata row"))
    return _finish(out, problems, n_in, str(folder))


@lru_cache(maxsize=2)
def _load_bundled(corpus_dir: str, stamp: tuple[tuple[str, float], ...]) -> pd.DataFrame:
    frames = []
    for name, _ in stamp:
        frames.append(read_jsonl(Path(corpus_dir) / "documents" / name, strict=True))
    for f in frames:
        f.attrs = {}
    df = pd.concat(frames, ignore_index=True)
    dup = df["doc_id"].duplicated()
    if dup.any():
        raise CorpusValidationError(f"{corpus_dir}: doc_id {df.loc[dup, 'doc_id'].iloc[0]!r} occurs in two corpus files")
    return df.sort_values(["date", "doc_id"], kind="stable").reset_index(drop=True)


def _as_set(name: str, value: Any, valid: Iterable[Any]) -> set[Any]:
    values = {value} if isinstance(value, str) or not isinstance(value, Iterable) else set(value)
    valid = list(valid)
    for v in sorted(values, key=str):
        check_option(name, v, valid)
    return values


def load_corpus(
    *,
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
    pattern: str | re.Pattern[str] | None = None,
    directory: PathLike | None = None,
    **filters: Any,
) -> pd.DataFrame:
    """Return the bundled corpus (or a corpus folder) as one validated DataFrame, optionally filtered.

    Parameters
    ----------
    start, end : date-like, optional
        Inclusive date range. A document is kept only if its whole date
        interval lies inside the range, so a year-only document ("2021") is
        *not* kept for start="2021-07-01": we do not guess its day.
    pattern : str or compiled regex, optional
        Keep documents whose title or text matches (case-insensitive for a
        str). For multilingual topic filters use
        :class:`discourse.terms.TermFilter` (or ``passages(..., terms=...)``).
    directory : path, optional
        A corpus folder (``documents/*.jsonl.gz`` in the corpus schema); by
        default the bundled corpus (:func:`discourse.paths.corpus_dir`).
    **filters : str or list of str
        Keep rows whose column has one of the values: ``language="zh"``,
        ``genre=["tweet", "tv_news"]``, ``source=...``, or any other column
        of the corpus (the bundled one also has ``bloc``). Each value must
        occur in the corpus; the error lists those that do.

    Returns
    -------
    DataFrame
        The corpus schema columns (then any other column of the corpus files),
        sorted by date then doc_id, fresh index. ``attrs["corpus_dir"]`` says
        where it came from.

    Raises
    ------
    ParameterError
        For a filter naming no column, a filter value that occurs in no
        document, or an unparseable date bound.
    FileNotFoundError
        If there is no corpus folder.

    Examples
    --------
    >>> cn = load_corpus(language="zh", start="2021-08-15", end="2021-08-15")
    >>> sorted(cn["source"].unique())
    ['CCTV Xinwen Lianbo']
    """
    cdir = Path(directory) if directory is not None else paths.corpus_dir()
    files = sorted((cdir / "documents").glob("*.jsonl.gz"))
    if not files:
        raise FileNotFoundError(f"No corpus files (documents/*.jsonl.gz) in {cdir}.")
    stamp = tuple((f.name, f.stat().st_mtime) for f in files)
    df = _load_bundled(str(cdir), stamp)
    mask = pd.Series(True, index=df.index)
    for name, value in filters.items():
        if name not in df.columns:
            raise ParameterError(invalid_value_message(
                "filters", name, must="a column of the corpus",
                hint=f"Columns: {', '.join(df.columns)}."))
        if value is None:
            continue
        valid = LANGUAGES if name == "language" else sorted(df[name].dropna().unique(), key=str)
        mask &= df[name].isin(_as_set(name, value, valid))
    if start is not None or end is not None:
        lo, hi = _interval(df)
        if start is not None:
            mask &= lo >= _bound("start", start)
        if end is not None:
            mask &= hi <= _bound("end", end)
    if pattern is not None:
        rx = re.compile(pattern, re.IGNORECASE) if isinstance(pattern, str) else pattern
        mask &= (df["title"] + "\n" + df["text"]).map(lambda s: bool(rx.search(s)))
    out = df.loc[mask].reset_index(drop=True).copy()
    out.attrs = {"corpus_dir": str(cdir)}
    return out


def _bound(name: str, value: Any) -> pd.Timestamp:
    try:
        return pd.Timestamp(value)
    except (ValueError, TypeError):
        raise ParameterError(invalid_value_message(name, value, must="a date such as '2021-08-15'")) from None


def _interval(df: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """First and last day each document's date could denote, given its precision."""
    lo = df["date"]
    hi = lo.copy()
    year = df["date_precision"] == "year"
    month = df["date_precision"] == "month"
    hi[year] = lo[year] + pd.offsets.YearEnd(0)
    hi[month] = lo[month] + pd.offsets.MonthEnd(0)
    unknown = df["date_precision"] == "unknown"
    lo = lo.where(~unknown, pd.Timestamp.min)
    hi = hi.where(~unknown, pd.Timestamp.max)
    return lo, hi
