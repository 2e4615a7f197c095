"""A probabilistic commitment in crisis bargaining: the bargaining range moves with q.

Published claims reproduced. Fearon (1995): with war costly to both, a range
of settlements both sides prefer to war exists, the shares between the
protege's expected war payoff minus its cost and that payoff plus the
challenger's cost, and a proposer with a take-it-or-leave-it offer obtains the
endpoint it prefers. Benson (2012, ch. 5): a probabilistic commitment, under
which the patron intervenes with probability q, shifts that range toward the
protege as q rises, and a commitment of intermediate probability both deters
revisionist demands on the protege and restrains the protege's own, where a
sure commitment can embolden the protege. The fixed demands, the tree and the
chance move that gives the opportunity to revise are the toolkit's rendering.
Everything below is derived by the toolkit (``spe_regions``, ``credibility``,
``threshold``) from ``models/probabilistic-commitment-bargaining.toml``, and
checked with the numeric SPE solver.

Run ``python proofs/probabilistic_commitment_bargaining.py`` to rewrite
``proofs/probabilistic-commitment-bargaining.md``.
"""

import sys
from fractions import Fraction
from pathlib import Path

import sympy

import gametheory_alliances as gta
from gametheory_alliances.parameters import as_number
from gametheory_alliances.predicates import outcome_table, substitute_parameters
from gametheory_alliances.report import Report
from gametheory_alliances.sequential import SequentialGame
from gametheory_alliances.symbolic import spe_regions, threshold
from gametheory_alliances.symbolic.credibility import credibility

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _helpers import positive_factors


def _subgame(game: SequentialGame, turn: str) -> SequentialGame:
    """The subgame after the chance move gives ``turn`` the opportunity to revise."""
    _, node = game.root.outcomes[turn]
    return SequentialGame(node, players=list(game.players), parameters=game.parameters)


def _informative(region: gta.Region) -> gta.Region:
    """The region with the conjuncts that hold everywhere (such as ``s >= x | x >= s``) dropped."""
    params = region.parameters
    kept = [
        c
        for c in sympy.And.make_args(region.condition)
        if not gta.Region(sympy.Not(c), params).is_empty()
    ]
    return gta.Region(sympy.And(*kept), params)


def _boundary(region: gta.Region, name: str) -> sympy.Expr:
    """The bound on ``name`` of a region with exactly one comparison of ``name`` with a bound."""
    symbol = region.parameters[name].symbol
    solved = threshold(region, name).condition
    (bound,) = {
        atom.rhs if atom.lhs == symbol else atom.lhs
        for atom in solved.atoms(sympy.core.relational.Relational)
        if symbol in (atom.lhs, atom.rhs)
    }
    return sympy.simplify(bound)


def _q_set(cond: sympy.Basic, q: sympy.Symbol) -> sympy.Set:
    """The set of q in [0, 1] where a boolean of comparisons linear in q holds."""
    if isinstance(cond, sympy.And):
        return sympy.Intersection(*(_q_set(a, q) for a in cond.args))
    if isinstance(cond, sympy.Or):
        return sympy.Union(*(_q_set(a, q) for a in cond.args))
    if cond is sympy.true:
        return sympy.Interval(0, 1)
    if cond is sympy.false:
        return sympy.S.EmptySet
    return sympy.solve_univariate_inequality(cond, q, relational=False).intersect(
        sympy.Interval(0, 1)
    )


def _same_set(first, second, params, within) -> bool:
    """Whether two conditions hold at the same points under ``within`` (each implies the other)."""
    return (
        gta.Region(sympy.And(within, first, sympy.Not(second)), params).is_empty()
        and gta.Region(sympy.And(within, second, sympy.Not(first)), params).is_empty()
    )


def build() -> Report:
    model = gta.load_model("probabilistic-commitment-bargaining")
    params = model.parameters
    sym = {n: p.symbol for n, p in params.items()}
    q, s, x_C, x_A = sym["q"], sym["s"], sym["x_C"], sym["x_A"]
    pi_D, pi_S, k_A, k_C = sym["pi_D"], sym["pi_S"], sym["k_A"], sym["k_C"]
    pi_q = q * pi_D + (1 - q) * pi_S
    report = Report(
        "probabilistic-commitment-bargaining",
        "A probabilistic commitment in crisis bargaining: derivation",
    )
    report.text(model.description)
    report.text(
        "Whose claim is which. Fearon's (1995) claims: the bargaining range "
        "[p - c_A, p + c_C] of settlements both sides prefer to war, and the take-it-or-leave-it "
        "proposer's settlement at its end of the range. Benson's (2012, ch. 5) claims: a "
        "probabilistic commitment shifts the range with the probability of intervention, and "
        "an intermediate probability both deters demands on the protege and restrains the "
        "protege. The tree, the fixed demands x_C and x_A and the chance move that gives the "
        "opportunity to revise are the toolkit's rendering; so are the exact thresholds below."
    )

    report.heading("Every SPE and its region")
    regions = spe_regions(model)
    report.table(
        ["SPE (choices)", "region"],
        [[eq.label, f"${r.latex()}$"] for eq, r in regions.items()],
    )

    report.heading("The bargaining range and the settlements as functions of q")
    demand_game = _subgame(model.game, "Challenger's turn")
    claim_game = _subgame(model.game, "Protege's turn")
    accept_demand = _informative(
        credibility(demand_game, "protege responds", "Accept demand", mode="some")
    )
    accept_claim = _informative(
        credibility(claim_game, "challenger responds", "Accept claim", mode="some")
    )
    low = sympy.expand(_boundary(accept_demand, "x_C"))
    high = sympy.expand(_boundary(accept_claim, "x_A"))
    report.text(
        "The protege accepts the challenger's demand (in some SPE of the demand subgame) "
        "exactly where"
    )
    report.math(threshold(accept_demand, "x_C").latex())
    report.text("and the challenger accepts the protege's claim exactly where")
    report.math(threshold(accept_claim, "x_A").latex())
    report.text(
        "So a challenger free to choose its demand (a take-it-or-leave-it offer) leaves the "
        "protege the share L(q) and a protege free to choose its claim obtains U(q):"
    )
    L, U = sympy.Symbol("L(q)"), sympy.Symbol("U(q)")
    report.math(sympy.Eq(L, sympy.collect(low, q)))
    report.math(sympy.Eq(U, sympy.collect(high, q)))
    report.claim(
        "(Fearon 1995) the protege's settlements are its expected war payoff minus its cost and "
        "plus the challenger's cost: L(q) = pi(q) - k_A, U(q) = pi(q) + k_C with "
        "pi(q) = q pi_D + (1 - q) pi_S, so the range has width k_A + k_C > 0 whatever q",
        sympy.expand(low - (pi_q - k_A)) == 0
        and sympy.expand(high - (pi_q + k_C)) == 0
        and sympy.expand(high - low - (k_A + k_C)) == 0,
        "L and U are read off the boundaries of the acceptance regions derived by the toolkit.",
    )
    slope_low, slope_high = sympy.diff(low, q), sympy.diff(high, q)
    within = sympy.And(*(cond for cond, _ in model.assumptions))
    sure, rest = positive_factors(slope_low, params, within)
    report.claim(
        "(Benson 2012) a likelier intervention shifts the whole bargaining range toward the "
        "protege: dL/dq = dU/dq = pi_D - pi_S > 0",
        slope_low == slope_high and rest == 1 and sure == pi_D - pi_S,
        f"dL/dq = ${sympy.latex(slope_low)}$, which the toolkit proves positive under pi_S < pi_D.",
    )

    report.heading("Deterrence and restraint: thresholds on q")
    no_demand = credibility(demand_game, "challenger", "No demand", mode="every")
    status_quo = credibility(claim_game, "protege", "Status quo", mode="every")
    report.text("The challenger makes no demand in every SPE of its subgame exactly where")
    report.math(no_demand.latex())
    report.text("and the protege presses no claim in every SPE of its subgame exactly where")
    report.math(status_quo.latex())
    deter_published = (x_C < pi_q - k_A) & (s < pi_q + k_C)
    restrain_published = (x_A > pi_q + k_C) & (s > pi_q - k_A)
    same_deter = _same_set(no_demand.condition, deter_published, params, within)
    same_restrain = _same_set(status_quo.condition, restrain_published, params, within)
    report.claim(
        "deterrence: the challenger makes no demand in every SPE exactly when the protege would "
        "fight it (x_C < L(q)) and the challenger prefers the status quo to that war "
        "(s < U(q)); restraint: the protege presses no claim exactly when the challenger would "
        "fight it (x_A > U(q)) and the protege prefers the status quo to that war (s > L(q))",
        same_deter and same_restrain,
        "Each derived region and the stated one differ nowhere under the assumptions (the toolkit's "
        "Region decides the symmetric difference is empty).",
    )
    delta = pi_D - pi_S
    q_deter = [(x_C + k_A - pi_S) / delta, (s - k_C - pi_S) / delta]
    q_restrain = [(x_A - k_C - pi_S) / delta, (s + k_A - pi_S) / delta]
    solved_deter = threshold(gta.Region(sympy.And(within, deter_published), params), "q")
    solved_restrain = threshold(gta.Region(sympy.And(within, restrain_published), params), "q")
    report.text("Solved for q (the toolkit's threshold), deterrence holds exactly where")
    report.math(solved_deter.latex())
    report.text("and restraint exactly where")
    report.math(solved_restrain.latex())
    gaps = [sympy.factor(b - a) for a in q_deter for b in q_restrain]
    numerators = [positive_factors(g, params, within)[1] for g in gaps]
    report.text(
        "Deterrence needs q above both lower thresholds, restraint q below both upper "
        "thresholds. The four differences (upper minus lower), with their factors the toolkit "
        "proves positive removed:"
    )
    report.table(
        ["upper - lower", "sign decided by"],
        [
            [f"${sympy.latex(g)}$", f"${sympy.latex(n)}$"]
            for g, n in zip(gaps, numerators, strict=True)
        ],
    )
    report.claim(
        "(Benson 2012, in the toolkit's rendering) a window of commitment probabilities that both "
        "deters and restrains exists exactly when the demand and the claim lie further apart than "
        "the costs of war, x_A - x_C > k_A + k_C: of the four differences between the upper and "
        "lower thresholds the toolkit proves three positive, the fourth has the sign of "
        "x_A - x_C - k_A - k_C",
        sorted(numerators, key=sympy.default_sort_key)
        == sorted([sympy.S.One] * 3 + [x_A - x_C - k_A - k_C], key=sympy.default_sort_key),
        "The window is then the open interval between the larger lower and the smaller upper "
        "threshold, intersected with [0, 1].",
    )

    report.heading("At the model's defaults: the window in q, ties included")
    values = {n: p.default for n, p in params.items() if n != "q"}
    report.text(
        "Other parameters at their defaults: "
        + ", ".join(f"{n} = {v}" for n, v in values.items())
        + ". Each SPE path of the subgame-perfect regions restricted to q:"
    )
    game = substitute_parameters(model.game, {n: as_number(v) for n, v in values.items()})
    good, bad, rows = [], [], []
    for eq, region in spe_regions(game).items():
        where = _q_set(region.condition, q)
        rows.append([eq.label, f"${sympy.latex(where)}$"])
        both = "Demand" not in eq.path and "Press claim" not in eq.path
        (good if both else bad).append(where)
    report.table(["SPE (choices)", "q"], rows)
    some = sympy.Union(*good)
    every = some - sympy.Union(*bad)
    quarter, three = sympy.Rational(1, 4), sympy.Rational(3, 4)
    report.claim(
        "(Benson 2012) at the defaults the commitment both deters and restrains in every SPE "
        "exactly for 1/4 < q < 3/4, and in some SPE for 1/4 <= q <= 3/4 (at each end players "
        "are indifferent and every SPE is reported); a sure commitment (q = 1) emboldens "
        "the protege, no commitment (q = 0) invites the demand",
        every == sympy.Interval.open(quarter, three) and some == sympy.Interval(quarter, three),
        f"Every SPE: ${sympy.latex(every)}$; some SPE: ${sympy.latex(some)}$.",
    )

    report.heading("Numeric check with the SPE solver")
    rows, agree = [], True
    for k in range(0, 21):
        qv = Fraction(k, 20)
        table = outcome_table(model, q=qv)
        ok = [r["deterrence"] and r["restraint"] for r in table]
        agree = agree and any(ok) == (sympy.Rational(qv) in some)
        agree = agree and all(ok) == (sympy.Rational(qv) in every)
        if qv in (0, quarter, Fraction(1, 2), three, 1):
            agree = agree and (len(table) > 1) == (qv in (quarter, three))
        rows.append([str(qv), len(table), "; ".join(", ".join(r["path"]) for r in table)])
    report.table(["q", "SPE", "paths"], rows)
    report.claim(
        "Toolkit's check: at q = 0, 1/20, ..., 1 the numeric solver's SPE deter and restrain "
        "(some, every) exactly where the derived sets say; at the ties q = 1/4 and q = 3/4 "
        "(where, at the defaults, two players are indifferent at once) it reports several SPE, "
        "at q = 0, 1/2 and 1 one",
        agree,
        "Exact rationals.",
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
