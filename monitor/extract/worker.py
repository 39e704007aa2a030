"""Parsing (PDFs, and HTML pages) in a worker process: off the event loop, with a time and
memory limit.

pdfminer can spin for minutes (or forever) on a hostile file and hold the GIL while it
does; a separate process can be killed and replaced without touching the daemon.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import multiprocessing.connection
import os
import resource
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..model import Extracted, PageExtract
from . import extract_bytes

log = logging.getLogger(__name__)

MEMORY_LIMIT = 2 * 1024**3  # address space per worker
CLOSE_GRACE = 1.0  # seconds a busy worker is given at close before it is killed


def _limit_memory(limit: int) -> None:
    with contextlib.suppress(ValueError, OSError):  # a platform without the limit
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    _exit_with_owner()
    from . import html, pdf  # noqa: F401  (the parsers' imports: not on any job's clock)


def _ready() -> None:
    """A no-op job: once it returns, the pool's workers have started and imported."""


def _exit_with_owner() -> None:
    """The worker exits as soon as the process that started it is gone, even by SIGKILL.

    Left alone it would wait forever on its job queue (it holds that queue's write end
    itself), keeping its memory, the forkserver and the monitor's stdout alive.
    """
    owner = multiprocessing.parent_process()
    if owner is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([owner.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="owner-watch", daemon=True).start()


class ParserPool:
    """Started on the first PDF and kept for the life of the process."""

    def __init__(self, timeout: float, workers: int = 1, memory: int = MEMORY_LIMIT) -> None:
        self.timeout = timeout
        self.workers = workers
        self.memory = memory
        self._pool: ProcessPoolExecutor | None = None
        self._slots: asyncio.Semaphore | None = None  # one job per worker at a time

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("forkserver"),
                initializer=_limit_memory,
                initargs=(self.memory,),
            )
        return self._pool

    async def extract(
        self, data: bytes, kind: str | None, url: str, select: str | None = None,
        charset: str | None = None, reuse: dict[str, PageExtract] | None = None,
    ) -> Extracted:  # fmt: skip
        """extract_bytes in a worker: a PDF, and a hostile page (huge, deeply nested) too, is
        bounded in time and memory. Raises ValueError with the reason when it cannot be."""
        what = "PDF" if kind == "pdf" else "HTML"
        return await self._run(
            f"{what} parsing",
            f"the {what} parser",
            extract_bytes,
            data,
            kind,
            url,
            select,
            charset,
            reuse,
        )

    async def analyse(self, doc: Extracted, url: str, title: str | None) -> tuple[list, list]:
        """Figures and statements of a document, bounded like its parse."""
        from ..outcomes import analyse

        what = "finding figures and statements"
        return await self._run(what, "the figure finder", analyse, doc, url, title)

    async def _run(self, what: str, who: str, fn: Callable[..., Any], *args: Any) -> Any:
        """One job in a worker. Jobs wait for a free worker before their clock starts, so a
        slow document never uses up the time of the ones queued behind it; and a job whose
        worker was killed for another job's sake is run again, once."""
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.workers)
        loop = asyncio.get_running_loop()
        for attempt in (1, 2):
            async with self._slots:
                fresh = self._pool is None
                pool = self._executor()
                if fresh:  # a new pool starts its workers first: that is no job's parse time
                    await asyncio.gather(
                        *(loop.run_in_executor(pool, _ready) for _ in range(self.workers))
                    )
                future = loop.run_in_executor(pool, fn, *args)
                try:
                    return await asyncio.wait_for(future, self.timeout)
                except TimeoutError:
                    self._kill(pool)
                    raise ValueError(
                        f"{what} took longer than {self.timeout:g}s; gave up"
                    ) from None
                except (BrokenProcessPool, MemoryError):
                    victim = pool is not self._pool  # another job's kill took this worker
                    self._kill(pool)
                    if victim and attempt == 1:
                        continue
                    raise ValueError(f"{who} ran out of memory or died; gave up") from None
        raise AssertionError("unreachable")

    def _kill(self, pool: ProcessPoolExecutor) -> None:
        """Drop a stuck or broken pool; the next job starts a fresh one."""
        if self._pool is not pool:
            return  # already dropped, by the job that broke it
        self._pool = None
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            proc.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self, grace: float = CLOSE_GRACE) -> None:
        """Stop the workers: idle ones exit at once; one still parsing (a job its caller gave
        up on, such as a check cancelled at the end of a shutdown's drain) is killed after
        `grace` seconds, so a stuck parse never holds up the exit."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        procs = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        deadline = time.monotonic() + grace
        for proc in procs:
            proc.join(max(0.0, deadline - time.monotonic()))
        for proc in procs:
            if proc.is_alive():
                log.warning("killing parser worker %s, still busy at exit", proc.pid)
                proc.kill()
                proc.join(1)
        pool.shutdown(wait=True)  # its manager thread ends once its workers are gone
