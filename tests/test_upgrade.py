"""Upgrading the figure finder over an existing state/ sends no alert (issue 11, item 5).

tests/data/upgrade/state/ was written by the first release (commit 73300de; see
make_state.py beside it): a baseline of PAGE_V1, whose figures that finder read otherwise
than today's. The next version changes one figure; only that change may be reported.
"""

from __future__ import annotations

import json
import shutil
import sqlite3

from monitor.extract.html import extract_html
from monitor.metrics import FINDER_VERSION, compare_metrics, find_metrics
from monitor.model import Metric
from tests.conftest import DATA
from tests.data.upgrade.make_state import PAGE_V1, PAGE_V2
from tests.util import json_lines, run_cli, write_config

STATE = DATA / "upgrade" / "state"


def _old_state(tmp_path, url: str) -> None:
    shutil.copytree(STATE, tmp_path / "state")
    db = sqlite3.connect(tmp_path / "state" / "monitor.sqlite3")
    with db:
        db.execute("UPDATE documents SET url = ?", (url,))
    db.close()


def test_the_fixture_would_flood_without_re_derivation(tmp_path):
    """The stored figures differ from what today's finder reads in the same page: compared
    as stored, the upgrade alone would be reported as figures removed and appeared."""
    db = sqlite3.connect(STATE / "monitor.sqlite3")
    db.row_factory = sqlite3.Row
    rows = db.execute("SELECT family, label, period, value, unit, page, context, qualifier"
                      " FROM metrics").fetchall()  # fmt: skip
    columns = {r[1] for r in db.execute("PRAGMA table_info(snapshots)")}
    db.close()
    stored = [Metric(**r) for r in rows]
    now = find_metrics(extract_html(PAGE_V1.encode(), "https://example.org/"), url="")
    kinds = {c.kind for c in compare_metrics(stored, now)}
    assert {"metric_removed", "metric_appeared"} <= kinds
    assert "finder" not in columns  # schema 3: no finder version stored (the first release)


def test_upgrade_over_a_first_release_state_reports_only_the_real_change(server, tmp_path, capsys):
    server.set("/report", PAGE_V2, content_type="text/html")
    _old_state(tmp_path, server.url("/report"))
    cfg = write_config(tmp_path, [{"id": "report", "url": server.url("/report")}])
    code, out, _ = run_cli(capsys, "-c", str(cfg), "check")
    assert code == 0, out
    code, out, _ = run_cli(capsys, "-c", str(cfg), "history", "--json")
    events = [e for e in json_lines(out) if e["kind"] != "document_new"]
    assert sorted(e["kind"] for e in events) == ["content_changed", "metric_changed"], events
    [changed] = [e for e in events if e["kind"] == "metric_changed"]
    assert changed["summary"] == "convictions, 2023: 50 -> 60"

    db = sqlite3.connect(tmp_path / "state" / "monitor.sqlite3")
    finder, meta = db.execute("SELECT finder, meta FROM snapshots ORDER BY id DESC").fetchone()
    kinds = dict(db.execute("SELECT label, period_kind FROM metrics WHERE snapshot ="
                            " (SELECT MAX(id) FROM snapshots)").fetchall())  # fmt: skip
    db.close()
    assert finder == FINDER_VERSION
    assert json.loads(meta)["figures_rederived"] == f"1 -> {FINDER_VERSION}"  # recorded
    assert kinds["reports leading to arrests"] == "year"  # the new figures, stored

    # the next change compares like with like: no re-derivation needed or recorded
    server.set("/report", PAGE_V2.replace("60 in 2023", "61 in 2023"), content_type="text/html")
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0
    db = sqlite3.connect(tmp_path / "state" / "monitor.sqlite3")
    (meta,) = db.execute("SELECT meta FROM snapshots ORDER BY id DESC").fetchone()
    db.close()
    assert "figures_rederived" not in json.loads(meta)
