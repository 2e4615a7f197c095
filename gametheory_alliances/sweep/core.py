"""The :func:`sweep` function: a parameterised game's equilibria at every point of a grid.

It checks the options, builds the :class:`~gametheory_alliances.sweep.plan.SweepPlan`,
runs its chunks (:mod:`gametheory_alliances.sweep.store`) and joins them into
one table; continuous games are swept by their closed forms instead. The
table's columns and the methods are described in :mod:`gametheory_alliances.sweep`.
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import DomainError, GameError, UnknownParameterError
from ..game import Game, game_of
from ..parameters import Parameter, bind_values, exact_substitutions
from ..solvers.dispatch import default_concept
from ..ties import split_ties
from .grid import grid_values
from .pbe import PBE_CHUNK_SIZE, PBE_CONCEPTS, AssessmentPlan
from .plan import SweepPlan
from .predicates import vectorised_outcome_columns
from .regions import RegionsUnavailableError, region_data
from .rows import round_significant
from .store import (
    DEFAULT_CHUNK_SIZE,
    ProgressBar,
    check_sweep_out,
    chunk_bounds,
    run_chunks,
    sweep_to_parquet,
)

__all__ = ["METHODS", "resolve_game", "sweep"]


_CONCEPTS = ("nash", "pure", "spe", *PBE_CONCEPTS)
METHODS = ("auto", "numeric", "regions")
"""How :func:`sweep` decides the equilibria at the grid points (see the package notes)."""


def resolve_game(model_or_game: Any) -> tuple[Any, Any]:
    """``(game, model or None)`` from a model, a catalogue name or a parameterised game.

    A name (or a model file's path) is loaded with
    :func:`~gametheory_alliances.catalogue.load_model`; the game of a model is
    :func:`~gametheory_alliances.game.game_of`'s. A bare game must be a
    normal-form game or a tree: a continuous game is swept through its model.

    Raises
    ------
    GameError
        Anything else, named.
    """
    from ..catalogue import load_model
    from ..io.model import Model

    if isinstance(model_or_game, str | Path):
        model_or_game = load_model(model_or_game)
    if isinstance(model_or_game, Model):
        return game_of(model_or_game), model_or_game
    if isinstance(model_or_game, Game) and model_or_game.kind in ("normal form", "tree"):
        return model_or_game, None
    raise GameError(
        "sweep: expected a catalogue model, a model name or a NormalFormGame, "
        f"found {type(model_or_game).__name__}"
    )


def _continuous_sweep(
    game: Any,
    model: Any,
    grid: Mapping[str, Any],
    fixed: Mapping[str, Any] | None,
    invalid: str,
) -> pd.DataFrame:
    """The Nash equilibria of a continuous game over a grid (closed forms, numeric fallback).

    Columns: the parameters, ``equilibrium``, ``label`` (the contributors,
    or ``numeric`` where no closed form holds and iterated best responses
    were used), ``PLAYER:VARIABLE`` (each level) and ``payoff:PLAYER``.
    """
    from ..solvers.first_order import solve_numeric
    from ..symbolic.continuous import solve_symbolic

    if not isinstance(grid, Mapping):
        raise GameError(
            f"sweep: grid must map parameter names to values, found {type(grid).__name__}"
        )
    if invalid not in ("raise", "drop"):
        raise GameError(f"sweep: invalid must be 'raise' or 'drop', found {invalid!r}")
    params: dict[str, Parameter] = game.parameters
    fixed = dict(fixed or {})
    if model is not None:
        fixed = model.expand_vectors(fixed)
    unknown = [k for k in [*grid, *fixed] if k not in params]
    if unknown:
        raise UnknownParameterError(
            f"sweep: unknown parameter{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(map(repr, unknown))}; the game's parameters are: {', '.join(params)}"
        )
    axes = {
        name: tuple(params[name].check(v) for v in grid_values(vals, name))
        for name, vals in grid.items()
    }
    rest = bind_values({k: p for k, p in params.items() if k not in axes}, fixed)
    solutions = solve_symbolic(game)
    level_columns = [f"{p}:{v}" for p, v in zip(game.players, game.variables, strict=True)]
    rows = []
    for combo in itertools.product(*axes.values()):
        values = {**rest, **dict(zip(axes, combo, strict=True))}
        if model is not None:
            try:
                model.check_assumptions(values)
            except DomainError:
                if invalid == "drop":
                    continue
                raise
        subs = exact_substitutions(params, values)
        found = []
        for s in solutions:
            if s.region.contains(**values):
                levels = [float(e.xreplace(subs)) for e in s.strategies]
                payoffs = [float(u.xreplace(subs)) for u in s.payoffs]
                found.append((", ".join(s.contributors) or "nobody", levels, payoffs))
        if not found:
            numeric = solve_numeric(game.at(**values))
            found.append(("numeric", list(numeric.strategies), list(numeric.payoffs)))
        for k, (label, levels, payoffs) in enumerate(found, start=1):
            row: dict[str, Any] = {n: float(values[n]) for n in params}
            row["equilibrium"] = k
            row["label"] = label
            row.update(dict(zip(level_columns, round_significant(np.array(levels)), strict=True)))
            row.update(
                {
                    f"payoff:{p}": x
                    for p, x in zip(game.players, round_significant(np.array(payoffs)), strict=True)
                }
            )
            rows.append(row)
    columns = [
        *params,
        "equilibrium",
        "label",
        *level_columns,
        *(f"payoff:{p}" for p in game.players),
    ]
    return pd.DataFrame(rows, columns=columns)


def sweep(
    model_or_game: Any,
    grid: Mapping[str, Any],
    fixed: Mapping[str, Any] | None = None,
    *,
    concept: str | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    out: str | os.PathLike[str] | None = None,
    resume: bool = True,
    processes: int | None = None,
    client: Any = None,
    progress: bool | None = None,
    invalid: str = "raise",
    outcomes: bool = True,
    method: str = "auto",
    load: bool = True,
    refine: str | None = None,
) -> pd.DataFrame:
    """The equilibria of a parameterised game at every point of a grid.

    Parameters
    ----------
    model_or_game
        A catalogue :class:`~gametheory_alliances.catalogue.Model` (its
        assumptions are checked at every point), a catalogue name, a
        parameterised :class:`~gametheory_alliances.NormalFormGame` or a
        parameterised :class:`~gametheory_alliances.sequential.SequentialGame`.
    grid
        ``{parameter: values}``: each a 1-D array or sequence of numbers, a
        comma list, or ``"START:STOP:NUM"`` text. The cartesian product is
        swept, the first parameter varying slowest.
    fixed
        Values for parameters not swept; the others take their defaults.
        A model of n allies (its file declares ``n``) takes its number of
        allies from a vector given here (``{"w": (60, 50, 40)}`` sweeps three
        allies) or from ``n`` itself, as :meth:`Model.sized
        <gametheory_alliances.io.model.Model.sized>` and ``gta table --set``.
        A value may tie its parameter to an expression in the others, swept or
        not (``{"r_R": "r_M"}``, see :mod:`gametheory_alliances.ties`): the
        expression takes its place in the game, and its column holds the
        tie's value at each point.
    concept
        ``"nash"`` (every extreme Nash equilibrium of a two-player game),
        ``"pure"`` (pure equilibria, any number of players; a point without
        one gets a row labelled ``no pure equilibrium``) or ``"spe"`` (every
        subgame-perfect equilibrium of a sequential game, ties included),
        ``"pbe"`` or ``"sequential"`` (every perfect Bayesian or sequential
        equilibrium of a tree, with its beliefs: see
        :mod:`gametheory_alliances.sweep.pbe`). Default: as ``gta solve``
        (:func:`~gametheory_alliances.solvers.dispatch.default_concept`):
        ``"pbe"`` for trees with incomplete information, ``"spe"`` for other
        sequential games, ``"nash"`` for other two-player games, ``"pure"``
        for more players;
        ``"nash"`` and ``"pure"`` on a sequential game use its reduced
        strategic form.
    chunk_size
        Points solved together (bounds memory; the unit of checkpointing and
        of parallel work).
    out
        A ``.parquet`` path (checked before any work): chunks are checkpointed
        beside it, with a hash of each, and the table is streamed to it at the
        end, atomically (see :mod:`gametheory_alliances.sweep`). Finished
        chunks wait on disk, not in memory: the run holds a few chunks (and
        one row group of the output) at a time, whatever the grid.
    resume
        Resume a checkpointed sweep of the same game and grid at ``out``
        (``False``: discard it and start over).
    processes
        Run chunks on this many local processes.
    client
        A ``dask.distributed.Client``: run chunks on its cluster.
    progress
        Show a progress bar on stderr; ``None``: only when stderr is a terminal.
    invalid
        What to do with grid points that violate the model's assumptions:
        ``"raise"`` (:class:`~gametheory_alliances.DomainError`) or
        ``"drop"`` (no rows).
    outcomes
        For SPE sweeps of models that declare outcome predicates (the
        entrapment family), append one boolean column per predicate (the
        columns of :func:`~gametheory_alliances.sweep.predicates.outcome_columns`,
        computed for the whole table at once: each row's path from its
        behaviour columns, the model's baseline game swept over the
        table's points); ``False`` leaves them out.
    method
        How the points are decided: ``"numeric"`` by the batched numeric
        kernels; ``"regions"`` by the symbolic layer's closed-form
        equilibrium regions (:func:`~gametheory_alliances.equilibrium_regions`,
        :func:`~gametheory_alliances.symbolic.spe_regions`), derived once and
        evaluated on whole chunks; ``"auto"`` (the default) is
        ``"numeric"``. Both leave the points near a tie to the exact solver
        and give the same table (see :mod:`gametheory_alliances.sweep`).
        Continuous games are always swept by their closed forms.
    load
        With ``out``: read the finished table back and return it (the only
        step whose memory grows with the grid); ``False`` returns an empty
        frame with the table's columns, and ``attrs["rows"]``, the number of
        rows written.
    refine
        With concept ``"pbe"``: ``"intuitive"`` or ``"d1"`` keeps the
        equilibria that survive the Intuitive Criterion or D1.

    Returns
    -------
    pandas.DataFrame
        One row per grid point and equilibrium (columns: see
        :mod:`gametheory_alliances.sweep`).

    Raises
    ------
    UnknownParameterError
        A grid or fixed name that is not a parameter.
    DomainError
        A value outside its parameter's domain, or (``invalid="raise"``) a
        point violating the model's assumptions.
    GameError
        Bad options, a bad ``out`` (not ``.parquet``, a missing or read-only
        folder), a checkpoint at ``out`` from a different sweep or malformed,
        or another sweep writing ``out``.

    Examples
    --------
    Chicken with a growing cost of the crash: two pure equilibria and a
    mixed one, whose probability of going straight falls with the cost.

    >>> from gametheory_alliances.sweep import sweep
    >>> df = sweep("chicken", {"P": "-10:-2:2"})
    >>> print(df[["P", "equilibrium", "Row:Straight", "Column:Straight"]].to_string(index=False))
        P  equilibrium  Row:Straight  Column:Straight
    -10.0            1           0.0              1.0
    -10.0            2           0.1              0.1
    -10.0            3           1.0              0.0
     -2.0            1           0.0              1.0
     -2.0            2           0.5              0.5
     -2.0            3           1.0              0.0
    >>> df["label"].iloc[1]
    'Chicken: mixed (Swerve+Straight, Swerve+Straight)'
    """
    if method not in METHODS:
        raise GameError(f"sweep: method must be one of {', '.join(METHODS)}, found {method!r}")
    game, model = resolve_game(model_or_game)
    if model is not None and fixed is not None:
        if not isinstance(fixed, Mapping):
            raise GameError(
                f"sweep: fixed must map parameter names to values, found {type(fixed).__name__}"
            )
        # A model of n allies takes its n from the vector given (or from n), as on the CLI.
        sized, fixed = model.sized(dict(fixed))
        if sized is not model:
            game, model = resolve_game(sized)
    order = list(game.parameters)
    fixed, ties = split_ties(game.parameters, dict(fixed or {}))
    if ties:
        both = [k for k in ties if isinstance(grid, Mapping) and k in grid]
        if both:
            raise GameError(f"sweep: {', '.join(map(repr, both))} both swept and tied")
        game, model = _tied(game, model, ties)

    def tie_columns(frame: pd.DataFrame) -> pd.DataFrame:
        return _tie_columns(frame, ties, order) if ties else frame

    if game.kind == "continuous":
        if concept not in (None, "nash"):
            raise GameError(f"sweep: a continuous game is swept for nash only, found {concept!r}")
        return tie_columns(_continuous_sweep(game, model, grid, fixed, invalid))
    sequential = game.is_tree
    if concept is None:
        concept = default_concept(game)
    if concept not in _CONCEPTS:
        raise GameError(f"sweep: concept must be one of {', '.join(_CONCEPTS)}, found {concept!r}")
    if concept in ("spe", *PBE_CONCEPTS) and not sequential:
        raise GameError(
            f"sweep: concept {concept!r} needs a sequential game; this game is in normal form"
        )
    tree = game if sequential else None
    if concept in ("nash", "pure") and sequential:
        game = game.to_normal_form()
    if invalid not in ("raise", "drop"):
        raise GameError(f"sweep: invalid must be 'raise' or 'drop', found {invalid!r}")
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise GameError(f"sweep: chunk_size must be a positive integer, found {chunk_size!r}")
    if processes is not None and (
        isinstance(processes, bool) or not isinstance(processes, int) or processes < 1
    ):
        raise GameError(f"sweep: processes must be a positive integer, found {processes!r}")
    if not isinstance(grid, Mapping):
        raise GameError(
            f"sweep: grid must map parameter names to values, found {type(grid).__name__}"
        )
    fixed = dict(fixed or {})
    params: dict[str, Parameter] = game.parameters
    unknown = [k for k in [*grid, *fixed] if k not in params]
    if unknown:
        raise UnknownParameterError(
            f"sweep: unknown parameter{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(map(repr, unknown))}; the game's parameters are: {', '.join(params) or 'none'}"
        )
    both = [k for k in grid if k in fixed]
    if both:
        raise GameError(f"sweep: {', '.join(map(repr, both))} both swept and fixed")
    axes = {}
    for name, values in grid.items():
        vals = grid_values(values, name)
        axes[name] = tuple(params[name].check(v) for v in vals)
    rest = bind_values({k: p for k, p in params.items() if k not in axes}, fixed)
    out_path = check_sweep_out(out) if out is not None else None
    if concept in PBE_CONCEPTS:
        plan: SweepPlan = AssessmentPlan(game, model, axes, rest, concept, invalid, refine)
        chunk_size = PBE_CHUNK_SIZE if chunk_size == DEFAULT_CHUNK_SIZE else chunk_size
    elif refine is not None:
        raise GameError(f"sweep: refine applies to concept 'pbe', not {concept!r}")
    else:
        plan = SweepPlan(game, model, axes, rest, concept, invalid, tree=tree)
    if method == "regions" and concept in PBE_CONCEPTS:
        raise RegionsUnavailableError(
            f"sweep: method 'regions' has no closed-form {concept} regions; use method='numeric'"
        )
    if method == "regions":
        plan.regions = region_data(game, concept, sequential and concept == "spe")
    bounds = chunk_bounds(plan.n_points, chunk_size)
    bar = ProgressBar(len(bounds), sys.stderr.isatty() if progress is None else bool(progress))
    with_outcomes = outcomes and concept == "spe" and getattr(model, "outcomes", None) is not None
    if out_path is not None:
        # Outcome columns are row by row, so they are added chunk by chunk as the file is written.
        return sweep_to_parquet(
            plan,
            bounds,
            out_path,
            plan.fingerprint(chunk_size),
            resume=resume,
            processes=processes,
            client=client,
            bar=bar,
            transform=(
                (lambda f: vectorised_outcome_columns(tie_columns(f), model))
                if with_outcomes
                else (tie_columns if ties else None)
            ),
            load=load,
        )
    done: dict[int, pd.DataFrame] = {}
    exact_points = 0
    try:
        for i, frame in run_chunks(plan, bounds, list(range(len(bounds))), processes, client):
            exact_points += frame.attrs.get("exact_points", 0)
            done[i] = frame
            bar.update()
    finally:
        bar.close()
    frames = [done[i] for i in range(len(bounds))]
    result = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    result = tie_columns(result.reset_index(drop=True))
    result.attrs = {"exact_points": exact_points}
    if with_outcomes:
        result = vectorised_outcome_columns(result, model)
        result.attrs = {"exact_points": exact_points}
    return result


def _tied(game: Any, model: Any, ties: Mapping[str, Any]) -> tuple[Any, Any]:
    """The game and model with the tied parameters replaced by their expressions."""
    from ..io.model import fix_parameters

    if model is not None:
        fixed_model = model.fix(**{k: str(v) for k, v in ties.items()})
        return game_of(fixed_model), fixed_model
    return fix_parameters(game, {k: str(v) for k, v in ties.items()}), None


def _tie_columns(frame: pd.DataFrame, ties: Mapping[str, Any], order: list[str]) -> pd.DataFrame:
    """The frame with each tied parameter's column computed from the others, in ``order``."""
    import sympy

    frame = frame.copy()
    for name, expr in ties.items():
        symbols = sorted(expr.free_symbols, key=lambda s: s.name)
        f = sympy.lambdify(symbols, expr, "numpy", dummify=True)
        columns = [frame[s.name].to_numpy(dtype=float) for s in symbols]
        value = np.broadcast_to(np.asarray(f(*columns), dtype=float), (len(frame),))
        if name in frame.columns:
            frame[name] = value
        else:
            # A normal-form or continuous game drops the tied parameter: put it back in place.
            at = sum(1 for n in order[: order.index(name)] if n in frame.columns)
            frame.insert(at, name, value)
    return frame
