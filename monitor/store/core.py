"""The Store: state/'s documents and versions, and the one write of a check.

Every write is atomic: snapshot files are written under a pending name, fsynced, and
renamed into place inside the transaction that refers to them, so a crash at any moment
leaves the previous state whole (at worst an unreferenced file, removed by recover(), which
holds the same write lock and so never meets a file another process is committing).

Several processes may share state/: a check writes a document only if no other process
wrote it since the check read it (the documents' revision, compared inside the write
transaction); see SupersededError.

Inside the event loop (the daemon, and `monitor check`), the store is used through
`await store.run(fn, ...)`: its connection then lives on one thread of its own, so a write
that waits for fsync or for another process's lock never stalls the loop (the heartbeat,
the schedule, the web view), and one thread keeps one writer and the order of the calls.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..model import CheckRecord, Document, Metric, PageExtract, Snapshot, utcnow
from .errors import StateError, SupersededError, unwritable
from .files import (
    HEARTBEAT,
    remove_orphans,
    snapshot_paths,
    sync_dir,
    write_file,
    write_pending,
)
from .outbox import Outbox, insert_event, queue
from .retention import Retention
from .schema import KEPT, migrate

if TYPE_CHECKING:
    from ..statements import Statement

_SLUG = re.compile(r"[^a-z0-9]+")
_T = TypeVar("_T")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")[:60] or "document"


class Store(Outbox, Retention):
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
        self._thread: ThreadPoolExecutor | None = None  # see run()
        try:
            self.db = sqlite3.connect(  # used by one thread at a time: see run()
                self.dir / "monitor.sqlite3",
                isolation_level=None,
                timeout=30,
                check_same_thread=False,
            )
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            with self.transaction() as db:
                migrate(db, self.dir)
        except sqlite3.Error as e:  # unreadable, not a database, read-only, disk full...
            raise StateError(f"{self.dir / 'monitor.sqlite3'}: {e}") from None

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
            if unwritable(e):
                raise self._state_error(e) from None
            raise

    def _state_error(self, e: BaseException) -> StateError:
        return StateError(f"cannot write {self.dir / 'monitor.sqlite3'}: {e}")

    async def run(self, fn: Callable[..., _T], *args: Any) -> _T:
        """fn(*args) on the store's thread, for code on the event loop. One thread: the
        calls run one at a time in the order made (each is whole: a check's write, a
        delivery's claim), and the connection is never used by two threads at once. Once
        run() is used, the loop's thread calls no store method directly but close()."""
        if self._thread is None:
            self._thread = ThreadPoolExecutor(1, thread_name_prefix="store")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._thread, functools.partial(fn, *args))

    def close(self) -> None:
        """Flush and close; after the store thread's last call (one a cancelled task left
        running still finishes first)."""
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.submit(self._close).result()
            thread.shutdown()
        else:
            self._close()

    def _close(self) -> None:
        try:
            self.flush()
        finally:
            self.db.close()

    # -- documents --------------------------------------------------------------------
    def document(self, doc_id: str) -> Document | None:
        from .. import queries

        return queries.document(self.db, doc_id)

    def document_by_url(self, url: str) -> Document | None:
        row = self.db.execute("SELECT * FROM documents WHERE url=?", (url,)).fetchone()
        return Document(**row) if row else None

    def documents(self, source: str | None = None) -> list[Document]:
        from .. import queries

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
        from .. import queries

        return queries.snapshots(self.db, doc_id, pruned)

    def read_text(self, snap: Snapshot) -> str:
        return (self.dir / snap.text_path).read_text(encoding="utf-8")

    def read_raw(self, snap: Snapshot) -> bytes:
        return (self.dir / snap.raw_path).read_bytes()

    def statements_of(self, snap: Snapshot) -> list[Statement] | None:
        from .. import queries

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
        from .. import queries

        return queries.metrics_of(self.db, snap_id)

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
                    write_pending(folder, rec.snapshot.raw),
                    write_pending(folder, rec.snapshot.text.encode("utf-8")),
                ]
            with self.transaction() as db:
                return self._write(db, rec, at, pending, placed)
        except BaseException:
            for path in (*pending, *placed):
                with contextlib.suppress(OSError):
                    path.unlink(missing_ok=True)
            raise

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
            text_path, raw_path = snapshot_paths(self.dir, rec.document, at, s.kind)
            for src, rel in zip(pending, (raw_path, text_path), strict=True):
                os.replace(src, self.dir / rel)  # under the write lock, just before COMMIT
                placed.append(self.dir / rel)
            sync_dir(self.dir / os.path.dirname(text_path))
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
        message = queue(db, rec.document, at, rec.outbox)
        held = set(rec.outbox.events or ()) if rec.outbox else set()
        for i, ev in enumerate(rec.events or ()):
            data = dict(ev.data or {})
            if snap_id is not None:
                data.setdefault("snapshot", snap_id)
            held_by = rec.outbox and (rec.outbox.events is None or i in held)
            insert_event(db, at, ev, data, message if held_by else None)
        return snap_id

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)", (key, value))

    # -- the daemon's heartbeat ---------------------------------------------------------------
    def write_heartbeat(self, data: dict[str, Any]) -> None:
        """state/heartbeat.json, replaced atomically (read by `monitor health`). It touches
        no database: the daemon writes it from a thread of its own (see daemon._beat)."""
        write_file(self.dir / HEARTBEAT, json.dumps(data, indent=1).encode("utf-8"))

    def recover(self) -> int:
        """Remove snapshot files no row refers to (left by a crash), and the files of
        versions retention pruned (left by a crash during gc). Safe beside other processes
        writing state/ (a daemon beside `monitor gc`): it holds the write lock, under which
        writers give their files their final names, and it leaves the pending files of a
        writer that may be alive (see files.remove_orphans)."""
        with self.transaction() as db:
            known = set()
            for row in db.execute(f"SELECT text_path, raw_path FROM snapshots WHERE {KEPT}"):
                known.update(row)
            return remove_orphans(self.dir, known)
