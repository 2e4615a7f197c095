"""Tied parameters: a parameter bound to an expression in the others, wherever a value is accepted."""

import json

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory_alliances as gta
from gametheory_alliances.cli import main, parse_settings
from gametheory_alliances.errors import DomainError, ExpressionError, UnknownParameterError
from gametheory_alliances.io.model import fix_parameters
from gametheory_alliances.predicates import outcome_table
from gametheory_alliances.solvers.backward_induction import subgame_perfect_equilibria
from gametheory_alliances.ties import is_tie, resolve_ties, split_ties

MODEL = gta.load_model("entrapment")
P = MODEL.parameters


def run(capsys, *args):
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


# -- reading ties ------------------------------------------------------------------------------


def test_numbers_are_not_ties_and_expressions_are():
    assert [is_tie(v) for v in ("r_M", "2*r_M", "1/2", "0.3", "1e-3", 2, 0.5)] == [
        True,
        True,
        False,
        False,
        False,
        False,
        False,
    ]


def test_chains_of_ties_resolve_into_the_untied_parameters():
    numbers, ties = split_ties(P, {"r_R": "2*r_M", "r_M": "k_P", "x": "1/2"})
    assert numbers == {"x": "1/2"}
    assert ties == {"r_R": 2 * P["k_P"].symbol, "r_M": P["k_P"].symbol}
    values = resolve_ties(P, {"r_R": "2*r_M", "r_M": "k_P", "k_P": "1/5"})
    assert values["r_M"] == sympy.Rational(1, 5) and values["r_R"] == sympy.Rational(2, 5)


@pytest.mark.parametrize(
    ("values", "error", "message"),
    [
        ({"r_R": "r_R"}, ExpressionError, "a parameter cannot be tied to itself"),
        ({"r_R": "r_M", "r_M": "r_R"}, ExpressionError, "the ties form a cycle: r_R -> r_M -> r_R"),
        (
            {"r_R": "k_P", "k_P": "r_M", "r_M": "2*r_R"},
            ExpressionError,
            "cycle: r_R -> k_P -> r_M -> r_R",
        ),
        ({"r_R": "r_Q"}, UnknownParameterError, "unknown name 'r_Q'; parameters: g, k_A"),
        ({"r_Q": "r_M"}, UnknownParameterError, "unknown parameter 'r_Q'"),
        ({"r_R": "2*"}, ExpressionError, "tie r_R = 2*: expression"),
        ({"r_R": "__import__('os')"}, ExpressionError, "tie r_R"),
    ],
)
def test_bad_ties_are_refused_with_a_message_naming_them(values, error, message):
    with pytest.raises(error) as info:
        MODEL.fix(**values)
    assert message in str(info.value)
    with pytest.raises(error):
        MODEL.at(**values)


def test_a_tie_outside_the_domain_is_an_error_at_a_point_and_an_assumption_in_a_slice():
    with pytest.raises(DomainError, match="tie r_R = r_M - 1 gives -4/5, outside the domain"):
        MODEL.at(r_M="1/5", r_R="r_M - 1")
    with pytest.raises(DomainError, match="never in the domain"):
        MODEL.fix(r_R="-1 - r_M")
    sliced = MODEL.fix(r_R="r_M - 1/10")
    assert (P["r_M"].symbol - sympy.Rational(1, 10) >= 0) in [c for c, _ in sliced.assumptions]
    # a tie the domains settle adds nothing
    assert len(MODEL.fix(r_R="r_M").assumptions) == len(MODEL.assumptions)


# -- the tie means the same as its value -------------------------------------------------------

POINTS = st.fixed_dictionaries(
    {
        "x": st.sampled_from(["3/10", "1/2", "4/5"]),
        "g": st.sampled_from(["0", "1/10", "1/5"]),
        "k_P": st.sampled_from(["1/5", "2/5", "1/2"]),
        "r_M": st.sampled_from(["0", "1/10", "1/5", "3/10"]),
    }
)


@settings(max_examples=25, deadline=None)
@given(POINTS)
def test_at_with_a_tie_is_at_with_its_value(point):
    tied = subgame_perfect_equilibria(MODEL.at(**point, r_R="2*r_M"))
    explicit = subgame_perfect_equilibria(MODEL.at(**point, r_R=2 * sympy.Rational(point["r_M"])))
    assert [eq.path for eq in tied] == [eq.path for eq in explicit]
    assert [eq.exact_payoffs for eq in tied] == [eq.exact_payoffs for eq in explicit]


@pytest.fixture(scope="module")
def unconditional():
    return gta.equilibrium_regions(MODEL.fix(r_R="r_M"), concept="spe")


@settings(max_examples=25, deadline=None)
@given(POINTS)
def test_the_regions_of_a_tied_slice_hold_where_the_spe_solver_finds_their_equilibria(
    unconditional, point
):
    # The region of each SPE in the slice r_R = r_M, against the solver at the explicit point.
    numeric = {eq.path for eq in subgame_perfect_equilibria(MODEL.at(**point, r_R=point["r_M"]))}
    symbolic = {eq.path for eq, region in unconditional.items() if region.contains(**point)}
    assert symbolic == numeric, point


@settings(max_examples=15, deadline=None)
@given(POINTS)
def test_outcome_regions_of_a_tied_design_agree_with_the_point_predicates(point):
    regions = _tied_outcomes()
    rows = outcome_table(MODEL, **point, r_R=point["r_M"])
    for name, region in regions.items():
        assert region.contains(**point) == any(r[name] for r in rows), (name, point)


_CACHE = {}


def _tied_outcomes():
    if not _CACHE:
        _CACHE["regions"] = gta.outcome_regions(MODEL, {"r_R": "r_M"})
    return _CACHE["regions"]


def test_fix_parameters_ties_a_bare_normal_form_game():
    game = gta.load_model("chicken").game
    tied = fix_parameters(game, {"P": -10, "R": "T - 1"})
    assert tied.free_parameters == ("T", "S")
    explicit = game.at(T=3, R=2, S=-1, P=-10)
    assert tied.at(T=3, S=-1).payoff_arrays(exact=True)[0].tolist() == (
        explicit.payoff_arrays(exact=True)[0].tolist()
    )


# -- sweeps, maps and the command line -------------------------------------------------------


def test_a_sweep_with_a_tie_to_a_swept_parameter_equals_the_explicit_sweeps():
    grid = {"r_M": ["0", "1/10", "3/10"], "k_P": ["1/5", "1/2"]}
    tied = gta.sweep(MODEL, grid, {"r_R": "r_M", "x": "1/2"})
    assert list(tied.columns[: len(P)]) == list(P)
    parts = [
        gta.sweep(MODEL, {"r_M": [r], "k_P": grid["k_P"]}, {"r_R": r, "x": "1/2"})
        for r in grid["r_M"]
    ]
    import pandas as pd

    explicit = pd.concat(parts, ignore_index=True)
    pd.testing.assert_frame_equal(tied, explicit, check_exact=True)


def test_a_tie_to_a_swept_parameter_of_a_normal_form_game_keeps_its_column_in_place():
    tied = gta.sweep("chicken", {"T": ["1", "2", "3"]}, {"R": "T - 1"})
    assert list(tied.columns[:4]) == ["T", "R", "S", "P"]
    assert (tied["R"] == tied["T"] - 1).all()
    explicit = gta.sweep("chicken", {"T": ["2"]}, {"R": "1"})
    assert tied[tied["T"] == 2].reset_index(drop=True).equals(explicit)


def test_swept_and_tied_at_once_is_refused():
    with pytest.raises(gta.GameError, match="both swept and tied"):
        gta.sweep(MODEL, {"r_R": ["0"]}, {"r_R": "r_M"})


def test_set_reads_a_tie_as_text_and_numbers_as_numbers():
    assert parse_settings(["r_R=r_M", "k_P=1e-1", "w=50,40"]) == {
        "r_R": "r_M",
        "k_P": sympy.Rational(1, 10),
        "w": (50, 40),
    }


def test_solve_with_a_tie_equals_solve_with_its_value(capsys):
    _, tied, _ = run(
        capsys, "solve", "entrapment", "--set", "r_M=0.3", "--set", "r_R=r_M", "--json"
    )
    _, explicit, _ = run(
        capsys, "solve", "entrapment", "--set", "r_M=0.3", "--set", "r_R=0.3", "--json"
    )
    assert json.loads(tied) == json.loads(explicit)


def test_conditions_with_a_tie_are_in_the_untied_parameters(capsys):
    status, out, _ = run(
        capsys, "conditions", "entrapment", "--set", "r_R=r_M", "--set", "g=1/5", "--json"
    )
    assert status == 0
    data = json.loads(out)
    assert all("r_R" not in r["condition"] for r in data["regions"])
    assert any("r_M" in r["condition"] for r in data["regions"])


def test_table_and_errors_on_the_command_line(capsys):
    status, out, _ = run(
        capsys, "table", "chicken", "--grid", "T=1:3:3", "--set", "R=T-1", "--set", "P=-10"
    )
    assert status == 0 and "| 3 | 2 | -1 | -10 |" in out
    status, _, err = run(capsys, "solve", "entrapment", "--set", "r_R=r_Q")
    assert status == 2 and "unknown name 'r_Q'" in err and err.count("\n") == 1
    status, _, err = run(capsys, "conditions", "entrapment", "--set", "r_R=r_M", "--set", "r_M=r_R")
    assert status == 2 and "cycle" in err


def test_the_entrapment_proof_ties_the_unconditional_design():
    from pathlib import Path

    source = (Path(__file__).resolve().parent.parent / "proofs" / "entrapment.py").read_text()
    assert '"r_R": "r_M"' in source and ".xreplace(subs)" not in source
