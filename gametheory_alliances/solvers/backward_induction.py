"""Subgame-perfect equilibria of sequential games by backward induction.

:func:`subgame_perfect_equilibria` returns **every** pure subgame-perfect
equilibrium (SPE) of a game with perfect information, ties included: where a
mover is indifferent, each of its best actions starts its own family of
equilibria, and the continuation equilibria of the other subgames are
combined in every way (different continuation equilibria can leave the mover
with different best actions, so the enumeration runs over all combinations).
Games with imperfect information are decomposed into subgames: each minimal
subgame is solved through its reduced strategic form by the normal-form
solvers (every extreme equilibrium for two movers, pure equilibria for three
or more), replaced by each equilibrium's payoffs, and all combinations are
composed.

Perfect-information trees go first through the vectorised pass of
:mod:`~gametheory_alliances.solvers.array_backward_induction`. It computes
the values and a tie mask; when no mover is indifferent anywhere the SPE is
unique and is returned directly, otherwise the exact enumeration takes over,
so ties never hide equilibria. With ``mixed=True`` the whole SPE set of a
perfect-information tree, mixtures at ties included, comes from
:mod:`~gametheory_alliances.solvers.spe_components` (extreme points of its
convex pieces, and the pieces' conditions on the mixing probabilities).

The module holds the enumeration, the entry point
:func:`subgame_perfect_equilibria`, the result objects
(:class:`SubgamePerfectEquilibrium`, :class:`SPEResult`) and the check of
subgame perfection (:func:`certify_profile`). The vectorised pass
(``ArrayTree``, ``backward_induction``) and the credibility report
(``credibility_report``) have their own modules,
:mod:`~gametheory_alliances.solvers.array_backward_induction` and
:mod:`~gametheory_alliances.solvers.credibility`; their old paths here still
work, with a ``DeprecationWarning``.

References
----------
R. Selten (1965), "Spieltheoretische Behandlung eines Oligopolmodells mit
Nachfrageträgheit", *Zeitschrift für die gesamte Staatswissenschaft* 121.
R. Selten (1978), "The chain store paradox", *Theory and Decision* 9, 127-159.

Examples
--------
>>> from gametheory_alliances.sequential import SequentialGame, Decision, Terminal
>>> from gametheory_alliances.solvers.backward_induction import subgame_perfect_equilibria
>>> chain_store = SequentialGame(
...     Decision("Entrant", {
...         "Stay out": Terminal([1, 5]),
...         "Enter": Decision("Incumbent", {"Fight": Terminal([0, 0]),
...                                         "Acquiesce": Terminal([2, 2])}),
...     }),
... )
>>> result = subgame_perfect_equilibria(chain_store)
>>> len(result)
1
>>> result[0].path, result[0].exact_payoffs
(('Enter', 'Acquiesce'), (Fraction(2, 1), Fraction(2, 1)))
>>> result[0].choices()
{'Entrant at root': 'Enter', 'Incumbent after Enter': 'Acquiesce'}
"""

from __future__ import annotations

import dataclasses
import html
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any, overload

import numpy as np
import numpy.typing as npt

from ..deprecation import moved
from ..equilibrium import TOLERANCE, Certificate, SolverResult, format_number
from ..errors import GameError, SolverError, TooLargeError
from ..normal_form import NormalFormGame
from ..sequential import Chance, Decision, SequentialGame, Terminal
from ..tree_table import DECISION, TERMINAL
from . import array_backward_induction
from .tree_json import tree_equilibrium_json, tree_header

if TYPE_CHECKING:
    from .spe_components import SPEPiece

__all__ = [
    "MAX_EQUILIBRIA",
    "PureProfile",
    "SPEResult",
    "SubgamePerfectEquilibrium",
    "certify_profile",
    "spe_to_json",
    "subgame_perfect_equilibria",
]

MAX_EQUILIBRIA = 10_000
"""Default bound on the number of SPE enumerated (``TooLargeError`` beyond it)."""

Profile = dict[int, tuple[Any, ...]]
"""A behaviour profile: for each information set index, the probability of each action."""


def _tol(best: Any, tol: float) -> Any:
    if isinstance(best, Fraction):
        return 0
    return tol * max(1.0, abs(float(best)))


def _evaluate(
    game: SequentialGame,
    profile: Mapping[int, Sequence[Any]],
    pays: Sequence[Sequence[Any]],
    probs: Sequence[Sequence[Any]],
    root: int = 0,
) -> list[tuple[Any, ...]]:
    """Expected payoffs of every node of the subtree of ``root`` under ``profile``.

    Returns a list indexed by node (entries outside the subtree are empty).
    """
    nodes = game.nodes
    n = game.n_players
    values: list[tuple[Any, ...]] = [()] * len(nodes)
    for k in range(nodes[root].end - 1, root - 1, -1):
        nd = nodes[k]
        if nd.kind == "terminal":
            values[k] = tuple(pays[k])
            continue
        weights = probs[k] if nd.kind == "chance" else profile[nd.infoset]
        acc: list[Any] = [0] * n
        for w, c in zip(weights, nd.children, strict=True):
            if w:
                acc = [a + w * v for a, v in zip(acc, values[c], strict=True)]
        values[k] = tuple(acc)
    return values


def _one_hot(k: int, n: int, exact: bool) -> tuple[Any, ...]:
    one: Any = Fraction(1) if exact else 1.0
    zero: Any = Fraction(0) if exact else 0.0
    return tuple(one if j == k else zero for j in range(n))


# -- result objects -----------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class SubgamePerfectEquilibrium:
    """A subgame-perfect equilibrium: a behaviour strategy profile with its payoffs.

    Attributes
    ----------
    game
        The sequential game.
    profile
        For each information set (in the order of ``game.infosets``), the
        probability of each of its actions (fractions when exact).
    payoffs
        Each player's expected payoff (floats).
    exact_payoffs
        The same as fractions when the game is rational, else ``None``.
    component
        With ``mixed=True``: the component of the SPE set this extreme
        equilibrium lies on (numbered from 1); ``None`` otherwise.
    component_size
        The number of listed equilibria on that component.
    """

    game: SequentialGame = field(repr=False)
    profile: Sequence[tuple[Any, ...]]
    payoffs: tuple[float, ...]
    exact_payoffs: tuple[Fraction, ...] | None = None
    component: int | None = None
    component_size: int = 1

    @property
    def is_exact(self) -> bool:
        """Whether the probabilities and payoffs are exact fractions."""
        return self.exact_payoffs is not None

    @property
    def is_pure(self) -> bool:
        """Whether every information set has one action played for sure."""
        return all(sum(1 for p in probs if p) == 1 for probs in self.profile)

    @property
    def behaviour(self) -> dict[str, dict[str, float]]:
        """``{information set label: {action: probability}}`` as floats."""
        return {
            h.label: {a: float(p) for a, p in zip(h.actions, probs, strict=True)}
            for h, probs in zip(self.game.infosets, self.profile, strict=True)
        }

    @property
    def exact_behaviour(self) -> dict[str, dict[str, Fraction]] | None:
        """The behaviour as fractions (``None`` unless exact)."""
        if not self.is_exact:
            return None
        return {
            h.label: dict(zip(h.actions, probs, strict=True))
            for h, probs in zip(self.game.infosets, self.profile, strict=True)
        }

    def choices(self) -> dict[str, str | dict[str, Any]]:
        """``{information set: action}``; a ``{action: probability}`` dict where mixed."""
        out: dict[str, str | dict[str, Any]] = {}
        for h, probs in zip(self.game.infosets, self.profile, strict=True):
            support = [a for a, p in zip(h.actions, probs, strict=True) if p]
            out[h.label] = (
                support[0]
                if len(support) == 1
                else {a: p for a, p in zip(h.actions, probs, strict=True) if p}
            )
        return out

    @property
    def path(self) -> tuple[str, ...]:
        """The actions on the equilibrium path, in order.

        The nodes reached with positive probability are visited depth first
        from the root and the action (or chance outcome) taken at each is
        listed: at a chance node, each outcome with positive probability is
        followed by its continuation before the next outcome; at a mixed
        move, each action played with positive probability likewise. For a
        pure equilibrium without chance moves this is the play of the game.
        """
        return tuple(a for a, _ in self.path_steps)

    @property
    def path_steps(self) -> tuple[tuple[str, bool], ...]:
        """:attr:`path` with each step marked: ``(action, True)`` for a chance outcome."""
        nodes = self.game.nodes
        out: list[tuple[str, bool]] = []
        stack: list[tuple[tuple[str, bool] | None, int]] = [(None, 0)]
        while stack:
            step, k = stack.pop()
            if step is not None:
                out.append(step)
            nd = nodes[k]
            if nd.kind == "terminal":
                continue
            chance = nd.kind == "chance"
            weights = nd.probs if chance else self.profile[nd.infoset]
            taken = [
                ((a, chance), c)
                for a, c, w in zip(nd.actions, nd.children, weights, strict=True)
                if w
            ]
            stack.extend(reversed(taken))
        return tuple(out)

    @property
    def outcomes(self) -> tuple[tuple[tuple[str, ...], Any], ...]:
        """The terminal nodes reached: ``(path of action labels, probability)``."""
        nodes = self.game.nodes
        exact = self.is_exact
        _, probs = self.game.numbers(exact=exact)
        reach: dict[int, Any] = {0: Fraction(1) if exact else 1.0}
        out = []
        for k, nd in enumerate(nodes):
            if k not in reach:
                continue
            if nd.kind == "terminal":
                out.append((nd.path, reach[k]))
                continue
            weights = probs[k] if nd.kind == "chance" else self.profile[nd.infoset]
            for w, c in zip(weights, nd.children, strict=True):
                if w:
                    reach[c] = reach[k] * w
        return tuple(out)

    def certify(self, tol: float = TOLERANCE) -> Certificate:
        """Re-check subgame perfection: a Nash equilibrium of every subgame.

        For perfect-information games the one-shot deviation principle is
        checked at every decision node; otherwise each player's best response
        in every subgame is computed by dynamic programming over the
        player's information sets. Exact when the game is rational.

        Returns
        -------
        Certificate
            ``regrets[i]`` is the largest gain player ``i`` could make by
            deviating in any subgame (0 at an SPE).
        """
        return certify_profile(self.game, dict(enumerate(self.profile)), self.is_exact, tol)

    def reduced_strategies(self) -> list[list[Any]]:
        """Each player's mixed strategy over the reduced strategic form's strategies.

        The probability of a reduced strategy is the product of the behaviour
        probabilities of its actions (Kuhn's theorem).
        """
        out = []
        for i in range(self.game.n_players):
            row = []
            for s in self.game.pure_strategies(i, reduced=True):
                p: Any = Fraction(1) if self.is_exact else 1.0
                for h, a in s.items():
                    if a is not None:
                        p = p * self.profile[h][a]
                row.append(p)
            out.append(row)
        return out

    def __repr__(self) -> str:
        parts = []
        for label, choice in self.choices().items():
            if isinstance(choice, str):
                parts.append(f"{label}: {choice}")
            else:
                parts.append(
                    f"{label}: ("
                    + ", ".join(f"{a} {format_number(p)}" for a, p in choice.items())
                    + ")"
                )
        pay = self.exact_payoffs if self.exact_payoffs is not None else self.payoffs
        extra = ""
        if self.component_size > 1:
            extra = f"; vertex of component {self.component} ({self.component_size} vertices)"
        return (
            f"SubgamePerfectEquilibrium({'; '.join(parts)}; payoffs "
            f"({', '.join(format_number(v) for v in pay)}){extra})"
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON form every tree equilibrium shares (:func:`.tree_json.tree_equilibrium_json`).

        ``behaviour``, ``beliefs`` (Bayes' rule on the path, ``None`` at
        information sets of several nodes off it), ``payoffs``, ``outcomes``,
        ``path`` and, for rational games, ``exact``; in mixed mode also the
        equilibrium's ``component`` and ``component_size``.
        """
        out = tree_equilibrium_json(self.game, dict(enumerate(self.profile)))
        if self.component is not None:
            out["component"] = self.component
            out["component_size"] = self.component_size
        return out


@dataclass(frozen=True, eq=False, repr=False)
class SPEResult(SolverResult[SubgamePerfectEquilibrium]):
    """The subgame-perfect equilibria of a game, with how they were computed.

    A :class:`~gametheory_alliances.equilibrium.SolverResult` (a read-only
    sequence) of :class:`SubgamePerfectEquilibrium`, with its own JSON
    (:func:`spe_to_json`) and HTML forms. Its attributes are those of
    ``SolverResult``; ``method`` is ``"backward induction (vectorised)"``,
    ``"backward induction"``, ``"backward induction with mixtures at ties"``
    or ``"subgame decomposition"``. With ``mixed=True``, ``pieces`` holds
    the pieces of the SPE set
    (:class:`~gametheory_alliances.solvers.spe_components.SPEPiece`): the
    equilibria listed are their vertices (and every pure SPE), and a piece
    that is not polyhedral is described by its condition.
    """

    game: SequentialGame = field(repr=False)
    pieces: tuple[SPEPiece, ...] = ()

    def __repr__(self) -> str:
        lines = [super().__repr__()]
        lines += [f"  piece {k + 1}: {piece!r}" for k, piece in enumerate(self.pieces)]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """Each equilibrium's path and payoffs as an HTML table."""
        esc = html.escape
        rows = "".join(
            f"<tr><td>{k + 1}</td><td>{esc(' → '.join(eq.path))}</td>"
            f"<td>{esc(', '.join(format_number(v) for v in (eq.exact_payoffs or eq.payoffs)))}</td></tr>"
            for k, eq in enumerate(self.equilibria)
        )
        return (
            f"<table><caption>{esc(self.method)}: {len(self)} subgame-perfect equilibria"
            f"</caption><tr><th>#</th><th>path</th><th>payoffs</th></tr>{rows}</table>"
        )

    def _repr_latex_(self) -> None:
        """No LaTeX form: Jupyter shows the HTML table."""
        return None

    def to_dict(self, concept: str = "spe") -> dict[str, Any]:
        """The ``gta solve --json`` object (see :func:`spe_to_json`)."""
        return spe_to_json(self, concept)


def spe_to_json(result: SPEResult, concept: str = "spe") -> dict[str, Any]:
    """The ``gta solve GAME.efg --concept spe --json`` object.

    Keys: ``players``, ``infosets`` (label, player, actions and nodes of
    each information set, :func:`.tree_json.tree_header`), ``concept``,
    ``method``, ``equilibria`` (each in the JSON shape of every tree
    equilibrium: ``behaviour``, ``beliefs``, ``payoffs``, ``outcomes``,
    ``path`` and, for rational games, ``exact``; see
    :mod:`~gametheory_alliances.solvers.tree_json`) and ``notes`` when there
    are any.
    """
    header = tree_header(result.game)
    return {
        "players": header["players"],
        "infosets": header["infosets"],
        "concept": concept,
        "method": result.method,
        "equilibria": [eq.to_dict() for eq in result.equilibria],
        **({"notes": list(result.notes)} if result.notes else {}),
        **({"pieces": [_piece_json(piece) for piece in result.pieces]} if result.pieces else {}),
    }


def _piece_json(piece: SPEPiece) -> dict[str, Any]:
    return {
        "component": piece.component,
        "polyhedral": piece.polyhedral,
        "vertices": list(piece.vertices),
        "points": list(piece.points),
        "condition": str(piece.condition),
        "variables": {name: list(where) for name, where in piece.variables.items()},
    }


# -- certification ---------------------------------------------------------------------


def certify_profile(
    game: SequentialGame, profile: Mapping[int, Sequence[Any]], exact: bool, tol: float
) -> Certificate:
    """Whether a behaviour profile ``{information set: probabilities}`` is subgame perfect."""
    exact = exact and game.is_exact
    pays, probs = game.numbers(exact=exact)
    nodes = game.nodes
    n = game.n_players
    zero: Any = Fraction(0) if exact else 0.0
    regrets: list[Any] = [zero] * n
    ok = True
    for h, info in enumerate(game.infosets):
        p = profile[h]
        if len(p) != len(info.actions) or any(x < 0 for x in p):
            ok = False
        elif (sum(p) != 1) if exact else abs(sum(p) - 1) > 1e-9:
            ok = False
    values = _evaluate(game, profile, pays, probs)
    scale = max([1.0] + [abs(float(v)) for pay in pays for v in pay])
    if game.is_perfect_information:
        for k, nd in enumerate(nodes):
            if nd.kind != "decision":
                continue
            i = nd.player
            best = max(values[c][i] for c in nd.children)
            regrets[i] = max(regrets[i], best - values[k][i])
    else:
        for r in game.subgame_roots:
            if nodes[r].kind == "terminal":
                continue
            for i in range(n):
                best = _best_response_value(game, profile, pays, probs, r, i, exact)
                regrets[i] = max(regrets[i], best - values[r][i])
    if exact:
        ok = ok and all(g <= 0 for g in regrets)
    else:
        ok = ok and all(g <= tol * scale for g in regrets)
    return Certificate(ok, exact, tuple(regrets))


def _best_response_value(
    game: SequentialGame,
    profile: Mapping[int, Sequence[Any]],
    pays: Sequence[Sequence[Any]],
    probs: Sequence[Sequence[Any]],
    root: int,
    player: int,
    exact: bool,
) -> Any:
    """Player's best-response payoff in the subgame at ``root`` against ``profile``."""
    nodes = game.nodes
    end = nodes[root].end
    sets = [h for h in game.player_infosets(player) if root <= game.infosets[h].nodes[0] < end]
    chosen: dict[int, tuple[Any, ...]] = {h: tuple(b) for h, b in profile.items()}
    # Reach probabilities from the root, counting chance and the other players only.
    reach: dict[int, Any] = {root: Fraction(1) if exact else 1.0}
    for k in range(root, end):
        nd = nodes[k]
        if k not in reach or nd.kind == "terminal":
            continue
        if nd.kind == "chance":
            weights = probs[k]
        elif nd.player == player:
            weights = tuple(1 for _ in nd.children)
        else:
            weights = tuple(profile[nd.infoset])
        for w, c in zip(weights, nd.children, strict=True):
            reach[c] = reach[k] * w
    for h in reversed(sets):
        info = game.infosets[h]
        best_a, best_v = 0, None
        for a in range(len(info.actions)):
            chosen[h] = _one_hot(a, len(info.actions), exact)
            total: Any = 0
            for x in info.nodes:
                w = reach.get(x, 0)
                if w:
                    c = nodes[x].children[a]
                    total = total + w * _evaluate(game, chosen, pays, probs, c)[c][player]
            if best_v is None or total > best_v:
                best_a, best_v = a, total
        chosen[h] = _one_hot(best_a, len(info.actions), exact)
    return _evaluate(game, chosen, pays, probs, root)[root][player]


# -- enumeration of every SPE --------------------------------------------------------------


class _Enumerator:
    """Every SPE by backward induction over the subgames (exact where rational)."""

    def __init__(self, game: SequentialGame, max_equilibria: int, tol: float) -> None:
        self.game = game
        self.exact = game.is_exact
        self.pays, self.probs = game.numbers(exact=self.exact)
        self.limit = max_equilibria
        self.tol = tol
        self.roots = set(game.subgame_roots)
        self.notes: set[str] = set()

    def _check(self, count: int, where: str) -> None:
        if count > self.limit:
            raise TooLargeError(
                f"{where}: more than max_equilibria = {self.limit} subgame-perfect equilibria "
                f"({count} at least); raise max_equilibria to enumerate them"
            )

    def frontier(self, r: int) -> list[int]:
        """The subgame roots strictly below ``r`` with no subgame root in between."""
        nodes = self.game.nodes
        out = []
        stack = list(reversed(nodes[r].children))
        while stack:
            k = stack.pop()
            if k in self.roots:
                out.append(k)
            else:
                stack.extend(reversed(nodes[k].children))
        return out

    def solve(self) -> list[tuple[Profile, tuple[Any, ...]]]:
        game = self.game
        nodes = game.nodes
        sols: dict[int, list[tuple[Profile, tuple[Any, ...]]]] = {}
        for r in sorted(self.roots, reverse=True):
            nd = nodes[r]
            where = "the whole game" if r == 0 else f"the subgame at {' > '.join(nd.path)}"
            if nd.kind == "terminal":
                sols[r] = [({}, tuple(self.pays[r]))]
                continue
            front = self.frontier(r)
            count = math.prod(len(sols[f]) for f in front)
            self._check(count, where)
            simple = front == list(nd.children)
            out: list[tuple[Profile, tuple[Any, ...]]] = []
            if simple and nd.kind == "chance":
                for combo in itertools.product(*(sols[c] for c in nd.children)):
                    value = [0 * v for v in combo[0][1]]
                    profile: Profile = {}
                    for p, (prof, v) in zip(self.probs[r], combo, strict=True):
                        profile.update(prof)
                        value = [a + p * b for a, b in zip(value, v, strict=True)]
                    out.append((profile, tuple(value)))
            elif simple and len(game.infosets[nd.infoset].nodes) == 1:
                i = nd.player
                n_act = len(nd.actions)
                for combo in itertools.product(*(sols[c] for c in nd.children)):
                    best = max(v[i] for _, v in combo)
                    slack = _tol(best, self.tol)
                    merged: Profile = {}
                    for prof, _ in combo:
                        merged.update(prof)
                    for a, (_, v) in enumerate(combo):
                        if v[i] >= best - slack:
                            profile = dict(merged)
                            profile[nd.infoset] = _one_hot(a, n_act, self.exact)
                            out.append((profile, v))
                    self._check(len(out), where)
            else:
                for combo in itertools.product(*(sols[f] for f in front)):
                    for prof, sub_value in self.truncated(r, front, [v for _, v in combo], where):
                        profile = {}
                        for p, _ in combo:
                            profile.update(p)
                        profile.update(prof)
                        out.append((profile, sub_value))
                    self._check(len(out), where)
            sols[r] = out
            for f in front:
                del sols[f]
        return sols[0]

    def truncated(
        self, r: int, front: list[int], values: list[tuple[Any, ...]], where: str
    ) -> list[tuple[Profile, tuple[Any, ...]]]:
        """Every equilibrium of the subgame at ``r`` with the subgames below replaced by values."""
        game = self.game
        nodes = game.nodes
        replaced = dict(zip(front, values, strict=True))

        def build(k: int) -> Any:
            if k in replaced:
                return Terminal(list(replaced[k]))
            nd = nodes[k]
            if nd.kind == "terminal":
                return Terminal(list(self.pays[k]))
            subs = [build(c) for c in nd.children]
            if nd.kind == "chance":
                return Chance(
                    {a: (p, s) for a, p, s in zip(nd.actions, self.probs[k], subs, strict=True)}
                )
            return Decision(nd.player, dict(zip(nd.actions, subs, strict=True)), ("h", nd.infoset))

        sub = SequentialGame(build(r), players=game.players)
        back = {k: h.key[1] for k, h in enumerate(sub.infosets)}  # type: ignore[index]
        nf = sub.to_normal_form(reduced=True)
        movers = [i for i in range(game.n_players) if sub.player_infosets(i)]
        mixed_profiles: list[list[list[Any]]] = []
        arrays = nf.payoff_arrays(exact=self.exact)
        if len(movers) == 1:
            i = movers[0]
            u = np.asarray(arrays[i]).reshape(-1)
            best = max(u)
            slack = _tol(best, self.tol)
            for s, v in enumerate(u):
                if v >= best - slack:
                    prof = [[1] for _ in range(game.n_players)]
                    prof[i] = [1 if j == s else 0 for j in range(len(u))]
                    mixed_profiles.append(prof)
        else:
            from .pure import pure_equilibria
            from .vertex_enumeration import nash_equilibria

            if len(movers) == 2:
                keep = tuple(movers)
                squeeze = tuple(j for j in range(game.n_players) if j not in keep)
                restricted = NormalFormGame(
                    [np.squeeze(arrays[j], axis=squeeze) for j in keep],
                    players=[game.players[j] for j in keep],
                    strategies=[nf.strategies[j] for j in keep],
                )
                result = nash_equilibria(restricted)
                for eq in result:
                    found: Sequence[Sequence[Any]] = (
                        eq.exact_strategies if eq.exact_strategies else eq.strategies
                    )
                    prof = [[1] for _ in range(game.n_players)]
                    for j, strategy in zip(keep, found, strict=True):
                        prof[j] = list(strategy)
                    mixed_profiles.append(prof)
                if any(eq.component_size > 1 for eq in result):
                    self.notes.add(
                        "a subgame has equilibrium components that are not single points; "
                        "their extreme points are composed"
                    )
            else:
                self.notes.add(
                    "subgames with three or more movers and no proper subgames are solved "
                    "for pure equilibria only"
                )
                for eq in pure_equilibria(nf):
                    src = eq.exact_strategies if eq.exact_strategies else eq.strategies
                    mixed_profiles.append([list(s) for s in src])
        # Each equilibrium of the strategic form gives at least one SPE: refuse before
        # composing them when there are too many (a game with many ties has millions).
        self._check(len(mixed_profiles), where)
        out: list[tuple[Profile, tuple[Any, ...]]] = []
        # Distinct equilibria of the strategic form can be realization equivalent
        # (1/2 xy + 1/2 x'y' and 1/2 xy' + 1/2 x'y): one behaviour profile, listed once.
        seen: set[tuple[tuple[int, tuple[Any, ...]], ...]] = set()
        sub_pays, sub_probs = sub.numbers(exact=self.exact)
        for mixed in mixed_profiles:
            if self.exact:
                mixed = [[Fraction(p) for p in s] for s in mixed]
            else:
                mixed = [[float(p) for p in s] for s in mixed]
            behaviour = sub.behaviour_from_mixed(mixed)
            free = [h for h, b in behaviour.items() if b is None]
            if free:
                self.notes.add(
                    "at an information set that its player's own equilibrium strategy never "
                    "reaches and that starts no subgame, every action is consistent with "
                    "subgame perfection; each pure choice there is listed"
                )
            for picks in itertools.product(*(range(len(sub.infosets[h].actions)) for h in free)):
                local: Profile = {h: b for h, b in behaviour.items() if b is not None}
                for h, a in zip(free, picks, strict=True):
                    local[h] = _one_hot(a, len(sub.infosets[h].actions), self.exact)
                key = tuple(sorted(local.items()))
                if key in seen:
                    continue
                seen.add(key)
                value = _evaluate(sub, local, sub_pays, sub_probs)[0]
                out.append(({back[h]: b for h, b in local.items()}, value))
                self._check(len(out), where)
        return out


def _make(
    game: SequentialGame, profile: Mapping[int, tuple[Any, ...]], exact: bool
) -> SubgamePerfectEquilibrium:
    ordered = tuple(tuple(profile[h]) for h in range(len(game.infosets)))
    pays, probs = game.numbers(exact=exact)
    value = _evaluate(game, dict(enumerate(ordered)), pays, probs)[0]
    floats = tuple(float(v) for v in value)
    return SubgamePerfectEquilibrium(
        game, ordered, floats, tuple(Fraction(v) for v in value) if exact else None
    )


class PureProfile(Sequence[tuple[Any, ...]]):
    """A pure behaviour profile held as arrays: each information set's one-hot row on access.

    It compares and hashes as the tuple of its rows (the profile of a
    :class:`SubgamePerfectEquilibrium`), without building a row for every
    information set of a large tree up front.

    Examples
    --------
    >>> import numpy as np
    >>> profile = PureProfile(np.array([1, 0]), np.array([2, 3]), exact=False)
    >>> profile[0], len(profile), profile == ((0.0, 1.0), (1.0, 0.0, 0.0))
    ((0.0, 1.0), 2, True)
    """

    def __init__(self, choice: npt.NDArray[np.int64], sizes: npt.NDArray[np.int64], exact: bool):
        self._choice = choice
        self._sizes = sizes
        self._exact = exact

    def __len__(self) -> int:
        return len(self._choice)

    @overload
    def __getitem__(self, h: int) -> tuple[Any, ...]: ...

    @overload
    def __getitem__(self, h: slice) -> tuple[tuple[Any, ...], ...]: ...

    def __getitem__(self, h: int | slice) -> Any:
        if isinstance(h, slice):
            return tuple(self[i] for i in range(len(self))[h])
        return _one_hot(int(self._choice[h]), int(self._sizes[h]), self._exact)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PureProfile):
            return (
                self._exact == other._exact
                and np.array_equal(self._choice, other._choice)
                and np.array_equal(self._sizes, other._sizes)
            )
        if isinstance(other, tuple | list):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


def _from_arrays(
    game: SequentialGame,
    levels: Sequence[npt.NDArray[np.int64]],
    res: array_backward_induction.ArrayBackwardInduction,
) -> SubgamePerfectEquilibrium:
    """The unique SPE the vectorised pass found on a game held as arrays.

    The profile stays arrays (:class:`PureProfile`); the exact payoffs add up
    the terminal nodes play reaches, as fractions.
    """
    table = game.arrays
    assert table is not None
    found = table.cache.get("spe_layout")
    if found is None:
        # Where each information set's node sits in the levels laid end to end, and where
        # the children of each node start in the level below: the same for every call.
        position = np.empty(len(table), dtype=np.int64)
        position[np.concatenate(levels)] = np.arange(len(table))
        decisions = table.decision_nodes
        found = (
            position[decisions],
            table.n_children[decisions],
            [np.cumsum(k) - k for k in res.tree.n_children],
        )
        table.cache["spe_layout"] = found
    order, sizes, starts = found
    profile = PureProfile(np.concatenate(res.actions)[order], sizes, True)
    # Walk what play reaches, level by level: at level d, the children of the node at
    # position q start at position starts[d][q] of level d + 1.
    kind = table.kind
    total = [Fraction(0)] * game.n_players
    stack: list[tuple[int, int, Fraction]] = [(0, 0, Fraction(1))]
    while stack:
        d, q, weight = stack.pop()
        k = int(levels[d][q])
        if kind[k] == TERMINAL:
            pay = table.exact_payoffs(int(table.terminal_row[k]))
            total = [t + weight * v for t, v in zip(total, pay, strict=True)]
        elif kind[k] == DECISION:
            stack.append((d + 1, int(starts[d][q]) + int(res.actions[d][q]), weight))
        else:
            first = int(starts[d][q])
            for j, p in enumerate(table.probs[k]):
                if p:
                    stack.append((d + 1, first + j, weight * p))
    exact_payoffs = tuple(total)
    return SubgamePerfectEquilibrium(
        game, profile, tuple(float(v) for v in exact_payoffs), exact_payoffs
    )


def subgame_perfect_equilibria(
    game: SequentialGame,
    *,
    max_equilibria: int = MAX_EQUILIBRIA,
    method: str = "auto",
    tol: float = 1e-9,
    mixed: bool = False,
) -> SPEResult:
    """Every subgame-perfect equilibrium of a numeric sequential game.

    Perfect information: every pure SPE, ties included. Imperfect
    information: every combination of the equilibria of the subgames (the
    minimal subgames solved through their reduced strategic form: every
    extreme Nash equilibrium when two players move in them, pure equilibria
    when three or more do; the result's notes say so).

    With ``mixed=True`` (trees of perfect information, rational payoffs) the
    whole SPE set in behaviour strategies is computed, mixtures at ties
    included, as Gambit reports Nash components: the equilibria listed are
    the extreme points of the convex pieces of the set (every pure SPE among
    them), each with its component, and ``result.pieces`` describes every
    piece by its condition on the mixing probabilities; a piece where ties
    chain (products of mixing probabilities) is not polyhedral and is given
    by its condition only. Without ties the answer is the same as with
    ``mixed=False``.

    Parameters
    ----------
    game
        A numeric :class:`~gametheory_alliances.SequentialGame` (bind
        parameters with ``game.at(...)`` first).
    max_equilibria
        Bound on the number of equilibria (of the game or of any subgame);
        beyond it :class:`~gametheory_alliances.TooLargeError` is raised
        before the work explodes.
    method
        ``"auto"`` (default): perfect-information games take the vectorised
        pass first and fall back to the exact enumeration when a mover is
        indifferent somewhere; ``"enumerate"``: the enumeration only.
    tol
        Tolerance of ties when payoffs are irrational (floating point);
        rational games are compared exactly.
    mixed
        Whether to list the mixtures at ties too (default ``False``: the
        pure SPE of perfect-information trees, as the sweeps and outcome
        predicates expect). With ``True``, ``max_equilibria`` bounds the
        number of pieces of the SPE set.

    Returns
    -------
    SPEResult
        The equilibria in deterministic order (depth first over the tree,
        earlier actions first; with ``mixed=True``, larger probabilities of
        earlier actions first).

    Raises
    ------
    SolverError
        If the game is symbolic.
    GameError
        With ``mixed=True``, if the tree has imperfect information or
        irrational payoffs.
    TooLargeError
        If there are more than ``max_equilibria`` equilibria.

    Examples
    --------
    >>> from gametheory_alliances.sequential import SequentialGame, Decision, Terminal
    >>> entry = SequentialGame(
    ...     Decision("Entrant", {
    ...         "Stay out": Terminal([1, 2]),
    ...         "Enter": Decision("Incumbent", {"Fight": Terminal([0, 1]),
    ...                                         "Acquiesce": Terminal([2, 1])}),
    ...     }),
    ... )
    >>> len(subgame_perfect_equilibria(entry))
    2
    >>> result = subgame_perfect_equilibria(entry, mixed=True)
    >>> [eq.choices()["Incumbent after Enter"] for eq in result]
    ['Fight', {'Fight': Fraction(1, 2), 'Acquiesce': Fraction(1, 2)}, \
{'Fight': Fraction(1, 2), 'Acquiesce': Fraction(1, 2)}, 'Acquiesce']
    >>> sorted(result.components), all(eq.certify() for eq in result)
    ([1], True)
    """
    if not isinstance(game, SequentialGame):
        raise SolverError(
            f"subgame_perfect_equilibria: expected a SequentialGame, found {type(game).__name__}"
        )
    if method not in ("auto", "enumerate"):
        raise GameError(f"method: expected 'auto' or 'enumerate', found {method!r}")
    game.require_numeric()
    exact = game.is_exact
    options: dict[str, Any] = {"max_equilibria": max_equilibria, "method": method, "tol": tol}
    if mixed:
        from .spe_components import require_mixed_game

        options["mixed"] = True
        require_mixed_game(game)
    if method == "auto" and game.arrays is not None and game.is_perfect_information:
        # Held as arrays: the vectorised pass on them, the result built on demand.
        table_tree, table_levels = array_backward_induction.ArrayTree.from_table(game.arrays)
        res = array_backward_induction.backward_induction(table_tree, tol=tol)
        if res.unique:
            return SPEResult(
                game,
                "backward induction (vectorised)",
                (_from_arrays(game, table_levels, res),),
                exact,
                options,
            )
    if method == "auto" and game.is_perfect_information:
        tree, levels = array_backward_induction.ArrayTree.from_game(game)
        res = array_backward_induction.backward_induction(tree, tol=tol)
        if res.unique:
            nodes = game.nodes
            profile: Profile = {}
            for d, lv in enumerate(levels):
                for pos, k in enumerate(lv):
                    a = int(res.actions[d][pos])
                    if a >= 0:
                        nd = nodes[k]
                        profile[nd.infoset] = _one_hot(a, len(nd.actions), exact)
            return SPEResult(
                game,
                "backward induction (vectorised)",
                (_make(game, profile, exact),),
                exact,
                options,
            )
    if mixed:
        return _mixed_result(game, max_equilibria, options)
    enumerator = _Enumerator(game, max_equilibria, tol)
    solutions = enumerator.solve()
    method_name = "backward induction" if game.is_perfect_information else "subgame decomposition"
    equilibria = tuple(_make(game, prof, exact) for prof, _ in solutions)
    return SPEResult(game, method_name, equilibria, exact, options, tuple(sorted(enumerator.notes)))


def _mixed_result(game: SequentialGame, max_equilibria: int, options: dict[str, Any]) -> SPEResult:
    from .spe_components import spe_set  # sympy: loaded only for the whole SPE set

    found = spe_set(game, max_equilibria)
    sizes = {c: found.components.count(c) for c in found.components}
    equilibria = tuple(
        dataclasses.replace(
            _make(game, dict(enumerate(point)), True), component=c, component_size=sizes[c]
        )
        for point, c in zip(found.points, found.components, strict=True)
    )
    notes = [
        "the SPE set with mixtures at ties: the equilibria listed are the extreme points of "
        "its convex pieces (every pure SPE among them); result.pieces gives each piece's "
        "condition on the mixing probabilities; the set is connected (one component)"
    ]
    if not all(piece.polyhedral for piece in found.pieces):
        notes.append(
            "where ties chain, a piece has products of mixing probabilities and is not "
            "polyhedral: only its condition describes it (no points are invented)"
        )
    return SPEResult(
        game,
        "backward induction with mixtures at ties",
        equilibria,
        True,
        options,
        tuple(notes),
        pieces=found.pieces,
    )


# -- names that moved to their own modules ----------------------------------------------------

_MOVED_TO_ARRAYS = ("ArrayBackwardInduction", "ArrayTree", "backward_induction")
_MOVED_TO_CREDIBILITY = ("CredibilityReport", "NashCheck", "credibility_report")


def __getattr__(name: str) -> Any:
    """A name that moved out of this module, with a DeprecationWarning (kept for one release)."""
    if name in _MOVED_TO_ARRAYS:
        return moved(__name__, name, array_backward_induction)
    if name in _MOVED_TO_CREDIBILITY:
        from . import credibility

        return moved(__name__, name, credibility)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
