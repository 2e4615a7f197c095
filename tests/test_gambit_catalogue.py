"""Gambit's game catalogue and the file features it uses, checked against pygambit.

Two parts:

* regression tests on small hand-made files for each reader or solver
  problem the catalogue exposed (repeated and empty action labels, repeated
  player names, information-set keys that collided, hostile number literals,
  imperfect recall, realization-equivalent equilibria listed twice, the work
  bound of the SPE enumeration);
* a cross-check over the catalogue that pygambit ships in its package data
  (``pygambit/catalog_data``): every file pygambit reads loads here too (or is
  refused for imperfect recall, which the toolkit does not support), the
  reduced strategic forms agree, the extreme equilibria equal ``enummixed``,
  the pure equilibria equal ``enumpure``, the SPE of perfect-information trees
  equal a brute-force check on pygambit's own tree, and ``gta solve --json``
  exits cleanly.
"""

from __future__ import annotations

import io
import itertools
import json
import math
from fractions import Fraction
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np
import pygambit as gbt
import pytest

from gametheory_alliances.cli import main
from gametheory_alliances.errors import FileFormatError, GameError, TooLargeError
from gametheory_alliances.io import read_game
from gametheory_alliances.io.efg import parse_efg
from gametheory_alliances.normal_form import NormalFormGame
from gametheory_alliances.sequential import SequentialGame
from gametheory_alliances.solvers import (
    nash_equilibria,
    pure_equilibria,
    subgame_perfect_equilibria,
)


def _gambit(text: str) -> gbt.Game:
    return gbt.read_efg(io.StringIO(text))


def _fraction(x: Any) -> Fraction:
    return Fraction(str(x))


def _nash_payoffs(game: Any) -> set[tuple[Fraction, ...]]:
    return {tuple(eq.exact_payoffs) for eq in nash_equilibria(game)}


def _gambit_nash_payoffs(g: gbt.Game) -> set[tuple[Fraction, ...]]:
    result = gbt.nash.enummixed_solve(g, rational=True)
    return {tuple(_fraction(p.payoff(pl)) for pl in g.players) for p in result.equilibria}


# -- regression tests: hand-made files ---------------------------------------------------

REPEATED_CHANCE_LABELS = """EFG 2 R "Two equally likely deals with one label" { "I" "II" }
""
c "" 1 "" { "deal" 1/2 "deal" 1/2 } 0
p "" 1 1 "" { "Raise" "Fold" } 0
p "" 2 1 "" { "Call" "Pass" } 0
t "" 1 "" { 2, -2 }
t "" 2 "" { 1, -1 }
t "" 3 "" { -1, 1 }
p "" 1 2 "" { "Raise" "Fold" } 0
p "" 2 1 "" { "Call" "Pass" } 0
t "" 4 "" { -2, 2 }
t "" 5 "" { 1, -1 }
t "" 6 "" { -1, 1 }
"""


def test_repeated_chance_labels_keep_both_branches() -> None:
    # Once read as a dict keyed by label, the second "deal" replaced the first and the
    # file failed with "probabilities sum to 1/2".
    game = parse_efg(REPEATED_CHANCE_LABELS)
    g = _gambit(REPEATED_CHANCE_LABELS)
    assert game.n_nodes == len(list(g.nodes)) == 11
    assert game.root.outcomes.keys() == {"deal_1", "deal_2"}  # type: ignore[union-attr]
    assert [a.label for a in g.root.infoset.actions] == ["deal_1", "deal_2"]
    assert _nash_payoffs(game) == _gambit_nash_payoffs(g)


REPEATED_MOVE_LABELS = """EFG 2 R "Repeated move labels" { "Leader" "Follower" }
""
p "" 1 1 "" { "1" "1" "" } 0
t "" 1 "" { 0, 0 }
p "" 2 1 "" { "1" "1" } 0
t "" 2 "" { 3, 1 }
t "" 3 "" { 1, 2 }
p "" 2 2 "" { "" "" } 0
t "" 4 "" { 2, 2 }
t "" 5 "" { -1, 0 }
"""


def test_repeated_and_empty_move_labels_are_made_distinct_as_gambit_does() -> None:
    # Repeated labels used to collapse two subtrees into one without any error.
    game = parse_efg(REPEATED_MOVE_LABELS)
    g = _gambit(REPEATED_MOVE_LABELS)
    assert game.n_nodes == len(list(g.nodes)) == 8
    ours = [list(h.actions) for h in game.infosets]
    theirs = [[a.label for a in h.actions] for h in g.infosets]
    assert ours == theirs == [["1_1", "1_2", "_1"], ["1_1", "1_2"], ["_1", "_2"]]
    # Perfect information: Follower takes "1_2" (2 > 1) and "_1" (2 > 0); Leader then
    # compares 0, 1 and 2 and takes "_1".
    (spe,) = subgame_perfect_equilibria(game)
    assert spe.exact_payoffs == (2, 2)
    assert spe.path == ("_1", "_1")
    assert _nash_payoffs(game) == _gambit_nash_payoffs(g)


def test_restated_information_set_with_repeated_labels_is_accepted() -> None:
    text = """EFG 2 R "" { "A" "B" }
""
c "" 1 "" { "H" 1/2 "T" 1/2 } 0
p "" 1 1 "" { "x" "x" } 0
t "" 1 "" { 1, 0 }
t "" 2 "" { 0, 1 }
p "" 1 1 "" { "x" "x" } 0
t "" 3 "" { 0, 1 }
t "" 4 "" { 1, 0 }
"""
    game = parse_efg(text)
    assert [h.actions for h in game.infosets] == [("x_1", "x_2")]
    assert len(game.infosets[0].nodes) == 2


def test_restated_information_set_with_other_labels_is_refused_with_its_line() -> None:
    text = """EFG 2 R "" { "A" "B" }
""
c "" 1 "" { "H" 1/2 "T" 1/2 } 0
p "" 1 1 "" { "x" "y" } 0
t "" 1 "" { 1, 0 }
t "" 2 "" { 0, 1 }
p "" 1 1 "" { "y" "x" } 0
t "" 3 "" { 0, 1 }
t "" 4 "" { 1, 0 }
"""
    with pytest.raises(FileFormatError, match=r"line 7: .*different actions"):
        parse_efg(text)


def test_repeated_and_empty_player_names_are_accepted() -> None:
    text = """EFG 2 R "" { "" "Ally" "Ally" }
""
p "" 1 1 "" { "a" "b" } 0
p "" 2 1 "" { "c" "d" } 0
t "" 1 "" { 1, 2, 3 }
t "" 2 "" { 0, 0, 0 }
p "" 3 1 "" { "e" "f" } 0
t "" 3 "" { 3, 2, 1 }
t "" 4 "" { 0, 1, 0 }
"""
    game = parse_efg(text)
    assert game.players == ("Player 1", "Ally_1", "Ally_2")
    (spe,) = subgame_perfect_equilibria(game)
    assert spe.exact_payoffs == (3, 2, 1)


def test_a_named_information_set_is_not_merged_with_a_numbered_one() -> None:
    # Player 1's set number 1 spans two nodes and has no name, so it was keyed "1"; the
    # later singleton set number 2 is *named* "1" and got the same key: the reader
    # merged them into one set of three nodes (and reported imperfect recall).
    text = """EFG 2 R "" { "A" "B" }
""
c "" 1 "" { "H" 1/2 "T" 1/2 } 0
p "" 1 1 "" { "x" "y" } 0
p "" 1 2 "1" { "x" "y" } 0
t "" 1 "" { 3, 0 }
t "" 2 "" { 0, 1 }
t "" 3 "" { 1, 1 }
p "" 1 1 "" { "x" "y" } 0
t "" 4 "" { 0, 2 }
t "" 5 "" { 2, 0 }
"""
    game = parse_efg(text)
    g = _gambit(text)
    assert sorted(len(h.nodes) for h in game.infosets) == [1, 2]
    assert sorted(len(h.members) for h in g.infosets) == [1, 2]
    assert len({h.label for h in game.infosets}) == 2
    assert _nash_payoffs(game) == _gambit_nash_payoffs(g)


@pytest.mark.parametrize(
    ("literal", "message"),
    [
        ("1e999999999", "exponent beyond the limit"),
        ("nan", "not a finite number"),
        ("1/0", "divides by zero"),
        ("9" * 2000, "longer than the limit"),
    ],
)
def test_hostile_number_literals_are_refused_before_any_work(literal: str, message: str) -> None:
    text = f'EFG 2 R "" {{ "A" }}\n""\np "" 1 1 "" {{ "a" "b" }} 0\nt "" 1 "" {{ 1 }}\nt "" 2 "" {{ {literal} }}\n'
    with pytest.raises(FileFormatError, match=f"line 5: .*{message}"):
        parse_efg(text)


def test_imperfect_recall_is_refused_as_unsupported() -> None:
    forgetful = """EFG 2 R "Forgets its own move" { "A" "B" }
""
p "" 1 1 "" { "L" "R" } 0
p "" 1 2 "" { "l" "r" } 0
t "" 1 "" { 1, 0 }
t "" 2 "" { 0, 1 }
p "" 1 2 "" { "l" "r" } 0
t "" 3 "" { 0, 1 }
t "" 4 "" { 1, 0 }
"""
    assert not _gambit(forgetful).is_perfect_recall
    with pytest.raises(FileFormatError, match="imperfect recall are not supported"):
        parse_efg(forgetful)
    absent_minded = """EFG 2 R "Absent-minded driver" { "Driver" }
""
p "" 1 1 "" { "Exit" "Continue" } 0
t "" 1 "" { 0 }
p "" 1 1 "" { "Exit" "Continue" } 0
t "" 2 "" { 4 }
t "" 3 "" { 1 }
"""
    assert not _gambit(absent_minded).is_perfect_recall
    with pytest.raises(FileFormatError, match="imperfect recall are not supported"):
        parse_efg(absent_minded)


def test_realization_equivalent_equilibria_give_one_spe() -> None:
    # The Hider picks a or b, then c or d; a coin decides whether the Guesser, who saw
    # nothing, guesses the first choice (x: a, -x: b) or the second (y: c, -y: d).
    # In equilibrium the Guesser plays x and y with probability 1/2 each, which the
    # strategic form reaches through two extreme mixtures, 1/2 (x,y) + 1/2 (-x,-y)
    # and 1/2 (x,-y) + 1/2 (-x,y): four extreme equilibria, two behaviour profiles.
    # The composed SPE listed each behaviour profile twice.
    text = """EFG 2 R "Hide twice, guess twice" { "Guesser" "Hider" }
""
p "" 2 1 "" { "a" "b" } 0
p "" 2 2 "" { "c" "d" } 0
c "" 1 "" { "H" 1/2 "T" 1/2 } 0
p "" 1 1 "" { "x" "-x" } 0
t "" 1 "win" { 1, -1 }
t "" 0
p "" 1 2 "" { "y" "-y" } 0
t "" 1
t "" 0
c "" 2 "" { "H" 1/2 "T" 1/2 } 0
p "" 1 1 0
t "" 1
t "" 0
p "" 1 2 0
t "" 0
t "" 1
p "" 2 3 "" { "c" "d" } 0
c "" 3 "" { "H" 1/2 "T" 1/2 } 0
p "" 1 1 0
t "" 0
t "" 1
p "" 1 2 0
t "" 1
t "" 0
c "" 4 "" { "H" 1/2 "T" 1/2 } 0
p "" 1 1 0
t "" 0
t "" 1
p "" 1 2 0
t "" 0
t "" 1
"""
    game = parse_efg(text)
    result = subgame_perfect_equilibria(game)
    keys = [
        tuple(sorted((h, tuple(p.items())) for h, p in eq.exact_behaviour.items())) for eq in result
    ]
    assert len(keys) == len(set(keys)) == 2
    assert len(nash_equilibria(game)) == 4
    half = Fraction(1, 2)
    for eq in result:
        assert eq.exact_behaviour["1"] == {"x": half, "-x": half}
        assert eq.exact_behaviour["2"] == {"y": half, "-y": half}
        assert eq.exact_payoffs == (half, -half)
    g = _gambit(text)
    for eq in result:
        profile = g.mixed_behavior_profile(rational=True)
        for info in game.infosets:
            node = g.root
            for action in game.node_path(info.nodes[0]):
                node = node.children[action]
            for action in node.infoset.actions:
                profile[action] = gbt.Rational(str(eq.exact_behaviour[info.label][action.label]))
        assert profile.max_regret() == 0


def test_spe_enumeration_refuses_a_subgame_with_too_many_equilibria_early() -> None:
    # Three movers, no proper subgame and payoffs all zero: every one of the 2**6 pure
    # profiles of the strategic form is an equilibrium. The bound is checked before the
    # equilibria are composed into behaviour profiles, not after.
    text = """EFG 2 R "All ties" { "A" "B" "C" }
""
c "" 1 "" { "H" 1/2 "T" 1/2 } 0
p "" 1 1 "" { "a" "b" } 0
p "" 2 1 "" { "c" "d" } 0
p "" 3 1 "" { "e" "f" } 0
t "" 0
t "" 0
p "" 3 1 "" { "e" "f" } 0
t "" 0
t "" 0
p "" 2 1 "" { "c" "d" } 0
t "" 0
t "" 0
p "" 1 2 "" { "a" "b" } 0
p "" 2 2 "" { "c" "d" } 0
p "" 3 2 "" { "e" "f" } 0
t "" 0
t "" 0
t "" 0
t "" 0
"""
    game = parse_efg(text)
    assert len(subgame_perfect_equilibria(game)) == len(pure_equilibria(game))
    with pytest.raises(TooLargeError, match="max_equilibria = 10"):
        subgame_perfect_equilibria(game, max_equilibria=10)


# -- the catalogue pygambit ships ------------------------------------------------------------

CATALOGUE = Path(str(files("pygambit") / "catalog_data"))
CATALOGUE_FILES = sorted(
    p.relative_to(CATALOGUE).as_posix()
    for p in CATALOGUE.rglob("*")
    if p.suffix in (".nfg", ".efg")
)
MAX_PROFILES = 5_000


def test_pygambit_ships_its_catalogue() -> None:
    assert len(CATALOGUE_FILES) >= 30
    assert any(name.endswith(".nfg") for name in CATALOGUE_FILES)


def _gambit_arrays(g: gbt.Game) -> list[np.ndarray]:
    shape = tuple(len(p.strategies) for p in g.players)
    arrays = [np.empty(shape, dtype=object) for _ in g.players]
    for profile in itertools.product(*(range(m) for m in shape)):
        outcome = g[profile]
        for i, player in enumerate(g.players):
            arrays[i][profile] = _fraction(outcome[player])
    return arrays


def _brute_force_spe(g: gbt.Game) -> set[tuple[Any, ...]]:
    """Every pure SPE of a perfect-information tree: one-shot deviations, all profiles."""
    players = list(g.players)
    movers: list[tuple[Any, tuple[str, ...]]] = []

    def collect(node: Any, path: tuple[str, ...]) -> None:
        if node.is_terminal:
            return
        if not node.player.is_chance:
            movers.append((node, path))
        for action in node.infoset.actions:
            collect(node.children[action], (*path, action.label))

    collect(g.root, ())
    index = {path: k for k, (_, path) in enumerate(movers)}

    def own(node: Any) -> list[Fraction]:
        try:
            return [_fraction(node.outcome[p]) for p in players]
        except KeyError:  # no outcome at this node
            return [Fraction(0)] * len(players)

    found = set()
    for choice in itertools.product(*(range(len(n.infoset.actions)) for n, _ in movers)):
        perfect = True

        def value(node: Any, path: tuple[str, ...], choice: tuple[int, ...]) -> list[Fraction]:
            nonlocal perfect
            base = own(node)
            if node.is_terminal:
                return base
            actions = list(node.infoset.actions)
            values = [value(node.children[a], (*path, a.label), choice) for a in actions]
            if node.player.is_chance:
                probs = [_fraction(a.prob) for a in actions]
                below = [
                    sum(p * v[i] for p, v in zip(probs, values, strict=True))
                    for i in range(len(base))
                ]
            else:
                mover = players.index(node.player)
                picked = values[choice[index[path]]]
                if max(v[mover] for v in values) > picked[mover]:
                    perfect = False
                below = picked
            return [a + b for a, b in zip(base, below, strict=True)]

        root = value(g.root, (), choice)
        if perfect:
            behaviour = tuple(
                sorted(
                    (path, list(node.infoset.actions)[c].label)
                    for (node, path), c in zip(movers, choice, strict=True)
                )
            )
            found.add((behaviour, tuple(root)))
    return found


@pytest.mark.parametrize("name", CATALOGUE_FILES)
def test_catalogue_game_agrees_with_gambit(name: str) -> None:
    path = CATALOGUE / name
    is_tree = path.suffix == ".efg"
    g = gbt.read_efg(str(path)) if is_tree else gbt.read_nfg(str(path))
    try:
        game = read_game(path)
    except GameError as exc:
        assert "imperfect recall are not supported" in str(exc)
        assert not g.is_perfect_recall
        return
    if is_tree:
        assert isinstance(game, SequentialGame)
        assert game.n_nodes == len(list(g.nodes))
        assert sorted(len(h.nodes) for h in game.infosets) == sorted(
            len(h.members) for h in g.infosets
        )
        normal = game.to_normal_form(reduced=True)
    else:
        normal = game
    assert isinstance(normal, NormalFormGame)
    shape = tuple(len(p.strategies) for p in g.players)
    assert normal.shape == shape
    assert math.prod(shape) <= MAX_PROFILES
    ours = normal.payoff_arrays(exact=True)
    theirs = _gambit_arrays(g)
    if is_tree:
        # Both reduce the tree; the order of the reduced strategies may differ.
        cells = list(itertools.product(*(range(m) for m in shape)))
        assert sorted(tuple(a[c] for a in ours) for c in cells) == sorted(
            tuple(a[c] for a in theirs) for c in cells
        )
    else:
        assert all(np.array_equal(a, b) for a, b in zip(ours, theirs, strict=True))

    if len(shape) == 2:
        result = nash_equilibria(normal)
        assert all(eq.certify() for eq in result)
        same = gbt.Game.from_arrays(*ours)
        reference = gbt.nash.enummixed_solve(same, rational=True)
        expected = {
            tuple(tuple(_fraction(p[s]) for s in pl.strategies) for pl in same.players)
            for p in reference.equilibria
        }
        assert {eq.exact_strategies for eq in result} == expected
        assert _nash_payoffs(normal) == _gambit_nash_payoffs(g)

    pure = pure_equilibria(normal)
    reference = gbt.nash.enumpure_solve(g)
    assert sorted(tuple(eq.exact_payoffs) for eq in pure) == sorted(
        tuple(_fraction(p.payoff(pl)) for pl in g.players) for p in reference.equilibria
    )

    if is_tree and game.is_perfect_information:
        spe = subgame_perfect_equilibria(game)
        mine = set()
        for eq in spe:
            behaviour = []
            for info, probs in zip(game.infosets, eq.profile, strict=True):
                (node,) = info.nodes
                behaviour.append((game.node_path(node), info.actions[probs.index(1)]))
            mine.add((tuple(sorted(behaviour)), tuple(eq.exact_payoffs)))
        assert mine == _brute_force_spe(g)


@pytest.mark.parametrize("name", CATALOGUE_FILES)
def test_gta_solve_json_on_catalogue_game(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["solve", str(CATALOGUE / name), "--json"])
    out, err = capsys.readouterr()
    if status == 0:
        data = json.loads(out)
        assert isinstance(data["equilibria"], list)
        assert err == ""
    else:
        assert status == 2
        assert len(err.strip().splitlines()) == 1
        assert "imperfect recall" in err
