"""Loaders: the bundled corpus and researchers' own JSONL, CSV and text folders.

Every function here returns one validated DataFrame in the schema of
:mod:`discourse.schema`. Bad input raises an error naming the file, the line
(or CSV row) and the value; with ``errors="skip"`` the bad rows are left out
and listed in ``result.attrs["skipped"]``, with a warning giving the count.
"""
from __future__ import annotations

import codecs
import csv
import glob
import gzip
import io
import json
import re
import unicodedata
import warnings
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from . import paths
from ._errors import CorpusValidationError, DiscourseError, ParameterError, invalid_value_message, location
from ._typing import PathLike
from ._validation import check_option
from .schema import LANGUAGES, SCHEMA_COLUMNS, validate_documents


# --------------------------------------------------------------------------
# Bytes to text: byte-order marks, and errors that say what would work
# --------------------------------------------------------------------------
#: Byte-order marks, longest first (a UTF-32-LE mark begins like a UTF-16-LE one).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
#: Encodings tried, in this order, when the one asked for fails.
_CANDIDATE_ENCODINGS = ("utf-8", "utf-16", "cp1252", "cp1251", "gb18030")


def _family(name: str) -> str:
    """'utf-8', 'utf-16', 'utf-32' for the Unicode encodings (any byte order or BOM variant), else the name."""
    return next((f for f in ("utf-8", "utf-16", "utf-32") if name.startswith(f)), name)


def _plausible(text: str) -> bool:
    """Decoded text that reads as text: no NUL and almost no other control characters."""
    if "\x00" in text:
        return False
    sample = text[:100_000]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    return controls <= 0.001 * max(len(sample), 1)


def decode_bytes(data: bytes, *, encoding: str, file: PathLike) -> str:
    """Decode a file's bytes: a byte-order mark decides among the Unicode encodings, and a failure says what works.

    With a UTF-8, UTF-16 or UTF-32 byte-order mark the file is decoded
    accordingly (``encoding="utf-8"``, the default, accepts any of them; an
    explicit non-Unicode ``encoding`` that contradicts the mark is an error).
    When decoding fails, the error names the file, the line and the byte
    offset, and lists the encodings among ``utf-8``, ``utf-16``, ``cp1252``,
    ``cp1251`` and ``gb18030`` that decode the whole file into plausible
    text — it never suggests one that fails.

    Raises
    ------
    ParameterError
        For an unknown ``encoding``.
    CorpusValidationError
        For a byte that cannot be decoded, or a mark that contradicts ``encoding``.

    Examples
    --------
    >>> decode_bytes("Kabul".encode("utf-16"), encoding="utf-8", file="synthetic.txt")
    'Kabul'
    """
    try:
        asked = codecs.lookup(encoding).name
    except LookupError:
        raise ParameterError(invalid_value_message(
            "encoding", encoding, must="a known text encoding such as 'utf-8' or 'cp1252'")) from None
    use = asked
    bom = next((name for mark, name in _BOMS if data.startswith(mark)), None)
    if bom is not None:
        if _family(asked) not in ("utf-8", _family(bom)):
            raise CorpusValidationError(
                f"{file}: starts with a {_family(bom).upper()} byte-order mark, but encoding={encoding!r} was given; "
                f"pass encoding={_family(bom)!r} (or leave the default).",
                [{"file": str(file), "line": 1, "doc_id": None, "column": None, "value": repr(data[:4]),
                  "reason": "byte-order mark contradicts encoding"}])
        use = bom
    try:
        return data.decode(use)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        bad = exc.object[exc.start:exc.start + 1]
        works = []
        for cand in _CANDIDATE_ENCODINGS:
            # UTF-16 without a mark decodes almost any even-length bytes; only text with NUL bytes is a candidate
            if _family(cand) == _family(use) or (cand == "utf-16" and b"\x00" not in data):
                continue
            try:
                if _plausible(data.decode(cand)):
                    works.append(cand)
            except UnicodeDecodeError:
                continue
        hint = (f"it decodes as {' or '.join(repr(w) for w in works)}: pass encoding={works[0]!r}" if works else
                f"none of {', '.join(_CANDIDATE_ENCODINGS)} decodes it either; check how the file was exported")
        raise CorpusValidationError(
            f"{location(file, line)}: cannot decode byte {bad!r} at offset {exc.start} as {use!r}; {hint}.",
            [{"file": str(file), "line": line, "doc_id": None, "column": None, "value": repr(bad),
              "reason": f"undecodable byte at offset {exc.start}"}]) from None


def _read_bytes(path: Path) -> bytes:
    """A file's bytes, gunzipped when it ends in ``.gz``."""
    if path.suffix == ".gz":
        with gzip.open(path, "rb") as fh:
            return fh.read()
    return path.read_bytes()


def _no_documents(path: PathLike, why: str, stacklevel: int = 3) -> None:
    warnings.warn(f"{path}: {why}; no documents read.", UserWarning, stacklevel=stacklevel)


_SKIP_WARNING = re.compile(r": skipped \d+ of \d+ rows \(")


def _finish(df: pd.DataFrame, extra_problems: list[dict[str, Any]], n_in: int, where: str,
            stacklevel: int = 3) -> pd.DataFrame:
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
            stacklevel=stacklevel,
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


# --------------------------------------------------------------------------
# Many files, one corpus
# --------------------------------------------------------------------------
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
CSV_SUFFIXES = (".csv",)
PARQUET_SUFFIXES = (".parquet", ".pq")


def _is_glob(path: Any) -> bool:
    return isinstance(path, str) and any(ch in path for ch in "*?[")


def _one_file(path: Any, files: list[Path]) -> bool:
    """``path`` named exactly one file itself (not a list, glob or folder that happens to hold one)."""
    return len(files) == 1 and isinstance(path, (str, Path)) and not _is_glob(path) and not Path(path).is_dir()


def _expand_paths(path: PathLike | Sequence[PathLike], suffixes: tuple[str, ...]) -> list[Path]:
    """The files that ``path`` names: one file, a list of files, a glob, or a folder (its files with ``suffixes``)."""
    if isinstance(path, (str, Path)):
        if _is_glob(path):
            files = sorted(Path(p) for p in glob.glob(str(path), recursive=True))
            if not files:
                raise FileNotFoundError(f"No file matches {str(path)!r}.")
            return files
        p = Path(path)
        if not p.exists():
            raise FileNotFoundError(f"No such file: {p}")
        if p.is_dir():
            files = sorted(f for f in p.iterdir() if f.is_file() and f.name.endswith(suffixes))
            if not files:
                raise FileNotFoundError(f"No {' or '.join(suffixes)} file in the folder {p}.")
            return files
        return [p]
    if not isinstance(path, Sequence) or not path:
        raise ParameterError(invalid_value_message("path", path, must="a file, a folder, a glob or a list of files"))
    files = []
    for item in path:
        files.extend(_expand_paths(item, suffixes))
    seen: dict[Path, int] = {}
    for f in files:
        seen[f.resolve()] = seen.get(f.resolve(), 0) + 1
    twice = [str(f) for f, n in seen.items() if n > 1]
    if twice:
        raise ParameterError(f"`path` names the same file more than once: {twice[0]}.")
    return files


def _read_many(files: list[Path], reader: Any, *, errors: str, **options: Any) -> pd.DataFrame:
    """Read each file, then validate across them: a doc_id in two files is an error naming both (or a reported skip).

    An empty ``provenance`` is filled with ``file:line``, so every row says where it came from.
    """
    parts, skipped, normalized, n_in = [], [], [], 0
    first: dict[str, str] = {}
    for f in files:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            part = reader(f, errors=errors, **options)
        for w in caught:
            # Skips get one warning for all files, below; every other warning (a file's
            # normalised codes, implausible dates, no rows) is passed on as it is.
            if not _SKIP_WARNING.search(str(w.message)):
                warnings.warn(w.message, w.category, stacklevel=3)
        skipped += part.attrs.get("skipped", [])
        normalized += [{**change, "file": str(f)} for change in part.attrs.get("normalized", [])]
        n_in += part.attrs.get("n_input_rows", len(part))
        lines = part.attrs.get("lines") or list(range(1, len(part) + 1))
        where = [f"{f}:{line}" for line in lines]
        part = part.assign(provenance=part["provenance"].where(part["provenance"] != "", where))
        keep = []
        for k, doc in enumerate(part["doc_id"]):
            if doc in first:
                p = {"file": str(f), "line": lines[k], "doc_id": doc, "column": "doc_id", "value": doc,
                     "reason": f"duplicate doc_id (first seen at {first[doc]})"}
                if errors == "raise":
                    raise CorpusValidationError(f"{where[k]}: doc_id {doc!r} is also in {first[doc]}; doc_ids must be "
                                                "unique across files (or pass errors='skip').", [p])
                skipped.append(p)
                continue
            first[doc] = where[k]
            keep.append(k)
        part = part.iloc[keep]
        part.attrs = {}
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    out.attrs = {}
    out = _finish(out, skipped, n_in, f"{len(files)} files", stacklevel=4)
    out.attrs["files"] = [str(f) for f in files]
    out.attrs["normalized"] = normalized
    return out


def read_jsonl(
    path: PathLike | Sequence[PathLike],
    *,
    columns: Mapping[str, str] | None = None,
    defaults: Mapping[str, Any] | None = None,
    encoding: str = "utf-8",
    errors: str = "raise",
    strict: bool = False,
    normalize: bool = False,
    flatten: bool = False,
) -> pd.DataFrame:
    """Read a JSON Lines file (optionally ``.gz``) of documents into the schema.

    Parameters
    ----------
    path : str, Path, list of them, glob or folder
        One JSON object per line; blank lines are ignored. Several files
        (a list, a glob such as ``"data/*.jsonl"``, or a folder's
        ``.jsonl``/``.jsonl.gz``/``.ndjson`` files) are read as one corpus:
        a ``doc_id`` in two files is an error naming both files and lines
        (or, with ``errors="skip"``, a reported skip), an empty
        ``provenance`` is filled with ``file:line``, and ``attrs["files"]``
        lists the files. A UTF-8, UTF-16 or UTF-32 byte-order mark decides
        the encoding; an empty file gives a warning and no rows.
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
    normalize : bool
        Map common spellings of language and country codes (``EN``,
        ``zh-CN``, ``usa``, ``PRC``) to the schema's, and report the changes
        (:func:`discourse.schema.normalize_codes`).
    flatten : bool
        Nested JSON objects (``{"meta": {"author": "x"}}``) are kept as they
        are, one column holding the dict; ``flatten=True`` spreads them into
        columns instead (``meta.author``).

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
    files = _expand_paths(path, JSONL_SUFFIXES)
    if not _one_file(path, files):
        return _read_many(files, read_jsonl, errors=errors, columns=columns, defaults=defaults, encoding=encoding,
                          strict=strict, normalize=normalize, flatten=flatten)
    path = files[0]
    text = decode_bytes(_read_bytes(path), encoding=encoding, file=path)
    records: list[dict[str, Any]] = []
    lines: list[int] = []
    problems: list[dict[str, Any]] = []
    n_in = 0
    # one JSON object per physical line ("\n" only: U+2028 may sit inside a JSON string)
    for lineno, line in enumerate(text.split("\n"), start=1):
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
    if not n_in:
        _no_documents(path, "empty file" if not text else "only blank lines")
    table = pd.json_normalize(records) if flatten and records else pd.DataFrame.from_records(records)
    df = _map_columns(table, columns, defaults)
    if df.empty and not len(df.columns):
        df = pd.DataFrame(columns=SCHEMA_COLUMNS)
    out = validate_documents(df, file=str(path), lines=lines, errors=errors, strict=strict, normalize=normalize)
    return _finish(out, problems, n_in, str(path))


def read_csv(
    path: PathLike | Sequence[PathLike],
    *,
    columns: Mapping[str, str] | None = None,
    defaults: Mapping[str, Any] | None = None,
    encoding: str = "utf-8",
    errors: str = "raise",
    strict: bool = False,
    normalize: bool = False,
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
    path, columns, defaults, errors, strict, normalize
        As in :func:`read_jsonl` (a folder means its ``.csv`` files). A file
        with a header but no rows, or an empty file, gives a warning and no rows.
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
    files = _expand_paths(path, CSV_SUFFIXES)
    if not _one_file(path, files):
        return _read_many(files, read_csv, errors=errors, columns=columns, defaults=defaults, encoding=encoding,
                          strict=strict, normalize=normalize, **read_csv_kwargs)
    path = files[0]
    raw = decode_bytes(path.read_bytes(), encoding=encoding, file=path)
    if not raw.strip():
        _no_documents(path, "empty file" if not raw else "only blank lines")
        return _finish(validate_documents(pd.DataFrame(columns=SCHEMA_COLUMNS), file=str(path)), [], 0, str(path))
    read_csv_kwargs.setdefault("dtype", str)
    read_csv_kwargs.setdefault("keep_default_na", False)
    df = pd.read_csv(io.StringIO(raw), **read_csv_kwargs)
    if df.empty:
        _no_documents(path, "a header but no rows")
    df = _map_columns(df, columns, defaults)
    lines = _csv_record_lines(raw, sep=read_csv_kwargs.get("sep", ","))
    if len(lines) != len(df):
        # Options such as skiprows, header or comment change which physical
        # lines become rows; rather than guess, number the data rows.
        warnings.warn(f"{path}: cannot map rows to file lines with these read_csv options; "
                      "messages give data row numbers (first data row = 1).", UserWarning, stacklevel=2)
        lines = list(range(1, len(df) + 1))
    out = validate_documents(df, file=str(path), lines=lines, errors=errors, strict=strict, normalize=normalize)
    return _finish(out, [], len(df), str(path))


def read_parquet(
    path: PathLike | Sequence[PathLike],
    *,
    columns: Mapping[str, str] | None = None,
    defaults: Mapping[str, Any] | None = None,
    errors: str = "raise",
    strict: bool = False,
    normalize: bool = False,
) -> pd.DataFrame:
    """Read a Parquet file (or several) of documents into the schema.

    Parquet has no lines: messages and ``file:line`` provenance give the
    row's number in its file instead (first row = 1). Reading needs pyarrow
    (``pip install "discourse[parquet]"``).

    Parameters
    ----------
    path, columns, defaults, errors, strict, normalize
        As in :func:`read_jsonl` (a folder means its ``.parquet``/``.pq``
        files; a partitioned dataset written by Dask or Spark is such a
        folder). A file with no rows gives a warning and no rows.

    Returns
    -------
    DataFrame

    Raises
    ------
    ImportError
        If pyarrow is not installed (the message says how to install it).
    CorpusValidationError
        For a file that is not Parquet, a missing required column, or a bad row.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "docs.parquet")  # synthetic example
    >>> pd.DataFrame({"doc_id": ["a1"], "text": ["Kabul airport reopened."], "language": ["en"],
    ...               "date": ["2021-09-09"]}).to_parquet(p)
    >>> read_parquet(p)[["doc_id", "text"]].values.tolist()
    [['a1', 'Kabul airport reopened.']]
    """
    _check_errors(errors)
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise ImportError('read_parquet needs pyarrow: pip install "discourse[parquet]" (or pip install pyarrow).') from None
    files = _expand_paths(path, PARQUET_SUFFIXES)
    if not _one_file(path, files):
        return _read_many(files, read_parquet, errors=errors, columns=columns, defaults=defaults, strict=strict,
                          normalize=normalize)
    path = files[0]
    try:
        df = pq.read_table(path).to_pandas()
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError ... for a file that is not Parquet
        raise CorpusValidationError(
            f"{path}: not a readable Parquet file ({exc})",
            [{"file": str(path), "line": None, "doc_id": None, "column": None, "value": None,
              "reason": f"not Parquet: {exc}"}]) from None
    if df.empty:
        _no_documents(path, "no rows")
    df = _map_columns(df.reset_index(drop=True), columns, defaults)
    if df.empty and not len(df.columns):
        df = pd.DataFrame(columns=SCHEMA_COLUMNS)
    rows = list(range(1, len(df) + 1))
    out = validate_documents(df, file=str(path), lines=rows, errors=errors, strict=strict, normalize=normalize)
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
    normalize: bool = False,
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
    columns, defaults, errors, normalize
        As in :func:`read_jsonl`.
    encoding : str
        Encoding of the text files (a byte-order mark decides among the
        Unicode encodings).
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
    if folder.is_file():
        raise NotADirectoryError(f"{folder} is a file, not a folder; read_text_folder reads a folder of text files "
                                 "(for one CSV or JSONL file use read_csv or read_jsonl).")
    if not folder.is_dir():
        raise FileNotFoundError(f"No such folder: {folder}")
    files = sorted(folder.glob(pattern))
    problems: list[dict[str, Any]] = []
    if metadata is not None:
        meta_path = folder / metadata
        if not meta_path.exists():
            raise FileNotFoundError(f"No metadata sidecar {meta_path}; pass metadata=None and defaults=... to read without one.")
        meta_text = decode_bytes(meta_path.read_bytes(), encoding="utf-8", file=meta_path)
        if not meta_text.strip():
            raise CorpusValidationError(f"{meta_path}: the metadata sidecar is empty (it needs a header with "
                                        f"`{file_column}` and one row per text file).")
        meta = pd.read_csv(io.StringIO(meta_text), dtype=str, keep_default_na=False)
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
    if not files:
        _no_documents(folder, f"no files match {pattern!r}")
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
            texts[f.name] = decode_bytes(f.read_bytes(), encoding=encoding, file=f)
        except CorpusValidationError as exc:
            if errors == "raise":
                raise
            problems.append({**exc.problems[0], "doc_id": f.stem, "column": "text"})
    meta = meta[meta[file_column].isin(texts)].copy()
    meta["text"] = meta[file_column].map(texts)
    if "doc_id" not in meta.columns and not (columns and "doc_id" in columns.values()):
        meta["doc_id"] = [Path(n).stem for n in meta[file_column]]
    meta = _map_columns(meta, columns, defaults)
    lines = [meta_lines.get(n) for n in meta[file_column]] if file_column in meta.columns else None
    out = validate_documents(meta, file=str(meta_path), lines=lines, errors=errors, normalize=normalize)
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
        document, an unparseable date bound, or ``start`` after ``end``.
        (Filters that are each valid but select nothing together give an
        empty result and a warning.)
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
        if start is not None and end is not None and _bound("start", start) > _bound("end", end):
            raise ParameterError(f"`start` ({start!r}) is after `end` ({end!r}); no date can lie between them.")
        if start is not None:
            mask &= lo >= _bound("start", start)
        if end is not None:
            mask &= hi <= _bound("end", end)
    if pattern is not None:
        rx = re.compile(pattern, re.IGNORECASE) if isinstance(pattern, str) else pattern
        mask &= (df["title"] + "\n" + df["text"]).map(lambda s: bool(rx.search(s)))
    out = df.loc[mask].reset_index(drop=True).copy()
    out.attrs = {"corpus_dir": str(cdir)}
    if out.empty:
        asked = {k: v for k, v in {"start": start, "end": end, "pattern": pattern, **filters}.items() if v is not None}
        warnings.warn(f"No document of {cdir} matches {asked}; the result is empty.", UserWarning, stacklevel=2)
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
