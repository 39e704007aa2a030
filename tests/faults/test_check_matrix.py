"""Every fault kind served to `monitor check` (in-process), beside two documents that must
keep working: the fault is a failed check with its reason (or is read correctly), the other
documents are checked and their change is recorded and alerted exactly once, and state/
stays whole. The figures go to the fault suite's table."""

from __future__ import annotations

import time

import pytest

import monitor.pipeline
from tests.faults import report
from tests.faults.cases import CASES, SENTENCE, Case
from tests.faults.conftest import state_whole
from tests.faults.helpers import alerts, config, kept_text, last_error, serve_good
from tests.util import json_lines, run_cli


@pytest.mark.parametrize("case", CASES, ids=str)
def test_fault_through_check(case: Case, server, webhook, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(monitor.pipeline, "FAILING_AFTER", 2)  # source_failing on pass 2
    serve_good(server, 1000)
    cfg = config(tmp_path, case, case.serve(server), server, webhook)
    state = tmp_path / "state"
    row = report.row(case.name, "check")
    passes = []
    for n in (1, 2):
        if n == 2:
            serve_good(server, 1001)  # the other document changes while the fault goes on
        started = time.monotonic()
        code, out, err = run_cli(capsys, "-c", str(cfg), "check", "--json")
        row.runs += 1
        # (err also holds the fixture server's own tracebacks: same process)
        if code not in (0, 1) or "internal error" in err:
            row.crashes += 1
        assert code == (1 if case.error else 0), (code, out, err[-3000:])
        assert "internal error" not in out + err, err[-3000:]
        results = {r["document"]: r for r in json_lines(out) if "document" in r}
        passes.append(results)
        good = [results["good"], results["good-pdf"]]
        row.worst_holdup = max(row.worst_holdup, *(r["elapsed"] for r in good))
        assert time.monotonic() - started < 30

        fault = results["fault"]
        if case.error:
            assert fault["status"] == "failed", fault
            assert case.error in (fault["error"] or ""), fault["error"]
            assert case.error in (last_error(state, "fault") or "")  # recorded on the check
        else:
            expect = ("baseline",) if n == 1 else ("unchanged", "not_modified")
            assert fault["status"] in expect, fault
            assert case.text in (kept_text(state, "fault") or ""), kept_text(state, "fault")

    first, second = passes
    assert first["good"]["status"] == first["good-pdf"]["status"] == "baseline"
    assert second["good-pdf"]["status"] in ("not_modified", "unchanged")
    assert second["good"]["status"] == "changed"
    expected = {"content_changed", "metric_changed"}
    lost = expected - set(second["good"]["events"])
    row.events_lost += len(lost)
    assert not lost, second["good"]
    if case.error:
        assert second["fault"]["events"] == ["source_failing"]
        assert first["fault"]["events"] == []

    got, repeats = alerts(webhook)
    row.resends += repeats
    titles = sorted(m["title"] for m in got.values())
    arrests = [t for t in titles if t.startswith("arrests, 2024: 1,000 -> 1,001")]
    failing = [t for t in titles if "source failing" in t]
    row.alerts_duplicated += max(0, len(arrests) - 1) + max(0, len(failing) - 1)
    assert len(arrests) == 1, titles
    assert len(failing) == (1 if case.error else 0), titles
    assert SENTENCE.format(n=1001) in got[max(got)]["message"] or any(
        SENTENCE.format(n=1001) in m["message"] for m in got.values()
    )
    state_whole(state)
