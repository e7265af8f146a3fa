"""The study's actor dictionary against the real bundled corpus.

Counts are plain ``re``/``str`` loops over ``discourse.load_corpus()``, not
:func:`discourse.actors.actor_mentions`, so a bug there cannot hide here.
"""
from __future__ import annotations

import pandas as pd
import pytest

import discourse
from discourse.actors import actor_mentions
from discourse.studies.afghanistan.actors import ACTORS, load_actors
from reference_formulas import plain_term_pattern


@pytest.fixture(scope="module")
def corpus():
    return discourse.load_corpus()


def test_every_actor_has_a_form_found_in_every_language(corpus):
    table = load_actors()
    assert tuple(dict.fromkeys(table["actor"])) == ACTORS
    texts = {lang: list(corpus.loc[corpus["language"] == lang, "text"]) for lang in ("en", "zh", "ru")}
    missing = []
    for actor in ACTORS:
        for lang in ("en", "zh", "ru"):
            forms = table[(table["actor"] == actor) & (table["language"] == lang)]["term"]
            hits = sum(1 for term in forms for t in texts[lang] if plain_term_pattern(term, lang).search(t))
            if hits == 0:
                missing.append((actor, lang))
    assert missing == []


def test_us_form_is_not_the_pronoun(corpus):
    table = load_actors()
    us_en = table[(table["actor"] == "US") & (table["language"] == "en")]["term"]
    # The case-insensitive pronoun must never be a form; the country is the case-sensitive "=US".
    assert "=US" in set(us_en) and not {"us", "US"} & set(us_en)
    # SYNTHETIC sentence: the pronoun is not counted, the country is.
    mentions = actor_mentions(
        pd.DataFrame({"text": ["Let us go.", "The US left."], "language": "en"}),
        actors=table)
    assert mentions["US"].tolist() == [0, 1]
