"""The study's gold set, error rates and out-of-domain check (discourse.studies.afghanistan)."""
from __future__ import annotations

import csv

import pandas as pd
import pytest
from sklearn.exceptions import NotFittedError
from sklearn.metrics import f1_score, precision_recall_fscore_support, recall_score

from discourse._errors import CorpusValidationError, DiscourseError
from discourse.framing import LexiconFrameClassifier
from discourse.paths import corpus_dir
from discourse.studies.afghanistan import (evaluate_generic_on_frermann, frames, load_frermann2023, load_gold,
                                           validation)


ANNOTATIONS = corpus_dir() / "annotations"


def test_committed_gold_is_what_the_raw_codings_and_adjudications_give():
    from discourse.annotation import AnnotationProject

    project = AnnotationProject(ANNOTATIONS, "afghanistan")
    built = project.build_gold(write=False)
    committed = pd.read_csv(ANNOTATIONS / "gold.csv")
    pd.testing.assert_frame_equal(built.reset_index(drop=True), committed, check_dtype=False)
    dis = pd.read_csv(ANNOTATIONS / "disagreements.csv", dtype=str, keep_default_na=False)
    fresh = project.disagreements(with_text=False).drop(columns=["decision", "reason"]).astype(str)
    pd.testing.assert_frame_equal(fresh.reset_index(drop=True), dis)


def test_test_split_is_frozen_and_kept_apart():
    gold = load_gold()
    test_ids = pd.read_csv(ANNOTATIONS / "test_split.csv")["passage_id"]
    assert sorted(gold.loc[gold["split"] == "test", "passage_id"]) == sorted(test_ids)
    # drawn outside round 1 and outside the passages read while the lexicon was built
    read = set(pd.read_csv(ANNOTATIONS / "lexicon_read.csv")["passage_id"])
    assert not read & set(test_ids)
    assert set(gold.loc[gold["passage_id"].isin(test_ids), "round"]) == {"2"}
    # every test passage was coded by two coders
    assert (gold.loc[gold["split"] == "test", "n_coders"] == 2).all()
    assert len(load_gold("train")) + len(load_gold("test")) == len(gold)


def test_every_chinese_and_russian_afghanistan_passage_is_coded():
    # the GUIDE says their counts are what exists: check it against the corpus
    import discourse as dc
    from discourse.studies.afghanistan import AFGHANISTAN

    pool = dc.passages(dc.load_corpus(language=["zh", "ru"]), terms=AFGHANISTAN)
    assert set(pool["passage_id"]) <= set(load_gold()["passage_id"])


def test_validation_errors_of_the_lexicon_are_its_rates_per_language_on_the_training_pool():
    # The lexicon learns nothing, so its out-of-fold rates are its rates on
    # every training passage, computed here with scikit-learn per language.
    # By default only the unguided passages estimate the rates; guided=True uses all of them.
    cv = validation.training_pool_cv(kinds=("lexicon",))
    assert cv.best == "lexicon"
    for guided in (False, True):
        gold = load_gold("train", guided=guided)
        pred = LexiconFrameClassifier("afghanistan").fit().predict(gold)
        rates = cv.validation_errors("lexicon", guided=guided).rates().set_index(["stratum", "frame"])
        assert set(rates.index.get_level_values("stratum")) == {"en", "zh", "ru"}
        for (lang, f), row in rates.iterrows():
            m = gold["language"] == lang
            if gold.loc[m, f].sum():
                assert row["sensitivity"] == pytest.approx(recall_score(gold.loc[m, f], pred.loc[m, f]))
            assert row["specificity"] == pytest.approx(recall_score(1 - gold.loc[m, f], 1 - pred.loc[m, f]))
            assert row["n_positive"] == gold.loc[m, f].sum()
    with pytest.raises(DiscourseError, match="`kind` must be one of: 'lexicon', 'supervised', 'hybrid'; got 'rules'"):
        validation.training_pool_cv(kinds=("rules",))


def test_unguided_gold_leaves_out_exactly_the_classifier_guided_draws():
    gold, unguided = load_gold(), load_gold(guided=False)
    guided = gold[~gold["passage_id"].isin(unguided["passage_id"])]
    assert set(guided["draw"]) == {d for d in gold["draw"].unique() if "lexicon-guided" in d or "model-guided" in d}
    assert len(guided) > 0 and set(unguided["split"]) == {"train", "test"}


# --- Frermann et al. (2023) ------------------------------------------------------------------
FRERMANN = corpus_dir() / "external" / "frermann2023"


def _read_frermann_rows() -> list[dict]:
    csv.field_size_limit(10**7)
    with open(FRERMANN / "articles_metadata.tsv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_frermann_bundle_has_licence_and_provenance():
    assert "MIT License" in (FRERMANN / "LICENSE").read_text(encoding="utf-8")
    prov = (FRERMANN / "PROVENANCE.md").read_text(encoding="utf-8")
    assert "197314dfe86838e20420894bc3dfa285814dc04c" in prov and "False)" in prov


def test_load_frermann_handles_the_two_known_defects():
    raw = _read_frermann_rows()
    arts = load_frermann2023()
    assert len(raw) == 428 and len(arts) == 427
    assert "405" not in set(arts["doc_id"]) and arts.attrs["excluded"] == ["405"]
    assert arts.loc[arts["doc_id"] == "716", "EC"].item() == 0
    for code in ("CO", "HI", "MO", "RE"):
        assert arts[code].sum() == sum(r[code] == "True" for r in raw)
    assert arts["EC"].sum() == sum(r["EC"] == "True" for r in raw)


def test_load_frermann_rejects_other_bad_values(tmp_path):
    text = (FRERMANN / "articles_metadata.tsv").read_text(encoding="utf-8")
    lines = text.split("\n")
    cells = lines[1].split("\t")
    cells[-1] = "maybe"  # EC of the first article
    lines[1] = "\t".join(cells)
    (tmp_path / "articles_metadata.tsv").write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(CorpusValidationError, match=r"articles_metadata\.tsv:2: frame `EC` has value 'maybe'"):
        load_frermann2023(directory=tmp_path)
    with pytest.raises(FileNotFoundError, match="not found"):
        load_frermann2023(directory=tmp_path / "none")


def test_generic_lexicon_on_frermann_subset_matches_independent_scores(tmp_path):
    # The full run takes ~15 s (the lexicon scans 427 whole articles), so
    # score a 30-article slice and recompute everything independently.
    lines = (FRERMANN / "articles_metadata.tsv").read_text(encoding="utf-8").split("\n")
    (tmp_path / "articles_metadata.tsv").write_text("\n".join(lines[:31]) + "\n", encoding="utf-8")
    table = evaluate_generic_on_frermann(directory=tmp_path, include_approximate=True)
    assert table["frame"].tolist() == ["conflict", "economic", "human_interest", "morality", "responsibility",
                                       "micro", "macro"]
    assert table["mapping"].tolist() == ["direct"] * 4 + ["approximate"] + ["average of direct"] * 2
    rows = _read_frermann_rows()[:30]
    lex = LexiconFrameClassifier(codebook="generic", language="en").fit()
    pred = lex.predict([r["text"] for r in rows])
    mapping = {"CO": "conflict", "EC": "economic", "HI": "human_interest", "MO": "morality", "RE": "responsibility"}
    scores = table.set_index("frame")
    truth = {ours: [int(r[theirs] == "True") for r in rows] for theirs, ours in mapping.items()}
    for theirs, ours in mapping.items():
        p, r_, f, _ = precision_recall_fscore_support(truth[ours], pred[ours], average="binary", zero_division=0)
        assert scores.loc[ours, ["precision", "recall", "f1"]].tolist() == pytest.approx([p, r_, f])
        assert scores.loc[ours, "frermann_frame"] == theirs
    direct = ["conflict", "economic", "human_interest", "morality"]
    y = pd.DataFrame({f: truth[f] for f in direct})
    assert scores.loc["macro", "f1"] == pytest.approx(f1_score(y, pred[direct], average="macro", zero_division=0))
    assert scores.loc["micro", "f1"] == pytest.approx(f1_score(y, pred[direct], average="micro"))
    only_direct = evaluate_generic_on_frermann(directory=tmp_path)
    assert "responsibility" not in set(only_direct["frame"])


def test_frermann_errors(tmp_path):
    lines = (FRERMANN / "articles_metadata.tsv").read_text(encoding="utf-8").split("\n")
    (tmp_path / "articles_metadata.tsv").write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    with pytest.raises(NotFittedError, match="not fitted yet"):
        evaluate_generic_on_frermann(LexiconFrameClassifier(codebook="generic"), directory=tmp_path)
    afgh = LexiconFrameClassifier("afghanistan", language="en").fit()
    with pytest.raises(DiscourseError, match="use one built on the 'generic' codebook"):
        evaluate_generic_on_frermann(afgh, directory=tmp_path)
    with pytest.raises(TypeError, match="`include_approximate` must be True or False"):
        evaluate_generic_on_frermann(directory=tmp_path, include_approximate="yes")
