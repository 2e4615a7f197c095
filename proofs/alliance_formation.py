"""Alliance formation by mutual consent: threat thresholds with and without side payments.

Claims reproduced (after Morrow 1991 and Smith 1995): the alliance forms in
equilibrium exactly when the threat tau exceeds both states' thresholds,
tau >= max(a_A/beta_B, a_B/beta_A); with side payments it forms exactly when
the joint surplus is positive, tau (beta_A + beta_B) >= a_A + a_B, a threshold
never above the first. In this model autonomy is only a cost; the toolkit's
own corollary, in the spirit of Morrow's trade-off but not his model, is that
for a given total autonomy cost the alliance forms at the lowest threat when
the weaker state concedes the larger share of autonomy (a_A beta_A = a_B
beta_B), and then exactly at the side-payment threshold. Morrow's
security-autonomy exchange itself, in which an alliance may also bring
autonomy, is the model alliance-formation-exchange. Everything below is
derived by the toolkit from ``models/alliance-formation.toml``.

Run ``python proofs/alliance_formation.py`` to rewrite ``proofs/alliance-formation.md``.
"""

import sys
from pathlib import Path

import sympy

import gametheory_alliances as gta
from gametheory_alliances.parameters import Parameter
from gametheory_alliances.report import Report

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _helpers import positive_factors, same_condition


def build() -> Report:
    model = gta.load_model("alliance-formation")
    params = model.parameters
    tau, beta_A, beta_B, a_A, a_B = (
        params[n].symbol for n in ("tau", "beta_A", "beta_B", "a_A", "a_B")
    )
    report = Report("alliance-formation", "Alliance formation by mutual consent: derivation")
    report.text(model.description)
    report.text(
        "Whose claim is which. The formation thresholds, with and without side payments, are "
        "the claims of the alliance-formation literature (Morrow 1991; Smith 1995) in the "
        "toolkit's cardinal rendering (tau, beta, a). Here autonomy is only a cost; the split "
        "of autonomy costs below is the toolkit's corollary. Morrow's exchange of security for "
        "autonomy (U = alpha Delta s + (1 - alpha) Delta a) is the model "
        "alliance-formation-exchange, with its own derivation."
    )

    report.heading("Equilibria and where they hold")
    regions = gta.equilibrium_regions(model)
    report.math(regions.latex())
    forms = regions.by_label()["(Ally, Ally)"]

    report.heading("The threat threshold without side payments")
    solved = gta.threshold(forms, "tau")
    report.math(solved.latex(), "Solving the region of (Ally, Ally) for tau:")
    published = gta.Region((tau >= a_A / beta_B) & (tau >= a_B / beta_A), params)
    report.claim(
        "the alliance forms in equilibrium iff tau >= max(a_A/beta_B, a_B/beta_A)",
        same_condition(solved, published),
        "The solved region and the published condition are the same comparisons once expanded.",
    )

    report.heading("With side payments")
    report.text(
        "State A may pay state B a transfer x (of either sign) when the alliance forms: the "
        "toolkit builds the game with x added to the model's (Ally, Ally) payoffs and derives "
        "where (Ally, Ally) is an equilibrium for some x."
    )
    x = Parameter("x", "real", description="transfer from A to B")
    arrays = model.game.payoff_expressions()
    shifted = [arr.copy() for arr in arrays]
    shifted[0][0, 0] = arrays[0][0, 0] - x.symbol
    shifted[1][0, 0] = arrays[1][0, 0] + x.symbol
    transfer_game = gta.NormalFormGame(
        shifted,
        players=model.game.players,
        strategies=model.game.strategies,
        parameters=[*params.values(), x],
    )
    with_x = gta.equilibrium_regions(transfer_game).by_label()["(Ally, Ally)"]
    on_x = gta.threshold(with_x, "x")
    report.math(on_x.latex(), "(Ally, Ally) is an equilibrium with transfer x iff")
    bounds = {type(atom): atom.rhs for atom in on_x.condition.args}
    low, high = bounds[sympy.GreaterThan], bounds[sympy.LessThan]
    exists = gta.threshold(gta.Region(high - low >= 0, params), "tau")
    report.math(exists.latex(), "Such an x exists iff its lower bound is below its upper bound:")
    joint = gta.Region(tau * (beta_A + beta_B) >= a_A + a_B, params)
    report.claim(
        "with side payments the alliance forms iff tau (beta_A + beta_B) >= a_A + a_B "
        "(the joint surplus is nonnegative)",
        same_condition(exists, joint),
        "Both are the same comparison once expanded.",
    )
    gap_A = sympy.factor(a_A / beta_B - (a_A + a_B) / (beta_A + beta_B))
    gap_B = sympy.factor(a_B / beta_A - (a_A + a_B) / (beta_A + beta_B))
    num_A, _ = sympy.fraction(gap_A)
    num_B, _ = sympy.fraction(gap_B)
    report.claim(
        "side payments never raise the threshold: (a_A + a_B)/(beta_A + beta_B) <= "
        "max(a_A/beta_B, a_B/beta_A)",
        sympy.expand(num_A + num_B) == 0
        and positive_factors(gap_A / num_A, params)[1] == 1
        and positive_factors(gap_B / num_B, params)[1] == 1,
        f"The two gaps are ${sympy.latex(gap_A)}$ and ${sympy.latex(gap_B)}$: provably positive "
        "factors times opposite numerators, so at least one gap is nonnegative.",
    )

    report.heading("The toolkit's corollary: splitting a given autonomy cost")
    report.text(
        "Fix the total autonomy cost A = a_A + a_B and ask how its split affects the threat "
        "needed for formation without side payments. Raising one state's share raises its own "
        "threshold and lowers the other's, so the smallest threshold is where the two are "
        "equal; the toolkit solves for that split."
    )
    total = Parameter("A", "positive", description="total autonomy cost").symbol
    split = sympy.solve(sympy.Eq(a_A / beta_B, (total - a_A) / beta_A), a_A)[0]
    lowest = sympy.factor((a_A / beta_B).subs(a_A, split))
    report.math(sympy.Eq(a_A, sympy.factor(split)), "The split equalising the thresholds:")
    report.math(sympy.Eq(tau, lowest), "and the threat at which the alliance then forms:")
    report.claim(
        "at the trade-off split the alliance forms exactly at the side-payment threshold "
        "A/(beta_A + beta_B), the lowest possible",
        sympy.simplify(lowest - total / (beta_A + beta_B)) == 0,
        "Substituting the split into a_A/beta_B gives A/(beta_A + beta_B).",
    )
    share_gap = sympy.factor(split - (total - split))
    _, rest = positive_factors(share_gap, {**params, "A": Parameter("A", "positive")})
    report.claim(
        "at that split the weaker state concedes the larger share of autonomy (a_A > a_B iff "
        "beta_A < beta_B): the asymmetric alliance, security for autonomy, forms most easily",
        sympy.expand(rest - (beta_B - beta_A)) == 0,
        f"a_A - a_B = ${sympy.latex(share_gap)}$, a provably positive factor times "
        f"${sympy.latex(rest)}$.",
    )
    even = {"tau": "2/5", "beta_A": 2, "beta_B": 1, "a_A": "1/2", "a_B": "1/2"}
    skewed = {"tau": "2/5", "beta_A": 2, "beta_B": 1, "a_A": "1/3", "a_B": "2/3"}
    report.claim(
        "example: capabilities (2, 1) and total autonomy cost 1 at threat 2/5: an even split "
        "(1/2, 1/2) forms no alliance, the trade-off split (1/3, 2/3) does",
        not forms.contains(**even)
        and forms.contains(**skewed)
        and any(
            eq.strategies[0][0] == 1 and eq.strategies[1][0] == 1
            for eq in gta.pure_equilibria(model.at(**skewed))
        )
        and not any(
            eq.strategies[0][0] == 1 and eq.strategies[1][0] == 1
            for eq in gta.pure_equilibria(model.at(**even))
        ),
        "Checked with the region and, independently, with the numeric pure-equilibrium solver.",
    )
    report.text(
        "What this shows, precisely: in this cardinal model, where autonomy is only a cost, an "
        "alliance between unequal "
        "partners in which the weaker concedes autonomy to the stronger forms at a strictly "
        "lower threat than one with an even split of autonomy costs, and as easily as with "
        "unrestricted side payments. The costly-signal reading of alliances (a guarantor with "
        "private value) is not modelled here."
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
