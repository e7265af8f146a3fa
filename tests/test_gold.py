"""Tests for discourse.framing.gold: reading a gold-set folder (the bundled one, and broken copies)."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from discourse._errors import CorpusValidationError, DiscourseError
from discourse.framing import load_codebook, load_codings, load_gold
from discourse.paths import corpus_dir

# --- gold loading --------------------------------------------------------------------------
ANN = corpus_dir() / "annotations"


def test_load_gold_joins_sample_and_labels():
    gold = load_gold("afghanistan")
    frames = load_codebook("afghanistan").frame_ids
    with open(ANN / "gold.csv", newline="", encoding="utf-8") as fh:
        raw = {r["passage_id"]: r for r in csv.DictReader(fh)}
    with open(ANN / "sample.csv", newline="", encoding="utf-8") as fh:
        sample = {r["passage_id"]: r for r in csv.DictReader(fh)}
    assert len(gold) == len(raw) == len(sample)
    for f in frames:
        assert gold[f].sum() == sum(int(r[f]) for r in raw.values())
    row = gold.iloc[17]
    assert row["text"] == sample[row["passage_id"]]["text"]
    assert row["abandonment"] == int(raw[row["passage_id"]]["abandonment"])
    assert str(gold["date"].dtype).startswith("datetime64")
    assert {"source", "language", "split", "n_coders", "label_source"} <= set(gold.columns)
    assert set(gold["split"]) == {"train", "test"}
    test = load_gold("afghanistan", split="test")
    assert len(test) == sum(r["split"] == "test" for r in sample.values()) and set(test["split"]) == {"test"}
    with pytest.raises(DiscourseError, match="`split` must be one of: 'train', 'test'; got 'dev'"):
        load_gold("afghanistan", split="dev")


def test_load_codings_reads_every_sheet_row():
    codings = load_codings("afghanistan")
    n_rows = 0
    for path in sorted((ANN / "raw").glob("coder_*.csv")):
        with open(path, newline="", encoding="utf-8") as fh:
            n_rows += sum(1 for _ in csv.DictReader(fh))
    assert len(codings) == n_rows
    with open(ANN / "assignments.csv", newline="", encoding="utf-8") as fh:
        assert set(codings["coder"]) == {r["coder"] for r in csv.DictReader(fh)}


def _copy_gold(tmp_path: Path) -> Path:
    for name in ("sample.csv", "gold.csv"):
        shutil.copy(ANN / name, tmp_path / name)
    return tmp_path


def test_load_gold_names_file_and_line_of_a_bad_cell(tmp_path):
    folder = _copy_gold(tmp_path)
    lines = (folder / "gold.csv").read_text(encoding="utf-8").splitlines()
    head = lines[0].split(",")
    cells = lines[5].split(",")
    cells[head.index("economic")] = "2"
    lines[5] = ",".join(cells)
    (folder / "gold.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CorpusValidationError, match=r"gold\.csv:6: frame `economic` has value '2'"):
        load_gold("afghanistan", directory=folder)


def test_load_gold_names_a_passage_missing_from_gold(tmp_path):
    folder = _copy_gold(tmp_path)
    lines = (folder / "gold.csv").read_text(encoding="utf-8").splitlines()
    dropped = lines.pop(3).split(",")[0]
    (folder / "gold.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CorpusValidationError, match=rf"sample\.csv:\d+: passage_id '{dropped}' has no row in"):
        load_gold("afghanistan", directory=folder)


def test_load_gold_errors(tmp_path):
    with pytest.raises(DiscourseError, match="Codebook 'policy' names no gold set"):
        load_gold("policy")
    with pytest.raises(FileNotFoundError, match="Gold file not found"):
        load_gold("afghanistan", directory=tmp_path)
    with pytest.raises(FileNotFoundError, match="No coder sheets"):
        load_codings("afghanistan", directory=tmp_path)
    folder = _copy_gold(tmp_path)
    text = (folder / "gold.csv").read_text(encoding="utf-8").replace("economic", "econ", 1)
    (folder / "gold.csv").write_text(text, encoding="utf-8")
    with pytest.raises(CorpusValidationError, match=r"missing column\(s\) \['economic'\]"):
        load_gold("afghanistan", directory=folder)


