"""Wall time and peak RSS of whole `monitor check` processes over N local documents.

Usage: python bench/check.py [N]   (default 200)

Serves N small HTML pages from a threaded HTTP server on 127.0.0.1 (with ETags), then
times, each as a separate process: a baseline pass, an unchanged pass (all 304), and a
pass where every page changed. Finally times the extraction of the real 20-page OJJDP 2023
report in this process. Politeness is raised through config, as a user would.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.server import FixtureServer  # noqa: E402


def page(i: int, version: int) -> str:
    body = " ".join(f"Paragraph {j} of document {i}, version {version}." for j in range(40))
    return f"<html><head><title>Doc {i}</title></head><body><main><p>{body}</p></main></body>"


def run(cfg: Path) -> tuple[float, float, float, int]:
    """(wall s, cpu s, peak RSS MiB, exit code) of one `monitor check` process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "monitor", "-c", str(cfg), "check"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    srv = FixtureServer().start()
    for i in range(n):
        srv.set(f"/doc/{i}", page(i, 1))
    with tempfile.TemporaryDirectory() as tmp:
        cfg = Path(tmp) / "config.yaml"
        cfg.write_text(
            yaml.safe_dump(
                {
                    "state_dir": "state",
                    "http": {"per_host_concurrency": 8, "per_host_delay": 0},
                    "sources": [{"id": f"doc-{i}", "url": srv.url(f"/doc/{i}")} for i in range(n)],
                }
            )
        )
        print(f"monitor check over {n} local HTML documents ({os.cpu_count()} cores)")
        print(f"{'pass':<22} {'wall s':>8} {'cpu s':>8} {'peak RSS MiB':>13} {'exit':>5}")
        for name in ("baseline", "unchanged (304)", "all changed"):
            if name == "all changed":
                for i in range(n):
                    srv.set(f"/doc/{i}", page(i, 2))
            before = len(srv.requests)
            wall, cpu, rss, code = run(cfg)
            print(f"{name:<22} {wall:8.2f} {cpu:8.2f} {rss:13.1f} {code:5d}"
                  f"   ({len(srv.requests) - before} requests)")  # fmt: skip
    srv.stop()

    from monitor.extract.pdf import extract_pdf
    from monitor.metrics import find_metrics

    data = (ROOT / "tests/data/ncmec-ojjdp-2023.pdf").read_bytes()
    t = time.perf_counter()
    doc = extract_pdf(data)
    parsed = time.perf_counter() - t
    metrics = find_metrics(doc, title=doc.title)
    total = time.perf_counter() - t
    print(f"\nOJJDP CY 2023 report (20 pages): extract {parsed:.2f} s, "
          f"with figures {total:.2f} s, {len(metrics)} figures")  # fmt: skip


if __name__ == "__main__":
    main()
