"""Equilibrium objects: exact payoffs, certification, ordering, JSON form."""

from fractions import Fraction

import numpy as np
import pytest

from gametheory_alliances import NormalFormGame
from gametheory_alliances.equilibrium import Equilibrium, SolverResult, sort_equilibria
from gametheory_alliances.errors import ProbabilityError, ShapeError

PENNIES = NormalFormGame([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])


def test_exact_profile_gives_exact_payoffs_and_certifies():
    eq = Equilibrium.from_profile(PENNIES, [["1/2", "1/2"], [Fraction(1, 2), Fraction(1, 2)]])
    assert eq.is_exact and eq.exact_payoffs == (0, 0)
    cert = eq.certify()
    assert cert.ok and cert.exact and cert.regrets == (0, 0)


def test_a_profile_that_is_not_an_equilibrium_fails_with_its_regret():
    eq = Equilibrium.from_profile(PENNIES, [[1, 0], [1, 0]])
    cert = eq.certify()
    assert not cert.ok
    assert cert.regrets == (Fraction(0), Fraction(2))


def test_certification_is_exact_where_floats_would_blur():
    # A regret of 1e-12 is invisible to a float tolerance but not to exact arithmetic.
    eps = Fraction(1, 10**12)
    game = NormalFormGame([[[1, 0], [1 + eps, 0]], [[1, 1], [1, 1]]])
    eq = Equilibrium.from_profile(game, [[1, 0], [1, 0]])
    assert not eq.certify().ok
    float_game = NormalFormGame([np.array([[1.0, 0.0], [1.0 + 1e-12, 0.0]]), np.ones((2, 2))])
    assert Equilibrium.from_profile(float_game, [[1.0, 0.0], [1.0, 0.0]]).certify().ok


def test_probability_vectors_are_checked():
    with pytest.raises(ProbabilityError):
        Equilibrium.from_profile(PENNIES, [["1/2", "1/3"], [1, 0]])
    with pytest.raises(ProbabilityError):
        Equilibrium.from_profile(PENNIES, [[2, -1], [1, 0]])
    with pytest.raises(ShapeError):
        Equilibrium.from_profile(PENNIES, [[1, 0, 0], [1, 0]])
    with pytest.raises(ShapeError):
        Equilibrium.from_profile(PENNIES, [[1, 0]])


def test_support_and_labels():
    game = NormalFormGame(
        [[[2, 0], [0, 1]], [[1, 0], [0, 2]]], strategies=[["Ballet", "Fight"], ["Ballet", "Fight"]]
    )
    eq = Equilibrium.from_profile(game, [["2/3", "1/3"], ["1/3", "2/3"]])
    assert eq.support == ((0, 1), (0, 1)) and not eq.is_pure
    assert eq.labelled()["Row"] == {"Ballet": Fraction(2, 3), "Fight": Fraction(1, 3)}
    assert eq.exact_payoffs == (Fraction(2, 3), Fraction(2, 3))


def test_order_is_deterministic_and_pure_first_by_label():
    game = NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])
    a = Equilibrium.from_profile(game, [[1, 0], [1, 0]])
    b = Equilibrium.from_profile(game, [["2/3", "1/3"], ["1/3", "2/3"]])
    c = Equilibrium.from_profile(game, [[0, 1], [0, 1]])
    assert sort_equilibria([c, b, a]) == [a, b, c]
    assert len({a, b, c, Equilibrium.from_profile(game, [[1, 0], [1, 0]])}) == 3


def test_result_json_has_the_interface_fields():
    eq = Equilibrium.from_profile(PENNIES, [["1/2", "1/2"], ["1/2", "1/2"]])
    result = SolverResult(PENNIES, "test", (eq,), exact=True)
    data = result.to_dict()
    assert data["players"] == ["Row", "Column"]
    assert data["strategies"] == [["1", "2"], ["1", "2"]]
    assert data["concept"] == "nash"
    assert data["equilibria"][0]["strategies"] == [[0.5, 0.5], [0.5, 0.5]]
    assert data["equilibria"][0]["exact"] == {
        "strategies": [["1/2", "1/2"], ["1/2", "1/2"]],
        "payoffs": ["0", "0"],
    }
    assert len(result) == 1 and result[0] is eq
    assert "1/2" in result._repr_html_()


def test_every_solver_result_shares_the_one_result_base():
    from gametheory_alliances import PBEResult, SPEResult, pure_equilibria
    from gametheory_alliances.solvers.vertex_enumeration import nash_equilibria

    assert issubclass(SPEResult, SolverResult) and issubclass(PBEResult, SolverResult)
    for result in (nash_equilibria(PENNIES), pure_equilibria(PENNIES)):
        assert isinstance(result, SolverResult)
        assert repr(result).startswith("SolverResult(")


def test_result_numbers_are_exact_fractions_else_six_digits():
    from gametheory_alliances.equilibrium import format_number

    assert format_number(Fraction(1, 3)) == "1/3"
    assert format_number(1 / 3) == "0.333333"
    assert format_number(2) == "2"
