"""Symbolic analysis: equilibrium regions and credibility conditions as sympy booleans.

A parameterised game is analysed without binding its parameters. For every
candidate equilibrium the toolkit derives its strategies in closed form
(rational functions of the parameters) and the exact *region* of parameter
space where that profile is an equilibrium. The numeric solvers must agree
with these regions at every point: that agreement is the project's central
correctness check.

* :class:`Region` wraps a sympy boolean over the parameters, simplified under
  their domains, with :meth:`Region.contains` (exact), a vectorised
  :meth:`Region.mask`, :meth:`Region.latex` and a readable ``str``.
* :func:`equilibrium_regions` enumerates, for a two-player game, every
  candidate extreme equilibrium (pairs of vertices of the best-response
  polyhedra whose label sets are complete for all parameter values) and, for
  ``concept="pure"``, the pure profiles of an n-player game.
* :func:`spe_regions` runs backward induction over parameter space on a tree
  of perfect information: each pure subgame-perfect equilibrium with the
  region where it is one, ties kept on the boundaries.
* :func:`threshold` solves a condition linear in one parameter for that
  parameter, flipping the inequality when the coefficient is negative and
  splitting into cases when its sign is unknown.
* :func:`credibility` gives the region where an action is played in every (or
  some) subgame-perfect equilibrium of a tree (or Nash equilibrium of a
  normal-form game).
* :func:`classify_symmetric_2x2` derives the regions of the classic symmetric
  2x2 games (Prisoner's Dilemma, Chicken, Stag Hunt, Harmony, Deadlock) from
  the equilibria and their Pareto ranking.
* :func:`grim_trigger_threshold` gives the closed-form discount-factor
  condition under which a cooperative stage profile is sustained by grim
  trigger (Nash reversion) strategies.

Boundaries. A region is *closed* in the sense that it holds exactly where
the profile's closed form is defined and is an equilibrium: inequalities are
weak where the equilibrium conditions are weak, so ties at boundaries are
kept (a mixed equilibrium whose probability reaches 0 on a boundary is still
listed there, where it coincides with a pure one). Away from every boundary
expression (:attr:`RegionsResult.boundaries`) the profiles of the regions
containing a point are exactly the game's extreme equilibria at that point;
on a boundary the game may be degenerate: every profile listed there is an
equilibrium, but it need not be an extreme one, and extreme equilibria that
exist only there (vertices of a degenerate game) are listed by no region.

References
----------
D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel, "Enumeration of Nash
equilibria for two-player games", *Economic Theory* 42 (2010) 9-37.

A. Rapoport and M. Guyer, "A taxonomy of 2x2 games", *General Systems* 11
(1966) 203-214.

G. H. Snyder, "The security dilemma in alliance politics", *World Politics*
36 (1984) 461-495.

D. Fudenberg and J. Tirole, *Game Theory*, MIT Press (1991), section 5.1
(repeated games and Nash reversion).

Examples
--------
>>> from gametheory_alliances import NormalFormGame
>>> from gametheory_alliances.symbolic import equilibrium_regions
>>> game = NormalFormGame(
...     [[["b - c", "-c"], ["b", 0]], [["b - c", "b"], ["-c", 0]]],
...     strategies=[["C", "D"], ["C", "D"]],
...     parameters={"b": "positive", "c": "positive"},
... )
>>> regions = equilibrium_regions(game)
>>> print(regions)
(D, D): True
>>> regions.equilibria_at(b=3, c=1)
(Equilibrium(Row: (0, 1), Column: (0, 1); payoffs (0, 0)),)
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import json
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, TypeVar

import numpy as np
import sympy
from sympy.core.relational import Relational
from sympy.polys.fields import sfield

from ..equilibrium import Equilibrium, SolverResult, sort_equilibria
from ..errors import (
    ExpressionError,
    GameError,
    SolverError,
    TooLargeError,
    UnboundParameterError,
    UnknownParameterError,
)
from ..normal_form import NormalFormGame
from ..parameters import Domain, Parameter, as_number, parameter_table

__all__ = [
    "SYMMETRIC_2X2_CLASSES",
    "GrimTrigger",
    "Region",
    "RegionsResult",
    "SPERegionsResult",
    "SymbolicEquilibrium",
    "SymbolicSPE",
    "classify_symmetric_2x2",
    "compare",
    "conditions_to_json",
    "credibility",
    "equilibrium_regions",
    "grim_trigger_threshold",
    "spe_regions",
    "threshold",
]

MAX_DNF_TERMS = 256
"""Most conjunctions a condition is expanded into for simplification."""

MAX_FOURIER_MOTZKIN = 4000
"""Most inequalities Fourier-Motzkin elimination may hold before it gives up."""

MAX_VERTEX_BASES = 20_000
"""Most candidate vertex bases :func:`equilibrium_regions` will solve symbolically."""

_Signs = frozenset[str]
_ALL: _Signs = frozenset("-0+")
_OP_SIGNS: dict[type, _Signs] = {
    sympy.StrictGreaterThan: frozenset("+"),
    sympy.GreaterThan: frozenset("0+"),
    sympy.StrictLessThan: frozenset("-"),
    sympy.LessThan: frozenset("-0"),
    sympy.Equality: frozenset("0"),
    sympy.Unequality: frozenset("-+"),
}


def _flip(signs: _Signs) -> _Signs:
    return frozenset({"+": "-", "-": "+", "0": "0"}[s] for s in signs)


def _number_sign(x: sympy.Expr) -> str:
    if x.is_zero:
        return "0"
    return "+" if x.is_positive else "-"


def compare(expr: Any, signs: Iterable[str]) -> sympy.Basic:
    """The condition that ``expr`` has one of the given signs, written readably.

    ``signs`` is a set of ``"-"``, ``"0"``, ``"+"``. Terms with positive
    coefficients go to the left, the others to the right, so ``b - c`` with
    signs ``{"0", "+"}`` reads ``b >= c``.

    Examples
    --------
    >>> import sympy
    >>> b, c = sympy.symbols("b c", real=True)
    >>> compare(b - c - 1, "0+")
    b >= c + 1
    >>> compare(-b - c, "+")
    b + c < 0
    """
    e = sympy.sympify(expr)
    allowed = frozenset(signs)
    if e.is_number:
        if e.has(sympy.nan, sympy.zoo) or e.is_real is False:
            return sympy.false
        return sympy.true if _number_sign(e) in allowed else sympy.false
    if allowed >= _ALL:
        return sympy.true
    if not allowed:
        return sympy.false
    if allowed in (frozenset("-"), frozenset("-0")):
        e, allowed = -e, _flip(allowed)
    terms = sympy.Add.make_args(e)
    pos = [t for t in terms if not t.could_extract_minus_sign()]
    if not pos:
        e, allowed = -e, _flip(allowed)
        terms = sympy.Add.make_args(e)
        pos = [t for t in terms if not t.could_extract_minus_sign()]
    neg = [-t for t in terms if t.could_extract_minus_sign()]
    lhs = sympy.Add(*pos)
    rhs = sympy.Add(*neg) if neg else sympy.Integer(0)
    key = "".join(s for s in "-0+" if s in allowed)
    build: dict[str, type] = {
        "+": sympy.StrictGreaterThan,
        "0+": sympy.GreaterThan,
        "-": sympy.StrictLessThan,
        "-0": sympy.LessThan,
        "0": sympy.Equality,
        "-+": sympy.Unequality,
    }
    # Not evaluated: the simplifier decides signs under the domains, and sympy's
    # own evaluation of a comparison (through the assumptions system) is slow.
    return build[key](lhs, rhs, evaluate=False)


# -- canonical atoms -----------------------------------------------------------


@dataclass(frozen=True)
class _Canon:
    """An atom ``g`` has a sign in ``signs``, ``g`` a primitive polynomial (or opaque expression)."""

    g: sympy.Expr
    signs: _Signs
    polynomial: bool = True


@functools.lru_cache(maxsize=65536)
def _canon(atom: sympy.Basic) -> _Canon | None:
    if not isinstance(atom, Relational) or type(atom) not in _OP_SIGNS:
        return None
    signs = _OP_SIGNS[type(atom)]
    e = atom.lhs - atom.rhs
    if e.is_number:
        return _Canon(e, signs)
    syms = sorted(e.free_symbols, key=lambda s: s.name)
    poly = None
    try:
        poly = sympy.Poly(e, *syms)
    except sympy.PolynomialError:
        poly = None
    if poly is not None and poly.domain in (sympy.ZZ, sympy.QQ):
        _, poly = poly.clear_denoms(convert=True)
        _, prim = poly.primitive()
        if prim.LC() < 0:
            prim, signs = -prim, _flip(signs)
        return _Canon(prim.as_expr(), signs)
    num, den = sympy.fraction(sympy.cancel(sympy.together(e)))
    if den.is_number:
        if den.is_negative:
            signs = _flip(signs)
    elif den.is_positive:
        pass
    elif den.is_negative:
        signs = _flip(signs)
    else:
        return None
    num = sympy.expand(num)
    if num.is_number:
        return _Canon(num, signs, False)
    content, g = num.as_content_primitive()
    if content.is_negative:
        g, signs = -g, _flip(signs)
    if g.could_extract_minus_sign():
        g, signs = -g, _flip(signs)
    return _Canon(g, signs, False)


@functools.lru_cache(maxsize=65536)
def _possible_signs(g: sympy.Expr) -> _Signs:
    if g.is_positive:
        return frozenset("+")
    if g.is_negative:
        return frozenset("-")
    if g.is_zero:
        return frozenset("0")
    if g.is_nonnegative:
        return frozenset("0+")
    if g.is_nonpositive:
        return frozenset("-0")
    if g.is_nonzero:
        return frozenset("-+")
    return _ALL


@functools.lru_cache(maxsize=65536)
def _linear(g: sympy.Expr) -> tuple[dict[sympy.Symbol, Fraction], Fraction] | None:
    """Coefficients and constant of ``g`` if it is linear (degree <= 1) in symbols."""
    syms = sorted(g.free_symbols, key=lambda s: s.name)
    if not syms or not all(isinstance(s, sympy.Symbol) for s in syms):
        return None
    try:
        poly = sympy.Poly(g, *syms)
    except sympy.PolynomialError:
        return None
    if poly.total_degree() > 1 or not poly.domain.is_Exact:
        return None
    coeffs: dict[sympy.Symbol, Fraction] = {}
    const = Fraction(0)
    for monom, c in poly.terms():
        if not c.is_Rational:
            return None
        value = Fraction(int(c.p), int(c.q))
        if sum(monom) == 0:
            const = value
        else:
            coeffs[syms[monom.index(1)]] = value
    return coeffs, const


@dataclass(frozen=True)
class _Interval:
    """An interval of the real line with exact end points (``None``: unbounded)."""

    lo: Fraction | None = None
    hi: Fraction | None = None
    lo_open: bool = True
    hi_open: bool = True

    @classmethod
    def of(cls, domain: Domain) -> _Interval:
        return cls(domain.lower, domain.upper, domain.lower_open, domain.upper_open)

    def intersect(self, other: _Interval) -> _Interval:
        lo, lo_open = self.lo, self.lo_open
        if other.lo is not None and (
            lo is None or other.lo > lo or (other.lo == lo and other.lo_open)
        ):
            lo, lo_open = other.lo, other.lo_open
        hi, hi_open = self.hi, self.hi_open
        if other.hi is not None and (
            hi is None or other.hi < hi or (other.hi == hi and other.hi_open)
        ):
            hi, hi_open = other.hi, other.hi_open
        return _Interval(lo, hi, lo_open, hi_open)

    def is_empty(self) -> bool:
        if self.lo is None or self.hi is None:
            return False
        return self.lo > self.hi or (self.lo == self.hi and (self.lo_open or self.hi_open))

    def is_subset(self, other: _Interval) -> bool:
        if self.is_empty():
            return True
        if other.lo is not None:
            if self.lo is None or self.lo < other.lo:
                return False
            if self.lo == other.lo and other.lo_open and not self.lo_open:
                return False
        if other.hi is not None:
            if self.hi is None or self.hi > other.hi:
                return False
            if self.hi == other.hi and other.hi_open and not self.hi_open:
                return False
        return True

    def signs(self) -> _Signs:
        """The signs the numbers of the (nonempty) interval can have."""
        out = set()
        if self.lo is None or self.lo < 0:
            out.add("-")
        if self.hi is None or self.hi > 0:
            out.add("+")
        if self.contains_zero():
            out.add("0")
        return frozenset(out)

    def contains_zero(self) -> bool:
        return _Interval(Fraction(0), Fraction(0), False, False).is_subset(self)


def _sign_interval(a: Fraction, b: Fraction, signs: _Signs) -> _Interval | None:
    """The set of x with sign(a*x + b) in ``signs`` (a != 0), or None if not an interval."""
    if a < 0:
        a, b, signs = -a, -b, _flip(signs)
    r = -b / a
    key = "".join(s for s in "-0+" if s in signs)
    table = {
        "+": _Interval(r, None, True, True),
        "0+": _Interval(r, None, False, True),
        "-": _Interval(None, r, True, True),
        "-0": _Interval(None, r, True, False),
        "0": _Interval(r, r, False, False),
    }
    return table.get(key)


def _sign_product(a: _Signs, b: _Signs) -> _Signs:
    out = set()
    for x in a:
        for y in b:
            if "0" in (x, y):
                out.add("0")
            else:
                out.add("+" if x == y else "-")
    return frozenset(out)


def _sign_power(signs: _Signs, exponent: int) -> _Signs:
    if exponent % 2:
        return signs
    return frozenset("0" if s == "0" else "+" for s in signs)


def _sign_sum(terms: Iterable[_Signs]) -> _Signs:
    out: _Signs = frozenset("0")
    for t in terms:
        if out == _ALL:
            return _ALL
        if t == frozenset("0"):
            continue
        if out == frozenset("0"):
            out = t
        elif out <= frozenset("0+") and t <= frozenset("0+"):
            out = frozenset("+") if "0" not in out or "0" not in t else frozenset("0+")
        elif out <= frozenset("-0") and t <= frozenset("-0"):
            out = frozenset("-") if "0" not in out or "0" not in t else frozenset("-0")
        else:
            out = _ALL
    return out


# -- Fourier-Motzkin -------------------------------------------------------------

_Ineq = tuple[tuple[tuple[str, Fraction], ...], Fraction, bool]


def _normalise(coeffs: dict[str, Fraction], const: Fraction, strict: bool) -> _Ineq:
    scale = max((abs(v) for v in coeffs.values()), default=Fraction(1))
    if scale == 0:
        scale = Fraction(1)
    items = tuple(sorted((k, v / scale) for k, v in coeffs.items() if v != 0))
    return items, const / scale, strict


def _exact_solve(rows: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """The unique solution of a (possibly overdetermined) exact linear system, or None."""
    width = len(rows[0]) if rows else 0
    aug = [[*r, b] for r, b in zip(rows, rhs, strict=True)]
    pivots = []
    r = 0
    for c in range(width):
        p = next((i for i in range(r, len(aug)) if aug[i][c] != 0), None)
        if p is None:
            return None
        aug[r], aug[p] = aug[p], aug[r]
        inv = 1 / aug[r][c]
        aug[r] = [v * inv for v in aug[r]]
        for i in range(len(aug)):
            if i != r and aug[i][c] != 0:
                f = aug[i][c]
                aug[i] = [v - f * w for v, w in zip(aug[i], aug[r], strict=True)]
        pivots.append(c)
        r += 1
    if any(row[-1] != 0 for row in aug[r:]):
        return None
    return [aug[i][-1] for i in range(width)]


def _lp_decide(system: list[_Ineq]) -> tuple[bool | None, dict[str, Fraction] | None]:
    """Decide feasibility with linear programs and exact checks: True, False, or None (unsure).

    Feasible: a witness point (maximising the slack of the strict
    constraints), rounded to fractions, satisfies every constraint exactly.
    Infeasible: a Motzkin certificate ``y >= 0`` with ``y^T A = 0`` and
    ``y^T d < 0`` (or ``y^T d = 0`` with weight on a strict constraint),
    recomputed exactly on the support the program found.
    """
    from scipy.optimize import linprog

    names = sorted({k for items, _, _ in system for k, _ in items})
    index = {k: n for n, k in enumerate(names)}
    nvar = len(names)
    dense = []
    for items, d, strict in system:
        row = [Fraction(0)] * nvar
        for k, c in items:
            row[index[k]] = c
        dense.append((row, d, strict))
    a_ub = [[-float(c) for c in row] + [1.0 if strict else 0.0] for row, _, strict in dense]
    b_ub = [float(d) for _, d, _ in dense]
    try:
        res = linprog(
            [0.0] * nvar + [-1.0],
            A_ub=a_ub,
            b_ub=b_ub,
            bounds=[(None, None)] * nvar + [(None, 1.0)],
            method="highs",
        )
    except (ValueError, TypeError):
        return None, None
    if res.status == 0 and res.x is not None:
        for denominator in (10**3, 10**6, None):
            point = [
                Fraction(float(v))
                if denominator is None
                else Fraction(float(v)).limit_denominator(denominator)
                for v in res.x[:nvar]
            ]
            candidate = dict(zip(names, point, strict=True))
            if _satisfies(system, candidate):
                return True, candidate
    m = len(dense)
    eq_rows = [[float(dense[i][0][j]) for i in range(m)] for j in range(nvar)] + [[1.0] * m]
    eq_rhs = [0.0] * nvar + [1.0]
    for objective, extra in (
        ([float(d) for _, d, _ in dense], None),
        ([-1.0 if s else 0.0 for _, _, s in dense], [float(d) for _, d, _ in dense]),
    ):
        a_eq = eq_rows + ([extra] if extra is not None else [])
        b_eq = eq_rhs + ([0.0] if extra is not None else [])
        try:
            cert = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=[(0, None)] * m, method="highs")
        except (ValueError, TypeError):
            return None, None
        if cert.status != 0 or cert.x is None or cert.fun > -1e-9:
            continue
        support = [i for i in range(m) if cert.x[i] > 1e-12]
        rows = [[dense[i][0][j] for i in support] for j in range(nvar)] + [
            [Fraction(1)] * len(support)
        ]
        rhs = [Fraction(0)] * nvar + [Fraction(1)]
        if extra is not None:
            rows.append([dense[i][1] for i in support])
            rhs.append(Fraction(0))
        y = _exact_solve(rows, rhs)
        if y is None or any(v < 0 for v in y):
            continue
        total = sum((v * dense[i][1] for v, i in zip(y, support, strict=True)), Fraction(0))
        strict_weight = any(v > 0 and dense[i][2] for v, i in zip(y, support, strict=True))
        if total < 0 or (total == 0 and strict_weight):
            return False, None
    return None, None


def _satisfies(system: list[_Ineq], point: Mapping[str, Fraction]) -> bool:
    """Whether a point satisfies every constraint exactly (missing coordinates are 0)."""
    for items, d, strict in system:
        value = d
        for k, c in items:
            value += c * point.get(k, 0)
        if value < 0 or (strict and value == 0):
            return False
    return True


def _infeasible(system: list[_Ineq]) -> bool:
    """Whether ``sum c_k x_k + d > 0`` (strict) / ``>= 0`` constraints are provably unsatisfiable.

    Linear programs whose answers are checked exactly (a witness point or a
    Motzkin certificate) decide most systems; exact Fourier-Motzkin
    elimination decides the rest. Returns ``False`` (not proven) when
    elimination would hold more than :data:`MAX_FOURIER_MOTZKIN` inequalities.
    """
    if len({k for items, _, _ in system for k, _ in items}) > 1:
        decided, _ = _lp_decide(system)
        if decided is not None:
            return not decided
    current = set(system)
    while True:
        consts = [c for c in current if not c[0]]
        for _, d, strict in consts:
            if d < 0 or (strict and d == 0):
                return True
        current = {c for c in current if c[0]}
        if not current:
            return False
        variables = sorted({k for items, _, _ in current for k, _ in items})
        best = None
        for var in variables:
            pos = [c for c in current if dict(c[0]).get(var, 0) > 0]
            neg = [c for c in current if dict(c[0]).get(var, 0) < 0]
            cost = len(pos) * len(neg) - len(pos) - len(neg)
            if best is None or cost < best[0]:
                best = (cost, var, pos, neg)
        assert best is not None
        _, var, pos, neg = best
        rest = {c for c in current if dict(c[0]).get(var, 0) == 0}
        if len(rest) + len(pos) * len(neg) > MAX_FOURIER_MOTZKIN:
            return False
        for p_items, p_d, p_s in pos:
            p = dict(p_items)
            for n_items, n_d, n_s in neg:
                n = dict(n_items)
                a, b = p[var], -n[var]
                combined: dict[str, Fraction] = {}
                for k in set(p) | set(n):
                    v = b * p.get(k, Fraction(0)) + a * n.get(k, Fraction(0))
                    if k != var and v != 0:
                        combined[k] = v
                rest.add(_normalise(combined, b * p_d + a * n_d, p_s or n_s))
        current = rest


# -- simplification ------------------------------------------------------------


def _to_dnf(cond: sympy.Basic, cap: int = MAX_DNF_TERMS) -> list[list[sympy.Basic]] | None:
    """Disjunctive normal form as a list of conjunctions (lists of atoms), or None if too large."""
    if cond is sympy.true:
        return [[]]
    if cond is sympy.false:
        return []
    if isinstance(cond, sympy.Or):
        out: list[list[sympy.Basic]] = []
        for arg in cond.args:
            sub = _to_dnf(arg, cap)
            if sub is None:
                return None
            out.extend(sub)
            if len(out) > cap:
                return None
        return out
    if isinstance(cond, sympy.And):
        acc: list[list[sympy.Basic]] = [[]]
        for arg in cond.args:
            sub = _to_dnf(arg, cap)
            if sub is None:
                return None
            acc = [a + b for a in acc for b in sub]
            if len(acc) > cap:
                return None
        return acc
    if isinstance(cond, sympy.Not):
        inner = cond.args[0]
        if isinstance(inner, Relational) and type(inner) in _OP_SIGNS:
            return [[compare(inner.lhs - inner.rhs, _ALL - _OP_SIGNS[type(inner)])]]
        if isinstance(inner, Relational):
            return [[inner.negated]]
        if isinstance(inner, sympy.And):
            return _to_dnf(sympy.Or(*(sympy.Not(a) for a in inner.args)), cap)
        if isinstance(inner, sympy.Or):
            return _to_dnf(sympy.And(*(sympy.Not(a) for a in inner.args)), cap)
        return [[cond]]
    return [[cond]]


def _not(cond: sympy.Basic) -> sympy.Basic:
    """The negation of a condition, pushed down to readable comparisons."""
    if cond is sympy.true:
        return sympy.false
    if cond is sympy.false:
        return sympy.true
    if isinstance(cond, Relational) and type(cond) in _OP_SIGNS:
        return compare(cond.lhs - cond.rhs, _ALL - _OP_SIGNS[type(cond)])
    if isinstance(cond, sympy.And):
        return sympy.Or(*(_not(a) for a in cond.args))
    if isinstance(cond, sympy.Or):
        return sympy.And(*(_not(a) for a in cond.args))
    if isinstance(cond, sympy.Not):
        return cond.args[0]
    return sympy.Not(cond)


class _Simplifier:
    def __init__(self, parameters: Mapping[str, Parameter]):
        self.parameters = parameters

        self._signs: dict[sympy.Expr, _Signs] = {}
        self._witnesses: list[dict[str, Fraction]] = []

    def domain_of(self, sym: sympy.Symbol) -> Domain:
        p = self.parameters.get(sym.name)
        return p.domain if p is not None else Domain()

    def linear_range(self, coeffs: Mapping[sympy.Symbol, Fraction], const: Fraction) -> _Interval:
        """The values of ``sum coeffs[x] * x + const`` over the domains (interval arithmetic)."""
        lo: Fraction | None = const
        hi: Fraction | None = const
        lo_open = hi_open = False
        for var, c in coeffs.items():
            dom = self.domain_of(var)
            if c > 0:
                a, a_open, b, b_open = dom.lower, dom.lower_open, dom.upper, dom.upper_open
            else:
                a, a_open, b, b_open = dom.upper, dom.upper_open, dom.lower, dom.lower_open
            if lo is not None:
                lo = None if a is None else lo + c * a
                lo_open = lo_open or a_open
            if hi is not None:
                hi = None if b is None else hi + c * b
                hi_open = hi_open or b_open
        return _Interval(lo, hi, lo_open or lo is None, hi_open or hi is None)

    def possible_signs(self, g: sympy.Expr) -> _Signs:
        """The signs ``g`` can take on the domains (sound: may be too large)."""
        if g.is_number:
            return frozenset(_number_sign(g))
        cached = self._signs.get(g)
        if cached is not None:
            return cached
        syms = sorted(g.free_symbols, key=lambda s: s.name)
        out: _Signs | None = None
        lin = _linear(g) if all(isinstance(s, sympy.Symbol) for s in syms) else None
        if lin is not None:
            out = self.linear_range(*lin).signs()
            self._signs[g] = out
            return out
        try:
            poly = sympy.Poly(g, *syms)
        except sympy.PolynomialError:
            poly = None
        if poly is not None and poly.domain in (sympy.ZZ, sympy.QQ):
            var_signs = [_Interval.of(self.domain_of(s)).signs() for s in syms]
            terms = []
            for monom, coeff in poly.terms():
                sign = frozenset("+" if coeff > 0 else "-")
                for s, e in zip(var_signs, monom, strict=True):
                    if e:
                        sign = _sign_product(sign, _sign_power(s, e))
                terms.append(sign)
            out = _sign_sum(terms)
            if out == _ALL and poly.total_degree() > 1:
                coeff, factors = sympy.factor_list(g)
                if len(factors) > 1 or any(e > 1 for _, e in factors):
                    out = frozenset(_number_sign(coeff))
                    for f, e in factors:
                        out = _sign_product(out, _sign_power(self.possible_signs(f), e))
        if out is None or out == _ALL:
            out = _possible_signs(g) if out is None else out
        self._signs[g] = out
        return out

    def term(self, atoms: list[sympy.Basic]) -> list[sympy.Basic] | None:
        """Simplify a conjunction; None when it is provably unsatisfiable."""
        groups: dict[sympy.Expr, list[Any]] = {}
        opaque: list[sympy.Basic] = []
        for atom in atoms:
            if atom is sympy.true:
                continue
            if atom is sympy.false:
                return None
            canon = _canon(atom)
            if canon is None:
                if atom not in opaque:
                    opaque.append(atom)
                continue
            if canon.g.is_number:
                if _number_sign(canon.g) not in canon.signs:
                    return None
                continue
            entry = groups.setdefault(canon.g, [_ALL, []])
            entry[0] = entry[0] & canon.signs
            entry[1].append((atom, canon.signs, canon.polynomial))
        final: dict[sympy.Expr, tuple[_Signs, list[Any]]] = {}
        for g, (signs, originals) in groups.items():
            possible = self.possible_signs(g)
            s = signs & possible
            if not s:
                return None
            if s == possible:
                continue
            final[g] = (s, originals)
        # Single-parameter linear atoms: intersect their intervals with the domain.
        by_var: dict[sympy.Symbol, list[tuple[sympy.Expr, _Interval]]] = {}
        for g, (s, _) in final.items():
            lin = _linear(g)
            if lin is None or len(lin[0]) != 1:
                continue
            ((var, a),) = lin[0].items()
            interval = _sign_interval(a, lin[1], s)
            if interval is not None:
                by_var.setdefault(var, []).append((g, interval))
        for var, items in by_var.items():
            dom = _Interval.of(self.domain_of(var))
            whole = dom
            for _, interval in items:
                whole = whole.intersect(interval)
            if whole.is_empty():
                return None
            kept = list(items)
            for item in items:
                others = dom
                for other in kept:
                    if other is not item:
                        others = others.intersect(other[1])
                if others.is_subset(item[1]):
                    kept.remove(item)
                    del final[item[0]]
        # Multi-parameter linear atoms: Fourier-Motzkin with the domains.
        system: list[_Ineq] = []
        seen_vars: set[sympy.Symbol] = set()
        for g, (s, _) in final.items():
            lin = _linear(g)
            if lin is None:
                continue
            coeffs = {k.name: v for k, v in lin[0].items()}
            seen_vars.update(lin[0])
            if s <= frozenset("0+"):
                system.append(_normalise(coeffs, lin[1], s == frozenset("+")))
            if s <= frozenset("-0"):
                system.append(
                    _normalise({k: -v for k, v in coeffs.items()}, -lin[1], s == frozenset("-"))
                )
        if system:
            for var in seen_vars:
                domain = self.domain_of(var)
                if domain.lower is not None:
                    system.append(
                        _normalise({var.name: Fraction(1)}, -domain.lower, domain.lower_open)
                    )
                if domain.upper is not None:
                    system.append(
                        _normalise({var.name: Fraction(-1)}, domain.upper, domain.upper_open)
                    )
            if not any(_satisfies(system, point) for point in self._witnesses):
                decided, point = _lp_decide(system) if len(seen_vars) > 1 else (None, None)
                if point is not None:
                    self._witnesses.insert(0, point)
                    del self._witnesses[16:]
                elif decided is False or (decided is None and _infeasible(system)):
                    return None
        out: list[sympy.Basic] = []
        for g, (s, originals) in final.items():
            if (
                len(originals) == 1
                and originals[0][2]
                and originals[0][1] & self.possible_signs(g) == s
            ):
                out.append(originals[0][0])
            else:
                out.append(compare(g, s))
        return out + opaque

    def simplify(self, cond: sympy.Basic) -> sympy.Basic:
        dnf = _to_dnf(cond)
        if dnf is None:
            return cond
        terms: list[frozenset[sympy.Basic]] = []
        for t in dnf:
            s = self.term(t)
            if s is None:
                continue
            fs = frozenset(s)
            if not fs:
                return sympy.true
            if fs not in terms:
                terms.append(fs)
        terms = [t for t in terms if not any(o < t for o in terms)]
        if not terms:
            return sympy.false
        if len(terms) == 1:
            return sympy.And(*terms[0])
        common = frozenset.intersection(*terms)
        rest = [t - common for t in terms]
        if any(not r for r in rest):
            return sympy.And(*common)
        return sympy.And(*common, sympy.Or(*(sympy.And(*r) for r in rest)))


# -- Region ----------------------------------------------------------------------


def _parameters_of(cond: sympy.Basic, given: Any) -> dict[str, Parameter]:
    table = parameter_table(given)
    for s in sorted(cond.free_symbols, key=lambda s: s.name):
        if s.name in table:
            continue
        if given is not None:
            raise UnknownParameterError(
                f"condition {cond} mentions {s.name!r}, which is not among the parameters "
                f"{', '.join(table) or 'none'}"
            )
        if s.is_positive:
            dom = "positive"
        elif s.is_nonnegative:
            dom = "nonnegative"
        elif s.is_negative:
            dom = "negative"
        elif s.is_nonpositive:
            dom = "nonpositive"
        else:
            dom = "real"
        table[s.name] = Parameter(s.name, dom)
    return table


def _as_boolean(condition: Any, parameters: Mapping[str, Parameter]) -> sympy.Basic:
    if isinstance(condition, Region):
        return condition.condition
    if isinstance(condition, bool):
        return sympy.true if condition else sympy.false
    if isinstance(condition, str):
        raise ExpressionError(
            f"condition {condition!r}: give a sympy boolean or a Region, not text "
            "(text is parsed only through parse_expression)"
        )
    if not isinstance(condition, sympy.Basic) or (
        isinstance(condition, sympy.Expr) and not isinstance(condition, Relational)
    ):
        raise ExpressionError(
            f"condition: expected a sympy boolean (a comparison or &, |, ~ of comparisons), "
            f"found {type(condition).__name__} {condition!r}"
        )
    return condition


class Region:
    """A region of parameter space: a sympy boolean over a game's parameters.

    The condition is simplified under the parameters' domains: atoms implied
    by the domains are dropped, conjunctions that are provably unsatisfiable
    (contradictory signs of one expression, empty intervals of one parameter,
    infeasible linear systems by exact Fourier-Motzkin elimination) are
    removed. Simplification is sound but not complete: a region that is not
    reported empty may still be empty when its conditions are nonlinear.

    Parameters
    ----------
    condition
        A sympy boolean: comparisons joined by ``&``, ``|``, ``~``.
    parameters
        The parameters it may mention (:class:`Parameter` objects, names or a
        ``{name: domain}`` mapping). ``None``: inferred from the free symbols,
        with domains read from their assumptions.
    simplify
        Whether to simplify on construction.

    Examples
    --------
    >>> import sympy
    >>> from gametheory_alliances import Parameter
    >>> b, c = Parameter("b", "positive"), Parameter("c", "[0, 1]")
    >>> region = Region((b.symbol > c.symbol) & (c.symbol <= 2), [b, c])
    >>> print(region)
    b > c
    >>> region.contains(b=1, c="1/2"), region.contains(b="1/4", c="1/2")
    (True, False)
    >>> region.mask({"b": [0.25, 2.0], "c": 0.5})
    array([False,  True])
    >>> Region((b.symbol < 0), [b]).is_empty()
    True
    """

    def __init__(self, condition: Any, parameters: Any = None, *, simplify: bool = True) -> None:
        cond = _as_boolean(condition, {})
        self.parameters: dict[str, Parameter] = _parameters_of(cond, parameters)
        by_name = {name: p.symbol for name, p in self.parameters.items()}
        renamed = {s: by_name[s.name] for s in cond.free_symbols if s != by_name[s.name]}
        if renamed:
            cond = cond.xreplace(renamed)
        if simplify:
            cond = _Simplifier(self.parameters).simplify(cond)
        self.condition: sympy.Basic = cond

    # -- questions ---------------------------------------------------------------

    @property
    def free_parameters(self) -> tuple[str, ...]:
        """Names of the parameters the condition mentions, in declaration order."""
        names = {s.name for s in self.condition.free_symbols}
        return tuple(n for n in self.parameters if n in names)

    def is_empty(self) -> bool:
        """Whether the region is provably empty under the domains.

        ``False`` means "not proven empty": sound, not complete.
        """
        return self.condition is sympy.false

    def is_everything(self) -> bool:
        """Whether the condition holds at every point of the domains (as simplified)."""
        return self.condition is sympy.true

    def _bind(self, values: Mapping[str, Any]) -> dict[sympy.Symbol, sympy.Expr]:
        unknown = [k for k in values if k not in self.parameters]
        if unknown:
            raise UnknownParameterError(
                f"unknown parameter{'s' if len(unknown) > 1 else ''} "
                f"{', '.join(map(repr, unknown))}; the region's parameters are: "
                f"{', '.join(self.parameters) or 'none'}"
            )
        subs: dict[sympy.Symbol, sympy.Expr] = {}
        missing = []
        for name in self.free_parameters:
            p = self.parameters[name]
            if name in values:
                x = p.check(values[name])
            elif p.default is not None:
                x = p.default
            else:
                missing.append(name)
                continue
            subs[p.symbol] = (
                sympy.Rational(x.numerator, x.denominator)
                if isinstance(x, Fraction)
                else sympy.Float(x)
            )
        if missing:
            raise UnboundParameterError(
                f"no value and no default for parameter{'s' if len(missing) > 1 else ''} "
                f"{', '.join(map(repr, missing))}"
            )
        return subs

    def contains(self, **values: Any) -> bool:
        """Whether the point lies in the region (exact for rational values).

        Parameters not given take their defaults; values are checked against
        the domains.

        Raises
        ------
        UnknownParameterError, UnboundParameterError, DomainError
        """
        decided = _decide(self.condition, self._bind(values))
        if decided is None:
            raise GameError(f"condition {self} is undefined or undecidable at {values}")
        return decided

    def mask(self, grid: Mapping[str, Any]) -> np.ndarray:
        """Evaluate the region on arrays of parameter values (floating point, broadcasting).

        ``grid`` maps parameter names to arrays (or scalars); the result has
        the broadcast shape of all of them. Parameters not given take their
        defaults.
        """
        unknown = [k for k in grid if k not in self.parameters]
        if unknown:
            raise UnknownParameterError(
                f"unknown parameter{'s' if len(unknown) > 1 else ''} "
                f"{', '.join(map(repr, unknown))}; the region's parameters are: "
                f"{', '.join(self.parameters) or 'none'}"
            )
        arrays: dict[str, np.ndarray] = {}
        for name, value in grid.items():
            try:
                arrays[name] = np.asarray(value, dtype=float)
            except (TypeError, ValueError):
                raise GameError(
                    f"grid value of {name!r}: expected numbers, found {value!r}"
                ) from None
        for name in self.free_parameters:
            if name not in arrays:
                default = self.parameters[name].default
                if default is None:
                    raise UnboundParameterError(
                        f"no grid values and no default for parameter {name!r}"
                    )
                arrays[name] = np.asarray(float(default))
        shape = np.broadcast_shapes(*(a.shape for a in arrays.values())) if arrays else ()
        symbols = {self.parameters[n].symbol: a for n, a in arrays.items()}
        result = _evaluate(self.condition, symbols)
        return np.broadcast_to(np.asarray(result, dtype=bool), shape).copy()

    # -- algebra -----------------------------------------------------------------

    def _merge(self, other: Any) -> tuple[sympy.Basic, dict[str, Parameter]]:
        if isinstance(other, Region):
            table = dict(self.parameters)
            for name, p in other.parameters.items():
                if name in table and table[name] != p:
                    raise GameError(f"parameter {name!r} has different domains in the two regions")
                table[name] = p
            return other.condition, table
        cond = _as_boolean(other, self.parameters)
        return cond, dict(self.parameters)

    def __and__(self, other: Any) -> Region:
        cond, table = self._merge(other)
        return Region(sympy.And(self.condition, cond), table)

    def __or__(self, other: Any) -> Region:
        cond, table = self._merge(other)
        return Region(sympy.Or(self.condition, cond), table)

    __rand__ = __and__
    __ror__ = __or__

    def __invert__(self) -> Region:
        return Region(_not(self.condition), self.parameters)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Region):
            return NotImplemented
        return bool(self.condition == other.condition) and self.parameters == other.parameters

    def __hash__(self) -> int:
        return hash(self.condition)

    # -- display -----------------------------------------------------------------

    def latex(self) -> str:
        """The condition in LaTeX."""
        return sympy.latex(self.condition)

    def _repr_latex_(self) -> str:
        """The condition as inline LaTeX."""
        from ..display import region_latex

        return region_latex(self)

    def _repr_html_(self) -> str:
        """The condition (LaTeX for MathJax) and the parameters it mentions, as HTML."""
        from ..display import region_html

        return region_html(self)

    def __str__(self) -> str:
        return sympy.sstr(self.condition)

    def __repr__(self) -> str:
        return f"Region({self})"


def _decide(cond: sympy.Basic, subs: Mapping[sympy.Symbol, sympy.Expr]) -> bool | None:
    """Evaluate a condition at a point exactly; None where it is undefined (a zero division).

    An undefined comparison does not spoil a conjunction that another part
    makes false, nor a disjunction that another part makes true: the case
    splits of :func:`threshold` guard their divisions that way.
    """
    if cond is sympy.true or cond is sympy.false:
        return bool(cond)
    if isinstance(cond, sympy.And | sympy.Or):
        results = [_decide(a, subs) for a in cond.args]
        decisive = isinstance(cond, sympy.Or)
        if decisive in results:
            return decisive
        return None if None in results else not decisive
    if isinstance(cond, sympy.Not):
        inner = _decide(cond.args[0], subs)
        return None if inner is None else not inner
    if isinstance(cond, Relational) and type(cond) in _OP_SIGNS:
        d = (cond.lhs - cond.rhs).xreplace(dict(subs))
        if d.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or not d.is_number:
            return None
        if d.is_zero:
            sign = "0"
        elif d.is_positive:
            sign = "+"
        elif d.is_negative:
            sign = "-"
        else:
            return None
        return sign in _OP_SIGNS[type(cond)]
    value = cond.xreplace(dict(subs))
    if value is sympy.true or value is sympy.false:
        return bool(value)
    return None


@functools.lru_cache(maxsize=4096)
def _compiled(atom: Relational) -> tuple[list[sympy.Symbol], Callable[..., Any]]:
    """``lhs - rhs`` of a comparison as a numpy function (cached: grids call it often)."""
    expr = atom.lhs - atom.rhs
    syms = sorted(expr.free_symbols, key=lambda s: s.name)
    return syms, sympy.lambdify(syms, expr, "numpy")


def _evaluate(cond: sympy.Basic, values: Mapping[sympy.Symbol, np.ndarray]) -> Any:
    if cond is sympy.true:
        return np.bool_(True)
    if cond is sympy.false:
        return np.bool_(False)
    if isinstance(cond, sympy.And):
        out: Any = np.bool_(True)
        for a in cond.args:
            out = np.logical_and(out, _evaluate(a, values))
        return out
    if isinstance(cond, sympy.Or):
        out = np.bool_(False)
        for a in cond.args:
            out = np.logical_or(out, _evaluate(a, values))
        return out
    if isinstance(cond, sympy.Not):
        return np.logical_not(_evaluate(cond.args[0], values))
    if isinstance(cond, Relational):
        syms, f = _compiled(cond)
        with np.errstate(all="ignore"):
            v = np.asarray(f(*(values[s] for s in syms)), dtype=float)
        ops: dict[type, Callable[[Any], Any]] = {
            sympy.StrictGreaterThan: lambda z: z > 0,
            sympy.GreaterThan: lambda z: z >= 0,
            sympy.StrictLessThan: lambda z: z < 0,
            sympy.LessThan: lambda z: z <= 0,
            sympy.Equality: lambda z: z == 0,
            sympy.Unequality: lambda z: z != 0,
        }
        return ops[type(cond)](v)
    raise GameError(f"cannot evaluate the condition {cond} on a grid")


# -- equilibrium regions -------------------------------------------------------------


def _rational(x: Any) -> sympy.Expr:
    v = as_number(x) if not isinstance(x, sympy.Basic) else x
    if isinstance(v, Fraction):
        return sympy.Rational(v.numerator, v.denominator)
    return sympy.sympify(v)


@dataclass(frozen=True)
class SymbolicEquilibrium:
    """A candidate equilibrium in closed form: strategies and payoffs as sympy expressions.

    Attributes
    ----------
    label
        The strategy labels of the profile: ``"(C, F)"`` for a pure profile,
        ``"mixed (C/F, F)"`` when some player mixes over several strategies.
    strategies
        For each player, the probability of each of its strategies.
    payoffs
        Each player's expected payoff.
    """

    label: str
    strategies: tuple[tuple[sympy.Expr, ...], ...]
    payoffs: tuple[sympy.Expr, ...]

    @property
    def support(self) -> tuple[tuple[int, ...], ...]:
        """For each player, the strategies whose probability is not identically zero."""
        return tuple(tuple(k for k, p in enumerate(s) if p != 0) for s in self.strategies)

    @property
    def is_pure(self) -> bool:
        """Whether every player plays a single strategy."""
        return all(len(s) == 1 for s in self.support)

    def evaluate(self, subs: Mapping[sympy.Symbol, sympy.Expr]) -> list[list[Any]]:
        """The strategies at a point, as exact fractions where possible."""
        out = []
        for s in self.strategies:
            row = []
            for p in s:
                v = sympy.sympify(p).xreplace(dict(subs))
                if v.has(sympy.zoo, sympy.nan):
                    raise GameError(f"strategy {p} is undefined at this point")
                row.append(
                    Fraction(int(v.p), int(v.q)) if isinstance(v, sympy.Rational) else float(v)
                )
            out.append(row)
        return out

    def to_dict(self) -> dict[str, Any]:
        """Strategies and payoffs as sympy-readable strings."""
        return {
            "label": self.label,
            "strategies": [[sympy.sstr(p) for p in s] for s in self.strategies],
            "payoffs": [sympy.sstr(v) for v in self.payoffs],
        }

    def __str__(self) -> str:
        strategies = "; ".join("(" + ", ".join(map(str, s)) + ")" for s in self.strategies)
        return f"{self.label}: {strategies}; payoffs ({', '.join(map(str, self.payoffs))})"


def _profile_label(game: NormalFormGame, strategies: Sequence[Sequence[sympy.Expr]]) -> str:
    parts = []
    mixed = False
    for i, s in enumerate(strategies):
        support = [game.strategies[i][k] for k, p in enumerate(s) if p != 0]
        mixed = mixed or len(support) > 1
        parts.append("/".join(support))
    return ("mixed " if mixed else "") + "(" + ", ".join(parts) + ")"


_Key = TypeVar("_Key")


class _RegionTable(Mapping[_Key, Region]):
    """The read-only mapping ``{equilibrium: Region}`` shared by the regions results.

    Subclasses are dataclasses with ``game`` and ``entries`` (``(equilibrium,
    region)`` pairs in deterministic order).
    """

    game: Any
    entries: tuple[tuple[_Key, Region], ...]

    def __getitem__(self, key: _Key) -> Region:
        for eq, region in self.entries:
            if eq == key:
                return region
        raise KeyError(key)

    def __iter__(self) -> Iterator[_Key]:
        return (eq for eq, _ in self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def parameters(self) -> tuple[str, ...]:
        """Names of the game's parameters."""
        return tuple(self.game.parameters)

    def _repr_html_(self) -> str:
        """Each equilibrium with its closed form and its condition (LaTeX), as an HTML table."""
        from ..display import regions_html

        return regions_html(self)


@dataclass(frozen=True, eq=False)
class RegionsResult(_RegionTable[SymbolicEquilibrium]):
    """Candidate equilibria in closed form, each with the region where it is an equilibrium.

    A read-only mapping ``{SymbolicEquilibrium: Region}`` in deterministic
    order (pure profiles first, in the order of their strategy labels).

    Attributes
    ----------
    game
        The game analysed.
    concept
        ``"nash"`` (extreme equilibria of a two-player game) or ``"pure"``.
    entries
        ``(equilibrium, region)`` pairs.
    boundaries
        The expressions whose zero sets bound the regions (and where the game
        is degenerate): off all of them, the regions containing a point list
        exactly the game's (extreme) equilibria there.
    """

    game: NormalFormGame = field(repr=False)
    concept: str
    entries: tuple[tuple[SymbolicEquilibrium, Region], ...]
    boundaries: tuple[sympy.Expr, ...] = ()

    def by_label(self) -> dict[str, Region]:
        """``{label: region}`` (regions of entries sharing a label are joined by ``|``)."""
        out: dict[str, Region] = {}
        for eq, region in self.entries:
            out[eq.label] = out[eq.label] | region if eq.label in out else region
        return out

    def equilibria_at(self, **values: Any) -> tuple[Equilibrium, ...]:
        """The equilibria the regions predict at a point (exact when rational).

        Parameters not given take their defaults.
        """
        numeric = self.game.at(**values)
        found: dict[Any, Equilibrium] = {}
        subs = _full_subs(self.game, values)
        for eq, region in self.entries:
            if not region.contains(**values):
                continue
            e = Equilibrium.from_profile(numeric, eq.evaluate(subs))
            found.setdefault(e.key(), e)
        return tuple(sort_equilibria(list(found.values())))

    def at(self, **values: Any) -> SolverResult:
        """:meth:`equilibria_at` as a :class:`SolverResult` of the bound game."""
        eqs = self.equilibria_at(**values)
        numeric = self.game.at(**values)
        return SolverResult(
            numeric,
            "equilibrium regions",
            eqs,
            exact=all(e.is_exact for e in eqs),
            options={"concept": self.concept},
        )

    def to_dict(self) -> dict[str, Any]:
        """The ``gta conditions --json`` object of the public interface."""
        return {
            "players": list(self.game.players),
            "strategies": [list(s) for s in self.game.strategies],
            "concept": self.concept,
            "parameters": list(self.parameters),
            "regions": [
                {**eq.to_dict(), "condition": sympy.sstr(region.condition)}
                for eq, region in self.entries
            ],
        }

    def latex(self) -> str:
        """A LaTeX ``cases``-style table: one line per equilibrium and its condition."""
        lines = []
        for eq, region in self.entries:
            strategies = ",\\ ".join(
                "(" + ", ".join(sympy.latex(p) for p in s) + ")" for s in eq.strategies
            )
            label = eq.label.replace("_", "\\_")
            lines.append(f"\\text{{{label}}}\\ {strategies} & \\text{{if }} {region.latex()}")
        return "\\begin{cases}\n" + " \\\\\n".join(lines) + "\n\\end{cases}"

    def _repr_latex_(self) -> str:
        """Each equilibrium and its condition, as an aligned LaTeX list."""
        from ..display import regions_latex

        return regions_latex(self)

    def __str__(self) -> str:
        if not self.entries:
            return "no candidate equilibrium has a nonempty region"
        lines = []
        for eq, region in self.entries:
            if eq.is_pure:
                lines.append(f"{eq.label}: {region}")
            else:
                strategies = ", ".join("(" + ", ".join(map(str, s)) + ")" for s in eq.strategies)
                lines.append(f"{eq.label} {strategies}: {region}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"RegionsResult(concept={self.concept!r}, {len(self)} regions)\n" + "\n".join(
            "  " + line for line in str(self).splitlines()
        )


def _full_subs(game: Any, values: Mapping[str, Any]) -> dict[sympy.Symbol, sympy.Expr]:
    from ..parameters import bind_values

    bound = bind_values(game.parameters, values)
    return {game.parameters[k].symbol: _rational(v) for k, v in bound.items()}


def conditions_to_json(result: RegionsResult | SPERegionsResult, indent: int | None = 2) -> str:
    """The ``gta conditions --json`` text of a :class:`RegionsResult` or :class:`SPERegionsResult`.

    Examples
    --------
    >>> import json
    >>> from gametheory_alliances import NormalFormGame
    >>> game = NormalFormGame(
    ...     [[["b", 0], [0, 1]], [[1, 0], [0, "b"]]], parameters={"b": "positive"}
    ... )
    >>> data = json.loads(conditions_to_json(equilibrium_regions(game)))
    >>> data["parameters"], data["regions"][2]
    (['b'], {'label': 'mixed (1/2, 1/2)', 'strategies': [['b/(b + 1)', '1/(b + 1)'], ['1/(b + 1)', 'b/(b + 1)']], 'payoffs': ['b/(b + 1)', 'b/(b + 1)'], 'condition': 'True'})
    """
    return json.dumps(result.to_dict(), indent=indent)


@dataclass
class _Vertex:
    """A vertex formula of a best-response polyhedron: mixed strategy, value, labels, region."""

    x: tuple[Any, ...]
    value: Any
    labels: frozenset[int]
    condition: sympy.Basic
    boundary: tuple[sympy.Expr, ...]


def _sign_of(expr: Any, signs: Iterable[str], simplifier: _Simplifier) -> sympy.Basic:
    """The condition that a rational expression has one of ``signs``, split on its denominator."""
    allowed = frozenset(signs)
    num, den = sympy.fraction(sympy.cancel(sympy.together(sympy.sympify(expr))))
    den = sympy.expand(den)
    possible = simplifier.possible_signs(den)
    branches = []
    if "+" in possible:
        branches.append(sympy.And(compare(den, "+"), compare(num, allowed)))
    if "-" in possible:
        branches.append(sympy.And(compare(den, "-"), compare(num, _flip(allowed))))
    if len(branches) == 1:
        return compare(num, allowed if "+" in possible else _flip(allowed))
    return sympy.Or(*branches)


def _sign_condition(
    den: sympy.Expr, numerators: Sequence[sympy.Expr], simplifier: _Simplifier
) -> sympy.Basic:
    """``numerators[k] / den >= 0`` for all k, with ``den != 0``, split on the sign of ``den``."""
    signs = simplifier.possible_signs(den)
    branches = []
    if "+" in signs:
        branches.append(sympy.And(compare(den, "+"), *(compare(n, "0+") for n in numerators)))
    if "-" in signs:
        branches.append(sympy.And(compare(den, "-"), *(compare(n, "-0") for n in numerators)))
    return sympy.Or(*branches)


def _solve(rows: list[list[Any]], rhs: list[Any]) -> list[Any] | None:
    """Solve a square linear system over a field by Gauss-Jordan elimination; None if singular."""
    size = len(rows)
    aug = [[*row, b] for row, b in zip(rows, rhs, strict=True)]
    for col in range(size):
        pivot = next((r for r in range(col, size) if aug[r][col] != 0), None)
        if pivot is None:
            return None
        aug[col], aug[pivot] = aug[pivot], aug[col]
        inv = 1 / aug[col][col]
        aug[col] = [v * inv for v in aug[col]]
        for r in range(size):
            if r != col and aug[r][col] != 0:
                factor = aug[r][col]
                aug[r] = [v - factor * w for v, w in zip(aug[r], aug[col], strict=True)]
    return [aug[r][size] for r in range(size)]


def _ring_rows(rows: list[list[Any]]) -> list[list[Any]] | None:
    """Rows of field elements scaled to polynomials by positive constants, or None."""
    out = []
    for row in rows:
        scale = 1
        for c in row:
            if not c.denom.is_ground:
                return None
            scale = math.lcm(scale, int(abs(c.denom.LC)))
        out.append([(c * scale).numer for c in row])
    return out


def _solve_ring(rows: list[list[Any]], rhs: list[Any]) -> tuple[list[Any], Any] | None:
    """Fraction-free Gauss-Jordan elimination (Bareiss) over a polynomial ring.

    Returns numerators and a common denominator, reduced by their gcd and
    with a positive leading coefficient, or None if the system is singular.
    """
    size = len(rows)
    aug = [[*row, b] for row, b in zip(rows, rhs, strict=True)]
    prev = None
    for col in range(size):
        pivot = next((r for r in range(col, size) if aug[r][col] != 0), None)
        if pivot is None:
            return None
        aug[col], aug[pivot] = aug[pivot], aug[col]
        p = aug[col][col]
        for r in range(size):
            if r == col:
                continue
            f = aug[r][col]
            new = []
            for j in range(size + 1):
                if j == col:
                    new.append(f.ring.zero)
                    continue
                v = p * aug[r][j] - f * aug[col][j]
                new.append(v if prev is None else v.exquo(prev))
            aug[r] = new
        prev = p
    # Every diagonal entry is now the determinant (up to the row swaps); the
    # least common multiple keeps this exact even if they differed.
    den = aug[0][0]
    for i in range(1, size):
        if aug[i][i] != den:
            den = den.lcm(aug[i][i])
    nums = [aug[i][size] * den.exquo(aug[i][i]) for i in range(size)]
    g = den
    for n in nums:
        g = g.gcd(n)
    nums = [n.exquo(g) for n in nums]
    den = den.exquo(g)
    if den.LC < 0:
        nums, den = [-n for n in nums], -den
    return nums, den


def _vertices(
    opponent: list[list[Any]],
    own_offset: int,
    opp_offset: int,
    field: Any,
    simplifier: _Simplifier,
) -> list[_Vertex]:
    """Vertex formulas of ``{(x, v): x in simplex, opponent^T x <= v}``.

    ``opponent[i][j]`` (an element of the rational function ``field``) is the
    opponent's payoff from its strategy ``j`` when this player plays ``i``.
    Label ``own_offset + i`` means ``x_i = 0``; label ``opp_offset + j`` means
    the opponent's strategy ``j`` is a best response (``(opponent^T x)_j = v``).
    A basis is a choice of ``k`` tight constraints; its solution, a vector of
    rational functions of the parameters, is kept when the system is not
    identically singular, and bases giving the same formula are merged.
    """
    k, m = len(opponent), len(opponent[0])
    count = sympy.binomial(k + m, k)
    if count > MAX_VERTEX_BASES:
        raise TooLargeError(
            f"symbolic vertex enumeration would solve {count} bases for one player "
            f"(at most {MAX_VERTEX_BASES}); the game is too large for closed-form regions"
        )
    one, zero = field.one, field.zero
    # Constraint rows over the unknowns (x_0, ..., x_{k-1}, v): row . (x, v) is
    # x_i for "x_i >= 0" and v - (opponent^T x)_j for "v >= (opponent^T x)_j".
    constraints: list[tuple[int, list[Any]]] = []
    for i in range(k):
        constraints.append((own_offset + i, [one if r == i else zero for r in range(k)] + [zero]))
    for j in range(m):
        constraints.append((opp_offset + j, [-opponent[i][j] for i in range(k)] + [one]))
    found: dict[tuple[Any, ...], _Vertex] = {}
    simplex = [one] * k + [zero]
    ring_rows = _ring_rows([simplex] + [row for _, row in constraints])
    for tight in itertools.combinations(range(k + m), k):
        if ring_rows is not None:
            # Polynomial payoffs: fraction-free elimination in the polynomial
            # ring, one gcd per basis instead of one per field operation.
            ring = ring_rows[0][0].ring
            solved = _solve_ring(
                [ring_rows[0]] + [ring_rows[1 + t] for t in tight],
                [ring.one] + [ring.zero] * k,
            )
            if solved is None:
                continue
            nums, den = solved
            key = (*nums, den)
            if key in found:
                continue
            solution = [field.new(n, den) for n in nums]
            labels = set()
            numerators = []
            for (label, _), row in zip(constraints, ring_rows[1:], strict=True):
                value = sum((c * s for c, s in zip(row, nums, strict=True)), ring.zero)
                if value == 0:
                    labels.add(label)
                else:
                    numerators.append(value.as_expr())
        else:
            rows = [simplex] + [constraints[t][1] for t in tight]
            field_solution = _solve(rows, [one] + [zero] * k)
            if field_solution is None:
                continue
            solution = field_solution
            key = tuple(solution)
            if key in found:
                continue
            den = solution[0].denom
            for s in solution[1:]:
                den = den.lcm(s.denom)
            labels = set()
            numerators = []
            for label, row in constraints:
                value = sum((c * s for c, s in zip(row, solution, strict=True)), zero)
                if value == 0:
                    labels.add(label)
                else:
                    # value * den is a rational function when payoffs have
                    # parameter denominators: numerator times denominator has
                    # its sign wherever it is defined.
                    scaled = value * den
                    numerators.append((scaled.numer * scaled.denom).as_expr())
        den_expr = den.as_expr()
        found[key] = _Vertex(
            tuple(solution[:k]),
            solution[k],
            frozenset(labels),
            simplifier.simplify(_sign_condition(den_expr, numerators, simplifier)),
            tuple(e for e in (den_expr, *numerators) if not e.is_number),
        )
    return list(found.values())


def _exact_array(arr: np.ndarray) -> np.ndarray:
    """Payoff expressions with floating-point numbers replaced by the rationals they print as."""
    out = np.empty(arr.shape, dtype=object)
    for idx, e in np.ndenumerate(arr):
        floats = e.atoms(sympy.Float)
        out[idx] = e.xreplace({f: sympy.Rational(repr(float(f))) for f in floats}) if floats else e
    return out


def _unwrap(game: Any) -> Any:
    """The game of a catalogue model (anything with a ``game`` attribute), else ``game``."""
    from ..sequential import SequentialGame

    if not isinstance(game, NormalFormGame | SequentialGame) and hasattr(game, "game"):
        return game.game
    return game


def _check_game(game: Any) -> NormalFormGame:
    game = _unwrap(game)
    if hasattr(game, "to_normal_form") and not isinstance(game, NormalFormGame):
        game = game.to_normal_form()
    if not isinstance(game, NormalFormGame):
        raise GameError(
            f"expected a NormalFormGame (or a game with to_normal_form()), found "
            f"{type(game).__name__}"
        )
    return game


def equilibrium_regions(game: Any, *, concept: str = "nash") -> RegionsResult | SPERegionsResult:
    """Every candidate equilibrium in closed form with the region where it holds.

    Parameters
    ----------
    game
        A :class:`NormalFormGame` with symbolic (or numeric) payoffs, a
        sequential game (reduced to its normal form for ``"nash"`` and
        ``"pure"``), or a catalogue model (its game).
    concept
        ``"nash"``: the extreme Nash equilibria of a two-player game. Each
        candidate is a pair of vertex formulas of the players' best-response
        polyhedra whose label sets are complete for all parameter values;
        its strategies solve the indifference conditions (exact rational
        functions of the parameters) and its region is where they are
        defined, are probabilities, and leave no profitable deviation.
        ``"pure"``: the pure profiles of an n-player game, each with the
        conjunction of its best-response inequalities. ``"spe"``: the
        subgame-perfect equilibria of a tree, by :func:`spe_regions`.

    Returns
    -------
    RegionsResult
        A mapping ``{SymbolicEquilibrium: Region}``; regions provably empty
        under the parameters' domains are dropped.

    Raises
    ------
    SolverError
        For ``concept="nash"`` on a game that does not have two players, or
        an unknown concept.
    TooLargeError
        When symbolic vertex enumeration would be too large.

    Examples
    --------
    The alliance burden-sharing game (Chicken-like: each ally prefers the
    other to pay the cost ``c`` of the common good ``b``):

    >>> from gametheory_alliances import NormalFormGame
    >>> game = NormalFormGame(
    ...     [[["b - c", "b - c"], ["b", 0]], [["b - c", "b"], ["b - c", 0]]],
    ...     strategies=[["Contribute", "Free-ride"], ["Contribute", "Free-ride"]],
    ...     parameters={"b": "positive", "c": "positive"},
    ... )
    >>> regions = equilibrium_regions(game)
    >>> print(regions)
    (Contribute, Free-ride): b >= c
    (Free-ride, Contribute): b >= c
    (Free-ride, Free-ride): c >= b
    mixed (Contribute/Free-ride, Contribute/Free-ride) ((b - c)/b, c/b), ((b - c)/b, c/b): b >= c
    >>> [eq.strategies for eq in regions.equilibria_at(b=2, c=1)][1]
    ((0.5, 0.5), (0.5, 0.5))
    """
    result: RegionsResult | SPERegionsResult
    if concept == "spe":
        result = spe_regions(_unwrap(game))
    else:
        result = _regions(game, concept)
    assumptions = [cond for cond, _ in getattr(game, "assumptions", ())]
    if assumptions:
        result = _restrict(result, assumptions)
    return result


def _restrict(result: Any, conditions: Sequence[sympy.Basic]) -> Any:
    """The result with every region intersected with ``conditions`` (a model's assumptions).

    Regions that become provably empty are dropped; an assumption that a
    region already implies (provably) is not repeated in it.
    """
    atoms: list[sympy.Basic] = []
    for cond in conditions:
        atoms.extend(cond.args if isinstance(cond, sympy.And) else [cond])
    entries = []
    for eq, region in result.entries:
        extra = [
            atom
            for atom in atoms
            if not Region(region.condition & sympy.Not(atom), region.parameters).is_empty()
        ]
        restricted = Region(sympy.And(region.condition, *extra), region.parameters)
        if not restricted.is_empty():
            entries.append((eq, restricted))
    return dataclasses.replace(result, entries=tuple(entries))


def _regions(game: Any, concept: str) -> RegionsResult:
    """:func:`equilibrium_regions` for the normal-form concepts."""
    game = _check_game(game)
    if concept == "pure":
        return _pure_regions(game)
    if concept != "nash":
        raise SolverError(f"concept {concept!r}: expected 'nash', 'pure' or 'spe'")
    if game.n_players != 2:
        raise SolverError(
            f"closed-form mixed equilibria need a two-player game; this game has "
            f"{game.n_players} players (use concept='pure')"
        )
    a, b = (_exact_array(arr) for arr in game.payoff_expressions())
    m, n = a.shape
    field, elements = sfield(list(a.flat) + list(b.flat))
    fa = np.array(elements[: m * n], dtype=object).reshape(m, n)
    fb = np.array(elements[m * n :], dtype=object).reshape(m, n)
    simplifier = _Simplifier(game.parameters)
    xs = _vertices(fb.tolist(), 0, m, field, simplifier)
    ys = _vertices(fa.T.tolist(), m, 0, field, simplifier)
    everything = frozenset(range(m + n))
    boundaries: list[sympy.Expr] = []
    for vertex in (*xs, *ys):
        boundaries.extend(vertex.boundary)
    merged: dict[tuple[Any, ...], list[Any]] = {}
    values: dict[tuple[Any, ...], list[tuple[Any, Any]]] = {}
    for vx in xs:
        for vy in ys:
            if vx.condition is sympy.false or vy.condition is sympy.false:
                continue
            if (vx.labels | vy.labels) != everything:
                continue
            merged.setdefault((vx.x, vy.x), []).append(sympy.And(vx.condition, vy.condition))
            values.setdefault((vx.x, vy.x), []).append((vy.value, vx.value))
    entries = []
    for (x, y), conditions in merged.items():
        region = Region(simplifier.simplify(sympy.Or(*conditions)), game.parameters, simplify=False)
        if region.is_empty():
            continue
        # At an equilibrium each player's payoff is the value of the opponent's
        # vertex (the best-response payoff); several vertex formulas for one
        # profile (degenerate games) agree only on their own regions, so then
        # the payoff is computed from the profile.
        if len(set(values[(x, y)])) == 1:
            pair = values[(x, y)][0]
        else:
            pair = tuple(
                sum((x[i] * mat[i, j] * y[j] for i in range(m) for j in range(n)), field.zero)
                for mat in (fa, fb)
            )
        payoffs = tuple(sympy.factor_terms(v.as_expr()) for v in pair)
        strategies = (tuple(e.as_expr() for e in x), tuple(e.as_expr() for e in y))
        eq = SymbolicEquilibrium(_profile_label(game, strategies), strategies, payoffs)
        entries.append((eq, region))
    entries.sort(key=lambda item: _entry_key(item[0]))
    return RegionsResult(game, "nash", tuple(entries), _dedupe(boundaries))


def _entry_key(eq: SymbolicEquilibrium) -> tuple[Any, ...]:
    support = eq.support
    return (
        sum(len(s) for s in support),
        tuple(
            tuple(-int(k in s) for k in range(len(p)))
            for s, p in zip(support, eq.strategies, strict=True)
        ),
        sympy.default_sort_key(eq.strategies),
    )


def _dedupe(exprs: Iterable[sympy.Expr]) -> tuple[sympy.Expr, ...]:
    out: dict[sympy.Expr, None] = {}
    for e in exprs:
        e = sympy.expand(e)
        if e.is_number:
            continue
        _, prim = e.as_content_primitive()
        if prim.could_extract_minus_sign():
            prim = -prim
        out.setdefault(prim, None)
    return tuple(sorted(out, key=sympy.default_sort_key))


def _pure_regions(game: NormalFormGame) -> RegionsResult:
    arrays = game.payoff_expressions()
    simplifier = _Simplifier(game.parameters)
    entries = []
    boundaries: list[sympy.Expr] = []
    for profile in game.pure_profiles():
        atoms = []
        for i, arr in enumerate(arrays):
            here = arr[profile]
            for k in range(game.shape[i]):
                if k == profile[i]:
                    continue
                dev = list(profile)
                dev[i] = k
                diff = sympy.expand(here - arr[tuple(dev)])
                atoms.append(compare(diff, "0+"))
                boundaries.append(diff)
        cond = simplifier.simplify(sympy.And(*atoms))
        if cond is sympy.false:
            continue
        strategies = tuple(
            tuple(sympy.Integer(int(k == profile[i])) for k in range(game.shape[i]))
            for i in range(game.n_players)
        )
        payoffs = tuple(arr[profile] for arr in arrays)
        eq = SymbolicEquilibrium(_profile_label(game, strategies), strategies, payoffs)
        entries.append((eq, Region(cond, game.parameters, simplify=False)))
    return RegionsResult(game, "pure", tuple(entries), _dedupe(boundaries))


# -- thresholds ------------------------------------------------------------------------


def _tidy_polynomial(expr: sympy.Expr, simplifier: _Simplifier | None = None) -> sympy.Expr:
    e = sympy.expand(expr)
    terms = sympy.Add.make_args(e)
    counts: dict[sympy.Symbol, int] = {}
    for t in terms:
        for s in t.free_symbols:
            counts[s] = counts.get(s, 0) + 1
    shared = sorted((s for s, c in counts.items() if c > 1), key=lambda s: (-counts[s], s.name))
    if shared:
        e = sympy.collect(e, shared[:1])
    out = []
    for t in sympy.Add.make_args(e):
        coeff, factors = t.as_coeff_mul()
        new = []
        for f in factors:
            if f.is_Add:
                negative = (
                    simplifier.possible_signs(f) <= frozenset("-0")
                    if simplifier is not None
                    else sympy.sstr(f).startswith("-")
                )
                if negative or (simplifier is not None and sympy.sstr(f).startswith("-")):
                    f, coeff = -f, -coeff
                f = _tidy_polynomial(f, simplifier)
            new.append(f)
        out.append(sympy.Mul(coeff, *new))
    return sympy.Add(*out)


def _tidy(expr: sympy.Expr, simplifier: _Simplifier | None = None) -> sympy.Expr:
    """A readable form of a threshold: collected by parameter, minus signs pulled out.

    With a simplifier, a denominator that is negative on the domains is negated.
    """
    num, den = sympy.fraction(sympy.cancel(sympy.together(expr)))
    negative = simplifier is not None and simplifier.possible_signs(sympy.expand(den)) <= frozenset(
        "-"
    )
    if negative or (simplifier is None and den.could_extract_minus_sign()):
        num, den = -num, -den
    num, den = _tidy_polynomial(num, simplifier), _tidy_polynomial(den, simplifier)
    if den == 1:
        return num
    return sympy.Mul(num, sympy.Pow(den, -1))


_OP_OF_SIGNS = {
    "+": sympy.StrictGreaterThan,
    "0+": sympy.GreaterThan,
    "-": sympy.StrictLessThan,
    "-0": sympy.LessThan,
    "0": sympy.Equality,
    "-+": sympy.Unequality,
}


def _solve_atom(atom: Relational, sym: sympy.Symbol, simplifier: _Simplifier) -> sympy.Basic:
    signs = _OP_SIGNS.get(type(atom))
    if signs is None:
        return atom
    e = sympy.expand(atom.lhs - atom.rhs)
    if sym not in e.free_symbols:
        return atom
    try:
        poly = sympy.Poly(e, sym)
    except sympy.PolynomialError:
        poly = None
    if poly is None or poly.degree() != 1:
        raise ExpressionError(
            f"condition {atom} is not linear in {sym.name}: threshold() solves linear conditions"
        )
    a = poly.coeff_monomial(sym)
    b = poly.coeff_monomial(1)
    bound = _tidy(-b / a, simplifier)

    def solved(s: _Signs) -> sympy.Basic:
        key = "".join(x for x in "-0+" if x in s)
        return _OP_OF_SIGNS[key](sym, bound, evaluate=False)

    possible = simplifier.possible_signs(a)
    branches = []
    if "+" in possible:
        branches.append(sympy.And(compare(a, "+"), solved(signs)))
    if "-" in possible:
        branches.append(sympy.And(compare(a, "-"), solved(_flip(signs))))
    if "0" in possible:
        branches.append(sympy.And(compare(a, "0"), compare(b, signs)))
    if len(branches) == 1 and possible in (frozenset("+"), frozenset("-")):
        return solved(signs if possible == frozenset("+") else _flip(signs))
    return sympy.Or(*branches)


def _map_atoms(cond: sympy.Basic, f: Callable[[Relational], sympy.Basic]) -> sympy.Basic:
    if isinstance(cond, Relational):
        return f(cond)
    if isinstance(cond, sympy.And | sympy.Or | sympy.Not):
        return type(cond)(*(_map_atoms(a, f) for a in cond.args))
    return cond


def threshold(condition: Any, parameter: str | Parameter | sympy.Symbol) -> Region:
    """Solve a condition, linear in one parameter, for that parameter.

    Each comparison mentioning the parameter is rewritten as ``parameter op
    bound``; the direction flips when the parameter's coefficient is
    negative. The sign of the coefficient is decided from the parameters'
    domains; when it is not known, the result is split into the cases
    ``coefficient > 0``, ``< 0`` and ``= 0`` rather than guessed.

    Parameters
    ----------
    condition
        A :class:`Region` or a sympy boolean (comparisons joined by ``&``, ``|``, ``~``).
    parameter
        The parameter to solve for (a name, a :class:`Parameter` or a symbol).

    Returns
    -------
    Region

    Raises
    ------
    ExpressionError
        If a comparison is not linear in the parameter.
    UnknownParameterError
        If the parameter is not among the condition's parameters.

    Examples
    --------
    The patron defends its protégé when the value of the alliance plus its
    reputation outweigh the cost of war:

    >>> from gametheory_alliances import Parameter
    >>> k_P, v, r = (Parameter(n, "positive") for n in ("k_P", "v", "r"))
    >>> pi_D, pi_S = Parameter("pi_D", "[0, 1]"), Parameter("pi_S", "[0, 1]")
    >>> defend = Region(
    ...     v.symbol * (pi_D.symbol - pi_S.symbol) + r.symbol >= k_P.symbol,
    ...     [k_P, v, r, pi_D, pi_S],
    ... )
    >>> print(threshold(defend, "r"))
    r >= k_P - v*(pi_D - pi_S)
    >>> print(threshold(defend, "v"))
    (Eq(pi_D, pi_S) & (r >= k_P)) | ((pi_D > pi_S) & (v >= (k_P - r)/(pi_D - pi_S))) | ((pi_S > pi_D) & (v <= (k_P - r)/(pi_D - pi_S)))
    """
    if isinstance(condition, Region):
        table = condition.parameters
        cond = condition.condition
    else:
        cond = _as_boolean(condition, {})
        table = _parameters_of(cond, None)
    name = parameter.name if isinstance(parameter, Parameter | sympy.Symbol) else str(parameter)
    if name not in table:
        raise UnknownParameterError(
            f"threshold: {name!r} is not a parameter of the condition; its parameters are "
            f"{', '.join(table) or 'none'}"
        )
    by_name = {n: p.symbol for n, p in table.items()}
    cond = cond.xreplace({s: by_name[s.name] for s in cond.free_symbols})
    simplifier = _Simplifier(table)
    solved = _map_atoms(cond, lambda atom: _solve_atom(atom, by_name[name], simplifier))
    return Region(solved, table)


# -- sequential games: symbolic backward induction ----------------------------------------


@dataclass(frozen=True)
class SymbolicSPE:
    """A pure subgame-perfect equilibrium of a tree, in closed form.

    Attributes
    ----------
    label
        The actions chosen at the information sets, in their order.
    choices
        ``(information set label, action)`` for every information set.
    payoffs
        Each player's payoff as an expression in the parameters.
    path
        The actions on the equilibrium path (chance outcomes included).
    """

    label: str
    choices: tuple[tuple[str, str], ...]
    payoffs: tuple[sympy.Expr, ...]
    path: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Choices, path and payoffs, expressions as sympy-readable strings."""
        return {
            "label": self.label,
            "choices": dict(self.choices),
            "path": list(self.path),
            "payoffs": [sympy.sstr(v) for v in self.payoffs],
        }


@dataclass(frozen=True, eq=False)
class SPERegionsResult(_RegionTable[SymbolicSPE]):
    """Symbolic backward induction: each pure SPE of a tree with the region where it is one.

    A read-only mapping ``{SymbolicSPE: Region}``. At every point of
    parameter space the SPE are exactly those whose regions contain it; ties
    (a mover indifferent between actions) are kept on the boundaries, where
    several SPE hold at once.
    """

    game: Any = field(repr=False)
    entries: tuple[tuple[SymbolicSPE, Region], ...]
    boundaries: tuple[sympy.Expr, ...] = ()
    concept: str = "spe"

    def equilibria_at(self, **values: Any) -> tuple[SymbolicSPE, ...]:
        """The SPE whose regions contain the point (defaults fill unbound parameters)."""
        self.game.at(**values)
        return tuple(eq for eq, region in self.entries if region.contains(**values))

    def to_dict(self) -> dict[str, Any]:
        """The ``gta conditions --json`` object for ``--concept spe``."""
        return {
            "players": list(self.game.players),
            "concept": "spe",
            "parameters": list(self.parameters),
            "regions": [
                {**eq.to_dict(), "condition": sympy.sstr(region.condition)}
                for eq, region in self.entries
            ],
        }

    def latex(self) -> str:
        """One line per SPE and its condition, in LaTeX."""
        lines = [
            f"\\text{{{eq.label}}} & \\text{{if }} {region.latex()}" for eq, region in self.entries
        ]
        return "\\begin{cases}\n" + " \\\\\n".join(lines) + "\n\\end{cases}"

    def _repr_latex_(self) -> str:
        """Each equilibrium and its condition, as an aligned LaTeX list."""
        from ..display import regions_latex

        return regions_latex(self)

    def __str__(self) -> str:
        if not self.entries:
            return "no subgame-perfect equilibrium has a nonempty region"
        return "\n".join(f"{eq.label}: {region}" for eq, region in self.entries)

    def __repr__(self) -> str:
        return f"SPERegionsResult({len(self)} regions)\n" + "\n".join(
            "  " + line for line in str(self).splitlines()
        )


MAX_SPE_PIECES = 20_000
"""Most pieces symbolic backward induction may hold before it gives up."""


def spe_regions(game: Any) -> SPERegionsResult:
    """Symbolic backward induction: every pure SPE of a perfect-information tree and its region.

    At each decision node the mover's chosen action must give it at least the
    payoff of every other action, given the choices below (weak
    inequalities, so ties keep every best action). Pieces whose conditions
    are provably empty under the domains are pruned as the induction goes up
    the tree.

    Parameters
    ----------
    game
        A :class:`~gametheory_alliances.sequential.SequentialGame` with
        perfect information (chance nodes allowed).

    Returns
    -------
    SPERegionsResult

    Raises
    ------
    SolverError
        If the game has imperfect information.
    TooLargeError
        If the number of pieces exceeds :data:`MAX_SPE_PIECES`.

    Examples
    --------
    >>> from gametheory_alliances.sequential import SequentialGame, Decision, Terminal
    >>> deterrence = SequentialGame(
    ...     Decision("Challenger", {
    ...         "Status quo": Terminal([0, 0]),
    ...         "Challenge": Decision("Patron", {
    ...             "Defend": Terminal(["-c", "r - k"]),
    ...             "Abandon": Terminal([1, -1]),
    ...         }),
    ...     }),
    ...     parameters={"c": "positive", "k": "positive", "r": "positive"},
    ... )
    >>> print(spe_regions(deterrence))
    (Status quo, Defend): r + 1 >= k
    (Challenge, Abandon): k >= r + 1
    """
    from ..sequential import SequentialGame

    game = _unwrap(game)
    if not isinstance(game, SequentialGame):
        raise SolverError(
            f"symbolic backward induction needs a SequentialGame, found {type(game).__name__}"
        )
    if not game.is_perfect_information:
        raise SolverError(
            "symbolic backward induction handles games of perfect information; this game "
            "has information sets with several nodes (analyse its normal form with "
            "equilibrium_regions instead)"
        )
    nodes = game._nodes
    simplifier = _Simplifier(game.parameters)
    boundaries: list[sympy.Expr] = []
    Piece = tuple[dict[int, int], tuple[sympy.Expr, ...], list[sympy.Basic]]

    def combine(children: list[list[Piece]]) -> list[tuple[dict[int, int], list[Any], list[Any]]]:
        # Children are joined one at a time so that contradictory partial
        # combinations are pruned before they multiply.
        partial: list[tuple[dict[int, int], list[Any], list[Any]]] = [({}, [], [])]
        for n, pieces in enumerate(children):
            joined = []
            for assign, values, atoms in partial:
                for a, v, t in pieces:
                    term = simplifier.term(atoms + t) if n and atoms and t else atoms + t
                    if term is None:
                        continue
                    joined.append(({**assign, **a}, [*values, v], term))
            partial = joined
            if len(partial) > MAX_SPE_PIECES:
                raise TooLargeError(
                    f"symbolic backward induction: more than {MAX_SPE_PIECES} partial pieces"
                )
        return partial

    def solve(k: int) -> list[Piece]:
        nd = nodes[k]
        if nd.kind == "terminal":
            return [({}, tuple(nd.payoffs), [])]
        children = [solve(c) for c in nd.children]
        out: list[Piece] = []
        for assign, values, atoms in combine(children):
            if nd.kind == "chance":
                total = tuple(
                    sympy.expand(
                        sum(
                            (p * v[i] for p, v in zip(nd.probs, values, strict=True)),
                            sympy.Integer(0),
                        )
                    )
                    for i in range(game.n_players)
                )
                out.append((assign, total, atoms))
                continue
            i = nd.player
            for a, value in enumerate(values):
                best = []
                for b, other in enumerate(values):
                    if b != a:
                        diff = sympy.expand(value[i] - other[i])
                        boundaries.append(diff)
                        best.append(compare(diff, "0+"))
                term = simplifier.term(atoms + best)
                if term is None:
                    continue
                out.append(({**assign, nd.infoset: a}, value, term))
        if len(out) > MAX_SPE_PIECES:
            raise TooLargeError(
                f"symbolic backward induction: more than {MAX_SPE_PIECES} pieces below "
                f"{'the root' if not nd.path else 'node ' + ' > '.join(nd.path)}"
            )
        return out

    pieces = solve(0)
    entries = []
    infosets = game.infosets
    for assign, values, atoms in pieces:
        choices = tuple(
            (h.label, h.actions[assign[idx]]) for idx, h in enumerate(infosets) if idx in assign
        )
        label = "(" + ", ".join(a for _, a in choices) + ")"
        path = _spe_path(nodes, assign)
        eq = SymbolicSPE(label, choices, tuple(sympy.factor_terms(v) for v in values), path)
        entries.append((eq, Region(sympy.And(*atoms), game.parameters, simplify=False)))
    return SPERegionsResult(game, tuple(entries), _dedupe(boundaries))


def _spe_path(nodes: Sequence[Any], assign: Mapping[int, int]) -> tuple[str, ...]:
    path: list[str] = []

    def walk(k: int) -> None:
        nd = nodes[k]
        if nd.kind == "decision":
            a = assign[nd.infoset]
            path.append(nd.actions[a])
            walk(nd.children[a])
        elif nd.kind == "chance":
            for label, p, c in zip(nd.actions, nd.probs, nd.children, strict=True):
                if p != 0:
                    path.append(label)
                    walk(c)

    walk(0)
    return tuple(path)


# -- credibility -------------------------------------------------------------------------------


def _positive(p: sympy.Expr) -> sympy.Basic:
    num, den = sympy.fraction(sympy.together(p))
    return sympy.Or(
        sympy.And(compare(num, "+"), compare(den, "+")),
        sympy.And(compare(num, "-"), compare(den, "-")),
    )


def credibility(game: Any, infoset: Any, action: str, *, mode: str = "every") -> Region:
    """The region where an action is played in every (or some) equilibrium.

    Parameters
    ----------
    game
        A sequential game of perfect information (subgame-perfect
        equilibria, by :func:`spe_regions`) or a two-player normal-form game
        (Nash equilibria, by :func:`equilibrium_regions`; "played" means
        played with positive probability).
    infoset
        For a tree: the information set's label or index. For a normal-form
        game: the player's label or index.
    action
        The action (strategy) label.
    mode
        ``"every"``: no equilibrium plays another action there (ties at a
        boundary, where another action is also optimal, are excluded);
        ``"some"``: at least one equilibrium plays it.

    Returns
    -------
    Region

    Examples
    --------
    >>> from gametheory_alliances.sequential import SequentialGame, Decision, Terminal
    >>> game = SequentialGame(
    ...     Decision("Challenger", {
    ...         "Status quo": Terminal([0, 0]),
    ...         "Challenge": Decision("Patron", {
    ...             "Defend": Terminal(["-1", "v*(pi_D - pi_S) + r - k_P"]),
    ...             "Abandon": Terminal([1, 0]),
    ...         }),
    ...     }),
    ...     parameters={"v": "positive", "pi_D": "[0, 1]", "pi_S": "[0, 1]",
    ...                 "r": "nonnegative", "k_P": "positive"},
    ... )
    >>> defend = credibility(game, "Patron after Challenge", "Defend", mode="some")
    >>> print(defend)
    pi_D*v + r >= k_P + pi_S*v
    >>> print(threshold(defend, "r"))
    r >= k_P - v*(pi_D - pi_S)
    >>> print(credibility(game, "Patron after Challenge", "Defend"))
    pi_D*v + r > k_P + pi_S*v
    """
    if mode not in ("every", "some"):
        raise GameError(f"mode: expected 'every' or 'some', found {mode!r}")
    from ..sequential import SequentialGame

    game = _unwrap(game)
    if isinstance(game, SequentialGame):
        sets = game.infosets
        if isinstance(infoset, int) and not isinstance(infoset, bool):
            if not 0 <= infoset < len(sets):
                raise GameError(
                    f"information set index {infoset} is out of range 0..{len(sets) - 1}"
                )
            h = sets[infoset]
        else:
            matches = [
                s for s in sets if s.label == infoset or (s.key is not None and s.key == infoset)
            ]
            if not matches:
                raise GameError(
                    f"no information set {infoset!r}; the game's information sets are: "
                    + ", ".join(repr(s.label) for s in sets)
                )
            h = matches[0]
        if action not in h.actions:
            raise GameError(
                f"information set {h.label!r} has no action {action!r}; its actions are "
                + ", ".join(map(repr, h.actions))
            )
        result = spe_regions(game)
        plays = [(dict(eq.choices)[h.label] == action, region) for eq, region in result.entries]
        if mode == "some":
            return Region(sympy.Or(*(r.condition for ok, r in plays if ok)), game.parameters)
        others = sympy.Or(*(r.condition for ok, r in plays if not ok))
        return Region(_not(others), game.parameters)
    game = _check_game(game)
    if isinstance(infoset, int) and not isinstance(infoset, bool):
        if not 0 <= infoset < game.n_players:
            raise GameError(f"player index {infoset} is out of range 0..{game.n_players - 1}")
        player = infoset
    elif infoset in game.players:
        player = game.players.index(infoset)
    else:
        raise GameError(
            f"no player {infoset!r}; the game's players are: " + ", ".join(map(repr, game.players))
        )
    if action not in game.strategies[player]:
        raise GameError(
            f"player {game.players[player]!r} has no strategy {action!r}; its strategies are "
            + ", ".join(map(repr, game.strategies[player]))
        )
    k = game.strategies[player].index(action)
    regions = _regions(game, "nash" if game.n_players == 2 else "pure")
    if mode == "some":
        return Region(
            sympy.Or(
                *(
                    sympy.And(r.condition, _positive(eq.strategies[player][k]))
                    for eq, r in regions.entries
                )
            ),
            game.parameters,
        )
    bad = sympy.Or(
        *(
            sympy.And(r.condition, _not(_positive(eq.strategies[player][k])))
            for eq, r in regions.entries
        )
    )
    return Region(_not(bad), game.parameters)


# -- the symmetric 2x2 classification ------------------------------------------------------

SYMMETRIC_2X2_CLASSES = (
    "Prisoner's Dilemma",
    "Chicken",
    "Stag Hunt",
    "Harmony",
    "Deadlock",
    "other",
)
"""The names :func:`classify_symmetric_2x2` gives, in its order."""


def _ordinal_class(values: Mapping[str, int], regions: RegionsResult) -> str:
    """Name a symmetric 2x2 game from its equilibria and their Pareto ranking at ``values``."""
    eqs = regions.equilibria_at(**values)
    pure = {
        tuple(s.index(1) for s in e.exact_strategies or ())
        for e in eqs
        if e.is_pure and e.exact_strategies is not None
    }
    r, s, t, p = (values[k] for k in ("R", "S", "T", "P"))
    outcomes = {(0, 0): (r, r), (0, 1): (s, t), (1, 0): (t, s), (1, 1): (p, p)}

    def dominated(o: tuple[int, int]) -> bool:
        u = outcomes[o]
        return any(w[0] >= u[0] and w[1] >= u[1] and w != u for w in outcomes.values())

    cc, dd, cd, dc = (0, 0), (1, 1), (0, 1), (1, 0)
    if pure == {cc}:
        return "Harmony"
    if pure == {dd}:
        return "Prisoner's Dilemma" if dominated(dd) else "Deadlock"
    if pure == {cc, dd} and outcomes[cc][0] > outcomes[dd][0]:
        return "Stag Hunt"
    if pure == {cd, dc} and not dominated(cc):
        return "Chicken"
    return "other"


def classify_symmetric_2x2(game: NormalFormGame) -> dict[str, Region]:
    """The regions where a symmetric 2x2 game is a Prisoner's Dilemma, Chicken, Stag Hunt, ...

    The classes are derived, not typed in: for each of the 24 strict
    orderings of the payoffs ``R`` (mutual cooperation), ``S`` (the sucker's
    payoff), ``T`` (temptation) and ``P`` (mutual defection), the equilibria
    of the generic symmetric game are computed by :func:`equilibrium_regions`
    at a point of that ordering, and the ordering is named by the
    equilibria and their Pareto ranking:

    * Harmony: the only equilibrium is mutual cooperation;
    * Prisoner's Dilemma: the only equilibrium is mutual defection, and it is
      Pareto-dominated;
    * Deadlock: the only equilibrium is mutual defection, and it is not
      Pareto-dominated;
    * Stag Hunt: both symmetric profiles are equilibria, mutual cooperation
      paying more;
    * Chicken: the two asymmetric profiles are the pure equilibria, and
      mutual cooperation is not Pareto-dominated (in the Leader and Hero
      games it is);
    * other: the rest (coordination on defection, Leader, Hero, ...).

    The region of a class is the union of its orderings, written in the
    game's own payoff expressions and simplified under the parameters'
    domains. Orderings with ties are on the boundaries of the classes and in
    none of them.

    Parameters
    ----------
    game
        A symmetric two-player game with two strategies each (first strategy:
        cooperate), i.e. the column player's payoffs are the transpose of the
        row player's.

    Returns
    -------
    dict
        ``{class name: Region}`` for every name in :data:`SYMMETRIC_2X2_CLASSES`.

    References
    ----------
    A. Rapoport and M. Guyer (1966), "A taxonomy of 2x2 games", *General
    Systems* 11, 203-214. G. H. Snyder (1984), "The security dilemma in
    alliance politics", *World Politics* 36, 461-495.

    Examples
    --------
    Alliance burden sharing: each ally gains ``b`` from every contribution
    to the common defence, which costs its contributor ``c``:

    >>> from gametheory_alliances import NormalFormGame
    >>> burden = NormalFormGame(
    ...     [[["2*b - c", "b - c"], ["b", 0]], [["2*b - c", "b"], ["b - c", 0]]],
    ...     strategies=[["Contribute", "Free-ride"], ["Contribute", "Free-ride"]],
    ...     parameters={"b": "positive", "c": "positive"},
    ... )
    >>> classes = classify_symmetric_2x2(burden)
    >>> print(classes["Prisoner's Dilemma"])
    (c > b) & (2*b > c)
    >>> print(classes["Harmony"])
    b > c
    >>> print(classes["Chicken"])
    False
    """
    game = _check_game(game)
    if game.shape != (2, 2):
        raise GameError(f"expected a 2x2 game, found shape {game.shape}")
    a, b = game.payoff_expressions()
    for i in range(2):
        for j in range(2):
            if sympy.expand(a[i, j] - b[j, i]) != 0:
                raise GameError(
                    "expected a symmetric game (the column player's payoffs the transpose of the "
                    f"row player's); payoff {a[i, j]} of the row player at ({i}, {j}) differs from "
                    f"{b[j, i]} of the column player at ({j}, {i})"
                )
    payoffs = {"R": a[0, 0], "S": a[0, 1], "T": a[1, 0], "P": a[1, 1]}
    generic = NormalFormGame(
        [[["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]]],
        strategies=[["C", "D"], ["C", "D"]],
        parameters=["R", "S", "T", "P"],
    )
    regions = _regions(generic, "nash")
    conditions: dict[str, list[sympy.Basic]] = {name: [] for name in SYMMETRIC_2X2_CLASSES}
    for order in itertools.permutations("RSTP"):
        values = {name: 4 - rank for rank, name in enumerate(order)}
        name = _ordinal_class(values, regions)
        chain = [compare(payoffs[hi] - payoffs[lo], "+") for hi, lo in itertools.pairwise(order)]
        conditions[name].append(sympy.And(*chain))
    return {name: Region(sympy.Or(*conds), game.parameters) for name, conds in conditions.items()}


# -- repeated games -------------------------------------------------------------------------


@dataclass(frozen=True)
class GrimTrigger:
    """Grim-trigger (Nash reversion) conditions of an infinitely repeated game.

    Attributes
    ----------
    discount
        The discount factor's parameter.
    cooperative, punishment
        The stage profiles (strategy labels) played on the path and after a deviation.
    thresholds
        For each player, the smallest discount factor at which no one-shot
        deviation pays, ``(d - c) / (d - p)`` for the best deviation payoff
        ``d``, cooperation payoff ``c`` and punishment payoff ``p`` (valid
        where ``d > p``; the maximum over the player's deviations).
    threshold
        The largest of the players' thresholds.
    condition
        The exact region (parameters and discount factor) where grim trigger
        sustains the cooperative profile as a subgame-perfect equilibrium:
        no deviation pays and the punishment is a stage equilibrium.
    """

    discount: Parameter
    cooperative: tuple[str, ...]
    punishment: tuple[str, ...]
    thresholds: dict[str, sympy.Expr]
    threshold: sympy.Expr
    condition: Region

    def __str__(self) -> str:
        lines = [f"{p}: {self.discount.name} >= {t}" for p, t in self.thresholds.items()]
        lines.append(f"condition: {self.condition}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """Each player's discount threshold and the region, as an HTML table."""
        from ..display import grim_trigger_html

        return grim_trigger_html(self)

    def _repr_latex_(self) -> str:
        """Each player's discount threshold and the region, as an aligned LaTeX list."""
        from ..display import grim_trigger_latex

        return grim_trigger_latex(self)


def _profile_index(game: NormalFormGame, profile: Sequence[Any], what: str) -> tuple[int, ...]:
    if isinstance(profile, str) or len(profile) != game.n_players:
        raise GameError(
            f"{what}: expected one strategy per player ({game.n_players}), found {profile!r}"
        )
    out = []
    for i, s in enumerate(profile):
        if isinstance(s, int) and not isinstance(s, bool):
            if not 0 <= s < game.shape[i]:
                raise GameError(
                    f"{what}: strategy index {s} of {game.players[i]!r} is out of range"
                )
            out.append(s)
        elif s in game.strategies[i]:
            out.append(game.strategies[i].index(s))
        else:
            raise GameError(
                f"{what}: {game.players[i]!r} has no strategy {s!r}; its strategies are "
                + ", ".join(map(repr, game.strategies[i]))
            )
    return tuple(out)


def grim_trigger_threshold(
    stage_game: NormalFormGame,
    cooperative_profile: Sequence[Any],
    punishment_profile: Sequence[Any] | None = None,
    *,
    discount: str | Parameter = "delta",
) -> GrimTrigger:
    """The discount factors at which grim trigger sustains a cooperative stage profile.

    Every player plays ``cooperative_profile`` until someone deviates, then
    ``punishment_profile`` forever (Nash reversion). No one-shot deviation
    to a stage strategy with payoff ``d`` pays when
    ``c / (1 - delta) >= d + delta * p / (1 - delta)``, i.e.
    ``delta * (d - p) >= d - c``, solved for ``delta`` by :func:`threshold`
    (the direction follows the sign of ``d - p``; unknown signs are split
    into cases). The punishment must be a stage equilibrium for the threat
    to be credible; its region is part of the condition.

    Parameters
    ----------
    stage_game
        The stage game (numeric or symbolic payoffs).
    cooperative_profile
        One strategy (label or index) per player.
    punishment_profile
        The profile played after a deviation. Default: the stage game's only
        pure equilibrium candidate (an error if there is not exactly one).
    discount
        The name (or :class:`Parameter`) of the discount factor; its domain
        defaults to ``(0, 1)``.

    Returns
    -------
    GrimTrigger

    Examples
    --------
    >>> from gametheory_alliances import NormalFormGame
    >>> pd = NormalFormGame(
    ...     [[["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]]],
    ...     strategies=[["C", "D"], ["C", "D"]],
    ...     parameters=["R", "S", "T", "P"],
    ... )
    >>> gt = grim_trigger_threshold(pd, ("C", "C"), ("D", "D"))
    >>> gt.threshold
    (-R + T)/(-P + T)
    """
    game = _check_game(stage_game)
    coop = _profile_index(game, cooperative_profile, "cooperative profile")
    if punishment_profile is None:
        pure = _regions(game, "pure")
        if len(pure) != 1:
            raise GameError(
                f"the stage game has {len(pure)} pure equilibrium candidates; give the "
                "punishment profile explicitly"
            )
        eq = next(iter(pure))
        punish = tuple(s.index(1) for s in eq.strategies)
    else:
        punish = _profile_index(game, punishment_profile, "punishment profile")
    delta = discount if isinstance(discount, Parameter) else Parameter(str(discount), "(0, 1)")
    if delta.name in game.parameters:
        delta = game.parameters[delta.name]
    table = {**game.parameters, delta.name: delta}
    d_sym = delta.symbol
    arrays = game.payoff_expressions()
    atoms = []
    thresholds: dict[str, sympy.Expr] = {}
    for i, arr in enumerate(arrays):
        c, p = arr[coop], arr[punish]
        candidates = []
        for k in range(game.shape[i]):
            if k == coop[i]:
                continue
            dev = list(coop)
            dev[i] = k
            d = arr[tuple(dev)]
            atoms.append(sympy.GreaterThan(d_sym * (d - p), d - c, evaluate=False))
            if sympy.expand(d - p) == 0:
                candidates.append(sympy.S.Zero)
                continue
            ratio = sympy.cancel((d - c) / (d - p))
            num, den = sympy.fraction(ratio)
            if sympy.expand(num * (d - p) - den * (d - c)) == 0 and not den.is_number:
                # no common factor: keep the textbook orientation (d - c) / (d - p)
                ratio = sympy.Mul(_tidy_polynomial(d - c), sympy.Pow(_tidy_polynomial(d - p), -1))
            else:
                ratio = _tidy(ratio, _Simplifier(game.parameters))
            candidates.append(ratio)
        thresholds[game.players[i]] = sympy.Max(*candidates) if candidates else sympy.S.Zero
    stage_ok = _regions(game, "pure")
    punish_region = sympy.false
    for eq, region in stage_ok.entries:
        if tuple(s.index(1) for s in eq.strategies) == punish:
            punish_region = region.condition
    solved = threshold(Region(sympy.And(*atoms), table, simplify=False), delta.name)
    condition = solved & Region(punish_region, table)
    return GrimTrigger(
        delta,
        tuple(game.strategies[i][k] for i, k in enumerate(coop)),
        tuple(game.strategies[i][k] for i, k in enumerate(punish)),
        thresholds,
        sympy.Max(*thresholds.values()),
        condition,
    )
