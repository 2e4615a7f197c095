"""Safe parsing of payoff expressions from text.

Model files and the command line carry payoffs as text such as
``"v*pi_D - k_P"``. This module turns that text into a sympy expression
through a small whitelisted grammar and never executes it: the text is
tokenised by Python's parser (``ast.parse`` builds a syntax tree and runs
nothing), and the tree is then walked node by node, accepting only

* numbers (integers and decimals, read exactly as written: ``0.3`` is 3/10,
  ``1e-400`` is not 0),
* names of declared parameters (and the constants ``pi`` and ``E``),
* ``+ - * / **``, unary minus, parentheses,
* calls of ``log, exp, sqrt, Abs, Max, Min, Piecewise``,
* comparisons and ``&``, ``|``, ``~`` inside the conditions of ``Piecewise``,
  written as ``Piecewise((expr, cond), (expr, True))``.

Anything else (attributes, subscripts, lambdas, strings, keywords, unknown
names or functions) is refused with an :class:`ExpressionError` naming the
construct. Work that could explode is refused before it is done: text longer
than :data:`MAX_LENGTH`, numeric literals with more than :data:`MAX_DIGITS`
digits, exponent towers (a power in an exponent), numbers (powers,
products) that would have more than :data:`MAX_RESULT_DIGITS` digits,
polynomials of degree above :data:`MAX_DEGREE` or expanding to more than
:data:`MAX_TERMS` terms (bounded before expanding, see :func:`check_size`),
more than :data:`MAX_MINMAX_ARGUMENTS` arguments of ``Max`` and ``Min``, and
non-ASCII characters (Python would read the look-alike ``𝑥`` as ``x``).
Numbers that are not real (``sqrt(-1)``, ``log(-2)``) are refused, and a
condition must be a comparison or ``True``/``False``, not a bare name or
number.

Examples
--------
>>> from gametheory_alliances.expressions import parse_expression
>>> parse_expression("v*pi_D - k_P", ["v", "pi_D", "k_P"])
-k_P + pi_D*v
>>> parse_expression("0.3 + 1/4")
11/20
>>> parse_expression("__import__('os')")
Traceback (most recent call last):
...
gametheory_alliances.errors.ExpressionError: expression "__import__('os')": unknown function '__import__'; allowed: Abs, exp, log, Max, Min, Piecewise, sqrt
"""

from __future__ import annotations

import ast
import functools
import math
import re
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from .errors import ExpressionError
from .parameters import Parameter, parameter_table

if TYPE_CHECKING:
    import sympy

__all__ = [
    "MAX_DEGREE",
    "MAX_DIGITS",
    "MAX_LENGTH",
    "MAX_MINMAX_ARGUMENTS",
    "MAX_RESULT_DIGITS",
    "MAX_TERMS",
    "NotEvaluated",
    "check_size",
    "evaluate_exact",
    "expansion_size",
    "expression_text",
    "parse_condition",
    "parse_expression",
]

MAX_LENGTH = 10_000
"""Longest expression text accepted, in characters."""

MAX_DIGITS = 60
"""Most digits accepted in one numeric literal."""

MAX_RESULT_DIGITS = 1_000
"""Most digits a numeric power may produce."""

MAX_EXPONENT = 10_000
"""Largest absolute numeric exponent accepted on a symbolic base."""

MAX_DEPTH = 100
"""Deepest nesting of the expression tree accepted."""

MAX_DEGREE = 100
"""Largest total polynomial degree of an expression (symbolic steps expand and compare them)."""

MAX_TERMS = 10_000
"""Most terms an expression may expand to (bounded before anything is expanded)."""

MAX_MINMAX_ARGUMENTS = 12
"""Most arguments of ``Max`` and ``Min`` in one expression, nested calls included (sympy
compares every pair of them symbolically as it builds them)."""

_ARITY = {"log": (1, 2), "exp": (1, 1), "sqrt": (1, 1), "Abs": (1, 1)}


@functools.cache
def _vocabulary() -> tuple[
    dict[str, Callable[..., Any]], dict[str, Any], dict[type, Callable[[Any, Any], Any]]
]:
    """The grammar's functions, constants and comparisons (built on first parse: they are sympy's)."""
    import sympy

    functions: dict[str, Callable[..., Any]] = {
        "log": sympy.log,
        "exp": sympy.exp,
        "sqrt": sympy.sqrt,
        "Abs": sympy.Abs,
        "Max": sympy.Max,
        "Min": sympy.Min,
        "Piecewise": sympy.Piecewise,
    }
    constants = {"pi": sympy.pi, "E": sympy.E}
    compare: dict[type, Callable[[Any, Any], Any]] = {
        ast.Lt: sympy.Lt,
        ast.LtE: sympy.Le,
        ast.Gt: sympy.Gt,
        ast.GtE: sympy.Ge,
        ast.Eq: sympy.Eq,
        ast.NotEq: sympy.Ne,
    }
    return functions, constants, compare


_MAX_BITS = int(MAX_RESULT_DIGITS * math.log2(10)) + 1
_FLOAT_LITERAL = re.compile(r"(?:\d[\d_]*)?\.?(?:\d[\d_]*)?(?:[eE]([+-]?[\d_]+))?")


def _log10_abs(x: Any) -> float:
    """log10 of the magnitude of a nonzero sympy number, without overflow for huge rationals."""
    import sympy

    if isinstance(x, sympy.Rational):
        return math.log10(abs(int(x.p))) - math.log10(int(x.q))
    return math.log10(abs(float(x)))


class _Builder:
    def __init__(self, text: str, symbols: Mapping[str, sympy.Symbol], source: str | None = None):
        self.text = text
        self.symbols = symbols
        # The stripped text that ast.parse read: node offsets refer to it.
        self.source = text.strip() if source is None else source
        self.functions, self.constants, self.compare = _vocabulary()

    def checked(self, value: Any) -> Any:
        """Refuse a numeric result that is not real or has too many digits."""
        import sympy

        if isinstance(value, sympy.Rational):
            if max(abs(int(value.p)).bit_length(), int(value.q).bit_length()) > _MAX_BITS:
                raise self.fail(
                    f"a number in the expression has more than {MAX_RESULT_DIGITS} digits"
                )
        elif isinstance(value, sympy.Expr) and value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            raise self.fail("the expression is undefined or infinite")
        elif isinstance(value, sympy.Expr) and value.is_number and value.is_extended_real is False:
            raise self.fail(f"{value} is not a real number; payoffs are real")
        return value

    def fail(self, message: str) -> ExpressionError:
        shown = self.text if len(self.text) <= 80 else self.text[:77] + "..."
        return ExpressionError(f'expression "{shown}": {message}')

    def build(self, node: ast.AST, depth: int = 0, boolean: bool = False) -> Any:
        import sympy

        if depth > MAX_DEPTH:
            raise self.fail(f"nested more than {MAX_DEPTH} levels deep")
        d = depth + 1
        if isinstance(node, ast.Expression):
            return self.build(node.body, d)
        if isinstance(node, ast.Constant):
            if boolean and isinstance(node.value, bool):
                return sympy.true if node.value else sympy.false
            if boolean:
                raise self.fail(
                    f"{node.value!r} is not a condition; write a comparison such as x > 0"
                )
            return self.constant(node)
        if isinstance(node, ast.Name):
            if boolean:
                raise self.fail(f"{node.id!r} is not a condition; write a comparison such as x > 0")
            if node.id in self.symbols:
                return self.symbols[node.id]
            if node.id in self.constants:
                return self.constants[node.id]
            known = ", ".join(sorted(self.symbols)) or "none declared"
            raise self.fail(f"unknown name {node.id!r}; parameters: {known}")
        if isinstance(node, ast.UnaryOp):
            operand = self.build(node.operand, d, boolean)
            if isinstance(node.op, ast.USub):
                return -operand
            if isinstance(node.op, ast.UAdd):
                return operand
            if isinstance(node.op, ast.Invert) and boolean:
                return sympy.Not(operand)
            if boolean:
                raise self.fail("a condition is expected here; write a comparison such as x > 0")
            raise self.fail(f"operator {type(node.op).__name__} is not allowed")
        if isinstance(node, ast.BinOp):
            if boolean and isinstance(node.op, ast.BitAnd | ast.BitOr):
                left = self.build(node.left, d, True)
                right = self.build(node.right, d, True)
                return (
                    sympy.And(left, right)
                    if isinstance(node.op, ast.BitAnd)
                    else sympy.Or(left, right)
                )
            if boolean:
                raise self.fail("a condition is expected here; write a comparison such as x > 0")
            left = self.build(node.left, d)
            right = self.build(node.right, d)
            op = node.op
            if isinstance(op, ast.Add):
                return self.checked(left + right)
            if isinstance(op, ast.Sub):
                return self.checked(left - right)
            if isinstance(op, ast.Mult):
                return self.checked(left * right)
            if isinstance(op, ast.Div):
                if right == 0:
                    raise self.fail("division by zero")
                return self.checked(left / right)
            if isinstance(op, ast.Pow):
                return self.checked(self.power(node, left, right))
            raise self.fail(f"operator {type(op).__name__} is not allowed; use + - * / **")
        if isinstance(node, ast.Call):
            if boolean and isinstance(node.func, ast.Name) and node.func.id in self.functions:
                raise self.fail(
                    "a function value is not a condition; compare it, as in Max(x, y) > 0"
                )
            return self.checked(self.call(node, d))
        if isinstance(node, ast.Compare):
            if len(node.ops) != 1:
                raise self.fail("chained comparisons are not allowed; join them with &")
            cmp = self.compare.get(type(node.ops[0]))
            if cmp is None:
                raise self.fail(f"comparison {type(node.ops[0]).__name__} is not allowed")
            return cmp(self.build(node.left, d), self.build(node.comparators[0], d))
        if isinstance(node, ast.Tuple):
            raise self.fail("a tuple is only allowed as a (value, condition) pair of Piecewise")
        raise self.fail(f"{type(node).__name__} is not allowed in an expression")

    def constant(self, node: ast.Constant) -> Any:
        import sympy

        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(f"literal {value!r} is not a number")
        if isinstance(value, int):
            if len(str(abs(value))) > MAX_DIGITS:
                raise self.fail(f"a numeric literal has more than {MAX_DIGITS} digits")
            return sympy.Integer(value)
        if not math.isfinite(value):
            raise self.fail("literal is not a finite number")
        # Read the decimal as written (0.1 is 1/10, 1e-400 is not 0): the float that
        # Python made of it may have lost digits.
        written = ast.get_source_segment(self.source, node) or repr(value)
        m = _FLOAT_LITERAL.fullmatch(written)
        if m is None:
            return sympy.Rational(Fraction(repr(value)))
        if sum(c.isdigit() for c in written.partition("e")[0].partition("E")[0]) > MAX_DIGITS:
            raise self.fail(f"a numeric literal has more than {MAX_DIGITS} digits")
        if m.group(1) and abs(int(m.group(1).replace("_", ""))) > MAX_RESULT_DIGITS:
            raise self.fail(f"a numeric literal has an exponent beyond +-{MAX_RESULT_DIGITS}")
        return sympy.Rational(Fraction(written.replace("_", "")))

    def power(self, node: ast.BinOp, base: Any, exponent: Any) -> Any:
        import sympy

        if any(
            isinstance(n, ast.BinOp) and isinstance(n.op, ast.Pow) for n in ast.walk(node.right)
        ):
            raise self.fail("exponent towers (a power in an exponent) are not allowed")
        if exponent.is_number:
            if not exponent.is_real:
                raise self.fail("a complex exponent is not allowed")
            e = abs(float(exponent))
            if base.is_number:
                if base.is_extended_real is False:
                    raise self.fail("a power of a non-real number is not allowed")
                try:
                    digits = e * abs(_log10_abs(base)) if base != 0 else 0.0
                except (TypeError, ValueError, OverflowError):
                    raise self.fail(f"the power of {base} cannot be bounded") from None
                if isinstance(base, sympy.Rational) and base.q != 1:
                    digits = max(digits, e * math.log10(int(base.q)))
                if digits > MAX_RESULT_DIGITS:
                    raise self.fail(
                        f"the power would have about {digits:.0f} digits (at most {MAX_RESULT_DIGITS})"
                    )
                if base == 0 and exponent.is_negative:
                    raise self.fail("division by zero (0 to a negative power)")
            elif e > MAX_EXPONENT:
                raise self.fail(f"exponent {exponent} exceeds {MAX_EXPONENT} in absolute value")
        return sympy.Pow(base, exponent)

    def call(self, node: ast.Call, depth: int) -> Any:
        import sympy

        if not isinstance(node.func, ast.Name):
            raise self.fail("only plain function names may be called")
        name = node.func.id
        func = self.functions.get(name)
        if func is None:
            raise self.fail(
                f"unknown function {name!r}; allowed: {', '.join(sorted(self.functions, key=str.lower))}"
            )
        if node.keywords:
            raise self.fail(f"{name}() takes no keyword arguments")
        if name == "Piecewise":
            pieces = []
            for arg in node.args:
                if not (isinstance(arg, ast.Tuple) and len(arg.elts) == 2):
                    raise self.fail("Piecewise takes (value, condition) pairs")
                value = self.build(arg.elts[0], depth)
                cond = self.build(arg.elts[1], depth, boolean=True)
                pieces.append((value, cond))
            if not pieces:
                raise self.fail("Piecewise needs at least one (value, condition) pair")
            return sympy.Piecewise(*pieces)
        args = [self.build(a, depth) for a in node.args]
        lo, hi = _ARITY.get(name, (1, MAX_MINMAX_ARGUMENTS))
        if not lo <= len(args) <= hi:
            raise self.fail(
                f"{name}() takes {lo}{'' if lo == hi else f' to {hi}'} arguments, got {len(args)}"
            )
        return func(*args)


def parse_expression(
    text: str | int | float | Fraction | sympy.Basic,
    parameters: Iterable[Parameter | str] | Mapping[str, Any] | None = None,
) -> sympy.Expr:
    """Parse payoff text into a sympy expression in the given parameters.

    Parameters
    ----------
    text
        The expression. Numbers and sympy expressions are passed through
        (a sympy expression must use only the given parameters).
    parameters
        The names that may appear (:class:`Parameter` objects, names, or a
        ``{name: Parameter}`` table). Their symbols carry the domain's
        assumptions.

    Returns
    -------
    sympy.Expr

    Raises
    ------
    ExpressionError
        If the text is not in the grammar, names an unknown parameter, or
        asks for work that would explode.
    """
    import sympy

    table = parameter_table(parameters)
    symbols = {name: p.symbol for name, p in table.items()}
    if isinstance(text, bool):
        raise ExpressionError(f"expression {text!r}: expected a number or an expression")
    if isinstance(text, int):
        return sympy.Integer(text)
    if isinstance(text, Fraction):
        return sympy.Rational(text.numerator, text.denominator)
    if isinstance(text, float):
        if not math.isfinite(text):
            raise ExpressionError(f"expression {text!r}: not a finite number")
        return sympy.Rational(Fraction(repr(text)))
    if isinstance(text, sympy.Basic):
        by_name = {s.name: s for s in symbols.values()}
        unknown = sorted(str(s) for s in text.free_symbols if str(s) not in by_name)
        if unknown:
            raise ExpressionError(f"expression {text}: unknown names {', '.join(unknown)}")
        if not isinstance(text, sympy.Expr):
            raise ExpressionError(f"expression {text}: expected a payoff expression")
        if text.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            raise ExpressionError(f"expression {text}: undefined or infinite")
        if text.has(sympy.I) or (text.is_number and text.is_extended_real is False):
            raise ExpressionError(f"expression {text}: not real; payoffs are real")
        result = text.xreplace({s: by_name[s.name] for s in text.free_symbols})
        check_size(result, str(text))
        return result
    if not isinstance(text, str):
        raise ExpressionError(f"expression {text!r}: expected text, found {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"expression of {len(text)} characters: longer than {MAX_LENGTH}")
    if not text.strip():
        raise ExpressionError("expression is empty")
    if "\x00" in text:
        raise ExpressionError("expression contains a NUL character")
    _refuse_non_ascii(text, "expression")
    builder = _Builder(text, symbols)
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError, MemoryError, RecursionError) as exc:
        raise builder.fail(f"not a valid expression ({getattr(exc, 'msg', exc)})") from None
    minmax = sum(
        len(n.args)
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in ("Max", "Min")
    )
    if minmax > MAX_MINMAX_ARGUMENTS:
        raise builder.fail(
            f"{minmax} arguments of Max and Min in all (at most {MAX_MINMAX_ARGUMENTS})"
        )
    try:
        result = builder.build(tree)
    except RecursionError:
        raise builder.fail(f"nested more than {MAX_DEPTH} levels deep") from None
    except (TypeError, ValueError, ArithmeticError) as exc:
        # sympy refusing the construct (a comparison of non-real numbers, a non-boolean
        # condition): an ExpressionError is a ValueError, so it must not be caught here.
        if isinstance(exc, ExpressionError):
            raise
        raise builder.fail(f"not a valid expression ({_one_line(exc)})") from None
    if isinstance(result, sympy.logic.boolalg.Boolean) and not isinstance(result, sympy.Expr):
        raise builder.fail("a condition is not a payoff; conditions go inside Piecewise")
    if result.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        raise builder.fail("the expression is undefined or infinite")
    check_size(result, text)
    return result


def _refuse_non_ascii(text: str, what: str) -> None:
    """Refuse non-ASCII characters: Python folds look-alikes (``𝑥``, ``ｙ``) into other names."""
    for k, c in enumerate(text):
        if ord(c) > 127:
            shown = text if len(text) <= 80 else text[:77] + "..."
            raise ExpressionError(
                f"{what} {shown!r}: non-ASCII character {c!r} (U+{ord(c):04X}) at position {k}; "
                "names, numbers and operators are ASCII"
            )


def expansion_size(expr: sympy.Basic) -> tuple[int, int]:
    """Bounds on ``(terms, degree)`` of ``expr`` expanded, found without expanding it.

    ``terms`` bounds the number of terms of the expansion (the largest
    anywhere inside the expression); ``degree`` bounds its total degree in
    the parameters (a function call such as ``exp(x)`` counts as one more
    variable, of degree one). Both are capped at ``10**12``.

    Examples
    --------
    >>> import sympy
    >>> x, y = sympy.symbols("x y")
    >>> expansion_size((x + y + 1) ** 3)
    (10, 3)
    >>> expansion_size((x + 1) ** 1000 * x)
    (1001, 1001)
    """
    import sympy

    cap = 10**12
    worst = 1

    def variables(e: sympy.Basic) -> int:
        # The parameters and the non-polynomial parts (functions, fractional powers) of e.
        opaque = [
            a
            for a in sympy.preorder_traversal(e)
            if isinstance(a, sympy.Function) or (a.is_Pow and not a.exp.is_Integer)
        ]
        return len(e.free_symbols) + len(set(opaque))

    def walk(e: sympy.Basic) -> tuple[int, int]:
        # (terms, degree) of e expanded
        nonlocal worst
        if e.is_Number:
            return 1, 0
        if e.is_Symbol:
            return 1, 1
        if e.is_Add or e.is_Mul:
            parts = [walk(a) for a in e.args]
            if e.is_Add:
                terms, degree = min(sum(p[0] for p in parts), cap), max(p[1] for p in parts)
            else:
                terms, degree = 1, 0
                for p in parts:
                    terms, degree = min(terms * p[0], cap), degree + p[1]
                terms = min(terms, _comb_capped(degree + variables(e), degree, cap))
        elif e.is_Pow and e.exp.is_Integer:
            base_terms, base_degree = walk(e.base)
            n = abs(int(e.exp))
            degree = n * base_degree
            # The multinomial count, and the count of monomials of that degree.
            terms = min(
                _comb_capped(n + base_terms - 1, base_terms - 1, cap),
                _comb_capped(degree + variables(e), degree, cap),
            )
        else:
            # A function, or a power with a symbolic or fractional exponent: its arguments
            # are expanded inside it, and it is one new variable outside.
            for a in e.args:
                walk(a)
            terms, degree = 1, 1
        worst = max(worst, terms)
        return terms, min(degree, cap)

    _, degree = walk(expr)
    return worst, degree


def _comb_capped(n: int, k: int, cap: int) -> int:
    """``min(comb(n, k), cap)``, without computing a huge binomial coefficient."""
    k = min(k, n - k)
    if k < 0:
        return 0
    out = 1
    for j in range(1, k + 1):
        out = out * (n - k + j) // j
        if out >= cap:
            return cap
    return out


def check_size(expr: sympy.Basic, text: str) -> None:
    """Refuse an expression whose expansion would exceed :data:`MAX_TERMS` or :data:`MAX_DEGREE`.

    Symbolic steps (the equilibrium regions, the symmetric classes, the
    sweep's exact tie-breaking) expand payoffs and their differences; a
    short text such as ``(x + y + 1)**10000`` expands to fifty million
    terms. The bounds are checked before anything is expanded.

    Raises
    ------
    ExpressionError
        Naming the expression and the bound it exceeds.
    """
    terms, degree = expansion_size(expr)
    shown = text if len(text) <= 80 else text[:77] + "..."
    if degree > MAX_DEGREE:
        raise ExpressionError(
            f'expression "{shown}": polynomial degree {degree} (at most {MAX_DEGREE})'
        )
    if terms > MAX_TERMS:
        raise ExpressionError(
            f'expression "{shown}": would expand to about {terms} terms (at most {MAX_TERMS})'
        )


def parse_condition(
    text: str,
    parameters: Iterable[Parameter | str] | Mapping[str, Any] | None = None,
) -> sympy.Basic:
    """Parse a condition on parameters: comparisons joined by ``&``, ``|`` and ``~``.

    Examples
    --------
    >>> from gametheory_alliances.expressions import parse_condition
    >>> parse_condition("(b2 >= b1) & (c > 0)", ["b1", "b2", "c"])
    (b2 >= b1) & (c > 0)
    """
    import sympy

    table = parameter_table(parameters)
    symbols = {name: p.symbol for name, p in table.items()}
    if not isinstance(text, str):
        raise ExpressionError(f"condition {text!r}: expected text")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"condition of {len(text)} characters: longer than {MAX_LENGTH}")
    builder = _Builder(text, symbols)
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError, MemoryError, RecursionError) as exc:
        raise builder.fail(f"not a valid condition ({getattr(exc, 'msg', exc)})") from None
    if isinstance(tree.body, ast.BoolOp):
        raise builder.fail("use & and | (with parentheses) instead of 'and' / 'or'")
    try:
        result = builder.build(tree.body, 1, boolean=True)
    except RecursionError:
        raise builder.fail(f"nested more than {MAX_DEPTH} levels deep") from None
    except (TypeError, ValueError, ArithmeticError) as exc:
        if isinstance(exc, ExpressionError):
            raise
        raise builder.fail(f"not a valid condition ({_one_line(exc)})") from None
    if not isinstance(result, sympy.logic.boolalg.Boolean) or isinstance(result, sympy.Expr):
        raise builder.fail("expected a condition such as 'b2 >= b1'")
    return result


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def expression_text(expr: Any) -> str:
    """Render an expression as text that :func:`parse_expression` reads back.

    Examples
    --------
    >>> from gametheory_alliances.expressions import expression_text, parse_expression
    >>> expression_text(parse_expression("b2 - c", ["b2", "c"]))
    'b2 - c'
    """
    import sympy

    if isinstance(expr, Fraction):
        return str(expr)
    return sympy.sstr(sympy.sympify(expr), order="none")


class NotEvaluated(Exception):
    """Raised by :func:`evaluate_exact` for text it leaves to the symbolic reader.

    Not an error of the text: the symbolic path (:func:`parse_expression`)
    decides, and it is the one that reports errors.
    """


_EXACT_FUNCTIONS = ("Abs", "Max", "Min", "Piecewise")


def evaluate_exact(
    text: Any,
    values: Mapping[str, Any],
    *,
    condition: bool = False,
) -> Any:
    """The exact value of expression (or condition) text at rational values, without sympy.

    The numeric twin of :func:`parse_expression` (and :func:`parse_condition`
    with ``condition=True``) for values bound to every name: it walks the same
    grammar and never executes the text. It computes only what is rational
    and certainly accepted by the symbolic reader: ``+ - * /``, integer powers,
    ``Abs``, ``Max``, ``Min`` and ``Piecewise`` over :class:`~fractions.Fraction`
    values, within the same bounds on digits, degree and terms (estimated
    from above without expanding). Anything else (``log``, ``sqrt``, ``pi``,
    a fractional power, a division by zero, an unknown name, text outside
    the grammar, a number too large) raises :class:`NotEvaluated`, and the
    caller reads the text symbolically, which gives the value or the error.

    Returns
    -------
    fractions.Fraction or bool
        The value; a ``bool`` for a condition.

    Raises
    ------
    NotEvaluated
        For anything left to the symbolic reader.

    Examples
    --------
    >>> from fractions import Fraction
    >>> evaluate_exact("b2 - c", {"b2": Fraction(5), "c": Fraction(1, 2)})
    Fraction(9, 2)
    >>> evaluate_exact("Piecewise((1, w >= q), (0, True))", {"w": Fraction(3), "q": Fraction(2)})
    Fraction(1, 1)
    >>> evaluate_exact("b2 >= b1", {"b1": Fraction(3), "b2": Fraction(4)}, condition=True)
    True
    >>> evaluate_exact("sqrt(2)", {})
    Traceback (most recent call last):
    ...
    gametheory_alliances.expressions.NotEvaluated: sqrt
    """
    if isinstance(text, bool):
        raise NotEvaluated("bool")
    if isinstance(text, int) and not condition:
        if len(str(abs(text))) > MAX_DIGITS:
            raise NotEvaluated("digits")
        return Fraction(text)
    if isinstance(text, float) and not condition:
        if not math.isfinite(text):
            raise NotEvaluated("not finite")
        return Fraction(repr(text))
    if not isinstance(text, str) or len(text) > MAX_LENGTH or not text.strip():
        raise NotEvaluated("text")
    if "\x00" in text or not text.isascii():
        raise NotEvaluated("characters")
    source = text.strip()
    try:
        tree = ast.parse(source, mode="eval")
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        raise NotEvaluated("syntax") from None
    if isinstance(tree.body, ast.BoolOp):
        raise NotEvaluated("and/or")
    minmax = sum(
        len(n.args)
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in ("Max", "Min")
    )
    if minmax > MAX_MINMAX_ARGUMENTS:
        raise NotEvaluated("Max/Min arguments")
    evaluator = _ExactEvaluator(source, values)
    try:
        if condition:
            return evaluator.truth(tree.body, 1)
        value, (terms, degree) = evaluator.value(tree.body, 1)
    except RecursionError:
        raise NotEvaluated("depth") from None
    except (ArithmeticError, TypeError, ValueError):
        raise NotEvaluated("arithmetic") from None
    if degree > MAX_DEGREE or terms > MAX_TERMS:
        raise NotEvaluated("size")
    return value


_SIZE_CAP = 10**12


class _ExactEvaluator:
    """Walks a parsed expression over Fractions, with an upper bound on its expanded size."""

    def __init__(self, source: str, values: Mapping[str, Any]):
        self.source = source
        self.values = values

    def bounded(self, x: Fraction) -> Fraction:
        if max(abs(x.numerator).bit_length(), x.denominator.bit_length()) > _MAX_BITS:
            raise NotEvaluated("digits")
        return x

    def value(self, node: ast.AST, depth: int) -> tuple[Fraction, tuple[int, int]]:
        """``(value, (terms, degree))``: the terms and degree bound those of ``parse_expression``."""
        if depth > MAX_DEPTH:
            raise NotEvaluated("depth")
        d = depth + 1
        if isinstance(node, ast.Constant):
            return self.constant(node), (1, 0)
        if isinstance(node, ast.Name):
            if node.id not in self.values:
                raise NotEvaluated(node.id)
            x = self.values[node.id]
            if not isinstance(x, Fraction):
                raise NotEvaluated("value")
            return x, (1, 1)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            x, size = self.value(node.operand, d)
            return (-x if isinstance(node.op, ast.USub) else x), size
        if isinstance(node, ast.BinOp):
            op = node.op
            if isinstance(op, ast.Pow):
                return self.power(node, d)
            (a, (ta, da)), (b, (tb, db)) = self.value(node.left, d), self.value(node.right, d)
            if isinstance(op, ast.Add | ast.Sub):
                x = a + b if isinstance(op, ast.Add) else a - b
                return self.bounded(x), (min(ta + tb, _SIZE_CAP), max(da, db))
            if isinstance(op, ast.Mult | ast.Div):
                if isinstance(op, ast.Div) and b == 0:
                    raise NotEvaluated("division by zero")
                x = a * b if isinstance(op, ast.Mult) else a / b
                return self.bounded(x), (min(ta * tb, _SIZE_CAP), min(da + db, _SIZE_CAP))
            raise NotEvaluated("operator")
        if isinstance(node, ast.Call):
            return self.call(node, d)
        raise NotEvaluated(type(node).__name__)

    def constant(self, node: ast.Constant) -> Fraction:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise NotEvaluated("literal")
        if isinstance(value, int):
            if len(str(abs(value))) > MAX_DIGITS:
                raise NotEvaluated("digits")
            return Fraction(value)
        if not math.isfinite(value):
            raise NotEvaluated("literal")
        written = ast.get_source_segment(self.source, node) or ""
        m = _FLOAT_LITERAL.fullmatch(written)
        if m is None:
            raise NotEvaluated("literal")
        if sum(c.isdigit() for c in written.partition("e")[0].partition("E")[0]) > MAX_DIGITS:
            raise NotEvaluated("digits")
        if m.group(1) and abs(int(m.group(1).replace("_", ""))) > MAX_RESULT_DIGITS:
            raise NotEvaluated("exponent")
        return self.bounded(Fraction(written.replace("_", "")))

    def power(self, node: ast.BinOp, depth: int) -> tuple[Fraction, tuple[int, int]]:
        if any(
            isinstance(n, ast.BinOp) and isinstance(n.op, ast.Pow) for n in ast.walk(node.right)
        ):
            raise NotEvaluated("tower")
        base, (terms, degree) = self.value(node.left, depth)
        exponent, (_, exponent_degree) = self.value(node.right, depth)
        if exponent_degree or exponent.denominator != 1:
            raise NotEvaluated("exponent")  # symbolic or fractional: left to sympy
        n = abs(exponent.numerator)
        if n > MAX_EXPONENT:
            raise NotEvaluated("exponent")
        if base == 0 and exponent < 0:
            raise NotEvaluated("division by zero")
        if base != 0:
            bits = max(abs(base.numerator).bit_length(), base.denominator.bit_length())
            if (bits - 1) * n > _MAX_BITS:
                raise NotEvaluated("digits")
        out_terms = _comb_capped(n + terms - 1, terms - 1, _SIZE_CAP) if terms > 1 else 1
        return self.bounded(base**exponent.numerator), (out_terms, min(n * degree, _SIZE_CAP))

    def call(self, node: ast.Call, depth: int) -> tuple[Fraction, tuple[int, int]]:
        if not isinstance(node.func, ast.Name) or node.func.id not in _EXACT_FUNCTIONS:
            raise NotEvaluated(getattr(node.func, "id", "call"))
        name = node.func.id
        if node.keywords or not node.args:
            raise NotEvaluated("arguments")
        # sympy may evaluate a call to one of its arguments (Abs(x) = x for x >= 0): the
        # size is bounded by the largest argument's, and by one new variable.
        terms, degree = 1, 1
        if name == "Piecewise":
            chosen = None
            for arg in node.args:
                if not (isinstance(arg, ast.Tuple) and len(arg.elts) == 2):
                    raise NotEvaluated("Piecewise")
                x, (t, g) = self.value(arg.elts[0], depth)
                truth = self.truth(arg.elts[1], depth)
                terms, degree = max(terms, t), max(degree, g)
                if truth and chosen is None:
                    chosen = x
            if chosen is None:
                raise NotEvaluated("Piecewise undefined")
            return chosen, (terms, degree)
        args = []
        for arg in node.args:
            x, (t, g) = self.value(arg, depth)
            args.append(x)
            terms, degree = max(terms, t), max(degree, g)
        if name == "Abs":
            if len(args) != 1:
                raise NotEvaluated("arguments")
            return abs(args[0]), (terms, degree)
        return (max(args) if name == "Max" else min(args)), (terms, degree)

    def truth(self, node: ast.AST, depth: int) -> bool:
        if depth > MAX_DEPTH:
            raise NotEvaluated("depth")
        d = depth + 1
        if isinstance(node, ast.Constant) and isinstance(node.value, bool):
            return node.value
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Invert):
            return not self.truth(node.operand, d)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitAnd | ast.BitOr):
            left, right = self.truth(node.left, d), self.truth(node.right, d)
            return (left and right) if isinstance(node.op, ast.BitAnd) else (left or right)
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            a, _ = self.value(node.left, d)
            b, _ = self.value(node.comparators[0], d)
            op = node.ops[0]
            compare = {
                ast.Lt: a < b,
                ast.LtE: a <= b,
                ast.Gt: a > b,
                ast.GtE: a >= b,
                ast.Eq: a == b,
                ast.NotEq: a != b,
            }
            if type(op) not in compare:
                raise NotEvaluated("comparison")
            return compare[type(op)]
        raise NotEvaluated("condition")
