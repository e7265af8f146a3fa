"""Execute each notebook headless and assert the numbers its argument rests on."""
import re

import numpy as np
import pandas as pd
import pytest

import discourse
from discourse.notebooks import inject_parameters, notebook_paths, run_notebook
from discourse.results import load_table
from discourse.studies import afghanistan as af

pytestmark = pytest.mark.notebook


def _executed(tmp_path_factory, index: int, parameters: dict | None = None):
    """Run the index-th notebook once per module into a fresh output folder."""
    out = tmp_path_factory.mktemp(notebook_paths()[index].stem[:2])
    run_notebook(notebook_paths()[index], parameters=parameters, output_dir=out)
    return out


@pytest.fixture(scope="module")
def out01(tmp_path_factory):
    return _executed(tmp_path_factory, 0)


def test_01_passage_counts_match_an_independent_count_and_the_claim(out01):
    import re

    AFGHANISTAN_TERMS = af.AFGHANISTAN_TERMS

    table = load_table("afghanistan_passages_by_bloc", folder=out01 / "tables").set_index("bloc")
    window = discourse.load_corpus(start="2021-07-01", end="2021-10-31")
    # Documents with an Afghanistan keyword anywhere in title or text, by a
    # plain regex over whole documents (no passage splitting involved).
    rx = {lang: re.compile(r"(?<!\w)(?:" + "|".join(terms) + ")", re.I) for lang, terms in AFGHANISTAN_TERMS.items()}
    rx["zh"] = re.compile("|".join(map(re.escape, AFGHANISTAN_TERMS["zh"])))
    hit = [bool(rx[lang].search(t + "\n" + x)) for t, x, lang in zip(window["title"], window["text"], window["language"])]
    expected_docs = window[hit].groupby("bloc").size()
    assert table["n_documents"].to_dict() == expected_docs.to_dict()
    assert (table["n_passages"] >= table["n_documents"]).all()
    assert (table.loc[["US", "CN", "RU"], "n_passages"] >= 100).all()  # the threshold


def test_01_timeline_and_figures(out01):
    tl = load_table("afghanistan_passages_timeline_by_bloc", folder=out01 / "tables")
    by_bloc = load_table("afghanistan_passages_by_bloc", folder=out01 / "tables").set_index("bloc")["n_passages"]
    assert tl.groupby("bloc")["n_passages"].sum().reindex(by_bloc.index).tolist() == by_bloc.tolist()
    share = load_table("afghanistan_share_of_items_by_source_weekly", folder=out01 / "tables")
    # Channel One's background covers Aug-Sep only: no share outside it.
    ch1 = share[share["source"] == "Channel One Russia (1tv.ru)"].dropna(subset=["share_mentioning"])
    assert ch1["period"].min() >= "2021-08-01" and ch1["period"].max() <= "2021-10-03"
    figs = {p.name for p in (out01 / "figures").glob("*.png")}
    assert {"corpus_composition_by_bloc_genre.png", "afghanistan_passages_by_bloc_timeline.png",
            "afghanistan_share_of_items_by_source_weekly.png"} <= figs


def test_01_with_parameters(tmp_path):
    run_notebook(notebook_paths()[0], parameters={"START": "2021-08-15", "END": "2021-08-31", "FREQ": "W"}, output_dir=tmp_path)
    tl = load_table("afghanistan_passages_timeline_by_bloc", folder=tmp_path / "tables")
    assert pd.to_datetime(tl["period"]).min() >= pd.Timestamp("2021-08-15")


def test_inject_parameters_rejects_unknown_name():
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("START = 1", metadata={"tags": ["parameters"]})])
    with pytest.raises(ValueError, match="`parameters` must be one of: 'START'; got 'STRAT'"):
        inject_parameters(nb, {"STRAT": 2})
    nb2 = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    with pytest.raises(ValueError, match="no cell tagged 'parameters'"):
        inject_parameters(nb2, {"x": 2})


# ---- 02 distinctive vocabulary ---------------------------------------------

FAST_02 = {"BOOTSTRAP": 20, "PERMUTATIONS": 19}


@pytest.fixture(scope="module")
def out02(tmp_path_factory):
    return _executed(tmp_path_factory, 1, FAST_02)


def test_02_outlet_keyness_agrees_with_scipy_and_a_regex_count(out02):
    table = load_table("keyness_afghanistan_vs_own_background_by_outlet", folder=out02 / "tables")
    window = discourse.load_corpus(start="2021-07-01", end="2021-10-31")
    outlets = ["CCTV Xinwen Lianbo", "Channel One Russia (1tv.ru)", "US Department of State (@StateDept)"]
    psg = discourse.passages(window[window["source"].isin(outlets)])
    psg = psg.assign(about=af.mentions_afghanistan(psg).map({True: "afghanistan", False: "other"}))
    # The saved G2 and log ratios agree with scipy / the formula, from the
    # table's own counts and the token totals implied by its frequencies.
    import numpy as np
    from scipy.stats import chi2_contingency

    for row in table.sort_values("g2", ascending=False).groupby("source").head(5).itertuples():
        c, d = row.n_target * 1e6 / row.freq_target, row.n_reference * 1e6 / row.freq_reference if row.n_reference else None
        if d is None:
            continue
        c, d = round(c), round(d)
        g2 = chi2_contingency([[row.n_target, row.n_reference], [c - row.n_target, d - row.n_reference]],
                              lambda_="log-likelihood", correction=False)[0]
        assert row.g2 == pytest.approx(g2, rel=1e-6)
        assert row.log_ratio == pytest.approx(np.log2((row.n_target / c) / (row.n_reference / d)), rel=1e-9)
    # Counts of a word are what a regex finds in the outlet's Afghanistan passages.
    sd = psg[(psg["source"] == "US Department of State (@StateDept)") & (psg["about"] == "afghanistan")]
    n_kabul = int(sd["text"].str.count(r"(?i)(?<![\w'’-])kabul(?![\w'’-])").sum())
    row = table[(table["source"] == "US Department of State (@StateDept)") & (table["feature"] == "kabul")].iloc[0]
    assert row["n_target"] == n_kabul
    top = discourse.top_keywords(table, n=12, by="source")
    cctv = set(top.loc[top["source"] == "CCTV Xinwen Lianbo", "feature"])
    assert {"塔利班", "喀布尔"} <= cctv  # the notebook reads these lists side by side
    assert (top["p_adj"] < 0.05).all() and (top["g2"] > 0).all()


def test_02_three_bloc_un_table_counts_match_a_regex_count(out02):
    un = load_table("keyness_un_general_debate_by_bloc", folder=out02 / "tables")
    assert set(un["target"]) == {"US", "CN", "RU"}
    assert {"p_perm", "log_ratio_ci_low", "log_ratio_ci_high"} <= set(un.columns)
    # A key word's count in each bloc's five speeches is what a plain regex finds.
    speeches = discourse.load_corpus(genre="un_speech", country=["USA", "CHN", "RUS"])
    top = un.sort_values("g2", ascending=False).groupby("target").head(1)
    for row in top.itertuples():
        texts = speeches.loc[speeches["bloc"] == row.target, "text"]
        # a word not inside a longer word, nor glued by an apostrophe or a word-internal hyphen
        rx = r"(?i)(?<![\w'’])(?<!\w-)" + re.escape(row.feature) + r"(?![\w'’]|-\w)"
        assert row.n_target == int(texts.str.count(rx).sum()), row.feature
    heads = load_table("keyness_headlines_ru_vs_us", folder=out02 / "tables")
    assert set(heads["target"]) == {"RU"} and set(heads["reference"]) == {"US"}
    figs = {p.stem for p in (out02 / "figures").glob("*.png")}
    assert {"keyness_cctv_afghanistan_vs_background", "keyness_headlines_ru_vs_us_logodds_scatter",
            "keyness_un_general_debate_by_bloc"} <= figs


# ---- 03 concordances and collocates ------------------------------------------

@pytest.fixture(scope="module")
def out03(tmp_path_factory):
    return _executed(tmp_path_factory, 2)


def test_03_kwic_counts_match_an_independent_count(out03):
    hits = load_table("kwic_taliban_hits_by_bloc", folder=out03 / "tables")
    psg = discourse.passages(discourse.load_corpus(start="2021-07-01", end="2021-10-31"), terms=af.AFGHANISTAN)
    zh = psg[psg["language"] == "zh"]
    expected_zh = int(zh["text"].str.count("塔利班").sum())
    got_zh = int(hits.loc[hits["language"] == "zh", "n"].sum())
    assert got_zh == expected_zh
    ru = psg[psg["language"] == "ru"]
    expected_ru = int(ru["text"].str.count(r"(?i)(?<!\w)талиб\w*").sum())
    assert int(hits.loc[hits["language"] == "ru", "n"].sum()) == expected_ru


def test_03_collocate_counts_match_a_plain_window_count(out03):
    colls = load_table("collocates_taliban_by_bloc", folder=out03 / "tables")
    assert set(colls["language"]) == {"en", "ru", "zh"}
    assert (colls["n_collocate"] >= 3).all()
    # Recount the strongest Russian collocate of each bloc with a plain loop over
    # pymorphy3's lemmas, called here directly: lemmas within ±5 of every lemma starting
    # with "талиб" (the notebook's node).
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer()

    def tokenize(text, language):
        return [morph.parse(t)[0].normal_form.replace("ё", "е") if t.isalpha() else t
                for t in discourse.tokenize(text, language=language)]

    psg = discourse.passages(discourse.load_corpus(start="2021-07-01", end="2021-10-31"), terms=af.AFGHANISTAN)
    ru = colls[colls["language"] == "ru"].sort_values("log_dice", ascending=False).groupby("group").head(1)
    for row in ru.itertuples():
        n = 0
        for text in psg.loc[(psg["language"] == "ru") & (psg["bloc"] == row.group), "text"]:
            toks = tokenize(text, language="ru")
            for i, t in enumerate(toks):
                if t.startswith("талиб"):
                    n += sum(1 for j in range(max(0, i - 5), min(len(toks), i + 6)) if j != i and toks[j] == row.collocate)
        assert row.n_collocate == n, row.collocate


# ---- 04 codebook and lexicon -------------------------------------------------

def test_04_lexicon_hit_rates_recomputed(tmp_path):
    from discourse import framing

    run_notebook(notebook_paths()[3], output_dir=tmp_path)
    table = load_table("lexicon_hit_rates_by_bloc", folder=tmp_path / "tables")
    psg = discourse.passages(discourse.load_corpus(start="2021-07-01", end="2021-10-31"), terms=af.AFGHANISTAN)
    hits = framing.LexiconFrameClassifier("afghanistan").fit().predict(psg)
    # independent of prevalence.frame_prevalence: plain pandas means per bloc
    expected = hits.groupby(psg["bloc"]).mean().stack().rename("share").reset_index()
    expected.columns = ["bloc", "frame", "share"]
    merged = table.merge(expected, on=["bloc", "frame"], suffixes=("", "_expected"))
    assert len(merged) == len(table) == 3 * 11  # year-dated UN speeches fall outside Jul-Oct: no "other"
    assert (merged["share"] - merged["share_expected"]).abs().max() < 1e-12
    assert ((merged["ci_low"] <= merged["share"]) & (merged["share"] <= merged["ci_high"])).all()


# ---- 05 classifier validation --------------------------------------------------

@pytest.fixture(scope="module")
def out05(tmp_path_factory):
    return _executed(tmp_path_factory, 4, {"N_BOOT": 100, "LEARNING_SIZES": (200, 100_000), "LEARNING_REPEATS": 1})


def _macro_f1(gold, pred, frames):
    """Mean sklearn F1 over the frames with at least one positive gold passage."""
    from sklearn.metrics import f1_score

    present = [f for f in frames if gold[f].sum() > 0]
    return sum(f1_score(gold[f], pred[f], zero_division=0.0) for f in present) / len(present)


def test_05_reliability_matches_reference_package_pooled_and_per_language(out05):
    import krippendorff

    pooled = load_table("gold_reliability_by_frame", folder=out05 / "tables").set_index("frame")
    by_lang = load_table("gold_reliability_by_language_frame", folder=out05 / "tables").set_index(["language", "frame"])
    codings = af.load_codings()
    language = af.load_gold().set_index("passage_id")["language"]
    codings = codings.assign(language=codings["passage_id"].map(language))
    for lang in [None, "en", "zh", "ru"]:
        part = codings if lang is None else codings[codings["language"] == lang]
        for frame in af.frames():
            wide = part.pivot(index="coder", columns="passage_id", values=frame)
            wide = wide.loc[:, wide.notna().sum() >= 2]
            row = pooled.loc[frame] if lang is None else by_lang.loc[(lang, frame)]
            values = wide.to_numpy(float)
            if pd.Series(values.ravel()).dropna().nunique() < 2:  # one value throughout: alpha undefined
                assert pd.isna(row["alpha"]), (lang, frame)
                continue
            expected = krippendorff.alpha(reliability_data=values, level_of_measurement="nominal")
            assert row["alpha"] == pytest.approx(expected, abs=1e-10), (lang, frame)
            assert row["n_units"] == wide.shape[1]


def test_05_training_pool_cv_lexicon_is_its_plain_predictions_and_the_best_kind_is_the_argmax(out05):
    from sklearn.metrics import f1_score

    from discourse import framing

    summary = load_table("training_pool_cv_summary", folder=out05 / "tables")
    macro = summary[summary["average"] == "macro"].set_index(["classifier", "group"])["f1"]
    assert set(macro.index.get_level_values("classifier")) == set(framing.CLASSIFIER_KINDS)
    best = macro.xs("all", level="group").idxmax()
    nb = (out05 / "notebooks" / "05_frame_classifier_validation.ipynb").read_text(encoding="utf-8")
    assert f"Best macro F1 on the training pool: {best}." in nb
    # The lexicon learns nothing, so its out-of-fold predictions are its plain predictions:
    train = af.load_gold("train")
    assert (train["split"] == "train").all()
    frames = af.frames()
    pred = framing.LexiconFrameClassifier("afghanistan").fit().predict(train)
    scores = load_table("training_pool_cv_scores", folder=out05 / "tables")
    lex = scores[scores["classifier"] == "lexicon"].set_index(["group", "frame"])["f1"]
    for lang in ["all", "en", "zh", "ru"]:
        m = (train["language"] == lang) if lang != "all" else pd.Series(True, index=train.index)
        for f in frames:
            if train.loc[m, f].sum():
                expected = f1_score(train.loc[m, f], pred.loc[m, f], zero_division=0.0)
                assert lex.loc[(lang, f)] == pytest.approx(expected, abs=1e-12), (lang, f)
        assert macro.loc[("lexicon", lang)] == pytest.approx(_macro_f1(train[m], pred[m], frames), abs=1e-12)


def test_05_test_split_scores_are_sklearns_and_the_targets_follow(out05):
    from sklearn.metrics import f1_score

    from discourse import framing
    from discourse.paths import corpus_dir

    boot = load_table("test_split_scores", folder=out05 / "tables")
    f1 = boot[boot["metric"] == "f1"].set_index(["classifier", "group", "frame"])
    scored = f1[f1["support"] > 0]  # no test positive in a language: no interval
    assert (scored["ci_low"] <= scored["ci_high"]).all() and scored[["ci_low", "ci_high"]].notna().all(axis=None)
    train, test = af.load_gold("train"), af.load_gold("test")
    assert not set(train["passage_id"]) & set(test["passage_id"])
    frozen = pd.read_csv(corpus_dir() / "annotations" / "test_split.csv")
    assert set(test["passage_id"]) == set(frozen["passage_id"])
    frames = af.frames()
    summary = load_table("training_pool_cv_summary", folder=out05 / "tables")
    best = summary[(summary["average"] == "macro") & (summary["group"] == "all")].set_index("classifier")["f1"].idxmax()
    # the lexicon, fully independently; the best kind fitted again on the training pool; both scored by scikit-learn
    preds = {"lexicon": framing.LexiconFrameClassifier("afghanistan").fit().predict(test)}
    if best != "lexicon":
        preds[best] = framing.make_classifier(af.CODEBOOK, kind=best, random_state=0).fit(train, train[frames]).predict(test)
    for kind, pred in preds.items():
        for f in frames:
            assert f1.loc[(kind, "all", f), "estimate"] == pytest.approx(
                f1_score(test[f], pred[f], zero_division=0.0), abs=1e-12), (kind, f)
        for lang in ["en", "zh", "ru"]:
            m = test["language"] == lang
            assert f1.loc[(kind, lang, "macro"), "estimate"] == pytest.approx(
                _macro_f1(test[m], pred[m], frames), abs=1e-12), (kind, lang)
    # targets: the values are the best kind's, met iff value >= required
    targets = load_table("test_split_targets", folder=out05 / "tables").set_index("target")
    assert targets.loc["macro F1, all languages", "value"] == pytest.approx(f1.loc[(best, "all", "macro"), "estimate"])
    assert targets.loc["F1 blame_responsibility", "value"] == pytest.approx(
        f1_score(test["blame_responsibility"], preds[best]["blame_responsibility"]), abs=1e-12)
    assert (targets["met"] == (targets["value"] >= targets["required"])).all()
    assert ((targets["required"] - targets["value"]).clip(lower=0) - targets["shortfall"]).abs().max() < 1e-12
    support = test[frames].sum()
    frame_targets = [t for t in targets.index if t.startswith("F1 ") and t != "F1 blame_responsibility"]
    assert sorted(t.split()[1] for t in frame_targets) == sorted(
        f for f in frames if support[f] >= 15 and f != "blame_responsibility")
    # the learning curve's whole-pool point is the test-split score of the same kind
    curve = load_table("learning_curve", folder=out05 / "tables")
    full = curve[(curve["n_train"] == len(train)) & (curve["group"] == "all")]
    assert full["macro_f1"].iloc[0] == pytest.approx(f1.loc[(best, "all", "macro"), "estimate"], abs=1e-12)
    assert curve["n_train"].min() < len(train)


def test_05_out_of_domain_table_agrees_with_sklearn(out05):
    from sklearn.metrics import f1_score

    from discourse import framing

    ood = load_table("generic_lexicon_frermann2023_scores", folder=out05 / "tables").set_index("frame")
    articles = af.load_frermann2023()
    pred = framing.LexiconFrameClassifier("generic", language="en").fit().predict(articles)
    for theirs, (ours, kind) in af.FRERMANN_TO_GENERIC.items():
        if kind == "direct":
            assert ood.loc[ours, "f1"] == pytest.approx(f1_score(articles[theirs], pred[ours], zero_division=0))


# ---- 06 frame prevalence --------------------------------------------------------

@pytest.fixture(scope="module")
def out06(tmp_path_factory):
    return _executed(tmp_path_factory, 5, {"N_BOOT": 200, "N_PERM": 499})


@pytest.fixture(scope="module")
def coded06(out06):
    """The notebook's passages coded again here: the kind it names, fitted on the training pool."""
    from discourse import framing

    nb = (out06 / "notebooks" / "06_frame_prevalence_by_bloc.ipynb").read_text(encoding="utf-8")
    kind = re.search(r"Coding [\d,]+ passages with the (\w+) classifier", nb).group(1)
    psg = discourse.passages(discourse.load_corpus(start="2021-07-01", end="2021-10-31"), terms=af.AFGHANISTAN)
    train = af.load_gold("train")
    clf = framing.make_classifier(af.CODEBOOK, kind=kind, random_state=0)
    clf = clf.fit() if kind == "lexicon" else clf.fit(train, train[af.frames()])
    return kind, psg.join(clf.predict(psg))


def test_06_codes_with_the_kind_notebook_05_found_best_on_the_training_pool(out05, coded06):
    summary = load_table("training_pool_cv_summary", folder=out05 / "tables")
    macro = summary[(summary["average"] == "macro") & (summary["group"] == "all")].set_index("classifier")["f1"]
    assert coded06[0] == macro.idxmax()


def test_06_shares_and_their_per_language_correction_recomputed_by_hand(out06, coded06):
    import numpy as np

    kind, coded = coded06
    share = load_table("frame_prevalence_by_bloc", folder=out06 / "tables")
    rates = load_table("classifier_error_rates_by_language", folder=out06 / "tables").set_index(["stratum", "frame"])
    counts = coded.groupby(["bloc", "language"]).size()
    observed = coded.groupby(["bloc", "language"])[af.frames()].mean()
    for row in share.itertuples():
        assert row.share == pytest.approx(coded.loc[coded["bloc"] == row.bloc, row.frame].mean(), abs=1e-12)
        # Rogan-Gladen within each language, weighted by the bloc's passages per language;
        # a language without positives (or negatives) of the frame takes the pooled rates
        f = rates.xs(row.frame, level="frame")
        pooled_sens = (f["sensitivity"] * f["n_positive"]).sum() / f["n_positive"].sum()
        pooled_spec = (f["specificity"] * f["n_negative"]).sum() / f["n_negative"].sum()
        total, n = 0.0, counts.loc[row.bloc].sum()
        for lang, n_lang in counts.loc[row.bloc].items():
            r = f.loc[lang]
            sens, spec = ((r["sensitivity"], r["specificity"]) if r["n_positive"] and r["n_negative"]
                          else (pooled_sens, pooled_spec))
            if sens + spec - 1 <= 0:
                total = np.nan
                break
            p = observed.loc[(row.bloc, lang), row.frame]
            total += n_lang / n * min(max((p + spec - 1) / (sens + spec - 1), 0.0), 1.0)
        if np.isnan(total):
            assert np.isnan(row.share_corrected) and np.isnan(row.ci_low_corrected), (row.bloc, row.frame)
        else:
            assert row.share_corrected == pytest.approx(total, abs=1e-12), (row.bloc, row.frame)
            assert row.ci_low_corrected <= row.ci_high_corrected


def test_06_error_rates_are_sklearns_on_the_unguided_out_of_fold_predictions(out06):
    from sklearn.metrics import recall_score

    oof = load_table("classifier_out_of_fold_predictions", folder=out06 / "tables")
    rates = load_table("classifier_error_rates_by_language", folder=out06 / "tables").set_index(["stratum", "frame"])
    gold = af.load_gold("train", guided=False)
    # the rates rest on exactly the training passages drawn without regard to any classifier
    assert sorted(oof["passage_id"]) == sorted(gold["passage_id"])
    merged = gold.merge(oof, on="passage_id", suffixes=("", "_pred"), validate="one_to_one")
    for lang in ["en", "zh", "ru"]:
        part = merged[merged["language"] == lang]
        for f in af.frames():
            row = rates.loc[(lang, f)]
            assert row["n_positive"] == part[f].sum()
            if part[f].sum():
                assert row["sensitivity"] == pytest.approx(recall_score(part[f], part[f + "_pred"]), abs=1e-12)
            assert row["specificity"] == pytest.approx(recall_score(1 - part[f], 1 - part[f + "_pred"]), abs=1e-12)


def test_06_claims_after_correction_read_the_corrected_shares_table(out06):
    after = load_table("seed_claims_after_correction", folder=out06 / "tables").set_index("text")
    share = load_table("frame_prevalence_by_bloc", folder=out06 / "tables").set_index(["bloc", "frame"])
    for c in af.load_seed_claims():
        row = after.loc[c.text]
        g, r = share.loc[(c.group, c.frame)], share.loc[(c.reference, c.frame)]
        if pd.isna(g["share_corrected"]) or pd.isna(r["share_corrected"]):
            assert row["after_correction"] == "not correctable"
            continue
        assert row["corrected_group"] == pytest.approx(g["share_corrected"], abs=1e-12)
        hi, lo = (g, r) if c.direction == "more" else (r, g)
        assert (row["after_correction"] == "separate as claimed") == (hi["ci_low_corrected"] > lo["ci_high_corrected"])


@pytest.mark.parametrize("suffix", ["", "_lexicon", "_gold"])
def test_06_claims_rest_on_shares_recomputed_independently(out06, coded06, suffix):
    from discourse import framing

    verdicts = load_table("seed_claims_verdicts" + suffix, folder=out06 / "tables")
    assert verdicts["text"].tolist() == [c.text for c in af.load_seed_claims()]
    if suffix == "_gold":
        coded = af.load_gold(guided=False)
        coded = coded[(coded["date"] >= "2021-07-01") & (coded["date"] <= "2021-10-31")]
        assert not coded["draw"].str.contains("guided").any()
    elif suffix == "_lexicon":
        _, psg = coded06
        coded = psg.drop(columns=af.frames()).join(framing.LexiconFrameClassifier("afghanistan").fit().predict(psg))
    else:
        coded = coded06[1]
    means = coded.groupby("bloc")[af.frames()].mean()
    for v in verdicts.itertuples():
        assert v.share_group == pytest.approx(means.loc[v.group, v.frame], abs=1e-12)
        assert v.share_reference == pytest.approx(means.loc[v.reference, v.frame], abs=1e-12)
        assert v.diff == pytest.approx(v.share_group - v.share_reference, abs=1e-12)
    diffs = load_table("frame_prevalence_differences_by_bloc", folder=out06 / "tables")
    from scipy.stats import false_discovery_control

    ok = diffs["p_perm"].notna()
    assert diffs.loc[ok, "p_adj"].to_numpy() == pytest.approx(false_discovery_control(diffs.loc[ok, "p_perm"]), abs=1e-12)


def _sklearn_genre_adjusted_difference(pair: pd.DataFrame, frame: str, group: str, reference: str) -> float:
    """group − reference frame share over the pair's pooled genre mix, from an (effectively) unpenalised
    scikit-learn logit on bloc and genre dummies: an independent fit of statsmodels' model."""
    from sklearn.linear_model import LogisticRegression

    X = pd.get_dummies(pair[["bloc", "genre"]], drop_first=False).astype(float)
    X = X.drop(columns=[f"bloc_{reference}", X.filter(like="genre_").columns[0]])
    model = LogisticRegression(C=1e10, max_iter=10000, tol=1e-10).fit(X, pair[frame].to_numpy())
    as_group, as_reference = X.copy(), X.copy()
    as_group[f"bloc_{group}"], as_reference[f"bloc_{group}"] = 1.0, 0.0
    return model.predict_proba(as_group)[:, 1].mean() - model.predict_proba(as_reference)[:, 1].mean()


def test_06_genre_adjusted_claims_agree_with_an_unpenalised_sklearn_logit(out06, coded06):
    adjusted = load_table("seed_claims_adjusted_for_genre", folder=out06 / "tables").set_index("text")
    coded = coded06[1]
    checked = 0
    for c in af.load_seed_claims():
        row = adjusted.loc[c.text]
        pair = coded[coded["bloc"].isin([c.group, c.reference])]
        docs = pair.groupby(["genre", "bloc"])["doc_id"].nunique().unstack(fill_value=0)
        shared = int(((docs[c.group] >= 5) & (docs[c.reference] >= 5)).sum())
        assert row["shared_cells"] == shared
        if not shared:
            assert row["verdict_adjusted"] == "not identifiable"
        elif row["reliable"]:
            diff = _sklearn_genre_adjusted_difference(pair, c.frame, c.group, c.reference)
            assert row["diff_adjusted"] == pytest.approx(diff, abs=2e-4)
            assert row["ci_low"] < row["diff_adjusted"] < row["ci_high"]
            checked += 1
    assert checked >= 1


@pytest.fixture(scope="module")
def out08(tmp_path_factory):
    return _executed(tmp_path_factory, 7, {"N_BOOT": 200, "N_PERM": 499})


def test_08_cells_shares_and_adjusted_differences_recomputed_independently(out08, coded06):
    coded = coded06[1]
    cells = load_table("comparable_cells_by_genre_language", folder=out08 / "tables")
    docs = coded.groupby(["genre", "language", "bloc"])["doc_id"].nunique()
    docs = docs[docs >= 5]
    shared = docs[docs.groupby(level=["genre", "language"]).transform("size") >= 2]
    assert sorted(map(tuple, cells[["genre", "language", "bloc", "n_docs"]].to_numpy().tolist())) == \
        sorted((*k, v) for k, v in shared.items())
    left = load_table("comparable_cells_left_out", folder=out08 / "tables")
    assert cells["n_rows"].sum() + left["n_rows"].sum() == len(coded)  # nothing disappears unexplained

    shares = load_table("frame_prevalence_within_cells", folder=out08 / "tables")
    for r in shares.itertuples():
        part = coded[(coded["genre"] == r.genre) & (coded["language"] == r.language) & (coded["bloc"] == r.bloc)]
        assert r.share == pytest.approx(part[r.frame].mean(), abs=1e-12)

    comparison = load_table("ru_us_differences_raw_within_adjusted", folder=out08 / "tables")
    ru_us = coded[coded["bloc"].isin(["RU", "US"])]
    means = ru_us.groupby("bloc")[af.frames()].mean()
    raw = comparison[comparison["estimate"] == "raw, all passages"].set_index("frame")
    assert (raw["group_a"] == "RU").all()
    assert raw["diff"].to_numpy() == pytest.approx((means.loc["RU"] - means.loc["US"])[raw.index].to_numpy(), abs=1e-12)
    adjusted = comparison[comparison["estimate"] == "adjusted for genre"].dropna(subset=["ci_low"])
    assert len(adjusted) >= 5
    for r in adjusted.itertuples():
        assert r.diff == pytest.approx(_sklearn_genre_adjusted_difference(ru_us, r.frame, "RU", "US"), abs=2e-4)
    assert (out08 / "figures" / "ru_us_frame_differences_raw_within_adjusted.png").exists()


def test_run_notebook_leaves_our_environment_alone(tmp_path, monkeypatch):
    import os

    import nbformat

    monkeypatch.delenv("DISCOURSE_OUTPUT_DIR", raising=False)
    monkeypatch.setenv("MPLBACKEND", "Agg")      # as in CI: the kernel still draws inline
    src = tmp_path / "00_synthetic.ipynb"
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("X = 1", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("import os, pathlib\npathlib.Path(os.environ['DISCOURSE_OUTPUT_DIR'], 'seen.txt').write_text(str(X))"),
        nbformat.v4.new_code_cell("from discourse import plotting\nfig, ax = plotting.plt.subplots()\n"
                                  "plotting.save_figure(ax, 'synthetic_written', pdf=False);"),
        nbformat.v4.new_code_cell("import pandas as pd\nt = pd.DataFrame({'period': [1, 2], 'n_passages': [3, 4]})"
                                  "\nax = plotting.plot_timeline(t)"),
        nbformat.v4.new_code_cell("ax = plotting.plot_timeline(t)"),   # a second plot displays too
    ])
    nbformat.write(nb, src)
    out = tmp_path / "out"
    (out / "figures").mkdir(parents=True)
    (out / "figures" / "synthetic_older.png").write_bytes(b"\x89PNG not rewritten by this run")
    executed = run_notebook(src, parameters={"X": 7}, output_dir=out)
    assert (out / "seen.txt").read_text() == "7"
    # the executed copy records the figures this run wrote, not those already there
    done = nbformat.read(executed, as_version=4)
    assert done.metadata["discourse"]["figures"] == ["synthetic_written"]
    shown = [any("image/png" in o.get("data", {}) for o in c.outputs) for c in done.cells]
    assert shown[-3:] == [True, True, True] and sum(shown) == 3   # every figure of every cell is in the copy
    assert "DISCOURSE_OUTPUT_DIR" not in os.environ
    assert (out / "notebooks" / "00_synthetic.ipynb").exists()


def test_06_seed_phrase_counts_match_a_regex_count(out06):
    phrases = load_table("seed_phrases_by_bloc", folder=out06 / "tables")
    psg = discourse.passages(discourse.load_corpus(start="2021-07-01", end="2021-10-31"), terms=af.AFGHANISTAN)
    # "brain drain" in any bloc's passages, counted with a plain regex over the passages
    expected = psg.groupby("bloc")["text"].apply(lambda t: int(t.str.count(r"(?i)\bbrain\s+drain\b").sum()))
    got = phrases[phrases["pattern"] == "brain drain"].set_index("bloc")
    assert got["hits"].reindex(expected.index).tolist() == expected.tolist()   # every bloc has a row, zeros too
    assert got["passages"].reindex(expected.index).tolist() == psg.groupby("bloc").size().tolist()
    np.testing.assert_allclose(phrases["hits_per_1000_passages"], 1000 * phrases["hits"] / phrases["passages"])
    assert len(phrases) == phrases["pattern"].nunique() * psg["bloc"].nunique()


def test_06_findings_table_sets_the_classifier_and_gold_verdicts_side_by_side(out06):
    findings = load_table("seed_claims_findings", folder=out06 / "tables").set_index("text")
    classifier = load_table("seed_claims_verdicts", folder=out06 / "tables").set_index("text")
    gold = load_table("seed_claims_verdicts_gold", folder=out06 / "tables").set_index("text")
    corrected = load_table("seed_claims_after_correction", folder=out06 / "tables").set_index("text")
    assert findings.index.tolist() == classifier.index.tolist()
    assert findings["verdict_classifier"].tolist() == classifier.loc[findings.index, "verdict"].tolist()
    assert findings["verdict_gold"].tolist() == gold.loc[findings.index, "verdict"].tolist()
    np.testing.assert_allclose(findings["diff_corrected"], (corrected["corrected_group"]
                               - corrected["corrected_reference"]).loc[findings.index])
    disagree = findings[~findings["agree"]]
    assert all("argue from neither alone" in r or "opposite ways" in r for r in disagree["reading"])
    nb = (out06 / "notebooks" / "06_frame_prevalence_by_bloc.ipynb").read_text(encoding="utf-8")
    assert f"disagree on {len(disagree)} of {len(findings)} claims" in nb


# ---- the HTML report of executed notebooks, in headless Chromium ------------------------------

@pytest.mark.browser
def test_report_of_notebooks_03_and_06_opens_offline_in_chromium(out03, out06, tmp_path):
    import shutil

    from browser import check_images_loaded, chromium_page
    from discourse.report import write_report

    out = tmp_path / "outputs"
    for src in (out03, out06):
        for sub in ("notebooks", "tables", "figures"):
            shutil.copytree(src / sub, out / sub, dirs_exist_ok=True)
    index = write_report(out)
    findings = load_table("seed_claims_findings", folder=out / "tables")
    with chromium_page(tmp_path) as (page, problems):
        page.goto(index.as_uri())
        assert check_images_loaded(page) == []
        n_images = page.eval_on_selector_all("img", "imgs => imgs.length")
        assert n_images == len(list((out / "figures").glob("*.png"))) > 0   # every figure has its thumbnail
        body = page.inner_text("body")
        assert all(text in body for text in findings["text"])      # the claim verdicts table, as text
        page.goto((out / "report" / "03_concordances_and_collocates.html").as_uri())
        assert check_images_loaded(page) == []
        body = page.inner_text("body")
        assert "塔利班" in body and "талиб" in body.lower()            # Chinese and Russian lines as text
        page.goto((out / "report" / "06_frame_prevalence_by_bloc.html").as_uri())
        assert check_images_loaded(page) == []
    assert problems == []


def test_02_writes_the_term_explorer_of_the_un_comparison_under_5_mb(out02):
    page = out02 / "explorer" / "un_general_debate_terms.html"
    assert page.exists() and page.stat().st_size < 5_000_000
    table = load_table("keyness_un_general_debate_by_bloc", folder=out02 / "tables")
    text = page.read_text(encoding="utf-8")
    assert all(f"{t} vs {r}" in text for t, r in table[["target", "reference"]].drop_duplicates().itertuples(index=False))


# ---- 07 the annotation loop on a synthetic example -----------------------------------------
@pytest.fixture(scope="module")
def out07(tmp_path_factory):
    return _executed(tmp_path_factory, 6)


def test_07_reliability_matches_the_krippendorff_package_per_language(out07):
    import krippendorff

    folder = out07 / "annotation_demo" / "gold"
    table = load_table("annotation_demo_reliability", folder=out07 / "tables").set_index(["language", "frame"])
    sample = pd.read_csv(folder / "sample.csv")
    raw = pd.concat([pd.read_csv(p) for p in sorted((folder / "raw").glob("coder_*.csv"))])
    raw = raw.merge(sample[["passage_id", "language"]], on="passage_id")
    for (lang, frame), row in table.iterrows():
        if frame.startswith("overall"):
            continue
        wide = raw[raw["language"] == lang].pivot(index="coder", columns="passage_id", values=frame)
        wide = wide.loc[:, wide.notna().sum() >= 2]
        expected = krippendorff.alpha(reliability_data=wide.to_numpy(float), level_of_measurement="nominal")
        assert row["alpha"] == pytest.approx(expected, abs=1e-10, nan_ok=True), (lang, frame)
        assert row["n_units"] == wide.shape[1]


def test_07_gold_is_agreement_or_adjudication_and_suggestions_are_new(out07):
    folder = out07 / "annotation_demo" / "gold"
    gold = load_table("annotation_demo_gold", folder=out07 / "tables").set_index("passage_id")
    raw = pd.concat([pd.read_csv(p) for p in sorted((folder / "raw").glob("coder_*.csv"))])
    adj = pd.read_csv(folder / "adjudications.csv").set_index(["passage_id", "frame"])["decision"]
    for pid, codes in raw.groupby("passage_id"):
        for frame in ("aid", "costs"):
            values = set(codes[frame])
            expected = values.pop() if len(values) == 1 else adj[(pid, frame)]
            assert gold.loc[pid, frame] == expected, (pid, frame)
    sample = pd.read_csv(folder / "sample.csv")
    assert (sample.loc[sample["split"] == "test", "passage_id"].map(raw.groupby("passage_id").size()) == 2).all()
    suggested = load_table("annotation_demo_suggestions", folder=out07 / "tables")
    assert len(suggested) == 5 and not set(suggested["passage_id"]) & set(sample["passage_id"])


def test_07_test_scores_are_sklearns_on_the_test_split(out07):
    from sklearn.metrics import f1_score

    from discourse import framing

    folder = out07 / "annotation_demo"
    codebook = framing.load_codebook(folder / "codebook.yaml")
    gold = framing.load_gold(codebook, directory=folder / "gold")
    train, test = gold[gold["split"] == "train"], gold[gold["split"] == "test"]
    model = framing.SupervisedFrameClassifier(codebook, min_df=1, random_state=0).fit(train, train[codebook.frame_ids])
    pred = model.predict(test)
    scores = load_table("annotation_demo_test_scores", folder=out07 / "tables").set_index("frame")
    for frame in codebook.frame_ids:
        assert scores.loc[frame, "f1"] == pytest.approx(f1_score(test[frame], pred[frame]))


# ---- 09 topics ------------------------------------------------------------------

@pytest.fixture(scope="module")
def out09(tmp_path_factory):
    return _executed(tmp_path_factory, 8, {"N_BOOT": 200})


def test_09_k_follows_the_rule_and_coherence_is_npmi_recounted_by_hand(out09):
    import math
    from itertools import combinations

    selection = load_table("topic_selection_by_language", folder=out09 / "tables")
    for lang, part in selection.groupby("language"):
        stable = part[part["stability"] >= 0.8]
        expected = (stable if len(stable) else part).sort_values(
            ["coherence" if len(stable) else "stability", "k"], ascending=[False, True])["k"].iloc[0]
        assert part.loc[part["chosen"], "k"].tolist() == [expected]
    coherence = load_table("topic_coherence_by_language", folder=out09 / "tables")
    psg = discourse.passages(discourse.load_corpus(start="2021-07-01", end="2021-10-31"), terms=af.AFGHANISTAN)
    for lang in ["en", "zh", "ru"]:
        # Which passages contain each word: the notebook's counts, read as plain Python sets.
        counts = discourse.dfm(psg[psg["language"] == lang], remove_stopwords=True, lemmatize=True, min_df=5)
        matrix = counts.matrix.tocsc()
        docs = {f: set(matrix[:, j].nonzero()[0]) for j, f in enumerate(counts.features)}
        n = matrix.shape[0]
        for row in coherence[coherence["language"] == lang].itertuples():
            words = row.top_words.split() if isinstance(row.top_words, str) else list(row.top_words)
            values = []
            for a, b in combinations(words, 2):
                pa, pb, pab = len(docs[a]) / n, len(docs[b]) / n, len(docs[a] & docs[b]) / n
                values.append(-1.0 if pab == 0 else math.log(pab / (pa * pb)) / -math.log(pab))
            assert row.coherence == pytest.approx(sum(values) / len(values), abs=1e-9)
    shares = load_table("topic_shares_by_bloc_en", folder=out09 / "tables")
    assert shares.groupby("bloc")["share"].sum().to_numpy() == pytest.approx(1.0, abs=1e-9)
    assert ((shares["ci_low"] <= shares["share"] + 1e-12) & (shares["share"] <= shares["ci_high"] + 1e-12)).all()


# ---- 10 actors and blame ----------------------------------------------------------

@pytest.fixture(scope="module")
def out10(tmp_path_factory):
    return _executed(tmp_path_factory, 9, {"N_BOOT": 200})


def test_10_actor_shares_recounted_with_plain_regexes_on_the_passages_coded_again(out10, coded06):
    from reference_formulas import plain_term_pattern

    from discourse.studies.afghanistan.actors import ACTORS, load_actors

    kind, coded = coded06
    nb = (out10 / "notebooks" / "10_actors_and_blame.ipynb").read_text(encoding="utf-8")
    assert re.search(r"Coding [\d,]+ passages with the (\w+) classifier", nb).group(1) == kind
    forms = load_actors()

    def names(actor: str, text: str, language: str) -> bool:
        terms = forms[(forms["actor"] == actor) & (forms["language"] == language)]["term"]
        return any(plain_term_pattern(t, language).search(text) for t in terms)

    named = pd.DataFrame({a: [names(a, t, lang) for t, lang in zip(coded["text"], coded["language"])]
                          for a in ACTORS}, index=coded.index)
    baseline = load_table("actor_mentions_by_bloc", folder=out10 / "tables").set_index(["bloc", "frame"])
    for (bloc, actor), row in baseline.iterrows():
        assert row["share"] == pytest.approx(named.loc[coded["bloc"] == bloc, actor].mean(), abs=1e-12)
    cooc = load_table("actor_frame_cooccurrence_by_bloc", folder=out10 / "tables")
    for row in cooc.itertuples():
        in_frame = coded["bloc"].eq(row.bloc) & coded[row.frame].eq(1)
        assert (row.n_passages, row.n_positive) == (in_frame.sum(), named.loc[in_frame, row.actor].sum())
        assert row.n_documents == coded.loc[in_frame, "doc_id"].nunique()
        assert row.ci_low - 1e-12 <= row.share <= row.ci_high + 1e-12
    held = load_table("actor_held_responsible_by_bloc", folder=out10 / "tables")
    blame_counts = coded[coded["blame_responsibility"] == 1].groupby("bloc").size()
    assert held.groupby("bloc")["n_passages"].first().to_dict() == blame_counts.to_dict()
    # Actors the codebook's `near` terms never name are 0 by construction, as the notebook says.
    assert held.loc[held["actor"].isin(["China", "Russia", "Pakistan", "UN"]), "share"].eq(0).all()
    for stem in ["actor_blame_cooccurrence_by_bloc", "actor_held_responsible_by_bloc"]:
        assert (out10 / "figures" / f"{stem}.png").exists()
