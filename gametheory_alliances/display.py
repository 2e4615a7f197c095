"""Notebook display: games, equilibria, regions and results as HTML tables and LaTeX.

Jupyter shows an object through its ``_repr_html_`` (or ``_repr_latex_``)
method. The toolkit's classes define those methods as one-line calls into
this module, so that every rendering rule lives in one place:

* every label, title and description is escaped (:func:`html.escape` for
  HTML, :func:`latex_text` for LaTeX), so a player called ``<b>`` prints as
  ``<b>`` and breaks nothing;
* numbers keep their exactness: fractions print as fractions (``1/2``,
  ``\\frac{1}{2}``), floating-point numbers with six significant digits;
* expressions and conditions are rendered by :func:`sympy.latex`, inside
  ``$...$`` in HTML (which Jupyter typesets with MathJax), with the plain
  sympy text in the cell's ``title`` (shown on hover);
* the output is deterministic: rows follow the objects' own order, and very
  large objects are cut at a stated number of rows rather than sent whole to
  the browser.

LaTeX forms use only constructs that both LaTeX (with ``amsmath``) and
MathJax understand: ``array``, ``aligned``, ``\\text``, ``\\frac``.

The module is long but one idea: the rendering rules above, applied to each
of the toolkit's displayable objects. Keeping every object's HTML and LaTeX
beside the shared escaping and number rules is what keeps them consistent;
split by object, each piece would re-import the same rules.

Examples
--------
>>> from gametheory_alliances import NormalFormGame
>>> game = NormalFormGame(
...     [[[3, 0], [5, 1]], [[3, 5], [0, 1]]],
...     players=["Row", "Column"], strategies=[["C", "D"], ["C", "D"]],
...     title="Prisoner's Dilemma")
>>> print(game_html(game)[:80])
<div class="gta-game"><table class="gta-payoffs"><caption>Prisoner&#x27;s Dilemm
>>> print(game_latex(game))
$$\\begin{array}{c}
\\text{Prisoner's Dilemma} \\\\
\\begin{array}{c|cc}
\\text{Row} \\backslash \\text{Column} & \\text{C} & \\text{D} \\\\ \\hline
\\text{C} & 3, 3 & 0, 5 \\\\
\\text{D} & 5, 0 & 1, 1
\\end{array}
\\end{array}$$
>>> latex_text("R&D_1")
'\\\\text{R}\\\\&\\\\text{D}\\\\_\\\\text{1}'
"""

from __future__ import annotations

import html
import itertools
import math
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

import sympy

from .labels import (
    latex_text,
    mix_latex,
    mix_text,
    number_latex,
    number_text,
)

__all__ = [
    "MAX_CELLS",
    "MAX_ROWS",
    "equilibrium_html",
    "equilibrium_latex",
    "escape",
    "game_html",
    "game_latex",
    "grim_trigger_html",
    "grim_trigger_latex",
    "latex_text",
    "math_html",
    "model_html",
    "number_latex",
    "number_text",
    "pbe_html",
    "pbe_latex",
    "pbe_region_html",
    "pbe_region_latex",
    "pbe_regions_html",
    "pbe_regions_latex",
    "pbe_result_html",
    "pbe_result_latex",
    "region_html",
    "region_latex",
    "regions_html",
    "regions_latex",
    "sequential_html",
    "solver_result_html",
    "solver_result_latex",
]

MAX_CELLS = 10_000
"""Most payoff cells (pure profiles) a game's table shows; larger games get a summary."""

MAX_ROWS = 1_000
"""Most rows (nodes, equilibria, regions) a table shows; the rest are counted in a last row."""

NO_EQUILIBRIA = "no equilibria"
"""The text of the row an empty result shows."""


# -- text, numbers and expressions ------------------------------------------------------------


def escape(text: Any) -> str:
    """``str(text)`` escaped for HTML text and attribute values (quotes included).

    Examples
    --------
    >>> escape("<b> & 'x'")
    '&lt;b&gt; &amp; &#x27;x&#x27;'
    """
    return html.escape(str(text), quote=True)


def math_html(value: Any, plain: str | None = None) -> str:
    """A number, expression or condition as ``$LaTeX$`` in HTML, its plain text as the title.

    Examples
    --------
    >>> b, c = sympy.symbols("b c")
    >>> math_html(b < c)
    '<span class="gta-math" title="b &lt; c">$b &lt; c$</span>'
    """
    tex = value if isinstance(value, str) else number_latex(value)
    text = plain if plain is not None else (value if isinstance(value, str) else number_text(value))
    return f'<span class="gta-math" title="{escape(text)}">${escape(tex)}$</span>'


def _tuple_latex(values: Iterable[Any]) -> str:
    return "\\left(" + ", ".join(number_latex(v) for v in values) + "\\right)"


def _row(cells: Iterable[str], head: int = 0) -> str:
    """A table row of already-escaped cells; the first ``head`` cells are headers."""
    out = []
    for k, cell in enumerate(cells):
        tag = "th" if k < head else "td"
        out.append(f"<{tag}>{cell}</{tag}>")
    return "<tr>" + "".join(out) + "</tr>"


def _message_row(text: str, width: int, css: str = "gta-note") -> str:
    return f'<tr class="{css}"><td colspan="{width}">{escape(text)}</td></tr>'


def _table(
    css: str, caption: str, header: Sequence[str], rows: Sequence[str], foot: Sequence[str] = ()
) -> str:
    parts = [f'<table class="{css}">']
    if caption:
        parts.append(f"<caption>{caption}</caption>")
    if header:
        parts.append("<thead>" + _row(header, head=len(header)) + "</thead>")
    parts.append("<tbody>" + "".join(rows) + "</tbody>")
    if foot:
        parts.append("<tfoot>" + "".join(foot) + "</tfoot>")
    parts.append("</table>")
    return "".join(parts)


def _cut(items: Sequence[Any]) -> tuple[Sequence[Any], int]:
    """The first :data:`MAX_ROWS` items and how many were left out."""
    if len(items) > MAX_ROWS:
        return items[:MAX_ROWS], len(items) - MAX_ROWS
    return items, 0


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _aligned(lines: Sequence[tuple[str, str]], empty: str) -> str:
    """``$$\\begin{aligned} left &: right \\\\ ... \\end{aligned}$$``, or a sentence when empty."""
    if not lines:
        return f"$${latex_text(empty)}$$"
    body = " \\\\\n".join(f"{left} &:\\quad {right}" for left, right in lines)
    return "$$\\begin{aligned}\n" + body + "\n\\end{aligned}$$"


# -- normal-form games ---------------------------------------------------------------------------


def _payoff_source(game: Any) -> tuple[Any, ...]:
    """The payoff arrays to show: floats, or exact / symbolic sympy expressions."""
    if game.is_numeric and not game.is_exact:
        return tuple(game.payoff_arrays())
    return tuple(game.payoff_expressions())


def _parameters_html(parameters: Any) -> str:
    if not parameters:
        return ""
    rows = []
    for p in parameters.values():
        default = "" if p.default is None else number_text(p.default)
        rows.append(
            _row(
                [escape(p.name), escape(p.domain.text()), escape(default), escape(p.description)],
                head=1,
            )
        )
    return _table(
        "gta-parameters", "parameters", ["name", "domain", "default", "description"], rows
    )


def game_html(game: Any, *, parameters: bool = True) -> str:
    """A normal-form game as HTML: a payoff table per strategy of the later players.

    Two players: rows are the first player's strategies, columns the
    second's, cells ``u1, u2``. More players: one such table for every
    profile of the third and later players' strategies, labelled in its
    caption. One player: a column of payoffs. Symbolic payoffs print as
    sympy text; a table of the parameters follows (unless ``parameters`` is
    false).

    Examples
    --------
    >>> from gametheory_alliances import NormalFormGame
    >>> game = NormalFormGame([[[1, 0], [0, 1]], [[0, 1], [1, 0]]], players=["<b>", "Y"])
    >>> print(game_html(game)[:100])
    <div class="gta-game"><table class="gta-payoffs"><thead><tr><th>&lt;b&gt; \\ Y</th><th>1</th><th>2...
    """
    esc = escape
    shape = tuple(game.shape)
    n = len(shape)
    cells = math.prod(shape)
    title = esc(game.title) if game.title else ""
    if cells > MAX_CELLS:
        summary = (
            f"a game of {n} players ({', '.join(game.players)}) with "
            f"{' x '.join(map(str, shape))} strategies: {cells} payoff cells, more than "
            f"the {MAX_CELLS} shown; see game.table()"
        )
        head = f"<p><strong>{title}</strong></p>" if title else ""
        return f'<div class="gta-game">{head}<p>{esc(summary)}</p></div>'
    arrays = _payoff_source(game)

    def cell(profile: tuple[int, ...]) -> str:
        return esc(", ".join(number_text(a[profile]) for a in arrays))

    tables = []
    if n == 1:
        rows = [_row([esc(s), cell((k,))], head=1) for k, s in enumerate(game.strategies[0])]
        tables.append(
            _table("gta-payoffs", title, [esc(game.players[0]), "payoff"], rows),
        )
    else:
        header = [f"{esc(game.players[0])} \\ {esc(game.players[1])}"]
        header += [esc(s) for s in game.strategies[1]]
        for rest in itertools.product(*(range(m) for m in shape[2:])):
            rows = [
                _row(
                    [esc(r)] + [cell((i, j, *rest)) for j in range(shape[1])],
                    head=1,
                )
                for i, r in enumerate(game.strategies[0])
            ]
            label = ", ".join(
                f"{game.players[2 + k]}: {game.strategies[2 + k][s]}" for k, s in enumerate(rest)
            )
            caption = " \u2014 ".join(x for x in (title, esc(label)) if x)
            tables.append(_table("gta-payoffs", caption, header, rows))
    table = _parameters_html(game.parameters) if parameters else ""
    return '<div class="gta-game">' + "".join(tables) + table + "</div>"


def game_latex(game: Any) -> str:
    r"""A normal-form game as a LaTeX payoff matrix (one per strategy of the later players).

    Examples
    --------
    >>> from gametheory_alliances import NormalFormGame
    >>> game = NormalFormGame([[["b", 0]], [[0, "b/2"]]], parameters={"b": "positive"})
    >>> print(game_latex(game))
    $$\begin{array}{c|cc}
    \text{Row} \backslash \text{Column} & \text{1} & \text{2} \\ \hline
    \text{1} & b, 0 & 0, \frac{b}{2}
    \end{array}$$
    """
    shape = tuple(game.shape)
    n = len(shape)
    cells = math.prod(shape)
    if cells > MAX_CELLS:
        return "$$" + latex_text(f"a game with {cells} payoff cells (too many to show)") + "$$"
    arrays = _payoff_source(game)

    def cell(profile: tuple[int, ...]) -> str:
        return ", ".join(number_latex(a[profile]) for a in arrays)

    blocks: list[tuple[str, str]] = []
    if n == 1:
        lines = [f"{latex_text(game.players[0])} & \\text{{payoff}} \\\\ \\hline"]
        lines += [
            f"{latex_text(s)} & {cell((k,))}" + (" \\\\" if k + 1 < shape[0] else "")
            for k, s in enumerate(game.strategies[0])
        ]
        blocks.append(("", "\\begin{array}{c|c}\n" + "\n".join(lines) + "\n\\end{array}"))
    else:
        head = (
            f"{latex_text(game.players[0])} \\backslash {latex_text(game.players[1])} & "
            + " & ".join(latex_text(s) for s in game.strategies[1])
            + " \\\\ \\hline"
        )
        for rest in itertools.product(*(range(m) for m in shape[2:])):
            lines = [head]
            for i, r in enumerate(game.strategies[0]):
                row = " & ".join([latex_text(r)] + [cell((i, j, *rest)) for j in range(shape[1])])
                lines.append(row + (" \\\\" if i + 1 < shape[0] else ""))
            label = ", ".join(
                f"{game.players[2 + k]}: {game.strategies[2 + k][s]}" for k, s in enumerate(rest)
            )
            spec = "c|" + "c" * shape[1]
            blocks.append(
                (label, f"\\begin{{array}}{{{spec}}}\n" + "\n".join(lines) + "\n\\end{array}")
            )
    if n > 2:
        parts = [
            "\\begin{array}{c}\n" + latex_text(label) + " \\\\\n" + body + "\n\\end{array}"
            for label, body in blocks
        ]
        body = " \\qquad\n".join(parts)
    else:
        body = blocks[0][1]
    if game.title:
        body = "\\begin{array}{c}\n" + latex_text(game.title) + " \\\\\n" + body + "\n\\end{array}"
    return f"$${body}$$"


# -- sequential games ------------------------------------------------------------------------------


def sequential_html(game: Any, *, parameters: bool = True) -> str:
    """A game tree as an HTML table of its nodes, in preorder.

    Columns: the node's index, its path of actions from the root, who moves
    (a player, with the information set's label when it holds several nodes,
    or chance), each action with the node it leads to (and its probability at
    a chance node), and the payoffs at terminal nodes. A table of the
    parameters follows (unless ``parameters`` is false).

    Examples
    --------
    >>> from gametheory_alliances.sequential import SequentialGame, Decision, Terminal
    >>> tree = SequentialGame(Decision("A", {"L": Terminal([1]), "R": Terminal([0])}))
    >>> print(sequential_html(tree)[:100])
    <div class="gta-tree"><table class="gta-nodes"><caption>players: A</caption><thead><tr><th>node</th>
    """
    esc = escape
    nodes = game.nodes
    shown, left = _cut(nodes)
    rows = []
    for k, nd in enumerate(shown):
        path = " > ".join(nd.path) if nd.path else "(root)"
        if nd.kind == "terminal":
            mover = "terminal" + (f" {nd.label}" if nd.label else "")
            actions = ""
            payoffs = ", ".join(number_text(v) for v in nd.payoffs)
        elif nd.kind == "chance":
            mover = "chance" + (f" {nd.label}" if nd.label else "")
            actions = "; ".join(
                f"{a} ({number_text(p)}) \u2192 {c}"
                for a, p, c in zip(nd.actions, nd.probs, nd.children, strict=True)
            )
            payoffs = ""
        else:
            info = game.infosets[nd.infoset]
            mover = game.players[nd.player]
            if len(info.nodes) > 1:
                mover += f" [{info.label}]"
            actions = "; ".join(
                f"{a} \u2192 {c}" for a, c in zip(nd.actions, nd.children, strict=True)
            )
            payoffs = ""
        rows.append(_row([str(k), esc(path), esc(mover), esc(actions), esc(payoffs)], head=1))
    if left:
        rows.append(_message_row(f"... and {left} more nodes", 5))
    caption = ". ".join(
        x for x in (esc(game.title), "players: " + esc(", ".join(game.players))) if x
    )
    header = [
        "node",
        "path",
        "mover",
        "actions \u2192 nodes",
        "payoffs (" + esc(", ".join(game.players)) + ")",
    ]
    return (
        '<div class="gta-tree">'
        + _table("gta-nodes", caption, header, rows)
        + (_parameters_html(game.parameters) if parameters else "")
        + "</div>"
    )


# -- equilibria and solver results ---------------------------------------------------------------


def _eq_strategies(eq: Any) -> tuple[tuple[Any, ...], ...]:
    src = eq.exact_strategies if eq.exact_strategies is not None else eq.strategies
    return tuple(src)


def _eq_payoffs(eq: Any) -> tuple[Any, ...]:
    return tuple(eq.exact_payoffs if eq.exact_payoffs is not None else eq.payoffs)


def equilibrium_html(eq: Any) -> str:
    """An equilibrium as HTML: one row per player, its mixed strategy and its payoff.

    Every strategy is listed with its probability (exact fractions when the
    equilibrium is exact), zeros included.

    Examples
    --------
    >>> from gametheory_alliances import NormalFormGame
    >>> from gametheory_alliances.equilibrium import Equilibrium
    >>> pennies = NormalFormGame([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    >>> eq = Equilibrium.from_profile(pennies, [["1/2", "1/2"], ["1/2", "1/2"]])
    >>> print(equilibrium_html(eq)[:110])
    <table class="gta-equilibrium"><caption>Equilibrium (exact)</caption><thead><tr><th>player</th><th>strategy...
    """
    game = eq.game
    strategies = _eq_strategies(eq)
    payoffs = _eq_payoffs(eq)
    rows = [
        _row(
            [
                escape(player),
                escape(mix_text(labels, strategies[i])),
                escape(number_text(payoffs[i])),
            ],
            head=1,
        )
        for i, (player, labels) in enumerate(zip(game.players, game.strategies, strict=True))
    ]
    caption = "Equilibrium (" + ("exact" if eq.is_exact else "floating point") + ")"
    if eq.component_size > 1:
        caption += f"; vertex of component {eq.component} ({eq.component_size} vertices)"
    return _table("gta-equilibrium", escape(caption), ["player", "strategy", "payoff"], rows)


def equilibrium_latex(eq: Any) -> str:
    r"""An equilibrium as a LaTeX array: each player's strategy and payoff.

    Examples
    --------
    >>> from gametheory_alliances import NormalFormGame
    >>> from gametheory_alliances.equilibrium import Equilibrium
    >>> pennies = NormalFormGame([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    >>> eq = Equilibrium.from_profile(pennies, [["1/2", "1/2"], ["1/2", "1/2"]])
    >>> print(equilibrium_latex(eq))
    $$\begin{array}{l|l|l}
    \text{player} & \text{strategy} & \text{payoff} \\ \hline
    \text{Row} & \frac{1}{2}\,\text{1} + \frac{1}{2}\,\text{2} & 0 \\
    \text{Column} & \frac{1}{2}\,\text{1} + \frac{1}{2}\,\text{2} & 0
    \end{array}$$
    """
    game = eq.game
    strategies = _eq_strategies(eq)
    payoffs = _eq_payoffs(eq)
    lines = ["\\text{player} & \\text{strategy} & \\text{payoff} \\\\ \\hline"]
    for i, (player, labels) in enumerate(zip(game.players, game.strategies, strict=True)):
        line = (
            f"{latex_text(player)} & {mix_latex(labels, strategies[i])} & "
            f"{number_latex(payoffs[i])}"
        )
        lines.append(line + (" \\\\" if i + 1 < len(game.players) else ""))
    return "$$\\begin{array}{l|l|l}\n" + "\n".join(lines) + "\n\\end{array}$$"


def _result_caption(result: Any) -> str:
    count = _plural(len(result.equilibria), "equilibrium", "equilibria")
    arithmetic = "exact arithmetic" if result.exact else "floating point"
    return f"{result.method}: {count} ({arithmetic})"


def solver_result_html(result: Any) -> str:
    """A solver result as HTML: a table of all its equilibria, method and exactness in the caption.

    An empty result shows one row saying there are no equilibria; notes
    (components that are not single points, fall-backs) are the table's
    footer.

    Examples
    --------
    >>> from gametheory_alliances import NormalFormGame
    >>> from gametheory_alliances.equilibrium import SolverResult
    >>> game = NormalFormGame([[[1]], [[1]]])
    >>> print(solver_result_html(SolverResult(game, "test", ()))[:100])
    <table class="gta-equilibria"><caption>test: 0 equilibria (floating point)</caption><thead><tr><th>#
    """
    game = result.game
    components = any(eq.component is not None for eq in result.equilibria)
    header = ["#"]
    header += [
        f"{escape(p)} ({escape(', '.join(s))})"
        for p, s in zip(game.players, game.strategies, strict=True)
    ]
    header.append("payoffs (" + escape(", ".join(game.players)) + ")")
    if components:
        header.append("component")
    shown, left = _cut(result.equilibria)
    rows = []
    for k, eq in enumerate(shown):
        strategies = _eq_strategies(eq)
        cells = [str(k + 1)]
        cells += [
            escape(mix_text(labels, strategies[i])) for i, labels in enumerate(game.strategies)
        ]
        cells.append(escape(", ".join(number_text(v) for v in _eq_payoffs(eq))))
        if components:
            cells.append(
                ""
                if eq.component is None
                else escape(f"{eq.component} ({_plural(eq.component_size, 'vertex', 'vertices')})")
            )
        rows.append(_row(cells, head=1))
    if not result.equilibria:
        rows.append(_message_row(NO_EQUILIBRIA, len(header), "gta-empty"))
    if left:
        rows.append(_message_row(f"... and {left} more equilibria", len(header)))
    foot = [_message_row(f"note: {note}", len(header)) for note in result.notes]
    return _table("gta-equilibria", escape(_result_caption(result)), header, rows, foot)


def solver_result_latex(result: Any) -> str:
    r"""A solver result as a LaTeX array: one line per equilibrium.

    Examples
    --------
    >>> from gametheory_alliances import NormalFormGame
    >>> from gametheory_alliances.equilibrium import SolverResult
    >>> print(solver_result_latex(SolverResult(NormalFormGame([[[1]], [[1]]]), "test", ())))
    $$\text{test: 0 equilibria (floating point)}$$
    """
    game = result.game
    caption = latex_text(_result_caption(result))
    if not result.equilibria:
        return f"$${caption}$$"
    shown, left = _cut(result.equilibria)
    head = " & ".join(["\\#", *(latex_text(p) for p in game.players), "\\text{payoffs}"])
    lines = [head + " \\\\ \\hline"]
    for k, eq in enumerate(shown):
        strategies = _eq_strategies(eq)
        cells = [str(k + 1)]
        cells += [mix_latex(labels, strategies[i]) for i, labels in enumerate(game.strategies)]
        cells.append(_tuple_latex(_eq_payoffs(eq)))
        lines.append(" & ".join(cells) + " \\\\")
    if left:
        lines.append(latex_text(f"... and {left} more") + " \\\\")
    lines[-1] = lines[-1].removesuffix(" \\\\")
    spec = "r|" + "l" * game.n_players + "|l"
    return (
        f"$$\\begin{{array}}{{c}}\n{caption} \\\\\n\\begin{{array}}{{{spec}}}\n"
        + "\n".join(lines)
        + "\n\\end{array}\n\\end{array}$$"
    )


# -- regions ---------------------------------------------------------------------------------------


def region_html(region: Any) -> str:
    """A region as HTML: its condition in LaTeX and the parameters it mentions.

    Examples
    --------
    >>> from gametheory_alliances import Parameter
    >>> from gametheory_alliances.symbolic import Region
    >>> b, c = Parameter("b", "positive"), Parameter("c", "positive")
    >>> print(region_html(Region(b.symbol >= 2 * c.symbol, [b, c])))
    <table class="gta-region"><tbody><tr><th>condition</th><td><span class="gta-math" title="b &gt;= 2*c">$b \\geq 2 c$</span></td></tr><tr><th>parameters</th><td>b, c</td></tr></tbody></table>
    """
    status = ""
    if region.is_empty():
        status = " (provably empty)"
    elif region.is_everything():
        status = " (everywhere in the domains)"
    rows = [
        _row(["condition", math_html(region.latex(), str(region)) + escape(status)], head=1),
        _row(["parameters", escape(", ".join(region.free_parameters) or "none")], head=1),
    ]
    return _table("gta-region", "", [], rows)


def region_latex(region: Any) -> str:
    r"""A region's condition as inline LaTeX.

    Examples
    --------
    >>> from gametheory_alliances import Parameter
    >>> from gametheory_alliances.symbolic import Region
    >>> b, c = Parameter("b", "positive"), Parameter("c", "positive")
    >>> region_latex(Region(b.symbol >= 2 * c.symbol, [b, c]))
    '$b \\geq 2 c$'
    """
    return f"${sympy.latex(region.condition)}$"


def _is_spe(result: Any) -> bool:
    return getattr(result, "concept", "") == "spe" or not hasattr(result.game, "strategies")


def regions_html(result: Any) -> str:
    """Equilibrium regions as HTML: each candidate, its closed form and its condition in LaTeX.

    For normal-form results (:class:`~gametheory_alliances.symbolic.RegionsResult`)
    the columns are the equilibrium's label, each player's strategy and the
    payoffs; for subgame-perfect results
    (:class:`~gametheory_alliances.symbolic.SPERegionsResult`) the label, the
    path of play and the payoffs. The last column is the condition.

    Examples
    --------
    >>> from gametheory_alliances import NormalFormGame
    >>> from gametheory_alliances.symbolic import equilibrium_regions
    >>> game = NormalFormGame([[["b", 0], [0, 1]], [[1, 0], [0, "b"]]], parameters={"b": "positive"})
    >>> print(regions_html(equilibrium_regions(game))[:90])
    <table class="gta-regions"><caption>nash equilibrium regions: 3 candidates; parameters b...
    """
    game = result.game
    spe = _is_spe(result)
    header = ["#", "equilibrium"]
    if spe:
        header += ["path"]
    else:
        header += [
            f"{escape(p)} ({escape(', '.join(s))})"
            for p, s in zip(game.players, game.strategies, strict=True)
        ]
    header += ["payoffs (" + escape(", ".join(game.players)) + ")", "condition"]
    shown, left = _cut(result.entries)
    rows = []
    for k, (eq, region) in enumerate(shown):
        cells = [str(k + 1), f'<span title="{escape(eq.full_label)}">{escape(eq.label)}</span>']
        if spe:
            cells.append(escape(eq.path_text))
        else:
            cells += [math_html(_tuple_latex(s), number_text(tuple(s))) for s in eq.strategies]
        cells.append(
            math_html(_tuple_latex(eq.payoffs), ", ".join(number_text(v) for v in eq.payoffs))
        )
        cells.append(math_html(region.latex(), str(region)))
        rows.append(_row(cells, head=1))
    if not result.entries:
        rows.append(_message_row(NO_EQUILIBRIA, len(header), "gta-empty"))
    if left:
        rows.append(_message_row(f"... and {left} more regions", len(header)))
    concept = getattr(result, "concept", "spe")
    params = ", ".join(result.parameters) or "none"
    caption = (
        f"{concept} equilibrium regions: {_plural(len(result.entries), 'candidate', 'candidates')}"
        f"; parameters {params}"
    )
    return _table("gta-regions", escape(caption), header, rows)


def regions_latex(result: Any) -> str:
    r"""Equilibrium regions as an aligned LaTeX list: each equilibrium, then its condition.

    Each equilibrium shows its concise label, then its full label (who plays what).

    Examples
    --------
    >>> from gametheory_alliances import NormalFormGame
    >>> from gametheory_alliances.symbolic import equilibrium_regions
    >>> game = NormalFormGame([[["b", 0], [0, 1]], [[1, 0], [0, "b"]]], parameters={"b": "positive"})
    >>> print(regions_latex(equilibrium_regions(game)))
    $$\begin{aligned}
    \text{(1, 1)}\ \left[\text{Row}: \text{1};\ \text{Column}: \text{1}\right] &:\quad \text{True} \\
    \text{(2, 2)}\ \left[\text{Row}: \text{2};\ \text{Column}: \text{2}\right] &:\quad \text{True} \\
    \text{mixed (1+2, 1+2)}\ \left[\text{Row}: \frac{b}{b + 1}\,\text{1} + \frac{1}{b + 1}\,\text{2};\ \text{Column}: \frac{1}{b + 1}\,\text{1} + \frac{b}{b + 1}\,\text{2}\right] &:\quad \text{True}
    \end{aligned}$$
    """
    lines = []
    shown, left = _cut(result.entries)
    for eq, region in shown:
        head = latex_text(eq.label) + "\\ \\left[" + eq.full_latex + "\\right]"
        lines.append((head, sympy.latex(region.condition)))
    if left:
        lines.append((latex_text(f"... and {left} more"), ""))
    return _aligned(lines, NO_EQUILIBRIA)


def grim_trigger_html(result: Any) -> str:
    """Grim-trigger conditions as HTML: each player's discount threshold, then the region.

    Examples
    --------
    >>> from gametheory_alliances import NormalFormGame
    >>> from gametheory_alliances.symbolic import grim_trigger_threshold
    >>> pd = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], strategies=[["C", "D"], ["C", "D"]])
    >>> print(grim_trigger_html(grim_trigger_threshold(pd, ["C", "C"]))[:96])
    <table class="gta-grim-trigger"><caption>grim trigger: cooperate (C, C), punish (D, D)</caption>
    """
    delta = result.discount.symbol
    rows = [
        _row([escape(player), math_html(delta >= t, f"{result.discount.name} >= {t}")], head=1)
        for player, t in result.thresholds.items()
    ]
    rows.append(
        _row(
            ["condition", math_html(result.condition.latex(), str(result.condition))],
            head=1,
        )
    )
    caption = (
        f"grim trigger: cooperate ({', '.join(result.cooperative)}), "
        f"punish ({', '.join(result.punishment)})"
    )
    return _table("gta-grim-trigger", escape(caption), ["player", "threshold"], rows)


def grim_trigger_latex(result: Any) -> str:
    r"""Grim-trigger conditions as an aligned LaTeX list.

    Examples
    --------
    >>> from gametheory_alliances import NormalFormGame
    >>> from gametheory_alliances.symbolic import grim_trigger_threshold
    >>> pd = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], strategies=[["C", "D"], ["C", "D"]])
    >>> print(grim_trigger_latex(grim_trigger_threshold(pd, ["C", "C"])))
    $$\begin{aligned}
    \text{Row} &:\quad \delta \geq \frac{1}{2} \\
    \text{Column} &:\quad \delta \geq \frac{1}{2} \\
    \text{condition} &:\quad \delta \geq \frac{1}{2}
    \end{aligned}$$
    """
    delta = result.discount.symbol
    lines = [(latex_text(p), sympy.latex(delta >= t)) for p, t in result.thresholds.items()]
    lines.append(("\\text{condition}", sympy.latex(result.condition.condition)))
    return _aligned(lines, "no thresholds")


# -- signalling games ------------------------------------------------------------------------------


def _belief_text(game: Any, belief: Any) -> str:
    if belief.on_path:
        return "posterior " + mix_text(game.types, belief.vertices[0])
    if belief.interval is not None:
        lo, hi = belief.interval
        return (
            f"off path: Pr({game.types[0]} | {belief.message}) in "
            f"[{number_text(lo)}, {number_text(hi)}]"
        )
    vertices = " | ".join("(" + ", ".join(number_text(x) for x in v) + ")" for v in belief.vertices)
    return f"off path: the beliefs spanned by {vertices}"


def pbe_html(eq: Any) -> str:
    """A perfect Bayesian equilibrium as HTML: strategies by type and by message, beliefs, payoffs.

    Examples
    --------
    >>> from gametheory_alliances.signalling import SignallingGame
    >>> from gametheory_alliances.solvers.perfect_bayesian import perfect_bayesian_equilibria
    >>> game = SignallingGame.from_arrays(
    ...     types=["Strong", "Weak"], priors=["9/10", "1/10"],
    ...     messages=["Beer", "Quiche"], responses=["Duel", "Not duel"],
    ...     payoffs=[[[(1, 0), (3, 1)], [(0, 0), (2, 1)]],
    ...              [[(0, 1), (2, 0)], [(1, 1), (3, 0)]]],
    ...     players=["Sender", "Receiver"])
    >>> print(pbe_html(perfect_bayesian_equilibria(game, mixed=False)[0])[:100])
    <table class="gta-pbe"><caption>pooling perfect Bayesian equilibrium (exact); survives the Intuitive
    """
    game = eq.game
    rows = []
    for t, p, v in zip(game.types, eq.sender, eq.sender_payoffs, strict=True):
        rows.append(
            _row(
                [
                    escape(f"{game.sender}, type {t}"),
                    escape(mix_text(game.messages, p)),
                    escape(f"payoff {number_text(v)}"),
                ],
                head=1,
            )
        )
    for j, (m, q) in enumerate(zip(game.messages, eq.receiver, strict=True)):
        rows.append(
            _row(
                [
                    escape(f"{game.receiver}, after {m}"),
                    escape(mix_text(game.responses[j], q)),
                    escape(_belief_text(game, eq.beliefs[j])),
                ],
                head=1,
            )
        )
    payoffs = (
        f"{game.sender}: {number_text(eq.sender_payoff)}, "
        f"{game.receiver}: {number_text(eq.receiver_payoff)}"
    )
    rows.append(_row(["ex ante payoffs", escape(payoffs), ""], head=1))
    if eq.off_path_rule:
        rows.append(_row(["off-path beliefs", escape(eq.off_path_rule), ""], head=1))
    caption = (
        f"{eq.classification} perfect Bayesian equilibrium "
        f"({'exact' if eq.exact else 'floating point'}); "
        + ("survives" if eq.survives_intuitive_criterion else "fails")
        + " the Intuitive Criterion"
    )
    return _table("gta-pbe", escape(caption), ["", "strategy", "payoff / belief"], rows)


def pbe_latex(eq: Any) -> str:
    r"""A perfect Bayesian equilibrium as an aligned LaTeX list: strategies, beliefs, payoffs.

    Examples
    --------
    >>> from gametheory_alliances.signalling import SignallingGame
    >>> from gametheory_alliances.solvers.perfect_bayesian import perfect_bayesian_equilibria
    >>> game = SignallingGame.from_arrays(
    ...     types=["Strong", "Weak"], priors=["9/10", "1/10"],
    ...     messages=["Beer", "Quiche"], responses=["Duel", "Not duel"],
    ...     payoffs=[[[(1, 0), (3, 1)], [(0, 0), (2, 1)]],
    ...              [[(0, 1), (2, 0)], [(1, 1), (3, 0)]]],
    ...     players=["Sender", "Receiver"])
    >>> print(pbe_latex(perfect_bayesian_equilibria(game, mixed=False)[0]).splitlines()[2])
    \text{Sender, type Strong} &:\quad \text{Beer} \\
    """
    game = eq.game
    lines = [(latex_text("class"), latex_text(eq.classification))]
    for t, p in zip(game.types, eq.sender, strict=True):
        lines.append((latex_text(f"{game.sender}, type {t}"), mix_latex(game.messages, p)))
    for j, (m, q) in enumerate(zip(game.messages, eq.receiver, strict=True)):
        lines.append((latex_text(f"{game.receiver}, after {m}"), mix_latex(game.responses[j], q)))
    lines.append(
        (
            latex_text("payoffs"),
            f"{latex_text(game.sender)}: {number_latex(eq.sender_payoff)},\\ "
            f"{latex_text(game.receiver)}: {number_latex(eq.receiver_payoff)}",
        )
    )
    if eq.off_path_rule:
        lines.append((latex_text("off-path beliefs"), latex_text(eq.off_path_rule)))
    return _aligned(lines, "")


def pbe_result_latex(result: Any) -> str:
    """Perfect Bayesian equilibria as an aligned LaTeX list, one line per equilibrium."""
    shown, left = _cut(result.equilibria)
    lines = [
        (
            f"{k + 1}.\\ {latex_text(eq.classification)}",
            latex_text(f"{eq.sender_strategy_text()}; then {eq.receiver_strategy_text()}")
            + f";\\ {_tuple_latex((eq.sender_payoff, eq.receiver_payoff))}",
        )
        for k, eq in enumerate(shown)
    ]
    if left:
        lines.append((latex_text(f"... and {left} more"), ""))
    return _aligned(lines, NO_EQUILIBRIA)


def pbe_result_html(result: Any) -> str:
    """Perfect Bayesian equilibria as HTML: one row per equilibrium, what was enumerated as caption.

    Examples
    --------
    >>> from gametheory_alliances.signalling import SignallingGame
    >>> from gametheory_alliances.solvers.perfect_bayesian import perfect_bayesian_equilibria
    >>> game = SignallingGame.from_arrays(
    ...     types=["Strong", "Weak"], priors=["9/10", "1/10"],
    ...     messages=["Beer", "Quiche"], responses=["Duel", "Not duel"],
    ...     payoffs=[[[(1, 0), (3, 1)], [(0, 0), (2, 1)]],
    ...              [[(0, 1), (2, 0)], [(1, 1), (3, 0)]]],
    ...     players=["Sender", "Receiver"])
    >>> html_text = pbe_result_html(perfect_bayesian_equilibria(game, mixed=False))
    >>> "pooling" in html_text and "Strong: Beer; Weak: Beer" in html_text
    True
    """
    game = result.game
    header = [
        "#",
        "class",
        escape(f"{game.sender} (by type)"),
        escape(f"{game.receiver} (by message)"),
        escape(f"payoffs ({game.sender}, {game.receiver})"),
        "beliefs off the path",
        "Intuitive Criterion",
    ]
    shown, left = _cut(result.equilibria)
    rows = []
    for k, eq in enumerate(shown):
        cells = [
            str(k + 1),
            escape(eq.classification),
            escape(eq.sender_strategy_text()),
            escape(eq.receiver_strategy_text()),
            escape(f"{number_text(eq.sender_payoff)}, {number_text(eq.receiver_payoff)}"),
            escape(eq.off_path_rule),
            "survives" if eq.survives_intuitive_criterion else "fails",
        ]
        rows.append(_row(cells, head=1))
    if not result.equilibria:
        rows.append(_message_row(NO_EQUILIBRIA, len(header), "gta-empty"))
    if left:
        rows.append(_message_row(f"... and {left} more equilibria", len(header)))
    foot = [_message_row(f"note: {note}", len(header)) for note in result.notes]
    count = _plural(len(result.equilibria), "equilibrium", "equilibria")
    caption = (
        f"perfect Bayesian equilibria: {count} ({'exact' if result.exact else 'floating point'}); "
        f"{result.enumerated}"
    )
    return _table("gta-pbe-result", escape(caption), header, rows, foot)


def _pbe_payoffs_latex(region: Any) -> str:
    payoffs = region.payoffs
    parts = [
        f"{latex_text(key)}: {number_latex(payoffs[key])}"
        for key in ("sender", "receiver")
        if key in payoffs
    ]
    return ",\\ ".join(parts)


def _beliefs_latex(region: Any) -> str:
    return ",\\ ".join(
        f"{latex_text(m)}: {sympy.latex(c)}" for m, c in region.off_path_beliefs.items()
    )


def _pbe_region_cells(region: Any) -> list[str]:
    sender = "; ".join(f"{t}: {m}" for t, m in region.sender.items())
    receiver = "; ".join(f"{m}: {r}" for m, r in region.receiver.items())
    beliefs = region.off_path_beliefs
    return [
        escape(region.classification),
        escape(sender),
        escape(receiver),
        math_html(
            _beliefs_latex(region), "; ".join(f"{m}: {number_text(c)}" for m, c in beliefs.items())
        )
        if beliefs
        else "",
        math_html(
            _pbe_payoffs_latex(region),
            "; ".join(
                f"{key}: {number_text(region.payoffs[key])}"
                for key in ("sender", "receiver")
                if key in region.payoffs
            ),
        )
        if region.payoffs
        else "",
        math_html(region.region.latex(), str(region.region)),
    ]


_PBE_REGION_HEADER = ["class", "sender", "receiver", "off-path beliefs", "payoffs", "condition"]


def pbe_region_html(region: Any) -> str:
    """One candidate perfect Bayesian equilibrium and its region, as an HTML table row."""
    return _table(
        "gta-pbe-regions", "", _PBE_REGION_HEADER, [_row(_pbe_region_cells(region), head=1)]
    )


def pbe_region_latex(region: Any) -> str:
    """One candidate perfect Bayesian equilibrium and its condition, in LaTeX."""
    return _aligned([(latex_text(region.label()), sympy.latex(region.region.condition))], "")


def pbe_regions_html(result: Any) -> str:
    """The regions of :func:`~gametheory_alliances.signalling.pbe_regions` as an HTML table.

    Examples
    --------
    >>> from gametheory_alliances.signalling import SignallingGame
    >>> from gametheory_alliances.symbolic.signalling import PBERegionsResult
    >>> game = SignallingGame.from_arrays(
    ...     types=["Strong", "Weak"], priors=["9/10", "1/10"],
    ...     messages=["Beer", "Quiche"], responses=["Duel", "Not duel"],
    ...     payoffs=[[[(1, 0), (3, 1)], [(0, 0), (2, 1)]],
    ...              [[(0, 1), (2, 0)], [(1, 1), (3, 0)]]],
    ...     players=["Sender", "Receiver"])
    >>> print(pbe_regions_html(PBERegionsResult(game, ()))[-77:])
    <tr class="gta-empty"><td colspan="7">no equilibria</td></tr></tbody></table>
    """
    header = ["#", *_PBE_REGION_HEADER]
    shown, left = _cut(result.regions)
    rows = [_row([str(k + 1), *_pbe_region_cells(r)], head=1) for k, r in enumerate(shown)]
    if not result.regions:
        rows.append(_message_row(NO_EQUILIBRIA, len(header), "gta-empty"))
    if left:
        rows.append(_message_row(f"... and {left} more regions", len(header)))
    foot = [_message_row(f"note: {note}", len(header)) for note in result.notes]
    caption = "perfect Bayesian equilibrium regions: " + _plural(
        len(result.regions), "candidate", "candidates"
    )
    return _table("gta-pbe-regions", escape(caption), header, rows, foot)


def pbe_regions_latex(result: Any) -> str:
    """The regions of :func:`~gametheory_alliances.signalling.pbe_regions` as an aligned list."""
    shown, left = _cut(result.regions)
    lines = [(latex_text(r.label()), sympy.latex(r.region.condition)) for r in shown]
    if left:
        lines.append((latex_text(f"... and {left} more"), ""))
    return _aligned(lines, NO_EQUILIBRIA)


# -- catalogue models -------------------------------------------------------------------------------


def model_html(model: Any) -> str:
    """A catalogue model as HTML: title, description, players, parameters, game, references.

    Examples
    --------
    >>> from gametheory_alliances.catalogue import load_model
    >>> print(model_html(load_model("stag-hunt"))[:70])
    <div class="gta-model"><h3>Stag Hunt</h3><p><code>stag-hunt</code></p>
    """
    from .expressions import expression_text

    parts = [
        '<div class="gta-model">',
        f"<h3>{escape(model.title)}</h3>",
        f"<p><code>{escape(model.name)}</code></p>",
    ]
    if model.description:
        parts.append(f"<p>{escape(' '.join(model.description.split()))}</p>")
    if model.notes:
        parts.append(f"<p>Note: {escape(' '.join(model.notes.split()))}</p>")
    parts.append(f"<p>Players: {escape(', '.join(model.game.players))}</p>")
    parts.append(_parameters_html(model.parameters))
    if model.assumptions:
        items = []
        for cond, description in model.assumptions:
            why = f" ({escape(description)})" if description else ""
            items.append(f"<li>{math_html(sympy.latex(cond), expression_text(cond))}{why}</li>")
        parts.append("<p>Assumptions:</p><ul>" + "".join(items) + "</ul>")
    game = model.game
    if hasattr(game, "shape") and hasattr(game, "payoff_expressions"):
        parts.append(game_html(game, parameters=False))
    elif hasattr(game, "infosets") and hasattr(game, "nodes"):
        parts.append(sequential_html(game, parameters=False))
    if model.citations:
        items = []
        for c in model.citations:
            doi = ""
            if c.doi:
                href = "https://doi.org/" + quote(c.doi, safe="/:;()._-")
                doi = f' <a href="{escape(href)}">doi:{escape(c.doi)}</a>'
            items.append(f"<li>[{escape(c.key)}] {escape(c.text)}{doi}</li>")
        parts.append("<p>References:</p><ul>" + "".join(items) + "</ul>")
    parts.append("</div>")
    return "".join(parts)
