"""discourse: computational discourse and framing analysis for multilingual corpora.

The pipeline, one module per stage:

* :mod:`discourse.loading` — ``load_corpus``, ``read_jsonl``, ``read_csv``, ``read_text_folder``
* :mod:`discourse.passages` — ``passages`` (documents → paragraphs/sentences), Afghanistan filter
* :mod:`discourse.tokenizing` — en/ru/zh tokens, sentences, stopwords (no downloads)
* :mod:`discourse.counting` — ``DfmVectorizer`` and the ``Dfm`` document-feature matrix
* :mod:`discourse.comparing` — ``keyness`` with effect sizes and document-level uncertainty
* :mod:`discourse.concordance` — ``kwic``, ``collocations``
* :mod:`discourse.describing` — corpus composition and timelines
* :mod:`discourse.framing` — codebooks and frame classifiers
* :mod:`discourse.reliability` — Krippendorff's alpha, Cohen's kappa
* :mod:`discourse.plotting` — figures (the only module that imports matplotlib)
"""
from .comparing import keyness, keyness_by, top_keywords
from .concordance import Concordance, collocates_by_language, collocations, kwic, multiword_sequences
from .counting import Dfm, DfmVectorizer, dfm
from .loading import load_corpus, read_csv, read_jsonl, read_text_folder
from .passages import mentions_afghanistan, passages
from .tokenizing import split_sentences, stopwords, tokenize, tokenize_documents

__version__ = "0.1.0"

__all__ = [
    "load_corpus", "read_jsonl", "read_csv", "read_text_folder", "passages", "mentions_afghanistan",
    "tokenize", "tokenize_documents", "split_sentences", "stopwords",
    "Dfm", "DfmVectorizer", "dfm", "keyness", "keyness_by", "top_keywords",
    "kwic", "collocations", "collocates_by_language", "multiword_sequences", "Concordance",
]
