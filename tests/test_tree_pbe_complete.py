"""Perfect Bayesian and sequential equilibria of trees where several information sets mix.

* a bluffing game whose unique equilibrium has two mixing sets is solved
  exactly (and pygambit's own equilibrium of it agrees);
* Selten's horse: the perfect Bayesian and the sequential equilibria are
  the published ones, and (D, c, L) is neither;
* consistency: a chance move after a deviation pins the belief to the
  prior, which a weak perfect Bayesian equilibrium does not;
* random trees with incomplete information (signalling games with two and
  three types, deterrence with private information on both sides) beside
  pygambit: every listed assessment is a Nash equilibrium by pygambit's
  regret, and the logit QRE limit (a sequential equilibrium) is among the
  perfect Bayesian and among the sequential equilibria listed;
* the bound on support profiles is an error of ours naming it, and
  ``gta solve --concept sequential`` says which concept it used.
"""

from __future__ import annotations

import json
import sys
from fractions import Fraction
from pathlib import Path

import pygambit
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from gametheory_alliances import load_model
from gametheory_alliances.cli import main
from gametheory_alliances.errors import TooLargeError
from gametheory_alliances.sequential import Chance, Decision, SequentialGame, Terminal
from gametheory_alliances.solvers.dispatch import solve
from gametheory_alliances.solvers.perfect_bayesian_trees import tree_perfect_bayesian_equilibria
from gametheory_alliances.solvers.sequential_equilibria import sequential_equilibria

sys.path.insert(0, str(Path(__file__).parent / "properties"))
from gambit_trees import (
    deterrence_trees,
    gambit_regret,
    in_family_hull,
    logit_limit,
    signalling_trees,
    to_gambit,
    wide,
)

# Few examples: each draws trees that are solved exactly, mixed equilibria included.
EXAMPLES = settings(max_examples=8, deadline=None, derandomize=True)

F = Fraction


def bluffing() -> SequentialGame:
    """Ante 1 each; the bettor, dealt High or Low (1/2 each), bets 1 or checks; the caller,
    not seeing the card, calls or folds after a bet. Zero-sum."""

    def hand(card: str, win: int) -> Decision:
        call = Decision(
            "Caller",
            {"Call": Terminal([2 * win, -2 * win]), "Fold": Terminal([1, -1])},
            infoset="after Bet",
        )
        return Decision("Bettor", {"Bet": call, "Check": Terminal([win, -win])}, infoset=card)

    return SequentialGame(
        Chance({"High": ("1/2", hand("High", 1)), "Low": ("1/2", hand("Low", -1))}),
        players=["Bettor", "Caller"],
    )


def horse() -> SequentialGame:
    def three(k: list[list[int]]) -> Decision:
        return Decision("3", {"L": Terminal(k[0]), "R": Terminal(k[1])}, infoset="3")

    return SequentialGame(
        Decision(
            "1",
            {
                "C": Decision("2", {"c": Terminal([1, 1, 1]), "d": three([[4, 4, 0], [1, 1, 1]])}),
                "D": three([[3, 3, 2], [0, 0, 0]]),
            },
        ),
        players=["1", "2", "3"],
    )


def entry_after_chance() -> SequentialGame:
    """The entrant stays out (1) or enters; chance draws High (1/4) or Low; the entrant,
    not seeing it, expands (8 or -4) or holds (0); the incumbent only watches."""

    def stage(gain: int) -> Decision:
        return Decision(
            "Entrant",
            {"Expand": Terminal([gain, -gain]), "Hold": Terminal([0, 0])},
            infoset="after entry",
        )

    return SequentialGame(
        Decision(
            "Entrant",
            {
                "Out": Terminal([1, 0]),
                "In": Chance({"High": ("1/4", stage(8)), "Low": ("3/4", stage(-4))}),
            },
        ),
        players=["Entrant", "Incumbent"],
    )


# -- several information sets mixing ------------------------------------------------------------


def test_the_bluffing_game_has_one_equilibrium_in_which_two_sets_mix() -> None:
    result = tree_perfect_bayesian_equilibria(bluffing())
    assert len(result) == 1
    eq = result[0]
    assert eq.behaviour == {
        "High": {"Bet": 1, "Check": 0},
        "Low": {"Bet": F(1, 3), "Check": F(2, 3)},
        "after Bet": {"Call": F(2, 3), "Fold": F(1, 3)},
    }
    belief = next(b for b in eq.beliefs if b.label == "after Bet")
    assert belief.on_path and belief.vertices == ((F(3, 4), F(1, 4)),)
    assert eq.payoffs == (F(1, 3), F(-1, 3))
    assert eq.family == "after Bet: Call+Fold; Low: Bet+Check"
    assert eq.certify().ok
    assert gambit_regret(bluffing(), eq.profile) == 0
    assert not any("continuum" in n or "irrational" in n for n in result.notes)


def test_the_bluffing_equilibrium_is_pygambits() -> None:
    theirs, infosets = to_gambit(bluffing())
    found = pygambit.nash.lcp_solve(theirs, rational=True).equilibria
    assert found
    for p in found:
        profile = tuple(tuple(F(p[a]) for a in info.actions) for info in infosets)
        assert profile == tree_perfect_bayesian_equilibria(bluffing())[0].profile


def test_a_tree_whose_conditions_are_bilinear_is_solved_not_skipped() -> None:
    # The two-sided deterrence model: the one-set mixing profiles whose mixing changes the
    # payoffs at an off-path set used to be skipped; now every support profile is solved.
    result = tree_perfect_bayesian_equilibria(
        load_model("extended-deterrence-two-sided").at(p_C="9/10", p_D="1/10")
    )
    assert not any("were not enumerated: the mixing changes" in n for n in result.notes)
    assert "every support profile (729 in all)" in result.enumerated
    mixed = [eq for eq in result if not eq.is_pure]
    assert [eq.profile[3] for eq in mixed] == [(F(2, 9), F(7, 9))]
    assert all(eq.certify().ok for eq in result)


def test_too_many_support_profiles_is_an_error_naming_the_bound() -> None:
    with pytest.raises(TooLargeError, match=r"729 support profiles.*max_support_profiles = 100"):
        tree_perfect_bayesian_equilibria(
            load_model("extended-deterrence-two-sided").at(), max_support_profiles=100
        )
    pure = tree_perfect_bayesian_equilibria(
        load_model("extended-deterrence-two-sided").at(), mixed=False, max_support_profiles=100
    )
    assert all(eq.is_pure for eq in pure)


# -- Selten's horse and consistency -------------------------------------------------------------


def test_seltens_horse_pbe_and_sequential_are_the_published_ones() -> None:
    weak = tree_perfect_bayesian_equilibria(horse())
    strict = sequential_equilibria(horse())
    published = [
        {"1 at root": "C", "2 after C": "c", "3": "R"},
        {"1 at root": "C", "2 after C": "d", "3": "R"},
    ]
    assert [eq.choices() for eq in weak] == published
    assert [eq.choices() for eq in strict] == published
    # Player 3, not reached, must believe 2's d has probability at least 2/3 (1's D at most 1/3),
    # and both trembles are independent, so every such belief is consistent.
    assert strict[0].beliefs[2].interval == (F(2, 3), F(1))
    nash_only = ((F(0), F(1)), (F(1), F(0)), (F(1), F(0)))  # (D, c, L)
    assert all(eq.profile != nash_only for eq in weak)
    assert gambit_regret(horse(), nash_only) == 0
    assert strict.concept == "sequential" and weak.concept == "pbe"


def test_consistency_pins_an_off_path_belief_after_chance_to_the_prior() -> None:
    weak = tree_perfect_bayesian_equilibria(entry_after_chance())
    strict = sequential_equilibria(entry_after_chance())
    assert sorted(eq.choices()["after entry"] for eq in weak) == ["Expand", "Hold"]
    assert [eq.choices()["after entry"] for eq in strict] == ["Hold"]
    assert strict[0].beliefs[1].vertices == ((F(1, 4), F(3, 4)),)
    assert strict[0].certify().ok
    assert any("no consistent supporting beliefs" in n for n in strict.notes)


def test_gta_solve_concept_sequential_says_which_concept(capsys: pytest.CaptureFixture) -> None:
    assert main(["solve", "beer-quiche", "--concept", "sequential", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["concept"] == "sequential"
    assert "Kreps-Wilson" in data["method"]
    assert data["equilibria"]
    result = solve(load_model("beer-quiche").at(), "sequential")
    assert result.concept == "sequential"
    assert [e["behaviour"] for e in data["equilibria"]] == [
        {h: {a: float(p) for a, p in probs.items()} for h, probs in eq.behaviour.items()}
        for eq in result
    ]


# -- random trees beside pygambit -----------------------------------------------------------------

trees = st.one_of(signalling_trees(), deterrence_trees())
# Payoffs from a wider range: fewer ties, so fewer families that are not polyhedral.
generic_trees = st.one_of(signalling_trees(wide), deterrence_trees(wide))


def _covered(notes: tuple[str, ...]) -> bool:
    return not any("not polyhedral" in n or "irrational" in n or "max_tight" in n for n in notes)


@EXAMPLES
@given(trees)
def test_random_trees_every_listed_equilibrium_is_nash_by_pygambit(game: SequentialGame) -> None:
    result = tree_perfect_bayesian_equilibria(game)
    for eq in result:
        assert eq.certify().ok
        assert gambit_regret(game, eq.profile) == 0
    strict = sequential_equilibria(game)
    weak_profiles = {eq.profile for eq in result}
    for eq in strict:
        assert eq.profile in weak_profiles
        assert eq.certify().ok


@EXAMPLES
@given(generic_trees)
def test_random_trees_the_logit_limit_is_listed(game: SequentialGame) -> None:
    behaviour, reach = logit_limit(game)
    weak = tree_perfect_bayesian_equilibria(game)
    if not _covered(weak.notes):
        # A family that is not polyhedral, or irrational solutions: the hull of the listed
        # points need not hold the limit. Every listed point is still checked above.
        event("a family not enumerated by its extreme points")
        return
    event("every family enumerated")
    assert in_family_hull(weak, behaviour, reach)
    strict = sequential_equilibria(game)
    if any("not decided" in n for n in strict.notes):
        event("consistency undecided")
        return
    assert in_family_hull(strict, behaviour, reach)


@pytest.mark.parametrize(
    "values",
    [
        {"p_C": "9/10", "p_D": "1/10"},
        {"p_C": "1/2", "p_D": "1/2"},
        {"p_C": "1/5", "p_D": "3/4", "c_DD_H": "1/2"},
    ],
)
def test_the_two_sided_deterrence_model_beside_pygambit(values: dict[str, str]) -> None:
    game = load_model("extended-deterrence-two-sided").at(**values)
    result = tree_perfect_bayesian_equilibria(game)
    for eq in result:
        assert gambit_regret(game, eq.profile) == 0
    behaviour, reach = logit_limit(game)
    assert in_family_hull(result, behaviour, reach)
    assert in_family_hull(sequential_equilibria(game), behaviour, reach)
