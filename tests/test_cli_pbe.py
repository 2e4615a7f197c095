"""End-to-end runs of ``gta solve`` for trees: perfect Bayesian equilibria of any tree,
refinements (``--refine``), mixed SPE at ties (``--mixed``), readable text and one JSON
shape for every tree concept."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from gametheory_alliances.catalogue import load_model
from gametheory_alliances.cli import main
from gametheory_alliances.game import game_of
from gametheory_alliances.solvers.perfect_bayesian_trees import tree_perfect_bayesian_equilibria
from gametheory_alliances.solvers.tree_refinements import refine

TREE_FIELDS = {"behaviour", "beliefs", "payoffs", "outcomes", "path", "exact"}

HORSE = """EFG 2 R "Selten's horse" { "1" "2" "3" }
p "" 1 1 "" { "C" "D" } 0
p "" 2 1 "" { "c" "d" } 0
t "" 1 "" { 1, 1, 1 }
p "" 3 1 "three" { "L" "R" } 0
t "" 2 "" { 4, 4, 0 }
t "" 3 "" { 1, 1, 1 }
p "" 3 1 "three" { "L" "R" } 0
t "" 4 "" { 3, 3, 2 }
t "" 5 "" { 0, 0, 0 }
"""

TIE = """EFG 2 R "Entry with a tie" { "Entrant" "Incumbent" }
p "" 1 1 "" { "Out" "In" } 0
t "" 1 "out" { 1, 2 }
p "" 2 1 "" { "Fight" "Acquiesce" } 0
t "" 2 "war" { 0, 1 }
t "" 3 "peace" { 2, 1 }
"""


def run(capsys: Any, *args: Any) -> tuple[int, str, str]:
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def solve_json(capsys: Any, *args: Any) -> dict[str, Any]:
    status, out, err = run(capsys, "solve", *args, "--json")
    assert status == 0, err
    return json.loads(out)


def test_pbe_of_a_tree_that_is_not_a_signalling_game(capsys: Any, tmp_path: Path) -> None:
    path = tmp_path / "horse.efg"
    path.write_text(HORSE)
    data = solve_json(capsys, path, "--concept", "pbe")
    # In every perfect Bayesian equilibrium of Selten's horse 1 plays C and 3 plays R.
    assert data["equilibria"]
    for eq in data["equilibria"]:
        assert TREE_FIELDS <= set(eq)
        assert eq["exact"]["behaviour"]["1 at root"]["C"] == "1"
        assert eq["exact"]["behaviour"]["three"]["R"] == "1"
        assert len(eq["payoffs"]) == 3
    status, out, _ = run(capsys, "solve", path, "--concept", "pbe")
    assert status == 0
    assert "Assessment(" not in out and "TreePBEResult(" not in out
    assert "belief at three (off the path): Pr(C > d) in [2/3, 1]" in out


def test_pbe_text_is_readable_and_the_default_for_incomplete_information(capsys: Any) -> None:
    status, out, err = run(capsys, "solve", "beer-quiche")
    assert status == 0 and err == ""
    assert "PBEResult(" not in out
    lines = out.splitlines()
    assert lines[0] == "Beer-Quiche"
    assert lines[1].startswith("Perfect Bayesian equilibria: 4 (")
    assert "      belief at after Quiche (off the path): Pr(Strong > Quiche) in [0, 1/2]" in lines
    assert "      payoffs: Sender 29/10, Receiver 9/10" in lines


def test_refine_intuitive_keeps_beer_pooling(capsys: Any) -> None:
    data = solve_json(capsys, "beer-quiche", "--refine", "intuitive")
    assert data["refinement"] == "intuitive" and data["eliminated"] == 3
    (eq,) = data["equilibria"]
    assert eq["exact"]["behaviour"]["Sender after Weak"] == {"Beer": "1", "Quiche": "0"}
    assert eq["exact"]["beliefs"]["after Quiche"] == [
        {"Strong > Quiche": "0", "Weak > Quiche": "1"}
    ]
    assert eq["refinement"][0]["excluded"] == ["Sender after Strong"]
    assert "classification" in eq  # the signalling fields stay beside the tree's
    status, out, _ = run(capsys, "solve", "beer-quiche", "--concept", "pbe", "--refine", "d1")
    assert status == 0
    assert "surviving D1 (3 eliminated)" in out.splitlines()[1]
    assert "restricted at after Quiche: excluded Sender after Strong" in out


def test_refine_d1_on_the_two_sided_deterrence_tree(capsys: Any) -> None:
    data = solve_json(
        capsys, "extended-deterrence-two-sided", "--set", "p_D=7/10", "--refine", "d1"
    )
    game = game_of(load_model("extended-deterrence-two-sided").at(p_D="7/10"))
    expected = refine(tree_perfect_bayesian_equilibria(game), "d1")
    assert len(data["equilibria"]) == len(expected) == 1
    (eq,) = data["equilibria"]
    assert eq["exact"]["behaviour"]["Hard challenger"]["Challenge"] == "1"
    assert eq["exact"]["behaviour"]["Soft challenger"]["Status quo"] == "1"
    assert eq == expected.checks[0].equilibrium.to_dict() | {"refinement": []}


def test_every_tree_concept_has_the_same_json_shape(capsys: Any) -> None:
    for concept in ("spe", "pbe", "nash"):
        data = solve_json(capsys, "extended-deterrence-two-sided", "--concept", concept)
        assert data["players"] == ["Challenger", "Defender"]
        for eq in data["equilibria"]:
            assert TREE_FIELDS <= set(eq), concept
            assert isinstance(eq["payoffs"], list) and len(eq["payoffs"]) == 2


def test_refine_and_mixed_need_their_concepts(capsys: Any, tmp_path: Path) -> None:
    status, _, err = run(capsys, "solve", "beer-quiche", "--concept", "spe", "--refine", "d1")
    assert status == 2
    assert "--refine d1 applies to --concept pbe, not spe" in err
    status, _, err = run(capsys, "solve", "beer-quiche", "--concept", "pbe", "--mixed")
    assert status == 2 and "--mixed applies to --concept spe" in err
    status, _, err = run(capsys, "solve", "beer-quiche", "--refine", "d2")
    assert status == 2 and "d2" in err


def test_mixed_spe_at_a_tie(capsys: Any, tmp_path: Path) -> None:
    path = tmp_path / "tie.efg"
    path.write_text(TIE)
    pure = solve_json(capsys, path)
    assert len(pure["equilibria"]) == 2
    data = solve_json(capsys, path, "--mixed")
    assert data["concept"] == "spe"
    mixes = [eq["exact"]["behaviour"]["Incumbent after In"] for eq in data["equilibria"]]
    assert {"Fight": "1/2", "Acquiesce": "1/2"} in mixes
    assert len(data["pieces"]) == 3
    status, out, _ = run(capsys, "solve", path, "--mixed")
    assert status == 0
    assert "Pieces of the SPE set (mixtures at ties):" in out
    assert "Incumbent after In: 1/2 Fight + 1/2 Acquiesce" in out


@pytest.mark.parametrize("refinement", ["intuitive", "d1"])
def test_refined_json_lists_the_survivors_of_the_solver(capsys: Any, refinement: str) -> None:
    data = solve_json(capsys, "beer-quiche", "--refine", refinement)
    from gametheory_alliances.solvers.dispatch import solve

    result = solve(load_model("beer-quiche").at(), "pbe", refine=refinement)
    assert [eq["path"] for eq in data["equilibria"]] == [
        list(eq.to_dict()["path"]) for eq in result
    ]


def test_pbe_text_and_json_mark_chance_draws_on_the_path(capsys):
    import gametheory_alliances as gta

    name = "beer-quiche"
    tree = gta.load_model(name).game
    tree = getattr(tree, "game", tree)  # a signalling game's tree
    drawn = {a for nd in tree.nodes if nd.kind == "chance" for a in nd.actions}
    assert main(["solve", name, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for eq in data["equilibria"]:
        assert len(eq["path_by_chance"]) == len(eq["path"])
        assert any(eq["path_by_chance"])
        for step, by_chance in zip(eq["path"], eq["path_by_chance"], strict=True):
            assert by_chance == (step in drawn)
    assert main(["solve", name]) == 0
    text = capsys.readouterr().out
    assert "path: chance: Strong > Beer" in text or "path: chance: Strong > Quiche" in text
