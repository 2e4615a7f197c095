"""The canonical simplifier: short, exact forms of conditions under the parameters' domains.

:func:`canonical` rewrites a condition (comparisons joined by ``&``, ``|``,
``~``) into an equivalent one that a reader can take in:

* every comparison is written one way: a single parameter against a number
  (``k_P >= 2/5``, not ``2/5 <= k_P`` nor ``5*k_P >= 2``); otherwise the
  terms with positive coefficients on the left (``b >= c + 1``);
* the comparisons on one parameter are merged into one interval, cut by its
  domain (``g <= 0`` with ``g`` in ``[0, 1]`` is ``Eq(g, 0)``);
* a comparison implied by the others of its conjunction and the domains is
  dropped, a conjunction contained in another is dropped, and two
  conjunctions whose union is again a conjunction are merged
  (``Eq(10*r, 1) | (10*r > 1)`` is ``r >= 1/10``);
* the comparisons several conjunctions share are factored out.

Implications are decided exactly: intervals of one parameter with
:class:`~gametheory_alliances.symbolic.conditions.Interval` arithmetic, and
linear systems by linear programs whose answers are checked in exact
rational arithmetic (a witness point or a Motzkin certificate), with exact
Fourier-Motzkin elimination behind them. A polynomial comparison is
linearised by naming each product of parameters a variable of its own
(``pi_D*v``), bounded by interval arithmetic on its factors' domains: a
relaxation, so an implication it proves holds (sound), while some true
implications between nonlinear comparisons are not found (not complete).

Every step keeps the set of points the condition describes within the
domains, so the result is equivalent to the input there. The work is
bounded in time (:data:`SIMPLIFY_SECONDS`, or the environment variable
``GTA_SIMPLIFY_SECONDS``); when the bound is reached the condition is
returned as given.

The module is long but one idea: the conjunctions of a condition as exact
linear systems, and the questions asked of them (feasible? inside another?
which comparison is implied?), used to simplify (:func:`canonical`), to
decide emptiness (:func:`emptiness`) and to sample points
(:func:`sample_points`).

Examples
--------
>>> import sympy
>>> from gametheory_alliances import Parameter
>>> r, g = Parameter("r", "nonnegative"), Parameter("g", "[0, 1]")
>>> canonical(sympy.Eq(10 * r.symbol, 1) | (10 * r.symbol > 1), [r])
r >= 1/10
>>> canonical((g.symbol <= 0) | ((g.symbol > 0) & (r.symbol >= 1)), [r, g])
Eq(g, 0) | (r >= 1)
"""

from __future__ import annotations

import os
import time
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import sympy

from ..errors import GameError
from ..parameters import Parameter, parameter_table
from .conditions import (
    ALL_SIGNS,
    Inequality,
    Interval,
    Signs,
    Simplifier,
    canonical_atom,
    compare,
    decide,
    infeasible,
    linear_form,
    lp_decide,
    negate,
    normalise,
    number_sign,
    satisfies,
    sign_interval,
)

__all__ = [
    "MAX_TERMS",
    "SIMPLIFY_SECONDS",
    "canonical",
    "canonical_and_emptiness",
    "emptiness",
    "sample_points",
    "simplify_seconds",
]

SIMPLIFY_SECONDS = 20.0
"""Seconds one call of :func:`canonical` may take before it returns its input unchanged."""

MAX_TERMS = 4000
"""Most conjunctions the expansion may hold at once before it returns its input unchanged."""


def simplify_seconds(given: float | None = None) -> float:
    """The time bound of :func:`canonical`: ``given``, else ``GTA_SIMPLIFY_SECONDS``, else the default.

    Examples
    --------
    >>> simplify_seconds(3)
    3.0
    """
    if given is None:
        text = os.environ.get("GTA_SIMPLIFY_SECONDS", "").strip()
        if not text:
            return SIMPLIFY_SECONDS
        try:
            given = float(text)
        except ValueError:
            raise GameError(
                f"GTA_SIMPLIFY_SECONDS: expected a number of seconds, found {text!r}"
            ) from None
    seconds = float(given)
    if not seconds >= 0:
        raise GameError(f"simplification time bound: expected seconds >= 0, found {given}")
    return seconds


class _OutOfTime(Exception):
    """The time or size bound was reached: the caller keeps the condition as given."""


_BoxKey = str
_Row = Inequality


class _Term:
    """A conjunction: an interval per parameter, sign sets of other polynomials, opaque atoms.

    ``box`` holds, for a parameter constrained more than by its domain, the
    interval its comparisons leave (domain included); ``atoms`` maps a
    primitive polynomial ``g`` to the signs it may take (fewer than the
    domains allow); ``opaque`` holds what is neither.
    """

    __slots__ = ("atoms", "box", "opaque", "witness")

    def __init__(
        self,
        box: dict[_BoxKey, Interval],
        atoms: dict[sympy.Expr, Signs],
        opaque: frozenset[sympy.Basic],
    ) -> None:
        self.box = box
        self.atoms = atoms
        self.opaque = opaque
        self.witness: dict[str, Fraction] | None = None

    def key(self) -> tuple[Any, ...]:
        return (
            tuple(sorted(self.box.items())),
            tuple(sorted(self.atoms.items(), key=lambda kv: sympy.default_sort_key(kv[0]))),
            self.opaque,
        )

    def copy(self) -> _Term:
        out = _Term(dict(self.box), dict(self.atoms), self.opaque)
        out.witness = self.witness
        return out


class _Canonicaliser:
    """One run of :func:`canonical`: the domains, the caches and the time bound."""

    def __init__(self, parameters: Mapping[str, Parameter], deadline: float) -> None:
        self.parameters = parameters
        self.simplifier = Simplifier(parameters)
        self.deadline = deadline
        self.symbols: dict[str, sympy.Symbol] = {n: p.symbol for n, p in parameters.items()}
        self.order = {n: i for i, n in enumerate(parameters)}
        self.lifted_cache: dict[sympy.Expr, tuple[dict[str, Fraction], Fraction] | None] = {}
        self.monomial_bounds: dict[str, Interval] = {}
        self.witnesses: list[dict[str, Fraction]] = []
        self.final_terms: list[_Term] = []
        self.presentation: dict[tuple[sympy.Expr, Signs], sympy.Basic] = {}
        self.solved: dict[frozenset[_Row], tuple[bool | None, dict[str, Fraction] | None]] = {}

    # -- time ----------------------------------------------------------------------

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise _OutOfTime

    # -- domains ---------------------------------------------------------------------

    def domain(self, name: str) -> Interval:
        p = self.parameters.get(name)
        if p is None:
            return Interval()
        return Interval.of(p.domain)

    def bounds(self, name: str) -> Interval:
        """The interval of a variable of the linearisation (a parameter or a product)."""
        if name in self.monomial_bounds:
            return self.monomial_bounds[name]
        return self.domain(name)

    def _product_bounds(self, factors: Sequence[tuple[str, int]]) -> Interval:
        """A closed interval holding a product of powers of parameters (interval arithmetic)."""
        lo: Fraction | None = Fraction(1)
        hi: Fraction | None = Fraction(1)
        for name, power in factors:
            d = self.domain(name)
            for _ in range(power):
                if lo is None or hi is None or d.lo is None or d.hi is None:
                    lo = hi = None
                    break
                products = [lo * d.lo, lo * d.hi, hi * d.lo, hi * d.hi]
                lo, hi = min(products), max(products)
        sign_set: Signs = frozenset("+")
        for name, power in factors:
            s = self.domain(name).signs()
            for _ in range(power):
                out = set()
                for a in sign_set:
                    for b in s:
                        out.add("0" if "0" in (a, b) else ("+" if a == b else "-"))
                sign_set = frozenset(out)
        if lo is None and sign_set <= frozenset("0+"):
            lo = Fraction(0)
        if hi is None and sign_set <= frozenset("-0"):
            hi = Fraction(0)
        return Interval(lo, hi, lo is None, hi is None)

    def lifted(self, g: sympy.Expr) -> tuple[dict[str, Fraction], Fraction] | None:
        """``g`` as a linear form in parameters and products of parameters, or None."""
        if g in self.lifted_cache:
            return self.lifted_cache[g]
        out: tuple[dict[str, Fraction], Fraction] | None = None
        syms = sorted(g.free_symbols, key=lambda s: s.name)
        if syms and all(isinstance(s, sympy.Symbol) for s in syms):
            try:
                poly = sympy.Poly(g, *syms)
            except sympy.PolynomialError:
                poly = None
            if poly is not None and poly.domain in (sympy.ZZ, sympy.QQ):
                coeffs: dict[str, Fraction] = {}
                const = Fraction(0)
                for monom, c in poly.terms():
                    value = Fraction(int(c.p), int(c.q))
                    factors = [(s.name, e) for s, e in zip(syms, monom, strict=True) if e]
                    if not factors:
                        const = value
                        continue
                    if len(factors) == 1 and factors[0][1] == 1:
                        name = factors[0][0]
                    else:
                        name = "*".join(n if e == 1 else f"{n}**{e}" for n, e in factors)
                        if name not in self.monomial_bounds:
                            self.monomial_bounds[name] = self._product_bounds(factors)
                    coeffs[name] = value
                out = (coeffs, const)
        self.lifted_cache[g] = out
        return out

    # -- terms -----------------------------------------------------------------------

    def make_term(self, atoms: Iterable[sympy.Basic]) -> _Term | None:
        """The conjunction of ``atoms`` as a term, or None when it is provably empty."""
        box: dict[str, Interval] = {}
        signs: dict[sympy.Expr, Signs] = {}
        opaque: set[sympy.Basic] = set()
        for atom in atoms:
            if atom is sympy.true:
                continue
            if atom is sympy.false:
                return None
            canon = canonical_atom(atom)
            if canon is None:
                opaque.add(atom)
                continue
            if canon.g.is_number:
                if number_sign(canon.g) not in canon.signs:
                    return None
                continue
            if not canon.polynomial or (
                isinstance(atom.lhs, sympy.Symbol) and not atom.rhs.is_Atom
            ):
                # a threshold as its author solved it ("v >= (k_P - r)/(pi_D - pi_S)")
                self.presentation.setdefault((canon.g, canon.signs), atom)
            lin = linear_form(canon.g) if canon.polynomial else None
            if lin is not None and len(lin[0]) == 1:
                ((var, a),) = lin[0].items()
                interval = sign_interval(a, lin[1], canon.signs)
                if interval is not None:
                    name = var.name
                    box[name] = box.get(name, self.domain(name)).intersect(interval)
                    continue
            signs[canon.g] = signs.get(canon.g, ALL_SIGNS) & canon.signs
        return self.finish(box, signs, frozenset(opaque))

    def finish(
        self, box: dict[str, Interval], signs: dict[sympy.Expr, Signs], opaque: frozenset[Any]
    ) -> _Term | None:
        """Tighten a term against the domains; None when it is provably empty."""
        kept_box: dict[str, Interval] = {}
        points: dict[str, sympy.Rational] = {}
        for name, interval in box.items():
            dom = self.domain(name)
            interval = interval.intersect(dom)
            if interval.is_empty():
                return None
            if not dom.is_subset(interval):
                kept_box[name] = interval
            if interval.lo is not None and interval.lo == interval.hi:
                points[name] = _rational(interval.lo)
        if points and any(s.name in points for g in signs for s in g.free_symbols):
            # a parameter fixed at a point is substituted into the other comparisons
            atoms: list[sympy.Basic] = []
            for g, s in signs.items():
                fixed = {x: points[x.name] for x in g.free_symbols if x.name in points}
                atoms.append(compare(g.xreplace(fixed), s) if fixed else compare(g, s))
            term = self.make_term(atoms)
            if term is None:
                return None
            for name, interval in kept_box.items():
                inner = term.box.get(name, self.domain(name)).intersect(interval)
                if inner.is_empty():
                    return None
                term.box[name] = inner
            return self.finish(term.box, term.atoms, term.opaque | opaque)
        kept: dict[sympy.Expr, Signs] = {}
        for g, s in signs.items():
            possible = self.simplifier.possible_signs(g)
            s = s & possible
            if not s:
                return None
            lin = linear_form(g)
            if s == frozenset("-+") and lin is not None and len(lin[0]) == 1:
                # a parameter that differs from a number: void when its interval excludes it
                ((var, a),) = lin[0].items()
                root = -lin[1] / a
                interval = kept_box.get(var.name, self.domain(var.name))
                if not Interval(root, root, False, False).is_subset(interval):
                    continue
                if interval == Interval(root, root, False, False):
                    return None
            if s != possible:
                kept[g] = s
        term = _Term(kept_box, kept, opaque)
        feasible, point = self.solve(self.rows(term))
        if feasible is False:
            return None
        term.witness = point
        return term

    def rows(self, term: _Term, extra: Iterable[_Row] = ()) -> list[_Row]:
        """The linear system of a term (products of parameters as variables of their own)."""
        rows: list[_Row] = []
        names: set[str] = set()
        for name, interval in term.box.items():
            rows.extend(self.interval_rows(name, interval))
            names.add(name)
        for g, s in term.atoms.items():
            rows.extend(self.sign_rows(g, s))
            lin = self.lifted(g)
            if lin is not None:
                names.update(lin[0])
        rows.extend(extra)
        for items, _, _ in extra:
            names.update(k for k, _ in items)
        for name in sorted(names - set(term.box)):
            rows.extend(self.interval_rows(name, self.bounds(name)))
        return rows

    @staticmethod
    def interval_rows(name: str, interval: Interval) -> list[_Row]:
        rows = []
        if interval.lo is not None:
            rows.append(normalise({name: Fraction(1)}, -interval.lo, interval.lo_open))
        if interval.hi is not None:
            rows.append(normalise({name: Fraction(-1)}, interval.hi, interval.hi_open))
        return rows

    def sign_rows(self, g: sympy.Expr, s: Signs) -> list[_Row]:
        """``g`` has a sign in ``s`` as inequalities; none when ``s`` is not convex."""
        lin = self.lifted(g)
        if lin is None:
            return []
        coeffs, const = lin
        rows = []
        if s <= frozenset("0+"):
            rows.append(normalise(dict(coeffs), const, s == frozenset("+")))
        if s <= frozenset("-0"):
            rows.append(normalise({k: -v for k, v in coeffs.items()}, -const, s == frozenset("-")))
        return rows

    def feasible(self, rows: list[_Row]) -> bool | None:
        """True (a witness found), False (proved infeasible) or None (not decided)."""
        return self.solve(rows)[0]

    def solve(self, rows: list[_Row]) -> tuple[bool | None, dict[str, Fraction] | None]:
        """Feasibility of a linear system with a witness point when feasible (cached)."""
        self.tick()
        if not rows:
            return True, {}
        key = frozenset(rows)
        cached = self.solved.get(key)
        if cached is not None:
            return cached
        result: tuple[bool | None, dict[str, Fraction] | None]
        for w in self.witnesses:
            if satisfies(rows, w):
                result = (True, w)
                break
        else:
            variables = {name for items, _, _ in rows for name, _ in items}
            if len(variables) <= 2:
                # small systems: exact elimination is faster than a linear program
                result = (False, None) if infeasible(rows, use_lp=False) else (True, None)
                self.solved[key] = result
                return result
            decided, point = lp_decide(rows)
            if point is not None:
                self.witnesses.insert(0, point)
                del self.witnesses[8:]
                result = (True, point)
            elif decided is False or infeasible(rows):
                result = (False, None)
            else:
                result = (None, None)
        self.solved[key] = result
        return result

    # -- implication -------------------------------------------------------------------

    def constraints(self, term: _Term) -> list[tuple[str, Any]]:
        """The constraints of a term one by one: ``("box", name)`` and ``("atom", g)``."""
        return [("box", n) for n in term.box] + [("atom", g) for g in term.atoms]

    def pieces_outside(self, kind: str, key: Any, term: _Term) -> list[list[_Row]] | None:
        """Convex pieces covering the complement of one constraint of ``term`` (as rows)."""
        if kind == "box":
            dom = self.domain(key)
            interval = term.box[key]
            out = []
            if interval.lo is not None and (
                dom.lo is None or interval.lo > dom.lo or (dom.lo_open < interval.lo_open)
            ):
                below = Interval(dom.lo, interval.lo, dom.lo_open, not interval.lo_open)
                if not below.is_empty():
                    out.append(self.interval_rows(key, below))
            if interval.hi is not None and (
                dom.hi is None or interval.hi < dom.hi or (dom.hi_open < interval.hi_open)
            ):
                above = Interval(interval.hi, dom.hi, not interval.hi_open, dom.hi_open)
                if not above.is_empty():
                    out.append(self.interval_rows(key, above))
            return out
        s = term.atoms[key]
        if self.lifted(key) is None:
            return None
        rest = self.simplifier.possible_signs(key) - s
        pieces = [rest] if rest != frozenset("-+") else [frozenset("-"), frozenset("+")]
        return [self.sign_rows(key, p) for p in pieces if p]

    def implies(self, term: _Term, other: _Term) -> bool:
        """Whether ``term`` lies inside ``other`` (proved; False when not proved)."""
        if not other.opaque <= term.opaque:
            return False
        if term.witness is not None and not satisfies(self.rows(other), term.witness):
            return False
        for name, interval in other.box.items():
            if term.box.get(name, self.domain(name)).is_subset(interval):
                continue
            for piece in self.pieces_outside("box", name, other) or []:
                if self.feasible(self.rows(term, piece)) is not False:
                    return False
        for g, s in other.atoms.items():
            mine = term.atoms.get(g)
            if mine is not None and mine <= s:
                continue
            pieces = self.pieces_outside("atom", g, other)
            if pieces is None:
                return False
            for piece in pieces:
                if not piece or self.feasible(self.rows(term, piece)) is not False:
                    return False
        return True

    def without(self, term: _Term, kind: str, key: Any) -> _Term:
        out = term.copy()
        if kind == "box":
            del out.box[key]
        else:
            del out.atoms[key]
        return out

    def prune(self, term: _Term) -> _Term:
        """Drop the constraints of a term that the others and the domains imply."""
        for kind, key in self.constraints(term):
            if kind == "box":
                # each end of an interval on its own
                for side in ("lo", "hi"):
                    interval = term.box.get(key)
                    if interval is None:
                        break
                    dom = self.domain(key)
                    if side == "lo":
                        if interval.lo is None or (
                            dom.lo == interval.lo and dom.lo_open == interval.lo_open
                        ):
                            continue
                        loose = Interval(dom.lo, interval.hi, dom.lo_open, interval.hi_open)
                        outside = Interval(dom.lo, interval.lo, dom.lo_open, not interval.lo_open)
                    else:
                        if interval.hi is None or (
                            dom.hi == interval.hi and dom.hi_open == interval.hi_open
                        ):
                            continue
                        loose = Interval(interval.lo, dom.hi, interval.lo_open, dom.hi_open)
                        outside = Interval(interval.hi, dom.hi, not interval.hi_open, dom.hi_open)
                    trial = term.copy()
                    trial.box[key] = loose
                    if dom.is_subset(loose):
                        del trial.box[key]
                    outside = outside.intersect(loose)
                    if outside.is_empty() or (
                        self.feasible(self.rows(trial, self.interval_rows(key, outside))) is False
                    ):
                        term = trial
            else:
                pieces = self.pieces_outside(kind, key, term)
                if pieces is None:
                    continue
                trial = self.without(term, kind, key)
                if all(self.feasible(self.rows(trial, p)) is False for p in pieces if p):
                    term = trial
        return term

    # -- sets of terms -------------------------------------------------------------------

    def reduce(self, terms: list[_Term], thorough: bool) -> list[_Term]:
        """Drop duplicate terms and terms inside others (by linear programs when ``thorough``)."""
        seen: dict[Any, _Term] = {}
        for t in terms:
            seen.setdefault(t.key(), t)
        out = list(seen.values())
        changed = True
        while changed:
            changed = False
            for i, t in enumerate(out):
                self.tick()
                for j, u in enumerate(out):
                    if i == j:
                        continue
                    if self.syntactically_inside(t, u) or (thorough and self.implies(t, u)):
                        del out[i]
                        changed = True
                        break
                if changed:
                    break
        return out

    @staticmethod
    def syntactically_inside(t: _Term, u: _Term) -> bool:
        if not u.opaque <= t.opaque:
            return False
        for name, interval in u.box.items():
            if name not in t.box or not t.box[name].is_subset(interval):
                return False
        for g, s in u.atoms.items():
            if g not in t.atoms or not t.atoms[g] <= s:
                return False
        return True

    def conjoin(self, t: _Term, u: _Term) -> _Term | None:
        box = dict(t.box)
        for name, interval in u.box.items():
            box[name] = box[name].intersect(interval) if name in box else interval
        atoms = dict(t.atoms)
        for g, s in u.atoms.items():
            atoms[g] = atoms[g] & s if g in atoms else s
        return self.finish(box, atoms, t.opaque | u.opaque)

    def dnf(self, cond: sympy.Basic) -> list[_Term]:
        """The condition (in negation normal form) as a list of terms, pruned as it grows."""
        self.tick()
        if cond is sympy.true:
            return [_Term({}, {}, frozenset())]
        if cond is sympy.false:
            return []
        if isinstance(cond, sympy.Or):
            out: list[_Term] = []
            for a in cond.args:
                out.extend(self.dnf(a))
            return self.reduce(out, False)
        if isinstance(cond, sympy.And):
            atoms = [a for a in cond.args if not isinstance(a, sympy.Or | sympy.And)]
            first = self.make_term(atoms)
            if first is None:
                return []
            acc = [first]
            rest = [self.dnf(a) for a in cond.args if isinstance(a, sympy.Or | sympy.And)]
            for sub in sorted(rest, key=len):
                grown = []
                for t in acc:
                    for u in sub:
                        c = self.conjoin(t, u)
                        if c is not None:
                            grown.append(c)
                if len(grown) > MAX_TERMS:
                    raise _OutOfTime
                acc = self.reduce(grown, False)
                if not acc:
                    return []
            return acc
        term = self.make_term([cond])
        return [] if term is None else [term]

    def widen(self, terms: list[_Term]) -> tuple[list[_Term], bool]:
        """Widen constraints of terms by the pieces other terms cover (one pass)."""
        terms = list(terms)
        changed = False
        i = 0
        while i < len(terms):
            t = terms[i]
            for kind, key in self.constraints(t):
                if (kind == "box" and key not in t.box) or (kind == "atom" and key not in t.atoms):
                    continue
                new = self.widen_one(terms, i, kind, key)
                if new is not None:
                    terms[i] = t = new
                    changed = True
            i += 1
        return terms, changed

    def widen_one(self, terms: list[_Term], i: int, kind: str, key: Any) -> _Term | None:
        """Term ``i`` with one constraint widened by a piece another term covers, or None."""
        self.tick()
        t = terms[i]
        pieces = self.pieces_outside(kind, key, t)
        if not pieces:
            return None
        rest = self.without(t, kind, key)
        rest.witness = None
        # witnesses of the pieces: a term that misses one cannot cover that piece
        samples = []
        for piece in pieces:
            feasible, point = self.solve(self.rows(rest, piece))
            if feasible is not False:
                samples.append(point)
        for u_index, u in enumerate(terms):
            if u_index == i:
                continue
            u_rows = self.rows(u)
            if kind == "box":
                widened = self.widen_box(rest, key, t.box[key], u)
                if widened is not None:
                    new = self.finish({**rest.box, key: widened}, dict(rest.atoms), rest.opaque)
                    if new is not None:
                        return new
                continue
            if all(p is not None and satisfies(u_rows, p) for p in samples) and all(
                self.piece_inside(rest, piece, u) for piece in pieces
            ):
                return self.finish(dict(rest.box), dict(rest.atoms), rest.opaque)
            other = u.atoms.get(key)
            if other is not None and not other <= t.atoms[key]:
                extra = self.sign_rows(key, other)
                if extra and self.piece_inside(rest, extra, u):
                    return self.finish(
                        dict(rest.box), {**rest.atoms, key: t.atoms[key] | other}, rest.opaque
                    )
        return None

    def widen_box(self, rest: _Term, name: str, mine: Interval, u: _Term) -> Interval | None:
        """A wider interval for ``name`` whose new part ``u`` covers (given ``rest``), or None."""
        dom = self.domain(name)
        theirs = u.box.get(name, dom)
        candidates: list[tuple[Interval, Interval]] = []
        union = _union(mine, theirs)
        if union is not None and union != mine:
            candidates.append((union, theirs))
        if mine.lo is not None and (mine.lo != dom.lo or mine.lo_open != dom.lo_open):
            below = Interval(dom.lo, mine.lo, dom.lo_open, not mine.lo_open)
            if not below.is_empty():
                candidates.append((Interval(dom.lo, mine.hi, dom.lo_open, mine.hi_open), below))
        if mine.hi is not None and (mine.hi != dom.hi or mine.hi_open != dom.hi_open):
            above = Interval(mine.hi, dom.hi, not mine.hi_open, dom.hi_open)
            if not above.is_empty():
                candidates.append((Interval(mine.lo, dom.hi, mine.lo_open, dom.hi_open), above))
        for cand, new_part in candidates:
            if self.piece_inside(rest, self.interval_rows(name, new_part), u):
                return cand
        return None

    def piece_inside(self, rest: _Term, piece: list[_Row], u: _Term) -> bool:
        """Whether ``rest`` and ``piece`` together lie inside ``u`` (proved)."""
        rows = self.rows(rest, piece)
        feasible, point = self.solve(rows)
        if feasible is False:
            return True
        if point is not None and not satisfies(self.rows(u), point):
            return False
        for name in u.box:
            for out in self.pieces_outside("box", name, u) or []:
                if self.feasible(rows + out) is not False:
                    return False
        for g in u.atoms:
            outs = self.pieces_outside("atom", g, u)
            if outs is None:
                return False
            for out in outs:
                if not out or self.feasible(rows + out) is not False:
                    return False
        return u.opaque <= rest.opaque

    def run(self, cond: sympy.Basic) -> sympy.Basic:
        terms = self.dnf(_nnf(cond))
        terms = self.reduce(terms, True)
        terms = [self.prune(t) for t in terms]
        changed = True
        while changed:
            terms, changed = self.widen(terms)
            if changed:
                terms = self.reduce(terms, True)
        terms = [self.prune(t) for t in terms]
        terms = self.reduce(terms, True)
        self.final_terms = terms
        return self.render(terms)

    # -- text -----------------------------------------------------------------------------

    def atom_text(self, t: _Term) -> list[sympy.Basic]:
        out: list[sympy.Basic] = []
        for name, interval in t.box.items():
            sym = self.symbols.get(name, sympy.Symbol(name, real=True))
            dom = self.domain(name)
            if interval.lo is not None and interval.lo == interval.hi:
                out.append(sympy.Eq(sym, _rational(interval.lo), evaluate=False))
                continue
            if interval.lo is not None and not (
                dom.lo == interval.lo and dom.lo_open == interval.lo_open
            ):
                op = sympy.StrictGreaterThan if interval.lo_open else sympy.GreaterThan
                out.append(op(sym, _rational(interval.lo), evaluate=False))
            if interval.hi is not None and not (
                dom.hi == interval.hi and dom.hi_open == interval.hi_open
            ):
                op = sympy.StrictLessThan if interval.hi_open else sympy.LessThan
                out.append(op(sym, _rational(interval.hi), evaluate=False))
        for g, s in t.atoms.items():
            lin = linear_form(g)
            if lin is not None and len(lin[0]) == 1 and s == frozenset("-+"):
                ((var, a),) = lin[0].items()
                out.append(sympy.Ne(var, _rational(-lin[1] / a), evaluate=False))
            else:
                shown = self.presentation.get((g, s))
                out.append(shown if shown is not None else _oriented(g, s))
        out.extend(t.opaque)
        return out

    def render(self, terms: list[_Term]) -> sympy.Basic:
        if not terms:
            return sympy.false
        sets = [frozenset(self.atom_text(t)) for t in terms]
        if any(not s for s in sets):
            return sympy.true
        return _factor(sets)


def _union(a: Interval, b: Interval) -> Interval | None:
    """The union of two intervals when it is an interval, else None."""
    if a.is_empty():
        return b
    if b.is_empty():
        return a

    # order by lower end
    def lower_key(i: Interval) -> tuple[int, Fraction, int]:
        return (0, Fraction(0), 0) if i.lo is None else (1, i.lo, int(i.lo_open))

    first, second = sorted((a, b), key=lower_key)
    if first.hi is not None and second.lo is not None:
        if second.lo > first.hi:
            return None
        if second.lo == first.hi and first.hi_open and second.lo_open:
            return None
    if first.hi is None or second.hi is None:
        hi, hi_open = None, True
    elif first.hi > second.hi:
        hi, hi_open = first.hi, first.hi_open
    elif second.hi > first.hi:
        hi, hi_open = second.hi, second.hi_open
    else:
        hi, hi_open = first.hi, first.hi_open and second.hi_open
    if first.lo is not None and second.lo is not None and first.lo == second.lo:
        lo_open = first.lo_open and second.lo_open
    else:
        lo_open = first.lo_open
    return Interval(first.lo, hi, lo_open, hi_open)


_BUILD: dict[str, type] = {
    "+": sympy.StrictGreaterThan,
    "0+": sympy.GreaterThan,
    "-": sympy.StrictLessThan,
    "-0": sympy.LessThan,
    "0": sympy.Equality,
    "-+": sympy.Unequality,
}


def _oriented(g: sympy.Expr, signs: Signs) -> sympy.Basic:
    """``g`` has a sign in ``signs``, written with parameters left and the number right."""
    terms = sympy.Add.make_args(sympy.expand(g))
    const = sympy.Add(*(t for t in terms if t.is_number))
    variable = [t for t in terms if not t.is_number]
    if not variable:
        return compare(g, signs)
    pos = [t for t in variable if not t.could_extract_minus_sign()]
    neg = [-t for t in variable if t.could_extract_minus_sign()]
    if not pos:
        pos, neg, const, signs = neg, pos, -const, _flipped(signs)
    if neg and signs <= frozenset("-0"):
        # variables on both sides: written as "greater than"
        pos, neg, const, signs = neg, pos, -const, _flipped(signs)
    key = "".join(x for x in "-0+" if x in signs)
    return _BUILD[key](sympy.Add(*pos), sympy.Add(*neg) - const, evaluate=False)


def _flipped(signs: Signs) -> Signs:
    return frozenset({"+": "-", "-": "+", "0": "0"}[x] for x in signs)


def _rational(x: Fraction) -> sympy.Rational:
    return sympy.Rational(x.numerator, x.denominator)


def _factor(sets: list[frozenset[sympy.Basic]]) -> sympy.Basic:
    """A disjunction of conjunctions with the shared conjuncts factored out (recursively)."""
    if len(sets) == 1:
        return sympy.And(*sets[0])
    common = frozenset.intersection(*sets)
    if common:
        rest = [s - common for s in sets]
        if any(not r for r in rest):
            return sympy.And(*common)
        return sympy.And(*common, _factor(rest))
    counts: dict[sympy.Basic, int] = {}
    for s in sets:
        for a in s:
            counts[a] = counts.get(a, 0) + 1
    best = max(sorted(counts, key=sympy.default_sort_key), key=lambda a: counts[a], default=None)
    if best is None or counts[best] < 2:
        return sympy.Or(*(sympy.And(*s) for s in sets))
    with_best = [s for s in sets if best in s]
    without = [s for s in sets if best not in s]
    return sympy.Or(_factor(with_best), _factor(without))


def _nnf(cond: sympy.Basic) -> sympy.Basic:
    """Negation normal form: ``~`` pushed down to the comparisons (which absorb it)."""
    if isinstance(cond, sympy.Not):
        return _nnf(negate(cond.args[0]))
    if isinstance(cond, sympy.And | sympy.Or):
        return type(cond)(*(_nnf(a) for a in cond.args))
    if isinstance(cond, sympy.Implies | sympy.Equivalent | sympy.Xor):
        return _nnf(cond.to_nnf())
    return cond


def canonical(
    condition: sympy.Basic, parameters: Any = None, *, seconds: float | None = None
) -> sympy.Basic:
    """The condition in canonical form under the parameters' domains (equivalent, shorter).

    Parameters
    ----------
    condition
        A sympy boolean: comparisons joined by ``&``, ``|``, ``~``.
    parameters
        The parameters with their domains (:class:`Parameter` objects, a
        ``{name: Parameter}`` mapping or names); a symbol not among them
        ranges over the real line.
    seconds
        The time bound (default :func:`simplify_seconds`); when it is
        reached, or the expansion grows past :data:`MAX_TERMS`
        conjunctions, ``condition`` is returned unchanged. ``0`` turns the
        simplifier off.

    Returns
    -------
    sympy.Basic
        A condition that holds at exactly the same points of the domains.

    Examples
    --------
    >>> import sympy
    >>> from gametheory_alliances import Parameter
    >>> k_P, k_C = Parameter("k_P", "positive"), Parameter("k_C", "positive")
    >>> a, b = k_P.symbol, k_C.symbol
    >>> canonical((5 * a >= 2) & (sympy.Rational(2, 5) <= a) & (a + b > 0), [k_P, k_C])
    k_P >= 2/5
    >>> canonical((a >= b) & (a > 1) | (a >= b) & (a <= 1), [k_P, k_C])
    k_P >= k_C
    """
    return canonical_and_emptiness(condition, parameters, seconds=seconds)[0]


def canonical_and_emptiness(
    condition: sympy.Basic, parameters: Any = None, *, seconds: float | None = None
) -> tuple[sympy.Basic, bool | None]:
    """:func:`canonical` and, found on the way, whether the condition is empty (or None).

    Examples
    --------
    >>> from gametheory_alliances import Parameter
    >>> b = Parameter("b", "[0, 1]")
    >>> canonical_and_emptiness((b.symbol > 1) | (b.symbol < 0), [b])
    (False, True)
    """
    limit = simplify_seconds(seconds)
    if condition is sympy.true or condition is sympy.false:
        return condition, condition is sympy.false
    if limit == 0:
        return condition, None
    # The same region is often simplified again in one process (a table, its map, its
    # conditions): a finished result depends only on the condition and the domains.
    table = parameter_table(parameters) if parameters is not None else {}
    key = (condition, tuple((p.name, p.domain.text()) for p in table.values()))
    if key in _FINISHED:
        _FINISHED.move_to_end(key)
        return _FINISHED[key]
    worker = _worker(condition, parameters, limit)
    try:
        out = worker.run(condition)
        status: bool | None = True if not worker.final_terms else None
        for term in worker.final_terms:
            found, _ = _term_witness(worker, term)
            if found:
                status = False
                break
    except _OutOfTime:
        return condition, None
    _FINISHED[key] = (out, status)
    if len(_FINISHED) > _FINISHED_SIZE:
        _FINISHED.popitem(last=False)
    return out, status


_FINISHED: OrderedDict[tuple[Any, ...], tuple[sympy.Basic, bool | None]] = OrderedDict()
_FINISHED_SIZE = 4096


def _worker(condition: sympy.Basic, parameters: Any, seconds: float | None) -> _Canonicaliser:
    table = dict(parameter_table(parameters)) if parameters is not None else {}
    for s in getattr(condition, "free_symbols", ()):
        table.setdefault(s.name, Parameter(s.name, "real"))
    return _Canonicaliser(table, time.monotonic() + simplify_seconds(seconds))


def _linear_term(worker: _Canonicaliser, term: _Term) -> bool:
    """Whether a term's comparisons are all linear (so its linear system is exact)."""
    if term.opaque:
        return False
    for g in term.atoms:
        lin = worker.lifted(g)
        if lin is None or any(name in worker.monomial_bounds for name in lin[0]):
            return False
    return True


def _term_witness(worker: _Canonicaliser, term: _Term) -> tuple[bool | None, dict[str, Fraction]]:
    """Whether a term has a point (exact for linear terms) and such a point when it has one.

    The comparisons ``g != 0`` (not convex) are met by trying each side in turn.
    """
    ne = [g for g, s in term.atoms.items() if s == frozenset("-+")]
    undecided = False
    for choice in range(2 ** len(ne)):
        extra: list[_Row] = []
        for bit, g in enumerate(ne):
            extra.extend(worker.sign_rows(g, frozenset("+" if choice >> bit & 1 else "-")))
        rows = worker.rows(term, extra)
        feasible, point = worker.solve(rows)
        if feasible and point is None:
            _, point = lp_decide(rows)
        if feasible and point is not None:
            values = {n: point.get(n, Fraction(0)) for n in worker.parameters}
            if _linear_term(worker, term) or _holds(worker, term, values):
                return True, values
            for values in _trial_points(worker, term):
                if _holds(worker, term, values):
                    return True, values
            undecided = True
        elif feasible is None:
            undecided = True
    return (None if undecided else False), {}


def _trial_points(worker: _Canonicaliser, term: _Term) -> list[dict[str, Fraction]]:
    """A few points of the term's box (ends, middles, steps inward), to look for a witness."""
    import random

    names = list(worker.parameters)
    grids = []
    for name in names:
        interval = term.box.get(name, worker.domain(name))
        lo = (
            interval.lo
            if interval.lo is not None
            else (interval.hi - 10 if interval.hi is not None else Fraction(-10))
        )
        hi = interval.hi if interval.hi is not None else lo + 10
        values = {lo, hi, (lo + hi) / 2, lo + (hi - lo) / 10, hi - (hi - lo) / 10}
        values |= {Fraction(v) for v in (0, 1, 2, 5) if lo <= v <= hi}
        grids.append(sorted(v for v in values if Interval(v, v, False, False).is_subset(interval)))
    rng = random.Random(0)
    out = []
    for _ in range(200):
        if any(not g for g in grids):
            break
        out.append({n: rng.choice(g) for n, g in zip(names, grids, strict=True)})
    return out


def _holds(worker: _Canonicaliser, term: _Term, values: Mapping[str, Fraction]) -> bool:
    """Whether a point of the parameters satisfies a term exactly."""
    subs = {worker.parameters[n].symbol: _rational(v) for n, v in values.items()}
    for name, interval in term.box.items():
        v = values.get(name, Fraction(0))
        if not Interval(v, v, False, False).is_subset(interval):
            return False
    for g, s in term.atoms.items():
        value = g.xreplace(subs)
        if not value.is_number or number_sign(value) not in s:
            return False
    return not term.opaque


def emptiness(
    condition: sympy.Basic, parameters: Any = None, *, seconds: float | None = None
) -> bool | None:
    """Whether the condition holds nowhere in the domains: True, False, or None (undecided).

    Exact when every comparison is linear (a linear program per conjunction,
    its answer checked in rational arithmetic); for polynomial comparisons,
    True when the linearisation is infeasible, False when a point is found,
    and None otherwise or when the time bound is reached.

    Examples
    --------
    >>> from gametheory_alliances import Parameter
    >>> b, c = Parameter("b", "positive"), Parameter("c", "[0, 1]")
    >>> emptiness((b.symbol > c.symbol + 1) & (b.symbol < 1), [b, c])
    True
    >>> emptiness((b.symbol * c.symbol < 0), [b, c])
    True
    >>> emptiness(b.symbol > 2 * c.symbol, [b, c])
    False
    """
    if condition is sympy.false:
        return True
    if condition is sympy.true:
        return False
    worker = _worker(condition, parameters, seconds)
    try:
        terms = worker.dnf(_nnf(condition))
        undecided = False
        for term in terms:
            found, _ = _term_witness(worker, term)
            if found:
                return False
            if found is None:
                undecided = True
    except _OutOfTime:
        return None
    return None if undecided else True


def sample_points(
    condition: sympy.Basic, parameters: Any, n: int, seed: int, *, seconds: float | None = None
) -> list[dict[str, Fraction]]:
    """Up to ``n`` distinct exact points of the domains where the condition holds.

    For each conjunction, a point found by a linear program is moved along
    random directions of the parameters by a random rational step inside the
    conjunction's linear system (exactly, as in hit-and-run sampling); each
    point is checked against the whole condition before it is kept.
    Deterministic for a given ``seed``. Fewer than ``n`` points come back
    when the region is too thin or too small to find them.
    """
    import random

    rng = random.Random(seed)
    worker = _worker(condition, parameters, seconds)
    try:
        terms = worker.dnf(_nnf(condition))
    except _OutOfTime:
        return []
    names = list(worker.parameters)
    starts = []
    for term in terms:
        try:
            found, point = _term_witness(worker, term)
        except _OutOfTime:
            break
        if found:
            starts.append((term, point))
    out: list[dict[str, Fraction]] = []
    seen: set[tuple[Fraction, ...]] = set()
    if not starts:
        return out
    attempts = 0
    currents = [dict(p) for _, p in starts]
    while len(out) < n and attempts < 40 * n:
        attempts += 1
        k = attempts % len(starts)
        term, _ = starts[k]
        point = currents[k]
        rows = worker.rows(term)
        direction = {m: Fraction(rng.randint(-4, 4)) for m in names}
        lo, hi = _segment(rows, point, direction)
        step = _random_step(rng, lo, hi)
        candidate = {m: point[m] + step * direction[m] for m in names}
        subs = {worker.parameters[m].symbol: _rational(v) for m, v in candidate.items()}
        if not all(worker.parameters[m].domain.contains(v) for m, v in candidate.items()):
            continue
        if decide(condition, subs) is not True:
            continue
        currents[k] = candidate
        key = tuple(candidate[m] for m in names)
        if key not in seen:
            seen.add(key)
            out.append(candidate)
    return out


def _segment(
    rows: list[_Row], point: Mapping[str, Fraction], direction: Mapping[str, Fraction]
) -> tuple[Fraction | None, Fraction | None]:
    """The steps ``t`` keeping ``point + t * direction`` in the closed linear system."""
    lo: Fraction | None = None
    hi: Fraction | None = None
    for items, d, _ in rows:
        value = d + sum((c * point.get(k, Fraction(0)) for k, c in items), Fraction(0))
        rate = sum((c * direction.get(k, Fraction(0)) for k, c in items), Fraction(0))
        if rate > 0:
            bound = -value / rate
            lo = bound if lo is None or bound > lo else lo
        elif rate < 0:
            bound = -value / rate
            hi = bound if hi is None or bound < hi else hi
    return lo, hi


def _random_step(rng: Any, lo: Fraction | None, hi: Fraction | None) -> Fraction:
    lo = Fraction(-1) if lo is None else max(lo, Fraction(-1))
    hi = Fraction(1) if hi is None else min(hi, Fraction(1))
    if hi < lo:
        return Fraction(0)
    return (lo + (hi - lo) * Fraction(rng.randint(0, 64), 64)).limit_denominator(10**6)
