"""New catalogue models (chain store over markets, Kreps-Wilson reputation, Fearon's continuum of
resolve) checked against independent computations, at ties and boundaries; and the sweep of a
model of n allies sized from the vector given."""

from __future__ import annotations

import dataclasses
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory_alliances as gta
from gametheory_alliances.checking import check_model
from gametheory_alliances.errors import DomainError
from gametheory_alliances.io.model_file import parse_model
from gametheory_alliances.solvers.first_order import solve_numeric
from gametheory_alliances.solvers.perfect_bayesian import perfect_bayesian_equilibria

PROOFS = Path(__file__).resolve().parents[1] / "proofs"
MODELS = Path(__file__).resolve().parents[1] / "models"


def proof_module(name):
    """A proof script's module (its builders are the code under test here)."""
    if str(PROOFS) not in sys.path:
        sys.path.insert(0, str(PROOFS))
    return __import__(name)


rationals = st.fractions(min_value=0, max_value=1, max_denominator=12)


# -- the sweep of a model of n allies ------------------------------------------------------


def test_sweep_takes_the_number_of_allies_from_the_vector_given():
    model = gta.load_model("public-good")
    df = gta.sweep(model, {"a": "0.2:0.8:3"}, {"w": (60, 50, 40)})
    assert [c for c in df.columns if c.endswith(":q_3")] == ["Ally 3:q_3"]
    assert sorted(set(df["w_3"])) == [40.0]
    # Independently: iterated best responses of the three-ally game at each point.
    for _, row in df.iterrows():
        a = Fraction(row["a"]).limit_denominator(100)
        numeric = solve_numeric(model.at(w=(60, 50, 40), a=a))
        levels = [row[f"Ally {i}:q_{i}"] for i in (1, 2, 3)]
        assert levels == pytest.approx(list(numeric.strategies), abs=1e-4)


def test_sweep_takes_n_with_one_value_for_all():
    df = gta.sweep("public-good", {"a": "0.5:0.5:1"}, {"n": 3, "w": 50})
    assert [df[f"w_{i}"].iloc[0] for i in (1, 2, 3)] == [50.0] * 3
    levels = {df[f"Ally {i}:q_{i}"].iloc[0] for i in (1, 2, 3)}
    assert len(levels) == 1  # symmetric allies spend alike


def test_sweep_refuses_n_that_disagrees_with_the_vector():
    with pytest.raises(DomainError, match="n = 2"):
        gta.sweep("public-good", {"a": "0.5:0.5:1"}, {"n": 2, "w": (60, 50, 40)})


def test_sweep_of_a_fixed_size_model_refuses_n():
    with pytest.raises(DomainError, match="n is not a parameter"):
        gta.sweep("chicken", {"P": "-10:-2:2"}, {"n": 3})


# -- Selten's chain store over markets -------------------------------------------------------


@settings(max_examples=10, deadline=None, derandomize=True)
@given(
    d=st.fractions(min_value=Fraction(21, 20), max_value=5, max_denominator=20),
    gap=st.fractions(min_value=Fraction(1, 20), max_value=5, max_denominator=20),
)
def test_chain_store_markets_accommodates_everywhere(d, gap):
    model = gta.load_model("chain-store-markets")
    result = gta.subgame_perfect_equilibria(model.at(d=d, m=d + gap))
    assert len(result) == 1
    (eq,) = result
    for label, probs in eq.behaviour.items():
        wanted = "Acquiesce" if label.startswith("Incumbent") else "Enter"
        assert probs[wanted] == 1, label
    assert [float(x) for x in eq.payoffs] == pytest.approx([float(3 * d)] + [float(d)] * 3)


def test_chain_store_markets_builder_matches_the_file_numerically():
    csm = proof_module("chain_store_markets")
    model = gta.load_model("chain-store-markets")
    m, d = (model.parameters[k].symbol for k in ("m", "d"))
    built = csm.chain_store(3, m, d, model.parameters)
    for point in ({"m": 5, "d": 2}, {"m": Fraction(3, 2), "d": Fraction(5, 4)}):
        ours = gta.subgame_perfect_equilibria(built.at(**point))
        theirs = gta.subgame_perfect_equilibria(model.at(**point))
        assert [e.payoffs for e in ours] == [e.payoffs for e in theirs]


def test_chain_store_markets_refuses_the_boundary_d_equals_one():
    model = gta.load_model("chain-store-markets")
    with pytest.raises(DomainError):
        model.at(d=1, m=5)


# -- Kreps-Wilson reputation -------------------------------------------------------------------


@settings(max_examples=25, deadline=None, derandomize=True)
@given(
    q=rationals,
    b=st.fractions(min_value=Fraction(1, 12), max_value=Fraction(11, 12), max_denominator=12),
    a=st.fractions(min_value=Fraction(7, 6), max_value=4, max_denominator=6),
)
def test_kreps_wilson_assessment_certifies(q, b, a):
    csr = proof_module("chain_store_reputation")
    game = gta.load_model("chain-store-reputation").at(q=q, b=b, a=a)
    eq = csr.kreps_wilson(game, q, b, a)
    assert eq.certify().ok
    entrant_enters = eq.profile[0][1] == 1
    assert entrant_enters == (q <= b * b)


@pytest.mark.parametrize("q", [Fraction(1, 10), Fraction(1, 4), Fraction(3, 8)])
def test_kreps_wilson_certificate_bites(q):
    """A Weak incumbent that fights too little, or an entrant on the wrong side of b^2, fails."""
    csr = proof_module("chain_store_reputation")
    b, a = Fraction(1, 2), Fraction(2)
    game = gta.load_model("chain-store-reputation").at(q=q, b=b, a=a)
    eq = csr.kreps_wilson(game, q, b, a)
    weak = [h.label for h in game.infosets].index("weak incumbent in market 1")
    assert 0 < eq.profile[weak][0] < 1
    less = list(eq.profile)
    less[weak] = (eq.profile[weak][0] / 2, 1 - eq.profile[weak][0] / 2)
    if eq.profile[0][1] == 1:
        # On the path, fighting less breaks Bayes' rule at the posterior b after a fight.
        assert not dataclasses.replace(eq, profile=tuple(less)).certify().ok
    else:
        # Off the path the Weak incumbent is indifferent: any mixture that keeps entrant 1 out
        # is an equilibrium too (a weak PBE has no consistency requirement there).
        assert dataclasses.replace(eq, profile=tuple(less)).certify().ok
    if q != b * b:  # at the tie both of entrant 1's choices are equilibria
        flipped = list(eq.profile)
        flipped[0] = (eq.profile[0][1], eq.profile[0][0])
        assert not dataclasses.replace(eq, profile=tuple(flipped)).certify().ok


def test_kreps_wilson_both_choices_certify_at_the_tie():
    csr = proof_module("chain_store_reputation")
    b, a = Fraction(1, 3), Fraction(3)
    q = b * b
    game = gta.load_model("chain-store-reputation").at(q=q, b=b, a=a)
    assert csr.kreps_wilson(game, q, b, a, True).certify().ok
    assert csr.kreps_wilson(game, q, b, a, False).certify().ok


# -- Fearon's continuum of resolve ---------------------------------------------------------------


def _signal_choices(v, c_D, z):
    model = gta.load_model("audience-costs-continuum")
    result = gta.subgame_perfect_equilibria(model.at(v=v, c_D=c_D, z=z, a=c_D * (1 - z)))
    return {
        (
            eq.behaviour["Defender: signal"]["Tie hands"],
            eq.behaviour["challenged after tying hands"]["Fight"],
        )
        for eq in result
    }


@settings(max_examples=30, deadline=None, derandomize=True)
@given(
    v=st.fractions(min_value=0, max_value=3, max_denominator=12),
    c_D=st.fractions(min_value=Fraction(1, 4), max_value=2, max_denominator=8),
    z=st.fractions(min_value=Fraction(1, 12), max_value=Fraction(11, 12), max_denominator=12),
)
def test_continuum_threshold_and_no_bluffing(v, c_D, z):
    choices = _signal_choices(v, c_D, z)
    v_star = z * c_D
    if v > v_star:
        assert choices == {(1, 1)}  # ties its hands and fights: no bluff
    elif v < v_star:
        assert all(tie == 0 for tie, _ in choices)


def test_continuum_threshold_type_is_the_only_tie():
    c_D, z = Fraction(1), Fraction(1, 4)
    choices = _signal_choices(z * c_D, c_D, z)
    # Indifferent between the signal and none, and between fighting and backing down after it.
    assert {tie for tie, _ in choices} == {0, 1}
    assert {fight for tie, fight in choices if tie == 1} == {0, 1}


def test_continuum_wrong_threshold_claim_fails_the_check():
    text = (MODELS / "audience-costs-continuum.toml").read_text(encoding="utf-8")
    wrong = text.replace('iff = "v >= z*c_D"', 'iff = "v >= z*c_D/2"')
    assert wrong != text
    model = parse_model(wrong, "wrong.toml")
    report = check_model(model, examples=40)
    failed = [r.claim.name for r in report.results if r.status != "holds"]
    assert failed == ["threshold-type"]


def test_two_type_model_has_bluffs_that_survive_the_intuitive_criterion():
    model = gta.load_model("audience-costs")
    result = perfect_bayesian_equilibria(model.at(a=Fraction(1, 10), kappa=0))
    bluffs = [
        eq
        for eq in result
        if eq.sender[1][0] > 0
        and dict(p for (p,) in eq.continuation)[("Irresolute", "Signal", "Challenge")]
        == "Back down"
    ]
    assert bluffs and all(eq.survives_intuitive_criterion for eq in bluffs)
    assert all(eq.probability("back down") > 0 for eq in bluffs)


# -- three-party extended deterrence ---------------------------------------------------------


def _paths(**values):
    model = gta.load_model("extended-deterrence-three-party")
    return {eq.path for eq in gta.subgame_perfect_equilibria(model.at(**values))}


def test_three_party_challenger_attacks_the_more_reliable_ally():
    # Defaults: the defender is reliable (r_D = 1 > j_D), the protege is not (r_P < j_P).
    assert _paths() == {("Attack Defender", "Resist", "Stay out")}
    # Make the protege reliable instead: the challenger turns to the protege.
    assert _paths(r_D=Fraction(1, 4), r_P=1) == {("Attack Protege", "Resist", "Stay out")}


def test_three_party_reliable_alliance_deters_and_ties_keep_both_choices():
    assert _paths(r_P=1) == {("Status quo",)}
    # At r_D = j_D the defender is indifferent: an SPE for each of its choices.
    model = gta.load_model("extended-deterrence-three-party")
    result = gta.subgame_perfect_equilibria(model.at(r_D=Fraction(1, 2)))
    joins = {eq.behaviour["Defender: join the protege"]["Join"] for eq in result}
    assert joins == {0, 1}
