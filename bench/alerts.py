"""Alert path figures: change-to-webhook latency, daemon RSS over many checks, outbox rate.

Usage: python bench/alerts.py [--quick]

1. Latency: `monitor run` on a 1 s schedule; a page changes at a random moment; the time
   until a JSON webhook on 127.0.0.1 receives the alert. Median (and max) of 10.
2. Daemon RSS: `monitor run` over 20 local documents on a 0.25 s schedule, some pages
   changing every second (so diffs, events and outbox deliveries happen); VmRSS after the
   first pass, after 500 checks and after 2,000 checks.
3. Outbox delivery rate: 500 queued messages delivered to a local JSON webhook, one notifier
   (sent in order) and four notifiers (in parallel).
Everything runs on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import json
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from monitor.config import load_config  # noqa: E402
from monitor.model import CheckRecord, OutboxMessage  # noqa: E402
from monitor.notify import deliver_pending, notifier_id  # noqa: E402
from monitor.store import Store  # noqa: E402
from tests.receivers import Webhook, wait_for  # noqa: E402
from tests.server import FixtureServer  # noqa: E402

FAST_HTTP = {"per_host_concurrency": 8, "per_host_delay": 0, "retries": 0, "timeout": "10s"}


def page(i: int, version: int, paragraphs: int = 30, body_changes: bool = False) -> str:
    """Document i at a version: one arrests figure that changes with it, and (body_changes)
    body text that changes every version too, so its diff and parse have work to do."""
    changed = f", version {version % 3}" if body_changes else ""
    body = " ".join(f"Paragraph {j} of document {i}{changed}." for j in range(paragraphs))
    return (
        f"<html><head><title>Doc {i}</title></head><body><main><p>{body}</p>"
        f"<p>Version {version}: law enforcement reported {1000 + version:,} arrests in 2024.</p>"
        "</main></body></html>"
    )


def write(tmp: Path, cfg: dict) -> Path:
    path = tmp / "config.yaml"
    path.write_text(yaml.safe_dump({"state_dir": "state", "http": FAST_HTTP, **cfg}))
    return path


def start(cfg: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "monitor", "-c", str(cfg), "run"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def stop(proc: subprocess.Popen) -> int:
    proc.send_signal(signal.SIGTERM)
    return proc.wait(timeout=60)


def heartbeat(tmp: Path) -> dict:
    try:
        return json.loads((tmp / "state" / "heartbeat.json").read_text())
    except (OSError, ValueError):
        return {}


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def latency(trials: int) -> list[float]:
    srv, hook = FixtureServer().start(), Webhook()
    out = []
    try:
        srv.set("/data", page(0, 0))
        with tempfile.TemporaryDirectory() as tmp:
            cfg = write(Path(tmp), {
                "sources": [{"id": "data", "url": srv.url("/data"), "every": "1s", "jitter": 0}],
                "notify": [{"url": hook.url(), "on": ["content_changed", "arrests"]}],
            })  # fmt: skip
            proc = start(cfg)
            try:
                wait_for(lambda: len(srv.hits("/data")) >= 2, timeout=30)
                for n in range(1, trials + 1):
                    time.sleep(random.uniform(0.3, 1.3))  # a random phase of the schedule
                    served = time.time()
                    srv.set("/data", page(0, n))
                    if not wait_for(lambda n=n: len(hook.received) >= n, timeout=15, step=0.005):
                        raise RuntimeError("alert not received")
                    out.append(hook.times[n - 1] - served)
            finally:
                stop(proc)
    finally:
        srv.stop()
        hook.close()
    return out


def daemon_rss(docs: int, marks: list[int]) -> tuple[list[tuple[int, float]], int]:
    srv, hook = FixtureServer().start(), Webhook()
    versions = dict.fromkeys(range(docs), 0)
    for i in range(docs):
        srv.set(f"/doc/{i}", page(i, 0))
    done = threading.Event()

    def churn() -> None:  # a fifth of the pages change every second
        while not done.wait(1.0):
            for i in random.sample(range(docs), docs // 5):
                versions[i] += 1
                srv.set(f"/doc/{i}", page(i, versions[i]))

    samples = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            cfg = write(Path(tmp), {
                "sources": [{"id": f"doc-{i}", "url": srv.url(f"/doc/{i}"), "every": "0.25s",
                             "jitter": 0} for i in range(docs)],
                "notify": [{"url": hook.url(), "on": ["content_changed"]}],
                "daemon": {"heartbeat": "0.2s"},
            })  # fmt: skip
            proc = start(cfg)
            threading.Thread(target=churn, daemon=True).start()
            try:
                wait_for(lambda: heartbeat(Path(tmp)).get("checks", 0) >= docs, timeout=60)
                samples.append((heartbeat(Path(tmp))["checks"], rss_mib(proc.pid)))
                for mark in marks:
                    wait_for(lambda m=mark: heartbeat(Path(tmp)).get("checks", 0) >= m,
                             timeout=600, step=0.1)  # fmt: skip
                    samples.append((heartbeat(Path(tmp))["checks"], rss_mib(proc.pid)))
            finally:
                done.set()
                code = stop(proc)
    finally:
        srv.stop()
        hook.close()
    return samples, code


def delivery_rate(messages: int, notifiers: int) -> float:
    hook = Webhook()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            urls = [hook.url(f"/hook/{k}") for k in range(notifiers)]
            cfg = load_config(write(Path(tmp), {
                "sources": [{"id": "doc", "url": "http://127.0.0.1:9/doc"}],
                "notify": urls,
            }))  # fmt: skip
            store = Store(cfg.state_dir)
            store.ensure_sources([("doc", "http://127.0.0.1:9/doc")])
            body = {"document": "doc", "source": "doc", "url": "http://127.0.0.1:9/doc",
                    "doc_title": "Doc", "diff": [], "items": [{
                        "kind": "metric_appeared", "headline": "arrests, 2024: 1,234 (new)",
                        "alert": True, "family": "arrests", "new": "1,234",
                        "context": "Law enforcement reported 1,234 arrests in 2024."}]}  # fmt: skip
            ids = [notifier_id(u) for u in urls]
            for _ in range(messages):
                store.record(CheckRecord("doc", "changed",
                                         outbox=OutboxMessage("arrests", body, ids)))  # fmt: skip
            started = time.perf_counter()
            counts = asyncio.run(deliver_pending(store, cfg))
            elapsed = time.perf_counter() - started
            assert counts.delivered == messages * notifiers, counts
            assert len(hook.received) == messages * notifiers
            store.close()
            return counts.delivered / elapsed
    finally:
        hook.close()


def main() -> None:
    quick = "--quick" in sys.argv
    lat = latency(3 if quick else 10)
    print(f"change served -> webhook received, 1 s schedule: median {statistics.median(lat):.2f} s"
          f" (min {min(lat):.2f}, max {max(lat):.2f}, n={len(lat)})")  # fmt: skip
    samples, code = daemon_rss(20, [100, 200] if quick else [500, 2000])
    marks = ", ".join(f"{n} checks: {mib:.0f} MiB" for n, mib in samples)
    print(f"daemon RSS, 20 documents every 0.25 s: {marks}; exit on SIGTERM {code}")
    n = 100 if quick else 500
    for k in (1, 4):
        print(
            f"outbox delivery to a local JSON webhook, {n} messages x {k} notifier(s): "
            f"{delivery_rate(n, k):.0f} deliveries/s"
        )


if __name__ == "__main__":
    main()
