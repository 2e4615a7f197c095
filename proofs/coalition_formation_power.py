"""Coalition formation by weighted majority: Shapley-Shubik power and the size principle.

Published claims reproduced. Shapley and Shubik (1954): a member's power in a
committee is the probability that it is pivotal when the members vote in a
random order; in the Security Council (eleven members then, five permanent
with a veto, seven votes to pass) the five permanent members hold nearly all
the power. Riker (1962), in Gamson's (1961) proportional rendering, which is
the toolkit's: a formateur forms the winning coalition of least weight. The
index is computed exactly by ``gametheory_alliances.power_index`` and checked
here against an independent count over the orders of member types; the
formateur's choice is solved by the SPE solver on
``models/coalition-formation-power.toml`` and checked against the winning
coalitions of the power-index module.

Run ``python proofs/coalition_formation_power.py`` to rewrite
``proofs/coalition-formation-power.md``.
"""

from collections import Counter
from fractions import Fraction
from itertools import combinations
from pathlib import Path

import gametheory_alliances as gta
from gametheory_alliances.power_index import WeightedMajorityGame
from gametheory_alliances.report import Report


def _by_type_orders(
    sizes: dict[str, int], weight: dict[str, int], quota: int
) -> dict[str, Fraction]:
    """The index of one member of each type, by running through the orders of types.

    Members of one type are interchangeable, so every arrangement of the types
    (``n! / prod(size!)`` of them) stands for the same number of orders of the
    members; the pivot's type gets the arrangement's share, split among its members.
    """
    n = sum(sizes.values())
    kinds = list(sizes)
    first, second = kinds
    tally: Counter[str] = Counter()
    arrangements = 0
    for places in combinations(range(n), sizes[first]):
        order = [first if k in places else second for k in range(n)]
        total = 0
        for kind in order:
            total += weight[kind]
            if total >= quota:
                tally[kind] += 1
                break
        arrangements += 1
    return {kind: Fraction(tally[kind], arrangements * sizes[kind]) for kind in kinds}


def _council(report: Report, title: str, permanent: int, others: int, votes: int) -> dict:
    weight_p = others + 1  # one permanent member outweighs all the others together
    quota = permanent * weight_p + (votes - permanent)
    game = WeightedMajorityGame(
        [weight_p] * permanent + [1] * others,
        quota,
        [f"P{k + 1}" for k in range(permanent)] + [f"N{k + 1}" for k in range(others)],
    )
    index = game.shapley_shubik()
    check = _by_type_orders(
        {"permanent": permanent, "other": others}, {"permanent": weight_p, "other": 1}, quota
    )
    # the weighted game is the council's rule: every coalition is winning exactly when it
    # has all the permanent members and at least `votes` members
    same_rule = all(
        game.is_winning(s) == (all(f"P{k + 1}" in s for k in range(permanent)) and len(s) >= votes)
        for s in (
            tuple(game.players[i] for i in c)
            for size in range(game.n + 1)
            for c in combinations(range(game.n), size)
        )
    )
    p, o = index["P1"], index["N1"]
    report.heading(title)
    report.text(
        f"{permanent} permanent members with a veto and {others} others; a resolution needs "
        f"{votes} votes including every permanent member: the weighted-majority game with "
        f"weights {weight_p} and 1 and quota {quota}."
    )
    report.table(
        ["member", "index (exact)", "index (decimal)", "independent count"],
        [
            ["each permanent member", str(p), f"{float(p):.4f}", str(check["permanent"])],
            ["each other member", str(o), f"{float(o):.4f}", str(check["other"])],
            [
                "the permanent members together",
                str(permanent * p),
                f"{float(permanent * p):.4f}",
                "",
            ],
        ],
    )
    return {
        "index": index,
        "check": check,
        "same_rule": same_rule,
        "permanent": p,
        "other": o,
        "share": permanent * p,
        "total": sum(index.values(), Fraction(0)),
        "minimal": game.minimal_winning_coalitions(),
    }


def build() -> Report:
    model = gta.load_model("coalition-formation-power")
    report = Report("coalition-formation-power", "Coalition formation and voting power: derivation")
    report.text(model.description)
    report.text(
        "Whose claim is which. Shapley and Shubik's claims: the index as the probability of "
        "being pivotal, and its application to the Security Council, where the five permanent "
        "members hold nearly all the power. Riker's claim: winning coalitions are no larger "
        "than they need to be. The proportional division of the prize, the formateur's tree, "
        "the weighted representation of the Council's rule and the exact fractions below are "
        "the toolkit's rendering."
    )

    old = _council(report, "The Security Council of 1954 (eleven members)", 5, 6, 7)
    report.claim(
        "(Shapley and Shubik 1954) in the eleven-member Council the five permanent members "
        "hold nearly all the power; the toolkit computes 76/77 (about 98.7%) together, 76/385 "
        "(about 0.1974) each, and 1/462 (about 0.0022) for each other member",
        old["same_rule"]
        and old["total"] == 1
        and old["permanent"] == old["check"]["permanent"]
        and old["other"] == old["check"]["other"]
        and old["share"] > Fraction(98, 100)
        and (old["permanent"], old["other"]) == (Fraction(76, 385), Fraction(1, 462)),
        "Computed by power_index and by the independent count over the 462 orders of member "
        "types; the indices sum to one; the weighted game has exactly the Council's winning "
        "coalitions (all 2048 checked).",
    )
    report.text(
        f"The minimal winning coalitions are the five permanent members with any two others: "
        f"{len(old['minimal'])} of them."
    )
    report.claim(
        "the minimal winning coalitions of the 1954 Council are exactly the permanent members "
        "with two others (C(6, 2) = 15)",
        len(old["minimal"]) == 15
        and all(len(c) == 7 and all(f"P{k}" in c for k in range(1, 6)) for c in old["minimal"]),
    )

    new = _council(report, "The Security Council since 1965 (fifteen members)", 5, 10, 9)
    report.claim(
        "the figures often quoted for the Council, 0.1963 for each permanent member and 0.0019 "
        "for each other, are those of the fifteen-member Council since 1965 (421/2145 and "
        "4/2145), not of the 1954 paper's eleven-member Council; there too the permanent "
        "members hold over 98% of the power",
        new["same_rule"]
        and new["total"] == 1
        and new["permanent"] == new["check"]["permanent"]
        and new["other"] == new["check"]["other"]
        and round(float(new["permanent"]), 4) == 0.1963
        and round(float(new["other"]), 4) == 0.0019
        and new["share"] > Fraction(98, 100),
        f"Exact: {new['permanent']} and {new['other']}.",
    )

    report.heading("Weights are not power: the model's game")
    defaults = {n: p.default for n, p in model.parameters.items()}
    weights = [defaults["w_1"], defaults["w_2"], defaults["w_3"]]
    game = WeightedMajorityGame(weights, defaults["q"], list(model.game.players))
    index = game.shapley_shubik()
    report.text(
        f"At the defaults, [{defaults['q']}; {', '.join(map(str, weights))}]: minimal winning "
        f"coalitions {game.minimal_winning_coalitions()}, index "
        + ", ".join(f"{k} {v}" for k, v in index.items())
        + "."
    )
    report.claim(
        "power is not proportional to weight (the point of Shapley and Shubik 1954; this "
        "example is the toolkit's): with weights 4, 3, 2 and quota 5 any two states win, and "
        "all three have the index 1/3",
        set(index.values()) == {Fraction(1, 3)},
    )

    report.heading("The size principle: the formateur's choice")
    report.text(
        "For each point, the solver's SPE choice of the formateur, and the winning coalitions "
        "containing State 1 of least weight according to power_index:"
    )
    rows, agree = [], True
    actions = {
        ("State 1",): "Alone",
        ("State 1", "State 2"): "With 2",
        ("State 1", "State 3"): "With 3",
        ("State 1", "State 2", "State 3"): "With 2 and 3",
    }
    points = [
        {"w_3": 2, "q": 5},
        {"w_3": 2, "q": 6},
        {"w_3": 2, "q": 7},
        {"w_3": 1, "q": 5},
        {"w_3": 3, "q": 6},
        {"w_3": 3, "q": 7},
        {"w_3": 3, "q": 8},
        {"w_3": 4, "q": 6},
    ]
    for point in points:
        values = {**defaults, **point}
        players = list(model.game.players)
        wmg = WeightedMajorityGame(
            [values["w_1"], values["w_2"], values["w_3"]], values["q"], players
        )
        winning = [c for c in wmg.winning_coalitions() if "State 1" in c]
        least = min(wmg.weight(c) for c in winning)
        expected = sorted(actions[c] for c in winning if wmg.weight(c) == least)
        equilibria = gta.subgame_perfect_equilibria(model.at(**point))
        chosen = sorted(eq.path[0] for eq in equilibria)
        agree = agree and chosen == expected
        rows.append(
            [
                f"[{values['q']}; {values['w_1']}, {values['w_2']}, {values['w_3']}]",
                ", ".join(chosen),
                ", ".join(expected),
            ]
        )
    report.table(["game", "SPE choice", "least-weight winning coalitions with State 1"], rows)
    report.claim(
        "(Riker's size principle, the toolkit's rendering) at every point the formateur forms "
        "a winning coalition of least weight containing it, and every such coalition is an SPE "
        "choice: where two tie (w_2 = w_3) both are reported",
        agree,
        "The SPE solver's choices against the least-weight winning coalitions computed by "
        "power_index; exact rationals.",
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
