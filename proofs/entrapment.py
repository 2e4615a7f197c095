"""Entrapment and restraint: the patron's credibility condition and the outcome regions.

Published claims reproduced: unconditional commitments embolden the protege or
entrap the patron; conditional commitments (binding only if the protege keeps a
moderate policy) restrain it (Kim 2011, Benson 2012); and, where the alliance is
needed to deter, a conditional commitment both deters and restrains (Benson 2012).
Each claim says whether it is the source's (rendered in the toolkit's cardinal
parameterisation on a slice) or the toolkit's own check. Everything below is
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
from gametheory_alliances.symbolic.predicates import expanded, outcome_regions

# Two slices of parameter space: the protege's stakes and the costs fixed, the patron's
# cost of war k_P = 1/2 above its value of defence v (pi_D - pi_S) = 2/5, so that without a
# commitment it stays out. Free: the reneging cost r (r_M, r_R tied by the design) and the
# risky claim g.
COMMON = {"pi_D": "7/10", "pi_S": "3/10", "k_A": "1/10", "k_C": "1/10", "v": 1, "k_P": "1/2"}
# x = 3/10 < pi_S + k_C: the moderate policy is safe without any alliance.
SAFE = {"x": "3/10", **COMMON}
# pi_S + k_C < x = 1/2 < pi_D + k_C: the moderate policy is attacked unless the patron defends
# it, so the alliance is needed to deter (Benson 2012; Kim 2011).
NEEDED = {"x": "1/2", **COMMON}

# The commitment designs as settings of the reneging costs, r_M the one left free: none
# (both zero), unconditional (r_R tied to r_M) and conditional (r_R = 0).
DESIGNS = {
    "none (r_M = r_R = 0)": {"r_M": 0, "r_R": 0},
    "unconditional (r_M = r_R = r)": {"r_R": "r_M"},
    "conditional (r_M = r, r_R = 0)": {"r_R": 0},
}


def _patron_subgame(model: gta.Model, label: str) -> SequentialGame:
    game = model.game
    info = next(h for h in game.infosets if h.label == label)
    return SequentialGame(
        game.node(info.nodes[0]), players=game.players, parameters=game.parameters
    )


def _designs(model: gta.Model, fixed: dict) -> dict[str, dict[str, gta.Region]]:
    """The outcome regions on a slice, derived there for each design (regions in g, r_M)."""
    return {
        design: outcome_regions(model, fixed={**fixed, **values})
        for design, values in DESIGNS.items()
    }


def _paths(model: gta.Model, fixed: dict, design: str, first: str) -> gta.Region:
    """Where some SPE has ``first`` as the protege's policy, on a slice and design."""
    sliced = model.fix(**fixed, **DESIGNS[design])
    regions = equilibrium_regions(sliced, concept="spe")
    parts = [reg.condition for eq, reg in regions.items() if eq.path[0] == first]
    return gta.Region(sympy.Or(*parts), sliced.parameters)


def _table(report: Report, sliced: dict[str, dict[str, gta.Region]]) -> None:
    rows = [
        [design, name, "(empty)" if cut.is_empty() else f"${cut.latex()}$"]
        for design, cuts in sliced.items()
        for name, cut in cuts.items()
    ]
    report.table(["design", "outcome", "region of (g, r_M) where some SPE has it"], rows)


def _empty(model: gta.Model, *conditions: sympy.Basic) -> bool:
    """Whether the conjunction of ``conditions`` (in g and r_M) is provably empty."""
    return expanded(gta.Region(sympy.And(*conditions), model.parameters)).is_empty()


def build() -> Report:
    model = gta.load_model("entrapment")
    p = model.parameters
    v, pi_D, pi_S, k_P, r_M, r_R = (p[n].symbol for n in ("v", "pi_D", "pi_S", "k_P", "r_M", "r_R"))
    r = r_M
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
    textbook = v * (pi_D - pi_S) + r_R >= k_P
    derived = conditions["Patron after Risky > Attack"].condition
    lhs = derived.lhs - derived.rhs
    target = textbook.lhs - textbook.rhs
    report.claim(
        "Source's condition (the credibility of extended deterrence, Snyder 1984), derived by "
        "the toolkit: the patron's defence is credible iff v (pi_D - pi_S) + r_R >= k_P",
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
        "restraint (Moderate on the path), emboldenment (Risky on the path where without the "
        "commitment, r_M = r_R = 0, the protege would moderate), entanglement (the patron "
        "defends on the path where without the commitment it would stay out), entrapment "
        "(entanglement after a Risky policy, Kim 2011). Each region is where some SPE has the "
        "outcome. Ties: where a player is indifferent every SPE is reported and each is judged "
        "on its own path; the three predicates that compare with the game without the "
        'commitment declare baseline_ties = "count": a player indifferent without the '
        "commitment counts as not taking the action when, with the commitment, it takes the "
        "action in every SPE (a protege attacked whatever its policy without the alliance, "
        "which takes the risky policy in every SPE with it, is emboldened)."
    )
    outcomes = outcome_regions(model)
    report.text("In full generality the entrapment region is")
    report.math(outcomes["entrapment"].latex())
    g = p["g"].symbol
    credible = r > sympy.Rational(1, 10)
    unconditional, conditional = "unconditional (r_M = r_R = r)", "conditional (r_M = r, r_R = 0)"

    report.heading("Where the moderate policy is safe without an alliance")
    report.text(
        "On the slice " + ", ".join(f"{k} = {val}" for k, val in SAFE.items()) + " (so that "
        "v (pi_D - pi_S) = 2/5 < k_P: no defence without a commitment; and x < pi_S + k_C: "
        "the moderate policy is not attacked even undefended), the outcome regions derived on "
        "the slice, with the reneging costs set by the design, are, in (g, r_M), r_M being the design's reneging cost r:"
    )
    safe = _designs(model, SAFE)
    _table(report, safe)
    # g <= 7/10 is the model's assumption x + g <= 1 on the slice.
    provoking = (g > sympy.Rational(1, 10)) & (g <= sympy.Rational(7, 10))
    unc, con = safe["unconditional (r_M = r_R = r)"], safe["conditional (r_M = r, r_R = 0)"]
    report.claim(
        "Source's claim (Kim 2011; Benson 2012), rendered by the toolkit on this slice: "
        "unconditional commitments embolden or entrap. Where a credible unconditional "
        "commitment (r > 1/10) is given and the risky claim would provoke an attack on an "
        "undefended protege (x + g > pi_S + k_C: g > 1/10), every SPE has the protege take the "
        "risky policy, and some SPE shows emboldenment or entrapment",
        _empty(
            model,
            credible,
            provoking,
            _paths(model, SAFE, unconditional, "Moderate").condition,
        )
        and _empty(
            model,
            credible,
            provoking,
            ~(unc["emboldenment"].condition | unc["entrapment"].condition),
        ),
        "The region where some SPE has Moderate on the path, intersected with r > 1/10 and "
        "1/10 < g <= 7/10, is empty; so is that region minus the union of the emboldenment "
        "and entrapment regions.",
    )
    report.claim(
        "Source's claim (Kim 2011; Benson 2012), rendered by the toolkit on this slice: "
        "conditional commitments restrain. Where a credible conditional commitment is given "
        "(and g > 1/10, as above), every SPE has the protege moderate and unattacked, and none "
        "entraps the patron",
        _empty(model, credible, provoking, _paths(model, SAFE, conditional, "Risky").condition)
        and _empty(
            model,
            credible,
            provoking,
            ~(con["restraint"].condition & con["deterrence"].condition),
        )
        and con["entrapment"].is_empty(),
        "The region where some SPE has Risky on the path, intersected with r > 1/10, "
        "1/10 < g <= 7/10, is empty; restraint and deterrence cover that region; the "
        "entrapment region of the conditional design is empty.",
    )
    report.claim(
        "Toolkit's rendering (on this slice): the unconditional design entraps when the risky "
        "claim is large enough to provoke an attack despite the defence (g >= 1/2), and "
        "emboldens without war below",
        unc["entrapment"].contains(g="3/5", r_M="1/5")
        and not unc["entrapment"].contains(g="2/5", r_M="1/5")
        and unc["emboldenment"].contains(g="2/5", r_M="1/5"),
        "Region membership at (g, r_M) = (3/5, 1/5) and (2/5, 1/5).",
    )

    report.heading("Where the alliance is needed to deter")
    report.text(
        "On the slice " + ", ".join(f"{k} = {val}" for k, val in NEEDED.items()) + " the "
        "moderate policy is attacked unless the patron defends it (pi_S + k_C = 2/5 < x = 1/2 "
        "< pi_D + k_C = 4/5): without an alliance the challenger attacks whatever the protege "
        "does, so the protege is indifferent between its policies. This is the case of Benson "
        "(2012) and Kim (2011): the alliance is needed to deter, and the question is whether it "
        "can deter without emboldening. The outcome regions derived on the slice, in (g, r_M), r_M being the design's reneging cost r:"
    )
    needed = _designs(model, NEEDED)
    _table(report, needed)
    # g <= 1/2 is the model's assumption x + g <= 1 on the slice; g > 0 makes the policies differ.
    claims = (g > 0) & (g <= sympy.Rational(1, 2))
    none = needed["none (r_M = r_R = 0)"]
    unc, con = needed["unconditional (r_M = r_R = r)"], needed["conditional (r_M = r, r_R = 0)"]
    report.claim(
        "Toolkit's rendering of the premise: without a commitment the challenger attacks on "
        "this slice in every SPE (no deterrence), whatever the risky claim",
        none["deterrence"].is_empty() and none["emboldenment"].is_empty(),
        "The deterrence region of the design without commitment is empty (and so, as it must "
        "be, is its emboldenment region).",
    )
    report.claim(
        "Source's claim (Benson 2012; Kim 2011), rendered by the toolkit on this slice: a "
        "conditional commitment both deters and restrains where the alliance is needed to "
        "deter. Where it is credible (r > 1/10), every SPE has the protege moderate and the "
        "challenger deterred, and none emboldens or entraps",
        _empty(model, credible, claims, _paths(model, NEEDED, conditional, "Risky").condition)
        and _empty(
            model,
            credible,
            claims,
            ~(con["restraint"].condition & con["deterrence"].condition),
        )
        and con["emboldenment"].is_empty()
        and con["entrapment"].is_empty(),
        "The region where some SPE has Risky on the path, intersected with r > 1/10 and "
        "0 < g <= 1/2, is empty; restraint and deterrence together cover that region; the "
        "emboldenment and entrapment regions of the conditional design are empty.",
    )
    report.claim(
        "Source's claim (Benson 2012), rendered by the toolkit on this slice: an unconditional "
        "commitment that deters also emboldens. Where it is credible (r > 1/10), every SPE "
        "has the protege take the risky policy; it is emboldened (and unattacked) where the "
        "risky claim stays below what a defended protege can hold (x + g < pi_D + k_C: "
        "g < 3/10) and entraps the patron above it (g > 3/10)",
        _empty(
            model,
            credible,
            claims,
            _paths(model, NEEDED, unconditional, "Moderate").condition,
        )
        and _empty(
            model,
            credible,
            claims,
            g < sympy.Rational(3, 10),
            ~(unc["emboldenment"].condition & unc["deterrence"].condition),
        )
        and _empty(
            model, credible, claims, g > sympy.Rational(3, 10), ~unc["entrapment"].condition
        ),
        "The region where some SPE has Moderate on the path, intersected with r > 1/10 and "
        "0 < g <= 1/2, is empty; below g = 3/10 it lies in the emboldenment and deterrence "
        "regions, above in the entrapment region. Emboldenment here rests on the tie rule: "
        "without the commitment the protege is indifferent.",
    )

    report.heading("Numeric check with the SPE solver")
    points = [
        ("safe, none", SAFE, {"g": "3/5", "r_M": 0, "r_R": 0}),
        ("safe, unconditional, g = 2/5", SAFE, {"g": "2/5", "r_M": "1/5", "r_R": "1/5"}),
        ("safe, unconditional, g = 3/5", SAFE, {"g": "3/5", "r_M": "1/5", "r_R": "1/5"}),
        ("safe, conditional, g = 3/5", SAFE, {"g": "3/5", "r_M": "1/5", "r_R": 0}),
        ("needed, none, g = 1/5", NEEDED, {"g": "1/5", "r_M": 0, "r_R": 0}),
        ("needed, unconditional, g = 1/5", NEEDED, {"g": "1/5", "r_M": "1/5", "r_R": "1/5"}),
        ("needed, unconditional, g = 2/5", NEEDED, {"g": "2/5", "r_M": "1/5", "r_R": "1/5"}),
        ("needed, conditional, g = 2/5", NEEDED, {"g": "2/5", "r_M": "1/5", "r_R": 0}),
    ]
    names = list(model.outcomes.names)
    rows = []
    agree = True
    for design, fixed, values in points:
        point = {**fixed, **values}
        table = outcome_table(model, **point)
        for row in table:
            rows.append([design, ", ".join(row["path"]), *("yes" if row[n] else "" for n in names)])
        for n in names:
            agree = agree and any(row[n] for row in table) == outcomes[n].contains(**point)
    report.table(["slice and design", "SPE path", *names], rows)
    report.claim(
        "Toolkit check: the symbolic outcome regions (in full generality) agree with the "
        "numeric SPE solver at these points",
        agree,
        "For each point and predicate: some numeric SPE has the outcome iff the point lies in "
        "the predicate's region.",
    )
    tie = gta.subgame_perfect_equilibria(model.at(**{**NEEDED, "g": "1/5"}))
    report.claim(
        "Source's requirement (all subgame-perfect equilibria are reported when a player is "
        "indifferent), checked by the toolkit",
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
