"""Retention (`monitor gc`): which versions keep their files. A pruned version keeps its
row and figures (first-seen dates, `monitor metrics` and events stay right); its text and
raw files, statements and page extractions go."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..model import Snapshot, stamp, utcnow
from .errors import StateError


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


class Retention:
    """The Store's retention side (a mixin: it shares the Store's connection and lock)."""

    dir: Path
    db: sqlite3.Connection
    transaction: Callable[[], AbstractContextManager[sqlite3.Connection]]
    snapshots: Callable[[str], list[Snapshot]]
    flush: Callable[[], None]
    _state_error: Callable[[BaseException], StateError]

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
