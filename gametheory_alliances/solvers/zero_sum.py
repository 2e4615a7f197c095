"""Value and optimal strategies of a two-player zero-sum game by linear programming.

The row player's maximin strategy solves

    maximise v  subject to  x^T A >= v (every column),  sum x = 1,  x >= 0,

and the column player's minimax strategy solves the dual problem; von
Neumann's minimax theorem makes both optimal values equal to the value of the
game. Both programmes are solved with SciPy's HiGHS. A constant-sum game
(``A + B = c``) has the same optimal strategies as the zero-sum game ``(A, -A)``;
its column player's value is ``c - v``.

For rational games the solution is then made exact: the LP solution is a
vertex, so the equations of its tight constraints determine it; they are
solved in fractions and the result is certified by checking exactly that the
row strategy guarantees at least what the column strategy concedes at most
(``min_j (x^T A)_j = max_i (A y)_i``), which proves both optimal.

References
----------
J. von Neumann, "Zur Theorie der Gesellschaftsspiele", *Mathematische Annalen*
100 (1928) 295-320. G. B. Dantzig, *Linear Programming and Extensions*,
Princeton University Press (1963), ch. 13.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from ..equilibrium import Equilibrium, format_number
from ..errors import SolverError
from .common import coerce_game, payoff_scale, rationalize, solve_exact

if TYPE_CHECKING:
    from ..normal_form import NormalFormGame

__all__ = ["ZeroSumSolution", "zero_sum"]

_SUPPORT_TOL = 1e-9
"""Probabilities and slacks below this (relative to the payoff scale) count as zero."""


@dataclass(frozen=True, eq=False)
class ZeroSumSolution:
    """The value and optimal (maximin / minimax) strategies of a zero-sum game.

    Attributes
    ----------
    game
        The game solved.
    value
        The row player's value (what its optimal strategy guarantees).
    row_strategy, column_strategy
        Optimal strategies (floats).
    constant
        The payoff sum ``A + B`` (0 for a zero-sum game); the column player's
        value is ``constant - value``.
    exact_value, exact_row_strategy, exact_column_strategy
        The same as fractions when the game is rational and the exact
        certificate succeeded, else ``None``.
    notes
        Remarks (constant-sum shift, exact certification that fell back to floats).
    """

    game: NormalFormGame = field(repr=False)
    value: float
    row_strategy: tuple[float, ...]
    column_strategy: tuple[float, ...]
    constant: Fraction | float = 0
    exact_value: Fraction | None = None
    exact_row_strategy: tuple[Fraction, ...] | None = None
    exact_column_strategy: tuple[Fraction, ...] | None = None
    notes: tuple[str, ...] = ()

    @property
    def is_exact(self) -> bool:
        """Whether the value and strategies are exact (and certified) fractions."""
        return self.exact_value is not None

    @property
    def column_value(self) -> Fraction | float:
        """The column player's value, ``constant - value``."""
        if self.exact_value is not None:
            return Fraction(self.constant) - self.exact_value
        return float(self.constant) - self.value

    @cached_property
    def equilibrium(self) -> Equilibrium:
        """The optimal strategies as a Nash :class:`~gametheory_alliances.Equilibrium`."""
        if self.exact_row_strategy is not None and self.exact_column_strategy is not None:
            return Equilibrium.from_profile(
                self.game, [self.exact_row_strategy, self.exact_column_strategy]
            )
        return Equilibrium.from_profile(self.game, [self.row_strategy, self.column_strategy])

    def _texts(self) -> tuple[str, str, str]:
        value: Any = self.exact_value if self.exact_value is not None else self.value
        row = self.exact_row_strategy or self.row_strategy
        col = self.exact_column_strategy or self.column_strategy
        return (
            format_number(value),
            "(" + ", ".join(format_number(p) for p in row) + ")",
            "(" + ", ".join(format_number(p) for p in col) + ")",
        )

    def __repr__(self) -> str:
        value, row, col = self._texts()
        p1, p2 = self.game.players
        constant = f", constant={format_number(self.constant)}" if self.constant != 0 else ""
        return f"ZeroSumSolution(value={value}, {p1}: {row}, {p2}: {col}{constant})"

    def _repr_html_(self) -> str:
        value, row, col = self._texts()
        p1, p2 = (html.escape(p) for p in self.game.players)
        return (
            f"<table><tr><th>value</th><td>{html.escape(value)}</td></tr>"
            f"<tr><th>{p1}</th><td>{html.escape(row)}</td></tr>"
            f"<tr><th>{p2}</th><td>{html.escape(col)}</td></tr></table>"
        )


def _maximin(a: np.ndarray) -> tuple[np.ndarray, float]:
    """The maximin strategy of the row player of ``a`` and its value, by HiGHS."""
    from scipy.optimize import linprog  # scipy only when a linear program is solved (quick start)

    m, n = a.shape
    c = np.zeros(m + 1)
    c[-1] = -1.0
    a_ub = np.hstack([-a.T, np.ones((n, 1))])
    a_eq = np.zeros((1, m + 1))
    a_eq[0, :m] = 1.0
    bounds = [(0, None)] * m + [(None, None)]
    res = linprog(
        c, A_ub=a_ub, b_ub=np.zeros(n), A_eq=a_eq, b_eq=[1.0], bounds=bounds, method="highs"
    )
    if res.status != 0:
        raise SolverError(f"zero_sum: the linear programme failed ({res.message})")
    x = np.clip(res.x[:m], 0.0, None)
    return x / x.sum(), float(res.x[-1])


def _exact_strategy(
    a: np.ndarray, x: np.ndarray, value: float, tol: float
) -> tuple[list[Fraction], Fraction] | None:
    """Solve the tight constraints of the row player's LP at ``(x, value)`` exactly."""
    m, n = a.shape
    support = [i for i in range(m) if x[i] > tol]
    af = a.astype(float)
    tight = [j for j in range(n) if float(x @ af[:, j]) - value <= tol]
    rows: list[list[Fraction]] = []
    rhs: list[Fraction] = []
    for j in tight:
        rows.append([a[i, j] for i in support] + [Fraction(-1)])
        rhs.append(Fraction(0))
    rows.append([Fraction(1)] * len(support) + [Fraction(0)])
    rhs.append(Fraction(1))
    sol = solve_exact(rows, rhs)
    if sol is None or any(p < 0 for p in sol[:-1]):
        return None
    full = [Fraction(0)] * m
    for i, p in zip(support, sol[:-1], strict=True):
        full[i] = p
    return full, sol[-1]


def zero_sum(game: Any) -> ZeroSumSolution:
    """The value and optimal strategies of a two-player zero-sum (or constant-sum) game.

    Parameters
    ----------
    game
        A numeric two-player :class:`~gametheory_alliances.NormalFormGame`
        with ``A + B`` constant (or a sequential game, reduced first).

    Returns
    -------
    ZeroSumSolution
        The row player's value, a maximin strategy for the row player and a
        minimax strategy for the column player; exact fractions for rational
        games (certified exactly), floats otherwise.

    Raises
    ------
    SolverError
        A symbolic game, a game without two players, or one whose payoffs do
        not sum to a constant (the message names a profile where they differ).

    References
    ----------
    J. von Neumann, "Zur Theorie der Gesellschaftsspiele", *Mathematische
    Annalen* 100 (1928) 295-320.

    Examples
    --------
    >>> from gametheory_alliances import NormalFormGame, zero_sum
    >>> rps = NormalFormGame.from_bimatrix(
    ...     [[0, -1, 1], [1, 0, -1], [-1, 1, 0]],
    ...     strategies=[["R", "P", "S"], ["R", "P", "S"]],
    ... )
    >>> zero_sum(rps)
    ZeroSumSolution(value=0, Row: (1/3, 1/3, 1/3), Column: (1/3, 1/3, 1/3))
    >>> skewed = NormalFormGame.from_bimatrix([[3, -1], [-2, 1]])
    >>> solution = zero_sum(skewed)
    >>> solution.exact_value, solution.equilibrium.certify().ok
    (Fraction(1, 7), True)
    """
    game = coerce_game(game, "zero_sum", players=2)
    exact = game.is_exact
    if exact:
        ea, eb = game.payoff_arrays(exact=True)
        sums = ea + eb
        constant: Fraction | float = Fraction(sums.flat[0])
        differ = np.argwhere(sums != constant)
    else:
        fa, fb = game.payoff_arrays()
        fsums = fa + fb
        scale = payoff_scale([fa, fb])
        constant = float(fsums.flat[0])
        differ = np.argwhere(np.abs(fsums - constant) > 1e-9 * scale)
    if len(differ):
        profile = tuple(int(k) for k in differ[0])
        found = sums[profile] if exact else fsums[profile]
        raise SolverError(
            f"zero_sum: not a zero-sum or constant-sum game: payoffs sum to {format_number(constant)} "
            f"at profile (0, 0) but to {format_number(found)} at {profile}; use nash_equilibria instead"
        )
    notes: list[str] = []
    if constant != 0:
        notes.append(
            f"constant-sum game (payoffs sum to {format_number(constant)}): solved as the zero-sum game "
            f"(A, -A); the column player's value is {format_number(constant)} minus the row value"
        )
    a = np.asarray(game.payoff_arrays()[0], dtype=float)
    scale = payoff_scale([a])
    x, v_row = _maximin(a)
    y, v_col = _maximin(-a.T)
    value = 0.5 * (v_row - v_col)
    solution: dict[str, Any] = {}
    if exact:
        tol = _SUPPORT_TOL * scale
        row = _exact_strategy(ea, x, v_row, tol)
        col = _exact_strategy(-ea.T, y, v_col, tol)
        candidates = []
        if row is not None and col is not None:
            candidates.append((row[0], col[0]))
        for den in (10**3, 10**6, 10**9):
            rx, ry = rationalize(x, den), rationalize(y, den)
            if rx is not None and ry is not None:
                candidates.append((rx, ry))
        for ex, ey in candidates:
            # What x guarantees against every column, what y concedes against every row.
            guaranteed = min(np.array(ex, dtype=object) @ ea)
            conceded = max(ea @ np.array(ey, dtype=object))
            if guaranteed == conceded:
                solution = {
                    "exact_value": guaranteed,
                    "exact_row_strategy": tuple(ex),
                    "exact_column_strategy": tuple(ey),
                }
                value = float(guaranteed)
                x = np.array([float(p) for p in ex])
                y = np.array([float(q) for q in ey])
                break
        else:
            notes.append(
                "exact certification failed: the LP solution could not be made exact; "
                "value and strategies are floating point"
            )
    return ZeroSumSolution(
        game=game,
        value=float(value),
        row_strategy=tuple(float(p) for p in x),
        column_strategy=tuple(float(q) for q in y),
        constant=constant,
        notes=tuple(notes),
        **solution,
    )
