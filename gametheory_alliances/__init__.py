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

from typing import TYPE_CHECKING

from .catalogue import list_models, load_model
from .checking import CheckReport, ClaimResult, check_model
from .continuous import ContinuousGame
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
from .explorer import explore
from .expressions import parse_expression
from .game import Game, game_of
from .io import read_game, write_game
from .io.model import Citation, Model
from .io.model_file import with_players
from .io.nfg import read_nfg, write_nfg
from .normal_form import NormalFormGame
from .parameters import Domain, Parameter
from .predicates import outcome_table
from .regenerate import regenerate_all
from .sequential import Chance, Decision, InformationSet, SequentialGame, Terminal
from .signalling import SignallingGame
from .solvers import (
    backward_induction,
    correlated_equilibrium,
    credibility_report,
    iterated_elimination,
    lemke_howson,
    logit_homotopy,
    nash_equilibria,
    pure_equilibria,
    subgame_perfect_equilibria,
    support_enumeration,
    zero_sum,
)
from .solvers.backward_induction import SPEResult, SubgamePerfectEquilibrium
from .solvers.correlated import CorrelatedEquilibrium
from .solvers.credibility import CredibilityReport
from .solvers.dispatch import default_concept, solve
from .solvers.dominance import EliminationResult, EliminationStep
from .solvers.first_order import solve_numeric
from .solvers.perfect_bayesian import (
    PBEResult,
    PerfectBayesianEquilibrium,
    perfect_bayesian_equilibria,
)
from .solvers.support_enumeration import AlgebraicEquilibrium
from .solvers.zero_sum import ZeroSumSolution
from .sweep import write_table

if TYPE_CHECKING:
    # Type checkers see the sweep function; at run time the name is the sweep
    # package, which is callable (it forwards to the function), so that
    # ``gta.sweep(model, grid)`` and ``import gametheory_alliances.sweep`` both work.
    from .sweep.core import sweep
else:
    from . import sweep
from .symbolic import (
    Region,
    RegionsResult,
    SPERegionsResult,
    classify_symmetric_2x2,
    credibility,
    credibility_conditions,
    equilibrium_regions,
    grim_trigger_threshold,
    outcome_regions,
    pbe_regions,
    solve_symbolic,
    spe_regions,
    threshold,
)

__version__ = "0.1.0"

__all__ = [
    "AlgebraicEquilibrium",
    "Certificate",
    "CertificationError",
    "Chance",
    "CheckReport",
    "Citation",
    "ClaimResult",
    "ContinuousGame",
    "CorrelatedEquilibrium",
    "CredibilityReport",
    "Decision",
    "Domain",
    "DomainError",
    "EliminationResult",
    "EliminationStep",
    "Equilibrium",
    "ExpressionError",
    "FileFormatError",
    "Game",
    "GameError",
    "InformationSet",
    "Model",
    "NormalFormGame",
    "PBEResult",
    "Parameter",
    "PayoffError",
    "PerfectBayesianEquilibrium",
    "ProbabilityError",
    "Region",
    "RegionsResult",
    "SPERegionsResult",
    "SPEResult",
    "SequentialGame",
    "ShapeError",
    "SignallingGame",
    "SolverError",
    "SolverResult",
    "SubgamePerfectEquilibrium",
    "Terminal",
    "TooLargeError",
    "UnboundParameterError",
    "UnknownParameterError",
    "ZeroSumSolution",
    "__version__",
    "backward_induction",
    "check_model",
    "classify_symmetric_2x2",
    "correlated_equilibrium",
    "credibility",
    "credibility_conditions",
    "credibility_report",
    "default_concept",
    "equilibrium_regions",
    "explore",
    "game_of",
    "grim_trigger_threshold",
    "iterated_elimination",
    "lemke_howson",
    "list_models",
    "load_model",
    "logit_homotopy",
    "nash_equilibria",
    "outcome_regions",
    "outcome_table",
    "parse_expression",
    "pbe_regions",
    "perfect_bayesian_equilibria",
    "pure_equilibria",
    "read_game",
    "read_nfg",
    "regenerate_all",
    "solve",
    "solve_numeric",
    "solve_symbolic",
    "spe_regions",
    "subgame_perfect_equilibria",
    "support_enumeration",
    "sweep",
    "threshold",
    "with_players",
    "write_game",
    "write_nfg",
    "write_table",
    "zero_sum",
]
