"""One label for one equilibrium: the same text in a table, the conditions, a legend and LaTeX."""

from __future__ import annotations

import json
import re
from fractions import Fraction

import matplotlib
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_alliances import NormalFormGame
from gametheory_alliances.catalogue import load_model
from gametheory_alliances.cli import main
from gametheory_alliances.labels import (
    concise_label,
    distinct_labels,
    full_label,
    latex_text,
    mix_latex,
    mix_text,
    profile_choices,
    row_labels,
)
from gametheory_alliances.plotting import plot_region_map
from gametheory_alliances.sequential import Chance, Decision, SequentialGame, Terminal
from gametheory_alliances.solvers.backward_induction import subgame_perfect_equilibria
from gametheory_alliances.solvers.vertex_enumeration import nash_equilibria
from gametheory_alliances.sweep import sweep
from gametheory_alliances.symbolic import equilibrium_regions
from gametheory_alliances.testing import normal_form_games

matplotlib.use("Agg")


def named_tree_with_chance() -> SequentialGame:
    """A deterrence tree whose information sets are named and whose challenge may be met by chance."""
    return SequentialGame(
        Decision(
            "Challenger",
            {
                "Status quo": Terminal([0, 0]),
                "Challenge": Chance(
                    {
                        "crisis": (
                            "q",
                            Decision(
                                "Patron",
                                {"Defend": Terminal(["-c", "r - k"]), "Abandon": Terminal([1, -1])},
                                infoset="the pledge",
                            ),
                        ),
                        "calm": ("1 - q", Terminal([1, 0])),
                    }
                ),
            },
            infoset="the dare",
        ),
        parameters={"c": "positive", "k": "positive", "r": "positive", "q": "probability"},
    )


def battle_of_the_sexes() -> NormalFormGame:
    """Two parameters, so that a region map has two axes; a mixed equilibrium everywhere."""
    return NormalFormGame(
        [[["a", 0], [0, 1]], [[1, 0], [0, "b"]]],
        players=["Row", "Column"],
        strategies=[["Ballet", "Football"], ["Ballet", "Football"]],
        parameters={"a": "positive", "b": "positive"},
    )


def legend_regimes(fig) -> set[str]:
    """The regimes a map's legend names (entries ``k: regime``), equilibria split at `` + ``."""
    texts = [re.sub(r"\s+", " ", t.get_text()) for t in fig.legends[0].get_texts()]
    regimes = [t.split(": ", 1)[1] for t in texts if re.match(r"\d+: ", t)]
    return {part for regime in regimes for part in regime.split(" + ")}


def cli_conditions(capsys, name: str, *options: str) -> str:
    assert main(["conditions", name, *options]) == 0
    return capsys.readouterr().out


# -- the same label in every place -----------------------------------------------------------


@pytest.mark.parametrize(
    ("game", "point", "x", "y", "expected"),
    [
        (
            named_tree_with_chance(),
            {"c": 1, "k": 3, "r": 1, "q": Fraction(1, 2)},
            "k=0.5:3:3",
            "r=0.5:3:3",
            {"(Challenge, Abandon)"},
        ),
        (
            battle_of_the_sexes(),
            {"a": 2, "b": 3},
            "a=0.5:3:3",
            "b=0.5:3:3",
            {
                "(Ballet, Ballet)",
                "(Football, Football)",
                "mixed (Ballet+Football, Ballet+Football)",
            },
        ),
    ],
    ids=["tree-with-named-sets-and-chance", "mixed"],
)
def test_one_equilibrium_has_one_label_in_table_conditions_legend_and_latex(
    game, point, x, y, expected
):
    table = sweep(game, {name: [value] for name, value in point.items()})
    assert set(table["label"]) == expected
    regions = equilibrium_regions(game, concept="spe" if game.is_tree else "nash")
    listed = {eq.label for eq, region in regions.entries if region.contains(**point)}
    assert listed == expected
    text = str(regions)
    latex = regions.latex()
    for label in expected:
        assert f"{label}: " in text
        assert latex_text(label) in latex
    fixed = {k: v for k, v in point.items() if k not in (x.split("=")[0], y.split("=")[0])}
    fig = plot_region_map(game, x, y, fixed, resolution=40)
    legend = legend_regimes(fig)
    assert expected <= legend
    assert legend <= {eq.label for eq, _ in regions.entries}


def test_a_tree_is_named_by_its_information_sets_and_never_names_chance():
    game = named_tree_with_chance()
    regions = equilibrium_regions(game, concept="spe")
    eq = next(eq for eq, _ in regions.entries if eq.label == "(Challenge, Abandon)")
    assert eq.full_label == "the dare: Challenge; the pledge: Abandon"
    assert eq.path_text == "Challenge, chance: crisis, Abandon, chance: calm"
    assert "chance" not in eq.label and "Chance" not in eq.full_label
    assert f"{eq.label}: " in str(regions) and f"    {eq.full_label}" in str(regions)


def test_catalogue_normal_form_model_same_label_on_the_command_line(capsys, tmp_path):
    # A two-player game that is not symmetric, so the table prefixes no class to the label.
    name = "burden-sharing-asymmetric"
    model = load_model(name)
    point = {p: model.parameters[p].default for p in model.parameters}
    table = sweep(model, {k: [v] for k, v in point.items()})
    data = json.loads(cli_conditions(capsys, name, "--json"))
    regions = equilibrium_regions(model)
    holding = {eq.label for eq, region in regions.entries if region.contains(**point)}
    assert set(table["label"]) == holding
    assert holding <= {r["label"] for r in data["regions"]}
    text = cli_conditions(capsys, name)
    latex = regions.latex()  # what ``gta conditions --latex`` prints
    for label in holding:
        assert f"{label}: " in text and latex_text(label) in latex
    for r in data["regions"]:
        assert r["profile"].startswith("Ally A: ") and "; Ally B: " in r["profile"]
    fig = plot_region_map(model, "c_A=0.5:3:3", "c_B=0.5:3:3", resolution=30)
    assert legend_regimes(fig) <= {r["label"] for r in data["regions"]}


def test_catalogue_tree_same_label_in_table_conditions_and_legend():
    # The regions ``gta conditions entrapment`` prints (its outcome sections left out: slow).
    model = load_model("entrapment")
    point = {"k_P": Fraction(7, 10), "r_R": Fraction(1, 10)}
    table = sweep(model, {k: [v] for k, v in point.items()})
    regions = equilibrium_regions(model, concept="spe")
    data = regions.to_dict()
    defaults = {p: model.parameters[p].default for p in model.parameters}
    holding = {
        r["label"]
        for r, (_, region) in zip(data["regions"], regions.entries, strict=True)
        if region.contains(**{**defaults, **point})
    }
    assert set(table["label"]) == holding
    solved = subgame_perfect_equilibria(model.at(**point))
    assert holding == {concise_label(profile_choices(model.game, eq.profile)) for eq in solved}
    text, latex = str(regions), regions.latex()
    for r in data["regions"]:
        assert r["profile"].startswith("Protege at root: ")
        assert f"{r['label']}: " in text and f"    {r['profile']}" in text
        assert latex_text(r["label"]) in latex
    fig = plot_region_map(model, "k_P=0.05:1:3", "r_R=0:0.6:3", resolution=30)
    assert legend_regimes(fig) <= {r["label"] for r in data["regions"]}


# -- one mixed notation -----------------------------------------------------------------------


def test_text_and_latex_write_a_mixture_the_same_way():
    assert mix_text(["C", "F"], [Fraction(2, 5), Fraction(3, 5)]) == "2/5 C + 3/5 F"
    assert mix_latex(["C", "F"], [Fraction(2, 5), Fraction(3, 5)]) == (
        "\\frac{2}{5}\\,\\text{C} + \\frac{3}{5}\\,\\text{F}"
    )
    assert mix_text(["C", "F"], [0.0, 1.0]) == "F"
    # A separator inside an action's name is quoted, so two profiles never read the same.
    one = [("Row", ("a, b", "a"), (1, 0))]
    two = [("Row", ("a", "b"), (1, 0)), ("Column", ("b", "a"), (1, 0))]
    assert concise_label(one) != concise_label([("Row", ("a", "x"), (1, 0))])
    assert full_label(one) == 'Row: "a, b"'
    assert concise_label(two) == "(a, b)" != concise_label(one)


# -- two distinct equilibria never share a concise label --------------------------------------


@settings(max_examples=40, deadline=None)
@given(normal_form_games(2, (1, 3), degenerate=True, labels=True))
def test_distinct_equilibria_of_a_random_game_get_distinct_labels(game):
    found = list(nash_equilibria(game))
    profiles = [profile_choices(game, eq.strategies) for eq in found]
    labels = distinct_labels(profiles)
    assert len(set(labels)) == len(found)
    # The table's labels of the same equilibria (one point) are distinct too.
    width = sum(game.shape)
    probs = np.array([[float(p) for s in eq.strategies for p in s] for eq in found]).reshape(
        len(found), width
    )
    sets = list(zip(game.players, game.strategies, strict=True))
    rows = row_labels(sets, probs, np.zeros(len(found), dtype=int))
    assert len(set(rows)) == len(found)


@st.composite
def trees(draw):
    """Random small perfect-information trees with chance nodes and integer payoffs."""

    def node(depth: int):
        kind = draw(st.sampled_from(["terminal", "decision", "chance"] if depth else ["terminal"]))
        if kind == "terminal":
            return Terminal(draw(st.lists(st.integers(-2, 2), min_size=2, max_size=2)))
        width = draw(st.integers(2, 3))
        children = [node(depth - 1) for _ in range(width)]
        if kind == "chance":
            return Chance({f"n{k}": (Fraction(1, width), c) for k, c in enumerate(children)})
        player = draw(st.sampled_from(["P1", "P2"]))
        return Decision(player, {f"a{k}": c for k, c in enumerate(children)})

    root = Decision("P1", {"L": node(2), "R": node(2)})
    return SequentialGame(root, players=["P1", "P2"])


@settings(max_examples=40, deadline=None)
@given(trees())
def test_distinct_equilibria_of_a_random_tree_get_distinct_labels(game):
    found = list(subgame_perfect_equilibria(game))
    labels = [concise_label(profile_choices(game, eq.profile)) for eq in found]
    assert len(set(labels)) == len(found)
    assert not any("chance" in label for label in labels)
    sets = [(h.label, h.actions) for h in game.infosets]
    probs = np.array([[float(p) for ps in eq.profile for p in ps] for eq in found])
    assert list(row_labels(sets, probs, np.zeros(len(found), dtype=int))) == labels


# -- headers list the free parameters ---------------------------------------------------------


def test_after_set_headers_list_the_free_parameters_and_the_fixed_once(capsys, tmp_path):
    import pandas as pd

    out = tmp_path / "t.csv"
    args = ["table", "battle-of-the-sexes", "--grid", "a=2:3:2", "--free-only", "--out", str(out)]
    assert main(args) == 0
    capsys.readouterr()
    # battle-of-the-sexes has one parameter: swept, so nothing is fixed but the caption line.
    df = pd.read_csv(out, comment="#")
    assert "a" in df.columns
    out2 = tmp_path / "u.csv"
    args = ["table", "burden-sharing-asymmetric", "--grid", "c_A=1:2:2", "--set", "c_B=1"]
    assert main([*args, "--free-only", "--out", str(out2)]) == 0
    capsys.readouterr()
    first = out2.read_text().splitlines()[0]
    assert first.startswith("# fixed: ") and "c_B = 1" in first and "c_A" not in first
    df = pd.read_csv(out2, comment="#")
    assert [c for c in df.columns if c in load_model("burden-sharing-asymmetric").parameters] == [
        "c_A"
    ]
    text = cli_conditions(capsys, "burden-sharing-asymmetric", "--set", "c_B=1")
    lines = text.splitlines()
    assert lines[1] == "Parameters: b1_A, b2_A, c_A, b1_B, b2_B"
    assert lines[2] == "Fixed: c_B = 1"
    data = json.loads(
        cli_conditions(capsys, "burden-sharing-asymmetric", "--set", "c_B=1", "--json")
    )
    assert "c_B" not in data["parameters"] and data["fixed"] == {"c_B": "1"}
