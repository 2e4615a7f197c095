"""Outcome predicates of the entrapment family: parsing, evaluation, regions, sweep columns."""

import itertools
import sys

import pytest

from gametheory_alliances import predicates
from gametheory_alliances.catalogue import load_model
from gametheory_alliances.errors import FileFormatError, GameError
from gametheory_alliances.io.model_file import parse_model
from gametheory_alliances.predicates import (
    evaluate,
    outcome_table,
    parse_outcomes,
)
from gametheory_alliances.solvers.backward_induction import subgame_perfect_equilibria
from gametheory_alliances.sweep import predicates as sweep_predicates
from gametheory_alliances.sweep import sweep
from gametheory_alliances.symbolic.predicates import credibility_conditions, outcome_regions

SLICE = {"x": "3/10", "pi_D": "7/10", "pi_S": "3/10", "k_A": "1/10", "k_C": "1/10", "v": 1}


@pytest.fixture(scope="module")
def model():
    return load_model("entrapment")


@pytest.fixture(scope="module")
def regions(model):
    return outcome_regions(model)


def brute_force(model, point):
    """The predicates by hand: walk each SPE's pure path; baseline by the patron's payoffs."""
    spe = subgame_perfect_equilibria(model.at(**point))
    base = subgame_perfect_equilibria(model.at(**{**point, "r_M": 0, "r_R": 0}))
    base_risky = any(eq.choices()["Protege at root"] == "Risky" for eq in base)
    rows = []
    for eq in spe:
        path = eq.path
        ch = eq.choices()
        after = "Risky" if "Risky" in path else "Moderate"
        defend_base = any(
            eq_b.choices()[f"Patron after {after} > Attack"] == "Defend" for eq_b in base
        )
        fights = "Defend" in path
        rows.append(
            {
                "deterrence": "Attack" not in path,
                "restraint": ch["Protege at root"] == "Moderate",
                "emboldenment": ch["Protege at root"] == "Risky" and not base_risky,
                "entanglement": fights and not defend_base,
                "entrapment": fights and after == "Risky" and not defend_base,
            }
        )
    return rows


def test_the_entrapment_model_declares_the_five_predicates(model):
    assert model.outcomes.names == (
        "deterrence",
        "restraint",
        "emboldenment",
        "entanglement",
        "entrapment",
    )
    assert model.outcomes.credible == ("Defend",)


@pytest.mark.parametrize(
    ("g", "r_M", "r_R", "k_P"),
    list(itertools.product(["1/20", "2/5", "3/5"], [0, "1/5"], [0, "1/5"], ["3/10", "1/2"])),
)
def test_predicates_match_a_hand_evaluation_of_every_spe(model, g, r_M, r_R, k_P):
    point = {**SLICE, "g": g, "r_M": r_M, "r_R": r_R, "k_P": k_P}
    table = outcome_table(model, **point)
    expected = brute_force(model, point)
    assert [{k: row[k] for k in model.outcomes.names} for row in table] == expected


@pytest.mark.parametrize(
    ("g", "r_M", "r_R", "k_P"),
    list(
        itertools.product(
            ["1/20", "2/5", "1/2", "3/5"], [0, "1/10", "1/5"], [0, "1/10", "1/5"], ["1/2"]
        )
    ),
)
def test_symbolic_regions_agree_with_the_numeric_solver(model, regions, g, r_M, r_R, k_P):
    point = {**SLICE, "g": g, "r_M": r_M, "r_R": r_R, "k_P": k_P}
    table = outcome_table(model, **point)
    for name in model.outcomes.names:
        assert regions[name].contains(**point) == any(row[name] for row in table), name


def test_unconditional_commitment_entraps_and_conditional_restrains(model):
    point = {**SLICE, "g": "3/5", "k_P": "1/2"}
    [unconditional] = outcome_table(model, **point, r_M="1/5", r_R="1/5")
    assert unconditional["path"] == ("Risky", "Attack", "Defend")
    assert unconditional["entrapment"] and unconditional["entanglement"]
    [conditional] = outcome_table(model, **point, r_M="1/5", r_R=0)
    assert conditional["path"] == ("Moderate", "Not attack")
    assert conditional["restraint"] and conditional["deterrence"]
    assert not conditional["entrapment"]


def test_indifference_gives_several_spe_and_blocks_emboldenment(model):
    # Without a commitment both policies are attacked: the protege is indifferent.
    rows = outcome_table(model, **{**SLICE, "x": "1/2", "g": "1/5", "k_P": "1/2"})
    assert [row["path"][0] for row in rows] == ["Moderate", "Risky"]
    assert not any(row["emboldenment"] for row in rows)


def test_credibility_condition_is_the_patrons_local_condition(model):
    conditions = credibility_conditions(model)
    assert str(conditions[("Patron after Risky > Attack", "Defend")]) == (
        "pi_D*v + r_R >= k_P + pi_S*v"
    )
    assert str(conditions[("Patron after Moderate > Attack", "Defend")]) == (
        "pi_D*v + r_M >= k_P + pi_S*v"
    )


def test_sweep_adds_one_boolean_column_per_predicate(model):
    df = sweep(
        model, {"r_R": [0, "1/5"], "g": ["2/5", "3/5"]}, {**SLICE, "k_P": "1/2", "r_M": "1/5"}
    )
    for name in model.outcomes.names:
        assert df[name].dtype == bool
    for _, row in df.iterrows():
        point = {**SLICE, "k_P": "1/2", "r_M": "1/5", "r_R": row["r_R"], "g": row["g"]}
        table = outcome_table(model, **point)
        # A tree's row is labelled by its action at every information set.
        match = [
            t
            for t in table
            if f"({', '.join(t['equilibrium'].choices().values())})" == row["label"]
        ]
        assert match, row["label"]
        for name in model.outcomes.names:
            assert row[name] == match[0][name]


def test_evaluate_needs_the_baseline_for_counterfactual_predicates(model):
    eq = subgame_perfect_equilibria(model.at(**SLICE, g="3/5", k_P="1/2", r_M=1, r_R=1))[0]
    with pytest.raises(GameError, match="baseline"):
        evaluate(eq, model.outcomes)


@pytest.mark.parametrize(
    ("table", "fragment"),
    [
        ({"deterrence": {"off_path": ["Atack"]}}, "no action 'Atack'"),
        ({"deterrence": {"off": ["Attack"]}}, "unknown key 'off'"),
        ({"deterrence": {}}, "needs on_path"),
        ({"deterrence": {"off_path": "Attack"}}, "expected an array"),
        ({"x": {"baseline_differs": ["Risky"]}}, "needs outcomes.baseline"),
        ({"baseline": {"r_Q": 0}, "x": {"on_path": ["Risky"]}}, "unknown parameter"),
        ({"baseline": {"r_M": -1}, "x": {"on_path": ["Risky"]}}, "r_M"),
        ({"credible": ["Fight"], "x": {"on_path": ["Risky"]}}, "no action 'Fight'"),
        ({"baseline": {"r_M": 0}}, "at least one predicate"),
    ],
)
def test_bad_outcome_tables_are_refused(model, table, fragment):
    with pytest.raises(GameError, match=fragment):
        parse_outcomes(table, model.parameters, model.game)


def test_a_model_file_with_a_bad_outcomes_table_names_the_field(model):
    text = (
        open(model.path, encoding="utf-8")
        .read()
        .replace('off_path = ["Attack"]', 'off_path = ["Atack"]')
    )
    with pytest.raises(FileFormatError, match="outcomes"):
        parse_model(text)


def test_normal_form_models_cannot_declare_outcomes():
    text = open(load_model("chicken").path, encoding="utf-8").read()
    text += '\n[outcomes.peace]\noff_path = ["Straight"]\n'
    with pytest.raises(FileFormatError, match="sequential game"):
        parse_model(text)


def test_sweep_columns_read_chance_probabilities_that_are_parameters():
    model = load_model("entrapment-probabilistic")
    df = sweep(model, {"q": [0, "1/2", 1]})
    assert list(df.groupby("q")["deterrence"].all()) == [False, True, False]
    assert bool(df[df["q"] == 0.5]["restraint"].all())


def test_sweeps_can_leave_the_outcome_columns_out():
    from gametheory_alliances.catalogue import load_model
    from gametheory_alliances.sweep import sweep

    model = load_model("entrapment")
    grid = {"r_M": ["0", "0.4"], "r_R": ["0", "0.4"]}
    with_predicates = sweep(model, grid)
    without = sweep(model, grid, outcomes=False)
    names = [p.name for p in model.outcomes.predicates]
    assert set(names) <= set(with_predicates.columns)
    assert not set(names) & set(without.columns)
    assert without.equals(with_predicates.drop(columns=names))


def test_outcome_regions_of_a_tree_with_chance_moves_match_the_solver_point_by_point():
    """entrapment-probabilistic: the commitment is a chance move with probability q.

    An outcome counts as reached through a chance branch only where the
    branch's probability is positive, so the regions must agree with the
    numeric predicates at q = 0 and q = 1 as well as inside.
    """
    import dataclasses
    from fractions import Fraction

    from gametheory_alliances.predicates import substitute_parameters

    full = load_model("entrapment-probabilistic")
    fixed = {
        "x": Fraction(3, 10),
        "g": Fraction(2, 5),
        "pi_D": Fraction(7, 10),
        "pi_S": Fraction(3, 10),
        "k_A": Fraction(1, 10),
        "k_C": Fraction(1, 10),
        "k_P": Fraction(1, 2),
        "v": Fraction(1),
    }
    game = substitute_parameters(full.game, fixed)
    sliced = dataclasses.replace(
        full,
        game=game,
        assumptions=(),
        outcomes=dataclasses.replace(
            full.outcomes,
            baseline={k: v for k, v in full.outcomes.baseline.items() if k not in fixed},
        ),
    )
    regions = outcome_regions(sliced)
    qs = [0, Fraction(1, 4), Fraction(1, 2), 1]
    costs = [0, Fraction(1, 5), Fraction(2, 5), Fraction(3, 5)]
    seen = {name: set() for name in full.outcomes.names}
    for q, r_M, r_R in itertools.product(qs, costs, costs):
        point = {"q": q, "r_M": r_M, "r_R": r_R}
        table = outcome_table(full, **fixed, **point)
        for name in full.outcomes.names:
            expected = any(row[name] for row in table)
            assert regions[name].contains(**point) == expected, (name, point)
            seen[name].add(expected)
    # the grid shows every predicate both holding and failing somewhere
    assert all(values == {True, False} for values in seen.values()), seen


def test_the_old_module_name_outcomes_is_a_deprecated_alias_of_predicates():
    sys.modules.pop("gametheory_alliances.outcomes", None)
    with pytest.warns(DeprecationWarning, match="moved to gametheory_alliances.predicates"):
        import gametheory_alliances.outcomes as old
    assert set(predicates.__all__) < set(old.__all__)
    for name in predicates.__all__:
        assert getattr(old, name) is getattr(predicates, name)
    # the names that have since left predicates come from their new homes
    assert old.outcome_regions is outcome_regions
    assert old.credibility_conditions is credibility_conditions
    assert old.outcome_columns is sweep_predicates.outcome_columns


@pytest.mark.parametrize(
    ("name", "home"),
    [
        ("outcome_regions", "gametheory_alliances.symbolic.predicates"),
        ("credibility_conditions", "gametheory_alliances.symbolic.predicates"),
        ("outcome_columns", "gametheory_alliances.sweep.predicates"),
    ],
)
def test_names_that_left_predicates_still_come_from_it_with_a_warning(name, home):
    with pytest.warns(DeprecationWarning, match=f"moved to {home}.{name}"):
        value = getattr(predicates, name)
    assert value is getattr(sys.modules[home], name)
    with pytest.raises(AttributeError):
        predicates.no_such_name  # noqa: B018


# The tie point of the baseline: without a commitment both policies are attacked and the
# patron stays out, so the protege is indifferent; with an unconditional commitment it
# takes the risky policy in every SPE.
TIE = {**SLICE, "x": "1/2", "g": "1/5", "k_P": "1/2"}


def test_a_commitment_that_breaks_the_protege_s_tie_toward_risky_emboldens(model):
    baseline = outcome_table(model, **TIE)
    assert sorted(row["path"][0] for row in baseline) == ["Moderate", "Risky"]
    [committed] = outcome_table(model, **TIE, r_M="1/5", r_R="1/5")
    assert committed["path"] == ("Risky", "Not attack")
    assert committed["emboldenment"]


def test_the_tie_rule_is_declared_per_predicate_and_strict_keeps_the_old_reading(model):
    declared = {p.name: p.baseline_ties for p in model.outcomes.predicates if p.needs_baseline}
    assert declared == {"emboldenment": "count", "entanglement": "count", "entrapment": "count"}
    table = {
        "baseline": {"r_M": 0, "r_R": 0},
        "bold": {"on_path": ["Risky"], "baseline_differs": ["Risky"], "baseline_ties": "exclude"},
    }
    spec = parse_outcomes(table, model.parameters, model.game)
    [committed] = subgame_perfect_equilibria(model.at(**TIE, r_M="1/5", r_R="1/5"))
    base = subgame_perfect_equilibria(model.at(**TIE))
    assert evaluate(committed, spec, base, [committed]) == {"bold": False}


def test_the_tie_rule_needs_every_equilibrium_of_the_game(model):
    [committed] = subgame_perfect_equilibria(model.at(**TIE, r_M="1/5", r_R="1/5"))
    base = subgame_perfect_equilibria(model.at(**TIE))
    with pytest.raises(GameError, match="every equilibrium"):
        evaluate(committed, model.outcomes, base)


def test_a_patron_tie_broken_by_the_commitment_entangles(model):
    # v (pi_D - pi_S) = k_P: without a commitment the patron is indifferent.
    point = {**SLICE, "g": "3/5", "k_P": "2/5"}
    base = subgame_perfect_equilibria(model.at(**point))
    assert {eq.choices()["Patron after Risky > Attack"] for eq in base} == {"Defend", "Stay out"}
    rows = outcome_table(model, **point, r_M="1/5", r_R="1/5")
    assert [row["path"] for row in rows] == [("Risky", "Attack", "Defend")]
    assert rows[0]["entanglement"] and rows[0]["entrapment"]


def test_without_a_commitment_a_tie_never_counts(model):
    for point in (TIE, {**SLICE, "g": "3/5", "k_P": "2/5"}):
        for row in outcome_table(model, **point):
            assert not (row["emboldenment"] or row["entanglement"] or row["entrapment"])


@pytest.mark.parametrize("point", [TIE, {**SLICE, "g": "3/5", "k_P": "2/5"}])
@pytest.mark.parametrize("design", [{"r_M": "1/5", "r_R": "1/5"}, {"r_M": "1/5", "r_R": 0}])
def test_regions_agree_with_the_solver_at_the_tie_points(model, regions, point, design):
    table = outcome_table(model, **point, **design)
    for name in model.outcomes.names:
        assert regions[name].contains(**point, **design) == any(row[name] for row in table), name


def test_a_bad_tie_rule_is_refused(model):
    table = {
        "baseline": {"r_M": 0},
        "bold": {"on_path": ["Risky"], "baseline_differs": ["Risky"], "baseline_ties": "some"},
    }
    with pytest.raises(GameError, match="baseline_ties"):
        parse_outcomes(table, model.parameters, model.game)


@pytest.fixture(scope="module")
def realignment():
    return load_model("realignment")


def test_realignment_threat_deters_at_the_defaults_and_not_without_it(realignment):
    assert [row["path"] for row in outcome_table(realignment)] == [("No demand",)]
    assert outcome_table(realignment)[0]["deterrence"]
    without = outcome_table(realignment, R=-1)
    assert [row["path"] for row in without] == [("Demand", "No support", "Concede")]
    assert not without[0]["deterrence"]


@pytest.mark.parametrize("s", ["1/2", 1, 2, 5])
def test_the_dragged_baseline_removes_the_threat_whatever_the_stake(realignment, s):
    # The baseline (R = -1) must make conceding better than realigning for every stake s.
    base = subgame_perfect_equilibria(realignment.at(s=s, w_C="1/10", R=-1))
    assert [eq.path for eq in base] == [("Demand", "No support", "Concede")]
    [row] = outcome_table(realignment, s=s, w_C="1/10")
    assert row["path"] == ("Demand", "Support", "Fight") and row["dragged"]


def test_dragged_at_the_patron_s_tie_without_the_threat(realignment):
    # k_D = s_D: without the threat the patron is indifferent between war and the concession;
    # with it the patron supports in every SPE, which the tie rule counts.
    point = {"w_C": "1/10", "k_D": "1/4", "s_D": "1/4"}
    base = subgame_perfect_equilibria(realignment.at(**point, R=-1))
    assert {eq.choices()["Patron after Demand"] for eq in base} == {"Support", "No support"}
    rows = outcome_table(realignment, **point)
    assert [row["path"] for row in rows] == [("Demand", "Support", "Fight")]
    assert rows[0]["dragged"]


@pytest.mark.parametrize(
    "point",
    [{}, {"w_C": "-1/4"}, {"w_C": 0}, {"R": 0}, {"L": "1/2"}, {"k_D": "1/4"}, {"s": 2}],
    ids=["defaults", "w_C=-c_C", "w_C=0", "R=0", "L=k_D", "k_D=s_D", "s=2"],
)
def test_realignment_regions_agree_with_the_solver_at_the_defaults_and_boundaries(
    realignment, point
):
    regions = outcome_regions(realignment)
    table = outcome_table(realignment, **point)
    values = {n: p.default for n, p in realignment.parameters.items()} | point
    for name in realignment.outcomes.names:
        assert regions[name].contains(**values) == any(row[name] for row in table), name
