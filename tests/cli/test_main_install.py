"""Every ``gta`` command works after the README's main install alone.

The main install is ``pip install -e ".[plot]"``: the core dependencies and
matplotlib. Each command runs in a fresh interpreter in which the packages
that only the other extras bring (test oracles, Parquet, Dask, docs) cannot
be imported, as on a machine that has only the main install.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# Top-level packages that only the test, parquet, dask, docs and bench extras install.
NOT_IN_THE_MAIN_INSTALL = (
    "pygambit",
    "pytest",
    "_pytest",
    "pyarrow",
    "dask",
    "distributed",
    "nbformat",
    "nbclient",
    "ipykernel",
    "sphinx",
    "myst_nb",
    "furo",
    "quantecon",
)

RUNNER = """
import sys

BLOCKED = set(sys.argv[1].split(","))


class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r} (not in the main install)")
        return None


sys.meta_path.insert(0, Blocker())
from gametheory_alliances.cli import main

sys.exit(main(sys.argv[2:]))
"""


def run_without_extras(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", RUNNER, ",".join(NOT_IN_THE_MAIN_INSTALL), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
    )


def test_the_blocker_blocks() -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            RUNNER.replace("from gametheory_alliances.cli import main\n", "").replace(
                "sys.exit(main(sys.argv[2:]))", "import pygambit"
            ),
            "pygambit",
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0
    assert "not in the main install" in run.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("--version",),
        ("models",),
        ("show", "entrapment"),
        ("solve", "burden-sharing", "--json"),
        ("solve", "entrapment", "--concept", "spe"),
        ("solve", "beer-quiche", "--concept", "pbe"),
        ("conditions", "burden-sharing", "--json"),
        ("table", "burden-sharing", "--grid", "c=1:3:3", "--out", "t.csv"),
        ("table", "burden-sharing", "--grid", "c=1:3:3", "--out", "t.md"),
        ("plot", "burden-sharing", "--x", "b1=0:4:5", "--y", "c=0.5:4:5", "--out", "m.png"),
        ("check", "burden-sharing", "--examples", "5"),
        ("examples",),
        ("solve", "entrapment", "--concept", "qre", "--lam", "2", "--json"),
        ("simulate", "extended-deterrence", "--lam", "3", "--n", "20"),
    ],
    ids=lambda a: " ".join(a),
)
def test_command_runs_with_the_main_install_only(args: tuple[str, ...], tmp_path: Path) -> None:
    run = run_without_extras(*args, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "not in the main install" not in run.stderr
    assert run.stdout or list(tmp_path.iterdir())


def test_fit_runs_with_the_main_install_only(tmp_path: Path) -> None:
    made = run_without_extras(
        "simulate",
        "extended-deterrence",
        "--lam",
        "3",
        "--n",
        "200",
        "--out",
        "p.csv",
        cwd=tmp_path,
    )
    assert made.returncode == 0, made.stderr
    run = run_without_extras(
        "fit",
        "extended-deterrence",
        "--data",
        "p.csv",
        "--estimate",
        "c_DD",
        "--json",
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    assert '"estimates"' in run.stdout
