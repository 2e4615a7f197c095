"""End-to-end runs of ``gta solve`` and ``gta examples``: output, JSON, exit status, errors."""

import json
import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pygambit
import pytest

from gametheory_alliances import cli
from gametheory_alliances.cli import main
from gametheory_alliances.equilibrium import Equilibrium, SolverResult
from gametheory_alliances.io import models_dir

# gta solve runs the solver that solvers.dispatch imports from the solver's own module.
from gametheory_alliances.solvers import vertex_enumeration as solvers

GAMES = models_dir() / "games"
PD = str(GAMES / "prisoners-dilemma.nfg")
ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *args):
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def solve_json(capsys, *args):
    status, out, err = run(capsys, "solve", *args, "--json")
    assert status == 0, err
    assert err == ""
    return json.loads(out)


def exact_profiles(data):
    return [eq["exact"]["strategies"] for eq in data["equilibria"]]


# -- correct answers -----------------------------------------------------------------


def test_prisoners_dilemma_has_only_mutual_defection(capsys):
    data = solve_json(capsys, PD)
    assert data["players"] == ["Row", "Column"]
    assert data["strategies"] == [["Cooperate", "Defect"], ["Cooperate", "Defect"]]
    assert data["concept"] == "nash"
    assert exact_profiles(data) == [[["0", "1"], ["0", "1"]]]
    (eq,) = data["equilibria"]
    assert eq["strategies"] == [[0.0, 1.0], [0.0, 1.0]]
    assert eq["payoffs"] == [1.0, 1.0] and eq["exact"]["payoffs"] == ["1", "1"]


def test_human_table_labels_strategies_and_payoffs(capsys):
    status, out, err = run(capsys, "solve", GAMES / "battle-of-the-sexes.nfg")
    assert status == 0 and err == ""
    assert out.splitlines()[0] == "Battle of the Sexes"
    assert "Nash equilibria: 3 (vertex enumeration, exact arithmetic)" in out
    assert "Row     2/3 Bach + 1/3 Stravinsky  payoff 2/3" in out
    assert "Column  1/3 Bach + 2/3 Stravinsky  payoff 2/3" in out


def pygambit_extreme_equilibria(path):
    g = pygambit.read_nfg(str(path))
    result = pygambit.nash.enummixed_solve(g, rational=True)
    return sorted(
        [[str(Fraction(str(eq[s]))) for s in p.strategies] for p in g.players]
        for eq in result.equilibria
    )


@pytest.mark.parametrize(
    "name",
    [
        "battle-of-the-sexes",
        "chicken",
        "degenerate-component",
        "matching-pennies",
        "prisoners-dilemma",
        "rock-paper-scissors",
        "stag-hunt",
    ],
)
def test_two_player_examples_match_pygambit_enummixed(capsys, name):
    path = GAMES / f"{name}.nfg"
    data = solve_json(capsys, path)
    assert sorted(exact_profiles(data)) == pygambit_extreme_equilibria(path)


def test_degenerate_example_reports_its_component(capsys):
    data = solve_json(capsys, GAMES / "degenerate-component.nfg")
    sizes = [eq["component_size"] for eq in data["equilibria"]]
    assert sorted(sizes) == [1, 2, 2]
    assert any("component" in note for note in data["notes"])
    _, out, _ = run(capsys, "solve", GAMES / "degenerate-component.nfg")
    assert "extreme point of component 1, which has 2 extreme points" in out


def test_three_player_game_defaults_to_pure_equilibria(capsys):
    data = solve_json(capsys, GAMES / "three-player-coordination.nfg")
    assert data["concept"] == "pure"
    assert exact_profiles(data) == [
        [["1", "0"], ["1", "0"], ["1", "0"]],
        [["0", "1"], ["0", "1"], ["0", "1"]],
    ]


def test_pure_concept_on_a_game_without_pure_equilibria(capsys):
    data = solve_json(capsys, GAMES / "matching-pennies.nfg", "--concept", "pure")
    assert data["equilibria"] == []
    _, out, _ = run(capsys, "solve", GAMES / "matching-pennies.nfg", "--concept", "pure")
    assert "Pure-strategy Nash equilibria: none" in out


def test_correlated_equilibrium_json(capsys):
    data = solve_json(capsys, GAMES / "chicken.nfg", "--concept", "correlated", "--exact")
    assert data["concept"] == "correlated"
    assert data["players"] == ["Row", "Column"]
    total = sum(Fraction(p) for p in data["exact"]["distribution"])
    assert total == 1
    assert sum(d["probability"] for d in data["distribution"]) == pytest.approx(1)
    for entry in data["distribution"]:
        assert len(entry["profile"]) == 2
    # Welfare-maximising: no distribution gives more than 0 in this Chicken.
    assert Fraction(data["exact"]["objective_value"]) == 0


def test_exact_flag_is_passed_to_the_solver(capsys, monkeypatch):
    seen = {}
    real = solvers.nash_equilibria

    def spy(game, exact=None):
        seen["exact"] = exact
        return real(game, exact=exact)

    monkeypatch.setattr(solvers, "nash_equilibria", spy)
    assert run(capsys, "solve", PD, "--exact")[0] == 0
    assert seen["exact"] is True
    assert run(capsys, "solve", PD)[0] == 0
    assert seen["exact"] is None


def test_set_binds_catalogue_model_parameters(capsys):
    data = solve_json(capsys, "burden-sharing", "--set", "b1=1", "--set", "b2=3", "--set", "c=1")
    assert data["players"] and data["equilibria"]
    for eq in data["equilibria"]:
        assert all(Fraction(p) >= 0 for s in eq["exact"]["strategies"] for p in s)


def test_examples_solves_every_shipped_game(capsys):
    status, out, err = run(capsys, "examples")
    assert status == 0 and err == ""
    names = sorted(p.name for pattern in ("*.nfg", "*.efg") for p in GAMES.glob(pattern))
    assert [line[3:-3] for line in out.splitlines() if line.startswith("== ")] == names
    status, out, _ = run(capsys, "examples", "--json")
    records = json.loads(out)
    assert [r["file"] for r in records] == names
    pd = next(r for r in records if r["file"] == "prisoners-dilemma.nfg")
    assert exact_profiles(pd) == [[["0", "1"], ["0", "1"]]]


def test_help_exits_zero(capsys):
    status, out, _ = run(capsys, "--help")
    assert status == 0 and "solve" in out


# -- bad input: exit 2, one line ----------------------------------------------------------


def one_error_line(err):
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("gta: error: ")
    assert "Traceback" not in err
    return lines[0]


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


BAD_NFG = [
    ('NFG 1 R "t" { "A" "B" } { 2 2 }\n1 2 3 4\n5 6 7 x\n', ":3: expected a payoff, found 'x'"),
    (
        'NFG 1 R "t" { "A" "B" } { 2 2 }\n1 2 3 4\n5 6\n7 NaN\n',
        ":4: a payoff 'NaN' is not a finite",
    ),
    ('NFG 1 R "t" { "A" "B" } { 2 2 }\n1 2 3 4\n', ":2: the file ends after 4 payoffs"),
    ('{ "A" "B" }\n', ":1: missing header"),
    ('NFG 1 R "t" { "A" "B" }\n{ 100000 100000 }\n', ":2: a 100000 x 100000 game"),
]


@pytest.mark.parametrize(("text", "fragment"), BAD_NFG)
def test_malformed_file_is_one_line_with_file_and_line(capsys, tmp_path, text, fragment):
    path = write(tmp_path, "bad.nfg", text)
    status, out, err = run(capsys, "solve", path)
    assert status == 2 and out == ""
    line = one_error_line(err)
    assert f"{path}{fragment}" in line, line


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["solve", "missing.nfg"], "missing.nfg: no such file"),
        (["solve", "no-such-model"], "no-such-model: no such file"),
        (["solve", PD, "--set", "x"], "expected NAME=VALUE"),
        (["solve", PD, "--set", "x=abc"], "unknown parameter 'x'"),
        (
            ["solve", "burden-sharing", "--set", "c=abc"],
            'tie c = abc: expression "abc": unknown name',
        ),
        (["solve", PD, "--set", "x=nan"], "not a finite number"),
        (["solve", PD, "--set", "x=1", "--set", "x=2"], "twice"),
        (["solve", PD, "--set", "x=1"], "unknown parameter"),
        (["solve", "burden-sharing", "--set", "c=-1"], "outside its domain"),
        (["solve", "burden-sharing", "--set", "zeta=1"], "unknown parameter"),
        (["solve", PD, "--concept", "magic"], "invalid choice"),
        (["solve", str(GAMES / "three-player-coordination.nfg"), "--concept", "spe"], "tree"),
        (["solve"], "required"),
        ([], "required"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(capsys, args, fragment):
    status, _, err = run(capsys, *args)
    assert status == 2
    assert fragment in one_error_line(err)


def test_nash_of_a_three_player_game_lists_every_equilibrium(capsys):
    from gametheory_alliances import read_game, support_enumeration

    path = GAMES / "three-player-coordination.nfg"
    status, out, _ = run(capsys, "solve", path, "--concept", "nash", "--json")
    assert status == 0
    listed = json.loads(out)["equilibria"]
    expected = support_enumeration(read_game(path))
    assert len(listed) == len(expected) > 0
    for got, eq in zip(listed, expected, strict=True):
        assert got["strategies"] == [list(map(float, s)) for s in eq.strategies]


def test_directory_and_binary_files(capsys, tmp_path):
    status, _, err = run(capsys, "solve", tmp_path)
    assert status == 2 and "is a directory" in one_error_line(err)
    path = tmp_path / "binary.nfg"
    path.write_bytes(b'NFG 1 R "t" { "A" }\n{ 1 }\n\xff\xfe\n')
    status, _, err = run(capsys, "solve", path)
    assert status == 2 and f"{path}:3: not UTF-8" in one_error_line(err)


def test_unreadable_file_is_an_os_error(capsys, tmp_path, monkeypatch):
    path = write(tmp_path, "g.nfg", "NFG 1 R")

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    status, _, err = run(capsys, "solve", path)
    assert status == 2 and "Permission denied" in one_error_line(err)


def test_unexpected_failure_exits_1_without_traceback(capsys, monkeypatch):
    def broken(game, exact=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(solvers, "nash_equilibria", broken)
    monkeypatch.delenv("GTA_DEBUG", raising=False)
    status, _, err = run(capsys, "solve", PD)
    assert status == 1
    assert "internal error: RuntimeError: boom" in one_error_line(err)
    monkeypatch.setenv("GTA_DEBUG", "1")
    with pytest.raises(RuntimeError, match="boom"):
        main(["solve", PD])


def test_an_equilibrium_that_fails_certification_is_not_printed(capsys, monkeypatch):
    def wrong(game, exact=None):
        eq = Equilibrium.from_profile(game, [[1, 0], [1, 0]])  # (Cooperate, Cooperate)
        return SolverResult(game, "wrong", (eq,), exact=True)

    monkeypatch.setattr(solvers, "nash_equilibria", wrong)
    status, out, err = run(capsys, "solve", PD)
    assert status == 1 and out == ""
    assert "failed its best-response check" in one_error_line(err)


# -- a real process --------------------------------------------------------------------------


def gta(*args):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("GTA_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "gametheory_alliances", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_subprocess_solve_json_and_bad_input(tmp_path):
    done = gta("solve", PD, "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) >= {"players", "strategies", "concept", "equilibria"}
    assert exact_profiles(data) == [[["0", "1"], ["0", "1"]]]
    bad = write(tmp_path, "bad.nfg", 'NFG 1 R "t" { "A" }\n{ 2 }\n1\n')
    done = gta("solve", bad)
    assert done.returncode == 2 and done.stdout == ""
    assert f"{bad}:3: the file ends after 1 payoff" in one_error_line(done.stderr)


def test_module_entry_point_matches_console_script_function():
    assert cli.main is main


ENTRY_EFG = """EFG 2 R "Entry" { "Entrant" "Incumbent" }
""

p "" 1 1 "" { "Out" "In" } 0
t "" 1 "Out" { 0, 2 }
p "" 2 1 "" { "Accommodate" "Fight" } 0
t "" 2 "Share" { 2, 1 }
t "" 3 "War" { -1, 0 }
"""


def test_solve_reads_efg_files_through_their_normal_form(capsys, tmp_path):
    data = solve_json(capsys, write(tmp_path, "entry.efg", ENTRY_EFG), "--concept", "nash")
    assert data["players"] == ["Entrant", "Incumbent"]
    assert sorted(exact_profiles(data)) == [
        [["0", "1"], ["1", "0"]],
        [["1", "0"], ["0", "1"]],
        [["1", "0"], ["1/3", "2/3"]],
    ]


def test_spe_text_marks_chance_draws_on_the_path(capsys):
    import gametheory_alliances as gta

    name = "threat-that-leaves-something-to-chance"
    assert main(["solve", name]) == 0
    shown = [
        line.split("path: ", 1)[1]
        for line in capsys.readouterr().out.splitlines()
        if "path: " in line
    ]
    tree = gta.load_model(name).game
    chance = {a for nd in tree.nodes if nd.kind == "chance" for a in nd.actions}
    moves = {a for nd in tree.nodes if nd.kind not in ("chance", "terminal") for a in nd.actions}
    assert shown
    for path in shown:
        steps = path.split(" > ")
        assert any(s.startswith("chance: ") for s in steps)
        for s in steps:
            if s.startswith("chance: "):
                assert s.removeprefix("chance: ") in chance
            else:
                assert s in moves
