"""Selten's chain store paradox: entry and acquiescence in every market.

Published claim reproduced (Selten 1978): in the chain store game with
finitely many markets and perfect information, backward induction gives a
unique subgame-perfect equilibrium in which every entrant enters and the
incumbent acquiesces in every market, after every history, however many
markets there are; deterrence by fighting early entrants, which intuition
recommends, is not subgame perfect. Derived by the toolkit's symbolic
backward induction (``spe_regions``) from ``models/chain-store-markets.toml``
(three markets) and from the same tree built for one to four markets.

Run ``python proofs/chain_store_markets.py`` to rewrite ``proofs/chain-store-markets.md``.
"""

import dataclasses
from pathlib import Path

import sympy

import gametheory_alliances as gta
from gametheory_alliances.parameters import Parameter
from gametheory_alliances.report import Report
from gametheory_alliances.sequential import Decision, SequentialGame, Terminal
from gametheory_alliances.symbolic import spe_regions

MARKETS = (1, 2, 3, 4)


def chain_store(markets, m, d, parameters):
    """The chain store with ``markets`` markets, as the model file writes three of them.

    Entrant k moves in market k after seeing every earlier market; the
    incumbent's payoff is the sum over markets, an entrant's the payoff of its
    own market (out: entrant 1, incumbent m; fight: 0, 0; acquiesce: d, d).
    ``m`` and ``d`` are expressions in ``parameters``.
    """
    own = {"out": (m, 1), "fight": (0, 0), "share": (d, d)}

    def node(history):
        k = len(history)
        if k == markets:
            incumbent = sum((own[h][0] for h in history), sympy.S.Zero)
            return Terminal([incumbent, *(own[h][1] for h in history)])
        return Decision(
            f"Entrant {k + 1}",
            {
                "Stay out": node((*history, "out")),
                "Enter": Decision(
                    "Incumbent",
                    {"Fight": node((*history, "fight")), "Acquiesce": node((*history, "share"))},
                ),
            },
        )

    players = ["Incumbent", *(f"Entrant {k}" for k in range(1, markets + 1))]
    return SequentialGame(node(()), players=players, parameters=parameters)


def on_assumptions(game, m, d, parameters):
    """``game`` with its parameters m and d replaced by the expressions ``m`` and ``d``."""
    subs = {game.parameters["m"].symbol: m, game.parameters["d"].symbol: d}
    nodes = [
        dataclasses.replace(nd, payoffs=tuple(v.xreplace(subs) for v in nd.payoffs))
        for nd in game.nodes
    ]
    template = SequentialGame(
        Terminal([0] * len(game.players)), players=game.players, parameters=parameters
    )
    return SequentialGame.from_nodes(template, nodes)


def build() -> Report:
    model = gta.load_model("chain-store-markets")
    report = Report("chain-store-markets", "Selten's chain store paradox: derivation")
    report.text(model.description)
    # The assumptions d > 1 and m > d as domains: d = 1 + e and m = d + g with e, g > 0, so
    # that symbolic backward induction prunes, at every node, the pieces the assumptions rule
    # out (over the bare domains m, d > 0 the three-market tree has thousands of pieces).
    e, g = Parameter("e", "positive"), Parameter("g", "positive")
    params = {"e": e, "g": g}
    d = 1 + e.symbol
    m = d + g.symbol
    back = {
        e.symbol: model.parameters["d"].symbol - 1,
        g.symbol: model.parameters["m"].symbol - model.parameters["d"].symbol,
    }
    report.text(
        "The assumptions d > 1 and m > d are written as domains: d = 1 + e and m = d + g with "
        "e, g > 0, so that symbolic backward induction (spe_regions) works on exactly the "
        "model's parameter space and every candidate it keeps is one there. A region that is "
        "True is the whole space."
    )

    def accommodates(eq):
        return all(
            action == ("Acquiesce" if label.startswith("Incumbent") else "Enter")
            for label, action in eq.choices
        )

    report.heading("The model file: three markets")
    regions = spe_regions(on_assumptions(model.game, m, d, params))
    report.table(
        ["SPE", "path", "payoffs", "region"],
        [
            [
                f"{len(eq.choices)} choices",
                ", ".join(eq.path),
                ", ".join(f"${sympy.latex(sympy.expand(v.xreplace(back)))}$" for v in eq.payoffs),
                f"${r.latex()}$",
            ]
            for eq, r in regions.items()
        ],
    )
    (spe, region), *others = regions.items()
    report.claim(
        "Source's claim (Selten 1978), three markets: the subgame-perfect equilibrium is unique, "
        "and in it every entrant enters and the incumbent acquiesces in every market, after "
        "every history",
        not others and accommodates(spe) and region.condition is sympy.true,
        f"Backward induction leaves {len(regions)} candidate; its {len(spe.choices)} choices "
        "(every information set, on and off the path) are Enter and Acquiesce, and its region "
        "is the whole parameter space.",
    )
    payoffs = [sympy.expand(v.xreplace(back)) for v in spe.payoffs]
    dd = model.parameters["d"].symbol
    report.claim(
        "Source's claim: the paradox's payoffs: the incumbent gets 3 d, each entrant d",
        payoffs == [3 * dd, dd, dd, dd],
        "Payoffs of the derived equilibrium: " + ", ".join(map(str, payoffs)) + ".",
    )

    report.heading("One to four markets")
    rows = []
    ok_all = True
    same_as_file = False
    for n in MARKETS:
        found = spe_regions(chain_store(n, m, d, params))
        (eq, r), *rest = found.items()
        ok = (
            not rest
            and r.condition is sympy.true
            and accommodates(eq)
            and len(eq.choices) == 2 * sum(3**k for k in range(n))
        )
        ok_all = ok_all and ok
        rows.append(
            [
                str(n),
                str(len(eq.choices)),
                str(len(found)),
                "yes" if accommodates(eq) else "no",
                f"${r.latex()}$",
                f"${sympy.latex(sympy.expand(eq.payoffs[0].xreplace(back)))}$",
            ]
        )
        if n == 3:
            same_as_file = sorted(eq.choices) == sorted(spe.choices) and eq.payoffs == spe.payoffs
    report.table(
        [
            "markets",
            "information sets",
            "candidates",
            "Enter and Acquiesce everywhere",
            "region",
            "incumbent's payoff",
        ],
        rows,
    )
    report.claim(
        "Source's claim (Selten 1978), one to four markets: for every number of markets the "
        "unique subgame-perfect equilibrium accommodates every entrant, after every history",
        ok_all,
        "For each number of markets N, backward induction leaves one equilibrium; it chooses "
        "Enter and Acquiesce at all 2 (1 + 3 + ... + 3^(N-1)) information sets and holds on "
        "the whole parameter space.",
    )
    report.claim(
        "the tree built for three markets is the model file's game (the same equilibrium, "
        "choice by choice, and the same payoffs)",
        same_as_file,
        "The three-market tree gives the model file's equilibrium at every information set.",
    )
    return report


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
