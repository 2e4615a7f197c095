"""The outcome-predicate columns of a sweep table, computed for the whole table at once.

For SPE sweeps of models that declare outcome predicates (the entrapment
family), :func:`vectorised_outcome_columns` appends the columns of
:func:`~outcome_columns`, bit for bit: each
row's path read from its behaviour columns, the model's baseline game swept
once over the table's points.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..parameters import as_number
from ..predicates import OutcomeSpec, evaluate
from .compiled import numpy_function
from .kernels import KERNEL_TOLERANCE
from .plan import SweepPlan
from .store import DEFAULT_CHUNK_SIZE, chunk_bounds

__all__ = ["outcome_columns", "vectorised_outcome_columns"]


@dataclass(frozen=True)
class _Profile:
    """A behaviour profile read back from a sweep row (what :func:`evaluate` needs)."""

    game: Any
    profile: tuple[tuple[Any, ...], ...]


def outcome_columns(frame: Any, model: Any) -> Any:
    """Add one boolean column per declared outcome predicate to an SPE sweep's table.

    Each row's behaviour is read from its ``INFOSET:ACTION`` columns; the
    baseline game is solved once per distinct parameter point (exactly,
    the swept numbers read back as the decimals they print as). The rows
    at a point are taken to be every SPE there (as a sweep lists them),
    which a predicate that counts baseline ties needs.

    Parameters
    ----------
    frame
        A :func:`~gametheory_alliances.sweep.sweep` table of a sequential
        model (concept ``"spe"``).
    model
        The model, with ``outcomes`` declared.

    Returns
    -------
    pandas.DataFrame
        The same table with the predicate columns appended.
    """
    from ..solvers.backward_induction import subgame_perfect_equilibria

    spec: OutcomeSpec = model.outcomes
    game = model.game
    names = list(model.parameters)
    cache: dict[tuple[Any, ...], Any] = {}
    numeric: dict[tuple[Any, ...], Any] = {}
    needs = any(p.needs_baseline for p in spec.predicates)
    # First every row's profile and point, so that a tie rule can see every SPE at a point.
    rows: list[tuple[tuple[Any, ...], dict[str, Any], tuple[tuple[Any, ...], ...]] | None] = []
    at_point: dict[tuple[Any, ...], list[tuple[tuple[Any, ...], ...]]] = {}
    for _, row in frame.iterrows():
        profile = []
        valid = True
        for h in game.infosets:
            probs = tuple(row.get(f"{h.label}:{a}") for a in h.actions)
            if any(p is None or p != p for p in probs):
                valid = False
                break
            profile.append(probs)
        if not valid:
            rows.append(None)
            continue
        values = {n: as_number(row[n], n) for n in names if n in row}
        key = tuple(sorted(values.items()))
        rows.append((key, values, tuple(profile)))
        at_point.setdefault(key, []).append(tuple(profile))
    columns: dict[str, list[bool]] = {p.name: [] for p in spec.predicates}
    for item in rows:
        if item is None:
            for p in spec.predicates:
                columns[p.name].append(False)
            continue
        key, values, behaviour = item
        if key not in numeric:
            # chance probabilities may be parameters: read the path in the numeric game
            numeric[key] = model.at(**values)
        base = None
        if needs:
            base_values = {**values, **spec.baseline}
            base_key = tuple(sorted(base_values.items()))
            if base_key not in cache:
                cache[base_key] = subgame_perfect_equilibria(model.at(**base_values))
            base = cache[base_key]
        everyone = [_Profile(numeric[key], other) for other in at_point[key]]
        result = evaluate(_Profile(numeric[key], behaviour), spec, base, everyone)
        for name, holds in result.items():
            columns[name].append(holds)
    out = frame.copy()
    for name, values_ in columns.items():
        out[name] = values_
    return out


def _baseline_played(
    game: Any,
    baseline: Mapping[str, Any],
    names: Sequence[str],
    points: np.ndarray,
    offsets: np.ndarray,
) -> np.ndarray:
    """For each point (a row of ``points``) and each action of every information set:
    whether some SPE of the baseline game plays it with positive probability.

    The baseline game is swept (by this module's kernels, ties decided
    exactly) over the grid spanned by the points' values, each read back as
    the decimal it prints as, with the baseline's values substituted.
    """
    axes: dict[str, tuple[Any, ...]] = {}
    fixed: dict[str, Any] = {}
    columns: dict[str, np.ndarray] = {}
    for j, name in enumerate(names):
        if name in baseline:
            fixed[name] = baseline[name]
            continue
        values = np.unique(points[:, j])
        exact = tuple(as_number(float(v), name) for v in values)
        if len(values) == 1:
            fixed[name] = exact[0]
        else:
            axes[name] = exact
            columns[name] = values
    plan = SweepPlan(game, None, axes, fixed, "spe", "drop")
    frame = pd.concat(
        [plan.solve(a, b) for a, b in chunk_bounds(plan.n_points, DEFAULT_CHUNK_SIZE)],
        ignore_index=True,
    )

    def flat_index(table: Mapping[str, np.ndarray], n: int) -> np.ndarray:
        if not axes:
            return np.zeros(n, dtype=np.intp)
        where = [np.searchsorted(columns[name], table[name]) for name in axes]
        return np.asarray(np.ravel_multi_index(where, plan.shape), dtype=np.intp)

    behaviour = np.stack(
        [frame[f"{h.label}:{a}"].to_numpy(dtype=float) for h in game.infosets for a in h.actions],
        axis=1,
    ).reshape(len(frame), int(offsets[-1]))
    played = np.zeros((plan.n_points, int(offsets[-1])), dtype=bool)
    at = flat_index({k: frame[k].to_numpy(dtype=float) for k in axes}, len(frame))
    np.logical_or.at(played, at, behaviour != 0)
    mine = flat_index({k: points[:, j] for j, k in enumerate(names) if k in axes}, len(points))
    out: np.ndarray = played[mine]
    return out


def _others_played(played: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """For each action: whether another action of its information set is played (by ``played``)."""
    out = np.zeros_like(played)
    for lo, hi in itertools.pairwise(int(k) for k in offsets):
        for j in range(lo, hi):
            out[:, j] = np.delete(played[:, lo:hi], j - lo, axis=1).any(axis=1)
    return out


def vectorised_outcome_columns(frame: pd.DataFrame, model: Any) -> pd.DataFrame:
    """:func:`~outcome_columns` for a whole table at once.

    The same columns, bit for bit. The predicates read each row's path from
    its behaviour columns; the baseline game (the model's ``outcomes.baseline``
    values substituted) is swept once over the grid spanned by the table's
    points (array backward induction, ties decided exactly). Trees with
    imperfect information are read the same way: a row's behaviour is per
    information set, and the path follows it through every node of the set.
    Only rows at points where a chance probability is near zero or not finite
    are left to the point-by-point function. Like
    it, the parameter values are the table's numbers read back as the
    decimals they print as. Unlike it, it does not check the points, nor
    their baselines, against the model's assumptions again.
    """
    game = model.game
    spec = model.outcomes
    if len(frame) == 0:
        return outcome_columns(frame, model)
    nodes = game.nodes
    infosets = game.infosets
    n_rows = len(frame)
    names = list(game.parameters)
    uniq, inverse = np.unique(frame[names].to_numpy(dtype=float), axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    n_points = len(uniq)
    symbols = tuple(p.symbol for p in game.parameters.values())
    exprs = tuple(e for nd in nodes for e in (*nd.payoffs, *nd.probs))
    compiled = numpy_function(exprs, symbols)

    def arrays(args: list[np.ndarray]) -> tuple[dict[int, np.ndarray], dict[int, np.ndarray]]:
        with np.errstate(all="ignore"):
            flat = [
                np.broadcast_to(np.asarray(v, dtype=float), (n_points,)) for v in compiled(*args)
            ]
        leaves, probs, at = {}, {}, 0
        for k, nd in enumerate(nodes):
            if nd.kind == "terminal":
                leaves[k] = np.stack(flat[at : at + len(nd.payoffs)], axis=1)
                at += len(nd.payoffs)
            elif nd.kind == "chance":
                probs[k] = np.stack(flat[at : at + len(nd.probs)], axis=1)
                at += len(nd.probs)
        return leaves, probs

    def doubtful(probs: Mapping[int, np.ndarray]) -> np.ndarray:
        out = np.zeros(n_points, dtype=bool)
        for p in probs.values():
            out |= ((np.abs(p) <= KERNEL_TOLERANCE) | ~np.isfinite(p)).any(axis=1)
        return out

    _, probs = arrays([uniq[:, j] for j in range(len(names))])
    hard = doubtful(probs)
    widths = [len(h.actions) for h in infosets]
    offsets = np.cumsum([0, *widths])
    base_played = np.zeros((n_points, int(offsets[-1])), dtype=bool)
    if any(p.needs_baseline for p in spec.predicates):
        base_played = _baseline_played(game, spec.baseline, names, uniq, offsets)
    behaviour = np.stack(
        [
            frame[f"{info.label}:{a}"].to_numpy(dtype=float)
            for info in infosets
            for a in info.actions
        ],
        axis=1,
    ).reshape(n_rows, int(offsets[-1]))
    complete = ~np.isnan(behaviour).any(axis=1)
    # A baseline tie counts (baseline_ties = "count") where some baseline SPE plays another
    # action and no SPE at the point (no row of the table there) does.
    played = np.zeros((n_points, int(offsets[-1])), dtype=bool)
    np.logical_or.at(played, inverse[complete], behaviour[complete] != 0)
    tie_broken = _others_played(base_played, offsets) & ~_others_played(played, offsets)
    # Which nodes each row's path reaches, and which actions it takes (by label).
    reached = np.zeros((n_rows, len(nodes)), dtype=bool)
    reached[:, 0] = True
    on: dict[str, np.ndarray] = {}
    taken_at = np.zeros((n_rows, int(offsets[-1])), dtype=bool)
    for k, nd in enumerate(nodes):
        if nd.kind == "terminal":
            continue
        for j, (action, child) in enumerate(zip(nd.actions, nd.children, strict=True)):
            if nd.kind == "chance":
                weight = probs[k][inverse, j]
            else:
                weight = behaviour[:, offsets[nd.infoset] + j]
            taken = reached[:, k] & (weight != 0)
            reached[:, child] = taken
            on[action] = on.get(action, np.zeros(n_rows, dtype=bool)) | taken
            if nd.kind == "decision":
                taken_at[:, offsets[nd.infoset] + j] = taken
    labels = np.array([a for info in infosets for a in info.actions], dtype=object)
    nowhere = np.zeros(n_rows, dtype=bool)
    columns: dict[str, np.ndarray] = {}
    for p in spec.predicates:
        holds = complete.copy()
        for a in p.on_path:
            holds &= on.get(a, nowhere)
        for a in p.off_path:
            holds &= ~on.get(a, nowhere)
        if p.baseline_differs:
            listed = np.isin(labels, list(p.baseline_differs))
            hits = taken_at & listed[None, :]
            differs = ~base_played
            if p.needs_equilibria:
                differs = differs | tie_broken
            holds &= hits.any(axis=1) & ~(hits & ~differs[inverse]).any(axis=1)
        columns[p.name] = holds
    rows = np.nonzero(hard[inverse] & complete)[0]
    if len(rows):
        exact = outcome_columns(frame.iloc[rows], model)
        for name in columns:
            columns[name][rows] = exact[name].to_numpy(dtype=bool)
    out = frame.copy()
    for name, values in columns.items():
        out[name] = values
    return out
