"""state/'s tables: created on first use, migrated in place, step by step, from any older
schema (each step checks its column first, so a half-done upgrade is finished)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .errors import StateError

SCHEMA_VERSION = 5

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,              -- the configured source it belongs to
    parent TEXT,                       -- the document it was discovered on (NULL: configured)
    title TEXT,
    kind TEXT,
    etag TEXT,
    last_modified TEXT,
    raw_sha256 TEXT,
    text_sha256 TEXT,
    status TEXT NOT NULL DEFAULT 'new', -- new | ok | failing | removed
    baseline INTEGER NOT NULL DEFAULT 1, -- its first version is a baseline (no alerts)
    failures INTEGER NOT NULL DEFAULT 0, -- consecutive failed checks
    misses INTEGER NOT NULL DEFAULT 0,   -- consecutive 404/410 answers
    first_seen TEXT NOT NULL,
    last_checked TEXT,
    last_changed TEXT,
    last_error TEXT,
    revision INTEGER NOT NULL DEFAULT 0 -- bumped by every write: one writer per change (schema 4)
);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source);
CREATE TABLE IF NOT EXISTS snapshots (
    id INTEGER PRIMARY KEY,
    document TEXT NOT NULL REFERENCES documents(id),
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT,
    text_sha256 TEXT NOT NULL,
    raw_sha256 TEXT NOT NULL,
    text_path TEXT NOT NULL,           -- relative to state/
    raw_path TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    pages INTEGER NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}',
    statements INTEGER,                -- how many were recorded (NULL: before schema 3)
    finder TEXT                        -- FINDER_VERSION its figures came from (NULL: "1")
);
CREATE INDEX IF NOT EXISTS snapshots_document ON snapshots(document, id);
CREATE TABLE IF NOT EXISTS checks (
    id INTEGER PRIMARY KEY,
    document TEXT NOT NULL,
    at TEXT NOT NULL,
    status TEXT NOT NULL, -- baseline|new|changed|unchanged|not_modified|failed|removed
    http_status INTEGER,
    bytes INTEGER,
    elapsed REAL,
    error TEXT,
    snapshot INTEGER
);
CREATE INDEX IF NOT EXISTS checks_document ON checks(document, id);
CREATE TABLE IF NOT EXISTS metrics (
    snapshot INTEGER NOT NULL REFERENCES snapshots(id),
    family TEXT NOT NULL,
    label TEXT NOT NULL,
    period TEXT,
    value REAL NOT NULL,
    unit TEXT NOT NULL,
    page INTEGER,
    context TEXT NOT NULL,
    qualifier TEXT,
    period_kind TEXT                   -- year|fiscal_year|quarter|partial|cumulative|as_of
);
CREATE INDEX IF NOT EXISTS metrics_snapshot ON metrics(snapshot);
CREATE TABLE IF NOT EXISTS statements (
    snapshot INTEGER NOT NULL REFERENCES snapshots(id),
    families TEXT NOT NULL,            -- space-separated, the first is the one reported
    page INTEGER,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS statements_snapshot ON statements(snapshot);
CREATE TABLE IF NOT EXISTS pages (         -- PDF page extractions, reused when a page is unchanged
    snapshot INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    fingerprint TEXT NOT NULL,
    text TEXT NOT NULL,
    prose TEXT NOT NULL,
    tables TEXT NOT NULL,              -- JSON: [[row cells...]...] per table
    links TEXT NOT NULL                -- JSON list
);
CREATE INDEX IF NOT EXISTS pages_snapshot ON pages(snapshot);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    document TEXT NOT NULL,
    source TEXT NOT NULL,
    url TEXT NOT NULL,
    kind TEXT NOT NULL,
    summary TEXT NOT NULL,
    alert INTEGER NOT NULL DEFAULT 0,  -- alert-worthy
    data TEXT NOT NULL DEFAULT '{}',
    message INTEGER                    -- the outbox message it went into (schema 2)
);
CREATE INDEX IF NOT EXISTS events_document ON events(document, id);
CREATE TABLE IF NOT EXISTS messages (  -- one alert message per check of a document (schema 2)
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    document TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL                 -- the message model as JSON (monitor.notify.Message)
);
CREATE TABLE IF NOT EXISTS outbox (    -- one row per (message, notifier) delivery (schema 2)
    message INTEGER NOT NULL REFERENCES messages(id),
    notifier TEXT NOT NULL,            -- a redacted, stable notifier id, never its URL
    status TEXT NOT NULL DEFAULT 'pending', -- pending | delivered | failed (gave up)
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,                   -- secrets redacted
    next_try TEXT NOT NULL,            -- UTC, also the lease of an attempt in flight
    delivered_at TEXT,
    PRIMARY KEY (message, notifier)
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox(status, next_try);
CREATE TABLE IF NOT EXISTS notifiers ( -- each notifier's run of failed sends (notifier_failing)
    id TEXT PRIMARY KEY,               -- the redacted notifier id
    failures INTEGER NOT NULL DEFAULT 0, -- failed attempts in a row
    failing_since TEXT,                -- set when notifier_failing was sent, NULL once it delivers
    last_error TEXT
);
"""

# For the read side (monitor.queries, the web view): events by source, kind, figure family and
# alert message, the latest alert-worthy ones without a scan of the whole table, and checks by
# status (/metrics). Created after the migrations, which add the columns some of them cover.
INDEXES = """
CREATE INDEX IF NOT EXISTS events_source ON events(source, id);
CREATE INDEX IF NOT EXISTS events_kind ON events(kind, id);
CREATE INDEX IF NOT EXISTS events_family ON events(json_extract(data, '$.family'), id);
CREATE INDEX IF NOT EXISTS events_alert ON events(id) WHERE alert = 1;
CREATE INDEX IF NOT EXISTS events_message ON events(message) WHERE message IS NOT NULL;
CREATE INDEX IF NOT EXISTS checks_status ON checks(status);
"""


# A version whose files retention kept (a pruned one keeps its row and figures).
KEPT = "json_extract(meta, '$.pruned') IS NULL"


def migrate(db: sqlite3.Connection, where: Path) -> None:
    """Create or upgrade the tables; inside the caller's write transaction."""
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)
    row = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    version = int(row[0]) if row else 0
    if version > SCHEMA_VERSION:
        raise StateError(f"{where} was written by a newer version (schema {version}); upgrade")
    if 0 < version < 2:  # schema 1 -> 2: alert messages and their outbox
        _add_column(db, "events", "message", "INTEGER")
    if 0 < version < 3:  # schema 2 -> 3: outcome statements per snapshot
        _add_column(db, "snapshots", "statements", "INTEGER")
    if 0 < version < 4:  # schema 3 -> 4: a document's revision (compare-and-set)
        _add_column(db, "documents", "revision", "INTEGER NOT NULL DEFAULT 0")
    if 0 < version < 5:  # schema 4 -> 5: the finder's version, period kinds
        _add_column(db, "snapshots", "finder", "TEXT")
        _add_column(db, "metrics", "period_kind", "TEXT")
    # Future migrations: `if 0 < version < 6: ...` steps go here, in order.
    for statement in INDEXES.split(";"):  # after the steps: some cover columns they add
        if statement.strip():
            db.execute(statement)
    db.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', ?)",
        (str(SCHEMA_VERSION),),
    )


def _add_column(db: sqlite3.Connection, table: str, column: str, decl: str) -> None:
    if column not in {r[1] for r in db.execute(f"PRAGMA table_info({table})")}:
        db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")
