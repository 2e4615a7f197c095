"""Parameter grids: ``START:STOP:NUM`` text, comma lists and numbers, read as exact values."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import GameError
from ..parameters import as_number

__all__ = ["grid_values", "parse_grid_option", "parse_grid_spec"]


def parse_grid_spec(text: str, name: str = "grid") -> tuple[Fraction, ...]:
    """The values of a ``START:STOP:NUM`` grid: ``NUM`` evenly spaced values, both ends included.

    ``START`` and ``STOP`` may be integers, decimals or fractions and are
    read exactly, so the values are exact fractions.

    Examples
    --------
    >>> [str(v) for v in parse_grid_spec("0.5:2:4")]
    ['1/2', '1', '3/2', '2']
    >>> parse_grid_spec("1:2")
    Traceback (most recent call last):
    ...
    gametheory_alliances.errors.GameError: grid: expected START:STOP:NUM (e.g. 0:1:11), found '1:2'
    """
    parts = str(text).split(":")
    if len(parts) != 3:
        raise GameError(f"{name}: expected START:STOP:NUM (e.g. 0:1:11), found {text!r}")
    try:
        start = as_number(parts[0].strip(), f"{name} START")
        stop = as_number(parts[1].strip(), f"{name} STOP")
    except GameError as exc:
        raise GameError(f"{name}: START and STOP must be numbers, found {text!r} ({exc})") from None
    from ..io.model_file import grid_value_count

    num = grid_value_count(text, name)  # NUM a positive integer, at most MAX_GRID_VALUES
    if not isinstance(start, Fraction) or not isinstance(stop, Fraction):
        raise GameError(f"{name}: START and STOP must be rational, found {text!r}")
    if num == 1:
        return (start,)
    step = (stop - start) / (num - 1)
    return tuple(start + k * step for k in range(num))


def parse_grid_option(text: str) -> tuple[str, tuple[Fraction | float, ...]]:
    """Parse a command-line ``NAME=START:STOP:NUM`` (or ``NAME=V1,V2,...``) option.

    Examples
    --------
    >>> name, values = parse_grid_option("c=1:3:3")
    >>> name, [str(v) for v in values]
    ('c', ['1', '2', '3'])
    >>> parse_grid_option("c=0.5,1")[1]
    (Fraction(1, 2), Fraction(1, 1))
    """
    name, sep, spec = str(text).partition("=")
    name = name.strip()
    if not sep or not name or not spec.strip():
        raise GameError(f"--grid: expected NAME=START:STOP:NUM, found {text!r}")
    return name, grid_values(spec.strip(), name)


def grid_values(values: Any, name: str = "grid") -> tuple[Fraction | float, ...]:
    """Normalise one axis of a grid: ``START:STOP:NUM`` text, a comma list, or numbers.

    Numbers are read exactly where that is faithful (see
    :func:`~gametheory_alliances.parameters.as_number`).
    """
    if isinstance(values, str):
        bad = next((c for c in values if ord(c) > 127), None)
        if bad is not None:
            raise GameError(
                f"grid {name!r}: non-ASCII character {bad!r} (U+{ord(bad):04X}) in {values!r}; "
                "write numbers with the digits 0-9"
            )
        if ":" in values:
            return parse_grid_spec(values, name)
        items: Sequence[Any] = values.split(",")
        if any(not v.strip() for v in items) and values.strip():
            raise GameError(f"grid {name!r}: an empty entry in the list {values!r}")
    elif np.isscalar(values) or isinstance(values, Fraction):
        items = [values]
    else:
        items = list(np.asarray(values, dtype=object).ravel())
    if not items:
        raise GameError(f"grid {name!r}: expected at least one value, found none")
    out = []
    for v in items:
        if isinstance(v, str):
            v = v.strip()
        elif isinstance(v, np.generic):
            v = v.item()
        out.append(as_number(v, name))
    return tuple(out)
