"""Actors: who is mentioned in a passage, and how often alongside each frame.

An *actor dictionary* is data, not code: a CSV table with one row per form
of an actor's name in one language::

    actor,language,term
    US,en,=US
    US,en,united states
    US,ru,сша
    US,zh,美国

Columns ``actor``, ``language`` (one of :data:`discourse.schema.LANGUAGES`)
and ``term`` are required; a ``note`` column is allowed and ignored. Terms
use the one term syntax of the package (:mod:`discourse.terms`): en/ru
terms match whole words case-insensitively, a trailing ``*`` is a suffix
wildcard (``вашингтон*`` covers Вашингтона, Вашингтоне), a leading ``=``
makes a term case-sensitive (``=US`` is the country, not the pronoun "us"),
and zh terms match as character substrings.

What is measured
----------------
:func:`actor_mentions` says whether (or how often) a passage names an actor.
:func:`actor_frame_cooccurrence` gives, per group and frame, the share of the
group's frame-coded passages that name each actor. That is *co-occurrence in
the same passage*: a passage coded ``blame_responsibility`` that names the US
and the Taliban counts for both, whoever is blamed, and a passage quoting an
accusation counts like one making it. It is not attribution of blame. The
codebook's proximity rules (``rules`` with ``near`` terms, see
:mod:`discourse.framing.codebooks`) tie a frame word to a nearby actor term;
:func:`actor_held_responsible` reports which dictionary actor sits on the
``near`` span of a counted rule hit, the closest measure of "actor held
responsible" this package has — still a word-distance heuristic, not a
reading of who blames whom.

Examples
--------
>>> actors = pd.DataFrame({"actor": ["US", "US", "Taliban"], "language": ["en", "zh", "en"],
...                        "term": ["=US", "美国", "taliban"]})
>>> texts = pd.DataFrame({"text": ["Let us blame the US.", "美国撤军", "The Taliban won."],  # SYNTHETIC
...                       "language": ["en", "zh", "en"]})
>>> actor_mentions(texts, actors=actors)
   US  Taliban
0   1        0
1   1        0
2   0        1
"""
from __future__ import annotations

import csv
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ._errors import DiscourseError, ParameterError, invalid_value_message
from ._validation import check_bool, check_dataframe, column_list, require_columns
from .prevalence import frame_prevalence
from .schema import LANGUAGES
from .terms import check_term, compile_term

__all__ = ["ACTOR_COLUMNS", "read_actors", "actor_mentions", "actor_frame_cooccurrence",
           "actor_held_responsible"]

#: Required columns of an actor dictionary (``note`` is also allowed).
ACTOR_COLUMNS: tuple[str, ...] = ("actor", "language", "term")
_OPTIONAL_COLUMNS = ("note",)


def read_actors(path: str | os.PathLike) -> pd.DataFrame:
    """Read and validate an actor dictionary (CSV; see the module docstring for its format).

    Parameters
    ----------
    path : str or path
        A UTF-8 CSV file with a header row ``actor,language,term`` (and
        optionally ``note``).

    Returns
    -------
    DataFrame
        Columns ``actor``, ``language``, ``term`` (terms with whitespace
        collapsed), in file order; ``attrs["path"]`` holds the file.

    Raises
    ------
    DiscourseError
        Naming the file and line: a missing or unknown column, an empty
        actor or term, an unknown language, a malformed term (``*`` inside a
        word, ``*`` in Chinese), or a duplicated row.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8") as f:
    ...     _ = f.write("actor,language,term\\nUS,en,=US\\nUS,ru,сша\\n")
    >>> read_actors(f.name)
      actor language term
    0    US       en  =US
    1    US       ru  сша
    """
    path = Path(path)
    rows: list[dict[str, str]] = []
    seen: dict[tuple[str, str, str], int] = {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            raise DiscourseError(f"{path}:1: the actor dictionary is empty; it needs a header row "
                                 f"{','.join(ACTOR_COLUMNS)}.")
        header = [h.strip() for h in header]
        for name in header:
            if name not in (*ACTOR_COLUMNS, *_OPTIONAL_COLUMNS):
                raise DiscourseError(f"{path}:1: unknown column {name!r}; an actor dictionary has columns "
                                     f"{', '.join(ACTOR_COLUMNS)} (and optionally note).")
        for name in ACTOR_COLUMNS:
            if name not in header:
                raise DiscourseError(f"{path}:1: missing column {name!r}; the header is {header!r}.")
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue  # a blank line separates actors for a human reader
            if len(values) != len(header):
                raise DiscourseError(f"{path}:{line}: expected {len(header)} fields, got {len(values)}: {values!r}.")
            row = dict(zip(header, (v.strip() for v in values)))
            for name in ("actor", "term"):
                if not row[name]:
                    raise DiscourseError(f"{path}:{line}: empty {name}: column {name!r} has value {row[name]!r}.")
            if row["language"] not in LANGUAGES:
                raise DiscourseError(f"{path}:{line}: unknown language: column 'language' has value "
                                     f"{row['language']!r}; must be one of {', '.join(LANGUAGES)}.")
            try:
                row["term"] = check_term(row["term"], language=row["language"], where="term")
            except ParameterError as err:
                raise DiscourseError(f"{path}:{line}: {err}") from None
            key = (row["actor"], row["language"], row["term"])
            if key in seen:
                raise DiscourseError(f"{path}:{line}: duplicate row {key!r} (first on line {seen[key]}).")
            seen[key] = line
            rows.append({c: row[c] for c in ACTOR_COLUMNS})
    table = pd.DataFrame(rows, columns=list(ACTOR_COLUMNS))
    table.attrs["path"] = str(path)
    return table


def _check_actors(actors: Any) -> pd.DataFrame:
    if isinstance(actors, (str, os.PathLike)):
        return read_actors(actors)
    actors = check_dataframe("actors", actors, what="an actor table (read_actors) or a path to one")
    require_columns(actors, ACTOR_COLUMNS, argument="actors")
    bad = actors.loc[~actors["language"].isin(LANGUAGES), "language"]
    if len(bad):
        raise ParameterError(invalid_value_message("actors['language']", bad.iloc[0], LANGUAGES))
    for term, language in zip(actors["term"], actors["language"]):
        check_term(term, language=language, where="actors['term']")
    if len(actors) == 0:
        raise ParameterError("`actors` has no rows: there is no actor to look for.")
    return actors


def _patterns(actors: pd.DataFrame) -> dict[tuple[str, str], re.Pattern]:
    """One pattern per (actor, language): the alternation of its forms, longest first."""
    out = {}
    for (actor, language), part in actors.groupby(["actor", "language"], sort=False):
        terms = sorted(set(part["term"]), key=len, reverse=True)
        out[actor, language] = re.compile("|".join(f"(?:{compile_term(t, language=language)})" for t in terms),
                                          re.IGNORECASE)
    return out


def _actor_order(actors: pd.DataFrame) -> list[str]:
    return list(dict.fromkeys(actors["actor"]))


def actor_mentions(
    data: pd.DataFrame,
    *,
    actors: pd.DataFrame | str | os.PathLike,
    text: str = "text",
    language: str = "language",
    counts: bool = False,
) -> pd.DataFrame:
    """Which actors each passage names: one 0/1 (or count) column per actor.

    Parameters
    ----------
    data : DataFrame
        Passages (e.g. :func:`discourse.passages`) with a text and a
        language column.
    actors : DataFrame or path
        An actor dictionary (:func:`read_actors`) or the path of its CSV.
    text, language : str
        Columns holding the text and its language.
    counts : bool, default False
        False: 1 if the passage names the actor at all. True: the number of
        non-overlapping matches of the actor's forms (forms are tried longest
        first, so "United States" is one mention, not also "States").

    Returns
    -------
    DataFrame
        Indexed like ``data``, one int column per actor in dictionary order.
        An actor with no form in a passage's language gets 0 there.

    Raises
    ------
    DiscourseError
        If a column is missing, a text or language is missing or unknown, or
        the actor table is malformed.

    Examples
    --------
    >>> actors = pd.DataFrame({"actor": ["US"], "language": ["ru"], "term": ["вашингтон*"]})
    >>> actor_mentions(pd.DataFrame({"text": ["Вашингтону и Вашингтон"], "language": ["ru"]}),  # SYNTHETIC
    ...                actors=actors, counts=True)
       US
    0   2
    """
    check_dataframe("data", data)
    require_columns(data, [text, language])
    counts = check_bool("counts", counts)
    actors = _check_actors(actors)
    langs = data[language]
    bad = ~langs.isin(LANGUAGES)
    if bad.any():
        raise ParameterError(invalid_value_message(f"data[{language!r}]", langs[bad].iloc[0], LANGUAGES))
    texts = data[text]
    if texts.isna().any():
        raise DiscourseError(f"Column {text!r} has a missing text at index {texts.index[texts.isna()][0]!r}.")
    names = _actor_order(actors)
    patterns = _patterns(actors)
    out = np.zeros((len(data), len(names)), dtype=np.int64)
    lang_values = langs.to_numpy()
    text_values = texts.to_numpy()
    for j, actor in enumerate(names):
        for lang in LANGUAGES:
            pattern = patterns.get((actor, lang))
            if pattern is None:
                continue
            for i in np.flatnonzero(lang_values == lang):
                if counts:
                    out[i, j] = sum(1 for _ in pattern.finditer(text_values[i]))
                else:
                    out[i, j] = pattern.search(text_values[i]) is not None
    return pd.DataFrame(out, index=data.index, columns=names)


def actor_frame_cooccurrence(
    data: pd.DataFrame,
    *,
    actors: Sequence[str],
    frames: Sequence[str],
    by: str | Sequence[str] = "bloc",
    n_boot: int = 1000,
    ci: float = 0.95,
    random_state: int | np.random.Generator | None = 0,
    missing: str = "raise",
) -> pd.DataFrame:
    """Share of each group's frame-coded passages that name each actor, with document-bootstrap intervals.

    For group g, frame f and actor a the share is (passages of g coded f
    that name a) / (passages of g coded f). It is computed by
    :func:`discourse.prevalence.frame_prevalence` on the passages coded f,
    with the actor columns as its "frames", so the interval is the same
    cluster bootstrap over documents. This measures co-occurrence in one
    passage, not who is blamed (see the module docstring).

    Parameters
    ----------
    data : DataFrame
        Passages: ``doc_id``, the ``by`` column(s), a 0/1 column per frame
        and a 0/1 column per actor (e.g. joined from :func:`actor_mentions`
        and a classifier's ``predict``).
    actors : list of str
        The actor columns.
    frames : list of str
        The frame columns.
    by : str or list of str, default "bloc"
        Grouping column(s).
    n_boot, ci, random_state, missing
        As in :func:`~discourse.prevalence.frame_prevalence` (the same seed
        is used for every frame, so frames are resampled alike).

    Returns
    -------
    DataFrame
        One row per group x frame x actor (groups with no passage coded f
        are absent for f): the ``by`` column(s), ``frame``, ``actor``,
        ``n_passages`` (the group's passages coded f), ``n_documents``,
        ``n_positive`` (those naming the actor), ``share``, ``ci_low``,
        ``ci_high``. ``attrs`` records the parameters and
        ``measure="co-occurrence in the same passage"``.

    Raises
    ------
    DiscourseError
        If a column is missing or not 0/1, an actor is also a frame, or
        arguments are invalid (as in ``frame_prevalence``).

    Examples
    --------
    >>> coded = pd.DataFrame({  # SYNTHETIC
    ...     "doc_id": ["u1", "u1", "u2", "c1"], "bloc": ["US", "US", "US", "CN"],
    ...     "blame": [1, 1, 0, 1], "US": [1, 0, 1, 1], "Taliban": [0, 1, 0, 0]})
    >>> actor_frame_cooccurrence(coded, actors=["US", "Taliban"], frames=["blame"], n_boot=0)[
    ...     ["bloc", "frame", "actor", "n_passages", "n_positive", "share"]]
      bloc  frame    actor  n_passages  n_positive  share
    0   CN  blame       US           1           1    1.0
    1   CN  blame  Taliban           1           0    0.0
    2   US  blame       US           2           1    0.5
    3   US  blame  Taliban           2           1    0.5
    """
    check_dataframe("data", data)
    actor_cols = column_list(data, "actors", actors)
    frame_cols = column_list(data, "frames", frames)
    both = set(actor_cols) & set(frame_cols)
    if both:
        raise ParameterError(invalid_value_message("actors", sorted(both)[0], must="columns that are not frames"))
    by_cols = column_list(data, "by", by)
    for frame in frame_cols:
        bad = ~data[frame].isin([0, 1])
        if bad.any():
            raise ParameterError(f"Frame column {frame!r} (from `frames`) must hold 0/1; got "
                                 f"{data[frame][bad].iloc[0]!r} at index {data.index[bad][0]!r}.")
    parts = []
    for frame in frame_cols:
        coded = data[data[frame].astype(bool)]
        if len(coded) == 0:
            continue
        for col in by_cols:
            if isinstance(coded[col].dtype, pd.CategoricalDtype):
                coded = coded.assign(**{col: coded[col].cat.remove_unused_categories()})
        table = frame_prevalence(coded, frames=actor_cols, by=by_cols, n_boot=n_boot, ci=ci,
                                 random_state=random_state, missing=missing)
        table = table.rename(columns={"frame": "actor"})
        table.insert(len(by_cols), "frame", frame)
        parts.append(table)
    columns = [*by_cols, "frame", "actor", "n_passages", "n_documents", "n_positive", "share", "ci_low", "ci_high"]
    out = (pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns))
    out.attrs.update({"actors": actor_cols, "frames": frame_cols, "by": by_cols, "n_boot": n_boot, "ci": ci,
                      "random_state": random_state if isinstance(random_state, (int, type(None))) else "Generator",
                      "measure": "co-occurrence in the same passage"})
    return out


def actor_held_responsible(
    data: pd.DataFrame,
    *,
    codebook: Any,
    frame: str,
    actors: pd.DataFrame | str | os.PathLike,
    text: str = "text",
    language: str = "language",
) -> pd.DataFrame:
    """Which actors a frame's proximity rules tie to a frame word in each passage (0/1 per actor).

    An actor counts for a passage when one of its dictionary forms overlaps
    the ``near`` span of a *counted* rule hit of ``frame``
    (:class:`discourse.framing.matching.FrameMatcher`): e.g. "the US must
    bear responsibility" with a rule ``responsib*`` near an actor within 6
    tokens. Lexicon hits of the frame carry no actor and are not used, so a
    passage can carry the frame and hold no actor responsible. The rule
    picks the *closest* ``near`` term, so one hit names one actor. Only
    actors whose forms overlap the rule's own ``near`` terms can ever be
    found: an actor the codebook's ``near`` list lacks (in the Afghanistan
    codebook: China, Russia, Pakistan, the UN) is 0 by construction, which
    says nothing about whether anyone blames it.

    Parameters
    ----------
    data : DataFrame
        Passages with a text and a language column.
    codebook : Codebook
        A loaded codebook (:func:`discourse.framing.load_codebook`).
    frame : str
        A frame id of the codebook that has proximity rules.
    actors : DataFrame or path
        An actor dictionary (:func:`read_actors`).
    text, language : str
        Columns holding the text and its language.

    Returns
    -------
    DataFrame
        Indexed like ``data``, one 0/1 column per actor.

    Raises
    ------
    DiscourseError
        If ``frame`` is not in the codebook or has no proximity rules, or as
        :func:`actor_mentions`.

    Examples
    --------
    >>> from discourse.framing.codebooks import load_codebook
    >>> actors = pd.DataFrame({"actor": ["US", "Taliban"], "language": ["en", "en"],
    ...                        "term": ["=US", "taliban"]})
    >>> texts = pd.DataFrame({"text": ["The US bears responsibility. The Taliban won."],  # SYNTHETIC
    ...                       "language": ["en"]})
    >>> actor_held_responsible(texts, codebook=load_codebook("afghanistan"), frame="blame_responsibility",
    ...                        actors=actors)
       US  Taliban
    0   1        0
    """
    from .framing.matching import FrameMatcher  # the framing stage imports much; load it only when asked

    check_dataframe("data", data)
    require_columns(data, [text, language])
    actors = _check_actors(actors)
    if frame not in codebook.frame_ids:
        raise ParameterError(invalid_value_message("frame", frame, codebook.frame_ids))
    spec = codebook.frames[codebook.frame_ids.index(frame)]
    if not spec.rules:
        raise ParameterError(invalid_value_message(
            "frame", frame, must="a frame with proximity rules (`rules` with `near` terms) in the codebook"))
    names = _actor_order(actors)
    patterns = _patterns(actors)
    matchers: dict[str, FrameMatcher] = {}
    out = np.zeros((len(data), len(names)), dtype=np.int64)
    for i, (value, lang) in enumerate(zip(data[text].to_numpy(), data[language].to_numpy())):
        if lang not in LANGUAGES:
            raise ParameterError(invalid_value_message(f"data[{language!r}]", lang, LANGUAGES))
        if lang not in matchers:
            matchers[lang] = FrameMatcher(codebook, lang)
        spans = [(h.near_start, h.near_end) for h in matchers[lang].hits(value, frames=[frame])
                 if h.counted and h.rule is not None and h.near is not None]
        if not spans:
            continue
        for j, actor in enumerate(names):
            pattern = patterns.get((actor, lang))
            if pattern is None:
                continue
            if any(m.start() < e and s < m.end() for m in pattern.finditer(value) for s, e in spans):
                out[i, j] = 1
    return pd.DataFrame(out, index=data.index, columns=names)
