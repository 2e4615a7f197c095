"""Credibility: the region where an action is played in every (or some) equilibrium.

:func:`credibility` asks it of a tree of perfect information (its
subgame-perfect equilibria, by :func:`~gametheory_alliances.symbolic.spe_regions`)
or of a normal-form game (its Nash equilibria, by
:func:`~gametheory_alliances.symbolic.equilibrium_regions`), so it sits above
both of those modules.
"""

from __future__ import annotations

from typing import Any

import sympy

from ..errors import GameError
from ..sequential import SequentialGame
from .conditions import compare, negate
from .normal_form import check_game, normal_form_regions
from .region import Region, unwrap
from .trees import spe_regions

__all__ = [
    "credibility",
]

# -- credibility -------------------------------------------------------------------------------


def _positive(p: sympy.Expr) -> sympy.Basic:
    num, den = sympy.fraction(sympy.together(p))
    return sympy.Or(
        sympy.And(compare(num, "+"), compare(den, "+")),
        sympy.And(compare(num, "-"), compare(den, "-")),
    )


def credibility(game: Any, infoset: Any, action: str, *, mode: str = "every") -> Region:
    """The region where an action is played in every (or some) equilibrium.

    Parameters
    ----------
    game
        A sequential game of perfect information (subgame-perfect
        equilibria, by :func:`spe_regions`) or a two-player normal-form game
        (Nash equilibria, by :func:`equilibrium_regions`; "played" means
        played with positive probability).
    infoset
        For a tree: the information set's label or index. For a normal-form
        game: the player's label or index.
    action
        The action (strategy) label.
    mode
        ``"every"``: no equilibrium plays another action there (ties at a
        boundary, where another action is also optimal, are excluded);
        ``"some"``: at least one equilibrium plays it.

    Returns
    -------
    Region

    Examples
    --------
    >>> from gametheory_alliances.sequential import SequentialGame, Decision, Terminal
    >>> game = SequentialGame(
    ...     Decision("Challenger", {
    ...         "Status quo": Terminal([0, 0]),
    ...         "Challenge": Decision("Patron", {
    ...             "Defend": Terminal(["-1", "v*(pi_D - pi_S) + r - k_P"]),
    ...             "Abandon": Terminal([1, 0]),
    ...         }),
    ...     }),
    ...     parameters={"v": "positive", "pi_D": "[0, 1]", "pi_S": "[0, 1]",
    ...                 "r": "nonnegative", "k_P": "positive"},
    ... )
    >>> defend = credibility(game, "Patron after Challenge", "Defend", mode="some")
    >>> print(defend)
    pi_D*v + r >= k_P + pi_S*v
    >>> from gametheory_alliances.symbolic import threshold
    >>> print(threshold(defend, "r"))
    r >= k_P - v*(pi_D - pi_S)
    >>> print(credibility(game, "Patron after Challenge", "Defend"))
    pi_D*v + r > k_P + pi_S*v
    """
    if mode not in ("every", "some"):
        raise GameError(f"mode: expected 'every' or 'some', found {mode!r}")
    game = unwrap(game)
    if isinstance(game, SequentialGame):
        sets = game.infosets
        if isinstance(infoset, int) and not isinstance(infoset, bool):
            if not 0 <= infoset < len(sets):
                raise GameError(
                    f"information set index {infoset} is out of range 0..{len(sets) - 1}"
                )
            h = sets[infoset]
        else:
            matches = [
                s for s in sets if s.label == infoset or (s.key is not None and s.key == infoset)
            ]
            if not matches:
                raise GameError(
                    f"no information set {infoset!r}; the game's information sets are: "
                    + ", ".join(repr(s.label) for s in sets)
                )
            h = matches[0]
        if action not in h.actions:
            raise GameError(
                f"information set {h.label!r} has no action {action!r}; its actions are "
                + ", ".join(map(repr, h.actions))
            )
        result = spe_regions(game)
        plays = [(dict(eq.choices)[h.label] == action, region) for eq, region in result.entries]
        if mode == "some":
            return Region(sympy.Or(*(r.condition for ok, r in plays if ok)), game.parameters)
        others = sympy.Or(*(r.condition for ok, r in plays if not ok))
        return Region(negate(others), game.parameters)
    game = check_game(game)
    if isinstance(infoset, int) and not isinstance(infoset, bool):
        if not 0 <= infoset < game.n_players:
            raise GameError(f"player index {infoset} is out of range 0..{game.n_players - 1}")
        player = infoset
    elif infoset in game.players:
        player = game.players.index(infoset)
    else:
        raise GameError(
            f"no player {infoset!r}; the game's players are: " + ", ".join(map(repr, game.players))
        )
    if action not in game.strategies[player]:
        raise GameError(
            f"player {game.players[player]!r} has no strategy {action!r}; its strategies are "
            + ", ".join(map(repr, game.strategies[player]))
        )
    k = game.strategies[player].index(action)
    regions = normal_form_regions(game, "nash" if game.n_players == 2 else "pure")
    if mode == "some":
        return Region(
            sympy.Or(
                *(
                    sympy.And(r.condition, _positive(eq.strategies[player][k]))
                    for eq, r in regions.entries
                )
            ),
            game.parameters,
        )
    bad = sympy.Or(
        *(
            sympy.And(r.condition, negate(_positive(eq.strategies[player][k])))
            for eq, r in regions.entries
        )
    )
    return Region(negate(bad), game.parameters)
