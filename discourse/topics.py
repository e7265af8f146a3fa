"""Topic models per language: NMF and LDA on a :class:`~discourse.counting.Dfm`, their stability and coherence.

Vocabularies differ between languages, so one model is fitted per language
(``language=`` picks the rows of a multilingual Dfm). The pipeline::

    psg = passages(docs[docs.language == "en"])
    model = fit_topics(psg, k=8, method="nmf", random_state=0)
    top_words(model)                       # topic, rank, feature, weight
    representative_passages(model, psg)    # the passages that load most on each topic
    topic_shares(model, by="bloc")         # share per group, document-level bootstrap CI
    select_k(psg, ks=[4, 6, 8, 10])        # stability across seeds and NPMI coherence per k

Statistics only (no matplotlib); :func:`discourse.plotting.plot_topic_selection`
draws what :func:`select_k` returns.

Stability: a model is fitted with several seeds; each fit's topics are
matched to the first fit's by the Hungarian assignment
(:func:`scipy.optimize.linear_sum_assignment`) on the cosine similarity of
their topic-word vectors, and the matched similarities are averaged. Topics
that come back whatever the seed are worth interpreting; the others are
artefacts of one initialisation.

Coherence: NPMI of each topic's top words over document co-occurrence in the
modelled corpus itself (see :func:`npmi_coherence`).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.optimize import linear_sum_assignment

from ._errors import DiscourseError, ParameterError, invalid_value_message
from ._progress import interactive
from ._validation import (check_bool, check_dataframe, check_int, check_language, check_option, check_probability,
                          column_list, random_state_repr, seed_sequence)
from .counting import Dfm, dfm
from .prevalence import _bootstrap, _key_seed, _percentile_ci

__all__ = ["METHODS", "TopicModel", "choose_k", "fit_topics", "match_topics", "npmi", "npmi_coherence",
           "representative_passages", "select_k", "top_words", "topic_shares", "topic_stability"]

#: Topic-model methods (``method=``).
METHODS = ("nmf", "lda")
_DEFAULT_SEEDS = (0, 1, 2, 3, 4)


@dataclass(repr=False, eq=False)
class TopicModel:
    """A fitted topic model: topic-word and document-topic weights with the document variables.

    Attributes
    ----------
    components : ndarray, shape (k, n_features)
        Topic-word weights, each row summing to 1.
    doc_topic : ndarray, shape (n_documents, k)
        Topic proportions of each modelled row (passage or document),
        each row summing to 1.
    features : ndarray of str
        Feature of each column of ``components``.
    docvars : DataFrame
        Document variables of the modelled rows (rows without any feature
        are left out; ``rows`` says which rows of the input were kept).
    rows : ndarray of int
        Position in the input of each modelled row.
    counts : scipy.sparse.csr_matrix
        The count matrix the model was fitted on (for coherence).
    method, k, language, random_state
        The parameters of the fit.
    estimator : sklearn estimator
        The fitted ``NMF`` or ``LatentDirichletAllocation``.
    """

    components: np.ndarray
    doc_topic: np.ndarray
    features: np.ndarray
    docvars: pd.DataFrame
    rows: np.ndarray
    counts: sp.csr_matrix
    method: str
    k: int
    language: str | None
    random_state: Any
    estimator: Any = field(default=None)

    def __repr__(self) -> str:
        return (f"TopicModel(method={self.method!r}, k={self.k}, language={self.language!r}, "
                f"{self.doc_topic.shape[0]} documents x {len(self.features)} features)")


# --------------------------------------------------------------------------
# Input
# --------------------------------------------------------------------------


def _as_dfm(data: Any, language: str | None, min_df: int) -> tuple[Dfm, str | None, np.ndarray]:
    """The rows of one language as a count Dfm without empty features, the language and the kept positions."""
    if isinstance(data, pd.DataFrame):
        if language is not None and "language" in data.columns:
            check_language("language", language)
            data = data[data["language"] == language]
            if len(data) == 0:
                raise DiscourseError(f"`data` has no rows with language {language!r}.")
        # Function words would make every topic the same topic.
        matrix = dfm(data, remove_stopwords=True, min_df=min_df)
    elif isinstance(data, Dfm):
        matrix = data
    else:
        raise ParameterError(f"`data` must be a Dfm or a passage/document DataFrame; got {type(data).__name__}.")
    if matrix.weighting != "count":
        raise DiscourseError(f"`data` is a Dfm weighted with {matrix.weighting!r}; topic models need counts. "
                             "Pass the Dfm before weight().")
    positions = np.arange(len(matrix))
    langs = matrix.docvars["language"] if "language" in matrix.docvars.columns else None
    if language is not None:
        check_language("language", language)
        if langs is not None:
            keep = (langs == language).to_numpy()
            if not keep.any():
                raise DiscourseError(f"`data` has no rows with language {language!r} "
                                     f"(languages: {sorted(map(str, langs.dropna().unique()))}).")
            matrix = matrix.subset(keep)
            positions = positions[keep]
    elif langs is not None and langs.nunique() > 1:
        raise DiscourseError(
            f"`data` mixes languages {sorted(map(str, langs.unique()))}; their vocabularies differ, so fit one "
            "model per language: pass `language=`.")
    if language is None and langs is not None and len(langs):
        language = str(langs.iloc[0])
    return matrix, language, positions


# --------------------------------------------------------------------------
# Fitting
# --------------------------------------------------------------------------


def _normalise_rows(a: np.ndarray) -> np.ndarray:
    total = a.sum(axis=1, keepdims=True)
    return a / np.where(total > 0, total, 1.0)


def fit_topics(
    data: Dfm | pd.DataFrame,
    *,
    k: int,
    method: str = "nmf",
    language: str | None = None,
    random_state: int | None = 0,
    min_df: int = 2,
    max_iter: int | None = None,
) -> TopicModel:
    """Fit an NMF or LDA topic model (scikit-learn) to the documents of one language.

    Parameters
    ----------
    data : Dfm or DataFrame
        A count :class:`~discourse.counting.Dfm`, or a passage/document table
        (``text``, ``language``), which is counted with stopwords removed
        and features in fewer than ``min_df`` rows dropped.
    k : int
        Number of topics (>= 2).
    method : {"nmf", "lda"}
        ``"nmf"``: non-negative matrix factorisation of the tf-idf matrix
        (Frobenius loss, random initialisation seeded by ``random_state``;
        a deterministic SVD start would make every seed agree and
        :func:`topic_stability` meaningless). ``"lda"``: latent Dirichlet allocation (online
        variational Bayes) on the counts.
    language : {"en", "ru", "zh"}, optional
        Model only the rows in this language; required when ``data`` mixes
        languages.
    random_state : int
        Seed of the initialisation.
    min_df : int
        With a DataFrame: minimum document frequency of a feature.
    max_iter : int, optional
        Iterations of the solver (default 400 for NMF, 50 for LDA).

    Returns
    -------
    TopicModel
        Rows without any feature are left out (``rows`` gives the
        positions that were kept).

    Raises
    ------
    ParameterError
        If ``k``, ``method``, ``language``, ``min_df`` or ``max_iter`` is
        invalid or ``data`` has the wrong type.
    DiscourseError
        If ``data`` mixes languages without ``language=``, is weighted, or
        has fewer non-empty rows or features than ``k``.

    Examples
    --------
    >>> docs = pd.DataFrame({"language": "en", "text": ["war troops army"] * 3 + ["trade money bank"] * 3})
    >>> m = fit_topics(docs, k=2, random_state=0)
    >>> sorted(top_words(m, n=3).groupby("topic")["feature"].apply(" ".join))
    ['army troops war', 'bank money trade']
    """
    k = check_int("k", k, minimum=2)
    method = check_option("method", method, METHODS)
    min_df = check_int("min_df", min_df, minimum=1)
    max_iter = (400 if method == "nmf" else 50) if max_iter is None else check_int("max_iter", max_iter, minimum=1)
    if random_state is not None:
        random_state = check_int("random_state", random_state, minimum=0)
    matrix, language, positions = _as_dfm(data, language, min_df)
    counts = sp.csr_matrix(matrix.matrix)
    nonempty = np.asarray(counts.sum(axis=1)).ravel() > 0
    used = np.asarray(counts[nonempty].sum(axis=0)).ravel() > 0
    counts = counts[nonempty][:, np.flatnonzero(used)]
    features = matrix.features[used]
    if counts.shape[0] < k or counts.shape[1] < k:
        raise DiscourseError(f"`k`={k} topics need at least {k} non-empty rows and {k} features; "
                             f"`data` has {counts.shape[0]} rows and {counts.shape[1]} features.")
    if method == "nmf":
        from sklearn.decomposition import NMF
        from sklearn.feature_extraction.text import TfidfTransformer

        weighted = TfidfTransformer().fit_transform(counts.astype(float))
        est = NMF(n_components=k, init="random", random_state=random_state, max_iter=max_iter)
        doc_topic = est.fit_transform(weighted)
    else:
        from sklearn.decomposition import LatentDirichletAllocation

        est = LatentDirichletAllocation(n_components=k, learning_method="batch", random_state=random_state,
                                        max_iter=max_iter)
        doc_topic = est.fit_transform(counts)
    return TopicModel(
        components=_normalise_rows(est.components_), doc_topic=_normalise_rows(doc_topic), features=features,
        docvars=matrix.docvars.iloc[np.flatnonzero(nonempty)].reset_index(drop=True),
        rows=positions[nonempty], counts=sp.csr_matrix(counts), method=method, k=k, language=language,
        random_state=random_state, estimator=est)


def _check_model(model: Any) -> TopicModel:
    if not isinstance(model, TopicModel):
        raise ParameterError(f"`model` must be a TopicModel (from fit_topics); got {type(model).__name__}.")
    return model


# --------------------------------------------------------------------------
# Reading a model
# --------------------------------------------------------------------------


def top_words(model: TopicModel, *, n: int = 10) -> pd.DataFrame:
    """The ``n`` heaviest features of each topic, as a tidy table.

    Features are whatever the Dfm holds (English words, Russian words,
    jieba-segmented Chinese words), so this works in every language.

    Parameters
    ----------
    model : TopicModel
    n : int
        Features per topic.

    Returns
    -------
    DataFrame
        ``topic``, ``rank`` (1 = heaviest), ``feature``, ``weight`` (share
        of the topic's word weight); ties are broken by feature name.

    Raises
    ------
    ParameterError
        If ``model`` is not a TopicModel or ``n`` is not an integer >= 1.

    Examples
    --------
    >>> docs = pd.DataFrame({"language": "zh", "text": ["军队 战争 士兵"] * 3 + ["贸易 银行 货币"] * 3})
    >>> m = fit_topics(docs, k=2, random_state=0)
    >>> sorted(top_words(m, n=3).groupby("topic")["feature"].apply(" ".join))
    ['军队 士兵 战争', '货币 贸易 银行']
    """
    model = _check_model(model)
    n = min(check_int("n", n, minimum=1), len(model.features))
    rows = []
    names = model.features.astype(str)
    for t, weights in enumerate(model.components):
        order = np.lexsort((names, -weights))[:n]
        rows.append(pd.DataFrame({"topic": t, "rank": np.arange(1, len(order) + 1), "feature": names[order],
                                  "weight": weights[order]}))
    out = pd.concat(rows, ignore_index=True)
    out.attrs = {"method": model.method, "k": model.k, "language": model.language}
    return out


def representative_passages(model: TopicModel, data: pd.DataFrame | None = None, *, n: int = 3) -> pd.DataFrame:
    """The ``n`` rows (passages) with the highest proportion of each topic.

    Parameters
    ----------
    model : TopicModel
    data : DataFrame, optional
        The table the model was fitted on (same rows, same order), to take
        the passage ``text`` from; without it only the document variables
        are returned.
    n : int
        Passages per topic.

    Returns
    -------
    DataFrame
        ``topic``, ``rank``, ``proportion`` (the passage's share of the
        topic), ``row`` (position in the input), the document variables and,
        with ``data``, ``text``.

    Raises
    ------
    ParameterError
        If ``n`` is invalid or ``data`` is not a DataFrame.
    DiscourseError
        If ``data`` has fewer rows than the model's input.
    """
    model = _check_model(model)
    n = min(check_int("n", n, minimum=1), model.doc_topic.shape[0])
    if data is not None:
        if not isinstance(data, pd.DataFrame):
            raise ParameterError(f"`data` must be a DataFrame; got {type(data).__name__}.")
        if model.language is not None and "language" in data.columns and len(data) > model.rows.max() and \
                (data["language"] != model.language).any():
            data = data[data["language"] == model.language]
        if len(data) <= model.rows.max():
            raise DiscourseError(f"`data` has {len(data)} rows but the model was fitted on at least "
                                 f"{model.rows.max() + 1}; pass the table the model was fitted on.")
    parts = []
    for t in range(model.k):
        order = np.lexsort((np.arange(len(model.doc_topic)), -model.doc_topic[:, t]))[:n]
        part = model.docvars.iloc[order].reset_index(drop=True)
        part.insert(0, "row", model.rows[order])
        part.insert(0, "proportion", model.doc_topic[order, t])
        part.insert(0, "rank", np.arange(1, len(order) + 1))
        part.insert(0, "topic", t)
        if data is not None and "text" in data.columns:
            part["text"] = data["text"].iloc[model.rows[order]].to_numpy()
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def topic_shares(
    model: TopicModel,
    *,
    by: str | Sequence[str],
    n_boot: int = 1000,
    ci: float = 0.95,
    random_state: int | None = 0,
) -> pd.DataFrame:
    """Mean topic proportion of each group's passages, with document-level bootstrap intervals.

    The share of topic *t* in a group is :math:`\\sum_p \\theta_{pt} / n_p`
    over the group's passages (each passage's topic proportions sum to 1,
    so a group's shares do too). Passages of one document are resampled
    together, with the seeds and replicates of
    :func:`discourse.prevalence.frame_prevalence` (see
    :mod:`discourse.prevalence`): a group's interval does not depend on
    which other groups are in the table.

    Parameters
    ----------
    model : TopicModel
    by : str or list of str
        Document-variable column(s) to group by (e.g. ``"bloc"``, ``"country"``).
    n_boot : int
        Bootstrap replicates (0: no intervals, NaN).
    ci : float
        Coverage of the percentile interval.
    random_state : int or None
        Seed.

    Returns
    -------
    DataFrame
        One row per group x topic: the ``by`` column(s), ``topic``,
        ``n_passages``, ``n_documents``, ``share``, ``ci_low``, ``ci_high``.
        Without a ``doc_id`` docvar each row is its own document.

    Raises
    ------
    ParameterError
        If ``by`` names no docvars column, or ``n_boot``, ``ci`` or
        ``random_state`` is invalid.
    DiscourseError
        If a group value is missing.
    """
    model = _check_model(model)
    docvars = model.docvars
    by_cols = column_list(docvars, "by", by)
    n_boot = check_int("n_boot", n_boot, minimum=0)
    check_probability("ci", ci)
    seeds = seed_sequence(random_state)
    if docvars[by_cols].isna().any().any():
        col = next(c for c in by_cols if docvars[c].isna().any())
        raise DiscourseError(f"`by` column {col!r} is missing for {int(docvars[col].isna().sum())} modelled rows; "
                             "fill or drop them before fitting.")
    doc_ids = docvars["doc_id"].to_numpy() if "doc_id" in docvars.columns else np.arange(len(docvars))
    table = docvars[by_cols].copy()
    table["doc_id"] = doc_ids
    theta = pd.DataFrame(model.doc_topic, columns=range(model.k))
    grouped = pd.concat([table, theta], axis=1).groupby([*by_cols, "doc_id"], sort=True, observed=True)
    positive = grouped[list(range(model.k))].sum()
    units = grouped.size()
    group_of = positive.groupby(level=by_cols, sort=True).ngroup().to_numpy()
    keys = [key if isinstance(key, tuple) else (key,) for key, _ in positive.groupby(level=by_cols, sort=True)]
    pos_all, units_all = positive.to_numpy(float), units.to_numpy(float)
    rows = []
    for i, key in enumerate(keys):
        in_group = group_of == i
        pos, n_units = pos_all[in_group], units_all[in_group]
        share = pos.sum(axis=0) / n_units.sum()
        low, high = _percentile_ci(_bootstrap(pos, n_units, n_boot, _key_seed(seeds, key)), ci)
        block = pd.DataFrame({"topic": np.arange(model.k), "n_passages": int(n_units.sum()),
                              "n_documents": int(in_group.sum()), "share": share, "ci_low": low, "ci_high": high})
        for j, (col, value) in enumerate(zip(by_cols, key)):
            block.insert(j, col, value)
        rows.append(block)
    out = pd.concat(rows, ignore_index=True)
    out.attrs = {"by": by_cols, "method": model.method, "k": model.k, "language": model.language,
                 "n_boot": n_boot, "ci": ci, "random_state": random_state_repr(random_state)}
    return out


# --------------------------------------------------------------------------
# Stability
# --------------------------------------------------------------------------


def _cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    na = np.linalg.norm(a, axis=1, keepdims=True)
    nb = np.linalg.norm(b, axis=1, keepdims=True)
    return (a / np.where(na > 0, na, 1)) @ (b / np.where(nb > 0, nb, 1)).T


def match_topics(reference: np.ndarray | TopicModel, other: np.ndarray | TopicModel) -> pd.DataFrame:
    """Pair the topics of two fits by the Hungarian assignment on topic-word cosine similarity.

    Parameters
    ----------
    reference, other : TopicModel or ndarray, shape (k, n_features)
        Two fits on the same features (or their topic-word matrices).

    Returns
    -------
    DataFrame
        One row per topic of ``reference``: ``topic``, ``matched`` (the
        topic of ``other`` assigned to it), ``similarity`` (cosine). The
        assignment maximises the summed similarity
        (:func:`scipy.optimize.linear_sum_assignment`).

    Raises
    ------
    DiscourseError
        If the two have different numbers of features.

    Examples
    --------
    >>> a = np.array([[1.0, 0, 0], [0, 1, 0]])
    >>> match_topics(a, a[::-1])
       topic  matched  similarity
    0      0        1         1.0
    1      1        0         1.0
    """
    a = reference.components if isinstance(reference, TopicModel) else np.asarray(reference, dtype=float)
    b = other.components if isinstance(other, TopicModel) else np.asarray(other, dtype=float)
    if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[1]:
        raise DiscourseError(f"Cannot match topics over different features: shapes {a.shape} and {b.shape}.")
    sim = _cosine(a, b)
    row, col = linear_sum_assignment(sim, maximize=True)
    return pd.DataFrame({"topic": row, "matched": col, "similarity": sim[row, col]})


def _check_seeds(seeds: Any) -> list[int]:
    if not isinstance(seeds, (list, tuple, range, np.ndarray)) or len(seeds) < 2:
        raise ParameterError(invalid_value_message("seeds", seeds, must="a sequence of at least 2 integer seeds"))
    out = [check_int("seeds", s, minimum=0) for s in seeds]
    if len(set(out)) != len(out):
        raise ParameterError(invalid_value_message("seeds", seeds, must="distinct integer seeds"))
    return out


def _stability_of(fits: list[TopicModel]) -> pd.DataFrame:
    """Per topic of the first fit: its mean (and minimum) matched similarity over the other fits."""
    sims = np.stack([match_topics(fits[0], f)["similarity"].to_numpy() for f in fits[1:]])
    return pd.DataFrame({"topic": np.arange(fits[0].k), "stability": sims.mean(axis=0),
                         "min_similarity": sims.min(axis=0)})


def topic_stability(
    data: Dfm | pd.DataFrame,
    *,
    k: int,
    method: str = "nmf",
    language: str | None = None,
    seeds: Sequence[int] = _DEFAULT_SEEDS,
    n_words: int = 10,
    min_df: int = 2,
) -> pd.DataFrame:
    """How reproducible each topic is across seeds.

    The model is fitted once per seed; every later fit's topics are matched
    to the first fit's (:func:`match_topics`), and each topic of the first
    fit gets the mean of its matched cosine similarities.

    Parameters
    ----------
    data, k, method, language, min_df
        As in :func:`fit_topics`.
    seeds : sequence of int
        At least two distinct seeds; the first fit is the reference.
    n_words : int
        Top words listed per topic.

    Returns
    -------
    DataFrame
        One row per topic of the first fit: ``topic``, ``stability`` (mean
        matched similarity), ``min_similarity``, ``top_words`` (joined by
        spaces). ``attrs["mean_similarity"]`` is the mean over topics and
        ``attrs["model"]`` the reference fit.

    Raises
    ------
    ParameterError
        If ``seeds`` is not at least two distinct integers, or as
        :func:`fit_topics`.
    """
    seeds = _check_seeds(seeds)
    n_words = check_int("n_words", n_words, minimum=1)
    fits = [fit_topics(data, k=k, method=method, language=language, random_state=s, min_df=min_df) for s in seeds]
    out = _stability_of(fits)
    words = top_words(fits[0], n=n_words).groupby("topic")["feature"].apply(" ".join)
    out["top_words"] = words.reindex(out["topic"]).to_numpy()
    out.attrs = {"k": fits[0].k, "method": method, "language": fits[0].language, "seeds": seeds,
                 "mean_similarity": float(out["stability"].mean()), "model": fits[0]}
    return out


# --------------------------------------------------------------------------
# Coherence
# --------------------------------------------------------------------------


def npmi(presence: sp.spmatrix | np.ndarray, i: int, j: int) -> float:
    """Normalised pointwise mutual information of two features over document co-occurrence.

    .. math::

        \\mathrm{NPMI}(w_i, w_j) = \\frac{\\ln \\frac{P(w_i, w_j)}{P(w_i) P(w_j)}}{-\\ln P(w_i, w_j)}

    where :math:`P(w_i)` is the share of documents containing :math:`w_i`
    and :math:`P(w_i, w_j)` the share containing both (Bouma 2009,
    "Normalized (pointwise) mutual information in collocation extraction",
    Proc. GSCL; used for topic coherence by Röder, Both & Hinneburg 2015,
    "Exploring the space of topic coherence measures", WSDM). NPMI is 1
    for words that always occur together, 0 for independent words, and -1
    (by Bouma's convention for the limit) for words that never co-occur.

    Parameters
    ----------
    presence : sparse matrix or ndarray, shape (n_documents, n_features)
        Counts or 0/1 presence; anything > 0 counts as present.
    i, j : int
        Column indices of the two features.

    Returns
    -------
    float
        NaN if one of the features occurs in no document; 1.0 if both
        occur in every document (the ratio is then 0/0; they never vary).

    Examples
    --------
    >>> X = np.array([[1, 1], [1, 0], [0, 1], [0, 0]])   # each in 2 of 4 documents, together in 1
    >>> float(npmi(X, 0, 1))                            # ln(0.25 / 0.25) / -ln 0.25
    0.0
    """
    x = sp.csc_matrix(presence) > 0
    n = x.shape[0]
    a, b = x[:, i], x[:, j]
    p_i, p_j = a.sum() / n, b.sum() / n
    p_ij = a.multiply(b).sum() / n
    return float(_npmi(p_i, p_j, p_ij))


def _npmi(p_i: Any, p_j: Any, p_ij: Any) -> np.ndarray:
    p_i, p_j, p_ij = (np.asarray(v, dtype=float) for v in (p_i, p_j, p_ij))
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.log(p_ij / (p_i * p_j)) / -np.log(p_ij)
    value = np.where(p_ij == 0, -1.0, value)
    value = np.where(p_ij == 1, 1.0, value)
    return np.where((p_i == 0) | (p_j == 0), np.nan, value)


def npmi_coherence(model: TopicModel, *, n: int = 10, reference: Dfm | None = None) -> pd.DataFrame:
    """Coherence of each topic: mean NPMI over all pairs of its ``n`` top words.

    :math:`C_{\\mathrm{NPMI}}(t) = \\binom{n}{2}^{-1} \\sum_{i<j} \\mathrm{NPMI}(w_i, w_j)`
    with probabilities from document co-occurrence (see :func:`npmi`;
    Bouma 2009; Röder et al. 2015's :math:`C_\\mathrm{NPMI}` with boolean
    document windows). The documents are the rows the model was fitted on
    (our own corpus, not an outside reference such as Wikipedia), unless
    ``reference`` gives another count Dfm.

    Parameters
    ----------
    model : TopicModel
    n : int
        Top words per topic (>= 2).
    reference : Dfm, optional
        Documents to count co-occurrence in; top words absent from it make
        their pairs NaN (ignored in the mean).

    Returns
    -------
    DataFrame
        ``topic``, ``coherence``, ``top_words``.

    Raises
    ------
    ParameterError
        If ``n`` < 2 or ``reference`` is not a Dfm.
    """
    model = _check_model(model)
    n = check_int("n", n, minimum=2)
    if reference is None:
        presence, index = (model.counts > 0).astype(np.float64).tocsc(), {f: c for c, f in enumerate(model.features)}
    elif isinstance(reference, Dfm):
        presence = (sp.csr_matrix(reference.matrix) > 0).astype(np.float64).tocsc()
        index = {f: c for c, f in enumerate(reference.features)}
    else:
        raise ParameterError(f"`reference` must be a Dfm or None; got {type(reference).__name__}.")
    n_docs = presence.shape[0]
    words = top_words(model, n=n)
    rows = []
    for t, part in words.groupby("topic", sort=True):
        feats = part["feature"].tolist()
        cols = [index.get(f, -1) for f in feats]
        known = [c for c in cols if c >= 0]
        sub = presence[:, known]
        co = (sub.T @ sub).toarray() / n_docs  # pairwise co-document shares; diagonal = document shares
        p = np.diag(co)
        values = []
        for a, b in combinations(range(len(cols)), 2):
            if cols[a] < 0 or cols[b] < 0:
                values.append(np.nan)
                continue
            ia, ib = known.index(cols[a]), known.index(cols[b])
            values.append(_npmi(p[ia], p[ib], co[ia, ib]))
        values = np.asarray(values, dtype=float)
        rows.append({"topic": t, "coherence": float(np.nanmean(values)) if np.isfinite(values).any() else np.nan,
                     "top_words": " ".join(feats)})
    out = pd.DataFrame(rows)
    out.attrs = {"n": n, "method": model.method, "k": model.k, "language": model.language}
    return out


# --------------------------------------------------------------------------
# Choosing k
# --------------------------------------------------------------------------


def select_k(
    data: Dfm | pd.DataFrame,
    *,
    ks: Sequence[int],
    method: str = "nmf",
    language: str | None = None,
    seeds: Sequence[int] = _DEFAULT_SEEDS,
    n_words: int = 10,
    min_df: int = 2,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Stability across seeds and NPMI coherence for each number of topics.

    Parameters
    ----------
    data, method, language, min_df
        As in :func:`fit_topics`; a DataFrame is counted once.
    ks : sequence of int
        Numbers of topics to try (each >= 2, distinct).
    seeds : sequence of int
        Seeds of the stability fits (:func:`topic_stability`).
    n_words : int
        Top words per topic for coherence.
    progress : bool, optional
        Show a bar over the ``k`` values (default: in interactive sessions).

    Returns
    -------
    DataFrame
        One row per k: ``k``, ``stability`` (mean matched similarity over
        topics and seeds), ``min_stability`` (the least stable topic),
        ``coherence`` (mean NPMI over the topics of the first fit),
        ``min_coherence``. Read together: a good k has stable topics that
        are coherent, and more topics than that only split them.

    Raises
    ------
    ParameterError
        If ``ks`` is not a non-empty sequence of distinct integers >= 2, or
        as :func:`topic_stability`.
    """
    if not isinstance(ks, (list, tuple, range, np.ndarray)) or len(ks) == 0:
        raise ParameterError(invalid_value_message("ks", ks, must="a non-empty sequence of integers >= 2"))
    ks = [check_int("ks", v, minimum=2) for v in ks]
    if len(set(ks)) != len(ks):
        raise ParameterError(invalid_value_message("ks", ks, must="distinct integers >= 2"))
    seeds = _check_seeds(seeds)
    method = check_option("method", method, METHODS)
    if progress is not None:
        check_bool("progress", progress)
    if isinstance(data, pd.DataFrame):
        # Count once for all k and seeds.
        data, language, _ = _as_dfm(data, language, check_int("min_df", min_df, minimum=1))
    from tqdm.auto import tqdm

    rows = []
    for k in tqdm(ks, desc="select_k", leave=False, disable=not (interactive() if progress is None else progress)):
        stab = topic_stability(data, k=k, method=method, language=language, seeds=seeds, n_words=n_words)
        coh = npmi_coherence(stab.attrs["model"], n=max(n_words, 2))
        rows.append({"k": k, "stability": float(stab["stability"].mean()),
                     "min_stability": float(stab["stability"].min()),
                     "coherence": float(coh["coherence"].mean()), "min_coherence": float(coh["coherence"].min())})
    out = pd.DataFrame(rows)
    out.attrs = {"method": method, "language": language, "seeds": seeds, "n_words": n_words}
    return out


def choose_k(selection: pd.DataFrame, *, min_stability: float = 0.8) -> int:
    """The number of topics to use, by one stated rule, from a :func:`select_k` table.

    Among the k whose mean stability across seeds is at least
    ``min_stability``, the one with the highest mean NPMI coherence (ties:
    the smaller k); if no k is that stable, the most stable k. Topics that
    change with the seed are not findings, so stability filters first and
    coherence ranks what is left.

    Parameters
    ----------
    selection : DataFrame
        From :func:`select_k` (``k``, ``stability``, ``coherence``).
    min_stability : float, default 0.8
        In 0-1.

    Returns
    -------
    int

    Raises
    ------
    ParameterError
        If columns are missing, the table is empty or ``min_stability`` is
        not in 0-1.

    Examples
    --------
    >>> table = pd.DataFrame({"k": [4, 6, 8], "stability": [0.88, 0.97, 0.86],  # synthetic
    ...                       "coherence": [0.27, 0.26, 0.28]})
    >>> choose_k(table), choose_k(table, min_stability=0.9), choose_k(table, min_stability=0.99)
    (8, 6, 6)
    """
    check_dataframe("selection", selection, what="a select_k table (a DataFrame)")
    missing = [c for c in ("k", "stability", "coherence") if c not in selection.columns]
    if missing:
        raise ParameterError(f"`selection` must be a select_k table; it lacks column(s) {missing}.")
    if selection.empty:
        raise ParameterError("`selection` is empty; run select_k with at least one k.")
    min_stability = check_probability("min_stability", min_stability)
    stable = selection[selection["stability"] >= min_stability]
    if stable.empty:
        return int(selection.sort_values(["stability", "k"], ascending=[False, True])["k"].iloc[0])
    return int(stable.sort_values(["coherence", "k"], ascending=[False, True])["k"].iloc[0])
