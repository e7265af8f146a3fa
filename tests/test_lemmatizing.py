"""Russian lemmatization (``lemmatize=True``) in tokenize, the DFM, KWIC and collocations.

Expected numbers come from plain regular-expression counts of the inflected
forms in the raw text (not from the tokenizer), and on the real corpus from
pymorphy3's own generation of a lexeme's forms.
"""
from __future__ import annotations

import re
import sys

import numpy as np
import pandas as pd
import pytest

import discourse.tokenizing as tk
from discourse.collocations import collocations
from discourse.concordance import kwic
from discourse.counting import DfmVectorizer, dfm
from discourse.tokenizing import compact_tokens, tokenize, tokenize_documents, tokenize_spans

# SYNTHETIC Russian sentences (written for this test, not corpus documents):
# every form of афганистан / кабул / талиб below is inflected differently.
SYNTHETIC = [
    "Талибы вошли в Кабул.",
    "В Кабуле талибов встретили без боя.",
    "Из Афганистана и из Кабула уходят войска; в Афганистане талибам сдались.",
    "Афганистан, талиб и над Кабулом тишина.",
]
FORMS = {"афганистан": r"афганистан\w*", "кабул": r"кабул\w*", "талиб": r"талиб\w*"}


def _regex_count(stem_regex: str, texts: list[str]) -> int:
    rx = re.compile(rf"\b{stem_regex}\b", re.IGNORECASE)
    return sum(len(rx.findall(t)) for t in texts)


def test_tokenize_collapses_forms_to_one_lemma():
    tokens = [t for text in SYNTHETIC for t in tokenize(text, language="ru", lemmatize=True)]
    for lemma, rx in FORMS.items():
        forms = {t for text in SYNTHETIC for t in tokenize(text, language="ru") if re.fullmatch(rx, t)}
        assert len(forms) >= 3, forms  # the sample really holds several forms
        assert tokens.count(lemma) == _regex_count(rx, SYNTHETIC)
        assert not (forms - {lemma}) & set(tokens)


def test_spans_keep_offsets_of_the_written_form():
    text = SYNTHETIC[1]
    spans = tokenize_spans(text, language="ru", lemmatize=True)
    assert [t for t, _, _ in spans] == tokenize(text, language="ru", lemmatize=True)
    assert ("кабул", 2, 8) in spans and text[2:8] == "Кабуле"
    toks = compact_tokens(text, language="ru", lemmatize=True)
    assert toks.types == [t for t, _, _ in spans]


def test_dfm_one_column_per_lemma_with_summed_counts():
    vec = DfmVectorizer(language="ru", lemmatize=True)
    X = vec.fit_transform(SYNTHETIC).toarray()
    for lemma, rx in FORMS.items():
        per_doc = [_regex_count(rx, [t]) for t in SYNTHETIC]
        np.testing.assert_array_equal(X[:, vec.vocabulary_[lemma]], per_doc)
        assert not [f for f in vec.vocabulary_ if re.fullmatch(rx, f) and f != lemma]


def test_kwic_matches_lemmas_and_shows_the_original_text():
    for lemma, rx in FORMS.items():
        conc = kwic(SYNTHETIC, lemma, language="ru", lemmatize=True, window=2)
        assert len(conc) == _regex_count(rx, SYNTHETIC)
        assert all(re.fullmatch(rx, m, re.IGNORECASE) for m in conc["match"])
        for row in conc.itertuples():
            assert SYNTHETIC[row.doc_id][row.start:row.end] == row.match
    # an inflected pattern is lemmatized by the same dictionary
    assert len(kwic(SYNTHETIC, "Кабуле", language="ru", lemmatize=True)) == _regex_count(FORMS["кабул"], SYNTHETIC)
    # without lemmatize only the exact form matches
    assert len(kwic(SYNTHETIC, "кабул", language="ru")) == 1


def test_kwic_finds_a_lemma_that_is_not_a_substring_of_its_form():
    # SYNTHETIC: "шли" is a form of идти, which no raw-text prefilter would find.
    conc = kwic(["Войска шли к границе."], "идти", language="ru", lemmatize=True)
    assert conc["match"].tolist() == ["шли"]


def test_collocations_over_lemmas():
    col = collocations(SYNTHETIC, "кабул", language="ru", lemmatize=True, window=5, min_count=1)
    assert (col["n_node"] == _regex_count(FORMS["кабул"], SYNTHETIC)).all()
    talib = col.set_index("collocate").loc["талиб"]
    assert talib["n_collocate_corpus"] == _regex_count(FORMS["талиб"], SYNTHETIC)
    assert not col["collocate"].str.fullmatch(r"талиб\w+").any()


def test_english_and_chinese_are_unchanged():
    en = "The Taliban were entering Kabul"
    assert tokenize(en, language="en", lemmatize=True) == tokenize(en, language="en")
    zh = "塔利班进入喀布尔。"
    assert tokenize(zh, language="zh", lemmatize=True) == tokenize(zh, language="zh")
    assert compact_tokens(zh, language="zh", lemmatize=True).types == compact_tokens(zh, language="zh").types


def test_numbers_latin_and_multiword_tokens_are_kept():
    toks = tokenize("Совет Безопасности и COVID-19 в 2021 году", language="ru", lemmatize=True,
                    multiword=["Совет Безопасности"])
    assert toks == ["совет_безопасности", "и", "covid-19", "в", "2021", "год"]


@pytest.mark.parametrize("call", [
    lambda: tokenize("Кабул", language="ru", stem=True, lemmatize=True),
    lambda: tokenize_documents(["Кабул"], language="ru", stem=True, lemmatize=True),
    lambda: DfmVectorizer(language="ru", stem=True, lemmatize=True).fit(["Кабул"]),
])
def test_stem_and_lemmatize_together_raise(call):
    with pytest.raises(tk.ParameterError, match="`stem=True` and `lemmatize=True` cannot be combined"):
        call()


@pytest.mark.parametrize("call", [
    lambda: kwic(["Кабул"], "кабул", language="ru", lemmatize="yes"),
    lambda: collocations(["Кабул"], "кабул", language="ru", lemmatize="yes"),
    lambda: DfmVectorizer(language="ru", lemmatize="yes").fit(["Кабул"]),
    lambda: tokenize_documents(["Кабул"], language="ru", lemmatize="yes"),
    lambda: tokenize_spans("Кабул", language="ru", lemmatize="yes"),
])
def test_lemmatize_must_be_bool(call):
    with pytest.raises(tk.ParameterError, match="lemmatize"):
        call()


def test_missing_library_says_how_to_install(monkeypatch):
    monkeypatch.setattr(tk, "_MORPH", None)
    monkeypatch.setitem(sys.modules, "pymorphy3", None)  # import fails as if not installed
    tk._lemma_ru.cache_clear()
    try:
        with pytest.raises(ImportError, match="pip install pymorphy3 pymorphy3-dicts-ru"):
            tokenize("Кабуле", language="ru", lemmatize=True)
    finally:
        tk._lemma_ru.cache_clear()


@pytest.fixture(scope="module")
def russian_corpus() -> pd.DataFrame:
    from discourse import load_corpus

    docs = load_corpus()
    return docs[docs["language"] == "ru"].reset_index(drop=True)


def test_real_corpus_lemma_count_is_the_sum_of_its_forms(russian_corpus):
    import pymorphy3

    plain = dfm(russian_corpus)
    lemmas = dfm(russian_corpus, lemmatize=True)
    assert lemmas.shape[1] < plain.shape[1]
    # The forms of the lexeme as pymorphy3 generates them (not as it analyses them).
    lexeme = pymorphy3.MorphAnalyzer(lang="ru").parse("афганистан")[0].lexeme
    forms = {p.word.replace("ё", "е") for p in lexeme}
    plain_features = list(plain.features)
    cols = [plain_features.index(f) for f in forms if f in plain_features]
    assert len(cols) >= 3
    expected = int(plain.matrix[:, cols].sum())
    got = int(lemmas.matrix[:, list(lemmas.features).index("афганистан")].sum())
    assert got == expected > 0
