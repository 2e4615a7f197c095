"""Quantal response equilibria and their estimation: ours beside pygambit's logit QRE.

Two comparisons, in one process, on seeded random normal-form games (small
integer payoffs) and on the catalogue's trees:

- **tracing**: the logit QRE at several precisions, by
  ``qre_correspondence`` (one trace of the principal branch in Python,
  with an analytic Jacobian for normal-form games) and by pygambit's
  ``logit_solve_lambda`` (C++); the largest difference of a probability
  between the two is printed beside the times;
- **estimation** where both apply (the precision of a fixed normal-form
  game, from simulated plays): ``fit(game, plays)`` beside pygambit's
  ``logit_estimate`` on the same counts; the two estimates of lambda are
  printed side by side. ``fit`` does more work (it checks identification
  and computes a standard error from the observed information) and can
  estimate payoff parameters, with covariates, which ``logit_estimate``
  cannot.

Run from the repository root::

    python benchmarks/bench_qre.py
    python benchmarks/bench_qre.py --games 1    # quicker

Times are per game (best of three for anything under a second).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import gametheory_alliances as gta
from gametheory_alliances.solvers.quantal_response import qre_correspondence

SHAPES = [(2, 2), (3, 3), (5, 5), (2, 2, 2), (3, 3, 3)]
TREES = ["extended-deterrence", "entrapment", "beer-quiche"]
LAMS = [0.5, 2.0, 8.0]


def best(fn, repeat: int = 3) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    elapsed = time.perf_counter() - start
    if elapsed < 1.0:
        for _ in range(repeat - 1):
            start = time.perf_counter()
            fn()
            elapsed = min(elapsed, time.perf_counter() - start)
    return elapsed, out


def gambit_tree(game: gta.SequentialGame):
    import pygambit

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tree.efg"
        gta.write_game(game, path)
        return pygambit.read_efg(str(path))


def tracing(games: int) -> None:
    import pygambit

    print(f"QRE at lambda = {LAMS} (one trace each)")
    print(f"{'game':<22} {'ours (s)':>9} {'gambit (s)':>11} {'ratio':>7} {'max |diff|':>11}")
    for shape in SHAPES:
        ours_t = gambit_t = diff = 0.0
        for seed in range(games):
            rng = np.random.default_rng(seed)
            game = gta.NormalFormGame([rng.integers(-5, 6, size=shape) for _ in shape])
            g = game.to_pygambit()
            t, ours = best(lambda game=game: qre_correspondence(game, LAMS))
            ours_t += t
            t, theirs = best(lambda g=g: pygambit.qre.logit_solve_lambda(g, LAMS))
            gambit_t += t
            for mine, other in zip(ours.equilibria, theirs, strict=True):
                profile = other.profile
                flat = np.array([float(profile[s]) for s in g.strategies])
                diff = max(diff, float(np.max(np.abs(flat - np.concatenate(mine.strategies)))))
        label = " x ".join(map(str, shape))
        print(
            f"{label:<22} {ours_t / games:>9.4f} {gambit_t / games:>11.4f} "
            f"{ours_t / gambit_t:>7.1f} {diff:>11.1e}"
        )
    for name in TREES:
        game = gta.load_model(name).at()
        g = gambit_tree(game)
        t_ours, _ = best(lambda game=game: qre_correspondence(game, LAMS))
        t_gambit, _ = best(lambda g=g: pygambit.qre.logit_solve_lambda(g, LAMS))
        print(f"{name:<22} {t_ours:>9.4f} {t_gambit:>11.4f} {t_ours / t_gambit:>7.1f} {'':>11}")


def estimation(games: int, n: int) -> None:
    import pygambit

    print()
    print(f"lambda of a fixed game from {n} simulated plays (true lambda 1.5)")
    print(
        f"{'game':<22} {'fit (s)':>9} {'gambit (s)':>11} {'ratio':>7} "
        f"{'fit lambda':>11} {'gambit lambda':>14}"
    )
    for shape in SHAPES[:4]:
        for seed in range(games):
            rng = np.random.default_rng(seed)
            game = gta.NormalFormGame([rng.integers(-5, 6, size=shape) for _ in shape])
            plays = gta.simulate(game, {}, lam=1.5, n=n, seed=seed, actions=True)
            g = game.to_pygambit()
            profile = g.mixed_strategy_profile(rational=False)
            for player in g.players:
                for s in player.strategies:
                    profile[s] = sum(1 for row in plays if row[player.label] == s.label)
            t_ours, ours = best(lambda game=game, plays=plays: gta.fit(game, plays))
            t_gambit, theirs = best(lambda profile=profile: pygambit.qre.logit_estimate(profile))
            label = " x ".join(map(str, shape)) + f" #{seed}"
            print(
                f"{label:<22} {t_ours:>9.4f} {t_gambit:>11.4f} {t_ours / t_gambit:>7.1f} "
                f"{ours.estimates['lambda']:>11.6f} {theirs.lam:>14.6f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=3, help="random games per shape (default 3)")
    parser.add_argument("--n", type=int, default=500, help="plays per estimation (default 500)")
    args = parser.parse_args()
    tracing(args.games)
    estimation(min(args.games, 2), args.n)


if __name__ == "__main__":
    main()
