"""Perfect Bayesian equilibria of finite signalling games.

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
* :func:`perfect_bayesian_equilibria` lists every pure perfect Bayesian
  equilibrium and, with ``mixed=True``, every extreme mixed one (types mixing
  between messages, the receiver mixing between responses), each with the
  beliefs that support it: Bayes' rule on the path and, after an unsent
  message, the whole set of supporting beliefs (an interval of
  Pr(first type | message) for two types, a polytope given by its vertices
  otherwise). Each equilibrium is marked by the Intuitive Criterion.
* :func:`pbe_regions` derives, for a parameterised game with two types, the
  region of parameter space where each pure candidate is a perfect Bayesian
  equilibrium, the existence of a supporting off-path belief eliminated in
  closed form, with the candidate's payoffs and outcome probabilities as
  expressions; with ``mixed=True`` also the semi-separating candidates,
  their mixing probabilities as rational functions of the parameters.
* :func:`closed_form` turns an equilibrium found at one point (a
  semi-separating one, say) into expressions in the parameters: its mixing
  probabilities, payoffs and outcome probabilities (a war probability).

Outcomes. Label terminal nodes (``label = "war"`` in a model file) and ask
``eq.probability("war")`` of a numeric equilibrium, or of a
:class:`PBERegion` or :class:`ClosedForm` for the expression; an action
label works too (``eq.probability("Challenge")``).

Method. For every profile of supports (the messages each type sends, the
responses the receiver uses after each message) the equilibrium conditions
split into two linear systems: the receiver's indifference and optimality
conditions, multiplied by the probability of the message, are linear in the
sender's strategy; the sender's are linear in the receiver's strategy. The
vertices of both polytopes are enumerated in exact rational arithmetic and
every pair is re-checked (sequential rationality, Bayes' rule, existence of
off-path beliefs). The equilibria reported are therefore the extreme points
of the sets of equilibria with given supports, as for two-player normal-form
games; a continuum (for instance an interval of off-path mixing
probabilities) appears through its end points and is marked by its
``family``.

References
----------
I.-K. Cho and D. M. Kreps (1987), "Signaling games and stable equilibria",
*Quarterly Journal of Economics* 102(2), 179-221.

D. Fudenberg and J. Tirole (1991), "Perfect Bayesian equilibrium and
sequential equilibrium", *Journal of Economic Theory* 53(2), 236-260.

R. Gibbons (1992), *Game Theory for Applied Economists*, Princeton University
Press, section 4.2.

Examples
--------
Beer-Quiche: the strong type prefers beer, the weak type quiche; each gets 1
for its preferred breakfast and 2 more if there is no duel; the receiver gets
1 for dueling the weak type or not dueling the strong one.

>>> from gametheory_alliances.signalling import (
...     SignallingGame, perfect_bayesian_equilibria)
>>> game = SignallingGame.from_arrays(
...     types=["Strong", "Weak"], priors=["9/10", "1/10"],
...     messages=["Beer", "Quiche"], responses=["Duel", "Not duel"],
...     payoffs=[[[(1, 0), (3, 1)], [(0, 0), (2, 1)]],
...              [[(0, 1), (2, 0)], [(1, 1), (3, 0)]]],
...     players=["Sender", "Receiver"])
>>> result = perfect_bayesian_equilibria(game, mixed=False)
>>> for eq in result:
...     print(eq.classification, eq.sender_strategy_text(), eq.survives_intuitive_criterion)
pooling Strong: Beer; Weak: Beer True
pooling Strong: Quiche; Weak: Quiche False
>>> print(result[0].off_path_rule)
after Quiche: any belief with Pr(Strong | Quiche) in [0, 1/2]
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy

from .errors import GameError, SolverError, TooLargeError
from .parameters import Parameter
from .sequential import Chance, Decision, SequentialGame, Terminal

__all__ = [
    "BeliefSet",
    "ClosedForm",
    "PBECertificate",
    "PBERegion",
    "PBERegionsResult",
    "PBEResult",
    "PerfectBayesianEquilibrium",
    "SignallingGame",
    "closed_form",
    "pbe_regions",
    "perfect_bayesian_equilibria",
]

MAX_SUPPORT_PROFILES = 2_000
"""Default bound on the support profiles the mixed enumeration visits (beyond it: pure only)."""

MAX_CANDIDATES = 200_000
"""Most pure (sender, receiver, continuation) candidates either enumeration examines."""

MAX_PLANS = 4096
"""Most continuation plans of one subtree after a response."""

_CLASS_ORDER = {"separating": 0, "pooling": 1, "hybrid": 2, "semi-separating": 3}


# -- continuation plans ----------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
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


def _plans(node: Any, path: tuple[str, ...], sender: str, si: int, ri: int) -> list[_Plan]:
    if isinstance(node, Terminal):
        return [_Plan((), (node.payoffs[si], node.payoffs[ri]), (), ((path, node.label, 1),))]
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
                _Plan(
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
                _Plan(
                    ((path, a), *(ch for c in combo for ch in c.choices)),
                    chosen.payoffs,
                    conds,
                    chosen.leaves,
                )
            )
    return out


# -- exact linear algebra ------------------------------------------------------------------


def _rank(rows: list[list[Fraction]]) -> int:
    m = [list(r) for r in rows]
    rank = 0
    cols = len(m[0]) if m else 0
    for c in range(cols):
        p = next((i for i in range(rank, len(m)) if m[i][c] != 0), None)
        if p is None:
            continue
        m[rank], m[p] = m[p], m[rank]
        for i in range(rank + 1, len(m)):
            if m[i][c] != 0:
                f = m[i][c] / m[rank][c]
                m[i] = [x - f * y for x, y in zip(m[i], m[rank], strict=True)]
        rank += 1
    return rank


def _integer_row(row: Sequence[Fraction], b: Fraction) -> list[int]:
    scale = math.lcm(*(x.denominator for x in row), b.denominator)
    return [int(x * scale) for x in row] + [int(b * scale)]


def _solve_integer(rows: list[list[int]], d: int) -> list[Fraction] | None:
    """The unique solution of an integer system (augmented rows), or ``None``.

    Fraction-free (Bareiss) elimination: every intermediate entry is an
    integer and every division is exact.
    """
    m = [list(r) for r in rows]
    n = len(m)
    prev = 1
    for c in range(d):
        p = next((i for i in range(c, n) if m[i][c] != 0), None)
        if p is None:
            return None
        m[c], m[p] = m[p], m[c]
        pivot = m[c][c]
        for i in range(c + 1, n):
            f = m[i][c]
            row_i = m[i]
            row_c = m[c]
            for j in range(c + 1, d + 1):
                row_i[j] = (pivot * row_i[j] - f * row_c[j]) // prev
            row_i[c] = 0
        prev = pivot
    if any(m[i][d] != 0 for i in range(d, n)):
        return None
    x: list[Fraction] = [Fraction(0)] * d
    for c in range(d - 1, -1, -1):
        total = Fraction(m[c][d]) - sum((m[c][j] * x[j] for j in range(c + 1, d)), Fraction(0))
        x[c] = total / m[c][c]
    return x


def _vertices(
    d: int,
    eq: list[tuple[list[Fraction], Fraction]],
    ub: list[tuple[list[Fraction], Fraction]],
) -> list[tuple[Fraction, ...]]:
    """Vertices of the bounded polytope {x : E x = e, G x <= g} (exact, sorted).

    Every choice of ``d - rank(E)`` inequalities is made tight and solved in
    exact integer arithmetic; the solutions that satisfy every inequality
    are the vertices.
    """
    if d == 0:
        return [()] if all(b >= 0 for _, b in ub) and all(b == 0 for _, b in eq) else []
    eq_rows = [r for r, _ in eq]
    k = d - (_rank(eq_rows) if eq_rows else 0)
    eq_int = [_integer_row(r, b) for r, b in eq]
    ub_int = [_integer_row(r, b) for r, b in ub]
    found: set[tuple[Fraction, ...]] = set()
    for subset in itertools.combinations(range(len(ub)), k):
        x = _solve_integer(eq_int + [ub_int[i] for i in subset], d)
        if x is None:
            continue
        common = math.lcm(*(v.denominator for v in x))
        xi = [int(v * common) for v in x]
        if all(
            sum(a * v for a, v in zip(row[:d], xi, strict=True)) <= row[d] * common
            for row in ub_int
        ):
            found.add(tuple(x))
    return sorted(found, reverse=True)


def _simplex_constraints(
    d: int,
) -> tuple[list[tuple[list[Fraction], Fraction]], list[tuple[list[Fraction], Fraction]]]:
    one = [Fraction(1)] * d
    neg = [
        ([Fraction(-1) if j == i else Fraction(0) for j in range(d)], Fraction(0)) for i in range(d)
    ]
    return [(one, Fraction(1))], neg


# -- the game ---------------------------------------------------------------------------------


def _number(e: Any, what: str) -> Fraction:
    e = sympy.sympify(e)
    if isinstance(e, sympy.Rational):
        return Fraction(int(e.p), int(e.q))
    if e.free_symbols or not e.is_number:
        raise SolverError(f"{what} is {e}: bind the parameters with game.at(...) first")
    return Fraction(float(e))


class SignallingGame:
    """A finite sender-receiver game, as a view of a :class:`SequentialGame`.

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

    def __init__(self, game: SequentialGame) -> None:
        if not isinstance(game, SequentialGame):
            raise GameError(
                f"expected a SequentialGame, found {type(game).__name__}; use "
                "SignallingGame.from_arrays for arrays"
            )
        self.game = game
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


# -- results -------------------------------------------------------------------------------------


def _fmt(x: Any) -> str:
    return str(x) if isinstance(x, Fraction) else f"{float(x):.6g}"


def _out(x: Fraction, exact: bool) -> Any:
    return x if exact else float(x)


@dataclass(frozen=True)
class BeliefSet:
    """The receiver's beliefs after one message.

    Attributes
    ----------
    message
        The message.
    on_path
        Whether the message is sent with positive probability (then the
        belief is the Bayes posterior, one vertex).
    vertices
        The extreme points of the set of beliefs (probability of each type)
        that support the equilibrium after this message.
    interval
        For two types, ``(lo, hi)``: the supporting values of
        Pr(first type | message). ``None`` with more types.
    """

    message: str
    on_path: bool
    vertices: tuple[tuple[Any, ...], ...]
    interval: tuple[Any, Any] | None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly dictionary (numbers as text)."""
        return {
            "message": self.message,
            "on_path": self.on_path,
            "vertices": [[_fmt(x) for x in v] for v in self.vertices],
            "interval": None if self.interval is None else [_fmt(x) for x in self.interval],
        }


@dataclass(frozen=True)
class PBECertificate:
    """The outcome of re-checking a perfect Bayesian equilibrium.

    Attributes
    ----------
    ok
        Whether every condition holds.
    exact
        Whether the check was done in exact rational arithmetic.
    sender_regrets
        For each type, its best message payoff minus its equilibrium payoff.
    receiver_regrets
        For each on-path message, the receiver's best response payoff minus
        its payoff, under the Bayes posterior (``None`` off the path).
    bayes_consistent
        Whether the reported on-path beliefs are the Bayes posteriors.
    beliefs_exist
        Whether every off-path message has a belief (in the reported set)
        under which the receiver's responses are best.
    continuation_optimal
        Whether the sender's continuation plans are sequentially rational.
    """

    ok: bool
    exact: bool
    sender_regrets: tuple[Any, ...]
    receiver_regrets: tuple[Any, ...]
    bayes_consistent: bool
    beliefs_exist: bool
    continuation_optimal: bool

    def __bool__(self) -> bool:
        return self.ok


@dataclass(frozen=True, eq=False)
class PerfectBayesianEquilibrium:
    """A perfect Bayesian equilibrium of a numeric signalling game.

    Attributes
    ----------
    game
        The numeric :class:`SignallingGame`.
    classification
        ``"separating"`` (pure, every type its own message), ``"pooling"``
        (pure, one message for all types), ``"hybrid"`` (pure, some types
        share a message and others do not; three or more types) or
        ``"semi-separating"`` (some type mixes between messages).
    sender
        For each type, the probability of each message.
    receiver
        For each message, the probability of each response.
    beliefs
        One :class:`BeliefSet` per message.
    sender_payoffs
        Each type's expected payoff.
    receiver_type_payoffs
        The receiver's expected payoff against each type.
    sender_payoff, receiver_payoff
        Ex ante expected payoffs.
    continuation
        The sender's plan after each (type, message, response): tuples
        (node path, action); empty when the game ends at the response.
    off_path_rule
        The off-path belief rule in words.
    survives_intuitive_criterion
        Whether the equilibrium survives the Intuitive Criterion.
    intuitive_criterion
        For each unsent message: the types for which it is equilibrium
        dominated and the types that would break the equilibrium by sending it.
    family
        A label shared by equilibria with the same sender strategy and the
        same receiver behaviour on the path (they differ only in off-path
        responses or in the sender's continuation plans).
    exact
        Whether the numbers are exact fractions.
    """

    game: SignallingGame
    classification: str
    sender: tuple[tuple[Any, ...], ...]
    receiver: tuple[tuple[Any, ...], ...]
    beliefs: tuple[BeliefSet, ...]
    sender_payoffs: tuple[Any, ...]
    receiver_type_payoffs: tuple[Any, ...]
    sender_payoff: Any
    receiver_payoff: Any
    continuation: tuple[tuple[tuple[tuple[str, ...], str], ...], ...]
    off_path_rule: str
    survives_intuitive_criterion: bool
    intuitive_criterion: tuple[dict[str, Any], ...]
    family: str
    exact: bool
    _selection: tuple[int, ...] = field(repr=False, default=())
    _outcomes: tuple[tuple[tuple[str, ...], str, Any], ...] = field(repr=False, default=())

    @property
    def is_pure(self) -> bool:
        """Whether both players use pure strategies."""
        return all(max(p) == 1 for p in self.sender) and all(max(q) == 1 for q in self.receiver)

    def sender_strategy_text(self) -> str:
        """The sender's strategy, type by type (``"Strong: Beer; Weak: Beer"``)."""
        return "; ".join(
            f"{t}: {_mix_text(self.game.messages, p)}"
            for t, p in zip(self.game.types, self.sender, strict=True)
        )

    def receiver_strategy_text(self) -> str:
        """The receiver's strategy, message by message."""
        return "; ".join(
            f"{m}: {_mix_text(self.game.responses[j], q)}"
            for j, (m, q) in enumerate(zip(self.game.messages, self.receiver, strict=True))
        )

    def outcome_probabilities(self) -> dict[tuple[str, ...], Any]:
        """The probability of reaching each terminal node, keyed by its path of labels.

        Only leaves reached with positive probability are listed.
        """
        out: dict[tuple[str, ...], Any] = {}
        for path, _, p in self._outcomes:
            out[path] = out.get(path, 0) + p
        return out

    def probability(self, outcome: str) -> Any:
        """The probability of an outcome: leaves labelled ``outcome`` or whose path contains it.

        With the audience-costs model, ``eq.probability("war")`` is the
        probability of war and ``eq.probability("Challenge")`` the probability
        that the challenger challenges.
        """
        total: Any = Fraction(0) if self.exact else 0.0
        for path, label, p in self._outcomes:
            if label == outcome or outcome in path:
                total = total + p
        return total

    def certify(self) -> PBECertificate:
        """Re-check sequential rationality, Bayes' rule and off-path beliefs (exactly)."""
        data = _Reduced(self.game, self._selection)
        sigma = [[Fraction(x) for x in p] for p in self.sender]
        rho = [[Fraction(x) for x in q] for q in self.receiver]
        check = data.check(sigma, rho)
        bayes = True
        for j, b in enumerate(self.beliefs):
            if check.weights[j] > 0:
                post = data.posterior(sigma, j)
                bayes = (
                    bayes and b.on_path and tuple(Fraction(x) for x in b.vertices[0]) == tuple(post)
                )
            else:
                if b.on_path:
                    bayes = False
        exact = self.exact
        return PBECertificate(
            ok=check.ok and bayes and data.plans_optimal(),
            exact=exact,
            sender_regrets=tuple(_out(x, exact) for x in check.sender_regrets),
            receiver_regrets=tuple(
                None if x is None else _out(x, exact) for x in check.receiver_regrets
            ),
            bayes_consistent=bayes,
            beliefs_exist=all(check.off_path_ok),
            continuation_optimal=data.plans_optimal(),
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly dictionary (numbers as floats, and as exact text when exact)."""
        g = self.game
        d: dict[str, Any] = {
            "classification": self.classification,
            "family": self.family,
            "sender": {
                t: {m: float(x) for m, x in zip(g.messages, p, strict=True)}
                for t, p in zip(g.types, self.sender, strict=True)
            },
            "receiver": {
                m: {r: float(x) for r, x in zip(g.responses[j], q, strict=True)}
                for j, (m, q) in enumerate(zip(g.messages, self.receiver, strict=True))
            },
            "beliefs": [b.to_dict() for b in self.beliefs],
            "payoffs": {
                "sender": float(self.sender_payoff),
                "receiver": float(self.receiver_payoff),
                "sender_by_type": {
                    t: float(x) for t, x in zip(g.types, self.sender_payoffs, strict=True)
                },
            },
            "continuation": [
                {"after": list(path), "action": a} for plan in self.continuation for path, a in plan
            ],
            "off_path_rule": self.off_path_rule,
            "survives_intuitive_criterion": self.survives_intuitive_criterion,
            "intuitive_criterion": [dict(x) for x in self.intuitive_criterion],
        }
        if self.exact:
            d["exact"] = {
                "sender": [[_fmt(x) for x in p] for p in self.sender],
                "receiver": [[_fmt(x) for x in q] for q in self.receiver],
                "payoffs": {
                    "sender": _fmt(self.sender_payoff),
                    "receiver": _fmt(self.receiver_payoff),
                    "sender_by_type": [_fmt(x) for x in self.sender_payoffs],
                },
            }
        return d

    def __repr__(self) -> str:
        return (
            f"PerfectBayesianEquilibrium({self.classification}; sender {self.sender_strategy_text()}; "
            f"receiver {self.receiver_strategy_text()}; payoffs ({_fmt(self.sender_payoff)}, "
            f"{_fmt(self.receiver_payoff)}))"
        )

    def _repr_html_(self) -> str:
        """Strategies by type and by message, beliefs and payoffs, as an HTML table."""
        from .display import pbe_html

        return pbe_html(self)

    def _repr_latex_(self) -> str:
        """Strategies by type and by message and payoffs, as an aligned LaTeX list."""
        from .display import pbe_latex

        return pbe_latex(self)


def _mix_text(labels: Sequence[str], probs: Sequence[Any]) -> str:
    support = [(a, p) for a, p in zip(labels, probs, strict=True) if p != 0]
    if len(support) == 1:
        return support[0][0]
    return " + ".join(f"{_fmt(p)} {a}" for a, p in support)


@dataclass(frozen=True)
class PBEResult(Sequence[PerfectBayesianEquilibrium]):
    """The perfect Bayesian equilibria of a signalling game and how they were found.

    Attributes
    ----------
    game
        The numeric game solved.
    equilibria
        The equilibria in a deterministic order (pure first).
    exact
        Whether the arithmetic was exact (rational payoffs and priors).
    mixed
        Whether mixed equilibria were enumerated.
    enumerated
        A sentence saying what was enumerated.
    notes
        Further remarks (continuation ties, fall-backs).
    """

    game: SignallingGame
    equilibria: tuple[PerfectBayesianEquilibrium, ...]
    exact: bool
    mixed: bool
    enumerated: str
    notes: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.equilibria)

    def __getitem__(self, i: Any) -> Any:
        return self.equilibria[i]

    def __iter__(self) -> Iterator[PerfectBayesianEquilibrium]:
        return iter(self.equilibria)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly dictionary."""
        g = self.game
        return {
            "concept": "pbe",
            "players": [g.sender, g.receiver],
            "types": list(g.types),
            "messages": list(g.messages),
            "responses": [list(r) for r in g.responses],
            "enumerated": self.enumerated,
            "notes": list(self.notes),
            "equilibria": [e.to_dict() for e in self.equilibria],
        }

    def __repr__(self) -> str:
        lines = [f"PBEResult({len(self.equilibria)} equilibria; {self.enumerated})"]
        lines.extend(f"  {e!r}" for e in self.equilibria)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """All the equilibria as an HTML table, what was enumerated in the caption."""
        from .display import pbe_result_html

        return pbe_result_html(self)

    def _repr_latex_(self) -> str:
        """All the equilibria as an aligned LaTeX list."""
        from .display import pbe_result_latex

        return pbe_result_latex(self)


# -- the numeric core -----------------------------------------------------------------------------


@dataclass
class _Check:
    ok: bool
    weights: list[Fraction]
    sender_regrets: list[Fraction]
    receiver_regrets: list[Fraction | None]
    off_path_ok: list[bool]
    belief_vertices: list[list[tuple[Fraction, ...]]]
    values: list[list[Fraction]]


class _Reduced:
    """The game with one continuation plan fixed after each (type, message, response)."""

    def __init__(self, game: SignallingGame, selection: tuple[int, ...]) -> None:
        self.game = game
        self.selection = selection
        nt, nm = len(game.types), len(game.messages)
        self.prior = [
            _number(p, f"prior of {t!r}") for p, t in zip(game.priors, game.types, strict=True)
        ]
        self.plans: list[list[list[_Plan]]] = []
        it = iter(selection)
        for i in range(nt):
            row = []
            for j in range(nm):
                row.append([game._plans[i][j][k][next(it)] for k in range(len(game.responses[j]))])
            self.plans.append(row)
        self.us = [
            [[_number(p.payoffs[0], "payoff") for p in self.plans[i][j]] for j in range(nm)]
            for i in range(nt)
        ]
        self.ur = [
            [[_number(p.payoffs[1], "payoff") for p in self.plans[i][j]] for j in range(nm)]
            for i in range(nt)
        ]

    def plans_optimal(self) -> bool:
        return all(
            _number(c, "condition") >= 0
            for row in self.plans
            for cell in row
            for plan in cell
            for c in plan.conditions
        )

    def posterior(self, sigma: list[list[Fraction]], j: int) -> list[Fraction]:
        w = sum((self.prior[i] * sigma[i][j] for i in range(len(self.prior))), Fraction(0))
        return [self.prior[i] * sigma[i][j] / w for i in range(len(self.prior))]

    def belief_polytope(
        self, j: int, used: Sequence[int], allowed: Sequence[int] | None = None
    ) -> list[tuple[Fraction, ...]]:
        """Beliefs over types (zero outside ``allowed``) under which every response in ``used`` is best."""
        nt = len(self.prior)
        eq, ub = _simplex_constraints(nt)
        if allowed is not None:
            for i in range(nt):
                if i not in allowed:
                    eq.append(
                        ([Fraction(1) if k == i else Fraction(0) for k in range(nt)], Fraction(0))
                    )
        nr = len(self.game.responses[j])
        for r in used:
            for r2 in range(nr):
                if r2 != r:
                    ub.append(
                        ([self.ur[i][j][r2] - self.ur[i][j][r] for i in range(nt)], Fraction(0))
                    )
        if len(used) > 1:
            r0 = used[0]
            for r in used[1:]:
                eq.append(([self.ur[i][j][r] - self.ur[i][j][r0] for i in range(nt)], Fraction(0)))
        return _vertices(nt, eq, ub)

    def check(self, sigma: list[list[Fraction]], rho: list[list[Fraction]]) -> _Check:
        nt, nm = len(self.prior), len(self.game.messages)
        values = [
            [
                sum((rho[j][k] * self.us[i][j][k] for k in range(len(rho[j]))), Fraction(0))
                for j in range(nm)
            ]
            for i in range(nt)
        ]
        sender_regrets = [
            max(values[i]) - sum((sigma[i][j] * values[i][j] for j in range(nm)), Fraction(0))
            for i in range(nt)
        ]
        weights = [
            sum((self.prior[i] * sigma[i][j] for i in range(nt)), Fraction(0)) for j in range(nm)
        ]
        receiver_regrets: list[Fraction | None] = []
        off_ok = []
        verts: list[list[tuple[Fraction, ...]]] = []
        for j in range(nm):
            nr = len(rho[j])
            if weights[j] > 0:
                post = self.posterior(sigma, j)
                ev = [
                    sum((post[i] * self.ur[i][j][k] for i in range(nt)), Fraction(0))
                    for k in range(nr)
                ]
                receiver_regrets.append(
                    max(ev) - sum((rho[j][k] * ev[k] for k in range(nr)), Fraction(0))
                )
                off_ok.append(True)
                verts.append([tuple(post)])
            else:
                receiver_regrets.append(None)
                used = [k for k in range(nr) if rho[j][k] > 0]
                v = self.belief_polytope(j, used)
                off_ok.append(bool(v))
                verts.append(v)
        ok = (
            all(x == 0 for x in sender_regrets)
            and all(x is None or x == 0 for x in receiver_regrets)
            and all(off_ok)
        )
        return _Check(ok, weights, sender_regrets, receiver_regrets, off_ok, verts, values)

    # -- the two polytopes of a support profile ------------------------------------------------

    def sigma_vertices(
        self, supp_s: Sequence[Sequence[int]], supp_r: Sequence[Sequence[int]]
    ) -> list[tuple[Fraction, ...]]:
        """Vertices of the sender strategies (flattened) meeting the receiver's conditions.

        Only the probabilities in the support are variables; the receiver's
        indifference (within ``supp_r[j]``) and optimality (against responses
        outside it) after each message are weighted by the message's
        probability, which makes them linear.
        """
        nt, nm = len(self.prior), len(self.game.messages)
        variables = [(i, j) for i in range(nt) for j in supp_s[i]]
        d = len(variables)
        z = Fraction(0)
        eq: list[tuple[list[Fraction], Fraction]] = []
        ub: list[tuple[list[Fraction], Fraction]] = []
        for i in range(nt):
            eq.append(([Fraction(1) if v[0] == i else z for v in variables], Fraction(1)))
        for n in range(d):
            ub.append(([Fraction(-1) if k == n else z for k in range(d)], z))
        for j in range(nm):
            if not any(v[1] == j for v in variables):
                continue
            q = supp_r[j]
            r0 = q[0]

            def diff(r: int, j: int = j, r0: int = r0) -> list[Fraction]:
                return [
                    self.prior[i] * (self.ur[i][j][r] - self.ur[i][j][r0]) if jj == j else z
                    for i, jj in variables
                ]

            for r in q[1:]:
                eq.append((diff(r), z))
            for r in range(len(self.game.responses[j])):
                if r not in q:
                    ub.append((diff(r), z))
        out = []
        for x in _vertices(d, eq, ub):
            full = [z] * (nt * nm)
            for (i, j), value in zip(variables, x, strict=True):
                full[i * nm + j] = value
            out.append(tuple(full))
        return out

    def rho_vertices(
        self, supp_s: Sequence[Sequence[int]], supp_r: Sequence[Sequence[int]]
    ) -> list[tuple[Fraction, ...]]:
        """Vertices of the receiver strategies (flattened) meeting the sender's conditions."""
        nt, nm = len(self.prior), len(self.game.messages)
        offsets = [0]
        for j in range(nm):
            offsets.append(offsets[-1] + len(self.game.responses[j]))
        variables = [(j, r) for j in range(nm) for r in supp_r[j]]
        d = len(variables)
        z = Fraction(0)
        eq: list[tuple[list[Fraction], Fraction]] = []
        ub: list[tuple[list[Fraction], Fraction]] = []
        for j in range(nm):
            eq.append(([Fraction(1) if v[0] == j else z for v in variables], Fraction(1)))
        for n in range(d):
            ub.append(([Fraction(-1) if k == n else z for k in range(d)], z))

        def value_diff(i: int, j: int, j0: int) -> list[Fraction]:
            row = [z] * d
            for n, (jj, r) in enumerate(variables):
                if jj == j:
                    row[n] += self.us[i][j][r]
                if jj == j0:
                    row[n] -= self.us[i][j0][r]
            return row

        for i in range(nt):
            s = supp_s[i]
            j0 = s[0]
            for j in s[1:]:
                eq.append((value_diff(i, j, j0), z))
            for j in range(nm):
                if j not in s:
                    ub.append((value_diff(i, j, j0), z))
        out = []
        for x in _vertices(d, eq, ub):
            full = [z] * offsets[-1]
            for (j, r), value in zip(variables, x, strict=True):
                full[offsets[j] + r] = value
            out.append(tuple(full))
        return out

    def split_rho(self, flat: tuple[Fraction, ...]) -> list[list[Fraction]]:
        out, k = [], 0
        for rs in self.game.responses:
            out.append(list(flat[k : k + len(rs)]))
            k += len(rs)
        return out


def _nonempty_subsets(n: int) -> list[tuple[int, ...]]:
    return [c for size in range(1, n + 1) for c in itertools.combinations(range(n), size)]


def _selections(game: SignallingGame) -> tuple[list[tuple[int, ...]], list[str]]:
    """Every combination of sequentially rational continuation plans."""
    choices: list[list[int]] = []
    notes: list[str] = []
    for i, t in enumerate(game.types):
        for j, m in enumerate(game.messages):
            for k, r in enumerate(game.responses[j]):
                plans = game._plans[i][j][k]
                good = [
                    n
                    for n, p in enumerate(plans)
                    if all(_number(c, "continuation condition") >= 0 for c in p.conditions)
                ]
                if len(good) > 1:
                    notes.append(
                        f"the sender is indifferent in the continuation after {t} > {m} > {r}: "
                        f"each of its {len(good)} optimal plans is solved separately"
                    )
                choices.append(good)
    total = math.prod(len(c) for c in choices)
    if total > MAX_CANDIDATES:
        raise TooLargeError(
            f"{total} combinations of optimal continuation plans: more than {MAX_CANDIDATES}"
        )
    return [tuple(x) for x in itertools.product(*choices)], notes


def _classify(sigma: Sequence[Sequence[Fraction]]) -> str:
    if any(max(p) != 1 for p in sigma):
        return "semi-separating"
    sent = [p.index(max(p)) for p in sigma]
    if len(set(sent)) == 1:
        return "pooling"
    if len(set(sent)) == len(sent):
        return "separating"
    return "hybrid"


def _interval(
    game: SignallingGame, verts: Sequence[Sequence[Fraction]]
) -> tuple[Fraction, Fraction] | None:
    if len(game.types) != 2 or not verts:
        return None
    xs = [v[0] for v in verts]
    return (min(xs), max(xs))


def _rule_text(game: SignallingGame, beliefs: Sequence[BeliefSet]) -> str:
    parts = []
    t0 = game.types[0]
    for b in beliefs:
        if b.on_path:
            continue
        m = b.message
        if b.interval is not None:
            lo, hi = b.interval
            if lo == 0 and hi == 1:
                parts.append(f"after {m}: any belief")
            elif lo == hi:
                parts.append(f"after {m}: the belief Pr({t0} | {m}) = {_fmt(lo)}")
            else:
                parts.append(
                    f"after {m}: any belief with Pr({t0} | {m}) in [{_fmt(lo)}, {_fmt(hi)}]"
                )
        else:
            vs = ", ".join("(" + ", ".join(_fmt(x) for x in v) + ")" for v in b.vertices)
            parts.append(
                f"after {m}: any belief over ({', '.join(game.types)}) in the convex hull of {vs}"
            )
    if not parts:
        return "every message is on the path: beliefs follow Bayes' rule"
    return "; ".join(parts)


def _intuitive(
    data: _Reduced, sigma: list[list[Fraction]], rho: list[list[Fraction]], check: _Check
) -> tuple[bool, list[dict[str, Any]]]:
    game = data.game
    nt = len(data.prior)
    eq_pay = [
        sum((sigma[i][j] * check.values[i][j] for j in range(len(game.messages))), Fraction(0))
        for i in range(nt)
    ]
    survives = True
    report = []
    for j, m in enumerate(game.messages):
        if check.weights[j] > 0:
            continue
        nr = len(game.responses[j])
        rationalisable = [r for r in range(nr) if data.belief_polytope(j, [r])]
        dominated = [
            i for i in range(nt) if eq_pay[i] > max(data.us[i][j][r] for r in rationalisable)
        ]
        remaining = [i for i in range(nt) if i not in dominated]
        if not remaining:
            remaining = list(range(nt))
        responses = [r for r in range(nr) if data.belief_polytope(j, [r], remaining)]
        breaking = [i for i in range(nt) if min(data.us[i][j][r] for r in responses) > eq_pay[i]]
        if breaking:
            survives = False
        report.append(
            {
                "message": m,
                "equilibrium_dominated": [game.types[i] for i in dominated],
                "deviating_types": [game.types[i] for i in breaking],
            }
        )
    return survives, report


def perfect_bayesian_equilibria(
    game: SignallingGame | SequentialGame,
    *,
    mixed: bool = True,
    max_support_profiles: int = MAX_SUPPORT_PROFILES,
) -> PBEResult:
    """Every pure (and extreme mixed) perfect Bayesian equilibrium of a signalling game.

    Parameters
    ----------
    game
        A numeric :class:`SignallingGame` (or a :class:`SequentialGame` with
        the signalling structure).
    mixed
        Also enumerate equilibria in which types mix between messages or the
        receiver mixes between responses (on or off the path).
    max_support_profiles
        Games with more support profiles (products over types of non-empty
        message sets and over messages of non-empty response sets, times the
        continuation plans) get only their pure equilibria, and the result
        says so in ``enumerated`` and ``notes``. The work grows quickly: a
        game with two types, two messages and two responses has 81 profiles
        (a fraction of a second); two types, three messages and three
        responses have 16807 (tens of seconds).

    Returns
    -------
    PBEResult
        The equilibria, pure ones first, each with beliefs, payoffs, the off-path
        belief rule and the Intuitive Criterion verdict.

    Raises
    ------
    SolverError
        If the game has unbound parameters.
    GameError
        If a sequential game is not a signalling game.

    Examples
    --------
    Spence's job market: education costs the high type 1 and the low type
    3; an employer hires (worth 2 to either type) when it believes the
    worker is high. Prior 1/3 high.

    >>> g = SignallingGame.from_arrays(
    ...     ["High", "Low"], ["1/3", "2/3"], ["Educate", "Not"], ["Hire", "Reject"],
    ...     [[[(1, 1), (-1, 0)], [(2, 1), (0, 0)]],
    ...      [[(-1, 0), (-3, 1)], [(2, 0), (0, 1)]]])
    >>> result = perfect_bayesian_equilibria(g)
    >>> for eq in result:
    ...     print(eq.classification, "|", eq.receiver_strategy_text(), "|",
    ...           eq.survives_intuitive_criterion)
    separating | Educate: Hire; Not: Reject | True
    pooling | Educate: Reject; Not: Reject | False
    pooling | Educate: 1/2 Hire + 1/2 Reject; Not: Reject | False
    >>> print(result[1].off_path_rule)
    after Educate: any belief with Pr(High | Educate) in [0, 1/2]
    >>> bool(result[0].certify())
    True
    """
    if isinstance(game, SequentialGame):
        game = SignallingGame(game)
    if not isinstance(game, SignallingGame):
        raise GameError(f"expected a SignallingGame, found {type(game).__name__}")
    if not game.is_numeric:
        raise SolverError(
            f"the game has unbound parameters {', '.join(game.free_parameters)}: bind them with "
            "game.at(...) first, or use pbe_regions for the symbolic analysis"
        )
    exact = game.is_exact
    nt, nm = len(game.types), len(game.messages)
    selections, notes = _selections(game)
    sender_supports = list(itertools.product(*[_nonempty_subsets(nm)] * nt))
    receiver_supports = list(
        itertools.product(*[_nonempty_subsets(len(rs)) for rs in game.responses])
    )
    profiles = len(sender_supports) * len(receiver_supports) * len(selections)
    pure_count = nm**nt * math.prod(len(rs) for rs in game.responses) * len(selections)
    if pure_count > MAX_CANDIDATES:
        raise TooLargeError(
            f"{pure_count} pure (sender, receiver, continuation) candidates: more than "
            f"MAX_CANDIDATES = {MAX_CANDIDATES}"
        )
    do_mixed = mixed and profiles <= max_support_profiles
    if do_mixed:
        enumerated = (
            "every pure equilibrium and every extreme mixed equilibrium (all "
            f"{profiles} support profiles)"
        )
    else:
        enumerated = f"pure equilibria only ({pure_count} candidates)"
        if mixed:
            notes.append(
                f"mixed equilibria were not enumerated: {profiles} support profiles exceed "
                f"max_support_profiles = {max_support_profiles}"
            )
    found: dict[tuple[Any, ...], PerfectBayesianEquilibrium] = {}
    for sel in selections:
        data = _Reduced(game, sel)
        sigma_cache: dict[Any, list[tuple[Fraction, ...]]] = {}
        for supp_s in sender_supports:
            if not do_mixed and any(len(s) > 1 for s in supp_s):
                continue
            for supp_r in receiver_supports:
                if not do_mixed and any(len(q) > 1 for q in supp_r):
                    continue
                if all(len(s) == 1 for s in supp_s) and all(len(q) == 1 for q in supp_r):
                    sig_v: list[tuple[Fraction, ...]] = [
                        tuple(
                            Fraction(1) if j == supp_s[i][0] else Fraction(0)
                            for i in range(nt)
                            for j in range(nm)
                        )
                    ]
                    rho_v: list[tuple[Fraction, ...]] = [
                        tuple(
                            Fraction(1) if k == supp_r[j][0] else Fraction(0)
                            for j in range(nm)
                            for k in range(len(game.responses[j]))
                        )
                    ]
                else:
                    sent = {j for s in supp_s for j in s}
                    sig_key = (supp_s, tuple(q if j in sent else () for j, q in enumerate(supp_r)))
                    if sig_key not in sigma_cache:
                        sigma_cache[sig_key] = data.sigma_vertices(supp_s, supp_r)
                    sig_v = sigma_cache[sig_key]
                    if not sig_v:
                        continue
                    rho_v = data.rho_vertices(supp_s, supp_r)
                for sv in sig_v:
                    sigma = [list(sv[i * nm : (i + 1) * nm]) for i in range(nt)]
                    for rv in rho_v:
                        rho = data.split_rho(rv)
                        key = (sel, sv, rv)
                        if key in found:
                            continue
                        eq = _build(data, sigma, rho, exact)
                        if eq is not None:
                            found[key] = eq
    eqs = sorted(
        found.values(),
        key=lambda e: (
            not e.is_pure,
            _CLASS_ORDER[e.classification],
            tuple(-Fraction(x) for p in e.sender for x in p),
            tuple(-Fraction(x) for q in e.receiver for x in q),
            e._selection,
        ),
    )
    return PBEResult(game, tuple(eqs), exact, do_mixed, enumerated, tuple(notes))


def _build(
    data: _Reduced, sigma: list[list[Fraction]], rho: list[list[Fraction]], exact: bool
) -> PerfectBayesianEquilibrium | None:
    game = data.game
    check = data.check(sigma, rho)
    if not check.ok:
        return None
    nt, nm = len(game.types), len(game.messages)
    belief_sets = []
    for j in range(nm):
        interval = _interval(game, check.belief_vertices[j])
        belief_sets.append(
            BeliefSet(
                game.messages[j],
                check.weights[j] > 0,
                tuple(tuple(_out(x, exact) for x in v) for v in check.belief_vertices[j]),
                None if interval is None else (_out(interval[0], exact), _out(interval[1], exact)),
            )
        )
    beliefs = tuple(belief_sets)
    type_pay = [
        sum((sigma[i][j] * check.values[i][j] for j in range(nm)), Fraction(0)) for i in range(nt)
    ]
    recv_type = [
        sum(
            (
                sigma[i][j] * rho[j][k] * data.ur[i][j][k]
                for j in range(nm)
                for k in range(len(rho[j]))
            ),
            Fraction(0),
        )
        for i in range(nt)
    ]
    survives, report = _intuitive(data, sigma, rho, check)
    outcomes = []
    for i in range(nt):
        for j in range(nm):
            for k in range(len(rho[j])):
                w = data.prior[i] * sigma[i][j] * rho[j][k]
                if w == 0:
                    continue
                for path, label, p in data.plans[i][j][k].leaves:
                    q = w * _number(p, "probability")
                    if q:
                        outcomes.append((path, label, _out(q, exact)))
    on_path = [check.weights[j] > 0 for j in range(nm)]
    family = (
        _classify(sigma)
        + ": "
        + "; ".join(
            f"{t}: {_mix_text(game.messages, p)}" for t, p in zip(game.types, sigma, strict=True)
        )
        + " | "
        + "; ".join(
            f"{m}: {_mix_text(game.responses[j], rho[j])}"
            for j, m in enumerate(game.messages)
            if on_path[j]
        )
    )
    continuation = tuple(
        data.plans[i][j][k].choices
        for i in range(nt)
        for j in range(nm)
        for k in range(len(rho[j]))
    )
    return PerfectBayesianEquilibrium(
        game=game,
        classification=_classify(sigma),
        sender=tuple(tuple(_out(x, exact) for x in p) for p in sigma),
        receiver=tuple(tuple(_out(x, exact) for x in q) for q in rho),
        beliefs=beliefs,
        sender_payoffs=tuple(_out(x, exact) for x in type_pay),
        receiver_type_payoffs=tuple(_out(x, exact) for x in recv_type),
        sender_payoff=_out(
            sum((data.prior[i] * type_pay[i] for i in range(nt)), Fraction(0)), exact
        ),
        receiver_payoff=_out(
            sum((data.prior[i] * recv_type[i] for i in range(nt)), Fraction(0)), exact
        ),
        continuation=continuation,
        off_path_rule=_rule_text(game, beliefs),
        survives_intuitive_criterion=survives,
        intuitive_criterion=tuple(report),
        family=family,
        exact=exact,
        _selection=data.selection,
        _outcomes=tuple(outcomes),
    )


# -- symbolic regions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PBERegion:
    """A pure candidate equilibrium with the region where it is a perfect Bayesian equilibrium.

    Attributes
    ----------
    classification
        ``"separating"``, ``"pooling"`` or ``"semi-separating"``.
    sender
        ``{type: message}`` (the support, ``"Beer + Quiche"``, if it mixes).
    receiver
        ``{message: response}`` (likewise).
    continuation
        The sender's continuation plan after each (type, message, response).
    off_path_beliefs
        ``{message: condition}`` for each unsent message: a sympy boolean in
        the symbol ``mu`` (Pr(first type | message)) that the supporting
        beliefs satisfy, with ``0 <= mu <= 1``.
    region
        The :class:`~gametheory_alliances.symbolic.Region` of parameters
        where the profile is a perfect Bayesian equilibrium.
    payoffs
        Closed forms: ``{"sender": ex ante, "receiver": ex ante,
        "sender_by_type": {type: payoff}}``.
    outcomes
        ``(path, label, probability)`` of each terminal node the candidate
        reaches, the probability a closed form in the parameters.
    sender_probabilities, receiver_probabilities
        The strategies as expressions: for each type the probability of
        each message, for each message the probability of each response.
        For a mixed candidate, ``sender`` and ``receiver`` name the
        supports (``"Beer + Quiche"``).
    """

    classification: str
    sender: dict[str, str]
    receiver: dict[str, str]
    continuation: tuple[tuple[tuple[tuple[str, ...], str], ...], ...]
    off_path_beliefs: dict[str, Any]
    region: Any
    payoffs: dict[str, Any] = field(default_factory=dict)
    outcomes: tuple[tuple[tuple[str, ...], str, Any], ...] = ()
    sender_probabilities: tuple[tuple[Any, ...], ...] = ()
    receiver_probabilities: tuple[tuple[Any, ...], ...] = ()

    def probability(self, outcome: str) -> Any:
        """Closed-form probability of leaves labelled ``outcome`` or whose path contains it.

        With the audience-costs model, ``r.probability("war")`` is the war
        probability of the candidate as an expression in the parameters.
        """
        total = sympy.Integer(0)
        for path, label, p in self.outcomes:
            if label == outcome or outcome in path:
                total = total + p
        return sympy.factor(sympy.expand(total))

    def label(self) -> str:
        """A one-line description of the candidate."""
        s = "; ".join(f"{t}: {m}" for t, m in self.sender.items())
        r = "; ".join(f"{m}: {x}" for m, x in self.receiver.items())
        return f"{self.classification} [{s}] [{r}]"

    def __repr__(self) -> str:
        return f"PBERegion({self.label()}; {self.region})"

    def _repr_html_(self) -> str:
        """The candidate, its off-path beliefs, payoffs and condition, as an HTML table."""
        from .display import pbe_region_html

        return pbe_region_html(self)

    def _repr_latex_(self) -> str:
        """The candidate and its condition in LaTeX."""
        from .display import pbe_region_latex

        return pbe_region_latex(self)


@dataclass(frozen=True)
class PBERegionsResult(Sequence[PBERegion]):
    """The candidates of :func:`pbe_regions` with regions not provably empty.

    Attributes
    ----------
    game
        The game analysed.
    regions
        The candidates, pure ones first.
    notes
        What was skipped (mixed support profiles whose indifference
        conditions do not determine the strategies).
    """

    game: SignallingGame
    regions: tuple[PBERegion, ...]
    notes: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.regions)

    def __getitem__(self, i: Any) -> Any:
        return self.regions[i]

    def __iter__(self) -> Iterator[PBERegion]:
        return iter(self.regions)

    def at(self, **values: Any) -> list[PBERegion]:
        """The candidates whose regions contain the point."""
        return [r for r in self.regions if r.region.contains(**values)]

    def _repr_html_(self) -> str:
        """Every candidate with its condition (LaTeX), as an HTML table."""
        from .display import pbe_regions_html

        return pbe_regions_html(self)

    def _repr_latex_(self) -> str:
        """Every candidate and its condition, as an aligned LaTeX list."""
        from .display import pbe_regions_latex

        return pbe_regions_latex(self)


def _exists_belief(pairs: list[tuple[sympy.Expr, sympy.Expr]]) -> sympy.Basic:
    """Whether some mu in [0, 1] has mu*A + (1 - mu)*B >= 0 for every (A, B) (Helly in one dimension)."""
    from .symbolic import compare

    if not pairs:
        return sympy.true
    singles = [compare(a, "0+") | compare(b, "0+") for a, b in pairs]
    out = sympy.And(*singles)
    for (a1, b1), (a2, b2) in itertools.combinations(pairs, 2):
        pair = (
            (compare(a1, "0+") & compare(a2, "0+"))
            | (compare(b1, "0+") & compare(b2, "0+"))
            | (
                compare(b1, "-")
                & compare(a1, "0+")
                & compare(b2, "0+")
                & compare(a2, "-")
                & compare(sympy.expand(a1 * b2 - b1 * a2), "0+")
            )
            | (
                compare(b2, "-")
                & compare(a2, "0+")
                & compare(b1, "0+")
                & compare(a1, "-")
                & compare(sympy.expand(a2 * b1 - b2 * a1), "0+")
            )
        )
        out = out & pair
    return out


def pbe_regions(game: Any, *, assumptions: Any = None, mixed: bool = False) -> PBERegionsResult:
    """Regions of parameter space where each candidate is a perfect Bayesian equilibrium.

    For a signalling game with two types (any numbers of messages and
    responses), every pure candidate (sender strategy, receiver strategy,
    continuation plan) gets the conjunction of: the continuation plan's
    optimality; each type's preference for its message; the receiver's
    optimality after each sent message under Bayes' rule (written with the
    prior weights, so no division); and, after each unsent message, the
    existence of a belief ``mu = Pr(first type | message)`` in [0, 1] under
    which the receiver's response is best. That last condition is eliminated
    in closed form: the supporting beliefs form an interval cut out by one
    linear inequality in ``mu`` per alternative response, and (Helly's
    theorem on the line) the interval is non-empty exactly when every pair of
    those inequalities has a common solution in [0, 1].

    Parameters
    ----------
    game
        A :class:`SignallingGame`, a :class:`SequentialGame` with the
        signalling structure, or a catalogue model (its assumptions are then
        used).
    assumptions
        A sympy boolean (or a list of them) over the parameters that every
        region is intersected with; it prunes candidates, above all
        continuation plans that are optimal only where the model's
        assumptions fail.
    mixed
        Also derive mixed candidates (semi-separating equilibria, and the
        receiver mixing after a sent message): for every profile of supports
        whose indifference conditions determine both players' probabilities
        uniquely, the probabilities as rational functions of the parameters
        and the region where they are probabilities (weakly), every sent
        message has positive probability, no one gains by leaving the
        supports, and every unsent message (answered with a pure response)
        has a supporting belief. Profiles whose indifference conditions leave
        probabilities free (off-path mixing, or mixing that requires an
        equation among the parameters) are skipped and counted in ``notes``;
        the numeric solver lists those at each point.

    Returns
    -------
    PBERegionsResult
        The candidates with regions not provably empty, in enumeration order.

    Raises
    ------
    GameError
        If the game does not have exactly two types.
    TooLargeError
        If there are more than ``MAX_CANDIDATES`` candidates.

    Examples
    --------
    >>> from gametheory_alliances.parameters import Parameter
    >>> p = Parameter("p", "[0, 1]", "9/10")
    >>> g = SignallingGame.from_arrays(
    ...     ["Strong", "Weak"], ["p", "1 - p"], ["Beer", "Quiche"], ["Duel", "Not"],
    ...     [[[(1, 0), (3, 1)], [(0, 0), (2, 1)]], [[(0, 1), (2, 0)], [(1, 1), (3, 0)]]],
    ...     parameters=[p])
    >>> for r in pbe_regions(g):
    ...     print(r.label(), "|", r.region)
    pooling [Strong: Beer; Weak: Beer] [Beer: Not; Quiche: Duel] | 2*p >= 1
    separating [Strong: Beer; Weak: Quiche] [Beer: Duel; Quiche: Duel] | Eq(p, 0)
    separating [Strong: Beer; Weak: Quiche] [Beer: Not; Quiche: Not] | Eq(1, p)
    pooling [Strong: Quiche; Weak: Quiche] [Beer: Duel; Quiche: Not] | 2*p >= 1

    (The separating candidates hold only where one type has prior zero and
    its message is therefore off the path.)
    """
    from .symbolic import Region, compare

    assumed: list[Any] = []
    if hasattr(game, "assumptions") and hasattr(game, "game"):
        assumed.extend(cond for cond, _ in game.assumptions)
        game = game.game
    if isinstance(game, SequentialGame):
        game = SignallingGame(game)
    if not isinstance(game, SignallingGame):
        raise GameError(f"expected a signalling game or model, found {type(game).__name__}")
    if assumptions is not None:
        if isinstance(assumptions, list | tuple):
            assumed.extend(assumptions)
        else:
            assumed.append(assumptions)
    base = sympy.And(*assumed)
    if len(game.types) != 2:
        raise GameError(
            f"pbe_regions handles games with two types; this game has {len(game.types)}: "
            f"{game.types}"
        )
    nm = len(game.messages)
    plan_lists = [
        game._plans[i][j][k]
        for i in range(2)
        for j in range(nm)
        for k in range(len(game.responses[j]))
    ]
    n_sel = math.prod(len(p) for p in plan_lists)
    total = n_sel * nm**2 * math.prod(len(r) for r in game.responses)
    if total > MAX_CANDIDATES:
        raise TooLargeError(f"{total} pure candidates: more than MAX_CANDIDATES = {MAX_CANDIDATES}")
    mu = sympy.Symbol("mu", real=True)
    out = []
    mixed_out: list[PBERegion] = []
    skipped = 0
    prior = game.priors
    for sel in itertools.product(*[range(len(p)) for p in plan_lists]):
        it = iter(sel)
        plans = [
            [
                [game._plans[i][j][k][next(it)] for k in range(len(game.responses[j]))]
                for j in range(nm)
            ]
            for i in range(2)
        ]
        plan_cond = sympy.And(
            base,
            *[
                compare(c, "0+")
                for row in plans
                for cell in row
                for p in cell
                for c in p.conditions
            ],
        )
        if Region(plan_cond, game.parameters).is_empty():
            continue
        us = [[[p.payoffs[0] for p in cell] for cell in row] for row in plans]
        ur = [[[p.payoffs[1] for p in cell] for cell in row] for row in plans]
        for sent in itertools.product(range(nm), repeat=2):
            for resp in itertools.product(*[range(len(r)) for r in game.responses]):
                conds = [plan_cond]
                for i in range(2):
                    for j in range(nm):
                        if j != sent[i]:
                            conds.append(
                                compare(us[i][sent[i]][resp[sent[i]]] - us[i][j][resp[j]], "0+")
                            )
                beliefs: dict[str, Any] = {}
                for j in range(nm):
                    r = resp[j]
                    others = [k for k in range(len(game.responses[j])) if k != r]
                    pairs = [
                        (
                            sympy.expand(ur[0][j][r] - ur[0][j][k]),
                            sympy.expand(ur[1][j][r] - ur[1][j][k]),
                        )
                        for k in others
                    ]
                    senders = [i for i in range(2) if sent[i] == j]
                    exists = _exists_belief(pairs)
                    if senders:
                        w = sympy.Add(*[prior[i] for i in senders])
                        bayes = sympy.And(
                            *[
                                compare(
                                    sympy.expand(
                                        sum(prior[i] * (ur[i][j][r] - ur[i][j][k]) for i in senders)
                                    ),
                                    "0+",
                                )
                                for k in others
                            ]
                        )
                        if len(senders) == 2:
                            conds.append(bayes)
                        else:
                            conds.append((compare(w, "+") & bayes) | (compare(w, "0") & exists))
                    else:
                        conds.append(exists)
                        beliefs[game.messages[j]] = sympy.And(
                            *[compare(sympy.expand(mu * a + (1 - mu) * b), "0+") for a, b in pairs]
                        )
                region = Region(sympy.And(*conds), game.parameters)
                if region.is_empty():
                    continue
                cls = "pooling" if sent[0] == sent[1] else "separating"
                cells = [plans[i][sent[i]][resp[sent[i]]] for i in range(2)]
                by_type = {t: sympy.expand(cells[i].payoffs[0]) for i, t in enumerate(game.types)}
                payoffs = {
                    "sender": sympy.expand(sum(prior[i] * cells[i].payoffs[0] for i in range(2))),
                    "receiver": sympy.expand(sum(prior[i] * cells[i].payoffs[1] for i in range(2))),
                    "sender_by_type": by_type,
                }
                outcomes = tuple(
                    (path, label, sympy.expand(prior[i] * q))
                    for i in range(2)
                    for path, label, q in cells[i].leaves
                )
                out.append(
                    PBERegion(
                        classification=cls,
                        sender={t: game.messages[sent[i]] for i, t in enumerate(game.types)},
                        receiver={
                            m: game.responses[j][resp[j]] for j, m in enumerate(game.messages)
                        },
                        continuation=tuple(
                            p.choices for row in plans for cell in row for p in cell
                        ),
                        off_path_beliefs=beliefs,
                        region=region,
                        payoffs=payoffs,
                        outcomes=outcomes,
                        sender_probabilities=tuple(
                            tuple(sympy.Integer(int(j == sent[i])) for j in range(nm))
                            for i in range(2)
                        ),
                        receiver_probabilities=tuple(
                            tuple(
                                sympy.Integer(int(k == resp[j]))
                                for k in range(len(game.responses[j]))
                            )
                            for j in range(nm)
                        ),
                    )
                )
        if mixed:
            skipped += _mixed_regions(game, plans, plan_cond, mixed_out)
    notes: tuple[str, ...] = ()
    if skipped:
        notes = (
            f"{skipped} mixed support profiles were skipped: their indifference conditions do "
            "not determine the strategies (off-path mixing, or equations among the parameters)",
        )
    return PBERegionsResult(game, tuple(out + mixed_out), notes)


# -- closed forms of an equilibrium found at a point ---------------------------------------------------


@dataclass(frozen=True)
class ClosedForm:
    """An equilibrium's strategies, payoffs and outcome probabilities as expressions.

    Obtained by :func:`closed_form` from an equilibrium found at one point:
    the expressions solve the same indifference conditions symbolically, so
    they describe the equilibrium with that support wherever it exists.

    Attributes
    ----------
    sender
        For each type, the probability of each message.
    receiver
        For each message, the probability of each response.
    payoffs
        ``{"sender": ex ante, "receiver": ex ante, "sender_by_type": {type: payoff}}``.
    outcomes
        ``(path, label, probability)`` of each terminal node.
    """

    sender: tuple[tuple[Any, ...], ...]
    receiver: tuple[tuple[Any, ...], ...]
    payoffs: dict[str, Any]
    outcomes: tuple[tuple[tuple[str, ...], str, Any], ...]

    def probability(self, outcome: str) -> Any:
        """Closed-form probability of leaves labelled ``outcome`` or whose path contains it."""
        total = sympy.Integer(0)
        for path, label, p in self.outcomes:
            if label == outcome or outcome in path:
                total = total + p
        return sympy.factor(sympy.cancel(total))


def closed_form(
    game: Any, equilibrium: PerfectBayesianEquilibrium, *, fixed: dict[str, Any] | None = None
) -> ClosedForm:
    """The closed form of an equilibrium (mixed ones included) in the game's parameters.

    The equilibrium must have been found at a point of ``game`` (for example
    with ``perfect_bayesian_equilibria(game.at(...))``). Its supports and
    continuation plans are kept; the sender's probabilities solve the
    receiver's indifference conditions after each message where the receiver
    mixes, and the receiver's probabilities solve the indifference conditions
    of each type that mixes, now symbolically, together with every
    inequality that binds at the point (an off-path mixture that leaves a
    type exactly indifferent to deviating, for instance). Messages and
    responses outside the supports keep probability 0. Use a point off the
    boundaries of the equilibrium's region: at a degenerate point a
    coincidental tie can make the system inconsistent in general.

    Parameters
    ----------
    game
        The parameterised :class:`SignallingGame` (or sequential game, or
        catalogue model).
    equilibrium
        An equilibrium of a numeric version of ``game``.
    fixed
        Parameter values to substitute before solving (``{"kappa": 0}`` for
        the tied-hands case of the audience-costs model), so that the closed
        form is taken within that slice of parameter space.

    Raises
    ------
    SolverError
        If the indifference conditions do not determine the probabilities
        (the equilibrium lies in a continuum, or sits on a degenerate
        boundary); the message says which player's probabilities are free.

    Examples
    --------
    >>> from gametheory_alliances.parameters import Parameter
    >>> p = Parameter("p", "[0, 1]", "1/4")
    >>> g = SignallingGame.from_arrays(
    ...     ["Strong", "Weak"], ["p", "1 - p"], ["Beer", "Quiche"], ["Duel", "Not"],
    ...     [[[(1, 0), (3, 1)], [(0, 0), (2, 1)]], [[(0, 1), (2, 0)], [(1, 1), (3, 0)]]],
    ...     parameters=[p])
    >>> (eq,) = perfect_bayesian_equilibria(g.at(p="1/4"))
    >>> form = closed_form(g, eq)
    >>> form.sender[1]
    (-p/(p - 1), (2*p - 1)/(p - 1))
    >>> form.receiver[0]
    (1/2, 1/2)
    """
    if hasattr(game, "assumptions") and hasattr(game, "game"):
        game = game.game
    if isinstance(game, SequentialGame):
        game = SignallingGame(game)
    if not isinstance(game, SignallingGame):
        raise GameError(f"expected a signalling game or model, found {type(game).__name__}")
    num = equilibrium.game
    if (num.types, num.messages, num.responses) != (game.types, game.messages, game.responses):
        raise GameError("the equilibrium belongs to a game with other types, messages or responses")
    nt, nm = len(game.types), len(game.messages)
    it = iter(equilibrium._selection)
    plans = [
        [[game._plans[i][j][k][next(it)] for k in range(len(game.responses[j]))] for j in range(nm)]
        for i in range(nt)
    ]
    if fixed:
        from .parameters import as_number

        unknown = [k for k in fixed if k not in game.parameters]
        if unknown:
            raise GameError(
                f"fixed: unknown parameters {unknown}; the game has {list(game.parameters)}"
            )
        subs = {}
        for name, v in fixed.items():
            x = as_number(game.parameters[name].check(v), name)
            subs[game.parameters[name].symbol] = (
                sympy.Rational(x.numerator, x.denominator)
                if isinstance(x, Fraction)
                else sympy.Float(x)
            )

        def put(e: Any) -> Any:
            return sympy.sympify(e).xreplace(subs)

        plans = [
            [
                [
                    _Plan(
                        pl.choices,
                        (put(pl.payoffs[0]), put(pl.payoffs[1])),
                        pl.conditions,
                        tuple((a, b, put(q)) for a, b, q in pl.leaves),
                    )
                    for pl in cell
                ]
                for cell in row
            ]
            for row in plans
        ]
        prior = tuple(put(x) for x in game.priors)
    else:
        prior = game.priors
    supp_s = [[j for j in range(nm) if equilibrium.sender[i][j] != 0] for i in range(nt)]
    supp_r = [
        [k for k in range(len(game.responses[j])) if equilibrium.receiver[j][k] != 0]
        for j in range(nm)
    ]
    on_path = [b.on_path for b in equilibrium.beliefs]
    # sender probabilities: the receiver is indifferent within its support after each sent message
    s_vars = {(i, j): sympy.Dummy(f"s{i}_{j}") for i in range(nt) for j in supp_s[i]}
    s_eqs = [sum(s_vars[(i, j)] for j in supp_s[i]) - 1 for i in range(nt)]
    for j in range(nm):
        senders = [i for i in range(nt) if (i, j) in s_vars]
        if not on_path[j] or not senders:
            continue
        r0 = supp_r[j][0]
        for r in supp_r[j][1:]:
            s_eqs.append(
                sum(
                    prior[i]
                    * s_vars[(i, j)]
                    * (plans[i][j][r].payoffs[1] - plans[i][j][r0].payoffs[1])
                    for i in senders
                )
            )
    # receiver probabilities: every type is indifferent within its support
    r_vars = {(j, k): sympy.Dummy(f"r{j}_{k}") for j in range(nm) for k in supp_r[j]}
    r_eqs = [sum(r_vars[(j, k)] for k in supp_r[j]) - 1 for j in range(nm)]

    def value(i: int, j: int) -> Any:
        return sum(r_vars[(j, k)] * plans[i][j][k].payoffs[0] for k in supp_r[j])

    for i in range(nt):
        j0 = supp_s[i][0]
        for j in supp_s[i][1:]:
            r_eqs.append(value(i, j) - value(i, j0))
    # Inequalities that bind at the point pin down what indifference leaves free (for
    # instance an off-path mixture that keeps some type exactly indifferent to deviating).
    data = _Reduced(num, equilibrium._selection)
    sig_num = [[Fraction(x) for x in row] for row in equilibrium.sender]
    rho_num = [[Fraction(x) for x in row] for row in equilibrium.receiver]
    for j in range(nm):
        senders = [i for i in range(nt) if (i, j) in s_vars]
        if not on_path[j] or not senders:
            continue
        r0 = supp_r[j][0]
        for r in range(len(game.responses[j])):
            if r in supp_r[j]:
                continue
            at_point = sum(
                data.prior[i] * sig_num[i][j] * (data.ur[i][j][r] - data.ur[i][j][r0])
                for i in senders
            )
            if at_point == 0:
                s_eqs.append(
                    sum(
                        prior[i]
                        * s_vars[(i, j)]
                        * (plans[i][j][r].payoffs[1] - plans[i][j][r0].payoffs[1])
                        for i in senders
                    )
                )
    for i in range(nt):
        j0 = supp_s[i][0]
        for j in range(nm):
            if j in supp_s[i]:
                continue
            gap = sum(rho_num[j][k] * data.us[i][j][k] for k in supp_r[j]) - sum(
                rho_num[j0][k] * data.us[i][j0][k] for k in supp_r[j0]
            )
            if gap == 0:
                r_eqs.append(value(i, j) - value(i, j0))

    def solve(eqs: list[Any], variables: dict[Any, Any], who: str) -> dict[Any, Any]:
        unknowns = list(variables.values())
        solution = sympy.linsolve([sympy.expand(e) for e in eqs], unknowns)
        if not solution:
            raise SolverError(
                f"the {who}'s binding conditions have no solution in general: the point is "
                "degenerate (choose a point off the boundaries)"
            )
        (values,) = tuple(solution)
        if any(v.free_symbols & set(unknowns) for v in values):
            raise SolverError(
                f"the {who}'s indifference conditions do not determine its probabilities: the "
                "equilibrium lies in a continuum or on a degenerate boundary"
            )
        return {k: sympy.factor(sympy.cancel(v)) for k, v in zip(variables, values, strict=True)}

    sigma = solve(s_eqs, s_vars, "sender")
    rho = solve(r_eqs, r_vars, "receiver")
    sender = tuple(tuple(sigma.get((i, j), sympy.Integer(0)) for j in range(nm)) for i in range(nt))
    receiver = tuple(
        tuple(rho.get((j, k), sympy.Integer(0)) for k in range(len(game.responses[j])))
        for j in range(nm)
    )
    by_type = {}
    recv = sympy.Integer(0)
    outcomes = []
    for i, t in enumerate(game.types):
        u = sympy.Integer(0)
        for j in range(nm):
            for k in range(len(game.responses[j])):
                w = sender[i][j] * receiver[j][k]
                if w == 0:
                    continue
                u += w * plans[i][j][k].payoffs[0]
                recv += prior[i] * w * plans[i][j][k].payoffs[1]
                for path, label, q in plans[i][j][k].leaves:
                    outcomes.append((path, label, sympy.factor(sympy.cancel(prior[i] * w * q))))
        by_type[t] = sympy.factor(sympy.cancel(u))
    payoffs = {
        "sender": sympy.factor(
            sympy.cancel(sum(prior[i] * by_type[t] for i, t in enumerate(game.types)))
        ),
        "receiver": sympy.factor(sympy.cancel(recv)),
        "sender_by_type": by_type,
    }
    return ClosedForm(sender, receiver, payoffs, tuple(outcomes))


def _sign_condition(expr: Any, signs: str) -> sympy.Basic:
    """``expr`` (a rational function) has a sign in ``signs``, written with polynomials only."""
    from .symbolic import compare

    num, den = sympy.fraction(sympy.together(sympy.sympify(expr)))
    num, den = sympy.expand(num), sympy.expand(den)
    if den.is_number:
        return compare(num * sympy.sign(den), signs) if den != 0 else sympy.false
    flipped = "".join({"+": "-", "-": "+", "0": "0"}[c] for c in signs)
    return (compare(den, "+") & compare(num, signs)) | (compare(den, "-") & compare(num, flipped))


def _mixed_regions(
    game: SignallingGame, plans: list[list[list[_Plan]]], plan_cond: Any, out: list[PBERegion]
) -> int:
    """Append the mixed candidates of one continuation selection; return the number skipped."""
    from .symbolic import Region

    nm = len(game.messages)
    prior = game.priors
    skipped = 0
    us = [[[p.payoffs[0] for p in cell] for cell in row] for row in plans]
    ur = [[[p.payoffs[1] for p in cell] for cell in row] for row in plans]
    sender_supports = list(itertools.product(_nonempty_subsets(nm), repeat=2))
    receiver_supports = list(
        itertools.product(*[_nonempty_subsets(len(r)) for r in game.responses])
    )
    for supp_s in sender_supports:
        sent = sorted({j for s in supp_s for j in s})
        s_vars = {(i, j): sympy.Dummy(f"s{i}{j}") for i in range(2) for j in supp_s[i]}
        for supp_r in receiver_supports:
            if all(len(x) == 1 for x in supp_s) and all(len(q) == 1 for q in supp_r):
                continue
            if any(len(supp_r[j]) > 1 for j in range(nm) if j not in sent):
                skipped += 1
                continue
            s_eqs = [sum(s_vars[(i, j)] for j in supp_s[i]) - 1 for i in range(2)]
            for j in sent:
                q = supp_r[j]
                for r in q[1:]:
                    s_eqs.append(
                        sum(
                            prior[i] * s_vars[(i, j)] * (ur[i][j][r] - ur[i][j][q[0]])
                            for i in range(2)
                            if (i, j) in s_vars
                        )
                    )
            r_vars = {(j, k): sympy.Dummy(f"r{j}{k}") for j in range(nm) for k in supp_r[j]}
            r_eqs = [sum(r_vars[(j, k)] for k in supp_r[j]) - 1 for j in range(nm)]

            def value(i: int, j: int, r_vars: dict[Any, Any] = r_vars, supp_r: Any = supp_r) -> Any:
                return sum(r_vars[(j, k)] * us[i][j][k] for k in supp_r[j])

            for i in range(2):
                for j in supp_s[i][1:]:
                    r_eqs.append(value(i, j) - value(i, supp_s[i][0]))
            sigma = _unique(s_eqs, list(s_vars.values()))
            rho = _unique(r_eqs, list(r_vars.values())) if sigma is not None else None
            if sigma is None or rho is None:
                skipped += 1
                continue
            sig = {key: sigma[n] for n, key in enumerate(s_vars)}
            rh = {key: rho[n] for n, key in enumerate(r_vars)}
            conds = [plan_cond]
            conds += [_sign_condition(v, "0+") for v in (*sig.values(), *rh.values())]
            for j in sent:
                weight = sum(prior[i] * sig[(i, j)] for i in range(2) if (i, j) in sig)
                conds.append(_sign_condition(weight, "+"))
                q = supp_r[j]
                for r in range(len(game.responses[j])):
                    if r not in q:
                        conds.append(
                            _sign_condition(
                                sum(
                                    prior[i] * sig[(i, j)] * (ur[i][j][q[0]] - ur[i][j][r])
                                    for i in range(2)
                                    if (i, j) in sig
                                ),
                                "0+",
                            )
                        )

            def val(i: int, j: int, rh: dict[Any, Any] = rh, supp_r: Any = supp_r) -> Any:
                return sum(rh[(j, k)] * us[i][j][k] for k in supp_r[j])

            for i in range(2):
                for j in range(nm):
                    if j not in supp_s[i]:
                        conds.append(_sign_condition(val(i, supp_s[i][0]) - val(i, j), "0+"))
            for j in range(nm):
                if j in sent:
                    continue
                r = supp_r[j][0]
                pairs = [
                    (
                        sympy.expand(ur[0][j][r] - ur[0][j][k]),
                        sympy.expand(ur[1][j][r] - ur[1][j][k]),
                    )
                    for k in range(len(game.responses[j]))
                    if k != r
                ]
                conds.append(_exists_belief(pairs))
            region = Region(sympy.And(*conds), game.parameters)
            if region.is_empty():
                continue
            sender_p = tuple(
                tuple(sig.get((i, j), sympy.Integer(0)) for j in range(nm)) for i in range(2)
            )
            receiver_p = tuple(
                tuple(rh.get((j, k), sympy.Integer(0)) for k in range(len(game.responses[j])))
                for j in range(nm)
            )
            by_type = {}
            recv = sympy.Integer(0)
            outcomes = []
            for i, t in enumerate(game.types):
                u = sympy.Integer(0)
                for j in supp_s[i]:
                    for k in supp_r[j]:
                        w = sender_p[i][j] * receiver_p[j][k]
                        u += w * us[i][j][k]
                        recv += prior[i] * w * ur[i][j][k]
                        for path, label, pr in plans[i][j][k].leaves:
                            outcomes.append(
                                (path, label, sympy.factor(sympy.cancel(prior[i] * w * pr)))
                            )
                by_type[t] = sympy.factor(sympy.cancel(u))
            cls = (
                "semi-separating"
                if any(len(x) > 1 for x in supp_s)
                else ("pooling" if supp_s[0] == supp_s[1] else "separating")
            )
            out.append(
                PBERegion(
                    classification=cls,
                    sender={
                        t: " + ".join(game.messages[j] for j in supp_s[i])
                        for i, t in enumerate(game.types)
                    },
                    receiver={
                        m: " + ".join(game.responses[j][k] for k in supp_r[j])
                        for j, m in enumerate(game.messages)
                    },
                    continuation=tuple(p.choices for row in plans for cell in row for p in cell),
                    off_path_beliefs={},
                    region=region,
                    payoffs={
                        "sender": sympy.factor(
                            sympy.cancel(
                                sum(prior[i] * by_type[t] for i, t in enumerate(game.types))
                            )
                        ),
                        "receiver": sympy.factor(sympy.cancel(recv)),
                        "sender_by_type": by_type,
                    },
                    outcomes=tuple(outcomes),
                    sender_probabilities=sender_p,
                    receiver_probabilities=receiver_p,
                )
            )
    return skipped


def _unique(eqs: list[Any], unknowns: list[Any]) -> list[Any] | None:
    """The unique solution of a linear system with symbolic coefficients, or ``None``."""
    solution = sympy.linsolve([sympy.expand(e) for e in eqs], unknowns)
    if not solution:
        return None
    (values,) = tuple(solution)
    if any(v.free_symbols & set(unknowns) for v in values):
        return None
    return [sympy.factor(sympy.cancel(v)) for v in values]
