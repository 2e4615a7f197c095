"""The tutorial's figure, drawn when the documentation is built.

The docs build calls :func:`build` (see ``model_pages_figures`` in
``docs/conf.py``), so the picture on the tutorial page is drawn by the same
call the page shows and cannot drift from the code.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

MAPS = {"commitment-map.png": ("r=0:3:61", "k=0.5:3:51", {"v": 1})}
"""Each figure: its file name, the x and y grids and the fixed parameters."""


def build(outdir: Path) -> list[Path]:
    """Draw the tutorial's region maps into ``outdir`` and return their paths.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [p.name for p in build(Path(folder)) if p.stat().st_size > 10_000]
    ['commitment-map.png']
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import gametheory_alliances as gta
    from gametheory_alliances.plotting import plot_region_map

    outdir.mkdir(parents=True, exist_ok=True)
    model = gta.load_model(HERE / "commitment.toml")
    written = []
    for name, (x, y, fixed) in MAPS.items():
        figure = plot_region_map(model, x, y, fixed=fixed, out=outdir / name)
        plt.close(figure)
        written.append(outdir / name)
    return written
