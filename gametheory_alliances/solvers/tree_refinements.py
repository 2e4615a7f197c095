"""The Intuitive Criterion and D1 on any tree: belief restrictions after deviations by informed players.

:func:`refine` takes the perfect Bayesian equilibria of a tree (a
:class:`~.perfect_bayesian_trees.TreePBEResult`, or the signalling solver's
:class:`~.perfect_bayesian.PBEResult`) and keeps those whose off-path play is
supported by beliefs that satisfy a restriction of Cho and Kreps (1987) and
Banks and Sobel (1987), extended from signalling games to trees as follows.

**Deviations and types.** Take an information set ``h`` that the
equilibrium reaches with probability zero. On the path to each of its nodes,
the first action taken with probability zero is the *deviation* that leads
there; it is made by some player ``i`` at one of its information sets ``g``,
which the equilibrium reaches. When the deviations into ``h`` are all made by
one player ``i`` and come from two or more of its information sets, ``i`` is
privately informed (its sets distinguish histories the mover at ``h`` cannot
tell apart) and those sets are its *types* at ``h``: the mover's belief at
``h`` is a belief about them. Nodes behind a chance move of probability zero
belong to no type and get no weight under a refinement (beliefs stay within
the prior's support). Information sets reached by a chance move of zero
probability, by deviations of several players, or from a single type are
not restricted.

**The test.** Each type ``g`` has its equilibrium payoff ``u*(g)``
(conditional on ``g``). The deviations of one player that lead into the same
off-path information sets form one *message*; the players who move at those
sets (other than the deviator) are the *responders*. At each responder set
the responses considered are the actions that are best replies to some
belief over its nodes, the rest of the tree keeping its equilibrium play; a
type's deviation payoff is its expected payoff (conditional on its set) when
it deviates and the responders play a profile of such responses.

* **Intuitive Criterion.** A type is *equilibrium dominated* when even the
  best of these response profiles gives it less than ``u*(g)``; the beliefs
  at the off-path sets put no weight on such types (unless every type is
  dominated, when nothing is restricted).
* **D1.** With ``D(g)`` (``D0(g)``) the mixed responses under which type
  ``g`` gains strictly (breaks even), a type ``g`` gets no weight when
  another type ``g'`` gains strictly whenever ``g`` gains weakly:
  ``D(g) ∪ D0(g) ⊆ D(g')``. This is computed exactly when at most one
  responder set of the message has several such best replies (every
  signalling game, and every tree whose other responders' replies do not
  depend on their beliefs); otherwise the Intuitive Criterion's restriction
  is used there and the notes say so.

An equilibrium **survives** when, at every restricted set, some belief in its
set of supporting beliefs gives no weight to the excluded types. As the
supporting set is a polytope inside the simplex, the beliefs that survive
are the face spanned by its vertices with no weight on the excluded nodes:
the refined result reports that restricted set for each survivor. This
belief form of the Intuitive Criterion can be stricter than Cho and Kreps'
original test (an equilibrium whose off-path reply is not a best reply to
the restricted beliefs fails it even when another such reply would deter
every type); the equilibrium with that other reply then survives.

All arithmetic is exact (payoffs given as floats are read as the rationals
they are).

References
----------
J. S. Banks and J. Sobel (1987), "Equilibrium selection in signaling games",
*Econometrica* 55(3), 647-661.

I.-K. Cho and D. M. Kreps (1987), "Signaling games and stable equilibria",
*Quarterly Journal of Economics* 102(2), 179-221.

D. Fudenberg and J. Tirole (1991), *Game Theory*, MIT Press, section 11.2.

Examples
--------
Beer-Quiche: the Intuitive Criterion eliminates the equilibrium in which
both types eat quiche (the weak type cannot gain by drinking beer, so the
receiver must believe beer comes from the strong type and not duel). In the
equilibrium where both drink beer, the strong type cannot gain by quiche, so
the receiver believes quiche comes from the weak type and duels.

>>> from gametheory_alliances import load_model
>>> from gametheory_alliances.game import game_of
>>> from gametheory_alliances.solvers.perfect_bayesian_trees import (
...     tree_perfect_bayesian_equilibria)
>>> game = game_of(load_model("beer-quiche").at())
>>> result = tree_perfect_bayesian_equilibria(game)
>>> [eq.choices()["Sender after Strong"] for eq in result]
['Beer', 'Quiche', 'Beer', 'Quiche']
>>> refined = refine(result, "intuitive")
>>> [eq.choices()["Sender after Strong"] for eq in refined]
['Beer']
>>> print(refined.checks[0].restrictions[0].text())
after Quiche (deviator Sender; types Sender after Strong, Sender after Weak): Sender after Strong excluded (equilibrium dominated)
>>> refined[0].beliefs[2].interval
(Fraction(0, 1), Fraction(0, 1))

The beer-pooling equilibrium in which the receiver mixes after quiche is
eliminated too: its mixing needs the belief 1/2 on the strong type, which the
restriction excludes (its outcome survives, through the equilibrium above).
"""

from __future__ import annotations

import dataclasses
import html
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..equilibrium import SolverResult
from ..errors import SolverError
from ..linalg import polytope_vertices, simplex_constraints
from ..sequential import SequentialGame
from ..signalling import SignallingGame
from .perfect_bayesian_trees import InfosetBelief, TreePBEResult

__all__ = [
    "REFINEMENTS",
    "BeliefRestriction",
    "RefinedPBEResult",
    "RefinementCheck",
    "check_equilibrium",
    "refine",
]

REFINEMENTS = ("intuitive", "d1")
"""The refinements :func:`refine` applies."""

_NAMES = {"intuitive": "the Intuitive Criterion (Cho-Kreps)", "d1": "D1 (Banks-Sobel, Cho-Kreps)"}

_CHANCE = (-1, -1)
"""The deviation marker of a node behind a chance move of probability zero."""


# -- results -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BeliefRestriction:
    """The restriction a refinement imposes at one off-path information set.

    Attributes
    ----------
    infoset
        The information set's label.
    deviator
        The privately informed player whose deviation reaches it.
    types
        The deviator's information sets (its types) that reach it.
    excluded
        The types the beliefs give no weight to.
    reasons
        For each excluded type, why (``"equilibrium dominated"``, or the
        type that gains whenever it does, for D1).
    allowed
        The restricted supporting beliefs: the vertices of the equilibrium's
        supporting set with no weight on the excluded types' nodes (empty:
        the equilibrium fails here).
    """

    infoset: str
    deviator: str
    types: tuple[str, ...]
    excluded: tuple[str, ...]
    reasons: tuple[str, ...]
    allowed: tuple[tuple[Fraction, ...], ...]

    def text(self) -> str:
        """The restriction in words."""
        head = f"{self.infoset} (deviator {self.deviator}; types {', '.join(self.types)})"
        if not self.excluded:
            return f"{head}: no type excluded"
        parts = ", ".join(
            f"{t} excluded ({r})" for t, r in zip(self.excluded, self.reasons, strict=True)
        )
        return f"{head}: {parts}"

    def to_dict(self, exact: bool) -> dict[str, Any]:
        """A JSON-friendly dictionary."""
        return {
            "infoset": self.infoset,
            "deviator": self.deviator,
            "types": list(self.types),
            "excluded": list(self.excluded),
            "reasons": list(self.reasons),
            "allowed_vertices": [[str(x) if exact else float(x) for x in v] for v in self.allowed],
        }


@dataclass(frozen=True, eq=False)
class RefinementCheck:
    """The verdict of a refinement on one equilibrium.

    Attributes
    ----------
    equilibrium
        The equilibrium (with its beliefs restricted when it survives).
    survives
        Whether some supporting belief satisfies every restriction.
    restrictions
        One :class:`BeliefRestriction` per restricted information set.
    notes
        Where the refinement could not be computed as stated and what was
        used instead.
    """

    equilibrium: Any
    survives: bool
    restrictions: tuple[BeliefRestriction, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class RefinedPBEResult(SolverResult[Any]):
    """The perfect Bayesian equilibria that survive a refinement.

    A :class:`~gametheory_alliances.equilibrium.SolverResult` of the
    surviving equilibria (the same kind of object as the unrefined result's,
    :class:`~.perfect_bayesian_trees.Assessment` or
    :class:`~.perfect_bayesian.PerfectBayesianEquilibrium`), each with its
    beliefs restricted to the surviving supporting set.

    Attributes
    ----------
    refinement
        ``"intuitive"`` or ``"d1"``.
    unrefined
        The result refined.
    checks
        One :class:`RefinementCheck` per survivor, in order.
    eliminated
        The checks of the equilibria that did not survive.
    enumerated
        What the unrefined enumeration covered.
    """

    refinement: str = ""
    unrefined: Any = field(default=None, repr=False)
    checks: tuple[RefinementCheck, ...] = ()
    eliminated: tuple[RefinementCheck, ...] = ()
    enumerated: str = ""

    def to_dict(self, concept: str = "pbe") -> dict[str, Any]:
        """The unrefined result's JSON with the survivors only, each with its restrictions."""
        out = self.unrefined.to_dict(concept)
        survivors = []
        for check in self.checks:
            data = check.equilibrium.to_dict()
            data["refinement"] = [r.to_dict(self.exact) for r in check.restrictions]
            survivors.append(data)
        out["equilibria"] = survivors
        out["refinement"] = self.refinement
        out["eliminated"] = len(self.eliminated)
        out["notes"] = list(self.notes)
        return out

    def __repr__(self) -> str:
        lines = [
            f"RefinedPBEResult({self.refinement}, {len(self)} of "
            f"{len(self) + len(self.eliminated)} equilibria survive)"
        ]
        lines += [f"  {eq!r}" for eq in self.equilibria]
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """Each survivor's path, equilibrium and restrictions as an HTML table."""
        esc = html.escape
        rows = "".join(
            f"<tr><td>{k + 1}</td><td>{esc(' → '.join(check.equilibrium.to_dict()['path']))}"
            f"</td><td>{esc(repr(check.equilibrium))}</td><td>"
            + "<br>".join(esc(r.text()) for r in check.restrictions)
            + "</td></tr>"
            for k, check in enumerate(self.checks)
        )
        return (
            f"<table><caption>{esc(self.method)}: {len(self)} of "
            f"{len(self) + len(self.eliminated)} perfect Bayesian equilibria survive</caption>"
            f"<tr><th>#</th><th>path</th><th>equilibrium</th><th>restrictions</th></tr>{rows}"
            "</table>"
        )

    def _repr_latex_(self) -> None:
        """No LaTeX form: Jupyter shows the HTML table."""
        return None


# -- the tree as exact numbers -------------------------------------------------------------------


class _Play:
    """A numeric tree with a behaviour profile, in exact rationals."""

    def __init__(self, game: SequentialGame, profile: Sequence[Sequence[Fraction]]) -> None:
        self.game = game
        self.nodes = game.nodes
        pays, probs = game.numbers(exact=game.is_exact)
        self.pays = [tuple(Fraction(v) for v in p) for p in pays]
        self.probs = [tuple(Fraction(v) for v in p) for p in probs]
        self.profile = [tuple(Fraction(p) for p in probs) for probs in profile]
        self.reach = [Fraction(0)] * len(self.nodes)
        self.reach[0] = Fraction(1)
        # The first action of probability zero on the path to each node (infoset, action).
        self.deviation: list[tuple[int, int] | None] = [None] * len(self.nodes)
        for k, nd in enumerate(self.nodes):
            if nd.kind == "terminal":
                continue
            weights = self.probs[k] if nd.kind == "chance" else self.profile[nd.infoset]
            for a, (w, c) in enumerate(zip(weights, nd.children, strict=True)):
                self.reach[c] = self.reach[k] * w
                if self.deviation[k] is not None:
                    self.deviation[c] = self.deviation[k]
                elif self.reach[k] and not w:
                    self.deviation[c] = _CHANCE if nd.kind == "chance" else (nd.infoset, a)

    def values(self, override: dict[int, int]) -> list[tuple[Fraction, ...]]:
        """Every node's value to every player, with some information sets playing pure actions."""
        nodes = self.nodes
        n = self.game.n_players
        values: list[tuple[Fraction, ...]] = [()] * len(nodes)
        for x in range(len(nodes) - 1, -1, -1):
            nd = nodes[x]
            if nd.kind == "terminal":
                values[x] = self.pays[x]
                continue
            if nd.kind == "chance":
                weights = self.probs[x]
            elif nd.infoset in override:
                weights = tuple(
                    Fraction(int(a == override[nd.infoset])) for a in range(len(nd.children))
                )
            else:
                weights = self.profile[nd.infoset]
            acc = [Fraction(0)] * n
            for w, c in zip(weights, nd.children, strict=True):
                if w:
                    acc = [s + w * v for s, v in zip(acc, values[c], strict=True)]
            values[x] = tuple(acc)
        return values

    def conditional(self, g: int, player: int, values: Sequence[Sequence[Fraction]]) -> Fraction:
        """The player's expected value at information set ``g`` (reached), by Bayes' rule."""
        nodes = self.game.infosets[g].nodes
        mass = sum((self.reach[x] for x in nodes), Fraction(0))
        return sum((self.reach[x] * values[x][player] for x in nodes), Fraction(0)) / mass


# -- the analysis of one equilibrium -------------------------------------------------------------


@dataclass
class _Message:
    """The deviations of one player into a connected group of off-path information sets."""

    deviator: int
    deviations: dict[int, int]  # type (information set) -> deviating action
    responders: list[int]  # off-path information sets of other players
    restricted: list[int]  # the responder sets whose nodes come from two or more types


def _best_sets(
    play: _Play, h: int, allowed: Sequence[int]
) -> tuple[list[tuple[int, ...]], list[list[Fraction]]]:
    """At responder set ``h``: the action sets that are jointly best for some allowed belief.

    Returns the subsets ``S`` of actions such that some belief on the
    ``allowed`` nodes (positions in the set) makes every action of ``S``
    optimal, and the mover's payoff of each action node by node.
    """
    info = play.game.infosets[h]
    d = len(info.nodes)
    n_act = len(info.actions)
    gains = []
    for a in range(n_act):
        vals = play.values({h: a})
        gains.append([vals[play.nodes[x].children[a]][info.player] for x in info.nodes])
    eq, ub = simplex_constraints(d)
    for t in range(d):
        if t not in allowed:
            eq.append(([Fraction(int(s == t)) for s in range(d)], Fraction(0)))
    subsets = []
    for size in range(1, n_act + 1):
        for support in itertools.combinations(range(n_act), size):
            first = support[0]
            e = list(eq)
            u = list(ub)
            for a in support[1:]:
                e.append(([gains[a][t] - gains[first][t] for t in range(d)], Fraction(0)))
            for b in range(n_act):
                if b not in support:
                    u.append(([gains[b][t] - gains[first][t] for t in range(d)], Fraction(0)))
            if polytope_vertices(d, e, u):
                subsets.append(support)
    return subsets, gains


def _messages(play: _Play) -> tuple[list[_Message], list[str]]:
    game = play.game
    infosets = game.infosets
    notes: list[str] = []
    off = [
        h
        for h, info in enumerate(infosets)
        if not sum((play.reach[x] for x in info.nodes), Fraction(0))
    ]
    # Union-find over deviations, joined by the off-path sets they lead into.
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(d: tuple[int, int]) -> tuple[int, int]:
        while parent[d] != d:
            d = parent[d]
        return d

    into: dict[int, set[tuple[int, int]]] = {}
    null: set[int] = set()
    for h in off:
        marks = [play.deviation[x] for x in infosets[h].nodes]
        if _CHANCE in marks:
            null.add(h)
        real = {d for d in marks if d is not None and d != _CHANCE}
        into[h] = real
        for d in real:
            parent.setdefault(d, d)
        for d in list(real)[1:]:
            parent[find(d)] = find(next(iter(real)))
    groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for d in parent:
        groups.setdefault(find(d), []).append(d)
    messages = []
    for devs in groups.values():
        players = {infosets[g].player for g, _ in devs}
        sets = sorted(h for h in off if into[h] & set(devs))
        if len(players) > 1:
            notes.append(
                "not restricted: "
                + ", ".join(infosets[h].label for h in sets)
                + " (reached by deviations of several players)"
            )
            continue
        deviator = next(iter(players))
        deviations: dict[int, int] = {}
        several = False
        for g, a in sorted(devs):
            if g in deviations:
                several = True
            deviations[g] = a
        responders = [h for h in sets if infosets[h].player != deviator]
        # A set is restricted when its nodes come from two or more types, or from one type
        # and from histories of zero prior probability (which get no weight).
        restricted = [h for h in responders if len({g for g, _ in into[h]}) > 1 or h in null]
        if several and restricted:
            notes.append(
                "not restricted: "
                + ", ".join(infosets[h].label for h in restricted)
                + " (a type reaches it by two different deviations)"
            )
            continue
        if restricted:
            messages.append(_Message(deviator, deviations, responders, restricted))
    return messages, notes


def _type_nodes(play: _Play, h: int, types: Sequence[int]) -> list[int]:
    """The positions in set ``h`` of the nodes reached by the given types' deviations."""
    nodes = play.game.infosets[h].nodes
    return [t for t, x in enumerate(nodes) if (play.deviation[x] or _CHANCE)[0] in types]


def _payoff(play: _Play, msg: _Message, g: int, response: dict[int, int]) -> Fraction:
    """Type ``g``'s conditional payoff when it deviates and the responders play ``response``."""
    values = play.values({g: msg.deviations[g], **response})
    return play.conditional(g, msg.deviator, values)


def _exclusions(play: _Play, msg: _Message, refinement: str) -> tuple[dict[int, str], list[str]]:
    """The types excluded and why; notes where D1 fell back to the Intuitive Criterion."""
    infosets = play.game.infosets
    types = sorted(msg.deviations)
    values = play.values({})
    star = {g: play.conditional(g, msg.deviator, values) for g in types}
    options: dict[int, list[int]] = {}
    subsets: dict[int, list[tuple[int, ...]]] = {}
    for h in msg.responders:
        allowed = _type_nodes(play, h, types)
        if not allowed:
            allowed = list(range(len(infosets[h].nodes)))
        subsets[h], _ = _best_sets(play, h, allowed)
        options[h] = sorted({a for s in subsets[h] for a in s})
    combos = [
        dict(zip(msg.responders, c, strict=True))
        for c in itertools.product(*(options[h] for h in msg.responders))
    ]
    pay = {g: [_payoff(play, msg, g, r) for r in combos] for g in types}
    excluded: dict[int, str] = {}
    notes: list[str] = []
    varying = [h for h in msg.responders if len(options[h]) > 1]
    if refinement == "intuitive" or len(varying) > 1:
        if refinement == "d1":
            notes.append(
                "D1 not computed after the deviation into "
                + ", ".join(infosets[h].label for h in msg.restricted)
                + ": the best replies of two or more responders vary with their beliefs; "
                "the Intuitive Criterion's restriction is used there"
            )
        for g in types:
            if star[g] > max(pay[g]):
                excluded[g] = "equilibrium dominated"
    else:
        # One responder set at most varies: the mixed replies are the union of the convex
        # hulls of the action sets that are jointly best for some belief.
        h_var = varying[0] if varying else msg.responders[0]
        fixed = {h: options[h][0] for h in msg.responders if h != h_var}
        column = {
            g: [
                _payoff(play, msg, g, {**fixed, h_var: a})
                for a in range(len(infosets[h_var].actions))
            ]
            for g in types
        }
        for g in types:
            for g2 in types:
                if g2 == g:
                    continue
                # Is there a reply under which g gains weakly and g2 does not gain strictly?
                counter = False
                for s in subsets[h_var]:
                    eq, ub = simplex_constraints(len(s))
                    ub.append(([-column[g][a] for a in s], -star[g]))
                    ub.append(([column[g2][a] for a in s], star[g2]))
                    if polytope_vertices(len(s), eq, ub):
                        counter = True
                        break
                if not counter:
                    excluded[g] = (
                        "equilibrium dominated"
                        if star[g] > max(pay[g])
                        else f"{infosets[g2].label} gains whenever it does"
                    )
                    break
    if len(excluded) == len(types):
        excluded = {}
    return excluded, notes


def check_equilibrium(
    game: SequentialGame,
    profile: Sequence[Sequence[Any]],
    beliefs: dict[int, Sequence[Sequence[Any]]],
    refinement: str,
) -> tuple[bool, list[BeliefRestriction], dict[int, tuple[tuple[Fraction, ...], ...]], list[str]]:
    """Apply a refinement to one equilibrium given by its behaviour and supporting beliefs.

    Parameters
    ----------
    game
        The numeric tree.
    profile
        For each information set (in the order of ``game.infosets``), the
        probability of each action.
    beliefs
        For off-path information sets (by index), the vertices of the
        supporting beliefs over the set's nodes.
    refinement
        ``"intuitive"`` or ``"d1"``.

    Returns
    -------
    tuple
        ``(survives, restrictions, restricted vertices by information set,
        notes)``.

    Examples
    --------
    Beer-Quiche's equilibrium in which both types eat quiche, supported by
    the belief that a beer drinker is weak with probability at least 1/2:

    >>> from gametheory_alliances import load_model
    >>> from gametheory_alliances.game import game_of
    >>> game = game_of(load_model("beer-quiche").at())
    >>> [info.label for info in game.infosets]
    ['Sender after Strong', 'after Beer', 'after Quiche', 'Sender after Weak']
    >>> quiche = [(0, 1), (1, 0), (0, 1), (0, 1)]
    >>> ok, restrictions, allowed, notes = check_equilibrium(
    ...     game, quiche, {1: [(0, 1), ("1/2", "1/2")]}, "intuitive")
    >>> ok, restrictions[0].excluded, allowed[1]
    (False, ('Sender after Weak',), ())
    """
    if refinement not in REFINEMENTS:
        raise SolverError(f"unknown refinement {refinement!r}: expected intuitive or d1")
    play = _Play(game, profile)
    messages, notes = _messages(play)
    infosets = game.infosets
    restrictions: list[BeliefRestriction] = []
    allowed_sets: dict[int, tuple[tuple[Fraction, ...], ...]] = {}
    survives = True
    for msg in messages:
        excluded, more = _exclusions(play, msg, refinement)
        notes.extend(more)
        for h in msg.restricted:
            nodes = infosets[h].nodes
            present = sorted({(play.deviation[x] or _CHANCE)[0] for x in nodes} - {_CHANCE[0]})
            keep = _type_nodes(play, h, [g for g in present if g not in excluded])
            vertices = tuple(
                v
                for v in (tuple(Fraction(p) for p in vertex) for vertex in beliefs.get(h, ()))
                if all(p == 0 for t, p in enumerate(v) if t not in keep)
            )
            allowed_sets[h] = vertices
            survives = survives and bool(vertices)
            restrictions.append(
                BeliefRestriction(
                    infosets[h].label,
                    game.players[msg.deviator],
                    tuple(infosets[g].label for g in present),
                    tuple(infosets[g].label for g in present if g in excluded),
                    tuple(excluded[g] for g in present if g in excluded),
                    vertices,
                )
            )
    return survives, restrictions, allowed_sets, notes


# -- refining a result ---------------------------------------------------------------------------


def _restricted_assessment(eq: Any, allowed: dict[int, tuple[tuple[Fraction, ...], ...]]) -> Any:
    beliefs = list(eq.beliefs)
    for h, vertices in allowed.items():
        b = beliefs[h]
        interval = None
        if len(b.nodes) == 2:
            firsts = [v[0] for v in vertices]
            interval = (min(firsts), max(firsts))
        beliefs[h] = InfosetBelief(b.label, b.nodes, b.on_path, vertices, interval)
    return dataclasses.replace(eq, beliefs=tuple(beliefs))


def _restricted_signalling(eq: Any, allowed: dict[int, tuple[tuple[Fraction, ...], ...]]) -> Any:
    g = eq.game
    tree = g.game
    at = {nd.path: k for k, nd in enumerate(tree.nodes)}
    sets = list(eq.beliefs)
    for j, m in enumerate(g.messages):
        h = tree.nodes[at[(g.types[0], m)]].infoset
        if h not in allowed:
            continue
        order = [g.types.index(tree.nodes[k].path[0]) for k in tree.infosets[h].nodes]
        vertices = []
        for v in allowed[h]:
            by_type = [Fraction(0)] * len(g.types)
            for pos, i in enumerate(order):
                by_type[i] = v[pos]
            vertices.append(tuple(x if eq.exact else float(x) for x in by_type))
        interval = None
        if len(g.types) == 2 and vertices:
            firsts = [v[0] for v in vertices]
            interval = (min(firsts), max(firsts))
        sets[j] = dataclasses.replace(sets[j], vertices=tuple(vertices), interval=interval)
    return eq.with_beliefs(sets)


def refine(result: Any, refinement: str) -> RefinedPBEResult:
    """Keep the perfect Bayesian equilibria that survive the Intuitive Criterion or D1.

    Parameters
    ----------
    result
        The perfect Bayesian equilibria of a tree
        (:func:`~.perfect_bayesian_trees.tree_perfect_bayesian_equilibria`)
        or of a signalling game
        (:func:`~.perfect_bayesian.perfect_bayesian_equilibria`).
    refinement
        ``"intuitive"`` (the Intuitive Criterion) or ``"d1"``.

    Returns
    -------
    RefinedPBEResult
        The survivors, in the order of ``result``, each with its supporting
        beliefs restricted; ``checks`` say which restriction was imposed at
        which information sets, ``eliminated`` which equilibria failed.

    Raises
    ------
    SolverError
        If the refinement is unknown or the result is not of perfect
        Bayesian equilibria.

    Examples
    --------
    The settlement game adapted from Banks and Sobel (1987), the standard
    example in which the Intuitive Criterion keeps a pooling equilibrium that
    D1 eliminates: a defendant, not negligent (t1) or negligent (t2) with
    probability 1/2 each, offers a Low or a High settlement; the plaintiff
    accepts or rejects (then the court fines t2 more). Both types offering
    High, with Low rejected, survives the Intuitive Criterion (either type
    would gain if Low were accepted) but not D1: t1 gains from Low whenever
    t2 does (acceptance with probability above 1/3 against 3/4), so the
    belief after Low is t1, who is accepted.

    >>> from gametheory_alliances.signalling import SignallingGame
    >>> from gametheory_alliances.solvers.perfect_bayesian_trees import (
    ...     tree_perfect_bayesian_equilibria)
    >>> settlement = SignallingGame.from_arrays(
    ...     ["t1", "t2"], ["1/2", "1/2"], ["Low", "High"], ["Accept", "Reject"],
    ...     [[[(-3, 3), (-6, 0)], [(-5, 5), (-6, 0)]],
    ...      [[(-3, 3), (-11, 5)], [(-5, 5), (-11, 5)]]])
    >>> result = tree_perfect_bayesian_equilibria(settlement.game)
    >>> def offers(res):
    ...     return sorted({(eq.choices()["Sender after t1"], eq.choices()["Sender after t2"])
    ...                    for eq in res})
    >>> offers(result)
    [('High', 'High'), ('Low', 'Low')]
    >>> offers(refine(result, "intuitive")), offers(refine(result, "d1"))
    ([('High', 'High'), ('Low', 'Low')], [('Low', 'Low')])
    """
    if refinement not in REFINEMENTS:
        raise SolverError(f"unknown refinement {refinement!r}: expected intuitive or d1")
    signalling = isinstance(getattr(result, "game", None), SignallingGame)
    if not signalling and not isinstance(result, TreePBEResult):
        raise SolverError(
            f"refine needs perfect Bayesian equilibria (a TreePBEResult or PBEResult), "
            f"found {type(result).__name__}"
        )
    tree = result.game.game if signalling else result.game
    checks: list[RefinementCheck] = []
    eliminated: list[RefinementCheck] = []
    notes: list[str] = []
    for eq in result:
        if signalling:
            behaviour, belief_sets = eq.behaviour_profile()
            profile = [behaviour[h] for h in range(len(tree.infosets))]
            beliefs = dict(belief_sets)
        else:
            profile = list(eq.profile)
            beliefs = {h: b.vertices for h, b in enumerate(eq.beliefs) if not b.on_path}
        ok, restrictions, allowed, more = check_equilibrium(tree, profile, beliefs, refinement)
        for n in more:
            if n not in notes:
                notes.append(n)
        if ok:
            kept = (
                _restricted_signalling(eq, allowed)
                if signalling
                else _restricted_assessment(eq, allowed)
            )
            checks.append(RefinementCheck(kept, True, tuple(restrictions), tuple(more)))
        else:
            eliminated.append(RefinementCheck(eq, False, tuple(restrictions), tuple(more)))
    head = (
        f"refined by {_NAMES[refinement]}: off-path beliefs give no weight to the types it "
        f"excludes; {len(checks)} of {len(result)} equilibria survive"
    )
    return RefinedPBEResult(
        result.game,
        f"{result.method}, refined by {refinement}",
        tuple(c.equilibrium for c in checks),
        exact=result.exact,
        options={**result.options, "refine": refinement},
        notes=(head, *result.notes, *notes),
        refinement=refinement,
        unrefined=result,
        checks=tuple(checks),
        eliminated=tuple(eliminated),
        enumerated=getattr(result, "enumerated", ""),
    )
