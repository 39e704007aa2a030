"""Plain data passed between the pipeline's stages.

Every stage is a function from one of these to another, so each can be tested alone and
the pipeline reads top to bottom in pipeline.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .statements import Statement

# Timestamps in state/, events, logs and the heartbeat: UTC, sortable as text.
STAMP = "%Y-%m-%dT%H:%M:%S.%fZ"


def stamp(at: datetime) -> str:
    """`at` (timezone-aware, UTC) as state/ writes it."""
    return at.strftime(STAMP)


def utcnow() -> str:
    return stamp(datetime.now(UTC))


# Metric families, in the order alerts rank them (most important first).
FAMILIES: tuple[str, ...] = (
    "arrests",
    "law_enforcement_feedback",
    "prosecutions",
    "convictions",
    "children_identified",
    "referrals",
    "reports",
    "files",
)

EVENT_KINDS: tuple[str, ...] = (
    "document_new",
    "content_changed",
    "document_removed",
    "metric_appeared",
    "metric_changed",
    "metric_removed",
    "statement_added",
    "statement_removed",
    "statement_changed",
    "source_failing",
    "source_recovered",
    "notifier_failing",
    "notifier_recovered",
)


@dataclass(frozen=True)
class Table:
    """A table rebuilt from a page: rows of cell strings ('' for an empty cell)."""

    page: int | None  # 1-based for PDF, None for HTML
    rows: list[list[str]]


@dataclass(frozen=True)
class PageExtract:
    """One PDF page's extraction, kept so an unchanged page of a re-published PDF is reused."""

    fingerprint: str  # hash of the page's content streams and resources
    text: str
    prose: str  # text without the lines inside tables
    tables: list[list[list[str]]]
    links: list[str]


@dataclass
class Extracted:
    """What extraction found in one fetched document, before normalisation."""

    kind: str  # "html" or "pdf"
    pages: list[str]  # HTML: a single page; PDF: one string per page
    title: str | None = None
    links: list[str] = field(default_factory=list)  # absolute URLs, in page order, unique
    tables: list[Table] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)  # PDF: title, created, pages
    # Page text without the lines that lie inside a table (PDF); None: same as pages.
    prose: list[str] | None = None
    page_extracts: list[PageExtract] | None = None  # PDF: per page, for reuse
    reused_pages: int = 0  # PDF pages taken from the previous version's extraction

    @property
    def text(self) -> str:
        return "\n".join(self.pages)


@dataclass(frozen=True)
class Metric:
    """One outcome figure. Identity within a document: (family, label, period)."""

    family: str
    label: str
    period: str | None  # "2024", "FY2021", "2024-Q3", "since 1998", "as of 2010-03-01"...
    value: float
    unit: str  # "count" or "percent"
    page: int | None  # 1-based; None for HTML
    context: str  # the sentence or table row the figure stands in
    qualifier: str | None = None  # "more than", "over", "nearly", ...
    # year | fiscal_year | quarter | partial | cumulative | as_of, or None (no period);
    # what kind of period `period` names (metrics.periods.kind_of)
    period_kind: str | None = None

    @property
    def key(self) -> tuple[str, str, str | None]:
        return (self.family, self.label, self.period)


def format_number(value: float, unit: str | None, qualifier: str | None = None) -> str:
    """The one number format of the tool (alerts, summaries, `metrics`, `extract`): thousands
    separators, up to two decimals kept (2.5% stays 2.5%), the qualifier in front."""
    if unit == "percent":
        text = f"{value:.2f}".rstrip("0").rstrip(".") + "%"
    elif float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{qualifier} {text}" if qualifier else text


# -- what state/ keeps and a check writes (monitor.store reads and writes them) --------------
@dataclass
class Document:
    id: str
    url: str
    source: str
    parent: str | None
    title: str | None
    kind: str | None
    etag: str | None
    last_modified: str | None
    raw_sha256: str | None
    text_sha256: str | None
    status: str
    baseline: int
    failures: int
    misses: int
    first_seen: str
    last_checked: str | None
    last_changed: str | None
    last_error: str | None
    revision: int = 0  # bumped by every write of the document's row


@dataclass
class Snapshot:
    id: int
    document: str
    at: str
    kind: str
    title: str | None
    text_sha256: str
    raw_sha256: str
    text_path: str
    raw_path: str
    bytes: int
    pages: int
    meta: str
    statements: int | None = None
    finder: str | None = None  # the figure finder's version (None: the first release)


@dataclass
class Event:
    """An event to record; `data` carries the details alerts and --json need."""

    document: str
    source: str
    url: str
    kind: str
    summary: str
    alert: bool = False
    data: dict[str, Any] | None = None

    @classmethod
    def about(
        cls, doc: Document, kind: str, summary: str, alert: bool = False, data: dict | None = None
    ) -> Event:
        return cls(doc.id, doc.source, doc.url, kind, summary, alert, data)


@dataclass
class NewSnapshot:
    """A distinct version to keep: its text and raw bytes go to files, the rest to SQLite."""

    kind: str
    title: str | None
    text: str
    raw: bytes
    text_sha256: str
    raw_sha256: str
    pages: int
    meta: dict[str, str]
    metrics: list[Metric]
    statements: list[Statement] = field(default_factory=list)
    page_extracts: list[PageExtract] = field(default_factory=list)
    finder: str | None = None  # metrics.FINDER_VERSION


@dataclass
class CheckRecord:
    """Everything one check of one document writes, committed in one transaction."""

    document: str
    status: str
    http_status: int | None = None
    bytes: int | None = None
    elapsed: float | None = None
    error: str | None = None
    snapshot: NewSnapshot | None = None
    events: list[Event] | None = None
    # Document fields to update (etag, last_modified, raw_sha256, title, status, counters...).
    updates: dict[str, Any] | None = None
    # The alert message made of this check's events, queued for delivery in the same
    # transaction (so no alert is lost to a crash between the commit and the send).
    outbox: OutboxMessage | None = None
    # Documents this check discovered, (id, url, source): created with their document_new
    # events, so a crash cannot keep the alert and lose the document.
    discovered: list[tuple[str, str, str]] = field(default_factory=list)
    baseline: bool = False  # the discovered documents' first versions alert nobody
    # The document's revision the check started from: the write is refused (SupersededError)
    # if another process wrote the document since. None: no such check (tests, tools).
    revision: int | None = None


@dataclass
class OutboxMessage:
    """A message to queue: its model as JSON-able data, and the notifier ids to deliver to."""

    title: str
    body: dict[str, Any]
    notifiers: list[str]
    events: list[int] | None = None  # indexes of the check's events it holds (None: all)


@dataclass
class Delivery:
    """One (message, notifier) row of the outbox, joined with its message."""

    message: int
    notifier: str
    status: str
    attempts: int
    last_error: str | None
    next_try: str
    delivered_at: str | None
    at: str
    document: str
    title: str
    body: str
