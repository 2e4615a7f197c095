"""Hub and spoke (Cha's powerplay): entrapment and free riding as the number of spokes grows.

Claims reproduced (Cha 2009/10, 2016, in the toolkit's cardinal rendering of
``models/hub-and-spoke.toml``): a bilateral commitment, conditional on each
spoke's restraint, restrains the spokes wherever the patron's threat to
abandon a provoking spoke is credible, while one unconditional multilateral
guarantee emboldens them and entraps the patron; entrapment risk grows with
the number of spokes n, so the patron prefers the bilateral design once n (or
the cost of entrapment) is large enough; and the spokes' contributions to a
shared defence are an n-player public good whose under-provision grows with n
(Olson and Zeckhauser 1966).

A model file has a fixed tree, so this script builds the n-spoke game for
n = 1..6 with the toolkit's own classes (:class:`SequentialGame`, sympy
payoffs in the model's parameters) and the spokes' public good as a
:class:`ContinuousGame`; everything is derived by the toolkit: credibility
conditions with ``credibility`` and ``threshold``, the design choice with
``spe_regions``, entrapment probabilities from the SPE the toolkit finds, and
the contributions with the continuous solver.

Run ``python proofs/hub_and_spoke.py`` to rewrite ``proofs/hub-and-spoke.md``.
"""

import sys
from fractions import Fraction
from pathlib import Path

import sympy

import gametheory_alliances as gta
from gametheory_alliances.continuous import ContinuousGame
from gametheory_alliances.predicates import outcome_table, substitute_parameters
from gametheory_alliances.report import Report
from gametheory_alliances.sequential import Chance, Decision, SequentialGame, Terminal
from gametheory_alliances.solvers.first_order import solve_numeric
from gametheory_alliances.symbolic import credibility, spe_regions, threshold
from gametheory_alliances.symbolic.continuous import solve_symbolic
from gametheory_alliances.symbolic.predicates import outcome_regions

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _helpers import interior, planner, positive_factors

SPOKES = range(1, 7)

# A slice of parameter space: the patron would not fight for a provocation on its own
# (v g = 1/2 < k_P = 1) and the multilateral reneging cost per member is r = 3/10, so
# that one watching member is too few to make the guarantee credible (r < k_P - v g)
# and two or more are enough.
SLICE = {"g": "1/2", "c_S": "1/2", "v": 1, "k_P": 1, "r": "3/10"}

H = gta.Parameter(
    "h", "(0, 1)", "1/2", "probability that a spoke is revisionist (has a provocation to choose)"
)


def hub_and_spoke_game(n: int, parameters: dict, revisionist: str | None = None) -> SequentialGame:
    """The hub-and-spoke game with n spokes, in the model file's parameters.

    The patron chooses Bilateral or Multilateral; spoke 1, ..., spoke n in turn
    Restrain or Provoke, and the patron Defends or Abandons each provoking
    spoke. With ``revisionist`` (the name of a probability parameter), a
    chance move before each spoke's turn makes it revisionist with that
    probability; a spoke in the status quo has no choice.
    """
    s = {k: p.symbol for k, p in parameters.items()}
    zero = sympy.Integer(0)

    def episode(i: int, cost: sympy.Expr, acc: list) -> object:
        if i > n:
            return Terminal(acc)

        def add(patron: sympy.Expr, spoke: sympy.Expr) -> list:
            new = list(acc)
            new[0] += patron
            new[i] += spoke
            return new

        turn = Decision(
            f"Spoke {i}",
            {
                "Restrain": episode(i + 1, cost, acc),
                "Provoke": Decision(
                    "Patron",
                    {
                        "Defend": episode(i + 1, cost, add(s["v"] * s["g"] - s["k_P"], s["g"])),
                        "Abandon": episode(i + 1, cost, add(-cost, -s["c_S"])),
                    },
                ),
            },
        )
        if revisionist is None:
            return turn
        h = s[revisionist]
        return Chance({"Revisionist": (h, turn), "Status quo": (1 - h, episode(i + 1, cost, acc))})

    start = [zero] * (n + 1)
    root = Decision(
        "Patron",
        {
            "Bilateral": episode(1, zero, list(start)),
            "Multilateral": episode(1, n * s["r"], [s["B"], *start[1:]]),
        },
    )
    players = ["Patron", *(f"Spoke {i}" for i in range(1, n + 1))]
    return SequentialGame(root, players=players, parameters=parameters)


def _subgame(game: SequentialGame, path: tuple[str, ...]) -> SequentialGame:
    """The subgame starting at the node reached by ``path`` from the root."""
    k = next(k for k in range(game.n_nodes) if game.node_path(k) == path)
    return SequentialGame(game.node(k), players=game.players, parameters=game.parameters)


def _probability(game: SequentialGame, choices: dict, start: tuple[str, ...]) -> sympy.Expr:
    """The probability, under a pure SPE's choices, that the patron fights from node ``start`` on.

    The chance moves' probabilities are multiplied along the SPE's choices
    below the node reached by ``start``; the event is a leaf after a Defend.
    """
    at = {game.node_path(h.nodes[0]): h.label for h in game.infosets}
    k = next(k for k in range(game.n_nodes) if game.node_path(k) == start)

    def walk(node, path: tuple[str, ...]) -> sympy.Expr:
        if isinstance(node, Terminal):
            return sympy.Integer(1 if _fought(path) else 0)
        if isinstance(node, Chance):
            return sum(
                (p * walk(sub, (*path, a)) for a, (p, sub) in node.outcomes.items()),
                sympy.Integer(0),
            )
        action = choices[at[path]]
        return walk(node.actions[action], (*path, action))

    return sympy.expand(walk(game.node(k), start))


def _fought(path: tuple[str, ...]) -> bool:
    return "Defend" in path


def _same_region(first: sympy.Basic, second: sympy.Basic, parameters: dict) -> bool:
    """Whether two conditions hold at exactly the same points (their symmetric difference is empty)."""
    return gta.Region((first & ~second) | (~first & second), parameters).is_empty()


def _numbers(values: dict) -> dict:
    return {k: Fraction(str(v)) for k, v in values.items()}


def build() -> Report:
    model = gta.load_model("hub-and-spoke")
    params = dict(model.parameters)
    sym = {k: p.symbol for k, p in params.items()}
    g, v, k_P, r, B = (sym[k] for k in ("g", "v", "k_P", "r", "B"))
    report = Report("hub-and-spoke", "Hub and spoke: derivation")
    report.text(model.description)
    report.text(model.notes)

    report.heading("The model file is the two-spoke member of the family")
    hparams = {**params, "h": H}
    games = {n: hub_and_spoke_game(n, params) for n in SPOKES}
    chance = {n: hub_and_spoke_game(n, hparams, "h") for n in SPOKES}
    two = games[2]
    ours = two.to_normal_form()
    theirs = model.game.to_normal_form()
    same = ours.strategies == theirs.strategies and all(
        sympy.expand(x - y) == 0
        for a, b in zip(ours.payoff_expressions(), theirs.payoff_expressions(), strict=True)
        for x, y in zip(a.flat, b.flat, strict=True)
    )
    report.claim(
        "Toolkit's check: the game this script builds for n = 2 has the model file's strategic form",
        same and [h.label for h in two.infosets] == [h.label for h in model.game.infosets],
        f"Same information sets, same {'x'.join(map(str, ours.shape))} reduced strategic form, "
        "payoffs equal as expressions.",
    )

    report.heading("Credibility under each design, as n grows")
    report.text(
        "For each n the toolkit's credibility() is applied to the patron's decision after the "
        "last spoke provokes (the earlier spokes restrained), under each design; threshold() "
        "solves the multilateral condition for r. Every other patron decision has the same "
        "payoff difference between Defend and Abandon (the continuation is the same after "
        "both), which the numeric checks below confirm at every node."
    )
    rows = []
    multi: dict[int, gta.Region] = {}
    bi: dict[int, gta.Region] = {}
    for n in SPOKES:
        game = games[n]
        last = ("Restrain",) * (n - 1) + ("Provoke",)
        bi[n] = credibility(_subgame(game, ("Bilateral", *last)), 0, "Defend", mode="some")
        multi[n] = credibility(_subgame(game, ("Multilateral", *last)), 0, "Defend", mode="some")
        rows.append(
            [
                n,
                f"${bi[n].latex()}$",
                f"${multi[n].latex()}$",
                f"${threshold(multi[n], 'r').latex()}$",
            ]
        )
    report.table(
        ["n", "bilateral: the patron defends a provoking spoke", "multilateral", "solved for r"],
        rows,
    )
    report.claim(
        "Toolkit's rendering: the conditional bilateral commitment is credible (the patron abandons a provoking spoke) "
        "exactly where v g < k_P, whatever n",
        all(bi[n].condition == bi[1].condition for n in SPOKES)
        and _same_region(bi[1].condition, v * g >= k_P, params),
        "The bilateral defence condition is v g >= k_P for every n, so Abandon is the patron's "
        "only choice exactly where v g < k_P.",
    )
    report.claim(
        "Toolkit's rendering: under the multilateral guarantee the patron defends a provoking "
        "spoke exactly where "
        "n r + v g >= k_P",
        all(_same_region(multi[n].condition, n * r + v * g >= k_P, params) for n in SPOKES),
        "For each n the derived condition and n r + v g >= k_P differ nowhere (their symmetric "
        "difference is empty).",
    )
    entrap = {n: multi[n] & gta.Region(v * g < k_P, params) for n in SPOKES}
    # The toolkit decides emptiness of linear conditions; the regions depend on v and g
    # only through the product v g, which becomes one parameter u >= 0 for these checks.
    u_p = gta.Parameter("u", "nonnegative", description="v g")
    flat = {**{k: params[k] for k in ("k_P", "r", "B")}, "u": u_p}

    def linear(cond: sympy.Basic) -> sympy.Basic:
        return cond.subs(v * g, u_p.symbol)

    report.text(
        "Entrapment in Kim's sense is a provoked war the patron would not fight without the "
        "commitment: the multilateral defence region minus the region where the patron defends "
        "anyway (the bilateral one, which is the commitment-free baseline r = 0):"
    )
    for n in (1, 2, 6):
        report.math(entrap[n].latex(), f"n = {n}:")
    report.claim(
        "Toolkit's rendering of Cha's entrapment risk growing with the alliance: the entrapment "
        "region grows strictly with n: each is contained in the next, and the "
        "next is larger",
        all(
            gta.Region(linear(entrap[n].condition & ~entrap[n + 1].condition), flat).is_empty()
            and not gta.Region(
                linear(entrap[n + 1].condition & ~entrap[n].condition), flat
            ).is_empty()
            for n in SPOKES
            if n + 1 in SPOKES
        ),
        "Region differences computed by the toolkit for n = 1..5 (in u = v g, which makes the "
        "conditions linear).",
    )
    report.claim(
        "Source's claim (Cha 2009: bilateral control restrains), in the toolkit's rendering: "
        "the bilateral conditional design never entraps: its defence region is the baseline's",
        all(gta.Region(linear(bi[n].condition & (v * g < k_P)), flat).is_empty() for n in SPOKES),
        "The bilateral defence region does not meet v g < k_P.",
    )

    report.heading("The outcome regions of the two-spoke model")
    outcomes = outcome_regions(model)
    for name in ("restraint", "emboldenment", "entrapment"):
        report.text(f"{name} (some SPE):")
        report.math(outcomes[name].latex())
    report.claim(
        "Toolkit's rendering of Kim's entrapment on the two-spoke model: entrapment happens "
        "only where v g <= k_P <= 2 r + v g and the multilateral benefit B pays for at least one "
        "provoked war (B >= k_P - v g); where the guarantee is strictly credible "
        "(2 r + v g > k_P) both spokes provoke and B must pay for two (B >= 2 (k_P - v g)). At "
        "v g = k_P the patron is indifferent about fighting without the commitment and fights "
        'in every SPE with it, which the model\'s tie rule (baseline_ties = "count") counts',
        gta.Region(
            linear(
                outcomes["entrapment"].condition
                & ~((v * g <= k_P) & (2 * r + v * g >= k_P) & (B >= k_P - v * g))
            ),
            flat,
        ).is_empty()
        and gta.Region(
            linear(
                outcomes["entrapment"].condition & (2 * r + v * g > k_P) & (B < 2 * (k_P - v * g))
            ),
            flat,
        ).is_empty(),
        "The entrapment region from outcome_regions() lies inside the first set, and meets "
        "the strictly credible region only where B >= 2 (k_P - v g). On the boundary "
        "2 r + v g = k_P the patron is indifferent and some SPE defend only the first spoke.",
    )

    report.heading("The patron's choice of design, as n grows")
    report.text(
        "On the slice "
        + ", ".join(f"{k} = {val}" for k, val in SLICE.items())
        + " (one member's reneging cost r = 3/10 is below k_P - v g = 1/2, two members' is "
        "above), with B free, symbolic backward induction on the whole n-spoke tree gives the "
        "region where the patron chooses the bilateral design in every SPE:"
    )
    fixed = _numbers(SLICE)
    rows = []
    cuts = {}
    for n in SPOKES:
        game = substitute_parameters(games[n], fixed)
        region = credibility(game, "Patron at root", "Bilateral")
        cuts[n] = threshold(region, "B")
        rows.append([n, f"${cuts[n].latex()}$"])
    report.table(["n", "bilateral design in every SPE"], rows)
    half = sympy.Rational(1, 2)
    report.claim(
        "Source's claim (Cha 2009: the powerplay preference for bilateral alliances), in the "
        "toolkit's rendering, where it follows from the multilateral guarantee's reneging cost "
        "n r (growing with the members who watch) against a benefit B that does not grow: "
        "with one spoke the multilateral guarantee is not credible, so it entraps nobody and the "
        "patron takes its benefit (the bilateral design is never strictly preferred); from two "
        "spokes on the patron prefers the bilateral design exactly where B < n (k_P - v g) = n/2",
        cuts[1].is_empty()
        and all(_same_region(cuts[n].condition, B < n * half, params) for n in SPOKES if n > 1),
        "Each derived region compared with B < n/2 (empty symmetric difference).",
    )
    report.claim(
        "Toolkit's rendering (a consequence of the n r reneging cost, not a claim of the source): "
        "the bilateral design is preferred on a growing set of benefits B as n grows: for each "
        "B the patron switches to it once n is large enough",
        all(
            gta.Region(cuts[n].condition & ~cuts[n + 1].condition, params).is_empty()
            for n in SPOKES
            if n + 1 in SPOKES
        ),
        "Each region lies inside the next.",
    )

    report.heading("Revisionist spokes: the probability of entrapment")
    report.text(
        "In the variant each spoke is revisionist (has a provocation to choose) with probability "
        "h, a chance move before its turn; the model file is its h = 1 member. On the same slice "
        "with h and B free, symbolic backward induction gives the SPE of the whole tree; the "
        "probability that the patron fights at least one provoked war is read off the SPE's "
        "choices and the tree's chance moves."
    )
    h = H.symbol
    rows = []
    probs: dict[str, dict[int, sympy.Expr]] = {"Bilateral": {}, "Multilateral": {}}
    choose = {}
    for n in SPOKES:
        game = substitute_parameters(chance[n], fixed)
        regions = spe_regions(game)
        eq = next(iter(regions))
        for design in probs:
            probs[design][n] = _probability(game, dict(eq.choices), (design,))
        bilateral = [
            reg for e, reg in regions.items() if dict(e.choices)["Patron at root"] == "Bilateral"
        ]
        choose[n] = threshold(gta.Region(sympy.Or(*(x.condition for x in bilateral)), hparams), "B")
        rows.append(
            [
                n,
                f"${sympy.latex(sympy.factor(probs['Multilateral'][n]))}$",
                f"${sympy.latex(probs['Bilateral'][n])}$",
                f"${choose[n].latex()}$",
            ]
        )
    report.table(
        [
            "n",
            "P(a provoked war), multilateral",
            "P(a provoked war), bilateral",
            "the patron chooses the bilateral design in some SPE",
        ],
        rows,
    )
    report.claim(
        "Toolkit's rendering: under the multilateral guarantee (n >= 2 on the slice) the patron "
        "is dragged into a "
        "provoked war with probability 1 - (1 - h)^n, under the bilateral design never",
        all(
            sympy.expand(probs["Multilateral"][n] - (1 - (1 - h) ** n)) == 0
            for n in SPOKES
            if n > 1
        )
        and probs["Multilateral"][1] == 0
        and all(probs["Bilateral"][n] == 0 for n in SPOKES),
        "The probabilities computed from the SPE, expanded, equal 1 - (1 - h)^n; for n = 1 the "
        "guarantee is not credible on the slice and the spoke restrains itself.",
    )
    report.claim(
        "Toolkit's rendering: that probability rises strictly with n for every h in (0, 1)",
        all(
            positive_factors(probs["Multilateral"][n + 1] - probs["Multilateral"][n], hparams)[1]
            == 1
            for n in SPOKES
            if n > 1 and n + 1 in SPOKES
        ),
        "Each difference of consecutive probabilities factors into terms the toolkit proves "
        "positive: "
        + "; ".join(
            f"${sympy.latex(sympy.factor(probs['Multilateral'][n + 1] - probs['Multilateral'][n]))}$"
            for n in (2, 3)
        )
        + ", ...",
    )
    report.claim(
        "Toolkit's rendering (again driven by the n r reneging cost): with revisionist spokes "
        "the patron prefers the bilateral design exactly where "
        "B <= n h (k_P - v g) = n h / 2 (n >= 2): the threshold rises with n and with h",
        all(_same_region(choose[n].condition, B <= n * h * half, hparams) for n in SPOKES if n > 1),
        "The derived regions (some SPE chooses Bilateral) compared with B <= n h/2.",
    )

    report.heading("Numeric check with the SPE solver")
    rows = []
    agree = True
    for n in SPOKES:
        game = games[n]
        point = {**fixed, "B": Fraction(3, 4)}
        patron = [i.label for i in game.infosets if i.label.startswith("Patron after Multilateral")]
        for label, r_value in (
            ("just below", Fraction(1, 2 * n) - Fraction(1, 100)),
            ("just above", Fraction(1, 2 * n) + Fraction(1, 100)),
        ):
            values = {**point, "r": r_value}
            result = gta.subgame_perfect_equilibria(game.at(**values))
            credible = n * r_value + Fraction(1, 2) >= 1
            defends = {eq.choices()[label] for eq in result for label in patron}
            agree = (
                agree and len(result) == 1 and defends == ({"Defend"} if credible else {"Abandon"})
            )
            eq = result[0]
            agree = agree and (eq.path[0] == "Bilateral") == (
                credible and n * Fraction(1, 2) > Fraction(3, 4)
            )
            rows.append([n, f"{label} r = (k_P - v g)/n: r = {r_value}", ", ".join(eq.path)])
    report.table(["n", "point (B = 3/4)", "the unique SPE path"], rows)
    report.claim(
        "Toolkit's check: at every patron node of the multilateral subtree the solver's unique SPE defends "
        "exactly where n r + v g >= k_P, and the root chooses the bilateral design exactly where "
        "that guarantee would entrap and n (k_P - v g) > B",
        agree,
        "Exact SPE of the whole n-spoke tree, n = 1..6, at r just below and just above the "
        "threshold, B = 3/4.",
    )
    rows = []
    agree = True
    third = Fraction(1, 3)
    for n in SPOKES:
        game = chance[n].at(**{**fixed, "B": 0, "h": third})
        multilateral = _subgame(game, ("Multilateral",))
        (eq,) = gta.subgame_perfect_equilibria(multilateral)
        war = sum((p for path, p in eq.outcomes if _fought(path)), Fraction(0))
        expected = probs["Multilateral"][n].subs(h, sympy.Rational(1, 3))
        agree = agree and war == Fraction(int(expected.p), int(expected.q))
        rows.append([n, str(war)])
    report.table(["n", "P(a provoked war) under the multilateral design, h = 1/3"], rows)
    report.claim(
        "Toolkit's check: the solver's SPE of the multilateral subgame at h = 1/3 give the same probabilities",
        agree,
        "Sum of the exact probabilities of the leaves after a Defend (SubgamePerfectEquilibrium."
        "outcomes).",
    )
    rows = []
    for name, values in (
        ("defaults", {}),
        ("one member's reneging cost suffices (r = 3/5)", {"r": "3/5"}),
        ("a large benefit B = 3/2", {"B": "3/2"}),
        ("the patron values the gain (v = 3)", {"v": 3}),
    ):
        for row in outcome_table(model, **values):
            rows.append(
                [
                    name,
                    ", ".join(row["path"]),
                    *("yes" if row[o] else "" for o in model.outcomes.names),
                ]
            )
    report.table(["two-spoke model", "SPE path", *model.outcomes.names], rows)
    check = all(
        any(row[o] for row in outcome_table(model, **values)) == outcomes[o].contains(**values)
        for values in ({}, {"r": "3/5"}, {"B": "3/2"}, {"v": 3})
        for o in model.outcomes.names
    )
    report.claim(
        "Toolkit's check: the symbolic outcome regions agree with the numeric SPE solver at "
        "these points",
        check,
        "For each point and predicate: some numeric SPE has the outcome iff the point lies in "
        "the predicate's region.",
    )

    _free_riding(report)
    return report


def _tidy(expr: sympy.Expr, *gather: sympy.Symbol) -> sympy.Expr:
    """A ratio for display: signs cleared, numerator and denominator collected in ``gather``."""
    num, den = sympy.fraction(sympy.factor(expr))
    if sympy.expand(den).could_extract_minus_sign():
        num, den = -num, -den
    return sympy.Mul(
        sympy.collect(sympy.expand(num), gather),
        sympy.Pow(sympy.collect(sympy.expand(den), gather), -1),
        evaluate=False,
    )


def _free_riding(report: Report) -> None:
    report.heading("Free riding: the spokes' contributions as an n-player public good")
    report.text(
        "Each spoke i has income w and spends q_i on a defence shared by all the spokes, on top "
        "of the hub's guarantee G: utility (1 - a) ln(w - q_i) + a ln(G + q_1 + ... + q_n), "
        "0 < a < 1, as in the public-good model (Olson and Zeckhauser). For n = 1..6 the "
        "toolkit's continuous solver gives the Nash equilibrium in which every spoke "
        "contributes, and the Pareto optimum (the planner's game, maximising the sum of "
        "utilities)."
    )
    a_p, w_p, G_p = (
        gta.Parameter("a", "(0, 1)", description="weight of defence in utility"),
        gta.Parameter("w", "positive", description="a spoke's income"),
        gta.Parameter("G", "nonnegative", description="the hub's guarantee"),
    )
    a, w, G = a_p.symbol, w_p.symbol, G_p.symbol
    base = {"a": a_p, "w": w_p, "G": G_p}
    n = sympy.Symbol("n", positive=True)
    rows = []
    nash_q, best_Q, regions, nobody, slack = {}, {}, {}, {}, True
    games = {}
    for k in SPOKES:
        qs = [f"q_{i}" for i in range(1, k + 1)]
        shared = " + ".join(qs)
        game = ContinuousGame(
            [f"Spoke {i}" for i in range(1, k + 1)],
            qs,
            [(0, None)] * k,
            [f"(1 - a)*log(w - {q}) + a*log(G + {shared})" for q in qs],
            parameters=list(base.values()),
            title=f"{k} spokes",
        )
        games[k] = game
        nash = interior(solve_symbolic(game, contributors=game.players))
        (alone,) = solve_symbolic(game, contributors=[])
        nobody[k] = alone.region
        best = interior(solve_symbolic(planner(game), contributors=game.players))
        slack = slack and all(
            positive_factors(w - q, base, nash.region.condition)[1] == 1 for q in nash.strategies
        )
        symmetric = all(sympy.simplify(q - nash.strategies[0]) == 0 for q in nash.strategies)
        slack = slack and symmetric
        nash_q[k] = sympy.factor(nash.strategies[0])
        best_Q[k] = sympy.factor(sum(best.strategies))
        regions[k] = nash.region
        rows.append(
            [
                k,
                f"${sympy.latex(nash_q[k])}$",
                f"${sympy.latex(sympy.factor(k * nash_q[k]))}$",
                f"${sympy.latex(best_Q[k])}$",
                f"${nash.region.latex()}$",
            ]
        )
    report.table(
        [
            "n",
            "Nash q_i (each spoke)",
            "Nash total Q",
            "optimal total",
            "where (every spoke contributes)",
        ],
        rows,
    )
    report.claim(
        "Toolkit's check: the Nash equilibrium is symmetric and the income bounds q_i <= w are slack, so the "
        "bounds dropped from the games are harmless",
        slack,
        "All levels equal; w - q_i factors into terms the toolkit proves positive where the "
        "spokes contribute.",
    )
    contribute = gta.Region(a * w > (1 - a) * G, base)
    report.claim(
        "Toolkit's rendering: the spokes contribute (the interior equilibrium exists) exactly where a w > (1 - a) G, "
        "whatever n: a large enough guarantee from the hub crowds them out entirely",
        all(
            _same_region(regions[k].condition, contribute.condition, base)
            and _same_region(nobody[k].condition, ~contribute.condition, base)
            for k in SPOKES
        ),
        "Each interior region from solve_symbolic compared with a w > (1 - a) G, and the region "
        "where nobody contributing is an equilibrium with its complement.",
    )

    report.text(
        "The closed forms for n = 1..6 are one formula in n. The symmetric first-order "
        "condition of one spoke, with the other n - 1 at the same level, solved with sympy for "
        "symbolic n, gives it; the claims below check it against the toolkit's solutions and "
        "prove its monotonicity in n with the toolkit's sign reasoning, written in m = n - 1 >= 0 "
        "(the other spokes) and b = 1 - a in (0, 1) (the weight of private consumption), in "
        "which every sign is structural."
    )
    x, y = sympy.symbols("x y")
    own = (1 - a) * sympy.log(w - x) + a * sympy.log(G + x + (n - 1) * y)
    (q_n,) = sympy.solve(sympy.diff(own, x).subs(y, x), x)
    q_n = sympy.factor(q_n)
    Q_n = sympy.factor(n * q_n)
    (q_best,) = sympy.solve(
        sympy.diff(n * ((1 - a) * sympy.log(w - x) + a * sympy.log(G + n * x)), x), x
    )
    Q_best = sympy.factor(n * q_best)
    shown = _tidy(q_n, G, n)
    report.math(sympy.Eq(sympy.Symbol("q_i"), shown), "Nash contribution of each spoke:")
    report.math(sympy.Eq(sympy.Symbol("Q"), sympy.Mul(n, shown, evaluate=False)), "Nash total:")
    report.math(sympy.Eq(sympy.Symbol("Q^*"), Q_best), "Optimal total:")
    report.claim(
        "Toolkit's check: the formula in n reproduces the toolkit's Nash and optimal levels for n = 1..6",
        all(
            sympy.simplify(q_n.subs(n, k) - nash_q[k]) == 0
            and sympy.simplify(Q_best.subs(n, k) - best_Q[k]) == 0
            for k in SPOKES
        ),
        "Differences simplify to 0 at each n.",
    )
    b_p = gta.Parameter("b", "(0, 1)", description="1 - a")
    m_p = gta.Parameter("m", "nonnegative", description="n - 1, the other spokes")
    b, m = b_p.symbol, m_p.symbol
    structural = {"b": b_p, "w": w_p, "G": G_p, "m": m_p}

    def in_m(expr: sympy.Expr) -> sympy.Expr:
        return sympy.factor(expr.subs({a: 1 - b, n: 1 + m}))

    inside = contribute.condition.subs(a, 1 - b)
    dq, dQ = in_m(sympy.diff(q_n, n)), in_m(sympy.diff(Q_n, n))
    report.claim(
        "Source's claim (Olson and Zeckhauser 1966, as Cha applies it to the spokes), in the "
        "toolkit's rendering: each spoke contributes less as n grows (free riding), while the total rises, towards "
        "the bound (a w - (1 - a) G)/(1 - a)",
        positive_factors(-dq, structural, inside)[1] == 1
        and positive_factors(dQ, structural, inside)[1] == 1
        and sympy.simplify(sympy.limit(Q_n, n, sympy.oo) - (a * w - (1 - a) * G) / (1 - a)) == 0,
        f"In m and b, dq_i/dn = ${sympy.latex(dq)}$ and dQ/dn = ${sympy.latex(dQ)}$ factor into "
        "terms the toolkit proves negative and positive where the spokes contribute; sympy's "
        "limit of Q as n grows.",
    )
    crowd = sympy.factor(-sympy.diff(Q_n, G))
    report.claim(
        "Toolkit's rendering: the hub's guarantee crowds out the spokes' defence, more so the more spokes there are: "
        "a unit of G lowers Q by n (1 - a)/(a + (1 - a) n), which is below 1 and rises with n",
        positive_factors(in_m(crowd), structural)[1] == 1
        and positive_factors(in_m(1 - crowd), structural)[1] == 1
        and positive_factors(in_m(sympy.diff(crowd, n)), structural)[1] == 1,
        f"-dQ/dG = ${sympy.latex(crowd)}$; it, 1 minus it, and its derivative in n factor, in m "
        "and b, into provably positive terms.",
    )
    ratio = sympy.factor(sympy.cancel((Q_n / Q_best).subs(G, 0)))
    shortfall = sympy.factor(Q_best - Q_n)
    rise = in_m(sympy.diff(shortfall, n))
    report.claim(
        "Source's claim (Olson and Zeckhauser 1966), in the toolkit's rendering: provision falls "
        "short of the optimum, the more so as n grows: without the hub's "
        "guarantee the Nash/optimum ratio is 1/(a + (1 - a) n), falling in n; with it, the "
        "shortfall Q* - Q is 0 for one spoke and rises with n",
        positive_factors(in_m(-sympy.diff(ratio, n)), structural)[1] == 1
        and sympy.simplify(ratio - 1 / (a + (1 - a) * n)) == 0
        and sympy.simplify(shortfall.subs(n, 1)) == 0
        and positive_factors(rise, structural, inside)[1] == 1,
        f"Ratio ${sympy.latex(ratio)}$; shortfall ${sympy.latex(shortfall)}$, whose derivative "
        f"in n is, in m and b, ${sympy.latex(rise)}$, proven positive.",
    )
    rows = []
    close = True
    point = {"a": Fraction(1, 2), "w": Fraction(10), "G": Fraction(2)}
    for k in SPOKES:
        game = games[k]
        bounded = ContinuousGame(
            game.players,
            [str(q) for q in game.variables],
            [(0, "w")] * k,
            list(game.utilities),
            parameters=list(base.values()),
        )
        numeric = solve_numeric(bounded.at(**point), tol=1e-7)
        exact = q_n.subs(
            {
                n: k,
                **{
                    sym: sympy.Rational(val)
                    for sym, val in zip((a, w, G), point.values(), strict=True)
                },
            }
        )
        close = (
            close
            and numeric.converged
            and all(abs(q - float(exact)) < 1e-6 for q in numeric.strategies)
        )
        rows.append(
            [k, f"{numeric.strategies[0]:.6f}", str(exact), f"{sum(numeric.strategies):.6f}"]
        )
    report.table(["n", "q_i by iterated best responses", "closed form", "total Q"], rows)
    report.claim(
        "iterated best responses (a = 1/2, w = 10, G = 2) agree with the closed form for n = 1..6",
        close,
        "Levels within 1e-6 of the exact formula.",
    )


if __name__ == "__main__":
    result = build()
    result.verify()
    print(result.write(Path(__file__).resolve().parent))
