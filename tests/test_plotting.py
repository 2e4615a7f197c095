"""Tests of the region maps."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from gametheory_alliances.catalogue import load_model
from gametheory_alliances.errors import GameError
from gametheory_alliances.plotting import plot_region_map, region_table
from gametheory_alliances.regenerate import regenerate_all
from gametheory_alliances.solvers.vertex_enumeration import nash_equilibria


def _label(eq, game) -> str:
    supports = [[game.strategies[i][k] for k in s] for i, s in enumerate(eq.support)]
    text = "(" + ", ".join("+".join(s) for s in supports) + ")"
    return text if eq.is_pure else "mixed " + text


def test_region_table_gives_each_point_the_set_of_its_equilibria():
    model = load_model("burden-sharing")
    xs, ys, codes, regimes = region_table(model, ("c", 1, 4, 4), "b2=3:6:4")
    assert codes.shape == (4, 4)
    assert regimes == sorted(regimes)
    for iy, b2 in enumerate(ys):
        for ix, c in enumerate(xs):
            game = model.at(b2=Fraction(b2), c=Fraction(c))
            expected = " + ".join(_label(eq, game) for eq in nash_equilibria(game))
            regime = regimes[codes[iy, ix]]
            # A symmetric 2 x 2 game's class is named once in front ("Chicken: ...").
            assert regime == expected or regime.split(": ", 1)[1] == expected


def test_points_outside_the_assumptions_are_blank():
    # burden-sharing assumes b2 >= b1 = 3
    _, ys, codes, _ = region_table("burden-sharing", ("c", 1, 4, 3), ("b2", 2, 4, 3))
    assert (codes[ys < 3] == -1).all()
    assert (codes[ys >= 3] >= 0).all()


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_maps_are_byte_identical_across_runs(tmp_path, suffix):
    args = {"x": ("c", 0.5, 5, 10), "y": ("b2", 3, 8, 11)}
    one, two = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    plot_region_map("burden-sharing", **args, out=one)
    plot_region_map("burden-sharing", **args, out=two)
    assert one.read_bytes() == two.read_bytes()
    assert one.stat().st_size > 1000


def test_map_has_numbered_regions_and_a_legend():
    fig = plot_region_map("chicken", x=("P", -20, -2, 5), y=("S", -1.5, -0.5, 3), method="numeric")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.texts] == ["1"]
    legend = fig.legends[0]
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels[0].startswith("1: Chicken: (Straight, Swerve) + (Swerve, Straight) + mixed")
    assert ax.get_xlabel() == "P" and ax.get_ylabel() == "S"


def test_bad_axes_and_formats_raise_game_errors(tmp_path):
    with pytest.raises(GameError, match="different parameters"):
        region_table("chicken", ("P", -3, -2, 2), ("P", -3, -2, 2))
    with pytest.raises(GameError, match="NAME=START:STOP:NUM"):
        region_table("chicken", "P", ("S", -1, -0.5, 2))
    with pytest.raises(GameError, match=r"png or \.svg"):
        plot_region_map("chicken", ("P", -3, -2, 2), ("S", -1, -0.5, 2), out=tmp_path / "m.pdf")


def test_regenerate_all_draws_the_default_map_of_two_parameter_grids(tmp_path):
    files = regenerate_all(tmp_path, ["burden-sharing", "chicken"])
    names = [f.name for f in files]
    assert "burden-sharing.png" in names  # a two-parameter default grid
    assert "chicken.png" not in names  # a one-parameter default grid
    assert "[burden-sharing.png](burden-sharing.png)" in (tmp_path / "index.md").read_text()
    assert np.frombuffer((tmp_path / "burden-sharing.png").read_bytes()[:8], np.uint8)[1] == ord(
        "P"
    )
