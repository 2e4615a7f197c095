"""The memoised enumeration of a tree's perfect Bayesian equilibria against the plain one.

``tree_perfect_bayesian_equilibria`` remembers the values of subtrees, the
conditions at each information set and the solutions of polynomial systems
by the behaviour they depend on; with ``memo=False`` it recomputes every one
for every profile. The two must give the same result, equilibria, beliefs,
payoffs, families and notes, on random trees with chance moves, information
sets that span chance outcomes, three players, and payoffs drawn from a
few values (ties, hence continua of equilibria and degenerate systems).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from gambit_trees import deterrence_trees, priors, signalling_trees
from hypothesis import event, given, settings
from hypothesis import strategies as st

from gametheory_alliances.sequential import Chance, Decision, SequentialGame, Terminal
from gametheory_alliances.solvers.perfect_bayesian_trees import (
    TreePBEResult,
    tree_perfect_bayesian_equilibria,
)

EXAMPLES = settings(max_examples=15, deadline=None, derandomize=True)

tied = st.integers(-1, 1)


@st.composite
def horse_trees(draw: Any) -> SequentialGame:
    """Selten's horse after a chance move that players 1 and 2 observe and player 3 does not.

    Player 3's one information set holds the four nodes where 1 ends or 2
    passes, across both chance outcomes; whether 1 observes the outcome is
    drawn too.
    """
    prior = draw(priors(2))
    observed = draw(st.booleans())

    def leaf() -> Terminal:
        return Terminal([draw(tied), draw(tied), draw(tied)])

    def three() -> Decision:
        return Decision("3", {"L": leaf(), "R": leaf()}, infoset="3")

    def state(s: str) -> Decision:
        two = Decision("2", {"c": leaf(), "d": three()}, infoset=f"2 in {s}")
        return Decision("1", {"C": two, "D": three()}, infoset=f"1 in {s}" if observed else "1")

    root = Chance({s: (p, state(s)) for s, p in zip("ab", prior, strict=True)})
    return SequentialGame(root, players=["1", "2", "3"])


def _canonical(result: TreePBEResult) -> tuple[Any, ...]:
    return (
        result.notes,
        result.enumerated,
        [
            (
                eq.profile,
                eq.payoffs,
                eq.family,
                [(b.label, b.on_path, b.vertices, b.interval) for b in eq.beliefs],
            )
            for eq in result
        ],
    )


@EXAMPLES
@given(st.one_of(horse_trees(), deterrence_trees(tied), signalling_trees(tied)))
def test_the_memo_changes_nothing(game: SequentialGame) -> None:
    fast = tree_perfect_bayesian_equilibria(game)
    plain = tree_perfect_bayesian_equilibria(game, memo=False)
    assert _canonical(fast) == _canonical(plain)
    assert all(eq.certify().ok for eq in fast)
    event("mixed equilibria" if any(not eq.is_pure for eq in fast) else "pure only")
    event("continua noted" if any("continuum" in n for n in fast.notes) else "no continuum")


def test_the_memo_keeps_a_family_found_through_shared_subtrees() -> None:
    # Matching pennies after a chance move nobody observes: both sets must mix, so the
    # polynomial stage runs, and its subtrees recur under every support profile.
    def pennies(flip: int) -> Decision:
        def guess(a: str) -> Decision:
            win = 1 if a == "H" else -1
            return Decision(
                "2",
                {
                    "h": Terminal([flip * win, -flip * win]),
                    "t": Terminal([-flip * win, flip * win]),
                },
                infoset="2",
            )

        return Decision("1", {"H": guess("H"), "T": guess("T")}, infoset="1")

    game = SequentialGame(Chance({"same": ("3/4", pennies(1)), "flipped": ("1/4", pennies(-1))}))
    fast = tree_perfect_bayesian_equilibria(game)
    assert _canonical(fast) == _canonical(tree_perfect_bayesian_equilibria(game, memo=False))
    assert [eq.profile for eq in fast] == [((Fraction(1, 2),) * 2, (Fraction(1, 2),) * 2)]
