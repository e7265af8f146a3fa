"""Result tables written by the notebooks, named by content, read back by the tests."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import paths
from ._errors import ParameterError, invalid_value_message


def save_table(data: pd.DataFrame, name: str, *, folder: str | Path | None = None) -> Path:
    """Write ``data`` to ``<folder>/<name>.csv`` (default :func:`discourse.paths.tables_dir`) and return the path.

    Raises
    ------
    ParameterError
        If ``name`` has a folder or an extension in it.
    """
    if not isinstance(name, str) or not name or "/" in name or "." in name:
        raise ParameterError(invalid_value_message(
            "name", name, must="a content name without folder or extension, such as 'passages_by_source'"))
    folder = Path(folder) if folder is not None else paths.tables_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.csv"
    # A meaningful index (e.g. frame names) becomes a column; a RangeIndex is dropped.
    if not isinstance(data.index, pd.RangeIndex):
        data = data.reset_index()
    data.to_csv(path, index=False, lineterminator="\n")
    return path


def load_table(name: str, *, folder: str | Path | None = None) -> pd.DataFrame:
    """Read a table written by :func:`save_table`.

    Raises
    ------
    FileNotFoundError
        Naming the path and suggesting ``discourse reproduce``.
    """
    folder = Path(folder) if folder is not None else paths.tables_dir()
    path = folder / f"{name}.csv"
    if not path.exists():
        raise FileNotFoundError(f"No result table {path}; run `discourse reproduce` to regenerate the notebooks' outputs.")
    return pd.read_csv(path)
