"""Shared by the fault tests: the documents that must keep working beside a fault, and
reading back what the monitor recorded and delivered."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

from tests.faults.cases import HTTP, SENTENCE, Case, canvas_pdf, html
from tests.receivers import Webhook
from tests.server import FixtureServer
from tests.util import write_config

GOOD_PDF = canvas_pdf(text="CyberTipline annual report: referrals by month.")
_ALERT_ID = re.compile(r"alert #(\d+)\s*$")


def serve_good(server: FixtureServer, n: int) -> None:
    """Two documents that must be checked as usual whatever the fault does."""
    server.set("/good", html(SENTENCE.format(n=n)))
    server.set("/good.pdf", GOOD_PDF, content_type="application/pdf")


def config(tmp_path: Path, case: Case, fault_url: str, server: FixtureServer,
           hook: Webhook | None, **extra: Any) -> Path:  # fmt: skip
    sources = [
        {"id": "fault", "url": fault_url},  # first: it takes the host's one slot first
        {"id": "good", "url": server.url("/good")},
        {"id": "good-pdf", "url": server.url("/good.pdf")},
    ]
    notify = [hook.url()] if hook else []
    return write_config(tmp_path, sources, http={**HTTP, **case.http}, notify=notify, **extra)


def alerts(hook: Webhook) -> tuple[dict[int, dict], int]:
    """The alerts a receiver got, by the id each ends with, and how many were repeats."""
    by_id: dict[int, dict] = {}
    repeats = 0
    for msg in hook.received:
        m = _ALERT_ID.search(msg.get("message", ""))
        assert m, f"an alert without its id: {msg}"
        if int(m[1]) in by_id:
            repeats += 1
        by_id[int(m[1])] = msg
    return by_id, repeats


def last_error(state: Path, doc: str) -> str | None:
    db = sqlite3.connect(state / "monitor.sqlite3")
    try:
        row = db.execute(
            "SELECT error FROM checks WHERE document=? ORDER BY id DESC LIMIT 1", (doc,)
        ).fetchone()
        return row[0] if row else None
    finally:
        db.close()


def kept_text(state: Path, doc: str) -> str | None:
    files = sorted((state / "snapshots" / doc).glob("*.txt"))
    return files[-1].read_text(encoding="utf-8") if files else None
