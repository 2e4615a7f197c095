"""The sweep's region method: the closed-form regions give the numeric kernels' table.

Every comparison is against ``method="numeric"`` on the same grid: the same
rows, order, labels, equilibrium numbers and components, probabilities and
payoffs equal to 1e-12 (bit for bit for trees). The grids are rational and
cross the regions' boundaries exactly, so both methods leave points to the
exact solver; a second oracle is the table in which the exact scalar solver
decides every point.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory_alliances.sweep.plan as plan_mod
import gametheory_alliances.sweep.store as store_mod
from gametheory_alliances import NormalFormGame
from gametheory_alliances.catalogue import load_model
from gametheory_alliances.cli import main
from gametheory_alliances.errors import DomainError, GameError
from gametheory_alliances.regenerate import default_grid, regenerate_all
from gametheory_alliances.sequential import Chance, Decision, SequentialGame, Terminal
from gametheory_alliances.sweep import sweep
from gametheory_alliances.sweep.kernels import BimatrixSolution, TreeSolution
from gametheory_alliances.testing import parameterised_games

SETTINGS = settings(max_examples=30, derandomize=True, deadline=None)


def assert_same_table(regions: pd.DataFrame, numeric: pd.DataFrame) -> None:
    """Equal tables: every column but the floats exactly, the floats to 1e-12."""
    pd.testing.assert_frame_equal(regions, numeric, check_exact=False, rtol=1e-12, atol=1e-12)


def both(model, grid, **options) -> tuple[pd.DataFrame, pd.DataFrame]:
    regions = sweep(model, grid, method="regions", **options)
    numeric = sweep(model, grid, method="numeric", **options)
    assert_same_table(regions, numeric)
    return regions, numeric


def exact_everywhere(monkeypatch, model, grid, **options) -> pd.DataFrame:
    """The table with every point decided by the exact scalar solver (kernels say 'tied')."""

    def tied_bimatrix(a, b, *args):
        n, m, k = np.shape(a)
        empty = np.zeros(0, dtype=np.intp)
        return BimatrixSolution(empty, np.zeros((0, m)), np.zeros((0, k)), np.ones(n, bool))

    def tied_tree(kinds, children, movers, leaf_payoffs, chance_probs, n_points, tol=0):
        choice = np.zeros((n_points, len(kinds)), dtype=np.intp)
        n_players = np.shape(next(iter(leaf_payoffs.values())))[1]
        values = np.zeros((n_points, n_players))
        return TreeSolution(choice, values, np.ones(n_points, bool))

    with monkeypatch.context() as patch:
        patch.setattr(plan_mod, "nash_2x2", tied_bimatrix)
        patch.setattr(plan_mod, "nash_bimatrix", tied_bimatrix)
        patch.setattr(plan_mod, "backward_induction_batch", tied_tree)
        return sweep(model, grid, method="numeric", **options)


# -- burden sharing (2 x 2) ------------------------------------------------------------------


def test_burden_sharing_default_grid_same_table_as_the_numeric_kernels():
    model = load_model("burden-sharing")
    regions, _ = both(model, default_grid(model))
    assert regions.attrs["exact_points"] > 0  # the default grid crosses ties (b1 = c, ...)
    assert "Chicken: mixed (C+F, C+F)" in set(regions["label"])


def test_burden_sharing_grid_on_every_boundary_same_table(monkeypatch):
    # b1 = 3 fixed: c = 3 (b1 = c), b2 = 6 (b2 = 2 b1), b2 = b1 + c all lie on the grid.
    model = load_model("burden-sharing")
    grid = {"b2": "3:9:13", "c": "1/2:5:10"}
    regions, _ = both(model, grid, fixed={"b1": 3})
    on_boundary = (
        (regions["c"] == 3.0) | (regions["b2"] == 6.0) | (regions["b2"] == 3 + regions["c"])
    )
    assert on_boundary.any()
    # Degenerate points have equilibrium components, as the exact solver reports them.
    assert (regions["component_size"] > 1).any()
    assert_same_table(regions, exact_everywhere(monkeypatch, model, grid, fixed={"b1": 3}))


def test_chicken_matches_numeric_and_exact_with_invalid_points_dropped(monkeypatch):
    # P = -1 = S and T = 0 = R violate the Chicken ordering: those points are dropped.
    grid = {"P": "-10:-1:19", "T": "0:3:7"}
    regions, _ = both("chicken", grid, invalid="drop")
    assert not ((regions["P"] == -1.0) | (regions["T"] == 0.0)).any()
    assert len(regions) == 3 * 18 * 6
    exact = exact_everywhere(monkeypatch, "chicken", grid, invalid="drop")
    assert_same_table(regions, exact)


# -- 3 x 3 and larger two-player games --------------------------------------------------------


def family_3x3() -> NormalFormGame:
    a = [["t", "3/10", "1 + s/2"], ["11/10", "7*t/10", "1/5"], ["-2/5", "1 - s", "t + 7/20"]]
    b = [["s", "1", "1/10"], ["-3/10", "s/2 + 1/4", "1 + t/3"], ["1", "t/5", "2 - t"]]
    return NormalFormGame([a, b], parameters=["t", "s"])


def test_3x3_family_same_table_including_boundary_lines(monkeypatch):
    game = family_3x3()
    # Steps of 1/10 put t = 11/10, 3/7-free lines like s = 1 and t = 1 on the grid.
    grid = {"t": "-1:2:16", "s": "-1:2:16"}
    regions, numeric = both(game, grid)
    assert regions.attrs["exact_points"] > 0 and numeric.attrs["exact_points"] > 0
    assert regions["label"].str.startswith("mixed").any()
    assert_same_table(regions, exact_everywhere(monkeypatch, game, grid))


def test_degenerate_2x3_component_goes_to_the_exact_solver():
    # The column player's third strategy copies its first: degenerate for every t.
    game = NormalFormGame([[["t", 0, "t"], [1, 2, 1]], [[1, 0, 1], [0, 1, 0]]], parameters=["t"])
    regions, _ = both(game, {"t": "-2:3:11"})
    assert (regions["component_size"] > 1).any()


def test_pure_concept_for_three_players_same_table():
    a = np.array([["t", 1], [0, "1 - t"]], dtype=object)
    game = NormalFormGame(
        [
            np.stack([a, a.T]),
            np.stack([a.T, a]),
            np.array([[[1, "t"], [0, 1]], [["2*t", 0], [1, 1]]], dtype=object),
        ],
        parameters=["t"],
    )
    regions, _ = both(game, {"t": "-1:2:13"}, concept="pure")
    # Only t = 0 and t = 1, where best responses tie, go to the exact solver.
    assert regions.attrs["exact_points"] == 2
    assert set(regions.loc[regions["t"] == 1.0, "label"]) == {
        "(1, 1, 1)",
        "(1, 1, 2)",
        "(1, 2, 2)",
        "(2, 1, 1)",
    }


def test_pure_concept_rows_for_points_without_pure_equilibrium():
    pennies = NormalFormGame(
        [[["t", "-t"], ["-t", "t"]], [["-t", "t"], ["t", "-t"]]], parameters=["t"]
    )
    regions, _ = both(pennies, {"t": "-1:1:5"}, concept="pure")
    assert (
        list(regions["label"])
        == ["no pure equilibrium"] * 2
        + ["(1, 1)", "(1, 2)", "(2, 1)", "(2, 2)"]
        + ["no pure equilibrium"] * 2
    )


# -- random parameterised games ---------------------------------------------------------------

# Integers and halves (ties of integer payoffs) mixed with values that rarely tie.
_CANDIDATES = [
    Fraction(v)
    for v in (
        "-2",
        "-5/3",
        "-1",
        "-1/2",
        "-2/7",
        "0",
        "1/7",
        "1/3",
        "1/2",
        "1",
        "5/4",
        "3/2",
        "2",
        "7/3",
        "3",
    )
]


def _grid_in_domains(game, draw) -> dict[str, list[Fraction]]:
    grid = {}
    for name, p in game.parameters.items():
        inside = []
        for v in _CANDIDATES:
            try:
                p.check(v)
            except DomainError:
                continue
            inside.append(v)
        if not inside:
            inside = [p.default]
        size = draw(st.integers(min(3, len(inside)), min(5, len(inside))))
        start = draw(st.integers(0, len(inside) - size))
        grid[name] = inside[start : start + size]
    return grid


@st.composite
def games_and_grids(draw, players=2, strategies=2):
    game = draw(
        parameterised_games(n_params=(1, 2), players=players, strategies=strategies, coefficient=2)
    )
    return game, _grid_in_domains(game, draw)


@SETTINGS
@given(games_and_grids())
def test_random_2x2_games_same_table(game_and_grid):
    game, grid = game_and_grid
    both(game, grid)


@settings(max_examples=15, derandomize=True, deadline=None)
@given(games_and_grids(strategies=st.integers(2, 3)))
def test_random_small_bimatrix_games_same_table(game_and_grid):
    game, grid = game_and_grid
    both(game, grid)


@settings(max_examples=15, derandomize=True, deadline=None)
@given(games_and_grids(players=3, strategies=2))
def test_random_three_player_games_pure_concept_same_table(game_and_grid):
    game, grid = game_and_grid
    both(game, grid, concept="pure")


# -- trees ---------------------------------------------------------------------------------


def test_entrapment_tree_same_bytes_on_a_grid_through_indifference_points(monkeypatch):
    model = load_model("entrapment")
    # pi_D and k_P in steps that hit the patron's and challenger's indifference lines.
    grid = {"pi_D": "3/10:1:15", "k_P": "1/20:3/5:12"}
    regions, numeric = both(model, grid, outcomes=False, invalid="drop")
    assert regions.attrs["exact_points"] > 0
    assert regions.to_csv(index=False) == numeric.to_csv(index=False)
    exact = exact_everywhere(monkeypatch, model, grid, outcomes=False, invalid="drop")
    assert regions.to_csv(index=False) == exact.to_csv(index=False)


def test_entrapment_outcome_columns_are_the_same():
    model = load_model("entrapment")
    grid = {"pi_D": "2/5:1:4", "r_M": "0:1/2:3"}
    regions, _ = both(model, grid)
    assert len(regions.columns) > len(sweep(model, grid, outcomes=False).columns)


def _affine(draw) -> str:
    return f"{draw(st.integers(-2, 2))} + {draw(st.integers(-1, 1))} * t"


@st.composite
def trees(draw, depth: int = 3):
    players = ["Patron", "Protege"]
    use_chance = draw(st.booleans())

    def node(level: int, mover: int):
        if level == depth or (level > 0 and draw(st.booleans())):
            return Terminal([_affine(draw), _affine(draw)])
        if use_chance and level == 1 and draw(st.booleans()):
            return Chance(
                {"heads": ("1/3", node(level + 1, mover)), "tails": ("2/3", node(level + 1, mover))}
            )
        n_actions = draw(st.integers(2, 3))
        return Decision(
            players[mover],
            {f"a{level}{k}": node(level + 1, 1 - mover) for k in range(n_actions)},
        )

    return SequentialGame(node(0, 0), players=players, parameters=["t"])


@settings(max_examples=20, derandomize=True, deadline=None)
@given(trees())
def test_random_trees_same_table(game):
    both(game, {"t": "-2:2:9"})


# -- options, errors, scale ---------------------------------------------------------------------


def test_default_is_the_numeric_method_and_bad_methods_are_refused():
    model = load_model("burden-sharing")
    grid = {"c": "1:4:7"}
    pd.testing.assert_frame_equal(
        sweep(model, grid), sweep(model, grid, method="numeric"), check_exact=True
    )
    with pytest.raises(GameError, match="method must be one of auto, numeric, regions"):
        sweep(model, grid, method="symbolic")


def test_regions_method_refuses_games_without_closed_form_regions():
    with pytest.raises(GameError, match="method 'regions' needs"):
        sweep("beer-quiche", {}, concept="spe", method="regions")


def test_region_sweep_resumes_and_runs_on_processes(tmp_path):
    model = load_model("burden-sharing")
    grid = {"b2": "3:8:11", "c": "1/2:5:10"}
    whole = sweep(model, grid, method="regions")
    out = tmp_path / "t.parquet"
    chunked = sweep(model, grid, method="regions", chunk_size=17, out=out)
    pd.testing.assert_frame_equal(chunked, whole, check_exact=True)
    pd.testing.assert_frame_equal(pd.read_parquet(out), whole, check_exact=True)
    parallel = sweep(model, grid, method="regions", chunk_size=40, processes=2)
    pd.testing.assert_frame_equal(parallel, whole, check_exact=True)


def test_numeric_checkpoint_is_not_resumed_by_a_region_sweep(tmp_path, monkeypatch):
    model = load_model("burden-sharing")
    grid = {"b2": "3:8:11", "c": "1/2:5:10"}
    out = tmp_path / "t.parquet"
    calls = {"n": 0}
    real = store_mod._solve_chunk

    def dies_on_second_chunk(plan, start, stop):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(plan, start, stop)

    monkeypatch.setattr(store_mod, "_solve_chunk", dies_on_second_chunk)
    with pytest.raises(KeyboardInterrupt):
        sweep(model, grid, chunk_size=30, out=out)
    monkeypatch.setattr(store_mod, "_solve_chunk", real)
    with pytest.raises(GameError, match="different game, grid or options"):
        sweep(model, grid, chunk_size=30, out=out, method="regions")


def test_regenerate_all_with_regions_writes_the_same_markdown(tmp_path):
    # beer-quiche has imperfect information: no closed-form regions, numeric kernels instead.
    names = ["chicken", "chain-store", "beer-quiche"]
    numeric = regenerate_all(tmp_path / "n", names, formats=(".md",), plots=False)
    regions = regenerate_all(tmp_path / "r", names, formats=(".md",), plots=False, method="regions")
    assert [p.name for p in regions] == [p.name for p in numeric]
    for a, b in zip(regions, numeric, strict=True):
        assert a.read_bytes() == b.read_bytes()


# -- the command line ---------------------------------------------------------------------------


def test_gta_table_method_option(capsys, tmp_path):
    args = ["table", "burden-sharing", "--grid", "b2=3:8:11", "--grid", "c=1/2:5:10"]
    assert main(args) == 0
    numeric, _ = capsys.readouterr()
    assert main([*args, "--method", "regions"]) == 0
    regions, _ = capsys.readouterr()
    assert regions == numeric and "Chicken: mixed (C+F, C+F)" in regions
    target = tmp_path / "t.csv"
    assert main([*args, "--method", "regions", "--out", str(target)]) == 0
    assert_same_table(
        pd.read_csv(target),
        sweep("burden-sharing", dict(b2="3:8:11", c="1/2:5:10")).astype({"b2": float, "c": float}),
    )


def test_gta_table_rejects_an_unknown_method(capsys):
    status = main(["table", "chicken", "--method", "closed-form"])
    _, err = capsys.readouterr()
    assert status == 2 and err.count("\n") == 1 and "--method" in err
