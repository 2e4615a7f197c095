"""Sandler's joint products: private benefits make every ally contribute and, for symmetric allies, mitigate under-provision.

Published claims reproduced (Sandler 1977; Sandler and Hartley 2001): with an
ally-specific private benefit of its own spending, every ally contributes; for
n symmetric allies the ratio of Nash to optimal alliance defence is
rho + (1 - rho)/n with rho = b/(a + b), above the pure public good's 1/n; the
spill-in variant bridges the pure public good (s = 1) and purely national
defence (s = 0). Everything below is derived by the toolkit's continuous
solver from ``models/joint-product.toml`` and ``models/joint-product-spillin.toml``.

Run ``python proofs/joint_product.py`` to rewrite ``proofs/joint-product.md``.
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
from _helpers import interior, levels_table, partial, planner, positive_factors, symmetric


def build() -> Report:
    model = gta.load_model("joint-product")
    game = model.game
    report = Report("joint-product", "Joint products and spill-ins: derivation")
    report.text(model.description)

    report.heading("Published claim: every ally contributes")
    corners = {
        who: solve_symbolic(game, contributors=who) for who in ((), ("Ally 1",), ("Ally 2",))
    }
    report.claim(
        "Source's claim (every ally contributes), derived by the toolkit: no Nash equilibrium "
        "has an ally at zero spending",
        all(len(r) == 0 for r in corners.values()),
        "The toolkit's corner analysis for the contributor sets {}, {Ally 1} and {Ally 2} "
        "finds no candidate: the private benefit b_i ln q_i makes the marginal utility at "
        "q_i = 0 infinite.",
    )
    rows = []
    inside = True
    for point in (
        {},
        {"a": (3, 1), "b": ("1/2", 2), "w": (20, 20)},
        {"a": (5, 5), "b": ("1/10", "1/10"), "w": (40, 10)},
    ):
        numeric = solve_numeric(model.at(**point), tol=1e-7)
        inside = inside and numeric.converged and min(numeric.strategies) > 0
        shown = (
            "; ".join(f"{k} = ({', '.join(map(str, v))})" for k, v in point.items()) or "defaults"
        )
        rows.append([shown, *(f"{q:.4f}" for q in numeric.strategies)])
    report.table(["values", "q_1", "q_2"], rows)
    report.claim(
        "Toolkit's check: at these sample points iterated best responses give every ally "
        "positive spending",
        inside,
        "Computed numerically, independently of the corner analysis.",
    )

    report.heading("Published claim: the Nash/optimum ratio for symmetric allies")
    report.text(
        "The optimum (the Samuelson condition) is the Nash equilibrium of the planner's game, "
        "in which every ally maximises the sum of all utilities; the model is rebuilt for n "
        "allies with with_players and its incomes and benefits set equal across allies."
    )
    a, b, w = Parameter("a", "positive"), Parameter("b", "positive"), Parameter("w", "positive")
    common = {"a": a, "b": b, "w": w}
    rho = b.symbol / (a.symbol + b.symbol)
    rows = []
    matches = True
    above = True
    for n in (2, 3, 4):
        sized = symmetric(with_players(model, n, a=[1] * n, b=[1] * n, w=[1] * n).game, common)
        nash = interior(solve_symbolic(sized, contributors=sized.players))
        best = interior(solve_symbolic(planner(sized), contributors=sized.players))
        q_nash, q_best = sympy.factor(sum(nash.strategies)), sympy.factor(sum(best.strategies))
        ratio = sympy.factor(q_nash / q_best)
        matches = matches and sympy.simplify(ratio - (rho + (1 - rho) / n)) == 0
        above = above and positive_factors(ratio - sympy.Rational(1, n), common)[1] == 1
        rows.append(
            [
                n,
                f"${sympy.latex(nash.strategies[0])}$",
                f"${sympy.latex(q_nash)}$",
                f"${sympy.latex(q_best)}$",
                f"${sympy.latex(ratio)}$",
            ]
        )
    report.table(["n", "Nash q_i", "Nash Q", "optimal Q", "Nash / optimum"], rows)
    report.text(
        "Incomes are not binding here (the solutions hold where w exceeds each level; the "
        "upper bounds were dropped for the symmetric derivation)."
    )
    report.claim(
        "Source's claim (for symmetric allies), derived by the toolkit: the ratio equals "
        "rho + (1 - rho)/n with rho = b/(a + b) for n = 2, 3, 4",
        matches,
        "sympy.simplify of the difference is 0 for each n.",
    )
    report.claim(
        "Source's claim (Sandler), derived by the toolkit for symmetric allies only: private "
        "benefits mitigate the under-provision: the ratio exceeds the pure public good's 1/n "
        "(the burden shares of allies of unequal income are not derived here)",
        above,
        "ratio - 1/n factors into terms the toolkit proves positive.",
    )

    report.heading("The spill-in variant: between a pure public good and national defence")
    spill = gta.load_model("joint-product-spillin")
    report.text(spill.description)
    general = solve_symbolic(spill.game)
    report.table(["contributors", "Nash spending", "where"], levels_table(general))
    pure = solve_symbolic(partial(spill.game, s=1))
    quasi = solve_symbolic(gta.load_model("public-good-quasilinear").game)

    def signature(result):
        return sorted(
            (s.cases, tuple(map(sympy.srepr, s.strategies)), sympy.srepr(s.region.condition))
            for s in result
        )

    same = signature(pure) == signature(quasi)
    report.claim(
        "Toolkit's rendering of the bridge: at s = 1 the spill-in model has exactly the equilibria and regions of the quasi-linear "
        "pure public good (public-good-quasilinear)",
        same and len(pure) > 0,
        f"Both give {len(pure)} candidates with identical levels and regions.",
    )
    national = solve_symbolic(partial(spill.game, s=0))
    report.table(["contributors", "Nash spending at s = 0", "where"], levels_table(national))
    theta1, theta2 = (spill.parameters[n].symbol for n in ("theta_1", "theta_2"))
    own = [s for s in national if s.cases == ("interior", "interior")]
    report.claim(
        "Toolkit's rendering of the bridge: at s = 0 each ally buys its own ideal level "
        "theta_i, whatever the other does",
        len(own) == 1
        and own[0].strategies == (theta1, theta2)
        and all("lower" not in s.cases for s in national),
        "The only interior candidate is $q_1 = \\theta_1, q_2 = \\theta_2$; in the others an "
        "ally's income binds, and no ally is ever at zero: each ally's own spending is all the "
        "protection it gets.",
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
