"""Tests of perfect Bayesian equilibria of signalling games.

Textbook results (Beer-Quiche and its Intuitive Criterion verdict, Spence's
job market, the semi-separating Beer-Quiche equilibrium for a low prior),
the audience-costs model's tied-hands and sunk-cost equilibria with their
war probabilities, recognition of the sender-receiver structure, and two
independent oracles on random games: a brute force over pure strategy pairs
and beliefs (a fine grid plus the exact crossing points for two types, a
floating-point linear programme for three), and pygambit's enumeration of
the Nash equilibria of the strategic form, whose equilibria with every
message on the path must all be reported.
"""

from __future__ import annotations

import itertools
import math
import random
from fractions import Fraction
from typing import Any

import numpy as np
import pygambit
import pytest
import sympy
from scipy.optimize import linprog

from gametheory_alliances import signalling
from gametheory_alliances.catalogue import load_model
from gametheory_alliances.equilibrium import Equilibrium, SolverResult
from gametheory_alliances.errors import GameError, ShapeError, SolverError
from gametheory_alliances.parameters import Parameter
from gametheory_alliances.sequential import Chance, Decision, SequentialGame, Terminal
from gametheory_alliances.signalling import SignallingGame
from gametheory_alliances.solvers import perfect_bayesian
from gametheory_alliances.solvers.perfect_bayesian import (
    MAX_SUPPORT_PROFILES,
    perfect_bayesian_equilibria,
)
from gametheory_alliances.symbolic import signalling as signalling_regions
from gametheory_alliances.symbolic.signalling import closed_form, pbe_regions

F = Fraction


def beer_quiche(p: Any = "9/10") -> SignallingGame:
    return SignallingGame(load_model("beer-quiche").at(p=p))


# -- Beer-Quiche -----------------------------------------------------------------------------------


def test_beer_quiche_has_two_pooling_families_and_no_other_equilibria() -> None:
    result = perfect_bayesian_equilibria(beer_quiche())
    assert {eq.classification for eq in result} == {"pooling"}
    families = {eq.family for eq in result}
    assert families == {
        "pooling: Strong: Beer; Weak: Beer | Beer: Not duel",
        "pooling: Strong: Quiche; Weak: Quiche | Quiche: Not duel",
    }
    pure = perfect_bayesian_equilibria(beer_quiche(), mixed=False)
    assert [(eq.sender_strategy_text(), eq.receiver_strategy_text()) for eq in pure] == [
        ("Strong: Beer; Weak: Beer", "Beer: Not duel; Quiche: Duel"),
        ("Strong: Quiche; Weak: Quiche", "Beer: Duel; Quiche: Not duel"),
    ]
    assert all(eq.certify() for eq in result)


def test_only_beer_pooling_survives_the_intuitive_criterion() -> None:
    result = perfect_bayesian_equilibria(beer_quiche())
    verdict = {eq.family.split(" |")[0]: eq.survives_intuitive_criterion for eq in result}
    assert verdict == {
        "pooling: Strong: Beer; Weak: Beer": True,
        "pooling: Strong: Quiche; Weak: Quiche": False,
    }
    quiche = next(eq for eq in result if eq.sender[0] == (0, 1) and eq.is_pure)
    (report,) = quiche.intuitive_criterion
    assert report == {
        "message": "Beer",
        "equilibrium_dominated": ["Weak"],
        "deviating_types": ["Strong"],
    }


def test_beer_quiche_beliefs_payoffs_and_off_path_rule() -> None:
    beer, quiche = perfect_bayesian_equilibria(beer_quiche(), mixed=False)
    assert beer.beliefs[0].on_path and beer.beliefs[0].vertices == ((F(9, 10), F(1, 10)),)
    assert not beer.beliefs[1].on_path
    assert beer.beliefs[1].interval == (0, F(1, 2))
    assert beer.off_path_rule == "after Quiche: any belief with Pr(Strong | Quiche) in [0, 1/2]"
    assert quiche.beliefs[0].interval == (0, F(1, 2))
    assert beer.sender_payoffs == (3, 2) and beer.sender_payoff == F(29, 10)
    assert quiche.sender_payoffs == (2, 3) and quiche.sender_payoff == F(21, 10)
    assert beer.receiver_payoff == F(9, 10)
    d = beer.to_dict()
    assert d["classification"] == "pooling"
    assert d["exact"]["payoffs_by_role"]["sender"] == "29/10"
    assert d["message_beliefs"][1]["interval"] == ["0", "1/2"]
    assert d["exact"]["payoffs"] == ["29/10", "9/10"]
    assert d["exact"]["beliefs"]["after Quiche"] == [
        {"Strong > Quiche": "1/2", "Weak > Quiche": "1/2"},
        {"Strong > Quiche": "0", "Weak > Quiche": "1"},
    ]


@pytest.mark.parametrize("p", [F(1, 10), F(1, 5), F(1, 4), F(2, 5)])
def test_beer_quiche_low_prior_has_the_closed_form_semi_separating_equilibrium(p: Fraction) -> None:
    # Strong drinks beer; weak drinks beer with probability p/(1-p), which makes the
    # receiver indifferent after beer; the receiver duels after beer with probability 1/2,
    # which makes the weak type indifferent.
    result = perfect_bayesian_equilibria(beer_quiche(p))
    assert len(result) == 1
    (eq,) = result
    assert eq.classification == "semi-separating"
    assert eq.sender == ((1, 0), (p / (1 - p), 1 - p / (1 - p)))
    assert eq.receiver == ((F(1, 2), F(1, 2)), (1, 0))
    assert eq.beliefs[0].vertices == ((F(1, 2), F(1, 2)),)
    assert eq.certify()


# -- a separating example: Spence's job market -------------------------------------------------------


def job_market(prior_high: Any = "1/3") -> SignallingGame:
    return SignallingGame.from_arrays(
        ["High", "Low"],
        [prior_high, 1 - Fraction(prior_high)],
        ["Educate", "Not"],
        ["Hire", "Reject"],
        [[[(1, 1), (-1, 0)], [(2, 1), (0, 0)]], [[(-1, 0), (-3, 1)], [(2, 0), (0, 1)]]],
        players=["Worker", "Employer"],
    )


def test_job_market_separating_equilibrium_is_the_intuitive_one() -> None:
    result = perfect_bayesian_equilibria(job_market())
    sep = [eq for eq in result if eq.classification == "separating"]
    assert len(sep) == 1
    (eq,) = sep
    assert eq.sender == ((1, 0), (0, 1)) and eq.receiver == ((1, 0), (0, 1))
    assert eq.off_path_rule == "every message is on the path: beliefs follow Bayes' rule"
    assert eq.survives_intuitive_criterion
    assert eq.beliefs[0].vertices == ((1, 0),) and eq.beliefs[1].vertices == ((0, 1),)
    pooling = [eq for eq in result if eq.classification == "pooling"]
    assert pooling and not any(eq.survives_intuitive_criterion for eq in pooling)


def test_certify_detects_a_wrong_profile() -> None:
    (eq, *_) = perfect_bayesian_equilibria(job_market())
    bad = type(eq)(**{**eq.__dict__, "receiver": ((0, 1), (1, 0))})
    cert = bad.certify()
    assert not cert and cert.exact
    assert max(cert.sender_regrets) > 0


# -- audience costs: tying hands versus sinking costs ----------------------------------------------


def test_audience_costs_tied_hands_pool_on_the_signal_and_risk_war() -> None:
    game = SignallingGame(load_model("audience-costs").game)
    result = perfect_bayesian_equilibria(game.at(a="1/2", kappa=0))
    assert {eq.family for eq in result} == {
        "pooling: Resolute: Signal; Irresolute: Signal | Signal: Not challenge"
    }
    for eq in result:
        assert eq.certify()
        assert eq.probability("war") == F(
            1, 5
        )  # every aggressive challenge meets a committed defender
        assert eq.sender_payoff == F(2, 5)
        assert eq.probability("Challenge") == 0


def test_audience_costs_sunk_costs_separate_with_less_war_and_less_for_the_defender() -> None:
    game = SignallingGame(load_model("audience-costs").game)
    result = perfect_bayesian_equilibria(game.at(a=0, kappa="3/10"))
    survivors = [eq for eq in result if eq.survives_intuitive_criterion]
    assert [eq.classification for eq in survivors] == ["separating"]
    (eq,) = survivors
    assert eq.probability("war") == F(1, 15)
    assert eq.sender_payoff == F(1, 5)
    outcomes = eq.outcome_probabilities()
    assert sum(outcomes.values()) == 1
    assert outcomes[("Irresolute", "No signal", "Challenge", "Back down")] == F(2, 3)


def test_pbe_regions_of_audience_costs_under_the_model_assumptions() -> None:
    model = load_model("audience-costs")
    regions = pbe_regions(model)
    point = {"a": F(1, 2), "kappa": 0}
    numeric = perfect_bayesian_equilibria(model.at(**point), mixed=False)
    ours = {(tuple(r.sender.values()), tuple(r.receiver.values())) for r in regions.at(**point)}
    theirs = {
        (
            tuple(eq.game.messages[p.index(1)] for p in eq.sender),
            tuple(eq.game.responses[j][q.index(1)] for j, q in enumerate(eq.receiver)),
        )
        for eq in numeric
    }
    assert ours == theirs
    # the closed-form war probability and payoff of each candidate match the numeric solver's
    values = {**{k: p.default for k, p in model.parameters.items()}, **point}
    subs = {model.parameters[k].symbol: sympy.Rational(str(v)) for k, v in values.items()}
    for r in regions.at(**point):
        eq = next(
            e
            for e in numeric
            if tuple(e.game.messages[p.index(1)] for p in e.sender) == tuple(r.sender.values())
            and tuple(e.game.responses[j][q.index(1)] for j, q in enumerate(e.receiver))
            == tuple(r.receiver.values())
        )
        assert r.probability("war").xreplace(subs) == eq.probability("war")
        assert r.payoffs["sender"].xreplace(subs) == eq.sender_payoff
    pooled = next(r for r in regions.at(**point) if set(r.sender.values()) == {"Signal"})
    assert pooled.probability("war") == model.parameters["z"].symbol


# -- symbolic regions against the numeric solver ---------------------------------------------------


def test_pbe_regions_of_beer_quiche_agree_with_the_numeric_solver_on_a_grid() -> None:
    p = Parameter("p", "[0, 1]", "9/10")
    game = SignallingGame.from_arrays(
        ["Strong", "Weak"],
        ["p", "1 - p"],
        ["Beer", "Quiche"],
        ["Duel", "Not"],
        [[[(1, 0), (3, 1)], [(0, 0), (2, 1)]], [[(0, 1), (2, 0)], [(1, 1), (3, 0)]]],
        parameters=[p],
    )
    regions = pbe_regions(game)
    for k in range(11):
        value = F(k, 10)
        numeric = perfect_bayesian_equilibria(game.at(p=value), mixed=False)
        theirs = {(eq.sender, eq.receiver) for eq in numeric}
        ours = set()
        for r in regions.at(p=value):
            sender = tuple(tuple(int(m == r.sender[t]) for m in game.messages) for t in game.types)
            receiver = tuple(
                tuple(int(x == r.receiver[m]) for x in game.responses[j])
                for j, m in enumerate(game.messages)
            )
            ours.add((sender, receiver))
        assert ours == theirs, value
    beer = next(r for r in regions if r.sender == {"Strong": "Beer", "Weak": "Beer"})
    mu = next(iter(beer.off_path_beliefs["Quiche"].free_symbols))
    assert beer.off_path_beliefs["Quiche"].subs(mu, F(1, 2)) is not False


# -- structure recognition and bad input -----------------------------------------------------------


def _tree(**changes: Any) -> SequentialGame:
    def receiver(t: str, m: str) -> Decision:
        infoset = changes.get("infoset", lambda t, m: m)(t, m)
        n = len(changes.get("players") or ["S", "R"])
        return Decision(
            changes.get("receiver", "R"),
            {"a": Terminal([1, 0, 0][:n]), "b": Terminal([0, 1, 0][:n])},
            infoset,
        )

    def sender(t: str) -> Decision:
        msgs = changes.get("messages", {}).get(t, ("x", "y"))
        return Decision("S", {m: receiver(t, m) for m in msgs}, changes.get("sender_infoset"))

    return SequentialGame(
        Chance({t: ("1/2", sender(t)) for t in ("t1", "t2")}), players=changes.get("players")
    )


def test_recognises_a_plain_sender_receiver_tree() -> None:
    g = SignallingGame(_tree())
    assert g.types == ("t1", "t2") and g.messages == ("x", "y")
    assert g.responses == (("a", "b"), ("a", "b"))
    assert (g.sender, g.receiver) == ("S", "R")


def test_root_must_be_a_chance_move() -> None:
    tree = SequentialGame(Decision("S", {"x": Terminal([0, 0])}), players=["S", "R"])
    with pytest.raises(GameError, match="root must be a chance move"):
        SignallingGame(tree)


def test_receiver_information_set_must_follow_one_message() -> None:
    with pytest.raises(GameError, match="information set"):
        SignallingGame(_tree(infoset=lambda t, m: "all"))
    with pytest.raises(GameError, match="information set"):
        SignallingGame(_tree(infoset=lambda t, m: t + m))


def test_sender_must_know_its_type() -> None:
    with pytest.raises(GameError, match="must know its type"):
        SignallingGame(_tree(sender_infoset="blind"))


def test_types_need_the_same_messages() -> None:
    with pytest.raises(GameError, match="same messages"):
        SignallingGame(_tree(messages={"t2": ("x", "z")}))


def test_a_third_player_is_refused() -> None:
    with pytest.raises(GameError, match="two players"):
        SignallingGame(_tree(players=["S", "R", "Bystander"]))


def test_only_the_sender_moves_after_the_response() -> None:
    tree = SequentialGame(
        Chance(
            {
                t: (
                    "1/2",
                    Decision(
                        "S",
                        {
                            "x": Decision(
                                "R",
                                {"a": Decision("R", {"c": Terminal([0, 0])}, label="again")},
                                infoset="x",
                            )
                        },
                    ),
                )
                for t in ("t1", "t2")
            }
        )
    )
    with pytest.raises(GameError, match="only the sender"):
        SignallingGame(tree)


def test_from_arrays_checks_shapes() -> None:
    with pytest.raises(ShapeError, match="priors"):
        SignallingGame.from_arrays(["a", "b"], [1], ["m"], ["r"], [[[(0, 0)]], [[(0, 0)]]])
    with pytest.raises(ShapeError, match=r"payoffs\[1\]\[0\]"):
        SignallingGame.from_arrays(
            ["a", "b"], ["1/2", "1/2"], ["m"], ["r", "s"], [[[(0, 0), (1, 1)]], [[(0, 0)]]]
        )
    with pytest.raises(ShapeError, match="pair"):
        SignallingGame.from_arrays(["a"], [1], ["m"], ["r"], [[[(0, 0, 0)]]])


def test_unbound_parameters_are_refused() -> None:
    with pytest.raises(SolverError, match="unbound"):
        perfect_bayesian_equilibria(SignallingGame(load_model("beer-quiche").game))


def test_pbe_regions_needs_two_types() -> None:
    g = SignallingGame.from_arrays(["a"], [1], ["m", "n"], ["r"], [[[(0, 0)], [(1, 1)]]])
    with pytest.raises(GameError, match="two types"):
        pbe_regions(g)


# -- random games: brute force and pygambit as oracles ---------------------------------------------


def random_game(rng: random.Random, nt: int, nm: int, nr: int, spread: int) -> SignallingGame:
    weights = [rng.randint(1, 4) for _ in range(nt)]
    if rng.random() < 0.15:
        weights[rng.randrange(nt)] = 0  # a type of prior zero
        if sum(weights) == 0:
            weights[0] = 1
    priors = [F(w, sum(weights)) for w in weights]
    payoffs = [
        [
            [(rng.randint(-spread, spread), rng.randint(-spread, spread)) for _ in range(nr)]
            for _ in range(nm)
        ]
        for _ in range(nt)
    ]
    return SignallingGame.from_arrays(
        [f"t{i}" for i in range(nt)],
        priors,
        [f"m{j}" for j in range(nm)],
        [f"r{k}" for k in range(nr)],
        payoffs,
    )


def _table(game: SignallingGame) -> tuple[list[Fraction], list[Any]]:
    priors = [F(str(p)) for p in game.priors]
    tree = game.game.root
    pay = [
        [
            [
                tuple(F(str(x)) for x in tree.outcomes[t][1].actions[m].actions[r].payoffs)
                for r in game.responses[j]
            ]
            for j, m in enumerate(game.messages)
        ]
        for t in game.types
    ]
    return priors, pay


def _belief_exists(pay: Any, j: int, r: int, nt: int) -> bool:
    """Some belief over types makes response r best after message j (independent oracle)."""
    nr = len(pay[0][j])
    diffs = [[pay[i][j][r][1] - pay[i][j][k][1] for i in range(nt)] for k in range(nr) if k != r]
    if nt == 2:
        candidates = {F(n, 240) for n in range(241)}
        for d1, d2 in itertools.combinations(diffs, 2):
            for a, b in (d1, d2):
                if a != b:
                    candidates.add(F(-b, a - b))
        for a, b in diffs:
            if a != b:
                candidates.add(F(-b, a - b))
        return any(
            0 <= mu <= 1 and all(mu * a + (1 - mu) * b >= 0 for a, b in diffs) for mu in candidates
        )
    if not diffs:
        return True
    res = linprog(
        np.zeros(nt),
        A_ub=-np.array([[float(x) for x in d] for d in diffs]),
        b_ub=np.full(len(diffs), 1e-12),
        A_eq=np.ones((1, nt)),
        b_eq=[1.0],
        bounds=[(0, 1)] * nt,
        method="highs",
    )
    return bool(res.status == 0)


def brute_force_pure(game: SignallingGame) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    priors, pay = _table(game)
    nt, nm, nr = len(game.types), len(game.messages), len(game.responses[0])
    out = set()
    for sigma in itertools.product(range(nm), repeat=nt):
        for rho in itertools.product(range(nr), repeat=nm):
            if any(
                pay[i][sigma[i]][rho[sigma[i]]][0] < pay[i][j][rho[j]][0]
                for i in range(nt)
                for j in range(nm)
            ):
                continue
            ok = True
            for j in range(nm):
                senders = [i for i in range(nt) if sigma[i] == j and priors[i] > 0]
                if senders:
                    value = [sum(priors[i] * pay[i][j][k][1] for i in senders) for k in range(nr)]
                    ok = ok and value[rho[j]] == max(value)
                else:
                    ok = ok and _belief_exists(pay, j, rho[j], nt)
            if ok:
                out.add((sigma, rho))
    return out


@pytest.mark.parametrize(
    ("seed", "shape"),
    [(s, (2, 2, 2)) for s in range(25)]
    + [(s, (2, 3, 2)) for s in range(8)]
    + [(s, (2, 2, 3)) for s in range(8)]
    + [(s, (3, 2, 2)) for s in range(8)],
)
def test_pure_equilibria_match_brute_force_on_random_games(
    seed: int, shape: tuple[int, int, int]
) -> None:
    rng = random.Random(7000 + seed * 31 + sum(shape))
    game = random_game(rng, *shape, spread=2)  # small payoff range: many ties
    result = perfect_bayesian_equilibria(game, mixed=False)
    ours = {
        (tuple(p.index(1) for p in eq.sender), tuple(q.index(1) for q in eq.receiver))
        for eq in result
    }
    assert ours == brute_force_pure(game)
    for eq in result:
        assert eq.certify()
        for b in eq.beliefs:
            if not b.on_path:
                assert b.vertices  # a supporting belief is reported
                for v in b.vertices:
                    assert sum(v) == 1 and min(v) >= 0


def _behaviour(game: SignallingGame, mixed: list[list[Fraction]]) -> tuple[Any, Any] | None:
    seq = game.game
    beh = seq.behaviour_from_mixed(mixed)
    sender: dict[str, Any] = {}
    receiver: dict[str, Any] = {}
    for h, probs in beh.items():
        info = seq.infosets[h]
        path = seq.node_path(info.nodes[0])
        if probs is None:
            return None
        if len(path) == 1:
            sender[path[0]] = tuple(probs)
        else:
            receiver[path[1]] = tuple(probs)
    return (
        tuple(sender[t] for t in game.types),
        tuple(receiver[m] for m in game.messages),
    )


@pytest.mark.parametrize("block", range(3))
def test_on_path_nash_equilibria_from_pygambit_are_all_reported(block: int) -> None:
    found = 0
    for seed in range(10 * block, 10 * block + 10):
        found += _compare_with_gambit(random.Random(500 + seed))
    assert found >= 2  # the oracle did meet equilibria with every message on the path


def _compare_with_gambit(rng: random.Random) -> int:
    game = random_game(rng, 2, 2, 2, spread=40)  # a wide range: generic payoffs
    result = perfect_bayesian_equilibria(game)
    ours = {(eq.sender, eq.receiver) for eq in result}
    nf = game.game.to_normal_form()
    g = nf.to_pygambit()
    found = 0
    for eq in pygambit.nash.enummixed_solve(g, rational=True).equilibria:
        mixed = [[F(str(eq[s])) for s in player.strategies] for player in g.players]
        beh = _behaviour(game, mixed)
        if beh is None:
            continue
        priors = [F(str(p)) for p in game.priors]
        weights = [sum(priors[i] * beh[0][i][j] for i in range(2)) for j in range(2)]
        if min(weights) > 0:  # every message on the path: the Nash equilibrium is a PBE
            found += 1
            assert beh in ours
    # and every reported equilibrium is a Nash equilibrium of the strategic form
    for eq in result:
        s_mix = [F(eq.sender[0][a]) * F(eq.sender[1][b]) for a in range(2) for b in range(2)]
        r_mix = [F(eq.receiver[0][a]) * F(eq.receiver[1][b]) for a in range(2) for b in range(2)]
        assert Equilibrium.from_profile(nf, [s_mix, r_mix]).certify()
    return found


def test_floating_point_priors_give_a_float_result() -> None:
    p = Parameter("p", "[0, 1]", "9/10")
    game = SignallingGame.from_arrays(
        ["Strong", "Weak"],
        ["p", "1 - p"],
        ["Beer", "Quiche"],
        ["Duel", "Not"],
        [[[(1, 0), (3, 1)], [(0, 0), (2, 1)]], [[(0, 1), (2, 0)], [(1, 1), (3, 0)]]],
        parameters=[p],
    )
    result = perfect_bayesian_equilibria(game.at(p=sympy.sqrt(2) / 2), mixed=False)
    assert not result.exact
    assert len(result) == 2
    assert isinstance(result[0].sender_payoff, float)
    assert abs(result[0].sender_payoff - (3 / math.sqrt(2) + 2 * (1 - 1 / math.sqrt(2)))) < 1e-12


def test_a_pbe_result_is_a_solver_result_with_its_method_and_options() -> None:
    result = perfect_bayesian_equilibria(beer_quiche(), mixed=False)
    assert isinstance(result, SolverResult)
    assert result.method == "support enumeration" and not result.mixed
    assert result.options == {"mixed": False, "max_support_profiles": MAX_SUPPORT_PROFILES}
    assert list(result) == list(result.equilibria) and result[:1] == result.equilibria[:1]
    assert result.to_dict()["concept"] == "pbe" and result.components == {}


def test_large_games_fall_back_to_pure_equilibria_and_say_so() -> None:
    game = random_game(random.Random(3), 3, 3, 3, spread=2)
    result = perfect_bayesian_equilibria(game)
    assert not result.mixed
    assert result.enumerated.startswith("pure equilibria only")
    assert any("max_support_profiles" in note for note in result.notes)
    assert {(eq.sender, eq.receiver) for eq in result} == {
        (eq.sender, eq.receiver) for eq in perfect_bayesian_equilibria(game, mixed=False)
    }


@pytest.mark.parametrize("seed", range(6))
def test_pbe_regions_agree_with_the_numeric_solver_on_random_parameterised_games(seed: int) -> None:
    rng = random.Random(900 + seed)
    x = Parameter("x", "[-2, 2]", 0)
    p = Parameter("p", "[0, 1]", "1/2")

    def entry() -> str:
        return f"{rng.randint(-2, 2)} + {rng.choice([0, 0, 1, -1])}*x"

    game = SignallingGame.from_arrays(
        ["t0", "t1"],
        ["p", "1 - p"],
        ["m0", "m1"],
        ["r0", "r1"],
        [[[(entry(), entry()) for _ in range(2)] for _ in range(2)] for _ in range(2)],
        parameters=[x, p],
    )
    regions = pbe_regions(game)
    for xv in (F(-2), F(-1), F(-1, 2), F(0), F(1, 3), F(1), F(2)):
        for pv in (F(0), F(1, 4), F(1, 2), F(2, 3), F(1)):
            numeric = perfect_bayesian_equilibria(game.at(x=xv, p=pv), mixed=False)
            theirs = {(eq.sender, eq.receiver) for eq in numeric}
            ours = {
                (
                    tuple(tuple(int(m == r.sender[t]) for m in game.messages) for t in game.types),
                    tuple(
                        tuple(int(a == r.receiver[m]) for a in game.responses[j])
                        for j, m in enumerate(game.messages)
                    ),
                )
                for r in regions.at(x=xv, p=pv)
            }
            assert ours == theirs, (xv, pv)


# -- closed forms of equilibria found at a point --------------------------------------------------


def test_closed_form_of_the_semi_separating_beer_quiche_equilibrium() -> None:
    model = load_model("beer-quiche")
    (eq,) = perfect_bayesian_equilibria(model.at(p="1/4"))
    form = closed_form(model, eq)
    p = model.parameters["p"].symbol
    assert sympy.simplify(form.sender[1][0] - p / (1 - p)) == 0
    assert form.sender[0] == (1, 0)
    assert form.receiver == ((F(1, 2), F(1, 2)), (1, 0))


@pytest.mark.parametrize(("a", "kappa"), [(0, F(1, 10)), (F(1, 10), F(1, 20)), (F(1, 5), 0)])
def test_closed_form_war_probability_matches_the_solver_across_points(a: Any, kappa: Any) -> None:
    model = load_model("audience-costs")
    point = {"a": a, "kappa": kappa}
    (semi,) = [
        e
        for e in perfect_bayesian_equilibria(model.at(**point))
        if e.classification == "semi-separating"
    ]
    fixed = {"kappa": 0} if kappa == 0 else None
    form = closed_form(model, semi, fixed=fixed)
    defaults = {k: p.default for k, p in model.parameters.items()}
    for p_value in (F(1, 5), F(1, 4), F(1, 3)):
        for z_value in (F(1, 10), F(1, 5)):
            values = {**defaults, **point, "p": p_value, "z": z_value}
            subs = {model.parameters[k].symbol: sympy.Rational(str(v)) for k, v in values.items()}
            here = [
                e
                for e in perfect_bayesian_equilibria(
                    model.at(**{**point, "p": p_value, "z": z_value})
                )
                if e.classification == "semi-separating"
            ]
            assert len(here) == 1
            assert form.probability("war").xreplace(subs) == here[0].probability("war")
            assert form.payoffs["sender"].xreplace(subs) == here[0].sender_payoff
            assert (
                tuple(tuple(x.xreplace(subs) for x in row) for row in form.sender) == here[0].sender
            )


def test_closed_form_refuses_a_degenerate_point() -> None:
    model = load_model("audience-costs")
    eqs = perfect_bayesian_equilibria(model.at(a="1/10", kappa=0))
    pooling = next(e for e in eqs if e.classification == "pooling")
    with pytest.raises(SolverError, match="degenerate"):
        closed_form(model, pooling)
    assert closed_form(model, pooling, fixed={"kappa": 0}).probability("war") == (
        model.parameters["p"].symbol
    )


@pytest.mark.parametrize(
    "seed", [1, 2, 5, 6]
)  # seeds whose games have mixed equilibria at these points
def test_mixed_pbe_regions_agree_with_the_numeric_solver_at_generic_points(seed: int) -> None:
    rng = random.Random(4200 + seed)
    x = Parameter("x", "[-2, 2]", 0)
    p = Parameter("p", "[0, 1]", "1/2")

    def entry() -> str:
        return f"{rng.randint(-6, 6)}/{rng.randint(1, 3)} + {rng.randint(-3, 3)}*x"

    game = SignallingGame.from_arrays(
        ["t0", "t1"],
        ["p", "1 - p"],
        ["m0", "m1"],
        ["r0", "r1"],
        [[[(entry(), entry()) for _ in range(2)] for _ in range(2)] for _ in range(2)],
        parameters=[x, p],
    )
    regions = pbe_regions(game, mixed=True)
    for xv in (F(-13, 7), F(-3, 11), F(5, 13), F(17, 9)):
        for pv in (F(2, 7), F(5, 9), F(11, 13)):
            subs = {x.symbol: sympy.Rational(xv), p.symbol: sympy.Rational(pv)}
            ours = {
                (
                    tuple(
                        tuple(F(str(v.xreplace(subs))) for v in row)
                        for row in r.sender_probabilities
                    ),
                    tuple(
                        tuple(F(str(v.xreplace(subs))) for v in row)
                        for row in r.receiver_probabilities
                    ),
                )
                for r in regions.at(x=xv, p=pv)
            }
            numeric = perfect_bayesian_equilibria(game.at(x=xv, p=pv))
            theirs = {
                (eq.sender, eq.receiver)
                for eq in numeric
                # the symbolic candidates answer unsent messages with pure responses
                if all(
                    b.on_path or max(q) == 1 for b, q in zip(eq.beliefs, eq.receiver, strict=True)
                )
            }
            assert ours == theirs, (xv, pv)


# -- the old import paths ----------------------------------------------------------------------------

MOVED = [
    (name, perfect_bayesian)
    for name in (
        "BeliefSet",
        "MAX_CANDIDATES",
        "MAX_SUPPORT_PROFILES",
        "PBECertificate",
        "PBEResult",
        "PerfectBayesianEquilibrium",
        "perfect_bayesian_equilibria",
    )
] + [
    (name, signalling_regions)
    for name in ("ClosedForm", "PBERegion", "PBERegionsResult", "closed_form", "pbe_regions")
]


@pytest.mark.parametrize(("name", "new_home"), MOVED, ids=[name for name, _ in MOVED])
def test_a_moved_name_still_comes_from_signalling_with_a_deprecation_warning(
    name: str, new_home: Any
) -> None:
    with pytest.warns(DeprecationWarning, match=f"signalling.{name} moved to {new_home.__name__}"):
        old = getattr(signalling, name)
    assert old is getattr(new_home, name)


def test_the_old_from_import_of_the_solver_gives_the_same_function_and_warns() -> None:
    with pytest.warns(DeprecationWarning, match="perfect_bayesian_equilibria moved"):
        from gametheory_alliances.signalling import perfect_bayesian_equilibria as old
    assert old is perfect_bayesian_equilibria


def test_an_unknown_name_of_signalling_is_still_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        signalling.no_such_name  # noqa: B018
