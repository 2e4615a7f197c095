"""Region maps: which equilibria hold where over a two-parameter slice.

Needs matplotlib (the optional ``plot`` extra); it is imported only when a
map is drawn. The map is computed by :func:`~gametheory_alliances.sweep.sweep`
on the grid of the slice, so it shows exactly the equilibria the numeric
solvers find. Each cell is coloured by its *regime*: the set of equilibrium
labels at that point (e.g. ``(C, F) + mixed (C+F, C+F) + (F, C)``); regimes
are numbered on the map and named in the legend. Where the symbolic layer
(:func:`gametheory_alliances.symbolic.equilibrium_regions`) is available its
closed-form region boundaries are drawn over the cells as lines; without it
the map shows the cells only. Points that violate the model's assumptions
are left blank.

The module is one idea, the region map: the regime of every point (from
the closed forms at display resolution, :func:`closed_form_map`; from the
sweep on a grid, :func:`numeric_map`; by outcome or column,
:func:`color_map`) and its drawing share their axes, labels and legend, so
they sit together.

Files are written with fixed metadata (no dates, no software versions, fixed
SVG ids), so the same map always has the same bytes.

Examples
--------
>>> import tempfile, pathlib
>>> from gametheory_alliances.plotting import plot_region_map
>>> path = pathlib.Path(tempfile.mkdtemp()) / "burden.png"
>>> fig = plot_region_map("burden-sharing", x=("c", 0.5, 5, 10), y=("b2", 3, 8, 11), out=path)
>>> path.exists()
True
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import sympy

from .errors import GameError
from .game import game_of
from .labels import row_labels
from .sequential import SequentialGame
from .sweep import parse_grid_spec, sweep
from .sweep.core import resolve_game
from .ties import split_ties

__all__ = [
    "COLOURS",
    "RegionMap",
    "axes_or_grid",
    "closed_form_map",
    "closed_forms",
    "color_map",
    "concise_label",
    "numeric_map",
    "plot_region_map",
    "profile_labels",
    "region_map",
    "region_table",
]

COLOURS = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#e15759",
    "#76b7b2",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
    "#1f3a5f",
    "#a0cbe8",
    "#8cd17d",
    "#b6992d",
    "#499894",
    "#86bcb6",
    "#d37295",
    "#fabfd2",
    "#d4a6c8",
    "#79706e",
)
"""Distinct colours for the regimes (they repeat only beyond twenty)."""


def _axis(spec: Any, which: str) -> tuple[str, tuple[Any, ...]]:
    if isinstance(spec, str):
        name, sep, rest = spec.partition("=")
        if not sep:
            raise GameError(f"{which}: expected NAME=START:STOP:NUM, found {spec!r}")
        return name.strip(), parse_grid_spec(rest, which)
    if not isinstance(spec, Sequence) or len(spec) != 4:
        raise GameError(f"{which}: expected (name, start, stop, num), found {spec!r}")
    name, start, stop, num = spec
    return str(name), parse_grid_spec(f"{start}:{stop}:{num}", which)


def region_table(
    model: Any,
    x: Any,
    y: Any,
    fixed: Mapping[str, Any] | None = None,
    *,
    concept: str | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """The regime of every point of a two-parameter slice.

    Returns
    -------
    xs, ys
        The axis values (floats).
    codes
        Integer array of shape ``(len(ys), len(xs))``: the index of each
        point's regime in ``regimes``, -1 where the point violates the
        model's assumptions.
    regimes
        The regimes (sets of equilibrium labels joined by ``" + "``, the class
        name of a symmetric 2 x 2 game said once in front), sorted.

    Examples
    --------
    >>> xs, ys, codes, regimes = region_table("chicken", ("P", -20, -2, 3), ("S", -1.5, -0.5, 2))
    >>> regimes
    ['Chicken: (Swerve, Straight) + mixed (Swerve+Straight, Swerve+Straight) + (Straight, Swerve)']
    >>> codes.tolist()
    [[0, 0, 0], [0, 0, 0]]
    """
    xname, xs = _axis(x, "x")
    yname, ys = _axis(y, "y")
    if xname == yname:
        raise GameError(f"region map: x and y must be different parameters, both are {xname!r}")
    df = sweep(model, {yname: ys, xname: xs}, fixed, concept=concept, invalid="drop")
    keys = list(zip(df[yname].to_numpy(), df[xname].to_numpy(), strict=True))
    regime_of: dict[tuple[float, float], list[str]] = {}
    for key, label in zip(keys, df["label"].to_numpy(), strict=True):
        regime_of.setdefault(key, []).append(str(label))
    joined = {k: _join(v) for k, v in regime_of.items()}
    regimes = sorted(set(joined.values()))
    number = {r: i for i, r in enumerate(regimes)}
    xf = np.array([float(v) for v in xs])
    yf = np.array([float(v) for v in ys])
    codes = np.full((len(yf), len(xf)), -1, dtype=np.int64)
    for (yv, xv), regime in joined.items():
        codes[int(np.searchsorted(yf, yv)), int(np.searchsorted(xf, xv))] = number[regime]
    return xf, yf, codes, regimes


def _join(labels: list[str]) -> str:
    """The regime text: the labels joined by ``+``, a class name shared by all said once."""
    head, sep, _ = labels[0].partition(": ")
    if (
        sep
        and not head.startswith(("(", "mixed"))
        and all(lab.startswith(head + ": ") for lab in labels)
    ):
        return head + ": " + " + ".join(lab[len(head) + 2 :] for lab in labels)
    return " + ".join(labels)


def _edges(v: np.ndarray) -> np.ndarray:
    if len(v) == 1:
        return np.array([v[0] - 0.5, v[0] + 0.5])
    mid = (v[1:] + v[:-1]) / 2
    return np.concatenate([[2 * v[0] - mid[0]], mid, [2 * v[-1] - mid[-1]]])


def _boundaries(
    ax: Any,
    model: Any,
    xname: str,
    yname: str,
    xf: np.ndarray,
    yf: np.ndarray,
    fixed: Mapping[str, Any],
) -> bool:
    """Draw the symbolic regions' boundaries when the symbolic layer can give them."""
    try:
        from .symbolic import equilibrium_regions

        game = game_of(model)
        if isinstance(game, SequentialGame):
            # Trees are mapped by their subgame-perfect equilibria; the symbolic layer
            # gives those in closed form for perfect information only.
            if not game.is_perfect_information:
                return False
            regions = equilibrium_regions(model, concept="spe")
        else:
            regions = equilibrium_regions(model)
        fine_x = np.linspace(xf[0], xf[-1], 200)
        fine_y = np.linspace(yf[0], yf[-1], 200)
        gx, gy = np.meshgrid(fine_x, fine_y)
        grid: dict[str, Any] = {
            k: np.full(gx.shape, float(p.default) if p.default is not None else np.nan)
            for k, p in game.parameters.items()
        }
        numbers, ties = split_ties(game.parameters, fixed)
        grid.update({k: np.full(gx.shape, float(v)) for k, v in numbers.items()})
        grid[xname], grid[yname] = gx, gy
        for name, expr in ties.items():
            symbols = sorted(expr.free_symbols, key=lambda s: s.name)
            f = sympy.lambdify(symbols, expr, "numpy", dummify=True)
            grid[name] = np.broadcast_to(f(*(grid[s.name] for s in symbols)), gx.shape)
        drew = False
        for region in regions.values():
            mask = np.asarray(region.mask(grid), dtype=float)
            if mask.shape != gx.shape or mask.min() == mask.max():
                continue
            ax.contour(gx, gy, mask, levels=[0.5], colors="black", linewidths=1.0)
            drew = True
        return drew
    except Exception:  # the symbolic layer is optional; without it the map shows cells only
        return False


# -- maps at display resolution --------------------------------------------------------

DISPLAY_RESOLUTION = 400
"""Pixels along each axis of a map drawn from closed forms."""

MAX_CATEGORIES = 20
"""Most distinct values a column may take to be coloured by category (else by a colour scale)."""


@dataclass(frozen=True)
class RegionMap:
    """A two-parameter map ready to draw: the regime of every pixel or grid point.

    Attributes
    ----------
    x, y
        The parameters on the axes.
    xs, ys
        The pixel centres (closed forms) or grid points (numeric).
    extent
        ``(x0, x1, y0, y1)``: the drawn rectangle.
    codes
        Integer array of shape ``(len(ys), len(xs))``: each point's regime,
        an index into ``regimes``; -1 outside the model's assumptions (or,
        with ``values``, where the equilibria there disagree).
    regimes
        The legend entries, sorted: the items that hold together on an area.
    members
        For each regime, the indices into ``items`` of what holds there.
    items
        The things a regime is made of: concise equilibrium labels, outcome
        predicates or a column's values.
    conditions
        For each item, the text of its closed-form condition ("" when the
        map is numeric).
    method
        ``"regions"`` (closed forms at display resolution) or ``"numeric"``
        (the sweep's grid).
    boundaries
        Masks (0.0 or 1.0) whose level 0.5 is drawn as a line: each item's
        region, closed forms only.
    values
        For a column coloured on a colour scale: its value at each point
        (NaN where the equilibria there disagree); else None.
    column
        What colours the map: ``"equilibria"``, ``"outcome"`` or a column name.
    """

    x: str
    y: str
    xs: np.ndarray
    ys: np.ndarray
    extent: tuple[float, float, float, float]
    codes: np.ndarray
    regimes: tuple[str, ...]
    members: tuple[tuple[int, ...], ...]
    items: tuple[str, ...]
    conditions: tuple[str, ...]
    method: str
    boundaries: tuple[np.ndarray, ...] = ()
    values: np.ndarray | None = None
    column: str = "equilibria"

    def regime_at(self, x: float, y: float) -> str | None:
        """The regime of the pixel or grid point nearest ``(x, y)``; None outside."""
        ix = int(np.argmin(np.abs(self.xs - x)))
        iy = int(np.argmin(np.abs(self.ys - y)))
        code = int(self.codes[iy, ix])
        return self.regimes[code] if code >= 0 else None


def concise_label(equilibrium: Any) -> str:
    """The label of a closed-form equilibrium as the maps and tables print it.

    The concise label of :mod:`~gametheory_alliances.labels`: a tree's
    subgame-perfect equilibrium is named by its action at every information
    set (two equilibria with the same path stay apart); a normal-form
    equilibrium by its players' supports, as
    :func:`~gametheory_alliances.sweep.sweep` labels it.

    Examples
    --------
    >>> from gametheory_alliances.symbolic import equilibrium_regions
    >>> from gametheory_alliances.catalogue import load_model
    >>> [concise_label(eq) for eq in equilibrium_regions(load_model("burden-sharing"))][:2]
    ['(C, C)', '(C, F)']
    """
    return str(equilibrium.label)


def profile_labels(frame: Any, game: Any) -> np.ndarray:
    """The concise label of every row of a tree's sweep: its action at every information set.

    An information set where the row mixes shows its support joined by ``+``
    (:func:`~gametheory_alliances.labels.row_labels`).
    """
    if not game.infosets:
        return np.full(len(frame), "()", dtype=object)
    columns = [f"{h.label}:{a}" for h in game.infosets for a in h.actions]
    probs = frame[columns].to_numpy(dtype=float)
    group = np.cumsum(frame["equilibrium"].to_numpy() == 1) if "equilibrium" in frame else None
    return row_labels([(h.label, h.actions) for h in game.infosets], probs, group)


def axes_or_grid(model: Any, x: Any, y: Any) -> tuple[Any, Any]:
    """The axes given, or the model's declared two-parameter grid."""
    if x is not None and y is not None:
        return x, y
    if x is not None or y is not None:
        raise GameError("region map: give both axes (--x and --y) or neither")
    grid = getattr(model, "grid", None) or {}
    if len(grid) != 2:
        name = getattr(model, "name", "this game")
        raise GameError(
            f"region map of {name}: give the axes (--x NAME=START:STOP:NUM --y ...); "
            f"the model declares {'no' if not grid else f'a {len(grid)}-D'} grid, "
            "not a 2-D one"
        )
    (xname, xspec), (yname, yspec) = list(grid.items())
    return f"{xname}={xspec}", f"{yname}={yspec}"


def _pixel_grid(
    game: Any,
    fixed: Mapping[str, Any],
    axes: tuple[tuple[str, tuple[Any, ...]], tuple[str, tuple[Any, ...]]],
    resolution: int,
) -> tuple[np.ndarray, np.ndarray, tuple[float, float, float, float], dict[str, Any]]:
    (xname, xv), (yname, yv) = axes
    x0, x1 = float(xv[0]), float(xv[-1])
    y0, y1 = float(yv[0]), float(yv[-1])
    if x0 == x1 or y0 == y1:
        raise GameError("region map: each axis needs two different end points")
    xs = x0 + (np.arange(resolution) + 0.5) * (x1 - x0) / resolution
    ys = y0 + (np.arange(resolution) + 0.5) * (y1 - y0) / resolution
    gx, gy = np.meshgrid(xs, ys)
    for name in (xname, yname, *fixed):
        if name not in game.parameters:
            raise GameError(
                f"region map: unknown parameter {name!r}; the parameters are "
                f"{', '.join(game.parameters)}"
            )
    grid: dict[str, Any] = {}
    for k, p in game.parameters.items():
        value = fixed.get(k, p.default)
        if value is None:
            if k in (xname, yname):
                continue
            raise GameError(f"region map: parameter {k!r} has no default; give it with --set")
        try:
            grid[k] = np.full(gx.shape, float(Fraction(str(value))))
        except (TypeError, ValueError):
            raise GameError(f"region map: {k} = {value!r} is not a number") from None
    grid[xname], grid[yname] = gx, gy
    return xs, ys, (x0, x1, y0, y1), grid


def _assumptions_mask(model: Any, game: Any, grid: Mapping[str, Any]) -> np.ndarray:
    from .symbolic.region import Region

    shape = next(iter(grid.values())).shape
    valid = np.ones(shape, dtype=bool)
    for cond, _ in getattr(model, "assumptions", ()) or ():
        region = Region(cond, dict(game.parameters), simplify=False)
        valid &= np.asarray(region.mask(grid), dtype=bool)
    return valid


def _interior(codes: np.ndarray) -> np.ndarray:
    """Pixels whose four neighbours (those inside the picture) share their code."""
    padded = np.pad(codes, 1, mode="edge")
    centre = padded[1:-1, 1:-1]
    return (
        (padded[:-2, 1:-1] == centre)
        & (padded[2:, 1:-1] == centre)
        & (padded[1:-1, :-2] == centre)
        & (padded[1:-1, 2:] == centre)
    )


def _regimes(
    membership: np.ndarray,
    valid: np.ndarray,
    items: Sequence[str],
    empty: str,
    *,
    thin_as_lines: bool,
) -> tuple[np.ndarray, tuple[str, ...], tuple[tuple[int, ...], ...]]:
    """Codes and regimes from a ``(items, ny, nx)`` membership array.

    With ``thin_as_lines``, a regime that has no pixel whose neighbours all
    share it (a tie on a boundary, a curve of measure zero at this
    resolution) is not an area: its pixels take the regime of the nearest
    area, and the boundary lines show it.
    """
    from scipy import ndimage

    n, ny, nx = membership.shape
    flat = membership.reshape(n, -1).T
    # Rows packed into bytes and compared as one opaque value each: the same order
    # as np.unique(flat, axis=0) (the first column is the most significant bit), at
    # a fraction of the cost for hundreds of regions.
    packed = np.ascontiguousarray(np.packbits(flat, axis=1))
    width = packed.shape[1]
    keys = packed.view(np.dtype((np.void, width))).ravel() if width else np.zeros(len(flat))
    unique_keys, inverse = np.unique(keys, return_inverse=True)
    if width:
        raw = np.frombuffer(unique_keys.tobytes(), dtype=np.uint8).reshape(-1, width)
        patterns = np.unpackbits(raw, axis=1)[:, :n].astype(bool)
    else:
        patterns = np.zeros((len(unique_keys), 0), dtype=bool)
    codes = np.where(valid.ravel(), inverse.ravel(), -1).reshape(ny, nx)
    if thin_as_lines:
        inner = _interior(codes)
        areas = set(np.unique(codes[inner]).tolist())
        if areas:
            keep = np.isin(codes, list(areas))
            _, (iy, ix) = ndimage.distance_transform_edt(~keep, return_indices=True)
            codes = codes[iy, ix]
    used = sorted(set(np.unique(codes).tolist()) - {-1})
    texts = []
    for u in used:
        hold = tuple(sorted((int(i) for i in np.nonzero(patterns[u])[0]), key=items.__getitem__))
        texts.append((_join([items[i] for i in hold]) if hold else empty, hold))
    order = sorted(range(len(used)), key=lambda k: texts[k][0])
    renumber = np.full(len(patterns) + 1, -1, dtype=np.int64)
    for new, k in enumerate(order):
        renumber[used[k]] = new
    codes = np.where(codes >= 0, renumber[codes], -1)
    return (
        codes,
        tuple(texts[k][0] for k in order),
        tuple(texts[k][1] for k in order),
    )


def closed_forms(source: Any, game: Any, concept: str | None) -> tuple[list[Any], list[Any]]:
    """The closed-form equilibria of a game and their regions, in the symbolic layer's order.

    The SPE regions for a tree of perfect information; for a normal-form
    game those of ``concept`` (default ``"nash"``).
    """
    from .symbolic import equilibrium_regions

    if isinstance(game, SequentialGame):
        if concept not in (None, "spe"):
            raise GameError(f"closed-form maps of trees are of their SPE, not {concept!r}")
        if not game.is_perfect_information:
            raise GameError("closed-form maps of trees need perfect information")
        regions = equilibrium_regions(source, concept="spe")
    else:
        regions = equilibrium_regions(source, concept=concept or "nash")
    pairs = list(regions.items())
    return [k for k, _ in pairs], [r for _, r in pairs]


def closed_form_map(
    model: Any,
    x: Any = None,
    y: Any = None,
    fixed: Mapping[str, Any] | None = None,
    *,
    concept: str | None = None,
    resolution: int = DISPLAY_RESOLUTION,
    forms: tuple[list[Any], list[Any]] | None = None,
) -> RegionMap:
    """The equilibrium regions of a two-parameter slice, from the closed forms.

    Every closed-form region (:func:`~gametheory_alliances.equilibrium_regions`,
    the SPE regions for a tree) is evaluated at the centre of every pixel
    of a ``resolution`` x ``resolution`` picture of the rectangle the axes
    span (their NUM is not used). A pixel's regime is the set of
    equilibria that hold there. Ties on a boundary (a line where two
    regions meet, where both equilibria hold) are measure zero: they are
    drawn as the boundary lines, not as areas of their own.

    Parameters
    ----------
    model, x, y, fixed, concept
        As for :func:`plot_region_map` (``x`` and ``y`` default to the
        model's declared grid).
    resolution
        Pixels along each axis.
    forms
        The game's :func:`closed_forms`, when already derived (a slider's
        frames share them).

    Returns
    -------
    RegionMap

    Raises
    ------
    GameError
        The symbolic layer has no closed form for the game, or bad axes.

    Examples
    --------
    >>> rmap = closed_form_map("burden-sharing", "c=0.5:5:10", "b2=3:8:11", resolution=50)
    >>> for regime in rmap.regimes:
    ...     print(regime)
    (C, C)
    (C, C) + (F, F) + mixed (C+F, C+F)
    (C, F) + (F, C) + mixed (C+F, C+F)
    (F, F)
    >>> rmap.regime_at(1.0, 7.5), rmap.regime_at(4.0, 4.0)
    ('(C, C)', '(F, F)')
    """
    if not 2 <= resolution <= 2000:
        raise GameError(f"resolution: expected 2 to 2000 pixels, found {resolution}")
    game, mod = resolve_game(model)
    source = mod if mod is not None else game
    x, y = axes_or_grid(source, x, y)
    axes = (_axis(x, "x"), _axis(y, "y"))
    if axes[0][0] == axes[1][0]:
        raise GameError(
            f"region map: x and y must be different parameters, both are {axes[0][0]!r}"
        )
    fixed = dict(fixed or {})
    xs, ys, extent, grid = _pixel_grid(game, fixed, axes, resolution)
    keys, regions = forms if forms is not None else closed_forms(source, game, concept)
    valid = _assumptions_mask(source, game, grid)
    masks = (
        np.stack([np.asarray(r.mask(grid), dtype=bool) for r in regions])
        if regions
        else (np.zeros((0, *valid.shape), dtype=bool))
    )
    items = tuple(concise_label(k) for k in keys)
    empty = "no pure equilibrium" if concept == "pure" else "no equilibrium"
    codes, regimes, members = _regimes(masks, valid, items, empty, thin_as_lines=True)
    boundaries = tuple(
        (m & valid).astype(float) for m in masks if (m & valid).any() and not (m | ~valid).all()
    )
    if not valid.all() and valid.any():
        boundaries += (valid.astype(float),)
    return RegionMap(
        x=axes[0][0],
        y=axes[1][0],
        xs=xs,
        ys=ys,
        extent=extent,
        codes=codes,
        regimes=regimes,
        members=members,
        items=items,
        conditions=tuple(str(r) for r in regions),
        method="regions",
        boundaries=boundaries,
    )


def _frame_points(
    df: Any, xname: str, yname: str, xf: np.ndarray, yf: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    iy = np.searchsorted(yf, df[yname].to_numpy(dtype=float))
    ix = np.searchsorted(xf, df[xname].to_numpy(dtype=float))
    return iy, ix


def _numeric_frame(
    model: Any, x: Any, y: Any, fixed: Mapping[str, Any], concept: str | None
) -> tuple[Any, str, str, np.ndarray, np.ndarray]:
    xname, xs = _axis(x, "x")
    yname, ys = _axis(y, "y")
    if xname == yname:
        raise GameError(f"region map: x and y must be different parameters, both are {xname!r}")
    df = sweep(model, {yname: ys, xname: xs}, fixed or None, concept=concept, invalid="drop")
    xf = np.array([float(v) for v in xs])
    yf = np.array([float(v) for v in ys])
    return df, xname, yname, xf, yf


def _membership(
    df: Any, xname: str, yname: str, xf: np.ndarray, yf: np.ndarray, item_of_row: np.ndarray
) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """Which items hold at each grid point (rows of a sweep), and where there are rows."""
    items = tuple(sorted(set(item_of_row.tolist())))
    index = {t: i for i, t in enumerate(items)}
    iy, ix = _frame_points(df, xname, yname, xf, yf)
    membership = np.zeros((len(items), len(yf), len(xf)), dtype=bool)
    valid = np.zeros((len(yf), len(xf)), dtype=bool)
    valid[iy, ix] = True
    codes = np.array([index[t] for t in item_of_row.tolist()], dtype=np.int64)
    membership[codes, iy, ix] = True
    return membership, valid, items


def numeric_map(
    model: Any,
    x: Any = None,
    y: Any = None,
    fixed: Mapping[str, Any] | None = None,
    *,
    concept: str | None = None,
) -> RegionMap:
    """The equilibrium regimes of a two-parameter slice, solved numerically on its grid.

    As :func:`region_table`, but a tree's equilibria are named by their
    action at every information set (:func:`profile_labels`), as the
    closed-form maps name them, so that the two agree point by point.

    Examples
    --------
    >>> rmap = numeric_map("burden-sharing", "c=1:4:4", "b2=3:6:4")
    >>> rmap.regimes[0]
    'Chicken: (C, F) + (F, C) + mixed (C+F, C+F)'
    """
    game, mod = resolve_game(model)
    source = mod if mod is not None else game
    x, y = axes_or_grid(source, x, y)
    df, xname, yname, xf, yf = _numeric_frame(model, x, y, fixed or {}, concept)
    if isinstance(game, SequentialGame) and len(df):
        labels = profile_labels(df, game)
    else:
        labels = df["label"].to_numpy().astype(str).astype(object)
    membership, valid, items = _membership(df, xname, yname, xf, yf, labels)
    codes, regimes, members = _regimes(membership, valid, items, "", thin_as_lines=False)
    ex, ey = _edges(xf), _edges(yf)
    return RegionMap(
        x=xname,
        y=yname,
        xs=xf,
        ys=yf,
        extent=(float(ex[0]), float(ex[-1]), float(ey[0]), float(ey[-1])),
        codes=codes,
        regimes=regimes,
        members=members,
        items=items,
        conditions=tuple("" for _ in items),
        method="numeric",
    )


def _outcome_closed_form(
    model: Any,
    x: Any,
    y: Any,
    fixed: Mapping[str, Any],
    resolution: int,
    forms: Mapping[str, Any] | None,
) -> RegionMap:
    from .symbolic.predicates import outcome_regions

    game, mod = resolve_game(model)
    if mod is None or getattr(mod, "outcomes", None) is None:
        raise GameError("--color-by outcome: the model declares no outcome predicates ([outcomes])")
    axes = (_axis(x, "x"), _axis(y, "y"))
    xs, ys, extent, grid = _pixel_grid(game, fixed, axes, resolution)
    regions = forms if forms is not None else outcome_regions(mod)
    valid = _assumptions_mask(mod, game, grid)
    items = tuple(regions)
    masks = np.stack([np.asarray(regions[k].mask(grid), dtype=bool) for k in items])
    codes, regimes, members = _regimes(
        masks, valid, items, "none of the outcomes", thin_as_lines=True
    )
    return RegionMap(
        x=axes[0][0],
        y=axes[1][0],
        xs=xs,
        ys=ys,
        extent=extent,
        codes=codes,
        regimes=regimes,
        members=members,
        items=items,
        conditions=tuple(str(regions[k]) for k in items),
        method="regions",
        boundaries=tuple(
            (m & valid).astype(float) for m in masks if (m & valid).any() and not (m | ~valid).all()
        ),
        column="outcome",
    )


def _column_text(column: str, value: Any) -> str:
    if isinstance(value, bool | np.bool_):
        return column if value else f"not {column}"
    return f"{column} = {value}"


def color_map(
    model: Any,
    x: Any = None,
    y: Any = None,
    fixed: Mapping[str, Any] | None = None,
    *,
    by: str = "outcome",
    method: str = "auto",
    concept: str | None = None,
    resolution: int = DISPLAY_RESOLUTION,
    forms: Mapping[str, Any] | None = None,
) -> RegionMap:
    """A two-parameter map coloured by outcome predicates or by a column of the sweep table.

    ``by="outcome"`` colours each point by the combination of the model's
    declared outcome predicates (``[outcomes]``: deterrence, restraint,
    emboldenment, entrapment, ...) that some subgame-perfect equilibrium
    there has: from their closed forms
    (:func:`~gametheory_alliances.symbolic.predicates.outcome_regions`) at
    display resolution, or from the sweep's predicate columns on the grid.
    Any other ``by`` names a column of the
    :func:`~gametheory_alliances.sweep.sweep` table: a point is coloured by
    the set of values its equilibria take (categories, up to
    :data:`MAX_CATEGORIES` of them), or else on a colour scale (blank where
    the equilibria at a point disagree). ``forms``: the outcome regions,
    when already derived.

    Examples
    --------
    >>> rmap = color_map("entrapment", by="outcome", resolution=40)
    >>> rmap.regimes
    ('deterrence', 'deterrence + emboldenment', 'restraint')
    >>> rmap = color_map("burden-sharing", "c=1:4:4", "b2=3:6:4", by="Ally A:C")
    >>> rmap.regimes[:2]
    ('Ally A:C = 0.0', 'Ally A:C = 0.0 or 0.333333333333 or 1.0')
    """
    if method not in ("auto", "numeric", "regions"):
        raise GameError(f"method: expected auto, numeric or regions, found {method!r}")
    game, mod = resolve_game(model)
    source = mod if mod is not None else game
    x, y = axes_or_grid(source, x, y)
    fixed = dict(fixed or {})
    if by == "outcome":
        if mod is None or getattr(mod, "outcomes", None) is None:
            raise GameError(
                "--color-by outcome: the model declares no outcome predicates ([outcomes])"
            )
        if method in ("auto", "regions"):
            try:
                return _outcome_closed_form(model, x, y, fixed, resolution, forms)
            except GameError:
                if method == "regions":
                    raise
        df, xname, yname, xf, yf = _numeric_frame(model, x, y, fixed, "spe")
        names = list(mod.outcomes.names)
        iy, ix = _frame_points(df, xname, yname, xf, yf)
        membership = np.zeros((len(names), len(yf), len(xf)), dtype=bool)
        valid = np.zeros((len(yf), len(xf)), dtype=bool)
        valid[iy, ix] = True
        for k, name in enumerate(names):
            hit = df[name].to_numpy(dtype=bool)
            membership[k, iy[hit], ix[hit]] = True
        items: tuple[str, ...] = tuple(names)
        codes, regimes, members = _regimes(
            membership, valid, items, "none of the outcomes", thin_as_lines=False
        )
        values = None
    else:
        if method == "regions":
            raise GameError(
                "--color-by COLUMN is computed from the sweep table: use --method numeric"
            )
        df, xname, yname, xf, yf = _numeric_frame(model, x, y, fixed, concept)
        if by not in df.columns:
            raise GameError(
                f"--color-by: no column {by!r} in the table; its columns are "
                f"{', '.join(map(str, df.columns))}, or 'outcome'"
            )
        column = df[by].to_numpy()
        distinct = sorted(set(column.tolist()), key=lambda v: (str(type(v)), v))
        numeric = np.issubdtype(np.asarray(column).dtype, np.number) and not np.issubdtype(
            np.asarray(column).dtype, np.bool_
        )
        iy, ix = _frame_points(df, xname, yname, xf, yf)
        if numeric and len(distinct) > MAX_CATEGORIES:
            values = np.full((len(yf), len(xf)), np.nan)
            lo = np.full_like(values, np.inf)
            hi = np.full_like(values, -np.inf)
            v = column.astype(float)
            np.minimum.at(lo, (iy, ix), v)
            np.maximum.at(hi, (iy, ix), v)
            agree = lo == hi
            values[agree] = lo[agree]
            items = (by,)
            codes = np.where(np.isnan(values), -1, 0)
            regimes, members = (by,), ((0,),)
        else:
            texts = np.array([str(v) for v in column.tolist()], dtype=object)
            membership, valid, raw = _membership(df, xname, yname, xf, yf, texts)
            order = {str(v): k for k, v in enumerate(distinct)}
            pick = sorted(range(len(raw)), key=lambda k: order[raw[k]])
            membership = membership[pick]
            items = tuple(_column_text(by, distinct[order[raw[k]]]) for k in pick)
            codes, regimes, members = _regimes(membership, valid, items, "", thin_as_lines=False)
            if all(isinstance(v, float | int) and not isinstance(v, bool) for v in distinct):
                regimes = tuple(r.replace(f" + {by} = ", " or ") for r in regimes)
            values = None
    ex, ey = _edges(xf), _edges(yf)
    return RegionMap(
        x=xname,
        y=yname,
        xs=xf,
        ys=yf,
        extent=(float(ex[0]), float(ex[-1]), float(ey[0]), float(ey[-1])),
        codes=codes,
        regimes=regimes,
        members=members,
        items=items,
        conditions=tuple("" for _ in items),
        method="numeric",
        values=values,
        column=by,
    )


def region_map(
    model: Any,
    x: Any = None,
    y: Any = None,
    fixed: Mapping[str, Any] | None = None,
    *,
    method: str = "auto",
    concept: str | None = None,
    color_by: str = "equilibria",
    resolution: int = DISPLAY_RESOLUTION,
    forms: Any = None,
) -> RegionMap:
    """The map :func:`plot_region_map` draws (see there for the arguments).

    ``forms``: the closed forms when already derived (:func:`closed_forms`,
    or the outcome regions when ``color_by="outcome"``).
    """
    if method not in ("auto", "numeric", "regions"):
        raise GameError(f"method: expected auto, numeric or regions, found {method!r}")
    if color_by != "equilibria":
        return color_map(
            model,
            x,
            y,
            fixed,
            by=color_by,
            method=method,
            concept=concept,
            resolution=resolution,
            forms=forms,
        )
    if method in ("auto", "regions"):
        try:
            return closed_form_map(
                model, x, y, fixed, concept=concept, resolution=resolution, forms=forms
            )
        except GameError:
            if method == "regions":
                raise
    return numeric_map(model, x, y, fixed, concept=concept)


def plot_region_map(
    model: Any,
    x: Any = None,
    y: Any = None,
    fixed: Mapping[str, Any] | None = None,
    *,
    out: str | os.PathLike[str] | None = None,
    concept: str | None = None,
    title: str | None = None,
    method: str = "auto",
    color_by: str = "equilibria",
    resolution: int = DISPLAY_RESOLUTION,
) -> Any:
    """Draw which equilibria (or outcomes, or values of a column) hold where over a slice.

    Parameters
    ----------
    model
        A catalogue model, a catalogue name or a parameterised game.
    x, y
        The axes: ``(name, start, stop, num)`` tuples or
        ``"NAME=START:STOP:NUM"`` text; both omitted: the model's declared
        two-parameter grid.
    fixed
        Values of other parameters (defaults otherwise).
    out
        A ``.png`` or ``.svg`` path to save the map to (the interactive
        ``.html`` page is :func:`~gametheory_alliances.explorer.write_explorer`'s).
    concept
        ``"nash"``, ``"pure"`` or ``"spe"`` (default: as
        :func:`~gametheory_alliances.sweep.sweep` chooses).
    title
        The title (default: the model's title or the game's).
    method
        ``"regions"``: the closed-form regions at display resolution
        (:func:`closed_form_map`), boundaries drawn to the axes;
        ``"numeric"``: the sweep on the axes' grid (:func:`numeric_map`);
        ``"auto"`` (default): the closed forms where the symbolic layer has
        them, else the grid.
    color_by
        ``"equilibria"`` (default), ``"outcome"`` or a column of the sweep
        table (:func:`color_map`).
    resolution
        Pixels along each axis of a closed-form map.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    GameError
        Bad axes, an unknown output format, or matplotlib not installed.
    """
    try:
        import matplotlib
        from matplotlib.colors import ListedColormap
        from matplotlib.figure import Figure
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch
    except ImportError:
        raise GameError(
            "region maps need matplotlib: pip install 'gametheory-alliances[plot]'"
        ) from None
    if out is not None and Path(out).suffix.lower() not in (".png", ".svg"):
        raise GameError(
            f"plot_region_map: out must be a .png or .svg path, found {str(out)!r} "
            "(an .html page is written by gametheory_alliances.explorer.write_explorer)"
        )
    fixed = dict(fixed or {})
    rmap = region_map(
        model,
        x,
        y,
        fixed,
        method=method,
        concept=concept,
        color_by=color_by,
        resolution=resolution,
    )
    game, mod = resolve_game(model)
    codes, regimes = rmap.codes, rmap.regimes
    colours = [COLOURS[i % len(COLOURS)] for i in range(max(len(regimes), 1))]
    labels = [
        textwrap.fill(f"{k + 1}: {r}", width=90, subsequent_indent="    ")
        for k, r in enumerate(regimes)
    ]
    if rmap.values is not None:
        labels = []
    # The legend sits below the map: the figure grows with its lines.
    legend_lines = sum(label.count("\n") + 1 for label in labels) + 2
    with matplotlib.rc_context({"svg.hashsalt": "gametheory-alliances", "font.size": 9}):
        fig = Figure(figsize=(7.0, 5.0 + 0.2 * legend_lines), layout="constrained")
        ax = fig.add_subplot()
        x0, x1, y0, y1 = rmap.extent
        if rmap.values is not None:
            mesh = ax.pcolormesh(
                _edges(rmap.xs),
                _edges(rmap.ys),
                np.ma.masked_invalid(rmap.values),
                cmap="viridis",
                shading="flat",
            )
            fig.colorbar(mesh, ax=ax, label=rmap.column)
        elif rmap.method == "regions":
            ax.imshow(
                np.ma.masked_less(codes, 0),
                extent=(x0, x1, y0, y1),
                origin="lower",
                aspect="auto",
                interpolation="nearest",
                cmap=ListedColormap(colours),
                vmin=-0.5,
                vmax=len(colours) - 0.5,
            )
        else:
            ax.pcolormesh(
                _edges(rmap.xs),
                _edges(rmap.ys),
                np.ma.masked_less(codes, 0),
                cmap=ListedColormap(colours),
                vmin=-0.5,
                vmax=len(colours) - 0.5,
                shading="flat",
            )
        for k in range(len(labels)):
            iy, ix = np.nonzero(codes == k)
            cy, cx = iy.mean(), ix.mean()
            best = int(np.argmin((iy - cy) ** 2 + (ix - cx) ** 2))
            ax.text(
                rmap.xs[ix[best]],
                rmap.ys[iy[best]],
                str(k + 1),
                ha="center",
                va="center",
                fontsize=11,
                fontweight="bold",
                bbox={"boxstyle": "circle,pad=0.2", "fc": "white", "ec": "black", "lw": 0.6},
            )
        drew = False
        if rmap.method == "regions":
            gx, gy = np.meshgrid(rmap.xs, rmap.ys)
            for mask in rmap.boundaries:
                ax.contour(gx, gy, mask, levels=[0.5], colors="black", linewidths=1.0)
                drew = True
        elif rmap.column == "equilibria":
            source = mod if mod is not None else game
            drew = _boundaries(ax, source, rmap.x, rmap.y, rmap.xs, rmap.ys, fixed)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_xlabel(rmap.x)
        ax.set_ylabel(rmap.y)
        name = title or (mod.title if mod is not None else game.title) or "Equilibrium regions"
        shown = ", ".join(f"{k} = {v}" for k, v in fixed.items())
        ax.set_title(name + (f" ({shown})" if shown else ""))
        handles: list[Any] = [
            Patch(facecolor=colours[k], edgecolor="black", label=label)
            for k, label in enumerate(labels)
        ]
        if (codes < 0).any():
            blank = (
                "equilibria disagree"
                if rmap.values is not None
                else "outside the model's assumptions"
            )
            handles.append(Patch(facecolor="white", edgecolor="black", label=blank))
        if drew:
            handles.append(Line2D([], [], color="black", label="closed-form boundaries"))
        if handles:
            fig.legend(handles=handles, loc="outside lower center", ncols=1, frameon=False)
        if out is not None:
            path = Path(out)
            if path.suffix.lower() == ".svg":
                fig.savefig(path, format="svg", metadata={"Date": None, "Creator": None})
            else:
                fig.savefig(path, format="png", dpi=120, metadata={"Software": None})
    return fig
