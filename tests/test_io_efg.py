"""Gambit .efg files: reading, writing, round trips, pygambit both ways, malformed files."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pygambit
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_alliances.errors import FileFormatError, SolverError
from gametheory_alliances.io.efg import parse_efg, read_efg, write_efg
from gametheory_alliances.normal_form import NormalFormGame
from gametheory_alliances.sequential import Chance, Decision, SequentialGame, Terminal

GAMES = Path(__file__).resolve().parent.parent / "models" / "games"

HEADER = 'EFG 2 R "t" { "A" "B" }\n""\n'


def signalling_game() -> SequentialGame:
    def receiver(msg: str, good: bool) -> Decision:
        return Decision(
            "Receiver",
            {
                "Trust": [3 if good else 1, 2 if good else -1],
                "Doubt": [0, 0],
            },
            infoset=f"saw {msg}",
        )

    return SequentialGame(
        Chance(
            {
                "Strong": (
                    Fraction(2, 3),
                    Decision(
                        "Sender",
                        {"Signal": receiver("signal", True), "Quiet": receiver("quiet", True)},
                    ),
                ),
                "Weak": (
                    Fraction(1, 3),
                    Decision(
                        "Sender",
                        {"Signal": receiver("signal", False), "Quiet": receiver("quiet", False)},
                    ),
                ),
            }
        ),
        players=["Sender", "Receiver"],
        title="Signalling",
    )


def _reduced_payoffs(game: SequentialGame) -> tuple:
    return tuple(tuple(a.flat) for a in game.to_normal_form().payoff_arrays(exact=True))


@pytest.mark.parametrize("name", sorted(p.name for p in GAMES.glob("*.efg")))
def test_round_trip_of_catalogue_games(name: str) -> None:
    game = read_efg(GAMES / name)
    text = write_efg(game)
    again = parse_efg(text)
    assert write_efg(again) == text
    assert again.players == game.players and again.title == game.title
    assert again.description == game.description != ""
    assert [h.label for h in again.infosets] == [h.label for h in game.infosets]
    assert _reduced_payoffs(again) == _reduced_payoffs(game)


def test_round_trip_keeps_infosets_chance_and_labels(tmp_path: Path) -> None:
    game = signalling_game()
    path = tmp_path / "s.efg"
    text = write_efg(game, path)
    assert path.read_text() == text
    again = read_efg(path)
    assert [h.label for h in again.infosets] == [h.label for h in game.infosets]
    assert [len(h.nodes) for h in again.infosets] == [1, 2, 2, 1]
    assert _reduced_payoffs(again) == _reduced_payoffs(game)


def _gambit_strategic_form(g: pygambit.Game, tmp_path: Path) -> NormalFormGame:
    path = tmp_path / "x.nfg"
    path.write_text(g.to_nfg())
    return NormalFormGame.from_pygambit(pygambit.read_nfg(str(path)))


def test_pygambit_reads_our_files_with_the_same_strategic_form(tmp_path: Path) -> None:
    game = signalling_game()
    path = tmp_path / "s.efg"
    write_efg(game, path)
    g = pygambit.read_efg(str(path))
    assert [p.label for p in g.players] == ["Sender", "Receiver"]
    assert len(g.infosets) == 4  # the personal information sets
    theirs = _gambit_strategic_form(g, tmp_path)
    ours = game.to_normal_form()
    assert theirs.shape == ours.shape
    for a, b in zip(ours.payoff_arrays(exact=True), theirs.payoff_arrays(exact=True), strict=True):
        assert (a == b).all()


def test_we_read_trees_built_in_pygambit(tmp_path: Path) -> None:
    g = pygambit.Game.new_tree(players=["Patron", "Protege"], title="Entrapment")
    g.append_move(g.root, g.players.chance, ["Crisis", "Calm"])
    g.set_chance_probs(g.root.infoset, [pygambit.Rational(1, 4), pygambit.Rational(3, 4)])
    for k, branch in enumerate(g.root.children):
        g.append_move(branch, "Protege", ["Provoke", "Restrain"])
        for j, node in enumerate(branch.children):
            if j == 0:
                g.append_move(node, "Patron", ["Support", "Abandon"])
                for m, leaf in enumerate(node.children):
                    g.set_outcome(leaf, g.add_outcome(f"o{k}{j}{m}", [k - m, 2 - m + k]))
            else:
                g.set_outcome(node, g.add_outcome(f"o{k}{j}", [1, Fraction(1, 2) + k]))
    path = tmp_path / "p.efg"
    path.write_text(g.to_efg())
    game = read_efg(path)
    assert game.players == ("Patron", "Protege")
    assert game.n_nodes == len(list(g.nodes))
    theirs = _gambit_strategic_form(g, tmp_path)
    ours = game.to_normal_form()
    for a, b in zip(ours.payoff_arrays(exact=True), theirs.payoff_arrays(exact=True), strict=True):
        assert (a == b).all()


def test_outcomes_at_inner_nodes_add_to_the_payoffs() -> None:
    game = parse_efg(
        HEADER
        + """
p "" 1 1 "" { "L" "R" } 1 "toll" { 1, -1 }
t "" 2 "left" { 10, 10 }
t "" 0
"""
    )
    assert _reduced_payoffs(game) == ((11, 1), (9, -1))


def test_repeated_outcomes_and_omitted_action_lists() -> None:
    game = parse_efg(
        HEADER
        + """
c "" 1 "" { "H" 1/2 "T" 0.5 } 0
p "" 1 1 "blind" { "x" "y" } 0
t "" 1 "one" { 1, 0 }
t "" 2 "two" { 0, 1 }
p "" 1 1 "blind" 0
t "" 2
t "" 1 "one" { 1, 0 }
"""
    )
    assert len(game.infosets) == 1 and game.infosets[0].label == "blind"
    assert _reduced_payoffs(game) == ((Fraction(1, 2), Fraction(1, 2)),) * 2


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("NFG 1 R", 1, "expected the header"),
        (HEADER + 'p "" 3 1 "" { "a" } 0\nt "" 1 "o" { 1, 2 }\n', 3, "player number 3"),
        (HEADER + 'p "" 1 1 "" { "a" "b" } 0\nt "" 1 "o" { 1, 2 }\n', 4, "end of file"),
        (HEADER + 'p "" 1 1 "" { "a" } 0\nt "" 1 "o" { 1, 2, 3 }\n', 4, "3 payoffs"),
        (HEADER + 'c "" 1 "" { "a" 1/2 "b" 1/3 } 0\nt "" 0\nt "" 0\n', None, "sum to"),
        (HEADER + 'p "" 1 1 "" { "a" } 0\nt "" 1 "o" { 1, x }\n', 4, "'x'"),
        (HEADER + 'p "" 1 1 "" { "a" } 0\nt "" 7\n', 4, "outcome 7 is used before"),
        (HEADER + 'p "" 1 1 "" 0\nt "" 0\n', 3, "without its actions"),
        (HEADER + 'q "" 1\n', 3, "p, c or t"),
        (HEADER + 't "" 0\nt "" 0\n', 4, "after the last node"),
        (HEADER + 't "unterminated 0\n', 3, "unterminated"),
    ],
)
def test_malformed_files_name_the_line(text: str, line: int | None, message: str) -> None:
    with pytest.raises(FileFormatError, match=message) as info:
        parse_efg(text, path="bad.efg")
    assert info.value.path == "bad.efg"
    if line is not None:
        assert info.value.line == line
        assert str(info.value).startswith(f"bad.efg:{line}: ")


def test_symbolic_games_cannot_be_written() -> None:
    game = SequentialGame(Decision("A", {"x": ["b"], "y": [0]}), parameters=["b"])
    with pytest.raises(SolverError, match="unbound"):
        write_efg(game)
    assert "{ 2 }" in write_efg(game.at(b=2))


def test_irrational_payoffs_are_written_as_decimals() -> None:
    import sympy

    game = SequentialGame(Decision("A", {"x": [sympy.sqrt(2)], "y": [Terminal([0]).payoffs[0]]}))
    text = write_efg(game)
    assert "1.4142135623730951" in text
    assert read_efg.__name__ == "read_efg"


# The payoff literals checked in bulk: the possessive patterns accept exactly what the
# earlier backtracking ones did (kept here as the reference).
_REFERENCE_PLAIN = r"[+-]?[0-9]{1,200}(?:\.[0-9]{1,200})?(?:[eE][+-]?[0-9]{1,2})?"
_EFG_LITERALS = [
    "0",
    "-0",
    "+7",
    "12",
    "0.5",
    "-0.0",
    "2.",
    ".5",
    "1e-5",
    "2.5E+10",
    "1e100",
    "1e",
    "1.2.3",
    "--1",
    "3/4",
    "x",
    "1" * 200,
    "1" * 201,
    "0." + "5" * 200,
    "0." + "5" * 201,
    "1e+",
    "+-1",
    "1 2",
    "",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_EFG_LITERALS), min_size=1, max_size=6))
def test_the_bulk_literal_patterns_accept_what_the_reference_patterns_accept(literals) -> None:
    import re

    from gametheory_alliances.io import efg as efg_module

    one = re.compile(_REFERENCE_PLAIN)
    lines = re.compile(rf"(?:{_REFERENCE_PLAIN}\n)*{_REFERENCE_PLAIN}")
    for literal in literals:
        assert bool(efg_module._PLAIN_NUMBER.fullmatch(literal)) == bool(one.fullmatch(literal))
    text = "\n".join(literals)
    assert bool(efg_module._PLAIN_LINES.fullmatch(text)) == bool(lines.fullmatch(text)), text
