"""Properties of nash_equilibria (vertex enumeration) against independent oracles.

* The set of extreme equilibria equals pygambit's ``enummixed`` in rational
  arithmetic, on random integer games and on degenerate ones (payoffs in a
  tiny range so ties abound, duplicated rows and columns, constant columns,
  all-equal payoffs), for two players up to 5 x 5.
* Every returned equilibrium certifies exactly.
* Floating-point mode agrees with exact mode, and with nashpy's vertex
  enumeration on (generic, hence nondegenerate) random float games.
"""

from __future__ import annotations

from fractions import Fraction

import nashpy
import numpy as np
import pygambit
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_alliances import NormalFormGame
from gametheory_alliances.solvers.vertex_enumeration import nash_equilibria

SETTINGS = settings(max_examples=100, derandomize=True, deadline=None)

shapes = st.tuples(st.integers(1, 5), st.integers(1, 5))


@st.composite
def integer_games(draw: st.DrawFn, low: int = -20, high: int = 20) -> NormalFormGame:
    m, n = draw(shapes)
    entries = st.lists(st.integers(low, high), min_size=m * n, max_size=m * n)
    a = np.array(draw(entries), dtype=np.int64).reshape(m, n)
    b = np.array(draw(entries), dtype=np.int64).reshape(m, n)
    return NormalFormGame([a, b])


@st.composite
def degenerate_games(draw: st.DrawFn) -> NormalFormGame:
    """Games built to be degenerate: ties, copies, constant columns, indifference."""
    m, n = draw(shapes)
    top = draw(st.integers(0, 2))
    entries = st.lists(st.integers(0, top), min_size=m * n, max_size=m * n)
    a = np.array(draw(entries), dtype=np.int64).reshape(m, n)
    b = np.array(draw(entries), dtype=np.int64).reshape(m, n)
    moves = st.sampled_from(["copy row", "copy column", "constant column", "constant row", "flat"])
    for move in draw(st.lists(moves, max_size=3)):
        if move == "copy row" and m > 1:
            i, j = draw(st.integers(0, m - 1)), draw(st.integers(0, m - 1))
            a[j], b[j] = a[i], b[i]
        elif move == "copy column" and n > 1:
            i, j = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
            a[:, j], b[:, j] = a[:, i], b[:, i]
        elif move == "constant column":
            b[:, draw(st.integers(0, n - 1))] = draw(st.integers(0, 2))
        elif move == "constant row":
            a[draw(st.integers(0, m - 1)), :] = draw(st.integers(0, 2))
        elif move == "flat":
            a[:] = draw(st.integers(0, 2))
            if draw(st.booleans()):
                b[:] = a
    return NormalFormGame([a, b])


def gambit_extreme_equilibria(game: NormalFormGame) -> set[tuple[tuple[Fraction, ...], ...]]:
    g = game.to_pygambit()
    result = pygambit.nash.enummixed_solve(g, rational=True)
    return {
        tuple(tuple(Fraction(str(eq[s])) for s in p.strategies) for p in g.players)
        for eq in result.equilibria
    }


def partition_by_shared_strategies(
    profiles: list[tuple[tuple[Fraction, ...], ...]],
) -> set[frozenset[tuple[tuple[Fraction, ...], ...]]]:
    """Group profiles: two are together when linked by a chain sharing x or y."""
    groups: list[set[tuple[tuple[Fraction, ...], ...]]] = []
    for profile in profiles:
        linked = [g for g in groups if any(p[0] == profile[0] or p[1] == profile[1] for p in g)]
        merged = {profile}.union(*linked)
        groups = [g for g in groups if not any(g is h for h in linked)] + [merged]
    return {frozenset(g) for g in groups}


def check_against_gambit(game: NormalFormGame) -> None:
    result = nash_equilibria(game)
    assert result.exact
    found = [eq.exact_strategies for eq in result]
    assert len(found) == len(set(found)), "duplicate equilibria"
    assert set(found) == gambit_extreme_equilibria(game)
    for eq in result:
        certificate = eq.certify()
        assert certificate.ok and certificate.exact
    # Components are numbered 1, 2, ... in order of first appearance, and they are the
    # connected components of the graph joining equilibria that share a strategy.
    numbers = [eq.component for eq in result]
    first_seen = list(dict.fromkeys(numbers))
    assert first_seen == list(range(1, len(first_seen) + 1))
    assert partition_by_shared_strategies(found) == {
        frozenset(eq.exact_strategies for eq in members) for members in result.components.values()
    }
    for number, members in result.components.items():
        assert all(eq.component_size == len(members) for eq in members)
        assert (len(members) > 1) == any(n.startswith(f"component {number} ") for n in result.notes)


@SETTINGS
@given(integer_games())
def test_random_integer_games_match_gambit_enummixed(game: NormalFormGame) -> None:
    check_against_gambit(game)


@settings(max_examples=100, derandomize=True, deadline=None)
@given(degenerate_games())
def test_degenerate_integer_games_match_gambit_enummixed(game: NormalFormGame) -> None:
    check_against_gambit(game)


def as_float_game(game: NormalFormGame) -> NormalFormGame:
    return NormalFormGame([np.asarray(p, dtype=np.float64) for p in game.payoff_arrays()])


def assert_same_profiles(exact, floating, atol: float = 1e-8) -> None:
    assert len(exact) == len(floating)
    for e, f in zip(exact, floating, strict=True):
        assert np.allclose(np.concatenate(e.strategies), np.concatenate(f.strategies), atol=atol)
        assert (e.component, e.component_size) == (f.component, f.component_size)


@SETTINGS
@given(st.one_of(degenerate_games(), integer_games(0, 10)))
def test_float_mode_agrees_with_exact_mode_on_integer_valued_games(game: NormalFormGame) -> None:
    floating = nash_equilibria(as_float_game(game))
    assert not floating.exact
    assert_same_profiles(nash_equilibria(game), floating)
    assert all(eq.certify() for eq in floating)


@SETTINGS
@given(shapes, st.integers(0, 2**32 - 1))
def test_float_mode_agrees_with_exact_mode_on_random_float_games(
    shape: tuple[int, int], seed: int
) -> None:
    rng = np.random.default_rng(seed)
    a, b = rng.standard_normal(shape), rng.standard_normal(shape)
    # The same binary floats read exactly as fractions: the exact answer for these payoffs.
    to_fractions = np.vectorize(Fraction, otypes=[object])
    exact = nash_equilibria(NormalFormGame([to_fractions(a), to_fractions(b)]))
    floating = nash_equilibria(NormalFormGame([a, b]))
    assert_same_profiles(exact, floating)


@settings(max_examples=40, derandomize=True, deadline=None)
@given(st.tuples(st.integers(2, 4), st.integers(2, 4)), st.integers(0, 2**32 - 1))
def test_float_mode_agrees_with_nashpy_vertex_enumeration_on_random_games(
    shape: tuple[int, int], seed: int
) -> None:
    rng = np.random.default_rng(seed)
    a, b = rng.random(shape), rng.random(shape)
    ours = np.array(
        [np.concatenate(eq.strategies) for eq in nash_equilibria(NormalFormGame([a, b]))]
    )
    theirs = np.array([np.concatenate(s) for s in nashpy.Game(a, b).vertex_enumeration()]).reshape(
        -1, sum(shape)
    )
    assert len(ours) == len(theirs)
    distance = np.abs(ours[:, None, :] - theirs[None, :, :]).max(axis=2)
    assert distance.min(axis=1).max() < 1e-8
    assert distance.min(axis=0).max() < 1e-8
