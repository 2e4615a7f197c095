"""A probabilistic commitment: the window of q in which it both deters and restrains.

The patron is committed with probability q, which neither the protege nor the
challenger observes. A higher q deters the challenger from attacking a moderate
protege, but under an unconditional commitment it also emboldens the protege:
the probabilistic commitment both deters and restrains only in a window of q
(the "strategic ambiguity" argument; Benson 2012). Everything below is derived
by the toolkit from ``models/entrapment-probabilistic.toml``: the patron's
credibility conditions, the SPE regions in q (symbolic backward induction with
chance moves), and numeric checks with the SPE solver.

Run ``python proofs/entrapment_probabilistic.py`` to rewrite
``proofs/entrapment-probabilistic.md``.
"""

from fractions import Fraction
from pathlib import Path

import sympy

import gametheory_alliances as gta
from gametheory_alliances.parameters import as_number
from gametheory_alliances.predicates import outcome_table, substitute_parameters
from gametheory_alliances.report import Report
from gametheory_alliances.symbolic import spe_regions
from gametheory_alliances.symbolic.predicates import credibility_conditions


def _solve(cond: sympy.Basic, q: sympy.Symbol) -> sympy.Set:
    """The set of q in [0, 1] where a boolean of linear comparisons in q holds."""
    if isinstance(cond, sympy.And):
        return sympy.Intersection(*(_solve(a, q) for a in cond.args))
    if isinstance(cond, sympy.Or):
        return sympy.Union(*(_solve(a, q) for a in cond.args))
    if cond is sympy.true:
        return sympy.Interval(0, 1)
    if cond is sympy.false:
        return sympy.S.EmptySet
    return sympy.solve_univariate_inequality(cond, q, relational=False).intersect(
        sympy.Interval(0, 1)
    )


def _windows(model: gta.Model, design: dict[str, object]) -> tuple[list, sympy.Set, sympy.Set]:
    q = model.parameters["q"].symbol
    values = {n: p.default for n, p in model.parameters.items() if n != "q"}
    values.update(design)
    game = substitute_parameters(model.game, {n: as_number(v) for n, v in values.items()})
    rows, good, bad = [], [], []
    for eq, region in spe_regions(game).items():
        where = _solve(region.condition, q)
        rows.append([", ".join(eq.path), f"${sympy.latex(where)}$"])
        (good if eq.path == ("Moderate", "Not attack") else bad).append(where)
    some = sympy.Union(*good)
    every = some - sympy.Union(*bad)
    return rows, some, every


def build() -> Report:
    model = gta.load_model("entrapment-probabilistic")
    report = Report("entrapment-probabilistic", "A probabilistic commitment: derivation")
    report.text(model.description)
    report.text(model.notes)

    report.heading("The patron's credibility conditions")
    for (label, action), region in credibility_conditions(model).items():
        report.text(f"{label}: {action} in some SPE of its subgame exactly where")
        report.math(region.latex())

    report.heading("The SPE regions in q")
    report.text(
        "Other parameters at the model's defaults: "
        + ", ".join(f"{n} = {p.default}" for n, p in model.parameters.items() if n != "q")
        + ". The patron's defence is credible when committed (v (pi_D - pi_S) + r = 3/5 >= "
        "k_P = 1/2) and not otherwise (2/5 < 1/2)."
    )
    designs = {
        "unconditional (r_M = r_R = 1/5)": {},
        "conditional (r_M = 1/5, r_R = 0)": {"r_R": 0},
    }
    found = {}
    for design, values in designs.items():
        rows, some, every = _windows(model, values)
        found[design] = (some, every)
        report.text(f"{design}: each SPE path and the set of q where it is an SPE:")
        report.table(["SPE path", "q"], rows)
        report.text(
            f"The commitment deters and restrains (path Moderate, Not attack) in some SPE for q in "
            f"${sympy.latex(some)}$ and in every SPE for q in ${sympy.latex(every)}$."
        )
    unc_some, unc_every = found["unconditional (r_M = r_R = 1/5)"]
    con_some, _ = found["conditional (r_M = 1/5, r_R = 0)"]
    quarter, three = sympy.Rational(1, 4), sympy.Rational(3, 4)
    report.claim(
        "Source's claim (Benson 2012, probabilistic commitments), in the toolkit's rendering at "
        "the model's defaults: an unconditional probabilistic commitment both deters and "
        "restrains exactly in a window "
        "of q: some SPE does for 1/4 <= q <= 3/4, every SPE does for 1/4 < q < 3/4",
        unc_some == sympy.Interval(quarter, three)
        and unc_every == sympy.Interval.open(quarter, three),
        "Below 1/4 the commitment is too unlikely to deter an attack on a moderate protege; above "
        "3/4 it is likely enough that the protege takes the risky policy and is attacked.",
    )
    report.claim(
        "Toolkit's rendering (not a claim of the source): a conditional probabilistic "
        "commitment has no upper bound: it deters and restrains for "
        "every q >= 1/4",
        con_some == sympy.Interval(quarter, 1),
        f"The conditional design's window is ${sympy.latex(con_some)}$.",
    )

    report.heading("Numeric check with the SPE solver")
    rows = []
    agree = True
    for k in range(0, 21, 2):
        q = Fraction(k, 20)
        table = outcome_table(model, q=q)
        deters = [r["deterrence"] and r["restraint"] for r in table]
        rows.append([str(q), "; ".join(", ".join(r["path"]) for r in table), str(all(deters))])
        agree = agree and (any(deters) == (sympy.Rational(q) in unc_some))
        agree = agree and (all(deters) == (sympy.Rational(q) in unc_every))
    report.table(["q", "SPE paths (unconditional design)", "every SPE deters and restrains"], rows)
    report.claim(
        "Toolkit's check: the numeric solver agrees with the derived window at q = 0, 1/10, ..., 1",
        agree,
        "At each q: some (every) numeric SPE deters and restrains iff q lies in the derived set.",
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
