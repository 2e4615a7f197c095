"""A catalogue model bound to numbers, read without sympy (what ``gta solve MODEL`` meets).

:func:`~gametheory_alliances.io.model_file.parse_model` builds every payoff,
assumption and claim of a model file as a sympy expression, and
:meth:`Model.at <gametheory_alliances.io.model.Model.at>` binds them by
substitution: importing sympy alone takes several times as long as
importing numpy. :func:`catalogue_game_at` reads a catalogue model's file
straight to the numeric game at the given values: the same structural
checks of the game (the model file reader's own functions), every payoff
and assumption evaluated exactly in rational arithmetic by
:func:`~gametheory_alliances.expressions.evaluate_exact`, the numeric twin of
the safe grammar, which never executes the text.

It answers only where the answer is certain and leaves everything else to
the symbolic path, which then gives the game or the error: continuous
models, values that are not rational numbers, ties (``--set r_R=r_M``),
vector values, payoffs outside the rational part of the grammar (``log``,
``sqrt``, ``pi``, fractional powers), and any error at all (a value outside
its domain, a violated assumption, a malformed file). It reads only the
catalogue's own files: their claims and outcomes, which it does not read,
are checked by the test suite and by every other command; a model file
given by path is read in full.

Examples
--------
>>> from fractions import Fraction
>>> from gametheory_alliances.io.model_numeric import catalogue_game_at
>>> game = catalogue_game_at("burden-sharing", {"b2": Fraction(5), "c": Fraction(1)})
>>> game.payoff_arrays(exact=True)[0].tolist()
[[Fraction(4, 1), Fraction(2, 1)], [Fraction(3, 1), Fraction(0, 1)]]
>>> catalogue_game_at("burden-sharing", {"c": Fraction(-1)}) is None  # the full path's error
True
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..errors import GameError
from ..expressions import NotEvaluated, evaluate_exact
from ..parameters import Parameter, bind_values
from .model_file import MAX_MODEL_BYTES
from .model_reader import ModelReader, normal_game, read_parameters, sequential_game

__all__ = ["catalogue_game_at", "model_game_at"]

_CATALOGUE_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class _BoundReader(ModelReader):
    """The model file reader, with payoffs evaluated at bound values instead of built in sympy."""

    def __init__(self, path: str | None, values: Mapping[str, Any]):
        super().__init__(path)
        self.values = values

    def expression(self, value: Any, params: dict[str, Parameter], field: str) -> Any:
        return evaluate_exact(value, self.values)


def catalogue_game_at(name: str, values: Mapping[str, Any]) -> Any | None:
    """The numeric game of catalogue model ``name`` at ``values``, or ``None`` if uncertain.

    ``None`` means: read the model with
    :func:`~gametheory_alliances.catalogue.load_model` and bind it with
    :meth:`Model.at <gametheory_alliances.io.model.Model.at>`, which gives
    the same game or the error.
    """
    from . import models_dir

    if not isinstance(name, str) or not _CATALOGUE_NAME.fullmatch(name):
        return None
    path = models_dir() / f"{name}.toml"
    if not path.is_file():
        return None
    return model_game_at(path, values)


def model_game_at(path: str | Path, values: Mapping[str, Any]) -> Any | None:
    """The numeric game of the model file at ``path`` bound to ``values``, or ``None``.

    Reads the parameters, the assumptions and the game (not the claims, the
    outcomes or the grid): meant for files known to be valid as a whole, the
    catalogue's. ``None`` wherever the symbolic reader must decide; see the
    module's description.
    """
    if any(isinstance(v, bool) or not isinstance(v, int | Fraction) for v in values.values()):
        return None  # ties, vectors, floats: the symbolic path
    try:
        raw = Path(path).read_bytes()
        if len(raw) > MAX_MODEL_BYTES:
            return None
        data = tomllib.loads(raw.decode("utf-8"))
        game_data = data.get("game")
        if not isinstance(game_data, dict) or game_data.get("type") not in ("normal", "sequential"):
            return None
        reader = ModelReader(str(path))
        params = read_parameters(reader, data)
        if "n" in values and "n" not in params:
            return None
        bound = bind_values(params, values)
        if not all(isinstance(v, Fraction) for v in bound.values()):
            return None
        defaults = (
            bind_values(params, {}) if all(p.default is not None for p in params.values()) else None
        )
        assumptions = data.get("assumptions", [])
        if not isinstance(assumptions, list):
            return None
        for entry in assumptions:
            if not isinstance(entry, dict):
                return None
            condition = entry.get("condition")
            for point in (bound, defaults):
                if (
                    point is not None
                    and evaluate_exact(condition, point, condition=True) is not True
                ):
                    return None  # violated: the symbolic path says so
        title = data.get("title")
        if not isinstance(title, str):
            return None
        numeric = _BoundReader(str(path), bound)
        if game_data["type"] == "normal":
            return normal_game(numeric, game_data, params, title)
        description = data.get("description", "")
        if not isinstance(description, str):
            return None
        # Bound, the tree has no parameters left: its payoffs stay Fractions (no sympy).
        return sequential_game(numeric, game_data, {}, title, description)
    except (NotEvaluated, GameError, OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    except (RecursionError, MemoryError, ValueError, TypeError, ArithmeticError):
        return None
