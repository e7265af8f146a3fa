"""Every path the package uses comes from here.

* The bundled corpus is found, in order, at ``$DISCOURSE_CORPUS_DIR``, inside
  an installed wheel (``discourse/_corpus``), or in the source checkout
  (``<repo>/corpus``). Nothing here ever points at ``../shared``: the staged
  sources are needed only to *rebuild* the corpus (``discourse build-corpus``).
* Outputs (figures, tables, executed notebooks) go to ``$DISCOURSE_OUTPUT_DIR``
  when set (``discourse reproduce`` sets it for the notebooks it runs), else
  to ``outputs/`` in the project folder: the nearest folder, from the working
  directory up, that has a ``notebooks/`` folder (so a notebook opened in
  JupyterLab writes beside the project), else the working directory. Never
  into the installed package.
"""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
_SOURCE_CORPUS = PACKAGE_DIR.parent / "corpus"
#: The bundled Chinese font (a Noto Sans CJK SC subset, SIL OFL; its licence and provenance sit beside it).
BUNDLED_CJK_FONT = DATA_DIR / "fonts" / "NotoSansSC-Subset.ttf"


def corpus_dir() -> Path:
    """Return the folder that holds the bundled corpus files.

    Raises
    ------
    FileNotFoundError
        If no candidate folder holds ``corpus/documents``.
    """
    candidates = []
    env = os.environ.get("DISCOURSE_CORPUS_DIR")
    if env:
        candidates.append(Path(env))
    candidates += [PACKAGE_DIR / "_corpus", _SOURCE_CORPUS]
    for c in candidates:
        if (c / "documents").is_dir():
            return c
    raise FileNotFoundError(
        "Could not find the bundled corpus (a folder with documents/*.jsonl.gz); looked in: "
        + ", ".join(str(c) for c in candidates)
        + ". Set DISCOURSE_CORPUS_DIR or rebuild it with `discourse build-corpus`."
    )


def project_dir(start: str | Path | None = None) -> Path:
    """The nearest folder from ``start`` (default: the working directory) up that holds ``notebooks/``, else ``start``."""
    here = Path(start) if start is not None else Path.cwd()
    for folder in (here, *here.parents):
        if (folder / "notebooks").is_dir():
            return folder
    return here


def output_dir() -> Path:
    """Return where regenerated outputs go (``$DISCOURSE_OUTPUT_DIR`` or ``<project>/outputs``)."""
    env = os.environ.get("DISCOURSE_OUTPUT_DIR")
    return Path(env) if env else project_dir() / "outputs"


def figures_dir() -> Path:
    """Return the folder figures are written to (``outputs/figures``)."""
    return output_dir() / "figures"


def tables_dir() -> Path:
    """Return the folder result tables are written to (``outputs/tables``)."""
    return output_dir() / "tables"
