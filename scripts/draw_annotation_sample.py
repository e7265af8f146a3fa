"""Draw the stratified annotation sample and the coders' blank sheets.

Run once, from the repository root: ``python scripts/draw_annotation_sample.py``.
It writes ``corpus/annotations/sample.csv`` (the passages, in coding order)
and ``corpus/annotations/assignments.csv`` (which coder codes which passage).
Re-running reproduces both files exactly (fixed seed).
"""
from pathlib import Path

import pandas as pd

from discourse.annotation import assign_coders, draw_annotation_sample
from discourse.loading import load_corpus
from discourse.passages import passages

OUT = Path("corpus/annotations")
PER_BLOC = {"US": 130, "CN": 130, "RU": 130, "other": 40}
CODERS = ["A", "B", "C"]
OVERLAP = 70  # passages each neighbouring pair of coders both code: 3 x 70 = 210 double-coded

docs = load_corpus(start="2021-01-01", end="2022-12-31", sample=["topic", "background", "seed"])
pool = passages(docs, afghanistan=True, min_chars=20)
sample = draw_annotation_sample(pool, per_bloc=PER_BLOC, random_state=20210815)
cols = ["sample_order", "passage_id", "doc_id", "bloc", "country", "source", "genre", "language", "date", "text"]
sample = sample[cols].assign(date=sample["date"].dt.strftime("%Y-%m-%d"))
sample.to_csv(OUT / "sample.csv", index=False)
assign = assign_coders(len(sample), coders=CODERS, overlap=OVERLAP)
rows = [{"passage_id": sample["passage_id"].iloc[i], "coder": c} for c, idx in assign.items() for i in idx]
pd.DataFrame(rows).to_csv(OUT / "assignments.csv", index=False)
print(sample.groupby(["bloc", "language", "genre"]).size().to_string())
print(len(sample), "passages;", pd.DataFrame(rows).groupby("passage_id").size().value_counts().to_dict())
