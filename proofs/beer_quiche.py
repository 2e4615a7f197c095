"""Beer-Quiche: two pooling families, and only beer survives the Intuitive Criterion.

Published claim reproduced (Cho and Kreps 1987): with prior p = 9/10 on the
strong type, the game has two families of pooling perfect Bayesian
equilibria, one on beer and one on quiche, and no separating equilibrium;
the quiche family fails the Intuitive Criterion (only the strong type could
gain from deviating to beer), the beer family survives. Derived by the
toolkit from ``models/beer-quiche.toml``.

Run ``python proofs/beer_quiche.py`` to rewrite ``proofs/beer-quiche.md``.
"""

from pathlib import Path

import gametheory_alliances as gta
from gametheory_alliances.report import Report
from gametheory_alliances.solvers.perfect_bayesian import perfect_bayesian_equilibria


def build() -> Report:
    model = gta.load_model("beer-quiche")
    report = Report("beer-quiche", "Beer-Quiche: derivation")
    report.text(model.description)

    report.heading("Every perfect Bayesian equilibrium at p = 9/10")
    result = perfect_bayesian_equilibria(model.at(p="9/10"))
    report.code(repr(result))
    rows = []
    for eq in result:
        rows.append(
            [
                eq.family,
                eq.classification,
                eq.sender_strategy_text(),
                eq.receiver_strategy_text(),
                eq.off_path_rule,
                str(eq.sender_payoff),
                "yes" if eq.survives_intuitive_criterion else "no",
            ]
        )
    report.table(
        ["family", "class", "sender", "receiver", "off-path beliefs", "sender payoff", "intuitive"],
        rows,
    )
    families: dict[str, set[bool]] = {}
    messages: dict[str, str] = {}
    for eq in result:
        families.setdefault(eq.family, set()).add(eq.survives_intuitive_criterion)
        sent = {m for row in eq.sender for m, q in zip(("Beer", "Quiche"), row, strict=True) if q}
        messages[eq.family] = "/".join(sorted(sent))
    report.claim(
        "every equilibrium is pooling, and they form two families, pooling on beer and on quiche",
        all(eq.classification == "pooling" for eq in result)
        and sorted(messages.values()) == ["Beer", "Quiche"],
        f"The solver reports {len(result)} equilibria in {len(families)} families.",
    )
    beer = next(f for f, m in messages.items() if m == "Beer")
    quiche = next(f for f, m in messages.items() if m == "Quiche")
    report.claim(
        "only the beer pooling family survives the Intuitive Criterion",
        families[beer] == {True} and families[quiche] == {False},
        "Every member of the beer family survives; every member of the quiche family fails.",
    )
    report.claim(
        "every equilibrium passes the solver's certificate (Bayes' rule on the path, sequential "
        "rationality)",
        all(bool(eq.certify()) for eq in result),
        "PerfectBayesianEquilibrium.certify() on each.",
    )

    report.heading("A weak prior: p = 1/4")
    low = perfect_bayesian_equilibria(model.at(p="1/4"))
    report.code(repr(low))
    report.claim(
        "with p < 1/2 no pooling equilibrium exists; the equilibria are semi-separating",
        len(low) > 0 and all(eq.classification == "semi-separating" for eq in low),
        f"The solver reports {len(low)} equilibria, all semi-separating.",
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
