"""The safe expression grammar: what it reads, and what it refuses without executing."""

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_alliances.errors import ExpressionError
from gametheory_alliances.expressions import (
    MAX_DIGITS,
    MAX_LENGTH,
    expression_text,
    parse_expression,
)
from gametheory_alliances.parameters import Parameter

PARAMS = [Parameter("b", "positive"), Parameter("c", "positive"), Parameter("q", "[0, 1]")]


def test_arithmetic_and_parameters():
    b, c, q = (p.symbol for p in PARAMS)
    assert parse_expression("b*q - c/2", PARAMS) == b * q - c / 2
    assert parse_expression("(b + c)**2", PARAMS) == (b + c) ** 2
    assert parse_expression("-b", PARAMS) == -b


def test_decimals_are_exact_rationals():
    assert parse_expression("0.1 + 0.2") == sympy.Rational(3, 10)
    assert parse_expression("1/3") == sympy.Rational(1, 3)


def test_symbols_have_the_parameters_assumptions():
    expr = parse_expression("b", PARAMS)
    assert expr.is_positive


def test_named_functions():
    b, c, _ = (p.symbol for p in PARAMS)
    assert parse_expression("log(b) + exp(c)", PARAMS) == sympy.log(b) + sympy.exp(c)
    assert parse_expression("sqrt(4)") == 2
    assert parse_expression("Max(b, c)", PARAMS) == sympy.Max(b, c)
    pw = parse_expression("Piecewise((b, b > c), (c, True))", PARAMS)
    assert pw.subs({b: 2, c: 1}) == 2 and pw.subs({b: 1, c: 2}) == 2


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("__import__('os').system('true')", "function"),
        ("b.__class__", "Attribute"),
        ("[b for b in ()]", "not allowed"),
        ("lambda: 1", "Lambda"),
        ("open('x')", "unknown function"),
        ("'text'", "not a number"),
        ("d + 1", "unknown name 'd'"),
        ("9**9**9", "tower"),
        ("2**(2**10)", "tower"),
        ("10**5000", "digits"),
        ("1" * (MAX_DIGITS + 1), "digits"),
        ("b if c else q", "IfExp"),
        ("1/0", "division by zero"),
        ("log(0)", "undefined"),
        ("b > c", "condition"),
        ("b; c", "not a valid expression"),
        ("", "empty"),
        ("exp(1, 2)", "arguments"),
        ("Max(b, c=1)", "keyword"),
        ("b @ c", "not allowed"),
        ("(" * 300 + "1" + ")" * 300, "not a valid expression"),
        ("-" * 300 + "b", "nested"),
    ],
)
def test_hostile_or_malformed_text_is_refused(text, fragment):
    with pytest.raises(ExpressionError, match=fragment):
        parse_expression(text, PARAMS)


def test_overlong_text_is_refused_before_parsing():
    with pytest.raises(ExpressionError, match=str(MAX_LENGTH)):
        parse_expression("1+" * MAX_LENGTH + "1")


def test_sympy_input_must_use_declared_names():
    with pytest.raises(ExpressionError, match="unknown"):
        parse_expression(sympy.Symbol("z") + 1, PARAMS)
    assert parse_expression(sympy.Symbol("b") + 1, PARAMS).free_symbols == {PARAMS[0].symbol}


def test_non_finite_numbers_are_refused():
    with pytest.raises(ExpressionError):
        parse_expression(float("nan"))
    with pytest.raises(ExpressionError):
        parse_expression("1e999")


_atoms = st.one_of(
    st.integers(-50, 50).map(str),
    st.sampled_from(["b", "c", "q", "0.5", "3/4"]),
)


def _combine(children):
    return st.one_of(
        st.tuples(children, st.sampled_from(["+", "-", "*"]), children).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"
        ),
        st.tuples(children, st.integers(1, 3)).map(lambda t: f"({t[0]})**{t[1]}"),
        children.map(lambda x: f"-({x})"),
    )


@settings(max_examples=80, derandomize=True, deadline=None)
@given(st.recursive(_atoms, _combine, max_leaves=8))
def test_rendered_text_reads_back_to_the_same_expression(text):
    expr = parse_expression(text, PARAMS)
    assert sympy.simplify(parse_expression(expression_text(expr), PARAMS) - expr) == 0
