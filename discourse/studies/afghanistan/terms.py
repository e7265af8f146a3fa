"""The study's topic filter: which passages are about Afghanistan, in English, Chinese and Russian."""
from __future__ import annotations

import pandas as pd

from discourse.terms import TermFilter

#: Afghanistan keywords per language: the country, its people, the Taliban,
#: Kabul and a few places and names that stand for the story on their own.
#: English and Russian are regular expressions matched case-insensitively at
#: word starts; Chinese has no word boundaries, so the terms are matched as
#: substrings (each is specific enough not to occur inside an unrelated word).
AFGHANISTAN_TERMS: dict[str, list[str]] = {
    "en": [
        r"afghan\w*", r"taliban\w*", r"kabul\w*", r"kandahar\w*", r"bagram\b", r"panjshir\w*", r"jalalabad",
        r"mazar-i-sharif", r"hkia\b", r"hamid karzai international", r"isis-k\b", r"iskp\b",
        r"islamic state[- ]khorasan", r"ashraf ghani", r"khalilzad\w*", r"doha (?:agreement|deal|accord)",
    ],
    "ru": [
        r"афган\w*", r"талиб\w*", r"кабул\w*", r"кандагар\w*", r"баграм\w*", r"панджшер\w*", r"ашраф\w* гани",
        r"халилзад\w*", r"джелалабад\w*", r"мазари-шариф\w*",
    ],
    "zh": ["阿富汗", "塔利班", "喀布尔", "坎大哈", "潘杰希尔", "巴格拉姆", "贾拉拉巴德", "马扎里沙里夫", "阿什拉夫·加尼", "哈利勒扎德"],
}

#: The filter for ``discourse.passages(docs, terms=AFGHANISTAN)``.
AFGHANISTAN = TermFilter(AFGHANISTAN_TERMS, regex=True, name="Afghanistan")


def mentions_afghanistan(data: pd.DataFrame | str, *, language: str | None = None) -> pd.Series | bool:
    """Whether each document or passage (or one string) mentions Afghanistan, in ``title + text``.

    Examples
    --------
    >>> mentions_afghanistan("Талибы вошли в Кабул", language="ru")
    True
    """
    if isinstance(data, str):
        return AFGHANISTAN.search(data, language=language)
    return AFGHANISTAN.mask(data)
