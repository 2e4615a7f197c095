"""The HTML explorer in a real headless browser: the slider redraws, hover names the equilibria.

``gta plot entrapment --slider r_M=... --out page.html`` writes the page; Chromium
(the distribution's ``chromium`` with its ``chromedriver``, driven by selenium)
opens it from a ``file://`` address, as a reader would. The test moves the
slider with the keyboard, reads the picture back from the canvas, and moves the
mouse over the map. What the page shows is checked against the SPE solver
(:func:`subgame_perfect_equilibria`, exact) and the closed-form regions
(:func:`equilibrium_regions`) at the same points; neither reads the page's data.

Where no browser can be run the test is skipped, saying what is missing
(``.ci/run`` installs ``chromium`` and ``chromium-driver`` where apt is there).
"""

from __future__ import annotations

import base64
import io
import json
import shutil
from fractions import Fraction
from html.parser import HTMLParser
from itertools import pairwise

import numpy as np
import pytest
import sympy

from gametheory_alliances.catalogue import load_model
from gametheory_alliances.cli import main
from gametheory_alliances.plotting import COLOURS, concise_label
from gametheory_alliances.solvers.backward_induction import subgame_perfect_equilibria
from gametheory_alliances.symbolic import equilibrium_regions

SLIDER = [Fraction(0), Fraction(1, 10), Fraction(2, 10), Fraction(3, 10)]
# Points of the (k_P, r_R) plane where the picture is checked: a lattice over the map.
LATTICE = [(Fraction(k, 20), Fraction(r, 40)) for k in range(3, 20, 3) for r in range(2, 24, 5)]
# Half the side of the square of canvas pixels that must share one colour around a checked
# point: the point is then at least this far from every region boundary.
CLEAR = 4


def _browser():
    """A headless Chromium driven by selenium, or a skip that names what is missing."""
    webdriver = pytest.importorskip(
        "selenium.webdriver", reason="selenium is not installed (the test extra has it)"
    )
    from selenium.webdriver.chrome.service import Service

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    missing = [n for n, p in (("chromium", chromium), ("chromedriver", driver)) if p is None]
    if missing:
        pytest.skip(
            f"no headless browser: {' and '.join(missing)} not on PATH "
            "(apt-get install chromium chromium-driver)"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1200,900",
        "--force-device-scale-factor=1",
        "--allow-file-access-from-files",
    ):
        options.add_argument(arg)
    # An explicit driver path: selenium looks for nothing and downloads nothing.
    browser = webdriver.Chrome(service=Service(driver), options=options)
    browser.set_page_load_timeout(15)
    browser.set_script_timeout(10)
    return browser


class _Data(HTMLParser):
    """The page's embedded JSON (the regimes of each frame and their members)."""

    def __init__(self):
        super().__init__()
        self.text, self._in = "", False

    def handle_starttag(self, tag, attrs):
        self._in = dict(attrs).get("id") == "gta-data"

    def handle_data(self, data):
        if self._in:
            self.text += data

    def handle_endtag(self, tag):
        self._in = False


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    browser = _browser()
    path = tmp_path_factory.mktemp("browser") / "entrapment.html"
    spec = f"r_M={SLIDER[0]}:{float(SLIDER[-1])}:{len(SLIDER)}"
    try:
        assert main(["plot", "entrapment", "--slider", spec, "--out", str(path)]) == 0
        browser.get(path.resolve().as_uri())
        parser = _Data()
        parser.feed(path.read_text(encoding="utf-8"))
        yield browser, json.loads(parser.text)
    finally:
        browser.quit()


@pytest.fixture(scope="module")
def model():
    return load_model("entrapment")


@pytest.fixture(scope="module")
def regions(model):
    return equilibrium_regions(model, concept="spe")


def _canvas(browser) -> np.ndarray:
    """The canvas as the browser painted it: an RGB array (rows from the top)."""
    from PIL import Image

    url = browser.execute_script("return document.getElementById('map').toDataURL('image/png');")
    png = base64.b64decode(url.split(",", 1)[1])
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def _expected(model, regions, point):
    """The SPE at ``point`` (labels from the closed forms, checked against the solver)."""
    found = subgame_perfect_equilibria(model.at(**point))
    here = [
        (key, region)
        for key, region in regions.items()
        if region.contains(**{k: v for k, v in point.items() if k in region.parameters})
    ]
    subs = _subs(model, point)
    closed = sorted(tuple(sympy.sympify(p).xreplace(subs) for p in k.payoffs) for k, _ in here)
    solved = sorted(tuple(sympy.Rational(str(v)) for v in eq.exact_payoffs) for eq in found)
    # The closed forms and the solver agree here: the same number of SPE, the same payoffs.
    assert closed == solved, point
    return here, found


def _hex(rgb) -> str:
    return "#" + "".join(f"{int(v):02x}" for v in rgb)


def test_the_slider_redraws_the_map_and_each_frame_shows_the_solvers_regimes(page, model, regions):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser, data = page
    left, top, width, height = json.loads(
        browser.execute_script("return document.getElementById('map').dataset.plot;")
    )
    slider = browser.find_element(By.ID, "slider")
    pictures = []
    regime_at: dict[tuple[Fraction, Fraction], list[frozenset[str]]] = {}
    for f, value in enumerate(SLIDER):
        if f:
            slider.send_keys(Keys.ARROW_RIGHT)
        assert slider.get_attribute("value") == str(f)
        shown = browser.find_element(By.ID, "slider-value").text
        assert shown == f"r_M = {float(value):g}"
        picture = _canvas(browser)
        pictures.append(picture)
        frame = data["frames"][f]
        x0, x1, y0, y1 = (Fraction(str(v)) for v in frame["extent"])
        checked = 0
        for k_P, r_R in LATTICE:
            cx = round(left + width * float((k_P - x0) / (x1 - x0)))
            cy = round(top + height * float(1 - (r_R - y0) / (y1 - y0)))
            square = picture[cy - CLEAR : cy + CLEAR + 1, cx - CLEAR : cx + CLEAR + 1]
            if (square != picture[cy, cx]).any():
                continue  # too near a boundary to say which side the point is on
            colour = _hex(picture[cy, cx])
            assert colour in COLOURS, (f, k_P, r_R, colour)
            # Fewer regimes than colours: a colour names one regime.
            assert len(frame["regimes"]) <= len(COLOURS)
            members = frame["members"][COLOURS.index(colour)]
            here, _ = _expected(model, regions, {"k_P": k_P, "r_R": r_R, "r_M": value})
            assert sorted(members) == sorted(concise_label(key) for key, _ in here), (f, k_P, r_R)
            regime_at.setdefault((k_P, r_R), []).append(frozenset(members))
            checked += 1
        assert checked >= len(LATTICE) // 2, f"frame {f}: only {checked} points clear of lines"
    # Every move of the slider changed the picture ...
    assert all((a != b).any() for a, b in pairwise(pictures))
    # ... and some point changed its regime, as the solver says it does.
    assert any(len(set(seen)) > 1 for seen in regime_at.values())


def test_hover_shows_the_solvers_equilibria_their_payoffs_and_their_conditions(
    page, model, regions
):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser, data = page
    slider = browser.find_element(By.ID, "slider")
    while slider.get_attribute("value") != "2":
        step = Keys.ARROW_RIGHT if int(slider.get_attribute("value")) < 2 else Keys.ARROW_LEFT
        slider.send_keys(step)
    canvas = browser.find_element(By.ID, "map")
    left, top, width, height = json.loads(canvas.get_attribute("data-plot"))
    # Where the pointer really lands (whole CSS pixels of the window, while the canvas may
    # sit at a fractional offset): recorded by a listener of the test's own.
    browser.execute_script(
        "arguments[0].addEventListener('mousemove', function (e) {"
        " window.pointerAt = [e.clientX, e.clientY]; });",
        canvas,
    )
    box = browser.execute_script(
        "const c = arguments[0], r = c.getBoundingClientRect();"
        "return [r.left + c.clientLeft, r.top + c.clientTop, r.width, r.height,"
        " c.clientLeft, c.clientTop];",
        canvas,
    )
    # Aim at the canvas pixel near (k_P, r_R) = (0.78, 0.1); selenium's offsets are from
    # the centre of the element's border box.
    cx, cy = left + 370, top + 333
    dx = round(box[4] + cx - box[2] / 2)
    dy = round(box[5] + cy - box[3] / 2)
    ActionChains(browser).move_to_element_with_offset(canvas, dx, dy).perform()
    info = browser.find_element(By.ID, "info").text
    client = browser.execute_script("return window.pointerAt;")
    px = (Fraction(client[0]) - Fraction(box[0]) - left) / width
    py = 1 - (Fraction(client[1]) - Fraction(box[1]) - top) / height
    assert abs(px * width - 370) <= 1 and abs((1 - py) * height - 333) <= 1
    x0, x1, y0, y1 = (Fraction(str(v)) for v in data["frames"][2]["extent"])
    k_P, r_R = x0 + px * (x1 - x0), y0 + py * (y1 - y0)
    point = {"k_P": k_P, "r_R": r_R, "r_M": SLIDER[2]}
    # The page reads the same point from the cursor (to the 4 digits it shows).
    shown_k, shown_r = (float(t.split("= ")[1]) for t in info.splitlines()[0].split(", "))
    assert shown_k == pytest.approx(float(k_P), rel=1e-3)
    assert shown_r == pytest.approx(float(r_R), rel=1e-3)
    here, found = _expected(model, regions, point)
    assert here, point
    rows = {line.rsplit(" ", 3)[0]: line for line in info.splitlines()}
    for key, region in here:
        label = concise_label(key)
        assert label in rows, (label, info)
        payoffs = [float(v) for v in rows[label].rsplit(" ", 3)[1:]]
        exact = [float(sympy.sympify(p).xreplace(_subs(model, point))) for p in key.payoffs]
        assert payoffs == pytest.approx(exact, rel=1e-5, abs=1e-9)
        # The closed-form condition of the region under the cursor, which holds there.
        assert f"{label} where {region}" in info
    # The solver's equilibria are exactly those the page lists, no more.
    assert len(found) == len(here) == sum(1 for line in info.splitlines() if " where " in line)


def _subs(model, point):
    values = {k: p.default for k, p in model.parameters.items() if p.default is not None}
    values |= point
    # The parameters' own symbols: they carry the domains' assumptions.
    return {model.parameters[k].symbol: sympy.Rational(str(v)) for k, v in values.items()}
