"""The hub-and-spoke model: its SPE against brute force, and its n-dependence against oracles.

The oracles here share no code with the toolkit's solvers or with
``proofs/hub_and_spoke.py``: every pure behaviour profile of the two-spoke
tree is enumerated (vectorised, exact integer payoffs) and kept when no mover
gains by a one-shot deviation; the n-spoke results are recomputed by a
recursion over histories written from the model's description, and the
public-good levels by exact first-order conditions and iterated best responses.
"""

from __future__ import annotations

import itertools
import math
import runpy
from fractions import Fraction
from pathlib import Path

import numpy as np
import pygambit
import pytest

import gametheory_alliances as gta
from gametheory_alliances.sequential import Decision, Terminal

ROOT = Path(__file__).resolve().parents[1]
MODEL = gta.load_model("hub-and-spoke")
DEFAULTS = {name: Fraction(p.default) for name, p in MODEL.parameters.items()}


def point(**values):
    out = dict(DEFAULTS)
    out.update({k: Fraction(v) for k, v in values.items()})
    return out


# -- brute force over the two-spoke tree's pure behaviour profiles -----------------------------


def _flatten(game):
    """Preorder (node, path) pairs of the bound tree, read through the public builder nodes."""
    out = []

    def walk(node, path):
        me = len(out)
        out.append([node, path, []])
        if isinstance(node, Decision):
            for action, sub in node.actions.items():
                out[me][2].append((action, walk(sub, (*path, action))))
        return me

    walk(game.root, ())
    return out


def brute_force_spe(values):
    """Every pure SPE of the two-spoke model at ``values``, by enumerating all profiles.

    Returns the set of SPE as frozensets of (information set label, action).
    """
    game = MODEL.at(**values)
    nodes = _flatten(game)
    labels = {game.node_path(h.nodes[0]): h.label for h in game.infosets}
    players = list(game.players)
    decision = [k for k, (nd, _, _) in enumerate(nodes) if isinstance(nd, Decision)]
    assert len(decision) == len(game.infosets) == 17  # perfect information
    terminal = {
        k: [Fraction(str(x)) for x in nd.payoffs]
        for k, (nd, _, _) in enumerate(nodes)
        if isinstance(nd, Terminal)
    }
    scale = math.lcm(*(x.denominator for pays in terminal.values() for x in pays))
    bits = np.array(list(itertools.product((0, 1), repeat=len(decision))), dtype=np.int8)
    value: dict[int, np.ndarray] = {}
    ok = np.ones(len(bits), dtype=bool)
    for k in reversed(range(len(nodes))):
        node, _, children = nodes[k]
        if k in terminal:
            row = np.array([int(x * scale) for x in terminal[k]], dtype=np.int64)
            value[k] = np.broadcast_to(row, (len(bits), len(row)))
            continue
        column = bits[:, decision.index(k)].astype(bool)
        (_, first), (_, second) = children
        mover = players.index(node.player)
        chosen = np.where(column[:, None], value[second], value[first])
        other = np.where(column[:, None], value[first], value[second])
        ok &= chosen[:, mover] >= other[:, mover]
        value[k] = chosen
    found = set()
    for row in bits[ok]:
        found.add(
            frozenset(
                (labels[nodes[k][1]], nodes[k][2][int(b)][0])
                for k, b in zip(decision, row, strict=True)
            )
        )
    return found


POINTS = [
    ("defaults: the bilateral design restrains", {}),
    ("a large benefit: the multilateral guarantee entraps", {"B": "3/2"}),
    ("the patron values the gain: it fights for provocations anyway", {"v": 3}),
    ("no credible multilateral guarantee", {"r": "1/10"}),
    ("ties: 2 r + v g = k_P and B = 0", {"r": "1/4", "B": 0}),
    ("ties: v g = k_P", {"v": 2, "B": 1}),
]


@pytest.mark.parametrize(("name", "values"), POINTS, ids=[p[0] for p in POINTS])
def test_every_spe_is_found_and_nothing_else(name, values):
    at = point(**values)
    expected = brute_force_spe(at)
    result = gta.subgame_perfect_equilibria(MODEL.at(**at))
    ours = {frozenset(eq.choices().items()) for eq in result}
    assert len(ours) == len(result)
    assert ours == expected
    assert all(eq.certify().ok for eq in result)


def test_ties_give_several_spe():
    assert len(brute_force_spe(point(r="1/4", B=0))) > 1


@pytest.mark.parametrize(("name", "values"), POINTS[:4], ids=[p[0] for p in POINTS[:4]])
def test_each_spe_is_a_nash_equilibrium_of_the_reduced_strategic_form_by_gambit(name, values):
    game = MODEL.at(**point(**values))
    normal = game.to_normal_form()
    g = normal.to_pygambit()
    pure = pygambit.nash.enumpure_solve(g).equilibria
    gambit = {
        tuple(
            next(j for j, s in enumerate(player.strategies) if eq[s] == 1) for player in g.players
        )
        for eq in pure
    }
    for eq in gta.subgame_perfect_equilibria(game):
        mixed = eq.reduced_strategies()
        profile = tuple(row.index(1) for row in mixed)
        assert profile in gambit


def test_the_default_point_and_its_outcomes():
    rows = gta.outcome_table(MODEL)
    assert [r["path"] for r in rows] == [("Bilateral", "Restrain", "Restrain")]
    entrapped = gta.outcome_table(MODEL, B="3/2")
    assert [r["path"] for r in entrapped] == [
        ("Multilateral", "Provoke", "Defend", "Provoke", "Defend")
    ]
    assert entrapped[0]["entrapment"] and entrapped[0]["emboldenment"]
    anyway = gta.outcome_table(MODEL, v=3)
    assert not anyway[0]["entrapment"]  # the patron would fight without the commitment


def test_the_model_refuses_values_outside_the_domains():
    with pytest.raises(gta.DomainError):
        MODEL.at(r=-1)
    with pytest.raises(gta.DomainError):
        MODEL.at(k_P=0)


# -- the n-spoke family, by an independent recursion ----------------------------------------------


def oracle(n, values, h=Fraction(1)):
    """Backward induction over histories for the n-spoke game, with revisionist spokes.

    Returns ``{design: (patron's expected payoff, P(a provoked war), spokes
    provoke, patron defends)}`` and the set of designs the patron chooses.
    Spokes and the patron are assumed to move strictly (the points avoid ties).
    """
    g, c_S, v, k_P, r, B = (values[k] for k in ("g", "c_S", "v", "k_P", "r", "B"))
    out = {}
    for design, cost, bonus in (("Bilateral", 0, 0), ("Multilateral", n * r, B)):
        defend = v * g - k_P > -cost
        assert v * g - k_P != -cost
        provoke = g > 0 if defend else -c_S > 0
        episode = h * ((v * g - k_P) if defend else -cost) if provoke else Fraction(0)
        war = h if (provoke and defend) else Fraction(0)
        payoff = bonus + n * episode
        out[design] = (payoff, 1 - (1 - war) ** n, provoke, defend)
    best = max(p for p, *_ in out.values())
    return out, {d for d, (p, *_) in out.items() if p == best}


@pytest.fixture(scope="module")
def proof():
    return runpy.run_path(str(ROOT / "proofs" / "hub_and_spoke.py"), run_name="hub_and_spoke")


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_the_proofs_n_spoke_game_matches_the_oracle(proof, n):
    params = {**MODEL.parameters, "h": proof["H"]}
    game = proof["hub_and_spoke_game"](n, params, "h")
    for values in (
        point(h="1/3"),
        point(h="1/3", r="3/5", B="1/10"),
        point(h="2/3", r="1/20", B="1/10"),
        point(h="1/2", v=3, B="1/5"),
        point(h="1/2", r=1, B=3),
    ):
        h = values["h"]
        expected, designs = oracle(n, values, h)
        result = gta.subgame_perfect_equilibria(game.at(**values))
        assert len(result) == 1
        (eq,) = result
        assert {eq.path[0]} == designs
        assert eq.exact_payoffs[0] == expected[eq.path[0]][0]
        choices = eq.choices()
        for design in ("Bilateral", "Multilateral"):
            _, _, provoke, defend = expected[design]
            assert choices[f"Spoke 1 after {design} > Revisionist"] == (
                "Provoke" if provoke else "Restrain"
            )
            patron = [k for k in choices if k.startswith(f"Patron after {design}")]
            assert len(patron) == sum(4 ** (i - 1) for i in range(1, n + 1))
            assert {choices[k] for k in patron} == {"Defend" if defend else "Abandon"}
        war = sum((p for path, p in eq.outcomes if "Defend" in path), Fraction(0))
        assert war == expected[eq.path[0]][1]


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_entrapment_grows_with_n(n):
    # Under the multilateral guarantee the patron defends exactly when n r + v g >= k_P;
    # here v g = 1/2, k_P = 1, so from n = (k_P - v g)/r spokes on.
    for r in (Fraction(1, 10), Fraction(1, 5), Fraction(3, 10), Fraction(3, 5)):
        values = point(r=r, B=0)
        if n * r + Fraction(1, 2) == 1:
            continue
        expected, _ = oracle(n, values, Fraction(1, 2))
        _, war, _, defend = expected["Multilateral"]
        assert defend == (n * r + Fraction(1, 2) > 1)
        assert war == ((1 - Fraction(1, 2) ** n) if defend else 0)
    probabilities = [1 - (1 - Fraction(1, 3)) ** k for k in range(1, 5)]
    assert probabilities == sorted(set(probabilities))


# -- free riding: the spokes' public good ----------------------------------------------------------


def nash_level(n, a, w, G):
    return (a * w - (1 - a) * G) / (a + (1 - a) * n)


def iterate_best_responses(n, a, w, G, rounds=2000):
    q = [0.0] * n
    for _ in range(rounds):
        for i in range(n):
            others = sum(q) - q[i]
            q[i] = max(0.0, a * w - (1 - a) * (G + others))
    return q


@pytest.mark.parametrize("n", [1, 2, 3, 4])
@pytest.mark.parametrize(
    ("a", "w", "G"),
    [(Fraction(1, 2), Fraction(10), Fraction(2)), (Fraction(3, 10), Fraction(5), Fraction(0))],
)
def test_nash_contributions_satisfy_the_first_order_conditions_exactly(n, a, w, G):
    q = nash_level(n, a, w, G)
    assert q > 0
    assert -(1 - a) / (w - q) + a / (G + n * q) == 0
    numeric = iterate_best_responses(n, float(a), float(w), float(G))
    assert all(abs(x - float(q)) < 1e-9 for x in numeric)
    best = a * w - (1 - a) * G / n  # the planner: n a (w - q) = (1 - a)(G + n q)
    assert n * a * (w - best) == (1 - a) * (G + n * best)


def test_free_riding_grows_with_n_against_the_proof():
    a, w, G = Fraction(1, 2), Fraction(10), Fraction(2)
    q = [nash_level(n, a, w, G) for n in range(1, 5)]
    total = [n * x for n, x in zip(range(1, 5), q, strict=True)]
    optimum = [n * a * w - (1 - a) * G for n in range(1, 5)]
    assert q == sorted(q, reverse=True) and len(set(q)) == 4
    assert total == sorted(total) and len(set(total)) == 4
    shortfall = [o - t for o, t in zip(optimum, total, strict=True)]
    assert shortfall[0] == 0 and shortfall == sorted(shortfall) and len(set(shortfall)) == 4
    ratio = [t / o for t, o in zip(total, optimum, strict=True)]
    assert ratio == sorted(ratio, reverse=True)
    report = (ROOT / "proofs" / "hub-and-spoke.md").read_text(encoding="utf-8")
    assert "q_{i} = \\frac{G \\left(a - 1\\right) + a w}{a + n \\left(1 - a\\right)}" in report
    assert "NOT REPRODUCED" not in report


def test_the_model_claims_hold():
    report = gta.check_model(MODEL, seed=1, examples=15)
    assert report.ok, report.text()
