"""HTTPS through our network backend (monitor/transport.py), against a TLS server on 127.0.0.1.

Every watched NCMEC URL is https. The certificates come from trustme (a throwaway CA, trusted
through SSL_CERT_FILE as a user behind a company CA would); the name `reports.test` resolves
to 127.0.0.1 through a table, so SNI, the certificate's name check and the pinned address are
all exercised with no DNS lookup and no packet off the machine.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from typing import Any

import pytest
import trustme

from monitor.fetch import Fetcher, FetchResult
from tests.server import NAME, FixtureServer, tls_server
from tests.test_fetch import HTML, cfg


async def table(host: str, port: int) -> list[str]:
    if host == NAME:
        return ["127.0.0.1"]
    raise socket.gaierror(socket.EAI_NONAME, "not in the test's table")


def fetch_all(*calls: tuple[str, dict[str, Any]], **http: Any) -> list[FetchResult]:
    async def go() -> list[FetchResult]:
        async with Fetcher(cfg(**http), resolver=table) as f:
            return [await f.fetch(url, **kw) for url, kw in calls]

    return asyncio.run(go())


def test_https_page_then_304s_on_one_connection(https: FixtureServer) -> None:
    https.set("/data.html", HTML)
    url = https.url("/data.html")

    async def go() -> list[FetchResult]:
        async with Fetcher(cfg(), resolver=table) as f:
            first = await f.fetch(url)
            return [first] + [await f.fetch(url, etag=first.etag) for _ in range(3)]

    first, *again = asyncio.run(go())
    assert first.status == 200 and first.body == HTML and first.kind == "html"
    assert [(r.status, r.not_modified, r.body) for r in again] == [(304, True, None)] * 3
    assert https.connections == 1  # one TLS handshake, the connection kept alive


def test_certificate_from_an_unknown_ca_is_refused(
    ca: trustme.CA, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)  # certifi's roots: not our test CA
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    srv = tls_server(ca)
    try:
        srv.set("/data.html", HTML)
        [r] = fetch_all((srv.url("/data.html"), {}))
    finally:
        srv.stop()
    assert r.error == "TLS certificate verification failed"
    assert r.attempts == 1  # not a passing fault: no retry
    assert srv.hits("/data.html") == []


def test_certificate_for_another_name_is_refused(https: FixtureServer, ca: trustme.CA) -> None:
    other = tls_server(ca, name="elsewhere.test")  # trusted CA, wrong name
    try:
        other.set("/data.html", HTML)
        [r] = fetch_all((other.url("/data.html"), {}))
    finally:
        other.stop()
    assert r.error == "TLS certificate verification failed"


def test_plain_http_server_on_an_https_url(https: FixtureServer) -> None:
    plain = FixtureServer(host=NAME).start()
    try:
        plain.set("/data.html", HTML)
        [r] = fetch_all((plain.url("/data.html").replace("http:", "https:"), {}))
    finally:
        plain.stop()
    assert r.error is not None and r.error.startswith("TLS error:"), r.error
    assert r.attempts == 3  # retried, as a passing network fault might be


def test_server_that_never_answers_the_handshake(https: FixtureServer) -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                held.append(listener.accept()[0])  # accepted, never a byte back

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        url = f"https://{NAME}:{listener.getsockname()[1]}/data.html"
        [r] = fetch_all((url, {}), timeout=0.3, retries=0)
    finally:
        stop.set()
        thread.join()
        for s in held:
            s.close()
        listener.close()
    assert r.error == "timed out after 0.3s connecting"
