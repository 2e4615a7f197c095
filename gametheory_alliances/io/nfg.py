"""Gambit's strategic game format (``.nfg``): read and write.

The format (documented with Gambit, "The strategic game (.nfg) file format")
comes in two versions that share a prologue::

    NFG 1 R "title" { "Player 1" "Player 2" } { 3 2 } "optional comment"

The list after the players holds either the number of strategies of each
player (``{ 3 2 }``) or their labels (``{ { "U" "M" "D" } { "L" "R" } }``).
The body is then either

* the *payoff version*: a flat list of payoffs, one per player for every
  pure profile, or
* the *outcome version*: a list of outcomes ``{ "label" 1, 2 }`` followed by
  one outcome number per profile, ``0`` being the null outcome (payoff zero
  to everyone).

Profiles are listed with the first player's strategy changing fastest.
Numbers are read exactly: integers, decimals (``0.3`` is 3/10, exponents
such as ``1.5e-2`` allowed) and rationals (``3/4``). Strings may contain
escaped quotes (``\\"``) and backslashes (``\\\\``).

Reading never executes anything. Malformed files raise
:class:`~gametheory_alliances.errors.FileFormatError` naming the file and the
line; inputs that would need absurd work or memory (more than
:data:`MAX_PROFILES` profiles, number literals longer than
:data:`MAX_LITERAL`) are refused before the work is done.

Labels: an empty player label becomes ``Player k`` and an empty strategy
label the strategy's position (``1``, ``2``, ...); a label that repeats an
earlier one of the same list gets a suffix (``x_2``), as Gambit does, since
the toolkit needs labels to be distinct.

Examples
--------
>>> from gametheory_alliances.io.nfg import parse_nfg, write_nfg
>>> game = parse_nfg('''
... NFG 1 R "Prisoner's Dilemma" { "Row" "Column" }
... { { "C" "D" } { "C" "D" } }
... 3 3  5 0  0 5  1 1
... ''')
>>> game
NormalFormGame("Prisoner's Dilemma", players=('Row', 'Column'), shape=(2, 2))
>>> game.payoff_arrays(exact=True)[0]
array([[Fraction(3, 1), Fraction(0, 1)],
       [Fraction(5, 1), Fraction(1, 1)]], dtype=object)
>>> print(write_nfg(game))
NFG 1 R "Prisoner's Dilemma" { "Row" "Column" }
{ { "C" "D" }
  { "C" "D" }
}
""
<BLANKLINE>
3 3
5 0
0 5
1 1
<BLANKLINE>
"""

from __future__ import annotations

import bisect
import math
import os
import re
import stat
from collections.abc import Callable, Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

import numpy as np

from ..errors import FileFormatError, GameError
from ..normal_form import NormalFormGame, to_fraction_array

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_LITERAL",
    "MAX_PLAYERS",
    "MAX_PROFILES",
    "parse_nfg",
    "parse_number",
    "read_nfg",
    "tokenize",
    "write_nfg",
]

MAX_FILE_BYTES = 200_000_000
"""Largest game file (``.nfg``, ``.efg``) read, in bytes."""

MAX_PROFILES = 10_000_000
"""Most pure strategy profiles a file may declare."""

MAX_PLAYERS = 32
"""Most players a file may declare (one array axis per player)."""

MAX_LITERAL = 1_000
"""Longest number literal accepted, in characters."""

MAX_EXPONENT = 1_000
"""Largest absolute decimal exponent accepted in a number literal (``1e1000``)."""

MAX_MAGNITUDE = 10**300
"""Largest absolute payoff accepted (beyond it floating point overflows)."""

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<string>"(?:[^"\\]++|\\.)*+")
  | (?P<open>\{)
  | (?P<close>\})
  | (?P<comma>,)
  | (?P<quote>")
  | (?P<atom>[^\s{}",]+)
    """,
    re.VERBOSE | re.DOTALL,
)
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?")
_RATIONAL = re.compile(r"([+-]?[0-9]+)/([0-9]+)")
# A body of small integers only (the common case), parsed without the tokenizer.
_SMALL_INTEGERS = re.compile(r"\s*+(?:[+-]?[0-9]{1,18}(?:\s++|$))*+")
# A body of plain integers, decimals and fractions (no exponent), converted in bulk:
# well inside the limits of parse_number on length and magnitude.
_PLAIN_NUMBER = (
    r"[+-]?[0-9]{1,200}(?:/0*[1-9][0-9]{0,199}|(?:\.[0-9]{1,200})?(?:[eE][+-]?[0-9]{1,2})?)"
)
# Each literal ends at white space or at the end; possessive, so a long body is not backtracked.
_PLAIN_NUMBERS = re.compile(rf"\s*+(?:(?:{_PLAIN_NUMBER})(?:\s++|$))*+")
_UNESCAPE = re.compile(r'\\(["\\])')
_NONFINITE = {"nan", "inf", "infinity", "-inf", "+inf", "-infinity", "+infinity", "-nan", "+nan"}

Number = int | Fraction


class _Token:
    __slots__ = ("kind", "offset", "text")

    def __init__(self, kind: str, text: str, offset: int) -> None:
        self.kind = kind
        self.text = text
        self.offset = offset

    def describe(self) -> str:
        if self.kind == "eof":
            return "the end of the file"
        if self.kind == "string":
            return (
                f"the string {' '.join(self.text.split())}" if len(self.text) <= 40 else "a string"
            )
        shown = self.text if len(self.text) <= 40 else self.text[:37] + "..."
        return f"'{shown}'"


class _Reader:
    """A tokenizer with line numbers and the parsing steps of the format."""

    def __init__(self, text: str, path: str | None) -> None:
        self.text = text
        self.path = path
        self._newlines: list[int] | None = None
        self._tokens = self._scan()
        self._peeked: _Token | None = None

    # -- tokens and positions --------------------------------------------------

    def line_of(self, offset: int) -> int:
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        return bisect.bisect_left(self._newlines, offset) + 1

    def fail(self, message: str, token: _Token | int) -> FileFormatError:
        offset = token if isinstance(token, int) else token.offset
        return FileFormatError(message, path=self.path, line=self.line_of(offset))

    def _scan(self) -> Iterator[_Token]:
        for match in _TOKEN.finditer(self.text):
            kind = match.lastgroup
            assert kind is not None
            if kind == "ws":
                continue
            if kind == "quote":
                raise self.fail("unterminated string: a '\"' with no closing quote", match.start())
            yield _Token(kind, match.group(), match.start())
        # The end is reported on the last line with content, where the truncation shows.
        yield _Token("eof", "", len(self.text.rstrip()))

    def peek(self) -> _Token:
        if self._peeked is None:
            self._peeked = next(self._tokens)
        return self._peeked

    def next(self) -> _Token:
        token = self.peek()
        if token.kind != "eof":
            self._peeked = None
        return token

    def expect(self, kind: str, what: str) -> _Token:
        token = self.next()
        if token.kind != kind:
            raise self.fail(f"expected {what}, found {token.describe()}", token)
        return token

    # -- values -------------------------------------------------------------------

    @staticmethod
    def unquote(token: _Token) -> str:
        return _UNESCAPE.sub(r"\1", token.text[1:-1])

    def number(self, token: _Token, what: str) -> Number:
        """The exact value of a number token (int when integral, else Fraction)."""
        if token.kind != "atom":
            raise self.fail(f"expected {what}, found {token.describe()}", token)
        try:
            return parse_number(token.text, what)
        except ValueError as exc:
            raise self.fail(str(exc), token) from None

    def integer(self, token: _Token, what: str) -> int:
        if token.kind != "atom" or not _INTEGER.fullmatch(token.text) or len(token.text) > 30:
            raise self.fail(f"expected {what} (a whole number), found {token.describe()}", token)
        return int(token.text)

    def string_list(self, what: str) -> list[tuple[str, _Token]]:
        """A braced list of strings: ``{ "a" "b" }``."""
        self.expect("open", f"'{{' opening the list of {what}")
        out: list[tuple[str, _Token]] = []
        while True:
            token = self.next()
            if token.kind == "close":
                return out
            if token.kind != "string":
                raise self.fail(
                    f"expected a quoted label in the list of {what} or '}}', "
                    f"found {token.describe()}",
                    token,
                )
            out.append((self.unquote(token), token))

    # -- the file ------------------------------------------------------------------

    def parse(self) -> NormalFormGame:
        token = self.next()
        if token.kind != "atom" or token.text != "NFG":
            raise self.fail(
                "missing header: a Gambit strategic game file starts with 'NFG 1 R', "
                f"found {token.describe()}",
                token,
            )
        token = self.next()
        if token.kind != "atom" or token.text != "1":
            raise self.fail(
                f"unsupported format version {token.describe()}: expected 'NFG 1 R'", token
            )
        token = self.next()
        if token.kind != "atom" or token.text not in ("R", "D"):
            raise self.fail(
                f"expected the number type 'R' (or the obsolete 'D') after 'NFG 1', "
                f"found {token.describe()}",
                token,
            )
        title = self.unquote(self.expect("string", "the quoted game title after 'NFG 1 R'"))
        player_list = self.string_list("players")
        header = self.peek()
        if not player_list:
            raise self.fail(
                "the list of players is empty: a game needs at least one player", header
            )
        if len(player_list) > MAX_PLAYERS:
            raise self.fail(
                f"{len(player_list)} players, more than the limit of {MAX_PLAYERS}", header
            )
        n = len(player_list)
        shape, strategy_labels = self.strategies(n)
        comment = ""
        if self.peek().kind == "string":
            comment = self.unquote(self.next())
        profiles = math.prod(shape)
        payoffs: list[Number] | np.ndarray | _PlainBody
        if self.peek().kind == "open":
            payoffs = self.outcome_body(n, profiles)
        else:
            payoffs = self.payoff_body(n, profiles)
        token = self.next()
        if token.kind != "eof":
            raise self.fail(
                f"expected the end of the file after the {profiles} profiles of a "
                f"{' x '.join(map(str, shape))} game, found {token.describe()}",
                token,
            )
        players = make_labels_distinct(
            [label or f"Player {i + 1}" for i, (label, _) in enumerate(player_list)]
        )
        strategies = [
            make_labels_distinct([label or str(j + 1) for j, label in enumerate(labels)])
            for labels in strategy_labels
        ]
        try:
            if isinstance(payoffs, _PlainBody):
                game = NormalFormGame.with_exact_on_demand(
                    _player_arrays(payoffs.floats(), n, shape),
                    payoffs.exact(n, shape),
                    players=players,
                    strategies=strategies,
                    title=title,
                )
            else:
                arrays = _player_arrays(payoffs, n, shape)
                game = NormalFormGame(arrays, players=players, strategies=strategies, title=title)
        except GameError as exc:
            raise FileFormatError(str(exc), path=self.path) from None
        game.description = comment
        return game

    def strategies(self, n: int) -> tuple[tuple[int, ...], list[list[str]]]:
        """The strategy counts or labels after the players: ``{ 3 2 }`` or ``{ { .. } { .. } }``."""
        opening = self.expect("open", "'{' opening the strategy counts or labels")
        if self.peek().kind == "open":
            labels: list[list[str]] = []
            while self.peek().kind == "open":
                labels.append([s for s, _ in self.string_list("strategies")])
                if not labels[-1]:
                    raise self.fail(
                        f"player {len(labels)} has an empty list of strategies", opening
                    )
            closing = self.expect("close", "'}' closing the lists of strategies")
            shape = tuple(len(x) for x in labels)
        else:
            counts = []
            while True:
                token = self.next()
                if token.kind == "close":
                    closing = token
                    break
                count = self.integer(token, "a number of strategies")
                if count < 1:
                    raise self.fail(
                        f"number of strategies {count}: every player needs at least one", token
                    )
                if count > MAX_PROFILES:
                    raise self.fail(
                        f"{count} strategies, more than the limit of {MAX_PROFILES} profiles",
                        token,
                    )
                counts.append(count)
            shape = tuple(counts)
            labels = [[""] * m for m in shape]
        if len(shape) != n:
            raise self.fail(
                f"strategies given for {_count(len(shape), 'player')}, but the file declares "
                f"{_count(n, 'player')}",
                closing,
            )
        if math.prod(shape) > MAX_PROFILES:
            raise self.fail(
                f"a {' x '.join(map(str, shape))} game has {math.prod(shape)} strategy profiles, "
                f"more than the limit of {MAX_PROFILES}",
                closing,
            )
        return shape, labels

    def payoff_body(self, n: int, profiles: int) -> list[Number] | np.ndarray | _PlainBody:
        needed = n * profiles
        start = self.peek().offset
        rest = self.text[start:]
        if _SMALL_INTEGERS.fullmatch(rest):
            parts = rest.split()
            if len(parts) == needed:
                self._peeked = None
                self._tokens = iter([_Token("eof", "", len(self.text.rstrip()))])
                # At most 18 digits each: int64 holds them, converted in one call.
                return np.array(parts).astype(np.int64)
        elif _PLAIN_NUMBERS.fullmatch(rest):
            parts = rest.split()
            if len(parts) == needed:
                self._peeked = None
                self._tokens = iter([_Token("eof", "", len(self.text.rstrip()))])
                return _PlainBody(parts, "/" in rest)
        values: list[Number] = []
        for _ in range(needed):
            token = self.next()
            if token.kind == "eof":
                raise self.fail(
                    f"the file ends after {_count(len(values), 'payoff')}: a game of "
                    f"{_count(profiles, 'profile')} and {_count(n, 'player')} needs {needed}",
                    token,
                )
            values.append(self.number(token, "a payoff"))
        return values

    def outcome_body(self, n: int, profiles: int) -> list[Number]:
        self.expect("open", "'{' opening the list of outcomes")
        outcomes: list[list[Number]] = [[0] * n]
        while True:
            token = self.next()
            if token.kind == "close":
                break
            if token.kind == "eof":
                raise self.fail("the file ends inside the list of outcomes", token)
            if token.kind != "open":
                raise self.fail(
                    f"expected an outcome '{{ \"label\" payoffs }}' or '}}', found "
                    f"{token.describe()}",
                    token,
                )
            self.expect("string", "the quoted label of an outcome")
            payoffs: list[Number] = []
            while True:
                token = self.next()
                if token.kind == "close":
                    break
                if token.kind == "comma" and payoffs:
                    continue
                if token.kind == "eof":
                    raise self.fail("the file ends inside an outcome", token)
                payoffs.append(self.number(token, "a payoff"))
                if len(payoffs) > n:
                    raise self.fail(
                        f"outcome {len(outcomes)} has more than {n} payoffs (one per player)",
                        token,
                    )
            if len(payoffs) != n:
                raise self.fail(
                    f"outcome {len(outcomes)} has {_count(len(payoffs), 'payoff')}, expected {n} "
                    "(one per player)",
                    token,
                )
            outcomes.append(payoffs)
        indices: list[int] = []
        for _ in range(profiles):
            token = self.next()
            if token.kind == "eof":
                raise self.fail(
                    f"the file ends after {len(indices)} outcome numbers: the game has "
                    f"{profiles} profiles",
                    token,
                )
            index = self.integer(token, "an outcome number")
            if not 0 <= index < len(outcomes):
                raise self.fail(
                    f"outcome number {index} is out of range: the file defines "
                    f"{_count(len(outcomes) - 1, 'outcome')} (0 is the null outcome)",
                    token,
                )
            indices.append(index)
        return [v for k in indices for v in outcomes[k]]


def parse_number(text: str, what: str = "number") -> int | Fraction:
    """The exact value of a number as written in Gambit files.

    Integers (``-3``), decimals with an optional exponent (``0.3``,
    ``1.5e-2``, read exactly: ``0.3`` is 3/10) and rationals (``3/4``).
    Integral values come back as :class:`int`, others as
    :class:`~fractions.Fraction`.

    Raises
    ------
    ValueError
        Text that is not such a number, NaN or infinity, division by zero,
        literals longer than :data:`MAX_LITERAL` characters, exponents beyond
        :data:`MAX_EXPONENT` or magnitudes beyond 1e300 (refused before any
        big number is computed).

    Examples
    --------
    >>> parse_number("0.3"), parse_number("-3/4"), parse_number("1.5e2")
    (Fraction(3, 10), Fraction(-3, 4), 150)
    """
    if len(text) > MAX_LITERAL:
        raise ValueError(
            f"{what}: a number literal of {len(text)} characters, longer than the limit of "
            f"{MAX_LITERAL}"
        )
    value: Number
    if _INTEGER.fullmatch(text):
        value = int(text)
    elif m := _RATIONAL.fullmatch(text):
        if int(m.group(2)) == 0:
            raise ValueError(f"{what} '{text}' divides by zero")
        value = Fraction(int(m.group(1)), int(m.group(2)))
    elif (m := _DECIMAL.fullmatch(text)) and (m.group(2) or m.group(3)):
        sign, whole, frac, exp = m.groups()
        exponent = int(exp) if exp else 0
        if abs(exponent) > MAX_EXPONENT:
            raise ValueError(
                f"{what} '{text}' has an exponent beyond the limit of +-{MAX_EXPONENT}"
            )
        frac = frac or ""
        digits = int((whole or "0") + frac)
        exponent -= len(frac)
        if exponent >= 0:
            value = Fraction(digits * 10**exponent)
        else:
            value = Fraction(digits, 10**-exponent)
        if sign == "-":
            value = -value
    elif text.lower() in _NONFINITE:
        raise ValueError(f"{what} '{text}' is not a finite number")
    else:
        shown = text if len(text) <= 40 else text[:37] + "..."
        raise ValueError(
            f"expected {what}, found '{shown}' (numbers are written as 2, -0.5, 1.5e-3 or 3/4)"
        )
    if isinstance(value, Fraction) and value.denominator == 1:
        value = int(value.numerator)
    if not -MAX_MAGNITUDE <= value <= MAX_MAGNITUDE:
        raise ValueError(f"{what} '{text}' is larger in magnitude than the limit of 1e300")
    return value


_TOKENS = re.compile(r'"(?:[^"\\]++|\\.)*+"|[{},]|[^\s{}",]++|"', re.DOTALL)


def tokenize(text: str) -> list[str]:
    """The tokens of ``.nfg`` text, as written: one regular-expression pass.

    What reading a file costs at least; ``benchmarks/bench_read_files.py``
    compares the reader with it.

    Examples
    --------
    >>> tokenize('NFG 1 R "a b" { "1" "2" } { 2 2 }')
    ['NFG', '1', 'R', '"a b"', '{', '"1"', '"2"', '}', '{', '2', '2', '}']
    """
    return _TOKENS.findall(text)


def _plain_number(text: str) -> Number:
    """The value of a plain literal (``-3``, ``0.25``, ``3/4``, ``1e-5``), as :func:`parse_number` gives it.

    Examples
    --------
    >>> _plain_number("0.250"), _plain_number("-6/4"), _plain_number("2.0")
    (Fraction(1, 4), Fraction(-3, 2), 2)
    """
    if "e" in text or "E" in text:
        return parse_number(text)
    if "/" in text:
        top, _, bottom = text.partition("/")
        value = Fraction(int(top), int(bottom))
    elif "." in text:
        whole, _, frac = text.partition(".")
        value = Fraction(int(whole + frac), 10 ** len(frac))
    else:
        return int(text)
    return int(value.numerator) if value.denominator == 1 else value


class _PlainBody:
    """A payoff body of plain literals: floats in bulk now, the exact values when asked for."""

    def __init__(self, parts: list[str], ratios: bool):
        self.parts = parts
        self.ratios = ratios  # whether some literal is a fraction a/b

    def floats(self) -> np.ndarray:
        """Each literal's correctly rounded float, as ``float(Fraction(literal))`` gives it."""
        # Decimal text is read by Python's correctly rounded float(), in one call for all of it;
        # int / int is correctly rounded too.
        if not self.ratios:
            values = np.array(self.parts, dtype=np.float64)
        else:
            values = np.array(
                [
                    float(p)
                    if "/" not in p
                    else int(p.partition("/")[0]) / int(p.partition("/")[2])
                    for p in self.parts
                ],
                dtype=np.float64,
            )
        return values + 0.0  # no negative zeros, as from a Fraction

    def exact(self, n: int, shape: tuple[int, ...]) -> Callable[[], np.ndarray]:
        """A function that makes the payoffs' Fractions, one array per player, stacked."""

        def make() -> np.ndarray:
            arrays = _player_arrays([_plain_number(p) for p in self.parts], n, shape)
            return to_fraction_array(np.stack([a.astype(object) for a in arrays]))

        return make


def _count(k: int, noun: str) -> str:
    return f"{k} {noun}" if k == 1 else f"{k} {noun}s"


def make_labels_distinct(labels: list[str]) -> list[str]:
    """Make repeated labels distinct by a numeric suffix, as Gambit does (``x_1``, ``x_2``)."""
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    used = {label for label in labels if counts[label] == 1}
    out = []
    seen: dict[str, int] = {}
    for label in labels:
        if counts[label] == 1:
            out.append(label)
            continue
        k = seen.get(label, 0)
        while True:
            k += 1
            candidate = f"{label}_{k}"
            if candidate not in used:
                break
        seen[label] = k
        used.add(candidate)
        out.append(candidate)
    return out


def _player_arrays(
    values: list[Number] | np.ndarray, n: int, shape: tuple[int, ...]
) -> list[np.ndarray]:
    """Split the flat file order (first player fastest, players innermost) into arrays."""
    table: np.ndarray
    if isinstance(values, np.ndarray):
        table = values
    elif all(type(v) is int and -(2**62) < v < 2**62 for v in values):
        table = np.array(values, dtype=np.int64)
    else:
        table = np.empty(len(values), dtype=object)
        table[:] = values
    table = table.reshape(-1, n)
    return [table[:, i].reshape(shape, order="F") for i in range(n)]


def parse_nfg(text: str, path: str | None = None) -> NormalFormGame:
    """Read a game from the text of a ``.nfg`` file.

    Parameters
    ----------
    text
        The file's contents.
    path
        The file name used in error messages.

    Returns
    -------
    NormalFormGame
        With the file's title, player and strategy labels and exact payoffs;
        the file's comment is kept as the game's ``description`` attribute.

    Raises
    ------
    FileFormatError
        A malformed file; the message names the path and the line.

    Examples
    --------
    The outcome version, with outcome 0 the null outcome:

    >>> game = parse_nfg('''NFG 1 R "Coordination" { "A" "B" } { 2 2 }
    ... { { "match" 1, 1 } }
    ... 1 0 0 1''')
    >>> game.strategies
    (('1', '2'), ('1', '2'))
    >>> game.payoff_arrays()[1]
    array([[1., 0.],
           [0., 1.]])
    >>> parse_nfg('NFG 1 R "t" { "A" "B" } { 2 2 }\\n1 2 3 nan 5 6 7 8')
    Traceback (most recent call last):
    ...
    gametheory_alliances.errors.FileFormatError: line 2: a payoff 'nan' is not a finite number
    """
    if not isinstance(text, str):
        raise FileFormatError(f"expected the text of a .nfg file, found {type(text).__name__}")
    if text.startswith("\ufeff"):
        text = text[1:]
    return _Reader(text, path).parse()


def read_nfg(source: str | os.PathLike[str]) -> NormalFormGame:
    """Read a game from a ``.nfg`` file, or from the file's text.

    Parameters
    ----------
    source
        A path, or the text itself (a string that starts with the word
        ``NFG`` and holds a ``{`` or a line break is taken as text).

    Returns
    -------
    NormalFormGame

    Raises
    ------
    FileFormatError
        A malformed file, or a file that is not UTF-8 text (the message names
        the path and the line).
    OSError
        A file that cannot be read.

    Examples
    --------
    >>> read_nfg('NFG 1 R "Pennies" { "Even" "Odd" } { 2 2 } 1 -1 -1 1 -1 1 1 -1').title
    'Pennies'
    """
    if (
        isinstance(source, str)
        and re.match(r"\s*NFG\s", source)
        and ("{" in source or "\n" in source)
    ):
        return parse_nfg(source)
    path = Path(source)
    if stat.S_ISREG(path.stat().st_mode) and path.stat().st_size <= MAX_FILE_BYTES:
        data = path.read_bytes()
    else:
        # Bounded: a device (st_size 0) or an oversized file must not be read whole.
        with path.open("rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise FileFormatError(
            f"larger than the limit of {MAX_FILE_BYTES} bytes for a game file", path=str(source)
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise FileFormatError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x})", path=str(source), line=line
        ) from None
    return parse_nfg(text, path=str(source))


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _number_text(value: Any, exact: bool) -> str:
    if exact:
        return str(value)
    text = repr(float(value))
    if text.endswith(".0"):
        text = text[:-2]
    return text.replace("e+", "e")


def write_nfg(
    game: NormalFormGame,
    path: str | os.PathLike[str] | None = None,
    *,
    form: Literal["payoff", "outcome"] = "payoff",
    comment: str | None = None,
) -> str:
    """Write a numeric game in Gambit's ``.nfg`` format.

    Parameters
    ----------
    game
        A numeric :class:`NormalFormGame` (bind parameters with ``game.at`` first).
    path
        If given, the text is also written to this file.
    form
        ``"payoff"`` (default): the payoff version with strategy labels.
        ``"outcome"``: the outcome version, one outcome per distinct payoff vector.
    comment
        The file's comment (default: the game's ``description`` attribute, if any).

    Returns
    -------
    str
        The file's text. Rational payoffs are written exactly (``3/4``),
        floating-point payoffs by their shortest round-trip decimal.

    Raises
    ------
    GameError
        A symbolic game, a payoff beyond 1e300 in magnitude, or an unknown ``form``.

    Examples
    --------
    >>> from gametheory_alliances import NormalFormGame
    >>> pennies = NormalFormGame([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]], title="Pennies")
    >>> print(write_nfg(pennies, form="outcome"))
    NFG 1 R "Pennies" { "Row" "Column" }
    { { "1" "2" }
      { "1" "2" }
    }
    ""
    <BLANKLINE>
    {
      { "" 1, -1 }
      { "" -1, 1 }
    }
    1 2 2 1
    <BLANKLINE>
    """
    if not isinstance(game, NormalFormGame):
        raise GameError(f"write_nfg: expected a NormalFormGame, found {type(game).__name__}")
    if not game.is_numeric:
        raise GameError(
            f"write_nfg: the game has unbound parameters {', '.join(game.free_parameters)}; "
            "bind them with game.at(...) first"
        )
    if form not in ("payoff", "outcome"):
        raise GameError(f"write_nfg: form must be 'payoff' or 'outcome', found {form!r}")
    if comment is None:
        comment = str(getattr(game, "description", "") or "")
    exact = game.is_exact
    arrays = game.payoff_arrays(exact=exact)
    if any(np.any(np.abs(a) >= 1e300) for a in game.payoff_arrays()):
        raise GameError(
            "write_nfg: a payoff is larger in magnitude than 1e300, which the reader refuses"
        )
    columns = [[_number_text(v, exact) for v in a.reshape(-1, order="F").tolist()] for a in arrays]
    rows: list[tuple[str, ...]] = list(zip(*columns, strict=True))
    lines = [
        f"NFG 1 R {_quote(game.title)} {{ {' '.join(_quote(p) for p in game.players)} }}",
        "{ "
        + "\n  ".join(
            "{ " + " ".join(_quote(s) for s in labels) + " }" for labels in game.strategies
        ),
        "}",
        _quote(comment),
        "",
    ]
    if form == "payoff":
        lines += [" ".join(row) for row in rows]
    else:
        numbers: dict[tuple[str, ...], int] = {}
        for row in rows:
            numbers.setdefault(row, len(numbers) + 1)
        lines.append("{")
        lines += ['  { "" ' + ", ".join(row) + " }" for row in numbers]
        lines.append("}")
        lines.append(" ".join(str(numbers[row]) for row in rows))
    text = "\n".join(lines) + "\n"
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text
