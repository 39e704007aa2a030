"""The address guard: checked before any connection is made.

Every test here runs with a transport that records connection attempts and fails on any
that is not loopback, and with a resolver that answers from a table: no packet leaves
this machine, not even a DNS query.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest

from monitor.config import HttpConfig
from monitor.fetch import Fetcher
from monitor.guard import address_problem, screen

FAKE_DNS = {
    "public.example": ["93.184.215.14"],
    "evil.example": ["10.1.2.3"],
    "mixed.example": ["93.184.215.14", "192.168.0.9"],
    "meta.example": ["169.254.169.254"],
    "intranet.example": ["10.1.2.3"],
    "v6.example": ["::ffff:127.0.0.1"],
}


async def fake_resolver(host: str, port: int) -> list[str]:
    if host not in FAKE_DNS:
        raise OSError(f"no such host {host}")
    return FAKE_DNS[host]


class RecordingTransport(httpx.AsyncBaseTransport):
    """Stands in for the network: records every request (the tests assert on `seen`) and
    answers a non-loopback one with 599, never passing it on. (An assert here could not fail
    a test: fetch() turns any exception into a result.)"""

    def __init__(self, redirect_to: str | None = None) -> None:
        self.seen: list[str] = []
        self.redirect_to = redirect_to

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(str(request.url))
        if request.url.host not in ("127.0.0.1", "::1"):
            return httpx.Response(599, text=f"the test refused {request.url.host}")
        if self.redirect_to and request.url.path == "/start":
            return httpx.Response(302, headers={"Location": self.redirect_to})
        return httpx.Response(200, text="<html><body>ok</body></html>")


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.0.0.8", "private"),
        ("172.20.1.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "metadata"),
        ("169.254.10.10", "link-local"),
        ("fe80::1", "link-local"),
        ("fd00:ec2::254", "metadata"),
        ("::ffff:10.0.0.1", "private"),
        ("0.0.0.0", "unspecified"),
        ("100.64.0.1", "public"),  # carrier-grade NAT: not global
        ("224.0.0.1", "multicast"),
        ("93.184.215.14", None),
        ("2606:4700::1111", None),
    ],
)
def test_address_problem(address, problem):
    found = address_problem(address)
    assert (found is None) if problem is None else (problem in found), found


@pytest.mark.parametrize(
    ("host", "trusted", "refused"),
    [
        ("public.example", set(), False),
        ("evil.example", set(), True),
        ("mixed.example", set(), True),  # one private address is enough
        ("meta.example", set(), True),
        ("v6.example", set(), True),
        ("metadata.google.internal", set(), True),
        ("localhost", set(), True),
        ("127.0.0.1", set(), True),
        ("127.0.0.1", {"127.0.0.1"}, False),  # the user configured this very host
        ("intranet.example.", {"Intranet.Example."}, False),  # spelled with a final dot
        ("evil.example", {"127.0.0.1"}, True),
        ("unknown.example", set(), False),  # unresolvable: the request fails on its own
    ],
)
def test_host_problem(host, trusted, refused):
    problem = asyncio.run(screen(host, 80, trusted, fake_resolver, must_resolve=False))[0]
    assert (problem is not None) is refused, problem


def fetch(url: str, transport: RecordingTransport, trusted=None):
    async def go():
        http = HttpConfig(retries=0, per_host_delay=0)
        async with Fetcher(http, transport=transport, resolver=fake_resolver) as f:
            return await f.fetch(url, trusted=trusted)

    return asyncio.run(go())


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.5/admin",
        "http://evil.example/x.pdf",
        "http://[fe80::1]/",
        "http://localhost:8080/",
    ],
)
def test_discovered_link_to_private_address_is_refused_before_connecting(url):
    transport = RecordingTransport()
    result = fetch(url, transport, trusted={"www.missingkids.org"})
    assert result.error and result.error.startswith("refused")
    assert transport.seen == []


def test_redirect_to_private_address_is_refused_before_connecting():
    transport = RecordingTransport(redirect_to="http://10.9.9.9/internal")
    result = fetch("http://127.0.0.1:9/start", transport)  # the configured host: trusted
    assert result.error == "redirect refused: 10.9.9.9 resolves to a private address (10.9.9.9)"
    assert transport.seen == ["http://127.0.0.1:9/start"]


def test_configured_loopback_host_is_allowed():
    transport = RecordingTransport()
    result = fetch("http://127.0.0.1:9/page", transport)
    assert result.ok and transport.seen == ["http://127.0.0.1:9/page"]


def test_redirect_from_a_configured_source_to_another_public_host_is_followed():
    """Publishers move reports to CDNs: a configured source's redirects may go to any public
    host (never to a private one, above). Discovered *links* stay on discover.hosts."""
    transport = RecordingTransport(redirect_to="http://public.example/cdn/report.pdf")
    result = fetch("http://127.0.0.1:9/start", transport)
    assert transport.seen == ["http://127.0.0.1:9/start", "http://public.example/cdn/report.pdf"]
    assert result.status == 599  # the recording transport's answer: it was followed


def test_a_rebinding_answer_to_another_fetch_cannot_swap_the_checked_address(monkeypatch):
    """Fetch A checks rebind.example -> a public address and waits for its turn on the host;
    fetch B looks the same name up, gets 127.0.0.1 and is refused. A must still connect to
    the address it checked. No packet leaves: every connection is recorded and refused."""
    answers = iter([["93.184.215.14"], ["93.184.215.14"], ["127.0.0.1"]])

    async def rebinding(host: str, port: int) -> list[str]:
        assert host == "rebind.example"
        return next(answers)

    connects: list[tuple[str, int]] = []

    async def open_connection(host, port, **kw):
        connects.append((host, port))
        raise ConnectionRefusedError("the test refuses every connection")

    monkeypatch.setattr(asyncio, "open_connection", open_connection)

    async def go():
        http = HttpConfig(retries=0, per_host_delay=0.3)
        trusted = {"www.missingkids.org"}
        async with Fetcher(http, resolver=rebinding) as f:
            await f.fetch("http://rebind.example:8/warm", trusted=trusted)  # the host's turn

            async def later():
                await asyncio.sleep(0.05)  # A has checked and is waiting for the host
                return await f.fetch("http://rebind.example:8/b", trusted=trusted)

            return await asyncio.gather(f.fetch("http://rebind.example:8/a", trusted=trusted),
                                        later())  # fmt: skip

    a, b = asyncio.run(go())
    assert b.error and b.error.startswith("refused: rebind.example resolves to a loopback")
    assert a.error == "connection refused"
    assert connects == [("93.184.215.14", 8), ("93.184.215.14", 8)]


def test_a_trusted_hosts_pooled_connection_never_carries_an_untrusted_fetch(monkeypatch):
    """Source A is configured at shared.example, which resolves to a private address (the
    fixture server on 127.0.0.1 here): A's fetch is trusted, and its connection stays in the
    pool. A link to the same name on another source's page is untrusted: the guard resolves
    it (now to a public address) and pins that; the fetch must connect there, never reuse
    A's connection to the private one. No packet leaves: off loopback, every connection is
    recorded and refused."""
    from tests.server import FixtureServer

    server = FixtureServer().start()
    answers = iter([["127.0.0.1"], ["93.184.215.14"]])

    async def resolver(host: str, port: int) -> list[str]:
        assert host == "shared.example"
        return next(answers)

    real = asyncio.open_connection
    connects: list[str] = []

    async def open_connection(host, port, **kw):
        connects.append(host)
        if host != "127.0.0.1":
            raise ConnectionRefusedError("the test refuses every connection off loopback")
        return await real(host, port, **kw)

    monkeypatch.setattr(asyncio, "open_connection", open_connection)
    server.set("/page", "<html><body>private</body></html>")
    url = f"http://shared.example:{server.port}/page"

    async def go():
        async with Fetcher(HttpConfig(retries=0, per_host_delay=0), resolver=resolver) as f:
            a = await f.fetch(url, trusted={"shared.example"})  # configured: trusted
            b = await f.fetch(url, trusted={"www.missingkids.org"})  # a discovered link
            return a, b

    try:
        a, b = asyncio.run(go())
    finally:
        server.stop()
    assert a.ok and a.body == b"<html><body>private</body></html>"
    assert b.error == "connection refused" and b.body is None
    assert connects == ["127.0.0.1", "93.184.215.14"]
    assert len(server.hits("/page")) == 1
