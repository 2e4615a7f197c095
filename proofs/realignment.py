"""Realignment: when a protege's threat to leave its patron is credible, deters, or drags.

Claims reproduced (after the Tripartite Crisis Game, Zagare and Kilgour 2003): the
protege's threat to realign is credible exactly when realigning beats
conceding; a credible threat makes the patron support the protege, which
deters a challenger unwilling to fight, but drags the patron into a war
against a challenger willing to fight, a war the patron would stay out of if
the protege could only concede. Derived by the toolkit from ``models/realignment.toml``.

Run ``python proofs/realignment.py`` to rewrite ``proofs/realignment.md``.
"""

from pathlib import Path

import gametheory_alliances as gta
from gametheory_alliances.predicates import outcome_table
from gametheory_alliances.report import Report
from gametheory_alliances.symbolic import threshold
from gametheory_alliances.symbolic.predicates import credibility_conditions, outcome_regions


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
        "the threat to realign is credible iff R >= -s",
        str(solved) == "R >= -s",
        "threshold() on the protege's credibility condition.",
    )

    report.heading("Outcome regions")
    regions = outcome_regions(model)
    for name, region in regions.items():
        report.text(f"{name} (some SPE):")
        report.math(region.latex())
    dragged = regions["dragged"]
    report.claim(
        "the patron is dragged into war only by a credible threat to realign, and only by a "
        "challenger that prefers war to backing down",
        gta.Region(dragged.condition & (p["R"] + p["s"] < 0), model.parameters).is_empty()
        and gta.Region(dragged.condition & (p["w_C"] + p["c_C"] <= 0), model.parameters).is_empty(),
        "The dragged region meets neither R + s < 0 nor w_C + c_C <= 0.",
    )

    report.heading("Numeric check with the SPE solver")
    points = [
        ("credible threat, C unwilling to fight (defaults)", {}),
        ("credible threat, C willing to fight (w_C = 1/10)", {"w_C": "1/10"}),
        ("no threat (R = -1), C willing to fight", {"R": -1, "w_C": "1/10"}),
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
        "a credible threat deters a challenger unwilling to fight",
        all(r["deterrence"] for r in results[0])
        and regions["deterrence"].contains(**_defaults(model)),
        "At the defaults every SPE keeps the status quo.",
    )
    report.claim(
        "against a challenger willing to fight, the credible threat drags the patron into war; "
        "without it the protege concedes and the patron stays out",
        all(r["dragged"] and r["path"] == ("Demand", "Support", "Fight") for r in results[1])
        and all(r["path"] == ("Demand", "No support", "Concede") for r in results[2]),
        "SPE paths at w_C = 1/10 with R = 0 and with R = -1.",
    )
    return report


def _defaults(model: gta.Model) -> dict[str, object]:
    return {n: q.default for n, q in model.parameters.items()}


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
