"""README blocks with numbers are generated from results, never typed."""
from conftest import REPO

from discourse.readme_blocks import render_blocks


def test_readme_generated_blocks_are_current():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert "<!-- BEGIN benchmarks -->" in text
    assert render_blocks(text) == text, "README is stale: run `discourse readme`"
