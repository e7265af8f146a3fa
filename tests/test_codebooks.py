"""Tests for discourse.framing.codebooks: bundled YAML content and validation."""
from __future__ import annotations

import copy
import dataclasses
import json
import pickle
from pathlib import Path

import pytest

from discourse._errors import DiscourseError
from discourse.framing import Codebook, list_codebooks, load_codebook
from discourse.schema import LANGUAGES

from synthetic import write_file

SOURCES = Path(__file__).resolve().parents[2] / "shared" / "sources"

# The project's frame definitions, as specified for codebook v1; the YAML must
# carry them verbatim.
AFGHANISTAN_DEFINITIONS = {
    "us_failure": 'presents the withdrawal or the war as a US defeat, failure, humiliation, chaos or debacle; speaks of lost US credibility, hegemony or leadership; draws "Saigon"/Vietnam analogies; says US-style democracy export failed.',
    "abandonment": "says the US abandoned or betrayed Afghans, allies or partners; presents the US as an unreliable ally or protector; warns others (e.g. Taiwan, Ukraine, Europe) not to rely on it.",
    "humanitarian": "foregrounds human suffering or needs: refugees, displaced people, evacuation of civilians, hunger, poverty, health, casualties among civilians, humanitarian aid and access.",
    "terrorism_security": "foregrounds terrorism or security threats: ISIS-K, al-Qaeda, ETIM, safe havens, attacks (e.g. the Kabul airport bombing), drug trafficking, militants, weapons left behind, spill-over of violence, counter-terrorism.",
    "regional_stability": "foregrounds the region: neighbours' security, borders, Central Asia, Pakistan, Iran, China or Russia as stabilisers, regional formats (SCO, CSTO, Moscow format, troika), regional cooperation and stability.",
    "engagement_sovereignty": "argues for engaging, talking to, guiding or working with the Taliban or the new authorities; respect for Afghan sovereignty, independence and the Afghan people's own choice; non-interference; an inclusive or broad-based government; recognition as a matter of engagement.",
    "human_rights": "foregrounds the rights of women, girls, ethnic or religious minorities, journalists; freedoms; human-rights abuses or commitments.",
    "blame_responsibility": 'attributes responsibility or blame for the situation to an actor (the US and NATO, the previous US administration, the former Afghan government, the Taliban) or says an actor must bear responsibility (e.g. "the US cannot simply walk away", "those who created the mess").',
    "pressure_leverage": 'discusses instruments of pressure or conditionality: sanctions, sanctions lists and waivers, frozen assets, withholding recognition or aid, holding the Taliban to commitments, judging them "by deeds not words", leverage.',
    "mission_accomplished": 'presents the withdrawal as the right decision or a success: ending a "forever war", bringing troops home, mission achieved, the largest airlift in history, over-the-horizon capability, the evacuation as an extraordinary success.',
    "economic": "foregrounds money and the economy: costs of the war, economic collapse, currency, inflation, salaries, trade, investment, reconstruction, mineral resources, Belt and Road, aid money (as economics rather than human suffering).",
}
AFGHANISTAN_NAMES = {
    "us_failure": "US failure / decline",
    "abandonment": "Abandoned allies / unreliable partner",
    "humanitarian": "Humanitarian crisis",
    "terrorism_security": "Terrorism / security threat",
    "regional_stability": "Regional stability / neighbours",
    "engagement_sovereignty": "Engagement / sovereignty",
    "human_rights": "Human rights",
    "blame_responsibility": "Blame / responsibility",
    "pressure_leverage": "Pressure / leverage",
    "mission_accomplished": "Mission accomplished / ending the war",
    "economic": "Economic consequences",
}
AFGHANISTAN_RULES = [
    "blame_responsibility needs an actor held responsible; criticism alone with no attribution is not enough.",
    "pressure_leverage vs engagement_sovereignty: pressure is conditional or coercive; engagement argues for contact and cooperation. A passage may do both.",
    "humanitarian vs economic: hunger and suffering are humanitarian; currency, salaries and frozen reserves as economy are economic.",
    "Routine news facts (troop numbers, dates) with no evaluative angle may carry no frame at all.",
]
# Media Frames Corpus codes 1.0-15.0 (Card et al. 2015, annotations/codes.json).
MFC_NAMES = [
    "Economic", "Capacity and resources", "Morality", "Fairness and equality",
    "Legality, constitutionality and jurisprudence", "Policy prescription and evaluation",
    "Crime and punishment", "Security and defense", "Health and safety", "Quality of life",
    "Cultural identity", "Public opinion", "Political", "External regulation and reputation",
    "Other",
]
POLICY_IDS = [
    "economic", "capacity_resources", "morality", "fairness_equality",
    "legality_constitutionality_jurisprudence", "policy_prescription", "crime_punishment",
    "security_defense", "health_safety", "quality_of_life", "cultural_identity",
    "public_opinion", "political", "external_regulation_reputation", "other",
]


def test_list_codebooks():
    assert list_codebooks() == ["afghanistan", "generic", "policy"]


def test_afghanistan_frames_and_definitions_verbatim():
    cb = load_codebook("afghanistan")
    assert cb.frame_ids == list(AFGHANISTAN_DEFINITIONS)
    for f in cb.frames:
        assert f.definition == AFGHANISTAN_DEFINITIONS[f.id]
        assert f.name == AFGHANISTAN_NAMES[f.id]
    for rule in AFGHANISTAN_RULES:
        assert rule in cb.notes
    assert cb.version == "2"  # v2 changed the lexicon and rules, not the frames coders used
    assert "passage" in cb.unit


def test_afghanistan_lexicons_cover_three_languages():
    cb = load_codebook("afghanistan")
    assert cb.languages == ["en", "zh", "ru"]
    for f in cb.frames:
        for lang in LANGUAGES:
            assert len(f.lexicon[lang]) >= 10, (f.id, lang)


@pytest.mark.parametrize("name", ["afghanistan", "generic", "policy"])
def test_no_redundant_terms(name):
    """A term already covered by a wildcard (en/ru) or a substring (zh) of the
    same frame adds nothing to the counts; keep lexicons minimal."""
    cb = load_codebook(name)
    for f in cb.frames:
        for lang, terms in f.lexicon.items():
            for t in terms:
                for w in terms:
                    if w == t:
                        continue
                    if lang == "zh":
                        assert w not in t, (f.id, t, w)
                    elif w.endswith("*") and " " not in w:
                        assert not t.lower().startswith(w[:-1].lower()), (f.id, t, w)


def test_generic_codebook():
    cb = load_codebook("generic")
    assert cb.frame_ids == ["conflict", "human_interest", "responsibility", "morality", "economic"]
    assert "Semetko" in cb.source
    assert cb.languages == ["en"]


def test_policy_codebook_follows_mfc_codes():
    cb = load_codebook("policy")
    assert cb.frame_ids == POLICY_IDS
    assert [f.name for f in cb.frames] == MFC_NAMES
    assert "Boydstun" in cb.source
    assert cb.frame("other").lexicon == {}


@pytest.mark.sources
def test_policy_names_match_codes_json():
    path = SOURCES / "media_frames_corpus_card2015_codes" / "codes.json"
    if not path.exists():
        pytest.skip("shared sources not available")
    codes = json.loads(path.read_text())
    assert MFC_NAMES == [codes[f"{i}.0"] for i in range(1, 16)]


def test_to_frame_summary_and_tidy():
    cb = load_codebook("afghanistan")
    summary = cb.to_frame()
    assert list(summary.columns) == ["frame", "name", "definition", "n_terms_en", "n_terms_zh", "n_terms_ru",
                                     "n_rules"]
    assert len(summary) == 11
    tidy = cb.to_frame(terms=True)
    assert list(tidy.columns) == ["frame", "language", "kind", "rule", "term"]
    lex = tidy[tidy.kind == "lexicon"].groupby(["frame", "language"]).size()
    assert lex[("us_failure", "ru")] == len(cb.frame("us_failure").lexicon["ru"])
    assert {"lexicon", "exclude"} <= set(tidy.kind) <= {"lexicon", "exclude", "negation", "rule terms", "rule near"}
    assert summary["n_rules"].tolist() == [len(f.rules) for f in cb.frames]


def test_lexicon_and_repr():
    cb = load_codebook("afghanistan")
    assert "провал*" in cb.lexicon("ru")["us_failure"]
    assert set(cb.lexicon("zh")) == set(cb.frame_ids)
    html = cb._repr_html_()
    assert "us_failure" in html and "Codebook afghanistan" in html
    assert "&quot;Saigon&quot;" in html  # definitions are escaped
    assert "afghanistan" in repr(cb)
    with pytest.raises(DiscourseError, match="`language` must .*got 'fr'"):
        cb.lexicon("fr")
    with pytest.raises(DiscourseError, match="`frame_id` must .*got 'nope'"):
        cb.frame("nope")


def test_codebook_is_frozen_copyable_and_picklable():
    cb = load_codebook("generic")
    with pytest.raises(dataclasses.FrozenInstanceError):
        cb.name = "other"
    assert copy.deepcopy(cb).frame_ids == cb.frame_ids
    assert pickle.loads(pickle.dumps(cb)).frames == cb.frames
    assert load_codebook(cb) is cb


def test_load_from_path(tmp_path):
    src = Path(load_codebook("generic").path)
    dst = tmp_path / "mine.yaml"
    dst.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_codebook(dst).frame_ids == load_codebook("generic").frame_ids
    assert load_codebook(str(dst)).path == dst


# ---------------------------------------------------------------- validation
MINIMAL = """\
name: t
version: 1
description: d
unit: u
source: s
frames:
  - id: a
    name: A
    definition: first
    lexicon: {en: [alpha, "beta*"]}
"""


_write = write_file


def test_minimal_file_loads(tmp_path):
    cb = load_codebook(_write(tmp_path, MINIMAL))
    assert isinstance(cb, Codebook)
    assert cb.frame("a").lexicon == {"en": ("alpha", "beta*")}
    assert cb.notes == ()


@pytest.mark.parametrize(
    "text, pattern",
    [
        (MINIMAL.replace("{en:", "{fr:"), r"frame 'a': unknown language key 'fr' in `lexicon`"),
        (MINIMAL + "  - id: a\n    name: B\n    definition: again\n", r"duplicate frame id 'a'"),
        (MINIMAL.replace("    definition: first\n", ""), r"frame 'a': missing required key\(s\) 'definition'"),
        (MINIMAL.replace("definition: first", "definition: ''"), r"frame 'a': `definition` is missing or empty"),
        (MINIMAL.replace("id: a", "id: Bad-Id"), r"invalid frame id 'Bad-Id'"),
        (MINIMAL.replace("lexicon:", "lexikon:"), r"frame 'a': unknown key 'lexikon'"),
        (MINIMAL.replace("source: s\n", ""), r"missing required key\(s\) 'source'"),
        (MINIMAL.replace('"beta*"', '"be*ta"'), r"invalid term 'be\*ta' .*suffix wildcard"),
        (MINIMAL.replace("{en: [alpha", "{zh: [失败*"), r"invalid term '失败\*' .*zh terms"),
        (MINIMAL.replace('"beta*"', "Alpha"), r"duplicate term 'Alpha' in `lexicon.en`"),
        (MINIMAL.replace("lexicon: {en: [alpha, \"beta*\"]}", "exclude: {xx: [a]}"), r"unknown language key 'xx' in `exclude`"),
        ("name: [unclosed", r"is not valid YAML"),
        ("- just\n- a list\n", r"expected a mapping at the top level"),
    ],
)
def test_validation_errors_name_file_frame_and_value(tmp_path, text, pattern):
    path = _write(tmp_path, text)
    with pytest.raises(DiscourseError, match=pattern) as info:
        load_codebook(path)
    assert "cb.yaml" in str(info.value)


def test_unknown_name_lists_bundled_codebooks():
    with pytest.raises(DiscourseError, match=r"`name_or_path` must be a bundled codebook name or an existing YAML file; got 'afganistan'. Bundled codebooks: 'afghanistan', 'generic', 'policy'"):
        load_codebook("afganistan")


def test_wrong_type():
    with pytest.raises(TypeError, match="`name_or_path` must be"):
        load_codebook(3)
