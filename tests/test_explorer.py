"""The term explorer (discourse.explorer) on SYNTHETIC documents, checked in headless Chromium;
and its size on the bundled UN speeches."""
from __future__ import annotations

import pandas as pd
import pytest

import discourse as dc
from browser import chromium_page
from discourse._errors import DiscourseError, ParameterError
from discourse.explorer import term_explorer

# Finds the screen position of a term's point in the visible plot (Bokeh's own scales).
_POINT = """(term) => {
  const views = [];
  const walk = (v) => { if (!v) return; if (v.frame && v.model.renderers) views.push(v);
                        for (const c of (v.child_views || [])) walk(c); };
  for (const r of Bokeh.index.roots) walk(r);
  for (const pv of views) {
    if (!pv.canvas_view.el.getBoundingClientRect().width) continue;
    const r = pv.model.renderers.find(x => x.data_source && x.data_source.data.feature);
    const d = r.data_source.data, i = d.feature.indexOf(term);
    if (i < 0) continue;
    const box = pv.canvas_view.el.getBoundingClientRect();
    return [box.left + pv.frame.x_scale.compute(d.frequency[i]), box.top + pv.frame.y_scale.compute(d.log_ratio[i])];
  }
  return null; }"""
# Text of the page including Bokeh's shadow DOM (tooltips and Divs live there).
_ALL_TEXT = """() => { const parts = [];
  const walk = (n) => { if (["SCRIPT", "STYLE"].includes(n.tagName)) return;
                        if (n.shadowRoot) walk(n.shadowRoot);
                        for (const c of n.childNodes || []) {
                          if (c.nodeType === Node.TEXT_NODE) parts.push(c.textContent); else walk(c); } };
  walk(document.body); return parts.join(" "); }"""
# Indices each scatter keeps after the search.
_KEPT = """() => { const out = [];
  for (const m of Bokeh.documents[0].all_models) if (m.type === "IndexFilter" || m.constructor.name === "IndexFilter")
    out.push(m.indices.length); return out; }"""


@pytest.fixture(scope="module")
def synthetic():
    """Synthetic documents of three groups, and their one-vs-rest keyness table."""
    rows = []
    for i in range(6):
        rows += [{"doc_id": f"a{i}", "group": "A", "language": "en",
                  "text": "The Taliban entered Kabul. Taliban leaders spoke of peace and order."},
                 {"doc_id": f"b{i}", "group": "B", "language": "en",
                  "text": "Humanitarian aid reached Kabul. Aid workers asked for more aid and food."},
                 {"doc_id": f"c{i}", "group": "C", "language": "en",
                  "text": "Sanctions and pressure on the regime. Pressure works, sanctions bite."}]
    docs = pd.DataFrame(rows)
    table = dc.keyness(docs, by="group", comparison="one_vs_rest", min_count=2, remove_stopwords=True)
    return docs, table


def test_page_is_self_contained_and_escaped(synthetic, tmp_path):
    docs, table = synthetic
    hostile = table.assign(feature=table["feature"].where(table["feature"] != "peace", "<script>x</script>"))
    page = term_explorer(hostile, tmp_path / "terms.html").read_text(encoding="utf-8")
    assert "<script>x</script>" not in page
    assert '<script src="http' not in page and 'type="text/javascript" src=' not in page   # BokehJS inline
    with pytest.raises(ParameterError, match="`by` must be the grouping column of `documents`"):
        term_explorer(table, tmp_path / "x.html", documents=docs.drop(columns="group"))
    with pytest.raises(DiscourseError, match="`table` has no rows"):
        term_explorer(table.iloc[:0], tmp_path / "x.html")


def test_the_un_three_bloc_comparison_stays_under_5_mb(tmp_path):
    un = dc.load_corpus(genre="un_speech", country=["USA", "CHN", "RUS"])
    table = dc.keyness(un, by="bloc", comparison="one_vs_rest", min_count=5, remove_stopwords=True)
    page = term_explorer(table, tmp_path / "un.html", documents=un)
    assert page.stat().st_size < 5_000_000
    assert table.groupby("target").ngroups == 3


@pytest.mark.browser
def test_hover_search_and_click_in_headless_chromium(synthetic, tmp_path):
    docs, table = synthetic
    page_path = term_explorer(table, tmp_path / "terms.html", documents=docs)
    with chromium_page(tmp_path) as (page, problems):
        page.goto(page_path.as_uri())
        page.wait_for_selector("canvas", state="attached")
        page.wait_for_function("() => window.Bokeh && Bokeh.index.roots.length > 0")
        point = page.evaluate(_POINT, "taliban")
        assert point is not None and "taliban" not in page.evaluate(_ALL_TEXT)
        page.mouse.move(*point)                                   # hover: the tooltip names the term and counts
        page.wait_for_function(f"() => ({_ALL_TEXT})().includes('taliban')")
        text = " ".join(page.evaluate(_ALL_TEXT).split())
        assert "5.58" in text and "12" in text                     # its log ratio and count in A
        page.mouse.click(*point)                                  # click: the KWIC lines of the term
        page.wait_for_function(f"() => ({_ALL_TEXT})().includes('12 hits')")
        text = " ".join(page.evaluate(_ALL_TEXT).split())
        assert "The Taliban entered Kabul" in text
        n_before = page.evaluate(_KEPT)
        page.fill("input[type=text]", "aid")                       # search: only terms containing "aid" stay
        page.wait_for_function(f"() => ({_KEPT})().some(n => n < {max(n_before)})")
        kept = page.evaluate(_KEPT)
        expected = [int(rows["feature"].str.contains("aid").sum())
                    for _, rows in table.groupby(["target", "reference"], sort=False)]
        assert kept == expected
    assert problems == []
