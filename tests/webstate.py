"""A state/ made by real checks for the web tests, and the web view served over it.

A data page and a PDF it links go through three versions on the fixture server: a baseline,
a page edit that changes a figure, adds an arrests figure and a statement, and a third with
the arrests statement reworded
(word diff: after -> following). The page's text carries hostile strings (script, img onerror, a
javascript: link, a 6,000-character line) that every page must show as text.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from monitor.cli import main
from monitor.config import Config, load_config
from tests.server import FixtureServer
from tests.util import make_pdf, write_config

PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")
HOSTILE_TITLE = "Data <img src=x onerror=window.__pwned=1>"
SCRIPT = "<script>window.__pwned=2</script>"
JS_LINK = '<a href="javascript:window.__pwned=3">click</a>'
LONG = "x" * 6000

PAGE = """<html><head><title>Data &lt;img src=x onerror=window.__pwned=1&gt;</title></head>
<body><main><h1>CyberTipline data</h1>
<p>In 2023, the CyberTipline received 36.2 million reports.</p>
<p>In 2024, the CyberTipline received {reports} million reports.</p>
{arrests}
<p>&lt;script&gt;window.__pwned=2&lt;/script&gt; and
&lt;a href="javascript:window.__pwned=3"&gt;click&lt;/a&gt;</p>
<p>{long}</p>
<p>The {word} statement of the data page.</p>
<a href="/r.pdf">Annual report</a>
</main></body></html>
"""
ARRESTS = "<p>Law enforcement reported {n} arrests in 2024 {how} CyberTipline reports.</p>"


@dataclass
class WebState:
    dir: Path
    config: Path
    cfg: Config


def build(tmp: Path) -> WebState:
    srv = FixtureServer().start()
    saved = {k: os.environ.pop(k) for k in list(os.environ) if k.upper() in PROXY_VARS}
    try:
        cfg_path = write_config(
            tmp,
            [{"id": "data", "url": srv.url("/data"),
              "discover": {"match": r"\.pdf$", "hosts": ["127.0.0.1"]}}],
        )  # fmt: skip
        steps = [
            ("20.5", "", "first", ["Annual report 2024", "No outcome figures yet."]),
            ("20.6", ARRESTS.format(n="1,234", how="after"), "second",
             ["Annual report 2024", "Law enforcement reported 1,234 arrests in 2024."]),
            ("20.6", ARRESTS.format(n="1,300", how="following"), "third",
             ["Annual report 2024", "Law enforcement reported 1,300 arrests in 2024."]),
        ]  # fmt: skip
        for reports, arrests, word, pdf_lines in steps:
            srv.set("/data", PAGE.format(reports=reports, arrests=arrests, long=LONG, word=word))
            srv.set("/r.pdf", make_pdf([pdf_lines]), content_type="application/pdf")
            assert main(["-c", str(cfg_path), "check"]) == 0
    finally:
        srv.stop()
        os.environ.update(saved)
    return WebState(tmp, cfg_path, load_config(cfg_path))


class ServerThread:
    """The web view (monitor.web.server.WebServer) on its own loop in a thread."""

    def __init__(self, cfg: Config, daemon: bool = False) -> None:
        from monitor.web.server import WebServer

        self.srv = WebServer(cfg, "127.0.0.1", 0, daemon=daemon)
        self.loop = asyncio.new_event_loop()
        started = threading.Event()

        def run() -> None:
            asyncio.set_event_loop(self.loop)
            self.loop.run_until_complete(self.srv.start())
            started.set()
            self.loop.run_forever()

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()
        assert started.wait(10)
        self.url = f"http://127.0.0.1:{self.srv.port}"

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self.srv.stop(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


@pytest.fixture(scope="session")
def web_state(tmp_path_factory: pytest.TempPathFactory) -> WebState:
    return build(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="session")
def web(web_state: WebState) -> Iterator[str]:
    """The base URL of the view over web_state."""
    srv = ServerThread(web_state.cfg)
    try:
        yield srv.url
    finally:
        srv.stop()
