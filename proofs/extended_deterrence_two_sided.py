"""Extended deterrence with two-sided incomplete information: four families and their region map.

Published claims (Zagare and Kilgour 2000, ch. 6): when both the challenger's
and the defender's types are private, the perfect Bayesian equilibria fall
into four families told apart by the challenger's behaviour -- deterrence (no
type challenges), separating (only the Hard challenger challenges), attack
(both types challenge) and bluff (the Soft challenger challenges with a
probability strictly between 0 and 1) -- and deterrence can be supported by
off-path beliefs at any prior: if a challenge is met with the belief that the
challenger is probably Soft, even a Soft defender resists, and nobody
challenges.

The toolkit's rendering: the cardinal payoffs and two-point type spaces, the
closed-form thresholds below (derived here with sympy from the model's own
payoffs, not typed in), the selection by D1 and the region map it gives.

* Each challenger type challenges when the defender's total probability of
  resisting, ``rho``, is at most its threshold ``rho_H`` (Hard) or ``rho_S``
  (Soft); a Hard defender always resists, so ``rho = p_D + (1 - p_D) r`` with
  ``r`` the Soft defender's resistance.
* The Soft defender resists when its belief that the challenger is Hard is at
  most ``mu*``.
* Unrefined: deterrence at every prior (where ``rho_H <= 1``); separating
  where ``rho_S <= p_D <= rho_H``; attack where ``p_C >= mu*`` and
  ``p_D <= rho_S``; bluff where ``p_C < mu*`` and ``p_D <= rho_S``.
* Under D1 the Soft challenger gains from a challenge only where the Hard one
  gains strictly, so the belief after an unexpected challenge is "Hard": the
  Soft defender concedes, and deterrence survives only where ``p_D >= rho_H``
  (the Hard defenders alone deter). The other families have the challenge on
  the path and are untouched, so D1 leaves one family at every prior off the
  thresholds.

The proof checks every statement against the numeric solver
(``perfect_bayesian_equilibria``, refined by ``refine``) on a grid of
priors that includes the thresholds and the ends of [0, 1]. Bluff equilibria
need two information sets to mix (the Soft challenger and the Soft
defender); where the solver does not enumerate them (it lists the
equilibria in which at most one information set mixes), the closed-form bluff
assessment is built and certified exactly instead, and the report says so.

Run ``python proofs/extended_deterrence_two_sided.py`` to rewrite
``proofs/extended-deterrence-two-sided.md``.
"""

from fractions import Fraction
from pathlib import Path
from typing import Any

import sympy

import gametheory_alliances as gta
from gametheory_alliances.game import game_of
from gametheory_alliances.report import Report
from gametheory_alliances.solvers.perfect_bayesian_trees import (
    Assessment,
    InfosetBelief,
    TreePBEResult,
)
from gametheory_alliances.solvers.tree_refinements import refine

MODEL = "extended-deterrence-two-sided"
FAMILIES = ("deterrence", "separating", "attack", "bluff")


def derive(model: Any) -> dict[str, Any]:
    """The thresholds in closed form, from the model's terminal payoffs."""
    leaves = {nd.path: nd.payoffs for nd in model.game.nodes if nd.kind == "terminal"}

    def c(*path: str) -> Any:
        return leaves[path][0]

    def d(*path: str) -> Any:
        return leaves[path][1]

    assumptions = {sympy.simplify(a.lhs - a.rhs) for a, _ in model.assumptions if a.rel_op == ">"}
    assumptions |= {sympy.simplify(a.rhs - a.lhs) for a, _ in model.assumptions if a.rel_op == "<"}

    def positive(expr: Any) -> bool:
        """Positive by one of the model's strict assumptions."""
        return sympy.simplify(expr) in assumptions

    hc, sc, hd, sd = "Hard C", "Soft C", "Hard D", "Soft D"
    ch, resist, concede = "Challenge", "Resist", "Concede"
    # The challenger's last move depends on its own type only.
    steps = {
        "Hard challenger fights after resistance": positive(
            c(hc, ch, hd, resist, "Fight") - c(hc, ch, hd, resist, "Back down")
        ),
        "Soft challenger backs down after resistance": positive(
            c(sc, ch, hd, resist, "Back down") - c(sc, ch, hd, resist, "Fight")
        ),
        "the challenger's payoffs do not depend on the defender's type": all(
            c(t, ch, hd, *rest) == c(t, ch, sd, *rest)
            for t in (hc, sc)
            for rest in ((concede,), (resist, "Fight"), (resist, "Back down"))
        ),
        "a Hard defender resists a Hard challenger": positive(
            d(hc, ch, hd, resist, "Fight") - d(hc, ch, hd, concede)
        ),
        "a Hard defender resists a Soft challenger": positive(
            d(sc, ch, hd, resist, "Back down") - d(sc, ch, hd, concede)
        ),
    }
    rho, mu = sympy.symbols("rho mu")
    rho_h = sympy.solve(
        rho * c(hc, ch, hd, resist, "Fight")
        + (1 - rho) * c(hc, ch, hd, concede)
        - c(hc, "Status quo"),
        rho,
    )[0]
    rho_s = sympy.solve(
        rho * c(sc, ch, hd, resist, "Back down")
        + (1 - rho) * c(sc, ch, hd, concede)
        - c(sc, "Status quo"),
        rho,
    )[0]
    mu_star = sympy.solve(
        mu * d(hc, ch, sd, resist, "Fight")
        + (1 - mu) * d(sc, ch, sd, resist, "Back down")
        - d(hc, ch, sd, concede),
        mu,
    )[0]
    return {"steps": steps, "rho_H": rho_h, "rho_S": rho_s, "mu*": mu_star}


def predicted(p_c: Fraction, p_d: Fraction, t: dict[str, Fraction], refine: str | None) -> set[str]:
    """The families the closed form gives at a prior (0 < p_C < 1)."""
    rho_h, rho_s, mu_star = t["rho_H"], t["rho_S"], t["mu*"]
    out = set()
    if rho_h <= 1 and (refine is None or p_d >= rho_h or (refine == "intuitive" and p_d <= rho_s)):
        out.add("deterrence")
    if rho_s <= p_d <= rho_h:
        out.add("separating")
    if p_c >= mu_star and p_d <= rho_s:
        out.add("attack")
    if p_c < mu_star and p_d <= rho_s:
        out.add("bluff")
    return out


def family(eq: Any) -> str:
    b = eq.behaviour
    hard, soft = b["Hard challenger"]["Challenge"], b["Soft challenger"]["Challenge"]
    if hard == 0 and soft == 0:
        return "deterrence"
    if soft == 0:
        return "separating"
    if soft == 1:
        return "attack"
    return "bluff"


def bluff_assessment(game: Any, p_c: Fraction, p_d: Fraction, t: dict[str, Fraction]) -> Any:
    """The closed-form bluff: the Soft challenger and the Soft defender mix."""
    mu_star, rho_s = t["mu*"], t["rho_S"]
    q = p_c * (1 - mu_star) / ((1 - p_c) * mu_star)
    r = (rho_s - p_d) / (1 - p_d)
    play = {
        "Hard challenger": {"Challenge": Fraction(1)},
        "Hard defender after Challenge": {"Resist": Fraction(1)},
        "Hard challenger after Resist": {"Fight": Fraction(1)},
        "Soft defender after Challenge": {"Resist": r, "Concede": 1 - r},
        "Soft challenger": {"Challenge": q, "Status quo": 1 - q},
        "Soft challenger after Resist": {"Back down": Fraction(1)},
    }
    profile = tuple(
        tuple(play[info.label].get(a, Fraction(0)) for a in info.actions) for info in game.infosets
    )
    pays, probs = game.numbers(exact=True)
    nodes = game.nodes
    reach = [Fraction(0)] * len(nodes)
    reach[0] = Fraction(1)
    for k, nd in enumerate(nodes):
        if nd.kind == "terminal":
            continue
        w = probs[k] if nd.kind == "chance" else profile[nd.infoset]
        for wi, child in zip(w, nd.children, strict=True):
            reach[child] = reach[k] * wi
    payoffs = tuple(
        sum(
            (reach[k] * pays[k][i] for k, nd in enumerate(nodes) if nd.kind == "terminal"),
            Fraction(0),
        )
        for i in range(game.n_players)
    )
    beliefs = []
    for info in game.infosets:
        mass = sum((reach[x] for x in info.nodes), Fraction(0))
        names = tuple(" > ".join(nodes[x].path) for x in info.nodes)
        if mass:
            vertices: tuple[tuple[Fraction, ...], ...] = (
                tuple(reach[x] / mass for x in info.nodes),
            )
        else:
            # Off the path (a prior at 0 or 1): the mover's action is best for every belief
            # (certify checks each vertex).
            n = len(info.nodes)
            vertices = tuple(tuple(Fraction(int(i == j)) for j in range(n)) for i in range(n))
        firsts = [v[0] for v in vertices]
        interval = (min(firsts), max(firsts)) if len(info.nodes) == 2 else None
        beliefs.append(InfosetBelief(info.label, names, bool(mass), vertices, interval))
    return Assessment(game, profile, tuple(beliefs), payoffs, True, "closed-form bluff")


def build() -> Report:
    model = gta.load_model(MODEL)
    report = Report(MODEL, "Extended deterrence, two-sided incomplete information: derivation")
    report.text(model.description)
    report.text(
        "Source (Zagare and Kilgour 2000, ch. 6): the four families, and deterrence supported by "
        "off-path beliefs at any prior. Toolkit's rendering: the cardinal defaults "
        + ", ".join(f"{n} = {p.default}" for n, p in model.parameters.items() if n[0] in "cd")
        + ", the thresholds below (derived from the model's payoffs with sympy), and the "
        "selection by D1 with its region map."
    )
    derived = derive(model)
    report.heading("Thresholds")
    report.text(
        "Each step of the backward reasoning is one of the model's assumptions: "
        + "; ".join(f"{s} ({'yes' if ok else 'NO'})" for s, ok in derived["steps"].items())
        + ". A challenger type challenges when the defender's total resistance probability "
        "rho (a Hard defender always resists, so rho = p_D + (1 - p_D) r, r the Soft "
        "defender's) is at most its threshold; a Soft defender resists when its belief that "
        "the challenger is Hard is at most mu*."
    )
    report.math(sympy.Eq(sympy.Symbol(r"\rho_H"), derived["rho_H"]), "Hard challenger:")
    report.math(sympy.Eq(sympy.Symbol(r"\rho_S"), derived["rho_S"]), "Soft challenger:")
    report.math(sympy.Eq(sympy.Symbol(r"\mu^*"), derived["mu*"]), "Soft defender:")
    values = {n: sympy.Rational(str(p.default)) for n, p in model.parameters.items()}
    at = {
        k: Fraction(str(v.subs({s: values[s.name] for s in v.free_symbols})))
        for k, v in derived.items()
        if k != "steps"
    }
    report.text(
        f"At the defaults: rho_H = {at['rho_H']}, rho_S = {at['rho_S']}, mu* = {at['mu*']}. "
        "The region map (0 < p_C < 1): unrefined, deterrence everywhere (where rho_H <= 1, "
        "i.e. the Hard challenger prefers the status quo to conflict), separating where "
        "rho_S <= p_D <= rho_H, attack where p_C >= mu* and p_D <= rho_S, bluff where "
        "p_C < mu* and p_D <= rho_S (the Soft challenger challenges with probability "
        "p_C (1 - mu*) / ((1 - p_C) mu*), the Soft defender resists with probability "
        "(rho_S - p_D) / (1 - p_D)). Under D1, deterrence only where p_D >= rho_H; under the "
        "Intuitive Criterion, where p_D <= rho_S or p_D >= rho_H."
    )
    grid_c = [Fraction(1, 10), Fraction(1, 2), at["mu*"], Fraction(9, 10)]
    grid_d = sorted(
        {
            Fraction(0),
            Fraction(1, 10),
            at["rho_S"],
            Fraction(7, 10),
            at["rho_H"],
            Fraction(9, 10),
            Fraction(1),
        }
    )
    rows = []
    agree = {None: True, "intuitive": True, "d1": True}
    deterrence_everywhere = True
    certified_bluffs = listed_bluffs = 0
    unique_under_d1 = True
    for p_c in grid_c:
        for p_d in grid_d:
            game = game_of(model.at(p_C=p_c, p_D=p_d))
            unrefined = gta.perfect_bayesian_equilibria(game)
            found: dict[str | None, set[str]] = {None: {family(eq) for eq in unrefined}}
            for refinement in ("intuitive", "d1"):
                found[refinement] = {family(eq) for eq in refine(unrefined, refinement)}
            expect = {r: predicted(p_c, p_d, at, r) for r in found}
            how = "listed"
            if "bluff" in expect[None] and "bluff" not in found[None]:
                # Not enumerated (two information sets mix): build it, certify it exactly and
                # refine it as the solver's equilibria are.
                eq = bluff_assessment(game, p_c, p_d, at)
                if eq.certify() and family(eq) == "bluff":
                    certified_bluffs += 1
                    how = "closed form, certified"
                    found[None].add("bluff")
                    alone = TreePBEResult(game, "closed form", (eq,), exact=True)
                    for refinement in ("intuitive", "d1"):
                        if len(refine(alone, refinement)):
                            found[refinement].add("bluff")
            elif "bluff" in found[None]:
                listed_bluffs += 1
            for r in found:
                agree[r] = agree[r] and found[r] == expect[r]
            deterrence_everywhere = deterrence_everywhere and "deterrence" in found[None]
            off_threshold = p_d not in (at["rho_S"], at["rho_H"]) and p_c != at["mu*"]
            if off_threshold and len(found["d1"]) != 1:
                unique_under_d1 = False
            rows.append(
                [
                    p_c,
                    p_d,
                    ", ".join(f for f in FAMILIES if f in found[None]),
                    ", ".join(f for f in FAMILIES if f in found["intuitive"]) or "none",
                    ", ".join(f for f in FAMILIES if f in found["d1"]) or "none",
                    how if "bluff" in found[None] else "",
                ]
            )
    report.heading("The solver on a grid of priors")
    report.table(["p_C", "p_D", "unrefined", "intuitive", "D1", "bluff"], rows)
    report.text(
        f"Bluff equilibria listed by the solver: {listed_bluffs} grid points (at p_D = rho_S "
        f"only the Soft challenger mixes; below it the Soft challenger and the Soft defender "
        f"both mix, solved exactly as a polynomial system); built from the closed form and "
        f"certified exactly (Assessment.certify) because the solver did not list them: "
        f"{certified_bluffs} grid points."
    )
    report.claim(
        "unrefined, deterrence is a perfect Bayesian equilibrium at every prior, supported by "
        "the off-path belief that a challenger is Hard with probability at most mu*",
        deterrence_everywhere,
        "Deterrence is among the solver's equilibria at every grid point.",
    )
    report.claim(
        "the four families occur exactly where the closed-form region map puts them",
        agree[None] and all(derived["steps"].values()),
        "Families from perfect_bayesian_equilibria at each grid point, thresholds included, "
        "against the map from rho_H, rho_S and mu*.",
    )
    report.claim(
        "under D1 deterrence survives exactly where p_D >= rho_H (toolkit's rendering), and "
        "the other families are untouched",
        agree["d1"],
        "Families surviving refine='d1' at each grid point against the map.",
    )
    report.claim(
        "under the Intuitive Criterion deterrence survives exactly where p_D <= rho_S or "
        "p_D >= rho_H (toolkit's rendering)",
        agree["intuitive"],
        "Families surviving refine='intuitive' at each grid point against the map.",
    )
    report.claim(
        "under D1 one family obtains at every prior off the thresholds (toolkit's rendering)",
        unique_under_d1,
        "Grid points with p_D other than rho_S, rho_H and p_C other than mu*.",
    )
    report.claim(
        "the solver itself lists the bluff family wherever the closed-form map puts it "
        "(toolkit's check of its enumeration)",
        certified_bluffs == 0 and listed_bluffs > 0,
        "No grid point needed the bluff built from the closed form.",
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
