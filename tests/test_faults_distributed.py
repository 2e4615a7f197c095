"""Distributed faults (issue 21, item 8): schedulers that never answer or answer something
else, bad addresses, and a killed local process; errors of our own, bounded in time, and the
finished chunks kept for the next run."""

from __future__ import annotations

import os
import socket
import threading
import time

import pytest

import gametheory_alliances.sweep.store as store_mod
from gametheory_alliances.catalogue import load_model
from gametheory_alliances.cli import main
from gametheory_alliances.errors import ExecutionError, GameError
from gametheory_alliances.sweep import connect_scheduler, sweep

pytest.importorskip("dask.distributed")

REAL_SOLVE = store_mod._solve_chunk
GRID = {"b2": "3:8:6", "c": "0.5:5:5"}  # 30 points: 6 chunks of 5
CHUNK = 5


class Listener:
    """A TCP server on 127.0.0.1 that accepts and then never answers, or answers ``reply``."""

    def __init__(self, reply: bytes | None = None) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.2)
        self.address = f"tcp://127.0.0.1:{self.server.getsockname()[1]}"
        self.reply = reply
        self.held: list[socket.socket] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.server.accept()
            except OSError:
                continue
            if self.reply is not None:
                conn.settimeout(1)
                try:
                    conn.recv(4096)
                    conn.sendall(self.reply)
                except OSError:
                    pass
            self.held.append(conn)  # kept open, silent

    def close(self) -> None:
        self.stop.set()
        self.thread.join(2)
        for conn in self.held:
            conn.close()
        self.server.close()


@pytest.fixture
def listener():
    made: list[Listener] = []

    def make(reply: bytes | None = None) -> Listener:
        made.append(Listener(reply))
        return made[-1]

    yield make
    for item in made:
        item.close()


def test_a_listener_that_never_answers_times_out_at_the_timeout(listener):
    silent = listener()
    started = time.monotonic()
    with pytest.raises(GameError, match=rf"{silent.address}.*no Dask answer within 1 s"):
        connect_scheduler(silent.address, timeout=1)
    assert time.monotonic() - started < 6  # 1 s, the grace second, importing Dask


def test_a_listener_that_answers_http_gives_our_error(listener):
    http = listener(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello" + b"x" * 100_000)
    started = time.monotonic()
    with pytest.raises(GameError, match=f"cannot reach the Dask scheduler at '{http.address}'"):
        connect_scheduler(http.address, timeout=1)
    assert time.monotonic() - started < 6


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("ucx://x", "unsupported protocol 'ucx'"),
        ("", "the address is empty"),
        ("   ", "the address is empty"),
        ("tcp://", "expected tcp://HOST:PORT"),
        ("tcp://host:99999", "expected tcp://HOST:PORT"),
        ("localhost", "expected tcp://HOST:PORT"),
    ],
)
def test_bad_scheduler_addresses_are_refused_before_connecting(address, message):
    with pytest.raises(GameError, match=message):
        connect_scheduler(address, timeout=1)


def test_an_empty_scheduler_on_the_command_line_is_an_error_not_a_local_run(capsys):
    status = main(["table", "chicken", "--grid", "P=-3:-2:2", "--scheduler", ""])
    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    assert (
        err.startswith("gta: error: --scheduler: the address is empty")
        and len(err.splitlines()) == 1
    )


def _kill_last(plan, start, stop):
    """A chunk function whose last chunk kills its own process (after the others finish)."""
    if stop == plan.n_points:
        time.sleep(1.0)
        os._exit(7)
    return REAL_SOLVE(plan, start, stop)


@pytest.mark.skipif(os.name != "posix", reason="forked workers see the patched chunk function")
def test_a_killed_local_process_keeps_finished_chunks_and_the_rerun_resumes(tmp_path, monkeypatch):
    import multiprocessing

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the patched chunk function reaches workers by fork")
    model = load_model("burden-sharing")
    expected = sweep(model, GRID, chunk_size=CHUNK)
    out = tmp_path / "t.parquet"
    monkeypatch.setattr(store_mod, "_solve_chunk", _kill_last)
    with pytest.raises(ExecutionError, match=r"local worker process died.*resume"):
        sweep(model, GRID, chunk_size=CHUNK, out=out, processes=2)
    parts = out.with_name(out.name + ".parts")
    kept = sorted(p.name for p in parts.glob("chunk-*.parquet"))
    assert kept == [f"chunk-{i:06d}.parquet" for i in range(5)]
    assert not out.with_name(out.name + ".lock").exists()
    computed: list[int] = []

    def count(plan, start, stop):
        computed.append(start // CHUNK)
        return REAL_SOLVE(plan, start, stop)

    monkeypatch.setattr(store_mod, "_solve_chunk", count)
    resumed = sweep(model, GRID, chunk_size=CHUNK, out=out)
    assert computed == [5]
    assert resumed.equals(expected)


def test_a_lost_cluster_is_our_error_naming_the_address():
    """A client whose scheduler has gone: the run ends in ExecutionError naming its address."""
    from dask.distributed import Client, LocalCluster

    model = load_model("burden-sharing")
    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        client = Client(cluster)
        address = cluster.scheduler_address
        cluster.close()  # the scheduler and its worker are lost before the chunks run
        try:
            with pytest.raises(ExecutionError, match=f"Dask cluster at {address} failed"):
                sweep(model, GRID, chunk_size=CHUNK, client=client)
        finally:
            client.close(timeout=2)
