"""All-equilibria time of two-player solvers on random n x n games, in one process.

Compares ``gametheory_alliances.nash_equilibria`` (floating-point and exact
mode) with nashpy (support and vertex enumeration), pygambit's ``enummixed``
(floating point and rational) and quantecon's support enumeration, and
checks every solver's equilibria against the exact extreme equilibria.

Run from the repository root::

    python benchmarks/bench_nash.py            # n = 2..8, 3 games per size
    python benchmarks/bench_nash.py --quick    # n = 2..5, 2 games per size

Games are seeded: payoffs are integers drawn uniformly from [0, 1000), given
as floats to the floating-point solvers and as integers to the exact ones.
Times are per game (the best of ``--repeat`` runs, one run for anything
slower than half a second), excluding conversions between game objects and
quantecon's one-off compilation.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gametheory_alliances import NormalFormGame
from gametheory_alliances.solvers.vertex_enumeration import nash_equilibria

Profiles = list[np.ndarray]


def _ours(game: NormalFormGame, exact: bool) -> Callable[[], Profiles]:
    def run() -> Profiles:
        return [np.concatenate(eq.strategies) for eq in nash_equilibria(game, exact=exact)]

    return run


def _nashpy(a: np.ndarray, b: np.ndarray, method: str) -> Callable[[], Profiles]:
    import nashpy

    game = nashpy.Game(a, b)

    def run() -> Profiles:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return [np.concatenate(s) for s in getattr(game, method)()]

    return run


def _gambit(game: NormalFormGame, rational: bool) -> Callable[[], Profiles]:
    import pygambit

    g = game.to_pygambit()

    def run() -> Profiles:
        result = pygambit.nash.enummixed_solve(g, rational=rational)
        return [
            np.array([float(eq[s]) for p in g.players for s in p.strategies])
            for eq in result.equilibria
        ]

    return run


def _quantecon(a: np.ndarray, b: np.ndarray) -> Callable[[], Profiles]:
    import quantecon.game_theory as gt

    game = gt.NormalFormGame((gt.Player(a), gt.Player(b.T)))

    def run() -> Profiles:
        return [np.concatenate(s) for s in gt.support_enumeration(game)]

    return run


SOLVERS = [
    ("ours float", "ours"),
    ("ours exact", "ours"),
    ("nashpy support", "nashpy"),
    ("nashpy vertex", "nashpy"),
    ("gambit float", "gambit"),
    ("gambit rational", "gambit"),
    ("quantecon support", "quantecon"),
]


def _time(run: Callable[[], Profiles], repeat: int) -> tuple[float, Profiles]:
    best = float("inf")
    out: Profiles = []
    for _ in range(repeat):
        start = time.perf_counter()
        out = run()
        elapsed = time.perf_counter() - start
        best = min(best, elapsed)
        if elapsed > 0.5:
            break
    return best, out


def _agrees(found: Profiles, reference: Profiles, tol: float = 1e-6) -> bool:
    if len(found) != len(reference):
        return False
    if not found:
        return True
    distance = np.abs(np.array(found)[:, None, :] - np.array(reference)[None, :, :]).max(axis=2)
    return bool(distance.min(axis=1).max() < tol and distance.min(axis=0).max() < tol)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="n = 2..5, 2 games per size")
    parser.add_argument("--sizes", type=int, nargs="+", help="the sizes n to run")
    parser.add_argument("--games", type=int, help="random games per size (default 3)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per game (best kept)")
    parser.add_argument(
        "--nashpy-max-n", type=int, default=8, help="largest n for nashpy (slow: ~30 s at n = 8)"
    )
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    sizes = args.sizes or (list(range(2, 6)) if args.quick else list(range(2, 9)))
    games = args.games or (2 if args.quick else 3)

    import nashpy
    import pygambit
    import quantecon

    print(
        f"numpy {np.__version__}, nashpy {nashpy.__version__}, pygambit {pygambit.__version__}, "
        f"quantecon {quantecon.__version__}; {games} games per size, seed {args.seed}"
    )
    rng = np.random.default_rng(args.seed)
    _quantecon(np.eye(2), np.eye(2))()  # compile quantecon's numba kernels outside the timings

    names = [name for name, _ in SOLVERS]
    rows = []
    for n in sizes:
        times: dict[str, list[float]] = {name: [] for name in names}
        counts: dict[str, list[int]] = {name: [] for name in names}
        wrong: dict[str, int] = dict.fromkeys(names, 0)
        for _ in range(games):
            ints = [rng.integers(0, 1000, (n, n)) for _ in range(2)]
            floats = [m.astype(np.float64) for m in ints]
            exact_game = NormalFormGame(ints)
            float_game = NormalFormGame(floats)
            runs: dict[str, Callable[[], Profiles] | None] = {
                "ours float": _ours(float_game, exact=False),
                "ours exact": _ours(exact_game, exact=True),
                "nashpy support": _nashpy(*floats, "support_enumeration")
                if n <= args.nashpy_max_n
                else None,
                "nashpy vertex": _nashpy(*floats, "vertex_enumeration")
                if n <= args.nashpy_max_n
                else None,
                "gambit float": _gambit(exact_game, rational=False),
                "gambit rational": _gambit(exact_game, rational=True),
                "quantecon support": _quantecon(*floats),
            }
            # The reference: the exact extreme equilibria (checked against gambit's
            # rational enummixed in the test suite, and here in its column).
            reference = _ours(exact_game, exact=True)()
            for name in names:
                run = runs[name]
                if run is None:
                    continue
                slow = name.startswith("nashpy")
                elapsed, found = _time(run, 1 if slow else args.repeat)
                times[name].append(elapsed)
                counts[name].append(len(found))
                wrong[name] += not _agrees(found, reference)
        rows.append((n, times, counts, wrong))

    base = "ours float"
    header = f"{'n':>2} " + " ".join(f"{name:>22}" for name in names)
    print()
    print("mean time per game in ms (x = that time / ours float)")
    print(header)
    for n, times, _, _ in rows:
        ours = float(np.mean(times[base]))
        cells = []
        for name in names:
            if not times[name]:
                cells.append(f"{'-':>22}")
                continue
            t = float(np.mean(times[name]))
            cells.append(f"{t * 1e3:11.3f} ({t / ours:7.2f}x)")
        print(f"{n:>2} " + " ".join(cells))
    print()
    print("equilibria found per game; ! = differs from the exact extreme equilibria in k games")
    print(header)
    for n, _, counts, wrong in rows:
        cells = []
        for name in names:
            if not counts[name]:
                cells.append(f"{'-':>22}")
                continue
            text = ",".join(map(str, counts[name])) + (f" !{wrong[name]}" if wrong[name] else "")
            cells.append(f"{text:>22}")
        print(f"{n:>2} " + " ".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
