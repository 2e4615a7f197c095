"""Properties of perfect Bayesian equilibria of random signalling games.

* every reported equilibrium passes its exact certificate, and its beliefs
  are probability vectors;
* the pure equilibria found with ``mixed=False`` are exactly the pure ones
  found with ``mixed=True``;
* relabelling types (permuting them with their priors) permutes the
  equilibria and keeps the Intuitive Criterion verdicts;
* adding to the sender's payoffs a constant per type, and to the
  receiver's a constant per (type, message), changes no equilibrium
  strategy, belief set or verdict (neither player's comparisons change).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_alliances.signalling import SignallingGame
from gametheory_alliances.solvers.perfect_bayesian import perfect_bayesian_equilibria

EXAMPLES = settings(max_examples=30, deadline=None, derandomize=True)


@st.composite
def signalling_data(draw: Any) -> dict[str, Any]:
    # at most a few hundred support profiles, so that each example takes well under a second
    nt = draw(st.integers(2, 3))
    nm = draw(st.integers(1, 2))
    nr = draw(st.integers(1, 2)) if nt == 3 else draw(st.integers(1, 3))
    weights = draw(
        st.lists(st.integers(0, 3), min_size=nt, max_size=nt).filter(lambda w: sum(w) > 0)
    )
    priors = [Fraction(w, sum(weights)) for w in weights]
    value = st.integers(-2, 2)
    payoffs = [
        [[(draw(value), draw(value)) for _ in range(nr)] for _ in range(nm)] for _ in range(nt)
    ]
    return {
        "types": [f"t{i}" for i in range(nt)],
        "priors": priors,
        "messages": [f"m{j}" for j in range(nm)],
        "responses": [f"r{k}" for k in range(nr)],
        "payoffs": payoffs,
    }


def build(data: dict[str, Any]) -> SignallingGame:
    return SignallingGame.from_arrays(
        data["types"], data["priors"], data["messages"], data["responses"], data["payoffs"]
    )


def summary(result: Any) -> set[tuple[Any, ...]]:
    return {
        (
            eq.sender,
            eq.receiver,
            tuple((b.on_path, b.vertices) for b in eq.beliefs),
            eq.survives_intuitive_criterion,
            eq.classification,
        )
        for eq in result
    }


@EXAMPLES
@given(signalling_data())
def test_every_equilibrium_certifies(data: dict[str, Any]) -> None:
    result = perfect_bayesian_equilibria(build(data))
    for eq in result:
        cert = eq.certify()
        assert cert.ok and cert.exact
        for b in eq.beliefs:
            assert b.vertices
            for v in b.vertices:
                assert sum(v) == 1 and min(v) >= 0
        assert eq.sender_payoff == sum(
            Fraction(p) * u for p, u in zip(data["priors"], eq.sender_payoffs, strict=True)
        )


@EXAMPLES
@given(signalling_data())
def test_pure_enumeration_matches_the_pure_part_of_the_mixed_one(data: dict[str, Any]) -> None:
    game = build(data)
    pure = summary(perfect_bayesian_equilibria(game, mixed=False))
    full = perfect_bayesian_equilibria(game, mixed=True)
    assert pure == summary([eq for eq in full if eq.is_pure])


@EXAMPLES
@given(signalling_data(), st.randoms(use_true_random=False))
def test_relabelling_types_permutes_the_equilibria(data: dict[str, Any], rnd: Any) -> None:
    nt = len(data["types"])
    order = list(range(nt))
    rnd.shuffle(order)
    permuted = {
        **data,
        "types": [data["types"][i] for i in order],
        "priors": [data["priors"][i] for i in order],
        "payoffs": [data["payoffs"][i] for i in order],
    }
    a = perfect_bayesian_equilibria(build(data))
    b = perfect_bayesian_equilibria(build(permuted))

    def key(result: Any, perm: list[int]) -> set[tuple[Any, ...]]:
        inverse = {old: new for new, old in enumerate(perm)}
        return {
            (
                tuple(eq.sender[inverse[i]] for i in range(nt)),
                eq.receiver,
                tuple(
                    frozenset(tuple(v[inverse[i]] for i in range(nt)) for v in bel.vertices)
                    for bel in eq.beliefs
                ),
                eq.survives_intuitive_criterion,
            )
            for eq in result
        }

    assert key(a, list(range(nt))) == key(b, order)


@EXAMPLES
@given(signalling_data(), st.data())
def test_payoff_shifts_that_keep_comparisons_change_nothing(
    data: dict[str, Any], draw: Any
) -> None:
    nt, nm = len(data["types"]), len(data["messages"])
    shift = st.integers(-5, 5)
    sender_shift = [draw.draw(shift) for _ in range(nt)]
    receiver_shift = [[draw.draw(shift) for _ in range(nm)] for _ in range(nt)]
    shifted = {
        **data,
        "payoffs": [
            [
                [(s + sender_shift[i], r + receiver_shift[i][j]) for s, r in cell]
                for j, cell in enumerate(row)
            ]
            for i, row in enumerate(data["payoffs"])
        ],
    }
    assert summary(perfect_bayesian_equilibria(build(data))) == summary(
        perfect_bayesian_equilibria(build(shifted))
    )
