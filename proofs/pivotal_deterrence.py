"""Pivotal deterrence: the pivot keeps the peace when its threat is credible against each side.

Published claims reproduced. Crawford (2003): a pivot between two potential
belligerents deters both by threatening to side against whoever starts a war;
pivotal deterrence works when the pivot's alignment options are credible,
that is, when it would in fact oppose either side, and fails once the pivot
is tied to one side. Fang, Johnson and Leeds (2014): an alliance can both
deter challengers and restrain the ally. The tree, its payoffs and the
alliance parameters (a reneging cost r of abandoning the ally, a tie t that
makes opposing the ally costly) are the toolkit's rendering. Everything below
is derived by the toolkit (``spe_regions``, ``credibility``, ``threshold``)
from ``models/pivotal-deterrence.toml`` and checked with the numeric SPE
solver.

Run ``python proofs/pivotal_deterrence.py`` to rewrite ``proofs/pivotal-deterrence.md``.
"""

from fractions import Fraction
from pathlib import Path

import sympy

import gametheory_alliances as gta
from gametheory_alliances.predicates import outcome_table
from gametheory_alliances.report import Report
from gametheory_alliances.symbolic import spe_regions, threshold
from gametheory_alliances.symbolic.credibility import credibility


def _same_set(first, second, params, within=sympy.true) -> bool:
    """Whether two conditions hold at the same points under ``within`` (each implies the other)."""
    return (
        gta.Region(sympy.And(within, first, sympy.Not(second)), params).is_empty()
        and gta.Region(sympy.And(within, second, sympy.Not(first)), params).is_empty()
    )


def build() -> Report:
    model = gta.load_model("pivotal-deterrence")
    params = model.parameters
    sym = {n: p.symbol for n, p in params.items()}
    v_A, v_B, k_P, r, t = (sym[n] for n in ("v_A", "v_B", "k_P", "r", "t"))
    report = Report("pivotal-deterrence", "Pivotal deterrence: derivation")
    report.text(model.description)
    report.text(
        "Whose claim is which. Crawford's claims (in words): the pivot deters both sides by "
        "threatening to side against whoever starts a war, which works only while its "
        "alignment options are credible. Fang, Johnson and Leeds's claim: allies can both deter "
        "challengers and restrain partners. The tree, the payoffs, the thresholds below and the "
        "parameters r and t are the toolkit's rendering."
    )

    report.heading("Every SPE and its region")
    regions = spe_regions(model)
    report.table(
        ["SPE (choices)", "path", "region"],
        [[eq.label, ", ".join(eq.path), f"${r_.latex()}$"] for eq, r_ in regions.items()],
    )

    report.heading("The pivot's threats: credibility conditions")
    against_a = credibility(model.game, "pivot after A attacks", "Oppose A", mode="every")
    against_b = credibility(model.game, "pivot after B attacks", "Oppose B", mode="every")
    report.text("The pivot opposes A, if A attacks, in every SPE exactly where")
    report.math(against_a.latex())
    report.text("and opposes B, if B attacks, in every SPE exactly where")
    report.math(against_b.latex())
    report.claim(
        "the threat against A is credible exactly when the pivot's stake in B exceeds its cost "
        "of war plus its tie to A (v_B > k_P + t); the threat against B exactly when its stake "
        "in A plus its reneging cost exceed its cost of war (v_A + r > k_P)",
        _same_set(against_a.condition, v_B > k_P + t, params)
        and _same_set(against_b.condition, v_A + r > k_P, params),
        "Derived by the toolkit's credibility(); compared as sets of parameter points.",
    )

    report.heading("Pivotal deterrence keeps the peace exactly when both threats are credible")
    war = [
        reg.condition for eq, reg in regions.items() if set(eq.path) & {"A attacks", "B attacks"}
    ]
    calm = [
        reg.condition
        for eq, reg in regions.items()
        if not set(eq.path) & {"A attacks", "B attacks"}
    ]
    every_peace = sympy.And(sympy.Or(*calm), sympy.Not(sympy.Or(*war)))
    some_peace = sympy.Or(*calm)
    report.text("Every SPE keeps the peace exactly where")
    report.math(gta.Region(every_peace, params).latex())
    report.claim(
        "(Crawford 2003) every SPE keeps the peace exactly when the pivot's threat is credible "
        "against each side: v_A + r > k_P and v_B > k_P + t; some SPE does exactly when both "
        "hold weakly (at a tie the pivot may oppose, and every SPE is reported)",
        _same_set(every_peace, (v_A + r > k_P) & (v_B > k_P + t), params)
        and _same_set(some_peace, (v_A + r >= k_P) & (v_B >= k_P + t), params),
        "The union of the regions of the peaceful SPE, minus those of the SPE with an attack, "
        "compared with the stated conditions as sets.",
    )

    report.heading("The alliance: deterrence of B and restraint of A")
    deter_r = threshold(against_b, "r")
    restrain_t = threshold(against_a, "t")
    report.text("Solved for the alliance's reneging cost r, the threat against B is credible where")
    report.math(deter_r.latex())
    report.text("and solved for the alliance's tie t, the threat against A is credible where")
    report.math(restrain_t.latex())
    report.claim(
        "(Fang, Johnson and Leeds 2014, in the toolkit's rendering) where the pivot alone would "
        "leave B's attack unopposed (v_A < k_P) but would oppose A's, an alliance with A whose "
        "reneging cost exceeds k_P - v_A and whose tie stays below v_B - k_P both deters B and "
        "restrains A: every SPE keeps the peace",
        _same_set(deter_r.condition, r > k_P - v_A, params)
        and _same_set(restrain_t.condition, t < v_B - k_P, params)
        and gta.Region(
            sympy.And(v_A < k_P, r > k_P - v_A, t < v_B - k_P, sympy.Not(every_peace)), params
        ).is_empty(),
        "The thresholds come from threshold(); that they imply peace in every SPE is decided by "
        "the toolkit's Region (the region of the thresholds minus the peace region is empty).",
    )
    report.claim(
        "(Crawford 2003) a pivot tied to its ally loses its alignment options: where B is "
        "deterred, a tie t > v_B - k_P makes A attack in every SPE, and A's attack is then "
        "unopposed",
        all(
            "A attacks" in eq.path and "Stay out" in eq.path
            for eq, reg in regions.items()
            if not gta.Region(
                sympy.And(reg.condition, v_A + r > k_P, t > v_B - k_P), params
            ).is_empty()
        )
        and not gta.Region(sympy.And(v_A + r > k_P, t > v_B - k_P), params).is_empty(),
        "Every SPE whose region meets {v_A + r > k_P, t > v_B - k_P} has the path A attacks, "
        "Stay out.",
    )

    report.heading("Numeric check with the SPE solver, ties included")
    defaults = {n: p.default for n, p in params.items()}
    report.text(
        "At the defaults (v_A = 3/4, v_B = 5/4, k_P = 1) the thresholds are r = 1/4 and t = 1/4. "
        "The solver's SPE over r and t (each SPE's path and its outcome predicates):"
    )
    rows, agree = [], True
    steps = [Fraction(0), Fraction(1, 8), Fraction(1, 4), Fraction(1, 2)]
    for rv in steps:
        for tv in steps:
            table = outcome_table(model, r=rv, t=tv)
            point = {**defaults, "r": rv, "t": tv}
            cells = gta.Region(every_peace, params).contains(**point)
            somes = gta.Region(some_peace, params).contains(**point)
            agree = agree and all(x["peace"] for x in table) == cells
            agree = agree and any(x["peace"] for x in table) == somes
            tie = Fraction(1, 4) in (rv, tv)
            agree = agree and (len(table) > 1) == tie
            rows.append(
                [
                    str(rv),
                    str(tv),
                    len(table),
                    "; ".join(" > ".join(x["path"]) for x in table),
                    ", ".join(str(x["peace"]) for x in table),
                    ", ".join(str(x["emboldenment"]) for x in table),
                ]
            )
    report.table(["r", "t", "SPE", "paths", "peace", "emboldenment"], rows)
    report.claim(
        "Toolkit's check: at every point the numeric solver's SPE keep the peace (every, some) "
        "exactly where the derived regions say, and report several SPE exactly at the ties "
        "r = 1/4 or t = 1/4",
        agree,
        "Exact rationals; the emboldenment column compares with the pivot without an alliance "
        "(r = t = 0).",
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
