"""Closed-form conditions of the outcome predicates: where commitments are credible and outcomes occur.

The entrapment family's model files declare outcome predicates
(:mod:`gametheory_alliances.predicates`: deterrence, restraint, emboldenment,
entanglement, entrapment) and the actions whose credibility matters.
:func:`outcome_regions` derives, from the symbolic SPE regions, the region of
parameter space where some subgame-perfect equilibrium has each outcome;
:func:`credibility_conditions` the region where each listed action is
played in some SPE of the subgame it starts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy
import sympy

from ..errors import GameError
from ..parameters import exact_substitutions
from ..predicates import OutcomeSpec, substitute
from ..sequential import SequentialGame
from ..ties import split_ties
from .conditions import Simplifier, negate
from .credibility import credibility
from .normal_form import equilibrium_regions
from .region import Region
from .trees import SPERegionsResult

__all__ = [
    "EXPANSION_BUDGET",
    "credibility_conditions",
    "expanded",
    "outcome_regions",
    "predicate_conditions",
]

#: The most conjunctions a tie rule's condition may multiply out to (before pruning) for
#: :func:`outcome_regions` to multiply it out.
EXPANSION_BUDGET = 20_000


def _local_some(game: Any, h: int, action: str) -> Any:
    """The region where some SPE plays ``action`` at information set ``h``."""
    return _local(game, h, action, "some")


def _local(game: Any, h: int, action: str, mode: str) -> Any:
    """The region where some (``mode="some"``) or every SPE plays ``action`` at ``h``.

    For a single-node information set the question is local to the subgame
    that the node starts, which keeps the condition short.
    """
    info = game.infosets[h]
    if len(info.nodes) == 1:
        sub = SequentialGame(
            game.node(info.nodes[0]), players=game.players, parameters=game.parameters
        )
        return credibility(sub, 0, action, mode=mode)
    return credibility(game, h, action, mode=mode)


def credibility_conditions(model: Any) -> dict[tuple[str, str], Any]:
    """The credibility condition of each action the model's ``[outcomes]`` lists as ``credible``.

    For every information set offering such an action, the region where the
    action is played in some SPE of the subgame the information set starts
    (:func:`~gametheory_alliances.symbolic.credibility`, mode ``"some"``;
    the whole game when the information set has several nodes).

    Returns
    -------
    dict
        ``{(information set label, action): Region}`` in the game's order.

    Examples
    --------
    >>> from gametheory_alliances.catalogue import load_model
    >>> conditions = credibility_conditions(load_model("entrapment"))
    >>> print(conditions[("Patron after Risky > Attack", "Defend")])
    pi_D*v + r_R >= k_P + pi_S*v
    """
    spec: OutcomeSpec | None = getattr(model, "outcomes", None)
    if spec is None:
        raise GameError(f"model {model.name!r} declares no outcome predicates ([outcomes])")
    game = model.game
    out: dict[tuple[str, str], Any] = {}
    for h, info in enumerate(game.infosets):
        for action in info.actions:
            if action in spec.credible:
                out[(info.label, action)] = _local_some(game, h, action)
    return out


def outcome_regions(model: Any, fixed: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The region of parameter space where some SPE has each declared outcome.

    The SPE regions come from
    :func:`~gametheory_alliances.symbolic.equilibrium_regions` (concept
    ``"spe"``, the model's assumptions included). A predicate with
    ``baseline_differs`` adds, for each action it names that the SPE takes
    at an information set ``h`` on its path, the condition that no SPE of
    the baseline game (the model's baseline values substituted) plays that
    action at ``h`` (the subgame starting at ``h``'s node when ``h`` is a
    single node). A predicate that counts baseline ties
    (``baseline_ties = "count"``) also holds where some SPE of the baseline
    plays another action at ``h`` and no SPE of the game does.

    Parameters
    ----------
    model
        A catalogue model of perfect information with ``[outcomes]`` declared.
    fixed
        Parameters fixed at exact values or tied to others (see
        :meth:`Model.fix`); the regions are then in the remaining parameters.
        The baseline game takes the same values and ties, except that the
        baseline's own values win.

    Returns
    -------
    dict
        ``{predicate name: Region}`` in declaration order.

    Examples
    --------
    >>> from gametheory_alliances.catalogue import load_model
    >>> regions = outcome_regions(load_model("entrapment"))
    >>> regions["entrapment"].contains(x="1/2", g="1/2", k_P="1/2", r_M=0, r_R="1/2")
    True
    >>> regions["entrapment"].contains(x="1/2", g="1/2", k_P="1/2", r_M=0, r_R=0)
    False
    """
    model, _, conditions = predicate_conditions(model, fixed)
    out: dict[str, Any] = {}
    for name in model.outcomes.names:
        parts = [c[name] for c in conditions.values() if c[name] != sympy.false]
        out[name] = Region(sympy.Or(*parts) if parts else sympy.false, model.parameters)
    return out


def predicate_conditions(
    model: Any, fixed: Mapping[str, Any] | None = None
) -> tuple[Any, SPERegionsResult, dict[Any, dict[str, Any]]]:
    """Each SPE's region and, for each declared predicate, where the SPE is one and has it.

    The per-equilibrium pieces of :func:`outcome_regions` (which is their
    union over the equilibria): ``conditions[eq][name]`` is the sympy
    condition that ``eq`` is an SPE and its path satisfies predicate
    ``name`` (``sympy.false`` where it never does).

    Parameters
    ----------
    model
        A catalogue model of perfect information with ``[outcomes]`` declared.
    fixed
        Values or ties (see :meth:`Model.fix`) of some parameters.

    Returns
    -------
    model, regions, conditions
        The model with ``fixed`` applied, its SPE regions, and
        ``{equilibrium: {predicate name: condition}}`` in the regions' order.

    Examples
    --------
    >>> from gametheory_alliances.catalogue import load_model
    >>> sliced, regions, conditions = predicate_conditions(load_model("entrapment"))
    >>> len(conditions) == len(regions), list(next(iter(conditions.values())))[:2]
    (True, ['deterrence', 'restraint'])
    """
    spec: OutcomeSpec | None = getattr(model, "outcomes", None)
    if spec is None:
        raise GameError(f"model {model.name!r} declares no outcome predicates ([outcomes])")
    original = model.game
    if fixed:
        model = model.fix(**fixed)
    game = model.game
    regions = equilibrium_regions(model, concept="spe")
    if not isinstance(regions, SPERegionsResult):
        raise GameError(f"model {model.name!r}: outcome regions need a tree")
    base_game = substitute(original, _baseline_substitutions(original, fixed or {}, spec))
    differs_cache: dict[tuple[int, str, bool], Any] = {}
    simplifier = Simplifier(model.parameters)
    out: dict[Any, dict[str, Any]] = {eq: {} for eq in regions}
    edges_of = {eq: _path_edges(game, dict(eq.choices)) for eq in regions}
    for p in spec.predicates:
        for eq, region in regions.items():
            out[eq][p.name] = sympy.false
            edges = edges_of[eq]

            def reached(action: str, edges: list[tuple[int, str, Any]] = edges) -> Any:
                return sympy.Or(*[r for _, a, r in edges if a == action])

            cond = sympy.And(
                region.condition,
                *[reached(a) for a in p.on_path],
                *[sympy.Not(reached(a)) for a in p.off_path],
            )
            if cond == sympy.false:
                continue
            if p.baseline_differs:
                hits = [(h, a, r) for h, a, r in edges if h >= 0 and a in p.baseline_differs]
                if not hits:
                    continue
                cond = cond & sympy.Or(*[r for _, _, r in hits])
                for h, a, r in hits:
                    key = (h, a, p.needs_equilibria)
                    if key not in differs_cache:
                        differs_cache[key] = _differs(base_game, game, h, a, p.needs_equilibria)
                    cond = cond & (sympy.Not(r) | differs_cache[key])
                if p.needs_equilibria:
                    cond = _expand(cond, simplifier)
            out[eq][p.name] = cond
    return model, regions, out


def _baseline_substitutions(
    original: Any, fixed: Mapping[str, Any], spec: OutcomeSpec
) -> dict[Any, Any]:
    """The substitutions that make the baseline game from the unfixed tree.

    The fixed values and ties apply, except that the baseline's own values win
    (a tie ``r_R = r_M`` becomes ``r_R = 0`` where the baseline sets ``r_R``
    to zero, whatever ``r_M``).
    """
    params = original.parameters
    numbers, ties = split_ties(params, fixed)
    exact = {n: params[n].check(v) for n, v in numbers.items()}
    values = exact_substitutions(params, {**exact, **spec.baseline})
    subs = dict(values)
    for name, expr in ties.items():
        if name not in spec.baseline:
            subs[params[name].symbol] = expr.xreplace(values)
    return subs


def expanded(region: Region, budget: int = EXPANSION_BUDGET) -> Region:
    """The region with its condition multiplied out, unsatisfiable conjunctions pruned as it goes.

    :class:`Region` multiplies a condition out in one go, up to a fixed
    number of conjunctions; a negated union of several regions (``~(A | B)``)
    soon exceeds it and is left as written, so that an empty region is not
    recognised as empty. This multiplies out one factor at a time and drops
    every conjunction proved unsatisfiable at once.

    Parameters
    ----------
    region
        The region.
    budget
        The most conjunctions the condition may multiply out to before
        pruning; a larger condition is returned unchanged (still exact).

    Returns
    -------
    Region

    Examples
    --------
    >>> import sympy
    >>> from gametheory_alliances import Parameter
    >>> g, r = Parameter("g", "[0, 1]"), Parameter("r", "nonnegative")
    >>> pieces = [(g.symbol >= sympy.Rational(k, 8)) & (g.symbol <= sympy.Rational(k + 1, 8))
    ...           & (r.symbol >= k) for k in range(8)]
    >>> gaps = Region(sympy.Not(sympy.Or(*pieces)) & (r.symbol >= 8), [g, r])
    >>> gaps.is_empty(), expanded(gaps).is_empty()
    (True, True)
    """
    return Region(
        _expand(region.condition, Simplifier(region.parameters), budget), region.parameters
    )


def _expand(cond: Any, simplifier: Simplifier, budget: int = EXPANSION_BUDGET) -> Any:
    """``cond`` multiplied out into a disjunction of conjunctions, pruned as it goes.

    A tie rule's condition is a conjunction of long disjunctions (the
    negation of "some SPE plays another action"), too many terms for the
    simplifier to multiply out at once. Multiplied out one factor at a
    time, comparisons first, every conjunction that ``simplifier`` proves
    unsatisfiable is dropped at once, which keeps the expansion small. A
    condition that would multiply out to more than ``budget`` conjunctions
    before pruning (in full generality, with many free parameters) is
    returned as it was: still exact, only less simplified.
    """
    if _size(cond) > budget:
        return cond

    def grow(c: Any, terms: list[list[Any]]) -> list[list[Any]]:
        if isinstance(c, sympy.Not):
            return grow(negate(c.args[0]), terms)
        if isinstance(c, sympy.And):
            for arg in sorted(c.args, key=lambda x: isinstance(x, sympy.Or | sympy.And)):
                terms = grow(arg, terms)
                if not terms:
                    break
            return terms
        out: list[list[Any]] = []
        for arg in c.args if isinstance(c, sympy.Or) else ():
            for t in grow(arg, terms):
                if t not in out:
                    out.append(t)
        if isinstance(c, sympy.Or):
            return out
        for t in terms:
            simplified = simplifier.term([*t, c])
            if simplified is not None and simplified not in out:
                out.append(simplified)
        return out

    return sympy.Or(*(sympy.And(*t) for t in grow(cond, [[]])))


def _size(c: Any) -> int:
    """How many conjunctions ``c`` multiplies out to before any is pruned."""
    if isinstance(c, sympy.Not):
        return _size(negate(c.args[0]))
    if isinstance(c, sympy.And):
        return int(numpy.prod([_size(a) for a in c.args], dtype=object))
    if isinstance(c, sympy.Or):
        return sum(_size(a) for a in c.args)
    return 1


def _differs(base_game: Any, game: Any, h: int, action: str, ties: bool) -> Any:
    """The condition that ``action`` at ``h`` differs from the baseline (see :mod:`..predicates`).

    No SPE of the baseline plays it; with ``ties`` (the rule ``"count"``),
    also where some SPE of the baseline plays another action and every SPE
    of the game plays this one.
    """
    strict = negate(_local_some(base_game, h, action).condition)
    if not ties:
        return strict
    others = [b for b in game.infosets[h].actions if b != action]
    tie = (
        sympy.Or(*(_local_some(base_game, h, b).condition for b in others))
        & _local(game, h, action, "every").condition
    )
    return strict | tie


def _path_edges(game: Any, choices: Mapping[str, str]) -> list[tuple[int, str, Any]]:
    """The edges a pure profile's play can take, each with the condition that it is reached.

    Returns ``(information set, action, condition)`` for every decision edge
    the profile chooses on its path and ``(-1, outcome, condition)`` for every
    chance edge; play follows every chance outcome, and an edge's condition is
    that every chance probability on the way to it (its own included) is
    positive, so that an outcome whose probability is a parameter counts as
    reached exactly where that parameter is positive.
    """
    nodes = game.nodes
    out: list[tuple[int, str, Any]] = []
    stack: list[tuple[int, Any]] = [(0, sympy.true)]
    while stack:
        k, reach = stack.pop()
        nd = nodes[k]
        if nd.kind == "terminal":
            continue
        if nd.kind == "chance":
            for a, c, prob in zip(nd.actions, nd.children, nd.probs, strict=True):
                edge = sympy.And(reach, sympy.sympify(prob) > 0)
                if edge == sympy.false:
                    continue
                out.append((-1, a, edge))
                stack.append((c, edge))
            continue
        h = nd.infoset
        action = choices[game.infosets[h].label]
        out.append((h, action, reach))
        stack.append((nd.children[nd.actions.index(action)], reach))
    return out
