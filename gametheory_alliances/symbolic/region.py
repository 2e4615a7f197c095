"""Regions of parameter space: :class:`Region`, :func:`threshold`, the region-table base.

A :class:`Region` is a sympy boolean over a game's parameters, simplified
under their domains (by :class:`~gametheory_alliances.symbolic.conditions.Simplifier`),
that answers ``contains`` exactly, ``mask`` on grids, and renders as text,
LaTeX and HTML. :func:`threshold` solves a region, linear in one parameter,
for that parameter. :class:`RegionTable` is the read-only mapping
``{equilibrium: Region}`` that the normal-form and tree results share, and
:func:`unwrap` and :func:`dedupe` are the helpers both of those derivations
use (the game behind a catalogue model; the boundary expressions of a
result).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from fractions import Fraction
from typing import Any, TypeVar

import numpy as np
import sympy
from sympy.core.relational import Relational

from ..errors import (
    ExpressionError,
    GameError,
    UnboundParameterError,
    UnknownParameterError,
)
from ..game import game_of
from ..parameters import Parameter, bind_values, exact_substitutions, parameter_table
from ..signalling import SignallingGame
from .canonical import canonical, canonical_and_emptiness, emptiness, sample_points
from .conditions import OP_SIGNS, Signs, Simplifier, compare, decide, flip, negate, tidy

__all__ = [
    "Region",
    "RegionTable",
    "dedupe",
    "threshold",
    "unwrap",
]

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

    The condition is brought to canonical form under the parameters' domains
    (:func:`~gametheory_alliances.symbolic.canonical.canonical`): atoms implied by the
    domains or by the other atoms are dropped, conjunctions inside others
    are dropped and adjacent ones merged, comparisons of one parameter read
    ``parameter op number``, and shared conjuncts are factored out. The
    simplification is exact (the region is the same set of points) and
    bounded in time; past the bound the condition is kept as given.

    Regions combine as sets: ``a & b`` (intersection), ``a | b`` (union),
    ``~a`` (complement within the domains) and ``a - b`` (difference).

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
    >>> print(region - Region(b.symbol >= 1, [b, c]))
    (b > c) & (b < 1)
    """

    def __init__(self, condition: Any, parameters: Any = None, *, simplify: bool = True) -> None:
        cond = _as_boolean(condition, {})
        self.parameters: dict[str, Parameter] = _parameters_of(cond, parameters)
        by_name = {name: p.symbol for name, p in self.parameters.items()}
        renamed = {s: by_name[s.name] for s in cond.free_symbols if s != by_name[s.name]}
        if renamed:
            cond = cond.xreplace(renamed)
        self._empty: bool | None = None
        self._checked = False
        self._raw: sympy.Basic = Simplifier(self.parameters).simplify(cond) if simplify else cond
        # the canonical form is computed when first asked for: a region built only to
        # be tested for emptiness never needs it
        self._canonical: sympy.Basic | None = None if simplify else cond

    @property
    def condition(self) -> sympy.Basic:
        """The condition, in canonical form (see :func:`~.canonical.canonical`)."""
        if self._canonical is None:
            self._canonical, empty = canonical_and_emptiness(self._raw, self.parameters)
            if empty is not None and not self._checked:
                self._empty, self._checked = empty, True
        return self._canonical

    @property
    def raw_condition(self) -> sympy.Basic:
        """The condition as built (after the quick simplification), before its canonical form."""
        return self._raw

    # -- questions ---------------------------------------------------------------

    @property
    def free_parameters(self) -> tuple[str, ...]:
        """Names of the parameters the condition mentions, in declaration order."""
        names = {s.name for s in self.condition.free_symbols}
        return tuple(n for n in self.parameters if n in names)

    def is_empty(self) -> bool | None:
        """Whether the region holds nowhere in the domains.

        Exact when the condition's comparisons are linear in the parameters
        (one linear program a conjunction, its answer checked in exact
        rational arithmetic). With polynomial comparisons the answer is
        ``True`` when a linearisation proves the region empty, ``False``
        when a point of it is found, and ``None`` when neither is settled
        (as when the time bound of the simplifier is reached).

        Examples
        --------
        >>> from gametheory_alliances import Parameter
        >>> b, c = Parameter("b", "[0, 1]"), Parameter("c", "[0, 1]")
        >>> Region((b.symbol + c.symbol > 2), [b, c]).is_empty()
        True
        >>> Region((b.symbol > c.symbol), [b, c]).is_empty()
        False
        """
        cond = self._canonical if self._canonical is not None else self._raw
        if cond is sympy.false:
            return True
        if cond is sympy.true:
            return False
        if not self._checked:
            self._empty = emptiness(cond, self.parameters)
            self._checked = True
        return self._empty

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
        free = {name: self.parameters[name] for name in self.free_parameters}
        bound = bind_values(free, {k: v for k, v in values.items() if k in free})
        return exact_substitutions(free, bound)

    def contains(self, point: Mapping[str, Any] | None = None, /, **values: Any) -> bool:
        """Whether the point lies in the region (exact for rational values).

        The point is given as a mapping ``{name: value}``, as keywords, or
        both. Parameters not given take their defaults; values are checked
        against the domains. Values may be ints, :class:`fractions.Fraction`,
        sympy rationals or text such as ``"1/3"``.

        Raises
        ------
        UnknownParameterError, UnboundParameterError, DomainError

        Examples
        --------
        >>> from fractions import Fraction
        >>> from gametheory_alliances import Parameter
        >>> b, c = Parameter("b", "positive"), Parameter("c", "[0, 1]")
        >>> region = Region(b.symbol > c.symbol, [b, c])
        >>> region.contains({"b": Fraction(1, 2), "c": Fraction(1, 3)})
        True
        """
        given = {**(dict(point) if point is not None else {}), **values}
        decided = decide(self.condition, self._bind(given))
        if decided is None:
            raise GameError(f"condition {self} is undefined or undecidable at {given}")
        return decided

    def sample(self, n: int = 10, seed: int = 0) -> list[dict[str, Fraction]]:
        """Up to ``n`` distinct exact points inside the region (fractions, seeded).

        Each point maps every parameter of the region to a
        :class:`fractions.Fraction` in its domain, and is checked exactly
        against the condition. Fewer points come back when the region is
        empty or too thin to find them in the time bound.

        Examples
        --------
        >>> from gametheory_alliances import Parameter
        >>> b, c = Parameter("b", "positive"), Parameter("c", "[0, 1]")
        >>> region = Region(b.symbol > c.symbol + 1, [b, c])
        >>> points = region.sample(3, seed=1)
        >>> len(points), all(region.contains(p) for p in points)
        (3, True)
        """
        if not isinstance(n, int) or n < 0:
            raise GameError(f"sample: n must be a nonnegative integer, found {n!r}")
        if self.condition is sympy.false or n == 0:
            return []
        return sample_points(self.condition, self.parameters, n, seed)

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
        # The condition as built holds at the same points of the domains as its
        # canonical form, and evaluating it does not need the canonical form computed.
        condition = self._raw
        names = {s.name for s in condition.free_symbols}
        for name in (n for n in self.parameters if n in names):
            if name not in arrays:
                default = self.parameters[name].default
                if default is None:
                    raise UnboundParameterError(
                        f"no grid values and no default for parameter {name!r}"
                    )
                arrays[name] = np.asarray(float(default))
        shape = np.broadcast_shapes(*(a.shape for a in arrays.values())) if arrays else ()
        symbols = {self.parameters[n].symbol: a for n, a in arrays.items()}
        result = _evaluate(condition, symbols)
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
        return Region(negate(self.condition), self.parameters)

    def __sub__(self, other: Any) -> Region:
        cond, table = self._merge(other)
        return Region(sympy.And(self.condition, negate(cond)), table)

    def __rsub__(self, other: Any) -> Region:
        cond, table = self._merge(other)
        return Region(sympy.And(cond, negate(self.condition)), table)

    def simplify(self, seconds: float | None = None) -> Region:
        """The region with its condition in canonical form, within ``seconds``.

        Regions are simplified when they are built; this runs the
        simplifier again with another time bound (for a region built with
        ``simplify=False``, or one whose simplification ran out of time).
        """
        cond = canonical(
            Simplifier(self.parameters).simplify(self.condition), self.parameters, seconds=seconds
        )
        return Region(cond, self.parameters, simplify=False)

    @property
    def region(self) -> Region:
        """The region itself (so that every result with a region answers ``.region``)."""
        return self

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

    def to_latex(self) -> str:
        """The condition in LaTeX (the same as :meth:`latex`)."""
        return self.latex()

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


@functools.lru_cache(maxsize=4096)
def _compiled(atom: Relational) -> tuple[list[sympy.Symbol], Callable[..., Any]]:
    """``lhs - rhs`` of a comparison as a numpy function (cached: grids call it often)."""
    expr = atom.lhs - atom.rhs
    syms = sorted(expr.free_symbols, key=lambda s: s.name)
    return syms, sympy.lambdify(syms, expr, "numpy", dummify=True)  # no clash with numpy names


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


# -- the table of regions results ----------------------------------------------------

_Key = TypeVar("_Key")


class RegionTable(Mapping[_Key, Region]):
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


def unwrap(game: Any) -> Any:
    """The game to analyse: a model's game (:func:`~gametheory_alliances.game.game_of`), a
    signalling game's tree; anything else as given, for the analysis to name in its error."""
    try:
        found = game_of(game)
    except GameError:
        return game
    return found.game if isinstance(found, SignallingGame) else found


def dedupe(exprs: Iterable[sympy.Expr]) -> tuple[sympy.Expr, ...]:
    """Boundary expressions up to sign and a constant factor, without numbers, sorted."""
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


# -- thresholds ------------------------------------------------------------------------


_OP_OF_SIGNS = {
    "+": sympy.StrictGreaterThan,
    "0+": sympy.GreaterThan,
    "-": sympy.StrictLessThan,
    "-0": sympy.LessThan,
    "0": sympy.Equality,
    "-+": sympy.Unequality,
}


def _solve_atom(atom: Relational, sym: sympy.Symbol, simplifier: Simplifier) -> sympy.Basic:
    signs = OP_SIGNS.get(type(atom))
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
    bound = tidy(-b / a, simplifier)

    def solved(s: Signs) -> sympy.Basic:
        key = "".join(x for x in "-0+" if x in s)
        return _OP_OF_SIGNS[key](sym, bound, evaluate=False)

    possible = simplifier.possible_signs(a)
    branches = []
    if "+" in possible:
        branches.append(sympy.And(compare(a, "+"), solved(signs)))
    if "-" in possible:
        branches.append(sympy.And(compare(a, "-"), solved(flip(signs))))
    if "0" in possible:
        branches.append(sympy.And(compare(a, "0"), compare(b, signs)))
    if len(branches) == 1 and possible in (frozenset("+"), frozenset("-")):
        return solved(signs if possible == frozenset("+") else flip(signs))
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
    simplifier = Simplifier(table)
    solved = _map_atoms(cond, lambda atom: _solve_atom(atom, by_name[name], simplifier))
    # the solved form is the point of a threshold: the quick simplification only, so that
    # the canonical form does not write it the other way round
    return Region(simplifier.simplify(solved), table, simplify=False)
