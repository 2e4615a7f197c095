"""Burden sharing between unequal allies: when the larger ally carries the burden alone.

Claim reproduced (the asymmetric form of Olson and Zeckhauser's exploitation
hypothesis, in the 2x2 burden-sharing game): when contributing alone pays for
ally A (b1_A > c_A) and free-riding is dominant for ally B, the unique
equilibrium has A contribute and B free-ride. Also: in the mixed equilibrium
each ally's contribution probability is set by its partner's payoffs alone.
Everything below is derived by the toolkit from
``models/burden-sharing-asymmetric.toml``.

Run ``python proofs/burden_sharing_asymmetric.py`` to rewrite
``proofs/burden-sharing-asymmetric.md``.
"""

from pathlib import Path

import sympy

import gametheory_alliances as gta
from gametheory_alliances.report import Report


def build() -> Report:
    model = gta.load_model("burden-sharing-asymmetric")
    params = model.parameters
    b1_A, b2_A, c_A, b1_B, b2_B, c_B = (
        params[n].symbol for n in ("b1_A", "b2_A", "c_A", "b1_B", "b2_B", "c_B")
    )
    report = Report(
        "burden-sharing-asymmetric", "Burden sharing between unequal allies: derivation"
    )
    report.text(model.description)

    report.heading("Every equilibrium and where it holds")
    regions = gta.equilibrium_regions(model)
    report.math(regions.latex())
    labelled = regions.by_label()

    report.heading("Claim: the ally for whom contributing alone pays carries the burden alone")
    a_alone = b1_A > c_A
    b_free = (b1_B < c_B) & (b2_B - c_B < b1_B)
    given = a_alone & b_free & sympy.And(*(cond for cond, _ in model.assumptions))
    report.math(
        sympy.latex(given), "Ally A gains from contributing alone; free-riding is dominant for B:"
    )
    others = [label for label in labelled if label != "(C, F)"]
    report.claim(
        "under these conditions (C, F) is an equilibrium and no other candidate is",
        gta.Region(given & ~labelled["(C, F)"].condition, params).is_empty()
        and all(gta.Region(given & labelled[k].condition, params).is_empty() for k in others),
        "The conditions minus the (C, F) region, and their intersection with every other "
        f"candidate's region ({', '.join(others)}), are empty linear systems.",
    )
    numeric = gta.nash_equilibria(model.at())
    holds = gta.Region(given, params).contains(**{n: p.default for n, p in params.items()})
    report.claim(
        "at the defaults, which satisfy these conditions, the numeric solver finds (C, F) alone",
        holds
        and len(numeric) == 1
        and list(numeric[0].strategies[0]) == [1, 0]
        and list(numeric[0].strategies[1]) == [0, 1],
        "The numeric solver finds: " + "; ".join(repr(eq) for eq in numeric) + ".",
    )

    report.heading("The mixed equilibrium")
    mixed = next(eq for eq in regions if not eq.is_pure)
    p_A, p_B = mixed.strategies[0][0], mixed.strategies[1][0]
    report.math(sympy.Eq(sympy.Symbol("p_A"), p_A), "Ally A contributes with probability")
    report.math(sympy.Eq(sympy.Symbol("p_B"), p_B), "Ally B contributes with probability")
    own_A, own_B = {b1_A, b2_A, c_A}, {b1_B, b2_B, c_B}
    report.claim(
        "each ally's mixed contribution probability depends only on its partner's benefits and cost",
        not (p_A.free_symbols & own_A)
        and p_A.free_symbols <= own_B
        and not (p_B.free_symbols & own_B)
        and p_B.free_symbols <= own_A,
        "The free parameters of p_A are B's and those of p_B are A's.",
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
