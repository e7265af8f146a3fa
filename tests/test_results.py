import pandas as pd
import pytest

from discourse.results import load_table, save_table


def test_roundtrip_and_named_index_becomes_a_column(tmp_path):
    df = pd.DataFrame({"alpha": [0.9, 0.8]}, index=pd.Index(["us_failure", "economic"], name="frame"))
    path = save_table(df, "synthetic_reliability", folder=tmp_path)
    assert path.name == "synthetic_reliability.csv"
    back = load_table("synthetic_reliability", folder=tmp_path)
    assert back.columns.tolist() == ["frame", "alpha"] and back["frame"].tolist() == ["us_failure", "economic"]
    plain = save_table(pd.DataFrame({"n": [1, 2]}), "synthetic_counts", folder=tmp_path)
    assert plain.read_text().splitlines() == ["n", "1", "2"]


def test_errors(tmp_path):
    with pytest.raises(ValueError, match=r"`name` must .*got 'fig3.csv'"):
        save_table(pd.DataFrame({"n": [1]}), "fig3.csv", folder=tmp_path)
    with pytest.raises(FileNotFoundError, match="run `discourse reproduce`"):
        load_table("missing", folder=tmp_path)
