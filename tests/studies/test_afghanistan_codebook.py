"""The Afghanistan codebook's proximity rules and negation on real corpus passages, in all three languages.

Each case is a passage of the training pool (never the test split); the
expected behaviour is the coders' label for that frame (AI coder sessions,
see corpus/annotations/GUIDE.md), and what the rule is meant to do.
"""
from __future__ import annotations

import pandas as pd
import pytest

from discourse.framing import LexiconFrameClassifier
from discourse.studies.afghanistan import load_gold


@pytest.fixture(scope="module")
def train():
    return load_gold("train").set_index("passage_id")


@pytest.fixture(scope="module")
def clf():
    return LexiconFrameClassifier("afghanistan").fit()


# (passage, frame, rule, counted, matched text, near text or None)
CASES = [
    # zh: an actor (美军) in the same sentence as a harm (造成) is blame
    ("XWLB_VIDEM7HQCi0AefnZ1YhNPy5v210918#3", "blame_responsibility", "actor_caused_harm", True, "造成", "美军"),
    # zh: 负责 with no actor near ("the extremist branch claimed responsibility") is not
    ("XWLB_VIDE2pNT8m0aYtvNvq13A4Y1210827#3", "blame_responsibility", "actor_held_responsible", False, "负责", None),
    # zh: 错误 near 西方 ("the West's approach was wrong") is US/Western failure
    ("XWLB_VIDEcSB57JRFTuLM1j1Nawsw210903#5", "us_failure", "effort_failed", True, "错误", "西方"),
    # ru: ответственность within 6 tokens of НАТО ("NATO shifts the responsibility")
    ("1TV_411556#0", "blame_responsibility", "actor_held_responsible", True, "ответственность", "НАТО"),
    # en: "Left Afghan Allies Frantic, Stranded"
    ("NYT_KBEC19_T0360#0", "abandonment", "allies_left_behind", True, "Stranded", "Allies"),
    # en: "quick unraveling threatens to stain Biden's legacy"
    ("CNN_RSS_baa0a5e5c80f#0", "us_failure", "effort_failed", True, "unraveling", "Biden"),
]


@pytest.mark.parametrize("pid, frame, rule, counted, match, near", CASES)
def test_rules_on_real_passages(train, clf, pid, frame, rule, counted, match, near):
    row = train.loc[pid]
    assert row["split"] == "train"
    ex = clf.explain(row)
    hit = ex[(ex["frame"] == frame) & (ex["rule"] == rule) & (ex["match"] == match)]
    assert len(hit) >= 1, ex[["frame", "rule", "match", "reason"]]
    assert bool(hit["counted"].iloc[0]) is counted
    if near is None:
        assert hit["near"].isna().iloc[0]
    else:
        assert hit["near_match"].iloc[0] == near
    # the rule's decision agrees with the coders' label for the passage
    assert clf.predict(train.loc[[pid]])[frame].iloc[0] == row[frame]


@pytest.mark.parametrize("pid, frame, negation, match", [
    # "we must not abandon the people of Afghanistan now": a call, not abandonment
    ("UNGDC_KAZ_76_2021#29", "abandonment", "not", "abandon"),
    # "the U.S. is not abandoning the beleaguered country"
    ("NYT_KBEC19_T0396#1", "abandonment", "not", "abandoning"),
])
def test_negation_on_real_passages(train, clf, pid, frame, negation, match):
    row = train.loc[pid]
    ex = clf.explain(row)
    hit = ex[(ex["frame"] == frame) & (ex["match"] == match)].iloc[0]
    assert not hit["counted"] and hit["negated_by"] == negation
    assert row[frame] == 0 and clf.predict(train.loc[[pid]])[frame].iloc[0] == 0


def test_case_sensitive_actor_is_the_country_not_the_pronoun(clf):
    # synthetic sentences: "=US" in the actor list
    texts = pd.DataFrame({"text": ["The US must bear responsibility for this.",
                                   "Let us bear responsibility for our people."], "language": "en"})
    assert clf.predict(texts)["blame_responsibility"].tolist() == [1, 0]


def test_no_case_is_drawn_from_the_test_split():
    test_ids = set(load_gold("test")["passage_id"])
    used = {c[0] for c in CASES} | {"UNGDC_KAZ_76_2021#29", "NYT_KBEC19_T0396#1"}
    assert not used & test_ids
