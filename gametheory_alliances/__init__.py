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

import sys
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    # Type checkers see every public name; at run time each is imported on first
    # use (module ``__getattr__`` below), so ``import gametheory_alliances`` and
    # ``gta --version`` do not pay for sympy, scipy, pandas and every solver.
    # ``gta.sweep`` is the sweep package, which is callable (it forwards to the
    # function), so that ``gta.sweep(model, grid)`` and
    # ``import gametheory_alliances.sweep`` both work.
    from .catalogue import list_models, load_model
    from .checking import CheckReport, ClaimResult, check_model
    from .continuous import ContinuousGame
    from .equilibrium import Certificate, Equilibrium, SolverResult
    from .estimation import DataError, FitResult, IdentificationError, fit, simulate
    from .explorer import explore
    from .expressions import parse_expression
    from .game import Game, game_of
    from .io import read_game, write_game
    from .io.model import Citation, Model
    from .io.model_file import with_players
    from .io.nfg import read_nfg, write_nfg
    from .normal_form import NormalFormGame
    from .parameters import Domain, Parameter
    from .power_index import WeightedMajorityGame, shapley_shubik_index
    from .predicates import outcome_table
    from .regenerate import regenerate_all
    from .sequential import Chance, Decision, InformationSet, SequentialGame, Terminal
    from .signalling import SignallingGame
    from .solvers import (
        correlated_equilibrium,
        credibility_report,
        iterated_elimination,
        nash_equilibria,
        pure_equilibria,
        subgame_perfect_equilibria,
    )

    # Names that are also submodules' names, from the modules that define them.
    from .solvers.array_backward_induction import backward_induction
    from .solvers.backward_induction import SPEResult, SubgamePerfectEquilibrium
    from .solvers.correlated import CorrelatedEquilibrium
    from .solvers.credibility import CredibilityReport
    from .solvers.dispatch import default_concept, solve
    from .solvers.dominance import EliminationResult, EliminationStep
    from .solvers.first_order import solve_numeric
    from .solvers.lemke_howson import lemke_howson
    from .solvers.logit_homotopy import logit_homotopy
    from .solvers.perfect_bayesian import (
        PBEResult,
        PerfectBayesianEquilibrium,
        perfect_bayesian_equilibria,
    )
    from .solvers.quantal_response import (
        QuantalResponseEquilibrium,
        qre_correspondence,
        qre_limit,
        quantal_response_equilibrium,
    )
    from .solvers.sequential_equilibria import sequential_equilibria
    from .solvers.support_enumeration import AlgebraicEquilibrium, support_enumeration
    from .solvers.zero_sum import ZeroSumSolution, zero_sum
    from .sweep import write_table
    from .sweep.core import sweep
    from .symbolic import (
        Region,
        RegionsResult,
        SPERegionsResult,
        classify_symmetric_2x2,
        compare_designs,
        credibility_conditions,
        derivatives,
        equilibrium_regions,
        grim_trigger_threshold,
        outcome_region,
        outcome_regions,
        pbe_regions,
        solve_symbolic,
        spe_regions,
        threshold,
    )
    from .symbolic.credibility import credibility

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
    "DataError",
    "Decision",
    "Domain",
    "DomainError",
    "EliminationResult",
    "EliminationStep",
    "Equilibrium",
    "ExpressionError",
    "FileFormatError",
    "FitResult",
    "Game",
    "GameError",
    "IdentificationError",
    "InformationSet",
    "Model",
    "NormalFormGame",
    "PBEResult",
    "Parameter",
    "PayoffError",
    "PerfectBayesianEquilibrium",
    "ProbabilityError",
    "QuantalResponseEquilibrium",
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
    "WeightedMajorityGame",
    "ZeroSumSolution",
    "__version__",
    "backward_induction",
    "check_model",
    "classify_symmetric_2x2",
    "compare_designs",
    "correlated_equilibrium",
    "credibility",
    "credibility_conditions",
    "credibility_report",
    "default_concept",
    "derivatives",
    "equilibrium_regions",
    "explore",
    "fit",
    "game_of",
    "grim_trigger_threshold",
    "iterated_elimination",
    "lemke_howson",
    "list_models",
    "load_model",
    "logit_homotopy",
    "nash_equilibria",
    "outcome_region",
    "outcome_regions",
    "outcome_table",
    "parse_expression",
    "pbe_regions",
    "perfect_bayesian_equilibria",
    "pure_equilibria",
    "qre_correspondence",
    "qre_limit",
    "quantal_response_equilibrium",
    "read_game",
    "read_nfg",
    "regenerate_all",
    "sequential_equilibria",
    "shapley_shubik_index",
    "simulate",
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

# Where each public name lives (relative to this package): imported on first use.
_LAZY: dict[str, str] = {
    "explore": "explorer",
    "outcome_region": "symbolic",
    "derivatives": "symbolic",
    "compare_designs": "symbolic",
    "quantal_response_equilibrium": "solvers.quantal_response",
    "qre_limit": "solvers.quantal_response",
    "qre_correspondence": "solvers.quantal_response",
    "QuantalResponseEquilibrium": "solvers.quantal_response",
    "simulate": "estimation",
    "fit": "estimation",
    "IdentificationError": "estimation",
    "FitResult": "estimation",
    "DataError": "estimation",
    "shapley_shubik_index": "power_index",
    "WeightedMajorityGame": "power_index",
    **dict.fromkeys(("list_models", "load_model"), "catalogue"),
    **dict.fromkeys(("CheckReport", "ClaimResult", "check_model"), "checking"),
    "ContinuousGame": "continuous",
    **dict.fromkeys(("Certificate", "Equilibrium", "SolverResult"), "equilibrium"),
    "parse_expression": "expressions",
    **dict.fromkeys(("Game", "game_of"), "game"),
    **dict.fromkeys(("read_game", "write_game"), "io"),
    **dict.fromkeys(("Citation", "Model"), "io.model"),
    "with_players": "io.model_file",
    **dict.fromkeys(("read_nfg", "write_nfg"), "io.nfg"),
    "NormalFormGame": "normal_form",
    **dict.fromkeys(("Domain", "Parameter"), "parameters"),
    "outcome_table": "predicates",
    "regenerate_all": "regenerate",
    **dict.fromkeys(
        ("Chance", "Decision", "InformationSet", "SequentialGame", "Terminal"), "sequential"
    ),
    "SignallingGame": "signalling",
    **dict.fromkeys(
        (
            "backward_induction",
            "correlated_equilibrium",
            "credibility_report",
            "iterated_elimination",
            "lemke_howson",
            "logit_homotopy",
            "nash_equilibria",
            "pure_equilibria",
            "subgame_perfect_equilibria",
            "support_enumeration",
            "zero_sum",
        ),
        "solvers",
    ),
    **dict.fromkeys(("SPEResult", "SubgamePerfectEquilibrium"), "solvers.backward_induction"),
    "CorrelatedEquilibrium": "solvers.correlated",
    "CredibilityReport": "solvers.credibility",
    **dict.fromkeys(("default_concept", "solve"), "solvers.dispatch"),
    **dict.fromkeys(("EliminationResult", "EliminationStep"), "solvers.dominance"),
    "solve_numeric": "solvers.first_order",
    **dict.fromkeys(
        ("PBEResult", "PerfectBayesianEquilibrium", "perfect_bayesian_equilibria"),
        "solvers.perfect_bayesian",
    ),
    "sequential_equilibria": "solvers.sequential_equilibria",
    "AlgebraicEquilibrium": "solvers.support_enumeration",
    "ZeroSumSolution": "solvers.zero_sum",
    "write_table": "sweep",
    **dict.fromkeys(
        (
            "Region",
            "RegionsResult",
            "SPERegionsResult",
            "classify_symmetric_2x2",
            "credibility",
            "credibility_conditions",
            "equilibrium_regions",
            "grim_trigger_threshold",
            "outcome_regions",
            "pbe_regions",
            "solve_symbolic",
            "spe_regions",
            "threshold",
        ),
        "symbolic",
    ),
}


def __getattr__(name: str) -> Any:
    """A public name, imported from its module on first use (then cached here)."""
    if name == "sweep":
        # The sweep package itself (callable): importing it binds it here.
        __import__(f"{__name__}.sweep")
        return sys.modules[f"{__name__}.sweep"]
    where = _LAZY.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = __import__(f"{__name__}.{where}", fromlist=[name])
    value = getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
