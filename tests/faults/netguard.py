"""No packet leaves this machine: every connect() and every name lookup is checked.

Installed for every test under tests/faults (conftest.py) and in the monitor processes
those tests start (`python -c` with WRAPPER below). A connection to anything but loopback,
or a lookup of any name but localhost, is refused before it happens and recorded, and the
test that caused it fails. A bug in the address guard therefore shows up as a failed test,
never as traffic.
"""

from __future__ import annotations

import ipaddress
import socket
import sys
from typing import Any

violations: list[str] = []
_installed = False


def _loopback(host: str) -> bool:
    try:
        ip = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return host == "localhost"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_loopback


def _refuse(what: str) -> None:
    violations.append(what)
    print(f"NETGUARD: refused {what}", file=sys.stderr, flush=True)
    raise PermissionError(f"netguard: refused {what}")


def install() -> list[str]:
    """Patch socket.connect/connect_ex and getaddrinfo; idempotent. Returns the record."""
    global _installed
    if _installed:
        return violations
    _installed = True
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def check(sock: socket.socket, address: Any) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            host = address[0] if isinstance(address, tuple) else str(address)
            if not _loopback(str(host)):
                _refuse(f"a connection to {host}")

    def connect(self: socket.socket, address: Any) -> None:
        check(self, address)
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        check(self, address)
        return real_connect_ex(self, address)

    def getaddrinfo(host: Any, *args: Any, **kw: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else host
        if name is not None and not _loopback(str(name)):
            _refuse(f"a lookup of {name}")
        return real_getaddrinfo(host, *args, **kw)

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = getaddrinfo
    return violations


# DNS for the monitor under test: a table, never the real resolver. Names not listed fail
# as an unknown name does.
DNS: dict[str, list[str]] = {"localhost": ["127.0.0.1"]}


async def table_resolver(host: str, port: int) -> list[str]:
    if host in DNS:
        return DNS[host]
    raise socket.gaierror(socket.EAI_NONAME, f"{host}: not in the test's table")


def use_table_dns() -> None:
    """Every Fetcher the monitor makes resolves through table_resolver."""
    import functools

    import monitor.runtime
    from monitor.fetch import Fetcher

    monitor.runtime.Fetcher = functools.partial(Fetcher, resolver=table_resolver)  # type: ignore[misc]


# `python -c WRAPPER -c config.yaml check`: the monitor's own CLI, behind the guard.
WRAPPER = """
import sys
from tests.faults import netguard
netguard.install()
netguard.use_table_dns()
from monitor.cli import main
sys.exit(main(sys.argv[1:]))
"""
