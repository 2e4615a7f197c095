"""Every extreme equilibrium of larger two-player games: reverse search against pygambit.

``gta.nash_equilibria`` (which takes the lexicographic reverse search of
``solvers/reverse_search.py`` for games of this size) against pygambit's
floating-point ``enummixed`` and against the exhaustive enumeration of
candidate bases (``method="bases"``, the method before reverse search), in
one process, on seeded random games. For each game it prints the times (best
of ``--repeat`` runs, one run for anything slower than two seconds), the
ratios pygambit / ours and bases / ours (above 1: ours is faster), the
number of equilibria each found, whether they agree (matched to 1e-6), and
the memory allocated at peak while ours solves (``tracemalloc``), and whether
ours verified its floating-point equilibria exactly (the result's last note;
the check is part of its time).

Run from the repository root::

    python benchmarks/bench_reverse_search.py              # 12x12, 4x30, 14x14, 3 games each
    python benchmarks/bench_reverse_search.py --games 1 --exact

Payoffs are integers drawn from [0, 1000), given as floats (floating-point
mode, as pygambit's ``rational=False``); ``--exact`` also times exact mode
on the integer game. The candidate bases are skipped where they would
examine more than ``--bases-max`` bases (default 6 million: 12 x 12 is
5.4 million, 14 x 14 80 million).
"""

from __future__ import annotations

import argparse
import functools
import math
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import gametheory_alliances as gta
from gametheory_alliances import NormalFormGame
from gametheory_alliances.solvers.vertex_enumeration import nash_equilibria


def _timed(run: Callable[[], object], repeat: int) -> tuple[float, object]:
    best, out = math.inf, None
    for _ in range(repeat):
        start = time.perf_counter()
        out = run()
        elapsed = time.perf_counter() - start
        best = min(best, elapsed)
        if elapsed > 2.0:
            break
    return best, out


def _profiles(result: object) -> list[np.ndarray]:
    return sorted(
        (np.concatenate(eq.strategies) for eq in result),  # type: ignore[attr-defined]
        key=lambda v: tuple(np.round(v, 6)),
    )


def _gambit(game: NormalFormGame) -> Callable[[], list[np.ndarray]]:
    import pygambit

    g = game.to_pygambit()

    def run() -> list[np.ndarray]:
        result = pygambit.nash.enummixed_solve(g, rational=False)
        return sorted(
            (
                np.array([float(eq[s]) for p in g.players for s in p.strategies])
                for eq in result.equilibria
            ),
            key=lambda v: tuple(np.round(v, 6)),
        )

    return run


def _same(first: list[np.ndarray], second: list[np.ndarray]) -> bool:
    return len(first) == len(second) and all(
        np.allclose(u, v, atol=1e-6) for u, v in zip(first, second, strict=True)
    )


def _peak_mib(run: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--games", type=int, default=3, help="random games per shape")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (best taken)")
    parser.add_argument(
        "--shapes", nargs="+", default=["12x12", "4x30", "14x14"], help="shapes as MxN"
    )
    parser.add_argument("--bases-max", type=int, default=6_000_000, help="skip bases above")
    parser.add_argument("--exact", action="store_true", help="also time exact mode")
    args = parser.parse_args()
    rng = np.random.default_rng(2026)
    header = (
        f"{'game':<10} {'ours':>9} {'pygambit':>9} {'ratio':>7} {'bases':>9} {'ratio':>7} "
        f"{'eqs':>5} {'agree':>6} {'peak MiB':>9} {'verified':>9}"
    )
    if args.exact:
        header += f" {'exact':>9}"
    print(header)
    for shape in args.shapes:
        m, n = (int(v) for v in shape.lower().split("x"))
        for k in range(args.games):
            a, b = rng.integers(0, 1000, (m, n)), rng.integers(0, 1000, (m, n))
            game = NormalFormGame([a.astype(float), b.astype(float)])
            ours_time, ours = _timed(functools.partial(gta.nash_equilibria, game), args.repeat)
            ours_profiles = _profiles(ours)
            gambit_time, gambit_profiles = _timed(_gambit(game), args.repeat)
            agree = _same(ours_profiles, gambit_profiles)  # type: ignore[arg-type]
            if 2 * math.comb(m + n, m) <= args.bases_max:
                bases_time, bases = _timed(
                    functools.partial(nash_equilibria, game, method="bases", max_vertices=None),
                    1,
                )
                agree = agree and _same(ours_profiles, _profiles(bases))
                bases_text = f"{bases_time * 1e3:7.0f}ms {bases_time / ours_time:6.1f}x"
            else:
                bases_text = f"{'-':>9} {'-':>7}"
            peak = _peak_mib(functools.partial(gta.nash_equilibria, game))
            line = (
                f"{shape}#{k + 1:<4} {ours_time * 1e3:7.0f}ms {gambit_time * 1e3:7.0f}ms "
                f"{gambit_time / ours_time:6.2f}x {bases_text} {len(ours_profiles):5d} "
                f"{'yes' if agree else 'NO':>6} {peak:9.1f} "
                f"{'yes' if ours.notes[-1].startswith('verified exactly') else 'NO':>9}"  # type: ignore[attr-defined]
            )
            if args.exact:
                exact_game = NormalFormGame([a, b])
                exact_time, _ = _timed(functools.partial(gta.nash_equilibria, exact_game), 1)
                line += f" {exact_time * 1e3:7.0f}ms"
            print(line, flush=True)


if __name__ == "__main__":
    main()
