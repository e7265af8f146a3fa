"""Gold sets: coded passages in a documented folder layout, read and validated.

A gold set is a folder in the layout of :mod:`discourse.annotation` (which
writes it; :class:`discourse.annotation.AnnotationProject` runs the whole
loop): ``sample.csv`` (the coded passages, with ``split`` marking a
held-out test split), ``gold.csv`` (one label per passage and frame, with
``n_coders`` and ``label_source``), ``raw/coder_*.csv`` (each coder's sheet,
unchanged), ``assignments.csv`` and ``adjudications.csv``.

A codebook names its gold set with the ``gold_set`` key (a folder relative
to the corpus folder), so :func:`load_gold` and :func:`load_codings` find it
from the codebook's name; ``directory=`` reads any other folder in the same
layout. Every file is validated on load: a missing passage, a duplicate id or
a cell that is not 0/1 raises :class:`~discourse._errors.CorpusValidationError`
naming the file and line.
"""
from __future__ import annotations

from os import PathLike
from pathlib import Path

import pandas as pd

from discourse._errors import CorpusValidationError, DiscourseError, location
from discourse._validation import check_option
from discourse.annotation import read_codings
from discourse.framing.codebooks import Codebook, load_codebook
from discourse.paths import corpus_dir

__all__ = ["load_codings", "load_gold"]

_SAMPLE_COLUMNS = ("passage_id", "doc_id", "language", "text")


def _gold_dir(codebook: Codebook, directory: str | PathLike[str] | None) -> Path:
    if directory is not None:
        return Path(directory)
    if codebook.gold_set is None:
        raise DiscourseError(
            f"Codebook {codebook.name!r} names no gold set (no `gold_set` key in {codebook.path}); "
            "pass directory= to read a gold-set folder, or code passages with discourse.annotation."
        )
    return corpus_dir() / codebook.gold_set


def _read_table(path: Path, required: tuple[str, ...]) -> pd.DataFrame:
    if not path.is_file():
        raise FileNotFoundError(f"Gold file not found: {path}")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise CorpusValidationError(
            f"{path}: missing column(s) {missing}; columns are {list(table.columns)}.",
            [{"file": str(path), "line": 1, "column": c, "value": None, "reason": "missing column"} for c in missing],
        )
    dup = table["passage_id"].duplicated()
    if dup.any():
        i = int(dup.to_numpy().nonzero()[0][0])
        pid = table["passage_id"].iloc[i]
        raise CorpusValidationError(
            f"{location(path, i + 2)}: passage_id {pid!r} appears more than once.",
            [{"file": str(path), "line": i + 2, "column": "passage_id", "value": pid, "reason": "duplicate"}],
        )
    return table


def load_gold(codebook: str | PathLike[str] | Codebook, *, directory: str | PathLike[str] | None = None,
              split: str | None = None) -> pd.DataFrame:
    """Load the gold-coded passages: text and metadata joined with their labels.

    Parameters
    ----------
    codebook : str, path-like or Codebook
        Codebook the gold set was coded with; it fixes the frame columns and
        (``gold_set``) where the gold set lives.
    directory : path-like, optional
        A gold-set folder (see the module docstring) to read instead.
    split : {"train", "test"} or None, default=None
        Only the passages of this split (None: all).

    Returns
    -------
    DataFrame
        One row per passage, in sampling order: the columns of
        ``sample.csv`` (``date`` as datetime64 when present) including
        ``language`` and ``split`` (``"train"`` or ``"test"``; all
        ``"train"`` when the sample has no split), one 0/1 int column per
        frame id (codebook order), ``n_coders`` (int) and ``label_source``
        (``single``, ``agreed`` or ``adjudicated``). Evaluate on the
        ``"test"`` rows once, at the end; tune on ``"train"`` only.

    Raises
    ------
    DiscourseError
        If the codebook names no gold set and no ``directory`` is given.
    FileNotFoundError
        If a file is missing.
    CorpusValidationError
        Naming the file and line, if a column is missing, a ``passage_id``
        is duplicated or found in only one of the two files, or a frame cell
        is not 0 or 1.

    Examples
    --------
    >>> gold = load_gold("afghanistan")
    >>> sorted(gold["language"].unique()), sorted(gold["split"].unique())
    (['en', 'ru', 'zh'], ['test', 'train'])
    """
    book = load_codebook(codebook)
    if split is not None:
        check_option("split", split, ("train", "test"))
    folder = _gold_dir(book, directory)
    frames = book.frame_ids
    sample_path, gold_path = folder / "sample.csv", folder / "gold.csv"
    sample = _read_table(sample_path, _SAMPLE_COLUMNS)
    gold = _read_table(gold_path, ("passage_id", *frames, "n_coders", "label_source"))

    in_gold = set(gold["passage_id"])
    in_sample = set(sample["passage_id"])
    for path, table, other, other_path in (
        (sample_path, sample, in_gold, gold_path),
        (gold_path, gold, in_sample, sample_path),
    ):
        orphans = ~table["passage_id"].isin(other)
        if orphans.any():
            rows = orphans.to_numpy().nonzero()[0]
            problems = [
                {"file": str(path), "line": int(i) + 2, "column": "passage_id",
                 "value": table["passage_id"].iloc[i], "reason": f"not in {other_path.name}"}
                for i in rows
            ]
            first = problems[0]
            raise CorpusValidationError(
                f"{location(path, first['line'])}: passage_id {first['value']!r} has no row in "
                f"{other_path}" + (f" ({len(problems)} such rows in all)." if len(problems) > 1 else "."),
                problems,
            )
    problems = [
        {"file": str(gold_path), "line": i + 2, "column": f, "value": v, "reason": "must be 0 or 1"}
        for f in frames
        for i, v in enumerate(gold[f].str.strip())
        if v not in ("0", "1")
    ]
    if problems:
        p = problems[0]
        raise CorpusValidationError(
            f"{location(gold_path, p['line'])}: frame `{p['column']}` has value {p['value']!r} for passage "
            f"{gold['passage_id'].iloc[p['line'] - 2]!r}; must be 0 or 1"
            + (f" ({len(problems)} bad cells in all)." if len(problems) > 1 else "."),
            problems,
        )
    labels = gold[["passage_id", *frames, "n_coders", "label_source"]].copy()
    labels[frames] = labels[frames].apply(lambda s: s.str.strip().astype(int))
    labels["n_coders"] = pd.to_numeric(labels["n_coders"], errors="raise").astype(int)
    passages = sample.drop(columns=[c for c in ("sample_order",) if c in sample.columns])
    if "split" not in passages.columns:
        passages["split"] = "train"
    bad = ~passages["split"].isin(["train", "test"])
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise CorpusValidationError(
            f"{location(sample_path, i + 2)}: split {passages['split'].iloc[i]!r}; must be 'train' or 'test'.",
            [{"file": str(sample_path), "line": i + 2, "column": "split", "value": passages["split"].iloc[i],
              "reason": "must be 'train' or 'test'"}])
    if "date" in passages.columns:
        passages["date"] = pd.to_datetime(passages["date"], errors="coerce")
    out = passages.merge(labels, on="passage_id", how="left", validate="one_to_one")
    if split is not None:
        out = out[out["split"] == split]
    return out.reset_index(drop=True)


def load_codings(codebook: str | PathLike[str] | Codebook, *, directory: str | PathLike[str] | None = None) -> pd.DataFrame:
    """Load every coder's raw sheet as one long table (passage × coder).

    Parameters
    ----------
    codebook : str, path-like or Codebook
        As for :func:`load_gold`.
    directory : path-like, optional
        A gold-set folder holding ``raw/coder_*.csv``, instead of the
        codebook's.

    Returns
    -------
    DataFrame
        As :func:`discourse.annotation.read_codings`: ``passage_id``,
        ``coder``, one 0/1 column per frame, ``note`` and ``sheet``.

    Raises
    ------
    DiscourseError
        If the codebook names no gold set and no ``directory`` is given.
    FileNotFoundError
        If there are no coder sheets.
    CorpusValidationError
        As :func:`discourse.annotation.read_codings`.

    Examples
    --------
    >>> codings = load_codings("afghanistan")
    >>> "".join(sorted(codings["coder"].unique()))
    'ABCDEFGHIJKLM'
    """
    book = load_codebook(codebook)
    folder = _gold_dir(book, directory)
    sheets = sorted((folder / "raw").glob("coder_*.csv"))
    if not sheets:
        raise FileNotFoundError(f"No coder sheets (raw/coder_*.csv) in {folder}.")
    return read_codings(sheets, frames=book.frame_ids)
