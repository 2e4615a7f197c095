"""Extended deterrence with a privately informed defender: the credibility threshold on p_D.

Published claim reproduced (Zagare and Kilgour 2000): when the defender's type
is private, a Hard challenger is deterred exactly when the defender is likely
enough to be Hard, p_D >= (c_DC - c_SQ) / (c_DC - c_DD); below the threshold it
challenges, and a Soft defender concedes while a Hard one fights.

The threshold is derived in closed form: the crisis that follows a challenge is
a signalling game (the defender's type drawn by chance, Concede or Resist as its
message, the challenger's response), so ``pbe_regions`` gives its perfect
Bayesian equilibria with their regions and the challenger's continuation payoff,
and ``threshold`` solves "the status quo is at least that payoff" for p_D. The
numeric SPE solver on ``models/extended-deterrence-one-sided.toml`` at exact
values of p_D checks the same threshold independently.

Run ``python proofs/extended_deterrence_one_sided.py`` to rewrite
``proofs/extended-deterrence-one-sided.md``.
"""

from fractions import Fraction
from pathlib import Path

import sympy

import gametheory_alliances as gta
from gametheory_alliances.predicates import outcome_table
from gametheory_alliances.report import Report
from gametheory_alliances.sequential import Chance, Decision, SequentialGame, Terminal
from gametheory_alliances.symbolic import Region, threshold
from gametheory_alliances.symbolic.signalling import pbe_regions


def crisis_subgame(model: gta.Model) -> SequentialGame:
    """The game after a challenge, written as a signalling game.

    A concession ends the crisis; to give the challenger a move after every
    message, as a signalling game requires, it is followed by the challenger's
    single action "Take concession", which changes no one's options or payoffs.
    """
    game = model.game
    nature = game.root.actions["Challenge"]

    def with_receiver(node: Decision) -> Decision:
        actions = {
            label: Decision(
                "Challenger", {"Take concession": child}, infoset="Challenger after Concede"
            )
            if isinstance(child, Terminal)
            else child
            for label, child in node.actions.items()
        }
        return Decision(node.player, actions, infoset=node.infoset, label=node.label)

    root = Chance({t: (p, with_receiver(d)) for t, (p, d) in nature.outcomes.items()})
    return SequentialGame(root, players=game.players, parameters=game.parameters)


def derive_threshold(model: gta.Model, report: Report) -> bool:
    """Derive the deterrence threshold on p_D in closed form; True if it is the published one."""
    s = {n: p.symbol for n, p in model.parameters.items()}
    hard_challenger = s["c_DD"] > s["c_CD"]
    # Deterrence is a question only for a challenger that prefers the defender's concession
    # to conflict; otherwise challenging beats the status quo whatever p_D.
    prefers_concession = s["c_DC"] > s["c_DD"]
    assumptions = [cond for cond, _ in model.assumptions] + [hard_challenger, prefers_concession]
    regions = pbe_regions(crisis_subgame(model), assumptions=assumptions, mixed=True)
    report.heading("The crisis after a challenge, in closed form")
    report.text(
        "With a Hard challenger (c_DD > c_CD) that prefers a concession to conflict "
        "(c_DC > c_DD) added to the model's assumptions, the perfect "
        "Bayesian equilibria of the crisis subgame and their regions are:"
    )
    for reg in regions:
        report.text(f"{reg.label()}: challenger's continuation payoff")
        report.math(reg.payoffs["receiver"])
        report.math(reg.region.condition)
    # For a Hard challenger Fight strictly dominates Back down after Resist (its payoffs do not
    # depend on the defender's type), so the crisis should have exactly one equilibrium.
    unique = len(regions) == 1
    (crisis,) = list(regions)[:1] or [None]
    if crisis is None:
        return False
    stay = Region(
        sympy.And(s["c_SQ"] >= crisis.payoffs["receiver"], crisis.region.condition),
        crisis.region.parameters,
    )
    solved = threshold(stay, "p_D")
    report.text("The challenger keeps the status quo where c_SQ is at least that payoff:")
    report.math(solved.condition)
    published = (s["c_DC"] - s["c_SQ"]) / (s["c_DC"] - s["c_DD"])
    bounds = [
        atom.rhs
        for atom in solved.condition.atoms(sympy.Rel)
        if atom.lhs == s["p_D"] and isinstance(atom, sympy.GreaterThan)
    ]
    same = len(bounds) == 1 and sympy.simplify(bounds[0] - published) == 0
    report.claim(
        "the deterrence threshold, derived in closed form, is p_D >= (c_DC - c_SQ) / (c_DC - c_DD)",
        unique and same and crisis.classification == "separating",
        "pbe_regions finds one equilibrium of the crisis for a Hard challenger (Hard D resists, "
        "Soft D concedes, C fights), threshold solves the status-quo condition for p_D, and sympy "
        "checks that the bound equals the published one.",
    )
    return unique and same


def build() -> Report:
    model = gta.load_model("extended-deterrence-one-sided")
    report = Report(
        "extended-deterrence-one-sided", "Extended deterrence, a private defender type: derivation"
    )
    report.text(model.description)
    d = {n: Fraction(str(p.default)) for n, p in model.parameters.items()}
    threshold = (d["c_DC"] - d["c_SQ"]) / (d["c_DC"] - d["c_DD"])
    report.text(
        "Defaults: "
        + ", ".join(f"{n} = {p.default}" for n, p in model.parameters.items())
        + f". The published threshold at these values is (c_DC - c_SQ) / (c_DC - c_DD) = "
        f"{threshold}."
    )
    rows = []
    agree = True
    for k in range(21):
        p_d = Fraction(k, 20)
        table = outcome_table(model, p_D=p_d)
        deterred = [r["deterrence"] for r in table]
        paths = sorted({", ".join(r["path"]) for r in table})
        rows.append(
            [
                str(p_d),
                "; ".join(paths),
                "every" if all(deterred) else "some" if any(deterred) else "none",
            ]
        )
        agree = agree and any(deterred) == (p_d >= threshold)
        agree = agree and all(deterred) == (p_d > threshold)
    report.heading("The threshold on a grid of p_D, by the numeric SPE solver")
    report.table(["p_D", "SPE paths", "SPE with deterrence"], rows)
    report.claim(
        f"a Hard challenger is deterred exactly when p_D >= {threshold}",
        agree,
        "On the grid p_D = 0, 1/20, ..., 1: some SPE keeps the status quo iff p_D >= the "
        "threshold, every SPE does iff p_D > it (at the threshold the challenger is indifferent "
        "and the solver lists both SPE).",
    )
    derive_threshold(model, report)
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
