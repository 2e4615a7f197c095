"""Realignment: when a protege's threat to leave its patron is credible, deters, or drags.

Claims reproduced (after the Tripartite Crisis Game, Zagare and Kilgour 2003): the
protege's threat to realign is credible exactly when realigning beats
conceding; it deters exactly when the challenger would fight a supported
protege rather than back down, yet fighting is worse for it than the status
quo, the patron supports only because losing the protege costs it more than
war, and realignment is credible; against a challenger that prefers war to the
status quo the same threat drags the patron into a war it would stay out of if
the protege could only concede. Derived by the toolkit from
``models/realignment.toml``: the deterrence region is where every SPE keeps the
status quo and every SPE of the game without the threat (the baseline) has a
demand, each from ``credibility`` on the game; each claim says whether it is
the source's or the toolkit's.

Run ``python proofs/realignment.py`` to rewrite ``proofs/realignment.md``.
"""

from pathlib import Path

import sympy

import gametheory_alliances as gta
from gametheory_alliances.parameters import as_number
from gametheory_alliances.predicates import outcome_table, substitute_parameters
from gametheory_alliances.report import Report
from gametheory_alliances.symbolic import credibility, threshold
from gametheory_alliances.symbolic.predicates import (
    credibility_conditions,
    expanded,
    outcome_regions,
)


def build() -> Report:
    model = gta.load_model("realignment")
    p = {n: q.symbol for n, q in model.parameters.items()}
    report = Report("realignment", "Realignment: derivation")
    report.text(model.description)

    report.heading("Credibility conditions")
    conditions = credibility_conditions(model)
    for (label, action), region in conditions.items():
        report.text(f"{label}: {action} in some SPE of its subgame exactly where")
        report.math(region.latex())
    realign = conditions[("Protege after Demand > No support", "Realign")]
    solved = threshold(realign, "R")
    report.math(solved.latex(), "Solved for the protege's value of realigning:")
    report.claim(
        "Source's condition, derived by the toolkit: the threat to realign is credible iff "
        "realigning beats conceding, R >= 0",
        str(solved) == "R >= 0",
        "threshold() on the protege's credibility condition.",
    )

    report.heading("When the threat deters")
    root = model.game.infosets[0].label
    deters = credibility(model.game, root, "No demand", mode="every")
    baseline = {k: as_number(v) for k, v in model.outcomes.baseline.items()}
    without = substitute_parameters(model.game, baseline)
    demands = credibility(without, root, "Demand", mode="every")
    assumptions = sympy.And(*(cond for cond, _ in model.assumptions))
    report.text(
        "Every SPE keeps the status quo exactly where (credibility() of No demand at the root, "
        'mode "every"):'
    )
    report.math(deters.latex())
    report.text(
        "Every SPE of the game without the threat (the baseline "
        + ", ".join(f"{k} = {v}" for k, v in model.outcomes.baseline.items())
        + ") has a demand exactly where:"
    )
    report.math(demands.latex())
    threat = gta.Region(deters.condition & demands.condition & assumptions, model.parameters)
    literature = (
        (p["w_C"] > -p["c_C"])
        & (p["w_C"] < 0)
        & (p["L"] > p["k_D"])
        & (p["k_D"] > p["s_D"])
        & (p["R"] > 0)
    )
    harmless = p["g_C"] >= 0
    report.text("The threat deters (both hold) exactly where")
    report.math(expanded(threat).latex())
    report.claim(
        "Source's claim (Zagare and Kilgour 2003), derived by the toolkit: where realignment "
        "does not hurt the challenger (g_C >= 0), the protege's threat deters exactly when the "
        "challenger would fight a supported protege rather than back down (w_C > -c_C), yet "
        "fighting is worse for it than the status quo (w_C < 0), the patron supports only "
        "because losing the protege costs it more than war (L > k_D > s_D), and realignment "
        "is credible (R > 0)",
        expanded(gta.Region(threat.condition & harmless & ~literature, model.parameters)).is_empty()
        and expanded(
            gta.Region(literature & harmless & assumptions & ~threat.condition, model.parameters)
        ).is_empty(),
        "Both differences between the derived region (with g_C >= 0) and the conditions are empty.",
    )
    report.claim(
        "Toolkit's addition: where realignment hurts the challenger (g_C < 0) a credible "
        "threat can deter even a challenger the patron will not fight (k_D > L): the "
        "challenger keeps the status quo rather than push the protege into realigning",
        not gta.Region(
            threat.condition & (p["g_C"] < 0) & (p["k_D"] > p["L"]), model.parameters
        ).is_empty(),
        "The derived region meets g_C < 0, k_D > L.",
    )

    report.heading("Outcome regions")
    regions = outcome_regions(model)
    for name, region in regions.items():
        report.text(f"{name} (some SPE):")
        report.math(region.latex())
    dragged = regions["dragged"]
    report.claim(
        "Source's claim, derived by the toolkit: the patron is dragged into war only by a "
        "credible threat to realign, only by a challenger that prefers war to backing down "
        "and to the status quo, and only where losing the protege costs the patron at least "
        "as much as war",
        all(
            expanded(gta.Region(dragged.condition & bad, model.parameters)).is_empty()
            for bad in (
                p["R"] < 0,
                p["w_C"] + p["c_C"] <= 0,
                p["w_C"] < 0,
                p["L"] < p["k_D"],
            )
        ),
        "The dragged region meets none of R < 0, w_C + c_C <= 0, w_C < 0, L < k_D.",
    )

    report.heading("Numeric check with the SPE solver")
    points = [
        ("defaults: credible threat, C would fight but prefers the status quo", {}),
        ("defaults without the threat (R = -1)", {"R": -1}),
        ("C prefers war to the status quo (w_C = 1/10)", {"w_C": "1/10"}),
        ("the same without the threat", {"R": -1, "w_C": "1/10"}),
        ("boundary: C indifferent between backing down and war (w_C = -c_C)", {"w_C": "-1/4"}),
        ("boundary: the protege indifferent (R = 0)", {"R": 0}),
        ("boundary: the patron indifferent between war and realignment (L = k_D)", {"L": "1/2"}),
    ]
    rows = []
    results = []
    for name, values in points:
        table = outcome_table(model, **values)
        results.append(table)
        for row in table:
            rows.append(
                [name, ", ".join(row["path"])]
                + ["yes" if row[n] else "" for n in model.outcomes.names]
            )
    report.table(["point", "SPE path", *model.outcomes.names], rows)
    report.claim(
        "Toolkit's check: at the defaults the threat deters and without it the challenger "
        "demands and the protege concedes",
        all(r["deterrence"] for r in results[0])
        and threat.contains(**_defaults(model))
        and all(r["path"] == ("Demand", "No support", "Concede") for r in results[1]),
        "SPE paths at the defaults with R = 1/2 and with R = -1.",
    )
    report.claim(
        "Toolkit's check: against a challenger that prefers war, the credible threat drags the "
        "patron into war; without it the protege concedes and the patron stays out",
        all(r["dragged"] and r["path"] == ("Demand", "Support", "Fight") for r in results[2])
        and all(r["path"] == ("Demand", "No support", "Concede") for r in results[3]),
        "SPE paths at w_C = 1/10 with R = 1/2 and with R = -1.",
    )
    agree = True
    for (_, values), table in zip(points, results, strict=True):
        point = {**_defaults(model), **values}
        for name in model.outcomes.names:
            agree = agree and regions[name].contains(**point) == any(r[name] for r in table)
    report.claim(
        "Toolkit's check: at every point above, boundaries included, some SPE has an outcome "
        "exactly where the point lies in its region",
        agree,
        "outcome_table() against outcome_regions() point by point.",
    )
    return report


def _defaults(model: gta.Model) -> dict[str, object]:
    return {n: q.default for n, q in model.parameters.items()}


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
