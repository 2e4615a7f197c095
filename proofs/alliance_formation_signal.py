"""Alliances as costly signals: a guarantor with private value.

Published claim reproduced (Morrow 1994; Fearon 1997 on sinking costs; Smith
1995): an alliance whose peacetime cost k is sunk is an informative
(separating) signal of the guarantor's commitment exactly when k lies between
the two types' values of deterring the challenge: the low-value type would not
pay it, the high-value type would. Below that window the alliance does not
separate the types: they pool on allying where the prior alone deters the
challenger, and elsewhere the low type allies part of the time, so that
alliances are challenged and some allies abandon their protege (semi-separating
equilibria): a challenged alliance is honoured with probability b/(b + c_C).
Above the window no guarantor allies. In the separating equilibrium the
challenger does not challenge an allied protege, so no alliance is tested,
and the deterrent effect shows up as fewer challenges. The two-type model
and its payoffs are the toolkit's rendering; it has no reneging cost (the
variant alliance-formation-signal-reneging adds Morrow's tied hands). Every
region below is derived by the toolkit's perfect Bayesian
equilibrium analysis (``pbe_regions``, ``closed_form``, ``threshold``) from
``models/alliance-formation-signal.toml`` and checked against the claim
symbolically, then at exact rational sample points with the numeric solver.

Run ``python proofs/alliance_formation_signal.py`` to rewrite
``proofs/alliance-formation-signal.md``.
"""

import sys
from fractions import Fraction
from pathlib import Path

import sympy

import gametheory_alliances as gta
from gametheory_alliances.report import Report
from gametheory_alliances.solvers.perfect_bayesian import perfect_bayesian_equilibria
from gametheory_alliances.symbolic.signalling import closed_form, pbe_regions

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _helpers import empty_with, equivalent, positive_factors

F = Fraction
# Exact sample points: three settings of the values and costs, each with the
# prior below and above the challenger's deterrence threshold b/(b + c_C), and
# k below, inside and above the window [v_L, c_G] (never on a boundary).
SETTINGS = [
    {"v_H": F(2), "v_L": F(1, 2), "c_G": F(1), "b": F(1), "c_C": F(1)},
    {"v_H": F(3), "v_L": F(1, 3), "c_G": F(2), "b": F(2), "c_C": F(1)},
    {"v_H": F(5, 4), "v_L": F(3, 4), "c_G": F(1), "b": F(1), "c_C": F(3)},
]


def _exact(rows):
    return tuple(tuple(F(x) for x in row) for row in rows)


def _at(rows, params, point):
    subs = {params[n].symbol: sympy.Rational(v.numerator, v.denominator) for n, v in point.items()}
    return tuple(tuple(F(str(sympy.sympify(x).xreplace(subs))) for x in row) for row in rows)


def _allies(candidate):
    return any(row[0] != 0 for row in candidate.sender_probabilities)


def _ally_and_abandoned(outcomes):
    return sum((q for path, label, q in outcomes if "Ally" in path and label == "abandonment"), 0)


def deterrence_value(game, t, within, params):
    """Type ``t``'s status quo payoff minus its payoff when challenged (no alliance)."""
    node = game.root.outcomes[t][1].actions["No alliance"]
    quiet = node.actions["Not challenge"].payoffs[0]
    after = [leaf.payoffs[0] for leaf in node.actions["Challenge"].actions.values()]
    best = [
        u
        for u in after
        if all(gta.Region(sympy.And(within, u < w), params).is_empty() for w in after)
    ]
    return sympy.expand(quiet - best[0]), best[0]


def build() -> Report:
    model = gta.load_model("alliance-formation-signal")
    params = model.parameters
    p, k, v_L, c_G, b, c_C = (params[n].symbol for n in ("p", "k", "v_L", "c_G", "b", "c_C"))
    assumed = sympy.And(*(cond for cond, _ in model.assumptions))
    generic = [p > 0, p < 1, k > 0]
    within = sympy.And(assumed, *generic)
    report = Report("alliance-formation-signal", "Alliances as costly signals: derivation")
    report.text(model.description)
    report.text(
        "Whose claim is which. The source's claim (Morrow 1994; Fearon 1997; Smith 1995): a sunk "
        "peacetime cost makes an alliance an informative signal of commitment when only a "
        "committed guarantor would pay it. The toolkit's rendering: two guarantor types (Morrow's "
        "model has a continuum), the cardinal payoffs, the window v_L <= k <= c_G and the "
        "reliability b/(b + c_C) below it. Not modelled here: the cost of reneging (tied hands), "
        "which the variant alliance-formation-signal-reneging adds."
    )
    report.text(
        "Defaults: "
        + ", ".join(f"{x.name} = {x.default}" for x in params.values())
        + ". The challenger challenges when it believes the guarantor high-value with "
        "probability below b/(b + c_C); the prior alone deters it when p (b + c_C) >= b."
    )

    report.heading("Each type's value of deterring the challenge")
    d_H, fight_H = deterrence_value(model.game, "High", within, params)
    d_L, fight_L = deterrence_value(model.game, "Low", within, params)
    report.text(
        "Without an alliance, a challenged high-value guarantor intervenes (payoff "
        f"{fight_H}) and a low-value one stays out (payoff {fight_L}); the toolkit reads "
        "these from the tree under the model's assumptions. A type's value of deterring "
        "the challenge is its status-quo payoff minus its payoff when challenged:"
    )
    report.math(sympy.Eq(sympy.Symbol("d_H"), d_H), "")
    report.math(sympy.Eq(sympy.Symbol("d_L"), d_L), "")
    report.claim(
        "the high type values deterrence more than the low type (d_L < d_H under the "
        "assumptions), so the window d_L <= k <= d_H is not empty",
        gta.Region(sympy.And(within, d_L >= d_H), params).is_empty(),
        f"d_H = {d_H}, d_L = {d_L}, and v_L < c_G is an assumption of the model.",
    )

    report.heading("Every candidate perfect Bayesian equilibrium and its region")
    report.text(
        "pbe_regions with mixed candidates, for 0 < p < 1 and k > 0 (both types possible, "
        "and the alliance costly; at k = 0 or p in {0, 1} further, degenerate, candidates "
        "appear). Each row is a candidate: the guarantor's message by type, the "
        "challenger's response by message, the region where it is a perfect Bayesian "
        "equilibrium (written with the model's assumptions v_L < c_G < v_H), the "
        "probability of a challenge and of an alliance whose protege is abandoned."
    )
    result = pbe_regions(model, mixed=True, assumptions=generic)
    rows = []
    for c in result:
        rows.append(
            [
                c.classification,
                "; ".join(f"{t}: {m}" for t, m in c.sender.items()),
                "; ".join(f"{m}: {x}" for m, x in c.receiver.items()),
                f"${c.region.latex()}$",
                f"${sympy.latex(c.probability('Challenge'))}$",
                f"${sympy.latex(sympy.factor(_ally_and_abandoned(c.outcomes)))}$",
            ]
        )
    report.table(
        ["class", "guarantor", "challenger", "region", "P(challenge)", "P(ally, abandoned)"],
        rows,
    )
    report.text(" ".join(result.notes))

    def find(classification, sender, receiver):
        found = [
            c
            for c in result
            if c.classification == classification and c.sender == sender and c.receiver == receiver
        ]
        return found[0] if len(found) == 1 else None

    deter = p * (b + c_C) - b  # >= 0: the prior alone deters the challenger

    report.heading("The alliance as a separating signal")
    separating = [c for c in result if c.classification == "separating"]
    informative = find(
        "separating",
        {"High": "Ally", "Low": "No alliance"},
        {"Ally": "Not challenge", "No alliance": "Challenge"},
    )
    solved = gta.threshold(informative.region, "k") if informative else None
    if solved is not None:
        report.math(solved.latex(), "The separating candidate's region, solved for k:")
    window = sympy.And(d_L <= k, k <= d_H)
    report.claim(
        "an alliance is a separating signal exactly when its cost lies in the window "
        "d_L <= k <= d_H (here v_L <= k <= c_G): the high type allies, the low type does "
        "not, and no other separating profile is an equilibrium",
        informative is not None
        and len(separating) == 1
        and equivalent(solved, window, params, within),
        "The only separating candidate with a non-empty region is (High: Ally, Low: No "
        "alliance), and its region and the window imply each other comparison by "
        "comparison.",
    )
    plan = dict(
        choice
        for cell in informative.continuation
        for choice in cell
        if choice[0][:3] == ("High", "Ally", "Challenge")
    )
    report.claim(
        "in the separating equilibrium an allied protege is not challenged, every alliance "
        "that forms would be honoured (the allied guarantor intervenes if challenged), "
        "and only unallied proteges are challenged: P(challenge) = 1 - p",
        informative.receiver["Ally"] == "Not challenge"
        and plan.get(("High", "Ally", "Challenge")) == "Intervene"
        and _ally_and_abandoned(informative.outcomes) == 0
        and sympy.expand(informative.probability("Challenge") - (1 - p)) == 0,
        f"P(challenge) = {informative.probability('Challenge')}, P(war) = "
        f"{informative.probability('war')}, P(an alliance formed and its protege "
        f"abandoned) = {_ally_and_abandoned(informative.outcomes)}.",
    )
    no_alliance = find(
        "pooling",
        {"High": "No alliance", "Low": "No alliance"},
        {"Ally": "Challenge", "No alliance": "Challenge"},
    )
    report.claim(
        "the deterrent effect shows up as fewer challenges: where the prior alone does not "
        "deter (p (b + c_C) < b), the alternative without alliances has every protege "
        "challenged (P = 1), the separating equilibrium only a share 1 - p",
        no_alliance is not None
        and no_alliance.probability("Challenge") == 1
        and equivalent(no_alliance.region, deter <= 0, params, within),
        f"Region of pooling on no alliance with challenges: ${no_alliance.region.latex()}$.",
    )

    report.heading("Below the window: alliances do not separate")
    pool_ally = find(
        "pooling",
        {"High": "Ally", "Low": "Ally"},
        {"Ally": "Not challenge", "No alliance": "Challenge"},
    )
    report.claim(
        "the types pool on allying exactly when the alliance is cheaper than the low type's "
        "value of deterrence (k <= d_L) and the prior alone deters the challenger "
        "(p (b + c_C) >= b): the alliance then carries no information",
        pool_ally is not None
        and [c for c in result if c.classification == "pooling" and _allies(c)] == [pool_ally]
        and equivalent(pool_ally.region, sympy.And(k <= d_L, deter >= 0), params, within),
        f"Region of pooling on Ally: ${pool_ally.region.latex()}$.",
    )
    semi_low = find(
        "semi-separating",
        {"High": "Ally", "Low": "Ally + No alliance"},
        {"Ally": "Challenge + Not challenge", "No alliance": "Challenge"},
    )
    s_low = semi_low.sender_probabilities[1][0]
    r_ally = semi_low.receiver_probabilities[0][0]
    posterior = sympy.factor(p / (p + (1 - p) * s_low))
    report.math(
        sympy.Eq(sympy.Symbol(r"\sigma_L(\mathrm{Ally})"), s_low),
        "Where the prior does not deter, the semi-separating equilibrium: the low type allies "
        "with probability",
    )
    report.math(
        sympy.Eq(sympy.Symbol(r"\rho(\mathrm{Challenge} \mid \mathrm{Ally})"), r_ally),
        "and the challenger challenges an allied protege with probability",
    )
    abandoned = sympy.factor(_ally_and_abandoned(semi_low.outcomes))
    report.math(
        sympy.Eq(sympy.Symbol(r"P(\mathrm{ally}, \mathrm{abandoned})"), abandoned),
        "so that an alliance is formed and its protege abandoned with probability",
    )
    report.claim(
        "below the window, where the prior does not deter (k <= d_L, p (b + c_C) < b), the "
        "low type mixes in: the posterior after an alliance is exactly the challenger's "
        "threshold b/(b + c_C), allied proteges are challenged with probability 1 - k/v_L, "
        "and some alliances are abandoned when challenged, so alliances fail to deter "
        "reliably",
        equivalent(semi_low.region, sympy.And(k <= d_L, deter < 0), params, within)
        and sympy.simplify(posterior - b / (b + c_C)) == 0
        and sympy.simplify(r_ally - (1 - k / v_L)) == 0
        and sympy.simplify(abandoned - (1 - p) * s_low * r_ally) == 0
        and positive_factors(abandoned, params, sympy.And(within, k < d_L))[1] == 1,
        f"Posterior after an alliance: ${sympy.latex(posterior)}$. The abandonment "
        "probability is a product of factors the toolkit proves positive wherever 0 < k < v_L.",
    )

    tested = sum(
        (q for path, label, q in semi_low.outcomes if "Ally" in path and label != "status quo"),
        sympy.S.Zero,
    )
    honoured = sum(
        (q for path, label, q in semi_low.outcomes if "Ally" in path and label == "war"),
        sympy.S.Zero,
    )
    reliability = sympy.factor(honoured / tested)
    report.claim(
        "alliances are not perfectly reliable: in that equilibrium a challenged alliance is "
        "honoured with probability b/(b + c_C) < 1, while in the separating equilibrium no "
        "alliance is ever challenged, so its reliability is never tested (the model has no "
        "reneging cost; see alliance-formation-signal-reneging)",
        sympy.simplify(reliability - b / (b + c_C)) == 0
        and positive_factors(1 - reliability, params, within)[1] == 1
        and informative.probability("Challenge") == sympy.expand(1 - p)
        and _ally_and_abandoned(informative.outcomes) == 0,
        f"P(honoured | ally challenged) = ${sympy.latex(reliability)}$, from the outcome "
        "probabilities of the semi-separating candidate.",
    )

    report.heading("Above the window: no one allies")
    with_alliance = [c for c in result if _allies(c)]
    report.claim(
        "no candidate in which some type allies is an equilibrium when k > d_H",
        bool(with_alliance)
        and all(empty_with(c.region, k > d_H, params, within) for c in with_alliance),
        f"{len(with_alliance)} candidates have an alliance on the path; each region, "
        "intersected with k > c_G, is empty.",
    )
    semi_high = find(
        "semi-separating",
        {"High": "Ally + No alliance", "Low": "No alliance"},
        {"Ally": "Not challenge", "No alliance": "Challenge + Not challenge"},
    )
    report.claim(
        "in between, where the prior deters (p (b + c_C) > b), a semi-separating "
        "equilibrium has the high type mix between allying and not for every k <= d_H, "
        "the challenger mixing after no alliance with probability k/c_G",
        semi_high is not None
        and equivalent(semi_high.region, sympy.And(k <= d_H, deter > 0), params, within)
        and sympy.simplify(semi_high.receiver_probabilities[1][0] - k / c_G) == 0,
        f"Region: ${semi_high.region.latex()}$.",
    )

    report.heading("The numeric solver at exact sample points")
    report.text(
        "At each point the numeric perfect Bayesian solver enumerates every pure and extreme "
        "mixed equilibrium (all 81 support profiles, exact rationals). Its pure equilibria "
        "must be exactly the pure candidates whose regions contain the point; its "
        "equilibria with mixing on the path must be exactly the mixed candidates whose "
        "regions contain the point, with the closed-form probabilities; above the window "
        "no equilibrium has an alliance; inside it only separating equilibria survive the "
        "Intuitive Criterion where the prior does not deter."
    )
    rows = []
    agree = separating_ok = above_ok = intuitive_ok = closed_ok = True
    for setting in SETTINGS:
        thr = setting["b"] / (setting["b"] + setting["c_C"])
        lo, hi = setting["v_L"], setting["c_G"]
        for pv in (thr / 2, (1 + thr) / 2):
            for kv in (lo / 2, (lo + hi) / 2, hi + F(1, 2)):
                point = {**setting, "p": pv, "k": kv}
                numeric = perfect_bayesian_equilibria(model.at(**point))
                zone = "below" if kv < lo else ("inside" if kv <= hi else "above")
                holding = result.at(**point)
                found = [
                    (_exact(eq.sender), _exact(eq.receiver))
                    for eq in numeric
                    if all(
                        b_.on_path or max(q) == 1
                        for q, b_ in zip(eq.receiver, eq.beliefs, strict=True)
                    )
                ]
                derived = [
                    (
                        _at(c.sender_probabilities, params, point),
                        _at(c.receiver_probabilities, params, point),
                    )
                    for c in holding
                ]
                agree = agree and sorted(found) == sorted(derived) and len(set(found)) == len(found)
                closed_ok = closed_ok and any(
                    c.classification == "semi-separating" for c in holding
                ) == (zone == "below" or (zone == "inside" and pv > thr))
                allied = [eq for eq in numeric if any(row[0] != 0 for row in eq.sender)]
                if zone == "above":
                    above_ok = above_ok and not allied
                survivors = [eq for eq in numeric if eq.survives_intuitive_criterion]
                seps = [eq for eq in numeric if eq.classification == "separating"]
                separating_ok = separating_ok and (bool(seps) == (zone == "inside"))
                if zone == "inside" and pv < thr:
                    intuitive_ok = (
                        intuitive_ok
                        and bool(survivors)
                        and all(eq.classification == "separating" for eq in survivors)
                    )
                challenge = min((eq.probability("Challenge") for eq in survivors), default=None)
                rows.append(
                    [
                        ", ".join(f"{n} = {point[n]}" for n in ("v_H", "v_L", "c_G", "b", "c_C")),
                        str(pv),
                        str(kv),
                        zone,
                        len(numeric),
                        "; ".join(sorted({eq.classification for eq in survivors})),
                        str(challenge),
                    ]
                )
    report.table(
        [
            "values and costs",
            "p",
            "k",
            "window",
            "equilibria",
            "classes surviving the Intuitive Criterion",
            "fewest challenges (surviving)",
        ],
        rows,
    )
    report.claim(
        "at every sample point the numeric equilibria (all of them but those with the "
        "challenger mixing after an unsent message) are exactly the candidates whose regions "
        "contain the point, mixed ones with their closed-form probabilities",
        agree,
        f"{len(rows)} points; strategies compared as exact fractions.",
    )
    report.claim(
        "at every sample point a semi-separating equilibrium exists exactly below the window, "
        "or inside it where the prior deters",
        closed_ok,
        "Below the window the low type mixes (prior not deterring) or the high type does "
        "(prior deterring); inside, only the high type's mixing remains.",
    )
    report.claim(
        "at every sample point a separating equilibrium exists exactly inside the window, and "
        "above the window no equilibrium (pure or mixed) has an alliance",
        separating_ok and above_ok,
        "This covers the mixed profiles that pbe_regions skips.",
    )
    report.claim(
        "inside the window, where the prior does not deter, every equilibrium that survives the "
        "Intuitive Criterion is separating: pooling on no alliance rests on the belief that an "
        "ally is low-value, a type for which allying is equilibrium-dominated",
        intuitive_ok,
        "Checked at the inside-window points with p below b/(b + c_C).",
    )
    (found_semi,) = [
        eq
        for eq in perfect_bayesian_equilibria(model.at(p="1/4", k="1/4"))
        if eq.classification == "semi-separating"
    ]
    form = closed_form(model, found_semi)
    report.claim(
        "closed_form, applied to the semi-separating equilibrium found at p = k = 1/4, gives "
        "the same mixing probabilities as pbe_regions",
        sympy.simplify(form.sender[1][0] - s_low) == 0
        and sympy.simplify(form.receiver[0][0] - r_ally) == 0,
        f"Low type allies with probability ${sympy.latex(form.sender[1][0])}$; an allied "
        f"protege is challenged with probability ${sympy.latex(form.receiver[0][0])}$.",
    )
    report.text(
        "What this shows, precisely: in this two-type cardinal rendering, sunk peacetime "
        "costs make an alliance a credible signal of a guarantor's commitment exactly when "
        "they fall between the two types' values of deterrence (v_L and c_G); cheaper "
        "alliances are formed by guarantors who would abandon their protege, and dearer ones "
        "are formed by no one. The window does not depend on the prior, which decides only "
        "which non-separating equilibria exist beside the separating one."
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
