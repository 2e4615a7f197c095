"""Running a sweep's chunks: locally, on processes or on Dask, with checkpoints on disk.

The grid is cut into chunks (:func:`chunk_bounds`); :func:`run_chunks` solves
them in this process, on local processes or on a Dask cluster
(:func:`connect_scheduler`), and :class:`ChunkStore` keeps the finished
chunks beside the output Parquet file with a checkpoint, so that an
interrupted sweep resumes. :class:`ProgressBar` reports on stderr.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import GameError
from .plan import SweepPlan

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "ChunkStore",
    "ProgressBar",
    "chunk_bounds",
    "connect_scheduler",
    "run_chunks",
]


DEFAULT_CHUNK_SIZE = 20_000
"""Points per chunk: bounds the memory of the kernels and the work lost to an interruption."""


def _solve_chunk(plan: SweepPlan, start: int, stop: int) -> pd.DataFrame:
    """Solve one chunk (a module-level function so that processes and Dask can run it)."""
    return plan.solve(start, stop)


def connect_scheduler(address: str, timeout: float = 10.0) -> Any:
    """A ``dask.distributed.Client`` for the scheduler at ``address`` (``gta table --scheduler``).

    ``timeout`` is in seconds.

    Raises
    ------
    GameError
        When Dask is not installed (the ``dask`` extra) or the scheduler
        cannot be reached.
    """
    try:
        from dask.distributed import Client
    except ImportError:
        raise GameError(
            "--scheduler needs Dask: pip install 'gametheory-alliances[dask]'"
        ) from None
    try:
        return Client(address, timeout=f"{timeout}s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise GameError(f"cannot reach the Dask scheduler at {address!r}: {exc}") from None


def chunk_bounds(n_points: int, chunk_size: int) -> list[tuple[int, int]]:
    """The ``(start, stop)`` point ranges of the chunks of a grid of ``n_points`` points."""
    return [(s, min(s + chunk_size, n_points)) for s in range(0, n_points, chunk_size)]


def run_chunks(
    plan: SweepPlan,
    bounds: list[tuple[int, int]],
    todo: list[int],
    processes: int | None,
    client: Any,
) -> Iterator[tuple[int, pd.DataFrame]]:
    """Yield ``(chunk index, rows)`` as chunks finish (in any order)."""
    if client is not None:
        from dask.distributed import as_completed as dask_completed

        remote_plan = client.scatter(plan, broadcast=True)
        futures = {
            client.submit(_solve_chunk, remote_plan, *bounds[i], pure=False): i for i in todo
        }
        for fut in dask_completed(list(futures)):
            yield futures[fut], fut.result()
        return
    if processes is not None and processes > 1 and len(todo) > 1:
        with ProcessPoolExecutor(max_workers=processes) as pool:
            jobs = {pool.submit(_solve_chunk, plan, *bounds[i]): i for i in todo}
            for job in as_completed(jobs):
                yield jobs[job], job.result()
        return
    for i in todo:
        yield i, _solve_chunk(plan, *bounds[i])


class ProgressBar:
    """A minimal progress bar on stderr."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total = total
        self.done = 0
        self.enabled = enabled and total > 0

    def update(self, k: int = 1) -> None:
        self.done += k
        if self.enabled:
            width = 30
            filled = width * self.done // self.total
            sys.stderr.write(
                f"\rsweep [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} chunks"
            )
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
            sys.stderr.flush()


class ChunkStore:
    """Finished chunks on disk beside ``out``, with a checkpoint."""

    def __init__(self, out: Path, fingerprint: str, n_chunks: int, resume: bool) -> None:
        self.out = out
        self.parts = out.with_name(out.name + ".parts")
        self.checkpoint = self.parts / "checkpoint.json"
        self.fingerprint = fingerprint
        self.n_chunks = n_chunks
        self.completed: set[int] = set()
        if self.parts.exists() and not resume:
            shutil.rmtree(self.parts)
        if self.checkpoint.exists():
            try:
                state = json.loads(self.checkpoint.read_text())
            except (OSError, ValueError) as exc:
                raise GameError(
                    f"sweep: the checkpoint {self.checkpoint} is unreadable ({exc}); "
                    "delete it or pass resume=False"
                ) from None
            if state.get("fingerprint") != fingerprint or state.get("n_chunks") != n_chunks:
                raise GameError(
                    f"sweep: {self.parts} holds a partial sweep of a different game, grid or "
                    "options; refusing to resume it (delete that folder or pass resume=False)"
                )
            self.completed = {
                int(i) for i in state.get("completed", []) if self.part(int(i)).exists()
            }
        self.parts.mkdir(parents=True, exist_ok=True)
        self._save()

    def part(self, i: int) -> Path:
        return self.parts / f"chunk-{i:06d}.parquet"

    def _save(self) -> None:
        state = {
            "fingerprint": self.fingerprint,
            "n_chunks": self.n_chunks,
            "completed": sorted(self.completed),
        }
        tmp = self.checkpoint.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, indent=1) + "\n")
        os.replace(tmp, self.checkpoint)

    def add(self, i: int, frame: pd.DataFrame) -> None:
        tmp = self.part(i).with_suffix(".tmp")
        frame.to_parquet(tmp, index=False)
        os.replace(tmp, self.part(i))
        self.completed.add(i)
        self._save()

    def read(self, i: int) -> pd.DataFrame:
        return pd.read_parquet(self.part(i))

    def finish(self, frame: pd.DataFrame) -> None:
        tmp = self.out.with_name(self.out.name + ".tmp")
        frame.to_parquet(tmp, index=False)
        os.replace(tmp, self.out)
        shutil.rmtree(self.parts)
