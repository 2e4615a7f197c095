"""The canonical simplifier: the simplified condition holds at exactly the points the raw one does.

Soundness is checked by exact evaluation at rational points that include
the boundaries: the numbers where the comparisons of the raw condition
change sign, and small steps either side of them.
"""

import json
import random
from fractions import Fraction

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_alliances import Parameter
from gametheory_alliances.catalogue import load_model
from gametheory_alliances.symbolic import equilibrium_regions
from gametheory_alliances.symbolic.canonical import canonical, canonical_and_emptiness
from gametheory_alliances.symbolic.conditions import decide
from gametheory_alliances.symbolic.predicates import credibility_conditions, outcome_regions
from gametheory_alliances.symbolic.region import Region

STEPS = (Fraction(0), Fraction(1, 7), Fraction(-1, 7), Fraction(1, 1000), Fraction(-1, 1000))


def boundary_values(cond, parameter):
    """Numbers where a comparison of ``cond`` in ``parameter`` alone changes sign, ± small steps."""
    values = {Fraction(0), Fraction(1), Fraction(-1), Fraction(1, 2), Fraction(3)}
    for atom in cond.atoms(sympy.core.relational.Relational):
        e = sympy.expand(atom.lhs - atom.rhs)
        if e.free_symbols == {parameter.symbol} and sympy.Poly(e, parameter.symbol).degree() == 1:
            root = sympy.solve(e, parameter.symbol)[0]
            values.add(Fraction(int(root.p), int(root.q)))
    out = set()
    for v in values:
        for step in STEPS:
            if parameter.domain.contains(v + step):
                out.add(v + step)
    return sorted(out)


def points(cond, parameters, n, seed):
    """``n`` points drawn from the product of the boundary values (never materialised)."""
    rng = random.Random(seed)
    grids = [boundary_values(cond, p) for p in parameters]
    for _ in range(n):
        combo = [rng.choice(grid) for grid in grids]
        yield {
            p.symbol: sympy.Rational(v.numerator, v.denominator)
            for p, v in zip(parameters, combo, strict=True)
        }


def assert_same(raw, simplified, parameters, n=400, seed=0):
    for point in points(raw, parameters, n, seed):
        assert decide(raw, point) == decide(simplified, point), (point, raw, simplified)


# -- the examples of the issue ---------------------------------------------------------

R = Parameter("r", "nonnegative")
G = Parameter("g", "[0, 1]")
KP = Parameter("k_P", "positive")
KC = Parameter("k_C", "positive")


def test_an_equality_at_the_boundary_merges_into_the_closed_inequality():
    r = R.symbol
    assert canonical(sympy.Eq(10 * r, 1) | (10 * r > 1), [R]) == (r >= sympy.Rational(1, 10))
    assert canonical(sympy.Eq(10 * r, 1) | (10 * r >= 1), [R]) == (r >= sympy.Rational(1, 10))


def test_a_comparison_the_domain_settles_becomes_an_equality_or_false():
    g = G.symbol
    assert canonical(g <= 0, [G]) == sympy.Eq(g, 0)
    assert canonical((g < 0) | (g > 1), [G]) is sympy.false
    assert canonical((g >= 0) & (g <= 1), [G]) is sympy.true


def test_one_orientation_a_parameter_against_a_number():
    k = KP.symbol
    c = KC.symbol
    out = canonical((5 * k >= 2) & (sympy.Rational(2, 5) <= k) & (c < 1), [KP, KC])
    assert out == sympy.And(k >= sympy.Rational(2, 5), c < 1)
    assert str(canonical(sympy.Rational(2, 5) > k, [KP])) == "k_P < 2/5"


def test_comparisons_implied_by_the_others_are_dropped():
    k, c = KP.symbol, KC.symbol
    out = canonical((k >= c + 1) & (k > c) & (k > 0), [KP, KC])
    assert out == (k >= c + 1)


def test_common_conjuncts_are_factored_out():
    k, c, r = KP.symbol, KC.symbol, R.symbol
    raw = ((k > c) & (r > 1)) | ((k > c) & (r < sympy.Rational(1, 2)) & (c > 2))
    out = canonical(raw, [KP, KC, R])
    assert isinstance(out, sympy.And) and (k > c) in out.args
    assert_same(raw, out, [KP, KC, R])


def test_the_time_bound_returns_the_condition_unchanged():
    k, c = KP.symbol, KC.symbol
    raw = (k > c) | (k > c + 1)
    assert canonical(raw, [KP, KC], seconds=0) is raw


def test_emptiness_comes_with_the_canonical_form():
    g = G.symbol
    assert canonical_and_emptiness((g > 1) | (g < 0), [G]) == (sympy.false, True)
    cond, empty = canonical_and_emptiness(g > sympy.Rational(1, 2), [G])
    assert empty is False and cond == (g > sympy.Rational(1, 2))


# -- random regions --------------------------------------------------------------------

PARAMS = [Parameter("a", "[0, 1]"), Parameter("b", "nonnegative"), Parameter("c", "real")]


@st.composite
def linear_atoms(draw):
    coeffs = [draw(st.integers(-2, 2)) for _ in PARAMS]
    const = sympy.Rational(draw(st.integers(-4, 4)), draw(st.sampled_from([1, 2, 3])))
    expr = sum(k * p.symbol for k, p in zip(coeffs, PARAMS, strict=True)) + const
    op = draw(st.sampled_from([sympy.Gt, sympy.Ge, sympy.Lt, sympy.Le, sympy.Eq, sympy.Ne]))
    return op(expr, 0)


conditions = st.recursive(
    linear_atoms(),
    lambda inner: st.one_of(
        st.lists(inner, min_size=2, max_size=3).map(lambda xs: sympy.And(*xs)),
        st.lists(inner, min_size=2, max_size=3).map(lambda xs: sympy.Or(*xs)),
        inner.map(sympy.Not),
    ),
    max_leaves=7,
)


@settings(max_examples=30, deadline=None)
@given(conditions)
def test_random_linear_regions_simplify_to_the_same_set(raw):
    out = canonical(raw, PARAMS, seconds=60)
    assert_same(raw, out, PARAMS, n=300)


@settings(max_examples=20, deadline=None)
@given(conditions)
def test_emptiness_of_linear_regions_agrees_with_sampling(raw):
    _, empty = canonical_and_emptiness(raw, PARAMS, seconds=60)
    assert empty is not None  # linear: always decided
    if empty:
        for point in points(raw, PARAMS, 300, 1):
            assert decide(raw, point) is not True
    else:
        region = Region(raw, PARAMS)
        found = region.sample(3, seed=2)
        assert found and all(region.contains(p) for p in found)


# -- the catalogue ---------------------------------------------------------------------


def _check_regions(regions, parameters, n=150):
    params = [parameters[name] for name in parameters]
    for region in regions:
        raw = region.raw_condition
        assert_same(raw, region.condition, params, n=n)


def test_entrapment_outcome_conditions_are_exact_and_an_order_of_magnitude_shorter():
    model = load_model("entrapment")
    regions = outcome_regions(model, fixed={"r_R": 0})
    # Before the canonical simplifier these five conditions printed 58,000 characters
    # (emboldenment alone 54,000): the bound asks for well over an order of magnitude.
    short = sum(len(sympy.sstr(r.condition)) for r in regions.values())
    assert short < 2500
    assert regions["emboldenment"].condition is sympy.false
    small = {k: r for k, r in regions.items() if len(sympy.sstr(r.raw_condition)) < 3000}
    _check_regions(small.values(), model.fix(r_R=0).parameters)


def test_catalogue_equilibrium_and_credibility_regions_are_exact():
    for name, concept in [
        ("burden-sharing", "nash"),
        ("chicken", "nash"),
        ("entrapment", "spe"),
        ("extended-deterrence", "spe"),
    ]:
        model = load_model(name)
        regions = equilibrium_regions(model, concept=concept)
        _check_regions(regions.values(), model.parameters, n=60)
    model = load_model("entrapment")
    _check_regions(credibility_conditions(model).values(), model.parameters)


def test_gta_conditions_json_prints_the_simplified_outcomes(capsys):
    from gametheory_alliances.cli import main

    main(["conditions", "entrapment", "--set", "r_R=0", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["outcomes"]["emboldenment"] == "False"
    assert len(json.dumps(data["outcomes"])) < 3000


def test_a_finished_canonical_form_is_reused_only_for_the_same_domains():
    x = sympy.Symbol("x")
    cond = (x >= 0) & (x <= 2)
    unit = canonical_and_emptiness(cond, [Parameter("x", "[0, 1]")])
    wide = canonical_and_emptiness(cond, [Parameter("x", "real")])
    assert unit == (sympy.true, False)  # [0, 1] lies inside [0, 2]
    assert wide[0] != sympy.true and wide[1] is False
    assert canonical_and_emptiness(cond, [Parameter("x", "[0, 1]")]) == unit
    assert canonical_and_emptiness(cond, [Parameter("x", "(3, oo)")]) == (sympy.false, True)
