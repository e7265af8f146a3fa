"""Draw the third annotation round: English development passages rich in `abandonment`.

Usage, from the repository root:

    python scripts/draw_gold_round3.py   # redraw and compare with the committed round-3 rows

The draw was written once, coded, and merged into the gold-set files of
``corpus/annotations/`` (``round`` = 3 in ``sample.csv`` and
``assignments.csv``).

Why: after rounds 1 and 2 the training pool holds at least 40 positive
passages for every frame in every language where the corpus has them, except
English `abandonment` (25). Chinese and Russian are already coded in full
(every Afghanistan passage of the corpus is in rounds 1-2), so their counts
are what exists. English has thousands of uncoded passages, so this round
adds English development passages guided towards `abandonment`.

Population: English Afghanistan passages (paragraph unit, the Afghanistan
filter, any date) outside rounds 1 and 2 (so outside the frozen test split).
Draw (seed ``SEED``): ``N_LEXICON`` passages with the most `abandonment`
lexicon hits (ties broken at random), then ``N_MODEL`` with the highest
`abandonment` probability under a hybrid model trained on the rounds 1-2
*training* passages only (never the test split). Coders code all eleven
frames, as in every round; the guided draw only decides which passages are
shown. Every passage is coded by two coders (L, M).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20231001
FRAME = "abandonment"
N_LEXICON = 100
N_MODEL = 100
CODERS = ["L", "M"]
SHEET_COLUMNS = ["passage_id", "doc_id", "bloc", "country", "source", "genre", "language", "date", "text"]


def training_pool() -> pd.DataFrame:
    """Rounds 1-2 training passages with their labels (the test split left out)."""
    from discourse.studies import afghanistan as af

    gold = af.load_gold()
    return gold[gold["round"].isin(["1", "2"]) & (gold["split"] == "train")].reset_index(drop=True)


def draw() -> dict[str, pd.DataFrame]:
    import discourse as dc
    from discourse import framing
    from discourse.studies import afghanistan as af

    rng = np.random.default_rng(SEED)
    pool = dc.passages(dc.load_corpus(language="en"), terms=af.AFGHANISTAN)
    gold = af.load_gold()
    coded = set(gold.loc[gold["round"].isin(["1", "2"]), "passage_id"])
    pool = pool[~pool["passage_id"].isin(coded)].sort_values("passage_id").reset_index(drop=True)
    pool = pool.assign(date=pool["date"].dt.strftime("%Y-%m-%d").fillna(""))

    lex = framing.LexiconFrameClassifier("afghanistan").fit().frame_scores(pool)[FRAME].to_numpy(float)
    lex_order = np.lexsort((rng.random(len(pool)), -lex))
    lexicon_pick = lex_order[:N_LEXICON]

    train = training_pool()
    frames = af.frames()
    model = framing.make_classifier("afghanistan", kind="hybrid", random_state=0).fit(train, train[frames])
    proba = model.predict_proba(pool)[FRAME].to_numpy(float)
    taken = set(lexicon_pick.tolist())
    model_pick = [i for i in np.argsort(-proba, kind="stable") if i not in taken][:N_MODEL]

    sample = pd.concat([
        pool.iloc[np.sort(lexicon_pick)].assign(draw=f"lexicon-guided ({FRAME}, en)"),
        pool.iloc[np.sort(model_pick)].assign(draw=f"model-guided ({FRAME}, en)"),
    ], ignore_index=True).assign(split="train")
    sample = sample[["split", "draw", *SHEET_COLUMNS]].sort_values("passage_id").reset_index(drop=True)
    assignments = pd.DataFrame(
        [(pid, c) for pid in sample["passage_id"] for c in CODERS], columns=["passage_id", "coder"]
    )
    return {"sample": sample, "assignments": assignments}


if __name__ == "__main__":
    fresh = draw()
    ann = Path("corpus/annotations")
    same = {}
    for name, table in fresh.items():
        committed = pd.read_csv(ann / f"{name}.csv", dtype=str, keep_default_na=False)
        committed = committed[committed["round"] == "3"].reset_index(drop=True)[list(table.columns)]
        same[name] = table.astype(str).reset_index(drop=True).equals(committed)
    print(fresh["sample"].groupby("draw").size().to_string())
    print({k: "reproduces" if v else "DIFFERS" for k, v in same.items()})
