"""Operations: retention bounds state/ (never at the cost of an alert still to deliver),
`monitor gc`, and a state/ written by schema 1 upgraded in place with its history readable."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from monitor.store import SCHEMA_VERSION, Store
from tests.faults import report
from tests.faults.cases import SENTENCE, html
from tests.faults.conftest import state_whole
from tests.faults.helpers import alerts
from tests.util import json_lines, run_cli, write_config

# The schema of the first release (commit 96203ba, monitor/store.py, SCHEMA_VERSION = 1),
# verbatim: documents, snapshots, checks, metrics, events; no outbox, no statements.
SCHEMA_1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    id TEXT PRIMARY KEY, url TEXT NOT NULL UNIQUE, source TEXT NOT NULL, parent TEXT,
    title TEXT, kind TEXT, etag TEXT, last_modified TEXT, raw_sha256 TEXT, text_sha256 TEXT,
    status TEXT NOT NULL DEFAULT 'new', baseline INTEGER NOT NULL DEFAULT 1,
    failures INTEGER NOT NULL DEFAULT 0, misses INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT NOT NULL, last_checked TEXT, last_changed TEXT, last_error TEXT
);
CREATE TABLE snapshots (
    id INTEGER PRIMARY KEY, document TEXT NOT NULL REFERENCES documents(id), at TEXT NOT NULL,
    kind TEXT NOT NULL, title TEXT, text_sha256 TEXT NOT NULL, raw_sha256 TEXT NOT NULL,
    text_path TEXT NOT NULL, raw_path TEXT NOT NULL, bytes INTEGER NOT NULL,
    pages INTEGER NOT NULL, meta TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX snapshots_document ON snapshots(document, id);
CREATE TABLE checks (
    id INTEGER PRIMARY KEY, document TEXT NOT NULL, at TEXT NOT NULL, status TEXT NOT NULL,
    http_status INTEGER, bytes INTEGER, elapsed REAL, error TEXT, snapshot INTEGER
);
CREATE INDEX checks_document ON checks(document, id);
CREATE TABLE metrics (
    snapshot INTEGER NOT NULL REFERENCES snapshots(id), family TEXT NOT NULL,
    label TEXT NOT NULL, period TEXT, value REAL NOT NULL, unit TEXT NOT NULL, page INTEGER,
    context TEXT NOT NULL, qualifier TEXT
);
CREATE INDEX metrics_snapshot ON metrics(snapshot);
CREATE TABLE events (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, document TEXT NOT NULL, source TEXT NOT NULL,
    url TEXT NOT NULL, kind TEXT NOT NULL, summary TEXT NOT NULL,
    alert INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_document ON events(document, id);
INSERT INTO meta VALUES ('schema_version', '1');
"""


def schema_1_state(state: Path, url: str) -> None:
    """A state/ as the first release left it: two versions of one page, with figures."""
    (state / "snapshots" / "data").mkdir(parents=True)
    db = sqlite3.connect(state / "monitor.sqlite3")
    db.executescript(SCHEMA_1)
    db.execute(
        "INSERT INTO documents(id, url, source, title, kind, status, first_seen, last_checked,"
        " last_changed) VALUES('data', ?, 'data', 'Fault', 'html', 'ok', ?, ?, ?)",
        (url, "2025-01-01T00:00:00.000000Z", "2025-02-01T00:00:00.000000Z",
         "2025-02-01T00:00:00.000000Z"),
    )  # fmt: skip
    for n, (at, value) in enumerate(
        [("2025-01-01T00:00:00.000000Z", 900), ("2025-02-01T00:00:00.000000Z", 950)], 1
    ):
        text = f"Fault\n{SENTENCE.format(n=value)}\n"
        stem = at[:19].replace(":", "").replace("-", "") + "Z"
        (state / f"snapshots/data/{stem}.txt").write_text(text)
        (state / f"snapshots/data/{stem}.html").write_text(html(SENTENCE.format(n=value)))
        db.execute(
            "INSERT INTO snapshots VALUES(?, 'data', ?, 'html', 'Fault', ?, ?, ?, ?, 100, 1,"
            " '{}')",
            (n, at, f"t{n}", f"r{n}", f"snapshots/data/{stem}.txt",
             f"snapshots/data/{stem}.html"),
        )  # fmt: skip
        db.execute(
            "INSERT INTO metrics VALUES(?, 'arrests', 'arrests', '2024', ?, 'count', NULL, ?,"
            " NULL)",
            (n, value, SENTENCE.format(n=value)),
        )
        db.execute(
            "INSERT INTO checks(document, at, status, snapshot) VALUES('data', ?, ?, ?)",
            (at, "baseline" if n == 1 else "changed", n),
        )
    events = [
        ("2025-01-01T00:00:00.000000Z", "document_new", "baseline: html", 0, {"baseline": True}),
        ("2025-02-01T00:00:00.000000Z", "content_changed", "+1 -1 lines", 0,
         {"added": 1, "removed": 1, "snapshot": 2}),
        ("2025-02-01T00:00:00.000000Z", "metric_changed", "arrests, 2024: 900 -> 950", 1,
         {"family": "arrests", "old": 900, "new": 950, "snapshot": 2}),
    ]  # fmt: skip
    for at, kind, summary, alert, data in events:
        db.execute(
            "INSERT INTO events(at, document, source, url, kind, summary, alert, data)"
            " VALUES(?, 'data', 'data', ?, ?, ?, ?, ?)",
            (at, url, kind, summary, alert, json.dumps(data)),
        )
    db.commit()
    db.close()


def test_schema_1_state_is_upgraded_in_place(server, tmp_path, capsys):
    server.set("/data", html(SENTENCE.format(n=950)))
    cfg = write_config(tmp_path, [{"id": "data", "url": server.url("/data")}])
    state = tmp_path / "state"
    schema_1_state(state, server.url("/data"))
    row = report.row("state/ from schema 1", "history+diff+check")

    code, out, _ = run_cli(capsys, "-c", str(cfg), "history", "--json")
    row.runs += 1
    assert code == 0
    assert [e["kind"] for e in json_lines(out)] == [
        "metric_changed", "content_changed", "document_new"]  # fmt: skip
    db = sqlite3.connect(state / "monitor.sqlite3")
    assert db.execute("SELECT value FROM meta").fetchone()[0] == str(SCHEMA_VERSION)
    assert "statements" in {r[1] for r in db.execute("PRAGMA table_info(snapshots)")}
    db.close()

    code, out, _ = run_cli(capsys, "-c", str(cfg), "diff", "data")
    assert code == 0 and "-Law enforcement reported 900 arrests" in out
    assert "+Law enforcement reported 950 arrests" in out
    code, out, _ = run_cli(capsys, "-c", str(cfg), "metrics", "--json")
    [m] = json_lines(out)
    assert m["value"] == 950 and m["first_seen"].startswith("2025-01-01")

    server.set("/data", html(SENTENCE.format(n=1000)))  # a new version over the old history
    code, out, _ = run_cli(capsys, "-c", str(cfg), "check", "--json")
    row.runs += 1
    assert code == 0
    assert json_lines(out)[0]["status"] == "changed"
    assert "metric_changed" in json_lines(out)[0]["events"]
    code, out, _ = run_cli(capsys, "-c", str(cfg), "diff", "data")
    assert "-Law enforcement reported 950 arrests" in out
    assert "+Law enforcement reported 1,000 arrests" in out
    code, out, _ = run_cli(capsys, "-c", str(cfg), "history", "--json")
    assert len(json_lines(out)) == 5  # the old three and the new content and figure events
    state_whole(state)


def test_retention_never_drops_a_version_an_undelivered_alert_refers_to(
    server, webhook, tmp_path, capsys
):
    webhook.status = 500  # down: every alert stays pending
    server.set("/data", html(SENTENCE.format(n=1)))
    cfg = write_config(tmp_path, [{"id": "data", "url": server.url("/data")}],
                       retention={"keep": 2}, notify=[webhook.url()],
                       delivery={"backoff": "0.01s", "max_backoff": "0.01s"})  # fmt: skip
    state = tmp_path / "state"
    row = report.row("retention keep: 2 (alerts pending)", "check+gc")
    for n in range(1, 6):
        server.set("/data", html(SENTENCE.format(n=n)))
        assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0
        row.runs += 1
    store = Store(state)
    assert len(store.snapshots("data")) == 5  # every version is held by a pending alert
    store.close()
    code, out, _ = run_cli(capsys, "-c", str(cfg), "gc")
    assert code == 0 and out.startswith("gc: 0 old versions pruned"), out
    assert "3 kept for undelivered alerts" in out

    webhook.status = 200  # the notifier is back: the alerts go, retention applies
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0
    got, _ = alerts(webhook)
    assert len(got) == 4  # 1 -> 2 ... 4 -> 5
    code, out, _ = run_cli(capsys, "-c", str(cfg), "gc", "--vacuum")
    row.runs += 1
    assert code == 0 and out.startswith("gc: 3 old versions pruned"), out
    assert "database" in out
    store = Store(state)
    kept = store.snapshots("data")
    assert len(kept) == 2 and len(store.snapshots("data", pruned=True)) == 5
    store.close()
    assert len(list((state / "snapshots" / "data").glob("*.txt"))) == 2
    code, out, _ = run_cli(capsys, "-c", str(cfg), "metrics", "--json")
    [m] = json_lines(out)
    assert m["value"] == 5  # the figures of pruned versions stay: first-seen dates hold
    code, out, _ = run_cli(capsys, "-c", str(cfg), "diff", "data")
    assert "+Law enforcement reported 5 arrests" in out

    server.set("/data", html(SENTENCE.format(n=6)))  # a new version prunes by itself
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0
    store = Store(state)
    kept = [s.id for s in store.snapshots("data")]
    store.close()
    assert len(kept) == 2  # 4 went as 6 was recorded; 5 and 6 are the alert's two versions
    state_whole(state)


def test_retention_by_days_and_per_source(tmp_path):
    store = Store(tmp_path / "state")
    store.ensure_sources([("a", "http://127.0.0.1:9/a")])
    from monitor.model import CheckRecord, NewSnapshot

    for n in range(3):
        text = f"version {n}"
        store.record(CheckRecord("a", "changed", snapshot=NewSnapshot(
            "html", None, text, text.encode(), f"t{n}", f"r{n}", 1, {}, [])))  # fmt: skip
    later = datetime.now(UTC) + timedelta(days=10)
    assert store.prune("a", None, 30, now=later).versions == 0  # all within 30 days
    pruned = store.prune("a", None, 5, now=later)
    assert pruned.versions == 2 and pruned.bytes > 0  # only the newest is always kept
    assert len(store.snapshots("a")) == 1
    store.close()
    state_whole(tmp_path / "state")

    from monitor.config import Config

    cfg = Config.model_validate({
        "retention": {"keep": 10},
        "sources": [{"id": "a", "url": "http://127.0.0.1:9/a", "retention": {"days": 30}},
                    {"id": "b", "url": "http://127.0.0.1:9/b"}],
    })  # fmt: skip
    assert cfg.retention_of(cfg.sources[0]).days == 30
    assert cfg.retention_of(cfg.sources[1]).keep == 10
    assert Config.model_validate({"sources": cfg.model_dump()["sources"][1:]}).retention.unlimited


def test_gc_removes_orphans_left_by_a_crash(server, tmp_path, capsys):
    server.set("/data", html(SENTENCE.format(n=1)))
    cfg = write_config(tmp_path, [{"id": "data", "url": server.url("/data")}])
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0
    folder = tmp_path / "state" / "snapshots" / "data"
    (folder / "20990101T000000Z.txt.tmp").write_text("half")
    (folder / "20990101T000000Z.html").write_text("no row refers to me")
    code, out, _ = run_cli(capsys, "-c", str(cfg), "gc")
    assert code == 0
    assert out.strip() == (
        "gc: 0 old versions pruned (0 B), 2 orphan files removed, "
        "retention keeps every version (see `retention:` in the config)"
    )
    state_whole(tmp_path / "state")
