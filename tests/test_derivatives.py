"""Comparative statics: the sign regions of the derivatives agree with the numeric solvers.

At sampled points the derivative's sign region is compared with a central
finite difference of the quantity as the numeric solver computes it
(vertex enumeration for mixed equilibria, iterated best responses for
continuous games, the SPE solver located by bisection for thresholds).
"""

from fractions import Fraction

import pytest
import sympy
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

import gametheory_alliances as gta
from gametheory_alliances.cli import main
from gametheory_alliances.errors import UnknownParameterError
from gametheory_alliances.solvers.backward_induction import subgame_perfect_equilibria
from gametheory_alliances.solvers.first_order import solve_numeric

BURDEN = gta.load_model("burden-sharing")


@pytest.fixture(scope="module")
def burden_b1():
    return gta.derivatives(BURDEN, "b1"), gta.equilibrium_regions(BURDEN)


def _value(expr, point, model):
    subs = {model.parameters[k].symbol: sympy.Rational(str(v)) for k, v in point.items()}
    return expr.xreplace(subs)


# Points inside the mixed equilibrium's region (b2 between b1 and min(b1 + c, 2 b1), b1 > c).
MIXED_POINTS = st.builds(
    lambda c, extra, t: {
        "b1": c + extra,
        "b2": c + extra + Fraction(t, 20) * min(c, c + extra),
        "c": c,
    },
    st.integers(1, 50).map(lambda n: Fraction(n, 10)),
    st.integers(1, 50).map(lambda n: Fraction(n, 10)),
    st.integers(1, 19),
)


@settings(max_examples=20, deadline=None, derandomize=True)
@given(point=MIXED_POINTS)
@example(point={"b1": Fraction(3), "b2": Fraction(7, 2), "c": Fraction(2)})
def test_mixing_probabilities_move_as_their_sign_regions_say(burden_b1, point):
    derived, regions = burden_b1
    h = Fraction(1, 10**4)
    up, down = {**point, "b1": point["b1"] + h}, {**point, "b1": point["b1"] - h}
    try:
        BURDEN.at(**up), BURDEN.at(**down)
    except gta.DomainError:
        assume(False)
    checked = 0
    for d in derived.strategies:
        sign = d.sign_at(**point)
        if not sign or abs(_value(d.derivative, point, BURDEN)) < Fraction(1, 100):
            continue  # outside the equilibrium's region, or too flat to see the sign
        player, label = d.quantity.split(": ")
        i = BURDEN.game.players.index(player)
        k = BURDEN.game.strategies[i].index(label)
        eq = next(e for e in regions if e.label == d.equilibrium)
        if not (regions[eq].contains(**up) and regions[eq].contains(**down)):
            continue

        def numeric(values, eq=eq, i=i, k=k):
            target = [float(_value(p, values, BURDEN)) for p in eq.strategies[i]]
            found = gta.nash_equilibria(BURDEN.at(**values))

            def distance(found_eq):
                return sum(
                    abs(float(a) - b) for a, b in zip(found_eq.strategies[i], target, strict=True)
                )

            return Fraction(min(found, key=distance).exact_strategies[i][k])

        difference = (numeric(up) - numeric(down)) / (2 * h)
        assert difference != 0 and (difference > 0) == (sign == "+"), (d.quantity, point)
        checked += 1
    if point == {"b1": 3, "b2": Fraction(7, 2), "c": 2}:
        assert checked == 4  # the mixed equilibrium's four probabilities, inside its region
    assume(checked)


PUBLIC = gta.load_model("public-good")


@settings(max_examples=15, deadline=None, derandomize=True)
@given(
    a=st.sampled_from(["1/5", "3/10", "2/5", "1/2", "3/5"]),
    w1=st.sampled_from(["40", "50", "60"]),
    w2=st.sampled_from(["40", "50", "60"]),
)
def test_contribution_levels_move_as_their_sign_regions_say(a, w1, w2):
    result = _public_a()
    point = {"a": a, "w_1": w1, "w_2": w2}
    h = 1e-4
    shifted = {}
    for step in (h, -h):
        values = {**point, "a": float(Fraction(a)) + step}
        shifted[step] = solve_numeric(PUBLIC.at(a=values["a"], w=(int(w1), int(w2)))).strategies
    checked = 0
    for d in result.strategies:
        sign = d.sign_at(**point)
        if not sign:
            continue
        player = PUBLIC.game.players.index(d.quantity.split(": ")[0])
        difference = (shifted[h][player] - shifted[-h][player]) / (2 * h)
        if sign == "0":
            assert abs(difference) < 1e-3, (d.quantity, point)
        else:
            assert abs(difference) > 1e-3 and (difference > 0) == (sign == "+"), (d, point)
        checked += 1
    assert checked, point


_CACHE = {}


def _public_a():
    if not _CACHE:
        _CACHE["a"] = gta.derivatives(PUBLIC, "a")
    return _CACHE["a"]


ENTRAPMENT = gta.load_model("entrapment")


def _defence_threshold(point):
    """The patron's cost of war at which it stops defending a risky protege (bisection)."""
    lo, hi = Fraction(0), Fraction(3)

    def defends(k_P):
        spe = subgame_perfect_equilibria(ENTRAPMENT.at(**point, k_P=k_P))
        return all(eq.behaviour["Patron after Risky > Attack"]["Defend"] == 1 for eq in spe)

    assert defends(lo + Fraction(1, 10**6)) and not defends(hi)
    for _ in range(40):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if defends(mid) else (lo, mid)
    return (lo + hi) / 2


@settings(max_examples=10, deadline=None, derandomize=True)
@given(
    v=st.sampled_from(["1/2", "1", "2"]),
    r=st.sampled_from(["0", "1/10", "1/2"]),
)
def test_a_threshold_moves_as_its_sign_region_says(v, r):
    result = _entrapment_r_R()
    [threshold] = [d for d in result.thresholds if d.quantity == "threshold k_P"]
    point = {"v": v, "r_R": r, "pi_D": "7/10", "pi_S": "3/10"}
    h = Fraction(1, 100)
    up = _defence_threshold({**point, "r_R": Fraction(r) + h})
    down = _defence_threshold({**point, "r_R": Fraction(r) + h / 2})
    difference = (up - down) / (h / 2)
    sign = threshold.sign_at(k_P="1/2", **point)
    assert sign == "+" and abs(difference - 1) < Fraction(1, 1000), difference


def _entrapment_r_R():
    if "r_R" not in _CACHE:
        _CACHE["r_R"] = gta.derivatives(ENTRAPMENT, "r_R")
    return _CACHE["r_R"]


def test_only_quantities_that_depend_on_the_parameter_are_listed():
    result = _entrapment_r_R()
    assert result.payoffs and not result.strategies
    for d in result:
        assert ENTRAPMENT.parameters["r_R"].symbol in d.expression.free_symbols
        assert d.derivative == sympy.diff(d.expression, ENTRAPMENT.parameters["r_R"].symbol)


def test_an_unknown_or_fixed_parameter_is_refused():
    with pytest.raises(UnknownParameterError, match="'q' is not a free parameter"):
        gta.derivatives(BURDEN, "q")
    with pytest.raises(UnknownParameterError, match="the free parameters: b2, c"):
        gta.derivatives(BURDEN, "b1", fixed={"b1": 3})


def test_the_command_line_prints_the_derivatives(capsys):
    import json

    status = main(["conditions", "burden-sharing", "--derivative", "c", "--json"])
    out, _ = capsys.readouterr()
    assert status == 0
    data = json.loads(out)
    assert data["parameter"] == "c"
    kinds = {d["kind"] for d in data["derivatives"]}
    assert kinds == {"strategy", "payoff", "threshold"}
    status = main(["conditions", "burden-sharing", "--derivative", "nope"])
    _, err = capsys.readouterr()
    assert status == 2 and "not a free parameter" in err
