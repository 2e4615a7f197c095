"""Burden sharing, 2x2: the game's class in each region of (b1, b2, c), and every equilibrium.

Published claim reproduced: with linear benefits (b2 = 2 b1) the burden-sharing
game is never Chicken or Stag Hunt; Chicken needs concave benefits (b2 < 2 b1),
Stag Hunt convex ones (b2 > 2 b1). The toolkit adds the tie of linear benefits
(b1 = c), where every profile is an equilibrium. Everything below is derived by the toolkit
from the model file ``models/burden-sharing.toml``.

Run ``python proofs/burden_sharing.py`` to rewrite ``proofs/burden-sharing.md``.
"""

from pathlib import Path

import sympy

import gametheory_alliances as gta
from gametheory_alliances.report import Report


def build() -> Report:
    model = gta.load_model("burden-sharing")
    b1, b2 = (model.parameters[n].symbol for n in ("b1", "b2"))
    report = Report("burden-sharing", "Burden sharing between two allies: derivation")
    report.text(model.description)

    report.heading("The game's class in each region")
    classes = gta.classify_symmetric_2x2(model.game)
    assumptions = sympy.And(*(cond for cond, _ in model.assumptions))
    rows = []
    for name, region in classes.items():
        within = gta.Region(region.condition & assumptions, model.parameters)
        rows.append([name, f"${within.latex()}$" if not within.is_empty() else "(empty)"])
    report.table(["class", "region of (b1, b2, c)"], rows)

    report.heading("Every equilibrium and where it holds")
    regions = gta.equilibrium_regions(model)
    report.math(regions.latex())
    mixed = [eq for eq in regions if not eq.is_pure]
    report.text(
        "The mixed equilibrium, where it exists, has each ally contribute with probability "
        f"${sympy.latex(mixed[0].strategies[0][0])}$."
    )

    report.heading("Published claim: linear benefits never give Chicken or Stag Hunt")
    for name in ("Chicken", "Stag Hunt"):
        linear = gta.Region(classes[name].condition.subs(b2, 2 * b1), model.parameters)
        report.claim(
            f"Source's claim (linear benefits never give {name}), derived by the toolkit: "
            f"with b2 = 2 b1 the game is never {name}",
            linear.is_empty(),
            f"Substituting b2 = 2 b1 into the {name} region leaves "
            f"${linear.latex()}$, which is empty under the domains.",
        )
    concave = gta.Region(classes["Chicken"].condition & (b2 >= 2 * b1), model.parameters)
    report.claim(
        "Source's claim, derived by the toolkit: Chicken needs concave benefits (b2 < 2 b1)",
        concave.is_empty(),
        "The Chicken region intersected with b2 >= 2 b1 is empty.",
    )
    convex = gta.Region(classes["Stag Hunt"].condition & (b2 <= 2 * b1), model.parameters)
    report.claim(
        "Source's claim, derived by the toolkit: Stag Hunt needs convex benefits (b2 > 2 b1)",
        convex.is_empty(),
        "The Stag Hunt region intersected with b2 <= 2 b1 is empty.",
    )
    point = {"b1": 3, "b2": 4, "c": 2}
    numeric = gta.nash_equilibria(model.at(**point))
    report.claim(
        "Toolkit's check: at concave benefits (b1, b2, c) = (3, 4, 2) the game is Chicken "
        "with three equilibria",
        classes["Chicken"].contains(**point) and len(numeric) == 3,
        "The numeric solver finds: " + "; ".join(repr(eq) for eq in numeric) + ".",
    )

    report.heading("The tie of linear benefits at b1 = c")
    tie_line = gta.Region(classes["tie"].condition.subs(b2, 2 * b1) & (b1 > 0), model.parameters)
    c = model.parameters["c"].symbol
    report.text(
        "The classes above are the strict orderings of the payoffs; where two payoffs are "
        "equal the game is on a boundary between classes, in the class tie. With linear "
        "benefits the tie region is"
    )
    report.math(tie_line.latex())
    point = {"b1": 1, "b2": 2, "c": 1}
    tied = gta.nash_equilibria(model.at(**point))
    report.claim(
        "Toolkit's rendering of the tie (the source's claim says nothing of it): with linear "
        "benefits the classes leave out exactly the lines b1 = c (R = T and S = P) and "
        "c = 2 b1 (R = P); on the first each ally is indifferent whatever the other does, so "
        "that every profile, mixed ones included, is an equilibrium: the solver reports one "
        "component whose four vertices are the pure profiles",
        not tie_line.is_empty()
        and gta.Region(
            tie_line.condition & sympy.Ne(b1, c) & sympy.Ne(c, 2 * b1), model.parameters
        ).is_empty()
        and len(tied) == 4
        and all(eq.is_pure for eq in tied)
        and len(tied.components) == 1,
        "The tie region with b2 = 2 b1 and b1 > 0 minus the two lines is empty; at "
        "(b1, b2, c) = (1, 2, 1) the solver's notes: " + "; ".join(tied.notes) + ".",
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
