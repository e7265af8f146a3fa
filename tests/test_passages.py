import pytest

import discourse
from discourse.passages import afghanistan_matches, mentions_afghanistan, passages, split_paragraphs


def test_paragraph_rule_and_metadata_carried(tiny_docs):
    p = passages(tiny_docs)
    us2 = p[p["doc_id"] == "us2"]
    assert us2["text"].tolist() == ["Remarks on the end of the war", "We ended the war in Afghanistan.",
                                     "It was the right decision.", "The weather was fine."]
    assert us2["part"].tolist() == ["title", "body", "body", "body"]
    # single-paragraph docs are one passage: title + text
    ru = p[p["doc_id"] == "ru1"]
    assert ru["text"].tolist() == ["Талибы в Кабуле\nТалибы вошли в Кабул."] and ru["part"].tolist() == ["whole"]
    assert set(p.columns) >= set(tiny_docs.columns) | {"passage_id", "passage_index", "part"}
    assert p["passage_id"].is_unique


def test_afghanistan_filter_in_three_languages(tiny_docs):
    p = passages(tiny_docs, afghanistan=True)
    assert "The weather was fine." not in p["text"].tolist()
    zh = p[p["language"] == "zh"]
    assert zh["matched_terms"].tolist() == ["塔利班, 喀布尔", "塔利班, 喀布尔"]


def test_sentence_unit_chinese(tiny_docs):
    p = passages(tiny_docs[tiny_docs["language"] == "zh"], unit="sentence")
    assert p["text"].tolist()[-1] == "美国撤军引发混乱。"


def test_wrapped_white_house_paragraphs_are_rejoined():
    assert split_paragraphs("I want to speak\ntoday.  \n  \nNext para.") == ["I want to speak today.", "Next para."]


@pytest.mark.parametrize(
    "text,language,expected",
    [
        # Real phrasings from the corpus (RT, Channel One, CCTV, White House).
        ("Denmark & Norway shutter Kabul embassies", "en", ["kabul"]),
        ("ситуацию в Афганистане обсуждает Совбез", "ru", ["афганистане"]),
        ("阿富汗塔利班占领坎大哈省一重要地区", "zh", ["阿富汗", "塔利班", "坎大哈"]),
        ("the terror attack at Hamid Karzai International Airport", "en", ["hamid karzai international"]),
        ("Pakistan's prime minister spoke about trade", "en", []),
        ("Талибан", "ru", ["талибан"]),
        ("Khalilzadeh", "en", ["khalilzadeh"]),
    ],
)
def test_keyword_filter_examples(text, language, expected):
    assert afghanistan_matches(text, language=language) == expected


def test_keyword_filter_on_real_corpus_items(corpus):
    # Every Channel One item the staging regex selected (sample == topic) must
    # also match our filter: the two filters agree on their shared stems.
    ch1 = corpus[(corpus["source"] == "Channel One Russia (1tv.ru)") & (corpus["sample"] == "topic")]
    assert mentions_afghanistan(ch1).all()
    cctv = corpus[(corpus["source"] == "CCTV Xinwen Lianbo")]
    # CCTV's own flag covers 阿富汗/塔利班/喀布尔; ours is a superset.
    assert mentions_afghanistan(cctv[cctv["sample"] == "topic"]).all()


def test_errors(tiny_docs):
    with pytest.raises(ValueError, match=r"Invalid value 'page' for `unit`; must be one of: 'document', 'paragraph', 'sentence'"):
        passages(tiny_docs, unit="page")
    with pytest.raises(ValueError, match=r"missing column\(s\) \['language'\]"):
        passages(tiny_docs.drop(columns="language"))
    with pytest.raises(ValueError, match="`language` is required"):
        mentions_afghanistan("Kabul")
    with pytest.raises(ValueError, match=r"Invalid value 'de' for `language`"):
        afghanistan_matches("Kabul", language="de")
    with pytest.raises(TypeError, match="must be a pandas DataFrame"):
        passages(["not", "a", "frame"])


def test_top_level_exports():
    for name in ["load_corpus", "read_jsonl", "read_csv", "read_text_folder", "passages"]:
        assert callable(getattr(discourse, name))


def test_empty_input_gives_empty_table_with_columns(tiny_docs):
    empty = passages(tiny_docs.iloc[0:0], afghanistan=True)
    assert len(empty) == 0
    assert {"passage_id", "doc_id", "passage_index", "part", "text", "matched_terms"} <= set(empty.columns)
    none = passages(tiny_docs[tiny_docs["doc_id"] == "us2"].assign(text="Weather.", title=""), afghanistan=True)
    assert len(none) == 0
