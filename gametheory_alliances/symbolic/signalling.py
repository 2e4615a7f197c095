"""Perfect Bayesian equilibria of signalling games in closed form: regions and expressions.

* :func:`pbe_regions` derives, for a parameterised game with two types, the
  region of parameter space where each pure candidate is a perfect Bayesian
  equilibrium, the existence of a supporting off-path belief eliminated in
  closed form, with the candidate's payoffs and outcome probabilities as
  expressions; with ``mixed=True`` also the semi-separating candidates,
  their mixing probabilities as rational functions of the parameters.
  Each candidate is a :class:`PBERegion`, collected in a
  :class:`PBERegionsResult`.
* :func:`closed_form` turns an equilibrium found at one point by
  :func:`~gametheory_alliances.solvers.perfect_bayesian.perfect_bayesian_equilibria`
  (a semi-separating one, say) into a :class:`ClosedForm`: expressions in the
  parameters for its mixing probabilities, payoffs and outcome probabilities
  (a war probability).

Outcomes. Label terminal nodes (``label = "war"`` in a model file) and ask
``r.probability("war")`` of a :class:`PBERegion` or :class:`ClosedForm` for
the closed-form probability; an action label works too
(``r.probability("Challenge")``).

References
----------
D. Fudenberg and J. Tirole (1991), "Perfect Bayesian equilibrium and
sequential equilibrium", *Journal of Economic Theory* 53(2), 236-260.

R. Gibbons (1992), *Game Theory for Applied Economists*, Princeton University
Press, section 4.2.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy

from ..errors import GameError, SolverError, TooLargeError
from ..game import game_of
from ..parameters import as_number, exact_substitutions
from ..sequential import SequentialGame
from ..signalling import ContinuationPlan, SignallingGame
from ..solvers.perfect_bayesian import (
    MAX_CANDIDATES,
    PerfectBayesianEquilibrium,
    ReducedGame,
    nonempty_subsets,
)
from .conditions import compare
from .region import Region

__all__ = [
    "ClosedForm",
    "PBERegion",
    "PBERegionsResult",
    "closed_form",
    "pbe_regions",
]


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
        """A one-line description of the candidate, as the numeric solver names its family.

        ``classification: type: message; ... | message: response; ...``, the
        form of :attr:`~gametheory_alliances.solvers.perfect_bayesian.PerfectBayesianEquilibrium.family`.
        """
        s = "; ".join(f"{t}: {m}" for t, m in self.sender.items())
        r = "; ".join(f"{m}: {x}" for m, x in self.receiver.items())
        return f"{self.classification}: {s} | {r}"

    def __repr__(self) -> str:
        return f"PBERegion({self.label()}; {self.region})"

    def _repr_html_(self) -> str:
        """The candidate, its off-path beliefs, payoffs and condition, as an HTML table."""
        from ..display import pbe_region_html

        return pbe_region_html(self)

    def _repr_latex_(self) -> str:
        """The candidate and its condition in LaTeX."""
        from ..display import pbe_region_latex

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
        from ..display import pbe_regions_html

        return pbe_regions_html(self)

    def _repr_latex_(self) -> str:
        """Every candidate and its condition, as an aligned LaTeX list."""
        from ..display import pbe_regions_latex

        return pbe_regions_latex(self)


def _exists_belief(pairs: list[tuple[sympy.Expr, sympy.Expr]]) -> sympy.Basic:
    """Whether some mu in [0, 1] has mu*A + (1 - mu)*B >= 0 for every (A, B) (Helly in one dimension)."""
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


def _signalling_game(subject: Any) -> tuple[SignallingGame, tuple[Any, ...]]:
    """The signalling game of a signalling game, a tree or a model, and the model's assumptions."""
    try:
        game: Any = game_of(subject)
    except GameError:
        game = subject
    assumptions = (
        () if game is subject else tuple(c for c, _ in getattr(subject, "assumptions", ()))
    )
    if isinstance(game, SequentialGame):
        game = SignallingGame(game)
    if not isinstance(game, SignallingGame):
        raise GameError(f"expected a signalling game or model, found {type(game).__name__}")
    return game, assumptions


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
    ...     print(r.label(), "  where", r.region)
    pooling: Strong: Beer; Weak: Beer | Beer: Not; Quiche: Duel   where p >= 1/2
    separating: Strong: Beer; Weak: Quiche | Beer: Duel; Quiche: Duel   where Eq(p, 0)
    separating: Strong: Beer; Weak: Quiche | Beer: Not; Quiche: Not   where Eq(p, 1)
    pooling: Strong: Quiche; Weak: Quiche | Beer: Duel; Quiche: Not   where p >= 1/2

    (The separating candidates hold only where one type has prior zero and
    its message is therefore off the path.)
    """
    game, model_assumptions = _signalling_game(game)
    assumed: list[Any] = list(model_assumptions)
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
        game.continuation_plans[i][j][k]
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
                [game.continuation_plans[i][j][k][next(it)] for k in range(len(game.responses[j]))]
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
    >>> from gametheory_alliances.solvers.perfect_bayesian import perfect_bayesian_equilibria
    >>> (eq,) = perfect_bayesian_equilibria(g.at(p="1/4"))
    >>> form = closed_form(g, eq)
    >>> form.sender[1]
    (-p/(p - 1), (2*p - 1)/(p - 1))
    >>> form.receiver[0]
    (1/2, 1/2)
    """
    game, _ = _signalling_game(game)
    num = equilibrium.game
    if (num.types, num.messages, num.responses) != (game.types, game.messages, game.responses):
        raise GameError("the equilibrium belongs to a game with other types, messages or responses")
    nt, nm = len(game.types), len(game.messages)
    it = iter(equilibrium.plan_selection)
    plans = [
        [
            [game.continuation_plans[i][j][k][next(it)] for k in range(len(game.responses[j]))]
            for j in range(nm)
        ]
        for i in range(nt)
    ]
    if fixed:
        unknown = [k for k in fixed if k not in game.parameters]
        if unknown:
            raise GameError(
                f"fixed: unknown parameters {unknown}; the game has {list(game.parameters)}"
            )
        subs = exact_substitutions(
            game.parameters,
            {name: as_number(game.parameters[name].check(v), name) for name, v in fixed.items()},
        )

        def put(e: Any) -> Any:
            return sympy.sympify(e).xreplace(subs)

        plans = [
            [
                [
                    ContinuationPlan(
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
    data = ReducedGame(num, equilibrium.plan_selection)
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
    num, den = sympy.fraction(sympy.together(sympy.sympify(expr)))
    num, den = sympy.expand(num), sympy.expand(den)
    if den.is_number:
        return compare(num * sympy.sign(den), signs) if den != 0 else sympy.false
    flipped = "".join({"+": "-", "-": "+", "0": "0"}[c] for c in signs)
    return (compare(den, "+") & compare(num, signs)) | (compare(den, "-") & compare(num, flipped))


def _mixed_regions(
    game: SignallingGame,
    plans: list[list[list[ContinuationPlan]]],
    plan_cond: Any,
    out: list[PBERegion],
) -> int:
    """Append the mixed candidates of one continuation selection; return the number skipped."""
    nm = len(game.messages)
    prior = game.priors
    skipped = 0
    us = [[[p.payoffs[0] for p in cell] for cell in row] for row in plans]
    ur = [[[p.payoffs[1] for p in cell] for cell in row] for row in plans]
    sender_supports = list(itertools.product(nonempty_subsets(nm), repeat=2))
    receiver_supports = list(itertools.product(*[nonempty_subsets(len(r)) for r in game.responses]))
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
