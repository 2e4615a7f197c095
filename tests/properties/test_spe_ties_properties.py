"""The SPE set with mixtures at ties, against brute force on small trees with ties.

Small integer payoffs force ties. A behaviour profile is checked by an
independent backward induction written here (every action played with
positive probability is best for its mover, given the continuation values);
behaviour profiles on a rational grid are sampled, and each sampled SPE must
lie in a listed piece (polyhedral pieces: in the convex hull of their
vertices), each sampled non-equilibrium in none, and every listed vertex must
be an SPE.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from gametheory_alliances.sequential import Decision, SequentialGame, Terminal
from gametheory_alliances.solvers.backward_induction import subgame_perfect_equilibria
from gametheory_alliances.testing import sequential_games

F = Fraction
FINE = (F(0), F(1, 3), F(1, 2), F(2, 3), F(1))
COARSE = (F(0), F(1, 2), F(1))
MAX_SAMPLES = 3000


@st.composite
def tied_trees(draw: Any, players: int = 2, depth: int = 3) -> SequentialGame:
    """Trees whose last movers are often indifferent, the others' payoffs from 0 to 3.

    Indifference low in the tree with spread payoffs above it makes earlier
    movers' choices turn on interior mixing probabilities (mixed vertices).
    """

    def grow(level: int) -> tuple[Any, list[int] | None]:
        if level == 0 or (level < depth and draw(st.integers(0, 2)) == 0):
            return None, draw(st.lists(st.integers(0, 3), min_size=players, max_size=players))
        mover = draw(st.integers(0, players - 1))
        kids = [grow(level - 1) for _ in range(draw(st.integers(2, 3)))]
        if all(sub is None for sub, _ in kids) and draw(st.booleans()):
            tie = draw(st.integers(0, 3))
            for _, pay in kids:
                pay[mover] = tie  # type: ignore[index]
        children = {
            f"a{j}": sub if sub is not None else Terminal(pay) for j, (sub, pay) in enumerate(kids)
        }
        return Decision(mover, children), None

    root, _ = grow(depth)
    if root is None:
        root = Decision(0, {"a0": Terminal([0] * players), "a1": Terminal([0] * players)})
    return SequentialGame(root, players=[f"P{i}" for i in range(players)])


def is_spe(game: SequentialGame, profile: Any) -> bool:
    """Backward induction: at every decision node only best actions get probability."""
    nodes = game.nodes
    pays, probs = game.numbers(exact=True)
    value: dict[int, list[Fraction]] = {}
    for k in range(len(nodes) - 1, -1, -1):
        nd = nodes[k]
        if nd.kind == "terminal":
            value[k] = list(pays[k])
            continue
        weights = probs[k] if nd.kind == "chance" else profile[nd.infoset]
        value[k] = [
            sum((w * value[c][j] for w, c in zip(weights, nd.children, strict=True)), F(0))
            for j in range(game.n_players)
        ]
        if nd.kind == "decision":
            best = max(value[c][nd.player] for c in nd.children)
            if any(
                w and value[c][nd.player] < best for w, c in zip(weights, nd.children, strict=True)
            ):
                return False
    return True


def grid_profiles(game: SequentialGame) -> list[tuple[tuple[Fraction, ...], ...]]:
    sizes = [len(h.actions) for h in game.infosets]
    for values in (FINE, COARSE):
        per_set = [[v for v in itertools.product(values, repeat=n) if sum(v) == 1] for n in sizes]
        if np.prod([len(c) for c in per_set]) <= MAX_SAMPLES:
            return list(itertools.product(*per_set))
    return []


def in_hull(point: list[float], vertices: list[list[float]]) -> bool:
    a_eq = np.vstack([np.array(vertices).T, np.ones(len(vertices))])
    b_eq = np.concatenate([point, [1.0]])
    res = linprog(np.zeros(len(vertices)), A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    return bool(res.status == 0)


def hulls_meet(a: list[list[float]], b: list[list[float]]) -> bool:
    """Whether conv(a) and conv(b) share a point (a linear program in the weights)."""
    va, vb = np.array(a).T, np.array(b).T
    a_eq = np.block(
        [
            [va, -vb],
            [np.ones((1, len(a))), np.zeros((1, len(b)))],
            [np.zeros((1, len(a))), np.ones((1, len(b)))],
        ]
    )
    b_eq = np.concatenate([np.zeros(va.shape[0]), [1.0, 1.0]])
    res = linprog(np.zeros(len(a) + len(b)), A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    return bool(res.status == 0)


def flat(profile: Any) -> list[float]:
    return [float(p) for probs in profile for p in probs]


@settings(max_examples=40, deadline=None)
@given(
    st.one_of(
        tied_trees(),
        tied_trees(players=3, depth=2),
        sequential_games(
            players=(2, 3), depth=(1, 3), payoff_range=(0, 2), actions=(2, 3), max_terminals=8
        ),
    )
)
def test_the_listed_pieces_are_exactly_the_spe_on_a_grid(game: SequentialGame) -> None:
    result = subgame_perfect_equilibria(game, mixed=True)
    listed = [tuple(tuple(F(p) for p in probs) for probs in eq.profile) for eq in result]
    assert all(is_spe(game, p) for p in listed)
    assert all(eq.certify() for eq in result)
    # Every pure SPE is listed, and nothing else pure is.
    pure = [
        profile
        for profile in itertools.product(
            *[
                [
                    tuple(F(int(j == a)) for j in range(len(h.actions)))
                    for a in range(len(h.actions))
                ]
                for h in game.infosets
            ]
        )
        if is_spe(game, profile)
    ]
    assert {p for p in listed if all(max(probs) == 1 for probs in p)} == set(pure)
    if not result.pieces:  # no tie: the unique SPE
        assert len(pure) == 1 and listed == pure
        return
    for piece in result.pieces:
        assert all(piece.contains(listed[k]) for k in piece.points)
        assert set(piece.vertices) <= set(piece.points)
    # One component: where every piece is a polytope, the pieces' meeting graph is connected.
    assert {eq.component for eq in result} == {1}
    if all(piece.polyhedral for piece in result.pieces):
        hulls = [[flat(listed[k]) for k in piece.vertices] for piece in result.pieces]
        reached, frontier = {0}, [0]
        while frontier:
            a = frontier.pop()
            for b in range(len(hulls)):
                if b not in reached and hulls_meet(hulls[a], hulls[b]):
                    reached.add(b)
                    frontier.append(b)
        assert reached == set(range(len(hulls)))
    rejected = 0
    for profile in grid_profiles(game):
        holders = [piece for piece in result.pieces if piece.contains(profile)]
        if is_spe(game, profile):
            assert holders, f"SPE {profile} lies in no listed piece"
            for piece in holders:
                if piece.polyhedral:
                    assert in_hull(flat(profile), [flat(listed[k]) for k in piece.vertices])
        elif rejected < 30:
            rejected += 1
            assert not holders, f"{profile} is not an SPE but lies in a piece"


@settings(max_examples=25, deadline=None)
@given(
    sequential_games(
        players=2, depth=(2, 3), chance=True, payoff_range=(0, 1), actions=2, max_terminals=8
    )
)
def test_chance_moves_and_components(game: SequentialGame) -> None:
    result = subgame_perfect_equilibria(game, mixed=True)
    assert all(eq.certify() for eq in result)
    for profile in grid_profiles(game):
        if is_spe(game, profile):
            assert any(piece.contains(profile) for piece in result.pieces) or (
                not result.pieces
                and [tuple(tuple(F(p) for p in s) for s in result[0].profile)] == [profile]
            )
    assert all(piece.component == 1 for piece in result.pieces)
