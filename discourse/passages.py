"""Documents → passages (paragraphs or sentences), and the Afghanistan filter.

A *passage* is the unit the framing codebook codes: a paragraph of a speech
or briefing, a whole tweet, a headline with its lead. :func:`passages` turns
a document table into a passage table that carries every document column
along, so grouping by bloc or outlet stays one argument.

Paragraph rule (documented here because results depend on it):

* a document whose text has one paragraph (tweets, headlines, RSS teasers,
  Telegram posts, most 1tv items) is ONE passage: ``title`` and ``text``
  joined by a newline;
* otherwise the title (if any) is passage 0 and each paragraph follows. A
  paragraph is a block separated by blank lines when the text has blank
  lines (the White House transcripts, whose lines are hard-wrapped inside
  paragraphs: the wrapped lines are re-joined with a space), else a line.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from ._errors import DiscourseError, check_option
from .schema import LANGUAGES

UNITS = ("document", "paragraph", "sentence")

#: Afghanistan keywords per language: the country, its people, the Taliban,
#: Kabul and a few places and names that stand for the story on their own.
#: English and Russian are matched case-insensitively at word starts; Chinese
#: has no word boundaries, so the terms are matched as substrings (each is
#: specific enough not to occur inside an unrelated word).
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

_AFGHANISTAN_RX: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"(?<!\w)(?:" + "|".join(AFGHANISTAN_TERMS["en"]) + ")", re.IGNORECASE),
    "ru": re.compile(r"(?<!\w)(?:" + "|".join(AFGHANISTAN_TERMS["ru"]) + ")", re.IGNORECASE),
    "zh": re.compile("|".join(re.escape(t) for t in AFGHANISTAN_TERMS["zh"])),
}

_BLANK_LINE = re.compile(r"\n[ \t\u00a0\u3000]*\n")


def afghanistan_matches(text: str, *, language: str) -> list[str]:
    """Return the Afghanistan keywords found in ``text`` (lower-cased, in order).

    Examples
    --------
    >>> afghanistan_matches("The Taliban entered Kabul on Sunday.", language="en")
    ['taliban', 'kabul']
    >>> afghanistan_matches("Талибы вошли в Кабул", language="ru")
    ['талибы', 'кабул']
    >>> afghanistan_matches("塔利班进入喀布尔", language="zh")
    ['塔利班', '喀布尔']
    """
    check_option("language", language, LANGUAGES)
    return [m.group(0).lower() for m in _AFGHANISTAN_RX[language].finditer(text or "")]


def mentions_afghanistan(data: pd.DataFrame | str, *, language: str | None = None) -> pd.Series | bool:
    """Whether each passage (or one string) mentions Afghanistan.

    Uses :data:`AFGHANISTAN_TERMS` for the row's own language, on
    ``title + text`` when the table has a title column.

    Parameters
    ----------
    data : DataFrame or str
        A documents/passages table (``text``, ``language``) or one string.
    language : {"en", "zh", "ru"}, optional
        Required for a string.

    Returns
    -------
    Series of bool (aligned with ``data``) or bool

    Raises
    ------
    ValueError
        For a string without ``language`` or an unknown language code.
    """
    if isinstance(data, str):
        if language is None:
            raise DiscourseError("`language` is required when `data` is a string (one of 'en', 'zh', 'ru').")
        return bool(afghanistan_matches(data, language=language))
    _require(data, ["text", "language"])
    text = data["text"] if "title" not in data.columns else (data["title"].fillna("") + "\n" + data["text"])
    out = pd.Series(False, index=data.index)
    for lang, idx in data.groupby("language").groups.items():
        check_option("language", lang, LANGUAGES)
        rx = _AFGHANISTAN_RX[lang]
        out.loc[idx] = text.loc[idx].map(lambda s: bool(rx.search(s)))
    return out


def split_paragraphs(text: str) -> list[str]:
    """Split a text into paragraphs by the rule in the module docstring.

    Examples
    --------
    >>> split_paragraphs("One line\\nwrapped.\\n\\nSecond.")
    ['One line wrapped.', 'Second.']
    >>> split_paragraphs("First.\\nSecond.")
    ['First.', 'Second.']
    """
    if _BLANK_LINE.search(text):
        blocks = _BLANK_LINE.split(text)
        paras = [re.sub(r"[ \t\u00a0]*\n[ \t\u00a0]*", " ", b) for b in blocks]
    else:
        paras = text.split("\n")
    return [p.strip() for p in paras if p.strip()]


def split_sentences(text: str, *, language: str) -> list[str]:
    """Split a text into sentences: Punkt trained on our corpus for en/ru, rules for zh.

    A thin pass-through to :func:`discourse.tokenizing.split_sentences` that
    drops empty sentences.

    Examples
    --------
    >>> split_sentences("塔利班进入喀布尔。美军撤离！", language="zh")
    ['塔利班进入喀布尔。', '美军撤离！']
    """
    from .tokenizing import split_sentences as _split  # deferred: loads the Punkt parameters

    check_option("language", language, LANGUAGES)
    return [s for s in _split(text, language=language) if s.strip()]


def passages(
    data: pd.DataFrame,
    *,
    unit: str = "paragraph",
    afghanistan: bool = False,
    min_chars: int = 1,
) -> pd.DataFrame:
    """Split documents into passages, carrying every document column along.

    Parameters
    ----------
    data : DataFrame
        Documents in the corpus schema (at least ``doc_id``, ``text``,
        ``language``; ``title`` is used when present).
    unit : {"paragraph", "sentence", "document"}
        ``"paragraph"`` follows the module's paragraph rule; ``"sentence"``
        splits each paragraph into sentences (language-aware); ``"document"``
        makes one passage of title + text.
    afghanistan : bool
        Keep only passages that mention Afghanistan (:data:`AFGHANISTAN_TERMS`),
        and add a ``matched_terms`` column saying why each was kept.
    min_chars : int
        Drop passages shorter than this many characters (after stripping).

    Returns
    -------
    DataFrame
        One row per passage: ``passage_id`` (``<doc_id>#<index>``),
        ``doc_id``, ``passage_index`` (0-based within the document), ``part``
        (``title``, ``body`` or ``whole``), ``text`` (the passage) and every
        other document column. ``attrs["n_documents"]`` is the number of
        input documents.

    Raises
    ------
    ValueError
        For an unknown ``unit`` or missing columns.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["d1"], "language": ["en"], "bloc": ["US"],
    ...                      "title": ["Remarks"], "text": ["We left Kabul.\\nThe war is over."]})
    >>> passages(docs)[["passage_id", "part", "text", "bloc"]].values.tolist()
    [['d1#0', 'title', 'Remarks', 'US'], ['d1#1', 'body', 'We left Kabul.', 'US'], ['d1#2', 'body', 'The war is over.', 'US']]
    >>> passages(docs, afghanistan=True)["text"].tolist()
    ['We left Kabul.']
    """
    check_option("unit", unit, UNITS)
    _require(data, ["doc_id", "text", "language"])
    if not isinstance(min_chars, int) or min_chars < 0:
        raise DiscourseError(f"Invalid value {min_chars!r} for `min_chars`; must be a non-negative integer.")
    has_title = "title" in data.columns
    records: list[tuple[int, int, str, str]] = []
    for pos, (title, text, lang) in enumerate(
        zip(data["title"] if has_title else [""] * len(data), data["text"], data["language"])
    ):
        check_option("language", lang, LANGUAGES)
        title = (title or "").strip() if isinstance(title, str) else ""
        text = text if isinstance(text, str) else ""
        pieces: list[tuple[str, str]]
        paras = split_paragraphs(text)
        if unit == "document" or len(paras) <= 1:
            whole = "\n".join(p for p in [title, text.strip()] if p)
            pieces = [("whole", whole)]
            if unit == "sentence":
                pieces = [("body", s) for s in _sentences_of([whole], lang)]
        else:
            pieces = [("title", title)] if title else []
            if unit == "sentence":
                pieces += [("body", s) for s in _sentences_of(paras, lang)]
            else:
                pieces += [("body", p) for p in paras]
        for i, (part, piece) in enumerate(pieces):
            records.append((pos, i, part, piece))
    pos_idx = [r[0] for r in records]
    out = data.iloc[pos_idx].reset_index(drop=True).copy()
    out["passage_index"] = [r[1] for r in records]
    out["part"] = [r[2] for r in records]
    out["text"] = pd.Series([r[3] for r in records], index=out.index, dtype=object)
    out["passage_id"] = out["doc_id"].astype(str) + "#" + out["passage_index"].astype(str)
    keep = out["text"].map(lambda t: len(t.strip())) >= max(min_chars, 1)
    out = out.loc[keep]
    if afghanistan:
        terms = [afghanistan_matches(t, language=lang) for t, lang in zip(out["text"], out["language"])]
        out = out.assign(matched_terms=pd.Series([", ".join(dict.fromkeys(t)) for t in terms], index=out.index, dtype=object))
        out = out.loc[[bool(t) for t in terms]]
    first = ["passage_id", "doc_id", "passage_index", "part"]
    out = out[first + [c for c in out.columns if c not in first]].reset_index(drop=True)
    out.attrs = {"n_documents": len(data), "unit": unit}
    return out


def _sentences_of(paragraphs: Iterable[str], language: str) -> list[str]:
    out: list[str] = []
    for p in paragraphs:
        out.extend(split_sentences(p, language=language))
    return out


def _require(data: pd.DataFrame, columns: list[str]) -> None:
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"`data` must be a pandas DataFrame of documents, got {type(data).__name__}")
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise DiscourseError(f"`data` is missing column(s) {missing}; columns present: {list(data.columns)}")
