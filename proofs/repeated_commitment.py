"""Credibility through repetition: grim-trigger and reputation thresholds on the discount factor.

Claims reproduced (the folk-theorem logic of Axelrod 1984 and Fudenberg and
Maskin 1986 applied to alliances; the source's claims are the thresholds
written in the stage payoffs T, R, S, P, the toolkit's rendering is the
cardinal alliance games they are evaluated on): in the infinitely repeated
burden-sharing Prisoner's Dilemma, Nash reversion sustains mutual
contribution exactly when delta >= (c - b)/b, a threshold inside (0, 1); in
the repeated alliance security dilemma, reversion to mutual distance needs
delta >= (e - m)/(b + L), valid only where (D, D) is a stage equilibrium
(e >= L); in its Chicken case (L > e > m) reversion to the mixed equilibrium
needs delta >= (T - R)/(T - u*) and punishing the deviator by its worst
stage equilibrium delta >= (T - R)/(T - S); a patron's costly defence (cost
k now) is credible when reneging forfeits the alliance's per-period value V
from the next period on, exactly when delta >= k/(k + V), derived by grim
trigger on the defence stage game. Derived with ``grim_trigger_threshold``
and ``threshold`` from ``models/repeated-commitment.toml`` and
``models/alliance-dilemma.toml``.

Run ``python proofs/repeated_commitment.py`` to rewrite ``proofs/repeated-commitment.md``.
"""

import sys
from pathlib import Path

import sympy

import gametheory_alliances as gta
from gametheory_alliances.report import Report

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _helpers import positive_factors


def discounted(stream, delta, periods):
    """A payoff stream's discounted sum over ``periods`` periods (numeric oracle)."""
    return sum(stream(t) * delta**t for t in range(periods))


def build() -> Report:
    model = gta.load_model("repeated-commitment")
    params = model.parameters
    b, c, delta, k, V = (params[n].symbol for n in ("b", "c", "delta", "k", "V"))
    assumptions = sympy.And(*(cond for cond, _ in model.assumptions))
    report = Report("repeated-commitment", "Credibility through repetition: derivation")
    report.text(model.description)
    report.text(
        "Whose claim is which. The source's claims are the repeated-game thresholds written in "
        "the stage payoffs: (T - R)/(T - P) under Nash reversion (Fudenberg and Maskin 1986; "
        "Axelrod 1984), and for repeated Chicken (T - R)/(T - u*) under reversion to the mixed "
        "equilibrium and (T - R)/(T - S) when the deviator is punished by its worst stage "
        "equilibrium; and the reputation argument that reneging forfeits the alliance's future "
        "value (Snyder 1997). The toolkit's rendering is the cardinal stage games they are "
        "evaluated on (burden sharing with linear benefits, Snyder's dilemma with b, e, m, L, "
        "the defence stage game with k and V) and hence the bounds in those parameters."
    )

    report.heading("The stage game")
    report.math(gta.equilibrium_regions(model).latex())

    report.heading("Grim trigger in the repeated burden-sharing game")
    gt = gta.grim_trigger_threshold(
        model.game,
        ("Contribute", "Contribute"),
        ("Free-ride", "Free-ride"),
        discount=params["delta"],
    )
    report.math(f"\\delta \\geq {sympy.latex(gt.threshold)}", "No deviation pays when")
    report.math(gt.condition.latex(), "The region where grim trigger is subgame perfect:")
    _, rest_low = positive_factors(gt.threshold, params)
    _, rest_high = positive_factors(1 - gt.threshold, params)
    inside = (
        gta.Region(assumptions & (rest_low <= 0), params).is_empty()
        and gta.Region(assumptions & (rest_high <= 0), params).is_empty()
    )
    report.claim(
        "under the Prisoner's Dilemma assumption the threshold lies strictly inside (0, 1), so "
        "patient allies can sustain mutual contribution",
        inside,
        f"The threshold is a positive multiple of ${sympy.latex(rest_low)}$ and 1 minus it a "
        f"positive multiple of ${sympy.latex(rest_high)}$; both are positive wherever "
        f"${sympy.latex(assumptions)}$ (an empty linear system otherwise).",
    )
    point = {"b": 3, "c": 4}
    critical = gt.threshold.subs({b: 3, c: 4})
    stage = model.at(**point).payoff_arrays(exact=True)[0]
    rows = []
    agree = True
    for d in (critical - sympy.Rational(1, 100), critical + sympy.Rational(1, 100)):
        x = float(d)
        keep = discounted(lambda t: float(stage[0, 0]), x, 3000)
        cheat = discounted(lambda t: float(stage[1, 0] if t == 0 else stage[1, 1]), x, 3000)
        region_says = gt.condition.contains(**point, delta=d)
        agree = agree and region_says == (keep >= cheat)
        rows.append([str(d), f"{keep:.4f}", f"{cheat:.4f}", region_says])
    report.table(["delta", "value of cooperating", "value of deviating", "in the region"], rows)
    report.claim(
        f"at (b, c) = (3, 4) the threshold is {critical}, and discounted payoff streams agree on "
        "both sides of it",
        agree,
        "Streams summed over 3000 periods from the stage payoffs of the bound model, "
        "independently of the closed form.",
    )

    report.heading("Grim trigger in the repeated alliance security dilemma")
    dilemma = gta.load_model("alliance-dilemma")
    dp = dilemma.parameters
    b_d, e_d, m_d, L_d = (dp[n].symbol for n in ("b", "e", "m", "L"))
    gt_d = gta.grim_trigger_threshold(dilemma.game, ("S", "S"), ("D", "D"))
    report.math(
        f"\\delta \\geq {sympy.latex(gt_d.threshold)}",
        "Reverting to mutual distance (D, D), mutual support is sustained when",
    )
    report.math(gt_d.condition.latex(), "Region (including (D, D) being a stage equilibrium):")
    dpd = gt_d.condition.parameters  # the model's parameters and delta
    report.claim(
        "with reversion to mutual distance, mutual support is sustained exactly when "
        "delta >= (e - m)/(b + L), and only where e >= L: (D, D) is a stage equilibrium "
        "only there, so this threshold says nothing about the Chicken case L > e",
        sympy.simplify(gt_d.threshold - (e_d - m_d) / (b_d + L_d)) == 0
        and gta.Region(gt_d.condition.condition & (L_d > e_d), dpd).is_empty()
        and not gta.Region(gt_d.condition.condition & (e_d >= L_d), dpd).is_empty(),
        "The toolkit's condition, intersected with L > e, is empty; with e >= L it is not.",
    )
    slope = sympy.diff(gt_d.threshold, L_d)
    _, rest = positive_factors(-slope, dp)
    report.claim(
        "where e >= L, the costlier the alliance's collapse (higher L), the lower the discount "
        "factor needed, wherever distancing tempts (e > m)",
        sympy.expand(rest - (e_d - m_d)) == 0,
        f"The derivative of the threshold in L is ${sympy.latex(sympy.factor(slope))}$: minus "
        f"a provably positive factor times ${sympy.latex(rest)}$.",
    )

    report.heading("The Chicken case (L > e > m): punishments that are stage equilibria")
    report.text(
        "Where L > e > m the stage game is Chicken and (D, D) is no equilibrium. Two "
        "punishments remain credible, and the literature's thresholds for repeated Chicken "
        "follow from the stage payoffs T (distance against support), R (mutual support), "
        "S (support against distance) and u* (the mixed equilibrium's payoff): reversion "
        "to the mixed equilibrium needs delta >= (T - R)/(T - u*); punishing the deviator "
        "by the pure equilibrium worst for it (it supports, the partner distances: a "
        "simple penal code) needs delta >= (T - R)/(T - S). The toolkit derives both from "
        "the model file with grim_trigger_threshold, given the mixed equilibrium found by "
        "equilibrium_regions, or the deviator-specific profiles."
    )
    arrays = dilemma.game.payoff_expressions()
    T, R, S, P = arrays[0][1, 0], arrays[0][0, 0], arrays[0][0, 1], arrays[0][1, 1]
    mixed = next(eq for eq in gta.equilibrium_regions(dilemma) if not eq.is_pure)
    gt_mixed = gta.grim_trigger_threshold(dilemma.game, ("S", "S"), mixed)
    u_star = gt_mixed.punishment_payoffs["Ally A"]
    published_u = (S * T - R * P) / (S + T - R - P)
    report.math(
        sympy.Eq(sympy.Symbol("u^*"), sympy.factor(u_star)),
        "The mixed equilibrium's payoff, from the toolkit's punishment payoff:",
    )
    report.math(
        f"\\delta \\geq {sympy.latex(gt_mixed.threshold)}", "Mixed reversion sustains support when"
    )
    report.math(gt_mixed.condition.latex(), "The toolkit's region for mixed reversion:")
    chicken = (L_d > e_d) & (e_d > m_d)
    mixed_chicken = gta.Region(gt_mixed.condition.condition & chicken, dpd)
    stated = gta.Region(chicken & ((L_d + b_d) * gt_mixed.discount.symbol >= L_d - m_d), dpd)
    report.claim(
        "reversion to the mixed equilibrium sustains mutual support in Chicken exactly when "
        "delta >= (T - R)/(T - u*), here (L - m)/(L + b), with u* = (S T - R P)/(S + T - R - P), "
        "the textbook payoff of the mixed equilibrium of a symmetric 2x2 game",
        sympy.simplify(u_star - published_u) == 0
        and sympy.simplify(gt_mixed.threshold - (T - R) / (T - u_star)) == 0
        and sympy.simplify(gt_mixed.threshold - (L_d - m_d) / (L_d + b_d)) == 0
        and gta.Region(mixed_chicken.condition & ~stated.condition, dpd).is_empty()
        and gta.Region(stated.condition & ~mixed_chicken.condition, dpd).is_empty(),
        "The literature's formulas are written in T, R, S, P read from the model file; the "
        "toolkit's region restricted to L > e > m and the stated one are equal (each minus "
        "the other is empty).",
    )
    worst = {"Ally A": ("S", "D"), "Ally B": ("D", "S")}
    gt_worst = gta.grim_trigger_threshold(dilemma.game, ("S", "S"), worst)
    report.math(
        f"\\delta \\geq {sympy.latex(gt_worst.threshold)}",
        "Punishing each deviator by the equilibrium worst for it sustains support when",
    )
    report.math(gt_worst.condition.latex(), "Region (the punishments being stage equilibria):")
    report.claim(
        "punishing the deviator by the stage equilibrium worst for it sustains mutual support "
        "exactly when delta >= (T - R)/(T - S), here (e - m)/(b + e), "
        "and only where L >= e (where those pure profiles are stage equilibria)",
        sympy.simplify(gt_worst.threshold - (T - R) / (T - S)) == 0
        and gta.Region(gt_worst.condition.condition & (L_d < e_d), dpd).is_empty(),
        "The condition, intersected with L < e, is empty.",
    )
    gap = sympy.factor(gt_mixed.threshold - gt_worst.threshold)
    _, gap_rest = positive_factors(gap, dp)
    report.claim(
        "in Chicken the deviator-specific punishment needs less patience than mixed reversion: "
        "(L - m)/(L + b) - (e - m)/(b + e) is a positive multiple of L - e",
        sympy.expand(gap_rest - (L_d - e_d)) == 0,
        f"The difference is ${sympy.latex(gap)}$.",
    )
    point = {"b": 3, "e": 2, "m": 1, "L": 4}
    rows, agree = [], True
    for gt_x, name in ((gt_mixed, "mixed reversion"), (gt_worst, "deviator-specific")):
        edge = gt_x.threshold.subs({dp[n].symbol: v for n, v in point.items()})
        for d in (edge - sympy.Rational(1, 100), edge, edge + sympy.Rational(1, 100)):
            inside = gt_x.condition.contains(**point, delta=d)
            agree = agree and inside == (d >= edge)
            rows.append([name, str(edge), str(d), inside])
    report.table(["punishment", "threshold", "delta", "in the region"], rows)
    report.claim(
        "at (b, e, m, L) = (3, 2, 1, 4) each region holds from its threshold on, the threshold "
        "itself included",
        agree,
        "Each threshold is evaluated by the toolkit; tests/test_grim_trigger.py checks the same "
        "regions against exact payoff streams with pygambit's mixed equilibrium.",
    )

    report.heading("The reputation threshold of a costly defence")
    report.text(
        "The defence decision as a stage game (the toolkit's rendering, stated in the model's "
        "notes): each period the Patron Defends its protege at cost k or Reneges, and the "
        "Protege Relies on the alliance or Hedges (leaves it). While the protege relies, the "
        "alliance is worth V a period to the patron net of defending, V + k in a period in "
        "which it reneges; once the protege hedges the alliance is worth nothing to either. "
        "The protege gains 1 from a defended alliance, loses 1 relying on a patron that "
        "reneges, and gets 0 hedging. Grim trigger: the protege hedges for ever after the "
        "patron reneges once."
    )
    defence = gta.NormalFormGame(
        [
            [[V, -k], [V + k, 0]],
            [[1, 0], [-1, 0]],
        ],
        players=["Patron", "Protege"],
        strategies=[["Defend", "Renege"], ["Rely", "Hedge"]],
        parameters=[params["k"], params["V"]],
    )
    gt_r = gta.grim_trigger_threshold(defence, ("Defend", "Rely"), discount=params["delta"])
    report.math(gt_r.condition.latex(), "Defending beats reneging exactly when")
    published = gta.Region(delta >= k / (k + V), params)
    report.claim(
        "the defence is credible iff delta >= k/(k + V): reneging gains k now and forfeits V in "
        "every later period",
        gt_r.punishment == ("Renege", "Hedge")
        and gt_r.condition.condition == published.condition
        and sympy.simplify(gt_r.threshold - k / (k + V)) == 0,
        "grim_trigger_threshold finds the stage game's only equilibrium (Renege, Hedge) as the "
        "punishment and derives the condition; the toolkit's simplifier writes it and "
        "delta >= k/(k + V) identically.",
    )
    rows = []
    agree = True
    for d in ("3/5", "2/3", "7/10"):
        forfeited = discounted(lambda s: 0.0 if s == 0 else 1.0, float(sympy.Rational(d)), 3000)
        credible = gt_r.condition.contains(delta=d, k=2, V=1)
        agree = agree and credible == (forfeited >= 2 - 1e-9)
        rows.append([d, f"{forfeited:.4f}", credible])
    report.table(["delta (k = 2, V = 1)", "forfeited value", "credible"], rows)
    report.claim(
        "at k = 2 and V = 1 the defence is credible from delta = 2/3 on (the boundary "
        "included) and not below",
        agree,
        "Forfeited value summed over 3000 periods (compared to 1e-9), independently of the closed "
        "form.",
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
