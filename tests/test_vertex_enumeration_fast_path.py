"""The pure-Python path of nash_equilibria for small games against the general numpy path.

Floating-point mode solves games with few bases (up to 4 x 4) in plain
Python. These tests run the same games through both paths (the general one
forced by setting the size limit to zero) and require identical results:
the same equilibria in the same order, components, component sizes and
notes, with strategies and payoffs equal to rounding. Exact mode is the
independent reference for the equilibria themselves, and pygambit's rational
enummixed for every 2 x 2 game with payoffs in {0, 1, 2}.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import numpy as np
import pygambit
import pytest

from gametheory_alliances import NormalFormGame, SolverError
from gametheory_alliances.solvers import vertex_enumeration, vertex_enumeration_small
from gametheory_alliances.solvers.vertex_enumeration import nash_equilibria


def solve(game: NormalFormGame, *, general: bool) -> tuple[Any, ...] | str:
    """The float-mode result as plain data, through the general or the small-game path."""
    limit = vertex_enumeration._SMALL_BASES
    vertex_enumeration._SMALL_BASES = 0 if general else 10**9
    try:
        result = nash_equilibria(game, exact=False)
    except SolverError as error:
        return f"SolverError: {error}"
    finally:
        vertex_enumeration._SMALL_BASES = limit
    return tuple(
        (eq.strategies, eq.payoffs, eq.component, eq.component_size) for eq in result
    ), result.notes


def assert_same(fast: tuple[Any, ...] | str, general: tuple[Any, ...] | str) -> None:
    if isinstance(fast, str) or isinstance(general, str):
        assert fast == general
        return
    (fast_eqs, fast_notes), (general_eqs, general_notes) = fast, general
    # The general path checks its float answers exactly (the small path is not checked).
    assert general_notes[-1].startswith("verified exactly"), general_notes
    assert fast_notes == general_notes[:-1]
    assert len(fast_eqs) == len(general_eqs)
    for (s1, p1, c1, z1), (s2, p2, c2, z2) in zip(fast_eqs, general_eqs, strict=True):
        assert (c1, z1) == (c2, z2)
        assert np.allclose(np.concatenate(s1), np.concatenate(s2), rtol=0, atol=1e-9)
        assert np.allclose(p1, p2, rtol=1e-12, atol=1e-9)


def random_games(seed: int, count: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Generic float games and degenerate integer games, every shape up to 4 x 4 and 2 x 6."""
    rng = np.random.default_rng(seed)
    shapes = [(m, n) for m in range(1, 5) for n in range(1, 5)] + [(2, 6), (6, 2), (3, 5)]
    games = []
    for t in range(count):
        m, n = shapes[t % len(shapes)]
        kind = t % 4
        if kind == 0:
            a, b = rng.random((m, n)), rng.random((m, n))
        elif kind == 1:
            a, b = rng.integers(0, 3, (m, n)), rng.integers(0, 3, (m, n))
        elif kind == 2:
            a, b = rng.integers(0, 2, (m, n)), rng.integers(-1, 2, (m, n))
        else:
            # Copies of a row and a column: ties and weakly dominated strategies.
            a, b = rng.integers(-2, 3, (m, n)), rng.integers(-2, 3, (m, n))
            a[-1], b[-1] = a[0], b[0]
            a[:, -1], b[:, -1] = a[:, 0], b[:, 0]
        games.append((a, b))
    return games


def test_small_games_take_the_pure_python_path_and_larger_ones_do_not():
    assert vertex_enumeration._SMALL_BASES >= 70  # C(8, 4): every game up to 4 x 4
    assert vertex_enumeration._SMALL_BASES < 252  # C(10, 5): 5 x 5 goes through numpy


@pytest.mark.parametrize("seed", [1, 2])
def test_fast_path_equals_general_path_and_exact_mode_on_random_and_degenerate_games(seed):
    for a, b in random_games(seed, 300):
        game = NormalFormGame([a * 1.0, b * 1.0])
        fast = solve(game, general=False)
        assert_same(fast, solve(game, general=True))
        if a.dtype.kind == "i":
            exact = nash_equilibria(NormalFormGame([a, b]), exact=True)
            assert not isinstance(fast, str)
            assert [(eq.component, eq.component_size) for eq in exact] == [
                (c, z) for _, _, c, z in fast[0]
            ]
            assert np.allclose(
                [np.concatenate(eq.strategies) for eq in exact],
                [np.concatenate(s) for s, *_ in fast[0]],
                rtol=0,
                atol=1e-9,
            )


def test_every_two_by_two_game_with_payoffs_0_1_2_matches_the_general_path_and_gambit():
    # All 6561 games against the general path; every fourth one (a deterministic
    # sample that still holds every tie pattern of a row or column) against gambit.
    for index, entries in enumerate(itertools.product((0, 1, 2), repeat=8)):
        a = np.array(entries[:4]).reshape(2, 2)
        b = np.array(entries[4:]).reshape(2, 2)
        game = NormalFormGame([a * 1.0, b * 1.0])
        fast = solve(game, general=False)
        assert_same(fast, solve(game, general=True))
        assert not isinstance(fast, str)
        if index % 4:
            continue
        g = pygambit.Game.from_arrays(a, b)
        oracle = sorted(
            tuple(float(Fraction(str(eq[s]))) for p in g.players for s in p.strategies)
            for eq in pygambit.nash.enummixed_solve(g, rational=True).equilibria
        )
        found = sorted(tuple(np.concatenate(s).tolist()) for s, *_ in fast[0])
        assert len(found) == len(oracle)
        assert np.allclose(found, oracle, rtol=0, atol=1e-9)


def test_fast_path_handles_scaled_and_shifted_payoffs_like_the_general_path():
    # Tolerances are relative to the payoff range, on both paths.
    rng = np.random.default_rng(5)
    for scale, shift in [(1e-6, 0.0), (1e6, -3e6), (1.0, 1e9)]:
        for _ in range(20):
            a, b = rng.integers(0, 3, (3, 3)), rng.integers(0, 3, (3, 3))
            game = NormalFormGame([a * scale + shift, b * scale + shift])
            assert_same(solve(game, general=False), solve(game, general=True))


def test_unrolled_two_by_two_vertices_equal_the_generic_small_enumeration_exactly():
    # Same label sets, same order, bit-identical points: the unrolled code takes the
    # same decisions with the same arithmetic.
    rng = np.random.default_rng(9)
    matrices = [rng.random((2, 2)) for _ in range(300)]
    matrices += [
        np.array(e, dtype=float).reshape(2, 2) for e in itertools.product((0, 1, 2), repeat=4)
    ]
    for matrix in matrices:
        c = vertex_enumeration_small.small_unit_range(matrix.tolist())
        for coord_bit, row_bit in ((0, 2), (2, 0)):
            unrolled = vertex_enumeration_small.two_by_two_vertices(c, coord_bit, row_bit)
            generic = vertex_enumeration_small.small_vertices(c, coord_bit, row_bit)
            assert list(unrolled.items()) == list(generic.items())
