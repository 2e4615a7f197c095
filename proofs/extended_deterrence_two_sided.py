"""Extended deterrence with two-sided incomplete information: four equilibrium families.

Published claim reproduced (Zagare and Kilgour 2000, ch. 6): when both the
challenger's and the defender's types are private, the perfect Bayesian
equilibria fall into four families, told apart by the challenger's
behaviour: deterrence (no type challenges), separating (only the Hard
challenger challenges), attack (both types challenge) and bluff (the Soft
challenger challenges with a probability strictly between 0 and 1); which
family obtains depends on the priors p_C and p_D. The equilibria and their
war probabilities come from the toolkit's solver: every extreme Nash
equilibrium of the reduced strategic form (by ``subgame_perfect_equilibria``),
kept when it is sequentially rational at every information set for beliefs
given by Bayes' rule where it applies and by some belief where it does not.

Run ``python proofs/extended_deterrence_two_sided.py`` to rewrite
``proofs/extended-deterrence-two-sided.md``.
"""

from fractions import Fraction
from pathlib import Path
from typing import Any

import gametheory_alliances as gta
from gametheory_alliances.report import Report

POINTS = [
    ("1/10", "9/10"),
    ("1/10", "1/10"),
    ("1/2", "1/10"),
    ("9/10", "1/10"),
    ("1/2", "1/2"),
    ("1/2", "3/4"),
    ("9/10", "9/10"),
]


def _values(eq: Any) -> tuple[list[tuple[Fraction, ...]], list[Fraction]]:
    """Each node's expected payoffs under the profile, and its reach probability."""
    game = eq.game
    nodes = game.nodes
    pays, probs = game.numbers(exact=True)
    value: list[tuple[Fraction, ...]] = [()] * len(nodes)
    for k in reversed(range(len(nodes))):
        nd = nodes[k]
        if nd.kind == "terminal":
            value[k] = pays[k]
            continue
        w = probs[k] if nd.kind == "chance" else eq.profile[nd.infoset]
        value[k] = tuple(
            sum((wi * value[c][i] for wi, c in zip(w, nd.children, strict=True)), Fraction(0))
            for i in range(game.n_players)
        )
    reach = [Fraction(0)] * len(nodes)
    reach[0] = Fraction(1)
    for k, nd in enumerate(nodes):
        if nd.kind == "terminal":
            continue
        w = probs[k] if nd.kind == "chance" else eq.profile[nd.infoset]
        for wi, c in zip(w, nd.children, strict=True):
            reach[c] = reach[k] * wi
    return value, reach


def sequentially_rational(eq: Any) -> bool:
    """Whether every played action is optimal at its information set for admissible beliefs.

    On the path the beliefs are Bayes' rule (reach probabilities of the
    information set's nodes); off the path any belief will do, so the test
    is whether some belief makes every played action optimal (for two-node
    information sets, an interval of the belief).
    """
    game = eq.game
    nodes = game.nodes
    value, reach = _values(eq)
    for h, info in enumerate(game.infosets):
        player = info.player
        members = list(info.nodes)
        # gains[n][a][b]: the mover's gain at node n from action a over action b.
        cont = [[value[c][player] for c in nodes[n].children] for n in members]
        played = [a for a, p in enumerate(eq.profile[h]) if p]
        rows = [
            [cont[j][a] - cont[j][b] for j in range(len(members))]
            for a in played
            for b in range(len(info.actions))
        ]
        total = sum((reach[n] for n in members), Fraction(0))
        if total:
            mu = [reach[n] / total for n in members]
            if any(sum(m * g for m, g in zip(mu, row, strict=True)) < 0 for row in rows):
                return False
            continue
        if len(members) == 1:
            if any(row[0] < 0 for row in rows):
                return False
            continue
        if len(members) != 2:
            raise gta.GameError("off-path beliefs over more than two nodes are not handled here")
        lo, hi = Fraction(0), Fraction(1)  # mu = probability of the first node
        for g0, g1 in rows:
            # mu g0 + (1 - mu) g1 >= 0  <=>  mu (g0 - g1) >= -g1
            d = g0 - g1
            if d > 0:
                lo = max(lo, -g1 / d)
            elif d < 0:
                hi = min(hi, -g1 / d)
            elif g1 < 0:
                return False
        if lo > hi:
            return False
    return True


def family(eq: Any) -> str:
    choices = eq.exact_behaviour
    hard = choices["Hard challenger"]["Challenge"]
    soft = choices["Soft challenger"]["Challenge"]
    if hard == 0 and soft == 0:
        return "deterrence"
    if soft == 0:
        return "separating"
    if soft == 1:
        return "attack"
    return "bluff"


def war_probability(eq: Any) -> Fraction:
    return sum((p for path, p in eq.outcomes if path[-1] == "Fight"), Fraction(0))


def build() -> Report:
    model = gta.load_model("extended-deterrence-two-sided")
    report = Report(
        "extended-deterrence-two-sided",
        "Extended deterrence, two-sided incomplete information: derivation",
    )
    report.text(model.description)
    report.text(
        "Defaults: "
        + ", ".join(f"{n} = {p.default}" for n, p in model.parameters.items())
        + ". At each (p_C, p_D) below, the solver's equilibria are filtered for sequential "
        "rationality and classified by the challenger's behaviour."
    )
    rows = []
    seen: dict[str, list[tuple[str, str, Fraction]]] = {}
    total_found = total_kept = 0
    for p_c, p_d in POINTS:
        result = gta.subgame_perfect_equilibria(model.at(p_C=p_c, p_D=p_d))
        total_found += len(result)
        kept: dict[tuple[str, Fraction, Fraction, Fraction], Any] = {}
        for eq in result:
            if not sequentially_rational(eq):
                continue
            total_kept += 1
            b = eq.exact_behaviour
            key = (
                family(eq),
                b["Soft challenger"]["Challenge"],
                b["Soft defender after Challenge"]["Resist"],
                war_probability(eq),
            )
            kept.setdefault(key, eq)
        for (fam, soft, resist, war), eq in sorted(kept.items(), key=lambda kv: str(kv[0])):
            b = eq.exact_behaviour
            rows.append(
                [
                    p_c,
                    p_d,
                    fam,
                    str(b["Hard challenger"]["Challenge"]),
                    str(soft),
                    str(resist),
                    str(war),
                    ", ".join(str(v) for v in eq.exact_payoffs),
                ]
            )
            seen.setdefault(fam, []).append((p_c, p_d, war))
    report.table(
        [
            "p_C",
            "p_D",
            "family",
            "P(Hard C challenges)",
            "P(Soft C challenges)",
            "P(Soft D resists)",
            "P(war)",
            "payoffs (C, D)",
        ],
        rows,
    )
    report.text(
        f"The solver returned {total_found} extreme equilibria over the seven points; "
        f"{total_kept} are sequentially rational (the rest rest on off-path threats no type would "
        "carry out, e.g. a Soft challenger fighting after resistance). Each row is one "
        "sequentially rational equilibrium up to off-path choices."
    )
    report.claim(
        "the four families — deterrence, separating, attack, bluff — all occur",
        set(seen) == {"deterrence", "separating", "attack", "bluff"},
        "Families found: "
        + "; ".join(f"{f} at {', '.join(f'({a}, {b})' for a, b, _ in v)}" for f, v in seen.items())
        + ".",
    )
    report.claim(
        "deterrence equilibria are peaceful and every other family risks war",
        all(w == 0 for _, _, w in seen.get("deterrence", []))
        and all(w > 0 for f in ("separating", "attack", "bluff") for _, _, w in seen.get(f, [])),
        "War probabilities from the solver's outcome distributions (conflict leaves).",
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
