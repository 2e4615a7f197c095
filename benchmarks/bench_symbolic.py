"""Timing of the symbolic layer: closed-form equilibrium regions.

Two cases from the design targets:

* the fully symbolic 2x2 game (8 payoff symbols): every candidate extreme
  equilibrium and its region, target under 2 s;
* a 3-player tree of 3 moves (Challenger, Patron, Protege; two actions
  each, 7 decision nodes) with 10 parameters: symbolic backward induction
  over parameter space, target under 5 s.

Run ``python benchmarks/bench_symbolic.py`` (from the repository root); it
prints the timings (best of ``--repeat`` runs) and the number of regions.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

from gametheory_alliances import NormalFormGame
from gametheory_alliances.sequential import Decision, SequentialGame, Terminal
from gametheory_alliances.symbolic import equilibrium_regions, spe_regions


def symbolic_2x2() -> NormalFormGame:
    """The 2x2 game whose eight payoffs are eight independent parameters."""
    names = ["a11", "a12", "a21", "a22", "b11", "b12", "b21", "b22"]
    return NormalFormGame(
        [[["a11", "a12"], ["a21", "a22"]], [["b11", "b12"], ["b21", "b22"]]],
        parameters=names,
    )


def alliance_tree() -> SequentialGame:
    """Challenger, Patron and Protege move in turn; payoffs use 10 parameters.

    The challenger presses or holds; the patron commits or stays aloof; the
    protege stands firm or concedes. Payoffs are linear in the stakes ``v``,
    the costs ``k_C, k_P, k_R``, the probabilities of winning ``p_D, p_S``
    (with and without the patron), reputation ``r``, the protege's autonomy
    ``a``, the patron's entrapment cost ``e`` and the status quo ``s``.
    """
    outcomes = {
        ("Press", "Commit", "Stand firm"): ("v*(1 - p_D) - k_C", "v*p_D - k_P + r", "v*p_D - k_R"),
        ("Press", "Commit", "Concede"): ("v - a", "r - e", "a - v"),
        ("Press", "Aloof", "Stand firm"): ("v*(1 - p_S) - k_C", "-r", "v*p_S - k_R"),
        ("Press", "Aloof", "Concede"): ("v", "-r", "-v"),
        ("Hold", "Commit", "Stand firm"): ("s - k_C", "s - e", "s + a"),
        ("Hold", "Commit", "Concede"): ("s", "s - e", "s"),
        ("Hold", "Aloof", "Stand firm"): ("s", "s", "s + a - k_R"),
        ("Hold", "Aloof", "Concede"): ("s", "s", "s - a"),
    }
    root = Decision(
        "Challenger",
        {
            c: Decision(
                "Patron",
                {
                    p: Decision(
                        "Protege",
                        {r: Terminal(list(outcomes[c, p, r])) for r in ("Stand firm", "Concede")},
                    )
                    for p in ("Commit", "Aloof")
                },
            )
            for c in ("Press", "Hold")
        },
    )
    return SequentialGame(
        root,
        players=["Challenger", "Patron", "Protege"],
        parameters={
            "v": "positive",
            "k_C": "positive",
            "k_P": "positive",
            "k_R": "positive",
            "p_D": "[0, 1]",
            "p_S": "[0, 1]",
            "r": "nonnegative",
            "a": "nonnegative",
            "e": "nonnegative",
            "s": "real",
        },
        title="Extended deterrence with a protege",
    )


def timed(run: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """Wall-clock time of the first run (cold caches), the best of ``repeat`` runs, the result."""
    times = []
    result = None
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return times[0], min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    game = symbolic_2x2()
    first, best, regions = timed(lambda: equilibrium_regions(game), args.repeat)
    print(
        f"fully symbolic 2x2 (8 symbols): first {first:.3f} s, best {best:.3f} s, "
        f"{len(regions)} regions (target < 2 s)"
    )
    tree = alliance_tree()
    first, best, pieces = timed(lambda: spe_regions(tree), args.repeat)
    print(
        f"3-player 3-move tree (10 parameters): first {first:.3f} s, best {best:.3f} s, "
        f"{len(pieces)} SPE regions (target < 5 s)"
    )


if __name__ == "__main__":
    main()
