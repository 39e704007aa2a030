"""`monitor run`: scheduled checks (APScheduler 3, asyncio), outbox retries, a heartbeat, and
a clean stop on SIGTERM/SIGINT.

One job per configured source (its documents, and those discovered on it, are checked in that
job, so they follow the source's schedule), one job retrying due outbox deliveries, one job
writing state/heartbeat.json. AsyncIOScheduler.shutdown() cancels async jobs still running, so
each check runs as a task of our own, shielded from that cancel and drained on stop.

Nothing on the event loop waits for the disk: state/ is read and written on the store's own
thread (Store.run), and the heartbeat file on a thread of its own, so a slow fsync or a write
waiting for another process's lock delays neither the heartbeat, nor the schedule, nor the
web view served on this loop. A heartbeat write that never returns (state/ on a network
mount that died) stops the heartbeat, which `monitor health` reports as stale, and does not
keep the daemon from stopping on SIGTERM.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
import signal
import threading
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from .config import Config, Source
from .health import stale_after
from .model import utcnow
from .notify import ConsoleSink, deliver_pending, print_console
from .pipeline import CheckResult
from .runtime import Runtime
from .store import StateError

log = logging.getLogger(__name__)


def trigger_of(cfg: Config, source: Source) -> IntervalTrigger | CronTrigger:
    sched = cfg.schedule_of(source)
    if sched.cron:
        return CronTrigger.from_crontab(sched.cron, timezone=UTC)
    return IntervalTrigger(seconds=sched.every, jitter=sched.jitter or None, timezone=UTC)


class Daemon:
    def __init__(self, cfg: Config, console: ConsoleSink = print_console) -> None:
        self.cfg = cfg
        self.console = console
        self.inflight: set[asyncio.Task[Any]] = set()
        self.stopping = asyncio.Event()
        self.started = utcnow()
        self.checks = 0
        self.failed = 0
        self._deliver_lock = asyncio.Lock()
        self._beat_lock = asyncio.Lock()  # one heartbeat write at a time (one temp name)
        self._beating: asyncio.Task[None] | None = None  # the scheduled beat being written
        self._beat_hung = False  # said once per hang, and again when writes come back
        self._failing: list[dict[str, Any]] = []  # failing notifiers, as of the last delivery
        self.rt: Runtime | None = None

    # -- tasks of our own, drained on stop ----------------------------------------------------
    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = asyncio.ensure_future(coro)
        self.inflight.add(task)
        task.add_done_callback(self.inflight.discard)
        return task

    async def _job_check(self, source: Source) -> None:
        if self.stopping.is_set():
            return
        await self._shielded(self._spawn(self._check(source)))

    async def _job_deliver(self) -> None:
        if self.stopping.is_set():
            return
        await self._shielded(self._spawn(self._deliver()))

    async def _shielded(self, task: asyncio.Task[Any]) -> None:
        """Wait for our task; the scheduler's shutdown cancels only this wait (the task is
        drained), which is a clean stop, not a job that raised."""
        try:
            await asyncio.shield(task)
        except asyncio.CancelledError:
            if not self.stopping.is_set():
                raise

    async def _job_heartbeat(self) -> None:
        """Starts a beat and returns: a write that never returns must not hold the job (the
        scheduler would skip every later run with a warning, and cancel it on stop)."""
        if self.stopping.is_set():  # dispatched as the scheduler stopped: state/ may be closed
            return
        if self._beating is not None and not self._beating.done():
            if not self._beat_hung:
                self._beat_hung = True
                log.error("the last heartbeat write has not returned after %g s: is state/ on "
                          "a disk that stopped answering? (`monitor health` reports stale)",
                          self.cfg.daemon.heartbeat)  # fmt: skip
            return
        if self._beat_hung:
            self._beat_hung = False
            log.warning("heartbeat writes return again")
        self._beating = asyncio.ensure_future(self._beat("running"))

    # -- the work -------------------------------------------------------------------------------
    async def _check(self, source: Source) -> None:
        assert self.rt is not None

        def done(r: CheckResult) -> None:
            self.checks += 1
            self.failed += r.status == "failed"
            alerts = [e.summary for e in r.events if e.alert]
            level = {"failed": logging.WARNING, "unchanged": logging.DEBUG,
                     "not_modified": logging.DEBUG}.get(r.status, logging.INFO)  # fmt: skip
            data = {"document": r.document, "status": r.status, "bytes": r.bytes,
                    "elapsed": round(r.elapsed, 3), "events": [e.kind for e in r.events],
                    "alerts": alerts}  # fmt: skip
            log.log(level, "checked %s: %s%s", r.document, r.status,
                    f" ({r.error})" if r.error else "", extra={"data": data})  # fmt: skip

        try:
            summary = await self.rt.checker.run_pass([source], done)
            log.info("pass over %s: %s", source.id, summary.line())
        except StateError as e:  # disk full, read-only...: say so plainly, retry next time
            log.error("checking source %s: state/ cannot be written, nothing recorded: %s",
                      source.id, e)  # fmt: skip
        except Exception:  # never let one source's bug stop the daemon
            log.exception("checking source %s failed", source.id)
        await self._deliver()  # alerts go out right after their commit

    async def _deliver(self) -> None:
        assert self.rt is not None
        async with self._deliver_lock:
            try:
                counts = await deliver_pending(self.rt.store, self.cfg, self.console)
                self._failing = await self.rt.store.run(self.rt.store.failing_notifiers)
            except StateError as e:
                log.error("outbox delivery: state/ cannot be written: %s", e)
                return
            except Exception:
                log.exception("outbox delivery failed")
                return
        if counts.delivered or counts.retrying or counts.failed:
            log.info("outbox: %s", counts.line())

    async def _beat(self, state: str) -> None:
        """state/heartbeat.json, written (and fsynced) on a thread: not on the loop, and not
        behind the store's writes either (a write waiting for another process's lock is no
        sign that the daemon is stuck)."""
        if self.rt is None:
            return
        beat = {"state": state, "pid": os.getpid(), "at": utcnow(), "started": self.started,
                "checks": self.checks, "failed": self.failed,
                "interval": self.cfg.daemon.heartbeat, "stale_after": stale_after(self.cfg),
                "notifiers_failing": self._failing}  # fmt: skip
        async with self._beat_lock:
            try:
                await _on_own_thread(self.rt.store.write_heartbeat, beat)
            except (OSError, StateError) as e:
                log.error("cannot write the heartbeat: %s", e)

    # -- life cycle ---------------------------------------------------------------------------
    async def run(self) -> int:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self._on_signal, sig)
        async with Runtime(self.cfg) as rt:
            self.rt = rt
            self._failing = await rt.store.run(rt.store.failing_notifiers)
            web = await _start_web(self.cfg)
            await self._beat("running")
            sched = self._schedule(loop)
            sched.start()
            log.info("monitor running: %d sources, heartbeat every %g s",
                     len(self.cfg.sources), self.cfg.daemon.heartbeat)  # fmt: skip
            await self.stopping.wait()
            sched.shutdown(wait=False)  # no new runs; it cancels only the shielding waits
            await self._drain()
            if web is not None:
                await web.stop()
            try:
                await asyncio.wait_for(self._beat("stopped"), self.cfg.daemon.drain)
            except TimeoutError:
                log.error("the heartbeat write has not returned for %g s (is state/ on a disk "
                          "that stopped answering?); stopping without the last heartbeat",
                          self.cfg.daemon.drain)  # fmt: skip
        log.info("monitor stopped cleanly after %d checks", self.checks)
        return 0

    def _on_signal(self, sig: signal.Signals) -> None:
        if not self.stopping.is_set():
            log.info("%s: stopping; waiting for %d running tasks", sig.name, len(self.inflight))
        self.stopping.set()

    def _schedule(self, loop: asyncio.AbstractEventLoop) -> AsyncIOScheduler:
        d = self.cfg.daemon
        sched = AsyncIOScheduler(event_loop=loop, timezone=UTC)
        now = datetime.now(UTC)
        common = {"coalesce": True, "max_instances": 1, "misfire_grace_time": int(d.misfire_grace)}
        for src in self.cfg.sources:
            sched.add_job(self._job_check, trigger_of(self.cfg, src), args=[src],
                          id=f"check:{src.id}", name=f"check {src.id}", next_run_time=now,
                          **common)  # fmt: skip
        sched.add_job(self._job_deliver, IntervalTrigger(seconds=self.cfg.delivery.retry_every),
                      id="outbox", name="outbox retries", next_run_time=now, **common)  # fmt: skip
        sched.add_job(self._job_heartbeat, IntervalTrigger(seconds=d.heartbeat), id="heartbeat",
                      name="heartbeat", **common)  # fmt: skip
        return sched

    async def _drain(self) -> None:
        if not self.inflight:
            return
        pending = set(self.inflight)
        done, pending = await asyncio.wait(pending, timeout=self.cfg.daemon.drain)
        if pending:
            log.warning("%d tasks still running after %g s; cancelling them",
                        len(pending), self.cfg.daemon.drain)  # fmt: skip
            for t in pending:
                t.cancel()
            await asyncio.gather(*pending, return_exceptions=True)


async def _on_own_thread(fn: Callable[..., Any], *args: Any) -> Any:
    """fn(*args) on a new daemon thread. Not asyncio.to_thread: the interpreter joins its
    pool's threads at exit, so one write hung on a dead disk would keep the process alive
    after a clean stop."""
    loop = asyncio.get_running_loop()
    fut: asyncio.Future[Any] = loop.create_future()

    def settle(set_outcome: Callable[[Any], None], outcome: Any) -> None:
        if not fut.done():  # the waiter may have been cancelled meanwhile
            set_outcome(outcome)

    def work() -> None:
        try:
            done = functools.partial(settle, fut.set_result, fn(*args))
        except BaseException as e:  # handed to the waiter, raised there
            done = functools.partial(settle, fut.set_exception, e)
        with contextlib.suppress(RuntimeError):  # the loop closed while fn was hung
            loop.call_soon_threadsafe(done)

    threading.Thread(target=work, name="heartbeat", daemon=True).start()
    return await fut


async def _start_web(cfg: Config) -> Any:
    """The read-only web view on this loop when `web.listen` is set (stopped with the daemon);
    the web stack is imported only then. Raises WebError (a public address without a token,
    a port in use): the daemon does not start."""
    if not cfg.web.listen:
        return None
    from .web.server import WebServer

    web = WebServer(cfg, daemon=True)
    await web.start()
    return web


def run(cfg: Config, console: ConsoleSink = print_console) -> int:
    return asyncio.run(Daemon(cfg, console).run())
