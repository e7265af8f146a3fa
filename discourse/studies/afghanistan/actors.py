"""The study's actor dictionary: who may be blamed (US, Taliban, the former Afghan government, ...), in en/zh/ru.

The forms live in ``actors.csv`` next to this module (format:
:mod:`discourse.actors`); every form was checked against the bundled corpus
(hits per language are asserted in ``tests/studies/test_afghanistan_actors.py``).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from discourse.actors import read_actors

#: The bundled actor dictionary.
ACTORS_PATH: Path = Path(__file__).with_name("actors.csv")
#: Actors of the dictionary, in the order figures show them.
ACTORS: tuple[str, ...] = ("US", "Taliban", "Afghan government", "NATO", "China", "Russia", "Pakistan", "UN")


def load_actors() -> pd.DataFrame:
    """The study's actor dictionary (``actor``, ``language``, ``term``), validated by :func:`~discourse.actors.read_actors`.

    Examples
    --------
    >>> table = load_actors()
    >>> tuple(dict.fromkeys(table["actor"])) == ACTORS
    True
    >>> sorted(table["language"].unique())
    ['en', 'ru', 'zh']
    """
    return read_actors(ACTORS_PATH)
