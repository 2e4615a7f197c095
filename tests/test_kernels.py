"""Kernels used by the sweep's region method: tree values for given choices, equilibrium order."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from gametheory_alliances.equilibrium import Equilibrium, sort_equilibria
from gametheory_alliances.normal_form import NormalFormGame
from gametheory_alliances.sweep.kernels import backward_induction_batch, profile_order, tree_values


def random_tree(rng: np.random.Generator, n_points: int, n_players: int = 2):
    """A random tree in preorder (children after their parent), with chance nodes."""
    kinds: list[str] = []
    children: list[list[int]] = []
    movers: list[int] = []

    def grow(depth: int) -> int:
        k = len(kinds)
        kinds.append("")
        children.append([])
        movers.append(-1)
        if depth == 0 or (depth < 3 and rng.random() < 0.3):
            kinds[k] = "terminal"
            return k
        kinds[k] = "chance" if rng.random() < 0.25 else "decision"
        movers[k] = int(rng.integers(n_players))
        children[k] = [grow(depth - 1) for _ in range(int(rng.integers(2, 4)))]
        return k

    grow(3)
    leaves = {
        k: rng.normal(size=(n_points, n_players))
        for k, kind in enumerate(kinds)
        if kind == "terminal"
    }
    probs = {}
    for k, kind in enumerate(kinds):
        if kind == "chance":
            p = rng.random((n_points, len(children[k])))
            probs[k] = p / p.sum(axis=1, keepdims=True)
    return kinds, children, movers, leaves, probs


def direct_values(kinds, children, choice, leaves, probs, point: int, k: int = 0) -> np.ndarray:
    """The root payoffs at one point for given choices, by plain recursion (the oracle)."""
    if kinds[k] == "terminal":
        return leaves[k][point]
    if kinds[k] == "chance":
        return sum(
            probs[k][point, j] * direct_values(kinds, children, choice, leaves, probs, point, c)
            for j, c in enumerate(children[k])
        )
    chosen = children[k][choice[point, k]]
    return direct_values(kinds, children, choice, leaves, probs, point, chosen)


def test_tree_values_equal_backward_induction_bit_for_bit_at_its_choices():
    rng = np.random.default_rng(7)
    for _ in range(20):
        kinds, children, movers, leaves, probs = random_tree(rng, 50)
        sol = backward_induction_batch(kinds, children, movers, leaves, probs, 50)
        values = tree_values(kinds, children, sol.choice, leaves, probs)
        assert np.array_equal(values, sol.values)


def test_tree_values_follow_any_given_choices():
    rng = np.random.default_rng(11)
    for _ in range(20):
        kinds, children, _, leaves, probs = random_tree(rng, 12)
        choice = np.full((12, len(kinds)), -1)
        for k, kind in enumerate(kinds):
            if kind == "decision":
                choice[:, k] = rng.integers(len(children[k]), size=12)
        values = tree_values(kinds, children, choice, leaves, probs)
        for p in range(12):
            expected = direct_values(kinds, children, choice, leaves, probs, p)
            assert np.allclose(values[p], expected, rtol=1e-12, atol=1e-12)


def test_profile_order_is_the_order_of_sort_equilibria():
    rng = np.random.default_rng(3)
    game = NormalFormGame([np.zeros((3, 2)), np.zeros((3, 2))])
    for _ in range(30):
        n = int(rng.integers(1, 8))
        # Probabilities on a coarse grid so that ties in leading coordinates are common.
        xs = [rng.integers(0, 4, size=3) for _ in range(n)]
        ys = [rng.integers(0, 4, size=2) for _ in range(n)]
        xs = [x / x.sum() if x.sum() else np.array([1.0, 0, 0]) for x in xs]
        ys = [y / y.sum() if y.sum() else np.array([0, 1.0]) for y in ys]
        point = np.zeros(n, dtype=np.intp)
        order = profile_order(point, [np.array(xs), np.array(ys)])
        eqs = [
            Equilibrium.from_profile(
                game,
                [
                    [Fraction(v).limit_denominator(12) for v in x],
                    [Fraction(v).limit_denominator(12) for v in y],
                ],
            )
            for x, y in zip(xs, ys, strict=True)
        ]
        expected = sort_equilibria(eqs)
        assert [eqs[i].exact_strategies for i in order] == [e.exact_strategies for e in expected]


def test_profile_order_groups_by_point_first():
    x = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 0.0], [0.5, 0.5]])
    order = profile_order([1, 0, 1, 0], [x, x])
    assert order.tolist() == [1, 3, 2, 0]


def test_the_old_kernels_module_warns_and_gives_the_same_objects():
    import importlib
    import sys

    from gametheory_alliances.sweep import kernels

    sys.modules.pop("gametheory_alliances.kernels", None)
    with pytest.warns(DeprecationWarning, match="gametheory_alliances.sweep.kernels"):
        old = importlib.import_module("gametheory_alliances.kernels")
    for name in [*kernels.__all__, "SINGULAR_TOLERANCE"]:
        assert getattr(old, name) is getattr(kernels, name), name
