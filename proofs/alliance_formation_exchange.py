"""Alliance formation as a security-autonomy exchange (Morrow 1991).

Claims reproduced (Morrow 1991, "Alliances and asymmetry"): a state gains
from an alliance alpha Delta s + (1 - alpha) Delta a, its weight on security
times its change in security plus its weight on autonomy times its change in
autonomy; symmetric alliances (both gain security, both give up autonomy)
form only when both partners weigh security highly, as against a common
threat; asymmetric alliances trade security for autonomy, form between
partners with opposite priorities, need no common threat, and a fall in the
threat can end them only through the weaker partner, which is why Morrow
expects them to last longer. The linear utility and the two-state game of
mutual consent are the toolkit's rendering. Everything below is derived by
the toolkit from ``models/alliance-formation-exchange.toml``.

Run ``python proofs/alliance_formation_exchange.py`` to rewrite
``proofs/alliance-formation-exchange.md``.
"""

from fractions import Fraction
from pathlib import Path

import sympy

import gametheory_alliances as gta
from gametheory_alliances.report import Report

F = Fraction


def bound(region, name):
    """The one comparison of ``region`` solved for ``name``: (operator, bound)."""
    solved = gta.threshold(region, name)
    symbol = region.parameters[name].symbol
    atoms = solved.condition.args if isinstance(solved.condition, sympy.And) else [solved.condition]
    mine = [a for a in atoms if a.has(symbol)]
    if len(mine) != 1 or mine[0].lhs != symbol:
        return None, None
    return type(mine[0]), mine[0].rhs


def build() -> Report:
    model = gta.load_model("alliance-formation-exchange")
    params = model.parameters
    alpha_A, alpha_B, s_A, a_A, s_B, a_B = (
        params[n].symbol for n in ("alpha_A", "alpha_B", "s_A", "a_A", "s_B", "a_B")
    )
    report = Report(
        "alliance-formation-exchange", "Alliance formation as a security-autonomy exchange"
    )
    report.text(model.description)
    report.text(
        "Whose claim is which. Morrow's claims: the utility alpha Delta s + (1 - alpha) Delta a; "
        "symmetric alliances need a common threat, asymmetric ones trade security for autonomy "
        "between partners with opposite priorities and last longer. The toolkit's rendering: "
        "the linear changes s and a as parameters, the game of mutual consent, and the reading "
        "of a fall in the threat as a fall in both states' weights on security."
    )

    report.heading("Equilibria and where they hold")
    regions = gta.equilibrium_regions(model)
    report.math(regions.latex())
    forms = regions.by_label()["(Ally, Ally)"]
    gain_A = alpha_A * s_A + (1 - alpha_A) * a_A
    gain_B = alpha_B * s_B + (1 - alpha_B) * a_B
    stated = (gain_A >= 0) & (gain_B >= 0)
    report.claim(
        "(Morrow) the alliance forms in equilibrium exactly when each state gains, "
        "alpha s + (1 - alpha) a >= 0 for both",
        gta.Region(forms.condition & ~stated, params).is_empty()
        and gta.Region(stated & ~forms.condition, params).is_empty(),
        "The region of (Ally, Ally) and the stated condition: each minus the other is empty.",
    )

    asymmetric = (s_A < 0) & (a_A > 0) & (s_B > 0) & (a_B < 0)
    symmetric = (s_A > 0) & (a_A < 0) & (s_B > 0) & (a_B < 0)
    rows, found = [], {}
    for name, config in (("asymmetric", asymmetric), ("symmetric", symmetric)):
        region = gta.Region(forms.condition & config, params)
        for who in ("alpha_A", "alpha_B"):
            op, value = bound(region, who)
            found[(name, who)] = (op, value)
            rows.append(
                [
                    name,
                    who,
                    "at most" if op is sympy.LessThan else "at least",
                    f"${sympy.latex(value)}$",
                ]
            )
    report.heading("Security weights needed, by kind of alliance")
    report.text(
        "The region of (Ally, Ally), intersected with each configuration (asymmetric: s_A < 0 < "
        "a_A, a_B < 0 < s_B; symmetric: both s > 0 > a), solved for each state's security "
        "weight by threshold():"
    )
    report.table(["alliance", "weight", "bound", "value"], rows)
    star_A = a_A / (a_A - s_A)
    star_B = -a_B / (s_B - a_B)
    report.claim(
        "(Morrow) an asymmetric alliance forms exactly when the stronger state (A, giving "
        "security for autonomy) weighs security at most a_A/(a_A - s_A) and the weaker at least "
        "-a_B/(s_B - a_B): the partners' priorities are opposite",
        found[("asymmetric", "alpha_A")][0] is sympy.LessThan
        and sympy.simplify(found[("asymmetric", "alpha_A")][1] - star_A) == 0
        and found[("asymmetric", "alpha_B")][0] is sympy.GreaterThan
        and sympy.simplify(found[("asymmetric", "alpha_B")][1] - star_B) == 0,
    )
    report.claim(
        "(Morrow) a symmetric alliance forms exactly when both states weigh security at least "
        "-a_i/(s_i - a_i): both need the threat",
        all(found[("symmetric", w)][0] is sympy.GreaterThan for w in ("alpha_A", "alpha_B"))
        and sympy.simplify(found[("symmetric", "alpha_A")][1] - (-a_A / (s_A - a_A))) == 0
        and sympy.simplify(found[("symmetric", "alpha_B")][1] - star_B) == 0,
    )
    report.claim(
        "(Morrow) an asymmetric alliance forms with no common threat (the stronger state puts "
        "no weight on security, alpha_A = 0); a symmetric one never does",
        not gta.Region((forms.condition & asymmetric).subs(alpha_A, 0), params).is_empty()
        and gta.Region((forms.condition & symmetric).subs(alpha_A, 0), params).is_empty(),
        "The region of (Ally, Ally) at alpha_A = 0 is not empty in the asymmetric configuration "
        "and empty in the symmetric one.",
    )
    report.claim(
        "(Morrow's durability argument, in the toolkit's reading of a falling threat as falling "
        "security weights) a fall in both weights can end a symmetric alliance through either "
        "partner, an asymmetric one only through the weaker: the stronger state's condition is "
        "an upper bound on its weight, which a fall only relaxes",
        found[("asymmetric", "alpha_A")][0] is sympy.LessThan
        and found[("asymmetric", "alpha_B")][0] is sympy.GreaterThan
        and found[("symmetric", "alpha_A")][0] is sympy.GreaterThan,
        "Read from the bounds above; the model's claim "
        "asymmetric-forms-less-with-the-majors-security-weight checks the direction at random "
        "points with the numeric solver (gta check).",
    )

    report.heading("The model alliance-formation as a special case")
    old = gta.load_model("alliance-formation")
    tau, beta_B, cost_A = (old.parameters[n].symbol for n in ("tau", "beta_B", "a_A"))
    special = gain_A.subs({s_A: tau * beta_B / alpha_A, a_A: -cost_A / (1 - alpha_A)})
    report.claim(
        "with the security gain alpha_A s_A = tau beta_B and autonomy only a cost, "
        "(1 - alpha_A) a_A = -a_A, the exchange utility is alliance-formation's payoff",
        sympy.simplify(special - old.game.payoff_expressions()[0][0, 0]) == 0,
        f"Substituted: ${sympy.latex(sympy.simplify(special))}$.",
    )

    report.heading("At exact points, by the numeric solver")
    rows, agree = [], True
    base = {"s_A": -1, "a_A": 2, "s_B": 3, "a_B": -1}
    edge_A = F(2, 3)  # a_A/(a_A - s_A)
    edge_B = F(1, 4)  # -a_B/(s_B - a_B)
    for alpha_a in (F(0), edge_A, edge_A + F(1, 100)):
        for alpha_b in (edge_B - F(1, 100), edge_B, F(1)):
            point = {**base, "alpha_A": alpha_a, "alpha_B": alpha_b}
            numeric = any(
                eq.strategies[0][0] == 1 and eq.strategies[1][0] == 1
                for eq in gta.pure_equilibria(model.at(**point))
            )
            expected = alpha_a <= edge_A and alpha_b >= edge_B
            agree = agree and numeric == expected == forms.contains(**point)
            rows.append([str(alpha_a), str(alpha_b), numeric])
    report.table(
        ["alpha_A", "alpha_B", "(Ally, Ally) found (s_A, a_A, s_B, a_B = -1, 2, 3, -1)"], rows
    )
    report.claim(
        "the numeric solver finds the alliance exactly at alpha_A <= 2/3 and alpha_B >= 1/4 "
        "there, the ties included, as the region says",
        agree,
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
