"""Reverse search against the candidate bases and pygambit: the same extreme equilibria.

``nash_equilibria(..., method="reverse_search")`` must list exactly what the
exhaustive ``method="bases"`` lists (the same equilibria in the same order,
with the same components and notes), in exact mode and in floating point,
on generic, degenerate, rational and rectangular games; exact mode must also
match pygambit's rational enummixed. The polytope functions themselves are
checked against a brute-force vertex enumeration.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import numpy as np
import pygambit
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_alliances import NormalFormGame, TooLargeError
from gametheory_alliances.solvers.reverse_search import exact_vertices, float_vertices
from gametheory_alliances.solvers.vertex_enumeration import nash_equilibria
from gametheory_alliances.testing import normal_form_games

SETTINGS = settings(max_examples=20, deadline=None, derandomize=True)


def exact_data(game: NormalFormGame, method: str) -> tuple[Any, ...]:
    result = nash_equilibria(game, exact=True, method=method, max_vertices=None)
    assert result.options["method"] == method
    return tuple(
        (eq.exact_strategies, eq.exact_payoffs, eq.component, eq.component_size) for eq in result
    ), result.notes


def assert_float_same(game: NormalFormGame) -> None:
    new = nash_equilibria(game, exact=False, method="reverse_search", max_vertices=None)
    old = nash_equilibria(game, exact=False, method="bases", max_vertices=None)
    assert new.notes == old.notes
    assert len(new) == len(old)
    for e1, e2 in zip(new, old, strict=True):
        assert (e1.component, e1.component_size) == (e2.component, e2.component_size)
        s1, s2 = np.concatenate(e1.strategies), np.concatenate(e2.strategies)
        assert np.allclose(s1, s2, rtol=0, atol=1e-9)
        assert np.allclose(e1.payoffs, e2.payoffs, rtol=1e-12, atol=1e-9)


def gambit_extreme(game: NormalFormGame) -> set[tuple[tuple[Fraction, ...], ...]]:
    g = game.to_pygambit()
    result = pygambit.nash.enummixed_solve(g, rational=True)
    return {
        tuple(tuple(Fraction(str(eq[s])) for s in p.strategies) for p in g.players)
        for eq in result.equilibria
    }


def as_float(game: NormalFormGame) -> NormalFormGame:
    a, b = game.payoff_arrays()
    return NormalFormGame([a.astype(float), b.astype(float)])


# -- the same equilibria as the candidate bases and as pygambit -------------------------


@SETTINGS
@given(normal_form_games(players=2, strategies=(1, 6)))
def test_random_games_exact_same_as_bases_and_pygambit(game):
    new = exact_data(game, "reverse_search")
    assert new == exact_data(game, "bases")
    assert {strategies for strategies, *_ in new[0]} == gambit_extreme(game)


@SETTINGS
@given(normal_form_games(players=2, strategies=(1, 6), degenerate=True))
def test_degenerate_games_exact_same_as_bases_and_pygambit(game):
    new = exact_data(game, "reverse_search")
    assert new == exact_data(game, "bases")
    assert {strategies for strategies, *_ in new[0]} == gambit_extreme(game)


@SETTINGS
@given(normal_form_games(players=2, strategies=(2, 6), degenerate=True))
def test_degenerate_games_float_same_as_bases(game):
    assert_float_same(as_float(game))


@SETTINGS
@given(normal_form_games(players=2, strategies=(2, 6), payoffs="float"))
def test_float_games_same_as_bases(game):
    assert_float_same(game)


@SETTINGS
@given(normal_form_games(players=2, strategies=(1, 5), payoffs="rational"))
def test_rational_payoffs_exact_same_as_bases_and_pygambit(game):
    new = exact_data(game, "reverse_search")
    assert new == exact_data(game, "bases")
    assert {strategies for strategies, *_ in new[0]} == gambit_extreme(game)


@SETTINGS
@given(
    st.sampled_from([(1, 9), (9, 1), (2, 8), (8, 2), (3, 7), (7, 3), (2, 12)]),
    st.integers(0, 2**32 - 1),
    st.integers(1, 3),
)
def test_rectangular_games_with_ties(shape, seed, top):
    # Payoffs from {0, .., top}: many ties, weakly dominated strategies, continua.
    rng = np.random.default_rng(seed)
    game = NormalFormGame([rng.integers(0, top + 1, shape), rng.integers(0, top + 1, shape)])
    new = exact_data(game, "reverse_search")
    assert new == exact_data(game, "bases")
    assert {strategies for strategies, *_ in new[0]} == gambit_extreme(game)
    assert_float_same(as_float(game))


@pytest.mark.parametrize("seed", range(3))
def test_larger_generic_games_exact_float_and_pygambit_agree(seed):
    # 7 x 7 and 5 x 10: past the sizes where "auto" switches to reverse search.
    rng = np.random.default_rng(seed)
    for shape in [(7, 7), (5, 10)]:
        a, b = rng.integers(0, 1000, shape), rng.integers(0, 1000, shape)
        game = NormalFormGame([a, b])
        exact = nash_equilibria(game)
        assert exact.options["method"] == "reverse_search"
        old = nash_equilibria(game, method="bases")
        assert (exact.equilibria, exact.notes) == (old.equilibria, old.notes)
        assert {eq.exact_strategies for eq in exact} == gambit_extreme(game)
        floats = nash_equilibria(as_float(game))
        assert floats.options["method"] == "reverse_search"
        assert len(floats) == len(exact)
        for f, e in zip(floats, exact, strict=True):
            assert np.allclose(np.concatenate(f.strategies), np.concatenate(e.strategies))


def test_a_14_by_14_game_is_solved_and_certifies():
    rng = np.random.default_rng(14)
    a, b = rng.integers(0, 1000, (14, 14)), rng.integers(0, 1000, (14, 14))
    floats = nash_equilibria(NormalFormGame([a * 1.0, b * 1.0]))
    assert floats.options["method"] == "reverse_search"
    assert len(floats) % 2 == 1  # a nondegenerate game has an odd number of equilibria
    assert all(eq.certify() for eq in floats)


# -- the polytope functions against brute force -----------------------------------------


def brute_force_vertices(c: np.ndarray) -> set[tuple[Fraction, ...]]:
    """Nonzero vertices of {z >= 0, c z <= 1} by solving every basis in fractions."""
    rows, dim = c.shape
    constraints = [([Fraction(int(i == k)) for i in range(dim)], Fraction(0)) for k in range(dim)]
    constraints += [([Fraction(int(v)) for v in row], Fraction(1)) for row in c]
    found = set()
    for basis in itertools.combinations(range(dim + rows), dim):
        matrix = [[*list(constraints[k][0]), constraints[k][1]] for k in basis]
        point = _solve(matrix, dim)
        if point is None or any(v < 0 for v in point) or not any(point):
            continue
        if all(
            sum(x * v for x, v in zip(row, point, strict=True)) <= 1 for row, _ in constraints[dim:]
        ):
            found.add(tuple(point))
    return found


def _solve(matrix: list[list[Fraction]], dim: int) -> list[Fraction] | None:
    for col in range(dim):
        pivot = next((r for r in range(col, dim) if matrix[r][col] != 0), None)
        if pivot is None:
            return None
        matrix[col], matrix[pivot] = matrix[pivot], matrix[col]
        for r in range(dim):
            if r != col and matrix[r][col] != 0:
                factor = matrix[r][col] / matrix[col][col]
                matrix[r] = [x - factor * y for x, y in zip(matrix[r], matrix[col], strict=True)]
    return [matrix[r][dim] / matrix[r][r] for r in range(dim)]


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    st.integers(1, 5),
    st.integers(1, 5),
    st.integers(0, 2**32 - 1),
    st.sampled_from([2, 3, 50]),
)
def test_polytope_vertices_match_brute_force(rows, dim, seed, spread):
    rng = np.random.default_rng(seed)
    c = rng.integers(1, spread, (rows, dim))  # spread 2: all ones, very degenerate
    expected = brute_force_vertices(c)
    zero, tight, points, scale = exact_vertices(c)
    got = [tuple(Fraction(int(v), int(d)) for v in p) for p, d in zip(points, scale, strict=True)]
    assert len(got) == len(set(got)) == len(expected)
    assert set(got) == expected
    for point, z, t in zip(got, zero, tight, strict=True):
        assert list(z) == [v == 0 for v in point]
        assert list(t) == [
            sum(int(x) * v for x, v in zip(row, point, strict=True)) == 1 for row in c
        ]
    # Floating point, on the polytope scaled to [1, 2] as nash_equilibria scales it:
    # 1 + (c - 1) / (spread - 1) = c2 / (spread - 1), so its vertices are those of
    # {c2 z <= 1} times (spread - 1).
    width = max(spread - 1, 1)
    c2 = c + width - 1
    fz, _fzero, _ftight, _ = float_vertices(c2 / width)
    reference = sorted(tuple(float(v * width) for v in p) for p in brute_force_vertices(c2))
    assert len(fz) == len(reference)
    assert np.allclose(sorted(map(tuple, fz.tolist())), reference, rtol=0, atol=1e-9)


def test_max_bases_is_checked_as_the_search_goes():
    c = np.ones((3, 3), dtype=int) + np.eye(3, dtype=int)
    with pytest.raises(TooLargeError, match="reached 3 bases"):
        exact_vertices(c, max_bases=2)
    with pytest.raises(TooLargeError, match="max_vertices=2"):
        float_vertices(c / 2.0 + 0.5, max_bases=2)


# Degenerate polytopes where leaving ties broken other than lexicographically lose
# vertices (found by a seeded search over 3000 random small 0/1/2/3 matrices).
TIE_BREAKING = [
    [[2, 3, 2, 2, 1], [3, 3, 1, 1, 2], [2, 1, 3, 3, 1], [3, 1, 3, 2, 3]],
    [[2, 1, 2, 2, 1], [2, 3, 2, 1, 2], [1, 1, 2, 2, 1], [3, 3, 1, 3, 1]],
    [[3, 3, 2, 1, 2], [3, 1, 3, 3, 1], [3, 1, 1, 2, 3], [1, 3, 3, 1, 3]],
    [[2, 1, 3, 1, 2], [2, 2, 2, 1, 1], [2, 1, 3, 3, 3], [3, 2, 3, 1, 1], [2, 1, 2, 2, 3]],
]


@pytest.mark.parametrize("matrix", TIE_BREAKING)
def test_lexicographic_ties_keep_every_vertex(matrix):
    c = np.array(matrix)
    expected = brute_force_vertices(c)
    _zero, _tight, points, scale = exact_vertices(c)
    got = {tuple(Fraction(int(v), int(d)) for v in p) for p, d in zip(points, scale, strict=True)}
    assert got == expected
    # Floating point on c / 3 + 1 - 1/3 = (c + 2) / 3, entries in [1, 2].
    fz, _, _, _ = float_vertices((c + 2) / 3.0)
    reference = sorted(tuple(float(3 * v) for v in p) for p in brute_force_vertices(c + 2))
    assert np.allclose(sorted(map(tuple, fz.tolist())), reference, rtol=0, atol=1e-9)


def test_a_12_by_12_game_is_solved_in_bounded_memory():
    # Memory grows with the vertices found, not with the 2 * C(24, 12) candidate bases.
    import tracemalloc

    rng = np.random.default_rng(12)
    a, b = rng.integers(0, 1000, (12, 12)), rng.integers(0, 1000, (12, 12))
    game = NormalFormGame([a * 1.0, b * 1.0])
    tracemalloc.start()
    try:
        result = nash_equilibria(game)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.options["method"] == "reverse_search"
    assert peak < 64 * 2**20
    assert all(eq.certify() for eq in result)


# -- the exact check of floating-point results ------------------------------------------


def _profiles_of(result: Any) -> list[tuple[float, ...]]:
    return sorted(tuple(np.round(np.concatenate(eq.strategies), 9)) for eq in result)


@SETTINGS
@given(
    st.sampled_from([(4, 5), (5, 5), (5, 6), (4, 9), (6, 6)]),
    st.integers(0, 2**32 - 1),
    st.integers(1, 3),
)
def test_float_results_on_degenerate_games_are_verified_exactly(shape, seed, top):
    # Few distinct payoffs: ties, weakly dominated strategies and continua of equilibria.
    rng = np.random.default_rng(seed)
    a, b = rng.integers(0, top + 1, shape), rng.integers(0, top + 1, shape)
    floats = NormalFormGame([a.astype(float), b.astype(float)])
    result = nash_equilibria(floats, exact=False, method="reverse_search", max_vertices=None)
    assert result.notes[-1].startswith("verified exactly"), result.notes
    exact = nash_equilibria(NormalFormGame([a, b]), exact=True, max_vertices=None)
    assert _profiles_of(result) == _profiles_of(exact)


def test_a_tie_only_within_the_tolerance_is_named_as_not_verified():
    rng = np.random.default_rng(5)
    a, b = rng.integers(0, 4, (5, 5)).astype(float), rng.integers(0, 4, (5, 5)).astype(float)
    a[0] = a[1]
    a[0, 0] += 1e-12  # the float search takes rows 0 and 1 as tied; they are not
    result = nash_equilibria(NormalFormGame([a, b]), exact=False, max_vertices=None)
    note = result.notes[-1]
    assert note.startswith("not verified exactly: equilibria #")
    # The game's payoffs read exactly (each float is a rational number) have fewer vertices.
    exact = NormalFormGame([[[Fraction(v) for v in r] for r in m] for m in (a, b)])
    assert len(nash_equilibria(exact, exact=True, max_vertices=None)) < len(result)
    named = [int(part.split(" ")[0]) for part in note.split("#")[1:]]
    assert named and all(1 <= k <= len(result) for k in named)


def test_small_games_keep_their_fast_path_without_the_check():
    game = NormalFormGame([np.eye(3), np.eye(3)])
    assert not any("verified" in note for note in nash_equilibria(game, exact=False).notes)
