"""Tests of discourse.actors and plotting.plot_actor_frame.

Every text and table here is SYNTHETIC (written for the tests), never a
corpus document.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes

from discourse import plotting
from discourse._errors import DiscourseError, ParameterError
from discourse.actors import actor_frame_cooccurrence, actor_held_responsible, actor_mentions, read_actors
from discourse.framing.codebooks import load_codebook

# SYNTHETIC actor dictionary.
ACTORS = pd.DataFrame([
    ("US", "en", "=US"), ("US", "en", "united states"), ("US", "en", "washington"),
    ("US", "zh", "美国"), ("US", "zh", "美方"),
    ("US", "ru", "сша"), ("US", "ru", "вашингтон*"), ("US", "ru", "соединенн* штат*"),
    ("Taliban", "en", "taliban"), ("Taliban", "zh", "塔利班"), ("Taliban", "ru", "талиб*"),
], columns=["actor", "language", "term"])

# SYNTHETIC passages: the pronoun trap ("us", "US" only as the country), Russian
# inflection and ё, Chinese substrings, a word that merely contains a form.
TEXTS = pd.DataFrame({
    "text": [
        "Let us say the US failed; tell us more.",          # en: US once (pronoun twice)
        "The United States and Washington blamed the Taliban.",  # en: US x2, Taliban
        "Thus trust us.",                                   # en: none ("Thus", "trust" contain "us")
        "Taliban-led talks; talibanisation",                # en: Taliban once (not the longer word)
        "美国和美方都指责塔利班。",                            # zh: US x2, Taliban
        "中国外交部",                                          # zh: none
        "Вашингтону и Соединённым Штатам, а не талибам.",   # ru: US x2 (inflected, ё), Taliban
        "США ушли, а Талибан остался; Вашингтонский пакт",   # ru: US x2 (вашингтон* suffix), Taliban
    ],
    "language": ["en", "en", "en", "en", "zh", "zh", "ru", "ru"],
}, index=[10, 11, 12, 13, 14, 15, 16, 17])

# Hand-counted from the sentences above (the comments give the reasoning).
EXPECTED_COUNTS = {"US": [1, 2, 0, 0, 2, 0, 2, 2], "Taliban": [0, 1, 0, 1, 1, 0, 1, 1]}


def _plain_count(text: str, language: str, actor: str) -> int:
    """An independent count: split into words (or scan characters for zh) and compare forms one by one."""
    forms = ACTORS[(ACTORS["actor"] == actor) & (ACTORS["language"] == language)]["term"]
    if language == "zh":
        return sum(text.count(f) for f in forms)
    words = [w for w in "".join(ch if ch.isalnum() else " " for ch in text).split()]
    n, i = 0, 0
    while i < len(words):
        for form in sorted(forms, key=len, reverse=True):
            case_sensitive = form.startswith("=")
            parts = form.lstrip("=").split()
            window = words[i:i + len(parts)]
            if len(window) < len(parts):
                continue

            def same(word: str, part: str) -> bool:
                if not case_sensitive:
                    word, part = word.lower().replace("ё", "е"), part.lower().replace("ё", "е")
                return word.startswith(part[:-1]) if part.endswith("*") else word == part
            if all(same(w, p) for w, p in zip(window, parts)):
                n += 1
                i += len(parts) - 1
                break
        i += 1
    return n


def test_mentions_match_hand_counts_and_a_plain_loop():
    counts = actor_mentions(TEXTS, actors=ACTORS, counts=True)
    assert list(counts.columns) == ["US", "Taliban"]
    assert list(counts.index) == list(TEXTS.index)
    for actor, expected in EXPECTED_COUNTS.items():
        assert counts[actor].tolist() == expected
        plain = [_plain_count(t, lang, actor) for t, lang in zip(TEXTS["text"], TEXTS["language"])]
        assert counts[actor].tolist() == plain
    binary = actor_mentions(TEXTS, actors=ACTORS)
    assert binary.equals((counts > 0).astype(np.int64))


def test_mentions_only_use_forms_of_the_passage_language():
    # SYNTHETIC: a Russian form inside an English passage is not looked for.
    data = pd.DataFrame({"text": ["США"], "language": ["en"]})
    assert actor_mentions(data, actors=ACTORS)["US"].tolist() == [0]


def test_mentions_bad_inputs():
    with pytest.raises(ParameterError, match=r"data\['language'\].*'fr'"):
        actor_mentions(pd.DataFrame({"text": ["x"], "language": ["fr"]}), actors=ACTORS)
    with pytest.raises(DiscourseError, match="text"):
        actor_mentions(pd.DataFrame({"body": ["x"], "language": ["en"]}), actors=ACTORS)
    with pytest.raises(ParameterError, match=r"actors\['language'\].*'de'"):
        actor_mentions(TEXTS, actors=ACTORS.assign(language="de"))
    with pytest.raises(DiscourseError, match="no rows"):
        actor_mentions(TEXTS, actors=ACTORS.iloc[:0])
    with pytest.raises(DiscourseError, match="missing text"):
        actor_mentions(pd.DataFrame({"text": [None], "language": ["en"]}), actors=ACTORS)


# --------------------------------------------------------------------------
# read_actors
# --------------------------------------------------------------------------
def _write(tmp_path, body: str):
    path = tmp_path / "actors.csv"
    path.write_text(body, encoding="utf-8")
    return path


def test_read_actors_round_trip(tmp_path):
    path = _write(tmp_path, "actor,language,term,note\nUS,en,=US,country\n\nUS,ru,Соединённые  Штаты,\n")
    table = read_actors(path)
    assert table.to_dict("list") == {"actor": ["US", "US"], "language": ["en", "ru"],
                                     "term": ["=US", "Соединённые Штаты"]}
    assert table.attrs["path"] == str(path)


@pytest.mark.parametrize("body, message", [
    ("actor,lang,term\nUS,en,x\n", r"actors\.csv:1: unknown column 'lang'"),
    ("actor,term\nUS,x\n", r"actors\.csv:1: missing column 'language'"),
    ("actor,language,term\nUS,en,x\nUS,en,\n", r"actors\.csv:3: empty term: column 'term' has value ''"),
    ("actor,language,term\n,en,x\n", r"actors\.csv:2: empty actor"),
    ("actor,language,term\nUS,en,x\nUS,fr,x\n", r"actors\.csv:3: unknown language: column 'language' has value 'fr'"),
    ("actor,language,term\nUS,zh,美*\n", r"actors\.csv:2: .*zh term without `\*`"),
    ("actor,language,term\nUS,en,u*s\n", r"actors\.csv:2: .*only ends a word"),
    ("actor,language,term\nUS,en,x\nUS,en,x\n", r"actors\.csv:3: duplicate row .*first on line 2"),
    ("actor,language,term\nUS,en\n", r"actors\.csv:2: expected 3 fields, got 2"),
    ("", r"actors\.csv:1: the actor dictionary is empty"),
])
def test_read_actors_errors(tmp_path, body, message):
    with pytest.raises(DiscourseError, match=message):
        read_actors(_write(tmp_path, body))


def test_mentions_accept_a_path(tmp_path):
    path = _write(tmp_path, "actor,language,term\nTaliban,en,taliban\n")
    assert actor_mentions(TEXTS, actors=path)["Taliban"].tolist() == [0, 1, 0, 1, 0, 0, 0, 0]


# --------------------------------------------------------------------------
# actor_frame_cooccurrence
# --------------------------------------------------------------------------
def _coded(seed: int, n_docs: int = 30) -> pd.DataFrame:
    # SYNTHETIC coded passages: documents of 1-4 passages in two blocs.
    rng = np.random.default_rng(seed)
    sizes = rng.integers(1, 5, size=n_docs)
    doc = np.repeat([f"d{i}" for i in range(n_docs)], sizes)
    bloc = np.repeat(rng.choice(["CN", "US"], size=n_docs), sizes)
    n = len(doc)
    return pd.DataFrame({"doc_id": doc, "bloc": bloc, "blame": rng.integers(0, 2, n), "failure": rng.integers(0, 2, n),
                         "US": rng.integers(0, 2, n), "Taliban": rng.integers(0, 2, n)})


def test_cooccurrence_shares_match_groupby():
    data = _coded(1)
    out = actor_frame_cooccurrence(data, actors=["US", "Taliban"], frames=["blame", "failure"], n_boot=50)
    assert list(out.columns) == ["bloc", "frame", "actor", "n_passages", "n_documents", "n_positive", "share",
                                 "ci_low", "ci_high"]
    for frame in ["blame", "failure"]:
        coded = data[data[frame] == 1]
        by_hand = coded.groupby("bloc")[["US", "Taliban"]].agg(["mean", "sum"])
        sizes = coded.groupby("bloc").size()
        docs = coded.groupby("bloc")["doc_id"].nunique()
        for actor in ["US", "Taliban"]:
            got = out[(out["frame"] == frame) & (out["actor"] == actor)].set_index("bloc")
            np.testing.assert_allclose(got["share"], by_hand[(actor, "mean")].loc[got.index])
            assert got["n_positive"].tolist() == by_hand[(actor, "sum")].loc[got.index].tolist()
            assert got["n_passages"].tolist() == sizes.loc[got.index].tolist()
            assert got["n_documents"].tolist() == docs.loc[got.index].tolist()
            assert ((got["ci_low"] <= got["share"]) & (got["share"] <= got["ci_high"])).all()
    assert out.attrs["measure"] == "co-occurrence in the same passage"


def test_cooccurrence_skips_groups_without_frame_passages():
    data = _coded(2).assign(blame=lambda d: np.where(d["bloc"] == "CN", 0, d["blame"]))
    out = actor_frame_cooccurrence(data, actors=["US"], frames=["blame"], n_boot=0)
    assert out["bloc"].tolist() == ["US"]


def test_cooccurrence_intervals_cover_a_known_share():
    # Simulation with a known truth: every passage names the actor with
    # probability 0.3, independently; 30 documents of 1-4 passages per run.
    truth, runs, covered = 0.3, 80, 0
    for seed in range(runs):
        rng = np.random.default_rng(1000 + seed)
        sizes = rng.integers(1, 5, size=30)
        doc = np.repeat(np.arange(30), sizes)
        data = pd.DataFrame({"doc_id": doc, "bloc": "US", "blame": 1,
                             "US": (rng.random(len(doc)) < truth).astype(int)})
        row = actor_frame_cooccurrence(data, actors=["US"], frames=["blame"], n_boot=200, random_state=seed).iloc[0]
        covered += row["ci_low"] <= truth <= row["ci_high"]
    # Nominal 95 %; with 80 runs a correct interval lands in [0.85, 1] with probability > 0.99.
    assert 0.85 <= covered / runs <= 1.0


def test_cooccurrence_errors():
    data = _coded(3)
    with pytest.raises(DiscourseError, match="nope"):
        actor_frame_cooccurrence(data, actors=["nope"], frames=["blame"])
    with pytest.raises(ParameterError, match="`actors`.*'blame'"):
        actor_frame_cooccurrence(data, actors=["blame"], frames=["blame"])
    with pytest.raises(ParameterError, match="Frame column 'blame'.*0/1.*2"):
        actor_frame_cooccurrence(data.assign(blame=2), actors=["US"], frames=["blame"])
    with pytest.raises(DiscourseError, match="Frame column 'US'"):
        actor_frame_cooccurrence(data.assign(US=3), actors=["US"], frames=["blame"])


# --------------------------------------------------------------------------
# actor_held_responsible (the codebook's proximity rules)
# --------------------------------------------------------------------------
def test_held_responsible_uses_the_rule_near_span():
    codebook = load_codebook("afghanistan")
    data = pd.DataFrame({"text": [
        "The US must bear responsibility for this. Later the Taliban entered Kabul.",  # US near responsib*
        "The Taliban took Kabul. The US left.",                                        # no responsibility word
        "塔利班应该承担责任。",                                                             # zh: 塔利班 near 责任
    ], "language": ["en", "en", "zh"]})
    out = actor_held_responsible(data, codebook=codebook, frame="blame_responsibility", actors=ACTORS)
    assert out.to_dict("list") == {"US": [1, 0, 0], "Taliban": [0, 0, 1]}
    # Co-occurrence, by contrast, counts both actors in the first passage.
    assert actor_mentions(data, actors=ACTORS).iloc[0].tolist() == [1, 1]


def test_held_responsible_errors():
    codebook = load_codebook("afghanistan")
    data = pd.DataFrame({"text": ["x"], "language": ["en"]})
    with pytest.raises(ParameterError, match="`frame`.*'nope'"):
        actor_held_responsible(data, codebook=codebook, frame="nope", actors=ACTORS)
    no_rules = next(f.id for f in codebook.frames if not f.rules)
    with pytest.raises(ParameterError, match=f"`frame` must be a frame with proximity rules.*'{no_rules}'"):
        actor_held_responsible(data, codebook=codebook, frame=no_rules, actors=ACTORS)
    with pytest.raises(ParameterError, match=r"data\['language'\].*'fr'"):
        actor_held_responsible(data.assign(language="fr"), codebook=codebook, frame="blame_responsibility",
                               actors=ACTORS)


# --------------------------------------------------------------------------
# plot_actor_frame
# --------------------------------------------------------------------------
def test_plot_actor_frame_draws_the_table():
    table = actor_frame_cooccurrence(_coded(4), actors=["US", "Taliban"], frames=["blame", "failure"], n_boot=50)
    ax = plotting.plot_actor_frame(table, frame="blame", palette={"US": "#1f77b4"})
    assert isinstance(ax, Axes)
    rows = table[table["frame"] == "blame"]
    # One errorbar container per bloc; its dots sit at the table's shares.
    assert len(ax.containers) == rows["bloc"].nunique()
    for container, (bloc, part) in zip(ax.containers, rows.groupby("bloc", sort=False)):
        np.testing.assert_allclose(container.lines[0].get_xdata(), part["share"])
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    expected = [f"{b} (n={n})" for b, n in rows.drop_duplicates("bloc")[["bloc", "n_passages"]].itertuples(index=False)]
    assert labels == expected
    assert [t.get_text() for t in ax.get_yticklabels()] == ["US", "Taliban"]
    assert ax.containers[[c.get_label() for c in ax.containers].index(labels[rows["bloc"].unique().tolist().index("US")])
                         ].lines[0].get_color() == "#1f77b4"


def test_plot_actor_frame_errors():
    table = actor_frame_cooccurrence(_coded(5), actors=["US"], frames=["blame"], n_boot=0)
    with pytest.raises(ParameterError, match="`frame`.*'chaos'"):
        plotting.plot_actor_frame(table, frame="chaos")
    with pytest.raises(DiscourseError, match="several rows"):
        plotting.plot_actor_frame(pd.concat([table, table]), frame="blame")
    with pytest.raises(DiscourseError, match="nope"):
        plotting.plot_actor_frame(table, frame="blame", hue="nope")
