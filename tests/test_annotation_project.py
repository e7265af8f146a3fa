"""discourse.annotation.AnnotationProject on a small synthetic gold-set folder (passages written for the tests)."""
from __future__ import annotations

import pandas as pd
import pytest

from discourse._errors import CorpusValidationError, DiscourseError
from discourse.annotation import AnnotationProject

from synthetic import write_file

CODEBOOK = """\
name: tiny
version: 1
description: synthetic
unit: a sentence
source: synthetic
frames:
  - {id: aid, name: Aid, definition: aid to people, lexicon: {en: [aid, food]}}
  - {id: money, name: Money, definition: the economy, lexicon: {en: [money, cost*]}}
"""


def _project(tmp_path, *, codings, adjudications=None):
    folder = tmp_path / "gold"
    (folder / "raw").mkdir(parents=True)
    pd.DataFrame({
        "passage_id": ["p1", "p2", "p3", "p4"], "doc_id": ["d1", "d1", "d2", "d3"],
        "language": ["en", "en", "en", "zh"], "split": ["train", "train", "test", "train"],
        "text": ["Food aid arrived.", "The war cost money.", "Aid and money.", "粮食援助。"],
    }).to_csv(folder / "sample.csv", index=False)
    pd.DataFrame({"passage_id": ["p1", "p1", "p2", "p3", "p3", "p4"],
                  "coder": ["A", "B", "A", "A", "B", "B"]}).to_csv(folder / "assignments.csv", index=False)
    for coder, rows in codings.items():
        pd.DataFrame([{"passage_id": p, "coder": coder, "aid": a, "money": m, "note": n} for p, a, m, n in rows]
                     ).to_csv(folder / "raw" / f"coder_{coder}.csv", index=False)
    if adjudications is not None:
        pd.DataFrame(adjudications, columns=["passage_id", "frame", "decision", "reason"]).to_csv(
            folder / "adjudications.csv", index=False)
    return AnnotationProject(folder, write_file(tmp_path, CODEBOOK))


FULL = {
    "A": [("p1", 1, 0, ""), ("p2", 0, 1, ""), ("p3", 1, 0, "money only implied")],
    "B": [("p1", 1, 0, ""), ("p3", 1, 1, ""), ("p4", 1, 0, "")],
}


def test_build_gold_combines_single_agreed_and_adjudicated(tmp_path):
    project = _project(tmp_path, codings=FULL, adjudications=[("p3", "money", 1, "costs are the point")])
    gold = project.build_gold()
    assert gold["passage_id"].tolist() == ["p1", "p2", "p3", "p4"]  # sample order
    assert gold.set_index("passage_id")["label_source"].to_dict() == {
        "p1": "agreed", "p2": "single", "p3": "adjudicated", "p4": "single"}
    assert gold.set_index("passage_id").loc["p3", ["aid", "money"]].tolist() == [1, 1]
    written = pd.read_csv(project.folder / "gold.csv")
    pd.testing.assert_frame_equal(written, gold, check_dtype=False)
    dis = pd.read_csv(project.folder / "disagreements.csv", keep_default_na=False)
    assert dis[["passage_id", "frame", "coder", "value"]].values.tolist() == [
        ["p3", "money", "A", 0], ["p3", "money", "B", 1]]
    assert dis["note"].tolist() == ["money only implied", ""]


def test_status_counts_what_each_coder_still_has_to_code(tmp_path):
    project = _project(tmp_path, codings={"A": FULL["A"][:1], "B": FULL["B"]})
    status = project.status()
    assert status.loc["A"].tolist() == [3, 1, 2, 0]
    assert status.loc["B"].tolist() == [3, 3, 0, 0]


def test_build_gold_refuses_missing_codings_unless_told(tmp_path):
    project = _project(tmp_path, codings={"A": FULL["A"][:1], "B": FULL["B"]},
                       adjudications=[])
    with pytest.raises(DiscourseError, match=r"2 assigned codings are missing \(per coder: \{'A': 2\}; first: "
                                             r"passage 'p2', coder 'A'\)"):
        project.build_gold(write=False)
    partial = project.build_gold(write=False, complete=False)
    assert partial["passage_id"].tolist() == ["p1", "p3", "p4"]


def test_build_gold_names_the_disagreement_without_adjudication(tmp_path):
    project = _project(tmp_path, codings=FULL)
    with pytest.raises(DiscourseError, match=r"1 disagreements have no adjudication \(first: passage 'p3', "
                                             r"frame 'money'\)"):
        project.build_gold(write=False)
    table = project.disagreements()
    assert table["decision"].isna().all() and table["text"].tolist() == ["Aid and money."] * 2


def test_build_gold_refuses_an_adjudication_of_an_agreement(tmp_path):
    project = _project(tmp_path, codings=FULL, adjudications=[("p3", "money", 1, "ok"), ("p1", "aid", 0, "?")])
    with pytest.raises(CorpusValidationError, match=r"adjudications\.csv:3: passage 'p1', frame 'aid' is adjudicated "
                                                    r"but its coders do not disagree"):
        project.build_gold(write=False)


def test_codings_outside_the_assignments_are_named(tmp_path):
    codings = {**FULL, "A": FULL["A"] + [("p4", 0, 0, "")]}
    project = _project(tmp_path, codings=codings, adjudications=[("p3", "money", 1, "ok")])
    with pytest.raises(CorpusValidationError, match=r"coder_A\.csv: coder 'A' coded passage 'p4', which "
                                                    r"assignments\.csv does not give them"):
        project.build_gold(write=False)


def test_bad_adjudication_cells_name_file_and_line(tmp_path):
    project = _project(tmp_path, codings=FULL, adjudications=[("p3", "money", "yes", "ok")])
    with pytest.raises(CorpusValidationError, match=r"adjudications\.csv:2: decision 'yes' .*must be 0 or 1"):
        project.adjudications()
    project = _project(tmp_path / "x", codings=FULL, adjudications=[("p3", "cash", 1, "ok")])
    with pytest.raises(CorpusValidationError, match=r"adjudications\.csv:2: `frame` must be one of: 'aid', 'money'"):
        project.adjudications()


def test_reliability_by_language_leaves_out_groups_without_double_coding(tmp_path):
    project = _project(tmp_path, codings=FULL, adjudications=[("p3", "money", 1, "ok")])
    with pytest.warns(UserWarning, match="language='zh': no unit coded by two coders"):
        table = project.reliability(by="language", n_boot=0)
    assert set(table.index.get_level_values("language")) == {"en"}
    # two double-coded passages: p1 agrees on both frames, p3 agrees on aid only
    assert table.loc[("en", "aid"), "percent_agreement"] == 1.0
    assert table.loc[("en", "money"), "percent_agreement"] == 0.5
    assert "prevalence" in table.columns
