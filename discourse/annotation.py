"""Gold annotations: drawing the coding sample, reading coders' sheets, adjudication.

The annotation workflow, as run for ``corpus/annotations/``:

1. :func:`draw_annotation_sample` draws a stratified sample of passages
   (group × strata, e.g. outlet × language × genre) with a fixed seed.
2. :func:`assign_coders` gives each coder a sheet; an overlap block is coded
   by two coders who never see each other's labels.
3. Raw sheets are kept unchanged in ``corpus/annotations/raw/``;
   :func:`read_codings` reads them into one long table (one row per passage
   × coder) and validates every cell.
4. Disagreements are adjudicated; :func:`gold_labels` combines single codings
   and adjudications into one label per passage, and keeps where each label
   came from.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ._errors import CorpusValidationError, DiscourseError, ParameterError, invalid_value_message, location
from ._validation import check_int, require_columns


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
    """List (passage, frame) pairs where double coders differ, one row each."""
    frames = list(frames)
    rows = []
    for pid, grp in codings.groupby("passage_id", sort=False):
        if len(grp) < 2:
            continue
        for f in frames:
            vals = grp[f].tolist()
            if len(set(vals)) > 1:
                rows.append({"passage_id": pid, "frame": f,
                             **{f"coder_{c}": v for c, v in zip(grp["coder"], vals)}})
    return pd.DataFrame(rows)


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
