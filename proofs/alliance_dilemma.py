"""Snyder's alliance security dilemma: the game's class in each region, and Chicken at high L.

Published claim reproduced (Snyder 1984, 1997): when the collapse of the
alliance is costly (high L, as under multipolarity, where a partner can
realign), the alliance dilemma is Chicken, the severe, abandonment-driven
form; when L is low the same dilemma is a Prisoner's Dilemma. Everything
below is derived by the toolkit from ``models/alliance-dilemma.toml``.

Run ``python proofs/alliance_dilemma.py`` to rewrite ``proofs/alliance-dilemma.md``.
"""

import sys
from pathlib import Path

import sympy

import gametheory_alliances as gta
from gametheory_alliances.report import Report

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _helpers import positive_factors


def build() -> Report:
    model = gta.load_model("alliance-dilemma")
    params = model.parameters
    b, e, m, L = (params[n].symbol for n in ("b", "e", "m", "L"))
    report = Report("alliance-dilemma", "The alliance security dilemma: derivation")
    report.text(model.description)

    report.heading("The game's class in each region")
    classes = gta.classify_symmetric_2x2(model.game)
    report.table(
        ["class", "region of (b, e, m, L)"],
        [
            [name, f"${r.latex()}$" if not r.is_empty() else "(empty)"]
            for name, r in classes.items()
        ],
    )

    report.heading("Every equilibrium and where it holds")
    regions = gta.equilibrium_regions(model)
    report.math(regions.latex())
    mixed = next(eq for eq in regions if not eq.is_pure)
    p = sympy.factor(mixed.strategies[0][0])
    report.math(
        sympy.Eq(sympy.Symbol("p_S"), p),
        "In the mixed equilibrium each ally supports with probability",
    )

    report.heading("Published claim: high L gives Chicken")
    dilemma = e > m
    report.text(
        "The alliance dilemma proper has each ally's entrapment cost exceed the complementarity "
        "of mutual support (e > m); otherwise mutual support is an equilibrium (Stag Hunt or "
        "Harmony). Solving the Chicken region for L with threshold():"
    )
    chicken_L = gta.threshold(classes["Chicken"], "L")
    report.math(chicken_L.latex())
    report.claim(
        "wherever e > m, the game is Chicken for every L above e",
        gta.Region(dilemma & (L > e) & ~classes["Chicken"].condition, params).is_empty()
        and gta.Region(classes["Chicken"].condition & ~(dilemma & (L > e)), params).is_empty(),
        "The regions {e > m, L > e} and Chicken are equal: each minus the other is an empty "
        "linear system.",
    )
    report.claim(
        "below that threshold (L < e < L + b + m, with e > m) the same dilemma is a Prisoner's Dilemma",
        gta.Region(
            dilemma & (L < e) & (e < L + b + m) & ~classes["Prisoner's Dilemma"].condition, params
        ).is_empty(),
        "The region minus the Prisoner's Dilemma region is empty.",
    )
    chicken = classes["Chicken"].condition
    inside = (
        positive_factors(p, params, chicken)[1] == 1
        and positive_factors(1 - p, params, chicken)[1] == 1
    )
    slope = sympy.factor(sympy.diff(p, L))
    rises = positive_factors(slope, params, chicken)[1] == 1
    report.claim(
        "in Chicken the mixed equilibrium is proper and its support probability rises with L",
        inside and rises,
        f"p_S and 1 - p_S factor into terms the toolkit proves positive in the Chicken region, and "
        f"so does the derivative ${sympy.latex(slope)}$.",
    )
    point = {"b": 3, "e": 2, "m": 1, "L": 4}
    numeric = gta.nash_equilibria(model.at(**point))
    exact_p = p.subs({b: 3, e: 2, m: 1, L: 4})
    mixed_numeric = [eq for eq in numeric if len(eq.support[0]) == 2]
    report.claim(
        f"at (b, e, m, L) = (3, 2, 1, 4) the numeric solver finds Chicken's three equilibria, the "
        f"mixed one at p_S = {exact_p}",
        classes["Chicken"].contains(**point)
        and len(numeric) == 3
        and len(mixed_numeric) == 1
        and abs(float(mixed_numeric[0].strategies[0][0]) - float(exact_p)) < 1e-9,
        "The numeric solver finds: " + "; ".join(repr(eq) for eq in numeric) + ".",
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
