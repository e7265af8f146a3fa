"""Find a codebook's evidence for each frame in a text: terms, exclusions, negation, proximity rules.

:class:`FrameMatcher` compiles, for one codebook and one language, every
frame's lexicon, exclusions, negation and proximity rules (the codebook
format is described in :mod:`discourse.framing.codebooks`), and returns each
piece of evidence in a text as a :class:`Hit` that says whether it counts
and, if not, why. :class:`~discourse.framing.LexiconFrameClassifier` counts
the hits that count; its ``explain`` shows them all.

Token distances (rule windows, negation windows) are counted in the tokens
of :func:`discourse.tokenizing.tokenize_spans` — for Chinese, jieba words with
the same user dictionary as the counts — and a hit's tokens are those its
characters fall in, so a Chinese term inside a longer jieba word sits in that
word's token. Two hits in the same token are 0 tokens apart; "not a failure"
puts ``failure`` 2 tokens after ``not``. Sentences are those of
:func:`discourse.tokenizing.sentence_spans`; negation never reaches across a
sentence boundary.

Examples
--------
>>> from discourse.framing.codebooks import load_codebook
>>> m = FrameMatcher(load_codebook("generic"), "en")
>>> [(h.frame, h.term, h.counted) for h in m.hits("Critics accused the minister.")]
[('conflict', 'critics', True), ('conflict', 'accus*', True)]
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from collections.abc import Sequence
from typing import Any, NamedTuple

from discourse._term_index import TermIndex
from discourse._typing import UserDictionary
from discourse.framing.codebooks import Codebook, Frame
from discourse.terms import compile_term
from discourse.tokenizing import _PARAGRAPH_RE, compact_tokens, sentence_spans

__all__ = ["FrameMatcher", "Hit"]

_NEVER = re.compile(r"(?!x)x")


class Hit(NamedTuple):
    """One piece of evidence for a frame in a text.

    ``rule`` is None for a lexicon term; for a rule hit, ``near`` is the
    context term that satisfied it (``near_match`` at ``near_start:near_end``)
    or None when none did. ``counted`` says whether the hit adds to the
    frame's score; otherwise ``reason`` says why not (``excluded_by`` and
    ``negated_by`` name the exclusion or negation term when one decided it).
    """

    frame: str
    rule: str | None
    term: str
    start: int
    end: int
    near: str | None
    near_start: int | None
    near_end: int | None
    counted: bool
    excluded_by: str | None
    negated_by: str | None
    reason: str | None


@dataclass(frozen=True)
class _Terms:
    """An alternation of terms (longest first), one capturing group per term.

    ``pattern`` defines the matches; ``group`` is the list's number in the
    matcher's :class:`~discourse._term_index.TermIndex`, which finds the
    same matches faster.
    """

    pattern: re.Pattern
    terms: tuple[str, ...]
    group: int

    @classmethod
    def compile(cls, terms: tuple[str, ...], language: str, index: TermIndex) -> _Terms:
        # Longest first, so that at any position the most specific term wins
        # the (leftmost-first) alternation.
        ordered = tuple(sorted(terms, key=len, reverse=True))
        parts = [compile_term(t, language=language) for t in ordered]
        head, tail = r"(?<!\w)", r"(?!\w)"
        if parts and all(p.startswith(head) and p.endswith(tail) for p in parts):
            # One word-boundary check around the whole alternation instead of
            # one per term: the same matches (the alternation still backtracks
            # into the next term when the boundary fails), several times faster.
            body = head + "(?:" + "|".join(f"({p[len(head):-len(tail)]})" for p in parts) + ")" + tail
        else:
            body = "|".join(f"({p})" for p in parts)
        return cls(re.compile(body, re.IGNORECASE) if body else _NEVER, ordered, index.add(ordered))

    def finditer(self, text: str) -> list[tuple[str, int, int]]:
        return [(self.terms[m.lastindex - 1], m.start(), m.end()) for m in self.pattern.finditer(text)]


@dataclass(frozen=True)
class _Rule:
    id: str
    terms: _Terms
    near: _Terms
    within: int | str


@dataclass(frozen=True)
class _Frame:
    id: str
    lexicon: _Terms
    exclude: tuple[_Terms, ...]  # one list per exclusion term: each is searched on its own
    negation: _Terms | None
    negation_window: int
    rules: tuple[_Rule, ...]


class _Starts:
    """Sorted start offsets (of tokens or of sentences) of one text, computed block by block on first use.

    The text is cut into blocks right after the first line break of each
    paragraph separator (``_PARAGRAPH_RE``): no token or sentence crosses
    such a cut, so each block's starts, computed on the block alone, are the
    text's starts there, and a long text with hits in a few paragraphs is
    tokenized and split only there. A position is ``(block, k)``: the
    ``k``-th start of that block. Globally, ``position(pos)`` is the last
    start at or before ``pos`` (the first start of the text if there is
    none), as ``bisect_right(starts, pos) - 1`` over the whole text's starts,
    clamped at 0, would give.
    """

    def __init__(self, cuts: list[int], compute: Any):
        self.cuts = cuts                # block i is text[cuts[i]:cuts[i + 1]]
        self._compute = compute         # block number -> its starts (absolute offsets)
        self._blocks: dict[int, Sequence[int]] = {}

    def block(self, i: int) -> Sequence[int]:
        starts = self._blocks.get(i)
        if starts is None:
            starts = self._blocks[i] = self._compute(i)
        return starts

    def _first(self) -> tuple[int, int] | None:
        for i in range(len(self.cuts) - 1):
            if len(self.block(i)):
                return i, 0
        return None

    def position(self, pos: int) -> tuple[int, int] | None:
        """``(block, k)`` of the last start ``<= pos`` (else the text's first start; None if it has none)."""
        i = min(max(bisect_right(self.cuts, pos) - 1, 0), len(self.cuts) - 2)
        k = bisect_right(self.block(i), pos) - 1
        while k < 0:
            i -= 1
            if i < 0:
                return self._first()
            k = len(self.block(i)) - 1
        return i, k

    def step(self, at: tuple[int, int], d: int) -> tuple[int, int] | None:
        """The position ``d`` starts after ``at`` (before it if ``d < 0``); None beyond the text's ends."""
        i, k = at[0], at[1] + d
        while k < 0:
            i -= 1
            if i < 0:
                return None
            k += len(self.block(i))
        while k >= len(self.block(i)):
            k -= len(self.block(i))
            i += 1
            if i >= len(self.cuts) - 1:
                return None
        return i, k

    def start(self, at: tuple[int, int]) -> int:
        return self.block(at[0])[at[1]]

    def distance(self, a: tuple[int, int], b: tuple[int, int]) -> int:
        """``index(b) - index(a)`` in the text's starts (negative if ``b`` comes first)."""
        if a > b:
            return -self.distance(b, a)
        return sum(len(self.block(i)) for i in range(a[0], b[0])) + b[1] - a[1]


class _Layout:
    """Token and sentence positions of one text, computed on first use, paragraph by paragraph."""

    def __init__(self, text: str, language: str, user_dictionary: UserDictionary):
        self.text, self.language, self.user_dictionary = text, language, user_dictionary
        separators = list(_PARAGRAPH_RE.finditer(text))
        cuts = [0, *(m.start() + 1 for m in separators), len(text)]
        # block i's paragraph, as sentence_spans splits the whole text: from the end
        # of the separator before it to the start of the one after it
        self._paragraphs = list(zip([0, *(m.end() for m in separators)],
                                    [*(m.start() for m in separators), len(text)]))
        self._tokens = _Starts(cuts, self._block_tokens)
        self._sentences = _Starts(cuts, self._block_sentences)

    def _block_tokens(self, i: int) -> Sequence[int]:
        lo, hi = self._tokens.cuts[i], self._tokens.cuts[i + 1]
        starts = compact_tokens(self.text[lo:hi], language=self.language, user_dictionary=self.user_dictionary).starts
        return [lo + s for s in starts] if lo else starts

    def _block_sentences(self, i: int) -> list[int]:
        lo, hi = self._paragraphs[i]
        return [lo + s for s, _ in sentence_spans(self.text[lo:hi], language=self.language)]

    def sentence(self, pos: int) -> tuple[int, int] | None:
        """The sentence holding character ``pos`` (or the last one starting before it); compare with ``==``."""
        return self._sentences.position(pos)

    def sentence_range(self, pos: int) -> tuple[int, int | None]:
        """Characters ``[lo, hi)`` whose :meth:`sentence` is that of ``pos`` (``hi`` None: to the end)."""
        at = self._sentences.position(pos)
        if at is None:
            return 0, None
        after = self._sentences.step(at, 1)
        lo = self._sentences.start(at) if self._sentences.step(at, -1) is not None else 0
        return lo, (self._sentences.start(after) if after is not None else None)

    def token_range(self, span: tuple[int, int], within: int) -> tuple[int, int | None]:
        """Characters ``(lo, hi)``: a term within ``within`` tokens of ``span`` ends after ``lo`` and starts before ``hi``.

        ``hi`` None means no limit; ``lo`` 0 too (so the range is a superset,
        never missing a term that :meth:`gap` would accept).
        """
        tokens = self._tokens
        first, last = tokens.position(span[0]), tokens.position(span[1] - 1)
        if first is None:
            return 0, None
        back = tokens.step(first, -within)  # the token ``within`` before: lo is its start unless it is the first
        lo = tokens.start(back) if back is not None and tokens.step(back, -1) is not None else 0
        ahead = tokens.step(last, within + 1)
        return lo, (tokens.start(ahead) if ahead is not None else None)

    def gap(self, first: tuple[int, int], second: tuple[int, int]) -> int:
        """Tokens from the end of span ``first`` to the start of span ``second`` (0: same token)."""
        if first[0] > second[0]:
            first, second = second, first
        a, b = self._tokens.position(first[1] - 1), self._tokens.position(second[0])
        return max(self._tokens.distance(a, b), 0) if a is not None else 0


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class _Found:
    """Matches of one :class:`_Terms` in a text: non-overlapping, so their starts and ends both rise."""

    def __init__(self, found: list[tuple[str, int, int]]):
        self.found = found
        self.starts = [s for _, s, _ in found]
        self.ends = [e for _, _, e in found]

    def starting_in(self, lo: int, hi: int | None) -> list[tuple[str, int, int]]:
        """Matches with ``lo <= start < hi``, in text order."""
        i = bisect_left(self.starts, lo)
        j = len(self.found) if hi is None else bisect_left(self.starts, hi)
        return self.found[i:j]

    def ending_after_starting_before(self, lo: int, hi: int | None) -> list[tuple[str, int, int]]:
        """Matches with ``end > lo`` and ``start < hi``, in text order."""
        i = bisect_right(self.ends, lo)
        j = len(self.found) if hi is None else bisect_left(self.starts, hi)
        return self.found[i:j]

    def starting_in_ending_by(self, lo: int, end: int) -> list[tuple[str, int, int]]:
        """Matches with ``start >= lo`` and ``end <= end``, in text order."""
        return self.found[bisect_left(self.starts, lo):bisect_right(self.ends, end)]


class _Exclusions:
    """Exclusion matches of several terms (they may overlap one another), searchable by span."""

    def __init__(self, found: list[tuple[str, int, int]]):
        order = sorted(range(len(found)), key=lambda k: found[k][1])
        self.found = [(k, *found[k]) for k in order]  # (position in the original list, term, start, end)
        self.starts = [s for _, _, s, _ in self.found]
        self.longest = max((e - s for _, s, e in found), default=0)

    def first_overlapping(self, start: int, end: int) -> str | None:
        """The term of the first exclusion (in the original order) overlapping ``[start, end)``."""
        if not self.found:
            return None
        i = bisect_right(self.starts, start - self.longest)
        j = bisect_left(self.starts, end)
        hits = [(k, term) for k, term, s, e in self.found[i:j] if e > start]
        return min(hits)[1] if hits else None


class _Disjoint:
    """Spans that never overlap one another, sorted; answers "does this span overlap one of them?"."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        # Only the last span starting before `end` can reach past `start`.
        i = bisect_left(self.starts, end) - 1
        return i >= 0 and self.ends[i] > start

    def add(self, start: int, end: int) -> None:
        i = bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


class FrameMatcher:
    """A codebook's frames compiled for one language.

    Parameters
    ----------
    codebook : Codebook
        A loaded codebook (:func:`~discourse.framing.load_codebook`).
    language : {"en", "zh", "ru"}
        The language of the texts to match.
    user_dictionary : path or list of str, optional
        Chinese words kept whole when counting token distances.

    Attributes
    ----------
    frames : list of str
        Frame ids, in codebook order.
    """

    def __init__(self, codebook: Codebook, language: str, user_dictionary: UserDictionary = None):
        self.language = language
        self.user_dictionary = user_dictionary
        self.frames = codebook.frame_ids
        self._index = TermIndex(language)
        self._frames = tuple(self._compile(f, language, self._index) for f in codebook.frames)
        self._search = self._index.search

    @staticmethod
    def _compile(frame: Frame, language: str, index: TermIndex) -> _Frame:
        negation = frame.negation
        neg_terms = negation.terms.get(language, ()) if negation is not None else ()
        return _Frame(
            id=frame.id,
            lexicon=_Terms.compile(frame.lexicon.get(language, ()), language, index),
            exclude=tuple(_Terms.compile((t,), language, index) for t in frame.exclude.get(language, ())),
            negation=_Terms.compile(neg_terms, language, index) if neg_terms else None,
            negation_window=negation.window if negation is not None else 0,
            rules=tuple(
                _Rule(r.id, _Terms.compile(r.terms[language], language, index),
                      _Terms.compile(r.near[language], language, index), r.within)
                for r in frame.rules if r.terms.get(language)
            ),
        )

    def _regex_search(self, text: str) -> dict[int, list[tuple[str, int, int]]]:
        """The matches :meth:`TermIndex.search` finds, by ``finditer`` over each list's alternation.

        The definition the index must agree with (the tests compare the
        two); as slow as one pass per list.
        """
        lists = [t for f in self._frames
                 for t in (f.lexicon, *f.exclude, *((f.negation,) if f.negation else ()),
                           *(x for r in f.rules for x in (r.terms, r.near)))]
        return {t.group: t.finditer(text) for t in lists}

    def hits(self, text: str, frames: list[str] | None = None, progress: Any = None) -> list[Hit]:
        """Every lexicon and rule hit in ``text``, frame by frame, each with whether it counts.

        Parameters
        ----------
        text : str
            The text (offsets refer to it).
        frames : list of str, optional
            Only these frames (default: all).
        progress : tqdm bar, optional
            Advanced by ``len(text)`` in all, a share after each frame (so
            that it moves within one long text).

        Returns
        -------
        list of Hit
            Per frame in codebook order: lexicon hits in text order, then
            each rule's hits in text order.
        """
        layout = _Layout(text, self.language, self.user_dictionary)
        chosen = [f for f in self._frames if frames is None or f.id in frames]
        found = self._search(text)
        out: list[Hit] = []
        done = 0
        for k, frame in enumerate(chosen, 1):
            out.extend(self._frame_hits(frame, found, layout))
            if progress is not None:
                share = len(text) * k // len(chosen)
                progress.update(share - done)
                done = share
        return out

    def counts(self, text: str, progress: Any = None) -> list[int]:
        """Counted hits per frame (codebook order); ``progress`` as in :meth:`hits`."""
        tally = dict.fromkeys(self.frames, 0)
        for h in self.hits(text, progress=progress):
            tally[h.frame] += h.counted
        return list(tally.values())

    # ------------------------------------------------------------------
    # Every search below looks only at the terms that can lie near a hit (found
    # by bisection in text-ordered lists), so one long document costs time in
    # proportion to its hits, not to hits times terms.
    def _frame_hits(self, frame: _Frame, found: dict[int, list[tuple[str, int, int]]],
                    layout: _Layout) -> list[Hit]:
        candidates = [(None, term, s, e, None) for term, s, e in found[frame.lexicon.group]]
        for rule in frame.rules:
            anchors = found[rule.terms.group]
            if not anchors:
                continue
            nears = _Found(found[rule.near.group])
            for term, s, e in anchors:
                candidates.append((rule, term, s, e, self._nearest(rule, (s, e), nears, layout)))
        if not candidates:
            return []
        excludes = _Exclusions([hit for ex in frame.exclude for hit in found[ex.group]])
        negations = _Found(found[frame.negation.group] if frame.negation is not None else [])
        counted_spans = _Disjoint()
        hits = []
        for rule, term, s, e, near in candidates:
            excluded = excludes.first_overlapping(s, e)
            negated = None
            if excluded is None and negations.found:
                negated = self._negated_by(frame, (s, e), negations, layout)
            reason = None
            if excluded is not None:
                reason = f"excluded by {excluded!r}"
            elif negated is not None:
                reason = f"negated by {negated!r}"
            elif rule is not None and near is None:
                reason = ("no `near` term in the same sentence" if rule.within == "sentence"
                          else f"no `near` term within {rule.within} tokens")
            elif counted_spans.overlaps(s, e):
                reason = "span already counted for this frame"
            counted = reason is None
            if counted:
                counted_spans.add(s, e)
            hits.append(Hit(
                frame=frame.id, rule=rule.id if rule is not None else None, term=term, start=s, end=e,
                near=near[0] if near else None, near_start=near[1] if near else None,
                near_end=near[2] if near else None, counted=counted, excluded_by=excluded,
                negated_by=negated, reason=reason,
            ))
        return hits

    @staticmethod
    def _nearest(rule: _Rule, span: tuple[int, int], nears: _Found,
                 layout: _Layout) -> tuple[str, int, int] | None:
        """The closest ``near`` hit satisfying the rule's window, or None (ties: the first in the text)."""
        best, best_gap = None, None
        if not nears.found:
            return None
        if rule.within == "sentence":
            lo, hi = layout.sentence_range(span[0])
            window = nears.starting_in(lo, hi)
        else:
            lo, hi = layout.token_range(span, rule.within)
            window = nears.ending_after_starting_before(lo, hi)
        for term, s, e in window:
            if _overlaps(span, (s, e)):
                continue
            if rule.within == "sentence":
                if layout.sentence(s) != layout.sentence(span[0]):
                    continue
                gap = abs(s - span[0])  # closest by characters within the sentence
            else:
                gap = layout.gap(span, (s, e))
                if gap > rule.within:
                    continue
            if best_gap is None or gap < best_gap:
                best, best_gap = (term, s, e), gap
        return best

    @staticmethod
    def _negated_by(frame: _Frame, span: tuple[int, int], negations: _Found,
                    layout: _Layout) -> str | None:
        # Only negations in the hit's sentence that end before it can qualify.
        lo, _ = layout.sentence_range(span[0])
        for term, s, e in negations.starting_in_ending_by(lo, span[0]):
            if e > span[0] or _overlaps(span, (s, e)):
                continue  # a negation must end before the hit starts
            if layout.sentence(s) != layout.sentence(span[0]):
                continue
            if layout.gap((s, e), span) <= frame.negation_window:
                return term
        return None
