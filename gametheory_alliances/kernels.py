"""Deprecated alias of :mod:`gametheory_alliances.sweep.kernels` (kept for one release)."""

import warnings

from .sweep.kernels import *  # noqa: F403
from .sweep.kernels import SINGULAR_TOLERANCE, __all__  # noqa: F401

warnings.warn(
    "gametheory_alliances.kernels moved to gametheory_alliances.sweep.kernels",
    DeprecationWarning,
    stacklevel=2,
)
