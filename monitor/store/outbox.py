"""Alerts in state/: events with the message they went into, the outbox of (message,
notifier) deliveries, and each notifier's run of failed sends.

A message is queued in the same transaction as its events (written by Store.record), and
delivered after the commit: a delivery is claimed (a lease) before each attempt, so two
processes never send it at once and a crash mid-send retries it later.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import asdict
from typing import Any

from ..model import Delivery, Event, Metric, OutboxMessage, utcnow


def json_default(o: Any) -> Any:
    if isinstance(o, Metric):
        return asdict(o)
    raise TypeError(f"cannot serialise {type(o).__name__}")


def queue(db: sqlite3.Connection, document: str, at: str, msg: OutboxMessage | None) -> int | None:
    """The message and a pending delivery per notifier; its id (None: nobody to tell)."""
    if msg is None or not msg.notifiers:
        return None
    cur = db.execute(
        "INSERT INTO messages(at, document, title, body) VALUES(?,?,?,?)",
        (at, document, msg.title, json.dumps(msg.body, default=json_default)),
    )
    db.executemany(
        "INSERT INTO outbox(message, notifier, next_try) VALUES(?,?,?)",
        [(cur.lastrowid, n, at) for n in dict.fromkeys(msg.notifiers)],
    )
    return cur.lastrowid


def insert_event(
    db: sqlite3.Connection, at: str, ev: Event, data: dict[str, Any], message: int | None
) -> None:
    db.execute(
        "INSERT INTO events(at, document, source, url, kind, summary, alert, data, message)"
        " VALUES(?,?,?,?,?,?,?,?,?)",
        (at, ev.document, ev.source, ev.url, ev.kind, ev.summary, int(ev.alert),
         json.dumps(data, default=json_default), message),
    )  # fmt: skip


class Outbox:
    """The Store's delivery side (a mixin: it shares the Store's connection and lock)."""

    db: sqlite3.Connection
    transaction: Callable[[], AbstractContextManager[sqlite3.Connection]]

    def due_deliveries(self, now: str) -> list[Delivery]:
        """Pending deliveries whose next try has come, oldest message first."""
        from ..queries import DELIVERY

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
        from .. import queries

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
            insert_event(db, at, event, event.data or {}, queue(db, event.document, at, outbox))

    def failing_notifiers(self) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT id, failures, failing_since, last_error FROM notifiers"
            " WHERE failing_since IS NOT NULL ORDER BY id"
        )
        return [dict(r) for r in rows]
