"""Gold annotations: the coding sample, coders' sheets, reliability, adjudication, gold labels.

A gold set is a folder (the layout :class:`AnnotationProject` reads and
writes; ``corpus/annotations/`` is one):

``sample.csv``
    The passages drawn for coding: ``passage_id``, ``doc_id``, ``language``,
    ``text`` and any metadata; optionally ``round`` (annotation round),
    ``split`` (``"train"``, or ``"test"`` for a held-out test split that is
    never used for tuning) and ``draw`` (how the passage was chosen).
``assignments.csv``
    ``passage_id``, ``coder`` (and ``round``): who codes what. A passage
    listed for two coders is double-coded; they never see each other's labels.
``raw/coder_<X>.csv``
    Each coder's sheet, unchanged: ``passage_id``, ``coder``, one 0/1 column
    per frame, an optional ``note``.
``adjudications.csv``
    ``passage_id``, ``frame``, ``decision`` (0/1), ``reason``: how each
    disagreement was settled.
``gold.csv``, ``disagreements.csv``
    Written by :meth:`AnnotationProject.build_gold` from the files above.

The functions below are the steps: :func:`draw_annotation_sample` draws a
stratified sample (group x strata) with a fixed seed; :func:`assign_coders`
gives each coder a sheet with overlaps; :func:`read_codings` reads and
validates the sheets; :func:`disagreements` lists what double coders
disagree on; :func:`gold_labels` combines codings and adjudications into one
label per passage, and keeps where each label came from.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from pathlib import Path

import numpy as np
import pandas as pd

from ._errors import CorpusValidationError, DiscourseError, ParameterError, invalid_value_message, location
from ._validation import check_int, require_columns

__all__ = [
    "AnnotationProject",
    "assign_coders",
    "disagreements",
    "draw_annotation_sample",
    "gold_labels",
    "read_codings",
]


def draw_annotation_sample(
    passages: pd.DataFrame,
    *,
    quotas: dict[str, int],
    by: str,
    strata: Sequence[str] = ("language", "genre"),
    min_per_stratum: int = 3,
    random_state: int = 0,
) -> pd.DataFrame:
    """Draw a stratified sample of passages for coding.

    Within each group of ``by``, the group's quota is spread over ``strata``
    cells in proportion to the square root of the cell size (so small genres
    such as Telegram posts are not swamped by press briefings), with at least
    ``min_per_stratum`` per cell (or the whole cell when smaller), then drawn
    without replacement.

    Parameters
    ----------
    passages : DataFrame
        Passage table with ``passage_id``, ``by`` and the ``strata`` columns.
    quotas : dict
        Quota per group of ``by``, e.g. ``{"outlet A": 130, "outlet B": 40}``.
    by : str
        The column whose groups get the quotas.
    strata : sequence of str
        Columns that define cells within a group.
    min_per_stratum : int
        Floor per non-empty cell.
    random_state : int
        Seed.

    Returns
    -------
    DataFrame
        The sampled passages in a shuffled, seeded order (the coding order),
        with a ``sample_order`` column starting at 1.

    Raises
    ------
    ParameterError
        If a column is missing.
    DiscourseError
        If a group in ``quotas`` has fewer passages than its quota.
    """
    require_columns(passages, ["passage_id", by, *strata])
    rng = np.random.default_rng(random_state)
    picks = []
    for group, quota in quotas.items():
        pool = passages[passages[by] == group]
        if len(pool) < quota:
            raise DiscourseError(f"{by} {group!r} has {len(pool)} passages, fewer than its quota {quota}")
        cells = pool.groupby(list(strata)).size()
        weights = np.sqrt(cells.to_numpy(dtype=float))
        alloc = np.minimum(cells.to_numpy(), np.maximum(min_per_stratum, np.floor(quota * weights / weights.sum())).astype(int))
        # Hand out what rounding left over to the cells with most room, largest first.
        while alloc.sum() < quota:
            room = cells.to_numpy() - alloc
            alloc[int(np.argmax(np.where(room > 0, weights, -1)))] += 1
        while alloc.sum() > quota:
            alloc[int(np.argmax(alloc))] -= 1
        for (key, n) in zip(cells.index, alloc):
            key = key if isinstance(key, tuple) else (key,)
            cell = pool
            for col, val in zip(strata, key):
                cell = cell[cell[col] == val]
            idx = rng.choice(len(cell), size=int(n), replace=False)
            picks.append(cell.iloc[np.sort(idx)])
    sample = pd.concat(picks, ignore_index=True)
    sample = sample.iloc[rng.permutation(len(sample))].reset_index(drop=True)
    sample.insert(0, "sample_order", np.arange(1, len(sample) + 1))
    return sample


def assign_coders(n: int, *, coders: Sequence[str], overlap: int) -> dict[str, list[int]]:
    """Split ``n`` sample positions among coders in a ring with pairwise overlaps.

    Positions are cut into ``len(coders)`` blocks; coder *k* codes block *k*
    plus the first ``overlap`` positions of block *k+1* (wrapping around), so
    each overlap is coded by exactly two coders and every coder has two
    different partners.

    Examples
    --------
    >>> assign_coders(6, coders=["A", "B", "C"], overlap=1)
    {'A': [0, 1, 2], 'B': [2, 3, 4], 'C': [4, 5, 0]}
    """
    k = len(coders)
    if k < 2:
        raise ParameterError(invalid_value_message("coders", list(coders), must="a list of at least two coders"))
    bounds = np.linspace(0, n, k + 1).astype(int)
    overlap = check_int("overlap", overlap, minimum=0, maximum=int(min(np.diff(bounds))))
    out = {}
    for i, c in enumerate(coders):
        own = list(range(int(bounds[i]), int(bounds[i + 1])))
        nxt = int(bounds[(i + 1) % k])
        out[c] = own + [(nxt + j) % n for j in range(overlap)]
    return out


def read_codings(paths: Sequence[str | Path], *, frames: Sequence[str], id_column: str = "passage_id") -> pd.DataFrame:
    """Read coders' CSV sheets into one long table (passage × coder).

    Each sheet has ``passage_id``, ``coder`` and one column per frame id
    holding 0 or 1 (an empty cell is an error: a coder must decide).

    Returns
    -------
    DataFrame
        Columns ``passage_id``, ``coder``, the frames (int), ``note`` when
        present, and ``sheet`` (the file name).

    Raises
    ------
    CorpusValidationError
        Naming the file, line and value for a missing frame column, a value
        other than 0/1, or a passage coded twice by the same coder.
    """
    frames = list(frames)
    out = []
    for path in paths:
        path = Path(path)
        sheet = pd.read_csv(path, dtype=str, keep_default_na=False)
        missing = [c for c in [id_column, "coder", *frames] if c not in sheet.columns]
        if missing:
            raise CorpusValidationError(f"{path}: missing column(s) {missing}")
        for i, row in sheet.iterrows():
            for f in frames:
                if row[f].strip() not in ("0", "1"):
                    raise CorpusValidationError(
                        f"{location(path, i + 2)}: frame `{f}` has value {row[f]!r} for passage {row[id_column]!r}; must be 0 or 1")
        dup = sheet.duplicated([id_column, "coder"])
        if dup.any():
            i = int(np.flatnonzero(dup.to_numpy())[0])
            raise CorpusValidationError(f"{location(path, i + 2)}: passage {sheet[id_column].iloc[i]!r} coded twice by the same coder")
        sheet[frames] = sheet[frames].apply(lambda s: s.str.strip().astype(int))
        sheet["sheet"] = path.name
        out.append(sheet)
    return pd.concat(out, ignore_index=True)


def disagreements(codings: pd.DataFrame, *, frames: Sequence[str]) -> pd.DataFrame:
    """The (passage, frame) pairs on which a passage's coders differ: one row per coder's value.

    Parameters
    ----------
    codings : DataFrame
        As returned by :func:`read_codings` (``passage_id``, ``coder``, the
        frames, optionally ``note``).
    frames : sequence of str
        The frame columns.

    Returns
    -------
    DataFrame
        Long format, ordered by passage (first appearance) and frame:
        ``passage_id``, ``frame``, ``coder``, ``value`` and ``note`` (the
        coder's note on the passage; empty if none).

    Examples
    --------
    >>> codings = pd.DataFrame({"passage_id": ["p1", "p1", "p2"], "coder": ["A", "B", "A"],  # synthetic
    ...                         "economic": [1, 0, 1], "note": ["salaries", "only aid", ""]})
    >>> disagreements(codings, frames=["economic"])
      passage_id     frame coder  value      note
    0         p1  economic     A      1  salaries
    1         p1  economic     B      0  only aid
    """
    frames = list(frames)
    rows = []
    notes = codings["note"] if "note" in codings.columns else pd.Series("", index=codings.index)
    for pid, grp in codings.groupby("passage_id", sort=False):
        if len(grp) < 2:
            continue
        for f in frames:
            if grp[f].nunique() > 1:
                rows += [{"passage_id": pid, "frame": f, "coder": c, "value": int(v), "note": n}
                         for c, v, n in zip(grp["coder"], grp[f], notes.loc[grp.index].fillna(""))]
    return pd.DataFrame(rows, columns=["passage_id", "frame", "coder", "value", "note"])


def gold_labels(codings: pd.DataFrame, adjudications: pd.DataFrame | None, *, frames: Sequence[str]) -> pd.DataFrame:
    """One label per passage and frame, and where it came from.

    Single-coded passages take their coder's labels. Double-coded passages
    take the coders' shared value where they agree, and the adjudicator's
    decision (``adjudications``: ``passage_id``, ``frame``, ``decision``)
    where they differ.

    Returns
    -------
    DataFrame
        ``passage_id``, the frames (int), ``n_coders`` and ``label_source``
        (``single``, ``agreed``, or ``adjudicated``).

    Raises
    ------
    DiscourseError
        If a disagreement has no adjudication.
    """
    frames = list(frames)
    adj = {}
    if adjudications is not None and len(adjudications):
        adj = {(r.passage_id, r.frame): int(r.decision) for r in adjudications.itertuples()}
    rows = []
    for pid, grp in codings.groupby("passage_id", sort=False):
        row = {"passage_id": pid, "n_coders": len(grp)}
        source = "single" if len(grp) == 1 else "agreed"
        for f in frames:
            vals = set(grp[f].tolist())
            if len(vals) == 1:
                row[f] = vals.pop()
            else:
                if (pid, f) not in adj:
                    raise DiscourseError(f"passage {pid!r}, frame {f!r}: coders disagree and there is no adjudication")
                row[f] = adj[(pid, f)]
                source = "adjudicated"
        row["label_source"] = source
        rows.append(row)
    return pd.DataFrame(rows)[["passage_id", *frames, "n_coders", "label_source"]]


# ---------------------------------------------------------------------------
# A gold-set folder
# ---------------------------------------------------------------------------
_SAMPLE_REQUIRED = ("passage_id", "doc_id", "language", "text")


def _read_csv(path: Path, required: Sequence[str], *, unique: Sequence[str] | None = None) -> pd.DataFrame:
    """A CSV of a gold-set folder as strings, with its required columns and unique keys checked."""
    if not path.is_file():
        raise FileNotFoundError(f"Gold-set file not found: {path}")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise CorpusValidationError(f"{path}: missing column(s) {missing}; columns are {list(table.columns)}.")
    if unique:
        dup = table.duplicated(list(unique))
        if dup.any():
            i = int(np.flatnonzero(dup.to_numpy())[0])
            key = ", ".join(f"{c}={table[c].iloc[i]!r}" for c in unique)
            raise CorpusValidationError(f"{location(path, i + 2)}: {key} appears more than once.")
    return table


class AnnotationProject:
    """A gold-set folder (see the module docstring for its files) and the work done on it.

    Parameters
    ----------
    folder : path-like
        The gold-set folder.
    codebook : str, path-like or Codebook
        The codebook the passages are coded with (fixes the frame columns).

    Examples
    --------
    >>> from discourse.paths import corpus_dir
    >>> project = AnnotationProject(corpus_dir() / "annotations", "afghanistan")
    >>> int(project.status()["to_code"].sum())  # every assigned passage is coded
    0
    """

    def __init__(self, folder: str | Path, codebook: Any):
        from discourse.framing.codebooks import load_codebook

        self.folder = Path(folder)
        self.codebook = load_codebook(codebook)
        self.frames = self.codebook.frame_ids

    def __repr__(self) -> str:
        return f"AnnotationProject({str(self.folder)!r}, codebook={self.codebook.name!r})"

    # ------------------------------------------------------------- reading
    def sample(self) -> pd.DataFrame:
        """``sample.csv``: the passages drawn for coding (strings, file order)."""
        return _read_csv(self.folder / "sample.csv", _SAMPLE_REQUIRED, unique=["passage_id"])

    def assignments(self) -> pd.DataFrame:
        """``assignments.csv``: one row per passage x coder."""
        return _read_csv(self.folder / "assignments.csv", ("passage_id", "coder"), unique=["passage_id", "coder"])

    def codings(self) -> pd.DataFrame:
        """Every coder's sheet (``raw/coder_*.csv``) as one long table; empty before anyone has coded."""
        sheets = sorted((self.folder / "raw").glob("coder_*.csv"))
        if not sheets:
            return pd.DataFrame(columns=["passage_id", "coder", *self.frames, "note", "sheet"])
        return read_codings(sheets, frames=self.frames)

    def adjudications(self) -> pd.DataFrame:
        """``adjudications.csv`` (empty when absent), with ``decision`` as int."""
        path = self.folder / "adjudications.csv"
        if not path.is_file():
            return pd.DataFrame(columns=["passage_id", "frame", "decision", "reason"])
        table = _read_csv(path, ("passage_id", "frame", "decision", "reason"), unique=["passage_id", "frame"])
        bad = ~table["decision"].str.strip().isin(["0", "1"])
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise CorpusValidationError(
                f"{location(path, i + 2)}: decision {table['decision'].iloc[i]!r} for passage "
                f"{table['passage_id'].iloc[i]!r}, frame {table['frame'].iloc[i]!r}; must be 0 or 1.")
        unknown = ~table["frame"].isin(self.frames)
        if unknown.any():
            i = int(np.flatnonzero(unknown.to_numpy())[0])
            raise CorpusValidationError(f"{location(path, i + 2)}: {invalid_value_message('frame', table['frame'].iloc[i], self.frames)}")
        return table.assign(decision=table["decision"].str.strip().astype(int))

    def status(self) -> pd.DataFrame:
        """Per coder: passages assigned, coded, still to code, and coded without being assigned."""
        assigned = self.assignments()
        codings = self.codings()
        rows = {}
        for coder in sorted(set(assigned["coder"]) | set(codings["coder"])):
            mine = set(assigned.loc[assigned["coder"] == coder, "passage_id"])
            done = set(codings.loc[codings["coder"] == coder, "passage_id"])
            rows[coder] = {"assigned": len(mine), "coded": len(mine & done), "to_code": len(mine - done),
                           "unassigned_codings": len(done - mine)}
        out = pd.DataFrame.from_dict(rows, orient="index")
        out.index.name = "coder"
        return out

    # ------------------------------------------------------------- checking
    def _checked_codings(self, *, complete: bool) -> pd.DataFrame:
        """Codings of sampled, assigned passages; with ``complete``, every assignment must be coded."""
        sample_ids = set(self.sample()["passage_id"])
        assigned = self.assignments()
        codings = self.codings()
        where = self.folder / "raw"
        outside = ~codings["passage_id"].isin(sample_ids)
        if outside.any():
            row = codings[outside].iloc[0]
            raise CorpusValidationError(
                f"{where / row['sheet']}: passage {row['passage_id']!r} (coder {row['coder']!r}) is not in sample.csv.")
        pairs = set(zip(assigned["passage_id"], assigned["coder"]))
        unassigned = [(p, c, s) for p, c, s in zip(codings["passage_id"], codings["coder"], codings["sheet"])
                      if (p, c) not in pairs]
        if unassigned:
            p, c, s = unassigned[0]
            raise CorpusValidationError(
                f"{where / s}: coder {c!r} coded passage {p!r}, which assignments.csv does not give them "
                f"({len(unassigned)} such codings).")
        if complete:
            coded = set(zip(codings["passage_id"], codings["coder"]))
            todo = [(p, c) for p, c in zip(assigned["passage_id"], assigned["coder"]) if (p, c) not in coded]
            if todo:
                per = pd.Series([c for _, c in todo]).value_counts().to_dict()
                raise DiscourseError(
                    f"{len(todo)} assigned codings are missing (per coder: {per}; first: passage {todo[0][0]!r}, "
                    f"coder {todo[0][1]!r}); finish coding or pass complete=False to use what is coded.")
        return codings

    def disagreements(self, *, with_text: bool = True) -> pd.DataFrame:
        """What double coders disagree on (:func:`disagreements`), with the passage and any adjudication.

        Returns
        -------
        DataFrame
            One row per passage x frame x coder: ``passage_id``, ``frame``,
            ``coder``, ``value``, ``note``, ``decision`` and ``reason`` (the
            adjudication, missing where there is none yet) and, with
            ``with_text``, the passage's ``language``, ``source`` (when the
            sample has it) and ``text``.
        """
        table = disagreements(self._checked_codings(complete=False), frames=self.frames)
        adj = self.adjudications()[["passage_id", "frame", "decision", "reason"]]
        table = table.merge(adj, on=["passage_id", "frame"], how="left")
        if with_text:
            sample = self.sample()
            keep = [c for c in ("passage_id", "language", "source", "text") if c in sample.columns]
            table = table.merge(sample[keep], on="passage_id", how="left")
        return table

    def reliability(self, *, by: str | None = None, n_boot: int = 1000, random_state: int = 0) -> pd.DataFrame:
        """Agreement of the double-coded passages per frame (:func:`discourse.reliability.agreement_table`).

        ``by`` names a column of ``sample.csv`` (e.g. ``"language"``) for one
        table per group.
        """
        from discourse.reliability import agreement_table

        codings = self._checked_codings(complete=False)
        if by is not None:
            sample = self.sample()
            require_columns(sample, [by], argument="sample.csv", role="by")
            codings = codings.merge(sample[["passage_id", by]], on="passage_id", how="left")
        return agreement_table(codings, frames=self.frames, by=by, n_boot=n_boot, random_state=random_state)

    # ------------------------------------------------------------- gold
    def build_gold(self, *, write: bool = True, complete: bool = True) -> pd.DataFrame:
        """Combine the codings and adjudications into one label per passage (:func:`gold_labels`).

        Parameters
        ----------
        write : bool, default=True
            Write ``gold.csv`` and ``disagreements.csv`` into the folder.
        complete : bool, default=True
            Require every assigned coding to be done; with False, passages
            not yet coded by anyone are left out.

        Returns
        -------
        DataFrame
            ``gold.csv``: ``passage_id`` (sample order), the frames (int),
            ``n_coders``, ``label_source``.

        Raises
        ------
        CorpusValidationError
            A coding of a passage outside the sample or not assigned to its
            coder (naming the sheet), an adjudication of a pair on which the
            coders agree or that nobody double-coded (naming the line).
        DiscourseError
            Missing codings (with ``complete``), or a disagreement without an
            adjudication (listing how many and the first).
        """
        codings = self._checked_codings(complete=complete)
        adj = self.adjudications()
        open_pairs = disagreements(codings, frames=self.frames)[["passage_id", "frame"]].drop_duplicates()
        needed = set(zip(open_pairs["passage_id"], open_pairs["frame"]))
        stale = [i for i, pair in enumerate(zip(adj["passage_id"], adj["frame"])) if pair not in needed]
        if stale:
            i = stale[0]
            raise CorpusValidationError(
                f"{location(self.folder / 'adjudications.csv', i + 2)}: passage {adj['passage_id'].iloc[i]!r}, frame "
                f"{adj['frame'].iloc[i]!r} is adjudicated but its coders do not disagree ({len(stale)} such rows).")
        missing = sorted(needed - set(zip(adj["passage_id"], adj["frame"])))
        if missing:
            raise DiscourseError(
                f"{len(missing)} disagreements have no adjudication (first: passage {missing[0][0]!r}, frame "
                f"{missing[0][1]!r}); see AnnotationProject.disagreements() and record decisions in "
                f"{self.folder / 'adjudications.csv'}.")
        gold = gold_labels(codings, adj, frames=self.frames)
        order = [p for p in self.sample()["passage_id"] if p in set(gold["passage_id"])]
        gold = gold.set_index("passage_id").loc[order].reset_index()
        if write:
            gold.to_csv(self.folder / "gold.csv", index=False, lineterminator="\n")
            self.disagreements(with_text=False).drop(columns=["decision", "reason"]).to_csv(
                self.folder / "disagreements.csv", index=False, lineterminator="\n")
        return gold

    # ------------------------------------------------------------- writing
    def create(self, *, exist_ok: bool = False) -> AnnotationProject:
        """Make the folder (and ``raw/``) for a new gold set; returns ``self``."""
        if (self.folder / "sample.csv").exists() and not exist_ok:
            raise DiscourseError(f"{self.folder} already holds a gold set (sample.csv); pass exist_ok=True.")
        (self.folder / "raw").mkdir(parents=True, exist_ok=True)
        return self

    def add_round(self, passages: pd.DataFrame, *, coders: Sequence[str], double_share: float = 0.3,
                  split: str = "train", draw: str = "", random_state: int = 0) -> pd.DataFrame:
        """Add passages to code, and who codes them.

        Every passage goes to one coder (in turn) and a ``double_share`` of
        them, drawn at random, to a second one as well; coder pairs rotate so
        that every pair shares passages (for reliability). Draw a test split
        *first*, as its own round with ``split="test"`` and
        ``double_share=1``, before any model or lexicon work.

        Parameters
        ----------
        passages : DataFrame
            ``passage_id``, ``doc_id``, ``language``, ``text`` and any
            metadata (e.g. from :func:`discourse.passages` and
            :func:`draw_annotation_sample`). None may be in the gold set yet.
        coders : sequence of str
            Coder ids (letters or short names), at least two.
        double_share : float, default=0.3
            Share of the passages coded by two coders.
        split : {"train", "test"}, default="train"
            The split these passages belong to.
        draw : str
            How they were chosen (kept in ``sample.csv``).
        random_state : int
            Seed of the double-coded draw and the order.

        Returns
        -------
        DataFrame
            The rows appended to ``sample.csv``.
        """
        from ._validation import check_option, check_real

        require_columns(passages, _SAMPLE_REQUIRED, argument="passages")
        check_option("split", split, ("train", "test"))
        double_share = check_real("double_share", double_share, minimum=0, maximum=1)
        coders = [str(c) for c in coders]
        if len(coders) < 2 or len(set(coders)) != len(coders):
            raise ParameterError(invalid_value_message("coders", coders, must="at least two distinct coder ids"))
        if passages["passage_id"].duplicated().any():
            raise DiscourseError(f"`passages` repeats passage_id {passages['passage_id'][passages['passage_id'].duplicated()].iloc[0]!r}.")
        self.create(exist_ok=True)
        sample_path, assign_path = self.folder / "sample.csv", self.folder / "assignments.csv"
        sample = self.sample() if sample_path.exists() else pd.DataFrame(columns=["round", "split", "draw"])
        taken = set(sample["passage_id"]) if "passage_id" in sample.columns else set()
        clash = [p for p in passages["passage_id"] if p in taken]
        if clash:
            raise DiscourseError(f"{len(clash)} passages are already in {sample_path} (first: {clash[0]!r}).")
        rnd = str(int(pd.to_numeric(sample["round"]).max()) + 1) if len(sample) else "1"
        rng = np.random.default_rng(random_state)
        new = passages.iloc[rng.permutation(len(passages))].astype(str).reset_index(drop=True)
        new.insert(0, "draw", draw)
        new.insert(0, "split", split)
        new.insert(0, "round", rnd)
        double = set(rng.choice(len(new), size=int(round(double_share * len(new))), replace=False).tolist())
        rows, k_double = [], 0
        for i, pid in enumerate(new["passage_id"]):
            first = coders[i % len(coders)]
            rows.append((rnd, pid, first))
            if i in double:
                offset = 1 + k_double % (len(coders) - 1)
                rows.append((rnd, pid, coders[(i + offset) % len(coders)]))
                k_double += 1
        combined = pd.concat([sample, new], ignore_index=True).fillna("")
        combined.to_csv(sample_path, index=False, lineterminator="\n")
        assigned = pd.DataFrame(rows, columns=["round", "passage_id", "coder"])
        if assign_path.exists():
            assigned = pd.concat([self.assignments(), assigned], ignore_index=True).fillna("")
        assigned.to_csv(assign_path, index=False, lineterminator="\n")
        return new

    def coding_sheet(self, coder: str, *, only_uncoded: bool = True) -> pd.DataFrame:
        """The passages assigned to ``coder`` (those not yet coded, by default), with empty frame columns.

        Write it with ``.to_csv(...)`` for coders who work in a spreadsheet;
        read it back with :meth:`import_sheet`.
        """
        assigned = self.assignments()
        mine = assigned.loc[assigned["coder"] == str(coder), "passage_id"]
        if mine.empty:
            raise DiscourseError(f"No passages are assigned to coder {coder!r} in {self.folder / 'assignments.csv'}.")
        sample = self.sample().set_index("passage_id")
        if only_uncoded:
            codings = self.codings()
            done = set(codings.loc[codings["coder"] == str(coder), "passage_id"])
            mine = mine[~mine.isin(done)]
        meta = [c for c in ("doc_id", "source", "genre", "language", "date") if c in sample.columns]
        sheet = sample.loc[list(mine), [*meta, "text"]].reset_index()
        sheet.insert(1, "coder", str(coder))
        for f in self.frames:
            sheet[f] = ""
        sheet["note"] = ""
        return sheet

    def import_sheet(self, path: str | Path) -> int:
        """Add a filled coding sheet's rows to ``raw/coder_<X>.csv``; returns how many were added.

        Every frame cell must be 0 or 1 (errors name the file and line), the
        passages must be assigned to the coder, and a passage already coded
        by that coder is refused (edit the raw sheet itself to correct it).
        """
        filled = read_codings([path], frames=self.frames)
        coders = filled["coder"].unique()
        if len(coders) != 1:
            raise DiscourseError(f"{path}: a sheet holds one coder's codings; found {sorted(coders)}.")
        coder = str(coders[0])
        raw = self.folder / "raw" / f"coder_{coder}.csv"
        assigned = self.assignments()
        mine = set(assigned.loc[assigned["coder"] == coder, "passage_id"])
        stray = [p for p in filled["passage_id"] if p not in mine]
        if stray:
            raise DiscourseError(f"{path}: passage {stray[0]!r} is not assigned to coder {coder!r}.")
        old = read_codings([raw], frames=self.frames) if raw.exists() else filled.iloc[0:0]
        again = sorted(set(old["passage_id"]) & set(filled["passage_id"]))
        if again:
            raise DiscourseError(f"{path}: coder {coder!r} has already coded {len(again)} of these passages "
                                 f"(first: {again[0]!r}) in {raw}.")
        cols = ["passage_id", "coder", *self.frames, "note"]
        out = pd.concat([old.reindex(columns=cols), filled.reindex(columns=cols)], ignore_index=True).fillna("")
        raw.parent.mkdir(parents=True, exist_ok=True)
        out.to_csv(raw, index=False, lineterminator="\n")
        return len(filled)

    def record_adjudication(self, passage_id: str, frame: str, decision: int, reason: str) -> None:
        """Settle one disagreement: append (or replace) its row in ``adjudications.csv``."""
        if frame not in self.frames:
            raise ParameterError(invalid_value_message("frame", frame, self.frames))
        if decision not in (0, 1) or isinstance(decision, bool):
            raise ParameterError(invalid_value_message("decision", decision, [0, 1]))
        if not isinstance(reason, str) or not reason.strip():
            raise ParameterError(invalid_value_message("reason", reason, must="a sentence saying why (cite the guide)"))
        open_pairs = disagreements(self._checked_codings(complete=False), frames=self.frames)
        if not ((open_pairs["passage_id"] == passage_id) & (open_pairs["frame"] == frame)).any():
            raise DiscourseError(f"Passage {passage_id!r}, frame {frame!r}: its coders do not disagree (or it is "
                                 "not double-coded yet); there is nothing to adjudicate.")
        adj = self.adjudications()
        adj = adj[~((adj["passage_id"] == passage_id) & (adj["frame"] == frame))]
        row = pd.DataFrame([{"passage_id": passage_id, "frame": frame, "decision": int(decision),
                             "reason": " ".join(reason.split())}])
        pd.concat([adj, row], ignore_index=True).fillna("").to_csv(
            self.folder / "adjudications.csv", index=False, lineterminator="\n")

    def suggest(self, model: Any, pool: pd.DataFrame, *, n: int = 50) -> pd.DataFrame:
        """The passages of ``pool`` a model is least sure about: the ones to code next.

        Uncertainty sampling: a passage's score is the largest, over frames,
        of ``1 - |p - t| / max(t, 1 - t)`` for the model's probability ``p``
        and the frame's decision threshold ``t`` (1 on the threshold, 0 at a
        certain 0 or 1). Passages already in the gold set — the test split
        among them — are never suggested.

        Parameters
        ----------
        model : fitted SupervisedFrameClassifier
            Or any classifier with ``predict_proba`` and ``thresholds_``.
        pool : DataFrame
            Candidate passages (``passage_id``, ``text``, ``language`` ...).
        n : int, default=50
            How many.

        Returns
        -------
        DataFrame
            ``n`` rows of ``pool``, most uncertain first, with
            ``uncertainty`` and ``most_uncertain_frame``.
        """
        n = check_int("n", n, minimum=1)
        require_columns(pool, ["passage_id"], argument="pool")
        if not hasattr(model, "predict_proba") or not hasattr(model, "thresholds_"):
            raise ParameterError("`model` must be a fitted classifier with predict_proba and thresholds_ "
                                 "(e.g. SupervisedFrameClassifier); a lexicon has no probabilities.")
        coded = set(self.sample()["passage_id"]) if (self.folder / "sample.csv").exists() else set()
        candidates = pool[~pool["passage_id"].astype(str).isin(coded)]
        if candidates.empty:
            return candidates.assign(uncertainty=pd.Series(dtype=float), most_uncertain_frame=pd.Series(dtype=str))
        proba = model.predict_proba(candidates)
        t = model.thresholds_.reindex(proba.columns).to_numpy()
        closeness = 1 - np.abs(proba.to_numpy() - t) / np.maximum(t, 1 - t)
        out = candidates.assign(uncertainty=closeness.max(axis=1),
                                most_uncertain_frame=np.asarray(proba.columns)[closeness.argmax(axis=1)])
        return out.sort_values("uncertainty", ascending=False, kind="stable").head(n)

    def coding_widget(self, coder: str):  # noqa: ANN201 (ipywidgets type)
        """An in-notebook coding widget for ``coder`` (see :class:`discourse.coding_widget.CodingWidget`)."""
        from .coding_widget import CodingWidget

        return CodingWidget(self, coder)
