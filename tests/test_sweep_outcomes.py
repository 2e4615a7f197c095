"""The sweep's outcome-predicate columns, computed for the whole table at once, equal the
point-by-point evaluation (:func:`~gametheory_alliances.predicates.outcome_columns`) byte for byte."""

from __future__ import annotations

import pandas as pd
import pytest

from gametheory_alliances.catalogue import load_model
from gametheory_alliances.regenerate import default_grid
from gametheory_alliances.sweep import predicates, sweep
from gametheory_alliances.sweep.predicates import outcome_columns


def assert_same_as_point_by_point(model, grid, fixed=None, **options) -> pd.DataFrame:
    table = sweep(model, grid, fixed, invalid="drop", **options)
    bare = sweep(model, grid, fixed, invalid="drop", outcomes=False, **options)
    expected = outcome_columns(bare, model)
    pd.testing.assert_frame_equal(table, expected, check_exact=True)
    assert table.to_csv(index=False) == expected.to_csv(index=False)
    assert list(table.columns[len(bare.columns) :]) == list(model.outcomes.names)
    return table


def test_entrapment_grid_with_tied_baseline_and_every_predicate_true_somewhere():
    model = load_model("entrapment")
    # Risky-vs-moderate ties of the protege, and the patron's indifference lines, lie on this grid.
    table = assert_same_as_point_by_point(
        model, {"g": "0:1:11", "x": "0:1:11"}, {"r_M": "1/5", "r_R": "1/5", "k_P": "1/2"}
    )
    for name in model.outcomes.names:
        assert table[name].any(), name
    assert not table["entrapment"].all()


def test_entrapment_tied_points_in_the_baseline_sweep():
    model = load_model("entrapment")
    table = assert_same_as_point_by_point(model, {"pi_D": "0.35:1:14", "k_P": "0.01:0.6:12"})
    # Several SPE at one point: the protege is indifferent between its policies.
    assert table.groupby(["pi_D", "k_P"]).size().max() > 1


def test_grid_values_that_print_as_long_decimals():
    # Thirds print as 0.333..., which the predicates read back as that decimal.
    model = load_model("entrapment")
    assert_same_as_point_by_point(
        model, {"r_M": "0:1:7", "r_R": "0:1:4"}, {"k_P": "1/3", "k_A": "1/100", "x": "1/3"}
    )


@pytest.mark.parametrize(
    "name", ["entrapment-probabilistic", "extended-deterrence", "hub-and-spoke", "realignment"]
)
def test_catalogue_models_with_outcomes_at_their_default_grids(name):
    model = load_model(name)
    assert_same_as_point_by_point(model, default_grid(model))


def test_chance_probabilities_at_zero_and_one():
    # q = 0 and q = 1 make a chance outcome impossible: those rows go point by point.
    model = load_model("entrapment-probabilistic")
    assert_same_as_point_by_point(model, {"q": "0:1:9"})


@pytest.fixture
def point_by_point_rows(monkeypatch):
    """The rows the vectorised columns hand to the point-by-point function."""
    handed: list[pd.DataFrame] = []

    def recording(frame, model):
        handed.append(frame)
        return outcome_columns(frame, model)

    monkeypatch.setattr(predicates, "outcome_columns", recording)
    return handed


@pytest.mark.parametrize(
    ("grid", "fixed"),
    [
        (None, None),
        # d_SQ = d_CD (allowed, weakly) ties the defender; p_D at 0 and 1 empties a type.
        ({"p_D": "0:1:11", "d_CD": "0:1:5"}, None),
        ({"p_D": "0:1:6", "c_SQ": "-1:1:9"}, {"d_SQ": "1/2", "d_CD": "1/2"}),
    ],
)
def test_imperfect_information_is_vectorised_with_ties(grid, fixed, point_by_point_rows):
    model = load_model("extended-deterrence-one-sided")
    assert not model.game.is_perfect_information
    # Outcome columns belong to SPE tables (the default for this tree is PBE, without them).
    assert "deterrence" not in sweep(model, {"p_D": ["1/2"]}).columns
    table = assert_same_as_point_by_point(model, grid or default_grid(model), fixed, concept="spe")
    assert table["deterrence"].any() and not table["deterrence"].all()
    # Only rows where a chance probability is zero go point by point.
    [handed] = point_by_point_rows
    assert len(handed) < len(table)
    assert set(handed["p_D"]) <= {0.0, 1.0}
    if grid is not None:
        assert len(handed) > 0
        # Ties: several SPE at one point, each row's columns computed on its own path.
        assert table.groupby(list(model.parameters)).size().max() > 1


def test_region_method_gives_the_same_outcome_columns():
    model = load_model("entrapment")
    grid = {"g": "0:1:6", "x": "0:1:6"}
    fixed = {"r_M": "1/5", "r_R": "1/5", "k_P": "1/2"}
    regions = sweep(model, grid, fixed, invalid="drop", method="regions")
    numeric = sweep(model, grid, fixed, invalid="drop")
    assert regions.to_csv(index=False) == numeric.to_csv(index=False)


def test_a_baseline_tie_broken_by_the_commitment_in_both_column_methods():
    # x = 1/2, g = 1/5, k_P = 1/2: without a commitment the protege is attacked whatever its
    # policy (a tie); with r = 1/5 it takes the risky policy in every SPE: emboldened.
    model = load_model("entrapment")
    table = assert_same_as_point_by_point(
        model, {"r_M": ["0", "0.2"], "r_R": ["0", "0.2"]}, {"x": "1/2", "g": "1/5", "k_P": "1/2"}
    )
    tie = table[(table["r_M"] == 0.2) & (table["r_R"] == 0.2)]
    assert list(tie["label"]) == ["(Risky, Not attack, Defend, Not attack, Defend)"]
    assert bool(tie["emboldenment"].all())
    none = table[(table["r_M"] == 0) & (table["r_R"] == 0)]
    assert len(none) == 2 and not none["emboldenment"].any()
