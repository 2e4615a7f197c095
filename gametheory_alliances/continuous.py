"""Games with continuous strategies: each player chooses a level in an interval.

Each player ``i`` chooses a level ``q_i`` in an interval ``[lower_i, upper_i]``
(an alliance member's defence spending out of its income ``w_i``) and has a
utility that is a sympy expression of all the levels and the parameters. The
classic alliance models are of this kind:

* Olson and Zeckhauser (1966): ``(1 - a) log(w_i - q_i) + a log(Q)`` with
  ``Q = q_1 + q_2`` the alliance's total defence, a pure public good;
* quasi-linear public goods: ``w_i - q_i + theta_i log(Q)``, where only the
  ally that values defence most contributes;
* joint products (Sandler 1977): a private benefit of one's own spending
  beside the public one.

The game is data (:class:`ContinuousGame`). Its closed-form equilibria, by
first-order conditions with the corner cases, come from
:func:`gametheory_alliances.symbolic.continuous.solve_symbolic`; a numeric
equilibrium by iterated best responses from
:func:`gametheory_alliances.solvers.first_order.solve_numeric`. Their old
homes here (``solve_symbolic``, ``solve_numeric``, ``is_concave_in``,
``ContinuousResult``, ``ContinuousSolution``, ``NumericSolution``) still
work for one release, with a :class:`DeprecationWarning`.

References
----------
M. Olson and R. Zeckhauser (1966), "An economic theory of alliances",
*Review of Economics and Statistics* 48, 266-279.
T. Sandler (1977), "Impurity of defense: an application to the economics of
alliances", *Kyklos* 30, 443-460.
T. Bergstrom, L. Blume and H. Varian (1986), "On the private provision of
public goods", *Journal of Public Economics* 29, 25-49.

Examples
--------
>>> from gametheory_alliances.continuous import ContinuousGame
>>> game = ContinuousGame(
...     players=["Ally 1", "Ally 2"],
...     strategies=["q1", "q2"],
...     bounds=[(0, "w1"), (0, "w2")],
...     utilities=["(1 - a)*log(w1 - q1) + a*log(q1 + q2)",
...                "(1 - a)*log(w2 - q2) + a*log(q1 + q2)"],
...     parameters={"a": "(0, 1)", "w1": "positive", "w2": "positive"},
... )
>>> game
ContinuousGame(players=('Ally 1', 'Ally 2'))
>>> game.is_numeric, game.at(a="1/2", w1=2, w2=1).is_numeric
(False, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import sympy

from .deprecation import moved
from .errors import GameError, ShapeError
from .expressions import parse_expression
from .game import Game
from .parameters import Parameter, bound_substitutions, parameter_table

__all__ = ["ContinuousGame"]


class ContinuousGame(Game):
    """A game in which each player chooses a number in an interval.

    A :class:`~gametheory_alliances.game.Game` of kind ``"continuous"``.

    Parameters
    ----------
    players
        Player labels.
    strategies
        For each player, the name of its strategy variable (e.g. ``"q1"``).
    bounds
        For each player, ``(lower, upper)``: numbers, expression text in the
        parameters, or ``None`` for an unbounded end.
    utilities
        For each player, its utility: expression text (in the safe grammar)
        or a sympy expression in the strategy variables and the parameters.
    parameters
        The parameters (as for :class:`~gametheory_alliances.NormalFormGame`).
    title
        A title for display.

    Raises
    ------
    ShapeError
        If the lists do not have one entry per player.
    GameError
        Strategy names that clash with parameters, or a lower bound not below
        the upper one.

    Examples
    --------
    >>> game = ContinuousGame(
    ...     ["A", "B"], ["q1", "q2"], [(0, "w"), (0, "w")],
    ...     ["w - q1 + 2*log(1 + q1 + q2)", "w - q2 + log(1 + q1 + q2)"],
    ...     parameters={"w": "positive"},
    ... )
    >>> game.at(w=5).utilities[0]
    -q1 + 2*log(q1 + q2 + 1) + 5
    """

    kind: ClassVar[str] = "continuous"

    def __init__(
        self,
        players: Sequence[str],
        strategies: Sequence[str],
        bounds: Sequence[tuple[Any, Any]],
        utilities: Sequence[Any],
        parameters: Any = None,
        title: str = "",
    ) -> None:
        self.title = str(title)
        self.players: tuple[str, ...] = tuple(str(p) for p in players)
        n = len(self.players)
        if n < 1:
            raise ShapeError("players: a game needs at least one player")
        for what, seq in (("strategies", strategies), ("bounds", bounds), ("utilities", utilities)):
            if isinstance(seq, str) or len(seq) != n:
                raise ShapeError(f"{what}: expected one entry for each of the {n} players")
        self.parameters: dict[str, Parameter] = parameter_table(parameters)
        names = [str(s) for s in strategies]
        for s in names:
            if s in self.parameters:
                raise GameError(f"strategy variable {s!r} has the name of a parameter")
        if len(set(names)) != n:
            raise GameError(f"strategies: variable names must differ, found {names}")
        variables = [Parameter(s) for s in names]
        self.variables: tuple[sympy.Symbol, ...] = tuple(v.symbol for v in variables)
        scope = [*self.parameters.values(), *variables]
        self.bounds: tuple[tuple[sympy.Expr | None, sympy.Expr | None], ...] = tuple(
            tuple(  # type: ignore[misc]
                None if b is None else parse_expression(b, list(self.parameters.values()))
                for b in pair
            )
            for pair in bounds
        )
        for i, (lo, hi) in enumerate(self.bounds):
            if lo is not None and hi is not None and (hi - lo).is_number and hi - lo <= 0:
                raise GameError(
                    f"bounds of {self.players[i]!r}: the lower bound {lo} is not below the upper {hi}"
                )
        self.utilities: tuple[sympy.Expr, ...] = tuple(
            parse_expression(u, scope) for u in utilities
        )

    @property
    def n_players(self) -> int:
        """The number of players."""
        return len(self.players)

    def _expressions(self) -> list[sympy.Expr]:
        """The utilities and the bounds: every expression the parameters may appear in."""
        return [*self.utilities, *(b for pair in self.bounds for b in pair if b is not None)]

    @property
    def free_parameters(self) -> tuple[str, ...]:
        """Names of the parameters the utilities and bounds still use, in declaration order."""
        used: set[sympy.Basic] = set()
        for e in self._expressions():
            used |= e.free_symbols
        return tuple(n for n, p in self.parameters.items() if p.symbol in used)

    @property
    def is_numeric(self) -> bool:
        """Whether no parameter remains unbound."""
        names = {p.symbol for p in self.parameters.values()}
        return not any(e.free_symbols & names for e in self._expressions())

    def at(self, **values: Any) -> ContinuousGame:
        """Bind parameter values (checked against the domains; defaults for the rest)."""
        subs = bound_substitutions(self.parameters, values) or {}
        out = object.__new__(ContinuousGame)
        out.title = self.title
        out.players = self.players
        out.parameters = {}
        out.variables = self.variables
        out.bounds = tuple(
            tuple(None if b is None else b.xreplace(subs) for b in pair)  # type: ignore[misc]
            for pair in self.bounds
        )
        out.utilities = tuple(u.xreplace(subs) for u in self.utilities)
        return out

    def __repr__(self) -> str:
        title = f"{self.title!r}, " if self.title else ""
        return f"ContinuousGame({title}players={self.players})"


_MOVED_TO_SYMBOLIC = ("ContinuousResult", "ContinuousSolution", "is_concave_in", "solve_symbolic")
_MOVED_TO_SOLVERS = ("NumericSolution", "solve_numeric")


def __getattr__(name: str) -> Any:
    """The names that moved out of this module, with a :class:`DeprecationWarning` (one release)."""
    if name in _MOVED_TO_SYMBOLIC:
        from .symbolic import continuous as closed_forms

        return moved(__name__, name, closed_forms)
    if name in _MOVED_TO_SOLVERS:
        from .solvers import first_order

        return moved(__name__, name, first_order)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
