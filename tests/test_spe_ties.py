"""Every SPE of a perfect-information tree with mixtures at ties (``mixed=True``).

The hand-derived cases: a patron indifferent between defending and abandoning
its protégé deters the challenger exactly when it defends with probability at
least a threshold; chained ties give pieces with products of mixing
probabilities, described by conditions (checked against ``Region``).
"""

from __future__ import annotations

from fractions import Fraction

import pytest

import gametheory_alliances as gta
from gametheory_alliances import Decision, SequentialGame, Terminal
from gametheory_alliances.errors import GameError, TooLargeError
from gametheory_alliances.solvers.backward_induction import certify_profile
from gametheory_alliances.symbolic import Region

F = Fraction


def deterrence(challenge_gain: int = 1, war_cost: int = 2) -> SequentialGame:
    """The patron's payoffs are v + r - k = 0 (defend) and 0 (abandon): a tie.

    The challenger gets 0 from the status quo, ``-war_cost`` when the patron
    defends and ``challenge_gain`` when it abandons: with defence probability
    q, challenging pays ``q (-c) + (1 - q) g``, so it is deterred iff
    ``q >= g / (g + c)``.
    """
    return SequentialGame(
        Decision(
            "Challenger",
            {
                "Status quo": Terminal([0, 0]),
                "Challenge": Decision(
                    "Patron",
                    {
                        "Defend": Terminal([-war_cost, 0]),
                        "Abandon": Terminal([challenge_gain, 0]),
                    },
                ),
            },
        ),
        players=["Challenger", "Patron"],
    )


def behaviour(eq: object) -> tuple[tuple[Fraction, ...], ...]:
    return tuple(tuple(F(p) for p in probs) for probs in eq.profile)  # type: ignore[attr-defined]


def test_a_patron_mixing_at_the_tie_deters_iff_it_defends_with_probability_at_least_the_threshold():
    result = gta.subgame_perfect_equilibria(deterrence(1, 2), mixed=True)
    t = F(1, 3)  # g / (g + c)
    assert [behaviour(eq) for eq in result] == [
        ((1, 0), (1, 0)),
        ((1, 0), (t, 1 - t)),
        ((0, 1), (t, 1 - t)),
        ((0, 1), (0, 1)),
    ]
    assert all(eq.certify() for eq in result)
    assert [eq.component for eq in result] == [1, 1, 1, 1]
    assert {eq.component_size for eq in result} == {4}
    assert all(piece.polyhedral for piece in result.pieces)
    by_vertices = sorted(piece.vertices for piece in result.pieces)
    # Deterred on [t, 1], challenged on [0, t], and the challenger mixing at q = t.
    assert by_vertices == [(0, 1), (1, 2), (2, 3)]
    deterred = next(p for p in result.pieces if p.vertices == (0, 1))
    assert deterred.contains([[1, 0], [F(1, 2), F(1, 2)]])
    assert not deterred.contains([[1, 0], [F(1, 4), F(3, 4)]])
    mixing = next(p for p in result.pieces if p.vertices == (1, 2))
    assert mixing.contains([[F(2, 5), F(3, 5)], [t, 1 - t]])
    assert not mixing.contains([[F(2, 5), F(3, 5)], [F(1, 2), F(1, 2)]])


def test_the_threshold_moves_with_the_payoffs():
    result = gta.subgame_perfect_equilibria(deterrence(3, 1), mixed=True)
    assert behaviour(result[1]) == ((1, 0), (F(3, 4), F(1, 4)))


def test_the_mixed_equilibria_of_the_entry_game_are_gambits_component_vertices():
    from gametheory_alliances.io import models_dir

    entry = gta.read_game(models_dir() / "games" / "entry_tie.efg")
    spe = gta.subgame_perfect_equilibria(entry, mixed=True)
    nash = {eq.exact_strategies for eq in gta.nash_equilibria(entry.to_normal_form(reduced=True))}
    # In this tree behaviour and reduced strategies coincide (one node per player).
    assert {behaviour(eq) for eq in spe} == nash


def test_without_ties_the_answer_is_the_same_as_without_mixtures():
    chain_store = SequentialGame(
        Decision(
            "Entrant",
            {
                "Stay out": Terminal([1, 5]),
                "Enter": Decision(
                    "Incumbent", {"Fight": Terminal([0, 0]), "Acquiesce": Terminal([2, 2])}
                ),
            },
        ),
    )
    pure = gta.subgame_perfect_equilibria(chain_store)
    mixed = gta.subgame_perfect_equilibria(chain_store, mixed=True)
    assert repr(mixed) == repr(pure)
    assert mixed.to_dict() == pure.to_dict()


def test_pure_ties_are_listed_as_vertices_and_the_json_has_pieces():
    tree = SequentialGame(
        Decision(
            "Protege",
            {
                "Moderate": Decision(
                    "Patron", {"Defend": Terminal([0, 1]), "Stay out": Terminal([0, 0])}
                ),
                "Risky": Decision(
                    "Patron", {"Defend": Terminal([-1, 2]), "Stay out": Terminal([-1, -1])}
                ),
            },
        ),
        players=["Patron", "Protege"],
    )
    pure = {behaviour(eq) for eq in gta.subgame_perfect_equilibria(tree)}
    mixed = gta.subgame_perfect_equilibria(tree, mixed=True)
    assert pure <= {behaviour(eq) for eq in mixed}
    assert len(mixed) == 8
    # The protege is indifferent when 1 * d_M + 0 = 2 d_R - (1 - d_R), i.e. d_M = 3 d_R - 1.
    mixed_protege = [eq for eq in mixed if not eq.is_pure]
    assert {eq.profile[2] for eq in mixed_protege} == {(F(2, 3), F(1, 3)), (F(1, 3), F(2, 3))}
    data = mixed.to_dict()
    assert [e["component"] for e in data["equilibria"]] == [1] * 8
    assert len(data["pieces"]) == 3
    assert {tuple(p["vertices"]) for p in data["pieces"]} >= {(0, 1, 2, 3), (4, 5, 6, 7)}


def chained_ties() -> SequentialGame:
    """B is indifferent, so is A (whatever B does), and R compares L with 4 Pr(a2) Pr(b2)."""
    return SequentialGame(
        Decision(
            "R",
            {
                "L": Terminal([1, 0, 0]),
                "M": Decision(
                    "A",
                    {
                        "a1": Terminal([0, 1, 0]),
                        "a2": Decision("B", {"b1": Terminal([0, 1, 1]), "b2": Terminal([4, 1, 1])}),
                    },
                ),
            },
        ),
        players=["R", "A", "B"],
    )


def test_chained_ties_give_pieces_described_by_their_conditions():
    game = chained_ties()
    result = gta.subgame_perfect_equilibria(game, mixed=True)
    assert all(eq.is_pure for eq in result)  # no point is invented on a curved piece
    assert {behaviour(eq) for eq in result} == {
        behaviour(eq) for eq in gta.subgame_perfect_equilibria(game)
    }
    assert not any(piece.polyhedral for piece in result.pieces)
    assert {piece.component for piece in result.pieces} == {1}
    assert any("not polyhedral" in note for note in result.notes)
    # R mixes only where 4 Pr(a2) Pr(b2) = 1, e.g. at Pr(a2) = 1/3, Pr(b2) = 3/4.
    on_curve = [[F(1, 3), F(2, 3)], [F(2, 3), F(1, 3)], [F(1, 4), F(3, 4)]]
    off_curve = [[F(1, 3), F(2, 3)], [F(1, 2), F(1, 2)], [F(1, 4), F(3, 4)]]
    assert certify_profile(game, dict(enumerate(on_curve)), True, 0)
    assert not certify_profile(game, dict(enumerate(off_curve)), True, 0)
    assert any(piece.contains(on_curve) for piece in result.pieces)
    assert not any(piece.contains(off_curve) for piece in result.pieces)
    for piece in result.pieces:
        region = Region(piece.condition, piece.parameters)
        for profile in (on_curve, off_curve):
            values = {
                name: profile[int(name[1 : name.index("_")])][int(name.split("_")[1])]
                for name in piece.variables
            }
            fixed = all(
                e == p
                for entries, probs in zip(piece.behaviour, profile, strict=True)
                for e, p in zip(entries, probs, strict=True)
                if e.is_number
            )
            assert piece.contains(profile) == (fixed and region.contains(**values))


def test_mixtures_need_perfect_information_and_rational_payoffs():
    signalling_like = SequentialGame(
        Decision(
            "A",
            {
                "x": Decision("B", {"l": Terminal([1, 0]), "r": Terminal([0, 1])}, infoset="h"),
                "y": Decision("B", {"l": Terminal([0, 1]), "r": Terminal([1, 0])}, infoset="h"),
            },
        )
    )
    with pytest.raises(GameError, match="perfect information"):
        gta.subgame_perfect_equilibria(signalling_like, mixed=True)
    irrational = SequentialGame(
        Decision("A", {"x": Terminal(["sqrt(2)"]), "y": Terminal(["sqrt(2)"])})
    )
    with pytest.raises(GameError, match="not rational"):
        gta.subgame_perfect_equilibria(irrational, mixed=True)


def test_too_many_pieces_are_refused_before_the_work_explodes():
    flat = SequentialGame(
        Decision(
            "A",
            {
                f"a{j}": Decision("B", {"x": Terminal([0, 0]), "y": Terminal([1, 0])})
                for j in range(3)
            },
        ),
    )
    with pytest.raises(TooLargeError, match="max_equilibria"):
        gta.subgame_perfect_equilibria(flat, mixed=True, max_equilibria=1)
