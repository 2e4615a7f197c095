"""Repeated burden sharing as a game of repeated-game strategies: the grim-trigger threshold.

Claim reproduced (the folk-theorem logic of Axelrod 1984 and Fudenberg and
Maskin 1986): in the infinitely repeated burden-sharing Prisoner's Dilemma,
mutual grim trigger is an equilibrium exactly when delta >= (c - b)/b, and
mutual free riding always is. Three independent routes must agree: the
model file's payoffs against discounted averages of the stage game's
payoffs along each pair of strategies' play; ``equilibrium_regions`` of
``models/repeated-burden-sharing.toml`` solved for delta with ``threshold``;
``grim_trigger_threshold`` of the stage game in
``models/repeated-commitment.toml``; and the numeric solver at exact points.

Run ``python proofs/repeated_burden_sharing.py`` to rewrite
``proofs/repeated-burden-sharing.md``.
"""

import sys
from fractions import Fraction
from pathlib import Path

import sympy

import gametheory_alliances as gta
from gametheory_alliances.report import Report

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _helpers import equivalent

GRIM, FREE = "Grim trigger", "Always free-ride"
# The stage profile each pair of strategies plays in the first period and for ever after.
PLAY = {
    (GRIM, GRIM): (("Contribute", "Contribute"), ("Contribute", "Contribute")),
    (GRIM, FREE): (("Contribute", "Free-ride"), ("Free-ride", "Free-ride")),
    (FREE, GRIM): (("Free-ride", "Contribute"), ("Free-ride", "Free-ride")),
    (FREE, FREE): (("Free-ride", "Free-ride"), ("Free-ride", "Free-ride")),
}


def build() -> Report:
    model = gta.load_model("repeated-burden-sharing")
    stage_model = gta.load_model("repeated-commitment")
    params = model.parameters
    b, c, delta = (params[n].symbol for n in ("b", "c", "delta"))
    assumptions = sympy.And(*(cond for cond, _ in model.assumptions))
    report = Report("repeated-burden-sharing", "Repeated burden sharing: derivation")
    report.text(model.description)
    report.text(
        "Whose claim is which. The source's claim (Axelrod 1984; Fudenberg and Maskin 1986) is "
        "the folk-theorem threshold of a repeated Prisoner's Dilemma under Nash reversion, "
        "delta >= (T - R)/(T - P). The toolkit's rendering is the cardinal burden-sharing stage "
        "game with linear benefits (T - R = c - b, T - P = b), the restriction to two "
        "repeated-game strategies, and hence the bound (c - b)/b."
    )

    report.heading("The payoffs are discounted averages of the stage game's")
    stage = stage_model.game
    stage_payoffs = stage.payoff_expressions()
    game = model.game
    payoffs = game.payoff_expressions()
    subs = {stage_model.parameters[n].symbol: params[n].symbol for n in ("b", "c", "delta")}
    rows, agree = [], True
    for (row, col), (first, after) in PLAY.items():
        cell = (game.strategies[0].index(row), game.strategies[1].index(col))
        for i in range(2):
            u0 = stage_payoffs[i][tuple(stage.strategies[j].index(first[j]) for j in range(2))]
            u1 = stage_payoffs[i][tuple(stage.strategies[j].index(after[j]) for j in range(2))]
            # (1 - delta) * (u0 + delta*u1 + delta**2*u1 + ...) = (1 - delta)*u0 + delta*u1
            average = sympy.sympify((1 - delta) * u0 + delta * u1).xreplace(subs)
            same = sympy.simplify(average - payoffs[i][cell]) == 0
            agree = agree and same
            rows.append([f"({row}, {col})", game.players[i], f"${sympy.latex(average)}$", same])
    report.table(["strategies", "player", "discounted average", "equals the model file"], rows)
    report.claim(
        "every payoff of the model file is the discounted average of the stage payoffs along "
        "the strategies' play",
        agree,
        "The stage payoffs come from models/repeated-commitment.toml.",
    )

    report.heading("Where mutual grim trigger is an equilibrium")
    regions = gta.equilibrium_regions(model)
    report.math(regions.latex())
    grim = next(region for eq, region in regions.items() if eq.label == f"({GRIM}, {GRIM})")
    solved = gta.threshold(grim, "delta")
    report.math(solved.latex(), "Solved for delta:")
    published = (c - b) / b
    stage_threshold = gta.grim_trigger_threshold(
        stage_model.game,
        ("Contribute", "Contribute"),
        ("Free-ride", "Free-ride"),
        discount=stage_model.parameters["delta"],
    ).threshold.xreplace(subs)
    report.math(
        f"\\delta \\geq {sympy.latex(stage_threshold)}", "grim_trigger_threshold on the stage game:"
    )
    domain = sympy.And(assumptions, delta > 0, delta < 1, b > 0, c > 0)
    same_region = equivalent(grim, b * delta >= c - b, params, domain)
    report.claim(
        "under b < c < 2b, mutual grim trigger is an equilibrium exactly when delta >= (c - b)/b, "
        "the threshold of "
        "grim_trigger_threshold on the stage game",
        same_region and sympy.simplify(stage_threshold - published) == 0,
        "Each comparison of the derived region and of b delta >= c - b, divided by its factors "
        "that the toolkit proves positive under the model's assumptions, follows from the other "
        "side; the stage-game threshold simplifies to the same bound.",
    )
    stage_regions = gta.equilibrium_regions(stage_model)
    holding = [
        eq.label
        for eq, region in stage_regions.items()
        if not gta.Region(region.condition & assumptions, stage_model.parameters).is_empty()
    ]
    report.claim(
        "validity: under b < c < 2b the stage game's only equilibrium, pure or mixed, is mutual "
        "free riding, so Nash reversion is the only stage-equilibrium punishment (a mixed or "
        "deviator-specific one, as in repeated Chicken, does not arise here)",
        holding == ["(Free-ride, Free-ride)"],
        "Candidates of equilibrium_regions on the stage game whose region meets the "
        f"assumption: {', '.join(holding)}.",
    )
    free = next(region for eq, region in regions.items() if eq.label == f"({FREE}, {FREE})")
    report.claim(
        "mutual free riding is an equilibrium at every parameter point",
        equivalent(free, sympy.true, params, domain),
        "Each comparison of the region, divided by its factors proven positive, holds on the "
        "whole domain.",
    )

    report.heading("At exact points, by the numeric solver")
    rows, agree = [], True
    for b_value, c_value in ((3, 4), (2, 3), (5, 9)):
        edge = Fraction(c_value - b_value, b_value)
        for d in sorted({edge - Fraction(1, 10), edge, edge + Fraction(1, 10), Fraction(19, 20)}):
            if not 0 < d < 1:
                continue
            eqs = gta.nash_equilibria(model.at(b=b_value, c=c_value, delta=d))
            grim_index = model.game.strategies[0].index(GRIM)
            found = any(e.support == ((grim_index,), (grim_index,)) for e in eqs)
            agree = agree and found == (d >= edge)
            rows.append([b_value, c_value, str(d), str(edge), found])
    report.table(["b", "c", "delta", "(c - b)/b", "(Grim, Grim) found"], rows)
    report.claim(
        "the numeric solver finds mutual grim trigger exactly at delta >= (c - b)/b, the boundary "
        "included",
        agree,
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
