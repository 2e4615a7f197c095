"""Tables of perfect Bayesian (and sequential) equilibria of a tree over a grid.

A tree with incomplete information (some mover does not observe a chance
move's outcome) has subgames that start at the root only, so its subgame
perfect equilibria are its Nash equilibria, sequentially irrational threats
included. :class:`AssessmentPlan` sweeps such a tree for what its model
claims: at every grid point the tree is solved exactly by
:func:`~gametheory_alliances.solvers.dispatch.solve` for ``"pbe"``
(:func:`~gametheory_alliances.solvers.perfect_bayesian.perfect_bayesian_equilibria`,
with an optional refinement) or ``"sequential"``, and each listed
equilibrium becomes one row, in the solver's order:

* the parameters, ``equilibrium`` (1, 2, ... at the point) and ``label``
  (the action at every information set, as in the subgame-perfect tables);
* ``INFOSET:ACTION``, the behaviour at every information set;
* ``belief:INFOSET:NODE:min`` and ``belief:INFOSET:NODE:max`` at every
  information set of more than one node (nodes named by their paths): the
  least and greatest probability of the node among the supporting beliefs,
  equal where the belief is determined (Bayes' rule on the path). The
  catalogue's sets have two nodes, for which these bounds are the whole
  supporting set;
* ``payoff:PLAYER``;
* ``continuum``: whether the row is an end of a segment of equilibria
  rather than an isolated one: another row at the same point differs from
  it at one information set only, and the profile half-way between the two
  is itself a perfect Bayesian equilibrium (checked exactly by
  :func:`~gametheory_alliances.solvers.perfect_bayesian_trees.assessment_of`).
  The solver lists the extreme points of such families; the rows between
  them are not listed.

Numbers are computed in rational arithmetic where the payoffs are rational
and rounded like the other tables (:func:`~.rows.round_significant`), so a
table is byte-identical on regeneration; chunks are checkpointed and resumed
like every sweep's (:mod:`gametheory_alliances.sweep.store`).

Examples
--------
Two-sided extended deterrence: unrefined, deterrence holds at every prior,
with the Soft defender resisting for sure or mixing (the ends of a segment
of equilibria); the Hard defender resists in every row.

>>> from gametheory_alliances.sweep import sweep
>>> df = sweep("extended-deterrence-two-sided", {"p_C": ["1/2"], "p_D": ["1/2"]})
>>> columns = ["equilibrium", "Hard defender after Challenge:Resist",
...            "Soft defender after Challenge:Resist", "continuum"]
>>> print(df[columns].to_string(index=False))
 equilibrium  Hard defender after Challenge:Resist  Soft defender after Challenge:Resist  continuum
           1                                   1.0                              1.000000       True
           2                                   1.0                              0.600000       True
           3                                   1.0                              0.333333      False
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from ..errors import GameError, TooLargeError
from ..solvers.perfect_bayesian_trees import MAX_PROFILES, MAX_SUPPORT_PROFILES, assessment_of
from ..solvers.tree_json import node_name, tree_equilibrium_json
from .compiled import payoff_texts
from .plan import SweepPlan
from .rows import round_significant, tree_labels

__all__ = ["PBE_CHUNK_SIZE", "PBE_CONCEPTS", "REFINEMENTS", "AssessmentPlan"]

PBE_CONCEPTS = ("pbe", "sequential")
"""The concepts swept by :class:`AssessmentPlan`."""

REFINEMENTS = ("intuitive", "d1")
"""The refinements a ``"pbe"`` sweep may apply (:func:`~.solvers.tree_refinements.refine`)."""

PBE_CHUNK_SIZE = 4
"""Points a chunk holds by default: each takes up to seconds, so chunks are small enough for
the progress bar to move and for an interrupted sweep to lose little."""

_TABLE_VERSION = 1

_SOLVED: dict[tuple[Any, ...], tuple[list[list[float]], set[int]]] = {}
"""The rows of points already solved in this process, by game, concept and point: a region
map drawn after a table (``gta table --all``) sweeps the same points again."""

_SOLVED_SIZE = 4096


class AssessmentPlan(SweepPlan):
    """A sweep plan whose points are solved for perfect Bayesian or sequential equilibria.

    Parameters
    ----------
    game, model, axes, fixed, invalid
        As for :class:`~gametheory_alliances.sweep.plan.SweepPlan`; ``game``
        must be a tree.
    concept
        ``"pbe"`` or ``"sequential"``.
    refine
        ``None``, ``"intuitive"`` or ``"d1"`` (``"pbe"`` only).

    Raises
    ------
    GameError
        A game that is not a tree, an unknown concept or refinement.
    TooLargeError
        A tree with more behaviour or support profiles than the enumeration
        takes (checked before any point is solved).
    """

    def __init__(
        self,
        game: Any,
        model: Any,
        axes: dict[str, tuple[Any, ...]],
        fixed: dict[str, Any],
        concept: str,
        invalid: str,
        refine: str | None = None,
    ) -> None:
        if not game.is_tree:
            raise GameError(f"sweep: concept {concept!r} needs a sequential game (a tree)")
        if concept not in PBE_CONCEPTS:
            raise GameError(
                f"sweep: AssessmentPlan sweeps {', '.join(PBE_CONCEPTS)}, not {concept!r}"
            )
        if refine is not None and (concept != "pbe" or refine not in REFINEMENTS):
            raise GameError(
                f"sweep: refine must be one of {', '.join(REFINEMENTS)} with concept 'pbe', "
                f"found refine={refine!r} with concept {concept!r}"
            )
        super().__init__(game, model, axes, fixed, concept, invalid)
        self.refine = refine
        _check_size(game, concept)
        self.key = hashlib.sha256(
            json.dumps(
                [
                    payoff_texts(game, True),
                    list(game.players),
                    [[h.label, *h.actions] for h in game.infosets],
                    concept,
                    refine,
                ]
            ).encode()
        ).hexdigest()
        infosets = game.infosets
        self.behaviour_columns = [f"{h.label}:{a}" for h in infosets for a in h.actions]
        self.belief_sets = [k for k, h in enumerate(infosets) if len(h.nodes) > 1]
        self.belief_columns = [
            f"belief:{infosets[k].label}:{node_name(game, x)}:{end}"
            for k in self.belief_sets
            for x in infosets[k].nodes
            for end in ("min", "max")
        ]

    def fingerprint(self, chunk_size: int) -> str:
        """The checkpoint fingerprint: the sweep's, the refinement and the table's layout."""
        blob = {
            "sweep": super().fingerprint(chunk_size),
            "refine": self.refine,
            "table": _TABLE_VERSION,
        }
        return hashlib.sha256(json.dumps(blob, sort_keys=True).encode()).hexdigest()

    def columns(self) -> list[str]:
        """The table's columns, in order."""
        return [
            *self.parameter_names,
            "equilibrium",
            "label",
            *self.behaviour_columns,
            *self.belief_columns,
            *(f"payoff:{p}" for p in self.game.players),
            "continuum",
        ]

    def solve(self, start: int, stop: int) -> pd.DataFrame:
        """The table rows of the points ``start <= point < stop``, every point solved exactly."""
        n = stop - start
        values = self.float_values(start, stop)
        with np.errstate(all="ignore"):
            ok = self.valid(values, start, n)
        points: list[int] = []
        rows: list[list[float]] = []
        numbers: list[int] = []
        continuum: list[bool] = []
        for local in np.nonzero(ok)[0].tolist():
            found, ends = self.point_rows(start + local)
            for k, numbers_row in enumerate(found):
                points.append(local)
                rows.append(numbers_row)
                numbers.append(k + 1)
                continuum.append(k in ends)
        width = len(self.behaviour_columns) + len(self.belief_columns) + self.game.n_players
        table = np.array(rows, dtype=float).reshape(len(rows), width)
        index = np.asarray(points, dtype=np.intp)
        data: dict[str, Any] = {k: v[index] for k, v in values.items()}
        data["equilibrium"] = np.asarray(numbers, dtype=np.int64)
        # One label for one equilibrium, as in the other tree tables: the action at every set.
        nb = len(self.behaviour_columns)
        data["label"] = tree_labels(self.game.infosets, table[:, :nb], data["equilibrium"])
        names = [
            *self.behaviour_columns,
            *self.belief_columns,
            *(f"payoff:{p}" for p in self.game.players),
        ]
        for j, name in enumerate(names):
            data[name] = round_significant(table[:, j])
        data["continuum"] = np.asarray(continuum, dtype=bool)
        frame = pd.DataFrame(data, columns=self.columns())
        frame.attrs["exact_points"] = int(ok.sum())
        return frame

    def point_rows(self, point: int) -> tuple[list[list[float]], set[int]]:
        """The rows of one grid point (the numbers of each) and those ending a segment."""
        from ..solvers.dispatch import solve

        exact = self.exact_values(point)
        key = (self.key, tuple((k, str(v)) for k, v in exact.items()))
        if key not in _SOLVED:
            game = self.game.at(**exact)
            result = solve(game, self.concept, refine=self.refine)
            found = [self._row(game, eq) for eq in result]
            ends = _segment_ends(game, [profile for profile, _ in found])
            if len(_SOLVED) >= _SOLVED_SIZE:
                del _SOLVED[next(iter(_SOLVED))]
            _SOLVED[key] = ([numbers for _, numbers in found], ends)
        return _SOLVED[key]

    def _row(self, game: Any, eq: Any) -> tuple[tuple[tuple[Fraction, ...], ...], list[float]]:
        """``(profile, numbers)`` of one equilibrium: behaviour, beliefs, payoffs."""
        infosets = game.infosets
        if hasattr(eq, "behaviour_profile"):
            # A signalling game's equilibrium: its behaviour and beliefs on the tree.
            behaviour, vertices = eq.behaviour_profile()
            missing = [infosets[h].label for h in range(len(infosets)) if h not in behaviour]
            missing += [infosets[h].label for h in self.belief_sets if h not in vertices]
            if missing:
                raise GameError(
                    f"sweep: the signalling solver's equilibrium leaves {', '.join(missing)} "
                    "without behaviour or beliefs"
                )
            profile = tuple(tuple(Fraction(p) for p in behaviour[h]) for h in range(len(infosets)))
            data = tree_equilibrium_json(game, behaviour, vertices)
            exact = data.get("exact")
            payoffs = (
                [Fraction(x) for x in exact["payoffs"]]
                if exact is not None
                else [Fraction(x) for x in data["payoffs"]]
            )
            sets = {h: vertices[h] for h in self.belief_sets}
        else:
            profile = eq.profile
            payoffs = list(eq.payoffs)
            sets = {h: eq.beliefs[h].vertices for h in self.belief_sets}
        numbers = [float(p) for probs in profile for p in probs]
        for h in self.belief_sets:
            for j in range(len(infosets[h].nodes)):
                node = [float(v[j]) for v in sets[h]]
                numbers.extend((min(node), max(node)))
        numbers.extend(float(u) for u in payoffs)
        return profile, numbers


def _segment_ends(game: Any, profiles: list[tuple[tuple[Fraction, ...], ...]]) -> set[int]:
    """The listed profiles joined to another by a segment whose midpoint is an equilibrium.

    Only pairs that differ at one information set are tried: there the
    conditions are linear in that set's behaviour (or bilinear with an
    off-path belief), so the midpoint is the test the solver's own families
    are built on.
    """
    ends: set[int] = set()
    for a, b in itertools.combinations(range(len(profiles)), 2):
        first, second = profiles[a], profiles[b]
        differ = [h for h, (p, q) in enumerate(zip(first, second, strict=True)) if p != q]
        if len(differ) != 1 or (a in ends and b in ends):
            continue
        h = differ[0]
        middle = [
            tuple((x + y) / 2 for x, y in zip(p, q, strict=True)) if k == h else p
            for k, (p, q) in enumerate(zip(first, second, strict=True))
        ]
        if assessment_of(game, middle) is not None:
            ends.update((a, b))
    return ends


def _check_size(game: Any, concept: str) -> None:
    """Refuse, before any point is solved, a tree the enumeration would refuse at every point.

    A tree with the signalling structure is solved by the signalling solver,
    which bounds its own work (pure equilibria only beyond its bound, said
    in its notes).
    """
    from ..signalling import SignallingGame

    if concept == "pbe":
        try:
            SignallingGame(game)
            return
        except GameError:
            pass
    sizes = [len(h.actions) for h in game.infosets]
    pure = math.prod(sizes)
    support = math.prod(2**n - 1 for n in sizes)
    if pure > MAX_PROFILES or support > MAX_SUPPORT_PROFILES:
        raise TooLargeError(
            f"sweep: concept {concept!r} enumerates {support} support profiles of this tree "
            f"(information sets with {sizes} actions), more than {MAX_SUPPORT_PROFILES}; "
            "sweep it for concept 'spe' instead"
        )
