"""The toolkit's exceptions: one family, each naming what was found and what was expected.

Every error raised on bad input derives from :class:`GameError`, so a caller
(and the ``gta`` command line, which turns them into exit status 2) can catch
them all at once without catching programming errors.
"""

from __future__ import annotations

__all__ = [
    "CertificationError",
    "DomainError",
    "ExecutionError",
    "ExpressionError",
    "FileFormatError",
    "GameError",
    "PayoffError",
    "ProbabilityError",
    "ShapeError",
    "SolverError",
    "TooLargeError",
    "UnboundParameterError",
    "UnknownParameterError",
]


class GameError(ValueError):
    """Base class of every error the toolkit raises on bad input."""


class ShapeError(GameError):
    """Payoff arrays or strategy vectors of the wrong shape."""


class PayoffError(GameError):
    """A payoff that is not a finite number or a valid expression (NaN, inf, text)."""


class ProbabilityError(GameError):
    """Probabilities outside [0, 1] or not summing to one."""


class ExpressionError(GameError):
    """An expression that the safe grammar refuses (unknown names, unsafe constructs, towers)."""


class UnknownParameterError(GameError):
    """A value given for a parameter the game does not have."""


class UnboundParameterError(GameError):
    """A parameter with no value and no default where a number is needed."""


class DomainError(GameError):
    """A parameter value outside the parameter's domain."""


class ExecutionError(GameError):
    """Workers, processes or a scheduler lost while running a sweep (finished chunks are kept)."""


class FileFormatError(GameError):
    """A malformed game or model file; the message names the file and the line."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        elif line is not None:
            where = f"line {line}: "
        super().__init__(where + message)
        self.path = path
        self.line = line


class SolverError(GameError):
    """A solver applied to a game it does not handle (e.g. symbolic payoffs, wrong player count)."""


class TooLargeError(SolverError):
    """Work that would exceed the announced bound (e.g. support enumeration of a large game)."""


class CertificationError(GameError):
    """A profile that fails the best-response check it was asked to pass."""
