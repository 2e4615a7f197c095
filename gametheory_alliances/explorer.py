"""Interactive exploration of a model: a self-contained HTML map and a notebook explorer.

:func:`write_explorer` writes one HTML file (inline script, style and data;
no server, no network) holding a region map of a two-parameter slice (see
:func:`~gametheory_alliances.plotting.region_map`) drawn on a canvas.
Hovering shows, at the point under the cursor, the equilibria with their
payoffs and the closed-form condition of each (or, for a numeric map, the
equilibria the sweep found at the nearest grid point); a slider moves a
third parameter through precomputed frames. :func:`explore` gives the same
in Jupyter with a slider for every parameter (it needs ``ipywidgets``).

The data of the page sits in one ``<script type="application/json"
id="gta-data">`` element: ``frames`` (one per slider value, each with the
``codes`` of every pixel as base64 of unsigned integers, row 0 at the
bottom, 0 meaning outside the assumptions and ``k`` the regime ``k - 1``),
``regimes``, ``members`` and ``items`` (each equilibrium's ``label``,
``condition`` and ``payoffs``, the payoffs as sympy-readable text in the
parameters). The canvas's ``data-plot`` attribute gives the map's rectangle
in canvas pixels (``[left, top, width, height]``), for scripts that drive the
page. Files are deterministic: the same arguments write the same bytes.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "entrapment.html"
>>> write_explorer("entrapment", path, resolution=40, slider="r_M=0:0.2:2")
PosixPath('...entrapment.html')
>>> "<canvas" in path.read_text()
True
"""

from __future__ import annotations

import base64
import html
import json
import os
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from .errors import GameError

__all__ = [
    "EXPLORER_RESOLUTION",
    "explore",
    "explorer_data",
    "explorer_html",
    "point_summary",
    "write_explorer",
]

EXPLORER_RESOLUTION = 200
"""Pixels along each axis of the HTML explorer's closed-form maps."""

MAX_FRAMES = 50
"""Most slider values an HTML explorer may precompute."""


def _payoff_js(expr: Any, names: list[str]) -> str:
    """A payoff expression as JavaScript over ``P[i]`` (parameters renamed: no clash with JS)."""
    import sympy

    expr = sympy.sympify(expr)
    rename = {s: sympy.Symbol(f"P{names.index(s.name)}") for s in expr.free_symbols}
    text = sympy.jscode(expr.xreplace(rename))
    for k in sorted((names.index(s.name) for s in expr.free_symbols), reverse=True):
        text = text.replace(f"P{k}", f"P[{k}]")
    return text


def _codes_text(codes: np.ndarray) -> str:
    shifted = codes.astype(np.int64) + 1
    dtype = np.uint8 if shifted.max(initial=0) < 256 else np.uint16
    return base64.b64encode(
        np.ascontiguousarray(shifted, dtype="<" + np.dtype(dtype).str[1:]).tobytes()
    ).decode()


def _slider(spec: str | None, game: Any) -> tuple[str | None, list[Any]]:
    if spec is None:
        return None, [None]
    from .sweep import parse_grid_spec

    name, sep, rest = spec.partition("=")
    name = name.strip()
    if not sep:
        raise GameError(f"--slider: expected NAME=START:STOP:NUM, found {spec!r}")
    if name not in game.parameters:
        raise GameError(
            f"--slider: unknown parameter {name!r}; the parameters are {', '.join(game.parameters)}"
        )
    values = list(parse_grid_spec(rest, "--slider"))
    if len(values) > MAX_FRAMES:
        raise GameError(f"--slider: at most {MAX_FRAMES} values, found {len(values)}")
    return name, values


def _number(value: Any) -> float:
    return float(Fraction(str(value)))


def explorer_data(
    model: Any,
    x: Any = None,
    y: Any = None,
    fixed: Mapping[str, Any] | None = None,
    *,
    slider: str | None = None,
    method: str = "auto",
    concept: str | None = None,
    color_by: str = "equilibria",
    resolution: int = EXPLORER_RESOLUTION,
    title: str | None = None,
) -> dict[str, Any]:
    """The data an HTML explorer embeds (see the module docstring for its shape).

    Examples
    --------
    >>> data = explorer_data("burden-sharing", resolution=20)
    >>> data["method"], data["x"], data["y"], len(data["frames"])
    ('regions', 'b2', 'c', 1)
    >>> [item["label"] for item in data["items"]][:2]
    ['(C, C)', '(C, F)']
    """
    from .plotting import closed_forms, concise_label, region_map
    from .sweep.core import resolve_game

    game, mod = resolve_game(model)
    source = mod if mod is not None else game
    fixed = dict(fixed or {})
    name, values = _slider(slider, game)
    if name is not None and name in fixed:
        raise GameError(f"--slider {name}: the parameter is also fixed by --set")
    names = list(game.parameters)
    # The closed forms are derived once and shared by every frame.
    forms = None
    if method in ("auto", "regions"):
        try:
            forms = closed_forms(source, game, concept)
        except GameError:
            if method == "regions":
                raise
    eq_method = "regions" if forms is not None else "numeric"
    colour_forms = None
    if color_by == "outcome" and method != "numeric" and getattr(mod, "outcomes", None):
        from .symbolic.predicates import outcome_regions

        try:
            colour_forms = outcome_regions(mod)
        except GameError:
            if method == "regions":
                raise
    frames = []
    items: dict[str, dict[str, Any]] = {}
    for value in values:
        at = dict(fixed)
        if name is not None:
            at[name] = value
        eq = region_map(
            source, x, y, at, method=eq_method, concept=concept, resolution=resolution, forms=forms
        )
        colour = (
            eq
            if color_by == "equilibria"
            else region_map(
                source,
                x,
                y,
                at,
                method=method if colour_forms is None or color_by != "outcome" else "regions",
                concept=concept,
                color_by=color_by,
                resolution=resolution,
                forms=colour_forms,
            )
        )
        frame: dict[str, Any] = {
            "value": None if value is None else _number(value),
            "codes": _codes_text(colour.codes),
            "width": int(colour.codes.shape[1]),
            "height": int(colour.codes.shape[0]),
            "extent": list(colour.extent),
            "regimes": list(colour.regimes),
            "members": [[colour.items[i] for i in m] for m in colour.members],
            "eq_codes": None,
        }
        if colour is not eq:
            frame["eq_codes"] = _codes_text(eq.codes)
            frame["eq_width"] = int(eq.codes.shape[1])
            frame["eq_height"] = int(eq.codes.shape[0])
            frame["eq_extent"] = list(eq.extent)
            frame["eq_regimes"] = list(eq.regimes)
            frame["eq_members"] = [[eq.items[i] for i in m] for m in eq.members]
            for item, cond in zip(colour.items, colour.conditions, strict=True):
                items.setdefault(item, {"label": item, "condition": cond, "payoffs": [], "js": []})
        if eq.method == "numeric":
            frame["points"] = _numeric_points(source, eq, at, concept)
        frames.append(frame)
    if forms is not None:
        for key, region in zip(*forms, strict=True):
            label = concise_label(key)
            items[label] = {
                "label": label,
                "condition": str(region),
                "payoffs": [str(p) for p in key.payoffs],
                "js": [_payoff_js(p, names) for p in key.payoffs],
            }
    values_now = {}
    for k, p in game.parameters.items():
        v = fixed.get(k, p.default)
        values_now[k] = None if v is None else _number(v)
    return {
        "title": title
        or (mod.title if mod is not None else getattr(game, "title", ""))
        or "Equilibrium regions",
        "x": eq.x,
        "y": eq.y,
        "method": eq_method,
        "color_by": color_by,
        "players": list(game.players),
        "parameters": names,
        "values": values_now,
        "slider": None if name is None else {"name": name, "values": [_number(v) for v in values]},
        "items": [items[k] for k in sorted(items)],
        "frames": frames,
    }


def _numeric_points(source: Any, rmap: Any, fixed: Mapping[str, Any], concept: str | None) -> Any:
    """For every grid point of a numeric map: its equilibria, each as ``[label, payoffs]``."""
    from .plotting import profile_labels
    from .sequential import SequentialGame
    from .sweep import sweep
    from .sweep.core import resolve_game

    game, _ = resolve_game(source)
    df = sweep(
        source,
        {rmap.y: [Fraction(str(v)) for v in rmap.ys], rmap.x: [Fraction(str(v)) for v in rmap.xs]},
        dict(fixed) or None,
        concept=concept,
        invalid="drop",
    )
    if isinstance(game, SequentialGame) and len(df):
        labels = profile_labels(df, game)
    else:
        labels = df["label"].to_numpy().astype(str)
    pay = df[[f"payoff:{p}" for p in game.players]].to_numpy(dtype=float)
    iy = np.searchsorted(rmap.ys, df[rmap.y].to_numpy(dtype=float))
    ix = np.searchsorted(rmap.xs, df[rmap.x].to_numpy(dtype=float))
    points: list[list[Any]] = [[] for _ in range(len(rmap.xs) * len(rmap.ys))]
    for k in range(len(df)):
        points[int(iy[k]) * len(rmap.xs) + int(ix[k])].append(
            [str(labels[k]), [float(v) for v in pay[k]]]
        )
    return points


_STYLE = """
body { font-family: sans-serif; margin: 1em; color: #222; }
#wrap { display: flex; gap: 1.5em; align-items: flex-start; flex-wrap: wrap; }
canvas { border: 1px solid #444; image-rendering: pixelated; cursor: crosshair; }
#info { min-width: 22em; max-width: 40em; font-size: 0.9em; }
#info code { white-space: pre-wrap; }
.swatch { display: inline-block; width: 1em; height: 1em; border: 1px solid #000;
  vertical-align: middle; margin-right: 0.4em; }
#legend div { margin: 0.2em 0; }
table { border-collapse: collapse; } td, th { padding: 0.1em 0.6em; text-align: left; }
"""

_SCRIPT = """
(function () {
  const D = JSON.parse(document.getElementById("gta-data").textContent);
  const COLOURS = %(colours)s;
  const canvas = document.getElementById("map");
  const ctx = canvas.getContext("2d");
  const M = {left: 60, right: 10, top: 10, bottom: 40};
  const W = 480, H = 400;
  canvas.width = W + M.left + M.right; canvas.height = H + M.top + M.bottom;
  // The plot area in canvas pixels, for scripts that drive the page (its tests).
  canvas.dataset.plot = JSON.stringify([M.left, M.top, W, H]);
  const items = {}; D.items.forEach(function (it) { items[it.label] = it; });
  const js = {};
  D.items.forEach(function (it) {
    js[it.label] = it.js.map(function (e) { return new Function("P", "return " + e + ";"); });
  });
  let frame = 0;
  function decode(text) {
    const raw = atob(text); const out = new Uint16Array(raw.length);
    for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  }
  function codesOf(f, eq) {
    const F = D.frames[f];
    const text = eq && F.eq_codes ? F.eq_codes : F.codes;
    const key = eq && F.eq_codes ? "_eqc" : "_c";
    if (!F[key]) {
      const bytes = decode(text);
      const n = (eq && F.eq_codes ? F.eq_width * F.eq_height : F.width * F.height);
      if (bytes.length === n) { F[key] = bytes; }
      else { const o = new Uint16Array(n);
        for (let i = 0; i < n; i++) o[i] = bytes[2 * i] + 256 * bytes[2 * i + 1]; F[key] = o; }
    }
    return F[key];
  }
  function hex(c) { return [parseInt(c.slice(1, 3), 16), parseInt(c.slice(3, 5), 16),
    parseInt(c.slice(5, 7), 16)]; }
  function draw() {
    const F = D.frames[frame]; const codes = codesOf(frame, false);
    const img = ctx.createImageData(F.width, F.height);
    for (let r = 0; r < F.height; r++) for (let c = 0; c < F.width; c++) {
      const k = codes[r * F.width + c]; const p = ((F.height - 1 - r) * F.width + c) * 4;
      const rgb = k === 0 ? [255, 255, 255] : hex(COLOURS[(k - 1) %% COLOURS.length]);
      img.data[p] = rgb[0]; img.data[p + 1] = rgb[1]; img.data[p + 2] = rgb[2]; img.data[p + 3] = 255;
    }
    const tmp = document.createElement("canvas"); tmp.width = F.width; tmp.height = F.height;
    tmp.getContext("2d").putImageData(img, 0, 0);
    ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(tmp, M.left, M.top, W, H);
    ctx.strokeStyle = "#000"; ctx.strokeRect(M.left, M.top, W, H);
    ctx.fillStyle = "#000"; ctx.font = "12px sans-serif"; ctx.textAlign = "center";
    const e = F.extent;
    for (let i = 0; i <= 4; i++) {
      const xv = e[0] + (e[1] - e[0]) * i / 4, yv = e[2] + (e[3] - e[2]) * i / 4;
      ctx.fillText(+xv.toPrecision(4), M.left + W * i / 4, M.top + H + 15);
      ctx.textAlign = "right"; ctx.fillText(+yv.toPrecision(4), M.left - 4, M.top + H - H * i / 4 + 4);
      ctx.textAlign = "center";
    }
    ctx.fillText(D.x, M.left + W / 2, M.top + H + 32);
    ctx.save(); ctx.translate(14, M.top + H / 2); ctx.rotate(-Math.PI / 2);
    ctx.fillText(D.y, 0, 0); ctx.restore();
    const legend = document.getElementById("legend"); legend.textContent = "";
    F.regimes.forEach(function (r, k) {
      const div = document.createElement("div"); const sw = document.createElement("span");
      sw.className = "swatch"; sw.style.background = COLOURS[k %% COLOURS.length];
      div.appendChild(sw); div.appendChild(document.createTextNode((k + 1) + ": " + r));
      legend.appendChild(div);
    });
    if (D.slider) document.getElementById("slider-value").textContent =
      D.slider.name + " = " + F.value;
  }
  function regimeAt(f, eq, px, py) {
    const F = D.frames[f]; const w = eq && F.eq_codes ? F.eq_width : F.width;
    const h = eq && F.eq_codes ? F.eq_height : F.height;
    const c = Math.min(w - 1, Math.floor(px * w)), r = Math.min(h - 1, Math.floor(py * h));
    return {k: codesOf(f, eq)[r * w + c], index: r * w + c};
  }
  function show(ev) {
    // The bounding box includes the border; the picture starts inside it.
    const rect = canvas.getBoundingClientRect();
    const left = rect.left + canvas.clientLeft, top = rect.top + canvas.clientTop;
    const px = (ev.clientX - left - M.left) / W, py = 1 - (ev.clientY - top - M.top) / H;
    const info = document.getElementById("info");
    if (px < 0 || px > 1 || py < 0 || py > 1) return;
    const F = D.frames[frame]; const e = F.extent;
    const xv = e[0] + px * (e[1] - e[0]), yv = e[2] + py * (e[3] - e[2]);
    const values = Object.assign({}, D.values); values[D.x] = xv; values[D.y] = yv;
    if (D.slider) values[D.slider.name] = F.value;
    const P = D.parameters.map(function (n) { return values[n]; });
    let out = "<b>" + esc(D.x) + " = " + xv.toPrecision(4) + ", " + esc(D.y) + " = " +
      yv.toPrecision(4) + "</b>";
    const here = regimeAt(frame, false, px, py);
    if (here.k === 0) { info.innerHTML = out + "<p>outside the model's assumptions</p>"; return; }
    if (F.eq_codes) {
      out += "<p>" + esc(D.color_by) + ": " + esc(F.regimes[here.k - 1]) + "</p>";
      F.members[here.k - 1].forEach(function (m) {
        if (items[m] && items[m].condition) out += "<p>" + esc(m) + " where <code>" +
          esc(items[m].condition) + "</code></p>"; });
    }
    out += "<table><tr><th>equilibrium</th>" + D.players.map(function (p) {
      return "<th>" + esc(p) + "</th>"; }).join("") + "</tr>";
    let conds = "";
    if (F.points) {
      F.points[regimeAt(frame, true, px, py).index].forEach(function (row) {
        out += "<tr><td>" + esc(row[0]) + "</td>" + row[1].map(function (v) {
          return "<td>" + (+v.toPrecision(6)) + "</td>"; }).join("") + "</tr>"; });
    } else {
      const eq = regimeAt(frame, true, px, py);
      const regs = F.eq_codes ? F.eq_members : F.members;
      if (eq.k > 0) regs[eq.k - 1].forEach(function (m) {
        const pay = js[m].map(function (f) { return f(P); });
        out += "<tr><td>" + esc(m) + "</td>" + pay.map(function (v) {
          return "<td>" + (+v.toPrecision(6)) + "</td>"; }).join("") + "</tr>";
        conds += "<p>" + esc(m) + " where <code>" + esc(items[m].condition) + "</code></p>";
      });
    }
    info.innerHTML = out + "</table>" + (conds ? "<h4>closed-form conditions</h4>" + conds : "");
  }
  function esc(t) { return String(t).replace(/&/g, "&amp;").replace(/</g, "&lt;")
    .replace(/>/g, "&gt;"); }
  canvas.addEventListener("mousemove", show);
  const s = document.getElementById("slider");
  if (D.slider) { s.max = D.frames.length - 1; s.addEventListener("input", function () {
    frame = +s.value; draw(); }); } else { s.parentNode.style.display = "none"; }
  draw();
})();
"""


def explorer_html(
    model: Any,
    x: Any = None,
    y: Any = None,
    fixed: Mapping[str, Any] | None = None,
    **options: Any,
) -> str:
    """The explorer page as text (see :func:`write_explorer` for the arguments)."""
    from .plotting import COLOURS

    data = explorer_data(model, x, y, fixed, **options)
    # "</" inside a script element would end it: escape the slash in the JSON text.
    payload = json.dumps(data, sort_keys=True, separators=(",", ":")).replace("</", "<\\/")
    title = html.escape(str(data["title"]))
    fixed_text = ", ".join(f"{k} = {v}" for k, v in (fixed or {}).items())
    method = "closed-form regions" if data["method"] == "regions" else "numeric grid"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<h2>{title}</h2>\n<p>{html.escape(method)}"
        + (f"; {html.escape(fixed_text)}" if fixed_text else "")
        + '</p>\n<div id="wrap">\n<div>\n<canvas id="map"></canvas>\n'
        '<div><input type="range" id="slider" min="0" max="0" step="1" value="0">'
        ' <span id="slider-value"></span></div>\n<div id="legend"></div>\n</div>\n'
        '<div id="info">Move the cursor over the map.</div>\n</div>\n'
        f'<script type="application/json" id="gta-data">{payload}</script>\n'
        f"<script>{_SCRIPT % {'colours': json.dumps(list(COLOURS))}}</script>\n"
        "</body>\n</html>\n"
    )


def write_explorer(
    model: Any,
    out: str | os.PathLike[str],
    x: Any = None,
    y: Any = None,
    fixed: Mapping[str, Any] | None = None,
    *,
    slider: str | None = None,
    method: str = "auto",
    concept: str | None = None,
    color_by: str = "equilibria",
    resolution: int = EXPLORER_RESOLUTION,
    title: str | None = None,
) -> Path:
    """Write the interactive map of a two-parameter slice as one self-contained HTML file.

    Parameters
    ----------
    model
        A catalogue model, a catalogue name or a parameterised game.
    out
        The ``.html`` path.
    x, y, fixed, method, concept, color_by
        As for :func:`~gametheory_alliances.plotting.plot_region_map` (``x``
        and ``y`` default to the model's declared grid).
    slider
        ``"NAME=START:STOP:NUM"``: a third parameter the page's slider
        moves; one frame is computed for each of its values.
    resolution
        Pixels along each axis of a closed-form map.
    title
        The page's title (default: the model's).

    Returns
    -------
    pathlib.Path
        The file written.
    """
    path = Path(out)
    if path.suffix.lower() != ".html":
        raise GameError(f"write_explorer: out must be a .html path, found {str(out)!r}")
    text = explorer_html(
        model,
        x,
        y,
        fixed,
        slider=slider,
        method=method,
        concept=concept,
        color_by=color_by,
        resolution=resolution,
        title=title,
    )
    path.write_text(text, encoding="utf-8")
    return path


def explore(model: Any, x: Any = None, y: Any = None, *, resolution: int = 150) -> Any:
    """Explore a model in Jupyter: a slider for every parameter, the map, equilibria, conditions.

    Needs ``ipywidgets`` (``pip install ipywidgets``) and matplotlib. Moving
    a slider redraws the region map of the two axes (the model's declared
    grid unless given) with the other parameters at the sliders' values,
    and lists the equilibria at the sliders' point with their payoffs and
    closed-form conditions.

    Returns
    -------
    ipywidgets.VBox

    Raises
    ------
    GameError
        ipywidgets is not installed, or the model has no two-parameter grid
        and no axes are given.
    """
    try:
        import ipywidgets as widgets
    except ImportError:
        raise GameError(
            "gta.explore needs ipywidgets (and matplotlib): pip install ipywidgets "
            "'gametheory-alliances[plot]'; or write a self-contained page with "
            "gta plot MODEL --out map.html"
        ) from None
    from .plotting import plot_region_map
    from .sweep.core import resolve_game

    game, mod = resolve_game(model)
    source = mod if mod is not None else game
    sliders = {}
    for name, p in game.parameters.items():
        default = 0.5 if p.default is None else _number(p.default)
        lo, hi = _slider_range(p, default)
        sliders[name] = widgets.FloatSlider(
            value=default, min=lo, max=hi, step=(hi - lo) / 100, description=name
        )
    output = widgets.Output()

    def update(_: Any = None) -> None:
        values = {k: Fraction(str(s.value)) for k, s in sliders.items()}
        output.clear_output(wait=True)
        with output:
            from IPython.display import HTML, display

            axes = _axes_names(source, x, y)
            fixed = {k: v for k, v in values.items() if k not in axes}
            try:
                fig = plot_region_map(source, x, y, fixed, resolution=resolution)
                display(fig)
                display(HTML(point_summary(source, values)))
            except GameError as exc:
                display(HTML(f"<p>{html.escape(str(exc))}</p>"))

    for s in sliders.values():
        s.observe(update, names="value")
    update()
    return widgets.VBox([widgets.VBox(list(sliders.values())), output])


def _slider_range(p: Any, default: float) -> tuple[float, float]:
    domain = str(getattr(p, "domain", ""))
    if domain.startswith("[") and "," in domain:
        lo, _, hi = domain.strip("[]()").partition(",")
        try:
            return _number(lo.strip()), _number(hi.strip())
        except (ValueError, ZeroDivisionError):
            pass
    span = max(abs(default) * 2, 1.0)
    if "positive" in domain or "nonnegative" in domain:
        return 0.0, span
    return -span, span


def _axes_names(source: Any, x: Any, y: Any) -> tuple[str, str]:
    from .plotting import axes_or_grid

    x, y = axes_or_grid(source, x, y)
    return (
        x.partition("=")[0].strip() if isinstance(x, str) else str(x[0]),
        y.partition("=")[0].strip() if isinstance(y, str) else str(y[0]),
    )


def point_summary(model: Any, values: Mapping[str, Any]) -> str:
    """The equilibria at a point with their payoffs and closed-form conditions, as HTML.

    ``values`` gives parameters exactly (numbers or text such as ``"1/2"``);
    the others take their defaults.

    Examples
    --------
    >>> text = point_summary("burden-sharing", {"c": 1, "b2": 7})
    >>> "(C, C)" in text and "b2 &gt;= b1 + c" in text
    True
    """
    import sympy

    from .plotting import concise_label
    from .sequential import SequentialGame
    from .sweep.core import resolve_game
    from .symbolic import equilibrium_regions

    game, mod = resolve_game(model)
    source = mod if mod is not None else game
    concept = "spe" if isinstance(game, SequentialGame) else "nash"
    regions = equilibrium_regions(source, concept=concept)
    given = {k: str(v) for k, v in values.items()}
    subs = {
        p.symbol: sympy.Rational(given.get(k, str(p.default)))
        for k, p in game.parameters.items()
        if k in given or p.default is not None
    }
    rows = []
    for key, region in regions.items():
        if not region.contains(**{k: v for k, v in given.items() if k in region.parameters}):
            continue
        pays = ", ".join(str(sympy.sympify(p).xreplace(subs)) for p in key.payoffs)
        rows.append(
            f"<tr><td>{html.escape(concise_label(key))}</td><td>{html.escape(pays)}</td>"
            f"<td><code>{html.escape(str(region))}</code></td></tr>"
        )
    head = "<tr><th>equilibrium</th><th>payoffs</th><th>holds where</th></tr>"
    return "<table>" + head + "".join(rows) + "</table>"
