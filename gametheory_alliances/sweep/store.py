"""Running a sweep's chunks: locally, on processes or on Dask, with checkpoints on disk.

The grid is cut into chunks (:func:`chunk_bounds`); :func:`run_chunks` solves
them in this process, on local processes or on a Dask cluster
(:func:`connect_scheduler`), and :class:`ChunkStore` keeps the finished
chunks beside the output Parquet file with a checkpoint, so that an
interrupted sweep resumes. :class:`ProgressBar` reports on stderr.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import sys
import threading
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..errors import ExecutionError, GameError
from .plan import SweepPlan

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "CHECKPOINT_VERSION",
    "DEFAULT_CHUNK_SIZE",
    "ROW_GROUP_ROWS",
    "ChunkStore",
    "OutputLock",
    "ProgressBar",
    "atomic_output",
    "check_output_folder",
    "check_sweep_out",
    "chunk_bounds",
    "connect_scheduler",
    "run_chunks",
    "sweep_to_parquet",
]


DEFAULT_CHUNK_SIZE = 20_000
"""Points per chunk: bounds the memory of the kernels and the work lost to an interruption."""


def _solve_chunk(plan: SweepPlan, start: int, stop: int) -> pd.DataFrame:
    """Solve one chunk (a module-level function so that processes and Dask can run it)."""
    return plan.solve(start, stop)


_SCHEMES = ("tcp", "tls", "inproc")
"""The Dask protocols ``--scheduler`` accepts (others need extra packages and set-up;
``inproc`` is a cluster in this process, as ``LocalCluster(processes=False)`` makes)."""


def connect_scheduler(address: str, timeout: float = 10.0) -> Any:
    """A ``dask.distributed.Client`` for the scheduler at ``address`` (``gta table --scheduler``).

    ``address`` is ``tcp://HOST:PORT``, ``tls://HOST:PORT`` or ``HOST:PORT``.
    The connection, handshake included, is given ``timeout`` seconds (and a
    little grace): a listener that accepts and never answers, or answers
    with something other than Dask, is reported, not waited on.

    Raises
    ------
    GameError
        An empty or malformed address, an unsupported protocol, Dask not
        installed (the ``dask`` extra), or no Dask scheduler answering at
        ``address`` in time.

    Examples
    --------
    >>> connect_scheduler("")
    Traceback (most recent call last):
    ...
    gametheory_alliances.errors.GameError: --scheduler: the address is empty; expected tcp://HOST:PORT
    """
    if not isinstance(address, str) or not address.strip():
        raise GameError("--scheduler: the address is empty; expected tcp://HOST:PORT")
    address = address.strip()
    scheme, sep, rest = address.rpartition("://")
    if sep and scheme not in _SCHEMES:
        raise GameError(
            f"--scheduler {address!r}: unsupported protocol {scheme!r}; expected "
            "tcp://HOST:PORT or tls://HOST:PORT"
        )
    host, colon, port = rest.rpartition(":")
    if scheme != "inproc" and (
        not colon or not host or not port.isdigit() or not 0 < int(port) < 65536
    ):
        raise GameError(f"--scheduler {address!r}: expected tcp://HOST:PORT (a port 1-65535)")
    try:
        from dask.distributed import Client
    except ImportError:
        raise GameError(
            "--scheduler needs Dask: pip install 'gametheory-alliances[dask]'"
        ) from None
    outcome: dict[str, Any] = {}

    def connect() -> None:
        try:
            outcome["client"] = Client(address, timeout=f"{timeout}s")
        except BaseException as exc:  # reported by the caller, in its thread
            outcome["error"] = exc

    # Dask's own timeout does not bound a handshake that never comes: a thread does.
    thread = threading.Thread(target=connect, name="gta-connect-scheduler", daemon=True)
    thread.start()
    thread.join(timeout + 1.0)
    if thread.is_alive():
        raise GameError(
            f"cannot reach the Dask scheduler at {address!r}: no Dask answer within "
            f"{timeout:g} s (is a Dask scheduler listening there?)"
        )
    if "error" in outcome:
        exc = outcome["error"]
        if not isinstance(exc, Exception):
            raise exc
        message = " ".join(str(exc).split()) or type(exc).__name__
        raise GameError(
            f"cannot reach the Dask scheduler at {address!r}: {type(exc).__name__}: {message}"
        )
    return outcome["client"]


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
    """Yield ``(chunk index, rows)`` as chunks finish (in any order).

    A lost cluster (workers or scheduler gone) or a killed local process
    ends the run with :class:`~gametheory_alliances.errors.ExecutionError`,
    naming the address or the process pool; the chunks yielded before it
    are complete (a sweep with ``out`` has them on disk, and resumes).
    Errors of the sweep itself (a :class:`GameError` in a chunk) pass through.
    """
    if client is not None:
        yield from _run_on_dask(plan, bounds, todo, client)
        return
    if processes is not None and processes > 1 and len(todo) > 1:
        with ProcessPoolExecutor(max_workers=processes) as pool:
            jobs = {pool.submit(_solve_chunk, plan, *bounds[i]): i for i in todo}
            try:
                for job in as_completed(jobs):
                    yield jobs[job], job.result()
            except BrokenProcessPool as exc:
                raise ExecutionError(
                    f"sweep: a local worker process died ({exc}); the chunks finished before "
                    "are kept with out= (run the same sweep again to resume)"
                ) from None
        return
    for i in todo:
        yield i, _solve_chunk(plan, *bounds[i])


def _run_on_dask(
    plan: SweepPlan, bounds: list[tuple[int, int]], todo: list[int], client: Any
) -> Iterator[tuple[int, pd.DataFrame]]:
    from dask.distributed import as_completed as dask_completed

    address = "(address unknown)"
    for owner, name in (
        (getattr(client, "scheduler", None), "address"),
        (getattr(client, "cluster", None), "scheduler_address"),
    ):
        found = getattr(owner, name, None)
        if found:
            address = str(found)
            break
    try:
        remote_plan = client.scatter(plan, broadcast=True)
        futures = {
            client.submit(_solve_chunk, remote_plan, *bounds[i], pure=False): i for i in todo
        }
        for fut in dask_completed(list(futures)):
            rows = fut.result()
            yield futures[fut], rows
    except GameError:
        raise
    except Exception as exc:  # Dask has many ways to lose workers and schedulers
        message = " ".join(str(exc).split()) or type(exc).__name__
        raise ExecutionError(
            f"sweep: the Dask cluster at {address} failed: {type(exc).__name__}: {message}; "
            "the chunks finished before are kept with out= (run the same sweep again to resume)"
        ) from None


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


# -- files written whole or not at all ---------------------------------------------------


def check_output_folder(path: Path, who: str) -> None:
    """Refuse an output ``path`` whose folder is missing or not writable, before any work.

    Raises
    ------
    GameError
        Naming ``path`` and what is wrong with it.
    """
    folder = path.parent
    if path.is_dir():
        raise GameError(f"{who}: cannot write {str(path)!r}: it is a folder, expected a file")
    if not folder.is_dir():
        raise GameError(
            f"{who}: cannot write {str(path)!r}: the folder {str(folder)!r} does not exist"
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise GameError(
            f"{who}: cannot write {str(path)!r}: the folder {str(folder)!r} is not writable"
        )


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """A temporary path in ``path``'s folder, renamed onto ``path`` when the block succeeds.

    The file at ``path`` is therefore either the old one or the complete new
    one, never a part: a kill or an error while writing leaves the old file
    intact (the temporary file is removed on an error; a kill leaves a hidden
    ``.NAME.*.tmp`` beside it).
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# -- one writer per output ---------------------------------------------------------------


def _pid_alive(pid: int) -> bool:
    """Whether a process ``pid`` runs on this machine (assumed so where it cannot be told)."""
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill would signal the process there, not probe it
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


class OutputLock:
    """``OUT.lock`` beside a sweep's output: one sweep writes ``OUT`` (and ``OUT.parts``) at a time.

    The lock file is created with ``O_CREAT | O_EXCL`` and holds the owner's
    process id; a lock whose process no longer runs (a killed sweep) is taken
    over.
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        self.path = out.with_name(out.name + ".lock")
        self.held = False

    def _owner(self) -> int | None:
        try:
            return int(self.path.read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            return None

    def acquire(self) -> None:
        """Take the lock, or raise :class:`GameError` naming the sweep that holds it."""
        for _ in range(3):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                owner = self._owner()
                if owner is not None and _pid_alive(owner):
                    raise GameError(
                        f"sweep: another sweep (process {owner}) is writing {str(self.out)!r}; "
                        f"wait for it to finish (or delete {str(self.path)!r} if that process "
                        "is not a sweep)"
                    ) from None
                self.path.unlink(missing_ok=True)  # the lock of a sweep that was killed
                continue
            except OSError as exc:
                raise GameError(
                    f"sweep: cannot create the lock {str(self.path)!r}: {exc.strerror}"
                ) from None
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(f"{os.getpid()}\n")
            self.held = True
            return
        raise GameError(
            f"sweep: cannot take the lock {str(self.path)!r}; another sweep is starting"
        )

    def release(self) -> None:
        """Remove the lock file if this process holds it."""
        if self.held and self._owner() == os.getpid():
            self.path.unlink(missing_ok=True)
        self.held = False


# -- the chunk store -------------------------------------------------------------------------

CHECKPOINT_VERSION = 2
"""The layout of ``checkpoint.json`` (version 1, without chunk hashes, is recomputed)."""

ROW_GROUP_ROWS = 65_536
"""Rows per row group of a sweep's Parquet output: fixed, so the bytes do not depend on the chunk size."""

_HEX = frozenset("0123456789abcdef")


def _checkpoint_problem(state: Any, n_chunks: int) -> str | None:
    """What is wrong with a version-2 checkpoint's fields (``None``: nothing)."""

    def whole(x: Any) -> bool:
        return isinstance(x, int) and not isinstance(x, bool)

    if not isinstance(state.get("fingerprint"), str):
        return "'fingerprint' is not a string"
    if not whole(state.get("n_chunks")):
        return "'n_chunks' is not an integer"
    completed = state.get("completed")
    if not isinstance(completed, list) or not all(whole(i) for i in completed):
        return "'completed' is not a list of chunk numbers"
    chunks = state.get("chunks")
    if not isinstance(chunks, dict):
        return "'chunks' is not an object"
    if {str(i) for i in completed} != set(chunks) or len(set(completed)) != len(completed):
        return "'completed' and 'chunks' list different chunks"
    for key, entry in chunks.items():
        if not key.isdigit() or not 0 <= int(key) < n_chunks:
            return f"chunk {key!r} is not a chunk of this sweep"
        if not isinstance(entry, dict) or not all(
            whole(entry.get(k)) and entry[k] >= 0 for k in ("start", "stop", "rows", "exact_points")
        ):
            return f"chunk {key}: 'start', 'stop', 'rows' and 'exact_points' must be integers"
        digest = entry.get("sha256")
        if not isinstance(digest, str) or len(digest) != 64 or not set(digest) <= _HEX:
            return f"chunk {key}: 'sha256' is not a SHA-256 hex digest"
    return None


class ChunkStore:
    """Finished chunks on disk beside ``out`` (``OUT.parts/``), with a checkpoint.

    ``checkpoint.json`` holds the plan's fingerprint (a SHA-256 of the game,
    grid and options), the number of chunks, the finished chunks and, for
    each, its point range, row count, exact points and a SHA-256 of its file
    salted with the fingerprint, its number and its point range. On resume
    every finished chunk is checked against it: a chunk changed on disk
    (bytes flipped, truncated, emptied, or another chunk's file copied over
    it) is recomputed, with a warning. The store holds :class:`OutputLock`
    from its creation to :meth:`release`.
    """

    def __init__(
        self, out: Path, fingerprint: str, bounds: list[tuple[int, int]], resume: bool
    ) -> None:
        self.out = out
        self.parts = out.with_name(out.name + ".parts")
        self.checkpoint = self.parts / "checkpoint.json"
        self.fingerprint = fingerprint
        self.bounds = bounds
        self.n_chunks = len(bounds)
        self.chunks: dict[int, dict[str, Any]] = {}
        self.lock = OutputLock(out)
        self.lock.acquire()
        try:
            if self.parts.exists() and not resume:
                shutil.rmtree(self.parts)
            if self.checkpoint.exists():
                self._load()
            self.parts.mkdir(parents=True, exist_ok=True)
            self._save()
        except OSError as exc:
            self.lock.release()
            raise GameError(
                f"sweep: cannot keep the chunks of {str(out)!r} in {str(self.parts)!r}: "
                f"{exc.strerror or exc}"
            ) from None
        except BaseException:
            self.lock.release()
            raise

    @property
    def completed(self) -> set[int]:
        """The chunks finished and verified."""
        return set(self.chunks)

    def part(self, i: int) -> Path:
        """The file of chunk ``i``."""
        return self.parts / f"chunk-{i:06d}.parquet"

    def _refuse(self, problem: str) -> GameError:
        return GameError(
            f"sweep: the checkpoint {str(self.checkpoint)!r} is malformed ({problem}); "
            f"delete {str(self.parts)!r} or pass resume=False to start over"
        )

    def _load(self) -> None:
        try:
            state = json.loads(self.checkpoint.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError) as exc:
            raise self._refuse(f"unreadable: {exc}") from None
        if not isinstance(state, dict):
            raise self._refuse(f"a JSON {type(state).__name__}, expected an object")
        version = state.get("version", 1)
        if version not in (1, CHECKPOINT_VERSION):
            raise self._refuse(f"unknown version {version!r}")
        if state.get("fingerprint") != self.fingerprint or state.get("n_chunks") != self.n_chunks:
            raise GameError(
                f"sweep: {self.parts} holds a partial sweep of a different game, grid or "
                "options; refusing to resume it (delete that folder or pass resume=False)"
            )
        if version == 1:
            return  # chunks without hashes cannot be verified: computed again
        problem = _checkpoint_problem(state, self.n_chunks)
        if problem is not None:
            raise self._refuse(problem)
        damaged = []
        for key, entry in state["chunks"].items():
            i = int(key)
            if (entry["start"], entry["stop"]) == self.bounds[i] and self._intact(
                i, entry["sha256"]
            ):
                self.chunks[i] = entry
            else:
                damaged.append(i)
                self.part(i).unlink(missing_ok=True)
        if damaged:
            ranges = ", ".join(
                f"{i} (points {self.bounds[i][0]}-{self.bounds[i][1] - 1})" for i in sorted(damaged)
            )
            warnings.warn(
                f"sweep: chunk{'s' if len(damaged) > 1 else ''} {ranges} of {self.parts} "
                "went missing or changed on disk since they were written; computing them again",
                RuntimeWarning,
                stacklevel=4,
            )

    def _digest(self, i: int, path: Path) -> str:
        start, stop = self.bounds[i]
        digest = hashlib.sha256(f"{self.fingerprint}:{i}:{start}:{stop}\n".encode())
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()

    def _intact(self, i: int, sha256: str) -> bool:
        try:
            return self.part(i).is_file() and self._digest(i, self.part(i)) == sha256
        except OSError:
            return False

    def _save(self) -> None:
        state = {
            "version": CHECKPOINT_VERSION,
            "fingerprint": self.fingerprint,
            "n_chunks": self.n_chunks,
            "completed": sorted(self.chunks),
            "chunks": {str(i): self.chunks[i] for i in sorted(self.chunks)},
        }
        tmp = self.checkpoint.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, self.checkpoint)

    def add(self, i: int, frame: pd.DataFrame) -> None:
        """Store chunk ``i`` and record it (with its hash) in the checkpoint."""
        tmp = self.part(i).with_suffix(".tmp")
        frame.to_parquet(tmp, index=False)
        sha256 = self._digest(i, tmp)
        os.replace(tmp, self.part(i))
        start, stop = self.bounds[i]
        self.chunks[i] = {
            "start": start,
            "stop": stop,
            "rows": len(frame),
            "exact_points": int(frame.attrs.get("exact_points", 0)),
            "sha256": sha256,
        }
        self._save()

    def read(self, i: int) -> pd.DataFrame:
        """Chunk ``i``'s rows."""
        return pd.read_parquet(self.part(i))

    @property
    def exact_points(self) -> int:
        """The points solved exactly, over every chunk (of this run and the earlier ones)."""
        return sum(int(entry["exact_points"]) for entry in self.chunks.values())

    def write_output(self, transform: Callable[[pd.DataFrame], pd.DataFrame] | None = None) -> int:
        """Write every chunk, in order, to ``out`` (streamed; atomic) and remove the parts.

        ``transform`` is applied to each chunk's rows first. At most one
        chunk and one row group (:data:`ROW_GROUP_ROWS` rows) are in memory
        at a time. Returns the number of rows written.
        """
        import pyarrow as pa
        import pyarrow.parquet as pq

        attrs = json.dumps({"exact_points": self.exact_points}).encode()
        writer: pq.ParquetWriter | None = None
        schema: pa.Schema | None = None
        pending: list[pa.Table] = []
        buffered = rows = 0

        def flush(n: int) -> None:
            nonlocal pending, buffered
            assert writer is not None
            joined = pa.concat_tables(pending)
            writer.write_table(joined.slice(0, n).combine_chunks(), row_group_size=n)
            rest = joined.slice(n)
            pending = [rest] if rest.num_rows else []
            buffered -= n

        with atomic_output(self.out) as tmp:
            try:
                for i in range(self.n_chunks):
                    frame = self.read(i)
                    if transform is not None:
                        frame = transform(frame)
                    frame.attrs = {}
                    table = pa.Table.from_pandas(frame, preserve_index=False)
                    del frame
                    if schema is None:
                        schema = table.schema.with_metadata(
                            {**(table.schema.metadata or {}), b"PANDAS_ATTRS": attrs}
                        )
                    if table.num_rows == 0:
                        continue
                    if writer is None:
                        # The first chunk with rows gives the column types (an empty chunk's
                        # text columns have none).
                        schema = table.schema.with_metadata(
                            {**(table.schema.metadata or {}), b"PANDAS_ATTRS": attrs}
                        )
                        writer = pq.ParquetWriter(tmp, schema)
                    pending.append(self._conform(table, schema, i))
                    buffered += table.num_rows
                    rows += table.num_rows
                    while buffered >= ROW_GROUP_ROWS:
                        flush(ROW_GROUP_ROWS)
                if writer is None:
                    assert schema is not None
                    writer = pq.ParquetWriter(tmp, schema)
                if buffered:
                    flush(buffered)
            finally:
                if writer is not None:
                    writer.close()
        shutil.rmtree(self.parts)
        return rows

    def _conform(self, table: pa.Table, schema: pa.Schema, i: int) -> pa.Table:
        import pyarrow as pa

        table = table.replace_schema_metadata(schema.metadata)
        if table.schema.equals(schema):
            return table
        try:
            return table.cast(schema)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, TypeError, ValueError) as exc:
            raise GameError(
                f"sweep: chunk {i} of {self.parts} has columns of other types than the "
                f"chunks before it ({exc})"
            ) from None

    def release(self) -> None:
        """Let another sweep write ``out``."""
        self.lock.release()


def sweep_to_parquet(
    plan: SweepPlan,
    bounds: list[tuple[int, int]],
    out: Path,
    fingerprint: str,
    *,
    resume: bool,
    processes: int | None,
    client: Any,
    bar: ProgressBar,
    transform: Callable[[pd.DataFrame], pd.DataFrame] | None,
    load: bool,
) -> pd.DataFrame:
    """Run a sweep's chunks into a :class:`ChunkStore` and write its table to ``out``.

    Finished chunks go to disk as they come (in any order) and are not kept;
    the table is then streamed to ``out`` in chunk order. Returns the table
    read back from ``out`` (``load``) or, without ``load``, an empty frame
    with its columns; ``attrs`` has ``exact_points`` (every chunk's, earlier
    runs' included) and, without ``load``, ``rows``.
    """
    store = ChunkStore(out, fingerprint, bounds, resume)
    try:
        todo = [i for i in range(len(bounds)) if i not in store.chunks]
        bar.update(len(bounds) - len(todo))
        try:
            for i, frame in run_chunks(plan, bounds, todo, processes, client):
                store.add(i, frame)
                bar.update()
        finally:
            bar.close()
        exact_points = store.exact_points
        rows = store.write_output(transform)
    finally:
        store.release()
    if load:
        result = pd.read_parquet(out)
        result.attrs = {"exact_points": exact_points}
        return result
    import pyarrow.parquet as pq

    result = pq.read_schema(out).empty_table().to_pandas()
    result.attrs = {"exact_points": exact_points, "rows": rows}
    return result


def check_sweep_out(out: str | os.PathLike[str]) -> Path:
    """``out`` as a path, checked before a sweep starts: a ``.parquet`` file in a writable folder.

    Raises
    ------
    GameError
        Another extension, a missing or read-only folder.
    """
    path = Path(out)
    if path.suffix != ".parquet":
        raise GameError(f"sweep: out must be a .parquet path, found {str(out)!r}")
    check_output_folder(path, "sweep")
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise GameError(
            "sweep: writing Parquet needs pyarrow: pip install 'gametheory-alliances[parquet]'"
        ) from None
    return path
