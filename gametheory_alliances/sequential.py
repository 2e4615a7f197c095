"""`SequentialGame`: game trees with chance moves and information sets.

A sequential (extensive-form) game is built from three kinds of node:

* :class:`Decision`: a player chooses among labelled actions; nodes of one
  player sharing an ``infoset`` label form one information set (the player
  cannot tell them apart);
* :class:`Chance`: nature picks an outcome with given probabilities, which may
  be parameter expressions such as ``"q"`` and ``"1 - q"``;
* :class:`Terminal`: the game ends with one payoff per player (numbers,
  fractions, expression text or sympy expressions).

Nested dictionaries work as well (``{"player": ..., "actions": {...}}``,
``{"chance": {label: (probability, subtree)}}``, ``{"payoffs": [...]}``, or a
bare list of payoffs for a terminal node). The game checks that payoff
vectors have one entry per player, that chance probabilities lie in [0, 1]
and sum to one (exactly, when they are rational; symbolic probabilities are
checked when :meth:`SequentialGame.at` binds them), that the nodes of an
information set offer the same actions, and that the game has perfect recall.
Every error names the node by its path of action labels from the root.

A game read from a Gambit file is held as arrays
(:class:`~gametheory_alliances.tree_table.TreeTable`,
:meth:`SequentialGame.from_table`) and builds its node objects only when
something walks them.

The module is long but one idea: the tree class, its two storage forms (the
node table and the arrays), the checks made when it is built, and the
questions a tree answers about itself.

:meth:`SequentialGame.to_normal_form` gives the reduced strategic form (as
Gambit reduces it: strategies that differ only at information sets that the
player's own earlier moves exclude are identified, the excluded choices shown
as ``*``) or the full one, so every normal-form solver applies.

References
----------
R. Selten (1978), "The chain store paradox", *Theory and Decision* 9, 127-159.
H. W. Kuhn (1953), "Extensive games and the problem of information",
*Contributions to the Theory of Games* II, 193-216.

Examples
--------
>>> from gametheory_alliances.sequential import SequentialGame, Decision, Terminal
>>> entry = SequentialGame(
...     Decision("Entrant", {
...         "Stay out": Terminal([1, 5]),
...         "Enter": Decision("Incumbent", {
...             "Fight": Terminal([0, 0]),
...             "Acquiesce": Terminal([2, 2]),
...         }),
...     }),
...     title="Entry deterrence",
... )
>>> entry
SequentialGame('Entry deterrence', players=('Entrant', 'Incumbent'), nodes=5, infosets=2)
>>> entry.to_normal_form().strategies
(('Stay out', 'Enter'), ('Fight', 'Acquiesce'))
>>> print(entry.to_normal_form().table())
Entry deterrence
(Stay out, Fight): 1, 5
(Stay out, Acquiesce): 1, 5
(Enter, Fight): 0, 0
(Enter, Acquiesce): 2, 2
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from .errors import (
    GameError,
    PayoffError,
    ProbabilityError,
    ShapeError,
    SolverError,
    TooLargeError,
)
from .expressions import parse_expression
from .game import Game
from .normal_form import NormalFormGame
from .parameters import Parameter, bound_substitutions, parameter_table
from .tree_table import CHANCE, DECISION, TERMINAL, TreeTable

if TYPE_CHECKING:
    import sympy

__all__ = [
    "Chance",
    "Decision",
    "InformationSet",
    "SequentialGame",
    "Terminal",
]

MAX_STRATEGY_PROFILES = 2_000_000
"""Largest number of pure strategy profiles :meth:`SequentialGame.to_normal_form` builds."""

FLOAT_TOLERANCE = 1e-12
"""Tolerance of probability checks when probabilities are irrational (floating point)."""


# -- builder nodes ----------------------------------------------------------------


@dataclass(frozen=True)
class Terminal:
    """An end of the game: one payoff per player.

    Parameters
    ----------
    payoffs
        Numbers, fractions, expression text or sympy expressions, in the order
        of the game's players.
    label
        An optional name for the node (Gambit's outcome name).
    """

    payoffs: Sequence[Any]
    label: str = ""


@dataclass(frozen=True)
class Decision:
    """A move of a player.

    Parameters
    ----------
    player
        The mover: a player label, or an index into the game's players.
    actions
        ``{action label: subtree}`` in the order the actions are listed.
    infoset
        Nodes of the same player with the same ``infoset`` form one
        information set. ``None`` (default): a singleton information set.
    label
        An optional name for the node.
    """

    player: str | int
    actions: Mapping[str, Any]
    infoset: Hashable | None = None
    label: str = ""


@dataclass(frozen=True)
class Chance:
    """A move of nature.

    Parameters
    ----------
    outcomes
        ``{outcome label: (probability, subtree)}``; probabilities are
        numbers, fractions, decimal or expression text (``"q"``, ``"1 - q"``).
    label
        An optional name for the node.
    """

    outcomes: Mapping[str, tuple[Any, Any]]
    label: str = ""


Node = Terminal | Decision | Chance


@dataclass(frozen=True)
class InformationSet:
    """An information set: nodes of one player that the player cannot tell apart.

    Attributes
    ----------
    label
        The label used in behaviour strategies (unique in the game).
    player
        The index of the player who moves.
    actions
        The action labels, the same at every node of the set.
    nodes
        The indices (in preorder) of the nodes in the set.
    key
        The ``infoset`` value the nodes were built with (``None`` for a
        singleton set built without one).
    """

    label: str
    player: int
    actions: tuple[str, ...]
    nodes: tuple[int, ...]
    key: Hashable | None = None


@dataclass
class TreeNode:
    """A node of the flat preorder table the game keeps."""

    kind: str  # "decision", "chance" or "terminal"
    path: tuple[str, ...]
    parent: int
    label: str = ""
    player: int = -1
    infoset: int = -1
    infoset_key: Hashable | None = None
    actions: tuple[str, ...] = ()
    children: tuple[int, ...] = ()
    # sympy expressions; Fractions in a game held as arrays (read from a file)
    probs: tuple[Any, ...] = ()
    payoffs: tuple[Any, ...] = ()
    end: int = 0  # one past the last node of the subtree (preorder)
    extra: dict[str, Any] = field(default_factory=dict)


def _where(path: Sequence[str]) -> str:
    return "root" if not path else "node " + " > ".join(repr(a) for a in path)


def _number_of(e: sympy.Expr) -> Fraction | float:
    if isinstance(e, Fraction):
        return e
    if isinstance(e, int):
        return Fraction(e)
    import sympy

    if isinstance(e, sympy.Rational):
        return Fraction(int(e.p), int(e.q))
    return float(e)


def _probabilities_fine(table: TreeTable) -> bool:
    """Whether every chance move of the table has probabilities in [0, 1] summing to one."""
    return all(
        all(0 <= p <= 1 for p in probs) and sum(probs, Fraction(0)) == 1
        for probs in table.probs.values()
    )


def _table_nodes(table: TreeTable, players: Sequence[str]) -> list[TreeNode]:
    """The node objects of a table (built once, when a game held as arrays is walked)."""
    n = len(table)
    kinds = table.kind.tolist()
    parents = table.parent.tolist()
    movers = table.mover.tolist()
    rows = table.terminal_row.tolist()
    keys = table.infoset_keys
    names = {TERMINAL: "terminal", DECISION: "decision", CHANCE: "chance"}
    nodes: list[TreeNode] = []
    kids: list[list[int]] = [[] for _ in range(n)]
    for k in range(n):
        parent = parents[k]
        if parent >= 0:
            up = nodes[parent]
            path = (*up.path, up.actions[len(kids[parent])])
            kids[parent].append(k)
        else:
            path = ()
        kind = kinds[k]
        nd = TreeNode(names[kind], path, parent, table.labels[k])
        if kind == TERMINAL:
            # Fractions, not sympy numbers: a game read from a file stays free of sympy.
            nd.payoffs = table.exact_payoffs(rows[k])
        else:
            nd.actions = table.actions[k]
            if kind == DECISION:
                nd.player = movers[k]
                nd.infoset_key = keys[k] if keys is not None else None
            else:
                nd.probs = tuple(table.probs[k])
        nodes.append(nd)
    for k in range(n - 1, -1, -1):
        nodes[k].children = tuple(kids[k])
        nodes[k].end = nodes[kids[k][-1]].end if kids[k] else k + 1
    return nodes


# -- the game -----------------------------------------------------------------------


class SequentialGame(Game):
    """A finite game tree with chance moves and information sets.

    Parameters
    ----------
    root
        The root node: a :class:`Decision`, :class:`Chance` or
        :class:`Terminal`, or the nested dictionary form.
    players
        The player labels in payoff order. Default: the movers in order of
        first appearance (depth first).
    parameters
        The parameters payoffs and probabilities may use (as for
        :class:`~gametheory_alliances.NormalFormGame`).
    title
        A title for display and for Gambit files.
    description
        A longer comment (Gambit's comment line).

    Attributes
    ----------
    nodes : list of TreeNode
        The tree as a flat table in preorder (the root first); what solvers
        and the symbolic layer walk.
    infosets : tuple of InformationSet
        The information sets, in order of first appearance.

    Raises
    ------
    GameError
        Malformed nodes, unknown players, information sets with different
        actions, imperfect recall (each naming the node or information set).
    ShapeError
        Payoff vectors of the wrong length.
    ProbabilityError
        Chance probabilities outside [0, 1] or not summing to one.
    """

    kind = "tree"
    _nodes: list[TreeNode]
    _infosets: tuple[InformationSet, ...]
    _table: TreeTable | None

    def __init__(
        self,
        root: Any,
        players: Sequence[str] | None = None,
        parameters: Iterable[Parameter | str] | Mapping[str, Any] | None = None,
        title: str = "",
        description: str = "",
    ) -> None:
        self.title = str(title)
        self.description = str(description)
        self.parameters: dict[str, Parameter] = parameter_table(parameters)
        self._table: TreeTable | None = None
        raw: list[tuple[Any, tuple[str, ...], int]] = []
        self._flatten(root, raw)
        if players is None:
            seen: list[str] = []
            for node, _, _ in raw:
                if isinstance(node, Decision):
                    if isinstance(node.player, int) and not isinstance(node.player, bool):
                        raise GameError(
                            "players: a node names its player by index, so the players "
                            "must be given"
                        )
                    name = str(node.player)
                    if name not in seen:
                        seen.append(name)
            players = seen or ["Player 1"]
        if isinstance(players, str):
            raise ShapeError(f"players: expected a list of labels, found {players!r}")
        self.players: tuple[str, ...] = tuple(str(p) for p in players)
        if len(set(self.players)) != len(self.players):
            raise GameError(f"players: a label appears twice in {self.players}")
        if not self.players:
            raise ShapeError("players: a game needs at least one player")
        self.nodes = self._build(raw)
        self._finish()

    # -- construction ------------------------------------------------------------

    @staticmethod
    def _coerce(node: Any, path: tuple[str, ...]) -> Node:
        if isinstance(node, Terminal | Decision | Chance):
            return node
        if isinstance(node, Mapping):
            keys = set(node)
            if "payoffs" in keys:
                return Terminal(node["payoffs"], str(node.get("label", "")))
            if "chance" in keys:
                return Chance(node["chance"], str(node.get("label", "")))
            if "player" in keys and "actions" in keys:
                return Decision(
                    node["player"], node["actions"], node.get("infoset"), str(node.get("label", ""))
                )
            raise GameError(
                f"{_where(path)}: a dictionary node needs 'payoffs', 'chance', or "
                f"'player' and 'actions'; found keys {sorted(map(str, keys))}"
            )
        if isinstance(node, list | tuple | np.ndarray) and not isinstance(node, str):
            return Terminal(list(node))
        raise GameError(
            f"{_where(path)}: expected a Decision, Chance or Terminal node (or its dictionary "
            f"form), found {type(node).__name__} {node!r}"
        )

    def _flatten(self, root: Any, out: list[tuple[Any, tuple[str, ...], int]]) -> None:
        stack: list[tuple[Any, tuple[str, ...], int]] = [(root, (), -1)]
        while stack:
            node, path, parent = stack.pop()
            node = self._coerce(node, path)
            out.append((node, path, parent))
            me = len(out) - 1
            children: list[tuple[Any, tuple[str, ...], int]] = []
            if isinstance(node, Decision):
                if not isinstance(node.actions, Mapping) or not node.actions:
                    raise GameError(
                        f"{_where(path)}: a decision node needs a non-empty mapping "
                        f"{{action: subtree}}, found {node.actions!r}"
                    )
                for a, sub in node.actions.items():
                    children.append((sub, (*path, str(a)), me))
            elif isinstance(node, Chance):
                if not isinstance(node.outcomes, Mapping) or not node.outcomes:
                    raise GameError(
                        f"{_where(path)}: a chance node needs a non-empty mapping "
                        f"{{outcome: (probability, subtree)}}, found {node.outcomes!r}"
                    )
                for a, pair in node.outcomes.items():
                    if not isinstance(pair, tuple | list) or len(pair) != 2:
                        raise GameError(
                            f"{_where(path)}: chance outcome {a!r} must be a pair "
                            f"(probability, subtree), found {pair!r}"
                        )
                    children.append((pair[1], (*path, str(a)), me))
            stack.extend(reversed(children))

    def _player_index(self, player: Any, path: tuple[str, ...]) -> int:
        if isinstance(player, int) and not isinstance(player, bool):
            if 0 <= player < len(self.players):
                return player
            raise GameError(
                f"{_where(path)}: player index {player} is out of range for "
                f"{len(self.players)} players"
            )
        name = str(player)
        if name not in self.players:
            raise GameError(
                f"{_where(path)}: unknown player {name!r}; the players are {self.players}"
            )
        return self.players.index(name)

    def _expr(self, value: Any, what: str) -> Any:
        if isinstance(value, bool) or value is None:
            raise PayoffError(f"{what} is {value!r}: expected a number or an expression")
        if isinstance(value, float) and not math.isfinite(value):
            raise PayoffError(f"{what} is {value}: expected a finite number")
        if isinstance(value, np.generic):
            value = value.item()
        if not self.parameters and type(value) in (int, Fraction):
            # A game without parameters holds exact numbers as Fractions: no sympy needed.
            return Fraction(value)
        try:
            e = parse_expression(value, self.parameters)
        except GameError as exc:
            raise type(exc)(f"{what}: {exc}") from None
        import sympy

        if not isinstance(e, sympy.Expr):
            raise PayoffError(f"{what} is {value!r}: expected a number or an expression")
        return e

    def _build(self, raw: list[tuple[Any, tuple[str, ...], int]]) -> list[TreeNode]:
        n = len(self.players)
        nodes: list[TreeNode] = []
        for node, path, parent in raw:
            where = _where(path)
            if isinstance(node, Terminal):
                pay = node.payoffs
                if isinstance(pay, str) or not isinstance(pay, Sequence | np.ndarray):
                    raise ShapeError(f"{where}: payoffs must be a list, found {pay!r}")
                if len(pay) != n:
                    raise ShapeError(
                        f"{where}: expected {n} payoffs (one per player {self.players}), "
                        f"found {len(pay)}"
                    )
                payoffs = tuple(
                    self._expr(v, f"{where}: payoff of {self.players[i]!r}")
                    for i, v in enumerate(pay)
                )
                nodes.append(TreeNode("terminal", path, parent, str(node.label), payoffs=payoffs))
            elif isinstance(node, Decision):
                actions = tuple(str(a) for a in node.actions)
                if len(set(actions)) != len(actions):
                    raise GameError(f"{where}: an action label appears twice in {actions}")
                nodes.append(
                    TreeNode(
                        "decision",
                        path,
                        parent,
                        str(node.label),
                        player=self._player_index(node.player, path),
                        infoset_key=node.infoset,
                        actions=actions,
                    )
                )
            else:
                actions = tuple(str(a) for a in node.outcomes)
                if len(set(actions)) != len(actions):
                    raise GameError(f"{where}: an outcome label appears twice in {actions}")
                probs = tuple(
                    self._expr(pair[0], f"{where}: probability of {a!r}")
                    for a, pair in zip(actions, node.outcomes.values(), strict=True)
                )
                nodes.append(
                    TreeNode("chance", path, parent, str(node.label), actions=actions, probs=probs)
                )
        kids: list[list[int]] = [[] for _ in nodes]
        for k, nd in enumerate(nodes):
            if nd.parent >= 0:
                kids[nd.parent].append(k)
        for k in range(len(nodes) - 1, -1, -1):
            nodes[k].children = tuple(kids[k])
            nodes[k].end = nodes[kids[k][-1]].end if kids[k] else k + 1
        return nodes

    def _finish(self) -> None:
        """Group information sets, check consistency, perfect recall and probabilities."""
        nodes = self.nodes
        groups: dict[tuple[int, Any], list[int]] = {}
        order: list[tuple[int, Any]] = []
        for k, nd in enumerate(nodes):
            if nd.kind != "decision":
                continue
            key = (nd.player, ("#node", k) if nd.infoset_key is None else nd.infoset_key)
            if key not in groups:
                groups[key] = []
                order.append(key)
            groups[key].append(k)
        texts = [str(key[1]) for key in order if not isinstance(key[1], tuple)]
        infosets: list[InformationSet] = []
        used: set[str] = set()
        for idx, key in enumerate(order):
            members = groups[key]
            first = nodes[members[0]]
            player_name = self.players[key[0]]
            for m in members[1:]:
                if nodes[m].actions != first.actions:
                    raise GameError(
                        f"information set {key[1]!r} of {player_name!r}: {_where(nodes[m].path)} "
                        f"has actions {nodes[m].actions}, but {_where(first.path)} has "
                        f"{first.actions}; the nodes of an information set need the same actions"
                    )
            if first.infoset_key is None:
                label = first.label or (
                    f"{player_name} at root"
                    if not first.path
                    else f"{player_name} after {' > '.join(first.path)}"
                )
            else:
                label = str(key[1])
                if texts.count(label) > 1:
                    label = f"{player_name}: {label}"
            base, n = label, 2
            while label in used:
                label = f"{base} ({n})"
                n += 1
            used.add(label)
            infosets.append(
                InformationSet(label, key[0], first.actions, tuple(members), first.infoset_key)
            )
            for m in members:
                nodes[m].infoset = idx
        self._infosets: tuple[InformationSet, ...] = tuple(infosets)
        self._check_recall()
        self._check_probabilities()

    def _own_history(self, k: int, player: int) -> tuple[tuple[int, int], ...]:
        """The (information set, action index) pairs of ``player`` on the way to node ``k``."""
        out = []
        nodes = self.nodes
        child = k
        parent = nodes[k].parent
        while parent >= 0:
            p = nodes[parent]
            if p.kind == "decision" and p.player == player:
                out.append((p.infoset, p.children.index(child)))
            child, parent = parent, p.parent
        return tuple(reversed(out))

    def _check_recall(self) -> None:
        for h in self.infosets:
            if len(h.nodes) == 1:
                continue
            first = self._own_history(h.nodes[0], h.player)
            for m in h.nodes[1:]:
                other = self._own_history(m, h.player)
                if other != first:
                    raise GameError(
                        f"information set {h.label!r} of {self.players[h.player]!r} violates "
                        f"perfect recall: {_where(self.nodes[h.nodes[0]].path)} and "
                        f"{_where(self.nodes[m].path)} follow different earlier moves or "
                        "information of that player (games of imperfect recall are not supported)"
                    )
            for m in h.nodes:
                a = self.nodes[m]
                for other_m in h.nodes:
                    if other_m != m and m < other_m < a.end:
                        raise GameError(
                            f"information set {h.label!r}: {_where(self.nodes[other_m].path)} "
                            f"follows {_where(a.path)} in the same information set (an "
                            "absent-minded player: games of imperfect recall are not supported)"
                        )

    def _check_probabilities(self) -> None:
        for nd in self.nodes:
            if nd.kind != "chance":
                continue
            where = _where(nd.path)
            if any(getattr(p, "free_symbols", None) for p in nd.probs):
                continue
            for a, p in zip(nd.actions, nd.probs, strict=True):
                if not isinstance(p, Fraction) and (p.is_real is False or not p.is_number):
                    raise ProbabilityError(f"{where}: probability of {a!r} is {p}: not a number")
                x = _number_of(p)
                low = 0 if isinstance(x, Fraction) else -FLOAT_TOLERANCE
                high = 1 if isinstance(x, Fraction) else 1 + FLOAT_TOLERANCE
                if not low <= x <= high:
                    raise ProbabilityError(
                        f"{where}: probability of {a!r} is {p}: expected a number in [0, 1]"
                    )
            values = [_number_of(p) for p in nd.probs]
            if all(isinstance(v, Fraction) for v in values):
                total = sum(values, Fraction(0))
                if total != 1:
                    raise ProbabilityError(
                        f"{where}: chance probabilities {[str(p) for p in nd.probs]} sum to "
                        f"{total}, expected 1"
                    )
            elif abs(sum(float(v) for v in values) - 1) > 1e-9:
                raise ProbabilityError(
                    f"{where}: chance probabilities {[str(p) for p in nd.probs]} sum to "
                    f"{sum(float(v) for v in values):.12g}, expected 1"
                )

    @classmethod
    def from_nodes(cls, template: SequentialGame, nodes: list[TreeNode]) -> SequentialGame:
        """A game with ``template``'s players, parameters and titles on another node table.

        ``nodes`` must be a preorder table of the same shape conventions as
        :attr:`nodes` (for instance the template's table with payoffs or
        probabilities replaced); information sets are rebuilt from it.
        """
        game = cls.__new__(cls)
        game.title = template.title
        game.description = template.description
        game.parameters = template.parameters
        game.players = template.players
        game._table = None
        game.nodes = nodes
        game._finish()
        return game

    @classmethod
    def from_table(
        cls,
        table: TreeTable,
        players: Sequence[str],
        title: str = "",
        description: str = "",
    ) -> SequentialGame:
        """A numeric game held as arrays (:class:`~gametheory_alliances.tree_table.TreeTable`).

        The node objects (:attr:`nodes`, :attr:`infosets`) are built on first
        access; the vectorised solvers work on the table itself. The checks
        are those of the constructor: a table with information sets of
        several nodes (or chance probabilities that do not form a probability
        vector) builds its nodes at once, so that perfect recall and the
        probabilities are checked and reported as for any game.

        Raises
        ------
        ShapeError
            Payoff rows of the wrong length, or no players.
        GameError, ProbabilityError
            As the constructor.
        """
        game = cls.__new__(cls)
        game.title = str(title)
        game.description = str(description)
        game.parameters = {}
        game.players = tuple(str(p) for p in players)
        if not game.players:
            raise ShapeError("players: a game needs at least one player")
        if len(set(game.players)) != len(game.players):
            raise GameError(f"players: a label appears twice in {game.players}")
        if table.payoffs.ndim != 2 or table.payoffs.shape[1] != len(game.players):
            raise ShapeError(
                f"payoffs: expected one column per player {game.players}, found shape "
                f"{table.payoffs.shape}"
            )
        game._table = table
        if not table.perfect_information or not _probabilities_fine(table):
            # Build the nodes now: the constructor's checks name the node or set at fault.
            game.nodes  # noqa: B018
        return game

    @property
    def arrays(self) -> TreeTable | None:
        """The arrays the game is held as (:meth:`from_table`), or ``None``."""
        return self._table

    @property
    def nodes(self) -> list[TreeNode]:
        """The tree as a flat table of :class:`TreeNode` in preorder (the root first).

        What solvers and the symbolic layer walk. A game held as arrays
        (:meth:`from_table`) builds it on first access.
        """
        found = self.__dict__.get("_nodes")
        if found is None:
            assert self._table is not None
            found = self._nodes = _table_nodes(self._table, self.players)
            self._finish()  # numbers the information sets of the nodes
        return found

    @nodes.setter
    def nodes(self, value: list[TreeNode]) -> None:
        self._nodes = value
        self.__dict__.pop("_infosets", None)

    @property
    def infosets(self) -> tuple[InformationSet, ...]:
        """The information sets, in order of first appearance."""
        found = self.__dict__.get("_infosets")
        if found is None:
            self._finish()
            found = self._infosets
        return found

    @property
    def n_infosets(self) -> int:
        """The number of information sets."""
        if "_infosets" not in self.__dict__ and self._table is not None:
            return len(self._table.decision_nodes)  # perfect information: one per move
        return len(self.infosets)

    # -- structure -------------------------------------------------------------------

    @property
    def n_players(self) -> int:
        """The number of players."""
        return len(self.players)

    @property
    def n_nodes(self) -> int:
        """The number of nodes."""
        if self._table is not None:
            return len(self._table)
        return len(self.nodes)

    def node_path(self, k: int) -> tuple[str, ...]:
        """The action labels on the way from the root to node ``k`` (preorder index)."""
        return self.nodes[k].path

    def node(self, k: int) -> Node:
        """Node ``k`` (preorder index) as a builder node with its whole subtree."""
        nd = self.nodes[k]
        if nd.kind == "terminal":
            return Terminal(nd.payoffs, nd.label)
        subs = {a: self.node(c) for a, c in zip(nd.actions, nd.children, strict=True)}
        if nd.kind == "chance":
            return Chance(
                {a: (p, subs[a]) for a, p in zip(nd.actions, nd.probs, strict=True)}, nd.label
            )
        return Decision(self.players[nd.player], subs, nd.infoset_key, nd.label)

    @property
    def root(self) -> Node:
        """The root as a builder node (the whole tree)."""
        return self.node(0)

    @cached_property
    def is_perfect_information(self) -> bool:
        """Whether every information set is a single node."""
        if self._table is not None and self._table.perfect_information:
            return True
        return all(len(h.nodes) == 1 for h in self.infosets)

    @cached_property
    def has_incomplete_information(self) -> bool:
        """Whether some mover does not observe the outcome of an earlier chance move.

        True when an information set has two nodes whose histories part at a
        chance node (their last common ancestor is a chance move): the mover
        there cannot tell which outcome nature drew, as a receiver cannot tell
        the sender's type. Imperfect information about other players' moves
        alone (Selten's horse, simultaneous moves) does not count, nor do
        chance moves that every later mover observes.

        Examples
        --------
        >>> def receiver(pay, infoset):
        ...     return Decision("R", {"a": Terminal([pay]), "b": Terminal([0])}, infoset=infoset)
        >>> SequentialGame(Chance({"x": ("1/2", receiver(1, "R")),
        ...                        "y": ("1/2", receiver(2, "R"))})).has_incomplete_information
        True
        >>> SequentialGame(Chance({"x": ("1/2", receiver(1, "R saw x")),
        ...                        "y": ("1/2", receiver(2, "R saw y"))})
        ...                ).has_incomplete_information
        False
        """
        nodes = self.nodes

        def ancestors(k: int) -> list[int]:
            out = []
            while k >= 0:
                out.append(k)
                k = nodes[k].parent
            return out

        for info in self.infosets:
            chains = [ancestors(x) for x in info.nodes]
            for one, other in itertools.combinations(chains, 2):
                on_one = set(one)
                common = next(k for k in other if k in on_one)
                if nodes[common].kind == "chance":
                    return True
        return False

    @cached_property
    def subgame_roots(self) -> tuple[int, ...]:
        """The nodes (preorder indices) that start a subgame, the root first.

        A node starts a subgame when every information set that meets its
        subtree lies entirely inside it. Terminal nodes are included.
        """
        nodes = self.nodes
        lo = [0] * len(nodes)
        hi = [0] * len(nodes)
        for k, nd in enumerate(nodes):
            if nd.kind == "decision":
                members = self.infosets[nd.infoset].nodes
                lo[k], hi[k] = members[0], members[-1]
            else:
                lo[k] = hi[k] = k
        for k in range(len(nodes) - 1, -1, -1):
            for c in nodes[k].children:
                lo[k] = min(lo[k], lo[c])
                hi[k] = max(hi[k], hi[c])
        return tuple(k for k, nd in enumerate(nodes) if lo[k] >= k and hi[k] < nd.end)

    # -- values ----------------------------------------------------------------------

    @cached_property
    def free_parameters(self) -> tuple[str, ...]:
        """Names of the parameters that appear in payoffs or probabilities."""
        if self._table is not None:
            return ()
        names: set[str] = set()
        for nd in self.nodes:
            for e in (*nd.payoffs, *nd.probs):
                names.update(s.name for s in getattr(e, "free_symbols", ()))
        return tuple(n for n in self.parameters if n in names)

    @property
    def is_numeric(self) -> bool:
        """Whether every payoff and probability is a number."""
        return not self.free_parameters

    @cached_property
    def is_exact(self) -> bool:
        """Whether every payoff and probability is rational (exact arithmetic applies)."""
        if self._table is not None:
            return self._table.is_exact
        values = [e for nd in self.nodes for e in (*nd.payoffs, *nd.probs)]
        if all(isinstance(e, Fraction) for e in values):
            return True
        import sympy

        return self.is_numeric and all(isinstance(e, Fraction | sympy.Rational) for e in values)

    def numbers(self, exact: bool | None = None) -> tuple[list[Any], list[Any]]:
        """Payoffs and chance probabilities as numbers, node by node.

        Returns ``(payoffs, probs)``: for each node a tuple of payoffs (empty
        for non-terminal nodes) and a tuple of probabilities (empty for
        non-chance nodes), as fractions when ``exact`` (default: when the game
        is exact) and floats otherwise.
        """
        self.require_numeric()
        if exact is None:
            exact = self.is_exact
        if exact and not self.is_exact:
            raise SolverError("exact arithmetic needs rational payoffs and probabilities")
        conv = _number_of if exact else float
        pays = [tuple(conv(e) for e in nd.payoffs) for nd in self.nodes]
        probs = [tuple(conv(e) for e in nd.probs) for nd in self.nodes]
        return pays, probs

    def at(self, **values: Any) -> SequentialGame:
        """Bind parameter values and return the numeric game.

        Values are checked against each parameter's domain; parameters not
        given take their defaults; decimals are read exactly (0.3 is 3/10).

        Raises
        ------
        UnknownParameterError, DomainError, UnboundParameterError
        ProbabilityError
            If the bound chance probabilities are not a probability vector.
        """
        subs = bound_substitutions(self.parameters, values)
        if subs is None:
            return self
        import sympy

        where_values = ", ".join(f"{k}={v}" for k, v in values.items())

        def bind(e: sympy.Expr, what: str) -> sympy.Expr:
            if not e.free_symbols:
                return e
            value = e.xreplace(subs)
            if (
                value.free_symbols
                or not value.is_number
                or value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo)
                or value.is_real is False
            ):
                raise PayoffError(f"{what} is undefined at {where_values}: {e} = {value}")
            return value

        nodes = []
        for nd in self.nodes:
            where = _where(nd.path)
            nodes.append(
                TreeNode(
                    nd.kind,
                    nd.path,
                    nd.parent,
                    nd.label,
                    nd.player,
                    -1,
                    nd.infoset_key,
                    nd.actions,
                    nd.children,
                    tuple(
                        bind(p, f"{where}: probability of {a!r}")
                        for a, p in zip(nd.actions, nd.probs, strict=False)
                    ),
                    tuple(
                        bind(v, f"{where}: payoff of {self.players[i]!r}")
                        for i, v in enumerate(nd.payoffs)
                    ),
                    nd.end,
                )
            )
        return SequentialGame.from_nodes(self, nodes)

    # -- strategies and the normal form -------------------------------------------------

    def player_infosets(self, player: int) -> tuple[int, ...]:
        """The indices of ``player``'s information sets, in order of first appearance."""
        return tuple(k for k, h in enumerate(self.infosets) if h.player == player)

    def _infoset_history(self, h: int) -> tuple[tuple[int, int], ...]:
        info = self.infosets[h]
        return self._own_history(info.nodes[0], info.player)

    def pure_strategies(
        self, player: int, reduced: bool = True
    ) -> tuple[dict[int, int | None], ...]:
        """The pure strategies of ``player``: ``{information set: action index}``.

        In the reduced form, information sets that the strategy's own earlier
        choices exclude map to ``None`` (shown as ``*``), and strategies that
        differ only there are one strategy.
        """
        sets = self.player_infosets(player)
        if not reduced:
            return tuple(
                dict(zip(sets, combo, strict=True))
                for combo in itertools.product(
                    *(range(len(self.infosets[h].actions)) for h in sets)
                )
            )
        histories = {h: self._infoset_history(h) for h in sets}
        out: list[dict[int, int | None]] = []

        def extend(i: int, assignment: dict[int, int | None]) -> None:
            if i == len(sets):
                out.append(dict(assignment))
                return
            h = sets[i]
            if all(assignment.get(g) == a for g, a in histories[h]):
                for a in range(len(self.infosets[h].actions)):
                    assignment[h] = a
                    extend(i + 1, assignment)
                del assignment[h]
            else:
                assignment[h] = None
                extend(i + 1, assignment)
                del assignment[h]

        extend(0, {})
        return tuple(out)

    def strategy_label(self, player: int, strategy: Mapping[int, int | None]) -> str:
        """The label of a pure strategy: its actions joined by ``/``, ``*`` where excluded."""
        sets = self.player_infosets(player)
        if not sets:
            return "*"
        return "/".join(
            "*" if strategy[h] is None else self.infosets[h].actions[strategy[h]]  # type: ignore[index]
            for h in sets
        )

    def to_normal_form(self, reduced: bool = True) -> NormalFormGame:
        """The strategic form: reduced (as Gambit reduces it) or full.

        Chance moves give expected payoffs. Works on symbolic games too (the
        payoffs are then expressions in the parameters).

        Parameters
        ----------
        reduced
            Identify strategies that differ only at information sets that the
            player's own earlier moves exclude (default), or list every
            combination of actions (``False``).

        Raises
        ------
        TooLargeError
            If the number of strategy profiles exceeds ``MAX_STRATEGY_PROFILES``.
        """
        strategies = [self.pure_strategies(i, reduced) for i in range(self.n_players)]
        shape = tuple(len(s) for s in strategies)
        if math.prod(shape) > MAX_STRATEGY_PROFILES:
            raise TooLargeError(
                f"the strategic form would have {math.prod(shape)} strategy profiles (shape "
                f"{shape}), more than MAX_STRATEGY_PROFILES = {MAX_STRATEGY_PROFILES}"
            )
        if self.is_exact:
            pays, probs = self.numbers(exact=True)
            zero: Any = Fraction(0)
            one: Any = Fraction(1)
        elif self.is_numeric:
            pays, probs = self.numbers(exact=False)
            zero, one = 0.0, 1.0
        else:
            import sympy

            pays = [nd.payoffs for nd in self.nodes]
            probs = [nd.probs for nd in self.nodes]
            zero, one = sympy.Integer(0), sympy.Integer(1)
        arrays = [np.full(shape, zero, dtype=object) for _ in range(self.n_players)]
        # Every terminal node adds its weighted payoff to the profiles that reach it.
        for k, nd in enumerate(self.nodes):
            if nd.kind != "terminal":
                continue
            weight = one
            need: list[list[tuple[int, int]]] = [[] for _ in range(self.n_players)]
            child, parent = k, nd.parent
            while parent >= 0:
                p = self.nodes[parent]
                a = p.children.index(child)
                if p.kind == "chance":
                    weight = weight * probs[parent][a]
                else:
                    need[p.player].append((p.infoset, a))
                child, parent = parent, p.parent
            if weight == 0:
                continue
            index = np.ix_(
                *(
                    [j for j, s in enumerate(strategies[i]) if all(s[h] == a for h, a in need[i])]
                    for i in range(self.n_players)
                )
            )
            for i in range(self.n_players):
                arrays[i][index] = arrays[i][index] + weight * pays[k][i]
        if self.is_numeric and not self.is_exact:
            arrays = [a.astype(np.float64) for a in arrays]
        labels = [[self.strategy_label(i, s) for s in strategies[i]] for i in range(self.n_players)]
        return NormalFormGame(
            arrays,
            players=self.players,
            strategies=labels,
            parameters=self.parameters,
            title=self.title,
        )

    def behaviour_from_mixed(
        self, mixed: Sequence[Sequence[Any]], reduced: bool = True
    ) -> dict[int, tuple[Any, ...] | None]:
        """Kuhn's behaviour strategy of a mixed strategy profile of the strategic form.

        Returns ``{information set: probabilities of its actions}``; ``None``
        where the player's own strategy never reaches the information set
        (any behaviour there is realization equivalent).
        """
        out: dict[int, tuple[Any, ...] | None] = {}
        for i in range(self.n_players):
            strategies = self.pure_strategies(i, reduced)
            sigma = list(mixed[i])
            if len(sigma) != len(strategies):
                raise ShapeError(
                    f"mixed strategy of {self.players[i]!r}: expected {len(strategies)} "
                    f"probabilities, found {len(sigma)}"
                )
            for h in self.player_infosets(i):
                history = self._infoset_history(h)
                n_actions = len(self.infosets[h].actions)
                mass = [sigma[0] * 0 for _ in range(n_actions)]
                for s, p in zip(strategies, sigma, strict=True):
                    if p and all(s[g] == a for g, a in history) and s[h] is not None:
                        mass[s[h]] = mass[s[h]] + p  # type: ignore[index]
                total = sum(mass)
                out[h] = tuple(m / total for m in mass) if total else None
        return out

    # -- display ---------------------------------------------------------------------

    def __repr__(self) -> str:
        title = f"{self.title!r}, " if self.title else ""
        return (
            f"SequentialGame({title}players={self.players}, nodes={self.n_nodes}, "
            f"infosets={self.n_infosets})"
        )

    def text(self) -> str:
        """The tree as indented text, one node a line."""
        lines = [self.title] if self.title else []
        for nd in self.nodes:
            depth = len(nd.path)
            head = "  " * depth + (f"{nd.path[-1]}: " if nd.path else "")
            if nd.kind == "terminal":
                lines.append(head + "(" + ", ".join(str(v) for v in nd.payoffs) + ")")
            elif nd.kind == "chance":
                probs = ", ".join(f"{a} {p}" for a, p in zip(nd.actions, nd.probs, strict=True))
                lines.append(head + f"Chance [{probs}]")
            else:
                info = self.infosets[nd.infoset]
                extra = f" [{info.label}]" if len(info.nodes) > 1 else ""
                lines.append(head + f"{self.players[nd.player]}{extra}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """The nodes as an HTML table: path, mover, actions and the nodes they lead to, payoffs.

        A tree has no LaTeX form here: :meth:`text` gives it as indented text.

        Examples
        --------
        >>> tree = SequentialGame(Decision("A", {"L": Terminal([1]), "R": Terminal([0])}))
        >>> print(tree._repr_html_()[:83])
        <div class="gta-tree"><table class="gta-nodes"><caption>players: A</caption><thead>
        """
        from .display import sequential_html

        return sequential_html(self)
