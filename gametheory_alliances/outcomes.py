"""Deprecated alias of :mod:`gametheory_alliances.predicates` (kept for one release)."""

import warnings

from .predicates import *  # noqa: F403
from .predicates import __all__ as _remaining
from .sweep.predicates import outcome_columns
from .symbolic.predicates import credibility_conditions, outcome_regions

__all__ = [*_remaining, "credibility_conditions", "outcome_columns", "outcome_regions"]

warnings.warn(
    "gametheory_alliances.outcomes moved to gametheory_alliances.predicates",
    DeprecationWarning,
    stacklevel=2,
)
