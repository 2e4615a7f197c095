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

import os
import re
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from ..errors import FileFormatError, GameError
from ..sequential import Chance, Decision, SequentialGame, Terminal
from .nfg import MAX_FILE_BYTES, make_labels_distinct, parse_number

__all__ = ["MAX_DEPTH", "parse_efg", "read_efg", "write_efg"]

MAX_DEPTH = 200
"""Most moves on one path from the root: the reader and the solvers recurse along paths."""

_TOKEN = re.compile(
    r'"(?P<str>(?:[^"\\]|\\.)*)"|(?P<brace>[{}])|(?P<comma>,)|(?P<word>[^\s{},"]+)|(?P<bad>")',
    re.DOTALL,
)


@dataclass
class _Tok:
    kind: str  # "str", "brace", "word"
    text: str
    line: int


def _tokenize(text: str, path: str | None) -> list[_Tok]:
    out = []
    pos = 0
    line = 1
    while True:
        m = re.compile(r"\s*").match(text, pos)
        assert m is not None
        line += text.count("\n", pos, m.end())
        pos = m.end()
        if pos >= len(text):
            break
        m = _TOKEN.match(text, pos)
        if m is None or m.lastgroup == "bad":
            raise FileFormatError("unterminated quoted string", path=path, line=line)
        if m.lastgroup == "str":
            value = re.sub(r"\\(.)", r"\1", m.group("str"))
            out.append(_Tok("str", value, line))
        elif m.lastgroup == "brace":
            out.append(_Tok("brace", m.group("brace"), line))
        elif m.lastgroup == "word":
            out.append(_Tok("word", m.group("word"), line))
        line += text.count("\n", pos, m.end())
        pos = m.end()
    return out


class _Reader:
    def __init__(self, tokens: list[_Tok], path: str | None) -> None:
        self.tokens = tokens
        self.pos = 0
        self.path = path

    def fail(self, message: str, tok: _Tok | None = None) -> FileFormatError:
        if tok is None:
            tok = self.tokens[self.pos] if self.pos < len(self.tokens) else None
        line = tok.line if tok is not None else (self.tokens[-1].line if self.tokens else 1)
        return FileFormatError(message, path=self.path, line=line)

    def peek(self) -> _Tok | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def next(self, what: str) -> _Tok:
        tok = self.peek()
        if tok is None:
            raise self.fail(f"unexpected end of file: expected {what}")
        self.pos += 1
        return tok

    def string(self, what: str) -> str:
        tok = self.next(what)
        if tok.kind != "str":
            raise self.fail(f"expected {what} (a quoted string), found {tok.text!r}", tok)
        return tok.text

    def word(self, what: str) -> str:
        tok = self.next(what)
        if tok.kind != "word":
            raise self.fail(f"expected {what}, found {tok.text!r}", tok)
        return tok.text

    def integer(self, what: str) -> int:
        tok = self.next(what)
        if tok.kind != "word" or not re.fullmatch(r"\d+", tok.text):
            raise self.fail(f"expected {what} (a non-negative integer), found {tok.text!r}", tok)
        return int(tok.text)

    def number(self, what: str) -> Fraction:
        tok = self.next(what)
        if tok.kind != "word":
            raise self.fail(f"expected {what} (a number), found {tok.text!r}", tok)
        try:
            return Fraction(parse_number(tok.text, what))
        except ValueError as exc:
            raise self.fail(str(exc), tok) from None

    def brace(self, which: str, what: str) -> None:
        tok = self.next(what)
        if tok.kind != "brace" or tok.text != which:
            raise self.fail(f"expected '{which}' to open {what}, found {tok.text!r}", tok)

    def at_brace(self, which: str) -> bool:
        tok = self.peek()
        return tok is not None and tok.kind == "brace" and tok.text == which


def parse_efg(text: str, path: str | None = None) -> SequentialGame:
    """Read a game from the text of a Gambit ``.efg`` file.

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
    reader = _Reader(_tokenize(text, path), path)
    tok = reader.next("the header 'EFG 2 R'")
    if tok.text != "EFG":
        raise reader.fail(f"expected the header 'EFG 2 R', found {tok.text!r}", tok)
    version = reader.next("the format version 2")
    if version.text != "2":
        raise reader.fail(f"expected format version 2, found {version.text!r}", version)
    kind = reader.next("R or D")
    if kind.text not in ("R", "D"):
        raise reader.fail(f"expected R (rational) or D (decimal), found {kind.text!r}", kind)
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
    if nxt is not None and nxt.kind == "str":
        description = reader.string("the comment")
    n = len(players)
    outcomes: dict[int, tuple[str, list[Fraction]]] = {}
    infoset_actions: dict[tuple[int, int], tuple[list[str], list[Fraction] | None]] = {}
    infoset_names: dict[tuple[int, int], str] = {}

    def outcome(number_tok: _Tok, number: int) -> list[Fraction] | None:
        if number == 0:
            return None
        peek = reader.peek()
        if peek is not None and peek.kind == "str":
            name = reader.string("the outcome name")
            pay: list[Fraction] = []
            if reader.at_brace("{"):
                reader.next("'{'")
                while not reader.at_brace("}"):
                    pay.append(reader.number("a payoff"))
                reader.next("'}'")
                if len(pay) != n:
                    raise reader.fail(
                        f"outcome {number} has {len(pay)} payoffs, expected {n} (one per player)",
                        number_tok,
                    )
            elif number in outcomes:
                pay = outcomes[number][1]
            else:
                raise reader.fail(f"outcome {number} {name!r} has no payoffs", number_tok)
            if number in outcomes and outcomes[number][1] != pay:
                raise reader.fail(
                    f"outcome {number} is given different payoffs than before", number_tok
                )
            outcomes[number] = (name, pay)
            return pay
        if number not in outcomes:
            raise reader.fail(
                f"outcome {number} is used before its name and payoffs are given", number_tok
            )
        return outcomes[number][1]

    def node(depth: int, inherited: list[Fraction]) -> Any:
        if depth > MAX_DEPTH:
            raise reader.fail(
                f"the tree is nested more than MAX_DEPTH = {MAX_DEPTH} moves deep", reader.peek()
            )
        tok = reader.next("a node (p, c or t)")
        if tok.kind != "word" or tok.text not in ("p", "c", "t"):
            raise reader.fail(f"expected a node type p, c or t, found {tok.text!r}", tok)
        label = reader.string("the node name")
        if tok.text == "t":
            num_tok = reader.peek()
            number = reader.integer("the outcome number")
            assert num_tok is not None
            pay = outcome(num_tok, number)
            total = [a + b for a, b in zip(inherited, pay, strict=True)] if pay else inherited
            name = outcomes[number][0] if number else ""
            return ("t", label or name, list(total), tok.line)
        player = 0
        if tok.text == "p":
            ptok = reader.peek()
            player = reader.integer("the player number")
            if not 1 <= player <= n:
                raise reader.fail(f"player number {player} is not between 1 and {n}", ptok)
        itok = reader.peek()
        infoset = reader.integer("the information set number")
        key = (player, infoset)
        name = ""
        peek = reader.peek()
        if peek is not None and peek.kind == "str":
            name = reader.string("the information set name")
        actions: list[str] = []
        probs: list[Fraction] | None = [] if tok.text == "c" else None
        if reader.at_brace("{"):
            reader.next("'{'")
            while not reader.at_brace("}"):
                actions.append(reader.string("an action name"))
                if probs is not None:
                    probs.append(reader.number("a chance probability"))
            reader.next("'}'")
            if not actions:
                raise reader.fail("a move needs at least one action", itok)
            # As Gambit does, repeated or empty action labels of a move are made distinct.
            actions = _action_labels(actions)
            if key in infoset_actions:
                old_actions, old_probs = infoset_actions[key]
                if old_actions != actions or (probs is not None and old_probs != probs):
                    raise reader.fail(
                        f"information set {infoset} is given different actions than before: "
                        f"{actions}, first {old_actions}",
                        itok,
                    )
            else:
                infoset_actions[key] = (actions, probs)
        elif key in infoset_actions:
            actions, probs = infoset_actions[key]
        else:
            raise reader.fail(
                f"information set {infoset} appears for the first time without its actions", itok
            )
        if name:
            infoset_names.setdefault(key, name)
        num_tok = reader.peek()
        number = reader.integer("the outcome number")
        assert num_tok is not None
        pay = outcome(num_tok, number)
        total = [a + b for a, b in zip(inherited, pay, strict=True)] if pay else inherited
        children = [node(depth + 1, total) for _ in actions]
        return (tok.text, label, player, infoset, actions, probs, children, tok.line)

    if reader.peek() is None:
        raise reader.fail("the file has no nodes")
    tree = node(0, [Fraction(0)] * n)
    if reader.peek() is not None:
        raise reader.fail(f"unexpected text after the last node: {reader.peek().text!r}")  # type: ignore[union-attr]

    sizes: dict[tuple[int, int], int] = {}
    stack = [tree]
    while stack:
        t = stack.pop()
        if t[0] == "p":
            sizes[(t[2], t[3])] = sizes.get((t[2], t[3]), 0) + 1
        if t[0] != "t":
            stack.extend(t[6])
    keys = _infoset_keys(infoset_names, sizes)

    def build(t: Any) -> Any:
        if t[0] == "t":
            return Terminal(t[2], t[1])
        _, label, player, infoset, actions, probs, children, _line = t
        subs = [build(c) for c in children]
        if t[0] == "c":
            return Chance({a: (p, s) for a, p, s in zip(actions, probs, subs, strict=True)}, label)
        return Decision(
            player - 1,
            dict(zip(actions, subs, strict=True)),
            keys.get((player, infoset)),
            label,
        )

    try:
        return SequentialGame(build(tree), players=players, title=title, description=description)
    except RecursionError:
        raise FileFormatError("the tree is nested too deeply to be built", path=path) from None
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


def _num(e: sympy.Expr) -> str:
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
