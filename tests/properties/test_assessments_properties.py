"""Perfect Bayesian equilibria of random trees with incomplete information, beside pygambit.

* every listed assessment certifies exactly and is a Nash equilibrium of the
  tree by pygambit's regret (zero, in rationals);
* the logit QRE limit (``pygambit.nash.logit_solve``, a sequential
  equilibrium, hence a perfect Bayesian one) with at most one mixing set is
  among the listed equilibria on the information sets it reaches (several
  mixing sets: tests/test_tree_pbe_complete.py);
* on signalling games the tree solver and the signalling solver agree:
  the same pure equilibria with the same belief sets, and every mixed
  equilibrium of the signalling solver in which one information set mixes
  is listed by the tree solver with the same beliefs.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from gambit_trees import (
    deterrence_trees,
    gambit_regret,
    in_family_hull,
    logit_limit,
    mixing_sets,
    signalling_trees,
)
from hypothesis import event, given, settings
from hypothesis import strategies as st

from gametheory_alliances.sequential import SequentialGame
from gametheory_alliances.signalling import SignallingGame
from gametheory_alliances.solvers.perfect_bayesian import perfect_bayesian_equilibria
from gametheory_alliances.solvers.perfect_bayesian_trees import tree_perfect_bayesian_equilibria

EXAMPLES = settings(max_examples=20, deadline=None, derandomize=True)

trees = st.one_of(signalling_trees(), deterrence_trees())


@EXAMPLES
@given(trees)
def test_every_listed_assessment_certifies_and_is_nash_by_pygambit(game: SequentialGame) -> None:
    result = tree_perfect_bayesian_equilibria(game)
    assert result.exact
    for eq in result:
        assert eq.certify().ok
        assert gambit_regret(game, eq.profile) == 0


@EXAMPLES
@given(trees)
def test_the_logit_limit_is_listed_where_the_enumeration_covers_it(game: SequentialGame) -> None:
    result = tree_perfect_bayesian_equilibria(game)
    behaviour, reach = logit_limit(game)
    mixing = mixing_sets(behaviour)
    if len(mixing) > 1:
        event("logit limit with two mixing sets (tested in test_tree_pbe_complete)")
        return
    event(f"logit limit covered ({len(mixing)} mixing sets)")
    assert in_family_hull(result, behaviour, reach)


def _profile_from_signalling(game: SequentialGame, eq: Any) -> tuple[tuple[Fraction, ...], ...]:
    out = []
    for info in game.infosets:
        path = game.nodes[info.nodes[0]].path
        if len(path) == 1:
            out.append(tuple(eq.sender[eq.game.types.index(path[0])]))
        else:
            out.append(tuple(eq.receiver[eq.game.messages.index(path[1])]))
    return tuple(out)


def _signalling_beliefs(game: SequentialGame, eq: Any) -> dict[str, Any]:
    out = {}
    for info in game.infosets:
        path = game.nodes[info.nodes[0]].path
        if len(path) == 2:
            b = eq.beliefs[eq.game.messages.index(path[1])]
            out[info.label] = (b.on_path, tuple(b.vertices))
    return out


@EXAMPLES
@given(signalling_trees())
def test_the_tree_solver_agrees_with_the_signalling_solver(game: SequentialGame) -> None:
    theirs = perfect_bayesian_equilibria(SignallingGame(game), mixed=True)
    ours = tree_perfect_bayesian_equilibria(game)
    ours_by_profile = {
        eq.profile: {b.label: (b.on_path, b.vertices) for b in eq.beliefs if len(b.nodes) > 1}
        for eq in ours
        if len(mixing_sets([[float(p) for p in probs] for probs in eq.profile])) <= 1
    }
    theirs_one_set = {}
    for eq in theirs:
        profile = _profile_from_signalling(game, eq)
        if len(mixing_sets([[float(p) for p in probs] for probs in profile])) <= 1:
            theirs_one_set[profile] = _signalling_beliefs(game, eq)
    assert {p for p in ours_by_profile if all(len([q for q in s if q]) == 1 for s in p)} == {
        p for p in theirs_one_set if all(len([q for q in s if q]) == 1 for s in p)
    }
    # The one-set families are enumerated by the same linear conditions in both solvers; the
    # bilinear ones, solved by the polynomial stage, may add points the signalling solver lists
    # as members of larger families.
    assert set(theirs_one_set) <= set(ours_by_profile)
    for profile, beliefs in ours_by_profile.items():
        if profile in theirs_one_set:
            assert beliefs == theirs_one_set[profile]
