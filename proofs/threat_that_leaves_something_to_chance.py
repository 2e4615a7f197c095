"""The threat that leaves something to chance: the risks that deter and that the defender accepts.

Published claims reproduced (Schelling 1960, ch. 8; Powell 1990): a threat the
defender would not carry out as a sure commitment (war is worse for it than
losing the stake) can still deter as a lottery, a risk p of war that neither
side fully controls; the challenger backs down when the risk of war outweighs
its gain, above a minimum risk; the defender accepts running the risk only up
to a maximum, because against a challenger that persists the risk may be
realised; deterrence is possible exactly when the minimum lies below the
maximum. The tree, its payoffs and the resolute challenger with prior z are
the toolkit's rendering. Everything below is derived by the toolkit
(``spe_regions``, ``credibility``, ``threshold``) from
``models/threat-that-leaves-something-to-chance.toml`` and checked with the
numeric SPE solver.

Run ``python proofs/threat_that_leaves_something_to_chance.py`` to rewrite
``proofs/threat-that-leaves-something-to-chance.md``.
"""

import sys
from fractions import Fraction
from pathlib import Path

import sympy

import gametheory_alliances as gta
from gametheory_alliances.parameters import as_number
from gametheory_alliances.predicates import outcome_table, substitute_parameters
from gametheory_alliances.report import Report
from gametheory_alliances.symbolic import spe_regions, threshold
from gametheory_alliances.symbolic.credibility import credibility

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _helpers import positive_factors


def _same_set(first, second, params, within=sympy.true) -> bool:
    """Whether two conditions hold at the same points under ``within`` (each implies the other)."""
    return (
        gta.Region(sympy.And(within, first, sympy.Not(second)), params).is_empty()
        and gta.Region(sympy.And(within, second, sympy.Not(first)), params).is_empty()
    )


def _bound(region: gta.Region, name: str) -> sympy.Expr:
    """Where the one comparison of a region that mentions ``name`` holds with equality."""
    (atom,) = {a for a in region.condition.atoms(sympy.core.relational.Relational)}
    (root,) = sympy.solve(sympy.Eq(atom.lhs, atom.rhs), region.parameters[name].symbol)
    return sympy.factor(root)


def _p_set(cond: sympy.Basic, p: sympy.Symbol) -> sympy.Set:
    """The set of p in [0, 1] where a boolean of comparisons linear in p holds."""
    if isinstance(cond, sympy.And):
        return sympy.Intersection(*(_p_set(a, p) for a in cond.args))
    if isinstance(cond, sympy.Or):
        return sympy.Union(*(_p_set(a, p) for a in cond.args))
    if cond is sympy.true:
        return sympy.Interval(0, 1)
    if cond is sympy.false:
        return sympy.S.EmptySet
    return sympy.solve_univariate_inequality(cond, p, relational=False).intersect(
        sympy.Interval(0, 1)
    )


def _case_of(condition: sympy.Basic, atom: sympy.Basic) -> list[sympy.Basic]:
    """The other comparisons of the conjunction of ``condition`` that holds ``atom``."""
    for case in sympy.Or.make_args(condition):
        parts = sympy.And.make_args(case)
        if atom in parts:
            return [x for x in parts if x != atom]
    return [sympy.false]


def build() -> Report:
    model = gta.load_model("threat-that-leaves-something-to-chance")
    params = model.parameters
    sym = {n: s.symbol for n, s in params.items()}
    p, z, g, loss, c_C, c_D = (sym[n] for n in ("p", "z", "g", "l", "c_C", "c_D"))
    within = sympy.And(*(cond for cond, _ in model.assumptions))
    report = Report(
        "threat-that-leaves-something-to-chance",
        "The threat that leaves something to chance: derivation",
    )
    report.text(model.description)
    report.text(
        "Whose claim is which. Schelling's and Powell's claims: a threat that is not credible "
        "as a sure commitment can deter as a risk; there is a minimum risk that deters and a "
        "maximum the defender will run; deterrence is possible exactly when the first is below "
        "the second. The tree, the payoffs, the resolute type and the closed forms of the two "
        "bounds are the toolkit's rendering."
    )

    report.heading("Every SPE and its region")
    regions = spe_regions(model)
    report.table(
        ["SPE (choices)", "region"],
        [[eq.label, f"${r.latex()}$"] for eq, r in regions.items()],
    )

    report.heading("The minimum risk that deters")
    back_down = credibility(model.game, "irresolute challenger", "Back down", mode="every")
    p_min = _bound(back_down, "p")
    report.text("The irresolute challenger backs down in every SPE exactly where")
    report.math(back_down.latex())
    report.claim(
        "(Schelling) the challenger backs down exactly when the risk of war outweighs its gain, "
        "p c_C > (1 - p) g, i.e. above p_min = g/(g + c_C) < 1",
        _same_set(back_down.condition, p * c_C > (1 - p) * g, params)
        and sympy.simplify(p_min - g / (g + c_C)) == 0,
        f"p_min = ${sympy.latex(p_min)}$.",
    )

    report.heading("The maximum risk the defender accepts")
    threaten = credibility(model.game, "defender", "Threaten", mode="every")
    report.text("The defender threatens in every SPE exactly where")
    report.math(threaten.latex())
    accept_region = gta.Region(sympy.And(within, threaten.condition, p * c_C > (1 - p) * g), params)
    acceptable = z * (p * c_D + (1 - p) * loss) < loss
    report.claim(
        "where the threat deters (p > p_min), the defender makes it in every SPE exactly when "
        "its expected cost against a resolute challenger is below the stake: "
        "z (p c_D + (1 - p) l) < l",
        _same_set(
            accept_region.condition,
            sympy.And(within, acceptable, p * c_C > (1 - p) * g),
            params,
        ),
        "Compared as sets of parameter points by the toolkit's Region.",
    )
    solved = threshold(gta.Region(acceptable, params), "p").condition
    uppers = [
        a.rhs
        for a in solved.atoms(sympy.StrictLessThan)
        if a.lhs == p and not gta.Region(sympy.And(within, *_case_of(solved, a)), params).is_empty()
    ]
    p_max = sympy.factor(uppers[0]) if len(uppers) == 1 else None
    report.text(
        "Solved for p (the toolkit's threshold, which splits on the sign of p's coefficient):"
    )
    report.math(gta.Region(solved, params).latex())
    report.claim(
        "the maximum risk is p_max = (1 - z) l / (z (c_D - l)): the only case of the threshold "
        "consistent with c_D > l and 0 < z < 1 is p < p_max",
        p_max is not None and sympy.simplify(p_max - (1 - z) * loss / (z * (c_D - loss))) == 0,
        f"p_max = ${sympy.latex(p_max)}$.",
    )
    concede = credibility(model.game, "defender", "Concede", mode="every")
    sure = concede.condition.subs(p, 1)
    report.text("The defender concedes in every SPE exactly where")
    report.math(concede.latex())
    report.claim(
        "(Schelling) a sure threat (p = 1) is one the defender would not make where a resolute "
        "challenger is likely enough: at p = 1 it concedes in every SPE exactly when z c_D > l, "
        "though any p in (p_min, p_max) deters",
        _same_set(sure, z * c_D > loss, params, within),
        f"At p = 1 the region is ${sympy.latex(sure)}$.",
    )

    report.heading("Deterrence is possible exactly when p_min < p_max")
    war = [r.condition for eq, r in regions.items() if "Concede" in eq.path or "Persist" in eq.path]
    calm = [
        r.condition
        for eq, r in regions.items()
        if "Concede" not in eq.path and "Persist" not in eq.path
    ]
    every_deter = sympy.And(sympy.Or(*calm), sympy.Not(sympy.Or(*war)))
    report.claim(
        "(Schelling, Powell) every SPE deters exactly for p_min < p < p_max",
        _same_set(
            every_deter,
            (p * (g + c_C) > g) & (z * (p * c_D + (1 - p) * loss) < loss),
            params,
            within,
        ),
        "The regions of the SPE in which the defender threatens and the irresolute challenger "
        "backs down, minus those of the other SPE.",
    )
    gap = sympy.factor(p_max - p_min)
    _, sign = positive_factors(gap, params, within)
    report.math(sympy.Eq(sympy.Symbol(r"p_{\max} - p_{\min}"), gap))
    published = (g + c_C) * (1 - z) * loss - g * z * (c_D - loss)
    report.claim(
        "(Schelling, Powell) deterring risks exist exactly when p_min < p_max, i.e. when "
        "(g + c_C)(1 - z) l > g z (c_D - l): the sign of p_max - p_min once the factors the "
        "toolkit proves positive are removed",
        sympy.expand(sign - published) == 0,
        f"Sign decided by ${sympy.latex(sign)}$.",
    )

    report.heading("At the model's defaults: the window in p, ties included")
    values = {n: s.default for n, s in params.items() if n != "p"}

    def at(expr: sympy.Expr) -> sympy.Expr:
        return expr.subs({params[n].symbol: as_number(v) for n, v in values.items()})

    report.text(
        "Other parameters at their defaults: "
        + ", ".join(f"{n} = {v}" for n, v in values.items())
        + f" (so p_min = {at(p_min)}, p_max = {at(p_max)}; z c_D = {at(z * c_D)} against "
        f"l = {at(loss)}, so a sure threat is not made)."
    )
    game = substitute_parameters(model.game, {n: as_number(v) for n, v in values.items()})
    good, bad, rows = [], [], []
    for eq, region in spe_regions(game).items():
        where = _p_set(region.condition, p)
        rows.append([eq.label, f"${sympy.latex(where)}$"])
        deters = "Concede" not in eq.path and "Persist" not in eq.path
        (good if deters else bad).append(where)
    report.table(["SPE (choices)", "p"], rows)
    some = sympy.Union(*good)
    every = some - sympy.Union(*bad)
    third, three = sympy.Rational(1, 3), sympy.Rational(3, 4)
    report.claim(
        "at the defaults the threat deters in every SPE exactly for 1/3 < p < 3/4 and in some "
        "SPE for 1/3 <= p <= 3/4; the sure threat p = 1 is not made (the defender concedes)",
        every == sympy.Interval.open(third, three) and some == sympy.Interval(third, three),
        f"Every SPE: ${sympy.latex(every)}$; some SPE: ${sympy.latex(some)}$.",
    )

    report.heading("Numeric check with the SPE solver")
    rows, agree = [], True
    for k in range(0, 25):
        pv = Fraction(k, 24)
        table = outcome_table(model, p=pv)
        ok = [r["deterrence"] for r in table]
        agree = agree and any(ok) == (sympy.Rational(pv) in some)
        agree = agree and all(ok) == (sympy.Rational(pv) in every)
        agree = agree and (len(table) > 1) == (pv in (0, third, three))
        rows.append([str(pv), len(table), "; ".join(" > ".join(r["path"]) for r in table)])
    report.table(["p", "SPE", "paths"], rows)
    report.claim(
        "Toolkit's check: at p = 0, 1/24, ..., 1 the numeric solver's SPE deter (some, every) "
        "exactly where the derived sets say, with several SPE exactly at the ties p = 1/3 and "
        "p = 3/4 and at p = 0 (where threatening is conceding), and concession at p = 1",
        agree and all(r["concession"] for r in outcome_table(model, p=1)),
        "Exact rationals.",
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
