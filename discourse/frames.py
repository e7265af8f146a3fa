"""``discourse.frames``: the name the framing API is documented under in the project's issues.

Everything lives in :mod:`discourse.framing` (the package named for its
pipeline stage); this module re-exports its public API so that
``discourse.frames.load_codebook(...)`` and
``discourse.frames.default_classifier(...)`` work as written there.
"""
from discourse.framing import *  # noqa: F401,F403
from discourse.framing import __all__  # noqa: F401
