"""discourse: computational discourse and framing analysis for multilingual corpora."""
__version__ = "0.1.0"
