"""Burden sharing between unequal allies: when the larger ally carries the burden alone.

Claim reproduced (the asymmetric form of Olson and Zeckhauser's exploitation
hypothesis, in the 2x2 burden-sharing game): the larger ally carries the
burden alone. Where free-riding is dominant for the smaller ally this is a
matter of dominance (when contributing alone pays for ally A and free-riding is
dominant for ally B, the unique equilibrium has A contribute and B free-ride);
where both allies face Chicken, both (C, F) and (F, C) are equilibria, and the
larger ally carries the burden in the risk-dominant one (Harsanyi and Selten
1988). Also: in the mixed equilibrium each ally's contribution probability is
set by its partner's payoffs alone.
Everything below is derived by the toolkit from
``models/burden-sharing-asymmetric.toml``.

Run ``python proofs/burden_sharing_asymmetric.py`` to rewrite
``proofs/burden-sharing-asymmetric.md``.
"""

import sys
from pathlib import Path

import sympy

import gametheory_alliances as gta
from gametheory_alliances.report import Report

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _helpers import positive_factors


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
        "Toolkit's rendering of the source's claim, by dominance (a consequence of the "
        "premise that free-riding is dominant for B): under these conditions (C, F) is an "
        "equilibrium and no other candidate is",
        gta.Region(given & ~labelled["(C, F)"].condition, params).is_empty()
        and all(gta.Region(given & labelled[k].condition, params).is_empty() for k in others),
        "The conditions minus the (C, F) region, and their intersection with every other "
        f"candidate's region ({', '.join(others)}), are empty linear systems.",
    )
    numeric = gta.nash_equilibria(model.at())
    holds = gta.Region(given, params).contains(**{n: p.default for n, p in params.items()})
    report.claim(
        "Toolkit's check: at the defaults, which satisfy these conditions, the numeric solver "
        "finds (C, F) alone",
        holds
        and len(numeric) == 1
        and list(numeric[0].strategies[0]) == [1, 0]
        and list(numeric[0].strategies[1]) == [0, 1],
        "The numeric solver finds: " + "; ".join(repr(eq) for eq in numeric) + ".",
    )

    report.heading("Claim: where both face Chicken, the larger ally carries the burden")
    pay_A, pay_B = model.game.payoff_expressions()
    C, F = 0, 1
    # Harsanyi-Selten: the product of the players' losses from deviating alone.
    loss_CF = (pay_A[C, F] - pay_A[F, F]) * (pay_B[C, F] - pay_B[C, C])
    loss_FC = (pay_A[F, C] - pay_A[C, C]) * (pay_B[F, C] - pay_B[F, F])
    report.text(
        "Where both (C, F) and (F, C) are equilibria, (C, F) risk-dominates (F, C) when the "
        "product of the allies' losses from deviating alone is larger there (Harsanyi and "
        "Selten 1988). From the model's payoffs, (C, F) risk-dominates exactly where"
    )
    report.math(sympy.latex(sympy.factor(loss_CF - loss_FC)) + " > 0")
    both = labelled["(C, F)"].condition & labelled["(F, C)"].condition
    k = gta.Parameter("k", "positive", description="how many times B's benefits A's are")
    b1, b2, c = (gta.Parameter(n, "positive").symbol for n in ("b1", "b2", "c"))
    larger = {b1_A: k.symbol * b1, b2_A: k.symbol * b2, b1_B: b1, b2_B: b2, c_A: c, c_B: c}
    scaled = {"k": k, **{s.name: gta.Parameter(s.name, "positive") for s in (b1, b2, c)}}
    # Both allies strictly in Chicken (contributing alone pays, a second contribution does not).
    chicken = (b1_A > c_A) & (b2_A - c_A < b1_A) & (b1_B > c_B) & (b2_B - c_B < b1_B)
    within = (both & chicken).xreplace(larger) & (k.symbol > 1)
    sure, rest = positive_factors(
        sympy.expand((loss_CF - loss_FC).xreplace(larger)), scaled, within
    )
    report.text(
        "Let ally A be the larger: its benefits k times B's (b1_A = k b1, b2_A = k b2, "
        "b1_B = b1, b2_B = b2), k > 1, the cost c the same. Where both allies are strictly in "
        "Chicken (b1_i > c_i and b2_i - c_i < b1_i), both (C, F) and (F, C) are equilibria "
        "and the difference of the loss products is"
    )
    report.math(sympy.latex(sympy.factor((loss_CF - loss_FC).xreplace(larger))))
    report.claim(
        "Source's claim (the larger ally carries the burden alone), rendered by the toolkit "
        "with the risk-dominance selection: where both allies face Chicken, the equilibrium in "
        "which the larger ally contributes alone risk-dominates the one in which the smaller "
        "does",
        not gta.Region(within, scaled).is_empty() and rest == 1,
        f"positive_factors proves every factor of ${sympy.latex(sympy.factor(sure))}$ "
        "positive on that region with k > 1 (there b2 < b1 + c < 2 b1: Chicken needs concave "
        "benefits).",
    )
    point = {"b1_A": 6, "b2_A": 7, "c_A": 2, "b1_B": 3, "b2_B": "7/2", "c_B": 2}
    at_point = gta.nash_equilibria(model.at(**point))
    pure = sorted(
        (tuple(map(int, eq.strategies[0])), tuple(map(int, eq.strategies[1])))
        for eq in at_point
        if eq.is_pure
    )
    values = {sym: sympy.Rational(point[sym.name]) for sym in (b1_A, b2_A, c_A, b1_B, b2_B, c_B)}
    report.claim(
        "Toolkit's check at (b1, b2, c) = (3, 7/2, 2) for B and twice the benefits for A: both "
        "(C, F) and (F, C) are equilibria and (C, F) has the larger loss product",
        pure == [((0, 1), (1, 0)), ((1, 0), (0, 1))]
        and loss_CF.xreplace(values) > loss_FC.xreplace(values),
        f"Loss products {loss_CF.xreplace(values)} at (C, F) and {loss_FC.xreplace(values)} at "
        "(F, C); the numeric solver finds " + "; ".join(repr(eq) for eq in at_point) + ".",
    )

    report.heading("The mixed equilibrium")
    mixed = next(eq for eq in regions if not eq.is_pure)
    p_A, p_B = mixed.strategies[0][0], mixed.strategies[1][0]
    report.math(sympy.Eq(sympy.Symbol("p_A"), p_A), "Ally A contributes with probability")
    report.math(sympy.Eq(sympy.Symbol("p_B"), p_B), "Ally B contributes with probability")
    own_A, own_B = {b1_A, b2_A, c_A}, {b1_B, b2_B, c_B}
    report.claim(
        "Toolkit's rendering: each ally's mixed contribution probability depends only on its "
        "partner's benefits and cost",
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
