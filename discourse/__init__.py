"""discourse: computational discourse and framing analysis for multilingual corpora.

The pipeline, one module per stage:

* :mod:`discourse.loading` — ``load_corpus``, ``read_jsonl``, ``read_csv``, ``read_text_folder``
* :mod:`discourse.passages` — ``passages`` (documents → paragraphs/sentences), Afghanistan filter
* :mod:`discourse.describing` — corpus composition and timelines
* :mod:`discourse.plotting` — figures (the only module that imports matplotlib)
"""
from .loading import load_corpus, read_csv, read_jsonl, read_text_folder
from .passages import mentions_afghanistan, passages

__version__ = "0.1.0"

__all__ = ["load_corpus", "read_jsonl", "read_csv", "read_text_folder", "passages", "mentions_afghanistan"]
