"""Signalling resolve: tying hands versus sinking costs.

Published claim reproduced (Fearon 1997): a defender that signals by tying its
hands (an audience cost paid only if it later backs down) obtains a higher
expected payoff, and runs a higher risk of war, than one that signals by
sinking costs (paid up front). In both designs the defender chooses the size
of its signal; the comparison is between each design's best signal. Every
number below is computed by the toolkit's perfect Bayesian equilibrium solver
from ``models/audience-costs.toml``; only equilibria that survive the
Intuitive Criterion are compared. Unlike Fearon's continuum of types (the
model ``audience-costs-continuum``, where nobody bluffs), this two-type model
with one fixed signal size has bluffing equilibria that survive the
Intuitive Criterion; the report lists them.

Run ``python proofs/audience_costs.py`` to rewrite ``proofs/audience-costs.md``.
"""

from fractions import Fraction
from pathlib import Path

import gametheory_alliances as gta
from gametheory_alliances.report import Report
from gametheory_alliances.solvers.perfect_bayesian import perfect_bayesian_equilibria

SIZES = [
    Fraction(1, 10),
    Fraction(1, 5),
    Fraction(3, 10),
    Fraction(2, 5),
    Fraction(1, 2),
    Fraction(1),
]


def build() -> Report:
    model = gta.load_model("audience-costs")
    report = Report("audience-costs", "Tying hands versus sinking costs: derivation")
    report.text(model.description)
    report.text(
        "Defaults: "
        + ", ".join(f"{p.name} = {p.default}" for p in model.parameters.values())
        + ". Tied hands: a = s, kappa = 0; sunk costs: kappa = s, a = 0, for signal sizes s."
    )

    report.heading("The equilibria at each signal size")
    rows = []
    best: dict[str, tuple[Fraction, Fraction, Fraction, str]] = {}
    for design in ("tied hands", "sunk costs"):
        for s in SIZES:
            values = {"a": s, "kappa": 0} if design == "tied hands" else {"a": 0, "kappa": s}
            result = perfect_bayesian_equilibria(model.at(**values))
            for eq in result:
                if not eq.survives_intuitive_criterion:
                    continue
                war = eq.probability("war")
                rows.append(
                    [
                        design,
                        str(s),
                        eq.classification,
                        eq.sender_strategy_text(),
                        eq.receiver_strategy_text(),
                        str(war),
                        str(eq.sender_payoff),
                    ]
                )
                key = (eq.sender_payoff, -war)
                if design not in best or key > (best[design][0], -best[design][1]):
                    best[design] = (eq.sender_payoff, war, s, eq.classification)
    report.table(
        ["design", "s", "class", "defender", "challenger", "P(war)", "defender's payoff"], rows
    )

    report.heading("Each design's best signal")
    report.table(
        ["design", "best size s", "class", "defender's payoff", "P(war)"],
        [[d, str(b[2]), b[3], str(b[0]), str(b[1])] for d, b in best.items()],
    )
    tied, sunk = best["tied hands"], best["sunk costs"]
    report.claim(
        "tying hands gives the defender a higher expected payoff than sinking costs",
        tied[0] > sunk[0],
        f"Best tied-hands payoff {tied[0]} (s = {tied[2]}, {tied[3]}) against best sunk-cost "
        f"payoff {sunk[0]} (s = {sunk[2]}, {sunk[3]}).",
    )
    report.claim(
        "tying hands carries a higher risk of war than sinking costs",
        tied[1] > sunk[1],
        f"War probability {tied[1]} with tied hands against {sunk[1]} with sunk costs: the "
        "irresolute type, its hands tied, fights when an aggressive challenger attacks, while "
        "a costly sunk signal separates the types and only the resolute type fights.",
    )
    report.heading("Bluffs: how the two-type model differs from Fearon's continuum")
    bluffs = []
    for s in SIZES:
        for eq in perfect_bayesian_equilibria(model.at(a=s, kappa=0)):
            plan = {path: action for ((path, action),) in eq.continuation}
            signals = eq.sender[1][0]
            backs = plan[("Irresolute", "Signal", "Challenge")] == "Back down"
            if signals > 0 and backs:
                bluffs.append((s, eq))
    report.table(
        ["a", "class", "irresolute signals with probability", "survives the Intuitive Criterion"],
        [
            [str(s), eq.classification, str(eq.sender[1][0]), str(eq.survives_intuitive_criterion)]
            for s, eq in bluffs
        ],
    )
    surviving = [(s, eq) for s, eq in bluffs if eq.survives_intuitive_criterion]
    report.claim(
        "Toolkit's finding, the difference from Fearon (1997): in this two-type model with one "
        "fixed signal size, tying hands admits bluffs: equilibria in which the irresolute type "
        "ties its hands and backs down if challenged, and some survive the Intuitive Criterion "
        "(Fearon's no-bluffing result holds in his continuum of types, the model "
        "audience-costs-continuum)",
        bool(surviving)
        and all(
            s < model.parameters["c_D"].default - model.parameters["v_I"].default
            for s, _ in surviving
        ),
        "Bluffing equilibria that survive the Intuitive Criterion at a = "
        + ", ".join(sorted({str(s) for s, _ in surviving}))
        + ": each below c_D - v_I, where the irresolute type would back down; the signalling "
        "solver lists them with the irresolute type's plan after a challenge.",
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
