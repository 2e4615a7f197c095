"""gametheory_alliances: bilateral military alliances as parameterised games.

A game's payoffs are sympy expressions in named parameters. Bound to values
(``game.at(b=2, c=1)``) the game is numeric and the solvers compute its
equilibria; left symbolic, the toolkit derives the parameter regions where
each equilibrium holds.

Examples
--------
>>> import gametheory_alliances as gta
>>> chicken = gta.NormalFormGame(
...     [[[0, -1], [1, -10]], [[0, 1], [-1, -10]]],
...     strategies=[["Swerve", "Straight"], ["Swerve", "Straight"]],
... )
>>> for eq in gta.nash_equilibria(chicken):
...     print(eq)
Equilibrium(Row: (1, 0), Column: (0, 1); payoffs (-1, 1))
Equilibrium(Row: (9/10, 1/10), Column: (9/10, 1/10); payoffs (-1/10, -1/10))
Equilibrium(Row: (0, 1), Column: (1, 0); payoffs (1, -1))
"""

from .equilibrium import Certificate, Equilibrium, SolverResult
from .errors import (
    CertificationError,
    DomainError,
    ExpressionError,
    FileFormatError,
    GameError,
    PayoffError,
    ProbabilityError,
    ShapeError,
    SolverError,
    TooLargeError,
    UnboundParameterError,
    UnknownParameterError,
)
from .expressions import parse_expression
from .normal_form import NormalFormGame
from .parameters import Domain, Parameter
from .solvers import (
    correlated_equilibrium,
    iterated_elimination,
    lemke_howson,
    nash_equilibria,
    pure_equilibria,
    zero_sum,
)

__version__ = "0.1.0"

__all__ = [
    "Certificate",
    "CertificationError",
    "Domain",
    "DomainError",
    "Equilibrium",
    "ExpressionError",
    "FileFormatError",
    "GameError",
    "NormalFormGame",
    "Parameter",
    "PayoffError",
    "ProbabilityError",
    "ShapeError",
    "SolverError",
    "SolverResult",
    "TooLargeError",
    "UnboundParameterError",
    "UnknownParameterError",
    "__version__",
    "correlated_equilibrium",
    "iterated_elimination",
    "lemke_howson",
    "nash_equilibria",
    "parse_expression",
    "pure_equilibria",
    "zero_sum",
]
