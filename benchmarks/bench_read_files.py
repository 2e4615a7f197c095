"""Reading big Gambit files beside merely tokenising them, in one run.

* ``.efg``: the complete binary tree of depth 18 (262,144 leaves, three
  players, seeded uniform payoffs written as decimals) of
  ``bench_backward_induction.py``, about 30 MB;
* ``.nfg``: a 300 x 300 two-player game, payoffs written as decimals, as
  fractions and as integers.

For each file: the time of ``gta.read_game`` (the game held as arrays for
trees; exact payoffs checked and kept) and of the readers' one-pass regular
expression tokeniser (``io.efg.tokenize``, ``io.nfg.tokenize``: what reading
costs at least), best of ``--repeat``, and their ratio (target: at most 5x).

Run from the repository root: ``python benchmarks/bench_read_files.py [--depth 18]``.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from bench_backward_induction import efg_text, make_tree

import gametheory_alliances as gta
from gametheory_alliances.io import efg, nfg


def best_of(fn: Callable[[], Any], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def nfg_text(m: int, kind: str, seed: int = 7) -> str:
    rng = np.random.default_rng(seed)
    if kind == "decimal":
        values = [repr(float(v)) for v in rng.random(2 * m * m)]
    elif kind == "fraction":
        values = [f"{v}/7" for v in rng.integers(1, 1000, 2 * m * m)]
    else:
        values = [str(v) for v in rng.integers(-1000, 1000, 2 * m * m)]
    return f'NFG 1 R "bench" {{ "A" "B" }} {{ {m} {m} }}\n\n' + " ".join(values) + "\n"


def compare(
    label: str, text: str, suffix: str, tokenize: Callable[[str], Any], repeat: int
) -> None:
    with tempfile.NamedTemporaryFile("w", suffix=suffix, delete=False) as f:
        f.write(text)
        name = f.name
    try:
        t_tok = best_of(lambda: tokenize(text), repeat)
        t_read = best_of(lambda: gta.read_game(name), repeat)
    finally:
        os.unlink(name)
    print(
        f"  {label:44s} tokenise {t_tok:6.2f} s   read_game {t_read:6.2f} s   "
        f"ratio {t_read / t_tok:4.1f}x (target at most 5x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--depth", type=int, default=18)
    parser.add_argument("--size", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    gta.read_game  # noqa: B018 - the readers imported before timing
    print("reading files beside tokenising them (same process, best of", args.repeat, "runs)")
    text = efg_text(make_tree(args.depth))
    size = len(text.encode()) / 2**20
    compare(
        f".efg binary tree, depth {args.depth} ({size:.0f} MiB)",
        text,
        ".efg",
        efg.tokenize,
        args.repeat,
    )
    for kind in ("decimal", "fraction", "integer"):
        text = nfg_text(args.size, kind)
        compare(
            f".nfg {args.size}x{args.size}, {kind} payoffs", text, ".nfg", nfg.tokenize, args.repeat
        )


if __name__ == "__main__":
    main()
