"""Tests for discourse.counting.

Counts are checked against scikit-learn (CountVectorizer, TfidfTransformer)
and against sums computed by hand with numpy on the dense matrix. All texts
are synthetic.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from discourse._errors import DiscourseError, MissingDataError, ParameterError
from discourse.counting import Dfm, DfmVectorizer, dfm
from discourse.tokenizing import WORD_PATTERN

# synthetic English passages, ASCII only so that CountVectorizer sees the same text
EN_TEXTS = [
    "The U.S. withdrawal from Afghanistan ended a 20-year war.",
    "President Biden said U.S. forces would leave by Aug. 31, 2021.",
    "The Taliban took Kabul; al-Qaeda and ISIS-K remain a threat.",
    "Don't call it a defeat, the spokesman said. 3,000 troops left.",
    "War, war and war again: the withdrawal was chaotic.",
    "",  # an empty document: counted with missing="empty" (a zero row), an error by default
]


def corpus() -> pd.DataFrame:
    # synthetic corpus in the project schema (subset of columns)
    return pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(6)],
            "country": ["USA", "USA", "CHN", "RUS", "RUS", "CHN"],
            "bloc": ["US", "US", "CN", "RU", "RU", "CN"],
            "source": ["wh", "nyt", "cctv", "1tv", "1tv", "cctv"],
            "date": pd.to_datetime(["2021-08-16", "2021-08-31", "2021-08-15", "2021-08-20", "2021-09-01", "2021-09-02"]),
            "language": ["en", "en", "zh", "ru", "ru", "zh"],
            "text": [
                "The withdrawal ended the war. The war is over.",
                "Biden defended the withdrawal.",
                "塔利班进入喀布尔。美军撤离。",
                "Талибы вошли в Кабул. Война закончилась.",
                "США ушли из Афганистана, война закончилась.",
                "美军撤离阿富汗。",
            ],
        }
    )


# --- DfmVectorizer vs CountVectorizer ----------------------------------------
@pytest.mark.parametrize("params, cv_params", [
    ({}, {}),
    ({"ngram_range": (1, 2)}, {"ngram_range": (1, 2)}),
    ({"min_df": 2}, {"min_df": 2}),
    ({"max_df": 0.5}, {"max_df": 0.5}),
    ({"remove_stopwords": True}, {"stop_words": "english"}),
])
def test_counts_agree_with_countvectorizer(params, cv_params):
    ours = DfmVectorizer(language="en", missing="empty", **params)
    with pytest.warns(UserWarning, match="kept as empty texts"):
        X = ours.fit_transform(EN_TEXTS)
    cv = CountVectorizer(token_pattern=WORD_PATTERN, **cv_params)
    Y = cv.fit_transform(EN_TEXTS)
    # sklearn joins n-grams with a space, we with "_"
    names = [f.replace(" ", "_") for f in cv.get_feature_names_out()]
    order = np.argsort(names, kind="stable")
    assert list(ours.get_feature_names_out()) == [names[i] for i in order]
    assert X.dtype == np.int64 and sp.isspmatrix_csr(X)
    assert (X != Y[:, order]).nnz == 0
    # transform on new text agrees too
    new = ["The war ended; Kabul fell; unseen words here."]
    assert (ours.transform(new) != cv.transform(new)[:, order]).nnz == 0


def test_max_features_keeps_most_frequent():
    vec = DfmVectorizer(language="en", max_features=2).fit(EN_TEXTS[:5])
    # hand count: 'war' 5, 'the' 5 (The x3 + the x2) -> tie broken by name
    assert list(vec.get_feature_names_out()) == ["the", "war"]
    assert "withdrawal" in vec.stop_words_


def test_vectorizer_on_dataframe_mixed_languages():
    vec = DfmVectorizer()
    X = vec.fit_transform(corpus())
    vocab = vec.vocabulary_
    assert X[2, vocab["塔利班"]] == 1 and X[5, vocab["美军"]] == 1
    assert X[3, vocab["война"]] == 1 and X[0, vocab["war"]] == 2
    assert X.shape == (6, len(vocab))


def test_parallel_counts_match_serial():
    docs = pd.concat([corpus()] * 30, ignore_index=True)
    serial = DfmVectorizer().fit(docs)
    parallel = DfmVectorizer(n_jobs=2).fit(docs)
    assert list(serial.get_feature_names_out()) == list(parallel.get_feature_names_out())
    assert (serial.transform(docs) != parallel.transform(docs)).nnz == 0


def test_sklearn_contract():
    vec = DfmVectorizer(language="en", min_df=2, ngram_range=(1, 2))
    params = vec.get_params()
    assert params["min_df"] == 2 and params["ngram_range"] == (1, 2)
    c = clone(vec)
    assert c.get_params() == params and not hasattr(c, "vocabulary_")
    c.set_params(min_df=1, stem=True)
    assert c.min_df == 1 and c.stem is True and vec.min_df == 2
    # __init__ stores without validating; fit validates
    bad = DfmVectorizer(language="fr")
    with pytest.raises(ParameterError, match=r"`language` must be one of: 'en', 'zh', 'ru'; got 'fr'"):
        bad.fit(["x"])


def test_pipeline_with_logistic_regression():
    rng = np.random.default_rng(0)
    # synthetic two-class set: frame words for 'security' vs 'humanitarian'
    sec = ["terror", "threat", "troops", "attack", "security"]
    hum = ["refugees", "aid", "children", "food", "humanitarian"]
    common = ["afghanistan", "kabul", "the", "said", "today"]
    docs, y = [], []
    for i in range(80):
        label = i % 2
        words = list(rng.choice(common, 6)) + list(rng.choice(sec if label == 0 else hum, 3))
        docs.append(" ".join(words))
        y.append(label)
    pipe = Pipeline([("dfm", DfmVectorizer(language="en")), ("clf", LogisticRegression())])
    pipe.fit(docs[:60], y[:60])
    assert pipe.score(docs[60:], y[60:]) == 1.0
    assert clone(pipe).get_params()["dfm__language"] == "en"


def test_vectorizer_errors():
    with pytest.raises(NotFittedError, match=r"This DfmVectorizer instance is not fitted yet"):
        DfmVectorizer(language="en").transform(["x"])
    with pytest.raises(ParameterError, match=r"`language` is required"):
        DfmVectorizer().fit(["x"])
    with pytest.raises(ParameterError, match=r"`ngram_range` must be \(min_n, max_n\) with 1 <= min_n <= max_n; got \(2, 1\)"):
        DfmVectorizer(language="en", ngram_range=(2, 1)).fit(["x"])
    with pytest.raises(ParameterError, match=r"`max_df` must be an integer count >= 0 or a float proportion .*; got 1.5"):
        DfmVectorizer(language="en", max_df=1.5).fit(["x"])
    with pytest.raises(ParameterError, match=r"`min_df` must be an integer count"):
        DfmVectorizer(language="en", min_df="2").fit(["x"])
    with pytest.raises(ParameterError, match=r"`max_features` must be an integer >= 1; got 0"):
        DfmVectorizer(language="en", max_features=0).fit(["x"])
    with pytest.raises(ParameterError, match=r"`missing` must be one of: 'raise', 'empty'; got 'drop'"):
        DfmVectorizer(language="en", missing="drop").fit(["x"])
    with pytest.raises(MissingDataError, match=r"`X` has 1 row\(s\) with missing or empty text: row 5"):
        DfmVectorizer(language="en").fit(EN_TEXTS)
    with pytest.raises(DiscourseError, match=r"corresponds to fewer documents than `min_df`"):
        DfmVectorizer(language="en", min_df=3, max_df=1).fit(EN_TEXTS[:5])
    with pytest.raises(DiscourseError, match=r"no features remain"):
        DfmVectorizer(language="en", min_df=5).fit(EN_TEXTS[:5])
    with pytest.raises(DiscourseError, match=r"disagrees with column 'language'"):
        DfmVectorizer(language="en").fit(corpus())


# --- Dfm ------------------------------------------------------------------------
def test_dfm_keeps_docvars_in_order():
    d = dfm(corpus())
    assert list(d.docvars.columns) == ["doc_id", "country", "bloc", "source", "date", "language"]
    assert d.docvars["doc_id"].tolist() == [f"d{i}" for i in range(6)]
    assert d.shape == (6, len(d.features)) and len(d) == 6
    assert list(d.features) == sorted(d.features)
    assert d.matrix.dtype == np.int64


def test_group_sum_equals_manual_sum():
    d = dfm(corpus())
    dense = d.matrix.toarray()
    g = d.group("bloc")
    assert g.docvars["bloc"].tolist() == ["CN", "RU", "US"]
    assert g.docvars["n_documents"].tolist() == [2, 2, 2]
    for k, bloc in enumerate(g.docvars["bloc"]):
        rows = (corpus()["bloc"] == bloc).to_numpy()
        np.testing.assert_array_equal(g.matrix.toarray()[k], dense[rows].sum(axis=0))
    # language is constant within blocs here except none; source differs in US -> dropped
    assert "language" in g.docvars.columns and "source" not in g.docvars.columns
    # grouping by a derived month column given as a docvar
    d.docvars["month"] = d.docvars["date"].dt.to_period("M").astype(str)
    gm = d.group("month")
    assert gm.docvars["month"].tolist() == ["2021-08", "2021-09"]
    assert gm.matrix.sum() == d.matrix.sum()
    # labels given directly
    gl = d.group(np.array(["a", "b", "a", "b", "a", "b"]))
    np.testing.assert_array_equal(gl.matrix.toarray()[0], dense[[0, 2, 4]].sum(axis=0))


def test_trim_thresholds():
    d = dfm(corpus())
    tf = np.asarray(d.matrix.sum(axis=0)).ravel()
    df = (d.matrix.toarray() > 0).sum(axis=0)
    t = d.trim(min_termfreq=2)
    assert set(t.features) == set(d.features[tf >= 2])
    t = d.trim(min_docfreq=2, max_termfreq=3)
    assert set(t.features) == set(d.features[(df >= 2) & (tf <= 3)])
    t = d.trim(max_docfreq=0.2)  # proportion of 6 documents -> df <= 1.2
    assert set(t.features) == set(d.features[df <= 1])
    t = d.trim(min_termfreq=0.05)  # proportion of all tokens
    assert set(t.features) == set(d.features[tf / tf.sum() >= 0.05])
    assert t.docvars.equals(d.docvars)


def test_tfidf_matches_sklearn():
    with pytest.warns(UserWarning):
        d = dfm(EN_TEXTS, language="en", missing="empty")
    for kwargs in [{}, {"smooth_idf": False}, {"norm": "l1", "sublinear_tf": True}, {"norm": None}]:
        ours = d.weight("tfidf", **kwargs).matrix.toarray()
        ref = TfidfTransformer(**kwargs).fit_transform(d.matrix).toarray()
        np.testing.assert_allclose(ours, ref, rtol=1e-12, atol=1e-12)


def test_weight_prop_and_count():
    with pytest.warns(UserWarning):
        d = dfm(EN_TEXTS, language="en", missing="empty")
    p = d.weight("prop")
    dense = d.matrix.toarray()
    sums = dense.sum(axis=1)
    np.testing.assert_allclose(p.matrix.toarray()[:5], dense[:5] / sums[:5, None])
    assert p.matrix.toarray()[5].sum() == 0  # empty document stays zero
    c = d.weight("count")
    assert c.matrix.dtype == np.float64 and (c.matrix != d.matrix).nnz == 0


def test_subset_top_features_and_display():
    d = dfm(corpus())
    us = d.subset("bloc == 'US'")
    assert us.docvars["doc_id"].tolist() == ["d0", "d1"] and us.shape[1] == d.shape[1]
    ru = d.subset(d.docvars["bloc"] == "RU")
    assert ru.docvars["doc_id"].tolist() == ["d3", "d4"]
    top = us.top_features(2)
    # hand count over d0, d1: the 3+1, withdrawal 1+1, war 2+0 -> tie broken by name
    assert top[["feature", "frequency", "docfreq"]].values.tolist() == [["the", 4, 2], ["war", 2, 1]]
    by = d.top_features(1, by="bloc")
    assert by["bloc"].tolist() == ["CN", "RU", "US"]
    # ties (美军/撤离 2 each; война/закончилась 2 each) break by code point
    assert by["feature"].tolist() == ["撤离", "война", "the"]
    # features never carry markup (punctuation is dropped), so check escaping of docvars names
    odd = Dfm(matrix=sp.csr_matrix(np.array([[1]])), features=np.array(["<b>x</b>"]),
              docvars=pd.DataFrame({"<i>col</i>": [1]}))
    html = odd._repr_html_()
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html and "&lt;i&gt;col" in html
    assert "6 documents" in repr(d)
    wide = d.to_frame()
    assert wide.loc["d0", "war"] == 2


def test_dfm_errors():
    d = dfm(corpus())
    with pytest.raises(ParameterError, match=r"`scheme` must be one of: 'count', 'prop', 'tfidf'; got 'tf'"):
        d.weight("tf")
    with pytest.raises(ParameterError, match=r"`norm` must be one of: 'l2', 'l1', None; got 'l3'"):
        d.weight("tfidf", norm="l3")
    with pytest.raises(DiscourseError, match=r"Cannot group a Dfm weighted with 'prop'.*Call group\(\) before weight\(\)"):
        d.weight("prop").group("bloc")
    with pytest.raises(DiscourseError, match=r"Call trim\(\) before weight\(\)"):  # regression: was a literal {method}
        d.weight("prop").trim(min_termfreq=1)
    with pytest.raises(ParameterError, match=r"`by` must be a docvars column, .* got 'cuntry'"):
        d.group("cuntry")
    with pytest.raises(ParameterError, match=r"`by` has 2 labels but the Dfm has 6 documents"):
        d.group(np.array(["a", "b"]))
    with pytest.raises(ParameterError, match=r"`min_docfreq` must be an integer count >= 0 or a float proportion in \(0, 1\]; got 1.5"):
        d.trim(min_docfreq=1.5)
    with pytest.raises(ParameterError, match=r"`min_termfreq` must be an integer count"):
        d.trim(min_termfreq=-1)
    with pytest.raises(ParameterError, match=r"`max_termfreq` must be an integer count"):
        d.trim(max_termfreq="5")
    with pytest.raises(ParameterError, match=r"`mask_or_query` must be a query that runs on the docvars"):
        d.subset("cuntry == 'USA'")
    with pytest.raises(ParameterError, match=r"`mask_or_query` must be a query str or 6 booleans"):
        d.subset([True, False])
    with pytest.raises(ParameterError, match=r"`mask_or_query` must be a query str or 6 booleans"):
        d.subset([1, 0, 1, 0, 1, 0])
    with pytest.raises(ParameterError, match=r"`n` must be an integer >= 1; got 0"):
        d.top_features(0)
    with pytest.raises(DiscourseError, match=r"exceeds `max_cells`"):
        d.to_frame(max_cells=5)
    with pytest.raises(DiscourseError, match=r"`features` has 1 entries but `matrix` has 2 columns"):
        Dfm(matrix=sp.csr_matrix(np.ones((1, 2))), features=np.array(["a"]), docvars=pd.DataFrame({"x": [1]}))
    with pytest.raises(ParameterError, match=r"`text_column` must name a column of `data`; got 'body'"):
        dfm(corpus(), text_column="body")


def test_group_by_per_document_labels():
    # Regression: a list of labels (not column names) used to be read as column names.
    d = dfm(corpus())
    g = d.group(["a", "b", "a", "b", "a", "b"])
    dense = d.matrix.toarray()
    np.testing.assert_array_equal(g.matrix.toarray(), [dense[0::2].sum(axis=0), dense[1::2].sum(axis=0)])
    assert g.docvars["group"].tolist() == ["a", "b"] and g.docvars["n_documents"].tolist() == [3, 3]
    by_col = d.group(["bloc"])  # every item a docvars column: columns
    assert by_col.docvars["bloc"].tolist() == ["CN", "RU", "US"]


def test_dfm_missing_text_policy():
    docs = corpus()
    docs.loc[3, "text"] = None
    with pytest.raises(MissingDataError, match=r"row 3 \(doc_id 'd3'\)"):
        dfm(docs)
    with pytest.warns(UserWarning, match="left out"):
        dropped = dfm(docs, missing="drop")
    assert dropped.docvars["doc_id"].tolist() == ["d0", "d1", "d2", "d4", "d5"]
    with pytest.warns(UserWarning, match="kept as empty"):
        emptied = dfm(docs, missing="empty")
    assert len(emptied) == 6 and emptied.matrix[3].sum() == 0


def test_user_dictionary_travels_with_the_estimator():
    from sklearn.base import clone

    texts = ["喀布尔机场关闭", "喀布尔机场重新开放"]  # synthetic
    plain = DfmVectorizer(language="zh").fit(texts)
    assert "喀布尔机场" not in plain.vocabulary_
    vec = DfmVectorizer(language="zh", user_dictionary=["喀布尔机场"]).fit(texts)
    assert "喀布尔机场" in vec.vocabulary_
    assert clone(vec).fit(texts).vocabulary_ == vec.vocabulary_
    # the process-wide dictionary is untouched
    assert "喀布尔机场" not in DfmVectorizer(language="zh").fit(texts).vocabulary_
