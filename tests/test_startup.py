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
    assert "sympy" in _heavy_after("import gametheory_alliances as gta; gta.equilibrium_regions")


GAME = ROOT / "models" / "games" / "prisoners-dilemma.nfg"


@pytest.mark.parametrize("options", [[], ["--json"], ["--exact"], ["--concept", "pure"]])
def test_solving_a_small_game_file_loads_no_heavy_dependency(options: list[str]) -> None:
    # A game read from a .nfg file holds numbers: no sympy, no linear programming, no tables.
    code = (
        "from gametheory_alliances.cli import main\n"
        f"assert main(['solve', {str(GAME)!r}, *{options!r}]) == 0\n"
    )
    assert _heavy_after(code) == []


@pytest.mark.parametrize(
    "options",
    [
        ["burden-sharing", "--set", "b2=5", "--set", "c=1"],
        ["prisoners-dilemma", "--json"],
        ["chicken", "--exact", "--concept", "pure"],
        ["entrapment", "--set", "r_R=1/2"],
        ["centipede", "--json"],
        [str(ROOT / "models" / "games" / "centipede4.efg")],
        [str(ROOT / "models" / "games" / "entry_simultaneous.efg")],
    ],
)
def test_solving_a_catalogue_model_or_tree_file_loads_no_heavy_dependency(
    options: list[str],
) -> None:
    # Bound to numbers, a catalogue model is read without sympy (io/model_numeric.py), and a
    # tree without parameters holds Fractions: the subgame-perfect solve starts as a .nfg does.
    code = f"from gametheory_alliances.cli import main\nassert main(['solve', *{options!r}]) == 0\n"
    assert _heavy_after(code) == []


def test_a_catalogue_model_that_needs_sympy_still_loads_it() -> None:
    # A tie, and a continuous model, go through the symbolic reader, and work there.
    for options in (["burden-sharing", "--set", "c=b1"], ["public-good"]):
        code = f"from gametheory_alliances.cli import main\nassert main(['solve', *{options!r}]) == 0\n"
        assert "sympy" in _heavy_after(code), options


def test_a_numeric_game_in_python_loads_no_sympy() -> None:
    code = (
        "import gametheory_alliances as gta\n"
        "game = gta.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])\n"
        "assert len(gta.nash_equilibria(game.at())) == 1\n"
        "assert len(gta.pure_equilibria(game)) == 1\n"
        "assert gta.read_nfg(" + repr(str(GAME)) + ").is_exact\n"
    )
    assert _heavy_after(code) == []


def test_payoff_text_still_loads_sympy_when_it_is_needed() -> None:
    # The lazy import is where the symbolic feature is used, and it works there.
    code = (
        "from gametheory_alliances import NormalFormGame\n"
        "game = NormalFormGame([[['b', 0], [1, 0]], [[1, 0], [0, 'b']]], parameters=['b'])\n"
        "assert game.free_parameters == ('b',) and game.at(b=2).is_exact\n"
    )
    assert _heavy_after(code) == ["sympy"]


def test_the_solvers_package_loads_its_solvers_on_first_use() -> None:
    code = "import gametheory_alliances.solvers.dispatch\nimport gametheory_alliances.solvers\n"
    assert _heavy_after(code) == []


@pytest.mark.parametrize(
    "name", ["backward_induction", "support_enumeration", "lemke_howson", "zero_sum"]
)
def test_a_solver_name_stays_the_function_after_its_module_loads(name: str) -> None:
    # Loading the module of the same name binds it in the package; the function keeps the name.
    code = (
        "import sys, types\n"
        f"__import__('gametheory_alliances.solvers.{name}')\n"
        f"from gametheory_alliances.solvers import {name} as found\n"
        "import gametheory_alliances as gta\n"
        "assert callable(found) and not isinstance(found, types.ModuleType), found\n"
        f"assert found is gta.{name}\n"
        f"assert isinstance(sys.modules['gametheory_alliances.solvers.{name}'], types.ModuleType)\n"
    )
    _heavy_after(code)


@pytest.mark.parametrize("name", ["NormalFormGame", "sweep", "nash_equilibria", "GameError"])
def test_public_names_still_resolve_lazily(name: str) -> None:
    import gametheory_alliances as gta

    assert name in dir(gta)
    assert name in gta.__all__
    assert getattr(gta, name) is not None
