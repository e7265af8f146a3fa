"""Combine the raw coder sheets and the adjudications into corpus/annotations/gold.csv.

Run from the repository root after coding and adjudication:
``python scripts/adjudicate_gold.py``. It also writes
corpus/annotations/disagreements.csv (what the adjudicator was shown).
"""
from pathlib import Path

import pandas as pd

from discourse.annotation import disagreements, gold_labels, read_codings
from discourse.framing.codebooks import load_codebook

ANN = Path("corpus/annotations")
frames = load_codebook("afghanistan").frame_ids
codings = read_codings(sorted((ANN / "raw").glob("coder_*.csv")), frames=frames)
disagreements(codings, frames=frames).to_csv(ANN / "disagreements.csv", index=False, lineterminator="\n")
adjudications = pd.read_csv(ANN / "adjudications.csv")
gold = gold_labels(codings, adjudications, frames=frames)
order = pd.read_csv(ANN / "sample.csv", usecols=["passage_id"])["passage_id"]
gold = gold.set_index("passage_id").loc[order].reset_index()
gold.to_csv(ANN / "gold.csv", index=False, lineterminator="\n")
print(gold["label_source"].value_counts().to_dict(), gold[frames].sum().to_dict())
