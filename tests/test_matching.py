"""Proximity rules, negation and per-language thresholds (discourse.framing.matching, .lexicon).

Every codebook and text here is synthetic, written for these tests; the token
distances in the comments are counted by hand.
"""
from __future__ import annotations

import pandas as pd
import pytest

from discourse._errors import DiscourseError, ParameterError
from discourse.framing import LexiconFrameClassifier, load_codebook
from discourse.framing.matching import FrameMatcher
from synthetic import write_file

CODEBOOK = """\
name: synthetic
version: 1
description: A two-frame codebook written for the tests.
unit: a sentence
source: synthetic
frames:
  - id: blame
    name: Blame
    definition: an actor is held responsible
    negation: &negation
      terms: {en: [not, never], zh: [并非, 不是], ru: [не]}
      window: 3
    rules:
      - id: actor_responsible
        description: a responsibility word near an actor
        terms: {en: [responsib*, blame*], zh: [负责, 责任], ru: [ответственн*]}
        near: {en: [us, washington], zh: [美国, 美方], ru: [сша, вашингтон*]}
        within: 4
      - id: same_sentence
        terms: {en: [fault]}
        near: {en: [nato]}
        within: sentence
  - id: failure
    name: Failure
    definition: the war is a failure
    lexicon: {en: [failure, debacle], zh: [失败], ru: [провал*]}
    negation: *negation
    threshold: {en: 2}
"""


@pytest.fixture(scope="module")
def codebook(tmp_path_factory):
    return load_codebook(write_file(tmp_path_factory.mktemp("cb"), CODEBOOK))


@pytest.fixture(scope="module")
def clf(codebook):
    return LexiconFrameClassifier(codebook).fit()


def _counted(clf, text, language, frame):
    ex = clf.explain(text, language=language)
    return ex[(ex["frame"] == frame) & ex["counted"]]


@pytest.mark.parametrize("text, language, expected", [
    # "US"(0) must(1) bear(2) responsibility(3): 3 tokens apart, within 4
    ("The US must bear responsibility for the chaos.", "en", 1),
    # no actor at all
    ("We take responsibility for our own people.", "en", 0),
    # Washington(0) ... responsibility(6): 6 tokens apart, beyond 4
    ("Washington said on Monday that the responsibility lies elsewhere.", "en", 0),
    # actor after the term counts too (either side): blame(0) falls(1) on(2) the(3) us(4)
    ("The blame falls on the US.", "en", 1),
    ("美国应对此负责。", "zh", 1),
    ("我们对人民负责。", "zh", 0),
    ("США несут ответственность за хаос.", "ru", 1),
    ("Мы несем ответственность за своих граждан.", "ru", 0),
])
def test_proximity_rule_needs_an_actor_within_the_window(clf, text, language, expected):
    assert clf.predict(pd.DataFrame({"text": [text], "language": [language]}))["blame"].iloc[0] == expected


def test_sentence_rule_stops_at_the_sentence_boundary(clf):
    assert len(_counted(clf, "It was NATO's fault, the report says.", "en", "blame")) == 1
    assert len(_counted(clf, "NATO met today. It was nobody's fault.", "en", "blame")) == 0


@pytest.mark.parametrize("text, language, negated", [
    ("It was not a failure.", "en", True),          # not(2) a(3) failure(4): 2 tokens
    ("It was a failure, not a success.", "en", False),  # the negation comes after
    ("Not once, not twice, but always: a long and costly failure.", "en", False),  # 5+ tokens away
    ("It was not. Failure followed.", "en", False),   # the next sentence
    ("撤军并非失败。", "zh", True),
    ("撤军是失败。", "zh", False),
    ("Это не провал.", "ru", True),
    ("Это провал.", "ru", False),
])
def test_negation_window_within_the_sentence(clf, text, language, negated):
    ex = clf.explain(text, language=language)
    row = ex[ex["frame"] == "failure"].iloc[0]
    assert (not row["counted"]) is negated
    if negated:
        assert pd.notna(row["negated_by"]) and row["reason"].startswith("negated by")


def test_negation_applies_to_rule_hits(clf):
    ex = clf.explain("The US is not responsible.", language="en")
    row = ex[ex["frame"] == "blame"].iloc[0]
    assert row["rule"] == "actor_responsible" and not row["counted"] and row["negated_by"] == "not"


def test_per_language_thresholds(clf):
    data = pd.DataFrame({"text": ["It was a failure.", "It was a failure and a debacle.", "撤军是失败。"],
                         "language": ["en", "en", "zh"]})
    scores = clf.frame_scores(data)["failure"].tolist()
    assert scores == [1, 2, 1]
    # en needs 2 hits (codebook), zh 1 (the default)
    assert clf.predict(data)["failure"].tolist() == [0, 1, 1]
    assert clf.thresholds_.loc["failure", "en"] == 2 and clf.thresholds_.loc["failure", "zh"] == 1
    # an explicit threshold overrides the codebook's
    forced = LexiconFrameClassifier(clf.codebook_, threshold=1).fit()
    assert forced.predict(data)["failure"].tolist() == [1, 1, 1]


def test_normalize_needs_an_explicit_threshold_when_the_codebook_sets_some(codebook):
    with pytest.raises(ParameterError, match="`threshold` must be given with normalize=True"):
        LexiconFrameClassifier(codebook, normalize=True).fit()
    LexiconFrameClassifier(codebook, normalize=True, threshold=5).fit()


def test_explain_shows_the_rule_and_both_spans(clf):
    text = "The US must bear responsibility."
    ex = clf.explain(text, language="en")
    row = ex.iloc[0]
    assert (row["frame"], row["rule"], row["term"], row["near"]) == ("blame", "actor_responsible", "responsib*", "us")
    assert text[row["start"]:row["end"]] == row["match"] == "responsibility"
    assert text[row["near_start"]:row["near_end"]] == row["near_match"] == "US"
    missing = clf.explain("We take responsibility.", language="en").iloc[0]
    assert not missing["counted"] and missing["reason"] == "no `near` term within 4 tokens"
    assert pd.isna(missing["near"])


def test_a_span_counts_once_per_frame(tmp_path):
    # the same word is a lexicon term and a rule term: one hit, not two
    text = CODEBOOK.replace("    lexicon: {en: [failure, debacle], zh: [失败], ru: [провал*]}",
                            "    lexicon: {en: [failure, debacle], zh: [失败], ru: [провал*]}\n"
                            "    rules:\n"
                            "      - {id: us_failure, terms: {en: [failure]}, near: {en: [us]}, within: 3}")
    clf = LexiconFrameClassifier(write_file(tmp_path, text), threshold=1).fit()
    ex = clf.explain("A US failure.", language="en")
    failure = ex[ex["frame"] == "failure"]
    assert failure["counted"].tolist() == [True, False]
    assert failure["reason"].iloc[1] == "span already counted for this frame"
    assert clf.frame_scores(pd.DataFrame({"text": ["A US failure."], "language": ["en"]}))["failure"].iloc[0] == 1


def test_matcher_token_gap_counts_words_between():
    from discourse.framing.matching import _Layout

    text = "not a failure"  # tokens: not(0) a(1) failure(2)
    layout = _Layout(text, "en", None)
    assert layout.gap((0, 3), (6, 13)) == 2
    assert layout.gap((6, 13), (0, 3)) == 2  # order does not matter
    assert layout.gap((0, 3), (0, 3)) == 0


def test_codebook_without_rules_matches_exactly_as_before(codebook):
    # The matcher on a rule-free frame is the plain lexicon: each term hit counts.
    m = FrameMatcher(codebook, "en")
    hits = m.hits("failure debacle failure", frames=["failure"])
    assert [(h.term, h.start, h.end, h.counted) for h in hits] == [
        ("failure", 0, 7, True), ("debacle", 8, 15, True), ("failure", 16, 23, True)]


# ------------------------------------------------------------- validation
def _load(tmp_path, text):
    return load_codebook(write_file(tmp_path, text))


_HEAD = """\
name: t
version: 1
description: d
unit: u
source: s
frames:
  - id: a
    name: A
    definition: d
"""


@pytest.mark.parametrize("body, pattern", [
    ("    rules:\n      - {id: r, terms: {en: [x]}, near: {en: [y]}, within: 0}\n",
     r"line 11, frame 'a', rule 'r': `within` must be a number of tokens .*got 0"),
    ("    rules:\n      - {id: r, terms: {en: [x]}, near: {en: [y]}, within: paragraph}\n",
     r"frame 'a', rule 'r': `within` must be .* or 'sentence'; got 'paragraph'"),
    ("    rules:\n      - {id: r, terms: {en: [x], zh: [美国]}, near: {en: [y]}, within: 3}\n",
     r"rule 'r': `terms` has 'zh' terms but `near` has none"),
    ("    rules:\n      - {id: r, terms: {en: [x]}, near: {en: [y], zh: [美国]}, within: 3}\n    name2: x\n",
     r"unknown key 'name2'"),  # `near` may cover more languages than `terms`
    ("    rules:\n      - id: r\n        terms: {en: [x]}\n        near: {en: [y]}\n        within: 3\n"
     "        windw: 2\n",
     r"line 15, frame 'a', rule 'r': unknown key 'windw'"),
    ("    rules:\n      - {id: r, terms: {en: [x]}, near: {en: [y]}, within: 3}\n"
     "      - {id: r, terms: {en: [x]}, near: {en: [y]}, within: 3}\n",
     r"duplicate rule id 'r'"),
    ("    rules:\n      - {id: r, terms: {en: [x]}, within: 3}\n",
     r"rule 'r': missing required key\(s\) 'near'"),
    ("    negation: {terms: {en: [not]}, window: -1}\n",
     r"line 10, frame 'a': `negation.window` must be an integer >= 1"),
    ("    negation: {terms: {en: [not]}}\n",
     r"frame 'a', `negation`: missing required key\(s\) 'window'"),
    ("    threshold: {en: 0}\n",
     r"line 10, frame 'a': `threshold` must be a positive number .*got 0 for 'en'"),
    ("    threshold: {fr: 2}\n",
     r"unknown language key 'fr' in `threshold`"),
    ("    lexicon: {en: [ok]}\n    threshold: many\n",
     r"line 11, frame 'a': `threshold` must be a positive number"),
])
def test_rule_errors_name_file_line_frame_and_value(tmp_path, body, pattern):
    with pytest.raises(DiscourseError, match=pattern) as info:
        _load(tmp_path, _HEAD + body)
    assert "cb.yaml" in str(info.value)


def test_a_duplicate_key_is_an_error_not_a_silent_override(tmp_path):
    # YAML would let the second `lexicon` replace the first (as when a frame
    # is pasted into another): the loader refuses it, naming both lines.
    text = _HEAD + "    lexicon: {en: [a]}\n    lexicon: {en: [b]}\n"
    with pytest.raises(DiscourseError, match=r"not valid YAML: .*duplicate key 'lexicon' \(first on line 10\)"):
        _load(tmp_path, text)


def test_rules_negation_and_thresholds_load(tmp_path):
    cb = _load(tmp_path, _HEAD + "    negation: {terms: {en: [not]}, window: 2}\n    threshold: 2\n"
               "    rules:\n      - {id: r, terms: {en: [x*]}, near: {en: [y]}, within: sentence,"
               " description: '  x near   y '}\n")
    frame = cb.frame("a")
    assert frame.negation.window == 2 and frame.negation.terms == {"en": ("not",)}
    assert frame.threshold == {"en": 2.0, "zh": 2.0, "ru": 2.0}
    (rule,) = frame.rules
    assert (rule.id, rule.within, rule.description, rule.languages) == ("r", "sentence", "x near y", ["en"])
    assert cb.languages == ["en"]  # rule terms make a language
    tidy = cb.to_frame(terms=True)
    assert set(tidy["kind"]) == {"negation", "rule terms", "rule near"}
    assert tidy.loc[tidy["kind"] == "rule terms", "rule"].tolist() == ["r"]


# ---------------------------------------------------------------------------
# The layout computed paragraph by paragraph gives the hits of the whole-text one
# ---------------------------------------------------------------------------
from bisect import bisect_right  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import discourse.framing.matching as matching  # noqa: E402
from discourse import load_corpus  # noqa: E402
from discourse.tokenizing import compact_tokens, sentence_spans  # noqa: E402


class _WholeTextLayout:
    """Token and sentence positions from tokenizing and splitting the whole text at once (the definition)."""

    def __init__(self, text, language, user_dictionary):
        self._tokens = list(compact_tokens(text, language=language, user_dictionary=user_dictionary).starts)
        self._sentences = [s for s, _ in sentence_spans(text, language=language)]

    def token(self, pos):
        return max(bisect_right(self._tokens, pos) - 1, 0)

    def sentence(self, pos):
        return max(bisect_right(self._sentences, pos) - 1, 0)

    def sentence_range(self, pos):
        k, starts = self.sentence(pos), self._sentences
        return (starts[k] if k and starts else 0), (starts[k + 1] if k + 1 < len(starts) else None)

    def token_range(self, span, within):
        first, last, starts = self.token(span[0]), self.token(span[1] - 1), self._tokens
        return ((starts[first - within] if first - within >= 1 else 0),
                (starts[last + within + 1] if last + within + 1 < len(starts) else None))

    def gap(self, first, second):
        if first[0] > second[0]:
            first, second = second, first
        return max(self.token(second[0]) - self.token(first[1] - 1), 0)


def _hits_both_ways(matcher, text, monkeypatch):
    lazy = matcher.hits(text)
    with monkeypatch.context() as m:
        m.setattr(matching, "_Layout", _WholeTextLayout)
        whole = matcher.hits(text)
    return lazy, whole


# SYNTHETIC pieces: the synthetic codebook's terms, negations and actors, with
# paragraph breaks of every kind, sentence ends, and characters no token holds.
_PIECES = {
    "en": ["responsible", "blame", "US", "Washington", "not", "never", "fault", "NATO", "failure", "debacle",
           "the", "war", "Mr.", ".", "—", "!", " ", "  ", "\n", "\n\n", "\n \n", "\r\n\n", "\n\u00a0\n\u00a0",
           "\n\n\n", " \t"],
    "zh": ["负责", "责任", "美国", "美方", "并非", "不是", "失败", "的", "。", "！", "—", " ", "\n", "\n\n",
           "\n \n", "\r\n\n", "\n\u3000\n\u3000", "\n\n\n"],
    "ru": ["ответственность", "США", "Вашингтон", "не", "провал", "войны", ".", "—", " ", "\n", "\n\n",
           "\n \n", "\r\n\n", "\n\n\n"],
}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=st.data(), language=st.sampled_from(["en", "zh", "ru"]))
def test_paragraph_by_paragraph_layout_gives_the_whole_text_hits_on_generated_texts(codebook, monkeypatch,
                                                                                      data, language):
    pieces = data.draw(st.lists(st.sampled_from(_PIECES[language]), max_size=40))
    sep = "" if language == "zh" else " "
    text = "".join(p if p.strip() == "" or p in ".!。！" else sep + p for p in pieces)
    lazy, whole = _hits_both_ways(FrameMatcher(codebook, language), text, monkeypatch)
    assert lazy == whole


@pytest.mark.parametrize("language", ["en", "zh", "ru"])
def test_paragraph_by_paragraph_layout_gives_the_whole_text_hits_on_corpus_documents(monkeypatch, language):
    """A seeded sample of corpus documents, joined three at a time by a blank line (zh documents have none)."""
    texts = load_corpus(language=language)["text"].sample(n=300, random_state=12).tolist()
    texts = ["\n\n".join(texts[i:i + 3]) for i in range(0, len(texts), 3)]
    matcher = FrameMatcher(load_codebook("afghanistan"), language)
    n_rule_hits = 0
    for text in texts:
        lazy, whole = _hits_both_ways(matcher, text, monkeypatch)
        assert lazy == whole
        n_rule_hits += sum(h.rule is not None for h in lazy)
    assert n_rule_hits > 10  # rules' token and sentence windows were exercised
