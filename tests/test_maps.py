"""Tests of the maps from closed forms, the maps by outcome and the interactive explorer."""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import sys
from fractions import Fraction
from html.parser import HTMLParser

import numpy as np
import pytest
import sympy

from gametheory_alliances.catalogue import load_model
from gametheory_alliances.cli import main
from gametheory_alliances.errors import GameError
from gametheory_alliances.explorer import explore, explorer_html, write_explorer
from gametheory_alliances.plotting import (
    closed_form_map,
    color_map,
    numeric_map,
    plot_region_map,
)
from gametheory_alliances.solvers.backward_induction import subgame_perfect_equilibria
from gametheory_alliances.sweep import sweep

# A pixel is 1/RES of an axis: a region's area is off by at most its boundary's length in pixels.
RES = 200
AREA_TOLERANCE = 4 / RES


def _fraction(rmap, regime_test) -> float:
    hit = np.zeros(rmap.codes.shape, dtype=bool)
    for k, regime in enumerate(rmap.regimes):
        if regime_test(regime):
            hit |= rmap.codes == k
    return float(hit.mean())


def _without_class(regime: str) -> str:
    """A numeric regime without the symmetric 2 x 2 class said in front ("Chicken: ...")."""
    return re.sub(r"^(?![(]|mixed)[^:(]+: ", "", regime)


def _profile(eq, game) -> str:
    return (
        "("
        + ", ".join(
            "+".join(a for a in h.actions if eq.behaviour[h.label][a] > 1e-9) for h in game.infosets
        )
        + ")"
    )


# -- maps from closed forms ------------------------------------------------------------


def test_region_areas_match_the_exact_fractions_of_a_linear_boundary():
    # burden-sharing: (C, C) holds exactly where b2 >= b1 + c (b1 = 3 by default).
    model = load_model("burden-sharing")
    rmap = closed_form_map(model, "c=0.5:5:2", "b2=3:8:2", resolution=RES)
    from gametheory_alliances.symbolic import equilibrium_regions

    (cc,) = [r for k, r in equilibrium_regions(model).items() if k.label == "(C, C)"]
    c = sympy.Symbol("c")
    b1 = sympy.Rational(str(model.parameters["b1"].default))
    assert str(cc) == "b2 >= b1 + c"
    # The exact area of {b2 >= b1 + c} in [1/2, 5] x [3, 8], by integration.
    area = sympy.integrate(sympy.Max(0, 8 - sympy.Max(3, b1 + c)), (c, sympy.Rational(1, 2), 5))
    exact = float(area / (sympy.Rational(9, 2) * 5))
    assert exact == pytest.approx(0.45)
    measured = _fraction(rmap, lambda r: "(C, C)" in r.split(" + "))
    assert measured == pytest.approx(exact, abs=AREA_TOLERANCE)


def test_tree_region_areas_match_the_patrons_thresholds():
    # entrapment: the patron defends a moderate protege iff k_P <= v (pi_D - pi_S) + r_M
    # and a risky one iff k_P <= v (pi_D - pi_S) + r_R: a vertical and a diagonal line.
    model = load_model("entrapment")
    p = {k: Fraction(str(v.default)) for k, v in model.parameters.items()}
    t = p["v"] * (p["pi_D"] - p["pi_S"]) + p["r_M"]
    x0, x1, y0, y1 = Fraction(1, 20), Fraction(1), Fraction(0), Fraction(3, 5)
    rmap = closed_form_map(model, f"k_P={x0}:{x1}:2", f"r_R={y0}:{y1}:2", resolution=RES)
    total = (x1 - x0) * (y1 - y0)
    # Defends a moderate protege: k_P <= t.
    defends_moderate = (t - x0) * (y1 - y0) / total
    # Defends a risky protege but not a moderate one: k_P > t and r_R >= k_P - t.
    # (For these defaults t + (y1 - y0) = x1: the triangle's corner is the rectangle's.)
    assert t + (y1 - y0) == x1
    risky_only = (y1 - y0) ** 2 / 2 / total

    def after_moderate(regime: str, action: str) -> bool:
        return all(lab.split(", ")[2] == action for lab in regime.split(" + "))

    assert _fraction(rmap, lambda r: after_moderate(r, "Defend")) == pytest.approx(
        float(defends_moderate), abs=AREA_TOLERANCE
    )
    below = _fraction(
        rmap,
        lambda r: (
            after_moderate(r, "Stay out")
            and all(lab.rstrip(")").split(", ")[4] == "Defend" for lab in r.split(" + "))
        ),
    )
    assert below == pytest.approx(float(risky_only), abs=AREA_TOLERANCE)
    # Each label names the action at every one of the five information sets.
    assert all(lab.count(",") == 4 for r in rmap.regimes for lab in r.split(" + "))


@pytest.mark.parametrize(
    ("name", "x", "y"),
    [
        ("entrapment", "k_P=0.0513:0.9987:9", "r_R=0.0071:0.5923:7"),
        ("burden-sharing", "c=0.537:4.961:9", "b2=3.013:7.977:8"),
    ],
)
def test_closed_form_map_agrees_with_the_numeric_grid_at_sample_points(name, x, y):
    rmap = closed_form_map(name, x, y, resolution=RES)
    grid = numeric_map(name, x, y)
    checked = 0
    for iy, yv in enumerate(grid.ys):
        for ix, xv in enumerate(grid.xs):
            # Points within two pixels of a boundary are left out: there the pixel is a
            # neighbour's, not the point's.
            px = int(np.argmin(np.abs(rmap.xs - xv)))
            py = int(np.argmin(np.abs(rmap.ys - yv)))
            window = rmap.codes[max(py - 2, 0) : py + 3, max(px - 2, 0) : px + 3]
            if (window != window[0, 0]).any():
                continue
            expected = _without_class(grid.regimes[grid.codes[iy, ix]])
            assert rmap.regime_at(xv, yv) == expected, (xv, yv)
            checked += 1
    assert checked >= 30


def test_tree_maps_name_equilibria_by_their_whole_profile_as_the_solver_gives_them():
    model = load_model("entrapment")
    rmap = closed_form_map(model, "k_P=0.05:1:2", "r_R=0:0.6:2", resolution=RES)
    for k_P, r_R in [(Fraction(7, 10), Fraction(1, 10)), (Fraction(6, 10), Fraction(5, 10))]:
        found = subgame_perfect_equilibria(model.at(k_P=k_P, r_R=r_R))
        expected = " + ".join(sorted(_profile(eq, model.game) for eq in found))
        assert rmap.regime_at(float(k_P), float(r_R)) == expected
    # Two equilibria with the same path (Risky, Attack, Stay out) are told apart.
    assert any(" + " in r for r in rmap.regimes)


def test_legend_entries_are_exactly_the_distinct_regimes_with_an_area():
    model = load_model("entrapment")
    fig = plot_region_map(model, resolution=RES)
    legend = [re.sub(r"\s+", " ", t.get_text()) for t in fig.legends[0].get_texts()]
    regimes = [t.split(": ", 1)[1] for t in legend if re.match(r"\d+: ", t)]
    assert "closed-form boundaries" in legend
    # The numeric grid off the boundary lines finds the same regimes, no more, no fewer.
    grid = numeric_map(model, "k_P=0.0513:0.9987:23", "r_R=0.0071:0.5923:19")
    assert regimes == sorted(set(grid.regimes))
    # The default grid puts points on the indifference lines (ties): the numeric map has a
    # regime there, which the closed-form map draws as a line, not an entry.
    on_lines = numeric_map(model)
    assert set(on_lines.regimes) > set(regimes)


def test_plot_uses_the_models_declared_grid_and_refuses_without_one(tmp_path):
    rmap = closed_form_map("entrapment", resolution=20)
    assert (rmap.x, rmap.y) == ("k_P", "r_R")
    assert rmap.extent == (0.05, 1.0, 0.0, 0.6)
    with pytest.raises(GameError, match="declares a 1-D grid"):
        closed_form_map("chicken")
    assert main(["plot", "entrapment", "--out", str(tmp_path / "m.png")]) == 0
    assert (tmp_path / "m.png").stat().st_size > 1000
    assert main(["plot", "chicken", "--out", str(tmp_path / "c.png")]) == 2


def test_method_numeric_and_regions_are_chosen_on_request(tmp_path):
    assert (
        main(["plot", "burden-sharing", "--method", "numeric", "--out", str(tmp_path / "n.svg")])
        == 0
    )
    assert numeric_map("burden-sharing").method == "numeric"
    fig = plot_region_map("burden-sharing", method="regions", resolution=40)
    assert fig.axes[0].images  # drawn as an image at display resolution


# -- maps by outcome -----------------------------------------------------------------------


def test_color_by_outcome_legend_is_the_predicate_combinations_present():
    model = load_model("entrapment")
    fixed = {"r_M": Fraction(1, 10)}
    x, y = "k_P=0.0513:0.9987:23", "r_R=0.0071:0.5923:19"
    rmap = color_map(model, x, y, fixed, by="outcome", resolution=RES)
    assert rmap.method == "regions"
    df = sweep(
        model,
        {"r_R": np.linspace(0.0071, 0.5923, 19), "k_P": np.linspace(0.0513, 0.9987, 23)},
        fixed,
    )
    names = list(model.outcomes.names)
    combos = set()
    for _, rows in df.groupby(["k_P", "r_R"]):
        held = sorted(n for n in names if rows[n].any())
        combos.add(" + ".join(held) or "none of the outcomes")
    assert set(rmap.regimes) == combos
    fig = plot_region_map(model, x, y, fixed, color_by="outcome", resolution=RES)
    legend = [re.sub(r"\s+", " ", t.get_text()) for t in fig.legends[0].get_texts()]
    assert [t.split(": ", 1)[1] for t in legend if re.match(r"\d+: ", t)] == sorted(combos)
    numeric = color_map(model, x, y, fixed, by="outcome", method="numeric")
    assert set(numeric.regimes) == combos


def test_color_by_a_column_gives_each_point_the_values_its_equilibria_take():
    rmap = color_map("burden-sharing", "c=1:4:4", "b2=3:6:4", by="Ally A:C")
    df = sweep("burden-sharing", {"b2": np.linspace(3, 6, 4), "c": np.linspace(1, 4, 4)})
    for (b2, c), rows in df.groupby(["b2", "c"]):
        values = sorted(set(rows["Ally A:C"]))
        text = "Ally A:C = " + " or ".join(str(v) for v in values)
        assert rmap.regime_at(c, b2) == text
    scale = color_map("burden-sharing", "c=1:4:13", "b2=3:6:13", by="payoff:Ally A")
    assert scale.values is not None and np.isnan(scale.values).any()
    with pytest.raises(GameError, match="no column 'nope'"):
        color_map("burden-sharing", "c=1:4:4", "b2=3:6:4", by="nope")
    with pytest.raises(GameError, match="declares no outcome predicates"):
        color_map("burden-sharing", "c=1:4:4", "b2=3:6:4", by="outcome")


# -- the HTML explorer ---------------------------------------------------------------------


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.data: dict[str, str] = {}
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in = dict(attrs).get("id") if tag == "script" else None

    def handle_data(self, data):
        if self._in:
            self.data[self._in] = self.data.get(self._in, "") + data

    def handle_endtag(self, tag):
        self._in = None


def _decode(frame, key="codes", width="width", height="height"):
    raw = np.frombuffer(base64.b64decode(frame[key]), dtype=np.uint8)
    if raw.size != frame[width] * frame[height]:
        raw = np.frombuffer(base64.b64decode(frame[key]), dtype="<u2")
    return raw.reshape(frame[height], frame[width]).astype(np.int64) - 1


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "entrapment.html"
    assert main(["plot", "entrapment", "--slider", "r_M=0:0.3:4", "--out", str(path)]) == 0
    return path.read_text(encoding="utf-8")


def test_html_is_one_self_contained_page(page):
    parser = _Collector()
    parser.feed(page)
    parser.close()
    tags = [t for t, _ in parser.tags]
    assert tags.count("canvas") == 1 and "style" in tags
    for _, attrs in parser.tags:
        assert "src" not in attrs and "href" not in attrs
    assert "://" not in page  # no URL of any kind: works offline
    data = json.loads(parser.data["gta-data"])
    assert data["slider"] == {"name": "r_M", "values": [0.0, 0.1, 0.2, 0.3]}
    assert [f["value"] for f in data["frames"]] == [0.0, 0.1, 0.2, 0.3]
    # The frames differ: the slider moves the patron's threshold after a moderate policy.
    pictures = [_decode(f).tobytes() for f in data["frames"]]
    assert len(set(pictures)) == 4


def test_html_data_at_a_point_equals_the_solvers_equilibria(page):
    parser = _Collector()
    parser.feed(page)
    data = json.loads(parser.data["gta-data"])
    model = load_model("entrapment")
    items = {it["label"]: it for it in data["items"]}
    rng = np.random.default_rng(20)
    for f, frame in enumerate(data["frames"]):
        codes = _decode(frame)
        x0, x1, y0, y1 = frame["extent"]
        checked = 0
        while checked < 4:
            r, c = rng.integers(2, frame["height"] - 2), rng.integers(2, frame["width"] - 2)
            window = codes[r - 2 : r + 3, c - 2 : c + 3]
            if (window != codes[r, c]).any():
                continue
            k_P = (
                Fraction(x0) + (c + Fraction(1, 2)) * (Fraction(x1) - Fraction(x0)) / frame["width"]
            )
            r_R = (
                Fraction(y0)
                + (r + Fraction(1, 2)) * (Fraction(y1) - Fraction(y0)) / frame["height"]
            )
            values = {"k_P": k_P, "r_R": r_R, "r_M": Fraction(str(frame["value"]))}
            found = subgame_perfect_equilibria(model.at(**values))
            expected = sorted(_profile(eq, model.game) for eq in found)
            members = frame["members"][codes[r, c]]
            assert sorted(members) == expected, (f, values)
            subs = {sympy.Symbol(k): sympy.Rational(v) for k, v in values.items()}
            subs.update(
                {
                    sympy.Symbol(k): sympy.Rational(str(p.default))
                    for k, p in model.parameters.items()
                    if k not in values
                }
            )
            for eq in found:
                payoffs = items[_profile(eq, model.game)]["payoffs"]
                got = [sympy.sympify(p).xreplace(subs) for p in payoffs]
                assert got == [sympy.Rational(v) for v in eq.exact_payoffs]
            checked += 1


_DOM_STUB = r"""
const fs = require("fs");
const html = fs.readFileSync(process.argv[2], "utf8");
const data = html.match(/<script type="application\/json" id="gta-data">([\s\S]*?)<\/script>/)[1];
const script = html.match(/<script>([\s\S]*?)<\/script>/)[1];
const painted = [];
function element(id) {
  return {
    id, style: {}, dataset: {}, clientLeft: 0, clientTop: 0,
    textContent: id === "gta-data" ? data : "", innerHTML: "", value: "0",
    children: [], listeners: {}, parentNode: {style: {}},
    appendChild(c) { this.children.push(c); },
    addEventListener(k, f) { this.listeners[k] = f; },
    getBoundingClientRect() { return {left: 0, top: 0}; },
    getContext() { return {
      createImageData(w, h) { return {width: w, height: h, data: new Uint8ClampedArray(w * h * 4)}; },
      putImageData(img) { painted.push(Buffer.from(img.data).toString("base64")); },
      fillRect() {}, strokeRect() {}, drawImage() {}, fillText() {}, save() {}, restore() {},
      translate() {}, rotate() {},
    }; },
  };
}
const els = {};
global.document = {
  getElementById(id) { return els[id] || (els[id] = element(id)); },
  createElement(t) { return element(t); },
  createTextNode(t) { return {text: t}; },
};
global.atob = (s) => Buffer.from(s, "base64").toString("binary");
eval(script);
const out = {painted: painted.length, first: painted[0]};
const canvas = els["map"];
const [mx, my] = JSON.parse(process.argv[3]);
canvas.listeners.mousemove({clientX: mx, clientY: my});
out.hover = els["info"].innerHTML;
const slider = els["slider"];
slider.value = "3"; slider.listeners.input();
out.after = painted[painted.length - 1];
out.painted = painted.length;
out.legend = els["legend"].children.length;
console.log(JSON.stringify(out));
"""


def test_page_script_draws_moves_and_hovers_in_a_javascript_engine(page, tmp_path):
    """The page's own script, run with a minimal document: the slider redraws, hover is right.

    The script runs in node with the few document calls it makes stubbed: a quick check
    where node is installed. ``test_explorer_browser.py`` drives the page in a real
    headless Chromium.
    """
    node = shutil.which("node")
    if node is None:
        pytest.skip("no JavaScript engine: neither node nor a headless chromium is installed")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    # Hover over (k_P, r_R) = (0.8, 0.1): the canvas maps x in [0.05, 1] to 60..540 pixels.
    mx = 60 + (0.8 - 0.05) / 0.95 * 480
    my = 10 + (1 - 0.1 / 0.6) * 400
    stub = tmp_path / "run.js"
    stub.write_text(_DOM_STUB, encoding="utf-8")
    done = subprocess.run(
        [node, str(stub), str(path), json.dumps([mx, my])],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    out = json.loads(done.stdout)
    assert out["painted"] >= 2 and out["first"] != out["after"]
    model = load_model("entrapment")
    found = subgame_perfect_equilibria(model.at(k_P=Fraction(8, 10), r_R=Fraction(1, 10)))
    for eq in found:
        assert _profile(eq, model.game) in out["hover"]
        patron = f"{float(eq.payoffs[0]):.6g}"
        assert f"<td>{patron}</td>" in out["hover"]
    assert "closed-form conditions" in out["hover"]
    assert out["legend"] >= 2


def test_html_explorer_of_a_numeric_map_carries_each_points_equilibria(tmp_path):
    text = explorer_html("burden-sharing", "c=1:4:4", "b2=3:6:4", method="numeric")
    parser = _Collector()
    parser.feed(text)
    data = json.loads(parser.data["gta-data"])
    (frame,) = data["frames"]
    assert data["method"] == "numeric" and len(frame["points"]) == 16
    df = sweep("burden-sharing", {"b2": np.linspace(3, 6, 4), "c": np.linspace(1, 4, 4)})
    first = df[(df["b2"] == 3) & (df["c"] == 1)]
    assert [row[0] for row in frame["points"][0]] == list(first["label"])
    assert [row[1] for row in frame["points"][0]] == first[
        ["payoff:Ally A", "payoff:Ally B"]
    ].values.tolist()


def test_explorer_input_errors_are_ours(tmp_path):
    with pytest.raises(GameError, match="unknown parameter 'zz'"):
        write_explorer("entrapment", tmp_path / "m.html", slider="zz=0:1:2")
    with pytest.raises(GameError, match=r"\.html"):
        write_explorer("entrapment", tmp_path / "m.png")
    assert (
        main(["plot", "entrapment", "--slider", "r_M=0:1:2", "--out", str(tmp_path / "a.png")]) == 2
    )


def test_explore_says_what_to_install_without_ipywidgets(monkeypatch):
    monkeypatch.setitem(sys.modules, "ipywidgets", None)
    with pytest.raises(GameError, match="pip install ipywidgets"):
        explore("entrapment")
