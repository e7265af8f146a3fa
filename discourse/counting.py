"""Document-feature matrices: count tokens per document, keep the metadata.

:class:`DfmVectorizer` is a scikit-learn transformer (texts → sparse counts)
built on :mod:`discourse.tokenizing`; :func:`dfm` runs it on a corpus or
passage table and returns a :class:`Dfm`, which keeps every document
variable (country, bloc, source, date, ...) aligned with the matrix rows
through ``group``, ``trim``, ``subset`` and ``weight``, as quanteda's dfm does.

The matrix is built without a Python loop per token: each document is
tokenized with one regular-expression pass (jieba for Chinese), the tokens
of a batch are factorized with pandas' hash table, and the sparse matrix is
assembled from index arrays.
"""
from __future__ import annotations

import html
import numbers
import os
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from discourse import tokenizing as _tk
from discourse._errors import DiscourseError, ParameterError, invalid_value_message
from discourse._validation import check_bool, check_int, check_language, check_n_jobs, check_option
from discourse.inputs import text_inputs

__all__ = ["Dfm", "DfmVectorizer", "dfm"]

WEIGHT_SCHEMES = ("count", "prop", "tfidf")


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------
def _is_int(v: Any) -> bool:
    return isinstance(v, numbers.Integral) and not isinstance(v, bool)


def _is_float(v: Any) -> bool:
    return isinstance(v, numbers.Real) and not _is_int(v) and not isinstance(v, bool)


def _count_batch(texts: Sequence[str], language: str, kwargs: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Tokenize a batch and factorize its tokens: (uniques, codes, doc lengths).

    Returning arrays instead of token lists keeps inter-process transfer small
    when joblib runs this in workers.
    """
    token_lists = _tk._tokenize_batch(texts, language, kwargs)
    lengths = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(token_lists))
    flat = np.empty(int(lengths.sum()), dtype=object)
    flat[:] = list(_tk._chain(token_lists))
    codes, uniques = pd.factorize(flat)
    return np.asarray(uniques, dtype=object), codes.astype(np.int64, copy=False), lengths


def _count_documents(
    texts: list[str], langs: list[str], kwargs: dict, *, n_jobs: int, progress: bool | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (token types, type index per token, document index per token) for all documents."""
    results = _tk._run_batches(texts, langs, _count_batch, (kwargs,), n_jobs=n_jobs, progress=progress)
    if not results:
        return np.array([], dtype=object), np.array([], dtype=np.int64), np.array([], dtype=np.int64)
    # Merge per-batch vocabularies through one more factorization.
    offsets = np.cumsum([0] + [len(u) for _, (u, _, _) in results])
    all_uniques = np.concatenate([u for _, (u, _, _) in results]) if offsets[-1] else np.array([], dtype=object)
    gcodes, types = pd.factorize(all_uniques)
    codes_parts, rows_parts = [], []
    for k, (pos, (_, codes, lengths)) in enumerate(results):
        codes_parts.append(gcodes[offsets[k] + codes])
        rows_parts.append(np.repeat(np.asarray(pos, dtype=np.int64), lengths))
    codes = np.concatenate(codes_parts).astype(np.int64, copy=False)
    rows = np.concatenate(rows_parts)
    return np.asarray(types, dtype=object), codes, rows


def _sparse_counts(rows: np.ndarray, cols: np.ndarray, shape: tuple[int, int]) -> sp.csr_matrix:
    data = np.ones(len(rows), dtype=np.int64)
    # COO → CSR sums duplicate (row, col) pairs in compiled code.
    mat = sp.coo_matrix((data, (rows, cols)), shape=shape).tocsr()
    mat.sum_duplicates()
    mat.sort_indices()
    return mat


def _docfreq(matrix: sp.csr_matrix) -> np.ndarray:
    m = matrix.tocsr()
    m.eliminate_zeros()
    return np.bincount(m.indices, minlength=m.shape[1])


# ---------------------------------------------------------------------------
# Dfm
# ---------------------------------------------------------------------------
@dataclass(repr=False, eq=False)
class Dfm:
    """A document-feature matrix with its document variables.

    Parameters
    ----------
    matrix : scipy.sparse matrix, shape (n_documents, n_features)
        Counts (integers) or, after :meth:`weight`, weights. Stored as CSR.
    features : array-like of str, shape (n_features,)
        Feature (token) for each column.
    docvars : pandas.DataFrame, shape (n_documents, ...)
        Document metadata, one row per matrix row, same order.
    weighting : str, default 'count'
        How ``matrix`` was weighted (set by :meth:`weight`).

    Raises
    ------
    DiscourseError
        If the shapes of ``matrix``, ``features`` and ``docvars`` disagree.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "bloc": ["US", "RU", "US"],
    ...                      "language": "en",
    ...                      "text": ["Troops leave Kabul", "Kabul falls", "Troops troops"]})
    >>> d = dfm(docs)
    >>> d
    Dfm: 3 documents × 4 features (50.0% sparse), weighting='count'; docvars: doc_id, bloc, language
    >>> d.group("bloc").to_frame()
        falls  kabul  leave  troops
    RU      1      1      0       0
    US      0      1      1       3
    """

    matrix: sp.csr_matrix
    features: np.ndarray
    docvars: pd.DataFrame = field(default_factory=pd.DataFrame)
    weighting: str = "count"

    def __post_init__(self) -> None:
        if not sp.issparse(self.matrix):
            self.matrix = sp.csr_matrix(np.asarray(self.matrix))
        self.matrix = sp.csr_matrix(self.matrix)
        feats = np.empty(len(self.features), dtype=object)
        feats[:] = [str(f) for f in self.features]
        self.features = feats
        n_docs, n_feat = self.matrix.shape
        if n_feat != len(self.features):
            raise DiscourseError(
                f"`features` has {len(self.features)} entries but `matrix` has {n_feat} columns."
            )
        if self.docvars is None or (len(self.docvars.columns) == 0 and len(self.docvars) == 0):
            self.docvars = pd.DataFrame(index=pd.RangeIndex(n_docs))
        if not isinstance(self.docvars, pd.DataFrame):
            raise ParameterError(f"`docvars` must be a DataFrame; got {type(self.docvars).__name__}.")
        if len(self.docvars) != n_docs:
            raise DiscourseError(
                f"`docvars` has {len(self.docvars)} rows but `matrix` has {n_docs} rows."
            )
        self.docvars = self.docvars.reset_index(drop=True)

    # -- basics -------------------------------------------------------------
    @property
    def shape(self) -> tuple[int, int]:
        """``(n_documents, n_features)``."""
        return self.matrix.shape

    def __len__(self) -> int:
        return self.matrix.shape[0]

    @property
    def sparsity(self) -> float:
        """Share of matrix cells that are zero."""
        n = self.shape[0] * self.shape[1]
        return 1.0 - (self.matrix.count_nonzero() / n) if n else 1.0

    def _new(self, matrix: sp.spmatrix, features: np.ndarray | None = None,
             docvars: pd.DataFrame | None = None, weighting: str | None = None) -> Dfm:
        return Dfm(
            matrix=matrix,
            features=self.features if features is None else features,
            docvars=self.docvars if docvars is None else docvars,
            weighting=self.weighting if weighting is None else weighting,
        )

    def _require_counts(self, method: str) -> None:
        if self.weighting != "count":
            raise DiscourseError(
                f"Cannot {method} a Dfm weighted with {self.weighting!r}: sums and thresholds are "
                f"defined on counts. Call {method}() before weight()."
            )

    def _termfreq(self) -> np.ndarray:
        return np.asarray(self.matrix.sum(axis=0)).ravel()

    # -- verbs --------------------------------------------------------------
    def group(self, by: str | list[str] | Sequence[Any] | pd.Series) -> Dfm:
        """Sum the rows of each group of documents.

        Parameters
        ----------
        by : str, list of str, or array-like
            Docvars column(s) to group by (e.g. ``'source'``, or a ``'month'``
            column you add), or one label per document. A list is read as
            column names when every item is a docvars column, otherwise as
            one label per document.

        Returns
        -------
        Dfm
            One row per group, in sorted group order. Its docvars hold the
            group key(s), ``n_documents``, and every other column that is
            constant within each group. Missing keys form their own group.

        Raises
        ------
        DiscourseError
            If a column is not in docvars, the labels have the wrong length,
            or the Dfm is weighted.

        Examples
        --------
        >>> import pandas as pd
        >>> d = dfm(pd.DataFrame({"bloc": ["US", "CN", "US"], "language": "en",
        ...                       "text": ["one war", "war war", "peace"]}))
        >>> g = d.group("bloc")
        >>> g.docvars
          bloc  n_documents language
        0   CN            1       en
        1   US            2       en
        >>> g.features.tolist()
        ['one', 'peace', 'war']
        >>> g.matrix.toarray()
        array([[0, 0, 2],
               [1, 1, 1]])
        """
        self._require_counts("group")
        n = len(self)
        names = [by] if isinstance(by, str) else (list(by) if isinstance(by, (list, tuple)) else None)
        columns = set(map(str, self.docvars.columns))
        if names and all(isinstance(b, str) and b in columns for b in names):
            cols = names
            keys = self.docvars[cols]
        elif isinstance(by, str) or names is not None and len(names) != n:
            bad = next(b for b in names if not (isinstance(b, str) and b in columns))
            raise ParameterError(invalid_value_message(
                "by", bad, must="a docvars column, a list of docvars columns, or one label per document",
                hint=f"Docvars columns: {', '.join(map(repr, self.docvars.columns))}; the Dfm has {n} documents."))
        else:
            labels = by.reset_index(drop=True) if isinstance(by, pd.Series) else pd.Series(list(by))
            if len(labels) != n:
                raise ParameterError(f"`by` has {len(labels)} labels but the Dfm has {n} documents.")
            cols = [labels.name if labels.name is not None else "group"]
            keys = pd.DataFrame({cols[0]: labels.to_numpy()})
        grouped = keys.groupby(cols, sort=True, dropna=False)
        codes = grouped.ngroup().to_numpy()
        n_groups = int(codes.max()) + 1 if n else 0
        indicator = sp.csr_matrix(
            (np.ones(n, dtype=np.int64), (codes, np.arange(n))), shape=(n_groups, n)
        )
        matrix = indicator @ self.matrix
        _, first = np.unique(codes, return_index=True)
        docvars = keys.iloc[first].reset_index(drop=True)
        docvars["n_documents"] = np.bincount(codes, minlength=n_groups)
        for col in self.docvars.columns:
            if col in cols:
                continue
            try:
                constant = bool((self.docvars[col].groupby(codes).nunique(dropna=False) <= 1).all())
            except TypeError:  # unhashable values (lists) cannot be compared cheaply
                constant = False
            if constant:
                docvars[col] = self.docvars[col].iloc[first].to_numpy()
        return self._new(matrix, docvars=docvars)

    def trim(
        self,
        *,
        min_termfreq: int | float | None = None,
        max_termfreq: int | float | None = None,
        min_docfreq: int | float | None = None,
        max_docfreq: int | float | None = None,
    ) -> Dfm:
        """Keep features whose frequencies lie within the given bounds.

        Integers are counts; floats in (0, 1] are proportions — of all
        tokens in the Dfm for ``*_termfreq``, of all documents for
        ``*_docfreq``. Bounds are inclusive.

        Parameters
        ----------
        min_termfreq, max_termfreq : int or float, optional
            Bounds on a feature's total count.
        min_docfreq, max_docfreq : int or float, optional
            Bounds on the number of documents a feature occurs in.

        Returns
        -------
        Dfm

        Raises
        ------
        DiscourseError
            If a bound is negative, a float outside (0, 1], or the Dfm is weighted.
        TypeError
            If a bound is not a number.

        Examples
        --------
        >>> import pandas as pd
        >>> d = dfm(pd.DataFrame({"language": "en", "text": ["war war peace", "war talks", "war"]}))
        >>> list(d.trim(min_termfreq=2).features)
        ['war']
        >>> list(d.trim(max_docfreq=0.5).features)
        ['peace', 'talks']
        """
        self._require_counts("trim")
        tf = self._termfreq()
        df = _docfreq(self.matrix)
        total = tf.sum()
        n_docs = len(self)
        keep = np.ones(len(self.features), dtype=bool)
        for name, value, values, denom, is_min in (
            ("min_termfreq", min_termfreq, tf, total, True),
            ("max_termfreq", max_termfreq, tf, total, False),
            ("min_docfreq", min_docfreq, df, n_docs, True),
            ("max_docfreq", max_docfreq, df, n_docs, False),
        ):
            if value is None:
                continue
            if _is_int(value) and value >= 0:
                compare = values
            elif _is_float(value) and 0.0 < value <= 1.0:
                compare = values / denom if denom else np.zeros_like(values, dtype=float)
            else:
                raise ParameterError(invalid_value_message(
                    name, value, must="an integer count >= 0 or a float proportion in (0, 1]"))
            keep &= (compare >= value) if is_min else (compare <= value)
        idx = np.flatnonzero(keep)
        return self._new(self.matrix[:, idx], features=self.features[idx])

    def weight(
        self,
        scheme: str = "count",
        *,
        norm: str | None = "l2",
        smooth_idf: bool = True,
        sublinear_tf: bool = False,
    ) -> Dfm:
        """Return a weighted copy with a float matrix.

        Parameters
        ----------
        scheme : {'count', 'prop', 'tfidf'}
            ``'count'``: counts as floats. ``'prop'``: each row divided by its
            total (rows without tokens stay zero). ``'tfidf'``: as
            scikit-learn's ``TfidfTransformer``: ``tf × idf`` with
            ``idf = ln((1 + n) / (1 + df)) + 1`` (``smooth_idf=True``) or
            ``ln(n / df) + 1``, then each row scaled to unit ``norm``.
        norm : {'l2', 'l1', None}, default 'l2'
            Row normalisation for ``'tfidf'``.
        smooth_idf : bool, default True
            Add one to document frequencies (``'tfidf'`` only).
        sublinear_tf : bool, default False
            Use ``1 + ln(tf)`` instead of ``tf`` (``'tfidf'`` only).

        Returns
        -------
        Dfm

        Raises
        ------
        DiscourseError
            If ``scheme`` or ``norm`` is invalid, or the Dfm is already weighted.

        Examples
        --------
        >>> import pandas as pd
        >>> d = dfm(pd.DataFrame({"language": "en", "text": ["war war peace", "peace"]}))
        >>> d.weight("prop").matrix.toarray().round(3)
        array([[0.333, 0.667],
               [1.   , 0.   ]])
        """
        check_option("scheme", scheme, WEIGHT_SCHEMES)
        check_option("norm", norm, ("l2", "l1", None))
        self._require_counts("weight")
        m = self.matrix.astype(np.float64)
        if scheme == "count":
            return self._new(m, weighting="count")
        if scheme == "prop":
            return self._new(_row_scale(m, np.asarray(m.sum(axis=1)).ravel()), weighting="prop")
        n = m.shape[0]
        df = _docfreq(self.matrix).astype(np.float64)
        with np.errstate(divide="ignore"):
            idf = np.log((1 + n) / (1 + df)) + 1 if smooth_idf else np.log(n / df) + 1
        if sublinear_tf:
            m.data = np.log(m.data) + 1
        m = m @ sp.diags(idf)
        m = sp.csr_matrix(m)
        if norm == "l2":
            m = _row_scale(m, np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel()))
        elif norm == "l1":
            m = _row_scale(m, np.asarray(abs(m).sum(axis=1)).ravel())
        return self._new(m, weighting="tfidf")

    def subset(self, mask_or_query: str | Sequence[bool] | np.ndarray | pd.Series) -> Dfm:
        """Keep the documents selected by a boolean mask or a docvars query.

        Parameters
        ----------
        mask_or_query : str or array-like of bool
            A :meth:`pandas.DataFrame.query` expression on the docvars, e.g.
            ``"bloc == 'US' and genre == 'speech'"``, or one bool per document.

        Returns
        -------
        Dfm
            Same features (including ones that no longer occur).

        Raises
        ------
        DiscourseError
            If the query fails or does not give one bool per document, or the
            mask has the wrong length.
        TypeError
            If the mask is not boolean.

        Examples
        --------
        >>> import pandas as pd
        >>> d = dfm(pd.DataFrame({"bloc": ["US", "RU"], "language": "en", "text": ["a", "b"]}))
        >>> len(d.subset("bloc == 'RU'")), len(d.subset([True, True]))
        (1, 2)
        """
        n = len(self)
        if isinstance(mask_or_query, str):
            try:
                mask = self.docvars.eval(mask_or_query)
            except Exception as exc:  # pandas raises many types for a bad expression
                raise ParameterError(invalid_value_message(
                    "mask_or_query", mask_or_query, must="a query that runs on the docvars",
                    hint=f"It failed: {exc}")) from exc
            mask = np.asarray(mask)
            if mask.shape != (n,) or mask.dtype != bool:
                raise ParameterError(invalid_value_message(
                    "mask_or_query", mask_or_query, must="a query that gives one True/False per document"))
        else:
            mask = np.asarray(mask_or_query)
            if mask.dtype != bool or mask.shape != (n,):
                raise ParameterError(
                    f"`mask_or_query` must be a query str or {n} booleans (one per document); "
                    f"got {mask.size} values of dtype {mask.dtype}."
                )
        idx = np.flatnonzero(mask)
        return self._new(self.matrix[idx], docvars=self.docvars.iloc[idx])

    def top_features(self, n: int = 20, *, by: str | None = None) -> pd.DataFrame:
        """Return the most frequent features as a tidy table.

        Parameters
        ----------
        n : int, default 20
            How many features (per group when ``by`` is given).
        by : str, optional
            Docvars column: rank features within each of its groups.

        Returns
        -------
        pandas.DataFrame
            Columns ``[by,] rank, feature, frequency, docfreq``; ties are
            broken by feature name. ``frequency`` is the summed matrix value
            (a weight after :meth:`weight`).

        Raises
        ------
        DiscourseError
            If ``n`` is not a positive int or ``by`` is not a docvars column.

        Examples
        --------
        >>> import pandas as pd
        >>> d = dfm(pd.DataFrame({"language": "en", "text": ["war war peace", "war talks"]}))
        >>> d.top_features(2)
           rank feature  frequency  docfreq
        0     1     war          3        2
        1     2   peace          1        1
        """
        n = check_int("n", n, minimum=1)
        if by is None:
            return _top_rows(self.matrix, self.features, n)
        if not isinstance(by, str) or by not in self.docvars.columns:
            raise ParameterError(invalid_value_message("by", by, list(map(str, self.docvars.columns))))
        codes, groups = pd.factorize(self.docvars[by], sort=True, use_na_sentinel=False)
        frames = []
        for k, g in enumerate(groups):
            rows = np.flatnonzero(codes == k)
            t = _top_rows(self.matrix[rows], self.features, n)
            t.insert(0, by, g)
            frames.append(t)
        return pd.concat(frames, ignore_index=True)

    def to_frame(self, *, max_cells: int = 50_000_000) -> pd.DataFrame:
        """Return the matrix as a dense DataFrame (documents × features).

        Rows are labelled by the ``doc_id`` docvar when present, else by the
        first docvars column after :meth:`group`, else by position.

        Parameters
        ----------
        max_cells : int, default 50,000,000
            Refuse to densify anything larger (trim first).

        Returns
        -------
        pandas.DataFrame

        Raises
        ------
        DiscourseError
            If the dense frame would exceed ``max_cells``.
        """
        cells = self.shape[0] * self.shape[1]
        if cells > max_cells:
            raise DiscourseError(
                f"A dense frame of {self.shape[0]} × {self.shape[1]} = {cells:,} cells exceeds "
                f"`max_cells`={max_cells:,}; trim() the Dfm first or raise max_cells."
            )
        if "doc_id" in self.docvars.columns:
            index = pd.Index(self.docvars["doc_id"].to_numpy())
        elif "n_documents" in self.docvars.columns and len(self.docvars.columns) > 1:
            index = pd.Index(self.docvars.iloc[:, 0].to_numpy())
        else:
            index = pd.RangeIndex(len(self))
        return pd.DataFrame(self.matrix.toarray(), index=index, columns=list(self.features))

    # -- display ------------------------------------------------------------
    def __repr__(self) -> str:
        cols = ", ".join(map(str, self.docvars.columns)) or "(none)"
        return (
            f"Dfm: {self.shape[0]:,} documents × {self.shape[1]:,} features "
            f"({self.sparsity:.1%} sparse), weighting={self.weighting!r}; docvars: {cols}"
        )

    def _repr_html_(self) -> str:
        e = html.escape
        top = _top_rows(self.matrix, self.features, 10) if self.shape[1] else pd.DataFrame()
        rows = "".join(
            f"<tr><td>{int(r.rank)}</td><td>{e(str(r.feature))}</td><td>{e(_fmt(r.frequency))}</td>"
            f"<td>{int(r.docfreq)}</td></tr>"
            for r in top.itertuples()
        )
        cols = e(", ".join(map(str, self.docvars.columns)) or "(none)")
        return (
            "<div class='discourse-dfm'>"
            f"<p><b>Dfm</b>: {self.shape[0]:,} documents × {self.shape[1]:,} features, "
            f"{self.sparsity:.1%} sparse, weighting {e(repr(self.weighting))}<br>"
            f"docvars: {cols}</p>"
            "<table><thead><tr><th>rank</th><th>feature</th><th>frequency</th><th>docfreq</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></div>"
        )


def _fmt(x: Any) -> str:
    return f"{x:,}" if _is_int(x) else f"{x:.4g}"


def _row_scale(m: sp.csr_matrix, denom: np.ndarray) -> sp.csr_matrix:
    denom = np.where(denom == 0, 1.0, denom)
    return sp.csr_matrix(sp.diags(1.0 / denom) @ m)


def _top_rows(matrix: sp.spmatrix, features: np.ndarray, n: int) -> pd.DataFrame:
    freq = np.asarray(matrix.sum(axis=0)).ravel()
    df = _docfreq(sp.csr_matrix(matrix))
    # lexsort: last key is primary → frequency descending, then feature name.
    order = np.lexsort((features.astype(str), -freq))[:n]
    order = order[freq[order] != 0] if len(order) else order
    return pd.DataFrame({
        "rank": np.arange(1, len(order) + 1),
        "feature": features[order],
        "frequency": freq[order],
        "docfreq": df[order],
    })


# ---------------------------------------------------------------------------
# DfmVectorizer
# ---------------------------------------------------------------------------
class DfmVectorizer(TransformerMixin, BaseEstimator):
    """Convert texts in English, Russian or Chinese to a sparse count matrix.

    A scikit-learn transformer (usable in a ``Pipeline``) whose analyzer is
    :func:`discourse.tokenizing.tokenize`. Columns are sorted by feature
    name, as in ``CountVectorizer``.

    Parameters
    ----------
    language : {'en', 'ru', 'zh'}, optional
        Language of a list of texts. For a DataFrame with a ``language``
        column leave it ``None``; if given, it must agree with the column.
    lowercase, stem, lemmatize, remove_stopwords, stopwords, multiword
        As in :func:`discourse.tokenizing.tokenize` (``lemmatize=True``:
        Russian features are dictionary lemmas, so the forms of a word
        are counted in one column).
    ngram_range : (int, int), default (1, 1)
        Smallest and largest n-gram (parts joined with ``"_"``).
    min_df, max_df : int or float, default 1 and 1.0
        Keep features occurring in at least ``min_df`` / at most ``max_df``
        documents (floats in [0, 1] are proportions), as in scikit-learn.
    max_features : int, optional
        Keep only the most frequent features (ties broken by name).
    n_jobs : int, default 1
        Worker processes for tokenization (``-1``: all cores).
    user_dictionary : list of str or path, optional
        Extra Chinese words to keep whole (e.g. ``["阿富汗临时政府"]``) or a
        jieba user-dictionary file; held by the estimator, so fitting and
        transforming segment alike, and the same words are words in
        :func:`~discourse.concordance.kwic` and
        :func:`~discourse.collocations.collocations` given the same dictionary.
    missing : {"raise", "empty"}, default "raise"
        Missing or empty texts raise an error naming the rows, or
        (``"empty"``) count as documents without tokens, with a warning
        (see :mod:`discourse.inputs`).

    Attributes
    ----------
    vocabulary_ : dict
        Feature → column index.
    feature_names_ : numpy.ndarray of str
        Feature of each column (sorted).
    stop_words_ : set
        Features dropped by ``min_df``, ``max_df`` or ``max_features``.

    Examples
    --------
    >>> vec = DfmVectorizer(language="en")
    >>> X = vec.fit_transform(["Kabul fell", "the US left Kabul"])
    >>> vec.get_feature_names_out().tolist()
    ['fell', 'kabul', 'left', 'the', 'us']
    >>> X.toarray()
    array([[1, 1, 0, 0, 0],
           [0, 1, 1, 1, 1]])
    """

    def __init__(
        self,
        language: str | None = None,
        lowercase: bool = True,
        stem: bool = False,
        remove_stopwords: bool = False,
        stopwords: Any = None,
        multiword: Any = None,
        ngram_range: tuple[int, int] = (1, 1),
        min_df: int | float = 1,
        max_df: int | float = 1.0,
        max_features: int | None = None,
        n_jobs: int = 1,
        user_dictionary: Any = None,
        missing: str = "raise",
        lemmatize: bool = False,
    ):
        self.language = language
        self.lowercase = lowercase
        self.stem = stem
        self.remove_stopwords = remove_stopwords
        self.stopwords = stopwords
        self.multiword = multiword
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_df = max_df
        self.max_features = max_features
        self.n_jobs = n_jobs
        self.user_dictionary = user_dictionary
        self.missing = missing
        self.lemmatize = lemmatize

    # -- validation ---------------------------------------------------------
    def _validate_params(self) -> None:  # noqa: D401 - sklearn name
        if self.language is not None:
            check_language("language", self.language)
        nr = self.ngram_range
        if not (isinstance(nr, (tuple, list)) and len(nr) == 2 and all(_is_int(v) for v in nr) and 1 <= nr[0] <= nr[1]):
            raise ParameterError(invalid_value_message("ngram_range", nr, must="(min_n, max_n) with 1 <= min_n <= max_n"))
        for name in ("min_df", "max_df"):
            v = getattr(self, name)
            if _is_int(v):
                check_int(name, v, minimum=0)
            elif not (_is_float(v) and 0.0 <= v <= 1.0):
                raise ParameterError(invalid_value_message(
                    name, v, must="an integer count >= 0 or a float proportion of documents in [0, 1]"))
        if self.max_features is not None:
            check_int("max_features", self.max_features, minimum=1)
        for name in ("lowercase", "stem", "lemmatize", "remove_stopwords"):
            check_bool(name, getattr(self, name))
        _tk._check_stem_lemmatize(self.stem, self.lemmatize)
        check_option("missing", self.missing, ("raise", "empty"))
        check_n_jobs(self.n_jobs)

    def _tokenize_kwargs(self) -> dict:
        kw: dict[str, Any] = {
            "lowercase": bool(self.lowercase),
            "stem": bool(self.stem),
            "lemmatize": bool(self.lemmatize),
            "remove_stopwords": bool(self.remove_stopwords),
            "ngrams": tuple(self.ngram_range),
        }
        if self.stopwords is not None:
            kw["stopwords"] = frozenset(self.stopwords) if not isinstance(self.stopwords, str) else self.stopwords
        if self.multiword is not None:
            kw["multiword"] = tuple([self.multiword] if isinstance(self.multiword, str) else self.multiword)
        if self.user_dictionary is not None:
            # Carried by the estimator (not added process-wide), so a fitted
            # vectorizer segments Chinese the same way at transform time.
            ud = self.user_dictionary
            kw["user_dictionary"] = ud if isinstance(ud, (str, os.PathLike)) else tuple(ud)
        return kw

    def _count(self, X: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
        inputs = text_inputs(X, language=self.language, missing=self.missing, allowed=("raise", "empty"), argument="X", single_text=False)
        types, codes, rows = _count_documents(
            inputs.texts, inputs.languages, self._tokenize_kwargs(), n_jobs=self.n_jobs, progress=None
        )
        return types, codes, rows, len(inputs.texts)

    # -- sklearn API --------------------------------------------------------
    def fit(self, X: Any, y: Any = None) -> DfmVectorizer:
        """Learn the vocabulary of ``X``.

        Parameters
        ----------
        X : list of str or DataFrame
            Texts (``language=`` required), or a table with ``text`` and
            ``language`` columns.
        y : ignored

        Returns
        -------
        DfmVectorizer
            ``self``.

        Raises
        ------
        DiscourseError
            For invalid parameters, a missing language, or when no feature
            survives ``min_df``/``max_df``.
        """
        self.fit_transform(X, y)
        return self

    def fit_transform(self, X: Any, y: Any = None) -> sp.csr_matrix:
        """Learn the vocabulary and return the document-feature counts.

        Parameters
        ----------
        X : list of str or DataFrame
            As in :meth:`fit`.
        y : ignored

        Returns
        -------
        scipy.sparse.csr_matrix of int64, shape (n_documents, n_features)

        Raises
        ------
        DiscourseError
            As in :meth:`fit`.
        """
        self._validate_params()
        types, codes, rows, n_docs = self._count(X)
        order = np.argsort(types.astype(str), kind="stable")
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        features = types[order]
        matrix = _sparse_counts(rows, rank[codes], (n_docs, len(features)))
        matrix, features = self._limit(matrix, features, n_docs)
        self.feature_names_ = features
        self.vocabulary_ = {f: i for i, f in enumerate(features)}
        return matrix

    def _limit(self, matrix: sp.csr_matrix, features: np.ndarray, n_docs: int) -> tuple[sp.csr_matrix, np.ndarray]:
        max_doc = self.max_df if _is_int(self.max_df) else self.max_df * n_docs
        min_doc = self.min_df if _is_int(self.min_df) else self.min_df * n_docs
        if max_doc < min_doc:
            raise DiscourseError(
                f"`max_df`={self.max_df!r} corresponds to fewer documents than `min_df`={self.min_df!r}."
            )
        df = _docfreq(matrix)
        keep = (df >= min_doc) & (df <= max_doc)
        if self.max_features is not None and keep.sum() > self.max_features:
            tf = np.asarray(matrix.sum(axis=0)).ravel()
            cand = np.flatnonzero(keep)
            best = cand[np.lexsort((features[cand].astype(str), -tf[cand]))[: self.max_features]]
            keep = np.zeros_like(keep)
            keep[best] = True
        self.stop_words_ = set(features[~keep].tolist())
        if len(features) and not keep.any():
            raise DiscourseError(
                "After pruning, no features remain; lower `min_df` or raise `max_df`."
            )
        idx = np.flatnonzero(keep)
        return matrix[:, idx], features[idx]

    def transform(self, X: Any) -> sp.csr_matrix:
        """Count the learned features in ``X``; unknown tokens are ignored.

        Parameters
        ----------
        X : list of str or DataFrame
            As in :meth:`fit`.

        Returns
        -------
        scipy.sparse.csr_matrix of int64, shape (n_documents, n_features)

        Raises
        ------
        sklearn.exceptions.NotFittedError
            If called before :meth:`fit`.
        """
        check_is_fitted(self, "vocabulary_")
        self._validate_params()
        types, codes, rows, n_docs = self._count(X)
        cols_of_type = pd.Index(self.feature_names_).get_indexer(types) if len(types) else np.array([], dtype=np.int64)
        cols = cols_of_type[codes] if len(codes) else codes
        known = cols >= 0
        return _sparse_counts(rows[known], cols[known], (n_docs, len(self.feature_names_)))

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Return the feature of each output column (object array of str).

        Raises
        ------
        sklearn.exceptions.NotFittedError
            If called before :meth:`fit`.
        """
        check_is_fitted(self, "vocabulary_")
        return np.asarray(self.feature_names_, dtype=object)

    def __sklearn_tags__(self):  # type: ignore[no-untyped-def]
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.requires_fit = True
        return tags


# ---------------------------------------------------------------------------
# dfm()
# ---------------------------------------------------------------------------
def dfm(data: Any, *, text_column: str = "text", missing: str = "raise", **vectorizer_params: Any) -> Dfm:
    """Build a :class:`Dfm` from a corpus or passage table in one call.

    Parameters
    ----------
    data : DataFrame or list of str
        A table with ``text`` and ``language`` columns (every other column
        becomes a docvar), or texts with ``language=``.
    text_column : str, default 'text'
        Column holding the text; renamed to ``text`` for the vectorizer.
    missing : {"raise", "drop", "empty"}, default "raise"
        Missing or empty texts raise an error naming the rows; ``"drop"``
        leaves those documents out (docvars too), ``"empty"`` keeps them as
        documents without tokens; both warn with the count (see
        :mod:`discourse.inputs`).
    **vectorizer_params
        Passed to :class:`DfmVectorizer` (``language``, ``stem``,
        ``lemmatize``, ``remove_stopwords``, ``multiword``, ``ngram_range``, ``min_df``, ...).

    Returns
    -------
    Dfm

    Raises
    ------
    DiscourseError
        As :class:`DfmVectorizer`, or if ``text_column`` is missing.

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"doc_id": ["d1", "d2"], "bloc": ["US", "CN"],  # synthetic
    ...                        "language": ["en", "zh"],
    ...                        "text": ["The Taliban entered Kabul.", "塔利班进入喀布尔。"]})
    >>> d = dfm(corpus)
    >>> d.shape, list(d.docvars.columns)
    ((2, 7), ['doc_id', 'bloc', 'language'])
    """
    check_option("missing", missing, ("raise", "drop", "empty"))
    if isinstance(data, pd.DataFrame):
        # Dropping happens here, once, so the docvars keep exactly the counted rows.
        inputs = text_inputs(data, language=vectorizer_params.get("language"), text_column=text_column,
                             missing=missing)
        frame = inputs.frame.rename(columns={text_column: "text"}) if text_column != "text" else inputs.frame
        vec = DfmVectorizer(**vectorizer_params)
        if missing == "empty":
            # text_inputs has warned about the emptied rows once; count them silently.
            frame = frame.assign(text=inputs.texts)
            vec.set_params(missing="empty")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                matrix = vec.fit_transform(frame)
        else:
            matrix = vec.fit_transform(frame)
        docvars = frame.drop(columns=["text"]).reset_index(drop=True)
    else:
        if isinstance(data, str):
            data = [data]
        vec = DfmVectorizer(**{**vectorizer_params, "missing": "empty" if missing == "empty" else "raise"})
        if missing == "drop":
            data = text_inputs(data, language=vectorizer_params.get("language"), missing="drop").texts
        matrix = vec.fit_transform(data)
        n = matrix.shape[0]
        docvars = pd.DataFrame({"doc_id": [f"text{i + 1}" for i in range(n)], "language": vec.language})
    return Dfm(matrix=matrix, features=vec.feature_names_, docvars=docvars)
