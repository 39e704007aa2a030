"""Crash safety: `monitor check` killed with SIGKILL at random moments of its pass (at least
50 kills), over documents that change between passes, restarted every time. Afterwards:
SQLite passes integrity_check, every version served was recorded once (one content_changed
and one metric_changed event per change, never two), every alert went to the webhook
receiver exactly once after its dedupe by alert id (a kill between the receiver's answer and
the outcome's commit sends that alert again: counted, reported), and no snapshot file is
half-written or orphaned.

A document changes only once its current version is recorded, so every version served is
one the monitor had the chance to see: a lost version is the monitor's fault.
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.faults import netguard, report
from tests.faults.cases import SENTENCE, html
from tests.faults.conftest import state_whole, subprocess_env
from tests.faults.helpers import alerts
from tests.receivers import wait_for
from tests.util import write_config

DOCS = 6
KILLS = 50
SEED = 20261126


def value(doc: int, version: int) -> int:
    return 1000 * (doc + 1) + version


def serve(server, doc: int, version: int) -> None:
    server.set(f"/d{doc}", html(SENTENCE.format(n=value(doc, version))))


def recorded(state: Path, doc: int, version: int) -> bool:
    db = sqlite3.connect(state / "monitor.sqlite3")
    try:
        row = db.execute(
            "SELECT text_path FROM snapshots WHERE document=? ORDER BY id DESC LIMIT 1",
            (f"d{doc}",),
        ).fetchone()
    except sqlite3.OperationalError:
        return False
    finally:
        db.close()
    if row is None:
        return False
    text = (state / row[0]).read_text(encoding="utf-8")
    return SENTENCE.format(n=value(doc, version)) in text


def start(cfg: Path, log) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", netguard.WRAPPER, "-c", str(cfg), "check"],
        stdout=log, stderr=log, env=subprocess_env(),
    )  # fmt: skip


def busy(server, seen: int, proc: subprocess.Popen) -> None:
    """Wait until the run's first request reaches the server (or the run ends)."""
    wait_for(lambda: len(server.requests) > seen or proc.poll() is not None, 30, 0.005)


@pytest.mark.timeout(600)  # 50 kills and restarts: ~100 s on 2 idle cores, 130 s busy
def test_sigkill_at_random_moments(server, webhook, tmp_path):
    rng = random.Random(SEED)
    versions = [0] * DOCS
    for d in range(DOCS):
        serve(server, d, 0)
    cfg = write_config(
        tmp_path, [{"id": f"d{d}", "url": server.url(f"/d{d}")} for d in range(DOCS)],
        notify=[{"url": webhook.url(), "on": ["arrests"]}],
        delivery={"timeout": "1s", "backoff": "0.2s"},
    )  # fmt: skip
    state = tmp_path / "state"
    log = (tmp_path / "runs.log").open("w")

    # One whole run first: how long the work takes after the first request.
    t0 = time.monotonic()
    first = start(cfg, log)
    assert wait_for(lambda: server.requests, timeout=30)
    t_first = time.monotonic()
    assert first.wait(timeout=60) == 0
    work = time.monotonic() - t_first
    assert all(recorded(state, d, 0) for d in range(DOCS))
    startup = t_first - t0

    kills = clean = rounds = 0
    started = time.monotonic()
    while kills < KILLS and rounds < 200:
        rounds += 1
        for d in range(DOCS):  # a changing set: about half the recorded ones move on
            if recorded(state, d, versions[d]) and rng.random() < 0.5:
                versions[d] += 1
                serve(server, d, versions[d])
        proc = start(cfg, log)
        if rng.random() < 0.2:  # sometimes anywhere, start-up included
            time.sleep(rng.uniform(0, startup + work))
        else:  # mostly inside the work: fetch, parse, the commit, the delivery
            busy(server, len(server.requests), proc)
            time.sleep(rng.uniform(0, work * 1.3))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        else:
            clean += 1
            assert proc.returncode == 0, (tmp_path / "runs.log").read_text()[-3000:]
        proc.wait(timeout=30)
    crash_time = time.monotonic() - started

    # Final runs, no kill: everything served gets recorded, every alert delivered (an alert
    # whose send was cut waits for its lease to expire: delivery.timeout + 10 s).
    def settled() -> bool:
        proc = start(cfg, log)
        assert proc.wait(timeout=60) == 0
        db = sqlite3.connect(state / "monitor.sqlite3")
        pending = db.execute("SELECT COUNT(*) FROM outbox WHERE status!='delivered'").fetchone()
        db.close()
        return pending[0] == 0 and all(recorded(state, d, versions[d]) for d in range(DOCS))

    assert wait_for(settled, timeout=60, step=1)
    log.close()

    db = sqlite3.connect(state / "monitor.sqlite3")
    events = db.execute("SELECT document, kind, data, message FROM events").fetchall()
    outbox = db.execute("SELECT message, status FROM outbox").fetchall()
    cut = db.execute("SELECT COUNT(*) FROM outbox WHERE attempts > 1").fetchone()[0]
    db.close()
    row = report.row("SIGKILL during check", "check x kills")
    row.runs += rounds + 1
    lost = dup = 0
    for d in range(DOCS):
        mine = [e for e in events if e[0] == f"d{d}"]
        changed = [e for e in mine if e[1] == "content_changed"]
        figures = [json.loads(e[2])["new"] for e in mine if e[1] == "metric_changed"]
        for v in range(1, versions[d] + 1):
            n = figures.count(value(d, v))
            lost += n == 0
            dup += max(0, n - 1)
        dup += max(0, len(changed) - versions[d])
        lost += max(0, versions[d] - len(changed))
    row.events_lost += lost
    got, repeats = alerts(webhook)
    row.resends += repeats
    wanted = {e[3] for e in events if e[1] == "metric_changed"}
    row.alerts_duplicated += dup
    row.notes.append(f"{kills} kills, {clean} runs ended before their kill, {rounds} rounds, "
                     f"{sum(versions)} changes, {cut} deliveries cut by a kill and retried, "
                     f"{crash_time:.0f} s")  # fmt: skip
    print(f"\ncrash test: {row.notes[-1]}; {repeats} alerts sent twice (deduped by id)")
    assert kills >= KILLS
    assert lost == 0 and dup == 0
    assert all(status == "delivered" for _, status in outbox)
    assert None not in wanted and set(got) == wanted  # each alert arrived (once, after dedupe)
    state_whole(state)
