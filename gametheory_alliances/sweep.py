"""Equilibria over parameter grids: fast, chunked, resumable, local or on a Dask cluster.

:func:`sweep` solves a parameterised game at every point of a grid (the
cartesian product of one array of values per swept parameter) and returns a
pandas DataFrame with one row per grid point and equilibrium.

How the points are solved
-------------------------
The payoff expressions are evaluated for all points at once (``sympy.lambdify``
to numpy), and the batched kernels of :mod:`gametheory_alliances.kernels`
solve all points in a few numpy operations: a closed form for 2 x 2 games,
batched support enumeration for other small two-player games, vectorised
best-response comparison for pure equilibria of n-player games. The kernels
work in floating point and flag every point where a comparison that matters
lies within :data:`~gametheory_alliances.kernels.KERNEL_TOLERANCE` of a tie.
Those points (degenerate games: weakly dominant strategies, continua of
equilibria; common on integer and decimal grids) are solved by the scalar
exact solver (:func:`~gametheory_alliances.nash_equilibria`,
:func:`~gametheory_alliances.pure_equilibria` or
:func:`~gametheory_alliances.solvers.backward_induction.subgame_perfect_equilibria`
on the game at that point, in rational arithmetic; 2 x 2 games by the exact
closed form :func:`~gametheory_alliances.kernels.nash_2x2_exact`, which
gives the same extreme equilibria, order and components), so every row is
the scalar solver's answer at that point: the same extreme equilibria in the
same order. The attribute ``df.attrs["exact_points"]`` counts the
points solved exactly.

The region method
-----------------
``sweep(..., method="regions")`` decides the points from the symbolic
layer instead: the game's closed-form equilibrium regions
(:func:`~gametheory_alliances.equilibrium_regions` for ``"nash"`` and
``"pure"``, :func:`~gametheory_alliances.symbolic.spe_regions` for trees of
perfect information) are derived once per game (and cached), every region's
condition is evaluated on the whole chunk, and each point gets the
candidates whose regions contain it, their probabilities computed from the
closed-form strategy expressions (a tree's payoffs follow the chosen
actions as in backward induction). Every comparison is decided by the signs
of polynomials (numerators and denominators) evaluated in floating point; a
point where one of them, or one of the symbolic layer's boundary
expressions (where a game may be degenerate), is within
:data:`~gametheory_alliances.kernels.KERNEL_TOLERANCE` times the sum of
its terms' sizes of zero, where a candidate whose vertex is degenerate for
all parameter values holds, or where the regions predict no equilibrium
(``"nash"``) or not exactly one (``"spe"``), is solved by the same exact
scalar solver as the numeric kernels' ties. The table has the same rows,
labels, order and components as with the numeric kernels; probabilities
and payoffs are the closed forms' floats, which agree with the kernels'
to about 1e-14 but not always bit for bit (two floating-point
computations of one number can differ in the last bits, and the rounding
to 15 significant digits does not always absorb that). The default
``method="auto"`` therefore uses the numeric kernels, so the default
tables do not change. For trees without chance moves, on grids of
rational values, the two methods write the same bytes.

Exactness
---------
Grid values are kept as exact fractions (``"0.5:5:10"`` gives 1/2, 1, ...,
5; floats are read as their shortest decimal, 0.1 as 1/10), so the scalar
fallback works in rational arithmetic exactly as ``model.at(...)`` would. The
table itself holds floats; the exact fractions of any row are one call away
(``nash_equilibria(model.at(**row_parameters))``).

The table
---------
Columns, in order:

* one per parameter (swept and fixed), in the model's parameter order;
* ``equilibrium``: the equilibrium's number at its point (1, 2, ...; 0 on a
  row saying that the point has no pure equilibrium);
* ``label``: ``(C, F)`` for a pure equilibrium (each player's strategy),
  ``mixed (C+F, C+F)`` for a mixed one (each player's support); for a
  symmetric 2 x 2 game, prefixed by the game's class at that point
  (``Chicken: (C, F)``; Prisoner's Dilemma, Chicken, Stag Hunt, Harmony or
  Deadlock, from :func:`~gametheory_alliances.symbolic.classify_symmetric_2x2`;
  none on the boundaries between classes, where payoffs tie, nor for the
  other orderings);
* ``PLAYER:STRATEGY``: the probability each player gives each strategy
  (``Ally A:C``), players and strategies in the game's order;
* ``payoff:PLAYER``: each player's expected payoff (probabilities and
  payoffs are rounded to 15 significant digits, so that a number reached
  along different floating-point paths prints the same: 0.3, not
  0.30000000000000004);
* ``component``, ``component_size``: the equilibrium component the extreme
  equilibrium lies on (numbered per point) and its number of extreme
  equilibria (1 for an isolated equilibrium).

For a sequential game (concept ``"spe"``) the strategy columns are
behaviour strategies, ``INFOSET:ACTION`` (``Patron after Attack:Defend``),
one per action of every information set, ``label`` is the equilibrium path
(``Risky, Attack, Stay out``), and there are no component columns.

Rows come in grid order (the first swept parameter varies slowest), then in
the solver's order of equilibria. The table is the same, and writes the
same bytes, for every chunk size, process count and scheduler.

Scale
-----
The grid is cut into chunks of ``chunk_size`` points. With ``out`` (a
``.parquet`` path) every finished chunk is written to ``OUT.parts/`` with a
checkpoint (``checkpoint.json``: the finished chunks and a fingerprint of
the game, grid and options); an interrupted sweep run again with the same
arguments resumes from the checkpoint without recomputing finished chunks,
and a changed game or grid refuses to resume. When all chunks are done the
parts are joined into ``OUT`` and removed. ``processes=k`` runs chunks on
``k`` local processes; ``client=`` (a ``dask.distributed.Client``) runs them
on a Dask cluster. Results are reassembled in chunk order either way.

Examples
--------
>>> from gametheory_alliances.catalogue import load_model
>>> from gametheory_alliances.sweep import sweep
>>> model = load_model("burden-sharing")
>>> df = sweep(model, {"c": [1, 2.5, 4]}, fixed={"b2": 5})
>>> print(df[["c", "label", "Ally A:C", "Ally B:C", "payoff:Ally A"]].to_string(index=False))
  c                     label  Ally A:C  Ally B:C  payoff:Ally A
1.0           Harmony: (C, C)       1.0       1.0            4.0
2.5           Chicken: (C, F)       1.0       0.0            0.5
2.5 Chicken: mixed (C+F, C+F)       0.5       0.5            1.5
2.5           Chicken: (F, C)       0.0       1.0            3.0
4.0 Prisoner's Dilemma: (F, F)       0.0       0.0            0.0
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import math
import os
import shutil
import sys
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import sympy
from sympy.polys.fields import sfield

from .errors import DomainError, GameError, UnknownParameterError
from .kernels import (
    KERNEL_TOLERANCE,
    BimatrixSolution,
    backward_induction_batch,
    nash_2x2,
    nash_2x2_exact,
    nash_bimatrix,
    profile_order,
    pure_nash,
    tree_values,
)
from .parameters import Parameter, as_number, bind_values

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "METHODS",
    "connect_scheduler",
    "default_grid",
    "grid_values",
    "parse_grid_option",
    "parse_grid_spec",
    "regenerate_all",
    "sweep",
    "table_text",
    "write_table",
]

DEFAULT_CHUNK_SIZE = 20_000
"""Points per chunk: bounds the memory of the kernels and the work lost to an interruption."""

MAX_KERNEL_SUPPORTS = 300
"""Games with more pairs of equal-size supports than this (5 x 5 has 251, 6 x 6 has
923) are solved point by point by the scalar solver instead of the batched kernel."""

_KERNEL_BATCH = 1_000_000
"""Points times support pairs handed to the batched kernel at once (bounds its memory)."""


def _batched_bimatrix(a: np.ndarray, b: np.ndarray, size: int) -> BimatrixSolution:
    """:func:`~gametheory_alliances.kernels.nash_bimatrix` over slices of ``size`` points."""
    parts = [nash_bimatrix(a[s : s + size], b[s : s + size]) for s in range(0, len(a), size)]
    if len(parts) == 1:
        return parts[0]
    return BimatrixSolution(
        np.concatenate([p.point + s for p, s in zip(parts, range(0, len(a), size), strict=True)]),
        np.concatenate([p.x for p in parts]),
        np.concatenate([p.y for p in parts]),
        np.concatenate([p.ambiguous for p in parts]),
    )


_CONCEPTS = ("nash", "pure", "spe")
METHODS = ("auto", "numeric", "regions")
"""How :func:`sweep` decides the equilibria at the grid points (see the module notes)."""
_CHECKPOINT_VERSION = 1


# -- grids -------------------------------------------------------------------------------


def parse_grid_spec(text: str, name: str = "grid") -> tuple[Fraction, ...]:
    """The values of a ``START:STOP:NUM`` grid: ``NUM`` evenly spaced values, both ends included.

    ``START`` and ``STOP`` may be integers, decimals or fractions and are
    read exactly, so the values are exact fractions.

    Examples
    --------
    >>> [str(v) for v in parse_grid_spec("0.5:2:4")]
    ['1/2', '1', '3/2', '2']
    >>> parse_grid_spec("1:2")
    Traceback (most recent call last):
    ...
    gametheory_alliances.errors.GameError: grid: expected START:STOP:NUM (e.g. 0:1:11), found '1:2'
    """
    parts = str(text).split(":")
    if len(parts) != 3:
        raise GameError(f"{name}: expected START:STOP:NUM (e.g. 0:1:11), found {text!r}")
    try:
        start = as_number(parts[0].strip(), f"{name} START")
        stop = as_number(parts[1].strip(), f"{name} STOP")
    except GameError as exc:
        raise GameError(f"{name}: START and STOP must be numbers, found {text!r} ({exc})") from None
    from .io.model_file import grid_value_count

    num = grid_value_count(text, name)  # NUM a positive integer, at most MAX_GRID_VALUES
    if not isinstance(start, Fraction) or not isinstance(stop, Fraction):
        raise GameError(f"{name}: START and STOP must be rational, found {text!r}")
    if num == 1:
        return (start,)
    step = (stop - start) / (num - 1)
    return tuple(start + k * step for k in range(num))


def parse_grid_option(text: str) -> tuple[str, tuple[Fraction | float, ...]]:
    """Parse a command-line ``NAME=START:STOP:NUM`` (or ``NAME=V1,V2,...``) option.

    Examples
    --------
    >>> name, values = parse_grid_option("c=1:3:3")
    >>> name, [str(v) for v in values]
    ('c', ['1', '2', '3'])
    >>> parse_grid_option("c=0.5,1")[1]
    (Fraction(1, 2), Fraction(1, 1))
    """
    name, sep, spec = str(text).partition("=")
    name = name.strip()
    if not sep or not name or not spec.strip():
        raise GameError(f"--grid: expected NAME=START:STOP:NUM, found {text!r}")
    return name, grid_values(spec.strip(), name)


def grid_values(values: Any, name: str = "grid") -> tuple[Fraction | float, ...]:
    """Normalise one axis of a grid: ``START:STOP:NUM`` text, a comma list, or numbers.

    Numbers are read exactly where that is faithful (see
    :func:`~gametheory_alliances.parameters.as_number`).
    """
    if isinstance(values, str):
        if ":" in values:
            return parse_grid_spec(values, name)
        items: Sequence[Any] = [v for v in values.split(",") if v.strip()]
    elif np.isscalar(values) or isinstance(values, Fraction):
        items = [values]
    else:
        items = list(np.asarray(values, dtype=object).ravel())
    if not items:
        raise GameError(f"grid {name!r}: expected at least one value, found none")
    out = []
    for v in items:
        if isinstance(v, str):
            v = v.strip()
        elif isinstance(v, np.generic):
            v = v.item()
        out.append(as_number(v, name))
    return tuple(out)


# -- the plan: what to solve at which points ---------------------------------------------


def _fraction_code(expr: sympy.Expr) -> Any:
    """A function of the parameter values computing ``expr`` in exact arithmetic, or ``None``."""
    if expr.is_Rational:
        value = Fraction(int(expr.p), int(expr.q))
        return lambda env: value
    if expr.is_Symbol:
        name = expr.name
        return lambda env: env[name]
    parts = [_fraction_code(a) for a in expr.args]
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
def _numpy_function(exprs: tuple[sympy.Basic, ...], symbols: tuple[sympy.Symbol, ...]) -> Any:
    """One numpy function computing all of ``exprs`` (a list) from the parameter arrays."""
    return sympy.lambdify(symbols, list(exprs), modules="numpy")


_RELATIONS: dict[type, Any] = {
    sympy.StrictGreaterThan: lambda d: d > 0,
    sympy.GreaterThan: lambda d: d >= 0,
    sympy.StrictLessThan: lambda d: d < 0,
    sympy.LessThan: lambda d: d <= 0,
    sympy.Eq: lambda d: d == 0,
    sympy.Ne: lambda d: d != 0,
}


@functools.lru_cache(maxsize=256)
def _exact_predicate(cond: sympy.Basic) -> Any:
    """A function deciding a rational condition exactly at fraction values, or ``None``."""
    if cond is sympy.true or cond is sympy.false:
        value = bool(cond)
        return lambda env: value
    test = _RELATIONS.get(type(cond))
    if test is not None:
        diff = _fraction_code(sympy.expand(cond.lhs - cond.rhs))
        if diff is None:
            return None
        return lambda env: test(diff(env))
    parts = [_exact_predicate(a) for a in cond.args]
    if any(p is None for p in parts):
        return None
    if isinstance(cond, sympy.And):
        return lambda env: all(p(env) for p in parts)
    if isinstance(cond, sympy.Or):
        return lambda env: any(p(env) for p in parts)
    if isinstance(cond, sympy.Not):
        return lambda env: not parts[0](env)
    return None


# -- the region method: the symbolic layer's closed forms, evaluated on the grid ---------


@dataclass(frozen=True)
class _RegionData:
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


class _NoRegions(GameError):
    """The symbolic layer cannot give the closed-form regions a region sweep needs."""


_REGION_CACHE: dict[str, _RegionData] = {}
"""Derived regions by a fingerprint of the game and concept (derived once per process)."""

_REGION_CACHE_SIZE = 64


def _payoff_blob(game: Any, sequential: bool) -> list[list[str]]:
    """The game's payoff (and chance) expressions as text, for fingerprints."""
    if sequential:
        return [
            [nd.kind, list(nd.path), nd.player, nd.infoset]
            + [sympy.srepr(e) for e in (*nd.payoffs, *nd.probs)]
            for nd in game._nodes
        ]
    return [[sympy.srepr(e) for e in a.ravel()] for a in game.payoff_expressions()]


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


def _region_data(game: Any, concept: str, sequential: bool) -> _RegionData:
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
        "payoffs": _payoff_blob(game, sequential),
        "domains": [[k, str(p.domain)] for k, p in game.parameters.items()],
    }
    key = hashlib.sha256(json.dumps(blob, sort_keys=True).encode()).hexdigest()
    if key in _REGION_CACHE:
        return _REGION_CACHE[key]
    from .symbolic import equilibrium_regions, spe_regions

    try:
        result: Any = (
            spe_regions(game) if concept == "spe" else equilibrium_regions(game, concept=concept)
        )
    except GameError as exc:
        raise _NoRegions(
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
        if type(r) not in _RELATIONS:
            raise _NoRegions(f"sweep: method 'regions' cannot evaluate the comparison {r}")
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
        _truth_function(region.condition, position)  # raises on what it cannot evaluate
    exprs = tuple(polys)
    data = _RegionData(
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


def _polynomial_evaluator(
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
        _numpy_function(
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


def _truth_function(cond: sympy.Basic, position: Mapping[sympy.Basic, int]) -> Any:
    """``cond`` as a function of the truth arrays of its comparisons (numbered by ``position``)."""
    if cond is sympy.true or cond is sympy.false:
        value = bool(cond)
        return lambda truths: value
    if cond in position:
        k = position[cond]
        return lambda truths: truths[k]
    parts = [_truth_function(a, position) for a in cond.args]
    if isinstance(cond, sympy.And):
        return lambda truths: functools.reduce(np.logical_and, [p(truths) for p in parts])
    if isinstance(cond, sympy.Or):
        return lambda truths: functools.reduce(np.logical_or, [p(truths) for p in parts])
    if isinstance(cond, sympy.Not):
        return lambda truths: np.logical_not(parts[0](truths))
    raise _NoRegions(f"sweep: method 'regions' cannot evaluate the condition {cond}")


class _Plan:
    """A sweep's game, grid and options; picklable so chunks can run anywhere."""

    def __init__(
        self,
        game: Any,
        model: Any,
        axes: dict[str, tuple[Any, ...]],
        fixed: dict[str, Any],
        concept: str,
        invalid: str,
    ) -> None:
        self.game = game
        self.model = model
        self.axes = axes
        self.fixed = fixed
        self.concept = concept
        self.invalid = invalid
        self.sequential = not hasattr(game, "payoff_expressions")
        self.shape = tuple(len(v) for v in axes.values())
        self.n_points = int(np.prod(self.shape)) if self.shape else 1
        self.regions: _RegionData | None = None
        self._cache: dict[str, Any] = {}

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_cache"] = {}
        return state

    @property
    def parameter_names(self) -> list[str]:
        return list(self.game.parameters)

    def fingerprint(self, chunk_size: int) -> str:
        exprs = _payoff_blob(self.game, self.sequential)
        assumptions = (
            [sympy.srepr(c) for c, _ in self.model.assumptions] if self.model is not None else []
        )
        blob = {
            "version": _CHECKPOINT_VERSION,
            "players": list(self.game.players),
            "strategies": [list(s) for s in self.game.strategies],
            "payoffs": exprs,
            "assumptions": assumptions,
            "axes": {k: [str(v) for v in vals] for k, vals in self.axes.items()},
            "fixed": {k: str(v) for k, v in self.fixed.items()},
            "concept": self.concept,
            "invalid": self.invalid,
            "chunk_size": chunk_size,
        }
        if self.regions is not None:
            # Only region sweeps carry the method, so numeric checkpoints keep their fingerprints.
            blob["method"] = "regions"
        return hashlib.sha256(json.dumps(blob, sort_keys=True).encode()).hexdigest()

    # -- values at points --------------------------------------------------------------

    def _indices(self, start: int, stop: int) -> list[np.ndarray]:
        flat = np.arange(start, stop)
        if not self.shape:
            return []
        return list(np.unravel_index(flat, self.shape))

    def float_values(self, start: int, stop: int) -> dict[str, np.ndarray]:
        n = stop - start
        out = {k: np.full(n, float(v)) for k, v in self.fixed.items()}
        for (name, vals), idx in zip(self.axes.items(), self._indices(start, stop), strict=True):
            out[name] = np.asarray([float(v) for v in vals])[idx]
        return {k: out[k] for k in self.parameter_names}

    def exact_values(self, point: int) -> dict[str, Any]:
        out = dict(self.fixed)
        if self.shape:
            idx = np.unravel_index(point, self.shape)
            for (name, vals), i in zip(self.axes.items(), idx, strict=True):
                out[name] = vals[int(i)]
        return {k: out[k] for k in self.parameter_names}

    def payoffs(self, values: dict[str, np.ndarray], n: int) -> np.ndarray:
        """Float payoffs at every point, shape ``(n, n_players, *game.shape)``."""
        symbols = tuple(p.symbol for p in self.game.parameters.values())
        exprs = tuple(e for array in self.game.payoff_expressions() for e in array.ravel())
        args = [values[k] for k in self.parameter_names]
        with np.errstate(all="ignore"):
            cols = [
                np.broadcast_to(np.asarray(v, dtype=float), (n,))
                for v in _numpy_function(exprs, symbols)(*args)
            ]
        stacked = np.stack(cols, axis=1) if cols else np.zeros((n, 0))
        return stacked.reshape((n, self.game.n_players, *self.game.shape))

    def valid(self, values: dict[str, np.ndarray], start: int, n: int) -> np.ndarray:
        """Which points satisfy the model's assumptions, decided exactly near the boundaries.

        Each relation is decided from the floats where its two sides are
        clearly apart; where they are within tolerance, from the separation
        bound (see :meth:`difference`) when it proves them equal, else in
        exact rational arithmetic at that point.
        """
        ok = np.ones(n, dtype=bool)
        if self.model is None or not self.model.assumptions:
            return ok
        symbols = tuple(p.symbol for p in self.game.parameters.values())
        args = [values[k] for k in self.parameter_names]
        conds = tuple(c for c, _ in self.model.assumptions)
        rels = tuple(
            sorted({r for c in conds for r in c.atoms(sympy.core.relational.Relational)}, key=str)
        )
        unsure = np.zeros(n, dtype=bool)
        try:
            exprs = (*(r.lhs - r.rhs for r in rels), *(r.lhs for r in rels))
            with np.errstate(all="ignore"):
                out = [
                    np.broadcast_to(np.asarray(v, dtype=float), (n,))
                    for v in _numpy_function(exprs, symbols)(*args)
                ]
            truths = []
            for r, margin, lhs in zip(rels, out[: len(rels)], out[len(rels) :], strict=True):
                close = KERNEL_TOLERANCE * (1.0 + np.abs(lhs))
                near = np.abs(margin) <= close
                test = _RELATIONS[type(r)]
                _, gap = self.difference(r.lhs, r.rhs)
                zero = near & (1.1 * close < gap)
                unsure |= near & ~zero
                truths.append(np.where(zero, bool(test(0)), test(margin)))
            for cond in conds:
                ok &= np.broadcast_to(
                    np.asarray(_boolean_function(cond, rels)(*truths), dtype=bool), (n,)
                )
        except (TypeError, ValueError, NameError, AttributeError, KeyError):
            unsure[:] = True
        predicates = [_exact_predicate(c) for c in conds]
        for local in np.nonzero(unsure)[0].tolist():
            point = self.exact_values(start + local)
            if all(p is not None for p in predicates) and all(
                isinstance(v, Fraction) for v in point.values()
            ):
                ok[local] = all(p(point) for p in predicates)
                continue
            try:
                self.model.check_assumptions(point)
                ok[local] = True
            except DomainError:
                ok[local] = False
        if self.invalid == "raise" and not ok.all():
            first = start + int(np.argmin(ok))
            point = self.exact_values(first)
            self.model.check_assumptions(point)  # raises the model's own message
            raise DomainError(f"{self.model.name}: the values {point} violate an assumption")
        return ok

    def difference(self, first: sympy.Expr, second: sympy.Expr) -> tuple[Any, float]:
        """``first - second`` compiled for fractions, and a separation bound over the grid.

        Returns ``(code, gap)``: ``code`` computes the difference in fractions
        (``_IDENTICAL`` when the two are the same expression, ``None`` when
        the difference is not a rational function); ``gap`` is a lower bound
        on the size of the difference wherever it is not zero, at every point
        of the grid (0 when none is known). For a polynomial whose
        coefficients have the common denominator ``C``, in parameters whose
        values have the common denominators ``D_j``,
        ``C * prod(D_j ** degree_j)`` times the difference is an integer, so
        a nonzero difference is at least the inverse of that: two floats
        closer than ``gap`` (less rounding) come from equal exact values.
        """
        table = self._cache.setdefault("difference", {})
        if (first, second) not in table:
            symbols = tuple(p.symbol for p in self.game.parameters.values())
            code, lcd, degrees = _difference_info(first, second, symbols)
            gap = 0.0
            if code is not _IDENTICAL and degrees is not None:
                bound = lcd
                for name, degree in zip(self.game.parameters, degrees, strict=True):
                    if degree > 0:
                        bound *= self._denominator(name) ** degree
                gap = 1.0 / bound if bound < 10**300 else 0.0
            table[(first, second)] = (code, gap)
        entry: tuple[Any, float] = table[(first, second)]
        return entry

    # -- solving -------------------------------------------------------------------------

    def exact_arrays(self, point: int) -> list[np.ndarray] | None:
        """The payoffs at one point as fractions (``None`` when they are not rational)."""
        values = self.exact_values(point)
        if "fraction" not in self._cache:
            codes = []
            for array in self.game.payoff_expressions():
                codes.append([_fraction_code(e) for e in array.ravel()])
            self._cache["fraction"] = codes
        codes = self._cache["fraction"]
        if not all(isinstance(v, Fraction) for v in values.values()) or not all(
            c is not None for row in codes for c in row
        ):
            return None
        try:
            return [
                np.array([c(values) for c in row], dtype=object).reshape(self.game.shape)
                for row in codes
            ]
        except ZeroDivisionError:
            return None  # game.at reports the undefined payoff

    def exact_game(self, point: int) -> Any:
        """The numeric game at one point, exactly as ``model.at`` builds it."""
        arrays = self.exact_arrays(point)
        if arrays is None:
            return self.game.at(**self.exact_values(point))
        from .normal_form import NormalFormGame

        return NormalFormGame(
            arrays,
            players=self.game.players,
            strategies=self.game.strategies,
            title=self.game.title,
        )

    def solve(self, start: int, stop: int) -> pd.DataFrame:
        """The table rows of the points ``start <= point < stop``."""
        n = stop - start
        values = self.float_values(start, stop)
        ok = self.valid(values, start, n)
        if self.sequential:
            return self._solve_spe(start, values, ok)
        pay = self.payoffs(values, n)
        game = self.game
        rows = _Rows(self, values)
        rows.classes = self.symmetric_classes(pay, start)
        if self.regions is not None:
            redo = self._solve_by_regions(values, pay, ok, rows)
        elif self.concept == "pure":
            psol = pure_nash(pay)
            redo = (psol.ambiguous | ~np.isfinite(pay).reshape(n, -1).all(axis=1)) & ok
            keep = ok[psol.point] & ~redo[psol.point]
            profile = psol.profile[keep]
            point = psol.point[keep]
            strategies = []
            for i, m in enumerate(game.shape):
                strategies.append(np.eye(m)[profile[:, i]])
            payoffs = pay[(point, slice(None), *profile.T)]
            rows.add_kernel(point, strategies, payoffs)
        else:
            if game.n_players != 2:
                raise GameError(
                    f"sweep: concept 'nash' needs a two-player game, found {game.n_players} "
                    "players; use concept='pure'"
                )
            a, b = pay[:, 0], pay[:, 1]
            m, k = game.shape
            if game.shape == (2, 2):
                bsol = nash_2x2(a, b)
            elif (
                pairs := sum(math.comb(m, j) * math.comb(k, j) for j in range(1, min(m, k) + 1))
            ) <= MAX_KERNEL_SUPPORTS:
                bsol = _batched_bimatrix(a, b, max(1, _KERNEL_BATCH // pairs))
            else:
                # Too many support pairs to batch: every point goes to the scalar solver.
                bsol = BimatrixSolution(
                    np.zeros(0, dtype=np.intp), np.zeros((0, m)), np.zeros((0, k)), np.ones(n, bool)
                )
            redo = (bsol.ambiguous | ~np.isfinite(pay).reshape(n, -1).all(axis=1)) & ok
            keep = ok[bsol.point] & ~redo[bsol.point]
            point, x, y = bsol.point[keep], bsol.x[keep], bsol.y[keep]
            payoffs = np.stack(
                [
                    np.einsum("ki,kij,kj->k", x, a[point], y),
                    np.einsum("ki,kij,kj->k", x, b[point], y),
                ],
                axis=1,
            )
            rows.add_kernel(point, [x, y], payoffs)
        for k in np.nonzero(redo)[0]:
            rows.add_exact(int(k), self.scalar(start + int(k)))
        if self.concept == "pure":
            rows.add_empty(np.nonzero(ok)[0])
        frame = rows.frame()
        frame.attrs["exact_points"] = int(redo.sum())
        return frame

    def _solve_spe(self, start: int, values: dict[str, np.ndarray], ok: np.ndarray) -> pd.DataFrame:
        """Rows of a sequential game: array backward induction, exact enumeration at ties."""
        game = self.game
        nodes = game._nodes
        n = len(ok)
        infosets = game.infosets
        widths = [len(h.actions) for h in infosets]
        offsets = np.cumsum([0, *widths])
        rows = _TreeRows(n)
        leaf_pay: dict[int, np.ndarray] = {}
        if game.is_perfect_information:
            args = [values[k] for k in self.parameter_names]
            symbols = tuple(p.symbol for p in game.parameters.values())
            exprs = tuple(e for nd in nodes for e in (*nd.payoffs, *nd.probs))
            with np.errstate(all="ignore"):
                flat = [
                    np.broadcast_to(np.asarray(v, dtype=float), (n,))
                    for v in _numpy_function(exprs, symbols)(*args)
                ]
            probs: dict[int, np.ndarray] = {}
            at = 0
            for k, nd in enumerate(nodes):
                if nd.kind == "terminal":
                    leaf_pay[k] = np.stack(flat[at : at + len(nd.payoffs)], axis=1)
                    at += len(nd.payoffs)
                elif nd.kind == "chance":
                    probs[k] = np.stack(flat[at : at + len(nd.probs)], axis=1)
                    at += len(nd.probs)
            if self.regions is not None:
                picks, root, unsure = self._spe_by_regions(values, leaf_pay, probs, n)
            else:
                sol = backward_induction_batch(
                    [nd.kind for nd in nodes],
                    [nd.children for nd in nodes],
                    [nd.player for nd in nodes],
                    leaf_pay,
                    probs,
                    n,
                )
                picks, root, unsure = sol.choice, sol.values, sol.ambiguous
            redo = unsure & ok
            point = np.nonzero(ok & ~unsure)[0]
            behaviour = np.zeros((len(point), int(offsets[-1])))
            for h, info in enumerate(infosets):
                chosen = picks[point, info.nodes[0]]
                behaviour[np.arange(len(point)), offsets[h] + chosen] = 1.0
            # One path text per pattern of choices and of impossible chance outcomes.
            decision = [k for k, nd in enumerate(nodes) if nd.kind == "decision"]
            pattern = [picks[point][:, decision]]
            chance_nodes = sorted(probs)
            pattern += [probs[k][point] == 0 for k in chance_nodes]
            keys = np.concatenate([p.astype(np.int64) for p in pattern], axis=1)
            uniq, inverse = np.unique(keys, axis=0, return_inverse=True)
            texts = []
            for key in uniq:
                choice = dict(zip(decision, key[: len(decision)], strict=True))
                zero: dict[int, np.ndarray] = {}
                at = len(decision)
                for k in chance_nodes:
                    zero[k] = key[at : at + len(nodes[k].children)]
                    at += len(nodes[k].children)
                texts.append(", ".join(_tree_path(nodes, 0, choice, zero)))
            labels = np.asarray(texts, dtype=object)[inverse.reshape(-1)]
            rows.add(point, behaviour, root[point], labels)
        else:
            redo = ok
        self._tied_spe(start, np.nonzero(redo)[0], leaf_pay, rows, int(offsets[-1]))
        columns: dict[str, Any] = {}
        point, behaviour, payoffs, labels, numbers = rows.finish()
        columns.update({k: v[point] for k, v in values.items()})
        columns["equilibrium"] = numbers
        columns["label"] = labels
        for h, info in enumerate(infosets):
            for j, action in enumerate(info.actions):
                columns[f"{info.label}:{action}"] = _round_sig(behaviour[:, offsets[h] + j])
        for i, player in enumerate(game.players):
            columns[f"payoff:{player}"] = _round_sig(payoffs[:, i])
        frame = pd.DataFrame(columns)
        frame.attrs["exact_points"] = int(redo.sum())
        return frame

    # -- the region method -------------------------------------------------------------

    def _region_truths(
        self, values: dict[str, np.ndarray], n: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """Which regions hold at each point, and the points they cannot decide.

        Returns ``(holds, unsure)``: ``holds[e, p]`` whether candidate ``e``'s
        region contains point ``p``; ``unsure[p]`` where some sign is not
        certain in floating point. Every comparison is decided by the signs
        of its numerator and denominator, polynomials evaluated in floats;
        a polynomial whose value is within :data:`KERNEL_TOLERANCE` times the
        sum of its terms' sizes (a bound on its rounding error, many times
        over) may be zero, and so may a boundary expression of the symbolic
        layer (where the game may be degenerate): such points, and points
        where something is not finite, are left to the exact solver.
        """
        data = self.regions
        assert data is not None
        symbols = tuple(p.symbol for p in self.game.parameters.values())
        if "regions" not in self._cache:
            position = {r: k for k, r in enumerate(data.relations)}
            self._cache["regions"] = (
                _polynomial_evaluator(data.polys, data.scales, symbols),
                [_truth_function(c, position) for c in data.conditions],
            )
        evaluate, conditions = self._cache["regions"]
        f, scale = evaluate([values[k] for k in self.parameter_names], n)
        finite = np.isfinite(f) & np.isfinite(scale)
        unsure = ~finite.all(axis=0) | (np.abs(f) <= KERNEL_TOLERANCE * scale).any(axis=0)
        sign = np.sign(np.where(finite, f, 0.0)).astype(np.int8)
        truths = [_RELATIONS[kind](sign[a] * sign[b]) for kind, a, b in data.atoms]
        holds = np.zeros((len(conditions), n), dtype=bool)
        for e, condition in enumerate(conditions):
            holds[e] = condition(truths)
        return holds, unsure

    def _solve_by_regions(
        self, values: dict[str, np.ndarray], pay: np.ndarray, ok: np.ndarray, rows: _Rows
    ) -> np.ndarray:
        """Rows of a normal-form chunk from the regions; returns the points left to the solver.

        Away from every boundary the candidates whose regions contain a point
        are exactly its extreme equilibria (isolated, since no candidate's
        vertex is degenerate there); points where a degenerate candidate
        holds, or where no candidate holds under ``"nash"``, go to the solver too.
        """
        data = self.regions
        assert data is not None
        n = len(ok)
        game = self.game
        holds, unsure = self._region_truths(values, n)
        unsure |= ~np.isfinite(pay).reshape(n, -1).all(axis=1)
        width = sum(game.shape)
        n_entries = len(data.conditions)
        probs = np.zeros((n, n_entries, width))
        if n_entries:
            symbols = tuple(p.symbol for p in game.parameters.values())
            args = [values[k] for k in self.parameter_names]
            exprs = tuple(p for entry in data.strategies for p in entry)
            with np.errstate(all="ignore"):
                flat = [
                    np.broadcast_to(np.asarray(v, dtype=float), (n,))
                    for v in _numpy_function(exprs, symbols)(*args)
                ]
            probs = np.stack(flat, axis=1).reshape(n, n_entries, width)
            unsure |= (holds.T & ~np.isfinite(probs).all(axis=2)).any(axis=1)
            degenerate = np.array(data.degenerate, dtype=bool)
            if degenerate.any():
                unsure |= holds[degenerate].any(axis=0)
        if self.concept == "nash":
            unsure |= ~holds.any(axis=0)
        clean = ok & ~unsure
        entry, point = np.nonzero(holds & clean[None, :])
        found = probs[point, entry]
        cuts = np.cumsum([0, *game.shape])
        strategies = [found[:, cuts[i] : cuts[i + 1]] for i in range(game.n_players)]
        order = profile_order(point, strategies)
        point = point[order]
        strategies = [s[order] for s in strategies]
        if self.concept == "pure":
            profile = np.stack([s.argmax(axis=1) for s in strategies], axis=1).reshape(
                len(point), game.n_players
            )
            payoffs = pay[(point, slice(None), *profile.T)]
        else:
            x, y = strategies
            a, b = pay[:, 0], pay[:, 1]
            payoffs = np.stack(
                [
                    np.einsum("ki,kij,kj->k", x, a[point], y),
                    np.einsum("ki,kij,kj->k", x, b[point], y),
                ],
                axis=1,
            )
        rows.add_kernel(point, strategies, payoffs)
        redo: np.ndarray = unsure & ok
        return redo

    def _spe_by_regions(
        self,
        values: dict[str, np.ndarray],
        leaf_pay: Mapping[int, np.ndarray],
        probs: Mapping[int, np.ndarray],
        n: int,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(choice, root values, unsure)`` of a tree from its SPE regions.

        A point is decided when exactly one region contains it and no sign is
        uncertain (away from every boundary the SPE is unique); its payoffs
        follow the chosen actions with the arithmetic of backward induction.
        """
        data = self.regions
        assert data is not None
        nodes = self.game._nodes
        holds, unsure = self._region_truths(values, n)
        for v in leaf_pay.values():
            unsure |= ~np.isfinite(v).all(axis=1)
        unsure |= holds.sum(axis=0) != 1
        table = np.full((max(len(data.choices), 1), len(nodes)), -1, dtype=np.intp)
        for e, choices in enumerate(data.choices):
            for node, action in choices:
                table[e, node] = action
        choice = table[holds.argmax(axis=0)] if len(data.choices) else table[np.zeros(n, np.intp)]
        root = tree_values(
            [nd.kind for nd in nodes], [nd.children for nd in nodes], choice, leaf_pay, probs
        )
        return choice, root, unsure

    def _tied_spe(
        self,
        start: int,
        tied: np.ndarray,
        leaf_pay: Mapping[int, np.ndarray],
        rows: _TreeRows,
        width: int,
    ) -> None:
        """Every SPE at the tied points, added to ``rows``.

        In a perfect-information tree without chance moves, backward induction
        only ever compares two leaves' payoffs for one player, so points with
        the same sign of every such difference have the same subgame-perfect
        equilibria, in the same order; only the payoffs differ (each
        equilibrium ends at one leaf). The signs are computed for all tied
        points at once: from the floats where a difference is clearly
        nonzero, zero where the two payoffs are the same expression, and in
        exact rational arithmetic where the floats are within tolerance. The
        scalar solver then runs once per sign pattern. Otherwise (chance moves,
        imperfect information, irrational values) it runs at every tied point.
        """
        game = self.game
        nodes = game._nodes
        leaves = [k for k, nd in enumerate(nodes) if nd.kind == "terminal"]
        rational = all(
            isinstance(v, Fraction) for vals in self.axes.values() for v in vals
        ) and all(isinstance(v, Fraction) for v in self.fixed.values())
        grouped = (
            bool(leaf_pay)
            and rational
            and game.is_perfect_information
            and not any(nd.kind == "chance" for nd in nodes)
        )
        single: list[int] = []
        if grouped and len(tied):
            failed = np.zeros(len(tied), dtype=bool)
            signs = []
            for i in range(game.n_players):
                values = np.stack([leaf_pay[k][tied, i] for k in leaves], axis=1)
                close = KERNEL_TOLERANCE * np.maximum(1.0, np.abs(values).max(axis=1))
                for a, b in itertools.combinations(range(len(leaves)), 2):
                    code, gap = self._leaf_difference(i, leaves[a], leaves[b])
                    if code is _IDENTICAL:
                        signs.append(np.zeros(len(tied), dtype=np.int8))
                        continue
                    d = values[:, a] - values[:, b]
                    near = np.abs(d) <= close
                    sign = np.where(near, 0, np.sign(d)).astype(np.int8)
                    # A nonzero difference is at least ``gap`` in size: below it, it is zero.
                    undecided = near & ~(1.1 * close < gap)
                    for t in np.nonzero(undecided)[0].tolist():
                        try:
                            if code is None:
                                raise ZeroDivisionError
                            exact = code(self.exact_values(start + int(tied[t])))
                            sign[t] = (exact > 0) - (exact < 0)
                        except ZeroDivisionError:
                            failed[t] = True
                    signs.append(sign)
            single = tied[failed].tolist()
            good = tied[~failed]
            if len(good):
                pattern = np.stack(signs, axis=1)[~failed]
                _, inverse = np.unique(pattern, axis=0, return_inverse=True)
                inverse = inverse.reshape(-1)
                order = np.argsort(inverse, kind="stable")
                bounds = np.flatnonzero(np.diff(inverse[order])) + 1
                for members in np.split(good[order], bounds):
                    result = list(self.scalar(start + int(members[0])))
                    k = len(result)
                    ends = [_pure_leaf(nodes, eq.profile) for eq in result]
                    behaviour = np.array(
                        [[float(p) for probs in eq.profile for p in probs] for eq in result]
                    ).reshape(k, width)
                    payoffs = np.stack([leaf_pay[e][members] for e in ends], axis=1)
                    labels = np.array([", ".join(eq.path) for eq in result], dtype=object)
                    rows.add(
                        np.repeat(members, k),
                        np.tile(behaviour, (len(members), 1)),
                        payoffs.reshape(len(members) * k, -1),
                        np.tile(labels, len(members)),
                    )
        else:
            single = tied.tolist()
        for local in single:
            result = list(self.scalar(start + local))
            rows.add(
                np.full(len(result), local),
                np.array(
                    [[float(p) for probs in eq.profile for p in probs] for eq in result]
                ).reshape(len(result), width),
                np.array([eq.payoffs for eq in result], dtype=float).reshape(len(result), -1),
                np.array([", ".join(eq.path) for eq in result], dtype=object),
            )

    def _leaf_difference(self, i: int, a: int, b: int) -> tuple[Any, float]:
        """Player ``i``'s payoff at leaf ``a`` minus at leaf ``b`` (see :meth:`difference`)."""
        nodes = self.game._nodes
        return self.difference(nodes[a].payoffs[i], nodes[b].payoffs[i])

    def _denominator(self, name: str) -> int:
        """A common denominator of every value parameter ``name`` takes (0 if not rational)."""
        vals = self.axes.get(name, (self.fixed.get(name),))
        den = 1
        for v in vals:
            if not isinstance(v, Fraction):
                return 10**400  # no bound: makes the gap vanish
            den = math.lcm(den, v.denominator)
        return den

    def symmetric_classes(self, pay: np.ndarray, start: int) -> np.ndarray | None:
        """The class of a symmetric 2 x 2 game at every point ("Chicken", ...; "" for none).

        The class follows from the strict ordering of the payoffs R, S, T, P
        (:func:`~gametheory_alliances.symbolic.classify_symmetric_2x2`); a
        point with two payoffs within tolerance is ordered exactly, and has
        no class when two are equal (it is on a boundary between classes).
        ``None`` when the game is not a symmetric 2 x 2 game or the symbolic
        layer cannot classify it.
        """
        if "symmetric" not in self._cache:
            sym = self.game.shape == (2, 2) and self.game.n_players == 2
            if sym:
                a, b = self.game.payoff_expressions()
                sym = all(sympy.expand(a[i, j] - b[j, i]) == 0 for i in range(2) for j in range(2))
            self._cache["symmetric"] = sym
        table = _class_table() if self._cache["symmetric"] else None
        if table is None:
            return None
        a = pay[:, 0]
        vals = np.stack([a[:, 0, 0], a[:, 0, 1], a[:, 1, 0], a[:, 1, 1]], axis=1)  # R S T P
        order = np.argsort(-vals, axis=1, kind="stable")
        code = order[:, 0] * 64 + order[:, 1] * 16 + order[:, 2] * 4 + order[:, 3]
        names = np.array([table.get(int(c), "") for c in range(256)], dtype=object)
        out = names[code]
        close = KERNEL_TOLERANCE * np.maximum(1.0, np.abs(vals).max(axis=1))
        exprs = self.game.payoff_expressions()[0].ravel()
        tie = np.zeros(len(vals), dtype=bool)
        undecided = np.zeros(len(vals), dtype=bool)
        for p, q in itertools.combinations(range(4), 2):
            near = np.abs(vals[:, p] - vals[:, q]) <= close
            if not near.any():
                continue
            code, gap = self.difference(exprs[p], exprs[q])
            proven = near & ((1.1 * close < gap) | (code is _IDENTICAL))
            tie |= proven
            undecided |= near & ~proven
        out[tie] = ""
        for local in np.nonzero(undecided & ~tie)[0].tolist():
            arrays = self.exact_arrays(start + local)
            if arrays is None:
                out[local] = ""
                continue
            exact = [arrays[0][0, 0], arrays[0][0, 1], arrays[0][1, 0], arrays[0][1, 1]]
            if len(set(exact)) < 4:
                out[local] = ""
                continue
            rank = sorted(range(4), key=lambda k: -exact[k])
            out[local] = table.get(rank[0] * 64 + rank[1] * 16 + rank[2] * 4 + rank[3], "")
        return out.astype(str).astype(object)

    def scalar(self, point: int) -> Any:
        from .solvers.pure import pure_equilibria
        from .solvers.vertex_enumeration import nash_equilibria

        if self.sequential:
            from .solvers.backward_induction import subgame_perfect_equilibria

            return subgame_perfect_equilibria(self.game.at(**self.exact_values(point)))
        if self.concept == "nash" and self.game.shape == (2, 2):
            arrays = self.exact_arrays(point)
            if arrays is not None:
                return nash_2x2_exact(arrays[0].tolist(), arrays[1].tolist())
        numeric = self.exact_game(point)
        if self.concept == "pure":
            return pure_equilibria(numeric)
        return nash_equilibria(numeric)


class _Rows:
    """Collects kernel rows (arrays) and exact rows (equilibrium objects) of a chunk."""

    def __init__(self, plan: _Plan, values: dict[str, np.ndarray]) -> None:
        self.plan = plan
        self.values = values
        self.classes: np.ndarray | None = None
        self.points: list[np.ndarray] = []
        self.strategies: list[list[np.ndarray]] = []
        self.payoffs: list[np.ndarray] = []
        self.components: list[np.ndarray] = []
        self.sizes: list[np.ndarray] = []
        self.numbers: list[np.ndarray] = []

    def add_kernel(
        self, point: np.ndarray, strategies: list[np.ndarray], payoffs: np.ndarray
    ) -> None:
        self.points.append(point)
        self.strategies.append(strategies)
        self.payoffs.append(payoffs)
        number = _within_group_number(point)
        self.numbers.append(number)
        self.components.append(number)
        self.sizes.append(np.ones(len(point), dtype=np.int64))

    def add_exact(self, local: int, result: Any) -> None:
        eqs = list(result)
        if not eqs:
            return
        k = len(eqs)
        self.points.append(np.full(k, local))
        self.strategies.append(
            [
                np.array([eq.strategies[i] for eq in eqs], dtype=float)
                for i in range(self.plan.game.n_players)
            ]
        )
        self.payoffs.append(np.array([eq.payoffs for eq in eqs], dtype=float))
        self.numbers.append(np.arange(1, k + 1))
        self.components.append(
            np.array(
                [eq.component if eq.component is not None else j + 1 for j, eq in enumerate(eqs)]
            )
        )
        self.sizes.append(np.array([eq.component_size for eq in eqs]))

    def add_empty(self, points: np.ndarray) -> None:
        """A row saying 'none' for every valid point without an equilibrium (pure concept)."""
        have = np.concatenate(self.points) if self.points else np.zeros(0, dtype=np.intp)
        empty = np.setdiff1d(points, have)
        if len(empty) == 0:
            return
        game = self.plan.game
        self.points.append(empty)
        self.strategies.append([np.full((len(empty), m), np.nan) for m in game.shape])
        self.payoffs.append(np.full((len(empty), game.n_players), np.nan))
        zero = np.zeros(len(empty), dtype=np.int64)
        self.numbers.append(zero)
        self.components.append(zero)
        self.sizes.append(zero)

    def frame(self) -> pd.DataFrame:
        game = self.plan.game
        n_players = game.n_players
        if self.points:
            point = np.concatenate(self.points)
            order = np.argsort(point, kind="stable")
            point = point[order]
            strategies = [
                np.concatenate([s[i] for s in self.strategies])[order] for i in range(n_players)
            ]
            payoffs = np.concatenate(self.payoffs)[order]
            numbers = np.concatenate(self.numbers)[order]
            components = np.concatenate(self.components)[order]
            sizes = np.concatenate(self.sizes)[order]
        else:
            point = np.zeros(0, dtype=np.intp)
            strategies = [np.zeros((0, m)) for m in game.shape]
            payoffs = np.zeros((0, n_players))
            numbers = components = sizes = np.zeros(0, dtype=np.int64)
        columns: dict[str, Any] = {k: v[point] for k, v in self.values.items()}
        columns["equilibrium"] = numbers.astype(np.int64)
        labels = _labels(game, strategies, numbers)
        if self.classes is not None and len(point):
            named = self.classes[point]
            labels = np.where(named != "", named + ": " + labels, labels)
        columns["label"] = labels
        for i, player in enumerate(game.players):
            for j, strategy in enumerate(game.strategies[i]):
                columns[f"{player}:{strategy}"] = _round_sig(strategies[i][:, j])
        for i, player in enumerate(game.players):
            columns[f"payoff:{player}"] = _round_sig(payoffs[:, i])
        columns["component"] = components.astype(np.int64)
        columns["component_size"] = sizes.astype(np.int64)
        return pd.DataFrame(columns)


def _tree_path(
    nodes: Sequence[Any], k: int, choice: Mapping[int, int], zero: Mapping[int, np.ndarray]
) -> list[str]:
    """The equilibrium path from node ``k`` as the scalar solver lists it (depth first)."""
    nd = nodes[k]
    if nd.kind == "terminal":
        return []
    out: list[str] = []
    for j, (action, child) in enumerate(zip(nd.actions, nd.children, strict=True)):
        taken = choice[k] == j if nd.kind == "decision" else not zero[k][j]
        if taken:
            out.append(action)
            out.extend(_tree_path(nodes, child, choice, zero))
    return out


@functools.lru_cache(maxsize=4096)
def _difference_info(
    first: sympy.Expr, second: sympy.Expr, symbols: tuple[sympy.Symbol, ...]
) -> tuple[Any, int, tuple[int, ...] | None]:
    """``first - second`` compiled for fractions, with the common denominator of its
    coefficients and its degree in each symbol when it is a rational polynomial."""
    diff = sympy.expand(first - second)
    if diff == 0:
        return _IDENTICAL, 1, None
    code = _fraction_code(diff)
    if not diff.is_polynomial(*symbols):
        return code, 1, None
    poly = sympy.Poly(diff, *symbols)
    if not all(c.is_Rational for c in poly.coeffs()):
        return code, 1, None
    lcd = 1
    for c in poly.coeffs():
        lcd = math.lcm(lcd, int(c.q))
    return code, lcd, tuple(poly.degree(s) for s in symbols)


@functools.lru_cache(maxsize=1)
def _class_table() -> dict[int, str] | None:
    """The named class of each strict ordering of R, S, T, P (encoded as in
    ``symmetric_classes``), from the symbolic layer; ``None`` if it cannot say."""
    try:
        from .normal_form import NormalFormGame
        from .symbolic import classify_symmetric_2x2

        generic = NormalFormGame(
            [[["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]]], parameters=["R", "S", "T", "P"]
        )
        regions = classify_symmetric_2x2(generic)
        table = {}
        for order in itertools.permutations(range(4)):
            values = {"RSTP"[k]: 4 - rank for rank, k in enumerate(order)}
            names = [name for name, region in regions.items() if region.contains(**values)]
            if len(names) == 1 and names[0] != "other":
                table[order[0] * 64 + order[1] * 16 + order[2] * 4 + order[3]] = names[0]
        return table
    except Exception:  # the class names are an optional decoration of the labels
        return None


@functools.lru_cache(maxsize=256)
def _boolean_function(cond: sympy.Basic, rels: tuple[sympy.Basic, ...]) -> Any:
    """``cond`` as a numpy function of the truth values of its relations ``rels``."""
    flags = [sympy.Dummy(f"r{k}") for k in range(len(rels))]
    return sympy.lambdify(flags, cond.xreplace(dict(zip(rels, flags, strict=True))), "numpy")


_IDENTICAL = object()
"""Marks two leaf payoffs that are the same expression."""


def _pure_leaf(nodes: Sequence[Any], profile: Sequence[Sequence[Any]]) -> int:
    """The leaf a pure behaviour profile of a tree without chance moves ends at."""
    k = 0
    while nodes[k].kind != "terminal":
        probs = profile[nodes[k].infoset]
        k = nodes[k].children[next(j for j, p in enumerate(probs) if p)]
    return k


class _TreeRows:
    """Collects the rows of a sequential game's chunk."""

    def __init__(self, n: int) -> None:
        self.parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []

    def add(
        self, point: np.ndarray, behaviour: np.ndarray, payoffs: np.ndarray, labels: np.ndarray
    ) -> None:
        self.parts.append((np.asarray(point, dtype=np.intp), behaviour, payoffs, labels))

    def finish(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        point = np.concatenate([p[0] for p in self.parts])
        order = np.argsort(point, kind="stable")
        point = point[order]
        behaviour = np.concatenate([p[1] for p in self.parts])[order]
        payoffs = np.concatenate([p[2] for p in self.parts])[order]
        labels = np.concatenate([p[3] for p in self.parts])[order]
        return point, behaviour, payoffs, labels, _within_group_number(point).astype(np.int64)


SIGNIFICANT_DIGITS = 12
"""Probabilities and payoffs in the table are rounded to this many significant digits."""


def _round_sig(x: np.ndarray, digits: int = SIGNIFICANT_DIGITS) -> np.ndarray:
    """Round to ``digits`` significant digits (so 0.1 + 0.2 prints as 0.3).

    The kernels and the exact solvers reach the same number along different
    floating-point paths; rounding makes them print identically, and it
    absorbs the last-bit errors of the float kernels (0.0499999999999999 is
    0.05). Magnitudes below ``ZERO_SNAP`` are rounding residue of a zero
    (an exact solver gives 0 there) and print as 0. Integers (most
    probabilities) are left alone, and so are numbers above 1e14 in
    magnitude, or below 1e-11 (their scaling by a power of ten would not be
    exact).
    """
    out = np.array(x, dtype=float)
    out[np.abs(out) < ZERO_SNAP] = 0.0
    todo = np.flatnonzero(out != np.round(out))
    if len(todo):
        v = out[todo]
        with np.errstate(all="ignore"):
            power = digits - 1 - np.floor(np.log10(np.abs(v)))
        scaled = (power >= 0) & (power <= 22)
        scale = _POWERS_OF_TEN[np.where(scaled, power, 0).astype(np.intp)]
        out[todo] = np.where(scaled, np.round(v * scale) / scale, v)
    return out + 0.0  # no negative zeros


_POWERS_OF_TEN = 10.0 ** np.arange(23)

ZERO_SNAP = 1e-12
"""Table values smaller than this in magnitude are float residue of zero (the
kernels decide ties with a tolerance of 1e-9, far above it)."""


def _within_group_number(point: np.ndarray) -> np.ndarray:
    """1, 2, ... within each run of equal (sorted) point indices."""
    if len(point) == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.r_[True, point[1:] != point[:-1]]
    first = np.maximum.accumulate(np.where(starts, np.arange(len(point)), 0))
    return np.arange(len(point)) - first + 1


def _labels(game: Any, strategies: list[np.ndarray], numbers: np.ndarray) -> np.ndarray:
    """The label of every row, built once per distinct support pattern."""
    n = len(numbers)
    if n == 0:
        return np.zeros(0, dtype=object)
    code = np.zeros(n, dtype=np.int64)
    shift = 0
    for s in strategies:
        bits = (s > KERNEL_TOLERANCE).astype(np.int64)
        for j in range(s.shape[1]):
            code |= bits[:, j] << shift
            shift += 1
    code = np.where(numbers == 0, -1, code)
    uniques, inverse = np.unique(code, return_inverse=True)
    texts = []
    for u in uniques:
        if u < 0:
            texts.append("no pure equilibrium")
            continue
        parts = []
        pure = True
        shift = 0
        for i, m in enumerate(game.shape):
            support = [game.strategies[i][j] for j in range(m) if (int(u) >> (shift + j)) & 1]
            shift += m
            pure = pure and len(support) == 1
            parts.append("+".join(support))
        text = "(" + ", ".join(parts) + ")"
        texts.append(text if pure else "mixed " + text)
    return np.asarray(texts, dtype=object)[inverse]


# -- outcome predicates, vectorised --------------------------------------------------------


def _baseline_zeros(
    game: Any,
    baseline: Mapping[str, Any],
    names: Sequence[str],
    points: np.ndarray,
    offsets: np.ndarray,
) -> np.ndarray:
    """For each point (a row of ``points``) and each action of every information set:
    whether every SPE of the baseline game plays it with probability zero.

    The baseline game is swept (by this module's kernels, ties decided
    exactly) over the grid spanned by the points' values, each read back as
    the decimal it prints as, with the baseline's values substituted.
    """
    axes: dict[str, tuple[Any, ...]] = {}
    fixed: dict[str, Any] = {}
    columns: dict[str, np.ndarray] = {}
    for j, name in enumerate(names):
        if name in baseline:
            fixed[name] = baseline[name]
            continue
        values = np.unique(points[:, j])
        exact = tuple(as_number(float(v), name) for v in values)
        if len(values) == 1:
            fixed[name] = exact[0]
        else:
            axes[name] = exact
            columns[name] = values
    plan = _Plan(game, None, axes, fixed, "spe", "drop")
    frame = pd.concat(
        [plan.solve(a, b) for a, b in _chunk_bounds(plan.n_points, DEFAULT_CHUNK_SIZE)],
        ignore_index=True,
    )

    def flat_index(table: Mapping[str, np.ndarray], n: int) -> np.ndarray:
        if not axes:
            return np.zeros(n, dtype=np.intp)
        where = [np.searchsorted(columns[name], table[name]) for name in axes]
        return np.asarray(np.ravel_multi_index(where, plan.shape), dtype=np.intp)

    behaviour = np.stack(
        [frame[f"{h.label}:{a}"].to_numpy(dtype=float) for h in game.infosets for a in h.actions],
        axis=1,
    ).reshape(len(frame), int(offsets[-1]))
    played = np.zeros((plan.n_points, int(offsets[-1])), dtype=bool)
    at = flat_index({k: frame[k].to_numpy(dtype=float) for k in axes}, len(frame))
    np.logical_or.at(played, at, behaviour != 0)
    mine = flat_index({k: points[:, j] for j, k in enumerate(names) if k in axes}, len(points))
    zeros: np.ndarray = ~played[mine]
    return zeros


def _outcome_columns(frame: pd.DataFrame, model: Any) -> pd.DataFrame:
    """:func:`~gametheory_alliances.outcomes.outcome_columns` for a whole table at once.

    The same columns, bit for bit. The predicates read each row's path from
    its behaviour columns; the baseline game (the model's ``outcomes.baseline``
    values substituted) is swept once over the grid spanned by the table's
    points (array backward induction, ties decided exactly). Rows at points
    where a chance probability is near zero or not finite, and trees with
    imperfect information, are left to the point-by-point function. Like
    it, the parameter values are the table's numbers read back as the
    decimals they print as. Unlike it, it does not check the points, nor
    their baselines, against the model's assumptions again.
    """
    from .predicates import outcome_columns

    game = model.game
    spec = model.outcomes
    if len(frame) == 0 or not game.is_perfect_information:
        return outcome_columns(frame, model)
    nodes = game._nodes
    infosets = game.infosets
    n_rows = len(frame)
    names = list(game.parameters)
    uniq, inverse = np.unique(frame[names].to_numpy(dtype=float), axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    n_points = len(uniq)
    symbols = tuple(p.symbol for p in game.parameters.values())
    exprs = tuple(e for nd in nodes for e in (*nd.payoffs, *nd.probs))
    compiled = _numpy_function(exprs, symbols)

    def arrays(args: list[np.ndarray]) -> tuple[dict[int, np.ndarray], dict[int, np.ndarray]]:
        with np.errstate(all="ignore"):
            flat = [
                np.broadcast_to(np.asarray(v, dtype=float), (n_points,)) for v in compiled(*args)
            ]
        leaves, probs, at = {}, {}, 0
        for k, nd in enumerate(nodes):
            if nd.kind == "terminal":
                leaves[k] = np.stack(flat[at : at + len(nd.payoffs)], axis=1)
                at += len(nd.payoffs)
            elif nd.kind == "chance":
                probs[k] = np.stack(flat[at : at + len(nd.probs)], axis=1)
                at += len(nd.probs)
        return leaves, probs

    def doubtful(probs: Mapping[int, np.ndarray]) -> np.ndarray:
        out = np.zeros(n_points, dtype=bool)
        for p in probs.values():
            out |= ((np.abs(p) <= KERNEL_TOLERANCE) | ~np.isfinite(p)).any(axis=1)
        return out

    _, probs = arrays([uniq[:, j] for j in range(len(names))])
    hard = doubtful(probs)
    widths = [len(h.actions) for h in infosets]
    offsets = np.cumsum([0, *widths])
    base_zero = np.ones((n_points, int(offsets[-1])), dtype=bool)
    if any(p.needs_baseline for p in spec.predicates):
        base_zero = _baseline_zeros(game, spec.baseline, names, uniq, offsets)
    behaviour = np.stack(
        [
            frame[f"{info.label}:{a}"].to_numpy(dtype=float)
            for info in infosets
            for a in info.actions
        ],
        axis=1,
    ).reshape(n_rows, int(offsets[-1]))
    complete = ~np.isnan(behaviour).any(axis=1)
    # Which nodes each row's path reaches, and which actions it takes (by label).
    reached = np.zeros((n_rows, len(nodes)), dtype=bool)
    reached[:, 0] = True
    on: dict[str, np.ndarray] = {}
    taken_at = np.zeros((n_rows, int(offsets[-1])), dtype=bool)
    for k, nd in enumerate(nodes):
        if nd.kind == "terminal":
            continue
        for j, (action, child) in enumerate(zip(nd.actions, nd.children, strict=True)):
            if nd.kind == "chance":
                weight = probs[k][inverse, j]
            else:
                weight = behaviour[:, offsets[nd.infoset] + j]
            taken = reached[:, k] & (weight != 0)
            reached[:, child] = taken
            on[action] = on.get(action, np.zeros(n_rows, dtype=bool)) | taken
            if nd.kind == "decision":
                taken_at[:, offsets[nd.infoset] + j] = taken
    labels = np.array([a for info in infosets for a in info.actions], dtype=object)
    nowhere = np.zeros(n_rows, dtype=bool)
    columns: dict[str, np.ndarray] = {}
    for p in spec.predicates:
        holds = complete.copy()
        for a in p.on_path:
            holds &= on.get(a, nowhere)
        for a in p.off_path:
            holds &= ~on.get(a, nowhere)
        if p.baseline_differs:
            listed = np.isin(labels, list(p.baseline_differs))
            hits = taken_at & listed[None, :]
            holds &= hits.any(axis=1) & ~(hits & ~base_zero[inverse]).any(axis=1)
        columns[p.name] = holds
    rows = np.nonzero(hard[inverse] & complete)[0]
    if len(rows):
        exact = outcome_columns(frame.iloc[rows], model)
        for name in columns:
            columns[name][rows] = exact[name].to_numpy(dtype=bool)
    out = frame.copy()
    for name, values in columns.items():
        out[name] = values
    return out


# -- running chunks -----------------------------------------------------------------------


def _solve_chunk(plan: _Plan, start: int, stop: int) -> pd.DataFrame:
    """Solve one chunk (a module-level function so that processes and Dask can run it)."""
    return plan.solve(start, stop)


def connect_scheduler(address: str, timeout: float = 10.0) -> Any:
    """A ``dask.distributed.Client`` for the scheduler at ``address`` (``gta table --scheduler``).

    ``timeout`` is in seconds.

    Raises
    ------
    GameError
        When Dask is not installed (the ``dask`` extra) or the scheduler
        cannot be reached.
    """
    try:
        from dask.distributed import Client
    except ImportError:
        raise GameError(
            "--scheduler needs Dask: pip install 'gametheory-alliances[dask]'"
        ) from None
    try:
        return Client(address, timeout=f"{timeout}s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise GameError(f"cannot reach the Dask scheduler at {address!r}: {exc}") from None


def _chunk_bounds(n_points: int, chunk_size: int) -> list[tuple[int, int]]:
    return [(s, min(s + chunk_size, n_points)) for s in range(0, n_points, chunk_size)]


def _run(
    plan: _Plan,
    bounds: list[tuple[int, int]],
    todo: list[int],
    processes: int | None,
    client: Any,
) -> Iterator[tuple[int, pd.DataFrame]]:
    """Yield ``(chunk index, rows)`` as chunks finish (in any order)."""
    if client is not None:
        from dask.distributed import as_completed as dask_completed

        remote_plan = client.scatter(plan, broadcast=True)
        futures = {
            client.submit(_solve_chunk, remote_plan, *bounds[i], pure=False): i for i in todo
        }
        for fut in dask_completed(list(futures)):
            yield futures[fut], fut.result()
        return
    if processes is not None and processes > 1 and len(todo) > 1:
        with ProcessPoolExecutor(max_workers=processes) as pool:
            jobs = {pool.submit(_solve_chunk, plan, *bounds[i]): i for i in todo}
            for job in as_completed(jobs):
                yield jobs[job], job.result()
        return
    for i in todo:
        yield i, _solve_chunk(plan, *bounds[i])


class _Progress:
    """A minimal progress bar on stderr."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total = total
        self.done = 0
        self.enabled = enabled and total > 0

    def update(self, k: int = 1) -> None:
        self.done += k
        if self.enabled:
            width = 30
            filled = width * self.done // self.total
            sys.stderr.write(
                f"\rsweep [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} chunks"
            )
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
            sys.stderr.flush()


class _Store:
    """Finished chunks on disk beside ``out``, with a checkpoint."""

    def __init__(self, out: Path, fingerprint: str, n_chunks: int, resume: bool) -> None:
        self.out = out
        self.parts = out.with_name(out.name + ".parts")
        self.checkpoint = self.parts / "checkpoint.json"
        self.fingerprint = fingerprint
        self.n_chunks = n_chunks
        self.completed: set[int] = set()
        if self.parts.exists() and not resume:
            shutil.rmtree(self.parts)
        if self.checkpoint.exists():
            try:
                state = json.loads(self.checkpoint.read_text())
            except (OSError, ValueError) as exc:
                raise GameError(
                    f"sweep: the checkpoint {self.checkpoint} is unreadable ({exc}); "
                    "delete it or pass resume=False"
                ) from None
            if state.get("fingerprint") != fingerprint or state.get("n_chunks") != n_chunks:
                raise GameError(
                    f"sweep: {self.parts} holds a partial sweep of a different game, grid or "
                    "options; refusing to resume it (delete that folder or pass resume=False)"
                )
            self.completed = {
                int(i) for i in state.get("completed", []) if self.part(int(i)).exists()
            }
        self.parts.mkdir(parents=True, exist_ok=True)
        self._save()

    def part(self, i: int) -> Path:
        return self.parts / f"chunk-{i:06d}.parquet"

    def _save(self) -> None:
        state = {
            "fingerprint": self.fingerprint,
            "n_chunks": self.n_chunks,
            "completed": sorted(self.completed),
        }
        tmp = self.checkpoint.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, indent=1) + "\n")
        os.replace(tmp, self.checkpoint)

    def add(self, i: int, frame: pd.DataFrame) -> None:
        tmp = self.part(i).with_suffix(".tmp")
        frame.to_parquet(tmp, index=False)
        os.replace(tmp, self.part(i))
        self.completed.add(i)
        self._save()

    def read(self, i: int) -> pd.DataFrame:
        return pd.read_parquet(self.part(i))

    def finish(self, frame: pd.DataFrame) -> None:
        tmp = self.out.with_name(self.out.name + ".tmp")
        frame.to_parquet(tmp, index=False)
        os.replace(tmp, self.out)
        shutil.rmtree(self.parts)


def _resolve(model_or_game: Any) -> tuple[Any, Any]:
    """``(game, model or None)`` from a model, a catalogue name or a parameterised game."""
    from .catalogue import Model, load_model

    if isinstance(model_or_game, str | Path):
        model_or_game = load_model(model_or_game)
    if isinstance(model_or_game, Model):
        return model_or_game.game, model_or_game
    from .sequential import SequentialGame

    if isinstance(model_or_game, SequentialGame) or (
        hasattr(model_or_game, "payoff_expressions") and hasattr(model_or_game, "parameters")
    ):
        return model_or_game, None
    raise GameError(
        "sweep: expected a catalogue model, a model name or a NormalFormGame, "
        f"found {type(model_or_game).__name__}"
    )


def _continuous_sweep(
    game: Any,
    model: Any,
    grid: Mapping[str, Any],
    fixed: Mapping[str, Any] | None,
    invalid: str,
) -> pd.DataFrame:
    """The Nash equilibria of a continuous game over a grid (closed forms, numeric fallback).

    Columns: the parameters, ``equilibrium``, ``label`` (the contributors,
    or ``numeric`` where no closed form holds and iterated best responses
    were used), ``PLAYER:VARIABLE`` (each level) and ``payoff:PLAYER``.
    """
    from .continuous import solve_numeric, solve_symbolic

    if not isinstance(grid, Mapping):
        raise GameError(
            f"sweep: grid must map parameter names to values, found {type(grid).__name__}"
        )
    if invalid not in ("raise", "drop"):
        raise GameError(f"sweep: invalid must be 'raise' or 'drop', found {invalid!r}")
    params: dict[str, Parameter] = game.parameters
    fixed = dict(fixed or {})
    if model is not None:
        fixed = model.expand_vectors(fixed)
    unknown = [k for k in [*grid, *fixed] if k not in params]
    if unknown:
        raise UnknownParameterError(
            f"sweep: unknown parameter{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(map(repr, unknown))}; the game's parameters are: {', '.join(params)}"
        )
    axes = {
        name: tuple(params[name].check(v) for v in grid_values(vals, name))
        for name, vals in grid.items()
    }
    rest = bind_values({k: p for k, p in params.items() if k not in axes}, fixed)
    solutions = solve_symbolic(game)
    level_columns = [f"{p}:{v}" for p, v in zip(game.players, game.variables, strict=True)]
    rows = []
    for combo in itertools.product(*axes.values()):
        values = {**rest, **dict(zip(axes, combo, strict=True))}
        if model is not None:
            try:
                model.check_assumptions(values)
            except DomainError:
                if invalid == "drop":
                    continue
                raise
        subs = {
            params[k].symbol: sympy.Rational(v.numerator, v.denominator)
            if isinstance(v, Fraction)
            else sympy.Float(v)
            for k, v in values.items()
        }
        found = []
        for s in solutions:
            if s.region.contains(**values):
                levels = [float(e.xreplace(subs)) for e in s.strategies]
                payoffs = [float(u.xreplace(subs)) for u in s.payoffs]
                found.append((", ".join(s.contributors) or "nobody", levels, payoffs))
        if not found:
            numeric = solve_numeric(game.at(**values))
            found.append(("numeric", list(numeric.strategies), list(numeric.payoffs)))
        for k, (label, levels, payoffs) in enumerate(found, start=1):
            row: dict[str, Any] = {n: float(values[n]) for n in params}
            row["equilibrium"] = k
            row["label"] = label
            row.update(dict(zip(level_columns, _round_sig(np.array(levels)), strict=True)))
            row.update(
                {
                    f"payoff:{p}": x
                    for p, x in zip(game.players, _round_sig(np.array(payoffs)), strict=True)
                }
            )
            rows.append(row)
    columns = [
        *params,
        "equilibrium",
        "label",
        *level_columns,
        *(f"payoff:{p}" for p in game.players),
    ]
    return pd.DataFrame(rows, columns=columns)


def sweep(
    model_or_game: Any,
    grid: Mapping[str, Any],
    fixed: Mapping[str, Any] | None = None,
    *,
    concept: str | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    out: str | os.PathLike[str] | None = None,
    resume: bool = True,
    processes: int | None = None,
    client: Any = None,
    progress: bool | None = None,
    invalid: str = "raise",
    outcomes: bool = True,
    method: str = "auto",
) -> pd.DataFrame:
    """The equilibria of a parameterised game at every point of a grid.

    Parameters
    ----------
    model_or_game
        A catalogue :class:`~gametheory_alliances.catalogue.Model` (its
        assumptions are checked at every point), a catalogue name, a
        parameterised :class:`~gametheory_alliances.NormalFormGame` or a
        parameterised :class:`~gametheory_alliances.sequential.SequentialGame`.
    grid
        ``{parameter: values}``: each a 1-D array or sequence of numbers, a
        comma list, or ``"START:STOP:NUM"`` text. The cartesian product is
        swept, the first parameter varying slowest.
    fixed
        Values for parameters not swept; the others take their defaults.
    concept
        ``"nash"`` (every extreme Nash equilibrium of a two-player game),
        ``"pure"`` (pure equilibria, any number of players; a point without
        one gets a row labelled ``no pure equilibrium``) or ``"spe"`` (every
        subgame-perfect equilibrium of a sequential game, ties included).
        Default: ``"spe"`` for sequential games, ``"nash"`` for other
        two-player games, ``"pure"`` for more players;
        ``"nash"`` and ``"pure"`` on a sequential game use its reduced
        strategic form.
    chunk_size
        Points solved together (bounds memory; the unit of checkpointing and
        of parallel work).
    out
        A ``.parquet`` path: chunks are checkpointed beside it and the table
        is written to it at the end (see the module notes).
    resume
        Resume a checkpointed sweep of the same game and grid at ``out``
        (``False``: discard it and start over).
    processes
        Run chunks on this many local processes.
    client
        A ``dask.distributed.Client``: run chunks on its cluster.
    progress
        Show a progress bar on stderr; ``None``: only when stderr is a terminal.
    invalid
        What to do with grid points that violate the model's assumptions:
        ``"raise"`` (:class:`~gametheory_alliances.DomainError`) or
        ``"drop"`` (no rows).
    outcomes
        For SPE sweeps of models that declare outcome predicates (the
        entrapment family), append one boolean column per predicate (the
        columns of :func:`~gametheory_alliances.outcomes.outcome_columns`,
        computed for the whole table at once: each row's path from its
        behaviour columns, the model's baseline game swept over the
        table's points); ``False`` leaves them out.
    method
        How the points are decided: ``"numeric"`` by the batched numeric
        kernels; ``"regions"`` by the symbolic layer's closed-form
        equilibrium regions (:func:`~gametheory_alliances.equilibrium_regions`,
        :func:`~gametheory_alliances.symbolic.spe_regions`), derived once and
        evaluated on whole chunks; ``"auto"`` (the default) is
        ``"numeric"``. Both leave the points near a tie to the exact solver
        and give the same table (see the module notes). Continuous games
        are always swept by their closed forms.

    Returns
    -------
    pandas.DataFrame
        One row per grid point and equilibrium (columns: see the module notes).

    Raises
    ------
    UnknownParameterError
        A grid or fixed name that is not a parameter.
    DomainError
        A value outside its parameter's domain, or (``invalid="raise"``) a
        point violating the model's assumptions.
    GameError
        Bad options, or a checkpoint at ``out`` from a different sweep.

    Examples
    --------
    Chicken with a growing cost of the crash: two pure equilibria and a
    mixed one, whose probability of going straight falls with the cost.

    >>> from gametheory_alliances.sweep import sweep
    >>> df = sweep("chicken", {"P": "-10:-2:2"})
    >>> print(df[["P", "equilibrium", "Row:Straight", "Column:Straight"]].to_string(index=False))
        P  equilibrium  Row:Straight  Column:Straight
    -10.0            1           0.0              1.0
    -10.0            2           0.1              0.1
    -10.0            3           1.0              0.0
     -2.0            1           0.0              1.0
     -2.0            2           0.5              0.5
     -2.0            3           1.0              0.0
    >>> df["label"].iloc[1]
    'Chicken: mixed (Swerve+Straight, Swerve+Straight)'
    """
    if method not in METHODS:
        raise GameError(f"sweep: method must be one of {', '.join(METHODS)}, found {method!r}")
    game, model = _resolve(model_or_game)
    from .continuous import ContinuousGame

    if isinstance(game, ContinuousGame):
        if concept not in (None, "nash"):
            raise GameError(f"sweep: a continuous game is swept for nash only, found {concept!r}")
        return _continuous_sweep(game, model, grid, fixed, invalid)
    sequential = not hasattr(game, "payoff_expressions")
    if concept is None:
        concept = "spe" if sequential else "nash" if game.n_players == 2 else "pure"
    if concept not in _CONCEPTS:
        raise GameError(f"sweep: concept must be one of {', '.join(_CONCEPTS)}, found {concept!r}")
    if concept == "spe" and not sequential:
        raise GameError("sweep: concept 'spe' needs a sequential game; this game is in normal form")
    if concept != "spe" and sequential:
        game = game.to_normal_form()
    if invalid not in ("raise", "drop"):
        raise GameError(f"sweep: invalid must be 'raise' or 'drop', found {invalid!r}")
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise GameError(f"sweep: chunk_size must be a positive integer, found {chunk_size!r}")
    if processes is not None and (
        isinstance(processes, bool) or not isinstance(processes, int) or processes < 1
    ):
        raise GameError(f"sweep: processes must be a positive integer, found {processes!r}")
    if not isinstance(grid, Mapping):
        raise GameError(
            f"sweep: grid must map parameter names to values, found {type(grid).__name__}"
        )
    fixed = dict(fixed or {})
    params: dict[str, Parameter] = game.parameters
    unknown = [k for k in [*grid, *fixed] if k not in params]
    if unknown:
        raise UnknownParameterError(
            f"sweep: unknown parameter{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(map(repr, unknown))}; the game's parameters are: {', '.join(params) or 'none'}"
        )
    both = [k for k in grid if k in fixed]
    if both:
        raise GameError(f"sweep: {', '.join(map(repr, both))} both swept and fixed")
    axes = {}
    for name, values in grid.items():
        vals = grid_values(values, name)
        axes[name] = tuple(params[name].check(v) for v in vals)
    rest = bind_values({k: p for k, p in params.items() if k not in axes}, fixed)
    plan = _Plan(game, model, axes, rest, concept, invalid)
    if method == "regions":
        plan.regions = _region_data(game, concept, sequential and concept == "spe")
    bounds = _chunk_bounds(plan.n_points, chunk_size)
    store = None
    if out is not None:
        out_path = Path(out)
        if out_path.suffix != ".parquet":
            raise GameError(f"sweep: out must be a .parquet path, found {str(out)!r}")
        store = _Store(out_path, plan.fingerprint(chunk_size), len(bounds), resume)
    done: dict[int, pd.DataFrame] = {}
    todo = list(range(len(bounds)))
    if store is not None:
        todo = [i for i in todo if i not in store.completed]
    bar = _Progress(len(bounds), sys.stderr.isatty() if progress is None else bool(progress))
    bar.update(len(bounds) - len(todo))
    exact_points = 0
    try:
        for i, frame in _run(plan, bounds, todo, processes, client):
            exact_points += frame.attrs.get("exact_points", 0)
            if store is not None:
                store.add(i, frame)
            done[i] = frame
            bar.update()
    finally:
        bar.close()
    frames = [done[i] if i in done else store.read(i) for i in range(len(bounds))]  # type: ignore[union-attr]
    result = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    result = result.reset_index(drop=True)
    result.attrs = {"exact_points": exact_points}
    if outcomes and concept == "spe" and getattr(model, "outcomes", None) is not None:
        result = _outcome_columns(result, model)
        result.attrs = {"exact_points": exact_points}
    if store is not None:
        store.finish(result)
    return result


# -- tables -----------------------------------------------------------------------------------

_TABLE_FORMATS = (".csv", ".md", ".tex", ".parquet")

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _cell(value: Any) -> str:
    if isinstance(value, float | np.floating):
        if np.isnan(value):
            return ""
        return f"{float(value):.6g}"
    return str(value)


def _latex_escape(text: str) -> str:
    return "".join(_LATEX_SPECIALS.get(ch, ch) for ch in text)


def table_text(df: pd.DataFrame, fmt: str) -> str:
    """The table as Markdown (``"md"``) or LaTeX booktabs (``"tex"``) text.

    Numbers are printed with six significant digits; the CSV and Parquet
    forms keep full precision.

    Examples
    --------
    >>> import pandas as pd
    >>> print(table_text(pd.DataFrame({"b_1": [0.5], "label": ["(C, F)"]}), "tex"))
    \\begin{tabular}{rl}
    \\toprule
    b\\_1 & label \\\\
    \\midrule
    0.5 & (C, F) \\\\
    \\bottomrule
    \\end{tabular}
    """
    headers = [str(c) for c in df.columns]
    numeric = [pd.api.types.is_numeric_dtype(df[c]) for c in df.columns]
    body = [[_cell(v) for v in row] for row in df.itertuples(index=False, name=None)]
    if fmt == "md":

        def esc(t: str) -> str:
            return t.replace("|", "\\|")

        lines = ["| " + " | ".join(esc(h) for h in headers) + " |"]
        lines.append("|" + "|".join("---:" if num else ":---" for num in numeric) + "|")
        lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in body]
        return "\n".join(lines) + "\n"
    if fmt == "tex":
        spec = "".join("r" if num else "l" for num in numeric)
        lines = [f"\\begin{{tabular}}{{{spec}}}", "\\toprule"]
        lines.append(" & ".join(_latex_escape(h) for h in headers) + " \\\\")
        lines.append("\\midrule")
        lines += [" & ".join(_latex_escape(c) for c in row) + " \\\\" for row in body]
        lines += ["\\bottomrule", "\\end{tabular}"]
        return "\n".join(lines) + "\n"
    raise GameError(f"table_text: format must be 'md' or 'tex', found {fmt!r}")


def write_table(df: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write a sweep table; the format follows the extension (.csv, .md, .tex, .parquet).

    The same table always gives the same bytes (CSV with full float
    precision, ``\\n`` line ends; Markdown and LaTeX booktabs with six
    significant digits).

    Raises
    ------
    GameError
        An extension other than those four.

    Examples
    --------
    >>> import pandas as pd, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> path = write_table(pd.DataFrame({"c": [0.5], "label": ["(F, F)"]}), folder / "t.md")
    >>> print(path.read_text(), end="")
    | c | label |
    |---:|:---|
    | 0.5 | (F, F) |
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in _TABLE_FORMATS:
        raise GameError(
            f"write_table: unknown table format {path.suffix or '(none)'!r} of {str(path)!r}; "
            f"expected one of {', '.join(_TABLE_FORMATS)}"
        )
    if suffix == ".csv":
        path.write_text(df.to_csv(index=False, lineterminator="\n"))
    elif suffix == ".parquet":
        df.to_parquet(path, index=False)
    else:
        path.write_text(table_text(df, suffix[1:]))
    return path


def default_grid(model: Any) -> dict[str, tuple[Fraction | float, ...]]:
    """A model's declared default grid (``model.grid``) as exact values."""
    return {
        name: parse_grid_spec(spec, f"{model.name}: grid.{name}")
        for name, spec in model.grid.items()
    }


def regenerate_all(
    out_dir: str | os.PathLike[str],
    models: Sequence[str] | None = None,
    *,
    formats: Sequence[str] = (".csv", ".md"),
    plots: bool = True,
    processes: int | None = None,
    client: Any = None,
    progress: bool | None = False,
    method: str = "auto",
) -> list[Path]:
    """Regenerate the equilibrium tables of catalogue models at their default grids.

    For every model (all catalogue models by default): the sweep at the
    model's declared grid (other parameters at their defaults; points that
    violate the model's assumptions are left out), written as
    ``NAME.csv`` and ``NAME.md`` (``formats``), the model's default region
    map ``NAME.png`` when its grid has two parameters and matplotlib is
    installed, and an ``index.md`` listing the models, grids, row counts and
    files. Every run writes the same bytes. ``method`` is passed to
    :func:`sweep` for every model; with ``"regions"``, models whose regions
    the symbolic layer cannot derive (imperfect information, too large) are
    swept by the numeric kernels.

    Returns
    -------
    list of Path
        The files written, the index last.

    Examples
    --------
    >>> import tempfile
    >>> files = regenerate_all(tempfile.mkdtemp(), ["chicken"], plots=False)
    >>> [f.name for f in files]
    ['chicken.csv', 'chicken.md', 'index.md']
    """
    from .catalogue import list_models, load_model

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    names = list(models) if models is not None else [name for name, _ in list_models()]
    for fmt in formats:
        if fmt not in _TABLE_FORMATS:
            raise GameError(f"regenerate_all: unknown format {fmt!r}; expected {_TABLE_FORMATS}")
    have_plot = False
    if plots:
        try:
            import matplotlib  # noqa: F401

            have_plot = True
        except ImportError:
            have_plot = False
    written: list[Path] = []
    index = [
        "# Equilibrium tables",
        "",
        "Every catalogue model swept over its default grid; parameters not in the grid "
        "take their defaults.",
        "",
        "| model | title | grid | fixed | points | rows | files |",
        "|:---|:---|:---|:---|---:|---:|:---|",
    ]
    for name in names:
        model = load_model(name)
        grid = default_grid(model)
        options: dict[str, Any] = {
            "processes": processes,
            "client": client,
            "progress": progress,
            "invalid": "drop",
        }
        try:
            df = sweep(model, grid, method=method, **options)
        except _NoRegions:
            df = sweep(model, grid, method="numeric", **options)
        files = []
        for fmt in formats:
            written.append(write_table(df, out / f"{model.name}{fmt}"))
            files.append(f"[{model.name}{fmt}]({model.name}{fmt})")
        if have_plot and len(grid) == 2:
            from .plotting import plot_region_map

            (xname, xspec), (yname, yspec) = list(model.grid.items())
            xs = parse_grid_spec(xspec)
            ys = parse_grid_spec(yspec)
            png = out / f"{model.name}.png"
            plot_region_map(
                model,
                x=(xname, xs[0], xs[-1], max(len(xs), 2)),
                y=(yname, ys[0], ys[-1], max(len(ys), 2)),
                out=png,
            )
            written.append(png)
            files.append(f"[{png.name}]({png.name})")
        grid_text = ", ".join(f"{k} = {v}" for k, v in model.grid.items()) or "(defaults only)"
        fixed_text = ", ".join(
            f"{k} = {p.default}" for k, p in model.parameters.items() if k not in grid
        )
        points = int(np.prod([len(v) for v in grid.values()])) if grid else 1
        index.append(
            f"| {model.name} | {model.title.replace('|', '/')} | {grid_text} | {fixed_text} | "
            f"{points} | {len(df)} | {' '.join(files)} |"
        )
    path = out / "index.md"
    path.write_text("\n".join(index) + "\n")
    written.append(path)
    return written
