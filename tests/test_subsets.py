"""Like-for-like cells: counts checked by plain loops, results equal to running the analysis by hand.

Small tables here are SYNTHETIC; the last tests use the bundled corpus.
"""
from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd
import pytest

import discourse as dc
from discourse._errors import MissingDataError, ParameterError
from discourse.subsets import comparable_subsets, within_subsets


@pytest.fixture
def table():
    # synthetic passages: doc d1 has two passages; CN appears only in tv_news
    rows = [("d1", "US", "tweet"), ("d1", "US", "tweet"), ("d2", "US", "tweet"), ("d3", "RU", "tweet"),
            ("d4", "RU", "tweet"), ("d5", "CN", "tv_news"), ("d6", "CN", "tv_news"), ("d7", "US", "tv_news"),
            ("d8", "RU", "headline"), ("d9", "RU", "headline")]
    return pd.DataFrame(rows, columns=["doc_id", "bloc", "genre"]).assign(language="en")


def _by_hand(table, min_docs):
    docs, rows = defaultdict(set), defaultdict(int)
    for r in table.itertuples():
        docs[(r.genre, r.bloc)].add(r.doc_id)
        rows[(r.genre, r.bloc)] += 1
    ok = {k for k, v in docs.items() if len(v) >= min_docs}
    cells = {g for g, _ in ok if sum(1 for g2, _ in ok if g2 == g) >= 2}
    return sorted((g, b, len(docs[(g, b)]), rows[(g, b)]) for g, b in ok if g in cells)


@pytest.mark.parametrize("min_docs", [1, 2, 3])
def test_cells_and_counts_match_a_plain_count(table, min_docs):
    out = comparable_subsets(table, by="bloc", within="genre", min_docs=min_docs)
    assert [tuple(r) for r in out.itertuples(index=False)] == _by_hand(table, min_docs)
    # every (cell, group) is either kept or listed with a reason: nothing disappears unexplained
    n_pairs = table.groupby(["genre", "bloc"]).ngroups
    assert len(out) + len(out.attrs["left_out"]) == n_pairs
    assert all(r["reason"] for r in out.attrs["left_out"])


def test_passages_of_one_document_count_once(table):
    out = comparable_subsets(table, by="bloc", within="genre", min_docs=2).set_index(["genre", "bloc"])
    assert out.loc[("tweet", "US"), "n_docs"] == 2 and out.loc[("tweet", "US"), "n_rows"] == 3


def test_bad_arguments_and_missing_labels(table):
    with pytest.raises(ParameterError, match=r"`within` must name a column"):
        comparable_subsets(table, within="outlet")
    with pytest.raises(ParameterError, match=r"cannot also be one of the `within` columns"):
        comparable_subsets(table, by="genre", within=["genre"])
    with pytest.raises(ParameterError, match=r"min_docs"):
        comparable_subsets(table, within="genre", min_docs=0)
    gap = table.copy()
    gap.loc[3, "bloc"] = None
    with pytest.raises(MissingDataError, match=r"'bloc'.*1 missing"):
        comparable_subsets(gap, within="genre", min_docs=1)
    with pytest.warns(UserWarning, match=r"1 row\(s\) with a missing 'bloc'"):
        out = within_subsets(gap, lambda d, by: d.groupby(by, as_index=False).size(), within="genre",
                             min_docs=1, missing="drop")
    # every row but the dropped one and the two headlines (a cell with RU alone)
    assert out["size"].sum() == len(table) - 1 - 2


def test_within_subsets_equals_keyness_run_on_each_cell_by_hand():
    docs = dc.load_corpus(start="2021-07-01", end="2021-10-31")
    stacked = within_subsets(docs, dc.keyness, by="bloc", within=["genre", "language"], min_docs=3,
                             target="US", min_count=3)
    cells = pd.DataFrame(stacked.attrs["cells"])
    assert {("news_headline", "en"), ("tweet", "en")} <= set(zip(cells["genre"], cells["language"]))
    for (genre, language), part in stacked.groupby(["genre", "language"]):
        groups = set(cells[(cells["genre"] == genre) & (cells["language"] == language)]["bloc"])
        sub = docs[(docs["genre"] == genre) & (docs["language"] == language) & docs["bloc"].isin(groups)]
        alone = dc.keyness(sub, by="bloc", target="US", min_count=3)
        pd.testing.assert_frame_equal(part.drop(columns=["genre", "language"]).reset_index(drop=True),
                                      alone.reset_index(drop=True), check_dtype=False)


def test_un_speeches_are_one_cell_of_three_blocs():
    un = dc.load_corpus(genre="un_speech", country=["USA", "CHN", "RUS"])
    out = comparable_subsets(un, by="country", within="genre", min_docs=3)
    assert set(out["country"]) == {"USA", "CHN", "RUS"}
    assert (out["n_docs"] == un.groupby("country")["doc_id"].nunique().loc[out["country"]].to_numpy()).all()
