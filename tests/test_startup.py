"""A quick start: importing the package and ``gta --version`` load no heavy dependency.

Each check runs in a fresh interpreter and looks at ``sys.modules`` afterwards
(not at the clock, which a loaded machine makes noisy): a new module-level
import of sympy, scipy.optimize, pandas or matplotlib on the way fails here.
The time itself, beside ``python -c "import numpy"``, is in
``benchmarks/bench_startup.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

HEAVY = ("sympy", "scipy.optimize", "pandas", "matplotlib")

RUNNER = """
import json, sys
{code}
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)), file=sys.stderr)
"""


def _heavy_after(code: str) -> list[str]:
    """The heavy modules loaded after running ``code`` in a fresh interpreter."""
    script = RUNNER.format(code=code, heavy=HEAVY)
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    loaded: list[str] = json.loads(done.stderr.strip().splitlines()[-1])
    return loaded


def test_importing_the_package_loads_no_heavy_dependency() -> None:
    assert _heavy_after("import gametheory_alliances") == []


def test_gta_version_loads_no_heavy_dependency() -> None:
    code = (
        "from gametheory_alliances.cli import main\n"
        "try:\n"
        "    main(['--version'])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code in (0, None), exc.code\n"
    )
    assert _heavy_after(code) == []


def test_the_checker_sees_a_heavy_import() -> None:
    # The check must be able to fail: a name that needs sympy loads it.
    assert "sympy" in _heavy_after("import gametheory_alliances as gta; gta.NormalFormGame")


def test_solving_a_small_game_loads_no_linear_programming_or_tables() -> None:
    game = ROOT / "models" / "games" / "prisoners-dilemma.nfg"
    code = (
        f"from gametheory_alliances.cli import main\nassert main(['solve', {str(game)!r}]) == 0\n"
    )
    # sympy is still needed to build a game; the linear-programming and table stacks are not.
    assert set(_heavy_after(code)) <= {"sympy"}


@pytest.mark.parametrize("name", ["NormalFormGame", "sweep", "nash_equilibria", "GameError"])
def test_public_names_still_resolve_lazily(name: str) -> None:
    import gametheory_alliances as gta

    assert name in dir(gta)
    assert name in gta.__all__
    assert getattr(gta, name) is not None
