"""Documents → passages (paragraphs or sentences), optionally only those on a topic.

A *passage* is the unit a framing codebook codes: a paragraph of a speech
or briefing, a whole tweet, a headline with its lead. :func:`passages` turns
a document table into a passage table that carries every document column
along, so grouping by outlet, country or any document variable stays one
argument. With ``terms=`` (a :class:`~discourse.terms.TermFilter` or a list
of terms) it keeps only the passages that mention the topic.

Paragraph rule (documented here because results depend on it):

* a document whose text has one paragraph (tweets, headlines, RSS teasers,
  Telegram posts, most TV news items) is ONE passage: ``title`` and ``text``
  joined by a newline;
* otherwise the title (if any) is passage 0 and each paragraph follows. A
  paragraph is a block separated by blank lines when the text has blank
  lines (transcripts whose lines are hard-wrapped inside paragraphs: the
  wrapped lines are re-joined with a space), else a line.

Sentences come from :func:`discourse.tokenizing.split_sentences` (Punkt
trained on our corpus for English and Russian, rules for Chinese).
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from ._errors import DiscourseError
from ._validation import check_int, check_option, require_columns
from .inputs import text_inputs
from .terms import TermFilter
from .tokenizing import split_sentences

__all__ = ["UNITS", "passages", "split_paragraphs"]

UNITS = ("document", "paragraph", "sentence")

_BLANK_LINE = re.compile(r"\n[ \t\u00a0\u3000]*\n")


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


def _as_filter(terms: Any) -> TermFilter | None:
    if terms is None or isinstance(terms, TermFilter):
        return terms
    if isinstance(terms, (Mapping, Sequence)) and not isinstance(terms, str):
        return TermFilter(terms)
    return TermFilter(terms)  # raises the standard message for anything else


def _check_unique_ids(data: pd.DataFrame) -> None:
    """Passage ids are built from doc_ids, and shares resample whole documents: one doc_id, one document."""
    ids = data["doc_id"].astype(str)
    dup = ids[ids.duplicated(keep=False)]
    if len(dup):
        doc = dup.iloc[0]
        rows = [repr(r) for r in dup.index[dup == doc][:5]]
        raise DiscourseError(
            f"`data` has doc_id {doc!r} in rows {', '.join(rows)} ({dup.nunique()} doc_id(s) repeated in all): "
            "passages of different documents would share ids and be counted as one document. Make the ids unique "
            "(e.g. prefix each file's ids when concatenating, or read the files together with read_jsonl([...]))."
        )


def passages(
    data: pd.DataFrame,
    *,
    unit: str = "paragraph",
    terms: TermFilter | Sequence[str] | Mapping[str, Sequence[str]] | None = None,
    min_chars: int = 1,
    missing: str = "raise",
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
    terms : TermFilter, list of str or mapping of language to terms, optional
        Keep only passages that mention one of the terms (a list applies to
        every language; see :mod:`discourse.terms` for the syntax), and add a
        ``matched_terms`` column saying why each was kept.
    min_chars : int
        Drop passages shorter than this many characters (after stripping).
    missing : {"raise", "drop"}, default "raise"
        A document with a missing or empty text raises an error naming it;
        ``"drop"`` leaves it out with a warning, and lists it in
        ``attrs["dropped_documents"]`` (see :mod:`discourse.inputs`).

    Returns
    -------
    DataFrame
        One row per passage: ``passage_id`` (``<doc_id>#<index>``),
        ``doc_id``, ``passage_index`` (0-based within the document), ``part``
        (``title``, ``body`` or ``whole``), ``text`` (the passage) and every
        other document column. ``attrs`` holds ``n_documents`` (documents
        in), ``unit`` and, for ``terms``, the filter's ``repr``.

    Raises
    ------
    ParameterError
        For an unknown ``unit``, a bad ``min_chars`` or ``terms``, missing
        columns, or an unsupported language.
    DiscourseError
        For a ``doc_id`` on two rows (e.g. two files concatenated).
    MissingDataError
        For a document without text (unless ``missing="drop"``).

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["d1"], "language": ["en"], "source": ["Synthetic"],  # synthetic
    ...                      "title": ["Remarks"], "text": ["We left Kabul.\\nThe war is over."]})
    >>> passages(docs)[["passage_id", "part", "text", "source"]].values.tolist()
    [['d1#0', 'title', 'Remarks', 'Synthetic'], ['d1#1', 'body', 'We left Kabul.', 'Synthetic'], \
['d1#2', 'body', 'The war is over.', 'Synthetic']]
    >>> passages(docs, terms=["kabul"])["text"].tolist()
    ['We left Kabul.']
    """
    check_option("unit", unit, UNITS)
    min_chars = check_int("min_chars", min_chars, minimum=0)
    term_filter = _as_filter(terms)
    require_columns(data, ["doc_id", "text", "language"])
    _check_unique_ids(data)
    inputs = text_inputs(data, missing=missing, allowed=("raise", "drop"))
    docs = inputs.frame
    has_title = "title" in docs.columns
    titles = docs["title"].tolist() if has_title else [""] * len(docs)
    records: list[tuple[int, int, str, str]] = []
    for pos, (title, text, lang) in enumerate(zip(titles, inputs.texts, inputs.languages)):
        title = title.strip() if isinstance(title, str) else ""
        pieces: list[tuple[str, str]]
        paras = split_paragraphs(text)
        if unit == "document" or len(paras) <= 1:
            whole = "\n".join(p for p in [title, text.strip()] if p)
            pieces = [("whole", whole)]
            if unit == "sentence":
                pieces = [("body", s) for s in split_sentences(whole, language=lang)]
        else:
            pieces = [("title", title)] if title else []
            if unit == "sentence":
                pieces += [("body", s) for p in paras for s in split_sentences(p, language=lang)]
            else:
                pieces += [("body", p) for p in paras]
        for i, (part, piece) in enumerate(pieces):
            records.append((pos, i, part, piece))
    out = docs.iloc[[r[0] for r in records]].reset_index(drop=True).copy()
    out["passage_index"] = [r[1] for r in records]
    out["part"] = [r[2] for r in records]
    out["text"] = pd.Series([r[3] for r in records], index=out.index, dtype=object)
    out["passage_id"] = out["doc_id"].astype(str) + "#" + out["passage_index"].astype(str)
    keep = out["text"].map(lambda t: len(t.strip())) >= max(min_chars, 1)
    out = out.loc[keep]
    if term_filter is not None:
        found = [term_filter.matches(t, language=lang) for t, lang in zip(out["text"], out["language"])]
        out = out.assign(matched_terms=pd.Series([", ".join(dict.fromkeys(t)) for t in found],
                                                 index=out.index, dtype=object))
        out = out.loc[[bool(t) for t in found]]
    first = ["passage_id", "doc_id", "passage_index", "part"]
    out = out[first + [c for c in out.columns if c not in first]].reset_index(drop=True)
    out.attrs = {"n_documents": len(data), "unit": unit}
    if term_filter is not None:
        out.attrs["terms"] = repr(term_filter)
    if inputs.missing:
        out.attrs["dropped_documents"] = list(inputs.missing)
    return out
