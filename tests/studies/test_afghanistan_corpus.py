"""The bundled corpus of the study: schema, provenance, rights, and enough passages per bloc."""
import discourse
from discourse.studies.afghanistan import AFGHANISTAN, BLOCS, CORPUS_COLUMNS, bloc_of


def test_bundled_corpus_schema_provenance_rights(corpus):
    assert sorted(corpus.columns) == sorted(CORPUS_COLUMNS)
    assert list(corpus.columns[:len(discourse.schema.SCHEMA_COLUMNS)]) == discourse.schema.SCHEMA_COLUMNS
    assert corpus["doc_id"].is_unique
    assert (corpus["provenance"].str.len() > 0).all() and (corpus["rights"].str.len() > 0).all()
    assert set(corpus["language"]) == {"en", "zh", "ru"}
    assert set(corpus["bloc"]) == set(BLOCS)
    assert (corpus["bloc"] == corpus["country"].map(bloc_of)).all()


def test_at_least_100_afghanistan_passages_per_bloc_jul_oct_2021():
    window = discourse.load_corpus(start="2021-07-01", end="2021-10-31")
    psg = discourse.passages(window, terms=AFGHANISTAN)
    counts = psg.groupby("bloc").size()
    for bloc in ["US", "CN", "RU"]:
        assert counts[bloc] >= 100, (bloc, counts[bloc])
    assert (psg["provenance"] != "").all() and (psg["rights"] != "").all()
