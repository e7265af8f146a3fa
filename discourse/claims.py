"""Checking a qualitative claim against a measured difference, with an explicit rule.

A claim such as "outlet A called for engagement more than outlet B did"
becomes a :class:`Claim` (frame, group, comparison group, direction). :func:`check_claims` reads the matching row of a
:func:`discourse.prevalence.prevalence_differences` table and returns a
verdict by one stated rule, so the notebook's wording follows from numbers:

* ``supported`` — the difference is in the claimed direction, its bootstrap
  CI excludes 0, and ``p_adj < alpha``;
* ``contradicted`` — the same, in the opposite direction;
* ``cannot decide`` — anything else (including too few passages:
  fewer than ``min_passages`` in either group).

:func:`check_adjusted` applies the same rule to differences adjusted for
covariates (:mod:`discourse.adjusted_prevalence`), pair by pair, and says
``not identifiable`` where the two groups share no comparable cell.
:func:`findings` sets the verdicts of two codings (a classifier's and the
gold passages') and the corrected reading side by side, with a one-line
reading of each claim.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import pandas as pd

from ._errors import DiscourseError
from ._validation import check_option
from .adjusted_prevalence import IdentifiabilityError, adjusted_differences
from .subsets import comparable_subsets


@dataclass(frozen=True)
class Claim:
    """One directional claim about frame prevalence."""

    text: str
    frame: str
    group: str
    reference: str
    direction: str = "more"  # "more" or "less"


def _group_column(table: pd.DataFrame, name: str, by: str | None) -> str:
    """``by``, or the single grouping column that frame_prevalence recorded in ``table.attrs``."""
    if by is not None:
        return by
    recorded = table.attrs.get("by")
    column = recorded[0] if isinstance(recorded, list) and len(recorded) == 1 else recorded
    if not isinstance(column, str):
        raise DiscourseError(f"`by` must name the grouping column of `{name}` (its attrs do not record one).")
    return column


def check_claims(
    claims: Sequence[Claim],
    differences: pd.DataFrame,
    *,
    counts: pd.DataFrame | None = None,
    alpha: float = 0.05,
    min_passages: int = 30,
    by: str | None = None,
) -> pd.DataFrame:
    """Verdicts for ``claims`` from a prevalence-differences table.

    Parameters
    ----------
    claims : sequence of Claim
    differences : DataFrame
        From :func:`discourse.prevalence.prevalence_differences`: ``group_a``,
        ``group_b``, ``frame``, ``share_a``, ``share_b``, ``diff``,
        ``ci_low``, ``ci_high``, ``p_adj``.
    counts : DataFrame, optional
        From :func:`discourse.prevalence.frame_prevalence` (``by`` column and
        ``n_passages``), to apply ``min_passages``.
    alpha : float
    min_passages : int
    by : str, optional
        The grouping column of ``counts``; default the ``by`` recorded in
        its ``attrs`` (as :func:`~discourse.prevalence.frame_prevalence` records it).

    Returns
    -------
    DataFrame
        One row per claim: the claim's fields, ``share_group``,
        ``share_reference``, ``diff`` (group − reference), its CI, ``p_adj``
        and ``verdict``.

    Raises
    ------
    ValueError
        If a claim's pair or frame is not in ``differences``, or a direction
        is not "more"/"less".
    """
    group_col = _group_column(counts, "counts", by) if counts is not None else by
    rows = []
    for c in claims:
        check_option("direction", c.direction, ["more", "less"])
        d = differences
        hit = d[(d["frame"] == c.frame) & (d["group_a"] == c.group) & (d["group_b"] == c.reference)]
        sign = 1.0
        if hit.empty:
            hit = d[(d["frame"] == c.frame) & (d["group_a"] == c.reference) & (d["group_b"] == c.group)]
            sign = -1.0
        if hit.empty:
            raise DiscourseError(f"No row for frame {c.frame!r} and groups {c.group!r} vs {c.reference!r} in `differences`.")
        r = hit.iloc[0]
        diff = sign * r["diff"]
        lo, hi = sorted([sign * r["ci_low"], sign * r["ci_high"]])
        share_g, share_r = (r["share_a"], r["share_b"]) if sign > 0 else (r["share_b"], r["share_a"])
        enough = True
        if counts is not None:
            n = counts[counts["frame"] == c.frame].set_index(group_col)["n_passages"]
            enough = min(n.get(c.group, 0), n.get(c.reference, 0)) >= min_passages
        rows.append({**asdict(c), "share_group": share_g, "share_reference": share_r, "diff": diff,
                     "ci_low": lo, "ci_high": hi, "p_adj": r["p_adj"],
                     "verdict": _verdict(c, diff, lo, hi, r["p_adj"], enough=enough, alpha=alpha)})
    out = pd.DataFrame(rows)
    out.attrs = {"alpha": alpha, "min_passages": min_passages}
    return out


def _verdict(claim: Claim, diff: float, lo: float, hi: float, p_adj: float, *, enough: bool, alpha: float) -> str:
    """The module's one rule: the claimed sign, an interval excluding 0 and p_adj < alpha, with enough passages."""
    significant = enough and p_adj < alpha and (lo > 0 or hi < 0)
    claimed = 1 if claim.direction == "more" else -1
    if significant and diff * claimed > 0:
        return "supported"
    if significant:
        return "contradicted"
    return "cannot decide"


def check_corrected(claims: Sequence[Claim], shares: pd.DataFrame, *, by: str | None = None) -> pd.DataFrame:
    """Each claim read on error-corrected shares: do the two groups' corrected intervals separate?

    Observed differences carry a classifier's errors; when those differ
    between the groups (e.g. groups that write in different languages), an
    observed difference can come from the errors alone. This reads the
    corrected shares of :func:`discourse.prevalence.frame_prevalence` (with
    ``correction=``) and applies a deliberately conservative rule: the
    claim's direction holds after correction only if the two 95% intervals
    do not overlap (a stricter test than an interval for the difference).

    Parameters
    ----------
    claims : sequence of Claim
    shares : DataFrame
        From :func:`~discourse.prevalence.frame_prevalence` with a
        correction: the ``by`` column, ``frame``, ``share_corrected``,
        ``ci_low_corrected``, ``ci_high_corrected``.
    by : str, optional
        The grouping column; default the ``by`` recorded in ``shares.attrs``.

    Returns
    -------
    DataFrame
        One row per claim: ``text``, ``corrected_group``, ``group_ci_low``,
        ``group_ci_high``, ``corrected_reference``, ``reference_ci_low``,
        ``reference_ci_high`` and ``after_correction``:
        ``"separate as claimed"``, ``"separate, opposite"``, ``"intervals overlap"``
        or ``"not correctable"`` (a corrected share is NaN).

    Examples
    --------
    >>> shares = pd.DataFrame({"bloc": ["A", "B"], "frame": "aid", "share_corrected": [0.4, 0.1],  # synthetic
    ...                        "ci_low_corrected": [0.3, 0.05], "ci_high_corrected": [0.5, 0.2]})
    >>> check_corrected([Claim("A stresses aid", "aid", "A", "B")], shares, by="bloc")["after_correction"].tolist()
    ['separate as claimed']
    """
    by = _group_column(shares, "shares", by)
    cols = ["share_corrected", "ci_low_corrected", "ci_high_corrected"]
    missing = [c for c in [by, "frame", *cols] if c not in shares.columns]
    if missing:
        raise DiscourseError(f"`shares` lacks column(s) {missing}; pass frame_prevalence(..., correction=...).")
    table = shares.set_index([by, "frame"])[cols]
    rows = []
    for c in claims:
        check_option("direction", c.direction, ["more", "less"])
        for g in (c.group, c.reference):
            if (g, c.frame) not in table.index:
                raise DiscourseError(f"No corrected share for {by} {g!r} and frame {c.frame!r} in `shares`.")
        g, r = table.loc[(c.group, c.frame)], table.loc[(c.reference, c.frame)]
        high, low = (g, r) if c.direction == "more" else (r, g)
        if pd.isna(g[cols]).any() or pd.isna(r[cols]).any():
            after = "not correctable"
        elif high["ci_low_corrected"] > low["ci_high_corrected"]:
            after = "separate as claimed"
        elif low["ci_low_corrected"] > high["ci_high_corrected"]:
            after = "separate, opposite"
        else:
            after = "intervals overlap"
        rows.append({"text": c.text, "corrected_group": g["share_corrected"], "group_ci_low": g["ci_low_corrected"],
                     "group_ci_high": g["ci_high_corrected"], "corrected_reference": r["share_corrected"],
                     "reference_ci_low": r["ci_low_corrected"], "reference_ci_high": r["ci_high_corrected"],
                     "after_correction": after})
    return pd.DataFrame(rows)


def check_adjusted(
    claims: Sequence[Claim],
    data: pd.DataFrame,
    *,
    frames: Sequence[str],
    by: str = "bloc",
    covariates: str | Sequence[str] = ("genre", "language"),
    cluster: str = "doc_id",
    min_docs: int = 5,
    min_passages: int = 30,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Each claim read on the difference adjusted for ``covariates``, where the data can identify it.

    For every pair of groups the claims name, the two groups' passages are
    compared with :func:`~discourse.adjusted_prevalence.adjusted_differences`
    (all ``frames``, so the Benjamini-Hochberg adjustment is the one a full
    table would give) and the verdict follows :func:`check_claims`' rule.
    A pair is ``not identifiable`` when the two groups share no cell of
    ``covariates`` with ``min_docs`` documents each
    (:func:`~discourse.subsets.comparable_subsets`): a regression could
    still return a number then, but it would rest on the model's
    extrapolation, not on passages that can be compared. It is also
    ``not identifiable`` when the design is collinear; ``reason`` says why.

    Parameters
    ----------
    claims : sequence of Claim
    data : DataFrame
        Passages with ``by``, the covariates, ``cluster`` and one 0/1
        column per frame (e.g. ``psg.join(clf.predict(psg))``).
    frames : list of str
        The frame columns.
    by, covariates, cluster
        As in :func:`~discourse.adjusted_prevalence.adjusted_prevalence`.
    min_docs : int, default 5
        Documents each group needs in a shared cell.
    min_passages : int, default 30
        Passages each group needs for a verdict other than ``cannot decide``.
    alpha : float, default 0.05

    Returns
    -------
    DataFrame
        One row per claim: ``text``, ``diff_adjusted`` (group − reference),
        ``ci_low``, ``ci_high``, ``p_adj``, ``reliable``, ``shared_cells``
        (how many comparable cells the pair has), ``verdict_adjusted``
        (``supported``, ``contradicted``, ``cannot decide`` or
        ``not identifiable``) and ``reason``. ``attrs`` records the settings.

    Raises
    ------
    ValueError
        If a claim names a group absent from ``data``, or a direction is
        not "more"/"less".

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)  # synthetic: the frame depends on genre only; C shares no genre
    >>> genre = np.r_[["tv"] * 300, ["tweet"] * 100, ["tv"] * 100, ["tweet"] * 300, ["radio"] * 200]
    >>> d = pd.DataFrame({"bloc": ["A"] * 400 + ["B"] * 400 + ["C"] * 200, "genre": genre, "doc_id": np.arange(1000),
    ...                   "chaos": rng.random(1000) < np.where(genre == "tv", .6, .2)})
    >>> claims = [Claim("A is more chaotic than B", "chaos", "A", "B"), Claim("C is calmer", "chaos", "C", "B", "less")]
    >>> check_adjusted(claims, d, frames=["chaos"], covariates="genre")["verdict_adjusted"].tolist()
    ['cannot decide', 'not identifiable']
    """
    within = [covariates] if isinstance(covariates, str) else list(covariates)
    present = set(data[by].dropna().unique()) if by in data.columns else set()
    pairs: dict[tuple, tuple[pd.DataFrame | None, int, str]] = {}
    for c in claims:
        check_option("direction", c.direction, ["more", "less"])
        for g in (c.group, c.reference):
            if g not in present:
                raise DiscourseError(f"Claim {c.text!r}: group {g!r} is not in `data[{by!r}]`.")
        key = tuple(sorted((c.group, c.reference), key=str))
        if key in pairs:
            continue
        sub = data[data[by].isin(key)]
        cells = comparable_subsets(sub, by=by, within=within, min_docs=min_docs, doc_column=cluster)
        n_cells = len(cells.drop_duplicates(within)) if len(cells) else 0
        if not n_cells:
            pairs[key] = (None, 0, f"no cell of {within} where both groups have {min_docs} documents")
            continue
        try:
            pairs[key] = (adjusted_differences(sub, frames, by=by, covariates=within, cluster=cluster), n_cells, "")
        except IdentifiabilityError as err:
            pairs[key] = (None, n_cells, str(err))
    rows = []
    for c in claims:
        table, n_cells, reason = pairs[tuple(sorted((c.group, c.reference), key=str))]
        row = {"text": c.text, "diff_adjusted": float("nan"), "ci_low": float("nan"), "ci_high": float("nan"),
               "p_adj": float("nan"), "reliable": False, "shared_cells": n_cells,
               "verdict_adjusted": "not identifiable", "reason": reason}
        if table is not None:
            hit = table[table["frame"] == c.frame]
            if hit.empty:
                raise DiscourseError(f"Claim {c.text!r}: frame {c.frame!r} is not one of `frames`.")
            r = hit.iloc[0]
            sign = 1.0 if r["group_a"] == c.group else -1.0
            lo, hi = sorted([sign * r["ci_low"], sign * r["ci_high"]])
            n = data[by].value_counts()
            enough = bool(r["reliable"]) and min(n[c.group], n[c.reference]) >= min_passages
            row.update(diff_adjusted=sign * r["difference"], ci_low=lo, ci_high=hi, p_adj=r["p_adj"],
                       reliable=bool(r["reliable"]),
                       verdict_adjusted=_verdict(c, sign * r["difference"], lo, hi, r["p_adj"], enough=enough,
                                                 alpha=alpha),
                       reason="" if r["reliable"] else "the regression separated or did not converge")
        rows.append(row)
    out = pd.DataFrame(rows)
    out.attrs = {"by": by, "covariates": within, "cluster": cluster, "min_docs": min_docs,
                 "min_passages": min_passages, "alpha": alpha}
    return out


def findings(verdicts: pd.DataFrame, gold: pd.DataFrame, corrected: pd.DataFrame) -> pd.DataFrame:
    """One row per claim: the classifier's verdict, the gold verdict, the corrected difference, and a reading.

    Puts side by side what a study would otherwise report in three tables,
    and says in one line, by a fixed rule, how to read each claim:

    * both verdicts agree: that verdict, "by the classifier and by the gold
      passages";
    * they disagree: both verdicts, then why the one that cannot decide
      cannot (its difference's CI includes 0; or ``p_adj`` is not below
      the level; or too few passages), or, for opposite verdicts, that the
      two codings point in opposite directions; "argue from neither alone".

    The corrected reading (:func:`check_corrected`) is appended to every line.

    Parameters
    ----------
    verdicts, gold : DataFrame
        :func:`check_claims` on the classifier's codes and on the gold
        passages (the same claims).
    corrected : DataFrame
        :func:`check_corrected` on the classifier's error-corrected shares.

    Returns
    -------
    DataFrame
        ``text``, ``verdict_classifier``, ``verdict_gold``, ``agree``,
        ``diff_classifier``, ``diff_gold``, ``diff_corrected`` (corrected
        group share minus corrected reference share; NaN where not
        correctable), ``after_correction`` and ``reading``, in the order of
        ``verdicts``.

    Raises
    ------
    DiscourseError
        If a table lacks a column, or the three tables do not hold the same
        claims.

    Examples
    --------
    >>> claim = Claim("A stresses aid", "aid", "A", "B")   # synthetic
    >>> diffs = pd.DataFrame({"group_a": ["A"], "group_b": ["B"], "frame": ["aid"], "share_a": [0.4],
    ...                       "share_b": [0.1], "diff": [0.3], "ci_low": [0.2], "ci_high": [0.4], "p_adj": [0.001]})
    >>> gold_diffs = diffs.assign(diff=0.1, ci_low=-0.05, ci_high=0.25, p_adj=0.2)
    >>> shares = pd.DataFrame({"bloc": ["A", "B"], "frame": "aid", "share_corrected": [0.35, 0.15],
    ...                        "ci_low_corrected": [0.3, 0.05], "ci_high_corrected": [0.4, 0.2]})
    >>> table = findings(check_claims([claim], diffs), check_claims([claim], gold_diffs),
    ...                  check_corrected([claim], shares, by="bloc"))
    >>> print(table.loc[0, "reading"])
    supported by the classifier, cannot decide on the gold passages (their difference's CI, [-0.050, +0.250], includes 0): argue from neither alone; after correction: separate as claimed.
    """
    need = {"verdicts": (verdicts, ["text", "diff", "ci_low", "ci_high", "p_adj", "verdict"]),
            "gold": (gold, ["text", "diff", "ci_low", "ci_high", "p_adj", "verdict"]),
            "corrected": (corrected, ["text", "corrected_group", "corrected_reference", "after_correction"])}
    for name, (table, columns) in need.items():
        missing = [c for c in columns if c not in table.columns]
        if missing:
            raise DiscourseError(f"`{name}` lacks column(s) {missing}; pass the output of "
                                 f"{'check_corrected' if name == 'corrected' else 'check_claims'}.")
    texts = list(verdicts["text"])
    for name in ("gold", "corrected"):
        if sorted(need[name][0]["text"]) != sorted(texts):
            raise DiscourseError(f"`{name}` does not hold the same claims as `verdicts`; check the same claims on each.")
    g = gold.set_index("text")
    k = corrected.set_index("text")
    rows = []
    for r in verdicts.itertuples(index=False):
        rg, rk = g.loc[r.text], k.loc[r.text]
        rows.append({"text": r.text, "verdict_classifier": r.verdict, "verdict_gold": rg["verdict"],
                     "agree": r.verdict == rg["verdict"], "diff_classifier": r.diff, "diff_gold": rg["diff"],
                     "diff_corrected": rk["corrected_group"] - rk["corrected_reference"],
                     "after_correction": rk["after_correction"],
                     "reading": _reading({**r._asdict(), "alpha": verdicts.attrs.get("alpha", 0.05)},
                                         {**rg.to_dict(), "alpha": gold.attrs.get("alpha", 0.05)},
                                         rk["after_correction"])})
    return pd.DataFrame(rows)


def _undecided_because(row: dict) -> str:
    """Why a verdict is "cannot decide", from its row (the rule of :func:`_verdict`, read backwards)."""
    if row["ci_low"] <= 0 <= row["ci_high"]:
        return f"difference's CI, [{row['ci_low']:+.3f}, {row['ci_high']:+.3f}], includes 0"
    if not row["p_adj"] < row["alpha"]:
        return f"p_adj is {row['p_adj']:.3f}"
    return "groups have too few passages"


def _reading(classifier: dict, gold: dict, after: str) -> str:
    """The one-line reading of :func:`findings` (its rule is stated there)."""
    vc, vg = classifier["verdict"], gold["verdict"]
    if vc == vg:
        head = {"supported": "supported by the classifier and by the gold passages",
                "contradicted": "contradicted by the classifier and by the gold passages",
                "cannot decide": "neither the classifier nor the gold passages can decide it"}[vc]
    elif "cannot decide" in (vc, vg):
        why = (f"their {_undecided_because(gold)}" if vg == "cannot decide"
               else f"its {_undecided_because(classifier)}")
        head = f"{vc} by the classifier, {vg} on the gold passages ({why}): argue from neither alone"
    else:
        head = f"{vc} by the classifier but {vg} on the gold passages: the two codings point opposite ways"
    return f"{head}; after correction: {after}."
