"""Start-up time of the ``gta`` command beside ``python -c "import numpy"``, in one run.

Each command is started as a fresh interpreter ``--repeat`` times, interleaved
(so a change in the machine's load hits all of them alike), and the best
time of each is printed with its ratio to importing numpy (target: within
3x for ``gta --version`` and for ``gta solve`` of a small game). A catalogue
model bound to numbers with ``--set`` is read without sympy
(``io/model_numeric``; a bound tree holds Fractions); a tie (``--set c=b1``)
goes through the symbolic reader: its row shows what sympy costs.

Byte-compiled files are written and used (``PYTHONDONTWRITEBYTECODE`` is
cleared for the commands), as in an installed package.

Run from the repository root: ``python benchmarks/bench_startup.py [--repeat 7]``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GAME = ROOT / "models" / "games" / "prisoners-dilemma.nfg"

COMMANDS = {
    'python -c "import numpy"': [sys.executable, "-c", "import numpy"],
    "import gametheory_alliances": [sys.executable, "-c", "import gametheory_alliances"],
    "gta --version": [sys.executable, "-m", "gametheory_alliances", "--version"],
    "gta solve (2x2 .nfg)": [sys.executable, "-m", "gametheory_alliances", "solve", str(GAME)],
    "gta solve (catalogue 2x2, --set)": [
        *(sys.executable, "-m", "gametheory_alliances", "solve", "burden-sharing"),
        *("--set", "b2=5", "--set", "c=1"),
    ],
    "gta solve (catalogue tree, --set)": [
        *(sys.executable, "-m", "gametheory_alliances", "solve", "entrapment"),
        *("--set", "r_R=1/2"),
    ],
    "gta solve (catalogue 2x2, a tie)": [
        *(sys.executable, "-m", "gametheory_alliances", "solve", "burden-sharing"),
        *("--set", "b2=5", "--set", "c=b1"),
    ],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    best = dict.fromkeys(COMMANDS, float("inf"))
    for cmd in COMMANDS.values():  # once, unmeasured: byte-compile what each command loads
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, env=env)
    for _ in range(args.repeat):
        for name, cmd in COMMANDS.items():
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, env=env)
            best[name] = min(best[name], time.perf_counter() - start)
    base = best['python -c "import numpy"']
    print(f"start-up, best of {args.repeat} (ratio to importing numpy; target 3x)")
    for name, seconds in best.items():
        print(f"  {name:34s} {seconds * 1e3:7.0f} ms  {seconds / base:5.2f}x")


if __name__ == "__main__":
    main()
