"""The deprecation path of names that moved to another module.

A module whose public names moved keeps a module-level ``__getattr__`` for
one release: it imports the name's new module (inside the function, so that
the package itself never takes the old path) and hands the name over
through :func:`moved`, which warns with the name's new place.

Examples
--------
>>> import warnings
>>> from gametheory_alliances import equilibrium
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     value = moved("gametheory_alliances.old", "TOLERANCE", equilibrium)
>>> value == equilibrium.TOLERANCE
True
>>> print(caught[0].message)
gametheory_alliances.old.TOLERANCE moved to gametheory_alliances.equilibrium.TOLERANCE
"""

from __future__ import annotations

import warnings
from types import ModuleType
from typing import Any

__all__ = ["moved"]


def moved(old_module: str, name: str, new_module: ModuleType) -> Any:
    """Warn that ``old_module.name`` now lives in ``new_module``, and return it from there.

    Parameters
    ----------
    old_module
        The module the name was taken from (the caller's ``__name__``).
    name
        The name.
    new_module
        The module that holds it now.

    Returns
    -------
    object
        ``getattr(new_module, name)``.
    """
    warnings.warn(
        f"{old_module}.{name} moved to {new_module.__name__}.{name}",
        DeprecationWarning,
        stacklevel=3,
    )
    return getattr(new_module, name)
