"""Properties of the sweep: at every grid point its rows are the scalar solver's answer.

Random parameterised games (each payoff ``c0 + c1 * t`` with small integer
coefficients, so the grid crosses many ties and degenerate points), random
perfect-information trees, random chunk sizes.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_alliances import NormalFormGame
from gametheory_alliances.labels import concise_label, profile_choices
from gametheory_alliances.sequential import Decision, SequentialGame, Terminal
from gametheory_alliances.solvers.backward_induction import subgame_perfect_equilibria
from gametheory_alliances.solvers.pure import pure_equilibria
from gametheory_alliances.solvers.vertex_enumeration import nash_equilibria
from gametheory_alliances.sweep import grid_values, sweep
from gametheory_alliances.sweep.kernels import nash_2x2_exact

SETTINGS = settings(max_examples=25, derandomize=True, deadline=None)

T_GRID = "-2:2:9"


def _affine(draw: st.DrawFn) -> str:
    c0 = draw(st.integers(-2, 2))
    c1 = draw(st.integers(-1, 1))
    return f"{c0} + {c1} * t"


@st.composite
def linear_games(draw: st.DrawFn, max_players: int = 2) -> NormalFormGame:
    n_players = draw(st.integers(2, max_players))
    shape = tuple(draw(st.integers(2, 3)) for _ in range(n_players))
    arrays = []
    for _ in range(n_players):
        cells = np.empty(shape, dtype=object)
        for idx in np.ndindex(*shape):
            cells[idx] = _affine(draw)
        arrays.append(cells)
    return NormalFormGame(arrays, parameters=["t"])


def _rows_match(df: pd.DataFrame, game: NormalFormGame, solver) -> None:
    ts = grid_values(T_GRID)
    for t in ts:
        rows = df[df["t"] == float(t)]
        result = list(solver(game.at(t=t)))
        if not result:
            assert list(rows["label"]) == ["no pure equilibrium"]
            continue
        assert len(rows) == len(result)
        for (_, row), eq in zip(rows.iterrows(), result, strict=True):
            for i, player in enumerate(game.players):
                got = [row[f"{player}:{s}"] for s in game.strategies[i]]
                assert np.allclose(got, eq.strategies[i], atol=1e-9, rtol=0)
                assert abs(row[f"payoff:{player}"] - eq.payoffs[i]) <= 1e-9
            assert row["component_size"] == eq.component_size


@SETTINGS
@given(linear_games())
def test_nash_sweep_equals_scalar_solver_at_every_point(game):
    _rows_match(sweep(game, {"t": T_GRID}), game, nash_equilibria)


@SETTINGS
@given(linear_games(max_players=3))
def test_pure_sweep_equals_scalar_solver_at_every_point(game):
    _rows_match(sweep(game, {"t": T_GRID}, concept="pure"), game, pure_equilibria)


@settings(max_examples=100, derandomize=True, deadline=None)
@given(st.lists(st.integers(-1, 2), min_size=8, max_size=8))
def test_exact_2x2_closed_form_equals_vertex_enumeration(v):
    a, b = [[v[0], v[1]], [v[2], v[3]]], [[v[4], v[5]], [v[6], v[7]]]
    mine = nash_2x2_exact(a, b)
    theirs = list(nash_equilibria(NormalFormGame([a, b])))
    assert [(e.strategies, e.payoffs, e.component, e.component_size) for e in mine] == [
        (e.exact_strategies, e.exact_payoffs, e.component, e.component_size) for e in theirs
    ]


@st.composite
def trees(draw: st.DrawFn, depth: int = 3) -> SequentialGame:
    players = ["Patron", "Protege"]

    def node(level: int, mover: int):
        if level == depth or (level > 0 and draw(st.booleans())):
            return Terminal([_affine(draw), _affine(draw)])
        n_actions = draw(st.integers(2, 3))
        return Decision(
            players[mover],
            {f"a{level}{k}": node(level + 1, 1 - mover) for k in range(n_actions)},
        )

    return SequentialGame(node(0, 0), players=players, parameters=["t"])


@settings(max_examples=10, derandomize=True, deadline=None)
@given(trees())
def test_tree_sweep_equals_scalar_spe_solver_at_every_point(game):
    df = sweep(game, {"t": T_GRID})
    for t in grid_values(T_GRID):
        rows = df[df["t"] == float(t)]
        result = list(subgame_perfect_equilibria(game.at(t=t)))
        assert len(rows) == len(result)
        for (_, row), eq in zip(rows.iterrows(), result, strict=True):
            got = [row[f"{h.label}:{a}"] for h in game.infosets for a in h.actions]
            assert got == [float(p) for probs in eq.profile for p in probs]
            assert row["label"] == concise_label(profile_choices(game, eq.profile))
            assert [row["payoff:Patron"], row["payoff:Protege"]] == [float(x) for x in eq.payoffs]


@settings(max_examples=10, derandomize=True, deadline=None)
@given(linear_games(), st.integers(1, 12))
def test_table_does_not_depend_on_chunk_size(game, chunk_size):
    grid = {"t": T_GRID}
    pd.testing.assert_frame_equal(sweep(game, grid, chunk_size=chunk_size), sweep(game, grid))


def test_fractions_of_the_grid_are_exact():
    assert grid_values(T_GRID)[1] == Fraction(-3, 2)
