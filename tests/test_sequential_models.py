"""The catalogue's sequential models (trees): they load, solve at their defaults, and the CLI shows them."""

import json

import pygambit
import pytest

from gametheory_alliances.catalogue import load_model
from gametheory_alliances.cli import main
from gametheory_alliances.io import models_dir
from gametheory_alliances.io.efg import read_efg
from gametheory_alliances.solvers.backward_induction import subgame_perfect_equilibria

SEQUENTIAL = [
    "entrapment",
    "entrapment-probabilistic",
    "extended-deterrence",
    "extended-deterrence-one-sided",
    "extended-deterrence-two-sided",
    "realignment",
    "chain-store",
    "centipede",
]


@pytest.mark.parametrize("name", SEQUENTIAL)
def test_model_loads_cites_and_solves_at_its_defaults(name):
    model = load_model(name)
    assert model.citations and model.description and model.grid
    result = subgame_perfect_equilibria(model.at())
    assert len(result) >= 1
    for eq in result:
        assert eq.certify().ok


@pytest.mark.parametrize(
    ("name", "efg", "values"),
    [("chain-store", "chain_store.efg", {}), ("centipede", "centipede4.efg", {"G": 2})],
)
def test_catalogue_trees_match_the_gambit_example_files(name, efg, values):
    ours = load_model(name).at(**values)
    theirs = read_efg(models_dir() / "games" / efg)
    a = ours.to_normal_form().payoff_arrays(exact=True)
    b = theirs.to_normal_form().payoff_arrays(exact=True)
    assert [x.tolist() for x in a] == [x.tolist() for x in b]


def test_chain_store_spe_agrees_with_gambit():
    game = load_model("chain-store").at()
    ours = [eq.path for eq in subgame_perfect_equilibria(game)]
    g = pygambit.read_efg(str(models_dir() / "games" / "chain_store.efg"))
    result = pygambit.nash.enumpure_solve(g)
    pure = [eq for eq in result.equilibria]
    assert ours == [("Enter", "Acquiesce")]
    assert len(pure) == 2  # the SPE and the incredible threat; only one is perfect


def test_probabilistic_commitment_deters_and_restrains_inside_its_window_only():
    model = load_model("entrapment-probabilistic")
    inside = subgame_perfect_equilibria(model.at(q="1/2"))
    assert [eq.path for eq in inside] == [("Moderate", "Not attack")]
    above = subgame_perfect_equilibria(model.at(q="4/5"))
    assert all(eq.path[0] == "Risky" for eq in above)
    below = subgame_perfect_equilibria(model.at(q="1/5"))
    assert all("Attack" in eq.path for eq in below)


def run(capsys, *args):
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def test_gta_solve_lists_every_spe_when_a_player_is_indifferent(capsys):
    status, out, err = run(
        capsys,
        "solve",
        "entrapment",
        "--set",
        "k_P=1/2",
        "--set",
        "x=1/2",
        "--concept",
        "spe",
        "--json",
    )
    assert status == 0, err
    data = json.loads(out)
    paths = [eq["path"] for eq in data["equilibria"]]
    assert paths == [["Moderate", "Attack", "Stay out"], ["Risky", "Attack", "Stay out"]]
    assert all(eq["exact"]["payoffs"][1] == "1/5" for eq in data["equilibria"])


def test_gta_conditions_prints_credibility_and_outcome_regions(capsys):
    status, out, err = run(capsys, "conditions", "entrapment")
    assert status == 0, err
    assert "Patron after Risky > Attack: Defend iff pi_D*v + r_R >= k_P + pi_S*v" in out
    for name in ("deterrence", "restraint", "emboldenment", "entanglement", "entrapment"):
        assert f"  {name}: " in out


def test_gta_conditions_json_has_credibility_and_outcomes(capsys):
    status, out, err = run(capsys, "conditions", "entrapment", "--json")
    assert status == 0, err
    data = json.loads(out)
    assert {c["infoset"] for c in data["credibility"]} == {
        "Patron after Moderate > Attack",
        "Patron after Risky > Attack",
    }
    assert set(data["outcomes"]) == {
        "deterrence",
        "restraint",
        "emboldenment",
        "entanglement",
        "entrapment",
    }


def test_centipede_refuses_a_growth_factor_outside_its_assumptions():
    with pytest.raises(Exception, match="G < 4"):
        load_model("centipede").at(G=5)
