"""The four catalogue models added for issue 16: their published claims at interior points,
at the ties where a player is indifferent, and at the boundaries of their windows; and the
Shapley-Shubik index against brute force over every order of the members."""

from __future__ import annotations

import math
from fractions import Fraction
from itertools import combinations, permutations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory_alliances as gta
from gametheory_alliances.errors import DomainError, ShapeError, TooLargeError
from gametheory_alliances.power_index import WeightedMajorityGame, shapley_shubik_index
from gametheory_alliances.predicates import outcome_table

F = Fraction


def _paths(model, **values):
    return sorted(eq.path for eq in gta.subgame_perfect_equilibria(model.at(**values)))


# -- probabilistic-commitment-bargaining --------------------------------------------------


@pytest.fixture(scope="module")
def bargaining():
    return gta.load_model("probabilistic-commitment-bargaining")


def test_bargaining_intermediate_commitment_deters_and_restrains(bargaining):
    (row,) = outcome_table(bargaining, q=F(1, 2))
    assert row["deterrence"] and row["restraint"] and not row["war"]


@pytest.mark.parametrize(
    ("q", "deters", "restrains"),
    [(F(0), False, True), (F(1, 5), False, True), (F(4, 5), True, False), (F(1), True, False)],
)
def test_bargaining_no_commitment_invites_demands_and_a_sure_one_emboldens(
    bargaining, q, deters, restrains
):
    (row,) = outcome_table(bargaining, q=q)
    assert (row["deterrence"], row["restraint"]) == (deters, restrains)


@pytest.mark.parametrize("q", [F(1, 4), F(3, 4)])
def test_bargaining_ties_at_the_window_ends_report_every_spe(bargaining, q):
    rows = outcome_table(bargaining, q=q)
    both = [r["deterrence"] and r["restraint"] for r in rows]
    assert len(rows) >= 2 and any(both) and not all(both)


def test_bargaining_the_protege_accepts_demands_down_to_its_war_payoff_minus_its_cost(bargaining):
    # At q = 0 the protege expects pi_S - k_A = 1/5 from war: it accepts a demand that leaves
    # it more than 1/5, is indifferent at exactly 1/5 (both SPE) and fights one that leaves less.
    def responses(x_C):
        eqs = gta.subgame_perfect_equilibria(bargaining.at(q=0, x_C=x_C))
        return {eq.choices()["protege responds"] for eq in eqs}

    above, tie, below = responses(F(21, 100)), responses(F(1, 5)), responses(F(19, 100))
    assert above == {"Accept demand"}
    assert tie == {"Accept demand", "Fight demand"}
    assert below == {"Fight demand"}


def test_bargaining_no_window_when_the_demands_do_not_exceed_the_costs_of_war(bargaining):
    # x_A - x_C = k_A + k_C: the window (q_D, q_R) is empty, so no q deters and restrains in
    # every SPE
    for k in range(21):
        rows = outcome_table(bargaining, q=F(k, 20), x_C=F(2, 5), x_A=F(3, 5))
        assert not all(r["deterrence"] and r["restraint"] for r in rows)


def test_bargaining_refuses_a_demand_that_takes_nothing(bargaining):
    with pytest.raises(DomainError, match="x_C < s"):
        bargaining.at(x_C=F(1, 2))


# -- pivotal-deterrence ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def pivotal():
    return gta.load_model("pivotal-deterrence")


def test_pivot_without_a_credible_threat_against_b_cannot_keep_the_peace(pivotal):
    (row,) = outcome_table(pivotal)
    assert not row["peace"] and row["path"] == ("A waits", "B attacks", "Stay out")


def test_alliance_deters_b_and_keeps_a_restrained(pivotal):
    (row,) = outcome_table(pivotal, r=F(1, 2))
    assert row["peace"] and row["restraint"] and not row["emboldenment"]


def test_alliance_at_the_reneging_threshold_reports_both_spe(pivotal):
    rows = outcome_table(pivotal, r=F(1, 4))
    assert sorted(r["peace"] for r in rows) == [False, True]


def test_a_tied_pivot_loses_its_option_and_emboldens_its_ally(pivotal):
    (row,) = outcome_table(pivotal, r=F(1, 2), t=F(1, 2))
    assert row["path"] == ("A attacks", "Stay out") and row["emboldenment"]


def test_pivot_peace_needs_both_threats_even_with_large_stakes(pivotal):
    # credible against B (v_A = 2 > k_P) but not against A (v_B = 1/2 < k_P)
    (row,) = outcome_table(pivotal, v_A=2, v_B=F(1, 2))
    assert row["path"] == ("A attacks", "Stay out")


def test_pivot_rejects_a_negative_stake(pivotal):
    with pytest.raises(DomainError, match="v_A"):
        pivotal.at(v_A=-1)


# -- threat-that-leaves-something-to-chance -------------------------------------------------


@pytest.fixture(scope="module")
def threat():
    return gta.load_model("threat-that-leaves-something-to-chance")


def test_threat_an_intermediate_risk_deters(threat):
    (row,) = outcome_table(threat, p=F(1, 2))
    assert row["deterrence"] and not row["concession"]


@pytest.mark.parametrize("p", [F(1, 3), F(3, 4)])
def test_threat_minimum_and_maximum_risk_are_ties(threat, p):
    rows = outcome_table(threat, p=p)
    assert sorted(r["deterrence"] for r in rows) == [False, True]


@pytest.mark.parametrize("p", [F(1, 4), F(4, 5), F(1)])
def test_threat_outside_the_window_the_defender_concedes(threat, p):
    (row,) = outcome_table(threat, p=p)
    assert row["concession"] and not row["deterrence"]


def test_a_sure_threat_is_made_when_a_resolute_challenger_is_unlikely(threat):
    # z c_D = 1/2 < l = 1: p_max = (1 - z) l / (z (c_D - l)) = 9/4 > 1
    (row,) = outcome_table(threat, p=1, z=F(1, 10))
    assert row["deterrence"]


def test_threat_window_closes_when_the_minimum_exceeds_the_maximum(threat):
    # g = 4, c_C = 1: p_min = 4/5; z = 1/2, c_D = 5, l = 1: p_max = 1/4
    for k in range(21):
        rows = outcome_table(threat, p=F(k, 20), g=4, c_C=1, z=F(1, 2))
        assert not any(r["deterrence"] for r in rows)


def test_threat_refuses_a_war_cost_below_the_stake(threat):
    with pytest.raises(DomainError, match="c_D > l"):
        threat.at(c_D=F(1, 2))


# -- coalition-formation-power ----------------------------------------------------------------


def test_security_council_1954_index():
    index = shapley_shubik_index([5] * 5 + [1] * 6, 27)
    assert [index[str(k)] for k in (1, 6)] == [F(76, 385), F(1, 462)]
    assert sum(index.values()) == 1 and 5 * index["1"] == F(76, 77)


def test_security_council_since_1965_index():
    index = shapley_shubik_index([7] * 5 + [1] * 10, 39)
    assert (index["1"], index["6"]) == (F(421, 2145), F(4, 2145))
    assert (round(float(index["1"]), 4), round(float(index["6"]), 4)) == (0.1963, 0.0019)


def test_minimal_winning_coalitions_of_a_veto_council():
    game = WeightedMajorityGame([5] * 5 + [1] * 6, 27)
    minimal = game.minimal_winning_coalitions()
    assert len(minimal) == math.comb(6, 2)
    assert all(set("12345") <= set(c) and len(c) == 7 for c in minimal)


def _brute_force_index(weights, quota):
    n = len(weights)
    pivots = [0] * n
    for order in permutations(range(n)):
        total = 0
        for i in order:
            total += weights[i]
            if total >= quota:
                pivots[i] += 1
                break
    return [F(c, math.factorial(n)) for c in pivots]


def _brute_force_minimal(weights, quota):
    n = len(weights)
    found = []
    for size in range(n + 1):
        for s in combinations(range(n), size):
            total = sum(weights[i] for i in s)
            if total >= quota and all(total - weights[i] < quota for i in s):
                found.append(tuple(str(i + 1) for i in s))
    return found


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    st.lists(st.integers(min_value=0, max_value=6), min_size=1, max_size=6).filter(
        lambda w: sum(w) > 0
    ),
    st.data(),
)
def test_shapley_shubik_matches_brute_force_over_every_order(weights, data):
    quota = data.draw(st.integers(min_value=1, max_value=sum(weights)))
    game = WeightedMajorityGame(weights, quota)
    assert list(game.shapley_shubik().values()) == _brute_force_index(weights, quota)
    assert game.minimal_winning_coalitions() == _brute_force_minimal(weights, quota)


@settings(max_examples=20, deadline=None, derandomize=True)
@given(
    st.lists(
        st.fractions(min_value=0, max_value=3, max_denominator=4), min_size=2, max_size=5
    ).filter(lambda w: sum(w) > 0),
    st.fractions(min_value=F(1, 8), max_value=1, max_denominator=8),
)
def test_shapley_shubik_with_rational_weights_sums_to_one_and_matches_brute_force(weights, share):
    quota = share * sum(weights)
    index = shapley_shubik_index(weights, quota)
    assert sum(index.values()) == 1
    assert list(index.values()) == _brute_force_index(weights, quota)


@pytest.mark.parametrize(
    ("weights", "quota", "error", "match"),
    [
        ([1, -1], 1, DomainError, "weights\\[1\\]"),
        ([1, 2], 0, DomainError, "quota"),
        ([1, 2], 4, DomainError, "quota"),
        ([1, float("nan")], 1, DomainError, "finite"),
        ([1, "x"], 1, DomainError, "weights\\[1\\]"),
        ([], 1, ShapeError, "at least one member"),
    ],
)
def test_power_index_refuses_bad_games(weights, quota, error, match):
    with pytest.raises(error, match=match):
        WeightedMajorityGame(weights, quota)


def test_power_index_refuses_bad_labels_and_members():
    with pytest.raises(ShapeError, match="2 labels"):
        WeightedMajorityGame([1, 2], 2, ["A"])
    with pytest.raises(ShapeError, match="distinct"):
        WeightedMajorityGame([1, 2], 2, ["A", "A"])
    with pytest.raises(ShapeError, match="unknown member 'C'"):
        WeightedMajorityGame([1, 2], 2, ["A", "B"]).is_winning(["C"])


def test_listing_coalitions_of_a_large_game_is_refused_not_run():
    game = WeightedMajorityGame([1] * 40, 21)
    with pytest.raises(TooLargeError, match="2\\*\\*40"):
        game.minimal_winning_coalitions()
    # the index itself needs no listing: equal weights give equal shares
    assert set(game.shapley_shubik().values()) == {F(1, 40)}


@pytest.fixture(scope="module")
def coalition():
    return gta.load_model("coalition-formation-power")


@pytest.mark.parametrize(
    ("values", "choices"),
    [
        ({}, ["With 3"]),
        ({"q": 7}, ["With 2"]),
        ({"w_3": 3, "q": 6}, ["With 2", "With 3"]),
        ({"w_3": 3, "q": 8}, ["With 2 and 3"]),
        ({"w_3": 4, "q": 6}, ["With 2"]),
    ],
)
def test_formateur_forms_the_least_weight_winning_coalition(coalition, values, choices):
    assert sorted(p[0] for p in _paths(coalition, **values)) == choices


def test_formateur_model_refuses_a_quota_that_lets_two_disjoint_coalitions_win(coalition):
    with pytest.raises(DomainError, match="majority game"):
        coalition.at(q=4)


NEW_MODELS = [
    "probabilistic-commitment-bargaining",
    "pivotal-deterrence",
    "threat-that-leaves-something-to-chance",
    "coalition-formation-power",
]


def test_the_new_models_tables_regenerate_byte_for_byte(tmp_path):
    from gametheory_alliances.regenerate import regenerate_all

    first = regenerate_all(tmp_path / "a", NEW_MODELS, plots=False)
    second = regenerate_all(tmp_path / "b", NEW_MODELS, plots=False)
    assert [p.name for p in first] == [p.name for p in second]
    assert {f"{name}.csv" for name in NEW_MODELS} <= {p.name for p in first}
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
