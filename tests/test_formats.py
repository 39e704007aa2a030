"""Render once, format per channel: what each service's reader sees of one alert.

Slack, Discord and Teams cannot be reached from here, so their apprise plugins run for real
with their HTTP call captured (`requests.post` / `requests.request`, which the plugins call at
send time): the assertion is on the payload the service would get. Generic JSON and e-mail go
to real receivers on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import json
import re
from unittest import mock

import pytest
import requests

from monitor.notify import Target, build_message, channel_of, notifier_id, render, send
from tests.receivers import Smtp
from tests.test_notify import Change, config, figure_events, report_doc
from tests.util import run_cli, write_config

# A table row and a sentence as a crafted (or just unlucky) page could hold them.
ROW = "Outcome: Convictions* | 612 | 701 & <http://evil.example|click> _x_ `c`"
PINGS = "<!channel> <!here> @channel @here <@U123> @everyone"
TITLE = "2024 CyberTipline Report"


def _message(tmp_path):
    from monitor.model import Metric
    from monitor.store import Store

    cfg = config(tmp_path, [])
    store = Store(cfg.state_dir)
    m = Metric("arrests", "arrests", "2024", 1234, "count", 2, f"{ROW} {PINGS}")
    diff = ["@@ -1 +1 @@", "-Convictions: 601", f"+{ROW}", "+@here"]
    events = figure_events(store, cfg, [Change("metric_appeared", None, m)], diff=diff)
    return build_message(report_doc(store), events[:1], TITLE, diff_from=events)


class _Captured:
    status_code = 200
    content = b"ok"
    text = "ok"
    headers: dict[str, str] = {}  # noqa: RUF012

    def json(self):
        return {"ok": True}


def _capture(url: str, msg) -> dict:
    """Send through apprise's real plugin; return the JSON payload its HTTP call carried."""
    sent: list = []

    def fake(*args, **kwargs):
        sent.append(kwargs.get("data") or kwargs.get("json"))
        return _Captured()

    target = Target(notifier_id(url), url, None, channel_of(url))
    title, body = render(msg, target.channel, ref=7)
    with mock.patch.object(requests, "post", fake), mock.patch.object(requests, "request", fake):
        ok, error = asyncio.run(send(target, title, body, timeout=5))
    assert ok, error
    [payload] = sent
    return json.loads(payload) if isinstance(payload, str | bytes) else payload


def _no_live_pings(text: str) -> None:
    for ping in ("<!channel>", "<!here>", "@channel", "@here", "<@U123>", "@everyone"):
        assert ping not in text, ping


def _commonmark_reader(text: str) -> str:
    """What a CommonMark renderer shows of escaped text: each backslash escape undone."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def test_slack_gets_plain_text_with_only_amp_lt_gt_escaped(tmp_path):
    msg = _message(tmp_path)
    payload = _capture("slack://T1234567/B1234567/abcdefghijklmnopqrstuvwx", msg)
    [att] = payload["attachments"]
    text = att["text"]
    assert payload["mrkdwn"] is False  # Slack shows * _ ` as written: page text cannot format
    assert "\\" not in text and "\\" not in att["title"]  # mrkdwn has no backslash escapes
    assert att["title"] == "arrests, 2024: 1,234 (new)"
    # the row reads as the page wrote it; &, <, > are entities Slack shows as the characters
    assert "Outcome: Convictions* | 612 | 701 &amp; &lt;http://evil.example|click&gt;" in text
    _no_live_pings(text)
    assert "&lt;!\u200bchannel&gt;" in text and "@\u200bhere" in text
    assert "new figure: 1,234" in text and "alert #7" in text


@pytest.mark.parametrize(
    ("url", "field"),
    [("discord://123456/abcdefgh", "discord"),
     ("workflows://prod-00.westus.logic.azure.com:443/abc123/sig456", "teams")],
)  # fmt: skip
def test_discord_and_teams_get_markdown_that_reads_as_written(tmp_path, url, field):
    msg = _message(tmp_path)
    payload = _capture(url, msg)
    if field == "discord":
        raw = payload["content"]
    else:
        blocks = payload["attachments"][0]["content"]["body"]
        raw = "\n".join(b["text"] for b in blocks if b.get("type") == "TextBlock")
    assert "**arrests, 2024: 1,234 (new)**" in raw  # our markup: bold; "(" needs no escape
    if field == "discord":
        assert raw.count("```") == 2  # the diff in a code block
    else:  # Adaptive Cards render bold, italics, lists and links: no code block, no quote
        assert "```" not in raw and not re.search(r"^(> |[-+] )", raw, re.M)
        assert "\\-Convictions: 601" in raw and "\\+@\u200bhere" in raw
    assert "\\(" not in raw and "\\\\" not in raw  # no needless or doubled backslashes
    # markup from the page is inert: no link, no emphasis, no code span survives escaping
    _no_live_pings(raw)
    prose = raw.split("```")[0]
    assert "<http://evil.example|click>" not in prose and "`c`" not in prose
    assert "_x_" not in prose
    shown = _commonmark_reader(prose)
    assert "Outcome: Convictions* | 612 | 701 & <http://evil.example|click> _x_ `c`" in shown


def test_generic_json_gets_plain_text(tmp_path, webhook):
    msg = _message(tmp_path)
    target = Target(notifier_id(webhook.url()), webhook.url(), None, "text")
    title, body = render(msg, channel_of(webhook.url()))
    assert asyncio.run(send(target, title, body, timeout=5)) == (True, None)
    [got] = webhook.wait(1)
    assert got["title"] == "arrests, 2024: 1,234 (new)"
    assert "\\" not in got["message"] and ROW in got["message"]
    _no_live_pings(got["message"])


def test_email_gets_html_and_a_plain_text_part(tmp_path):
    msg = _message(tmp_path)
    smtp = Smtp()
    try:
        target = Target(notifier_id(smtp.url()), smtp.url(), None, channel_of(smtp.url()))
        assert target.channel == "html"
        title, body = render(msg, target.channel)
        assert asyncio.run(send(target, title, body, timeout=5)) == (True, None)
        [mail] = smtp.mails
    finally:
        smtp.close()
    parts = {p.get_content_type(): p.get_content() for p in mail.raw.walk()
             if p.get_content_maintype() == "text"}  # fmt: skip
    assert set(parts) == {"text/plain", "text/html"}
    assert mail.subject == "arrests, 2024: 1,234 (new)"
    html_part, text_part = parts["text/html"], parts["text/plain"]
    assert "<b>arrests, 2024: 1,234 (new)</b>" in html_part
    assert "&lt;http://evil.example|click&gt;" in html_part  # page text escaped: inert
    assert "<http://evil" not in html_part and "<script" not in html_part
    assert "\\" not in text_part and "<b>" not in text_part and "1,234" in text_part
    _no_live_pings(html_part + text_part)


def test_notify_test_title_cannot_be_taken_for_an_alert(tmp_path, capsys, webhook):
    cfg = write_config(tmp_path, [{"id": "a", "url": "http://127.0.0.1:9/a"}],
                       notify=[webhook.url()])  # fmt: skip
    code, _, _ = run_cli(capsys, "-c", str(cfg), "notify", "--test")
    [got] = webhook.wait(1)
    assert code == 0 and got["title"] == "cybertip-monitor test message: no figure has changed"
    assert "arrests" not in got["title"] + got["message"]


def test_long_titles_and_quotes_are_cut_at_a_word(tmp_path):
    from monitor.model import Metric
    from monitor.notify import MAX_CONTEXT, MAX_TITLE
    from monitor.store import Store

    cfg = config(tmp_path, [])
    store = Store(cfg.state_dir)
    label = "reports of apparent child sexual exploitation made available " * 4
    sentence = "Law enforcement reported 2,388 arrests connected to CyberTipline reports. " * 12
    m = Metric("arrests", label.strip(), "2024", 2388, "count", 4, sentence.strip())
    events = figure_events(store, cfg, [Change("metric_appeared", None, m)])
    msg = build_message(report_doc(store), events, TITLE)
    assert len(msg.title) <= MAX_TITLE and msg.title.endswith("…, 2024: 2,388 (new)")
    head = msg.title.removesuffix(", 2024: 2,388 (new)")  # the period and figure kept whole
    assert (
        msg.items[0].headline.startswith(head[:-1]) and msg.items[0].headline[len(head) - 1] == " "
    )
    ctx = msg.items[0].context
    assert len(ctx) <= MAX_CONTEXT and ctx.endswith("…") and " ".join(sentence.split()).startswith(
        ctx[:-1]) and sentence[len(ctx) - 1] == " "  # fmt: skip
