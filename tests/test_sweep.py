"""Tests of the parameter sweep: agreement with the scalar solvers, tables, scale."""

from __future__ import annotations

import hashlib
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

import gametheory_alliances.sweep as sweep_mod
import gametheory_alliances.sweep.plan as plan_mod
import gametheory_alliances.sweep.store as store_mod
from gametheory_alliances import NormalFormGame
from gametheory_alliances.catalogue import load_model
from gametheory_alliances.errors import DomainError, GameError, UnknownParameterError
from gametheory_alliances.labels import concise_label, profile_choices
from gametheory_alliances.regenerate import regenerate_all
from gametheory_alliances.solvers.pure import pure_equilibria
from gametheory_alliances.solvers.vertex_enumeration import nash_equilibria
from gametheory_alliances.sweep import (
    parse_grid_option,
    parse_grid_spec,
    sweep,
    table_text,
    write_table,
)
from gametheory_alliances.sweep.kernels import nash_2x2, nash_bimatrix, pure_nash


def assert_matches_scalar(df: pd.DataFrame, game, params, solver=nash_equilibria, model=None):
    """Every point's rows equal the scalar solver's equilibria there (count, order, values)."""
    n_checked = 0
    for values, rows in df.groupby(list(params), sort=False):
        point = {
            k: Fraction(v).limit_denominator(10**6) for k, v in zip(params, values, strict=True)
        }
        numeric = model.at(**point) if model is not None else game.at(**point)
        result = list(solver(numeric))
        if not result:
            assert list(rows["equilibrium"]) == [0]
            continue
        assert len(rows) == len(result), (point, rows, result)
        for (_, row), eq in zip(rows.iterrows(), result, strict=True):
            for i, player in enumerate(numeric.players):
                got = [row[f"{player}:{s}"] for s in numeric.strategies[i]]
                assert np.allclose(got, eq.strategies[i], atol=1e-9, rtol=0), (point, got, eq)
                assert row[f"payoff:{player}"] == pytest.approx(eq.payoffs[i], abs=1e-9)
            if eq.component is not None:
                assert row["component"] == eq.component
            assert row["component_size"] == eq.component_size
        n_checked += 1
    return n_checked


# -- grids ---------------------------------------------------------------------------------


def test_grid_spec_gives_exact_evenly_spaced_values_with_both_ends():
    assert parse_grid_spec("0.5:5:10") == tuple(Fraction(k, 2) for k in range(1, 11))
    assert parse_grid_spec("1/3:1:3") == (Fraction(1, 3), Fraction(2, 3), Fraction(1))
    assert parse_grid_spec("2:2:1") == (Fraction(2),)


@pytest.mark.parametrize("bad", ["1:2", "a:2:3", "0:1:0", "0:1:-2", "0:1:2.5", "0:1:x"])
def test_grid_spec_rejects_malformed_text(bad):
    with pytest.raises(GameError):
        parse_grid_spec(bad)


def test_grid_option_parses_name_and_values():
    assert parse_grid_option("b2=3:4:3") == ("b2", (Fraction(3), Fraction(7, 2), Fraction(4)))
    with pytest.raises(GameError, match="NAME=START:STOP:NUM"):
        parse_grid_option("3:4:3")


# -- agreement with the scalar solvers ------------------------------------------------------


def test_burden_sharing_default_grid_matches_scalar_solver_at_every_point():
    model = load_model("burden-sharing")
    grid = {k: parse_grid_spec(v) for k, v in model.grid.items()}
    df = sweep(model, grid)
    # The decimal grid has many ties (b2 - c = b1, c = b1, b2 = 2 b1): some points are exact.
    assert df.attrs["exact_points"] > 0
    checked = assert_matches_scalar(df, model.game, list(model.parameters), model=model)
    assert checked == 11 * 10


def test_chicken_grid_matches_scalar_solver():
    model = load_model("chicken")
    df = sweep(model, {"P": "-20:-2:10", "S": "-1.5:-0.5:5"})
    assert assert_matches_scalar(df, model.game, list(model.parameters), model=model) == 50


def _family_3x3() -> NormalFormGame:
    a = [["t", "0", "1"], ["1", "t", "0"], ["0", "1", "t"]]
    b = [["s", "1", "0"], ["0", "s", "1"], ["1", "0", "2 - t"]]
    return NormalFormGame([a, b], parameters=["t", "s"])


def test_3x3_family_with_ties_matches_scalar_solver():
    game = _family_3x3()
    df = sweep(game, {"t": "-1:2:7", "s": "-1:2:7"})
    assert df.attrs["exact_points"] > 0
    assert assert_matches_scalar(df, game, ["t", "s"]) == 49


def test_2x3_degenerate_component_matches_scalar_solver():
    # The entry game of the vertex enumeration docstring, with a parameter on the threat.
    game = NormalFormGame(
        [[["0", "0", "0"], ["2", "-1", "f"]], [["2", "2", "2"], ["1", "0", "g"]]],
        parameters=["f", "g"],
    )
    df = sweep(game, {"f": "-1:1:5", "g": "-1:2:7"})
    assert (df["component_size"] > 1).any()
    assert assert_matches_scalar(df, game, ["f", "g"]) == 35


def test_pure_concept_for_three_players_matches_pure_solver():
    u = np.empty((3, 2, 2, 2), dtype=object)
    for idx in np.ndindex(2, 2, 2):
        agree = int(idx[0] == idx[1] == idx[2])
        for i in range(3):
            u[(i, *idx)] = f"{agree} + {idx[i]} * x" if i else f"{agree} - y * {idx[0]}"
    game = NormalFormGame(list(u), parameters=["x", "y"])
    df = sweep(game, {"x": "-1:1:5", "y": "-1:1:5"}, concept="pure")
    assert assert_matches_scalar(df, game, ["x", "y"], solver=pure_equilibria) == 25


def test_pure_concept_reports_points_without_pure_equilibrium():
    pennies = NormalFormGame(
        [[["a", "-1"], ["-1", "1"]], [["-1", "1"], ["1", "-1"]]], parameters=["a"]
    )
    df = sweep(pennies, {"a": [1, 2]}, concept="pure")
    assert list(df["label"]) == ["no pure equilibrium", "no pure equilibrium"]
    assert df["Row:1"].isna().all()


def test_kernel_2x2_agrees_with_general_kernel_on_random_games():
    rng = np.random.default_rng(7)
    a = rng.integers(-4, 5, size=(500, 2, 2)).astype(float)
    b = rng.integers(-4, 5, size=(500, 2, 2)).astype(float)
    one, two = nash_2x2(a, b), nash_bimatrix(a, b)
    assert np.array_equal(one.ambiguous, two.ambiguous)
    assert np.array_equal(one.point, two.point)
    assert np.allclose(one.x, two.x) and np.allclose(one.y, two.y)


def test_kernels_flag_float_near_ties_for_exact_decision():
    # 0.1 + 0.2 != 0.3 in floating point; the tie is exact in rationals.
    a = np.array([[[0.1 + 0.2, 0.0], [0.3, 1.0]]])
    assert nash_2x2(a, a.transpose(0, 2, 1)).ambiguous[0]
    assert nash_bimatrix(a, a.transpose(0, 2, 1)).ambiguous[0]
    assert pure_nash(np.stack([a, a.transpose(0, 2, 1)], axis=1)).ambiguous[0]


def test_decimal_grid_ties_are_decided_exactly():
    # 0.1 + 0.2 = 0.3 exactly: a tie the float kernel cannot decide.
    game = NormalFormGame(
        [[["x + y", "0"], ["0.3", "1"]], [["1", "0"], ["0", "1"]]], parameters=["x", "y"]
    )
    df = sweep(game, {"x": [0.1], "y": [0.2]})
    assert df.attrs["exact_points"] == 1
    assert assert_matches_scalar(df, game, ["x", "y"]) == 1


# -- the table ---------------------------------------------------------------------------------


def test_columns_and_row_order():
    model = load_model("burden-sharing")
    df = sweep(model, {"c": [3, 1], "b2": [4, 5]})
    assert list(df.columns) == [
        "b1", "b2", "c", "equilibrium", "label",
        "Ally A:C", "Ally A:F", "Ally B:C", "Ally B:F",
        "payoff:Ally A", "payoff:Ally B", "component", "component_size",
    ]  # fmt: skip
    # The first swept parameter varies slowest, in the order given.
    assert list(dict.fromkeys(zip(df["c"], df["b2"], strict=True))) == [
        (3, 4),
        (3, 5),
        (1, 4),
        (1, 5),
    ]
    assert set(df["b1"]) == {3.0}


def test_same_table_for_every_chunk_size_and_identical_csv_bytes(tmp_path):
    model = load_model("burden-sharing")
    grid = {"b2": "3:8:11", "c": "0.5:5:10"}
    one = sweep(model, grid, chunk_size=7)
    two = sweep(model, grid)
    pd.testing.assert_frame_equal(one, two)
    write_table(one, tmp_path / "a.csv")
    write_table(two, tmp_path / "b.csv")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_sweep_on_processes_gives_the_same_table():
    model = load_model("burden-sharing")
    grid = {"b2": "3:8:11", "c": "0.5:5:10"}
    pd.testing.assert_frame_equal(
        sweep(model, grid, chunk_size=30, processes=2), sweep(model, grid, chunk_size=30)
    )


def test_sweep_on_a_dask_local_cluster_gives_the_same_table():
    from dask import distributed

    model = load_model("burden-sharing")
    grid = {"b2": "3:8:11", "c": "0.5:5:10"}
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = sweep(model, grid, chunk_size=25, client=client)
    pd.testing.assert_frame_equal(remote, sweep(model, grid))


# -- checkpoints --------------------------------------------------------------------------


class Interrupt(Exception):
    pass


KILLED_SWEEP = """
import sys, time
import gametheory_alliances.sweep as sweep_mod
import gametheory_alliances.sweep.store as store_mod
real = store_mod._solve_chunk
def slow(plan, start, stop):
    time.sleep(0.3)
    return real(plan, start, stop)
store_mod._solve_chunk = slow
sweep_mod.sweep("burden-sharing", {"b2": "3:8:11", "c": "0.5:5:10"}, chunk_size=10, out=sys.argv[1])
"""


def test_killed_sweep_resumes_from_its_checkpoint(tmp_path, monkeypatch):
    import json
    import os
    import subprocess
    import sys
    import time
    from pathlib import Path

    import gametheory_alliances

    out = tmp_path / "killed.parquet"
    parts = tmp_path / "killed.parquet.parts"
    root = str(Path(gametheory_alliances.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen([sys.executable, "-c", KILLED_SWEEP, str(out)], env=env)
    deadline = time.monotonic() + 120
    while len(list(parts.glob("chunk-*.parquet"))) < 3:
        assert proc.poll() is None, "the sweep ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    proc.kill()
    proc.wait()
    assert not out.exists()
    completed = set(json.loads((parts / "checkpoint.json").read_text())["completed"])
    assert 3 <= len(completed) < 11

    computed: list[int] = []
    real = store_mod._solve_chunk

    def counting(plan, start, stop):
        computed.append(start // 10)
        return real(plan, start, stop)

    monkeypatch.setattr(store_mod, "_solve_chunk", counting)
    model = load_model("burden-sharing")
    grid = {"b2": "3:8:11", "c": "0.5:5:10"}
    df = sweep(model, grid, chunk_size=10, out=out)
    assert sorted(computed) == sorted(set(range(11)) - completed)  # nothing done twice
    pd.testing.assert_frame_equal(df, sweep(model, grid))


def test_interrupted_sweep_resumes_without_recomputing(tmp_path, monkeypatch):
    model = load_model("burden-sharing")
    grid = {"b2": "3:8:11", "c": "0.5:5:10"}  # 110 points: 8 chunks of 15
    full = sweep(model, grid, chunk_size=15)
    out = tmp_path / "table.parquet"
    real = store_mod._solve_chunk
    calls: list[int] = []

    def failing(plan, start, stop):
        if len(calls) == 3:
            raise Interrupt
        calls.append(start)
        return real(plan, start, stop)

    monkeypatch.setattr(store_mod, "_solve_chunk", failing)
    with pytest.raises(Interrupt):
        sweep(model, grid, chunk_size=15, out=out)
    assert not out.exists()
    parts = tmp_path / "table.parquet.parts"
    assert len(list(parts.glob("chunk-*.parquet"))) == 3

    resumed: list[int] = []

    def counting(plan, start, stop):
        resumed.append(start)
        return real(plan, start, stop)

    monkeypatch.setattr(store_mod, "_solve_chunk", counting)
    df = sweep(model, grid, chunk_size=15, out=out)
    assert sorted(resumed) == [45, 60, 75, 90, 105]  # none of the first three chunks again
    pd.testing.assert_frame_equal(df, full)
    pd.testing.assert_frame_equal(pd.read_parquet(out), full)
    assert not parts.exists()


def test_changed_grid_refuses_to_resume(tmp_path, monkeypatch):
    model = load_model("burden-sharing")
    out = tmp_path / "t.parquet"
    real = store_mod._solve_chunk
    calls: list[int] = []

    def failing(plan, start, stop):
        if calls:
            raise Interrupt
        calls.append(start)
        return real(plan, start, stop)

    monkeypatch.setattr(store_mod, "_solve_chunk", failing)
    with pytest.raises(Interrupt):
        sweep(model, {"c": "1:4:7"}, chunk_size=2, out=out)
    monkeypatch.setattr(store_mod, "_solve_chunk", real)
    with pytest.raises(GameError, match="different game, grid or options"):
        sweep(model, {"c": "1:4:8"}, chunk_size=2, out=out)
    df = sweep(model, {"c": "1:4:8"}, chunk_size=2, out=out, resume=False)
    pd.testing.assert_frame_equal(df, sweep(model, {"c": "1:4:8"}))


# -- bad input -------------------------------------------------------------------------------


def test_bad_input_raises_game_errors():
    model = load_model("burden-sharing")
    with pytest.raises(UnknownParameterError, match="'d'"):
        sweep(model, {"d": [1]})
    with pytest.raises(GameError, match="both swept and fixed"):
        sweep(model, {"c": [1]}, fixed={"c": 2})
    with pytest.raises(DomainError):
        sweep(model, {"c": [-1, 1]})
    with pytest.raises(GameError, match="concept"):
        sweep(model, {"c": [1]}, concept="spe-ish")
    with pytest.raises(GameError, match="parquet"):
        sweep(model, {"c": [1]}, out="table.csv")
    with pytest.raises(GameError, match="chunk_size"):
        sweep(model, {"c": [1]}, chunk_size=0)


def test_points_violating_assumptions_raise_or_are_dropped():
    model = load_model("burden-sharing")  # assumes b2 >= b1 = 3
    with pytest.raises(DomainError, match="b2 >= b1"):
        sweep(model, {"b2": [2, 3, 4]})
    df = sweep(model, {"b2": [2, 3, 4]}, invalid="drop")
    assert sorted(set(df["b2"])) == [3.0, 4.0]


# -- writing tables ----------------------------------------------------------------------------


def test_write_table_formats(tmp_path):
    df = sweep(load_model("burden-sharing"), {"c": [1, 2.5]})
    csv = write_table(df, tmp_path / "t.csv")
    pd.testing.assert_frame_equal(pd.read_csv(csv), df, check_dtype=False)
    pq = write_table(df, tmp_path / "t.parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(pq), df)
    md = write_table(df, tmp_path / "t.md").read_text().splitlines()
    assert md[0].startswith("| b1 | b2 | c | equilibrium | label |")
    assert len(md) == 2 + len(df)
    tex = write_table(df, tmp_path / "t.tex").read_text()
    assert tex.startswith("\\begin{tabular}") and "\\toprule" in tex and "\\bottomrule" in tex
    with pytest.raises(GameError, match="unknown table format"):
        write_table(df, tmp_path / "t.xlsx")


def test_latex_and_markdown_escape_special_characters():
    df = pd.DataFrame({"a_b": ["x & y|z", "50%"]})
    tex = table_text(df, "tex")
    assert r"a\_b" in tex and r"x \& y\textbar{}z" in tex and r"50\%" in tex
    assert r"x & y\|z" in table_text(df, "md")


def test_regenerate_all_is_byte_identical_and_indexed(tmp_path):
    files_a = regenerate_all(tmp_path / "a", ["chicken", "burden-sharing"], plots=False)
    files_b = regenerate_all(tmp_path / "b", ["chicken", "burden-sharing"], plots=False)
    assert [f.name for f in files_a] == [
        "chicken.csv", "chicken.md", "burden-sharing.csv", "burden-sharing.md", "index.md",
    ]  # fmt: skip
    for fa, fb in zip(files_a, files_b, strict=True):
        assert hashlib.sha256(fa.read_bytes()).digest() == hashlib.sha256(fb.read_bytes()).digest()
    index = (tmp_path / "a" / "index.md").read_text()
    rows = len(pd.read_csv(tmp_path / "a" / "burden-sharing.csv"))
    assert f"| 110 | {rows} |" in index
    assert "b2 = 3:8:11, c = 0.5:5:10" in index


# -- sequential games --------------------------------------------------------------------------


def _deterrence_tree():
    from gametheory_alliances.sequential import Chance, Decision, SequentialGame, Terminal

    return SequentialGame(
        Decision(
            "Challenger",
            {
                "Status quo": Terminal([0, 1]),
                "Challenge": Decision(
                    "Patron",
                    {
                        "Stay out": Terminal(["1", "-a"]),
                        "Defend": Chance(
                            {
                                "win": ("q", Terminal(["-c", "1 - k"])),
                                "lose": ("1 - q", Terminal(["b", "-k"])),
                            }
                        ),
                    },
                ),
            },
        ),
        parameters={"a": "real", "q": "[0, 1]", "c": "real", "k": "real", "b": "real"},
    )


def test_sequential_sweep_matches_scalar_spe_solver_including_ties():
    from gametheory_alliances.solvers.backward_induction import subgame_perfect_equilibria

    game = _deterrence_tree()
    df = sweep(game, {"a": "-1:2:7", "q": "0:1:5"}, fixed={"c": 1, "k": 0.5, "b": 2})
    assert df.attrs["exact_points"] > 0  # the patron is indifferent at some points
    infosets = game.infosets
    checked = 0
    for (a, q), rows in df.groupby(["a", "q"], sort=False):
        point = {"a": Fraction(a), "q": Fraction(q), "c": 1, "k": Fraction(1, 2), "b": 2}
        result = list(subgame_perfect_equilibria(game.at(**point)))
        assert len(rows) == len(result)
        for (_, row), eq in zip(rows.iterrows(), result, strict=True):
            got = [row[f"{h.label}:{act}"] for h in infosets for act in h.actions]
            assert np.allclose(got, [float(p) for probs in eq.profile for p in probs], atol=1e-12)
            assert row["label"] == concise_label(profile_choices(game, eq.profile))
            assert [row["payoff:Challenger"], row["payoff:Patron"]] == pytest.approx(eq.payoffs)
        checked += 1
    assert checked == 35


def test_sequential_game_under_nash_uses_its_reduced_strategic_form():
    game = _deterrence_tree()
    fixed = {"q": Fraction(1, 4), "c": 1, "k": Fraction(1, 2), "b": 2}
    df = sweep(game, {"a": "-1:2:4"}, fixed=fixed, concept="nash")
    normal = game.to_normal_form()
    assert assert_matches_scalar(df, normal, ["a", "q", "c", "k", "b"]) == 4


def test_spe_concept_needs_a_sequential_game():
    with pytest.raises(GameError, match="sequential"):
        sweep(load_model("chicken"), {"P": [-3]}, concept="spe")


def test_entrapment_model_matches_scalar_spe_solver_where_movers_are_indifferent():
    from gametheory_alliances.solvers.backward_induction import subgame_perfect_equilibria

    model = load_model("entrapment")
    # With no reneging costs the protege is indifferent wherever the patron stays out.
    df = sweep(model, {"pi_D": "0.35:1:6", "k_P": "0.05:0.55:6"})
    assert df.attrs["exact_points"] > 0
    assert (df["equilibrium"] > 1).any()
    infosets = model.game.infosets
    for (pi_d, k_p), rows in df.groupby(["pi_D", "k_P"], sort=False):
        point = {
            "pi_D": Fraction(pi_d).limit_denominator(1000),
            "k_P": Fraction(k_p).limit_denominator(1000),
        }
        result = list(subgame_perfect_equilibria(model.at(**point)))
        assert len(rows) == len(result)
        for (_, row), eq in zip(rows.iterrows(), result, strict=True):
            got = [row[f"{h.label}:{a}"] for h in infosets for a in h.actions]
            assert got == [float(p) for probs in eq.profile for p in probs]
            assert row["label"] == concise_label(profile_choices(model.game, eq.profile))
            got_pay = [row[f"payoff:{p}"] for p in model.game.players]
            assert got_pay == pytest.approx(eq.payoffs, abs=1e-12)


def test_progress_bar_only_when_asked_or_on_a_terminal(capsys):
    model = load_model("burden-sharing")
    sweep(model, {"c": "1:4:7"}, chunk_size=2, progress=True)
    err = capsys.readouterr().err
    assert "4/4 chunks" in err and err.endswith("\n")
    sweep(model, {"c": "1:4:7"}, chunk_size=2)  # stderr is not a terminal here
    assert capsys.readouterr().err == ""


def test_large_chunks_are_split_for_the_kernel_and_large_games_go_to_the_scalar_solver(
    monkeypatch,
):
    game = _family_3x3()
    grid = {"t": "-1:2:7", "s": "-1:2:7"}
    whole = sweep(game, grid)
    monkeypatch.setattr(plan_mod, "_KERNEL_BATCH", 19 * 5)  # five points per kernel call
    pd.testing.assert_frame_equal(sweep(game, grid), whole)
    monkeypatch.setattr(plan_mod, "MAX_KERNEL_SUPPORTS", 5)  # 3 x 3 needs 19
    scalar = sweep(game, grid)
    assert scalar.attrs["exact_points"] == 49
    pd.testing.assert_frame_equal(scalar, whole)


def test_connect_scheduler_reaches_a_local_cluster_and_reports_a_dead_address():
    from dask import distributed

    from gametheory_alliances.sweep import connect_scheduler

    with distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        client = connect_scheduler(cluster.scheduler_address)
        try:
            df = sweep("chicken", {"P": "-20:-2:4"}, client=client, chunk_size=1)
        finally:
            client.close()
    pd.testing.assert_frame_equal(df, sweep("chicken", {"P": "-20:-2:4"}))
    with pytest.raises(GameError, match="cannot reach"):
        connect_scheduler("tcp://127.0.0.1:9", timeout=1)


def test_symmetric_2x2_labels_carry_the_class_of_the_symbolic_layer():
    from gametheory_alliances.symbolic import classify_symmetric_2x2

    model = load_model("burden-sharing")
    regions = classify_symmetric_2x2(model.game)
    df = sweep(model, {"b2": "3:8:11", "c": "0.5:5:10"})
    seen = set()
    for (b2, c), rows in df.groupby(["b2", "c"], sort=False):
        point = {"b1": 3, "b2": Fraction(b2), "c": Fraction(c)}
        names = [n for n, r in regions.items() if n != "other" and r.contains(**point)]
        assert len(names) == 1  # the classes and the tie partition the space
        for label in rows["label"]:
            if names[0] == "tie":
                # on a boundary: the tie names the equal payoffs
                assert label.startswith("tie (") and "): " in label
                seen.add(label.split(":")[0])
            else:
                assert label.startswith(names[0] + ": (") or label.startswith(names[0] + ": mixed")
                seen.add(names[0])
    assert {"Chicken", "Prisoner's Dilemma", "Harmony"} <= seen
    assert any(name.startswith("tie (") for name in seen)


def test_tie_points_of_burden_sharing_are_named_in_the_sweep_and_the_regions():
    from gametheory_alliances.symbolic import classify_symmetric_2x2

    model = load_model("burden-sharing")
    regions = classify_symmetric_2x2(model.game)
    # b1 = c, b2 = 2 b1: R = T and S = P, so every profile is an equilibrium.
    df = sweep(model, {"c": [1, "3/2"]}, {"b1": 1, "b2": 2})
    tie = df[df["c"] == 1]
    assert set(tie["label"].str.split(": ").str[0]) == {"tie (R = T, S = P)"}
    assert len(tie) == 4 and set(tie["component_size"]) == {4}
    assert regions["tie"].contains(b1=1, b2=2, c=1)
    assert not any(r.contains(b1=1, b2=2, c=1) for n, r in regions.items() if n != "tie")
    # b2 = b1 + c alone: R = T only (a boundary of Chicken and Harmony)
    one = sweep(model, {"c": [1]}, {"b1": 2, "b2": 3})
    assert set(one["label"].str.split(": ").str[0]) == {"tie (R = T)"}
    # off the ties, the class as before
    assert set(df[df["c"] == 1.5]["label"].str.split(": ").str[0]) == {"Prisoner's Dilemma"}


def test_asymmetric_games_have_no_class_in_their_labels():
    df = sweep(load_model("burden-sharing-asymmetric"), {"c_A": [1, 2]})
    assert all(label.startswith(("(", "mixed")) for label in df["label"])


def test_gta_table_on_a_scheduler_gives_the_local_table_and_closes_its_client(
    tmp_path, monkeypatch
):
    from dask import distributed

    from gametheory_alliances import cli

    opened = []
    real = sweep_mod.connect_scheduler

    def recording(address, timeout=10.0):
        client = real(address, timeout)
        opened.append(client)
        return client

    monkeypatch.setattr(sweep_mod, "connect_scheduler", recording)
    with distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        args = ["table", "chicken", "--grid", "P=-20:-2:4", "--out"]
        status = cli.main(
            [*args, str(tmp_path / "remote.csv"), "--scheduler", cluster.scheduler_address]
        )
        assert status == 0
        assert len(opened) == 1 and opened[0].status == "closed"
    assert cli.main([*args, str(tmp_path / "local.csv")]) == 0
    assert (tmp_path / "remote.csv").read_bytes() == (tmp_path / "local.csv").read_bytes()


# -- the package ---------------------------------------------------------------------------------


def test_the_sweep_package_is_a_module_and_calling_it_calls_the_sweep_function():
    import inspect

    import gametheory_alliances as gta

    assert inspect.ismodule(sweep_mod)
    assert gta.sweep is sweep_mod
    assert inspect.isfunction(sweep)
    grid = {"c": "1:3:5"}
    pd.testing.assert_frame_equal(
        gta.sweep("burden-sharing", grid), sweep_mod.sweep("burden-sharing", grid)
    )
    assert inspect.signature(gta.sweep) == inspect.signature(sweep)
    assert gta.sweep.__doc__.startswith("sweep(model_or_game, grid")


def test_regenerate_names_moved_out_of_the_sweep_package_with_a_warning():
    from gametheory_alliances import regenerate

    for name in ("regenerate_all", "default_grid"):
        with pytest.warns(DeprecationWarning, match=f"gametheory_alliances.regenerate.{name}"):
            assert getattr(sweep_mod, name) is getattr(regenerate, name)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        sweep_mod.nothing  # noqa: B018


def test_a_tree_sweeps_to_parquet_and_resumes_to_the_same_table(tmp_path):
    grid = {"k_P": "1/10:9/10:5", "r_R": "0:1:3"}
    expected = sweep("entrapment", grid, outcomes=False)
    out = tmp_path / "entrapment.parquet"
    got = sweep("entrapment", grid, out=out, chunk_size=4, outcomes=False)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected.reset_index(drop=True))
    again = sweep("entrapment", grid, out=out, chunk_size=4, outcomes=False)
    pd.testing.assert_frame_equal(again, got)
