"""Real notification receivers on 127.0.0.1: an HTTP webhook receiver (apprise json://) and
an SMTP server (aiosmtpd) for e-mail. Nothing here talks to any other address."""

from __future__ import annotations

import email
import email.policy
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.server import free_port


class Webhook:
    """Records the JSON bodies POSTed to it; `status` is what it answers (500 = down)."""

    def __init__(self, status: int = 200) -> None:
        self.status = status
        self.received: list[dict[str, Any]] = []  # accepted (answered 2xx)
        self.refused = 0
        self.times: list[float] = []
        self._lock = threading.Lock()
        hook = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with hook._lock:
                    status = hook.status
                    if status < 300:
                        hook.received.append(json.loads(body or b"{}"))
                        hook.times.append(time.time())
                    else:
                        hook.refused += 1
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path: str = "/hook") -> str:
        return f"json://127.0.0.1:{self.port}{path}"

    def wait(self, n: int = 1, timeout: float = 10) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(self.received) < n:
            time.sleep(0.02)
        return list(self.received)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@dataclass
class Mail:
    subject: str
    text: str  # every text/* part, decoded
    raw: EmailMessage


class Smtp:
    """aiosmtpd on 127.0.0.1; `mails` holds what it received, parsed."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.mails: list[Mail] = []
        outer = self

        class Handler:
            async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
                msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
                parts = [p.get_content() for p in msg.walk() if p.get_content_maintype() == "text"]
                outer.mails.append(Mail(str(msg["subject"]), "\n".join(parts), msg))
                return "250 OK"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def url(self) -> str:
        return f"mailto://127.0.0.1:{self.port}?from=monitor@example.com&to=ops@example.com"

    def close(self) -> None:
        self.controller.stop()


def wait_for(cond: Callable[[], Any], timeout: float = 15, step: float = 0.05) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = cond()
        if value:
            return value
        time.sleep(step)
    return cond()
