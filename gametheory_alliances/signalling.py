"""Finite signalling games (sender-receiver games): the game, as data.

A *signalling game* (sender-receiver game) is played in three stages: chance
draws the sender's type from a prior, the sender (who knows its type) sends a
message, and the receiver (who sees the message but not the type) responds.
The tree may go on after the response with further moves of the *sender*
alone and of chance (a defender who, once challenged, fights or backs down):
such continuations are solved by the sender's sequential rationality, every
optimal continuation plan kept when the sender is indifferent.

* :class:`SignallingGame` recognises this structure in a
  :class:`~gametheory_alliances.sequential.SequentialGame` (a clear
  :class:`~gametheory_alliances.errors.GameError` when the tree is not a
  sender-receiver game) or is built directly from arrays with
  :meth:`SignallingGame.from_arrays`.
* :class:`ContinuationPlan` is a plan of the sender for the subtree after a
  response, with its payoffs, the conditions for it to be sequentially
  rational and the leaves it reaches; the game lists every such plan after
  each (type, message, response) in :attr:`SignallingGame.continuation_plans`.

The equilibria are computed elsewhere: numerically by
:func:`~gametheory_alliances.perfect_bayesian_equilibria` (in
:mod:`gametheory_alliances.solvers.perfect_bayesian`), in closed form by
:func:`~gametheory_alliances.pbe_regions` and ``closed_form``. Those names
were once defined here; importing them from this module still works for one
release, with a :class:`DeprecationWarning` that says where they moved.

Examples
--------
Beer-Quiche: the strong type prefers beer, the weak type quiche; each gets 1
for its preferred breakfast and 2 more if there is no duel; the receiver gets
1 for dueling the weak type or not dueling the strong one.

>>> from gametheory_alliances.signalling import SignallingGame
>>> game = SignallingGame.from_arrays(
...     types=["Strong", "Weak"], priors=["9/10", "1/10"],
...     messages=["Beer", "Quiche"], responses=["Duel", "Not duel"],
...     payoffs=[[[(1, 0), (3, 1)], [(0, 0), (2, 1)]],
...              [[(0, 1), (2, 0)], [(1, 1), (3, 0)]]],
...     players=["Sender", "Receiver"])
>>> game
SignallingGame(types=('Strong', 'Weak'), messages=('Beer', 'Quiche'), responses=(('Duel', 'Not duel'), ('Duel', 'Not duel')))
>>> game.sender, game.receiver, game.priors
('Sender', 'Receiver', (9/10, 1/10))
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import sympy

from .deprecation import moved
from .errors import GameError, TooLargeError
from .game import Game
from .parameters import Parameter
from .sequential import Chance, Decision, SequentialGame, Terminal

__all__ = [
    "ContinuationPlan",
    "SignallingGame",
]

MAX_PLANS = 4096
"""Most continuation plans of one subtree after a response."""


# -- continuation plans ----------------------------------------------------------------


@dataclass(frozen=True)
class ContinuationPlan:
    """A plan of the sender for the subtree after a response, with its consequences.

    ``choices``: (node path, action) for every sender decision node of the
    subtree; ``payoffs``: (sender, receiver) expected payoffs; ``conditions``:
    expressions that must be >= 0 for the plan to be sequentially rational;
    ``leaves``: (path, label, probability given the subtree is reached).
    """

    choices: tuple[tuple[tuple[str, ...], str], ...]
    payoffs: tuple[Any, Any]
    conditions: tuple[Any, ...]
    leaves: tuple[tuple[tuple[str, ...], str, Any], ...]


def _plans(
    node: Any, path: tuple[str, ...], sender: str, si: int, ri: int
) -> list[ContinuationPlan]:
    if isinstance(node, Terminal):
        return [
            ContinuationPlan((), (node.payoffs[si], node.payoffs[ri]), (), ((path, node.label, 1),))
        ]
    if isinstance(node, Chance):
        labels = list(node.outcomes)
        subs = [_plans(node.outcomes[a][1], (*path, a), sender, si, ri) for a in labels]
        if math.prod(len(s) for s in subs) > MAX_PLANS:
            raise TooLargeError(
                f"the continuation after {' > '.join(path)} has more than {MAX_PLANS} plans"
            )
        out = []
        for combo in itertools.product(*subs):
            probs = [node.outcomes[a][0] for a in labels]
            pay = tuple(
                sum((p * c.payoffs[i] for p, c in zip(probs, combo, strict=True)), sympy.Integer(0))
                for i in range(2)
            )
            out.append(
                ContinuationPlan(
                    tuple(ch for c in combo for ch in c.choices),
                    (pay[0], pay[1]),
                    tuple(x for c in combo for x in c.conditions),
                    tuple(
                        (lp, ll, p * lq)
                        for p, c in zip(probs, combo, strict=True)
                        for lp, ll, lq in c.leaves
                    ),
                )
            )
        return out
    if str(node.player) != sender:
        raise GameError(
            f"node {' > '.join(path)}: only the sender ({sender!r}) and chance may move after "
            f"the receiver's response, found a move of {node.player!r}"
        )
    labels = list(node.actions)
    subs = [_plans(node.actions[a], (*path, a), sender, si, ri) for a in labels]
    if len(labels) * math.prod(len(s) for s in subs) > MAX_PLANS:
        raise TooLargeError(
            f"the continuation after {' > '.join(path)} has more than {MAX_PLANS} plans"
        )
    out = []
    for combo in itertools.product(*subs):
        for k, a in enumerate(labels):
            chosen = combo[k]
            conds = tuple(x for c in combo for x in c.conditions) + tuple(
                chosen.payoffs[0] - other.payoffs[0] for j, other in enumerate(combo) if j != k
            )
            out.append(
                ContinuationPlan(
                    ((path, a), *(ch for c in combo for ch in c.choices)),
                    chosen.payoffs,
                    conds,
                    chosen.leaves,
                )
            )
    return out


# -- the game ---------------------------------------------------------------------------------


class SignallingGame(Game):
    """A finite sender-receiver game, as a view of a :class:`SequentialGame`.

    A :class:`~gametheory_alliances.game.Game` of kind ``"signalling"``: it
    wraps a tree, so :attr:`~gametheory_alliances.game.Game.is_tree` is true.

    The tree must have this shape: a chance move at the root (the sender's
    types, with their prior probabilities); after each type a move of the
    sender, alone in its information set, with the same messages for every
    type; after each message a move of the receiver whose information set
    holds exactly the nodes that follow that message (one per type); after
    each response a terminal node, or a subtree in which only the sender (in
    singleton information sets) and chance move.

    Parameters
    ----------
    game
        The sequential game.

    Attributes
    ----------
    game
        The underlying :class:`SequentialGame`.
    players
        The tree's player labels, in its order.
    sender, receiver
        The labels of the two players.
    types, messages
        Labels, in tree order.
    responses
        For each message, the receiver's response labels.
    priors
        The prior probability of each type (sympy expressions).

    Raises
    ------
    GameError
        If the tree is not a sender-receiver game; the message says which
        node breaks the structure.

    Examples
    --------
    >>> from gametheory_alliances.sequential import SequentialGame, Chance, Decision, Terminal
    >>> def after(t, m):
    ...     return Decision("Receiver", {"A": Terminal([1 if t == m else 0, 1]),
    ...                                  "B": Terminal([0, 0])}, infoset=m)
    >>> tree = SequentialGame(Chance({
    ...     t: ("1/2", Decision("Sender", {m: after(t, m) for m in ("x", "y")}))
    ...     for t in ("x", "y")}))
    >>> SignallingGame(tree)
    SignallingGame(types=('x', 'y'), messages=('x', 'y'), responses=(('A', 'B'), ('A', 'B')))
    """

    kind: ClassVar[str] = "signalling"

    def __init__(self, game: SequentialGame) -> None:
        if not isinstance(game, SequentialGame):
            raise GameError(
                f"expected a SequentialGame, found {type(game).__name__}; use "
                "SignallingGame.from_arrays for arrays"
            )
        self.game = game
        self.players: tuple[str, ...] = game.players
        self.parameters: dict[str, Parameter] = game.parameters
        self.title = game.title
        root = game.root
        if not isinstance(root, Chance):
            raise GameError(
                "not a signalling game: the root must be a chance move drawing the sender's "
                f"type, found {type(root).__name__}"
            )
        self.types: tuple[str, ...] = tuple(root.outcomes)
        self.priors: tuple[sympy.Expr, ...] = tuple(
            sympy.sympify(root.outcomes[t][0]) for t in self.types
        )
        senders = {
            str(root.outcomes[t][1].player)
            for t in self.types
            if isinstance(root.outcomes[t][1], Decision)
        }
        for t in self.types:
            node = root.outcomes[t][1]
            if not isinstance(node, Decision):
                raise GameError(
                    f"not a signalling game: after type {t!r} the sender must move, found "
                    f"{type(node).__name__}"
                )
        if len(senders) != 1:
            raise GameError(
                f"not a signalling game: one sender must move after every type, found {sorted(senders)}"
            )
        self.sender: str = senders.pop()
        first = root.outcomes[self.types[0]][1]
        self.messages: tuple[str, ...] = tuple(first.actions)
        receivers = set()
        for t in self.types:
            node = root.outcomes[t][1]
            if tuple(node.actions) != self.messages:
                raise GameError(
                    f"not a signalling game: type {t!r} has messages {tuple(node.actions)}, "
                    f"type {self.types[0]!r} has {self.messages}; every type needs the same messages"
                )
            for m in self.messages:
                sub = node.actions[m]
                if not isinstance(sub, Decision) or str(sub.player) == self.sender:
                    raise GameError(
                        f"not a signalling game: after {t!r} > {m!r} the receiver must move, "
                        f"found {type(sub).__name__}"
                        + (f" of {sub.player!r}" if isinstance(sub, Decision) else "")
                    )
                receivers.add(str(sub.player))
        if len(receivers) != 1:
            raise GameError(
                f"not a signalling game: one receiver must respond to every message, found {sorted(receivers)}"
            )
        self.receiver: str = receivers.pop()
        if set(game.players) != {self.sender, self.receiver}:
            raise GameError(
                f"not a signalling game: expected two players (the sender {self.sender!r} and the "
                f"receiver {self.receiver!r}), found {game.players}"
            )
        self._si = game.players.index(self.sender)
        self._ri = game.players.index(self.receiver)
        self.responses: tuple[tuple[str, ...], ...] = tuple(
            tuple(root.outcomes[self.types[0]][1].actions[m].actions) for m in self.messages
        )
        self._check_infosets()
        self._subtrees = [
            [
                [root.outcomes[t][1].actions[m].actions[r] for r in self.responses[j]]
                for j, m in enumerate(self.messages)
            ]
            for t in self.types
        ]
        self._plans = [
            [
                [
                    _plans(sub, (t, m, r), self.sender, self._si, self._ri)
                    for r, sub in zip(self.responses[j], self._subtrees[i][j], strict=True)
                ]
                for j, m in enumerate(self.messages)
            ]
            for i, t in enumerate(self.types)
        ]

    def _check_infosets(self) -> None:
        game = self.game
        for h in game.infosets:
            paths = [game.node_path(k) for k in h.nodes]
            player = game.players[h.player]
            if any(len(p) == 1 for p in paths):
                if len(paths) > 1:
                    raise GameError(
                        f"not a signalling game: the sender cannot tell types apart in information "
                        f"set {h.label!r}; the sender must know its type"
                    )
                continue
            if len(paths[0]) == 2:
                m = paths[0][1]
                want = {(t, m) for t in self.types}
                if set(paths) != want or any(p[1] != m for p in paths):
                    raise GameError(
                        f"not a signalling game: the receiver's information set {h.label!r} holds "
                        f"{sorted(paths)}; after message {m!r} it must hold exactly the nodes "
                        f"{sorted(want)} (one per type, that message only)"
                    )
                continue
            if len(paths) > 1 or player != self.sender:
                raise GameError(
                    f"not a signalling game: after the response only the sender may move, in "
                    f"singleton information sets; information set {h.label!r} of {player!r} "
                    f"holds {sorted(paths)}"
                )

    # -- construction from arrays -------------------------------------------------------

    @classmethod
    def from_arrays(
        cls,
        types: Sequence[str],
        priors: Sequence[Any],
        messages: Sequence[str],
        responses: Sequence[str] | Sequence[Sequence[str]],
        payoffs: Sequence[Sequence[Sequence[Sequence[Any]]]],
        *,
        players: Sequence[str] = ("Sender", "Receiver"),
        parameters: Any = None,
        title: str = "",
    ) -> SignallingGame:
        """A signalling game from arrays.

        Parameters
        ----------
        types, priors
            Type labels and their prior probabilities (numbers or expression text).
        messages
            Message labels.
        responses
            Response labels: one list for every message, or a list per message.
        payoffs
            ``payoffs[type][message][response]`` is the pair (sender, receiver).
        players
            The sender's and the receiver's labels.
        parameters, title
            As for :class:`SequentialGame`.

        Raises
        ------
        ShapeError, GameError
            Arrays of the wrong shape, names the offending entry.
        """
        from .errors import ShapeError

        types = [str(t) for t in types]
        messages = [str(m) for m in messages]
        if len(priors) != len(types):
            raise ShapeError(f"priors: expected {len(types)} (one per type), found {len(priors)}")
        if not types or not messages:
            raise ShapeError("a signalling game needs at least one type and one message")
        if responses and all(isinstance(r, str) for r in responses):
            per_message = [[str(r) for r in responses]] * len(messages)
        else:
            per_message = [[str(r) for r in rs] for rs in responses]
        if len(per_message) != len(messages) or any(not rs for rs in per_message):
            raise ShapeError(
                f"responses: expected one non-empty list of labels (or one per message: "
                f"{len(messages)}), found {responses!r}"
            )
        if len(players) != 2:
            raise ShapeError(f"players: expected the sender and the receiver, found {players!r}")
        s, r_ = str(players[0]), str(players[1])
        if len(payoffs) != len(types):
            raise ShapeError(
                f"payoffs: expected {len(types)} rows (one per type), found {len(payoffs)}"
            )
        outcomes = {}
        for i, t in enumerate(types):
            if len(payoffs[i]) != len(messages):
                raise ShapeError(
                    f"payoffs[{i}] (type {t!r}): expected {len(messages)} entries (one per "
                    f"message), found {len(payoffs[i])}"
                )
            acts = {}
            for j, m in enumerate(messages):
                row = payoffs[i][j]
                if len(row) != len(per_message[j]):
                    raise ShapeError(
                        f"payoffs[{i}][{j}] ({t!r}, {m!r}): expected {len(per_message[j])} "
                        f"pairs (one per response), found {len(row)}"
                    )
                leaves = {}
                for k, resp in enumerate(per_message[j]):
                    pair = row[k]
                    if isinstance(pair, str) or len(pair) != 2:
                        raise ShapeError(
                            f"payoffs[{i}][{j}][{k}]: expected a pair (sender, receiver), found {pair!r}"
                        )
                    leaves[resp] = Terminal([pair[0], pair[1]])
                acts[m] = Decision(r_, leaves, infoset=m)
            outcomes[t] = (priors[i], Decision(s, acts))
        tree = SequentialGame(Chance(outcomes), players=[s, r_], parameters=parameters, title=title)
        return cls(tree)

    # -- values -------------------------------------------------------------------------------

    @property
    def n_players(self) -> int:
        """The number of players (two: the sender and the receiver)."""
        return len(self.players)

    @property
    def free_parameters(self) -> tuple[str, ...]:
        """Names of the parameters the game's payoffs and priors use."""
        return self.game.free_parameters

    @property
    def is_numeric(self) -> bool:
        """Whether every payoff and probability is a number."""
        return self.game.is_numeric

    @property
    def is_exact(self) -> bool:
        """Whether every payoff and probability is rational."""
        return self.game.is_exact

    @property
    def continuation_plans(self) -> list[list[list[list[ContinuationPlan]]]]:
        """The sender's plans after each response: ``[type][message][response]``, a list of plans."""
        return self._plans

    def at(self, **values: Any) -> SignallingGame:
        """Bind parameter values (defaults for the rest) and return the numeric game."""
        return SignallingGame(self.game.at(**values))

    def type_label(self, i: int) -> str:
        """The label of type ``i``."""
        return self.types[i]

    def __repr__(self) -> str:
        return (
            f"SignallingGame(types={self.types}, messages={self.messages}, "
            f"responses={self.responses})"
        )


# -- names that moved to the solver and to the symbolic regions -------------------------------------

_MOVED_TO_SOLVER = (
    "BeliefSet",
    "MAX_CANDIDATES",
    "MAX_SUPPORT_PROFILES",
    "PBECertificate",
    "PBEResult",
    "PerfectBayesianEquilibrium",
    "perfect_bayesian_equilibria",
)
_MOVED_TO_REGIONS = (
    "ClosedForm",
    "PBERegion",
    "PBERegionsResult",
    "closed_form",
    "pbe_regions",
)


def __getattr__(name: str) -> Any:
    """A name that moved out of this module, with a DeprecationWarning (kept for one release)."""
    if name in _MOVED_TO_SOLVER:
        from .solvers import perfect_bayesian

        return moved(__name__, name, perfect_bayesian)
    if name in _MOVED_TO_REGIONS:
        from .symbolic import signalling as signalling_regions

        return moved(__name__, name, signalling_regions)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
