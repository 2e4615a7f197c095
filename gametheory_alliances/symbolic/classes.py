"""Closed-form classes of games: the symmetric 2x2 taxonomy and grim trigger.

:func:`classify_symmetric_2x2` derives the regions where a symmetric 2x2
game is a Prisoner's Dilemma, Chicken, Stag Hunt, Harmony or Deadlock from
the equilibria and their Pareto ranking; :func:`grim_trigger_threshold`
gives the discount factors at which grim trigger (Nash reversion) sustains
a cooperative stage profile of an infinitely repeated game.

References
----------
A. Rapoport and M. Guyer, "A taxonomy of 2x2 games", *General Systems* 11
(1966) 203-214.

G. H. Snyder, "The security dilemma in alliance politics", *World Politics*
36 (1984) 461-495.

D. Fudenberg and J. Tirole, *Game Theory*, MIT Press (1991), section 5.1
(repeated games and Nash reversion).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sympy

from ..errors import GameError
from ..normal_form import NormalFormGame
from ..parameters import Parameter
from .conditions import Simplifier, compare, tidy, tidy_polynomial
from .normal_form import RegionsResult, check_game, normal_form_regions
from .region import Region, threshold

__all__ = [
    "SYMMETRIC_2X2_CLASSES",
    "GrimTrigger",
    "classify_symmetric_2x2",
    "grim_trigger_threshold",
    "tie_label",
]

# -- the symmetric 2x2 classification ------------------------------------------------------

SYMMETRIC_2X2_CLASSES = (
    "Prisoner's Dilemma",
    "Chicken",
    "Stag Hunt",
    "Harmony",
    "Deadlock",
    "other",
    "tie",
)
"""The names :func:`classify_symmetric_2x2` gives, in its order."""


def tie_label(equal: Sequence[tuple[str, str]]) -> str:
    """The class name of a tie point: ``"tie (R = T, S = P)"``, naming the equal payoffs.

    ``equal`` lists pairs of the payoff names ``R``, ``S``, ``T``, ``P``
    that are equal at the point. Such a point lies on the boundary between
    the classes of the strict orderings around it, and is in none of them.

    Examples
    --------
    >>> tie_label([("T", "R"), ("S", "P")])
    'tie (R = T, S = P)'
    """
    order = "RSTP"
    pairs = sorted(tuple(sorted(pair, key=order.index)) for pair in equal)
    return "tie (" + ", ".join(f"{a} = {b}" for a, b in pairs) + ")"


def _ordinal_class(values: Mapping[str, int], regions: RegionsResult) -> str:
    """Name a symmetric 2x2 game from its equilibria and their Pareto ranking at ``values``."""
    eqs = regions.equilibria_at(**values)
    pure = {
        tuple(s.index(1) for s in e.exact_strategies or ())
        for e in eqs
        if e.is_pure and e.exact_strategies is not None
    }
    r, s, t, p = (values[k] for k in ("R", "S", "T", "P"))
    outcomes = {(0, 0): (r, r), (0, 1): (s, t), (1, 0): (t, s), (1, 1): (p, p)}

    def dominated(o: tuple[int, int]) -> bool:
        u = outcomes[o]
        return any(w[0] >= u[0] and w[1] >= u[1] and w != u for w in outcomes.values())

    cc, dd, cd, dc = (0, 0), (1, 1), (0, 1), (1, 0)
    if pure == {cc}:
        return "Harmony"
    if pure == {dd}:
        return "Prisoner's Dilemma" if dominated(dd) else "Deadlock"
    if pure == {cc, dd} and outcomes[cc][0] > outcomes[dd][0]:
        return "Stag Hunt"
    if pure == {cd, dc} and not dominated(cc):
        return "Chicken"
    return "other"


def classify_symmetric_2x2(game: NormalFormGame) -> dict[str, Region]:
    """The regions where a symmetric 2x2 game is a Prisoner's Dilemma, Chicken, Stag Hunt, ...

    The classes are derived, not typed in: for each of the 24 strict
    orderings of the payoffs ``R`` (mutual cooperation), ``S`` (the sucker's
    payoff), ``T`` (temptation) and ``P`` (mutual defection), the equilibria
    of the generic symmetric game are computed by :func:`equilibrium_regions`
    at a point of that ordering, and the ordering is named by the
    equilibria and their Pareto ranking:

    * Harmony: the only equilibrium is mutual cooperation;
    * Prisoner's Dilemma: the only equilibrium is mutual defection, and it is
      Pareto-dominated;
    * Deadlock: the only equilibrium is mutual defection, and it is not
      Pareto-dominated;
    * Stag Hunt: both symmetric profiles are equilibria, mutual cooperation
      paying more;
    * Chicken: the two asymmetric profiles are the pure equilibria, and
      mutual cooperation is not Pareto-dominated (in the Leader and Hero
      games it is);
    * other: the rest of the strict orderings (coordination on defection,
      Leader, Hero, ...);
    * tie: two payoffs equal. A tie point is on the boundary between the
      classes of the strict orderings around it and is in none of them (at
      ``R = T`` and ``S = P`` each player is indifferent whatever the other
      does, and every profile is an equilibrium); the sweep's ``class``
      column names the equal payoffs (:func:`tie_label`).

    The region of a class is the union of its orderings, written in the
    game's own payoff expressions and simplified under the parameters'
    domains; the tie region is where some two payoffs are equal. The six
    regions partition the parameter space.

    Parameters
    ----------
    game
        A symmetric two-player game with two strategies each (first strategy:
        cooperate), i.e. the column player's payoffs are the transpose of the
        row player's.

    Returns
    -------
    dict
        ``{class name: Region}`` for every name in :data:`SYMMETRIC_2X2_CLASSES`.

    References
    ----------
    A. Rapoport and M. Guyer (1966), "A taxonomy of 2x2 games", *General
    Systems* 11, 203-214. G. H. Snyder (1984), "The security dilemma in
    alliance politics", *World Politics* 36, 461-495.

    Examples
    --------
    Alliance burden sharing: each ally gains ``b`` from every contribution
    to the common defence, which costs its contributor ``c``:

    >>> from gametheory_alliances import NormalFormGame
    >>> burden = NormalFormGame(
    ...     [[["2*b - c", "b - c"], ["b", 0]], [["2*b - c", "b"], ["b - c", 0]]],
    ...     strategies=[["Contribute", "Free-ride"], ["Contribute", "Free-ride"]],
    ...     parameters={"b": "positive", "c": "positive"},
    ... )
    >>> classes = classify_symmetric_2x2(burden)
    >>> print(classes["Prisoner's Dilemma"])
    (c > b) & (2*b > c)
    >>> print(classes["Harmony"])
    b > c
    >>> print(classes["Chicken"])
    False
    >>> print(classes["tie"])
    Eq(b, c) | Eq(2*b, c)
    """
    game = check_game(game)
    if game.shape != (2, 2):
        raise GameError(f"expected a 2x2 game, found shape {game.shape}")
    a, b = game.payoff_expressions()
    for i in range(2):
        for j in range(2):
            if sympy.expand(a[i, j] - b[j, i]) != 0:
                raise GameError(
                    "expected a symmetric game (the column player's payoffs the transpose of the "
                    f"row player's); payoff {a[i, j]} of the row player at ({i}, {j}) differs from "
                    f"{b[j, i]} of the column player at ({j}, {i})"
                )
    payoffs = {"R": a[0, 0], "S": a[0, 1], "T": a[1, 0], "P": a[1, 1]}
    generic = NormalFormGame(
        [[["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]]],
        strategies=[["C", "D"], ["C", "D"]],
        parameters=["R", "S", "T", "P"],
    )
    regions = normal_form_regions(generic, "nash")
    conditions: dict[str, list[sympy.Basic]] = {name: [] for name in SYMMETRIC_2X2_CLASSES}
    for order in itertools.permutations("RSTP"):
        values = {name: 4 - rank for rank, name in enumerate(order)}
        name = _ordinal_class(values, regions)
        chain = [compare(payoffs[hi] - payoffs[lo], "+") for hi, lo in itertools.pairwise(order)]
        conditions[name].append(sympy.And(*chain))
    conditions["tie"] = [
        compare(payoffs[p] - payoffs[q], "0") for p, q in itertools.combinations("RSTP", 2)
    ]
    return {name: Region(sympy.Or(*conds), game.parameters) for name, conds in conditions.items()}


# -- repeated games -------------------------------------------------------------------------


@dataclass(frozen=True)
class GrimTrigger:
    """Grim-trigger (Nash reversion) conditions of an infinitely repeated game.

    Attributes
    ----------
    discount
        The discount factor's parameter.
    cooperative, punishment
        The stage profiles (strategy labels) played on the path and after a deviation.
    thresholds
        For each player, the smallest discount factor at which no one-shot
        deviation pays, ``(d - c) / (d - p)`` for the best deviation payoff
        ``d``, cooperation payoff ``c`` and punishment payoff ``p`` (valid
        where ``d > p``; the maximum over the player's deviations).
    threshold
        The largest of the players' thresholds.
    condition
        The exact region (parameters and discount factor) where grim trigger
        sustains the cooperative profile as a subgame-perfect equilibrium:
        no deviation pays and the punishment is a stage equilibrium.
    """

    discount: Parameter
    cooperative: tuple[str, ...]
    punishment: tuple[str, ...]
    thresholds: dict[str, sympy.Expr]
    threshold: sympy.Expr
    condition: Region

    def __str__(self) -> str:
        lines = [f"{p}: {self.discount.name} >= {t}" for p, t in self.thresholds.items()]
        lines.append(f"condition: {self.condition}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """Each player's discount threshold and the region, as an HTML table."""
        from ..display import grim_trigger_html

        return grim_trigger_html(self)

    def _repr_latex_(self) -> str:
        """Each player's discount threshold and the region, as an aligned LaTeX list."""
        from ..display import grim_trigger_latex

        return grim_trigger_latex(self)


def _profile_index(game: NormalFormGame, profile: Sequence[Any], what: str) -> tuple[int, ...]:
    if isinstance(profile, str) or len(profile) != game.n_players:
        raise GameError(
            f"{what}: expected one strategy per player ({game.n_players}), found {profile!r}"
        )
    out = []
    for i, s in enumerate(profile):
        if isinstance(s, int) and not isinstance(s, bool):
            if not 0 <= s < game.shape[i]:
                raise GameError(
                    f"{what}: strategy index {s} of {game.players[i]!r} is out of range"
                )
            out.append(s)
        elif s in game.strategies[i]:
            out.append(game.strategies[i].index(s))
        else:
            raise GameError(
                f"{what}: {game.players[i]!r} has no strategy {s!r}; its strategies are "
                + ", ".join(map(repr, game.strategies[i]))
            )
    return tuple(out)


def grim_trigger_threshold(
    stage_game: NormalFormGame,
    cooperative_profile: Sequence[Any],
    punishment_profile: Sequence[Any] | None = None,
    *,
    discount: str | Parameter = "delta",
) -> GrimTrigger:
    """The discount factors at which grim trigger sustains a cooperative stage profile.

    Every player plays ``cooperative_profile`` until someone deviates, then
    ``punishment_profile`` forever (Nash reversion). No one-shot deviation
    to a stage strategy with payoff ``d`` pays when
    ``c / (1 - delta) >= d + delta * p / (1 - delta)``, i.e.
    ``delta * (d - p) >= d - c``, solved for ``delta`` by :func:`threshold`
    (the direction follows the sign of ``d - p``; unknown signs are split
    into cases). The punishment must be a stage equilibrium for the threat
    to be credible; its region is part of the condition.

    Parameters
    ----------
    stage_game
        The stage game (numeric or symbolic payoffs).
    cooperative_profile
        One strategy (label or index) per player.
    punishment_profile
        The profile played after a deviation. Default: the stage game's only
        pure equilibrium candidate (an error if there is not exactly one).
    discount
        The name (or :class:`Parameter`) of the discount factor; its domain
        defaults to ``(0, 1)``.

    Returns
    -------
    GrimTrigger

    Examples
    --------
    >>> from gametheory_alliances import NormalFormGame
    >>> pd = NormalFormGame(
    ...     [[["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]]],
    ...     strategies=[["C", "D"], ["C", "D"]],
    ...     parameters=["R", "S", "T", "P"],
    ... )
    >>> gt = grim_trigger_threshold(pd, ("C", "C"), ("D", "D"))
    >>> gt.threshold
    (-R + T)/(-P + T)
    """
    game = check_game(stage_game)
    coop = _profile_index(game, cooperative_profile, "cooperative profile")
    if punishment_profile is None:
        pure = normal_form_regions(game, "pure")
        if len(pure) != 1:
            raise GameError(
                f"the stage game has {len(pure)} pure equilibrium candidates; give the "
                "punishment profile explicitly"
            )
        eq = next(iter(pure))
        punish = tuple(s.index(1) for s in eq.strategies)
    else:
        punish = _profile_index(game, punishment_profile, "punishment profile")
    delta = discount if isinstance(discount, Parameter) else Parameter(str(discount), "(0, 1)")
    if delta.name in game.parameters:
        delta = game.parameters[delta.name]
    table = {**game.parameters, delta.name: delta}
    d_sym = delta.symbol
    arrays = game.payoff_expressions()
    atoms = []
    thresholds: dict[str, sympy.Expr] = {}
    for i, arr in enumerate(arrays):
        c, p = arr[coop], arr[punish]
        candidates = []
        for k in range(game.shape[i]):
            if k == coop[i]:
                continue
            dev = list(coop)
            dev[i] = k
            d = arr[tuple(dev)]
            atoms.append(sympy.GreaterThan(d_sym * (d - p), d - c, evaluate=False))
            if sympy.expand(d - p) == 0:
                candidates.append(sympy.S.Zero)
                continue
            ratio = sympy.cancel((d - c) / (d - p))
            num, den = sympy.fraction(ratio)
            if sympy.expand(num * (d - p) - den * (d - c)) == 0 and not den.is_number:
                # no common factor: keep the textbook orientation (d - c) / (d - p)
                ratio = sympy.Mul(tidy_polynomial(d - c), sympy.Pow(tidy_polynomial(d - p), -1))
            else:
                ratio = tidy(ratio, Simplifier(game.parameters))
            candidates.append(ratio)
        thresholds[game.players[i]] = sympy.Max(*candidates) if candidates else sympy.S.Zero
    stage_ok = normal_form_regions(game, "pure")
    punish_region = sympy.false
    for eq, region in stage_ok.entries:
        if tuple(s.index(1) for s in eq.strategies) == punish:
            punish_region = region.condition
    solved = threshold(Region(sympy.And(*atoms), table, simplify=False), delta.name)
    condition = solved & Region(punish_region, table)
    return GrimTrigger(
        delta,
        tuple(game.strategies[i][k] for i, k in enumerate(coop)),
        tuple(game.strategies[i][k] for i, k in enumerate(punish)),
        thresholds,
        sympy.Max(*thresholds.values()),
        condition,
    )
