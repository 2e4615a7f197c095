"""Sequential equilibria of a finite tree: perfect Bayesian ones with consistent beliefs.

:func:`sequential_equilibria` lists the perfect Bayesian equilibria of
:func:`~.perfect_bayesian_trees.tree_perfect_bayesian_equilibria` whose
beliefs can be made *consistent* in the sense of Kreps and Wilson (1982):
limits of Bayes posteriors along totally mixed behaviour profiles tending to
the equilibrium's. Off the path, each reported belief set is the part of
the supporting beliefs that is consistent.

What is checked. By the curve selection lemma, a belief system is
consistent with a behaviour profile ``sigma`` exactly when there are trembles
``sigma_eps(a) = c_a eps^k(a)`` for the unplayed actions (orders ``k(a) > 0``,
constants ``c_a > 0``; played actions keep their probability, chance moves
theirs) whose posteriors converge to it. A node ``x`` is then reached with
probability ``C(x) eps^K(x)``, where ``K(x)`` sums the orders and ``C(x)``
the constants and probabilities along its path. At every off-path
information set the belief must be carried by the nodes of least order
``K``, in proportion to ``C``. For each choice of those supports ``T`` at the
off-path sets this module decides

1. whether orders exist that make ``T`` the least-order nodes (a linear
   feasibility problem, solved in floating point and *certified exactly*:
   a solution, or a Farkas certificate of infeasibility, is checked in
   rational arithmetic; when neither certifies the choice is undecided);
2. which beliefs on ``T`` the constants can give: in logarithms, the
   posteriors ``log mu(x) - log C0(x)`` must lie in the column space of the
   matrix of unplayed actions on each path (plus one column per set). The
   matrix splits into independent blocks (nodes sharing unplayed actions).
   A block whose matrix has full row rank is *free*: every belief with
   support exactly ``T`` is consistent, and the supporting ones are the
   relative interior of a face of the supporting polytope (exact). A block
   whose unplayed actions are the same along every path to a set is
   *determined*: the belief is the Bayes posterior of the played
   probabilities, one point, checked exactly. Any other block is
   *partial* (sets linked through shared unplayed actions, as when two
   sets follow the same deviation): the check tries a few constants (all
   1; then, set by set, constants aiming its belief at the centroid and at
   the full-support vertices of its face, where each node has an unplayed
   action of its own), a **sufficient condition only**; if no trial
   belief supports the profile the choice is undecided, and where one
   does, the beliefs reported for the block are those trial points (a
   subset of its consistent supporting beliefs).

An equilibrium is listed when some choice of supports passes; it is dropped
when every choice fails with a certificate; otherwise it is counted as
undecided in the notes (not listed). The belief reported at each off-path
set is the union over the passing choices (the extreme points of the
consistent supporting beliefs where that union is convex); beliefs at
different sets reported this way need not all combine into one consistent
system when the sets share unplayed actions.

References
----------
D. M. Kreps and R. Wilson (1982), "Sequential equilibria", *Econometrica*
50(4), 863-894.

R. Selten (1975), "Reexamination of the perfectness concept for equilibrium
points in extensive games", *International Journal of Game Theory* 4, 25-55.

Examples
--------
An entrant stays out (payoff 1) or enters; after entry, chance draws the
market (High with probability 1/4) and the entrant, not observing it,
expands (8 if High, -4 if Low) or holds (0). Staying out is optimal. A weak
perfect Bayesian equilibrium lets the entrant believe anything after entry,
which is off the path, so "expand" is supported by an optimistic belief;
consistency pins the belief to the prior, under which expanding loses.

>>> from gametheory_alliances.sequential import SequentialGame, Chance, Decision, Terminal
>>> def stage(gain):
...     return Decision("Entrant", {"Expand": Terminal([gain]), "Hold": Terminal([0])},
...                     infoset="after entry")
>>> game = SequentialGame(Decision("Entrant", {
...     "Out": Terminal([1]),
...     "In": Chance({"High": ("1/4", stage(8)), "Low": ("3/4", stage(-4))})}),
...     players=["Entrant"])
>>> weak = tree_perfect_bayesian_equilibria(game)
>>> [(eq.choices()["Entrant at root"], eq.choices()["after entry"]) for eq in weak]
[('Out', 'Expand'), ('Out', 'Hold')]
>>> weak[0].beliefs[1].interval
(Fraction(1, 3), Fraction(1, 1))
>>> strict = sequential_equilibria(game)
>>> [(eq.choices()["Entrant at root"], eq.choices()["after entry"]) for eq in strict]
[('Out', 'Hold')]
>>> strict[0].beliefs[1].vertices
((Fraction(1, 4), Fraction(3, 4)),)
>>> strict.concept
'sequential'
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction
from typing import Any

import numpy as np
import sympy
from scipy.optimize import linprog

from ..sequential import SequentialGame
from .perfect_bayesian_trees import (
    MAX_SUPPORT_PROFILES,
    MAX_TIGHT_SYSTEMS,
    Assessment,
    InfosetBelief,
    TreePBEResult,
    tree_perfect_bayesian_equilibria,
)

__all__ = ["MAX_BELIEF_SUPPORTS", "sequential_equilibria"]

MAX_BELIEF_SUPPORTS = 4_096
"""Most choices of belief supports examined for one equilibrium (beyond it: undecided)."""

Action = tuple[int, int]
"""An unplayed action: (information set, action index)."""


def sequential_equilibria(
    game: SequentialGame,
    *,
    mixed: bool = True,
    max_support_profiles: int = MAX_SUPPORT_PROFILES,
    max_tight: int = MAX_TIGHT_SYSTEMS,
) -> TreePBEResult:
    """The sequential equilibria among the perfect Bayesian equilibria of a tree.

    Parameters
    ----------
    game
        A numeric :class:`~gametheory_alliances.sequential.SequentialGame`.
    mixed, max_support_profiles, max_tight
        As for :func:`~.perfect_bayesian_trees.tree_perfect_bayesian_equilibria`.

    Returns
    -------
    TreePBEResult
        With ``concept == "sequential"``: the equilibria whose beliefs can
        be made consistent, each with the consistent supporting beliefs off
        the path; ``notes`` counts the equilibria left undecided (see the
        module's text for what is checked).

    Examples
    --------
    Selten's horse: the belief of player 3, not reached when 1 plays C and
    2 plays c, comes from two independent trembles (1's D and 2's d), so
    every supporting belief is consistent and the sequential equilibria are
    the perfect Bayesian ones.

    >>> from gametheory_alliances.sequential import SequentialGame, Decision, Terminal
    >>> three = lambda k: Decision("3", {"L": Terminal(k[0]), "R": Terminal(k[1])}, infoset="3")
    >>> horse = SequentialGame(Decision("1", {
    ...     "C": Decision("2", {"c": Terminal([1, 1, 1]),
    ...                          "d": three([[4, 4, 0], [1, 1, 1]])}),
    ...     "D": three([[3, 3, 2], [0, 0, 0]])}), players=["1", "2", "3"])
    >>> result = sequential_equilibria(horse)
    >>> [eq.choices() for eq in result]
    [{'1 at root': 'C', '2 after C': 'c', '3': 'R'}, {'1 at root': 'C', '2 after C': 'd', '3': 'R'}]
    >>> result[0].beliefs[2].interval
    (Fraction(2, 3), Fraction(1, 1))
    """
    weak = tree_perfect_bayesian_equilibria(
        game, mixed=mixed, max_support_profiles=max_support_profiles, max_tight=max_tight
    )
    kept: list[Assessment] = []
    undecided = 0
    dropped = 0
    for eq in weak:
        status, beliefs = consistent_beliefs(eq)
        if status == "consistent":
            kept.append(replace(eq, beliefs=beliefs))
        elif status == "undecided":
            undecided += 1
        else:
            dropped += 1
    notes = [
        "sequential equilibria (Kreps-Wilson consistency): off-path beliefs are the consistent "
        "ones among those supporting the profile"
    ]
    notes += [n for n in weak.notes if not n.startswith("weak perfect Bayesian")]
    if dropped:
        notes.append(f"{dropped} perfect Bayesian equilibria have no consistent supporting beliefs")
    if undecided:
        notes.append(
            f"{undecided} perfect Bayesian equilibria were not decided (the consistency check "
            "is only sufficient for their trees) and are not listed"
        )
    return TreePBEResult(
        game,
        weak.method + " with Kreps-Wilson consistency",
        tuple(kept),
        exact=weak.exact,
        options=dict(weak.options),
        notes=tuple(notes),
        enumerated=weak.enumerated,
        concept="sequential",
    )


def consistent_beliefs(eq: Assessment) -> tuple[str, tuple[InfosetBelief, ...]]:
    """Whether an assessment's beliefs can be made consistent, and the consistent ones.

    Returns
    -------
    tuple
        ``("consistent", beliefs)`` with the consistent supporting beliefs
        at every set (on-path beliefs unchanged), ``("inconsistent", ())``
        when every choice of supports fails with a certificate, or
        ``("undecided", ())``.

    Examples
    --------
    >>> from gametheory_alliances.sequential import SequentialGame, Decision, Terminal
    >>> game = SequentialGame(Decision("A", {"Out": Terminal([2, 0]),
    ...     "In": Decision("B", {"x": Terminal([0, 1]), "y": Terminal([3, 0])})}))
    >>> eq = tree_perfect_bayesian_equilibria(game)[0]
    >>> consistent_beliefs(eq)[0]
    'consistent'
    """
    game = eq.game
    data = _PathData(game, eq.profile)
    # Sets reached only through impossible chance moves keep their beliefs: no tremble reaches them.
    off = [
        h
        for h, b in enumerate(eq.beliefs)
        if not b.on_path
        and len(b.nodes) > 1
        and any(data.possible[x] for x in game.infosets[h].nodes)
    ]
    choices: list[list[tuple[int, ...]]] = []
    for h in off:
        possible = [i for i, x in enumerate(game.infosets[h].nodes) if data.possible[x]]
        vertices = eq.beliefs[h].vertices
        options = []
        for size in range(1, len(possible) + 1):
            for t in itertools.combinations(possible, size):
                if any(all(v[i] == 0 for i in range(len(v)) if i not in t) for v in vertices):
                    options.append(t)
        choices.append(options)
    if not off:
        return "consistent", eq.beliefs
    total = 1
    for options in choices:
        total *= len(options)
    if total > MAX_BELIEF_SUPPORTS:
        return "undecided", ()
    pieces: dict[int, list[tuple[str, tuple[int, ...], list[tuple[Fraction, ...]]]]] = {
        h: [] for h in off
    }
    undecided = False
    for joint in itertools.product(*choices):
        supports = dict(zip(off, joint, strict=True))
        order = data.orders_feasible(supports)
        if order is None:
            undecided = True
            continue
        if not order:
            continue
        found = _ratios(eq, data, supports)
        if found is None:
            undecided = True
            continue
        if not found:
            continue
        for h, piece in found.items():
            if piece not in pieces[h]:
                pieces[h].append(piece)
    if not any(pieces[h] for h in off):
        return ("undecided" if undecided else "inconsistent"), ()
    beliefs = list(eq.beliefs)
    for h in off:
        beliefs[h] = _union(eq.beliefs[h], pieces[h])
    return "consistent", tuple(beliefs)


class _PathData:
    """For each node: the probability of its played moves, its unplayed actions, its possibility."""

    def __init__(self, game: SequentialGame, profile: Sequence[Sequence[Fraction]]) -> None:
        nodes = game.nodes
        _, probs = game.numbers()
        self.game = game
        self.weight: list[Fraction] = [Fraction(1)] * len(nodes)
        self.unplayed: list[tuple[Action, ...]] = [()] * len(nodes)
        self.possible: list[bool] = [True] * len(nodes)
        for x, nd in enumerate(nodes):
            for a, c in enumerate(nd.children):
                self.possible[c] = self.possible[x]
                self.unplayed[c] = self.unplayed[x]
                self.weight[c] = self.weight[x]
                if nd.kind == "chance":
                    p = Fraction(probs[x][a])
                    if p == 0:
                        self.possible[c] = False
                    else:
                        self.weight[c] *= p
                elif profile[nd.infoset][a]:
                    self.weight[c] *= profile[nd.infoset][a]
                else:
                    self.unplayed[c] = (*self.unplayed[x], (nd.infoset, a))

    def orders_feasible(self, supports: dict[int, tuple[int, ...]]) -> bool | None:
        """Whether orders exist making ``supports`` the least-order nodes (``None``: undecided)."""
        infos = self.game.infosets
        actions = sorted({a for h in supports for x in infos[h].nodes for a in self.unplayed[x]})
        index = {a: i for i, a in enumerate(actions)}
        n = len(actions)

        def row(x: int) -> list[int]:
            r = [0] * n
            for a in self.unplayed[x]:
                r[index[a]] += 1
            return r

        eq_rows: list[list[int]] = []
        ge_rows: list[list[int]] = [[int(i == j) for j in range(n)] for i in range(n)]
        for h, t in supports.items():
            nodes = infos[h].nodes
            first = row(nodes[t[0]])
            for i in t[1:]:
                eq_rows.append([a - b for a, b in zip(row(nodes[i]), first, strict=True)])
            for i, x in enumerate(nodes):
                if i not in t and self.possible[x]:
                    ge_rows.append([a - b for a, b in zip(row(x), first, strict=True)])
        if n == 0:
            return not ge_rows
        return _feasible(eq_rows, ge_rows)


def _feasible(eq_rows: list[list[int]], ge_rows: list[list[int]]) -> bool | None:
    """Whether ``E k = 0, G k >= 1`` has a solution, certified exactly either way."""
    n = len(ge_rows[0])
    lp = linprog(
        np.zeros(n),
        A_ub=-np.array(ge_rows, dtype=float),
        b_ub=-np.ones(len(ge_rows)),
        A_eq=np.array(eq_rows, dtype=float) if eq_rows else None,
        b_eq=np.zeros(len(eq_rows)) if eq_rows else None,
        bounds=(None, None),
        method="highs",
    )
    if lp.status == 0:
        k = [Fraction(v).limit_denominator(10**6) for v in lp.x]
        if all(sum(a * v for a, v in zip(r, k, strict=True)) == 0 for r in eq_rows) and all(
            sum(a * v for a, v in zip(r, k, strict=True)) >= 1 for r in ge_rows
        ):
            return True
        return None
    # Farkas: y >= 0, z free with y G + z E = 0 and sum y = 1 certifies infeasibility.
    m, e = len(ge_rows), len(eq_rows)
    a_eq = np.zeros((n + 1, m + e))
    for i, r in enumerate(ge_rows):
        a_eq[:n, i] = r
    for i, r in enumerate(eq_rows):
        a_eq[:n, m + i] = r
    a_eq[n, :m] = 1
    b_eq = np.zeros(n + 1)
    b_eq[n] = 1
    dual = linprog(
        np.zeros(m + e),
        A_eq=a_eq,
        b_eq=b_eq,
        bounds=[(0, None)] * m + [(None, None)] * e,
        method="highs",
    )
    if dual.status != 0:
        return None
    y = [Fraction(v).limit_denominator(10**6) for v in dual.x]
    if any(v < 0 for v in y[:m]) or sum(y[:m]) <= 0:
        return None
    combo = [
        sum(y[i] * ge_rows[i][j] for i in range(m))
        + sum(y[m + i] * eq_rows[i][j] for i in range(e))
        for j in range(n)
    ]
    return False if all(v == 0 for v in combo) else None


def _ratios(
    eq: Assessment, data: _PathData, supports: dict[int, tuple[int, ...]]
) -> dict[int, tuple[str, tuple[int, ...], list[tuple[Fraction, ...]]]] | None:
    """The consistent supporting beliefs on these supports, set by set.

    ``{}`` when there are none (certified), ``None`` when undecided.
    """
    infos = eq.game.infosets
    rows = [(h, i) for h, t in supports.items() for i in t]
    blocks = _blocks(rows, data, infos)
    out: dict[int, tuple[str, tuple[int, ...], list[tuple[Fraction, ...]]]] = {}
    for block in blocks:
        sets = sorted({h for h, _ in block})
        actions = sorted({a for h, i in block for a in data.unplayed[infos[h].nodes[i]]})
        matrix = sympy.Matrix(
            [
                [int(a in data.unplayed[infos[h].nodes[i]]) for a in actions]
                + [int(h == g) for g in sets]
                for h, i in block
            ]
        )
        rank = matrix.rank()
        if rank == len(block):
            kind = "free"
        elif rank == len(sets):
            kind = "determined"
        else:
            kind = "partial"
        if kind == "free":
            for h in sets:
                t = supports[h]
                face = [
                    v
                    for v in eq.beliefs[h].vertices
                    if all(v[i] == 0 for i in range(len(v)) if i not in t)
                ]
                used = {i for v in face for i in range(len(v)) if v[i]}
                if used != set(t):
                    return {}
                out[h] = ("free", t, face)
            continue
        found = None
        for constants in _trial_constants(eq, data, supports, sets, kind):
            mus = {h: _posterior(data, infos[h].nodes, supports[h], constants) for h in sets}
            if all(_supports(eq, h, mu) for h, mu in mus.items()):
                found = mus
                break
        if found is None:
            # Determined: the one consistent belief fails (certified); partial: undecided.
            return {} if kind == "determined" else None
        for h, mu in found.items():
            out[h] = ("point", supports[h], [mu])
    return out


def _posterior(
    data: _PathData, nodes: Sequence[int], t: tuple[int, ...], constants: dict[Action, Fraction]
) -> tuple[Fraction, ...]:
    """The limit belief on support ``t`` under trembles with these constants (1 if not given)."""
    weights = []
    for i, x in enumerate(nodes):
        w = Fraction(0)
        if i in t:
            w = data.weight[x]
            for a in data.unplayed[x]:
                w *= constants.get(a, Fraction(1))
        weights.append(w)
    total = sum(weights)
    return tuple(w / total for w in weights)


def _trial_constants(
    eq: Assessment,
    data: _PathData,
    supports: dict[int, tuple[int, ...]],
    sets: Sequence[int],
    kind: str,
) -> list[dict[Action, Fraction]]:
    """Tremble constants to try: all 1, then ones aiming each set at points of its face.

    For a set whose support nodes each have an unplayed action of their own
    (but one, the reference), the constants of those actions can give any
    belief on the support; the points aimed at are the face's centroid and
    its vertices of full support. The other sets' beliefs follow.
    """
    trials: list[dict[Action, Fraction]] = [{}]
    if kind == "determined":
        return trials
    infos = eq.game.infosets
    for h in sets:
        t = supports[h]
        nodes = [infos[h].nodes[i] for i in t]
        own: list[Action | None] = []
        for x in nodes:
            others = {a for y in nodes if y != x for a in data.unplayed[y]}
            mine = [a for a in data.unplayed[x] if a not in others]
            own.append(mine[0] if mine else None)
        if sum(a is None for a in own) > 1:
            continue
        ref = next((k for k, a in enumerate(own) if a is None), 0)
        face = [
            v for v in eq.beliefs[h].vertices if all(v[i] == 0 for i in range(len(v)) if i not in t)
        ]
        if not face:
            continue
        centroid = tuple(sum(col, Fraction(0)) / len(face) for col in zip(*face, strict=True))
        targets = [centroid] + [v for v in face if all(v[i] for i in t)]
        for q in targets:
            if not all(q[i] for i in t):
                continue
            constants: dict[Action, Fraction] = {}
            base = q[t[ref]] / data.weight[nodes[ref]]
            for k, x in enumerate(nodes):
                a = own[k]
                if k != ref and a is not None:
                    constants[a] = q[t[k]] / (data.weight[x] * base)
            trials.append(constants)
    return trials


def _blocks(
    rows: list[tuple[int, int]], data: _PathData, infos: Sequence[Any]
) -> list[list[tuple[int, int]]]:
    """Rows grouped by shared sets and shared unplayed actions (connected components)."""
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[Any, int] = {}
    for k, (h, i) in enumerate(rows):
        for key in [("set", h), *data.unplayed[infos[h].nodes[i]]]:
            if key in owner:
                parent[find(k)] = find(owner[key])
            else:
                owner[key] = k
    groups: dict[int, list[tuple[int, int]]] = {}
    for k, r in enumerate(rows):
        groups.setdefault(find(k), []).append(r)
    return list(groups.values())


def _supports(eq: Assessment, h: int, mu: tuple[Fraction, ...]) -> bool:
    """Whether the belief ``mu`` at set ``h`` makes the profile optimal there (exactly)."""
    beliefs = list(eq.beliefs)
    beliefs[h] = replace(beliefs[h], vertices=(mu,))
    check = replace(eq, beliefs=tuple(beliefs)).certify()
    return check.regrets[eq.game.infosets[h].label] <= 0


def _union(
    belief: InfosetBelief, pieces: list[tuple[str, tuple[int, ...], list[tuple[Fraction, ...]]]]
) -> InfosetBelief:
    """The belief set of the passing pieces; its extreme points where it is convex."""
    points = sorted({v for _, _, vs in pieces for v in vs}, reverse=True)
    covering = [
        vs
        for kind, t, vs in pieces
        if kind == "free" and all(set(u) <= set(t) for _, u, _ in pieces)
    ]
    convex = len(points) == 1 or bool(covering)
    if covering:
        # Every other piece lies in this face: its vertices are the extreme points.
        points = sorted(covering[0], reverse=True)
    interval = None
    if convex and len(belief.nodes) == 2:
        firsts = [v[0] for v in points]
        interval = (min(firsts), max(firsts))
    return replace(belief, vertices=tuple(points), interval=interval, convex=convex)
