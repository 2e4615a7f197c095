"""Symbolic analysis: equilibrium regions and credibility conditions as sympy booleans.

A parameterised game is analysed without binding its parameters. For every
candidate equilibrium the toolkit derives its strategies in closed form
(rational functions of the parameters) and the exact *region* of parameter
space where that profile is an equilibrium. The numeric solvers must agree
with these regions at every point: that agreement is the project's central
correctness check.

* :class:`Region` wraps a sympy boolean over the parameters, simplified under
  their domains, with :meth:`Region.contains` (exact), a vectorised
  :meth:`Region.mask`, :meth:`Region.latex` and a readable ``str``.
* :func:`equilibrium_regions` enumerates, for a two-player game, every
  candidate extreme equilibrium (pairs of vertices of the best-response
  polyhedra whose label sets are complete for all parameter values) and, for
  ``concept="pure"``, the pure profiles of an n-player game.
* :func:`spe_regions` runs backward induction over parameter space on a tree
  of perfect information: each pure subgame-perfect equilibrium with the
  region where it is one, ties kept on the boundaries.
* :func:`threshold` solves a condition linear in one parameter for that
  parameter, flipping the inequality when the coefficient is negative and
  splitting into cases when its sign is unknown.
* :func:`credibility` gives the region where an action is played in every (or
  some) subgame-perfect equilibrium of a tree (or Nash equilibrium of a
  normal-form game).
* :func:`classify_symmetric_2x2` derives the regions of the classic symmetric
  2x2 games (Prisoner's Dilemma, Chicken, Stag Hunt, Harmony, Deadlock) from
  the equilibria and their Pareto ranking.
* :func:`grim_trigger_threshold` gives the closed-form discount-factor
  condition under which a cooperative stage profile is sustained by grim
  trigger (Nash reversion) strategies.

The package, one job a module (each imports only those above it):

* :mod:`.conditions`: the real-algebra condition engine (:func:`compare`,
  sign and interval reasoning, exact linear decisions by checked linear
  programs and Fourier-Motzkin elimination, the :class:`~.conditions.Simplifier`);
* :mod:`.region`: :class:`Region`, :func:`threshold` and the region-table base
  of the regions results;
* :mod:`.trees`: symbolic backward induction (:func:`spe_regions`);
* :mod:`.normal_form`: symbolic equilibria of normal-form games
  (:func:`equilibrium_regions`, :func:`conditions_to_json`);
* :mod:`.credibility`: :func:`credibility` on trees and normal-form games;
* :mod:`.classes`: the symmetric 2x2 classes and grim trigger;
* :mod:`.continuous`: closed forms of continuous games by first-order
  conditions (:func:`solve_symbolic`);
* :mod:`.predicates`: where the entrapment family's outcome predicates
  hold and its commitments are credible (:func:`outcome_regions`,
  :func:`credibility_conditions`);
* :mod:`.queries`: outcome queries, one and the same SPE for a whole
  expression of predicates (:func:`outcome_region`), and what one design
  adds to another (:func:`compare_designs`);
* :mod:`.statics`: comparative statics, derivatives of the closed forms and
  thresholds with their sign regions (:func:`derivatives`);
* :mod:`.signalling`: perfect Bayesian equilibria of signalling games in
  closed form (:func:`pbe_regions`, :func:`closed_form`).

Boundaries. A region is *closed* in the sense that it holds exactly where
the profile's closed form is defined and is an equilibrium: inequalities are
weak where the equilibrium conditions are weak, so ties at boundaries are
kept (a mixed equilibrium whose probability reaches 0 on a boundary is still
listed there, where it coincides with a pure one). Away from every boundary
expression (:attr:`RegionsResult.boundaries`) the profiles of the regions
containing a point are exactly the game's extreme equilibria at that point;
on a boundary the game may be degenerate: every profile listed there is an
equilibrium, but it need not be an extreme one, and extreme equilibria that
exist only there (vertices of a degenerate game) are listed by no region.

References
----------
D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel, "Enumeration of Nash
equilibria for two-player games", *Economic Theory* 42 (2010) 9-37.

A. Rapoport and M. Guyer, "A taxonomy of 2x2 games", *General Systems* 11
(1966) 203-214.

G. H. Snyder, "The security dilemma in alliance politics", *World Politics*
36 (1984) 461-495.

D. Fudenberg and J. Tirole, *Game Theory*, MIT Press (1991), section 5.1
(repeated games and Nash reversion).

Examples
--------
>>> from gametheory_alliances import NormalFormGame
>>> from gametheory_alliances.symbolic import equilibrium_regions
>>> game = NormalFormGame(
...     [[["b - c", "-c"], ["b", 0]], [["b - c", "b"], ["-c", 0]]],
...     strategies=[["C", "D"], ["C", "D"]],
...     parameters={"b": "positive", "c": "positive"},
... )
>>> regions = equilibrium_regions(game)
>>> print(regions)
(D, D): True
    Row: D; Column: D
>>> regions.equilibria_at(b=3, c=1)
(Equilibrium(Row: (0, 1), Column: (0, 1); payoffs (0, 0)),)
"""

from .classes import (
    SYMMETRIC_2X2_CLASSES,
    GrimTrigger,
    classify_symmetric_2x2,
    grim_trigger_threshold,
)
from .conditions import MAX_DNF_TERMS, MAX_FOURIER_MOTZKIN, compare
from .continuous import solve_symbolic
from .credibility import credibility
from .normal_form import (
    MAX_VERTEX_BASES,
    RegionsResult,
    SymbolicEquilibrium,
    conditions_to_json,
    equilibrium_regions,
)
from .predicates import credibility_conditions, outcome_regions
from .queries import compare_designs, outcome_region
from .region import Region, threshold
from .signalling import ClosedForm, PBERegion, PBERegionsResult, closed_form, pbe_regions
from .statics import Derivative, DerivativesResult, derivatives
from .trees import MAX_SPE_PIECES, SPERegionsResult, SymbolicSPE, spe_regions

__all__ = [
    "MAX_DNF_TERMS",
    "MAX_FOURIER_MOTZKIN",
    "MAX_SPE_PIECES",
    "MAX_VERTEX_BASES",
    "SYMMETRIC_2X2_CLASSES",
    "ClosedForm",
    "Derivative",
    "DerivativesResult",
    "GrimTrigger",
    "PBERegion",
    "PBERegionsResult",
    "Region",
    "RegionsResult",
    "SPERegionsResult",
    "SymbolicEquilibrium",
    "SymbolicSPE",
    "classify_symmetric_2x2",
    "closed_form",
    "compare",
    "compare_designs",
    "conditions_to_json",
    "credibility",
    "credibility_conditions",
    "derivatives",
    "equilibrium_regions",
    "grim_trigger_threshold",
    "outcome_region",
    "outcome_regions",
    "pbe_regions",
    "solve_symbolic",
    "spe_regions",
    "threshold",
]
