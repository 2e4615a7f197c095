"""Named parameters: a sympy symbol with a domain, a default and a description.

A game's payoffs are sympy expressions in its parameters. The domain of a
parameter is an interval of the real line (``positive``, ``[0, 1]``,
``(0, 1]``, ...), it fixes the sympy assumptions of the parameter's symbol
(so that simplification knows ``c > 0``), and every value bound to the
parameter is checked against it.

Examples
--------
>>> from gametheory_alliances.parameters import Parameter
>>> c = Parameter("c", domain="positive", default=1, description="cost of contributing")
>>> c.symbol, c.symbol.is_positive
(c, True)
>>> c.check(0.5)
Fraction(1, 2)
>>> c.check(-1)
Traceback (most recent call last):
...
gametheory_alliances.errors.DomainError: parameter 'c' = -1 is outside its domain (0, oo)
"""

from __future__ import annotations

import functools
import keyword
import math
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from numbers import Real
from typing import TYPE_CHECKING, Any, ClassVar

from .errors import DomainError, GameError, UnboundParameterError, UnknownParameterError

if TYPE_CHECKING:
    import sympy

__all__ = ["Domain", "Parameter", "as_number", "bind_values", "parameter_table"]

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_RESERVED = frozenset(
    {
        "pi",
        "E",
        "I",
        "oo",
        "nan",
        "zoo",
        "log",
        "exp",
        "sqrt",
        "Max",
        "Min",
        "Piecewise",
        "Abs",
        "True",
        "False",
        "None",
        "lambda",
        "and",
        "or",
        "not",
        "if",
        "else",
    }
)


MAX_NUMBER_TEXT = 1_000
"""Longest number text :func:`as_number` reads, in characters."""

MAX_NUMBER_EXPONENT = 1_000
"""Largest decimal exponent (``1e1000``) :func:`as_number` reads."""

MAX_MAGNITUDE = 10**300
"""Largest magnitude of a number :func:`as_number` accepts (floats end near 1.8e308)."""

_EXPONENT = re.compile(r"[eE]\s*([+-]?[\d_]+)")


def is_sympy(value: Any) -> bool:
    """Whether ``value`` is a sympy object, without importing sympy to find out.

    sympy is imported only where a symbolic feature is used (a numeric game
    read from a file never needs it), and no sympy object can exist before
    sympy is loaded, so a value is one only if sympy is already in
    ``sys.modules``.

    Examples
    --------
    >>> is_sympy(3), is_sympy("x")
    (False, False)
    """
    loaded = sys.modules.get("sympy")
    return loaded is not None and isinstance(value, loaded.Basic)


def _bounded(value: Fraction, name: str) -> Fraction:
    if abs(value) > MAX_MAGNITUDE:
        raise GameError(f"{name}: a value larger in magnitude than the limit of 1e300")
    return value


def as_number(value: Any, name: str = "value") -> Fraction | float:
    """Convert a user-supplied number to an exact fraction where that is faithful.

    Integers, fractions, sympy rationals and decimal text (``"0.3"``) become
    :class:`fractions.Fraction`; a Python ``float`` becomes the fraction of
    its shortest decimal representation (``0.3`` gives ``3/10``), which is the
    number the user typed. Irrational sympy numbers become floats. NaN and
    infinities are refused.

    Examples
    --------
    >>> as_number(0.3), as_number("3/4"), as_number(2)
    (Fraction(3, 10), Fraction(3, 4), Fraction(2, 1))
    """
    if isinstance(value, bool):
        raise GameError(f"{name}: expected a number, found the boolean {value!r}")
    if isinstance(value, Fraction):
        return _bounded(value, name)
    if isinstance(value, int):
        return _bounded(Fraction(value), name)
    if isinstance(value, str):
        text = value.strip()
        if not text.isascii():
            # Fraction reads any Unicode digit ('٣' is 3); the command line's --set does not.
            raise GameError(f"{name}: expected a number written in ASCII digits, found {value!r}")
        if len(text) > MAX_NUMBER_TEXT:
            raise GameError(
                f"{name}: a number of {len(text)} characters, longer than {MAX_NUMBER_TEXT}"
            )
        # Fraction("1e999999999") would compute a billion-digit power before any check.
        exponent = _EXPONENT.search(text)
        if exponent and abs(int(exponent.group(1).replace("_", ""))) > MAX_NUMBER_EXPONENT:
            raise GameError(f"{name}: the exponent of {text!r} is beyond +-{MAX_NUMBER_EXPONENT}")
        try:
            number = Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise GameError(
                f"{name}: expected a number such as 0.5 or 3/4, found {value!r}"
            ) from None
        return _bounded(number, name)
    if is_sympy(value):
        import sympy

        if isinstance(value, sympy.Rational):
            return _bounded(Fraction(int(value.p), int(value.q)), name)
        if value.is_number and value.is_real and value.is_finite:
            return float(value)
        raise GameError(f"{name}: expected a finite real number, found {value}")
    if isinstance(value, Real):
        x = float(value)
        if not math.isfinite(x):
            raise GameError(f"{name}: expected a finite number, found {x}")
        return Fraction(repr(x))
    raise GameError(f"{name}: expected a number, found {type(value).__name__} {value!r}")


@dataclass(frozen=True)
class Domain:
    """An interval of the real line: the values a parameter may take.

    Parameters
    ----------
    lower, upper
        The end points (``None`` for unbounded).
    lower_open, upper_open
        Whether the end points are excluded.

    Examples
    --------
    >>> Domain.parse("[0, 1)")
    Domain('[0, 1)')
    >>> Domain.parse("positive").contains(0)
    False
    """

    lower: Fraction | None = None
    upper: Fraction | None = None
    lower_open: bool = False
    upper_open: bool = False

    _KEYWORDS: ClassVar[dict[str, tuple[Fraction | None, Fraction | None, bool, bool]]] = {
        "real": (None, None, False, False),
        "positive": (Fraction(0), None, True, False),
        "nonnegative": (Fraction(0), None, False, False),
        "negative": (None, Fraction(0), False, True),
        "nonpositive": (None, Fraction(0), False, False),
        "unit": (Fraction(0), Fraction(1), False, False),
        "probability": (Fraction(0), Fraction(1), False, False),
    }

    def __post_init__(self) -> None:
        if self.lower is None:
            object.__setattr__(self, "lower_open", True)
        if self.upper is None:
            object.__setattr__(self, "upper_open", True)
        if self.lower is not None and self.upper is not None:
            empty = self.lower > self.upper or (
                self.lower == self.upper and (self.lower_open or self.upper_open)
            )
            if empty:
                raise GameError(f"empty domain {self.text()}: the lower end exceeds the upper")

    @classmethod
    def parse(cls, text: str | Domain) -> Domain:
        """Read a domain from text: a keyword or an interval such as ``(0, 1]``.

        Keywords: ``real``, ``positive``, ``nonnegative``, ``negative``,
        ``nonpositive``, ``unit`` / ``probability`` (both ``[0, 1]``).
        """
        if isinstance(text, Domain):
            return text
        if not isinstance(text, str):
            raise GameError(f"domain: expected text such as 'positive' or '[0, 1]', found {text!r}")
        key = text.strip().lower()
        if key in cls._KEYWORDS:
            return cls(*cls._KEYWORDS[key])
        m = re.fullmatch(r"\s*([\[\(])\s*([^,]*?)\s*,\s*([^,]*?)\s*([\]\)])\s*", text)
        if not m:
            raise GameError(
                f"domain {text!r}: expected a keyword ({', '.join(sorted(cls._KEYWORDS))}) "
                "or an interval such as '[0, 1]' or '(0, oo)'"
            )
        lo_b, lo, hi, hi_b = m.groups()

        def end(token: str, infinite: str) -> Fraction | None:
            if token in (infinite, infinite.replace("oo", "inf")):
                return None
            # as_number bounds the exponent and the magnitude (1e999 would overflow floats).
            value = as_number(token, f"domain {text!r}: end point")
            assert isinstance(value, Fraction)  # text is always read as a fraction
            return value

        lower = end(lo, "-oo")
        upper = end(hi, "oo")
        return cls(lower, upper, lo_b == "(" or lower is None, hi_b == ")" or upper is None)

    def contains(self, value: Any) -> bool:
        """Whether a number lies in the domain."""
        x = value
        if self.lower is not None and (x < self.lower or (self.lower_open and x == self.lower)):
            return False
        return not (
            self.upper is not None and (x > self.upper or (self.upper_open and x == self.upper))
        )

    def assumptions(self) -> dict[str, bool]:
        """The sympy assumptions implied by the domain (always ``real``)."""
        out = {"real": True}
        if self.lower is not None:
            if self.lower > 0 or (self.lower == 0 and self.lower_open):
                out["positive"] = True
            elif self.lower >= 0:
                out["nonnegative"] = True
        if self.upper is not None:
            if self.upper < 0 or (self.upper == 0 and self.upper_open):
                out["negative"] = True
            elif self.upper <= 0:
                out["nonpositive"] = True
        return out

    def condition(self, symbol: sympy.Symbol) -> sympy.Basic:
        """The domain as a sympy boolean in ``symbol``."""
        import sympy

        parts: list[sympy.Basic] = []
        if self.lower is not None:
            lo = sympy.Rational(self.lower.numerator, self.lower.denominator)
            parts.append(symbol > lo if self.lower_open else symbol >= lo)
        if self.upper is not None:
            hi = sympy.Rational(self.upper.numerator, self.upper.denominator)
            parts.append(symbol < hi if self.upper_open else symbol <= hi)
        return sympy.And(*parts)

    def text(self) -> str:
        """The domain as an interval, e.g. ``[0, 1]`` or ``(0, oo)``."""
        lo = "-oo" if self.lower is None else str(self.lower)
        hi = "oo" if self.upper is None else str(self.upper)
        left = "(" if self.lower_open or self.lower is None else "["
        right = ")" if self.upper_open or self.upper is None else "]"
        return f"{left}{lo}, {hi}{right}"

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return f"Domain({self.text()!r})"


@dataclass(frozen=True)
class Parameter:
    """A named parameter of a game.

    Parameters
    ----------
    name
        An identifier (letters, digits, underscores; starts with a letter).
    domain
        A :class:`Domain` or its text (default ``"real"``).
    default
        The value taken when none is bound (``None``: the parameter must be bound).
    description
        What the parameter means, in words.
    """

    name: str
    domain: Domain = field(default_factory=Domain)
    default: Fraction | float | None = None
    description: str = ""

    def __init__(
        self,
        name: str,
        domain: Domain | str = "real",
        default: Any = None,
        description: str = "",
    ) -> None:
        if isinstance(name, str) and keyword.iskeyword(name):
            raise GameError(
                f"parameter name {name!r}: a Python keyword cannot name a parameter (expressions "
                "are read with Python's grammar, where it would not be a name); rename it"
            )
        if not isinstance(name, str) or not _NAME.match(name) or name in _RESERVED:
            raise GameError(
                f"parameter name {name!r}: expected an identifier (a letter, then letters, "
                "digits or underscores) that is not a reserved word"
            )
        dom = Domain.parse(domain)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "domain", dom)
        object.__setattr__(self, "description", str(description))
        if default is not None:
            value = as_number(default, f"default of parameter {name!r}")
            if not dom.contains(value):
                raise DomainError(
                    f"default of parameter {name!r} = {default} is outside its domain {dom}"
                )
            object.__setattr__(self, "default", value)
        else:
            object.__setattr__(self, "default", None)

    @functools.cached_property
    def symbol(self) -> sympy.Symbol:
        """The sympy symbol, carrying the assumptions of the domain (made once)."""
        import sympy

        return sympy.Symbol(self.name, **self.domain.assumptions())

    def check(self, value: Any) -> Fraction | float:
        """Convert ``value`` to a number and check that it lies in the domain."""
        x = as_number(value, f"parameter {self.name!r}")
        if not self.domain.contains(x):
            raise DomainError(
                f"parameter {self.name!r} = {value} is outside its domain {self.domain}"
            )
        return x

    def __repr__(self) -> str:
        extra = f", default={self.default}" if self.default is not None else ""
        return f"Parameter({self.name!r}, domain={self.domain.text()!r}{extra})"


def parameter_table(
    parameters: Iterable[Parameter | str] | Mapping[str, Any] | None,
) -> dict[str, Parameter]:
    """Normalise a collection of parameters to an ordered ``{name: Parameter}`` table.

    Plain strings become real parameters with no default; a mapping of
    names to :class:`Parameter` or to domain text is accepted as well.
    """
    table: dict[str, Parameter] = {}
    if parameters is None:
        return table
    items: Iterable[Any]
    if isinstance(parameters, Mapping):
        items = []
        for key, value in parameters.items():
            if isinstance(value, Parameter):
                if value.name != key:
                    raise GameError(f"parameter table: key {key!r} names parameter {value.name!r}")
                items.append(value)
            else:
                items.append(Parameter(key, value if value is not None else "real"))
    else:
        items = parameters
    for p in items:
        param = p if isinstance(p, Parameter) else Parameter(p)
        if param.name in table:
            raise GameError(f"parameter {param.name!r} is declared twice")
        table[param.name] = param
    return table


def bind_values(
    table: Mapping[str, Parameter], values: Mapping[str, Any]
) -> dict[str, Fraction | float]:
    """Check ``values`` against ``table`` and fill in defaults.

    Raises :class:`UnknownParameterError` for a name not in the table,
    :class:`DomainError` for a value outside its domain and
    :class:`UnboundParameterError` for a parameter with neither a value nor a
    default.
    """
    unknown = [k for k in values if k not in table]
    if unknown:
        known = ", ".join(table) or "none"
        raise UnknownParameterError(
            f"unknown parameter{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}; "
            f"the game's parameters are: {known}"
        )
    out: dict[str, Fraction | float] = {}
    missing = []
    for name, param in table.items():
        if name in values:
            out[name] = param.check(values[name])
        elif param.default is not None:
            out[name] = param.default
        else:
            missing.append(name)
    if missing:
        raise UnboundParameterError(
            f"no value and no default for parameter{'s' if len(missing) > 1 else ''} "
            f"{', '.join(map(repr, missing))}"
        )
    return out


def bound_substitutions(
    parameters: Mapping[str, Parameter], values: Mapping[str, Any]
) -> dict[sympy.Symbol, sympy.Expr] | None:
    """Check values given to a game's parameters and return ``{symbol: sympy number}``.

    What every game's ``at()`` starts with: values are checked against the
    domains (defaults fill the rest, see :func:`bind_values`) and turned into
    exact sympy numbers. ``None`` when the game has no parameters and none
    were given.

    Raises
    ------
    UnknownParameterError
        Values given to a game without parameters, or for undeclared names.
    DomainError, UnboundParameterError
        As :func:`bind_values`.

    Examples
    --------
    >>> bound_substitutions({"c": Parameter("c", default=2)}, {})
    {c: 2}
    >>> bound_substitutions({}, {}) is None
    True
    """
    if not parameters:
        if values:
            noun = "parameter" if len(values) == 1 else "parameters"
            raise UnknownParameterError(
                f"unknown {noun} {', '.join(map(repr, values))}; the game has no parameters"
            )
        return None
    return exact_substitutions(parameters, bind_values(parameters, values))


def exact_substitutions(
    parameters: Mapping[str, Parameter], values: Mapping[str, Fraction | float]
) -> dict[sympy.Symbol, sympy.Expr]:
    """``{parameter symbol: sympy number}`` for values already converted and checked.

    Fractions become exact rationals, floats sympy floats.

    Examples
    --------
    >>> exact_substitutions({"c": Parameter("c")}, {"c": Fraction(1, 3)})
    {c: 1/3}
    """
    import sympy

    return {
        parameters[name].symbol: sympy.Rational(x.numerator, x.denominator)
        if isinstance(x, Fraction)
        else sympy.Float(x)
        for name, x in values.items()
    }
