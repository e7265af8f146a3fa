import pandas as pd
import pytest

from discourse import describing, plotting
from discourse.schema import validate_documents


def test_composition_counts(tiny_docs):
    docs = validate_documents(tiny_docs)
    comp = describing.composition(docs, by=["bloc", "language"])
    assert comp[["bloc", "language", "n"]].values.tolist() == [["CN", "zh", 1], ["RU", "ru", 1], ["US", "en", 2]]
    assert comp["share"].sum() == pytest.approx(1.0)


def test_monthly_counts_add_up_including_year_only(tiny_docs):
    docs = validate_documents(tiny_docs.assign(date=["2021-08-15", "2021-08-16", "2021", "2021-09-01"]))
    m = describing.monthly_counts(docs, by=["bloc"])
    assert m["n"].sum() == len(docs)
    assert "2021 (year only)" in set(m["month"])


def test_mention_timeline_fills_missing_days_and_hides_uncovered_shares(tiny_docs):
    docs = validate_documents(tiny_docs).assign(sample=["topic", "background", "topic", "topic"])
    tl = describing.mention_timeline(docs, by="bloc", start="2021-08-14", end="2021-08-17")
    assert len(tl) == 4 * 3  # every day x every bloc
    cn16 = tl[(tl["bloc"] == "CN") & (tl["period"] == "2021-08-16")].iloc[0]
    assert cn16["n_documents"] == 1 and cn16["n_passages"] == 2 and cn16["share_mentioning"] == 1.0
    us15 = tl[(tl["bloc"] == "US") & (tl["period"] == "2021-08-15")].iloc[0]
    assert us15["n_documents_mentioning"] == 1 and pd.isna(us15["share_mentioning"])  # keyword-only: no share


def test_weekly_periods_end_on_sunday(tiny_docs):
    docs = validate_documents(tiny_docs)
    tl = describing.mention_timeline(docs, freq="W")
    assert (tl["period"].dt.day_of_week == 6).all()
    assert tl["n_documents"].sum() == len(docs)


def test_errors(tiny_docs):
    docs = validate_documents(tiny_docs)
    with pytest.raises(ValueError, match=r"Invalid value 'M' for `freq`; must be one of: 'D', 'W'"):
        describing.mention_timeline(docs, freq="M")
    with pytest.raises(ValueError, match=r"Could not interpret value 'cuntry' for `by`"):
        describing.composition(docs, by=["cuntry"])


def test_plots_return_axes_and_save(tiny_docs, tmp_path):
    docs = validate_documents(tiny_docs)
    ax = plotting.plot_composition(describing.composition(docs))
    assert ax.get_xlabel().startswith("documents")
    tl = describing.mention_timeline(docs)
    ax = plotting.plot_timeline(tl, events=describing.KEY_EVENTS)
    assert len(ax.lines) >= 3
    path = plotting.save_figure(ax, "synthetic_timeline", folder=tmp_path)
    assert path.exists() and path.name == "synthetic_timeline.png"
    with pytest.raises(ValueError, match=r"Could not interpret value 'blocc' for `hue`"):
        plotting.plot_timeline(tl, hue="blocc")
    with pytest.raises(ValueError, match=r"Invalid value 'fig3.png' for `name`"):
        plotting.save_figure(ax, "fig3.png", folder=tmp_path)


def test_share_uses_only_days_covered_by_the_background(tiny_docs):
    # SYNTHETIC week: a keyword-selected item on Monday (no background that
    # day) and two unfiltered items on Friday, neither mentioning Afghanistan.
    docs = validate_documents(pd.DataFrame({
        "doc_id": ["k1", "b1", "b2"], "country": "RUS", "language": "en",
        "date": ["2021-07-26", "2021-07-30", "2021-07-30"],
        "text": ["Kabul airport closed.", "Olympic medals.", "Weather report."],
    })).assign(sample=["topic", "background", "background"])
    tl = describing.mention_timeline(docs, freq="W")
    row = tl.iloc[0]
    assert row["n_documents"] == 3 and row["n_documents_mentioning"] == 1
    assert row["share_mentioning"] == 0.0  # 0 of the 2 covered-day items, not 1 of 3
