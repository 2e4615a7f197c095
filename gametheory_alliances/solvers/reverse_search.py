"""Vertices of a polytope ``{z >= 0, c z <= 1}`` by lexicographic reverse search.

The best-response polytopes of a two-player game have this form (``c``
positive, see :mod:`.vertex_enumeration`). Instead of solving every one of the
``C(m + n, m)`` candidate bases, this module walks from basis to adjacent
basis by simplex pivots and visits each basis once, so the work grows with
the number of bases that exist, not with the number of candidates; nothing
but the vertices found and the current layer of the search is held in memory.

The scheme is the reverse search of Avis and Fukuda with the lexicographic
pivoting rule of lrs. In slack form ``c z + s = 1``, a basis is a set of
``rows`` basic variables; the right-hand side is perturbed to
``1 + (eps, eps**2, ...)``, which makes the polytope simple: a basis is
*lex-feasible* when every row of ``[B^-1 1 | B^-1]`` is lexicographically
positive, every lex-feasible basis has exactly one neighbour per nonbasic
variable (the entering column's lexicographic minimum-ratio row leaves), and
every vertex of the unperturbed polytope is the point of at least one
lex-feasible basis. With the objective ``minimise sum(z)`` the slack basis
(``z = 0``) is the unique optimum, and Bland's rule (the lowest-numbered
variable with a negative reduced cost enters, the lexicographic ratio test
chooses the one that leaves) gives every other basis a *parent* one pivot
closer to it. These parent links form a tree rooted at the slack basis, and
the search goes down it: a neighbour ``B'`` of ``B`` (entering ``j``, leaving
``r``) is a child exactly when ``r`` is the variable Bland's rule would
choose at ``B'``, a test that needs only ``B``'s reduced costs and row
``r`` of its tableau, so only children are pivoted to. Nothing needs to be
remembered to avoid visiting a basis twice.

Two arithmetics:

* :func:`exact_vertices`: integer (fraction-free) pivoting on Python
  integers, one basis at a time, depth first; every decision exact.
* :func:`float_vertices`: each layer of the tree is processed at once with
  numpy (every basis's tableau solved afresh from ``c``, so rounding does not
  accumulate along a path); ties in the ratio test, zero reduced costs and
  tight constraints are decided with :data:`.FLOAT_TOLERANCE`, as the
  exhaustive enumeration decides them (``c`` has entries in ``[1, 2]``).

Each function returns every nonzero vertex once, with its *full* label set
(all tight constraints, not only those of the basis that found it), which is
what the matching of equilibria needs on degenerate games.

The equilibria found in floating point are then checked exactly by
:func:`verify_exactly`: every finite float is a rational number, so each
equilibrium's vertex is recovered from its tight constraints (its support and
its opponent's best responses) by solving that equal-payoff system in rational
arithmetic, and the exact profile must be an equilibrium of the exact game and
lie within rounding of the float one. An equilibrium that fails is named in the
result's notes with its float best-response gap (it holds only within the
tolerance).

References
----------
D. Avis and K. Fukuda, "A pivoting algorithm for convex hulls and vertex
enumeration of arrangements and polyhedra", *Discrete & Computational
Geometry* 8 (1992) 295-313.

D. Avis, "A revised implementation of the reverse search vertex enumeration
algorithm", in *Polytopes -- Combinatorics and Computation*, Birkhäuser
(2000) 177-198.

Examples
--------
The square ``{z >= 0, z_1 <= 1/2, z_2 <= 1/2}`` scaled as ``c z <= 1``:

>>> from fractions import Fraction
>>> import numpy as np
>>> c = np.array([[2, 0], [0, 2]])
>>> zero, tight, points, scale = exact_vertices(c)
>>> sorted(tuple(str(Fraction(int(v), int(d))) for v in p) for p, d in zip(points, scale))
[('0', '1/2'), ('1/2', '0'), ('1/2', '1/2')]
>>> z, zero, tight, count = float_vertices(c.astype(float))
>>> sorted(map(tuple, z.tolist()))
[(0.0, 0.5), (0.5, 0.0), (0.5, 0.5)]
>>> count  # lex-feasible bases visited, the root included
4
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import TooLargeError
from ..linalg import solve_integer
from .common import integer_arrays
from .vertex_enumeration_small import FLOAT_TOLERANCE

__all__ = ["exact_vertices", "float_vertices", "verify_exactly"]

_LAYER = 1 << 20
"""Largest number of tableau entries processed at once in floating point (bounds memory)."""


def _too_many(count: int, max_bases: int) -> TooLargeError:
    return TooLargeError(
        f"nash_equilibria: the reverse search reached {count} bases, more than "
        f"max_vertices={max_bases}; pass a larger max_vertices (or None) to run it "
        "anyway, or use lemke_howson for one equilibrium"
    )


# -- exact ---------------------------------------------------------------------------


def exact_vertices(
    c: Any, max_bases: int | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[int]]:
    """Nonzero vertices of ``{z >= 0, c z <= 1}`` for a positive integer matrix ``c``, exactly.

    Parameters
    ----------
    c
        A ``rows x dim`` array of positive integers (Python or numpy).
    max_bases
        Bound on the lex-feasible bases visited; ``None`` for no bound.

    Returns
    -------
    zero, tight, points, scale
        For each vertex (in the order found): which coordinates are zero,
        which rows of ``c z <= 1`` are tight (boolean arrays), and the vertex
        as integer numerators (an object array of Python integers) over a
        positive integer ``scale`` (one per vertex: the vertex is
        ``points[i] / scale[i]``).

    Raises
    ------
    TooLargeError
        If more than ``max_bases`` bases would be visited.

    Examples
    --------
    >>> zero, tight, points, scale = exact_vertices([[1, 2], [2, 1]])
    >>> [[f"{int(v)}/{int(d)}" for v in p] for p, d in zip(points, scale)]
    [['0/2', '1/2'], ['1/2', '0/2'], ['1/3', '1/3']]
    """
    rows_c = [[int(v) for v in row] for row in np.asarray(c, dtype=object)]
    rows, dim = len(rows_c), len(rows_c[0])
    total = dim + rows
    start = [row + [1 if k == r else 0 for k in range(rows)] + [1] for r, row in enumerate(rows_c)]
    stack: list[tuple[list[list[int]], int, list[int]]] = [(start, 1, list(range(dim, total)))]
    seen: dict[int, int] = {}
    zeros: list[list[bool]] = []
    tights: list[list[bool]] = []
    points: list[list[int]] = []
    scale: list[int] = []
    count = 0
    while stack:
        a, det, basic = stack.pop()
        count += 1
        if max_bases is not None and count > max_bases:
            raise _too_many(count, max_bases)
        value = [0] * total
        for k, v in enumerate(basic):
            value[v] = a[k][total]
        z = value[:dim]
        if any(z):
            labels = 0
            for v in range(total):
                if value[v] == 0:
                    labels |= 1 << v
            if labels not in seen:
                seen[labels] = len(points)
                points.append(z)
                scale.append(det)
                zeros.append([v == 0 for v in z])
                tights.append([v == 0 for v in value[dim:]])
        is_basic = [False] * total
        for v in basic:
            is_basic[v] = True
        z_rows = [k for k, v in enumerate(basic) if v < dim]
        # Reduced costs of "minimise sum(z)", times det (> 0).
        cost = [
            (det if v < dim else 0) - sum([a[k][v] for k in z_rows]) if not is_basic[v] else 0
            for v in range(total)
        ]
        for j in range(total):
            dj = cost[j]
            if is_basic[j] or dj <= 0:
                continue  # only an improving column can lead back to a child's parent
            best = -1
            pb = 0
            for r in range(rows):
                p = a[r][j]
                if p <= 0:
                    continue
                if best < 0:
                    best, pb = r, p
                    continue
                ar, ab = a[r], a[best]
                cmp = ar[total] * pb - ab[total] * p
                k = dim
                while cmp == 0 and k < total:
                    cmp = ar[k] * pb - ab[k] * p
                    k += 1
                if cmp < 0:
                    best, pb = r, p
            if best < 0:
                continue  # unbounded edge: impossible for a positive c
            leaving = basic[best]
            row = a[best]
            # Bland's rule at the neighbour: no nonbasic variable below `leaving`
            # may have a negative reduced cost there.
            child = True
            for v in range(leaving):
                if v != j and not is_basic[v] and cost[v] * pb - dj * row[v] < 0:
                    child = False
                    break
            if not child:
                continue
            new = [
                row
                if i == best
                else [(x * pb - other[j] * y) // det for x, y in zip(other, row, strict=True)]
                for i, other in enumerate(a)
            ]
            new_basic = list(basic)
            new_basic[best] = j
            stack.append((new, pb, new_basic))
    out = np.empty((len(points), dim), dtype=object)
    for i, vertex in enumerate(points):
        out[i, :] = vertex
    return (
        np.array(zeros, dtype=bool).reshape(len(points), dim),
        np.array(tights, dtype=bool).reshape(len(points), rows),
        out,
        scale,
    )


# -- floating point --------------------------------------------------------------------


def float_vertices(
    c: np.ndarray, max_bases: int | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Nonzero vertices of ``{z >= 0, c z <= 1}`` in floating point.

    Parameters
    ----------
    c
        A ``rows x dim`` float array with entries in ``[1, 2]`` (the
        tolerances assume that scale).
    max_bases
        Bound on the lex-feasible bases visited; ``None`` for no bound.

    Returns
    -------
    z, zero, tight, count
        The vertices (rows of ``z``, clipped at 0, deduplicated by label
        set), which coordinates are zero and which rows are tight at each
        (within :data:`.FLOAT_TOLERANCE`), and the number of bases visited.

    Raises
    ------
    TooLargeError
        If more than ``max_bases`` bases would be visited.

    Examples
    --------
    >>> import numpy as np
    >>> z, zero, tight, count = float_vertices(np.array([[1.0, 2.0], [2.0, 1.0]]))
    >>> np.round(z, 4).tolist()
    [[0.5, 0.0], [0.0, 0.5], [0.3333, 0.3333]]
    """
    c = np.asarray(c, dtype=np.float64)
    rows, dim = c.shape
    total = dim + rows
    tol = FLOAT_TOLERANCE
    system = np.concatenate([c, np.eye(rows), np.ones((rows, 1))], axis=1)
    columns = system[:, :total].T.copy()  # columns[v] is variable v's column
    cost = np.zeros(total)
    cost[:dim] = 1.0
    below = np.arange(total)[None, :]
    layer = np.arange(dim, total, dtype=np.intp)[None, :]
    step = max(1, _LAYER // (rows * (total + 1) + dim * total))
    seen: dict[Any, int] = {}
    found: list[np.ndarray] = []
    count = 0
    while len(layer):
        count += len(layer)
        if max_bases is not None and count > max_bases:
            raise _too_many(count, max_bases)
        children: list[np.ndarray] = []
        for s in range(0, len(layer), step):
            basic = layer[s : s + step]
            tableau = _tableaux(columns, system, basic)
            _record(c, basic, tableau, dim, seen, found)
            kids = _children(tableau, basic, cost, below, dim, tol)
            if len(kids):
                children.append(kids)
        layer = np.concatenate(children) if children else np.zeros((0, rows), dtype=np.intp)
    z = np.concatenate(found) if found else np.zeros((0, dim))
    return z, z <= tol, np.abs(z @ c.T - 1.0) <= tol, count


def _tableaux(columns: np.ndarray, system: np.ndarray, basic: np.ndarray) -> np.ndarray:
    """``B^-1 [c | I | 1]`` for each basis (rows of ``basic``), solved from scratch."""
    bases = columns[basic].transpose(0, 2, 1)
    rhs = np.broadcast_to(system, (len(basic), *system.shape))
    return np.linalg.solve(bases, rhs)


def _record(
    c: np.ndarray,
    basic: np.ndarray,
    tableau: np.ndarray,
    dim: int,
    seen: dict[Any, int],
    found: list[np.ndarray],
) -> None:
    """Add the nonzero points of these bases whose label sets are new."""
    tol = FLOAT_TOLERANCE
    f, k = np.nonzero(basic < dim)
    z = np.zeros((len(basic), dim))
    z[f, basic[f, k]] = tableau[f, k, -1]
    np.maximum(z, 0.0, out=z)
    z = z[z.max(axis=1) > tol]
    if not len(z):
        return
    labels = np.concatenate([z <= tol, np.abs(z @ c.T - 1.0) <= tol], axis=1)
    if labels.shape[1] <= 62:
        keys: list[Any] = (
            labels.astype(np.int64) @ (np.int64(1) << np.arange(labels.shape[1], dtype=np.int64))
        ).tolist()
    else:
        keys = [row.tobytes() for row in np.packbits(labels, axis=1)]
    new = []
    for i, key in enumerate(keys):
        if key not in seen:
            seen[key] = 1
            new.append(i)
    if new:
        found.append(z[new])


def _children(
    tableau: np.ndarray,
    basic: np.ndarray,
    cost: np.ndarray,
    below: np.ndarray,
    dim: int,
    tol: float,
) -> np.ndarray:
    """The children of each basis in the reverse-search tree, as arrays of basic variables."""
    n_bases, rows = basic.shape
    total = dim + rows
    body = tableau[:, :, :total]
    reduced = cost[None, :] - np.einsum("fk,fkv->fv", cost[basic], body)
    nonbasic = np.ones((n_bases, total), dtype=bool)
    nonbasic[np.arange(n_bases)[:, None], basic] = False
    # Only an improving column can be the reverse of a child's Bland pivot.
    f, j = np.nonzero(nonbasic & (reduced > tol))
    if not len(f):
        return np.zeros((0, rows), dtype=np.intp)
    col = tableau[f, :, j]
    rhs = np.where(np.abs(tableau[f, :, -1]) <= tol, 0.0, tableau[f, :, -1])
    candidate = col > tol
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(candidate, rhs / col, np.inf)
        candidate &= ratio <= ratio.min(axis=1, keepdims=True) + tol
        # Lexicographic ratio test on the perturbation (the columns of B^-1).
        for k in range(dim, total):
            tied = candidate.sum(axis=1) > 1
            if not tied.any():
                break
            sub = candidate[tied]
            ratio = np.where(sub, tableau[f[tied], :, k] / col[tied], np.inf)
            sub &= ratio <= ratio.min(axis=1, keepdims=True) + tol
            candidate[tied] = sub
    bounded = candidate.any(axis=1)
    row = candidate.argmax(axis=1)
    leaving = basic[f, row]
    pivot_row = body[f, row]
    pivot = col[np.arange(len(f)), row]
    dj = reduced[f, j]
    with np.errstate(divide="ignore", invalid="ignore"):
        after = reduced[f] - (dj / pivot)[:, None] * pivot_row
    # Bland's rule at the neighbour: the leaving variable is the lowest-numbered
    # nonbasic variable with a negative reduced cost there.
    free = nonbasic[f]
    free[np.arange(len(f)), j] = False
    blocked = (free & (below < leaving[:, None]) & (after < -tol)).any(axis=1)
    is_child = bounded & ~blocked & (dj / pivot > tol)
    kids = basic[f[is_child]].copy()
    kids[np.arange(len(kids)), row[is_child]] = j[is_child]
    return kids


# -- exact verification of floating-point results ---------------------------------------


def _exact_strategy(
    opponent: np.ndarray, opponent_float: np.ndarray, own: Sequence[float], tolerance: float
) -> tuple[list[Fraction], list[int]] | None:
    """The exact vertex behind a float mixed strategy, and its opponent's best responses.

    ``opponent[i][j]`` is the opponent's payoff (scaled to integers; ``opponent_float``
    in floating point) when this player plays ``i`` and the opponent ``j``. The zero
    probabilities of ``own`` and the opponent's best responses against it, tied
    within ``tolerance``, are the vertex's tight constraints; with ``sum = 1`` they
    must fix the strategy and the opponent's value uniquely, in rationals, and every
    other response must do no better exactly. ``None`` when they do not.
    """
    m, n = opponent.shape
    values = np.asarray(own, dtype=float) @ opponent_float
    best = values.max()
    tight = [j for j in range(n) if values[j] >= best - tolerance]
    # The zero probabilities are tight constraints that fix their unknowns: only the
    # support's probabilities and the opponent's value are solved for.
    support = [i for i in range(m) if own[i] > 1e-9]
    rows = [[int(opponent[i][j]) for i in support] + [-1, 0] for j in tight]
    rows.append([1] * len(support) + [0, 1])
    solution = solve_integer(rows, len(support) + 1)
    if solution is None:
        return None
    strategy = [Fraction(0)] * m
    for i, p in zip(support, solution[:-1], strict=True):
        strategy[i] = p
    value = solution[-1]
    if any(p < 0 for p in strategy):
        return None
    # Every response's payoff in integers: the strategy over a common denominator.
    den = math.lcm(*(p.denominator for p in strategy))
    weights = [(i, p.numerator * (den // p.denominator)) for i, p in enumerate(strategy) if p]
    scaled = [sum(int(opponent[i][j]) * w for i, w in weights) for j in range(n)]
    # u_j = scaled_j / den against value = p / q: compare scaled_j * q with p * den.
    bound = value.numerator * den
    if any(u * value.denominator > bound for u in scaled):
        return None
    return strategy, [j for j in range(n) if scaled[j] * value.denominator == bound]


def verify_exactly(
    payoffs: tuple[np.ndarray, np.ndarray],
    profiles: Sequence[tuple[Sequence[float], Sequence[float]]],
) -> list[float | None]:
    """Check floating-point equilibria of a two-player game in rational arithmetic.

    For each profile ``(x, y)``, each strategy's vertex is recovered exactly
    from its tight constraints (:func:`_exact_strategy`); the profile is
    verified when both vertices exist, each lies within ``1e-6`` of its float
    strategy, and each player's support is among its best responses to the
    other's exact strategy (so the exact profile is a Nash equilibrium).

    Parameters
    ----------
    payoffs
        The two players' payoff matrices as exact fractions (a float payoff is
        the rational number it is, ``Fraction(x)``).
    profiles
        The float equilibria.

    Returns
    -------
    list
        ``None`` for each verified profile; for the others, the largest gain a
        player would have from a pure deviation, in floating point (within the
        tolerance when the equilibrium holds only up to rounding).

    Examples
    --------
    A degenerate game (the column player is indifferent against Top):

    >>> from fractions import Fraction as F
    >>> a = np.array([[F(1), F(1)], [F(0), F(2)]], dtype=object)
    >>> b = np.array([[F(1), F(1)], [F(0), F(1)]], dtype=object)
    >>> verify_exactly((a, b), [((1.0, 0.0), (1.0, 0.0)), ((1.0, 0.0), (0.5, 0.5))])
    [None, None]
    >>> verify_exactly((a, b), [((0.5, 0.5), (0.5, 0.5))])[0] > 0
    True
    """
    a_int, b_int = integer_arrays(list(payoffs))
    # Shifted to start at zero (a constant does not change which responses tie), so that a
    # large offset's rounding does not hide a tie from the tolerance.
    a_float = np.asarray(payoffs[0], dtype=float)
    a_float = a_float - a_float.min()
    b_float = np.asarray(payoffs[1], dtype=float)
    b_float = b_float - b_float.min()
    # Tight within the search's own tolerance, which is relative to the payoff range.
    tol_a = FLOAT_TOLERANCE * max(float(np.ptp(a_float)), 1e-300)
    tol_b = FLOAT_TOLERANCE * max(float(np.ptp(b_float)), 1e-300)
    out: list[float | None] = []
    cache: dict[tuple[int, tuple[float, ...]], Any] = {}
    for x, y in profiles:
        if (0, tuple(x)) not in cache:
            cache[0, tuple(x)] = _exact_strategy(b_int, b_float, x, tol_b)
        if (1, tuple(y)) not in cache:
            cache[1, tuple(y)] = _exact_strategy(a_int.T, a_float.T, y, tol_a)
        xs, ys = cache[0, tuple(x)], cache[1, tuple(y)]
        verified = (
            xs is not None
            and ys is not None
            and max(abs(float(p) - q) for p, q in zip(xs[0], x, strict=True)) <= 1e-6
            and max(abs(float(p) - q) for p, q in zip(ys[0], y, strict=True)) <= 1e-6
            and all(j in xs[1] for j, p in enumerate(ys[0]) if p)
            and all(i in ys[1] for i, p in enumerate(xs[0]) if p)
        )
        if verified:
            out.append(None)
            continue
        xv, yv = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        row, col = a_float @ yv, xv @ b_float
        out.append(float(max(row.max() - xv @ row, col.max() - col @ yv)))
    return out
