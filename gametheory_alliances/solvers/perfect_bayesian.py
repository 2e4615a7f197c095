"""Perfect Bayesian equilibria of finite signalling games, computed numerically.

:func:`perfect_bayesian_equilibria` lists every pure perfect Bayesian
equilibrium of a numeric :class:`~gametheory_alliances.signalling.SignallingGame`
and, with ``mixed=True``, every extreme mixed one (types mixing between
messages, the receiver mixing between responses), each with the beliefs that
support it: Bayes' rule on the path and, after an unsent message, the whole
set of supporting beliefs (an interval of Pr(first type | message) for two
types, a polytope given by its vertices otherwise). Each equilibrium is
marked by the Intuitive Criterion. The results are
:class:`PerfectBayesianEquilibrium` objects (with a :meth:`certify` that
re-checks them exactly) collected in a :class:`PBEResult`.

Outcomes. Label terminal nodes (``label = "war"`` in a model file) and ask
``eq.probability("war")`` of a numeric equilibrium; an action label works
too (``eq.probability("Challenge")``).

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

The module is one idea, the enumeration with its result objects, and runs
past a thousand lines for it; the exact linear algebra the enumeration rests
on is :mod:`gametheory_alliances.linalg`.

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

>>> from gametheory_alliances.signalling import SignallingGame
>>> from gametheory_alliances.solvers.perfect_bayesian import perfect_bayesian_equilibria
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

import dataclasses
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy

from ..equilibrium import SolverResult, format_number
from ..errors import GameError, SolverError, TooLargeError
from ..labels import mix_text
from ..linalg import polytope_vertices, simplex_constraints
from ..sequential import SequentialGame
from ..signalling import ContinuationPlan, SignallingGame
from .perfect_bayesian_trees import TreePBEResult, tree_perfect_bayesian_equilibria
from .tree_json import tree_equilibrium_json, tree_header
from .tree_refinements import RefinedPBEResult
from .tree_refinements import refine as refine_result

__all__ = [
    "BeliefSet",
    "PBECertificate",
    "PBEResult",
    "PerfectBayesianEquilibrium",
    "ReducedGame",
    "nonempty_subsets",
    "perfect_bayesian_equilibria",
]

MAX_SUPPORT_PROFILES = 2_000
"""Default bound on the support profiles the mixed enumeration visits (beyond it: pure only)."""

MAX_CANDIDATES = 200_000
"""Most pure (sender, receiver, continuation) candidates either enumeration examines."""

_CLASS_ORDER = {"separating": 0, "pooling": 1, "hybrid": 2, "semi-separating": 3}


# -- results -------------------------------------------------------------------------------------


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
            "vertices": [[format_number(x) for x in v] for v in self.vertices],
            "interval": None
            if self.interval is None
            else [format_number(x) for x in self.interval],
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

    @property
    def plan_selection(self) -> tuple[int, ...]:
        """Which continuation plan is played after each (type, message, response), by index.

        The indices run over ``game.continuation_plans`` in the order type,
        message, response.
        """
        return self._selection

    def sender_strategy_text(self) -> str:
        """The sender's strategy, type by type (``"Strong: Beer; Weak: Beer"``)."""
        return "; ".join(
            f"{t}: {mix_text(self.game.messages, p)}"
            for t, p in zip(self.game.types, self.sender, strict=True)
        )

    def receiver_strategy_text(self) -> str:
        """The receiver's strategy, message by message."""
        return "; ".join(
            f"{m}: {mix_text(self.game.responses[j], q)}"
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
        data = ReducedGame(self.game, self._selection)
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

    def behaviour_profile(
        self,
    ) -> tuple[dict[int, tuple[Any, ...]], dict[int, tuple[tuple[Any, ...], ...]]]:
        """The equilibrium on the tree: behaviour and beliefs by information set index.

        Returns ``(behaviour, beliefs)``: for each information set of
        ``game.game`` the probability of each action (the sender's message
        after each type, the receiver's response after each message, the
        sender's continuation plan, played for sure), and for each of the
        receiver's information sets the extreme points of its supporting
        beliefs over the set's nodes (one point, Bayes' rule, on the path).
        """
        g = self.game
        tree = g.game
        at = {nd.path: k for k, nd in enumerate(tree.nodes)}
        behaviour: dict[int, tuple[Any, ...]] = {}
        beliefs: dict[int, tuple[tuple[Any, ...], ...]] = {}
        for t, probs in zip(g.types, self.sender, strict=True):
            behaviour[tree.nodes[at[(t,)]].infoset] = probs
        for j, (m, probs) in enumerate(zip(g.messages, self.receiver, strict=True)):
            h = tree.nodes[at[(g.types[0], m)]].infoset
            behaviour[h] = probs
            # The belief vertices are over types; the set's nodes are (type, message).
            order = [g.types.index(tree.nodes[k].path[0]) for k in tree.infosets[h].nodes]
            beliefs[h] = tuple(tuple(v[i] for i in order) for v in self.beliefs[j].vertices)
        one: Any = Fraction(1) if self.exact else 1.0
        zero: Any = Fraction(0) if self.exact else 0.0
        for plan in self.continuation:
            for path, action in plan:
                info = tree.infosets[tree.nodes[at[tuple(path)]].infoset]
                behaviour[tree.nodes[at[tuple(path)]].infoset] = tuple(
                    one if a == action else zero for a in info.actions
                )
        return behaviour, beliefs

    def with_beliefs(self, beliefs: Sequence[BeliefSet]) -> PerfectBayesianEquilibrium:
        """The same equilibrium with other (narrower) supporting beliefs, its rule restated.

        A refinement (:func:`~.tree_refinements.refine`) keeps the beliefs
        that satisfy its restriction.
        """
        beliefs = tuple(beliefs)
        return dataclasses.replace(
            self, beliefs=beliefs, off_path_rule=_rule_text(self.game, beliefs)
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly dictionary (numbers as floats, and as exact text when exact).

        The fields every tree equilibrium has
        (:func:`~gametheory_alliances.solvers.tree_json.tree_equilibrium_json`:
        ``behaviour``, ``beliefs`` by information set and node, ``payoffs`` in
        player order, ``outcomes``, ``path``, ``exact``), and beside them the
        signalling game's own: ``classification``, ``family``, ``sender`` (by
        type), ``receiver`` (by message), ``message_beliefs`` (one
        :class:`BeliefSet` per message), ``payoffs_by_role`` (ex ante sender
        and receiver payoffs and the sender's by type), ``continuation``,
        ``off_path_rule`` and the Intuitive Criterion's verdict.
        """
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
            "message_beliefs": [b.to_dict() for b in self.beliefs],
            "payoffs_by_role": {
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
        tree_fields = tree_equilibrium_json(g.game, *self.behaviour_profile())
        tree_exact = tree_fields.pop("exact", None)
        d.update(tree_fields)
        if self.exact:
            d["exact"] = {
                "sender": [[format_number(x) for x in p] for p in self.sender],
                "receiver": [[format_number(x) for x in q] for q in self.receiver],
                "payoffs_by_role": {
                    "sender": format_number(self.sender_payoff),
                    "receiver": format_number(self.receiver_payoff),
                    "sender_by_type": [format_number(x) for x in self.sender_payoffs],
                },
                **(tree_exact or {}),
            }
        return d

    def __repr__(self) -> str:
        return (
            f"PerfectBayesianEquilibrium({self.classification}; sender {self.sender_strategy_text()}; "
            f"receiver {self.receiver_strategy_text()}; payoffs ({format_number(self.sender_payoff)}, "
            f"{format_number(self.receiver_payoff)}))"
        )

    def _repr_html_(self) -> str:
        """Strategies by type and by message, beliefs and payoffs, as an HTML table."""
        from ..display import pbe_html

        return pbe_html(self)

    def _repr_latex_(self) -> str:
        """Strategies by type and by message and payoffs, as an aligned LaTeX list."""
        from ..display import pbe_latex

        return pbe_latex(self)


@dataclass(frozen=True, eq=False, repr=False, init=False)
class PBEResult(SolverResult[PerfectBayesianEquilibrium]):
    """The perfect Bayesian equilibria of a signalling game and how they were found.

    A :class:`~gametheory_alliances.equilibrium.SolverResult` (a read-only
    sequence) of :class:`PerfectBayesianEquilibrium`, with its own JSON,
    text and notebook forms. Built as ``PBEResult(game, equilibria, exact,
    mixed, enumerated, notes)``.

    Attributes
    ----------
    game
        The numeric game solved.
    method
        ``"support enumeration"``.
    equilibria
        The equilibria in a deterministic order (pure first).
    exact
        Whether the arithmetic was exact (rational payoffs and priors).
    options
        The options the solver ran with.
    notes
        Further remarks (continuation ties, fall-backs).
    mixed
        Whether mixed equilibria were enumerated.
    enumerated
        A sentence saying what was enumerated.
    """

    game: SignallingGame
    mixed: bool = False
    enumerated: str = ""

    def __init__(
        self,
        game: SignallingGame,
        equilibria: tuple[PerfectBayesianEquilibrium, ...],
        exact: bool,
        mixed: bool,
        enumerated: str,
        notes: tuple[str, ...] = (),
        *,
        method: str = "support enumeration",
        options: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(game, method, equilibria, exact, {} if options is None else options, notes)
        # The class is frozen: its own fields are set as its generated __init__ would.
        object.__setattr__(self, "mixed", mixed)
        object.__setattr__(self, "enumerated", enumerated)

    def to_dict(self, concept: str = "pbe") -> dict[str, Any]:
        """The ``gta solve --concept pbe --json`` object.

        ``players`` (in the tree's order, the order of each equilibrium's
        ``payoffs``) and ``infosets`` as for every tree
        (:func:`~gametheory_alliances.solvers.tree_json.tree_header`),
        ``sender`` and ``receiver``, the ``types``, ``messages`` and
        ``responses``, what was ``enumerated``, ``notes`` and the
        ``equilibria`` (:meth:`PerfectBayesianEquilibrium.to_dict`).
        """
        g = self.game
        return {
            "concept": concept,
            **tree_header(g.game),
            "sender": g.sender,
            "receiver": g.receiver,
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
        from ..display import pbe_result_html

        return pbe_result_html(self)

    def _repr_latex_(self) -> str:
        """All the equilibria as an aligned LaTeX list."""
        from ..display import pbe_result_latex

        return pbe_result_latex(self)


# -- the numeric core -----------------------------------------------------------------------------


def _number(e: Any, what: str) -> Fraction:
    e = sympy.sympify(e)
    if isinstance(e, sympy.Rational):
        return Fraction(int(e.p), int(e.q))
    if e.free_symbols or not e.is_number:
        raise SolverError(f"{what} is {e}: bind the parameters with game.at(...) first")
    return Fraction(float(e))


@dataclass
class _Check:
    ok: bool
    weights: list[Fraction]
    sender_regrets: list[Fraction]
    receiver_regrets: list[Fraction | None]
    off_path_ok: list[bool]
    belief_vertices: list[list[tuple[Fraction, ...]]]
    values: list[list[Fraction]]


class ReducedGame:
    """The game with one continuation plan fixed after each (type, message, response)."""

    def __init__(self, game: SignallingGame, selection: tuple[int, ...]) -> None:
        self.game = game
        self.selection = selection
        nt, nm = len(game.types), len(game.messages)
        self.prior = [
            _number(p, f"prior of {t!r}") for p, t in zip(game.priors, game.types, strict=True)
        ]
        self.plans: list[list[list[ContinuationPlan]]] = []
        it = iter(selection)
        for i in range(nt):
            row = []
            for j in range(nm):
                row.append(
                    [
                        game.continuation_plans[i][j][k][next(it)]
                        for k in range(len(game.responses[j]))
                    ]
                )
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
        eq, ub = simplex_constraints(nt)
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
        return polytope_vertices(nt, eq, ub)

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
        for x in polytope_vertices(d, eq, ub):
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
        for x in polytope_vertices(d, eq, ub):
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


def nonempty_subsets(n: int) -> list[tuple[int, ...]]:
    """Every non-empty subset of ``range(n)``, as sorted tuples, smallest first."""
    return [c for size in range(1, n + 1) for c in itertools.combinations(range(n), size)]


def _selections(game: SignallingGame) -> tuple[list[tuple[int, ...]], list[str]]:
    """Every combination of sequentially rational continuation plans."""
    choices: list[list[int]] = []
    notes: list[str] = []
    for i, t in enumerate(game.types):
        for j, m in enumerate(game.messages):
            for k, r in enumerate(game.responses[j]):
                plans = game.continuation_plans[i][j][k]
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
                parts.append(f"after {m}: the belief Pr({t0} | {m}) = {format_number(lo)}")
            else:
                parts.append(
                    f"after {m}: any belief with Pr({t0} | {m}) in [{format_number(lo)}, {format_number(hi)}]"
                )
        else:
            vs = ", ".join("(" + ", ".join(format_number(x) for x in v) + ")" for v in b.vertices)
            parts.append(
                f"after {m}: any belief over ({', '.join(game.types)}) in the convex hull of {vs}"
            )
    if not parts:
        return "every message is on the path: beliefs follow Bayes' rule"
    return "; ".join(parts)


def _intuitive(
    data: ReducedGame, sigma: list[list[Fraction]], rho: list[list[Fraction]], check: _Check
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
    refine: str | None = None,
) -> PBEResult | TreePBEResult | RefinedPBEResult:
    """Every pure (and extreme mixed) perfect Bayesian equilibrium of a signalling game or tree.

    Parameters
    ----------
    game
        A numeric :class:`SignallingGame`, or a :class:`SequentialGame`: one
        with the signalling structure is solved here, any other tree by
        :func:`~.perfect_bayesian_trees.tree_perfect_bayesian_equilibria`
        (which returns a :class:`~.perfect_bayesian_trees.TreePBEResult`;
        ``max_support_profiles`` then keeps that function's default).
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
    refine
        ``None``, ``"intuitive"`` or ``"d1"``: keep only the equilibria that
        survive the Intuitive Criterion or D1 at every off-path information
        set reached by a deviation of a privately informed player
        (:func:`~.tree_refinements.refine`, the same test for signalling
        games and other trees).

    Returns
    -------
    PBEResult or TreePBEResult or RefinedPBEResult
        The equilibria, pure ones first, each with beliefs, payoffs, the off-path
        belief rule and the Intuitive Criterion verdict (a ``TreePBEResult``
        of assessments for a tree that is not a signalling game); with
        ``refine``, a ``RefinedPBEResult`` of the survivors, each with its
        restricted supporting beliefs.

    Raises
    ------
    SolverError
        If the game has unbound parameters.
    GameError
        If the game is neither a signalling game nor a tree.

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

    The Intuitive Criterion keeps the separating equilibrium only:

    >>> [eq.classification for eq in perfect_bayesian_equilibria(g, refine="intuitive")]
    ['separating']
    """
    if refine is not None:
        if refine not in ("intuitive", "d1"):
            raise SolverError(f"unknown refinement {refine!r}: expected intuitive or d1")
        unrefined = perfect_bayesian_equilibria(
            game, mixed=mixed, max_support_profiles=max_support_profiles
        )
        return refine_result(unrefined, refine)
    if isinstance(game, SequentialGame):
        tree = game
        try:
            game = SignallingGame(tree)
        except GameError:
            # Any other tree: the general enumeration of assessments.
            return tree_perfect_bayesian_equilibria(tree, mixed=mixed)
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
    sender_supports = list(itertools.product(*[nonempty_subsets(nm)] * nt))
    receiver_supports = list(
        itertools.product(*[nonempty_subsets(len(rs)) for rs in game.responses])
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
        data = ReducedGame(game, sel)
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
    return PBEResult(
        game,
        tuple(eqs),
        exact,
        do_mixed,
        enumerated,
        tuple(notes),
        options={"mixed": mixed, "max_support_profiles": max_support_profiles},
    )


def _build(
    data: ReducedGame, sigma: list[list[Fraction]], rho: list[list[Fraction]], exact: bool
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
            f"{t}: {mix_text(game.messages, p)}" for t, p in zip(game.types, sigma, strict=True)
        )
        + " | "
        + "; ".join(
            f"{m}: {mix_text(game.responses[j], rho[j])}"
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
