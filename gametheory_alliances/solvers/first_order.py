"""A continuous game solved numerically by best responses (first-order conditions).

:func:`solve_numeric` computes an equilibrium of a numeric
:class:`~gametheory_alliances.continuous.ContinuousGame` by iterated best
responses: each player in turn maximises its utility on its interval
(``scipy.optimize.minimize_scalar``, polished by a root of the first-order
condition and compared with the end points) until no level moves. It
cross-checks the closed forms of
:func:`~gametheory_alliances.symbolic.continuous.solve_symbolic` and solves
games that have none.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from ..continuous import ContinuousGame
from ..errors import ShapeError, SolverError

__all__ = ["NumericSolution", "solve_numeric"]


@dataclass(frozen=True)
class NumericSolution:
    """An equilibrium of a numeric continuous game found by iterated best responses.

    Attributes
    ----------
    strategies
        Each player's level.
    payoffs
        Each player's utility there.
    iterations
        Rounds of best responses used.
    converged
        Whether the levels stopped moving (within ``tol``).
    regrets
        For each player, its best-response utility minus its utility
        (``<= tol`` up to the optimiser's accuracy at an equilibrium).
    """

    strategies: tuple[float, ...]
    payoffs: tuple[float, ...]
    iterations: int
    converged: bool
    regrets: tuple[float, ...]


def _best_response(
    f: Any, df: Any, lo: float, hi: float, others: list[float], i: int, tol: float
) -> float:
    from scipy.optimize import brentq, minimize_scalar

    def value(x: float) -> float:
        args = list(others)
        args[i] = x
        with np.errstate(all="ignore"):
            try:
                v = float(f(*args))
            except (ValueError, ZeroDivisionError, OverflowError):
                return -math.inf
        return v if math.isfinite(v) else -math.inf

    def slope(x: float) -> float:
        args = list(others)
        args[i] = x
        with np.errstate(all="ignore"):
            try:
                return float(df(*args))
            except (ValueError, ZeroDivisionError, OverflowError):
                return math.nan

    res = minimize_scalar(
        lambda x: -value(x), bounds=(lo, hi), method="bounded", options={"xatol": tol}
    )
    best = float(res.x)
    # Polish: the first-order condition bracketed near the optimiser's answer.
    width = max(1e-6 * (hi - lo), 1e-9)
    a, b = max(lo, best - width), min(hi, best + width)
    sa, sb = slope(a), slope(b)
    if math.isfinite(sa) and math.isfinite(sb) and sa > 0 > sb:
        root = brentq(slope, a, b, xtol=1e-15, rtol=1e-15)
        if value(root) >= value(best):
            best = root
    for edge in (lo, hi):
        if value(edge) > value(best):
            best = edge
    return best


def solve_numeric(
    game: ContinuousGame,
    *,
    start: Sequence[float] | None = None,
    tol: float = 1e-9,
    max_iter: int = 500,
) -> NumericSolution:
    """An equilibrium of a numeric continuous game by iterated best responses.

    Each player in turn moves to its best response to the others' current
    levels (``scipy.optimize.minimize_scalar`` on its interval, the end
    points compared as well) until no level moves by more than ``tol``.

    Parameters
    ----------
    game
        A numeric game (bind parameters with ``game.at(...)``); every
        interval must be bounded.
    start
        The initial levels (default: the midpoints of the intervals).
    tol
        Convergence tolerance on the levels.
    max_iter
        The most rounds.

    Returns
    -------
    NumericSolution

    Raises
    ------
    SolverError
        If the game has unbound parameters or an unbounded interval.

    Examples
    --------
    >>> from gametheory_alliances.continuous import ContinuousGame
    >>> from gametheory_alliances.solvers.first_order import solve_numeric
    >>> game = ContinuousGame(["A", "B"], ["q1", "q2"], [(0, 10), (0, 10)],
    ...     ["10 - q1 + 3*log(q1 + q2 + 1)", "10 - q2 + 2*log(q1 + q2 + 1)"])
    >>> [round(x, 6) for x in solve_numeric(game).strategies]
    [2.0, 0.0]
    """
    if not game.is_numeric:
        raise SolverError(
            "solve_numeric needs a numeric game: bind the parameters with game.at(...)"
        )
    intervals = []
    for i, (lo, hi) in enumerate(game.bounds):
        if lo is None or hi is None:
            raise SolverError(
                f"solve_numeric needs bounded intervals; {game.players[i]!r} has ({lo}, {hi})"
            )
        intervals.append((float(lo), float(hi)))
    funcs = [sympy.lambdify(game.variables, u, "numpy") for u in game.utilities]
    slopes = [
        sympy.lambdify(game.variables, sympy.diff(u, v), "numpy")
        for u, v in zip(game.utilities, game.variables, strict=True)
    ]
    x = [float(s) for s in start] if start is not None else [(lo + hi) / 2 for lo, hi in intervals]
    if len(x) != game.n_players:
        raise ShapeError(f"start: expected {game.n_players} levels, found {len(x)}")
    converged = False
    rounds = 0
    while rounds < max_iter:
        rounds += 1
        moved = 0.0
        for i, (lo, hi) in enumerate(intervals):
            new = _best_response(funcs[i], slopes[i], lo, hi, x, i, tol)
            moved = max(moved, abs(new - x[i]))
            x[i] = new
        if moved <= tol:
            converged = True
            break
    payoffs = []
    regrets = []
    for i, (lo, hi) in enumerate(intervals):
        with np.errstate(all="ignore"):
            value = float(funcs[i](*x))
            br = _best_response(funcs[i], slopes[i], lo, hi, x, i, tol)
            args = list(x)
            args[i] = br
            best = float(funcs[i](*args))
        payoffs.append(value)
        regrets.append(max(0.0, best - value))
    return NumericSolution(tuple(x), tuple(payoffs), rounds, converged, tuple(regrets))
