"""Extended deterrence with complete information: the SPE by type, and Perfect Deterrence.

Published claims reproduced (Zagare and Kilgour 2000): the subgame-perfect
outcome depends on the players' types: a Soft challenger (c_CD >= c_DD) is
deterred whatever the defender's type; a Hard challenger obtains a concession
from a Soft defender; against a Hard defender it is deterred exactly when the
status quo is worth at least conflict to it (c_SQ >= c_DD). Hence the central
claim of Perfect Deterrence: credibility (a Hard defender, d_DD > d_DC) is
neither necessary nor sufficient for deterrence. Derived by the toolkit from
``models/extended-deterrence.toml``.

Run ``python proofs/extended_deterrence.py`` to rewrite ``proofs/extended-deterrence.md``.
"""

from pathlib import Path

import sympy

import gametheory_alliances as gta
from gametheory_alliances.predicates import outcome_table
from gametheory_alliances.report import Report
from gametheory_alliances.symbolic import equilibrium_regions
from gametheory_alliances.symbolic.predicates import outcome_regions


def build() -> Report:
    model = gta.load_model("extended-deterrence")
    s = {n: p.symbol for n, p in model.parameters.items()}
    assumptions = sympy.And(*(cond for cond, _ in model.assumptions))
    report = Report("extended-deterrence", "Extended deterrence, complete information: derivation")
    report.text(model.description)

    def region(cond: sympy.Basic) -> gta.Region:
        return gta.Region(cond & assumptions, model.parameters)

    report.heading("Every SPE and its region")
    regions = equilibrium_regions(model, concept="spe")
    report.table(
        ["SPE (C, D, C)", "path", "region"],
        [[eq.label, ", ".join(eq.path), f"${r.latex()}$"] for eq, r in regions.items()],
    )

    report.heading("The SPE outcome by type")
    hard_c = s["c_DD"] > s["c_CD"]
    hard_d = s["d_DD"] > s["d_DC"]
    soft_c = s["c_DD"] < s["c_CD"]
    soft_d = s["d_DD"] < s["d_DC"]
    cases = [
        ("Soft C", soft_c, ("Status quo",)),
        ("Hard C, Soft D", hard_c & soft_d, ("Challenge", "Concede")),
        ("Hard C, Hard D, c_SQ > c_DD", hard_c & hard_d & (s["c_SQ"] > s["c_DD"]), ("Status quo",)),
        (
            "Hard C, Hard D, c_DD > c_SQ",
            hard_c & hard_d & (s["c_DD"] > s["c_SQ"]),
            ("Challenge", "Resist", "Fight"),
        ),
    ]
    rows = []
    for name, cond, path in cases:
        others = [r.condition for eq, r in regions.items() if eq.path != path]
        unique = region(cond & sympy.Or(*others)).is_empty() if others else True
        covered = region(
            cond & ~sympy.Or(*(r.condition for eq, r in regions.items() if eq.path == path))
        ).is_empty()
        rows.append([name, ", ".join(path), "yes" if unique and covered else "no"])
        report.claim(
            f"{name}: every SPE has the path {', '.join(path)}",
            unique and covered,
            "The type region meets no region of an SPE with another path, and is covered by "
            "the regions of SPE with this path (strict type inequalities; ties give several SPE).",
        )
    report.table(["types", "SPE path", "derived"], rows)

    report.heading("Perfect Deterrence: credibility is neither necessary nor sufficient")
    outcomes = outcome_regions(model)
    deterred = outcomes["deterrence"].condition
    not_sufficient = region(hard_d & ~deterred)
    not_necessary = region(soft_d & deterred)
    report.text("Where the defender is Hard (credible) yet deterrence fails:")
    report.math(not_sufficient.latex())
    report.text("Where the defender is Soft (not credible) yet deterrence succeeds:")
    report.math(not_necessary.latex())
    point_a = {"c_DD": "1/2", "d_DD": "-1/4"}
    point_b = {"c_DD": -1, "d_DD": -1}
    rows_a = outcome_table(model, **point_a)
    rows_b = outcome_table(model, **point_b)
    report.claim(
        "credibility is not sufficient: a Hard defender is challenged by a Hard challenger that "
        "prefers conflict to the status quo",
        not not_sufficient.is_empty()
        and not_sufficient.contains(**{**_defaults(model), **point_a})
        and all(not r["deterrence"] and r["conflict"] for r in rows_a),
        f"At c_DD = 1/2, d_DD = -1/4 (others at their defaults) the solver's SPE paths are "
        f"{[', '.join(r['path']) for r in rows_a]}.",
    )
    report.claim(
        "credibility is not necessary: a Soft defender deters a Soft challenger",
        not not_necessary.is_empty()
        and not_necessary.contains(**{**_defaults(model), **point_b})
        and all(r["deterrence"] for r in rows_b),
        f"At c_DD = -1, d_DD = -1 (a Soft defender: d_DD < d_DC = -1/2) the solver's SPE paths "
        f"are {[', '.join(r['path']) for r in rows_b]}.",
    )
    return report


def _defaults(model: gta.Model) -> dict[str, object]:
    return {n: p.default for n, p in model.parameters.items()}


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
