"""How an equilibrium is named for people: one label for one equilibrium, everywhere.

One idea: the names the tables, the conditions, the maps' legends, the LaTeX
and the solvers' text give an equilibrium, and the numbers written inside
them. Every place that names an equilibrium asks this module, so that the
same equilibrium reads the same in a sweep's ``label`` column, in
``gta conditions``, in a region map's legend and in a paper's LaTeX.

An equilibrium is named by its *choices*: for each player of a normal-form
game, or each information set of a tree (by the set's label in the tree; an
unnamed set is named by its player and the path to it, as
:class:`~gametheory_alliances.sequential.SequentialGame` labels it), the
actions and their probabilities. Chance is never named as a player: its
moves are part of the game, not of the equilibrium, and a path through a
chance node shows the draw as ``chance: outcome`` (:func:`path_text`).

* The **full label** says who does what: ``Row: C; Column: 0.4 C + 0.6 F``.
  A pure choice is its action; a mixed one lists its support in the order of
  the actions, each with its probability in front (``0.4 C + 0.6 F``, in LaTeX
  ``0.4\\,\\text{C} + 0.6\\,\\text{F}``).
* The **concise label** is the same choices without the names and weights,
  for legends and table cells: ``(C, F)``, and ``mixed (C+F, C+F)`` when some
  choice mixes (the format the sweep tables document). Where two equilibria
  of one collection would share a concise label (two mixed equilibria on the
  same supports), :func:`distinct_labels` writes their weights in.

An action whose name holds one of the separators (``,`` ``;`` ``+`` ``(``
``)``) is quoted, so that two different profiles never read the same.

The module also holds the rules for writing a number, an expression or a
label as text or LaTeX (:func:`number_text`, :func:`number_latex`,
:func:`latex_text`), which the labels and :mod:`~gametheory_alliances.display`
share.

Examples
--------
>>> from fractions import Fraction
>>> choices = [("Row", ("C", "F"), (1, 0)), ("Column", ("C", "F"), (Fraction(2, 5), Fraction(3, 5)))]
>>> full_label(choices)
'Row: C; Column: 2/5 C + 3/5 F'
>>> concise_label(choices)
'mixed (C, C+F)'
>>> full_latex(choices)
'\\\\text{Row}: \\\\text{C};\\\\ \\\\text{Column}: \\\\frac{2}{5}\\\\,\\\\text{C} + \\\\frac{3}{5}\\\\,\\\\text{F}'
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from .parameters import is_sympy

__all__ = [
    "SUPPORT_TOLERANCE",
    "Choice",
    "concise_label",
    "distinct_labels",
    "full_label",
    "full_latex",
    "latex_text",
    "mix_latex",
    "mix_text",
    "mixing_text",
    "number_latex",
    "number_text",
    "path_text",
    "profile_choices",
    "pure_choices",
    "row_labels",
]

Choice = tuple[str, Sequence[str], Sequence[Any]]
"""One player's or information set's choice: its name, its actions, their probabilities."""

SUPPORT_TOLERANCE = 1e-9
"""A floating-point probability at most this is outside the support (the kernels' tolerance)."""


# -- numbers and text ------------------------------------------------------------------------

# Characters that are special in LaTeX text mode, or print wrongly there (``<`` as an
# inverted exclamation mark in the OT1 encoding): rendered in math mode instead.
_LATEX_SPECIAL = {
    "\\": r"\backslash ",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "%": r"\%",
    "_": r"\_",
    "^": r"\hat{}",
    "~": r"\sim ",
    "<": "<",
    ">": ">",
    "|": r"\vert ",
}


def latex_text(text: Any) -> str:
    r"""``str(text)`` as LaTeX for math mode: ``\text{...}`` runs with special characters escaped.

    The special characters of LaTeX (``\ { } $ & # % _ ^ ~``) and those that
    text mode prints wrongly (``< > |``) are written as math symbols between
    the ``\text`` runs, which both LaTeX and MathJax read the same way.
    Line breaks become spaces.

    Examples
    --------
    >>> latex_text("Ally A")
    '\\text{Ally A}'
    >>> latex_text("<b>")
    '<\\text{b}>'
    >>> latex_text("")
    '\\text{}'
    """
    out: list[str] = []
    run: list[str] = []
    for ch in str(text):
        if ch in "\r\n\t":
            ch = " "
        special = _LATEX_SPECIAL.get(ch)
        if special is None:
            run.append(ch)
            continue
        if run:
            out.append("\\text{" + "".join(run) + "}")
            run = []
        out.append(special)
    if run:
        out.append("\\text{" + "".join(run) + "}")
    return "".join(out) or "\\text{}"


def _float_text(x: float) -> str:
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "oo" if x > 0 else "-oo"
    return f"{x + 0.0:.6g}"


def number_text(x: Any) -> str:
    """A number or expression as plain text: fractions exact, floats to six digits.

    Examples
    --------
    >>> from fractions import Fraction
    >>> import sympy
    >>> number_text(Fraction(1, 3)), number_text(1 / 3), number_text(sympy.Symbol("b") / 2)
    ('1/3', '0.333333', 'b/2')
    """
    if isinstance(x, bool):
        return str(x)
    if isinstance(x, Fraction | int | np.integer):
        return str(x)
    if isinstance(x, float | np.floating):
        return _float_text(float(x))
    if is_sympy(x):
        import sympy

        return _float_text(float(x)) if isinstance(x, sympy.Float) else sympy.sstr(x)
    return str(x)


def number_latex(x: Any) -> str:
    r"""A number or expression as LaTeX: :func:`sympy.latex` of the exact value where there is one.

    Examples
    --------
    >>> from fractions import Fraction
    >>> import sympy
    >>> number_latex(Fraction(-1, 2)), number_latex(2.5e-7), number_latex(sympy.Symbol("b_1"))
    ('- \\frac{1}{2}', '2.5 \\cdot 10^{-7}', 'b_{1}')
    """
    import sympy  # LaTeX is written by sympy

    if isinstance(x, bool):
        return latex_text(x)
    if isinstance(x, Fraction):
        return sympy.latex(sympy.Rational(x.numerator, x.denominator))
    if isinstance(x, int | np.integer):
        return str(int(x))
    if isinstance(x, float | np.floating | sympy.Float):
        v = float(x)
        if math.isnan(v):
            return latex_text("nan")
        if math.isinf(v):
            return "\\infty" if v > 0 else "-\\infty"
        text = _float_text(v)
        if "e" in text:
            mantissa, exponent = text.split("e")
            return f"{mantissa} \\cdot 10^{{{int(exponent)}}}"
        return text
    if isinstance(x, sympy.Basic):
        return sympy.latex(x)
    return latex_text(x)


# -- choices ---------------------------------------------------------------------------------

_SEPARATORS = (",", ";", "+", "(", ")", ": ")


def _action(name: str) -> str:
    """An action's name, quoted where it holds a separator of the labels."""
    name = str(name)
    if any(s in name for s in _SEPARATORS) or name != name.strip() or not name:
        return '"' + name.replace('"', '\\"') + '"'
    return name


def _is_zero(p: Any) -> bool:
    if isinstance(p, float | np.floating):
        return abs(float(p)) <= SUPPORT_TOLERANCE
    if is_sympy(p):
        return bool(p == 0) or (p.is_number and abs(float(p)) <= SUPPORT_TOLERANCE)
    return bool(p == 0)


def _support(actions: Sequence[str], probs: Sequence[Any]) -> list[tuple[str, Any]]:
    return [(a, p) for a, p in zip(actions, probs, strict=True) if not _is_zero(p)]


def _weight_text(p: Any) -> str:
    text = number_text(p)
    if is_sympy(p) and not (p.is_Atom or p.is_Rational):
        return "(" + text + ")"
    return text


def _weight_latex(p: Any) -> str:
    text = number_latex(p)
    if is_sympy(p) and p.is_Add:
        return "\\left(" + text + "\\right)"
    return text


def mix_text(actions: Sequence[str], probs: Sequence[Any]) -> str:
    """A choice as text: its action when pure, else ``0.4 C + 0.6 F`` over its support.

    Examples
    --------
    >>> mix_text(["C", "F"], [0.0, 1.0]), mix_text(["C", "F"], [0.25, 0.75])
    ('F', '0.25 C + 0.75 F')
    >>> import sympy
    >>> b = sympy.Symbol("b")
    >>> mix_text(["C", "F"], [1 / (b + 1), b / (b + 1)])
    '(1/(b + 1)) C + (b/(b + 1)) F'
    """
    support = _support(actions, probs)
    if len(support) == 1:
        return _action(support[0][0])
    return " + ".join(f"{_weight_text(p)} {_action(a)}" for a, p in support)


def mix_latex(actions: Sequence[str], probs: Sequence[Any]) -> str:
    r"""A choice as LaTeX, the same notation as :func:`mix_text`.

    Examples
    --------
    >>> mix_latex(["C", "F"], [0.25, 0.75])
    '0.25\\,\\text{C} + 0.75\\,\\text{F}'
    """
    support = _support(actions, probs)
    if len(support) == 1:
        return latex_text(_action(support[0][0]))
    return " + ".join(f"{_weight_latex(p)}\\,{latex_text(_action(a))}" for a, p in support)


def full_label(choices: Sequence[Choice]) -> str:
    """The full label: ``Name: choice`` for every player or information set, joined by ``;``.

    Examples
    --------
    >>> full_label([("Patron after Attack", ("Defend", "Stay out"), (0, 1))])
    'Patron after Attack: Stay out'
    """
    return "; ".join(f"{name}: {mix_text(actions, probs)}" for name, actions, probs in choices)


def full_latex(choices: Sequence[Choice]) -> str:
    r"""The full label in LaTeX (math mode), the same text as :func:`full_label`.

    Examples
    --------
    >>> full_latex([("Row", ("C", "F"), (1, 0))])
    '\\text{Row}: \\text{C}'
    """
    return ";\\ ".join(
        f"{latex_text(name)}: {mix_latex(actions, probs)}" for name, actions, probs in choices
    )


def concise_label(choices: Sequence[Choice], weights: bool = False) -> str:
    """The concise label: the choices of the full label without their names.

    A mixed choice shows its support joined by ``+`` and the label starts
    with ``mixed``; with ``weights``, a mixed choice keeps its probabilities
    (as :func:`distinct_labels` writes it where supports coincide).

    Examples
    --------
    >>> concise_label([("Row", ("C", "F"), (1, 0)), ("Column", ("C", "F"), (0, 1))])
    '(C, F)'
    >>> concise_label([("Row", ("C", "F"), (0.5, 0.5)), ("Column", ("C", "F"), (0.5, 0.5))])
    'mixed (C+F, C+F)'
    >>> concise_label([("Row", ("C", "F"), (0.5, 0.5))], weights=True)
    'mixed (0.5 C + 0.5 F)'
    """
    parts = []
    mixed = False
    for _, actions, probs in choices:
        support = _support(actions, probs)
        mixed = mixed or len(support) > 1
        if weights:
            parts.append(mix_text(actions, probs))
        else:
            parts.append("+".join(_action(a) for a, _ in support))
    return ("mixed " if mixed else "") + "(" + ", ".join(parts) + ")"


def mixing_text(choices: Sequence[Choice]) -> str:
    """Where a profile mixes, and over which actions: its family of equilibria.

    Each mixing player or information set with its support joined by ``+``
    (as in :func:`concise_label`); ``pure`` when none mixes.

    Examples
    --------
    >>> mixing_text([("after Bet", ("Call", "Fold"), (1, 1)), ("High", ("Bet", "Check"), (1, 0))])
    'after Bet: Call+Fold'
    """
    parts = []
    for name, actions, probs in choices:
        support = _support(actions, probs)
        if len(support) > 1:
            parts.append(f"{name}: " + "+".join(_action(a) for a, _ in support))
    return "; ".join(parts) or "pure"


def distinct_labels(profiles: Sequence[Sequence[Choice]]) -> list[str]:
    """The concise labels of a collection, with weights written in where two would coincide.

    Examples
    --------
    >>> one = [("Row", ("C", "F"), (0.5, 0.5))]
    >>> two = [("Row", ("C", "F"), (0.25, 0.75))]
    >>> distinct_labels([one, two, [("Row", ("C", "F"), (1, 0))]])
    ['mixed (0.5 C + 0.5 F)', 'mixed (0.25 C + 0.75 F)', '(C)']
    """
    labels = [concise_label(p) for p in profiles]
    seen: dict[str, int] = {}
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
    return [
        concise_label(p, weights=True) if seen[label] > 1 else label
        for p, label in zip(profiles, labels, strict=True)
    ]


def pure_choices(choices: Sequence[tuple[str, str]]) -> list[Choice]:
    """The choices of a pure profile given as ``(name, action)`` pairs.

    Examples
    --------
    >>> full_label(pure_choices([("Challenger", "Attack"), ("Patron", "Defend")]))
    'Challenger: Attack; Patron: Defend'
    """
    return [(name, (action,), (1,)) for name, action in choices]


def profile_choices(game: Any, probabilities: Sequence[Sequence[Any]]) -> list[Choice]:
    """The choices of a profile of a game: by player (normal form) or information set (tree).

    ``probabilities`` holds one vector for each information set's actions
    of a tree (a behaviour profile), or for each player's strategies of a
    normal-form game (a tree's reduced form included), in the game's order.

    Examples
    --------
    >>> from gametheory_alliances.catalogue import load_model
    >>> game = load_model("chicken").at()
    >>> full_label(profile_choices(game, [(1, 0), (0, 1)]))
    'Row: Swerve; Column: Straight'
    """
    infosets = getattr(game, "infosets", None)
    if infosets is not None:
        return [
            (h.label, tuple(h.actions), tuple(p))
            for h, p in zip(infosets, probabilities, strict=True)
        ]
    return [
        (player, tuple(s), tuple(p))
        for player, s, p in zip(game.players, game.strategies, probabilities, strict=True)
    ]


def path_text(steps: Sequence[tuple[str, bool]], sep: str = ", ") -> str:
    """A path of play as text: its actions in order, a chance draw as ``chance: outcome``.

    ``steps`` holds ``(action, by_chance)`` pairs; ``sep`` joins them.

    Examples
    --------
    >>> path_text([("Risky", False), ("war", True), ("Defend", False)])
    'Risky, chance: war, Defend'
    >>> path_text([("Threaten", False), ("Resolute", True)], sep=" > ")
    'Threaten > chance: Resolute'
    """
    return sep.join(("chance: " if by_chance else "") + str(a) for a, by_chance in steps)


def row_labels(
    sets: Sequence[tuple[str, Sequence[str]]],
    probabilities: np.ndarray,
    group: np.ndarray | None = None,
) -> np.ndarray:
    """The concise label of every row of a table of probabilities, built once per support pattern.

    Parameters
    ----------
    sets
        ``(name, actions)`` of each player or information set, in column order.
    probabilities
        One row per equilibrium, one column per action of every set.
    group
        The rows that belong to one point (equal numbers); where two rows of
        one group share a support pattern, their labels carry the weights
        (:func:`distinct_labels`). None: no two rows are compared.

    Examples
    --------
    >>> sets = [("Row", ("C", "F")), ("Column", ("C", "F"))]
    >>> list(row_labels(sets, np.array([[1.0, 0, 0, 1], [0.5, 0.5, 0.5, 0.5]])))
    ['(C, F)', 'mixed (C+F, C+F)']
    """
    n = probabilities.shape[0]
    if n == 0:
        return np.zeros(0, dtype=object)
    on = probabilities > SUPPORT_TOLERANCE
    # One integer per support pattern: unique on a flat array, not on rows (much faster).
    if on.shape[1] <= 62:
        codes = on.astype(np.int64) @ (np.int64(1) << np.arange(on.shape[1], dtype=np.int64))
        _, first_row, inverse = np.unique(codes, return_index=True, return_inverse=True)
        patterns = on[first_row]
    else:
        patterns, inverse = np.unique(on, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    cuts = np.cumsum([0, *(len(a) for _, a in sets)])
    texts = []
    for pattern in patterns:
        choices = [
            (name, tuple(actions), tuple(int(b) for b in pattern[cuts[k] : cuts[k + 1]]))
            for k, (name, actions) in enumerate(sets)
        ]
        texts.append(concise_label(choices))
    out = np.asarray(texts, dtype=object)[inverse]
    if group is not None:
        keys = np.asarray(group, dtype=np.int64) * len(patterns) + inverse
        _, first, counts = np.unique(keys, return_inverse=True, return_counts=True)
        for r in np.flatnonzero(counts[first.reshape(-1)] > 1):
            row = probabilities[r]
            out[r] = concise_label(
                [
                    (name, tuple(actions), tuple(row[cuts[k] : cuts[k + 1]]))
                    for k, (name, actions) in enumerate(sets)
                ],
                weights=True,
            )
    return out
