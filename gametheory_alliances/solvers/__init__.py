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

# isort: split
# Last, so that the package's name ``backward_induction`` is this function and not the
# module of that name (loading a submodule binds its name in the package).
from .array_backward_induction import backward_induction

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
