"""Reputation in the chain store (Kreps and Wilson 1982): the Weak incumbent fights to be thought Tough.

Published claim reproduced (Kreps and Wilson 1982; Milgrom and Roberts
1982): with a small prior probability q that the incumbent is Tough, the
chain store paradox disappears. In the sequential equilibrium an entrant with
k markets to go (its own included) enters if the incumbent's reputation is
below b^k and stays out if it is above; a Weak incumbent that is entered
fights with the probability that lifts its reputation after a fight to
b^(k-1) (for sure if its reputation is already at least that), and
acquiesces in the last market; acquiescing reveals it as Weak. Derived here
for two markets from ``models/chain-store-reputation.toml``: the thresholds,
the mixing probabilities and the posteriors are solved by sympy from the
model file's payoffs and Bayes' rule, and the resulting assessment is
certified exactly as a perfect Bayesian equilibrium (``Assessment.certify``)
at points in every region and on every boundary. The statement for any
number of markets is the source's; only its two-market instance is derived.

Run ``python proofs/chain_store_reputation.py`` to rewrite ``proofs/chain-store-reputation.md``.
"""

from fractions import Fraction
from pathlib import Path

import sympy

import gametheory_alliances as gta
from gametheory_alliances.report import Report
from gametheory_alliances.solvers.perfect_bayesian_trees import (
    Assessment,
    InfosetBelief,
    tree_perfect_bayesian_equilibria,
)

POINTS_B = (Fraction(1, 2), Fraction(1, 3), Fraction(3, 4))
POINTS_A = (Fraction(2), Fraction(5, 2))


def leaf(game, *path):
    """The payoff vector of the terminal node reached by ``path``."""
    for nd in game.nodes:
        if nd.path == tuple(path):
            return nd.payoffs
    raise KeyError(path)


def derive(model):
    """The two-market Kreps-Wilson closed form, solved from the model file's payoffs."""
    game = model.game
    q, b, a = (model.parameters[k].symbol for k in ("q", "b", "a"))
    inc, e1, e2 = 0, 1, 2
    mu, beta, s = sympy.symbols("mu beta s", nonnegative=True)
    out = {}
    # The last market: each type's choice after entry, after every first-market history.
    last = {}
    for t in ("Tough", "Weak"):
        for h in (("Stay out",), ("Enter", "Fight"), ("Enter", "Acquiesce")):
            gain = sympy.simplify(
                leaf(game, t, *h, "Enter", "Fight")[inc]
                - leaf(game, t, *h, "Enter", "Acquiesce")[inc]
            )
            last[(t, h)] = gain
    out["last"] = last
    # Entrant 2 with belief mu that the incumbent is Tough (Tough fights, Weak acquiesces).
    h = ("Enter", "Fight")
    enter2 = (
        mu * leaf(game, "Tough", *h, "Enter", "Fight")[e2]
        + (1 - mu) * leaf(game, "Weak", *h, "Enter", "Acquiesce")[e2]
        - leaf(game, "Tough", *h, "Stay out")[e2]
    )
    out["enter2"] = sympy.simplify(enter2)
    out["threshold2"] = sympy.solve(sympy.Eq(enter2, 0), mu)
    # The Weak incumbent in market 1: fight (then entrant 2 stays out with probability s)
    # against acquiesce (revealed Weak: entrant 2 enters, the Weak incumbent acquiesces).
    fight = (
        s * leaf(game, "Weak", "Enter", "Fight", "Stay out")[inc]
        + (1 - s) * leaf(game, "Weak", "Enter", "Fight", "Enter", "Acquiesce")[inc]
    )
    acquiesce = leaf(game, "Weak", "Enter", "Acquiesce", "Enter", "Acquiesce")[inc]
    out["weak_gain"] = sympy.simplify(fight - acquiesce)
    out["s"] = sympy.solve(sympy.Eq(fight, acquiesce), s)
    # Bayes' rule after a fight when the Weak incumbent fights with probability beta.
    posterior = q / (q + (1 - q) * beta)
    out["posterior"] = posterior
    out["beta"] = sympy.solve(sympy.Eq(posterior, out["threshold2"][0]), beta)
    # Entrant 1: the probability of a fight and its gain from entering.
    beta_star = out["beta"][0]
    p_fight = sympy.simplify(q + (1 - q) * beta_star)
    out["p_fight"] = p_fight
    enter1 = (
        q * leaf(game, "Tough", "Enter", "Fight", "Stay out")[e1]
        + (1 - q)
        * (
            beta_star * leaf(game, "Weak", "Enter", "Fight", "Stay out")[e1]
            + (1 - beta_star) * leaf(game, "Weak", "Enter", "Acquiesce", "Stay out")[e1]
        )
        - leaf(game, "Tough", "Stay out", "Stay out")[e1]
    )
    out["enter1"] = sympy.simplify(enter1)
    out["threshold1"] = [r for r in sympy.solve(sympy.Eq(enter1, 0), q) if r.is_positive]
    out["symbols"] = (q, b, a)
    out["mu"], out["beta_symbol"] = mu, beta
    return out


def kreps_wilson(game, q, b, a, enter_at_tie=True):
    """The two-market Kreps-Wilson assessment at one point, with its beliefs.

    Behaviour from the closed form derived in :func:`derive` (checked there);
    on the path the beliefs are left to ``certify`` to compare with Bayes'
    rule, off the path they are the limits of the strategies (the prior after
    entrant 1 stays out, the threshold b after an unexpected fight, Weak after
    an acquiescence).
    """
    weak_fights = Fraction(1) if q >= b else q * (1 - b) / (b * (1 - q))
    after_fight = max(q, b)
    enter1 = q < b * b or (q == b * b and enter_at_tie)
    stay_after_fight = Fraction(1) if after_fight > b else 1 / a
    stay_after_out = Fraction(1) if q > b else Fraction(0)
    choice = {
        "Entrant 1": (Fraction(0), Fraction(1)) if enter1 else (Fraction(1), Fraction(0)),
        "Entrant 2 after Stay out": (stay_after_out, 1 - stay_after_out),
        "Entrant 2 after Enter > Fight": (stay_after_fight, 1 - stay_after_fight),
        "Entrant 2 after Enter > Acquiesce": (Fraction(0), Fraction(1)),
        "weak incumbent in market 1": (weak_fights, 1 - weak_fights),
    }
    belief_of = {
        "Entrant 2 after Stay out": q,
        "Entrant 2 after Enter > Fight": after_fight,
        "Entrant 2 after Enter > Acquiesce": Fraction(0),
        "Entrant 1": q,
    }
    profile = []
    for h in game.infosets:
        if h.label in choice:
            profile.append(tuple(Fraction(x) for x in choice[h.label]))
        elif h.label.startswith("tough"):
            profile.append((Fraction(1), Fraction(0)))
        else:
            profile.append((Fraction(0), Fraction(1)))
    reach = [Fraction(0)] * len(game.nodes)
    reach[0] = Fraction(1)
    for k, nd in enumerate(game.nodes):
        if nd.kind == "terminal":
            continue
        weights = (
            [Fraction(str(p)) for p in nd.probs] if nd.kind == "chance" else profile[nd.infoset]
        )
        for w, c in zip(weights, nd.children, strict=True):
            reach[c] = reach[k] * w
    beliefs = []
    for h in game.infosets:
        names = tuple(" > ".join(game.nodes[x].path) for x in h.nodes)
        mass = sum(reach[x] for x in h.nodes)
        if len(h.nodes) == 1:
            vertex: tuple[Fraction, ...] = (Fraction(1),)
        else:
            tough = belief_of[h.label]
            vertex = (tough, 1 - tough)
        interval = (vertex[0], vertex[0]) if len(h.nodes) == 2 else None
        beliefs.append(InfosetBelief(h.label, names, mass > 0, (vertex,), interval))
    payoffs = tuple(
        sum(
            (
                reach[k] * Fraction(str(v))
                for k, nd in enumerate(game.nodes)
                if nd.kind == "terminal"
                for i, v in enumerate(nd.payoffs)
                if i == j
            ),
            Fraction(0),
        )
        for j in range(len(game.players))
    )
    return Assessment(game, tuple(profile), tuple(beliefs), payoffs, True, "Kreps-Wilson")


def build() -> Report:
    model = gta.load_model("chain-store-reputation")
    report = Report("chain-store-reputation", "Reputation in the chain store: derivation")
    report.text(model.description)
    d = derive(model)
    q, b, a = d["symbols"]

    report.heading("The last market")
    report.table(
        ["type", "first-market history", "fight minus acquiesce (incumbent)"],
        [[t, " > ".join(h), f"${sympy.latex(g)}$"] for (t, h), g in d["last"].items()],
    )
    report.claim(
        "Source's claim (backward induction in the last market): the Tough incumbent fights "
        "and the Weak one acquiesces, after every history",
        all((g > 0) if t == "Tough" else (g < 0) for (t, _), g in d["last"].items()),
        "The differences are constants read off the model file's leaves.",
    )
    report.text("Entrant 2's gain from entering, with belief mu that the incumbent is Tough:")
    report.math(d["enter2"])
    report.claim(
        "Source's claim: with one market to go the entrant enters exactly when the reputation "
        "is below b^1",
        d["threshold2"] == [b] and sympy.simplify(d["enter2"].subs(d["mu"], 0) - b) == 0,
        f"The gain is {d['enter2']}, zero at mu = {d['threshold2']}, positive below it.",
    )

    report.heading("The first market")
    report.text(
        "The Weak incumbent's gain from fighting rather than acquiescing, when entrant 2 stays "
        "out after a fight with probability s:"
    )
    report.math(d["weak_gain"])
    report.text("Bayes' rule after a fight, the Weak incumbent fighting with probability beta:")
    report.math(d["posterior"])
    report.table(
        ["quantity", "closed form"],
        [
            [
                "entrant 2's staying-out probability after a fight (Weak indifferent)",
                f"${sympy.latex(d['s'][0])}$",
            ],
            [
                "the Weak incumbent's fighting probability (posterior b)",
                f"${sympy.latex(d['beta'][0])}$",
            ],
            ["the probability entrant 1 is fought", f"${sympy.latex(d['p_fight'])}$"],
            ["entrant 1's gain from entering", f"${sympy.latex(d['enter1'])}$"],
            [
                "entrant 1's threshold on q",
                ", ".join(f"${sympy.latex(r)}$" for r in d["threshold1"]),
            ],
        ],
    )
    report.claim(
        "Source's claim: a Weak incumbent entered in market 1 fights with the probability "
        "q (1 - b) / ((1 - q) b), which lifts its reputation after a fight to b, and entrant 2 "
        "then stays out with probability 1/a",
        sympy.simplify(d["beta"][0] - q * (1 - b) / ((1 - q) * b)) == 0
        and sympy.simplify(d["s"][0] - 1 / a) == 0,
        "Solved by sympy from the indifference conditions.",
    )
    report.claim(
        "Source's claim: with two markets to go the entrant enters exactly when the reputation "
        "is below b^2 (the probability of a fight is q / b)",
        d["threshold1"] == [b**2] and sympy.simplify(d["p_fight"] - q / b) == 0,
        f"Entrant 1's gain is {d['enter1']}: zero at q = b^2, positive below.",
    )
    report.claim(
        "Source's claim: the reputation rises after a fight and falls to zero after an "
        "acquiescence: the posterior after a fight is max(q, b) >= q",
        sympy.simplify(d["posterior"].subs(d["beta_symbol"], d["beta"][0]) - b) == 0
        and sympy.simplify(d["posterior"].subs(d["beta_symbol"], 1) - q) == 0,
        "With the mixing probability the posterior is b (above q when q < b); when q >= b "
        "the Weak incumbent fights for sure and the posterior is the prior.",
    )

    report.heading("The assessment is a perfect Bayesian equilibrium")
    rows = []
    certified = True
    points = 0
    for bb in POINTS_B:
        for aa in POINTS_A:
            for qq in (
                Fraction(0),
                bb * bb / 2,
                bb * bb,
                (bb * bb + bb) / 2,
                bb,
                (bb + 1) / 2,
                Fraction(1),
            ):
                game = model.at(q=qq, b=bb, a=aa)
                ties = (True, False) if qq == bb * bb else (True,)
                for tie in ties:
                    eq = kreps_wilson(game, qq, bb, aa, tie)
                    cert = eq.certify()
                    certified = certified and cert.ok
                    points += 1
                    if aa == POINTS_A[0] and bb == POINTS_B[0]:
                        rows.append(
                            [
                                str(qq),
                                "enter" if eq.profile[0][1] else "stay out",
                                str(eq.behaviour["weak incumbent in market 1"]["Fight"]),
                                str(eq.behaviour["Entrant 2 after Enter > Fight"]["Stay out"]),
                                "yes" if cert.ok else "NO",
                            ]
                        )
    report.text(
        f"At b = {POINTS_B[0]}, a = {POINTS_A[0]} (the table) and at every b in "
        f"{', '.join(map(str, POINTS_B))}, a in {', '.join(map(str, POINTS_A))}, at q = 0, "
        "b^2 / 2, b^2 (both of entrant 1's choices at the tie), (b^2 + b) / 2, b, (b + 1) / 2 "
        "and 1, the closed-form assessment is built and re-checked exactly by "
        "Assessment.certify (sequential rationality at every information set against every "
        "continuation plan, Bayes' rule on the path)."
    )
    report.table(
        [
            "q",
            "entrant 1",
            "Weak fights in market 1",
            "entrant 2 stays out after a fight",
            "certified",
        ],
        rows,
    )
    report.claim(
        "the Kreps-Wilson assessment is a perfect Bayesian equilibrium in every region and on "
        "every boundary checked",
        certified,
        f"{points} assessments certified exactly.",
    )

    report.heading("What the enumeration of perfect Bayesian equilibria finds")
    high = model.at(q=Fraction(3, 4), b=Fraction(1, 2), a=2)
    found = tree_perfect_bayesian_equilibria(high, mixed=False)
    kw = kreps_wilson(high, Fraction(3, 4), Fraction(1, 2), Fraction(2))
    report.text(
        "Where the reputation is high (q = 3/4 > b = 1/2) the Kreps-Wilson equilibrium is pure, "
        "and the solver's enumeration of every pure weak perfect Bayesian equilibrium lists it:"
    )
    report.code("\n".join(repr(eq) for eq in found))
    report.claim(
        "Toolkit's check: at q > b the enumeration of pure perfect Bayesian equilibria contains "
        "the Kreps-Wilson profile (entrant 1 stays out, a Weak incumbent would fight)",
        any(eq.profile == kw.profile for eq in found),
        f"{len(found)} pure equilibria enumerated; one has the Kreps-Wilson behaviour at every "
        "information set.",
    )
    low = model.at(q=Fraction(1, 10), b=Fraction(1, 2), a=2)
    found = tree_perfect_bayesian_equilibria(low, mixed=False)
    report.text(
        "Below b^2 (q = 1/10, b = 1/2) the Kreps-Wilson equilibrium mixes at two information "
        "sets (the Weak incumbent in market 1 and entrant 2 after a fight), which the solver "
        "does not enumerate (it lists the pure equilibria and those in which one information "
        "set mixes), so it is certified above instead. The pure weak equilibria it does list "
        "deter entrant 1 with a belief after a fight that the strategies do not give:"
    )
    report.code("\n".join(repr(eq) for eq in found))
    inconsistent = True
    for eq in found:
        k = [h.label for h in low.infosets].index("Entrant 2 after Enter > Fight")
        weak = [h.label for h in low.infosets].index("weak incumbent in market 1")
        lo = eq.beliefs[k].interval[0]
        fights = eq.profile[weak][0]
        consistent = (
            Fraction(1, 10) / (Fraction(1, 10) + Fraction(9, 10) * fights) if fights else None
        )
        inconsistent = inconsistent and (
            eq.profile[0] == (1, 0) and consistent is not None and consistent < lo
        )
    report.claim(
        "Toolkit's check: at q < b^2 every pure weak perfect Bayesian equilibrium keeps entrant 1 "
        "out only with an off-path belief after a fight above what the Weak incumbent's own "
        "strategy implies (so none is a sequential equilibrium, and reputation, not an "
        "arbitrary belief, is what the Kreps-Wilson equilibrium rests on)",
        bool(found) and inconsistent,
        "In each, entrant 1 stays out, the Weak incumbent fights for sure, so the limit belief "
        "after a fight is the prior 1/10, below the interval's lower end b = 1/2.",
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
