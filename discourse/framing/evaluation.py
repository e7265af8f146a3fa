"""Validating frame classifiers against human coding.

* :func:`cross_validate_frames` — cross-validation grouped by outlet: no
  source is in both the training and the test passages of a fold, so the
  scores say how well a classifier carries over to an outlet it has not
  seen. Returns a :class:`FrameCVResult` with out-of-fold predictions.
* :func:`compare_classifiers` — the same folds for several classifiers,
  side by side.
* :func:`score_frames` — per-frame precision, recall, F1, specificity,
  Brier score and confusion counts for any labels and predictions.
* :func:`classification_errors` — the passages a classifier got wrong, for
  reading.
* :func:`cross_validated_error_rates` — out-of-fold sensitivity and
  specificity per frame, for prevalence correction.

Conventions
-----------
A frame's precision is undefined when it is never predicted, its recall
when it never occurs, and its F1 when neither happens; such values are set
to ``zero_division`` (0 by default, as scikit-learn does). ``support`` and
``n_predicted`` in the score table show when that happened. Recall is the
sensitivity; with the specificity it is what a prevalence correction
(Rogan-Gladen) needs.

Grouping by outlet can also split by language when a language has a single
outlet: a supervised model is then tested on a language it has never seen
in training. Grouping by ``"doc_id"`` instead measures generalisation to new
documents of known outlets.
"""
from __future__ import annotations

import numbers
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.model_selection import KFold
from sklearn.utils.validation import check_is_fitted

from discourse._errors import ParameterError, DiscourseError, invalid_value_message
from discourse._validation import check_int, python_scalar

__all__ = [
    "FrameCVResult",
    "FrameEvaluation",
    "check_zero_division",
    "classification_errors",
    "compare_classifiers",
    "comparison_table",
    "cross_validate_classifiers",
    "cross_validate_frames",
    "cross_validated_error_rates",
    "evaluate",
    "grouped_folds",
    "score_frames",
]

_SCORE_COLUMNS = [
    "frame", "support", "n_predicted", "n", "prevalence", "predicted_prevalence",
    "precision", "recall", "specificity", "f1", "brier", "tp", "fp", "fn", "tn",
]


def check_zero_division(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not (
        np.isnan(value) or value in (0, 1)
    ):
        raise ParameterError(invalid_value_message("zero_division", value, [0.0, 1.0, np.nan]))
    return float(value)


def _ratio(num: np.ndarray, den: np.ndarray, fill: float) -> np.ndarray:
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    out = np.full(num.shape, fill, dtype=float)
    np.divide(num, den, out=out, where=den > 0)
    return out


def _as_binary_frame(values: Any, argument: str) -> pd.DataFrame:
    if not isinstance(values, pd.DataFrame):
        raise ParameterError(f"`{argument}` must be a DataFrame with one 0/1 column per frame; got {type(values).__name__}.")
    bad = ~values.isin([0, 1]) | values.isna()
    if bad.to_numpy().any():
        r, c = (int(v[0]) for v in np.nonzero(bad.to_numpy()))
        raise DiscourseError(
            f"`{argument}` row {values.index[r]!r}, column {values.columns[c]!r}: value "
            f"{python_scalar(values.iat[r, c])!r}; must be 0 or 1."
        )
    return values.astype(int)


def score_frames(
    labels: pd.DataFrame,
    predictions: pd.DataFrame,
    proba: pd.DataFrame | None = None,
    *,
    zero_division: float = 0.0,
) -> pd.DataFrame:
    """Per-frame agreement of predictions with gold labels.

    Parameters
    ----------
    labels : DataFrame
        Gold 0/1 labels, one column per frame.
    predictions : DataFrame
        Predicted 0/1 labels with (at least) the same columns and the same
        index as ``labels``.
    proba : DataFrame, optional
        Predicted probabilities, same shape as ``predictions``; NaN cells
        are left out of the Brier score.
    zero_division : {0.0, 1.0, nan}, default=0.0
        Value of an undefined precision, recall or F1.

    Returns
    -------
    DataFrame
        One row per frame of ``labels``: ``support`` (gold positives),
        ``n_predicted``, ``n``, ``prevalence``, ``predicted_prevalence``,
        ``precision``, ``recall`` (sensitivity), ``specificity``, ``f1``,
        ``brier`` (NaN without probabilities) and the confusion counts
        ``tp``, ``fp``, ``fn``, ``tn``.

    Raises
    ------
    DiscourseError
        If a value is not 0/1, a frame of ``labels`` is missing from
        ``predictions``, the indexes differ, or ``zero_division`` is invalid.
    TypeError
        If ``labels`` or ``predictions`` is not a DataFrame.

    Examples
    --------
    >>> import pandas as pd
    >>> gold = pd.DataFrame({"economic": [1, 1, 0, 0]})
    >>> pred = pd.DataFrame({"economic": [1, 0, 1, 0]})
    >>> score_frames(gold, pred)[["frame", "precision", "recall", "specificity", "f1"]]
          frame  precision  recall  specificity   f1
    0  economic        0.5     0.5          0.5  0.5
    """
    fill = check_zero_division(zero_division)
    y = _as_binary_frame(labels, "labels")
    frames = list(y.columns)
    missing = [f for f in frames if f not in getattr(predictions, "columns", [])]
    if missing:
        raise DiscourseError(f"`predictions` lacks the frame column(s) {missing} found in `labels`.")
    p = _as_binary_frame(predictions[frames], "predictions")
    if not p.index.equals(y.index):
        raise DiscourseError("The index of `predictions` does not match the index of `labels`.")
    Y, P = y.to_numpy(), p.to_numpy()
    tp = (Y & P).sum(axis=0)
    fp = ((1 - Y) & P).sum(axis=0)
    fn = (Y & (1 - P)).sum(axis=0)
    tn = ((1 - Y) & (1 - P)).sum(axis=0)
    n = len(y)
    if proba is not None:
        if not set(frames) <= set(getattr(proba, "columns", [])):
            raise DiscourseError(f"`proba` lacks frame column(s) {[f for f in frames if f not in proba.columns]}.")
        pr = proba[frames].reindex(y.index).to_numpy(dtype=float)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN column → NaN
            brier = np.nanmean((pr - Y) ** 2, axis=0)
    else:
        brier = np.full(len(frames), np.nan)
    out = pd.DataFrame(
        {
            "frame": frames,
            "support": tp + fn,
            "n_predicted": tp + fp,
            "n": n,
            "prevalence": _ratio(tp + fn, np.full(len(frames), n), np.nan),
            "predicted_prevalence": _ratio(tp + fp, np.full(len(frames), n), np.nan),
            "precision": _ratio(tp, tp + fp, fill),
            "recall": _ratio(tp, tp + fn, fill),
            "specificity": _ratio(tn, tn + fp, np.nan),
            "f1": _ratio(2 * tp, 2 * tp + fp + fn, fill),
            "brier": brier,
            "tp": tp, "fp": fp, "fn": fn, "tn": tn,
        }
    )
    return out[_SCORE_COLUMNS]


@dataclass(repr=False)
class FrameEvaluation:
    """Gold labels with a classifier's predictions, and the scores they give.

    Parameters
    ----------
    labels : DataFrame
        Gold 0/1 labels, one column per frame.
    predictions : DataFrame
        Predicted 0/1 labels, same index and columns.
    proba : DataFrame or None
        Predicted probabilities (None for a classifier without them).
    zero_division : float
        Value of undefined precision, recall and F1 (see :func:`score_frames`).
    """

    labels: pd.DataFrame
    predictions: pd.DataFrame
    proba: pd.DataFrame | None = None
    zero_division: float = 0.0

    @property
    def frames(self) -> list[str]:
        """Frame ids evaluated."""
        return list(self.labels.columns)

    @property
    def scores(self) -> pd.DataFrame:
        """Tidy per-frame scores (see :func:`score_frames`)."""
        return score_frames(self.labels, self.predictions, self.proba, zero_division=self.zero_division)

    @property
    def confusion(self) -> pd.DataFrame:
        """Confusion counts per frame: ``frame``, ``tp``, ``fp``, ``fn``, ``tn``.

        Ready for :func:`discourse.prevalence.error_rates_from_confusion`.
        """
        return self.scores[["frame", "tp", "fp", "fn", "tn"]]

    @property
    def summary(self) -> pd.DataFrame:
        """Micro and macro precision, recall and F1, and the Brier score.

        Micro scores pool the confusion counts of all frames (dominated by
        frequent frames); macro scores average the per-frame scores (each
        frame counts equally). ``brier``: micro is the mean squared error
        over all passage × frame cells, macro the mean of the per-frame
        Brier scores.
        """
        s = self.scores
        fill = self.zero_division
        tp, fp, fn = (int(s[c].sum()) for c in ("tp", "fp", "fn"))
        if self.proba is None:
            micro_brier = np.nan
        else:
            sq = (self.proba[self.frames].reindex(self.labels.index).to_numpy(float) - self.labels.to_numpy()) ** 2
            micro_brier = float(np.nanmean(sq)) if np.isfinite(sq).any() else np.nan
        micro = {
            "precision": float(_ratio(tp, tp + fp, fill)),
            "recall": float(_ratio(tp, tp + fn, fill)),
            "f1": float(_ratio(2 * tp, 2 * tp + fp + fn, fill)),
            "brier": micro_brier,
        }
        macro = {m: float(s[m].mean()) for m in ("precision", "recall", "f1")}
        macro["brier"] = float(s["brier"].mean()) if s["brier"].notna().any() else np.nan
        return pd.DataFrame([micro, macro], index=pd.Index(["micro", "macro"], name="average"))

    def _group_values(self, by: Any, argument: str = "by") -> np.ndarray:
        """``by`` as one value per evaluated passage (a Series is aligned on the index)."""
        if isinstance(by, pd.Series):
            if not by.index.equals(self.labels.index):
                if not set(self.labels.index) <= set(by.index):
                    raise DiscourseError(f"`{argument}` (a Series) must have a value for every evaluated passage.")
                by = by.reindex(self.labels.index)
            values = by.to_numpy()
        else:
            values = np.asarray(by, dtype=object)
        if values.shape != (len(self.labels),):
            raise DiscourseError(f"`{argument}` must hold one value per evaluated passage ({len(self.labels)}); "
                                 f"got {values.shape[0] if values.ndim else 'a scalar'}.")
        if pd.isna(values).any():
            raise DiscourseError(f"`{argument}` has missing values; every passage needs a group.")
        return values

    def scores_by(self, by: Any) -> pd.DataFrame:
        """:meth:`scores` within each group (e.g. language): ``group`` then the score columns.

        Parameters
        ----------
        by : array-like or Series
            One group label per evaluated passage (a Series is aligned on
            the index).

        Returns
        -------
        DataFrame
            One row per group (in order of first appearance) and frame.
        """
        values = self._group_values(by)
        parts = []
        for g in pd.unique(values):
            m = values == g
            proba = None if self.proba is None else self.proba[m]
            s = score_frames(self.labels[m], self.predictions[m], proba, zero_division=self.zero_division)
            s.insert(0, "group", g)
            parts.append(s)
        return pd.concat(parts, ignore_index=True)

    def summary_by(self, by: Any, *, min_support: int = 1) -> pd.DataFrame:
        """Micro and macro precision, recall and F1 within each group.

        The macro average of a group is taken over the frames with at least
        ``min_support`` gold positives in that group: a frame that never
        occurs in a language has no recall or F1 to average there (it would
        count as 0 otherwise). ``n_frames`` says how many frames entered.

        Returns
        -------
        DataFrame
            Indexed by (``group``, ``average``), columns ``n``, ``n_frames``,
            ``precision``, ``recall``, ``f1``.
        """
        min_support = check_int("min_support", min_support, minimum=1)
        rows = []
        for g, s in self.scores_by(by).groupby("group", sort=False):
            tp, fp, fn = (int(s[c].sum()) for c in ("tp", "fp", "fn"))
            fill = self.zero_division
            rows.append({"group": g, "average": "micro", "n": int(s["n"].iloc[0]), "n_frames": len(s),
                         "precision": float(_ratio(tp, tp + fp, fill)), "recall": float(_ratio(tp, tp + fn, fill)),
                         "f1": float(_ratio(2 * tp, 2 * tp + fp + fn, fill))})
            kept = s[s["support"] >= min_support]
            rows.append({"group": g, "average": "macro", "n": int(s["n"].iloc[0]), "n_frames": len(kept),
                         **{m: float(kept[m].mean()) if len(kept) else np.nan for m in ("precision", "recall", "f1")}})
        return pd.DataFrame(rows).set_index(["group", "average"])

    def bootstrap(self, *, n_boot: int = 1000, units: Any = None, by: Any = None, ci: float = 0.95,
                  min_support: int = 1, random_state: int | None = 0) -> pd.DataFrame:
        """Percentile confidence intervals for precision, recall and F1 (per frame, micro, macro).

        Evaluation passages are resampled with replacement in clusters of
        ``units`` (e.g. document ids: passages of one document are not
        independent) — within each group of ``by`` when given, so a
        language's interval reflects that language's sample size. The
        classifier is not refitted: the intervals are for the evaluation
        sample, not the training. In a resample where a frame has no
        positive and no prediction its precision, recall and F1 are
        undefined and left out; the macro average of a resample is over the
        frames that entered the point estimate (``min_support`` positives).

        Parameters
        ----------
        n_boot : int, default=1000
            Resamples.
        units : array-like or Series, optional
            Cluster of each passage (default: each passage its own).
        by : array-like or Series, optional
            Group of each passage (e.g. language); intervals per group, plus
            ``"all"`` (resampling within groups).
        ci : float, default=0.95
            Coverage of the percentile intervals.
        min_support : int, default=1
            As for :meth:`summary_by`.
        random_state : int or None, default=0
            Seed.

        Returns
        -------
        DataFrame
            Tidy: ``group`` (``"all"`` first, then each group), ``frame``
            (the frames, then ``micro`` and ``macro``), ``metric``
            (``precision``, ``recall``, ``f1``), ``estimate``, ``ci_low``,
            ``ci_high``, ``support`` (gold positives; missing for averages).

        Examples
        --------
        >>> ev = FrameEvaluation(pd.DataFrame({"aid": [1, 1, 0, 0] * 5}),  # synthetic
        ...                      pd.DataFrame({"aid": [1, 0, 0, 0] * 5}))
        >>> b = ev.bootstrap(n_boot=200)
        >>> row = b[(b["frame"] == "aid") & (b["metric"] == "precision")].iloc[0]
        >>> [float(row[c]) for c in ("estimate", "ci_low", "ci_high")]
        [1.0, 1.0, 1.0]
        """
        n_boot = check_int("n_boot", n_boot, minimum=1)
        min_support = check_int("min_support", min_support, minimum=1)
        if not 0 < ci < 1:
            raise ParameterError(invalid_value_message("ci", ci, must="a number in (0, 1)"))
        n = len(self.labels)
        unit_values = np.arange(n) if units is None else self._group_values(units, "units")
        group_values = np.full(n, "all", dtype=object) if by is None else self._group_values(by)
        Y = self.labels.to_numpy().astype(float)
        P = self.predictions[self.frames].to_numpy().astype(float)
        rng = np.random.default_rng(random_state)
        groups = pd.unique(group_values)
        # passage weights per resample: how often its unit was drawn, within its group
        weights = np.zeros((n_boot, n))
        for g in groups:
            rows = np.flatnonzero(group_values == g)
            codes, uniq = pd.factorize(unit_values[rows])
            draws = rng.integers(0, len(uniq), size=(n_boot, len(uniq)))
            counts = np.stack([np.bincount(d, minlength=len(uniq)) for d in draws])
            weights[:, rows] = counts[:, codes]
        tail = (1 - ci) / 2 * 100
        out = []
        for g in ["all", *[x for x in groups if x != "all"]] if by is not None else ["all"]:
            rows = np.ones(n, bool) if g == "all" else group_values == g
            out += self._bootstrap_rows(g, Y[rows], P[rows], weights[:, rows], tail, min_support)
        return pd.DataFrame(out, columns=["group", "frame", "metric", "estimate", "ci_low", "ci_high", "support"])

    def _bootstrap_rows(self, group: Any, Y: np.ndarray, P: np.ndarray, W: np.ndarray, tail: float,
                        min_support: int) -> list[dict]:
        def metrics(w: np.ndarray) -> dict[str, np.ndarray]:
            # w: (k, n) weights -> per frame arrays (k, frames)
            tp, fp, fn = w @ (Y * P), w @ ((1 - Y) * P), w @ (Y * (1 - P))
            with np.errstate(invalid="ignore", divide="ignore"):
                prec = np.where(tp + fp > 0, tp / (tp + fp), np.nan)
                rec = np.where(tp + fn > 0, tp / (tp + fn), np.nan)
                f1 = np.where(2 * tp + fp + fn > 0, 2 * tp / (2 * tp + fp + fn), np.nan)
                st, sf, sn = tp.sum(1), fp.sum(1), fn.sum(1)
                micro = {"precision": st / (st + sf), "recall": st / (st + sn), "f1": 2 * st / (2 * st + sf + sn)}
            return {"precision": prec, "recall": rec, "f1": f1, "micro": micro}

        point = metrics(np.ones((1, len(Y))))
        boot = metrics(W)
        support = Y.sum(axis=0)
        keep = support >= min_support
        fill = self.zero_division
        rows = []
        for j, frame in enumerate(self.frames):
            for m in ("precision", "recall", "f1"):
                est = point[m][0, j]
                rows.append({"group": group, "frame": frame, "metric": m,
                             "estimate": float(fill if np.isnan(est) else est),
                             "ci_low": float(np.nanpercentile(boot[m][:, j], tail)) if np.isfinite(boot[m][:, j]).any() else np.nan,
                             "ci_high": float(np.nanpercentile(boot[m][:, j], 100 - tail)) if np.isfinite(boot[m][:, j]).any() else np.nan,
                             "support": int(support[j])})
        for m in ("precision", "recall", "f1"):
            micro = boot["micro"][m]
            rows.append({"group": group, "frame": "micro", "metric": m, "estimate": float(point["micro"][m][0]),
                         "ci_low": float(np.nanpercentile(micro, tail)), "ci_high": float(np.nanpercentile(micro, 100 - tail)),
                         "support": None})
        for m in ("precision", "recall", "f1"):
            est = np.where(np.isnan(point[m][0]), fill, point[m][0])[keep]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                macro = np.nanmean(boot[m][:, keep], axis=1) if keep.any() else np.full(len(W), np.nan)
            rows.append({"group": group, "frame": "macro", "metric": m,
                         "estimate": float(est.mean()) if keep.any() else np.nan,
                         "ci_low": float(np.nanpercentile(macro, tail)) if np.isfinite(macro).any() else np.nan,
                         "ci_high": float(np.nanpercentile(macro, 100 - tail)) if np.isfinite(macro).any() else np.nan,
                         "support": None})
        return rows

    def reliability_curve(self, n_bins: int = 10, *, pooled: bool = False) -> pd.DataFrame:
        """Mean predicted probability against observed frequency, per probability bin.

        Bins split [0, 1] into ``n_bins`` equal intervals (bin k covers
        (k/n, (k+1)/n], the first also holds 0), as
        ``sklearn.calibration.calibration_curve(strategy="uniform")`` does;
        empty bins are left out. For a well-calibrated classifier
        ``observed`` is close to ``mean_predicted`` in every bin.

        Parameters
        ----------
        n_bins : int, default=10
            Number of bins.
        pooled : bool, default=False
            If True, one curve over all passage × frame cells (frame
            ``"(all)"``); few frames have enough positives for a curve of
            their own.

        Returns
        -------
        DataFrame
            ``frame``, ``bin``, ``bin_lower``, ``bin_upper``,
            ``mean_predicted``, ``observed`` and ``count``. Empty if the
            classifier has no probabilities.

        Raises
        ------
        DiscourseError
            If ``n_bins`` is not an int >= 2.
        """
        n_bins = check_int("n_bins", n_bins, minimum=2)
        columns = ["frame", "bin", "bin_lower", "bin_upper", "mean_predicted", "observed", "count"]
        if self.proba is None:
            return pd.DataFrame(columns=columns)
        edges = np.linspace(0.0, 1.0, n_bins + 1)
        proba = self.proba[self.frames].reindex(self.labels.index)
        if pooled:
            curves = [("(all)", proba.to_numpy(float).ravel(), self.labels.to_numpy().ravel())]
        else:
            curves = [(f, proba[f].to_numpy(float), self.labels[f].to_numpy()) for f in self.frames]
        rows = []
        for frame, p, y in curves:
            ok = ~np.isnan(p)
            p, y = p[ok], y[ok]
            ids = np.searchsorted(edges[1:-1], p)
            for b in np.unique(ids):
                sel = ids == b
                rows.append({
                    "frame": frame, "bin": int(b), "bin_lower": edges[b], "bin_upper": edges[b + 1],
                    "mean_predicted": float(p[sel].mean()), "observed": float(y[sel].mean()),
                    "count": int(sel.sum()),
                })
        return pd.DataFrame(rows, columns=columns)

    def __repr__(self) -> str:
        s = self.summary
        return (
            f"{type(self).__name__}: {len(self.labels)} passages × {len(self.frames)} frames; "
            f"micro F1 {s.loc['micro', 'f1']:.3f}, macro F1 {s.loc['macro', 'f1']:.3f}"
        )


@dataclass(repr=False)
class FrameCVResult(FrameEvaluation):
    """Out-of-fold predictions of a cross-validated frame classifier, and their scores.

    Besides everything :class:`FrameEvaluation` offers (``scores``,
    ``summary``, ``confusion``, ``reliability_curve``):

    Attributes
    ----------
    folds : DataFrame
        One row per fold: ``fold``, ``n_train``, ``n_test``,
        ``test_groups`` (the held-out groups), ``test_index`` (positions of
        the held-out rows in ``data``) and ``warnings`` (messages raised
        while fitting, e.g. a frame without positives in the fold).
    groups : str or None
        What the folds were grouped by.
    n_splits : int
        Folds actually used (fewer than asked when there are fewer groups).
    """

    folds: pd.DataFrame = field(default_factory=pd.DataFrame)
    groups: str | None = None
    n_splits: int = 0

    @property
    def oof_predictions(self) -> pd.DataFrame:
        """Out-of-fold 0/1 predictions, index aligned with the data."""
        return self.predictions

    @property
    def oof_proba(self) -> pd.DataFrame | None:
        """Out-of-fold probabilities (None for a classifier without ``predict_proba``)."""
        return self.proba

    def __repr__(self) -> str:
        by = f"grouped by {self.groups!r}" if self.groups else "ungrouped"
        return super().__repr__() + f"; {self.n_splits}-fold CV {by}"


def _resolve_groups(data: pd.DataFrame, groups: Any) -> tuple[np.ndarray | None, str | None]:
    if groups is None:
        return None, None
    if isinstance(groups, str):
        if groups not in data.columns:
            raise ParameterError(f"`groups` must name a column of `data` or give one label per row; got {groups!r} (columns: {', '.join(map(repr, data.columns))}).")
        values, name = data[groups].to_numpy(), groups
    else:
        values, name = np.asarray(groups), "<array>"
        if values.ndim != 1 or len(values) != len(data):
            raise DiscourseError(
                f"`groups` must be a column name or hold one label per row of `data` ({len(data)}), "
                f"got shape {values.shape}."
            )
    if pd.isna(values).any():
        raise DiscourseError(f"`groups` ({name}) has missing values; every passage needs a group.")
    return values, name


def grouped_folds(groups: Any, n_splits: int) -> list[np.ndarray]:
    """Test positions of ``n_splits`` folds in which no group straddles two folds.

    Groups are taken largest first (ties: the group that appears first) and
    each goes to the fold with the fewest passages so far (ties: the lowest
    fold), which balances fold sizes to within one group. This is the
    algorithm of scikit-learn's ``GroupKFold``, with the tie-breaking fixed
    here so that folds, and every cross-validated number in the README, do
    not change with the scikit-learn version (``GroupKFold`` breaks ties
    differently across releases).

    Parameters
    ----------
    groups : array-like
        One group label per passage.
    n_splits : int
        Number of folds, at most the number of groups.

    Returns
    -------
    list of ndarray
        Sorted test positions per fold.

    Examples
    --------
    >>> [f.tolist() for f in grouped_folds(["a", "b", "b", "c", "c", "c"], 2)]
    [[3, 4, 5], [0, 1, 2]]
    """
    codes, uniques = pd.factorize(np.asarray(groups, dtype=object))
    n_splits = check_int("n_splits", n_splits, minimum=2)
    if n_splits > len(uniques):
        raise DiscourseError(f"`n_splits` ({n_splits}) must be at most the number of groups ({len(uniques)}).")
    sizes = np.bincount(codes)
    order = np.lexsort((np.arange(len(uniques)), -sizes))  # largest first, then first seen
    fold_of_group = np.empty(len(uniques), dtype=int)
    load = np.zeros(n_splits, dtype=int)
    for g in order:
        k = int(np.argmin(load))  # argmin returns the lowest index among ties
        fold_of_group[g] = k
        load[k] += sizes[g]
    fold = fold_of_group[codes]
    return [np.flatnonzero(fold == k) for k in range(n_splits)]


def cross_validate_frames(
    estimator: Any,
    data: pd.DataFrame,
    labels: pd.DataFrame,
    *,
    groups: str | Any | None = "source",
    n_splits: int = 5,
    random_state: int | None = 0,
    zero_division: float = 0.0,
) -> FrameCVResult:
    """Cross-validate a frame classifier with folds grouped by outlet.

    For each fold a fresh copy of ``estimator`` (``sklearn.base.clone``) is
    fitted on the training passages and predicts the held-out ones, so every
    passage gets exactly one out-of-fold prediction.

    Parameters
    ----------
    estimator : estimator
        A frame classifier whose ``predict`` returns a DataFrame of 0/1 with
        one column per frame (:class:`~discourse.framing.SupervisedFrameClassifier`,
        :class:`~discourse.framing.LexiconFrameClassifier`). If it has
        ``predict_proba``, probabilities are kept too.
    data : DataFrame
        Passages (``text``, ``language``, and the ``groups`` column).
    labels : DataFrame
        Gold 0/1 labels, one column per frame, same index as ``data``.
    groups : str, array-like or None, default="source"
        Column of ``data`` (or one label per passage) whose values never
        straddle a train/test split (:func:`grouped_folds`, which balances
        the number of test passages per fold; deterministic, whatever the
        scikit-learn version). ``None`` gives shuffled ``KFold`` instead.
    n_splits : int, default=5
        Folds. With fewer groups than folds, as many folds as there are
        groups are used (leave-one-group-out) and a warning says so.
    random_state : int or None, default=0
        Seed for the shuffled ``KFold`` when ``groups=None``; grouped folds
        are deterministic. The estimator's own seed is its parameter.
    zero_division : {0.0, 1.0, nan}, default=0.0
        See :func:`score_frames`.

    Returns
    -------
    FrameCVResult

    Raises
    ------
    DiscourseError
        If ``data`` and ``labels`` do not align, a label is not 0/1,
        ``groups`` is not a column or has missing values, there are fewer
        than two groups, ``n_splits`` < 2, or the estimator's predictions
        lack a frame of ``labels``.
    TypeError
        If ``data`` or ``labels`` is not a DataFrame.

    Warns
    -----
    UserWarning
        When fewer folds than ``n_splits`` are used, and (once, summarised)
        when fitting raised warnings in some folds; they are kept in
        ``result.folds["warnings"]``.

    Examples
    --------
    >>> import pandas as pd
    >>> from discourse.framing import LexiconFrameClassifier
    >>> data = pd.DataFrame({  # synthetic
    ...     "text": ["Refugees need food.", "The Taliban took Kabul.",
    ...              "Hunger and refugees.", "A meeting was held."],
    ...     "language": "en", "source": ["A", "A", "B", "B"]})
    >>> labels = pd.DataFrame({"humanitarian": [1, 0, 1, 0]})
    >>> res = cross_validate_frames(LexiconFrameClassifier("afghanistan"), data, labels, n_splits=2)
    >>> res.scores[["frame", "precision", "recall"]]
              frame  precision  recall
    0  humanitarian        1.0     1.0
    """
    if not isinstance(data, pd.DataFrame):
        raise ParameterError(f"`data` must be a passages DataFrame; got {type(data).__name__}.")
    y = _as_binary_frame(labels, "labels")
    if len(y) != len(data) or not y.index.equals(data.index):
        raise DiscourseError(
            f"`labels` ({len(y)} rows) must have the same index as `data` ({len(data)} rows)."
        )
    n_splits = check_int("n_splits", n_splits, minimum=2)
    zero_division = check_zero_division(zero_division)
    group_values, group_name = _resolve_groups(data, groups)
    if group_values is None:
        n_eff = min(n_splits, len(data))
        splitter: Any = KFold(n_eff, shuffle=True, random_state=random_state)
    else:
        n_groups = len(pd.unique(group_values))
        if n_groups < 2:
            raise DiscourseError(f"`groups` ({group_name}) has {n_groups} distinct value; need at least 2.")
        n_eff = min(n_splits, n_groups)
        if n_eff < n_splits:
            warnings.warn(
                f"Only {n_groups} groups in {group_name!r}; using {n_eff} folds instead of {n_splits}.",
                UserWarning,
                stacklevel=2,
            )
        splitter = None
    frames = list(y.columns)
    pred = pd.DataFrame(np.zeros(y.shape, dtype=int), index=y.index, columns=frames)
    proba: pd.DataFrame | None = None
    fold_rows = []
    if splitter is None:
        tests = grouped_folds(group_values, n_eff)
        splits = [(np.setdiff1d(np.arange(len(y)), test), test) for test in tests]
    else:
        splits = list(splitter.split(np.zeros(len(y))))
    for k, (train, test) in enumerate(splits):
        model = clone(estimator)
        with warnings.catch_warnings(record=True) as caught:
            # UserWarnings (e.g. a frame without positives in this fold) are
            # kept per fold; anything else is passed on unchanged below.
            warnings.simplefilter("always", UserWarning)
            model.fit(data.iloc[train], y.iloc[train])
            fold_pred = model.predict(data.iloc[test])
            has_proba = hasattr(model, "predict_proba")
            fold_proba = model.predict_proba(data.iloc[test]) if has_proba else None
        for w in caught:
            if not issubclass(w.category, UserWarning):
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        caught = [w for w in caught if issubclass(w.category, UserWarning)]
        missing = [f for f in frames if f not in fold_pred.columns]
        if missing:
            raise DiscourseError(
                f"The estimator's predictions lack frame column(s) {missing} that `labels` has; "
                "is it using the same codebook?"
            )
        pred.iloc[test] = fold_pred[frames].to_numpy()
        if fold_proba is not None:
            if proba is None:
                proba = pd.DataFrame(np.nan, index=y.index, columns=frames)
            proba.iloc[test] = fold_proba[frames].to_numpy(float)
        fold_rows.append({
            "fold": k,
            "n_train": len(train),
            "n_test": len(test),
            "test_groups": sorted(map(str, pd.unique(group_values[test]))) if group_values is not None else [],
            "test_index": test.tolist(),
            "warnings": list(dict.fromkeys(str(w.message) for w in caught)),
        })
    pred.columns.name = "frame"
    if proba is not None:
        proba.columns.name = "frame"
    folds = pd.DataFrame(fold_rows)
    n_warned = int(folds["warnings"].map(len).gt(0).sum())
    if n_warned:
        warnings.warn(
            f"Fitting raised warnings in {n_warned} of {len(folds)} folds; see `result.folds['warnings']`.",
            UserWarning,
            stacklevel=2,
        )
    return FrameCVResult(
        labels=y, predictions=pred, proba=proba, zero_division=zero_division,
        folds=folds, groups=group_name, n_splits=n_eff,
    )


def compare_classifiers(
    estimators: Mapping[str, Any],
    data: pd.DataFrame,
    labels: pd.DataFrame,
    *,
    groups: str | Any | None = "source",
    n_splits: int = 5,
    random_state: int | None = 0,
    zero_division: float = 0.0,
    wide: bool = False,
) -> pd.DataFrame:
    """Cross-validate several classifiers on the same folds and compare their scores.

    Parameters
    ----------
    estimators : mapping of {str: estimator}
        Name → frame classifier (cloned for every fold).
    data, labels, groups, n_splits, random_state, zero_division
        As for :func:`cross_validate_frames`; the folds are the same for
        every classifier.
    wide : bool, default=False
        If True, return the classifiers side by side: one row per frame
        (then ``micro`` and ``macro``) and two-level columns (metric,
        classifier), after a ``support`` column.

    Returns
    -------
    DataFrame
        Tidy (default): one row per frame and classifier, then the
        ``micro`` and ``macro`` averages as rows with those names in
        ``frame``; columns ``frame``, ``classifier``, ``support``,
        ``precision``, ``recall``, ``f1``, ``brier``. ``support`` (gold
        positives) is missing for the averages.

    Raises
    ------
    DiscourseError
        If ``estimators`` is empty, or as :func:`cross_validate_frames`.
    TypeError
        If ``estimators`` is not a mapping.

    Examples
    --------
    >>> import pandas as pd
    >>> from discourse.framing import LexiconFrameClassifier
    >>> data = pd.DataFrame({  # synthetic
    ...     "text": ["Refugees need food.", "The Taliban took Kabul.", "Hunger and refugees.", "A meeting."],
    ...     "language": "en", "source": ["A", "A", "B", "B"]})
    >>> labels = pd.DataFrame({"humanitarian": [1, 0, 1, 0]})
    >>> table = compare_classifiers({"one hit": LexiconFrameClassifier("afghanistan"),
    ...                              "two hits": LexiconFrameClassifier("afghanistan", threshold=2)},
    ...                             data, labels, n_splits=2)
    >>> table.pivot(index="frame", columns="classifier", values="f1").round(2)  # doctest: +NORMALIZE_WHITESPACE
    classifier    one hit  two hits
    frame
    humanitarian      1.0      0.67
    macro             1.0      0.67
    micro             1.0      0.67
    """
    results = cross_validate_classifiers(estimators, data, labels, groups=groups, n_splits=n_splits,
                                         random_state=random_state, zero_division=zero_division)
    return comparison_table(results, wide=wide)


def cross_validate_classifiers(
    estimators: Mapping[str, Any],
    data: pd.DataFrame,
    labels: pd.DataFrame,
    *,
    groups: str | Any | None = "source",
    n_splits: int = 5,
    random_state: int | None = 0,
    zero_division: float = 0.0,
) -> dict[str, FrameCVResult]:
    """:func:`cross_validate_frames` for several classifiers on the same folds: name -> result.

    Parameters and errors as for :func:`compare_classifiers`, which tabulates
    these results (:func:`comparison_table`).
    """
    if not isinstance(estimators, Mapping):
        raise ParameterError(f"`estimators` must be a mapping of name to classifier; got {type(estimators).__name__}.")
    if not estimators:
        raise DiscourseError("`estimators` is empty; pass at least one classifier.")
    return {name: cross_validate_frames(est, data, labels, groups=groups, n_splits=n_splits,
                                        random_state=random_state, zero_division=zero_division)
            for name, est in estimators.items()}


def comparison_table(results: Mapping[str, FrameEvaluation], *, wide: bool = False) -> pd.DataFrame:
    """Scores of several classifiers side by side (the table :func:`compare_classifiers` returns)."""
    metrics = ["precision", "recall", "f1", "brier"]
    parts = []
    for name, res in results.items():
        per_frame = res.scores[["frame", "support", *metrics]]
        averages = res.summary[metrics].rename_axis("frame").reset_index()
        table = pd.concat([per_frame, averages], ignore_index=True)
        table.insert(1, "classifier", name)
        parts.append(table)
    tidy = pd.concat(parts, ignore_index=True)
    tidy["support"] = tidy["support"].astype("Int64")
    if not wide:
        return tidy
    order = list(dict.fromkeys(tidy["frame"]))
    out = tidy.pivot(index="frame", columns="classifier", values=metrics).reindex(order)
    out = out[[(m, name) for m in metrics for name in results]]
    support = tidy.drop_duplicates("frame").set_index("frame")["support"].reindex(order)
    out.insert(0, ("support", ""), support)
    out.columns = pd.MultiIndex.from_tuples(out.columns, names=["metric", "classifier"])
    return out


def evaluate(estimator: Any, data: pd.DataFrame, labels: pd.DataFrame, *, zero_division: float = 0.0) -> FrameEvaluation:
    """A fitted classifier's predictions on coded passages, scored: e.g. the test split, once.

    Parameters
    ----------
    estimator : fitted frame classifier
        Its ``predict`` (and ``predict_proba``, if any) are used.
    data : DataFrame
        The passages (``text``, ``language``).
    labels : DataFrame
        Their gold 0/1 labels, same index.
    zero_division : {0.0, 1.0, nan}, default=0.0
        See :func:`score_frames`.

    Returns
    -------
    FrameEvaluation
        With ``scores``, ``summary``, ``scores_by``, ``summary_by`` and
        ``bootstrap``.

    Examples
    --------
    >>> import pandas as pd
    >>> from discourse.framing import LexiconFrameClassifier
    >>> data = pd.DataFrame({"text": ["Refugees need food.", "A meeting."], "language": "en"})  # synthetic
    >>> ev = evaluate(LexiconFrameClassifier("afghanistan").fit(), data, pd.DataFrame({"humanitarian": [1, 0]}))
    >>> float(ev.summary.loc["macro", "f1"])
    1.0
    """
    check_is_fitted(estimator)
    y = _as_binary_frame(labels, "labels")
    if not isinstance(data, pd.DataFrame) or not data.index.equals(y.index):
        raise DiscourseError("`data` must be a passages DataFrame with the same index as `labels`.")
    pred = estimator.predict(data)
    missing = [f for f in y.columns if f not in pred.columns]
    if missing:
        raise DiscourseError(f"The estimator does not predict frame(s) {missing} of `labels`.")
    proba = estimator.predict_proba(data)[list(y.columns)] if hasattr(estimator, "predict_proba") else None
    return FrameEvaluation(y, pred[list(y.columns)].astype(int), proba, check_zero_division(zero_division))


def classification_errors(result: FrameEvaluation, data: pd.DataFrame, *, frame: str) -> pd.DataFrame:
    """The passages whose prediction for one frame disagrees with the gold label.

    Parameters
    ----------
    result : FrameEvaluation or FrameCVResult
        E.g. from :func:`cross_validate_frames` (out-of-fold predictions).
    data : DataFrame
        The passages that were evaluated, same index as ``result.labels``.
    frame : str
        Frame to inspect.

    Returns
    -------
    DataFrame
        The misclassified rows of ``data`` with ``gold``, ``predicted``,
        ``probability`` (NaN without probabilities) and ``error``
        (``"false positive"`` or ``"false negative"``), the most confident
        mistakes first (largest distance between probability and gold
        label), otherwise in data order.

    Raises
    ------
    DiscourseError
        If ``frame`` was not evaluated or ``data`` does not align with the
        result.
    TypeError
        If ``result`` is not a FrameEvaluation or ``data`` not a DataFrame.

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame({"text": ["aid", "bomb", "aid and bomb"]})  # synthetic
    >>> res = FrameEvaluation(pd.DataFrame({"humanitarian": [1, 0, 0]}),
    ...                       pd.DataFrame({"humanitarian": [1, 0, 1]}))
    >>> classification_errors(res, data, frame="humanitarian")[["text", "error"]]
               text           error
    2  aid and bomb  false positive
    """
    if not isinstance(result, FrameEvaluation):
        raise ParameterError(f"`result` must be a FrameEvaluation or FrameCVResult; got {type(result).__name__}.")
    if not isinstance(data, pd.DataFrame):
        raise ParameterError(f"`data` must be a passages DataFrame; got {type(data).__name__}.")
    if frame not in result.frames:
        raise ParameterError(invalid_value_message("frame", frame, result.frames))
    if not data.index.equals(result.labels.index):
        raise DiscourseError("The index of `data` does not match the evaluated passages (`result.labels`).")
    gold = result.labels[frame]
    pred = result.predictions[frame]
    if result.proba is not None:
        prob = result.proba[frame].astype(float)
    else:
        prob = pd.Series(np.nan, index=gold.index)
    out = data.assign(gold=gold, predicted=pred, probability=prob)
    out = out[gold != pred].copy()
    out["error"] = np.where(out["gold"] == 1, "false negative", "false positive")
    confidence = (out["probability"] - out["gold"]).abs()
    return out.iloc[np.argsort(-confidence.fillna(0).to_numpy(), kind="stable")]


def cross_validated_error_rates(
    estimator: Any,
    data: pd.DataFrame,
    labels: pd.DataFrame,
    *,
    groups: str | Any | None = "doc_id",
    n_splits: int = 5,
    random_state: int | None = 0,
) -> dict[str, dict[str, float]]:
    """Out-of-fold sensitivity and specificity per frame, for prevalence correction.

    The rates a prevalence correction (Rogan-Gladen) needs, estimated the
    way the classifier will be used: out of fold, on ``groups`` it was not
    trained on. For a lexicon nothing is trained, so the folds only
    partition the passages and the rates are those of the whole gold set.

    Parameters
    ----------
    estimator, data, labels, groups, n_splits, random_state
        As for :func:`cross_validate_frames`.

    Returns
    -------
    dict
        ``{"sensitivity": {frame: float}, "specificity": {frame: float}}``,
        as :func:`discourse.prevalence.error_rates_from_confusion`.

    Raises
    ------
    DiscourseError
        As :func:`cross_validate_frames`, or if a frame's rates are undefined.
    """
    from discourse.prevalence import error_rates_from_confusion

    result = cross_validate_frames(estimator, data, labels, groups=groups, n_splits=n_splits,
                                   random_state=random_state)
    return error_rates_from_confusion(result.confusion)
