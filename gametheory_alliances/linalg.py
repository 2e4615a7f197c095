"""Exact linear algebra: elimination over fields, integers and polynomial rings.

Every exact solver in the toolkit ends in a small linear system: the
vertex enumeration of best-response polytopes (integer payoffs, many small
systems at once), the symbolic layer (systems whose entries are rational
functions of the parameters), the perfect Bayesian solver (vertices of belief
and strategy polytopes) and the linear-programming solvers' exact
certificates. They all call this module, so there is one elimination to
trust.

- :func:`solve_unique`: Gauss-Jordan elimination over any exact field
  (:class:`fractions.Fraction`, sympy's field elements); the unique solution
  of a possibly overdetermined system, or ``None``.
- :func:`rank`: the rank of a matrix over a field.
- :func:`solve_integer` and :func:`integer_row`: fraction-free (Bareiss)
  elimination of integer systems, every division exact.
- :func:`solve_polynomial`, :func:`polynomial_rows`: Bareiss elimination over
  a polynomial ring, returning numerators and one common denominator.
- :func:`batched_gauss_jordan`, :func:`hadamard_bound`: fraction-free
  Gauss-Jordan elimination of many stacked integer systems at once (numpy
  object or int64 arrays), with the bound that decides when int64 is safe.
- :func:`polytope_vertices`, :func:`simplex_constraints`: the vertices of a
  small bounded polytope ``{x : E x = e, G x <= g}`` by solving every choice
  of tight inequalities exactly.

References
----------
E. H. Bareiss, "Sylvester's identity and multistep integer-preserving
Gaussian elimination", *Mathematics of Computation* 22 (1968), 565-578.

Examples
--------
>>> from fractions import Fraction as F
>>> solve_unique([[F(1), F(1)], [F(1), F(-1)], [F(2), F(0)]], [F(3), F(1), F(4)])
[Fraction(2, 1), Fraction(1, 1)]
>>> solve_unique([[F(1), F(1)], [F(2), F(2)]], [F(1), F(3)]) is None
True
>>> rank([[F(1), F(2)], [F(2), F(4)]])
1
>>> solve_integer([[2, 1, 5], [1, -1, 1]], 2)
[Fraction(2, 1), Fraction(1, 1)]
>>> eq, ub = simplex_constraints(2)
>>> polytope_vertices(2, eq, ub)
[(Fraction(1, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 1))]
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

__all__ = [
    "batched_gauss_jordan",
    "hadamard_bound",
    "integer_row",
    "polynomial_rows",
    "polytope_vertices",
    "rank",
    "simplex_constraints",
    "solve_integer",
    "solve_polynomial",
    "solve_unique",
]


def solve_unique(rows: Sequence[Sequence[Any]], rhs: Sequence[Any]) -> list[Any] | None:
    """The unique solution of a linear system over an exact field, or ``None``.

    Gauss-Jordan elimination with the first nonzero pivot of each column.
    The system may have more equations than unknowns; ``None`` when it is
    inconsistent or its solution is not unique.

    Parameters
    ----------
    rows : sequence of sequences
        The coefficient matrix, entries of an exact field (``Fraction``, or
        sympy field elements) that support ``1 / x``, ``*`` and ``-``.
    rhs : sequence
        The right-hand side, one entry per row.

    Returns
    -------
    list or None
        One value per column.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> solve_unique([[F(2), F(1)], [F(1), F(3)]], [F(3), F(4)])
    [Fraction(1, 1), Fraction(1, 1)]
    """
    width = len(rows[0]) if rows else 0
    aug = [[*row, b] for row, b in zip(rows, rhs, strict=True)]
    r = 0
    for c in range(width):
        p = next((i for i in range(r, len(aug)) if aug[i][c] != 0), None)
        if p is None:
            return None
        aug[r], aug[p] = aug[p], aug[r]
        inv = 1 / aug[r][c]
        aug[r] = [v * inv for v in aug[r]]
        for i in range(len(aug)):
            if i != r and aug[i][c] != 0:
                f = aug[i][c]
                aug[i] = [v - f * w for v, w in zip(aug[i], aug[r], strict=True)]
        r += 1
    if any(row[-1] != 0 for row in aug[r:]):
        return None
    return [aug[i][-1] for i in range(width)]


def rank(rows: Sequence[Sequence[Any]]) -> int:
    """The rank of a matrix over an exact field.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> rank([[F(1), F(0)], [F(0), F(1)], [F(1), F(1)]])
    2
    """
    m = [list(r) for r in rows]
    found = 0
    cols = len(m[0]) if m else 0
    for c in range(cols):
        p = next((i for i in range(found, len(m)) if m[i][c] != 0), None)
        if p is None:
            continue
        m[found], m[p] = m[p], m[found]
        for i in range(found + 1, len(m)):
            if m[i][c] != 0:
                f = m[i][c] / m[found][c]
                m[i] = [x - f * y for x, y in zip(m[i], m[found], strict=True)]
        found += 1
    return found


def integer_row(row: Sequence[Fraction], b: Fraction) -> list[int]:
    """An equation ``row . x = b`` of fractions scaled to integers (augmented).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> integer_row([F(1, 2), F(1, 3)], F(1))
    [3, 2, 6]
    """
    scale = math.lcm(*(x.denominator for x in row), b.denominator)
    return [int(x * scale) for x in row] + [int(b * scale)]


def solve_integer(rows: Sequence[Sequence[int]], d: int) -> list[Fraction] | None:
    """The unique solution of an integer system given as augmented rows, or ``None``.

    Fraction-free (Bareiss) elimination: every intermediate entry is an
    integer and every division is exact. Rows beyond the ``d`` pivots must
    reduce to zero (consistency).

    Parameters
    ----------
    rows : sequence of sequences of int
        Augmented rows ``[a_1, ..., a_d, b]``.
    d : int
        The number of unknowns.
    """
    m = [list(r) for r in rows]
    n = len(m)
    prev = 1
    for c in range(d):
        p = next((i for i in range(c, n) if m[i][c] != 0), None)
        if p is None:
            return None
        m[c], m[p] = m[p], m[c]
        pivot = m[c][c]
        for i in range(c + 1, n):
            f = m[i][c]
            row_i = m[i]
            row_c = m[c]
            for j in range(c + 1, d + 1):
                row_i[j] = (pivot * row_i[j] - f * row_c[j]) // prev
            row_i[c] = 0
        prev = pivot
    if any(m[i][d] != 0 for i in range(d, n)):
        return None
    x: list[Fraction] = [Fraction(0)] * d
    for c in range(d - 1, -1, -1):
        total = Fraction(m[c][d]) - sum((m[c][j] * x[j] for j in range(c + 1, d)), Fraction(0))
        x[c] = total / m[c][c]
    return x


def polynomial_rows(rows: Sequence[Sequence[Any]]) -> list[list[Any]] | None:
    """Rows of rational-function field elements scaled to polynomials, or ``None``.

    Each row is multiplied by the positive least common multiple of its
    entries' (constant) denominators; ``None`` when a denominator is not a
    constant, so the row cannot be cleared without changing signs.
    """
    out = []
    for row in rows:
        scale = 1
        for c in row:
            if not c.denom.is_ground:
                return None
            scale = math.lcm(scale, int(abs(c.denom.LC)))
        out.append([(c * scale).numer for c in row])
    return out


def solve_polynomial(
    rows: Sequence[Sequence[Any]], rhs: Sequence[Any]
) -> tuple[list[Any], Any] | None:
    """Fraction-free Gauss-Jordan elimination (Bareiss) over a polynomial ring.

    Parameters
    ----------
    rows, rhs
        A square system of sympy polynomial ring elements.

    Returns
    -------
    tuple or None
        Numerators and a common denominator, reduced by their gcd and with a
        positive leading coefficient, or ``None`` if the system is singular.
    """
    size = len(rows)
    aug = [[*row, b] for row, b in zip(rows, rhs, strict=True)]
    prev = None
    for col in range(size):
        pivot = next((r for r in range(col, size) if aug[r][col] != 0), None)
        if pivot is None:
            return None
        aug[col], aug[pivot] = aug[pivot], aug[col]
        p = aug[col][col]
        for r in range(size):
            if r == col:
                continue
            f = aug[r][col]
            new = []
            for j in range(size + 1):
                if j == col:
                    new.append(f.ring.zero)
                    continue
                v = p * aug[r][j] - f * aug[col][j]
                new.append(v if prev is None else v.exquo(prev))
            aug[r] = new
        prev = p
    # Every diagonal entry is now the determinant (up to the row swaps); the
    # least common multiple keeps this exact even if they differed.
    den = aug[0][0]
    for i in range(1, size):
        if aug[i][i] != den:
            den = den.lcm(aug[i][i])
    nums = [aug[i][size] * den.exquo(aug[i][i]) for i in range(size)]
    g = den
    for n in nums:
        g = g.gcd(n)
    nums = [n.exquo(g) for n in nums]
    den = den.exquo(g)
    if den.LC < 0:
        nums, den = [-n for n in nums], -den
    return nums, den


def hadamard_bound(k: int, largest: int) -> int:
    """An upper bound on the absolute value of any minor of order ``<= k`` of a matrix
    whose entries are at most ``largest`` in absolute value (Hadamard's inequality).

    Examples
    --------
    >>> hadamard_bound(2, 3) >= 2 * 3 * 3
    True
    """
    return (math.isqrt(k**k) + 1) * largest**k


def batched_gauss_jordan(mats: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Fraction-free Gauss-Jordan elimination of stacked augmented systems ``[M | b]``.

    Parameters
    ----------
    mats : numpy.ndarray
        Shape ``(count, k, k + 1)``, integer entries (int64 when
        :func:`hadamard_bound` shows no overflow, else Python integers in an
        object array). Modified in place.

    Returns
    -------
    tuple of numpy.ndarray
        The indices of the nonsingular systems, their determinants (up to
        sign, shared by the diagonal) and the numerators ``det * z`` of their
        solutions. Every intermediate entry is a minor of ``[M | b]``, so each
        division is exact.

    Examples
    --------
    >>> import numpy as np
    >>> idx, det, num = batched_gauss_jordan(np.array([[[2, 1, 1], [1, 3, 1]], [[1, 1, 1], [2, 2, 1]]]))
    >>> idx.tolist(), (num / det[:, None]).tolist()
    ([0], [[0.4, 0.2]])
    """
    count, k, _ = mats.shape
    idx = np.arange(count)
    prev: Any = np.ones(count, dtype=mats.dtype)
    for c in range(k):
        nonzero = mats[:, c:, c] != 0
        alive = nonzero.any(axis=1)
        if not alive.all():
            mats, idx, prev, nonzero = mats[alive], idx[alive], prev[alive], nonzero[alive]
        if len(mats) == 0:
            break
        pivot_row = c + np.argmax(nonzero, axis=1)
        swap = pivot_row != c
        if swap.any():
            sel = np.nonzero(swap)[0]
            upper = mats[sel, c, :].copy()
            mats[sel, c, :] = mats[sel, pivot_row[sel], :]
            mats[sel, pivot_row[sel], :] = upper
        pivot = mats[:, c, c]
        pivot_line = mats[:, c, :].copy()
        mats = (pivot[:, None, None] * mats - mats[:, :, c, None] * pivot_line[:, None, :]) // prev[
            :, None, None
        ]
        mats[:, c, :] = pivot_line
        prev = pivot
    det = mats[:, 0, 0] if k else np.ones(len(mats), dtype=mats.dtype)
    return idx, det, mats[:, :, k]


def polytope_vertices(
    d: int,
    eq: Sequence[tuple[list[Fraction], Fraction]],
    ub: Sequence[tuple[list[Fraction], Fraction]],
) -> list[tuple[Fraction, ...]]:
    """Vertices of the bounded polytope ``{x : E x = e, G x <= g}`` (exact, sorted).

    Every choice of ``d - rank(E)`` inequalities is made tight and solved in
    exact integer arithmetic; the solutions that satisfy every inequality
    are the vertices. Meant for the small polytopes of belief and strategy
    simplices (the work grows with the number of such choices).

    Parameters
    ----------
    d : int
        The dimension.
    eq, ub : sequences of (row, bound)
        Equations ``row . x = bound`` and inequalities ``row . x <= bound``.

    Returns
    -------
    list of tuple of Fraction
        The vertices, in decreasing lexicographic order.
    """
    if d == 0:
        return [()] if all(b >= 0 for _, b in ub) and all(b == 0 for _, b in eq) else []
    eq_rows = [r for r, _ in eq]
    k = d - (rank(eq_rows) if eq_rows else 0)
    eq_int = [integer_row(r, b) for r, b in eq]
    ub_int = [integer_row(r, b) for r, b in ub]
    found: set[tuple[Fraction, ...]] = set()
    for subset in itertools.combinations(range(len(ub)), k):
        x = solve_integer(eq_int + [ub_int[i] for i in subset], d)
        if x is None:
            continue
        common = math.lcm(*(v.denominator for v in x))
        xi = [int(v * common) for v in x]
        if all(
            sum(a * v for a, v in zip(row[:d], xi, strict=True)) <= row[d] * common
            for row in ub_int
        ):
            found.add(tuple(x))
    return sorted(found, reverse=True)


def simplex_constraints(
    d: int,
) -> tuple[list[tuple[list[Fraction], Fraction]], list[tuple[list[Fraction], Fraction]]]:
    """The probability simplex of dimension ``d`` as (equations, inequalities).

    Examples
    --------
    >>> eq, ub = simplex_constraints(2)
    >>> eq
    [([Fraction(1, 1), Fraction(1, 1)], Fraction(1, 1))]
    """
    one = [Fraction(1)] * d
    neg = [
        ([Fraction(-1) if j == i else Fraction(0) for j in range(d)], Fraction(0)) for i in range(d)
    ]
    return [(one, Fraction(1))], neg
