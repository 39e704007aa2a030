"""`monitor run` and crash safety, as real processes: scheduled checks, alerts to a webhook on
127.0.0.1, a clean stop on SIGTERM, the heartbeat, a SIGKILL between commit and delivery,
and no notifier secret anywhere in logs, events or state/."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from monitor.store import Store
from tests.receivers import Webhook, wait_for
from tests.util import json_lines, run_cli, write_config

PAGE = "<html><body><main><p>CyberTipline data.</p>{extra}</main></body></html>"
SECRETS = ("Secr3tPassw0rd", "T0kenPathXYZ987", "hookuser")


def secret_url(hook: Webhook) -> str:
    return f"json://hookuser:Secr3tPassw0rd@127.0.0.1:{hook.port}/T0kenPathXYZ987"


def monitor(cfg: Path, *argv: str, **kw) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "monitor", "-c", str(cfg), *argv],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw,
    )  # fmt: skip


def test_run_checks_on_schedule_alerts_and_stops_cleanly(server, tmp_path, capsys):
    hook = Webhook(status=500)  # down at first: the failure is recorded, redacted, retried
    server.set("/data", PAGE.format(extra=""))
    cfg = write_config(
        tmp_path, [{"id": "data", "url": server.url("/data"), "every": "1s", "jitter": 0}],
        notify=[{"url": secret_url(hook), "on": ["content_changed", "arrests"]}],
        daemon={"heartbeat": "0.5s", "drain": "10s"},
        delivery={"backoff": "0.3s", "retry_every": "0.5s", "timeout": "5s"},
    )  # fmt: skip
    proc = monitor(cfg, "--log-format", "json", "-v", "run")
    try:
        assert wait_for(lambda: len(server.hits("/data")) >= 2, timeout=15), "no second check"
        code, out, _ = run_cli(capsys, "-c", str(cfg), "health")
        assert code == 0 and out.startswith("ok: heartbeat"), out

        server.set("/data", PAGE.format(extra="<p>Law enforcement reported 1,234 arrests.</p>"))
        assert wait_for(lambda: hook.refused >= 1, timeout=10)
        hook.status = 200
        assert hook.wait(1, timeout=10), "the alert never arrived"
        assert "+Law enforcement reported 1,234 arrests." in hook.received[0]["message"]
        time.sleep(1.2)  # more checks: unchanged, nothing sent twice
        assert len(hook.received) == 1
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err[-2000:]
    code, health_out, _ = run_cli(capsys, "-c", str(cfg), "health")
    assert code == 1 and "stopped" in health_out

    lines = [json.loads(line) for line in err.splitlines() if line.strip()]
    checked = [ln for ln in lines if ln["msg"].startswith("checked data")]
    assert len(checked) >= 3 and all("status" in ln for ln in checked)
    assert any("stopped cleanly" in ln["msg"] for ln in lines)

    # no secret of the notifier URL anywhere: logs, events, outbox, state/ (SQLite + files)
    hook.close()
    _, history, _ = run_cli(capsys, "-c", str(cfg), "history", "--json")
    _, outbox, _ = run_cli(capsys, "-c", str(cfg), "outbox", "--all", "--json")
    [delivery] = json_lines(outbox)
    assert delivery["status"] == "delivered" and delivery["attempts"] >= 2
    blobs = [out, err, history, outbox]
    blobs += [p.read_bytes().decode("latin-1") for p in (tmp_path / "state").rglob("*")
              if p.is_file()]  # fmt: skip
    for secret in SECRETS:
        assert not any(secret in b for b in blobs), secret


def test_killed_after_commit_before_delivery_is_delivered_once(server, tmp_path, capsys):
    """SIGKILL right after the check's transaction commits, before any send: the alert is
    in the outbox, and the next process delivers it exactly once."""
    hook = Webhook()
    try:
        server.set("/data", PAGE.format(extra=""))
        cfg = write_config(tmp_path, [{"id": "data", "url": server.url("/data")}],
                           notify=[{"url": hook.url(), "on": ["content_changed"]}])  # fmt: skip
        assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0  # baseline: no alert
        server.set("/data", PAGE.format(extra="<p>A new paragraph.</p>"))
        crash = (
            "import os, signal, sys\n"
            "import monitor.store as s\n"
            "real = s.Store.record\n"
            "def record(self, rec):\n"
            "    out = real(self, rec)\n"
            "    if rec.outbox:\n"
            "        os.kill(os.getpid(), signal.SIGKILL)\n"
            "    return out\n"
            "s.Store.record = record\n"
            "from monitor.cli import main\n"
            "sys.exit(main(sys.argv[1:]))\n"
        )
        proc = subprocess.run([sys.executable, "-c", crash, "-c", str(cfg), "check"],
                              capture_output=True, text=True, timeout=60)  # fmt: skip
        assert proc.returncode == -signal.SIGKILL, proc.stderr
        time.sleep(0.3)
        assert hook.received == []
        db = sqlite3.connect(tmp_path / "state" / "monitor.sqlite3")
        assert db.execute("SELECT status, attempts FROM outbox").fetchall() == [("pending", 0)]

        done = subprocess.run([sys.executable, "-m", "monitor", "-c", str(cfg), "check"],
                              capture_output=True, text=True, timeout=60)  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert "alerts: 1 delivered" in done.stdout
        assert len(hook.wait(1)) == 1
        assert "+A new paragraph." in hook.received[0]["message"]
        assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0
        time.sleep(0.2)
        assert len(hook.received) == 1
        assert db.execute("SELECT status FROM outbox").fetchall() == [("delivered",)]
    finally:
        hook.close()


def test_health_is_stale_when_the_heartbeat_is_old(tmp_path, capsys):
    cfg = write_config(tmp_path, [{"id": "a", "url": "http://127.0.0.1:9/a"}],
                       daemon={"heartbeat": "1s"})  # fmt: skip
    code, out, _ = run_cli(capsys, "-c", str(cfg), "health")
    assert code == 1 and "no heartbeat" in out
    store = Store(tmp_path / "state")
    store.write_heartbeat({"state": "running", "pid": os.getpid(), "at": "2026-01-01T00:00:00.0Z"})
    code, out, _ = run_cli(capsys, "-c", str(cfg), "health")
    assert code == 1 and out.startswith("stale")


def test_sigterm_lets_the_check_in_flight_finish(server, tmp_path):
    def slow(handler) -> None:
        time.sleep(1.5)
        body = PAGE.format(extra="").encode()
        handler.reply(200, body)

    server.set("/slow", handler=slow)
    cfg = write_config(tmp_path, [{"id": "slow", "url": server.url("/slow"), "every": "1h"}],
                       daemon={"heartbeat": "1s", "drain": "10s"})  # fmt: skip
    proc = monitor(cfg, "run")
    assert wait_for(lambda: server.hits("/slow"), timeout=15)
    started = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert time.monotonic() - started < 8
    db = sqlite3.connect(tmp_path / "state" / "monitor.sqlite3")
    assert db.execute("SELECT status FROM checks").fetchall() == [("baseline",)]


def test_schedules_every_with_jitter_or_cron(tmp_path):
    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    from monitor.config import load_config
    from monitor.daemon import trigger_of

    cfg = load_config(write_config(tmp_path, [
        {"id": "a", "url": "http://127.0.0.1:9/a", "every": "1s", "jitter": 0},
        {"id": "b", "url": "http://127.0.0.1:9/b", "cron": "15 */6 * * *"},
        {"id": "c", "url": "http://127.0.0.1:9/c"},
    ], defaults={"every": "6h", "jitter": "5m"}))  # fmt: skip
    a, b, c = (trigger_of(cfg, s) for s in cfg.sources)
    assert isinstance(a, IntervalTrigger) and a.interval.total_seconds() == 1 and not a.jitter
    assert isinstance(b, CronTrigger) and "*/6" in str(b)
    assert c.interval.total_seconds() == 6 * 3600 and c.jitter == 300


def test_a_failing_notifier_shows_in_the_heartbeat_and_health(server, tmp_path, capsys):
    hook = Webhook(status=404)  # a deleted webhook: apprise accepts the URL, every send fails
    server.set("/data", PAGE.format(extra=""))
    cfg = write_config(
        tmp_path, [{"id": "data", "url": server.url("/data"), "every": "1s", "jitter": 0}],
        notify=[{"url": hook.url(), "on": ["content_changed"]}],
        daemon={"heartbeat": "0.3s", "drain": "10s"},
        delivery={"backoff": "0.1s", "retry_every": "0.3s", "timeout": "5s", "failing_after": 2},
    )  # fmt: skip
    proc = monitor(cfg, "run")
    try:
        assert wait_for(lambda: len(server.hits("/data")) >= 1, timeout=15)
        server.set("/data", PAGE.format(extra="<p>An edit.</p>"))
        assert wait_for(lambda: hook.refused >= 2, timeout=15)

        def degraded() -> str | None:
            code, out, _ = run_cli(capsys, "-c", str(cfg), "health")
            return out if code == 0 and out.startswith("degraded:") else None

        line = wait_for(degraded, timeout=10)
        assert line and "failing since" in line and "failed attempts in a row" in line
        beat = json.loads((tmp_path / "state" / "heartbeat.json").read_text())
        assert beat["notifiers_failing"][0]["id"].startswith("json:127.0.0.1:")
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=20)
        hook.close()
    assert proc.returncode == 0, err[-2000:]
    assert "notifier json:127.0.0.1:" in err and "failing" in err  # logged as an error


def test_sigterm_does_not_wait_for_a_stuck_parse(server, tmp_path):
    """A parse that would run for long (3,000 pages, a generous pdf_timeout) when SIGTERM
    comes: the drain waits `daemon.drain`, then the worker is killed; the exit is clean."""
    from tests.faults.cases import thousands_of_pages

    server.set("/big.pdf", thousands_of_pages(), content_type="application/pdf")
    cfg = write_config(tmp_path, [{"id": "big", "url": server.url("/big.pdf"), "every": "1h"}],
                       http={"pdf_timeout": "120s", "retries": 0},
                       daemon={"heartbeat": "1s", "drain": "1s"})  # fmt: skip
    proc = monitor(cfg, "run")
    try:
        assert wait_for(lambda: server.hits("/big.pdf"), timeout=15)
        time.sleep(1.5)  # the worker is deep in the parse
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
        took = time.monotonic() - started
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err[-2000:]
    print(f"SIGTERM to exit with a stuck parse: {took:.2f} s (drain 1 s)")
    assert took < 1 + 2.5, f"SIGTERM took {took:.1f} s with a stuck parse"
    assert "stopped cleanly" in err


def test_heartbeat_and_web_view_go_on_while_a_write_waits(server, tmp_path):
    """Another process holds state/'s write lock (as `monitor gc` or a `monitor check` beside
    the daemon does) for 4 s: the daemon's next write waits for it, on the store's thread,
    while its event loop goes on beating and answering /healthz; the write then lands."""
    import urllib.request

    from tests.server import free_port

    server.set("/data", PAGE.format(extra=""))
    port = free_port()
    cfg = write_config(tmp_path, [{"id": "data", "url": server.url("/data"), "every": "0.3s",
                                   "jitter": 0}],
                       daemon={"heartbeat": "0.3s", "drain": "10s"},
                       web={"listen": f"127.0.0.1:{port}"})  # fmt: skip
    state = tmp_path / "state"
    proc = monitor(cfg, "run")

    def beat() -> str | None:
        try:
            return json.loads((state / "heartbeat.json").read_text())["at"]
        except (OSError, ValueError, KeyError):
            return None

    def checks() -> int:
        db = sqlite3.connect(state / "monitor.sqlite3", timeout=30)
        try:
            return db.execute("SELECT COUNT(*) FROM checks").fetchone()[0]
        finally:
            db.close()

    try:
        assert wait_for(lambda: beat() is not None and len(server.hits("/data")) >= 2, 20)
        lock = sqlite3.connect(state / "monitor.sqlite3", isolation_level=None, timeout=30)
        lock.execute("BEGIN IMMEDIATE")
        held = time.monotonic()
        try:
            before = checks()  # the lock holder reads what was committed before it
            time.sleep(0.8)  # a pass (every 0.3 s) ends: its write now waits for the lock
            beats, answers = set(), []
            while time.monotonic() - held < 3.0:
                beats.add(beat())
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                    answers.append(r.status)
                time.sleep(0.1)
            assert time.monotonic() - held < 3.5, "the lock was held less long than meant"
        finally:
            lock.execute("COMMIT")
            lock.close()
        assert len(beats) >= 4, beats  # a beat every 0.3 s while the write waited
        assert answers and set(answers) == {200}
        assert wait_for(lambda: checks() > before, 10), "the write never landed"
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err[-2000:]
    assert "Traceback" not in err, err[-2000:]


def _hang_heartbeat_writes(state: Path) -> Path:
    """Make the daemon's next heartbeat write block in open() for good, as a write to a dead
    network mount does: its temp file becomes a FIFO with no reader. Opening the FIFO for
    reading lets that write through."""
    fifo = state / "heartbeat.json.tmp"

    def plant() -> bool:
        try:
            os.mkfifo(fifo)
        except FileExistsError:  # a write in progress: its temp file is about to go
            return False
        return True

    assert wait_for(plant, timeout=5)
    return fifo


def _health(capsys, cfg: Path) -> tuple[int, str]:
    code, out, _ = run_cli(capsys, "-c", str(cfg), "health")
    return code, out


def test_a_hung_heartbeat_write_shows_as_stale_and_does_not_block_the_stop(
    server, tmp_path, capsys
):
    server.set("/a", PAGE.format(extra=""))
    cfg = write_config(tmp_path, [{"id": "a", "url": server.url("/a"), "every": "1h"}],
                       daemon={"heartbeat": "0.5s", "drain": "3s"})  # fmt: skip
    state = tmp_path / "state"
    proc = monitor(cfg, "run")
    try:
        assert wait_for(lambda: (state / "heartbeat.json").exists(), timeout=20)
        assert _health(capsys, cfg)[0] == 0
        _hang_heartbeat_writes(state)
        # stale after 4 beats (2 s) without a write; the daemon itself is still up
        assert wait_for(lambda: _health(capsys, cfg)[0] == 1, timeout=10)
        assert _health(capsys, cfg)[1].startswith("stale")
        assert proc.poll() is None
        proc.send_signal(signal.SIGTERM)
        started = time.monotonic()
        _, err = proc.communicate(timeout=30)
        # it stops after `drain` instead of waiting for the write (and the interpreter does
        # not wait for the hung thread at exit)
        assert proc.returncode == 0, err
        assert time.monotonic() - started < 10
        assert err.count("the last heartbeat write has not returned") == 1, err
        assert "stopping without the last heartbeat" in err
        assert "skipped: maximum number of running instances" not in err
        assert "Traceback" not in err, err
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def test_heartbeat_writes_resume_when_the_disk_answers_again(server, tmp_path, capsys):
    server.set("/a", PAGE.format(extra=""))
    cfg = write_config(tmp_path, [{"id": "a", "url": server.url("/a"), "every": "1h"}],
                       daemon={"heartbeat": "0.5s"})  # fmt: skip
    state = tmp_path / "state"
    proc = monitor(cfg, "run")
    try:
        assert wait_for(lambda: (state / "heartbeat.json").exists(), timeout=20)
        fifo = _hang_heartbeat_writes(state)
        assert wait_for(lambda: _health(capsys, cfg)[0] == 1, timeout=10)
        reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # the disk answers again
        try:
            assert wait_for(lambda: _health(capsys, cfg)[0] == 0, timeout=10)
        finally:
            os.close(reader)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 0, err
        assert "heartbeat writes return again" in err
        beat = json.loads((state / "heartbeat.json").read_text())
        assert beat["state"] == "stopped"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def test_a_run_cancelled_by_the_stop_is_no_error_but_a_failing_job_is() -> None:
    """A run the scheduler dispatched just as the daemon stops is cancelled by its shutdown
    before it starts (so before the job's own clean-stop handling): APScheduler logs that as
    "Error running job" with a traceback, which the log setup drops. A job that raises is
    still logged."""
    import asyncio
    import io
    import logging
    from datetime import UTC, datetime

    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    from monitor import logs

    async def quiet() -> None:
        await asyncio.sleep(0)

    async def broken() -> None:
        raise ValueError("a real error")

    async def dispatch_then(stop: bool) -> None:
        sched = AsyncIOScheduler(event_loop=asyncio.get_running_loop(), timezone=UTC)
        sched.add_job(quiet if stop else broken, next_run_time=datetime.now(UTC))
        sched.start()
        while not sched._executors["default"]._pending_futures:  # dispatched, not started
            await asyncio.sleep(0)
        if stop:
            sched.shutdown(wait=False)  # cancels the run before its first step
        await asyncio.sleep(0.05)
        if not stop:
            sched.shutdown(wait=False)

    out = io.StringIO()
    logs.setup(logging.INFO, "json", out)
    logs.register_secrets(["json://user:S3cretPass@127.0.0.1:9/T0kenPath"])  # records redacted
    try:
        asyncio.run(dispatch_then(stop=True))
        assert "Traceback" not in out.getvalue() and "Error running job" not in out.getvalue()
        asyncio.run(dispatch_then(stop=False))
        assert "a real error" in out.getvalue() and "Traceback" in out.getvalue()
    finally:
        logs.setup()
