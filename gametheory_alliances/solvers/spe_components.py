"""The whole set of subgame-perfect equilibria of a perfect-information tree, mixtures at ties.

Where a mover is indifferent, it may randomise over its best actions, and
the earlier movers' best responses can turn on the mixture (a patron mixing
at the boundary of credibility is a probabilistic commitment). The set of
subgame-perfect equilibria (SPE) in behaviour strategies is then a union of
pieces, which :func:`spe_set` computes exactly (rational arithmetic):

* backward induction where the behaviour at a tie is a vector of mixing
  variables ``p{h}_{a}`` (the probability of action ``a`` at information
  set ``h``, both counted from 0 in the game's order) over a set of best
  actions; the continuation values become polynomials in these variables
  (multilinear: a product only ever joins variables of different nodes);
* an earlier mover's choice of a set ``S`` of best actions is a condition on
  the variables below it (the values of the actions in ``S`` are equal and
  at least those of the others), so a *piece* is a conjunction of such
  conditions with a mixing simplex at every tie; empty pieces are dropped
  (exactly when the conditions are linear, and whenever one condition alone
  is unsatisfiable otherwise), and a linear piece contained in another is
  dropped too;
* a piece whose conditions are linear is a polytope: its vertices (by
  :func:`~gametheory_alliances.linalg.polytope_vertices`) are extreme SPE;
  a piece with products of mixing probabilities is not polyhedral and is
  described by its condition only (its pure profiles are listed, no other
  point is invented);
* the set is connected, so it is one component: by induction from the
  leaves, the SPE set of a subtree is the graph of the correspondence that
  maps the (connected, by induction; a product at chance nodes) SPE set of
  the subtrees below to the simplex over the mover's best actions, which
  is upper hemicontinuous with convex values, and such a graph over a
  connected set is connected.

A pure SPE is a vertex of every piece that contains it, so the listed points
include every pure SPE. Each piece is one idea of the module: the set it
describes is exactly the set of behaviour profiles that are sequentially
rational at every node with the chosen sets of best actions.

References
----------
R. Selten (1975), "Reexamination of the perfectness concept for equilibrium
points in extensive games", *International Journal of Game Theory* 4, 25-55.
H. W. Kuhn (1953), "Extensive games and the problem of information", in
*Contributions to the Theory of Games II*, Princeton University Press,
193-216 (backward induction on trees of perfect information).

Examples
--------
>>> from gametheory_alliances.sequential import SequentialGame, Decision, Terminal
>>> entry = SequentialGame(
...     Decision("Entrant", {
...         "Stay out": Terminal([1, 2]),
...         "Enter": Decision("Incumbent", {"Fight": Terminal([0, 1]),
...                                         "Acquiesce": Terminal([2, 1])}),
...     }),
... )
>>> found = spe_set(entry)
>>> [tuple(str(p) for h in point for p in h) for point in found.points]
[('1', '0', '1', '0'), ('1', '0', '1/2', '1/2'), ('0', '1', '1/2', '1/2'), ('0', '1', '0', '1')]
>>> found.components
(1, 1, 1, 1)
>>> for piece in found.pieces:
...     print(piece.condition, piece.vertices)
Eq(p1_0 + p1_1, 1) & (1 >= 2*p1_1) (0, 1)
Eq(p1_0 + p1_1, 1) & (2*p1_1 >= 1) (2, 3)
Eq(1, 2*p1_1) & Eq(p0_0 + p0_1, 1) & Eq(p1_0 + p1_1, 1) (1, 2)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy

from ..errors import GameError, TooLargeError
from ..linalg import polytope_vertices
from ..parameters import Parameter
from ..sequential import SequentialGame

__all__ = ["SPEPiece", "SPESet", "require_mixed_game", "spe_set"]

Poly = dict[frozenset[int], Fraction]
"""A multilinear polynomial: monomial (a set of variable ids) -> coefficient."""

Point = tuple[tuple[Fraction, ...], ...]
"""A behaviour profile: for each information set, the probability of each action."""

Cond = tuple[tuple[tuple[frozenset[int], Fraction], ...], str]
"""A condition ``poly op 0`` (``op`` is ``"=="`` or ``">="``), its polynomial frozen."""

MAX_PURE_CHECKS = 4096
"""Bound on the pure profiles tried when a non-polyhedral condition is tested alone."""

_ONE = frozenset[int]()


# -- multilinear polynomials with rational coefficients --------------------------------


def _const(c: Fraction) -> Poly:
    return {_ONE: c} if c else {}


def _add(p: Poly, q: Poly, scale: Fraction = Fraction(1)) -> Poly:
    out = dict(p)
    for m, c in q.items():
        v = out.get(m, Fraction(0)) + scale * c
        if v:
            out[m] = v
        else:
            out.pop(m, None)
    return out


def _times_var(p: Poly, v: int) -> Poly:
    return {m | {v}: c for m, c in p.items()}


def _degree(p: Poly | Mapping[frozenset[int], Fraction]) -> int:
    return max((len(m) for m in p), default=0)


def _value_at(
    p: Iterable[tuple[frozenset[int], Fraction]], point: Mapping[int, Fraction]
) -> Fraction:
    return sum((c * math.prod(point[v] for v in m) for m, c in p), Fraction(0))


def _freeze(p: Poly) -> tuple[tuple[frozenset[int], Fraction], ...]:
    return tuple(sorted(p.items(), key=lambda mc: (len(mc[0]), sorted(mc[0]))))


def _holds(value: Fraction, op: str) -> bool:
    return value == 0 if op == "==" else value >= 0


# -- pieces under construction ------------------------------------------------------------


@dataclass
class _Piece:
    """A set of behaviour profiles of a subtree: mixing simplices cut by conditions."""

    conds: tuple[Cond, ...]
    value: tuple[Poly, ...]
    behaviour: dict[int, tuple[Poly, ...]]
    groups: tuple[tuple[int, ...], ...]
    cache: list[list[dict[int, Fraction]]] = field(default_factory=list)

    @property
    def linear(self) -> bool:
        return all(_degree(dict(p)) <= 1 for p, _ in self.conds)

    def vertices(self) -> list[dict[int, Fraction]]:
        """The vertices of the linear part of the piece (all of it when it is linear)."""
        if not self.cache:
            self.cache.append(_linear_vertices(self.conds, self.groups))
        return self.cache[0]

    def contains(self, point: Mapping[int, Sequence[Fraction]]) -> bool:
        assign: dict[int, Fraction] = {}
        for h, entries in self.behaviour.items():
            for a, e in enumerate(entries):
                variable = [next(iter(m)) for m in e if m]
                if variable:
                    assign[variable[0]] = point[h][a]
                elif point[h][a] != e.get(_ONE, Fraction(0)):
                    return False
        return all(_holds(_value_at(p, assign), op) for p, op in self.conds)

    def point(self, assign: Mapping[int, Fraction]) -> dict[int, tuple[Fraction, ...]]:
        return {
            h: tuple(_value_at(e.items(), assign) for e in es) for h, es in self.behaviour.items()
        }

    def pure_points(self) -> list[dict[int, Fraction]]:
        """The assignments that put each mixing group on one action and satisfy the conditions."""
        out = []
        for picks in itertools.product(*self.groups):
            assign = {v: Fraction(int(v in picks)) for g in self.groups for v in g}
            if all(_holds(_value_at(p, assign), op) for p, op in self.conds):
                out.append(assign)
        return out


def _linear_vertices(
    conds: Sequence[Cond], groups: Sequence[Sequence[int]]
) -> list[dict[int, Fraction]]:
    """Vertices of ``{simplices of groups} ∩ {linear conditions}`` (nonlinear ones ignored)."""
    order = sorted({v for g in groups for v in g})
    col = {v: j for j, v in enumerate(order)}
    d = len(order)
    zero = [Fraction(0)] * d
    eq: list[tuple[list[Fraction], Fraction]] = []
    ub: list[tuple[list[Fraction], Fraction]] = []
    for g in groups:
        row = list(zero)
        for v in g:
            row[col[v]] = Fraction(1)
        eq.append((row, Fraction(1)))
    for v in order:
        row = list(zero)
        row[col[v]] = Fraction(-1)
        ub.append((row, Fraction(0)))
    for poly, op in conds:
        if _degree(dict(poly)) > 1:
            continue
        row = list(zero)
        constant = Fraction(0)
        for m, c in poly:
            if m:
                row[col[next(iter(m))]] += c
            else:
                constant = c
        if op == "==":
            eq.append((row, -constant))
        else:
            ub.append(([-x for x in row], constant))
    return [dict(zip(order, x, strict=True)) for x in polytope_vertices(d, eq, ub)]


def _single_condition_possible(
    poly: Mapping[frozenset[int], Fraction], op: str, groups: Sequence[Sequence[int]]
) -> bool:
    """Whether ``poly op 0`` alone can hold on the product of the mixing simplices.

    The polynomial is affine in each node's simplex, so its range there is
    the interval between its least and greatest values at pure profiles.
    """
    used = {v for m in poly for v in m}
    mine = [g for g in groups if used & set(g)]
    if math.prod(len(g) for g in mine) > MAX_PURE_CHECKS:
        return True
    values = [
        _value_at(poly.items(), {v: Fraction(int(v in picks)) for g in mine for v in g})
        for picks in itertools.product(*mine)
    ]
    return max(values) >= 0 and (op == ">=" or min(values) <= 0)


def _possible(piece: _Piece) -> bool:
    if not piece.vertices():
        return False
    return all(
        _single_condition_possible(dict(p), op, piece.groups)
        for p, op in piece.conds
        if _degree(dict(p)) > 1
    )


def _subset(small: _Piece, big: _Piece) -> bool:
    if not (small.linear and big.linear):
        return False
    return all(big.contains(small.point(x)) for x in small.vertices())


def _prune(pieces: list[_Piece]) -> list[_Piece]:
    """Drop the linear pieces contained in another (the first of equal ones stays)."""
    keep = []
    for k, p in enumerate(pieces):
        if any(
            _subset(p, q) and (j < k or not _subset(q, p)) for j, q in enumerate(pieces) if j != k
        ):
            continue
        keep.append(p)
    return keep


# -- results -------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class SPEPiece:
    """One piece of the SPE set of a perfect-information tree.

    Attributes
    ----------
    game
        The tree.
    behaviour
        For each information set, each action's probability as a sympy
        expression: a number, or a mixing variable ``p{h}_{a}``.
    condition
        A sympy boolean over the mixing variables (each in [0, 1]) that
        holds exactly on the piece: each mixing vector sums to one, and at
        every node the actions given positive probability are best.
    variables
        ``{variable name: (information set label, action)}``.
    polyhedral
        Whether the condition is linear (the piece is a polytope).
    vertices
        For a polyhedral piece, the indices of its vertices among the listed
        equilibria; empty otherwise (the piece is described by its
        condition; see ``points``).
    points
        The indices of the listed equilibria that lie in the piece.
    component
        The component of the SPE set the piece belongs to: always 1, as the
        SPE set of a perfect-information tree is connected (see the module
        docstring); kept so that pieces read as Nash components do.
    """

    game: SequentialGame = field(repr=False)
    behaviour: tuple[tuple[sympy.Expr, ...], ...]
    condition: sympy.Basic
    variables: dict[str, tuple[str, str]]
    polyhedral: bool
    vertices: tuple[int, ...]
    points: tuple[int, ...]
    component: int

    @property
    def parameters(self) -> tuple[Parameter, ...]:
        """The mixing variables as parameters with domain [0, 1] (for a ``Region``)."""
        return tuple(Parameter(name, "[0, 1]") for name in self.variables)

    @property
    def note(self) -> str:
        """What the piece is, in words."""
        if self.polyhedral:
            return f"a polytope with {len(self.vertices)} vertices"
        return (
            "not polyhedral (products of mixing probabilities): described by its condition; "
            f"listed equilibria in it: {len(self.points)}"
        )

    def contains(self, profile: Sequence[Sequence[Any]]) -> bool:
        """Whether a behaviour profile (probabilities per information set) lies in the piece.

        Exact: the probabilities are read as fractions.
        """
        subs: dict[sympy.Symbol, sympy.Expr] = {}
        for entries, probs in zip(self.behaviour, profile, strict=True):
            if len(probs) != len(entries):
                raise GameError(
                    f"profile: expected {len(entries)} probabilities, found {len(probs)}"
                )
            for e, p in zip(entries, probs, strict=True):
                x = sympy.Rational(Fraction(p))
                if isinstance(e, sympy.Symbol):
                    subs[e] = x
                elif e != x:
                    return False
        return bool(self.condition.xreplace(subs))

    def __repr__(self) -> str:
        kind = (
            f"polytope, vertices {', '.join(str(k + 1) for k in self.vertices)}"
            if self.polyhedral
            else "not polyhedral"
        )
        return f"SPEPiece(component {self.component}, {kind}: {self.condition})"


@dataclass(frozen=True)
class SPESet:
    """The SPE set: listed points (extreme SPE), their components and the pieces.

    ``points[k]`` is a behaviour profile (fractions), ``components[k]`` its
    component (1: the set is connected); ``pieces`` describe the whole set.
    """

    points: tuple[Point, ...]
    components: tuple[int, ...]
    pieces: tuple[SPEPiece, ...]


def _sympy_of(p: Iterable[tuple[frozenset[int], Fraction]], symbols: Sequence[sympy.Symbol]) -> Any:
    return sympy.Add(
        *(sympy.Rational(c) * sympy.Mul(*(symbols[v] for v in sorted(m))) for m, c in p)
    )


def _relation(
    p: Iterable[tuple[frozenset[int], Fraction]], op: str, symbols: Sequence[sympy.Symbol]
) -> Any:
    terms = list(p)
    lhs = _sympy_of([(m, c) for m, c in terms if c > 0], symbols)
    rhs = _sympy_of([(m, -c) for m, c in terms if c < 0], symbols)
    return sympy.Eq(lhs, rhs) if op == "==" else sympy.Ge(lhs, rhs)


class _Builder:
    def __init__(self, game: SequentialGame, max_pieces: int) -> None:
        self.game = game
        self.limit = max_pieces
        self.pays, self.probs = game.numbers(exact=True)
        self.offset: list[int] = []
        total = 0
        for h in game.infosets:
            self.offset.append(total)
            total += len(h.actions)
        self.var_of = {
            self.offset[h] + a: (h, a)
            for h, info in enumerate(game.infosets)
            for a in range(len(info.actions))
        }

    def _check(self, count: int, k: int) -> None:
        if count > self.limit:
            where = " > ".join(self.game.nodes[k].path) or "the root"
            raise TooLargeError(
                f"mixed SPE at {where}: more than max_equilibria = {self.limit} pieces of the "
                f"SPE set ({count} at least); raise max_equilibria to enumerate them"
            )

    def pieces(self) -> list[_Piece]:
        nodes = self.game.nodes
        n = self.game.n_players
        sols: dict[int, list[_Piece]] = {}
        for k in range(len(nodes) - 1, -1, -1):
            nd = nodes[k]
            if nd.kind == "terminal":
                sols[k] = [_Piece((), tuple(_const(v) for v in self.pays[k]), {}, ())]
                continue
            children = [sols.pop(c) for c in nd.children]
            self._check(math.prod(len(c) for c in children), k)
            out: list[_Piece] = []
            for combo in itertools.product(*children):
                conds = tuple(c for p in combo for c in p.conds)
                behaviour = {h: b for p in combo for h, b in p.behaviour.items()}
                groups = tuple(g for p in combo for g in p.groups)
                if nd.kind == "chance":
                    value: list[Poly] = [{} for _ in range(n)]
                    for w, p in zip(self.probs[k], combo, strict=True):
                        value = [_add(a, b, w) for a, b in zip(value, p.value, strict=True)]
                    out.append(_Piece(conds, tuple(value), behaviour, groups))
                else:
                    out.extend(self.choices(k, combo, conds, behaviour, groups))
                self._check(len(out), k)
            sols[k] = _prune(out)
        return sols[0]

    def choices(
        self,
        k: int,
        combo: Sequence[_Piece],
        conds: tuple[Cond, ...],
        behaviour: dict[int, tuple[Poly, ...]],
        groups: tuple[tuple[int, ...], ...],
    ) -> list[_Piece]:
        """The pieces of node ``k``: one for each set of best actions its mover may mix over."""
        nd = self.game.nodes[k]
        i, h, m = nd.player, nd.infoset, len(nd.children)
        values = [p.value[i] for p in combo]
        if all(_degree(v) == 0 for v in values):
            numbers = [v.get(_ONE, Fraction(0)) for v in values]
            best = max(numbers)
            subsets: Iterable[tuple[int, ...]] = [tuple(a for a in range(m) if numbers[a] == best)]
        else:
            subsets = (
                s for size in range(1, m + 1) for s in itertools.combinations(range(m), size)
            )
        out = []
        for s in subsets:
            new: list[Cond] = []
            feasible = True
            for a in range(m):
                if a == s[0]:
                    continue
                diff = _add(values[s[0]], values[a], Fraction(-1))
                op = "==" if a in s else ">="
                if _degree(diff) == 0:
                    feasible = feasible and _holds(diff.get(_ONE, Fraction(0)), op)
                else:
                    new.append((_freeze(diff), op))
            if not feasible:
                continue
            if len(s) == 1:
                value = combo[s[0]].value
                here = tuple(_const(Fraction(int(a == s[0]))) for a in range(m))
                more: tuple[tuple[int, ...], ...] = ()
            else:
                ids = tuple(self.offset[h] + a for a in s)
                value = tuple(
                    {
                        mono: c
                        for a, v in zip(s, ids, strict=True)
                        for mono, c in _times_var(combo[a].value[j], v).items()
                    }
                    for j in range(self.game.n_players)
                )
                here = tuple(
                    {frozenset({self.offset[h] + a}): Fraction(1)} if a in s else {}
                    for a in range(m)
                )
                more = (ids,)
            piece = _Piece(conds + tuple(new), value, {**behaviour, h: here}, groups + more)
            if new and not _possible(piece):
                continue
            out.append(piece)
        return out


def require_mixed_game(game: SequentialGame) -> None:
    """Raise a :class:`~gametheory_alliances.GameError` unless mixtures at ties can be enumerated.

    They can on numeric trees of perfect information with rational payoffs
    and chance probabilities.

    Examples
    --------
    >>> from gametheory_alliances.sequential import SequentialGame, Decision, Terminal
    >>> require_mixed_game(SequentialGame(Decision("A", {"x": Terminal([1])})))
    """
    game.require_numeric()
    if not game.is_perfect_information:
        raise GameError(
            "mixed SPE at ties: the tree has information sets with several nodes; "
            "mixtures at ties are enumerated for trees of perfect information only"
        )
    if not game.is_exact:
        raise GameError(
            "mixed SPE at ties: the payoffs or chance probabilities are not rational; "
            "bind parameters with exact values (integers, fractions or decimals)"
        )


def spe_set(game: SequentialGame, max_pieces: int = 10_000) -> SPESet:
    """Every SPE of a rational perfect-information tree: extreme points, components, pieces.

    Parameters
    ----------
    game
        A numeric tree of perfect information with rational payoffs (and
        chance probabilities).
    max_pieces
        Bound on the number of pieces kept at any node
        (:class:`~gametheory_alliances.TooLargeError` beyond it).

    Returns
    -------
    SPESet
        The listed points (every vertex of a polyhedral piece and every pure
        SPE), with larger probabilities of earlier actions first; the pieces in the order of
        the enumeration (depth first, earlier actions first).

    Raises
    ------
    GameError
        If the game has imperfect information or irrational numbers.
    TooLargeError
        If there are more than ``max_pieces`` pieces.

    Examples
    --------
    >>> from gametheory_alliances.sequential import SequentialGame, Decision, Terminal
    >>> game = SequentialGame(Decision("A", {"x": Terminal([1]), "y": Terminal([1])}))
    >>> spe_set(game).points
    (((Fraction(1, 1), Fraction(0, 1)),), ((Fraction(0, 1), Fraction(1, 1)),))
    """
    require_mixed_game(game)
    builder = _Builder(game, max_pieces)
    raw = builder.pieces()
    n_sets = len(game.infosets)

    def full(assign_point: dict[int, tuple[Fraction, ...]]) -> Point:
        return tuple(assign_point[h] for h in range(n_sets))

    found: dict[Point, None] = {}
    own: list[list[Point]] = []
    for piece in raw:
        points = [
            full(piece.point(x))
            for x in (piece.vertices() if piece.linear else piece.pure_points())
        ]
        own.append(points)
        found.update(dict.fromkeys(points))
    holders: dict[Point, list[int]] = {
        pt: [j for j, piece in enumerate(raw) if piece.contains(dict(enumerate(pt)))]
        for pt in found
    }
    listed = sorted(found, key=lambda pt: tuple(-p for probs in pt for p in probs))
    index = {pt: k for k, pt in enumerate(listed)}
    symbols = [Parameter(f"p{h}_{a}", "[0, 1]").symbol for h, a in builder.var_of.values()]
    pieces = []
    for j, piece in enumerate(raw):
        conds = [sympy.Eq(sympy.Add(*(symbols[v] for v in g)), 1) for g in piece.groups]
        conds += [_relation(p, op, symbols) for p, op in piece.conds]
        used = sorted({v for g in piece.groups for v in g})
        inside = tuple(index[pt] for pt in listed if j in holders[pt])
        pieces.append(
            SPEPiece(
                game,
                tuple(
                    tuple(_sympy_of(e.items(), symbols) for e in piece.behaviour[h])
                    for h in range(n_sets)
                ),
                sympy.And(*conds),
                {
                    symbols[v].name: (
                        game.infosets[builder.var_of[v][0]].label,
                        game.infosets[builder.var_of[v][0]].actions[builder.var_of[v][1]],
                    )
                    for v in used
                },
                piece.linear,
                tuple(sorted(index[pt] for pt in own[j])) if piece.linear else (),
                inside,
                1,
            )
        )
    return SPESet(
        tuple(listed),
        (1,) * len(listed),
        tuple(pieces),
    )
