"""A real HTTP server on 127.0.0.1 that serves switchable fixture versions.

Tests set what each path answers (body, type, status, headers), whether it honours
conditional GET, and read back the requests it got.
"""

from __future__ import annotations

import hashlib
import socket
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import trustme


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: bool = True  # send an ETag and answer If-None-Match with 304
    last_modified: str | None = None  # sent as is; If-Modified-Since equal to it -> 304
    # Full control for odd behaviour: called with the handler instead of the above.
    handler: Callable[[BaseHTTPRequestHandler], None] | None = None


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]


class FixtureServer:
    """Plain HTTP, or HTTPS with `tls` (its certificate for `host`, which tests resolve)."""

    def __init__(self, tls: ssl.SSLContext | None = None, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.connections = 0  # TCP connections accepted: shows keep-alive at work
        self.scheme = "https" if tls else "http"
        self.host = host
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def setup(self) -> None:
                with server._lock:
                    server.connections += 1
                super().setup()

            def do_GET(self) -> None:
                with server._lock:
                    server.requests.append(
                        Request("GET", self.path, {k.lower(): v for k, v in self.headers.items()})
                    )
                    route = server.routes.get(self.path.split("#")[0])
                if route is None:
                    self.reply(404, b"not found", "text/plain", {})
                    return
                if route.handler is not None:
                    route.handler(self)
                    return
                headers = dict(route.headers)
                tag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
                if route.etag and route.status == 200:
                    headers["ETag"] = tag
                    if self.headers.get("If-None-Match") == tag:
                        self.reply(304, b"", None, headers)
                        return
                if route.last_modified and route.status == 200:
                    headers["Last-Modified"] = route.last_modified
                    if self.headers.get("If-Modified-Since") == route.last_modified:
                        self.reply(304, b"", None, headers)
                        return
                self.reply(route.status, route.body, route.content_type, headers)

            def reply(
                self,
                status: int,
                body: bytes,
                ctype: str | None = "text/html",
                headers: dict | list[tuple[str, str]] | None = None,
            ) -> None:
                """A whole answer (route handlers call it too, after their own timing);
                `headers` a list of pairs to repeat one (Set-Cookie)."""
                self.send_response(status)
                if ctype:
                    self.send_header("Content-Type", ctype)
                pairs = headers.items() if isinstance(headers, dict) else headers or []
                for k, v in pairs:
                    self.send_header(k, v)
                if status != 304:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        if tls is not None:  # the handshake happens in the connection's thread, on first read
            self.httpd.socket = tls.wrap_socket(
                self.httpd.socket, server_side=True, do_handshake_on_connect=False
            )
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def start(self) -> FixtureServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return f"{self.scheme}://{self.host}:{self.port}{path}"

    def set(self, path: str, body: bytes | str = b"", **kw: object) -> Route:
        if isinstance(body, str):
            body = body.encode("utf-8")
        route = Route(body=body, **kw)  # type: ignore[arg-type]
        with self._lock:
            self.routes[path] = route
        return route

    def remove(self, path: str) -> None:
        with self._lock:
            self.routes.pop(path, None)

    def hits(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (just released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


NAME = "reports.test"  # the host name of the HTTPS tests; they resolve it to 127.0.0.1


def tls_server(ca: trustme.CA, name: str = NAME) -> FixtureServer:
    """An HTTPS FixtureServer for NAME with a certificate from `ca` for `name`."""
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(name).configure_cert(ctx)
    return FixtureServer(tls=ctx, host=NAME).start()
