"""The four-move centipede: backward induction takes at every move.

Published claim reproduced: in the centipede game the unique subgame-perfect
equilibrium has each player take at every move, so the first player takes at
once (Rosenthal 1981; the four-move version of McKelvey and Palfrey 1992),
whatever the growth factor G of the pot in 1 < G < 4. Derived by the toolkit
from ``models/centipede.toml``.

Run ``python proofs/centipede.py`` to rewrite ``proofs/centipede.md``.
"""

from pathlib import Path

import sympy

import gametheory_alliances as gta
from gametheory_alliances.report import Report
from gametheory_alliances.solvers.credibility import credibility_report
from gametheory_alliances.symbolic import equilibrium_regions


def _solve(cond: sympy.Basic, G: sympy.Symbol) -> sympy.Set:
    """The set of real G where a boolean of univariate polynomial comparisons holds."""
    if isinstance(cond, sympy.And):
        return sympy.Intersection(*(_solve(a, G) for a in cond.args))
    if isinstance(cond, sympy.Or):
        return sympy.Union(*(_solve(a, G) for a in cond.args))
    if cond in (sympy.true, sympy.false):
        return sympy.S.Reals if cond is sympy.true else sympy.S.EmptySet
    return sympy.solve_univariate_inequality(cond, G, relational=False)


def build() -> Report:
    model = gta.load_model("centipede")
    G = model.parameters["G"].symbol
    report = Report("centipede", "The four-move centipede: derivation")
    report.text(model.description)

    report.heading("Symbolic backward induction")
    regions = equilibrium_regions(model, concept="spe")
    domain = sympy.Interval.open(1, 4)
    rows = []
    where: dict[str, sympy.Set] = {}
    for eq, region in regions.items():
        solved = _solve(region.condition, G).intersect(domain)
        where[eq.label] = solved
        rows.append([eq.label, ", ".join(eq.path), f"${sympy.latex(solved)}$"])
    report.text(
        "Each candidate pure profile (the choice at the four moves) with the set of G in "
        "(1, 4) where it is subgame perfect (the toolkit's region, solved for G):"
    )
    report.table(["profile", "path", "G where it is an SPE"], rows)
    take = "(Take, Take, Take, Take)"
    report.claim(
        "Take at every move is the unique SPE for every growth factor 1 < G < 4",
        where.get(take) == domain
        and all(s == sympy.S.EmptySet for label, s in where.items() if label != take),
        "The Take-everywhere region is the whole interval; every other candidate's region is "
        "empty on it.",
    )

    report.heading("Numeric check (G = 2: McKelvey and Palfrey's payoffs)")
    spe = gta.subgame_perfect_equilibria(model.at(G=2))
    report.code(repr(spe))
    report.claim(
        "the numeric solver finds one SPE, Take everywhere, with the first player taking at once",
        len(spe) == 1
        and spe[0].path == ("Take",)
        and spe[0].exact_payoffs
        == (
            sympy.Rational(2, 5),
            sympy.Rational(1, 10),
        ),
        "Payoffs (2/5, 1/10).",
    )
    checks = credibility_report(model.at(G=2))
    report.claim(
        "the Nash equilibria of the strategic form all have the first player take at once, and "
        "only the one taking everywhere is subgame perfect",
        all(c.equilibrium.strategies[0][0] == 1 for c in checks.nash)
        and sum(c.subgame_perfect for c in checks.nash) == 1,
        f"credibility_report lists {len(checks.nash)} extreme Nash equilibria "
        f"({len(checks.incredible)} not subgame perfect).",
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
