"""Search many lists of terms in one pass over a text, with the matches of their regular expressions.

A codebook compiles, per language, dozens of term lists (each frame's
lexicon, its rules' terms and context terms, its negations, each
exclusion), and each list's meaning is a regular expression
(:func:`discourse.terms.compile_term`): at each position the first term of
the list that matches there wins, matches never overlap, the scan goes left
to right (Python's ``re.finditer`` over the alternation of the terms).
Running every alternation over a long text costs the number of word starts
times the number of terms. :class:`TermIndex` finds the same matches in one
pass of an Aho–Corasick automaton (pyahocorasick) over a case-folded copy
of the text and then runs the regular expressions only where a term can
start.

Why the matches are the same
----------------------------
Each term has a *head*: the characters its pattern must match literally at
its start (English and Russian: the first word's stem up to its first
character that is not a word character or whose case-insensitive matches
are not all word characters; Chinese: the whole term). Both the text and
the heads are mapped through one fold that gives every character the same
value as every character the regular expression engine would match with
it under ``re.IGNORECASE`` (the classes are read off the engine itself, see
:func:`_match_class`). Non-word characters become a space, and English and
Russian heads are preceded by a space, so the automaton finds a head
exactly where the term's ``(?<!\\w)`` holds. Every position where a term
matches is therefore a position where its head was found (a term without a
head is looked for with its own pattern); there the term's own pattern
decides, first term of the list first, and a position inside the previous
match is skipped, as ``finditer`` does. ``tests/test_term_index.py``
compares the two on every corpus passage and on generated texts.
"""
from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Sequence
from functools import cache

import ahocorasick

from .terms import _char_class, _WORD_SPLIT, check_term, compile_term

__all__ = ["TermIndex"]

_IS_WORD = re.compile(r"\w").match


@cache
def _cased_characters() -> str:
    """Every character that has another case (``c.lower() != c or c.upper() != c``), in code-point order.

    An ``re.IGNORECASE`` literal matches only itself unless it is one of
    these, and then only others of these (``test_term_index`` checks both
    over every code point).
    """
    return "".join(chr(c) for c in range(sys.maxunicode + 1)
                   if not 0xD800 <= c <= 0xDFFF and (chr(c).lower() != chr(c) or chr(c).upper() != chr(c)))


def _is_cased(ch: str) -> bool:
    return ch.lower() != ch or ch.upper() != ch


@cache
def _match_class(char_pattern: str, ch: str) -> frozenset[str]:
    """The characters ``re.compile(char_pattern, re.IGNORECASE)`` matches, read off the engine.

    ``char_pattern`` is the pattern :func:`discourse.terms.compile_term`
    writes for the character ``ch`` of a term (``ch`` itself escaped, or a
    class such as ``[её]`` whose other members are cased too).
    """
    if not _is_cased(ch) and not char_pattern.startswith("["):
        return frozenset(ch)
    return frozenset(re.findall(char_pattern, ch + _cased_characters(), re.IGNORECASE))


def _head(term: str, language: str) -> list[frozenset[str]]:
    """Per character a match of ``term`` must start with, the characters that can stand there."""
    term = check_term(term, language=language)
    if term.startswith("="):
        term = term[1:]
    if language == "zh":
        return [_match_class(re.escape(ch), ch) for ch in term]
    word = _WORD_SPLIT.split(term)[0]
    stem = word[:-1] if word.endswith("*") else word
    head = []
    for ch in stem:
        members = _match_class(_char_class(ch, language), ch)
        if not all(_IS_WORD(c) for c in members):
            break  # an apostrophe, a dot ("u.s."), or a letter matched by a non-word character
        head.append(members)
    return head


class _Groups:
    """Terms in lists: per term its list, its place in the list and its own compiled pattern."""

    def __init__(self) -> None:
        self.terms: list[str] = []          # per term id
        self.group: list[int] = []          # per term id
        self.rank: list[int] = []           # per term id: place in its list (first wins)
        self.patterns: list[re.Pattern] = []
        self.sizes: list[int] = []          # per list


class TermIndex:
    """Lists of terms of one language, compiled for :meth:`search`.

    Parameters
    ----------
    language : {"en", "zh", "ru"}
        The language of the terms and texts.

    Examples
    --------
    >>> index = TermIndex("en")
    >>> lexicon = index.add(["isis-k", "isis", "attack*"])      # synthetic terms
    >>> exclusion = index.add(["heart attack"])
    >>> found = index.search("ISIS-K claimed the attack; a heart attack too.")
    >>> found[lexicon]
    [('isis-k', 0, 6), ('attack*', 19, 25), ('attack*', 35, 41)]
    >>> found[exclusion]
    [('heart attack', 29, 41)]
    """

    def __init__(self, language: str):
        self.language = language
        self._groups = _Groups()
        self._automaton: ahocorasick.Automaton | None = None
        self._fold: dict[str, str] = {}
        self._unanchored: list[tuple[int, re.Pattern]] = []

    def add(self, terms: Sequence[str]) -> int:
        """Add one list of terms, in the order that decides between terms matching at one position.

        Returns
        -------
        int
            The list's number, the key of its matches in :meth:`search`.
        """
        g = self._groups
        number = len(g.sizes)
        for rank, term in enumerate(terms):
            g.terms.append(term)
            g.group.append(number)
            g.rank.append(rank)
            g.patterns.append(re.compile(compile_term(term, language=self.language), re.IGNORECASE))
        g.sizes.append(len(terms))
        self._automaton = None
        return number

    def _build(self) -> ahocorasick.Automaton:
        g = self._groups
        heads = [_head(term, self.language) for term in g.terms]
        # One value per character the engine matches with a head's character:
        # union the classes that share a character, keep the smallest member.
        parent: dict[str, str] = {}

        def root(c: str) -> str:
            while parent[c] != c:
                parent[c] = parent[parent[c]]
                c = parent[c]
            return c

        for head in heads:
            for chars in head:
                members = sorted(chars)
                for c in members:
                    parent.setdefault(c, c)
                first = root(members[0])
                for c in members[1:]:
                    r = root(c)
                    if r != first:
                        parent[max(r, first)] = min(r, first)
                        first = min(r, first)
        self._fold = {c: root(c) for c in parent}
        automaton = ahocorasick.Automaton()
        keys: dict[str, list[int]] = defaultdict(list)
        self._unanchored = []
        marker = "" if self.language == "zh" else " "
        for term_id, head in enumerate(heads):
            if not head:
                # Nothing to look for literally (a term starting with a hyphen, say): its own
                # pattern, in a look-ahead, gives every position where it matches.
                self._unanchored.append((term_id, re.compile(f"(?=(?:{g.patterns[term_id].pattern}))",
                                                             re.IGNORECASE)))
                continue
            keys[marker + "".join(self._fold[min(chars)] for chars in head)].append(term_id)
        for key, term_ids in keys.items():
            automaton.add_word(key, (len(key), tuple(term_ids)))
        if len(automaton):
            automaton.make_automaton()
        self._automaton = automaton
        return automaton

    def _folded(self, text: str) -> str:
        """``text`` with each character replaced by its fold (a space for a non-word character in en/ru)."""
        zh = self.language == "zh"
        table = {}
        for c in set(text):
            value = self._fold.get(c)
            if value is None:
                value = c if zh or _IS_WORD(c) else " "
            if value != c:
                table[ord(c)] = value
        return text.translate(table) if table else text

    def search(self, text: str) -> dict[int, list[tuple[str, int, int]]]:
        """Every list's matches in ``text``: ``{list number: [(term, start, end), ...]}`` in text order.

        Each list's matches are those of ``re.finditer`` over the alternation
        of its terms in order (compiled with ``re.IGNORECASE``).
        """
        automaton = self._automaton if self._automaton is not None else self._build()
        g = self._groups
        candidates: dict[int, list[tuple[int, int, int]]] = defaultdict(list)  # list -> (start, rank, term id)
        if len(automaton):
            scanned = self._folded(text)
            if self.language != "zh":
                scanned = " " + scanned  # a term at the very start follows a "non-word" too
            group, rank = g.group, g.rank
            for end, (length, term_ids) in automaton.iter(scanned):
                start = end - length + 1  # en/ru: scanned[i] is text[i - 1], and the key starts with the marker
                for t in term_ids:
                    candidates[group[t]].append((start, rank[t], t))
        for t, lookahead in self._unanchored:
            candidates[g.group[t]].extend((m.start(), g.rank[t], t) for m in lookahead.finditer(text))
        found: dict[int, list[tuple[str, int, int]]] = {k: [] for k in range(len(g.sizes))}
        patterns, terms = g.patterns, g.terms
        for number, cands in candidates.items():
            cands.sort()
            out = found[number]
            reached = 0
            for start, _, t in cands:
                if start < reached:
                    continue  # inside the last match (or a term earlier in the list matched here)
                m = patterns[t].match(text, start)
                if m is not None:
                    out.append((terms[t], start, m.end()))
                    reached = m.end()
        return found
