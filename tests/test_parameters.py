"""Parameters: domains, defaults, binding and their errors."""

from fractions import Fraction

import pytest

from gametheory_alliances.errors import (
    DomainError,
    GameError,
    UnboundParameterError,
    UnknownParameterError,
)
from gametheory_alliances.parameters import (
    Domain,
    Parameter,
    as_number,
    bind_values,
    parameter_table,
)


@pytest.mark.parametrize(
    ("text", "inside", "outside"),
    [
        ("positive", [Fraction(1, 10**9), 5], [0, -1]),
        ("nonnegative", [0, 3], [Fraction(-1, 10**9)]),
        ("[0, 1]", [0, 1, Fraction(1, 2)], [Fraction(-1, 100), Fraction(101, 100)]),
        ("(0, 1]", [1, Fraction(1, 3)], [0, 2]),
        ("[0, 1)", [0], [1]),
        ("(-oo, 2)", [-(10**9), Fraction(199, 100)], [2]),
        ("real", [-(10**9), 0, 10**9], []),
        ("probability", [0, 1], [Fraction(3, 2)]),
    ],
)
def test_domain_membership_follows_its_end_points(text, inside, outside):
    domain = Domain.parse(text)
    assert all(domain.contains(x) for x in inside)
    assert not any(domain.contains(x) for x in outside)


def test_domain_text_round_trips():
    for text in ["[0, 1]", "(0, 1]", "(0, oo)", "(-oo, 0]", "[1/2, 3/4)"]:
        assert Domain.parse(Domain.parse(text).text()) == Domain.parse(text)


@pytest.mark.parametrize("text", ["between 0 and 1", "[1, 0]", "(0, 0)", "[a, b]", "", "[0 1]"])
def test_malformed_or_empty_domains_are_refused(text):
    with pytest.raises(GameError):
        Domain.parse(text)


def test_symbol_carries_the_domain_assumptions():
    assert Parameter("c", "positive").symbol.is_positive
    assert Parameter("e", "nonnegative").symbol.is_nonnegative
    assert Parameter("q", "[0, 1]").symbol.is_nonnegative
    assert Parameter("x", "real").symbol.is_positive is None


def test_default_must_lie_in_the_domain():
    with pytest.raises(DomainError, match="default of parameter 'c'"):
        Parameter("c", "positive", default=0)


@pytest.mark.parametrize("name", ["1b", "b-c", "lambda", "log", "", "a b", "__x"])
def test_parameter_names_must_be_identifiers(name):
    with pytest.raises(GameError):
        Parameter(name)


def test_decimal_values_are_read_exactly():
    assert as_number(0.1) == Fraction(1, 10)
    assert as_number("2/3") == Fraction(2, 3)
    assert as_number("0.25") == Fraction(1, 4)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), "abc", True, None, [1]])
def test_non_numbers_are_refused(bad):
    with pytest.raises(GameError):
        as_number(bad)


def test_binding_checks_names_domains_and_defaults():
    table = parameter_table([Parameter("b", "nonnegative", default=2), Parameter("c", "positive")])
    assert bind_values(table, {"c": 1}) == {"b": 2, "c": 1}
    with pytest.raises(UnknownParameterError, match="'d'"):
        bind_values(table, {"c": 1, "d": 3})
    with pytest.raises(UnboundParameterError, match="'c'"):
        bind_values(table, {})
    with pytest.raises(DomainError, match="'c' = -1"):
        bind_values(table, {"c": -1})


def test_duplicate_parameters_are_refused():
    with pytest.raises(GameError, match="twice"):
        parameter_table(["a", "a"])
