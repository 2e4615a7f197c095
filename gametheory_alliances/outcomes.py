"""Deprecated alias of :mod:`gametheory_alliances.predicates` (kept for one release)."""

import warnings

from .predicates import *  # noqa: F403
from .predicates import __all__  # noqa: F401

warnings.warn(
    "gametheory_alliances.outcomes moved to gametheory_alliances.predicates",
    DeprecationWarning,
    stacklevel=2,
)
