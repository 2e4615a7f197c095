"""Olson and Zeckhauser's economic theory of alliances: Nash defence spending and its shortfall.

Published claims reproduced (Olson and Zeckhauser 1966): the defence burden
q_i / w_i rises with income (the exploitation of the great by the small);
provision is sub-optimal, and the shortfall worsens with the number of allies;
income transfers among contributors leave alliance defence Q unchanged.
Everything below is derived by the toolkit's continuous solver from the model
file ``models/public-good.toml`` (and, for n allies, the same file rebuilt with
``with_players``).

Run ``python proofs/public_good.py`` to rewrite ``proofs/public-good.md``.
"""

import sys
from pathlib import Path

import sympy

import gametheory_alliances as gta
from gametheory_alliances.io.model_file import with_players
from gametheory_alliances.parameters import Parameter
from gametheory_alliances.report import Report
from gametheory_alliances.solvers.first_order import solve_numeric
from gametheory_alliances.symbolic.continuous import solve_symbolic

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _helpers import interior, planner, positive_factors, symmetric


def build() -> Report:
    model = gta.load_model("public-good")
    game = model.game
    params = model.parameters
    a, w1, w2 = (params[n].symbol for n in ("a", "w_1", "w_2"))
    report = Report("public-good", "Defence as a pure public good: derivation")
    report.text(model.description)

    report.heading("Nash equilibria by first-order conditions, for every contributor set")
    result = solve_symbolic(game)
    rows = []
    for s in result:
        levels = ", ".join(
            f"${sympy.latex(v)} = {sympy.latex(x)}$"
            for v, x in zip(s.variables, s.strategies, strict=True)
        )
        rows.append([", ".join(s.contributors), levels, f"${s.region.latex()}$"])
    report.table(["contributors", "Nash spending", "where"], rows)
    report.text(
        "Every utility is concave in the ally's own spending (proven structurally: "
        f"{all(s.concave for s in result)}), so in each region the candidate is a Nash equilibrium."
    )
    alone = next(s for s in result if s.contributors == ("Ally 1",))
    report.math(gta.threshold(alone.region, "w_2").latex(), "Ally 1 pays alone exactly when")
    both = interior(result)
    q1, q2 = both.strategies
    total = sympy.factor(q1 + q2)
    report.math(sympy.Eq(sympy.Symbol("Q"), total), "With both contributing, alliance defence is")

    report.heading("Published claim: the defence burden rises with income")
    gap = sympy.factor(q1 / w1 - q2 / w2)
    sure, rest = positive_factors(gap, params)
    report.math(gap, "The burden gap between the allies, q_1/w_1 - q_2/w_2, where both contribute:")
    report.claim(
        "Source's claim (exploitation of the great by the small), derived by the toolkit: where "
        "both allies contribute, the richer ally spends the larger share of its income",
        sympy.expand(rest - (w1 - w2)) == 0,
        f"The burden gap factors as ${sympy.latex(sure)}$ times ${sympy.latex(rest)}$; the "
        "toolkit proves the first factor positive on the domains, so the gap has the sign of "
        "w_1 - w_2.",
    )
    corner_levels = alone.strategies
    bound = gta.threshold(alone.region, "w_2").condition
    report.claim(
        "Source's claim, derived by the toolkit: where only one ally contributes, it is the "
        "richer one, with burden a against 0",
        isinstance(bound, sympy.LessThan)
        and bound.lhs == w2
        and positive_factors(w1 - bound.rhs, params)[1] == 1
        and sympy.simplify(corner_levels[0] / w1 - a) == 0
        and corner_levels[1] == 0,
        f"Ally 1 alone spends ${sympy.latex(corner_levels[0])}$ where "
        f"${sympy.latex(bound)}$, and $w_1 - {sympy.latex(bound.rhs)}$ is provably positive.",
    )
    rows = []
    ordered = True
    for point in (
        {"a": "1/2", "w": (50, 40)},
        {"a": "3/10", "w": (80, 60)},
        {"a": "4/5", "w": (30, 25)},
    ):
        numeric = solve_numeric(model.at(**point), tol=1e-7)
        burdens = [q / w for q, w in zip(numeric.strategies, point["w"], strict=True)]
        ordered = ordered and numeric.converged and burdens[0] > burdens[1]
        rows.append(
            [
                point["a"],
                point["w"],
                *(f"{q:.4f}" for q in numeric.strategies),
                *(f"{b:.4f}" for b in burdens),
            ]
        )
    report.table(["a", "(w_1, w_2)", "q_1", "q_2", "q_1/w_1", "q_2/w_2"], rows)
    report.claim(
        "Toolkit's check: at these sample points, iterated best responses give the richer ally "
        "the higher burden",
        ordered,
        "Levels computed numerically, independently of the closed form.",
    )

    report.heading("Published claim: provision is sub-optimal, worse with more allies")
    report.text(
        "The Pareto optimum maximising the sum of utilities (the Samuelson condition) is the "
        "Nash equilibrium of the planner's game, in which every ally maximises total welfare; "
        "for n symmetric allies with income w the toolkit solves both games."
    )
    w = Parameter("w", "positive")
    ratios = {}
    rows = []
    sym_params = {"a": params["a"], "w": w}
    slack = True
    for n in (2, 3, 4):
        sized = symmetric(with_players(model, n, w=[1] * n).game, {"w": w})
        nash = interior(solve_symbolic(sized, contributors=sized.players))
        best = interior(solve_symbolic(planner(sized), contributors=sized.players))
        for s in (nash, best):
            slack = slack and all(
                positive_factors(w.symbol - q, sym_params)[1] == 1 for q in s.strategies
            )
        q_nash, q_best = sum(nash.strategies), sum(best.strategies)
        ratios[n] = sympy.factor(sympy.cancel(q_nash / q_best))
        rows.append(
            [
                n,
                f"${sympy.latex(sympy.factor(q_nash))}$",
                f"${sympy.latex(sympy.factor(q_best))}$",
                f"${sympy.latex(ratios[n])}$",
            ]
        )
    report.table(["n", "Nash Q", "optimal Q", "Nash / optimum"], rows)
    report.claim(
        "Toolkit's check: the income bounds q_i <= w are slack at both solutions, so dropping them is harmless",
        slack,
        "w - q_i factors into provably positive terms for every n and both games.",
    )
    short = all(
        gta.Region(ratios[n] >= 1, sym_params).is_empty()
        or positive_factors(1 - ratios[n], sym_params)[1] == 1
        for n in ratios
    )
    report.claim(
        "Source's claim (sub-optimal provision), derived by the toolkit: Nash defence is below "
        "the optimum for every a in (0, 1)",
        short,
        "For each n, 1 minus the ratio factors into terms the toolkit proves positive.",
    )
    worse = all(positive_factors(ratios[n] - ratios[n + 1], sym_params)[1] == 1 for n in (2, 3))
    report.claim(
        "Source's claim (provision worsens with n), derived by the toolkit: the ratio falls as "
        "n grows from 2 to 4",
        worse,
        "Each difference of consecutive ratios factors into provably positive terms: "
        + "; ".join(f"${sympy.latex(sympy.factor(ratios[n] - ratios[n + 1]))}$" for n in (2, 3))
        + ".",
    )

    report.heading("Published claim: income transfers among contributors leave Q unchanged")
    t = sympy.Symbol("t", real=True)
    moved = total.xreplace({w1: w1 + t, w2: w2 - t})
    report.claim(
        "Source's claim (transfers among contributors leave Q unchanged), derived by the "
        "toolkit: the interior Nash Q depends on incomes only through w_1 + w_2",
        sympy.simplify(moved - total) == 0,
        f"Substituting w_1 + t, w_2 - t into Q = ${sympy.latex(total)}$ leaves it unchanged.",
    )
    before = solve_numeric(model.at(a="1/2", w=(50, 40)), tol=1e-7)
    after = solve_numeric(model.at(a="1/2", w=(55, 35)), tol=1e-7)
    contributing = all(q > 1e-3 for q in (*before.strategies, *after.strategies))
    report.claim(
        "Toolkit's check of the source's claim at an interior point: moving 5 of income from "
        "ally 2 to ally 1 at a = 1/2, both allies contributing before and after, leaves Q at 30",
        contributing
        and abs(sum(before.strategies) - sum(after.strategies)) < 1e-6
        and abs(sum(before.strategies) - 30) < 1e-6,
        f"Iterated best responses: Q = {sum(before.strategies):.6f} at (50, 40), with levels "
        f"({before.strategies[0]:.4f}, {before.strategies[1]:.4f}); "
        f"Q = {sum(after.strategies):.6f} at (55, 35), with levels "
        f"({after.strategies[0]:.4f}, {after.strategies[1]:.4f}): both allies contribute at "
        "both points, so the transfer stays among contributors (at (60, 30) ally 2 would be "
        "at the corner q_2 = 0).",
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
