"""One check of one document, top to bottom: fetch, extract, normalise and hash, compare,
find figures and links, then one write to the store.

This is the one place that strings the stages together; each stage is a plain function
over plain data, and only monitor/store/ writes state/.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlsplit

from .config import Config, Source
from .diff import normalize, text_diff
from .extract import ExtractError
from .extract.worker import ParserPool
from .fetch import Fetcher, FetchResult
from .guard import host_of
from .model import CheckRecord, Document, Event, Extracted, Metric, NewSnapshot, Snapshot
from .notify import MAX_DIFF_LINES, Router
from .store import StateError, Store, SupersededError, sha256

if TYPE_CHECKING:
    from .statements import Statement

log = logging.getLogger(__name__)

RACES = 3  # tries of a check that other processes keep beating to the write
FAILING_AFTER = 3  # consecutive failed checks before source_failing
REMOVED_AFTER = 2  # consecutive 404/410 answers before document_removed
_CHARSET = re.compile(r"charset=\"?([\w.:-]+)", re.I)
_T = TypeVar("_T")


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
        self._problems: dict[str, str] | None = None  # sources refused, set up once

    # -- a pass over sources ------------------------------------------------------------
    async def run_pass(
        self,
        sources: list[Source] | None = None,
        on_result: Callable[[CheckResult], None] | None = None,
    ) -> PassSummary:
        """Check every document of the given sources, and what they newly link to, now."""
        sources = self.cfg.sources if sources is None else sources
        io = self.store.run
        if self._problems is None:  # all, so a discovered link never shadows a configured URL
            self._problems = await io(self.store.ensure_sources,
                                      [(s.id, s.url) for s in self.cfg.sources])  # fmt: skip
            for message in self._problems.values():  # once per process: the daemon runs a
                log.error("config: %s", message)  # pass per source
        summary = PassSummary()
        started = time.monotonic()

        def report(result: CheckResult) -> None:
            summary.results.append(result)
            if on_result:
                on_result(result)

        async def one(doc: Document, src: Source, tg: asyncio.TaskGroup) -> None:
            result = await self.check(doc, src)
            report(result)
            for d in result.discovered:
                tg.create_task(one(d, src, tg))

        try:  # a task group: if state/ cannot be written, the pass stops as a whole
            async with asyncio.TaskGroup() as tg:
                for src in sources:
                    if src.id in self._problems:  # refused, with the reason; the others go on
                        report(CheckResult(src.id, src.url, "failed",
                                           error=f"config: {self._problems[src.id]}"))  # fmt: skip
                        continue
                    for doc in await io(self.store.documents, src.id):
                        tg.create_task(one(doc, src, tg))
        except BaseExceptionGroup as group:
            raise _first(group) from None
        await io(self.store.flush)  # the quiet checks of the pass, in one transaction
        summary.elapsed = time.monotonic() - started
        return summary

    async def check(self, doc: Document, source: Source) -> CheckResult:
        """Never raises, but for StateError: an unexpected error is recorded as a failed check;
        when state/ itself cannot be written (disk full, read-only), nothing can be recorded,
        and the caller is told so. A check another process beat to the write is done again
        from what that process recorded (so one change is recorded, and alerted, once)."""
        started = time.monotonic()
        io = self.store.run
        try:
            for _ in range(RACES):
                try:
                    return await self._check(doc, source, started)
                except SupersededError:
                    log.info("%s was recorded by another process meanwhile; checking again",
                             doc.id)  # fmt: skip
                    doc = await io(self.store.document, doc.id) or doc
            return await io(self._failure, doc, "written by another process on every try",
                            None, started)  # fmt: skip
        except StateError:
            raise
        except Exception as e:  # a bug must not stop the other documents
            log.exception("internal error checking %s", doc.id)
            error = f"internal error: {e.__class__.__name__}: {e}"
            return await io(self._failure, doc, error, None, started)

    # -- one document: the stages ------------------------------------------------------------
    # What reads or writes state/ runs on the store's thread (`io`), never on the event
    # loop; a step that decides from state/ and writes to it is one call there, so nothing
    # of this process comes between its reads and its write.
    async def _check(self, doc: Document, source: Source, started: float) -> CheckResult:
        io = self.store.run
        res = await self._fetch(doc, source)
        # failed, gone, not modified, same bytes: no parse
        settled = await io(self._settled, doc, res, started)
        if settled is not None:
            return settled
        previous = await io(self.store.last_snapshot, doc.id)
        version = await self._version(doc, source, res, previous)  # extract, normalise, hash
        if isinstance(version, str):
            return await io(self._failure, doc, version, res, started)
        same = await io(self._same, doc, res, started, previous, version)
        if same is not None:  # text and watched links as before
            return same
        found = await self._analyse(version.extracted, res.final_url, version.title)
        if isinstance(found, str):
            return await io(self._failure, doc, found, res, started)
        version.metrics, version.statements = found
        old = (
            None
            if previous is None
            else await self._previous_outcomes(doc, source, res, previous, version)
        )
        return await io(self._conclude, doc, res, previous, version, old, started)

    def _same(
        self, doc: Document, res: FetchResult, started: float, previous: Snapshot | None,
        version: Version,
    ) -> CheckResult | None:  # fmt: skip
        """The check of a version like the last one, recorded; None if it changed."""
        if self._changed(previous, version):
            return None
        return self._unchanged(doc, "unchanged", res, started, version.updates(res))

    def _conclude(
        self, doc: Document, res: FetchResult, previous: Snapshot | None, version: Version,
        old: tuple[list[Metric], list[Statement] | None] | None, started: float,
    ) -> CheckResult:  # fmt: skip
        """A changed version: its events, the links it newly gives, and its one write."""
        events = self._events(doc, previous, version, old)
        urls, linked = self._discover(doc, version, baseline=previous is None and doc.baseline)
        return self._commit(doc, res, previous, version, events + linked, urls, started)

    async def _fetch(self, doc: Document, source: Source) -> FetchResult:
        return await self.fetcher.fetch(
            doc.url,
            etag=doc.etag,
            last_modified=doc.last_modified,
            trusted=self._trusted[source.id],  # the configured host only
        )

    def _settled(self, doc: Document, res: FetchResult, started: float) -> CheckResult | None:
        """The outcome of a check that needs no parse, or None."""
        if not res.ok:
            if res.status in (404, 410):
                return self._missing(doc, res, started)
            return self._failure(doc, res.error or "fetch failed", res, started)
        if res.not_modified:  # a 304 may bring new validators: they are the ones to send
            fresh = {"etag": res.etag, "last_modified": res.last_modified}
            updates = {k: v for k, v in fresh.items() if v != getattr(doc, k)}
            return self._unchanged(doc, "not_modified", res, started, updates)
        body = res.body or b""
        if not body.strip():
            return self._failure(doc, "empty body", res, started)
        if sha256(body) == doc.raw_sha256:  # same bytes as the last version (set with it)
            cache = {"etag": res.etag, "last_modified": res.last_modified}
            return self._unchanged(doc, "unchanged", res, started, cache)
        return None

    async def _version(
        self, doc: Document, source: Source, res: FetchResult, previous: Snapshot | None
    ) -> Version | str:
        """The fetched bytes as a version to compare: extracted, normalised and hashed, with
        the links discovery watches; or why they cannot be one."""
        body = res.body or b""
        try:
            extracted = await self._extract(body, res, source, doc, previous)
        except (ValueError, ExtractError) as e:
            return str(e)
        problem = _unexpected(doc, res, extracted)
        if problem:
            return problem
        # Normalising and hashing a long text is CPU work (hashlib lets go of the GIL): in
        # a thread, the loop keeps its turns.
        return await asyncio.to_thread(self._as_version, doc, source, extracted, body)

    def _as_version(
        self, doc: Document, source: Source, extracted: Extracted, body: bytes
    ) -> Version | str:
        text = normalize(extracted.text, self._ignore.get(source.id, []))
        if not text.strip():
            return _no_text(extracted, source)
        watched = None
        if doc.parent is None and source.discover is not None:
            watched = sorted({u for u in extracted.links if allowed_link(u, source)})
        title = source.title if doc.parent is None and source.title else extracted.title
        return Version(extracted, text, sha256(text.encode("utf-8")), sha256(body), title,
                       watched, body)  # fmt: skip

    def _changed(self, previous: Snapshot | None, version: Version) -> bool:
        """A new text, or a new set of the links discovery watches (a data page announces a
        new report by changing one link, often with the same link text)."""
        if previous is None or version.text_sha256 != previous.text_sha256:
            return True
        if version.links is None:
            return False
        before = _links_of(previous)
        if before is None:  # kept before links were: a link not tracked yet is a change
            return any(self.store.document_by_url(u) is None for u in version.links)
        return before != version.links

    async def _analyse(
        self, extracted: Extracted, url: str, title: str | None
    ) -> tuple[list[Metric], list[Statement]] | str:
        """Figures and statements in a worker, under the same time limit as parsing: a page
        the finders are slow on can neither hold up this process (a thread would hold the
        GIL) nor run for ever. A str: why they could not be found."""
        try:
            return await self.pool.analyse(extracted, url, title)
        except ValueError as e:
            return str(e)

    async def _previous_outcomes(
        self, doc: Document, source: Source, res: FetchResult, previous: Snapshot,
        version: Version,
    ) -> tuple[list[Metric], list[Statement] | None]:  # fmt: skip
        """The last version's figures and statements, as the running finder reads them.

        Stored figures from another finder version (an upgrade) would differ from today's
        for reasons that are not the document's, and flood metric_removed/metric_appeared:
        they are found again from the last version's stored bytes, silently, and what was
        done goes in the new version's meta ("1 -> 2", or why it could not be done: then no
        figure events). Statements: None when there are none to compare with."""
        from .outcomes import FINDER_VERSION

        io = self.store.run
        if (previous.finder or "1") == FINDER_VERSION:
            return await io(self.store.metrics_of, previous.id), await io(
                self.store.statements_of, previous
            )
        was = f"{previous.finder or '1'} -> {FINDER_VERSION}"
        try:
            raw = await io(self._read_previous, doc, previous, self.store.read_raw)
            if previous.kind != res.kind:
                raise ValueError(f"it was {previous.kind}, this version is {res.kind}")
            old = await self._extract(raw, res, source, doc, previous)
            found = await self._analyse(old, res.final_url, previous.title)
            if isinstance(found, str):
                raise ValueError(found)
        except (OSError, ValueError, ExtractError) as e:
            log.info("%s: finder %s; last version's figures not re-derived: %s", doc.id, was, e)
            version.rederived = f"{was}: not re-derived ({e}); no figure events"
            return version.metrics, None
        log.info("%s: finder %s; last version's figures re-derived before comparing", doc.id, was)
        version.rederived = was
        return found

    def _events(
        self, doc: Document, previous: Snapshot | None, version: Version,
        old: tuple[list[Metric], list[Statement] | None] | None,
    ) -> list[Event]:  # fmt: skip
        """What changed since the previous version, whose figures and statements are `old`
        (a baseline: that it exists)."""
        from . import outcomes  # figures and statements: loaded by the first changed text

        alert, title = self.alert_families, version.title
        metrics, statements = version.metrics, version.statements
        if previous is None:
            if not doc.baseline:
                return outcomes.new_document_events(doc, metrics, statements, alert, title)
            summary = f"baseline: {_describe(version.extracted, metrics)}"
            return [Event.about(doc, "document_new", summary, data={"baseline": True})]
        old_text = self._read_previous(doc, previous, self.store.read_text)
        diff = text_diff(old_text, version.text, previous.at, "new")
        data = {"added": diff.added, "removed": diff.removed,
                "diff": diff.excerpt(MAX_DIFF_LINES), "from_snapshot": previous.id}  # fmt: skip
        summary = diff.summary()
        before = _links_of(previous)
        if version.links is not None and before is not None and before != version.links:
            gained = [u for u in version.links if u not in before]
            lost = [u for u in before if u not in version.links]
            data.update(links_added=gained, links_removed=lost)
            if not diff.added and not diff.removed:
                summary = f"links changed (text unchanged): +{len(gained)} -{len(lost)}"
        events = [Event.about(doc, "content_changed", summary, data=data)]
        old_metrics, old_statements = old or ([], None)
        events += outcomes.figure_events(doc, old_metrics, metrics, alert, title)
        if old_statements is not None:  # None: kept before statements were
            events += outcomes.statement_events(
                doc, old_statements, statements, events, alert, title
            )
        return events

    def _read_previous(
        self, doc: Document, previous: Snapshot, read: Callable[[Snapshot], _T]
    ) -> _T:
        """A file of the version this check compares with. Retention (`monitor gc`, or
        another process's check) never prunes a document's latest version, so a file gone
        from under the check means another process recorded a newer version meanwhile: the
        check is done again from that one (SupersededError), as when it loses the write."""
        try:
            return read(previous)
        except FileNotFoundError:
            latest = self.store.last_snapshot(doc.id)
            if latest is not None and latest.id != previous.id:
                raise SupersededError(doc.id) from None
            raise

    def _commit(
        self, doc: Document, res: FetchResult, previous: Snapshot | None, version: Version,
        events: list[Event], urls: list[str], started: float,
    ) -> CheckResult:  # fmt: skip
        """The one write of a new version, with the documents it newly links to."""
        from .outcomes import FINDER_VERSION

        status = "changed" if previous else "baseline" if doc.baseline else "new"
        extracted = version.extracted
        snap = NewSnapshot(
            kind=extracted.kind,
            title=version.title,
            text=version.text,
            raw=version.raw,
            text_sha256=version.text_sha256,
            raw_sha256=version.raw_sha256,
            pages=len(extracted.pages),
            meta=_meta(extracted, version.links),
            metrics=version.metrics,
            statements=version.statements,
            page_extracts=extracted.page_extracts or [],
            finder=FINDER_VERSION,
        )
        if version.rederived:
            snap.meta = {**snap.meta, "figures_rederived": version.rederived}
        updates = {**version.updates(res), **self._recovered(doc, events),
                   "text_sha256": version.text_sha256, "title": version.title,
                   "kind": extracted.kind}  # fmt: skip
        new: list[tuple[str, str, str]] = []
        for url in urls:
            new.append((self.store.new_document_id(url, [n[0] for n in new]), url, doc.source))
        self._record(
            doc, CheckRecord(doc.id, status, res.status, len(version.raw), res.elapsed, None,
                             snap, events, updates, discovered=new,
                             baseline=status == "baseline", revision=doc.revision)
        )  # fmt: skip
        new_docs = [self.store.document(n[0]) for n in new]
        return CheckResult(doc.id, doc.url, status, len(version.raw),
                           time.monotonic() - started, None, events, new_docs)  # fmt: skip

    async def _extract(
        self, body: bytes, res: FetchResult, source: Source, doc: Document,
        previous: Snapshot | None,
    ) -> Extracted:  # fmt: skip
        pdf = res.kind == "pdf"
        reuse = (
            await self.store.run(self.store.page_extracts_of, previous.id)
            if pdf and previous
            else None
        )
        select = source.select if doc.parent is None else None
        m = _CHARSET.search(res.content_type or "")
        return await self.pool.extract(
            body, res.kind, res.final_url, select, m.group(1) if m else None, reuse
        )

    def _discover(
        self, doc: Document, version: Version, baseline: bool
    ) -> tuple[list[str], list[Event]]:
        """The watched links not tracked yet: new documents, each with its event."""
        urls = [u for u in version.links or () if self.store.document_by_url(u) is None]
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
                                      None, events, updates, revision=doc.revision))  # fmt: skip
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
        self._record(  # a failure ends a run of 404s: "in a row" means in a row
            doc, CheckRecord(doc.id, "failed", res.status if res else None, None,
                        res.elapsed if res else None, error, None, events,
                        {"failures": failures, "misses": 0, "status": status,
                         "last_error": error}, revision=doc.revision)
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
        self._record(  # a 404 ends a run of failures (and is not one: the server answered)
            doc, CheckRecord(doc.id, "removed" if status == "removed" else "failed", res.status,
                        None, res.elapsed, error, None, events,
                        {"misses": misses, "failures": 0, "status": status,
                         "last_error": error}, revision=doc.revision)
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


def _meta(doc: Extracted, links: list[str] | None) -> dict[str, str]:
    meta = dict(doc.meta)
    if doc.kind == "pdf":
        meta["reused_pages"] = str(doc.reused_pages)  # pages not laid out again
    if links is not None:
        meta["links"] = "\n".join(links)  # the links discovery watches, sorted
    return meta


def _links_of(snap: Snapshot) -> list[str] | None:
    """The watched links of a kept version; None if it was kept before they were."""
    links = json.loads(snap.meta or "{}").get("links")
    return None if links is None else [u for u in links.split("\n") if u]


@dataclass
class Version:
    """A fetched document read as a version: what is compared, and then kept."""

    extracted: Extracted
    text: str  # normalised
    text_sha256: str
    raw_sha256: str
    title: str | None
    links: list[str] | None  # the links discovery watches, sorted; None: none watched
    raw: bytes
    metrics: list[Metric] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    rederived: str | None = None  # the last version's figures found again (a finder upgrade)

    def updates(self, res: FetchResult) -> dict[str, str | None]:
        """The document's fields for these bytes: the next request's validators."""
        return {"etag": res.etag, "last_modified": res.last_modified,
                "raw_sha256": self.raw_sha256}  # fmt: skip


def _describe(doc: Extracted, metrics: list[Metric]) -> str:
    pages = f"{len(doc.pages)} pages, " if doc.kind == "pdf" else ""
    return f"{doc.kind}, {pages}{len(doc.text):,} characters, {len(metrics)} figures"
