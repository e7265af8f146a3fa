"""An out-of-domain check: the ``generic`` lexicon on the Narrative Frames Corpus (Frermann et al. 2023).

The corpus (``corpus/external/frermann2023/``, copied with its licence; see
its PROVENANCE.md) holds 428 English climate-change news articles with
aggregated labels for five generic frames. It tests whether the generic
codebook's lexicon carries over to another topic and unit (whole articles).
"""
from __future__ import annotations

from os import PathLike
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.utils.validation import check_is_fitted

from discourse._errors import CorpusValidationError, DiscourseError, ParameterError, location
from discourse.framing.evaluation import FrameEvaluation, check_zero_division
from discourse.framing.lexicon import LexiconFrameClassifier
from discourse.paths import corpus_dir

__all__ = ["FRERMANN_FRAMES", "FRERMANN_TO_GENERIC", "evaluate_generic_on_frermann", "load_frermann2023"]

#: Frame columns of the Narrative Frames Corpus (Frermann et al. 2023).
FRERMANN_FRAMES = ("CO", "EC", "HI", "MO", "RE")
#: Frermann et al. (2023) frame → (``generic`` codebook frame, how close).
#: RE is "Resolution", not Semetko & Valkenburg's attribution of
#: responsibility (see ``corpus/external/frermann2023/PROVENANCE.md``).
FRERMANN_TO_GENERIC = {
    "CO": ("conflict", "direct"),
    "EC": ("economic", "direct"),
    "HI": ("human_interest", "direct"),
    "MO": ("morality", "direct"),
    "RE": ("responsibility", "approximate"),
}
# Defects of the published file, fixed by article id so that any other bad
# value still raises (see corpus/external/frermann2023/PROVENANCE.md).
_FRERMANN_FIXES = {("716", "EC"): ("False)", "False")}
_FRERMANN_UNLABELLED = frozenset({"405"})


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


def evaluate_generic_on_frermann(
    classifier: Any = None,
    *,
    include_approximate: bool = False,
    directory: str | PathLike[str] | None = None,
    zero_division: float = 0.0,
) -> pd.DataFrame:
    """Score the ``generic`` codebook's classifier on the Narrative Frames Corpus.

    An out-of-domain check: 427 English climate-change news articles
    (Frermann et al. 2023; :func:`load_frermann2023`)
    coded for generic news frames, against the Semetko & Valkenburg frames
    of our ``generic`` codebook. Their Conflict, Economic, Human interest and
    Moral frames map directly onto ``conflict``, ``economic``,
    ``human_interest`` and ``morality``. Their fifth frame is Resolution, not
    attribution of responsibility, so it is compared with ``responsibility``
    only if ``include_approximate=True`` (see ``FRERMANN_TO_GENERIC``).

    The unit differs too: they code whole articles (about 4,000 characters,
    judged mainly on headline and lead), our lexicon counts terms anywhere,
    so with the default threshold of one hit it flags most articles.

    Parameters
    ----------
    classifier : fitted classifier, optional
        Anything with ``predict`` (and optionally ``predict_proba``) giving
        the ``generic`` frame columns. Default: a fitted
        ``LexiconFrameClassifier(codebook="generic")``.
    include_approximate : bool, default=False
        Also score RE (Resolution) against ``responsibility``.
    directory : path-like, optional
        Where ``articles_metadata.tsv`` lives (default: the bundled copy).
    zero_division : {0.0, 1.0, nan}, default=0.0
        See :func:`discourse.framing.score_frames`.

    Returns
    -------
    DataFrame
        One row per mapped frame: ``frame`` (ours), ``frermann_frame``,
        ``mapping`` (``direct`` or ``approximate``) and the columns of
        :func:`discourse.framing.score_frames`; then rows ``micro`` and ``macro``
        (``mapping`` = ``"average of direct"``), averaged over the directly
        mapped frames only.

    Raises
    ------
    sklearn.exceptions.NotFittedError
        If ``classifier`` is not fitted.
    DiscourseError
        If its predictions lack one of the mapped frames.
    FileNotFoundError, CorpusValidationError
        As :func:`load_frermann2023`.

    Examples
    --------
    >>> FRERMANN_TO_GENERIC["RE"]
    ('responsibility', 'approximate')

    The full run scans 427 whole articles with the lexicon (about 15 s):

    >>> scores = evaluate_generic_on_frermann()  # doctest: +SKIP
    >>> scores[["frame", "precision", "recall", "f1"]]  # doctest: +SKIP
    """
    if not isinstance(include_approximate, (bool, np.bool_)):
        raise ParameterError(f"`include_approximate` must be True or False; got {include_approximate!r}.")
    articles = load_frermann2023(directory=directory)
    if classifier is None:
        classifier = LexiconFrameClassifier(codebook="generic", language="en").fit()
    check_is_fitted(classifier)
    mapping = {
        theirs: ours for theirs, (ours, kind) in FRERMANN_TO_GENERIC.items()
        if kind == "direct" or include_approximate
    }
    labels = pd.DataFrame({ours: articles[theirs].to_numpy() for theirs, ours in mapping.items()},
                          index=articles.index)
    predictions = classifier.predict(articles)
    missing = [f for f in labels.columns if f not in predictions.columns]
    if missing:
        raise DiscourseError(
            f"The classifier's predictions lack frame column(s) {missing}; use one built on the "
            "'generic' codebook."
        )
    proba = classifier.predict_proba(articles)[list(labels.columns)] if hasattr(classifier, "predict_proba") else None
    evaluation = FrameEvaluation(
        labels=labels, predictions=predictions[list(labels.columns)].astype(int),
        proba=proba, zero_division=check_zero_division(zero_division),
    )
    scores = evaluation.scores
    theirs_of = {ours: theirs for theirs, ours in mapping.items()}
    scores.insert(1, "frermann_frame", scores["frame"].map(theirs_of))
    scores.insert(2, "mapping", scores["frame"].map({o: FRERMANN_TO_GENERIC[t][1] for t, o in mapping.items()}))
    direct = [o for t, o in mapping.items() if FRERMANN_TO_GENERIC[t][1] == "direct"]
    headline = FrameEvaluation(
        labels=labels[direct], predictions=evaluation.predictions[direct],
        proba=None if proba is None else proba[direct], zero_division=evaluation.zero_division,
    ).summary.rename_axis("frame").reset_index()
    headline["mapping"] = "average of direct"
    return pd.concat([scores, headline], ignore_index=True)
