"""Perfect Bayesian equilibria of any tree: textbook trees, the deterrence model, the command line."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from properties.gambit_trees import gambit_regret, in_family_hull, logit_limit, mixing_sets

from gametheory_alliances import load_model
from gametheory_alliances.cli import main
from gametheory_alliances.errors import SolverError, TooLargeError
from gametheory_alliances.sequential import Chance, Decision, SequentialGame, Terminal
from gametheory_alliances.signalling import SignallingGame
from gametheory_alliances.solvers.backward_induction import subgame_perfect_equilibria
from gametheory_alliances.solvers.dispatch import default_concept, solve
from gametheory_alliances.solvers.perfect_bayesian import perfect_bayesian_equilibria
from gametheory_alliances.solvers.perfect_bayesian_trees import (
    TreePBEResult,
    tree_perfect_bayesian_equilibria,
)


def selten_horse() -> SequentialGame:
    """Selten (1975): 1 plays C or D; after C, 2 plays c or d; 3 cannot tell D from (C, d)."""

    def three(left: list[int], right: list[int]) -> Decision:
        return Decision("3", {"L": Terminal(left), "R": Terminal(right)}, infoset="3")

    return SequentialGame(
        Decision(
            "1",
            {
                "C": Decision("2", {"c": Terminal([1, 1, 1]), "d": three([4, 4, 0], [1, 1, 1])}),
                "D": three([3, 3, 2], [0, 0, 0]),
            },
        ),
        players=["1", "2", "3"],
    )


def beer_quiche() -> SignallingGame:
    return SignallingGame.from_arrays(
        types=["Strong", "Weak"],
        priors=["9/10", "1/10"],
        messages=["Beer", "Quiche"],
        responses=["Duel", "Not duel"],
        payoffs=[
            [[(1, 0), (3, 1)], [(0, 0), (2, 1)]],
            [[(0, 1), (2, 0)], [(1, 1), (3, 0)]],
        ],
        players=["Sender", "Receiver"],
    )


# -- Selten's horse ---------------------------------------------------------------------------------


def test_selten_horse_lists_the_sequential_equilibria_and_not_the_incredible_nash_one():
    game = selten_horse()
    result = tree_perfect_bayesian_equilibria(game)
    choices = [eq.choices() for eq in result]
    assert choices == [
        {"1 at root": "C", "2 after C": "c", "3": "R"},
        {"1 at root": "C", "2 after C": "d", "3": "R"},
    ]
    # (D, c, L) is a Nash equilibrium (pygambit's regret is zero) but 2's c is not
    # optimal at 2's own node: it must not be listed.
    d_c_l = ((Fraction(0), Fraction(1)), (Fraction(1), Fraction(0)), (Fraction(1), Fraction(0)))
    assert gambit_regret(game, d_c_l) == 0
    assert d_c_l not in {eq.profile for eq in result}
    # Off the path 3 plays R exactly when it believes (C, d) has probability >= 2/3;
    # on the path (2 plays d) Bayes' rule puts all weight on (C, d).
    first, second = result
    assert not first.beliefs[2].on_path and first.beliefs[2].interval == (Fraction(2, 3), 1)
    assert second.beliefs[2].on_path and second.beliefs[2].vertices == ((1, 0),)
    assert all(eq.certify() for eq in result)


def test_selten_horse_logit_limit_is_a_listed_equilibrium_on_the_path():
    behaviour, reach = logit_limit(selten_horse())
    # The limit has 2 mixing half and half, inside the segment of listed (C, c, R), (C, d, R).
    assert mixing_sets(behaviour) == [1]
    assert in_family_hull(tree_perfect_bayesian_equilibria(selten_horse()), behaviour, reach)


def test_a_certificate_refuses_a_belief_that_does_not_support_the_profile():
    eq = tree_perfect_bayesian_equilibria(selten_horse())[0]
    bad = type(eq.beliefs[2])("3", eq.beliefs[2].nodes, False, ((Fraction(0), Fraction(1)),), None)
    forged = type(eq)(eq.game, eq.profile, (*eq.beliefs[:2], bad), eq.payoffs, True)
    cert = forged.certify()
    assert not cert.ok and cert.regrets["3"] == 2


# -- signalling games: the same answers as the signalling solver -------------------------------------


def test_beer_quiche_gives_the_signalling_solvers_answers():
    game = beer_quiche()
    ours = tree_perfect_bayesian_equilibria(game.game)
    theirs = perfect_bayesian_equilibria(game)
    # infosets: Sender after Strong, Beer, Quiche, Sender after Weak
    assert [(eq.profile[0], eq.profile[3], eq.profile[1], eq.profile[2]) for eq in ours] == [
        (*eq.sender, *eq.receiver) for eq in theirs
    ]
    for eq, other in zip(ours, theirs, strict=True):
        assert (eq.beliefs[1].vertices, eq.beliefs[2].vertices) == tuple(
            b.vertices for b in other.beliefs
        )
        assert eq.payoffs == (other.sender_payoff, other.receiver_payoff)


def test_a_signalling_tree_still_goes_to_the_signalling_solver_and_others_to_the_tree_solver():
    assert not isinstance(perfect_bayesian_equilibria(beer_quiche().game), TreePBEResult)
    assert isinstance(perfect_bayesian_equilibria(selten_horse()), TreePBEResult)


# -- the two-sided extended deterrence model ----------------------------------------------------------


def dominated_actions(game: SequentialGame, h: int) -> set[int]:
    """Actions of set h whose best payoff to the mover is below another's worst, at every node."""
    info = game.infosets[h]
    pays, _ = game.numbers()

    def leaves(k: int) -> list[Fraction]:
        return [
            pays[j][info.player]
            for j in range(k, game.nodes[k].end)
            if game.nodes[j].kind == "terminal"
        ]

    out = set()
    for a in range(len(info.actions)):
        for b in range(len(info.actions)):
            if all(
                max(leaves(game.nodes[x].children[a])) < min(leaves(game.nodes[x].children[b]))
                for x in info.nodes
            ):
                out.add(a)
    return out


@pytest.mark.parametrize(
    "values",
    [{}, {"p_D": "1/10"}, {"p_C": "9/10", "p_D": "1/10"}, {"p_C": "1/10", "p_D": "1/5"}],
)
def test_no_hard_type_plays_a_dominated_action_in_the_two_sided_deterrence_model(values):
    game = load_model("extended-deterrence-two-sided").at(**values)
    hard = [h for h, info in enumerate(game.infosets) if info.label.startswith("Hard")]
    dominated = {h: dominated_actions(game, h) for h in hard}
    assert any(dominated.values())
    result = tree_perfect_bayesian_equilibria(game)
    assert len(result) > 0
    for eq in result:
        assert eq.certify()
        for h, actions in dominated.items():
            assert all(eq.profile[h][a] == 0 for a in actions)
    # Subgame perfection alone does not exclude it: the subgames all start at the root.
    spe = subgame_perfect_equilibria(game)
    assert any(
        eq.profile[h][a] > 0 for eq in spe for h, actions in dominated.items() for a in actions
    )


# -- incomplete information and the default concept --------------------------------------------------


def test_incomplete_information_is_an_unobserved_chance_move():
    assert beer_quiche().game.has_incomplete_information
    assert load_model("extended-deterrence-two-sided").at().has_incomplete_information
    # imperfect information about a player's move is not incomplete information
    assert not selten_horse().has_incomplete_information
    # a chance move every later mover observes is not either
    observed = SequentialGame(
        Chance(
            {
                "x": ("1/2", Decision("A", {"a": Terminal([1]), "b": Terminal([0])})),
                "y": ("1/2", Decision("A", {"a": Terminal([0]), "b": Terminal([1])})),
            }
        )
    )
    assert not observed.has_incomplete_information
    # nodes that part at a chance move below a decision still count
    hidden = SequentialGame(
        Decision(
            "A",
            {
                "l": Chance(
                    {
                        "x": ("1/2", Decision("B", {"u": Terminal([1, 0])}, infoset="B")),
                        "y": ("1/2", Decision("B", {"u": Terminal([0, 1])}, infoset="B")),
                    }
                ),
                "r": Decision("B", {"u": Terminal([0, 0])}, infoset="B"),
            },
        )
    )
    assert hidden.has_incomplete_information


def test_the_default_concept_of_a_tree_with_incomplete_information_is_pbe():
    assert default_concept(load_model("extended-deterrence-two-sided")) == "pbe"
    assert default_concept(selten_horse()) == "spe"
    assert default_concept(load_model("beer-quiche"), among=("nash", "pure", "spe")) == "spe"
    assert isinstance(solve(load_model("extended-deterrence-two-sided").at()), TreePBEResult)


# -- results and errors -------------------------------------------------------------------------------


def test_outcomes_sum_labelled_leaves_and_json_has_the_tree_shape():
    game = load_model("extended-deterrence-two-sided").at(p_C="9/10", p_D="1/10")
    result = tree_perfect_bayesian_equilibria(game)
    attack = next(eq for eq in result if eq.choices()["Soft challenger"] == "Challenge")
    assert sum(attack.outcomes.values()) == 1
    data = attack.to_dict()
    assert set(data) >= {"behaviour", "beliefs", "payoffs", "outcomes", "path", "exact"}
    assert data["payoffs"] == [float(v) for v in attack.payoffs]
    belief = data["exact"]["beliefs"]["Soft defender after Challenge"]
    assert belief == {"Hard C > Challenge > Soft D": "9/10", "Soft C > Challenge > Soft D": "1/10"}


def test_a_symbolic_tree_is_refused_and_a_large_one_is_announced(monkeypatch):
    with pytest.raises(SolverError, match="unbound parameters"):
        tree_perfect_bayesian_equilibria(load_model("extended-deterrence-two-sided").game)
    import gametheory_alliances.solvers.perfect_bayesian_trees as module

    monkeypatch.setattr(module, "MAX_PROFILES", 10)
    with pytest.raises(TooLargeError, match="64 pure behaviour profiles"):
        tree_perfect_bayesian_equilibria(load_model("extended-deterrence-two-sided").at())


def test_gta_solves_any_tree_for_pbe_and_by_default_when_information_is_incomplete(capsys):
    assert main(["solve", "extended-deterrence-two-sided", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["concept"] == "pbe" and data["equilibria"]
    assert main(["solve", "extended-deterrence-two-sided", "--concept", "spe", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["concept"] == "spe"
    assert main(["solve", "centipede", "--concept", "pbe", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["concept"] == "pbe" and data["method"] == "behaviour-profile enumeration (exact)"
