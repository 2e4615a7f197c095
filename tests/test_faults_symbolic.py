"""Explosive expressions in tiny model files (issue 21, item 4): every command ends within a
few seconds, in bounded memory, with exit 2 and one line naming the payoff."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sympy

from gametheory_alliances.errors import ExpressionError, TooLargeError
from gametheory_alliances.expressions import (
    MAX_DEGREE,
    MAX_TERMS,
    expansion_size,
    parse_expression,
)
from gametheory_alliances.symbolic.deadline import deadline_seconds, symbolic_deadline

ROOT = Path(__file__).resolve().parents[1]
MEMORY_LIMIT = 1_500 * 2**20  # far below the gigabytes the expansions used to take
TIME_LIMIT = 60  # seconds for the child, start-up included (the machine may be loaded)

MODEL = """name = "hostile"
title = "h"
description = "h"

[[parameters]]
name = "x"
domain = "real"
default = 1

[[parameters]]
name = "y"
domain = "real"
default = 1

[game]
type = "normal"
players = ["Row", "Column"]
strategies = [["C", "D"], ["C", "D"]]
payoffs = [
    {{ profile = ["C", "C"], payoffs = ["{a}", "{a}"] }},
    {{ profile = ["C", "D"], payoffs = ["{b}", "{c}"] }},
    {{ profile = ["D", "C"], payoffs = ["{c}", "{b}"] }},
    {{ profile = ["D", "D"], payoffs = ["{d}", "{d}"] }},
]
"""


def _max(k: int, first: str, second: str) -> str:
    return "Max(" + ", ".join(f"{first}*{j} - {second}*{j * j % 17}" for j in range(k)) + ")"


CASES = {
    "expand": ("(x+y+1)**10000", "0", "1", "x"),
    "degree": ("(x+1)**1000", "0", "1", "x"),
    "maxes": (_max(64, "x", "y"), _max(64, "y", "x"), _max(64, "x", "x"), _max(64, "y", "y")),
}


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def gta(*argv: str, env: dict[str, str] | None = None) -> tuple[int, str, float]:
    """Run ``gta`` in a child with bounded memory and time: (status, stderr, seconds)."""
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "gametheory_alliances", *argv],
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        preexec_fn=_limit_memory if os.name == "posix" else None,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
    )
    return proc.returncode, proc.stderr, time.monotonic() - started


def startup_seconds() -> float:
    return gta("--version")[2]


@pytest.fixture(scope="module")
def baseline() -> float:
    """The child's start-up time: the bounded work is measured beyond it."""
    return startup_seconds()


COMMANDS = {
    "show": ["show"],
    "conditions": ["conditions"],
    "table": ["table", "--grid", "x=0:1:3"],
    "plot": ["plot", "--x", "x=0:1:3", "--y", "y=0:1:3", "--out", "{tmp}/map.png"],
}


@pytest.mark.parametrize(
    ("case", "command"),
    [
        ("expand", "table"),  # 7 GB in sympy.expand for the symmetric classes
        ("expand", "conditions"),
        ("degree", "conditions"),  # over 60 s
        ("degree", "plot"),  # over 90 s
        ("maxes", "show"),  # 59 s
    ],
)
def test_explosive_payoffs_exit_2_quickly_naming_the_payoff(tmp_path, baseline, case, command):
    a, b, c, d = CASES[case]
    path = tmp_path / f"{case}.toml"
    path.write_text(MODEL.format(a=a, b=b, c=c, d=d), encoding="utf-8")
    words = COMMANDS[command]
    argv = [words[0], str(path), *(arg.format(tmp=tmp_path) for arg in words[1:])]
    status, err, seconds = gta(*argv)
    assert status == 2, err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("gta: error: "), err
    assert "game.payoffs[0].payoffs[0]" in err and a[:20] in err
    assert seconds - baseline < 5, f"{seconds:.1f} s, start-up {baseline:.1f} s"


def test_the_deadline_stops_slow_symbolic_work_and_can_be_raised(tmp_path, baseline):
    # Legal payoffs (degree 30) whose equilibrium regions take sympy far longer than a second.
    slow = "(x+y+1)**30 - (x-y)**29"
    path = tmp_path / "slow.toml"
    path.write_text(MODEL.format(a=slow, b="0", c="1", d="x*y"), encoding="utf-8")
    status, err, seconds = gta("conditions", str(path), "--timeout", "1")
    assert status == 2 and len(err.splitlines()) == 1, err
    assert "did not finish within 1 s" in err and "(x + y + 1)**30" in err
    assert "--timeout" in err
    assert seconds - baseline < 6
    status, err, _ = gta("conditions", str(path), env={"GTA_SYMBOLIC_SECONDS": "1"})
    assert status == 2 and "within 1 s" in err
    status, err, _ = gta("conditions", str(path), env={"GTA_SYMBOLIC_SECONDS": "soon"})
    assert status == 2 and "GTA_SYMBOLIC_SECONDS" in err


def test_a_deadline_leaves_quick_work_alone_and_restores_the_timer():
    import signal

    before = signal.getsignal(signal.SIGALRM)
    with symbolic_deadline(5, "quick"):
        value = sympy.expand((sympy.Symbol("x") + 1) ** 3)
    assert value.coeff(sympy.Symbol("x"), 2) == 3
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    with pytest.raises(TooLargeError, match=r"within 0\.2 s"), symbolic_deadline(0.2, "spin"):
        while True:
            pass
    assert deadline_seconds(3) == 3.0


@pytest.mark.parametrize(
    ("text", "terms", "degree"),
    [("(x+y+1)**3", 10, 3), ("(x+1)**4*(y+1)**2", 15, 6), ("exp(x)*(x+y)**2", 3, 3)],
)
def test_the_expansion_bound_is_an_upper_bound(text, terms, degree):
    expr = parse_expression(text, ["x", "y"])
    assert expansion_size(expr) == (terms, degree)
    expanded = sympy.expand(expr)
    assert terms >= len(sympy.Add.make_args(expanded))
    assert degree >= sympy.Poly(expanded).total_degree()  # exp(x) is a generator of its own


def test_the_bounds_refuse_before_expanding():
    started = time.monotonic()
    for text, what in [
        (f"(x+1)**{MAX_DEGREE + 1}", "degree"),
        ("(x+y+z+1)**40", "expand"),
        ("(x+y+1)**10000", "degree"),
    ]:
        with pytest.raises(ExpressionError, match=what):
            parse_expression(text, ["x", "y", "z"])
    assert time.monotonic() - started < 1
    # Two parameters: a product of powers has at most as many terms as monomials of its degree.
    assert expansion_size(parse_expression("(x+y+1)**90 * (x-y+2)**9", ["x", "y"]))[0] <= MAX_TERMS
