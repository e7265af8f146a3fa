"""README and gold-guide blocks with numbers are generated from results, never typed."""
import pytest

from conftest import REPO

from discourse.studies.afghanistan.readme import GENERATED_FILES, render_blocks


@pytest.mark.parametrize("name, block", [("README.md", "benchmarks"), ("corpus/annotations/GUIDE.md", "gold-set")])
def test_generated_blocks_are_current(name, block):
    assert name in GENERATED_FILES
    text = (REPO / name).read_text(encoding="utf-8")
    assert f"<!-- BEGIN {block} -->" in text
    assert render_blocks(text, root=REPO) == text, f"{name} is stale: run `discourse readme`"
