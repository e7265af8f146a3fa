"""Synthetic test data shared by several test modules (written for the tests; not corpus documents)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

# A token stream with repeats, a self-pair ("the the") and words that occur
# only once, so pmi, t and G2 take varied values.
WORDS = (
    "the cat sat on the mat the cat ran to the dog the dog sat on the cat "
    "a big dog ran to the mat the the cat sat big dog big cat on a mat"
).split()
TEXT = " ".join(WORDS)

# (a, b, c, d): feature count in target / reference, token totals of target / reference
TABLES = [
    (10, 5, 1000, 1000),
    (0, 7, 500, 800),  # zero cell
    (12, 0, 300, 5000),  # zero cell on the other side
    (40, 40, 2000, 2000),  # identical rates
    (3, 250, 10_000, 90_000),
    (999, 1, 1000, 1000),
]


def mixed_docs() -> pd.DataFrame:
    """A mixed-language documents table in the corpus schema (subset)."""
    return pd.DataFrame({
        "doc_id": ["us1", "ru1", "cn1", "us2"],
        "bloc": ["US", "RU", "CN", "US"],
        "source": ["White House", "TASS", "Xinhua", "State Dept"],
        "date": pd.to_datetime(["2021-08-15", "2021-08-16", "2021-08-17", "2021-08-30"]),
        "language": ["en", "ru", "zh", "en"],
        "text": [
            "The Taliban entered Kabul. The US withdrew.",
            "Талибы вошли в Кабул. Совет Безопасности ООН собрался.",
            "塔利班进入喀布尔。联合国安理会召开会议。",
            "We withdraw troops; the Security Council met. Taliban fighters followed.",
        ],
    })


def write_file(folder: Path, text: str, name: str = "cb.yaml") -> Path:
    """Write ``text`` to ``folder/name`` (UTF-8) and return the path."""
    path = Path(folder) / name
    path.write_text(text, encoding="utf-8")
    return path
