"""The HTML report (discourse.report) on SYNTHETIC executed notebooks, checked in headless Chromium.

The notebooks here are built with nbformat and given outputs by hand (no
kernel): a markdown title and question, a table whose cells hold markup,
Chinese and Russian text, and a figure.
"""
from __future__ import annotations

import base64

import nbformat
import pandas as pd
import pytest

from browser import check_images_loaded, chromium_page
from discourse import plotting
from discourse._errors import DiscourseError
from discourse.report import notebook_summary, write_report

HOSTILE = "<script>alert('x')</script><b>bold</b> & <img src=x onerror=alert(1)>"


def _figure_png(folder) -> str:
    """A synthetic bar chart saved as a figure of the run, and its PNG as base64 (an inline output)."""
    fig, ax = plotting.plt.subplots(figsize=(4, 3))
    ax.bar(["塔利班", "Талибан"], [3, 5])
    path = plotting.save_figure(ax, "synthetic_bars", folder=folder, pdf=False)
    return base64.b64encode(path.read_bytes()).decode("ascii")


@pytest.fixture
def executed(tmp_path):
    """An output folder with one synthetic executed notebook and the table it names for the index."""
    table = pd.DataFrame({"text": [HOSTILE, "塔利班进入喀布尔", "Талибы вошли в Кабул"], "n": [1, 2, 3]})
    code = nbformat.v4.new_code_cell("table")
    code.outputs = [nbformat.v4.new_output("execute_result", data={"text/html": table.to_html(),
                                                                    "text/plain": table.to_string()},
                                           execution_count=1)]
    plot = nbformat.v4.new_code_cell("plot")
    plot.outputs = [nbformat.v4.new_output("display_data", data={"image/png": _figure_png(tmp_path / "figures"),
                                                                  "text/plain": "fig"})]
    bar = nbformat.v4.new_code_cell("progress")     # a progress bar saved as a widget, as tqdm leaves it
    bar.outputs = [nbformat.v4.new_output("display_data", data={
        "application/vnd.jupyter.widget-view+json": {"model_id": "m1", "version_major": 2, "version_minor": 0},
        "text/plain": "100%|##########| 3/3"})]
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 01 · Synthetic check\n\nDo **both** scripts show as `text`?"),
        code, plot, bar])
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {
        "state": {"m1": {"model_name": "HTMLModel", "model_module": "@jupyter-widgets/controls",
                         "model_module_version": "2.0.0", "state": {"value": "100%"}}},
        "version_major": 2, "version_minor": 0}}
    # as run_notebook records the figures written, plus one that is gone since (skipped, not an error)
    nb.metadata["discourse"] = {"report_tables": ["synthetic_table", "never_written"],
                                "figures": ["synthetic_bars", "synthetic_gone"]}
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "tables").mkdir()
    nbformat.write(nb, tmp_path / "notebooks" / "01_synthetic.ipynb")
    table.to_csv(tmp_path / "tables" / "synthetic_table.csv", index=False)
    return tmp_path


def test_summary_keeps_wildcards_and_drops_emphasis():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(   # synthetic
        "# 03 · How *Taliban* is used\n\nLines for taliban* / талиб* and **withdraw\\*** in `kwic`.")])
    s = notebook_summary(nb)
    assert s["title"] == "03 · How Taliban is used"
    assert s["question"] == "Lines for taliban* / талиб* and withdraw* in kwic."


def test_summary_reads_title_question_figures_and_tables(executed):
    nb = nbformat.read(executed / "notebooks" / "01_synthetic.ipynb", as_version=4)
    s = notebook_summary(nb)
    assert (s["title"], s["question"]) == ("01 · Synthetic check", "Do both scripts show as text?")
    assert s["figures"] == ["synthetic_bars", "synthetic_gone"]
    assert s["tables"] == ["synthetic_table", "never_written"]


def test_report_is_offline_and_escapes_markup(executed):
    (executed / "explorer").mkdir()
    (executed / "explorer" / "synthetic_terms.html").write_text("<p>synthetic</p>", encoding="utf-8")
    index = write_report(executed, title="Synthetic report")
    assert '<a href="../explorer/synthetic_terms.html">synthetic_terms</a>' in index.read_text(encoding="utf-8")
    text = index.read_text(encoding="utf-8")
    assert "http://" not in text and "https://" not in text
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in text and "<b>bold</b>" not in text
    assert "never_written.csv was not written by this run" in text    # a named table that is missing says so
    page = (executed / "report" / "01_synthetic.html").read_text(encoding="utf-8")
    assert '<script src="">' not in page and "cdnjs" not in page and "unpkg" not in page
    with pytest.raises(DiscourseError, match="No executed notebooks in .*run `discourse reproduce` first"):
        write_report(executed / "tables")


@pytest.mark.browser
def test_report_opens_in_headless_chromium_from_a_file_path(executed, tmp_path):
    index = write_report(executed, title="Synthetic report")
    with chromium_page(tmp_path) as (page, problems):
        for url in [index.as_uri(), (executed / "report" / "01_synthetic.html").as_uri()]:
            page.goto(url)
            page.wait_for_load_state("load")
            assert check_images_loaded(page) == [], url
            assert page.eval_on_selector_all("img", "imgs => imgs.length") >= 1
            body = page.inner_text("body")
            assert "塔利班进入喀布尔" in body and "Талибы вошли в Кабул" in body   # as text, not pictures
            assert "<script>alert('x')</script>" in body                         # markup shown, not run
            assert page.eval_on_selector_all("b", "bs => bs.filter(b => b.textContent === 'bold').length") == 0
            # the Chinese is drawn with the bundled web font, not boxes, on a machine without CJK fonts
            assert page.evaluate("document.fonts.ready.then(() => [...document.fonts].some("
                                 "f => f.family.includes('Noto Sans SC Subset') && f.status === 'loaded'))"), url
        page.goto(index.as_uri())
        page.click("text=01 · Synthetic check")
        page.wait_for_load_state("load")
        assert page.url.endswith("01_synthetic.html")
    assert problems == []
