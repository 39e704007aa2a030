"""The long-lived parts of a process (store, HTTP client, parser pool) opened and closed once."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from types import TracebackType

from .config import Config
from .extract.worker import ParserPool
from .fetch import Fetcher
from .pipeline import Checker
from .store import Store


class Runtime:
    def __init__(self, cfg: Config) -> None:
        self.cfg = cfg
        self.store = Store(cfg.state_dir)
        self.store.recover()
        _temp_dir_fallback(self.store.dir)
        self.fetcher = Fetcher(cfg.http)
        # Two parsers where there are two cores: changed pages of a pass parse in parallel.
        self.pool = ParserPool(timeout=cfg.http.pdf_timeout, workers=min(os.cpu_count() or 1, 2))
        self.checker = Checker(cfg, self.store, self.fetcher, self.pool)

    async def __aenter__(self) -> Runtime:
        return self

    async def __aexit__(
        self,
        et: type[BaseException] | None,
        e: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.fetcher.aclose()
        self.pool.close()
        self.store.close()


def _temp_dir_fallback(state_dir: Path) -> None:
    """On a read-only root filesystem with no writable /tmp, temp files (the parser pool's
    forkserver socket) go to state/tmp, the one folder the monitor may write."""
    try:
        tempfile.gettempdir()  # the first writable of $TMPDIR, /tmp, /var/tmp, ..., cwd
    except FileNotFoundError:
        tmp = state_dir / "tmp"
        tmp.mkdir(exist_ok=True)
        tempfile.tempdir = str(tmp)
