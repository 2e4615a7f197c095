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

Large perfect-information trees go through :func:`backward_induction`, a
vectorised pass over an :class:`ArrayTree` stored level by level. It computes
the values and a tie mask; when no mover is indifferent anywhere the SPE is
unique and is returned directly, otherwise the exact enumeration takes over,
so ties never hide equilibria.

:func:`credibility_report` sets the Nash equilibria of the reduced strategic
form beside the SPE and marks which Nash equilibria are subgame perfect: a
Nash equilibrium that is not rests on a threat that is not credible.

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

import html
import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from ..equilibrium import TOLERANCE, Certificate, Equilibrium
from ..errors import GameError, ShapeError, SolverError, TooLargeError
from ..normal_form import NormalFormGame
from ..sequential import Chance, Decision, SequentialGame, Terminal

__all__ = [
    "ArrayBackwardInduction",
    "ArrayTree",
    "CredibilityReport",
    "NashCheck",
    "SPEResult",
    "SubgamePerfectEquilibrium",
    "backward_induction",
    "credibility_report",
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
    """

    game: SequentialGame = field(repr=False)
    profile: tuple[tuple[Any, ...], ...]
    payoffs: tuple[float, ...]
    exact_payoffs: tuple[Fraction, ...] | None = None

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
        nodes = self.game.nodes
        out: list[str] = []
        stack: list[tuple[str | None, int]] = [(None, 0)]
        while stack:
            label, k = stack.pop()
            if label is not None:
                out.append(label)
            nd = nodes[k]
            if nd.kind == "terminal":
                continue
            weights = nd.probs if nd.kind == "chance" else self.profile[nd.infoset]
            taken = [(a, c) for a, c, w in zip(nd.actions, nd.children, weights, strict=True) if w]
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
        return _certify(self.game, dict(enumerate(self.profile)), self.is_exact, tol)

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
                    f"{label}: (" + ", ".join(f"{a} {_fmt(p)}" for a, p in choice.items()) + ")"
                )
        pay = self.exact_payoffs if self.exact_payoffs is not None else self.payoffs
        return (
            f"SubgamePerfectEquilibrium({'; '.join(parts)}; payoffs "
            f"({', '.join(_fmt(v) for v in pay)}))"
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the public interface: ``behaviour``, ``path``, ``payoffs``, ``exact``."""
        out: dict[str, Any] = {
            "behaviour": self.behaviour,
            "path": list(self.path),
            "payoffs": list(self.payoffs),
        }
        exact_behaviour = self.exact_behaviour
        if exact_behaviour is not None and self.exact_payoffs is not None:
            out["exact"] = {
                "behaviour": {
                    h: {a: str(p) for a, p in probs.items()} for h, probs in exact_behaviour.items()
                },
                "payoffs": [str(v) for v in self.exact_payoffs],
            }
        return out


def _fmt(x: Any) -> str:
    if isinstance(x, Fraction):
        return str(x)
    return f"{float(x):.6g}"


@dataclass(frozen=True, eq=False)
class SPEResult(Sequence[SubgamePerfectEquilibrium]):
    """The subgame-perfect equilibria of a game, with how they were computed.

    A read-only sequence of :class:`SubgamePerfectEquilibrium`.

    Attributes
    ----------
    game
        The game solved.
    method
        ``"backward induction (vectorised)"``, ``"backward induction"`` or
        ``"subgame decomposition"``.
    equilibria
        The equilibria in deterministic order.
    exact
        Whether the computation was exact.
    options
        The options used.
    notes
        What a reader needs to know (e.g. pure equilibria only in a subgame).
    """

    game: SequentialGame = field(repr=False)
    method: str
    equilibria: tuple[SubgamePerfectEquilibrium, ...]
    exact: bool = False
    options: dict[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @overload
    def __getitem__(self, index: int) -> SubgamePerfectEquilibrium: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[SubgamePerfectEquilibrium]: ...

    def __getitem__(
        self, index: int | slice
    ) -> SubgamePerfectEquilibrium | Sequence[SubgamePerfectEquilibrium]:
        return self.equilibria[index]

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self) -> Iterator[SubgamePerfectEquilibrium]:
        return iter(self.equilibria)

    def __repr__(self) -> str:
        lines = [f"SPEResult(method={self.method!r}, exact={self.exact}, {len(self)} equilibria)"]
        lines += [f"  {eq!r}" for eq in self.equilibria]
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        esc = html.escape
        rows = "".join(
            f"<tr><td>{k + 1}</td><td>{esc(' → '.join(eq.path))}</td>"
            f"<td>{esc(', '.join(_fmt(v) for v in (eq.exact_payoffs or eq.payoffs)))}</td></tr>"
            for k, eq in enumerate(self.equilibria)
        )
        return (
            f"<table><caption>{esc(self.method)}: {len(self)} subgame-perfect equilibria"
            f"</caption><tr><th>#</th><th>path</th><th>payoffs</th></tr>{rows}</table>"
        )

    def to_dict(self, concept: str = "spe") -> dict[str, Any]:
        """The ``gta solve --json`` object (see :func:`spe_to_json`)."""
        return spe_to_json(self, concept)


def spe_to_json(result: SPEResult, concept: str = "spe") -> dict[str, Any]:
    """The ``gta solve GAME.efg --concept spe --json`` object.

    Keys: ``players``, ``infosets`` (label, player, actions of each
    information set), ``concept``, ``method``, ``equilibria`` (each with
    ``behaviour``, ``path``, ``payoffs`` and, for rational games, ``exact``)
    and ``notes`` when there are any.
    """
    game = result.game
    return {
        "players": list(game.players),
        "infosets": [
            {"label": h.label, "player": game.players[h.player], "actions": list(h.actions)}
            for h in game.infosets
        ],
        "concept": concept,
        "method": result.method,
        "equilibria": [eq.to_dict() for eq in result.equilibria],
        **({"notes": list(result.notes)} if result.notes else {}),
    }


# -- certification ---------------------------------------------------------------------


def _certify(
    game: SequentialGame, profile: Mapping[int, Sequence[Any]], exact: bool, tol: float
) -> Certificate:
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


# -- the vectorised pass ------------------------------------------------------------------


@dataclass(frozen=True)
class ArrayTree:
    """A perfect-information game tree stored level by level as arrays.

    Level ``d`` holds its nodes in order; the children of the internal nodes
    of level ``d`` are consecutive in level ``d + 1``, in the order of their
    parents (complete and ragged trees alike).

    Attributes
    ----------
    players
        One int array per level: the mover's index, ``-1`` for chance, ``-2``
        for a leaf.
    n_children
        One int array per level: the number of children (0 for leaves).
    leaf
        One int array per level: the row of ``payoffs`` of each leaf (-1 for
        internal nodes).
    probs
        One float array per level: the probability of the edge from a chance
        parent to each node (ignored below decision nodes; the root's entry
        is unused).
    payoffs
        Shape ``(n_leaves, n_players)``.

    Examples
    --------
    >>> import numpy as np
    >>> tree = ArrayTree.complete(depth=2, branching=2, payoffs=np.array(
    ...     [[3, 1], [0, 0], [1, 2], [2, 3]], dtype=float))
    >>> res = backward_induction(tree)
    >>> res.values, res.unique, res.path
    (array([3., 1.]), True, (0, 0))
    """

    players: tuple[npt.NDArray[np.int64], ...]
    n_children: tuple[npt.NDArray[np.int64], ...]
    leaf: tuple[npt.NDArray[np.int64], ...]
    probs: tuple[npt.NDArray[np.float64], ...]
    payoffs: npt.NDArray[np.float64]

    def __post_init__(self) -> None:
        depth = len(self.players)
        if not depth or any(len(x) != depth for x in (self.n_children, self.leaf, self.probs)):
            raise ShapeError(
                "ArrayTree: players, n_children, leaf and probs need one array per level"
            )
        pay = np.asarray(self.payoffs, dtype=np.float64)
        if pay.ndim != 2 or not np.isfinite(pay).all():
            raise ShapeError(
                f"ArrayTree: payoffs must be a finite array (n_leaves, n_players), found shape "
                f"{pay.shape}"
            )
        if len(self.players[0]) != 1:
            raise ShapeError(
                f"ArrayTree: level 0 must hold the root alone, found {len(self.players[0])}"
            )
        for d in range(depth):
            n = len(self.players[d])
            if any(len(x[d]) != n for x in (self.n_children, self.leaf, self.probs)):
                raise ShapeError(f"ArrayTree: the arrays of level {d} have different lengths")
            internal = self.n_children[d] > 0
            if (self.players[d][internal] < -1).any() or (
                self.players[d][internal] >= pay.shape[1]
            ).any():
                raise ShapeError(f"ArrayTree: level {d} has a mover outside 0..{pay.shape[1] - 1}")
            if (self.leaf[d][~internal] < 0).any() or (self.leaf[d][~internal] >= len(pay)).any():
                raise ShapeError(f"ArrayTree: level {d} has a leaf without a payoff row")
            below = int(self.n_children[d].sum())
            expected = len(self.players[d + 1]) if d + 1 < depth else 0
            if below != expected:
                raise ShapeError(
                    f"ArrayTree: level {d} has {below} children but level {d + 1} holds {expected} nodes"
                )
        # Per-player payoff rows (contiguous) and the shape of each level, for the solver.
        object.__setattr__(self, "_columns", np.ascontiguousarray(pay.T))
        object.__setattr__(self, "_scale", max(1.0, float(np.abs(pay).max(initial=0.0))))
        shapes = []
        for d in range(depth):
            kids, movers = self.n_children[d], self.players[d]
            if (
                len(kids) == len(pay)
                and not kids.any()
                and np.array_equal(self.leaf[d], np.arange(len(pay)))
            ):
                shapes.append((0, -2))  # every leaf, in payoff order
            elif len(kids) and kids[0] > 0 and (kids == kids[0]).all() and (movers >= 0).all():
                constant = int(movers[0]) if (movers == movers[0]).all() else -1
                shapes.append((int(kids[0]), constant))
            else:
                shapes.append((0, -1))
        object.__setattr__(self, "_shapes", tuple(shapes))

    @property
    def n_players(self) -> int:
        """The number of players."""
        return int(self.payoffs.shape[1])

    @property
    def depth(self) -> int:
        """The number of levels."""
        return len(self.players)

    @classmethod
    def complete(
        cls,
        depth: int,
        branching: int,
        payoffs: npt.ArrayLike,
        players: Sequence[int] | None = None,
    ) -> ArrayTree:
        """A complete tree: ``depth`` moves of ``branching`` actions each.

        ``payoffs`` has shape ``(branching ** depth, n_players)``, leaves in
        lexicographic order of their action sequences; ``players[d]`` moves
        at level ``d`` (default: the players in turn).
        """
        pay = np.asarray(payoffs, dtype=np.float64)
        if pay.ndim != 2 or pay.shape[0] != branching**depth:
            raise ShapeError(
                f"payoffs: expected shape ({branching**depth}, n_players), found {pay.shape}"
            )
        movers = list(players) if players is not None else [d % pay.shape[1] for d in range(depth)]
        levels_p, levels_c, levels_l, levels_q = [], [], [], []
        for d in range(depth + 1):
            size = branching**d
            if d < depth:
                levels_p.append(np.full(size, movers[d], dtype=np.int64))
                levels_c.append(np.full(size, branching, dtype=np.int64))
                levels_l.append(np.full(size, -1, dtype=np.int64))
            else:
                levels_p.append(np.full(size, -2, dtype=np.int64))
                levels_c.append(np.zeros(size, dtype=np.int64))
                levels_l.append(np.arange(size, dtype=np.int64))
            levels_q.append(np.zeros(size))
        return cls(tuple(levels_p), tuple(levels_c), tuple(levels_l), tuple(levels_q), pay)

    @classmethod
    def from_game(cls, game: SequentialGame) -> tuple[ArrayTree, list[list[int]]]:
        """The tree of a numeric perfect-information game, and each level's node indices."""
        if not game.is_perfect_information:
            raise SolverError("ArrayTree needs a game with perfect information")
        pays, probs = game.numbers(exact=False)
        nodes = game.nodes
        levels = [[0]]
        while True:
            nxt = [c for k in levels[-1] for c in nodes[k].children]
            if not nxt:
                break
            levels.append(nxt)
        leaves = [k for k, nd in enumerate(nodes) if nd.kind == "terminal"]
        leaf_row = {k: r for r, k in enumerate(leaves)}
        prob_of: dict[int, float] = {0: 0.0}
        for k, nd in enumerate(nodes):
            if nd.kind == "chance":
                for p, c in zip(probs[k], nd.children, strict=True):
                    prob_of[c] = float(p)
        kind_code = {"chance": -1, "terminal": -2}
        tree = cls(
            tuple(
                np.array(
                    [kind_code.get(nodes[k].kind, nodes[k].player) for k in lv], dtype=np.int64
                )
                for lv in levels
            ),
            tuple(np.array([len(nodes[k].children) for k in lv], dtype=np.int64) for lv in levels),
            tuple(np.array([leaf_row.get(k, -1) for k in lv], dtype=np.int64) for lv in levels),
            tuple(np.array([prob_of.get(k, 0.0) for k in lv]) for lv in levels),
            np.array([pays[k] for k in leaves], dtype=np.float64).reshape(
                len(leaves), game.n_players
            ),
        )
        return tree, levels


@dataclass(frozen=True)
class ArrayBackwardInduction:
    """The outcome of :func:`backward_induction` on an :class:`ArrayTree`.

    Attributes
    ----------
    tree
        The tree solved.
    values
        The players' payoffs at the root (floats).
    actions
        One integer array per level: for each decision node the index of a
        best action (where ``ties`` is set, one of several); -1 for leaves
        and chance nodes.
    ties
        One bool array per level: decision nodes where the mover has several
        best actions (values within the tolerance).
    """

    tree: ArrayTree = field(repr=False)
    values: npt.NDArray[np.float64]
    actions: tuple[npt.NDArray[np.integer[Any]], ...]
    ties: tuple[npt.NDArray[np.bool_], ...]

    @property
    def unique(self) -> bool:
        """Whether no mover is indifferent anywhere (then the SPE is unique)."""
        return not any(t.any() for t in self.ties)

    @property
    def path(self) -> tuple[int, ...]:
        """The actions (indices) on the equilibrium path from the root.

        Stops at the first leaf or chance node.
        """
        out: list[int] = []
        k = 0
        for d, acts in enumerate(self.actions):
            a = int(acts[k])
            if a < 0:
                break
            out.append(a)
            kids = self.tree.n_children[d]
            k = int(kids[:k].sum()) + a
        return tuple(out)


def backward_induction(tree: ArrayTree, tol: float = 1e-9) -> ArrayBackwardInduction:
    """Vectorised backward induction over an :class:`ArrayTree`, level by level.

    Each level is one batch of numpy operations (strided passes over the
    children where every node of the level moves with the same number of
    actions, segment maxima with ``reduceat`` otherwise), so the Python work
    is proportional to the depth, not the number of nodes. While the levels
    below hold no chance moves, each node is represented by the index of the
    leaf that play reaches from it, which saves copying payoff rows.

    Parameters
    ----------
    tree
        The tree.
    tol
        Two continuation values count as tied when they differ by at most
        ``tol`` times the payoff scale (the largest absolute payoff, at least 1).

    Returns
    -------
    ArrayBackwardInduction
        Root values, a best action at each decision node, and tie masks.
    """
    n_players = tree.n_players
    depth = tree.depth
    columns: npt.NDArray[np.float64] = tree._columns  # type: ignore[attr-defined]
    atol = tol * tree._scale  # type: ignore[attr-defined]
    # Either `leaf_of` (node -> leaf row; None: the identity) or `values` (n_players, n).
    leaf_of: npt.NDArray[np.int64] | None = None
    by_leaf = False
    values: npt.NDArray[np.float64] = np.empty((n_players, 0))
    actions: list[npt.NDArray[np.integer[Any]]] = [np.empty(0, dtype=np.int64)] * depth
    ties: list[npt.NDArray[np.bool_]] = [np.empty(0, dtype=bool)] * depth
    for d in range(depth - 1, -1, -1):
        player = tree.players[d]
        n = len(player)
        b, constant = tree._shapes[d]  # type: ignore[attr-defined]
        if constant == -2:
            actions[d] = np.full(n, -1, dtype=np.int64)
            ties[d] = np.zeros(n, dtype=bool)
            by_leaf, leaf_of = True, None
            continue
        if b:
            # Every node moves with b actions: entries j::b of the level below are the
            # j-th children, so a few strided passes find a best child of every node.
            source = columns if by_leaf else values
            if constant >= 0:
                u = source[constant]
                if by_leaf and leaf_of is not None:
                    u = u[leaf_of]
            else:
                where = leaf_of if (by_leaf and leaf_of is not None) else np.arange(n * b)
                u = source[np.repeat(player, b), where]
            if b == 2:
                diff = u[1::2] - u[0::2]
                second = diff > 0
                np.abs(diff, out=diff)
                tie = diff <= atol
                chosen: npt.NDArray[np.integer[Any]] = second.view(np.int8)
                if by_leaf:
                    base = np.arange(0, 2 * n, 2) if leaf_of is None else leaf_of[0::2]
                    other = base + 1 if leaf_of is None else leaf_of[1::2]
                    leaf_of = np.where(second, other, base)
                else:
                    values = np.where(second, values[:, 1::2], values[:, 0::2])
            else:
                best = u[0::b].copy()
                choice = np.zeros(n, dtype=np.int64)
                for j in range(1, b):
                    col = u[j::b]
                    choice = np.where(col > best, j, choice)
                    np.maximum(best, col, out=best)
                best -= atol
                near = np.zeros(n, dtype=np.int64)
                for j in range(b):
                    near += u[j::b] >= best
                tie = near > 1
                chosen = choice
                picked = choice + np.arange(0, n * b, b, dtype=np.int64)
                if by_leaf:
                    leaf_of = picked if leaf_of is None else leaf_of[picked]
                else:
                    values = values[:, picked]
        else:
            if by_leaf:
                values = columns if leaf_of is None else columns[:, leaf_of]
                by_leaf = False
            kids = tree.n_children[d]
            internal = kids > 0
            choice = np.full(n, -1, dtype=np.int64)
            tie = np.zeros(n, dtype=bool)
            new_values = np.empty((n_players, n))
            leaves = ~internal
            new_values[:, leaves] = columns[:, tree.leaf[d][leaves]]
            if internal.any():
                idx = np.flatnonzero(internal)
                counts = kids[idx]
                starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
                parent = np.repeat(np.arange(len(idx)), counts)
                mover = player[idx]
                m = values.shape[1]
                u = values[np.clip(mover[parent], 0, None), np.arange(m)]
                seg_best = np.maximum.reduceat(u, starts)
                near_mask = u >= (seg_best - atol)[parent]
                first_near = np.minimum.reduceat(np.where(near_mask, np.arange(m), m), starts)
                n_near = np.add.reduceat(near_mask.astype(np.int64), starts)
                decision = mover >= 0
                chance_value = np.add.reduceat(tree.probs[d + 1] * values, starts, axis=1)
                new_values[:, idx] = np.where(decision, values[:, first_near], chance_value)
                choice[idx[decision]] = (first_near - starts)[decision]
                tie[idx[decision]] = n_near[decision] > 1
            chosen = choice
            values = new_values
        actions[d] = chosen
        ties[d] = tie
    if by_leaf:
        root = columns[:, 0] if leaf_of is None else columns[:, leaf_of[0]]
    else:
        root = values[:, 0]
    return ArrayBackwardInduction(tree, root.copy(), tuple(actions), tuple(ties))


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


def subgame_perfect_equilibria(
    game: SequentialGame,
    *,
    max_equilibria: int = MAX_EQUILIBRIA,
    method: str = "auto",
    tol: float = 1e-9,
) -> SPEResult:
    """Every subgame-perfect equilibrium of a numeric sequential game.

    Perfect information: every pure SPE, ties included. Imperfect
    information: every combination of the equilibria of the subgames (the
    minimal subgames solved through their reduced strategic form: every
    extreme Nash equilibrium when two players move in them, pure equilibria
    when three or more do; the result's notes say so).

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

    Returns
    -------
    SPEResult
        The equilibria in deterministic order (depth first over the tree,
        earlier actions first).

    Raises
    ------
    SolverError
        If the game is symbolic.
    TooLargeError
        If there are more than ``max_equilibria`` equilibria.
    """
    if not isinstance(game, SequentialGame):
        raise SolverError(
            f"subgame_perfect_equilibria: expected a SequentialGame, found {type(game).__name__}"
        )
    if method not in ("auto", "enumerate"):
        raise GameError(f"method: expected 'auto' or 'enumerate', found {method!r}")
    game.require_numeric()
    exact = game.is_exact
    options = {"max_equilibria": max_equilibria, "method": method, "tol": tol}
    if method == "auto" and game.is_perfect_information:
        tree, levels = ArrayTree.from_game(game)
        res = backward_induction(tree, tol=tol)
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
    enumerator = _Enumerator(game, max_equilibria, tol)
    solutions = enumerator.solve()
    method_name = "backward induction" if game.is_perfect_information else "subgame decomposition"
    equilibria = tuple(_make(game, prof, exact) for prof, _ in solutions)
    return SPEResult(game, method_name, equilibria, exact, options, tuple(sorted(enumerator.notes)))


# -- Nash equilibria beside the SPE -----------------------------------------------------------


@dataclass(frozen=True, eq=False)
class NashCheck:
    """A Nash equilibrium of the reduced strategic form, checked for subgame perfection.

    Attributes
    ----------
    equilibrium
        The equilibrium of the reduced strategic form.
    behaviour
        Its behaviour strategies ``{information set: {action: probability}}``;
        ``None`` at information sets that the player's own strategy never
        reaches (the strategic form says nothing there).
    subgame_perfect
        Whether some choice at those information sets makes it an SPE.
    """

    equilibrium: Equilibrium
    behaviour: dict[str, dict[str, Any] | None]
    subgame_perfect: bool

    def __repr__(self) -> str:
        mark = "subgame perfect" if self.subgame_perfect else "NOT subgame perfect"
        return f"NashCheck({self.equilibrium!r}: {mark})"


@dataclass(frozen=True, eq=False)
class CredibilityReport:
    """Nash equilibria beside subgame-perfect equilibria: which threats are credible.

    Attributes
    ----------
    game
        The sequential game.
    normal_form
        Its reduced strategic form.
    nash
        Each Nash equilibrium of the reduced strategic form, marked subgame
        perfect or not.
    spe
        The subgame-perfect equilibria.
    notes
        How the Nash equilibria were computed.
    """

    game: SequentialGame = field(repr=False)
    normal_form: NormalFormGame = field(repr=False)
    nash: tuple[NashCheck, ...]
    spe: SPEResult
    notes: tuple[str, ...] = ()

    @property
    def incredible(self) -> tuple[NashCheck, ...]:
        """The Nash equilibria that are not subgame perfect."""
        return tuple(c for c in self.nash if not c.subgame_perfect)

    def __repr__(self) -> str:
        lines = [
            f"CredibilityReport({len(self.nash)} Nash equilibria, {len(self.incredible)} not "
            f"subgame perfect; {len(self.spe)} subgame-perfect equilibria)"
        ]
        lines += [f"  {c!r}" for c in self.nash]
        lines += [f"  SPE: {eq!r}" for eq in self.spe]
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """JSON form: the Nash equilibria with a ``subgame_perfect`` flag, and the SPE."""
        return {
            "players": list(self.game.players),
            "strategies": [list(s) for s in self.normal_form.strategies],
            "nash": [
                {**c.equilibrium.to_dict(), "subgame_perfect": c.subgame_perfect} for c in self.nash
            ],
            "spe": spe_to_json(self.spe)["equilibria"],
            **({"notes": list(self.notes)} if self.notes else {}),
        }


def credibility_report(
    game: SequentialGame, *, max_equilibria: int = MAX_EQUILIBRIA
) -> CredibilityReport:
    """Nash equilibria of the reduced strategic form, each marked subgame perfect or not.

    The Nash equilibria are every extreme equilibrium for two players
    (``nash_equilibria``) and the pure equilibria for more. A Nash
    equilibrium is marked subgame perfect when its behaviour strategies,
    completed at the information sets its own strategies never reach by the
    choices of one of the subgame-perfect equilibria, pass the
    subgame-perfection check; for pure equilibria of perfect-information
    games (where every pure SPE is enumerated) this decides the question
    exactly.

    Examples
    --------
    >>> from gametheory_alliances.sequential import SequentialGame, Decision, Terminal
    >>> game = SequentialGame(Decision("Entrant", {
    ...     "Stay out": Terminal([1, 5]),
    ...     "Enter": Decision("Incumbent", {"Fight": Terminal([0, 0]),
    ...                                     "Acquiesce": Terminal([2, 2])})}))
    >>> report = credibility_report(game)
    >>> [c.subgame_perfect for c in report.nash]
    [False, False, True]
    >>> report.incredible[0].behaviour
    {'Entrant at root': {'Stay out': Fraction(1, 1), 'Enter': Fraction(0, 1)}, \
'Incumbent after Enter': {'Fight': Fraction(1, 1), 'Acquiesce': Fraction(0, 1)}}
    """
    from .pure import pure_equilibria
    from .vertex_enumeration import nash_equilibria

    nf = game.to_normal_form(reduced=True)
    spe = subgame_perfect_equilibria(game, max_equilibria=max_equilibria)
    if game.n_players == 2:
        found = nash_equilibria(nf)
        notes = ("Nash equilibria: every extreme equilibrium of the reduced strategic form",)
    else:
        found = pure_equilibria(nf)
        notes = ("Nash equilibria: the pure equilibria of the reduced strategic form",)
    exact = game.is_exact
    checks = []
    for eq in found:
        mixed = eq.exact_strategies if (exact and eq.exact_strategies) else eq.strategies
        behaviour = game.behaviour_from_mixed(mixed)
        perfect = False
        for s in spe:
            completed = {h: (b if b is not None else s.profile[h]) for h, b in behaviour.items()}
            if _certify(game, completed, exact, TOLERANCE).ok:
                perfect = True
                break
        labelled: dict[str, dict[str, Any] | None] = {
            game.infosets[h].label: (
                None if b is None else dict(zip(game.infosets[h].actions, b, strict=True))
            )
            for h, b in sorted(behaviour.items())
        }
        checks.append(NashCheck(eq, labelled, perfect))
    return CredibilityReport(game, nf, tuple(checks), spe, notes)
