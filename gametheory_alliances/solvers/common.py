"""Helpers shared by the numeric solvers: input checks and exact linear algebra.

Every solver starts by turning its argument into a numeric
:class:`~gametheory_alliances.normal_form.NormalFormGame` (reducing a sequential
game, refusing a symbolic one with the names of its unbound parameters,
checking the number of players) and by deciding whether it works in exact
rational arithmetic.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import GameError, SolverError
from ..linalg import solve_unique
from ..normal_form import NormalFormGame

__all__ = [
    "DEFAULT_MAX_SUPPORTS",
    "coerce_game",
    "integer_arrays",
    "payoff_scale",
    "rationalize",
    "resolve_exact",
    "solve_exact",
]

DEFAULT_MAX_SUPPORTS = 20_000
"""Default bound on the number of support profiles, ``prod(2**m_i - 1)`` (kept here so that
:func:`~.vertex_enumeration.nash_equilibria` names it without loading the support enumeration)."""


def coerce_game(game: Any, solver: str, *, players: int | None = None) -> NormalFormGame:
    """The numeric normal-form game a solver works on.

    A sequential game (any object with ``to_normal_form()``) is reduced first.

    Raises
    ------
    SolverError
        If ``game`` is not a game, is symbolic (the message names its unbound
        parameters) or has a number of players other than ``players``.
    """
    if not isinstance(game, NormalFormGame) and callable(getattr(game, "to_normal_form", None)):
        game = game.to_normal_form()
    if not isinstance(game, NormalFormGame):
        raise SolverError(
            f"{solver}: expected a NormalFormGame (or a game with to_normal_form()), "
            f"found {type(game).__name__}"
        )
    if not game.is_numeric:
        raise SolverError(
            f"{solver}: the game has unbound parameters {', '.join(game.free_parameters)}; "
            "bind them with game.at(...) first"
        )
    if players is not None and game.n_players != players:
        raise SolverError(
            f"{solver}: expected a {players}-player game, found {game.n_players} players"
        )
    return game


def resolve_exact(game: NormalFormGame, exact: bool | None, solver: str) -> bool:
    """``exact=None`` means exact when the payoffs are rational; ``True`` demands it."""
    if exact is None:
        return game.is_exact
    if not isinstance(exact, bool | np.bool_):
        raise GameError(f"{solver}: exact must be True, False or None, found {exact!r}")
    if exact and not game.is_exact:
        raise SolverError(
            f"{solver}: exact=True needs rational payoffs; this game has floating-point payoffs "
            "(pass exact=False, or give the payoffs as integers or fractions)"
        )
    return bool(exact)


def integer_arrays(arrays: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Each player's exact payoffs scaled by a positive integer to integers.

    Scaling a player's payoffs by a positive constant keeps every comparison
    of that player's payoffs. The result is ``int64`` when the integers fit
    with room for sums and differences, otherwise an object array of Python ints.
    """
    out = []
    for arr in arrays:
        flat = list(arr.flat)
        den = math.lcm(*(f.denominator for f in flat)) if flat else 1
        ints = [f.numerator * (den // f.denominator) for f in flat]
        bound = max((abs(v) for v in ints), default=0)
        if bound < 2**60:
            out.append(np.array(ints, dtype=np.int64).reshape(arr.shape))
        else:
            obj = np.empty(len(ints), dtype=object)
            obj[:] = ints
            out.append(obj.reshape(arr.shape))
    return out


def payoff_scale(arrays: Sequence[np.ndarray]) -> float:
    """The scale float tolerances are relative to: max(1, largest absolute payoff)."""
    return max([1.0] + [float(np.max(np.abs(a))) for a in arrays if a.size])


def rationalize(values: Iterable[Any], max_denominator: int) -> list[Fraction] | None:
    """Nearby fractions for a probability vector, clipped at 0 and summing exactly to one."""
    fr = [max(Fraction(float(v)).limit_denominator(max_denominator), Fraction(0)) for v in values]
    total = sum(fr, Fraction(0))
    if total <= 0:
        return None
    return [f / total for f in fr]


def solve_exact(
    matrix: Sequence[Sequence[Fraction]], rhs: Sequence[Fraction]
) -> list[Fraction] | None:
    """The unique solution of a consistent linear system, in exact fractions.

    The system may have more equations than unknowns. Returns ``None`` when it
    is inconsistent, its solution is not unique, or it has no unknowns. The
    elimination is :func:`gametheory_alliances.linalg.solve_unique`.
    """
    rows = [[Fraction(v) for v in row] + [Fraction(b)] for row, b in zip(matrix, rhs, strict=True)]
    n = len(rows[0]) - 1 if rows else 0
    if n == 0:
        return None
    return solve_unique([row[:-1] for row in rows], [row[-1] for row in rows])
