"""Every Nash equilibrium of a small n-player game, by support enumeration.

A mixed profile with supports ``S_1, ..., S_n`` is a Nash equilibrium when
each player is indifferent among the strategies of its support (the
*indifference conditions*), every probability is nonnegative, and no
strategy outside a support pays more (the *best-response conditions*).
With two or more opponents the indifference conditions are polynomial
(multilinear) in the opponents' probabilities, so equilibria can be
irrational. For every support profile this module

1. skips the profile when some strategy of a support is strictly dominated
   by another pure strategy of its player against every profile of the
   others' supports (*conditional dominance*, Porter, Nudelman and Shoham
   2008): such a strategy is never a best response to a mixture over those
   supports, so no equilibrium has these supports. Weak dominance is not
   used, because a weakly dominated strategy can be played in equilibrium;
2. computes a lexicographic Groebner basis of the indifference conditions
   (exact rational arithmetic: floating-point payoffs are read as the exact
   binary fractions they are). A basis ``[1]`` means no solution. A
   zero-dimensional system is brought to *shape form*
   ``x_j = h_j(t), f(t) = 0`` with ``t`` a separating linear form (after
   taking the radical when roots are multiple), so every solution is given by
   one real root ``alpha`` of ``f``;
3. decides every condition exactly: a polynomial ``q`` evaluated at a root
   ``alpha`` with minimal polynomial ``m`` is zero when ``m`` divides ``q``,
   and otherwise its sign is read from a high-precision evaluation of a
   number known to be nonzero. Rational solutions come out as fractions;
   irrational ones as sympy algebraic numbers (radicals, or ``CRootOf``)
   beside their floats (:class:`AlgebraicEquilibrium`).

Degenerate games. When the indifference conditions of a support profile have
a positive-dimensional solution set (a continuum, as when a player is
indifferent between two strategies whatever the others do), the equilibria
with those supports may form a continuum, which this method does not
enumerate. The result says so in its ``notes`` for each such profile, and
lists the points of that set where, in addition, one or more strategies
outside the supports tie with the support (the best-response conditions
made equalities); together with the equilibria of smaller supports these
include the extreme points of the components that are polyhedral.

The work grows as the number of support profiles, ``prod(2**m_i - 1)``; it
is announced and bounded by ``max_supports``.

References
----------
R. Porter, E. Nudelman and Y. Shoham, "Simple search methods for finding a
Nash equilibrium", *Games and Economic Behavior* 63 (2008) 642-662.

R. D. McKelvey and A. McLennan, "Computation of equilibria in finite games",
in *Handbook of Computational Economics* I (1996) 87-142.

F. Rouillier, "Solving zero-dimensional systems through the rational
univariate representation", *Applicable Algebra in Engineering,
Communication and Computing* 9 (1999) 433-461 (the shape form used here).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from ..equilibrium import (
    Certificate,
    Equilibrium,
    SolverResult,
    format_number,
    sort_equilibria,
)
from ..errors import GameError, TooLargeError
from ..normal_form import NormalFormGame
from .common import DEFAULT_MAX_SUPPORTS, coerce_game, integer_arrays, resolve_exact

__all__ = ["DEFAULT_MAX_SUPPORTS", "AlgebraicEquilibrium", "support_enumeration"]


_METHOD = "support enumeration"

_DIGITS = 60
"""Decimal digits of the evaluation that reads the sign of a nonzero algebraic number."""

_SEPARATING_TRIES = 12
"""Linear forms tried as a separating element before a system is reported unsolved."""

_T = sympy.Symbol("t")


@dataclass(frozen=True, eq=False)
class AlgebraicEquilibrium(Equilibrium):
    """An equilibrium with irrational probabilities: exact algebraic numbers beside floats.

    Every probability is ``h(alpha)`` for one real algebraic number
    ``alpha`` (a root of the irreducible polynomial ``minimal_polynomial``
    in ``t``) and a polynomial ``h`` with rational coefficients.

    Attributes
    ----------
    algebraic_strategies
        For each player, the probability of each strategy as a sympy
        algebraic number (radicals for quadratic ``alpha``, else in ``CRootOf``).
    algebraic_payoffs
        Each player's expected payoff as a sympy algebraic number.
    minimal_polynomial
        The minimal polynomial of ``alpha``, in ``t``.
    root
        ``alpha`` itself.
    polynomials
        For each player and strategy, ``h`` (a polynomial in ``t``) with
        ``h(alpha)`` the probability.
    """

    algebraic_strategies: tuple[tuple[sympy.Expr, ...], ...] = ()
    algebraic_payoffs: tuple[sympy.Expr, ...] = ()
    minimal_polynomial: sympy.Poly | None = None
    root: sympy.Expr | None = None
    polynomials: tuple[tuple[sympy.Poly, ...], ...] = ()

    def certify(self, tol: float = 1e-9) -> Certificate:
        """Re-check exactly, in the field of ``alpha``, that no player gains by deviating.

        Each player's payoff of each pure strategy against the others is
        computed from the game's payoffs as a polynomial in ``t`` reduced
        modulo the minimal polynomial; a regret is zero when that polynomial
        vanishes, and otherwise its sign is read from an evaluation to many
        digits of a number known to be nonzero. ``tol`` is unused (kept for
        the signature of :meth:`Equilibrium.certify`).

        Examples
        --------
        >>> from gametheory_alliances import NormalFormGame
        >>> from gametheory_alliances.solvers.support_enumeration import support_enumeration
        >>> game = NormalFormGame(
        ...     [
        ...         [[[2, 3], [0, 0]], [[1, 2], [3, 1]]],
        ...         [[[0, 0], [1, 1]], [[3, 1], [2, 2]]],
        ...         [[[0, 2], [0, 0]], [[2, 1], [1, 2]]],
        ...     ]
        ... )
        >>> eq = support_enumeration(game)[0]
        >>> eq.certify()
        Certificate(ok=True, exact=True, regrets=(0, 0, 0))
        """
        assert self.minimal_polynomial is not None and self.root is not None
        m, root = self.minimal_polynomial, self.root
        profile = self.polynomials
        ok = all(_sign_at(p, m, root) >= 0 for s in profile for p in s) and all(
            (sum(s, sympy.Poly(0, _T, domain="QQ")) - 1).rem(m).is_zero for s in profile
        )
        regrets = []
        for i, arr in enumerate(self.game.payoff_arrays(exact=True)):
            values = _pure_values(arr, i, profile, m)
            value = sum(
                (p * v for p, v in zip(profile[i], values, strict=True)),
                sympy.Poly(0, _T, domain="QQ"),
            ).rem(m)
            gaps = [(v - value).rem(m) for v in values]
            signs = [_sign_at(g, m, root) for g in gaps]
            worst = max(range(len(gaps)), key=lambda k: (signs[k], _float_at(gaps[k], root)))
            regrets.append(_algebraic(gaps[worst], root))
            ok = ok and max(signs) <= 0
        return Certificate(ok, True, tuple(regrets))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form, with the exact algebraic numbers as sympy-readable text."""
        out = super().to_dict()
        out["algebraic"] = {
            "strategies": [[str(p) for p in s] for s in self.algebraic_strategies],
            "payoffs": [str(v) for v in self.algebraic_payoffs],
        }
        return out

    def __repr__(self) -> str:
        degree = self.minimal_polynomial.degree() if self.minimal_polynomial is not None else 0
        if degree <= 2:
            parts = ", ".join(
                f"{p}: (" + ", ".join(str(x) for x in s) + ")"
                for p, s in zip(self.game.players, self.algebraic_strategies, strict=True)
            )
            pay = ", ".join(str(v) for v in self.algebraic_payoffs)
            return f"AlgebraicEquilibrium({parts}; payoffs ({pay}))"
        parts = ", ".join(f"{p}: {self._strategy_text(i)}" for i, p in enumerate(self.game.players))
        pay = ", ".join(format_number(v) for v in self.payoffs)
        return f"AlgebraicEquilibrium({parts}; payoffs ({pay}); algebraic of degree {degree})"


def support_enumeration(
    game: Any,
    *,
    exact: bool | None = None,
    max_supports: int | None = DEFAULT_MAX_SUPPORTS,
) -> SolverResult:
    """Every Nash equilibrium of a small n-player game, mixed and irrational ones included.

    Parameters
    ----------
    game
        A numeric :class:`~gametheory_alliances.NormalFormGame` with any
        number of players (two-player games are better served by
        :func:`~gametheory_alliances.nash_equilibria`, which also finds the
        extreme points of continua), or a sequential game, which is reduced
        to its normal form first.
    exact
        ``None`` (default) or ``True``: report rational equilibria as exact
        fractions (needs rational payoffs for ``True``). ``False``: report
        floats only. The systems are solved exactly either way.
    max_supports
        Bound on the work: the number of support profiles,
        ``prod(2**m_i - 1)``, counted before any pruning (343 for a
        3 x 3 x 3 game, 81 for four players with two strategies each).
        ``None`` lifts the bound.

    Returns
    -------
    SolverResult
        The equilibria in the toolkit's deterministic order, ``method="support
        enumeration"``. Rational equilibria are :class:`Equilibrium` objects
        with exact fractions; irrational ones are :class:`AlgebraicEquilibrium`
        objects. ``notes`` names every support profile whose indifference
        conditions have a continuum of solutions (see the module's text).

    Raises
    ------
    SolverError
        A symbolic game, or ``exact=True`` with floating-point payoffs.
    TooLargeError
        More support profiles than ``max_supports``.

    Examples
    --------
    Three-player matching pennies: Row wants to match Column, Column to
    match Depth, Depth to mismatch Row. No profile of pure strategies is an
    equilibrium; the only equilibrium has everyone mixing evenly.

    >>> from gametheory_alliances import NormalFormGame
    >>> from gametheory_alliances.solvers.support_enumeration import support_enumeration
    >>> import numpy as np
    >>> a, b, c = np.indices((2, 2, 2))
    >>> pennies = NormalFormGame(
    ...     [np.where(a == b, 1, -1), np.where(b == c, 1, -1), np.where(c != a, 1, -1)],
    ...     players=["Row", "Column", "Depth"],
    ... )
    >>> support_enumeration(pennies)
    SolverResult(method='support enumeration', exact=True, 1 equilibria)
      Equilibrium(Row: (1/2, 1/2), Column: (1/2, 1/2), Depth: (1/2, 1/2); payoffs (0, 0, 0))

    Equilibria of games with three players can be irrational; they come as
    exact algebraic numbers beside their floats, and certify exactly:

    >>> game = NormalFormGame(
    ...     [
    ...         [[[2, 3], [0, 0]], [[1, 2], [3, 1]]],
    ...         [[[0, 0], [1, 1]], [[3, 1], [2, 2]]],
    ...         [[[0, 2], [0, 0]], [[2, 1], [1, 2]]],
    ...     ]
    ... )
    >>> result = support_enumeration(game)
    >>> for eq in result:
    ...     print(eq)
    AlgebraicEquilibrium(Player 1: (5/4 - sqrt(17)/4, -1/4 + sqrt(17)/4), Player 2: (sqrt(17)/16 + 7/16, 9/16 - sqrt(17)/16), Player 3: (1/8 + sqrt(17)/8, 7/8 - sqrt(17)/8); payoffs (sqrt(17)/8 + 9/8, 3/4 + sqrt(17)/4, -3/32 + 11*sqrt(17)/32))
    Equilibrium(Player 1: (0, 1), Player 2: (1/2, 1/2), Player 3: (1/2, 1/2); payoffs (7/4, 2, 3/2))
    Equilibrium(Player 1: (0, 1), Player 2: (0, 1), Player 3: (0, 1); payoffs (1, 2, 2))
    >>> result[0].strategies[0]
    (0.21922359359558485, 0.7807764064044151)
    >>> all(eq.certify() for eq in result)
    True
    """
    game = coerce_game(game, "support_enumeration")
    use_exact = resolve_exact(game, exact, "support_enumeration")
    if max_supports is not None and (
        isinstance(max_supports, bool)
        or not isinstance(max_supports, int | np.integer)
        or max_supports < 1
    ):
        raise GameError(
            "support_enumeration: max_supports must be a positive integer or None, "
            f"found {max_supports!r}"
        )
    n_profiles = math.prod(2**m - 1 for m in game.shape)
    if max_supports is not None and n_profiles > max_supports:
        shape = " x ".join(map(str, game.shape))
        raise TooLargeError(
            f"support_enumeration: a {shape} game has {n_profiles} support profiles, more "
            f"than max_supports={max_supports}; pass a larger max_supports (or None) to run "
            "it anyway, or use simplicial_subdivision for one equilibrium"
        )
    solver = _Solver(game)
    found: dict[tuple[Any, ...], Equilibrium] = {}
    notes: list[str] = []
    examined = 0
    for supports in solver.support_profiles():
        if solver.dominated(supports):
            continue
        examined += 1
        points, continuum = solver.solve_support(supports, ())
        if continuum:
            extra: list[_Point] = []
            for tight in solver.tight_sets(supports):
                more, _ = solver.solve_support(supports, tight)
                extra.extend(more)
            notes.append(solver.continuum_note(supports, len(extra)))
            points = points + extra
        for point in points:
            eq = solver.equilibrium(point, use_exact)
            found.setdefault(_float_key(eq), eq)
    equilibria = tuple(sort_equilibria(list(found.values())))
    options: dict[str, Any] = {
        "exact": use_exact,
        "max_supports": max_supports,
        "support_profiles": n_profiles,
        "examined": examined,
    }
    return SolverResult(
        game,
        method=_METHOD,
        equilibria=equilibria,
        exact=use_exact,
        options=options,
        notes=tuple(notes),
    )


# -- the polynomial systems -------------------------------------------------------


@dataclass(frozen=True)
class _Point:
    """One solution: every probability and payoff as a polynomial in ``t`` at a root of ``m``."""

    probabilities: tuple[tuple[sympy.Poly, ...], ...]
    payoffs: tuple[sympy.Poly, ...]
    minimal: sympy.Poly
    root: sympy.Expr


class _Solver:
    """The payoff data of one game and the systems of its support profiles."""

    def __init__(self, game: NormalFormGame) -> None:
        self.game = game
        if game.is_exact:
            exact = game.payoff_arrays(exact=True)
        else:
            exact = tuple(np.vectorize(Fraction, otypes=[object])(a) for a in game.payoff_arrays())
        self.integers = integer_arrays(list(exact))
        self.rationals = [
            np.vectorize(lambda f: sympy.Rational(f.numerator, f.denominator), otypes=[object])(a)
            for a in exact
        ]

    def support_profiles(self) -> itertools.product[tuple[tuple[int, ...], ...]]:
        """Every profile of nonempty supports, smaller supports first for each player."""
        per_player = [
            [c for size in range(1, m + 1) for c in itertools.combinations(range(m), size)]
            for m in self.game.shape
        ]
        return itertools.product(*per_player)

    def dominated(self, supports: tuple[tuple[int, ...], ...]) -> bool:
        """Whether some support strategy is strictly dominated given the others' supports."""
        for i, arr in enumerate(self.integers):
            index = [list(s) for s in supports]
            index[i] = list(range(self.game.shape[i]))
            sub = np.moveaxis(arr[np.ix_(*index)], i, 0).reshape(self.game.shape[i], -1)
            for s in supports[i]:
                if any(np.all(sub[t] > sub[s]) for t in range(self.game.shape[i]) if t != s):
                    return True
        return False

    def tight_sets(
        self, supports: tuple[tuple[int, ...], ...]
    ) -> list[tuple[tuple[int, int], ...]]:
        """Nonempty sets of (player, strategy outside its support), smaller sets first."""
        outside = [
            (i, t) for i, m in enumerate(self.game.shape) for t in range(m) if t not in supports[i]
        ]
        return [c for k in range(1, len(outside) + 1) for c in itertools.combinations(outside, k)]

    def continuum_note(self, supports: tuple[tuple[int, ...], ...], extra: int) -> str:
        names = "; ".join(
            f"{player}: {{{', '.join(labels[k] for k in s)}}}"
            for player, labels, s in zip(
                self.game.players, self.game.strategies, supports, strict=True
            )
        )
        return (
            f"supports ({names}): the indifference conditions have a continuum of solutions, "
            "so equilibria with these supports may form a continuum, which is not enumerated; "
            f"{extra} of its points where further strategies tie were solved for and those that "
            "are equilibria are listed"
        )

    def solve_support(
        self,
        supports: tuple[tuple[int, ...], ...],
        tight: tuple[tuple[int, int], ...],
    ) -> tuple[list[_Point], bool]:
        """The equilibria with these supports (and these ties); whether the system is a continuum."""
        names = [sympy.Symbol(f"x{i}_{k}") for i, s in enumerate(supports) for k in s[1:]]
        it = iter(names)
        probs: list[list[sympy.Expr]] = []
        for s in supports:
            rest = [next(it) for _ in s[1:]]
            probs.append([1 - sum(rest, sympy.Integer(0)), *rest])
        values = [self._values(i, supports, probs) for i in range(self.game.n_players)]
        equations = [
            sympy.expand(values[i][k] - values[i][supports[i][0]])
            for i, s in enumerate(supports)
            for k in s[1:]
        ]
        equations += [sympy.expand(values[i][t] - values[i][supports[i][0]]) for i, t in tight]
        equations = [e for e in equations if e != 0]
        points: list[tuple[tuple[sympy.Poly, sympy.Expr], dict[sympy.Symbol, sympy.Poly]]]
        if not names:
            # A pure profile: nothing to solve for, only ties to meet.
            if equations:
                return [], False
            points = [((sympy.Poly(_T, _T, domain="QQ"), sympy.Integer(0)), {})]
        else:
            shaped = _shape_form(equations, names)
            if shaped is None:
                return [], True
            points = shaped
        out = []
        for (minimal, root), coords in points:
            point = self._check(supports, probs, values, minimal, root, coords)
            if point is not None:
                out.append(point)
        return out, False

    def _values(
        self,
        i: int,
        supports: tuple[tuple[int, ...], ...],
        probs: list[list[sympy.Expr]],
    ) -> list[sympy.Expr]:
        """Player ``i``'s payoff of each pure strategy against the others' support mixtures."""
        arr = self.rationals[i]
        others = [j for j in range(self.game.n_players) if j != i]
        out = []
        for k in range(self.game.shape[i]):
            total = sympy.Integer(0)
            for combo in itertools.product(*(range(len(supports[j])) for j in others)):
                index: list[int] = [0] * self.game.n_players
                index[i] = k
                weight = sympy.Integer(1)
                for j, c in zip(others, combo, strict=True):
                    index[j] = supports[j][c]
                    weight = weight * probs[j][c]
                total += arr[tuple(index)] * weight
            out.append(total)
        return out

    def _check(
        self,
        supports: tuple[tuple[int, ...], ...],
        probs: list[list[sympy.Expr]],
        values: list[list[sympy.Expr]],
        minimal: sympy.Poly,
        root: sympy.Expr,
        coords: dict[sympy.Symbol, sympy.Poly],
    ) -> _Point | None:
        """The point as a profile when it is in the simplices and a best response everywhere."""

        def at(expr: sympy.Expr) -> sympy.Poly:
            return _compose(expr, coords, minimal)

        full: list[tuple[sympy.Poly, ...]] = []
        for i, s in enumerate(supports):
            column = [sympy.Poly(0, _T, domain="QQ")] * self.game.shape[i]
            for k, p in zip(s, probs[i], strict=True):
                column[k] = at(p)
                if _sign_at(column[k], minimal, root) < 0:
                    return None
            full.append(tuple(column))
        payoffs = []
        for i, s in enumerate(supports):
            value = at(values[i][s[0]])
            for t in range(self.game.shape[i]):
                if t not in s and _sign_at(at(values[i][t]) - value, minimal, root) > 0:
                    return None
            payoffs.append(value)
        return _Point(tuple(full), tuple(payoffs), minimal, root)

    def equilibrium(self, point: _Point, use_exact: bool) -> Equilibrium:
        """The :class:`Equilibrium` (or :class:`AlgebraicEquilibrium`) of a solution."""
        game = self.game
        if not use_exact:
            floats = [[_float_at(p, point.root) for p in s] for s in point.probabilities]
            return Equilibrium.from_profile(game, floats)
        if point.minimal.degree() == 1:
            fractions = [[_fraction(p, point.root) for p in s] for s in point.probabilities]
            return Equilibrium.from_profile(game, fractions)
        strategies = tuple(tuple(_algebraic(p, point.root) for p in s) for s in point.probabilities)
        payoffs = tuple(_algebraic(v, point.root) for v in point.payoffs)
        approximate = tuple(tuple(float(p.evalf(30)) for p in s) for s in strategies)
        float_payoffs = tuple(float(v.evalf(30)) for v in payoffs)
        return AlgebraicEquilibrium(
            game,
            approximate,
            float_payoffs,
            algebraic_strategies=strategies,
            algebraic_payoffs=payoffs,
            minimal_polynomial=point.minimal,
            root=point.root,
            polynomials=point.probabilities,
        )


def _float_key(eq: Equilibrium) -> tuple[Any, ...]:
    if eq.exact_strategies is not None:
        return ("exact", eq.exact_strategies)
    return ("float", tuple(round(p, 9) + 0.0 for s in eq.strategies for p in s))


def _shape_form(
    equations: list[sympy.Expr], names: list[sympy.Symbol]
) -> list[tuple[tuple[sympy.Poly, sympy.Expr], dict[sympy.Symbol, sympy.Poly]]] | None:
    """Every real solution as ``((m, alpha), {x: h(t)})``; ``None`` for a continuum.

    Each variable is ``h(alpha)`` for a real root ``alpha`` of ``m``, the
    minimal polynomial of a separating linear form ``t``. Bases are computed
    in degree order and converted to lexicographic order by FGLM, which is
    much faster than a lexicographic Buchberger run.
    """
    if not equations:
        return None
    basis = sympy.groebner(equations, *names, order="grevlex", domain="QQ")
    if list(basis.exprs) == [1]:
        return []
    if not basis.is_zero_dimensional:
        return None
    renamed = [e.subs(names[-1], _T) for e in basis.fglm("lex").exprs]
    shaped = _shape(renamed, names[:-1], {names[-1]: sympy.Poly(_T, _T, domain="QQ")})
    if shaped is not None:
        return shaped
    generators = _radical(list(basis.exprs), names)
    for k in range(2, _SEPARATING_TRIES + 2):
        form = sum((k**j * x for j, x in enumerate(names)), sympy.Integer(0))
        lifted = sympy.groebner(
            [*generators, _T - form], *names, _T, order="grevlex", domain="QQ"
        ).fglm("lex")
        shaped = _shape(list(lifted.exprs), names, {})
        if shaped is not None:
            return shaped
    raise ArithmeticError("no separating linear form found for a radical zero-dimensional ideal")


def _radical(equations: list[sympy.Expr], names: list[sympy.Symbol]) -> list[sympy.Expr]:
    """Generators of the radical of a zero-dimensional ideal (Seidenberg's lemma)."""
    extra = []
    for x in names:
        order = [y for y in names if y != x] + [x]
        basis = sympy.groebner(equations, *order, order="grevlex", domain="QQ").fglm("lex")
        univariate = sympy.Poly(basis.exprs[-1], x)
        square_free = sympy.Poly(sympy.sqf_part(univariate), x)
        if square_free.degree() < univariate.degree():
            extra.append(square_free.as_expr())
    return equations + extra


def _shape(
    basis: list[sympy.Expr],
    names: list[sympy.Symbol],
    known: dict[sympy.Symbol, sympy.Poly],
) -> list[tuple[tuple[sympy.Poly, sympy.Expr], dict[sympy.Symbol, sympy.Poly]]] | None:
    """The solutions when a lex basis (``t`` last) is ``{x_j - h_j(t)}, f(t)``; else None.

    ``known`` gives variables already expressed in ``t``.
    """
    if len(basis) != len(names) + 1:
        return None
    coords: dict[sympy.Symbol, sympy.Poly] = dict(known)
    for x, g in zip(names, basis[:-1], strict=True):
        g = sympy.expand(g)
        lead = g.coeff(x, 1)
        rest = sympy.expand(g - lead * x)
        if lead.free_symbols or lead == 0 or rest.free_symbols - {_T}:
            return None
        coords[x] = sympy.Poly(-rest / lead, _T, domain="QQ")
    if sympy.expand(basis[-1]).free_symbols - {_T}:
        return None
    univariate = sympy.Poly(basis[-1], _T, domain="QQ")
    out = []
    for factor, _ in univariate.factor_list()[1]:
        monic = sympy.Poly(factor, _T, domain="QQ").monic()
        reduced = {x: h.rem(monic) for x, h in coords.items()}
        for root in monic.real_roots(radicals=True):
            out.append(((monic, root), reduced))
    return out


def _compose(
    expr: sympy.Expr, coords: dict[sympy.Symbol, sympy.Poly], minimal: sympy.Poly
) -> sympy.Poly:
    """A polynomial in the variables as a polynomial in ``t``, reduced modulo ``minimal``."""
    poly = sympy.Poly(expr, *coords, domain="QQ") if coords else None
    if poly is None:
        return sympy.Poly(expr, _T, domain="QQ")
    total = sympy.Poly(0, _T, domain="QQ")
    gens = list(coords)
    for monomial, coeff in poly.terms():
        term = sympy.Poly(coeff, _T, domain="QQ")
        for x, power in zip(gens, monomial, strict=True):
            if power:
                term = (term * coords[x] ** power).rem(minimal)
        total += term
    return total.rem(minimal)


def _sign_at(poly: sympy.Poly, minimal: sympy.Poly, root: sympy.Expr) -> int:
    """The exact sign of ``poly(root)``, where ``minimal`` is the minimal polynomial of ``root``."""
    reduced = poly.rem(minimal)
    if reduced.is_zero:
        return 0
    if reduced.degree() <= 0:
        return 1 if reduced.LC() > 0 else -1
    value = reduced.as_expr().subs(_T, root).evalf(_DIGITS)
    return 1 if value > 0 else -1


def _fraction(poly: sympy.Poly, root: sympy.Expr) -> Fraction:
    value = sympy.Rational(poly.as_expr().subs(_T, root))
    return Fraction(int(value.p), int(value.q))


def _algebraic(poly: sympy.Poly, root: sympy.Expr) -> sympy.Expr:
    return sympy.radsimp(sympy.expand(poly.as_expr().subs(_T, root)))


def _pure_values(
    array: np.ndarray, player: int, profile: Sequence[Sequence[sympy.Poly]], minimal: sympy.Poly
) -> list[sympy.Poly]:
    """Each pure strategy's payoff to ``player`` against the others, as polynomials in ``t``."""
    out = []
    others = [j for j in range(len(profile)) if j != player]
    for k in range(array.shape[player]):
        total = sympy.Poly(0, _T, domain="QQ")
        for combo in itertools.product(*(range(len(profile[j])) for j in others)):
            index = [0] * len(profile)
            index[player] = k
            weight = sympy.Poly(1, _T, domain="QQ")
            for j, c in zip(others, combo, strict=True):
                index[j] = c
                weight = (weight * profile[j][c]).rem(minimal)
            total += weight * sympy.Rational(array[tuple(index)])
        out.append(total.rem(minimal))
    return out


def _float_at(poly: sympy.Poly, root: sympy.Expr) -> float:
    return float(poly.as_expr().subs(_T, root).evalf(_DIGITS))
