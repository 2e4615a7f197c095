"""Strategic estimation: recovery of catalogue models' parameters, checks, and bad data."""

from __future__ import annotations

import json

import numpy as np
import pytest

import gametheory_alliances as gta
from gametheory_alliances.cli import main
from gametheory_alliances.errors import GameError, UnknownParameterError
from gametheory_alliances.estimation import (
    DataError,
    IdentificationError,
    parse_term,
    read_plays,
)

gbt = pytest.importorskip("pygambit")


def _within(result, truth, ses=3.0):
    for name, value in truth.items():
        gap = abs(result.estimates[name] - value)
        assert gap < ses * result.std_errors[name], (name, result.estimates[name], value)


def test_extended_deterrence_recovers_payoffs_and_lambda():
    truth = {"c_DD": -0.8, "d_DD": 0.3, "lambda": 4.0}
    plays = gta.simulate(
        "extended-deterrence", {"c_DD": -0.8, "d_DD": 0.3}, lam=4.0, n=3000, seed=11
    )
    result = gta.fit("extended-deterrence", plays, estimate=["c_DD", "d_DD"])
    assert result.converged and result.n == 3000
    _within(result, truth)
    assert result.aic == pytest.approx(2 * 3 - 2 * result.loglik)
    assert result.bic == pytest.approx(3 * np.log(3000) - 2 * result.loglik)


def test_entrapment_recovers_costs_from_either_data_format():
    truth = {"k_P": 0.3, "k_C": 0.15, "lambda": 5.0}
    values = {"k_P": 0.3, "k_C": 0.15}
    by_outcome = gta.simulate("entrapment", values, lam=5.0, n=2000, seed=5)
    by_action = gta.simulate("entrapment", values, lam=5.0, n=2000, seed=5, actions=True)
    one = gta.fit("entrapment", by_outcome, estimate=["k_P", "k_C"])
    other = gta.fit("entrapment", by_action, estimate=["k_P", "k_C"])
    _within(one, truth)
    # The same plays written two ways have the same likelihood.
    assert one.loglik == pytest.approx(other.loglik, rel=1e-9)
    assert one.estimates == pytest.approx(other.estimates, rel=1e-5)


def test_a_parameter_linear_in_a_covariate_is_recovered():
    rng = np.random.default_rng(3)
    n = 3000
    capability = rng.uniform(0.0, 1.0, n)
    c_dd = -1.5 + 2.0 * capability
    plays = gta.simulate(
        "extended-deterrence",
        {"c_DD": c_dd},
        lam=4.0,
        n=n,
        seed=4,
        covariates={"capability": capability},
    )
    result = gta.fit("extended-deterrence", plays, estimate=["c_DD ~ 1 + capability"], lam=4.0)
    _within(result, {"c_DD:Intercept": -1.5, "c_DD:capability": 2.0})
    assert list(result.estimates) == ["c_DD:Intercept", "c_DD:capability"]


def test_lambda_of_a_fixed_game_equals_gambits_logit_estimate():
    game = gta.NormalFormGame(
        [[[3, 0, 1], [5, 1, 0]], [[3, 5, 2], [0, 1, 4]]],
        players=["Row", "Col"],
        strategies=[["a", "b"], ["x", "y", "z"]],
    )
    plays = gta.simulate(game, {}, lam=1.3, n=500, seed=4, actions=True)
    ours = gta.fit(game, plays)
    profile = game.to_pygambit().mixed_strategy_profile(rational=False)
    for player in profile.game.players:
        for s in player.strategies:
            profile[s] = sum(1 for row in plays if row[player.label] == s.label)
    theirs = gbt.qre.logit_estimate(profile)
    assert ours.estimates["lambda"] == pytest.approx(theirs.lam, rel=1e-5)
    assert ours.loglik == pytest.approx(theirs.log_like, rel=1e-8)


def test_bootstrap_standard_errors_agree_with_the_observed_information():
    plays = gta.simulate("extended-deterrence", {"c_DD": -1.0}, lam=3.0, n=800, seed=2)
    result = gta.fit("extended-deterrence", plays, estimate=["c_DD"], lam=3.0, bootstrap=40)
    ratio = result.bootstrap_std_errors["c_DD"] / result.std_errors["c_DD"]
    assert 0.6 < ratio < 1.6
    again = gta.fit("extended-deterrence", plays, estimate=["c_DD"], lam=3.0, bootstrap=40)
    assert again.bootstrap_std_errors == result.bootstrap_std_errors  # seeded


def test_parameters_that_move_together_are_refused_by_name():
    game = gta.SequentialGame(
        gta.Decision(
            "A", {"x": gta.Terminal(["a"]), "y": gta.Terminal(["b"]), "z": gta.Terminal([0])}
        ),
        parameters=[gta.Parameter("a", default=1), gta.Parameter("b", default=0)],
    )
    plays = gta.simulate(game, {"a": 1.0, "b": -0.5}, lam=2.0, n=300, seed=1)
    with pytest.raises(IdentificationError, match="a, b, lambda"):
        gta.fit(game, plays, estimate=["a", "b"])
    # With lambda fixed the same payoffs are identified.
    result = gta.fit(game, plays, estimate=["a", "b"], lam=2.0)
    _within(result, {"a": 1.0, "b": -0.5})
    with pytest.raises(IdentificationError, match="c_SQ, c_DC, c_CD, c_DD"):
        gta.fit(
            "extended-deterrence",
            plays_of_deterrence(),
            estimate=["c_SQ", "c_DC", "c_CD", "c_DD"],
            lam=2.0,
        )


def plays_of_deterrence():
    return gta.simulate("extended-deterrence", {}, lam=2.0, n=200, seed=0)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [{"outcome": "status quo"}, {"outcome": "victory"}],
            "row 2, column 'outcome': unknown outcome 'victory'",
        ),
        ([{"outcome": "status quo"}, {"outcome": ""}], "row 2, column 'outcome': missing outcome"),
        (
            [
                {"outcome": "conflict", "capability": "0.5"},
                {"outcome": "conflict", "capability": "high"},
            ],
            "row 2, column 'capability': 'high' is not a number",
        ),
        ([{"outcome": "conflict", "capability": ""}], "row 1, column 'capability': missing value"),
        ([{"outcome": "conflict"}], "no column 'capability'"),
        ([{"result": "conflict"}], "expected a column 'outcome'"),
    ],
)
def test_bad_data_names_the_row_and_column(rows, message):
    with pytest.raises(DataError, match=message):
        gta.fit("extended-deterrence", rows, estimate=["c_DD ~ capability"])


def test_plays_the_tree_cannot_produce_are_refused():
    rows = [{"Challenger at root": "Status quo", "Defender after Challenge": "Resist"}]
    with pytest.raises(DataError, match="row 1: the model cannot produce this play"):
        gta.fit("extended-deterrence", rows, estimate=["c_DD"])
    rows = [{"Challenger at root": "Charge"}]
    with pytest.raises(
        DataError, match="row 1, column 'Challenger at root': unknown action 'Charge'"
    ):
        gta.fit("extended-deterrence", rows, estimate=["c_DD"])


def test_bad_requests_are_refused():
    plays = plays_of_deterrence()
    with pytest.raises(UnknownParameterError, match="no parameter 'c_XX'"):
        gta.fit("extended-deterrence", plays, estimate=["c_XX"])
    with pytest.raises(GameError, match="both fixed and estimated"):
        gta.fit("extended-deterrence", plays, estimate=["c_DD"], fixed={"c_DD": 1})
    with pytest.raises(GameError, match="not a covariate name"):
        parse_term("c_DD ~ capability**2")
    with pytest.raises(GameError, match="not a parameter name"):
        parse_term("__import__('os') ~ 1")


def test_csv_round_trip_through_the_command_line(tmp_path, capsys):
    path = tmp_path / "crises.csv"
    status = main(
        [
            "simulate",
            "extended-deterrence",
            "--lam",
            "3",
            "--n",
            "400",
            "--set",
            "c_DD=-1",
            "--seed",
            "7",
            "--out",
            str(path),
        ]
    )
    assert status == 0 and len(read_plays(path)) == 400
    assert (
        main(["fit", "extended-deterrence", "--data", str(path), "--estimate", "c_DD", "--json"])
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"estimates", "std_errors", "loglik", "n"}
    assert set(data["estimates"]) == {"c_DD", "lambda"} and data["n"] == 400
    direct = gta.fit("extended-deterrence", read_plays(path), estimate=["c_DD"])
    assert data["estimates"]["c_DD"] == pytest.approx(direct.estimates["c_DD"])
    assert main(["fit", "extended-deterrence", "--data", str(path), "--estimate", "c_DD"]) == 0
    assert "QRE estimation results" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("outcome\nstatus quo\nmystery\n", encoding="utf-8")
    assert main(["fit", "extended-deterrence", "--data", str(bad), "--estimate", "c_DD"]) == 2
    err = capsys.readouterr().err
    assert "row 2, column 'outcome'" in err and "Traceback" not in err
