"""The sweep's region method: the symbolic layer's closed forms, evaluated on the grid.

:func:`region_data` derives a game's closed-form equilibrium regions once
(:func:`~gametheory_alliances.equilibrium_regions`,
:func:`~gametheory_alliances.symbolic.spe_regions`; cached per process) and
compiles them into :class:`RegionData`: the polynomials whose signs decide
every comparison and the conditions built from them.
:func:`polynomial_evaluator` and :func:`truth_function` evaluate them on a
whole chunk of points (see :meth:`~gametheory_alliances.sweep.plan.SweepPlan.solve`).
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy
from sympy.polys.fields import sfield

from ..errors import GameError
from .compiled import RELATIONS, numpy_function, payoff_texts

__all__ = [
    "RegionData",
    "RegionsUnavailableError",
    "polynomial_evaluator",
    "region_data",
    "truth_function",
]


@dataclass(frozen=True)
class RegionData:
    """A game's closed-form equilibrium regions, ready for numpy (picklable).

    Attributes
    ----------
    concept
        ``"nash"``, ``"pure"`` or ``"spe"``.
    polys
        Expressions whose signs decide every region: the numerators and
        denominators of the regions' comparisons and the symbolic layer's
        boundary expressions (where the game may be degenerate).
    scales
        For each of ``polys``, the sum of the absolute values of its terms:
        a bound on the size of its floating-point rounding error, up to a
        small factor.
    relations
        Every comparison in the regions, in a fixed order.
    atoms
        For each of ``relations``: its type and the indices in ``polys`` of
        the numerator and denominator of ``lhs - rhs``.
    conditions
        For each candidate equilibrium, its region's condition.
    strategies
        For each candidate (``"nash"``, ``"pure"``): its probabilities,
        player after player.
    choices
        For each candidate (``"spe"``): ``(node, action index)`` at every
        decision node.
    degenerate
        For each candidate (``"nash"``): whether one of its vertices has more
        identically tight constraints than its dimension (the game is then
        degenerate wherever the candidate holds, and its equilibria may lie
        on components).
    """

    concept: str
    polys: tuple[sympy.Expr, ...]
    scales: tuple[sympy.Expr, ...]
    relations: tuple[sympy.Basic, ...]
    atoms: tuple[tuple[type, int, int], ...]
    conditions: tuple[sympy.Basic, ...]
    strategies: tuple[tuple[sympy.Expr, ...], ...]
    choices: tuple[tuple[tuple[int, int], ...], ...]
    degenerate: tuple[bool, ...]


class RegionsUnavailableError(GameError):
    """The symbolic layer cannot give the closed-form regions a region sweep needs."""


_REGION_CACHE: dict[str, RegionData] = {}
"""Derived regions by a fingerprint of the game and concept (derived once per process)."""

_REGION_CACHE_SIZE = 64


def _rationalised(expr: sympy.Expr) -> sympy.Expr:
    """``expr`` with its floating-point numbers read as the decimals they print as."""
    floats = expr.atoms(sympy.Float)
    return expr.xreplace({f: sympy.Rational(repr(float(f))) for f in floats}) if floats else expr


def _degenerate_candidates(arrays: Sequence[np.ndarray], candidates: Sequence[Any]) -> list[bool]:
    """For each closed-form candidate equilibrium ``(x, y)`` of a two-player game:
    whether ``x`` or ``y`` has more identically tight constraints than its
    dimension (zero probabilities, plus the opponent's strategies that are
    identically best responses). Decided exactly in the field of rational
    functions of the parameters; payoffs that are not rational functions
    (roots, exponentials) make every candidate count as degenerate, so that
    the exact solver decides wherever one holds."""
    a, b = arrays
    m, n = a.shape
    exprs = [sympy.sympify(e) for e in (*a.ravel(), *b.ravel())]
    for eq in candidates:
        exprs += [*eq.strategies[0], *eq.strategies[1], *eq.payoffs]
    symbols = sorted(set().union(*(e.free_symbols for e in exprs)), key=lambda s: s.name)
    if not all(e.is_rational_function(*symbols) for e in exprs):
        return [True] * len(candidates)
    _, elements = sfield(exprs)
    fa = np.array(elements[: m * n], dtype=object).reshape(m, n)
    fb = np.array(elements[m * n : 2 * m * n], dtype=object).reshape(m, n)
    out = []
    at = 2 * m * n
    for _ in candidates:
        x, y = elements[at : at + m], elements[at + m : at + m + n]
        u_a, u_b = elements[at + m + n], elements[at + m + n + 1]
        at += m + n + 2
        tight_x = sum(1 for p in x if p == 0) + sum(
            1 for j in range(n) if sum((x[i] * fb[i, j] for i in range(m)), -u_b) == 0
        )
        tight_y = sum(1 for q in y if q == 0) + sum(
            1 for i in range(m) if sum((fa[i, j] * y[j] for j in range(n)), -u_a) == 0
        )
        out.append(tight_x > m or tight_y > n)
    return out


def region_data(game: Any, concept: str, sequential: bool) -> RegionData:
    """The closed-form regions of ``game`` for ``concept``, compiled for the sweep (cached).

    Raises
    ------
    GameError
        When the symbolic layer cannot derive them (more than two players for
        ``"nash"``, imperfect information for ``"spe"``, a game too large).
    """
    blob = {
        "concept": concept,
        "players": list(game.players),
        "strategies": [list(s) for s in game.strategies] if not sequential else [],
        "payoffs": payoff_texts(game, sequential),
        "domains": [[k, str(p.domain)] for k, p in game.parameters.items()],
    }
    key = hashlib.sha256(json.dumps(blob, sort_keys=True).encode()).hexdigest()
    if key in _REGION_CACHE:
        return _REGION_CACHE[key]
    from ..symbolic import equilibrium_regions, spe_regions

    try:
        result: Any = (
            spe_regions(game) if concept == "spe" else equilibrium_regions(game, concept=concept)
        )
    except GameError as exc:
        raise RegionsUnavailableError(
            f"sweep: method 'regions' needs the game's closed-form {concept} regions, which "
            f"the symbolic layer cannot give ({exc}); use method='numeric'"
        ) from None
    polys: dict[sympy.Expr, int] = {}

    def index(expr: sympy.Expr) -> int:
        expr = sympy.expand(expr)
        return polys.setdefault(expr, len(polys))

    relations = sorted(
        {
            r
            for _, region in result.entries
            for r in region.condition.atoms(sympy.core.relational.Relational)
        },
        key=sympy.default_sort_key,
    )
    symbols = [p.symbol for p in game.parameters.values()]

    def split(expr: sympy.Expr) -> tuple[int, int]:
        if expr.is_polynomial(*symbols):
            return index(expr), index(sympy.Integer(1))
        num, den = sympy.fraction(sympy.cancel(sympy.together(expr)))
        return index(num), index(den)

    atoms = []
    for r in relations:
        if type(r) not in RELATIONS:
            raise RegionsUnavailableError(
                f"sweep: method 'regions' cannot evaluate the comparison {r}"
            )
        atoms.append((type(r), *split(r.lhs - r.rhs)))
    for expr in result.boundaries:
        split(expr)
    strategies: list[tuple[sympy.Expr, ...]] = []
    choices: list[tuple[tuple[int, int], ...]] = []
    degenerate: list[bool] = []
    if concept == "spe":
        by_label = {h.label: h for h in game.infosets}
        for eq, _ in result.entries:
            choices.append(
                tuple(
                    sorted(
                        (by_label[label].nodes[0], by_label[label].actions.index(action))
                        for label, action in eq.choices
                    )
                )
            )
    else:
        for eq, _ in result.entries:
            strategies.append(tuple(p for s in eq.strategies for p in s))
        if concept == "nash" and result.entries:
            arrays = [
                np.vectorize(_rationalised, otypes=[object])(a) for a in game.payoff_expressions()
            ]
            degenerate = _degenerate_candidates(arrays, [eq for eq, _ in result.entries])
    position = {r: k for k, r in enumerate(relations)}
    for _, region in result.entries:
        truth_function(region.condition, position)  # raises on what it cannot evaluate
    exprs = tuple(polys)
    data = RegionData(
        concept=concept,
        polys=exprs,
        scales=tuple(sympy.Add(*(sympy.Abs(t) for t in sympy.Add.make_args(e))) for e in exprs),
        relations=tuple(relations),
        atoms=tuple(atoms),
        conditions=tuple(region.condition for _, region in result.entries),
        strategies=tuple(strategies),
        choices=tuple(choices),
        degenerate=tuple(degenerate),
    )
    if len(_REGION_CACHE) >= _REGION_CACHE_SIZE:
        del _REGION_CACHE[next(iter(_REGION_CACHE))]  # the oldest
    _REGION_CACHE[key] = data
    return data


def polynomial_evaluator(
    polys: Sequence[sympy.Expr], scales: Sequence[sympy.Expr], symbols: Sequence[sympy.Symbol]
) -> Any:
    """A function ``(args, n) -> (values, scales)`` of the polynomials at ``n`` points.

    Each polynomial is summed term by term from its monomials (each monomial
    computed once for all polynomials), so the sum of the terms' sizes comes
    for free. Expressions that are not polynomials in ``symbols`` are
    compiled with ``lambdify`` (their size bound is ``scales``).
    """
    plans: list[Any] = []
    others: list[int] = []
    for k, e in enumerate(polys):
        try:
            poly = sympy.Poly(e, *symbols) if symbols else None
        except sympy.PolynomialError:
            poly = None
        if poly is None or not all(c.is_Rational for c in poly.coeffs()):
            if e.is_Rational:
                plans.append([(float(e), ())])
            else:
                plans.append(None)
                others.append(k)
            continue
        plans.append([(float(c), tuple(m)) for m, c in poly.terms()])
    other = (
        numpy_function(
            tuple(polys[k] for k in others) + tuple(scales[k] for k in others), tuple(symbols)
        )
        if others
        else None
    )

    def evaluate(args: Sequence[np.ndarray], n: int) -> tuple[np.ndarray, np.ndarray]:
        xs = [np.broadcast_to(np.asarray(a, dtype=float), (n,)) for a in args]
        monomials: dict[tuple[int, ...], np.ndarray] = {}
        value = np.zeros((len(polys), n))
        size = np.zeros((len(polys), n))
        with np.errstate(all="ignore"):
            for k, plan in enumerate(plans):
                if plan is None:
                    continue
                for c, m in plan:
                    if m not in monomials:
                        mono = np.ones(n)
                        for x, power in zip(xs, m, strict=True):
                            if power:
                                mono = mono * x**power
                        monomials[m] = mono
                    term = c * monomials[m]
                    value[k] += term
                    size[k] += np.abs(term)
            if other is not None:
                out = [np.broadcast_to(np.asarray(v, dtype=float), (n,)) for v in other(*args)]
                for j, k in enumerate(others):
                    value[k] = out[j]
                    size[k] = out[len(others) + j]
        return value, size

    return evaluate


def truth_function(cond: sympy.Basic, position: Mapping[sympy.Basic, int]) -> Any:
    """``cond`` as a function of the truth arrays of its comparisons (numbered by ``position``)."""
    if cond is sympy.true or cond is sympy.false:
        value = bool(cond)
        return lambda truths: value
    if cond in position:
        k = position[cond]
        return lambda truths: truths[k]
    parts = [truth_function(a, position) for a in cond.args]
    if isinstance(cond, sympy.And):
        return lambda truths: functools.reduce(np.logical_and, [p(truths) for p in parts])
    if isinstance(cond, sympy.Or):
        return lambda truths: functools.reduce(np.logical_or, [p(truths) for p in parts])
    if isinstance(cond, sympy.Not):
        return lambda truths: np.logical_not(parts[0](truths))
    raise RegionsUnavailableError(f"sweep: method 'regions' cannot evaluate the condition {cond}")
