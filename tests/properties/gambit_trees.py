"""Helpers that put a tree's assessments beside pygambit: the same tree, its regret, its logit limit."""

from __future__ import annotations

import io
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import pygambit
from hypothesis import strategies as st
from scipy.optimize import linprog

from gametheory_alliances.io.efg import write_efg
from gametheory_alliances.sequential import Chance, Decision, SequentialGame, Terminal
from gametheory_alliances.signalling import SignallingGame


def to_gambit(game: SequentialGame) -> tuple[Any, list[Any]]:
    """The pygambit game of a tree, and for each of our information sets its pygambit one."""
    theirs = pygambit.read_efg(io.StringIO(write_efg(game)))
    infosets: list[Any] = [None] * len(game.infosets)
    stack = [(0, theirs.root)]
    while stack:
        k, node = stack.pop()
        ours = game.nodes[k]
        if ours.kind == "decision":
            infosets[ours.infoset] = node.infoset
        stack.extend(zip(ours.children, node.children, strict=True))
    return theirs, infosets


def gambit_regret(game: SequentialGame, profile: Sequence[Sequence[Fraction]]) -> Fraction:
    """pygambit's (Nash) max regret of a behaviour profile, in rationals."""
    theirs, infosets = to_gambit(game)
    p = theirs.mixed_behavior_profile(rational=True)
    for h, probs in enumerate(profile):
        for action, q in zip(infosets[h].actions, probs, strict=True):
            p[action] = q
    return Fraction(p.max_regret())


def logit_limit(game: SequentialGame) -> tuple[list[list[float]], list[float]]:
    """The logit QRE limit (a sequential equilibrium): behaviour and each set's reach probability."""
    theirs, infosets = to_gambit(game)
    p = pygambit.nash.logit_solve(theirs).equilibria[0]
    behaviour = [[float(p[a]) for a in info.actions] for info in infosets]
    reach = [float(p.infoset_prob(info)) for info in infosets]
    return behaviour, reach


# -- random trees with incomplete information ----------------------------------------------------

value = st.integers(-2, 2)
wide = st.integers(-9, 9)


@st.composite
def priors(draw: Any, n: int) -> list[Fraction]:
    weights = draw(st.lists(st.integers(1, 3), min_size=n, max_size=n))
    return [Fraction(w, sum(weights)) for w in weights]


@st.composite
def signalling_trees(draw: Any, value: st.SearchStrategy[int] = value) -> SequentialGame:
    """Signalling games with two or three types, two messages, two or three responses."""
    nt = draw(st.integers(2, 3))
    nr = draw(st.integers(2, 3)) if nt == 2 else 2
    payoffs = [
        [[(draw(value), draw(value)) for _ in range(nr)] for _ in range(2)] for _ in range(nt)
    ]
    game = SignallingGame.from_arrays(
        [f"t{i}" for i in range(nt)],
        draw(priors(nt)),
        ["m0", "m1"],
        [f"r{k}" for k in range(nr)],
        payoffs,
    )
    return game.game


@st.composite
def deterrence_trees(draw: Any, value: st.SearchStrategy[int] = value) -> SequentialGame:
    """Deterrence with private information on both sides, random payoffs and priors.

    Chance draws the challenger's type; it keeps the status quo or challenges;
    chance draws the defender's type; the defender, knowing its type but not
    the challenger's, concedes or resists; the challenger, knowing its type but
    not the defender's, backs down or fights.
    """
    pc, pd = draw(priors(2)), draw(priors(2))

    def leaf() -> Terminal:
        return Terminal([draw(value), draw(value)])

    def after_challenge(c: str) -> Chance:
        def defender(d: str) -> Decision:
            last = Decision("C", {"Back": leaf(), "Fight": leaf()}, infoset=f"C{c} after resist")
            return Decision("D", {"Concede": leaf(), "Resist": last}, infoset=f"D{d}")

        return Chance({f"D{d}": (p, defender(d)) for d, p in zip("HS", pd, strict=True)})

    root = Chance(
        {
            f"C{c}": (p, Decision("C", {"Status quo": leaf(), "Challenge": after_challenge(c)}))
            for c, p in zip("HS", pc, strict=True)
        }
    )
    return SequentialGame(root, players=["C", "D"])


def mixing_sets(behaviour: Sequence[Sequence[float]], tol: float = 1e-4) -> list[int]:
    """The information sets where a numeric behaviour profile puts weight on two actions."""
    return [h for h, probs in enumerate(behaviour) if sum(1 for q in probs if q > tol) > 1]


def in_family_hull(
    result: Sequence[Any],
    behaviour: Sequence[Sequence[float]],
    reach: Sequence[float],
) -> bool:
    """Whether the limit lies in the convex hull of listed equilibria agreeing off its mixing set."""
    reached = [h for h, r in enumerate(reach) if r > 1e-6]
    mixing = mixing_sets(behaviour)
    points = []
    for eq in result:
        if all(
            np.allclose([float(p) for p in eq.profile[h]], behaviour[h], atol=1e-4)
            for h in reached
            if h not in mixing
        ):
            points.append([float(p) for h in mixing for p in eq.profile[h]])
    if not points:
        return False
    target = [q for h in mixing for q in behaviour[h]]
    a = np.array(points).T
    # Feasibility of target = A w, w >= 0, sum w = 1, with slack 1e-4 either way.
    a_ub = np.vstack([a, -a])
    b_ub = np.concatenate([np.array(target) + 1e-4, -np.array(target) + 1e-4])
    lp = linprog(
        np.zeros(len(points)),
        A_ub=a_ub,
        b_ub=b_ub,
        A_eq=np.ones((1, len(points))),
        b_eq=[1.0],
        bounds=(0, None),
        method="highs",
    )
    return bool(lp.status == 0)
