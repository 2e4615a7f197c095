"""Properties of the symbolic layer: the regions agree with the numeric solvers, exactly.

On random parameterised games and random rational parameter points away
from every boundary expression, the equilibria the regions predict must be
exactly (as fractions) the equilibria the numeric solvers compute: every
extreme Nash equilibrium for two-player normal-form games (vertex
enumeration), every pure subgame-perfect equilibrium for trees (backward
induction). Region simplification must never change a condition's value.
"""

from fractions import Fraction

import sympy
from hypothesis import given, note, settings
from hypothesis import strategies as st

from gametheory_alliances import NormalFormGame, Parameter, nash_equilibria
from gametheory_alliances.sequential import Chance, Decision, SequentialGame, Terminal
from gametheory_alliances.solvers.backward_induction import subgame_perfect_equilibria
from gametheory_alliances.symbolic import Region, equilibrium_regions, spe_regions

NAMES = ("p", "q", "r")

fractions = st.builds(
    Fraction, st.integers(min_value=-24, max_value=24), st.integers(min_value=1, max_value=6)
)


@st.composite
def linear_payoff(draw, names):
    """A random integer plus a random small-integer combination of the parameters."""
    text = str(draw(st.integers(min_value=-3, max_value=3)))
    for name in names:
        c = draw(st.sampled_from([0, 0, 1, -1, 2]))
        if c:
            text += f" + ({c})*{name}"
    return text


@st.composite
def parameterised_games(draw, sizes):
    m, n = draw(st.sampled_from(sizes))
    names = NAMES[: draw(st.integers(min_value=1, max_value=3))]
    arrays = [[[draw(linear_payoff(names)) for _ in range(n)] for _ in range(m)] for _ in range(2)]
    return NormalFormGame(arrays, parameters=dict.fromkeys(names, "real"))


def off_boundaries(boundaries, parameters, point):
    subs = {
        parameters[k].symbol: sympy.Rational(v.numerator, v.denominator) for k, v in point.items()
    }
    return all(abs(e.xreplace(subs)) > Fraction(1, 10**9) for e in boundaries)


def check_normal_form(game, points):
    regions = equilibrium_regions(game)
    tested = 0
    for values in points:
        point = {name: values[k] for k, name in enumerate(game.parameters)}
        if not off_boundaries(regions.boundaries, game.parameters, point):
            continue
        tested += 1
        predicted = {eq.key() for eq in regions.equilibria_at(**point)}
        numeric = nash_equilibria(game.at(**point), exact=True)
        expected = {eq.key() for eq in numeric}
        note(f"point {point}: predicted {predicted}, numeric {expected}")
        assert predicted == expected
        assert all(eq.certify() for eq in regions.equilibria_at(**point))
    return tested


point_lists = st.lists(st.lists(fractions, min_size=3, max_size=3), min_size=4, max_size=4)


@settings(max_examples=40, deadline=None)
@given(game=parameterised_games([(2, 2), (2, 3), (3, 2)]), points=point_lists)
def test_regions_of_small_games_predict_the_numeric_equilibria(game, points):
    check_normal_form(game, points)


@settings(max_examples=8, deadline=None)
@given(game=parameterised_games([(3, 3)]), points=point_lists)
def test_regions_of_3x3_games_predict_the_numeric_equilibria(game, points):
    check_normal_form(game, points)


@st.composite
def parameterised_trees(draw):
    names = NAMES[: draw(st.integers(min_value=1, max_value=3))]
    players = ["A", "B", "C"][: draw(st.integers(min_value=2, max_value=3))]
    counter = iter(range(10**6))

    def node(depth):
        if depth == 3 or (depth > 0 and draw(st.integers(0, 4)) == 0):
            return Terminal([draw(linear_payoff(names)) for _ in players])
        if depth > 0 and draw(st.integers(0, 6)) == 0:
            return Chance({"h": ("1/3", node(depth + 1)), "t": ("2/3", node(depth + 1))})
        mover = players[depth % len(players)]
        k = next(counter)
        actions = draw(st.integers(min_value=2, max_value=3 if depth == 0 else 2))
        if len(names) == 3 and depth == 0:
            actions = 2
        return Decision(mover, {f"a{k}_{j}": node(depth + 1) for j in range(actions)})

    return SequentialGame(node(0), players=players, parameters=dict.fromkeys(names, "real"))


@settings(max_examples=30, deadline=None)
@given(game=parameterised_trees(), points=point_lists)
def test_spe_regions_predict_backward_induction(game, points):
    result = spe_regions(game)
    for values in points:
        point = {name: values[k] for k, name in enumerate(game.parameters)}
        if not off_boundaries(result.boundaries, game.parameters, point):
            continue
        predicted = {eq.choices for eq in result.equilibria_at(**point)}
        numeric = set()
        for eq in subgame_perfect_equilibria(game.at(**point)):
            numeric.add(
                tuple(
                    (h.label, h.actions[list(probs).index(1)])
                    for h, probs in zip(game.infosets, eq.profile, strict=True)
                )
            )
        note(f"point {point}: predicted {predicted}, numeric {numeric}")
        assert predicted == numeric


@st.composite
def conditions(draw):
    params = [Parameter("x", "real"), Parameter("y", "[0, 1]"), Parameter("z", "positive")]
    x, y, z = (p.symbol for p in params)

    def atom():
        e = (
            draw(st.integers(-2, 2)) * x
            + draw(st.integers(-2, 2)) * y
            + draw(st.integers(-2, 2)) * z
            + draw(st.integers(-3, 3))
        )
        if draw(st.booleans()):
            e = e * (draw(st.integers(-1, 1)) * x + draw(st.integers(-1, 1)))
        op = draw(st.sampled_from([sympy.Gt, sympy.Ge, sympy.Lt, sympy.Le, sympy.Eq, sympy.Ne]))
        return op(e, 0)

    def tree(depth):
        if depth == 0 or draw(st.integers(0, 2)) == 0:
            return atom()
        join = draw(st.sampled_from([sympy.And, sympy.Or]))
        return join(*(tree(depth - 1) for _ in range(draw(st.integers(2, 3)))))

    return tree(2), params


@settings(max_examples=100, deadline=None)
@given(
    data=conditions(),
    points=st.lists(
        st.tuples(fractions, st.sampled_from([Fraction(k, 4) for k in range(5)]), fractions),
        min_size=6,
        max_size=6,
    ),
)
def test_region_simplification_preserves_the_condition(data, points):
    raw, params = data
    region = Region(raw, params)
    for xv, yv, zv in points:
        if zv <= 0:
            zv = 1 - zv
        subs = {
            p.symbol: sympy.Rational(v.numerator, v.denominator)
            for p, v in zip(params, (xv, yv, zv), strict=True)
        }
        expected = bool(raw.xreplace(subs))
        assert region.contains(x=xv, y=yv, z=zv) == expected
        if region.is_empty():
            assert not expected
