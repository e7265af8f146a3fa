"""Progress bars for long work: one rule for when they show, one bar over characters.

A bar shows only in an interactive session (a Jupyter kernel or a terminal
on stderr) and only for work that may take more than a few seconds, so
headless runs and logs stay clean.
"""
from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

#: Work on more characters than this (in all) gets a progress bar over characters.
PROGRESS_CHARS = 2_000_000


def interactive() -> bool:
    """True in a Jupyter kernel or when stderr is a terminal."""
    if "ipykernel" in sys.modules:
        return True
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def char_progress(total: int, desc: str) -> Any:
    """A tqdm bar over ``total`` characters, shown for long interactive work; a silent one otherwise."""
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="char", unit_scale=True, leave=False,
                disable=not (total > PROGRESS_CHARS and interactive()))


@contextmanager
def one_text(bar: Any, length: int) -> Iterator[Any]:
    """Work on one text of ``length`` characters: it may advance ``bar`` as it goes; on exit the bar has
    advanced by exactly ``length`` (so a bar moves inside a long text and ends at its total)."""
    start = bar.n
    yield bar
    bar.update(length - (bar.n - start))
