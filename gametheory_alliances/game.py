"""What every game of the toolkit answers, whatever its form.

Normal-form games, trees, signalling games and continuous contribution games
are different data, but code that takes "a game" asks each the same
questions: who plays, which parameters are still free, whether it is numeric,
and how to bind values. :class:`Game` is that interface; each game class
derives from it and says which :attr:`Game.kind` it is, so callers ask the
game instead of probing for attributes.

:func:`game_of` takes a game or anything that carries one (a catalogue
:class:`~gametheory_alliances.io.model.Model`) and returns the game.

Examples
--------
>>> from gametheory_alliances import NormalFormGame, load_model
>>> game = NormalFormGame([[[1, 0], [0, 1]], [[1, 0], [0, 1]]])
>>> isinstance(game, Game), game.kind, game.is_tree, game.is_numeric
(True, 'normal form', False, True)
>>> game_of(load_model("entrapment")).kind
'tree'
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from .errors import GameError, SolverError

if TYPE_CHECKING:
    from .parameters import Parameter

__all__ = ["GAME_KINDS", "Game", "game_of"]

#: The kinds of game, as :attr:`Game.kind` names them.
GAME_KINDS = ("normal form", "tree", "signalling", "continuous")


class Game(ABC):
    """The interface every game shares.

    Attributes
    ----------
    kind : str
        One of :data:`GAME_KINDS`: ``"normal form"``, ``"tree"`` (a
        sequential game), ``"signalling"`` or ``"continuous"``.
    players : tuple of str
        The player labels, in player order.
    parameters : dict of str to Parameter
        The declared parameters.
    """

    kind: ClassVar[str]
    players: tuple[str, ...]
    parameters: Mapping[str, Parameter]

    @property
    @abstractmethod
    def n_players(self) -> int:
        """The number of players."""

    @property
    @abstractmethod
    def is_numeric(self) -> bool:
        """Whether every payoff (and chance probability) is a number."""

    @property
    @abstractmethod
    def free_parameters(self) -> tuple[str, ...]:
        """The parameters that still appear in the game, in declaration order."""

    @abstractmethod
    def at(self, **values: Any) -> Game:
        """The game with parameter values bound (defaults for the others)."""

    def require_numeric(self) -> None:
        """Refuse a game that still has unbound parameters.

        Raises
        ------
        SolverError
            Naming the unbound parameters.
        """
        if not self.is_numeric:
            raise SolverError(
                f"the game has unbound parameters {', '.join(self.free_parameters)}: "
                "bind them with game.at(...) first"
            )

    @property
    def is_tree(self) -> bool:
        """Whether the game is given in extensive form (a tree, or a signalling game)."""
        return self.kind in ("tree", "signalling")

    def to_latex(self, **values: Any) -> str:
        r"""LaTeX source for a paper: an ``istgame`` tree, ``booktabs`` tables or equations.

        ``values`` bind parameters first; see :func:`gametheory_alliances.latex.to_latex`.

        Examples
        --------
        >>> from gametheory_alliances import NormalFormGame
        >>> game = NormalFormGame([[[1, 0]], [[0, 1]]], players=("Ally", "Rival"))
        >>> print(game.to_latex().splitlines()[2])
        Ally \textbackslash{} Rival & 1 & 2 \\
        """
        from .latex import to_latex

        return to_latex(self, values or None)


def game_of(subject: Any) -> Game:
    """The game of a game, or of a model that carries one.

    Parameters
    ----------
    subject
        A :class:`Game`, or an object with a ``game`` attribute holding one
        (a catalogue model).

    Raises
    ------
    GameError
        If ``subject`` is neither.

    Examples
    --------
    >>> game_of(3)
    Traceback (most recent call last):
    ...
    gametheory_alliances.errors.GameError: expected a game or a model, found int
    """
    if isinstance(subject, Game):
        return subject
    inner = getattr(subject, "game", None)
    if isinstance(inner, Game):
        return inner
    raise GameError(f"expected a game or a model, found {type(subject).__name__}")
