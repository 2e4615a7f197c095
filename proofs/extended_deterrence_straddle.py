"""The straddle strategy: deterrence versus restraint in the Tripartite Crisis Game.

Published claims (Zagare and Kilgour 2006, from its abstract): in the
Tripartite Crisis Game under incomplete information, with the defender's type
known (it prefers conflict to the breakup of its relationship with the
protege), an unequivocal commitment is efficacious but only when the
protege's threat to sever the relationship is highly credible; otherwise a
straddle (mixed) strategy, probabilistic support of the protege, is optimal
for the defender; the straddle sometimes deters the challenger and restrains
the protege, always fails to deter a determined challenger (one that prefers
fighting to backing down), and may fail to deter a hesitant one.

The toolkit's rendering (``models/extended-deterrence-straddle.toml``): the
cardinal payoffs and two-point type spaces, the closed-form thresholds below
(derived here with sympy from the model's own payoffs, not typed in), the
reading of "restrained" as an unsupported protege conceding rather than the
crisis becoming a war, and the selection by D1.

* The defender is indifferent between support and no support at the belief
  ``mu*`` that a demand comes from a determined challenger; it supports at
  every belief when ``mu* >= 1``, i.e. when ``p_P >= p_bar``.
* In the straddle the defender supports with probability ``sigma*``, which
  makes the hesitant challenger indifferent, and the hesitant challenger
  demands with probability ``beta``, which makes the posterior ``mu*``.

Every statement is checked against the numeric solver
(``perfect_bayesian_equilibria``, refined by ``refine``) at points of the
priors that include the thresholds ``p_P = p_bar`` and ``p_C = mu*``.

Run ``python proofs/extended_deterrence_straddle.py`` to rewrite
``proofs/extended-deterrence-straddle.md``.
"""

import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import sympy

import gametheory_alliances as gta
from gametheory_alliances.game import game_of
from gametheory_alliances.parameters import Parameter
from gametheory_alliances.report import Report
from gametheory_alliances.solvers.tree_refinements import refine

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _helpers import positive_factors

MODEL = "extended-deterrence-straddle"
FAMILIES = ("deterrence", "commitment", "straddle", "no support")
DET, HES, DEF = "Determined challenger", "Hesitant challenger", "Defender after Demand"


def derive(model: Any) -> dict[str, Any]:
    """The thresholds in closed form, from the model's terminal payoffs."""
    leaves = {nd.path: nd.payoffs for nd in model.game.nodes if nd.kind == "terminal"}

    def pay(player: int, *path: str) -> Any:
        return leaves[path][player]

    params = model.parameters
    within = sympy.And(*(cond for cond, _ in model.assumptions))

    def positive(expr: Any, where: Any = sympy.true) -> bool:
        """Positive at every point of the domains where the assumptions and ``where`` hold."""
        return gta.Region(within & where & (expr <= 0), params).is_empty() is True

    d, h, dm, sup, no = "Determined C", "Hesitant C", "Demand", "Support", "No support"
    cp, lp = "Credible P", "Loyal P"
    steps = {
        "the determined challenger fights a supported protege": positive(
            pay(0, d, dm, sup, "Fight") - pay(0, d, dm, sup, "Back down")
        ),
        "the hesitant challenger backs down": positive(
            pay(0, h, dm, sup, "Back down") - pay(0, h, dm, sup, "Fight")
        ),
        "an unsupported protege with a credible threat realigns": positive(
            pay(2, d, dm, no, cp, "Realign") - pay(2, d, dm, no, cp, "Concede")
        ),
        "an unsupported loyal protege concedes": positive(
            pay(2, d, dm, no, lp, "Concede") - pay(2, d, dm, no, lp, "Realign")
        ),
        "the defender prefers conflict to losing the protege": positive(
            pay(1, d, dm, sup, "Fight") - pay(1, d, dm, no, cp, "Realign")
        ),
        "the defender prefers the protege's concession to conflict": positive(
            pay(1, d, dm, no, lp, "Concede") - pay(1, d, dm, sup, "Fight")
        ),
    }
    p_p = params["p_P"].symbol
    mu, sigma, beta = sympy.symbols("mu sigma beta")
    p_c = params["p_C"].symbol
    stay_out_d = p_p * pay(1, d, dm, no, cp, "Realign") + (1 - p_p) * pay(
        1, d, dm, no, lp, "Concede"
    )
    mu_star = sympy.solve(
        mu * pay(1, d, dm, sup, "Fight") + (1 - mu) * pay(1, h, dm, sup, "Back down") - stay_out_d,
        mu,
    )[0]
    p_bar = sympy.solve(mu_star - 1, p_p)[0]
    gain = p_p * pay(0, h, dm, no, cp, "Realign") + (1 - p_p) * pay(0, h, dm, no, lp, "Concede")
    sigma_star = sympy.solve(
        sigma * pay(0, h, dm, sup, "Back down") + (1 - sigma) * gain - pay(0, h, "No demand"),
        sigma,
    )[0]
    beta_star = sympy.solve(p_c - mu_star * (p_c + (1 - p_c) * beta), beta)[0]
    # The signs below are products of simple factors: decide them factor by factor with E
    # and mu* as parameters of their own (the condition engine is linear).
    e_par, m_par = Parameter("E_0", "positive"), Parameter("M_0", "positive")
    e, m = e_par.symbol, m_par.symbol
    free = {**params, "E_0": e_par, "M_0": m_par}
    sigma_e = sympy.solve(
        sigma * pay(0, h, dm, sup, "Back down") + (1 - sigma) * e - pay(0, h, "No demand"), sigma
    )[0]
    determined = sympy.factor(
        sigma_e * pay(0, d, dm, sup, "Fight") + (1 - sigma_e) * e - pay(0, d, "No demand")
    )
    beta_m = sympy.factor(sympy.solve(p_c - m * (p_c + (1 - p_c) * beta), beta)[0])
    interior = within & (p_c > 0) & (p_c < m) & (m < 1)

    def signed(expr: Any, where: Any) -> bool:
        """Positive under ``where``: each factor of ``expr`` provably positive."""
        _, rest = positive_factors(expr, free, where)
        return rest == 1

    gain_positive = (
        sympy.degree(gain, p_p) == 1
        and positive(gain.subs(p_p, 0))
        and gta.Region(within & (gain.subs(p_p, 1) < 0), params).is_empty() is True
    )
    return {
        "steps": steps,
        "mu*": sympy.simplify(mu_star),
        "p_bar": sympy.simplify(p_bar),
        "E": sympy.expand(gain),
        "sigma*": sympy.simplify(sigma_star),
        "beta": sympy.simplify(beta_star),
        "determined": determined,
        "beta in mu*": beta_m,
        "signs": {
            "E > 0 where p_P < 1 (linear in p_P, E(0) = s > 0, E(1) = g_C >= 0)": gain_positive,
            "the determined challenger gains by demanding against the straddle": signed(
                determined, within
            ),
            "beta > 0": signed(beta_m, interior),
            "1 - beta > 0": signed(1 - beta_m, interior),
            "1 - sigma* > 0": signed(1 - sigma_e, within),
        },
    }


def predicted(point: dict[str, Fraction], t: dict[str, Fraction], d1: bool) -> set[str]:
    """The families the closed form gives at a point (0 < p_C < 1)."""
    p_c, w_h, mu_star = point["p_C"], point["w_H"], t["mu*"]
    out = set()
    if w_h <= 0 and (not d1 or mu_star >= 1):
        out.add("deterrence")
    if w_h >= 0 and mu_star >= 1:
        out.add("commitment")
    if p_c <= mu_star <= 1:
        out.add("straddle")
    if p_c >= mu_star:
        out.add("no support")
    return out


def family(eq: Any) -> str:
    b = eq.behaviour
    if b[DET]["Demand"] == 0 and b[HES]["Demand"] == 0:
        return "deterrence"
    support = b[DEF]["Support"]
    if support == 1:
        return "commitment"
    if support == 0:
        return "no support"
    return "straddle"


def build() -> Report:
    model = gta.load_model(MODEL)
    report = Report(MODEL, "The straddle strategy: derivation")
    report.text(model.description)
    report.text(
        "Source (Zagare and Kilgour 2006, as its abstract states): unequivocal commitments "
        "are efficacious only when the protege's threat to sever its relationship with the "
        "defender is highly credible; otherwise a straddle (mixed) strategy is optimal for the "
        "defender; it sometimes deters the challenger and restrains the protege, always fails "
        "to deter a determined challenger and may fail to deter a hesitant one. Toolkit's "
        "rendering: the tree and cardinal defaults of the model file, the thresholds below "
        "(derived from the model's payoffs with sympy), the reading of 'restrained' and the "
        "selection by D1."
    )
    t = derive(model)
    report.heading("Thresholds")
    report.text(
        "Each step of the backward reasoning holds at every point of the domains under the "
        "model's assumptions (checked as the emptiness of its failure region): "
        + "; ".join(f"{s} ({'yes' if ok else 'NO'})" for s, ok in t["steps"].items())
        + ". After a demand the defender compares support (war with a determined challenger, "
        "the challenger backing down otherwise) with no support (realignment by a protege with "
        "a credible threat, a concession otherwise):"
    )
    report.math(sympy.Eq(sympy.Symbol(r"\mu^*"), t["mu*"]), "The defender's indifference belief:")
    report.math(
        sympy.Eq(sympy.Symbol(r"\bar p_P"), t["p_bar"]),
        "It supports at every belief (mu* >= 1) exactly when p_P is at least",
    )
    report.math(
        sympy.Eq(sympy.Symbol("E"), t["E"]),
        "What a demand gains a challenger when the defender stays out:",
    )
    report.math(
        sympy.Eq(sympy.Symbol(r"\sigma^*"), t["sigma*"]),
        "The straddle: the support probability that makes the hesitant challenger indifferent,",
    )
    report.math(
        sympy.Eq(sympy.Symbol(r"\beta"), t["beta"]),
        "and the hesitant challenger's demand probability that makes the posterior mu*:",
    )
    report.math(
        sympy.Eq(sympy.Symbol(r"\Delta_{\mathrm{det}}"), t["determined"]),
        "The determined challenger's gain from demanding against the straddle:",
    )
    report.math(
        sympy.Eq(sympy.Symbol(r"\beta"), t["beta in mu*"]),
        "with M_0 = mu*, the hesitant challenger's demand probability reads",
    )
    signs = t["signs"]
    report.text(
        "Signs, each a product of factors the toolkit proves positive (E_0 = E and M_0 = mu* taken "
        "as positive parameters of their own, 0 < p_C < M_0 < 1 for beta): "
        + "; ".join(f"{k} ({'yes' if ok else 'NO'})" for k, ok in signs.items())
        + ". The straddle region p_P < p_bar lies in p_P < 1, since p_bar < 1 by L > k_D."
    )
    report.claim(
        "Source's claim, derived by the toolkit: a straddle always fails to deter a determined "
        "challenger -- against the defender's straddle its gain from demanding, "
        "E_0 (c_C + w_H) / (c_C + E_0), is positive",
        signs["E > 0 where p_P < 1 (linear in p_P, E(0) = s > 0, E(1) = g_C >= 0)"]
        and signs["the determined challenger gains by demanding against the straddle"],
        "positive_factors() on the gain, with E > 0 on the straddle region.",
    )
    report.claim(
        "Source's claim, derived by the toolkit: the straddle may fail to deter a hesitant "
        "challenger -- it demands with probability beta, strictly between 0 and 1 wherever "
        "0 < p_C < mu* < 1",
        signs["beta > 0"] and signs["1 - beta > 0"],
        "positive_factors() on beta and 1 - beta.",
    )
    report.claim(
        "Source's claim, derived by the toolkit: the stratagem sometimes works -- the hesitant "
        "challenger keeps the status quo with probability 1 - beta > 0, and a demand the "
        "defender does not back (probability 1 - sigma* > 0) ends, with a loyal protege, in a "
        "concession rather than a war (toolkit's reading of 'the protege is restrained')",
        signs["1 - beta > 0"]
        and signs["1 - sigma* > 0"]
        and t["steps"]["an unsupported loyal protege concedes"],
        "positive_factors() on 1 - beta and 1 - sigma*; the loyal protege's step.",
    )

    s = {n: p.symbol for n, p in model.parameters.items()}
    values = {n: Fraction(str(p.default)) for n, p in model.parameters.items()}

    def at(expr: Any, point: dict[str, Fraction]) -> Fraction:
        subs = {s[n]: sympy.Rational(v) for n, v in {**values, **point}.items()}
        return Fraction(str(sympy.nsimplify(expr.subs(subs))))

    defaults = {k: at(t[k], {}) for k in ("mu*", "p_bar", "sigma*", "beta")}
    report.text(
        "At the defaults: "
        + ", ".join(f"{k} = {v}" for k, v in defaults.items())
        + ". The region map (0 < p_C < 1): commitment (the defender supports for sure, "
        "nobody hesitant demands) where p_P >= p_bar; below it the straddle where p_C <= mu* "
        "and no support (every challenger demands) where p_C >= mu*; unrefined, deterrence "
        "wherever w_H <= 0, and under D1 only where also p_P >= p_bar."
    )
    half, quarter = Fraction(1, 2), Fraction(1, 4)
    points = [
        ("defaults", {}),
        ("no credible protege", {"p_C": quarter, "p_P": Fraction(0)}),
        ("tie: p_C = mu*", {"p_C": at(t["mu*"], {}), "p_P": quarter}),
        ("probably determined", {"p_C": Fraction(15, 16), "p_P": quarter}),
        ("tie: p_P = p_bar", {"p_P": defaults["p_bar"]}),
        ("credible threat", {"p_P": half}),
        ("w_H > 0", {"w_H": Fraction(1, 8)}),
        ("w_H > 0, credible threat", {"w_H": Fraction(1, 8), "p_P": half}),
    ]
    rows = []
    agree = {False: True, True: True}
    closed_form = True
    compared = 0
    determined_demands = True
    commitment_deters = True
    for name, given in points:
        point = {**values, **given}
        game = game_of(model.at(**given))
        unrefined = gta.perfect_bayesian_equilibria(game)
        found = {False: {family(eq) for eq in unrefined}}
        found[True] = {family(eq) for eq in refine(unrefined, "d1")}
        here = {k: at(t[k], given) for k in ("mu*", "p_bar", "sigma*", "beta")}
        for d1 in (False, True):
            agree[d1] = agree[d1] and found[d1] == predicted(point, here, d1)
        for eq in unrefined:
            if family(eq) == "straddle":
                determined_demands = determined_demands and eq.behaviour[DET]["Demand"] == 1
                if 0 < here["beta"] < 1 and eq.behaviour[HES]["Demand"] not in (0, 1):
                    compared += 1
                    closed_form = closed_form and (
                        eq.behaviour[DEF]["Support"] == here["sigma*"]
                        and eq.behaviour[HES]["Demand"] == here["beta"]
                    )
            if here["mu*"] > 1:
                commitment_deters = (
                    commitment_deters
                    and eq.behaviour[DEF]["Support"] == 1
                    and eq.behaviour[HES]["Demand"] == 0
                )
        rows.append(
            [
                name,
                point["p_C"],
                point["p_P"],
                point["w_H"],
                here["mu*"],
                ", ".join(f for f in FAMILIES if f in found[False]),
                ", ".join(f for f in FAMILIES if f in found[True]) or "none",
            ]
        )
    report.heading("The solver at points of the priors, thresholds included")
    report.table(["point", "p_C", "p_P", "w_H", "mu*", "unrefined", "D1"], rows)
    report.claim(
        "Source's claim, checked by the solver: an unequivocal commitment is the defender's "
        "choice only when the protege's threat is highly credible -- where mu* > 1 (p_P > "
        "p_bar) every perfect Bayesian equilibrium has the defender support for sure and the "
        "hesitant challenger deterred; below p_bar no equilibrium with a demand has it",
        commitment_deters and agree[False],
        "Every equilibrium at the points with p_P > p_bar; the families at every point.",
    )
    report.claim(
        "Source's claim, checked by the solver: otherwise the straddle is the defender's "
        "equilibrium choice where the challenger is probably hesitant (p_C <= mu*), and under "
        "D1 it is the only equilibrium there off the thresholds; where the challenger is "
        "probably determined (p_C >= mu*) the defender does not support at all (toolkit's "
        "finding: the abstract does not state this case)",
        agree[False] and agree[True],
        "Families from perfect_bayesian_equilibria and refine(..., 'd1') at each point "
        "against the closed-form map.",
    )
    report.claim(
        "Toolkit's check: the solver's straddle is the closed form (support sigma*, hesitant "
        "demand beta) and in every straddle the determined challenger demands for sure",
        closed_form and determined_demands and compared > 0,
        "Behaviour of every straddle equilibrium the solver lists (strict mixtures compared "
        "with the closed form: at least one).",
    )
    report.claim(
        "Toolkit's rendering: unrefined, deterrence is an equilibrium wherever the determined "
        "challenger prefers the status quo to war (w_H <= 0), supported by the off-path belief "
        "that a demand comes from a hesitant challenger; D1 keeps it only where p_P >= p_bar",
        agree[False] and agree[True],
        "The deterrence family at each point, unrefined and under D1.",
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
