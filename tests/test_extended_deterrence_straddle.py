"""The straddle strategy (extended-deterrence-straddle): the solver's equilibria against
arithmetic done here from the payoffs, at the defaults, above and at the commitment threshold."""

from __future__ import annotations

from fractions import Fraction

import pytest

import gametheory_alliances as gta
from gametheory_alliances.errors import DomainError
from gametheory_alliances.game import game_of
from gametheory_alliances.solvers.tree_refinements import refine

MODEL = "extended-deterrence-straddle"
DET, HES, DEF = "Determined challenger", "Hesitant challenger", "Defender after Demand"


def _solve(**values):
    model = gta.load_model(MODEL)
    return gta.perfect_bayesian_equilibria(game_of(model.at(**values)))


def _plays(result):
    return {
        (eq.behaviour[DET]["Demand"], eq.behaviour[HES]["Demand"], eq.behaviour[DEF]["Support"])
        for eq in result
    }


def test_defaults_d1_leaves_only_the_straddle_with_its_indifference_probabilities():
    # Defaults: s = 1/2, c_C = 1/4, g_C = 1/4, k_D = 1/2, s_D = 1/4, L = 1, p_C = 1/2, p_P = 1/4.
    gain = Fraction(1, 4) * Fraction(1, 4) + Fraction(3, 4) * Fraction(1, 2)
    sigma = gain / (gain + Fraction(1, 4))  # the hesitant challenger is indifferent
    mu = (Fraction(1, 4) * 1 + Fraction(3, 4) * Fraction(1, 4)) / Fraction(1, 2)
    beta = Fraction(1, 2) * (1 - mu) / (Fraction(1, 2) * mu)  # the posterior is mu
    result = _solve()
    assert (1, beta, sigma) in _plays(result)
    assert (0, 0, 1) in _plays(result)  # deterrence, on an off-path belief
    assert _plays(refine(result, "d1")) == {(1, beta, sigma)}
    assert all(eq.certify() for eq in result)


def test_credible_threat_makes_support_unequivocal_and_deters_the_hesitant_challenger():
    result = _solve(p_P=Fraction(1, 2))
    assert result and all(d == 0 and h == 0 and s == 1 for d, h, s in _plays(result))
    # A determined challenger that prefers war to the status quo fights a committed defender.
    assert _plays(_solve(p_P=Fraction(1, 2), w_H=Fraction(1, 8))) == {(1, 0, 1)}


def test_at_the_commitment_threshold_the_defender_may_mix_over_an_interval():
    # p_P = (k_D - s_D) / (L - s_D) = 1/3: the defender is indifferent at the belief 1, so
    # only the determined challenger demands and support runs from sigma* to the probability
    # that leaves the determined challenger indifferent.
    gain = Fraction(1, 3) * Fraction(1, 4) + Fraction(2, 3) * Fraction(1, 2)
    low = gain / (gain + Fraction(1, 4))
    high = gain / (gain + Fraction(1, 8))
    result = _solve(p_P=Fraction(1, 3))
    straddles = {s for d, h, s in _plays(result) if d == 1}
    assert straddles == {low, high}
    assert {(0, 0)} == {(d, h) for d, h, s in _plays(result) if d == 0}


def test_the_model_refuses_a_prior_outside_the_unit_interval():
    with pytest.raises(DomainError, match="p_C"):
        gta.load_model(MODEL).at(p_C=Fraction(3, 2))


def test_its_table_regenerates_byte_for_byte(tmp_path):
    from gametheory_alliances.regenerate import regenerate_all

    first = regenerate_all(tmp_path / "a", [MODEL], plots=False)
    second = regenerate_all(tmp_path / "b", [MODEL], plots=False)
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_its_table_lists_the_straddle_as_a_perfect_bayesian_equilibrium():
    # The table sweeps this tree for PBE: the straddle row carries the indifference probabilities.
    gain = Fraction(1, 4) * Fraction(1, 4) + Fraction(3, 4) * Fraction(1, 2)
    sigma = gain / (gain + Fraction(1, 4))
    df = gta.sweep(gta.load_model(MODEL), {"p_C": ["1/2"], "p_P": ["1/4"]})
    expected = sorted((float(a), float(b), float(c)) for a, b, c in _plays(_solve()))
    rows = sorted(
        (r[f"{DET}:Demand"], r[f"{HES}:Demand"], r[f"{DEF}:Support"]) for _, r in df.iterrows()
    )
    assert len(rows) == len(expected)
    for got, want in zip(rows, expected, strict=True):
        assert got == pytest.approx(want, rel=1e-11)
    assert any(0 < s < 1 and s == pytest.approx(float(sigma)) for _, _, s in rows)
