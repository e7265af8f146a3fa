import pandas as pd
import pytest

from discourse._errors import CorpusValidationError
from discourse.annotation import assign_coders, disagreements, draw_annotation_sample, gold_labels, read_codings

FRAMES = ["humanitarian", "economic"]


def _pool():
    # SYNTHETIC passages: two blocs, uneven genre cells
    rows = []
    for bloc, cells in {"US": {"tweet": 40, "press_briefing": 200}, "CN": {"tv_news": 60, "speech": 2}}.items():
        for genre, n in cells.items():
            rows += [{"passage_id": f"{bloc}-{genre}-{i}", "bloc": bloc, "language": "en", "genre": genre} for i in range(n)]
    return pd.DataFrame(rows)


def test_sample_meets_quotas_floors_and_is_seeded():
    pool = _pool()
    s = draw_annotation_sample(pool, quotas={"US": 30, "CN": 20}, by="bloc", min_per_stratum=3, random_state=1)
    assert s.groupby("bloc").size().to_dict() == {"CN": 20, "US": 30}
    cells = s.groupby(["bloc", "genre"]).size()
    assert cells[("CN", "speech")] == 2  # a cell smaller than the floor is taken whole
    assert cells[("US", "tweet")] >= 3
    assert s["passage_id"].is_unique and s["sample_order"].tolist() == list(range(1, 51))
    again = draw_annotation_sample(pool, quotas={"US": 30, "CN": 20}, by="bloc", min_per_stratum=3, random_state=1)
    pd.testing.assert_frame_equal(s, again)
    with pytest.raises(ValueError, match="bloc 'CN' has 62 passages, fewer than its quota 100"):
        draw_annotation_sample(pool, quotas={"CN": 100}, by="bloc")


def test_ring_assignment_double_codes_the_overlaps():
    a = assign_coders(300, coders=["A", "B", "C"], overlap=40)
    counts = pd.Series([i for idx in a.values() for i in idx]).value_counts()
    assert len(counts) == 300 and (counts == 2).sum() == 120 and (counts == 1).sum() == 180
    with pytest.raises(ValueError, match="`coders` must be a list of at least two coders"):
        assign_coders(10, coders=["A"], overlap=1)
    with pytest.raises(ValueError, match="`overlap` must be an integer between 0 and 5; got 6"):
        assign_coders(10, coders=["A", "B"], overlap=6)


def _sheet(path, rows):
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_codings_disagreements_and_gold(tmp_path):
    a = _sheet(tmp_path / "coder_A.csv", [{"passage_id": "p1", "coder": "A", "humanitarian": 1, "economic": 0},
                                          {"passage_id": "p2", "coder": "A", "humanitarian": 0, "economic": 0}])
    b = _sheet(tmp_path / "coder_B.csv", [{"passage_id": "p1", "coder": "B", "humanitarian": 1, "economic": 1},
                                          {"passage_id": "p3", "coder": "B", "humanitarian": 0, "economic": 1}])
    codings = read_codings([a, b], frames=FRAMES)
    d = disagreements(codings, frames=FRAMES)
    assert d[["passage_id", "frame", "coder", "value"]].values.tolist() == [["p1", "economic", "A", 0],
                                                                           ["p1", "economic", "B", 1]]
    with pytest.raises(ValueError, match="coders disagree and there is no adjudication"):
        gold_labels(codings, None, frames=FRAMES)
    adj = pd.DataFrame({"passage_id": ["p1"], "frame": ["economic"], "decision": [0]})
    gold = gold_labels(codings, adj, frames=FRAMES).set_index("passage_id")
    assert gold.loc["p1", ["humanitarian", "economic"]].tolist() == [1, 0]
    assert gold["label_source"].to_dict() == {"p1": "adjudicated", "p2": "single", "p3": "single"}


def test_read_codings_errors(tmp_path):
    bad = _sheet(tmp_path / "coder_X.csv", [{"passage_id": "p1", "coder": "X", "humanitarian": 1, "economic": ""}])
    with pytest.raises(CorpusValidationError, match=r"coder_X\.csv:2: frame `economic` has value '' .* must be 0 or 1"):
        read_codings([bad], frames=FRAMES)
    missing = _sheet(tmp_path / "coder_Y.csv", [{"passage_id": "p1", "coder": "Y", "humanitarian": 1}])
    with pytest.raises(CorpusValidationError, match=r"missing column\(s\) \['economic'\]"):
        read_codings([missing], frames=FRAMES)
    twice = _sheet(tmp_path / "coder_Z.csv", [{"passage_id": "p1", "coder": "Z", "humanitarian": 1, "economic": 0}] * 2)
    with pytest.raises(CorpusValidationError, match=r"coder_Z\.csv:3: passage 'p1' coded twice"):
        read_codings([twice], frames=FRAMES)
