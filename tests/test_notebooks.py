"""The documentation notebooks run without errors and still print what they were committed with.

Each notebook in ``docs/notebooks`` is executed from a fresh copy (in a
scratch working directory) and its text outputs are compared, cell by cell,
with the committed ones: printed text (streams, with consecutive chunks of
the same stream joined, since the kernel may split them anywhere), the
``text/plain`` form of every result and display, and error tracebacks.
Image data, rich HTML/LaTeX forms and execution counts are not compared.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import nbclient
import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "docs" / "notebooks").glob("*.ipynb"))

CELL_TIMEOUT = 120
"""Seconds a single cell may run."""


def text_outputs(cell: Any) -> list[tuple[str, str]]:
    """The comparable text of a code cell's outputs, in order."""
    found: list[tuple[str, str]] = []
    for out in cell.get("outputs", []):
        kind = out["output_type"]
        if kind == "stream":
            if found and found[-1][0] == f"stream:{out['name']}":
                found[-1] = (found[-1][0], found[-1][1] + out["text"])
            else:
                found.append((f"stream:{out['name']}", out["text"]))
        elif kind in ("execute_result", "display_data"):
            found.append((kind, out.get("data", {}).get("text/plain", "")))
        elif kind == "error":
            found.append(("error", f"{out['ename']}: {out['evalue']}"))
    return found


def test_notebooks_are_present() -> None:
    """The documentation ships its notebooks (the parametrised test below would be empty)."""
    assert len(NOTEBOOKS) >= 2, NOTEBOOKS


def test_text_outputs_join_split_streams() -> None:
    """Chunks of one stream are joined; results are compared by their text/plain form only."""
    cell = nbformat.v4.new_code_cell("print(1); print(2); 3")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="1\n"),
        nbformat.v4.new_output("stream", name="stdout", text="2\n"),
        nbformat.v4.new_output("execute_result", data={"text/plain": "3", "image/png": "AAAA"}),
    ]
    assert text_outputs(cell) == [("stream:stdout", "1\n2\n"), ("execute_result", "3")]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_and_reproduces_its_outputs(path: Path, tmp_path: Path) -> None:
    """Every cell runs, and every cell prints exactly what the committed notebook shows."""
    committed = nbformat.read(path, as_version=4)
    fresh = copy.deepcopy(committed)
    for cell in fresh.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    client = nbclient.NotebookClient(
        fresh,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        allow_errors=False,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()
    assert len(fresh.cells) == len(committed.cells)
    for k, (new, old) in enumerate(zip(fresh.cells, committed.cells, strict=True)):
        if new.cell_type != "code":
            continue
        assert old.get("outputs") is not None, f"{path.name}: cell {k} has no committed outputs"
        assert text_outputs(new) == text_outputs(old), (
            f"{path.name}: cell {k} printed something else than the committed notebook:\n"
            f"{new.source}"
        )
