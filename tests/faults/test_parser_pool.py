"""The parser pool alone: a time limit, a memory limit, a worker that dies; each a clear
error, and the next document parses in a fresh worker. A document queued behind a slow one
gets its whole time limit."""

from __future__ import annotations

import asyncio
import os
import signal
import time

from monitor.extract.worker import ParserPool
from tests.faults import report
from tests.faults.cases import SENTENCE, big_html, canvas_pdf, thousands_of_pages

GOOD = canvas_pdf(text=SENTENCE.format(n=12))


def run(coro):
    return asyncio.run(coro)


async def attempt(pool: ParserPool, data: bytes, html: bool = False) -> str:
    try:
        doc = await pool.extract(data, "html" if html else "pdf", "http://127.0.0.1/x")
    except ValueError as e:
        return f"error: {e}"
    return doc.text


def test_time_limit_then_a_fresh_worker():
    async def go():
        pool = ParserPool(timeout=1)
        try:
            started = time.monotonic()
            slow, good = await asyncio.gather(
                attempt(pool, thousands_of_pages()), attempt(pool, GOOD)
            )
            return slow, good, time.monotonic() - started, await attempt(pool, GOOD)
        finally:
            pool.close()

    slow, queued, took, after = run(go())
    assert slow == "error: PDF parsing took longer than 1s; gave up"
    assert SENTENCE.format(n=12) in queued  # its clock started when a worker took it
    assert SENTENCE.format(n=12) in after and took < 10
    report.row("parser: time limit", "pool").runs += 3


def test_memory_limit_then_a_fresh_worker():
    async def go():
        pool = ParserPool(timeout=60, memory=400 * 1024**2)
        try:
            return await attempt(pool, big_html(20), html=True), await attempt(pool, GOOD)
        finally:
            pool.close()

    hungry, after = run(go())
    assert hungry.startswith("error: ") and "memory" in hungry, hungry
    assert SENTENCE.format(n=12) in after
    report.row("parser: memory limit (400 MB, a 20 MB page)", "pool").runs += 2


def test_a_worker_killed_mid_parse_is_replaced():
    async def go():
        pool = ParserPool(timeout=30)
        try:
            job = asyncio.create_task(attempt(pool, thousands_of_pages()))
            await asyncio.sleep(1.5)  # the worker is busy with the 3,000 pages
            for proc in list(pool._pool._processes.values()):  # type: ignore[union-attr]
                os.kill(proc.pid, signal.SIGKILL)
            return await job, await attempt(pool, GOOD)
        finally:
            pool.close()

    died, after = run(go())
    assert died == "error: the PDF parser ran out of memory or died; gave up"
    assert SENTENCE.format(n=12) in after
    report.row("parser: worker killed", "pool").runs += 2
