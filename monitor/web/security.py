"""The read-only guard in front of every route: methods, authentication, security headers.

- Nothing changes state over HTTP: any method but GET and HEAD answers 405, before routing.
- With `web.token` set, every route but /healthz wants it, as `Authorization: Bearer TOKEN`
  or as the password of HTTP basic auth (any user name: a browser prompts for it).
- Every answer carries a Content-Security-Policy that allows no script at all (the pages
  have none; text from watched pages can never run), no framing, and no referrer (a click
  to a watched site does not tell it where the reader came from).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import ipaddress
from typing import Any

CSP = (
    "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
]
ALLOWED = ("GET", "HEAD")


class WebError(Exception):
    """The web view cannot start (a public address without a token, a port in use...)."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


def check_exposure(host: str, token: str | None) -> None:
    """Refuse to bind beyond loopback without a token (safe by construction)."""
    if not is_loopback(host) and not token:
        raise WebError(
            f"refusing to serve the web view on {host}: an address other than loopback needs"
            " web.token (e.g. `token: ${WEB_TOKEN}` in config.yaml, 16 characters or more);"
            " or bind 127.0.0.1"
        )


def authorised(header: str | None, token: str) -> bool:
    if not header:
        return False
    scheme, _, value = header.partition(" ")
    given = ""
    if scheme.lower() == "bearer":
        given = value.strip()
    elif scheme.lower() == "basic":
        try:
            given = base64.b64decode(value.strip(), validate=True).decode().partition(":")[2]
        except (binascii.Error, UnicodeDecodeError):
            return False
    return hmac.compare_digest(given.encode(), token.encode())


class Guard:
    """ASGI middleware around the app (plain ASGI: no per-request task or body copy)."""

    def __init__(self, app: Any, token: str | None, open_paths: tuple[str, ...] = ()) -> None:
        self.app = app
        self.token = token
        self.open_paths = open_paths

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            if scope["type"] == "lifespan":
                await self.app(scope, receive, send)
            return  # no websockets

        async def send_secured(message: dict) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    h for h in HEADERS if h[0] not in names
                ]
            await send(message)

        if scope["method"] not in ALLOWED:
            await _plain(send_secured, 405, "405: read-only: only GET and HEAD",
                         [(b"allow", b"GET, HEAD")])  # fmt: skip
            return
        if self.token and scope["path"] not in self.open_paths:
            headers = dict(scope.get("headers", []))
            header = headers.get(b"authorization", b"").decode("latin-1") or None
            if not authorised(header, self.token):
                challenge = (b"www-authenticate", b'Basic realm="cybertip-monitor"')
                await _plain(send_secured, 401, "401: this view needs web.token", [challenge])
                return
        await self.app(scope, receive, send_secured)


async def _plain(send: Any, status: int, text: str, headers: list[tuple[bytes, bytes]]) -> None:
    body = (text + "\n").encode()
    await send({
        "type": "http.response.start", "status": status,
        "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()), *headers],
    })  # fmt: skip
    await send({"type": "http.response.body", "body": body})
