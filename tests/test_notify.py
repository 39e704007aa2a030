"""Alerts: the message model, escaping, apprise delivery to real receivers on 127.0.0.1, the
durable outbox with backoff, and secret redaction."""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
import time
from collections import namedtuple
from pathlib import Path

from monitor import logs, queries
from monitor.config import load_config
from monitor.diff import text_diff
from monitor.model import CheckRecord, Event, Metric, utcnow
from monitor.notify import (
    MAX_DIFF_LINES,
    Router,
    build_message,
    deliver_pending,
    notifier_id,
    render,
    targets,
)
from monitor.outcomes import metric_events
from monitor.store import SCHEMA_VERSION, Store
from tests.receivers import Smtp, Webhook
from tests.util import json_lines, run_cli, write_config

Change = namedtuple("Change", "kind old new")
REPORT = "https://www.missingkids.org/content/dam/missingkids/pdfs/2024-CyberTipline-Report.pdf"
SENTENCE = "Law enforcement reported 1,234 arrests in 2024."


def arrests(value: float = 1234, context: str = SENTENCE) -> Metric:
    return Metric("arrests", "arrests", "2024", value, "count", 2, context)


def feedback(value: float) -> Metric:
    ctx = f"ICACs provided {value:,.0f} instances of feedback in CY 2024."
    return Metric("law_enforcement_feedback", "ICACs", "CY 2024", value, "count", 4, ctx)


def config(tmp_path: Path, notify: list, **extra):
    path = write_config(
        tmp_path, [{"id": "report", "url": REPORT}], notify=notify,
        delivery={"backoff": 0.3, "max_backoff": 5, "timeout": 5, **extra.pop("delivery", {})},
        **extra,
    )  # fmt: skip
    return load_config(path)


def record(store: Store, cfg, events: list[Event], title: str = "2024 CyberTipline Report"):
    """What the pipeline does at the end of a check: one transaction, outbox included."""
    doc = report_doc(store)
    rec = CheckRecord("report", "changed", 200, updates={"title": title}, events=events)
    rec.outbox = Router(cfg).outbox(doc, events, title)
    store.record(rec)
    return rec.outbox


def report_doc(store: Store):
    store.ensure_sources([("report", REPORT)])
    return store.document("report")


def figure_events(store: Store, cfg, changes: list[Change], diff: list[str] | None = None):
    doc = report_doc(store)
    events = metric_events(doc, changes, set(cfg.alerts.families), "2024 CyberTipline Report")
    if diff is not None:
        events.append(Event(doc.id, doc.source, doc.url, "content_changed", "+1 -1 lines",
                            data={"diff": diff}))  # fmt: skip
    return events


def deliver(store: Store, cfg, **kw):
    return asyncio.run(deliver_pending(store, cfg, **kw))


# -- the message --------------------------------------------------------------------------
def test_message_orders_by_importance_and_names_the_figure(tmp_path):
    cfg = config(tmp_path, [])
    store = Store(cfg.state_dir)
    diff = ["@@ -1 +1 @@", *[f"+line {i}" for i in range(60)]]
    events = figure_events(
        store, cfg,
        [Change("metric_changed", feedback(312343), feedback(350001)),
         Change("metric_appeared", None, arrests())],
        diff=diff,
    )  # fmt: skip
    doc = store.document("report")
    msg = build_message(doc, events, "2024 CyberTipline Report")
    assert [i.family for i in msg.items[:2]] == ["arrests", "law_enforcement_feedback"]
    assert msg.title == "arrests, 2024: 1,234 (new) (+2 more)"
    assert msg.items[1].headline == "law enforcement feedback, ICACs, CY 2024: 312,343 -> 350,001"

    title, text = render(msg, "text")
    assert title == msg.title
    assert "312,343 -> 350,001" in text and SENTENCE in text and "page 2" in text
    assert "2024 CyberTipline Report" in text and REPORT in text
    assert "*" not in text.replace("* ", "")  # plain text: no markup
    diff_lines = text.split("Changes:\n", 1)[1].strip().splitlines()
    assert len(diff_lines) <= 31 and diff_lines[0] == "@@ -1 +1 @@"

    _, md = render(msg, "markdown")
    assert "**arrests, 2024: 1,234 (new)**" in md  # "(" is plain mid-line: no backslash
    assert f"<{REPORT}>" in md and "```" in md


def test_a_long_diff_keeps_its_more_lines_note(tmp_path):
    cfg = config(tmp_path, [])
    store = Store(cfg.state_dir)
    old = "\n".join(f"line {i}" for i in range(100))
    excerpt = text_diff(old, old.replace("line", "LINE"), "a", "b").excerpt(MAX_DIFF_LINES)
    events = figure_events(store, cfg, [Change("metric_appeared", None, arrests())], excerpt)
    msg = build_message(store.document("report"), events, "2024 CyberTipline Report")
    assert len(msg.diff) == MAX_DIFF_LINES + 1 and msg.diff[-1] == "... (171 more lines)"


def test_crafted_page_cannot_inject_markup_or_mentions(tmp_path):
    evil = (
        "**Urgent** [click here](https://evil.example/x) <!channel> <!here> <@U123> @here "
        "@channel @everyone <script>alert(1)</script> ![img](https://evil.example/p.png)\n# H1"
    )
    cfg = config(tmp_path, [])
    store = Store(cfg.state_dir)
    events = figure_events(
        store, cfg, [Change("metric_appeared", None, arrests(context=evil))],
        diff=["+" + evil.replace("\n", " "), "+```", "+@everyone"],
    )  # fmt: skip
    msg = build_message(store.document("report"), events, "Report <!channel> **x**")
    for channel in ("markdown", "text"):
        title, body = render(msg, channel)
        for text in (title, body):
            for mention in ("@here", "@channel", "@everyone", "<!channel>", "<!here>", "<@U123"):
                assert mention not in text, (channel, mention)
        if channel == "markdown":
            prose = body.split("```")[0]  # the diff excerpt is a code block: inert there
            assert "[click here](" not in prose and "![img](" not in prose
            assert "<script>" not in prose and "**Urgent**" not in prose
            assert not re.search(r"^#", prose, re.M)
            assert body.count("```") == 2  # the diff's own fence cannot close the block
    # what reaches a webhook is the escaped markdown
    hook = Webhook()
    try:
        (tmp_path / "w").mkdir()
        cfg = config(tmp_path / "w", [{"url": hook.url(), "on": ["arrests"]}])
        store = Store(cfg.state_dir)
        record(store, cfg, figure_events(store, cfg, [Change("metric_appeared", None,
                                                             arrests(context=evil))]))  # fmt: skip
        assert deliver(store, cfg).delivered == 1
        got = hook.wait(1)[0]
        assert "@channel" not in got["message"] and "<!channel>" not in got["message"]
        # generic JSON is plain text: shown as written, nothing escaped, nothing to render
        assert "\\" not in got["message"] and "[click here](https://evil" in got["message"]
    finally:
        hook.close()


# -- delivery to real receivers ---------------------------------------------------------------
def test_email_through_real_smtp_server(tmp_path):
    smtp = Smtp()
    try:
        cfg = config(tmp_path, [smtp.url()])
        store = Store(cfg.state_dir)
        events = figure_events(store, cfg, [Change("metric_appeared", None, arrests())])
        record(store, cfg, events)
        counts = deliver(store, cfg)
        assert counts.delivered == 1, store.deliveries()
        [mail] = smtp.mails
        assert "arrests, 2024: 1,234 (new)" in mail.subject
        assert SENTENCE in mail.text and REPORT in mail.text
        assert "**" not in mail.text  # e-mail gets plain text, not markdown
    finally:
        smtp.close()


def test_webhook_gets_the_alert_of_a_real_check(server, tmp_path, capsys, webhook, monkeypatch):
    """The whole path: page served -> check -> one transaction -> delivery after commit.

    The figure finder is replaced by a literal one, so this test does not depend on how
    clever monitor/metrics is; it tests what happens to a figure once found."""
    import monitor.outcomes as outcomes

    rx = re.compile(r"reported ([\d,]+) arrests in (\d{4})")

    def find(doc, url, title):
        return [Metric("arrests", "arrests", m.group(2), float(m.group(1).replace(",", "")),
                       "count", None, m.group(0)) for m in rx.finditer(doc.text)]  # fmt: skip

    def compare(old, new):
        before = {m.key: m for m in old}
        return [Change("metric_appeared" if m.key not in before else "metric_changed",
                       before.get(m.key), m)
                for m in new if m.key not in before or before[m.key].value != m.value]  # fmt: skip

    monkeypatch.setattr(outcomes, "find_metrics", find)
    monkeypatch.setattr(outcomes, "compare_metrics", compare)
    monkeypatch.setattr(outcomes, "format_value", lambda m: f"{m.value:,.0f}")

    server.set("/data", "<html><body><main><p>CyberTipline data.</p></main></body></html>")
    cfg = write_config(tmp_path, [{"id": "data", "url": server.url("/data")}],
                       notify=[webhook.url()])  # fmt: skip
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0
    assert webhook.received == []  # a baseline alerts nobody
    server.set("/data", f"<html><body><main><p>{SENTENCE}</p></main></body></html>")
    code, out, _ = run_cli(capsys, "-c", str(cfg), "check")
    assert code == 0 and "alerts: 1 delivered" in out
    [got] = webhook.wait(1)
    assert got["title"] == "arrests, 2024: 1,234 (new)"
    assert "Law enforcement reported 1,234 arrests in 2024" in got["message"]
    assert "+Law enforcement reported" in got["message"]  # the diff excerpt
    code, out, _ = run_cli(capsys, "-c", str(cfg), "history", "--json")
    by_kind = {e["kind"]: e for e in json_lines(out)}
    assert by_kind["metric_appeared"]["deliveries"][0]["status"] == "delivered"
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0
    assert len(webhook.received) == 1  # unchanged: nothing new, nothing sent twice


def test_notifier_down_is_retried_with_backoff_and_delivered_once(tmp_path, webhook):
    webhook.status = 500
    cfg = config(tmp_path, [webhook.url()], delivery={"backoff": 0.4})
    store = Store(cfg.state_dir)
    record(store, cfg, figure_events(store, cfg, [Change("metric_appeared", None, arrests())]))

    c = deliver(store, cfg)
    assert (c.delivered, c.retrying) == (0, 1) and webhook.refused == 1
    [d] = store.deliveries()
    assert d.attempts == 1 and "500" in d.last_error
    assert deliver(store, cfg).retrying == 0 and webhook.refused == 1  # backing off: not due

    time.sleep(0.45)
    assert deliver(store, cfg).retrying == 1 and webhook.refused == 2
    [d2] = store.deliveries()
    first_wait = 0.4
    gap = _ts(d2.next_try) - time.time()
    assert first_wait * 1.5 < gap <= first_wait * 2 + 0.1  # doubled
    store.close()

    webhook.status = 200  # the notifier comes back; a new process picks the retry up
    store = Store(cfg.state_dir)
    time.sleep(max(0.0, _ts(d2.next_try) - time.time()) + 0.05)
    assert deliver(store, cfg).delivered == 1
    assert deliver(store, cfg).delivered == 0
    time.sleep(1)
    assert deliver(store, cfg).delivered == 0
    assert len(webhook.received) == 1
    assert store.deliveries() == []  # nothing pending or failed
    assert store.deliveries(("delivered",))[0].attempts == 3


def test_gives_up_after_max_attempts_and_outbox_lists_it(tmp_path, capsys):
    cfg = config(tmp_path, ["json://127.0.0.1:1/closed"],
                 delivery={"backoff": 0.01, "max_attempts": 2})  # fmt: skip
    store = Store(cfg.state_dir)
    record(store, cfg, figure_events(store, cfg, [Change("metric_appeared", None, arrests())]))
    deliver(store, cfg)
    time.sleep(0.05)
    assert deliver(store, cfg).failed == 1
    path = str(tmp_path / "config.yaml")
    code, out, _ = run_cli(capsys, "-c", path, "outbox")
    assert code == 0 and "failed" in out and "arrests, 2024: 1,234" in out
    assert "last error:" in out and "onnection" in out
    code, out, _ = run_cli(capsys, "-c", path, "outbox", "--retry", "--json")
    [row] = [r for r in json_lines(out.split("\n", 1)[1])]
    assert row["status"] == "pending" and row["attempts"] == 0


def test_on_filters_choose_what_each_notifier_gets(tmp_path):
    a, b = Webhook(), Webhook()
    try:
        cfg = config(
            tmp_path,
            [
                {"url": a.url("/arrests"), "on": ["arrests"]},
                {"url": b.url("/docs"), "on": ["document_new", "referrals"]},
            ],
        )
        store = Store(cfg.state_dir)
        doc = report_doc(store)
        new_doc = Event(doc.id, doc.source, REPORT + "?v2", "document_new",
                        "new document linked", alert=True, data={"parent": "report"})  # fmt: skip
        events = figure_events(store, cfg, [Change("metric_appeared", None, arrests())])
        record(store, cfg, [*events, new_doc])
        ref = Metric("referrals", "referrals", "2024", 5, "count", 1, "5 referrals")
        record(store, cfg, figure_events(store, cfg, [Change("metric_appeared", None, ref)]))
        assert deliver(store, cfg).delivered == 3
        assert [m["title"] for m in a.wait(1)] == ["arrests, 2024: 1,234 (new)"]
        got_b = sorted(m["title"] for m in b.wait(2))
        assert got_b == [
            "new document: 2024-CyberTipline-Report.pdf?v2",
            "referrals, 2024: 5 (new)",
        ]
        assert "arrests" not in b.received[0]["message"]  # only what it asked for
    finally:
        a.close()
        b.close()


def test_baseline_and_unwanted_events_queue_nothing(tmp_path):
    cfg = config(tmp_path, [])
    store = Store(cfg.state_dir)
    doc = report_doc(store)
    base = Event(doc.id, doc.source, doc.url, "document_new", "baseline: pdf", False,
                 {"baseline": True})  # fmt: skip
    ref = Metric("referrals", "referrals", "2024", 5, "count", 1, "5 referrals")
    assert record(store, cfg, [base]) is None
    assert record(store, cfg, figure_events(store, cfg, [Change("metric_appeared", None, ref)]))\
        is None  # fmt: skip
    assert store.db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 0


# -- defaults, test command, migration --------------------------------------------------------
def test_no_notifier_prints_alerts_to_the_console(server, tmp_path, capsys):
    server.set("/data", '<html><body><a href="/a.pdf">a</a></body></html>')
    server.set("/a.pdf", b"%PDF-1.4 not really", content_type="application/pdf")
    src = {"id": "data", "url": server.url("/data"),
           "discover": {"match": r"\.pdf$", "hosts": ["127.0.0.1"]}}  # fmt: skip
    cfg = write_config(tmp_path, [src])
    run_cli(capsys, "-c", str(cfg), "check")
    server.set("/data", '<html><body><a href="/a.pdf">a</a><a href="/b.pdf">b</a></body></html>')
    code, out, _ = run_cli(capsys, "-c", str(cfg), "check")
    assert "ALERT: new document: b.pdf" in out
    assert "alerts: 1 delivered" in out
    code, out, _ = run_cli(capsys, "-c", str(cfg), "history")
    assert "[delivered: console]" in out


def test_notify_test_says_which_failed_and_why(tmp_path, capsys, webhook):
    secret = "json://hookuser:Pa55wordXYZ@127.0.0.1:1/T0kenPathQQ"
    cfg = write_config(tmp_path, [{"id": "a", "url": REPORT}],
                       notify=[webhook.url(), secret], delivery={"timeout": 3})  # fmt: skip
    code, out, err = run_cli(capsys, "-c", str(cfg), "notify", "--test")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("ok     json:127.0.0.1:")
    assert lines[1].startswith("FAILED json:127.0.0.1:1:") and "onnection" in lines[1]
    for s in ("Pa55wordXYZ", "T0kenPathQQ", "hookuser"):
        assert s not in out + err
    assert "test" in webhook.wait(1)[0]["title"]


def test_notifier_ids_and_redaction_hide_secrets():
    urls = {
        "slack://T1AAAAAAA/B2BBBBBBB/C3secretsecret/#general": ["T1AAAAAAA", "C3secretsecret"],
        "mailtos://me:app-pass-word@gmail.com?to=ops@example.com": ["app-pass-word"],
        "json://127.0.0.1:8080/hooks/abcdef123456?+X-Token=zzTopSecret": ["abcdef123456",
                                                                         "zzTopSecret"],
        "discord://123456789/webhooktoken987": ["123456789", "webhooktoken987"],
    }  # fmt: skip
    logs.register_secrets(urls)
    for url, secrets in urls.items():
        nid = notifier_id(url)
        text = logs.redact(f"failed to send to {url} with {secrets[-1]}")
        for s in secrets:
            assert s not in nid and s not in text
    assert notifier_id("json://127.0.0.1:8080/x").startswith("json:127.0.0.1:8080:")
    assert notifier_id("mailtos://me:pw@gmail.com").startswith("mailtos:gmail.com:")
    assert [t.channel for t in targets(_cfg_with(list(urls)))] == [
        "text", "html", "text", "markdown"]  # fmt: skip


def _cfg_with(notify: list[str]):
    from monitor.config import Config

    return Config.model_validate({"sources": [{"id": "a", "url": REPORT}], "notify": notify})


def test_migrates_schema_1_in_place(tmp_path, capsys):
    state = tmp_path / "state"
    state.mkdir()
    db = sqlite3.connect(state / "monitor.sqlite3")
    db.executescript("""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta VALUES ('schema_version', '1');
        CREATE TABLE events (id INTEGER PRIMARY KEY, at TEXT NOT NULL, document TEXT NOT NULL,
            source TEXT NOT NULL, url TEXT NOT NULL, kind TEXT NOT NULL, summary TEXT NOT NULL,
            alert INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL DEFAULT '{}');
        INSERT INTO events(at, document, source, url, kind, summary)
            VALUES ('2026-01-01T00:00:00Z', 'report', 'report', 'u', 'document_new', 'baseline');
    """)
    db.commit()
    db.close()
    cfg = config(tmp_path, [])
    store = Store(cfg.state_dir)
    assert store.db.execute("SELECT value FROM meta").fetchone()[0] == str(SCHEMA_VERSION)
    record(store, cfg, figure_events(store, cfg, [Change("metric_appeared", None, arrests())]))
    code, out, _ = run_cli(capsys, "-c", str(tmp_path / "config.yaml"), "history")
    assert "baseline" in out and "[pending: console]" in out


def _ts(at: str) -> float:
    from datetime import UTC, datetime

    from monitor.model import STAMP

    return datetime.strptime(at, STAMP).replace(tzinfo=UTC).timestamp()


def test_json_log_lines_are_redacted(capsys):
    import io
    import logging

    buf = io.StringIO()
    logs.setup(logging.INFO, "json", stream=buf)
    logs.register_secrets(["json://u:VerySecretPw@127.0.0.1:9/path-token-123"])
    logging.getLogger("monitor.test").warning("sending to %s", "path-token-123 VerySecretPw")
    line = json.loads(buf.getvalue().strip().splitlines()[-1])
    assert line["level"] == "warning" and line["msg"] == "sending to *** ***"
    logs.setup()


def test_validate_refuses_a_url_apprise_does_not_know_without_printing_it(tmp_path, capsys):
    cfg = write_config(tmp_path, [{"id": "a", "url": REPORT}],
                       notify=["nosuchscheme://user:TopSecret99@host/x"])  # fmt: skip
    code, out, err = run_cli(capsys, "-c", str(cfg), "validate")
    assert code == 2 and "notify[0]" in err and "TopSecret99" not in out + err


def test_unquoted_on_key_in_yaml_is_read_as_on(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text(
        "sources: [{id: a, url: 'http://127.0.0.1:9/a'}]\n"
        "notify:\n  - url: json://127.0.0.1:9/x\n    on: [arrests, document_new]\n"
    )
    [t] = targets(load_config(path))
    assert t.on == ("arrests", "document_new")


def test_a_notifier_that_keeps_failing_is_reported_through_the_others(tmp_path, capsys, caplog):
    """A webhook answering 404, then 500: after delivery.failing_after failed attempts in a
    row, notifier_failing (event, alert to the other notifier and the console, an error each
    pass, the heartbeat and `monitor health`); notifier_recovered once it delivers again."""
    from monitor.health import health
    from monitor.notify import print_console

    broken, good = Webhook(status=404), Webhook()
    try:
        cfg = config(tmp_path, [broken.url("/revoked"), good.url()],
                     delivery={"backoff": 0, "failing_after": 3})  # fmt: skip
        [bad_id, good_id] = [t.id for t in targets(cfg)]
        store = Store(cfg.state_dir)
        seen: list[str] = []

        def console(title: str, body: str) -> None:
            seen.append(title)
            print_console(title, body)

        record(store, cfg, figure_events(store, cfg, [Change("metric_appeared", None, arrests())]))
        deliver(store, cfg, console=console)
        assert len(good.wait(1)) == 1 and broken.refused == 1
        deliver(store, cfg, console=console)
        assert not [e for e in queries.events(store.db) if e.kind == "notifier_failing"]
        broken.status = 500
        caplog.clear()
        deliver(store, cfg, console=console)  # the third failure in a row
        [ev] = [e for e in queries.events(store.db) if e.kind == "notifier_failing"]
        assert ev.document == bad_id and "3 failed attempts in a row" in ev.summary
        alerts = good.wait(2)
        assert alerts[1]["title"].startswith(f"notifier {bad_id} failing: 3 failed attempts")
        assert seen and seen[0].startswith(f"notifier {bad_id} failing")  # and the console
        assert any(r.levelname == "ERROR" and bad_id in r.getMessage() for r in caplog.records)
        [row] = store.failing_notifiers()
        assert row["id"] == bad_id and row["failures"] == 3
        caplog.clear()
        deliver(store, cfg, console=console)  # still failing: an error again, no new alert
        assert any(r.levelname == "ERROR" and "failing since" in r.getMessage()
                   for r in caplog.records)  # fmt: skip
        assert len([e for e in queries.events(store.db) if e.kind == "notifier_failing"]) == 1

        # the heartbeat carries it, and `monitor health` says so
        store.write_heartbeat({"state": "running", "pid": 1, "at": utcnow(), "started": utcnow(),
                               "notifiers_failing": store.failing_notifiers()})  # fmt: skip
        ok, line = health(cfg)
        assert ok and line.startswith("degraded:") and bad_id in line and "HTTP" not in line[:9]

        broken.status = 200
        deliver(store, cfg, console=console)
        assert [e.kind for e in queries.events(store.db)][:1] == ["notifier_recovered"]
        assert store.failing_notifiers() == []
        assert good.wait(3)[2]["title"] == f"notifier {bad_id} delivers again"
        assert good_id not in {e.document for e in queries.events(store.db)}
    finally:
        broken.close()
        good.close()
