"""Every path the package uses comes from here.

The bundled corpus is found, in order, at ``$DISCOURSE_CORPUS_DIR``, inside an
installed wheel (``discourse/_corpus``), or in the source checkout
(``<repo>/corpus``). Nothing here ever points at ``../shared``: the staged
sources are needed only to *rebuild* the corpus (``discourse build-corpus``).
"""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
DATA_DIR = PACKAGE_DIR / "data"
NOTEBOOKS_DIR = REPO_DIR / "notebooks"


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
    candidates += [PACKAGE_DIR / "_corpus", REPO_DIR / "corpus"]
    for c in candidates:
        if (c / "documents").is_dir():
            return c
    raise FileNotFoundError(
        "Could not find the bundled corpus (a folder with documents/*.jsonl.gz); looked in: "
        + ", ".join(str(c) for c in candidates)
        + ". Set DISCOURSE_CORPUS_DIR or rebuild it with `discourse build-corpus`."
    )


def output_dir() -> Path:
    """Return where regenerated outputs go (``$DISCOURSE_OUTPUT_DIR`` or ``<repo>/outputs``)."""
    return Path(os.environ.get("DISCOURSE_OUTPUT_DIR", REPO_DIR / "outputs"))


def figures_dir() -> Path:
    """Return the folder figures are written to (``outputs/figures``)."""
    return output_dir() / "figures"


def tables_dir() -> Path:
    """Return the folder result tables are written to (``outputs/tables``)."""
    return output_dir() / "tables"
