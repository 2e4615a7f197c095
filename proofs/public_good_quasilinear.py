"""Defence as a pure public good with quasi-linear preferences: only the keenest ally pays.

Claims reproduced (the quasi-linear form of Olson and Zeckhauser 1966): when
the ally that values defence most (theta_1 > theta_2) can afford its ideal
level, the unique Nash equilibrium has it buy exactly that level while the
other free-rides completely; alliance defence theta_1 falls short of the
optimum theta_1 + theta_2. Derived by the toolkit's continuous solver from
``models/public-good-quasilinear.toml``.

Run ``python proofs/public_good_quasilinear.py`` to rewrite
``proofs/public-good-quasilinear.md``.
"""

import sys
from pathlib import Path

import sympy

import gametheory_alliances as gta
from gametheory_alliances.report import Report
from gametheory_alliances.solvers.first_order import solve_numeric
from gametheory_alliances.symbolic.continuous import solve_symbolic

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _helpers import levels_table, planner


def build() -> Report:
    model = gta.load_model("public-good-quasilinear")
    params = model.parameters
    theta_1, theta_2, w_1 = (params[n].symbol for n in ("theta_1", "theta_2", "w_1"))
    report = Report(
        "public-good-quasilinear", "Defence as a pure public good, quasi-linear: derivation"
    )
    report.text(model.description)

    report.heading("Nash equilibria by first-order conditions, for every contributor set")
    result = solve_symbolic(model.game)
    report.table(["contributors", "Nash spending", "where"], levels_table(result))
    if result.notes:
        report.text("Cases without isolated solutions: " + "; ".join(result.notes) + ".")

    report.heading("Claim: only the ally that values defence most contributes")
    given = (theta_1 > theta_2) & (w_1 > theta_1)
    report.math(sympy.latex(given), "Ally 1 values defence most and can afford its ideal level:")
    chosen = [s for s in result if s.strategies == (theta_1, 0)]
    others = [s for s in result if s.strategies != (theta_1, 0)]
    report.claim(
        "Source's claim (Olson and Zeckhauser 1966: the small free-ride on the great), derived "
        "by the toolkit: there, the unique equilibrium is q_1 = theta_1, q_2 = 0: ally 2 "
        "free-rides completely",
        len(chosen) == 1
        and gta.Region(given & ~chosen[0].region.condition, params).is_empty()
        and all(gta.Region(given & s.region.condition, params).is_empty() for s in others),
        f"The conditions lie inside the region of that candidate and meet none of the other "
        f"{len(others)} candidates' regions (empty linear systems).",
    )
    numeric = solve_numeric(model.at(), tol=1e-7)
    report.claim(
        "Toolkit's check: at the defaults (theta = (3, 2), w = (10, 10)) iterated best "
        "responses give (3, 0)",
        numeric.converged
        and abs(numeric.strategies[0] - 3) < 1e-6
        and abs(numeric.strategies[1]) < 1e-6,
        f"Levels ({numeric.strategies[0]:.6f}, {numeric.strategies[1]:.6f}).",
    )

    report.heading("Claim: provision is sub-optimal")
    best = solve_symbolic(planner(model.game), contributors=["Ally 1"])
    interior = [s for s in best if s.cases == ("interior", "lower")]
    optimum = interior[0].strategies[0] if interior else None
    report.claim(
        "Source's claim (sub-optimal provision), derived by the toolkit: the optimum, "
        "theta_1 + theta_2, exceeds the Nash level theta_1 by the free rider's "
        "valuation",
        optimum is not None and sympy.expand(optimum - (theta_1 + theta_2)) == 0,
        "The planner's game (every ally maximising the sum of utilities), solved with ally 1 "
        f"paying, gives $Q = {sympy.latex(optimum)}$; only the total matters to the planner.",
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
