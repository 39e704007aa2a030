"""/metrics: state/ in the Prometheus text format (prometheus_client), read at each scrape.

A collector of our own over a registry of its own: the figures come from state/ (which any
process may have written), not from counters in this process, so `monitor serve` beside a
daemon reports the same as the view inside it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric

from .. import queries
from ..config import Config
from ..model import STAMP
from ..store import read_heartbeat


def _age(stamp: str | None, now: datetime) -> float | None:
    try:
        return (now - datetime.strptime(stamp or "", STAMP).replace(tzinfo=UTC)).total_seconds()
    except ValueError:
        return None


class StateCollector:
    def __init__(self, db: sqlite3.Connection, cfg: Config) -> None:
        self.db = db
        self.cfg = cfg

    def collect(self) -> Iterator[Metric]:
        now = datetime.now(UTC)
        checks = CounterMetricFamily(
            "monitor_checks", "Checks recorded, by result", labels=["status"]
        )
        for status, n in sorted(queries.check_counts(self.db).items()):
            checks.add_metric([status], n)
        yield checks
        docs = GaugeMetricFamily("monitor_documents", "Documents by status", labels=["status"])
        counts = queries.document_counts(self.db)
        for status in sorted({"new", "ok", "failing", "removed", *counts}):
            docs.add_metric([status], counts.get(status, 0))
        yield docs
        ages = GaugeMetricFamily(
            "monitor_document_last_success_age_seconds",
            "Seconds since each document's last successful check",
            labels=["document"],
        )
        for doc, at in sorted(queries.last_successes(self.db).items()):
            age = _age(at, now)
            if age is not None:
                ages.add_metric([doc], age)
        yield ages
        outbox = GaugeMetricFamily(
            "monitor_outbox_deliveries", "Alert deliveries by status", labels=["status"]
        )
        counts = queries.outbox_counts(self.db)
        for status in sorted({"pending", "failed", "delivered", *counts}):
            outbox.add_metric([status], counts.get(status, 0))
        yield outbox
        events = CounterMetricFamily("monitor_events", "Events recorded, by kind", labels=["kind"])
        for kind, n in sorted(queries.event_kinds(self.db).items()):
            events.add_metric([kind], n)
        yield events
        beat = read_heartbeat(self.cfg.state_dir)
        age = _age(beat.get("at") if beat else None, now)
        if age is not None:
            yield GaugeMetricFamily(
                "monitor_heartbeat_age_seconds", "Seconds since the daemon's last heartbeat",
                value=age,
            )  # fmt: skip
        from ..health import stale_after

        running = beat is not None and beat.get("state") == "running"
        up = running and age is not None and age <= stale_after(self.cfg)
        yield GaugeMetricFamily(
            "monitor_daemon_up", "1 while the daemon's heartbeat is fresh", value=int(up)
        )


def exposition(db: sqlite3.Connection, cfg: Config) -> tuple[bytes, str]:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(StateCollector(db, cfg))  # type: ignore[arg-type]
    return generate_latest(registry), CONTENT_TYPE_LATEST
