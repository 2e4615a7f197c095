"""Snyder's alliance security dilemma: the game's class in each region, and the adversary game.

Claims reproduced. Snyder's (1984, 1997), ordinal: supporting the ally
lowers the risk of abandonment and raises that of entrapment, distance the
reverse, so support falls as entrapment grows costlier and rises as the
alliance's collapse (abandonment) does; and the alliance game is played
beside the adversary game, where firmness toward the adversary is support of
the ally: it deters or provokes the adversary, reassures the ally and risks
entrapment. The toolkit's own reading, not Snyder's claim: in the cardinal
model a high collapse cost L makes the dilemma Chicken and a lower one a
Prisoner's Dilemma. Everything below is derived by the toolkit from
``models/alliance-dilemma.toml`` and ``models/alliance-dilemma-adversary.toml``.

Run ``python proofs/alliance_dilemma.py`` to rewrite ``proofs/alliance-dilemma.md``.
"""

import sys
from pathlib import Path

import sympy

import gametheory_alliances as gta
from gametheory_alliances.report import Report

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _helpers import positive_factors


def build() -> Report:
    model = gta.load_model("alliance-dilemma")
    params = model.parameters
    b, e, m, L = (params[n].symbol for n in ("b", "e", "m", "L"))
    report = Report("alliance-dilemma", "The alliance security dilemma: derivation")
    report.text(model.description)
    report.text(
        "Whose claim is which. Snyder's claims are ordinal: support trades abandonment for "
        "entrapment, so it falls with the cost of entrapment and rises with that of "
        "abandonment, and the alliance and adversary games are linked. The cardinal payoffs, "
        "and the reading of their classes (Chicken for a high collapse cost L), are the "
        "toolkit's rendering; the claims below say which is which."
    )

    report.heading("The game's class in each region")
    classes = gta.classify_symmetric_2x2(model.game)
    report.table(
        ["class", "region of (b, e, m, L)"],
        [
            [name, f"${r.latex()}$" if not r.is_empty() else "(empty)"]
            for name, r in classes.items()
        ],
    )

    report.heading("Every equilibrium and where it holds")
    regions = gta.equilibrium_regions(model)
    report.math(regions.latex())
    mixed = next(eq for eq in regions if not eq.is_pure)
    p = sympy.factor(mixed.strategies[0][0])
    report.math(
        sympy.Eq(sympy.Symbol("p_S"), p),
        "In the mixed equilibrium each ally supports with probability",
    )

    report.heading("The toolkit's mapping, not Snyder's claim: high L gives Chicken")
    dilemma = e > m
    report.text(
        "The alliance dilemma proper has each ally's entrapment cost exceed the complementarity "
        "of mutual support (e > m); otherwise mutual support is an equilibrium (Stag Hunt or "
        "Harmony). Solving the Chicken region for L with threshold():"
    )
    chicken_L = gta.threshold(classes["Chicken"], "L")
    report.math(chicken_L.latex())
    report.claim(
        "(the toolkit's mapping) wherever e > m, the game is Chicken for every L above e",
        gta.Region(dilemma & (L > e) & ~classes["Chicken"].condition, params).is_empty()
        and gta.Region(classes["Chicken"].condition & ~(dilemma & (L > e)), params).is_empty(),
        "The regions {e > m, L > e} and Chicken are equal: each minus the other is an empty "
        "linear system.",
    )
    report.claim(
        "(the toolkit's mapping) below that threshold (L < e < L + b + m, with e > m) the same "
        "dilemma is a Prisoner's Dilemma",
        gta.Region(
            dilemma & (L < e) & (e < L + b + m) & ~classes["Prisoner's Dilemma"].condition, params
        ).is_empty(),
        "The region minus the Prisoner's Dilemma region is empty.",
    )
    chicken = classes["Chicken"].condition
    inside = (
        positive_factors(p, params, chicken)[1] == 1
        and positive_factors(1 - p, params, chicken)[1] == 1
    )
    slope = sympy.factor(sympy.diff(p, L))
    rises = positive_factors(slope, params, chicken)[1] == 1
    report.heading("Snyder's claim: support trades abandonment for entrapment")
    report.claim(
        "(Snyder, in the cardinal model) in Chicken the mixed equilibrium is proper and its "
        "support probability rises with the collapse cost L",
        inside and rises,
        f"p_S and 1 - p_S factor into terms the toolkit proves positive in the Chicken region, and "
        f"so does the derivative ${sympy.latex(slope)}$.",
    )
    slope_e = sympy.factor(sympy.diff(p, e))
    falls = positive_factors(-slope_e, params, chicken)[1] == 1
    report.claim(
        "(Snyder, in the cardinal model) in Chicken the support probability falls as "
        "entrapment grows costlier (higher e)",
        falls,
        f"The derivative in e is ${sympy.latex(slope_e)}$, minus a factor the toolkit proves "
        "positive in the Chicken region.",
    )
    support = regions.by_label()["(S, S)"]
    support_e = gta.threshold(support, "e")
    distance = regions.by_label()["(D, D)"]
    distance_e = gta.threshold(distance, "e")
    report.math(support_e.latex(), "Mutual support is an equilibrium exactly where")
    report.math(distance_e.latex(), "and mutual distance exactly where")
    report.claim(
        "(Snyder, in the cardinal model) the pure equilibria move the same way: mutual support "
        "holds only up to an upper bound on e (e <= m) and mutual distance only from a lower "
        "bound on e (e >= L), i.e. only below a bound on the collapse cost",
        support_e.condition == (e <= m) and distance_e.condition == (e >= L),
        "Both regions solved for e by threshold(); the model's claims "
        "mutual-support-nonincreasing-in-e and mutual-distance-nonincreasing-in-L check the "
        "same at random points with the numeric solver (gta check).",
    )
    point = {"b": 3, "e": 2, "m": 1, "L": 4}
    numeric = gta.nash_equilibria(model.at(**point))
    exact_p = p.subs({b: 3, e: 2, m: 1, L: 4})
    mixed_numeric = [eq for eq in numeric if len(eq.support[0]) == 2]
    report.claim(
        f"at (b, e, m, L) = (3, 2, 1, 4) the numeric solver finds Chicken's three equilibria, the "
        f"mixed one at p_S = {exact_p}",
        classes["Chicken"].contains(**point)
        and len(numeric) == 3
        and len(mixed_numeric) == 1
        and abs(float(mixed_numeric[0].strategies[0][0]) - float(exact_p)) < 1e-9,
        "The numeric solver finds: " + "; ".join(repr(eq) for eq in numeric) + ".",
    )
    adversary_section(report)
    return report


def adversary_section(report):
    """Snyder's adversary game, beside the alliance game."""
    model = gta.load_model("alliance-dilemma-adversary")
    params = model.parameters
    x, w, r, e = (params[n].symbol for n in ("x", "w", "r", "e"))
    report.heading(model.title)
    report.text(model.description)
    report.text(
        "Whose claim is which. Snyder's claim, ordinal: a state's firmness toward its "
        "adversary is also support of its ally, so the abandonment it avoids and the "
        "entrapment it risks push the state's adversary policy; firmness deters the "
        "adversary or provokes it. The cardinal payoffs, with the alliance game's effects "
        "reduced to the terms r and e, are the toolkit's rendering."
    )
    regions = gta.equilibrium_regions(model)
    report.math(regions.latex())
    firm = [
        (eq, region) for eq, region in regions.items() if eq.is_pure and eq.strategies[0][0] == 1
    ]
    rows, monotone = [], True
    for eq, region in firm:
        on_r, on_e = gta.threshold(region, "r"), gta.threshold(region, "e")
        rows.append([eq.label, f"${on_r.latex()}$", f"${on_e.latex()}$"])
        lower_r = [a for a in on_r.condition.args if a.has(r)]
        upper_e = [a for a in on_e.condition.args if a.has(e)]
        monotone = (
            monotone
            and len(lower_r) == 1
            and isinstance(lower_r[0], sympy.GreaterThan)
            and lower_r[0].lhs == r
            and len(upper_e) == 1
            and isinstance(upper_e[0], sympy.LessThan)
            and upper_e[0].lhs == e
        )
    report.table(["the state stands firm", "solved for r", "solved for e"], rows)
    (mixed,) = [eq for eq in regions if not eq.is_pure]
    fixed = not (mixed.strategies[0][0].has(r) or mixed.strategies[0][0].has(e))
    report.text(
        "In the mixed equilibrium the state's probability of firmness, "
        f"${sympy.latex(mixed.strategies[0][0])}$, is set by the adversary's indifference "
        + ("and does not depend on r or e" if fixed else "and depends on r or e")
        + ": there r and e move the adversary's mixing, not the state's."
    )
    report.claim(
        "(Snyder, in the cardinal model) every equilibrium in which the state stands firm holds "
        "from a lower bound on the reassurance r and up to an upper bound on the entrapment "
        "risk e: the more the state fears abandonment, and the less entrapment, the firmer it is "
        "toward the adversary",
        len(firm) == 2 and monotone,
        "Each region solved for r and for e by threshold(); r appears in one comparison, r >= "
        "bound, and e in one, e <= bound.",
    )
    by_label = regions.by_label()
    deters, spiral = by_label["(F, C)"], by_label["(F, F)"]
    report.claim(
        "(Snyder, in the cardinal model) firmness deters (the adversary conciliates) only where "
        "confrontation is worse for the adversary than being exploited (w >= x), and meets "
        "firmness, the spiral, only where it is not (x >= w)",
        gta.Region(deters.condition & (x > w), params).is_empty()
        and gta.Region(spiral.condition & (w > x), params).is_empty(),
        "Each region intersected with the opposite strict inequality is empty.",
    )
    point = {"g": 2, "d": 1, "x": 1, "w": 3, "r": 1}
    rows, agree = [], True
    for e_value in (0, 1, 2, 3):
        eqs = gta.nash_equilibria(model.at(**point, e=e_value))
        state_firm = max(float(eq.strategies[0][0]) for eq in eqs)
        deterrence = any(eq.support == ((0,), (1,)) for eq in eqs)
        agree = agree and deterrence == deters.contains(**point, e=e_value)
        rows.append([e_value, len(eqs), deterrence, f"{state_firm:.3f}"])
    report.table(
        ["e (g, d, x, w, r = 2, 1, 1, 3, 1)", "equilibria", "(F, C) found", "most firmness"], rows
    )
    report.claim(
        "the numeric solver finds deterrence (F, C) exactly where its region holds, the tie "
        "g + r = d + e (at e = 2) included",
        agree,
    )


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
