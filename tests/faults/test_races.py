"""Edits and concurrent processes: two monitors on one state/ record one change once, and
`monitor gc` beside a running daemon never deletes a file a live writer is about to commit.
Real processes, real servers on 127.0.0.1, behind the network guard."""

from __future__ import annotations

import contextlib
import json
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.faults import netguard, report
from tests.faults.cases import SENTENCE, html
from tests.faults.conftest import state_whole, subprocess_env
from tests.faults.helpers import alerts
from tests.receivers import wait_for
from tests.util import run_cli, write_config

ROW = "edits and concurrent processes"
ROUNDS = 3


def monitor(cfg: Path, *argv: str, wrapper: str = netguard.WRAPPER, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", wrapper, "-c", str(cfg), *argv],
                            env=subprocess_env(), **kw)  # fmt: skip


def count(state: Path, sql: str) -> int:
    db = sqlite3.connect(state / "monitor.sqlite3", timeout=30)
    try:
        return db.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:  # the schema is not committed yet
        return 0
    finally:
        db.close()


def barrier_route(body: bytes, parties: int):
    """Holds the first `parties` requests until all have arrived: both processes fetch the
    same new version before either can record it."""
    gate = threading.Barrier(parties, timeout=20)
    arrived = iter(range(1 << 30))  # next() is atomic under the GIL

    def handler(req) -> None:
        if next(arrived) < parties:
            with contextlib.suppress(threading.BrokenBarrierError):
                gate.wait()
        req.reply(200, body)

    return handler, gate


def test_two_checks_racing_on_one_change_record_it_once(server, webhook, tmp_path, capsys):
    server.set("/data", html(SENTENCE.format(n=100)), etag=False)
    cfg = write_config(tmp_path, [{"id": "data", "url": server.url("/data")}],
                       notify=[webhook.url()])  # fmt: skip
    state = tmp_path / "state"
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0  # the baseline
    row = report.row(ROW, "check x2")
    for n in range(1, ROUNDS + 1):
        handler, gate = barrier_route(html(SENTENCE.format(n=100 + n)).encode(), 2)
        server.set("/data", handler=handler)
        procs = [monitor(cfg, "check", stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True) for _ in range(2)]  # fmt: skip
        outs = [p.communicate(timeout=60) for p in procs]
        row.runs += 2
        row.crashes += sum(p.returncode != 0 for p in procs)
        assert all(p.returncode == 0 for p in procs), outs
        assert not gate.broken, "the two processes did not fetch the change together"
        assert "NETGUARD" not in "".join(o + e for o, e in outs)
        snaps = count(state, "SELECT COUNT(*) FROM snapshots")
        changed = count(state, "SELECT COUNT(*) FROM events WHERE kind='content_changed'")
        figures = count(state, "SELECT COUNT(*) FROM events WHERE kind='metric_changed'")
        row.events_lost += max(0, n - changed)
        row.alerts_duplicated += max(0, snaps - 1 - n)
        assert (snaps, changed, figures) == (1 + n, n, n)
    got, repeats = alerts(webhook)
    titles = sorted(m["title"] for m in got.values())
    assert len(webhook.received) == ROUNDS and repeats == 0, titles
    assert titles == sorted(f"arrests, 2024: {99 + n:,} -> {100 + n:,}" for n in
                            range(1, ROUNDS + 1))  # fmt: skip
    state_whole(state)


# A daemon whose writes take a while to reach their transaction: the window in which a
# version's files exist and its rows are not committed yet, wide open for `monitor gc`.
SLOW_WRITES = (
    """
import contextlib, time
import monitor.store as store
_transaction = store.Store.transaction
@contextlib.contextmanager
def _slow(self):
    time.sleep(0.3)
    with _transaction(self) as db:
        yield db
store.Store.transaction = _slow
"""
    + netguard.WRAPPER
)


def test_gc_beside_a_running_daemon_deletes_nothing_it_commits(server, tmp_path, capsys):
    n = [0]
    lock = threading.Lock()

    def changing(req) -> None:  # a new version at every request
        with lock:
            n[0] += 1
            body = html(SENTENCE.format(n=n[0])).encode()
        req.reply(200, body)

    server.set("/data", handler=changing)
    cfg = write_config(tmp_path, [{"id": "data", "url": server.url("/data"), "every": "0.2s",
                                   "jitter": 0}],
                       daemon={"heartbeat": "1s", "drain": "10s"})  # fmt: skip
    state = tmp_path / "state"
    log = (tmp_path / "daemon.log").open("w")
    proc = monitor(cfg, "-v", "run", wrapper=SLOW_WRITES, stdout=subprocess.DEVNULL, stderr=log)
    row = report.row(ROW, "gc beside run")
    gcs = []
    try:
        assert wait_for(lambda: (state / "monitor.sqlite3").exists()
                        and count(state, "SELECT COUNT(*) FROM snapshots") >= 1,
                        timeout=30)  # fmt: skip
        ends = time.monotonic() + 6
        while time.monotonic() < ends or len(gcs) < 3:
            gc = subprocess.run([sys.executable, "-c", netguard.WRAPPER, "-c", str(cfg), "gc"],
                                capture_output=True, text=True, env=subprocess_env(),
                                timeout=60)  # fmt: skip
            gcs.append(gc)
            row.runs += 1
        versions = count(state, "SELECT COUNT(*) FROM snapshots")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        log.close()
    err = (tmp_path / "daemon.log").read_text()
    row.crashes += int(proc.returncode != 0) + sum(g.returncode != 0 for g in gcs)
    assert proc.returncode == 0, err[-3000:]
    assert all(g.returncode == 0 for g in gcs), [g.stderr for g in gcs]
    assert "internal error" not in err and "Traceback" not in err, err[-3000:]
    assert versions >= 5 and len(gcs) >= 3
    state_whole(state)  # every kept version has both its files, and no file lacks its row
    row.notes.append(f"{len(gcs)} gc runs beside a daemon recording {versions} versions")


# A check that stops between reading which version is the latest and reading that
# version's text, until the test lets it go on.
PAUSED_READ = (
    """
import os, pathlib, time
import monitor.store as store
_read_text = store.Store.read_text
def _paused(self, snap):
    gate = pathlib.Path(os.environ["GATE"])
    (gate / "reading").touch()
    ends = time.monotonic() + 30
    while not (gate / "go").exists() and time.monotonic() < ends:
        time.sleep(0.02)
    return _read_text(self, snap)
store.Store.read_text = _paused
"""
    + netguard.WRAPPER
)


def test_gc_pruning_the_version_a_check_compares_with(server, webhook, tmp_path, capsys):
    """A check reads the latest version; before it reads that version's text, another
    process records a newer one and `monitor gc` prunes the first. The check is done again
    from what was recorded: no internal error, no second record of the change, no alert."""
    server.set("/data", html(SENTENCE.format(n=100)), etag=False)
    cfg = write_config(tmp_path, [{"id": "data", "url": server.url("/data")}],
                       notify=[webhook.url()], retention={"keep": 1})  # fmt: skip
    state = tmp_path / "state"
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0  # the baseline
    server.set("/data", html(SENTENCE.format(n=101)), etag=False)
    gate = tmp_path / "gate"
    gate.mkdir()
    env = {**subprocess_env(), "GATE": str(gate)}
    paused = subprocess.Popen([sys.executable, "-c", PAUSED_READ, "-c", str(cfg), "check",
                               "--json"], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert wait_for(lambda: (gate / "reading").exists() or paused.poll() is not None, 30)
        assert (gate / "reading").exists(), paused.communicate()
        code, out, _ = run_cli(capsys, "-c", str(cfg), "check")  # records the change
        assert code == 0, out
        code, out, _ = run_cli(capsys, "-c", str(cfg), "gc")
        assert code == 0 and "1 old versions pruned" in out, out
    finally:
        (gate / "go").touch()
        out, err = paused.communicate(timeout=60)
    row = report.row(ROW, "gc under a check")
    row.runs += 1
    row.crashes += int(paused.returncode != 0 or "internal error" in out + err)
    assert paused.returncode == 0, (out, err)
    assert "internal error" not in out + err, (out, err)
    lines = [json.loads(x) for x in out.splitlines() if x.strip()]
    statuses = [x["status"] for x in lines if x.get("document") == "data"]
    assert statuses == ["unchanged"], lines  # checked again against the version recorded
    assert count(state, "SELECT COUNT(*) FROM snapshots") == 2
    assert count(state, "SELECT COUNT(*) FROM events WHERE kind='content_changed'") == 1
    assert count(state, "SELECT COUNT(*) FROM events WHERE kind='metric_changed'") == 1
    assert wait_for(lambda: len(webhook.received) >= 1, 10)
    time.sleep(0.3)
    assert len(webhook.received) == 1
    state_whole(state)
