"""Notebook display: HTML tables and LaTeX of games, equilibria, regions and results.

The HTML is parsed back with :class:`html.parser.HTMLParser` (tags must
balance, text must come back unescaped and complete) and the tables read
back are compared with the objects they show; the LaTeX is checked for
balanced braces and environments, for containing what :func:`sympy.latex`
makes of each expression, and, where it is simple enough, parsed by
matplotlib's mathtext.
"""

from __future__ import annotations

import itertools
import re
from fractions import Fraction
from html.parser import HTMLParser

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.mathtext import MathTextParser

import gametheory_alliances as gta
from gametheory_alliances import NormalFormGame, Parameter
from gametheory_alliances.catalogue import Citation, Model, load_model
from gametheory_alliances.display import (
    MAX_CELLS,
    MAX_ROWS,
    game_html,
    latex_text,
    number_latex,
    number_text,
)
from gametheory_alliances.equilibrium import Equilibrium, SolverResult
from gametheory_alliances.report import Report
from gametheory_alliances.sequential import Chance, Decision, SequentialGame, Terminal
from gametheory_alliances.signalling import SignallingGame
from gametheory_alliances.solvers.perfect_bayesian import PBEResult, perfect_bayesian_equilibria
from gametheory_alliances.symbolic import (
    Region,
    RegionsResult,
    SPERegionsResult,
    equilibrium_regions,
    grim_trigger_threshold,
    spe_regions,
)
from gametheory_alliances.symbolic.signalling import PBERegionsResult, pbe_regions

HOSTILE = ["<b>", "a&b", '"q"', "</table>", "x_1^2", "50% #1 $5", "{a}\\b|c~d", "<script>"]


# -- checkers ----------------------------------------------------------------------------------


class _Tables(HTMLParser):
    """Checks that tags balance and collects tables as lists of rows of cell texts."""

    VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "col", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tables: list[dict[str, list]] = []
        self.text: list[str] = []
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        self.stack.append(tag)
        if tag == "table":
            self.tables.append({"caption": [], "rows": []})
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "caption":
            self._cell = []

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
            return
        self.stack.pop()
        if tag in ("td", "th"):
            assert self._row is not None and self._cell is not None
            self._row.append("".join(self._cell))
            self._cell = None
        elif tag == "caption":
            self.tables[-1]["caption"].append("".join(self._cell or []))
            self._cell = None
        elif tag == "tr":
            self.tables[-1]["rows"].append(self._row)
            self._row = None

    def handle_data(self, data):
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def parse_html(text: str) -> _Tables:
    """Parse HTML, failing the test if tags do not balance."""
    assert isinstance(text, str) and text
    parser = _Tables()
    parser.feed(text)
    parser.close()
    assert not parser.errors, parser.errors
    assert not parser.stack, f"unclosed tags {parser.stack}"
    return parser


def check_latex(text: str) -> None:
    """Braces, environments, ``\\left``/``\\right`` and ``$`` delimiters balance."""
    assert isinstance(text, str) and text
    # escaped characters are not delimiters
    body = re.sub(r"\\[{}$&#%_]", "", text)
    depth = 0
    for ch in body:
        depth += ch == "{"
        depth -= ch == "}"
        assert depth >= 0, f"unbalanced braces in {text!r}"
    assert depth == 0, f"unbalanced braces in {text!r}"
    envs: list[str] = []
    for kind, name in re.findall(r"\\(begin|end)\{(\w+)\}", body):
        if kind == "begin":
            envs.append(name)
        else:
            assert envs and envs.pop() == name, f"environments do not nest in {text!r}"
    assert not envs
    assert len(re.findall(r"\\left\b", body)) == len(re.findall(r"\\right\b", body))
    assert body.count("$") % 2 == 0
    assert text.startswith("$") and text.endswith("$")


_MATHTEXT = MathTextParser("path")


def mathtext_ok(tex: str) -> None:
    """matplotlib's mathtext parses the inline formula (raises otherwise)."""
    _MATHTEXT.parse(f"${tex}$")


def decode_latex_text(tex: str) -> str:
    """Invert :func:`latex_text` (an independent reading of its output)."""
    symbols = {
        r"\backslash ": "\\",
        r"\{": "{",
        r"\}": "}",
        r"\$": "$",
        r"\&": "&",
        r"\#": "#",
        r"\%": "%",
        r"\_": "_",
        r"\hat{}": "^",
        r"\sim ": "~",
        r"\vert ": "|",
        r"\backslash": "\\",
        r"\sim": "~",
        r"\vert": "|",
        "<": "<",
        ">": ">",
    }
    out, k = [], 0
    while k < len(tex):
        if tex.startswith(r"\text{", k):
            end = tex.index("}", k)
            out.append(tex[k + 6 : end])
            k = end + 1
            continue
        for sym in sorted(symbols, key=len, reverse=True):
            if tex.startswith(sym, k):
                out.append(symbols[sym])
                k += len(sym)
                break
        else:
            raise AssertionError(f"unexpected LaTeX at {tex[k:]!r} in {tex!r}")
    return "".join(out)


def cells(table: dict) -> list[list[str]]:
    return [row for row in table["rows"]]


# -- games ---------------------------------------------------------------------------------------


PD = NormalFormGame(
    [[[3, 0], [5, 1]], [[3, 5], [0, 1]]],
    players=["Row", "Column"],
    strategies=[["Cooperate", "Defect"], ["Cooperate", "Defect"]],
    title="Prisoner's Dilemma",
)


def burden_sharing() -> NormalFormGame:
    return NormalFormGame(
        [[["b2 - c", "b1 - c"], ["b1", 0]], [["b2 - c", "b1"], ["b1 - c", 0]]],
        players=["Ally A", "Ally B"],
        strategies=[["C", "F"], ["C", "F"]],
        parameters={"b1": "nonnegative", "b2": "nonnegative", "c": "positive"},
        title="Burden sharing",
    )


def read_bimatrix(
    table: dict, n_players: int
) -> tuple[list[str], list[str], list[list[list[str]]]]:
    """Row labels, column labels and the payoff texts of a payoff table."""
    header, *rows = cells(table)
    columns = header[1:]
    row_labels = [r[0] for r in rows]
    payoffs = [[c.split(", ") for c in r[1:]] for r in rows]
    assert all(len(p) == n_players for r in payoffs for p in r)
    return row_labels, columns, payoffs


def test_two_player_table_reads_back_as_the_payoffs():
    parsed = parse_html(PD._repr_html_())
    (table,) = parsed.tables
    assert table["caption"] == ["Prisoner's Dilemma"]
    rows, columns, payoffs = read_bimatrix(table, 2)
    assert rows == list(PD.strategies[0]) and columns == list(PD.strategies[1])
    a, b = PD.payoff_arrays(exact=True)
    for i, j in itertools.product(range(2), range(2)):
        assert [Fraction(x) for x in payoffs[i][j]] == [a[i, j], b[i, j]]
    assert cells(table)[0][0] == "Row \\ Column"


def test_three_player_game_has_one_labelled_table_per_later_strategy():
    rng = np.random.default_rng(7)
    arrays = [rng.integers(-9, 10, size=(2, 3, 4)) for _ in range(3)]
    game = NormalFormGame(
        [a.tolist() for a in arrays],
        players=["P1", "P2", "P3"],
        strategies=[["a", "b"], ["x", "y", "z"], ["L", "M", "N", "R"]],
        title="three",
    )
    parsed = parse_html(game._repr_html_())
    payoff_tables = [t for t in parsed.tables if t["caption"] and "P3" in t["caption"][0]]
    assert len(payoff_tables) == 4
    for k, table in enumerate(payoff_tables):
        assert table["caption"] == [f"three \u2014 P3: {game.strategies[2][k]}"]
        rows, columns, payoffs = read_bimatrix(table, 3)
        assert rows == ["a", "b"] and columns == ["x", "y", "z"]
        for i, j in itertools.product(range(2), range(3)):
            assert [int(x) for x in payoffs[i][j]] == [int(a[i, j, k]) for a in arrays]
    latex = game._repr_latex_()
    check_latex(latex)
    assert latex.count("\\begin{array}{c|ccc}") == 4
    for s in ("L", "M", "N", "R"):
        assert f"\\text{{P3: {s}}}" in latex


def test_one_player_and_four_player_games_render():
    solo = NormalFormGame([[1, "1/2", 3]], players=["Alone"], strategies=[["u", "v", "w"]])
    parsed = parse_html(solo._repr_html_())
    assert cells(parsed.tables[0]) == [["Alone", "payoff"], ["u", "1"], ["v", "1/2"], ["w", "3"]]
    check_latex(solo._repr_latex_())
    four = NormalFormGame([np.arange(16).reshape(2, 2, 2, 2) * (i + 1) for i in range(4)])
    parsed = parse_html(four._repr_html_())
    captions = [t["caption"][0] for t in parsed.tables if t["caption"]]
    assert captions == [f"Player 3: {c}, Player 4: {d}" for c, d in itertools.product("12", "12")]
    check_latex(four._repr_latex_())


def test_symbolic_game_shows_expressions_and_parameters():
    game = burden_sharing()
    html_text = game._repr_html_()
    parsed = parse_html(html_text)
    table = parsed.tables[0]
    _, _, payoffs = read_bimatrix(table, 2)
    exprs = game.payoff_expressions()
    for i, j in itertools.product(range(2), range(2)):
        assert payoffs[i][j] == [sympy.sstr(exprs[0][i, j]), sympy.sstr(exprs[1][i, j])]
    params = next(t for t in parsed.tables if t["caption"] == ["parameters"])
    assert [r[0] for r in cells(params)[1:]] == ["b1", "b2", "c"]
    assert [r[1] for r in cells(params)[1:]] == ["[0, oo)", "[0, oo)", "(0, oo)"]
    latex = game._repr_latex_()
    check_latex(latex)
    for e in {*exprs[0].flat, *exprs[1].flat}:
        assert sympy.latex(e) in latex


def test_floating_point_payoffs_print_to_six_digits():
    game = NormalFormGame([[[1 / 3, 2.0]], [[1e-9, -0.0]]])
    (table,) = parse_html(game._repr_html_()).tables
    assert cells(table)[1][1:] == ["0.333333, 1e-09", "2, 0"]
    latex = game._repr_latex_()
    check_latex(latex)
    assert "1 \\cdot 10^{-9}" in latex


def test_hostile_labels_are_escaped_and_come_back_intact():
    players = ["<b>", "a&b"]
    strategies = [["</table>", '"q"', "<script>"], ["x_1^2", "50% #1 $5"]]
    game = NormalFormGame(
        [np.zeros((3, 2), dtype=int), np.ones((3, 2), dtype=int)],
        players=players,
        strategies=strategies,
        title="<i>title</i>",
    )
    text = game._repr_html_()
    assert "<b>" not in text and "<script>" not in text and "<i>" not in text
    parsed = parse_html(text)
    (table,) = parsed.tables
    assert table["caption"] == ["<i>title</i>"]
    rows, columns, _ = read_bimatrix(table, 2)
    assert rows == strategies[0] and columns == strategies[1]
    assert cells(table)[0][0] == "<b> \\ a&b"
    latex = game._repr_latex_()
    check_latex(latex)
    assert "<b>" not in latex and "<\\text{b}>" in latex


@pytest.mark.parametrize("label", HOSTILE)
def test_latex_text_of_hostile_labels(label):
    tex = latex_text(label)
    check_latex(f"${tex}$")
    assert decode_latex_text(tex) == label
    if "&" not in label:  # mathtext lacks \&, which LaTeX and MathJax both have
        mathtext_ok(tex)


@settings(max_examples=100, derandomize=True)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30))
def test_latex_text_reads_back_as_the_text(text):
    tex = latex_text(text)
    check_latex(f"${tex}$")
    expected = text.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    assert decode_latex_text(tex) == expected


def test_numbers_keep_their_exactness():
    assert number_text(Fraction(-2, 6)) == "-1/3"
    assert number_text(0.1 + 0.2) == "0.3"
    assert number_text(np.float64(-0.0)) == "0"
    assert number_latex(Fraction(3, 4)) == sympy.latex(sympy.Rational(3, 4))
    assert number_latex(float("inf")) == "\\infty"
    mathtext_ok(number_latex(Fraction(3, 4)))
    mathtext_ok(number_latex(1.5e12))


def test_large_games_are_summarised_not_tabulated():
    side = int(MAX_CELLS**0.5) + 1
    game = NormalFormGame([np.zeros((side, side)), np.zeros((side, side))])
    text = game._repr_html_()
    parse_html(text)
    assert len(text) < 1000 and str(side * side) in text
    check_latex(game._repr_latex_())


def test_output_is_deterministic():
    a, b = burden_sharing(), burden_sharing()
    assert a._repr_html_() == b._repr_html_() and a._repr_latex_() == b._repr_latex_()
    ra, rb = equilibrium_regions(a), equilibrium_regions(b)
    assert ra._repr_html_() == rb._repr_html_() and ra._repr_latex_() == rb._repr_latex_()


# -- sequential games -------------------------------------------------------------------------------


def deterrence() -> SequentialGame:
    return SequentialGame(
        Decision(
            "Challenger",
            {
                "Status quo": Terminal([0, 0]),
                "Challenge": Decision(
                    "Patron",
                    {
                        "Defend": Terminal(["-1", "v*(pi_D - pi_S) + r - k_P"]),
                        "Abandon": Terminal([1, 0]),
                    },
                ),
            },
        ),
        parameters={
            "v": "positive",
            "pi_D": "[0, 1]",
            "pi_S": "[0, 1]",
            "r": "nonnegative",
            "k_P": "positive",
        },
        title="Deterrence",
    )


def test_tree_table_lists_every_node_action_and_payoff():
    game = deterrence()
    parsed = parse_html(game._repr_html_())
    nodes = parsed.tables[0]
    header, *rows = cells(nodes)
    assert header[-1] == "payoffs (Challenger, Patron)"
    assert len(rows) == game.n_nodes
    by_path = {r[1]: r for r in rows}
    assert by_path["(root)"][2] == "Challenger"
    assert by_path["(root)"][3] == "Status quo \u2192 1; Challenge \u2192 2"
    assert by_path["Challenge"][3] == "Defend \u2192 3; Abandon \u2192 4"
    assert by_path["Challenge > Defend"][4] == "-1, -k_P + r + v*(pi_D - pi_S)"
    assert by_path["Challenge > Abandon"][4] == "1, 0"
    assert not hasattr(game, "_repr_latex_")


def test_tree_with_chance_and_information_sets():
    def after(t):
        return Decision(
            "Receiver", {"A": Terminal([1, 1]), "B": Terminal([0, "q"])}, infoset="guess"
        )

    game = SequentialGame(
        Chance({"<hi>": ("q", after("h")), "lo": ("1 - q", after("l"))}),
        players=["Sender", "Receiver"],
        parameters={"q": "[0, 1]"},
    )
    parsed = parse_html(game._repr_html_())
    rows = cells(parsed.tables[0])[1:]
    assert rows[0][2] == "chance" and rows[0][3] == "<hi> (q) \u2192 1; lo (1 - q) \u2192 4"
    receivers = [r for r in rows if r[2].startswith("Receiver")]
    assert [r[2] for r in receivers] == ["Receiver [guess]", "Receiver [guess]"]


# -- equilibria and results -----------------------------------------------------------------------


def pennies() -> NormalFormGame:
    return NormalFormGame(
        [[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]],
        players=["Even", "Odd"],
        strategies=[["Heads", "Tails"], ["Heads", "Tails"]],
    )


def parse_vector(text: str, actions: list[str]) -> dict[str, str]:
    """The probabilities a mixed-notation cell (``0.4 C + 0.6 F``, or ``C``) gives each action."""
    shown = {a: "0" for a in actions}
    if text in shown:
        return {**shown, text: "1"}
    for part in text.split(" + "):
        weight, _, action = part.partition(" ")
        shown[action] = weight
    return shown


def test_equilibrium_table_shows_each_probability_and_payoff():
    game = NormalFormGame(
        [[[3, 0], [0, 1]], [[1, 0], [0, 3]]],
        strategies=[["Opera", "Fight"], ["Opera", "Fight"]],
    )
    eq = Equilibrium.from_profile(game, [["3/4", "1/4"], ["1/4", "3/4"]])
    assert eq.certify()
    (table,) = parse_html(eq._repr_html_()).tables
    assert table["caption"] == ["Equilibrium (exact)"]
    rows = cells(table)[1:]
    for i, row in enumerate(rows):
        assert row[0] == game.players[i]
        shown = parse_vector(row[1], game.strategies[i])
        assert {k: Fraction(v) for k, v in shown.items()} == dict(
            zip(game.strategies[i], eq.exact_strategies[i], strict=True)
        )
        assert Fraction(row[2]) == eq.exact_payoffs[i]
    latex = eq._repr_latex_()
    check_latex(latex)
    assert "\\frac{3}{4}" in latex and "\\frac{1}{4}" in latex and "\\text{Opera}" in latex


def test_solver_result_table_agrees_with_the_equilibria():
    game = NormalFormGame(
        [[[3, 0], [0, 1]], [[1, 0], [0, 3]]],
        players=["Her", "Him"],
        strategies=[["Opera", "Fight"], ["Opera", "Fight"]],
    )
    result = gta.nash_equilibria(game)
    assert len(result) == 3
    (table,) = parse_html(result._repr_html_()).tables
    caption = table["caption"][0]
    assert result.method in caption and "3 equilibria" in caption
    assert ("exact arithmetic" in caption) == result.exact
    header, *rows = cells(table)
    assert header[1:3] == ["Her (Opera, Fight)", "Him (Opera, Fight)"]
    assert len(rows) == len(result)
    for row, eq in zip(rows, result, strict=True):
        for i in range(2):
            shown = {
                k: Fraction(v) for k, v in parse_vector(row[1 + i], game.strategies[i]).items()
            }
            assert list(shown.values()) == list(eq.exact_strategies[i])
        assert [Fraction(x) for x in row[3].split(", ")] == list(eq.exact_payoffs)
    latex = result._repr_latex_()
    check_latex(latex)
    # the mixed equilibrium: two probabilities 3/4 and both payoffs 3/4
    assert latex.count("\\frac{3}{4}") == 4


def test_empty_result_says_no_equilibria():
    result = SolverResult(pennies(), "pure strategies", (), exact=True, notes=("a note",))
    parsed = parse_html(result._repr_html_())
    (table,) = parsed.tables
    _header, *rows = cells(table)
    assert rows[0] == ["no equilibria"]
    assert rows[-1] == ["note: a note"]
    assert "0 equilibria" in table["caption"][0]
    assert 'colspan="4"' in result._repr_html_()
    check_latex(result._repr_latex_())
    assert "no equilibria" in str(gta.pure_equilibria(pennies())._repr_html_())


def test_floating_point_equilibrium_says_so():
    game = NormalFormGame([[[2.5, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 2.5]]])
    eq = Equilibrium.from_profile(game, [[5 / 7, 2 / 7], [2 / 7, 5 / 7]])
    (table,) = parse_html(eq._repr_html_()).tables
    assert table["caption"] == ["Equilibrium (floating point)"]
    assert parse_vector(cells(table)[1][1], ["1", "2"]) == {"1": "0.714286", "2": "0.285714"}


# -- regions --------------------------------------------------------------------------------------


def test_region_html_and_latex():
    b, c = Parameter("b", "positive"), Parameter("c", "positive")
    region = Region((b.symbol >= 2 * c.symbol) & (c.symbol < 3), [b, c])
    text = region._repr_html_()
    parsed = parse_html(text)
    rows = cells(parsed.tables[0])
    assert rows[0][0] == "condition" and rows[0][1] == f"${sympy.latex(region.condition)}$"
    assert rows[1] == ["parameters", "b, c"]
    latex = region._repr_latex_()
    check_latex(latex)
    assert latex == f"${sympy.latex(region.condition)}$"
    mathtext_ok(sympy.latex(region.condition))
    empty = Region(b.symbol < 0, [b])
    assert "(provably empty)" in "".join(parse_html(empty._repr_html_()).text)


def test_regions_table_has_every_label_closed_form_and_condition():
    game = burden_sharing()
    result = equilibrium_regions(game)
    text = result._repr_html_()
    parsed = parse_html(text)
    (table,) = parsed.tables
    header, *rows = cells(table)
    assert header == [
        "#",
        "equilibrium",
        "Ally A (C, F)",
        "Ally B (C, F)",
        "payoffs (Ally A, Ally B)",
        "condition",
    ]
    assert len(rows) == len(result)
    for row, (eq, region) in zip(rows, result.entries, strict=True):
        assert row[1] == eq.label
        assert row[-1] == f"${sympy.latex(region.condition)}$"
        for i, s in enumerate(eq.strategies):
            for p in s:
                assert sympy.latex(p) in row[2 + i]
        for v in eq.payoffs:
            assert sympy.latex(v) in row[4]
    latex = result._repr_latex_()
    check_latex(latex)
    assert latex.startswith("$$\\begin{aligned}")
    assert latex.count("\\\\\n") == len(result) - 1
    for eq, region in result.entries:
        assert sympy.latex(region.condition) in latex
        assert latex_text(eq.label) in latex


def test_spe_regions_table():
    result = spe_regions(deterrence())
    assert isinstance(result, SPERegionsResult) and len(result) >= 2
    parsed = parse_html(result._repr_html_())
    header, *rows = cells(parsed.tables[0])
    assert header[2] == "path"
    for row, (eq, region) in zip(rows, result.entries, strict=True):
        assert row[1] == eq.label
        assert row[2] == eq.path_text
        assert row[-1] == f"${sympy.latex(region.condition)}$"
    latex = result._repr_latex_()
    check_latex(latex)
    for _, region in result.entries:
        assert sympy.latex(region.condition) in latex


def test_empty_regions_say_no_equilibria():
    for result in (
        RegionsResult(burden_sharing(), "nash", ()),
        SPERegionsResult(deterrence(), ()),
    ):
        parsed = parse_html(result._repr_html_())
        assert cells(parsed.tables[0])[1] == ["no equilibria"]
        latex = result._repr_latex_()
        check_latex(latex)
        assert "no equilibria" in latex


def test_grim_trigger_display():
    pd = NormalFormGame(
        [[["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]]],
        strategies=[["C", "D"], ["C", "D"]],
        parameters={"R": "real", "S": "real", "T": "real", "P": "real"},
    )
    result = grim_trigger_threshold(pd, ["C", "C"], ["D", "D"])
    parsed = parse_html(result._repr_html_())
    rows = cells(parsed.tables[0])[1:]
    delta = result.discount.symbol
    for row, (player, t) in zip(rows, result.thresholds.items(), strict=False):
        assert row == [player, f"${sympy.latex(delta >= t)}$"]
    assert rows[-1] == ["condition", f"${sympy.latex(result.condition.condition)}$"]
    latex = result._repr_latex_()
    check_latex(latex)


# -- signalling ---------------------------------------------------------------------------------------


def beer_quiche(prior: str = "9/10") -> SignallingGame:
    return SignallingGame.from_arrays(
        types=["Strong", "Weak"],
        priors=[prior, f"1 - {prior}" if not prior[0].isdigit() else str(1 - Fraction(prior))],
        messages=["Beer", "Quiche"],
        responses=["Duel", "Not duel"],
        payoffs=[
            [[(1, 0), (3, 1)], [(0, 0), (2, 1)]],
            [[(0, 1), (2, 0)], [(1, 1), (3, 0)]],
        ],
        players=["Sender", "Receiver"],
    )


def test_pbe_table_shows_strategies_beliefs_and_payoffs():
    game = beer_quiche("1/3")
    result = perfect_bayesian_equilibria(game, mixed=True)
    assert len(result) >= 1
    for eq in result:
        parsed = parse_html(eq._repr_html_())
        rows = cells(parsed.tables[0])[1:]
        for t, p, row in zip(game.types, eq.sender, rows, strict=False):
            assert row[0] == f"Sender, type {t}"
            shown = {k: Fraction(v) for k, v in parse_vector(row[1], game.messages).items()}
            assert shown == dict(zip(game.messages, map(Fraction, p), strict=True))
        for j, m in enumerate(game.messages):
            row = rows[len(game.types) + j]
            assert row[0] == f"Receiver, after {m}"
            shown = {k: Fraction(v) for k, v in parse_vector(row[1], game.responses[j]).items()}
            assert shown == dict(zip(game.responses[j], map(Fraction, eq.receiver[j]), strict=True))
        assert rows[len(game.types) + len(game.messages)][1] == (
            f"Sender: {number_text(eq.sender_payoff)}, Receiver: {number_text(eq.receiver_payoff)}"
        )
        check_latex(eq._repr_latex_())
    parsed = parse_html(result._repr_html_())
    rows = cells(parsed.tables[0])[1:]
    assert [r[1] for r in rows[: len(result)]] == [eq.classification for eq in result]
    assert [r[2] for r in rows[: len(result)]] == [eq.sender_strategy_text() for eq in result]
    check_latex(result._repr_latex_())


def test_empty_pbe_results_say_no_equilibria():
    game = beer_quiche()
    empty = PBEResult(game, (), exact=True, mixed=False, enumerated="nothing")
    assert cells(parse_html(empty._repr_html_()).tables[0])[1] == ["no equilibria"]
    check_latex(empty._repr_latex_())
    regions = PBERegionsResult(game, ())
    assert cells(parse_html(regions._repr_html_()).tables[0])[1] == ["no equilibria"]
    check_latex(regions._repr_latex_())


def test_pbe_regions_table_has_conditions():
    model = load_model("beer-quiche")
    result = pbe_regions(model.game)
    assert len(result) >= 1
    parsed = parse_html(result._repr_html_())
    rows = cells(parsed.tables[0])[1:]
    for row, r in zip(rows, result, strict=True):
        assert row[1] == r.classification
        assert row[-1] == f"${sympy.latex(r.region.condition)}$"
        parse_html(r._repr_html_())
        check_latex(r._repr_latex_())
    latex = result._repr_latex_()
    check_latex(latex)
    for r in result:
        assert sympy.latex(r.region.condition) in latex


# -- models and reports --------------------------------------------------------------------------------


def test_model_page_has_title_parameters_game_and_references():
    model = load_model("burden-sharing")
    text = model._repr_html_()
    parsed = parse_html(text)
    flat = "".join(parsed.text)
    assert model.title in flat
    assert " ".join(model.description.split()) in flat
    params = next(t for t in parsed.tables if t["caption"] == ["parameters"])
    assert [r[0] for r in cells(params)[1:]] == list(model.parameters)
    for c in model.citations:
        assert f"[{c.key}] {c.text}" in flat
    payoffs = [t for t in parsed.tables if t["caption"] == [model.game.title]]
    assert len(payoffs) == 1
    assert not hasattr(model, "_repr_latex_")


def test_model_with_hostile_text_and_doi():
    game = NormalFormGame([[[1]], [[2]]], parameters=[Parameter("q", "[0, 1]", "1/2", "<q>")])
    model = Model(
        name="x<y",
        title="A & B",
        game=game,
        description="uses <script>alert(1)</script>",
        citations=(Citation("K", "Text & more", doi='10.1/a"b<c'),),
        assumptions=((game.parameters["q"].symbol < 1, "q < 1"),),
    )
    text = model._repr_html_()
    assert "<script>" not in text and 'a"b' not in text
    parsed = parse_html(text)
    flat = "".join(parsed.text)
    assert "uses <script>alert(1)</script>" in flat and "Text & more" in flat
    assert "https://doi.org/10.1/a%22b%3Cc" in text


def test_every_catalogue_model_renders():
    for name, _ in gta.list_models():
        model = load_model(name)
        parse_html(model._repr_html_())
        if hasattr(model.game, "_repr_latex_"):
            check_latex(model.game._repr_latex_())


def test_report_renders_as_markdown():
    report = Report("toy", "A <toy>")
    report.math(sympy.Symbol("b") >= 2)
    assert report._repr_markdown_() == report.markdown()


def test_many_rows_are_cut_with_a_count():
    game = pennies()
    eq = Equilibrium.from_profile(game, [["1/2", "1/2"], ["1/2", "1/2"]])
    result = SolverResult(game, "repeat", (eq,) * (MAX_ROWS + 5))
    parsed = parse_html(result._repr_html_())
    rows = cells(parsed.tables[0])
    assert len(rows) == MAX_ROWS + 2 and rows[-1] == ["... and 5 more equilibria"]
    check_latex(result._repr_latex_())


def test_game_html_can_leave_out_parameters():
    text = game_html(burden_sharing(), parameters=False)
    assert "gta-parameters" not in text
    parse_html(text)
