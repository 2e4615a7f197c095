"""Subgame-perfect equilibria: textbook trees, brute force, pygambit, the vectorised pass."""

from __future__ import annotations

import importlib
import itertools
import random
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pygambit
import pytest

from gametheory_alliances.equilibrium import SolverResult
from gametheory_alliances.errors import ShapeError, SolverError, TooLargeError
from gametheory_alliances.io.efg import read_efg, write_efg
from gametheory_alliances.sequential import Chance, Decision, SequentialGame, Terminal
from gametheory_alliances.solvers import array_backward_induction, credibility
from gametheory_alliances.solvers.array_backward_induction import ArrayTree, backward_induction
from gametheory_alliances.solvers.backward_induction import (
    SubgamePerfectEquilibrium,
    spe_to_json,
    subgame_perfect_equilibria,
)
from gametheory_alliances.solvers.credibility import credibility_report
from gametheory_alliances.solvers.vertex_enumeration import nash_equilibria

GAMES = Path(__file__).resolve().parent.parent / "models" / "games"

# The package exports a function of the same name; take the module itself.
backward_induction_module = importlib.import_module(
    "gametheory_alliances.solvers.backward_induction"
)


# -- textbook trees ----------------------------------------------------------------------------


def test_chain_store_has_one_spe_and_an_incredible_threat() -> None:
    game = read_efg(GAMES / "chain_store.efg")
    spe = subgame_perfect_equilibria(game)
    assert len(spe) == 1
    assert spe[0].choices() == {"Entrant at root": "Enter", "Incumbent after Enter": "Acquiesce"}
    assert spe[0].path == ("Enter", "Acquiesce")
    assert spe[0].exact_payoffs == (2, 2)
    report = credibility_report(game)
    threats = [c for c in report.nash if not c.subgame_perfect]
    # Stay out, backed by Fight (pure) or by fighting with probability at least 1/2.
    assert len(threats) == 2
    for c in threats:
        assert c.equilibrium.exact_payoffs == (1, 5)
        assert c.behaviour["Incumbent after Enter"]["Fight"] >= Fraction(1, 2)
    perfect = [c for c in report.nash if c.subgame_perfect]
    assert [c.equilibrium.exact_payoffs for c in perfect] == [(2, 2)]
    assert report.to_dict()["nash"][0]["subgame_perfect"] is False


def test_centipede_take_everywhere() -> None:
    game = read_efg(GAMES / "centipede4.efg")
    for method in ("auto", "enumerate"):
        spe = subgame_perfect_equilibria(game, method=method)
        assert len(spe) == 1
        assert set(spe[0].choices().values()) == {"Take"}
        assert spe[0].path == ("Take",)
        assert spe[0].exact_payoffs == (Fraction(2, 5), Fraction(1, 10))
    assert subgame_perfect_equilibria(game).method == "backward induction (vectorised)"


def test_tie_gives_every_spe() -> None:
    game = read_efg(GAMES / "entry_tie.efg")
    spe = subgame_perfect_equilibria(game)
    assert spe.method == "backward induction"
    assert [eq.choices() for eq in spe] == [
        {"Entrant at root": "Stay out", "Incumbent after Enter": "Fight"},
        {"Entrant at root": "Enter", "Incumbent after Enter": "Acquiesce"},
    ]
    assert [eq.exact_payoffs for eq in spe] == [(1, 2), (2, 1)]
    assert all(eq.certify() for eq in spe)


def test_tie_below_changes_the_movers_choice_above() -> None:
    # B is indifferent; A's best move depends on which of B's choices is selected.
    game = SequentialGame(
        Decision(
            "A",
            {
                "Safe": [1, 0],
                "Risky": Decision("B", {"Punish": [0, 5], "Reward": [2, 5]}),
            },
        )
    )
    spe = subgame_perfect_equilibria(game)
    assert [eq.path for eq in spe] == [("Safe",), ("Risky", "Reward")]
    assert [eq.exact_payoffs for eq in spe] == [(1, 0), (2, 5)]


def test_imperfect_information_subgame_is_solved_and_composed() -> None:
    game = read_efg(GAMES / "entry_simultaneous.efg")
    spe = subgame_perfect_equilibria(game)
    assert spe.method == "subgame decomposition"
    assert len(spe) == 3
    summary = sorted((eq.path, eq.exact_payoffs) for eq in spe)
    assert summary == [
        (("Enter", "Fight", "Accommodate"), (3, 0)),
        (("Stay out",), (0, 4)),
        (("Stay out",), (0, 4)),
    ]
    mixed = [eq for eq in spe if not eq.is_pure]
    assert len(mixed) == 1
    assert mixed[0].exact_behaviour["Incumbent"] == {  # type: ignore[index]
        "Fight": Fraction(2, 3),
        "Accommodate": Fraction(1, 3),
    }
    assert all(eq.certify() for eq in spe)


def test_chance_moves_path_lists_every_branch() -> None:
    game = SequentialGame(
        Chance(
            {
                "Committed": (
                    Fraction(1, 4),
                    Decision("Challenger", {"Attack": [-1, 1], "Wait": [0, 0]}),
                ),
                "Not": (
                    Fraction(3, 4),
                    Decision("Challenger", {"Attack": [1, -1], "Wait": [0, 0]}),
                ),
            }
        ),
        players=["Challenger", "Patron"],
    )
    spe = subgame_perfect_equilibria(game)
    assert len(spe) == 1
    assert spe[0].path == ("Committed", "Wait", "Not", "Attack")
    assert spe[0].exact_payoffs == (Fraction(3, 4), Fraction(-3, 4))
    assert spe[0].outcomes == (
        (("Committed", "Wait"), Fraction(1, 4)),
        (("Not", "Attack"), Fraction(3, 4)),
    )


def test_symbolic_game_needs_binding() -> None:
    game = SequentialGame(
        Decision("A", {"x": ["b", 0], "y": [1, 0]}), players=["A", "B"], parameters=["b"]
    )
    with pytest.raises(SolverError, match="unbound parameters b"):
        subgame_perfect_equilibria(game)
    assert [eq.path for eq in subgame_perfect_equilibria(game.at(b=1))] == [("x",), ("y",)]
    assert [eq.path for eq in subgame_perfect_equilibria(game.at(b=2))] == [("x",)]


def test_too_many_equilibria_is_announced() -> None:
    # Six independent indifferent movers below an indifferent root: 6 * 2**6 SPE.
    leaves = {f"m{k}": Decision(1, {"l": [0, 0], "r": [0, 0]}) for k in range(6)}
    game = SequentialGame(Decision(0, leaves), players=["A", "B"])
    with pytest.raises(TooLargeError, match="max_equilibria = 100"):
        subgame_perfect_equilibria(game, max_equilibria=100)
    assert len(subgame_perfect_equilibria(game, max_equilibria=10_000)) == 6 * 2**6


def test_certify_rejects_a_non_credible_profile() -> None:
    game = read_efg(GAMES / "chain_store.efg")
    threat = SubgamePerfectEquilibrium(
        game,
        ((Fraction(1), Fraction(0)), (Fraction(1), Fraction(0))),
        (1.0, 5.0),
        (Fraction(1), Fraction(5)),
    )
    cert = threat.certify()
    assert not cert and cert.regrets == (0, 2)


def test_json_form() -> None:
    data = spe_to_json(subgame_perfect_equilibria(read_efg(GAMES / "chain_store.efg")))
    assert data["concept"] == "spe"
    eq = data["equilibria"][0]
    assert eq["path"] == ["Enter", "Acquiesce"]
    assert eq["behaviour"]["Incumbent after Enter"] == {"Fight": 0.0, "Acquiesce": 1.0}
    assert eq["exact"]["payoffs"] == ["2", "2"]


def test_three_players_with_imperfect_information() -> None:
    # After In, A, B and C choose x or y without seeing each other; all gain 1 if all match.
    def match(a: str, b: str, c: str) -> list[int]:
        same = int(a == b == c)
        return [same, same, same]

    sub = {
        a: Decision(
            "B",
            {b: Decision("C", {c: match(a, b, c) for c in "xy"}, infoset="C") for b in "xy"},
            infoset="B",
        )
        for a in "xy"
    }
    game = SequentialGame(
        Decision("A", {"Out": [Fraction(1, 2), 0, 0], "In": Decision("A", sub)}),
        players=["A", "B", "C"],
    )
    spe = subgame_perfect_equilibria(game)
    assert any("pure equilibria only" in n for n in spe.notes)
    assert sorted(eq.path for eq in spe) == [("In", "x", "x", "x"), ("In", "y", "y", "y")]
    assert all(eq.certify() for eq in spe)


# -- brute force on random perfect-information trees --------------------------------------------


def random_pi_tree(
    rng: random.Random, n_players: int, max_depth: int, values: int, max_profiles: int = 1500
) -> Any:
    """A random perfect-information tree as nested tuples (small payoff range: many ties).

    Trees with more than ``max_profiles`` pure behaviour profiles are redrawn, so that brute
    force stays quick.
    """
    while True:
        tree = _draw_tree(rng, n_players, max_depth, values)
        if _profiles(tree) <= max_profiles:
            return tree


def _profiles(t: Any) -> int:
    if t[0] == "t":
        return 1
    count = len(t[2]) if t[0] == "d" else 1
    for s in t[2]:
        count *= _profiles(s)
    return count


def _draw_tree(rng: random.Random, n_players: int, max_depth: int, values: int) -> Any:

    def grow(depth: int) -> Any:
        if depth >= max_depth or (depth > 0 and rng.random() < 0.3):
            return ("t", [rng.randint(0, values) for _ in range(n_players)])
        if rng.random() < 0.15:
            k = rng.randint(2, 3)
            w = [rng.randint(1, 3) for _ in range(k)]
            return ("c", [Fraction(x, sum(w)) for x in w], [grow(depth + 1) for _ in range(k)])
        return ("d", rng.randrange(n_players), [grow(depth + 1) for _ in range(rng.randint(2, 3))])

    return grow(0)


def to_game(tree: Any, n_players: int) -> SequentialGame:
    def build(t: Any) -> Any:
        if t[0] == "t":
            return Terminal(t[1])
        if t[0] == "c":
            return Chance(
                {f"c{j}": (p, build(s)) for j, (p, s) in enumerate(zip(t[1], t[2], strict=True))}
            )
        return Decision(t[1], {f"a{j}": build(s) for j, s in enumerate(t[2])})

    return SequentialGame(build(tree), players=[f"P{i}" for i in range(n_players)])


def brute_force_spe(tree: Any, n_players: int) -> set[tuple[int, ...]]:
    """Every pure profile (one action per decision node, preorder) that is an SPE.

    A profile is subgame perfect when, in every subgame, no player gains by
    changing any of its own choices in that subgame (all pure deviations).
    """
    decisions: list[Any] = []
    subtree: dict[int, list[int]] = {}

    def index(t: Any) -> list[int]:
        if t[0] == "t":
            return []
        mine = []
        if t[0] == "d":
            k = len(decisions)
            decisions.append(t)
            mine.append(k)
            inside = [k]
            for s in t[2]:
                inside += index(s)
            subtree[k] = inside
            return inside
        for s in t[2]:
            mine += index(s)
        return mine

    index(tree)
    order = {id(t): k for k, t in enumerate(decisions)}

    def value(t: Any, profile: tuple[int, ...]) -> list[Fraction]:
        if t[0] == "t":
            return [Fraction(v) for v in t[1]]
        if t[0] == "c":
            out = [Fraction(0)] * n_players
            for p, s in zip(t[1], t[2], strict=True):
                out = [a + p * b for a, b in zip(out, value(s, profile), strict=True)]
            return out
        return value(t[2][profile[order[id(t)]]], profile)

    found = set()
    ranges = [range(len(d[2])) for d in decisions]
    for profile in itertools.product(*ranges):
        ok = True
        for k, node in enumerate(decisions):
            base = value(node, profile)
            for i in range(n_players):
                own = [m for m in subtree[k] if decisions[m][1] == i]
                for alt in itertools.product(*(ranges[m] for m in own)):
                    dev = list(profile)
                    for m, a in zip(own, alt, strict=True):
                        dev[m] = a
                    if value(node, tuple(dev))[i] > base[i]:
                        ok = False
                        break
                if not ok:
                    break
            if not ok:
                break
        if ok:
            found.add(profile)
    return found


def spe_profiles(game: SequentialGame, result: Any) -> set[tuple[int, ...]]:
    decision_sets = [
        game.nodes[k].infoset for k in range(game.n_nodes) if game.nodes[k].kind == "decision"
    ]
    out = set()
    for eq in result:
        assert eq.is_pure
        out.add(tuple(eq.profile[h].index(1) for h in decision_sets))
    return out


@pytest.mark.parametrize("seed", range(40))
def test_every_spe_of_random_trees_matches_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    n_players = 2 + seed % 2
    tree = random_pi_tree(rng, n_players, 3, 2, max_profiles=800)
    game = to_game(tree, n_players)
    result = subgame_perfect_equilibria(game)
    expected = brute_force_spe(tree, n_players)
    assert spe_profiles(game, result) == expected
    assert len(result) == len(expected)
    assert all(eq.certify() for eq in result)
    if len(expected) == 1:
        assert subgame_perfect_equilibria(game, method="enumerate")[0].profile == result[0].profile


# -- pygambit as the oracle for Nash equilibria of the reduced form ----------------------------------


def _payoff_set(equilibria: Any, players: Any) -> set[tuple[Fraction, ...]]:
    return {tuple(Fraction(str(eq.payoff(p))) for p in players) for eq in equilibria}


@pytest.mark.parametrize("name", sorted(p.name for p in GAMES.glob("*.efg")))
def test_nash_payoffs_of_catalogue_games_match_gambit(name: str) -> None:
    game = read_efg(GAMES / name)
    g = pygambit.read_efg(str(GAMES / name))
    theirs = _payoff_set(pygambit.nash.enummixed_solve(g, rational=True).equilibria, g.players)
    ours = {eq.exact_payoffs for eq in nash_equilibria(game.to_normal_form())}
    assert ours == theirs


@pytest.mark.parametrize("seed", range(10))
def test_nash_payoffs_of_random_trees_match_gambit(seed: int, tmp_path: Path) -> None:
    rng = random.Random(1000 + seed)
    while True:  # strategic forms of at most 40 cells keep Gambit's enumeration quick
        tree = random_pi_tree(rng, 2, 3, 3, max_profiles=300)
        game = to_game(tree, 2)
        if np.prod(game.to_normal_form().shape) <= 40:
            break
    path = tmp_path / "g.efg"
    write_efg(game, path)
    g = pygambit.read_efg(str(path))
    theirs = _payoff_set(pygambit.nash.enummixed_solve(g, rational=True).equilibria, g.players)
    ours = {eq.exact_payoffs for eq in nash_equilibria(game.to_normal_form())}
    assert ours == theirs
    # Every SPE is a Nash equilibrium, so its payoffs are among them when pure SPE are extreme.
    pure_nash = _payoff_set(pygambit.nash.enumpure_solve(g).equilibria, g.players)
    assert {eq.exact_payoffs for eq in subgame_perfect_equilibria(game)} <= pure_nash


def test_credibility_report_marks_exactly_the_brute_force_spe() -> None:
    for seed in range(8):
        rng = random.Random(500 + seed)
        tree = random_pi_tree(rng, 3, 3, 2)
        game = to_game(tree, 3)
        report = credibility_report(game)
        spe = subgame_perfect_equilibria(game)
        for check in report.nash:
            # A pure reduced-form equilibrium is subgame perfect exactly when it agrees with
            # some SPE wherever its own strategies reach.
            agree = any(
                all(
                    b is None or b == dict(zip(h.actions, s.profile[k], strict=True))
                    for k, (h, b) in enumerate(
                        zip(game.infosets, check.behaviour.values(), strict=True)
                    )
                )
                for s in spe
            )
            assert check.subgame_perfect == agree


# -- the vectorised pass -------------------------------------------------------------------------


def recursive_values(tree: ArrayTree) -> tuple[np.ndarray, bool]:
    """Plain recursion over the level arrays: the root values and whether a tie was met."""
    firsts = []
    for d in range(tree.depth):
        counts = tree.n_children[d]
        firsts.append(np.concatenate(([0], np.cumsum(counts)[:-1])))
    tie = False

    def solve(d: int, k: int) -> np.ndarray:
        nonlocal tie
        if tree.n_children[d][k] == 0:
            return tree.payoffs[tree.leaf[d][k]]
        kids = [firsts[d][k] + j for j in range(tree.n_children[d][k])]
        vals = [solve(d + 1, c) for c in kids]
        p = tree.players[d][k]
        if p < 0:
            return sum(tree.probs[d + 1][c] * v for c, v in zip(kids, vals, strict=True))
        us = [v[p] for v in vals]
        if sorted(us)[-1] - sorted(us)[-2] < 1e-9:
            tie = True
        return vals[int(np.argmax(us))]

    return solve(0, 0), tie


def test_vectorised_complete_tree_matches_recursion() -> None:
    rng = np.random.default_rng(7)
    tree = ArrayTree.complete(depth=8, branching=3, payoffs=rng.random((3**8, 3)))
    res = backward_induction(tree)
    values, tie = recursive_values(tree)
    assert res.unique and not tie
    assert np.allclose(res.values, values)
    assert len(res.path) == 8


@pytest.mark.parametrize("seed", range(10))
def test_vectorised_ragged_tree_with_chance_matches_enumeration(seed: int) -> None:
    rng = random.Random(2000 + seed)
    tree = random_pi_tree(rng, 2, 5, 50, max_profiles=10**12)
    game = to_game(tree, 2)
    arrays, _ = ArrayTree.from_game(game)
    res = backward_induction(arrays)
    values, tie = recursive_values(arrays)
    assert np.allclose(res.values, values)
    assert res.unique == (not tie)
    spe = subgame_perfect_equilibria(game, method="enumerate")
    if res.unique:
        assert len(spe) == 1
        assert np.allclose(res.values, spe[0].payoffs)
        assert subgame_perfect_equilibria(game)[0].profile == spe[0].profile


def test_array_tree_validation() -> None:
    with pytest.raises(ShapeError, match="payoffs"):
        ArrayTree.complete(depth=2, branching=2, payoffs=np.zeros((3, 2)))
    good = ArrayTree.complete(depth=1, branching=2, payoffs=np.zeros((2, 2)))
    with pytest.raises(ShapeError, match="children"):
        ArrayTree(
            good.players, (np.array([3]), good.n_children[1]), good.leaf, good.probs, good.payoffs
        )
    with pytest.raises(ShapeError, match="finite"):
        ArrayTree(
            good.players, good.n_children, good.leaf, good.probs, np.array([[np.nan, 0], [0, 0]])
        )
    with pytest.raises(SolverError):
        ArrayTree.from_game(read_efg(GAMES / "entry_simultaneous.efg"))


# -- imperfect information: Nash in every subgame, checked on strategic forms --------------------


def random_imperfect_tree(rng: random.Random) -> SequentialGame:
    """Two players; some moves of one player are followed by an unobserved move of the other."""
    counter = itertools.count()

    def grow(depth: int) -> Any:
        if depth >= 3 or (depth > 0 and rng.random() < 0.25):
            return Terminal([rng.randint(-2, 3), rng.randint(-2, 3)])
        player = rng.randrange(2)
        if rng.random() < 0.5 and depth < 2:
            label = f"h{next(counter)}"
            acts = [f"b{j}" for j in range(2)]
            return Decision(
                player,
                {
                    f"a{j}": Decision(1 - player, {b: grow(depth + 2) for b in acts}, infoset=label)
                    for j in range(2)
                },
            )
        return Decision(player, {f"a{j}": grow(depth + 1) for j in range(2)})

    return SequentialGame(grow(0), players=["P1", "P2"])


@pytest.mark.parametrize("seed", range(15))
def test_spe_of_imperfect_information_trees_is_nash_in_every_subgame(seed: int) -> None:
    from gametheory_alliances.equilibrium import Equilibrium

    game = random_imperfect_tree(random.Random(3000 + seed))
    spe = subgame_perfect_equilibria(game)
    assert len(spe) >= 1
    for eq in spe:
        for r in game.subgame_roots:
            nd = game.nodes[r]
            if nd.kind == "terminal":
                continue
            sub = SequentialGame(game.node(r), players=game.players)
            inside = [h for h, info in enumerate(game.infosets) if r <= info.nodes[0] < nd.end]
            restricted = SubgamePerfectEquilibrium(
                sub, tuple(eq.profile[h] for h in inside), (0.0, 0.0), (Fraction(0), Fraction(0))
            )
            nf = sub.to_normal_form()
            mixed = [[str(p) for p in s] for s in restricted.reduced_strategies()]
            assert Equilibrium.from_profile(nf, mixed).certify(), (seed, r)
    # The SPE payoffs of the whole game are Nash payoffs of its strategic form.
    nash_payoffs = {e.exact_payoffs for e in nash_equilibria(game.to_normal_form())}
    pure = [eq for eq in spe if eq.is_pure]
    from gametheory_alliances.solvers.pure import pure_equilibria

    pure_payoffs = {e.exact_payoffs for e in pure_equilibria(game.to_normal_form())}
    assert {eq.exact_payoffs for eq in pure} <= pure_payoffs
    assert nash_payoffs


@pytest.mark.parametrize(("branching", "seed"), [(2, 0), (3, 1), (2, 2)])
def test_vectorised_levels_with_several_movers_match_recursion(branching: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    depth = 6
    base = ArrayTree.complete(depth, branching, rng.integers(0, 4, (branching**depth, 3)) * 1.0)
    movers = tuple(
        rng.integers(0, 3, len(p)).astype(np.int64) if d < depth else p
        for d, p in enumerate(base.players)
    )
    tree = ArrayTree(movers, base.n_children, base.leaf, base.probs, base.payoffs)
    res = backward_induction(tree)
    values, tie = recursive_values(tree)
    assert res.unique == (not tie)
    if not tie:
        assert np.allclose(res.values, values)
    # The recorded actions are best actions everywhere, ties or not.
    firsts = [np.concatenate(([0], np.cumsum(c)[:-1])) for c in tree.n_children]

    def value(d: int, k: int) -> np.ndarray:
        if tree.n_children[d][k] == 0:
            return tree.payoffs[tree.leaf[d][k]]
        return value(d + 1, firsts[d][k] + int(res.actions[d][k]))

    for d in range(depth):
        for k in range(len(tree.players[d])):
            i = tree.players[d][k]
            options = [value(d + 1, firsts[d][k] + j)[i] for j in range(branching)]
            assert value(d, k)[i] == max(options)
            assert bool(res.ties[d][k]) == (options.count(max(options)) > 1)


def test_irrational_payoffs_are_solved_in_floating_point() -> None:
    import sympy

    game = SequentialGame(
        Decision("A", {"x": [sympy.sqrt(2), 0], "y": Decision("B", {"l": [1, 1], "r": [2, 1]})})
    )
    assert not game.is_exact
    spe = subgame_perfect_equilibria(game)
    assert not spe.exact and [eq.path for eq in spe] == [("x",), ("y", "r")]
    assert spe[0].payoffs == pytest.approx((2**0.5, 0.0)) and spe[0].exact_payoffs is None
    assert all(eq.certify() for eq in spe)


def test_normal_form_solvers_accept_sequential_games() -> None:
    from gametheory_alliances.solvers.pure import pure_equilibria

    game = read_efg(GAMES / "chain_store.efg")
    assert len(pure_equilibria(game)) == 2
    assert len(nash_equilibria(game)) == 3


# -- names that moved out of the module ----------------------------------------------------------

MOVED = [
    (name, array_backward_induction)
    for name in ("ArrayBackwardInduction", "ArrayTree", "backward_induction")
] + [(name, credibility) for name in ("CredibilityReport", "NashCheck", "credibility_report")]


@pytest.mark.parametrize(("name", "new_home"), MOVED, ids=[name for name, _ in MOVED])
def test_a_moved_name_still_comes_from_backward_induction_with_a_deprecation_warning(
    name: str, new_home: Any
) -> None:
    with pytest.warns(DeprecationWarning, match=f"{name} moved to {new_home.__name__}.{name}"):
        old = getattr(backward_induction_module, name)
    assert old is getattr(new_home, name)


def test_the_old_from_import_of_credibility_report_gives_the_same_function_and_warns() -> None:
    with pytest.warns(DeprecationWarning, match="credibility_report moved"):
        from gametheory_alliances.solvers.backward_induction import credibility_report as old
    assert old is credibility_report


def test_an_unknown_name_of_backward_induction_is_still_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        backward_induction_module.no_such_name  # noqa: B018


def test_the_package_names_are_the_functions_not_the_modules() -> None:
    import gametheory_alliances as gta
    from gametheory_alliances import solvers

    assert solvers.backward_induction is backward_induction is gta.backward_induction
    assert solvers.credibility_report is credibility_report is gta.credibility_report


def test_an_spe_result_is_a_solver_result() -> None:
    spe = subgame_perfect_equilibria(read_efg(GAMES / "chain_store.efg"))
    assert isinstance(spe, SolverResult)
    assert spe.components == {} and spe._repr_latex_() is None
    assert repr(spe).startswith("SPEResult(method='backward induction (vectorised)'")
