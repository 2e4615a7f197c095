"""Hypothesis strategies for games, parameter points and models.

Property-based tests state what must hold for *every* game or parameter
value and let `hypothesis <https://hypothesis.readthedocs.io>`_ search for a
counterexample, shrinking any it finds to a minimal one. This module gives
the search spaces a game theorist needs:

* :func:`normal_form_games`: random numeric games in strategic form, with
  integer, rational or floating-point payoffs, and on request *degenerate*
  ones (ties, duplicated strategies, weakly dominated strategies, constant
  payoffs), where equilibrium algorithms most often go wrong;
* :func:`sequential_games`: random game trees with chance moves and
  information sets (perfect recall is kept);
* :func:`parameter_points`: values for a model's parameters, drawn from their
  domains and satisfying the model's declared assumptions (orderings such as
  ``pi_S < pi_D`` are satisfied by construction, not by rejection);
* :func:`models`: the catalogue's models;
* :func:`parameterised_games`: random games whose payoffs are affine
  expressions in a few parameters with domains.

Every strategy is an ordinary hypothesis strategy: combine them with
``flatmap``, ``map`` and ``filter``, and run them with a seed
(``@settings(derandomize=True)`` or ``@seed(...)``) for reproducible runs.
The module needs ``hypothesis`` (a test dependency of the toolkit). It is
one idea, the public hypothesis strategies, though over a thousand lines:
drawing parameter points that meet the assumptions by construction is most
of it.

Examples
--------
A property of every 2 x 2 game with rational payoffs: the pure
equilibria are among the extreme Nash equilibria.

>>> from hypothesis import given, settings
>>> from gametheory_alliances import nash_equilibria, pure_equilibria
>>> from gametheory_alliances.testing import normal_form_games
>>> @settings(max_examples=25, derandomize=True, deadline=None)
... @given(normal_form_games(strategies=2, payoffs="rational"))
... def test_pure_equilibria_are_nash(game):
...     found = set(nash_equilibria(game))
...     assert all(eq in found for eq in pure_equilibria(game))
>>> test_pure_equilibria_are_nash()

A property of a catalogue model over its whole parameter space: in the
Prisoner's Dilemma, mutual defection is the only equilibrium.

>>> from gametheory_alliances.catalogue import load_model
>>> from gametheory_alliances.testing import parameter_points
>>> pd = load_model("prisoners-dilemma")
>>> @settings(max_examples=25, derandomize=True, deadline=None)
... @given(parameter_points(pd))
... def test_defection_is_the_only_equilibrium(values):
...     assert values["T"] > values["R"] > values["P"] > values["S"]
...     [eq] = nash_equilibria(pd.at(**values))
...     assert eq.exact_strategies == ((0, 1), (0, 1))
>>> test_defection_is_the_only_equilibrium()
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, TypeAlias

import numpy as np
import sympy
from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from .catalogue import list_models, load_model
from .errors import GameError
from .expressions import parse_condition
from .game import Game
from .io.model import Model
from .normal_form import NormalFormGame
from .parameters import Domain, Parameter, as_number, exact_substitutions, parameter_table

__all__ = [
    "DEGENERACIES",
    "models",
    "normal_form_games",
    "parameter_points",
    "parameterised_games",
    "sequential_games",
]

PayoffKind: TypeAlias = Literal["integer", "float", "rational"]
CountSpec: TypeAlias = int | tuple[int, int] | SearchStrategy[int]
Number: TypeAlias = Fraction | float

DENOMINATORS = (1, 2, 3, 4, 5, 6, 8, 10)
"""Denominators of drawn fractions (scaled by a power of ten for narrow intervals)."""

DEGENERACIES = ("duplicate", "constant", "equal column", "weakly dominated")
"""The structures :func:`normal_form_games` imposes when ``degenerate=True``.

``"duplicate"``: a best response of a player is duplicated (every player's
payoffs equal on the copy); ``"constant"``: one player's payoffs are all
equal; ``"equal column"``: against one pure profile of the others, all of a
player's strategies pay the same; ``"weakly dominated"``: a strategy pays no
more than a best response everywhere and the same where that one is a best
response. Each leaves some player with two or more pure best responses to
some pure profile of the others, so the game is degenerate.
"""

_PAYOFF_KINDS = ("integer", "float", "rational")
_PARAMETER_NAMES = ("a", "b", "c", "d", "e", "f", "g", "h")
_DOMAINS = ("real", "positive", "nonnegative", "[0, 1]", "(0, 1)", "[-5, 5]", "(1, oo)")


# -- argument checking -----------------------------------------------------------------


def _count(value: CountSpec, name: str, minimum: int) -> SearchStrategy[int]:
    """A strategy for a count given as an int, an inclusive ``(min, max)`` pair or a strategy."""
    if isinstance(value, SearchStrategy):
        return value
    if isinstance(value, bool):
        raise GameError(
            f"{name}: expected an integer, a (min, max) pair or a strategy, found {value!r}"
        )
    if isinstance(value, int | np.integer):
        if value < minimum:
            raise GameError(f"{name}: expected at least {minimum}, found {value}")
        return st.just(int(value))
    if (
        isinstance(value, tuple | list)
        and len(value) == 2
        and all(isinstance(v, int | np.integer) and not isinstance(v, bool) for v in value)
    ):
        lo, hi = int(value[0]), int(value[1])
        if lo < minimum or lo > hi:
            raise GameError(
                f"{name}: expected a range (min, max) with {minimum} <= min <= max, found {value!r}"
            )
        return st.integers(lo, hi)
    raise GameError(
        f"{name}: expected an integer, a (min, max) pair or a hypothesis strategy, found {value!r}"
    )


def _count_bounds(value: CountSpec) -> tuple[int, int] | None:
    """The bounds of a count given as an int or a pair (``None`` for a strategy)."""
    if isinstance(value, SearchStrategy):
        return None
    if isinstance(value, int | np.integer):
        return int(value), int(value)
    return int(value[0]), int(value[1])


def _payoff_kind(payoffs: str) -> str:
    if payoffs not in _PAYOFF_KINDS:
        raise GameError(
            f"payoffs: expected one of {', '.join(map(repr, _PAYOFF_KINDS))}, found {payoffs!r}"
        )
    return payoffs


def _payoff_range(payoff_range: Any, kind: str) -> tuple[Fraction, Fraction]:
    if (
        isinstance(payoff_range, str)
        or not isinstance(payoff_range, Sequence)
        or len(payoff_range) != 2
    ):
        raise GameError(f"payoff_range: expected a pair (low, high), found {payoff_range!r}")
    lo = as_number(payoff_range[0], "payoff_range low")
    hi = as_number(payoff_range[1], "payoff_range high")
    if not isinstance(lo, Fraction) or not isinstance(hi, Fraction) or lo > hi:
        raise GameError(
            f"payoff_range: expected rational numbers low <= high, found {payoff_range!r}"
        )
    if kind == "integer" and math.ceil(lo) > math.floor(hi):
        raise GameError(f"payoff_range {payoff_range!r} holds no integer for integer payoffs")
    return lo, hi


# -- numbers in an interval ----------------------------------------------------------


def _fractions_between(
    lo: Fraction, hi: Fraction, lo_open: bool = False, hi_open: bool = False
) -> SearchStrategy[Fraction]:
    """Fractions with small denominators in an interval (the midpoint if none fits)."""
    if lo == hi:
        return st.just(lo)
    scale = 1
    while (hi - lo) * scale < 1:
        scale *= 10

    def with_denominator(q: int) -> SearchStrategy[Fraction]:
        kmin = math.ceil(lo * q)
        if lo_open and Fraction(kmin, q) == lo:
            kmin += 1
        kmax = math.floor(hi * q)
        if hi_open and Fraction(kmax, q) == hi:
            kmax -= 1
        if kmin > kmax:
            return st.just((lo + hi) / 2)
        return st.integers(kmin, kmax).map(lambda k: Fraction(k, q))

    return st.sampled_from([d * scale for d in DENOMINATORS]).flatmap(with_denominator)


def _decimal(x: float) -> Fraction:
    """The number a float stands for in the toolkit (its shortest decimal representation)."""
    return Fraction(repr(x))


def _floats_between(
    lo: Fraction, hi: Fraction, lo_open: bool = False, hi_open: bool = False
) -> SearchStrategy[float]:
    """Floats whose decimal value lies in the interval."""
    lo_f, hi_f = float(lo), float(hi)
    while _decimal(lo_f) < lo or (lo_open and _decimal(lo_f) == lo):
        lo_f = math.nextafter(lo_f, math.inf)
    while _decimal(hi_f) > hi or (hi_open and _decimal(hi_f) == hi):
        hi_f = math.nextafter(hi_f, -math.inf)
    if lo_f > hi_f:
        return st.just(float((lo + hi) / 2))
    return st.floats(lo_f, hi_f, allow_nan=False, allow_infinity=False)


def _payoff_values(kind: str, lo: Fraction, hi: Fraction) -> SearchStrategy[Any]:
    if kind == "integer":
        return st.integers(math.ceil(lo), math.floor(hi))
    if kind == "rational":
        return _fractions_between(lo, hi)
    return _floats_between(lo, hi)


def _narrow_values(kind: str, lo: Fraction, hi: Fraction) -> list[Any]:
    """Two or three payoff values at the bottom of the range, for degenerate games."""
    if kind == "integer":
        base = math.ceil(lo)
        return [v for v in (base, base + 1, base + 2) if v <= hi]
    steps = [lo + Fraction(k, 2) for k in range(3)]
    values = [v for v in steps if v <= hi] or [lo]
    return [float(v) for v in values] if kind == "float" else values


# -- normal-form games ---------------------------------------------------------------


def _distinct_label_lists(count: int) -> SearchStrategy[list[str]]:
    """Lists of ``count`` distinct labels (of players, or of one player's strategies)."""
    text = st.text(
        alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -'",
        min_size=1,
        max_size=10,
    ).filter(lambda s: s.strip() == s)
    return st.lists(text, min_size=count, max_size=count, unique=True)


def _others(shape: tuple[int, ...], player: int) -> list[tuple[int, ...]]:
    """Every pure profile of the players other than ``player``."""
    return list(itertools.product(*(range(m) for k, m in enumerate(shape) if k != player)))


def _profile(others: tuple[int, ...], player: int, own: int) -> tuple[int, ...]:
    return (*others[:player], own, *others[player:])


def _best_response(
    arr: np.ndarray, shape: tuple[int, ...], player: int, others: tuple[int, ...]
) -> int:
    values = [arr[_profile(others, player, k)] for k in range(shape[player])]
    return max(range(len(values)), key=lambda k: (values[k], -k))


@st.composite
def _normal_form_game(
    draw: Callable[[SearchStrategy[Any]], Any],
    players: SearchStrategy[int],
    strategies: SearchStrategy[int],
    strategy_bounds: tuple[int, int] | None,
    fixed_shape: tuple[int, ...] | None,
    kind: str,
    lo: Fraction,
    hi: Fraction,
    degenerate: bool,
    labels: bool,
) -> NormalFormGame:
    if fixed_shape is not None:
        shape = fixed_shape
    else:
        n = draw(players)
        counts = [draw(strategies) for _ in range(n)]
        if degenerate and max(counts) < 2:
            if strategy_bounds is None:
                assume(False)
            else:
                # Some player needs two strategies to tie; drawing its count from the
                # range above 1 keeps every other count as the user asked.
                who = draw(st.integers(0, n - 1))
                counts[who] = draw(st.integers(max(2, strategy_bounds[0]), strategy_bounds[1]))
        shape = tuple(counts)
    n = len(shape)
    size = math.prod(shape)
    narrow = degenerate and draw(st.booleans())
    values = (
        st.sampled_from(_narrow_values(kind, lo, hi)) if narrow else _payoff_values(kind, lo, hi)
    )
    arrays = [
        np.array(draw(st.lists(values, min_size=size, max_size=size)), dtype=object).reshape(shape)
        for _ in range(n)
    ]
    if degenerate:
        _impose_degeneracy(draw, arrays, shape, kind, lo)
    payoffs: list[Any]
    if kind == "integer":
        payoffs = [a.astype(np.int64) for a in arrays]
    elif kind == "float":
        payoffs = [a.astype(np.float64) for a in arrays]
    else:
        payoffs = arrays
    player_labels = strategy_labels = None
    if labels:
        player_labels = draw(_distinct_label_lists(n))
        strategy_labels = [draw(_distinct_label_lists(m)) for m in shape]
    return NormalFormGame(payoffs, players=player_labels, strategies=strategy_labels)


def _impose_degeneracy(
    draw: Callable[[SearchStrategy[Any]], Any],
    arrays: list[np.ndarray],
    shape: tuple[int, ...],
    kind: str,
    lo: Fraction,
) -> None:
    """Give some player two pure best responses to some pure profile of the others."""
    candidates = [i for i, m in enumerate(shape) if m >= 2]
    i = draw(st.sampled_from(candidates))
    structure = draw(st.sampled_from(DEGENERACIES))
    others = _others(shape, i)
    s = draw(st.sampled_from(others))
    arr = arrays[i]
    if structure == "constant":
        arr[...] = arr[_profile(s, i, 0)]
        return
    if structure == "equal column":
        value = arr[_profile(s, i, 0)]
        for k in range(shape[i]):
            arr[_profile(s, i, k)] = value
        return
    best = _best_response(arr, shape, i, s)
    copy = draw(st.sampled_from([k for k in range(shape[i]) if k != best]))
    if structure == "duplicate":
        for a in arrays:
            src = np.take(a, best, axis=i)
            index: list[Any] = [slice(None)] * len(shape)
            index[i] = copy
            a[tuple(index)] = src
        return
    # Weakly dominated: equal to the best response at s, no larger anywhere.
    for t in others:
        top = arr[_profile(t, i, best)]
        if t == s:
            arr[_profile(t, i, copy)] = top
            continue
        gap = _payoff_values(kind, Fraction(0), _as_fraction(top) - lo)
        lowered = top - draw(gap)
        arr[_profile(t, i, copy)] = max(lowered, float(lo)) if kind == "float" else lowered


def _as_fraction(x: Any) -> Fraction:
    """The exact value of a payoff (a float's binary value)."""
    return x if isinstance(x, Fraction) else Fraction(x)


def normal_form_games(
    players: int | tuple[int, int] | SearchStrategy[int] = 2,
    strategies: int | tuple[int, int] | SearchStrategy[int] = (1, 4),
    payoffs: PayoffKind = "integer",
    payoff_range: tuple[Any, Any] = (-10, 10),
    degenerate: bool = False,
    *,
    shape: Sequence[int] | None = None,
    labels: bool = False,
) -> SearchStrategy[NormalFormGame]:
    """Random numeric games in strategic form.

    Parameters
    ----------
    players
        The number of players: an integer, an inclusive range ``(min, max)``
        or a strategy (default 2).
    strategies
        The number of strategies of each player, drawn independently per
        player: an integer, an inclusive range (default ``(1, 4)``) or a
        strategy.
    payoffs
        ``"integer"`` (default), ``"rational"`` (fractions with small
        denominators: exact games) or ``"float"`` (floating-point games,
        never exact).
    payoff_range
        The inclusive range of every payoff (default ``(-10, 10)``).
    degenerate
        ``True`` forces degeneracy: some player has two or more pure best
        responses to some pure profile of the others, by one of the
        structures in :data:`DEGENERACIES`, and half the time the payoffs
        are drawn from two or three values only. ``False`` (default) forces
        nothing (small integer games are often degenerate anyway).
    shape
        A fixed number of strategies per player (overrides ``players`` and
        ``strategies``).
    labels
        Draw player and strategy labels (default: the toolkit's defaults
        ``Row, Column`` and ``1, 2, ...``).

    Returns
    -------
    SearchStrategy[NormalFormGame]

    Raises
    ------
    GameError
        Malformed arguments (at the call, not when drawing), or
        ``degenerate=True`` with one strategy per player.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from gametheory_alliances.testing import normal_form_games
    >>> @settings(max_examples=20, derandomize=True, deadline=None)
    ... @given(normal_form_games(players=(2, 3), strategies=(1, 3), payoffs="rational"))
    ... def test_payoffs_are_exact(game):
    ...     assert game.is_exact and 2 <= game.n_players <= 3
    >>> test_payoffs_are_exact()

    Degenerate games, for tests of equilibrium algorithms on ties:

    >>> from gametheory_alliances import nash_equilibria
    >>> @settings(max_examples=20, derandomize=True, deadline=None)
    ... @given(normal_form_games(strategies=(2, 3), degenerate=True))
    ... def test_every_extreme_equilibrium_certifies(game):
    ...     assert all(eq.certify() for eq in nash_equilibria(game))
    >>> test_every_extreme_equilibrium_certifies()
    """
    kind = _payoff_kind(payoffs)
    lo, hi = _payoff_range(payoff_range, kind)
    if not isinstance(degenerate, bool):
        raise GameError(f"degenerate: expected True or False, found {degenerate!r}")
    fixed: tuple[int, ...] | None = None
    if shape is not None:
        if isinstance(shape, str | bytes) or not isinstance(shape, Sequence) or not shape:
            raise GameError(f"shape: expected a list of strategy counts, found {shape!r}")
        if any(isinstance(m, bool) or not isinstance(m, int | np.integer) or m < 1 for m in shape):
            raise GameError(f"shape: expected positive integers, found {shape!r}")
        fixed = tuple(int(m) for m in shape)
        if degenerate and max(fixed) < 2:
            raise GameError(f"degenerate games need a player with two strategies; shape {fixed}")
    players_st = _count(players, "players", 1)
    strategies_st = _count(strategies, "strategies", 1)
    bounds = _count_bounds(strategies)
    if degenerate and fixed is None and bounds is not None and bounds[1] < 2:
        raise GameError(
            f"degenerate games need a player with two strategies; strategies={strategies!r}"
        )
    return _normal_form_game(
        players_st, strategies_st, bounds, fixed, kind, lo, hi, degenerate, labels
    )


# -- sequential games ------------------------------------------------------------------


@dataclass
class _Sketch:
    """A node of a game tree being drawn."""

    kind: str
    depth: int
    parent: int
    action: int
    player: int = -1
    n_actions: int = 0
    probs: tuple[Fraction, ...] = ()
    payoffs: tuple[Any, ...] = ()
    children: tuple[int, ...] = ()
    infoset: str | None = None


def _action_labels(k: int) -> tuple[str, ...]:
    if k == 2:
        return ("L", "R")
    if k == 3:
        return ("L", "M", "R")
    return tuple(f"a{j + 1}" for j in range(k))


@st.composite
def _sequential_game(
    draw: Callable[[SearchStrategy[Any]], Any],
    players: SearchStrategy[int],
    depth: SearchStrategy[int],
    actions: SearchStrategy[int],
    chance: bool,
    information_sets: bool,
    kind: str,
    lo: Fraction,
    hi: Fraction,
    max_terminals: int,
) -> Any:
    from .sequential import Chance, Decision, SequentialGame, Terminal

    n = draw(players)
    target = draw(depth)
    values = _payoff_values(kind, lo, hi)
    sketch: list[_Sketch] = []
    pending = 1  # leaves the tree will have if no further node is expanded
    # Most decision nodes at a depth share a mover and a number of actions, as in
    # games played in rounds; that is what lets information sets form.
    rounds = [(draw(st.integers(0, n - 1)), draw(actions)) for _ in range(target)]

    def grow(d: int, parent: int, action: int, spine: bool) -> int:
        nonlocal pending
        me = len(sketch)
        node = _Sketch("terminal", d, parent, action)
        sketch.append(node)
        if d >= target:
            node.payoffs = tuple(draw(values) for _ in range(n))
            return me
        in_round = draw(st.integers(0, 3)) > 0
        player, k = rounds[d] if in_round else (draw(st.integers(0, n - 1)), draw(actions))
        expand = spine or (pending + k - 1 <= max_terminals and draw(st.booleans()))
        if not expand:
            node.payoffs = tuple(draw(values) for _ in range(n))
            return me
        pending += k - 1
        if chance and draw(st.integers(0, 3)) == 0:
            node.kind = "chance"
            weights = [draw(st.integers(1, 4)) for _ in range(k)]
            node.probs = tuple(Fraction(w, sum(weights)) for w in weights)
        else:
            node.kind = "decision"
            node.player = player
        node.n_actions = k
        node.children = tuple(grow(d + 1, me, a, spine and a == 0) for a in range(k))
        return me

    grow(0, -1, 0, target > 0)

    # Information sets: decision nodes of one player with the same actions and the same
    # own history (the player's earlier information sets and choices) may be merged,
    # which keeps perfect recall. Nodes are grouped in order of the number of the
    # player's own earlier moves, so the sets of those moves are already decided.
    def own_history(k: int) -> tuple[tuple[str, int], ...]:
        history: list[tuple[str, int]] = []
        child, parent = k, sketch[k].parent
        while parent >= 0:
            above = sketch[parent]
            if above.kind == "decision" and above.player == sketch[k].player:
                history.append((above.infoset or f"#{parent}", sketch[child].action))
            child, parent = parent, above.parent
        return tuple(reversed(history))

    decisions = [k for k, node in enumerate(sketch) if node.kind == "decision"]
    level = {k: len(own_history(k)) for k in decisions}
    counter = itertools.count(1)
    for depth_of_own in range(max(level.values(), default=-1) + 1):
        groups: dict[tuple[Any, ...], list[int]] = {}
        for k in decisions:
            if level[k] == depth_of_own:
                key = (sketch[k].player, sketch[k].n_actions, own_history(k))
                groups.setdefault(key, []).append(k)
        for members in groups.values():
            if not information_sets or len(members) < 2:
                continue
            n_parts = draw(st.integers(1, len(members)))
            parts = [draw(st.integers(0, n_parts - 1)) for _ in members]
            names: dict[int, str] = {}
            for k, part in zip(members, parts, strict=True):
                if parts.count(part) > 1:
                    if part not in names:
                        names[part] = f"h{next(counter)}"
                    sketch[k].infoset = names[part]
    player_labels = [f"Player {i + 1}" for i in range(n)]

    def build(k: int) -> Any:
        node = sketch[k]
        if node.kind == "terminal":
            return Terminal(list(node.payoffs))
        labels = _action_labels(node.n_actions)
        if node.kind == "chance":
            chance_labels = tuple(f"n{j + 1}" for j in range(node.n_actions))
            return Chance(
                {
                    lab: (p, build(c))
                    for lab, p, c in zip(chance_labels, node.probs, node.children, strict=True)
                }
            )
        return Decision(
            player_labels[node.player],
            {lab: build(c) for lab, c in zip(labels, node.children, strict=True)},
            infoset=node.infoset,
        )

    return SequentialGame(build(0), players=player_labels)


def sequential_games(
    players: int | tuple[int, int] | SearchStrategy[int] = (2, 3),
    depth: int | tuple[int, int] | SearchStrategy[int] = (1, 4),
    chance: bool = False,
    information_sets: bool = False,
    payoffs: PayoffKind = "integer",
    payoff_range: tuple[Any, Any] = (-10, 10),
    *,
    actions: int | tuple[int, int] | SearchStrategy[int] = (2, 3),
    max_terminals: int = 16,
) -> SearchStrategy[Any]:
    """Random finite game trees (:class:`~gametheory_alliances.sequential.SequentialGame`).

    Every tree has exactly the drawn depth (some path is that long); other
    branches stop earlier at random. Nodes are decisions of a random player
    or, with ``chance``, moves of nature with positive rational
    probabilities.

    Parameters
    ----------
    players
        The number of players (default ``(2, 3)``); a player may happen never
        to move.
    depth
        The length of the longest path (default ``(1, 4)``).
    chance
        Allow chance nodes.
    information_sets
        Merge some decision nodes into information sets: nodes of one player
        with the same number of actions and the same own history (the
        player's earlier information sets and choices), so the game has
        perfect recall.
    payoffs, payoff_range
        The terminal payoffs, as for :func:`normal_form_games`.
    actions
        The number of actions (or chance outcomes) at a node (default ``(2, 3)``).
    max_terminals
        Branches stop growing once the tree would have more terminal nodes
        than this (the path of the drawn depth is always completed); it keeps
        the strategic form small.

    Returns
    -------
    SearchStrategy[SequentialGame]

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from gametheory_alliances.testing import sequential_games
    >>> @settings(max_examples=20, derandomize=True, deadline=None)
    ... @given(sequential_games(depth=(1, 3), chance=True, information_sets=True))
    ... def test_strategic_form_has_one_axis_per_player(tree):
    ...     assert tree.to_normal_form().n_players == tree.n_players
    >>> test_strategic_form_has_one_axis_per_player()
    """
    kind = _payoff_kind(payoffs)
    lo, hi = _payoff_range(payoff_range, kind)
    if isinstance(max_terminals, bool) or not isinstance(max_terminals, int) or max_terminals < 1:
        raise GameError(f"max_terminals: expected a positive integer, found {max_terminals!r}")
    return _sequential_game(
        _count(players, "players", 1),
        _count(depth, "depth", 0),
        _count(actions, "actions", 1),
        bool(chance),
        bool(information_sets),
        kind,
        lo,
        hi,
        max_terminals,
    )


# -- parameter points ------------------------------------------------------------------

_Bound: TypeAlias = tuple[Fraction | None, bool]
"""An end of an interval: its value (``None``: unbounded) and whether it is open."""


def _higher_lower(a: _Bound, b: _Bound) -> _Bound:
    if a[0] is None:
        return b
    if b[0] is None or a[0] > b[0]:
        return a
    if b[0] > a[0]:
        return b
    return (a[0], a[1] or b[1])


def _lower_upper(a: _Bound, b: _Bound) -> _Bound:
    if a[0] is None:
        return b
    if b[0] is None or a[0] < b[0]:
        return a
    if b[0] < a[0]:
        return b
    return (a[0], a[1] or b[1])


def _empty(lower: _Bound, upper: _Bound) -> bool:
    if lower[0] is None or upper[0] is None:
        return False
    return lower[0] > upper[0] or (lower[0] == upper[0] and (lower[1] or upper[1]))


def _conjuncts(condition: Any) -> list[Any]:
    if isinstance(condition, sympy.And):
        return [c for arg in condition.args for c in _conjuncts(arg)]
    return [condition]


def _rational(x: Any) -> Fraction | None:
    x = sympy.nsimplify(x) if isinstance(x, sympy.Float) else x
    if isinstance(x, sympy.Rational):
        return Fraction(int(x.p), int(x.q))
    return None


def _linear_form(
    expr: Any, names: Mapping[str, str]
) -> tuple[dict[str, Fraction], Fraction] | None:
    """``expr`` as ``sum(coef * param) + constant`` with rational numbers, if it is that."""
    symbols = sorted(expr.free_symbols, key=lambda s: s.name)
    if any(s.name not in names for s in symbols):
        return None
    try:
        poly = sympy.Poly(sympy.expand(expr), *symbols) if symbols else None
    except sympy.PolynomialError:
        return None
    if poly is None:
        c = _rational(expr)
        return None if c is None else ({}, c)
    if poly.total_degree() > 1:
        return None
    coefs: dict[str, Fraction] = {}
    for s in symbols:
        c = _rational(poly.coeff_monomial(s))
        if c is None:
            return None
        if c:
            coefs[s.name] = c
    const = _rational(poly.coeff_monomial(1))
    return None if const is None else (coefs, const)


@dataclass
class _DrawConstraints:
    """What :func:`parameter_points` draws within: bounds, orderings, and what is left to check."""

    names: list[str]
    lower: dict[str, _Bound]
    upper: dict[str, _Bound]
    edges: list[tuple[str, str, bool]]  # (smaller, larger, strict)
    conditions: list[Any]


def _draw_constraints(
    table: Mapping[str, Parameter], conditions: Sequence[Any], span: Fraction
) -> _DrawConstraints:
    names = list(table)
    lower: dict[str, _Bound] = {}
    upper: dict[str, _Bound] = {}
    for name, p in table.items():
        lower[name] = (p.domain.lower, p.domain.lower_open)
        upper[name] = (p.domain.upper, p.domain.upper_open)
    edges: list[tuple[str, str, bool]] = []
    by_name = {n: n for n in names}
    for condition in conditions:
        for atom in _conjuncts(condition):
            if atom is sympy.true:
                continue
            if atom is sympy.false:
                raise GameError("an assumption is always false: no parameter values satisfy it")
            if not isinstance(atom, sympy.Lt | sympy.Le | sympy.Gt | sympy.Ge):
                continue
            strict = isinstance(atom, sympy.Lt | sympy.Gt)
            small, large = (
                (atom.lhs, atom.rhs)
                if isinstance(atom, sympy.Lt | sympy.Le)
                else (atom.rhs, atom.lhs)
            )
            form = _linear_form(large - small, by_name)  # the atom says form > 0 (or >= 0)
            if form is None:
                continue
            coefs, const = form
            if len(coefs) == 1:
                [(name, a)] = coefs.items()
                value = -const / a
                if a > 0:
                    lower[name] = _higher_lower(lower[name], (value, strict))
                else:
                    upper[name] = _lower_upper(upper[name], (value, strict))
            elif len(coefs) == 2 and const == 0:
                (x, a), (y, b) = coefs.items()
                if a == -b:
                    edges.append((y, x, strict) if a > 0 else (x, y, strict))
    # Unbounded ends get a finite range of width `span` beyond the other end (or zero).
    for name in names:
        lo, hi = lower[name][0], upper[name][0]
        if lo is None:
            lower[name] = (min(hi, Fraction(0)) - span if hi is not None else -span, False)
        if hi is None:
            upper[name] = (max(lo, Fraction(0)) + span if lo is not None else span, False)
        if _empty(lower[name], upper[name]):
            raise GameError(
                f"parameter {name!r}: its domain and the assumptions leave no values "
                f"(between {lower[name][0]} and {upper[name][0]})"
            )
    return _DrawConstraints(names, lower, upper, edges, list(conditions))


def _groups(names: list[str], edges: list[tuple[str, str, bool]]) -> list[list[str]]:
    """The parameters linked by orderings (connected components), in declaration order."""
    parent = {n: n for n in names}

    def find(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for x, y, _ in edges:
        parent[find(x)] = find(y)
    groups: dict[str, list[str]] = {}
    for n in names:
        groups.setdefault(find(n), []).append(n)
    return list(groups.values())


def _reachability(nodes: list[str], edges: list[tuple[str, str, bool]]) -> dict[str, set[str]]:
    reach: dict[str, set[str]] = {n: set() for n in nodes}
    for x, y, _ in edges:
        reach[x].add(y)
    changed = True
    while changed:
        changed = False
        for n in nodes:
            more = set().union(*(reach[m] for m in reach[n])) - reach[n] if reach[n] else set()
            if more:
                reach[n] |= more
                changed = True
    return reach


@dataclass
class _Component:
    """Parameters linked by orderings, and how to draw them.

    ``mode`` is ``"free"`` (no orderings, or a cycle of non-strict ones that
    only the final check can meet), ``"sort"`` (one interval for all: draw,
    sort, assign along a linear extension) or ``"chain"`` (draw in
    topological order, each value above those it must exceed).
    """

    members: list[str]
    edges: list[tuple[str, str, bool]]
    preds: dict[str, list[tuple[str, bool]]]
    mode: str
    topo: list[str]
    low: dict[str, _Bound]
    high: dict[str, _Bound]


def _components(constraints: _DrawConstraints) -> list[_Component]:
    order = {n: k for k, n in enumerate(constraints.names)}
    out = []
    for members in _groups(constraints.names, constraints.edges):
        inside = set(members)
        edges = [e for e in constraints.edges if e[0] in inside]
        preds = {n: [(x, s) for x, y, s in edges if y == n] for n in members}
        low = {n: constraints.lower[n] for n in members}
        high = {n: constraints.upper[n] for n in members}
        reach = _reachability(members, edges)
        for x, y, strict in edges:
            if strict and x in reach[y]:
                raise GameError(
                    f"the assumptions order {x!r} strictly below {y!r} and {y!r} below {x!r}: "
                    "no parameter values satisfy them"
                )
        if not edges or any(n in reach[n] for n in members):
            out.append(_Component(members, edges, preds, "free", members, low, high))
            continue
        topo: list[str] = []
        while len(topo) < len(members):
            ready = [n for n in members if n not in topo and all(x in topo for x, _ in preds[n])]
            topo.append(min(ready, key=order.__getitem__))
        # Tighten each interval by the orderings: above the lower ends of what it
        # must exceed, below the upper ends of what must exceed it.
        for n in topo:
            for x, s in preds[n]:
                low[n] = _higher_lower(low[n], (low[x][0], low[x][1] or s))
        for n in reversed(topo):
            for x, y, s in edges:
                if x == n:
                    high[n] = _lower_upper(high[n], (high[y][0], high[y][1] or s))
        orderings = ", ".join(f"{x} {'<' if s else '<='} {y}" for x, y, s in edges)
        for n in topo:
            if _empty(low[n], high[n]):
                raise GameError(
                    f"parameter {n!r}: its domain and the orderings of the assumptions "
                    f"({orderings}) leave no values"
                )
        same = len({(constraints.lower[n], constraints.upper[n]) for n in members}) == 1
        if same and any(s for _, _, s in edges) and low[topo[0]][0] == high[topo[0]][0]:
            raise GameError(
                f"parameters {', '.join(members)}: strict orderings in the single point "
                f"{low[topo[0]][0]}"
            )
        out.append(_Component(members, edges, preds, "sort" if same else "chain", topo, low, high))
    return out


def _numbers_between(lower: _Bound, upper: _Bound, exact: bool) -> SearchStrategy[Number]:
    # _draw_constraints gives every parameter finite ends.
    assert lower[0] is not None and upper[0] is not None
    if exact:
        return _fractions_between(lower[0], upper[0], lower[1], upper[1])
    return _floats_between(lower[0], upper[0], lower[1], upper[1])


def _exact(v: Number) -> Fraction:
    return v if isinstance(v, Fraction) else _decimal(v)


@st.composite
def _parameter_point(
    draw: Callable[[SearchStrategy[Any]], Any],
    constraints: _DrawConstraints,
    components: list[_Component],
    exact: bool,
    check: Callable[[dict[str, Fraction]], bool],
) -> dict[str, Number]:
    values: dict[str, Number] = {}
    order = {n: k for k, n in enumerate(constraints.names)}
    for comp in components:
        if comp.mode == "free":
            for name in comp.members:
                values[name] = draw(
                    _numbers_between(constraints.lower[name], constraints.upper[name], exact)
                )
        elif comp.mode == "sort":
            # One interval for all: draw the values, sort them, and hand them out
            # along a linear extension of the ordering (a random one).
            first = comp.members[0]
            numbers = _numbers_between(constraints.lower[first], constraints.upper[first], exact)
            size = len(comp.members)
            if not any(s for _, _, s in comp.edges):
                pool = draw(st.lists(numbers, min_size=size, max_size=size))
            elif exact:
                pool = draw(st.lists(numbers, min_size=size, max_size=size, unique=True))
            else:
                pool = draw(st.lists(numbers, min_size=size, max_size=size, unique_by=_decimal))
            pool.sort(key=_exact)
            placed: set[str] = set()
            for value in pool:
                ready = sorted(
                    (
                        n
                        for n in comp.members
                        if n not in placed and all(x in placed for x, _ in comp.preds[n])
                    ),
                    key=order.__getitem__,
                )
                name = draw(st.sampled_from(ready))
                placed.add(name)
                values[name] = value
        else:
            # Different intervals: draw in topological order, each value within its
            # tightened interval and above the values it must exceed.
            for n in comp.topo:
                bound = comp.low[n]
                for x, s in comp.preds[n]:
                    bound = _higher_lower(bound, (_exact(values[x]), s))
                assume(not _empty(bound, comp.high[n]))
                values[n] = draw(_numbers_between(bound, comp.high[n], exact))
    point = {n: values[n] for n in constraints.names}
    assume(check({n: _exact(v) for n, v in point.items()}))
    return point


def _conditions_of(subject: Any, table: Mapping[str, Parameter], extra: Iterable[Any]) -> list[Any]:
    conditions = [c for c, _ in getattr(subject, "assumptions", ())]
    for item in extra:
        if isinstance(item, str):
            conditions.append(parse_condition(item, table))
        elif isinstance(item, sympy.logic.boolalg.Boolean):
            unknown = sorted(s.name for s in item.free_symbols if s.name not in table)
            if unknown:
                raise GameError(f"assumption {item}: unknown parameters {', '.join(unknown)}")
            conditions.append(item.xreplace({s: table[s.name].symbol for s in item.free_symbols}))
        else:
            raise GameError(
                f"assumptions: expected condition text or a sympy boolean, found {item!r}"
            )
    return conditions


def parameter_points(
    model_or_game: Any,
    *,
    respect_assumptions: bool = True,
    exact: bool = True,
    assumptions: Iterable[Any] = (),
    span: Any = 10,
) -> SearchStrategy[dict[str, Number]]:
    """Values for every parameter of a model or game: ``{name: value}``.

    Each value lies in its parameter's domain, open and closed ends
    respected. An unbounded end is replaced by a finite one ``span`` beyond
    the other end (or beyond zero): ``positive`` gives ``(0, 10]``,
    ``real`` gives ``[-10, 10]``.

    With ``respect_assumptions`` the point satisfies the model's declared
    assumptions (and any given in ``assumptions``). Bounds on one parameter
    (``s > 3``) narrow its interval; orderings between two parameters
    (``pi_S < pi_D``, ``T > R > P > S``) are met by construction: the values
    are drawn, sorted and assigned along the ordering, so no draw is wasted.
    Any other condition (``b2 < 2*b1``, disjunctions) is checked afterwards
    and failing points are rejected with :func:`hypothesis.assume`, so a
    condition that few points satisfy makes hypothesis report that it could
    not find enough examples.

    Parameters
    ----------
    model_or_game
        A catalogue :class:`~gametheory_alliances.io.model.Model`, a game
        with parameters, or a collection of
        :class:`~gametheory_alliances.Parameter`.
    respect_assumptions
        Satisfy the declared assumptions (default); ``False`` only the domains.
    exact
        Draw fractions with small denominators (default), so the games at
        the point are exact; ``False`` draws floats.
    assumptions
        Further conditions (text such as ``"b2 < 2*b1"`` or sympy booleans).
    span
        The width given to unbounded domains.

    Returns
    -------
    SearchStrategy[dict[str, Fraction | float]]
        Points in the order the parameters are declared.

    Raises
    ------
    GameError
        If a domain and the assumptions leave no value for some parameter,
        or an ordering contradicts itself (``x < y < x``).

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from gametheory_alliances.catalogue import load_model
    >>> from gametheory_alliances.testing import parameter_points
    >>> chicken = load_model("chicken")
    >>> @settings(max_examples=20, derandomize=True, deadline=None)
    ... @given(parameter_points(chicken))
    ... def test_points_keep_the_chicken_ordering(values):
    ...     assert values["T"] > values["R"] > values["S"] > values["P"]
    ...     assert chicken.at(**values).is_exact
    >>> test_points_keep_the_chicken_ordering()

    Conditions beyond the model's own narrow the space further:

    >>> burden = load_model("burden-sharing")
    >>> @settings(max_examples=20, derandomize=True, deadline=None)
    ... @given(parameter_points(burden, assumptions=["b2 < 2*b1"]))
    ... def test_concave_benefits(values):
    ...     assert values["b1"] <= values["b2"] < 2 * values["b1"]
    >>> test_concave_benefits()
    """
    if isinstance(model_or_game, Model | Game):
        table = dict(model_or_game.parameters)
    else:
        table = parameter_table(model_or_game)
    span_value = as_number(span, "span")
    if not isinstance(span_value, Fraction) or span_value <= 0:
        raise GameError(f"span: expected a positive rational number, found {span!r}")
    conditions = _conditions_of(model_or_game, table, assumptions) if respect_assumptions else []
    constraints = _draw_constraints(table, conditions, span_value)
    components = _components(constraints)

    def check(point: dict[str, Fraction]) -> bool:
        for name, value in point.items():
            if not table[name].domain.contains(value):
                return False
        subs = exact_substitutions(table, point)
        return all(c.xreplace(subs) is sympy.true for c in constraints.conditions)

    return _parameter_point(constraints, components, bool(exact), check)


# -- models and parameterised games ------------------------------------------------------


@lru_cache(maxsize=64)
def _load(name: str) -> Model:
    return load_model(name)


def models(names: Iterable[str | Path] | None = None) -> SearchStrategy[Model]:
    """The catalogue's models (or the named ones: catalogue names or model-file paths).

    The models are loaded when the strategy is made, so a missing or
    malformed model fails at once; the strategy shrinks towards the first
    name in sorted order.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from gametheory_alliances.testing import models, parameter_points
    >>> @settings(max_examples=20, derandomize=True, deadline=None)
    ... @given(models().flatmap(lambda m: parameter_points(m).map(lambda v: (m, v))))
    ... def test_every_model_binds_its_points(model_and_values):
    ...     model, values = model_and_values
    ...     assert model.at(**values).is_numeric
    >>> test_every_model_binds_its_points()
    """
    if names is None:
        chosen = [name for name, _ in list_models()]
    else:
        if isinstance(names, str | Path):
            raise GameError(f"names: expected a list of model names, found {names!r}")
        chosen = [str(n) for n in names]
    if not chosen:
        raise GameError("models: no model to draw from")
    return st.sampled_from([_load(n) for n in sorted(chosen)])


@st.composite
def _parameterised_game(
    draw: Callable[[SearchStrategy[Any]], Any],
    n_params: SearchStrategy[int],
    players: SearchStrategy[int],
    strategies: SearchStrategy[int],
    domains: Sequence[str],
    coefficient: int,
) -> NormalFormGame:
    k = draw(n_params)
    params = []
    for name in _PARAMETER_NAMES[:k]:
        domain = Domain.parse(draw(st.sampled_from(list(domains))))
        constraints = _draw_constraints({name: Parameter(name, domain)}, [], Fraction(10))
        default = draw(
            _numbers_between(constraints.lower[name], constraints.upper[name], exact=True)
        )
        params.append(Parameter(name, domain, default=default))
    symbols = [p.symbol for p in params]
    n = draw(players)
    shape = tuple(draw(strategies) for _ in range(n))
    coefs = st.integers(-coefficient, coefficient)
    arrays = []
    for _ in range(n):
        arr = np.empty(shape, dtype=object)
        for profile in itertools.product(*(range(m) for m in shape)):
            terms = [draw(coefs) * s for s in symbols if draw(st.booleans())]
            arr[profile] = sympy.Integer(draw(coefs)) + sympy.Add(*terms)
        arrays.append(arr)
    return NormalFormGame(arrays, parameters=params)


def parameterised_games(
    n_params: int | tuple[int, int] | SearchStrategy[int] = (1, 3),
    players: int | tuple[int, int] | SearchStrategy[int] = 2,
    strategies: int | tuple[int, int] | SearchStrategy[int] = (1, 3),
    *,
    domains: Sequence[str | Domain] = _DOMAINS,
    coefficient: int = 3,
) -> SearchStrategy[NormalFormGame]:
    """Random symbolic games: payoffs affine in a few parameters with domains.

    Each payoff is ``c0 + c1 * a + c2 * b + ...`` with integer coefficients
    in ``[-coefficient, coefficient]`` (each parameter present at random);
    parameters are named ``a, b, c, ...``, have a domain drawn from
    ``domains`` and a default inside it.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from gametheory_alliances.testing import parameter_points, parameterised_games
    >>> games_and_points = parameterised_games().flatmap(
    ...     lambda g: parameter_points(g).map(lambda values: (g, values))
    ... )
    >>> @settings(max_examples=20, derandomize=True, deadline=None)
    ... @given(games_and_points)
    ... def test_binding_gives_an_exact_game(game_and_values):
    ...     game, values = game_and_values
    ...     assert game.at(**values).is_exact
    >>> test_binding_gives_an_exact_game()
    """
    if isinstance(domains, str) or not domains:
        raise GameError(f"domains: expected a list of domains, found {domains!r}")
    texts = [Domain.parse(d).text() for d in domains]
    if isinstance(coefficient, bool) or not isinstance(coefficient, int) or coefficient < 0:
        raise GameError(f"coefficient: expected an integer >= 0, found {coefficient!r}")
    bounds = _count_bounds(n_params)
    if bounds is not None and bounds[1] > len(_PARAMETER_NAMES):
        raise GameError(f"n_params: at most {len(_PARAMETER_NAMES)} parameters, found {n_params!r}")
    return _parameterised_game(
        _count(n_params, "n_params", 0),
        _count(players, "players", 1),
        _count(strategies, "strategies", 1),
        texts,
        coefficient,
    )
