"""Properties of subgame-perfect equilibria on random perfect-information trees."""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_alliances.io.efg import parse_efg, write_efg
from gametheory_alliances.sequential import Chance, Decision, SequentialGame, Terminal
from gametheory_alliances.solvers.backward_induction import subgame_perfect_equilibria

N_PLAYERS = 2


def trees(max_leaves: int = 9) -> st.SearchStrategy[Any]:
    """Nested tuples: ("t", payoffs) | ("d", player, children) | ("c", weights, children)."""
    leaf = st.tuples(
        st.just("t"), st.lists(st.integers(0, 2), min_size=N_PLAYERS, max_size=N_PLAYERS)
    )

    def extend(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        kids = st.lists(children, min_size=2, max_size=3)
        decision = st.tuples(st.just("d"), st.integers(0, N_PLAYERS - 1), kids)
        chance = kids.flatmap(
            lambda ks: st.tuples(
                st.just("c"),
                st.lists(st.integers(1, 3), min_size=len(ks), max_size=len(ks)),
                st.just(ks),
            )
        )
        return st.one_of(decision, decision, chance)

    return st.recursive(leaf, extend, max_leaves=max_leaves).filter(lambda t: t[0] != "t")


def build(t: Any) -> Any:
    if t[0] == "t":
        return Terminal(list(t[1]))
    if t[0] == "c":
        total = sum(t[1])
        return Chance(
            {
                f"c{j}": (Fraction(w, total), build(s))
                for j, (w, s) in enumerate(zip(t[1], t[2], strict=True))
            }
        )
    return Decision(t[1], {f"a{j}": build(s) for j, s in enumerate(t[2])})


def game_of(t: Any) -> SequentialGame:
    return SequentialGame(build(t), players=[f"P{i}" for i in range(N_PLAYERS)])


def oracle(t: Any) -> set[tuple[int, ...]]:
    """Brute force: pure profiles (decision nodes in preorder) from which no player gains in
    any subgame by changing any set of its own choices there."""
    decisions: list[Any] = []
    below: list[list[int]] = []

    def walk(node: Any) -> list[int]:
        if node[0] == "t":
            return []
        mine: list[int] = []
        if node[0] == "d":
            k = len(decisions)
            decisions.append(node)
            below.append([])
            mine.append(k)
        for s in node[2]:
            mine += walk(s)
        if node[0] == "d":
            below[mine[0]] = mine
        return mine

    walk(t)
    where = {id(n): k for k, n in enumerate(decisions)}

    def value(node: Any, prof: tuple[int, ...]) -> list[Fraction]:
        if node[0] == "t":
            return [Fraction(v) for v in node[1]]
        if node[0] == "c":
            total = sum(node[1])
            acc = [Fraction(0)] * N_PLAYERS
            for w, s in zip(node[1], node[2], strict=True):
                acc = [a + Fraction(w, total) * v for a, v in zip(acc, value(s, prof), strict=True)]
            return acc
        return value(node[2][prof[where[id(node)]]], prof)

    spaces = [range(len(n[2])) for n in decisions]
    found = set()
    for prof in itertools.product(*spaces):
        good = True
        for k, node in enumerate(decisions):
            base = value(node, prof)
            for i in range(N_PLAYERS):
                own = [m for m in below[k] if decisions[m][1] == i]
                for alt in itertools.product(*(spaces[m] for m in own)):
                    dev = list(prof)
                    for m, a in zip(own, alt, strict=True):
                        dev[m] = a
                    if value(node, tuple(dev))[i] > base[i]:
                        good = False
                        break
                if not good:
                    break
            if not good:
                break
        if good:
            found.add(prof)
    return found


@settings(max_examples=60)
@given(trees())
def test_spe_are_exactly_the_brute_force_profiles(t: Any) -> None:
    game = game_of(t)
    result = subgame_perfect_equilibria(game)
    decision_sets = [nd.infoset for nd in game.nodes if nd.kind == "decision"]
    ours = [tuple(eq.profile[h].index(1) for h in decision_sets) for eq in result]
    assert len(ours) == len(set(ours))
    assert set(ours) == oracle(t)
    for eq in result:
        assert eq.is_pure and eq.certify()


@settings(max_examples=60)
@given(trees())
def test_vectorised_and_enumerated_spe_agree(t: Any) -> None:
    game = game_of(t)
    auto = subgame_perfect_equilibria(game)
    enumerated = subgame_perfect_equilibria(game, method="enumerate")
    assert [eq.profile for eq in auto] == [eq.profile for eq in enumerated]
    assert [eq.exact_payoffs for eq in auto] == [eq.exact_payoffs for eq in enumerated]


@settings(max_examples=40)
@given(trees())
def test_efg_round_trip_keeps_the_strategic_form(t: Any) -> None:
    game = game_of(t)
    again = parse_efg(write_efg(game))
    a = game.to_normal_form().payoff_arrays(exact=True)
    b = again.to_normal_form().payoff_arrays(exact=True)
    assert all((x == y).all() for x, y in zip(a, b, strict=True))
