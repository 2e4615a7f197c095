"""Three-party extended deterrence (Quackenbush 2006): whom the challenger attacks.

Published claims reproduced (Quackenbush 2006): deterrence is most likely to
succeed when the alliance is reliable (both allies would join the other's
war); when the allies are unequally reliable, the challenger attacks the more
reliable ally, whose partner will not join, to avoid a multilateral war.
Derived by the toolkit's symbolic backward induction (``spe_regions``) from
``models/extended-deterrence-three-party.toml``, a perfect-information
reconstruction from the paper's published abstract (the paper's own tree,
preference orderings and incomplete-information analysis are not reproduced:
the moves, the reading of reliability as r > j and the payoffs are the
toolkit's); each claim is checked as the emptiness of a region.

Run ``python proofs/extended_deterrence_three_party.py`` to rewrite
``proofs/extended-deterrence-three-party.md``.
"""

from pathlib import Path

import sympy

import gametheory_alliances as gta
from gametheory_alliances.report import Report
from gametheory_alliances.symbolic import spe_regions


def build() -> Report:
    model = gta.load_model("extended-deterrence-three-party")
    params = model.parameters
    s = {k: p.symbol for k, p in params.items()}
    report = Report(
        "extended-deterrence-three-party", "Three-party extended deterrence: derivation"
    )
    report.text(model.description)
    report.text(model.notes)
    assumptions = (
        (s["c_M"] < s["c_B"]) & (s["c_B"] < 1) & (s["x_P"] < s["y_P"]) & (s["x_D"] < s["y_D"])
    )
    regions = spe_regions(model.game)
    kept = [
        (eq, r)
        for eq, r in regions.items()
        if not gta.Region(r.condition & assumptions, params).is_empty()
    ]
    report.heading("Subgame-perfect equilibria in closed form")
    report.table(["path", "region"], [[", ".join(eq.path), f"${r.latex()}$"] for eq, r in kept])

    def never(first, where):
        """No SPE whose path starts with ``first`` holds anywhere in ``where``."""
        return all(
            gta.Region(r.condition & where & assumptions, params).is_empty()
            for eq, r in kept
            if eq.path[0] == first
        )

    resist = (s["y_P"] > -1) & (s["x_D"] > -1)
    d_only = (s["r_D"] > s["j_D"]) & (s["r_P"] < s["j_P"])
    report.claim(
        "Source's claim (Quackenbush 2006): when the defender is reliable and the protege is "
        "not, a challenger never attacks the protege (it attacks the more reliable ally, to "
        "fight a bilateral war)",
        never("Attack Protege", d_only & resist)
        and not never("Attack Defender", d_only & resist)
        and not never("Attack Protege", resist),
        "No SPE that attacks the protege holds where r_D > j_D, r_P < j_P and the targets "
        "resist, while SPE that attack the defender do hold there (and SPE that attack the "
        "protege hold elsewhere: the claim is not vacuous).",
    )
    p_only = (s["r_P"] > s["j_P"]) & (s["r_D"] < s["j_D"])
    report.claim(
        "Source's claim (Quackenbush 2006), the mirror image: when the protege is reliable and "
        "the defender is not, a challenger never attacks the defender",
        never("Attack Defender", p_only & (s["y_D"] > -1) & (s["x_P"] > -1)),
        "No SPE that attacks the defender holds there.",
    )
    both = (s["r_D"] > s["j_D"]) & (s["r_P"] > s["j_P"]) & (s["y_P"] > -1) & (s["y_D"] > -1)
    report.claim(
        "Source's claim (Quackenbush 2006): a reliable alliance deters a challenger that "
        "prefers the status quo to a multilateral war",
        never("Attack Protege", both & (s["c_M"] < 0))
        and never("Attack Defender", both & (s["c_M"] < 0)),
        "Where both allies join, both targets resist and c_M < 0, every SPE keeps the status quo.",
    )
    report.claim(
        "Toolkit's check: without reliability deterrence can fail even against a challenger "
        "that prefers the status quo to a multilateral war (so reliability, not the threat of "
        "multilateral war alone, is what deters)",
        not gta.Region(
            sympy.Or(*[r.condition for eq, r in kept if eq.path[0] != "Status quo"])
            & (s["r_D"] < s["j_D"])
            & (s["c_M"] < 0)
            & assumptions,
            params,
        ).is_empty(),
        "Some SPE attacks where the defender is unreliable and c_M < 0.",
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
