"""Tied parameters: a parameter bound to an expression in the others (``r_R = r_M``).

Wherever a parameter takes a value (``Model.at``, ``Model.fix``,
``fix_parameters``, ``gta ... --set``) it may instead be *tied*: given as
text that is not a number, such as ``"r_M"`` or ``"2*r_M"``, it is read with
the safe expression grammar (:func:`~gametheory_alliances.expressions.parse_expression`)
in the other parameters. The unconditional commitment of the entrapment
models, ``r_M = r_R``, is a tie. A tie may name parameters that are
themselves tied (they are resolved in order), but not itself, not through a
cycle, and only parameters the game has.

:func:`split_ties` separates numbers from ties and resolves each tie into the
parameters that are not tied; :func:`resolve_ties` binds every parameter to
a number, the tied ones computed from the others and checked against their
domains.

Examples
--------
>>> from gametheory_alliances.parameters import Parameter
>>> table = {n: Parameter(n, "nonnegative", default=0) for n in ("r_M", "r_R")}
>>> numbers, ties = split_ties(table, {"r_M": "1/5", "r_R": "2*r_M"})
>>> numbers, ties
({'r_M': '1/5'}, {'r_R': 2*r_M})
>>> resolve_ties(table, {"r_M": "1/5", "r_R": "2*r_M"})
{'r_M': Fraction(1, 5), 'r_R': Fraction(2, 5)}
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import sympy

from .errors import DomainError, ExpressionError, GameError, UnknownParameterError
from .expressions import parse_expression
from .parameters import Parameter, as_number, bind_values, exact_substitutions

__all__ = ["is_tie", "resolve_ties", "split_ties", "tie_substitutions"]


def is_tie(value: Any) -> bool:
    """Whether a value given to a parameter is a tie (an expression in parameters), not a number.

    Text that reads as a number (``"0.3"``, ``"3/4"``) is a number; other text is
    a tie. A sympy expression with free symbols is a tie.

    Examples
    --------
    >>> is_tie("r_M"), is_tie("2*r_M"), is_tie("3/4"), is_tie(0.5)
    (True, True, False, False)
    """
    if isinstance(value, sympy.Basic):
        return bool(value.free_symbols)
    if not isinstance(value, str):
        return False
    try:
        as_number(value)
    except GameError:
        return True
    return False


def split_ties(
    parameters: Mapping[str, Parameter], values: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, sympy.Expr]]:
    """Separate the numbers from the ties, each tie resolved into parameters that are not tied.

    Parameters
    ----------
    parameters
        The game's parameters, ``{name: Parameter}``.
    values
        ``{name: value}``: numbers (left as given, for the caller to check)
        and ties (text or sympy expressions in other parameters).

    Returns
    -------
    numbers, ties
        ``numbers`` the values that are not ties; ``ties`` ``{name: expression}``
        in the order given, every expression in parameters that are not tied.

    Raises
    ------
    UnknownParameterError
        A tied name, or a name in a tie, that is not a parameter.
    ExpressionError
        A tie that is not a valid expression, names its own parameter, or
        closes a cycle of ties.
    """
    ties_given = {n: v for n, v in values.items() if is_tie(v)}
    numbers = {n: v for n, v in values.items() if n not in ties_given}
    if not ties_given:
        return numbers, {}
    unknown = [n for n in ties_given if n not in parameters]
    if unknown:
        raise UnknownParameterError(
            f"unknown parameter{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}; "
            f"the parameters are: {', '.join(parameters) or 'none'}"
        )
    parsed: dict[str, sympy.Expr] = {}
    for name, value in ties_given.items():
        try:
            expr = parse_expression(value, parameters)
        except ExpressionError as exc:
            message = str(exc)
            if "unknown name" in message:
                raise UnknownParameterError(f"tie {name} = {value}: {message}") from None
            raise ExpressionError(f"tie {name} = {value}: {message}") from None
        if parameters[name].symbol in expr.free_symbols:
            raise ExpressionError(f"tie {name} = {value}: a parameter cannot be tied to itself")
        parsed[name] = expr
    symbols = {parameters[n].symbol: n for n in parsed}
    resolved: dict[str, sympy.Expr] = {}

    def resolve(name: str, chain: tuple[str, ...]) -> sympy.Expr:
        if name in resolved:
            return resolved[name]
        if name in chain:
            cycle = " -> ".join((*chain[chain.index(name) :], name))
            raise ExpressionError(f"the ties form a cycle: {cycle}; tie each parameter to others")
        expr = parsed[name]
        inner = {s: resolve(symbols[s], (*chain, name)) for s in expr.free_symbols if s in symbols}
        resolved[name] = sympy.expand(expr.xreplace(inner)) if inner else expr
        return resolved[name]

    for name in parsed:
        resolve(name, ())
    return numbers, {name: resolved[name] for name in parsed}


def tie_substitutions(
    parameters: Mapping[str, Parameter], ties: Mapping[str, sympy.Expr]
) -> dict[sympy.Symbol, sympy.Expr]:
    """``{tied parameter's symbol: its expression}``, ready for ``xreplace``."""
    return {parameters[name].symbol: expr for name, expr in ties.items()}


def resolve_ties(
    parameters: Mapping[str, Parameter], values: Mapping[str, Any]
) -> dict[str, Fraction | float]:
    """Every parameter bound to a number: given values, defaults, and the ties computed from them.

    Raises
    ------
    UnknownParameterError, UnboundParameterError, DomainError
        As :func:`~gametheory_alliances.parameters.bind_values`; a tie whose
        value falls outside its parameter's domain is a :class:`DomainError`
        naming the tie.
    ExpressionError
        As :func:`split_ties`.
    """
    unknown = [n for n in values if n not in parameters]
    if unknown:
        raise UnknownParameterError(
            f"unknown parameter{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}; "
            f"the parameters are: {', '.join(parameters) or 'none'}"
        )
    numbers, ties = split_ties(parameters, values)
    free = {n: p for n, p in parameters.items() if n not in ties}
    bound = bind_values(free, numbers)
    subs = exact_substitutions(free, bound)
    out: dict[str, Fraction | float] = {}
    for name in parameters:
        if name not in ties:
            out[name] = bound[name]
            continue
        value = ties[name].xreplace(subs)
        if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or not value.is_number:
            raise DomainError(f"tie {name} = {ties[name]} is undefined at these values")
        number = as_number(value, f"tie {name}")
        if not parameters[name].domain.contains(number):
            raise DomainError(
                f"tie {name} = {ties[name]} gives {value}, outside the domain "
                f"{parameters[name].domain} of {name!r}"
            )
        out[name] = number
    return out
