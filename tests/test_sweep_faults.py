"""Faults a stored sweep survives (issue 21): damaged chunks, malformed checkpoints, two
writers, kills, failing writers and bad output paths. Every outcome is the exact table
of an uninterrupted run or a clear error of our own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import gametheory_alliances
import gametheory_alliances.sweep.store as store_mod
import gametheory_alliances.sweep.tables as tables_mod
from gametheory_alliances.catalogue import load_model
from gametheory_alliances.cli import main
from gametheory_alliances.errors import GameError
from gametheory_alliances.sweep import sweep, write_table
from gametheory_alliances.sweep.tables import sweep_table, write_parquet_as

REAL_SOLVE = store_mod._solve_chunk
GRID = {"b2": "3:8:11", "c": "0.5:5:10"}  # 110 points: 11 chunks of 10
CHUNK = 10


class Interrupt(Exception):
    pass


@pytest.fixture(scope="module")
def model():
    return load_model("burden-sharing")


@pytest.fixture(scope="module")
def fresh(model, tmp_path_factory):
    """The uninterrupted run: its table and the bytes of its Parquet file."""
    out = tmp_path_factory.mktemp("fresh") / "fresh.parquet"
    df = sweep(model, GRID, chunk_size=CHUNK, out=out)
    assert df.attrs["exact_points"] > 0  # so that counting them over runs is tested
    return df, out.read_bytes()


def interrupt_after(monkeypatch, k: int) -> list[int]:
    """Make the sweep stop with :class:`Interrupt` after ``k`` chunks; the chunks computed."""
    computed: list[int] = []

    def solve(plan, start, stop):
        if len(computed) >= k:
            raise Interrupt
        computed.append(start // CHUNK)
        return REAL_SOLVE(plan, start, stop)

    monkeypatch.setattr(store_mod, "_solve_chunk", solve)
    return computed


def count_chunks(monkeypatch) -> list[int]:
    """Record the chunks the next sweep computes."""
    return interrupt_after(monkeypatch, 10**9)


def stop_after(model, monkeypatch, out: Path, k: int) -> Path:
    """A sweep to ``out`` interrupted after ``k`` chunks; its parts folder."""
    interrupt_after(monkeypatch, k)
    with pytest.raises(Interrupt):
        sweep(model, GRID, chunk_size=CHUNK, out=out)
    parts = out.with_name(out.name + ".parts")
    assert len(list(parts.glob("chunk-*.parquet"))) == k
    assert not out.exists() and not out.with_name(out.name + ".lock").exists()
    return parts


def assert_exact_table(df: pd.DataFrame, out: Path, fresh) -> None:
    table, data = fresh
    pd.testing.assert_frame_equal(df, table)
    assert df.attrs == table.attrs
    assert out.read_bytes() == data  # byte-identical, metadata included


# -- damaged chunks are recomputed -------------------------------------------------------


def flip_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(b ^ 0xFF for b in data[middle : middle + 64])
    path.write_bytes(bytes(data))


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def empty(path: Path) -> None:
    path.write_bytes(b"")


def copy_chunk_0(path: Path) -> None:
    path.write_bytes((path.parent / "chunk-000000.parquet").read_bytes())


def remove(path: Path) -> None:
    path.unlink()


@pytest.mark.parametrize("damage", [flip_middle, truncate, empty, copy_chunk_0, remove])
def test_a_damaged_chunk_is_recomputed_and_the_table_is_exact(
    model, fresh, tmp_path, monkeypatch, damage
):
    out = tmp_path / "t.parquet"
    parts = stop_after(model, monkeypatch, out, 4)
    damage(parts / "chunk-000002.parquet")
    computed = count_chunks(monkeypatch)
    with pytest.warns(RuntimeWarning, match=r"chunk 2 \(points 20-29\).*computing them again"):
        df = sweep(model, GRID, chunk_size=CHUNK, out=out)
    assert sorted(computed) == [2, *range(4, 11)]
    assert_exact_table(df, out, fresh)
    assert not parts.exists()


def test_every_single_bit_flip_of_a_chunk_is_caught(model, tmp_path, monkeypatch):
    out = tmp_path / "t.parquet"
    parts = stop_after(model, monkeypatch, out, 2)
    chunk = parts / "chunk-000001.parquet"
    original = chunk.read_bytes()
    fingerprint = json.loads((parts / "checkpoint.json").read_text())["fingerprint"]
    bounds = store_mod.chunk_bounds(110, CHUNK)
    for at in range(0, len(original), max(1, len(original) // 40)):
        flipped = bytearray(original)
        flipped[at] ^= 1 << (at % 8)
        chunk.write_bytes(bytes(flipped))
        with pytest.warns(RuntimeWarning, match="chunk 1 "):
            store = store_mod.ChunkStore(out, fingerprint, bounds, resume=True)
        store.release()
        assert store.completed == {0}, f"a flipped bit at byte {at} went unnoticed"
        chunk.write_bytes(original)
        store.add(1, pd.read_parquet(chunk))  # restore the checkpoint's record of chunk 1


def test_the_checkpoint_records_a_hash_and_the_range_of_every_chunk(model, tmp_path, monkeypatch):
    parts = stop_after(model, monkeypatch, tmp_path / "t.parquet", 3)
    state = json.loads((parts / "checkpoint.json").read_text())
    assert state["completed"] == [0, 1, 2]
    assert set(state["chunks"]) == {"0", "1", "2"}
    for key, entry in state["chunks"].items():
        assert (entry["start"], entry["stop"]) == (int(key) * CHUNK, int(key) * CHUNK + CHUNK)
        assert len(entry["sha256"]) == 64 and entry["rows"] > 0


# -- malformed checkpoints ----------------------------------------------------------------


def _rewrite(state: dict, **changes) -> str:
    return json.dumps({**state, **changes})


@pytest.mark.parametrize(
    ("edit", "fragment"),
    [
        (lambda s: "{not json", "unreadable"),
        (lambda s: "\xff\xfe", "unreadable"),
        (lambda s: "[1, 2, 3]", "expected an object"),
        (lambda s: _rewrite(s, version="2"), "unknown version"),
        (lambda s: _rewrite(s, completed="0,1"), "'completed'"),
        (lambda s: _rewrite(s, completed=[0, 1, True]), "'completed'"),
        (lambda s: _rewrite(s, chunks=[]), "'chunks'"),
        (lambda s: _rewrite(s, completed=[0, 1, 2, 3]), "list different chunks"),
        (lambda s: _rewrite(s, chunks={**s["chunks"], "1": "abc"}), "chunk 1"),
        (
            lambda s: _rewrite(s, chunks={**s["chunks"], "1": {**s["chunks"]["1"], "rows": "7"}}),
            "chunk 1",
        ),
        (
            lambda s: _rewrite(s, chunks={**s["chunks"], "1": {**s["chunks"]["1"], "sha256": 5}}),
            "sha256",
        ),
        (
            lambda s: _rewrite(
                s,
                completed=[0, 1, 99],
                chunks={"0": s["chunks"]["0"], "1": s["chunks"]["1"], "99": s["chunks"]["2"]},
            ),
            "not a chunk of this sweep",
        ),
    ],
)
def test_a_malformed_checkpoint_is_a_clear_game_error(
    model, fresh, tmp_path, monkeypatch, edit, fragment
):
    out = tmp_path / "t.parquet"
    parts = stop_after(model, monkeypatch, out, 3)
    checkpoint = parts / "checkpoint.json"
    checkpoint.write_text(edit(json.loads(checkpoint.read_text())), encoding="utf-8")
    monkeypatch.setattr(store_mod, "_solve_chunk", REAL_SOLVE)
    with pytest.raises(GameError, match="malformed") as info:
        sweep(model, GRID, chunk_size=CHUNK, out=out)
    assert fragment in str(info.value) and str(checkpoint) in str(info.value)
    assert "resume=False" in str(info.value)
    assert not out.with_name(out.name + ".lock").exists()
    df = sweep(model, GRID, chunk_size=CHUNK, out=out, resume=False)
    assert_exact_table(df, out, fresh)


def test_a_checkpoint_without_hashes_is_recomputed(model, fresh, tmp_path, monkeypatch):
    out = tmp_path / "t.parquet"
    parts = stop_after(model, monkeypatch, out, 3)
    checkpoint = parts / "checkpoint.json"
    state = json.loads(checkpoint.read_text())
    old = {k: state[k] for k in ("fingerprint", "n_chunks", "completed")}  # version 1
    checkpoint.write_text(json.dumps(old))
    computed = count_chunks(monkeypatch)
    df = sweep(model, GRID, chunk_size=CHUNK, out=out)
    assert sorted(computed) == list(range(11))  # chunks that cannot be verified are not trusted
    assert_exact_table(df, out, fresh)


# -- one writer per output ---------------------------------------------------------------


@pytest.fixture
def live_pid():
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield proc.pid
    proc.kill()
    proc.wait()


def test_a_second_writer_is_told_another_sweep_writes_the_file(
    model, fresh, tmp_path, monkeypatch, live_pid
):
    out = tmp_path / "t.parquet"
    parts = stop_after(model, monkeypatch, out, 3)
    before = {p.name: p.read_bytes() for p in parts.iterdir()}
    lock = tmp_path / "t.parquet.lock"
    lock.write_text(f"{live_pid}\n")
    monkeypatch.setattr(store_mod, "_solve_chunk", REAL_SOLVE)
    for resume in (True, False):
        with pytest.raises(GameError, match=f"another sweep \\(process {live_pid}\\) is writing"):
            sweep(model, GRID, chunk_size=CHUNK, out=out, resume=resume)
    # The refused sweeps touched nothing: not the lock, not the first sweep's chunks.
    assert lock.read_text() == f"{live_pid}\n"
    assert {p.name: p.read_bytes() for p in parts.iterdir()} == before
    assert not out.exists()


def test_the_lock_of_a_killed_sweep_is_taken_over(model, fresh, tmp_path, monkeypatch):
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()  # a process id that no longer runs
    out = tmp_path / "t.parquet"
    stop_after(model, monkeypatch, out, 3)
    lock = tmp_path / "t.parquet.lock"
    lock.write_text(f"{proc.pid}\n")
    monkeypatch.setattr(store_mod, "_solve_chunk", REAL_SOLVE)
    df = sweep(model, GRID, chunk_size=CHUNK, out=out)
    assert_exact_table(df, out, fresh)
    assert not lock.exists()


def test_an_unreadable_lock_is_taken_over(model, fresh, tmp_path):
    out = tmp_path / "t.parquet"
    (tmp_path / "t.parquet.lock").write_bytes(b"")
    df = sweep(model, GRID, chunk_size=CHUNK, out=out)
    assert_exact_table(df, out, fresh)


def test_two_sweeps_at_once_one_writes_the_other_is_refused(model, fresh, tmp_path):
    out = tmp_path / "t.parquet"
    parts = tmp_path / "t.parquet.parts"
    proc = subprocess.Popen([sys.executable, "-c", KILLED_SWEEP, str(out)], env=child_env())
    try:
        deadline = time.monotonic() + 120
        while not list(parts.glob("chunk-*.parquet")):
            assert proc.poll() is None, "the first sweep ended too soon"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        with pytest.raises(GameError, match=f"another sweep \\(process {proc.pid}\\)"):
            sweep(model, GRID, chunk_size=CHUNK, out=out, resume=False)
        assert proc.wait(timeout=120) == 0
    finally:
        proc.kill()
        proc.wait()
    pd.testing.assert_frame_equal(pd.read_parquet(out), fresh[0])
    assert out.read_bytes() == fresh[1]


# -- kills ---------------------------------------------------------------------------------

KILLED_SWEEP = """
import sys, time
import gametheory_alliances.sweep as sweep_mod
import gametheory_alliances.sweep.store as store_mod
real = store_mod._solve_chunk
def slow(plan, start, stop):
    time.sleep(0.15)
    return real(plan, start, stop)
store_mod._solve_chunk = slow
sweep_mod.sweep("burden-sharing", {"b2": "3:8:11", "c": "0.5:5:10"}, chunk_size=10, out=sys.argv[1])
"""


def child_env() -> dict[str, str]:
    root = str(Path(gametheory_alliances.__file__).resolve().parent.parent)
    return {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}


def test_a_killed_sweep_resumes_to_the_same_bytes(model, fresh, tmp_path, monkeypatch):
    out = tmp_path / "killed.parquet"
    parts = tmp_path / "killed.parquet.parts"
    proc = subprocess.Popen([sys.executable, "-c", KILLED_SWEEP, str(out)], env=child_env())
    deadline = time.monotonic() + 120
    while len(list(parts.glob("chunk-*.parquet"))) < 4:
        assert proc.poll() is None, "the sweep ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    proc.kill()
    proc.wait()
    assert not out.exists()
    assert (tmp_path / "killed.parquet.lock").read_text().strip() == str(proc.pid)
    completed = set(json.loads((parts / "checkpoint.json").read_text())["completed"])
    computed = count_chunks(monkeypatch)
    df = sweep(model, GRID, chunk_size=CHUNK, out=out)
    assert sorted(computed) == sorted(set(range(11)) - completed)
    assert_exact_table(df, out, fresh)
    meta = pq.read_schema(out).metadata
    assert json.loads(meta[b"PANDAS_ATTRS"]) == {"exact_points": fresh[0].attrs["exact_points"]}


def test_a_resumed_table_counts_the_exact_points_of_every_run(model, fresh, tmp_path, monkeypatch):
    out = tmp_path / "t.parquet"
    stop_after(model, monkeypatch, out, 6)
    monkeypatch.setattr(store_mod, "_solve_chunk", REAL_SOLVE)
    df = sweep(model, GRID, chunk_size=CHUNK, out=out, load=False)
    assert df.attrs == {"exact_points": fresh[0].attrs["exact_points"], "rows": len(fresh[0])}
    assert len(df) == 0 and list(df.columns) == list(fresh[0].columns)
    assert out.read_bytes() == fresh[1]


def test_the_parquet_bytes_do_not_depend_on_chunk_size_or_processes(model, fresh, tmp_path):
    sweep(model, GRID, chunk_size=7, out=tmp_path / "a.parquet")
    sweep(model, GRID, chunk_size=30, out=tmp_path / "b.parquet", processes=2)
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "a.parquet"), fresh[0])


# -- memory -------------------------------------------------------------------------------


def test_memory_of_a_sweep_to_parquet_does_not_grow_with_the_grid(model, tmp_path):
    chunk = 400

    def peak(chunks: int) -> int:
        grid = {"b2": f"3:8:{chunks}", "c": f"0.5:5:{chunk}"}  # one chunk per value of b2
        tracemalloc.start()
        try:
            df = sweep(
                model, grid, chunk_size=chunk, out=tmp_path / f"{chunks}.parquet", load=False
            )
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            assert df.attrs["rows"] > chunks * chunk

    peak(2)  # warm the caches (compiled payoffs) outside the measurement
    small, large = peak(4), peak(16)
    # Keeping the finished chunks, as the sweep once did, tripled the peak here.
    assert large < 1.25 * small, (small, large)


# -- table files ---------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".md"])
def test_a_failing_write_leaves_the_old_table_intact(tmp_path, monkeypatch, suffix):
    path = tmp_path / f"t{suffix}"
    old = pd.DataFrame({"c": [1.0], "label": ["old"]})
    write_table(old, path)
    before = path.read_bytes()

    def half_then_fail(self, *args, **kwargs):
        Path(self if isinstance(self, Path) else args[0]).write_bytes(before[: len(before) // 2])
        raise OSError("disk full")

    monkeypatch.setattr(Path, "write_text", half_then_fail)
    monkeypatch.setattr(pd.DataFrame, "to_parquet", lambda df, target, **kw: half_then_fail(target))
    with pytest.raises(OSError, match="disk full"):
        write_table(pd.DataFrame({"c": [2.0] * 100, "label": ["new"] * 100}), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no temporary file left


@pytest.mark.parametrize("name", ["t.xlsx", "t", "missing/t.csv"])
def test_write_table_refuses_a_bad_path_naming_it(tmp_path, name):
    with pytest.raises(GameError, match="write_table: ") as info:
        write_table(pd.DataFrame({"c": [1.0]}), tmp_path / name)
    assert str(tmp_path / name) in str(info.value)


@pytest.mark.parametrize(
    ("name", "fragment"),
    [("t.xlsx", "expected one of .csv, .md, .tex, .parquet"), ("missing/t.csv", "does not exist")],
)
def test_bad_out_is_refused_before_the_sweep(tmp_path, monkeypatch, capsys, name, fragment):
    def never(*args):
        raise AssertionError("the sweep ran before --out was checked")

    monkeypatch.setattr(store_mod, "_solve_chunk", never)
    monkeypatch.setattr(tables_mod, "sweep", never)
    target = tmp_path / name
    status = main(["table", "burden-sharing", "--grid", "c=1:2:2", "--out", str(target)])
    err = capsys.readouterr().err
    assert status == 2 and fragment in err and str(target) in err
    with pytest.raises(GameError, match="does not exist"):
        sweep("burden-sharing", {"c": [1, 2]}, out=tmp_path / "missing" / "t.parquet")


@pytest.mark.parametrize("suffix", [".csv", ".md", ".tex"])
def test_a_parquet_table_converted_in_batches_has_the_bytes_of_write_table(fresh, tmp_path, suffix):
    source = tmp_path / "t.parquet"
    source.write_bytes(fresh[1])
    rows = write_parquet_as(source, tmp_path / f"batched{suffix}", batch_rows=7)
    write_table(fresh[0], tmp_path / f"whole{suffix}")
    assert rows == len(fresh[0])
    assert (tmp_path / f"batched{suffix}").read_bytes() == (
        tmp_path / f"whole{suffix}"
    ).read_bytes()


def test_the_command_line_table_resumes_from_its_chunks(model, fresh, tmp_path, monkeypatch):
    path = tmp_path / "t.csv"
    interrupt_after(monkeypatch, 5)
    with pytest.raises(Interrupt):
        sweep_table(model, GRID, None, path, chunk_size=CHUNK)
    assert not path.exists()
    computed = count_chunks(monkeypatch)
    assert sweep_table(model, GRID, None, path, chunk_size=CHUNK) == (path, len(fresh[0]))
    assert sorted(computed) == list(range(5, 11))
    write_table(fresh[0], tmp_path / "whole.csv")
    assert path.read_bytes() == (tmp_path / "whole.csv").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv", "whole.csv"]
