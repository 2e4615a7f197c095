"""Pure-strategy Nash equilibria of n-player games by vectorised enumeration.

A pure profile is a Nash equilibrium when every player's payoff there is the
largest payoff that player can get along its own axis of its payoff tensor
(the other players' strategies held fixed). For each player the maximum over
its own axis is computed once for the whole tensor, so the check of all
profiles is a handful of numpy reductions instead of a loop over profiles.

On rational games the comparison is exact (payoffs scaled to integers), so
ties are decided correctly; on floating-point games a payoff within the
tolerance of the best counts as a best response.

References
----------
J. F. Nash, "Non-cooperative games", *Annals of Mathematics* 54 (1951) 286-295.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from ..equilibrium import TOLERANCE, Equilibrium, SolverResult
from ..errors import GameError
from .common import coerce_game, integer_arrays, payoff_scale, resolve_exact

__all__ = ["pure_equilibria"]


def pure_equilibria(
    game: Any, *, exact: bool | None = None, tol: float = TOLERANCE
) -> SolverResult:
    """Every pure-strategy Nash equilibrium of a numeric game with any number of players.

    Parameters
    ----------
    game
        A numeric :class:`~gametheory_alliances.NormalFormGame`, or a
        sequential game (anything with ``to_normal_form()``), which is reduced first.
    exact
        Compare payoffs exactly (rational games only). ``None`` (default):
        exactly when every payoff is rational.
    tol
        Floating-point mode only: a strategy is a best response when its
        payoff is within ``tol * max(1, max |payoff|)`` of the best payoff
        (the maximum over that player's payoffs).

    Returns
    -------
    SolverResult
        The pure equilibria (strategies as 0/1 vectors) in lexicographic order
        of the profiles, ``method="pure enumeration"``.

    Raises
    ------
    SolverError
        A symbolic game (bind its parameters first), or ``exact=True`` on a
        game with floating-point payoffs.

    References
    ----------
    J. F. Nash, "Non-cooperative games", *Annals of Mathematics* 54 (1951) 286-295.

    Examples
    --------
    >>> from gametheory_alliances import NormalFormGame, pure_equilibria
    >>> stag_hunt = NormalFormGame(
    ...     [[[4, 0], [3, 3]], [[4, 3], [0, 3]]],
    ...     strategies=[["Stag", "Hare"], ["Stag", "Hare"]],
    ... )
    >>> result = pure_equilibria(stag_hunt)
    >>> for eq in result:
    ...     print(eq)
    Equilibrium(Row: (1, 0), Column: (1, 0); payoffs (4, 4))
    Equilibrium(Row: (0, 1), Column: (0, 1); payoffs (3, 3))
    >>> result.exact
    True
    """
    game = coerce_game(game, "pure_equilibria")
    use_exact = resolve_exact(game, exact, "pure_equilibria")
    if not np.isfinite(tol) or tol < 0:
        raise GameError(f"pure_equilibria: tol must be a finite number >= 0, found {tol!r}")
    arrays: list[np.ndarray]
    if use_exact:
        exact_arrays = game.payoff_arrays(exact=True)
        arrays = integer_arrays(exact_arrays)
    else:
        arrays = list(game.payoff_arrays())
    mask = np.ones(game.shape, dtype=bool)
    for i, arr in enumerate(arrays):
        best = np.max(arr, axis=i, keepdims=True)
        if use_exact:
            mask &= np.asarray(arr >= best, dtype=bool)
        else:
            mask &= arr >= best - tol * payoff_scale([arr])
    # One shared unit vector per (player, strategy): games with many ties have many equilibria.
    float_units = [
        tuple(tuple(float(k == s) for k in range(m)) for s in range(m)) for m in game.shape
    ]
    exact_units = [
        tuple(tuple(Fraction(int(k == s)) for k in range(m)) for s in range(m)) for m in game.shape
    ]
    equilibria = []
    for profile in map(tuple, np.argwhere(mask).tolist()):
        floats = tuple(float_units[i][s] for i, s in enumerate(profile))
        if use_exact:
            ones = tuple(exact_units[i][s] for i, s in enumerate(profile))
            exact_payoffs = tuple(Fraction(a[profile]) for a in exact_arrays)
            payoffs = tuple(float(v) for v in exact_payoffs)
            equilibria.append(Equilibrium(game, floats, payoffs, ones, exact_payoffs))
        else:
            payoffs = tuple(float(a[profile]) for a in arrays)
            equilibria.append(Equilibrium(game, floats, payoffs))
    options: dict[str, Any] = {"exact": use_exact}
    if not use_exact:
        options["tol"] = tol
    return SolverResult(
        game=game,
        method="pure enumeration",
        equilibria=tuple(equilibria),
        exact=use_exact,
        options=options,
    )
