"""Quantal response equilibria: equal to Gambit's logit QRE, on normal forms and trees.

The random games are generic (integer payoffs drawn at random). On symmetric
games the branch meets bifurcation points; there the toolkit continues along
the branch it arrived on and Gambit may leave it, so they are not compared.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import gametheory_alliances as gta
from gametheory_alliances.cli import main
from gametheory_alliances.errors import GameError, SolverError
from gametheory_alliances.solvers.dispatch import solve
from gametheory_alliances.solvers.logit_homotopy import logit_homotopy
from gametheory_alliances.solvers.quantal_response import (
    TreeSkeleton,
    log_response,
    qre_correspondence,
    qre_limit,
    quantal_response_equilibrium,
    tree_qre,
)
from gametheory_alliances.testing import sequential_games

gbt = pytest.importorskip("pygambit")

LAMS = [0.3, 1.0, 2.5, 6.0]


@st.composite
def normal_forms(draw: st.DrawFn, players: int) -> gta.NormalFormGame:
    shape = tuple(draw(st.lists(st.integers(2, 3), min_size=players, max_size=players)))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return gta.NormalFormGame([rng.integers(-5, 6, size=shape) for _ in range(players)])


def _gambit_strategies(game: gta.NormalFormGame, lams: list[float]) -> list[np.ndarray]:
    g = game.to_pygambit()
    out = []
    for qre in gbt.qre.logit_solve_lambda(g, lams):
        profile = qre.profile
        out.append(np.array([float(profile[s]) for s in g.strategies]))
    return out


@settings(max_examples=20, deadline=None, derandomize=True)
@given(st.one_of(normal_forms(2), normal_forms(3)))
def test_normal_form_qre_equals_gambits_logit_solve_lambda(game):
    theirs = _gambit_strategies(game, LAMS)
    ours = qre_correspondence(game, LAMS).equilibria
    for qre, expected in zip(ours, theirs, strict=True):
        assert np.max(np.abs(np.concatenate(qre.strategies) - expected)) < 1e-6
        assert qre.certify()


def _gambit_behaviour(game: gta.SequentialGame, lams: list[float], tmp_path) -> list[dict]:
    """Gambit's agent QRE, read back by our information-set labels (by node paths)."""
    path = tmp_path / "tree.efg"
    gta.write_game(game, path)
    g = gbt.read_efg(str(path))
    offsets, k = {}, 0
    for player in g.players:
        for infoset in player.infosets:
            offsets[(player.label, infoset.number)] = k
            k += len(infoset.actions)
    where = {}
    for h in game.infosets:
        node = g.root
        for step in _child_indices(game, h.nodes[0]):
            node = list(node.children)[step]
        where[h.label] = offsets[(node.infoset.player.label, node.infoset.number)]
    out = []
    for qre in gbt.qre.logit_solve_lambda(g, lams):
        out.append(
            {
                h.label: [qre[where[h.label] + a] for a in range(len(h.actions))]
                for h in game.infosets
            }
        )
    return out


def _child_indices(game: gta.SequentialGame, k: int) -> list[int]:
    steps = []
    while game.nodes[k].parent >= 0:
        parent = game.nodes[k].parent
        steps.append(game.nodes[parent].children.index(k))
        k = parent
    return steps[::-1]


@settings(max_examples=20, deadline=None, derandomize=True)
@given(sequential_games(players=(2, 3), depth=(1, 3), chance=True, information_sets=True))
def test_agent_qre_of_trees_equals_gambits_logit_solve_lambda(tmp_path_factory, game):
    assume(game.infosets)
    lams = [0.5, 2.0]
    theirs = _gambit_behaviour(game, lams, tmp_path_factory.mktemp("efg"))
    for lam, expected in zip(lams, theirs, strict=True):
        qre = quantal_response_equilibrium(game, lam)
        for label, probs in expected.items():
            assert np.allclose(list(qre.behaviour[label].values()), probs, atol=1e-6, rtol=0)
        assert qre.certify()


def test_catalogue_trees_match_gambit(tmp_path):
    for name in ("extended-deterrence", "entrapment", "beer-quiche"):
        game = gta.load_model(name).at()
        lams = [0.5, 3.0]
        for lam, expected in zip(lams, _gambit_behaviour(game, lams, tmp_path), strict=True):
            qre = quantal_response_equilibrium(game, lam)
            for label, probs in expected.items():
                assert np.allclose(list(qre.behaviour[label].values()), probs, atol=1e-6)


def test_perfect_information_qre_is_logit_choice_from_the_leaves():
    game = gta.load_model("extended-deterrence").at()
    lam = 1.7
    qre = quantal_response_equilibrium(game, lam)

    def logit(a, b):
        return math.exp(lam * a) / (math.exp(lam * a) + math.exp(lam * b))

    # Defaults: c_SQ 0, c_DC 1, c_CD -1/2, c_DD -1; d_DC -1/2, d_CD 1/2, d_DD -1/4.
    back = logit(-0.5, -1.0)
    resist_value = 0.5 * back - 0.25 * (1 - back)
    resist = logit(resist_value, -0.5)
    challenge_value = resist * (-0.5 * back - 1.0 * (1 - back)) + (1 - resist) * 1.0
    challenge = logit(challenge_value, 0.0)
    assert qre.behaviour["Challenger after Challenge > Resist"]["Back down"] == pytest.approx(back)
    assert qre.behaviour["Defender after Challenge"]["Resist"] == pytest.approx(resist)
    assert qre.behaviour["Challenger at root"]["Challenge"] == pytest.approx(challenge)


def test_vectorised_tree_qre_agrees_point_by_point():
    game = gta.load_model("entrapment").at()
    skeleton = TreeSkeleton.from_game(game)
    pays, _ = game.numbers(exact=False)
    payoffs = np.array([[pays[k] for k in skeleton.terminals]], dtype=float)
    stacked = np.concatenate([payoffs, 2 * payoffs, payoffs - 1])
    together = tree_qre(skeleton, stacked, [], np.array([1.0, 0.5, 3.0]))
    for p, lam in enumerate([1.0, 0.5, 3.0]):
        alone = tree_qre(skeleton, stacked[p : p + 1], [], lam)
        for a, b in zip(together, alone, strict=True):
            assert np.allclose(a[p], b[0], atol=1e-12)
    # Doubling payoffs and halving lambda is the same equilibrium.
    assert all(np.allclose(b[0], b[1]) for b in together)


def test_probit_responses_match_the_closed_form_and_simulation():
    values = np.array([0.4, -0.3])
    lam = 1.8
    closed = 0.5 * math.erfc(-lam * 0.7 / math.sqrt(2) / math.sqrt(2))
    assert np.exp(log_response(values, lam, "probit"))[0] == pytest.approx(closed, abs=1e-12)
    three = np.array([0.5, 0.0, -0.4])
    rng = np.random.default_rng(0)
    draws = np.argmax(lam * three + rng.standard_normal((400_000, 3)), axis=1)
    simulated = np.bincount(draws, minlength=3) / draws.size
    assert np.allclose(np.exp(log_response(three, lam, "probit")), simulated, atol=3e-3)


def test_probit_qre_is_a_fixed_point_and_differs_from_logit():
    game = gta.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 2]]])
    probit = quantal_response_equilibrium(game, 2.0, errors="probit")
    logit = quantal_response_equilibrium(game, 2.0)
    assert probit.certify() and probit.errors == "probit"
    assert not np.allclose(np.concatenate(probit.strategies), np.concatenate(logit.strategies))
    tree = quantal_response_equilibrium(gta.load_model("beer-quiche").at(), 1.5, errors="probit")
    assert tree.certify()
    three = gta.NormalFormGame([[[3, 0, 1], [5, 1, 0]], [[3, 5, 2], [0, 1, 4]]])
    assert quantal_response_equilibrium(three, 0.7, errors="probit").certify()


def test_correspondence_starts_uniform_and_is_one_trace_of_the_branch():
    game = gta.load_model("chicken").at()
    table = qre_correspondence(game, [0.0, 0.5, 2.0])
    rows = table.rows()
    assert rows[0][1:] == pytest.approx([0.5] * (len(rows[0]) - 1))
    for row, lam in zip(rows[1:], [0.5, 2.0], strict=True):
        alone = quantal_response_equilibrium(game, lam)
        assert row[1:] == pytest.approx([p for s in alone.strategies for p in s], abs=1e-9)
    assert table.columns[0] == "lambda" and len(table.records()) == 3


def test_the_limit_selects_an_equilibrium():
    limit = qre_limit(gta.load_model("chain-store").at())
    assert limit.equilibrium is not None and limit.equilibrium.path == ("Enter", "Acquiesce")
    stag = gta.load_model("stag-hunt").at()
    selected = qre_limit(stag)
    (homotopy,) = logit_homotopy(stag)
    assert selected.equilibrium == homotopy and selected.equilibrium.certify()
    assert np.allclose(
        np.concatenate(selected.qre.strategies), np.concatenate(homotopy.strategies), atol=1e-2
    )


def test_dispatch_solves_qre_and_wants_lam():
    game = gta.load_model("chicken").at()
    result = solve(game, "qre", lam=1.0)
    assert result[0].lam == 1.0 and result.to_dict()["concept"] == "qre"
    with pytest.raises(SolverError, match="needs lam"):
        solve(game, "qre")
    with pytest.raises(SolverError, match="lam is for concept 'qre'"):
        solve(game, "nash", lam=1.0)


def test_bad_input_is_refused():
    game = gta.load_model("chicken").at()
    with pytest.raises(GameError, match="lam must be a finite number"):
        quantal_response_equilibrium(game, -1)
    with pytest.raises(GameError, match="errors must be one of"):
        quantal_response_equilibrium(game, 1.0, errors="cauchy")
    with pytest.raises(SolverError, match="unbound parameters"):
        quantal_response_equilibrium(gta.load_model("chicken").game, 1.0)


def test_cli_prints_one_qre_with_lambda(capsys):
    assert main(["solve", "extended-deterrence", "--concept", "qre", "--lam", "2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["concept"] == "qre" and data["lambda"] == 2.0
    (eq,) = data["equilibria"]
    expected = quantal_response_equilibrium(gta.load_model("extended-deterrence").at(), 2.0)
    assert eq["behaviour"] == expected.behaviour
    assert sum(eq["outcomes"].values()) == pytest.approx(1.0)
    assert main(["solve", "chicken", "--concept", "qre", "--lam", "1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["equilibria"][0]["strategies"]) == 2
    assert main(["solve", "chicken", "--concept", "qre"]) == 2
    assert "needs --lam" in capsys.readouterr().err
    assert main(["solve", "chicken", "--lam", "1"]) == 2
