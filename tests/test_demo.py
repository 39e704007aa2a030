"""`monitor demo`: no network, the real pipeline, alerts on the console, a browsable history."""

from __future__ import annotations

import time

from tests.util import json_lines, run_cli


def test_demo_runs_the_whole_story_offline(tmp_path, capsys):
    started = time.monotonic()
    code, out, err = run_cli(capsys, "-c", str(tmp_path / "none.yaml"), "demo",
                             "--dir", str(tmp_path / "demo"))  # fmt: skip
    assert code == 0, err
    assert time.monotonic() - started < 60
    for step in ("1. Baseline", "2. The data page is edited", "3. The page now links a new PDF",
                 "4. The annual report is revised"):  # fmt: skip
        assert step in out
    baseline = out.split("### 2.")[0]
    assert "ALERT" not in baseline  # a baseline alerts nobody
    assert "ALERT: new document: OJJDP-NCMEC-Transparency-CY-2024.pdf" in out
    assert "+Law enforcement reported 1,234 arrests in 2024." in out
    assert "history" in out and str(tmp_path / "demo" / "state") in out

    cfg = str(tmp_path / "demo" / "config.yaml")
    code, out, _ = run_cli(capsys, "-c", cfg, "history", "--json")
    events = json_lines(out)
    assert code == 0 and {"document_new", "content_changed"} <= {e["kind"] for e in events}
    code, out, _ = run_cli(capsys, "-c", cfg, "outbox")
    assert code == 0 and "every alert was delivered" in out
    code, out, _ = run_cli(capsys, "-c", cfg, "sources", "--json")
    assert {"cybertipline-data", "2024-cybertipline-report-pdf"} <= {
        d["document"] for d in json_lines(out)
    }


def test_demo_with_notify_also_alerts_the_configured_notifiers(tmp_path, capsys):
    from tests.receivers import Webhook
    from tests.util import write_config

    hook = Webhook()
    try:
        cfg = write_config(tmp_path, [{"id": "x", "url": "http://127.0.0.1:9/x"}],
                           notify=[{"url": hook.url(), "on": ["document_new"]}])  # fmt: skip
        code, out, err = run_cli(capsys, "-c", str(cfg), "demo", "--notify",
                                 "--dir", str(tmp_path / "demo"))  # fmt: skip
        assert code == 0, err
        [got] = hook.wait(1)
        assert got["title"] == "new document: OJJDP-NCMEC-Transparency-CY-2024.pdf"
    finally:
        hook.close()
