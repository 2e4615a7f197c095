"""Perfect Bayesian equilibria of any finite tree, by enumeration of behaviour profiles.

:func:`tree_perfect_bayesian_equilibria` lists the perfect Bayesian
equilibria of a numeric :class:`~gametheory_alliances.sequential.SequentialGame`
with chance moves and information sets. An equilibrium is an
:class:`Assessment`: a behaviour profile and, at every information set, a
belief over its nodes, such that

* the mover's continuation strategy is optimal at every information set,
  against every continuation strategy of its own (not only one-shot
  deviations), given the belief there and everybody's continuation play;
* the belief is given by Bayes' rule wherever the information set is
  reached with positive probability;
* off the path, any belief that makes the profile optimal there is allowed:
  the result reports the whole set of supporting beliefs at each such
  information set (an interval for two nodes, the vertices of a polytope
  otherwise), chosen independently at each information set (weak perfect
  Bayesian equilibrium; no consistency of beliefs across off-path
  information sets is imposed).

Method. Sequential rationality at an information set ``h`` of player ``j``
with belief ``mu`` says that for every pure continuation plan ``s`` of ``j``
from ``h``: ``sum_x mu(x) (u_j(x; s) - u_j(x; sigma)) <= 0``. These
conditions are linear in ``mu``; multiplied by the probability of reaching
``h`` they are linear in any one information set's behaviour, because a path
crosses an information set at most once (perfect recall). So

* every **pure** profile is checked exactly in rational arithmetic: Bayes'
  rule on the path, the supporting belief polytope off it;
* **mixed** equilibria are enumerated support profile by support profile
  (a support at every information set; all ``prod(2**m_h - 1)`` of them,
  bounded by ``max_support_profiles``, beyond which ``TooLargeError``):

  - where exactly one information set mixes and the conditions elsewhere
    do not depend on its mixing, they are linear in the mixing
    probabilities, and the vertices of that polytope are reported (the
    extreme points of the family), each re-checked exactly;
  - otherwise (several sets mix, or the mixing changes the payoffs at an
    off-path set, where the conditions are bilinear in belief and mixing)
    the unknowns are the mixing probabilities and the beliefs at the
    off-path sets, and the indifference conditions (every support action
    pays as much as the first, under the Bayes weights on the path and the
    belief off it) are polynomial. They are solved exactly: a
    lexicographic Groebner basis (exact elimination when linear) and the
    rational roots of its triangular form. Each rational solution in the
    simplices is turned into a profile and kept when the exact check of
    every condition passes (Bayes' rule, the supporting belief polytopes,
    every continuation plan). Where the solutions form a continuum, the
    points at which further conditions bind (an unplayed plan ties, a
    belief is zero; square systems only, at most ``max_tight`` per profile)
    are solved for instead: with the smaller supports they give the
    extreme points of the families that are polyhedral (one open mixing
    probability, linear conditions); the others are represented by those
    points only, and the notes count them. Irrational solutions are
    counted in the notes, not listed: assessments are rational here.

  Nothing is invented: every listed assessment passes the exact check, and
  every class of equilibria that is not listed by its extreme points is
  counted in ``notes``.

The profiles share most of the work: a subtree's value depends only on the
behaviour inside it, and the conditions at an information set only on the
behaviour above and below it (a continuation plan is the behaviour with the
plan's actions played for sure), so each is memoised by that behaviour for
the length of a call, and identical polynomial systems are solved once.

Payoffs given as floats are read as the exact rationals they are, so the
enumeration is exact in every case; ``exact`` says whether the game's
payoffs were rational to begin with (then the results are fractions).

The module is one idea, the enumeration of a tree's assessments with its
result objects: the pure profiles, the linear one-set families and the
polynomial systems share the tree's exact values, the plan conditions and
the check, which is why it is longer than 1000 lines.
:mod:`~.sequential_equilibria` filters its results by Kreps-Wilson
consistency.

References
----------
D. Fudenberg and J. Tirole (1991), *Game Theory*, MIT Press, section 8.2.

D. M. Kreps and R. Wilson (1982), "Sequential equilibria", *Econometrica*
50(4), 863-894.

R. Selten (1975), "Reexamination of the perfectness concept for equilibrium
points in extensive games", *International Journal of Game Theory* 4, 25-55.

Examples
--------
Selten's horse: player 1 continues (C) or ends (D); player 2, after C,
continues (c) or passes to player 3 (d); player 3 does not know whether 1
played D or 2 played d. (D, c, L) is a Nash equilibrium but 2's c is not
optimal once 2 is asked to move. In every perfect Bayesian equilibrium 1
plays C and 3 plays R; 2, then indifferent, may play c (and 3, not reached,
believes 2's d has probability at least 2/3) or d (3 is reached and knows it).

>>> from gametheory_alliances.sequential import SequentialGame, Decision, Terminal
>>> three = lambda k: Decision("3", {"L": Terminal(k[0]), "R": Terminal(k[1])}, infoset="3")
>>> horse = SequentialGame(Decision("1", {
...     "C": Decision("2", {"c": Terminal([1, 1, 1]),
...                          "d": three([[4, 4, 0], [1, 1, 1]])}),
...     "D": three([[3, 3, 2], [0, 0, 0]])}), players=["1", "2", "3"])
>>> result = tree_perfect_bayesian_equilibria(horse)
>>> [eq.choices() for eq in result]
[{'1 at root': 'C', '2 after C': 'c', '3': 'R'}, {'1 at root': 'C', '2 after C': 'd', '3': 'R'}]
>>> result[0].beliefs[2].interval
(Fraction(2, 3), Fraction(1, 1))
>>> print(result[0])
Assessment(1 at root: C; 2 after C: c; 3: R; belief at 3: Pr(C > d) in [2/3, 1]; payoffs (1, 1, 1))
>>> bool(result[0].certify())
True

A bluffing game in which two information sets must mix: the bettor, dealt
High or Low, bets or checks; the caller, not seeing the card, calls or
folds after a bet (ante 1, bet 1). The Low bettor bluffs with probability
1/3 and the caller calls with probability 2/3, believing High with 3/4:

>>> def hand(card, win):
...     call = Decision("Caller", {"Call": Terminal([2 * win, -2 * win]),
...                                "Fold": Terminal([1, -1])}, infoset="after Bet")
...     return Decision("Bettor", {"Bet": call, "Check": Terminal([win, -win])}, infoset=card)
>>> from gametheory_alliances.sequential import Chance
>>> poker = SequentialGame(Chance({"High": ("1/2", hand("High", 1)),
...                                "Low": ("1/2", hand("Low", -1))}))
>>> [eq.choices() for eq in tree_perfect_bayesian_equilibria(poker)]
[{'High': 'Bet', 'after Bet': {'Call': Fraction(2, 3), 'Fold': Fraction(1, 3)}, 'Low': {'Bet': Fraction(1, 3), 'Check': Fraction(2, 3)}}]
"""

from __future__ import annotations

import functools
import html
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy
import sympy.polys.rings
from sympy.polys.groebnertools import groebner
from sympy.polys.orderings import lex

from ..equilibrium import SolverResult, format_number
from ..errors import GameError, SolverError, TooLargeError
from ..labels import mixing_text
from ..linalg import polytope_vertices, rank, simplex_constraints, solve_unique
from ..sequential import SequentialGame
from .tree_json import tree_equilibrium_json, tree_header

__all__ = [
    "MAX_PLANS",
    "MAX_PROFILES",
    "MAX_SUPPORT_PROFILES",
    "MAX_TIGHT_SYSTEMS",
    "Assessment",
    "AssessmentCertificate",
    "InfosetBelief",
    "TreePBEResult",
    "assessment_of",
    "tree_perfect_bayesian_equilibria",
]

MAX_PROFILES = 200_000
"""Most pure behaviour profiles the enumeration examines (beyond it: ``TooLargeError``)."""

MAX_PLANS = 4_096
"""Most pure continuation plans of the mover at one information set."""

MAX_SUPPORT_PROFILES = 20_000
"""Default bound on the support profiles (a support at each information set) enumerated."""

MAX_TIGHT_SYSTEMS = 256
"""Default bound on the systems of binding conditions solved for one continuum of solutions."""

Form = tuple[Fraction, ...]
"""A linear form in the mixing probabilities (one coefficient each); constants repeat."""


# -- results -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InfosetBelief:
    """The belief at one information set.

    Attributes
    ----------
    label
        The information set's label.
    nodes
        The nodes of the set, each named by its path of action labels.
    on_path
        Whether the set is reached with positive probability (then the belief
        is the Bayes posterior, one vertex).
    vertices
        The extreme points of the set of supporting beliefs (probability of
        each node), in decreasing lexicographic order.
    interval
        For two nodes, ``(lo, hi)``: the supporting values of the first
        node's probability. ``None`` otherwise (or when the set is not convex).
    convex
        Whether the belief set is the convex hull of ``vertices`` (always
        for perfect Bayesian equilibria; the consistent beliefs of a
        sequential equilibrium can be a union of faces and points, which
        ``vertices`` then lists).
    """

    label: str
    nodes: tuple[str, ...]
    on_path: bool
    vertices: tuple[tuple[Fraction, ...], ...]
    interval: tuple[Fraction, Fraction] | None
    convex: bool = True

    def to_dict(self, exact: bool) -> dict[str, Any] | dict[str, float]:
        """``{node: probability}`` on the path; ``{"off_path": true, "vertices": [...]}`` off it."""

        def number(x: Fraction) -> Any:
            return str(x) if exact else float(x)

        if self.on_path:
            return {n: number(p) for n, p in zip(self.nodes, self.vertices[0], strict=True)}
        out: dict[str, Any] = {
            "off_path": True,
            "vertices": [
                {n: number(p) for n, p in zip(self.nodes, v, strict=True)} for v in self.vertices
            ],
        }
        if self.interval is not None:
            out["interval"] = [number(x) for x in self.interval]
        if not self.convex:
            out["convex"] = False
        return out


@dataclass(frozen=True)
class AssessmentCertificate:
    """The outcome of re-checking an assessment.

    Attributes
    ----------
    ok
        Whether every condition holds.
    exact
        Whether the check was exact (always, in rational arithmetic).
    regrets
        For each information set (label), the mover's best continuation
        payoff minus its equilibrium continuation payoff, conditional on the
        set (the largest over the reported belief vertices off the path).
    bayes_consistent
        Whether the on-path beliefs are the Bayes posteriors.
    """

    ok: bool
    exact: bool
    regrets: dict[str, Fraction]
    bayes_consistent: bool

    def __bool__(self) -> bool:
        return self.ok


@dataclass(frozen=True, eq=False)
class Assessment:
    """A perfect Bayesian equilibrium of a tree: behaviour, beliefs, payoffs.

    Attributes
    ----------
    game
        The numeric tree.
    profile
        For each information set (in the order of ``game.infosets``), the
        probability of each action (fractions).
    beliefs
        For each information set, its :class:`InfosetBelief`.
    payoffs
        Each player's expected payoff (fractions).
    exact
        Whether the game's payoffs are rational (numbers are then shown as
        fractions, else as floats).
    family
        ``"pure"``, or which information set mixes and over which actions.
    """

    game: SequentialGame = field(repr=False)
    profile: tuple[tuple[Fraction, ...], ...]
    beliefs: tuple[InfosetBelief, ...]
    payoffs: tuple[Fraction, ...]
    exact: bool
    family: str = "pure"

    @property
    def is_pure(self) -> bool:
        """Whether every information set has one action played for sure."""
        return all(sum(1 for p in probs if p) == 1 for probs in self.profile)

    @property
    def behaviour(self) -> dict[str, dict[str, Any]]:
        """``{information set label: {action: probability}}`` (fractions, or floats if not exact)."""
        return {
            h.label: {a: _shown(p, self.exact) for a, p in zip(h.actions, probs, strict=True)}
            for h, probs in zip(self.game.infosets, self.profile, strict=True)
        }

    def choices(self) -> dict[str, str | dict[str, Any]]:
        """``{information set: action}``; a ``{action: probability}`` dict where mixed."""
        out: dict[str, str | dict[str, Any]] = {}
        for h, probs in zip(self.game.infosets, self.profile, strict=True):
            support = {a: p for a, p in zip(h.actions, probs, strict=True) if p}
            out[h.label] = next(iter(support)) if len(support) == 1 else support
        return out

    def _reach(self) -> list[Fraction]:
        nodes = self.game.nodes
        reach = [Fraction(0)] * len(nodes)
        reach[0] = Fraction(1)
        probs = _exact_numbers(self.game)[1]
        for k, nd in enumerate(nodes):
            if nd.kind == "terminal" or not reach[k]:
                continue
            weights = probs[k] if nd.kind == "chance" else self.profile[nd.infoset]
            for w, c in zip(weights, nd.children, strict=True):
                reach[c] = reach[k] * w
        return reach

    @property
    def outcomes(self) -> dict[str, Any]:
        """``{terminal label: probability of ending there}``, summed over equal labels.

        A terminal node without a label is named by its path of action labels.
        """
        out: dict[str, Fraction] = {}
        for k, r in enumerate(self._reach()):
            nd = self.game.nodes[k]
            if nd.kind == "terminal" and r:
                name = nd.label or _node_name(nd.path)
                out[name] = out.get(name, Fraction(0)) + r
        return {name: _shown(p, self.exact) for name, p in out.items()}

    @property
    def path(self) -> tuple[str, ...]:
        """The actions and chance outcomes taken with positive probability, depth first."""
        nodes = self.game.nodes
        probs = _exact_numbers(self.game)[1]
        out: list[str] = []
        stack: list[tuple[str | None, int]] = [(None, 0)]
        while stack:
            label, k = stack.pop()
            if label is not None:
                out.append(label)
            nd = nodes[k]
            if nd.kind == "terminal":
                continue
            weights = probs[k] if nd.kind == "chance" else self.profile[nd.infoset]
            taken = [(a, c) for a, c, w in zip(nd.actions, nd.children, weights, strict=True) if w]
            stack.extend(reversed(taken))
        return tuple(out)

    def certify(self) -> AssessmentCertificate:
        """Re-check the assessment exactly, independently of the enumeration.

        At every information set the mover's best continuation value is
        computed by dynamic programming over its later information sets (not
        by the plan enumeration the solver uses) and compared with the
        profile's, under the Bayes posterior on the path and under every
        reported belief vertex off it (the conditions are linear in the
        belief, so the vertices stand for the whole set); the on-path beliefs
        are compared with Bayes' rule.
        """
        tree = _Tree(self.game)
        reach = self._reach()
        values = tree.values(self.profile)
        regrets: dict[str, Fraction] = {}
        bayes = True
        ok = True
        for h, info in enumerate(self.game.infosets):
            belief = self.beliefs[h]
            mass = sum((reach[x] for x in info.nodes), Fraction(0))
            if mass:
                posterior = tuple(reach[x] / mass for x in info.nodes)
                if not belief.on_path or belief.vertices != (posterior,):
                    bayes = False
                candidates: Sequence[tuple[Fraction, ...]] = (posterior,)
            else:
                candidates = belief.vertices
                if belief.on_path or not candidates:
                    bayes = False
            worst = Fraction(0)
            for mu in candidates:
                if any(m < 0 for m in mu) or sum(mu) != 1:
                    ok = False
                weighted = [(x, m) for x, m in zip(info.nodes, mu, strict=True) if m]
                best = tree.best_value(weighted, info.player, self.profile)
                own = sum((m * values[x][info.player] for x, m in weighted), Fraction(0))
                worst = max(worst, best - own)
            regrets[info.label] = worst
            ok = ok and worst <= 0
        return AssessmentCertificate(ok and bayes, True, regrets, bayes)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form every tree equilibrium shares (:func:`.tree_json.tree_equilibrium_json`).

        ``behaviour``, ``beliefs`` (the Bayes posterior on the path, the
        extreme points of the supporting beliefs off it), ``payoffs``,
        ``outcomes``, ``path``, ``exact`` for rational games, and the
        equilibrium's ``family``.
        """
        beliefs = {h: list(b.vertices) for h, b in enumerate(self.beliefs)}
        out = tree_equilibrium_json(self.game, dict(enumerate(self.profile)), beliefs)
        out["family"] = self.family
        return out

    def __repr__(self) -> str:
        parts = []
        for label, choice in self.choices().items():
            if isinstance(choice, str):
                parts.append(f"{label}: {choice}")
            else:
                mix = ", ".join(
                    f"{a} {format_number(_shown(p, self.exact))}" for a, p in choice.items()
                )
                parts.append(f"{label}: ({mix})")
        for b in self.beliefs:
            if not b.on_path and len(b.nodes) > 1:
                parts.append(f"belief at {b.label}: {_belief_text(b, self.exact)}")
        pay = ", ".join(format_number(_shown(v, self.exact)) for v in self.payoffs)
        return f"Assessment({'; '.join(parts)}; payoffs ({pay}))"


def _belief_text(b: InfosetBelief, exact: bool) -> str:
    if b.interval is not None:
        lo, hi = (format_number(_shown(x, exact)) for x in b.interval)
        return f"Pr({b.nodes[0]}) in [{lo}, {hi}]"
    return " or ".join(
        "(" + ", ".join(format_number(_shown(x, exact)) for x in v) + ")" for v in b.vertices
    ) + (" and mixtures" if len(b.vertices) > 1 and b.convex else "")


@dataclass(frozen=True, eq=False, repr=False)
class TreePBEResult(SolverResult[Assessment]):
    """The perfect Bayesian equilibria of a tree, with how they were computed.

    A :class:`~gametheory_alliances.equilibrium.SolverResult` of
    :class:`Assessment`; ``enumerated`` says which class of equilibria was
    enumerated completely, ``notes`` what was not.
    """

    game: SequentialGame = field(repr=False)
    enumerated: str = ""
    concept: str = "pbe"

    def to_dict(self, concept: str | None = None) -> dict[str, Any]:
        """The ``gta solve --concept pbe --json`` object of a tree (``concept``: the result's)."""
        header = tree_header(self.game)
        return {
            "players": header["players"],
            "infosets": header["infosets"],
            "concept": self.concept if concept is None else concept,
            "method": self.method,
            "enumerated": self.enumerated,
            "equilibria": [eq.to_dict() for eq in self.equilibria],
            **({"notes": list(self.notes)} if self.notes else {}),
        }

    def __repr__(self) -> str:
        concept = "" if self.concept == "pbe" else f"concept={self.concept!r}, "
        lines = [
            f"TreePBEResult({concept}method={self.method!r}, exact={self.exact}, "
            f"{len(self)} equilibria)",
            f"  enumerated: {self.enumerated}",
        ]
        lines += [f"  {eq!r}" for eq in self.equilibria]
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """Each equilibrium's behaviour, off-path beliefs and payoffs as an HTML table."""
        esc = html.escape
        rows = "".join(
            f"<tr><td>{k + 1}</td><td>{esc(' → '.join(eq.path))}</td><td>{esc(repr(eq))}</td></tr>"
            for k, eq in enumerate(self.equilibria)
        )
        return (
            f"<table><caption>{esc(self.method)}: {len(self)} {_TITLES.get(self.concept, '')}"
            " equilibria"
            f"</caption><tr><th>#</th><th>path</th><th>assessment</th></tr>{rows}</table>"
        )

    def _repr_latex_(self) -> None:
        """No LaTeX form: Jupyter shows the HTML table."""
        return None


_TITLES = {"pbe": "perfect Bayesian", "sequential": "sequential"}


# -- the tree as exact numbers -------------------------------------------------------------------


def _shown(x: Fraction, exact: bool) -> Any:
    return x if exact else float(x)


def _node_name(path: Sequence[str]) -> str:
    return " > ".join(path) if path else "root"


def _exact_numbers(game: SequentialGame) -> tuple[list[tuple[Fraction, ...]], list[Any]]:
    pays, probs = game.numbers()
    return (
        [tuple(Fraction(v) for v in p) for p in pays],
        [tuple(Fraction(v) for v in p) for p in probs],
    )


def _const(c: Fraction, k: int) -> Form:
    return (c,) * k


def _scale(f: Form, c: Fraction) -> Form:
    return tuple(c * v for v in f)


def _add(f: Form, g: Form) -> Form:
    return tuple(a + b for a, b in zip(f, g, strict=True))


def _mul(f: Form, g: Form) -> Form:
    # On the simplex a constant c is c * sum(p), so a constant times a linear form stays
    # linear; perfect recall guarantees that one factor is always constant.
    if all(v == f[0] for v in f):
        return _scale(g, f[0])
    if all(v == g[0] for v in g):
        return _scale(f, g[0])
    raise SolverError("internal: a product of two mixing probabilities (imperfect recall?)")


Assign = tuple[Any, ...]
"""Behaviour at every information set: an action played for sure (an ``int``), ``("s",
support)`` at the set whose mixing over ``support`` the forms are linear in, or ``("q",
probabilities)`` for a concrete mixture."""


class _Tree:
    """A numeric tree in exact rationals, with the mover's continuation plans per information set.

    Values of subtrees are memoised by the behaviour at the information sets inside them: the
    enumeration asks for the same subtree under many profiles that differ elsewhere, and a
    continuation plan is the behaviour with the plan's actions played for sure.
    """

    def __init__(self, game: SequentialGame, *, memo: bool = True) -> None:
        self.game = game
        self.nodes = game.nodes
        self.pays, self.probs = _exact_numbers(game)
        self.n = game.n_players
        self.plan_sets: list[tuple[int, ...]] = []
        for info in game.infosets:
            inside = {
                self.nodes[y].infoset
                for x in info.nodes
                for y in range(x, self.nodes[x].end)
                if self.nodes[y].kind == "decision" and self.nodes[y].player == info.player
            }
            self.plan_sets.append(tuple(sorted(inside)))
        self._plans: dict[int, list[dict[int, int]]] = {}
        # The information sets inside each subtree and above each node: the keys of the memos.
        below: list[tuple[int, ...]] = [()] * len(self.nodes)
        for x in range(len(self.nodes) - 1, -1, -1):
            nd = self.nodes[x]
            inside = {g for c in nd.children for g in below[c]}
            if nd.kind == "decision":
                inside.add(nd.infoset)
            below[x] = tuple(sorted(inside))
        self.below = below
        self.parent: list[tuple[int, int]] = [(-1, -1)] * len(self.nodes)
        self.above: list[tuple[int, ...]] = [()] * len(self.nodes)
        for x, nd in enumerate(self.nodes):
            mine = (nd.infoset,) if nd.kind == "decision" else ()
            for a, c in enumerate(nd.children):
                self.parent[c] = (x, a)
                self.above[c] = self.above[x] + mine
        self.memo = memo
        self._forms: dict[tuple[Any, ...], Form] = {}
        self._polys: dict[tuple[Any, ...], Any] = {}
        self._reach_polys: dict[tuple[Any, ...], Any] = {}
        self._ring: Any = None
        self._conditions: dict[tuple[Any, ...], list[Any]] = {}
        self._recalled: dict[tuple[Any, ...], Any] = {}
        # The gains at a set depend on the behaviour below it; a support system's conditions at
        # a set on the supports above and below it.
        self.inside = [
            tuple(sorted({g for x in info.nodes for g in self.below[x]})) for info in game.infosets
        ]
        self.deps = [
            tuple(sorted({g for x in info.nodes for g in (*self.above[x], *self.below[x])}))
            for info in game.infosets
        ]

    def plans(self, h: int) -> list[dict[int, int]]:
        """Every pure continuation plan of the mover at ``h`` (its actions at its later sets)."""
        if h not in self._plans:
            sets = self.plan_sets[h]
            count = math.prod(len(self.game.infosets[g].actions) for g in sets)
            if count > MAX_PLANS:
                raise TooLargeError(
                    f"information set {self.game.infosets[h].label!r}: {count} continuation plans "
                    f"of its mover, more than MAX_PLANS = {MAX_PLANS}"
                )
            self._plans[h] = [
                dict(zip(sets, combo, strict=True))
                for combo in itertools.product(
                    *(range(len(self.game.infosets[g].actions)) for g in sets)
                )
            ]
        return self._plans[h]

    def local(self, h: int, assign: Sequence[Any]) -> tuple[Any, ...]:
        """The behaviour at the sets above and below set ``h``: all its conditions depend on."""
        return tuple(assign[g] for g in self.deps[h])

    def recall(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """``compute()``, memoised by ``key`` for the life of the tree."""
        if key in self._recalled:
            return self._recalled[key]
        out = compute()
        if self.memo:
            self._recalled[key] = out
        return out

    def form_value(self, x: int, j: int, assign: Assign, k: int) -> Form:
        """Player ``j``'s value at node ``x`` as a linear form, under the behaviour ``assign``."""
        key = (k, x, j, tuple(assign[g] for g in self.below[x]))
        out = self._forms.get(key)
        if out is not None:
            return out
        nd = self.nodes[x]
        if nd.kind == "terminal":
            out = _const(self.pays[x][j], k)
        elif nd.kind == "chance":
            out = _const(Fraction(0), k)
            for p, c in zip(self.probs[x], nd.children, strict=True):
                out = _add(out, _scale(self.form_value(c, j, assign, k), p))
        else:
            b = assign[nd.infoset]
            if isinstance(b, int):
                out = self.form_value(nd.children[b], j, assign, k)
            elif b[0] == "q":
                out = _const(Fraction(0), k)
                for p, c in zip(b[1], nd.children, strict=True):
                    if p:
                        out = _add(out, _scale(self.form_value(c, j, assign, k), p))
            else:
                entries = []
                for a in b[1]:
                    v = self.form_value(nd.children[a], j, assign, k)
                    if any(e != v[0] for e in v):
                        raise SolverError(
                            "internal: a product of two mixing probabilities (imperfect recall?)"
                        )
                    entries.append(v[0])
                out = tuple(entries)
        if self.memo:
            self._forms[key] = out
        return out

    def form_reach(self, assign: Assign, k: int) -> list[Form]:
        """Every node's probability of being reached, as linear forms."""
        zero = _const(Fraction(0), k)
        reach: list[Form] = [zero] * len(self.nodes)
        reach[0] = _const(Fraction(1), k)
        for x, nd in enumerate(self.nodes):
            r = reach[x]
            if nd.kind == "chance":
                for p, c in zip(self.probs[x], nd.children, strict=True):
                    reach[c] = _scale(r, p)
                continue
            if nd.kind == "terminal":
                continue
            b = assign[nd.infoset]
            if isinstance(b, int):
                reach[nd.children[b]] = r
            elif b[0] == "q":
                for p, c in zip(b[1], nd.children, strict=True):
                    reach[c] = _scale(r, p)
            else:
                if any(e != r[0] for e in r):
                    raise SolverError(
                        "internal: a product of two mixing probabilities (imperfect recall?)"
                    )
                for t, a in enumerate(b[1]):
                    reach[nd.children[a]] = tuple(r[0] if s == t else Fraction(0) for s in range(k))
        return reach

    def values(self, profile: Sequence[Sequence[Fraction]]) -> list[list[Fraction]]:
        """Every node's value to every player under a concrete profile."""
        assign = _assign(profile)
        return [
            [self.form_value(x, j, assign, 1)[0] for j in range(self.n)]
            for x in range(len(self.nodes))
        ]

    def best_value(
        self,
        weighted: Sequence[tuple[int, Fraction]],
        player: int,
        profile: Sequence[Sequence[Any]],
    ) -> Fraction:
        """The player's best continuation value from weighted nodes, by dynamic programming.

        Perfect recall makes the player's next information sets below the
        weighted nodes disjoint groups that it optimises separately.
        """
        nodes = self.nodes
        total = Fraction(0)
        groups: dict[int, list[tuple[int, Fraction]]] = {}
        stack = list(weighted)
        while stack:
            y, w = stack.pop()
            nd = nodes[y]
            if nd.kind == "terminal":
                total += w * self.pays[y][player]
            elif nd.kind == "chance":
                stack.extend(
                    (c, w * p) for p, c in zip(self.probs[y], nd.children, strict=True) if p
                )
            elif nd.player == player:
                groups.setdefault(nd.infoset, []).append((y, w))
            else:
                stack.extend(
                    (c, w * p) for p, c in zip(profile[nd.infoset], nd.children, strict=True) if p
                )
        for group in groups.values():
            n_actions = len(nodes[group[0][0]].children)
            total += max(
                self.best_value([(nodes[y].children[a], w) for y, w in group], player, profile)
                for a in range(n_actions)
            )
        return total

    # -- polynomial forms, for the support systems ----------------------------------------------

    def poly_ring(self) -> Any:
        """The ring of every unknown a support system may use, in the order of the systems.

        The mixing probabilities ``p{h}_{a}`` (set by set, action by action) come before the
        beliefs ``m{h}_{i}``, so the unknowns of one system keep their order in it.
        """
        if self._ring is None:
            names = [
                f"p{h}_{a}"
                for h, info in enumerate(self.game.infosets)
                for a in range(len(info.actions))
            ]
            names += [
                f"m{h}_{i}"
                for h, info in enumerate(self.game.infosets)
                for i in range(len(info.nodes) - 1)
            ]
            self.symbols = tuple(sympy.Symbol(name) for name in names)
            self._ring = _ring(self.symbols)
            self.var = dict(zip(names, self._ring.gens, strict=True))
            self.symbol = dict(zip(names, self.symbols, strict=True))
            self.index = {v: i for i, v in enumerate(self.symbols)}
            self.qq_pays = [tuple(_qq(v) for v in p) for p in self.pays]
            self.qq_probs = [tuple(_qq(v) for v in p) for p in self.probs]
        return self._ring

    def poly_weight(self, h: int, s: tuple[int, ...], a: int) -> Any:
        """The probability of action ``a`` at set ``h`` mixing over ``s``, as a polynomial."""
        ring = self._ring
        if len(s) == 1:
            return ring.one if a == s[0] else ring.zero
        if a == s[0]:
            return ring.one - sum((self.var[f"p{h}_{b}"] for b in s[1:]), ring.zero)
        return self.var[f"p{h}_{a}"] if a in s else ring.zero

    def poly_value(self, x: int, j: int, supports: Sequence[tuple[int, ...]]) -> Any:
        """Player ``j``'s value at node ``x`` when each set mixes over its support."""
        key = (x, j, tuple(supports[g] for g in self.below[x]))
        out = self._polys.get(key)
        if out is not None:
            return out
        nd = self.nodes[x]
        ring = self._ring
        if nd.kind == "terminal":
            out = ring.one * self.qq_pays[x][j]
        elif nd.kind == "chance":
            out = ring.zero
            for p, c in zip(self.qq_probs[x], nd.children, strict=True):
                out = out + p * self.poly_value(c, j, supports)
        else:
            s = supports[nd.infoset]
            if len(s) == 1:
                out = self.poly_value(nd.children[s[0]], j, supports)
            else:
                out = ring.zero
                for a in s:
                    w = self.poly_weight(nd.infoset, s, a)
                    out = out + w * self.poly_value(nd.children[a], j, supports)
        if self.memo:
            self._polys[key] = out
        return out

    def poly_reach(self, x: int, supports: Sequence[tuple[int, ...]]) -> Any:
        """The probability of reaching node ``x`` when each set mixes over its support."""
        if x == 0:
            return self._ring.one
        key = (x, tuple(supports[g] for g in self.above[x]))
        out = self._reach_polys.get(key)
        if out is not None:
            return out
        y, a = self.parent[x]
        nd = self.nodes[y]
        if nd.kind == "chance":
            w = self.qq_probs[y][a]
        else:
            w = self.poly_weight(nd.infoset, supports[nd.infoset], a)
        out = self.poly_reach(y, supports) * w
        if self.memo:
            self._reach_polys[key] = out
        return out

    def conditions(
        self, h: int, supports: tuple[tuple[int, ...], ...], off: bool, *, plans: bool
    ) -> list[Any]:
        """The conditions of a support system at set ``h``, as polynomials.

        ``plans=False``: every action of the support pays as much as its first (the nonzero
        differences, ``= 0``). ``plans=True``: no continuation plan pays more than the first
        action, and, off the path, the belief is nonnegative (``<= 0``). ``off`` says whether
        the set is off the path; it depends on the supports above the set only, so the
        conditions are memoised by the supports above and below it.
        """
        key = (plans, h, tuple(supports[g] for g in self.deps[h]))
        out = self._conditions.get(key)
        if out is not None:
            return out
        info = self.game.infosets[h]
        nodes = self.nodes
        ring = self._ring
        j = info.player
        if off:
            mu = [self.var[f"m{h}_{i}"] for i in range(len(info.nodes) - 1)]
            w = [*mu, ring.one - sum(mu, ring.zero)]
        else:
            w = [self.poly_reach(x, supports) for x in info.nodes]
        s = supports[h]
        ref = [self.poly_value(nodes[x].children[s[0]], j, supports) for x in info.nodes]
        out = []
        if plans:
            for plan in self.plans(h):
                # Following a plan is playing its actions for sure.
                played = list(supports)
                for g, a in plan.items():
                    played[g] = (a,)
                out.append(
                    sum(
                        (
                            wx * (self.poly_value(x, j, played) - r)
                            for wx, x, r in zip(w, info.nodes, ref, strict=True)
                        ),
                        ring.zero,
                    )
                )
            if off:
                out.extend(-wx for wx in w)
        else:
            for a in s[1:]:
                gain = sum(
                    (
                        wx * (self.poly_value(nodes[x].children[a], j, supports) - r)
                        for wx, x, r in zip(w, info.nodes, ref, strict=True)
                    ),
                    ring.zero,
                )
                if gain != 0:
                    out.append(gain)
        if self.memo:
            self._conditions[key] = out
        return out


def _assign(profile: Sequence[Sequence[Fraction]]) -> Assign:
    """The behaviour of a concrete profile: actions played for sure as such, mixtures as such."""
    out: list[Any] = []
    for probs in profile:
        played = [a for a, p in enumerate(probs) if p]
        out.append(played[0] if len(played) == 1 and probs[played[0]] == 1 else ("q", tuple(probs)))
    return tuple(out)


# -- the enumeration -----------------------------------------------------------------------------


def _gain_rows(
    tree: _Tree, h: int, assign: Assign, k: int, mixing: tuple[int, tuple[int, ...]] | None
) -> list[list[Form]]:
    """For each plan (and, at the mixing set, each action it mixes over): the gains node by node."""
    mixes = mixing is not None and mixing[0] == h
    rows: list[list[Form]] = tree.recall(
        ("rows", h, k, mixes, tuple(assign[g] for g in tree.inside[h])),
        functools.partial(_plan_gains, tree, h, assign, k, mixing),
    )
    return rows


def _plan_gains(
    tree: _Tree, h: int, assign: Assign, k: int, mixing: tuple[int, tuple[int, ...]] | None
) -> list[list[Form]]:
    info = tree.game.infosets[h]
    j = info.player
    nodes = tree.nodes
    if mixing is not None and mixing[0] == h:
        # Mixing is optimal exactly when each action mixed over is: references free of the mix.
        refs = [
            [tree.form_value(nodes[x].children[a], j, assign, k) for x in info.nodes]
            for a in mixing[1]
        ]
    else:
        refs = [[tree.form_value(x, j, assign, k) for x in info.nodes]]
    rows = []
    for plan in tree.plans(h):
        # Following a plan is playing its actions for sure.
        played = list(assign)
        for g, a in plan.items():
            played[g] = a
        follow = tuple(played)
        dev = [tree.form_value(x, j, follow, k) for x in info.nodes]
        for ref in refs:
            rows.append([_add(d, _scale(r, Fraction(-1))) for d, r in zip(dev, ref, strict=True)])
    return rows


def _belief_vertices(rows: Sequence[Sequence[Fraction]], d: int) -> list[tuple[Fraction, ...]]:
    seen: dict[tuple[Fraction, ...], None] = {}
    for row in rows:
        # A row with no positive entry holds for every belief.
        if max(row) <= 0:
            continue
        scale = max(abs(v) for v in row)
        seen.setdefault(tuple(v / scale for v in row))
    return _simplex_vertices(d, list(seen))


def _simplex_vertices(d: int, rows: Sequence[Sequence[Fraction]]) -> list[tuple[Fraction, ...]]:
    """The vertices of ``{x in the simplex : row . x <= 0 for every row}``, in decreasing order.

    Two coordinates make the polytope an interval of ``t`` in ``x = (1 - t, t)``, whose ends
    are computed directly (most information sets have two nodes, most families one mixing
    probability); otherwise every choice of tight inequalities is solved.
    """
    if d != 2:
        eq, ub = simplex_constraints(d)
        return polytope_vertices(d, eq, ub + [(list(row), Fraction(0)) for row in rows])
    lo, hi = Fraction(0), Fraction(1)
    for r0, r1 in rows:
        # r0 (1 - t) + r1 t <= 0, that is r0 + (r1 - r0) t <= 0.
        c = r1 - r0
        if c > 0:
            hi = min(hi, -r0 / c)
        elif c < 0:
            lo = max(lo, -r0 / c)
        elif r0 > 0:
            return []
    if lo > hi:
        return []
    return sorted({(1 - lo, lo), (1 - hi, hi)}, reverse=True)


def _assessment(
    tree: _Tree, profile: tuple[tuple[Fraction, ...], ...], exact: bool, family: str
) -> Assessment | None:
    """The assessment of a concrete profile, or ``None`` when it is not a PBE."""
    game = tree.game
    assign = _assign(profile)
    reach = tree.form_reach(assign, 1)
    beliefs = []
    for h in range(len(game.infosets)):
        belief = tree.recall(
            ("belief", h, tree.local(h, assign)),
            functools.partial(_infoset_belief, tree, h, assign, reach),
        )
        if belief is None:
            return None
        beliefs.append(belief)
    payoffs = tuple(tree.form_value(0, j, assign, 1)[0] for j in range(tree.n))
    return Assessment(game, profile, tuple(beliefs), payoffs, exact, family)


def _infoset_belief(
    tree: _Tree, h: int, assign: Assign, reach: Sequence[Form]
) -> InfosetBelief | None:
    """The beliefs at ``h`` that make a concrete profile optimal there, or ``None``."""
    info = tree.game.infosets[h]
    rows = _gain_rows(tree, h, assign, 1, None)
    mass = sum((reach[x][0] for x in info.nodes), Fraction(0))
    names = tuple(_node_name(tree.nodes[x].path) for x in info.nodes)
    if mass:
        weights = [reach[x][0] for x in info.nodes]
        if any(sum(w * g[0] for w, g in zip(weights, row, strict=True)) > 0 for row in rows):
            return None
        vertices = [tuple(w / mass for w in weights)]
    else:
        vertices = _belief_vertices([[g[0] for g in row] for row in rows], len(info.nodes))
        if not vertices:
            return None
    interval = None
    if len(info.nodes) == 2:
        firsts = [v[0] for v in vertices]
        interval = (min(firsts), max(firsts))
    return InfosetBelief(info.label, names, bool(mass), tuple(vertices), interval)


def assessment_of(game: SequentialGame, profile: Sequence[Sequence[Any]]) -> Assessment | None:
    """The perfect Bayesian assessment of a behaviour profile, or ``None`` when it has none.

    Beliefs follow Bayes' rule where an information set is reached; off the
    path the set of supporting beliefs is computed. ``None`` when the profile
    is not sequentially rational under any such beliefs. The check is the
    enumeration's own, exact in rational arithmetic.

    Parameters
    ----------
    game
        A numeric :class:`~gametheory_alliances.sequential.SequentialGame`.
    profile
        For each information set (in the order of ``game.infosets``), the
        probability of each action (numbers or ``"1/2"`` text).

    Examples
    --------
    In entry deterrence the threat to fight is not sequentially rational:

    >>> from gametheory_alliances.sequential import SequentialGame, Decision, Terminal
    >>> entry = SequentialGame(Decision("Entrant", {"Out": Terminal([0, 2]),
    ...     "In": Decision("Incumbent", {"Fight": Terminal([-1, -1]),
    ...                                   "Accommodate": Terminal([1, 1])})}))
    >>> assessment_of(entry, [(0, 1), (1, 0)]) is None
    True
    >>> assessment_of(entry, [(0, 1), (0, 1)]).payoffs
    (Fraction(1, 1), Fraction(1, 1))
    """
    if not game.is_numeric:
        raise SolverError(
            f"the game has unbound parameters {', '.join(game.free_parameters)}: bind them with "
            "game.at(...) first"
        )
    sizes = [len(info.actions) for info in game.infosets]
    if len(profile) != len(sizes) or any(len(p) != n for p, n in zip(profile, sizes, strict=True)):
        raise GameError(
            f"assessment_of: expected a probability for each action at each information set "
            f"({sizes}), found {[len(p) for p in profile]}"
        )
    exact = tuple(tuple(Fraction(x) for x in probs) for probs in profile)
    return _assessment(_Tree(game), exact, game.is_exact, _family(game, exact))


def _one_hot(a: int, n: int) -> tuple[Fraction, ...]:
    return tuple(Fraction(int(j == a)) for j in range(n))


def _mixed_vertices(
    tree: _Tree, pure: Sequence[int], h_mix: int, support: tuple[int, ...]
) -> list[tuple[Fraction, ...]] | None:
    """Vertices of the mixing probabilities at ``h_mix`` over ``support``; ``None`` if skipped.

    ``None`` when the mixing changes the gains at another off-path set (bilinear conditions).
    """
    k = len(support)
    assign = tuple(("s", support) if h == h_mix else a for h, a in enumerate(pure))
    reach = tree.form_reach(assign, k)
    ub: list[Form] = []
    for h in range(len(tree.game.infosets)):
        kind, forms = tree.recall(
            ("bounds", h, h == h_mix, k, tree.local(h, assign)),
            functools.partial(_set_bounds, tree, h, assign, k, reach, (h_mix, support)),
        )
        if kind == "bilinear":
            return None
        if kind == "unsupported":
            return []
        ub.extend(forms)

    found: list[tuple[Fraction, ...]] = tree.recall(
        ("polytope", k, tuple(ub)), functools.partial(_simplex_vertices, k, ub)
    )
    return found


def _set_bounds(
    tree: _Tree,
    h: int,
    assign: Assign,
    k: int,
    reach: Sequence[Form],
    mixing: tuple[int, tuple[int, ...]],
) -> tuple[str, list[Form]]:
    """What set ``h`` asks of the mixing probabilities in a one-set family.

    On the path: ``("on", forms)``, the linear forms in the mixing
    probabilities that must be ``<= 0``. Off it: ``("bilinear", [])`` when
    the mixing changes the gains there, ``("unsupported", [])`` when no
    belief supports the profile there, else ``("free", [])``.
    """
    info = tree.game.infosets[h]
    rows = _gain_rows(tree, h, assign, k, mixing)
    if any(v > 0 for x in info.nodes for v in reach[x]):
        forms = []
        for row in rows:
            form = _const(Fraction(0), k)
            for x, g in zip(info.nodes, row, strict=True):
                form = _add(form, _mul(reach[x], g))
            if max(form) > 0:
                forms.append(form)
        return "on", forms
    if any(any(v != g[0] for v in g) for row in rows for g in row):
        return "bilinear", []
    if not _belief_vertices([[g[0] for g in row] for row in rows], len(info.nodes)):
        return "unsupported", []
    return "free", []


# -- several information sets mixing: polynomial systems -----------------------------------------


def _rational_solutions(polys: list[Any]) -> tuple[list[dict[str, Fraction]], int] | None:
    """Every rational solution of a polynomial system, and how many irrational ones lie in [0, 1].

    ``polys`` are elements of one sympy polynomial ring in lexicographic
    order, each of whose variables occurs. ``None`` when the solution set is
    positive-dimensional (a continuum). The reduced lexicographic Groebner
    basis of a zero-dimensional system is triangular: one of its polynomials
    is univariate in the last variable; each rational root is substituted
    and the rest solved the same way. The irrational roots (of the
    nonlinear factors) that lie in ``[0, 1]`` are counted, not followed:
    every variable is a probability.
    """
    ring = polys[0].ring
    n = ring.ngens
    if all(sum(m) <= 1 for g in polys for m in g.monoms()):
        return _linear_solutions(polys)
    basis = groebner(polys, ring)
    if any(g.is_ground for g in basis):
        return [], 0
    leads = [g.LM for g in basis]
    pure = {i for m in leads for i in range(n) if m[i] and sum(m) == m[i]}
    if len(pure) < n:
        return None
    last = ring.gens[-1]
    univariate = next(g for g in basis if not any(any(m[:-1]) for m in g.monoms()))
    solutions: list[dict[str, Fraction]] = []
    irrational = 0
    name = str(ring.symbols[-1])
    for factor, _ in univariate.factor_list()[1]:
        if factor.degree(last) > 1:
            poly = sympy.Poly(factor.as_expr(), ring.symbols[-1], domain="QQ")
            irrational += sum(
                1 for r in poly.real_roots() if -_ROOM <= float(r.evalf(30)) <= 1 + _ROOM
            )
            continue
        c1 = factor.coeff(last)
        c0 = factor.coeff(ring.one)
        root = -c0 / c1
        value = Fraction(int(root.numerator), int(root.denominator))
        if n == 1:
            solutions.append({name: value})
            continue
        rest = [g.evaluate(last, root) for g in basis]
        rest = [g for g in rest if g != 0]
        sub = _rational_solutions(_lex(rest)) if rest else None
        if sub is None:
            # A zero-dimensional system stays so when a coordinate is fixed; kept for safety.
            irrational += 1
            continue
        irrational += sub[1]
        solutions.extend({**p, name: value} for p in sub[0])
    return solutions, irrational


def _linear_solutions(polys: list[Any]) -> tuple[list[dict[str, Fraction]], int] | None:
    """The solution of a linear system (exact elimination): none, one, or ``None`` (a continuum)."""
    ring = polys[0].ring
    n = ring.ngens
    rows: list[list[Fraction]] = []
    rhs: list[Fraction] = []
    for g in polys:
        row = [Fraction(0)] * n
        b = Fraction(0)
        for m, c in g.items():
            value = Fraction(int(c.numerator), int(c.denominator))
            if any(m):
                row[m.index(1)] = value
            else:
                b = -value
        rows.append(row)
        rhs.append(b)
    r = rank(rows)
    if rank([[*row, b] for row, b in zip(rows, rhs, strict=True)]) > r:
        return [], 0
    if r < n:
        return None
    x = solve_unique(rows, rhs)
    if x is None:
        return [], 0
    return [{str(v): q for v, q in zip(ring.symbols, x, strict=True)}], 0


def _lex(polys: list[Any]) -> list[Any]:
    """The polynomials in the lexicographic ring of the variables that occur (in their order)."""
    ring = polys[0].ring
    used = sorted({i for p in polys for m in p for i, e in enumerate(m) if e})
    if len(used) == ring.ngens:
        return polys
    target = _ring(tuple(ring.symbols[i] for i in used))
    return [target.from_dict({tuple(m[i] for i in used): c for m, c in p.items()}) for p in polys]


_RINGS: dict[tuple[sympy.Symbol, ...], Any] = {}


def _ring(names: tuple[sympy.Symbol, ...]) -> Any:
    if names not in _RINGS:
        _RINGS[names] = sympy.polys.rings.PolyRing(names, sympy.QQ, lex)
    return _RINGS[names]


_ROOM = 1e-9
"""Slack when counting irrational roots in [0, 1] (they are counted, never listed)."""


@dataclass
class _SupportCount:
    """What the polynomial stage met, for the notes."""

    profiles: int = 0
    continua: list[str] = field(default_factory=list)
    tight_points: int = 0
    capped: int = 0
    irrational: int = 0
    nonpolyhedral: int = 0


class _SupportSystem:
    """The equilibrium conditions of one support profile as polynomials in its unknowns.

    Unknowns: the probabilities of the support actions but the first at each
    mixing set, and the beliefs (all nodes but the last) at each information
    set off the path. Equations: at each mixing set, every support action
    pays as much as the first, under the belief (the reach probabilities
    on the path, the belief variables off it). Inequalities (``<= 0``): no
    continuation plan pays more than the first support action, and beliefs
    are nonnegative.
    """

    def __init__(self, tree: _Tree, supports: Sequence[tuple[int, ...]]) -> None:
        game = tree.game
        nodes = tree.nodes
        self.tree = tree
        self.supports = tuple(supports)
        ring = tree.poly_ring()
        names: list[str] = [f"p{h}_{a}" for h, s in enumerate(supports) for a in s[1:]]
        live = [False] * len(nodes)
        live[0] = True
        for x, nd in enumerate(nodes):
            if not live[x] or nd.kind == "terminal":
                continue
            for a, c in enumerate(nd.children):
                live[c] = tree.probs[x][a] > 0 if nd.kind == "chance" else a in supports[nd.infoset]
        self.off = [not any(live[x] for x in info.nodes) for info in game.infosets]
        names += [
            f"m{h}_{i}"
            for h, info in enumerate(game.infosets)
            if self.off[h]
            for i in range(len(info.nodes) - 1)
        ]
        # The unknowns live in the tree's ring of every unknown, so that values of subtrees are
        # shared between support profiles; a system is solved in the ring of its own unknowns.
        self.symbols: tuple[sympy.Symbol, ...] = tuple(tree.symbol[name] for name in names)
        self.named = {v.name: v for v in self.symbols}
        self.gens = {v: tree.var[v.name] for v in self.symbols}
        self.zero = ring.zero
        self.equations: list[Any] = [
            g
            for h, s in enumerate(supports)
            if len(s) > 1
            for g in tree.conditions(h, self.supports, self.off[h], plans=False)
        ]
        self._inequalities: list[Any] | None = None

    @property
    def inequalities(self) -> list[Any]:
        """No continuation plan pays more than the first support action; beliefs nonnegative."""
        if self._inequalities is None:
            self._inequalities = [
                g
                for h in range(len(self.supports))
                for g in self.tree.conditions(h, self.supports, self.off[h], plans=True)
            ]
        return self._inequalities

    def solve(
        self, polys: Sequence[Any], known: dict[sympy.Symbol, Fraction]
    ) -> tuple[list[dict[sympy.Symbol, Fraction]], int] | None:
        """The rational solutions in [0, 1] of ``polys = 0`` with the ``known`` values put in.

        Returns the solutions (over the variables that occur, with ``known``
        added) and the number of irrational ones in [0, 1]; ``None`` for a
        continuum.
        """
        out = []
        for p in polys:
            for v, q in known.items():
                p = p.subs(self.gens[v], _qq(q))
            if p != 0:
                out.append(p)
        if any(p.is_ground for p in out):
            return [], 0
        if not out:
            return [dict(known)], 0
        system = tuple(_lex(out))
        solved = self.tree.recall(
            ("solutions", system), functools.partial(_rational_solutions, list(system))
        )
        if solved is None:
            return None
        points = [
            {**known, **{self.named[k]: q for k, q in p.items()}}
            for p in solved[0]
            if all(0 <= q <= 1 for q in p.values())
        ]
        return points, solved[1]

    def violated(self, known: dict[sympy.Symbol, Fraction]) -> bool:
        """Whether an inequality that the known values decide fails."""
        for g in self.inequalities:
            for v, q in known.items():
                g = g.subs(self.gens[v], _qq(q))
            if g.is_ground and _const_value(g) > 0:
                return True
        return False

    def polyhedral(self, known: dict[sympy.Symbol, Fraction]) -> bool:
        """Whether the conditions, with the known values put in, are linear with one open mixing.

        Then the family is a polytope in that probability and the beliefs,
        and the ends of its interval of mixing probabilities are among the
        points where binding conditions pin it down.
        """
        if len(self.free(known)) != 1:
            return False
        for g in self.inequalities:
            for v, q in known.items():
                g = g.subs(self.gens[v], _qq(q))
            if any(sum(m) > 1 for m in g.monoms()):
                return False
        return True

    def occurring(
        self, polys: Sequence[Any], known: dict[sympy.Symbol, Fraction]
    ) -> frozenset[int]:
        """The indices of the unknowns that occur in ``polys`` once the known values are put in."""
        skip = {self.tree.index[v] for v in known}
        out: set[int] = set()
        for g in polys:
            out.update(i for i, d in enumerate(g.degrees()) if d and i not in skip)
        return frozenset(out)

    def open_gens(self, known: dict[sympy.Symbol, Fraction]) -> frozenset[int]:
        """The indices of the mixing probabilities not known."""
        return frozenset(self.tree.index[v] for v in self.free(known))

    def free(self, point: dict[sympy.Symbol, Fraction]) -> list[sympy.Symbol]:
        """The mixing probabilities a partial solution leaves open."""
        return [v for v in self.symbols if v.name.startswith("p") and v not in point]

    def profile(
        self, point: dict[sympy.Symbol, Fraction]
    ) -> tuple[tuple[Fraction, ...], ...] | None:
        """The behaviour profile of a solution, or ``None`` outside the simplices."""
        out = []
        for h, (info, s) in enumerate(zip(self.tree.game.infosets, self.supports, strict=True)):
            probs = [Fraction(0)] * len(info.actions)
            rest = [point[self.named[f"p{h}_{a}"]] for a in s[1:]]
            probs[s[0]] = 1 - sum(rest, Fraction(0))
            for a, p in zip(s[1:], rest, strict=True):
                probs[a] = p
            if any(p < 0 for p in probs):
                return None
            out.append(tuple(probs))
        return tuple(out)

    def tight_candidates(self) -> list[Any]:
        """The distinct non-constant inequalities, each once (up to a scalar)."""
        seen: dict[Any, Any] = {}
        for g in self.inequalities:
            if _is_const(g):
                continue
            key = g.monic()
            seen.setdefault(key, g)
        return list(seen.values())


def _qq(v: Fraction) -> Any:
    return sympy.QQ(v.numerator, v.denominator)


def _is_const(g: Any) -> bool:
    return bool(g.is_ground)


def _const_value(g: Any) -> Fraction:
    c = g.LC
    return Fraction(int(c.numerator), int(c.denominator))


def _support_label(game: SequentialGame, supports: Sequence[tuple[int, ...]]) -> str:
    return mixing_text(
        [
            (info.label, info.actions, [int(a in s) for a in range(len(info.actions))])
            for info, s in zip(game.infosets, supports, strict=True)
        ]
    )


def _family(game: SequentialGame, profile: Sequence[Sequence[Fraction]]) -> str:
    """The family name of a profile: which sets mix, over which actions."""
    return _support_label(game, [tuple(a for a, p in enumerate(ps) if p) for ps in profile])


def _polynomial_stage(
    tree: _Tree,
    exact: bool,
    found: dict[tuple[tuple[Fraction, ...], ...], Assessment],
    supports: Sequence[tuple[int, ...]],
    count: _SupportCount,
    max_tight: int,
) -> None:
    """Add the equilibria with these supports (several mixing sets, or bilinear) to ``found``.

    The indifference equations are solved first; where they leave mixing
    probabilities open (a continuum), each of their solutions is completed
    by making further inequalities bind, up to ``max_tight`` systems.
    """
    system = _SupportSystem(tree, supports)
    count.profiles += 1
    base = system.solve(system.equations, {})
    points: list[dict[sympy.Symbol, Fraction]] = []
    if base is not None:
        partial, irrational = base
        count.irrational += irrational
    else:
        partial = [{}]
    closed = [p for p in partial if not system.free(p)]
    points.extend(closed)
    open_points = [p for p in partial if system.free(p)]
    if base is None or open_points:
        count.continua.append(_support_label(tree.game, supports))
        candidates = system.tight_candidates()
        tried = 0
        capped = False
        for known in open_points if base is not None else [{}]:
            if system.violated(known):
                continue
            if not system.polyhedral(known):
                count.nonpolyhedral += 1
            polys = system.equations if base is None else []
            fixed = system.occurring(polys, known)
            # Only conditions linked to the open mixing probabilities (through shared
            # unknowns, beliefs included) can pin them down.
            occurs = [(g, system.occurring([g], known)) for g in candidates]
            linked = set(system.open_gens(known))
            grown = True
            while grown:
                grown = False
                for _, v in occurs:
                    if v & linked and not v <= linked:
                        linked |= v
                        grown = True
            binding = [(g, v) for g, v in occurs if v & linked]
            unknowns = len(fixed.union(*(v for _, v in binding)))
            for size in range(1, unknowns - len(polys) + 1):
                for tight in itertools.combinations(binding, size):
                    # A system with fewer equations than unknowns has no isolated solution.
                    if len(fixed.union(*(v for _, v in tight))) > len(polys) + size:
                        continue
                    if tried >= max_tight:
                        capped = True
                        break
                    tried += 1
                    more = system.solve([*polys, *(g for g, _ in tight)], known)
                    if more is None:
                        continue
                    complete = [p for p in more[0] if not system.free(p)]
                    points.extend(complete)
                    count.tight_points += len(complete)
                    count.irrational += more[1]
                if capped:
                    break
        count.capped += capped
    for point in points:
        profile = system.profile(point)
        if profile is None or profile in found:
            continue
        eq = _assessment(tree, profile, exact, _family(tree.game, profile))
        if eq is not None:
            found[profile] = eq


def _polynomial_notes(poly: _SupportCount, max_tight: int) -> list[str]:
    notes = []
    if poly.continua:
        shown = "; ".join(f"({c})" for c in poly.continua[:3])
        more = f" and {len(poly.continua) - 3} more" if len(poly.continua) > 3 else ""
        notes.append(
            f"{len(poly.continua)} support profiles have indifference conditions with a continuum "
            f"of solutions: {shown}{more}. Such a family is not listed as a whole; its "
            f"{poly.tight_points} rational points where a further condition binds (an unplayed "
            "plan ties, a belief is zero) were solved for, and those that are equilibria are "
            "listed (with the equilibria of smaller supports they include the extreme points of "
            "the families that are polyhedral)"
        )
    if poly.nonpolyhedral:
        notes.append(
            f"{poly.nonpolyhedral} of those families are not polyhedral (several open mixing "
            "probabilities, or conditions with products of probabilities and beliefs): only the "
            "listed points represent them"
        )
    if poly.capped:
        notes.append(
            f"{poly.capped} of those support profiles had more than max_tight = {max_tight} "
            "systems of binding conditions; the rest were not solved"
        )
    if poly.irrational:
        notes.append(
            f"{poly.irrational} solutions with irrational coordinates in [0, 1] were found and "
            "not examined (assessments are listed in rational arithmetic only)"
        )
    return notes


def _order(eq: Assessment) -> tuple[Any, ...]:
    return (not eq.is_pure, tuple(-p for probs in eq.profile for p in probs))


def tree_perfect_bayesian_equilibria(
    game: SequentialGame,
    *,
    mixed: bool = True,
    max_support_profiles: int = MAX_SUPPORT_PROFILES,
    max_tight: int = MAX_TIGHT_SYSTEMS,
    memo: bool = True,
) -> TreePBEResult:
    """Every perfect Bayesian equilibrium of a tree: pure ones, and mixed ones by support profile.

    Parameters
    ----------
    game
        A numeric :class:`~gametheory_alliances.sequential.SequentialGame`.
    mixed
        Also enumerate the mixed equilibria, support profile by support
        profile (see the module's text).
    max_support_profiles
        Bound on the number of support profiles, ``prod(2**m_h - 1)`` over
        the information sets (``m_h`` actions each); more is an error.
    max_tight
        Bound on the systems of binding conditions solved for one support
        profile whose indifference conditions have a continuum of solutions.
    memo
        Remember, for the length of the call, the values of subtrees and
        the conditions at each information set by the behaviour they depend
        on (the behaviour inside a subtree; above and below a set), and the
        solutions of identical systems: the support profiles share most of
        them. ``False`` recomputes everything, with the same results, many
        times slower: the reference the memo is tested against.

    Returns
    -------
    TreePBEResult
        The assessments, pure ones first, in a deterministic order; the
        notes name the classes of equilibria that were not enumerated.

    Raises
    ------
    SolverError
        If the game has unbound parameters.
    TooLargeError
        If there are more than ``MAX_PROFILES`` pure behaviour profiles, more
        than ``max_support_profiles`` support profiles (with ``mixed``), or
        a mover has more than ``MAX_PLANS`` continuation plans at a set.

    Examples
    --------
    Entry deterrence with a private cost: the incumbent is Tough (fighting
    pays it 2) with probability 1/4; the entrant does not observe it.

    >>> from gametheory_alliances.sequential import SequentialGame, Chance, Decision, Terminal
    >>> def incumbent(fight):
    ...     return Decision("Entrant", {"Out": Terminal([0, 3]),
    ...         "In": Decision("Incumbent", {"Fight": Terminal([-1, fight]),
    ...                                        "Accommodate": Terminal([1, 1])})},
    ...         infoset="entrant")
    >>> game = SequentialGame(Chance({"Tough": ("1/4", incumbent(2)),
    ...                               "Weak": ("3/4", incumbent(0))}))
    >>> result = tree_perfect_bayesian_equilibria(game)
    >>> [eq.choices()["entrant"] for eq in result]
    ['In']
    >>> result[0].outcomes
    {'Tough > In > Fight': Fraction(1, 4), 'Weak > In > Accommodate': Fraction(3, 4)}
    """
    if not isinstance(game, SequentialGame):
        raise GameError(f"expected a SequentialGame, found {type(game).__name__}")
    if not game.is_numeric:
        raise SolverError(
            f"the game has unbound parameters {', '.join(game.free_parameters)}: bind them with "
            "game.at(...) first"
        )
    exact = game.is_exact
    tree = _Tree(game, memo=memo)
    sizes = [len(info.actions) for info in game.infosets]
    count = math.prod(sizes)
    if count > MAX_PROFILES:
        raise TooLargeError(
            f"{count} pure behaviour profiles (information sets with {sizes} actions): more "
            f"than MAX_PROFILES = {MAX_PROFILES}"
        )
    found: dict[tuple[tuple[Fraction, ...], ...], Assessment] = {}
    for combo in itertools.product(*(range(n) for n in sizes)):
        profile = tuple(_one_hot(a, n) for a, n in zip(combo, sizes, strict=True))
        eq = _assessment(tree, profile, exact, "pure")
        if eq is not None:
            found[profile] = eq
    notes: list[str] = [
        "weak perfect Bayesian equilibria: off-path beliefs are free at each information set "
        "(no consistency across off-path information sets is imposed)"
    ]
    mixable = [h for h, n in enumerate(sizes) if n > 1]
    support_profiles = math.prod(2**n - 1 for n in sizes)
    enumerated = f"every pure equilibrium ({count} behaviour profiles)"
    if mixed and support_profiles > max_support_profiles:
        raise TooLargeError(
            f"{support_profiles} support profiles (information sets with {sizes} actions): more "
            f"than max_support_profiles = {max_support_profiles}; pass mixed=False for the pure "
            "equilibria only, or a larger max_support_profiles"
        )
    if mixed and mixable:
        poly = _SupportCount()
        for h_mix in mixable:
            others = [range(n) if h != h_mix else range(1) for h, n in enumerate(sizes)]
            for size in range(2, sizes[h_mix] + 1):
                for support in itertools.combinations(range(sizes[h_mix]), size):
                    for pure in itertools.product(*others):
                        vertices = _mixed_vertices(tree, pure, h_mix, support)
                        if vertices is None:
                            # Bilinear in belief and mixing: the polynomial stage solves it.
                            bilinear = tuple(
                                support if h == h_mix else (pure[h],) for h in range(len(sizes))
                            )
                            _polynomial_stage(tree, exact, found, bilinear, poly, max_tight)
                            continue
                        for v in vertices:
                            mix = [Fraction(0)] * sizes[h_mix]
                            for a, p in zip(support, v, strict=True):
                                mix[a] = p
                            profile = tuple(
                                tuple(mix) if h == h_mix else _one_hot(pure[h], n)
                                for h, n in enumerate(sizes)
                            )
                            if profile in found:
                                continue
                            eq = _assessment(tree, profile, exact, _family(game, profile))
                            if eq is not None:
                                found[profile] = eq
        per_set = [
            [c for k in range(1, n + 1) for c in itertools.combinations(range(n), k)] for n in sizes
        ]
        for supports in itertools.product(*per_set):
            if sum(len(s) > 1 for s in supports) >= 2:
                _polynomial_stage(tree, exact, found, supports, poly, max_tight)
        enumerated += (
            f" and the mixed equilibria of every support profile ({support_profiles} in all): "
            "the extreme points of each family where one information set mixes (its conditions "
            "are linear), the solutions of the polynomial indifference conditions otherwise"
        )
        notes.extend(_polynomial_notes(poly, max_tight))
    equilibria = tuple(sorted(found.values(), key=_order))
    return TreePBEResult(
        game,
        "behaviour-profile enumeration (exact)",
        equilibria,
        exact=exact,
        options={
            "mixed": mixed,
            "max_support_profiles": max_support_profiles,
            "max_tight": max_tight,
        },
        notes=tuple(notes),
        enumerated=enumerated,
    )
