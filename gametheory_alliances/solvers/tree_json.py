"""The JSON form of an equilibrium of a tree: one shape for every solution concept.

Subgame-perfect equilibria, perfect Bayesian equilibria and the Nash
equilibria of a tree's reduced strategic form all describe play on the same
tree, so ``gta solve GAME --json`` gives each of them the same fields, built
here from a behaviour profile by :func:`tree_equilibrium_json`:

``behaviour``
    ``{information set label: {action: probability}}``. ``null`` where the
    concept leaves the behaviour unspecified: an equilibrium of the reduced
    strategic form says nothing about an information set that the player's
    own strategy excludes (any behaviour there gives the same play).
``beliefs``
    ``{information set label: ...}`` for every information set, the nodes
    named by their paths (below). An object ``{node: probability}`` is a
    single belief: the only one at a one-node information set, and Bayes'
    rule wherever the information set is reached with positive probability.
    A list of such objects is the set of supporting beliefs off the path,
    given by its extreme points (a perfect Bayesian equilibrium supports its
    play by any belief in their convex hull). ``null`` off the path where
    the concept does not determine beliefs (subgame perfection, Nash).
``payoffs``
    Each player's expected payoff, in the order of ``players``.
``outcomes``
    ``{outcome: probability}`` for the terminal nodes reached with positive
    probability, summed over terminal nodes with the same label; an
    unlabelled terminal node is named by its path.
``path``
    The actions (and chance outcomes) taken with positive probability,
    visited depth first from the root: after each action its continuation,
    then the next action of the same node. For pure play without chance
    moves this is the play of the game in order.
``path_by_chance``
    For each step of ``path``, whether it is a chance outcome.
``exact``
    When the game and the profile are rational, the same ``behaviour``,
    ``beliefs``, ``payoffs`` and ``outcomes`` with every number an exact
    fraction as text (``"3/4"``).

**Node names.** A node is named by its path from the root, the action (or
chance outcome) labels joined by ``" > "`` (``"Strong > Beer"``); the root
is ``"root"``. Information set labels of trees built without explicit labels
use the same paths (``"Incumbent after Enter"``).

:func:`tree_header` gives the result-level fields (``players``,
``infosets`` with each set's player, actions and node names), and
:func:`reduced_form_json` translates the Nash (or pure) equilibria of a
tree's reduced strategic form back to behaviour profiles (Kuhn's theorem),
keeping the normal-form fields (``strategies``) beside the tree's.

Examples
--------
>>> from gametheory_alliances.sequential import SequentialGame, Decision, Terminal
>>> entry = SequentialGame(Decision("Entrant", {
...     "Stay out": Terminal([1, 5], label="out"),
...     "Enter": Decision("Incumbent", {"Fight": Terminal([0, 0], label="war"),
...                                     "Acquiesce": Terminal([2, 2], label="peace")}),
... }))
>>> data = tree_equilibrium_json(entry, {0: (0, 1), 1: ("1/2", "1/2")})
>>> data["outcomes"], data["payoffs"], data["path"]
({'war': 0.5, 'peace': 0.5}, [1.0, 1.0], ['Enter', 'Fight', 'Acquiesce'])
>>> data["exact"]["payoffs"], data["beliefs"]["Incumbent after Enter"]
(['1', '1'], {'Enter': 1.0})
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from ..equilibrium import TOLERANCE
from ..errors import SolverError
from ..sequential import SequentialGame

__all__ = ["node_name", "reduced_form_json", "tree_equilibrium_json", "tree_header"]

UNSPECIFIED_NOTE = (
    "behaviour is null at an information set that the player's own reduced strategy "
    "excludes: any behaviour there gives the same play"
)
"""The note a reduced-form result carries when some behaviour is left unspecified."""


def node_name(game: SequentialGame, k: int) -> str:
    """The name of node ``k`` in JSON: its path joined by ``" > "``, ``"root"`` for the root.

    Examples
    --------
    >>> from gametheory_alliances.sequential import SequentialGame, Decision, Terminal
    >>> tree = SequentialGame(Decision("A", {"L": Decision("B", {"l": Terminal([0, 0])}),
    ...                                      "R": Terminal([1, 1])}))
    >>> [node_name(tree, k) for k in range(tree.n_nodes)]
    ['root', 'L', 'L > l', 'R']
    """
    path = game.nodes[k].path
    return " > ".join(path) if path else "root"


def tree_header(game: SequentialGame) -> dict[str, Any]:
    """The result-level JSON fields of a tree: ``players`` and ``infosets``.

    Each entry of ``infosets`` has the set's ``label``, its ``player``, its
    ``actions`` and its ``nodes`` (named as in :func:`node_name`).
    """
    return {
        "players": list(game.players),
        "infosets": [
            {
                "label": h.label,
                "player": game.players[h.player],
                "actions": list(h.actions),
                "nodes": [node_name(game, k) for k in h.nodes],
            }
            for h in game.infosets
        ],
    }


def _is_rational(x: Any) -> bool:
    return isinstance(x, int | Fraction | str) and not isinstance(x, bool)


def tree_equilibrium_json(
    game: SequentialGame,
    behaviour: Mapping[int, Sequence[Any] | None],
    beliefs: Mapping[int, Sequence[Sequence[Any]]] | None = None,
) -> dict[str, Any]:
    """The JSON fields of one equilibrium of a tree, from its behaviour profile.

    Parameters
    ----------
    game
        The numeric tree.
    behaviour
        For each information set (by its index in ``game.infosets``), the
        probability of each of its actions: fractions (or ``"1/2"`` text,
        integers) for exact output, floats otherwise; ``None`` or missing
        where the behaviour is unspecified (allowed only where the
        information set is reached with probability zero).
    beliefs
        Optional supporting beliefs for information sets, by index: the
        extreme points of the set of beliefs, each a probability for every
        node of the set in the order of ``InformationSet.nodes``. Off the
        path they are reported as the supporting set; on the path they must
        equal Bayes' rule.

    Returns
    -------
    dict
        ``behaviour``, ``beliefs``, ``payoffs``, ``outcomes``, ``path`` and,
        when the game's numbers and the profile are rational, ``exact`` (see
        the module docstring for each field).

    Raises
    ------
    SolverError
        If an information set reached with positive probability has no
        behaviour, or given beliefs on the path contradict Bayes' rule.

    Examples
    --------
    Beliefs follow Bayes' rule on the path; off it they are ``None`` unless
    a supporting set is given:

    >>> from gametheory_alliances.sequential import SequentialGame, Chance, Decision, Terminal
    >>> def reply(t):
    ...     return Decision("R", {"a": Terminal([1 if t == "x" else 0]),
    ...                           "b": Terminal([0])}, infoset="seen")
    >>> tree = SequentialGame(Chance({t: ("1/3" if t == "x" else "2/3", reply(t))
    ...                               for t in ("x", "y")}))
    >>> tree_equilibrium_json(tree, {0: (1, 0)})["exact"]["beliefs"]
    {'seen': {'x': '1/3', 'y': '2/3'}}
    """
    infosets = game.infosets
    given = {h: probs for h, probs in behaviour.items() if probs is not None}
    belief_sets = dict(beliefs or {})
    exact = (
        game.is_exact
        and all(_is_rational(p) for probs in given.values() for p in probs)
        and all(_is_rational(p) for vs in belief_sets.values() for v in vs for p in v)
    )

    def number(x: Any) -> Any:
        value = Fraction(x) if exact or isinstance(x, str) else x
        return value if exact else float(value)

    profile = {h: tuple(number(p) for p in probs) for h, probs in given.items()}
    supports = {h: [tuple(number(p) for p in v) for v in vs] for h, vs in belief_sets.items()}
    pays, chance = game.numbers(exact=exact)
    zero, one = number(0), number(1)

    def positive(x: Any) -> bool:
        return bool(x > 0) if exact else bool(x > TOLERANCE)

    nodes = game.nodes
    reach: list[Any] = [zero] * len(nodes)
    reach[0] = one
    # Preorder: every parent comes before its children.
    for k, nd in enumerate(nodes):
        if nd.kind == "terminal" or not reach[k]:
            continue
        if nd.kind == "chance":
            weights = chance[k]
        else:
            weights = profile.get(nd.infoset)
            if weights is None:
                raise SolverError(
                    f"information set {infosets[nd.infoset].label!r} is reached with "
                    f"probability {reach[k]} but the profile gives it no behaviour"
                )
        for w, c in zip(weights, nd.children, strict=True):
            reach[c] = reach[k] * w

    payoffs = [zero] * game.n_players
    outcomes: dict[str, Any] = {}
    for k, nd in enumerate(nodes):
        if nd.kind != "terminal" or not reach[k]:
            continue
        payoffs = [v + reach[k] * p for v, p in zip(payoffs, pays[k], strict=True)]
        if positive(reach[k]):
            name = nd.label or node_name(game, k)
            outcomes[name] = outcomes.get(name, zero) + reach[k]

    path: list[str] = []
    by_chance: list[bool] = []
    stack: list[tuple[tuple[str, bool] | None, int]] = [(None, 0)]
    while stack:
        step, k = stack.pop()
        if step is not None:
            path.append(step[0])
            by_chance.append(step[1])
        nd = nodes[k]
        if nd.kind == "terminal":
            continue
        drawn = nd.kind == "chance"
        weights = chance[k] if drawn else profile[nd.infoset]
        taken = [
            ((a, drawn), c)
            for a, c, w in zip(nd.actions, nd.children, weights, strict=True)
            if positive(w)
        ]
        stack.extend(reversed(taken))

    belief: dict[str, Any] = {}
    for h, info in enumerate(infosets):
        names = [node_name(game, k) for k in info.nodes]
        total = sum((reach[k] for k in info.nodes), zero)
        if len(info.nodes) == 1:
            belief[info.label] = {names[0]: one}
        elif positive(total):
            bayes = tuple(reach[k] / total for k in info.nodes)
            for v in supports.get(h, []):
                if any(abs(a - b) > (0 if exact else 1e-7) for a, b in zip(v, bayes, strict=True)):
                    raise SolverError(
                        f"information set {info.label!r} is on the path: its belief must be "
                        f"Bayes' rule {tuple(map(str, bayes))}, found {tuple(map(str, v))}"
                    )
            belief[info.label] = dict(zip(names, bayes, strict=True))
        elif h in supports:
            belief[info.label] = [dict(zip(names, v, strict=True)) for v in supports[h]]
        else:
            belief[info.label] = None

    def shown(x: Any, as_text: bool) -> Any:
        return str(x) if as_text else float(x)

    def fields(as_text: bool) -> dict[str, Any]:
        return {
            "behaviour": {
                info.label: (
                    {a: shown(p, as_text) for a, p in zip(info.actions, profile[h], strict=True)}
                    if h in profile
                    else None
                )
                for h, info in enumerate(infosets)
            },
            "beliefs": {
                label: (
                    None
                    if b is None
                    else {n: shown(p, as_text) for n, p in b.items()}
                    if isinstance(b, dict)
                    else [{n: shown(p, as_text) for n, p in v.items()} for v in b]
                )
                for label, b in belief.items()
            },
            "payoffs": [shown(v, as_text) for v in payoffs],
            "outcomes": {name: shown(p, as_text) for name, p in outcomes.items()},
        }

    out = fields(False)
    out["path"] = path
    out["path_by_chance"] = by_chance
    if exact:
        out["exact"] = fields(True)
    return out


def reduced_form_json(game: SequentialGame, result: Any, concept: str) -> dict[str, Any]:
    """The ``gta solve --json`` object of equilibria of a tree's reduced strategic form.

    Each equilibrium keeps its normal-form fields (``strategies`` over the
    reduced strategies, ``payoffs``, ``exact``, components) and gains the
    tree's (:func:`tree_equilibrium_json`) from the behaviour profile that
    Kuhn's theorem gives it; ``payoffs`` and ``exact`` then hold the tree's
    numbers (the same). Information sets a player's own strategy excludes
    have ``null`` behaviour, and the result's ``notes`` say so.

    Parameters
    ----------
    game
        The tree.
    result
        The :class:`~gametheory_alliances.equilibrium.SolverResult` of a
        normal-form solver run on ``game.to_normal_form()`` (reduced).
    concept
        The concept named in the output (``"nash"``, ``"pure"``).

    Raises
    ------
    SolverError
        If the result's strategies are not the tree's reduced strategies.

    Examples
    --------
    >>> from gametheory_alliances.sequential import SequentialGame, Decision, Terminal
    >>> from gametheory_alliances.solvers.vertex_enumeration import nash_equilibria
    >>> entry = SequentialGame(Decision("Entrant", {
    ...     "Stay out": Terminal([1, 5]),
    ...     "Enter": Decision("Incumbent", {"Fight": Terminal([0, 0]),
    ...                                     "Acquiesce": Terminal([2, 2])}),
    ... }))
    >>> data = reduced_form_json(entry, nash_equilibria(entry), "nash")
    >>> [eq["path"] for eq in data["equilibria"]]
    [['Stay out'], ['Stay out'], ['Enter', 'Acquiesce']]
    >>> data["equilibria"][0]["behaviour"]["Incumbent after Enter"]
    {'Fight': 1.0, 'Acquiesce': 0.0}
    """
    labels = [
        [game.strategy_label(i, s) for s in game.pure_strategies(i, reduced=True)]
        for i in range(game.n_players)
    ]
    if [list(s) for s in result.game.strategies] != labels:
        raise SolverError(
            f"the equilibria are over strategies {result.game.strategies}, not the tree's "
            f"reduced strategies {labels}"
        )
    data = result.to_dict(concept)
    data.update(tree_header(game))
    unspecified = False
    entries = []
    for eq, entry in zip(result.equilibria, data["equilibria"], strict=True):
        mixed = eq.exact_strategies if eq.exact_strategies is not None else eq.strategies
        tree_fields = tree_equilibrium_json(game, game.behaviour_from_mixed(mixed))
        unspecified = unspecified or None in tree_fields["behaviour"].values()
        exact = {**entry.pop("exact", {}), **tree_fields.pop("exact", {})}
        entries.append({**entry, **tree_fields, **({"exact": exact} if exact else {})})
    data["equilibria"] = entries
    if unspecified:
        data["notes"] = [*data.get("notes", []), UNSPECIFIED_NOTE]
    return data
