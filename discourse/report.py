"""An HTML report of executed notebooks: one page per notebook and an index, self-contained and offline.

:func:`write_report` turns the executed notebooks of an output folder
(``<out>/notebooks/*.ipynb``, as :func:`discourse.notebooks.reproduce` writes
them) into ``<out>/report/``: each notebook as an HTML page (nbconvert's
JupyterLab template, figures embedded), and ``index.html`` with what each
notebook asks (its title and first paragraph), its figures as thumbnails,
the tables a notebook names in its metadata::

    {"discourse": {"report_tables": ["seed_claims_findings"]}}

(each read from ``<out>/tables/<name>.csv``), and links to the interactive
pages in ``<out>/explorer/`` (:func:`discourse.explorer.term_explorer`).
Nothing is fetched from the
network: the CDN scripts of the template (MathJax, require.js, mermaid) are
left out, and the package's Chinese font is copied beside the pages
(``report/fonts/``, with its licence) as a web font, so the pages open from a
``file://`` path on a machine without internet or CJK fonts. Table cells are HTML-escaped, so markup in corpus text shows as
text.
"""
from __future__ import annotations

import base64
import copy
import html
import io
import re
import shutil
from pathlib import Path

import nbformat

from . import paths
from ._errors import DiscourseError
from .results import load_table

__all__ = ["REPORT_FOLDER", "notebook_summary", "write_report"]

#: Subfolder of the output folder that holds the report.
REPORT_FOLDER = "report"
#: Width of the index's thumbnails, in pixels.
THUMBNAIL_WIDTH = 360

_CDN_TRAITS = ("mathjax_url", "require_js_url", "mermaid_js_url", "mermaid_layout_elk_js_url", "jquery_url",
               "widget_renderer_url", "jupyter_widgets_base_url")


def notebook_summary(nb: nbformat.NotebookNode) -> dict:
    """Title, question (first paragraph), figures and report tables of an executed notebook.

    ``figures`` are the names :func:`discourse.notebooks.run_notebook` records
    (the figures the run wrote); ``tables`` those the notebook names in its
    metadata.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(  # synthetic
    ...     "# 01 · Who speaks?\\n\\nThe **share** of each `source`.\\n\\nMore detail.")])
    >>> s = notebook_summary(nb)
    >>> s["title"], s["question"], s["figures"], s["tables"]
    ('01 · Who speaks?', 'The share of each source.', [], [])
    """
    title, question = "", ""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        blocks = [b.strip() for b in re.split(r"\n\s*\n", cell.source) if b.strip()]
        for block in blocks:
            if not title and block.startswith("#"):
                title = _plain(block.lstrip("#").strip().splitlines()[0])
            elif not question and not block.startswith("#"):
                question = _plain(" ".join(block.split()))
        if title and question:
            break
    meta = nb.metadata.get("discourse", {})
    return {"title": title, "question": question, "figures": list(meta.get("figures", [])),
            "tables": list(meta.get("report_tables", []))}


def _plain(markdown: str) -> str:
    """Markdown emphasis, code marks and links reduced to their text (for a one-paragraph summary)."""
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    # Emphasis only: a lone or escaped asterisk, as in the wildcard "withdraw*", is kept.
    text = text.replace("\\*", "\x00")
    text = re.sub(r"(\*\*|\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    return text.replace("\x00", "*")


def _thumbnail(path: Path) -> str:
    """A data: URI of the PNG scaled down to :data:`THUMBNAIL_WIDTH` pixels wide."""
    from PIL import Image

    image = Image.open(path)
    if image.width > THUMBNAIL_WIDTH:
        image = image.resize((THUMBNAIL_WIDTH, round(image.height * THUMBNAIL_WIDTH / image.width)),
                             Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


#: The bundled Chinese font as a web font, copied beside the pages (Latin and Cyrillic keep the browser's fonts).
_FONT_FACE = """<style>
@font-face { font-family: "Noto Sans SC Subset"; src: url("fonts/NotoSansSC-Subset.ttf") format("truetype"); }
:root { --jp-content-font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif,
        "Noto Sans SC Subset"; --jp-ui-font-family: var(--jp-content-font-family);
        --jp-code-font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace, "Noto Sans SC Subset"; }
</style>"""


def _notebook_page(nb: nbformat.NotebookNode) -> str:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    for trait in _CDN_TRAITS:          # older nbconvert releases lack some of them
        if exporter.has_trait(trait):
            setattr(exporter, trait, "")
    # Saved widget state (e.g. progress bars) would make the page fetch the widget manager from a CDN;
    # without it each widget shows its text form.
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    body, _ = exporter.from_notebook_node(nb)
    # No script from a CDN (older templates hard-code some), and none with an empty src (a console error).
    body = re.sub(r'<script[^>]*src="(?:https?:)?//[^"]*"[^>]*>\s*</script>|<script src="">\s*</script>', "", body)
    return body.replace("</head>", _FONT_FACE + "</head>", 1)


def _copy_font(folder: Path) -> None:
    fonts = folder / "fonts"
    fonts.mkdir(exist_ok=True)
    for name in (paths.BUNDLED_CJK_FONT.name, "OFL.txt"):
        shutil.copyfile(paths.BUNDLED_CJK_FONT.parent / name, fonts / name)


def _table_html(name: str, folder: Path) -> str:
    """A saved result table (:func:`discourse.results.load_table`) as escaped HTML, or a note that it is missing."""
    try:
        table = load_table(name, folder=folder)
    except FileNotFoundError:
        return f'<p class="missing">Table {html.escape(name)}.csv was not written by this run.</p>'
    return table.to_html(index=False, escape=True, na_rep="\u2014", float_format=lambda v: f"{v:.3f}",
                         classes="table", border=0)


_STYLE = """
body { font-family: var(--jp-content-font-family); margin: 2em auto;
       max-width: 72em; padding: 0 1em; color: #222; line-height: 1.45; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 2em; border-top: 1px solid #ddd; padding-top: 1em; }
.thumbs { display: flex; flex-wrap: wrap; gap: 0.8em; }
.thumbs figure { margin: 0; width: 17em; } .thumbs img { width: 100%; border: 1px solid #ddd; }
.thumbs figcaption { font-size: 0.75em; color: #555; word-break: break-all; }
table.table { border-collapse: collapse; font-size: 0.85em; margin: 1em 0; }
table.table th, table.table td { border-bottom: 1px solid #ddd; padding: 0.3em 0.6em; text-align: left;
                                 vertical-align: top; }
.missing { color: #a00; }
"""


def write_report(output_dir: str | Path, *, title: str = "Executed notebooks") -> Path:
    """Write ``<output_dir>/report/``: one HTML page per executed notebook and ``index.html``; return the index.

    Parameters
    ----------
    output_dir : str or Path
        An output folder of :func:`discourse.notebooks.reproduce`, holding
        ``notebooks/`` (executed) and ``tables/``.
    title : str
        Heading of the index page.

    Returns
    -------
    Path
        ``<output_dir>/report/index.html``.

    Raises
    ------
    DiscourseError
        If ``<output_dir>/notebooks`` holds no executed notebook.
    """
    out = Path(output_dir)
    executed = sorted((out / "notebooks").glob("*.ipynb"))
    if not executed:
        raise DiscourseError(f"No executed notebooks in {(out / 'notebooks').resolve()}; run "
                             "`discourse reproduce` first.")
    folder = out / REPORT_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    _copy_font(folder)
    sections = []
    for path in executed:
        nb = nbformat.read(path, as_version=4)
        page = f"{path.stem}.html"
        (folder / page).write_text(_notebook_page(nb), encoding="utf-8")
        summary = notebook_summary(nb)
        pngs = [out / "figures" / f"{name}.png" for name in summary["figures"]]
        thumbs = "".join(f'<figure><a href="{page}"><img alt="{html.escape(p.stem)}" src="{_thumbnail(p)}"></a>'
                         f"<figcaption>{html.escape(p.stem)}</figcaption></figure>" for p in pngs if p.is_file())
        tables = "".join(f"<h3>{html.escape(name)}</h3>{_table_html(name, out / 'tables')}"
                         for name in summary["tables"])
        sections.append(
            f'<h2><a href="{page}">{html.escape(summary["title"] or path.stem)}</a></h2>'
            f'<p>{html.escape(summary["question"])}</p>'
            + (f'<div class="thumbs">{thumbs}</div>' if thumbs else "") + tables)
    explorers = sorted((out / "explorer").glob("*.html"))
    if explorers:      # interactive pages the notebooks wrote (discourse.explorer), linked as they are
        sections.append("<h2>Interactive pages</h2><ul>" + "".join(
            f'<li><a href="../explorer/{html.escape(p.name)}">{html.escape(p.stem)}</a> '
            f"({p.stat().st_size / 1e6:.1f} MB)</li>" for p in explorers) + "</ul>")
    index = folder / "index.html"
    index.write_text(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title>{_FONT_FACE}<style>{_STYLE}</style></head><body>"
        f"<h1>{html.escape(title)}</h1><p>{len(executed)} notebooks, executed headless; open a title for the "
        "whole notebook with its code and outputs.</p>" + "".join(sections) + "</body></html>\n",
        encoding="utf-8")
    return index
