"""Entrapment and restraint: the patron's credibility condition and the outcome regions.

Published claims reproduced: unconditional commitments embolden the protege or
entrap the patron; conditional commitments (binding only if the protege keeps a
moderate policy) restrain it (Kim 2011, Benson 2012). Everything below is
derived by the toolkit from ``models/entrapment.toml``: the credibility
condition with ``credibility`` and ``threshold`` on the patron's subgame, the
outcome regions with ``outcome_regions`` (the model's ``[outcomes]`` table),
and numeric checks with the SPE solver.

Run ``python proofs/entrapment.py`` to rewrite ``proofs/entrapment.md``.
"""

from pathlib import Path

import sympy

import gametheory_alliances as gta
from gametheory_alliances.predicates import outcome_table
from gametheory_alliances.report import Report
from gametheory_alliances.sequential import SequentialGame
from gametheory_alliances.symbolic import credibility, equilibrium_regions, threshold
from gametheory_alliances.symbolic.predicates import outcome_regions

# A slice of parameter space: the protege's stakes and the costs fixed, the patron's
# cost of war k_P = 1/2 above its value of defence v (pi_D - pi_S) = 2/5, so that
# without a commitment it stays out. Free: the reneging cost r and the risky claim g.
SLICE = {
    "x": "3/10",
    "pi_D": "7/10",
    "pi_S": "3/10",
    "k_A": "1/10",
    "k_C": "1/10",
    "v": 1,
    "k_P": "1/2",
}


def _patron_subgame(model: gta.Model, label: str) -> SequentialGame:
    game = model.game
    info = next(h for h in game.infosets if h.label == label)
    return SequentialGame(
        game.node(info.nodes[0]), players=game.players, parameters=game.parameters
    )


R = gta.Parameter("r", "nonnegative", description="the reneging cost of the design")


def _slice(region: gta.Region, model: gta.Model, design: dict[str, sympy.Expr]) -> gta.Region:
    subs = {model.parameters[k].symbol: sympy.Rational(v) for k, v in SLICE.items()}
    subs.update({model.parameters[k].symbol: v for k, v in design.items()})
    return gta.Region(region.condition.xreplace(subs), {**model.parameters, "r": R})


def build() -> Report:
    model = gta.load_model("entrapment")
    p = model.parameters
    v, pi_D, pi_S, k_P, r_M, r_R = (p[n].symbol for n in ("v", "pi_D", "pi_S", "k_P", "r_M", "r_R"))
    r = R.symbol
    report = Report("entrapment", "Entrapment and restraint: derivation")
    report.text(model.description)

    report.heading("The patron's credibility condition")
    conditions = {}
    for label, cost in (
        ("Patron after Risky > Attack", r_R),
        ("Patron after Moderate > Attack", r_M),
    ):
        sub = _patron_subgame(model, label)
        region = credibility(sub, 0, "Defend", mode="some")
        solved = threshold(region, cost.name)
        conditions[label] = region
        report.text(f"{label}: the patron defends in some SPE of its subgame exactly where")
        report.math(region.latex())
        report.text(f"that is, solved for {cost.name}:")
        report.math(solved.latex())
    textbook = v * (pi_D - pi_S) + r >= k_P
    derived = conditions["Patron after Risky > Attack"].condition.xreplace({r_R: r})
    lhs = derived.lhs - derived.rhs
    target = textbook.lhs - textbook.rhs
    report.claim(
        "the patron's defence is credible iff v (pi_D - pi_S) + r >= k_P",
        isinstance(derived, sympy.GreaterThan) and sympy.expand(lhs - target) == 0,
        f"credibility() on the patron's subgame gives ${sympy.latex(derived)}$, which is "
        f"${sympy.latex(textbook)}$ rearranged.",
    )

    report.heading("Every SPE and its region")
    regions = equilibrium_regions(model, concept="spe")
    report.text(
        f"Symbolic backward induction finds {len(regions)} pure SPE (each with the region "
        "where it is one; regions overlap on the boundaries where a player is indifferent)."
    )
    report.table(
        ["SPE (choices at the five information sets)", "path"],
        [[eq.label, ", ".join(eq.path)] for eq in regions],
    )

    report.heading("The outcome regions")
    report.text(
        "The predicates declared in the model file: deterrence (no attack on the path), "
        "restraint (Moderate on the path), emboldenment (Risky on the path where no SPE of the "
        "game without the commitment, r_M = r_R = 0, plays Risky), entanglement (the patron "
        "defends on the path where without the commitment it would stay out in every SPE), "
        "entrapment (entanglement after a Risky policy, Kim 2011). Each region is where some "
        "SPE has the outcome."
    )
    outcomes = outcome_regions(model)
    report.text("In full generality the entrapment region is")
    report.math(outcomes["entrapment"].latex())
    report.text(
        "On the slice " + ", ".join(f"{k} = {val}" for k, val in SLICE.items()) + " (so that "
        "v (pi_D - pi_S) = 2/5 < k_P: no defence without a commitment), with the reneging "
        "costs set by the design, the regions in (g, r) are:"
    )
    designs = {
        "unconditional (r_M = r_R = r)": {"r_M": r, "r_R": r},
        "conditional (r_M = r, r_R = 0)": {"r_M": r, "r_R": sympy.Integer(0)},
    }
    sliced: dict[str, dict[str, gta.Region]] = {}
    rows = []
    for design, values in designs.items():
        sliced[design] = {}
        for name, region in outcomes.items():
            cut = _slice(region, model, values)
            sliced[design][name] = cut
            rows.append([design, name, "(empty)" if cut.is_empty() else f"${cut.latex()}$"])
    report.table(["design", "outcome", "region of (g, r) where some SPE has it"], rows)

    report.heading("Published claims")
    risky_paths = [reg for eq, reg in regions.items() if "Risky" in eq.path]
    some_risky = gta.Region(sympy.Or(*(reg.condition for reg in risky_paths)), model.parameters)
    moderate_paths = [reg for eq, reg in regions.items() if "Moderate" in eq.path]
    some_moderate = gta.Region(
        sympy.Or(*(reg.condition for reg in moderate_paths)), model.parameters
    )
    g = p["g"].symbol
    # g <= 7/10 is the model's assumption x + g <= 1 on the slice.
    credible = (
        (r > sympy.Rational(1, 10)) & (g > sympy.Rational(1, 10)) & (g <= sympy.Rational(7, 10))
    )
    unc = sliced["unconditional (r_M = r_R = r)"]
    unc_moderate = _slice(some_moderate, model, {"r_M": r, "r_R": r})
    report.claim(
        "unconditional commitments embolden or entrap: where a credible unconditional commitment "
        "(r > 1/10 on the slice) is given and the risky claim would provoke an attack on an "
        "undefended protege (x + g > pi_S + k_C, g > 1/10 on the slice), every SPE has the "
        "protege take the risky policy, and some SPE shows emboldenment or entrapment",
        gta.Region(credible & unc_moderate.condition, unc_moderate.parameters).is_empty()
        and gta.Region(
            credible & ~(unc["emboldenment"].condition | unc["entrapment"].condition),
            unc_moderate.parameters,
        ).is_empty(),
        "The region where some SPE has Moderate on the path, intersected with r > 1/10 and "
        "g > 1/10, is empty; so is the credible region minus the union of the emboldenment and "
        "entrapment regions.",
    )
    con = sliced["conditional (r_M = r, r_R = 0)"]
    con_risky = _slice(some_risky, model, {"r_M": r, "r_R": sympy.Integer(0)})
    report.claim(
        "conditional commitments restrain: where a credible conditional commitment is given "
        "(and g > 1/10, as above), "
        "every SPE has the protege moderate and unattacked, and none entraps the patron",
        gta.Region(credible & con_risky.condition, con_risky.parameters).is_empty()
        and gta.Region(
            credible & ~(con["restraint"].condition & con["deterrence"].condition),
            con_risky.parameters,
        ).is_empty()
        and con["entrapment"].is_empty(),
        "The region where some SPE has Risky on the path, intersected with r > 1/10, g > 1/10, is "
        "empty; restraint and deterrence cover the credible region; the entrapment region of "
        "the conditional design is empty.",
    )
    report.claim(
        "the unconditional design entraps when the risky claim is large enough to provoke an "
        "attack despite the defence (g >= 1/2 on the slice), and emboldens without war below",
        unc["entrapment"].contains(g="3/5", r="1/5")
        and not unc["entrapment"].contains(g="2/5", r="1/5")
        and unc["emboldenment"].contains(g="2/5", r="1/5"),
        "Region membership at (g, r) = (3/5, 1/5) and (2/5, 1/5).",
    )

    report.heading("Numeric check with the SPE solver")
    points = [
        ("none", {"g": "3/5", "r_M": 0, "r_R": 0}),
        ("unconditional, g = 2/5", {"g": "2/5", "r_M": "1/5", "r_R": "1/5"}),
        ("unconditional, g = 3/5", {"g": "3/5", "r_M": "1/5", "r_R": "1/5"}),
        ("conditional, g = 3/5", {"g": "3/5", "r_M": "1/5", "r_R": 0}),
    ]
    names = list(model.outcomes.names)
    rows = []
    agree = True
    for design, values in points:
        point = {**SLICE, **values}
        for row in outcome_table(model, **point):
            rows.append([design, ", ".join(row["path"]), *("yes" if row[n] else "" for n in names)])
        for n in names:
            numeric = any(row[n] for row in outcome_table(model, **point))
            agree = agree and numeric == outcomes[n].contains(**point)
    report.table(["design", "SPE path", *names], rows)
    report.claim(
        "the symbolic outcome regions agree with the numeric SPE solver at these points",
        agree,
        "For each point and predicate: some numeric SPE has the outcome iff the point lies in "
        "the predicate's region.",
    )
    tie = gta.subgame_perfect_equilibria(model.at(**{**SLICE, "x": "1/2", "g": "1/5"}))
    report.claim(
        "every SPE is reported when a player is indifferent",
        len(tie) == 2 and {eq.path[0] for eq in tie} == {"Moderate", "Risky"},
        "Without a commitment at x = 1/2, g = 1/5 both policies are attacked and the patron "
        "stays out, so the protege is indifferent; the solver lists "
        + "; ".join(repr(eq) for eq in tie)
        + ".",
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
