"""Response time of each web page over a large state/: 1,000 documents, 1,000 versions of one
document, 100,000 events (and 100,000 checks). Target: under 200 ms each.

    .venv/bin/python bench/web.py [--docs 1000] [--versions 1000] [--events 100000] [--rounds 7]

The state is generated through the store (Store.record for every version, so files, figures,
statements and events are laid out as a check lays them; the bulk of the events and checks
in one transaction), then the view is served on 127.0.0.1 and each page is fetched `rounds`
times after a warm-up; the median and the worst are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from monitor.config import load_config
from monitor.model import CheckRecord, Event, Metric, NewSnapshot, utcnow
from monitor.statements import Statement
from monitor.store import Store, sha256
from tests.webstate import ServerThread

KINDS = ["content_changed", "metric_changed", "metric_appeared", "statement_added",
         "document_new", "source_failing", "source_recovered"]  # fmt: skip
FAMILIES = ["arrests", "reports", "referrals", "files", "law_enforcement_feedback"]


def text_of(n: int) -> str:
    lines = [f"CyberTipline data, revision {n}"]
    lines += [f"Paragraph {i}: NCMEC made reports available to law enforcement." for i in range(40)]
    lines += [f"In 2023, the CyberTipline received {36.2 + n / 1000:.3f} million reports.",
              f"Law enforcement reported {1000 + n} arrests in 2024."]  # fmt: skip
    return "\n".join(lines) + "\n"


def snapshot(n: int) -> NewSnapshot:
    text = text_of(n)
    raw = f"<html><body><pre>{text}</pre></body></html>".encode()
    metrics = [
        Metric("reports", "reports", "2023", 36.2e6 + n * 1000, "count", None, "In 2023 ..."),
        Metric("reports", "reports", "2024", 20.5e6 + n * 500, "count", None, "In 2024 ..."),
        Metric("arrests", "arrests", "2024", 1000 + n, "count", None, "Law enforcement ..."),
    ]
    statements = [Statement(("arrests",), f"Law enforcement reported {1000 + n} arrests.", None)]
    return NewSnapshot("html", "Data", text, raw, sha256(text.encode()), sha256(raw), 1, {},
                       metrics, statements)  # fmt: skip


def generate(root: Path, docs: int, versions: int, events: int) -> Path:
    cfg_path = root / "config.yaml"
    cfg_path.write_text(
        "state_dir: state\nsources:\n  - id: big\n    url: http://127.0.0.1:9/big\n"
    )
    os_fsync, os.fsync = os.fsync, lambda fd: None  # generation only: durability is not measured
    try:
        store = Store(root / "state")
        ids = ["big"] + [f"doc-{i:04d}" for i in range(docs - 1)]
        store.ensure_sources((i, f"http://127.0.0.1:9/{i}") for i in ids)
        t = time.monotonic()
        for n in range(versions):
            ev = [Event("big", "big", "http://127.0.0.1:9/big", "metric_changed",
                        f"arrests, 2024: {999 + n} -> {1000 + n}", True,
                        {"family": "arrests", "label": "arrests", "period": "2024"})]  # fmt: skip
            store.record(CheckRecord("big", "changed" if n else "baseline", 200, 100, 0.1,
                                     snapshot=snapshot(n), events=ev))  # fmt: skip
        for i in ids[1:]:
            store.record(CheckRecord(i, "baseline", 200, 100, 0.1, snapshot=snapshot(1)))
        rng = random.Random(1)
        at = utcnow()
        with store.transaction() as db:
            db.executemany(
                "INSERT INTO events(at, document, source, url, kind, summary, alert, data)"
                " VALUES(?,?,?,?,?,?,?,?)",
                [(at, d, d, f"http://127.0.0.1:9/{d}", k, f"event {n} of {d}",
                  int(k != "content_changed"),
                  json.dumps({"family": rng.choice(FAMILIES), "snapshot": 1}))
                 for n in range(events - versions)
                 for d, k in [(rng.choice(ids), rng.choice(KINDS))]],
            )  # fmt: skip
            db.executemany(
                "INSERT INTO checks(document, at, status, http_status) VALUES(?,?,?,?)",
                [(rng.choice(ids), at, rng.choice(["unchanged", "not_modified", "failed"]), 200)
                 for _ in range(events)],
            )  # fmt: skip
            db.execute("UPDATE events SET message=1 WHERE id<=3")  # an alert of three events
        store.close()
        print(f"state generated in {time.monotonic() - t:.1f} s: {docs} documents, "
              f"{versions} versions of 'big', {events} events, {events} checks")  # fmt: skip
    finally:
        os.fsync = os_fsync
    return cfg_path


def profile(cfg_path: Path) -> None:
    """Where a page's time goes, without HTTP: query and render separately."""
    from monitor import queries
    from monitor.web.app import environment

    cfg = load_config(cfg_path)
    env = environment()
    for name, run in [("overview", lambda db: queries.overview(db)),
                      ("figures", lambda db: queries.figures(db)),
                      ("versions", lambda db: queries.versions(db, "big", None, 101)),
                      ("events", lambda db: queries.events(db, limit=51))]:  # fmt: skip
        db = queries.connect(cfg.state_dir)
        t = time.perf_counter()
        run(db)
        print(f"  query {name}: {(time.perf_counter() - t) * 1000:.1f} ms")
    t = time.perf_counter()
    db = queries.connect(cfg.state_dir)
    print(f"  connect: {(time.perf_counter() - t) * 1000:.2f} ms")
    from starlette.requests import Request

    from monitor.web.app import Pages

    pages = Pages(cfg, False)
    scope = {"type": "http", "path": "/", "query_string": b"", "headers": [], "method": "GET"}
    for name in ("overview", "figures"):
        t = time.perf_counter()
        getattr(pages, name)(Request(scope))
        print(f"  page {name} (query + render): {(time.perf_counter() - t) * 1000:.1f} ms")
    del env


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--docs", type=int, default=1000)
    p.add_argument("--versions", type=int, default=1000)
    p.add_argument("--events", type=int, default=100_000)
    p.add_argument("--rounds", type=int, default=7)
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        cfg_path = generate(Path(tmp), args.docs, args.versions, args.events)
        profile(cfg_path)
        cfg = load_config(cfg_path)
        srv = ServerThread(cfg)
        last = args.events - 5
        pages = ["/", "/events", "/events?kind=source_failing", "/events?family=arrests",
                 "/events?document=doc-0500", f"/events?before={last}", f"/events/{last}",
                 "/alerts/1", "/documents/big", "/documents/big?before=500",
                 "/documents/big/diff", "/documents/doc-0500", "/figures",
                 "/figures?family=arrests", "/figures?document=big", "/metrics",
                 "/healthz"]  # fmt: skip
        print(f"\n{'page':<34} {'median':>9} {'worst':>9} {'size':>9}")
        worst_all = 0.0
        try:
            # TCP_NODELAY as browsers set it: without it, a keep-alive client's request waits
            # ~40 ms on Nagle and delayed ACKs, which measures the kernel, not the page
            nodelay = [(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)]
            transport = httpx.HTTPTransport(socket_options=nodelay)
            with httpx.Client(base_url=srv.url, timeout=30, transport=transport) as client:
                for page in pages:
                    r = client.get(page)  # warm-up
                    assert r.status_code == 200, (page, r.status_code, r.text[:200])
                    times = []
                    for _ in range(args.rounds):
                        t = time.perf_counter()
                        client.get(page)
                        times.append((time.perf_counter() - t) * 1000)
                    worst_all = max(worst_all, statistics.median(times))
                    print(f"{page:<34} {statistics.median(times):7.1f} ms {max(times):7.1f} ms "
                          f"{len(r.content) / 1024:7.0f} KB")  # fmt: skip
        finally:
            srv.stop()
        verdict = "OK" if worst_all < 200 else "OVER"
        print(f"\nslowest page (median): {worst_all:.1f} ms; target < 200 ms: {verdict}")


if __name__ == "__main__":
    main()
