"""discourse.annotation.AnnotationProject on a small synthetic gold-set folder (passages written for the tests)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from discourse._errors import CorpusValidationError, DiscourseError, ParameterError
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


# --- the loop: rounds, sheets, the widget, adjudication, suggestions ---------------------------------
def _passages(n, start=0, language="en"):
    words = ["Food aid reached the camps.", "The war cost billions.", "Talks were held today.",
             "Aid agencies warned of hunger.", "Salaries went unpaid for months."]  # synthetic
    return pd.DataFrame({"passage_id": [f"s{i}" for i in range(start, start + n)],
                         "doc_id": [f"doc{i // 2}" for i in range(start, start + n)], "language": language,
                         "source": "Synthetic", "text": [words[i % len(words)] for i in range(start, start + n)]})


def _new(tmp_path):
    return AnnotationProject(tmp_path / "mine", write_file(tmp_path, CODEBOOK)).create()


def test_add_round_assigns_every_passage_and_double_codes_the_share(tmp_path):
    project = _new(tmp_path)
    test = project.add_round(_passages(20), coders=["A", "B", "C"], double_share=1.0, split="test",
                             draw="stratified random")
    train = project.add_round(_passages(40, start=20), coders=["A", "B", "C"], double_share=0.25)
    sample = project.sample()
    assert sample.groupby("split").size().to_dict() == {"test": 20, "train": 40}
    assert set(sample.loc[sample["split"] == "test", "round"]) == {"1"} and set(train["round"]) == {"2"}
    per = project.assignments().groupby("passage_id").size()
    assert (per[test["passage_id"]] == 2).all()
    assert (per[train["passage_id"]] == 2).sum() == 10 and (per[train["passage_id"]] == 1).sum() == 30
    pairs = project.assignments().groupby("passage_id")["coder"].apply(lambda c: "".join(sorted(c)))
    assert {"AB", "AC", "BC"} <= set(pairs[pairs.str.len() == 2])  # every pair of coders shares passages
    with pytest.raises(DiscourseError, match="already in"):
        project.add_round(_passages(3), coders=["A", "B"])
    with pytest.raises(ParameterError, match="`coders` must be at least two distinct coder ids"):
        project.add_round(_passages(3, start=100), coders=["A"])


def test_sheets_round_trip_through_csv_and_refuse_bad_cells(tmp_path):
    project = _new(tmp_path)
    project.add_round(_passages(6), coders=["A", "B"], double_share=0.0)
    sheet = project.coding_sheet("A")
    assert set(sheet.columns) >= {"passage_id", "coder", "aid", "money", "note", "text"} and len(sheet) == 3
    sheet["aid"], sheet["money"] = 1, 0
    path = tmp_path / "sheet_A.csv"
    sheet.to_csv(path, index=False)
    assert project.import_sheet(path) == 3
    assert project.coding_sheet("A").empty  # nothing left to code
    assert project.status().loc["A", "coded"] == 3
    with pytest.raises(DiscourseError, match="has already coded 3 of these passages"):
        project.import_sheet(path)
    bad = project.coding_sheet("B")
    bad["aid"], bad["money"] = "yes", 0
    bad.to_csv(tmp_path / "sheet_B.csv", index=False)
    with pytest.raises(CorpusValidationError, match=r"sheet_B\.csv:2: frame `aid` has value 'yes'"):
        project.import_sheet(tmp_path / "sheet_B.csv")


def test_coding_widget_saves_as_it_goes_and_resumes(tmp_path):
    from discourse.coding_widget import CodingWidget

    project = _new(tmp_path)
    project.add_round(_passages(6), coders=["A", "B"], double_share=1.0)
    w = CodingWidget(project, "A")
    ids = w.passages["passage_id"].tolist()
    w.press("1")            # toggle the first frame (aid)
    w.set_note("food aid")
    w.press("n")            # save, next
    w.press("2"); w.press("2"); w.press("2")  # money on, off, on
    w.press("n")
    saved = pd.read_csv(project.folder / "raw" / "coder_A.csv", keep_default_na=False)
    assert saved["passage_id"].tolist() == ids[:2]
    assert saved[["aid", "money"]].values.tolist() == [[1, 0], [0, 1]]
    assert saved["note"].tolist() == ["food aid", ""]
    # a new widget (the notebook was closed) starts at the first passage not yet coded
    again = CodingWidget(project, "A")
    assert again.position == 2 and again.n_coded == 2
    again.go(-2)             # back to the first: its saved codes are shown
    assert again._draft["aid"] == 1 and again._draft["note"] == "food aid"
    view = again.widget()    # the ipywidgets view builds without a browser
    assert view.children and again._view["boxes"]["aid"].value is True
    again._view["keys"].value = "2"  # typing in the shortcut box acts like a key press
    assert again._draft["money"] == 1 and again._view["keys"].value == ""
    with pytest.raises(DiscourseError, match="No passages are assigned to coder 'Z'"):
        CodingWidget(project, "Z")


def test_adjudication_is_recorded_and_only_for_real_disagreements(tmp_path):
    project = _project(tmp_path, codings=FULL)
    with pytest.raises(DiscourseError, match="'p1', frame 'aid': its coders do not disagree"):
        project.record_adjudication("p1", "aid", 1, "both said so")
    with pytest.raises(ParameterError, match="`reason` must be a sentence"):
        project.record_adjudication("p3", "money", 1, " ")
    project.record_adjudication("p3", "money", 0, "first try")
    project.record_adjudication("p3", "money", 1, "costs are   the point")  # replaces the first
    adj = project.adjudications()
    assert adj[["passage_id", "frame", "decision", "reason"]].values.tolist() == [
        ["p3", "money", 1, "costs are the point"]]
    assert project.build_gold(write=False).set_index("passage_id").loc["p3", "money"] == 1


def test_suggest_picks_the_most_uncertain_passages_outside_the_gold_set(tmp_path):
    from discourse.framing import SupervisedFrameClassifier

    project = _project(tmp_path, codings=FULL, adjudications=[("p3", "money", 1, "ok")])
    gold = project.build_gold(write=False).merge(project.sample(), on="passage_id")
    model = SupervisedFrameClassifier(project.codebook, min_df=1, calibrate=False).fit(gold, gold[["aid", "money"]])
    pool = pd.concat([project.sample()[["passage_id", "text", "language"]],
                      pd.DataFrame({"passage_id": ["n1", "n2", "n3"], "language": "en",
                                    "text": ["Food aid.", "Money money money.", "Aid and money."]})])
    picks = project.suggest(model, pool, n=2)
    assert len(picks) == 2 and not set(picks["passage_id"]) & {"p1", "p2", "p3", "p4"}
    proba = model.predict_proba(pool[pool["passage_id"].str.startswith("n")])
    t = model.thresholds_.reindex(proba.columns).to_numpy()
    score = (1 - np.abs(proba.to_numpy() - t) / np.maximum(t, 1 - t)).max(axis=1)
    expected = list(pd.Series(score, index=["n1", "n2", "n3"]).sort_values(ascending=False, kind="stable").index[:2])
    assert picks["passage_id"].tolist() == expected
    from discourse.framing import LexiconFrameClassifier
    with pytest.raises(ParameterError, match="a lexicon has no probabilities"):
        project.suggest(LexiconFrameClassifier(project.codebook).fit(), pool)
