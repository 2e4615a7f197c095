"""Perfect Bayesian equilibria of trees: this toolkit's enumeration vs pygambit's logit_solve.

The games, each solved by both:

* Selten's horse (three players, imperfect information);
* Beer-Quiche (a signalling game);
* the two-sided extended deterrence model at its defaults (private
  information on both sides, six information sets);
* seeded random deterrence trees of the same shape, with integer payoffs.

The toolkit lists every pure perfect Bayesian equilibrium and the extreme
points of every family in which one information set mixes, exactly, with the
supporting beliefs; ``pygambit.nash.logit_solve`` traces the logit
quantal-response correspondence to one sequential equilibrium, in floating
point. The work differs, so the ratio says what a user waits for each, not
which algorithm is faster at the same task.

Run: ``python benchmarks/bench_pbe.py`` (well under a minute).
"""

from __future__ import annotations

import io
import random
import time
from collections.abc import Callable
from typing import Any

import pygambit

from gametheory_alliances import load_model
from gametheory_alliances.io.efg import write_efg
from gametheory_alliances.sequential import Chance, Decision, SequentialGame, Terminal
from gametheory_alliances.signalling import SignallingGame
from gametheory_alliances.solvers.perfect_bayesian_trees import tree_perfect_bayesian_equilibria

SEED = 20240518
REPEATS = 3


def selten_horse() -> SequentialGame:
    def three(left: list[int], right: list[int]) -> Decision:
        return Decision("3", {"L": Terminal(left), "R": Terminal(right)}, infoset="3")

    return SequentialGame(
        Decision(
            "1",
            {
                "C": Decision("2", {"c": Terminal([1, 1, 1]), "d": three([4, 4, 0], [1, 1, 1])}),
                "D": three([3, 3, 2], [0, 0, 0]),
            },
        ),
        players=["1", "2", "3"],
    )


def beer_quiche() -> SequentialGame:
    return SignallingGame.from_arrays(
        ["Strong", "Weak"],
        ["9/10", "1/10"],
        ["Beer", "Quiche"],
        ["Duel", "Not duel"],
        [[[(1, 0), (3, 1)], [(0, 0), (2, 1)]], [[(0, 1), (2, 0)], [(1, 1), (3, 0)]]],
    ).game


def random_deterrence(rng: random.Random) -> SequentialGame:
    def leaf() -> Terminal:
        return Terminal([rng.randint(-2, 2), rng.randint(-2, 2)])

    def after_challenge(c: str) -> Chance:
        def defender(d: str) -> Decision:
            last = Decision("C", {"Back": leaf(), "Fight": leaf()}, infoset=f"C{c} after resist")
            return Decision("D", {"Concede": leaf(), "Resist": last}, infoset=f"D{d}")

        return Chance({"DH": ("1/3", defender("H")), "DS": ("2/3", defender("S"))})

    return SequentialGame(
        Chance(
            {
                f"C{c}": (p, Decision("C", {"Status quo": leaf(), "Challenge": after_challenge(c)}))
                for c, p in (("H", "1/2"), ("S", "1/2"))
            }
        ),
        players=["C", "D"],
    )


def best_time(run: Callable[[], Any]) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    rng = random.Random(SEED)
    games = [
        ("Selten's horse", selten_horse()),
        ("Beer-Quiche", beer_quiche()),
        ("extended-deterrence-two-sided", load_model("extended-deterrence-two-sided").at()),
    ] + [(f"random deterrence #{k}", random_deterrence(rng)) for k in range(3)]
    print(f"{'game':32s} {'toolkit (s)':>12s} {'listed':>7s} {'logit (s)':>10s} {'ratio':>7s}")
    for name, game in games:
        theirs = pygambit.read_efg(io.StringIO(write_efg(game)))
        ours = best_time(lambda game=game: tree_perfect_bayesian_equilibria(game))
        logit = best_time(lambda theirs=theirs: pygambit.nash.logit_solve(theirs))
        listed = len(tree_perfect_bayesian_equilibria(game))
        print(f"{name:32s} {ours:12.4f} {listed:7d} {logit:10.4f} {ours / logit:7.2f}")


if __name__ == "__main__":
    main()
