"""Outcome queries: one and the same SPE for a whole expression, some or every, and design comparisons.

The symbolic answers are checked against the numeric SPE solver point by
point (``outcome_table``, every SPE at the point with its predicates) and
against the sweep's predicate columns on a grid, on and off the ties.
"""

import json
from fractions import Fraction

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gametheory_alliances as gta
from gametheory_alliances.cli import main
from gametheory_alliances.errors import ExpressionError, GameError
from gametheory_alliances.predicates import outcome_table
from gametheory_alliances.symbolic.queries import parse_outcome
from gametheory_alliances.testing import parameter_points

MODEL = gta.load_model("entrapment")
NAMES = MODEL.outcomes.names
# Values that put the entrapment model on its ties (see tests/properties/test_outcome_properties.py).
TIE_POINTS = st.fixed_dictionaries(
    {
        "x": st.sampled_from(["3/10", "2/5", "1/2", "4/5"]),
        "g": st.sampled_from(["0", "1/10", "1/5", "2/5"]),
        "k_P": st.sampled_from(["2/5", "1/2"]),
        "r_M": st.sampled_from(["0", "1/10", "1/5"]),
        "r_R": st.sampled_from(["0", "1/10", "1/5"]),
    }
).filter(lambda p: Fraction(p["x"]) + Fraction(p["g"]) <= 1)
EXPRESSIONS = ("deterrence & restraint", "~deterrence | entrapment", "emboldenment & ~entrapment")


def _holds(formula, row):
    kind = formula[0]
    if kind == "name":
        return row[formula[1]]
    if kind == "not":
        return not _holds(formula[1], row)
    parts = [_holds(f, row) for f in formula[1:]]
    return all(parts) if kind == "and" else any(parts)


@pytest.fixture(scope="module")
def queries():
    return {
        (expr, q): gta.outcome_region(MODEL, expr, q)
        for expr in EXPRESSIONS
        for q in ("some", "every")
    }


# -- the expression grammar ----------------------------------------------------------------


def test_the_grammar_binds_not_then_and_then_or():
    names = ["a", "b", "c"]
    assert parse_outcome("a | b & ~c", names) == (
        "or",
        ("name", "a"),
        ("and", ("name", "b"), ("not", ("name", "c"))),
    )
    assert parse_outcome("(a | b) & c", names)[0] == "and"
    assert parse_outcome("~~a", names) == ("not", ("not", ("name", "a")))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "deterence",
            "unknown predicate 'deterence'; the model's predicates: deterrence, restraint",
        ),
        ("deterrence &", "expected a predicate name, found the end"),
        ("(deterrence", "expected ')'"),
        ("deterrence restraint", "expected &, | or the end, found 'restraint'"),
        ("deterrence and restraint", "unknown predicate 'and'"),
        ("deterrence; import os", "unexpected ';'"),
        ("", "outcome is empty"),
        ("~" * 60 + "deterrence", "nested more than 50 deep"),
    ],
)
def test_bad_expressions_are_refused_with_a_message_naming_the_problem(text, message):
    with pytest.raises(ExpressionError) as info:
        parse_outcome(text, NAMES)
    assert message in str(info.value)


def test_a_model_without_predicates_and_an_unknown_quantifier_are_refused():
    with pytest.raises(GameError, match="declares no outcome predicates"):
        gta.outcome_region(gta.load_model("centipede"), "deterrence")
    with pytest.raises(GameError, match="quantifier: expected one of 'some', 'every'"):
        gta.outcome_region(MODEL, "deterrence", "all")


# -- one and the same equilibrium ------------------------------------------------------------


def test_a_conjunction_asks_one_and_the_same_equilibrium(queries):
    # Here one SPE deters (Risky, Not attack) and another restrains (Moderate, Attack,
    # Stay out), but none does both.
    point = {"x": "1/2", "g": "1/5", "k_P": "1/2", "r_M": 0, "r_R": "1/10"}
    rows = outcome_table(MODEL, **point)
    assert any(r["deterrence"] for r in rows) and any(r["restraint"] for r in rows)
    singles = gta.outcome_regions(MODEL)
    assert singles["deterrence"].contains(**point) and singles["restraint"].contains(**point)
    assert not queries[("deterrence & restraint", "some")].contains(**point)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(TIE_POINTS)
def test_some_and_every_agree_with_the_numeric_spe_at_the_ties(queries, point):
    rows = outcome_table(MODEL, **point)
    for expr in EXPRESSIONS:
        formula = parse_outcome(expr, NAMES)
        truths = [_holds(formula, r) for r in rows]
        assert queries[(expr, "some")].contains(**point) == any(truths), (expr, point)
        assert queries[(expr, "every")].contains(**point) == all(truths), (expr, point)


def test_the_query_agrees_with_the_sweep_predicate_columns_on_a_grid(queries):
    axes = {"k_P": ["1/5", "2/5", "1/2"], "r_R": ["0", "1/10", "1/5"], "g": ["1/10", "2/5"]}
    fixed = {"x": "1/2", "r_M": "1/10"}
    frame = gta.sweep(MODEL, axes, fixed)
    exact = {n: {float(Fraction(v)): v for v in vals} for n, vals in axes.items()}
    for expr in EXPRESSIONS:
        formula = parse_outcome(expr, NAMES)
        for key, rows in frame.groupby(list(axes)):
            point = {**fixed, **{n: exact[n][v] for n, v in zip(axes, key, strict=True)}}
            truths = [_holds(formula, r) for _, r in rows.iterrows()]
            assert queries[(expr, "some")].contains(**point) == any(truths), (expr, point)
            assert queries[(expr, "every")].contains(**point) == all(truths), (expr, point)


# -- every within some, over the catalogue ---------------------------------------------------

OUTCOME_MODELS = [
    name for name, _ in gta.list_models() if gta.load_model(name).outcomes is not None
]
# A slice keeps the largest model's "every" region small enough for the suite.
SLICES = {
    "entrapment-probabilistic": {
        **{"q": "1/2", "x": "1/2", "pi_D": "7/10", "pi_S": "3/10"},
        **{"k_A": "1/10", "k_C": "1/10", "v": 1},
    }
}


@pytest.mark.parametrize("name", OUTCOME_MODELS)
def test_every_lies_within_some_at_exact_points_of_each_catalogue_model(name):
    model = gta.load_model(name)
    if not model.game.is_perfect_information:
        with pytest.raises(GameError, match="perfect information"):
            gta.outcome_region(model, model.outcomes.names[0])
        return
    fixed = SLICES.get(name, {})
    a, b = model.outcomes.names[0], model.outcomes.names[-1]
    expr = f"{a} | ~{b}"
    formula = parse_outcome(expr, model.outcomes.names)
    some = gta.outcome_region(model, expr, "some", fixed)
    every = gta.outcome_region(model, expr, "every", fixed)

    @settings(max_examples=20, deadline=None, derandomize=True)
    # Points of the slice: the sliced model's assumptions hold for the parameters left free.
    @given(parameter_points(model.fix(**fixed) if fixed else model))
    def check(point):
        point = {**point, **fixed}
        free = {k: v for k, v in point.items() if k not in fixed}
        inside = every.contains(**free)
        assert not inside or some.contains(**free), point
        truths = [_holds(formula, r) for r in outcome_table(model, **point)]
        assert inside == all(truths) and some.contains(**free) == any(truths), point

    check()


# -- comparing designs ------------------------------------------------------------------------

NEEDED = {"x": "1/2", "pi_D": "7/10", "pi_S": "3/10", "k_A": "1/10", "k_C": "1/10", "v": 1}


@settings(max_examples=20, deadline=None)
@given(
    st.sampled_from(["1/5", "2/5", "1/2", "3/5"]),
    st.sampled_from(["0", "1/10", "1/5", "3/10", "1/2"]),
    st.sampled_from(["0", "1/20", "1/10", "1/5"]),
)
def test_what_a_design_adds_is_where_it_has_the_outcome_and_the_other_does_not(k_P, g, r):
    adds = _conditional_adds()
    point = {**NEEDED, "k_P": k_P, "g": g, "r_M": r}
    with_it = outcome_table(MODEL, **point, r_R=0)
    without = outcome_table(MODEL, **{**point, "r_M": 0}, r_R=0)

    def both(rows):
        return any(row["deterrence"] and row["restraint"] for row in rows)

    expected = both(with_it) and not both(without)
    assert adds.contains(k_P=k_P, g=g, r_M=r) == expected, point


_ADDS = {}


def _conditional_adds():
    if not _ADDS:
        _ADDS["region"] = gta.compare_designs(
            MODEL, "deterrence & restraint", {"r_R": 0}, {"r_M": 0, "r_R": 0}, fixed=NEEDED
        )
    return _ADDS["region"]


def test_a_tie_design_compares_like_its_explicit_values():
    unconditional = gta.outcome_region(
        MODEL, "emboldenment", fixed={**NEEDED, "k_P": "1/2", "r_R": "r_M"}
    )
    for g in ("1/10", "1/5", "2/5"):
        for r in ("0", "1/20", "1/5"):
            explicit = outcome_table(MODEL, **NEEDED, k_P="1/2", g=g, r_M=r, r_R=r)
            assert unconditional.contains(g=g, r_M=r) == any(
                row["emboldenment"] for row in explicit
            )


# -- the command line -------------------------------------------------------------------------

SLICE = [f"--set={k}={v}" for k, v in {**NEEDED, "k_P": "1/2"}.items()]


def run(capsys, *args):
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def test_the_json_answer_is_exactly_the_documented_object_and_sympy_reads_it(capsys):
    status, out, _ = run(
        capsys,
        "conditions",
        "entrapment",
        *SLICE,
        "--set=r_R=0",
        "--outcome",
        "deterrence & restraint",
        "--json",
    )
    assert status == 0
    data = json.loads(out)
    assert list(data) == ["outcome", "quantifier", "condition"]
    assert data["outcome"] == "deterrence & restraint" and data["quantifier"] == "some"
    symbols = {n: p.symbol for n, p in MODEL.parameters.items()}
    condition = sympy.sympify(data["condition"], locals=symbols)
    assert condition.free_symbols <= {symbols["g"], symbols["r_M"]}
    region = gta.outcome_region(
        MODEL, "deterrence & restraint", fixed={**NEEDED, "k_P": "1/2", "r_R": 0}
    )
    for g in ("0", "1/5", "1/2"):
        for r in ("0", "1/20", "1/10", "1/5"):
            subs = {symbols["g"]: sympy.Rational(g), symbols["r_M"]: sympy.Rational(r)}
            assert bool(condition.xreplace(subs)) == region.contains(g=g, r_M=r)


def test_every_and_compare_on_the_command_line(capsys):
    status, out, _ = run(
        capsys,
        "conditions",
        "entrapment",
        *SLICE,
        "--set=r_R=0",
        "--outcome",
        "restraint",
        "--every",
        "--json",
    )
    assert status == 0 and json.loads(out)["quantifier"] == "every"
    status, out, _ = run(
        capsys,
        "conditions",
        "entrapment",
        *SLICE,
        "--set=r_R=0",
        "--outcome",
        "deterrence & restraint",
        "--compare",
        "r_M=0",
    )
    assert status == 0
    assert "Outcome: deterrence & restraint in some SPE, and not with r_M=0" in out
    expected = gta.compare_designs(
        MODEL,
        "deterrence & restraint",
        {"r_R": 0},
        {"r_M": 0, "r_R": 0},
        fixed={**NEEDED, "k_P": "1/2"},
    )
    assert out.split("\n\n", 1)[1].strip() == str(expected)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--outcome", "deterence"],
            "unknown predicate 'deterence'; the model's predicates: deterrence",
        ),
        (["--every"], "--every needs --outcome EXPR"),
        (["--compare", "r_M=0"], "--compare needs --outcome EXPR"),
        (["--outcome", "deterrence", "--derivative", "g"], "give one question at a time"),
    ],
)
def test_bad_queries_exit_2_with_one_line(capsys, args, message):
    status, out, err = run(capsys, "conditions", "entrapment", *args)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and message in err


def test_a_model_without_predicates_is_refused_on_the_command_line(capsys):
    status, _, err = run(capsys, "conditions", "chicken", "--outcome", "deterrence")
    assert status == 2 and "declares no outcome predicates" in err
