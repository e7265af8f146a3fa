"""Framing: codebooks as data and classifiers that code passages for frames.

- :mod:`discourse.framing.codebooks` — load and validate frame codebooks
  (YAML shipped in ``discourse/framing/codebooks/``).
- :mod:`discourse.framing.lexicon` — a transparent dictionary baseline,
  :class:`LexiconFrameClassifier`.
"""
from discourse.framing.codebooks import Codebook, Frame, list_codebooks, load_codebook
from discourse.framing.lexicon import LexiconFrameClassifier

__all__ = [
    "Codebook",
    "Frame",
    "LexiconFrameClassifier",
    "list_codebooks",
    "load_codebook",
]
