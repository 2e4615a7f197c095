"""Symbolic equilibria of normal-form games: :func:`equilibrium_regions`.

For a two-player game every candidate extreme equilibrium is a pair of
vertex formulas of the players' best-response polyhedra whose label sets
are complete for all parameter values; each vertex is solved exactly over
the field of rational functions of the parameters (fraction-free Bareiss
elimination when the payoffs are polynomials), and its region is where it is
defined, a probability vector, and leaves no profitable deviation. For
``concept="pure"`` the pure profiles of an n-player game get the
conjunction of their best-response inequalities. The result,
:class:`RegionsResult`, maps each :class:`SymbolicEquilibrium` to its
:class:`~gametheory_alliances.symbolic.Region`; :func:`conditions_to_json`
writes it (or a tree's result) as the ``gta conditions --json`` text.

References
----------
D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel, "Enumeration of Nash
equilibria for two-player games", *Economic Theory* 42 (2010) 9-37.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import sympy
from sympy.polys.fields import sfield

from ..equilibrium import Equilibrium, SolverResult, sort_equilibria
from ..errors import (
    GameError,
    SolverError,
    TooLargeError,
)
from ..labels import Choice, distinct_labels, full_label, full_latex, latex_text
from ..linalg import polynomial_rows, solve_polynomial, solve_unique
from ..normal_form import NormalFormGame
from ..parameters import as_number, bind_values
from .conditions import Simplifier, compare
from .region import Region, RegionTable, dedupe, unwrap
from .trees import SPERegionsResult, spe_regions

__all__ = [
    "MAX_VERTEX_BASES",
    "RegionsResult",
    "SymbolicEquilibrium",
    "check_game",
    "conditions_to_json",
    "equilibrium_regions",
    "normal_form_regions",
]

MAX_VERTEX_BASES = 20_000
"""Most candidate vertex bases :func:`equilibrium_regions` will solve symbolically."""


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
        The concise label of the profile (:func:`~gametheory_alliances.labels.concise_label`):
        ``"(C, F)"`` for a pure profile, ``"mixed (C+F, F)"`` when some player
        mixes over several strategies.
    strategies
        For each player, the probability of each of its strategies.
    payoffs
        Each player's expected payoff.
    names
        Each player's name and strategy labels (for the full label).
    """

    label: str
    strategies: tuple[tuple[sympy.Expr, ...], ...]
    payoffs: tuple[sympy.Expr, ...]
    names: tuple[tuple[str, tuple[str, ...]], ...] = field(default=(), compare=False, repr=False)

    @property
    def choices(self) -> list[Choice]:
        """Each player's name, strategies and their probabilities (:mod:`~gametheory_alliances.labels`)."""
        return [
            (name, actions, probs)
            for (name, actions), probs in zip(self.names, self.strategies, strict=True)
        ]

    @property
    def full_label(self) -> str:
        """Who plays what: ``Row: C; Column: (b/(b + 1)) C + (1/(b + 1)) F``."""
        return full_label(self.choices)

    @property
    def full_latex(self) -> str:
        """The full label in LaTeX."""
        return full_latex(self.choices)

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
            "profile": self.full_label,
            "strategies": [[sympy.sstr(p) for p in s] for s in self.strategies],
            "payoffs": [sympy.sstr(v) for v in self.payoffs],
        }

    def __str__(self) -> str:
        return f"{self.label}: {self.full_label}; payoffs ({', '.join(map(str, self.payoffs))})"


def _labelled(
    game: NormalFormGame, entries: list[tuple[SymbolicEquilibrium, Region]]
) -> tuple[tuple[SymbolicEquilibrium, Region], ...]:
    """The entries with their players' names and distinct concise labels."""
    names = tuple(
        (player, tuple(s)) for player, s in zip(game.players, game.strategies, strict=True)
    )
    named = [dataclasses.replace(eq, names=names) for eq, _ in entries]
    labels = distinct_labels([eq.choices for eq in named])
    return tuple(
        (dataclasses.replace(eq, label=label), region)
        for eq, label, (_, region) in zip(named, labels, entries, strict=True)
    )


@dataclass(frozen=True, eq=False)
class RegionsResult(RegionTable[SymbolicEquilibrium]):
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
        """A LaTeX ``cases``-style table: one line per equilibrium (its labels) and its condition."""
        lines = [
            f"{latex_text(eq.label)}\\ \\left[{eq.full_latex}\\right] & \\text{{if }} {region.latex()}"
            for eq, region in self.entries
        ]
        return "\\begin{cases}\n" + " \\\\\n".join(lines) + "\n\\end{cases}"

    def _repr_latex_(self) -> str:
        """Each equilibrium and its condition, as an aligned LaTeX list."""
        from ..display import regions_latex

        return regions_latex(self)

    def __str__(self) -> str:
        if not self.entries:
            return "no candidate equilibrium has a nonempty region"
        return "\n".join(
            f"{eq.label}: {region}\n    {eq.full_label}" for eq, region in self.entries
        )

    def __repr__(self) -> str:
        return f"RegionsResult(concept={self.concept!r}, {len(self)} regions)\n" + "\n".join(
            "  " + line for line in str(self).splitlines()
        )


def _full_subs(game: Any, values: Mapping[str, Any]) -> dict[sympy.Symbol, sympy.Expr]:
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
    (['b'], {'label': 'mixed (1+2, 1+2)', 'profile': 'Row: (b/(b + 1)) 1 + (1/(b + 1)) 2; Column: (1/(b + 1)) 1 + (b/(b + 1)) 2', 'strategies': [['b/(b + 1)', '1/(b + 1)'], ['1/(b + 1)', 'b/(b + 1)']], 'payoffs': ['b/(b + 1)', 'b/(b + 1)'], 'condition': 'True'})
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


def _sign_condition(
    den: sympy.Expr, numerators: Sequence[sympy.Expr], simplifier: Simplifier
) -> sympy.Basic:
    """``numerators[k] / den >= 0`` for all k, with ``den != 0``, split on the sign of ``den``."""
    signs = simplifier.possible_signs(den)
    branches = []
    if "+" in signs:
        branches.append(sympy.And(compare(den, "+"), *(compare(n, "0+") for n in numerators)))
    if "-" in signs:
        branches.append(sympy.And(compare(den, "-"), *(compare(n, "-0") for n in numerators)))
    return sympy.Or(*branches)


def _vertices(
    opponent: list[list[Any]],
    own_offset: int,
    opp_offset: int,
    field: Any,
    simplifier: Simplifier,
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
    ring_rows = polynomial_rows([simplex] + [row for _, row in constraints])
    for tight in itertools.combinations(range(k + m), k):
        if ring_rows is not None:
            # Polynomial payoffs: fraction-free elimination in the polynomial
            # ring, one gcd per basis instead of one per field operation.
            ring = ring_rows[0][0].ring
            solved = solve_polynomial(
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
            field_solution = solve_unique(rows, [one] + [zero] * k)
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


def check_game(game: Any) -> NormalFormGame:
    """The normal form of a game or catalogue model; :class:`GameError` if it has none."""
    game = unwrap(game)
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
        Row: Contribute; Column: Free-ride
    (Free-ride, Contribute): b >= c
        Row: Free-ride; Column: Contribute
    (Free-ride, Free-ride): c >= b
        Row: Free-ride; Column: Free-ride
    mixed (Contribute+Free-ride, Contribute+Free-ride): b >= c
        Row: ((b - c)/b) Contribute + (c/b) Free-ride; Column: ((b - c)/b) Contribute + (c/b) Free-ride
    >>> [eq.strategies for eq in regions.equilibria_at(b=2, c=1)][1]
    ((0.5, 0.5), (0.5, 0.5))
    """
    result: RegionsResult | SPERegionsResult
    if concept == "spe":
        result = spe_regions(unwrap(game))
    else:
        result = normal_form_regions(game, concept)
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


def normal_form_regions(game: Any, concept: str) -> RegionsResult:
    """:func:`equilibrium_regions` for the normal-form concepts."""
    game = check_game(game)
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
    simplifier = Simplifier(game.parameters)
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
        region = Region(simplifier.simplify(sympy.Or(*conditions)), game.parameters)
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
        eq = SymbolicEquilibrium("", strategies, payoffs)
        entries.append((eq, region))
    entries.sort(key=lambda item: _entry_key(item[0]))
    return RegionsResult(game, "nash", _labelled(game, entries), dedupe(boundaries))


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


def _pure_regions(game: NormalFormGame) -> RegionsResult:
    arrays = game.payoff_expressions()
    simplifier = Simplifier(game.parameters)
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
        eq = SymbolicEquilibrium("", strategies, payoffs)
        entries.append((eq, Region(cond, game.parameters)))
    return RegionsResult(game, "pure", _labelled(game, entries), dedupe(boundaries))
