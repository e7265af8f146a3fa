"""Choosing a frame classifier on the training pool, and how much coding it needs.

* :func:`select_classifier` — cross-validate each classifier kind on the
  *training* passages only (folds grouped by document) and name the one with
  the best macro F1. The test split plays no part: it is scored once, after
  the choice.
* :func:`best_kind` — the same for a codebook's own gold set: the kind
  ``default_classifier(codebook, kind="best")`` fits.
* :func:`learning_curve` — macro F1 on held-out passages (e.g. the test
  split) as a function of how many training passages the classifier saw,
  per language: how much a researcher should code for a codebook of their
  own.
"""
from __future__ import annotations

import warnings
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import clone

from discourse._errors import DiscourseError, ParameterError, invalid_value_message
from discourse._validation import check_int, require_columns
from discourse.framing.codebooks import load_codebook
from discourse.framing.evaluation import comparison_table, cross_validate_classifiers, evaluate

__all__ = ["best_kind", "best_of", "learning_curve", "select_classifier"]


def select_classifier(
    estimators: dict[str, Any],
    data: pd.DataFrame,
    labels: pd.DataFrame,
    *,
    groups: str | None = "doc_id",
    n_splits: int = 5,
    random_state: int | None = 0,
) -> tuple[str, pd.DataFrame]:
    """The classifier with the best cross-validated macro F1 on the training passages.

    Parameters
    ----------
    estimators : dict of {str: estimator}
        Name -> unfitted frame classifier (e.g. one per
        :data:`~discourse.framing.CLASSIFIER_KINDS`).
    data, labels : DataFrame
        The *training* passages and their gold labels (never the test split).
    groups, n_splits, random_state
        As for :func:`~discourse.framing.cross_validate_frames`; grouped by
        document by default, so passages of one document are never on both
        sides of a fold.

    Returns
    -------
    best : str
        The name with the highest macro F1 (ties: the first in
        ``estimators``).
    table : DataFrame
        :func:`~discourse.framing.compare_classifiers`' tidy table.

    See Also
    --------
    best_of : The same choice from results already computed.

    Examples
    --------
    >>> import pandas as pd
    >>> from discourse.framing import LexiconFrameClassifier
    >>> data = pd.DataFrame({"text": ["Refugees need food.", "A meeting.", "Hunger and refugees.",  # synthetic
    ...                               "Talks were held."], "language": "en", "doc_id": ["a", "b", "c", "d"]})
    >>> labels = pd.DataFrame({"humanitarian": [1, 0, 1, 0]})
    >>> select_classifier({"two hits": LexiconFrameClassifier("afghanistan", threshold=2),
    ...                    "one hit": LexiconFrameClassifier("afghanistan")}, data, labels, n_splits=2)[0]
    'one hit'
    """
    results = cross_validate_classifiers(estimators, data, labels, groups=groups, n_splits=n_splits,
                                         random_state=random_state)
    return best_of(results), comparison_table(results)


def best_of(results: dict[str, Any]) -> str:
    """The name whose cross-validated macro F1 is highest (ties: the first)."""
    macro = {name: float(res.summary.loc["macro", "f1"]) for name, res in results.items()}
    return max(macro, key=macro.get)


@lru_cache(maxsize=8)
def _best_kind_of_bundled(name: str, path: str, version: str, n_splits: int, random_state: int | None
                          ) -> tuple[str, pd.DataFrame]:
    from discourse.framing.gold import load_gold
    from discourse.framing.supervised import CLASSIFIER_KINDS, make_classifier

    book = load_codebook(Path(path))
    gold = load_gold(book, split="train")
    frames = [f for f in book.frame_ids if f in gold.columns]
    kinds = {k: make_classifier(book, kind=k, random_state=random_state) for k in CLASSIFIER_KINDS}
    return select_classifier(kinds, gold, gold[frames], n_splits=n_splits, random_state=random_state)


def best_kind(codebook: Any, *, gold: pd.DataFrame | None = None, n_splits: int = 5,
              random_state: int | None = 0) -> tuple[str, pd.DataFrame]:
    """The :data:`~discourse.framing.CLASSIFIER_KINDS` kind that wins on the training passages.

    Each kind is cross-validated (:func:`select_classifier`, folds grouped
    by document) on ``gold`` or, by default, on the *training* split of the
    codebook's gold set; the test split is never used. For a bundled gold
    set the result is kept for the session (the cross-validation takes a
    minute or two).

    Returns
    -------
    kind : str
        The winner.
    table : DataFrame
        The cross-validation table it was chosen from.
    """
    from discourse.framing.supervised import CLASSIFIER_KINDS, make_classifier

    book = load_codebook(codebook)
    if gold is None:
        if book.path is None:
            raise DiscourseError("`gold` is needed for a codebook that was not read from a file.")
        kind, table = _best_kind_of_bundled(book.name, str(book.path), book.version, n_splits, random_state)
        return kind, table.copy()
    if "split" in gold.columns and (gold["split"] == "test").any():
        raise DiscourseError("`gold` holds test-split passages; choose the kind on the training passages only "
                             "(gold[gold['split'] == 'train']).")
    frames = [f for f in book.frame_ids if f in gold.columns]
    kinds = {k: make_classifier(book, kind=k, random_state=random_state) for k in CLASSIFIER_KINDS}
    return select_classifier(kinds, gold, gold[frames], n_splits=n_splits, random_state=random_state)


def learning_curve(
    estimator: Any,
    train: pd.DataFrame,
    train_labels: pd.DataFrame,
    test: pd.DataFrame,
    test_labels: pd.DataFrame,
    *,
    sizes: Sequence[int],
    groups: str = "doc_id",
    by: str | None = "language",
    n_repeats: int = 3,
    min_support: int = 1,
    random_state: int | None = 0,
) -> pd.DataFrame:
    """Held-out macro F1 for training sets of increasing size.

    For each size, ``n_repeats`` random subsets of whole documents
    (``groups``) are drawn from the training passages until the size is
    reached (the last document may overshoot by its passages), a clone of
    ``estimator`` is fitted on each and scored on ``test``. Subsets keep
    the training pool's language mix in expectation (they are simple random
    samples of documents). Nothing is tuned on ``test``: the curve only
    reports.

    Parameters
    ----------
    estimator : estimator
        Unfitted frame classifier (cloned for every fit).
    train, train_labels : DataFrame
        The training pool and its labels.
    test, test_labels : DataFrame
        The held-out passages and their labels.
    sizes : sequence of int
        Training-set sizes (passages); a size at or above the pool's is the
        whole pool, fitted once.
    groups : str, default="doc_id"
        Column of ``train`` whose values are drawn whole.
    by : str or None, default="language"
        Column of ``test`` for per-group scores, beside ``"all"``.
    n_repeats : int, default=3
        Subsets per size.
    min_support : int, default=1
        Macro F1 of a group is over frames with at least this many test
        positives in it (see :meth:`FrameEvaluation.summary_by`).
    random_state : int or None, default=0
        Seed of the subsets (the estimator's own seed is its parameter).

    Returns
    -------
    DataFrame
        One row per size x repeat x group: ``size`` (asked), ``n_train``
        (passages used), ``repeat``, ``group``, ``n_train_group`` (training
        passages of that group), ``macro_f1``, ``micro_f1``.

    Raises
    ------
    DiscourseError
        If ``sizes`` is empty or has a value < 1, or the tables do not align.
    """
    require_columns(train, [groups], argument="train", role="groups")
    if by is not None:
        require_columns(test, [by], argument="test", role="by")
    if not len(sizes) or any(isinstance(s, bool) or not isinstance(s, (int, np.integer)) or s < 1 for s in sizes):
        raise ParameterError(invalid_value_message("sizes", list(sizes), must="a non-empty list of positive integers"))
    n_repeats = check_int("n_repeats", n_repeats, minimum=1)
    if not train.index.equals(train_labels.index) or not test.index.equals(test_labels.index):
        raise DiscourseError("`train`/`train_labels` and `test`/`test_labels` must share their indexes.")
    rng = np.random.default_rng(random_state)
    docs = pd.unique(train[groups])
    doc_sizes = train.groupby(groups, sort=False).size().reindex(docs).to_numpy()
    rows = []
    for size in sorted(set(int(s) for s in sizes)):
        whole = size >= len(train)
        for repeat in range(1 if whole else n_repeats):
            if whole:
                chosen = np.arange(len(train))
            else:
                order = rng.permutation(len(docs))
                take = order[: int(np.searchsorted(np.cumsum(doc_sizes[order]), size) + 1)]
                chosen = np.flatnonzero(train[groups].isin(set(docs[take])).to_numpy())
            part, part_labels = train.iloc[chosen], train_labels.iloc[chosen]
            with warnings.catch_warnings():
                # a small subset may lack a frame: it is then predicted 0, and scored
                warnings.filterwarnings("ignore", message=r"Frame .* training examples", category=UserWarning)
                model = clone(estimator).fit(part, part_labels)
            ev = evaluate(model, test, test_labels)
            scored = [("all", ev.summary_by(np.full(len(test), "all", dtype=object), min_support=min_support))]
            if by is not None:
                scored.append((None, ev.summary_by(test[by], min_support=min_support)))
            for _, per in scored:
                for g in per.index.get_level_values("group").unique():
                    n_g = len(part) if g == "all" else (int((part[by] == g).sum()) if by in part.columns else np.nan)
                    rows.append({"size": size, "n_train": len(part), "repeat": repeat, "group": g,
                                 "n_train_group": n_g, "macro_f1": float(per.loc[(g, "macro"), "f1"]),
                                 "micro_f1": float(per.loc[(g, "micro"), "f1"])})
    return pd.DataFrame(rows)
