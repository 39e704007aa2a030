"""A small HTTP proxy on 127.0.0.1 for the proxy tests.

It forwards absolute-form requests (`GET http://host:port/path`) and tunnels CONNECT, always
to 127.0.0.1 at the requested port (it stands in for the proxy's own DNS, so a name this
machine cannot resolve still works), and records what it was asked. With `refuse`, it
answers every request with 407, as a proxy that wants credentials does.
"""

from __future__ import annotations

import contextlib
import re
import socket
import socketserver
import threading
from collections.abc import Callable
from urllib.parse import urlsplit

_ABSOLUTE = re.compile(rb"(?m)^([A-Z]+) http://[^/ ]+(?=/)")


def _pipe(a: socket.socket, b: socket.socket, edit: Callable[[bytes], bytes] = bytes) -> None:
    """Copy a -> b (through `edit`) until a closes, then half-close b."""
    with contextlib.suppress(OSError):
        while data := a.recv(65536):
            b.sendall(edit(data))
    with contextlib.suppress(OSError):
        b.shutdown(socket.SHUT_WR)


class ProxyServer:
    def __init__(self, refuse: bool = False) -> None:
        self.asked: list[str] = []  # request lines, as received
        self._lock = threading.Lock()
        proxy = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                client: socket.socket = self.request
                head = b""
                while b"\r\n\r\n" not in head:
                    chunk = client.recv(65536)
                    if not chunk:
                        return
                    head += chunk
                line = head.split(b"\r\n", 1)[0].decode("latin-1")
                if refuse:
                    proxy._saw(line)
                    client.sendall(b"HTTP/1.1 407 Proxy Authentication Required\r\n"
                                   b"Content-Length: 0\r\nConnection: close\r\n\r\n")  # fmt: skip
                    return
                method, target, _ = line.split(" ", 2)
                if method == "CONNECT":
                    proxy._saw(line)
                    upstream = socket.create_connection(("127.0.0.1", int(target.rsplit(":")[1])))
                    client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                    head, edit = head.split(b"\r\n\r\n", 1)[1], bytes
                else:  # absolute form; every request on this connection goes to one origin
                    port = urlsplit(target).port or 80
                    upstream = socket.create_connection(("127.0.0.1", port))
                    edit = proxy._origin_form
                upstream.sendall(edit(head))
                back = threading.Thread(target=_pipe, args=(upstream, client), daemon=True)
                back.start()
                _pipe(client, upstream, edit)
                back.join(5)
                upstream.close()

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()  # fmt: skip

    def _saw(self, line: str) -> None:
        with self._lock:
            self.asked.append(line)

    def _origin_form(self, data: bytes) -> bytes:
        """'GET http://host:port/path HTTP/1.1' -> 'GET /path HTTP/1.1', each one recorded."""
        for m in re.finditer(rb"(?m)^[A-Z]+ http://\S+ HTTP/1\.1", data):
            self._saw(m.group().decode("latin-1"))
        return _ABSOLUTE.sub(rb"\1 ", data)

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
