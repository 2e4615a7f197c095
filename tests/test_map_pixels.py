"""Image tests of the drawn maps: each legend colour covers the area its closed form gives.

A closed-form map is drawn as ``gta plot MODEL`` draws it (the model's declared
grid, :func:`plot_region_map`), rendered by matplotlib's Agg backend at a fixed
dpi, and read back as RGBA pixels. Inside the axes, the pixels of each legend
colour are counted. The exact share of the rectangle that each regime (each set
of equilibria that hold together) covers is computed independently, from the
closed-form regions (:func:`equilibrium_regions`) with exact rational arithmetic
(:func:`exact_shares`); the two must agree within :data:`TOLERANCE`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
import sympy

from gametheory_alliances.catalogue import load_model
from gametheory_alliances.plotting import concise_label, plot_region_map
from gametheory_alliances.sweep import parse_grid_spec
from gametheory_alliances.symbolic import equilibrium_regions

pytest.importorskip("matplotlib", reason="the plot extra is not installed")

DPI = 100
# What may separate a colour's share of the axes from its exact area: the pixels the
# boundary lines and the numbered circles cover (counted for no colour, about 1.5 % of the
# axes here), and the closed-form raster (400 pixels a side) resampled to the axes' pixels
# (a boundary moves by at most a pixel of either: its length over 400 of the share).
TOLERANCE = 0.01


# -- the exact areas ---------------------------------------------------------------------


def _linear(rel: sympy.Rel, x: sympy.Symbol, y: sympy.Symbol) -> tuple[Fraction, ...]:
    """``(a, b, c)`` with ``rel`` holding where ``a x + b y + c`` has the relation's sign."""
    expr = sympy.expand(rel.lhs - rel.rhs)
    poly = sympy.Poly(expr, x, y)
    assert poly.total_degree() <= 1, f"not linear in {x}, {y}: {rel}"
    a, b, c = (poly.coeff_monomial(m) for m in (x, y, 1))
    return tuple(Fraction(int(v.p), int(v.q)) for v in (a, b, c))


def _compile(cond: sympy.Basic, atoms: dict[sympy.Basic, int]) -> Callable[[list[bool]], bool]:
    """The boolean ``cond`` as a function of its atoms' truth values."""
    if cond is sympy.true:
        return lambda t: True
    if cond is sympy.false:
        return lambda t: False
    if isinstance(cond, sympy.And | sympy.Or):
        parts = [_compile(a, atoms) for a in cond.args]
        join = all if isinstance(cond, sympy.And) else any
        return lambda t: join(p(t) for p in parts)
    if isinstance(cond, sympy.Not):
        inner = _compile(cond.args[0], atoms)
        return lambda t: not inner(t)
    k = atoms[cond]
    return lambda t: t[k]


def _holds(rel: sympy.Rel, value: Fraction) -> bool:
    return {
        ">": value > 0,
        ">=": value >= 0,
        "<": value < 0,
        "<=": value <= 0,
        "==": value == 0,
        "!=": value != 0,
    }[rel.rel_op]


def exact_shares(
    conditions: dict[str, sympy.Basic],
    x: sympy.Symbol,
    y: sympy.Symbol,
    rect: tuple[Fraction, Fraction, Fraction, Fraction],
) -> tuple[dict[frozenset[str], Fraction], dict[frozenset[str], list[tuple[Fraction, ...]]]]:
    """The exact share of ``rect`` where exactly each set of the ``conditions`` holds.

    Also, for each set, three points inside its largest piece (on the piece's
    vertical midline, at a quarter, half and three quarters of its height).

    Every condition is a boolean of relations linear in ``x`` and ``y``. Between
    consecutive x-values where two boundary lines (or a line and the rectangle's
    edge) cross, the boundaries keep their order, so the length in y of every
    piece is linear in x and its integral is the width times the length at the
    midpoint: exact, in rationals.
    """
    x0, x1, y0, y1 = rect
    atoms: dict[sympy.Basic, int] = {}
    for cond in conditions.values():
        for rel in sorted(cond.atoms(sympy.Rel), key=str):
            atoms.setdefault(rel, len(atoms))
    rels = list(atoms)
    coeffs = [_linear(r, x, y) for r in rels]
    tests = {name: _compile(cond, atoms) for name, cond in conditions.items()}
    # y = p x + q for every relation that involves y, and the rectangle's edges.
    lines = [(-a / b, -c / b) for a, b, c in coeffs if b != 0] + [(Fraction(0), y0), (0, y1)]
    cuts = {x0, x1} | {-c / a for a, b, c in coeffs if b == 0 and a != 0}
    for (p1, q1), (p2, q2) in itertools.combinations(lines, 2):
        if p1 != p2:
            cuts.add((q2 - q1) / (p1 - p2))
    cuts = sorted(c for c in cuts if x0 <= c <= x1)
    shares: dict[frozenset[str], Fraction] = {}
    largest: dict[frozenset[str], tuple[Fraction, list[tuple[Fraction, ...]]]] = {}
    for left, right in itertools.pairwise(cuts):
        xm = (left + right) / 2
        ys = sorted({y0, y1} | {p * xm + q for p, q in lines if y0 < p * xm + q < y1})
        for bottom, top in itertools.pairwise(ys):
            ym = (bottom + top) / 2
            truth = [
                _holds(r, a * xm + b * ym + c) for r, (a, b, c) in zip(rels, coeffs, strict=True)
            ]
            key = frozenset(name for name, test in tests.items() if test(truth))
            area = (right - left) * (top - bottom)
            shares[key] = shares.get(key, Fraction(0)) + area
            if area > largest.get(key, (0, []))[0]:
                inner = [(xm, bottom + (top - bottom) * k / 4) for k in (1, 2, 3)]
                largest[key] = (area, inner)
    total = (x1 - x0) * (y1 - y0)
    kept = {k: v / total for k, v in shares.items() if v}
    return kept, {k: largest[k][1] for k in kept}


# -- the drawn pixels --------------------------------------------------------------------


def _render(fig) -> tuple[np.ndarray, Any, dict[str, np.ndarray]]:
    """The figure's RGB pixels, its axes, and the colour of each legend entry."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.colors import to_rgba_array

    canvas = FigureCanvasAgg(fig)
    fig.set_dpi(DPI)
    canvas.draw()
    pixels = np.asarray(canvas.buffer_rgba())[..., :3]
    (ax,) = fig.axes
    (legend,) = fig.legends
    colours = {}
    for handle, text in zip(legend.legend_handles, legend.get_texts(), strict=True):
        if hasattr(handle, "get_facecolor") and handle.get_label() != "":
            rgba = to_rgba_array(handle.get_facecolor())[0]
            colours[text.get_text()] = np.round(rgba[:3] * 255).astype(np.uint8)
    return pixels, ax, colours


def _drawn_shares(pixels: np.ndarray, ax: Any, colours: dict[str, np.ndarray]) -> dict[str, float]:
    """Each legend entry's share of the coloured pixels inside the axes."""
    box = ax.get_window_extent()
    height = pixels.shape[0]
    # Inside the frame: two pixels in from each spine.
    inside = pixels[
        int(height - box.y1) + 2 : int(height - box.y0) - 2,
        int(box.x0) + 2 : int(box.x1) - 2,
    ].reshape(-1, 3)
    counts = {label: int((inside == rgb).all(axis=1).sum()) for label, rgb in colours.items()}
    coloured = sum(counts.values())
    assert coloured > 0.95 * len(inside), "most of the axes is not a legend colour"
    return {label: n / coloured for label, n in counts.items()}


def _colour_at(pixels: np.ndarray, ax: Any, colours: dict[str, np.ndarray], point) -> str | None:
    """The legend entry whose colour the pixel at a data point has (None: no entry's)."""
    px, py = ax.transData.transform([float(v) for v in point])
    rgb = pixels[int(pixels.shape[0] - py), int(px)]
    hits = [label for label, c in colours.items() if (c == rgb).all()]
    return hits[0] if hits else None


@pytest.mark.parametrize(
    ("name", "boundary"),
    [
        # (C, C) holds where b2 >= b1 + c: a diagonal across the map.
        ("burden-sharing", "b2 >= b1 + c"),
        # The patron's thresholds: a vertical line (after a moderate policy) and a
        # diagonal (after a risky one).
        ("entrapment", "pi_D*v + r_R >= k_P + pi_S*v"),
    ],
)
def test_each_colour_covers_the_exact_area_of_its_regime(name, boundary):
    model = load_model(name)
    (xname, xspec), (yname, yspec) = model.grid.items()
    xs, ys = parse_grid_spec(xspec), parse_grid_spec(yspec)
    rect = tuple(Fraction(str(v)) for v in (xs[0], xs[-1], ys[0], ys[-1]))
    pixels, ax, colours = _render(plot_region_map(model))
    drawn = _drawn_shares(pixels, ax, colours)

    regions = equilibrium_regions(model, concept="spe" if model.game.is_tree else "nash")
    params = model.parameters
    fixed = {
        p.symbol: sympy.Rational(str(p.default))
        for k, p in params.items()
        if k not in (xname, yname) and p.default is not None
    }
    conditions = {concise_label(key): r.condition.xreplace(fixed) for key, r in regions.items()}
    assert any(boundary in str(r) for r in regions.values())
    for k, (cond, _) in enumerate(model.assumptions):
        conditions[f"assumption {k}"] = sympy.sympify(cond).xreplace(fixed)
    exact, inner = exact_shares(conditions, params[xname].symbol, params[yname].symbol, rect)
    assumed = {f"assumption {k}" for k in range(len(model.assumptions))}

    # The legend's entries, "k: regime": a regime is named by its equilibria in order.
    entries = {re.sub(r"\n {4}", " ", t).partition(": ")[2]: t for t in drawn}
    by_regime = {}
    for members in exact:
        regime = " + ".join(sorted(members - assumed))
        if members >= assumed and members - assumed and regime in entries:
            by_regime[members - assumed] = entries[regime]
    assert len(by_regime) == len(drawn) - ("outside the model's assumptions" in drawn)
    outside = [t for t in drawn if t == "outside the model's assumptions"]
    # Every regime with an area has its colour, and every colour its regime with an area.
    with_area = {k - assumed: v for k, v in exact.items() if k >= assumed}
    assert set(with_area) == set(by_regime), set(with_area) ^ set(by_regime)
    assert len(with_area) >= 3
    for members, share in with_area.items():
        label = by_regime[members]
        assert drawn[label] == pytest.approx(float(share), abs=TOLERANCE), members
        # In the right place too (a count alone would not see a mirrored map): inside the
        # regime's largest piece no pixel has another regime's colour, and one has its own
        # (a numbered circle may cover a point).
        seen = {_colour_at(pixels, ax, colours, pt) for pt in inner[members | assumed]}
        assert label in seen and seen <= {label, None}, (members, seen)
    outside_share = sum(v for k, v in exact.items() if not k >= assumed)
    assert sum(drawn[t] for t in outside) == pytest.approx(float(outside_share), abs=TOLERANCE)


def test_the_exact_shares_are_the_integrals_of_a_known_triangle():
    # {y >= x} in the unit square is half of it; {y >= x, y <= 1/2} an eighth.
    x, y = sympy.symbols("x y")
    unit = (Fraction(0), Fraction(1), Fraction(0), Fraction(1))
    shares, inner = exact_shares({"A": y >= x, "B": y <= sympy.Rational(1, 2)}, x, y, unit)
    assert shares == {
        frozenset({"A", "B"}): Fraction(1, 8),
        frozenset({"A"}): Fraction(3, 8),
        frozenset({"B"}): Fraction(3, 8),
        frozenset(): Fraction(1, 8),
    }
    # A point inside each piece: in A and B, y is between x and 1/2.
    assert all(x_ <= y_ <= Fraction(1, 2) for x_, y_ in inner[frozenset({"A", "B"})])
