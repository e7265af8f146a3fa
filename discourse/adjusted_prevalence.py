"""Frame prevalence adjusted for covariates: group shares over one common mix of genre and language.

A raw "group A uses frame X more than group B" mixes the groups with what
they are made of: if A is mostly TV news and B mostly tweets, a frame that
TV news uses more makes A look different even when, genre for genre, the
two do not differ. :func:`adjusted_prevalence` fits, for each frame, a
logistic regression (statsmodels GLM, binomial family) of the passage's 0/1
code on the group and the covariates::

    logit P(frame) = b0 + b_group + b_genre + b_language (+ ...)

with standard errors robust to clustering by document (passages of one
document are not independent draws; see :mod:`discourse.prevalence`). The
**adjusted share** of a group is the average prediction over every passage
of the table with the group set to that group: all groups are read over
the *same* covariate mix (the pooled table's), so their difference is the
part not explained by the covariates (average marginal predictions, e.g.
Williams 2012, *Stata Journal* 12(2)). Intervals are delta-method Wald
intervals, on the logit scale for shares (so they stay inside 0-1) and on
the share scale for differences; p-values of differences are BH-adjusted
across frames within each pair of groups.

Identifiability comes first. When a group shares no level of a covariate
with any other group (every CN passage is Chinese TV news), its effect
cannot be told apart from that covariate's: the function stops with an
error naming the cells, and the comparison can be made inside the cells
where groups do overlap (:func:`discourse.subsets.within_subsets`) or
without that covariate.

``tests/test_adjusted_prevalence.py`` checks the method on simulations with
a known truth: a frame driven by genre alone, with blocs of different genre
mixes (raw shares differ, adjusted differences cover zero at the nominal
rate), and a true bloc effect (recovered, intervals cover it).
"""
from __future__ import annotations

import warnings
from collections.abc import Hashable, Iterator, Sequence
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from ._errors import DiscourseError, ParameterError
from ._validation import check_probability, column_list, require_columns
from .inputs import drop_missing_labels
from .measures import benjamini_hochberg

__all__ = ["IdentifiabilityError", "adjusted_prevalence", "adjusted_differences"]


class IdentifiabilityError(DiscourseError):
    """A group's effect cannot be separated from a covariate's in these data."""


def _design(data: pd.DataFrame, by: str, covariates: list[str]) -> tuple[pd.DataFrame, list[Hashable]]:
    """Intercept, group dummies (first group as reference), then covariate dummies (first level dropped)."""
    groups = sorted(data[by].unique(), key=str)
    parts = [pd.DataFrame({"const": 1.0}, index=data.index)]
    group = pd.Categorical(data[by], categories=groups)
    parts.append(pd.get_dummies(group, prefix=f"{by}=", prefix_sep="", drop_first=True, dtype=float)
                 .set_index(data.index))
    for cov in covariates:
        levels = sorted(data[cov].unique(), key=str)
        cat = pd.Categorical(data[cov], categories=levels)
        parts.append(pd.get_dummies(cat, prefix=f"{cov}=", prefix_sep="", drop_first=True, dtype=float)
                     .set_index(data.index))
    return pd.concat(parts, axis=1), groups


def _check_identifiable(data: pd.DataFrame, by: str, covariates: list[str], design: pd.DataFrame) -> None:
    cells = []
    for cov in covariates:
        levels = data.groupby(by, observed=True)[cov].agg(lambda s: set(s))
        for group, own in levels.items():
            others = set().union(*(v for g, v in levels.items() if g != group))
            if not own & others:
                cells.append(f"{by} {group!r} occurs only with {cov} {sorted(own, key=str)} "
                             f"(no other group has {'it' if len(own) == 1 else 'them'})")
    if cells:
        raise IdentifiabilityError(
            "The groups cannot be compared adjusted for " + ", ".join(covariates) + ": " + "; ".join(cells)
            + ". Compare them inside the cells where groups overlap (discourse.within_subsets(data, "
              "adjusted_prevalence, within=[...])), or leave that covariate out.")
    X = design.to_numpy()
    _, sv, vt = np.linalg.svd(X, full_matrices=False)
    null = vt[sv <= sv.max() * max(X.shape) * np.finfo(float).eps]
    if len(null):
        # The columns a null direction of the design combines are the cells that cannot be told apart.
        tied = [" + ".join(str(c) for c, w in zip(design.columns, v) if abs(w) > 1e-6) for v in null]
        raise IdentifiabilityError(
            f"The design (group + {', '.join(covariates)}) is collinear: these indicators are linearly "
            f"dependent (one is a sum or difference of the others), so their effects cannot be told apart: {'; '.join(tied)}. Use fewer covariates or "
            "compare within cells where groups overlap (discourse.within_subsets).")


def _fit(y: np.ndarray, X: np.ndarray, clusters: np.ndarray, frame: str) -> tuple[Any, bool]:
    """The fitted GLM and whether it can be trusted (converged, no perfect separation, finite SEs)."""
    import statsmodels.api as sm
    from statsmodels.tools.sm_exceptions import ConvergenceWarning, PerfectSeparationWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = sm.GLM(y, X, family=sm.families.Binomial()).fit(cov_type="cluster", cov_kwds={"groups": clusters})
    trouble = [w for w in caught if issubclass(w.category, (ConvergenceWarning, PerfectSeparationWarning))]
    bse = np.asarray(res.bse)
    ok = not trouble and bool(np.all(np.isfinite(bse))) and bool(np.all(bse > 0))
    if not ok:
        warnings.warn(f"Frame {frame!r}: the regression did not converge or a group or covariate level "
                      "separates the frame perfectly (it never or always occurs there); its intervals and "
                      "p-values are left empty (NaN) and `reliable` is False.", UserWarning, stacklevel=4)
    return res, ok


class _Margins:
    """Average predictions over the pooled covariate mix, with their gradients (for the delta method)."""

    def __init__(self, res: Any, X: pd.DataFrame, by: str, groups: list[Hashable]):
        self.beta, self.cov = np.asarray(res.params), np.asarray(res.cov_params())
        self.X, self.by, self.groups = X.to_numpy(), by, groups
        self.group_cols = [list(X.columns).index(f"{by}={g}") if k else None for k, g in enumerate(groups)]

    def share(self, k: int) -> tuple[float, np.ndarray]:
        Xg = self.X.copy()
        for col in self.group_cols[1:]:
            Xg[:, col] = 0.0
        if self.group_cols[k] is not None:
            Xg[:, self.group_cols[k]] = 1.0
        p = 1.0 / (1.0 + np.exp(-(Xg @ self.beta)))
        grad = (p * (1 - p)) @ Xg / len(p)
        return float(p.mean()), grad

    def se(self, grad: np.ndarray) -> float:
        return float(np.sqrt(max(grad @ self.cov @ grad, 0.0)))


def _prepare(data: Any, frames: Any, by: str, covariates: Any, cluster: str, missing: str):
    covariates = [covariates] if isinstance(covariates, str) else list(covariates or [])
    frames = column_list(data, "frames", frames)
    require_columns(data, [by], role="by")
    require_columns(data, covariates, role="covariates")
    require_columns(data, [cluster], role="cluster")
    if by in covariates:
        raise ParameterError(f"`by` ({by!r}) cannot also be a covariate.")
    data = drop_missing_labels(data, [by, *covariates, cluster], missing=missing, argument="by/covariates/cluster")
    for frame in frames:
        if not data[frame].isin([0, 1]).all():
            raise ParameterError(f"Frame column {frame!r} (from `frames`) must hold 0/1 (or True/False).")
    if data[by].nunique() < 2:
        raise DiscourseError(f"`by` column {by!r} has one group only; there is nothing to compare.")
    design, groups = _design(data, by, covariates)
    _check_identifiable(data, by, covariates, design)
    clusters = pd.factorize(data[cluster])[0]
    return data, frames, covariates, design, groups, clusters


def _frame_fits(data: pd.DataFrame, frames: list[str], by: str, design: pd.DataFrame, groups: list[Hashable],
                clusters: np.ndarray) -> Iterator[tuple[str, np.ndarray, _Margins, bool]]:
    """For each frame: its 0/1 codes, the margins of its fitted model, and whether the fit can be trusted."""
    X = design.to_numpy()
    for frame in frames:
        y = data[frame].astype(float).to_numpy()
        res, ok = _fit(y, X, clusters, frame)
        yield frame, y, _Margins(res, design, by, groups), ok


def _mix(data: pd.DataFrame, covariates: list[str]) -> dict[str, dict[str, float]]:
    return {c: {str(k): round(float(v), 4) for k, v in data[c].value_counts(normalize=True).sort_index().items()}
            for c in covariates}


def adjusted_prevalence(
    data: pd.DataFrame,
    frames: Sequence[str],
    *,
    by: str = "bloc",
    covariates: str | Sequence[str] = ("genre", "language"),
    cluster: str = "doc_id",
    ci: float = 0.95,
    missing: str = "raise",
) -> pd.DataFrame:
    """Each group's frame share adjusted for covariates, over the pooled covariate mix.

    Parameters
    ----------
    data : DataFrame
        Passages (one row each) with ``by``, the covariates, ``cluster`` and
        one 0/1 column per frame (e.g. ``psg.join(clf.predict(psg))``).
    frames : list of str
        The frame columns.
    by : str, default "bloc"
        The groups.
    covariates : str or list of str, default ("genre", "language")
        Categorical columns to adjust for (a week column works too).
    cluster : str, default "doc_id"
        Standard errors are robust to clustering by this column (documents,
        or outlets for a more cautious reading).
    ci : float, default 0.95
        Interval level.
    missing : {"raise", "drop"}
        Missing labels raise naming the rows, or are dropped and reported.

    Returns
    -------
    DataFrame
        One row per frame and group: ``frame``, ``by``, ``n_passages``,
        ``share_raw`` (the plain share), ``share_adjusted``, ``se``,
        ``ci_low``, ``ci_high`` and ``reliable`` (False, with NaN
        uncertainty and a warning, when the regression did not converge or
        a level separates the frame perfectly). ``attrs["mix"]`` is the
        covariate mix every group is read over (the pooled shares of each
        level).

    Raises
    ------
    IdentifiabilityError
        When a group shares no level of a covariate with the other groups,
        or the design is otherwise collinear (the message names the cells).
    ParameterError, MissingDataError
        For missing columns, non-0/1 frame columns or missing labels.

    Examples
    --------
    >>> rng = np.random.default_rng(0)  # synthetic: the frame depends on genre only
    >>> genre = np.r_[["tv"] * 300, ["tweet"] * 100, ["tv"] * 100, ["tweet"] * 300]
    >>> d = pd.DataFrame({"bloc": ["A"] * 400 + ["B"] * 400, "genre": genre,
    ...                   "doc_id": np.arange(800), "chaos": rng.random(800) < np.where(genre == "tv", .6, .2)})
    >>> t = adjusted_prevalence(d, ["chaos"], covariates="genre")
    >>> t[["bloc", "share_raw", "share_adjusted"]].round(2)   # truth: raw 0.50 and 0.30, adjusted 0.40 both
      bloc  share_raw  share_adjusted
    0    A       0.47            0.38
    1    B       0.30            0.39
    """
    ci = check_probability("ci", ci)
    data, frames, covariates, design, groups, clusters = _prepare(data, frames, by, covariates, cluster, missing)
    z = stats.norm.ppf(0.5 + ci / 2)
    rows = []
    for frame, y, margins, ok in _frame_fits(data, frames, by, design, groups, clusters):
        for k, group in enumerate(groups):
            in_group = (data[by] == group).to_numpy()
            share, grad = margins.share(k)
            se = margins.se(grad) if ok else np.nan
            # The interval is symmetric on the logit scale, so it stays inside 0-1.
            half = z * se / max(share * (1 - share), 1e-300)
            logit = np.log(share / (1 - share)) if 0 < share < 1 else np.nan
            rows.append({"frame": frame, by: group, "n_passages": int(in_group.sum()),
                         "share_raw": float(y[in_group].mean()), "share_adjusted": share, "se": se,
                         "ci_low": float(1 / (1 + np.exp(-(logit - half)))),
                         "ci_high": float(1 / (1 + np.exp(-(logit + half)))), "reliable": ok})
    out = pd.DataFrame(rows)
    out.attrs = {"by": by, "covariates": covariates, "cluster": cluster, "ci": ci, "mix": _mix(data, covariates),
                 "model": "binomial GLM (logit), cluster-robust SE; average predictions over the pooled mix"}
    return out


def adjusted_differences(
    data: pd.DataFrame,
    frames: Sequence[str],
    *,
    by: str = "bloc",
    covariates: str | Sequence[str] = ("genre", "language"),
    cluster: str = "doc_id",
    ci: float = 0.95,
    missing: str = "raise",
) -> pd.DataFrame:
    """Adjusted differences in frame share between every pair of groups, with p-values.

    Parameters are those of :func:`adjusted_prevalence`.

    Returns
    -------
    DataFrame
        One row per frame and pair: ``frame``, ``group_a``, ``group_b``,
        ``difference`` (adjusted share of a minus that of b), ``se``,
        ``ci_low``, ``ci_high`` (Wald, kept within -1 to 1, unadjusted for
        multiplicity), ``p`` (two-sided z test), ``reliable`` (as in
        :func:`adjusted_prevalence`) and ``p_adj`` (Benjamini-Hochberg
        across frames within each pair; unreliable rows stay NaN).

    Examples
    --------
    >>> rng = np.random.default_rng(0)  # synthetic: the frame depends on genre only
    >>> genre = np.r_[["tv"] * 300, ["tweet"] * 100, ["tv"] * 100, ["tweet"] * 300]
    >>> d = pd.DataFrame({"bloc": ["A"] * 400 + ["B"] * 400, "genre": genre,
    ...                   "doc_id": np.arange(800), "chaos": rng.random(800) < np.where(genre == "tv", .6, .2)})
    >>> r = adjusted_differences(d, ["chaos"], covariates="genre").iloc[0]
    >>> bool(r["ci_low"] < 0 < r["ci_high"])
    True
    """
    ci = check_probability("ci", ci)
    data, frames, covariates, design, groups, clusters = _prepare(data, frames, by, covariates, cluster, missing)
    z = stats.norm.ppf(0.5 + ci / 2)
    rows = []
    for frame, _, margins, ok in _frame_fits(data, frames, by, design, groups, clusters):
        shares = [margins.share(k) for k in range(len(groups))]
        for i, j in combinations(range(len(groups)), 2):
            diff = shares[i][0] - shares[j][0]
            se = margins.se(shares[i][1] - shares[j][1]) if ok else np.nan
            p = float(2 * stats.norm.sf(abs(diff) / se)) if se > 0 else np.nan
            rows.append({"frame": frame, "group_a": groups[i], "group_b": groups[j], "difference": diff,
                         "se": se, "ci_low": max(diff - z * se, -1.0), "ci_high": min(diff + z * se, 1.0),
                         "p": p, "reliable": ok})
    out = pd.DataFrame(rows)
    out["p_adj"] = np.nan
    for _, idx in out.groupby(["group_a", "group_b"], sort=False).groups.items():
        out.loc[idx, "p_adj"] = benjamini_hochberg(out.loc[idx, "p"].to_numpy())
    out.attrs = {"by": by, "covariates": covariates, "cluster": cluster, "ci": ci, "mix": _mix(data, covariates)}
    return out
