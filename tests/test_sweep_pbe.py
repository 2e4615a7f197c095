"""Sweeps of trees with incomplete information list perfect Bayesian equilibria (sweep/pbe.py)."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

import gametheory_alliances.sweep.store as store_mod
from gametheory_alliances import load_model
from gametheory_alliances.cli import main
from gametheory_alliances.errors import GameError, TooLargeError
from gametheory_alliances.solvers.perfect_bayesian import perfect_bayesian_equilibria
from gametheory_alliances.sweep import sweep
from gametheory_alliances.sweep.tables import write_table

TWO_SIDED_GRID = {"p_C": ["1/10", "1/2"], "p_D": ["1/2"]}


@pytest.fixture(scope="module")
def two_sided():
    model = load_model("extended-deterrence-two-sided")
    return model, sweep(model, TWO_SIDED_GRID)


def _number(x: float) -> Fraction:
    return Fraction(str(x)).limit_denominator(10**6)


def _point(model, df, row) -> dict[str, str]:
    return {k: str(_number(df.loc[row, k])) for k in model.parameters}


def _expected_rows(model, df, refine=None):
    """The rows the solver gives at each point of the table, as (profile, payoffs, beliefs)."""
    out = []
    points = df[list(model.parameters)].drop_duplicates()
    for row in points.index:
        game = model.at(**_point(model, df, row))
        tree = game
        for eq in perfect_bayesian_equilibria(game, refine=refine):
            if hasattr(eq, "behaviour_profile"):
                behaviour, vertices = eq.behaviour_profile()
                profile = [behaviour[h] for h in range(len(tree.infosets))]
            else:
                profile = list(eq.profile)
                vertices = {h: b.vertices for h, b in enumerate(eq.beliefs)}
            out.append((tree, profile, vertices))
    return out


def _assert_table_is_the_solvers(model, df, refine=None):
    expected = _expected_rows(model, df, refine)
    assert len(expected) == len(df)
    for (tree, profile, vertices), (_, row) in zip(expected, df.iterrows(), strict=True):
        for h, info in enumerate(tree.infosets):
            for a, p in zip(info.actions, profile[h], strict=True):
                assert _number(row[f"{info.label}:{a}"]) == Fraction(p)
            if len(info.nodes) > 1:
                for j, x in enumerate(info.nodes):
                    name = " > ".join(tree.nodes[x].path)
                    node = [Fraction(v[j]) for v in vertices[h]]
                    assert _number(row[f"belief:{info.label}:{name}:min"]) == min(node)
                    assert _number(row[f"belief:{info.label}:{name}:max"]) == max(node)


# -- an independent check of sequential rationality ----------------------------------------------


def _exact(x) -> Fraction:
    return Fraction(str(x))


def _values(tree, profile):
    """Each node's expected payoff vector under the behaviour profile (backward recursion)."""
    nodes = tree.nodes
    values: dict[int, list[Fraction]] = {}
    for k in reversed(range(len(nodes))):
        nd = nodes[k]
        if nd.kind == "terminal":
            values[k] = [_exact(u) for u in nd.payoffs]
            continue
        weights = (
            [_exact(p) for p in nd.probs] if nd.kind == "chance" else list(profile[nd.infoset])
        )
        values[k] = [
            sum((w * values[c][i] for w, c in zip(weights, nd.children, strict=True)), Fraction(0))
            for i in range(tree.n_players)
        ]
    return values


def _reach(tree, profile):
    nodes = tree.nodes
    reach = {0: Fraction(1)}
    for k, nd in enumerate(nodes):
        if nd.kind == "terminal":
            continue
        weights = (
            [_exact(p) for p in nd.probs] if nd.kind == "chance" else list(profile[nd.infoset])
        )
        for w, c in zip(weights, nd.children, strict=True):
            reach[c] = reach[k] * w
    return reach


def _assert_sequentially_rational(tree, row) -> None:
    """At every information set, under the row's beliefs (Bayes' rule on the path, both ends of
    the supporting interval off it), every action played is a best reply."""
    profile = [[_number(row[f"{h.label}:{a}"]) for a in h.actions] for h in tree.infosets]
    assert all(sum(p) == 1 for p in profile)
    values = _values(tree, profile)
    reach = _reach(tree, profile)
    for h, info in enumerate(tree.infosets):
        nodes = list(info.nodes)
        mass = sum(reach[x] for x in nodes)
        names = [" > ".join(tree.nodes[x].path) for x in nodes]
        if len(nodes) == 1:
            beliefs = [[Fraction(1)]]
        else:
            low = [_number(row[f"belief:{info.label}:{n}:min"]) for n in names]
            high = [_number(row[f"belief:{info.label}:{n}:max"]) for n in names]
            assert len(nodes) == 2  # every catalogue set: the bounds are the whole set
            beliefs = [[low[0], high[1]], [high[0], low[1]]]
            if mass:
                bayes = [reach[x] / mass for x in nodes]
                assert low == high == bayes, info.label
        for mu in beliefs:
            assert all(m >= 0 for m in mu) and sum(mu) == 1
            worth = [
                sum(
                    (
                        m * values[tree.nodes[x].children[a]][info.player]
                        for m, x in zip(mu, nodes, strict=True)
                    ),
                    Fraction(0),
                )
                for a in range(len(info.actions))
            ]
            best = max(worth)
            for a, p in enumerate(profile[h]):
                if p:
                    assert worth[a] == best, (info.label, info.actions[a], worth)
    assert [_number(row[f"payoff:{p}"]) for p in tree.players] == values[0]


# -- the tables ---------------------------------------------------------------------------------


def test_two_sided_deterrence_table_is_the_pbe_solvers_at_every_point(two_sided):
    model, df = two_sided
    _assert_table_is_the_solvers(model, df)
    assert list(df["equilibrium"]) == [1, 2, 3, 1, 2, 3]


def test_every_row_of_the_pbe_tables_is_sequentially_rational(two_sided):
    model, df = two_sided
    frames = [(model, df)]
    for name, grid in [
        ("beer-quiche", {"p": "0:1:5"}),
        ("extended-deterrence-one-sided", {"p_D": "0:1:5"}),
        ("alliance-formation-signal", {"k": ["1/8", "5/8"], "p": ["1/8", "7/8"]}),
    ]:
        m = load_model(name)
        frames.append((m, sweep(m, grid)))
    for m, frame in frames:
        assert len(frame)
        for row in frame.index:
            _assert_sequentially_rational(m.at(**_point(m, frame, row)), frame.loc[row])


def test_the_hard_defender_never_concedes_in_the_pbe_table_though_it_does_in_the_spe_one(
    two_sided,
):
    model, df = two_sided
    concede = "Hard defender after Challenge:Concede"
    assert (df[concede] == 0).all()
    spe = sweep(model, TWO_SIDED_GRID, concept="spe")
    assert (spe[concede] > 0).any()


def test_the_default_concept_is_gta_solves(two_sided):
    _, df = two_sided
    assert "belief:Soft defender after Challenge:Hard C > Challenge > Soft D:min" in df.columns
    one = sweep("beer-quiche", {"p": "0:1:3"})
    pd.testing.assert_frame_equal(one, sweep("beer-quiche", {"p": "0:1:3"}, concept="pbe"))
    # A tree with complete information keeps its subgame-perfect table.
    assert not any(c.startswith("belief:") for c in sweep("chain-store", {}).columns)


def test_a_refined_table_keeps_the_d1_survivors():
    model = load_model("extended-deterrence-two-sided")
    grid = {"p_C": ["1/2"], "p_D": ["1/2", "9/10"]}
    df = sweep(model, grid, refine="d1")
    _assert_table_is_the_solvers(model, df, refine="d1")
    beer = load_model("beer-quiche")
    refined = sweep(beer, {"p": "0.2:0.8:3"}, refine="intuitive")
    _assert_table_is_the_solvers(beer, refined, refine="intuitive")
    assert len(refined) < len(sweep(beer, {"p": "0.2:0.8:3"}))


def test_the_continuum_column_marks_the_ends_of_segments_of_equilibria(two_sided):
    _, df = two_sided
    first = df[(df["p_C"] == 0.5) & (df["p_D"] == 0.5)]
    # Deterrence: the Soft defender resists for sure or with 3/5, and anything between.
    assert list(first["continuum"]) == [True, True, False]
    middle = first.iloc[0].copy()
    middle["Soft defender after Challenge:Concede"] = 0.2
    middle["Soft defender after Challenge:Resist"] = 0.8
    middle["belief:Soft defender after Challenge:Hard C > Challenge > Soft D:min"] = 2 / 3
    middle["belief:Soft defender after Challenge:Hard C > Challenge > Soft D:max"] = 2 / 3
    middle["belief:Soft defender after Challenge:Soft C > Challenge > Soft D:min"] = 1 / 3
    middle["belief:Soft defender after Challenge:Soft C > Challenge > Soft D:max"] = 1 / 3
    model = load_model("extended-deterrence-two-sided")
    _assert_sequentially_rational(model.at(p_C="1/2", p_D="1/2"), middle)


def test_pbe_chunks_resume_and_a_damaged_chunk_is_detected(tmp_path, monkeypatch):
    grid = {"p": "0:1:9"}
    fresh = sweep("beer-quiche", grid)
    out = tmp_path / "t.parquet"
    real = store_mod._solve_chunk
    calls: list[int] = []

    def stop(plan, start, stop_):
        if len(calls) >= 2:
            raise KeyboardInterrupt
        calls.append(start)
        return real(plan, start, stop_)

    monkeypatch.setattr(store_mod, "_solve_chunk", stop)
    with pytest.raises(KeyboardInterrupt):
        sweep("beer-quiche", grid, out=out, chunk_size=2)
    parts = out.with_name(out.name + ".parts")
    chunk = parts / "chunk-000001.parquet"
    data = bytearray(chunk.read_bytes())
    data[len(data) // 2] ^= 0xFF
    chunk.write_bytes(bytes(data))
    monkeypatch.setattr(store_mod, "_solve_chunk", real)
    with pytest.warns(RuntimeWarning, match="chunk 1"):
        resumed = sweep("beer-quiche", grid, out=out, chunk_size=2)
    pd.testing.assert_frame_equal(resumed, fresh)


def test_pbe_sweep_options_are_checked():
    with pytest.raises(GameError, match="refine"):
        sweep("chain-store", {}, refine="d1")
    with pytest.raises(GameError, match="refine"):
        sweep("beer-quiche", {"p": "0:1:2"}, concept="sequential", refine="d1")
    with pytest.raises(GameError, match="sequential game"):
        sweep("chicken", {"P": "-10:-2:2"}, concept="pbe")
    with pytest.raises(TooLargeError, match=r"support profiles.*'spe'"):
        sweep("chain-store-reputation", {"q": ["1/2"]})


def test_gta_table_refine_writes_the_same_bytes_twice(tmp_path, capsys):
    paths = [tmp_path / "a.csv", tmp_path / "b.csv"]
    for path in paths:
        assert main(["table", "beer-quiche", "--refine", "intuitive", "--out", str(path)]) == 0
    assert paths[0].read_bytes() == paths[1].read_bytes()
    df = pd.read_csv(paths[0])
    expected = sweep("beer-quiche", {"p": "0:1:21"}, refine="intuitive")
    assert len(df) == len(expected) and np.allclose(df["payoff:Sender"], expected["payoff:Sender"])
    write_table(expected, tmp_path / "c.csv")
    assert (tmp_path / "c.csv").read_bytes() == paths[0].read_bytes()
    assert main(["table", "chain-store", "--refine", "d1"]) == 2
    assert "refine" in capsys.readouterr().err


def test_sequential_tables_list_the_sequential_equilibria():
    from gametheory_alliances.solvers.sequential_equilibria import sequential_equilibria

    model = load_model("extended-deterrence-one-sided")
    df = sweep(model, {"p_D": "0:1:3"}, concept="sequential")
    counts = [
        len(sequential_equilibria(model.at(p_D=str(_number(p))))) for p in sorted(set(df["p_D"]))
    ]
    assert list(df.groupby("p_D").size()) == counts
    assert set(itertools.chain(df["continuum"])) <= {True, False}


def test_labels_name_the_action_at_every_set_and_tell_the_rows_of_a_point_apart(two_sided):
    model, df = two_sided
    tree = model.at(**_point(model, df, df.index[0]))
    for _, rows in df.groupby(list(model.parameters), sort=False):
        assert rows["label"].is_unique, list(rows["label"])
        for _, row in rows.iterrows():
            # The label is the support at every information set, in the tree's order.
            played = [
                "+".join(a for a in info.actions if row[f"{info.label}:{a}"] > 0)
                for info in tree.infosets
            ]
            mixed = "mixed " if any("+" in p for p in played) else ""
            assert row["label"] == f"{mixed}({', '.join(played)})"
