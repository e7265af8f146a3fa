"""Deprecated alias of :mod:`discourse.framing` (import ``discourse.framing`` instead)."""
import warnings

from discourse.framing import *  # noqa: F401,F403
from discourse.framing import __all__  # noqa: F401

warnings.warn("`discourse.frames` is deprecated; import `discourse.framing` instead.", DeprecationWarning, stacklevel=2)
