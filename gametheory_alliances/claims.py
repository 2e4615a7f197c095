"""Declared claims about a model's behaviour, checked as hypothesis properties.

A model file may state what its model does, not only what it is: "mutual
defection is the only equilibrium", "the patron's defence of a moderate
protege is credible in every SPE, and stays so as the reneging cost r_M
grows", "a positive affine change of payoffs leaves the equilibria
unchanged". Each claim is a ``[[claims]]`` table; :func:`check_model` runs
every claim as a property over the model's parameter space (points drawn by
:func:`gametheory_alliances.testing.parameter_points`, which respects the
domains and the declared assumptions), with a seed and an example budget,
and reports for each claim that fails the counterexample hypothesis shrank
it to, with the equilibria there. ``gta check MODEL`` prints that report.

Claim syntax
------------
Every claim has

``name``
    a short identifier, unique in the model (required);
``description``
    what the claim says, in words;
``kind``
    ``"holds"``, ``"monotone"`` or ``"invariant"`` (required);
``concept``
    the equilibria the claim is about: ``"nash"`` (every extreme Nash
    equilibrium of a two-player normal-form game), ``"pure"`` (pure
    equilibria of a normal-form game) or ``"spe"`` (every subgame-perfect
    equilibrium of a tree). Default: ``spe`` for trees, ``nash`` for
    two-player games, ``pure`` otherwise;
``given``
    a condition on the parameters that restricts the claim to a region, added
    to the model's assumptions (optional). A conjunct ``name == expression``
    (``b2 == 2*b1``) *defines* that parameter: points are drawn for the other
    parameters and the defined one is computed, so equalities cost no
    rejected draws.

Conditions and quantities are text in the safe grammar of
:mod:`gametheory_alliances.expressions` (never evaluated as Python), over the
parameters and these functions of one equilibrium, whose text arguments are
checked against the game when the file is read:

* ``prob("Player", "Strategy")``: the probability of a strategy (normal form);
* ``behaviour("information set", "action")``: the probability of an action at
  an information set (trees; the labels of ``gta solve --concept spe``);
* ``payoff("Player")``: the player's expected payoff;
* ``pure()``: 1 when the equilibrium is pure, else 0;
* ``count()``: the number of equilibria at the point.

A condition compares with ``< <= > >= == !=`` and joins with ``&``, ``|``,
``~`` (with parentheses). Arithmetic is exact on rational points, so
``prob("Row", "Ballet") == a/(a + 1)`` is an exact statement.

``kind = "holds"``
    ``every = CONDITION``: the condition holds for every equilibrium at every
    point (of the region ``given``); or ``some = CONDITION``: for at least one
    equilibrium. With ``iff = CONDITION ON PARAMETERS`` the claim is instead
    that the ``every``/``some`` statement is true at exactly the points where
    ``iff`` holds.
``kind = "monotone"``
    ``quantity`` (an expression, or a condition counted as 1 or 0), ``in`` (a
    parameter), ``direction`` (``increasing``, ``decreasing``,
    ``nondecreasing``, ``nonincreasing``) and ``over`` (how the equilibria at
    a point are summarised: ``unique``, the quantity of the only equilibrium,
    which must be unique; ``min``; ``max``; or ``all``, every equilibrium at
    the larger value compared with every one at the smaller). Checked on pairs
    of points that differ only in that parameter.
``kind = "invariant"``
    ``transform = "affine"`` (each player's payoffs mapped by ``a*u + b``
    with ``a > 0``: the equilibria stay the same and their payoffs are mapped
    alike) or ``"relabel"`` (the players and each player's strategies
    reordered: the equilibria are reordered alike), at drawn points and drawn
    transformations. Trees (concept ``spe``) support ``affine`` only.

Examples
--------
>>> from gametheory_alliances.catalogue import load_model
>>> from gametheory_alliances.claims import check_model
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

import ast
import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from .errors import FileFormatError, GameError
from .expressions import MAX_LENGTH, parse_condition, parse_expression
from .parameters import Parameter, as_number

__all__ = [
    "CONCEPTS",
    "MAX_EXAMPLES",
    "CheckReport",
    "Claim",
    "ClaimResult",
    "HoldsClaim",
    "InvariantClaim",
    "MonotoneClaim",
    "check_claim",
    "check_model",
    "claim_texts",
    "parse_claims",
]

MAX_EXAMPLES = 10_000
"""Most parameter points (or pairs) a claim may be checked at: each point solves the game."""

CONCEPTS = ("nash", "pure", "spe")
"""The solution concepts a claim may be about."""

_KINDS = ("holds", "monotone", "invariant")
_DIRECTIONS = ("increasing", "decreasing", "nondecreasing", "nonincreasing")
_OVER = ("unique", "min", "max", "all")
_TRANSFORMS = ("affine", "relabel")
_COMMON = {"name", "description", "kind", "concept", "given"}
_FIELDS = {
    "holds": _COMMON | {"every", "some", "iff"},
    "monotone": _COMMON | {"quantity", "in", "direction", "over"},
    "invariant": _COMMON | {"transform"},
}
_TERMS = {"prob": 2, "behaviour": 2, "payoff": 1, "pure": 0, "count": 0}


# -- expressions over equilibria ---------------------------------------------------------


@dataclass(frozen=True)
class _Term:
    """One call such as ``prob("Row", "Defect")``, resolved to indices of the game."""

    function: str
    index: tuple[int, ...]
    symbol: sympy.Symbol


@dataclass(frozen=True)
class Formula:
    """A condition or quantity over the parameters and one equilibrium.

    Attributes
    ----------
    text
        The text as written in the model file.
    expr
        The sympy condition or expression; each equilibrium function is a
        placeholder symbol.
    terms
        The equilibrium functions it uses.
    """

    text: str
    expr: Any
    terms: tuple[_Term, ...] = ()

    @property
    def is_condition(self) -> bool:
        """Whether the formula is a condition (true or false) rather than a number."""
        return isinstance(self.expr, sympy.logic.boolalg.Boolean) and not isinstance(
            self.expr, sympy.Expr
        )

    def value(
        self,
        values: Mapping[str, Any],
        params: Mapping[str, Parameter],
        eq: Any = None,
        count: int = 0,
    ) -> Any:
        """The formula at a point and an equilibrium: a bool or an exact (or float) number."""
        subs = {params[n].symbol: _sympy_number(v) for n, v in values.items()}
        for term in self.terms:
            subs[term.symbol] = _sympy_number(_term_value(term, eq, count))
        out = self.expr.xreplace(subs)
        if out is sympy.true or out is sympy.false:
            return bool(out)
        if isinstance(out, sympy.logic.boolalg.Boolean) and not isinstance(out, sympy.Expr):
            raise GameError(f"{self.text!r} cannot be decided at this point ({out})")
        if not out.is_number:
            raise GameError(f"{self.text!r} is not a number at this point ({out})")
        if isinstance(out, sympy.Rational):
            return Fraction(int(out.p), int(out.q))
        return float(out)


def _replace_spans(source: str, spans: Sequence[tuple[ast.expr, str]]) -> str:
    """``source`` with the text of each node replaced by its name (nodes do not overlap)."""
    data = source.encode("utf-8")
    starts = [0]
    for line in data.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))

    def offset(line: int, col: int) -> int:
        return starts[line - 1] + col

    out = data
    located = [
        (
            offset(n.lineno, n.col_offset),
            offset(n.end_lineno or n.lineno, n.end_col_offset or 0),
            name,
        )
        for n, name in spans
    ]
    for begin, end, name in sorted(located, reverse=True):
        out = out[:begin] + name.encode() + out[end:]
    return out.decode("utf-8")


def _sympy_number(v: Any) -> Any:
    if isinstance(v, bool):
        return sympy.Integer(int(v))
    if isinstance(v, Fraction | int):
        f = Fraction(v)
        return sympy.Rational(f.numerator, f.denominator)
    return sympy.Float(float(v))


def _term_value(term: _Term, eq: Any, count: int) -> Any:
    if term.function == "count":
        return count
    if eq is None:
        raise GameError(f"{term.function}() needs an equilibrium")
    if term.function == "pure":
        return 1 if eq.is_pure else 0
    if term.function == "payoff":
        pays = eq.exact_payoffs if eq.exact_payoffs is not None else eq.payoffs
        return pays[term.index[0]]
    if term.function == "prob":
        probs = eq.exact_strategies if eq.exact_strategies is not None else eq.strategies
        return probs[term.index[0]][term.index[1]]
    return eq.profile[term.index[0]][term.index[1]]


class _Context:
    """What a claim may refer to: the model's parameters, players, strategies and infosets."""

    def __init__(self, game: Any, path: str | None):
        self.game = game
        self.path = path
        self.params: dict[str, Parameter] = dict(game.parameters)
        self.is_tree = hasattr(game, "infosets")

    def fail(self, field: str, message: str) -> FileFormatError:
        return FileFormatError(f"{field}: {message}", path=self.path)

    def text(self, value: Any, field: str) -> str:
        if not isinstance(value, str):
            raise self.fail(field, f"expected text, found {type(value).__name__} {value!r}")
        return value

    def choice(self, value: Any, options: Sequence[str], field: str) -> str:
        text = self.text(value, field)
        if text not in options:
            raise self.fail(
                field, f"{text!r}: expected one of {', '.join(repr(o) for o in options)}"
            )
        return text

    def condition(self, text: Any, field: str) -> Any:
        """A condition on the parameters only."""
        try:
            return parse_condition(self.text(text, field), self.params)
        except GameError as exc:
            raise self.fail(field, str(exc)) from None

    def formula(self, value: Any, field: str, concept: str, condition: bool | None) -> Formula:
        """A condition (``True``), an expression (``False``) or either (``None``)."""
        text = self.text(value, field)
        if len(text) > MAX_LENGTH:
            raise self.fail(field, f"text of {len(text)} characters: longer than {MAX_LENGTH}")
        shown = text if len(text) <= 80 else text[:77] + "..."
        try:
            tree = ast.parse(text.strip(), mode="eval")
        except (SyntaxError, ValueError, MemoryError, RecursionError) as exc:
            raise self.fail(
                field, f"{shown!r} is not a valid expression ({getattr(exc, 'msg', exc)})"
            ) from None
        terms: list[_Term] = []
        table = dict(self.params)

        def placeholder() -> str:
            k = len(terms)
            while f"eq_term_{k}" in table:
                k += 1
            return f"eq_term_{k}"

        outer = self
        spans: list[tuple[ast.Call, str]] = []

        class Rewrite(ast.NodeTransformer):
            def visit_Call(self, node: ast.Call) -> Any:
                if not (isinstance(node.func, ast.Name) and node.func.id in _TERMS):
                    return self.generic_visit(node)
                name = node.func.id
                if node.keywords or len(node.args) != _TERMS[name]:
                    raise outer.fail(
                        field, f"{name}() takes {_TERMS[name]} text arguments, in {shown!r}"
                    )
                args = []
                for a in node.args:
                    if not (isinstance(a, ast.Constant) and isinstance(a.value, str)):
                        raise outer.fail(
                            field, f"the arguments of {name}() are quoted labels, in {shown!r}"
                        )
                    args.append(a.value)
                index = outer.resolve(name, args, concept, field)
                symbol_name = placeholder()
                param = Parameter(symbol_name, "real")
                table[symbol_name] = param
                terms.append(_Term(name, index, param.symbol))
                spans.append((node, symbol_name))
                return ast.copy_location(ast.Name(id=symbol_name, ctx=ast.Load()), node)

        try:
            Rewrite().visit(tree)
        except RecursionError:
            raise self.fail(field, f"{shown!r} is nested too deeply") from None
        # Each call is replaced in the text as written (not by ast.unparse, which would
        # rewrite a literal such as 1e-400 as 0.0 or round a long decimal).
        rewritten = _replace_spans(text.strip(), spans)
        is_condition = condition
        if is_condition is None:
            body = tree.body
            is_condition = isinstance(body, ast.Compare) or (
                isinstance(body, ast.BinOp | ast.UnaryOp)
                and isinstance(getattr(body, "op", None), ast.BitAnd | ast.BitOr | ast.Invert)
            )
        try:
            expr = (
                parse_condition(rewritten, table)
                if is_condition
                else parse_expression(rewritten, table)
            )
        except GameError as exc:
            message = str(exc)
            if message.startswith("expression ") and '": ' in message:
                message = message.split('": ', 1)[1]
            raise self.fail(field, f"{shown!r}: {message}") from None
        return Formula(text, expr, tuple(terms))

    def resolve(self, name: str, args: list[str], concept: str, field: str) -> tuple[int, ...]:
        game = self.game
        if name in ("count", "pure"):
            return ()
        if name == "behaviour":
            if concept != "spe":
                raise self.fail(field, "behaviour() needs concept 'spe' (a tree); use prob()")
            labels = [h.label for h in game.infosets]
            if args[0] not in labels:
                raise self.fail(
                    field,
                    f"{args[0]!r} is not an information set; the game has: {', '.join(labels)}",
                )
            h = labels.index(args[0])
            actions = list(game.infosets[h].actions)
            if args[1] not in actions:
                raise self.fail(
                    field, f"{args[1]!r} is not an action at {args[0]!r} ({', '.join(actions)})"
                )
            return (h, actions.index(args[1]))
        players = list(game.players)
        if args[0] not in players:
            raise self.fail(field, f"{args[0]!r} is not a player ({', '.join(players)})")
        i = players.index(args[0])
        if name == "payoff":
            return (i,)
        if concept == "spe":
            raise self.fail(field, "prob() needs a normal-form concept; use behaviour() in trees")
        labels = list(game.strategies[i])
        if args[1] not in labels:
            raise self.fail(
                field, f"{args[1]!r} is not a strategy of {args[0]!r} ({', '.join(labels)})"
            )
        return (i, labels.index(args[1]))


# -- claims --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    """What every claim has: a name, a description, a concept and a region.

    Attributes
    ----------
    name, description
        As in the model file.
    concept
        ``"nash"``, ``"pure"`` or ``"spe"``.
    given
        The text of the region's condition (``""`` for the whole space).
    definitions
        Parameters the region fixes by an equality: ``{name: expression}``.
    conditions
        The other conjuncts of ``given`` (sympy booleans).
    """

    name: str
    description: str
    concept: str
    given: str = ""
    definitions: tuple[tuple[str, Any], ...] = ()
    conditions: tuple[Any, ...] = ()

    @property
    def kind(self) -> str:
        """``"holds"``, ``"monotone"`` or ``"invariant"``."""
        raise NotImplementedError

    def summary(self) -> str:
        """The claim in one line of the file's own terms."""
        raise NotImplementedError


@dataclass(frozen=True)
class HoldsClaim(Claim):
    """A condition that every (or some) equilibrium satisfies, optionally exactly where ``iff``."""

    quantifier: str = "every"
    condition: Formula | None = None
    iff: Any = None
    iff_text: str = ""

    @property
    def kind(self) -> str:
        return "holds"

    def summary(self) -> str:
        assert self.condition is not None
        text = f"{self.quantifier} {self.concept} equilibrium: {self.condition.text}"
        if self.iff_text:
            text = f"[{text}] iff {self.iff_text}"
        return text + (f" (given {self.given})" if self.given else "")


@dataclass(frozen=True)
class MonotoneClaim(Claim):
    """A quantity of the equilibria that moves one way with a parameter."""

    quantity: Formula | None = None
    parameter: str = ""
    direction: str = "nondecreasing"
    over: str = "all"

    @property
    def kind(self) -> str:
        return "monotone"

    def summary(self) -> str:
        assert self.quantity is not None
        text = (
            f"{self.quantity.text} ({self.over} over {self.concept} equilibria) is "
            f"{self.direction} in {self.parameter}"
        )
        return text + (f" (given {self.given})" if self.given else "")


@dataclass(frozen=True)
class InvariantClaim(Claim):
    """The equilibria are unchanged by affine payoff changes or move with relabelling."""

    transform: str = "affine"

    @property
    def kind(self) -> str:
        return "invariant"

    def summary(self) -> str:
        what = {
            "affine": "positive affine payoff transformations leave the equilibria unchanged",
            "relabel": "reordering players and strategies reorders the equilibria alike",
        }[self.transform]
        return f"{what} ({self.concept})" + (f" (given {self.given})" if self.given else "")


def _split_given(cond: Any, params: Mapping[str, Parameter]) -> tuple[dict[str, Any], list[Any]]:
    """Equalities ``p == expression`` of a conjunction as definitions; the rest as conditions."""
    conjuncts = list(cond.args) if isinstance(cond, sympy.And) else [cond]
    by_symbol = {p.symbol: n for n, p in params.items()}
    definitions: dict[str, Any] = {}
    rest = []
    for c in conjuncts:
        if isinstance(c, sympy.Eq):
            for lhs, rhs in ((c.lhs, c.rhs), (c.rhs, c.lhs)):
                name = by_symbol.get(lhs)
                if (
                    name is not None
                    and name not in definitions
                    and lhs not in rhs.free_symbols
                    and not any(by_symbol.get(s) in definitions for s in rhs.free_symbols)
                    and not any(lhs in e.free_symbols for e in definitions.values())
                ):
                    definitions[name] = rhs
                    break
            else:
                rest.append(c)
        else:
            rest.append(c)
    return definitions, rest


def _default_concept(game: Any) -> str:
    if hasattr(game, "infosets"):
        return "spe"
    return "nash" if len(game.players) == 2 else "pure"


def parse_claims(entries: Any, game: Any, *, path: str | None = None) -> tuple[Claim, ...]:
    """The claims of a model file's ``[[claims]]`` tables.

    Parameters
    ----------
    entries
        The value of the file's ``claims`` key (a list of tables).
    game
        The model's parameterised game: claims are checked against its
        parameters, players, strategies and information sets.
    path
        The file, for error messages.

    Raises
    ------
    FileFormatError
        Naming ``claims[k].field`` and what was expected.

    Examples
    --------
    >>> from gametheory_alliances.catalogue import load_model
    >>> from gametheory_alliances.claims import parse_claims
    >>> pd = load_model("prisoners-dilemma").game
    >>> [claim] = parse_claims(
    ...     [{"name": "defect", "kind": "holds", "every": "prob('Row', 'Defect') == 1"}], pd
    ... )
    >>> claim.summary()
    "every nash equilibrium: prob('Row', 'Defect') == 1"
    >>> parse_claims([{"name": "x", "kind": "holds", "every": "prob('Row', 'Hide') == 1"}], pd)
    Traceback (most recent call last):
    ...
    gametheory_alliances.errors.FileFormatError: claims[0].every: 'Hide' is not a strategy of 'Row' (Cooperate, Defect)
    """
    ctx = _Context(game, path)
    if not isinstance(entries, list):
        raise ctx.fail("claims", f"expected an array of tables, found {type(entries).__name__}")
    if entries and not (ctx.is_tree or hasattr(game, "strategies")):
        raise ctx.fail(
            "claims", f"claims need a normal-form or sequential game, not {type(game).__name__}"
        )
    claims: list[Claim] = []
    names: set[str] = set()
    for k, entry in enumerate(entries):
        where = f"claims[{k}]"
        if not isinstance(entry, Mapping):
            raise ctx.fail(where, f"expected a table, found {type(entry).__name__}")
        for key in ("name", "kind"):
            if key not in entry:
                raise ctx.fail(where, f"missing required field {key!r}")
        name = ctx.text(entry["name"], f"{where}.name").strip()
        if not name:
            raise ctx.fail(f"{where}.name", "expected a non-empty name")
        if name in names:
            raise ctx.fail(f"{where}.name", f"{name!r} names two claims")
        names.add(name)
        kind = ctx.choice(entry["kind"], _KINDS, f"{where}.kind")
        unknown = sorted(set(entry) - _FIELDS[kind])
        if unknown:
            raise ctx.fail(
                f"{where}.{unknown[0]}",
                f"unknown field for kind {kind!r}; expected one of {', '.join(sorted(_FIELDS[kind]))}",
            )
        concept = ctx.choice(
            entry.get("concept", _default_concept(game)), CONCEPTS, f"{where}.concept"
        )
        if concept == "spe" and not ctx.is_tree:
            raise ctx.fail(f"{where}.concept", "'spe' needs a sequential game; this is normal form")
        if concept in ("nash", "pure") and ctx.is_tree:
            raise ctx.fail(
                f"{where}.concept", f"{concept!r} needs a normal-form game; use 'spe' for trees"
            )
        if concept == "nash" and len(game.players) != 2:
            raise ctx.fail(
                f"{where}.concept",
                f"'nash' needs two players; this game has {len(game.players)} (use 'pure')",
            )
        given = ctx.text(entry.get("given", ""), f"{where}.given")
        definitions: dict[str, Any] = {}
        conditions: list[Any] = []
        if given.strip():
            definitions, conditions = _split_given(
                ctx.condition(given, f"{where}.given"), ctx.params
            )
        common: dict[str, Any] = {
            "name": name,
            "description": ctx.text(entry.get("description", ""), f"{where}.description"),
            "concept": concept,
            "given": given.strip(),
            "definitions": tuple(definitions.items()),
            "conditions": tuple(conditions),
        }
        claim: Claim
        if kind == "holds":
            present = [q for q in ("every", "some") if q in entry]
            if len(present) != 1:
                raise ctx.fail(where, "a 'holds' claim needs exactly one of 'every' or 'some'")
            quantifier = present[0]
            formula = ctx.formula(entry[quantifier], f"{where}.{quantifier}", concept, True)
            iff = None
            iff_text = ""
            if "iff" in entry:
                iff_text = ctx.text(entry["iff"], f"{where}.iff")
                iff = ctx.condition(iff_text, f"{where}.iff")
            claim = HoldsClaim(
                **common, quantifier=quantifier, condition=formula, iff=iff, iff_text=iff_text
            )
        elif kind == "monotone":
            for key in ("quantity", "in", "direction"):
                if key not in entry:
                    raise ctx.fail(where, f"missing required field {key!r} of a monotone claim")
            parameter = ctx.text(entry["in"], f"{where}.in")
            if parameter not in ctx.params:
                raise ctx.fail(
                    f"{where}.in",
                    f"{parameter!r} is not a parameter ({', '.join(ctx.params) or 'none'})",
                )
            if parameter in definitions:
                raise ctx.fail(
                    f"{where}.in",
                    f"{parameter!r} is fixed by the condition 'given' and cannot vary",
                )
            claim = MonotoneClaim(
                **common,
                quantity=ctx.formula(entry["quantity"], f"{where}.quantity", concept, None),
                parameter=parameter,
                direction=ctx.choice(entry["direction"], _DIRECTIONS, f"{where}.direction"),
                over=ctx.choice(entry.get("over", "all"), _OVER, f"{where}.over"),
            )
        else:
            if "transform" not in entry:
                raise ctx.fail(where, "missing required field 'transform' of an invariant claim")
            transform = ctx.choice(entry["transform"], _TRANSFORMS, f"{where}.transform")
            if ctx.is_tree and transform != "affine":
                raise ctx.fail(f"{where}.transform", "trees support the 'affine' transform only")
            claim = InvariantClaim(**common, transform=transform)
        claims.append(claim)
    return tuple(claims)


# -- checking --------------------------------------------------------------------------------


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
    from .solvers.backward_induction import subgame_perfect_equilibria
    from .solvers.pure import pure_equilibria
    from .solvers.vertex_enumeration import nash_equilibria

    game = model.at(**values)
    if concept == "spe":
        return subgame_perfect_equilibria(game)
    if concept == "pure":
        return pure_equilibria(game)
    return nash_equilibria(game)


def _describe(eq: Any) -> str:
    game = eq.game
    pays = eq.exact_payoffs if eq.exact_payoffs is not None else eq.payoffs
    payoffs = "payoffs " + ", ".join(_num(v) for v in pays)
    if hasattr(eq, "profile"):
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


def _exact(v: Any) -> Any:
    return sympy.Rational(v.numerator, v.denominator) if isinstance(v, Fraction) else sympy.Float(v)


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
    symbols = {n: p.symbol for n, p in params.items()}
    every = [c for c, _ in model.assumptions] + list(claim.conditions)

    def complete(point: dict[str, Any]) -> dict[str, Any] | None:
        point = dict(point)
        if definitions:
            values = {symbols[n]: _exact(v) for n, v in point.items() if n not in definitions}
            for name, e in definitions.items():
                value = e.xreplace(values)
                if not (value.is_number and value.is_real and value.is_finite):
                    return None
                point[name] = as_number(value, name)
        for name, v in point.items():
            if not params[name].domain.contains(v):
                return None
        values = {symbols[n]: _exact(v) for n, v in point.items()}
        if not all(c.xreplace(values) is sympy.true for c in every):
            return None
        return point

    base = parameter_points(params, assumptions=conditions)
    return base.map(complete).filter(lambda p: p is not None)


def _in_region(model: Any, claim: Claim, point: Mapping[str, Any]) -> bool:
    params = model.parameters
    values = {params[n].symbol: _exact(v) for n, v in point.items()}
    for n, e in claim.definitions:
        if _exact(point[n]) != e.xreplace(values):
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
        expected = (
            claim.iff.xreplace({params[n].symbol: _exact(v) for n, v in point.items()})
            is sympy.true
        )
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
        subs = {params[n].symbol: _exact(v) for n, v in high.items()}
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
    solve: Callable[[Any], Any]
    if claim.concept == "pure":
        from .solvers.pure import pure_equilibria as solve
    else:
        from .solvers.vertex_enumeration import nash_equilibria as solve
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
    found = solve(new)
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
                _sympy_number(a) * sympy.sympify(u) + _sympy_number(b)
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
    from .solvers.backward_induction import subgame_perfect_equilibria

    game = original.game
    exact = game.is_exact
    scales, shifts = transform
    if not exact:
        scales = [float(a) for a in scales]
        shifts = [float(b) for b in shifts]
    new = SequentialGame(_affine_tree(game.root, scales, shifts), players=game.players)
    found = subgame_perfect_equilibria(new)

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
        The model (a :class:`~gametheory_alliances.catalogue.Model`).
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


def claim_texts(claims: Sequence[Claim]) -> list[str]:
    """One line per claim for a model's description."""
    return [f"{c.name}: {c.description or c.summary()}" for c in claims]
