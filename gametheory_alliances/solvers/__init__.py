"""Numeric equilibrium algorithms: each a plain function taking a numeric game.

One algorithm a file, named after the algorithm:

* :mod:`.vertex_enumeration`: every extreme Nash equilibrium of a two-player
  game (``nash_equilibria``), exact on rational games, complete on degenerate ones;
* :mod:`.support_enumeration`: every Nash equilibrium of a small n-player
  game (``support_enumeration``), irrational ones as algebraic numbers;
* :mod:`.pure`: pure-strategy equilibria of n-player games (``pure_equilibria``);
* :mod:`.lemke_howson`: one equilibrium of a large two-player game;
* :mod:`.logit_homotopy`: one equilibrium of a larger n-player game, the limit
  of the logit equilibria, refined exactly where its support allows;
* :mod:`.quantal_response`: logit and probit quantal response equilibria of
  normal-form games and trees (``quantal_response_equilibrium``);
* :mod:`.zero_sum`: value and optimal strategies of a zero-sum game by linear programming;
* :mod:`.correlated`: a correlated equilibrium maximising a linear objective;
* :mod:`.dominance`: iterated elimination of strictly dominated strategies;
* :mod:`.backward_induction`: every subgame-perfect equilibrium of a tree
  (``subgame_perfect_equilibria``);
* :mod:`.spe_components`: the whole SPE set of a perfect-information tree
  with mixtures at ties (``subgame_perfect_equilibria(game, mixed=True)``);
* :mod:`.array_backward_induction`: a vectorised backward induction for large
  perfect-information trees (``backward_induction``);
* :mod:`.credibility`: Nash equilibria beside the SPE (``credibility_report``);
* :mod:`.perfect_bayesian`: every pure and extreme mixed perfect Bayesian
  equilibrium of a signalling game (``perfect_bayesian_equilibria``).
"""

import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .array_backward_induction import backward_induction
    from .backward_induction import subgame_perfect_equilibria
    from .correlated import correlated_equilibrium
    from .credibility import credibility_report
    from .dominance import iterated_elimination
    from .lemke_howson import lemke_howson
    from .logit_homotopy import logit_homotopy
    from .perfect_bayesian import perfect_bayesian_equilibria
    from .pure import pure_equilibria
    from .support_enumeration import support_enumeration
    from .vertex_enumeration import nash_equilibria
    from .zero_sum import zero_sum

__all__ = [
    "backward_induction",
    "correlated_equilibrium",
    "credibility_report",
    "iterated_elimination",
    "lemke_howson",
    "logit_homotopy",
    "nash_equilibria",
    "perfect_bayesian_equilibria",
    "pure_equilibria",
    "subgame_perfect_equilibria",
    "support_enumeration",
    "zero_sum",
]

# Each public name is imported from its module on first use, so that solving a small
# normal-form game does not load sympy through the tree and signalling solvers.
_HOME = {
    "backward_induction": "array_backward_induction",
    "correlated_equilibrium": "correlated",
    "credibility_report": "credibility",
    "iterated_elimination": "dominance",
    "lemke_howson": "lemke_howson",
    "logit_homotopy": "logit_homotopy",
    "nash_equilibria": "vertex_enumeration",
    "perfect_bayesian_equilibria": "perfect_bayesian",
    "pure_equilibria": "pure",
    "subgame_perfect_equilibria": "backward_induction",
    "support_enumeration": "support_enumeration",
    "zero_sum": "zero_sum",
}


def __getattr__(name: str) -> Any:
    """A public solver, imported from its module on first use (then cached here)."""
    where = _HOME.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(__import__(f"{__name__}.{where}", fromlist=[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """This package, whose public names stay the functions when a same-named module loads.

    Loading a submodule binds its name in the package (``solvers.backward_induction``
    would become the module); the functions ``backward_induction``,
    ``lemke_howson``, ``support_enumeration``, ... keep those names, as they did
    when the package imported them all up front.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _HOME and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
