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
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy

from ..errors import GameError
from ..normal_form import NormalFormGame
from ..parameters import Parameter
from .conditions import Simplifier, compare, tidy, tidy_polynomial
from .normal_form import RegionsResult, SymbolicEquilibrium, check_game, normal_form_regions
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
    Eq(c, b) | Eq(c, 2*b)
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
    cooperative
        The stage profile (strategy labels) played on the path.
    punishment
        The punishment as text, one entry per player: a strategy label, or a
        mixed strategy written ``p*S + q*D``; when the punishment depends on
        who deviated, one entry per deviator, ``"Row deviates: (S, D)"``.
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
        no deviation pays and every punishment is a stage equilibrium.
    punishments
        For each deviator, the probability of each strategy of each player
        in the stage profile played for ever after its deviation.
    punishment_payoffs
        For each player, its expected stage payoff under its own punishment.
    """

    discount: Parameter
    cooperative: tuple[str, ...]
    punishment: tuple[str, ...]
    thresholds: dict[str, sympy.Expr]
    threshold: sympy.Expr
    condition: Region
    punishments: dict[str, tuple[tuple[sympy.Expr, ...], ...]] = field(default_factory=dict)
    punishment_payoffs: dict[str, sympy.Expr] = field(default_factory=dict)

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


def _strategy_index(game: NormalFormGame, i: int, s: Any, what: str) -> int:
    if isinstance(s, int) and not isinstance(s, bool):
        if not 0 <= s < game.shape[i]:
            raise GameError(f"{what}: strategy index {s} of {game.players[i]!r} is out of range")
        return s
    if isinstance(s, str) and s in game.strategies[i]:
        return game.strategies[i].index(s)
    raise GameError(
        f"{what}: {game.players[i]!r} has no strategy {s!r}; its strategies are "
        + ", ".join(map(repr, game.strategies[i]))
    )


def _profile_index(game: NormalFormGame, profile: Sequence[Any], what: str) -> tuple[int, ...]:
    if isinstance(profile, str) or len(profile) != game.n_players:
        raise GameError(
            f"{what}: expected one strategy per player ({game.n_players}), found {profile!r}"
        )
    return tuple(_strategy_index(game, i, s, what) for i, s in enumerate(profile))


def _probability(x: Any, what: str) -> sympy.Expr:
    if isinstance(x, sympy.Expr):
        return x
    if isinstance(x, int | Fraction) and not isinstance(x, bool):
        return sympy.Rational(x)
    raise GameError(
        f"{what}: a probability must be a number or a sympy expression in the game's "
        f"parameters, found {x!r}"
    )


def _mixed_profile(
    game: NormalFormGame, profile: Any, what: str
) -> tuple[tuple[sympy.Expr, ...], ...]:
    """Each player's probability vector: labels and indices become pure strategies."""
    if isinstance(profile, SymbolicEquilibrium):
        profile = profile.strategies
    if isinstance(profile, str) or not isinstance(profile, Sequence):
        raise GameError(f"{what}: expected one strategy per player, found {profile!r}")
    if len(profile) != game.n_players:
        raise GameError(
            f"{what}: expected one strategy per player ({game.n_players}), found {profile!r}"
        )
    known = {p.symbol for p in game.parameters.values()}
    out = []
    for i, s in enumerate(profile):
        if isinstance(s, str | int) and not isinstance(s, bool):
            k = _strategy_index(game, i, s, what)
            out.append(tuple(sympy.Integer(int(j == k)) for j in range(game.shape[i])))
            continue
        if not isinstance(s, Sequence) or len(s) != game.shape[i]:
            raise GameError(
                f"{what}: {game.players[i]!r} needs a strategy label or {game.shape[i]} "
                f"probabilities, found {s!r}"
            )
        vector = tuple(_probability(x, what) for x in s)
        unknown = set().union(*(x.free_symbols for x in vector)) - known
        if unknown:
            raise GameError(
                f"{what}: the probabilities of {game.players[i]!r} mention "
                f"{', '.join(sorted(map(str, unknown)))}, not parameters of the game"
            )
        if sympy.simplify(sum(vector, sympy.S.Zero) - 1) != 0:
            raise GameError(
                f"{what}: the probabilities of {game.players[i]!r} do not sum to one: {s!r}"
            )
        out.append(vector)
    return tuple(out)


def _profile_text(game: NormalFormGame, profile: tuple[tuple[sympy.Expr, ...], ...]) -> list[str]:
    out = []
    for i, vector in enumerate(profile):
        used = [(p, s) for p, s in zip(vector, game.strategies[i], strict=True) if p != 0]
        if len(used) == 1 and used[0][0] == 1:
            out.append(used[0][1])
        else:
            out.append(" + ".join(f"({sympy.sstr(p)})*{s}" for p, s in used))
    return out


def _expected(arr: Any, profile: tuple[tuple[sympy.Expr, ...], ...]) -> sympy.Expr:
    total = sympy.S.Zero
    for cell in itertools.product(*(range(len(v)) for v in profile)):
        weight = sympy.Mul(*(v[k] for v, k in zip(profile, cell, strict=True)))
        if weight != 0:
            total += weight * arr[cell]
    return sympy.factor_terms(sympy.cancel(total)) if not total.is_polynomial() else total


def _stage_equilibrium_region(
    game: NormalFormGame, profile: tuple[tuple[sympy.Expr, ...], ...], what: str
) -> sympy.Basic:
    """Where ``profile`` is a stage equilibrium (an error if it is never a candidate)."""
    pure = all(all(x in (0, 1) for x in v) for v in profile)
    regions = normal_form_regions(game, "pure" if pure else "nash")
    found = [
        region.condition
        for eq, region in regions.entries
        if all(
            sympy.simplify(a - b) == 0
            for mine, theirs in zip(profile, eq.strategies, strict=True)
            for a, b in zip(mine, theirs, strict=True)
        )
    ]
    if not found:
        raise GameError(
            f"{what}: ({', '.join(_profile_text(game, profile))}) is not an equilibrium of "
            "the stage game anywhere; its candidates are " + "; ".join(eq.label for eq in regions)
        )
    return sympy.Or(*found)


def _deviation_threshold(
    d: sympy.Expr, c: sympy.Expr, p: sympy.Expr, simplifier: Simplifier
) -> sympy.Expr:
    if sympy.simplify(d - p) == 0:
        return sympy.S.Zero
    ratio = sympy.cancel((d - c) / (d - p))
    num, den = sympy.fraction(ratio)
    if (
        d.is_polynomial()
        and p.is_polynomial()
        and sympy.expand(num * (d - p) - den * (d - c)) == 0
        and not den.is_number
    ):
        # no common factor: keep the textbook orientation (d - c) / (d - p)
        return sympy.Mul(tidy_polynomial(d - c), sympy.Pow(tidy_polynomial(d - p), -1))
    return tidy(ratio, simplifier)


def _no_gain(
    delta: sympy.Symbol, d: sympy.Expr, c: sympy.Expr, p: sympy.Expr, parameters: Any
) -> sympy.Basic:
    """``delta * (d - p) >= d - c``, as comparisons the condition engine can decide.

    A mixed punishment's payoff ``p`` is a ratio of polynomials, and the
    engine reasons linearly: the difference is factored, factors of known
    sign on the parameters' domains are dropped, and the sign of each other
    factor without ``delta`` is split into cases, leaving comparisons of
    the factor in ``delta``.
    """
    if sympy.fraction(sympy.together(p))[1].is_number:
        return sympy.GreaterThan(delta * (d - p), d - c, evaluate=False)
    num, den = sympy.fraction(sympy.together(delta * (d - p) - (d - c)))
    coeff_n, factors_n = sympy.factor_list(num)
    coeff_d, factors_d = sympy.factor_list(den)
    sign = 1 if coeff_n / coeff_d > 0 else -1
    core = sympy.S.One
    unknown: list[tuple[sympy.Expr, int, bool]] = []
    for f, k, in_numerator in [(f, k, True) for f, k in factors_n] + [
        (f, k, False) for f, k in factors_d
    ]:
        if f.has(delta):
            core *= f**k
        elif Region(f <= 0, parameters).is_empty():
            continue
        elif Region(f >= 0, parameters).is_empty():
            sign *= (-1) ** k
        else:
            unknown.append((f, k, in_numerator))
    core = sympy.expand(core)
    cases = [
        sympy.And(*(f > 0 if s > 0 else f < 0 for (f, _, _), s in zip(unknown, signs, strict=True)))
        & (
            sympy.GreaterThan(core, 0, evaluate=False)
            if sign * sympy.prod(s**k for (_, k, _), s in zip(unknown, signs, strict=True)) > 0
            else sympy.LessThan(core, 0, evaluate=False)
        )
        for signs in itertools.product((1, -1), repeat=len(unknown))
    ]
    # where a factor of the numerator vanishes, so does the difference: no deviation gains
    cases.extend(sympy.Eq(f, 0) for f, _, in_numerator in unknown if in_numerator)
    return sympy.Or(*cases)


def grim_trigger_threshold(
    stage_game: NormalFormGame,
    cooperative_profile: Sequence[Any],
    punishment_profile: Sequence[Any] | Mapping[str, Any] | SymbolicEquilibrium | None = None,
    *,
    discount: str | Parameter = "delta",
) -> GrimTrigger:
    """The discount factors at which grim trigger sustains a cooperative stage profile.

    Every player plays ``cooperative_profile`` until someone deviates, then
    a punishment profile forever (Nash reversion). No one-shot deviation
    to a stage strategy with payoff ``d`` pays when
    ``c / (1 - delta) >= d + delta * p / (1 - delta)``, i.e.
    ``delta * (d - p) >= d - c``, where ``p`` is the deviator's expected
    payoff under its punishment; solved for ``delta`` by :func:`threshold`
    (the direction follows the sign of ``d - p``; unknown signs are split
    into cases). Each punishment must be a stage equilibrium, pure or
    mixed, for the threat to be credible (repeating a stage equilibrium for
    ever is subgame perfect); its region is part of the condition.

    Parameters
    ----------
    stage_game
        The stage game (numeric or symbolic payoffs).
    cooperative_profile
        One strategy (label or index) per player.
    punishment_profile
        The profile played after a deviation: one entry per player, a
        strategy (label or index) or a vector of probabilities (numbers or
        sympy expressions in the parameters), or a
        :class:`~gametheory_alliances.symbolic.SymbolicEquilibrium` of the
        stage game (a mixed equilibrium from :func:`equilibrium_regions`).
        A mapping from each player's name to such a profile punishes each
        deviator by its own profile (for instance the stage equilibrium
        worst for it). Default: the stage game's only pure equilibrium
        candidate (an error if there is not exactly one).
    discount
        The name (or :class:`Parameter`) of the discount factor; its domain
        defaults to ``(0, 1)``.

    Returns
    -------
    GrimTrigger

    Raises
    ------
    GameError
        If a profile names an unknown strategy, its probabilities do not sum
        to one or mention unknown symbols, a mapping misses a player, or a
        punishment is not an equilibrium candidate of the stage game.

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

    In Chicken the deviator can be punished by the stage equilibrium worst
    for it, or both by the mixed equilibrium:

    >>> chicken = NormalFormGame(
    ...     [[[3, 1], [4, 0]], [[3, 4], [1, 0]]], strategies=[["C", "D"], ["C", "D"]]
    ... )
    >>> worst = {"Row": ("C", "D"), "Column": ("D", "C")}
    >>> grim_trigger_threshold(chicken, ("C", "C"), worst).threshold
    1/3
    >>> from fractions import Fraction
    >>> half = (Fraction(1, 2), Fraction(1, 2))
    >>> grim_trigger_threshold(chicken, ("C", "C"), (half, half)).threshold
    1/2
    """
    game = check_game(stage_game)
    coop = _profile_index(game, cooperative_profile, "cooperative profile")
    punishments: dict[str, tuple[tuple[sympy.Expr, ...], ...]] = {}
    if punishment_profile is None:
        pure = normal_form_regions(game, "pure")
        if len(pure) != 1:
            raise GameError(
                f"the stage game has {len(pure)} pure equilibrium candidates; give the "
                "punishment profile explicitly"
            )
        common = next(iter(pure)).strategies
        punishments = dict.fromkeys(game.players, common)
    elif isinstance(punishment_profile, Mapping):
        missing = [p for p in game.players if p not in punishment_profile]
        extra = [p for p in punishment_profile if p not in game.players]
        if missing or extra:
            raise GameError(
                "punishment profiles by deviator: expected one for each of "
                + ", ".join(map(repr, game.players))
                + (f"; missing {', '.join(map(repr, missing))}" if missing else "")
                + (f"; unknown {', '.join(map(repr, extra))}" if extra else "")
            )
        punishments = {
            p: _mixed_profile(game, punishment_profile[p], f"punishment of {p!r}")
            for p in game.players
        }
    else:
        common = _mixed_profile(game, punishment_profile, "punishment profile")
        punishments = dict.fromkeys(game.players, common)
    delta = discount if isinstance(discount, Parameter) else Parameter(str(discount), "(0, 1)")
    if delta.name in game.parameters:
        delta = game.parameters[delta.name]
    table = {**game.parameters, delta.name: delta}
    d_sym = delta.symbol
    simplifier = Simplifier(game.parameters)
    arrays = game.payoff_expressions()
    atoms = []
    thresholds: dict[str, sympy.Expr] = {}
    payoffs: dict[str, sympy.Expr] = {}
    for i, arr in enumerate(arrays):
        player = game.players[i]
        c, p = arr[coop], _expected(arr, punishments[player])
        payoffs[player] = p
        candidates = []
        for k in range(game.shape[i]):
            if k == coop[i]:
                continue
            dev = list(coop)
            dev[i] = k
            d = arr[tuple(dev)]
            atoms.append(_no_gain(d_sym, d, c, p, table))
            candidates.append(_deviation_threshold(d, c, p, simplifier))
        thresholds[player] = sympy.Max(*candidates) if candidates else sympy.S.Zero
    stage_ok = [
        _stage_equilibrium_region(game, profile, f"punishment of {player!r}")
        for player, profile in punishments.items()
    ]
    condition = threshold(Region(sympy.And(*stage_ok, *atoms), table), delta.name)
    profiles = list(punishments.values())
    if all(prof == profiles[0] for prof in profiles):
        text = tuple(_profile_text(game, profiles[0]))
    else:
        text = tuple(
            f"{player} deviates: ({', '.join(_profile_text(game, prof))})"
            for player, prof in punishments.items()
        )
    return GrimTrigger(
        delta,
        tuple(game.strategies[i][k] for i, k in enumerate(coop)),
        text,
        thresholds,
        sympy.Max(*thresholds.values()),
        condition,
        punishments,
        payoffs,
    )
