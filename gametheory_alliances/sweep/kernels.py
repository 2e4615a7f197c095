"""Batched numpy kernels: the equilibria of many small games at once.

A parameter sweep solves the same game at thousands of parameter points. The
kernels here take the payoffs of all points as one array and decide every
point with a fixed number of numpy operations, instead of a solver call per
point. They work in floating point, so each kernel also returns an
*ambiguous* mask: the points where some comparison that matters is within
:data:`KERNEL_TOLERANCE` of a tie. Those points (ties are common on integer
and decimal grids) must be solved again by the exact scalar solver; on every
other point the kernel's answer is the scalar solver's answer.

* :func:`nash_2x2`: closed form for two-player 2 x 2 games. Pure equilibria by
  best-response comparison, the interior mixed equilibrium by indifference.
  A 2 x 2 game is nondegenerate exactly when no player is indifferent
  between its two strategies against a pure strategy of the other, and then
  its equilibria are isolated points and are all found.
* :func:`nash_2x2_exact`: the closed form of a single 2 x 2 game in exact
  rationals, degenerate or not (every extreme equilibrium and the
  components), for the tied points.
* :func:`nash_bimatrix`: batched support enumeration for small ``m x n``
  games. For every pair of supports ``(F, J)`` of equal size the indifference
  systems are solved for all points in one call. Each system with a
  solution is a basis of the best-response polytope; a point is certified
  nondegenerate when no basis solution that is feasible (within tolerance)
  has an extra constraint within tolerance of tight. Every vertex of the
  polytope arises from a nonsingular basis, so a degenerate game always has
  a vertex that shows an extra tight constraint and is flagged. In a
  nondegenerate game the extreme equilibria are exactly the pairs of
  feasible bases with equal supports (von Stengel, 2002).
* :func:`pure_nash`: pure equilibria of n-player games by comparing every
  payoff with the best along its player's axis.
* :func:`backward_induction_batch`: the subgame-perfect equilibrium of a
  perfect-information tree at every point, children compared node by node
  from the leaves up; a point where some mover (on or off the path) is
  within tolerance of indifferent may have several SPE and is ambiguous.
* :func:`tree_values`: the root payoffs of a tree at every point for given
  choices (what the sweep's region method needs once the symbolic regions
  have decided the choices), with the arithmetic of backward induction.
* :func:`profile_order`: the toolkit's order of equilibria within each point.

Payoffs are rescaled per point and per player to ``[0, 1]`` (a positive
affine change that leaves equilibria unchanged), so the tolerance is
relative to each player's payoff range. A player with constant payoffs is
indifferent everywhere and the point is ambiguous.

References
----------
B. von Stengel, "Computing equilibria for two-person games", in *Handbook of
Game Theory* vol. 3, Elsevier (2002), chapter 45.

Examples
--------
Chicken at two parameter points (the crash costs -10, then -2):

>>> import numpy as np
>>> from gametheory_alliances.sweep.kernels import nash_2x2
>>> A = np.array([[[0, -1], [1, -10]], [[0, -1], [1, -2]]], dtype=float)
>>> B = A.transpose(0, 2, 1)
>>> sol = nash_2x2(A, B)
>>> sol.point.tolist(), sol.ambiguous.tolist()
([0, 0, 0, 1, 1, 1], [False, False])
>>> sol.x[:3].round(3).tolist()
[[1.0, 0.0], [0.9, 0.1], [0.0, 1.0]]
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "KERNEL_TOLERANCE",
    "BimatrixSolution",
    "ExactEquilibrium",
    "PureSolution",
    "TreeSolution",
    "backward_induction_batch",
    "nash_2x2",
    "nash_2x2_exact",
    "nash_bimatrix",
    "profile_order",
    "pure_nash",
    "tree_values",
]

KERNEL_TOLERANCE = 1e-9
"""Comparisons within this distance of a tie (on payoffs rescaled to [0, 1]) are ambiguous."""

SINGULAR_TOLERANCE = 1e-12
"""A system whose determinant is below this fraction of its Hadamard bound is treated as singular."""


@dataclass(frozen=True)
class BimatrixSolution:
    """The equilibria the kernel found, one row per (point, equilibrium).

    Attributes
    ----------
    point
        For each equilibrium, the index of its point (nondecreasing).
    x, y
        The row and column player's mixed strategies, one row per equilibrium.
    ambiguous
        For each point, whether it must be solved exactly instead; such
        points have no rows here.
    """

    point: npt.NDArray[np.intp]
    x: npt.NDArray[np.float64]
    y: npt.NDArray[np.float64]
    ambiguous: npt.NDArray[np.bool_]


@dataclass(frozen=True)
class PureSolution:
    """Pure equilibria: ``point`` and ``profile`` (one row of strategy indices each)."""

    point: npt.NDArray[np.intp]
    profile: npt.NDArray[np.intp]
    ambiguous: npt.NDArray[np.bool_]


def _normalise(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rescale each point's matrix to [0, 1]; flag points whose matrix is constant."""
    # Elementwise over the few entries of each game: much faster than a reduction
    # along a short trailing axis.
    columns = list(a.reshape(a.shape[0], -1).T)
    lo = functools.reduce(np.minimum, columns)
    span = functools.reduce(np.maximum, columns) - lo
    flat_span = ~(span > 0) | ~np.isfinite(span)
    safe = np.where(flat_span, 1.0, span)
    shape = (-1,) + (1,) * (a.ndim - 1)
    return (a - lo.reshape(shape)) / safe.reshape(shape), flat_span


def _order(point: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The toolkit's equilibrium order within each point (larger early probabilities first)."""
    keys = [-np.round(y[:, k], 9) for k in range(y.shape[1] - 1, -1, -1)]
    keys += [-np.round(x[:, k], 9) for k in range(x.shape[1] - 1, -1, -1)]
    keys.append(point)
    return np.lexsort(keys)


def nash_2x2(a: npt.ArrayLike, b: npt.ArrayLike, tol: float = KERNEL_TOLERANCE) -> BimatrixSolution:
    """Every Nash equilibrium of a batch of 2 x 2 games, in closed form.

    Parameters
    ----------
    a, b
        The row and column player's payoffs, shape ``(N, 2, 2)``.
    tol
        The tie tolerance on payoffs rescaled to ``[0, 1]``.

    Returns
    -------
    BimatrixSolution
        The equilibria of every unambiguous point in the toolkit's order:
        pure equilibria in which the row player plays its first strategy,
        then the interior mixed equilibrium, then the rest.

    Examples
    --------
    The Prisoner's Dilemma has the single equilibrium (Defect, Defect):

    >>> import numpy as np
    >>> A = np.array([[[3, 0], [5, 1]]], dtype=float)
    >>> sol = nash_2x2(A, A.transpose(0, 2, 1))
    >>> sol.x.tolist(), sol.y.tolist()
    ([[0.0, 1.0]], [[0.0, 1.0]])
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    a, flat_a = _normalise(a)
    b, flat_b = _normalise(b)
    # d[:, j] > 0: the row player prefers its first strategy against column j.
    d = a[:, 0, :] - a[:, 1, :]
    # e[:, i] > 0: the column player prefers its first strategy against row i.
    e = b[:, :, 0] - b[:, :, 1]
    ambiguous = (
        flat_a
        | flat_b
        | (np.abs(d) <= tol).any(axis=1)
        | (np.abs(e) <= tol).any(axis=1)
        | ~np.isfinite(d).all(axis=1)
        | ~np.isfinite(e).all(axis=1)
    )
    ok = ~ambiguous
    row_first = d > 0  # best response of the row player to column j is row 0
    col_first = e > 0
    pure = np.empty((a.shape[0], 2, 2), dtype=bool)
    for i in range(2):
        for j in range(2):
            pure[:, i, j] = (row_first[:, j] == (i == 0)) & (col_first[:, i] == (j == 0)) & ok
    mixed = ok & (d[:, 0] * d[:, 1] < 0) & (e[:, 0] * e[:, 1] < 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(mixed, e[:, 1] / (e[:, 1] - e[:, 0]), 0.0)  # row's first strategy
        q = np.where(mixed, d[:, 1] / (d[:, 1] - d[:, 0]), 0.0)  # column's first strategy
    n = a.shape[0]
    # Slots in the toolkit's order: (0,0), (0,1), mixed, (1,0), (1,1).
    valid = np.stack([pure[:, 0, 0], pure[:, 0, 1], mixed, pure[:, 1, 0], pure[:, 1, 1]], axis=1)
    xs = np.zeros((n, 5, 2))
    ys = np.zeros((n, 5, 2))
    xs[:, 0:2, 0] = 1.0
    xs[:, 3:5, 1] = 1.0
    ys[:, [0, 3], 0] = 1.0
    ys[:, [1, 4], 1] = 1.0
    xs[:, 2, 0], xs[:, 2, 1] = p, 1.0 - p
    ys[:, 2, 0], ys[:, 2, 1] = q, 1.0 - q
    point, slot = np.nonzero(valid)
    return BimatrixSolution(point, xs[point, slot], ys[point, slot], ambiguous)


def _det(mat: list[list[np.ndarray]]) -> np.ndarray:
    """Determinants of a batch of small matrices given entry by entry (Laplace expansion)."""
    d = len(mat)
    if d == 0:
        return np.ones(())
    if d == 1:
        return mat[0][0]
    if d == 2:
        return mat[0][0] * mat[1][1] - mat[0][1] * mat[1][0]
    total = np.zeros(np.broadcast(*mat[0]).shape)
    for j in range(d):
        minor = [row[:j] + row[j + 1 :] for row in mat[1:]]
        term = mat[0][j] * _det(minor)
        total = total - term if j % 2 else total + term
    return total


def _vertex_side(
    pay: np.ndarray, rows: np.ndarray, cols: np.ndarray, tol: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The indifference solutions of one player's side for every point and support pair.

    For supports ``F`` (``rows``, of the mixing player) and ``J`` (``cols``,
    of the other player) of size ``k``: the mixed strategy ``z`` on ``F``
    with ``sum(z) = 1`` that makes the other player indifferent over ``J``;
    ``pay[p, i, c]`` is the other player's payoff against the mixing
    player's strategy ``i`` when playing ``c``. Subtracting the first
    indifference equation from the others leaves ``k - 1`` homogeneous
    equations ``r_t . z = 0``; their solution is the vector of signed
    maximal minors (for ``k = 3`` the cross product ``r_1 x r_2``), scaled to
    sum to one. The system is singular when that sum vanishes (relative to
    the Hadamard bound).

    Returns ``(z, feasible, near, singular)``: ``z`` the full strategy vectors
    ``(N, nF, nJ, m)``; ``feasible`` where every slack exceeds ``tol``;
    ``near`` where the solution is feasible within ``tol`` but some slack is
    within ``tol`` of zero (an extra tight constraint: degeneracy).
    """
    n_points, m, n = pay.shape
    k = rows.shape[1]
    n_f, n_j = len(rows), len(cols)
    sub = pay[:, rows[:, None, :, None], cols[None, :, None, :]]  # (N, nF, nJ, s, t)
    entry = [[sub[..., i, t] for t in range(k)] for i in range(k)]
    diff = [[entry[i][t] - entry[i][0] for i in range(k)] for t in range(1, k)]
    signed = []
    for i in range(k):
        minor = [row[:i] + row[i + 1 :] for row in diff]
        minor_det = _det(minor) if k > 1 else np.ones((n_points, n_f, n_j))
        signed.append(-minor_det if (k - 1 + i) % 2 else minor_det)
    total = sum(signed[1:], signed[0])
    bound = (
        np.sqrt(k) * np.prod([np.sqrt(sum(x * x for x in row)) for row in diff], axis=0)
        if k > 1
        else np.ones((n_points, n_f, n_j))
    )
    singular = ~(np.abs(total) > SINGULAR_TOLERANCE * bound)
    safe = np.where(singular, 1.0, total)
    z_f = [c / safe for c in signed]
    value = sum(z_f[i] * entry[i][0] for i in range(k))
    slacks = list(z_f)
    in_j = np.zeros((n_j, n), dtype=bool)
    in_j[np.arange(n_j)[:, None], cols] = True
    for col in range(n):
        other = sum(z_f[i] * pay[:, rows[:, i], col][:, :, None] for i in range(k))
        slacks.append(np.where(in_j[None, None, :, col], np.inf, value - other))
    lowest = functools.reduce(np.minimum, slacks)
    closest = functools.reduce(np.minimum, [np.abs(x) for x in slacks])
    ok = ~singular
    feasible = ok & (lowest > tol)
    near = ok & (lowest >= -tol) & (closest <= tol)
    z = np.zeros((n_points, n_f, n_j, m))
    for i in range(k):
        index = np.broadcast_to(rows[None, :, None, i : i + 1], (n_points, n_f, n_j, 1))
        np.put_along_axis(z, index, z_f[i][..., None], axis=-1)
    return z, feasible, near, singular


def nash_bimatrix(
    a: npt.ArrayLike, b: npt.ArrayLike, tol: float = KERNEL_TOLERANCE
) -> BimatrixSolution:
    """Every extreme Nash equilibrium of a batch of small two-player games.

    Batched support enumeration with a certificate of nondegeneracy (see the
    module notes). The work per point grows as ``sum_k C(m, k) C(n, k)``
    (19 systems per player for 3 x 3, 69 for 4 x 4).

    Parameters
    ----------
    a, b
        Payoffs of the row and column player, shape ``(N, m, n)``.
    tol
        The tie tolerance on payoffs rescaled to ``[0, 1]``.

    Returns
    -------
    BimatrixSolution
        The equilibria of every unambiguous point, in the toolkit's order.

    Examples
    --------
    Rock-paper-scissors has one equilibrium, uniform play:

    >>> import numpy as np
    >>> rps = np.array([[[0, -1, 1], [1, 0, -1], [-1, 1, 0]]], dtype=float)
    >>> sol = nash_bimatrix(rps, -rps)
    >>> sol.x.round(6).tolist(), bool(sol.ambiguous[0])
    ([[0.333333, 0.333333, 0.333333]], False)
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    _, m, n = a.shape
    a, flat_a = _normalise(a)
    b, flat_b = _normalise(b)
    finite = np.isfinite(a).all(axis=(1, 2)) & np.isfinite(b).all(axis=(1, 2))
    ambiguous = flat_a | flat_b | ~finite
    a = np.where(finite[:, None, None], a, 0.0)
    b = np.where(finite[:, None, None], b, 0.0)
    points: list[np.ndarray] = []
    xs: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    for k in range(1, min(m, n) + 1):
        rows = np.array(list(itertools.combinations(range(m), k)))  # supports F of the row player
        cols = np.array(
            list(itertools.combinations(range(n), k))
        )  # supports J of the column player
        # x on F makes the column player indifferent over J; y on J makes the row player
        # indifferent over F (the same function with the players' roles swapped).
        x, feas_x, near_x, _ = _vertex_side(b, rows, cols, tol)
        y_t, feas_y_t, near_y_t, _ = _vertex_side(a.transpose(0, 2, 1), cols, rows, tol)
        y = y_t.transpose(0, 2, 1, 3)
        feas_y = feas_y_t.transpose(0, 2, 1)
        near_y = near_y_t.transpose(0, 2, 1)
        near = (near_x | near_y).reshape(len(ambiguous), -1)
        for col in range(near.shape[1]):
            ambiguous |= near[:, col]
        p, f, j = np.nonzero(feas_x & feas_y)
        points.append(p)
        xs.append(x[p, f, j])
        ys.append(y[p, f, j])
    point = np.concatenate(points)
    x_all = np.concatenate(xs)
    y_all = np.concatenate(ys)
    keep = ~ambiguous[point]
    point, x_all, y_all = point[keep], x_all[keep], y_all[keep]
    order = _order(point, x_all, y_all)
    return BimatrixSolution(point[order], x_all[order], y_all[order], ambiguous)


def pure_nash(payoffs: npt.ArrayLike, tol: float = KERNEL_TOLERANCE) -> PureSolution:
    """Pure Nash equilibria of a batch of n-player games.

    Parameters
    ----------
    payoffs
        Shape ``(N, n_players, m_1, ..., m_n)``.
    tol
        The tie tolerance on payoffs rescaled to ``[0, 1]``.

    Returns
    -------
    PureSolution
        The pure equilibria of every unambiguous point, profiles in
        lexicographic order. A point is ambiguous when some payoff is within
        ``tol`` of, but not clearly below, the best along its player's axis
        while being a different strategy's payoff (a tie that decides a
        best response).

    Examples
    --------
    >>> import numpy as np
    >>> pd = np.array([[[[3, 0], [5, 1]], [[3, 5], [0, 1]]]], dtype=float)
    >>> pure_nash(pd).profile.tolist()
    [[1, 1]]
    """
    u = np.asarray(payoffs, dtype=float)
    n_points, n_players = u.shape[:2]
    is_ne = np.ones((n_points, *u.shape[2:]), dtype=bool)
    ambiguous = ~np.isfinite(u).reshape(n_points, -1).all(axis=1)
    for i in range(n_players):
        ui, flat = _normalise(u[:, i])
        ambiguous |= flat
        best = ui.max(axis=i + 1, keepdims=True)
        gap = best - ui
        is_ne &= gap <= 0
        # A strategy within tol of the best without being the best itself: a near tie.
        near = (gap <= tol) & ~(ui == best)
        # Or two strategies both attain the best in float but may differ exactly.
        ties = (ui == best).sum(axis=i + 1) > 1
        ambiguous |= near.reshape(n_points, -1).any(axis=1) | ties.reshape(n_points, -1).any(axis=1)
    is_ne &= ~ambiguous.reshape((-1,) + (1,) * (u.ndim - 2))
    found = np.nonzero(is_ne)
    return PureSolution(found[0], np.stack(found[1:], axis=1), ambiguous)


@dataclass(frozen=True)
class TreeSolution:
    """Backward induction over a batch of points.

    Attributes
    ----------
    choice
        Shape ``(N, n_nodes)``: the index of the action chosen at each
        decision node (-1 at other nodes).
    values
        Shape ``(N, n_players)``: the payoffs at the root.
    ambiguous
        For each point, whether a mover is within tolerance of indifferent
        somewhere, or a chance probability is within tolerance of 0 without
        being 0 (such points must be solved exactly).
    """

    choice: npt.NDArray[np.intp]
    values: npt.NDArray[np.float64]
    ambiguous: npt.NDArray[np.bool_]


def backward_induction_batch(
    kinds: Sequence[str],
    children: Sequence[Sequence[int]],
    movers: Sequence[int],
    leaf_payoffs: Mapping[int, npt.ArrayLike],
    chance_probs: Mapping[int, npt.ArrayLike],
    n_points: int,
    tol: float = KERNEL_TOLERANCE,
) -> TreeSolution:
    """Backward induction on a perfect-information tree at many parameter points at once.

    Parameters
    ----------
    kinds
        For each node in preorder (children after their parent):
        ``"decision"``, ``"chance"`` or ``"terminal"``.
    children
        For each node, the indices of its children in action order.
    movers
        For each decision node, the index of the player who moves (ignored elsewhere).
    leaf_payoffs
        For each terminal node, its payoffs at every point, shape ``(N, n_players)``.
    chance_probs
        For each chance node, the probabilities of its outcomes, shape ``(N, n_children)``.
    n_points
        ``N``.
    tol
        Two children whose values for the mover differ by at most
        ``tol * max(1, |best|)`` are a tie.

    Returns
    -------
    TreeSolution

    Examples
    --------
    An entry game where the incumbent gets -1, then 3, from fighting:

    >>> import numpy as np
    >>> sol = backward_induction_batch(
    ...     ["decision", "terminal", "decision", "terminal", "terminal"],
    ...     [[1, 2], [], [3, 4], [], []],
    ...     [0, -1, 1, -1, -1],
    ...     {1: [[1, 5], [1, 5]], 3: [[0, -1], [0, 3]], 4: [[2, 2], [2, 2]]},
    ...     {},
    ...     2,
    ... )
    >>> sol.choice.tolist(), sol.values.tolist()
    ([[1, -1, 1, -1, -1], [0, -1, 0, -1, -1]], [[2.0, 2.0], [1.0, 5.0]])
    """
    n_nodes = len(kinds)
    values: list[np.ndarray | None] = [None] * n_nodes
    choice = np.full((n_points, n_nodes), -1, dtype=np.intp)
    ambiguous = np.zeros(n_points, dtype=bool)
    rows = np.arange(n_points)
    for k in range(n_nodes - 1, -1, -1):
        kind = kinds[k]
        if kind == "terminal":
            v = np.asarray(leaf_payoffs[k], dtype=float)
            ambiguous |= ~np.isfinite(v).all(axis=1)
            values[k] = v
            continue
        kids = np.stack([values[c] for c in children[k]], axis=1)  # type: ignore[misc]
        if kind == "chance":
            p = np.asarray(chance_probs[k], dtype=float)
            ambiguous |= ((np.abs(p) <= tol) & (p != 0)).any(axis=1)
            values[k] = np.einsum("pc,pci->pi", p, kids)
            continue
        own = kids[:, :, movers[k]]
        best = own.argmax(axis=1)
        top = own[rows, best]
        close = (top[:, None] - own) <= tol * np.maximum(1.0, np.abs(top))[:, None]
        ambiguous |= close.sum(axis=1) > 1
        choice[:, k] = best
        values[k] = kids[rows, best]
    root = values[0]
    assert root is not None
    return TreeSolution(choice, root, ambiguous)


@dataclass(frozen=True)
class ExactEquilibrium:
    """An extreme equilibrium computed in exact arithmetic by :func:`nash_2x2_exact`."""

    strategies: tuple[tuple[Fraction, ...], ...]
    payoffs: tuple[Fraction, ...]
    component: int
    component_size: int


def nash_2x2_exact(
    a: Sequence[Sequence[Any]], b: Sequence[Sequence[Any]]
) -> list[ExactEquilibrium]:
    """Every extreme equilibrium of one 2 x 2 game, in exact arithmetic, degenerate or not.

    The vertices of the row player's best-response polytope are, once
    normalised, its two pure strategies and (when it exists) the interior
    mixed strategy that makes the column player indifferent; likewise for
    the column player. The extreme equilibria are the pairs of such vertices
    that are Nash equilibria (each pure strategy either unused or a best
    response: the complementarity of the labels), and two extreme equilibria
    lie in one component when they share a vertex. This is what vertex
    enumeration computes, in closed form: the same equilibria, order and
    components as :func:`~gametheory_alliances.nash_equilibria`, used by the
    sweep at the tied points of 2 x 2 grids.

    Parameters
    ----------
    a, b
        The row and column player's payoffs (2 x 2, rationals).

    Returns
    -------
    list of ExactEquilibrium
        In the toolkit's order (larger probabilities of earlier strategies first).

    Examples
    --------
    In this entry game every threat to fight with probability at least 2/3
    deters entry: a segment of equilibria with two extreme points.

    >>> for eq in nash_2x2_exact([[0, 0], [2, -1]], [[2, 2], [1, 0]]):
    ...     print([list(map(str, s)) for s in eq.strategies], eq.component, eq.component_size)
    [['1', '0'], ['1/3', '2/3']] 1 2
    [['1', '0'], ['0', '1']] 1 2
    [['0', '1'], ['1', '0']] 2 1
    """
    A = [[Fraction(v) for v in row] for row in a]
    B = [[Fraction(v) for v in row] for row in b]
    one, zero = Fraction(1), Fraction(0)
    e = [B[0][0] - B[0][1], B[1][0] - B[1][1]]  # column player's gain from column 0 vs 1
    d = [A[0][0] - A[1][0], A[0][1] - A[1][1]]  # row player's gain from row 0 vs 1
    xs: list[tuple[Fraction, Fraction]] = [(one, zero), (zero, one)]
    if (e[0] > 0 > e[1]) or (e[0] < 0 < e[1]):
        p = e[1] / (e[1] - e[0])
        xs.append((p, one - p))
    ys: list[tuple[Fraction, Fraction]] = [(one, zero), (zero, one)]
    if (d[0] > 0 > d[1]) or (d[0] < 0 < d[1]):
        q = d[1] / (d[1] - d[0])
        ys.append((q, one - q))

    def value(m: list[list[Fraction]], x: Sequence[Fraction], y: Sequence[Fraction]) -> Fraction:
        return sum((x[i] * m[i][j] * y[j] for i in range(2) for j in range(2)), zero)

    pairs = []
    for i, x in enumerate(xs):
        col = [x[0] * B[0][j] + x[1] * B[1][j] for j in range(2)]
        for j, y in enumerate(ys):
            row = [A[r][0] * y[0] + A[r][1] * y[1] for r in range(2)]
            if all(x[r] == 0 or row[r] == max(row) for r in range(2)) and all(
                y[c] == 0 or col[c] == max(col) for c in range(2)
            ):
                pairs.append((i, j))
    # Components: connected components of the bipartite graph of the pairs.
    parent = list(range(len(xs) + len(ys)))

    def find(u: int) -> int:
        while parent[u] != u:
            u = parent[u]
        return u

    for i, j in pairs:
        ri, rj = find(i), find(len(xs) + j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    pairs.sort(key=lambda ij: (-xs[ij[0]][0], -xs[ij[0]][1], -ys[ij[1]][0], -ys[ij[1]][1]))
    roots = [find(i) for i, _ in pairs]
    number: dict[int, int] = {}
    for r in roots:
        number.setdefault(r, len(number) + 1)
    return [
        ExactEquilibrium(
            (xs[i], ys[j]),
            (value(A, xs[i], ys[j]), value(B, xs[i], ys[j])),
            number[r],
            roots.count(r),
        )
        for (i, j), r in zip(pairs, roots, strict=True)
    ]


def tree_values(
    kinds: Sequence[str],
    children: Sequence[Sequence[int]],
    choice: npt.ArrayLike,
    leaf_payoffs: Mapping[int, npt.ArrayLike],
    chance_probs: Mapping[int, npt.ArrayLike],
) -> npt.NDArray[np.float64]:
    """The root payoffs of a tree at many points when the movers' choices are given.

    The same arithmetic as :func:`backward_induction_batch` (a decision node
    takes the value of its chosen child, a chance node the expectation over
    its children), so the values equal, bit for bit, what backward induction
    computes where it makes the same choices.

    Parameters
    ----------
    kinds, children, leaf_payoffs, chance_probs
        As for :func:`backward_induction_batch`.
    choice
        Shape ``(N, n_nodes)``: the index of the action taken at every
        decision node (other entries are ignored).

    Returns
    -------
    numpy.ndarray
        Shape ``(N, n_players)``.

    Examples
    --------
    The entry game again, with the incumbent's choices given:

    >>> import numpy as np
    >>> tree_values(
    ...     ["decision", "terminal", "decision", "terminal", "terminal"],
    ...     [[1, 2], [], [3, 4], [], []],
    ...     np.array([[1, -1, 1, -1, -1], [0, -1, 0, -1, -1]]),
    ...     {1: [[1, 5], [1, 5]], 3: [[0, -1], [0, 3]], 4: [[2, 2], [2, 2]]},
    ...     {},
    ... ).tolist()
    [[2.0, 2.0], [1.0, 5.0]]
    """
    choice = np.asarray(choice)
    n_points = choice.shape[0]
    rows = np.arange(n_points)
    values: list[np.ndarray | None] = [None] * len(kinds)
    for k in range(len(kinds) - 1, -1, -1):
        if kinds[k] == "terminal":
            values[k] = np.asarray(leaf_payoffs[k], dtype=float)
            continue
        kids = np.stack([values[c] for c in children[k]], axis=1)  # type: ignore[misc]
        if kinds[k] == "chance":
            p = np.asarray(chance_probs[k], dtype=float)
            values[k] = np.einsum("pc,pci->pi", p, kids)
            continue
        values[k] = kids[rows, np.clip(choice[:, k], 0, kids.shape[1] - 1)]
    root = values[0]
    assert root is not None  # node 0 is the root and always computed last
    return root


def profile_order(
    point: npt.ArrayLike, strategies: Sequence[npt.ArrayLike]
) -> npt.NDArray[np.intp]:
    """The order of ``(point, profile)`` rows that sorts each point's equilibria as the toolkit does.

    Points ascending; within a point, profiles lexicographic in the players'
    probability vectors with larger probabilities of earlier strategies
    first (the order of :func:`~gametheory_alliances.equilibrium.sort_equilibria`),
    compared exactly as floats.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([[0.0, 1.0], [1.0, 0.0], [0.5, 0.5]])
    >>> profile_order([0, 0, 0], [x, x]).tolist()
    [1, 2, 0]
    """
    keys: list[np.ndarray] = []
    for s in reversed([np.asarray(s, dtype=float) for s in strategies]):
        keys += [-s[:, k] for k in range(s.shape[1] - 1, -1, -1)]
    keys.append(np.asarray(point))
    return np.lexsort(keys)
