"""SequentialGame: building trees, validation, binding, reduction to the strategic form."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction
from pathlib import Path

import numpy as np
import pygambit
import pytest
import sympy

from gametheory_alliances.errors import (
    DomainError,
    GameError,
    ProbabilityError,
    ShapeError,
    SolverError,
    UnboundParameterError,
    UnknownParameterError,
)
from gametheory_alliances.io.efg import write_efg
from gametheory_alliances.normal_form import NormalFormGame
from gametheory_alliances.sequential import Chance, Decision, SequentialGame, Terminal

GAMES = Path(__file__).resolve().parent.parent / "models" / "games"


def entry_game() -> SequentialGame:
    return SequentialGame(
        Decision(
            "Entrant",
            {
                "Stay out": Terminal([1, 5]),
                "Enter": Decision(
                    "Incumbent", {"Fight": Terminal([0, 0]), "Acquiesce": Terminal([2, 2])}
                ),
            },
        ),
        title="Entry",
    )


def deterrence_game() -> SequentialGame:
    """Extended deterrence with a symbolic chance of the patron being committed."""
    return SequentialGame(
        Chance(
            {
                "Committed": (
                    "q",
                    Decision("Challenger", {"Attack": [-1, "w"], "Wait": [0, 0]}, infoset="C"),
                ),
                "Not": (
                    "1 - q",
                    Decision("Challenger", {"Attack": [1, "-w"], "Wait": [0, 0]}, infoset="C"),
                ),
            }
        ),
        players=["Challenger", "Patron"],
        parameters={"q": "[0, 1]", "w": "positive"},
    )


# -- building -------------------------------------------------------------------------------


def test_builder_infers_players_and_labels_infosets() -> None:
    game = entry_game()
    assert game.players == ("Entrant", "Incumbent")
    assert [h.label for h in game.infosets] == ["Entrant at root", "Incumbent after Enter"]
    assert game.is_perfect_information and game.is_exact and game.n_nodes == 5
    assert game.subgame_roots == (0, 1, 2, 3, 4)


def test_dict_form_builds_the_same_game() -> None:
    game = SequentialGame(
        {
            "player": "Entrant",
            "actions": {
                "Stay out": {"payoffs": [1, 5]},
                "Enter": {"player": "Incumbent", "actions": {"Fight": [0, 0], "Acquiesce": [2, 2]}},
            },
        }
    )
    assert write_efg(game).splitlines()[3:] == write_efg(entry_game()).splitlines()[3:]


def test_root_rebuilds_the_tree() -> None:
    game = entry_game()
    again = SequentialGame(game.root, players=game.players, title="Entry")
    assert write_efg(again) == write_efg(game)


def test_payoff_vector_of_wrong_length_names_the_node() -> None:
    with pytest.raises(ShapeError, match=r"node 'Enter' > 'Fight': expected 2 payoffs"):
        SequentialGame(
            Decision("A", {"Out": [0, 0], "Enter": Decision("B", {"Fight": [0], "Yield": [1, 1]})})
        )


def test_non_finite_payoff_is_refused() -> None:
    with pytest.raises(GameError, match="payoff"):
        SequentialGame(Decision("A", {"x": [float("nan")], "y": [0]}))


def test_probabilities_must_sum_to_one_exactly() -> None:
    with pytest.raises(ProbabilityError, match=r"root: chance probabilities .* sum to 9/10"):
        SequentialGame(Chance({"H": ("0.4", [1]), "T": ("1/2", [0])}), players=["P"])
    with pytest.raises(ProbabilityError, match="expected a number in"):
        SequentialGame(Chance({"H": (Fraction(3, 2), [1]), "T": ("-1/2", [0])}), players=["P"])
    ok = SequentialGame(Chance({"a": (0.1, [1]), "b": (0.2, [0]), "c": (0.7, [0])}), players=["P"])
    assert ok.is_exact  # 0.1 + 0.2 + 0.7 is exactly one as decimals


def test_information_set_actions_must_agree() -> None:
    with pytest.raises(GameError, match=r"information set 'h' of 'B'.*same actions"):
        SequentialGame(
            Decision(
                "A",
                {
                    "L": Decision("B", {"x": [0, 0], "y": [1, 1]}, infoset="h"),
                    "R": Decision("B", {"x": [0, 0], "z": [1, 1]}, infoset="h"),
                },
            )
        )


def test_imperfect_recall_is_refused_naming_the_infoset() -> None:
    # Player A forgets its own first move.
    with pytest.raises(GameError, match=r"information set 'forget' of 'A' violates perfect recall"):
        SequentialGame(
            Decision(
                "A",
                {
                    "L": Decision("A", {"x": [0], "y": [1]}, infoset="forget"),
                    "R": Decision("A", {"x": [2], "y": [3]}, infoset="forget"),
                },
            )
        )
    # Absent-minded driver: two nodes of one set on a path.
    with pytest.raises(GameError, match="perfect recall"):
        SequentialGame(
            Decision(
                "D",
                {"Exit": [0], "Go": Decision("D", {"Exit": [4], "Go": [1]}, infoset="m")},
                infoset="m",
            )
        )


def test_unknown_player_and_malformed_nodes() -> None:
    with pytest.raises(GameError, match="unknown player 'C'"):
        SequentialGame(Decision("C", {"a": [0, 0]}), players=["A", "B"])
    with pytest.raises(GameError, match="expected a Decision, Chance or Terminal"):
        SequentialGame(Decision("A", {"a": 3}))
    with pytest.raises(GameError, match="non-empty mapping"):
        SequentialGame(Decision("A", {}))
    with pytest.raises(GameError, match="pair"):
        SequentialGame(Chance({"a": [1]}), players=["A"])


# -- binding ----------------------------------------------------------------------------------


def test_at_binds_probabilities_and_payoffs_exactly() -> None:
    game = deterrence_game()
    assert not game.is_numeric and game.free_parameters == ("q", "w")
    bound = game.at(q=0.3, w=2)
    assert bound.is_exact
    nf = bound.to_normal_form()
    a, b = nf.payoff_arrays(exact=True)
    # Attack: -0.3 + 0.7 = 2/5 for the challenger; 0.3 * 2 - 0.7 * 2 = -4/5 for the patron.
    assert (a[0, 0], b[0, 0]) == (Fraction(2, 5), Fraction(-4, 5))


def test_at_checks_domains_and_names() -> None:
    game = deterrence_game()
    with pytest.raises(DomainError):
        game.at(q=2, w=1)
    with pytest.raises(UnknownParameterError):
        game.at(q=0.5, w=1, z=3)
    with pytest.raises(UnboundParameterError):
        game.at(q=0.5)


def test_symbolic_probabilities_are_checked_when_bound() -> None:
    game = SequentialGame(
        Chance({"a": ("p", [1]), "b": ("p", [0])}), players=["P"], parameters={"p": "[0, 1]"}
    )
    assert game.at(p="1/2").is_exact
    with pytest.raises(ProbabilityError, match="sum to"):
        game.at(p=0.3)


def test_symbolic_game_refuses_numeric_work_but_reduces_symbolically() -> None:
    game = deterrence_game()
    with pytest.raises(SolverError, match="unbound parameters q, w"):
        game.numbers()
    nf = game.to_normal_form()
    q, w = (game.parameters[n].symbol for n in ("q", "w"))
    a, b = nf.payoff_expressions()
    assert sympy.simplify(a[0, 0] - (1 - 2 * q)) == 0
    assert sympy.simplify(b[0, 0] - (q * w - (1 - q) * w)) == 0


# -- reduction to the strategic form --------------------------------------------------------------


def _gambit_label(game: SequentialGame, player: int, strategy: dict[int, int | None]) -> str:
    label = "".join(
        "*" if strategy[h] is None else str(strategy[h] + 1) for h in game.player_infosets(player)
    )
    return label or "*"


def _gambit_normal_form(game: SequentialGame, tmp_path: Path) -> NormalFormGame:
    path = tmp_path / "tree.efg"
    write_efg(game, path)
    g = pygambit.read_efg(str(path))
    nfg = tmp_path / "tree.nfg"
    nfg.write_text(g.to_nfg())
    return NormalFormGame.from_pygambit(pygambit.read_nfg(str(nfg)))


def _assert_same_strategic_form(game: SequentialGame, tmp_path: Path) -> None:
    ours = game.to_normal_form()
    theirs = _gambit_normal_form(game, tmp_path)
    assert ours.shape == theirs.shape
    labels = [
        [_gambit_label(game, i, s) for s in game.pure_strategies(i)] for i in range(game.n_players)
    ]
    assert [list(s) for s in theirs.strategies] == labels
    for a, b in zip(ours.payoff_arrays(exact=True), theirs.payoff_arrays(exact=True), strict=True):
        assert (a == b).all()


@pytest.mark.parametrize("name", sorted(p.name for p in GAMES.glob("*.efg")))
def test_reduced_form_of_catalogue_games_matches_gambit(name: str, tmp_path: Path) -> None:
    from gametheory_alliances.io.efg import read_efg

    _assert_same_strategic_form(read_efg(GAMES / name), tmp_path)


def random_tree(
    rng: random.Random, n_players: int, budget: int, chance: bool = True, info: bool = False
) -> SequentialGame:
    """A random game; with ``info`` some sibling moves of one player share an information set."""
    counter = itertools.count()

    def grow(
        depth: int,
        forced_player: int | None = None,
        forced_set: str | None = None,
        n_forced: int | None = None,
    ) -> object:
        if forced_player is None and (depth >= budget or (depth > 0 and rng.random() < 0.2)):
            return Terminal([rng.randint(-2, 3) for _ in range(n_players)])
        if forced_player is None and chance and rng.random() < 0.2:
            k = rng.randint(2, 3)
            weights = [rng.randint(1, 4) for _ in range(k)]
            total = sum(weights)
            return Chance(
                {f"c{j}": (Fraction(w, total), grow(depth + 1)) for j, w in enumerate(weights)}
            )
        player = forced_player if forced_player is not None else rng.randrange(n_players)
        k = n_forced if n_forced is not None else rng.randint(2, 3)
        if info and forced_player is None and rng.random() < 0.4 and depth + 1 < budget:
            other = (player + 1) % n_players
            label = f"s{next(counter)}"
            m = rng.randint(2, 3)
            children = {f"a{j}": grow(depth + 1, other, label, m) for j in range(k)}
        else:
            children = {f"a{j}": grow(depth + 1) for j in range(k)}
        return Decision(player, children, infoset=forced_set)

    return SequentialGame(grow(0), players=[f"P{i + 1}" for i in range(n_players)])


@pytest.mark.parametrize("seed", range(12))
def test_reduced_and_full_forms_of_random_trees_match_gambit(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    game = random_tree(rng, 2 + seed % 2, 3, info=seed % 3 == 0)
    _assert_same_strategic_form(game, tmp_path)
    full = game.to_normal_form(reduced=False)
    # Every full strategy has the payoffs of the reduced strategy it collapses to.
    reduced = game.to_normal_form()
    for profile in full.pure_profiles():
        strategies = [game.pure_strategies(i, reduced=False)[k] for i, k in enumerate(profile)]
        images = []
        for i, s in enumerate(strategies):
            matches = [
                j
                for j, r in enumerate(game.pure_strategies(i))
                if all(a is None or s[h] == a for h, a in r.items())
            ]
            assert len(matches) == 1
            images.append(matches[0])
        for a, b in zip(
            full.payoff_arrays(exact=True), reduced.payoff_arrays(exact=True), strict=True
        ):
            assert a[profile] == b[tuple(images)]


def test_full_form_counts_every_combination() -> None:
    game = SequentialGame(
        Decision(
            "A",
            {
                "Take": [1, 0],
                "Pass": Decision(
                    "B", {"Take": [0, 2], "Pass": Decision("A", {"Take": [3, 1], "Pass": [2, 4]})}
                ),
            },
        )
    )
    assert game.to_normal_form().shape == (3, 2)
    assert game.to_normal_form(reduced=False).shape == (4, 2)
    assert game.to_normal_form().strategies[0] == ("Take/*", "Pass/Take", "Pass/Pass")


def test_behaviour_from_mixed_is_kuhns_behaviour() -> None:
    game = SequentialGame(
        Decision(
            "A",
            {
                "Take": [1, 0],
                "Pass": Decision(
                    "B", {"Take": [0, 2], "Pass": Decision("A", {"Take": [3, 1], "Pass": [2, 4]})}
                ),
            },
        )
    )
    third = Fraction(1, 3)
    b = game.behaviour_from_mixed([[third, third, third], [Fraction(1), Fraction(0)]])
    assert b[0] == (third, 2 * third)
    assert b[2] == (Fraction(1, 2), Fraction(1, 2))
    assert game.behaviour_from_mixed([[1, 0, 0], [1, 0]])[2] is None


def test_one_player_and_players_without_moves() -> None:
    game = SequentialGame(Decision("Solo", {"a": [1, 0], "b": [2, 0]}), players=["Solo", "Idle"])
    nf = game.to_normal_form()
    assert nf.strategies == (("a", "b"), ("*",))
    assert np.array_equal(nf.payoff_arrays()[0], [[1.0], [2.0]])
