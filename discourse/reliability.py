"""Inter-coder reliability: Krippendorff's alpha, Cohen's kappa, per-frame tables.

Krippendorff's alpha is computed from the coincidence-matrix definition in
Krippendorff (2011), *Computing Krippendorff's Alpha-Reliability*
(https://repository.upenn.edu/asc_papers/43):

.. math::

    \\alpha = 1 - (n_{\\cdot\\cdot} - 1)
        \\frac{\\sum_{c,k} o_{ck}\\, \\delta^2_{ck}}
              {\\sum_{c,k} n_c\\, n_k\\, \\delta^2_{ck}}

where :math:`o_{ck}` counts the pairs of values (c, k) that coders assigned
to the same unit, each unit's pairs weighted by :math:`1/(m_u - 1)` with
:math:`m_u` the number of values the unit received, :math:`n_c` are the
margins of that matrix and :math:`\\delta^2` is the difference function of
the level of measurement. Units coded by fewer than two coders are not
pairable and are ignored, as in the paper.

``agreement_table`` turns a long table of frame codings (one row per
passage x coder, one 0/1 column per frame) into the table a methods
section reports: per frame, the number of double-coded units, each coder's
prevalence, percent agreement, alpha and kappa with bootstrap confidence
intervals. The bootstrap resamples *units* (Hayes & Krippendorff 2007
resample coincidences instead; resampling units keeps all of a unit's
decisions together and is the usual choice when units are the sampled
objects).
"""
from __future__ import annotations

import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import combinations
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from discourse._errors import DiscourseError, ParameterError, invalid_value_message
from discourse._validation import check_int, check_option, check_probability

__all__ = [
    "LEVELS",
    "KappaResult",
    "agreement_table",
    "cohen_kappa",
    "krippendorff_alpha",
]

LEVELS = ("nominal", "ordinal", "interval", "ratio")


# ---------------------------------------------------------------------------
# Krippendorff's alpha
# ---------------------------------------------------------------------------
def _as_reliability_matrix(data: Any) -> np.ndarray:
    """Return ``data`` as a 2-D object array (coders x units) with NaN for missing."""
    if isinstance(data, pd.DataFrame):
        arr = data.to_numpy(dtype=object)
    else:
        arr = np.asarray(data, dtype=object)
    if arr.ndim != 2:
        raise ParameterError(invalid_value_message(
                "data",
                f"<array with shape {arr.shape}>",
                hint="Expected a 2-D coders x units array or DataFrame.",
            )
        )
    if arr.shape[0] < 2:
        raise DiscourseError(
            f"Invalid value for `data`: Krippendorff's alpha needs at least two coders "
            f"(rows); got {arr.shape[0]}."
        )
    return arr


def _value_counts_by_unit(arr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (values, counts) where counts[u, v] is how often unit u got values[v]."""
    missing = pd.isna(arr)
    present = arr[~missing]
    values, codes = np.unique(present.astype(_common_dtype(present)), return_inverse=True)
    counts = np.zeros((arr.shape[1], len(values)), dtype=float)
    unit_of = np.nonzero(~missing)[1]
    np.add.at(counts, (unit_of, codes.ravel()), 1.0)
    return values, counts


def _common_dtype(values: np.ndarray) -> Any:
    """Numbers compare as float (1 and 1.0 are one value); anything else as str."""
    try:
        values.astype(float)
    except (TypeError, ValueError):
        return str
    return float


def _delta2(values: np.ndarray, n_c: np.ndarray, level: str) -> np.ndarray:
    """Squared difference function delta^2(c, k) of Krippendorff (2011)."""
    n_v = len(values)
    if level == "nominal":
        return 1.0 - np.eye(n_v)
    v = values.astype(float)
    if level == "interval":
        return np.subtract.outer(v, v) ** 2
    if level == "ratio":
        total = np.add.outer(v, v)
        diff = np.subtract.outer(v, v)
        with np.errstate(invalid="ignore", divide="ignore"):
            d = np.where(total == 0, 0.0, diff / np.where(total == 0, 1.0, total))
        return d**2
    # ordinal: (sum of n_g for g from c to k) - (n_c + n_k)/2, squared, with
    # values in rank order (np.unique sorts them).
    cum = np.concatenate([[0.0], np.cumsum(n_c)])
    i, k = np.meshgrid(np.arange(n_v), np.arange(n_v), indexing="ij")
    lo, hi = np.minimum(i, k), np.maximum(i, k)
    between = cum[hi + 1] - cum[lo]
    return (between - (n_c[i] + n_c[k]) / 2.0) ** 2


def _alpha_from_counts(counts: np.ndarray, values: np.ndarray, level: str) -> float:
    """Alpha from a units x values count matrix; NaN when undefined.

    Kept separate from the public function so the bootstrap can resample rows
    of ``counts`` without re-tabulating the raw data.
    """
    m_u = counts.sum(axis=1)
    pairable = m_u >= 2
    if not pairable.any():
        return float("nan")
    c = counts[pairable]
    w = 1.0 / (m_u[pairable] - 1.0)
    # o_ck = sum_u (n_uc n_uk - [c == k] n_uc) / (m_u - 1)
    o = (c * w[:, None]).T @ c - np.diag((c * w[:, None]).sum(axis=0))
    n_c = o.sum(axis=1)
    n = n_c.sum()
    d2 = _delta2(values, n_c, level)
    expected = (np.outer(n_c, n_c) * d2).sum()
    if expected == 0:
        return float("nan")
    observed = (o * d2).sum()
    return float(1.0 - (n - 1.0) * observed / expected)


def krippendorff_alpha(data: Any, *, level: str = "nominal") -> float:
    """Krippendorff's alpha for a coders x units reliability matrix.

    Parameters
    ----------
    data : array-like or DataFrame of shape (n_coders, n_units)
        One row per coder, one column per unit; missing codings are NaN or
        None. Values may be numbers or (for ``level="nominal"``) strings.
    level : {"nominal", "ordinal", "interval", "ratio"}, default="nominal"
        Level of measurement, which fixes the difference function.

    Returns
    -------
    float
        Alpha, 1 for perfect agreement, 0 for agreement at chance level.
        NaN when alpha is undefined because all pairable values are
        identical (no variation, so expected disagreement is zero).

    Raises
    ------
    DiscourseError
        If ``level`` is unknown, ``data`` is not 2-D or has fewer than two
        coders, no unit was coded by two or more coders, or non-numeric
        values are given with a level other than ``"nominal"``.

    Examples
    --------
    The nominal example of Krippendorff (2011), 4 coders x 12 units:

    >>> nan = float("nan")
    >>> data = [
    ...     [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
    ...     [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
    ...     [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
    ...     [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
    ... ]
    >>> round(krippendorff_alpha(data), 3)
    0.743
    >>> round(krippendorff_alpha(data, level="interval"), 3)
    0.849
    """
    check_option("level", level, LEVELS)
    arr = _as_reliability_matrix(data)
    values, counts = _value_counts_by_unit(arr)
    if level != "nominal" and values.dtype.kind not in "fiu":
        raise ParameterError(invalid_value_message(
                "level",
                level,
                hint="Non-numeric codes can only be compared at level 'nominal'.",
            )
        )
    if not (counts.sum(axis=1) >= 2).any():
        raise DiscourseError(
            "Invalid value for `data`: no unit was coded by two or more coders, so "
            "there are no pairable values to compare."
        )
    return _alpha_from_counts(counts, values, level)


# ---------------------------------------------------------------------------
# Cohen's kappa
# ---------------------------------------------------------------------------
class KappaResult(NamedTuple):
    """Cohen's kappa and the number of units both coders coded."""

    kappa: float
    n: int


def _kappa_from_pairs(a_codes: np.ndarray, b_codes: np.ndarray, n_values: int) -> float:
    n = len(a_codes)
    if n == 0:
        return float("nan")
    table = np.zeros((n_values, n_values))
    np.add.at(table, (a_codes, b_codes), 1.0)
    table /= n
    p_o = np.trace(table)
    p_e = table.sum(axis=1) @ table.sum(axis=0)
    if p_e == 1:
        return float("nan")
    return float((p_o - p_e) / (1.0 - p_e))


def cohen_kappa(a: Sequence[Any], b: Sequence[Any]) -> KappaResult:
    """Cohen's kappa for two coders who coded the same units.

    Pairs where either coder is missing (NaN/None) are dropped; the number of
    pairs kept is returned with the coefficient so it can be reported.

    Parameters
    ----------
    a, b : sequence of shape (n_units,)
        The two coders' codes for the same units in the same order.

    Returns
    -------
    KappaResult
        ``(kappa, n)``: kappa is NaN when it is undefined (both coders used
        one and the same category throughout, so chance agreement is 1).

    Raises
    ------
    DiscourseError
        If ``a`` and ``b`` differ in length or no pair is complete.

    Examples
    --------
    >>> cohen_kappa([1, 1, 0, 0, 1, None], [1, 0, 0, 0, 1, 1])
    KappaResult(kappa=0.6153846153846154, n=5)
    """
    a_s, b_s = pd.Series(list(a), dtype=object), pd.Series(list(b), dtype=object)
    if len(a_s) != len(b_s):
        raise DiscourseError(
            f"Invalid value for `b`: it has {len(b_s)} codes but `a` has {len(a_s)}; "
            "both coders must code the same units."
        )
    keep = ~(a_s.isna() | b_s.isna())
    if not keep.any():
        raise DiscourseError(
            "Invalid value for `a`/`b`: no unit was coded by both coders."
        )
    both = pd.concat([a_s[keep], b_s[keep]], ignore_index=True)
    codes, _ = pd.factorize(both.astype(_common_dtype(both.to_numpy())), sort=True)
    n = int(keep.sum())
    kappa = _kappa_from_pairs(codes[:n], codes[n:], int(codes.max()) + 1)
    return KappaResult(kappa, n)


# ---------------------------------------------------------------------------
# Agreement table for frame codings
# ---------------------------------------------------------------------------
def _wide_by_frame(
    codings: pd.DataFrame, unit: str, coder: str, frames: list[str]
) -> tuple[list[Any], list[Any], np.ndarray]:
    """Return (units, coders, cube) with cube[frame, unit, coder] in {0, 1, NaN}."""
    dup = codings.duplicated([unit, coder], keep=False)
    if dup.any():
        first = codings.loc[dup, [unit, coder]].iloc[0]
        raise DiscourseError(
            f"Invalid value for `codings`: unit {first[unit]!r} has more than one row "
            f"for coder {first[coder]!r}; expected one row per {unit} x {coder}."
        )
    cube = []
    for f in frames:
        col = pd.to_numeric(codings[f], errors="coerce")
        bad = (col.isna() & codings[f].notna()) | ~(col.isna() | col.isin([0, 1]))
        if bad.any():
            value = codings.loc[bad, f].iloc[0]
            raise ParameterError(invalid_value_message(
                    f"codings[{f!r}]",
                    value.item() if isinstance(value, np.generic) else value,
                    [0, 1],
                    hint="Frame columns hold 0/1 (or True/False); NaN means not coded.",
                )
            )
        wide = (
            codings.assign(_v=col.astype(float))
            .pivot(index=unit, columns=coder, values="_v")
        )
        cube.append(wide)
    units = list(cube[0].index)
    coders = list(cube[0].columns)
    return units, coders, np.stack([w.to_numpy(dtype=float) for w in cube])


def _frame_stats(mat: np.ndarray) -> dict[str, float]:
    """Percent agreement, alpha and (mean pairwise) kappa for units x coders 0/1."""
    counts = np.stack([(mat == 0).sum(axis=1), (mat == 1).sum(axis=1)], axis=1).astype(float)
    m_u = counts.sum(axis=1)
    pairable = m_u >= 2
    pairs = (m_u * (m_u - 1) / 2)[pairable]
    agreeing = (counts * (counts - 1) / 2).sum(axis=1)[pairable]
    pct = float(agreeing.sum() / pairs.sum()) if pairs.sum() else float("nan")
    alpha = _alpha_from_counts(counts, np.array([0.0, 1.0]), "nominal")
    kappas = []
    for i, j in combinations(range(mat.shape[1]), 2):
        ok = ~(np.isnan(mat[:, i]) | np.isnan(mat[:, j]))
        if ok.any():
            kappas.append(
                _kappa_from_pairs(mat[ok, i].astype(int), mat[ok, j].astype(int), 2)
            )
    kappa = float(np.nanmean(kappas)) if kappas and not np.all(np.isnan(kappas)) else float("nan")
    return {"percent_agreement": pct, "alpha": alpha, "kappa": kappa}


def agreement_table(
    codings: pd.DataFrame,
    *,
    unit: str = "passage_id",
    coder: str = "coder",
    frames: Sequence[str],
    by: str | None = None,
    n_boot: int = 1000,
    ci: float = 0.95,
    random_state: int | np.random.Generator | None = 0,
) -> pd.DataFrame:
    """Per-frame inter-coder agreement with bootstrap confidence intervals.

    Each frame is a separate binary (present/absent) variable. For each frame
    the table reports the units coded by at least two coders, each coder's
    prevalence, percent agreement, Krippendorff's alpha (nominal) and Cohen's
    kappa; with more than two coders ``kappa`` is the mean of pairwise Cohen's
    kappas (Light's kappa). Two summary rows follow:

    ``overall_mean``
        The unweighted mean over frames of every column (with bootstrap CIs
        of that mean): what a reader expects from "average reliability".
    ``overall_pooled``
        All frame x unit decisions stacked into one variable, as if each
        (unit, frame) pair were a unit; alpha and kappa are computed on that
        pool. Frequent frames weigh more, and rare frames' low alphas are
        diluted, so report it beside, not instead of, the per-frame rows.

    Confidence intervals are percentile intervals from ``n_boot`` bootstrap
    resamples of *units* (all frames of a unit are resampled together, so the
    summary rows' intervals respect that decisions within a unit are not
    independent). Resamples where a coefficient is undefined (e.g. no
    variation in a rare frame) are skipped for that coefficient.

    Parameters
    ----------
    codings : DataFrame
        Long format: one row per unit x coder, a ``unit`` column, a ``coder``
        column and one column per frame holding 0/1 (True/False); NaN means
        the coder did not code that frame for that unit.
    unit, coder : str, default="passage_id", "coder"
        Column names identifying the unit and the coder.
    frames : sequence of str
        Frame columns to evaluate, in the order of the output rows.
    by : str, optional
        A column of ``codings`` (e.g. ``"language"``): one table per group,
        stacked with ``by`` as the outer index level (groups in order of
        first appearance). The per-coder prevalence columns are then replaced
        by ``prevalence`` (the mean over the group's coders), since groups
        have different coders; a group without double-coded units is left
        out with a warning.
    n_boot : int, default=1000
        Bootstrap resamples; 0 skips the intervals (they are then NaN).
    ci : float, default=0.95
        Coverage of the percentile intervals, in (0, 1).
    random_state : int, numpy Generator or None, default=0
        Seed for the bootstrap, so tables are reproducible.

    Returns
    -------
    DataFrame
        Indexed by ``frame`` (the frame ids, then ``overall_mean`` and
        ``overall_pooled``) with columns ``n_units`` (units coded by two or
        more coders; for ``overall_mean`` units double-coded for any frame,
        for ``overall_pooled`` the number of unit x frame decisions),
        ``prevalence_<coder>`` for each coder (share of those units the
        coder marked 1), ``percent_agreement`` (share of agreeing coder
        pairs), ``alpha``, ``alpha_ci_low``, ``alpha_ci_high``, ``kappa``,
        ``kappa_ci_low``, ``kappa_ci_high``.

    Raises
    ------
    DiscourseError
        If a column is missing, ``frames`` is empty, fewer than two coders
        are present, no unit is double-coded, a frame column holds values
        other than 0/1, a unit has two rows for one coder, or ``n_boot``/
        ``ci`` are out of range.

    Examples
    --------
    >>> codings = pd.DataFrame({  # synthetic
    ...     "passage_id": ["p1", "p1", "p2", "p2", "p3", "p3", "p4", "p4"],
    ...     "coder": ["A", "B"] * 4,
    ...     "humanitarian": [1, 1, 0, 0, 1, 0, 0, 0],
    ... })
    >>> table = agreement_table(codings, frames=["humanitarian"], n_boot=0)
    >>> table.loc["humanitarian", ["n_units", "percent_agreement", "kappa"]].tolist()
    [4.0, 0.75, 0.5]
    """
    if not isinstance(codings, pd.DataFrame):
        raise TypeError(
            f"`codings` must be a pandas DataFrame, got {type(codings).__name__}."
        )
    frames = [frames] if isinstance(frames, str) else list(frames)
    if not frames:
        raise DiscourseError("Invalid value [] for `frames`; give at least one frame column.")
    for arg, col in [("unit", unit), ("coder", coder)]:
        if col not in codings.columns:
            raise ParameterError(invalid_value_message(arg, col, list(codings.columns),
                                      hint="It must name a column of `codings`.")
            )
    missing = [f for f in frames if f not in codings.columns]
    if missing:
        raise DiscourseError(
            f"Invalid value {missing!r} for `frames`: not columns of `codings` "
            f"(columns are: {', '.join(map(repr, codings.columns))})."
        )
    n_boot = check_int("n_boot", n_boot, minimum=0)
    check_probability("ci", ci)
    if by is not None:
        return _agreement_by(codings, by, unit=unit, coder=coder, frames=frames, n_boot=n_boot, ci=ci,
                             random_state=random_state)

    _, coders, cube = _wide_by_frame(codings, unit, coder, frames)
    if len(coders) < 2:
        raise DiscourseError(
            f"Invalid value for `codings`: column {coder!r} has only one coder "
            f"({coders[0]!r}); agreement needs at least two."
        )
    coded = ~np.isnan(cube)  # frame x unit x coder
    double = coded.sum(axis=2) >= 2  # frame x unit
    if not double.any():
        raise DiscourseError(
            "Invalid value for `codings`: no unit was coded by two or more coders."
        )
    # Only units pairable for some frame can change any statistic.
    keep = double.any(axis=0)
    cube, double = cube[:, keep], double[:, keep]
    n_frames, n_units, _ = cube.shape

    def stats(idx: np.ndarray) -> np.ndarray:
        """Rows: frames, mean, pooled; columns: pct, alpha, kappa."""
        per = np.array([list(_frame_stats(cube[f, idx]).values()) for f in range(n_frames)])
        with _quiet_nanmean():
            mean = np.nanmean(per, axis=0)
        pooled = np.array(list(_frame_stats(cube[:, idx].reshape(-1, cube.shape[2])).values()))
        return np.vstack([per, mean, pooled])

    point = stats(np.arange(n_units))
    low = np.full_like(point, np.nan)
    high = np.full_like(point, np.nan)
    if n_boot:
        rng = np.random.default_rng(random_state)
        draws = np.stack([stats(rng.integers(0, n_units, n_units)) for _ in range(n_boot)])
        tail = (1.0 - ci) / 2.0 * 100.0
        with _quiet_nanmean():
            low = np.nanpercentile(draws, tail, axis=0)
            high = np.nanpercentile(draws, 100.0 - tail, axis=0)

    # Prevalence over each frame's double-coded units, so that coders are
    # compared on the same passages.
    on_double = np.where(double[:, :, None], cube, np.nan)
    with _quiet_nanmean():
        prevalence = np.nanmean(on_double, axis=1)  # frame x coder
    n_per_frame = double.sum(axis=1).astype(float)
    rows = {
        "n_units": np.concatenate([n_per_frame, [n_units, n_per_frame.sum()]]),
    }
    with _quiet_nanmean():
        prev_mean = np.nanmean(prevalence, axis=0)
    for j, c in enumerate(coders):
        rows[f"prevalence_{c}"] = np.concatenate([prevalence[:, j], [prev_mean[j], prev_mean[j]]])
    # Pooled prevalence weighs frames by how many units each coder coded for them.
    pooled_prev = np.nansum(on_double, axis=(0, 1)) / np.maximum(
        (~np.isnan(on_double)).sum(axis=(0, 1)), 1
    )
    for j, c in enumerate(coders):
        rows[f"prevalence_{c}"][-1] = pooled_prev[j]
    rows["percent_agreement"] = point[:, 0]
    for k, name in [(1, "alpha"), (2, "kappa")]:
        rows[name] = point[:, k]
        rows[f"{name}_ci_low"] = low[:, k]
        rows[f"{name}_ci_high"] = high[:, k]
    index = pd.Index(frames + ["overall_mean", "overall_pooled"], name="frame")
    table = pd.DataFrame(rows, index=index)
    table["n_units"] = table["n_units"].astype(int)
    return table


def _agreement_by(codings: pd.DataFrame, by: str, **params: Any) -> pd.DataFrame:
    if by not in codings.columns:
        raise ParameterError(invalid_value_message("by", by, list(codings.columns),
                                                   hint="It must name a column of `codings`."))
    parts = []
    for key, group in codings.groupby(by, sort=False):
        double = group.groupby(params["unit"])[params["coder"]].nunique() >= 2
        if not double.any():
            warnings.warn(f"{by}={key!r}: no unit coded by two coders; left out of the agreement table.",
                          UserWarning, stacklevel=3)
            continue
        table = agreement_table(group, **params)
        prev = [c for c in table.columns if c.startswith("prevalence_")]
        table.insert(1, "prevalence", table[prev].mean(axis=1))
        table = table.drop(columns=prev)
        parts.append(pd.concat({key: table}, names=[by]))
    if not parts:
        raise DiscourseError("Invalid value for `codings`: no unit was coded by two or more coders.")
    return pd.concat(parts)


@contextmanager
def _quiet_nanmean() -> Iterator[None]:
    """Silence numpy's warnings for all-NaN slices: undefined coefficients stay NaN."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", category=RuntimeWarning)
        yield
