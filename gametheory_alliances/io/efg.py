"""Gambit extensive-form files (``.efg``): read and write sequential games.

The format (Gambit's documentation, "Game representation formats") is a
header ``EFG 2 R "title" { "Player 1" "Player 2" }``, an optional comment
string, then the nodes in preorder, one per line by convention:

* ``p "name" player infoset "infoset name" { "action" ... } outcome``: a
  personal move; nodes with the same player and information set number
  form one information set (the action list may be left out after its
  first appearance);
* ``c "name" infoset "infoset name" { "outcome" probability ... } outcome``:
  a chance move, probabilities as integers, fractions (``1/3``) or decimals;
* ``t "name" outcome "outcome name" { payoff, payoff ... }``: a terminal node.

An outcome number of 0 means no outcome; the first mention of an outcome
number gives its name and payoffs, and later mentions may repeat them or
leave them out. Outcomes attached to non-terminal nodes add their payoffs to
every play through the node, as Gambit reads them. Payoffs and
probabilities are kept exact (decimals as the fractions they denote).

Labels are made distinct as Gambit makes them: repeated or empty action
labels of a move get a suffix (``x_1``, ``x_2``, ``_1``), repeated player
names too, and an empty player name becomes ``Player k``. Number literals
follow :func:`~gametheory_alliances.io.nfg.parse_number` (its limits on
length, exponent and magnitude included). Games without perfect recall
(forgetful or absent-minded players) are refused with a
:class:`~gametheory_alliances.errors.FileFormatError`: the toolkit's
solvers need perfect recall.

Examples
--------
>>> from gametheory_alliances.io.efg import parse_efg, write_efg
>>> game = parse_efg('''EFG 2 R "Entry" { "Entrant" "Incumbent" }
... ""
... p "" 1 1 "" { "Stay out" "Enter" } 0
... t "" 1 "Out" { 1, 5 }
... p "" 2 1 "" { "Fight" "Acquiesce" } 0
... t "" 2 "War" { 0, 0 }
... t "" 3 "Peace" { 2, 2 }
... ''')
>>> game
SequentialGame('Entry', players=('Entrant', 'Incumbent'), nodes=5, infosets=2)
>>> print(write_efg(game))
EFG 2 R "Entry" { "Entrant" "Incumbent" }
""
<BLANKLINE>
p "" 1 1 "" { "Stay out" "Enter" } 0
t "" 1 "Out" { 1, 5 }
p "" 2 1 "" { "Fight" "Acquiesce" } 0
t "" 2 "War" { 0, 0 }
t "" 3 "Peace" { 2, 2 }
<BLANKLINE>
"""

from __future__ import annotations

import itertools
import os
import re
from collections import Counter
from collections.abc import Hashable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import FileFormatError, GameError
from ..sequential import SequentialGame
from ..tree_table import CHANCE, DECISION, TERMINAL, TreeTable
from .nfg import MAX_FILE_BYTES, make_labels_distinct, parse_number

if TYPE_CHECKING:
    import sympy

__all__ = ["MAX_DEPTH", "parse_efg", "read_efg", "tokenize", "write_efg"]

MAX_DEPTH = 200
"""Most moves on one path from the root: the reader and the solvers recurse along paths."""

# One token: a quoted string, a brace, a word, or a lone quote (an unterminated string).
# Commas are separators, like white space.
_TOKEN = re.compile(r'"(?:[^"\\]++|\\.)*+"|[{}]|[^\s{},"]++|"', re.DOTALL)
_UNESCAPE = re.compile(r"\\(.)", re.DOTALL)
# Number literals checked in bulk: plain integers and decimals, well inside parse_number's
# limits of length and magnitude (anything else is checked one by one by parse_number).
# Possessive throughout: what follows a literal is never a digit, so nothing is given back,
# and a long body is scanned once.
_PLAIN = r"[+-]?+[0-9]{1,200}+(?:\.[0-9]{1,200}+)?+(?:[eE][+-]?+[0-9]{1,2}+)?+"
_PLAIN_NUMBER = re.compile(_PLAIN)
_PLAIN_LINES = re.compile(rf"(?:{_PLAIN}\n)*+{_PLAIN}")


def tokenize(text: str) -> list[str]:
    """The tokens of ``.efg`` text, as written (strings keep their quotes).

    One regular-expression pass over the text: what reading a file costs at
    least (``benchmarks/bench_read_files.py`` compares the reader with it).

    Examples
    --------
    >>> tokenize('t "a b" 1 "" { 1, 2 }')
    ['t', '"a b"', '1', '""', '{', '1', '2', '}']
    """
    return _TOKEN.findall(text)


def _shown(tok: str) -> str:
    """A token as error messages show it (a string without its quotes, unescaped)."""
    if tok[:1] == '"' and len(tok) > 1:
        inner = tok[1:-1]
        return _UNESCAPE.sub(r"\1", inner) if "\\" in inner else inner
    return tok


def _is_word(tok: str) -> bool:
    return tok[0] != '"' and tok != "{" and tok != "}"


class _Reader:
    """A cursor over the tokens; payoff literals are checked in bulk, errors keep their order."""

    def __init__(self, text: str, tokens: list[str], path: str | None) -> None:
        self.text = text
        self.tokens = tokens
        self.pos = 0
        self.path = path
        self.numbers: list[str] = []  # payoff literals, in file order
        self.number_at: list[int] = []  # the token index of each
        self.checked = 0  # how many of them are known to be numbers

    def line(self, index: int) -> int:
        """The line of token ``index`` (the last token's beyond the end; found again on error)."""
        if not self.tokens:
            return 1
        index = min(index, len(self.tokens) - 1)
        for k, m in enumerate(_TOKEN.finditer(self.text)):
            if k == index:
                return self.text.count("\n", 0, m.start()) + 1
        return 1  # pragma: no cover - the same expression found the tokens

    def check_numbers(self) -> None:
        """Raise the error of the first payoff literal read so far that is not a number."""
        start = self.checked
        pending = self.numbers[start:]
        self.checked = len(self.numbers)
        if not pending or _PLAIN_LINES.fullmatch("\n".join(pending)):
            return
        for j, literal in enumerate(pending):
            if not _PLAIN_NUMBER.fullmatch(literal):
                try:
                    parse_number(literal, "a payoff")
                except ValueError as exc:
                    line = self.line(self.number_at[start + j])
                    raise FileFormatError(str(exc), path=self.path, line=line) from None

    def fail(self, message: str, index: int | None = None) -> FileFormatError:
        # A bad payoff earlier in the file is reported first, as a reader going token by
        # token would.
        self.check_numbers()
        return FileFormatError(
            message, path=self.path, line=self.line(self.pos if index is None else index)
        )

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def next(self, what: str) -> str:
        tok = self.peek()
        if tok is None:
            raise self.fail(f"unexpected end of file: expected {what}")
        self.pos += 1
        return tok

    def string(self, what: str) -> str:
        tok = self.next(what)
        if tok[0] != '"':
            raise self.fail(
                f"expected {what} (a quoted string), found {_shown(tok)!r}", self.pos - 1
            )
        return _shown(tok)

    def integer(self, what: str) -> int:
        tok = self.next(what)
        if not (tok.isdecimal() and tok[0] != '"'):
            raise self.fail(
                f"expected {what} (a non-negative integer), found {_shown(tok)!r}", self.pos - 1
            )
        return int(tok)

    def number(self, what: str) -> Fraction:
        tok = self.next(what)
        if not _is_word(tok):
            raise self.fail(f"expected {what} (a number), found {_shown(tok)!r}", self.pos - 1)
        try:
            return Fraction(parse_number(tok, what))
        except ValueError as exc:
            raise self.fail(str(exc), self.pos - 1) from None

    def literal(self, what: str) -> str:
        """A payoff literal, checked later with the others (:meth:`check_numbers`)."""
        tok = self.next(what)
        if not _is_word(tok):
            raise self.fail(f"expected {what} (a number), found {_shown(tok)!r}", self.pos - 1)
        self.numbers.append(tok)
        self.number_at.append(self.pos - 1)
        return tok

    def brace(self, which: str, what: str) -> None:
        tok = self.next(what)
        if tok != which:
            raise self.fail(
                f"expected '{which}' to open {what}, found {_shown(tok)!r}", self.pos - 1
            )

    def at_brace(self, which: str) -> bool:
        return self.peek() == which


def _same_payoffs(one: Sequence[str | Fraction], other: Sequence[str | Fraction]) -> bool:
    if list(one) == list(other):
        return True
    return [Fraction(parse_number(v) if isinstance(v, str) else v) for v in one] == [
        Fraction(parse_number(v) if isinstance(v, str) else v) for v in other
    ]


def _float_payoffs(rows: list[tuple[str | Fraction, ...]], n: int) -> np.ndarray:
    """The payoff rows as a float array, converted in bulk where they are plain literals."""
    flat = list(itertools.chain.from_iterable(rows))
    if not flat:
        return np.zeros((0, n))
    if all(isinstance(v, str) for v in flat) and _PLAIN_LINES.fullmatch("\n".join(flat)):  # type: ignore[arg-type]
        values = np.array(flat, dtype=np.float64)
    else:
        values = np.array(
            [
                float(v)
                if not isinstance(v, str)
                else float(v)
                if _PLAIN_NUMBER.fullmatch(v)
                else float(parse_number(v))
                for v in flat
            ],
            dtype=np.float64,
        )
    return values.reshape(len(rows), n)


def parse_efg(text: str, path: str | None = None) -> SequentialGame:
    """Read a game from the text of a Gambit ``.efg`` file.

    The game is held as arrays
    (:meth:`~gametheory_alliances.sequential.SequentialGame.from_table`):
    payoffs as floats with their exact values as written, node objects built
    only when something walks them.

    Parameters
    ----------
    text
        The file's contents.
    path
        The file name, used in error messages.

    Raises
    ------
    FileFormatError
        Malformed files, with the line of the problem.
    """
    tokens = tokenize(text)
    if '"' in tokens:
        reader = _Reader(text, tokens, path)
        raise FileFormatError(
            "unterminated quoted string", path=path, line=reader.line(tokens.index('"'))
        )
    reader = _Reader(text, tokens, path)
    tok = reader.next("the header 'EFG 2 R'")
    if tok != "EFG":
        raise reader.fail(f"expected the header 'EFG 2 R', found {_shown(tok)!r}", 0)
    version = reader.next("the format version 2")
    if version != "2":
        raise reader.fail(f"expected format version 2, found {_shown(version)!r}", 1)
    kind = reader.next("R or D")
    if kind not in ("R", "D"):
        raise reader.fail(f"expected R (rational) or D (decimal), found {_shown(kind)!r}", 2)
    title = reader.string("the title")
    reader.brace("{", "the list of players")
    players: list[str] = []
    while not reader.at_brace("}"):
        players.append(reader.string("a player name"))
    reader.next("'}'")
    if not players:
        raise reader.fail("the game has no players")
    players = make_labels_distinct([name or f"Player {i + 1}" for i, name in enumerate(players)])
    description = ""
    nxt = reader.peek()
    if nxt is not None and nxt[0] == '"':
        description = reader.string("the comment")
    n = len(players)
    outcomes: dict[int, tuple[str, tuple[str | Fraction, ...]]] = {}
    infoset_actions: dict[tuple[int, int], tuple[tuple[str, ...], tuple[Fraction, ...] | None]] = {}
    infoset_names: dict[tuple[int, int], str] = {}

    def outcome(at: int, number: int) -> tuple[str | Fraction, ...] | None:
        if number == 0:
            return None
        peek = reader.peek()
        if peek is not None and peek[0] == '"':
            name = reader.string("the outcome name")
            pay: tuple[str | Fraction, ...]
            if reader.at_brace("{"):
                reader.pos += 1
                got = []
                while not reader.at_brace("}"):
                    got.append(reader.literal("a payoff"))
                reader.pos += 1
                pay = tuple(got)
                if len(pay) != n:
                    raise reader.fail(
                        f"outcome {number} has {len(pay)} payoffs, expected {n} (one per player)",
                        at,
                    )
            elif number in outcomes:
                pay = outcomes[number][1]
            else:
                raise reader.fail(f"outcome {number} {name!r} has no payoffs", at)
            if number in outcomes:
                reader.check_numbers()
                if not _same_payoffs(outcomes[number][1], pay):
                    raise reader.fail(
                        f"outcome {number} is given different payoffs than before", at
                    )
            outcomes[number] = (name, pay)
            return pay
        if number not in outcomes:
            raise reader.fail(f"outcome {number} is used before its name and payoffs are given", at)
        return outcomes[number][1]

    def add(
        inherited: tuple[str | Fraction, ...] | None, pay: tuple[str | Fraction, ...] | None
    ) -> tuple[str | Fraction, ...] | None:
        """Payoffs of an outcome on the way down added to those below it (exactly)."""
        if inherited is None:
            return pay
        if pay is None:
            return inherited
        reader.check_numbers()
        return tuple(
            Fraction(parse_number(a) if isinstance(a, str) else a)
            + Fraction(parse_number(b) if isinstance(b, str) else b)
            for a, b in zip(inherited, pay, strict=True)
        )

    kinds: list[int] = []
    parents: list[int] = []
    depths: list[int] = []
    movers: list[int] = []
    labels: list[str] = []
    actions_of: list[tuple[str, ...]] = []
    sets: list[tuple[int, int] | None] = []
    rows: list[tuple[str | Fraction, ...]] = []
    probs_of: dict[int, tuple[Fraction, ...]] = {}
    zero: tuple[str | Fraction, ...] = ("0",) * n

    if reader.peek() is None:
        raise reader.fail("the file has no nodes")
    # Preorder without recursion: each frame is a move whose children are still to come
    # ([node, children left, their depth, payoffs inherited from outcomes above]).
    frames: list[list[Any]] = []
    acts: tuple[str, ...]
    key: tuple[int, int]
    parent, depth, inherited = -1, 0, None
    tokens_count = len(tokens)
    while True:
        at = reader.pos
        if depth > MAX_DEPTH:
            raise reader.fail(f"the tree is nested more than MAX_DEPTH = {MAX_DEPTH} moves deep")
        # The common lines take a fast path: a terminal node with a new outcome, a move of
        # a new information set without an outcome. Anything else, errors included, goes
        # the general way from the same token.
        head = tokens[at] if at < tokens_count else None
        fast = False
        if head == "t" and inherited is None and at + 5 + n < tokens_count:
            end = at + 5 + n
            label, num, name = tokens[at + 1], tokens[at + 2], tokens[at + 3]
            if (
                label[0] == '"'
                and name[0] == '"'
                and num.isdecimal()
                and tokens[at + 4] == "{"
                and tokens[end] == "}"
                and "\\" not in label
                and "\\" not in name
            ):
                number = int(num)
                pay = tuple(tokens[at + 5 : end])
                joined = "".join(pay)  # words hold no quote or brace
                if (
                    number
                    and number not in outcomes
                    and '"' not in joined
                    and "{" not in joined
                    and "}" not in joined
                ):
                    fast = True
                    reader.numbers.extend(pay)
                    reader.number_at.extend(range(at + 5, end))
                    outcomes[number] = (name[1:-1], pay)
                    kinds.append(TERMINAL)
                    parents.append(parent)
                    depths.append(depth)
                    movers.append(-1)
                    labels.append(label[1:-1] or name[1:-1])
                    actions_of.append(())
                    sets.append(None)
                    rows.append(pay)
                    reader.pos = end + 1
        elif head == "p" and at + 6 < tokens_count:
            label, player_tok, set_tok, name, brace = tokens[at + 1 : at + 6]
            if (
                brace == "{"
                and label[0] == '"'
                and name[0] == '"'
                and player_tok.isdecimal()
                and set_tok.isdecimal()
                and "\\" not in label
                and "\\" not in name
            ):
                player = int(player_tok)
                key = (player, int(set_tok))
                j = at + 6
                while j < tokens_count and tokens[j][0] == '"':
                    j += 1
                quoted = tokens[at + 6 : j]
                if (
                    1 <= player <= n
                    and key not in infoset_actions
                    and quoted
                    and j + 1 < tokens_count
                    and tokens[j] == "}"
                    and tokens[j + 1] == "0"
                    and '""' not in quoted
                    and len(set(quoted)) == len(quoted)
                    and "\\" not in "".join(quoted)
                ):
                    got = [t[1:-1] for t in quoted]
                    fast = True
                    acts = tuple(got)
                    infoset_actions[key] = (acts, None)
                    if name != '""':
                        infoset_names.setdefault(key, name[1:-1])
                    me = len(kinds)
                    kinds.append(DECISION)
                    parents.append(parent)
                    depths.append(depth)
                    movers.append(player - 1)
                    labels.append(label[1:-1])
                    actions_of.append(acts)
                    sets.append(key)
                    frames.append([me, len(acts), depth + 1, inherited])
                    reader.pos = j + 2
        if not fast:
            tok = reader.next("a node (p, c or t)")
            if tok not in ("p", "c", "t"):
                raise reader.fail(f"expected a node type p, c or t, found {_shown(tok)!r}", at)
            label = reader.string("the node name")
            me = len(kinds)
            if tok == "t":
                num_at = reader.pos
                number = reader.integer("the outcome number")
                total = add(inherited, outcome(num_at, number))
                kinds.append(TERMINAL)
                parents.append(parent)
                depths.append(depth)
                movers.append(-1)
                labels.append(label or (outcomes[number][0] if number else ""))
                actions_of.append(())
                sets.append(None)
                rows.append(total if total is not None else zero)
            else:
                player = 0
                if tok == "p":
                    player_at = reader.pos
                    player = reader.integer("the player number")
                    if not 1 <= player <= n:
                        raise reader.fail(
                            f"player number {player} is not between 1 and {n}", player_at
                        )
                set_at = reader.pos
                infoset = reader.integer("the information set number")
                key = (player, infoset)
                name = ""
                peek = reader.peek()
                if peek is not None and peek[0] == '"':
                    name = reader.string("the information set name")
                probs: tuple[Fraction, ...] | None
                if reader.at_brace("{"):
                    reader.pos += 1
                    got_actions: list[str] = []
                    got_probs: list[Fraction] = []
                    while not reader.at_brace("}"):
                        got_actions.append(reader.string("an action name"))
                        if tok == "c":
                            got_probs.append(reader.number("a chance probability"))
                    reader.next("'}'")
                    if not got_actions:
                        raise reader.fail("a move needs at least one action", set_at)
                    # As Gambit does, repeated or empty action labels of a move are made distinct.
                    acts = tuple(_action_labels(got_actions))
                    probs = tuple(got_probs) if tok == "c" else None
                    if key in infoset_actions:
                        old_actions, old_probs = infoset_actions[key]
                        if old_actions != acts or (probs is not None and old_probs != probs):
                            raise reader.fail(
                                f"information set {infoset} is given different actions than before: "
                                f"{list(acts)}, first {list(old_actions)}",
                                set_at,
                            )
                        acts = old_actions  # one tuple shared by the set's nodes
                    else:
                        infoset_actions[key] = (acts, probs)
                elif key in infoset_actions:
                    acts, probs = infoset_actions[key]
                else:
                    raise reader.fail(
                        f"information set {infoset} appears for the first time without its actions",
                        set_at,
                    )
                if name:
                    infoset_names.setdefault(key, name)
                num_at = reader.pos
                number = reader.integer("the outcome number")
                kinds.append(DECISION if tok == "p" else CHANCE)
                parents.append(parent)
                depths.append(depth)
                movers.append(player - 1)
                labels.append(label)
                actions_of.append(acts)
                sets.append(key if tok == "p" else None)
                if probs is not None:
                    probs_of[me] = probs
                frames.append([me, len(acts), depth + 1, add(inherited, outcome(num_at, number))])
        while frames and not frames[-1][1]:
            frames.pop()
        if not frames:
            break
        frame = frames[-1]
        frame[1] -= 1
        parent, depth, inherited = frame[0], frame[2], frame[3]
    if reader.pos < tokens_count:
        raise reader.fail(f"unexpected text after the last node: {_shown(tokens[reader.pos])!r}")
    reader.check_numbers()

    sizes: dict[tuple[int, int], int] = {}
    for pair in sets:
        if pair is not None:
            sizes[pair] = sizes.get(pair, 0) + 1
    keys = _infoset_keys(infoset_names, sizes)
    infoset_keys: list[Hashable | None] | None = None
    if keys:
        infoset_keys = [None if pair is None else keys.get(pair) for pair in sets]
    table = TreeTable(
        kind=np.array(kinds, dtype=np.int8),
        parent=np.array(parents, dtype=np.int64),
        depth=np.array(depths, dtype=np.int64),
        mover=np.array(movers, dtype=np.int64),
        labels=labels,
        actions=actions_of,
        infoset_keys=infoset_keys,
        payoffs=_float_payoffs(rows, n),
        exact=rows,
        probs=probs_of,
    )
    # The layout the vectorised solvers walk, made while reading (a small part of it).
    table.levels()
    _ = table.n_children, table.terminal_row, table.decision_nodes
    try:
        return SequentialGame.from_table(table, players, title=title, description=description)
    except FileFormatError:
        raise
    except GameError as exc:
        raise FileFormatError(str(exc), path=path) from None


def _action_labels(labels: list[str]) -> list[str]:
    """The labels of a move made distinct and non-empty, as Gambit makes them.

    A repeated label gets a suffix at every occurrence (``x_1``, ``x_2``) and an
    empty one always does (``_1``), skipping suffixed labels already in use.
    """
    counts = Counter(labels)
    used = set(labels)
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        if counts[label] == 1 and label:
            out.append(label)
            continue
        while True:
            seen[label] = seen.get(label, 0) + 1
            candidate = f"{label}_{seen[label]}"
            if candidate not in used:
                break
        used.add(candidate)
        out.append(candidate)
    return out


def _infoset_keys(
    names: dict[tuple[int, int], str], sizes: dict[tuple[int, int], int]
) -> dict[tuple[int, int], str]:
    """The key of each (player, number) information set of the file.

    An information set is keyed by its name where the name tells it apart from
    the player's other sets, else by its number; a set of one node without a
    distinct name needs no key. Keys that would still coincide (a set named
    ``"2"`` beside an unnamed set numbered 2) get the number appended, so two
    sets of the file are never merged into one.
    """
    per_player: dict[int, list[str]] = {}
    for (player, _), name in names.items():
        per_player.setdefault(player, []).append(name)
    keys: dict[tuple[int, int], str] = {}
    for key, size in sizes.items():
        name = names.get(key, "")
        if name and per_player[key[0]].count(name) == 1:
            keys[key] = name
        elif size > 1:
            keys[key] = str(key[1])
    taken: dict[tuple[int, str], int] = {}
    for (player, _), text in keys.items():
        taken[(player, text)] = taken.get((player, text), 0) + 1
    for (player, number), text in list(keys.items()):
        if taken[(player, text)] > 1:
            keys[(player, number)] = f"{text} (information set {number})"
    return keys


def read_efg(path: str | os.PathLike[str]) -> SequentialGame:
    """Read a Gambit ``.efg`` file.

    Raises
    ------
    FileFormatError
        Malformed files, with the line of the problem.
    """
    name = os.fspath(path)
    try:
        with open(name, encoding="utf-8") as f:
            # Bounded: a device or a runaway file must not be read into memory whole.
            text = f.read(MAX_FILE_BYTES + 1)
        if len(text) > MAX_FILE_BYTES:
            raise FileFormatError(
                f"larger than the limit of {MAX_FILE_BYTES} characters for a game file", path=name
            )
    except UnicodeDecodeError as exc:
        raise FileFormatError(f"not a text file ({exc.reason})", path=name) from None
    return parse_efg(text, name)


def _quote(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _num(e: sympy.Expr | Fraction | int) -> str:
    if isinstance(e, Fraction | int):
        return str(Fraction(e))
    import sympy

    if isinstance(e, sympy.Rational):
        return str(Fraction(int(e.p), int(e.q)))
    return repr(float(e))


def write_efg(game: SequentialGame, path: str | os.PathLike[str] | None = None) -> str:
    """The game as Gambit ``.efg`` text; also written to ``path`` when given.

    Information sets are numbered per player in order of first appearance
    and named by their ``infoset`` keys (empty for singletons built without
    one); each terminal node gets its own outcome, named by the node's label
    or ``Outcome k``. Rational numbers are written exactly.

    Raises
    ------
    SolverError
        If the game has unbound parameters (Gambit files hold numbers).
    """
    game.require_numeric()
    lines = [
        "EFG 2 R "
        + _quote(game.title or "Untitled extensive game")
        + " { "
        + " ".join(_quote(p) for p in game.players)
        + " }",
        _quote(game.description),
        "",
    ]
    numbers: dict[int, int] = {}
    count = [0] * game.n_players
    for h, info in enumerate(game.infosets):
        count[info.player] += 1
        numbers[h] = count[info.player]
    chance_number = 0
    outcome_number = 0
    used: set[str] = set()
    for nd in game.nodes:
        if nd.kind == "terminal":
            outcome_number += 1
            name = nd.label or f"Outcome {outcome_number}"
            base, k = name, 2
            while name in used:
                name = f"{base} ({k})"
                k += 1
            used.add(name)
            lines.append(
                f"t {_quote('')} {outcome_number} {_quote(name)} "
                "{ " + ", ".join(_num(v) for v in nd.payoffs) + " }"
            )
        elif nd.kind == "chance":
            chance_number += 1
            moves = " ".join(
                f"{_quote(a)} {_num(p)}" for a, p in zip(nd.actions, nd.probs, strict=True)
            )
            lines.append(f"c {_quote(nd.label)} {chance_number} {_quote('')} {{ {moves} }} 0")
        else:
            info = game.infosets[nd.infoset]
            name = "" if info.key is None else str(info.key)
            acts = " ".join(_quote(a) for a in nd.actions)
            lines.append(
                f"p {_quote(nd.label)} {nd.player + 1} {numbers[nd.infoset]} {_quote(name)} "
                f"{{ {acts} }} 0"
            )
    text = "\n".join(lines) + "\n"
    if path is not None:
        with open(os.fspath(path), "w", encoding="utf-8") as f:
            f.write(text)
    return text
