"""Symbolic backward induction on trees of perfect information: :func:`spe_regions`.

Backward induction runs over parameter space: at each decision node the
mover's action must pay at least as much as every other action given the
choices below (weak inequalities, so ties keep every best action), and
pieces whose conditions are provably empty are pruned on the way up. The
result, :class:`SPERegionsResult`, maps each pure subgame-perfect
equilibrium (:class:`SymbolicSPE`) to the region where it is one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy

from ..errors import (
    SolverError,
    TooLargeError,
)
from ..labels import concise_label, full_label, full_latex, latex_text, path_text, pure_choices
from ..sequential import SequentialGame
from .conditions import Simplifier, compare
from .region import Region, RegionTable, dedupe, unwrap

__all__ = [
    "MAX_SPE_PIECES",
    "SPERegionsResult",
    "SymbolicSPE",
    "spe_regions",
]

# -- sequential games: symbolic backward induction ----------------------------------------


@dataclass(frozen=True)
class SymbolicSPE:
    """A pure subgame-perfect equilibrium of a tree, in closed form.

    Attributes
    ----------
    label
        The concise label (:func:`~gametheory_alliances.labels.concise_label`):
        the actions chosen at the information sets, in their order.
    choices
        ``(information set label, action)`` for every information set.
    payoffs
        Each player's payoff as an expression in the parameters.
    path
        The actions on the equilibrium path (chance outcomes included).
    by_chance
        For each step of ``path``, whether chance takes it.
    """

    label: str
    choices: tuple[tuple[str, str], ...]
    payoffs: tuple[sympy.Expr, ...]
    path: tuple[str, ...]
    by_chance: tuple[bool, ...] = field(default=(), compare=False, repr=False)

    @property
    def full_label(self) -> str:
        """Each information set by its name with the action chosen there."""
        return full_label(pure_choices(self.choices))

    @property
    def full_latex(self) -> str:
        """The full label in LaTeX."""
        return full_latex(pure_choices(self.choices))

    @property
    def path_text(self) -> str:
        """The path of play, chance draws shown as ``chance: outcome``."""
        chance = self.by_chance or (False,) * len(self.path)
        return path_text(list(zip(self.path, chance, strict=True)))

    def to_dict(self) -> dict[str, Any]:
        """Choices, path and payoffs, expressions as sympy-readable strings."""
        return {
            "label": self.label,
            "profile": self.full_label,
            "choices": dict(self.choices),
            "path": list(self.path),
            "payoffs": [sympy.sstr(v) for v in self.payoffs],
        }


@dataclass(frozen=True, eq=False)
class SPERegionsResult(RegionTable[SymbolicSPE]):
    """Symbolic backward induction: each pure SPE of a tree with the region where it is one.

    A read-only mapping ``{SymbolicSPE: Region}``. At every point of
    parameter space the SPE are exactly those whose regions contain it; ties
    (a mover indifferent between actions) are kept on the boundaries, where
    several SPE hold at once.
    """

    game: Any = field(repr=False)
    entries: tuple[tuple[SymbolicSPE, Region], ...]
    boundaries: tuple[sympy.Expr, ...] = ()
    concept: str = "spe"

    def equilibria_at(self, **values: Any) -> tuple[SymbolicSPE, ...]:
        """The SPE whose regions contain the point (defaults fill unbound parameters)."""
        self.game.at(**values)
        return tuple(eq for eq, region in self.entries if region.contains(**values))

    def to_dict(self) -> dict[str, Any]:
        """The ``gta conditions --json`` object for ``--concept spe``."""
        return {
            "players": list(self.game.players),
            "concept": "spe",
            "parameters": list(self.parameters),
            "regions": [
                {**eq.to_dict(), "condition": sympy.sstr(region.condition)}
                for eq, region in self.entries
            ],
        }

    def latex(self) -> str:
        """One line per SPE and its condition, in LaTeX."""
        lines = [
            f"{latex_text(eq.label)}\\ \\left[{eq.full_latex}\\right] & \\text{{if }} {region.latex()}"
            for eq, region in self.entries
        ]
        return "\\begin{cases}\n" + " \\\\\n".join(lines) + "\n\\end{cases}"

    def _repr_latex_(self) -> str:
        """Each equilibrium and its condition, as an aligned LaTeX list."""
        from ..display import regions_latex

        return regions_latex(self)

    def __str__(self) -> str:
        if not self.entries:
            return "no subgame-perfect equilibrium has a nonempty region"
        return "\n".join(
            f"{eq.label}: {region}\n    {eq.full_label}" for eq, region in self.entries
        )

    def __repr__(self) -> str:
        return f"SPERegionsResult({len(self)} regions)\n" + "\n".join(
            "  " + line for line in str(self).splitlines()
        )


MAX_SPE_PIECES = 20_000
"""Most pieces symbolic backward induction may hold before it gives up."""


def spe_regions(game: Any) -> SPERegionsResult:
    """Symbolic backward induction: every pure SPE of a perfect-information tree and its region.

    At each decision node the mover's chosen action must give it at least the
    payoff of every other action, given the choices below (weak
    inequalities, so ties keep every best action). Pieces whose conditions
    are provably empty under the domains are pruned as the induction goes up
    the tree.

    Parameters
    ----------
    game
        A :class:`~gametheory_alliances.sequential.SequentialGame` with
        perfect information (chance nodes allowed).

    Returns
    -------
    SPERegionsResult

    Raises
    ------
    SolverError
        If the game has imperfect information.
    TooLargeError
        If the number of pieces exceeds :data:`MAX_SPE_PIECES`.

    Examples
    --------
    >>> from gametheory_alliances.sequential import SequentialGame, Decision, Terminal
    >>> deterrence = SequentialGame(
    ...     Decision("Challenger", {
    ...         "Status quo": Terminal([0, 0]),
    ...         "Challenge": Decision("Patron", {
    ...             "Defend": Terminal(["-c", "r - k"]),
    ...             "Abandon": Terminal([1, -1]),
    ...         }),
    ...     }),
    ...     parameters={"c": "positive", "k": "positive", "r": "positive"},
    ... )
    >>> print(spe_regions(deterrence))
    (Status quo, Defend): r >= k - 1
        Challenger at root: Status quo; Patron after Challenge: Defend
    (Challenge, Abandon): k >= r + 1
        Challenger at root: Challenge; Patron after Challenge: Abandon
    """
    game = unwrap(game)
    if not isinstance(game, SequentialGame):
        raise SolverError(
            f"symbolic backward induction needs a SequentialGame, found {type(game).__name__}"
        )
    if not game.is_perfect_information:
        raise SolverError(
            "symbolic backward induction handles games of perfect information; this game "
            "has information sets with several nodes (analyse its normal form with "
            "equilibrium_regions instead)"
        )
    nodes = game.nodes
    simplifier = Simplifier(game.parameters)
    boundaries: list[sympy.Expr] = []
    Piece = tuple[dict[int, int], tuple[sympy.Expr, ...], list[sympy.Basic]]

    def combine(children: list[list[Piece]]) -> list[tuple[dict[int, int], list[Any], list[Any]]]:
        # Children are joined one at a time so that contradictory partial
        # combinations are pruned before they multiply.
        partial: list[tuple[dict[int, int], list[Any], list[Any]]] = [({}, [], [])]
        for n, pieces in enumerate(children):
            joined = []
            for assign, values, atoms in partial:
                for a, v, t in pieces:
                    term = simplifier.term(atoms + t) if n and atoms and t else atoms + t
                    if term is None:
                        continue
                    joined.append(({**assign, **a}, [*values, v], term))
            partial = joined
            if len(partial) > MAX_SPE_PIECES:
                raise TooLargeError(
                    f"symbolic backward induction: more than {MAX_SPE_PIECES} partial pieces"
                )
        return partial

    def solve(k: int) -> list[Piece]:
        nd = nodes[k]
        if nd.kind == "terminal":
            return [({}, tuple(nd.payoffs), [])]
        children = [solve(c) for c in nd.children]
        out: list[Piece] = []
        for assign, values, atoms in combine(children):
            if nd.kind == "chance":
                total = tuple(
                    sympy.expand(
                        sum(
                            (p * v[i] for p, v in zip(nd.probs, values, strict=True)),
                            sympy.Integer(0),
                        )
                    )
                    for i in range(game.n_players)
                )
                out.append((assign, total, atoms))
                continue
            i = nd.player
            for a, value in enumerate(values):
                best = []
                for b, other in enumerate(values):
                    if b != a:
                        diff = sympy.expand(value[i] - other[i])
                        boundaries.append(diff)
                        best.append(compare(diff, "0+"))
                term = simplifier.term(atoms + best)
                if term is None:
                    continue
                out.append(({**assign, nd.infoset: a}, value, term))
        if len(out) > MAX_SPE_PIECES:
            raise TooLargeError(
                f"symbolic backward induction: more than {MAX_SPE_PIECES} pieces below "
                f"{'the root' if not nd.path else 'node ' + ' > '.join(nd.path)}"
            )
        return out

    pieces = solve(0)
    entries = []
    infosets = game.infosets
    for assign, values, atoms in pieces:
        choices = tuple(
            (h.label, h.actions[assign[idx]]) for idx, h in enumerate(infosets) if idx in assign
        )
        steps = _spe_path(nodes, assign)
        eq = SymbolicSPE(
            concise_label(pure_choices(choices)),
            choices,
            tuple(sympy.factor_terms(v) for v in values),
            tuple(a for a, _ in steps),
            tuple(c for _, c in steps),
        )
        entries.append((eq, Region(sympy.And(*atoms), game.parameters)))
    return SPERegionsResult(game, tuple(entries), dedupe(boundaries))


def _spe_path(nodes: Sequence[Any], assign: Mapping[int, int]) -> list[tuple[str, bool]]:
    """The steps of the equilibrium path, each with whether chance takes it."""
    path: list[tuple[str, bool]] = []

    def walk(k: int) -> None:
        nd = nodes[k]
        if nd.kind == "decision":
            a = assign[nd.infoset]
            path.append((nd.actions[a], False))
            walk(nd.children[a])
        elif nd.kind == "chance":
            for label, p, c in zip(nd.actions, nd.probs, nd.children, strict=True):
                if p != 0:
                    path.append((label, True))
                    walk(c)

    walk(0)
    return path
