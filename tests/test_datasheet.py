"""The committed datasheet equals a fresh rendering from the committed corpus files."""
from conftest import REPO

from discourse.datasheet import render_datasheet


def test_datasheet_is_generated_not_typed():
    text, long = render_datasheet(REPO / "corpus")
    assert (REPO / "corpus" / "README.md").read_text(encoding="utf-8") == text
    import discourse

    assert long["n"].sum() == len(discourse.load_corpus())
