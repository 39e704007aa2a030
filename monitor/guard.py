"""Where the monitor may connect: never to loopback, private, link-local or metadata
addresses, unless the user configured that very host.

A watched page is untrusted: a link or a redirect on it must not make the daemon fetch a
cloud metadata endpoint or a service on the host's private network (SSRF). Names are
resolved at fetch time, for every redirect hop, and every address they resolve to must be
public.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Collection
from urllib.parse import urlsplit

Resolver = Callable[[str, int], Awaitable[list[str]]]

# Cloud metadata services, named even where the ranges below already cover them.
_METADATA = {
    ipaddress.ip_address("169.254.169.254"),
    ipaddress.ip_address("169.254.170.2"),
    ipaddress.ip_address("fd00:ec2::254"),
    ipaddress.ip_address("100.100.100.200"),
}
_METADATA_NAMES = {"metadata", "metadata.google.internal", "metadata.goog"}


def host_of(url: str) -> str:
    """A URL's host as screen() compares hosts ("" for an invalid URL)."""
    try:
        return _norm(urlsplit(url).hostname or "")
    except ValueError:
        return ""


def _norm(host: str) -> str:
    return host.strip("[]").lower().rstrip(".")


def address_problem(address: str) -> str | None:
    """Why an IP address may not be contacted, or None for a public one."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"{address!r} is not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip in _METADATA:
        return "a cloud metadata address"
    for test, what in (
        (ip.is_loopback, "a loopback address"),
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_private, "a private address"),
        (ip.is_reserved, "a reserved address"),
        (not ip.is_global, "not a public address"),
    ):
        if test:
            return what
    return None


async def system_resolver(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def trusts(trusted: Collection[str], host: str) -> bool:
    """Whether `host` is one of the `trusted` hosts (the user configured it: it may be
    private), as screen() decides it."""
    return _norm(host) in {_norm(t) for t in trusted}  # "Example.org." is "example.org"


class UnresolvableError(Exception):
    """A host name that does not resolve (its message: "cannot resolve host NAME")."""


async def screen(
    host: str,
    port: int,
    trusted: Collection[str],
    resolve: Resolver = system_resolver,
    *,
    must_resolve: bool = True,
) -> tuple[str | None, list[str]]:
    """(why `host` may not be contacted or None, the addresses it was checked at).

    The fetcher connects to those very addresses, so no second lookup (DNS rebinding) can
    swap in another between the check and the connection. With `must_resolve`, every host
    name (trusted ones too) goes through `resolve`, and one that does not resolve raises
    UnresolvableError: "cannot resolve host" before any connection, and a test's table
    resolver stands in for DNS completely.
    """
    host = _norm(host)
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
        literal = True
    except ValueError:
        literal = False
    if trusts(trusted, host):
        if must_resolve and not literal:
            return None, await _resolve(host, port, resolve)
        return None, [host] if literal else []
    if host in _METADATA_NAMES:
        return f"refused: {host} is a cloud metadata host", []
    if literal:
        addresses = [host]
    elif host == "localhost" or host.endswith(".localhost"):
        return f"refused: {host} is a loopback address", []
    else:
        try:
            addresses = await _resolve(host, port, resolve)
        except UnresolvableError:
            if must_resolve:
                raise
            return None, []  # let the request fail with its own clear "cannot resolve" error
    for address in addresses:
        problem = address_problem(address)
        if problem:
            return f"refused: {host} resolves to {problem} ({address})", addresses
    return None, addresses


async def _resolve(host: str, port: int, resolve: Resolver) -> list[str]:
    try:
        addresses = await resolve(host, port)
    except (OSError, UnicodeError) as e:  # gaierror is an OSError; IDNA errors are UnicodeError
        raise UnresolvableError(f"cannot resolve host {host}") from e
    if not addresses:
        raise UnresolvableError(f"cannot resolve host {host}")
    return addresses
