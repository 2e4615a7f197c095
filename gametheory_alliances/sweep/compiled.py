"""A game's sympy expressions compiled for the sweep: numpy functions of the
parameter arrays, exact functions of fraction values, and comparison tests.

Every part of the sweep evaluates the same payoff and condition expressions,
at whole chunks of points in floating point or at one point in rational
arithmetic; this module holds those compilers (cached), so that they exist once.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

__all__ = [
    "RELATIONS",
    "array_code",
    "boolean_code",
    "exact_predicate",
    "fraction_code",
    "numpy_boolean",
    "numpy_function",
    "payoff_texts",
]


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


def array_code(expr: sympy.Basic, position: Mapping[sympy.Basic, int]) -> Any:
    """A function of the argument arrays computing ``expr`` with numpy, or ``None``.

    Sums, products, integer powers and square roots of the parameters and of
    numbers (every polynomial and rational payoff) are composed from numpy's
    operators directly, the operations ``sympy.lambdify`` would print; anything
    else is left to it (``None``). Building this costs microseconds where
    ``lambdify`` costs tens of milliseconds (and, the first time in a process,
    loading numpy's whole namespace), which is most of a new model's first sweep.

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> code = array_code(x**2 / 4 - 3 * y, {x: 0, y: 1})
    >>> code((2.0, 1.0))
    -2.0
    >>> array_code(sympy.Max(x, y), {x: 0, y: 1}) is None
    True
    """
    if expr.is_Rational:
        value = int(expr.p) / int(expr.q)
        return lambda args: value
    if expr.is_Float:
        number = float(expr)
        return lambda args: number
    if expr.is_Symbol:
        k = position.get(expr)
        if k is None:
            return None
        return lambda args: args[k]
    if expr.is_Pow:
        base = array_code(expr.base, position)
        if base is None:
            return None
        if expr.exp.is_Integer:
            exp = int(expr.exp)
            return lambda args: base(args) ** exp
        if expr.exp == sympy.S.Half:
            return lambda args: np.sqrt(base(args))
        return None
    if not (expr.is_Add or expr.is_Mul):
        return None
    parts = [array_code(a, position) for a in expr.args]
    if any(p is None for p in parts):
        return None
    first, rest = parts[0], parts[1:]
    if expr.is_Add:

        def add(args: Sequence[Any]) -> Any:
            out = first(args)
            for p in rest:
                out = out + p(args)
            return out

        return add

    def mul(args: Sequence[Any]) -> Any:
        out = first(args)
        for p in rest:
            out = out * p(args)
        return out

    return mul


@functools.lru_cache(maxsize=256)
def numpy_function(exprs: tuple[sympy.Basic, ...], symbols: tuple[sympy.Symbol, ...]) -> Any:
    """One numpy function computing all of ``exprs`` (a list) from the parameter arrays.

    Cached by the expressions themselves (sympy objects compare by content), so a
    model swept again, or another model with the same payoffs, reuses it, and a
    changed model, whose expressions differ, never meets a stale one.
    """
    position = {s: k for k, s in enumerate(symbols)}
    codes = [array_code(e, position) for e in exprs]
    if all(c is not None for c in codes):
        return lambda *args: [c(args) for c in codes]
    # Dummy argument names: a parameter called select, abs, maximum, ... would otherwise
    # shadow the numpy function of that name inside the generated code.
    return sympy.lambdify(symbols, list(exprs), modules="numpy", dummify=True)


def boolean_code(cond: sympy.Basic, position: Mapping[sympy.Basic, int]) -> Any:
    """A function of truth arrays (one per relation in ``position``) deciding ``cond``, or ``None``.

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> code = boolean_code(((x > 0) & (x > 2)) | (x < -1), {x > 0: 0, x > 2: 1, x < -1: 2})
    >>> code(([True, True, False], [False, True, False], [False, False, True])).tolist()
    [False, True, True]
    """
    if cond is sympy.true or cond is sympy.false:
        value = bool(cond)
        return lambda truths: value
    k = position.get(cond)
    if k is not None:
        return lambda truths: truths[k]
    parts = [boolean_code(a, position) for a in cond.args]
    if any(p is None for p in parts):
        return None
    if isinstance(cond, sympy.And):
        return lambda truths: functools.reduce(np.logical_and, (p(truths) for p in parts))
    if isinstance(cond, sympy.Or):
        return lambda truths: functools.reduce(np.logical_or, (p(truths) for p in parts))
    if isinstance(cond, sympy.Not):
        return lambda truths: np.logical_not(parts[0](truths))
    return None


@functools.lru_cache(maxsize=256)
def numpy_boolean(cond: sympy.Basic, rels: tuple[sympy.Basic, ...]) -> Any:
    """``cond`` as a numpy function of the truth values of its relations ``rels`` (cached)."""
    code = boolean_code(cond, {r: k for k, r in enumerate(rels)})
    if code is not None:
        return lambda *truths: code(truths)
    flags = [sympy.Dummy(f"r{k}") for k in range(len(rels))]
    return sympy.lambdify(flags, cond.xreplace(dict(zip(rels, flags, strict=True))), "numpy")


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
