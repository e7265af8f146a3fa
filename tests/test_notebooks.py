"""Execute each notebook headless and assert the numbers its argument rests on."""
import pandas as pd
import pytest

import discourse
from discourse import describing
from discourse.notebooks import inject_parameters, notebook_paths, run_notebook
from discourse.results import load_table

pytestmark = pytest.mark.notebook


@pytest.fixture(scope="module")
def out01(tmp_path_factory):
    out = tmp_path_factory.mktemp("nb01")
    run_notebook(notebook_paths()[0], output_dir=out)
    return out


def test_01_passage_counts_match_package_and_claim(out01):
    table = load_table("afghanistan_passages_by_bloc", folder=out01 / "tables")
    window = discourse.load_corpus(start="2021-07-01", end="2021-10-31")
    expected = describing.afghanistan_passage_counts(window, by=["bloc"])
    pd.testing.assert_frame_equal(table, expected, check_dtype=False)
    counts = table.set_index("bloc")["n_passages"]
    assert (counts[["US", "CN", "RU"]] >= 100).all()


def test_01_timeline_and_figures(out01):
    tl = load_table("afghanistan_passages_timeline_by_bloc", folder=out01 / "tables")
    by_bloc = load_table("afghanistan_passages_by_bloc", folder=out01 / "tables").set_index("bloc")["n_passages"]
    assert tl.groupby("bloc")["n_passages"].sum().reindex(by_bloc.index).tolist() == by_bloc.tolist()
    share = load_table("afghanistan_share_of_items_by_source_weekly", folder=out01 / "tables")
    # Channel One's background covers Aug-Sep only: no share outside it.
    ch1 = share[share["source"] == "Channel One Russia (1tv.ru)"].dropna(subset=["share_mentioning"])
    assert ch1["period"].min() >= "2021-08-01" and ch1["period"].max() <= "2021-10-03"
    figs = {p.name for p in (out01 / "figures").glob("*.png")}
    assert {"corpus_composition_by_bloc_genre.png", "afghanistan_passages_by_bloc_timeline.png",
            "afghanistan_share_of_items_by_source_weekly.png"} <= figs


def test_01_with_parameters(tmp_path):
    run_notebook(notebook_paths()[0], parameters={"START": "2021-08-15", "END": "2021-08-31", "FREQ": "W"}, output_dir=tmp_path)
    tl = load_table("afghanistan_passages_timeline_by_bloc", folder=tmp_path / "tables")
    assert pd.to_datetime(tl["period"]).min() >= pd.Timestamp("2021-08-15")


def test_inject_parameters_rejects_unknown_name():
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("START = 1", metadata={"tags": ["parameters"]})])
    with pytest.raises(ValueError, match="Invalid parameter 'STRAT'"):
        inject_parameters(nb, {"STRAT": 2})
    nb2 = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    with pytest.raises(ValueError, match="no cell tagged 'parameters'"):
        inject_parameters(nb2, {"x": 2})
