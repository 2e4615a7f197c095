"""A game's sympy expressions compiled for the sweep: numpy functions of the
parameter arrays, exact functions of fraction values, and comparison tests.

Every part of the sweep evaluates the same payoff and condition expressions,
at whole chunks of points in floating point or at one point in rational
arithmetic; this module holds those compilers (cached), so that they exist once.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import sympy

__all__ = ["RELATIONS", "exact_predicate", "fraction_code", "numpy_function", "payoff_texts"]


def fraction_code(expr: sympy.Expr) -> Any:
    """A function of the parameter values computing ``expr`` in exact arithmetic, or ``None``."""
    if expr.is_Rational:
        value = Fraction(int(expr.p), int(expr.q))
        return lambda env: value
    if expr.is_Symbol:
        name = expr.name
        return lambda env: env[name]
    parts = [fraction_code(a) for a in expr.args]
    if any(p is None for p in parts):
        return None
    if expr.is_Add:
        return lambda env: sum((p(env) for p in parts), Fraction(0))

    if expr.is_Mul:

        def mul(env: Mapping[str, Any]) -> Any:
            out = Fraction(1)
            for p in parts:
                out *= p(env)
            return out

        return mul
    if expr.is_Pow and expr.exp.is_Integer:
        base, exp = parts[0], int(expr.exp)
        return lambda env: base(env) ** exp
    return None


@functools.lru_cache(maxsize=256)
def numpy_function(exprs: tuple[sympy.Basic, ...], symbols: tuple[sympy.Symbol, ...]) -> Any:
    """One numpy function computing all of ``exprs`` (a list) from the parameter arrays."""
    # Dummy argument names: a parameter called select, abs, maximum, ... would otherwise
    # shadow the numpy function of that name inside the generated code.
    return sympy.lambdify(symbols, list(exprs), modules="numpy", dummify=True)


RELATIONS: dict[type, Any] = {
    sympy.StrictGreaterThan: lambda d: d > 0,
    sympy.GreaterThan: lambda d: d >= 0,
    sympy.StrictLessThan: lambda d: d < 0,
    sympy.LessThan: lambda d: d <= 0,
    sympy.Eq: lambda d: d == 0,
    sympy.Ne: lambda d: d != 0,
}
"""The test of each comparison type on the difference ``lhs - rhs``."""


@functools.lru_cache(maxsize=256)
def exact_predicate(cond: sympy.Basic) -> Any:
    """A function deciding a rational condition exactly at fraction values, or ``None``."""
    if cond is sympy.true or cond is sympy.false:
        value = bool(cond)
        return lambda env: value
    test = RELATIONS.get(type(cond))
    if test is not None:
        diff = fraction_code(sympy.expand(cond.lhs - cond.rhs))
        if diff is None:
            return None
        return lambda env: test(diff(env))
    parts = [exact_predicate(a) for a in cond.args]
    if any(p is None for p in parts):
        return None
    if isinstance(cond, sympy.And):
        return lambda env: all(p(env) for p in parts)
    if isinstance(cond, sympy.Or):
        return lambda env: any(p(env) for p in parts)
    if isinstance(cond, sympy.Not):
        return lambda env: not parts[0](env)
    return None


def payoff_texts(game: Any, sequential: bool) -> list[list[str]]:
    """The game's payoff (and chance) expressions as text, for fingerprints."""
    if sequential:
        return [
            [nd.kind, list(nd.path), nd.player, nd.infoset]
            + [sympy.srepr(e) for e in (*nd.payoffs, *nd.probs)]
            for nd in game.nodes
        ]
    return [[sympy.srepr(e) for e in a.ravel()] for a in game.payoff_expressions()]
