"""Shared fixtures. Tiny frames here are SYNTHETIC test data, not corpus documents."""
from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # headless: tests never open windows

import matplotlib.pyplot as plt
import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture
def tiny_docs() -> pd.DataFrame:
    """Synthetic documents in the corpus schema (three languages, three blocs)."""
    return pd.DataFrame(
        {
            "doc_id": ["us1", "cn1", "ru1", "us2"],
            "country": ["USA", "CHN", "RUS", "USA"],
            "source": ["Synthetic US", "Synthetic CN", "Synthetic RU", "Synthetic US"],
            "genre": ["tweet", "tv_news", "tv_news", "official_remarks"],
            "date": ["2021-08-15", "2021-08-16", "2021-08-16", "2021-08-31"],
            "language": ["en", "zh", "ru", "en"],
            "title": ["", "塔利班进入喀布尔", "Талибы в Кабуле", "Remarks on the end of the war"],
            "text": [
                "The Taliban entered Kabul today.",
                "央视网消息：塔利班进入喀布尔。\n美国撤军引发混乱。",
                "Талибы вошли в Кабул.",
                "We ended the war in Afghanistan.\n\nIt was the right decision.\n\nThe weather was fine.",
            ],
        }
    )


@pytest.fixture(scope="session")
def corpus() -> pd.DataFrame:
    import discourse

    return discourse.load_corpus()
