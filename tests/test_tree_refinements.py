"""Tests of the Intuitive Criterion and D1 on any tree (solvers/tree_refinements.py).

Published answers (Beer-Quiche, the Banks-Sobel settlement game), the
signalling solver as a special case of the tree solver with the same
refinement (same equilibria, beliefs and verdicts on every signalling game
of the signalling tests and the catalogue, and on random games), an
independent oracle for the two-type verdicts (the interval form of the
dominance sets, checked at every crossing point), the outcomes that survive
compared with the signalling solver's own Cho-Kreps flag, and the
extended-deterrence tree, where the deviator's types meet the defender at two
information sets.
"""

from __future__ import annotations

import itertools
import random
from fractions import Fraction
from typing import Any

import pytest

from gametheory_alliances.catalogue import load_model
from gametheory_alliances.errors import SolverError
from gametheory_alliances.game import game_of
from gametheory_alliances.signalling import SignallingGame
from gametheory_alliances.solvers.dispatch import solve
from gametheory_alliances.solvers.perfect_bayesian import perfect_bayesian_equilibria
from gametheory_alliances.solvers.perfect_bayesian_trees import tree_perfect_bayesian_equilibria
from gametheory_alliances.solvers.tree_refinements import check_equilibrium, refine

F = Fraction


def settlement() -> SignallingGame:
    """The settlement game adapted from Banks and Sobel (1987)."""
    return SignallingGame.from_arrays(
        ["t1", "t2"],
        ["1/2", "1/2"],
        ["Low", "High"],
        ["Accept", "Reject"],
        [[[(-3, 3), (-6, 0)], [(-5, 5), (-6, 0)]], [[(-3, 3), (-11, 5)], [(-5, 5), (-11, 5)]]],
        players=["Defendant", "Plaintiff"],
    )


def job_market() -> SignallingGame:
    return SignallingGame.from_arrays(
        ["High", "Low"],
        ["1/3", "2/3"],
        ["Educate", "Not"],
        ["Hire", "Reject"],
        [[[(1, 1), (-1, 0)], [(2, 1), (0, 0)]], [[(-1, 0), (-3, 1)], [(2, 0), (0, 1)]]],
        players=["Worker", "Employer"],
    )


def random_arrays(seed: int) -> tuple[SignallingGame, list[Any]]:
    """A random two-type game with two messages and two or three replies, and its payoffs."""
    rng = random.Random(seed)
    nt, nm, nr = 2, 2, rng.choice([2, 3])
    pay = [
        [[(rng.randint(-3, 3), rng.randint(-3, 3)) for _ in range(nr)] for _ in range(nm)]
        for _ in range(nt)
    ]
    p = F(rng.randint(1, 9), 10)
    game = SignallingGame.from_arrays(
        ["a", "b"], [p, 1 - p], ["m0", "m1"], [f"r{k}" for k in range(nr)], pay
    )
    return game, pay


def catalogue_signalling_games() -> list[tuple[str, SignallingGame]]:
    """The signalling games of the signalling tests and the catalogue.

    audience-costs is left out of the tree comparison: its tree has 4096 pure behaviour
    profiles (a minute of enumeration); its refinement is checked through the signalling
    solver in test_audience_costs_refined_through_either_route.
    """
    games = [
        ("beer-quiche", SignallingGame(load_model("beer-quiche").at())),
        ("beer-quiche p=1/3", SignallingGame(load_model("beer-quiche").at(p="1/3"))),
        ("job market", job_market()),
        ("settlement", settlement()),
    ]
    for name in ("alliance-formation-signal", "alliance-formation-signal-reneging"):
        games.append((name, SignallingGame(game_of(load_model(name).at()))))
    return games


# -- keys to compare equilibria found by the two solvers ------------------------------------------


def _mixing_sets(profile: Any) -> int:
    return sum(1 for probs in profile if sum(1 for p in probs if p) > 1)


def _key_signalling(eq: Any) -> tuple[Any, ...]:
    behaviour, beliefs = eq.behaviour_profile()
    profile = tuple(tuple(F(p) for p in behaviour[h]) for h in sorted(behaviour))
    off = tuple(
        sorted(
            (h, tuple(sorted(tuple(F(p) for p in v) for v in vs)))
            for h, vs in beliefs.items()
            if len(vs[0]) > 1 and not _on_path(eq.game.game, profile, h)
        )
    )
    return profile, off


def _key_tree(eq: Any) -> tuple[Any, ...]:
    off = tuple(
        sorted(
            (h, tuple(sorted(b.vertices)))
            for h, b in enumerate(eq.beliefs)
            if not b.on_path and len(b.nodes) > 1
        )
    )
    return tuple(eq.profile), off


def _on_path(tree: Any, profile: Any, h: int) -> bool:
    _, probs = tree.numbers()
    reach = [F(0)] * len(tree.nodes)
    reach[0] = F(1)
    for k, nd in enumerate(tree.nodes):
        if nd.kind == "terminal":
            continue
        weights = probs[k] if nd.kind == "chance" else profile[nd.infoset]
        for w, c in zip(weights, nd.children, strict=True):
            reach[c] = reach[k] * F(w)
    return any(reach[x] for x in tree.infosets[h].nodes)


def _compare(game: SignallingGame, refinement: str | None) -> int:
    """The signalling solver and the tree solver agree, with the same refinement or none."""
    signalling = perfect_bayesian_equilibria(game, refine=refinement)
    # The general solver lists equilibria in which one information set mixes at most.
    general = tree_perfect_bayesian_equilibria(game.game)
    if refinement is not None:
        general = refine(general, refinement)  # type: ignore[assignment]
    ours = {_key_tree(eq) for eq in general}
    theirs = {_key_signalling(eq) for eq in signalling}
    # Every equilibrium of the general solver is the signalling solver's, beliefs included;
    # the pure ones are the same; and so are those in which one information set mixes,
    # wherever the general solver enumerated them all (its notes name what it skipped).
    assert ours <= theirs, (game, refinement)
    assert {k for k in ours if not _mixing_sets(k[0])} == {
        k for k in theirs if not _mixing_sets(k[0])
    }
    skipped = any("not enumerated: the mixing" in n or "exceed" in n for n in general.notes)
    if not skipped:
        assert {k for k in theirs if _mixing_sets(k[0]) <= 1} <= ours, (game, refinement)
    return len(ours)


# -- published answers ----------------------------------------------------------------------------


def test_the_intuitive_criterion_eliminates_quiche_pooling_in_beer_quiche() -> None:
    game = game_of(load_model("beer-quiche").at())
    result = tree_perfect_bayesian_equilibria(game)
    quiche = [eq for eq in result if eq.choices()["Sender after Strong"] == "Quiche"]
    assert quiche, "the unrefined result has the quiche-pooling equilibria"
    refined = refine(result, "intuitive")
    assert [eq.choices()["Sender after Strong"] for eq in refined] == ["Beer"]
    assert [eq.choices()["Sender after Weak"] for eq in refined] == ["Beer"]
    # The receiver believes a quiche eater is weak and duels.
    assert refined[0].beliefs[2].vertices == ((F(0), F(1)),)
    assert refined[0].choices()["after Quiche"] == "Duel"
    for check in refined.eliminated:
        if check.equilibrium.choices()["Sender after Strong"] == "Quiche":
            (restriction,) = check.restrictions
            assert restriction.infoset == "after Beer"
            assert restriction.excluded == ("Sender after Weak",)
            assert restriction.allowed == ()


def test_d1_eliminates_the_high_settlement_pooling_the_intuitive_criterion_keeps() -> None:
    result = tree_perfect_bayesian_equilibria(settlement().game)

    def offers(res: Any) -> list[tuple[Any, Any]]:
        return sorted(
            {(eq.choices()["Defendant after t1"], eq.choices()["Defendant after t2"]) for eq in res}
        )

    assert offers(result) == [("High", "High"), ("Low", "Low")]
    intuitive = refine(result, "intuitive")
    assert offers(intuitive) == [("High", "High"), ("Low", "Low")]
    d1 = refine(result, "d1")
    assert offers(d1) == [("Low", "Low")]
    (high,) = [c for c in d1.eliminated if c.equilibrium.choices()["Defendant after t1"] == "High"][
        :1
    ]
    (restriction,) = high.restrictions
    assert restriction.excluded == ("Defendant after t2",)
    assert restriction.reasons == ("Defendant after t1 gains whenever it does",)


def test_job_market_keeps_the_separating_equilibrium_only() -> None:
    refined = perfect_bayesian_equilibria(job_market(), refine="intuitive")
    assert [eq.classification for eq in refined] == ["separating"]
    assert [eq.classification for eq in perfect_bayesian_equilibria(job_market(), refine="d1")] == [
        "separating"
    ]


# -- the signalling solver is a special case ------------------------------------------------------


@pytest.mark.parametrize("refinement", [None, "intuitive", "d1"])
def test_signalling_solver_and_tree_solver_agree_on_every_signalling_game(
    refinement: str | None,
) -> None:
    total = 0
    for _, game in catalogue_signalling_games():
        total += _compare(game, refinement)
    assert total > 0


@pytest.mark.parametrize("seed", range(12))
def test_signalling_solver_and_tree_solver_agree_on_random_games(seed: int) -> None:
    game, _ = random_arrays(seed)
    for refinement in (None, "intuitive", "d1"):
        _compare(game, refinement)


def test_audience_costs_refined_through_either_route() -> None:
    # The tree with its continuation (the defender fights or backs down after a challenge):
    # each signalling equilibrium, read as a behaviour profile on the tree, gets the same
    # verdict and restricted beliefs from check_equilibrium as through refine.
    game = SignallingGame(load_model("audience-costs").at())
    result = perfect_bayesian_equilibria(game)
    assert len(result) == 2
    for refinement in ("intuitive", "d1"):
        refined = refine(result, refinement)
        kept = [c.equilibrium.receiver for c in refined.checks]
        for eq in result:
            behaviour, beliefs = eq.behaviour_profile()
            profile = [behaviour[h] for h in range(len(game.game.infosets))]
            ok, restrictions, _, _ = check_equilibrium(game.game, profile, beliefs, refinement)
            assert ok == (eq.receiver in kept)
            # the belief after no signal is a belief about the two resolve types
            assert [r.types for r in restrictions] == [
                ("Defender after Resolute", "Defender after Irresolute")
            ]
    # Both pool on the signal; neither type is equilibrium dominated after "No signal", so the
    # Intuitive Criterion keeps both, while D1 puts the belief on the Irresolute type (it gains
    # whenever the Resolute one does) and keeps the pure one, whose reply is best for it.
    assert len(refine(result, "intuitive")) == 2
    (survivor,) = refine(result, "d1")
    assert survivor.receiver == result[0].receiver
    assert survivor.beliefs[1].interval == (0, 0)


def test_surviving_outcomes_match_the_signalling_solvers_cho_kreps_flag() -> None:
    # The flag is Cho and Kreps' test on the equilibrium; the refinement's belief form keeps
    # the same outcomes (it may drop an equilibrium whose off-path reply another reply replaces).
    for name, game in catalogue_signalling_games():
        result = perfect_bayesian_equilibria(game)
        flagged = {
            tuple(sorted(eq.outcome_probabilities().items()))
            for eq in result
            if eq.survives_intuitive_criterion
        }
        refined = {
            tuple(sorted(eq.outcome_probabilities().items())) for eq in refine(result, "intuitive")
        }
        assert refined == flagged, name


# -- an independent oracle for two types ----------------------------------------------------------


def _oracle(game: SignallingGame, arrays: list[Any], eq: Any, refinement: str) -> bool:
    """Two types, one unsent message at a time: dominance sets as intervals of the reply."""
    types = range(2)
    star = [F(x) for x in eq.sender_payoffs]
    pay = [[[F(v[0]) for v in row] for row in arrays[t]] for t in types]
    recv = [[[F(v[1]) for v in row] for row in arrays[t]] for t in types]
    for j, b in enumerate(eq.beliefs):
        if b.on_path:
            continue
        nr = len(game.responses[j])
        # Replies that are best for some belief mu = Pr(first type): check the crossing points.
        crossings = {F(0), F(1)}
        for r1 in range(nr):
            for r2 in range(nr):
                d0 = recv[0][j][r1] - recv[0][j][r2]
                d1 = recv[1][j][r1] - recv[1][j][r2]
                if d0 != d1:
                    mu = -d1 / (d0 - d1)
                    if 0 <= mu <= 1:
                        crossings.add(mu)
        points = sorted(crossings)
        mus = points + [(a + b) / 2 for a, b in itertools.pairwise(points)]

        def best(mu: F, j: int = j, nr: int = nr) -> list[int]:
            vals = [mu * recv[0][j][r] + (1 - mu) * recv[1][j][r] for r in range(nr)]
            return [r for r in range(nr) if vals[r] == max(vals)]

        # Mixed replies over each set of jointly best replies, sampled at its vertices,
        # the points where a type breaks even, and midpoints (the sets are intervals).
        mixes: list[dict[int, F]] = []
        for mu in mus:
            support = best(mu)
            for r in support:
                mixes.append({r: F(1)})
            for r1 in support:
                for r2 in support:
                    if r1 < r2:
                        cuts = {F(0), F(1), F(1, 2)}
                        for t in types:
                            a, c = pay[t][j][r1], pay[t][j][r2]
                            if a != c:
                                x = (star[t] - c) / (a - c)
                                if 0 <= x <= 1:
                                    cuts.add(x)
                        cs = sorted(cuts)
                        cs += [(a + b) / 2 for a, b in itertools.pairwise(cs)]
                        mixes += [{r1: x, r2: 1 - x} for x in cs]

        def gain(t: int, mix: dict[int, F], j: int = j) -> F:
            return sum((x * pay[t][j][r] for r, x in mix.items()), F(0)) - star[t]

        excluded: set[int] = set()
        for t in types:
            if all(gain(t, m) < 0 for m in mixes):
                excluded.add(t)
            elif refinement == "d1":
                other = 1 - t
                if all(gain(other, m) > 0 for m in mixes if gain(t, m) >= 0):
                    excluded.add(t)
        if refinement == "d1":
            for t in types:
                if all(gain(t, m) < 0 for m in mixes):
                    excluded.add(t)
        if len(excluded) == 2:
            excluded = set()
        verts = [tuple(F(x) for x in v) for v in b.vertices]
        if not any(all(v[t] == 0 for t in excluded) for v in verts):
            return False
    return True


@pytest.mark.parametrize("seed", range(20))
def test_verdicts_match_an_interval_oracle_on_random_two_type_games(seed: int) -> None:
    game, arrays = random_arrays(100 + seed)
    result = perfect_bayesian_equilibria(game)
    for refinement in ("intuitive", "d1"):
        failed = {id(c.equilibrium) for c in refine(result, refinement).eliminated}
        for eq in result:
            assert _oracle(game, arrays, eq, refinement) == (id(eq) not in failed), (seed, eq)


# -- a tree beyond signalling games ---------------------------------------------------------------


def test_extended_deterrence_types_meet_the_defender_at_two_information_sets() -> None:
    # At p_D = 1/2 the Soft challenger gains from challenging only where the Hard one gains
    # more (rho_S = 2/3 < rho_H = 4/5): D1 puts the belief on the Hard challenger, the Soft
    # defender concedes, and deterrence fails; the Intuitive Criterion excludes nobody.
    game = game_of(load_model("extended-deterrence-two-sided").at())
    result = tree_perfect_bayesian_equilibria(game)
    deterrence = [eq for eq in result if eq.choices()["Hard challenger"] == "Status quo"]
    assert deterrence
    assert len(refine(result, "intuitive")) == len(result)
    d1 = refine(result, "d1")
    # Deterrence falls; the bluff (two information sets mixing, listed by the solver) stays.
    assert len(d1) >= 1
    assert all(eq.choices()["Hard challenger"] != "Status quo" for eq in d1)
    dropped = [c for c in d1.eliminated if c.equilibrium in deterrence]
    assert len(dropped) == len(deterrence)
    restrictions = dropped[0].restrictions
    assert [r.infoset for r in restrictions] == [
        "Hard defender after Challenge",
        "Soft defender after Challenge",
    ]
    assert all(r.excluded == ("Soft challenger",) for r in restrictions)


def test_check_equilibrium_needs_a_known_refinement() -> None:
    game = game_of(load_model("beer-quiche").at())
    with pytest.raises(SolverError, match="unknown refinement 'd2'"):
        check_equilibrium(game, [(1, 0)] * 4, {}, "d2")
    with pytest.raises(SolverError, match="unknown refinement"):
        perfect_bayesian_equilibria(game, refine="strong")
    with pytest.raises(SolverError, match="refine needs perfect Bayesian"):
        refine(solve(game, "spe"), "d1")
    with pytest.raises(SolverError, match="applies to concept 'pbe' only"):
        solve(game, "spe", refine="d1")


def test_dispatch_refines_any_tree() -> None:
    game = game_of(load_model("beer-quiche").at())
    result = solve(game, "pbe", refine="intuitive")
    assert result.refinement == "intuitive"
    assert len(result) == 1 and len(result.eliminated) == 3
    data = result.to_dict()
    assert data["refinement"] == "intuitive" and data["eliminated"] == 3
    (eq,) = data["equilibria"]
    assert eq["exact"]["beliefs"]["after Quiche"] == [
        {"Strong > Quiche": "0", "Weak > Quiche": "1"}
    ]
    assert eq["refinement"][0]["excluded"] == ["Sender after Strong"]


def test_a_refined_result_has_a_notebook_table() -> None:
    game = game_of(load_model("beer-quiche").at())
    result = solve(game, "pbe", refine="intuitive")
    table = result._repr_html_()
    assert "1 of 4 perfect Bayesian equilibria survive" in table
    assert "Sender after Strong excluded (equilibrium dominated)" in table
    assert result._repr_latex_() is None
