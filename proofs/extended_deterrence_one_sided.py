"""Extended deterrence with a privately informed defender: the credibility threshold on p_D.

Published claim reproduced (Zagare and Kilgour 2000): when the defender's type
is private, a Hard challenger is deterred exactly when the defender is likely
enough to be Hard, p_D >= (c_DC - c_SQ) / (c_DC - c_DD); below the threshold it
challenges, and a Soft defender concedes while a Hard one fights. The
equilibria come from the toolkit's SPE solver on ``models/extended-deterrence-one-sided.toml``
at exact values of p_D.

Run ``python proofs/extended_deterrence_one_sided.py`` to rewrite
``proofs/extended-deterrence-one-sided.md``.
"""

from fractions import Fraction
from pathlib import Path

import gametheory_alliances as gta
from gametheory_alliances.outcomes import outcome_table
from gametheory_alliances.report import Report


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
    report.table(["p_D", "SPE paths", "SPE with deterrence"], rows)
    report.claim(
        f"a Hard challenger is deterred exactly when p_D >= {threshold}",
        agree,
        "On the grid p_D = 0, 1/20, ..., 1: some SPE keeps the status quo iff p_D >= the "
        "threshold, every SPE does iff p_D > it (at the threshold the challenger is indifferent "
        "and the solver lists both SPE).",
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
