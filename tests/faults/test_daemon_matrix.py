"""The whole fault table served at once to one `monitor run` (a subprocess behind the
network guard, with table DNS): one source per fault, each on its own server, beside two
documents that must keep working. The daemon must stay up and healthy, record each fault's
reason on its checks, record and alert the good document's change exactly once, and stop
cleanly on SIGTERM with state/ whole.

The daemon's HTTP settings are one set for all sources (DAEMON_HTTP), so expected errors are
matched with their numbers free (Case.loose)."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.faults import netguard, report
from tests.faults.cases import CASES, SENTENCE, html
from tests.faults.conftest import state_whole, subprocess_env
from tests.faults.helpers import GOOD_PDF, alerts, kept_text
from tests.receivers import wait_for
from tests.server import FixtureServer
from tests.util import run_cli, write_config

DAEMON_HTTP = {
    "timeout": 2,
    # Above the read timeout by more than a stall of the loop under load (see
    # Case.daemon_also); the drip case's gaps are 20x under the read timeout, so only this
    # deadline can end it.
    "deadline": 6,
    "max_bytes": 1_600_000,
    "retries": 2,
    "backoff": 0.01,
    "max_retry_after": 2,
    "per_host_concurrency": 4,
    "per_host_delay": 0,
    "pdf_timeout": 8,  # 39 documents at once on 2 cores: a 1.7 s parse can take 3 s
}


def slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")[:40].strip("-")


def checks(state: Path) -> dict[str, list[tuple[str, str | None]]]:
    db = sqlite3.connect(state / "monitor.sqlite3", timeout=10)
    try:
        rows = db.execute("SELECT document, status, error FROM checks ORDER BY id").fetchall()
    except sqlite3.OperationalError:  # not created yet
        rows = []
    finally:
        db.close()
    out: dict[str, list[tuple[str, str | None]]] = {}
    for doc, status, error in rows:
        out.setdefault(doc, []).append((status, error))
    return out


def test_every_fault_at_once_through_the_daemon(tmp_path, webhook, capsys):
    servers = [FixtureServer().start() for _ in CASES]
    main = FixtureServer().start()
    try:
        ids = {}
        sources = []
        for case, srv in zip(CASES, servers, strict=True):
            ids[case.name] = f"f-{slug(case.name)}"
            sources.append({"id": ids[case.name], "url": case.serve(srv), "every": "3s",
                            "jitter": 0})  # fmt: skip
        main.set("/good", html(SENTENCE.format(n=2000)))
        main.set("/good.pdf", GOOD_PDF, content_type="application/pdf")
        sources += [
            {"id": "good", "url": main.url("/good"), "every": "1s", "jitter": 0},
            {"id": "good-pdf", "url": main.url("/good.pdf"), "every": "1s", "jitter": 0},
        ]
        cfg = write_config(tmp_path, sources, http=DAEMON_HTTP, notify=[webhook.url()],
                           daemon={"heartbeat": "0.5s", "drain": "10s"},
                           delivery={"retry_every": "1s", "timeout": "5s"})  # fmt: skip
        state = tmp_path / "state"
        started = time.monotonic()
        log = (tmp_path / "daemon.log").open("w")
        proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                netguard.WRAPPER,
                "-c",
                str(cfg),
                "--log-format",
                "json",
                "-v",
                "run",
            ],
            stdout=subprocess.DEVNULL,
            stderr=log,
            env=subprocess_env(),
        )  # fmt: skip  (a file, not a pipe: a full pipe would block the daemon's logging)
        try:
            assert wait_for(lambda: (state / "monitor.sqlite3").exists(), timeout=20)
            assert wait_for(lambda: len(checks(state).get("good", [])) >= 1, timeout=60)
            main.set("/good", html(SENTENCE.format(n=2001)))
            every = {*ids.values(), "good", "good-pdf"}

            def done() -> bool:
                seen = checks(state)
                return all(len(seen.get(d, [])) >= 2 for d in every) and bool(webhook.received)

            assert wait_for(done, timeout=90, step=0.5), {
                d: len(v) for d, v in checks(state).items()
            }
            code, out, _ = run_cli(capsys, "-c", str(cfg), "health")
            assert code == 0 and out.startswith("ok"), out
            assert proc.poll() is None, "the daemon died"
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=60)
            log.close()
            err = (tmp_path / "daemon.log").read_text()
        ran = time.monotonic() - started
    finally:
        for srv in [*servers, main]:
            srv.stop()

    assert proc.returncode == 0, err[-3000:]
    assert "NETGUARD" not in err and "Traceback" not in err and "internal error" not in err
    lines = []
    for line in err.splitlines():
        try:
            lines.append(json.loads(line))
        except ValueError:
            continue
    assert any("stopped cleanly" in ln["msg"] for ln in lines)
    holdup = max(
        (ln.get("elapsed") or 0.0)
        for ln in lines
        if ln.get("msg", "").startswith(("checked good:", "checked good-pdf:"))
    )

    seen = checks(state)
    for case in CASES:
        results = seen[ids[case.name]]
        row = report.row(case.name, "run")
        row.runs += len(results)
        row.worst_holdup = max(row.worst_holdup, holdup)
        pattern = case.loose()
        if pattern is None:
            assert all(status != "failed" for status, _ in results), results
            assert case.text in (kept_text(state, ids[case.name]) or "")
        else:
            also = case.daemon_also
            for status, error in results:
                assert status == "failed", (case.name, error)
                assert pattern.search(error or "") or (also and also in (error or "")), (
                    case.name, error)  # fmt: skip
    good = seen["good"]
    assert [s for s, _ in good].count("changed") == 1, good
    db = sqlite3.connect(state / "monitor.sqlite3")
    kinds = [r[0] for r in db.execute("SELECT kind FROM events WHERE document='good'")]
    db.close()
    lost = int(kinds.count("content_changed") != 1) + int(kinds.count("metric_changed") != 1)
    got, repeats = alerts(webhook)
    arrests = [m for m in got.values() if m["title"].startswith("arrests, 2024: 2,000 -> 2,001")]
    for case in CASES:
        r = report.row(case.name, "run")
        r.events_lost += lost
        r.alerts_duplicated += max(0, len(arrests) - 1)
        r.resends += repeats
    assert lost == 0, kinds
    assert len(arrests) == 1, [m["title"] for m in got.values()]
    state_whole(state)
    assert ran < 150
