"""Checking a model's declared claims as hypothesis properties.

:func:`check_model` runs every claim of a model (the ``[[claims]]`` tables,
read by :mod:`gametheory_alliances.claims`) as a property over the model's
parameter space (points drawn by
:func:`gametheory_alliances.testing.parameter_points`, which respects the
domains and the declared assumptions), with a seed and an example budget,
and reports for each claim that fails the counterexample hypothesis shrank
it to, with the equilibria there. ``gta check MODEL`` prints that report.

Examples
--------
>>> from gametheory_alliances.catalogue import load_model
>>> from gametheory_alliances.checking import check_model
>>> report = check_model(load_model("prisoners-dilemma"), examples=10)
>>> report.ok, [r.status for r in report.results]
(True, ['holds', 'holds'])
>>> from gametheory_alliances.io.model_file import parse_model
>>> text = '''
... name = "pennies"
... title = "Pennies"
... [[parameters]]
... name = "x"
... domain = "positive"
... default = 1
... [game]
... type = "normal"
... players = ["Row", "Column"]
... strategies = [["H", "T"], ["H", "T"]]
... payoffs = [
...     { profile = ["H", "H"], payoffs = ["x", "-x"] },
...     { profile = ["H", "T"], payoffs = ["-x", "x"] },
...     { profile = ["T", "H"], payoffs = ["-x", "x"] },
...     { profile = ["T", "T"], payoffs = ["x", "-x"] },
... ]
... [[claims]]
... name = "row-wins"
... kind = "holds"
... every = "payoff('Row') > 0"
... '''
>>> [result] = check_model(parse_model(text), examples=10).results
>>> result.status, sorted(result.counterexample)
('fails', ['x'])
>>> result.details[0]
"'payoff('Row') > 0' is false for equilibrium #1"
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from .claims import Claim, HoldsClaim, InvariantClaim, MonotoneClaim, sympy_number
from .errors import GameError
from .parameters import as_number, exact_substitutions
from .solvers.dispatch import solve

__all__ = ["MAX_EXAMPLES", "CheckReport", "ClaimResult", "check_claim", "check_model"]

MAX_EXAMPLES = 10_000
"""Most parameter points (or pairs) a claim may be checked at: each point solves the game."""


@dataclass(frozen=True)
class ClaimResult:
    """The outcome of checking one claim.

    Attributes
    ----------
    claim
        The claim.
    status
        ``"holds"`` (no counterexample in the budget), ``"fails"`` (a
        counterexample, shrunk) or ``"error"`` (the claim could not be
        checked: too few points satisfy its region, or a solver refused a
        point).
    counterexample
        The shrunk parameter point (``None`` unless it fails).
    details
        Lines explaining the counterexample: why the claim fails there and
        the equilibria there.
    examples
        The example budget it ran with.
    """

    claim: Claim
    status: str
    counterexample: dict[str, Any] | None = None
    details: tuple[str, ...] = ()
    examples: int = 0

    @property
    def holds(self) -> bool:
        """Whether no counterexample was found."""
        return self.status == "holds"


@dataclass(frozen=True)
class CheckReport:
    """The claims of a model, checked: one :class:`ClaimResult` each.

    Attributes
    ----------
    model
        The model's name.
    seed, examples
        The seed and the example budget of each claim.
    results
        In the order the claims are declared.
    """

    model: str
    seed: int
    examples: int
    results: tuple[ClaimResult, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        """Whether every claim holds."""
        return all(r.holds for r in self.results)

    def text(self) -> str:
        """The report as ``gta check`` prints it."""
        n = len(self.results)
        lines = [
            f"{self.model}: {n} claim{'s' if n != 1 else ''} "
            f"(seed {self.seed}, {self.examples} examples each)"
        ]
        if not n:
            lines.append("  the model declares no claims")
            return "\n".join(lines)
        for r in self.results:
            tag = {"holds": "holds", "fails": "FAILS", "error": "ERROR"}[r.status]
            lines.append(f"  {tag:<5}  {r.claim.name}: {r.claim.description or r.claim.summary()}")
            if r.status != "holds":
                lines.append(f"         claim: {r.claim.summary()}")
            if r.counterexample is not None:
                point = ", ".join(f"{k} = {_num(v)}" for k, v in r.counterexample.items())
                lines.append(f"         counterexample: {point}")
            lines += [f"         {d}" for d in r.details]
        held = sum(r.holds for r in self.results)
        lines.append(f"{held} of {n} claims hold")
        return "\n".join(lines)


def _num(x: Any) -> str:
    if isinstance(x, Fraction | int):
        return str(x)
    return f"{float(x):.6g}"


class _Counterexample(Exception):
    def __init__(self, point: dict[str, Any], details: list[str]):
        super().__init__("; ".join(details))
        self.point = point
        self.details = details


def _solve(model: Any, concept: str, values: Mapping[str, Any]) -> Any:
    return solve(model.at(**values), concept)


def _describe(eq: Any) -> str:
    game = eq.game
    pays = eq.exact_payoffs if eq.exact_payoffs is not None else eq.payoffs
    payoffs = "payoffs " + ", ".join(_num(v) for v in pays)
    if game.is_tree:
        parts = []
        for label, choice in eq.choices().items():
            if isinstance(choice, str):
                parts.append(f"{label}: {choice}")
            else:
                parts.append(f"{label}: " + ", ".join(f"{a} {_num(p)}" for a, p in choice.items()))
        return "; ".join(parts) + f"; {payoffs}"
    probs = eq.exact_strategies if eq.exact_strategies is not None else eq.strategies
    parts = []
    for player, labels, p in zip(game.players, game.strategies, probs, strict=True):
        support = [(s, q) for s, q in zip(labels, p, strict=True) if q > 0]
        if len(support) == 1 and support[0][1] == 1:
            parts.append(f"{player} {support[0][0]}")
        else:
            parts.append(f"{player} (" + ", ".join(f"{s} {_num(q)}" for s, q in support) + ")")
    return "; ".join(parts) + f"; {payoffs}"


def _equilibria_lines(result: Any, heading: str) -> list[str]:
    lines = [f"{heading}: {len(result) or 'none'}"]
    lines += [f"  #{k} {_describe(eq)}" for k, eq in enumerate(result, start=1)]
    return lines


def _points(model: Any, claim: Claim) -> Any:
    """Parameter points of the claim's region, equalities of ``given`` solved for."""
    from .testing import parameter_points

    params = dict(model.parameters)
    definitions = dict(claim.definitions)
    subs = {params[n].symbol: e for n, e in definitions.items()}
    conditions = []
    for c in [cond for cond, _ in model.assumptions] + list(claim.conditions):
        c = c.xreplace(subs)
        if c is sympy.false:
            raise GameError(f"claim {claim.name!r}: the region 'given' contradicts the assumptions")
        if c is not sympy.true:
            conditions.append(c)
    every = [c for c, _ in model.assumptions] + list(claim.conditions)

    def complete(point: dict[str, Any]) -> dict[str, Any] | None:
        point = dict(point)
        if definitions:
            values = exact_substitutions(
                params, {n: v for n, v in point.items() if n not in definitions}
            )
            for name, e in definitions.items():
                value = e.xreplace(values)
                if not (value.is_number and value.is_real and value.is_finite):
                    return None
                point[name] = as_number(value, name)
        for name, v in point.items():
            if not params[name].domain.contains(v):
                return None
        values = exact_substitutions(params, point)
        if not all(c.xreplace(values) is sympy.true for c in every):
            return None
        return point

    base = parameter_points(params, assumptions=conditions)
    return base.map(complete).filter(lambda p: p is not None)


def _in_region(model: Any, claim: Claim, point: Mapping[str, Any]) -> bool:
    params = model.parameters
    values = exact_substitutions(params, point)
    for n, e in claim.definitions:
        if values[params[n].symbol] != e.xreplace(values):
            return False
    every = [c for c, _ in model.assumptions] + list(claim.conditions)
    return all(params[n].domain.contains(v) for n, v in point.items()) and all(
        c.xreplace(values) is sympy.true for c in every
    )


def _check_holds(model: Any, claim: HoldsClaim, point: dict[str, Any]) -> None:
    assert claim.condition is not None
    result = _solve(model, claim.concept, point)
    params = model.parameters
    truths = [claim.condition.value(point, params, eq, len(result)) for eq in result]
    if claim.quantifier == "every":
        statement = all(truths)
    else:
        statement = any(truths)
    expected = True
    if claim.iff is not None:
        expected = claim.iff.xreplace(exact_substitutions(params, point)) is sympy.true
    if statement == expected:
        return
    lines = []
    if claim.iff is not None:
        lines.append(
            f"'{claim.iff_text}' is {expected} but '{claim.quantifier}: "
            f"{claim.condition.text}' is {statement}"
        )
    elif claim.quantifier == "every":
        bad = [str(k) for k, t in enumerate(truths, start=1) if not t]
        lines.append(f"'{claim.condition.text}' is false for equilibrium #{', #'.join(bad)}")
    else:
        lines.append(f"'{claim.condition.text}' is false for every equilibrium")
    lines += _equilibria_lines(result, "equilibria there")
    raise _Counterexample(point, lines)


def _summarise(claim: MonotoneClaim, model: Any, point: dict[str, Any]) -> tuple[Any, list[Any]]:
    """The equilibria at a point and the quantity of each (conditions as 1 or 0)."""
    assert claim.quantity is not None
    result = _solve(model, claim.concept, point)
    params = model.parameters
    values = []
    for eq in result:
        v = claim.quantity.value(point, params, eq, len(result))
        values.append(Fraction(int(v)) if isinstance(v, bool) else v)
    return result, values


def _check_monotone(model: Any, claim: MonotoneClaim, pair: tuple[dict[str, Any], Any]) -> None:
    low, other = pair
    name = claim.parameter
    high = dict(low)
    high[name] = other
    if claim.definitions:
        params = model.parameters
        subs = exact_substitutions(params, high)
        for n, e in claim.definitions:
            high[n] = as_number(e.xreplace(subs), n)
    if Fraction(low[name]) > Fraction(high[name]):
        low, high = high, low
    from hypothesis import assume

    assume(Fraction(low[name]) != Fraction(high[name]) and _in_region(model, claim, high))
    res_lo, q_lo = _summarise(claim, model, low)
    res_hi, q_hi = _summarise(claim, model, high)
    strict = claim.direction in ("increasing", "decreasing")
    up = claim.direction in ("increasing", "nondecreasing")

    def ordered(a: Any, b: Any) -> bool:
        if not up:
            a, b = b, a
        return a < b if strict else a <= b

    problem = ""
    if claim.over == "unique":
        for res, where in ((res_lo, low), (res_hi, high)):
            if len(res) != 1:
                problem = f"{len(res)} equilibria at {name} = {_num(where[name])}, expected one"
                break
        else:
            if not ordered(q_lo[0], q_hi[0]):
                problem = f"the quantity goes from {_num(q_lo[0])} to {_num(q_hi[0])}"
    elif not q_lo or not q_hi:
        problem = "no equilibria at one of the two points"
    elif claim.over in ("min", "max"):
        pick = min if claim.over == "min" else max
        a, b = pick(q_lo), pick(q_hi)
        if not ordered(a, b):
            problem = f"its {claim.over} over the equilibria goes from {_num(a)} to {_num(b)}"
    else:
        for (j, a), (k, b) in itertools.product(enumerate(q_lo, 1), enumerate(q_hi, 1)):
            if not ordered(a, b):
                problem = (
                    f"equilibrium #{j} at the smaller value has {_num(a)}, "
                    f"#{k} at the larger has {_num(b)}"
                )
                break
    if not problem:
        return
    lines = [
        f"{claim.quantity.text if claim.quantity else ''} is not {claim.direction} in {name} "
        f"from {name} = {_num(low[name])} to {name} = {_num(high[name])}: {problem}"
    ]
    lines += _equilibria_lines(res_lo, f"equilibria at {name} = {_num(low[name])}")
    lines += [f"  quantity: {', '.join(_num(v) for v in q_lo) or 'none'}"]
    lines += _equilibria_lines(res_hi, f"equilibria at {name} = {_num(high[name])}")
    lines += [f"  quantity: {', '.join(_num(v) for v in q_hi) or 'none'}"]
    raise _Counterexample(low, lines)


def _profile_key(eq: Any) -> tuple[Any, ...]:
    return tuple(eq.key())


def _check_invariant(model: Any, claim: InvariantClaim, drawn: tuple[dict[str, Any], Any]) -> None:
    from .normal_form import NormalFormGame

    point, transform = drawn
    original = _solve(model, claim.concept, point)
    game = original.game
    exact = game.is_exact
    if claim.concept == "spe":
        _check_tree_affine(model, point, original, transform)
        return
    arrays = list(game.payoff_arrays(exact=exact))
    n = game.n_players
    expected: dict[Any, tuple[Any, ...]] = {}
    if claim.transform == "affine":
        scales, shifts = transform
        if not exact:
            scales = [float(a) for a in scales]
            shifts = [float(b) for b in shifts]
        new = NormalFormGame(
            [a * arr + b for a, b, arr in zip(scales, shifts, arrays, strict=True)],
            players=game.players,
            strategies=game.strategies,
        )
        what = "payoffs of " + ", ".join(
            f"{p} mapped to {_num(a)}*u + {_num(b)}"
            for p, a, b in zip(game.players, scales, shifts, strict=True)
        )
        for eq in original:
            pays = eq.exact_payoffs if eq.exact_payoffs is not None else eq.payoffs
            expected[_profile_key(eq)] = tuple(
                a * v + b for a, b, v in zip(scales, shifts, pays, strict=True)
            )
    else:
        order, perms = transform
        perms = [perms[order[j]] for j in range(n)]
        new_arrays = []
        for j in range(n):
            moved = np.transpose(arrays[order[j]], axes=order)
            new_arrays.append(moved[np.ix_(*perms)])
        new = NormalFormGame(
            new_arrays,
            players=[game.players[order[j]] for j in range(n)],
            strategies=[[game.strategies[order[j]][k] for k in perms[j]] for j in range(n)],
        )
        what = (
            "players reordered as "
            + ", ".join(new.players)
            + "; strategies as "
            + "; ".join(", ".join(s) for s in new.strategies)
        )
        for eq in original:
            probs = eq.exact_strategies if eq.exact_strategies is not None else eq.strategies
            pays = eq.exact_payoffs if eq.exact_payoffs is not None else eq.payoffs
            key = tuple(tuple(probs[order[j]][k] for k in perms[j]) for j in range(n))
            if not exact:
                key = tuple(tuple(round(p, 9) + 0.0 for p in s) for s in key)
            expected[key] = tuple(pays[order[j]] for j in range(n))
    found = solve(new, claim.concept)
    got = {
        _profile_key(eq): tuple(eq.exact_payoffs if eq.exact_payoffs is not None else eq.payoffs)
        for eq in found
    }

    def same(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
        if exact:
            return a == b
        return all(
            abs(float(x) - float(y)) <= 1e-9 * max(1.0, abs(float(x)))
            for x, y in zip(a, b, strict=True)
        )

    if set(got) == set(expected) and all(same(got[k], expected[k]) for k in got):
        return
    lines = [f"transformation: {what}"]
    lines += _equilibria_lines(original, "equilibria of the model's game")
    lines += _equilibria_lines(found, "equilibria of the transformed game")
    raise _Counterexample(point, lines)


def _affine_tree(node: Any, scales: Sequence[Any], shifts: Sequence[Any]) -> Any:
    """The same tree with each player's terminal payoffs mapped by ``a*u + b``."""
    from .sequential import Chance, Decision, Terminal

    if isinstance(node, Terminal):
        return Terminal(
            [
                sympy_number(a) * sympy.sympify(u) + sympy_number(b)
                for a, b, u in zip(scales, shifts, node.payoffs, strict=True)
            ],
            node.label,
        )
    if isinstance(node, Chance):
        return Chance(
            {k: (p, _affine_tree(sub, scales, shifts)) for k, (p, sub) in node.outcomes.items()},
            node.label,
        )
    assert isinstance(node, Decision)
    return Decision(
        node.player,
        {k: _affine_tree(sub, scales, shifts) for k, sub in node.actions.items()},
        node.infoset,
        node.label,
    )


def _check_tree_affine(model: Any, point: dict[str, Any], original: Any, transform: Any) -> None:
    from .sequential import SequentialGame

    game = original.game
    exact = game.is_exact
    scales, shifts = transform
    if not exact:
        scales = [float(a) for a in scales]
        shifts = [float(b) for b in shifts]
    new = SequentialGame(_affine_tree(game.root, scales, shifts), players=game.players)
    found = solve(new, "spe")

    def key(eq: Any) -> tuple[Any, ...]:
        if exact:
            return tuple(tuple(Fraction(p) for p in probs) for probs in eq.profile)
        return tuple(tuple(round(float(p), 9) + 0.0 for p in probs) for probs in eq.profile)

    def pays(eq: Any) -> tuple[Any, ...]:
        return tuple(eq.exact_payoffs if eq.exact_payoffs is not None else eq.payoffs)

    expected = {
        key(eq): tuple(a * v + b for a, b, v in zip(scales, shifts, pays(eq), strict=True))
        for eq in original
    }
    got = {key(eq): pays(eq) for eq in found}
    same = set(got) == set(expected) and all(_close(got[k], expected[k], exact) for k in got)
    if same:
        return
    what = "payoffs of " + ", ".join(
        f"{p} mapped to {_num(a)}*u + {_num(b)}"
        for p, a, b in zip(game.players, scales, shifts, strict=True)
    )
    lines = [f"transformation: {what}"]
    lines += _equilibria_lines(original, "equilibria of the model's game")
    lines += _equilibria_lines(found, "equilibria of the transformed game")
    raise _Counterexample(point, lines)


def _close(a: Sequence[Any], b: Sequence[Any], exact: bool) -> bool:
    if exact:
        return tuple(a) == tuple(b)
    return all(
        abs(float(x) - float(y)) <= 1e-9 * max(1.0, abs(float(x)))
        for x, y in zip(a, b, strict=True)
    )


def _transforms(model: Any, claim: InvariantClaim) -> Any:
    from hypothesis import strategies as st

    game = model.game
    n = len(game.players)
    if claim.transform == "affine":
        scale = st.fractions(min_value=Fraction(1, 6), max_value=6, max_denominator=6).filter(
            lambda a: a > 0
        )
        shift = st.fractions(min_value=-5, max_value=5, max_denominator=6)
        return st.tuples(
            st.lists(scale, min_size=n, max_size=n), st.lists(shift, min_size=n, max_size=n)
        )
    return st.tuples(
        st.permutations(list(range(n))),
        st.tuples(*(st.permutations(list(range(len(s)))) for s in game.strategies)),
    )


def check_claim(model: Any, claim: Claim, *, seed: int = 0, examples: int = 100) -> ClaimResult:
    """Check one claim of a model as a hypothesis property.

    Parameters
    ----------
    model
        The model (a :class:`~gametheory_alliances.io.model.Model`).
    claim
        One of its claims.
    seed
        The seed of the search: the same seed gives the same points and the
        same shrunk counterexample.
    examples
        The number of points (or pairs of points) tried.

    Returns
    -------
    ClaimResult
    """
    from hypothesis import HealthCheck, Phase, Verbosity, given, settings
    from hypothesis import seed as hypothesis_seed
    from hypothesis import strategies as st
    from hypothesis.errors import Flaky, Unsatisfiable

    if (
        isinstance(examples, bool)
        or not isinstance(examples, int)
        or not 1 <= examples <= MAX_EXAMPLES
    ):
        raise GameError(
            f"examples: expected a positive integer at most {MAX_EXAMPLES}, found {examples!r}"
        )
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise GameError(f"seed: expected an integer, found {seed!r}")
    try:
        points = _points(model, claim)
    except GameError as exc:
        return ClaimResult(
            claim, "error", None, (f"no parameter points to check: {exc}",), examples
        )
    drawn: Any
    test: Callable[[Any], None]
    if isinstance(claim, HoldsClaim):
        drawn = points

        def test(x: Any) -> None:
            _check_holds(model, claim, x)

    elif isinstance(claim, MonotoneClaim):
        drawn = st.tuples(points, points.map(lambda p: p[claim.parameter]))

        def test(x: Any) -> None:
            _check_monotone(model, claim, x)

    elif isinstance(claim, InvariantClaim):
        drawn = st.tuples(points, _transforms(model, claim))

        def test(x: Any) -> None:
            _check_invariant(model, claim, x)

    else:
        raise GameError(f"not a claim: {claim!r}")

    def guarded(x: Any) -> None:
        try:
            test(x)
        except GameError as exc:
            point = x if isinstance(x, dict) else x[0]
            raise _Counterexample(
                dict(point), [f"the claim cannot be evaluated here: {exc}"]
            ) from None

    run = settings(
        max_examples=examples,
        database=None,
        deadline=None,
        derandomize=False,
        phases=(Phase.explicit, Phase.generate, Phase.shrink),
        report_multiple_bugs=False,
        suppress_health_check=list(HealthCheck),
        verbosity=Verbosity.quiet,
        print_blob=False,
    )(hypothesis_seed(seed)(given(drawn)(guarded)))
    try:
        run()
    except _Counterexample as exc:
        errored = exc.details and exc.details[0].startswith("the claim cannot be evaluated")
        return ClaimResult(
            claim, "error" if errored else "fails", exc.point, tuple(exc.details), examples
        )
    except Flaky as exc:
        return ClaimResult(
            claim, "error", None, (f"the property gave inconsistent results: {exc}",), examples
        )
    except Unsatisfiable:
        return ClaimResult(
            claim,
            "error",
            None,
            ("too few parameter points satisfy the assumptions and the region 'given'",),
            examples,
        )
    return ClaimResult(claim, "holds", None, (), examples)


def check_model(model: Any, *, seed: int = 0, examples: int = 100) -> CheckReport:
    """Check every claim of a model; see :func:`check_claim`.

    Examples
    --------
    >>> from gametheory_alliances.catalogue import load_model
    >>> report = check_model(load_model("stag-hunt"), examples=5)
    >>> report.ok
    True
    """
    results = tuple(
        check_claim(model, claim, seed=seed, examples=examples)
        for claim in getattr(model, "claims", ())
    )
    return CheckReport(model.name, seed, examples, results)
