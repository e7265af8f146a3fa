"""README blocks with numbers are generated from results, never typed."""
from conftest import REPO

from discourse.studies.afghanistan.readme import render_blocks


def test_readme_generated_blocks_are_current():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert "<!-- BEGIN benchmarks -->" in text
    assert render_blocks(text, root=REPO) == text, "README is stale: run `discourse readme`"
