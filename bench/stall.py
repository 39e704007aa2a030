"""Event-loop stalls of the daemon during a burst of checks: how long the loop that runs the
heartbeat, the schedule and the web view (`web.listen` inside `monitor run`) goes without
a turn while checks write state/.

Usage: python bench/stall.py [DOCS] [PASSES]

The daemon's own parts (Runtime: store, HTTP client, parser pool, checker) on one event
loop, with a probe task that sleeps 5 ms at a time and records how late it wakes. Each
pass checks DOCS local pages that all changed since the last pass (a diff, figures,
events, snapshot files written and fsynced, one transaction each). Three bursts:

1. plain: the passes alone;
2. slow fsync: every fsync of a file takes 50 ms more (a busy or network disk; three per
   changed check: the text, the raw bytes, their folder);
3. lock held: another connection holds state/'s write lock for 1.5 s during the pass (what
   `monitor gc` or a `monitor check` beside the daemon does); a write then waits for it.

Prints the longest stall, the 99th percentile and the pass time for each. Everything runs
on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from alerts import page  # noqa: E402  (bench/alerts.py: the same documents)

from monitor.config import load_config  # noqa: E402
from monitor.runtime import Runtime  # noqa: E402
from tests.server import FixtureServer  # noqa: E402

PROBE = 0.005  # seconds the probe sleeps
LOCK_HELD = 1.5
SLOW_FSYNC = 0.05
_fsync = os.fsync


def slow_fsync(fd: int) -> None:
    time.sleep(SLOW_FSYNC)
    _fsync(fd)


async def probe(lags: list[float], stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        before = loop.time()
        await asyncio.sleep(PROBE)
        lags.append(loop.time() - before - PROBE)


def hold_lock(db_path: Path, started: threading.Event) -> None:
    db = sqlite3.connect(db_path, isolation_level=None, timeout=30)
    db.execute("BEGIN IMMEDIATE")
    started.set()
    time.sleep(LOCK_HELD)
    db.execute("COMMIT")
    db.close()


async def burst(rt: Runtime, server: FixtureServer, docs: int, passes: int, version: int,
                lock: bool) -> tuple[list[float], float, int]:  # fmt: skip
    lags: list[float] = []
    stop = asyncio.Event()
    task = asyncio.create_task(probe(lags, stop))
    started = time.monotonic()
    for _ in range(passes):
        version += 1
        for i in range(docs):
            server.set(f"/d{i}", page(i, version, 200, body_changes=True))
        holder = None
        if lock:
            held = threading.Event()
            holder = threading.Thread(target=hold_lock, args=(rt.store.dir / "monitor.sqlite3",
                                                              held))  # fmt: skip
            holder.start()
            held.wait()
        summary = await rt.checker.run_pass()
        assert summary.count("changed") == docs, summary.line()
        if holder is not None:
            holder.join()
    elapsed = time.monotonic() - started
    stop.set()
    await task
    return lags, elapsed, version


def line(name: str, lags: list[float], elapsed: float, checks: int) -> str:
    worst = max(lags) * 1000
    p99 = statistics.quantiles(lags, n=100)[98] * 1000
    return (
        f"{name:<11} longest stall {worst:7.1f} ms, p99 {p99:6.1f} ms, "
        f"{checks} changed checks in {elapsed:5.2f} s"
    )


async def main(docs: int, passes: int) -> None:
    server = FixtureServer().start()
    try:
        await _main(server, docs, passes)
    finally:
        server.stop()


async def _main(server: FixtureServer, docs: int, passes: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(docs):
            server.set(f"/d{i}", page(i, 0, 200, body_changes=True))
        cfg_path = Path(tmp) / "config.yaml"
        cfg_path.write_text(yaml.safe_dump({
            "state_dir": "state",
            "http": {"per_host_concurrency": 8, "per_host_delay": 0, "retries": 0},
            "sources": [{"id": f"d{i}", "url": server.url(f"/d{i}")} for i in range(docs)],
        }))  # fmt: skip
        cfg = load_config(cfg_path)
        async with Runtime(cfg) as rt:
            await rt.checker.run_pass()  # baselines (and the parser workers' start)
            await rt.checker.run_pass()  # a first change: figures' imports, warm caches
            version = 1
            print(f"{docs} documents, {passes} passes each, probe every {PROBE * 1000:g} ms")
            for name in ("plain", "slow fsync", "lock held"):
                os.fsync = slow_fsync if name == "slow fsync" else _fsync
                lags, elapsed, version = await burst(rt, server, docs, passes, version,
                                                     lock=name == "lock held")  # fmt: skip
                print(line(name, lags, elapsed, docs * passes))
            os.fsync = _fsync


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    p = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    asyncio.run(main(n, p))
