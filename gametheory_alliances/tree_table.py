"""`TreeTable`: a numeric game tree held as arrays, the compact form of a `SequentialGame`.

A tree read from a Gambit ``.efg`` file can have hundreds of thousands of
nodes. Building a Python object and a sympy number for every node and payoff
takes far longer than reading the file, and most uses never look at them:
backward induction needs the movers, the shape of the tree and the payoffs
as floating-point arrays. A :class:`TreeTable` holds exactly that, in
preorder (the root first, each subtree contiguous):

* ``kind`` (:data:`TERMINAL`, :data:`DECISION`, :data:`CHANCE`), ``parent``,
  ``depth`` and ``mover`` as integer arrays;
* the node labels, the action labels of each move and the information-set
  keys as Python lists;
* the payoffs of the terminal nodes as a float array (one row per terminal,
  in preorder), with the exact values kept as they were given (number text,
  integers or fractions) and converted to fractions only on demand;
* the chance probabilities as fractions.

A :class:`~gametheory_alliances.sequential.SequentialGame` built on a table
(``SequentialGame.from_table``) answers every question as any other game; its
node objects (:attr:`~gametheory_alliances.sequential.SequentialGame.nodes`)
are built on first access, and the solvers that can work on arrays (the
vectorised backward induction) never build them.

Examples
--------
>>> import numpy as np
>>> table = TreeTable(
...     kind=np.array([DECISION, TERMINAL, TERMINAL], dtype=np.int8),
...     parent=np.array([-1, 0, 0]),
...     depth=np.array([0, 1, 1]),
...     mover=np.array([0, -1, -1]),
...     labels=["", "", ""],
...     actions=[("L", "R"), (), ()],
...     infoset_keys=None,
...     payoffs=np.array([[1.0], [0.5]]),
...     exact=[("1",), ("1/2",)],
...     probs={},
... )
>>> table.n_terminals, table.exact_payoffs(1)
(2, (Fraction(1, 2),))
>>> [lv.tolist() for lv in table.levels()]
[[0], [1, 2]]
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["CHANCE", "DECISION", "TERMINAL", "TreeTable", "exact_number"]

TERMINAL = 0
DECISION = 1
CHANCE = 2


def exact_number(value: int | Fraction | str) -> Fraction:
    """The exact value of a payoff as a table keeps it (number text, integer or fraction).

    Examples
    --------
    >>> exact_number("0.25"), exact_number(3), exact_number(Fraction(1, 3))
    (Fraction(1, 4), Fraction(3, 1), Fraction(1, 3))
    """
    if isinstance(value, str):
        # Text is checked when the table is made (the readers use parse_number's rules),
        # so Fraction reads it: decimals and n/d alike, exactly.
        return Fraction(value)
    return Fraction(value)


@dataclass(eq=False)
class TreeTable:
    """A numeric tree in preorder, as arrays (see the module docstring).

    Attributes
    ----------
    kind
        ``int8`` per node: :data:`TERMINAL`, :data:`DECISION` or :data:`CHANCE`.
    parent
        The parent's index (-1 at the root); parents come before children.
    depth
        The number of moves from the root.
    mover
        The player index at decision nodes, -1 elsewhere.
    labels
        The node labels.
    actions
        The action (or chance outcome) labels of each node; ``()`` at terminals.
    infoset_keys
        The ``infoset`` key of each node (``None``: a singleton information
        set); ``None`` when every decision node is its own information set.
    payoffs
        ``(n_terminals, n_players)`` floats, terminals in preorder.
    exact
        The same payoffs exactly, one sequence per terminal, as given.
    probs
        ``{chance node: its outcome probabilities}`` as fractions.
    """

    kind: npt.NDArray[np.int8]
    parent: npt.NDArray[np.int64]
    depth: npt.NDArray[np.integer[Any]]
    mover: npt.NDArray[np.int64]
    labels: list[str]
    actions: list[tuple[str, ...]]
    infoset_keys: list[Hashable | None] | None
    payoffs: npt.NDArray[np.float64]
    exact: Sequence[Sequence[int | Fraction | str]]
    probs: dict[int, tuple[Fraction, ...]]
    cache: dict[str, Any] = field(default_factory=dict, repr=False)
    """Arrays the solvers derive from the table (kept for the next call)."""

    def __len__(self) -> int:
        return len(self.kind)

    @property
    def n_terminals(self) -> int:
        """The number of terminal nodes."""
        return int(self.payoffs.shape[0])

    @cached_property
    def n_children(self) -> npt.NDArray[np.int64]:
        """The number of children of each node."""
        return np.bincount(self.parent[1:], minlength=len(self.kind)).astype(np.int64)

    @cached_property
    def terminal_row(self) -> npt.NDArray[np.int64]:
        """For each node, its row of :attr:`payoffs` (-1 at non-terminal nodes)."""
        rows = np.full(len(self.kind), -1, dtype=np.int64)
        terminal = self.kind == TERMINAL
        rows[terminal] = np.arange(int(terminal.sum()))
        return rows

    @cached_property
    def decision_nodes(self) -> npt.NDArray[np.int64]:
        """The decision nodes in preorder."""
        return np.flatnonzero(self.kind == DECISION)

    @cached_property
    def perfect_information(self) -> bool:
        """Whether every decision node is its own information set."""
        if self.infoset_keys is None:
            return True
        keyed = [
            (int(self.mover[k]), key)
            for k, key in enumerate(self.infoset_keys)
            if key is not None and self.kind[k] == DECISION
        ]
        return len(set(keyed)) == len(keyed)

    @property
    def is_exact(self) -> bool:
        """Always: a table holds rational payoffs and probabilities."""
        return True

    def exact_payoffs(self, row: int) -> tuple[Fraction, ...]:
        """The payoffs of terminal ``row`` as fractions (converted once, then kept)."""
        done: dict[int, tuple[Fraction, ...]] = self.cache.setdefault("exact", {})
        out = done.get(row)
        if out is None:
            out = done[row] = tuple(exact_number(v) for v in self.exact[row])
        return out

    def levels(self) -> list[npt.NDArray[np.int64]]:
        """The nodes of each depth, in preorder.

        The children of the nodes of one level are consecutive in the next,
        in the order of their parents (as
        :class:`~gametheory_alliances.solvers.array_backward_induction.ArrayTree`
        stores a tree).
        """
        found: list[npt.NDArray[np.int64]] | None = self.cache.get("levels")
        if found is None:
            depth = self.depth
            # A stable sort keeps preorder within a level; small integer depths sort by radix.
            small = depth.astype(np.int16) if int(depth.max(initial=0)) < 2**15 else depth
            order = np.argsort(small, kind="stable").astype(np.int64)
            counts = np.bincount(depth)
            found = np.split(order, np.cumsum(counts)[:-1])
            self.cache["levels"] = found
        return found
