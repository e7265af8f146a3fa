"""Human-coded gold labels: the bundled Afghanistan gold set and external sets.

:func:`load_gold` joins the coded passages (``annotations/sample.csv``) with
their adjudicated labels (``annotations/gold.csv``) into one table, ready for
:func:`discourse.framing.cross_validate_frames`; :func:`load_codings` returns
each coder's raw sheet in long form, for reliability statistics.
:func:`load_frermann2023` reads the Narrative Frames Corpus used for the
out-of-domain check of the ``generic`` codebook.

Every file is validated on load: a missing passage, a duplicate id or a cell
that is not 0/1 raises :class:`~discourse._errors.CorpusValidationError`
naming the file and line.
"""
from __future__ import annotations

from os import PathLike
from pathlib import Path

import pandas as pd

from discourse._errors import CorpusValidationError, DiscourseError, invalid_value_message, location
from discourse.annotation import read_codings
from discourse.framing.codebooks import load_codebook
from discourse.paths import corpus_dir

__all__ = ["GOLD_SETS", "FRERMANN_FRAMES", "load_codings", "load_frermann2023", "load_gold"]

#: Codebooks with a bundled gold set, and the corpus sub-folder holding it.
GOLD_SETS = {"afghanistan": "annotations"}

#: Frame columns of the Narrative Frames Corpus (Frermann et al. 2023).
FRERMANN_FRAMES = ("CO", "EC", "HI", "MO", "RE")

_SAMPLE_COLUMNS = ("passage_id", "doc_id", "bloc", "country", "source", "genre", "language", "date", "text")
# Defects of the published file, fixed by article id so that any other bad
# value still raises (see corpus/external/frermann2023/PROVENANCE.md).
_FRERMANN_FIXES = {("716", "EC"): ("False)", "False")}
_FRERMANN_UNLABELLED = frozenset({"405"})


def _gold_dir(codebook: str, directory: str | PathLike[str] | None) -> Path:
    if not isinstance(codebook, str) or codebook not in GOLD_SETS:
        raise DiscourseError(
            invalid_value_message(
                "codebook", codebook, list(GOLD_SETS), hint="Only these codebooks have a bundled gold set."
            )
        )
    return Path(directory) if directory is not None else corpus_dir() / GOLD_SETS[codebook]


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


def load_gold(codebook: str = "afghanistan", *, directory: str | PathLike[str] | None = None) -> pd.DataFrame:
    """Load the gold-coded passages: text and metadata joined with their labels.

    Parameters
    ----------
    codebook : str, default="afghanistan"
        Codebook the gold set was coded with; it fixes the frame columns.
        Only ``"afghanistan"`` has a bundled gold set.
    directory : path-like, optional
        Folder holding ``sample.csv`` and ``gold.csv``; defaults to
        ``discourse.paths.corpus_dir() / "annotations"``.

    Returns
    -------
    DataFrame
        One row per passage, in sampling order: ``passage_id``, ``doc_id``,
        ``bloc``, ``country``, ``source``, ``genre``, ``language``, ``date``
        (datetime64), ``text``, one 0/1 int column per frame id (codebook
        order), ``n_coders`` (int) and ``label_source`` (``single``,
        ``agreed`` or ``adjudicated``).

    Raises
    ------
    DiscourseError
        If ``codebook`` has no gold set.
    FileNotFoundError
        If a file is missing.
    CorpusValidationError
        Naming the file and line, if a column is missing, a ``passage_id``
        is duplicated or found in only one of the two files, or a frame cell
        is not 0 or 1.

    Examples
    --------
    >>> gold = load_gold()
    >>> len(gold), int(gold["mission_accomplished"].sum())
    (430, 7)
    >>> sorted(gold["language"].unique())
    ['en', 'ru', 'zh']
    """
    folder = _gold_dir(codebook, directory)
    frames = load_codebook(codebook).frame_ids
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
    passages["date"] = pd.to_datetime(passages["date"])
    out = passages.merge(labels, on="passage_id", how="left", validate="one_to_one")
    return out.reset_index(drop=True)


def load_codings(codebook: str = "afghanistan", *, directory: str | PathLike[str] | None = None) -> pd.DataFrame:
    """Load every coder's raw sheet as one long table (passage × coder).

    Parameters
    ----------
    codebook : str, default="afghanistan"
        As for :func:`load_gold`.
    directory : path-like, optional
        Folder holding ``raw/coder_*.csv``; defaults to the bundled
        annotations folder.

    Returns
    -------
    DataFrame
        As :func:`discourse.annotation.read_codings`: ``passage_id``,
        ``coder``, one 0/1 column per frame, ``note`` and ``sheet``.

    Raises
    ------
    DiscourseError
        If ``codebook`` has no gold set.
    FileNotFoundError
        If there are no coder sheets.
    CorpusValidationError
        As :func:`discourse.annotation.read_codings`.

    Examples
    --------
    >>> codings = load_codings()
    >>> sorted(codings["coder"].unique())
    ['A', 'B', 'C']
    """
    folder = _gold_dir(codebook, directory)
    sheets = sorted((folder / "raw").glob("coder_*.csv"))
    if not sheets:
        raise FileNotFoundError(f"No coder sheets (raw/coder_*.csv) in {folder}.")
    return read_codings(sheets, frames=load_codebook(codebook).frame_ids)


def load_frermann2023(*, directory: str | PathLike[str] | None = None) -> pd.DataFrame:
    """Load the Narrative Frames Corpus (Frermann et al. 2023) with its frame labels.

    428 English climate-change news articles (2017-2019) with aggregated
    binary labels for five frames: Conflict (``CO``), Economic (``EC``),
    Human interest (``HI``), Moral (``MO``) and Resolution (``RE``). Two
    defects of the published file are handled by article id (see
    ``corpus/external/frermann2023/PROVENANCE.md``): article 716's ``EC``
    cell ``False)`` is read as False, and article 405, which has no labels,
    is excluded (its id is kept in ``.attrs["excluded"]``).

    Parameters
    ----------
    directory : path-like, optional
        Folder holding ``articles_metadata.tsv``; defaults to
        ``discourse.paths.corpus_dir() / "external" / "frermann2023"``.

    Returns
    -------
    DataFrame
        ``doc_id`` (str), ``source``, ``mbfc`` (bias rating), ``date``
        (datetime64), ``language`` (``"en"``), ``text``, and the five frame
        columns as 0/1 ints.

    Raises
    ------
    FileNotFoundError
        If the file is missing.
    CorpusValidationError
        Naming the file and line, for a missing column, a duplicate id, or a
        frame cell other than True/False (beyond the two known defects).

    Examples
    --------
    >>> arts = load_frermann2023()
    >>> len(arts), int(arts["CO"].sum()), int(arts["MO"].sum())
    (427, 268, 44)
    """
    folder = Path(directory) if directory is not None else corpus_dir() / "external" / "frermann2023"
    path = folder / "articles_metadata.tsv"
    if not path.is_file():
        raise FileNotFoundError(f"Frermann et al. (2023) articles not found: {path}")
    raw = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    required = ("ID", "source", "mbfc", "date", "text", *FRERMANN_FRAMES)
    missing = [c for c in required if c not in raw.columns]
    if missing:
        raise CorpusValidationError(f"{path}: missing column(s) {missing}; columns are {list(raw.columns)}.")
    dup = raw["ID"].duplicated()
    if dup.any():
        i = int(dup.to_numpy().nonzero()[0][0])
        raise CorpusValidationError(f"{location(path, i + 2)}: article ID {raw['ID'].iloc[i]!r} appears more than once.")
    raw = raw.copy()
    for (art, col), (bad, good) in _FRERMANN_FIXES.items():
        raw.loc[(raw["ID"] == art) & (raw[col] == bad), col] = good
    keep = ~raw["ID"].isin(_FRERMANN_UNLABELLED)
    # Line numbers count the header; pandas rows are 0-based.
    problems = [
        {"file": str(path), "line": i + 2, "column": c, "value": v, "reason": "must be True or False"}
        for c in FRERMANN_FRAMES
        for i, (v, k) in enumerate(zip(raw[c], keep))
        if k and v not in ("True", "False")
    ]
    if problems:
        p = problems[0]
        raise CorpusValidationError(
            f"{location(path, p['line'])}: frame `{p['column']}` has value {p['value']!r}; must be True or False"
            + (f" ({len(problems)} bad cells in all)." if len(problems) > 1 else "."),
            problems,
        )
    out = raw[keep].rename(columns={"ID": "doc_id"}).reset_index(drop=True)
    out["date"] = pd.to_datetime(out["date"])
    out["language"] = "en"
    for c in FRERMANN_FRAMES:
        out[c] = (out[c] == "True").astype(int)
    out = out[["doc_id", "source", "mbfc", "date", "language", "text", *FRERMANN_FRAMES]]
    out.attrs["excluded"] = sorted(_FRERMANN_UNLABELLED & set(raw["ID"]))
    return out
