"""The study's gold set (``corpus/annotations/``), its codings, and the classifiers' error rates on it.

How the gold set was made — coders (separate AI assistant sessions, not
humans), overlap, adjudication — is recorded in
``corpus/annotations/GUIDE.md``; read its reliability as an upper bound.
"""
from __future__ import annotations

import pandas as pd

from discourse import framing

#: The study's codebook (bundled with the package; names its gold set).
CODEBOOK = "afghanistan"


def frames() -> list[str]:
    """The study codebook's frame ids, in codebook order."""
    return framing.load_codebook(CODEBOOK).frame_ids


def load_gold(split: str | None = None) -> pd.DataFrame:
    """The coded passages with their adjudicated labels (see :func:`discourse.framing.load_gold`).

    ``split="train"`` gives the training pool (everything that may be read,
    tuned on and cross-validated); ``split="test"`` the frozen test split,
    scored once at the end (``corpus/annotations/GUIDE.md``).

    Examples
    --------
    >>> sorted(load_gold("train")["language"].unique())
    ['en', 'ru', 'zh']
    """
    return framing.load_gold(CODEBOOK, split=split)


def load_codings() -> pd.DataFrame:
    """Every coder's raw sheet, one row per passage × coder (see :func:`discourse.framing.load_codings`)."""
    return framing.load_codings(CODEBOOK)


def error_rates(*, kind: str = "lexicon", groups: str | None = "source", n_splits: int = 5,
                random_state: int | None = 0) -> dict[str, dict[str, float]]:
    """Out-of-fold sensitivity and specificity of a classifier kind on the gold set.

    Parameters
    ----------
    kind : {"lexicon", "supervised", "hybrid"}
        Which :func:`discourse.framing.make_classifier` kind to validate.
    groups, n_splits, random_state
        As for :func:`discourse.framing.cross_validate_frames`.

    Returns
    -------
    dict
        ``{"sensitivity": {frame: float}, "specificity": {frame: float}}``.

    Examples
    --------
    >>> rates = error_rates(kind="lexicon")
    >>> sorted(rates)
    ['sensitivity', 'specificity']
    """
    gold = load_gold("train")
    gold = gold[gold["round"] == "1"]  # round 1 until the new evaluation (issue 8)
    estimator = framing.make_classifier(CODEBOOK, kind=kind, random_state=random_state)
    return framing.cross_validated_error_rates(estimator, gold, gold[frames()], groups=groups,
                                               n_splits=n_splits, random_state=random_state)
