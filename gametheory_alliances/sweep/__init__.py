"""sweep(model_or_game, grid, fixed=None, **options) -> DataFrame: equilibria over parameter grids.

:func:`sweep` solves a parameterised game at every point of a grid (the
cartesian product of one array of values per swept parameter) and returns a
pandas DataFrame with one row per grid point and equilibrium: fast,
chunked, resumable, local or on a Dask cluster.

``gametheory_alliances.sweep`` is this package, and the package is callable:
``gta.sweep(model, grid, ...)`` calls the function :func:`sweep` (also
``from gametheory_alliances.sweep import sweep``). The public interface has
always had ``gta.sweep`` as the function, and the package of the same name
would otherwise hide it (or be hidden by it: ``import
gametheory_alliances.sweep`` used to give the function). The package's class
is a :class:`types.ModuleType` whose ``__call__`` forwards to :func:`sweep`,
so both hold: ``inspect.ismodule(gta.sweep)`` and ``gta.sweep(...)``.

How the points are solved
-------------------------
The payoff expressions are evaluated for all points at once (``sympy.lambdify``
to numpy), and the batched kernels of :mod:`gametheory_alliances.sweep.kernels`
solve all points in a few numpy operations: a closed form for 2 x 2 games,
batched support enumeration for other small two-player games, vectorised
best-response comparison for pure equilibria of n-player games. The kernels
work in floating point and flag every point where a comparison that matters
lies within :data:`~gametheory_alliances.sweep.kernels.KERNEL_TOLERANCE` of a tie.
Those points (degenerate games: weakly dominant strategies, continua of
equilibria; common on integer and decimal grids) are solved by the scalar
exact solver (:func:`~gametheory_alliances.nash_equilibria`,
:func:`~gametheory_alliances.pure_equilibria` or
:func:`~gametheory_alliances.solvers.backward_induction.subgame_perfect_equilibria`
on the game at that point, in rational arithmetic; 2 x 2 games by the exact
closed form :func:`~gametheory_alliances.sweep.kernels.nash_2x2_exact`, which
gives the same extreme equilibria, order and components), so every row is
the scalar solver's answer at that point: the same extreme equilibria in the
same order. The attribute ``df.attrs["exact_points"]`` counts the
points solved exactly.

The region method
-----------------
``sweep(..., method="regions")`` decides the points from the symbolic
layer instead: the game's closed-form equilibrium regions
(:func:`~gametheory_alliances.equilibrium_regions` for ``"nash"`` and
``"pure"``, :func:`~gametheory_alliances.symbolic.spe_regions` for trees of
perfect information) are derived once per game (and cached), every region's
condition is evaluated on the whole chunk, and each point gets the
candidates whose regions contain it, their probabilities computed from the
closed-form strategy expressions (a tree's payoffs follow the chosen
actions as in backward induction). Every comparison is decided by the signs
of polynomials (numerators and denominators) evaluated in floating point; a
point where one of them, or one of the symbolic layer's boundary
expressions (where a game may be degenerate), is within
:data:`~gametheory_alliances.sweep.kernels.KERNEL_TOLERANCE` times the sum of
its terms' sizes of zero, where a candidate whose vertex is degenerate for
all parameter values holds, or where the regions predict no equilibrium
(``"nash"``) or not exactly one (``"spe"``), is solved by the same exact
scalar solver as the numeric kernels' ties. The table has the same rows,
labels, order and components as with the numeric kernels; probabilities
and payoffs are the closed forms' floats, which agree with the kernels'
to about 1e-14 but not always bit for bit (two floating-point
computations of one number can differ in the last bits, and the rounding
to 15 significant digits does not always absorb that). The default
``method="auto"`` therefore uses the numeric kernels, so the default
tables do not change. For trees without chance moves, on grids of
rational values, the two methods write the same bytes.

Exactness
---------
Grid values are kept as exact fractions (``"0.5:5:10"`` gives 1/2, 1, ...,
5; floats are read as their shortest decimal, 0.1 as 1/10), so the scalar
fallback works in rational arithmetic exactly as ``model.at(...)`` would. The
table itself holds floats; the exact fractions of any row are one call away
(``nash_equilibria(model.at(**row_parameters))``).

The table
---------
Columns, in order:

* one per parameter (swept and fixed), in the model's parameter order;
* ``equilibrium``: the equilibrium's number at its point (1, 2, ...; 0 on a
  row saying that the point has no pure equilibrium);
* ``label``: the equilibrium's concise label
  (:func:`~gametheory_alliances.labels.concise_label`, the same text as in
  ``gta conditions`` and the maps' legends): ``(C, F)`` for a pure
  equilibrium (each player's strategy), ``mixed (C+F, C+F)`` for a mixed
  one (each player's support; two equilibria of one point on the same
  supports carry their weights, ``mixed (0.5 C + 0.5 F, C)``); for a
  symmetric 2 x 2 game, prefixed by the game's class at that point
  (``Chicken: (C, F)``; Prisoner's Dilemma, Chicken, Stag Hunt, Harmony or
  Deadlock, from :func:`~gametheory_alliances.symbolic.classify_symmetric_2x2`;
  on the boundaries between classes, where payoffs tie, the tie naming the
  equal payoffs, ``tie (R = T, S = P): (C, C)``; none for the other
  orderings);
* ``PLAYER:STRATEGY``: the probability each player gives each strategy
  (``Ally A:C``), players and strategies in the game's order;
* ``payoff:PLAYER``: each player's expected payoff (probabilities and
  payoffs are rounded to 15 significant digits, so that a number reached
  along different floating-point paths prints the same: 0.3, not
  0.30000000000000004);
* ``component``, ``component_size``: the equilibrium component the extreme
  equilibrium lies on (numbered per point) and its number of extreme
  equilibria (1 for an isolated equilibrium).

For a sequential game (concept ``"spe"``) the strategy columns are
behaviour strategies, ``INFOSET:ACTION`` (``Patron after Attack:Defend``),
one per action of every information set, ``label`` names the action at
every information set in their order (``(Risky, Attack, Stay out, Attack,
Stay out)``, so that two equilibria with the same path stay apart), and
there are no component columns.

Rows come in grid order (the first swept parameter varies slowest), then in
the solver's order of equilibria. The table is the same, and writes the
same bytes, for every chunk size, process count and scheduler.

Scale
-----
The grid is cut into chunks of ``chunk_size`` points. With ``out`` (a
``.parquet`` path) every finished chunk is written to ``OUT.parts/`` with a
checkpoint (``checkpoint.json``: the finished chunks and a fingerprint of
the game, grid and options); an interrupted sweep run again with the same
arguments resumes from the checkpoint without recomputing finished chunks,
and a changed game or grid refuses to resume. When all chunks are done the
parts are joined into ``OUT`` and removed. ``processes=k`` runs chunks on
``k`` local processes; ``client=`` (a ``dask.distributed.Client``) runs them
on a Dask cluster. Results are reassembled in chunk order either way.

The modules
-----------
One job a module:

* :mod:`~gametheory_alliances.sweep.core`: the function :func:`sweep`;
* :mod:`~gametheory_alliances.sweep.grid`: grid axes from text or numbers;
* :mod:`~gametheory_alliances.sweep.plan`: :class:`~gametheory_alliances.sweep.plan.SweepPlan`,
  the game, grid and options, and the solving of one chunk of points;
* :mod:`~gametheory_alliances.sweep.kernels`: the batched numpy kernels;
* :mod:`~gametheory_alliances.sweep.regions`: the region method's closed forms;
* :mod:`~gametheory_alliances.sweep.rows`: a chunk's rows, labels and rounding;
* :mod:`~gametheory_alliances.sweep.compiled`: expressions compiled for numpy and fractions;
* :mod:`~gametheory_alliances.sweep.predicates`: the outcome-predicate columns;
* :mod:`~gametheory_alliances.sweep.store`: chunks, checkpoints, processes and Dask;
* :mod:`~gametheory_alliances.sweep.tables`: tables as CSV, Markdown, LaTeX and Parquet.

Regenerating every catalogue model's tables and maps is
:func:`gametheory_alliances.regenerate.regenerate_all`.

Examples
--------
>>> from gametheory_alliances.catalogue import load_model
>>> from gametheory_alliances.sweep import sweep
>>> model = load_model("burden-sharing")
>>> df = sweep(model, {"c": [1, 2.5, 4]}, fixed={"b2": 5})
>>> print(df[["c", "label", "Ally A:C", "Ally B:C", "payoff:Ally A"]].to_string(index=False))
  c                     label  Ally A:C  Ally B:C  payoff:Ally A
1.0           Harmony: (C, C)       1.0       1.0            4.0
2.5           Chicken: (C, F)       1.0       0.0            0.5
2.5 Chicken: mixed (C+F, C+F)       0.5       0.5            1.5
2.5           Chicken: (F, C)       0.0       1.0            3.0
4.0 Prisoner's Dilemma: (F, F)       0.0       0.0            0.0
"""

from __future__ import annotations

import inspect
import sys
import types
from typing import Any

from ..deprecation import moved
from .core import METHODS, sweep
from .grid import grid_values, parse_grid_option, parse_grid_spec
from .plan import MAX_KERNEL_SUPPORTS
from .rows import SIGNIFICANT_DIGITS, ZERO_SNAP
from .store import DEFAULT_CHUNK_SIZE, connect_scheduler
from .tables import table_text, write_table

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "MAX_KERNEL_SUPPORTS",
    "METHODS",
    "SIGNIFICANT_DIGITS",
    "ZERO_SNAP",
    "connect_scheduler",
    "grid_values",
    "parse_grid_option",
    "parse_grid_spec",
    "sweep",
    "table_text",
    "write_table",
]

_MOVED = ("default_grid", "regenerate_all")
"""Names that moved to :mod:`gametheory_alliances.regenerate` (kept here for one release)."""


def __getattr__(name: str) -> Any:
    """The names that moved to :mod:`gametheory_alliances.regenerate`, with a warning."""
    if name in _MOVED:
        from .. import regenerate

        return moved(__name__, name, regenerate)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class SweepModule(types.ModuleType):
    """The class of this package: a module that is also the function :func:`sweep`."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return sweep(*args, **kwargs)

    @property
    def __signature__(self) -> inspect.Signature:
        # Asked each time, so that it is the function's signature as it is now
        # (documentation tools may rewrite a function's signature in place).
        return inspect.signature(sweep)


sys.modules[__name__].__class__ = SweepModule
