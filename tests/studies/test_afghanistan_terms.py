"""The study's Afghanistan filter on real phrasings and on the corpus's own selections."""
import pytest

from discourse.studies.afghanistan import AFGHANISTAN, mentions_afghanistan


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
def test_filter_examples(text, language, expected):
    assert AFGHANISTAN.matches(text, language=language) == expected


def test_filter_agrees_with_the_sources_own_selections(corpus):
    # Every Channel One item the staging regex selected (sample == topic) must
    # also match our filter: the two filters agree on their shared stems.
    ch1 = corpus[(corpus["source"] == "Channel One Russia (1tv.ru)") & (corpus["sample"] == "topic")]
    assert mentions_afghanistan(ch1).all()
    cctv = corpus[(corpus["source"] == "CCTV Xinwen Lianbo")]
    # CCTV's own flag covers 阿富汗/塔利班/喀布尔; ours is a superset.
    assert mentions_afghanistan(cctv[cctv["sample"] == "topic"]).all()


def test_string_form_needs_a_language():
    assert mentions_afghanistan("Талибы вошли в Кабул", language="ru") is True
    with pytest.raises(ValueError, match="`language` must be one of"):
        mentions_afghanistan("Kabul")
