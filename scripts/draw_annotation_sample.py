"""Draw the stratified annotation sample and the coders' assignments.

Usage, from the repository root:

    python scripts/draw_annotation_sample.py            # draw into a temporary folder and compare
    python scripts/draw_annotation_sample.py --write    # (re)write corpus/annotations/

The committed ``corpus/annotations/sample.csv`` and ``assignments.csv`` were
drawn with this script at commit f455a94 and then coded; they are the gold
set's sample and are never redrawn. Since then the Afghanistan filter was
corrected (a keyword after a hyphen, as in "ШОС-Афганистан", now matches),
which changes the pool of passages, so a fresh draw no longer reproduces the
committed files; the default mode says so instead of overwriting them.
"""
import argparse
import filecmp
import tempfile
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


def draw(out: Path) -> None:
    docs = load_corpus(start="2021-01-01", end="2022-12-31", sample=["topic", "background", "seed"])
    pool = passages(docs, terms=AFGHANISTAN, min_chars=20)
    sample = draw_annotation_sample(pool, quotas=PER_BLOC, by="bloc", random_state=SEED)
    cols = ["sample_order", "passage_id", "doc_id", "bloc", "country", "source", "genre", "language", "date", "text"]
    sample = sample[cols].assign(date=sample["date"].dt.strftime("%Y-%m-%d"))
    sample.to_csv(out / "sample.csv", index=False)
    assign = assign_coders(len(sample), coders=CODERS, overlap=OVERLAP)
    rows = [{"passage_id": sample["passage_id"].iloc[i], "coder": c} for c, idx in assign.items() for i in idx]
    pd.DataFrame(rows).to_csv(out / "assignments.csv", index=False)
    print(sample.groupby(["bloc", "language", "genre"]).size().to_string())
    print(len(sample), "passages;", pd.DataFrame(rows).groupby("passage_id").size().value_counts().to_dict())


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="overwrite corpus/annotations/sample.csv and assignments.csv")
    args = parser.parse_args()
    if args.write:
        draw(ANNOTATIONS)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            draw(Path(tmp))
            same = all(filecmp.cmp(Path(tmp) / f, ANNOTATIONS / f, shallow=False) for f in ("sample.csv", "assignments.csv"))
            print("a fresh draw", "reproduces" if same else "differs from", "the committed (coded) sample")
