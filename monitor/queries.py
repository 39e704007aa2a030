"""Reading state/: one query function per page or read command, over a read-only connection.

The CLI's read commands (history, diff, metrics, sources) and the web view (monitor.web) call
these, so each question is asked in SQL once. `connect()` opens monitor.sqlite3 with
`mode=ro` (and `query_only`): a reader never takes the write lock, never migrates, never
writes the schema version, and works beside a running daemon (WAL readers do not block it).
Store (the one writer) delegates its own reads of the same rows here.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import FAMILIES, Delivery, Document, Metric, Snapshot
from .store.errors import StateError
from .store.schema import INDEXES, KEPT, SCHEMA, SCHEMA_VERSION

if TYPE_CHECKING:
    from .statements import Statement

DB = "monitor.sqlite3"
FAMILY_ORDER = {f: i for i, f in enumerate(FAMILIES)}  # arrests first, as alerts rank them


# -- the read-only connection -------------------------------------------------------------------
def connect(state_dir: Path) -> sqlite3.Connection:
    """state/ opened read-only. With no database yet, an empty one in memory (every query
    answers "nothing yet"); state/ written by another schema version is refused clearly."""
    path = Path(state_dir).resolve() / DB
    if not path.exists():
        db = sqlite3.connect(":memory:", check_same_thread=False)
        db.executescript(SCHEMA + INDEXES)
        db.row_factory = sqlite3.Row
        return db
    try:
        db = sqlite3.connect(
            f"{path.as_uri()}?mode=ro", uri=True, timeout=30, check_same_thread=False
        )
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA query_only=ON")
        row = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    except sqlite3.Error as e:
        raise StateError(f"cannot read {path}: {e}") from None
    version = int(row[0]) if row else 0
    if version > SCHEMA_VERSION:
        db.close()
        raise StateError(f"{path} was written by a newer version (schema {version}); upgrade")
    if version < SCHEMA_VERSION:
        db.close()
        raise OlderSchemaError(f"{path} is at schema {version}; readers need {SCHEMA_VERSION}")
    return db


class OlderSchemaError(StateError):
    """state/ from an older version: the writer (Store) upgrades it once, then it reads."""


def readable(state_dir: Path) -> tuple[bool, str]:
    """Can state/ be read? (the web view's /healthz when no daemon runs beside it)"""
    try:
        db = connect(state_dir)
        try:
            db.execute("SELECT COUNT(*) FROM documents").fetchone()
        finally:
            db.close()
    except (StateError, sqlite3.Error) as e:
        return False, str(e)
    return True, f"state readable: {state_dir}"


# -- documents ----------------------------------------------------------------------------------
def document(db: sqlite3.Connection, doc_id: str) -> Document | None:
    row = db.execute("SELECT * FROM documents WHERE id=?", (doc_id,)).fetchone()
    return Document(**row) if row else None


def documents(db: sqlite3.Connection, source: str | None = None) -> list[Document]:
    """Configured documents first within each source, then those discovered on it."""
    if source:
        rows = db.execute(
            "SELECT * FROM documents WHERE source=? ORDER BY parent IS NOT NULL, first_seen, id",
            (source,),
        )
    else:
        rows = db.execute(
            "SELECT * FROM documents ORDER BY source, parent IS NOT NULL, first_seen, id"
        )
    return [Document(**r) for r in rows]


def last_checks(db: sqlite3.Connection) -> dict[str, str]:
    """Each document's last check result (`monitor sources`)."""
    rows = db.execute(
        "SELECT d.id, (SELECT c.status FROM checks c WHERE c.document = d.id"
        " ORDER BY c.id DESC LIMIT 1) FROM documents d"
    )
    return {r[0]: r[1] for r in rows if r[1] is not None}


@dataclass
class DocumentRow:
    """A document as the overview lists it."""

    doc: Document
    figures: int  # figures in its latest version
    versions: int
    last_result: str | None  # the last check's status
    failing_since: str | None  # first of the failed checks in a row, if it is failing now

    @property
    def problem(self) -> bool:
        return self.doc.status in ("failing", "removed") or self.failing_since is not None


def overview(db: sqlite3.Connection) -> list[DocumentRow]:
    """Every document with its status, figures and last check; failing ones first."""
    rows = db.execute(
        """
        SELECT d.*,
          (SELECT COUNT(*) FROM snapshots s WHERE s.document = d.id) AS _versions,
          (SELECT COUNT(*) FROM metrics m WHERE m.snapshot =
            (SELECT MAX(s.id) FROM snapshots s WHERE s.document = d.id)) AS _figures,
          (SELECT c.status FROM checks c WHERE c.document = d.id
            ORDER BY c.id DESC LIMIT 1) AS _last
        FROM documents d
        """
    ).fetchall()
    out = []
    for r in rows:
        doc = Document(**{k: v for k, v in dict(r).items() if not k.startswith("_")})
        out.append(DocumentRow(doc, r["_figures"] or 0, r["_versions"], r["_last"], None))
    for row in out:
        streak = max(row.doc.failures, row.doc.misses)
        if streak and row.last_result in ("failed", "removed"):
            first = db.execute(
                "SELECT MIN(at) FROM (SELECT at FROM checks WHERE document=?"
                " ORDER BY id DESC LIMIT ?)",
                (row.doc.id, streak),
            ).fetchone()
            row.failing_since = first[0]
    out.sort(key=lambda r: (not r.problem, r.doc.source, r.doc.parent is not None, r.doc.id))
    return out


# -- events -------------------------------------------------------------------------------------
@dataclass
class EventRow:
    id: int
    at: str
    document: str
    source: str
    url: str
    kind: str
    summary: str
    alert: bool
    data: dict[str, Any]
    message: int | None
    deliveries: list[Delivery] = field(default_factory=list)

    def json(self) -> dict[str, Any]:
        """The event line of `history --json`: the columns, then the event's details."""
        head = {k: getattr(self, k) for k in ("id", "at", "source", "document", "url", "kind")}
        details = {k: v for k, v in self.data.items() if k != "diff"}
        return {**head, "summary": self.summary, "alert": self.alert, **details}


# The family filter reads the same expression as the index events_family (store.INDEXES).
_FAMILY = "json_extract(data, '$.family')"


def events(
    db: sqlite3.Connection,
    document: str | None = None,
    kind: str | None = None,
    family: str | None = None,
    before: int | None = None,
    limit: int = 50,
    alert: bool = False,
    message: int | None = None,
) -> list[EventRow]:
    """Events newest first, with their deliveries; `document` matches a document or a source
    id; `before` an event id (keyset pagination: the next page starts below the last id)."""
    where, args = [], []  # type: ignore[var-annotated]
    if document:
        where.append("(document=? OR source=?)")
        args += [document, document]
    if kind:
        where.append("kind=?")
        args.append(kind)
    if family:
        where.append(f"{_FAMILY}=?")
        args.append(family)
    if before is not None:
        where.append("id<?")
        args.append(before)
    if alert:
        where.append("alert=1")
    if message is not None:
        where.append("message=?")
        args.append(message)
    sql = "SELECT * FROM events" + (f" WHERE {' AND '.join(where)}" if where else "")
    rows = db.execute(sql + " ORDER BY id DESC LIMIT ?", (*args, limit)).fetchall()
    out = [_event(r) for r in rows]
    sent = deliveries_of(db, sorted({e.message for e in out if e.message}))
    for e in out:
        e.deliveries = sent.get(e.message, []) if e.message else []
    return out


def event(db: sqlite3.Connection, event_id: int) -> EventRow | None:
    row = db.execute("SELECT * FROM events WHERE id=?", (event_id,)).fetchone()
    if row is None:
        return None
    ev = _event(row)
    if ev.message:
        ev.deliveries = deliveries_of(db, [ev.message]).get(ev.message, [])
    return ev


def _event(r: sqlite3.Row) -> EventRow:
    return EventRow(
        r["id"], r["at"], r["document"], r["source"], r["url"], r["kind"], r["summary"],
        bool(r["alert"]), json.loads(r["data"] or "{}"), r["message"],
    )  # fmt: skip


def event_kinds(db: sqlite3.Connection) -> dict[str, int]:
    """Events recorded, by kind."""
    return dict(db.execute("SELECT kind, COUNT(*) FROM events GROUP BY kind").fetchall())


# -- the outbox ---------------------------------------------------------------------------------
DELIVERY = (
    "SELECT o.*, m.at, m.document, m.title, m.body FROM outbox o"
    " JOIN messages m ON m.id = o.message"
)


def deliveries(
    db: sqlite3.Connection, statuses: tuple[str, ...] = ("pending", "failed"), limit: int = 100
) -> list[Delivery]:
    marks = ",".join("?" * len(statuses))
    rows = db.execute(
        DELIVERY + f" WHERE o.status IN ({marks}) ORDER BY o.message DESC, o.notifier LIMIT ?",
        (*statuses, limit),
    )
    return [Delivery(**r) for r in rows]


def deliveries_of(db: sqlite3.Connection, messages: list[int]) -> dict[int, list[Delivery]]:
    out: dict[int, list[Delivery]] = {}
    for i in range(0, len(messages), 500):
        chunk = messages[i : i + 500]
        rows = db.execute(
            DELIVERY + f" WHERE o.message IN ({','.join('?' * len(chunk))}) ORDER BY o.notifier",
            chunk,
        )
        for r in rows:
            out.setdefault(r["message"], []).append(Delivery(**r))
    return out


def outbox_counts(db: sqlite3.Connection) -> dict[str, int]:
    """Deliveries by status (pending, delivered, failed)."""
    return dict(db.execute("SELECT status, COUNT(*) FROM outbox GROUP BY status").fetchall())


# -- versions -----------------------------------------------------------------------------------
def snapshots(db: sqlite3.Connection, doc_id: str, pruned: bool = False) -> list[Snapshot]:
    """A document's versions, oldest first; those whose files retention removed only with
    `pruned` (their figures stay, for first-seen dates and history)."""
    rows = db.execute(
        "SELECT * FROM snapshots WHERE document=?"
        + ("" if pruned else f" AND {KEPT}")
        + " ORDER BY id",
        (doc_id,),
    )
    return [Snapshot(**r) for r in rows]


def snapshot(db: sqlite3.Connection, doc_id: str, snap_id: int) -> Snapshot | None:
    row = db.execute(
        "SELECT * FROM snapshots WHERE document=? AND id=?", (doc_id, snap_id)
    ).fetchone()
    return Snapshot(**row) if row else None


def is_pruned(snap: Snapshot) -> bool:
    return "pruned" in json.loads(snap.meta or "{}")


def find_snapshot(snaps: list[Snapshot], doc_id: str, ref: str | None, default: int) -> Any:
    """A version by snapshot id, file stem (20261126T120000Z) or time prefix; with no `ref`,
    snaps[default] (-1 the newest, -2 the one before), None when there are too few."""
    if not snaps:
        return None
    if ref is None:
        return snaps[default] if len(snaps) >= abs(default) else None
    for s in snaps:
        if str(s.id) == ref or Path(s.text_path).stem == ref or s.at.startswith(ref):
            return s
    raise LookupError(f"{doc_id} has no snapshot {ref!r}")


def read_text(state_dir: Path, snap: Snapshot) -> str:
    return (Path(state_dir) / snap.text_path).read_text(encoding="utf-8")


def metrics_of(db: sqlite3.Connection, snap_id: int) -> list[Metric]:
    rows = db.execute(
        "SELECT family, label, period, value, unit, page, context, qualifier, period_kind"
        " FROM metrics WHERE snapshot=? ORDER BY rowid",
        (snap_id,),
    )
    return [Metric(**r) for r in rows]


def statements_of(db: sqlite3.Connection, snap: Snapshot) -> list[Statement] | None:
    """The snapshot's outcome statements; None for one recorded before they were kept."""
    if snap.statements is None:
        return None
    from .statements import Statement  # not loaded by a pass where nothing changed

    rows = db.execute(
        "SELECT families, page, text FROM statements WHERE snapshot=? ORDER BY rowid",
        (snap.id,),
    )
    return [Statement(tuple(r[0].split()), r[2], r[1]) for r in rows]


@dataclass
class Version:
    """One version of a document as its page lists it: what changed, from its events."""

    snap: Snapshot
    pruned: bool
    changes: list[tuple[str, str]]  # (kind, summary) of the events recorded with it


def versions(
    db: sqlite3.Connection, doc_id: str, before: int | None = None, limit: int = 100
) -> list[Version]:
    """A document's versions, newest first, `limit` at a time below snapshot id `before`."""
    rows = db.execute(
        "SELECT * FROM snapshots WHERE document=?"
        + (" AND id<?" if before is not None else "")
        + " ORDER BY id DESC LIMIT ?",
        (doc_id, before, limit) if before is not None else (doc_id, limit),
    ).fetchall()
    snaps = [Snapshot(**r) for r in rows]
    if not snaps:
        return []
    changes: dict[int, list[tuple[str, str]]] = {}
    for r in db.execute(
        "SELECT kind, summary, json_extract(data, '$.snapshot') FROM events"
        " WHERE document=? AND json_extract(data, '$.snapshot') BETWEEN ? AND ?"
        " ORDER BY id",
        (doc_id, snaps[-1].id, snaps[0].id),
    ):
        changes.setdefault(r[2], []).append((r[0], r[1]))
    return [Version(s, is_pruned(s), changes.get(s.id, [])) for s in snaps]


# -- figures ------------------------------------------------------------------------------------
def current_metrics(db: sqlite3.Connection, first_seen: bool = True) -> list[sqlite3.Row]:
    """Each document's figures in its newest version, with when each was first seen (without
    `first_seen`, NULL: the figures page reads it from the history it fetches anyway)."""
    first = (
        """(SELECT MIN(s2.at) FROM metrics m2 JOIN snapshots s2 ON s2.id = m2.snapshot
            WHERE s2.document = s.document AND m2.family = m.family
              AND m2.label = m.label AND m2.period IS m.period)"""
        if first_seen
        else "NULL"
    )
    return db.execute(
        f"""
        WITH latest AS (SELECT document, MAX(id) AS snap FROM snapshots GROUP BY document)
        SELECT m.*, s.document, d.source, d.url, d.title AS doc_title, s.at AS last_seen,
          {first} AS first_seen
        FROM latest JOIN snapshots s ON s.id = latest.snap
        JOIN metrics m ON m.snapshot = s.id
        JOIN documents d ON d.id = s.document
        ORDER BY d.source, s.document, m.family, m.label, m.period
        """
    ).fetchall()


@dataclass
class Point:
    at: str
    snapshot: int
    value: float


@dataclass
class Figure:
    """One figure identity (document, family, label, period): its value in each version."""

    document: str
    family: str
    label: str
    period: str | None
    unit: str
    value: float  # in the newest version
    context: str
    first_seen: str
    history: list[Point]


@dataclass
class FigureGroup:
    """The figures of one document that share a family and label: one per period (e.g.
    CyberTipline reports by year), charted across versions and across periods."""

    document: str
    doc_title: str | None
    family: str
    label: str
    unit: str
    figures: list[Figure]

    @property
    def anchor(self) -> str:
        digest = hashlib.sha1(self.label.encode("utf-8")).hexdigest()[:8]
        return f"{self.document}--{self.family}--{digest}"


def figures(
    db: sqlite3.Connection, family: str | None = None, document: str | None = None,
    start: int = 0, limit: int | None = None,
) -> tuple[list[FigureGroup], int]:  # fmt: skip
    """The current figures grouped by (document, family, label), groups[start:start+limit]
    with their history (fetched for the shown groups only), and the number of groups."""
    current = [
        r
        for r in current_metrics(db, first_seen=False)
        if (not family or r["family"] == family)
        and (not document or r["document"] == document or r["source"] == document)
    ]
    current.sort(key=lambda r: (FAMILY_ORDER.get(r["family"], 99), r["document"], r["label"]))
    groups: dict[tuple[str, str, str], FigureGroup] = {}
    for r in current:
        key = (r["document"], r["family"], r["label"])
        g = groups.get(key)
        if g is None:
            g = groups[key] = FigureGroup(
                r["document"], r["doc_title"], r["family"], r["label"], r["unit"], []
            )
        g.figures.append(
            Figure(r["document"], r["family"], r["label"], r["period"], r["unit"], r["value"],
                   r["context"], "", [])
        )  # fmt: skip
    total = len(groups)
    shown = list(groups.values())[start : start + limit if limit else None]
    hist: dict[tuple[str, str, str, str | None], list[Point]] = {}
    for doc, fam in sorted({(g.document, g.family) for g in shown}):
        labels = {g.label for g in shown if g.document == doc and g.family == fam}
        for r in db.execute(
            "SELECT s.id, s.at, m.label, m.period, m.value FROM snapshots s"
            " JOIN metrics m ON m.snapshot = s.id WHERE s.document=? AND m.family=?"
            " ORDER BY s.id",
            (doc, fam),
        ):
            if r[2] in labels:
                hist.setdefault((doc, fam, r[2], r[3]), []).append(Point(r[1], r[0], r[4]))
    for g in shown:
        for f in g.figures:
            f.history = hist.get((g.document, g.family, g.label, f.period), [])
            f.first_seen = f.history[0].at if f.history else ""
    return shown, total


# -- counts for /metrics ------------------------------------------------------------------------
def check_counts(db: sqlite3.Connection) -> dict[str, int]:
    """Checks recorded, by status."""
    return dict(db.execute("SELECT status, COUNT(*) FROM checks GROUP BY status").fetchall())


def document_counts(db: sqlite3.Connection) -> dict[str, int]:
    return dict(db.execute("SELECT status, COUNT(*) FROM documents GROUP BY status").fetchall())


def last_successes(db: sqlite3.Connection) -> dict[str, str | None]:
    """Each document's last successful check (any check that is not a failure), or None."""
    rows = db.execute(
        "SELECT d.id, (SELECT c.at FROM checks c WHERE c.document = d.id"
        " AND c.status NOT IN ('failed', 'removed') ORDER BY c.id DESC LIMIT 1) FROM documents d"
    )
    return {r[0]: r[1] for r in rows}
