"""Comparative statics: how equilibria and thresholds move with a parameter.

:func:`derivatives` differentiates, with respect to one parameter, each
closed-form equilibrium's strategies (mixing probabilities, continuous
levels) and payoffs, and each threshold of the regions (a boundary solved
for another parameter), and gives the sign of every derivative as regions:
where it is positive, negative and zero. "The ally contributes more as its
benefit grows" is the positive region of the derivative of its level,
within the region where that equilibrium holds.

Examples
--------
>>> from gametheory_alliances.catalogue import load_model
>>> result = derivatives(load_model("chicken").fix(T=1, R=0, P=-10), "S")
>>> swerve = result.strategies[0]
>>> swerve.equilibrium, swerve.quantity, swerve.expression, swerve.derivative
('mixed (Swerve+Straight, Swerve+Straight)', 'Row: Swerve', (S + 10)/(S + 11), (S + 11)**(-2))
>>> swerve.sign_at(S=-5), swerve.negative.is_empty()
('+', True)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sympy
from sympy.core.relational import Relational

from ..continuous import ContinuousGame
from ..errors import GameError, UnknownParameterError
from ..game import game_of
from .normal_form import equilibrium_regions
from .region import Region, dedupe

__all__ = ["Derivative", "DerivativesResult", "derivatives"]

KINDS = ("strategy", "payoff", "threshold")


@dataclass(frozen=True)
class Derivative:
    """The derivative of one quantity with respect to a parameter, with its sign regions.

    Attributes
    ----------
    kind
        ``"strategy"``, ``"payoff"`` or ``"threshold"``.
    equilibrium
        The equilibrium's label (empty for a threshold).
    quantity
        What is differentiated: ``"Row: Swerve"`` (a probability or a
        level), ``"payoff Row"``, ``"threshold k_P"`` (a region boundary
        solved for ``k_P``).
    expression
        The quantity in closed form.
    parameter
        The parameter differentiated by.
    derivative
        The derivative.
    positive, negative, zero
        Where the derivative is positive, negative, zero: within the
        equilibrium's region for strategies and payoffs, within the
        model's assumptions (where the boundary can be solved) for
        thresholds.
    """

    kind: str
    equilibrium: str
    quantity: str
    expression: sympy.Expr
    parameter: str
    derivative: sympy.Expr
    positive: Region
    negative: Region
    zero: Region

    def sign_at(self, **values: Any) -> str:
        """``"+"``, ``"-"`` or ``"0"`` at a point in the quantity's domain; ``""`` outside it."""
        for sign, region in (("+", self.positive), ("-", self.negative), ("0", self.zero)):
            if region.contains(**values):
                return sign
        return ""

    def to_dict(self) -> dict[str, Any]:
        """Every field as text (expressions and conditions in sympy syntax)."""
        return {
            "kind": self.kind,
            "equilibrium": self.equilibrium,
            "quantity": self.quantity,
            "expression": sympy.sstr(self.expression),
            "derivative": sympy.sstr(self.derivative),
            "positive": sympy.sstr(self.positive.condition),
            "negative": sympy.sstr(self.negative.condition),
            "zero": sympy.sstr(self.zero.condition),
        }

    def __str__(self) -> str:
        head = f"{self.equilibrium} {self.quantity}".strip()
        signs = [
            f"{op} where {region}"
            for op, region in (("> 0", self.positive), ("< 0", self.negative), ("= 0", self.zero))
            if not region.is_empty()
        ]
        return f"{head} = {self.expression}, d/d{self.parameter} = {self.derivative}: " + (
            "; ".join(signs) or "nowhere defined"
        )


@dataclass(frozen=True)
class DerivativesResult(Sequence[Derivative]):
    """Every derivative :func:`derivatives` found, strategies first, then payoffs, then thresholds."""

    parameter: str
    entries: tuple[Derivative, ...]

    def __getitem__(self, index: Any) -> Any:
        return self.entries[index]

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Derivative]:
        return iter(self.entries)

    def of_kind(self, kind: str) -> tuple[Derivative, ...]:
        """The derivatives of one kind."""
        return tuple(d for d in self.entries if d.kind == kind)

    @property
    def strategies(self) -> tuple[Derivative, ...]:
        """The derivatives of mixing probabilities and continuous levels."""
        return self.of_kind("strategy")

    @property
    def payoffs(self) -> tuple[Derivative, ...]:
        """The derivatives of the equilibrium payoffs."""
        return self.of_kind("payoff")

    @property
    def thresholds(self) -> tuple[Derivative, ...]:
        """The derivatives of the region boundaries solved for other parameters."""
        return self.of_kind("threshold")

    def to_dict(self) -> dict[str, Any]:
        """``{"parameter": name, "derivatives": [...]}`` (see :meth:`Derivative.to_dict`)."""
        return {"parameter": self.parameter, "derivatives": [d.to_dict() for d in self.entries]}

    def __str__(self) -> str:
        titles = {"strategy": "Strategies", "payoff": "Payoffs", "threshold": "Thresholds"}
        blocks = []
        for kind in KINDS:
            rows = self.of_kind(kind)
            if rows:
                blocks.append(f"{titles[kind]}:\n" + "\n".join(f"  {d}" for d in rows))
        return "\n\n".join(blocks) or f"nothing in closed form depends on {self.parameter}"


def _tidy(e: sympy.Expr) -> sympy.Expr:
    return sympy.factor(sympy.cancel(e))


def _signs(
    d: sympy.Expr, within: sympy.Basic, parameters: Mapping[str, Any]
) -> tuple[Region, Region, Region]:
    """Where ``d`` is positive, negative, zero (within ``within``), read off its factors.

    An even power of a factor has the sign of nothing but its being nonzero,
    so only the factors of odd multiplicity decide the sign; a factor of
    the denominator must be nonzero for ``d`` to be defined.
    """
    numerator, denominator = sympy.fraction(sympy.factor(d))
    c_num, num = sympy.factor_list(numerator)
    c_den, den = sympy.factor_list(denominator)
    defined = [sympy.Ne(f, 0) for f, _ in den]
    nonzero_even = [sympy.Ne(f, 0) for f, k in num if k % 2 == 0]
    odd = sympy.Mul(c_num / c_den, *(f for f, k in [*num, *den] if k % 2 == 1))
    zero = sympy.Or(*(sympy.Eq(f, 0) for f, _ in num)) if num else sympy.false
    if c_num == 0:
        zero = sympy.true
    base = sympy.And(within, *defined)
    if odd.is_number:
        positive = sympy.And(base, *nonzero_even) if odd > 0 else sympy.false
        negative = sympy.And(base, *nonzero_even) if odd < 0 else sympy.false
    else:
        positive = sympy.And(base, *nonzero_even, odd > 0)
        negative = sympy.And(base, *nonzero_even, odd < 0)
    return (
        Region(positive, parameters),
        Region(negative, parameters),
        Region(sympy.And(base, zero), parameters),
    )


def _atoms(cond: sympy.Basic) -> list[Relational]:
    if isinstance(cond, Relational):
        return [cond]
    out: list[Relational] = []
    for a in getattr(cond, "args", ()):
        out.extend(_atoms(a))
    return out


def derivatives(
    model: Any,
    parameter: str,
    fixed: Mapping[str, Any] | None = None,
    *,
    concept: str | None = None,
) -> DerivativesResult:
    """Derivatives of every closed-form equilibrium and threshold with respect to a parameter.

    Parameters
    ----------
    model
        A catalogue model or a parameterised game (normal form, tree or
        continuous).
    parameter
        The parameter to differentiate by (free after ``fixed``).
    fixed
        Values or ties of other parameters (see :meth:`Model.fix`).
    concept
        As :func:`~gametheory_alliances.equilibrium_regions` (default: ``spe``
        for trees, ``nash`` for two players, ``pure`` otherwise); continuous
        games use their first-order conditions.

    Returns
    -------
    DerivativesResult
        For each equilibrium, each strategy entry and payoff that depends
        on ``parameter``; for each region boundary linear in another
        parameter, that parameter's threshold when it depends on
        ``parameter``. Each with the regions where the derivative is
        positive, negative and zero.

    Raises
    ------
    UnknownParameterError
        ``parameter`` is not a free parameter.

    Examples
    --------
    The patron's threshold cost of war rises one for one with its reneging cost:

    >>> from gametheory_alliances.catalogue import load_model
    >>> result = derivatives(load_model("entrapment"), "r_R")
    >>> k_P = next(d for d in result.thresholds if d.quantity == "threshold k_P")
    >>> k_P.expression, k_P.derivative, k_P.negative.is_empty()
    (pi_D*v - pi_S*v + r_R, 1, True)
    """
    from ..io.model import Model, fix_parameters

    if fixed:
        model = (
            model.fix(**fixed) if isinstance(model, Model) else fix_parameters(model, dict(fixed))
        )
    game = game_of(model)
    free = list(getattr(game, "free_parameters", game.parameters))
    if parameter not in free:
        raise UnknownParameterError(
            f"derivative: {parameter!r} is not a free parameter; the free parameters: "
            + (", ".join(free) or "none")
        )
    table = dict(game.parameters)
    symbol = table[parameter].symbol
    assumptions = sympy.And(*(cond for cond, _ in getattr(model, "assumptions", ())))
    entries: list[Derivative] = []
    conditions: list[sympy.Basic] = []

    def add(kind: str, label: str, quantity: str, expr: Any, within: Any) -> None:
        expr = sympy.sympify(expr)
        if symbol not in expr.free_symbols:
            return
        d = _tidy(sympy.diff(expr, symbol))
        pos, neg, zero = _signs(d, within, table)
        entries.append(Derivative(kind, label, quantity, expr, parameter, d, pos, neg, zero))

    if isinstance(game, ContinuousGame):
        from .continuous import solve_symbolic

        for solution in solve_symbolic(game):
            label = ", ".join(solution.contributors) or "nobody"
            label = f"{label} contribute" + ("s" if len(solution.contributors) == 1 else "")
            within = solution.region.condition
            conditions.append(within)
            for player, v, q in zip(game.players, game.variables, solution.strategies, strict=True):
                add("strategy", label, f"{player}: {v}", q, within)
            for player, u in zip(game.players, solution.payoffs, strict=True):
                add("payoff", label, f"payoff {player}", u, within)
    else:
        if concept is None:
            from ..solvers.dispatch import default_concept

            concept = default_concept(game, among=("nash", "pure", "spe"))
        regions = equilibrium_regions(model, concept=concept)
        for eq, region in regions.items():
            within = region.condition
            conditions.append(within)
            for player, labels, probs in zip(
                game.players,
                _strategy_labels(game, eq),
                getattr(eq, "strategies", ()),
                strict=False,
            ):
                for label, p in zip(labels, probs, strict=True):
                    add("strategy", eq.label, f"{player}: {label}", p, within)
            for player, u in zip(game.players, eq.payoffs, strict=True):
                add("payoff", eq.label, f"payoff {player}", u, within)
    if not isinstance(assumptions, sympy.logic.boolalg.Boolean):
        raise GameError("derivative: the model's assumptions are not conditions")
    boundaries = dedupe(a.lhs - a.rhs for c in conditions for a in _atoms(c))
    for e in boundaries:
        for other in sorted(e.free_symbols - {symbol}, key=lambda s: s.name):
            try:
                poly = sympy.Poly(e, other)
            except sympy.PolynomialError:
                continue
            if poly.degree() != 1:
                continue
            a, b = poly.coeff_monomial(other), poly.coeff_monomial(1)
            solved = _tidy(-b / a)
            if symbol not in solved.free_symbols:
                continue
            within = assumptions if a.is_number else sympy.And(assumptions, sympy.Ne(a, 0))
            add("threshold", "", f"threshold {other.name}", solved, within)
    order = {k: i for i, k in enumerate(KINDS)}
    entries.sort(key=lambda d: order[d.kind])
    return DerivativesResult(parameter, tuple(entries))


def _strategy_labels(game: Any, eq: Any) -> Sequence[Sequence[str]]:
    """The strategy labels of each player of a normal-form equilibrium (none for an SPE)."""
    if not hasattr(eq, "strategies"):
        return ()
    strategies = getattr(game, "strategies", None)
    if strategies is None:
        strategies = game.to_normal_form().strategies
    return tuple(tuple(s) for s in strategies)
