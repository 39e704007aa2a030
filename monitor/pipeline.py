"""One check of one document, top to bottom: fetch, extract, normalise and hash, compare,
find figures and links, then one write to the store.

This is the one place that strings the stages together; each stage is a plain function
over plain data, and only store.py writes state/.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .config import Config, Source
from .diff import normalize, text_diff
from .extract import ExtractError
from .extract.worker import ParserPool
from .fetch import Fetcher, FetchResult
from .guard import host_of
from .model import Extracted, Metric
from .notify import MAX_DIFF_LINES, Router
from .store import (
    CheckRecord,
    Document,
    Event,
    NewSnapshot,
    Snapshot,
    StateError,
    Store,
    sha256,
)

if TYPE_CHECKING:
    from .statements import Statement

log = logging.getLogger(__name__)

FAILING_AFTER = 3  # consecutive failed checks before source_failing
REMOVED_AFTER = 2  # consecutive 404/410 answers before document_removed
_CHARSET = re.compile(r"charset=\"?([\w.:-]+)", re.I)


@dataclass
class CheckResult:
    """What one check did, for the terminal and the pass summary."""

    document: str
    url: str
    status: str  # baseline | new | changed | unchanged | not_modified | failed | removed
    bytes: int | None = None
    elapsed: float = 0.0
    error: str | None = None
    events: list[Event] = field(default_factory=list)
    discovered: list[Document] = field(default_factory=list)


@dataclass
class PassSummary:
    results: list[CheckResult] = field(default_factory=list)
    elapsed: float = 0.0  # seconds for the whole pass

    def count(self, *statuses: str) -> int:
        return sum(1 for r in self.results if r.status in statuses)

    @property
    def failed(self) -> int:
        return self.count("failed")

    def line(self) -> str:
        return (
            f"{len(self.results)} checked, {self.count('changed')} changed, "
            f"{self.count('new', 'baseline')} new, {self.failed} failed in {self.elapsed:.1f} s"
        )


def allowed_link(link: str, source: Source) -> bool:
    """Discovery follows only http(s) links matching the source's rule, on its hosts."""
    if source.discover is None:
        return False
    parts = urlsplit(link)
    if parts.scheme not in ("http", "https"):
        return False
    hosts = source.discover.hosts or [urlsplit(source.url).hostname]
    if (parts.hostname or "").lower() not in {h.lower() for h in hosts}:
        return False
    return re.search(source.discover.match, link) is not None


class Checker:
    """Checks documents against the store; one per process, sharing one HTTP client."""

    def __init__(self, cfg: Config, store: Store, fetcher: Fetcher, pool: ParserPool) -> None:
        self.cfg = cfg
        self.store = store
        self.fetcher = fetcher
        self.pool = pool
        self.alert_families = set(cfg.alerts.families)
        self._ignore = {s.id: [re.compile(p) for p in s.ignore] for s in cfg.sources}
        self._retention = {s.id: cfg.retention_of(s) for s in cfg.sources}
        self._trusted = {s.id: {host_of(s.url)} for s in cfg.sources}
        self.router = Router(cfg)
        self._ensured = False

    # -- a pass over sources ------------------------------------------------------------
    async def run_pass(
        self,
        sources: list[Source] | None = None,
        on_result: Callable[[CheckResult], None] | None = None,
    ) -> PassSummary:
        """Check every document of the given sources, and what they newly link to, now."""
        sources = self.cfg.sources if sources is None else sources
        if not self._ensured:  # all, so a discovered link never shadows a configured URL
            self.store.ensure_sources((src.id, src.url) for src in self.cfg.sources)
            self._ensured = True  # once per process: the daemon runs a pass per source
        summary = PassSummary()
        started = time.monotonic()

        async def one(doc: Document, src: Source, tg: asyncio.TaskGroup) -> None:
            result = await self.check(doc, src)
            summary.results.append(result)
            if on_result:
                on_result(result)
            for d in result.discovered:
                tg.create_task(one(d, src, tg))

        try:  # a task group: if state/ cannot be written, the pass stops as a whole
            async with asyncio.TaskGroup() as tg:
                for src in sources:
                    for doc in self.store.documents(src.id):
                        tg.create_task(one(doc, src, tg))
        except BaseExceptionGroup as group:
            raise _first(group) from None
        self.store.flush()  # the quiet checks of the pass, in one transaction
        summary.elapsed = time.monotonic() - started
        return summary

    async def check(self, doc: Document, source: Source) -> CheckResult:
        """Never raises, but for StateError: an unexpected error is recorded as a failed check;
        when state/ itself cannot be written (disk full, read-only), nothing can be recorded,
        and the caller is told so."""
        started = time.monotonic()
        try:
            return await self._check(doc, source, started)
        except StateError:
            raise
        except Exception as e:  # a bug must not stop the other documents
            log.exception("internal error checking %s", doc.id)
            return self._failure(doc, f"internal error: {e.__class__.__name__}: {e}", None, started)

    # -- one document ----------------------------------------------------------------------
    async def _check(self, doc: Document, source: Source, started: float) -> CheckResult:
        res = await self.fetcher.fetch(
            doc.url,
            etag=doc.etag,
            last_modified=doc.last_modified,
            trusted=self._trusted[source.id],  # the configured host only
        )
        if not res.ok:
            if res.status in (404, 410):
                return self._missing(doc, res, started)
            return self._failure(doc, res.error or "fetch failed", res, started)
        cache = {"etag": res.etag, "last_modified": res.last_modified}
        if res.not_modified:
            return self._unchanged(doc, "not_modified", res, started, {})
        body = res.body or b""
        if not body.strip():
            return self._failure(doc, "empty body", res, started)
        raw_hash = sha256(body)
        if raw_hash == doc.raw_sha256:  # same bytes as the last version (set with it): no parse
            return self._unchanged(doc, "unchanged", res, started, cache)
        previous = self.store.last_snapshot(doc.id)
        try:
            extracted = await self._extract(body, res, source, doc, previous)
        except (ValueError, ExtractError) as e:
            return self._failure(doc, str(e), res, started)
        problem = _unexpected(doc, res, extracted)
        if problem:
            return self._failure(doc, problem, res, started)
        text = normalize(extracted.text, self._ignore.get(source.id, []))
        if not text.strip():
            return self._failure(doc, _no_text(extracted, source), res, started)
        text_hash = sha256(text.encode("utf-8"))
        if previous is not None and text_hash == previous.text_sha256:
            return self._unchanged(
                doc, "unchanged", res, started, {**cache, "raw_sha256": raw_hash}
            )

        from . import outcomes  # figures and statements: loaded by the first changed text

        title = source.title if doc.parent is None and source.title else extracted.title
        try:
            metrics, statements = await self._analyse(extracted, res.final_url, title)
        except ValueError as e:
            return self._failure(doc, str(e), res, started)
        events: list[Event] = []
        if previous is None:
            status = "baseline" if doc.baseline else "new"
            if doc.baseline:
                events.append(
                    Event.about(doc, "document_new", f"baseline: {_describe(extracted, metrics)}",
                                data={"baseline": True})
                )  # fmt: skip
            else:
                events += outcomes.figure_events(doc, [], metrics, self.alert_families, title)
        else:
            status = "changed"
            diff = text_diff(self.store.read_text(previous), text, previous.at, "new")
            events.append(
                Event.about(
                    doc, "content_changed", diff.summary(),
                    data={"added": diff.added, "removed": diff.removed,
                          "diff": diff.excerpt(MAX_DIFF_LINES), "from_snapshot": previous.id},
                )
            )  # fmt: skip
            old_metrics, old_statements, rederived = await self._previous_outcomes(
                previous, body, res, source, doc, metrics
            )
            events += outcomes.figure_events(doc, old_metrics, metrics, self.alert_families, title)
            if old_statements is not None:  # None: kept before statements were
                events += outcomes.statement_events(
                    doc, old_statements, statements, events, self.alert_families, title
                )
        discovered = self._discover(
            doc, source, extracted, baseline=previous is None and bool(doc.baseline)
        )
        events += discovered[1]
        snap = NewSnapshot(
            kind=extracted.kind,
            title=title,
            text=text,
            raw=body,
            text_sha256=text_hash,
            raw_sha256=raw_hash,
            pages=len(extracted.pages),
            meta=_meta(extracted),
            metrics=metrics,
            statements=statements,
            page_extracts=extracted.page_extracts or [],
            finder=outcomes.FINDER_VERSION,
        )
        if previous is not None and rederived:
            snap.meta = {**snap.meta, "figures_rederived": rederived}
        updates = {**cache, **self._recovered(doc, events), "raw_sha256": raw_hash,
                   "text_sha256": text_hash, "title": title, "kind": extracted.kind}  # fmt: skip
        new: list[tuple[str, str, str]] = []
        for url in discovered[0]:
            new.append((self.store.new_document_id(url, [n[0] for n in new]), url, doc.source))
        self._record(
            doc, CheckRecord(doc.id, status, res.status, len(body), res.elapsed, None, snap,
                             events, updates, discovered=new, baseline=status == "baseline")
        )  # fmt: skip
        new_docs = [self.store.document(n[0]) for n in new]
        return CheckResult(doc.id, doc.url, status, len(body), time.monotonic() - started,
                           None, events, new_docs)  # fmt: skip

    async def _analyse(
        self, extracted: Extracted, url: str, title: str | None
    ) -> tuple[list[Metric], list[Statement]]:
        """In a worker, under the same time limit as parsing: a page the finders are slow on
        can neither hold up this process (a thread would hold the GIL) nor run for ever."""
        return await self.pool.analyse(extracted, url, title)

    async def _previous_outcomes(
        self, previous: Snapshot, body: bytes, res: FetchResult, source: Source, doc: Document,
        metrics: list[Metric],
    ) -> tuple[list[Metric], list[Statement] | None, str | None]:  # fmt: skip
        """The last version's figures and statements, as the running finder reads them.

        Stored figures from another finder version (an upgrade) would differ from today's
        for reasons that are not the document's, and flood metric_removed/metric_appeared:
        they are found again from the last version's stored bytes, silently. Returns the
        figures, the statements (None: none to compare with) and what was done, for the
        snapshot's meta ("1 -> 2", or why it could not be done: then no figure events)."""
        from .outcomes import FINDER_VERSION

        if (previous.finder or "1") == FINDER_VERSION:
            return self.store.metrics_of(previous.id), self.store.statements_of(previous), None
        was = f"{previous.finder or '1'} -> {FINDER_VERSION}"
        try:
            raw = self.store.read_raw(previous)
            if previous.kind != res.kind:
                raise ValueError(f"it was {previous.kind}, this version is {res.kind}")
            old = await self._extract(raw, res, source, doc, previous)
            found = await self._analyse(old, res.final_url, previous.title)
        except (OSError, ValueError, ExtractError) as e:
            log.info("%s: finder %s; last version's figures not re-derived: %s", doc.id, was, e)
            return metrics, None, f"{was}: not re-derived ({e}); no figure events"
        log.info("%s: finder %s; last version's figures re-derived before comparing", doc.id, was)
        return found[0], found[1], was

    async def _extract(
        self, body: bytes, res: FetchResult, source: Source, doc: Document,
        previous: Snapshot | None,
    ) -> Extracted:  # fmt: skip
        pdf = res.kind == "pdf"
        reuse = self.store.page_extracts_of(previous.id) if pdf and previous else None
        select = source.select if doc.parent is None else None
        m = _CHARSET.search(res.content_type or "")
        return await self.pool.extract(
            body, res.kind, res.final_url, select, m.group(1) if m else None, reuse
        )

    def _discover(
        self, doc: Document, source: Source, extracted: Extracted, baseline: bool
    ) -> tuple[list[str], list[Event]]:
        """Links not seen before that the source's discovery rule allows."""
        if doc.parent is not None or source.discover is None:
            return [], []
        urls = [
            link
            for link in extracted.links
            if allowed_link(link, source) and self.store.document_by_url(link) is None
        ]
        events = [
            Event(doc.id, doc.source, url, "document_new",
                  f"new document linked from {doc.id}: {url}", alert=not baseline,
                  data={"parent": doc.id, "baseline": baseline})
            for url in urls
        ]  # fmt: skip
        return urls, events

    def _record(self, doc: Document, rec: CheckRecord) -> None:
        """The one write of a check, with its alert message queued in the same transaction."""
        title = (rec.updates or {}).get("title") or doc.title
        rec.outbox = self.router.outbox(doc, rec.events or [], title)
        self.store.record(rec)
        policy = self._retention.get(doc.source)
        if rec.snapshot is not None and policy is not None and not policy.unlimited:
            self.store.prune(doc.id, policy.keep, policy.days)  # state/ stays bounded

    # -- outcomes without a new version ---------------------------------------------------
    def _recovered(self, doc: Document, events: list[Event]) -> dict:
        """Reset failure counters; a document that was failing or removed says so."""
        if doc.status == "failing":
            events.append(Event.about(doc, "source_recovered",
                                      f"recovered after {doc.failures} failed checks",
                                      alert=True))  # fmt: skip
        elif doc.status == "removed":
            events.append(Event.about(doc, "document_new", "document is back", alert=True))
        return {"status": "ok", "failures": 0, "misses": 0, "last_error": None}

    def _unchanged(self, doc: Document, status: str, res: FetchResult, started: float,
                   updates: dict) -> CheckResult:  # fmt: skip
        events: list[Event] = []
        updates = {**updates, **self._recovered(doc, events)}
        size = len(res.body) if res.body is not None else 0
        self._record(doc, CheckRecord(doc.id, status, res.status, size, res.elapsed, None,
                                      None, events, updates))  # fmt: skip
        return CheckResult(doc.id, doc.url, status, size, time.monotonic() - started, None, events)

    def _failure(self, doc: Document, error: str, res: FetchResult | None,
                 started: float) -> CheckResult:  # fmt: skip
        failures = doc.failures + 1
        events = []
        status = doc.status
        if failures >= FAILING_AFTER and doc.status != "failing":
            status = "failing"  # an alert: silence must never mean "it broke"
            events.append(Event.about(doc, "source_failing",
                                      f"{failures} failed checks in a row: {error}",
                                      alert=True))  # fmt: skip
        self._record(
            doc, CheckRecord(doc.id, "failed", res.status if res else None, None,
                        res.elapsed if res else None, error, None, events,
                        {"failures": failures, "status": status, "last_error": error})
        )  # fmt: skip
        return CheckResult(doc.id, doc.url, "failed", None, time.monotonic() - started, error,
                           events)  # fmt: skip

    def _missing(self, doc: Document, res: FetchResult, started: float) -> CheckResult:
        misses = doc.misses + 1
        events = []
        status = doc.status
        error = res.error or f"HTTP {res.status}"
        if misses >= REMOVED_AFTER and doc.status != "removed":
            status = "removed"
            events.append(Event.about(doc, "document_removed",
                                      f"answers HTTP {res.status} on {misses} checks in a row",
                                      alert=True))  # fmt: skip
        self._record(
            doc, CheckRecord(doc.id, "removed" if status == "removed" else "failed", res.status,
                        None, res.elapsed, error, None, events,
                        {"misses": misses, "status": status, "last_error": error})
        )  # fmt: skip
        return CheckResult(doc.id, doc.url, "removed" if status == "removed" else "failed",
                           None, time.monotonic() - started, error, events)  # fmt: skip


def _first(group: BaseExceptionGroup) -> BaseException:
    """The first exception of a task group's, unwrapped (a StateError, or an interrupt)."""
    exc: BaseException = group
    while isinstance(exc, BaseExceptionGroup):
        exc = exc.exceptions[0]
    return exc


def _unexpected(doc: Document, res: FetchResult, extracted: Extracted) -> str | None:
    """An HTML page where a PDF is expected is an error page, a login wall or a moved
    report: never a new version of the document."""
    if extracted.kind != "html" or res.kind == "text":
        return None
    mime = (res.content_type or "").split(";", 1)[0].strip().lower()
    path = urlsplit(res.url).path.lower()
    if doc.kind == "pdf" or "pdf" in mime or path.endswith(".pdf"):
        title = f" titled {extracted.title[:80]!r}" if extracted.title else ""
        return f"expected a PDF but got an HTML page{title} (an error page?)"
    return None


def _no_text(extracted: Extracted, source: Source) -> str:
    """Why a document with no text is an error: its versions would all look the same."""
    if extracted.kind == "pdf":
        pages = len(extracted.pages)
        return (
            f"no text in the PDF ({pages} page{'s' if pages != 1 else ''}): a scanned image?"
            " (text recognition is not supported)"
        )
    if extracted.text.strip():
        return "no text left after the ignore rules"
    where = f" in {source.select!r}" if source.select else ""
    return f"no text on the page{where} (is it filled in by JavaScript?)"


def _meta(doc: Extracted) -> dict[str, str]:
    if doc.kind != "pdf":
        return doc.meta
    return {**doc.meta, "reused_pages": str(doc.reused_pages)}  # pages not laid out again


def _describe(doc: Extracted, metrics: list[Metric]) -> str:
    pages = f"{len(doc.pages)} pages, " if doc.kind == "pdf" else ""
    return f"{doc.kind}, {pages}{len(doc.text):,} characters, {len(metrics)} figures"
