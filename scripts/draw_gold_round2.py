"""Draw the second annotation round: a frozen test split first, then the development pool.

Usage, from the repository root:

    python scripts/draw_gold_round2.py           # redraw and compare with the committed round-2 rows

The draw was written once (``--write``, into ``corpus/annotations/round2/``),
committed before any coding, and later merged into the gold-set files of
``corpus/annotations/`` (``round`` = 2 in ``sample.csv`` and
``assignments.csv``; ``test_split.csv`` and ``lexicon_read.csv`` as drawn).

Order of work (frame-measurement issue): the test split is drawn FIRST, from
Afghanistan passages outside the round-1 gold set (430 passages, which already
guided classifier choice) and outside the passages known to have been read
while the lexicon was built (``lexicon_read.csv``, reconstructed below). It is
never used to tune lexicon terms, rules, thresholds or models. The development
pool is drawn from what remains.

Population: every Afghanistan passage of the bundled corpus (paragraph unit,
the Afghanistan filter, any date), as notebook 06 measures them.

* Test split (seed ``TEST_SEED``): ``TEST_PER_LANGUAGE`` passages per language;
  within a language the quota is spread over bloc x genre cells in proportion
  to the square root of the cell size, at least one per cell, never more than
  half of a cell, then drawn at random without replacement.
* Development pool (seed ``DEV_SEED``): every remaining Chinese and Russian
  passage (the corpus has few), and for English a third at random, a third
  guided by the lexicon towards rare frames, a third guided by a supervised
  (hybrid) model trained on round 1 (its most probable passages for rare
  frames). The guided draws over-represent passages that carry rare frames;
  that is allowed in a development pool and is recorded in ``draw``.
* Coding: every test passage and ``DEV_DOUBLE_SHARE`` of the development pool
  are coded by two coders; the rest by one. Coder pairs rotate over the eight
  coders D..K.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

TEST_SEED = 20230815
DEV_SEED = 20230816
TEST_PER_LANGUAGE = {"en": 200, "zh": 130, "ru": 30}
EN_DEV = {"random": 180, "lexicon": 180, "model": 180}
RARE_WEIGHT = {  # how strongly guided draws favour a frame (rare in round 1 -> larger)
    "abandonment": 5, "mission_accomplished": 5, "engagement_sovereignty": 3, "economic": 3,
    "pressure_leverage": 3, "us_failure": 3, "blame_responsibility": 3, "human_rights": 2,
    "regional_stability": 2, "terrorism_security": 1, "humanitarian": 1,
}
DEV_DOUBLE_SHARE = 0.25
CODERS = ["D", "E", "F", "G", "H", "I", "J", "K"]
SHEET_COLUMNS = ["passage_id", "doc_id", "bloc", "country", "source", "genre", "language", "date", "text"]


def population() -> pd.DataFrame:
    import discourse as dc
    from discourse.studies import afghanistan as af

    pool = dc.passages(dc.load_corpus(), terms=af.AFGHANISTAN)
    pool = pool.assign(date=pool["date"].dt.strftime("%Y-%m-%d").fillna(""))
    return pool


def lexicon_read(pool: pd.DataFrame) -> pd.DataFrame:
    """Passages known to have been read while the lexicon and notebooks were built.

    No log of that reading exists, so it is reconstructed from what the code
    shows a developer: (1) the CCTV passages whose lexicon hits do not fall on
    jieba token boundaries (the lexicon module's docstring reports reading
    exactly those hits); (2) the passages displayed by notebooks 03 and 04
    (KWIC previews and the ``explain`` examples).
    """
    import discourse as dc
    from discourse import framing
    from discourse.studies import afghanistan as af
    from discourse.tokenizing import tokenize_spans

    lex = framing.LexiconFrameClassifier("afghanistan").fit()
    rows = []
    cctv = pool[(pool["source"] == "CCTV Xinwen Lianbo") & pool["date"].str[:4].isin(["2021", "2022"])]
    for pid, text in zip(cctv["passage_id"], cctv["text"]):
        hits = lex.explain(text, language="zh")
        if hits.empty:
            continue
        spans = tokenize_spans(text, language="zh")
        starts, ends = {s for _, s, _ in spans}, {e for _, _, e in spans}
        if any(s not in starts or e not in ends for s, e in zip(hits["start"], hits["end"])):
            rows.append((pid, "lexicon audit: a CCTV hit off jieba token boundaries"))
    window = dc.passages(dc.load_corpus(start="2021-07-01", end="2021-10-31"), terms=af.AFGHANISTAN)
    scores = lex.frame_scores(window).sum(axis=1)
    ex = window.assign(hits=scores).sort_values(["hits", "passage_id"], ascending=[False, True]).groupby("bloc").head(1)
    rows += [(p, "notebook 04 explain example") for p in ex["passage_id"]]
    taliban = dc.kwic(window, ["taliban*", "талиб*", "塔利班"], window=5)
    shown = [taliban[taliban["language"] == "zh"].head(15), taliban[taliban["language"] == "ru"].head(15),
             taliban[taliban["language"] == "en"].sample(15, random_state=0)]
    resp = dc.kwic(window, ["responsib*", "ответственн*", "责任"], window=5)
    shown += [resp[resp["bloc"] != "US"].head(15), resp[resp["bloc"] == "US"].sort_values("right").head(15)]
    rows += [(p, "notebook 03 KWIC preview") for part in shown for p in part["passage_id"]]
    out = pd.DataFrame(rows, columns=["passage_id", "reason"]).drop_duplicates("passage_id")
    return out.sort_values("passage_id").reset_index(drop=True)


def _sqrt_allocation(cells: pd.Series, quota: int) -> pd.Series:
    cap = np.maximum(1, cells.to_numpy() // 2)
    weights = np.sqrt(cells.to_numpy(dtype=float))
    alloc = np.minimum(cap, np.maximum(1, np.floor(quota * weights / weights.sum()))).astype(int)
    while alloc.sum() < quota:
        room = cap - alloc
        if not (room > 0).any():
            raise SystemExit(f"cannot place {quota} test passages in cells {cells.to_dict()}")
        alloc[int(np.argmax(np.where(room > 0, weights / (alloc + 1), -1)))] += 1
    while alloc.sum() > quota:
        alloc[int(np.argmax(np.where(alloc > 1, alloc, -1)))] -= 1
    return pd.Series(alloc, index=cells.index)


def draw_test(pool: pd.DataFrame, read: set[str]) -> pd.DataFrame:
    rng = np.random.default_rng(TEST_SEED)
    eligible = pool[~pool["passage_id"].isin(read)]
    picks = []
    for lang, quota in TEST_PER_LANGUAGE.items():
        part = eligible[eligible["language"] == lang]
        cells = part.groupby(["bloc", "genre"]).size()
        for (bloc, genre), n in _sqrt_allocation(cells, quota).items():
            cell = part[(part["bloc"] == bloc) & (part["genre"] == genre)].sort_values("passage_id")
            idx = np.sort(rng.choice(len(cell), size=int(n), replace=False))
            picks.append(cell.iloc[idx].assign(split="test", draw="stratified random"))
    return pd.concat(picks, ignore_index=True)


def draw_dev(pool: pd.DataFrame, test_ids: set[str]) -> pd.DataFrame:
    from discourse import framing
    from discourse.studies import afghanistan as af

    rng = np.random.default_rng(DEV_SEED)
    rest = pool[~pool["passage_id"].isin(test_ids)].sort_values("passage_id").reset_index(drop=True)
    parts = [rest[rest["language"] != "en"].assign(split="train", draw="all remaining (zh/ru)")]
    en = rest[rest["language"] == "en"].reset_index(drop=True)
    taken: set[int] = set()

    def take(order: np.ndarray, n: int, label: str) -> None:
        chosen = [i for i in order if i not in taken][:n]
        taken.update(chosen)
        parts.append(en.iloc[sorted(chosen)].assign(split="train", draw=label))

    take(rng.permutation(len(en)), EN_DEV["random"], "random (en)")
    frames = list(RARE_WEIGHT)
    weights = np.array([RARE_WEIGHT[f] for f in frames], dtype=float)
    lex = framing.LexiconFrameClassifier("afghanistan").fit().frame_scores(en)[frames].to_numpy(float)
    lex_score = (np.minimum(lex, 3) * weights).sum(axis=1) + rng.random(len(en)) * 0.5
    take(np.argsort(-lex_score, kind="stable"), EN_DEV["lexicon"], "lexicon-guided, rare frames (en)")
    gold = af.load_gold()
    gold = gold[gold["round"] == "1"]  # the gold set of the time: round 1 only
    model = framing.make_classifier("afghanistan", kind="hybrid", random_state=0).fit(gold, gold[frames])
    proba = model.predict_proba(en)[frames].to_numpy(float)
    model_score = (proba * weights).max(axis=1) + rng.random(len(en)) * 1e-6
    take(np.argsort(-model_score, kind="stable"), EN_DEV["model"], "model-guided, rare frames (en)")
    return pd.concat(parts, ignore_index=True)


def assign(sample: pd.DataFrame) -> pd.DataFrame:
    rng = np.random.default_rng(DEV_SEED + 1)
    order = rng.permutation(len(sample))
    train = np.flatnonzero(sample["split"].to_numpy() == "train")
    double = set(np.flatnonzero(sample["split"].to_numpy() == "test"))
    double |= set(rng.choice(train, size=int(round(DEV_DOUBLE_SHARE * len(train))), replace=False).tolist())
    rows, k_single, k_double = [], 0, 0
    for i in order:
        pid = sample["passage_id"].iat[i]
        if i in double:
            # Partner offsets cycle through 1..7, so every pair of coders shares passages.
            n = len(CODERS)
            first = k_double % n
            a, b = CODERS[first], CODERS[(first + 1 + (k_double // n) % (n - 1)) % n]
            rows += [(pid, a), (pid, b)]
            k_double += 1
        else:
            rows.append((pid, CODERS[k_single % len(CODERS)]))
            k_single += 1
    return pd.DataFrame(rows, columns=["passage_id", "coder"])


def draw() -> dict[str, pd.DataFrame]:
    from discourse.studies import afghanistan as af

    pool = population()
    gold = af.load_gold()
    round1 = set(gold.loc[gold["round"] == "1", "passage_id"])
    pool = pool[~pool["passage_id"].isin(round1)]
    read = lexicon_read(pool)
    test = draw_test(pool, set(read["passage_id"]))
    dev = draw_dev(pool, set(test["passage_id"]))
    sample = pd.concat([test, dev], ignore_index=True)
    sample = sample[["split", "draw", *SHEET_COLUMNS]].sort_values(["split", "passage_id"]).reset_index(drop=True)
    return {
        "sample": sample,
        "test_split": test[["passage_id", "bloc", "language", "genre"]].sort_values("passage_id").reset_index(drop=True),
        "assignments": assign(sample),
        "lexicon_read": read,
    }


if __name__ == "__main__":
    fresh = draw()
    ann = Path("corpus/annotations")

    def committed(name: str) -> pd.DataFrame:
        table = pd.read_csv(ann / f"{name}.csv", dtype=str, keep_default_na=False)
        if "round" in table.columns:
            table = table[table["round"] == "2"].drop(columns="round")
        return table.reset_index(drop=True)

    same = {name: fresh[name].astype(str).reset_index(drop=True).equals(committed(name)[list(fresh[name].columns)])
            for name in fresh}
    print(fresh["sample"].groupby(["split", "language"]).size().to_string())
    print({k: "reproduces" if v else "DIFFERS" for k, v in same.items()})
