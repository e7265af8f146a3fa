"""Tests for discourse.framing.lexicon.LexiconFrameClassifier.

All texts below are synthetic sentences written for these tests.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from discourse._errors import DiscourseError, MissingDataError, ParameterError
from discourse.framing import LexiconFrameClassifier, load_codebook
from discourse.terms import compile_term

# Synthetic: one sentence per frame and language that a coder would code for
# that frame.
SYNTHETIC = {
    "us_failure": (
        "The withdrawal was a debacle that left US credibility in tatters.",
        "Вывод войск обернулся позорным провалом Вашингтона.",
        "美国撤军是一场溃败，霸权信誉扫地。",
    ),
    "abandonment": (
        "Washington abandoned the Afghans who had trusted it.",
        "Американцы бросили своих союзников на произвол судьбы.",
        "美国抛弃了阿富汗盟友，台湾应引以为戒。",
    ),
    "humanitarian": (
        "Refugees face hunger as winter approaches.",
        "Беженцы страдают от голода и нехватки лекарств.",
        "大批难民面临饥荒，急需人道主义援助。",
    ),
    "terrorism_security": (
        "ISIS-K claimed the suicide bombing at the airport.",
        "Боевики ИГИЛ готовят новые теракты.",
        "东伊运等恐怖组织可能借机坐大。",
    ),
    "regional_stability": (
        "Neighbouring states in Central Asia fear for their borders.",
        "Соседние страны Центральной Азии усиливают охрану границы.",
        "中亚邻国担心边境安全。",
    ),
    "engagement_sovereignty": (
        "Beijing urged dialogue and respect for Afghan sovereignty.",
        "Москва выступает за диалог и уважение суверенитета Афганистана.",
        "中方尊重阿富汗主权和独立自主，主张对话。",
    ),
    "human_rights": (
        "The rights of women and girls are under threat.",
        "Права женщин и девочек под угрозой.",
        "妇女和女童的基本权利受到威胁。",
    ),
    "blame_responsibility": (
        "The US must take responsibility for the mess it created.",
        "Вина за происходящее лежит на Вашингтоне, который несет ответственность.",
        "美国是阿富汗问题的始作俑者，不能一走了之。",
    ),
    "pressure_leverage": (
        "Sanctions and frozen assets give the West leverage.",
        "Санкции и замороженные активы остаются рычагом давления.",
        "美国冻结阿富汗资产并实施制裁。",
    ),
    "mission_accomplished": (
        "It is time to end the forever war and bring our troops home.",
        "Байден заявил, что положил конец бесконечной войне.",
        "拜登称撤军是结束永久战争的正确决定。",
    ),
    "economic": (
        "Inflation soared and the currency collapsed as salaries went unpaid.",
        "Инфляция растет, валюта обесценивается, зарплаты не выплачиваются.",
        "通胀高企，货币贬值，工资无法发放。",
    ),
}


@pytest.fixture(scope="module")
def clf():
    return LexiconFrameClassifier("afghanistan").fit()


@pytest.fixture(scope="module")
def passages():
    """A synthetic passages table with a non-default index."""
    rows = []
    for frame, texts in SYNTHETIC.items():
        for lang, text in zip(["en", "ru", "zh"], texts):
            rows.append({"passage_id": f"{frame}-{lang}", "text": text, "language": lang, "frame": frame})
    df = pd.DataFrame(rows).set_index("passage_id")
    return df.sample(frac=1.0, random_state=0)  # shuffled, so alignment is tested


@pytest.mark.parametrize("frame", list(SYNTHETIC))
@pytest.mark.parametrize("lang_pos, lang", [(0, "en"), (1, "ru"), (2, "zh")])
def test_each_frame_fires_in_each_language(clf, frame, lang_pos, lang):
    text = SYNTHETIC[frame][lang_pos]
    pred = clf.predict(pd.DataFrame({"text": [text], "language": [lang]}))
    assert pred.loc[0, frame] == 1, clf.explain(text, language=lang)


def test_neutral_sentences_have_no_frame(clf):
    neutral = pd.DataFrame({
        "text": ["The meeting started at nine on Tuesday.",
                 "Заседание началось в девять утра во вторник.",
                 "会议于周二上午九点开始。"],
        "language": ["en", "ru", "zh"],
    })
    assert clf.predict(neutral).to_numpy().sum() == 0


def test_predict_index_and_columns_align_with_input(clf, passages):
    pred = clf.predict(passages)
    assert pred.index.equals(passages.index)
    assert list(pred.columns) == load_codebook("afghanistan").frame_ids
    assert set(np.unique(pred.to_numpy())) <= {0, 1}
    for pid, row in passages.iterrows():
        assert pred.loc[pid, row["frame"]] == 1


def test_series_and_list_inputs(passages):
    en = passages[passages.language == "en"]
    clf = LexiconFrameClassifier("afghanistan", language="en").fit()
    from_series = clf.frame_scores(en["text"])
    assert from_series.index.equals(en.index)
    from_list = clf.frame_scores(en["text"].tolist())
    assert from_list.index.equals(pd.RangeIndex(len(en)))
    np.testing.assert_array_equal(from_list.to_numpy(), from_series.to_numpy())


def test_scores_are_counts_of_counted_explain_rows(clf, passages):
    scores = clf.frame_scores(passages)
    for pid, row in passages.iterrows():
        e = clf.explain(row)
        counted = e[e.counted].groupby("frame").size()
        for frame in scores.columns:
            assert scores.loc[pid, frame] == counted.get(frame, 0)


def test_explain_offsets_point_at_the_match(clf, passages):
    for _, row in passages.iterrows():
        e = clf.explain(row)
        assert not e.empty
        for _, hit in e.iterrows():
            assert row["text"][hit.start:hit.end] == hit.match
    e = clf.explain("A debacle.", language="en")
    assert e[["frame", "term", "match", "start", "end"]].values.tolist() == [
        ["us_failure", "debacle", "debacle", 2, 9]
    ]


def test_russian_inflection_nbsp_and_yo():
    clf = LexiconFrameClassifier("afghanistan", language="ru").fit()
    texts = [
        "Провалы, провалом, провальная политика.",   # провал* x3
        "Страну называют кладбищем\u00a0империй.",  # NBSP inside a two-word term
        "Им придется расхлебывать последствия.",     # е written for ё
        "Им придется расхлёбывать последствия.",
    ]
    scores = clf.frame_scores(texts)
    assert scores.loc[0, "us_failure"] == 3
    assert scores.loc[1, "us_failure"] == 1
    assert scores.loc[2, "blame_responsibility"] == scores.loc[3, "blame_responsibility"] == 1


def test_english_word_boundaries_hyphens_and_case():
    clf = LexiconFrameClassifier("afghanistan", language="en").fit()
    texts = [
        "OVER-THE-HORIZON capability and over the\u00a0horizon strikes.",
        "Taiwanese officials met; investigators arrived.",  # no 'taiwan', no 'invest'
        "Women’s rights and women's rights.",              # curly and straight apostrophe
    ]
    scores = clf.frame_scores(texts)
    assert scores.loc[0, "mission_accomplished"] == 2
    assert scores.loc[1, "abandonment"] == 0 and scores.loc[1, "economic"] == 0
    e = clf.explain(texts[2])
    assert (e.term == "women's").sum() == 2


def test_longest_term_wins_within_a_frame():
    clf = LexiconFrameClassifier("afghanistan", language="en").fit()
    e = clf.explain("ISIS-K struck again.")
    assert e.term.tolist() == ["isis-k"]


@pytest.mark.parametrize(
    "text, lang, frame, excluded_by",
    [
        ("He died of a heart attack.", "en", "terrorism_security", "heart attack*"),
        ("Equipment abandoned at the base.", "en", "abandonment", "equipment abandoned"),
        ("Китай бросил вызов США.", "ru", "abandonment", "бросил* вызов"),
        ("这是一部恐怖片。", "zh", "terrorism_security", "恐怖片"),
        ("阿富汗内政部发表声明。", "zh", "engagement_sovereignty", "内政部"),
    ],
)
def test_exclusions_suppress_overlapping_hits(text, lang, frame, excluded_by):
    clf = LexiconFrameClassifier("afghanistan", language=lang).fit()
    assert clf.frame_scores([text]).loc[0, frame] == 0
    e = clf.explain(text)
    hit = e[e.frame == frame]
    assert hit.excluded_by.tolist() == [excluded_by]
    assert not hit.counted.any()


def test_exclusion_is_local_to_its_span():
    clf = LexiconFrameClassifier("afghanistan", language="en").fit()
    text = "After his heart attack he read about the attack on the airport."
    assert clf.frame_scores([text]).loc[0, "terrorism_security"] == 1


def test_threshold_and_normalize():
    text = ["Sanctions, sanctions and more sanctions were imposed on them today."]  # 10 words
    counts = LexiconFrameClassifier("afghanistan", language="en").fit().frame_scores(text)
    assert counts.loc[0, "pressure_leverage"] == 3
    assert LexiconFrameClassifier("afghanistan", language="en", threshold=4).fit().predict(text).loc[0, "pressure_leverage"] == 0
    per100 = LexiconFrameClassifier("afghanistan", language="en", normalize=True).fit().frame_scores(text)
    n_words = len(re.findall(r"\w+", text[0]))
    assert per100.loc[0, "pressure_leverage"] == pytest.approx(3 / n_words * 100)
    zh = LexiconFrameClassifier("afghanistan", language="zh", normalize=True).fit().frame_scores(["美国实施制裁。"])
    assert zh.loc[0, "pressure_leverage"] == pytest.approx(100 / 3)  # 美国 / 实施 / 制裁


def test_missing_text_raises_or_scores_zero_when_asked():
    texts = pd.Series(["A debacle.", None, np.nan, ""])
    with pytest.raises(MissingDataError, match=r"`X` has 3 row\(s\) with missing or empty text: row 1, row 2, row 3"):
        LexiconFrameClassifier("afghanistan", language="en").fit().frame_scores(texts)
    clf = LexiconFrameClassifier("afghanistan", language="en", missing="empty").fit()
    with pytest.warns(UserWarning, match="3 row"):
        scores = clf.frame_scores(texts)
    assert scores["us_failure"].tolist() == [1, 0, 0, 0]


def test_other_codebooks_paths_and_objects(tmp_path):
    cb = load_codebook("generic")
    texts = ["Critics accused the government of a costly blunder."]
    by_name = LexiconFrameClassifier("generic", language="en").fit().predict(texts)
    by_obj = LexiconFrameClassifier(cb, language="en").fit().predict(texts)
    by_path = LexiconFrameClassifier(cb.path, language="en").fit().predict(texts)
    pd.testing.assert_frame_equal(by_name, by_obj)
    pd.testing.assert_frame_equal(by_name, by_path)
    assert by_name.loc[0, "conflict"] == 1 and by_name.loc[0, "economic"] == 1


def test_sklearn_contract():
    clf = LexiconFrameClassifier("generic", threshold=2, language="en")
    assert clf.get_params() == {"codebook": "generic", "threshold": 2, "normalize": False, "language": "en",
                                "missing": "raise", "user_dictionary": None}
    assert not hasattr(clf, "frames_")  # __init__ only stores parameters
    assert clf.fit(["x"]) is clf
    for attr in ["codebook_", "frames_", "languages_", "matchers_", "thresholds_"]:
        assert hasattr(clf, attr)
    twin = clone(clf)
    assert twin.get_params() == clf.get_params() and not hasattr(twin, "frames_")
    texts = ["Critics and opponents clashed.", "Nothing here."]
    y = pd.DataFrame({"conflict": [1, 0], "human_interest": 0, "responsibility": 0,
                      "morality": 0, "economic": [0, 1]})
    assert clf.score(texts, y) == pytest.approx(0.5)  # subset accuracy
    np.testing.assert_array_equal(clf.decision_function(texts), clf.frame_scores(texts).to_numpy())


def test_compile_term():
    assert re.fullmatch(compile_term("хаос*", language="ru"), "Хаосом", re.I)
    assert not re.search(compile_term("iran", language="en"), "Iranian", re.I)
    assert compile_term("失败", language="zh") == "失败"
    with pytest.raises(DiscourseError, match="`language` must .*got 'de'"):
        compile_term("x", language="de")


# -------------------------------------------------------------------- errors
def test_unfitted_raises_sklearn_not_fitted_error():
    clf = LexiconFrameClassifier("afghanistan", language="en")
    for method in (clf.predict, clf.frame_scores):
        with pytest.raises(NotFittedError, match="This LexiconFrameClassifier instance is not fitted yet"):
            method(["text"])
    with pytest.raises(NotFittedError, match="not fitted yet"):
        clf.explain("text")


def test_unknown_codebook_lists_available():
    with pytest.raises(DiscourseError, match=r"got 'afghan'. Bundled codebooks: 'afghanistan', 'generic', 'policy'"):
        LexiconFrameClassifier("afghan").fit()


@pytest.mark.parametrize(
    "params, error, pattern",
    [
        ({"codebook": "afghanistan", "language": "de"}, DiscourseError, r"`language` must be one of: 'en', 'zh', 'ru'.*got 'de'"),
        ({"codebook": "generic", "language": "ru"}, DiscourseError, r"`language` must be one of: 'en'.*got 'ru'"),
        ({"threshold": 0}, DiscourseError, r"`threshold` must .*got 0"),
        ({"threshold": "1"}, DiscourseError, r"`threshold` must .*got '1'"),
        ({"normalize": "yes"}, TypeError, r"`normalize` must be True or False"),
    ],
)
def test_bad_parameters_fail_at_fit(params, error, pattern):
    with pytest.raises(error, match=pattern):
        LexiconFrameClassifier(**params).fit()


def test_bad_inputs(clf):
    with pytest.raises(ParameterError, match="`text_column` must name a column of `X`; got 'text'"):
        clf.predict(pd.DataFrame({"body": ["x"], "language": ["en"]}))
    with pytest.raises(ParameterError, match="`X` has no 'language' column"):
        clf.predict(pd.DataFrame({"text": ["x"]}))
    with pytest.raises(DiscourseError, match=r"`X\['language'\]` must .*got 'de'"):
        clf.predict(pd.DataFrame({"text": ["x"], "language": ["de"]}))
    with pytest.raises(ParameterError, match=r"`language` is required when `X` is a text or a list of texts"):
        clf.predict(["a list needs language="])
    with pytest.raises(ParameterError, match="got a single string: wrap it in a list"):
        LexiconFrameClassifier("afghanistan", language="en").fit().predict("one text")
    with pytest.raises(TypeError, match=r"row 1: text is not a string \(got int\)"):
        LexiconFrameClassifier("afghanistan", language="en").fit().predict(["ok", 5])
    with pytest.raises(ParameterError, match="`X` must be a text, a list of texts, a Series or a DataFrame; got int"):
        clf.predict(42)
    with pytest.raises(DiscourseError, match=r"`X\['language'\]` must .*got 'de'"):
        LexiconFrameClassifier("afghanistan").fit(pd.DataFrame({"text": ["x"], "language": ["de"]}))


def test_explain_errors(clf):
    with pytest.raises(ParameterError, match=r"`language` is required when `text_or_row` is a text"):
        clf.explain("no language given")
    with pytest.raises(ParameterError, match="`text_or_row` must be a text or a row with a 'text' field"):
        clf.explain(pd.Series({"body": "x", "language": "en"}))
    with pytest.raises(ParameterError, match="`text_or_row` must be a str or a passage row"):
        clf.explain(["a", "list"])
    with pytest.raises(DiscourseError, match=r"`language` must .*got 'fr'"):
        clf.explain("texte", language="fr")


def test_normalized_rates_use_the_toolkits_tokens_and_stay_quiet():
    # Regression: the per-token rate called jieba's global lcut with HMM on,
    # which counted other tokens than the DFM and logged "Building prefix dict".
    import subprocess
    import sys

    from discourse.tokenizing import tokenize

    text = "阿富汗临时政府宣布成立，美国撤军失败。"  # synthetic
    words = ["阿富汗临时政府"]
    raw = LexiconFrameClassifier("afghanistan", language="zh").fit().frame_scores([text])
    rate = LexiconFrameClassifier("afghanistan", language="zh", normalize=True, user_dictionary=words).fit()
    n = len(tokenize(text, language="zh", user_dictionary=words))
    np.testing.assert_allclose(rate.frame_scores([text]).iloc[0], raw.iloc[0] / n * 100)
    code = ("from discourse.framing import LexiconFrameClassifier as L; "
            "L('afghanistan', language='zh', normalize=True).fit().frame_scores(['美国撤军失败。'])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "prefix dict" not in out.stderr
