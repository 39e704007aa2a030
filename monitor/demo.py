"""`monitor demo`: the whole product in under a minute, with no network.

A local web server on 127.0.0.1 serves NCMEC-style documents (bundled in demo_data/, made up
figures, marked as demos). The real pipeline checks them through four steps: a baseline, an
edit of the data page, a newly linked PDF, and the annual report now publishing an arrest
figure. Alerts go to the console (and, with --notify, to the configured notifiers), and the
history stays in a folder the usual commands can browse.
"""

from __future__ import annotations

import asyncio
import shlex
import tempfile
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

from .config import Alerts, Config, load_config
from .human import program
from .notify import deliver_pending, print_console

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>CyberTipline Data (demo)</title></head>
<body><nav>Home | Get Help Now | CyberTipline</nav>
<main>
<h1>CyberTipline Data (demo)</h1>
<p>This page is a demonstration modelled on NCMEC's CyberTipline data page.
Its figures are made up.</p>
<p>In 2024, the CyberTipline received {reports} million reports of suspected child sexual
exploitation.</p>
<h2>Reports and data</h2>
<ul>
<li><a href="/pdfs/2024-CyberTipline-Report.pdf">2024 CyberTipline Report</a></li>
{more}
</ul>
</main><footer>Demo footer</footer></body></html>
"""
NEW_LINK = (
    '<li><a href="/pdfs/OJJDP-NCMEC-Transparency-CY-2024.pdf">'
    "OJJDP-NCMEC Transparency Report, CY 2024</a></li>"
)
# The demo's console notifier shows page edits and new documents too, not only figures.
CONSOLE_ON = [*Alerts().families, "document_new", "document_removed", "content_changed"]


def _data(name: str) -> bytes:
    return (Path(__file__).parent / "demo_data" / name).read_bytes()


class _Site:
    """The demo's web server: path -> (body, content type), switchable between steps."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[bytes, str]] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                body, ctype = site.routes.get(self.path, (b"not found", "text/plain"))
                self.send_response(200 if self.path in site.routes else 404)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def page(self, reports: str, more: str = "") -> None:
        html = PAGE.format(reports=reports, more=more).encode()
        self.routes["/cybertipline-data"] = (html, "text/html; charset=utf-8")

    def pdf(self, path: str, name: str) -> None:
        self.routes[path] = (_data(name), "application/pdf")

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def demo_config(folder: Path, site_url: str) -> Path:
    notify: list[Any] = [{"url": "console://", "on": CONSOLE_ON}]
    cfg = {
        "state_dir": "state",
        "http": {"timeout": "10s", "retries": 0, "per_host_delay": 0, "per_host_concurrency": 4},
        "sources": [
            {
                "id": "cybertipline-data",
                "title": "CyberTipline Data (demo)",
                "url": f"{site_url}/cybertipline-data",
                "select": "main",
                "discover": {"match": r"\.pdf$", "hosts": ["127.0.0.1"]},
            }
        ],
        "notify": notify,
        "delivery": {"backoff": "5s", "timeout": "10s"},
    }
    path = folder / "config.yaml"
    path.write_text(
        "# Written by `monitor demo`; the documents were served from a local demo server\n"
        "# that is gone now, so `check` here fails, but the history commands work.\n"
        + yaml.safe_dump(cfg, sort_keys=False),
        encoding="utf-8",
    )
    return path


STEPS: list[tuple[str, Callable[[_Site], None]]] = [
    ("1. Baseline: the data page and the report it links are recorded (no alerts)",
     lambda s: (s.page("20.5"), s.pdf("/pdfs/2024-CyberTipline-Report.pdf", "report-v1.pdf"))),
    ("2. The data page is edited (20.5 -> 20.8 million reports)",
     lambda s: s.page("20.8")),
    ("3. The page now links a new PDF: a transparency report with law-enforcement feedback",
     lambda s: (s.page("20.8", NEW_LINK),
                s.pdf("/pdfs/OJJDP-NCMEC-Transparency-CY-2024.pdf", "transparency-2024.pdf"))),
    ("4. The annual report is revised and now publishes an arrest figure",
     lambda s: s.pdf("/pdfs/2024-CyberTipline-Report.pdf", "report-v2.pdf")),
]  # fmt: skip


async def _walk(cfg: Config, cfg_path: Path, site: _Site, say: Callable[[str], None]) -> int:
    from .runtime import Runtime

    alerts = 0
    async with Runtime(cfg) as rt:
        for title, change in STEPS:
            say(f"\n### {title}")
            change(site)
            summary = await rt.checker.run_pass()
            for r in summary.results:
                say(f"    {r.document:<44} {r.status:<10} {len(r.events)} events")
            counts = await deliver_pending(rt.store, cfg, print_console)
            alerts += counts.delivered
            if counts.retrying or counts.failed:
                say(f"    alerts: {counts.line()} (`{program(str(cfg_path))} outbox` shows why)")
    return alerts


def run_demo(user: Config | None = None, keep: str | None = None) -> int:
    started = time.monotonic()
    folder = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="cybertip-demo-"))
    folder.mkdir(parents=True, exist_ok=True)
    site = _Site()

    def say(line: str) -> None:
        print(line, flush=True)

    try:
        path = demo_config(folder, site.url)
        cfg = load_config(path)
        if user is not None:  # --notify: the user's notifiers too, kept in memory only
            cfg = cfg.model_copy(update={"notify": [*cfg.notify, *user.notify]})
        say(f"cybertip-monitor demo: documents served from {site.url} (local, made-up figures)")
        alerts = asyncio.run(_walk(cfg, path, site, say))
    finally:
        site.close()
    c = program(str(path))  # as this program was started: the commands run as printed
    say(f"\nDone in {time.monotonic() - started:.1f} s: {alerts} alert deliveries.")
    say(f"The history is in {cfg.state_dir} (SQLite + one text file per version). Try:")
    for cmd, what in [
        ("history", "every event, newest first, with delivery status"),
        ("metrics", "the outcome figures found, with first/last seen"),
        ("diff cybertipline-data", "what changed on the data page"),
        ("sources", "configured and discovered documents"),
        ("outbox --all", "each alert delivery"),
        ("serve", "the web view: http://127.0.0.1:8080/ (Ctrl-C stops it)"),
    ]:
        say(f"  {c} {cmd:<24} # {what}")
    say(f"  ls {shlex.quote(str(cfg.state_dir))}/snapshots/*/")
    return 0
