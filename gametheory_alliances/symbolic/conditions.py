"""The real-algebra condition engine: signs, intervals, linear systems, simplification.

Conditions are sympy booleans (comparisons joined by ``&``, ``|``, ``~``)
over a game's parameters, each parameter with a domain (an interval of the
real line). This module decides what can be decided about them exactly:

* :func:`compare` writes "``expr`` has one of these signs" as a readable comparison;
* sign and interval reasoning bounds the signs a polynomial can take on the
  domains (:meth:`Simplifier.possible_signs`), with exact interval arithmetic
  on linear forms;
* systems of linear inequalities are decided by linear programs whose answers
  are checked exactly (a witness point or a Motzkin certificate), and
  otherwise by exact Fourier-Motzkin elimination;
* :class:`Simplifier` brings a condition to disjunctive normal form, drops the
  atoms the domains imply and the conjunctions that are provably
  unsatisfiable;
* :func:`negate`, :func:`sign_of` and :func:`tidy` are the small pieces of
  condition algebra the closed-form derivations share.

It knows nothing of games: the regions and the equilibria built on it live in
the other modules of :mod:`gametheory_alliances.symbolic`.

Examples
--------
>>> import sympy
>>> from gametheory_alliances import Parameter
>>> b, c = Parameter("b", "positive"), Parameter("c", "positive")
>>> Simplifier({"b": b, "c": c}).simplify((b.symbol > c.symbol) & (b.symbol > 0))
b > c
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy
from sympy.core.relational import Relational

from ..linalg import solve_unique
from ..parameters import Domain, Parameter

__all__ = [
    "ALL_SIGNS",
    "MAX_DNF_TERMS",
    "MAX_FOURIER_MOTZKIN",
    "OP_SIGNS",
    "CanonicalAtom",
    "Inequality",
    "Interval",
    "Signs",
    "Simplifier",
    "canonical_atom",
    "compare",
    "decide",
    "flip",
    "infeasible",
    "linear_form",
    "lp_decide",
    "negate",
    "normalise",
    "number_sign",
    "satisfies",
    "sign_interval",
    "sign_of",
    "tidy",
    "tidy_polynomial",
]

MAX_DNF_TERMS = 256
"""Most conjunctions a condition is expanded into for simplification."""

MAX_FOURIER_MOTZKIN = 4000
"""Most inequalities Fourier-Motzkin elimination may hold before it gives up."""

Signs = frozenset[str]
"""A set of signs, each ``"-"``, ``"0"`` or ``"+"``."""

ALL_SIGNS: Signs = frozenset("-0+")
OP_SIGNS: dict[type, Signs] = {
    sympy.StrictGreaterThan: frozenset("+"),
    sympy.GreaterThan: frozenset("0+"),
    sympy.StrictLessThan: frozenset("-"),
    sympy.LessThan: frozenset("-0"),
    sympy.Equality: frozenset("0"),
    sympy.Unequality: frozenset("-+"),
}
"""For each comparison type, the signs of ``lhs - rhs`` where it holds."""


def flip(signs: Signs) -> Signs:
    """The signs of ``-x`` when ``x`` has one of ``signs``."""
    return frozenset({"+": "-", "-": "+", "0": "0"}[s] for s in signs)


def number_sign(x: sympy.Expr) -> str:
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
        return sympy.true if number_sign(e) in allowed else sympy.false
    if allowed >= ALL_SIGNS:
        return sympy.true
    if not allowed:
        return sympy.false
    if allowed in (frozenset("-"), frozenset("-0")):
        e, allowed = -e, flip(allowed)
    terms = sympy.Add.make_args(e)
    pos = [t for t in terms if not t.could_extract_minus_sign()]
    if not pos:
        e, allowed = -e, flip(allowed)
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
class CanonicalAtom:
    """An atom ``g`` has a sign in ``signs``, ``g`` a primitive polynomial (or opaque expression)."""

    g: sympy.Expr
    signs: Signs
    polynomial: bool = True


@functools.lru_cache(maxsize=65536)
def canonical_atom(atom: sympy.Basic) -> CanonicalAtom | None:
    if not isinstance(atom, Relational) or type(atom) not in OP_SIGNS:
        return None
    signs = OP_SIGNS[type(atom)]
    e = atom.lhs - atom.rhs
    if e.is_number:
        return CanonicalAtom(e, signs)
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
            prim, signs = -prim, flip(signs)
        return CanonicalAtom(prim.as_expr(), signs)
    num, den = sympy.fraction(sympy.cancel(sympy.together(e)))
    if den.is_number:
        if den.is_negative:
            signs = flip(signs)
    elif den.is_positive:
        pass
    elif den.is_negative:
        signs = flip(signs)
    else:
        return None
    num = sympy.expand(num)
    if num.is_number:
        return CanonicalAtom(num, signs, False)
    content, g = num.as_content_primitive()
    if content.is_negative:
        g, signs = -g, flip(signs)
    if g.could_extract_minus_sign():
        g, signs = -g, flip(signs)
    return CanonicalAtom(g, signs, False)


@functools.lru_cache(maxsize=65536)
def _possible_signs(g: sympy.Expr) -> Signs:
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
    return ALL_SIGNS


@functools.lru_cache(maxsize=65536)
def linear_form(g: sympy.Expr) -> tuple[dict[sympy.Symbol, Fraction], Fraction] | None:
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
class Interval:
    """An interval of the real line with exact end points (``None``: unbounded)."""

    lo: Fraction | None = None
    hi: Fraction | None = None
    lo_open: bool = True
    hi_open: bool = True

    @classmethod
    def of(cls, domain: Domain) -> Interval:
        return cls(domain.lower, domain.upper, domain.lower_open, domain.upper_open)

    def intersect(self, other: Interval) -> Interval:
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
        return Interval(lo, hi, lo_open, hi_open)

    def is_empty(self) -> bool:
        if self.lo is None or self.hi is None:
            return False
        return self.lo > self.hi or (self.lo == self.hi and (self.lo_open or self.hi_open))

    def is_subset(self, other: Interval) -> bool:
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

    def signs(self) -> Signs:
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
        return Interval(Fraction(0), Fraction(0), False, False).is_subset(self)


def sign_interval(a: Fraction, b: Fraction, signs: Signs) -> Interval | None:
    """The set of x with sign(a*x + b) in ``signs`` (a != 0), or None if not an interval."""
    if a < 0:
        a, b, signs = -a, -b, flip(signs)
    r = -b / a
    key = "".join(s for s in "-0+" if s in signs)
    table = {
        "+": Interval(r, None, True, True),
        "0+": Interval(r, None, False, True),
        "-": Interval(None, r, True, True),
        "-0": Interval(None, r, True, False),
        "0": Interval(r, r, False, False),
    }
    return table.get(key)


def _sign_product(a: Signs, b: Signs) -> Signs:
    out = set()
    for x in a:
        for y in b:
            if "0" in (x, y):
                out.add("0")
            else:
                out.add("+" if x == y else "-")
    return frozenset(out)


def _sign_power(signs: Signs, exponent: int) -> Signs:
    if exponent % 2:
        return signs
    return frozenset("0" if s == "0" else "+" for s in signs)


def _sign_sum(terms: Iterable[Signs]) -> Signs:
    out: Signs = frozenset("0")
    for t in terms:
        if out == ALL_SIGNS:
            return ALL_SIGNS
        if t == frozenset("0"):
            continue
        if out == frozenset("0"):
            out = t
        elif out <= frozenset("0+") and t <= frozenset("0+"):
            out = frozenset("+") if "0" not in out or "0" not in t else frozenset("0+")
        elif out <= frozenset("-0") and t <= frozenset("-0"):
            out = frozenset("-") if "0" not in out or "0" not in t else frozenset("-0")
        else:
            out = ALL_SIGNS
    return out


# -- Fourier-Motzkin -------------------------------------------------------------

Inequality = tuple[tuple[tuple[str, Fraction], ...], Fraction, bool]


def normalise(coeffs: dict[str, Fraction], const: Fraction, strict: bool) -> Inequality:
    scale = max((abs(v) for v in coeffs.values()), default=Fraction(1))
    if scale == 0:
        scale = Fraction(1)
    items = tuple(sorted((k, v / scale) for k, v in coeffs.items() if v != 0))
    return items, const / scale, strict


def lp_decide(system: list[Inequality]) -> tuple[bool | None, dict[str, Fraction] | None]:
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
            if satisfies(system, candidate):
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
        y = solve_unique(rows, rhs)
        if y is None or any(v < 0 for v in y):
            continue
        total = sum((v * dense[i][1] for v, i in zip(y, support, strict=True)), Fraction(0))
        strict_weight = any(v > 0 and dense[i][2] for v, i in zip(y, support, strict=True))
        if total < 0 or (total == 0 and strict_weight):
            return False, None
    return None, None


def satisfies(system: list[Inequality], point: Mapping[str, Fraction]) -> bool:
    """Whether a point satisfies every constraint exactly (missing coordinates are 0)."""
    for items, d, strict in system:
        value = d
        for k, c in items:
            value += c * point.get(k, 0)
        if value < 0 or (strict and value == 0):
            return False
    return True


def infeasible(system: list[Inequality], *, use_lp: bool = True) -> bool:
    """Whether ``sum c_k x_k + d > 0`` (strict) / ``>= 0`` constraints are provably unsatisfiable.

    Linear programs whose answers are checked exactly (a witness point or a
    Motzkin certificate) decide most systems; exact Fourier-Motzkin
    elimination decides the rest. Returns ``False`` (not proven) when
    elimination would hold more than :data:`MAX_FOURIER_MOTZKIN` inequalities.
    ``use_lp=False`` goes straight to elimination (faster on small systems).
    """
    if use_lp and len({k for items, _, _ in system for k, _ in items}) > 1:
        decided, _ = lp_decide(system)
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
                rest.add(normalise(combined, b * p_d + a * n_d, p_s or n_s))
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
        if isinstance(inner, Relational) and type(inner) in OP_SIGNS:
            return [[compare(inner.lhs - inner.rhs, ALL_SIGNS - OP_SIGNS[type(inner)])]]
        if isinstance(inner, Relational):
            return [[inner.negated]]
        if isinstance(inner, sympy.And):
            return _to_dnf(sympy.Or(*(sympy.Not(a) for a in inner.args)), cap)
        if isinstance(inner, sympy.Or):
            return _to_dnf(sympy.And(*(sympy.Not(a) for a in inner.args)), cap)
        return [[cond]]
    return [[cond]]


def negate(cond: sympy.Basic) -> sympy.Basic:
    """The negation of a condition, pushed down to readable comparisons."""
    if cond is sympy.true:
        return sympy.false
    if cond is sympy.false:
        return sympy.true
    if isinstance(cond, Relational) and type(cond) in OP_SIGNS:
        return compare(cond.lhs - cond.rhs, ALL_SIGNS - OP_SIGNS[type(cond)])
    if isinstance(cond, sympy.And):
        return sympy.Or(*(negate(a) for a in cond.args))
    if isinstance(cond, sympy.Or):
        return sympy.And(*(negate(a) for a in cond.args))
    if isinstance(cond, sympy.Not):
        return cond.args[0]
    return sympy.Not(cond)


_SHARED_SIGNS: dict[tuple[sympy.Expr, tuple[Domain, ...]], Signs] = {}
"""Signs of polynomials by their parameters' domains, shared by every :class:`Simplifier`."""


class Simplifier:
    """Simplifies conditions under the domains of ``parameters`` (sound, not complete)."""

    def __init__(self, parameters: Mapping[str, Parameter]):
        self.parameters = parameters

        self._signs: dict[sympy.Expr, Signs] = {}
        self._witnesses: list[dict[str, Fraction]] = []

    def domain_of(self, sym: sympy.Symbol) -> Domain:
        p = self.parameters.get(sym.name)
        return p.domain if p is not None else Domain()

    def linear_range(self, coeffs: Mapping[sympy.Symbol, Fraction], const: Fraction) -> Interval:
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
        return Interval(lo, hi, lo_open or lo is None, hi_open or hi is None)

    def possible_signs(self, g: sympy.Expr) -> Signs:
        """The signs ``g`` can take on the domains (sound: may be too large)."""
        if g.is_number:
            return frozenset(number_sign(g))
        cached = self._signs.get(g)
        if cached is not None:
            return cached
        syms = sorted(g.free_symbols, key=lambda s: s.name)
        shared_key = (g, tuple(self.domain_of(s) for s in syms))
        shared = _SHARED_SIGNS.get(shared_key)
        if shared is not None:
            self._signs[g] = shared
            return shared
        self._signs[g] = out = self._derive_signs(g, syms)
        if len(_SHARED_SIGNS) > 65536:
            _SHARED_SIGNS.clear()
        _SHARED_SIGNS[shared_key] = out
        return out

    def _derive_signs(self, g: sympy.Expr, syms: list[sympy.Symbol]) -> Signs:
        out: Signs | None = None
        lin = linear_form(g) if all(isinstance(s, sympy.Symbol) for s in syms) else None
        if lin is not None:
            out = self.linear_range(*lin).signs()
            self._signs[g] = out
            return out
        try:
            poly = sympy.Poly(g, *syms)
        except sympy.PolynomialError:
            poly = None
        if poly is not None and poly.domain in (sympy.ZZ, sympy.QQ):
            var_signs = [Interval.of(self.domain_of(s)).signs() for s in syms]
            terms = []
            for monom, coeff in poly.terms():
                sign = frozenset("+" if coeff > 0 else "-")
                for s, e in zip(var_signs, monom, strict=True):
                    if e:
                        sign = _sign_product(sign, _sign_power(s, e))
                terms.append(sign)
            out = _sign_sum(terms)
            if out == ALL_SIGNS and poly.total_degree() > 1:
                coeff, factors = sympy.factor_list(g)
                if len(factors) > 1 or any(e > 1 for _, e in factors):
                    out = frozenset(number_sign(coeff))
                    for f, e in factors:
                        out = _sign_product(out, _sign_power(self.possible_signs(f), e))
        if out is None or out == ALL_SIGNS:
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
            canon = canonical_atom(atom)
            if canon is None:
                if atom not in opaque:
                    opaque.append(atom)
                continue
            if canon.g.is_number:
                if number_sign(canon.g) not in canon.signs:
                    return None
                continue
            entry = groups.setdefault(canon.g, [ALL_SIGNS, []])
            entry[0] = entry[0] & canon.signs
            entry[1].append((atom, canon.signs, canon.polynomial))
        final: dict[sympy.Expr, tuple[Signs, list[Any]]] = {}
        for g, (signs, originals) in groups.items():
            possible = self.possible_signs(g)
            s = signs & possible
            if not s:
                return None
            if s == possible:
                continue
            final[g] = (s, originals)
        # Single-parameter linear atoms: intersect their intervals with the domain.
        by_var: dict[sympy.Symbol, list[tuple[sympy.Expr, Interval]]] = {}
        for g, (s, _) in final.items():
            lin = linear_form(g)
            if lin is None or len(lin[0]) != 1:
                continue
            ((var, a),) = lin[0].items()
            interval = sign_interval(a, lin[1], s)
            if interval is not None:
                by_var.setdefault(var, []).append((g, interval))
        for var, items in by_var.items():
            dom = Interval.of(self.domain_of(var))
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
        system: list[Inequality] = []
        seen_vars: set[sympy.Symbol] = set()
        for g, (s, _) in final.items():
            lin = linear_form(g)
            if lin is None:
                continue
            coeffs = {k.name: v for k, v in lin[0].items()}
            seen_vars.update(lin[0])
            if s <= frozenset("0+"):
                system.append(normalise(coeffs, lin[1], s == frozenset("+")))
            if s <= frozenset("-0"):
                system.append(
                    normalise({k: -v for k, v in coeffs.items()}, -lin[1], s == frozenset("-"))
                )
        if system:
            for var in seen_vars:
                domain = self.domain_of(var)
                if domain.lower is not None:
                    system.append(
                        normalise({var.name: Fraction(1)}, -domain.lower, domain.lower_open)
                    )
                if domain.upper is not None:
                    system.append(
                        normalise({var.name: Fraction(-1)}, domain.upper, domain.upper_open)
                    )
            if not any(satisfies(system, point) for point in self._witnesses):
                decided, point = lp_decide(system) if len(seen_vars) > 1 else (None, None)
                if point is not None:
                    self._witnesses.insert(0, point)
                    del self._witnesses[16:]
                elif decided is False or (decided is None and infeasible(system)):
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
        """The condition simplified: implied atoms and unsatisfiable conjunctions dropped."""
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


def decide(cond: sympy.Basic, subs: Mapping[sympy.Symbol, sympy.Expr]) -> bool | None:
    """Evaluate a condition at a point exactly; None where it is undefined (a zero division).

    ``subs`` maps symbols to exact numbers.

    An undefined comparison does not spoil a conjunction that another part
    makes false, nor a disjunction that another part makes true: the case
    splits of :func:`threshold` guard their divisions that way.
    """
    if cond is sympy.true or cond is sympy.false:
        return bool(cond)
    if isinstance(cond, sympy.And | sympy.Or):
        results = [decide(a, subs) for a in cond.args]
        decisive = isinstance(cond, sympy.Or)
        if decisive in results:
            return decisive
        return None if None in results else not decisive
    if isinstance(cond, sympy.Not):
        inner = decide(cond.args[0], subs)
        return None if inner is None else not inner
    if isinstance(cond, Relational) and type(cond) in OP_SIGNS:
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
        return sign in OP_SIGNS[type(cond)]
    value = cond.xreplace(dict(subs))
    if value is sympy.true or value is sympy.false:
        return bool(value)
    return None


# -- shared pieces: signs of rational expressions, readable thresholds -------------


def sign_of(expr: Any, signs: Iterable[str], simplifier: Simplifier) -> sympy.Basic:
    """The condition that a rational expression has one of ``signs``, split on its denominator."""
    allowed = frozenset(signs)
    num, den = sympy.fraction(sympy.cancel(sympy.together(sympy.sympify(expr))))
    den = sympy.expand(den)
    possible = simplifier.possible_signs(den)
    branches = []
    if "+" in possible:
        branches.append(sympy.And(compare(den, "+"), compare(num, allowed)))
    if "-" in possible:
        branches.append(sympy.And(compare(den, "-"), compare(num, flip(allowed))))
    if len(branches) == 1:
        return compare(num, allowed if "+" in possible else flip(allowed))
    return sympy.Or(*branches)


def tidy_polynomial(expr: sympy.Expr, simplifier: Simplifier | None = None) -> sympy.Expr:
    """A readable form of a polynomial: collected by its most shared parameter, signs pulled out."""
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
                f = tidy_polynomial(f, simplifier)
            new.append(f)
        out.append(sympy.Mul(coeff, *new))
    return sympy.Add(*out)


def tidy(expr: sympy.Expr, simplifier: Simplifier | None = None) -> sympy.Expr:
    """A readable form of a threshold: collected by parameter, minus signs pulled out.

    With a simplifier, a denominator that is negative on the domains is negated.
    """
    num, den = sympy.fraction(sympy.cancel(sympy.together(expr)))
    negative = simplifier is not None and simplifier.possible_signs(sympy.expand(den)) <= frozenset(
        "-"
    )
    if negative or (simplifier is None and den.could_extract_minus_sign()):
        num, den = -num, -den
    num, den = tidy_polynomial(num, simplifier), tidy_polynomial(den, simplifier)
    if den == 1:
        return num
    return sympy.Mul(num, sympy.Pow(den, -1))
