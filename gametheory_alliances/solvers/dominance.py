"""Iterated elimination of strictly dominated strategies, by pure or mixed strategies.

A strategy ``s`` of player ``i`` is strictly dominated when some other
strategy, or some mixture ``sigma`` of the player's other strategies, pays
strictly more against every profile of the others' surviving strategies.
Domination by a mixture is a linear programme: maximise ``eps`` subject to

    sum_t sigma_t u_i(t, s_-i) >= u_i(s, s_-i) + eps   for every s_-i,
    sum_t sigma_t = 1,  sigma >= 0,

and ``s`` is dominated exactly when the optimum is positive. On rational
games the LP's mixture is rationalised and the strict inequalities re-checked
in exact arithmetic; a strategy whose domination cannot be confirmed exactly
is kept (and a note says so).

The strategies that survive iterated elimination of *strictly* dominated
strategies do not depend on the order of elimination; the result lists the
steps in a fixed order (repeated passes over the players, each player's
strategies in order), so it is deterministic. Every Nash equilibrium of the
game is an equilibrium of the reduced game and conversely.

References
----------
M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT Press (1994),
section 4.2 and lemma 60.1 (domination by mixed strategies).
D. Gale, H. W. Kuhn and A. W. Tucker, "On symmetric games", *Contributions to
the Theory of Games* 1 (1950) 81-87 (order independence of strict elimination).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..equilibrium import TOLERANCE, format_number
from ..errors import GameError, SolverError
from ..normal_form import NormalFormGame
from .common import coerce_game, integer_arrays, payoff_scale, rationalize

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["EliminationResult", "EliminationStep", "iterated_elimination"]


@dataclass(frozen=True)
class EliminationStep:
    """One elimination: a strategy and the pure or mixed strategy that dominates it.

    Attributes
    ----------
    player
        The player's index.
    strategy
        The eliminated strategy's index in the original game.
    dominated_by
        The dominating strategy as ``((strategy index, probability), ...)``
        over the original indices (one entry with probability 1 for a pure strategy).
    player_label, strategy_label, dominated_by_labels
        The same with the game's labels.
    """

    player: int
    strategy: int
    dominated_by: tuple[tuple[int, Fraction | float], ...]
    player_label: str = ""
    strategy_label: str = ""
    dominated_by_labels: tuple[str, ...] = ()

    @property
    def is_pure(self) -> bool:
        """Whether the dominating strategy is pure."""
        return len(self.dominated_by) == 1

    def __str__(self) -> str:
        if self.is_pure:
            by = repr(self.dominated_by_labels[0])
        else:
            by = " + ".join(
                f"{format_number(p)} {label!r}"
                for (_, p), label in zip(self.dominated_by, self.dominated_by_labels, strict=True)
            )
        return f"{self.player_label}: {self.strategy_label!r} dominated by {by}"


@dataclass(frozen=True, eq=False)
class EliminationResult:
    """The outcome of iterated elimination of strictly dominated strategies.

    Attributes
    ----------
    game
        The original game.
    reduced
        The game restricted to the surviving strategies (labels kept).
    surviving
        For each player, the indices (in the original game) of its surviving strategies.
    steps
        The eliminations, in the order made.
    mixed
        Whether domination by mixed strategies was considered.
    exact
        Whether dominance was decided in exact arithmetic.
    notes
        Remarks (e.g. a domination found in floating point but not confirmed exactly).
    """

    game: NormalFormGame = field(repr=False)
    reduced: NormalFormGame = field(repr=False)
    surviving: tuple[tuple[int, ...], ...]
    steps: tuple[EliminationStep, ...]
    mixed: bool = True
    exact: bool = False
    notes: tuple[str, ...] = ()

    @property
    def surviving_labels(self) -> dict[str, tuple[str, ...]]:
        """``{player: (surviving strategy labels)}``."""
        return {
            player: tuple(self.game.strategies[i][k] for k in self.surviving[i])
            for i, player in enumerate(self.game.players)
        }

    def __repr__(self) -> str:
        survivors = "; ".join(
            f"{p}: {', '.join(labels)}" for p, labels in self.surviving_labels.items()
        )
        lines = [f"EliminationResult({len(self.steps)} steps; surviving {survivors})"]
        lines += [f"  {step}" for step in self.steps]
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(str(step))}</li>" for step in self.steps)
        survivors = "".join(
            f"<tr><th>{html.escape(p)}</th><td>{html.escape(', '.join(labels))}</td></tr>"
            for p, labels in self.surviving_labels.items()
        )
        return f"<table>{survivors}</table><ol>{items}</ol>"


def _mixture_lp(own: np.ndarray, target: np.ndarray) -> tuple[np.ndarray, float] | None:
    """max eps s.t. sigma @ own >= target + eps, sigma a probability vector (HiGHS)."""
    from scipy.optimize import linprog  # scipy only when a linear program is solved (quick start)

    k, cols = own.shape
    c = np.zeros(k + 1)
    c[-1] = -1.0
    a_ub = np.hstack([-own.T, np.ones((cols, 1))])
    a_eq = np.zeros((1, k + 1))
    a_eq[0, :k] = 1.0
    bounds = [(0, None)] * k + [(None, None)]
    res = linprog(c, A_ub=a_ub, b_ub=-target, A_eq=a_eq, b_eq=[1.0], bounds=bounds, method="highs")
    if res.status != 0:
        raise SolverError(f"iterated_elimination: the linear programme failed ({res.message})")
    sigma = np.clip(res.x[:k], 0.0, None)
    return sigma / sigma.sum(), float(res.x[-1])


def _strictly_dominates(sigma: Sequence[Any], own: np.ndarray, target: np.ndarray) -> bool:
    """Exact check that the mixture ``sigma`` of the rows of ``own`` beats ``target`` everywhere."""
    for col in range(own.shape[1]):
        value = sum((p * own[t, col] for t, p in enumerate(sigma) if p), Fraction(0))
        if not value > target[col]:
            return False
    return True


def iterated_elimination(
    game: Any, *, mixed: bool = True, tol: float = TOLERANCE
) -> EliminationResult:
    """Iteratively remove strictly dominated strategies, for any number of players.

    Parameters
    ----------
    game
        A numeric :class:`~gametheory_alliances.NormalFormGame` (or a
        sequential game, reduced first).
    mixed
        Also remove strategies dominated only by a mixture of other strategies
        (found by linear programming). With ``False`` only domination by a
        pure strategy counts.
    tol
        Floating-point games only: a domination must have a margin larger
        than ``tol * max(1, max |payoff|)`` to count. Rational games are
        decided exactly.

    Returns
    -------
    EliminationResult
        The reduced game, the surviving strategies and the elimination steps.

    Raises
    ------
    SolverError
        A symbolic game.

    References
    ----------
    M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT Press
    (1994), section 4.2.

    Examples
    --------
    The Prisoner's Dilemma reduces to mutual defection:

    >>> from gametheory_alliances import NormalFormGame, iterated_elimination
    >>> pd = NormalFormGame(
    ...     [[[3, 0], [5, 1]], [[3, 5], [0, 1]]],
    ...     strategies=[["Cooperate", "Defect"], ["Cooperate", "Defect"]],
    ... )
    >>> iterated_elimination(pd)
    EliminationResult(2 steps; surviving Row: Defect; Column: Defect)
      Row: 'Cooperate' dominated by 'Defect'
      Column: 'Cooperate' dominated by 'Defect'

    A strategy dominated only by a mixture (Middle pays 1 against either
    column, the even mixture of Top and Bottom pays 3/2):

    >>> game = NormalFormGame(
    ...     [[[3, 0], [0, 3], [1, 1]], [[0, 0], [0, 0], [0, 0]]],
    ...     strategies=[["Top", "Bottom", "Middle"], ["L", "R"]],
    ... )
    >>> print(iterated_elimination(game).steps[0])
    Row: 'Middle' dominated by 1/2 'Top' + 1/2 'Bottom'
    >>> iterated_elimination(game, mixed=False).steps
    ()
    """
    game = coerce_game(game, "iterated_elimination")
    if not isinstance(mixed, bool | np.bool_):
        raise GameError(f"iterated_elimination: mixed must be True or False, found {mixed!r}")
    if not np.isfinite(tol) or tol < 0:
        raise GameError(f"iterated_elimination: tol must be a finite number >= 0, found {tol!r}")
    exact = game.is_exact
    farrays = game.payoff_arrays()
    if exact:
        exact_arrays = game.payoff_arrays(exact=True)
        compare = integer_arrays(exact_arrays)
        slack: Any = 0
    else:
        compare = list(farrays)
        slack = tol * payoff_scale(farrays)
    alive = [list(range(m)) for m in game.shape]
    steps: list[EliminationStep] = []
    notes: list[str] = []
    unconfirmed: set[tuple[int, int, tuple[tuple[int, ...], ...]]] = set()

    def restricted(arrays: Sequence[np.ndarray], i: int) -> np.ndarray:
        """Player i's payoffs on surviving profiles: own strategy first, others flattened."""
        sub = arrays[i][np.ix_(*alive)]
        return np.moveaxis(sub, i, 0).reshape(len(alive[i]), -1)

    changed = True
    while changed:
        changed = False
        for i in range(game.n_players):
            pos = 0
            while pos < len(alive[i]) and len(alive[i]) > 1:
                s = alive[i][pos]
                own = restricted(compare, i)
                others = [q for q in range(len(alive[i])) if q != pos]
                beats = np.all(own[others] > own[pos] + slack, axis=1)
                # No mixture beats s where s is a best response: skip the LP then.
                best_somewhere = bool(np.any(own[pos] + slack >= np.max(own[others], axis=0)))
                dominator: tuple[tuple[int, Any], ...] | None = None
                if beats.any():
                    t = alive[i][others[int(np.argmax(beats))]]
                    dominator = ((t, Fraction(1) if exact else 1.0),)
                elif mixed and len(others) >= 2 and not best_somewhere:
                    dominator = _mixed_dominator(
                        i,
                        pos,
                        others,
                        alive,
                        restricted(farrays, i),
                        restricted(exact_arrays, i) if exact else None,
                        slack=tol * payoff_scale(farrays),
                        unconfirmed=unconfirmed,
                        notes=notes,
                        game=game,
                    )
                if dominator is None:
                    pos += 1
                    continue
                steps.append(
                    EliminationStep(
                        player=i,
                        strategy=s,
                        dominated_by=dominator,
                        player_label=game.players[i],
                        strategy_label=game.strategies[i][s],
                        dominated_by_labels=tuple(game.strategies[i][t] for t, _ in dominator),
                    )
                )
                del alive[i][pos]
                changed = True
    surviving = tuple(tuple(a) for a in alive)
    source = exact_arrays if exact else farrays
    reduced = NormalFormGame(
        [np.asarray(a[np.ix_(*alive)]) for a in source],
        players=game.players,
        strategies=[[game.strategies[i][k] for k in a] for i, a in enumerate(alive)],
        title=game.title,
    )
    return EliminationResult(
        game=game,
        reduced=reduced,
        surviving=surviving,
        steps=tuple(steps),
        mixed=bool(mixed),
        exact=exact,
        notes=tuple(notes),
    )


def _mixed_dominator(
    i: int,
    pos: int,
    others: list[int],
    alive: list[list[int]],
    own_float: np.ndarray,
    own_exact: np.ndarray | None,
    *,
    slack: float,
    unconfirmed: set[Any],
    notes: list[str],
    game: NormalFormGame,
) -> tuple[tuple[int, Any], ...] | None:
    """A mixture of ``others`` strictly dominating strategy ``pos`` of player ``i``, or None."""
    found = _mixture_lp(own_float[others], own_float[pos])
    if found is None:
        return None
    sigma, eps = found
    # Exact games try to confirm any positive margin; floats need a margin above the tolerance.
    if eps <= (0.0 if own_exact is not None else slack):
        return None
    if own_exact is None:
        weights = [(alive[i][others[q]], float(p)) for q, p in enumerate(sigma) if p > TOLERANCE]
        total = sum(p for _, p in weights)
        return tuple((t, p / total) for t, p in weights)
    for den in (10, 100, 10**4, 10**6, 10**9):
        mixture = rationalize(sigma, den)
        if mixture is not None and _strictly_dominates(mixture, own_exact[others], own_exact[pos]):
            return tuple((alive[i][others[q]], p) for q, p in enumerate(mixture) if p)
    key = (i, alive[i][pos], tuple(tuple(a) for a in alive))
    if eps > slack and key not in unconfirmed:
        unconfirmed.add(key)
        notes.append(
            f"{game.players[i]}: {game.strategies[i][alive[i][pos]]!r} looked dominated by a "
            f"mixture (margin {eps:.3g}) that could not be confirmed exactly; it was kept"
        )
    return None
