"""Run the project's notebooks headless, with parameters, and collect their outputs.

Each notebook in ``notebooks/`` has one cell tagged ``parameters``. To run it
with other values we insert a cell right after that one which assigns the
overrides (the convention papermill made familiar), execute with nbclient,
and write the executed copy to ``outputs/notebooks/``. We do this in a few
lines instead of depending on papermill, which would add an HTTP client and
several other packages to the install for this one job.
"""
from __future__ import annotations

import os
import re
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

from . import paths
from ._errors import DiscourseError, ParameterError, invalid_value_message


def notebook_paths(folder: str | Path | None = None) -> list[Path]:
    """The notebooks to run, in name order (``NN_topic.ipynb``); default ``<project>/notebooks``."""
    folder = Path(folder) if folder is not None else paths.project_dir() / "notebooks"
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))


def inject_parameters(nb: nbformat.NotebookNode, parameters: Mapping[str, Any]) -> nbformat.NotebookNode:
    """Insert a cell assigning ``parameters`` after the cell tagged ``parameters``.

    Raises
    ------
    DiscourseError
        If parameters are given but no cell is tagged ``parameters``, or a
        name is not assigned in that cell (a typo would otherwise be ignored).
    """
    if not parameters:
        return nb
    idx = next((i for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if idx is None:
        raise DiscourseError("The notebook has no cell tagged 'parameters'; cannot inject parameters.")
    source = nb.cells[idx].source
    defined = _assigned_names(source)
    for name in parameters:
        if name not in defined:
            raise ParameterError(invalid_value_message("parameters", name, defined,
                                                       hint="The notebook's parameters cell defines only these."))
    lines = ["# Parameters injected by discourse.notebooks.run_notebook"]
    lines += [f"{k} = {v!r}" for k, v in parameters.items()]
    cell = nbformat.v4.new_code_cell("\n".join(lines), metadata={"tags": ["injected-parameters"]})
    nb.cells.insert(idx + 1, cell)
    return nb


def run_notebook(
    path: str | Path,
    *,
    parameters: Mapping[str, Any] | None = None,
    output_dir: str | Path | None = None,
    timeout: int = 1200,
    kernel_name: str = "python3",
) -> Path:
    """Execute one notebook headless and write the executed copy.

    The copy's metadata lists, under ``discourse.figures``, the figures the
    run wrote to ``<output_dir>/figures`` (for :func:`discourse.report.write_report`).

    Returns
    -------
    Path
        The executed notebook (``<output_dir>/notebooks/<name>``).

    Raises
    ------
    nbclient.exceptions.CellExecutionError
        If a cell fails; the message shows the cell and the traceback.
    """
    path = Path(path)
    # Absolute: the kernel runs in the notebook's folder, where a relative
    # path would point somewhere else.
    out_root = (Path(output_dir) if output_dir is not None else paths.output_dir()).resolve()
    nb = nbformat.read(path, as_version=4)
    inject_parameters(nb, parameters or {})
    # The kernel gets the output folder through its own environment; ours is
    # left untouched.
    # Figures display inline in the executed copy even when our shell draws with Agg (MPLBACKEND=Agg).
    env = {**os.environ, "DISCOURSE_OUTPUT_DIR": str(out_root), "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    before = _figure_stamps(out_root)
    NotebookClient(nb, timeout=timeout, kernel_name=kernel_name,
                   resources={"metadata": {"path": str(path.parent)}}).execute(env=env)
    # Which figures this run wrote (new or rewritten), for the report's index.
    after = _figure_stamps(out_root)
    nb.metadata.setdefault("discourse", {})["figures"] = sorted(
        name for name, stamp in after.items() if before.get(name) != stamp)
    dest = out_root / "notebooks" / path.name
    dest.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, dest)
    return dest


def _figure_stamps(out_root: Path) -> dict[str, tuple[int, int]]:
    """Modification time and size of every PNG figure under ``out_root/figures``."""
    folder = out_root / "figures"
    return {p.stem: (p.stat().st_mtime_ns, p.stat().st_size) for p in folder.glob("*.png")} if folder.is_dir() else {}


def reproduce(
    *,
    notebooks: Sequence[str] | None = None,
    folder: str | Path | None = None,
    parameters: Mapping[str, Any] | None = None,
    output_dir: str | Path | None = None,
) -> list[tuple[Path, float]]:
    """Run every notebook of ``folder`` (or the named ones) in order; return (executed path, seconds).

    Parameters are injected into every notebook whose parameters cell
    defines them (a name no notebook defines is an error).

    Raises
    ------
    ParameterError
        For an unknown notebook name or a parameter no notebook defines.
    DiscourseError
        If the folder holds no notebooks.
    """
    all_nbs = notebook_paths(folder)
    if not all_nbs:
        raise DiscourseError(f"No notebooks (NN_name.ipynb) in {Path(folder or 'notebooks').resolve()}.")
    if notebooks:
        names = {p.stem: p for p in all_nbs}
        unknown = [n for n in notebooks if Path(n).stem not in names]
        if unknown:
            raise ParameterError(invalid_value_message("notebooks", unknown[0], list(names)))
        all_nbs = [names[Path(n).stem] for n in notebooks]
    parameters = dict(parameters or {})
    per_notebook = {nb: {k: v for k, v in parameters.items() if k in _parameter_names(nb)} for nb in all_nbs}
    unused = set(parameters) - {k for p in per_notebook.values() for k in p}
    if unused:
        raise ParameterError(invalid_value_message("parameters", sorted(unused)[0],
                                                   sorted({n for nb in all_nbs for n in _parameter_names(nb)})))
    done = []
    for nb in all_nbs:
        t0 = time.perf_counter()
        out = run_notebook(nb, parameters=per_notebook[nb], output_dir=output_dir)
        done.append((out, time.perf_counter() - t0))
    return done


#: matplotlib's warning when no font in the fallback chain has a character.
_MISSING_GLYPH = re.compile(r"Glyph (\d+) \(.+?\) missing from font")


def missing_glyphs(path: str | Path) -> list[str]:
    """Characters an executed notebook's figures could not draw (from matplotlib's warnings in its outputs).

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
    ...     "stream", name="stderr", text="UserWarning: Glyph 25991 (\\N{CJK UNIFIED IDEOGRAPH-6587}) missing "
    ...     "from font(s) DejaVu Sans.")])])
    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> nbformat.write(nb, folder / "01_x.ipynb")
    >>> missing_glyphs(folder / "01_x.ipynb")
    ['文']
    """
    nb = nbformat.read(Path(path), as_version=4)
    found: list[str] = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            text = output.get("text", "") if output.get("output_type") == "stream" else ""
            for code in _MISSING_GLYPH.findall(text):
                char = chr(int(code))
                if char not in found:
                    found.append(char)
    return found


def _assigned_names(source: str) -> list[str]:
    """Names assigned at the top level of a parameters cell (``NAME = value`` lines)."""
    return [line.split("=", 1)[0].strip() for line in source.splitlines()
            if "=" in line and not line.lstrip().startswith("#") and not line.startswith((" ", "\t"))]


def _parameter_names(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    cell = next((c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    return _assigned_names(cell.source) if cell is not None else []
