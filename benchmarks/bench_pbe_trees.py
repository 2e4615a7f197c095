"""One perfect Bayesian solve of a catalogue tree: with the memo, without it, and pygambit's.

``tree_perfect_bayesian_equilibria`` remembers subtree values, the
conditions at each information set and the solutions of polynomial systems
by the behaviour they depend on (``memo=True``, the default); ``memo=False``
recomputes them for every profile (same results). A table sweep solves one
tree like these at every grid point, so the time per solve is what a table
costs per point.

The trees: the straddle model (three players, chance, seven information
sets) at its defaults and at ``p_C = p_P = 1/4``, the two-sided deterrence
model at its defaults, and Beer-Quiche. For reference, pygambit on the same
tree: ``lcp_solve`` (exact, two players; some Nash equilibria, no beliefs)
or, with three players, ``logit_solve`` (one sequential equilibrium, in
floating point). The work differs: the ratio says what a user waits for
each, not which algorithm is faster at the same task.

Run: ``python benchmarks/bench_pbe_trees.py`` (about a minute).
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import pygambit

from gametheory_alliances import load_model
from gametheory_alliances.game import game_of
from gametheory_alliances.io.efg import write_efg
from gametheory_alliances.solvers.perfect_bayesian_trees import tree_perfect_bayesian_equilibria

REPEATS = 3

TREES = [
    ("extended-deterrence-straddle", {}),
    ("extended-deterrence-straddle", {"p_C": Fraction(1, 4), "p_P": Fraction(1, 4)}),
    ("extended-deterrence-two-sided", {}),
    ("beer-quiche", {}),
]


def best_time(run: Callable[[], Any], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    print(
        f"{'tree':44s} {'memo=False':>10s} {'memo':>8s} {'speed-up':>8s} {'listed':>6s} "
        f"{'pygambit':>9s} {'':6s} {'memo/pygambit':>13s}"
    )
    for name, values in TREES:
        game = game_of(load_model(name).at(**values))
        theirs = pygambit.read_efg(io.StringIO(write_efg(game)))
        plain = best_time(lambda game=game: tree_perfect_bayesian_equilibria(game, memo=False), 1)
        memo = best_time(lambda game=game: tree_perfect_bayesian_equilibria(game), REPEATS)
        listed = len(tree_perfect_bayesian_equilibria(game))
        if game.n_players == 2:
            method, solve = "lcp", lambda t=theirs: pygambit.nash.lcp_solve(t, rational=True)
        else:
            method, solve = "logit", lambda t=theirs: pygambit.nash.logit_solve(t)
        reference = best_time(solve, REPEATS)
        label = name + ("" if not values else " " + ",".join(f"{k}={v}" for k, v in values.items()))
        print(
            f"{label:44s} {plain:10.3f} {memo:8.3f} {plain / memo:7.1f}x {listed:6d} "
            f"{reference:9.4f} {method:6s} {memo / reference:13.1f}"
        )


if __name__ == "__main__":
    main()
