"""Serving the web view with uvicorn on the running event loop, started and stopped by its
owner: `monitor serve`, or the daemon (which keeps its own signal handlers)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import socket
from collections.abc import Iterator

import uvicorn

from ..config import Config
from .app import create_app
from .security import WebError, check_exposure

log = logging.getLogger(__name__)


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield  # the owner of the loop handles SIGTERM/SIGINT and calls stop()


class WebServer:
    """The view on (host, port); refused beyond loopback without web.token."""

    def __init__(
        self, cfg: Config, host: str | None = None, port: int | None = None, daemon: bool = False
    ) -> None:
        self.host, self.port = cfg.web.address(host, port)
        check_exposure(self.host, cfg.web.token)
        self.cfg = cfg
        self.daemon = daemon
        self._server: _Server | None = None
        self._task: asyncio.Task[None] | None = None

    def _bind(self) -> socket.socket:
        """Bound here, not by uvicorn, so a port in use is a clear error, not a sys.exit."""
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        # IPPROTO_TCP named: asyncio sets TCP_NODELAY only on sockets that say TCP, and without
        # it a keep-alive client waits ~40 ms per answer (Nagle against delayed ACKs)
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((self.host, self.port))
        except OSError as e:
            sock.close()
            raise WebError(f"cannot serve the web view on {self.host}:{self.port}: "
                           f"{e.strerror or e}") from None  # fmt: skip
        sock.set_inheritable(True)
        return sock

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    async def start(self) -> None:
        sock = self._bind()
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            create_app(self.cfg, self.daemon), log_config=None, access_log=False,
            lifespan="off", server_header=False, timeout_graceful_shutdown=3,
        )  # fmt: skip
        self._server = _Server(config)
        self._task = asyncio.ensure_future(self._server.serve(sockets=[sock]))
        while not self._server.started and not self._task.done():
            await asyncio.sleep(0.01)
        if self._task.done():
            self._task.result()  # raises what stopped it
            raise WebError(f"the web view on {self.url} stopped at start")
        log.info("web view on %s (read-only)", self.url)

    async def stop(self) -> None:
        if self._server is None or self._task is None:
            return
        self._server.should_exit = True
        try:
            await asyncio.wait_for(self._task, 5)
        except (TimeoutError, asyncio.CancelledError):
            self._task.cancel()


async def _serve_until_signal(srv: WebServer) -> None:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await srv.start()
    print(f"serving {srv.cfg.state_dir} read-only on {srv.url} (Ctrl-C stops)", flush=True)
    await stop.wait()
    await srv.stop()


def serve(cfg: Config, host: str | None = None, port: int | None = None) -> int:
    """`monitor serve`: the view alone until SIGTERM/SIGINT."""
    asyncio.run(_serve_until_signal(WebServer(cfg, host, port)))
    return 0
