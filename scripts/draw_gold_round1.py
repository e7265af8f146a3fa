"""How the first annotation round (430 passages, coders A-C) was drawn; compares a fresh draw.

Usage, from the repository root: ``python scripts/draw_gold_round1.py``.

The round-1 rows of ``corpus/annotations/sample.csv`` and
``assignments.csv`` were drawn with this procedure at commit f455a94 and
then coded; they are frozen. Since then the Afghanistan filter was corrected
(a keyword after a hyphen, as in "ШОС-Афганистан", now matches), which
changes the pool of passages, so a fresh draw no longer reproduces them; the
script says so.
"""
from pathlib import Path

import pandas as pd

from discourse.annotation import assign_coders, draw_annotation_sample
from discourse.loading import load_corpus
from discourse.passages import passages
from discourse.studies.afghanistan import AFGHANISTAN

ANNOTATIONS = Path("corpus/annotations")
PER_BLOC = {"US": 130, "CN": 130, "RU": 130, "other": 40}
CODERS = ["A", "B", "C"]
OVERLAP = 70  # passages each neighbouring pair of coders both code: 3 x 70 = 210 double-coded
SEED = 20210815


def draw() -> tuple[pd.DataFrame, pd.DataFrame]:
    docs = load_corpus(start="2021-01-01", end="2022-12-31", sample=["topic", "background", "seed"])
    pool = passages(docs, terms=AFGHANISTAN, min_chars=20)
    sample = draw_annotation_sample(pool, quotas=PER_BLOC, by="bloc", random_state=SEED)
    assign = assign_coders(len(sample), coders=CODERS, overlap=OVERLAP)
    rows = [{"passage_id": sample["passage_id"].iloc[i], "coder": c} for c, idx in assign.items() for i in idx]
    return sample, pd.DataFrame(rows)


if __name__ == "__main__":
    sample, assignments = draw()
    committed = pd.read_csv(ANNOTATIONS / "sample.csv", dtype=str, keep_default_na=False)
    committed = committed[committed["round"] == "1"]
    same = sample["passage_id"].tolist() == committed["passage_id"].tolist()
    print(len(sample), "passages;", assignments.groupby("passage_id").size().value_counts().to_dict())
    print("a fresh draw", "reproduces" if same else "differs from", "the committed (coded) round-1 sample")
