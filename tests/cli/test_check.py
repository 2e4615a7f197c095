"""End-to-end runs of ``gta check``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from gametheory_alliances.catalogue import models_dir
from gametheory_alliances.cli import main

ROOT = Path(__file__).resolve().parents[2]

WRONG = """
[[claims]]
name = "always-stag"
description = "both always hunt the stag"
kind = "holds"
every = "(prob('Hunter 1', 'Stag') == 1) & (prob('Hunter 2', 'Stag') == 1)"
"""


def write(tmp_path, claims):
    text = (models_dir() / "stag-hunt.toml").read_text(encoding="utf-8")
    path = tmp_path / "stag.toml"
    path.write_text(text.split("\n[[claims]]", 1)[0] + "\n" + claims, encoding="utf-8")
    return str(path)


def test_check_passes_on_a_catalogue_model(capsys):
    assert main(["check", "prisoners-dilemma", "--examples", "10"]) == 0
    out = capsys.readouterr().out
    assert "holds  mutual-defection" in out
    assert out.strip().endswith("2 of 2 claims hold")


def test_check_prints_the_counterexample_and_exits_1(tmp_path, capsys):
    path = write(tmp_path, WRONG)
    assert main(["check", path, "--seed", "1", "--examples", "20"]) == 1
    out = capsys.readouterr().out
    assert "FAILS  always-stag: both always hunt the stag" in out
    assert "counterexample: s = " in out
    assert "equilibria there: 3" in out
    assert "#3 Hunter 1 Hare; Hunter 2 Hare; payoffs 3, 3" in out
    assert out.strip().endswith("0 of 1 claims hold")


def test_check_output_is_deterministic_for_a_seed(tmp_path, capsys):
    path = write(tmp_path, WRONG)
    main(["check", path, "--seed", "7", "--examples", "15"])
    first = capsys.readouterr().out
    main(["check", path, "--seed", "7", "--examples", "15"])
    assert capsys.readouterr().out == first


def test_check_refuses_malformed_claims_with_exit_2(tmp_path, capsys):
    path = write(
        tmp_path,
        '[[claims]]\nname = "x"\nkind = "holds"\nevery = "prob(\'Nobody\', \'Stag\') == 1"\n',
    )
    assert main(["check", path]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "claims[0].every" in err and "'Nobody' is not a player" in err


def test_check_refuses_a_bad_budget_and_a_game_file(capsys):
    assert main(["check", "stag-hunt", "--examples", "0"]) == 2
    assert "--examples" in capsys.readouterr().err
    assert main(["check", str(models_dir() / "games" / "stag-hunt.nfg")]) == 2
    assert "not a model" in capsys.readouterr().err


def test_a_model_without_claims_passes(tmp_path, capsys):
    assert main(["check", write(tmp_path, "")]) == 0
    assert "declares no claims" in capsys.readouterr().out


def test_check_output_is_the_same_in_fresh_processes(tmp_path):
    # Hash randomisation differs between processes; the report must not depend on it.
    path = write(tmp_path, WRONG)
    outputs = []
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)}
        run = subprocess.run(
            [sys.executable, "-m", "gametheory_alliances", "check", path, "--examples", "10"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert run.returncode == 1, run.stderr
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1]
    assert "counterexample: s = " in outputs[0]
