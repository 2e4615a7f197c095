"""All-equilibria time on random 3- and 4-player games: ours beside pygambit's enumpoly.

Compares ``gametheory_alliances.solvers.support_enumeration`` (exact:
Groebner bases over the rationals, algebraic numbers for irrational
equilibria) with pygambit's ``enumpoly_solve`` (floating-point polynomial
solving) on the same seeded games, in one process, and reports how many
equilibria each lists (every one of ours is certified exactly).

Run from the repository root::

    python benchmarks/bench_nplayer.py            # 3 games per shape
    python benchmarks/bench_nplayer.py --games 1  # quicker

Payoffs are integers drawn uniformly from [-50, 50]. Times are per game.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gametheory_alliances import NormalFormGame
from gametheory_alliances.solvers.support_enumeration import support_enumeration

SHAPES = [(2, 2, 2), (3, 2, 2), (3, 3, 2), (3, 3, 3), (2, 2, 2, 2), (3, 2, 2, 2)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=3, help="games per shape (default 3)")
    args = parser.parse_args()
    import pygambit

    print(
        f"{'shape':<12} {'ours (s)':>10} {'enumpoly (s)':>13} {'ratio':>8} {'ours #':>7} {'gambit #':>9}"
    )
    for shape in SHAPES:
        ours_t = gambit_t = 0.0
        ours_n = gambit_n = 0
        for seed in range(args.games):
            rng = np.random.default_rng(seed)
            game = NormalFormGame([rng.integers(-50, 51, size=shape) for _ in shape])
            g = game.to_pygambit()
            start = time.perf_counter()
            result = support_enumeration(game)
            ours_t += time.perf_counter() - start
            assert all(eq.certify() for eq in result)
            start = time.perf_counter()
            theirs = pygambit.nash.enumpoly_solve(g)
            gambit_t += time.perf_counter() - start
            ours_n += len(result)
            gambit_n += len(theirs.equilibria)
        label = " x ".join(map(str, shape))
        print(
            f"{label:<12} {ours_t / args.games:>10.3f} {gambit_t / args.games:>13.4f} "
            f"{ours_t / max(gambit_t, 1e-9):>8.1f} {ours_n:>7} {gambit_n:>9}"
        )


if __name__ == "__main__":
    main()
