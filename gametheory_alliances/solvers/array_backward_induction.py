"""Vectorised backward induction over a perfect-information tree stored as arrays.

:class:`ArrayTree` stores a tree level by level (the mover, the number of
children, the payoff row of each leaf, the chance probabilities) and
:func:`backward_induction` solves it with one batch of numpy operations per
level, so its Python work grows with the depth, not the number of nodes. It
returns the values, a best action at each decision node and a tie mask
(:class:`ArrayBackwardInduction`): when no mover is indifferent anywhere the
subgame-perfect equilibrium is unique.
:func:`~gametheory_alliances.solvers.backward_induction.subgame_perfect_equilibria`
takes this pass first on perfect-information games and falls back to its exact
enumeration when there are ties.

References
----------
R. Selten (1965), "Spieltheoretische Behandlung eines Oligopolmodells mit
Nachfrageträgheit", *Zeitschrift für die gesamte Staatswissenschaft* 121.

Examples
--------
>>> import numpy as np
>>> tree = ArrayTree.complete(depth=2, branching=2, payoffs=np.array(
...     [[3, 1], [0, 0], [1, 2], [2, 3]], dtype=float))
>>> backward_induction(tree).path
(0, 0)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from ..errors import ShapeError, SolverError
from ..sequential import SequentialGame
from ..tree_table import CHANCE, DECISION, TreeTable

__all__ = ["ArrayBackwardInduction", "ArrayTree", "backward_induction"]


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
    def from_table(cls, table: TreeTable) -> tuple[ArrayTree, list[npt.NDArray[np.int64]]]:
        """The tree of a game held as arrays, and each level's node indices (made once, kept).

        A few numpy operations per level: no node objects are built.
        """
        found: tuple[ArrayTree, list[npt.NDArray[np.int64]]] | None = table.cache.get("array_tree")
        if found is not None:
            return found
        if not table.perfect_information:
            raise SolverError("ArrayTree needs a game with perfect information")
        levels = table.levels()
        code = np.where(
            table.kind == DECISION, table.mover, np.where(table.kind == CHANCE, -1, -2)
        ).astype(np.int64)
        edge = np.zeros(len(table))
        if table.probs:
            # Nodes grouped by parent, in preorder within a group: each chance node's
            # children are one slice.
            by_parent = np.argsort(table.parent, kind="stable")
            parents = table.parent[by_parent]
            for k, probs in table.probs.items():
                first = int(np.searchsorted(parents, k))
                edge[by_parent[first : first + len(probs)]] = [float(p) for p in probs]
        tree = cls(
            tuple(code[lv] for lv in levels),
            tuple(table.n_children[lv] for lv in levels),
            tuple(table.terminal_row[lv] for lv in levels),
            tuple(edge[lv] for lv in levels),
            table.payoffs,
        )
        found = (tree, levels)
        table.cache["array_tree"] = found
        return found

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

    Raises
    ------
    SolverError
        When ``tree`` is not an :class:`ArrayTree` (a sequential game is
        converted by :meth:`ArrayTree.from_game`; a normal-form game has no tree).
    """
    if not isinstance(tree, ArrayTree):
        hint = (
            "convert it with ArrayTree.from_game(game)[0]"
            if isinstance(tree, SequentialGame)
            else "a game in normal form has no tree: use nash_equilibria or pure_equilibria"
        )
        raise SolverError(
            f"backward_induction: expected an ArrayTree, found {type(tree).__name__}; {hint}"
        )
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
