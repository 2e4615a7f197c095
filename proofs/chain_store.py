"""Selten's chain store (one market): the incredible threat.

Published claim reproduced: fighting entry supports Nash equilibria (a
continuum of them) in which the entrant stays out, but the threat is not
credible; the unique subgame-perfect equilibrium is Enter, Acquiesce (Selten
1978). Derived by the toolkit from ``models/chain-store.toml``.

Run ``python proofs/chain_store.py`` to rewrite ``proofs/chain-store.md``.
"""

from pathlib import Path

import gametheory_alliances as gta
from gametheory_alliances.report import Report
from gametheory_alliances.solvers.credibility import credibility_report
from gametheory_alliances.symbolic import credibility, equilibrium_regions


def build() -> Report:
    model = gta.load_model("chain-store")
    report = Report("chain-store", "Selten's chain store: derivation")
    report.text(model.description)

    report.heading("The subgame-perfect equilibrium in closed form")
    regions = equilibrium_regions(model, concept="spe")
    report.table(
        ["SPE", "path", "region"],
        [[eq.label, ", ".join(eq.path), f"${r.latex()}$"] for eq, r in regions.items()],
    )
    fight = credibility(model.game, "Incumbent after Enter", "Fight", mode="some")
    report.text(
        "The region where the incumbent fights in some SPE, from credibility() (mode 'some'), "
        "is the following; fighting pays 0 and acquiescing d > 0, so it is empty on the domain:"
    )
    report.math(fight.latex())
    assumptions = gta.Region(
        gta.Region(True, model.parameters).condition
        & fight.condition
        & (model.parameters["d"].symbol > 1),
        model.parameters,
    )
    report.claim(
        "the threat to fight is never credible under the model's assumptions (d > 1)",
        assumptions.is_empty(),
        "The region where some SPE fights meets d > 1 nowhere.",
    )
    report.claim(
        "the unique subgame-perfect equilibrium is Enter, Acquiesce wherever the assumptions hold",
        len(regions) == 1
        and next(iter(regions)).path == ("Enter", "Acquiesce")
        and gta.Region(
            ~next(iter(regions.values())).condition
            & (model.parameters["d"].symbol > 1)
            & (model.parameters["m"].symbol > model.parameters["d"].symbol),
            model.parameters,
        ).is_empty(),
        "Symbolic backward induction leaves one candidate, whose region is the whole domain.",
    )

    report.heading("Nash equilibria and the incredible threat (m = 5, d = 2)")
    game = model.at()
    checks = credibility_report(game)
    report.code(repr(checks))
    incredible = checks.incredible
    report.claim(
        "the Nash equilibria in which the entrant stays out rest on the threat to fight and are "
        "not subgame perfect",
        len(incredible) == 2
        and all(c.equilibrium.strategies[0][0] == 1 for c in incredible)
        and all(c.behaviour["Incumbent after Enter"]["Fight"] >= 0.5 for c in incredible),
        "credibility_report marks both vertices of the staying-out component (Fight with "
        "probability 1 and 1/2) as not subgame perfect.",
    )
    component = {c.equilibrium.component for c in incredible}
    report.claim(
        "they form a continuum: the entrant stays out whenever the incumbent fights with "
        "probability at least 1 - 1/d = 1/2",
        len(component) == 1
        and incredible[0].equilibrium.component_size == 2
        and sorted(c.behaviour["Incumbent after Enter"]["Fight"] for c in incredible) == [0.5, 1.0],
        "The two extreme equilibria are the vertices of one component; its Fight probabilities "
        "run from 1/2 to 1.",
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
