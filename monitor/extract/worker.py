"""PDF parsing in a worker process: off the event loop, with a time and memory limit.

pdfminer can spin for minutes (or forever) on a hostile file and hold the GIL while it
does; a separate process can be killed and replaced without touching the daemon.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import resource
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..model import Extracted, PageExtract

log = logging.getLogger(__name__)

MEMORY_LIMIT = 2 * 1024**3  # address space per worker


def _limit_memory(limit: int) -> None:
    with contextlib.suppress(ValueError, OSError):  # a platform without the limit
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _parse(data: bytes, reuse: dict[str, PageExtract] | None) -> Extracted:
    from .pdf import extract_pdf

    return extract_pdf(data, reuse)


class ParserPool:
    """Started on the first PDF and kept for the life of the process."""

    def __init__(self, timeout: float, workers: int = 1, memory: int = MEMORY_LIMIT) -> None:
        self.timeout = timeout
        self.workers = workers
        self.memory = memory
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("forkserver"),
                initializer=_limit_memory,
                initargs=(self.memory,),
            )
        return self._pool

    async def parse_pdf(
        self, data: bytes, reuse: dict[str, PageExtract] | None = None
    ) -> Extracted:
        """Raise ValueError with the reason when the PDF cannot be parsed in time.

        Pages whose fingerprint is in `reuse` are taken from it, not laid out again.
        """
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._executor(), _parse, data, reuse)
        try:
            return await asyncio.wait_for(future, self.timeout)
        except TimeoutError:
            self._kill()
            raise ValueError(f"PDF parsing took longer than {self.timeout:g}s; gave up") from None
        except (BrokenProcessPool, MemoryError):
            self._kill()
            raise ValueError("the PDF parser ran out of memory or died; gave up") from None

    def _kill(self) -> None:
        """Drop a stuck or broken pool; the next PDF starts a fresh one."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        for proc in list(getattr(pool, "_processes", {}).values()):
            proc.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
