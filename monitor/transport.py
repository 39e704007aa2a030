"""httpx's transports with our own network backend: asyncio streams, pinned addresses; and
which proxy, if any, a URL goes through.

Why it exists:

* The guard checks the addresses a host resolves to; the connection must go to one of those
  addresses, not to a second lookup's answer (no DNS rebinding between check and connect).
  The addresses are pinned for the fetch that checked them, in a context variable (each
  check is its own asyncio task, and httpcore connects in the task that sends): another
  fetch of the same name, answered differently by DNS, cannot swap them. TLS still verifies
  the host name: httpcore sends it as SNI and checks the certificate.
* httpcore's default backend goes through anyio, whose per-call attribute lookups and cancel
  scopes cost about a fifth of the CPU of an unchanged (304) poll; plain asyncio streams do
  the same job for the one event loop this program runs on.

Errors are mapped to httpcore's exception types as its own backends do (the OSError kept as
the cause), so httpx and ``fetch._describe`` see what they would see with the default.
"""

from __future__ import annotations

import asyncio
import contextvars
import ssl
import urllib.request
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import httpcore
import httpx
from httpcore._utils import is_socket_readable

Pins = dict[tuple[str, int], list[str]]  # (host, port) -> the addresses the guard checked
_PINS: contextvars.ContextVar[Pins | None] = contextvars.ContextVar("pins", default=None)


def pin(host: str, port: int, addresses: list[str]) -> None:
    """The addresses this task's next connection to host:port must use (the guard checked
    them for this very request); none: the name is left to the system (a proxy's case)."""
    _PINS.set({(host.lower(), port): list(addresses)} if addresses else None)


@contextmanager
def _mapped(timeout: type[Exception], error: type[Exception]) -> Iterator[None]:
    try:
        yield
    except TimeoutError as e:
        raise timeout(str(e)) from e
    except OSError as e:  # ssl.SSLError and the socket errors alike
        raise error(str(e) or type(e).__name__) from e


class _Stream(httpcore.AsyncNetworkStream):
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer
        self._socket = writer.get_extra_info("socket")

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        with _mapped(httpcore.ReadTimeout, httpcore.ReadError):
            async with asyncio.timeout(timeout):
                return await self._reader.read(max_bytes)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not buffer:
            return
        with _mapped(httpcore.WriteTimeout, httpcore.WriteError):
            async with asyncio.timeout(timeout):
                self._writer.write(buffer)
                await self._writer.drain()

    async def aclose(self) -> None:
        self._writer.close()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            with _mapped(httpcore.ConnectTimeout, httpcore.ConnectError):
                async with asyncio.timeout(timeout):
                    await self._writer.start_tls(ssl_context, server_hostname=server_hostname)
        except BaseException:
            self._writer.transport.abort()
            raise
        return self

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":  # asked of every pooled connection before each request
            return is_socket_readable(self._socket)
        if info == "socket":
            return self._socket
        if info == "ssl_object":
            return self._writer.get_extra_info("ssl_object")
        if info == "client_addr":
            return self._writer.get_extra_info("sockname")
        if info == "server_addr":
            return self._writer.get_extra_info("peername")
        return None


class PinnedBackend(httpcore.AsyncNetworkBackend):
    """Connects to the addresses the guard checked for this task's request (see pin()), in
    the resolver's order."""

    async def connect_tcp(
        self, host: str, port: int, timeout: float | None = None,
        local_address: str | None = None, socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:  # fmt: skip
        addresses = (_PINS.get() or {}).get((host.lower(), port)) or [host]
        local = (local_address, 0) if local_address else None
        for n, address in enumerate(addresses, 1):
            try:
                with _mapped(httpcore.ConnectTimeout, httpcore.ConnectError):
                    async with asyncio.timeout(timeout):
                        reader, writer = await asyncio.open_connection(
                            address, port, local_addr=local
                        )
            except (httpcore.ConnectError, httpcore.ConnectTimeout):
                if n == len(addresses):
                    raise
                continue
            sock = writer.get_extra_info("socket")
            for option in socket_options or ():
                sock.setsockopt(*option)
            return _Stream(reader, writer)
        raise AssertionError("unreachable")

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are not used here")

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


def pinned_transport(proxy: str | None = None) -> httpx.AsyncHTTPTransport:
    """httpx's default transport, its pool connecting through PinnedBackend; or through an
    HTTP proxy (CONNECT for https), which resolves the watched host: nothing to pin then."""
    transport = httpx.AsyncHTTPTransport(proxy=proxy)
    transport._pool._network_backend = PinnedBackend()  # type: ignore[attr-defined]
    return transport


def proxy_for(url: httpx.URL, configured: str | None, env: dict[str, str]) -> str | None:
    """The proxy for a URL: the configured one, else the environment's for its scheme
    (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY); None where NO_PROXY lists the host."""
    proxy = configured or env.get(url.scheme) or env.get("all")
    if not proxy or urllib.request.proxy_bypass_environment(url.host, env):
        return None
    return proxy if "://" in proxy else f"http://{proxy}"
