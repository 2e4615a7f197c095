"""The wheel ships the model catalogue, so that models load after `pip install .`."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_contains_every_model_file_and_example_game(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        f"gametheory_alliances/models/{p.relative_to(ROOT / 'models').as_posix()}"
        for p in (ROOT / "models").rglob("*")
        if p.is_file()
    }
    assert shipped and shipped <= names
