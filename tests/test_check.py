"""`monitor check` end to end against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA
from tests.util import json_lines, make_pdf, run_cli, write_config

PAGE = """<html><head><title>CyberTipline Data</title></head><body>
<nav>Home | About</nav>
<main>
<h1>CyberTipline Data</h1>
<p>In 2023, the CyberTipline received 36.2 million reports.</p>
<p>Last updated: {stamp}</p>
{links}
</main>
<footer>Copyright</footer></body></html>"""


def page(stamp: str = "Monday", links: str = "", extra: str = "") -> str:
    return PAGE.format(stamp=stamp, links=links).replace("</main>", extra + "</main>")


def events(capsys, cfg: Path, doc: str | None = None) -> list[dict]:
    code, out, _ = run_cli(capsys, "-c", str(cfg), "history", *([doc] if doc else []), "--json")
    assert code == 0
    return json_lines(out)


def kinds(evs: list[dict]) -> list[str]:
    return [e["kind"] for e in evs]


def test_baseline_then_content_changed(server, tmp_path, capsys):
    server.set("/data", page())
    cfg = write_config(tmp_path, [{"id": "data", "url": server.url("/data"), "select": "main"}])

    code, out, _ = run_cli(capsys, "-c", str(cfg), "check")
    assert code == 0, out
    assert "1 checked, 0 changed, 1 new, 0 failed" in out
    evs = events(capsys, cfg)
    assert kinds(evs) == ["document_new"] and not evs[0]["alert"]  # a baseline, no alert

    server.set("/data", page(extra="<p>Law enforcement reported 1,234 arrests in 2024.</p>"))
    code, out, _ = run_cli(capsys, "-c", str(cfg), "check", "--json")
    assert code == 0
    lines = json_lines(out)
    assert lines[0]["status"] == "changed"
    assert "content_changed" in lines[0]["events"]
    changed = next(e for e in events(capsys, cfg) if e["kind"] == "content_changed")
    assert changed["added"] == 1 and changed["removed"] == 0
    assert "1,234 arrests" in changed["summary"]

    code, out, _ = run_cli(capsys, "-c", str(cfg), "diff", "data")
    assert code == 0
    assert "+Law enforcement reported 1,234 arrests in 2024." in out
    assert "Home | About" not in out  # nav is not content

    snaps = list((tmp_path / "state" / "snapshots" / "data").glob("*.txt"))
    assert len(snaps) == 2  # browsable history: one text file per version
    assert any("1,234 arrests" in p.read_text() for p in snaps)
    assert len(list((tmp_path / "state" / "snapshots" / "data").glob("*.html"))) == 2


def test_not_modified_sends_etag_and_skips_parse(server, tmp_path, capsys, monkeypatch):
    server.set("/data", page())
    cfg = write_config(tmp_path, [{"id": "data", "url": server.url("/data")}])
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0

    import monitor.pipeline

    parsed = []
    real = monitor.pipeline.Checker._extract

    async def spy(*a):
        parsed.append(a)
        return await real(*a)

    monkeypatch.setattr(monitor.pipeline.Checker, "_extract", spy)
    code, out, _ = run_cli(capsys, "-c", str(cfg), "check", "--json")
    assert code == 0
    assert json_lines(out)[0]["status"] == "not_modified"
    assert server.hits("/data")[-1].headers.get("if-none-match")
    assert parsed == []
    assert len(list((tmp_path / "state" / "snapshots" / "data").glob("*.txt"))) == 1


def test_same_bytes_without_etag_skip_parse(server, tmp_path, capsys, monkeypatch):
    server.set("/data", page(), etag=False)
    cfg = write_config(tmp_path, [{"id": "data", "url": server.url("/data")}])
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0
    import monitor.pipeline

    calls = []

    async def spy(*a):
        calls.append(a)

    monkeypatch.setattr(monitor.pipeline.Checker, "_extract", spy)
    code, out, _ = run_cli(capsys, "-c", str(cfg), "check", "--json")
    assert json_lines(out)[0]["status"] == "unchanged" and calls == []


def test_ignore_rule_suppresses_cosmetic_change(server, tmp_path, capsys):
    server.set("/data", page(stamp="Monday"))
    src = {"id": "data", "url": server.url("/data"), "ignore": ["^Last updated"]}
    cfg = write_config(tmp_path, [src])
    run_cli(capsys, "-c", str(cfg), "check")
    server.set("/data", page(stamp="Tuesday").replace("<p>In", "<p>   In"))  # + whitespace
    code, out, _ = run_cli(capsys, "-c", str(cfg), "check", "--json")
    assert json_lines(out)[0]["status"] == "unchanged"
    assert kinds(events(capsys, cfg)) == ["document_new"]


def test_discovers_new_pdf_on_allowed_host_only(server, tmp_path, capsys):
    server.set("/data", page(links='<a href="/old.pdf">old</a>'))
    server.set("/old.pdf", make_pdf([["Old report"]]), content_type="application/pdf")
    src = {
        "id": "data",
        "url": server.url("/data"),
        "discover": {"match": r"\.pdf$", "hosts": ["127.0.0.1"]},
    }
    cfg = write_config(tmp_path, [src])
    code, out, _ = run_cli(capsys, "-c", str(cfg), "check")
    assert code == 0 and "2 checked" in out
    assert all(not e["alert"] for e in events(capsys, cfg))  # baseline pass: no alerts

    new_pdf = make_pdf([["CyberTipline outcomes", "Law enforcement made 4,120 arrests in 2024."]])
    server.set("/new-report.pdf", new_pdf, content_type="application/pdf")
    links = (
        '<a href="/old.pdf">old</a> <a href="/new-report.pdf">new</a>'
        '<a href="http://localhost:9/elsewhere.pdf">other host</a>'
    )
    server.set("/data", page(links=links))
    code, out, _ = run_cli(capsys, "-c", str(cfg), "check", "--json")
    assert code == 0
    by_doc = {r["document"]: r for r in json_lines(out) if "document" in r}
    assert by_doc["new-report-pdf"]["status"] == "new"
    new_events = [e for e in events(capsys, cfg) if e["kind"] == "document_new" and e["alert"]]
    assert [e["url"] for e in new_events] == [server.url("/new-report.pdf")]
    assert not any(r.path == "/elsewhere.pdf" for r in server.requests)
    code, out, _ = run_cli(capsys, "-c", str(cfg), "sources", "--json")
    docs = {d["document"]: d for d in json_lines(out)}
    assert docs["new-report-pdf"]["parent"] == "data"
    assert "elsewhere-pdf" not in docs
    text = next((tmp_path / "state/snapshots/new-report-pdf").glob("*.txt")).read_text()
    assert "4,120 arrests in 2024" in text
    own = events(capsys, cfg, "new-report-pdf")  # `history ID`: that document's events only
    assert own and {e["document"] for e in own} == {"new-report-pdf"}


def test_a_kill_right_after_a_discovery_is_recorded_loses_no_document(
    server, tmp_path, capsys, monkeypatch
):
    """The new link's document row is written with its document_new event: a kill just after
    that commit cannot leave an alert about a document that is never checked (the page's
    bytes do not change again, so the link would never be found again)."""
    from monitor.store import Store

    server.set("/data", page())
    src = {"id": "data", "url": server.url("/data"), "discover": {"match": r"\.pdf$"}}
    cfg = write_config(tmp_path, [src])
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0
    server.set("/new-report.pdf", make_pdf([["Law enforcement made 4,120 arrests in 2024."]]),
               content_type="application/pdf")  # fmt: skip
    server.set("/data", page(links='<a href="/new-report.pdf">new</a>'))
    record = Store.record

    class Killed(BaseException):
        pass

    def record_then_die(self, rec):
        out = record(self, rec)
        if rec.events:
            raise Killed  # the process dies right after the commit
        return out

    monkeypatch.setattr(Store, "record", record_then_die)
    with pytest.raises(Killed):
        run_cli(capsys, "-c", str(cfg), "check")
    monkeypatch.setattr(Store, "record", record)
    code, out, _ = run_cli(capsys, "-c", str(cfg), "check", "--json")
    by_doc = {r["document"]: r for r in json_lines(out) if "document" in r}
    assert code == 0 and by_doc["new-report-pdf"]["status"] == "new"


def test_404_twice_is_removed_then_back(server, tmp_path, capsys):
    server.set("/r.pdf", make_pdf([["A report"]]), content_type="application/pdf")
    cfg = write_config(tmp_path, [{"id": "r", "url": server.url("/r.pdf")}])
    run_cli(capsys, "-c", str(cfg), "check")
    server.remove("/r.pdf")
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 1
    assert "document_removed" not in kinds(events(capsys, cfg))
    run_cli(capsys, "-c", str(cfg), "check")
    assert kinds(events(capsys, cfg))[0] == "document_removed"
    run_cli(capsys, "-c", str(cfg), "check")  # still gone: no second event
    assert kinds(events(capsys, cfg)).count("document_removed") == 1
    server.set("/r.pdf", make_pdf([["A report"]]), content_type="application/pdf")
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0
    assert kinds(events(capsys, cfg))[0] == "document_new"


def test_failing_after_three_then_recovered(server, tmp_path, capsys):
    server.set("/data", page())
    cfg = write_config(tmp_path, [{"id": "data", "url": server.url("/data")}])
    run_cli(capsys, "-c", str(cfg), "check")
    server.set("/data", "oops", status=500)
    for _ in range(3):
        code, out, _ = run_cli(capsys, "-c", str(cfg), "check", "--json")
        assert code == 1
        assert "500" in json_lines(out)[0]["error"]
    assert kinds(events(capsys, cfg))[0] == "source_failing"
    run_cli(capsys, "-c", str(cfg), "check")  # a fourth failure: no second event
    assert kinds(events(capsys, cfg)).count("source_failing") == 1
    server.set("/data", page())
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0
    assert kinds(events(capsys, cfg))[0] == "source_recovered"


def test_corrupt_pdf_recorded_while_others_checked(server, tmp_path, capsys):
    real = (DATA / "ncmec-by-country-2020.pdf").read_bytes()
    server.set("/bad.pdf", real[: len(real) // 3], content_type="application/pdf")
    server.set("/good.pdf", real, content_type="application/pdf")
    server.set("/data", page())
    cfg = write_config(
        tmp_path,
        [
            {"id": "bad", "url": server.url("/bad.pdf")},
            {"id": "good", "url": server.url("/good.pdf")},
            {"id": "data", "url": server.url("/data")},
        ],
    )
    code, out, _ = run_cli(capsys, "-c", str(cfg), "check", "--json")
    assert code == 1
    results = {r["document"]: r for r in json_lines(out) if "document" in r}
    assert results["bad"]["status"] == "failed" and "PDF" in results["bad"]["error"]
    assert results["good"]["status"] == "baseline"
    assert results["data"]["status"] == "baseline"
    text = next((tmp_path / "state/snapshots/good").glob("*.txt")).read_text()
    assert "2020 CyberTipline Reports\nby Country" in text


def test_oversize_body_is_an_error_not_a_snapshot(server, tmp_path, capsys):
    server.set("/big", "<p>" + "x" * 5000 + "</p>")
    cfg = write_config(tmp_path, [{"id": "big", "url": server.url("/big")}])
    text = cfg.read_text().replace("timeout: 5s", "timeout: 5s\n  max_bytes: 1000")
    cfg.write_text(text)
    code, out, _ = run_cli(capsys, "-c", str(cfg), "check", "--json")
    assert code == 1
    assert "1000 bytes" in json_lines(out)[0]["error"]
    assert not (tmp_path / "state/snapshots/big").exists()


def test_history_survives_a_new_process(server, tmp_path):
    server.set("/data", page())
    cfg = write_config(tmp_path, [{"id": "data", "url": server.url("/data")}])

    def cli(*argv: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "monitor", "-c", str(cfg), *argv],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip

    assert cli("check").returncode == 0
    server.set("/data", page(extra="<p>Changed.</p>"))
    assert cli("check").returncode == 0
    out = cli("history").stdout
    assert "content_changed" in out and "document_new" in out
    db = sqlite3.connect(tmp_path / "state" / "monitor.sqlite3")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("SELECT COUNT(*) FROM snapshots").fetchone()[0] == 2


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("sources: [{id: a, url: 'http://x', every: soon}]", "sources[0].every"),
        ("sources: [{id: A!, url: 'http://x'}]", "sources[0].id"),
        ("sources: [{id: a, url: 'http://x', colour: red}]", "sources[0].colour"),
        ("sources: [{id: a, url: 'http://x', ignore: ['(']}]", "sources[0].ignore"),
        ("sources: [{id: a, url: 'http://x'}, {id: a, url: 'http://y'}]", "duplicate"),
        ("http: {timeout: -1}\nsources: [{id: a, url: 'http://x'}]", "http.timeout"),
        ("sources: [{id: a, url: 'ftp://x'}]", "sources[0].url"),
        ("sources: []", "sources"),
        ("sources: [{id: a, url: '${NO_SUCH_VAR_HERE}'}]", "NO_SUCH_VAR_HERE"),
        ("sources: [oops", "not valid YAML"),
    ],
)
def test_validate_names_file_and_key_path(tmp_path, capsys, yaml_text, expected):
    cfg = tmp_path / "bad.yaml"
    cfg.write_text(yaml_text)
    code, out, err = run_cli(capsys, "-c", str(cfg), "validate")
    assert code == 2
    assert str(cfg) in err and expected in err


def test_validate_accepts_shipped_config(capsys, monkeypatch):
    monkeypatch.delenv("SLACK_WEBHOOK_URL", raising=False)
    code, out, _ = run_cli(capsys, "-c", str(Path(__file__).parents[1] / "config.yaml"), "validate")
    assert code == 0 and "OK: 8 sources" in out
    assert "restart it to apply edits" in out  # what an edit under a running daemon does


def test_env_interpolation_and_durations(tmp_path, monkeypatch):
    from monitor.config import load_config

    monkeypatch.setenv("HOOK", "json://127.0.0.1:9/hook")
    cfg = tmp_path / "c.yaml"
    cfg.write_text(
        "defaults: {every: 6h, jitter: 30s}\n"
        "sources: [{id: a, url: 'http://127.0.0.1/x', every: 5m}]\n"
        "notify: ['${HOOK}', '${UNSET_VAR_FOR_TEST}']\n"
    )
    c = load_config(cfg)
    assert c.sources[0].every == 300 and c.defaults.jitter == 30
    assert [n.url for n in c.notify] == ["json://127.0.0.1:9/hook"]
    assert c.state_dir == (tmp_path / "state").resolve()


def test_unchanged_pass_writes_in_one_transaction(server, tmp_path, capsys):
    """Polls where nothing changed are most of the work: their records share one commit."""
    import asyncio

    from monitor.config import load_config
    from monitor.runtime import Runtime

    for i in range(20):
        server.set(f"/p{i}", page(stamp=str(i)))
    cfg_path = write_config(
        tmp_path, [{"id": f"p{i}", "url": server.url(f"/p{i}")} for i in range(20)]
    )
    assert run_cli(capsys, "-c", str(cfg_path), "check")[0] == 0
    cfg = load_config(cfg_path)

    async def unchanged_pass() -> tuple[int, int]:
        async with Runtime(cfg) as rt:
            commits = []
            rt.store.db.set_trace_callback(
                lambda sql: commits.append(sql) if sql == "COMMIT" else None
            )
            summary = await rt.checker.run_pass()
            return summary.count("not_modified"), len(commits)

    assert asyncio.run(unchanged_pass()) == (20, 1)
    db = sqlite3.connect(tmp_path / "state" / "monitor.sqlite3")
    assert db.execute("SELECT COUNT(*) FROM checks WHERE status='not_modified'").fetchone()[0] == 20


def test_config_edits_reach_the_documents(server, tmp_path, capsys):
    """A source whose URL moved in the config is fetched at the new URL, with its history
    kept; a source added later is created; one left alone is not touched."""
    server.set("/old", page())
    server.set("/new", page("Tuesday"))
    server.set("/other", page())
    cfg = write_config(tmp_path, [{"id": "data", "url": server.url("/old")}])
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0

    cfg = write_config(tmp_path, [{"id": "data", "url": server.url("/new")},
                                  {"id": "other", "url": server.url("/other")}])  # fmt: skip
    code, out, _ = run_cli(capsys, "-c", str(cfg), "check", "--json")
    assert code == 0
    lines = {r["document"]: r for r in json_lines(out) if "document" in r}
    assert lines["data"]["url"] == server.url("/new") and lines["data"]["status"] == "changed"
    assert lines["other"]["status"] == "baseline"
    assert len(server.hits("/old")) == 1 and len(server.hits("/new")) == 1
    code, out, _ = run_cli(capsys, "-c", str(cfg), "sources", "--json")
    urls = {r["document"]: r["url"] for r in json_lines(out)}
    assert urls == {"data": server.url("/new"), "other": server.url("/other")}


def test_a_link_only_change_is_a_version_with_its_new_document(server, tmp_path, capsys):
    """A data page announces a new report by changing one link, with the same link text:
    the text hash is the same, the watched links are not."""
    server.set("/r-2023.pdf", make_pdf([["Report 2023"]]), content_type="application/pdf")
    server.set("/r-2024.pdf", make_pdf([["Report 2024: 4,120 arrests in 2024."]]),
               content_type="application/pdf")  # fmt: skip
    server.set("/data", page(links='<a href="/r-2023.pdf">the report</a>'))
    src = {"id": "data", "url": server.url("/data"), "discover": {"match": r"\.pdf$"}}
    cfg = write_config(tmp_path, [src])
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0

    server.set("/data", page(links='<a href="/r-2024.pdf">the report</a>'))
    code, out, _ = run_cli(capsys, "-c", str(cfg), "check", "--json")
    assert code == 0
    by_doc = {r["document"]: r for r in json_lines(out) if "document" in r}
    assert by_doc["data"]["status"] == "changed", by_doc
    assert by_doc["r-2024-pdf"]["status"] == "new"
    evs = events(capsys, cfg, "data")
    changed = next(e for e in evs if e["kind"] == "content_changed")
    assert changed["links_added"] == [server.url("/r-2024.pdf")]
    assert changed["links_removed"] == [server.url("/r-2023.pdf")]
    assert "links changed (text unchanged)" in changed["summary"]
    new = [e for e in evs if e["kind"] == "document_new" and e["alert"]]
    assert [e["url"] for e in new] == [server.url("/r-2024.pdf")]
    assert len(list((tmp_path / "state/snapshots/data").glob("*.txt"))) == 2

    code, out, _ = run_cli(capsys, "-c", str(cfg), "check", "--json")  # nothing new now
    by_doc = {r["document"]: r for r in json_lines(out) if "document" in r}
    assert by_doc["data"]["status"] in ("unchanged", "not_modified")


def test_configuring_a_discovered_url_adopts_its_history(server, tmp_path, capsys):
    server.set("/report.pdf", make_pdf([["Law enforcement made 10 arrests in 2024."]]),
               content_type="application/pdf")  # fmt: skip
    server.set("/data", page(links='<a href="/report.pdf">r</a>'))
    data = {"id": "data", "url": server.url("/data"), "discover": {"match": r"\.pdf$"}}
    cfg = write_config(tmp_path, [data])
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0
    assert "report-pdf" in {e["document"] for e in events(capsys, cfg)}

    report = {"id": "report-2024", "url": server.url("/report.pdf")}
    cfg = write_config(tmp_path, [data, report])
    server.set("/report.pdf", make_pdf([["Law enforcement made 11 arrests in 2024."]]),
               content_type="application/pdf")  # fmt: skip
    code, out, err = run_cli(capsys, "-c", str(cfg), "check", "--json")
    assert code == 0, (out, err)
    assert "Traceback" not in err
    by_doc = {r["document"]: r for r in json_lines(out) if "document" in r}
    assert by_doc["report-2024"]["status"] == "changed"  # its history came with it
    assert "report-pdf" not in by_doc
    evs = events(capsys, cfg, "report-2024")
    assert {"document_new", "content_changed", "metric_changed"} <= set(kinds(evs))
    code, out, _ = run_cli(capsys, "-c", str(cfg), "sources", "--json")
    docs = {d["document"]: d for d in json_lines(out)}
    assert docs["report-2024"]["parent"] is None and "report-pdf" not in docs
    code, out, _ = run_cli(capsys, "-c", str(cfg), "diff", "report-2024")
    assert "-Law enforcement made 10 arrests" in out and "+Law enforcement made 11" in out


def test_a_source_moved_to_a_url_tracked_under_another_id_is_refused_clearly(
    server, tmp_path, capsys
):
    server.set("/a.pdf", make_pdf([["A"]]), content_type="application/pdf")
    server.set("/b.pdf", make_pdf([["B"]]), content_type="application/pdf")
    server.set("/data", page(links='<a href="/b.pdf">b</a>'))
    data = {"id": "data", "url": server.url("/data"), "discover": {"match": r"\.pdf$"}}
    cfg = write_config(tmp_path, [data, {"id": "a", "url": server.url("/a.pdf")}])
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0
    cfg = write_config(tmp_path, [data, {"id": "a", "url": server.url("/b.pdf")}])
    code, out, err = run_cli(capsys, "-c", str(cfg), "check", "--json")
    assert code == 1 and "Traceback" not in err
    by_doc = {r["document"]: r for r in json_lines(out) if "document" in r}
    assert "already tracked as document 'b-pdf'" in by_doc["a"]["error"]
    assert by_doc["data"]["status"] in ("unchanged", "not_modified")  # the others go on


def test_validators_belong_to_a_url(server, tmp_path, capsys):
    """An edited URL does not send the old URL's ETag (the new one would answer 304 to it
    and never be read); a 304 with new validators stores them."""
    body = page()
    server.set("/old", body)
    server.set("/new", body.replace("36.2 million", "20.5 million"))
    cfg = write_config(tmp_path, [{"id": "data", "url": server.url("/old")}])
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0
    old_tag = server.hits("/old")[-1]
    assert old_tag  # the server sent an ETag for /old

    def same_tag(handler) -> None:  # answers 304 to any If-None-Match, like a lazy CDN
        if handler.headers.get("If-None-Match"):
            handler.reply(304, b"", None, {"ETag": '"rotated"'})
            return
        data = body.replace("36.2 million", "20.5 million").encode()
        handler.reply(200, data, None, {"ETag": '"new-1"'})

    server.set("/new", handler=same_tag)
    cfg = write_config(tmp_path, [{"id": "data", "url": server.url("/new")}])
    code, out, _ = run_cli(capsys, "-c", str(cfg), "check", "--json")
    assert json_lines(out)[0]["status"] == "changed"
    assert "if-none-match" not in server.hits("/new")[0].headers
    code, out, _ = run_cli(capsys, "-c", str(cfg), "check", "--json")
    assert json_lines(out)[0]["status"] == "not_modified"
    assert server.hits("/new")[-1].headers["if-none-match"] == '"new-1"'
    run_cli(capsys, "-c", str(cfg), "check")
    assert server.hits("/new")[-1].headers["if-none-match"] == '"rotated"'  # kept from the 304


def test_404_and_failures_reset_each_other(server, tmp_path, capsys):
    server.set("/r.pdf", make_pdf([["A report"]]), content_type="application/pdf")
    cfg = write_config(tmp_path, [{"id": "r", "url": server.url("/r.pdf")}])
    run_cli(capsys, "-c", str(cfg), "check")
    server.remove("/r.pdf")
    run_cli(capsys, "-c", str(cfg), "check")  # 404
    server.set("/r.pdf", "oops", status=500)
    run_cli(capsys, "-c", str(cfg), "check")  # 500
    server.remove("/r.pdf")
    run_cli(capsys, "-c", str(cfg), "check")  # 404: one in a row, not two
    assert "document_removed" not in kinds(events(capsys, cfg))
    for status in (500, 500, 404, 500, 500):  # never three failures in a row
        if status == 404:
            server.remove("/r.pdf")
        else:
            server.set("/r.pdf", "oops", status=500)
        run_cli(capsys, "-c", str(cfg), "check")
    assert "source_failing" not in kinds(events(capsys, cfg))
    server.remove("/r.pdf")
    run_cli(capsys, "-c", str(cfg), "check")
    assert "document_removed" not in kinds(events(capsys, cfg))
    run_cli(capsys, "-c", str(cfg), "check")
    assert kinds(events(capsys, cfg))[0] == "document_removed"  # two 404s in a row now


def test_a_renamed_source_keeps_its_history_and_its_discovered_documents(server, tmp_path, capsys):
    server.set("/r.pdf", make_pdf([["Law enforcement made 10 arrests in 2024."]]),
               content_type="application/pdf")  # fmt: skip
    server.set("/data", page(links='<a href="/r.pdf">r</a>'))
    src = {"url": server.url("/data"), "discover": {"match": r"\.pdf$"}}
    cfg = write_config(tmp_path, [{"id": "data", **src}])
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0
    cfg = write_config(tmp_path, [{"id": "cybertipline-data", **src}])
    server.set("/data", page(stamp="Tuesday", links='<a href="/r.pdf">r</a>'))
    code, out, err = run_cli(capsys, "-c", str(cfg), "check", "--json")
    assert code == 0, err
    by_doc = {r["document"]: r for r in json_lines(out) if "document" in r}
    assert by_doc["cybertipline-data"]["status"] == "changed"  # compared with its history
    assert by_doc["r-pdf"]["status"] in ("unchanged", "not_modified")  # still checked
    code, out, _ = run_cli(capsys, "-c", str(cfg), "sources", "--json")
    docs = {d["document"]: d for d in json_lines(out)}
    assert set(docs) == {"cybertipline-data", "r-pdf"}
    assert docs["r-pdf"]["parent"] == "cybertipline-data"
    assert {e["document"] for e in events(capsys, cfg, "cybertipline-data")} == {
        "cybertipline-data", "r-pdf"}  # fmt: skip


def test_outcome_numbers_the_finder_does_not_read_still_alert(server, tmp_path, capsys):
    """A number in an arrest sentence that the figure finder files under `reports` (which never
    alerts) reaches a person as its sentence: edited in place, and in a new PDF."""
    marked = "<p>Police reached an arrest on {n} of the tips in 2025.</p>"
    server.set("/data", page(extra=marked.format(n="1,871")))
    src = {"id": "data", "url": server.url("/data"), "select": "main",
           "discover": {"match": r"\.pdf$", "hosts": ["127.0.0.1"]}}  # fmt: skip
    cfg = write_config(tmp_path, [src])
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0  # baseline

    sentence = "In 2025 police closed 2,040 of the reports with an arrest."
    server.set("/outcomes.pdf", make_pdf([["Outcomes", sentence]]), content_type="application/pdf")
    server.set("/data", page(links='<a href="/outcomes.pdf">o</a>', extra=marked.format(n="2,204")))
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0

    data = {e["kind"]: e for e in events(capsys, cfg, "data") if e["alert"]}
    assert data["statement_changed"]["summary"].startswith("arrests statement, a number changed")
    assert "[-1,871-] {+2,204+}" in data["statement_changed"]["word_diff"]
    assert data["statement_changed"]["unreported"] == [2204]
    new = [e for e in events(capsys, cfg, "outcomes-pdf") if e["alert"]]
    assert [e["kind"] for e in new] == ["statement_added"]
    assert new[0]["statement"] == sentence and new[0]["unreported"] == [2040]
