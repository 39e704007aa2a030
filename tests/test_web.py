"""The web view over HTTP (a real server on 127.0.0.1, a state/ made by real checks): routes,
404s, read-only, escaping, CSP, tokens, /metrics, /healthz, alert links, and `monitor run`
serving it. The browser tests (what a person sees) are in test_web_browser.py."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
import yaml

from monitor.cli import main
from monitor.config import load_config
from monitor.web.charts import Series, bar_chart, line_chart
from monitor.web.security import WebError, check_exposure
from tests.receivers import Webhook
from tests.server import FixtureServer, free_port
from tests.util import json_lines, run_cli, write_config
from tests.webstate import JS_LINK, SCRIPT, ServerThread, WebState

ROUTES = [
    "/",
    "/events",
    "/events?kind=metric_changed",
    "/events?family=arrests",
    "/events?document=data",
    "/figures",
    "/figures?family=reports",
    "/documents/data",
    "/documents/data/diff",
    "/documents/r-pdf",
    "/documents/r-pdf/diff",
    "/alerts/1",
    "/events/1",
]


def get(url: str, **kw: object) -> httpx.Response:
    return httpx.get(url, timeout=10, **kw)  # type: ignore[arg-type]


def test_every_page_answers_with_security_headers(web: str) -> None:
    for path in ROUTES:
        r = get(web + path)
        assert r.status_code == 200, (path, r.text[:300])
        assert r.headers["content-type"].startswith("text/html")
        csp = r.headers["content-security-policy"]
        assert "script-src 'none'" in csp and "default-src 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"


def test_pages_show_the_history(web: str, web_state: WebState) -> None:
    home = get(web + "/").text
    assert "/documents/data" in home and "/documents/r-pdf" in home
    assert "arrests, 2024: 1,234 -&gt; 1,300" in home  # the latest alert-worthy events
    doc = get(web + "/documents/data").text
    assert doc.count('class="files"') == 3  # three versions, each with its files
    assert "metric_changed" in doc and "1,300" in doc
    diff = get(web + "/documents/data/diff").text
    assert '<span class="add">+Law enforcement reported 1,300 arrests' in diff
    assert '<span class="del">-Law enforcement reported 1,234 arrests' in diff
    assert "<del>third</del>" not in diff  # statement diff compares outcome statements only
    figures = get(web + "/figures?family=reports").text
    assert figures.count("<svg") == 2  # across versions, and by period (2023, 2024)
    assert 'data-value="3.62e+07"' in figures and 'data-value="2.06e+07"' in figures
    # the text and raw links of a version
    snap = (
        sqlite3.connect(web_state.dir / "state" / "monitor.sqlite3")
        .execute("SELECT id FROM snapshots WHERE document='data' ORDER BY id DESC")
        .fetchone()[0]
    )
    text = get(f"{web}/documents/data/versions/{snap}/text")
    assert text.headers["content-type"] == "text/plain; charset=utf-8"
    assert "1,300 arrests" in text.text
    raw = get(f"{web}/documents/data/versions/{snap}/raw")
    assert raw.headers["content-type"] == "application/octet-stream"
    assert raw.headers["content-disposition"].startswith("attachment")  # never run here
    assert b"&lt;script&gt;" in raw.content


def test_events_filter_and_paginate(web: str) -> None:
    kinds = get(web + "/events?kind=metric_changed").text
    assert "metric_changed" in kinds and "document_new</span>" not in kinds
    # each event's details (its sentence, word diff or diff excerpt) open in place, no script
    assert '<details class="details">' in kinds
    assert '<div class="context">In 2024, the CyberTipline received 20.6 million reports.' in kinds
    fam = get(web + "/events?family=arrests").text
    assert "1,234 -&gt; 1,300" in fam and "20,600,000" not in fam
    # keyset pages: `before` an id shows only older events, with their delivery status
    first = get(web + "/events").text
    assert "console: delivered" in first
    older = get(web + "/events?before=3").text
    assert "/events/2" in older and '/events/3"' not in older and '/events/5"' not in older


def test_unknown_things_are_404_pages(web: str) -> None:
    for path in ("/documents/nope", "/documents/nope/diff", "/documents/data/diff?from=zzz",
                 "/events/999999", "/alerts/999999", "/documents/data/versions/999/raw",
                 "/documents/data/versions/999/text", "/no/such/page"):  # fmt: skip
        r = get(web + path)
        assert r.status_code == 404, path
        assert "Traceback" not in r.text and "text/html" in r.headers["content-type"]


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_nothing_but_get_and_head(web: str, method: str) -> None:
    for path in ("/", "/events", "/metrics", "/documents/data", "/nope"):
        r = httpx.request(method, web + path, timeout=10)
        assert r.status_code == 405, (method, path)
        assert r.headers["allow"] == "GET, HEAD"
    assert httpx.head(web + "/", timeout=10).status_code == 200


def test_page_text_is_escaped_everywhere(web: str) -> None:
    for path in ("/", "/documents/data", "/documents/data/diff", "/events", "/figures"):
        html = get(web + path).text
        assert SCRIPT not in html and "<img" not in html and JS_LINK not in html, path
        assert 'href="javascript:' not in html
    home = get(web + "/").text
    assert "Data &lt;img src=x onerror=window.__pwned=1&gt;" in home  # the title, as text


def test_only_http_urls_become_links() -> None:
    from monitor.web.app import _href

    assert _href("https://www.missingkids.org/a.pdf") == "https://www.missingkids.org/a.pdf"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "", None):
        assert _href(bad) == "#"


def test_read_commands_never_write_state(
    web_state: WebState, capsys: pytest.CaptureFixture
) -> None:
    """history, diff, metrics and sources read with mode=ro: a writer holding the lock does
    not stop them, and monitor.sqlite3 is byte for byte the same after them."""
    db_path = web_state.dir / "state" / "monitor.sqlite3"
    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # as a daemon in the middle of a commit
    try:
        before = hashlib.sha256(db_path.read_bytes()).hexdigest()
        cfg = str(web_state.config)
        started = time.monotonic()
        for argv in (["history", "--json"], ["diff", "data"], ["metrics", "--json"],
                     ["sources", "--json"], ["diff", "data", "--statements"]):  # fmt: skip
            code, out, err = run_cli(capsys, "-c", cfg, *argv)
            assert code == 0, (argv, err)
            assert out.strip(), argv
        assert time.monotonic() - started < 10  # a write lock would have made each wait 30 s
        assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    events = json_lines(run_cli(capsys, "-c", cfg, "history", "--json")[1])
    assert {"id", "at", "source", "document", "url", "kind", "summary"} <= set(events[0])


def test_read_commands_create_no_state(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    cfg = write_config(tmp_path, [{"id": "a", "url": "http://127.0.0.1:9/a"}])
    for argv in (["history"], ["metrics"], ["sources"]):
        assert run_cli(capsys, "-c", str(cfg), *argv)[0] == 0
    assert not (tmp_path / "state").exists()


def test_metrics_exposition(web: str, web_state: WebState) -> None:
    r = get(web + "/metrics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    lines = dict(ln.rsplit(" ", 1) for ln in r.text.splitlines() if ln and not ln.startswith("#"))
    db = sqlite3.connect(web_state.dir / "state" / "monitor.sqlite3")
    changed = db.execute("SELECT COUNT(*) FROM events WHERE kind='metric_changed'").fetchone()[0]
    assert float(lines['monitor_events_total{kind="metric_changed"}']) == changed > 0
    assert float(lines['monitor_documents{status="ok"}']) == 2
    assert float(lines['monitor_checks_total{status="baseline"}']) == 2
    assert float(lines['monitor_outbox_deliveries{status="pending"}']) == 0
    assert 0 <= float(lines['monitor_document_last_success_age_seconds{document="data"}']) < 600
    assert lines["monitor_daemon_up"] == "0.0"  # no daemon beside `serve` here
    assert "monitor_heartbeat_age_seconds" not in lines


def test_token_beyond_loopback(web_state: WebState, capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(WebError, match=r"web\.token"):
        check_exposure("0.0.0.0", None)
    check_exposure("127.0.0.1", None)
    check_exposure("::1", None)
    check_exposure("0.0.0.0", "a-long-enough-token-1234")
    code, _, err = run_cli(capsys, "-c", str(web_state.config), "serve", "--host", "0.0.0.0")
    assert code == 2 and "web.token" in err


def test_token_is_required_when_set(web_state: WebState) -> None:
    token = "s3cret-token-for-the-view"
    cfg = web_state.cfg.model_copy(
        update={"web": web_state.cfg.web.model_copy(update={"token": token})}
    )
    srv = ServerThread(cfg)
    try:
        assert get(srv.url + "/").status_code == 401
        assert get(srv.url + "/").headers["www-authenticate"].startswith("Basic")
        assert (
            get(srv.url + "/metrics", headers={"Authorization": "Bearer nope"}).status_code == 401
        )
        assert get(srv.url + "/", headers={"Authorization": f"Bearer {token}"}).status_code == 200
        basic = base64.b64encode(f"anyone:{token}".encode()).decode()
        assert get(srv.url + "/", headers={"Authorization": f"Basic {basic}"}).status_code == 200
        assert get(srv.url + "/healthz").status_code == 200  # for the container platform
    finally:
        srv.stop()


def test_healthz_follows_the_heartbeat_inside_the_daemon(
    web_state: WebState, tmp_path: Path
) -> None:
    srv = ServerThread(web_state.cfg, daemon=True)
    beat = web_state.dir / "state" / "heartbeat.json"
    try:
        assert get(srv.url + "/healthz").status_code == 503  # no heartbeat yet
        from monitor.model import utcnow

        beat.write_text(json.dumps({"state": "running", "at": utcnow(), "pid": 1}))
        r = get(srv.url + "/healthz")
        assert r.status_code == 200 and r.text.startswith("ok")
        beat.write_text(json.dumps({"state": "running", "at": "2020-01-01T00:00:00.000000Z"}))
        assert get(srv.url + "/healthz").status_code == 503  # stale
    finally:
        beat.unlink(missing_ok=True)
        srv.stop()


def test_healthz_under_serve_reads_state(tmp_path: Path) -> None:
    cfg_path = write_config(tmp_path, [{"id": "a", "url": "http://127.0.0.1:9/a"}])
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "monitor.sqlite3").write_bytes(b"not a database" * 100)
    srv = ServerThread(load_config(cfg_path))
    try:
        r = get(srv.url + "/healthz")
        assert r.status_code == 503
        assert get(srv.url + "/").status_code == 503  # a clear page, not a traceback
    finally:
        srv.stop()


def test_charts_carry_the_values_and_escape_labels() -> None:
    svg = line_chart("a <b> & c", [Series("2024", [("2026-01-01", 1234), ("2026-02-01", 1300)])],
                     "count")  # fmt: skip
    assert 'data-value="1234"' in svg and 'data-value="1300"' in svg and ">1,300<" in svg
    assert "a &lt;b&gt; &amp; c" in svg and "<b>" not in svg
    bars = bar_chart("t", [("2023", 36.2e6), ("<x>", 20.5e6)], "count")
    assert ">36.2M<" in bars and ">20.5M<" in bars and "&lt;x&gt;" in bars


def test_check_does_not_import_the_web_stack(web_state: WebState) -> None:
    code = (
        "import sys; from monitor.cli import main; main(['-c', sys.argv[1], 'check']);"
        "web = [m for m in sys.modules if m.split('.')[0] in"
        " ('starlette', 'uvicorn', 'jinja2', 'prometheus_client') or m.startswith('monitor.web')];"
        "print('WEB', web)"
    )
    out = subprocess.run([sys.executable, "-c", code, str(web_state.config)],
                         capture_output=True, text=True, timeout=120).stdout  # fmt: skip
    assert "WEB []" in out, out


def test_alerts_link_to_their_page(tmp_path: Path, server: FixtureServer, webhook: Webhook) -> None:
    """With web.base_url, an alert ends with its page's link, and that page lists its events."""
    server.set("/p", "<main><p>In 2024, NCMEC counted 10 arrests.</p></main>")
    cfg_path = write_config(
        tmp_path, [{"id": "p", "url": server.url("/p")}],
        notify=[webhook.url()], web={"base_url": "https://monitor.example.org/"},
    )  # fmt: skip
    assert main(["-c", str(cfg_path), "check"]) == 0
    server.set("/p", "<main><p>In 2024, NCMEC counted 12 arrests.</p></main>")
    assert main(["-c", str(cfg_path), "check"]) == 0
    [body] = [b["message"] for b in webhook.wait(1)]
    assert "\nView: https://monitor.example.org/alerts/1\n" in body  # json:// is plain text
    srv = ServerThread(load_config(cfg_path))
    try:
        page = get(srv.url + "/alerts/1").text
        assert "arrests, 2024: 10 -&gt; 12" in page and "json:127.0.0.1" in page
    finally:
        srv.stop()


def test_run_serves_the_view_and_stops_with_it(tmp_path: Path, server: FixtureServer) -> None:
    server.set("/p", "<main><p>In 2024, NCMEC counted 10 arrests.</p></main>")
    port = free_port()
    cfg_path = write_config(tmp_path, [{"id": "p", "url": server.url("/p")}],
                            web={"listen": f"127.0.0.1:{port}"},
                            daemon={"heartbeat": "0.5s", "drain": "5s"})  # fmt: skip
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "monitor", "-c", str(cfg_path), "run"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=env)  # fmt: skip
    out: list[str] = []
    threading.Thread(target=lambda: out.extend(proc.stdout), daemon=True).start()  # type: ignore[arg-type]
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                r = get(f"http://127.0.0.1:{port}/")
                if "/documents/p" in r.text:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        else:
            pytest.fail("the view never showed the checked document:\n" + "".join(out))
        assert get(f"http://127.0.0.1:{port}/healthz").status_code == 200
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(20) == 0, "".join(out)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    with pytest.raises(httpx.TransportError):
        get(f"http://127.0.0.1:{port}/")


def test_run_refuses_a_public_address_without_token(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    cfg = write_config(tmp_path, [{"id": "a", "url": "http://127.0.0.1:9/a"}],
                       web={"listen": "0.0.0.0:8080"})  # fmt: skip
    code, _, err = run_cli(capsys, "-c", str(cfg), "run")
    assert code == 2 and "web.token" in err


def test_web_config_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WEB_TOKEN", raising=False)
    path = write_config(tmp_path, [{"id": "a", "url": "http://127.0.0.1:9/a"}],
                        web={"listen": "[::1]:9000", "token": "${WEB_TOKEN}"})  # fmt: skip
    cfg = load_config(path)  # an unset token: loopback only, not a broken config
    assert cfg.web.token is None and cfg.web.address() == ("::1", 9000)
    assert cfg.web.address("0.0.0.0", 81) == ("0.0.0.0", 81)
    raw = yaml.safe_load(path.read_text())
    raw["web"] = {"listen": "nowhere"}
    path.write_text(yaml.safe_dump(raw))
    with pytest.raises(Exception, match=r"web\.listen"):
        load_config(path)


def test_a_port_in_use_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        cfg = write_config(tmp_path, [{"id": "a", "url": "http://127.0.0.1:9/a"}],
                           web={"listen": f"127.0.0.1:{port}"})  # fmt: skip
        for argv in (["serve"], ["run"]):
            code, _, err = run_cli(capsys, "-c", str(cfg), *argv)
            assert code == 2 and f"cannot serve the web view on 127.0.0.1:{port}" in err, err
