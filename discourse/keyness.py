"""Keyness: which words set one group of documents apart from another.

:func:`keyness` takes a document-feature matrix (or a document table, which it
counts with :func:`discourse.counting.dfm`) and a document variable naming
groups (``by="source"``), and returns one tidy table with a row per feature per
comparison: each group against the rest, or every pair of groups.

The measures themselves live in :mod:`discourse.measures` (one function each,
formulas and citations in its docstring); the document-level permutation test
and bootstrap in :mod:`discourse.resampling`.

With ``permutations=`` and ``bootstrap=`` the table also gets document-level
permutation p-values (``p_perm``) and bootstrap intervals of the log ratio;
documents, not tokens, are resampled (see :mod:`discourse.resampling`).
"""
from __future__ import annotations

from collections.abc import Hashable, Sequence
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.special import erfc

from discourse._errors import DiscourseError, ParameterError, invalid_value_message
from discourse._validation import (check_int, check_option, check_probability, check_real, python_scalar,
                                   random_state_repr, require_columns, seed_sequence)
from discourse.inputs import drop_missing_labels
from discourse.measures import (PER_MILLION, _chi2, _dp, _g2, _log_odds_z, _log_ratio, _lrc, _pct_diff,
                                benjamini_hochberg)
from discourse.resampling import CI_METHODS, resample_keyness

__all__ = [
    "COMPARISONS",
    "DISPERSIONS",
    "KEYNESS_COLUMNS",
    "PERM_STATISTICS",
    "PRIORS",
    "keyness",
    "keyness_by",
    "top_keywords",
]

COMPARISONS = ("one_vs_rest", "pairwise")
PRIORS = ("informative", "uniform")
DISPERSIONS = ("dp", "dp_norm", None)
PERM_STATISTICS = ("g2", "log_ratio")
#: Uniform prior pseudo-count per feature when ``prior="uniform"`` and no scale
#: is given (the "uninformative" value in Monroe et al. 2008).
UNIFORM_ALPHA = 0.01
KEYNESS_COLUMNS = [
    "feature", "target", "reference", "n_target", "n_reference", "freq_target",
    "freq_reference", "docfreq_target", "docfreq_reference", "g2", "p", "p_adj", "chi2",
    "log_ratio", "lrc", "pct_diff", "log_odds_z", "dispersion",
]


# ---------------------------------------------------------------------------
# keyness()
# ---------------------------------------------------------------------------
def _resolve_dfm(data: Any, by: str, missing: str, dfm_params: dict[str, Any]) -> Any:
    """A Dfm for ``data`` whose ``by`` labels are all present (or the missing ones dropped and reported)."""
    if isinstance(data, pd.DataFrame):
        from discourse.counting import dfm  # counting imports the tokenizers; load only when needed

        require_columns(data, [by], role="by")
        data = drop_missing_labels(data, [by], missing=missing)
        return dfm(data, missing=missing, **dfm_params)
    if all(hasattr(data, attr) for attr in ("matrix", "features", "docvars")):
        if dfm_params:
            raise ParameterError(
                "keyness() got tokenizer options " + ", ".join(f"`{k}`" for k in sorted(dfm_params))
                + " but `data` is already a document-feature matrix; they apply only to a DataFrame."
            )
        if by not in data.docvars.columns:
            raise ParameterError(invalid_value_message("by", by, list(data.docvars.columns)))
        kept = drop_missing_labels(data.docvars, [by], missing=missing)
        if len(kept) < len(data.docvars):
            rows = np.flatnonzero(data.docvars[by].notna().to_numpy())
            return type(data)(matrix=sparse.csr_matrix(data.matrix)[rows], features=data.features,
                              docvars=data.docvars.iloc[rows].reset_index(drop=True))
        return data
    raise ParameterError(
        f"`data` must be a Dfm (an object with `matrix`, `features` and `docvars`) or a DataFrame of "
        f"documents with a `text` column; got {type(data).__name__}."
    )


def _as_label_list(name: str, value: Any, groups: list[Hashable], by: str) -> list[Hashable] | None:
    if value is None:
        return None
    values = list(value) if isinstance(value, (list, tuple, set, np.ndarray, pd.Index)) else [value]
    if not values:
        raise ParameterError(invalid_value_message(name, value, groups, hint=f"Give at least one group of `{by}`."))
    for v in values:
        if v not in groups:
            raise ParameterError(invalid_value_message(name, v, groups, hint=f"These are the groups in `{by}`.")
            )
    return list(dict.fromkeys(values))


def _label(groups: Sequence[Hashable]) -> str:
    return "+".join(str(g) for g in groups)


def _plan_comparisons(
    groups: list[Hashable],
    target: list[Hashable] | None,
    reference: list[Hashable] | None,
    comparison: str,
) -> list[tuple[Hashable, list[Hashable]]]:
    """Return [(target group, reference groups)] in the order they are reported."""
    if comparison == "pairwise" and target is None and reference is None:
        return [(t, [r]) for t, r in combinations(groups, 2)]
    targets = target if target is not None else [g for g in groups if g not in (reference or [])]
    plan: list[tuple[Hashable, list[Hashable]]] = []
    for t in targets:
        refs = [g for g in (reference or groups) if g != t]
        if comparison == "pairwise":
            plan.extend((t, [r]) for r in refs)
        elif refs:
            plan.append((t, refs))
    if not plan:
        raise ParameterError(invalid_value_message(
                "reference", reference, hint=f"It leaves nothing to compare target {target!r} with."
            )
        )
    return plan


def keyness(
    data: Any,
    *,
    by: str,
    target: Hashable | Sequence[Hashable] | None = None,
    reference: Hashable | Sequence[Hashable] | None = None,
    comparison: str = "one_vs_rest",
    min_count: int = 1,
    prior: str = "informative",
    prior_scale: float | None = None,
    dispersion: str | None = "dp",
    permutations: int = 0,
    perm_statistic: str = "g2",
    bootstrap: int = 0,
    ci: float = 0.95,
    ci_method: str = "t",
    random_state: int | np.random.Generator | None = None,
    n_jobs: int | None = 1,
    progress: bool | None = None,
    missing: str = "raise",
    **dfm_params: Any,
) -> pd.DataFrame:
    """Keyness of every feature for every comparison of document groups.

    Parameters
    ----------
    data : Dfm or pandas.DataFrame
        A document-feature matrix (any object with ``matrix`` — documents x
        features, sparse counts —, ``features`` and ``docvars``) or a table of
        documents/passages, which is counted with
        :func:`discourse.counting.dfm` and ``**dfm_params``.
    by : str
        Document variable that names the groups, e.g. ``"source"``. A
        document whose value is missing is an error (see ``missing``).
    target : label or list of labels, optional
        Group(s) whose characteristic vocabulary is wanted. Default: every
        group (that is not a reference) in turn.
    reference : label or list of labels, optional
        Group(s) to compare with. With ``comparison="one_vs_rest"`` the
        listed groups are pooled into one reference; default all groups but
        the target ("the rest").
    comparison : {"one_vs_rest", "pairwise"}, default "one_vs_rest"
        ``"one_vs_rest"``: each target against the pooled reference.
        ``"pairwise"``: each target against each reference group separately;
        with neither ``target`` nor ``reference`` every unordered pair is
        compared once, the target being the first of the pair in sorted order
        (CN vs RU, never also RU vs CN: the second is the first with every
        signed measure negated, and the table would double).
    min_count : int, default 1
        Keep a feature in a comparison only if ``n_target + n_reference``
        reaches this. The LRC Bonferroni family is the features kept.
    prior : {"informative", "uniform"}, default "informative"
        Dirichlet prior for ``log_odds_z``: proportional to each feature's
        count in the whole input, or the same for every feature.
    prior_scale : float, optional
        Total prior mass :math:`\\alpha_0`. Default: for ``"informative"`` the
        number of tokens in the input (so :math:`\\alpha_w` is the feature's
        total count, the usual Fightin' Words choice); for ``"uniform"``
        0.01 per feature (Monroe et al.'s uninformative prior).
    dispersion : {"dp", "dp_norm", None}, default "dp"
        Gries' DP across the target's documents, Lijffijt & Gries' normalised
        DP, or no ``dispersion`` column. NaN for a feature the target never
        uses; 0 when the target is a single document.
    permutations : int, default 0
        Number of label shuffles for ``p_perm`` (0: no column).
    perm_statistic : {"g2", "log_ratio"}, default "g2"
        Statistic of the two-sided permutation test.
    bootstrap : int, default 0
        Number of document resamples for the log-ratio interval (0: none).
    ci : float, default 0.95
        Confidence level of the bootstrap interval and (family-wise) of LRC.
    ci_method : {"t", "bca", "percentile"}, default "t"
        Interval of the log ratio (computed when ``bootstrap > 0``): ``"t"``
        is the delta method on document totals (each group's relative
        frequency a ratio estimator over its documents, cluster-robust
        variance, Welch-Satterthwaite t quantile) and draws no replicates;
        ``"bca"`` is Efron's (1987) bias-corrected and accelerated bootstrap
        interval with the acceleration from leaving out one document at a
        time; ``"percentile"`` the plain percentile interval. In a simulation
        with a known truth (``benchmarks/interval_coverage.py``: gamma word
        rates across documents, true log ratio 1, 1000 runs, 999 replicates)
        nominal 95% intervals covered: with 10 documents per group percentile
        0.904, bca 0.918, t 0.949; with 40, percentile 0.939, bca 0.941, t
        0.950.
    random_state : int, numpy.random.Generator or None
        Seeds the shuffles and resamples; results do not depend on ``n_jobs``.
    n_jobs : int or None, default 1
        Workers (threads) for the resampling batches; -1 uses all cores.
    progress : bool or None
        Progress bar (tqdm) for resampling; None shows it only for runs
        expected to take more than a couple of seconds.
    missing : {"raise", "drop"}, default "raise"
        Documents with a missing ``by`` value or (for a DataFrame) a missing
        or empty text raise an error naming them; ``"drop"`` leaves them out,
        with a warning giving the count (see :mod:`discourse.inputs`).
    **dfm_params
        Passed to :func:`discourse.counting.dfm` when ``data`` is a DataFrame.

    Returns
    -------
    pandas.DataFrame
        One row per feature per comparison with columns
        :data:`KEYNESS_COLUMNS` (``dispersion`` only if requested), then
        ``p_perm`` and ``log_ratio_ci_low``, ``log_ratio_ci_high`` when
        requested (``attrs["ci_method"]`` says how the interval was made). ``target`` is the group's label as text; ``reference``
        joins the pooled groups with ``+`` (e.g. ``"CN+RU+other"``).
        Frequencies are per million tokens, ``docfreq_*`` count documents
        containing the feature. Sorted by target, reference, then ``g2``
        descending. ``attrs`` records the parameters, the comparisons, tokens
        and documents per group.

    Raises
    ------
    DiscourseError
        If ``by`` is not a document variable, it holds fewer than two groups,
        ``target``/``reference`` name unknown groups, an option is not one of
        its valid values, a group has no tokens, or a count, ``ci`` or
        ``random_state`` is invalid.
    TypeError
        If ``data`` is neither a Dfm nor a DataFrame, or tokenizer options
        are given with a Dfm.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> from scipy import sparse
    >>> counts = SimpleNamespace(  # synthetic: 4 documents, 3 features
    ...     matrix=sparse.csr_matrix([[5, 1, 4], [3, 0, 7], [0, 6, 4], [1, 4, 5]]),
    ...     features=np.array(["taliban", "chaos", "withdrawal"]),
    ...     docvars=pd.DataFrame({"bloc": ["US", "US", "CN", "CN"]}),
    ... )
    >>> table = keyness(counts, by="bloc", target="US")
    >>> table[["feature", "target", "reference", "n_target", "n_reference"]]
          feature target reference  n_target  n_reference
    0     taliban     US        CN         8            1
    1  withdrawal     US        CN        11            9
    2       chaos     US        CN         1           10
    >>> table["g2"].round(2).tolist()
    [7.79, 0.4, -11.39]
    """
    comparison = check_option("comparison", comparison, COMPARISONS)
    prior = check_option("prior", prior, PRIORS)
    dispersion = check_option("dispersion", dispersion, DISPERSIONS)
    perm_statistic = check_option("perm_statistic", perm_statistic, PERM_STATISTICS)
    min_count = check_int("min_count", min_count, minimum=1)
    permutations = check_int("permutations", permutations, minimum=0)
    bootstrap = check_int("bootstrap", bootstrap, minimum=0)
    check_probability("ci", ci)
    ci_method = check_option("ci_method", ci_method, CI_METHODS)
    if prior_scale is not None:
        prior_scale = check_real("prior_scale", prior_scale, minimum=0, open_minimum=True)
    check_option("missing", missing, ("raise", "drop"))
    seeds = seed_sequence(random_state)

    dfm_obj = _resolve_dfm(data, by, missing, dfm_params)
    matrix = sparse.csr_matrix(dfm_obj.matrix)
    features = np.asarray(dfm_obj.features, dtype=object)
    docvars = dfm_obj.docvars
    if matrix.shape != (len(docvars), len(features)):
        raise ParameterError(
            f"`data` must be a Dfm whose matrix has one row per docvars row and one column per feature; "
            f"got a matrix of shape {matrix.shape} with {len(docvars)} docvars rows and {len(features)} features."
        )

    labels = docvars[by].to_numpy()
    present = ~pd.isna(labels)
    groups = sorted(pd.unique(labels[present]), key=lambda g: (str(type(g)), g))
    if len(groups) < 2:
        found = f"only {groups[0]!r}" if groups else "no group (all values are missing)"
        raise DiscourseError(f"keyness needs at least two groups in `{by}`; found {found}.")
    target_list = _as_label_list("target", target, groups, by)
    reference_list = _as_label_list("reference", reference, groups, by)
    plan = _plan_comparisons(groups, target_list, reference_list, comparison)

    # Group sums as one sparse product: (groups x documents) indicator @ counts.
    codes = np.full(labels.shape[0], -1)
    for i, g in enumerate(groups):
        codes[present & (labels == g)] = i
    rows = np.flatnonzero(codes >= 0)
    indicator = sparse.csr_matrix(
        (np.ones(rows.size), (codes[rows], rows)), shape=(len(groups), matrix.shape[0])
    )
    group_counts = np.asarray((indicator @ matrix).todense(), dtype=float)
    binary = matrix.copy()
    binary.data = (binary.data > 0).astype(float)
    group_docfreq = np.asarray((indicator @ binary).todense(), dtype=float)
    doc_sizes = np.asarray(matrix.sum(axis=1), dtype=float).ravel()
    group_tokens = group_counts.sum(axis=1)
    group_ndocs = np.bincount(codes[rows], minlength=len(groups))
    index = {g: i for i, g in enumerate(groups)}
    used = {index[t] for t, refs in plan} | {index[r] for _, refs in plan for r in refs}
    for i in sorted(used):
        if group_tokens[i] <= 0:
            raise DiscourseError(
                f"Group {groups[i]!r} of `{by}` has no tokens ({group_ndocs[i]} documents); "
                "keyness cannot compare an empty group. Drop its documents or check the tokenizer."
            )

    # The informative prior is the whole input, including documents whose
    # group is missing or not part of any comparison.
    combined = np.asarray(matrix.sum(axis=0), dtype=float).ravel()
    n_total = combined.sum()
    if prior == "informative":
        alpha0 = float(prior_scale) if prior_scale is not None else n_total
        alpha = combined * (alpha0 / n_total)
    else:
        alpha0 = float(prior_scale) if prior_scale is not None else UNIFORM_ALPHA * len(features)
        alpha = np.full(len(features), alpha0 / len(features))

    dp_cache: dict[int, np.ndarray] = {}
    blocks: list[dict[str, Any]] = []
    for t, refs in sorted(plan, key=lambda p: (str(p[0]), _label(p[1]))):
        ti = index[t]
        ri = [index[r] for r in refs]
        a_all = group_counts[ti]
        b_all = group_counts[ri].sum(axis=0)
        c = group_tokens[ti]
        d = group_tokens[ri].sum()
        keep = np.flatnonzero(a_all + b_all >= min_count)
        a, b = a_all[keep], b_all[keep]
        g2 = _g2(a, b, c, d)
        block: dict[str, Any] = {
            "t": t, "refs": refs, "keep": keep,
            "n_target": a, "n_reference": b,
            "freq_target": a / c * PER_MILLION, "freq_reference": b / d * PER_MILLION,
            "docfreq_target": group_docfreq[ti, keep],
            "docfreq_reference": group_docfreq[ri][:, keep].sum(axis=0),
            "g2": g2, "chi2": _chi2(a, b, c, d), "log_ratio": _log_ratio(a, b, c, d),
            "lrc": _lrc(a, b, c, d, conf_level=ci, family_size=max(keep.size, 1)),
            "pct_diff": _pct_diff(a, b, c, d),
            "log_odds_z": _log_odds_z(a, b, alpha[keep], c, d, alpha0),
        }
        if dispersion is not None:
            if ti not in dp_cache:
                in_group = np.flatnonzero(codes == ti)
                dp_cache[ti] = _dp(matrix[in_group], doc_sizes[in_group], norm=dispersion == "dp_norm")
            block["dispersion"] = dp_cache[ti][keep]
        block["c"], block["d"] = c, d
        blocks.append(block)

    if permutations or bootstrap:
        resample_keyness(
            blocks, matrix=matrix, codes=codes, index=index, doc_sizes=doc_sizes,
            permutations=permutations, perm_statistic=perm_statistic, bootstrap=bootstrap,
            ci=ci, seeds=seeds, n_jobs=n_jobs, progress=progress, ci_method=ci_method,
        )

    table = _assemble(blocks, features, dispersion, permutations, bootstrap)
    table.attrs = {
        "by": by,
        "comparison": comparison,
        "comparisons": [
            {"target": str(b["t"]), "reference": _label(b["refs"]),
             "reference_groups": [python_scalar(r) for r in b["refs"]], "n_features": int(b["keep"].size),
             "tokens_target": int(b["c"]), "tokens_reference": int(b["d"])}
            for b in blocks
        ],
        "tokens": {str(g): int(group_tokens[i]) for i, g in enumerate(groups)},
        "n_documents": {str(g): int(group_ndocs[i]) for i, g in enumerate(groups)},
        "missing": missing,
        "min_count": min_count,
        "prior": prior,
        "prior_scale": alpha0,
        "dispersion": dispersion,
        "ci": ci,
        "lrc_correction": "bonferroni per comparison",
        "permutations": permutations,
        "perm_statistic": perm_statistic if permutations else None,
        "bootstrap": bootstrap,
        "ci_method": ci_method if bootstrap else None,
        "random_state": random_state_repr(random_state),
    }
    return table


def _assemble(blocks, features, dispersion, permutations, bootstrap) -> pd.DataFrame:
    columns = [c for c in KEYNESS_COLUMNS if c != "dispersion" or dispersion is not None]
    if permutations:
        columns.append("p_perm")
    if bootstrap:
        columns += ["log_ratio_ci_low", "log_ratio_ci_high"]
    ordered = []
    for b in blocks:
        # stable, so ties in G2 keep the vocabulary order
        order = np.argsort(-b["g2"], kind="stable")
        ordered.append({k: (v[order] if isinstance(v, np.ndarray) and v.shape == b["keep"].shape else v)
                        for k, v in b.items()})
    sizes = [b["keep"].size for b in ordered]
    cols: dict[str, Any] = {
        "feature": np.concatenate([features[b["keep"]] for b in ordered]) if ordered else np.array([], dtype=object),
        "target": np.repeat([str(b["t"]) for b in ordered], sizes).astype(object),
        "reference": np.repeat([_label(b["refs"]) for b in ordered], sizes).astype(object),
    }
    for name in columns[3:]:
        if name in ("p", "p_adj"):
            continue
        cols[name] = np.concatenate([b[name] for b in ordered])
    cols["n_target"] = cols["n_target"].astype(np.int64)
    cols["n_reference"] = cols["n_reference"].astype(np.int64)
    cols["docfreq_target"] = cols["docfreq_target"].astype(np.int64)
    cols["docfreq_reference"] = cols["docfreq_reference"].astype(np.int64)
    # Chi-square with 1 df is a squared standard normal, so its upper tail is
    # erfc(sqrt(x / 2)); scipy's chdtrc gives the same numbers ~50x slower.
    cols["p"] = erfc(np.sqrt(np.abs(cols["g2"]) / 2.0))
    cols["p_adj"] = benjamini_hochberg(cols["p"])
    return pd.DataFrame({name: cols[name] for name in columns})



def keyness_by(data: Any, *, split: str, by: str, **keyness_params: Any) -> pd.DataFrame:
    """Run :func:`keyness` separately within each value of ``split`` and stack the tables.

    For comparisons that must stay inside one outlet or one language (e.g.
    each outlet's Afghanistan passages against its own other passages), so
    that no comparison mixes languages or genres.

    Parameters
    ----------
    data : DataFrame
        Documents or passages with the ``split`` and ``by`` columns.
    split : str
        Column whose values define the separate analyses (``"source"``).
    by : str
        Column naming the groups compared inside each analysis.
    **keyness_params
        Passed to :func:`keyness` (``target``, ``min_count``, ``bootstrap`` ...).

    Returns
    -------
    DataFrame
        The keyness tables with ``split`` as first column. ``p_adj`` is
        recomputed (Benjamini-Hochberg) across the stacked table.

    Raises
    ------
    ParameterError
        If ``split`` is not a column of ``data``.
    """
    require_columns(data, [split], role="split")
    tables = []
    for value, part in data.groupby(split, sort=True):
        table = keyness(part, by=by, **keyness_params)
        table.insert(0, split, value)
        tables.append(table)
    out = pd.concat(tables, ignore_index=True)
    out["p_adj"] = benjamini_hochberg(out["p"].to_numpy())
    return out


def top_keywords(
    table: pd.DataFrame, *, n: int = 10, by: str = "target", sort: str = "g2", alpha: float = 0.05, positive: bool = True
) -> pd.DataFrame:
    """The ``n`` most key features per group of a keyness table.

    Keeps rows with ``p_adj < alpha`` and (``positive=True``) overuse in the
    target (``g2 > 0``), then the top ``n`` by ``sort`` within each value of
    ``by``.

    Raises
    ------
    ParameterError
        If ``by`` or ``sort`` is not a column of ``table``.
    """
    for arg, col in (("by", by), ("sort", sort)):
        require_columns(table, [col], argument="table", role=arg)
    keep = table["p_adj"] < alpha
    if positive:
        keep &= table["g2"] > 0
    out = table.loc[keep].sort_values([by, sort], ascending=[True, False], kind="stable")
    return out.groupby(by, sort=True).head(n).reset_index(drop=True)
