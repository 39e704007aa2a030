"""Security, end to end: the address guard on every hop of a discovered document (nothing
reaches a private or metadata address; the transport records every request and the network
guard every connection), notifier secrets in no log, event, state file or error text, and the
container's one writable path.

Page text escaped in alerts (markup, @-mentions) is tested in tests/test_notify.py
(test_crafted_page_cannot_inject_markup_or_mentions)."""

from __future__ import annotations

import functools
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

import monitor.runtime
from monitor import logs
from monitor.fetch import Fetcher
from tests.faults import netguard, report
from tests.faults.cases import SENTENCE, canvas_pdf, html
from tests.faults.conftest import state_whole, subprocess_env
from tests.util import json_lines, run_cli, write_config


class RecordingTransport(httpx.AsyncBaseTransport):
    """The real transport, recording each request's host (the tests assert on `hosts`); one
    that is not loopback gets a 599 and is never passed on (the network guard below would
    refuse the connection anyway)."""

    def __init__(self) -> None:
        self.hosts: list[str] = []
        self.real = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.hosts.append(request.url.host)
        if request.url.host != "127.0.0.1":
            return httpx.Response(599, text=f"the test refused {request.url}")
        return await self.real.handle_async_request(request)

    async def aclose(self) -> None:
        await self.real.aclose()


def test_discovered_documents_never_reach_private_or_metadata_addresses(
    server, tmp_path, capsys, monkeypatch
):
    monkeypatch.setitem(netguard.DNS, "evil.example", ["10.1.2.3"])
    monkeypatch.setitem(netguard.DNS, "rebind.example", ["93.184.215.14", "169.254.169.254"])
    transport = RecordingTransport()
    monkeypatch.setattr(monitor.runtime, "Fetcher", functools.partial(
        Fetcher, transport=transport, resolver=netguard.table_resolver))  # fmt: skip
    links = [
        "/to-metadata.pdf",  # on the page's own host, redirecting to the metadata service
        "/to-private.pdf",  # ... redirecting to a private address
        "http://evil.example/report.pdf",  # an allowed host name that resolves privately
        "http://rebind.example/report.pdf",  # one public and one metadata address
        "http://10.0.0.5/report.pdf",  # a private address, listed as an allowed host
        "http://[::ffff:169.254.169.254]/x.pdf",  # metadata, spelled as IPv6
        "ftp://127.0.0.1/report.pdf",  # not http(s): never a document
        "file:///etc/passwd.pdf",
    ]
    body = "".join(f'<a href="{u}">{u}</a>' for u in links)
    server.set("/data", f"<html><body><main><p>Reports</p>{body}</main></body></html>")
    server.set("/to-metadata.pdf", status=302,
               headers={"Location": "http://169.254.169.254/latest/meta-data/iam"})  # fmt: skip
    server.set("/to-private.pdf", status=301, headers={"Location": "http://192.168.1.1/x.pdf"})
    hosts = ["127.0.0.1", "evil.example", "rebind.example", "10.0.0.5", "::ffff:169.254.169.254"]
    cfg = write_config(tmp_path, [{"id": "data", "url": server.url("/data"),
                                   "discover": {"match": r"\.pdf$", "hosts": hosts}}])  # fmt: skip
    code, out, _ = run_cli(capsys, "-c", str(cfg), "check", "--json")
    assert code == 1
    results = {r["document"]: r for r in json_lines(out) if "document" in r}
    errors = {d: r["error"] for d, r in results.items() if d != "data"}
    assert len(errors) == 6, results  # the six http(s) links; ftp and file are not followed
    assert all(e.startswith(("refused", "redirect refused")) for e in errors.values()), errors
    assert "cloud metadata address (169.254.169.254)" in errors["to-metadata-pdf"]
    assert "private address (192.168.1.1)" in errors["to-private-pdf"]
    assert set(transport.hosts) == {"127.0.0.1"}  # the page and the two first hops only
    assert not any(h.path.startswith(("/latest", "/x.pdf")) for h in server.requests)
    row = report.row("discovered link or redirect to a private/metadata address", "check")
    row.runs += 1
    state_whole(tmp_path / "state")


SECRET_URL = (
    "json://hookuser:Pa55-S3cret-Word@127.0.0.1:{port}/T0ken-Path-9876?+X-Api-Key=K3y-Zz-5555"
)
SECRETS = ("Pa55-S3cret-Word", "T0ken-Path-9876", "K3y-Zz-5555", "hookuser")


def test_notifier_secrets_reach_no_log_event_state_file_or_error(
    server, webhook, tmp_path, capsys, caplog, monkeypatch
):
    """A notifier that is down and one that refuses connections: their failures are logged
    (at debug too: urllib3 names the request path), recorded in the outbox and shown by
    `outbox` and `notify --test`; none of that may hold a secret of their URLs."""
    caplog.set_level(logging.DEBUG)
    real_setup = logs.setup

    def setup(*a, **kw):  # the CLI replaces the root handlers: put pytest's capture back,
        real_setup(*a, **kw)  # first in line, so no other handler's filter runs before it
        logging.getLogger().handlers.insert(0, caplog.handler)

    monkeypatch.setattr(logs, "setup", setup)
    webhook.status = 500
    down = SECRET_URL.format(port=webhook.port)
    refused = SECRET_URL.format(port=1).replace("Pa55", "Qa55")
    server.set("/data", html(SENTENCE.format(n=1)))
    cfg = write_config(tmp_path, [{"id": "data", "url": server.url("/data")}],
                       notify=[down, refused], delivery={"timeout": "3s"})  # fmt: skip
    texts = []
    for argv in (["check"], ["-v", "check"], ["outbox", "--all", "--json"],
                 ["history", "--json"], ["notify", "--test"], ["validate"]):  # fmt: skip
        if argv == ["-v", "check"]:
            server.set("/data", html(SENTENCE.format(n=2)))  # an alert to (fail to) send
        code, out, err = run_cli(capsys, "-c", str(cfg), *argv)
        texts += [out, err]
    proc = subprocess.run(
        [sys.executable, "-c", netguard.WRAPPER, "-c", str(cfg), "-v", "--log-format", "json",
         "check"],
        capture_output=True, text=True, timeout=120, env=subprocess_env(),
    )  # fmt: skip
    texts += [proc.stdout, proc.stderr]
    # A config with the secret written in it, made invalid: the error quotes no line.
    bad = tmp_path / "bad.yaml"
    bad.write_text(cfg.read_text().replace("notify:", "notify: [", 1))
    texts += list(run_cli(capsys, "-c", str(bad), "check")[1:])
    texts.append(caplog.text)  # as formatted when emitted (records are mutable afterwards)
    texts += [p.read_bytes().decode("latin-1") for p in (tmp_path / "state").rglob("*")
              if p.is_file()]  # fmt: skip
    assert webhook.refused >= 2 and any("500" in t for t in texts)  # the failures were seen
    assert any("urllib3" in r.name for r in caplog.records)  # and logged at debug
    leaks = [(s, t[max(0, t.find(s) - 80): t.find(s) + 40]) for t in texts for s in SECRETS
             if s in t]  # fmt: skip
    assert leaks == []
    report.row("notifier secrets in logs, events, state/, errors", "check+run").runs += 2


def test_only_state_is_written(server, tmp_path):
    """The container runs with a read-only root (docker-compose.yml: read_only, a tmpfs /tmp,
    USER 10001 in the Dockerfile). A `monitor check` that parses an HTML page and a PDF (the
    worker pool and its forkserver start) writes nothing in its working folder or HOME (both
    made immutable where chattr works) and leaves nothing in its temp folder; and with no
    writable temp folder at all, temp files go to state/tmp."""
    compose = (Path(__file__).parents[2] / "docker-compose.yml").read_text()
    dockerfile = (Path(__file__).parents[2] / "Dockerfile").read_text()
    assert "read_only: true" in compose and "USER 10001:10001" in dockerfile

    server.set("/data", html(SENTENCE.format(n=3)))
    server.set("/r.pdf", canvas_pdf(text=SENTENCE.format(n=4)), content_type="application/pdf")
    cwd, home, tmp = (tmp_path / n for n in ("cwd", "home", "tmp"))
    for d in (cwd, home, tmp):
        d.mkdir()
    cfg = write_config(tmp_path, [{"id": "data", "url": server.url("/data")},
                                  {"id": "r", "url": server.url("/r.pdf")}])  # fmt: skip
    env = {**subprocess_env(), "HOME": str(home), "TMPDIR": str(tmp),
           "PYTHONDONTWRITEBYTECODE": "1"}  # fmt: skip
    frozen = shutil.which("chattr") and subprocess.run(
        ["chattr", "+i", str(cwd), str(home)], capture_output=True).returncode == 0  # fmt: skip
    try:
        command = [sys.executable, "-c", netguard.WRAPPER, "-c", str(cfg), "check"]
        run = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=cwd,
                             env=env)  # fmt: skip
        assert run.returncode == 0, run.stderr
        no_tmp = ("import tempfile\n"
                  "tempfile._candidate_tempdir_list = lambda: ['/proc/no-such-dir']\n")  # fmt: skip
        server.set("/data", html(SENTENCE.format(n=5)))
        server.set("/r.pdf", canvas_pdf(text=SENTENCE.format(n=6)),
                   content_type="application/pdf")  # fmt: skip
        run2 = subprocess.run(
            [sys.executable, "-c", no_tmp + netguard.WRAPPER, "-c", str(cfg), "check"],
            capture_output=True, text=True, timeout=120, cwd=cwd,
            env={k: v for k, v in env.items() if k != "TMPDIR"},
        )  # fmt: skip
        assert run2.returncode == 0, run2.stderr
        assert "2 changed" in run2.stdout
    finally:
        if frozen:
            subprocess.run(["chattr", "-i", str(cwd), str(home)], check=True)
    assert list(cwd.iterdir()) == [] and list(home.iterdir()) == []
    assert list(tmp.iterdir()) == []  # the forkserver's folder is gone with it
    assert (tmp_path / "state" / "tmp").is_dir()  # the fallback was used
    report.row("read-only root: writes outside state/", "check").runs += 2
    state_whole(tmp_path / "state")


@pytest.fixture(autouse=True)
def _restore_logging():
    yield
    logs.setup()


def test_the_connection_goes_to_the_address_the_guard_checked(server, tmp_path, capsys,
                                                              monkeypatch):  # fmt: skip
    """A host name is looked up once, by the fetcher's resolver, and the connection goes to
    that address: no second lookup that a rebinding DNS could answer differently. Here the
    name exists only in the test's table; a lookup by anyone else would hit the network
    guard (which refuses every name but localhost) and fail the test."""
    monkeypatch.setitem(netguard.DNS, "reports.example", ["127.0.0.1"])
    server.set("/data", html(SENTENCE.format(n=8)))
    url = f"http://reports.example:{server.port}/data"
    cfg = write_config(tmp_path, [{"id": "data", "url": url}])
    code, out, err = run_cli(capsys, "-c", str(cfg), "check", "--json")
    assert code == 0, (out, err)
    assert json_lines(out)[0]["status"] == "baseline"
    assert server.hits("/data")[0].headers["host"] == f"reports.example:{server.port}"
    report.row("second DNS lookup at connect (rebinding)", "check").runs += 1
