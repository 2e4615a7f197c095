"""Declared claims about a model's behaviour: the claims as data, and their parsing.

A model file may state what its model does, not only what it is: "mutual
defection is the only equilibrium", "the patron's defence of a moderate
protege is credible in every SPE, and stays so as the reneging cost r_M
grows", "a positive affine change of payoffs leaves the equilibria
unchanged". Each claim is a ``[[claims]]`` table; :func:`parse_claims` reads
the tables into :class:`Claim` objects, checking every label against the
game. :mod:`gametheory_alliances.checking` runs the claims as hypothesis
properties over the model's parameter space (``gta check MODEL``).

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
>>> from gametheory_alliances.claims import claim_texts
>>> claims = load_model("prisoners-dilemma").claims
>>> [claim.kind for claim in claims]
['holds', 'invariant']
>>> claim_texts(claims)[0]
'mutual-defection: mutual defection is the only equilibrium'
>>> claims[0].summary()
"every nash equilibrium: (count() == 1) & (prob('Row', 'Defect') == 1) & (prob('Column', 'Defect') == 1)"
"""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from .deprecation import moved
from .errors import FileFormatError, GameError
from .expressions import MAX_LENGTH, parse_condition, parse_expression
from .game import Game
from .parameters import Parameter

__all__ = [
    "CONCEPTS",
    "Claim",
    "HoldsClaim",
    "InvariantClaim",
    "MonotoneClaim",
    "claim_texts",
    "parse_claims",
]

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
        subs = {params[n].symbol: sympy_number(v) for n, v in values.items()}
        for term in self.terms:
            subs[term.symbol] = sympy_number(_term_value(term, eq, count))
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


def sympy_number(v: Any) -> Any:
    """A bool, integer, fraction or float as a sympy number (a bool as 0 or 1)."""
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
        self.is_tree = isinstance(game, Game) and game.kind == "tree"

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
    from .solvers.dispatch import default_concept

    ctx = _Context(game, path)
    if not isinstance(entries, list):
        raise ctx.fail("claims", f"expected an array of tables, found {type(entries).__name__}")
    if entries and not (isinstance(game, Game) and game.kind in ("normal form", "tree")):
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
            entry.get("concept", default_concept(game, CONCEPTS)), CONCEPTS, f"{where}.concept"
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


def claim_texts(claims: Sequence[Claim]) -> list[str]:
    """One line per claim for a model's description."""
    return [f"{c.name}: {c.description or c.summary()}" for c in claims]


_MOVED_TO_CHECKING = frozenset(
    {"MAX_EXAMPLES", "CheckReport", "ClaimResult", "check_claim", "check_model"}
)


def __getattr__(name: str) -> Any:
    """The checking names that moved to :mod:`gametheory_alliances.checking`, with a warning."""
    if name in _MOVED_TO_CHECKING:
        from . import checking

        return moved(__name__, name, checking)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
