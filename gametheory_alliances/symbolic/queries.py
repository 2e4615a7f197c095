"""Outcome queries: where some (or every) SPE's path satisfies a predicate expression.

A model's ``[outcomes]`` table declares named predicates on an equilibrium's
path (deterrence, restraint, emboldenment, ...; see
:mod:`gametheory_alliances.predicates`). :func:`outcome_region` answers a
question written with them, such as ``"deterrence & restraint"``: the region
of the free parameters where *one and the same* subgame-perfect equilibrium
deters and restrains (``quantifier="some"``), or where every SPE does
(``"every"``). :func:`compare_designs` answers "what does a design add": where an
outcome holds under one fixing of the parameters and not under another.

Expressions combine predicate names with ``&`` (and), ``|`` (or), ``~``
(not) and parentheses; ``~`` binds tightest, then ``&``, then ``|``. They are
read by a small parser of that grammar, never evaluated as code.

Examples
--------
>>> from gametheory_alliances.catalogue import load_model
>>> model = load_model("entrapment")
>>> slice_ = dict(x="1/2", pi_D="7/10", pi_S="3/10", k_A="1/10", k_C="1/10", v=1,
...               k_P="1/2", r_R=0)
>>> region = outcome_region(model, "deterrence & restraint", fixed=slice_)
>>> region.contains(g="1/5", r_M="1/5"), region.contains(g="1/5", r_M="1/20")
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

import sympy
from sympy.core.relational import Relational

from ..errors import ExpressionError, GameError
from .conditions import negate
from .predicates import predicate_conditions
from .region import Region

__all__ = ["QUANTIFIERS", "compare_designs", "outcome_region", "parse_outcome"]

#: The quantifiers over the equilibria at a point.
QUANTIFIERS = ("some", "every")

#: The longest outcome expression read, in characters.
MAX_OUTCOME_LENGTH = 2_000

#: The deepest nesting of an outcome expression (parentheses and ``~``).
MAX_OUTCOME_DEPTH = 50

_TOKEN = re.compile(r"\s*(?:([A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*)|([&|~()]))")

Formula = tuple[Any, ...]


def parse_outcome(text: str, names: tuple[str, ...] | list[str]) -> Formula:
    """Parse an outcome expression into a formula over the predicate ``names``.

    Parameters
    ----------
    text
        Predicate names joined by ``&``, ``|``, ``~`` and parentheses.
    names
        The predicate names the model declares.

    Returns
    -------
    tuple
        ``("name", n)``, ``("not", f)``, ``("and", f, g)`` or ``("or", f, g)``.

    Raises
    ------
    ExpressionError
        Text outside the grammar, or an unknown predicate name (the message
        lists the known ones).

    Examples
    --------
    >>> parse_outcome("deterrence & ~(restraint | entrapment)",
    ...               ["deterrence", "restraint", "entrapment"])
    ('and', ('name', 'deterrence'), ('not', ('or', ('name', 'restraint'), ('name', 'entrapment'))))
    """
    if not isinstance(text, str):
        raise ExpressionError(f"outcome {text!r}: expected text such as 'deterrence & restraint'")
    if len(text) > MAX_OUTCOME_LENGTH:
        raise ExpressionError(
            f"outcome of {len(text)} characters: longer than {MAX_OUTCOME_LENGTH}"
        )
    known = ", ".join(names) or "none"
    tokens: list[tuple[str, str]] = []
    pos = 0
    stripped = text.rstrip()
    while pos < len(stripped):
        m = _TOKEN.match(stripped, pos)
        if m is None:
            raise ExpressionError(
                f"outcome {text!r}: unexpected {stripped[pos:].strip()[:1]!r} at character "
                f"{pos + 1}; write predicate names joined by &, |, ~ and parentheses"
            )
        if m.group(1):
            if m.group(1) not in names:
                raise ExpressionError(
                    f"outcome {text!r}: unknown predicate {m.group(1)!r}; the model's "
                    f"predicates: {known}"
                )
            tokens.append(("name", m.group(1)))
        else:
            tokens.append(("op", m.group(2)))
        pos = m.end()
    if not tokens:
        raise ExpressionError(f"outcome is empty; the model's predicates: {known}")
    at = 0

    def peek() -> str | None:
        return tokens[at][1] if at < len(tokens) and tokens[at][0] == "op" else None

    def fail(what: str) -> ExpressionError:
        found = "the end" if at >= len(tokens) else repr(tokens[at][1])
        return ExpressionError(f"outcome {text!r}: expected {what}, found {found}")

    def disjunction(depth: int) -> Formula:
        nonlocal at
        left = conjunction(depth)
        while peek() == "|":
            at += 1
            left = ("or", left, conjunction(depth))
        return left

    def conjunction(depth: int) -> Formula:
        nonlocal at
        left = negation(depth)
        while peek() == "&":
            at += 1
            left = ("and", left, negation(depth))
        return left

    def negation(depth: int) -> Formula:
        nonlocal at
        if depth > MAX_OUTCOME_DEPTH:
            raise ExpressionError(f"outcome {text!r}: nested more than {MAX_OUTCOME_DEPTH} deep")
        if at >= len(tokens):
            raise fail("a predicate name")
        kind, value = tokens[at]
        if kind == "name":
            at += 1
            return ("name", value)
        if value == "~":
            at += 1
            return ("not", negation(depth + 1))
        if value == "(":
            at += 1
            inner = disjunction(depth + 1)
            if peek() != ")":
                raise fail("')'")
            at += 1
            return inner
        raise fail("a predicate name, '~' or '('")

    formula = disjunction(0)
    if at != len(tokens):
        raise fail("&, | or the end")
    return formula


def _evaluate(formula: Formula, value: Callable[[str], Any]) -> Any:
    kind = formula[0]
    if kind == "name":
        return value(formula[1])
    if kind == "not":
        return negate(_evaluate(formula[1], value))
    parts = [_evaluate(f, value) for f in formula[1:]]
    return sympy.And(*parts) if kind == "and" else sympy.Or(*parts)


def outcome_region(
    model: Any,
    outcome: str,
    quantifier: str = "some",
    fixed: Mapping[str, Any] | None = None,
) -> Region:
    """The region where some (or every) SPE's path satisfies an outcome expression.

    One and the same equilibrium answers for the whole expression: with
    ``quantifier="some"`` the region is the union, over the pure SPE, of the
    equilibrium's region intersected with the expression evaluated on its
    path (so ``"deterrence & restraint"`` asks for one SPE that deters and
    restrains, not for one that deters and another that restrains); with
    ``"every"``, the intersection, over the SPE, of "not an SPE here, or
    the expression holds on its path". Both are within the model's
    assumptions, so that the ``every`` region lies inside the ``some``
    region of the same expression (there is an SPE at every point of a
    finite tree).

    Parameters
    ----------
    model
        A catalogue model with ``[outcomes]`` declared (a tree).
    outcome
        Predicate names joined by ``&``, ``|``, ``~`` and parentheses.
    quantifier
        ``"some"`` or ``"every"``.
    fixed
        Values or ties of some parameters (see :meth:`Model.fix`); the
        region is in the others.

    Returns
    -------
    Region

    Raises
    ------
    GameError
        A model without outcome predicates; an unknown quantifier;
        an unknown predicate name (:class:`ExpressionError`, listing the
        known ones).

    Examples
    --------
    Without a commitment on this slice, no SPE deters:

    >>> from gametheory_alliances.catalogue import load_model
    >>> model = load_model("entrapment")
    >>> slice_ = dict(x="1/2", pi_D="7/10", pi_S="3/10", k_A="1/10", k_C="1/10", v=1,
    ...               k_P="1/2", r_M=0, r_R=0)
    >>> outcome_region(model, "deterrence", fixed=slice_).is_empty()
    True
    """
    if quantifier not in QUANTIFIERS:
        raise GameError(
            f"quantifier: expected one of {', '.join(map(repr, QUANTIFIERS))}, found {quantifier!r}"
        )
    spec = getattr(model, "outcomes", None)
    if spec is None:
        raise GameError(f"model {model.name!r} declares no outcome predicates ([outcomes])")
    formula = parse_outcome(outcome, spec.names)
    sliced, regions, conditions = predicate_conditions(model, fixed)
    parts = []
    for eq, region in regions.items():
        holds = _evaluate(formula, conditions[eq].__getitem__)
        if quantifier == "some":
            parts.append(sympy.And(region.condition, holds))
        else:
            parts.append(sympy.Or(negate(region.condition), holds))
    combined = sympy.Or(*parts) if quantifier == "some" else sympy.And(*parts)
    # Both quantifiers speak of the points where the model is defined (its assumptions
    # hold); there, an assumption's own comparison is true wherever it appears.
    assumptions = [cond for cond, _ in sliced.assumptions]
    settled: dict[Any, Any] = {}
    for a in assumptions:
        if isinstance(a, Relational):
            settled[a] = sympy.true
            settled[negate(a)] = sympy.false
    return Region(sympy.And(*assumptions, combined.xreplace(settled)), sliced.parameters)


def compare_designs(
    model: Any,
    outcome: str,
    design_a: Mapping[str, Any],
    design_b: Mapping[str, Any],
    quantifier: str = "some",
    fixed: Mapping[str, Any] | None = None,
) -> Region:
    """Where an outcome holds under one design and not under another ("what design A adds").

    Each design is a fixing of parameters (values or ties, as in
    :meth:`Model.fix`), applied over ``fixed``. The result is the region of
    the parameters that design A leaves free where :func:`outcome_region`
    under design A holds and under design B does not; parameters that design
    B fixes and design A leaves free keep their meaning on A's side only.

    Parameters
    ----------
    model, outcome, quantifier
        As :func:`outcome_region`.
    design_a, design_b
        The two fixings.
    fixed
        Values or ties common to both designs.

    Returns
    -------
    Region

    Examples
    --------
    What a conditional commitment (``r_R = 0``) adds to deterrence and
    restraint together, against no commitment, where the alliance is needed
    to deter:

    >>> from gametheory_alliances.catalogue import load_model
    >>> model = load_model("entrapment")
    >>> slice_ = dict(x="1/2", pi_D="7/10", pi_S="3/10", k_A="1/10", k_C="1/10", v=1,
    ...               k_P="1/2")
    >>> adds = compare_designs(model, "deterrence & restraint", {"r_R": 0}, {"r_M": 0, "r_R": 0},
    ...                        fixed=slice_)
    >>> adds.contains(g="1/5", r_M="1/5"), adds.contains(g="1/5", r_M="1/20")
    (True, False)
    """
    common = dict(fixed or {})
    a = outcome_region(model, outcome, quantifier, {**common, **design_a})
    b = outcome_region(model, outcome, quantifier, {**common, **design_b})
    table = dict(a.parameters)
    for name, p in b.parameters.items():
        table.setdefault(name, p)
    return Region(sympy.And(a.condition, negate(b.condition)), table)
