"""The case studies' region maps, drawn from the catalogue models when the docs are built.

Every map is a :func:`gametheory_alliances.plotting.plot_region_map` of a
catalogue model over a two-parameter slice, at the illustrative values the
case studies state. The documentation build calls :func:`build` (so the maps
cannot drift from the code) and the case-study pages call it in a doctest (so
the test suite draws them too).

The grids avoid the points that lie exactly on a region boundary (where two
regimes tie and the map would show a sliver of a third colour); the
closed-form boundaries are drawn over the cells wherever the symbolic layer
gives them.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> [p.name for p in build(Path(tempfile.mkdtemp()), ["anzus-1985-map.png"])]
['anzus-1985-map.png']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import gametheory_alliances as gta
from gametheory_alliances.plotting import plot_region_map
from gametheory_alliances.predicates import substitute_parameters

__all__ = ["MAPS", "MapSpec", "build", "map_source"]


@dataclass(frozen=True)
class MapSpec:
    """One case-study map: a model, two axes and the values of the other parameters.

    Attributes
    ----------
    model
        The catalogue name of the model.
    x, y
        The axes, ``"NAME=START:STOP:NUM"``.
    fixed
        Values of parameters that are neither swept nor left at the model's
        defaults (the case study's illustrative assumptions).
    title
        The map's title.
    slice
        ``True``: the tree is sliced first (every parameter but the two axes
        bound to its value), so that the closed-form boundaries are derived
        for the slice, not for the whole parameter space; the map is the same.
    """

    model: str
    x: str
    y: str
    fixed: Mapping[str, Any] = field(default_factory=dict)
    title: str = ""
    slice: bool = False


MAPS: dict[str, MapSpec] = {
    "us-japan-map.png": MapSpec(
        "public-good",
        x="w_2=5:100:20",
        y="a=0.05:0.95:19",
        fixed={"w_1": 100},
        title="A pure public good: who contributes",
    ),
    "us-japan-spillin-map.png": MapSpec(
        "joint-product-spillin",
        x="s=0:1:21",
        y="theta_2=0.1:4.9:13",
        fixed={"theta_1": 3},
        title="Partial spill-ins: who contributes",
    ),
    "anzus-1985-map.png": MapSpec(
        "alliance-dilemma",
        x="e=0.1:4.9:25",
        y="L=0.2:4.8:24",
        fixed={"b": 3, "m": 1},
        title="The alliance dilemma over entrapment and collapse costs",
    ),
    "taiwan-map.png": MapSpec(
        "entrapment-probabilistic",
        x="q=0.025:0.975:20",
        y="r_R=0.025:0.475:10",
        title="Strategic ambiguity: the window of q (other parameters at defaults)",
        slice=True,
    ),
    "taiwan-status-quo-map.png": MapSpec(
        "entrapment-probabilistic",
        x="q=0.0125:0.9875:40",
        y="x=0.41:0.69:15",
        title="Strategic ambiguity: the window of q moves with the status quo x",
        slice=True,
    ),
}
"""The maps by file name."""


def map_source(spec: MapSpec) -> Any:
    """The model (or, for a sliced map, the sliced tree) that a map is drawn from.

    Examples
    --------
    >>> map_source(MAPS["taiwan-map.png"]).free_parameters
    ('q', 'r_R')
    """
    model = gta.load_model(spec.model)
    if not spec.slice:
        return model
    axes = {spec.x.partition("=")[0], spec.y.partition("=")[0]}
    values = {name: p.default for name, p in model.parameters.items() if name not in axes}
    values.update(spec.fixed)
    return substitute_parameters(model.game, values)


def build(outdir: Path, names: Iterable[str] | None = None) -> list[Path]:
    """Write the case-study maps (PNG) into ``outdir`` and return their paths.

    Parameters
    ----------
    outdir
        The folder; it is created if missing.
    names
        The file names to draw (default: every map in :data:`MAPS`).

    Returns
    -------
    list of pathlib.Path
        The files written, in the order of :data:`MAPS` (or of ``names``).

    Raises
    ------
    KeyError
        If a name is not in :data:`MAPS`.
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in MAPS if names is None else names:
        spec = MAPS[name]
        path = outdir / name
        fixed = {} if spec.slice else dict(spec.fixed)
        plot_region_map(map_source(spec), spec.x, spec.y, fixed, out=path, title=spec.title or None)
        written.append(path)
    return written
