"""The committed datasheet equals a fresh rendering from the committed corpus files."""
from conftest import REPO

from discourse.studies.afghanistan.datasheet import caveats, render_datasheet


def test_datasheet_is_generated_not_typed():
    text, long = render_datasheet(REPO / "corpus")
    assert (REPO / "corpus" / "README.md").read_text(encoding="utf-8") == text
    import discourse

    assert long["n"].sum() == len(discourse.load_corpus())


def test_caveat_counts_are_computed_from_the_corpus(corpus):
    text = caveats(corpus)
    rt = corpus[corpus["source"].str.startswith("RT ")]
    assert f"{(rt['title'].str.len() == 120).sum()} of the {len(rt)} titles" in text
    ch1 = corpus[corpus["source"].str.startswith("Channel One") & (corpus["sample"] == "background")]
    assert f"capped\n  at {ch1.groupby('date').size().max()} items per day" in text
