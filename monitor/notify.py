"""Events -> one message model -> text per channel -> apprise; and the outbox delivery loop.

Render once, format per channel: a check's alert-worthy events become one `Message` (plain
data, stored as JSON in the outbox in the same transaction as the events), which is turned
into markdown for chat services or plain text for e-mail only when it is sent.

Page text is untrusted: everything taken from a page is escaped for markdown and has its
mentions defused (`@channel`, `@here`, `<!channel>`...), so a crafted page cannot format,
link or ping through an alert.

A notifier is known by a stable redacted id (scheme, server for host-based schemes, and a
short hash of the URL), never by its URL, which carries tokens.
"""

from __future__ import annotations

import asyncio
import hashlib
import html
import json
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from .config import Config, Delivery
from .human import elide
from .logs import HOST_SCHEMES, redact
from .model import FAMILIES, Document, Event, OutboxMessage, format_number, stamp, utcnow
from .store import Store

log = logging.getLogger(__name__)

CONSOLE = "console"  # the built-in notifier: alerts printed to stdout (or the log)
METRIC_KINDS = ("metric_appeared", "metric_changed", "metric_removed")
STATEMENT_KINDS = ("statement_added", "statement_changed", "statement_removed")
_KIND_RANK = {
    "metric_appeared": 0,
    "metric_changed": 1,
    "metric_removed": 2,
    "document_new": 3,
    "document_removed": 4,
    "statement_added": 5,
    "statement_changed": 6,
    "statement_removed": 7,
    "content_changed": 8,
    "source_failing": 9,
    "source_recovered": 10,
    "notifier_failing": 11,
    "notifier_recovered": 12,
}
# The channel (formatter) of a notifier, from its URL's scheme. E-mail gets HTML (apprise
# adds the plain-text part); Slack and generic webhooks get plain text (apprise escapes
# Slack's &, <, > and turns its mrkdwn off, so page text cannot format or ping); other chat
# services get CommonMark with page text escaped (Teams the subset its cards render).
_HTML_SCHEMES = {"mailto", "mailtos", "email", "ses", "sendgrid", "mailgun", "smtp2go", "brevo",
                 "resend", "sparkpost", "postmark", "mailersend"}  # fmt: skip
_TEXT_SCHEMES = {"slack", "json", "jsons", "form", "forms", "xml", "xmls"}
_TEAMS_SCHEMES = {"workflow", "workflows", "msteams"}
TEST_TITLE = "cybertip-monitor test message: no figure has changed"
MAX_DIFF_LINES = 30
MAX_CONTEXT = 600
MAX_TITLE = 160  # e-mail subjects and chat titles: past this, cut at a word
MAX_LINE = 200


# -- notifiers --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Target:
    """A configured notifier: a stable id for state/ and logs, the URL only for sending."""

    id: str
    url: str = field(repr=False)
    on: tuple[str, ...] | None = None
    channel: str = "markdown"  # markdown | teams | text | html | console

    def wants(self, item: Item) -> bool:
        """Default: the alert-worthy events. With `on:`, events whose kind or family it lists."""
        if item.baseline:
            return False
        if self.on is None:
            return item.alert
        return item.kind in self.on or (item.family is not None and item.family in self.on)


def notifier_id(url: str) -> str:
    """'json:127.0.0.1:8080:1a2b3c4d' / 'slack:1a2b3c4d': readable, stable, no secret."""
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:8]
    try:
        u = urlsplit(url)
        scheme, host, port = u.scheme.lower() or "url", u.hostname, u.port
    except ValueError:
        return f"url:{digest}"
    if scheme == CONSOLE:
        return CONSOLE
    if scheme in HOST_SCHEMES and host:
        return f"{scheme}:{host}{f':{port}' if port else ''}:{digest}"
    return f"{scheme}:{digest}"


def targets(cfg: Config) -> list[Target]:
    """The configured notifiers; with none, the console, so alerts are never silent."""
    out = []
    for n in cfg.notify:
        on = tuple(n.on) if n.on is not None else None
        out.append(Target(notifier_id(n.url), n.url, on, channel_of(n.url)))
    return out or [Target(CONSOLE, "console://", None, "console")]


def channel_of(url: str) -> str:
    scheme = url.split(":", 1)[0].lower()
    if scheme == CONSOLE:
        return "console"
    if scheme in _TEAMS_SCHEMES:
        return "teams"
    return "html" if scheme in _HTML_SCHEMES else "text" if scheme in _TEXT_SCHEMES else "markdown"


def unusable_notifiers(cfg: Config) -> list[tuple[int, str, str]]:
    """Configured notifiers apprise cannot use: (index in `notify:`, notifier id, why and
    how to fix it), the URL itself never shown (it carries tokens)."""
    if not any(channel_of(n.url) != "console" for n in cfg.notify):
        return []  # apprise costs a quarter second to import: only when there is a URL
    import apprise

    out = []
    quiet = logging.getLogger("apprise")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # its "Unparseable URL ***": we say what is wrong
    try:
        for i, n in enumerate(cfg.notify):
            if channel_of(n.url) != "console" and not apprise.Apprise().add(n.url):
                out.append((i, notifier_id(n.url), _why_unusable(n.url)))
    finally:
        quiet.setLevel(level)
    return out


def notifiers_key(cfg: Config) -> str:
    """A fingerprint of the notifier URLs and the apprise version that accepted them."""
    from importlib.metadata import version

    urls = [n.url for n in cfg.notify if channel_of(n.url) != "console"]
    return hashlib.sha256("\n".join([version("apprise"), *urls]).encode("utf-8")).hexdigest()


def check_notifiers(cfg: Config, store: Store | None = None) -> list[tuple[int, str, str]]:
    """unusable_notifiers, remembered in state/ once they all passed: apprise loads every
    plugin to read a URL (~0.8 s), too much for each `monitor check` when nothing changed."""
    key = notifiers_key(cfg) if store is not None else None
    if store is not None and store.meta("notifiers_ok") == key:
        return []
    bad = unusable_notifiers(cfg)
    if not bad and store is not None and key is not None:
        store.set_meta("notifiers_ok", key)
    return bad


def _why_unusable(url: str) -> str:
    """'unknown scheme 'slak'; did you mean 'slack'?' or the forms the plugin expects."""
    import difflib

    import apprise

    schemes: dict[str, Any] = {}
    for s in apprise.Apprise().details()["schemas"]:
        for p in (*(s["protocols"] or ()), *(s["secure_protocols"] or ())):
            schemes[p] = s
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if not scheme:
        return "not a URL (expected scheme://...; see the apprise documentation)"
    if scheme not in schemes:
        close = difflib.get_close_matches(scheme, list(schemes), n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return f"unknown scheme {scheme!r}{hint} (apprise knows {len(schemes)} schemes)"
    s = schemes[scheme]
    forms = ", ".join(str(t).replace("{schema}", scheme) for t in s["details"]["templates"][:4])
    return (f"apprise's {s['service_name']} plugin cannot read this URL; its forms: {forms}"
            f" (see {s['setup_url']})")  # fmt: skip


# -- the message model ------------------------------------------------------------------------
@dataclass
class Item:
    """One event of a message, with what the text needs."""

    kind: str
    headline: str  # "arrests, 2024: 1,234 (new)"
    alert: bool
    baseline: bool = False
    family: str | None = None
    old: str | None = None  # formatted values
    new: str | None = None
    context: str | None = None
    page: int | None = None
    url: str | None = None

    @property
    def rank(self) -> tuple[int, int, int]:
        fam = FAMILIES.index(self.family) if self.family in FAMILIES else len(FAMILIES)
        metric = 0 if self.kind in METRIC_KINDS else 1
        return (metric, fam if metric == 0 else 0, _KIND_RANK.get(self.kind, 99))


@dataclass
class Message:
    """One alert: the events of one check of one document, most important first."""

    document: str
    source: str
    url: str
    doc_title: str | None
    items: list[Item]
    diff: list[str] = field(default_factory=list)
    link: str | None = None  # the alert's page in the web view (web.base_url), set at send

    @property
    def title(self) -> str:
        more = f" (+{len(self.items) - 1} more)" if len(self.items) > 1 else ""
        if not self.items:
            return f"{self.document}: no change"
        headline = self.items[0].headline  # "family, label, 2024: 1,234 (new)"
        head, sep, value = headline.rpartition(": ")
        label, comma, period = head.rpartition(", ")
        if comma and len(period) <= 20:  # keep the period and the figure, cut the label
            head, value = label, f"{comma}{period}{sep}{value}"
        else:
            value = sep + value
        room = MAX_TITLE - len(more) - len(value)
        if not sep or room < 20:
            return elide(headline, MAX_TITLE - len(more)) + more
        return elide(head, room) + value + more

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Message:
        items = [Item(**i) for i in data.get("items", [])]
        return cls(**{**data, "items": items})

    def only(self, target: Target) -> Message:
        """The same message holding only the items this notifier wants."""
        return Message(
            self.document, self.source, self.url, self.doc_title,
            [i for i in self.items if target.wants(i)], self.diff,
        )  # fmt: skip


def _fmt(value: Any, unit: str | None, qualifier: str | None = None) -> str | None:
    return None if value is None else format_number(value, unit, qualifier)


def _item(ev: Event, doc_label: str) -> Item:
    d = ev.data or {}
    baseline = bool(d.get("baseline"))
    if ev.kind in METRIC_KINDS:
        return Item(
            ev.kind, ev.summary, ev.alert, baseline, d.get("family"),
            _fmt(d.get("old"), d.get("unit"), d.get("old_qualifier")),
            _fmt(d.get("new"), d.get("unit"), d.get("new_qualifier")),
            elide(d.get("context"), MAX_CONTEXT) or None, d.get("page"), ev.url,
        )  # fmt: skip
    if ev.kind in STATEMENT_KINDS:
        what = (d.get("word_diff") if ev.kind == "statement_changed" else None) or d.get(
            "statement"
        )
        return Item(
            ev.kind, ev.summary, ev.alert, baseline, d.get("family"), None, None,
            elide(what, MAX_CONTEXT) or None, d.get("page"), ev.url,
        )  # fmt: skip
    if ev.kind == "document_new" and d.get("parent"):
        headline = f"new document: {ev.url.rsplit('/', 1)[-1] or ev.url}"
    elif ev.kind == "document_new":
        headline = f"{doc_label}: {ev.summary}"
    elif ev.kind == "document_removed":
        headline = f"document removed: {doc_label} ({ev.summary})"
    else:
        headline = f"{doc_label}: {ev.kind.replace('_', ' ')}: {ev.summary}"
    return Item(ev.kind, headline, ev.alert, baseline, url=ev.url)


def build_message(
    doc: Document, events: Iterable[Event], title: str | None,
    diff_from: Iterable[Event] | None = None,
) -> Message:  # fmt: skip
    """Events of one check as one message, ordered by importance (arrests first), with the
    text diff of the check (from `diff_from`, default the same events) as an excerpt."""
    events = list(events)
    label = title or doc.title or doc.id
    items = sorted((_item(ev, label) for ev in events), key=lambda i: i.rank)
    diff: list[str] = []
    for ev in diff_from if diff_from is not None else events:
        if ev.kind == "content_changed" and (ev.data or {}).get("diff"):
            # the pipeline's excerpt: MAX_DIFF_LINES and its "... (N more lines)" note
            diff = [ln[:MAX_LINE] for ln in ev.data["diff"][: MAX_DIFF_LINES + 1]]  # type: ignore[index]
    return Message(doc.id, doc.source, doc.url, title or doc.title, items, diff)


class Router:
    """Decides, at record time, which notifiers a check's events go to."""

    def __init__(self, cfg: Config) -> None:
        self.targets = targets(cfg)

    def outbox(self, doc: Document, events: list[Event], title: str | None) -> OutboxMessage | None:
        if not events:
            return None
        label = title or doc.title or doc.id
        held = [n for n, ev in enumerate(events) if self._wanted(_item(ev, label))]
        if not held:
            return None
        msg = build_message(doc, [events[n] for n in held], title, diff_from=events)
        wanted = [t.id for t in self.targets if any(t.wants(i) for i in msg.items)]
        return OutboxMessage(msg.title, msg.to_json(), wanted, held)

    def _wanted(self, item: Item) -> bool:
        return any(t.wants(item) for t in self.targets)


# -- text per channel (escaping untrusted page text) ---------------------------------------
_MENTION = re.compile(r"([@!])(?=[\w])")  # @channel, @here, @everyone, @user, <!channel>
# What CommonMark (and Discord's and Teams' dialects) could read as markup in one line of
# text; "(", "!" or "#" mid-line are plain there, so they keep no backslash.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~<>]|&(?=#?\w+;))")
_LINE_START = re.compile(r"^(\s*)([-+=>#]|\d+[.)])", re.M)


def defuse(text: str) -> str:
    """Break every mention a chat service could act on, keeping the text readable."""
    return _MENTION.sub("\\1\u200b", text)


def escape_md(text: str) -> str:
    """Untrusted text as literal CommonMark: no emphasis, links, HTML or mentions."""
    text = " ".join(text.split())  # one line: no headings, lists or block quotes to forge
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _LINE_START.sub(r"\1\\\2", text)
    return defuse(text)


def _plain(text: str) -> str:
    return defuse(" ".join(text.split()))


def _code_block(lines: list[str]) -> str:
    body = "\n".join(defuse(ln.replace("```", "`\u200b``")) for ln in lines)
    return f"```\n{body}\n```"


class _Text:
    """Plain text: e-mail's text part, generic JSON webhooks, Slack (apprise escapes &, < and
    > for Slack and sends it with mrkdwn off), the console. Nothing is escaped: nothing is
    interpreted; mentions are defused."""

    esc = staticmethod(_plain)

    def headline(self, s: str) -> str:
        return f"* {s}"

    def detail(self, s: str) -> str:
        return f"  {s}"

    def quote(self, s: str) -> str:
        return f'  "{s}"'

    def link(self, url: str) -> str:
        return url

    def line(self, s: str) -> str:
        return s

    def title(self, s: str) -> str:
        return _plain(s)

    def code(self, lines: list[str]) -> str:
        return "\n".join(defuse(d) for d in lines)

    def join(self, lines: list[str]) -> str:
        return "\n".join(lines).strip() + "\n"


class _Markdown(_Text):
    """CommonMark (Discord, Teams, other chat services): page text escaped."""

    esc = staticmethod(escape_md)

    def headline(self, s: str) -> str:
        return f"**{s}**"

    def detail(self, s: str) -> str:
        return s

    def quote(self, s: str) -> str:
        return f"> {s}"

    def link(self, url: str) -> str:
        return f"<{url}>"

    def title(self, s: str) -> str:
        return escape_md(s)  # Discord shows it in the body; Teams renders its markdown

    def code(self, lines: list[str]) -> str:
        return _code_block(lines)


class _Teams(_Markdown):
    """Teams' Adaptive Cards: bold, italic, lists and links only (no block quotes or code
    blocks), so the quote is set in italics and each diff line is escaped text."""

    def quote(self, s: str) -> str:
        return f'_"{s}"_'

    def code(self, lines: list[str]) -> str:
        return "\n".join(escape_md(ln) for ln in lines)

    def link(self, url: str) -> str:
        return f"[{url}]({url})"  # the link form Adaptive Cards document (no <autolink>)


class _Html(_Text):
    """HTML for e-mail (apprise derives the text/plain part from it): page text escaped."""

    @staticmethod
    def esc(s: str) -> str:
        return html.escape(_plain(s), quote=False)

    def headline(self, s: str) -> str:
        return f"<b>{s}</b><br>"

    def detail(self, s: str) -> str:
        return f"{s}<br>"

    def line(self, s: str) -> str:
        return f"{s}<br>"

    def quote(self, s: str) -> str:
        return f"<i>&ldquo;{s}&rdquo;</i><br>"

    def link(self, url: str) -> str:
        u = html.escape(url)
        return f'<a href="{u}">{u}</a><br>'

    def code(self, lines: list[str]) -> str:
        return "<pre>" + html.escape("\n".join(defuse(d) for d in lines), quote=False) + "</pre>"

    def join(self, lines: list[str]) -> str:
        """Each run of lines between blank ones is a paragraph."""
        paragraphs, run = [], []
        for ln in [*lines, ""]:
            if ln:
                run.append(ln)
            elif run:
                tag = "div" if any(r.startswith("<pre>") for r in run) else "p"  # no <pre> in <p>
                paragraphs.append(f"<{tag}>" + "\n".join(run) + f"</{tag}>")
                run = []
        return "\n".join(paragraphs) + "\n"


_FORMATS: dict[str, _Text] = {"markdown": _Markdown(), "teams": _Teams(), "html": _Html(),
                              "text": _Text(), "console": _Text()}  # fmt: skip


def render(msg: Message, channel: str, ref: int | None = None) -> tuple[str, str]:
    """(title, body) of one message for one channel family (see channel_of).

    `ref`, the outbox message id, ends the body as "alert #N": the same in `monitor outbox`,
    and a key a receiver can drop a repeat by (a crash after a send, before its outcome was
    recorded, sends that alert once more: see deliver_pending)."""
    f = _FORMATS.get(channel, _FORMATS["markdown"])
    lines: list[str] = []
    for it in msg.items:
        lines.append(f.headline(f.esc(it.headline)))
        if it.old is not None and it.new is not None:
            lines.append(f.detail(f"{f.esc(it.old)} -> {f.esc(it.new)}"))
        elif it.new is not None:
            lines.append(f.detail(f"new figure: {f.esc(it.new)}"))
        if it.context:
            lines.append(f.quote(f.esc(it.context)))
        if it.page is not None:
            lines.append(f.detail(f"page {it.page}"))
        if it.kind == "document_new" and it.url and it.url != msg.url:
            lines.append(f.detail(f.link(it.url)))
        lines.append("")
    lines.append(f.line(f"Document: {f.esc(msg.doc_title or msg.document)}"))
    if msg.url:
        lines.append(f.link(msg.url))
    if msg.diff:
        lines += ["", f.line("Changes:"), f.code(msg.diff)]
    if msg.link:
        lines += ["", f"View: {f.link(msg.link)}"]
    if ref is not None:
        lines += ["", f.line(f"alert #{ref}")]
    return f.title(msg.title), f.join(lines)


# -- sending -----------------------------------------------------------------------------------
ConsoleSink = Callable[[str, str], None]


def print_console(title: str, body: str) -> None:
    bar = "=" * min(78, max(20, len(title)))
    print(f"\n{bar}\nALERT: {title}\n{bar}\n{body}", flush=True)


def log_console(title: str, body: str) -> None:
    log.warning("ALERT: %s", title, extra={"data": {"alert": title, "body": body}})


async def send(
    target: Target, title: str, body: str, timeout: float = 30.0,
    console: ConsoleSink = print_console,
) -> tuple[bool, str | None]:  # fmt: skip
    """One send through apprise; (delivered?, reason of failure with secrets redacted)."""
    if target.channel == "console":
        console(title, body)
        return True, None
    import apprise

    a = apprise.Apprise()
    if not a.add(target.url):
        return False, f"apprise does not accept the URL of notifier {target.id}"
    fmt = {"text": apprise.NotifyFormat.TEXT, "html": apprise.NotifyFormat.HTML}.get(
        target.channel, apprise.NotifyFormat.MARKDOWN
    )
    try:
        result = await asyncio.wait_for(
            a.async_notify(body=body, title=title, body_format=fmt, timeout=timeout),
            timeout + 5,
        )
    except TimeoutError:
        return False, f"no answer within {timeout:g} s"
    except Exception as e:  # apprise plugins can raise on odd input; a failure, not a crash
        return False, redact(f"{e.__class__.__name__}: {e}", [target.url])
    try:
        if result:
            return True, None
        reasons = [e.message for e in result.logs() if e.level in ("WARNING", "ERROR", "CRITICAL")]
        reason = "; ".join(dict.fromkeys(reasons)) or f"apprise: {result.status.name.lower()}"
        return False, redact(reason[:500], [target.url])
    finally:
        result.close()


@dataclass
class Counts:
    delivered: int = 0
    retrying: int = 0
    failed: int = 0  # given up on after max_attempts
    skipped: int = 0  # for a notifier no longer configured

    def line(self) -> str:
        return f"{self.delivered} delivered, {self.retrying} to retry, {self.failed} failed" + (
            f", {self.skipped} for notifiers no longer configured" if self.skipped else ""
        )


def backoff(attempts: int, policy: Delivery) -> float:
    """Seconds to wait after the `attempts`-th failed attempt: base, 2x base, ... up to cap."""
    return min(policy.backoff * (2 ** max(0, attempts - 1)), policy.max_backoff)


def alert_link(cfg: Config, message: int) -> str | None:
    """The web view's page of an alert (its events, diffs and charts), with web.base_url."""
    base = cfg.web.base_url
    return f"{base.rstrip('/')}/alerts/{message}" if base else None


def _later(seconds: float) -> str:
    return stamp(datetime.now(UTC) + timedelta(seconds=seconds))


async def deliver_pending(
    store: Store, cfg: Config, console: ConsoleSink = print_console,
    notifiers: list[Target] | None = None,
) -> Counts:  # fmt: skip
    """Send every due (message, notifier) pair once; record each outcome. Never raises for
    a failed send: the pair is retried later with exponential backoff, across restarts.

    A notifier whose attempts fail `delivery.failing_after` times in a row is reported
    (`notifier_failing`, through the other notifiers and the console), and an error is
    logged on each pass until it delivers again (`notifier_recovered`). state/ is read and
    written on the store's thread (Store.run), never on the event loop."""
    io = store.run
    policy = cfg.delivery
    all_targets = notifiers if notifiers is not None else targets(cfg)
    by_id = {t.id: t for t in all_targets}
    counts = Counts()
    changed: list[str] = []  # notifiers that just turned failing or recovered
    attempted: set[tuple[int, str]] = set()

    async def run(target: Target, rows: list[Any]) -> None:
        for d in rows:  # one notifier's messages in order; notifiers in parallel
            attempt = d.attempts + 1
            wait = backoff(attempt, policy)
            lease = _later(max(wait, policy.timeout + 10))
            if not await io(store.claim_delivery, d.message, d.notifier, utcnow(), lease):
                continue  # another process took it
            msg = Message.from_json(json.loads(d.body)).only(target)
            msg.link = alert_link(cfg, d.message)
            title, body = render(msg, target.channel, ref=d.message)
            ok, error = await send(target, title, body, policy.timeout, console)
            failures, since = await io(store.notifier_attempt, target.id, ok, error)
            if (ok and since) or (not ok and not since and failures >= policy.failing_after):
                note = await io(_notifier_turned, store, all_targets, target, ok, failures, error)
                if note is not None:
                    console(*note)
                changed.append(target.id)
            if ok:
                await io(store.finish_delivery, d.message, d.notifier, True)
                counts.delivered += 1
                log.info("delivered message %s to %s", d.message, target.id)
                continue
            give_up = attempt >= policy.max_attempts
            await io(store.finish_delivery, d.message, d.notifier, False, error, _later(wait),
                     give_up)  # fmt: skip
            if give_up:
                counts.failed += 1
                log.error("giving up on message %s to %s after %d attempts: %s",
                          d.message, target.id, attempt, error)  # fmt: skip
            else:
                counts.retrying += 1
                log.warning("message %s to %s failed (attempt %d, retry in %.0f s): %s",
                            d.message, target.id, attempt, wait, error)  # fmt: skip

    for _round in range(2):  # a second round sends the notifier_failing alerts just queued
        queues: dict[str, list[Any]] = {}
        for d in await io(store.due_deliveries, utcnow()):
            if (d.message, d.notifier) in attempted:
                continue  # once per call: the second round is for the alerts just queued
            attempted.add((d.message, d.notifier))
            if d.notifier not in by_id:
                counts.skipped += 1
                continue
            queues.setdefault(d.notifier, []).append(d)
        changed.clear()
        await asyncio.gather(*(run(by_id[n], rows) for n, rows in queues.items()))
        if not changed:
            break
    for row in await io(store.failing_notifiers):
        if row["id"] in by_id:  # an error on every pass until it delivers again
            log.error("notifier %s failing since %s (%d failed attempts in a row): %s", row["id"],
                      row["failing_since"], row["failures"], row["last_error"])  # fmt: skip
    return counts


def _notifier_turned(
    store: Store, all_targets: list[Target], target: Target, ok: bool, failures: int,
    error: str | None,
) -> tuple[str, str] | None:  # fmt: skip
    """Record notifier_failing / notifier_recovered and alert the other notifiers; the
    console's message, if no other notifier is the console (a failing notifier cannot tell
    of its own failure). Runs on the store's thread: the console is the caller's."""
    kind = "notifier_recovered" if ok else "notifier_failing"
    if ok:
        summary = f"notifier {target.id} delivers again"
    else:
        summary = f"notifier {target.id} failing: {failures} failed attempts in a row: {error}"
    item = Item(kind, summary, True, context=None if ok else error)
    others = [t for t in all_targets if t.id != target.id and t.wants(item)]
    msg = Message(target.id, "notify", "", f"notifier {target.id}", [item])
    outbox = OutboxMessage(msg.title, msg.to_json(), [t.id for t in others]) if others else None
    event = Event(target.id, "notify", "", kind, summary, True, {"notifier": target.id,
                  "failures": failures, "error": error})  # fmt: skip
    store.notifier_state(target.id, None if ok else utcnow(), event, outbox)
    (log.warning if ok else log.error)("%s", summary)
    if all(t.id != CONSOLE for t in others):
        return render(msg, "console")
    return None


async def send_test(
    cfg: Config, console: ConsoleSink = print_console
) -> list[tuple[Target, bool, str | None]]:
    """`monitor notify --test`: a test message to every notifier, straight (no outbox)."""
    msg = Message(
        document="test",
        source="test",
        url="https://www.missingkids.org/gethelpnow/cybertipline/cybertiplinedata",
        doc_title="cybertip-monitor test message",
        items=[Item("test", TEST_TITLE, True, context="Sent by `monitor notify --test`: if you "
                    "read this, alerts reach this channel. No figure has changed.")],
    )  # fmt: skip
    out = []
    for t in targets(cfg):
        title, body = render(msg, t.channel)
        ok, error = await send(t, title, body, cfg.delivery.timeout, console)
        out.append((t, ok, error))
    return out
