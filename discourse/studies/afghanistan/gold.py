"""The study's gold set (``corpus/annotations/``) and its codings.

How the gold set was made — coders (separate AI assistant sessions, not
humans), overlap, adjudication — is recorded in
``corpus/annotations/GUIDE.md``; its reliability likely overstates what human coders would reach.
"""
from __future__ import annotations

import pandas as pd

from discourse import framing

#: The study's codebook (bundled with the package; names its gold set).
CODEBOOK = "afghanistan"
#: The words that mark a classifier-guided draw in the sample's ``draw`` column.
GUIDED_DRAW = "-guided"


def frames() -> list[str]:
    """The study codebook's frame ids, in codebook order."""
    return framing.load_codebook(CODEBOOK).frame_ids


def load_gold(split: str | None = None, *, guided: bool = True) -> pd.DataFrame:
    """The coded passages with their adjudicated labels (see :func:`discourse.framing.load_gold`).

    ``split="train"`` gives the training pool (everything that may be read,
    tuned on and cross-validated); ``split="test"`` the frozen test split,
    scored once at the end (``corpus/annotations/GUIDE.md``).
    ``guided=False`` leaves out the passages drawn *because* a classifier
    flagged them (the lexicon- and model-guided draws of the training pool,
    which over-represent rare frames): what remains was drawn at random
    within its strata, or is every passage of its language.

    Examples
    --------
    >>> sorted(load_gold("train")["language"].unique())
    ['en', 'ru', 'zh']
    >>> bool(load_gold(guided=False)["draw"].str.contains("guided").any())
    False
    """
    gold = framing.load_gold(CODEBOOK, split=split)
    return gold if guided else gold[~is_guided(gold)]


def is_guided(gold: pd.DataFrame) -> pd.Series:
    """True for the passages drawn because a classifier flagged them (their ``draw`` names a guided draw)."""
    return gold["draw"].str.contains(GUIDED_DRAW, regex=False)


def load_codings() -> pd.DataFrame:
    """Every coder's raw sheet, one row per passage × coder (see :func:`discourse.framing.load_codings`)."""
    return framing.load_codings(CODEBOOK)
