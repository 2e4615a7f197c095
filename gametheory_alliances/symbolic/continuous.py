"""Closed forms of continuous games by first-order conditions: :func:`solve_symbolic`.

:func:`solve_symbolic` enumerates, for each player of a
:class:`~gametheory_alliances.continuous.ContinuousGame`, the three cases of
a best response on an interval (at the lower bound, interior, at the upper
bound), solves the first-order conditions of the interior players
symbolically, and attaches the region of parameter space where the solution
is a Nash equilibrium: interior levels strictly inside their intervals, the
marginal utility ``<= 0`` at a lower corner and ``>= 0`` at an upper one.
Concavity of each utility in the player's own level (checked structurally,
see :func:`is_concave_in`) makes these conditions sufficient; the solution
records whether it was proven. The numeric counterpart, for cross-checking
and for games without a closed form, is
:func:`~gametheory_alliances.solvers.first_order.solve_numeric`.

References
----------
M. Olson and R. Zeckhauser (1966), "An economic theory of alliances",
*Review of Economics and Statistics* 48, 266-279.
T. Bergstrom, L. Blume and H. Varian (1986), "On the private provision of
public goods", *Journal of Public Economics* 29, 25-49.

Examples
--------
>>> game = ContinuousGame(
...     players=["Ally 1", "Ally 2"],
...     strategies=["q1", "q2"],
...     bounds=[(0, "w1"), (0, "w2")],
...     utilities=["(1 - a)*log(w1 - q1) + a*log(q1 + q2)",
...                "(1 - a)*log(w2 - q2) + a*log(q1 + q2)"],
...     parameters={"a": "(0, 1)", "w1": "positive", "w2": "positive"},
... )
>>> result = solve_symbolic(game)
>>> for solution in result:
...     print(solution)
Ally 1 contributes: q1 = a*w1, q2 = 0 if w1 >= a*w1 + w2
Ally 2 contributes: q1 = 0, q2 = a*w2 if w2 >= a*w2 + w1
Ally 1, Ally 2 contribute: q1 = (w1 - w2*(1 - a))/(2 - a), q2 = (-w1*(1 - a) + w2)/(2 - a) if (a*w1 + w2 > w1) & (a*w2 + w1 > w2)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy

from ..continuous import ContinuousGame
from ..errors import UnknownParameterError
from ..parameters import bind_values, exact_substitutions
from .conditions import Simplifier, sign_of, tidy
from .region import Region

__all__ = [
    "ContinuousResult",
    "ContinuousSolution",
    "is_concave_in",
    "solve_symbolic",
]

_CASES = ("lower", "interior", "upper")


def is_concave_in(
    utility: sympy.Expr, variable: sympy.Symbol, simplifier: Any = None
) -> bool | None:
    """Whether ``utility`` is provably concave in ``variable`` (``None``: not proven).

    Structural check: a sum of terms, each free of the variable, linear in
    it, or ``c * f(L)`` with ``L`` linear in the variable, ``c`` provably
    nonnegative and ``f`` concave (``log``, ``sqrt``, a power in ``(0, 1)``),
    or ``-c * L**2``.

    Examples
    --------
    >>> import sympy
    >>> q, w = sympy.symbols("q w", positive=True)
    >>> is_concave_in(sympy.log(w - q) + 2 * sympy.sqrt(q), q)
    True
    >>> is_concave_in(q**2, q) is None
    True
    """
    simp = simplifier if simplifier is not None else Simplifier({})

    def sign(c: sympy.Expr) -> frozenset[str]:
        return simp.possible_signs(sympy.expand(c))

    def linear(e: sympy.Expr) -> bool:
        try:
            return sympy.Poly(e, variable).degree() <= 1
        except sympy.PolynomialError:
            return False

    def concave(e: sympy.Expr, sense: int) -> bool:
        # sense +1: prove concave; -1: prove convex.
        if variable not in e.free_symbols or linear(e):
            return True
        if isinstance(e, sympy.Add):
            return all(concave(t, sense) for t in e.args)
        if isinstance(e, sympy.Mul):
            coeff, rest = e.as_independent(variable, as_Add=False)
            if coeff == 1:
                return False
            s = sign(coeff)
            if s <= frozenset("0+"):
                return concave(rest, sense)
            if s <= frozenset("-0"):
                return concave(rest, -sense)
            return False
        if isinstance(e, sympy.log) and linear(e.args[0]):
            return sense > 0
        if isinstance(e, sympy.Pow) and linear(e.base) and e.exp.is_number:
            x = e.exp
            if 0 < x < 1:
                return sense > 0
            if x >= 1 and x.is_integer and x % 2 == 0:
                return sense < 0
        return False

    return True if concave(utility, 1) else None


@dataclass(frozen=True)
class ContinuousSolution:
    """A candidate equilibrium in closed form, with the region where it holds.

    Attributes
    ----------
    cases
        For each player: ``"lower"`` (at its lower bound), ``"interior"`` or ``"upper"``.
    strategies
        Each player's level as an expression in the parameters.
    payoffs
        Each player's utility at the solution.
    region
        Where the levels satisfy the first-order and corner conditions.
    concave
        Whether every utility was proven concave in the player's own level,
        which makes the conditions sufficient: then the solution is a Nash
        equilibrium at every point of its region.
    players
        The player labels.
    variables
        The strategy variables.
    """

    cases: tuple[str, ...]
    strategies: tuple[sympy.Expr, ...]
    payoffs: tuple[sympy.Expr, ...]
    region: Region
    concave: bool
    players: tuple[str, ...] = field(repr=False, default=())
    variables: tuple[sympy.Symbol, ...] = field(repr=False, default=())

    @property
    def contributors(self) -> tuple[str, ...]:
        """The players above their lower bound."""
        return tuple(p for p, c in zip(self.players, self.cases, strict=True) if c != "lower")

    def __str__(self) -> str:
        who = ", ".join(self.contributors) or "Nobody"
        verb = (
            "contributes" if len(self.contributors) == 1 or not self.contributors else "contribute"
        )
        levels = ", ".join(
            f"{v} = {s}" for v, s in zip(self.variables, self.strategies, strict=True)
        )
        return f"{who} {verb}: {levels} if {self.region}"

    def to_dict(self) -> dict[str, Any]:
        """Cases, strategies, payoffs and condition as sympy-readable strings."""
        return {
            "cases": list(self.cases),
            "strategies": [sympy.sstr(s) for s in self.strategies],
            "payoffs": [sympy.sstr(u) for u in self.payoffs],
            "condition": sympy.sstr(self.region.condition),
            "concave": self.concave,
        }


@dataclass(frozen=True, eq=False)
class ContinuousResult(Sequence[ContinuousSolution]):
    """The closed-form candidate equilibria of a continuous game, each with its region.

    Attributes
    ----------
    game
        The game solved.
    solutions
        The candidates, in the order of their cases.
    notes
        Cases that were skipped (no closed form, or a continuum of solutions).
    """

    game: ContinuousGame = field(repr=False)
    solutions: tuple[ContinuousSolution, ...]
    notes: tuple[str, ...] = ()

    def __getitem__(self, index: Any) -> Any:
        return self.solutions[index]

    def __len__(self) -> int:
        return len(self.solutions)

    def __iter__(self) -> Iterator[ContinuousSolution]:
        return iter(self.solutions)

    def at(self, **values: Any) -> list[tuple[ContinuousSolution, tuple[float, ...]]]:
        """The candidates whose regions contain the point, with their levels there (floats)."""
        bound = bind_values(self.game.parameters, values)
        subs = exact_substitutions(self.game.parameters, bound)
        out = []
        for s in self.solutions:
            if s.region.contains(**values):
                out.append((s, tuple(float(e.xreplace(subs)) for e in s.strategies)))
        return out

    def to_dict(self) -> dict[str, Any]:
        """The solutions as JSON-ready data."""
        return {
            "players": list(self.game.players),
            "parameters": list(self.game.parameters),
            "regions": [s.to_dict() for s in self.solutions],
            **({"notes": list(self.notes)} if self.notes else {}),
        }

    def __repr__(self) -> str:
        return f"ContinuousResult({len(self)} solutions)\n" + "\n".join(
            f"  {s}" for s in self.solutions
        )


def _finite(e: sympy.Expr) -> bool:
    return not e.has(sympy.zoo, sympy.oo, -sympy.oo, sympy.nan)


def solve_symbolic(
    game: ContinuousGame, contributors: Sequence[str] | None = None
) -> ContinuousResult:
    """Closed-form equilibria by first-order conditions, with the corner cases.

    For every assignment of a case to each player (at its lower bound,
    interior, at its upper bound), the first-order conditions
    ``du_i/dq_i = 0`` of the interior players are solved with ``sympy.solve``
    (the others fixed at their bounds), and the region where the solution is
    an equilibrium is built: interior levels strictly inside their
    intervals, marginal utility ``<= 0`` at a lower corner and ``>= 0`` at an
    upper corner. Candidates with provably empty regions are dropped.

    Parameters
    ----------
    game
        The game (symbolic or numeric).
    contributors
        Only the assignments where exactly these players are above their
        lower bounds (default: all assignments).

    Returns
    -------
    ContinuousResult

    Raises
    ------
    UnknownParameterError
        If ``contributors`` names a player the game does not have.

    Examples
    --------
    Quasi-linear preferences: only the ally that values defence most pays,
    and it buys exactly its own ideal level ``t1``:

    >>> game = ContinuousGame(
    ...     ["A", "B"], ["q1", "q2"], [(0, "w1"), (0, "w2")],
    ...     ["w1 - q1 + t1*log(q1 + q2)", "w2 - q2 + t2*log(q1 + q2)"],
    ...     parameters={"t1": "positive", "t2": "positive", "w1": "positive", "w2": "positive"},
    ... )
    >>> for solution in solve_symbolic(game, contributors=["A"]):
    ...     print(solution)
    A contributes: q1 = w1, q2 = 0 if (t1 >= w1) & (w1 >= t2)
    A contributes: q1 = t1, q2 = 0 if (t1 >= t2) & (w1 > t1)
    """
    if contributors is not None:
        unknown = [c for c in contributors if c not in game.players]
        if unknown:
            raise UnknownParameterError(
                f"contributors: unknown player(s) {', '.join(map(repr, unknown))}; the players "
                f"are {', '.join(map(repr, game.players))}"
            )
    simplifier = Simplifier(game.parameters)
    q = game.variables
    grads = [sympy.diff(u, v) for u, v in zip(game.utilities, q, strict=True)]
    concave = all(
        is_concave_in(u, v, simplifier) is True for u, v in zip(game.utilities, q, strict=True)
    )
    options = [
        [c for c in _CASES if (c != "lower" or lo is not None) and (c != "upper" or hi is not None)]
        for lo, hi in game.bounds
    ]
    solutions = []
    notes = []
    for cases in itertools.product(*options):
        above = {p for p, c in zip(game.players, cases, strict=True) if c != "lower"}
        if contributors is not None and above != set(contributors):
            continue
        fixed = {}
        for v, c, (lo, hi) in zip(q, cases, game.bounds, strict=True):
            if c == "lower":
                fixed[v] = lo
            elif c == "upper":
                fixed[v] = hi
        free = [v for v, c in zip(q, cases, strict=True) if c == "interior"]
        equations = [
            sympy.together(g.xreplace(fixed))
            for g, c in zip(grads, cases, strict=True)
            if c == "interior"
        ]
        if free:
            try:
                found = sympy.solve(equations, free, dict=True, check=False, simplify=False)
            except (NotImplementedError, ValueError) as exc:
                notes.append(f"cases {cases}: no closed form ({exc})")
                continue
            if not found:
                continue
        else:
            found = [{}]
        for sol in found:
            if any(v not in sol for v in free) or any(
                s.free_symbols & set(q) for s in sol.values()
            ):
                notes.append(f"cases {cases}: a continuum of solutions, not isolated equilibria")
                continue
            point = {**fixed, **{v: sympy.factor(sol[v]) for v in free}}
            # solve() was not asked to check its roots: drop those that make an
            # equation undefined (a zero denominator).
            if any(sympy.cancel(sympy.fraction(eq)[1].xreplace(point)) == 0 for eq in equations):
                continue
            if any(not _finite(e) or e.has(sympy.I) for e in point.values()):
                continue
            atoms = []
            for v, c, g, (lo, hi) in zip(q, cases, grads, game.bounds, strict=True):
                level = point[v]
                if c == "interior":
                    if lo is not None:
                        atoms.append(sign_of(level - lo, "+", simplifier))
                    if hi is not None:
                        atoms.append(sign_of(hi - level, "+", simplifier))
                    continue
                marginal = sympy.together(g.xreplace(point))
                if not _finite(marginal):
                    atoms.append(
                        sympy.false if marginal.has(sympy.zoo, sympy.nan, sympy.oo) else sympy.true
                    )
                    continue
                atoms.append(sign_of(marginal, "-0" if c == "lower" else "0+", simplifier))
            region = Region(sympy.And(*atoms), game.parameters)
            if region.is_empty():
                continue
            strategies = tuple(tidy(point[v], simplifier) for v in q)
            payoffs = tuple(u.xreplace(point) for u in game.utilities)
            solutions.append(
                ContinuousSolution(
                    tuple(cases), strategies, payoffs, region, concave, game.players, q
                )
            )
    order = {c: k for k, c in enumerate(_CASES)}
    solutions.sort(
        key=lambda s: (sum(c != "lower" for c in s.cases), tuple(-order[c] for c in s.cases))
    )
    return ContinuousResult(game, tuple(solutions), tuple(notes))
