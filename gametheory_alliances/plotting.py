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
from pathlib import Path
from typing import Any

import numpy as np
import sympy

from .errors import GameError
from .game import game_of
from .sequential import SequentialGame
from .sweep import parse_grid_spec, sweep
from .sweep.core import resolve_game
from .ties import split_ties

__all__ = ["plot_region_map", "region_table"]

_COLOURS = (
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


def plot_region_map(
    model: Any,
    x: Any,
    y: Any,
    fixed: Mapping[str, Any] | None = None,
    *,
    out: str | os.PathLike[str] | None = None,
    concept: str | None = None,
    title: str | None = None,
) -> Any:
    """Draw which equilibria hold where over a two-parameter slice.

    Parameters
    ----------
    model
        A catalogue model, a catalogue name or a parameterised game.
    x, y
        The axes: ``(name, start, stop, num)`` tuples or
        ``"NAME=START:STOP:NUM"`` text.
    fixed
        Values of other parameters (defaults otherwise).
    out
        A ``.png`` or ``.svg`` path to save the map to.
    concept
        ``"nash"``, ``"pure"`` or ``"spe"`` (default: as
        :func:`~gametheory_alliances.sweep.sweep` chooses).
    title
        The title (default: the model's title or the game's).

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
        from matplotlib.patches import Patch
    except ImportError:
        raise GameError(
            "region maps need matplotlib: pip install 'gametheory-alliances[plot]'"
        ) from None
    if out is not None and Path(out).suffix.lower() not in (".png", ".svg"):
        raise GameError(f"plot_region_map: out must be a .png or .svg path, found {str(out)!r}")
    fixed = dict(fixed or {})
    xname, _ = _axis(x, "x")
    yname, _ = _axis(y, "y")
    xf, yf, codes, regimes = region_table(model, x, y, fixed, concept=concept)
    game, mod = resolve_game(model)
    colours = [_COLOURS[i % len(_COLOURS)] for i in range(max(len(regimes), 1))]
    labels = [
        textwrap.fill(f"{k + 1}: {r}", width=90, subsequent_indent="    ")
        for k, r in enumerate(regimes)
    ]
    # The legend sits below the map: the figure grows with its lines.
    legend_lines = sum(label.count("\n") + 1 for label in labels) + 2
    with matplotlib.rc_context({"svg.hashsalt": "gametheory-alliances", "font.size": 9}):
        fig = Figure(figsize=(7.0, 5.0 + 0.2 * legend_lines), layout="constrained")
        ax = fig.add_subplot()
        masked = np.ma.masked_less(codes, 0)
        ax.pcolormesh(
            _edges(xf),
            _edges(yf),
            masked,
            cmap=ListedColormap(colours),
            vmin=-0.5,
            vmax=len(colours) - 0.5,
            shading="flat",
        )
        for k in range(len(regimes)):
            iy, ix = np.nonzero(codes == k)
            cy, cx = iy.mean(), ix.mean()
            best = int(np.argmin((iy - cy) ** 2 + (ix - cx) ** 2))
            ax.text(
                xf[ix[best]],
                yf[iy[best]],
                str(k + 1),
                ha="center",
                va="center",
                fontsize=11,
                fontweight="bold",
                bbox={"boxstyle": "circle,pad=0.2", "fc": "white", "ec": "black", "lw": 0.6},
            )
        drew = _boundaries(ax, mod if mod is not None else game, xname, yname, xf, yf, fixed)
        ax.set_xlabel(xname)
        ax.set_ylabel(yname)
        name = title or (mod.title if mod is not None else game.title) or "Equilibrium regions"
        shown = ", ".join(f"{k} = {v}" for k, v in fixed.items())
        ax.set_title(name + (f" ({shown})" if shown else ""))
        handles: list[Any] = [
            Patch(facecolor=colours[k], edgecolor="black", label=label)
            for k, label in enumerate(labels)
        ]
        if (codes < 0).any():
            handles.append(
                Patch(facecolor="white", edgecolor="black", label="outside the model's assumptions")
            )
        if drew:
            from matplotlib.lines import Line2D

            handles.append(Line2D([], [], color="black", label="closed-form boundaries"))
        fig.legend(handles=handles, loc="outside lower center", ncols=1, frameon=False)
        if out is not None:
            path = Path(out)
            if path.suffix.lower() == ".svg":
                fig.savefig(path, format="svg", metadata={"Date": None, "Creator": None})
            else:
                fig.savefig(path, format="png", dpi=120, metadata={"Software": None})
    return fig
