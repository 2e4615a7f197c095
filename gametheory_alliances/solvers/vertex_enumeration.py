"""Every extreme Nash equilibrium of a two-player game, by vertex enumeration.

Shift the payoff matrices ``A`` (row player) and ``B`` (column player) to be
positive and write the best-response polytopes

.. math::

    P = \\{x \\in \\mathbb{R}^m : x \\ge 0,\\ B^\\top x \\le 1\\}, \\qquad
    Q = \\{y \\in \\mathbb{R}^n : A y \\le 1,\\ y \\ge 0\\}.

Label ``i < m`` stands for the row player's strategy ``i`` (``x_i = 0`` in
``P``, ``(A y)_i = 1`` in ``Q``) and label ``m + j`` for the column player's
strategy ``j`` (``(B^T x)_j = 1`` in ``P``, ``y_j = 0`` in ``Q``). A pair of
vertices ``(x, y)``, both nonzero, whose label sets together hold all
``m + n`` labels is, once normalised to probability vectors, an extreme Nash
equilibrium, and every extreme equilibrium arises this way. The labels of a
vertex are *all* its tight constraints, not only those of the basis that
found it; that is what makes the method complete on degenerate games, where a
vertex has more tight constraints than dimensions and equilibria form
segments, polygons and larger polytopes.

The equilibria of a two-player game form finitely many connected components.
Two extreme equilibria sharing an ``x``-vertex or a ``y``-vertex lie in a
common component, and the components are the connected components of the
bipartite graph with an edge ``(x, y)`` for every extreme equilibrium
(Avis et al. 2010). Each :class:`Equilibrium` carries its component
number and the number of extreme equilibria of that component, and the
result has a note for every component that is not a single point.

Algorithm (candidate bases). A vertex of ``P`` is the solution of ``m`` linearly independent
tight constraints: a support ``F`` of ``x`` and a set ``J`` of ``|F|`` columns
with ``(B^T x)_J = 1``, i.e. the square system ``B[F, J]^T x_F = 1``. Every
vertex has such a nonsingular basis among its tight constraints, so solving
all ``C(m + n, m)`` of them (stacked into one numpy call per support size,
or a single call for small games) and keeping the feasible solutions finds every vertex; duplicates
(degenerate vertices reached from several bases) are merged by their full
label sets, which determine a vertex. Complementary pairs are then found with
vectorised bitwise ``or`` of packed label sets.

* Exact mode (rational payoffs, the default for them) makes no floating-point
  decision: payoffs are scaled to positive integers and every system is
  solved by fraction-free Gauss-Jordan elimination (Bareiss) on integer arrays
  (``int64`` when a Hadamard bound proves no overflow, Python integers
  otherwise), so feasibility and tightness are decided by integer
  comparisons. Every equilibrium it returns certifies exactly.
* Floating-point mode rescales each payoff matrix to ``[1, 2]`` and decides
  with the absolute tolerance :data:`FLOAT_TOLERANCE` (so relative to the
  range of the payoffs): a constraint with slack within it is tight, and a
  basis whose determinant is below :data:`SINGULAR_TOLERANCE` times its
  Hadamard bound is skipped as singular. It enumerates P as above; when
  every vertex of P has exactly ``m`` labels and each one's complementary
  system ``A[F, J] y_J = 1`` is nonsingular, the only possible partner of an
  x-vertex is that system's solution, so one stacked solve replaces the
  enumeration of Q (this covers generic games). Otherwise (a degenerate
  game) Q is enumerated in full and pairs are matched by labels. Games with
  at most 70 bases per polytope (``C(m + n, m) <= 70``: up to 4 x 4) take the same steps
  with the same tolerances in plain Python (closed forms for systems of order
  1 to 3, and the whole enumeration unrolled for 2 x 2 games), where numpy's
  per-call overhead would cost more than the arithmetic; tests check that
  both paths give the same result. That path is
  :mod:`~gametheory_alliances.solvers.vertex_enumeration_small`, which also
  holds the two tolerances (re-exported here).

The work of that method grows as ``C(m + n, m)``, whatever the number of
vertices. Larger games (more than 3000 bases per polytope in floating point,
more than 70 in exact mode; ``method="auto"``) find the vertices of P and Q
instead by lexicographic reverse search
(:mod:`~gametheory_alliances.solvers.reverse_search`): pivoting from vertex to
vertex, in work and memory that grow with the vertices that exist, then the
same matching, nondegenerate shortcut and tolerances. ``method="bases"`` and
``method="reverse_search"`` choose one; tests check that they give the same
result. Either way the work is bounded by ``max_vertices`` (see
:func:`nash_equilibria`).

References
----------
D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel, "Enumeration of Nash
equilibria for two-player games", *Economic Theory* 42 (2010) 9-37.

O. L. Mangasarian, "Equilibrium points of bimatrix games", *Journal of the
Society for Industrial and Applied Mathematics* 12 (1964) 778-780.

E. H. Bareiss, "Sylvester's identity and multistep integer-preserving Gaussian
elimination", *Mathematics of Computation* 22 (1968) 565-578.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..equilibrium import Equilibrium, SolverResult, sort_equilibria
from ..errors import GameError, SolverError, TooLargeError
from ..linalg import batched_gauss_jordan, hadamard_bound
from ..normal_form import NormalFormGame, to_fraction_array
from .common import DEFAULT_MAX_SUPPORTS, coerce_game, resolve_exact
from .reverse_search import exact_vertices, float_vertices, verify_exactly
from .vertex_enumeration_small import FLOAT_TOLERANCE, SINGULAR_TOLERANCE, solve_float_small

__all__ = [
    "DEFAULT_MAX_VERTICES",
    "FLOAT_TOLERANCE",
    "SINGULAR_TOLERANCE",
    "nash_equilibria",
]

DEFAULT_MAX_VERTICES = 2_000_000
"""Default bound on the candidate bases examined: ``C(m + n, m)`` per polytope, both counted."""

_CHUNK = 1 << 21
"""Largest number of matrix entries stacked into one batch (bounds memory)."""

_ONE_BATCH = 300
"""Floating-point mode: games with at most this many bases per polytope are solved in one batch."""

_SMALL_BASES = 70
"""Floating-point mode: games with at most this many bases per polytope (``C(m + n, m)``)
are solved in pure Python, where numpy's per-call overhead would dominate."""

_INT64_SAFE = 1 << 62

_SEARCH_FROM_FLOAT = 3000
"""``method="auto"``, floating point: games with more bases per polytope (``C(m + n, m)``:
from 7 x 7, 5 x 10, 4 x 14, 3 x 25 on) are solved by reverse search, smaller ones by the
candidate bases, stacked into a few numpy calls (faster there, measured)."""

_SEARCH_FROM_EXACT = 70
"""``method="auto"``, exact mode: the same for exact arithmetic (from 4 x 5, 3 x 6, 2 x 8 on)."""

_METHODS = ("auto", "reverse_search", "bases")

_METHOD = "vertex enumeration"


def nash_equilibria(
    game: Any,
    *,
    exact: bool | None = None,
    max_vertices: int | None = DEFAULT_MAX_VERTICES,
    max_supports: int | None = DEFAULT_MAX_SUPPORTS,
    method: str = "auto",
) -> SolverResult:
    """Every extreme Nash equilibrium of a two-player game; every equilibrium of a small n-player game.

    Games with other than two players are handed to
    :func:`~gametheory_alliances.solvers.support_enumeration.support_enumeration`
    (polynomial indifference systems solved exactly; irrational equilibria
    as algebraic numbers), bounded by ``max_supports``.

    The same set that Gambit's ``enummixed`` reports: the extreme points of
    all equilibrium components, so degenerate games (ties, weakly dominated
    strategies, continua of equilibria) are covered. Equilibria that lie on
    a common component are marked, and the result's notes say which
    components are not single points.

    Parameters
    ----------
    game
        A numeric two-player :class:`~gametheory_alliances.NormalFormGame`,
        or a sequential game (anything with ``to_normal_form()``), which is
        reduced to its normal form first.
    exact
        ``True``: exact rational arithmetic (needs rational payoffs).
        ``False``: floating point with tolerance :data:`FLOAT_TOLERANCE`
        relative to the payoff range. ``None`` (default): exact exactly when
        the payoffs are rational. Floating-point results of games beyond the
        small-game path (``C(m + n, m) > 70``: 5 x 5, 3 x 6 and larger) are
        checked in rational arithmetic
        (:func:`~gametheory_alliances.solvers.reverse_search.verify_exactly`):
        the last note says ``verified exactly``, or names the equilibria that
        hold only within the tolerance.
    max_vertices
        Bound on the work. Reverse search: the number of bases visited in
        each polytope (about the number of its vertices, more when the game
        is degenerate), checked as the search goes.
        Candidate bases: their number, ``2 * C(m + n, m)`` for an ``m x n``
        game (``2 * C(12, 6) = 1848`` for 6 x 6, 369512 for 10 x 10),
        checked before any work. ``None`` lifts the bound.
    max_supports
        Games of other than two players: bound on the number of support
        profiles, ``prod(2**m_i - 1)``. ``None`` lifts the bound.
    method
        How the vertices of the best-response polytopes are found (two
        players): ``"reverse_search"`` pivots from vertex to vertex
        (:mod:`~gametheory_alliances.solvers.reverse_search`: work and
        memory grow with the vertices that exist); ``"bases"`` solves every
        candidate basis (work grows as ``C(m + n, m)``); ``"auto"``
        (default) takes the candidate bases for small games (up to 3000
        bases per polytope in floating point, up to 6 x 6; up to 70 in exact
        mode, up to 4 x 4) and reverse search above. Both give the same
        equilibria.

    Returns
    -------
    SolverResult
        The extreme equilibria in the toolkit's deterministic order, each
        with ``component`` (numbered from 1 in that order) and
        ``component_size`` (the number of extreme equilibria of its component).

    Raises
    ------
    SolverError
        If the game is symbolic (bind its parameters with ``game.at(...)``),
        or ``exact=True`` is asked of floating-point payoffs.
    TooLargeError
        If the number of candidate bases exceeds ``max_vertices`` (two
        players) or the number of support profiles ``max_supports`` (others).

    Examples
    --------
    Battle of the Sexes has two pure equilibria and a mixed one:

    >>> from gametheory_alliances import NormalFormGame
    >>> from gametheory_alliances.solvers.vertex_enumeration import nash_equilibria
    >>> bos = NormalFormGame(
    ...     [[[3, 0], [0, 2]], [[2, 0], [0, 3]]],
    ...     strategies=[["Opera", "Football"], ["Opera", "Football"]],
    ... )
    >>> nash_equilibria(bos)
    SolverResult(method='vertex enumeration', exact=True, 3 equilibria)
      Equilibrium(Row: (1, 0), Column: (1, 0); payoffs (3, 2))
      Equilibrium(Row: (3/5, 2/5), Column: (2/5, 3/5); payoffs (6/5, 6/5))
      Equilibrium(Row: (0, 1), Column: (0, 1); payoffs (2, 3))

    In a degenerate game equilibria can form a continuum. In this entry
    game the incumbent (Column) is indifferent while the entrant (Row) stays
    out, and every threat that fights with probability at least 2/3 deters
    entry: the segment between two extreme equilibria is one component.

    >>> entry = NormalFormGame(
    ...     [[[0, 0], [2, -1]], [[2, 2], [1, 0]]],
    ...     strategies=[["Out", "In"], ["Accommodate", "Fight"]],
    ... )
    >>> result = nash_equilibria(entry)
    >>> result
    SolverResult(method='vertex enumeration', exact=True, 3 equilibria)
      Equilibrium(Row: (1, 0), Column: (1/3, 2/3); payoffs (0, 2); vertex of component 1 (2 vertices))
      Equilibrium(Row: (1, 0), Column: (0, 1); payoffs (0, 2); vertex of component 1 (2 vertices))
      Equilibrium(Row: (0, 1), Column: (1, 0); payoffs (2, 1))
      note: component 1 is a set of equilibria, not a single point: 2 extreme points listed
    >>> all(eq.certify() for eq in result)
    True

    Floating-point mode on the same game:

    >>> [eq.strategies for eq in nash_equilibria(entry, exact=False)][0]
    ((1.0, 0.0), (0.333..., 0.666...))

    Three players are solved by support enumeration. In three-player
    matching pennies (Row wants to match Column, Column to match Depth, Depth
    to mismatch Row) no pure profile is an equilibrium:

    >>> import numpy as np
    >>> a, b, c = np.indices((2, 2, 2))
    >>> pennies = NormalFormGame(
    ...     [np.where(a == b, 1, -1), np.where(b == c, 1, -1), np.where(c != a, 1, -1)],
    ...     players=["Row", "Column", "Depth"],
    ... )
    >>> nash_equilibria(pennies)
    SolverResult(method='support enumeration', exact=True, 1 equilibria)
      Equilibrium(Row: (1/2, 1/2), Column: (1/2, 1/2), Depth: (1/2, 1/2); payoffs (0, 0, 0))
    """
    game = coerce_game(game, "nash_equilibria")
    if method not in _METHODS:
        raise GameError(
            f"nash_equilibria: method must be one of {', '.join(map(repr, _METHODS))}, "
            f"found {method!r}"
        )
    if game.n_players != 2:
        from .support_enumeration import support_enumeration

        return support_enumeration(game, exact=exact, max_supports=max_supports)
    use_exact = resolve_exact(game, exact, "nash_equilibria")
    if max_vertices is not None and (
        isinstance(max_vertices, bool)
        or not isinstance(max_vertices, int | np.integer)
        or max_vertices < 1
    ):
        raise GameError(
            f"nash_equilibria: max_vertices must be a positive integer or None, "
            f"found {max_vertices!r}"
        )
    m, n = game.shape
    n_bases = 2 * math.comb(m + n, m)
    if method == "auto":
        limit = _SEARCH_FROM_EXACT if use_exact else _SEARCH_FROM_FLOAT
        method = "reverse_search" if n_bases > 2 * limit else "bases"
    if method == "bases" and max_vertices is not None and n_bases > max_vertices:
        raise TooLargeError(
            f"nash_equilibria: a {m} x {n} game needs {n_bases} candidate bases, more than "
            f"max_vertices={max_vertices}; pass a larger max_vertices (or None) to run it "
            "anyway, or use lemke_howson for one equilibrium"
        )
    search = method == "reverse_search"
    if use_exact:
        pairs, strategies = _solve_exact(game, search, max_vertices)
    else:
        pairs, strategies = _solve_float(game, search, max_vertices)
    equilibria, notes = _assemble(game, pairs, strategies, use_exact)
    if not use_exact and math.comb(m + n, m) > _SMALL_BASES:
        # The float pivoting decides ties by a tolerance: check its answers exactly.
        notes = (*notes, _verification_note(game, equilibria))
    options: dict[str, Any] = {
        "exact": use_exact,
        "max_vertices": max_vertices,
        "method": method,
    }
    if not use_exact:
        options["tolerance"] = FLOAT_TOLERANCE
    return SolverResult(
        game,
        method=_METHOD,
        equilibria=equilibria,
        exact=use_exact,
        options=options,
        notes=notes,
    )


# -- candidate bases -------------------------------------------------------------


@functools.lru_cache(maxsize=32)
def _bases(dim: int, rows: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Index arrays of every (support of size k, tight rows of size k) pair."""
    supports = np.array(list(itertools.combinations(range(dim), k)), dtype=np.intp)
    tight = np.array(list(itertools.combinations(range(rows), k)), dtype=np.intp)
    f = np.repeat(supports, len(tight), axis=0)
    j = np.tile(tight, (len(supports), 1))
    f.flags.writeable = False
    j.flags.writeable = False
    return f, j


def _chunks(count: int, entries: int) -> list[slice]:
    """Slices of ``count`` stacked systems of ``entries`` numbers each, within :data:`_CHUNK`."""
    step = max(1, _CHUNK // max(1, entries))
    return [slice(s, min(count, s + step)) for s in range(0, count, step)]


def _pack(labels: np.ndarray) -> np.ndarray:
    """Label sets (rows of a boolean array) as bit sets.

    One ``int64`` per row when the labels fit in 62 bits, otherwise rows of
    packed bytes; both support ``|`` and comparison for equality.
    """
    count = labels.shape[1]
    if count <= 62:
        return labels.astype(np.int64) @ (np.int64(1) << np.arange(count, dtype=np.int64))
    return np.packbits(labels, axis=1)


def _vertex_labels(
    coord_tight: np.ndarray, row_tight: np.ndarray, coords_first: bool
) -> np.ndarray:
    """Bit sets of labels: coordinates are labels 0..d-1 in P and the row labels in Q."""
    parts = (coord_tight, row_tight) if coords_first else (row_tight, coord_tight)
    return _pack(np.concatenate(parts, axis=1))


def _first_of_each(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the first row with each distinct key (in row order), and each row's class."""
    if keys.ndim == 1:
        first_index: dict[int, int] = {}
        representative = [first_index.setdefault(k, i) for i, k in enumerate(keys.tolist())]
        return (
            np.fromiter(first_index.values(), dtype=np.intp, count=len(first_index)),
            np.array(representative, dtype=np.intp),
        )
    if len(keys) == 0:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    _, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    return np.sort(first), first[inverse.ravel()]


def _dedupe(labels: np.ndarray, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One point per label set: a vertex is determined by its tight constraints."""
    first, _ = _first_of_each(labels)
    return labels[first], points[first]


def _complementary_pairs(
    x_labels: np.ndarray, y_labels: np.ndarray, total: int
) -> list[tuple[int, int]]:
    """Index pairs (x-vertex, y-vertex) whose label sets cover all ``total`` labels."""
    if len(x_labels) == 0 or len(y_labels) == 0:
        return []
    full = _pack(np.ones((1, total), dtype=bool))[0]
    width = 1 if y_labels.ndim == 1 else y_labels.shape[1]
    out: list[tuple[int, int]] = []
    step = max(1, _CHUNK // max(1, len(y_labels) * width))
    for s in range(0, len(x_labels), step):
        block = x_labels[s : s + step, None] | y_labels[None, :]
        hit = block == full if block.ndim == 2 else np.all(block == full, axis=2)
        out.extend((int(i) + s, int(j)) for i, j in zip(*np.nonzero(hit), strict=True))
    return out


# -- floating point ----------------------------------------------------------------


def _unit_range(a: np.ndarray) -> np.ndarray:
    """An affine image of ``a`` with positive slope and entries in [1, 2]."""
    lo, hi = float(a.min()), float(a.max())
    if hi == lo:
        return np.ones_like(a, dtype=np.float64)
    return 1.0 + (a - lo) / (hi - lo)


def _float_solve(
    c: np.ndarray, f: np.ndarray, j: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Solve ``c[j, f] z_f = 1`` for stacked index sets; skip (nearly) singular systems.

    ``c`` has entries in [1, 2], so the Hadamard bound of a k x k system is at
    least ``k ** (k / 2)``; a determinant below :data:`SINGULAR_TOLERANCE`
    times that is treated as zero. Returns the kept rows' ``f``, ``j`` and solutions.
    Solutions with a negative entry (below ``-tol``) are dropped too, as
    :func:`_float_points` would drop them: when no system is exactly singular,
    all are solved first and only the others have their determinant checked.
    """
    k = f.shape[1]
    threshold = SINGULAR_TOLERANCE * k ** (k / 2)
    mats = c[j[:, :, None], f[:, None, :]]
    ones = np.ones((len(mats), k, 1))
    try:
        with np.errstate(all="ignore"):
            sol = np.linalg.solve(mats, ones)[:, :, 0]
            ok = sol.min(axis=1) >= -FLOAT_TOLERANCE
    except np.linalg.LinAlgError:
        ok = np.abs(np.linalg.det(mats)) > threshold
        if not ok.all():
            f, j, mats = f[ok], j[ok], mats[ok]
        sol = np.linalg.solve(mats, ones[: len(mats)])[:, :, 0]
        return f, j, sol
    ok[ok] = np.abs(np.linalg.det(mats[ok])) > threshold
    return f[ok], j[ok], sol[ok]


def _float_points(c: np.ndarray, f: np.ndarray, sol: np.ndarray) -> np.ndarray:
    """The feasible points of ``{z >= 0, c z <= 1}`` among solutions on supports ``f``."""
    tol = FLOAT_TOLERANCE
    keep = np.all(sol >= -tol, axis=1)
    z = np.zeros((int(keep.sum()), c.shape[1]))
    np.put_along_axis(z, f[keep], sol[keep], axis=1)
    z = z[np.all(z @ c.T <= 1.0 + tol, axis=1)]
    return np.maximum(z, 0.0, out=z)


@functools.lru_cache(maxsize=32)
def _full_bases(dim: int, rows: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All bases as ``dim`` labels of ``dim + rows`` (the zero vertex left out).

    Label ``i < dim`` is the coordinate ``z_i = 0``, label ``dim + r`` is row
    ``r`` of ``c z = 1``. Also returns each basis's right-hand side and its
    singularity threshold (:data:`SINGULAR_TOLERANCE` times the smallest
    Hadamard bound of its ``k x k`` block of ``c``, ``k`` the number of rows
    in the basis).
    """
    bases = np.array(list(itertools.combinations(range(dim + rows), dim))[1:], dtype=np.intp)
    rhs = (bases >= dim).astype(np.float64)[:, :, None]
    k = rhs.sum(axis=(1, 2))
    threshold = SINGULAR_TOLERANCE * k ** (k / 2)
    for arr in (bases, rhs, threshold):
        arr.flags.writeable = False
    return bases, rhs, threshold


def _float_points_one_batch(c: np.ndarray) -> np.ndarray:
    """:func:`_float_points` for all bases at once, each as a ``dim x dim`` system.

    For small games one stacked solve costs less than one per support size.
    A basis is kept when it is feasible and nonsingular; when no system is
    exactly singular, all are solved first and only the feasible ones have
    their determinant checked, which saves most determinants (the kept set
    is the same: a nearly singular system is rejected whatever it returned).
    """
    rows, dim = c.shape
    tol = FLOAT_TOLERANCE
    bases, rhs, threshold = _full_bases(dim, rows)
    mats = np.concatenate([np.eye(dim), c])[bases]
    try:
        with np.errstate(all="ignore"):
            z = np.linalg.solve(mats, rhs)[:, :, 0]
            keep = (z.min(axis=1) >= -tol) & ((z @ c.T).max(axis=1) <= 1.0 + tol)
    except np.linalg.LinAlgError:
        ok = np.abs(np.linalg.det(mats)) > threshold
        z = np.linalg.solve(mats[ok], rhs[ok])[:, :, 0]
        z = z[(z.min(axis=1) >= -tol) & ((z @ c.T).max(axis=1) <= 1.0 + tol)]
    else:
        keep[keep] = np.abs(np.linalg.det(mats[keep])) > threshold[keep]
        z = z[keep]
    return np.maximum(z, 0.0, out=z)


def _float_vertices(c: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Nonzero vertices of ``{z >= 0, c z <= 1}``, deduplicated, with their tight sets.

    Returns the points and two boolean arrays: which coordinates are zero and
    which rows of ``c z <= 1`` are tight at each point.
    """
    rows, dim = c.shape
    if math.comb(dim + rows, dim) <= _ONE_BATCH:
        z = _float_points_one_batch(c)
    else:
        points: list[np.ndarray] = []
        for k in range(1, min(dim, rows) + 1):
            f_all, j_all = _bases(dim, rows, k)
            for sl in _chunks(len(f_all), k * k):
                f, _, sol = _float_solve(c, f_all[sl], j_all[sl])
                if len(f):
                    points.append(_float_points(c, f, sol))
        z = np.concatenate(points) if points else np.zeros((0, dim))
    coord_tight, row_tight = _float_tight(c, z)
    first, _ = _first_of_each(_vertex_labels(coord_tight, row_tight, coords_first=True))
    return z[first], coord_tight[first], row_tight[first]


def _float_tight(c: np.ndarray, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    tol = FLOAT_TOLERANCE
    return z <= tol, np.abs(z @ c.T - 1.0) <= tol


def _solve_float(
    game: NormalFormGame, search: bool = False, max_bases: int | None = None
) -> tuple[list[tuple[int, int]], tuple[list[list[float]], list[list[float]]]]:
    """Extreme equilibria in floating point: vertex pairs and the two vertex lists.

    ``search``: find the vertices by reverse search (at most ``max_bases``
    bases visited per polytope), otherwise from the candidate bases.
    """
    a, b = game.payoff_arrays()
    m, n = a.shape
    if math.comb(m + n, m) <= _SMALL_BASES:
        return solve_float_small(a.tolist(), b.tolist())
    cp, cq = _unit_range(b).T, _unit_range(a)
    if search:
        xs, x_zero, x_tight, _ = float_vertices(cp, max_bases)
    else:
        xs, x_zero, x_tight = _float_vertices(cp)
    shortcut = _complete_nondegenerate(cq, xs, x_zero, x_tight)
    if shortcut is not None:
        pairs, (xs, ys) = shortcut
        return pairs, (xs.tolist(), ys.tolist())
    if search:
        ys, y_zero, y_tight, _ = float_vertices(cq, max_bases)
    else:
        ys, y_zero, y_tight = _float_vertices(cq)
    x_labels = _vertex_labels(x_zero, x_tight, coords_first=True)
    y_labels = _vertex_labels(y_zero, y_tight, coords_first=False)
    return _complementary_pairs(x_labels, y_labels, m + n), (xs.tolist(), ys.tolist())


def _complete_nondegenerate(
    cq: np.ndarray, xs: np.ndarray, x_zero: np.ndarray, x_tight: np.ndarray
) -> tuple[list[tuple[int, int]], tuple[Any, Any]] | None:
    """The equilibrium partner of each x-vertex when no enumeration of Q is needed.

    When every vertex of P has exactly m labels (support F, tight columns J,
    ``|F| = |J|``) and every system ``A[F, J] y_J = 1`` is nonsingular, the
    only point of Q completing an x-vertex's labels is that system's
    solution (with ``y = 0`` off ``J``), if it is feasible. Then the pairs are
    found with one small solve per x-vertex instead of enumerating Q. Returns
    ``None`` when that does not apply (a degenerate game), and the caller
    enumerates Q.
    """
    m, n = cq.shape
    tol = FLOAT_TOLERANCE
    support = ~x_zero
    sizes = support.sum(axis=1)
    if len(xs) == 0 or (sizes != x_tight.sum(axis=1)).any():
        return None
    # All partner systems at once, each written as n x n: the rows A[F] y = 1 and
    # y_j = 0 for the columns j outside J (as many as |F| = |J| allows).
    chosen = np.nonzero(np.concatenate([support, ~x_tight], axis=1))[1].reshape(len(xs), n)
    mats = np.concatenate([cq, np.eye(n)])[chosen]
    ok = np.abs(np.linalg.det(mats)) > SINGULAR_TOLERANCE * sizes ** (sizes / 2)
    if not ok.all():
        return None
    rhs = (chosen < m).astype(np.float64)[:, :, None]
    y = np.linalg.solve(mats, rhs)[:, :, 0]
    feasible = (y.min(axis=1) >= -tol) & ((y @ cq.T).max(axis=1) <= 1.0 + tol)
    ys = np.maximum(y[feasible], 0.0)
    rows = np.nonzero(feasible)[0]
    y_zero, y_tight = _float_tight(cq, ys)
    # A y-vertex shared by several x-vertices keeps one index, so components join.
    _, representative = _first_of_each(_vertex_labels(y_zero, y_tight, coords_first=False))
    pairs = [(int(i), int(r)) for i, r in zip(rows, representative, strict=True)]
    return pairs, (xs, ys)


# -- exact -------------------------------------------------------------------------


def _positive_integers(a: np.ndarray) -> np.ndarray:
    """Positive Python integers ``d * (a - min(a) + 1)``, ``d`` the lcm of the denominators."""
    flat = [Fraction(v) for v in a.flat]
    lo = min(flat)
    shifted = [v - lo + 1 for v in flat]
    den = math.lcm(*(v.denominator for v in shifted))
    out = np.empty(len(flat), dtype=object)
    out[:] = [v.numerator * (den // v.denominator) for v in shifted]
    return out.reshape(a.shape)


def _exact_vertices(c: np.ndarray, coords_first: bool) -> tuple[np.ndarray, np.ndarray]:
    """Nonzero vertices of ``{z >= 0, c z <= 1}`` (c positive integers), as integer numerators.

    Each vertex ``z`` is returned as integers proportional to it (``det * z``),
    which is all a probability vector needs.
    """
    rows, dim = c.shape
    largest = int(max(c.flat))
    label_parts: list[np.ndarray] = []
    point_parts: list[np.ndarray] = []
    for k in range(1, min(dim, rows) + 1):
        bound = hadamard_bound(k, largest)
        small = 2 * bound * bound < _INT64_SAFE and (dim + 1) * largest * bound < _INT64_SAFE
        cc = c.astype(np.int64) if small else c
        f_all, j_all = _bases(dim, rows, k)
        for sl in _chunks(len(f_all), k * (k + 1)):
            f, j = f_all[sl], j_all[sl]
            aug = np.ones((len(f), k, k + 1), dtype=cc.dtype)
            aug[:, :, :k] = cc[j[:, :, None], f[:, None, :]]
            alive, det, num = batched_gauss_jordan(aug)
            if len(alive) == 0:
                continue
            f = f[alive]
            negative = det < 0
            num[negative] = -num[negative]
            det[negative] = -det[negative]
            keep = np.all(num >= 0, axis=1)
            if not keep.any():
                continue
            z = np.zeros((int(keep.sum()), dim), dtype=cc.dtype)
            np.put_along_axis(z, f[keep], num[keep], axis=1)
            lhs = z @ cc.T
            d = det[keep][:, None]
            feasible = np.all(lhs <= d, axis=1)
            if not feasible.any():
                continue
            z, lhs, d = z[feasible], lhs[feasible], d[feasible]
            label_parts.append(_vertex_labels(z == 0, lhs == d, coords_first))
            point_parts.append(z.astype(object))
    if not label_parts:
        return _vertex_labels(
            np.zeros((0, dim), bool), np.zeros((0, rows), bool), coords_first
        ), np.zeros((0, dim), dtype=object)
    return _dedupe(np.concatenate(label_parts), np.concatenate(point_parts))


def _solve_exact(
    game: NormalFormGame, search: bool = False, max_bases: int | None = None
) -> tuple[list[tuple[int, int]], tuple[Any, Any]]:
    """Extreme equilibria in exact arithmetic: vertex pairs and the two vertex lists.

    ``search``: find the vertices by reverse search (at most ``max_bases``
    bases visited per polytope), otherwise from the candidate bases.
    """
    a, b = game.payoff_arrays(exact=True)
    m, n = a.shape
    cp, cq = _positive_integers(b).T, _positive_integers(a)
    if search:
        x_zero, x_tight, xs, _ = exact_vertices(cp, max_bases)
        y_zero, y_tight, ys, _ = exact_vertices(cq, max_bases)
        x_labels = _vertex_labels(x_zero, x_tight, coords_first=True)
        y_labels = _vertex_labels(y_zero, y_tight, coords_first=False)
    else:
        x_labels, xs = _exact_vertices(cp, coords_first=True)
        y_labels, ys = _exact_vertices(cq, coords_first=False)
    pairs = _complementary_pairs(x_labels, y_labels, m + n)
    return pairs, (xs, ys)


def _exact_profile(x: np.ndarray, y: np.ndarray) -> list[list[Fraction]]:
    out = []
    for z in (x, y):
        ints = [int(v) for v in z]
        total = sum(ints)
        out.append([Fraction(v, total) for v in ints])
    return out


# -- assembling the result ----------------------------------------------------------


def _components(pairs: list[tuple[int, int]], n_x: int) -> list[int]:
    """The component (a root node) of each pair: union-find on the bipartite vertex graph.

    x-vertex ``i`` is node ``i`` and y-vertex ``j`` node ``n_x + j``.
    """
    if len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs}):
        return [i for i, _ in pairs]  # no shared vertex: every equilibrium is isolated
    parent: dict[int, int] = {}

    def find(u: int) -> int:
        while parent.get(u, u) != u:
            parent[u] = parent.get(parent[u], parent[u])
            u = parent[u]
        return u

    for i, j in pairs:
        ri, rj = find(i), find(n_x + j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    return [find(i) for i, _ in pairs]


def _numbered(roots: list[int]) -> tuple[list[int], dict[int, int], tuple[str, ...]]:
    """Component numbers in order of first appearance, their sizes, and the notes."""
    if len(set(roots)) == len(roots):
        return list(range(1, len(roots) + 1)), dict.fromkeys(range(1, len(roots) + 1), 1), ()
    sizes: dict[int, int] = {}
    number: dict[int, int] = {}
    for r in roots:
        sizes[r] = sizes.get(r, 0) + 1
        number.setdefault(r, len(number) + 1)
    notes = tuple(
        f"component {number[r]} is a set of equilibria, not a single point: "
        f"{sizes[r]} extreme points listed"
        for r in number
        if sizes[r] > 1
    )
    return [number[r] for r in roots], {number[r]: sizes[r] for r in number}, notes


def _assemble(
    game: NormalFormGame,
    pairs: list[tuple[int, int]],
    vertices: tuple[Any, Any],
    exact: bool,
) -> tuple[tuple[Equilibrium, ...], tuple[str, ...]]:
    """Equilibria in deterministic order with their components, and the notes."""
    xs, ys = vertices
    roots = _components(pairs, len(xs))
    if exact:
        built = {
            id(eq): (eq, r)
            for eq, r in (
                (Equilibrium.from_profile(game, _exact_profile(xs[i], ys[j]), check=False), r)
                for (i, j), r in zip(pairs, roots, strict=True)
            )
        }
        ordered = [built[id(eq)] for eq in sort_equilibria([eq for eq, _ in built.values()])]
        numbers, sizes, notes = _numbered([r for _, r in ordered])
        final = tuple(
            dataclasses.replace(eq, component=k, component_size=sizes[k])
            for (eq, _), k in zip(ordered, numbers, strict=True)
        )
    else:
        profiles = []
        for (i, j), r in zip(pairs, roots, strict=True):
            x, y = xs[i], ys[j]
            sx, sy = sum(x), sum(y)
            profiles.append((tuple([v / sx for v in x]), tuple([v / sy for v in y]), r))
        if len(profiles) > 1:
            profiles.sort(key=_float_order)
        numbers, sizes, notes = _numbered([r for _, _, r in profiles])
        a, b = game.payoff_arrays()
        rows_a, rows_b = a.tolist(), b.tolist()
        final = tuple(
            Equilibrium(
                game,
                (x, y),
                (_bilinear(rows_a, x, y), _bilinear(rows_b, x, y)),
                None,
                None,
                k,
                sizes[k],
            )
            for (x, y, _), k in zip(profiles, numbers, strict=True)
        )
    if not final:
        raise SolverError(
            "nash_equilibria: no equilibrium found; every finite game has one, so the "
            "floating-point tolerance failed on this game (try exact rational payoffs)"
        )
    return final, notes


def _verification_note(game: NormalFormGame, equilibria: Sequence[Equilibrium]) -> str:
    """What the exact re-check of floating-point equilibria found (:func:`.verify_exactly`)."""
    if game.is_exact:
        exact = game.payoff_arrays(exact=True)
    else:
        # A float is the rational number it is: the game's own payoffs, read exactly.
        exact = tuple(to_fraction_array(a) for a in game.payoff_arrays())
    gaps = verify_exactly(
        (exact[0], exact[1]), [(eq.strategies[0], eq.strategies[1]) for eq in equilibria]
    )
    failed = [(k, gap) for k, gap in enumerate(gaps, start=1) if gap is not None]
    if not failed:
        return (
            "verified exactly: each floating-point equilibrium's support and its opponent's "
            "best responses give, solved in rational arithmetic, an exact equilibrium of the "
            "game within 1e-6 of it"
        )
    listed = ", ".join(f"#{k} (best-response gap {gap:.1e})" for k, gap in failed)
    return (
        f"not verified exactly: equilibria {listed} hold only within the floating-point "
        f"tolerance {FLOAT_TOLERANCE:g} (ties decided by it are not exact ties); solve with "
        "rational payoffs and exact=True for exact answers"
    )


def _bilinear(rows: list[list[float]], x: tuple[float, ...], y: tuple[float, ...]) -> float:
    """``x^T M y`` for a matrix given as nested lists."""
    return sum(
        [
            p * sum([v * q for v, q in zip(row, y, strict=True)])
            for p, row in zip(x, rows, strict=True)
        ]
    )


def _float_order(profile: tuple[Any, ...]) -> tuple[float, ...]:
    """Sort key of a floating-point profile ``(x, y, ...)``: the order of :func:`sort_equilibria`.

    Rounding to multiples of 1e-9 keeps the order of exact mode when
    floating-point noise separates probabilities that are equal.
    """
    return tuple([-int(p * 1e9 + 0.5) for p in profile[0] + profile[1]])
