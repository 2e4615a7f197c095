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
* **mixed** equilibria are enumerated where exactly one information set
  mixes (over any subset of its actions) and the others are pure: the
  conditions are then linear in the mixing probabilities, and the vertices
  of the polytope of mixing probabilities are reported (the extreme points
  of that family), each re-checked exactly. A support profile in which the
  mixing changes the payoffs at another off-path information set (the
  conditions there are bilinear in belief and mixing) is skipped and
  counted in the notes, as are equilibria in which two or more information
  sets mix (their conditions are polynomial); those are not enumerated.

Payoffs given as floats are read as the exact rationals they are, so the
enumeration is exact in every case; ``exact`` says whether the game's
payoffs were rational to begin with (then the results are fractions).

The module is one idea, the enumeration with its result objects.

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
"""

from __future__ import annotations

import html
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..equilibrium import SolverResult, format_number
from ..errors import GameError, SolverError, TooLargeError
from ..linalg import polytope_vertices, simplex_constraints
from ..sequential import SequentialGame
from .tree_json import tree_equilibrium_json, tree_header

__all__ = [
    "MAX_PLANS",
    "MAX_PROFILES",
    "Assessment",
    "AssessmentCertificate",
    "InfosetBelief",
    "TreePBEResult",
    "tree_perfect_bayesian_equilibria",
]

MAX_PROFILES = 200_000
"""Most pure behaviour profiles the enumeration examines (beyond it: ``TooLargeError``)."""

MAX_PLANS = 4_096
"""Most pure continuation plans of the mover at one information set."""

MAX_SUPPORT_PROFILES = 20_000
"""Default bound on the one-information-set-mixing profiles visited (beyond it: pure only)."""

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
        node's probability. ``None`` otherwise.
    """

    label: str
    nodes: tuple[str, ...]
    on_path: bool
    vertices: tuple[tuple[Fraction, ...], ...]
    interval: tuple[Fraction, Fraction] | None

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
    ) + (" and mixtures" if len(b.vertices) > 1 else "")


@dataclass(frozen=True, eq=False, repr=False)
class TreePBEResult(SolverResult[Assessment]):
    """The perfect Bayesian equilibria of a tree, with how they were computed.

    A :class:`~gametheory_alliances.equilibrium.SolverResult` of
    :class:`Assessment`; ``enumerated`` says which class of equilibria was
    enumerated completely, ``notes`` what was not.
    """

    game: SequentialGame = field(repr=False)
    enumerated: str = ""

    def to_dict(self, concept: str = "pbe") -> dict[str, Any]:
        """The ``gta solve --concept pbe --json`` object of a tree."""
        header = tree_header(self.game)
        return {
            "players": header["players"],
            "infosets": header["infosets"],
            "concept": concept,
            "method": self.method,
            "enumerated": self.enumerated,
            "equilibria": [eq.to_dict() for eq in self.equilibria],
            **({"notes": list(self.notes)} if self.notes else {}),
        }

    def __repr__(self) -> str:
        lines = [
            f"TreePBEResult(method={self.method!r}, exact={self.exact}, {len(self)} equilibria)",
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
            f"<table><caption>{esc(self.method)}: {len(self)} perfect Bayesian equilibria"
            f"</caption><tr><th>#</th><th>path</th><th>assessment</th></tr>{rows}</table>"
        )

    def _repr_latex_(self) -> None:
        """No LaTeX form: Jupyter shows the HTML table."""
        return None


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


class _Tree:
    """A numeric tree in exact rationals, with the mover's continuation plans per information set."""

    def __init__(self, game: SequentialGame) -> None:
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

    def form_values(self, beh: Sequence[Sequence[Form]], k: int) -> list[list[Form]]:
        """Every node's value to every player, as linear forms."""
        nodes = self.nodes
        values: list[list[Form]] = [[] for _ in nodes]
        for x in range(len(nodes) - 1, -1, -1):
            nd = nodes[x]
            if nd.kind == "terminal":
                values[x] = [_const(v, k) for v in self.pays[x]]
                continue
            acc = [_const(Fraction(0), k)] * self.n
            for a, c in enumerate(nd.children):
                w = _const(self.probs[x][a], k) if nd.kind == "chance" else beh[nd.infoset][a]
                acc = [_add(s, _mul(w, v)) for s, v in zip(acc, values[c], strict=True)]
            values[x] = acc
        return values

    def form_reach(self, beh: Sequence[Sequence[Form]], k: int) -> list[Form]:
        """Every node's probability of being reached, as linear forms."""
        nodes = self.nodes
        reach: list[Form] = [_const(Fraction(0), k)] * len(nodes)
        reach[0] = _const(Fraction(1), k)
        for x, nd in enumerate(nodes):
            for a, c in enumerate(nd.children):
                w = _const(self.probs[x][a], k) if nd.kind == "chance" else beh[nd.infoset][a]
                reach[c] = _mul(reach[x], w)
        return reach

    def deviation_value(
        self, x: int, player: int, plan: dict[int, int], beh: Sequence[Sequence[Form]], k: int
    ) -> Form:
        """The player's value at node ``x`` when it follows ``plan`` and the others ``beh``."""
        nodes = self.nodes
        values: dict[int, Form] = {}
        for y in range(nodes[x].end - 1, x - 1, -1):
            nd = nodes[y]
            if nd.kind == "terminal":
                values[y] = _const(self.pays[y][player], k)
            elif nd.kind == "chance":
                acc = _const(Fraction(0), k)
                for p, c in zip(self.probs[y], nd.children, strict=True):
                    acc = _add(acc, _scale(values[c], p))
                values[y] = acc
            elif nd.player == player and nd.infoset in plan:
                values[y] = values[nd.children[plan[nd.infoset]]]
            else:
                acc = _const(Fraction(0), k)
                for w, c in zip(beh[nd.infoset], nd.children, strict=True):
                    acc = _add(acc, _mul(w, values[c]))
                values[y] = acc
        return values[x]

    def values(self, profile: Sequence[Sequence[Fraction]]) -> list[list[Fraction]]:
        """Every node's value to every player under a concrete profile."""
        beh = [[(p,) for p in probs] for probs in profile]
        return [[f[0] for f in vs] for vs in self.form_values(beh, 1)]

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


# -- the enumeration -----------------------------------------------------------------------------


def _gain_rows(
    tree: _Tree,
    h: int,
    beh: Sequence[Sequence[Form]],
    values: list[list[Form]],
    k: int,
    mixing: tuple[int, tuple[int, ...]] | None,
) -> list[list[Form]]:
    """For each plan (and, at the mixing set, each action it mixes over): the gains node by node."""
    info = tree.game.infosets[h]
    j = info.player
    if mixing is not None and mixing[0] == h:
        # Mixing is optimal exactly when each action mixed over is: references free of the mix.
        refs = [[values[tree.nodes[x].children[a]][j] for x in info.nodes] for a in mixing[1]]
    else:
        refs = [[values[x][j] for x in info.nodes]]
    rows = []
    for plan in tree.plans(h):
        dev = [tree.deviation_value(x, j, plan, beh, k) for x in info.nodes]
        for ref in refs:
            rows.append([_add(d, _scale(r, Fraction(-1))) for d, r in zip(dev, ref, strict=True)])
    return rows


def _belief_vertices(rows: Sequence[Sequence[Fraction]], d: int) -> list[tuple[Fraction, ...]]:
    eq, ub = simplex_constraints(d)
    seen: set[tuple[Fraction, ...]] = set()
    for row in rows:
        # A row with no positive entry holds for every belief.
        if max(row) <= 0:
            continue
        scale = max(abs(v) for v in row)
        key = tuple(v / scale for v in row)
        if key not in seen:
            seen.add(key)
            ub.append((list(key), Fraction(0)))
    return polytope_vertices(d, eq, ub)


def _assessment(
    tree: _Tree, profile: tuple[tuple[Fraction, ...], ...], exact: bool, family: str
) -> Assessment | None:
    """The assessment of a concrete profile, or ``None`` when it is not a PBE."""
    game = tree.game
    beh = [[(p,) for p in probs] for probs in profile]
    values = tree.form_values(beh, 1)
    reach = tree.form_reach(beh, 1)
    beliefs = []
    for h, info in enumerate(game.infosets):
        rows = _gain_rows(tree, h, beh, values, 1, None)
        mass = sum((reach[x][0] for x in info.nodes), Fraction(0))
        names = tuple(_node_name(game.nodes[x].path) for x in info.nodes)
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
        beliefs.append(InfosetBelief(info.label, names, bool(mass), tuple(vertices), interval))
    payoffs = tuple(f[0] for f in values[0])
    return Assessment(game, profile, tuple(beliefs), payoffs, exact, family)


def _one_hot(a: int, n: int) -> tuple[Fraction, ...]:
    return tuple(Fraction(int(j == a)) for j in range(n))


def _mixed_vertices(
    tree: _Tree, pure: Sequence[int], h_mix: int, support: tuple[int, ...]
) -> list[tuple[Fraction, ...]] | None:
    """Vertices of the mixing probabilities at ``h_mix`` over ``support``; ``None`` if skipped.

    ``None`` when the mixing changes the gains at another off-path set (bilinear conditions).
    """
    game = tree.game
    k = len(support)
    beh: list[list[Form]] = []
    for h, info in enumerate(game.infosets):
        n = len(info.actions)
        if h == h_mix:
            beh.append(
                [
                    tuple(Fraction(int(support[t] == a)) for t in range(k))
                    if a in support
                    else _const(Fraction(0), k)
                    for a in range(n)
                ]
            )
        else:
            beh.append([_const(Fraction(int(a == pure[h])), k) for a in range(n)])
    values = tree.form_values(beh, k)
    reach = tree.form_reach(beh, k)
    ub: list[tuple[list[Fraction], Fraction]] = []
    for h, info in enumerate(game.infosets):
        rows = _gain_rows(tree, h, beh, values, k, (h_mix, support))
        on_path = any(v > 0 for x in info.nodes for v in reach[x])
        if on_path:
            for row in rows:
                form = _const(Fraction(0), k)
                for x, g in zip(info.nodes, row, strict=True):
                    form = _add(form, _mul(reach[x], g))
                if max(form) > 0:
                    ub.append((list(form), Fraction(0)))
        else:
            if any(any(v != g[0] for v in g) for row in rows for g in row):
                return None
            if not _belief_vertices([[g[0] for g in row] for row in rows], len(info.nodes)):
                return []
    eq, simplex_ub = simplex_constraints(k)
    return polytope_vertices(k, eq, simplex_ub + ub)


def _order(eq: Assessment) -> tuple[Any, ...]:
    return (not eq.is_pure, tuple(-p for probs in eq.profile for p in probs))


def tree_perfect_bayesian_equilibria(
    game: SequentialGame,
    *,
    mixed: bool = True,
    max_support_profiles: int = MAX_SUPPORT_PROFILES,
) -> TreePBEResult:
    """Every pure perfect Bayesian equilibrium of a tree, and the mixed ones of one mixing set.

    Parameters
    ----------
    game
        A numeric :class:`~gametheory_alliances.sequential.SequentialGame`.
    mixed
        Also enumerate the equilibria in which exactly one information set
        mixes (the extreme points of each such family).
    max_support_profiles
        Beyond this many (mixing set, support, pure rest) profiles, only the
        pure equilibria are enumerated, and the notes say so.

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
        If there are more than ``MAX_PROFILES`` pure behaviour profiles, or
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
    tree = _Tree(game)
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
    profiles = sum((2 ** sizes[h] - sizes[h] - 1) * (count // sizes[h]) for h in mixable)
    enumerated = f"every pure equilibrium ({count} behaviour profiles)"
    if mixed and profiles and profiles > max_support_profiles:
        notes.append(
            f"mixed equilibria were not enumerated: {profiles} one-set mixing profiles exceed "
            f"max_support_profiles = {max_support_profiles}"
        )
    elif mixed and profiles:
        skipped = 0
        open_families = 0
        for h_mix in mixable:
            others = [range(n) if h != h_mix else range(1) for h, n in enumerate(sizes)]
            for size in range(2, sizes[h_mix] + 1):
                for support in itertools.combinations(range(sizes[h_mix]), size):
                    for pure in itertools.product(*others):
                        vertices = _mixed_vertices(tree, pure, h_mix, support)
                        if vertices is None:
                            skipped += 1
                            continue
                        label = game.infosets[h_mix].label
                        actions = ", ".join(game.infosets[h_mix].actions[a] for a in support)
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
                            eq = _assessment(tree, profile, exact, f"{label} mixes over {actions}")
                            if eq is None:
                                open_families += 1
                            else:
                                found[profile] = eq
        enumerated += (
            " and the extreme points of every family in which exactly one information set mixes"
        )
        notes.append(
            "equilibria in which two or more information sets mix were not enumerated "
            "(their conditions are polynomial in the mixing probabilities)"
        )
        if skipped:
            notes.append(
                f"{skipped} one-set mixing profiles were not enumerated: the mixing changes the "
                "payoffs at an off-path information set (conditions bilinear in belief and mixing)"
            )
        if open_families:
            notes.append(
                f"{open_families} extreme points of mixing families are not equilibria themselves "
                "(a support changes there): those families are open and not listed by them"
            )
    equilibria = tuple(sorted(found.values(), key=_order))
    return TreePBEResult(
        game,
        "behaviour-profile enumeration (exact)",
        equilibria,
        exact=exact,
        options={"mixed": mixed, "max_support_profiles": max_support_profiles},
        notes=tuple(notes),
        enumerated=enumerated,
    )
