"""Headless Chromium (Debian's `chromium`) driven over the DevTools protocol.

Why this and not playwright: the protocol needs only a WebSocket (the `websockets` package),
drives the system's browser as it is, and downloads nothing; playwright's Python package
brings a 40 MB driver and wants browser builds of its own. The few calls the tests need
(navigate, evaluate, screenshot, console and errors) are below.

The flags keep the browser off the network: no background requests to Google, no component
updates, no sync, no QUIC; a profile of its own in a temp folder.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any

import websockets

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--metrics-recording-only",
    "--mute-audio",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
]


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    """One headless Chromium with one page; sync methods (each runs the protocol briefly)."""

    def __init__(self, width: int = 1280, height: int = 900) -> None:
        exe = chromium()
        if exe is None:
            raise RuntimeError("chromium is not installed (apt-get install chromium)")
        self.profile = tempfile.mkdtemp(prefix="cdp-profile-")
        self.proc = subprocess.Popen(
            [exe, *FLAGS, f"--user-data-dir={self.profile}", f"--window-size={width},{height}",
             "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        ws_url = self._devtools_url()
        # Keep reading its stderr, or a chatty browser blocks on a full pipe.
        threading.Thread(target=self.proc.stderr.read, daemon=True).start()  # type: ignore[union-attr]
        self.loop = asyncio.new_event_loop()
        self.ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []
        self.errors: list[str] = []  # console errors, exceptions, CSP violations
        self.ws = self._run(websockets.connect(ws_url, max_size=64 * 2**20))
        target = self._send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self._send("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log"):
            self.page(f"{domain}.enable")
        self.page("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=1, mobile=False)  # fmt: skip

    def _devtools_url(self) -> str:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            m = re.search(r"DevTools listening on (ws://\S+)", line)
            if m:
                return m.group(1)
        raise RuntimeError(f"chromium did not start (exit {self.proc.wait()})")

    def _run(self, coro: Any) -> Any:
        return self.loop.run_until_complete(asyncio.wait_for(coro, 30))

    async def _call(self, method: str, session: str | None, params: dict) -> dict:
        n = next(self.ids)
        msg: dict[str, Any] = {"id": n, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        await self.ws.send(json.dumps(msg))
        while True:
            data = json.loads(await self.ws.recv())
            if data.get("id") == n:
                if "error" in data:
                    raise RuntimeError(f"{method}: {data['error']}")
                return data.get("result", {})
            self._event(data)

    def _event(self, data: dict) -> None:
        self.events.append(data)
        method, p = data.get("method"), data.get("params", {})
        if method == "Runtime.exceptionThrown":
            self.errors.append(p["exceptionDetails"].get("text", "exception"))
        elif method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            self.errors.append(" ".join(str(a.get("value", "")) for a in p.get("args", [])))
        elif method == "Log.entryAdded" and p["entry"].get("level") == "error":
            self.errors.append(p["entry"].get("text", ""))

    def _send(self, method: str, **params: Any) -> dict:
        return self._run(self._call(method, None, params))

    def page(self, method: str, **params: Any) -> dict:
        return self._run(self._call(method, self.session, params))

    async def _wait_for(self, method: str, since: int) -> None:
        while not any(e.get("method") == method for e in self.events[since:]):
            self._event(json.loads(await self.ws.recv()))

    def goto(self, url: str) -> None:
        """Load a page and wait for its load event; errors are those of this page."""
        self.errors.clear()
        since = len(self.events)
        result = self.page("Page.navigate", url=url)
        if result.get("errorText"):
            raise RuntimeError(f"{url}: {result['errorText']}")
        self._run(self._wait_for("Page.loadEventFired", since))

    def eval(self, expression: str) -> Any:
        result = self.page("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def text(self, selector: str = "body") -> str:
        return self.eval(f"document.querySelector({json.dumps(selector)}).innerText")

    def all_text(self, selector: str) -> list[str]:
        return self.eval(
            f"[...document.querySelectorAll({json.dumps(selector)})].map(e => e.textContent)"
        )

    def screenshot(self, path: Path, full_page: bool = False) -> None:
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
        data = self.page("Page.captureScreenshot", **params)["data"]
        Path(path).write_bytes(base64.b64decode(data))

    def close(self) -> None:
        with contextlib.suppress(Exception):  # the browser may be gone already
            self._run(self.ws.close())
        self.loop.close()
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)
