"""state/: SQLite plus snapshot files. The only module that writes state/.

Every write is atomic: snapshot files are written under a pending name, fsynced, and
renamed into place inside the transaction that refers to them, so a crash at any moment
leaves the previous state whole (at worst an unreferenced file, removed by recover(), which
holds the same write lock and so never meets a file another process is committing).

Several processes may share state/: a check writes a document only if no other process
wrote it since the check read it (the documents' revision, compared inside the write
transaction); see SupersededError.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import socket
import sqlite3
import time
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import STAMP, Metric, PageExtract, stamp

if TYPE_CHECKING:
    from .statements import Statement

SCHEMA_VERSION = 5

_SCHEMA = """
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


def utcnow() -> str:
    return stamp(datetime.now(UTC))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Document:
    id: str
    url: str
    source: str
    parent: str | None
    title: str | None
    kind: str | None
    etag: str | None
    last_modified: str | None
    raw_sha256: str | None
    text_sha256: str | None
    status: str
    baseline: int
    failures: int
    misses: int
    first_seen: str
    last_checked: str | None
    last_changed: str | None
    last_error: str | None
    revision: int = 0  # bumped by every write of the document's row


@dataclass
class Snapshot:
    id: int
    document: str
    at: str
    kind: str
    title: str | None
    text_sha256: str
    raw_sha256: str
    text_path: str
    raw_path: str
    bytes: int
    pages: int
    meta: str
    statements: int | None = None
    finder: str | None = None  # the figure finder's version (None: the first release)


@dataclass
class Event:
    """An event to record; `data` carries the details alerts and --json need."""

    document: str
    source: str
    url: str
    kind: str
    summary: str
    alert: bool = False
    data: dict[str, Any] | None = None

    @classmethod
    def about(
        cls, doc: Document, kind: str, summary: str, alert: bool = False, data: dict | None = None
    ) -> Event:
        return cls(doc.id, doc.source, doc.url, kind, summary, alert, data)


@dataclass
class NewSnapshot:
    """A distinct version to keep: its text and raw bytes go to files, the rest to SQLite."""

    kind: str
    title: str | None
    text: str
    raw: bytes
    text_sha256: str
    raw_sha256: str
    pages: int
    meta: dict[str, str]
    metrics: list[Metric]
    statements: list[Statement] = field(default_factory=list)
    page_extracts: list[PageExtract] = field(default_factory=list)
    finder: str | None = None  # metrics.FINDER_VERSION


@dataclass
class CheckRecord:
    """Everything one check of one document writes, committed in one transaction."""

    document: str
    status: str
    http_status: int | None = None
    bytes: int | None = None
    elapsed: float | None = None
    error: str | None = None
    snapshot: NewSnapshot | None = None
    events: list[Event] | None = None
    # Document fields to update (etag, last_modified, raw_sha256, title, status, counters...).
    updates: dict[str, Any] | None = None
    # The alert message made of this check's events, queued for delivery in the same
    # transaction (so no alert is lost to a crash between the commit and the send).
    outbox: OutboxMessage | None = None
    # Documents this check discovered, (id, url, source): created with their document_new
    # events, so a crash cannot keep the alert and lose the document.
    discovered: list[tuple[str, str, str]] = field(default_factory=list)
    baseline: bool = False  # the discovered documents' first versions alert nobody
    # The document's revision the check started from: the write is refused (SupersededError)
    # if another process wrote the document since. None: no such check (tests, tools).
    revision: int | None = None


@dataclass
class OutboxMessage:
    """A message to queue: its model as JSON-able data, and the notifier ids to deliver to."""

    title: str
    body: dict[str, Any]
    notifiers: list[str]
    events: list[int] | None = None  # indexes of the check's events it holds (None: all)


@dataclass
class Delivery:
    """One (message, notifier) row of the outbox, joined with its message."""

    message: int
    notifier: str
    status: str
    attempts: int
    last_error: str | None
    next_try: str
    delivered_at: str | None
    at: str
    document: str
    title: str
    body: str


_SLUG = re.compile(r"[^a-z0-9]+")
_RAW_EXT = {"pdf": ".pdf", "html": ".html", "text": ".txt"}


def slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")[:60] or "document"


class Store:
    """Opens (and creates or migrates) state/; one instance per process."""

    def __init__(self, state_dir: Path) -> None:
        self.dir = Path(state_dir)
        try:
            (self.dir / "snapshots").mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StateError(f"state directory {self.dir}: {e.strerror or e}") from None
        if not os.access(self.dir, os.W_OK):
            raise StateError(f"state directory {self.dir} is not writable")
        self._deferred: list[tuple[CheckRecord, str]] = []
        try:
            self.db = sqlite3.connect(
                self.dir / "monitor.sqlite3", isolation_level=None, timeout=30
            )
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.Error as e:  # unreadable, not a database, read-only, disk full...
            raise StateError(f"{self.dir / 'monitor.sqlite3'}: {e}") from None

    # -- schema -----------------------------------------------------------------------
    def _migrate(self) -> None:
        with self.transaction():
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self.db.execute(statement)
            row = self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            version = int(row[0]) if row else 0
            if version > SCHEMA_VERSION:
                raise StateError(
                    f"{self.dir} was written by a newer version (schema {version}); upgrade"
                )
            if 0 < version < 2:  # schema 1 -> 2: alert messages and their outbox
                cols = {r[1] for r in self.db.execute("PRAGMA table_info(events)")}
                if "message" not in cols:
                    self.db.execute("ALTER TABLE events ADD COLUMN message INTEGER")
            if 0 < version < 3:  # schema 2 -> 3: outcome statements per snapshot
                cols = {r[1] for r in self.db.execute("PRAGMA table_info(snapshots)")}
                if "statements" not in cols:
                    self.db.execute("ALTER TABLE snapshots ADD COLUMN statements INTEGER")
            if 0 < version < 4:  # schema 3 -> 4: a document's revision (compare-and-set)
                cols = {r[1] for r in self.db.execute("PRAGMA table_info(documents)")}
                if "revision" not in cols:
                    self.db.execute(
                        "ALTER TABLE documents ADD COLUMN revision INTEGER NOT NULL DEFAULT 0"
                    )
            if 0 < version < 5:  # schema 4 -> 5: the finder's version, period kinds
                cols = {r[1] for r in self.db.execute("PRAGMA table_info(snapshots)")}
                if "finder" not in cols:
                    self.db.execute("ALTER TABLE snapshots ADD COLUMN finder TEXT")
                cols = {r[1] for r in self.db.execute("PRAGMA table_info(metrics)")}
                if "period_kind" not in cols:
                    self.db.execute("ALTER TABLE metrics ADD COLUMN period_kind TEXT")
            # Future migrations: `if version < 6: ...` steps go here, in order.
            for statement in INDEXES.split(";"):
                if statement.strip():
                    self.db.execute(statement)
            self.db.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', ?)",
                (str(SCHEMA_VERSION),),
            )

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT; a database that cannot be written (disk full, read-only,
        I/O error, locked for too long) raises StateError, after a rollback."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            raise self._state_error(e) from None
        try:
            yield self.db
            self.db.execute("COMMIT")
        except BaseException as e:
            with contextlib.suppress(sqlite3.Error):  # SQLite may have rolled back already
                self.db.execute("ROLLBACK")
            if _unwritable(e):
                raise self._state_error(e) from None
            raise

    def _state_error(self, e: BaseException) -> StateError:
        return StateError(f"cannot write {self.dir / 'monitor.sqlite3'}: {e}")

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self.db.close()

    # -- documents --------------------------------------------------------------------
    def document(self, doc_id: str) -> Document | None:
        from . import queries

        return queries.document(self.db, doc_id)

    def document_by_url(self, url: str) -> Document | None:
        row = self.db.execute("SELECT * FROM documents WHERE url=?", (url,)).fetchone()
        return Document(**row) if row else None

    def documents(self, source: str | None = None) -> list[Document]:
        from . import queries

        return queries.documents(self.db, source)

    def ensure_sources(self, sources: Iterable[tuple[str, str]]) -> dict[str, str]:
        """The configured documents, (id, url): created on first sight, their URLs kept
        current; one read, and a write transaction only when one is new or moved.

        A URL already tracked under another id (a link discovered before it was configured,
        or a source renamed in the config) is adopted, history and all, by the configured
        id. A moved URL forgets the old URL's validators (an ETag belongs to one resource).
        Returns the sources that cannot be set up, by id, with the reason (for the user).
        """
        sources = list(sources)
        rows = {
            r[0]: tuple(r) for r in self.db.execute("SELECT id, url, parent, source FROM documents")
        }
        if all(rows.get(i) == (i, u, None, i) for i, u in sources):
            return {}  # the common case: nothing to write
        problems: dict[str, str] = {}
        configured = {i for i, _ in sources}
        with self.transaction() as db:
            db.execute("PRAGMA defer_foreign_keys=ON")  # ids are renamed below; until COMMIT
            for doc_id, url in sources:
                holder = db.execute("SELECT id FROM documents WHERE url=?", (url,)).fetchone()
                mine = db.execute("SELECT url FROM documents WHERE id=?", (doc_id,)).fetchone()
                if holder is not None and holder[0] != doc_id:
                    owner = holder[0]
                    if owner in configured or mine is not None:
                        problems[doc_id] = (
                            f"source {doc_id!r}: its URL {url} is already tracked as document"
                            f" {owner!r}" + (" (another configured source)" if owner in
                                              configured else "; `monitor sources` lists it")
                            + f". Give the source the id {owner!r} to take over that history,"
                            " or remove one of the two"
                        )  # fmt: skip
                        continue
                    self._rename(db, owner, doc_id)
                elif mine is None:
                    self._insert_document(doc_id, url, doc_id, None, True)
                    continue
                moved = mine is not None and mine[0] != url
                db.execute(
                    "UPDATE documents SET url=?, parent=NULL, source=?, revision=revision+1"
                    + (", etag=NULL, last_modified=NULL" if moved else "")
                    + " WHERE id=?",
                    (url, doc_id, doc_id),
                )
        return problems

    @staticmethod
    def _rename(db: sqlite3.Connection, old: str, new: str) -> None:
        """A document's id, everywhere it is used (its files keep their paths: the rows say
        where they are)."""
        db.execute("UPDATE documents SET id=? WHERE id=?", (new, old))
        db.execute("UPDATE documents SET parent=? WHERE parent=?", (new, old))
        for table in ("documents", "events"):  # a renamed source: what it discovered too
            db.execute(f"UPDATE {table} SET source=? WHERE source=?", (new, old))
        for table in ("snapshots", "checks", "events", "messages"):
            db.execute(f"UPDATE {table} SET document=? WHERE document=?", (new, old))

    def _insert_document(
        self, doc_id: str, url: str, source: str, parent: str | None, baseline: bool
    ) -> None:
        self.db.execute(
            "INSERT INTO documents(id, url, source, parent, baseline, first_seen)"
            " VALUES(?,?,?,?,?,?)",
            (doc_id, url, source, parent, int(baseline), utcnow()),
        )

    def new_document_id(self, url: str, taken: Collection[str] = ()) -> str:
        """A readable id for a discovered document: its file name, made unique (also among
        the `taken` ids not written yet)."""
        name = slug(url.rstrip("/").rsplit("/", 1)[-1].split("?")[0])
        candidate = name
        if candidate in taken or self.document(candidate) is not None:
            candidate = f"{name}-{hashlib.sha1(url.encode()).hexdigest()[:6]}"
        return candidate

    # -- snapshots ----------------------------------------------------------------------
    def last_snapshot(self, doc_id: str) -> Snapshot | None:
        row = self.db.execute(
            "SELECT * FROM snapshots WHERE document=? ORDER BY id DESC LIMIT 1", (doc_id,)
        ).fetchone()
        return Snapshot(**row) if row else None

    def snapshots(self, doc_id: str, pruned: bool = False) -> list[Snapshot]:
        from . import queries

        return queries.snapshots(self.db, doc_id, pruned)

    def read_text(self, snap: Snapshot) -> str:
        return (self.dir / snap.text_path).read_text(encoding="utf-8")

    def read_raw(self, snap: Snapshot) -> bytes:
        return (self.dir / snap.raw_path).read_bytes()

    def statements_of(self, snap: Snapshot) -> list[Statement] | None:
        from . import queries

        return queries.statements_of(self.db, snap)

    def page_extracts_of(self, snap_id: int) -> dict[str, PageExtract]:
        """A PDF version's page extractions by fingerprint, for reuse by the next version."""
        rows = self.db.execute(
            "SELECT fingerprint, text, prose, tables, links FROM pages WHERE snapshot=?",
            (snap_id,),
        )
        return {
            r[0]: PageExtract(r[0], r[1], r[2], json.loads(r[3]), json.loads(r[4])) for r in rows
        }

    def metrics_of(self, snap_id: int) -> list[Metric]:
        from . import queries

        return queries.metrics_of(self.db, snap_id)

    def _write_file(self, rel: str, data: bytes) -> None:
        """Temp file, fsync, rename: the file is whole or absent. A failed write (disk full)
        leaves no temp file and raises StateError."""
        path = self.dir / rel
        tmp = path.with_name(path.name + ".tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except OSError as e:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            raise StateError(f"cannot write {path}: {e.strerror or e}") from None

    def _sync_dir(self, rel: str) -> None:
        """Make the renames into a folder durable before a row refers to them."""
        with contextlib.suppress(OSError):  # not every platform can open a folder
            fd = os.open(self.dir / rel, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    def _snapshot_paths(self, doc_id: str, at: str, kind: str) -> tuple[str, str]:
        """'20261126T123456.789Z': every name the same length, to the millisecond, so `ls`
        lists the versions in time order (two in one millisecond: the next millisecond)."""
        folder = f"snapshots/{doc_id}"
        when = datetime.strptime(at, STAMP)
        while True:
            base = when.strftime("%Y%m%dT%H%M%S.") + f"{when.microsecond // 1000:03d}Z"
            if not (self.dir / folder / f"{base}.txt").exists():
                break
            when += timedelta(milliseconds=1)
        return f"{folder}/{base}.txt", f"{folder}/{base}{_RAW_EXT.get(kind, '.bin')}"

    # -- the one write of a check ----------------------------------------------------------
    def record(self, rec: CheckRecord) -> int | None:
        """Write a check, its snapshot, metrics and events atomically; returns the snapshot id.

        A check that found nothing (no new version, no event) is only held, and written with
        the others of its pass in one transaction by flush(): polls where nothing changed
        are most of the work, and losing such a record to a crash loses nothing.

        The snapshot's files are written first under pending names, and given their final
        names inside the write transaction, just before it commits: a final name without
        its row is then always a crash's leftover, which recover() (holding the same lock)
        may remove while other processes write. Raises SupersededError, writing nothing, when
        another process wrote the document since the check read it.
        """
        at = utcnow()
        if rec.snapshot is None and not rec.events and rec.outbox is None:
            self._deferred.append((rec, at))
            if len(self._deferred) >= 500:
                self.flush()
            return None
        self.flush()
        pending: list[Path] = []
        placed: list[Path] = []
        try:
            if rec.snapshot is not None:
                folder = self.dir / "snapshots" / rec.document
                pending += [
                    self._write_pending(folder, rec.snapshot.raw),
                    self._write_pending(folder, rec.snapshot.text.encode("utf-8")),
                ]
            with self.transaction() as db:
                return self._write(db, rec, at, pending, placed)
        except BaseException:
            for path in (*pending, *placed):
                with contextlib.suppress(OSError):
                    path.unlink(missing_ok=True)
            raise

    def _write_pending(self, folder: Path, data: bytes) -> Path:
        """A snapshot file under a name only its writer renames (see recover()), fsynced."""
        path = folder / f".{_HOST}.{os.getpid()}.{secrets.token_hex(6)}{PENDING}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with open(path, "xb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        except OSError as e:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
            raise StateError(f"cannot write {path.parent}: {e.strerror or e}") from None
        return path

    def flush(self) -> None:
        """Write the held quiet checks in one transaction."""
        if not self._deferred:
            return
        held, self._deferred = self._deferred, []
        with self.transaction() as db:
            for rec, at in held:
                self._write(db, rec, at, [], [])

    def _write(
        self,
        db: sqlite3.Connection,
        rec: CheckRecord,
        at: str,
        pending: list[Path],
        placed: list[Path],
    ) -> int | None:
        updates = dict(rec.updates or {}, last_checked=at)
        if rec.snapshot is not None:
            updates["last_changed"] = at
        cols = ", ".join(f"{k}=?" for k in updates)
        cur = db.execute(
            f"UPDATE documents SET {cols}, revision=revision+1 WHERE id=?"
            + ("" if rec.revision is None else " AND revision=?"),
            (*updates.values(), rec.document,
             *(() if rec.revision is None else (rec.revision,))),
        )  # fmt: skip
        stale = cur.rowcount == 0 and rec.revision is not None  # another process wrote it
        if stale and (rec.snapshot is not None or rec.events or rec.outbox is not None):
            raise SupersededError(rec.document)
        # A stale quiet check: its row is kept, its stale counters and validators are not.
        snap_id = None
        if rec.snapshot is not None:
            s = rec.snapshot
            text_path, raw_path = self._snapshot_paths(rec.document, at, s.kind)
            for src, rel in zip(pending, (raw_path, text_path), strict=True):
                os.replace(src, self.dir / rel)  # under the write lock, just before COMMIT
                placed.append(self.dir / rel)
            self._sync_dir(os.path.dirname(text_path))
            cur = db.execute(
                "INSERT INTO snapshots(document, at, kind, title, text_sha256, raw_sha256,"
                " text_path, raw_path, bytes, pages, meta, statements, finder)"
                " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (rec.document, at, s.kind, s.title, s.text_sha256, s.raw_sha256,
                 text_path, raw_path, len(s.raw), s.pages, json.dumps(s.meta),
                 len(s.statements), s.finder),
            )  # fmt: skip
            snap_id = cur.lastrowid
            db.executemany(
                "INSERT INTO pages(snapshot, number, fingerprint, text, prose, tables,"
                " links) VALUES(?,?,?,?,?,?,?)",
                [(snap_id, n, p.fingerprint, p.text, p.prose, json.dumps(p.tables),
                  json.dumps(p.links)) for n, p in enumerate(s.page_extracts, 1)],
            )  # fmt: skip
            db.executemany(
                "INSERT INTO statements(snapshot, families, page, text) VALUES(?,?,?,?)",
                [(snap_id, " ".join(st.families), st.page, st.text)
                 for st in s.statements],
            )  # fmt: skip
            db.executemany(
                "INSERT INTO metrics(snapshot, family, label, period, value, unit, page,"
                " context, qualifier, period_kind) VALUES(?,?,?,?,?,?,?,?,?,?)",
                [(snap_id, m.family, m.label, m.period, m.value, m.unit, m.page,
                  m.context, m.qualifier, m.period_kind) for m in s.metrics],
            )  # fmt: skip
        db.execute(
            "INSERT INTO checks(document, at, status, http_status, bytes, elapsed, error,"
            " snapshot) VALUES(?,?,?,?,?,?,?,?)",
            (rec.document, at, rec.status, rec.http_status, rec.bytes, rec.elapsed,
             rec.error, snap_id),
        )  # fmt: skip
        for doc_id, url, source in rec.discovered:
            self._insert_document(doc_id, url, source, rec.document, rec.baseline)
        message = self._queue(db, rec.document, at, rec.outbox)
        held = set(rec.outbox.events or ()) if rec.outbox else set()
        for i, ev in enumerate(rec.events or ()):
            data = dict(ev.data or {})
            if snap_id is not None:
                data.setdefault("snapshot", snap_id)
            db.execute(
                "INSERT INTO events(at, document, source, url, kind, summary, alert, data,"
                " message) VALUES(?,?,?,?,?,?,?,?,?)",
                (at, ev.document, ev.source, ev.url, ev.kind, ev.summary, int(ev.alert),
                 json.dumps(data, default=_json_default),
                 message if rec.outbox and (rec.outbox.events is None or i in held)
                 else None),
            )  # fmt: skip
        return snap_id

    def _queue(
        self, db: sqlite3.Connection, document: str, at: str, msg: OutboxMessage | None
    ) -> int | None:
        if msg is None or not msg.notifiers:
            return None
        cur = db.execute(
            "INSERT INTO messages(at, document, title, body) VALUES(?,?,?,?)",
            (at, document, msg.title, json.dumps(msg.body, default=_json_default)),
        )
        db.executemany(
            "INSERT INTO outbox(message, notifier, next_try) VALUES(?,?,?)",
            [(cur.lastrowid, n, at) for n in dict.fromkeys(msg.notifiers)],
        )
        return cur.lastrowid

    # -- the outbox -------------------------------------------------------------------------
    def due_deliveries(self, now: str) -> list[Delivery]:
        """Pending deliveries whose next try has come, oldest message first."""
        from .queries import DELIVERY

        rows = self.db.execute(
            DELIVERY + " WHERE o.status='pending' AND o.next_try<=? ORDER BY o.message, o.notifier",
            (now,),
        )
        return [Delivery(**r) for r in rows]

    def claim_delivery(self, message: int, notifier: str, now: str, lease_until: str) -> bool:
        """Take a due delivery for one attempt; False if another process took it first.

        The attempt is counted and the next try pushed to `lease_until` before the send, so
        a crash during the send retries it later, and two processes never send it at once.
        """
        with self.transaction() as db:
            cur = db.execute(
                "UPDATE outbox SET attempts=attempts+1, next_try=? WHERE message=? AND"
                " notifier=? AND status='pending' AND next_try<=?",
                (lease_until, message, notifier, now),
            )
            return cur.rowcount == 1

    def finish_delivery(
        self, message: int, notifier: str, ok: bool, error: str | None = None,
        next_try: str | None = None, give_up: bool = False,
    ) -> None:  # fmt: skip
        """Record an attempt's outcome: delivered (never sent again), retry later, or failed."""
        with self.transaction() as db:
            if ok:
                db.execute(
                    "UPDATE outbox SET status='delivered', delivered_at=?, last_error=NULL"
                    " WHERE message=? AND notifier=?",
                    (utcnow(), message, notifier),
                )
            else:
                db.execute(
                    "UPDATE outbox SET status=?, last_error=?, next_try=COALESCE(?, next_try)"
                    " WHERE message=? AND notifier=? AND status='pending'",
                    ("failed" if give_up else "pending", error, next_try, message, notifier),
                )

    def deliveries(
        self, statuses: tuple[str, ...] = ("pending", "failed"), limit: int = 100
    ) -> list[Delivery]:
        from . import queries

        return queries.deliveries(self.db, statuses, limit)

    def retry_failed(self) -> int:
        """Put deliveries that were given up on back in the queue, due now."""
        with self.transaction() as db:
            return db.execute(
                "UPDATE outbox SET status='pending', attempts=0, next_try=? WHERE status='failed'",
                (utcnow(),),
            ).rowcount

    # -- notifier health --------------------------------------------------------------------
    def notifier_attempt(
        self, notifier: str, ok: bool, error: str | None
    ) -> tuple[int, str | None]:
        """Count one send attempt: (failed attempts in a row now, failing_since)."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO notifiers(id, failures, last_error) VALUES(?, ?, ?) ON CONFLICT(id)"
                " DO UPDATE SET failures=CASE WHEN ? THEN 0 ELSE failures+1 END,"
                " last_error=excluded.last_error",
                (notifier, 0 if ok else 1, error, int(ok)),
            )
            row = db.execute(
                "SELECT failures, failing_since FROM notifiers WHERE id=?", (notifier,)
            ).fetchone()
        return row[0], row[1]

    def notifier_state(
        self, notifier: str, since: str | None, event: Event, outbox: OutboxMessage | None
    ) -> None:
        """Mark a notifier failing (`since`) or recovered (None), with its event and alert,
        in one transaction."""
        with self.transaction() as db:
            db.execute("UPDATE notifiers SET failing_since=? WHERE id=?", (since, notifier))
            at = utcnow()
            message = self._queue(db, event.document, at, outbox)
            db.execute(
                "INSERT INTO events(at, document, source, url, kind, summary, alert, data,"
                " message) VALUES(?,?,?,?,?,?,?,?,?)",
                (at, event.document, event.source, event.url, event.kind, event.summary,
                 int(event.alert), json.dumps(event.data or {}, default=_json_default), message),
            )  # fmt: skip

    def failing_notifiers(self) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT id, failures, failing_since, last_error FROM notifiers"
            " WHERE failing_since IS NOT NULL ORDER BY id"
        )
        return [dict(r) for r in rows]

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)", (key, value))

    # -- the daemon's heartbeat ---------------------------------------------------------------
    def write_heartbeat(self, data: dict[str, Any]) -> None:
        """state/heartbeat.json, replaced atomically (read by `monitor health`)."""
        self._write_file(HEARTBEAT, json.dumps(data, indent=1).encode("utf-8"))

    # -- crash recovery -------------------------------------------------------------------
    # -- retention ------------------------------------------------------------------------
    def prune(
        self, doc_id: str, keep: int | None, days: float | None, now: datetime | None = None
    ) -> Pruned:
        """Remove the files of a document's versions that retention no longer keeps.

        Kept: the last `keep` versions and those of the last `days` days (either keeps one;
        neither set keeps all), always the newest, and every version an alert still waiting
        for delivery (pending, or given up on but retryable) is about, with the version it
        was compared with. A pruned version's row and figures stay (first-seen dates,
        `monitor metrics`, events stay right); its text and raw files, statements and page
        extractions go. The rows are marked in one transaction first and the files removed
        after, so a crash in between leaves only files that recover() removes.
        """
        out = Pruned()
        if keep is None and days is None:
            return out
        snaps = self.snapshots(doc_id)
        if len(snaps) <= 1:
            return out
        now = now or datetime.now(UTC)
        kept = {snaps[-1].id}
        if keep is not None:
            kept.update(s.id for s in snaps[-keep:])
        if days is not None:
            since = stamp(now - timedelta(days=days))
            kept.update(s.id for s in snaps if s.at >= since)
        held = self._held_by_alerts(doc_id)
        ids = [s.id for s in snaps]
        held |= {ids[i - 1] for i, sid in enumerate(ids) if sid in held and i > 0}  # its "from"
        doomed = [s for s in snaps if s.id not in kept and s.id not in held]
        out.held = sum(1 for s in snaps if s.id not in kept and s.id in held)
        if not doomed:
            return out
        pruned_at = utcnow()
        with self.transaction() as db:
            for snap in doomed:
                db.execute(
                    "UPDATE snapshots SET meta=json_set(meta, '$.pruned', ?),"
                    " statements=NULL WHERE id=?",
                    (pruned_at, snap.id),
                )
                db.execute("DELETE FROM statements WHERE snapshot=?", (snap.id,))
                db.execute("DELETE FROM pages WHERE snapshot=?", (snap.id,))
        for snap in doomed:
            for rel in (snap.text_path, snap.raw_path):
                path = self.dir / rel
                with contextlib.suppress(OSError):
                    out.bytes += path.stat().st_size
                    path.unlink()
            out.versions += 1
        return out

    def _held_by_alerts(self, doc_id: str) -> set[int]:
        """Versions that events of undelivered alerts (pending or failed) refer to."""
        rows = self.db.execute(
            "SELECT json_extract(e.data, '$.snapshot'), json_extract(e.data, '$.from_snapshot')"
            " FROM events e WHERE e.document=? AND e.message IN"
            " (SELECT message FROM outbox WHERE status IN ('pending', 'failed'))",
            (doc_id,),
        )
        return {int(v) for row in rows for v in row if v is not None}

    def vacuum(self) -> tuple[int, int]:
        """Rewrite the database compactly; (bytes before, bytes after)."""
        path = self.dir / "monitor.sqlite3"
        before = path.stat().st_size
        try:
            self.flush()
            self.db.execute("PRAGMA temp_store=MEMORY")  # no temp file outside state/
            self.db.execute("VACUUM")
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as e:
            raise self._state_error(e) from None
        return before, path.stat().st_size

    def recover(self) -> int:
        """Remove snapshot files no row refers to (left by a crash), and the files of
        versions retention pruned (left by a crash during gc). Safe beside other processes
        writing state/ (a daemon beside `monitor gc`): it holds the write lock, under which
        writers give their files their final names, and it leaves the pending files of a
        writer that may be alive (see _stale)."""
        removed = 0
        with self.transaction() as db:
            known = set()
            for row in db.execute(f"SELECT text_path, raw_path FROM snapshots WHERE {_KEPT}"):
                known.update(row)
            # Names from os.scandir, not Path.rglob: this runs at every start, and with
            # thousands of files rglob's Path objects cost 50 ms where the names cost 8.
            for entry in _entries(self.dir / "snapshots"):  # snapshots/<document>/<file>
                for file in _entries(entry.path) if entry.is_dir() else [entry]:
                    if file.is_dir() or f"snapshots/{entry.name}/{file.name}" in known:
                        continue
                    if file.name.endswith(PENDING) and not _stale(file):
                        continue
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(file.path)
                    removed += 1
        return removed


PENDING = ".pending"  # a snapshot file not committed yet: .<host>.<pid>.<random>.pending
PENDING_GRACE = 3600.0  # seconds after which any pending file is a leftover
_HOST = socket.gethostname().replace("/", "_") or "host"


def _stale(file: os.DirEntry) -> bool:
    """A pending file no live writer can still commit: its writer, on this host, is gone;
    or (a writer on another host or in another container, whose pids mean nothing here) it
    is older than any write takes."""
    host, _, rest = file.name[1 : -len(PENDING)].rpartition(".")[0].rpartition(".")
    try:
        age = time.time() - file.stat().st_mtime
    except FileNotFoundError:
        return False
    if age > PENDING_GRACE:
        return True
    if host != _HOST or not rest.isdigit():
        return False
    try:
        os.kill(int(rest), 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive, someone else's
        return False
    return False


def _entries(folder: str | Path) -> list[os.DirEntry]:
    with os.scandir(folder) as it:
        return list(it)


HEARTBEAT = "heartbeat.json"
_KEPT = "json_extract(meta, '$.pruned') IS NULL"  # a version whose files retention kept


@dataclass
class Pruned:
    """What one prune or gc removed."""

    versions: int = 0
    bytes: int = 0
    held: int = 0  # versions past retention kept for an undelivered alert

    def add(self, other: Pruned) -> None:
        self.versions += other.versions
        self.bytes += other.bytes
        self.held += other.held


def read_heartbeat(state_dir: Path) -> dict[str, Any] | None:
    """The daemon's last heartbeat, or None if there is none (or it is unreadable)."""
    try:
        data = json.loads((Path(state_dir) / HEARTBEAT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


class StateError(Exception):
    """state/ cannot be used (unwritable, from a newer version, ...)."""


class SupersededError(Exception):
    """Another process wrote the document since this check read it: nothing was written,
    and the check is to be done again from what is recorded now."""


def _unwritable(e: BaseException) -> bool:
    """An SQLite error that says state/ cannot be written, not that the code is wrong."""
    return isinstance(e, sqlite3.OperationalError) or type(e) is sqlite3.DatabaseError


def _json_default(o: Any) -> Any:
    if isinstance(o, Metric):
        return asdict(o)
    raise TypeError(f"cannot serialise {type(o).__name__}")
