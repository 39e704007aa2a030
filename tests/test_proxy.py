"""Fetching through an HTTP proxy (config `http.proxy`, or HTTPS_PROXY / HTTP_PROXY and
NO_PROXY from the environment), against a small proxy on 127.0.0.1 (tests/proxy.py).

The watched names here resolve nowhere on this machine (the fetcher's resolver fails every
lookup): behind a proxy, the proxy resolves them, as it does on a network whose only way
out is the proxy.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from typing import Any

import pydantic
import pytest

from monitor.config import HttpConfig
from monitor.fetch import Fetcher, FetchResult
from tests.proxy import ProxyServer
from tests.server import NAME, FixtureServer, free_port
from tests.test_fetch import HTML, cfg


async def nowhere(host: str, port: int) -> list[str]:
    raise socket.gaierror(socket.EAI_NONAME, "no DNS on this machine")


@pytest.fixture
def proxy() -> Iterator[ProxyServer]:
    srv = ProxyServer()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture
def named() -> Iterator[FixtureServer]:
    """A plain HTTP server for NAME (which only the proxy can reach)."""
    srv = FixtureServer(host=NAME).start()
    try:
        yield srv
    finally:
        srv.stop()


def twice(url: str, **http: Any) -> list[FetchResult]:
    """A fetch, then a conditional one with its ETag, through one Fetcher."""

    async def go() -> list[FetchResult]:
        async with Fetcher(cfg(**http), resolver=nowhere) as f:
            first = await f.fetch(url)
            return [first, await f.fetch(url, etag=first.etag)]

    return asyncio.run(go())


def test_http_through_the_configured_proxy(named: FixtureServer, proxy: ProxyServer) -> None:
    named.set("/data.html", HTML)
    url = named.url("/data.html")
    first, second = twice(url, proxy=proxy.url)
    assert (first.status, first.body, second.status) == (200, HTML, 304)
    assert proxy.asked == [f"GET {url} HTTP/1.1"] * 2  # absolute form, as proxies want
    assert [h.headers["host"] for h in named.hits("/data.html")] == [f"{NAME}:{named.port}"] * 2


def test_https_through_the_environment_proxy(
    https: FixtureServer,
    proxy: ProxyServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    https.set("/data.html", HTML)
    first, second = twice(https.url("/data.html"))
    assert (first.status, first.body, second.status) == (200, HTML, 304)
    assert proxy.asked == [f"CONNECT {NAME}:{https.port} HTTP/1.1"]  # one tunnel, kept alive
    assert https.connections == 1


def test_no_proxy_hosts_go_direct(
    server: FixtureServer, proxy: ProxyServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("NO_PROXY", "localhost,127.0.0.1")
    server.set("/data.html", HTML)
    first, second = twice(server.url("/data.html"))
    assert (first.status, second.status) == (200, 304)
    assert proxy.asked == []


def test_the_configured_proxy_wins_over_the_environment(
    named: FixtureServer, proxy: ProxyServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = ProxyServer()
    try:
        monkeypatch.setenv("HTTP_PROXY", other.url)
        named.set("/data.html", HTML)
        first, _ = twice(named.url("/data.html"), proxy=proxy.url)
    finally:
        other.stop()
    assert first.status == 200 and len(proxy.asked) == 2 and other.asked == []


def test_through_a_proxy_a_name_this_machine_resolves_is_still_screened(
    proxy: ProxyServer,
) -> None:
    async def private(host: str, port: int) -> list[str]:
        return ["10.0.0.5"]

    async def go() -> FetchResult:
        async with Fetcher(cfg(proxy=proxy.url), resolver=private) as f:
            return await f.fetch("http://intranet.test/admin", trusted={NAME})

    r = asyncio.run(go())
    assert r.error == "refused: intranet.test resolves to a private address (10.0.0.5)"
    assert proxy.asked == []


def test_a_proxy_that_refuses_says_so(
    https: FixtureServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    refusing = ProxyServer(refuse=True)
    try:
        monkeypatch.setenv("HTTPS_PROXY", refusing.url)
        [r, _] = twice(https.url("/data.html"), retries=0)
    finally:
        refusing.stop()
    assert r.error == (
        f"the proxy refused: 407 Proxy Authentication Required (through the proxy {refusing.url})"
    )
    assert https.hits("/data.html") == []


def test_a_proxy_that_is_down_is_named_without_its_password(named: FixtureServer) -> None:
    port = free_port()
    named.set("/data.html", HTML)
    [r, _] = twice(named.url("/data.html"), proxy=f"http://monitor:s3cret@127.0.0.1:{port}",
                   retries=0)  # fmt: skip
    assert r.error == f"connection refused (through the proxy http://127.0.0.1:{port})"
    assert named.hits("/data.html") == []


def test_proxy_setting_must_be_a_url() -> None:
    with pytest.raises(pydantic.ValidationError, match="proxy"):
        HttpConfig(proxy="proxy.example:3128")
    assert HttpConfig(proxy="http://proxy.example:3128").proxy == "http://proxy.example:3128"
