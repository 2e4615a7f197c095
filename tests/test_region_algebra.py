"""Region algebra: set operations, emptiness, membership, sampling and text on Region objects."""

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_alliances import Parameter
from gametheory_alliances.catalogue import load_model
from gametheory_alliances.errors import GameError, UnknownParameterError
from gametheory_alliances.symbolic import credibility, equilibrium_regions, pbe_regions
from gametheory_alliances.symbolic.predicates import credibility_conditions, outcome_regions
from gametheory_alliances.symbolic.region import Region

A = Parameter("a", "[0, 1]")
B = Parameter("b", "nonnegative")
PARAMS = [A, B]
a, b = A.symbol, B.symbol


def region(cond):
    return Region(cond, PARAMS)


def test_set_operations_follow_the_points():
    left = region(a > sympy.Rational(1, 2))
    right = region(b >= 1)
    point_in_both = {"a": Fraction(3, 4), "b": 2}
    point_in_left = {"a": Fraction(3, 4), "b": 0}
    point_in_none = {"a": Fraction(1, 4), "b": 0}
    assert (left & right).contains(point_in_both)
    assert not (left & right).contains(point_in_left)
    assert (left | right).contains(point_in_left)
    assert not (left | right).contains(point_in_none)
    assert (~left).contains(point_in_none) and not (~left).contains(point_in_left)
    assert (left - right).contains(point_in_left)
    assert not (left - right).contains(point_in_both)


def test_difference_and_complement_are_written_simply():
    assert str(~region(a > sympy.Rational(1, 2))) == "a <= 1/2"
    assert str(region(a >= sympy.Rational(1, 2)) - region(a > sympy.Rational(3, 4))) == (
        "(a >= 1/2) & (a <= 3/4)"
    )
    whole = region(b >= 0)
    assert whole.is_everything()
    assert (whole - whole).is_empty() is True


def test_is_empty_is_exact_on_linear_regions():
    assert region((a + b > 3) & (b < 2)).is_empty() is True  # a is at most 1
    assert region((a + b > 2) & (b < 2)).is_empty() is False
    assert region((a + b > 2) & (b < 2) & (a <= 0)).is_empty() is True
    # not empty, and only a point: the simplifier must not lose it
    assert region((a + b <= 1) & (a + b >= 1) & (b <= 0)).is_empty() is False


def test_is_empty_on_nonlinear_regions_is_true_false_or_undecided():
    assert region(a * b < 0).is_empty() is True
    assert region(a * b > 1).is_empty() is False
    assert region((a * b > 1) & (a * b < 2)).is_empty() in (False, None)


def test_contains_takes_a_mapping_or_keywords_exactly():
    r = region(3 * a > b)
    assert r.contains({"a": Fraction(1, 3)}, b=Fraction(99, 100))
    assert not r.contains(a=Fraction(1, 3), b=1)
    with pytest.raises(UnknownParameterError):
        r.contains({"z": 1})


def test_sample_gives_exact_points_inside_deterministically():
    r = region((a + b > 1) & (b < a + sympy.Rational(1, 10)))
    points = r.sample(5, seed=3)
    assert len(points) == 5
    assert all(isinstance(v, Fraction) for p in points for v in p.values())
    assert all(r.contains(p) for p in points)
    assert points == r.sample(5, seed=3)
    assert region(a > 2).sample(3) == []
    with pytest.raises(GameError):
        r.sample(-1)


def test_text_and_latex():
    r = region((5 * a >= 2) & (b < 1))
    assert str(r) == "(a >= 2/5) & (b < 1)"
    assert r.to_latex() == r.latex()
    assert "\\geq" in r.to_latex()


atoms = st.builds(
    lambda i, j, k, op: op(i * a + j * b, sympy.Rational(k, 2)),
    st.integers(-2, 2),
    st.integers(-2, 2),
    st.integers(-3, 3),
    st.sampled_from([sympy.Gt, sympy.Ge, sympy.Lt, sympy.Le, sympy.Eq]),
)
values = st.tuples(
    st.sampled_from([Fraction(k, 4) for k in range(5)]),
    st.sampled_from([Fraction(k, 4) for k in range(9)]),
)


@settings(max_examples=30, deadline=None)
@given(atoms, atoms, atoms, values)
def test_algebra_matches_pointwise_logic(x, y, z, point):
    rx, ry, rz = region(x), region(y), region(z)
    at = {"a": point[0], "b": point[1]}
    inx, iny, inz = rx.contains(at), ry.contains(at), rz.contains(at)
    assert ((rx & ry) | rz).contains(at) == ((inx and iny) or inz)
    assert (rx - (ry | rz)).contains(at) == (inx and not (iny or inz))
    assert (~(rx & ~ry)).contains(at) == (not (inx and not iny))


def test_every_source_gives_regions():
    tree = load_model("entrapment")
    spe = equilibrium_regions(tree, concept="spe")
    assert all(isinstance(r, Region) for r in spe.values())
    nash = equilibrium_regions(load_model("chicken"))
    assert all(isinstance(r, Region) for r in nash.values())
    outcomes = outcome_regions(tree, fixed={"r_R": 0})
    assert all(isinstance(r, Region) for r in outcomes.values())
    credible = credibility_conditions(tree)
    assert all(isinstance(r, Region) for r in credible.values())
    assert isinstance(credibility(tree, "Patron after Risky > Attack", "Defend"), Region)
    pbe = pbe_regions(load_model("beer-quiche"))
    assert pbe and all(isinstance(c.region, Region) for c in pbe)
    # a region answers .region too, so every result reads the same way
    some = next(iter(spe.values()))
    assert some.region is some
    # and the algebra mixes sources: deterrence without emboldenment
    assert outcomes["emboldenment"].is_empty() is True
    mixed = outcomes["deterrence"] - outcomes["emboldenment"]
    points = outcomes["deterrence"].sample(4, seed=0)
    assert points and all(mixed.contains(p) for p in points)
