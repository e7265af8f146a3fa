"""discourse: computational discourse and framing analysis for multilingual corpora.

The pipeline, one module per stage:

* :mod:`discourse.loading` — ``load_corpus``, ``read_jsonl``, ``read_csv``, ``read_parquet``, ``read_text_folder``
  (validated against :mod:`discourse.schema`)
* :mod:`discourse.passages` — ``passages`` (documents → paragraphs/sentences), topic filters
  from :mod:`discourse.terms`
* :mod:`discourse.tokenizing` — en/zh/ru tokens, sentences, stopwords (no downloads)
* :mod:`discourse.counting` — ``DfmVectorizer`` and the ``Dfm`` document-feature matrix
* :mod:`discourse.keyness` — ``keyness`` with effect sizes (:mod:`discourse.measures`) and
  document-level uncertainty (:mod:`discourse.resampling`)
* :mod:`discourse.concordance`, :mod:`discourse.collocations` — ``kwic``, ``collocations``
* :mod:`discourse.describing` — corpus composition and timelines
* :mod:`discourse.subsets` — ``comparable_subsets``, ``within_subsets``: like-for-like cells
* :mod:`discourse.topics` — per-language NMF/LDA topic models, seed stability, NPMI coherence, ``select_k``
* :mod:`discourse.framing` — codebooks and frame classifiers
* :mod:`discourse.actors` — actor dictionaries as CSV data; ``actor_mentions``, ``actor_frame_cooccurrence``,
  ``actor_held_responsible``
* :mod:`discourse.reliability`, :mod:`discourse.annotation` — coding and agreement
* :mod:`discourse.prevalence`, :mod:`discourse.claims` — frame shares and claim checks;
  :mod:`discourse.adjusted_prevalence` — shares adjusted for genre and language (regression)
* :mod:`discourse.plotting` — figures (the only module that imports matplotlib)

A case study built on the library lives in :mod:`discourse.studies`.
"""
from .collocations import collocates_by_language, collocations, multiword_sequences
from .concordance import Concordance, kwic
from .counting import Dfm, DfmVectorizer, dfm
from .keyness import keyness, keyness_by, top_keywords
from .loading import load_corpus, read_csv, read_jsonl, read_parquet, read_text_folder
from .passages import passages
from .subsets import comparable_subsets, within_subsets
from .terms import TermFilter
from .tokenizing import split_sentences, stopwords, tokenize, tokenize_documents

__version__ = "0.2.0"

__all__ = [
    "load_corpus", "read_jsonl", "read_csv", "read_parquet", "read_text_folder", "passages", "TermFilter",
    "tokenize", "tokenize_documents", "split_sentences", "stopwords",
    "Dfm", "DfmVectorizer", "dfm", "keyness", "keyness_by", "top_keywords",
    "kwic", "collocations", "collocates_by_language", "multiword_sequences", "Concordance",
    "comparable_subsets", "within_subsets",
]
