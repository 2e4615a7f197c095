"""Audience costs with a continuum of resolve: leaders do not bluff.

Published claim reproduced (Fearon 1997, first result): with audience costs
(tied hands), leaders do not bluff: in equilibrium every type that creates an
audience cost stands firm if challenged. There is a threshold type: the types
above it tie their hands, the types below send nothing and back down if
challenged. Derived symbolically with sympy and the toolkit's Region from
``models/audience-costs-continuum.toml`` (one type's decision problem) and the
challenger's payoffs: the challenge probability, the threshold type
v* = z c_D and the signal a* = c_D (1 - z), every type's incentives, the
equilibrium's survival under the D1 refinement, and the absence of bluffing in
every equilibrium that survives D1. The challenger's private war cost and the
D1 argument are the toolkit's rendering; the two-type model ``audience-costs``
(one signal size, one strategic challenger type) has bluffing equilibria that
survive the Intuitive Criterion (shown in its own report).

Run ``python proofs/audience_costs_continuum.py`` to rewrite ``proofs/audience-costs-continuum.md``.
"""

import sys
from pathlib import Path

import sympy

import gametheory_alliances as gta
from gametheory_alliances.parameters import Parameter
from gametheory_alliances.report import Report

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _helpers import conjuncts, normal_atom


def leaf(game, *path):
    """The defender's payoff at the terminal node reached by ``path``."""
    for nd in game.nodes:
        if nd.path == tuple(path):
            return nd.payoffs[0]
    raise KeyError(path)


SPLIT = (Parameter("t", "positive"), Parameter("u", "positive"))


def never(condition, params):
    """Whether ``condition`` (a conjunction) holds nowhere on the parameters' domains.

    The toolkit's Region decides it after two rewritings that keep the set
    the same: c_D and z are replaced by t = z c_D and u = (1 - z) c_D (a
    bijection of c_D > 0, 0 < z < 1 onto t, u > 0, which makes the products
    z c_D linear), and each comparison loses the factors of known sign under
    the others (so a quotient such as t (u - a_1)/((t + a_1)(t + u)) is
    decided by u - a_1).
    """
    t, u = (x.symbol for x in SPLIT)
    subs = {params["c_D"].symbol: t + u, params["z"].symbol: t / (t + u)}
    table = {k: x for k, x in params.items() if k not in ("c_D", "z")}
    table.update({x.name: x for x in SPLIT})
    rewritten = condition.xreplace(subs)
    if rewritten is sympy.false:
        return True
    atoms = conjuncts(rewritten)
    if atoms is None:
        return gta.Region(rewritten, table).is_empty()
    atoms = [type(x)(sympy.together(x.lhs - x.rhs), 0) for x in atoms]
    if sympy.false in atoms:
        return True
    atoms = [x for x in atoms if x is not sympy.true]
    within = sympy.And(*atoms)
    normal = [normal_atom(x, table, within) for x in atoms]
    return gta.Region(sympy.And(*normal), table).is_empty()


def build() -> Report:
    model = gta.load_model("audience-costs-continuum")
    game = model.game
    params = dict(model.parameters)
    v, c_D, z, a = (params[k].symbol for k in ("v", "c_D", "z", "a"))
    report = Report(
        "audience-costs-continuum", "Audience costs with a continuum of resolve: derivation"
    )
    report.text(model.description)

    # -- the challenger ---------------------------------------------------------------
    report.heading("The challenger's probability of challenging")
    phi_p = Parameter("phi", "(0, 1]")
    b_p = Parameter("b", "positive")
    k_p = Parameter("k", "[0, 1]")
    phi, b, k = phi_p.symbol, b_p.symbol, k_p.symbol
    gain = (1 - phi) * b - phi * k
    cutoff = sympy.solve(sympy.Eq(gain, 0), k)[0]
    report.text(
        "Toolkit's rendering of Fearon's challenger: a strategic challenger gains b if the "
        "defender backs down and loses its war cost k, private and uniform on [0, 1], if it "
        "fights. Believing that the defender fights with probability phi, it challenges when "
        "its gain is positive, that is when k is below"
    )
    report.math("k^* = " + sympy.latex(cutoff))
    strategic = sympy.Min(1, cutoff)
    challenge = z + (1 - z) * strategic
    report.text(
        "so, with the aggressive challenger (probability z), the defender is challenged with "
        "probability"
    )
    report.math(r"P(\phi) = " + sympy.latex(challenge))
    slope = sympy.diff(cutoff, phi)
    p_params = {**params, "phi": phi_p, "b": b_p}
    report.claim(
        "Toolkit's rendering: the probability of a challenge falls strictly as the challenger "
        "believes the defender more likely to fight (where it is below 1), is 1 against a "
        "defender sure to back down, and z against one sure to fight",
        never(slope >= 0, p_params)
        and never((cutoff < 1) & (phi <= b / (1 + b)), p_params)
        and sympy.simplify(challenge.subs(phi, 1) - z) == 0
        and never((cutoff <= 0) & (phi < 1), p_params),
        f"d k*/d phi = {slope} < 0; k* >= 1 (so P = 1) for phi <= b/(1 + b); P(1) = z; and "
        "P(phi) > z for every phi < 1.",
    )

    # -- one type's decision --------------------------------------------------------------
    report.heading("One type's decision (the model file)")
    fight_s = leaf(game, "Tie hands", "Challenged", "Fight")
    back_s = leaf(game, "Tie hands", "Challenged", "Back down")
    fight_n = leaf(game, "No signal", "Fight")
    back_n = leaf(game, "No signal", "Back down")
    quiet = leaf(game, "Tie hands", "Not challenged")
    commit = sympy.solve(sympy.Eq(fight_s, back_s), v)[0]
    report.text(
        "A challenged defender that tied its hands fights when fighting pays at least backing "
        "down, that is when v is at least"
    )
    report.math(r"v_{\mathrm{fight}}(a) = " + sympy.latex(commit))
    report.claim(
        "Source's claim: an audience cost commits: a type that tied its hands with cost a "
        "fights exactly when v >= c_D - a, and without a signal exactly when v >= c_D",
        sympy.simplify(commit - (c_D - a)) == 0
        and sympy.simplify(sympy.solve(sympy.Eq(fight_n, back_n), v)[0] - c_D) == 0,
        f"Fight minus back down: {sympy.simplify(fight_s - back_s)} after the signal, "
        f"{sympy.simplify(fight_n - back_n)} without it.",
    )

    # -- the threshold equilibrium ---------------------------------------------------------
    report.heading("The threshold equilibrium")
    vhat_p = Parameter("vhat", "nonnegative")
    vhat = vhat_p.symbol
    p_signal = challenge.subs(phi, 1)  # the signallers are exactly the types that fight
    # The others all back down (phi = 0): every strategic challenger challenges (k* >= 1).
    p_none = sympy.simplify(z + (1 - z) * 1)
    report.text(
        "Candidate: the types v >= vhat tie their hands with a = c_D - vhat, exactly enough "
        "to make every one of them fight; the types below vhat < c_D send nothing and back "
        f"down. The challenger then believes a signaller sure to fight (challenge probability "
        f"{p_signal}) and a non-signaller sure to back down ({p_none})."
    )

    a_of = c_D - vhat
    # vhat < c_D: the threshold type backs down without a signal and is indifferent after it.
    indifference = sympy.simplify(
        (1 - p_signal) * quiet.subs(v, vhat)
        + p_signal * back_s.subs(a, a_of)
        - ((1 - p_none) * vhat + p_none * back_n)
    )
    v_star = sympy.solve(sympy.Eq(indifference, 0), vhat)
    a_star = sympy.simplify(a_of.subs(vhat, v_star[0]))
    report.text("The threshold type's gain from tying its hands, and its root:")
    report.math(r"U_s(\hat v) - U_0(\hat v) = " + sympy.latex(indifference))
    report.math(sympy.Eq(sympy.Symbol("v^*"), v_star[0]))
    report.math(sympy.Eq(sympy.Symbol("a^*"), a_star))
    report.claim(
        "Toolkit's rendering of Fearon's threshold type: v* = z c_D, with the audience cost "
        "a* = c_D (1 - z), and v* < c_D",
        v_star == [z * c_D]
        and sympy.simplify(a_star - c_D * (1 - z)) == 0
        and never(z * c_D >= c_D, params),
        "Solved by sympy from the threshold type's indifference.",
    )
    # Each type's gain from the signal a* over no signal, piece by piece.
    rows = []
    pieces = [
        ("v < v*", (v < z * c_D), "< 0"),
        ("v* <= v < c_D", (v >= z * c_D) & (v < c_D), ">= 0"),
        ("v >= c_D", (v >= c_D), "> 0"),
    ]
    ok = True
    for name, where, sign in pieces:
        # On each piece the maxima are resolved by the piece's own inequalities.
        fights_s = bool(never(where & (v < c_D - a_star), params))
        fights_n = bool(never(where & (v < c_D), params))
        u_s = (1 - p_signal) * quiet + p_signal * (fight_s if fights_s else back_s.subs(a, a_star))
        u_n = (1 - p_none) * v + p_none * (fight_n if fights_n else back_n)
        diff = sympy.factor(sympy.simplify(u_s - u_n))
        bad = {"< 0": diff >= 0, ">= 0": diff < 0, "> 0": diff <= 0}[sign]
        holds = never(where & bad, params)
        ok = ok and holds
        rows.append(
            [
                name,
                "fight" if fights_s else "back down",
                "fight" if fights_n else "back down",
                f"${sympy.latex(diff)}$",
                sign,
                "yes" if holds else "NO",
            ]
        )
    report.table(
        [
            "types",
            "challenged after a*",
            "challenged without a signal",
            "gain from a* over no signal",
            "sign needed",
            "holds on the domain",
        ],
        rows,
    )
    report.claim(
        "Toolkit's rendering: the threshold strategy is each type's best reply: the types "
        "below v* lose by tying their hands, the types above gain",
        ok,
        "Each sign decided by the toolkit's Region over the whole domain of each piece.",
    )
    report.claim(
        "Source's claim (Fearon 1997): leaders do not bluff: every type that ties its hands "
        "(v >= v*) fights if challenged, since the types that tie their hands and the types "
        "that fight at a* are the same set",
        sympy.simplify((c_D - a_star) - v_star[0]) == 0,
        "c_D - a* - v* simplifies to 0: the lowest signalling type is the lowest fighting type.",
    )

    # -- D1 -------------------------------------------------------------------------------------
    report.heading("The threshold equilibrium survives D1")
    ap_p = Parameter("a_1", "nonnegative")
    ap = ap_p.symbol
    d_params = {**params, "a_1": ap_p}
    equilibrium_value = {  # each type's equilibrium payoff, piece by piece
        "low": (v < z * c_D, sympy.S.Zero),
        "high": (v >= z * c_D, v - z * c_D),
    }
    # A deviation to a_1 < a*: the challenge probability P1 that makes it profitable is below
    # T(v) = (v - U*(v)) / (v - min payoff) for each type; D1 puts the belief on the types
    # with the largest T.
    t_bluff_low = v / (v + ap)  # v < v*, backs down at a_1
    t_bluff_high = (v - equilibrium_value["high"][1]) / (v + ap)  # v* <= v < c_D - a_1
    t_fight = (v - equilibrium_value["high"][1]) / c_D  # v >= c_D - a_1: fights at a_1
    at_threshold = sympy.simplify(t_bluff_low.subs(v, z * c_D))
    below = (ap < c_D * (1 - z)) & (ap > 0)
    d1_ok = (
        never((sympy.diff(t_bluff_low, v) <= 0) & below, d_params)
        and never((sympy.diff(t_bluff_high, v) >= 0) & below, d_params)
        and sympy.simplify(t_bluff_high.subs(v, z * c_D) - at_threshold) == 0
        and sympy.simplify(t_fight - z) == 0
        and never((at_threshold <= z) & below, d_params)
    )
    # Above a*: challenged at least with probability z; fighting gives at most v - z c_D and
    # backing down at most v - z (v + a_1). The signallers (v >= v*) and a non-signaller's fight
    # are linear after the rewriting of never(); a non-signaller's backing down is decided with
    # v = v* - e and a_1 = a* + f (e, f > 0), where it is a sum of negative terms.
    above = ap > c_D * (1 - z)
    t, u = (x.symbol for x in SPLIT)
    e_p, f_p = Parameter("e", "positive"), Parameter("f", "positive")
    low_back = sympy.together(
        (v - z * (v + ap))
        .xreplace({c_D: t + u, z: t / (t + u)})
        .xreplace({v: t - e_p.symbol, ap: u + f_p.symbol})
    )
    numer, denom = sympy.fraction(low_back)
    signs = {x.name: x for x in (*SPLIT, e_p, f_p)}
    above_ok = (
        never((v - z * c_D > v - z * c_D) & (v >= z * c_D) & above, d_params)
        and never((v - z * (v + ap) > v - z * c_D) & (v >= z * c_D) & above, d_params)
        and never((v - z * c_D > 0) & (v < z * c_D) & above, d_params)
        and gta.Region(sympy.expand(numer) >= 0, signs).is_empty()
        and gta.Region(denom <= 0, signs).is_empty()
    )
    report.text(
        "After an audience cost a_1 below a*, a type gains from deviating if the challenge "
        "probability is below its T(v): v/(v + a_1) for v < v*, z c_D/(v + a_1) for "
        "v* <= v < c_D - a_1 (both back down at a_1), and z for v >= c_D - a_1 (they fight). "
        "The largest is at the threshold type:"
    )
    report.math("T(v^*) = " + sympy.latex(at_threshold))
    report.claim(
        "Toolkit's rendering: under D1 an audience cost below a* is attributed to the "
        "threshold type v*, who would back down at it, so it is challenged for sure and no "
        "type gains; an audience cost above a* gains no type anything (the challenge "
        "probability cannot fall below z)",
        d1_ok
        and all(
            never(worse & where & below, d_params)
            for where, value in equilibrium_value.values()
            for worse in (v - c_D > value, -ap > value)
        )
        and above_ok,
        "T rises on v < v*, falls on v* <= v < c_D - a_1, equals z for the fighters, and "
        "T(v*) = z c_D/(z c_D + a_1) > z exactly when a_1 < a*; challenged for sure, every "
        "type's payoff max(v - c_D, -a_1) is at most its equilibrium payoff; above a*, challenged "
        "with probability z (the least there is), fighting gives v - z c_D and backing down "
        "v - z (v + a_1), neither above any type's equilibrium payoff.",
    )

    # -- no bluffing under D1 --------------------------------------------------------------
    report.heading("No equilibrium that survives D1 has bluffing")
    pa_p, a0_p = Parameter("P_a", "(0, 1]"), Parameter("a_0", "positive")
    pa, a0 = pa_p.symbol, a0_p.symbol
    b_params = {**params, "P_a": pa_p, "a_0": a0_p, "a_1": ap_p}
    up = (ap > a0) & (v + a0 > 0)
    bluffer_bound = pa * (v + a0) / (v + ap)
    report.text(
        "Suppose some positive audience cost a_0 is sent by a pool that contains bluffers "
        "(types below c_D - a_0, who back down) and is challenged with probability P_a. If "
        "the pool held only bluffers, the challenger would be sure they back down and "
        "challenge for sure, and a bluffer would pay a_0 for nothing (payoff -a_0 < 0, "
        "what no signal guarantees at least). So the pool has fighters, the challenger's "
        "belief that it fights is below 1, and P_a > z. Now take a slightly larger cost "
        "a_1 > a_0. A fighter of the pool gains from it if it is challenged with probability "
        "below P_a; a bluffer of the pool only if below"
    )
    report.math(bluffer_bound)
    report.claim(
        "Toolkit's rendering of Fearon's argument: a bluffer's bound is strictly below a "
        "fighter's (P_a), so D1 attributes the larger audience cost to types that fight at "
        "it; they are then challenged only by the aggressive challenger (z < P_a) and the "
        "pool's fighters deviate: no equilibrium that survives D1 has a bluff",
        never((bluffer_bound >= pa) & up, b_params) and never((-a0 >= 0), b_params),
        "P_a (v + a_0)/(v + a_1) < P_a whenever a_1 > a_0, decided by the toolkit; "
        "a pool of bluffers alone pays -a_0 < 0.",
    )
    report.text(
        "The two-type model audience-costs differs: its signal has one fixed size and its "
        "strategic challenger one type, which is deterred outright once the belief passes a "
        "threshold; there the fighters cannot separate by raising the cost, and its "
        "semi-separating equilibria, in which the irresolute type ties its hands and backs "
        "down if challenged, are bluffs that survive the Intuitive Criterion (see its report)."
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
