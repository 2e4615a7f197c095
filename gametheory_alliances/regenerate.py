"""Regenerating every catalogue model's equilibrium tables and region maps.

:func:`regenerate_all` (``gta table --all``) sweeps each model over its
declared default grid (:func:`default_grid`), writes its tables, draws its
region map when the grid has two parameters, and indexes them; every run
writes the same bytes.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from .errors import GameError, TooLargeError
from .plotting import plot_region_map
from .solvers.dispatch import default_concept
from .sweep import parse_grid_spec, sweep, write_table
from .sweep.regions import RegionsUnavailableError
from .sweep.tables import TABLE_FORMATS

__all__ = ["default_grid", "regenerate_all"]


def default_grid(model: Any) -> dict[str, tuple[Fraction | float, ...]]:
    """A model's declared default grid (``model.grid``) as exact values."""
    return {
        name: parse_grid_spec(spec, f"{model.name}: grid.{name}")
        for name, spec in model.grid.items()
    }


def regenerate_all(
    out_dir: str | os.PathLike[str],
    models: Sequence[str] | None = None,
    *,
    formats: Sequence[str] = (".csv", ".md"),
    plots: bool = True,
    processes: int | None = None,
    client: Any = None,
    progress: bool | None = False,
    method: str = "auto",
) -> list[Path]:
    """Regenerate the equilibrium tables of catalogue models at their default grids.

    For every model (all catalogue models by default): the sweep at the
    model's declared grid (other parameters at their defaults; points that
    violate the model's assumptions are left out), written as
    ``NAME.csv`` and ``NAME.md`` (``formats``), the model's default region
    map ``NAME.png`` when its grid has two parameters and matplotlib is
    installed, and an ``index.md`` listing the models, grids, concepts, row
    counts and files. The concept is ``gta solve``'s default (perfect Bayesian
    for trees with incomplete information), except for a tree whose
    assessments are too many to enumerate, which is swept for subgame-perfect
    equilibria (said in the index). Every run writes the same bytes. ``method`` is passed to
    :func:`~gametheory_alliances.sweep.sweep` for every model; with
    ``"regions"``, models whose regions the symbolic layer cannot derive
    (imperfect information, too large) are swept by the numeric kernels.

    Returns
    -------
    list of Path
        The files written, the index last.

    Examples
    --------
    >>> import tempfile
    >>> files = regenerate_all(tempfile.mkdtemp(), ["chicken"], plots=False)
    >>> [f.name for f in files]
    ['chicken.csv', 'chicken.md', 'index.md']
    """
    from .catalogue import list_models, load_model

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    names = list(models) if models is not None else [name for name, _ in list_models()]
    for fmt in formats:
        if fmt not in TABLE_FORMATS:
            raise GameError(f"regenerate_all: unknown format {fmt!r}; expected {TABLE_FORMATS}")
    have_plot = False
    if plots:
        try:
            import matplotlib  # noqa: F401

            have_plot = True
        except ImportError:
            have_plot = False
    written: list[Path] = []
    index = [
        "# Equilibrium tables",
        "",
        "Every catalogue model swept over its default grid; parameters not in the grid "
        "take their defaults.",
        "",
        "| model | title | grid | fixed | concept | points | rows | files |",
        "|:---|:---|:---|:---|:---|---:|---:|:---|",
    ]
    for name in names:
        model = load_model(name)
        grid = default_grid(model)
        options: dict[str, Any] = {
            "processes": processes,
            "client": client,
            "progress": progress,
            "invalid": "drop",
        }
        concept = default_concept(model)
        try:
            df = _swept(model, grid, method, options)
        except TooLargeError:
            if concept != "pbe":
                raise
            # Refused before any point is solved: the enumeration of assessments would refuse
            # every point of this tree; its table is subgame perfect, and the index says so.
            concept = "spe (pbe: too many support profiles)"
            df = _swept(model, grid, method, {**options, "concept": "spe"})
        files = []
        for fmt in formats:
            written.append(
                write_table(df, out / f"{model.name}{fmt}", math_columns=tuple(model.parameters))
            )
            files.append(f"[{model.name}{fmt}]({model.name}{fmt})")
        if have_plot and len(grid) == 2:
            (xname, xspec), (yname, yspec) = list(model.grid.items())
            xs = parse_grid_spec(xspec)
            ys = parse_grid_spec(yspec)
            png = out / f"{model.name}.png"
            plot_region_map(
                model,
                x=(xname, xs[0], xs[-1], max(len(xs), 2)),
                y=(yname, ys[0], ys[-1], max(len(ys), 2)),
                out=png,
                concept="spe" if concept.startswith("spe") else None,
            )
            written.append(png)
            files.append(f"[{png.name}]({png.name})")
        grid_text = ", ".join(f"{k} = {v}" for k, v in model.grid.items()) or "(defaults only)"
        fixed_text = ", ".join(
            f"{k} = {p.default}" for k, p in model.parameters.items() if k not in grid
        )
        points = int(np.prod([len(v) for v in grid.values()])) if grid else 1
        index.append(
            f"| {model.name} | {model.title.replace('|', '/')} | {grid_text} | {fixed_text} | "
            f"{concept} | {points} | {len(df)} | {' '.join(files)} |"
        )
    path = out / "index.md"
    path.write_text("\n".join(index) + "\n")
    written.append(path)
    return written


def _swept(model: Any, grid: Any, method: str, options: dict[str, Any]) -> Any:
    """The model's sweep by ``method``; by the numeric kernels where it has no closed forms."""
    try:
        return sweep(model, grid, method=method, **options)
    except RegionsUnavailableError:
        return sweep(model, grid, method="numeric", **options)
