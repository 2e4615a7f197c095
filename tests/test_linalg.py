"""The exact linear algebra of :mod:`gametheory_alliances.linalg`, checked against
sympy's exact matrices on random and on singular, overdetermined and
inconsistent systems."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_alliances.linalg import (
    batched_gauss_jordan,
    hadamard_bound,
    integer_row,
    polynomial_rows,
    polytope_vertices,
    rank,
    simplex_constraints,
    solve_integer,
    solve_polynomial,
    solve_unique,
)
from gametheory_alliances.solvers.common import solve_exact

small = st.integers(-4, 4)


def matrices(rows: int, cols: int) -> st.SearchStrategy[list[list[int]]]:
    return st.lists(st.lists(small, min_size=cols, max_size=cols), min_size=rows, max_size=rows)


@st.composite
def systems(draw: st.DrawFn) -> tuple[list[list[int]], list[int]]:
    cols = draw(st.integers(1, 4))
    nrows = draw(st.integers(1, 5))
    a = draw(matrices(nrows, cols))
    if draw(st.booleans()) and nrows > 1:
        # a dependent row, so that singular and overdetermined systems are common
        a[-1] = [x + y for x, y in zip(a[0], a[1 % nrows], strict=True)]
    b = draw(st.lists(small, min_size=nrows, max_size=nrows))
    return a, b


def _sympy_unique(a: list[list[int]], b: list[int]) -> list[sympy.Rational] | None:
    m = sympy.Matrix(a)
    aug = m.row_join(sympy.Matrix(b))
    if m.rank() != aug.rank() or m.rank() < m.cols:
        return None
    solution, _ = m.gauss_jordan_solve(sympy.Matrix(b))
    return list(solution)


@settings(max_examples=150, deadline=None)
@given(systems())
def test_solve_unique_agrees_with_sympy(system: tuple[list[list[int]], list[int]]) -> None:
    a, b = system
    got = solve_unique([[Fraction(x) for x in r] for r in a], [Fraction(x) for x in b])
    expected = _sympy_unique(a, b)
    if expected is None:
        assert got is None
    else:
        assert got is not None
        assert [sympy.Rational(v.numerator, v.denominator) for v in got] == expected


@settings(max_examples=150, deadline=None)
@given(systems())
def test_solve_integer_agrees_with_the_field_elimination(
    system: tuple[list[list[int]], list[int]],
) -> None:
    a, b = system
    d = len(a[0])
    if len(a) < d:
        return
    got = solve_integer([[*r, v] for r, v in zip(a, b, strict=True)], d)
    assert got == solve_unique([[Fraction(x) for x in r] for r in a], [Fraction(x) for x in b])


@settings(max_examples=100, deadline=None)
@given(st.tuples(st.integers(1, 5), st.integers(1, 4)).flatmap(lambda rc: matrices(*rc)))
def test_rank_agrees_with_sympy(a: list[list[int]]) -> None:
    assert rank([[Fraction(x) for x in r] for r in a]) == sympy.Matrix(a).rank()


def test_solve_unique_with_no_unknowns_is_the_empty_solution_when_consistent() -> None:
    assert solve_unique([], []) == []
    assert solve_unique([[], []], [Fraction(0), Fraction(0)]) == []
    assert solve_unique([[]], [Fraction(1)]) is None


@settings(max_examples=100, deadline=None)
@given(systems())
def test_solve_exact_is_solve_unique_in_fractions(
    system: tuple[list[list[int]], list[int]],
) -> None:
    # The solvers' wrapper converts to fractions and otherwise leaves the answer to linalg.
    a, b = system
    expected = solve_unique([[Fraction(x) for x in r] for r in a], [Fraction(x) for x in b])
    assert solve_exact(a, b) == expected


def test_solve_exact_has_no_solution_without_unknowns() -> None:
    # Unlike solve_unique, a system with no unknowns has no solution for the solvers.
    assert solve_exact([], []) is None
    assert solve_exact([[], []], [0, 0]) is None


def test_rank_of_dependent_rows_and_of_nothing() -> None:
    assert rank([[Fraction(1), Fraction(2)], [Fraction(2), Fraction(4)]]) == 1
    assert rank([]) == 0


def test_integer_row_clears_denominators() -> None:
    row = integer_row([Fraction(1, 2), Fraction(-2, 3)], Fraction(5, 4))
    assert row == [6, -8, 15]


def test_solve_unique_over_a_sympy_field() -> None:
    x, y = sympy.symbols("x y")
    field = sympy.QQ.frac_field(x, y)
    a = [[field(x), field(1)], [field(1), field(y)]]
    sol = solve_unique(a, [field(1), field(1)])
    assert sol is not None
    assert sympy.simplify(field.to_sympy(sol[0]) - (y - 1) / (x * y - 1)) == 0


def test_solve_polynomial_matches_the_field_solution() -> None:
    x, y = sympy.symbols("x y")
    field = sympy.QQ.frac_field(x, y)
    rows = [[field(x), field(1)], [field(1), field(y)]]
    ring_rows = polynomial_rows(rows)
    assert ring_rows is not None
    ring = ring_rows[0][0].ring
    solved = solve_polynomial(ring_rows, [ring.one, ring.one])
    assert solved is not None
    nums, den = solved
    field_sol = solve_unique(rows, [field(1), field(1)])
    assert field_sol is not None
    for num, value in zip(nums, field_sol, strict=True):
        assert sympy.simplify(num.as_expr() / den.as_expr() - field.to_sympy(value)) == 0
    assert den.LC > 0


def test_polynomial_rows_refuses_a_parameter_in_a_denominator() -> None:
    x = sympy.symbols("x")
    field = sympy.QQ.frac_field(x)
    assert polynomial_rows([[field(1) / field(x)]]) is None
    assert polynomial_rows([[field(x) / 3, field(1) / 2]]) is not None


def test_singular_polynomial_system() -> None:
    x = sympy.symbols("x")
    field = sympy.QQ.frac_field(x)
    rows = polynomial_rows([[field(x), field(x)], [field(1), field(1)]])
    assert rows is not None
    ring = rows[0][0].ring
    assert solve_polynomial(rows, [ring.one, ring.one]) is None


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 3).flatmap(lambda k: st.lists(matrices(k, k + 1), min_size=1, max_size=6)))
def test_batched_gauss_jordan_agrees_with_one_at_a_time(mats: list[list[list[int]]]) -> None:
    stacked = np.array(mats, dtype=object)
    idx, det, num = batched_gauss_jordan(stacked.copy())
    k = stacked.shape[1]
    expected = [i for i, m in enumerate(mats) if sympy.Matrix([r[:k] for r in m]).det() != 0]
    assert idx.tolist() == expected
    for j, i in enumerate(idx):
        a = [[Fraction(v) for v in r[:k]] for r in mats[i]]
        b = [Fraction(r[k]) for r in mats[i]]
        solution = solve_unique(a, b)
        assert solution == [Fraction(int(n), int(det[j])) for n in num[j]]


def test_batched_gauss_jordan_in_int64_within_the_hadamard_bound() -> None:
    mats = np.array([[[3, 1, 1], [1, 2, 1]], [[4, 4, 1], [1, 1, 1]]], dtype=np.int64)
    assert 2 * hadamard_bound(2, 4) ** 2 < 2**62
    idx, det, num = batched_gauss_jordan(mats.copy())
    assert idx.tolist() == [0]
    assert [Fraction(int(n), int(det[0])) for n in num[0]] == [Fraction(1, 5), Fraction(2, 5)]


def test_polytope_vertices_of_simplices_and_a_cut_square() -> None:
    for d in range(1, 5):
        eq, ub = simplex_constraints(d)
        units = sorted(
            (tuple(Fraction(int(i == j)) for j in range(d)) for i in range(d)), reverse=True
        )
        assert polytope_vertices(d, eq, ub) == units
    # the unit square cut by x + y <= 3/2: five vertices
    one, zero = Fraction(1), Fraction(0)
    ub = [
        ([-one, zero], zero),
        ([zero, -one], zero),
        ([one, zero], one),
        ([zero, one], one),
        ([one, one], Fraction(3, 2)),
    ]
    got = polytope_vertices(2, [], ub)
    brute = set()
    for i, j in itertools.combinations(range(len(ub)), 2):
        x = solve_unique([ub[i][0], ub[j][0]], [ub[i][1], ub[j][1]])
        if x is not None and all(sum(a * v for a, v in zip(r, x, strict=True)) <= b for r, b in ub):
            brute.add(tuple(x))
    assert got == sorted(brute, reverse=True)
    assert len(got) == 5
    assert polytope_vertices(0, [], []) == [()]
