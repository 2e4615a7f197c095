"""Gambit GUI workbooks (.gbt): the game they hold, read as Gambit reads it; hostile files refused."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pygambit
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_alliances import NormalFormGame
from gametheory_alliances.errors import FileFormatError
from gametheory_alliances.io import read_game
from gametheory_alliances.io.efg import read_efg, write_efg
from gametheory_alliances.io.gbt import parse_gbt, read_gbt
from gametheory_alliances.io.nfg import read_nfg, write_nfg

GAMES = Path(__file__).resolve().parent.parent / "models" / "games"

_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<gambit:document xmlns:gambit="http://gambit.sourceforge.net/" version="0.1">\n'
    '<colors>\n<player id="-1" red="0" green="154" blue="0" />\n</colors>\n'
    '<font size="10" family="74" face="Sans" style="90" weight="92" />\n'
    '<numbers decimals="4"/>\n'
    "<game>\n"
)


def workbook(kind: str, game_text: str, extra: str = "") -> str:
    """A workbook as the Gambit GUI saves one: settings, the game, saved profiles."""
    return f"{_HEAD}<{kind}>\n{game_text}</{kind}>\n{extra}</game>\n</gambit:document>\n"


def _pygambit_payoffs(game: pygambit.Game) -> list[list[float]]:
    return [[float(o[p]) for p in game.players] for o in game.outcomes]


@pytest.mark.parametrize("name", sorted(p.name for p in GAMES.glob("*.efg")))
def test_trees_read_as_from_the_efg_file(name: str, tmp_path: Path) -> None:
    source = GAMES / name
    path = tmp_path / (source.stem + ".gbt")
    path.write_text(workbook("efgfile", source.read_text()))
    ours = read_gbt(path)
    assert write_efg(ours) == write_efg(read_efg(source))
    assert read_game(path).title == ours.title
    theirs = pygambit.read_gbt(str(path))
    direct = pygambit.read_efg(str(source))
    assert len(theirs.outcomes) == len(direct.outcomes)
    assert _pygambit_payoffs(theirs) == _pygambit_payoffs(direct)


@pytest.mark.parametrize("name", sorted(p.name for p in GAMES.glob("*.nfg")))
def test_normal_forms_read_as_from_the_nfg_file(name: str, tmp_path: Path) -> None:
    source = GAMES / name
    path = tmp_path / (source.stem + ".gbt")
    profile = '<analysis type="list">\n<description>\nsaved\n</description>\n</analysis>\n'
    path.write_text(workbook("nfgfile", source.read_text(), extra=profile))
    ours = read_gbt(path)
    direct = read_nfg(source)
    assert ours.shape == direct.shape
    for a, b in zip(ours.payoff_expressions(), direct.payoff_expressions(), strict=True):
        assert a.tolist() == b.tolist()
    theirs = pygambit.read_gbt(str(path))
    assert [len(p.strategies) for p in theirs.players] == list(ours.shape)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.integers(-20, 20),
        min_size=2 * 2 * 3,
        max_size=2 * 2 * 3,
    ),
    st.sampled_from(["Ally & Partner", "A <b> title", 'quoted "x"', "plain"]),
)
def test_random_normal_forms_agree_with_pygambit(values: list[int], title: str) -> None:
    a = np.array(values[:6]).reshape(2, 3)
    b = np.array(values[6:]).reshape(2, 3)
    game = NormalFormGame([a, b], title=title)
    escaped = write_nfg(game).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    doc = workbook("nfgfile", escaped)
    ours = parse_gbt(doc)
    assert ours.title == title
    assert np.array_equal(np.asarray(ours.payoff_arrays()[0], dtype=float), a)
    assert np.array_equal(np.asarray(ours.payoff_arrays()[1], dtype=float), b)


def test_file_without_extension_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "saved-workbook"
    path.write_text(workbook("nfgfile", (GAMES / "chicken.nfg").read_text()))
    assert read_game(path).shape == read_nfg(GAMES / "chicken.nfg").shape


HOSTILE = {
    "doctype": (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n]>\n'
        "<gambit:document><game><nfgfile>&lol;</nfgfile></game></gambit:document>",
        "DOCTYPE",
        "<!DOCTYPE",
    ),
    "entity": (
        '<?xml version="1.0"?>\n<gambit:document>\n<!ENTITY x SYSTEM "file:///etc/passwd">\n'
        "<game><nfgfile>&x;</nfgfile></game></gambit:document>",
        "ENTITY",
        "<!ENTITY",
    ),
    "no game": (_HEAD + "</game>\n</gambit:document>\n", "holds no game", None),
    "two games": (
        workbook("nfgfile", 'NFG 1 R "a" { "1" "2" } { 1 1 }\n0 0\n')
        + '<game><efgfile>EFG 2 R "b" { "1" "2" }\n</efgfile></game>',
        "more than one game",
        "<game><efgfile>",
    ),
    "unclosed": (_HEAD + '<efgfile>\nEFG 2 R "x" { "1" }\n', "never closed", "<efgfile>"),
    "not xml": ('NFG 1 R "x"', "starting with '<'", "NFG"),
    "not gambit": ("<html><body>hi</body></html>", "no <gambit:document>", "<html>"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_workbooks_are_refused_with_the_line(case: str, tmp_path: Path) -> None:
    text, message, marker = HOSTILE[case]
    line = None if marker is None else text.count("\n", 0, text.index(marker)) + 1
    path = tmp_path / "bad.gbt"
    path.write_text(text)
    with pytest.raises(FileFormatError, match=message) as info:
        read_game(path)
    assert info.value.line == line
    assert str(path) in str(info.value)


def test_malformed_game_inside_names_the_workbook_line(tmp_path: Path) -> None:
    bad_tree = 'EFG 2 R "x" { "1" "2" }\np "" 1 1 "" { "a" "b" } 0\nt "" 1 "o" { 1, 2 }\nq\n'
    text = workbook("efgfile", bad_tree)
    path = tmp_path / "bad.gbt"
    path.write_text(text)
    with pytest.raises(FileFormatError) as info:
        read_gbt(path)
    lines = text.splitlines()
    assert info.value.line is not None
    assert lines[info.value.line - 1].strip() in {"q", 't "" 1 "o" { 1, 2 }'}


def test_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin.gbt"
    path.write_bytes(b"<gambit:document>\xff\xfe</gambit:document>")
    with pytest.raises(FileFormatError, match="not UTF-8"):
        read_gbt(path)


def test_gta_solve_reads_a_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from gametheory_alliances.cli import main

    source = GAMES / "stag-hunt.nfg"
    path = tmp_path / "stag-hunt.gbt"
    path.write_text(workbook("nfgfile", source.read_text()))
    assert main(["solve", str(path), "--json"]) == 0
    from_workbook = json.loads(capsys.readouterr().out)
    assert main(["solve", str(source), "--json"]) == 0
    from_file = json.loads(capsys.readouterr().out)
    assert from_workbook["equilibria"] == from_file["equilibria"]
    assert len(from_workbook["equilibria"]) == 3
