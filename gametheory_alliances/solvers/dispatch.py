"""One entry point from a solution concept to its solver.

The command line, the claim checker and the sweeps all need "solve this
numeric game for that concept"; :func:`solve` is the one place that says
which algorithm serves which concept, and :func:`default_concept` the one
default per kind of game:

==============  =======================================================  ========================================================
concept         solver                                                   games
==============  =======================================================  ========================================================
``nash``        :func:`~.vertex_enumeration.nash_equilibria`             normal form, any number of players; trees (reduced form)
``pure``        :func:`~.pure.pure_equilibria`                           normal form, any number of players
``spe``         :func:`~.backward_induction.subgame_perfect_equilibria`  trees
``pbe``         :func:`~.perfect_bayesian.perfect_bayesian_equilibria`   trees (signalling trees by the signalling solver)
``sequential``  :func:`~.sequential_equilibria.sequential_equilibria`    trees (Kreps-Wilson consistent beliefs)
``correlated``  :func:`~.correlated.correlated_equilibrium`              normal form
``qre``         :func:`~.quantal_response.quantal_response_equilibrium`  normal form and trees (agent QRE); needs ``lam``
==============  =======================================================  ========================================================

Defaults: ``pbe`` for a tree with incomplete information
(:attr:`~gametheory_alliances.sequential.SequentialGame.has_incomplete_information`:
some mover does not observe a chance move's outcome), where subgame
perfection says little because the subgames start at the root; ``spe`` for
other trees; ``nash`` for a two-player normal-form game, ``pure`` for more
players. A caller that handles only some concepts passes them as ``among``
and gets the first of the game's preferences it handles (``spe`` for a tree
with incomplete information when ``pbe`` is not among them).

Examples
--------
>>> from gametheory_alliances import NormalFormGame
>>> pd = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
>>> default_concept(pd)
'nash'
>>> result = solve(pd)
>>> result.method, [eq.strategies for eq in result]
('vertex enumeration', [((0.0, 1.0), (0.0, 1.0))])
>>> solve(pd, "spe")
Traceback (most recent call last):
...
gametheory_alliances.errors.SolverError: concept 'spe' needs a sequential game (a tree); this is a normal-form game
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from ..errors import SolverError
from ..game import game_of

__all__ = ["CONCEPTS", "default_concept", "solve"]

#: The concepts :func:`solve` knows, in the order the command line lists them.
CONCEPTS = ("nash", "pure", "spe", "pbe", "sequential", "correlated", "qre")

_TREE_ONLY = ("spe", "pbe", "sequential")


def default_concept(game: Any, among: Sequence[str] | None = None) -> str:
    """The concept a game is solved for when none is named.

    Parameters
    ----------
    game
        A game or a model.
    among
        The concepts the caller handles (default: all of :data:`CONCEPTS`).

    Returns
    -------
    str
        ``pbe`` for a tree with incomplete information (``spe`` when ``pbe``
        is not ``among`` the concepts handled), ``spe`` for other trees,
        ``nash`` for a two-player normal-form game, ``pure`` for a
        normal-form game of any other number of players, ``nash`` for a
        continuous game (solved by first-order conditions elsewhere).

    Examples
    --------
    >>> from gametheory_alliances import load_model
    >>> default_concept(load_model("beer-quiche"))
    'pbe'
    >>> default_concept(load_model("beer-quiche"), among=("nash", "pure", "spe"))
    'spe'
    >>> default_concept(load_model("chain-store"))
    'spe'
    """
    g = game_of(game)
    handled = CONCEPTS if among is None else tuple(among)
    if g.is_tree:
        from ..sequential import SequentialGame

        # A signalling game exists only once its module is loaded (it needs sympy): no import here.
        signalling = sys.modules.get("gametheory_alliances.signalling")
        tree = g.game if signalling is not None and isinstance(g, signalling.SignallingGame) else g
        if (
            isinstance(tree, SequentialGame)
            and tree.has_incomplete_information
            and "pbe" in handled
        ):
            return "pbe"
        return "spe"
    if g.kind == "continuous":
        return "nash"
    return "nash" if g.n_players == 2 else "pure"


def solve(
    game: Any,
    concept: str | None = None,
    *,
    exact: bool | None = None,
    refine: str | None = None,
    mixed: bool = False,
    lam: float | None = None,
    errors: str = "logit",
) -> Any:
    """Solve a numeric finite game for a solution concept.

    Parameters
    ----------
    game
        A numeric normal-form game or tree (or a model whose game is numeric).
    concept
        One of :data:`CONCEPTS`; ``None`` for :func:`default_concept`.
    exact
        ``None``: exact arithmetic when the payoffs are rational; ``True``
        demands it; ``False`` uses floating point. Trees are solved exactly
        whenever they are rational.
    refine
        For ``pbe`` only: ``"intuitive"`` or ``"d1"`` keeps the equilibria
        that survive that refinement (:func:`~.tree_refinements.refine`).
    mixed
        For ``spe`` only: the whole SPE set of a perfect-information tree,
        mixtures at ties included (``subgame_perfect_equilibria(mixed=True)``).
    lam, errors
        For ``qre`` only: the precision (required) and the error
        distribution (``"logit"`` or ``"probit"``).

    Returns
    -------
    SolverResult
        The solver's result (a correlated equilibrium for ``correlated``; a
        :class:`~.quantal_response.QREResult` holding one QRE for ``qre``).

    Raises
    ------
    SolverError
        An unknown concept, or one that does not apply to this kind of game.
    """
    g = game_of(game)
    if g.kind == "continuous":
        raise SolverError(
            "a continuous game is solved by first-order conditions: use solve_numeric "
            "or solve_symbolic"
        )
    if concept is None:
        concept = default_concept(g)
    if concept not in CONCEPTS:
        raise SolverError(f"unknown concept {concept!r}: expected {', '.join(CONCEPTS)}")
    if concept in _TREE_ONLY and not g.is_tree:
        raise SolverError(
            f"concept {concept!r} needs a sequential game (a tree); this is a normal-form game"
        )
    if refine is not None and concept != "pbe":
        raise SolverError(f"refine={refine!r} applies to concept 'pbe' only, not {concept!r}")
    if mixed and concept != "spe":
        raise SolverError(f"mixed=True applies to concept 'spe' only, not {concept!r}")
    if (lam is not None) != (concept == "qre"):
        raise SolverError(
            "concept 'qre' needs lam (the precision)"
            if concept == "qre"
            else f"lam is for concept 'qre', not {concept!r}"
        )
    numeric: Any = g  # the kind checks above stand in for each solver's own game type
    if concept == "qre":
        from .quantal_response import solve_qre

        assert lam is not None
        return solve_qre(numeric, lam, errors)
    if concept == "spe":
        from .backward_induction import subgame_perfect_equilibria

        return subgame_perfect_equilibria(numeric, mixed=mixed)
    if concept == "pbe":
        from .perfect_bayesian import perfect_bayesian_equilibria

        return perfect_bayesian_equilibria(numeric, refine=refine)
    if concept == "sequential":
        from ..signalling import SignallingGame
        from .sequential_equilibria import sequential_equilibria

        tree = numeric.game if isinstance(numeric, SignallingGame) else numeric
        return sequential_equilibria(tree)
    if concept == "pure":
        from .pure import pure_equilibria

        return pure_equilibria(numeric, exact=exact)
    if concept == "correlated":
        from .correlated import correlated_equilibrium

        return correlated_equilibrium(numeric)
    from .vertex_enumeration import nash_equilibria

    return nash_equilibria(numeric, exact=exact)
