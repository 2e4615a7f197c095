"""Trees held as arrays: the .efg reader's tables and the vectorised SPE path on them.

The fast path (a game read from a file, held as a
:class:`~gametheory_alliances.tree_table.TreeTable`, solved by the vectorised
backward induction, its result built lazily) must give exactly what the slow
path gives (the same game built from node objects, solved by the exact
enumeration): the same nodes, every SPE, the same exact payoffs, ties
included. Random trees with many ties (small payoff ranges), degenerate ones
(every payoff equal), rational payoffs and chance moves.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings

from gametheory_alliances.errors import FileFormatError
from gametheory_alliances.io.efg import parse_efg, tokenize, write_efg
from gametheory_alliances.sequential import SequentialGame
from gametheory_alliances.solvers.backward_induction import PureProfile, subgame_perfect_equilibria
from gametheory_alliances.testing import sequential_games
from gametheory_alliances.tree_table import TreeTable

SETTINGS = settings(max_examples=30, deadline=None, derandomize=True)


def _node_rows(game: SequentialGame) -> list[tuple[object, ...]]:
    return [
        (
            nd.kind,
            nd.path,
            nd.parent,
            nd.label,
            nd.player,
            nd.infoset,
            nd.infoset_key,
            nd.actions,
            nd.children,
            nd.probs,
            nd.payoffs,
            nd.end,
        )
        for nd in game.nodes
    ]


def _read_back(tree: SequentialGame) -> tuple[SequentialGame, SequentialGame]:
    """The tree through a .efg file (held as arrays) and the same tree built from objects."""
    fast = parse_efg(write_efg(tree))
    assert isinstance(fast.arrays, TreeTable)
    slow = SequentialGame(fast.root, players=fast.players, title=fast.title)
    assert slow.arrays is None
    return fast, slow


def _same_spe(fast: SequentialGame, slow: SequentialGame) -> None:
    got = subgame_perfect_equilibria(fast)
    want = subgame_perfect_equilibria(slow, method="enumerate")
    assert [tuple(eq.profile) for eq in got] == [tuple(eq.profile) for eq in want]
    assert [eq.exact_payoffs for eq in got] == [eq.exact_payoffs for eq in want]
    assert [eq.payoffs for eq in got] == [eq.payoffs for eq in want]
    assert [eq.path for eq in got] == [eq.path for eq in want]
    assert all(eq.certify() for eq in got)


@SETTINGS
@given(sequential_games(players=(1, 3), depth=(1, 5), payoff_range=(-2, 2), max_terminals=24))
def test_every_spe_of_trees_with_ties_through_the_arrays(tree: SequentialGame) -> None:
    _same_spe(*_read_back(tree))


@SETTINGS
@given(
    sequential_games(
        players=(1, 3), depth=(1, 5), payoffs="rational", payoff_range=(-1, 1), max_terminals=40
    )
)
def test_every_spe_of_rational_trees_through_the_arrays(tree: SequentialGame) -> None:
    _same_spe(*_read_back(tree))


@SETTINGS
@given(sequential_games(players=(2, 3), depth=(1, 3), payoff_range=(3, 3), max_terminals=8))
def test_every_spe_of_degenerate_trees_through_the_arrays(tree: SequentialGame) -> None:
    fast, slow = _read_back(tree)
    _same_spe(fast, slow)


@SETTINGS
@given(sequential_games(players=(1, 3), depth=(1, 4), chance=True, payoffs="rational"))
def test_every_spe_of_trees_with_chance_through_the_arrays(tree: SequentialGame) -> None:
    _same_spe(*_read_back(tree))


@SETTINGS
@given(sequential_games(players=(1, 3), depth=(1, 4), chance=True, information_sets=True))
def test_the_nodes_built_from_a_table_are_those_of_the_constructor(tree: SequentialGame) -> None:
    fast, slow = _read_back(tree)
    assert _node_rows(fast) == _node_rows(slow)
    assert fast.infosets == slow.infosets
    assert repr(fast) == repr(slow)
    assert fast.is_perfect_information == slow.is_perfect_information


def test_a_unique_spe_builds_no_node_objects() -> None:
    rng = np.random.default_rng(5)
    lines = ['EFG 2 R "t" { "A" "B" }', '""']
    leaf = 0

    def emit(d: int) -> None:
        nonlocal leaf
        if d == 6:
            leaf += 1
            a, b = rng.permutation(64)[:2]
            lines.append(f't "" {leaf} "" {{ {a / 7:.4f} {b}/3 }}')
            return
        lines.append(f'p "" {d % 2 + 1} {leaf + d * 100 + 1} "" {{ "L" "R" }} 0')
        emit(d + 1)
        emit(d + 1)

    emit(0)
    game = parse_efg("\n".join(lines))
    result = subgame_perfect_equilibria(game)
    assert result.method == "backward induction (vectorised)"
    assert "_nodes" not in vars(game)  # the result came from the arrays alone
    slow = SequentialGame(game.root, players=game.players)
    want = subgame_perfect_equilibria(slow, method="enumerate")
    assert len(want) == 1
    assert result[0].profile == want[0].profile
    assert result[0].exact_payoffs == want[0].exact_payoffs


def test_a_pure_profile_compares_and_hashes_as_its_tuple() -> None:
    profile = PureProfile(np.array([1, 0]), np.array([2, 3]), exact=True)
    rows = ((Fraction(0), Fraction(1)), (Fraction(1), Fraction(0), Fraction(0)))
    assert profile == rows and rows == profile
    assert hash(profile) == hash(rows)
    assert profile != ((Fraction(1), Fraction(0)), rows[1])
    assert profile[1:] == rows[1:]


def test_a_bad_payoff_is_reported_before_a_later_error() -> None:
    text = 'EFG 2 R "t" { "A" }\n""\np "" 1 1 "" { "L" "R" } 0\nt "" 1 "x" { 1.5.2 }\nt "" 2\n'
    with pytest.raises(FileFormatError) as caught:
        parse_efg(text)
    assert caught.value.line == 4
    assert "1.5.2" in str(caught.value)


def test_tokens_are_the_words_strings_and_braces() -> None:
    assert tokenize('p "a \\" b" 1, 2 {"x"}') == ["p", '"a \\" b"', "1", "2", "{", '"x"', "}"]
