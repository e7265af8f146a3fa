"""Case studies built on the library: each imports :mod:`discourse`, never the reverse.

* :mod:`discourse.studies.afghanistan` — how US, Chinese and Russian sources
  framed the 2021 US withdrawal from Afghanistan (the bundled corpus, its
  gold set, and the terms, events, palette and claims of the study).
"""
