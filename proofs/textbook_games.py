"""The textbook games: every equilibrium, in closed form and at the defaults.

Claims reproduced (standard results; e.g. Osborne and Rubinstein 1994,
Harsanyi and Selten 1988): the Prisoner's Dilemma has the single equilibrium
(Defect, Defect), Pareto-dominated; Chicken has two pure equilibria and one
mixed; the Stag Hunt has two pure equilibria, (Stag, Stag) payoff-dominant and
(Hare, Hare) risk-dominant exactly when s < 6; Battle of the Sexes has three
equilibria; Matching Pennies has a unique equilibrium, mixed, with each side
equally likely. Derived by the toolkit from the catalogue's model files and
checked at the defaults against the numeric solver.

Run ``python proofs/textbook_games.py`` to rewrite ``proofs/textbook-games.md``.
"""

from pathlib import Path

import sympy

import gametheory_alliances as gta
from gametheory_alliances.report import Report


def everywhere(model, region):
    """Whether a region covers the whole of the model's assumption region."""
    assumed = sympy.And(*(cond for cond, _ in model.assumptions))
    return gta.Region(assumed & ~region.condition, model.parameters).is_empty()


def agrees(model, regions):
    """Whether the regions' equilibria at the defaults are exactly the numeric solver's."""
    numeric = gta.nash_equilibria(model.at())
    symbolic = regions.at()

    def key(result):
        return sorted(
            tuple(tuple(round(float(p), 12) for p in s) for s in eq.strategies) for eq in result
        )

    return key(numeric) == key(symbolic), numeric


def build() -> Report:
    report = Report("textbook-games", "The textbook games: derivation")
    report.text(
        "For each game the toolkit derives every equilibrium and the region of the parameters "
        "where it holds, under the model's declared assumptions, and compares the equilibria "
        "at the model's defaults with those of the numeric solver."
    )

    def section(name):
        model = gta.load_model(name)
        report.heading(model.title)
        report.text(model.description)
        regions = gta.equilibrium_regions(model)
        report.math(regions.latex())
        ok, numeric = agrees(model, regions)
        report.claim(
            f"at the defaults the closed forms give exactly the numeric solver's {len(numeric)} "
            + ("equilibrium" if len(numeric) == 1 else "equilibria"),
            ok,
            "The numeric solver finds: " + "; ".join(repr(eq) for eq in numeric) + ".",
        )
        return model, regions

    model, regions = section("prisoners-dilemma")
    only = list(regions)
    R, P = (model.parameters[n].symbol for n in ("R", "P"))
    report.claim(
        "wherever T > R > P > S, (Defect, Defect) is the only equilibrium, and it pays each "
        "player P < R, the payoff of mutual cooperation",
        len(only) == 1
        and only[0].is_pure
        and only[0].strategies[0][1] == 1
        and everywhere(model, regions[only[0]])
        and sympy.simplify(only[0].payoffs[0] - P) == 0
        and gta.Region(
            sympy.And(*(c for c, _ in model.assumptions)) & (P >= R), model.parameters
        ).is_empty(),
        "One candidate, (Defect, Defect), whose region is the whole assumption region.",
    )

    model, regions = section("chicken")
    report.claim(
        "in Chicken there are exactly two pure equilibria (one swerves, the other does not) "
        "and one mixed",
        sorted(regions.by_label())
        == ["(Straight, Swerve)", "(Swerve, Straight)", "mixed (Swerve+Straight, Swerve+Straight)"]
        and all(everywhere(model, r) for eq, r in regions.items()),
        "Each candidate holds on the whole assumption region.",
    )

    model, regions = section("stag-hunt")
    s = model.parameters["s"].symbol
    a = model.game.payoff_expressions()[0]
    pure = {str(eq).split(":")[0]: eq for eq in regions if eq.is_pure}
    assumed = sympy.And(*(cond for cond, _ in model.assumptions))
    stag, hare = pure.get("(Stag, Stag)"), pure.get("(Hare, Hare)")
    report.claim(
        "(Stag, Stag) and (Hare, Hare) are both equilibria wherever s > 3, and (Stag, Stag) "
        "pays more: it is payoff-dominant",
        stag is not None
        and hare is not None
        and everywhere(model, regions[stag])
        and everywhere(model, regions[hare])
        and gta.Region(assumed & (stag.payoffs[0] <= hare.payoffs[0]), model.parameters).is_empty(),
        f"Payoffs ${sympy.latex(stag.payoffs[0])}$ against ${sympy.latex(hare.payoffs[0])}$ each.",
    )
    loss_stag = a[0, 0] - a[1, 0]
    loss_hare = a[1, 1] - a[0, 1]
    risk = gta.threshold(gta.Region(loss_hare > loss_stag, model.parameters), "s")
    report.math(
        risk.latex(),
        "(Hare, Hare) risk-dominates (a larger loss from a unilateral deviation) exactly when",
    )
    report.claim(
        "(Hare, Hare) is risk-dominant exactly when s < 6, so at the default s = 4 payoff "
        "dominance and risk dominance disagree",
        risk.condition == gta.Region(s < 6, model.parameters).condition
        and risk.contains(s=4)
        and not risk.contains(s=7),
        f"Deviation losses ${sympy.latex(loss_stag)}$ at (Stag, Stag) and "
        f"${sympy.latex(loss_hare)}$ at (Hare, Hare), read from the model's payoffs; for a "
        "symmetric 2x2 game, risk dominance compares them directly.",
    )

    model, regions = section("battle-of-the-sexes")
    mixed = next(eq for eq in regions if not eq.is_pure)
    report.claim(
        "Battle of the Sexes has three equilibria wherever a > 1: the two coordinated ones and "
        "a mixed one in which each player goes to its own venue with probability a/(a + 1)",
        len(regions) == 3
        and all(everywhere(model, r) for r in regions.values())
        and sympy.simplify(mixed.strategies[0][0] - mixed.strategies[1][1]) == 0,
        f"Row's mixed strategy is $({sympy.latex(mixed.strategies[0][0])}, "
        f"{sympy.latex(mixed.strategies[0][1])})$.",
    )

    model, regions = section("matching-pennies")
    only = list(regions)
    report.claim(
        "Matching Pennies has a unique equilibrium for every stake x > 0, mixed, each side "
        "played with probability 1/2",
        len(only) == 1
        and not only[0].is_pure
        and all(p == sympy.Rational(1, 2) for st in only[0].strategies for p in st)
        and everywhere(model, regions[only[0]]),
        "One candidate, holding everywhere.",
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
