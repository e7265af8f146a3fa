"""The corpus rebuilds byte-identically from the staged sources (skipped without ../shared)."""
import filecmp
import json

import pytest

from conftest import REPO, SHARED

pytestmark = pytest.mark.sources
needs_shared = pytest.mark.skipif(not (SHARED / "sources").is_dir(), reason="../shared/sources not present")


@needs_shared
def test_build_is_byte_identical(tmp_path):
    from discourse.studies.afghanistan.datasheet import write_datasheet
    from discourse.studies.afghanistan.sources import build_corpus

    build_corpus(SHARED, tmp_path)
    write_datasheet(tmp_path)
    committed = REPO / "corpus"
    for rel in ["MANIFEST.json", "README.md", "deduplication_log.jsonl.gz", "counts_by_country_genre_language_month.csv"]:
        assert filecmp.cmp(tmp_path / rel, committed / rel, shallow=False), rel
    manifest = json.loads((tmp_path / "MANIFEST.json").read_text())
    for f in manifest["files"]:
        assert filecmp.cmp(tmp_path / f["file"], committed / f["file"], shallow=False), f["file"]


@needs_shared
def test_texts_are_copied_exactly():
    """Spot-check that a corpus text equals its staged original (whitespace rule only)."""
    import discourse

    corpus = discourse.load_corpus()
    src = SHARED / "sources" / "ru_state_media_lobsterbush_2021_2022" / "ru_afghanistan_2021_2022.jsonl"
    staged = {}
    with src.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            staged[d["doc_id"]] = d
    ours = corpus[corpus["doc_id"].isin(staged)]
    assert len(ours) == len(staged)  # RT + MFA + 1tv 2022, none lost
    for row in ours.itertuples():
        assert row.text == staged[row.doc_id]["text"].strip()


def test_missing_sources_folder(tmp_path):
    from discourse.studies.afghanistan.sources import build_corpus

    with pytest.raises(FileNotFoundError, match="No staged sources"):
        build_corpus(tmp_path, tmp_path / "out")
