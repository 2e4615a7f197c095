"""Vertex enumeration of small two-player games in floating point, in plain Python.

:func:`~gametheory_alliances.solvers.vertex_enumeration.nash_equilibria`
solves a floating-point game with at most 70 bases per polytope
(``C(m + n, m) <= 70``: up to 4 x 4) here instead of through numpy, whose
per-call overhead would cost more than the arithmetic. The steps and the
tolerances are those of the numpy path: enumerate the vertices of P, complete
each one by its partner system when the game is nondegenerate, otherwise
enumerate Q too and match label sets. Systems of order 1 to 3 are solved by
closed forms, larger ones by Gaussian elimination with partial pivoting, and
the whole enumeration is unrolled for 2 x 2 games. Tests check that both
paths give the same result.

The floating-point tolerances :data:`FLOAT_TOLERANCE` and
:data:`SINGULAR_TOLERANCE` are defined here, the one module both paths
import, and re-exported by :mod:`.vertex_enumeration`.

Examples
--------
>>> pairs, (xs, ys) = solve_float_small([[3.0, 0.0], [0.0, 2.0]], [[2.0, 0.0], [0.0, 3.0]])
>>> len(pairs)
3
"""

from __future__ import annotations

import functools
import itertools

__all__ = [
    "FLOAT_TOLERANCE",
    "SINGULAR_TOLERANCE",
    "small_unit_range",
    "small_vertices",
    "solve_float_small",
    "two_by_two_vertices",
]

FLOAT_TOLERANCE = 1e-9
"""Floating-point mode: slack below which a constraint counts as tight (payoffs scaled to [1, 2])."""

SINGULAR_TOLERANCE = 1e-11
"""Floating-point mode: a basis with ``|det|`` below this times its Hadamard bound is singular."""


@functools.lru_cache(maxsize=64)
def _small_bases(
    dim: int, rows: int, k: int
) -> tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]:
    """Every (support F, tight rows J) pair with ``|F| = |J| = k``, as index tuples."""
    return tuple(
        (f, j)
        for f in itertools.combinations(range(dim), k)
        for j in itertools.combinations(range(rows), k)
    )


def _small_solve(
    c: list[list[float]], f: tuple[int, ...], j: tuple[int, ...]
) -> list[float] | None:
    """Solve ``c[j, f] z = 1`` by Gaussian elimination with partial pivoting.

    The same decision as the numpy path's ``_float_solve``: ``None`` when
    ``|det|`` is at most :data:`SINGULAR_TOLERANCE` times ``k ** (k / 2)``.
    """
    k = len(f)
    if k == 1:
        p = c[j[0]][f[0]]
        return [1.0 / p] if abs(p) > SINGULAR_TOLERANCE else None
    if k == 2:
        r0, r1 = c[j[0]], c[j[1]]
        a, b = r0[f[0]], r0[f[1]]
        d, e = r1[f[0]], r1[f[1]]
        det = a * e - b * d
        if abs(det) <= SINGULAR_TOLERANCE * 2.0:
            return None
        return [(e - b) / det, (a - d) / det]
    m = [[c[r][i] for i in f] + [1.0] for r in j]
    det = 1.0
    for col in range(k):
        piv = max(range(col, k), key=lambda r: abs(m[r][col]))
        if piv != col:
            m[col], m[piv] = m[piv], m[col]
            det = -det
        prow = m[col]
        p = prow[col]
        det *= p
        if p == 0.0:
            return None
        for r in range(col + 1, k):
            row = m[r]
            factor = row[col] / p
            if factor:
                for i in range(col, k + 1):
                    row[i] -= factor * prow[i]
    if abs(det) <= SINGULAR_TOLERANCE * k ** (k / 2):
        return None
    z = [0.0] * k
    for r in range(k - 1, -1, -1):
        row = m[r]
        s = row[k]
        for i in range(r + 1, k):
            s -= row[i] * z[i]
        z[r] = s / row[r]
    return z


def small_vertices(c: list[list[float]], coord_bit: int, row_bit: int) -> dict[int, list[float]]:
    """Nonzero vertices of ``{z >= 0, c z <= 1}`` keyed by their label bit sets.

    Pure Python, with the decisions of the numpy path's ``_float_vertices``: a basis
    solution is feasible when ``z >= -tol`` and ``c z <= 1 + tol``; after
    clipping ``z`` at 0, coordinate ``i`` (label ``coord_bit + i``) is tight
    when ``z_i <= tol`` and row ``r`` (label ``row_bit + r``) when
    ``|(c z)_r - 1| <= tol``. The first point found with a label set is kept.
    ``c`` has entries in [1, 2] (:func:`small_unit_range`).
    """
    rows, dim = len(c), len(c[0])
    tol = FLOAT_TOLERANCE
    upper = 1.0 + tol
    all_coords = ((1 << dim) - 1) << coord_bit
    out: dict[int, list[float]] = {}

    def add(f: tuple[int, ...], sol: list[float], vals: list[float]) -> None:
        if min(sol) < 0.0:
            sol = [s if s > 0.0 else 0.0 for s in sol]
            vals = _small_values(c, f, sol)
        labels = all_coords
        for i, s in zip(f, sol, strict=True):
            if s > tol:
                labels ^= 1 << (coord_bit + i)
        for r, v in enumerate(vals):
            if -tol <= v - 1.0 <= tol:
                labels |= 1 << (row_bit + r)
        if labels not in out:
            z = [0.0] * dim
            for i, s in zip(f, sol, strict=True):
                z[i] = s
            out[labels] = z

    # One coordinate: z_f = 1 / c[j, f] > 0 is feasible when c[j, f] tops its column.
    for coord in range(dim):
        col = [row[coord] for row in c]
        top = max(col)
        for pivot in col:
            z = 1.0 / pivot
            if top * z <= upper:
                add((coord,), [z], [v * z for v in col])
    # Two coordinates: Cramer's rule, with the singularity threshold of _float_solve.
    if dim >= 2 and rows >= 2:
        singular = SINGULAR_TOLERANCE * 2.0
        for (f0, f1), (j0, j1) in _small_bases(dim, rows, 2):
            r0, r1 = c[j0], c[j1]
            det = r0[f0] * r1[f1] - r0[f1] * r1[f0]
            if -singular <= det <= singular:
                continue
            s0 = (r1[f1] - r0[f1]) / det
            s1 = (r0[f0] - r1[f0]) / det
            if s0 < -tol or s1 < -tol:
                continue
            vals = [row[f0] * s0 + row[f1] * s1 for row in c]
            if max(vals) <= upper:
                add((f0, f1), [s0, s1], vals)
    # Three coordinates: Cramer's rule (the adjugate's column sums over the determinant).
    if dim >= 3 and rows >= 3:
        singular = SINGULAR_TOLERANCE * 3.0**1.5
        for (f0, f1, f2), (j0, j1, j2) in _small_bases(dim, rows, 3):
            r0, r1, r2 = c[j0], c[j1], c[j2]
            a, b, e = r0[f0], r0[f1], r0[f2]
            d, g, h = r1[f0], r1[f1], r1[f2]
            p, q, s = r2[f0], r2[f1], r2[f2]
            m0 = g * s - h * q
            m1 = d * s - h * p
            m2 = d * q - g * p
            det = a * m0 - b * m1 + e * m2
            if -singular <= det <= singular:
                continue
            s0 = (m0 - (b * s - e * q) + (b * h - e * g)) / det
            s1 = (-m1 + (a * s - e * p) - (a * h - e * d)) / det
            s2 = (m2 - (a * q - b * p) + (a * g - b * d)) / det
            if s0 < -tol or s1 < -tol or s2 < -tol:
                continue
            vals = [row[f0] * s0 + row[f1] * s1 + row[f2] * s2 for row in c]
            if max(vals) <= upper:
                add((f0, f1, f2), [s0, s1, s2], vals)
    for k in range(4, min(dim, rows) + 1):
        for f, j in _small_bases(dim, rows, k):
            sol = _small_solve(c, f, j)
            if sol is None or min(sol) < -tol:
                continue
            vals = _small_values(c, f, sol)
            if max(vals) <= upper:
                add(f, sol, vals)
    return out


def _small_values(c: list[list[float]], f: tuple[int, ...], sol: list[float]) -> list[float]:
    """``c z`` for ``z`` zero outside the support ``f`` with values ``sol`` on it."""
    if len(f) == 1:
        f0, s0 = f[0], sol[0]
        return [row[f0] * s0 for row in c]
    if len(f) == 2:
        f0, f1 = f
        s0, s1 = sol
        return [row[f0] * s0 + row[f1] * s1 for row in c]
    return [sum([row[i] * s for i, s in zip(f, sol, strict=True)]) for row in c]


def two_by_two_vertices(
    c: list[list[float]], coord_bit: int, row_bit: int
) -> dict[int, list[float]]:
    """:func:`small_vertices` unrolled for a 2 x 2 ``c`` (the same decisions, in the same order)."""
    tol = FLOAT_TOLERANCE
    upper = 1.0 + tol
    (c00, c01), (c10, c11) = c
    out: dict[int, list[float]] = {}
    # One coordinate (k = 1): column i of c, solved on each of its rows.
    for i, first, second in ((0, c00, c10), (1, c01, c11)):
        top = first if first >= second else second
        for pivot in (first, second):
            z = 1.0 / pivot
            if top * z > upper:
                continue
            labels = 1 << (coord_bit + 1 - i)
            if z <= tol:
                labels |= 1 << (coord_bit + i)
            v = first * z - 1.0
            if -tol <= v <= tol:
                labels |= 1 << row_bit
            v = second * z - 1.0
            if -tol <= v <= tol:
                labels |= 1 << (row_bit + 1)
            if labels not in out:
                out[labels] = [z, 0.0] if i == 0 else [0.0, z]
    # Two coordinates (k = 2): Cramer's rule on the whole matrix.
    det = c00 * c11 - c01 * c10
    if not -2.0 * SINGULAR_TOLERANCE <= det <= 2.0 * SINGULAR_TOLERANCE:
        s0 = (c11 - c01) / det
        s1 = (c00 - c10) / det
        if s0 >= -tol and s1 >= -tol:
            v0 = c00 * s0 + c01 * s1
            v1 = c10 * s0 + c11 * s1
            if v0 <= upper and v1 <= upper:
                if s0 < 0.0 or s1 < 0.0:
                    s0 = s0 if s0 > 0.0 else 0.0
                    s1 = s1 if s1 > 0.0 else 0.0
                    v0 = c00 * s0 + c01 * s1
                    v1 = c10 * s0 + c11 * s1
                labels = 0
                if s0 <= tol:
                    labels |= 1 << coord_bit
                if s1 <= tol:
                    labels |= 1 << (coord_bit + 1)
                if -tol <= v0 - 1.0 <= tol:
                    labels |= 1 << row_bit
                if -tol <= v1 - 1.0 <= tol:
                    labels |= 1 << (row_bit + 1)
                if labels not in out:
                    out[labels] = [s0, s1]
    return out


def _solve_float_two_by_two(
    a: list[list[float]], b: list[list[float]]
) -> tuple[list[tuple[int, int]], tuple[list[list[float]], list[list[float]]]]:
    """:func:`solve_float_small` for a 2 x 2 game: both polytopes enumerated, labels matched."""
    cq = small_unit_range(a)
    cp = small_unit_range([[b[0][0], b[1][0]], [b[0][1], b[1][1]]])
    px = two_by_two_vertices(cp, 0, 2)
    qy = two_by_two_vertices(cq, 2, 0)
    pairs = [(i, j) for i, lx in enumerate(px) for j, ly in enumerate(qy) if lx | ly == 0b1111]
    return pairs, (list(px.values()), list(qy.values()))


def small_unit_range(a: list[list[float]]) -> list[list[float]]:
    """An affine image of ``a`` (nested lists) with positive slope and entries in [1, 2]."""
    lo = min(map(min, a))
    hi = max(map(max, a))
    if hi == lo:
        return [[1.0] * len(row) for row in a]
    span = hi - lo
    return [[1.0 + (v - lo) / span for v in row] for row in a]


def solve_float_small(
    a: list[list[float]], b: list[list[float]]
) -> tuple[list[tuple[int, int]], tuple[list[list[float]], list[list[float]]]]:
    """Extreme equilibria in floating point: vertex pairs and the two vertex lists.

    The numpy path of :mod:`.vertex_enumeration` in pure Python, for games
    too small to amortise numpy's overhead. The same steps and tolerances:
    enumerate P; complete each x-vertex by its partner system when the game
    is nondegenerate (:func:`_complete_small`), otherwise enumerate Q too and
    match label sets.
    """
    m, n = len(a), len(a[0])
    if m == n == 2:
        return _solve_float_two_by_two(a, b)
    cq = small_unit_range(a)
    cp = small_unit_range([list(column) for column in zip(*b, strict=True)])
    px = small_vertices(cp, 0, m)
    xs = list(px.values())
    shortcut = _complete_small(cq, list(px))
    if shortcut is not None:
        return shortcut[0], (xs, shortcut[1])
    qy = small_vertices(cq, m, 0)
    full = (1 << (m + n)) - 1
    y_items = list(qy.items())
    pairs = [
        (i, j) for i, lx in enumerate(px) for j, (ly, _) in enumerate(y_items) if lx | ly == full
    ]
    return pairs, (xs, [y for _, y in y_items])


def _complete_small(
    cq: list[list[float]], x_labels: list[int]
) -> tuple[list[tuple[int, int]], list[list[float]]] | None:
    """The numpy path's ``_complete_nondegenerate`` in pure Python: pairs and y-vertices, or None.

    ``x_labels`` are the label sets of the x-vertices (labels ``0..m-1`` the
    row player's strategies, ``m..m+n-1`` the column player's).
    """
    m, n = len(cq), len(cq[0])
    tol = FLOAT_TOLERANCE
    upper = 1.0 + tol
    if not x_labels:
        return None
    all_coords = ((1 << n) - 1) << m
    pairs: list[tuple[int, int]] = []
    ys: list[list[float]] = []
    seen: dict[int, int] = {}
    for i, x_label in enumerate(x_labels):
        if x_label.bit_count() != m:
            return None
        support = tuple([r for r in range(m) if not x_label >> r & 1])
        tight = tuple([j for j in range(n) if x_label >> (m + j) & 1])
        if not support:
            return None
        sol = _small_solve(cq, tight, support)
        if sol is None:
            return None
        if min(sol) < -tol:
            continue
        vals = _small_values(cq, tight, sol)
        if max(vals) > upper:
            continue
        if min(sol) < 0.0:
            sol = [s if s > 0.0 else 0.0 for s in sol]
            vals = _small_values(cq, tight, sol)
        labels = all_coords
        for j, s in zip(tight, sol, strict=True):
            if s > tol:
                labels ^= 1 << (m + j)
        for r, v in enumerate(vals):
            if -tol <= v - 1.0 <= tol:
                labels |= 1 << r
        # A y-vertex shared by several x-vertices keeps one index, so components join.
        index = seen.get(labels)
        if index is None:
            index = seen[labels] = len(ys)
            y = [0.0] * n
            for j, s in zip(tight, sol, strict=True):
                y[j] = s
            ys.append(y)
        pairs.append((i, index))
    return pairs, ys
