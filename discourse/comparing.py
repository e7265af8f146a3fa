"""Deprecated: keyness moved to :mod:`discourse.keyness`, its measures to :mod:`discourse.measures`."""
import warnings

from discourse.keyness import *  # noqa: F401,F403
from discourse.measures import *  # noqa: F401,F403

warnings.warn("`discourse.comparing` is deprecated; use `discourse.keyness` (keyness, keyness_by, top_keywords) "
              "and `discourse.measures` (the statistics).", DeprecationWarning, stacklevel=2)
