"""Backward induction on a large perfect-information tree: vectorised vs plain Python vs pygambit.

The tree: complete binary, depth 18 (262,144 leaves), three players moving in
turn, payoffs uniform on [0, 1) from a seeded generator (ties have
probability zero, so the subgame-perfect equilibrium is unique).

* ``backward_induction`` (this toolkit): one batch of numpy operations per level;
* a plain recursive Python backward induction over the same tree (lists, no numpy);
* the public path: the tree written as a Gambit ``.efg`` file, read by
  ``gta.read_game`` (held as arrays) and solved by
  ``gta.subgame_perfect_equilibria`` (the vectorised pass on the arrays, the
  result built lazily; its payoffs checked against the plain recursion): the first call (which lays the arrays out level by level) and
  the best of the next calls, each beside the plain recursion (target: at
  least 50x);
* pygambit has no subgame-perfect solver for trees. The closest it offers:
  ``logit_solve`` (traces the logit quantal-response correspondence; its
  limit is a sequential, hence subgame-perfect, equilibrium, and it handles
  three players), ``enumpure_agent_solve`` (every pure agent-form
  equilibrium: a superset of the pure SPE, exponential in the number of
  information sets) and ``lcp_solve`` (one Nash equilibrium of a two-player
  tree via the sequence form, not necessarily subgame perfect). Each of these
  takes seconds already at depth 4 to 6 (16 to 64 leaves) and grows much
  faster than the tree, so depth 18 is far out of reach: they are timed on
  small trees of the same kind and set beside the toolkit on the same trees.

Run: ``python benchmarks/bench_backward_induction.py`` (about half a minute).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from gametheory_alliances.solvers.array_backward_induction import ArrayTree, backward_induction

SEED = 20240518
N_PLAYERS = 3


def make_tree(depth: int, n_players: int = N_PLAYERS, seed: int = SEED) -> ArrayTree:
    rng = np.random.default_rng(seed)
    return ArrayTree.complete(depth, 2, rng.random((2**depth, n_players)))


def node_tree(tree: ArrayTree) -> Any:
    """The complete tree as nested Python tuples: ``("move", player, [children])`` or ``("leaf", payoffs)``."""
    depth = tree.depth - 1
    movers = [int(tree.players[d][0]) for d in range(depth)]
    payoffs = [tuple(row) for row in tree.payoffs.tolist()]

    def build(d: int, k: int) -> Any:
        if d == depth:
            return ("leaf", payoffs[k])
        return ("move", movers[d], [build(d + 1, 2 * k), build(d + 1, 2 * k + 1)])

    return build(0, 0)


def plain_backward_induction(node: Any, strategy: dict[int, int]) -> tuple[float, ...]:
    """The textbook recursion: the value of each subtree, the best action stored at every node."""
    if node[0] == "leaf":
        return node[1]  # type: ignore[no-any-return]
    _, player, children = node
    best_value: tuple[float, ...] | None = None
    best_action = 0
    for action, child in enumerate(children):
        value = plain_backward_induction(child, strategy)
        if best_value is None or value[player] > best_value[player]:
            best_value, best_action = value, action
    strategy[id(node)] = best_action
    assert best_value is not None
    return best_value


def recursive_backward_induction(
    payoffs: list[list[float]], movers: list[int]
) -> tuple[list[float], list[int]]:
    """A leaner recursion: leaves indexed by position, only the equilibrium path kept."""
    depth = len(movers)

    def solve(d: int, k: int) -> tuple[list[float], list[int]]:
        if d == depth:
            return payoffs[k], []
        left = solve(d + 1, 2 * k)
        right = solve(d + 1, 2 * k + 1)
        i = movers[d]
        if right[0][i] > left[0][i]:
            return right[0], [1, *right[1]]
        return left[0], [0, *left[1]]

    return solve(0, 0)


def best_of(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best = float("inf")
    out = None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def efg_text(tree: ArrayTree) -> str:
    """The complete binary tree as Gambit .efg text (every node its own information set)."""
    depth = tree.depth - 1
    players = " ".join(f'"P{i + 1}"' for i in range(tree.n_players))
    lines = [f'EFG 2 D "bench" {{ {players} }}', '""', ""]
    counters = [0] * tree.n_players
    leaf = 0

    def emit(d: int) -> None:
        nonlocal leaf
        if d == depth:
            leaf += 1
            pay = ", ".join(repr(float(v)) for v in tree.payoffs[leaf - 1])
            lines.append(f't "" {leaf} "o{leaf}" {{ {pay} }}')
            return
        i = int(tree.players[d][0])
        counters[i] += 1
        lines.append(f'p "" {i + 1} {counters[i]} "" {{ "L" "R" }} 0')
        emit(d + 1)
        emit(d + 1)

    emit(0)
    return "\n".join(lines) + "\n"


def pygambit_game(tree: ArrayTree) -> Any:
    import pygambit

    with tempfile.NamedTemporaryFile("w", suffix=".efg", delete=False) as f:
        f.write(efg_text(tree))
        name = f.name
    try:
        return pygambit.read_efg(name)
    finally:
        os.unlink(name)


def main() -> None:
    depth = 18
    tree = make_tree(depth)
    print(f"complete binary tree, depth {depth}: {2**depth:,} leaves, {N_PLAYERS} players")
    t_vec, res = best_of(lambda: backward_induction(tree), 7)
    root = node_tree(tree)
    t_plain, plain_values = best_of(lambda: plain_backward_induction(root, {}), 3)
    payoffs = tree.payoffs.tolist()
    movers = [int(tree.players[d][0]) for d in range(depth)]
    t_rec, (values, path) = best_of(lambda: recursive_backward_induction(payoffs, movers), 3)
    agree = (
        np.allclose(res.values, values)
        and np.allclose(res.values, plain_values)
        and list(res.path) == path
    )
    print(
        f"  vectorised backward_induction        {t_vec * 1e3:8.1f} ms   unique SPE: {res.unique}"
    )
    print(
        f"  plain recursive Python (node tuples, {t_plain * 1e3:8.1f} ms   "
        f"speed-up {t_plain / t_vec:6.1f}x (target: at least 50x)"
    )
    print("    best action stored at every node)")
    print(
        f"  lean recursion (leaf indices, path   {t_rec * 1e3:8.1f} ms   "
        f"speed-up {t_rec / t_vec:6.1f}x"
    )
    print("    only, no strategy)")
    print(f"  same values and path: {agree}")
    if not agree:
        sys.exit("the backward inductions disagree")

    # The public path: a .efg file, read_game, subgame_perfect_equilibria.
    import gametheory_alliances as gta

    with tempfile.NamedTemporaryFile("w", suffix=".efg", delete=False) as f:
        f.write(efg_text(tree))
        name = f.name
    try:
        t_read, game = best_of(lambda: gta.read_game(name), 1)
    finally:
        os.unlink(name)
    t_first, spe = best_of(lambda: gta.subgame_perfect_equilibria(game), 1)
    t_spe, spe = best_of(lambda: gta.subgame_perfect_equilibria(game), 7)
    eq = spe[0]
    same = len(spe) == 1 and np.allclose(eq.payoffs, plain_values)
    print(f"  read_game of the tree as .efg ({2**depth:,} leaves)  {t_read:8.2f} s")
    print(
        f"  subgame_perfect_equilibria on it: first call {t_first * 1e3:.1f} ms "
        f"({t_plain / t_first:.1f}x the plain recursion), then {t_spe * 1e3:.1f} ms "
        f"({t_plain / t_spe:.1f}x; target at least 50x); {spe.method}; same payoffs: {same}"
    )
    if not same:
        sys.exit("the public path disagrees with the plain recursion")

    try:
        import pygambit
    except ImportError:
        print("pygambit is not installed: skipping the comparison with it")
        return
    print()
    print("pygambit (no subgame-perfect solver for trees; the closest tools, smaller trees):")
    for d, solver, label in (
        (3, "enumpure_agent_solve", "every pure agent-form equilibrium"),
        (4, "enumpure_agent_solve", "every pure agent-form equilibrium"),
        (4, "logit_solve", "limiting logit equilibrium"),
        (6, "logit_solve", "limiting logit equilibrium"),
    ):
        small = make_tree(d)
        t_ours, ours = best_of(lambda small=small: backward_induction(small), 5)
        t_build, g = best_of(lambda small=small: pygambit_game(small), 1)
        t_gbt, out = best_of(lambda g=g, solver=solver: getattr(pygambit.nash, solver)(g), 1)
        found = len(out.equilibria)
        print(
            f"  depth {d:2d} ({2**d:4d} leaves) {solver:22s} {t_gbt * 1e3:10.1f} ms "
            f"({found} found: {label}); building the tree {t_build * 1e3:.1f} ms; "
            f"vectorised {t_ours * 1e3:.3f} ms: {t_gbt / t_ours:,.0f}x"
        )
        if solver == "logit_solve":
            eq = out.equilibria[0]
            payoff = [float(eq.payoff(p)) for p in g.players]
            print(
                f"      logit limit payoffs {np.round(payoff, 4)}; SPE payoffs {np.round(ours.values, 4)}"
            )
    two = make_tree(4, n_players=2)
    g = pygambit_game(two)
    t_ours, ours = best_of(lambda: backward_induction(two), 5)
    t_gbt, out = best_of(lambda: pygambit.nash.lcp_solve(g, rational=True), 1)
    payoff = [float(out.equilibria[0].payoff(p)) for p in g.players]
    print(
        f"  depth  4 (  16 leaves, 2 players) lcp_solve {t_gbt * 1e3:10.1f} ms (one Nash "
        f"equilibrium, sequence form); vectorised {t_ours * 1e3:.3f} ms: {t_gbt / t_ours:,.0f}x"
    )
    print(
        f"      lcp payoffs {np.round(payoff, 4)}; SPE payoffs {np.round(ours.values, 4)} "
        "(a Nash equilibrium need not be subgame perfect)"
    )


if __name__ == "__main__":
    main()
