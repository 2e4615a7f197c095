r"""LaTeX for papers: game trees as TikZ (istgame), normal forms as booktabs tables.

:func:`to_latex` turns a game (or a catalogue model, at its parameters or
bound to values) into LaTeX source to paste into a paper:

* a tree (:class:`~gametheory_alliances.sequential.SequentialGame`, and the
  tree of a signalling game) becomes an ``istgame`` picture
  (:func:`tree_tikz`): one ``\istroot`` per decision or chance node, its
  branches with the action labels (and probabilities at chance nodes),
  payoffs at the terminal nodes, information sets as ``\xtInfoset`` lines;
* a normal-form game becomes a ``booktabs`` table (:func:`normal_form_tabular`),
  one per strategy profile of the players after the first two;
* a continuous game becomes an ``align*`` block of its payoff functions.

Parameter names are written as math (``pi_D`` as :math:`\pi_{D}`),
payoffs as exact fractions or sympy expressions, and every piece of text is
escaped for LaTeX's text mode. What a document needs:
``\usepackage{istgame}`` for trees, ``\usepackage{booktabs}`` for tables,
``\usepackage{amsmath}`` for continuous games.

Examples
--------
>>> from gametheory_alliances import NormalFormGame
>>> game = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], title="Burden sharing",
...                       players=("Ally A", "Ally B"),
...                       strategies=(("Contribute", "Free ride"), ("Contribute", "Free ride")))
>>> print(to_latex(game))
% Burden sharing
\begin{tabular}{l|cc}
\toprule
Ally A \textbackslash{} Ally B & Contribute & Free ride \\
\midrule
Contribute & $3, 3$ & $0, 5$ \\
Free ride & $5, 0$ & $1, 1$ \\
\bottomrule
\end{tabular}
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

from .errors import GameError

__all__ = [
    "escape_text",
    "math_name",
    "normal_form_tabular",
    "to_latex",
    "tree_tikz",
]

_TEXT_SPECIALS = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
}


def escape_text(text: Any) -> str:
    r"""``str(text)`` escaped for LaTeX's text mode (``< > |`` included, which text mode misprints).

    Examples
    --------
    >>> print(escape_text("Patron after Moderate > Attack: 50% & up"))
    Patron after Moderate \textgreater{} Attack: 50\% \& up
    """
    out = []
    for ch in str(text):
        if ch in "\r\n\t":
            ch = " "
        out.append(_TEXT_SPECIALS.get(ch, ch))
    return "".join(out)


def math_name(name: str) -> str:
    r"""A parameter name as LaTeX math (without the dollars), as sympy writes its symbol.

    Examples
    --------
    >>> math_name("pi_D"), math_name("k_C"), math_name("alpha"), math_name("w")
    ('\\pi_{D}', 'k_{C}', '\\alpha', 'w')
    """
    import sympy

    return str(sympy.latex(sympy.Symbol(name)))


def _number(x: Any) -> str:
    from .display import number_latex

    return number_latex(x)


def _mbox(text: Any) -> str:
    # \mbox typesets text the same in text and math mode, whichever istgame uses.
    return "\\mbox{" + escape_text(text) + "}"


# -- normal forms ------------------------------------------------------------------------


def normal_form_tabular(game: Any, *, caption: bool = True) -> str:
    r"""A normal-form game as ``booktabs`` tables: rows the first player's strategies.

    Each cell holds the payoffs of all players, in player order, as math.
    A game of three or more players gives one table per strategy profile of
    the players after the first two, each headed by that profile.

    Parameters
    ----------
    game
        A :class:`~gametheory_alliances.normal_form.NormalFormGame` (numeric or
        with sympy payoffs).
    caption
        Whether to put the title (and, for n players, the profile) in a comment
        line above each table.

    Examples
    --------
    >>> from gametheory_alliances import NormalFormGame
    >>> game = NormalFormGame([[["b - c", "-c"]], [["b", 0]]], parameters={"b": "positive",
    ...                       "c": "positive"})
    >>> print(normal_form_tabular(game, caption=False))
    \begin{tabular}{l|cc}
    \toprule
    Row \textbackslash{} Column & 1 & 2 \\
    \midrule
    1 & $b - c, b$ & $- c, 0$ \\
    \bottomrule
    \end{tabular}
    """
    shape = tuple(game.shape)
    arrays = game.payoff_expressions() if not game.is_numeric else _numeric_payoffs(game)
    n = len(shape)
    if n == 1:
        lines = [
            "\\begin{tabular}{l|c}",
            "\\toprule",
            f"{escape_text(game.players[0])} & payoff \\\\",
            "\\midrule",
        ]
        for k, s in enumerate(game.strategies[0]):
            lines.append(f"{escape_text(s)} & ${_number(arrays[0][(k,)])}$ \\\\")
        lines += ["\\bottomrule", "\\end{tabular}"]
        head = [f"% {_comment(game.title)}"] if caption and game.title else []
        return "\n".join(head + lines)
    blocks: list[str] = []
    for rest in itertools.product(*(range(m) for m in shape[2:])):
        lines = []
        if caption:
            label = ", ".join(
                f"{game.players[2 + k]}: {game.strategies[2 + k][s]}" for k, s in enumerate(rest)
            )
            text = " -- ".join(x for x in (game.title, label) if x)
            if text:
                lines.append(f"% {_comment(text)}")
        lines += [
            "\\begin{tabular}{l|" + "c" * shape[1] + "}",
            "\\toprule",
            f"{escape_text(game.players[0])} \\textbackslash{{}} {escape_text(game.players[1])} & "
            + " & ".join(escape_text(s) for s in game.strategies[1])
            + " \\\\",
            "\\midrule",
        ]
        for i, r in enumerate(game.strategies[0]):
            cells = [
                "$" + ", ".join(_number(a[(i, j, *rest)]) for a in arrays) + "$"
                for j in range(shape[1])
            ]
            lines.append(" & ".join([escape_text(r), *cells]) + " \\\\")
        lines += ["\\bottomrule", "\\end{tabular}"]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _numeric_payoffs(game: Any) -> tuple[Any, ...]:
    try:
        return tuple(game.payoff_arrays(exact=True))
    except GameError:
        return tuple(game.payoff_arrays())


def _comment(text: str) -> str:
    return " ".join(str(text).split())


# -- trees -------------------------------------------------------------------------------


def tree_tikz(game: Any, *, level_distance: str = "15mm", unit_mm: float = 12.0) -> str:
    r"""A game tree as an ``istgame`` picture (TikZ), top to bottom.

    Nodes are named by their preorder index (``n0`` the root); each decision
    or chance node is an ``\istroot`` at its parent's branch end, with the
    mover above it (``Chance`` and the probabilities on the branches at chance
    nodes), and its branches spread by the number of leaves below them so that
    subtrees do not overlap. Terminal nodes carry the payoffs in player order.
    An information set of several nodes is drawn as an ``\xtInfoset`` line
    between each pair of neighbouring members, labelled once.

    Parameters
    ----------
    game
        A :class:`~gametheory_alliances.sequential.SequentialGame`, numeric or
        symbolic.
    level_distance
        The vertical distance between levels (a TeX length).
    unit_mm
        The horizontal space, in millimetres, given to each leaf.

    Examples
    --------
    >>> from gametheory_alliances.sequential import SequentialGame, Decision, Terminal
    >>> tree = SequentialGame(Decision("Challenger", {
    ...     "Status quo": Terminal([0, 1]),
    ...     "Challenge": Decision("Patron", {"Defend": Terminal([-1, "c"]),
    ...                                      "Abandon": Terminal([1, -1])})}),
    ...     players=("Challenger", "Patron"), parameters={"c": "real"})
    >>> print(tree_tikz(tree))
    \begin{istgame}
    \xtdistance{15mm}{12mm}
    \istroot(n0){\mbox{Challenger}}+15mm..18mm+
      \istb{\mbox{Status quo}}[al]{\ensuremath{\left(0, 1\right)}}
      \istb{\mbox{Challenge}}[ar]
      \endist
    \istroot(n2)(n0-2){\mbox{Patron}}+15mm..12mm+
      \istb{\mbox{Defend}}[al]{\ensuremath{\left(-1, c\right)}}
      \istb{\mbox{Abandon}}[ar]{\ensuremath{\left(1, -1\right)}}
      \endist
    \end{istgame}
    """
    nodes = game.nodes
    if not nodes:
        raise GameError("tree_tikz: the game has no nodes")
    leaves = [0] * len(nodes)
    for k in range(len(nodes) - 1, -1, -1):
        nd = nodes[k]
        leaves[k] = 1 if nd.kind == "terminal" else sum(leaves[c] for c in nd.children)
    lines = ["\\begin{istgame}", f"\\xtdistance{{{level_distance}}}{{{_mm(unit_mm)}}}"]
    if nodes[0].kind == "terminal":
        payoff = _payoff_math(nodes[0].payoffs)
        lines.append(f"\\istroot(n0)[terminal node]{{}}{{{payoff}}}")
        lines.append("\\end{istgame}")
        return "\n".join(lines)
    for k, nd in enumerate(nodes):
        if nd.kind == "terminal":
            continue
        where = "" if k == 0 else f"({_branch_name(nodes, k)})"
        if nd.kind == "chance":
            owner, style = _mbox("Chance"), "[chance node]"
        else:
            owner, style = _mbox(game.players[nd.player]), ""
        widest = max(leaves[c] for c in nd.children)
        # Neighbouring children's centres are at least the half-widths of both apart.
        spread = (
            max(
                (leaves[a] + leaves[b]) / 2
                for a, b in zip(nd.children, nd.children[1:], strict=False)
            )
            if len(nd.children) > 1
            else widest
        )
        lines.append(
            f"\\istroot(n{k}){where}{style}{{{owner}}}+{level_distance}..{_mm(spread * unit_mm)}+"
        )
        m = len(nd.children)
        for i, (action, child) in enumerate(zip(nd.actions, nd.children, strict=True)):
            pos = "al" if 2 * i < m - 1 else ("ar" if 2 * i > m - 1 else "r")
            label = _mbox(action)
            if nd.kind == "chance":
                label += "\\ \\ensuremath{(" + _number(nd.probs[i]) + ")}"
            child_node = nodes[child]
            if child_node.kind == "terminal":
                lines.append(f"  \\istb{{{label}}}[{pos}]{{{_payoff_math(child_node.payoffs)}}}")
            else:
                lines.append(f"  \\istb{{{label}}}[{pos}]")
        lines.append("  \\endist")
    for info in getattr(game, "infosets", ()):
        members = list(info.nodes)
        if len(members) < 2:
            continue
        for i, (a, b) in enumerate(itertools.pairwise(members)):
            label = f"{{{_mbox(game.players[info.player])}}}" if i == 0 else "{}"
            lines.append(f"\\xtInfoset(n{a})(n{b}){label}")
    lines.append("\\end{istgame}")
    return "\n".join(lines)


def _branch_name(nodes: Any, k: int) -> str:
    """The istgame name of node ``k``: its parent's name and the branch number."""
    parent = nodes[k].parent
    return f"n{parent}-{nodes[parent].children.index(k) + 1}"


def _mm(x: float) -> str:
    text = f"{x:.1f}".rstrip("0").rstrip(".")
    return f"{text}mm"


def _payoff_math(payoffs: Any) -> str:
    return "\\ensuremath{\\left(" + ", ".join(_number(v) for v in payoffs) + "\\right)}"


# -- continuous games --------------------------------------------------------------------


def _continuous_latex(game: Any) -> str:
    import sympy

    lines = ["\\begin{align*}"]
    rows = []
    for player, var, payoff, (lo, hi) in zip(
        game.players, game.variables, game.utilities, game.bounds, strict=True
    ):
        rows.append(f"u_{{\\text{{{escape_text(player)}}}}} &= {sympy.latex(payoff)}")
        lower = "" if lo is None else f"{sympy.latex(lo)} \\le "
        upper = "" if hi is None else f" \\le {sympy.latex(hi)}"
        if lower or upper:
            rows[-1] += f", && {lower}{sympy.latex(var)}{upper}"
    lines.append(" \\\\\n".join(rows))
    lines.append("\\end{align*}")
    return "\n".join(lines)


# -- dispatch ----------------------------------------------------------------------------


def to_latex(subject: Any, values: Mapping[str, Any] | None = None) -> str:
    r"""LaTeX source for a game or model: a TikZ tree, booktabs tables or payoff equations.

    Parameters
    ----------
    subject
        A game or a catalogue :class:`~gametheory_alliances.io.model.Model`
        (its game, symbolic unless ``values`` are given).
    values
        Parameter values to bind first (``game.at(**values)``).

    Raises
    ------
    GameError
        A subject that is not a game, or unknown parameters in ``values``.

    Examples
    --------
    >>> import gametheory_alliances as gta
    >>> text = to_latex(gta.load_model("entrapment"))
    >>> text.splitlines()[0], text.count("\\istroot")
    ('% Entrapment and restraint: a patron, a protege and a challenger', 5)
    """
    # Duck-typed (a game has a ``kind``; a model holds its game) so that the
    # game classes can offer ``to_latex`` without an import circle.
    game: Any = subject
    if not isinstance(getattr(subject, "kind", None), str):
        game = getattr(subject, "game", None)
        if not isinstance(getattr(game, "kind", None), str):
            raise GameError(f"to_latex: expected a game or a model, found {type(subject).__name__}")
    if values:
        game = game.at(**dict(values))
    title = getattr(game, "title", "") or getattr(subject, "title", "")
    head = f"% {_comment(title)}\n" if title else ""
    if game.kind == "normal form":
        return normal_form_tabular(game)
    if game.kind == "tree":
        return head + tree_tikz(game)
    if game.kind == "signalling":
        return head + tree_tikz(game.game)
    if game.kind == "continuous":
        return head + _continuous_latex(game)
    raise GameError(f"to_latex: no LaTeX form for a game of kind {game.kind!r}")
