"""Outcome predicates of the entrapment family: deterrence, restraint, emboldenment, entanglement, entrapment.

An outcome predicate is a statement about an equilibrium's path of play,
possibly compared with a *baseline*: the same game with the commitment
removed (for the entrapment models, the reneging costs set to zero). A
model file declares the predicates that apply to it in an ``[outcomes]``
table; :func:`evaluate` computes them for any subgame-perfect equilibrium
(any object with ``.game`` and a behaviour ``.profile``).

The entrapment family's predicates, following the literature:

``deterrence``
    Deterrence succeeds: no attack occurs with positive probability on the
    equilibrium path (Snyder 1984; Zagare and Kilgour 2000).
``restraint``
    The protege is restrained: it adopts the moderate policy on the path
    (Benson 2012, on conditional commitments).
``emboldenment``
    The protege is emboldened: it adopts the risky policy on the path,
    and without the commitment (the baseline game) it would moderate
    (Benson 2012's moral hazard).
``entanglement``
    The patron is entangled: it fights (defends after an attack) on the
    path at an information set where, in every equilibrium of the baseline
    game, it would stay out, so that it fights because of the alliance
    (Kim 2011, "a process whereby a state is compelled to aid an ally in a
    costly and unprofitable enterprise because of the alliance").
``entrapment``
    The patron is entrapped: an entanglement over a risky policy, i.e. the
    patron fights, on the path, a war that followed the protege's risky
    policy and that it would not have chosen to fight absent the
    commitment (Kim 2011's entrapment, an undesirable form of
    entanglement).

A predicate's declaration has three optional lists of action labels:

``on_path``
    each action is taken with positive probability on the path;
``off_path``
    no action listed is taken with positive probability on the path;
``baseline_differs``
    for every information set on the path at which a listed action is
    taken, the baseline game does not take that action there (and at least
    one listed action is taken on the path); what "does not take" means
    where the baseline player is indifferent is set by ``baseline_ties``.

All three must hold. A mixed equilibrium satisfies a predicate when the
outcome it describes happens with positive probability.

Ties
----
Where a player is indifferent, every subgame-perfect equilibrium is
reported and each is evaluated on its own path: ``on_path`` and
``off_path`` never look beyond the equilibrium at hand, and a region of
:func:`~gametheory_alliances.symbolic.predicates.outcome_regions` is where
*some* SPE has the outcome, tie points included. A predicate with
``baseline_differs`` also declares ``baseline_ties``, how an indifferent
player of the baseline game counts:

``"exclude"`` (the default)
    the action differs from the baseline only where every equilibrium of
    the baseline game plays it with probability zero; a baseline player
    indifferent between the action and another never counts.
``"count"``
    as ``"exclude"``, and also where the baseline player is indifferent
    (some equilibrium of the baseline game plays another action there)
    and the commitment breaks the tie: every equilibrium of the game
    itself takes the action there with probability one. So a protege
    that, without the alliance, is attacked whatever its policy (and is
    indifferent) and that takes the risky policy in every equilibrium
    with the alliance counts as emboldened; and when the game is its own
    baseline (no commitment) a tie never counts.

References
----------
Snyder, G. H. (1984). The security dilemma in alliance politics. World Politics 36(4).
Kim, T. (2011). Why alliances entangle but seldom entrap states. Security Studies 20(3).
Benson, B. V. (2012). Constructing International Security. Cambridge University Press.
Zagare, F. C. and Kilgour, D. M. (2000). Perfect Deterrence. Cambridge University Press.

Examples
--------
>>> from gametheory_alliances.catalogue import load_model
>>> from gametheory_alliances.predicates import outcome_table
>>> model = load_model("entrapment")
>>> point = dict(k_P="1/2", k_A="1/100", x="3/10", r_M="1/2", r_R="1/2")
>>> for row in outcome_table(model, **point):
...     print(row["path"], row["deterrence"], row["emboldenment"])
('Risky', 'Not attack') True True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .deprecation import moved
from .errors import GameError
from .game import Game
from .parameters import Parameter, as_number, exact_substitutions

__all__ = [
    "TIE_RULES",
    "OutcomePredicate",
    "OutcomeSpec",
    "evaluate",
    "outcome_table",
    "parse_outcomes",
    "path_choices",
    "substitute",
    "substitute_parameters",
]

_KEYS = ("on_path", "off_path", "baseline_differs")
TIE_RULES = ("exclude", "count")


@dataclass(frozen=True)
class OutcomePredicate:
    """A named condition on an equilibrium's path (see the module docstring)."""

    name: str
    description: str = ""
    on_path: tuple[str, ...] = ()
    off_path: tuple[str, ...] = ()
    baseline_differs: tuple[str, ...] = ()
    baseline_ties: str = "exclude"

    @property
    def needs_baseline(self) -> bool:
        """Whether the predicate compares with the baseline game."""
        return bool(self.baseline_differs)

    @property
    def needs_equilibria(self) -> bool:
        """Whether the predicate also looks at every equilibrium of the game (a tie rule)."""
        return self.needs_baseline and self.baseline_ties == "count"


@dataclass(frozen=True)
class OutcomeSpec:
    """A model's outcome predicates and its baseline (commitment-free) parameter values."""

    predicates: tuple[OutcomePredicate, ...]
    baseline: dict[str, Fraction | float] = field(default_factory=dict)
    credible: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The predicates' names, in declaration order."""
        return tuple(p.name for p in self.predicates)


def _read_action_labels(value: Any, where: str) -> tuple[str, ...]:
    """The action labels of an ``[outcomes]`` list at ``where``, checked to be an array of text."""
    if isinstance(value, str) or not isinstance(value, list):
        raise GameError(f"{where}: expected an array of action labels, found {value!r}")
    for v in value:
        if not isinstance(v, str):
            raise GameError(f"{where}: expected action labels (text), found {v!r}")
    return tuple(value)


def _game_actions(game: Any) -> set[str]:
    out: set[str] = set()
    for nd in game.nodes:
        out.update(nd.actions)
    return out


def parse_outcomes(
    table: Mapping[str, Any], parameters: Mapping[str, Parameter], game: Any
) -> OutcomeSpec:
    """Read a model file's ``[outcomes]`` table.

    ``baseline`` (optional) maps parameter names to the values that remove
    the commitment; ``credible`` (optional) lists actions whose credibility
    conditions :func:`credibility_conditions` reports (e.g. the patron's
    ``Defend``); every other key is a predicate with optional
    ``description``, ``on_path``, ``off_path``, ``baseline_differs`` and
    ``baseline_ties`` (``"exclude"`` or ``"count"``; see the module
    docstring).

    Raises
    ------
    GameError
        Unknown keys, unknown parameters or action labels, values outside a
        parameter's domain, a ``baseline_differs`` without a baseline, a
        game that is not a tree.

    Examples
    --------
    >>> from gametheory_alliances.catalogue import load_model
    >>> model = load_model("entrapment")
    >>> spec = parse_outcomes(
    ...     {"deterrence": {"off_path": ["Attack"]}}, model.parameters, model.game
    ... )
    >>> spec.names
    ('deterrence',)
    """
    if not (isinstance(game, Game) and game.kind == "tree"):
        raise GameError("outcomes: predicates need a sequential game (a tree)")
    actions = _game_actions(game)
    baseline: dict[str, Fraction | float] = {}
    raw_baseline = table.get("baseline", {})
    if not isinstance(raw_baseline, Mapping):
        raise GameError(f"outcomes.baseline: expected a table, found {raw_baseline!r}")
    for name, value in raw_baseline.items():
        if name not in parameters:
            raise GameError(
                f"outcomes.baseline.{name}: unknown parameter; the model's parameters: "
                + ", ".join(parameters)
            )
        number = as_number(value, f"outcomes.baseline.{name}")
        parameters[name].check(number)
        baseline[name] = number
    credible = _read_action_labels(table.get("credible", []), "outcomes.credible")
    for a in credible:
        if a not in actions:
            raise GameError(
                f"outcomes.credible: no action {a!r} in the game; its actions: "
                + ", ".join(sorted(actions))
            )
    predicates = []
    for name, spec in table.items():
        if name in ("baseline", "credible"):
            continue
        where = f"outcomes.{name}"
        if not isinstance(spec, Mapping):
            raise GameError(f"{where}: expected a table, found {spec!r}")
        unknown = [k for k in spec if k not in (*_KEYS, "description", "baseline_ties")]
        if unknown:
            raise GameError(
                f"{where}: unknown key {unknown[0]!r}; expected description, "
                + ", ".join(_KEYS)
                + ", baseline_ties"
            )
        lists = {k: _read_action_labels(spec.get(k, []), f"{where}.{k}") for k in _KEYS}
        for k, labels in lists.items():
            for a in labels:
                if a not in actions:
                    raise GameError(
                        f"{where}.{k}: no action {a!r} in the game; its actions: "
                        + ", ".join(sorted(actions))
                    )
        if not any(lists.values()):
            raise GameError(f"{where}: a predicate needs on_path, off_path or baseline_differs")
        if lists["baseline_differs"] and not baseline:
            raise GameError(f"{where}.baseline_differs: needs outcomes.baseline (the values)")
        description = spec.get("description", "")
        if not isinstance(description, str):
            raise GameError(f"{where}.description: expected text, found {description!r}")
        ties = spec.get("baseline_ties", "exclude")
        if ties not in TIE_RULES:
            raise GameError(
                f"{where}.baseline_ties: expected one of "
                + ", ".join(map(repr, TIE_RULES))
                + f", found {ties!r}"
            )
        if "baseline_ties" in spec and not lists["baseline_differs"]:
            raise GameError(f"{where}.baseline_ties: only applies with baseline_differs")
        predicates.append(OutcomePredicate(name, description, **lists, baseline_ties=ties))
    if not predicates:
        raise GameError("outcomes: expected at least one predicate")
    return OutcomeSpec(tuple(predicates), baseline, credible)


def path_choices(equilibrium: Any) -> dict[int, set[str]]:
    """The information sets reached on the path and the actions taken there.

    Returns ``{information set index: {actions played with positive
    probability}}`` for every information set some node of which is reached
    with positive probability. Chance outcomes are listed under the key
    ``-1``.
    """
    game = equilibrium.game
    nodes = game.nodes
    profile = equilibrium.profile
    reached = {0}
    out: dict[int, set[str]] = {}
    for k, nd in enumerate(nodes):
        if k not in reached or nd.kind == "terminal":
            continue
        if nd.kind == "chance":
            weights: Sequence[Any] = [as_number(p) for p in nd.probs]
            key = -1
        else:
            weights = profile[nd.infoset]
            key = nd.infoset
        for a, c, w in zip(nd.actions, nd.children, weights, strict=True):
            if w:
                reached.add(c)
                out.setdefault(key, set()).add(a)
    return out


def evaluate(
    equilibrium: Any,
    spec: OutcomeSpec | Sequence[OutcomePredicate],
    baseline: Sequence[Any] | None = None,
    equilibria: Sequence[Any] | None = None,
) -> dict[str, bool]:
    """Evaluate outcome predicates on one equilibrium.

    Parameters
    ----------
    equilibrium
        A subgame-perfect equilibrium (``.game``, ``.profile``).
    spec
        The predicates (an :class:`OutcomeSpec` or a sequence of predicates).
    baseline
        The equilibria of the baseline game (the same tree with the
        commitment removed); required by predicates with
        ``baseline_differs``.
    equilibria
        Every equilibrium of the game itself (``equilibrium`` among them);
        required by predicates with ``baseline_ties = "count"``, which ask
        whether the commitment broke a baseline tie.

    Returns
    -------
    dict
        ``{predicate name: bool}`` in declaration order.

    Examples
    --------
    At this point the protege is attacked whatever its policy without a
    commitment (so it is indifferent), and takes the risky policy in every
    SPE with one: the entrapment model's emboldenment counts the tie.

    >>> from gametheory_alliances.catalogue import load_model
    >>> from gametheory_alliances.solvers.backward_induction import (
    ...     subgame_perfect_equilibria,
    ... )
    >>> model = load_model("entrapment")
    >>> point = dict(x="1/2", k_P="1/2")
    >>> base = subgame_perfect_equilibria(model.at(**point))
    >>> [eq.path[0] for eq in base]
    ['Moderate', 'Risky']
    >>> spe = subgame_perfect_equilibria(model.at(**point, r_M="1/5", r_R="1/5"))
    >>> evaluate(spe[0], model.outcomes, base, spe)["emboldenment"]
    True
    """
    predicates = spec.predicates if isinstance(spec, OutcomeSpec) else tuple(spec)
    taken = path_choices(equilibrium)
    on = set().union(*taken.values()) if taken else set()
    out = {}
    for p in predicates:
        holds = all(a in on for a in p.on_path) and not any(a in on for a in p.off_path)
        if holds and p.baseline_differs:
            if baseline is None:
                raise GameError(f"outcome {p.name!r} needs the baseline game's equilibria")
            infosets = equilibrium.game.infosets
            hits = [
                (h, infosets[h].actions.index(a))
                for h, acts in taken.items()
                if h >= 0
                for a in acts
                if a in p.baseline_differs
            ]
            if p.needs_equilibria and equilibria is None:
                raise GameError(
                    f"outcome {p.name!r} counts baseline ties: it needs every equilibrium of the game"
                )
            holds = bool(hits) and all(
                _differs(h, i, baseline, equilibria if p.needs_equilibria else None)
                for h, i in hits
            )
        out[p.name] = bool(holds)
    return out


def _differs(h: int, i: int, baseline: Sequence[Any], equilibria: Sequence[Any] | None) -> bool:
    """Whether action ``i`` at information set ``h`` differs from the baseline (module docstring).

    With ``equilibria`` (the tie rule ``"count"``), a baseline tie the
    commitment breaks toward the action counts too.
    """
    if all(not base.profile[h][i] for base in baseline):
        return True
    if equilibria is None:
        return False

    def others(profile: Any) -> bool:
        return any(w for j, w in enumerate(profile[h]) if j != i)

    return any(others(base.profile) for base in baseline) and not any(
        others(eq.profile) for eq in equilibria
    )


def outcome_table(model: Any, **values: Any) -> list[dict[str, Any]]:
    """Every SPE of a model at a parameter point with its declared outcome predicates.

    Parameters
    ----------
    model
        A catalogue :class:`~gametheory_alliances.Model` whose file declares
        ``[outcomes]``.
    **values
        Parameter values (defaults for the rest).

    Returns
    -------
    list of dict
        One per SPE (in the solver's order): ``"equilibrium"``, ``"path"``
        and one boolean per predicate.

    Raises
    ------
    GameError
        If the model declares no outcome predicates.
    """
    from .solvers.backward_induction import subgame_perfect_equilibria

    spec = getattr(model, "outcomes", None)
    if spec is None:
        raise GameError(f"model {model.name!r} declares no outcome predicates ([outcomes])")
    equilibria = subgame_perfect_equilibria(model.at(**values))
    base = None
    if any(p.needs_baseline for p in spec.predicates):
        base = subgame_perfect_equilibria(model.at(**{**values, **spec.baseline}))
    rows = []
    for eq in equilibria:
        row: dict[str, Any] = {"equilibrium": eq, "path": eq.path}
        row.update(evaluate(eq, spec, base, equilibria))
        rows.append(row)
    return rows


def substitute_parameters(game: Any, values: Mapping[str, Any]) -> Any:
    """The tree with some parameters replaced by values, the others left symbolic.

    Unlike ``game.at(...)``, which binds every parameter (defaults for the
    rest), this keeps the parameters not given as symbols, so that the
    symbolic layer can work on a slice of parameter space. Values are not
    checked against domains (use ``Parameter.check`` first where needed).

    Examples
    --------
    >>> from fractions import Fraction
    >>> from gametheory_alliances.catalogue import load_model
    >>> game = load_model("chain-store").game
    >>> sliced = substitute_parameters(game, {"m": Fraction(5)})
    >>> sliced.free_parameters
    ('d',)
    """
    return substitute(game, exact_substitutions(game.parameters, values))


def substitute(game: Any, subs: Mapping[Any, Any]) -> Any:
    """The tree with parameter symbols replaced by expressions (``{symbol: expression}``).

    What :func:`substitute_parameters` does with numbers, for any expressions:
    a tied parameter (``r_R = r_M``) takes its expression's place.

    Examples
    --------
    >>> from gametheory_alliances.catalogue import load_model
    >>> game = load_model("entrapment").game
    >>> r_M, r_R = game.parameters["r_M"].symbol, game.parameters["r_R"].symbol
    >>> "r_R" in substitute(game, {r_R: r_M}).free_parameters
    False
    """
    import dataclasses

    subs = dict(subs)
    nodes = [
        dataclasses.replace(
            nd,
            infoset=-1,
            probs=tuple(e.xreplace(subs) for e in nd.probs),
            payoffs=tuple(e.xreplace(subs) for e in nd.payoffs),
            extra=dict(nd.extra),
        )
        for nd in game.nodes
    ]
    return type(game).from_nodes(game, nodes)


_MOVED = {
    "credibility_conditions": "symbolic.predicates",
    "outcome_regions": "symbolic.predicates",
    "outcome_columns": "sweep.predicates",
}


def __getattr__(name: str) -> Any:
    """The names that moved out (closed forms to ``symbolic``, table columns to ``sweep``)."""
    if _MOVED.get(name) == "symbolic.predicates":
        from .symbolic import predicates as closed_forms

        return moved(__name__, name, closed_forms)
    if _MOVED.get(name) == "sweep.predicates":
        from .sweep import predicates as columns

        return moved(__name__, name, columns)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
