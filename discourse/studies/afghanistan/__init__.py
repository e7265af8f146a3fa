"""How US, Chinese and Russian sources framed the 2021 US withdrawal from Afghanistan.

The case study built on the library: everything here is specific to it, and
the library (:mod:`discourse`) never imports it.

* :mod:`~discourse.studies.afghanistan.terms` — the Afghanistan topic filter
  (:data:`AFGHANISTAN`, a :class:`discourse.terms.TermFilter`).
* :mod:`~discourse.studies.afghanistan.blocs` — blocs (US, CN, RU, other) and
  their one palette.
* :mod:`~discourse.studies.afghanistan.events` — key events for timelines.
* :mod:`~discourse.studies.afghanistan.gold` — the gold set and the
  classifiers' error rates on it.
* :mod:`~discourse.studies.afghanistan.claims` — the seed article's claims, as data.
* :mod:`~discourse.studies.afghanistan.frermann` — the out-of-domain check of
  the generic codebook.
* :mod:`~discourse.studies.afghanistan.sources`,
  :mod:`~discourse.studies.afghanistan.datasheet` — rebuilding ``corpus/``
  from the staged sources (``discourse build-corpus``) and its datasheet.
* :mod:`~discourse.studies.afghanistan.readme` — the project README's
  generated blocks (``discourse readme``).

Examples
--------
>>> import discourse as dc
>>> from discourse.studies import afghanistan as af
>>> docs = dc.load_corpus(language="zh", start="2021-08-15", end="2021-08-15")
>>> psg = dc.passages(docs, terms=af.AFGHANISTAN)
>>> bool(len(psg)) and set(psg["bloc"]) == {"CN"}
True
"""
from .blocs import BLOC_BY_COUNTRY, BLOC_PALETTE, BLOCS, CORPUS_COLUMNS, bloc_of
from .claims import load_seed_claims
from .events import KEY_EVENTS
from .frermann import FRERMANN_TO_GENERIC, evaluate_generic_on_frermann, load_frermann2023
from .gold import CODEBOOK, GUIDED_DRAW, frames, load_codings, load_gold
from .terms import AFGHANISTAN, AFGHANISTAN_TERMS, mentions_afghanistan

__all__ = [
    "AFGHANISTAN", "AFGHANISTAN_TERMS", "BLOCS", "BLOC_BY_COUNTRY", "BLOC_PALETTE", "CODEBOOK", "CORPUS_COLUMNS",
    "FRERMANN_TO_GENERIC", "GUIDED_DRAW", "KEY_EVENTS", "bloc_of", "evaluate_generic_on_frermann", "frames",
    "load_codings", "load_frermann2023", "load_gold", "load_seed_claims", "mentions_afghanistan",
]
