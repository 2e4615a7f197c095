"""One Nash equilibrium of a two-player game by the Lemke-Howson algorithm.

The payoffs are shifted to be positive, which does not change the equilibria,
and the two best-response polytopes

    P = {x >= 0 : B' x <= 1},   Q = {y >= 0 : A y <= 1}

are written as two tableaux. Every variable carries a *label*: the row
player's strategies are labels ``0 .. m-1`` (``x_i`` and the slack of row
``i`` in ``A y <= 1``), the column player's strategies are labels
``m .. m+n-1`` (``y_j`` and the slack of column ``j`` in ``B' x <= 1``).
Starting at the artificial equilibrium ``(0, 0)``, the initial label is
dropped and complementary pivoting alternates between the tableaux until that
label is picked up again; the endpoint, normalised, is a Nash equilibrium.

The minimum-ratio test is lexicographic (ties in the ratio are broken by the
rows of the basis inverse), which makes the path well defined on degenerate
games, so the algorithm cannot cycle. Rational games are pivoted in exact
integer arithmetic (every entry stays an integer, divided by the previous
pivot element); floating-point games on a rescaled float tableau with a tolerance.

References
----------
C. E. Lemke and J. T. Howson, "Equilibrium points of bimatrix games",
*Journal of the SIAM* 12 (1964) 413-423.
B. von Stengel, "Computing equilibria for two-person games", in *Handbook of
Game Theory* vol. 3, ch. 45 (2002) 1723-1759.
"""

from __future__ import annotations

from fractions import Fraction
from numbers import Integral
from typing import Any

import numpy as np

from ..equilibrium import Equilibrium, SolverResult
from ..errors import GameError, SolverError, TooLargeError
from .common import coerce_game, integer_arrays, resolve_exact

__all__ = ["lemke_howson"]

_FLOAT_TOL = 1e-12
"""Pivot and ratio tolerance of the float tableau (its payoffs are rescaled into [1, 2])."""

_REFACTOR_EVERY = 50
"""Float mode: pivots between recomputations of the tableau from its basis."""


class _Tableau:
    """One tableau ``[columns by label | rhs]``, in exact integers or floats."""

    def __init__(self, matrix: np.ndarray, basis: list[int], slack: list[int], exact: bool):
        self.t = matrix
        self.basis = basis
        self.slack = slack
        self.exact = exact
        self.det: Any = 1
        self.original = None if exact else matrix.copy()
        self.pivots = 0

    def refactor(self) -> None:
        """Float mode: recompute the tableau from the original data and the basis.

        Updating a float tableau pivot after pivot accumulates round-off;
        solving ``B^-1 [M | 1]`` afresh from the basis columns removes it.
        """
        if self.original is not None:
            self.t = np.linalg.solve(self.original[:, self.basis], self.original)

    def pivot(self, label: int) -> int:
        """Bring ``label`` into the basis; return the label that leaves."""
        t = self.t
        col = t[:, label]
        if self.exact:
            rows = [r for r in range(t.shape[0]) if col[r] > 0]
        else:
            rows = [r for r in range(t.shape[0]) if col[r] > _FLOAT_TOL]
        if not rows:
            raise SolverError("lemke_howson: unbounded pivot column (the tableau is inconsistent)")
        row = self._lexmin(rows, label)
        if self.exact:
            p = t[row, label]
            new = (t * p - np.outer(col, t[row])) // self.det
            new[row] = t[row]
            self.t = new
            self.det = p
        else:
            t[row] = t[row] / t[row, label]
            others = np.arange(t.shape[0]) != row
            t[others] -= np.outer(t[others, label], t[row])
        leaving = self.basis[row]
        self.basis[row] = label
        self.pivots += 1
        if not self.exact and self.pivots % _REFACTOR_EVERY == 0:
            self.refactor()
        return leaving

    def _lexmin(self, rows: list[int], label: int) -> int:
        t = self.t
        columns = [t.shape[1] - 1, *self.slack]
        if self.exact:
            # Column by column, keeping the rows that tie at the minimum ratio;
            # the rows of the basis inverse are independent, so one row remains.
            for c in columns:
                ratios = [Fraction(int(t[r, c]), int(t[r, label])) for r in rows]
                low = min(ratios)
                rows = [r for r, q in zip(rows, ratios, strict=True) if q == low]
                if len(rows) == 1:
                    break
            return rows[0]
        cands = np.array(rows)
        for c in columns:
            ratios = t[cands, c] / t[cands, label]
            cands = cands[ratios <= ratios.min() + _FLOAT_TOL]
            if len(cands) == 1:
                break
        return int(cands[0])

    def values(self, labels: range) -> list[Any]:
        """The values of the variables with the given labels (0 when non-basic)."""
        out: list[Any] = [Fraction(0) if self.exact else 0.0 for _ in labels]
        for row, label in enumerate(self.basis):
            if label in labels:
                rhs, diag = self.t[row, -1], self.t[row, label]
                value = Fraction(int(rhs), int(diag)) if self.exact else rhs / diag
                out[label - labels.start] = value
        return out


def _positive(arr: np.ndarray, exact: bool) -> np.ndarray:
    """Payoffs shifted (and, in floats, rescaled) to be at least 1: equilibria unchanged."""
    if exact:
        obj = np.asarray(arr, dtype=object)
        low = min(obj.flat)
        return np.vectorize(lambda v: int(v) - int(low) + 1, otypes=[object])(obj)
    low, high = float(arr.min()), float(arr.max())
    if high == low:
        return np.ones(arr.shape)
    return 1.0 + (arr - low) / (high - low)


def lemke_howson(
    game: Any,
    *,
    initial_label: int = 0,
    exact: bool | None = None,
    max_pivots: int | None = None,
) -> SolverResult:
    """One Nash equilibrium of a two-player game by complementary pivoting.

    Parameters
    ----------
    game
        A numeric two-player :class:`~gametheory_alliances.NormalFormGame`
        (or a sequential game, reduced first).
    initial_label
        The label dropped at the start: ``0 .. m-1`` are the row player's
        strategies, ``m .. m+n-1`` the column player's. Different labels may
        lead to different equilibria.
    exact
        Pivot in exact integer arithmetic (rational games only). ``None``
        (default): exactly when every payoff is rational.
    max_pivots
        Stop with :class:`~gametheory_alliances.TooLargeError` after this many
        pivots (Lemke-Howson paths can be exponentially long). ``None``: no bound.

    Returns
    -------
    SolverResult
        One equilibrium, ``method="Lemke-Howson"``; ``options`` records the
        initial label and the number of pivots.

    Raises
    ------
    SolverError
        A symbolic game, a game without exactly two players, or ``exact=True``
        on floating-point payoffs.
    GameError
        An ``initial_label`` that is not an integer in ``0 .. m+n-1``.

    References
    ----------
    C. E. Lemke and J. T. Howson, "Equilibrium points of bimatrix games",
    *Journal of the SIAM* 12 (1964) 413-423; B. von Stengel, "Computing
    equilibria for two-person games", *Handbook of Game Theory* 3 (2002), ch. 45.

    Examples
    --------
    >>> from gametheory_alliances import NormalFormGame, lemke_howson
    >>> battle = NormalFormGame([[[3, 0], [0, 2]], [[2, 0], [0, 3]]])
    >>> lemke_howson(battle)[0]
    Equilibrium(Row: (1, 0), Column: (1, 0); payoffs (3, 2))
    >>> lemke_howson(battle, initial_label=1)[0]
    Equilibrium(Row: (0, 1), Column: (0, 1); payoffs (2, 3))
    >>> lemke_howson(battle, initial_label=4)
    Traceback (most recent call last):
    ...
    gametheory_alliances.errors.GameError: lemke_howson: initial_label must be an integer in 0..3 (2 + 2 strategies), found 4
    """
    game = coerce_game(game, "lemke_howson", players=2)
    use_exact = resolve_exact(game, exact, "lemke_howson")
    m, n = game.shape
    if (
        isinstance(initial_label, bool)
        or not isinstance(initial_label, Integral)
        or not 0 <= int(initial_label) < m + n
    ):
        raise GameError(
            f"lemke_howson: initial_label must be an integer in 0..{m + n - 1} "
            f"({m} + {n} strategies), found {initial_label!r}"
        )
    if max_pivots is not None and (
        isinstance(max_pivots, bool) or not isinstance(max_pivots, Integral) or max_pivots < 1
    ):
        raise GameError(
            f"lemke_howson: max_pivots must be a positive integer or None, found {max_pivots!r}"
        )
    k = int(initial_label)
    if use_exact:
        a, b = (_positive(x, True) for x in integer_arrays(game.payoff_arrays(exact=True)))
        dtype: Any = object
        one: Any = 1
    else:
        a, b = (_positive(x, False) for x in game.payoff_arrays())
        dtype, one = np.float64, 1.0
    # Rows of A y <= 1 (labels: slacks 0..m-1, then y at m..m+n-1).
    t1 = np.empty((m, m + n + 1), dtype=dtype)
    t1[:, :m] = np.eye(m, dtype=int).astype(dtype)
    t1[:, m : m + n] = a
    t1[:, -1] = one
    # Rows of B' x <= 1 (labels: x at 0..m-1, then slacks m..m+n-1).
    t2 = np.empty((n, m + n + 1), dtype=dtype)
    t2[:, :m] = b.T
    t2[:, m : m + n] = np.eye(n, dtype=int).astype(dtype)
    t2[:, -1] = one
    row_tab = _Tableau(t1, list(range(m)), list(range(m)), use_exact)
    col_tab = _Tableau(t2, list(range(m, m + n)), list(range(m, m + n)), use_exact)

    tableau = col_tab if k < m else row_tab
    entering = k
    pivots = 0
    seen: set[tuple[frozenset[int], frozenset[int]]] = set()
    while True:
        leaving = tableau.pivot(entering)
        pivots += 1
        if leaving == k:
            break
        if max_pivots is not None and pivots >= max_pivots:
            raise TooLargeError(
                f"lemke_howson: no equilibrium after {pivots} pivots (max_pivots={max_pivots})"
            )
        state = (frozenset(row_tab.basis), frozenset(col_tab.basis))
        if state in seen:
            raise SolverError(
                "lemke_howson: the pivoting path revisited a basis (floating-point round-off "
                "on a degenerate game); solve with exact=True on rational payoffs"
            )
        seen.add(state)
        entering = leaving
        tableau = row_tab if tableau is col_tab else col_tab

    row_tab.refactor()
    col_tab.refactor()
    x = col_tab.values(range(0, m))
    y = row_tab.values(range(m, m + n))
    sx, sy = sum(x), sum(y)
    if sx <= 0 or sy <= 0:
        raise SolverError("lemke_howson: the path ended at the artificial equilibrium")
    if use_exact:
        profile: list[list[Any]] = [[v / sx for v in x], [v / sy for v in y]]
    else:
        profile = [
            [max(float(v), 0.0) / sx for v in x],
            [max(float(v), 0.0) / sy for v in y],
        ]
    eq = Equilibrium.from_profile(game, profile)
    if not use_exact and not eq.certify().ok:
        raise SolverError(
            "lemke_howson: floating-point round-off spoiled the result (it fails the "
            "best-response check); solve with exact=True on rational payoffs"
        )
    return SolverResult(
        game=game,
        method="Lemke-Howson",
        equilibria=(eq,),
        exact=use_exact,
        options={"initial_label": k, "exact": use_exact, "pivots": pivots},
    )
