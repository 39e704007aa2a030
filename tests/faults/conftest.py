"""The fault suite: real servers on 127.0.0.1, a network guard on every test, and a table of
figures at the end of the run."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults import netguard, report

ROOT = Path(__file__).parents[2]


@pytest.fixture(autouse=True)
def _no_packet_off_the_machine(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test here: connections and lookups only to loopback, DNS from a table (and, by
    tests/conftest.py, no proxy)."""
    seen = len(netguard.install())
    import functools

    import monitor.runtime
    from monitor.fetch import Fetcher

    monkeypatch.setattr(
        monitor.runtime, "Fetcher", functools.partial(Fetcher, resolver=netguard.table_resolver)
    )
    yield
    assert netguard.violations[seen:] == [], "a test tried to reach beyond loopback"


def subprocess_env() -> dict[str, str]:
    """For monitor processes started with netguard.WRAPPER: `tests` importable, no proxy."""
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["PYTHONPATH"] = str(ROOT)
    return env


def state_whole(state: Path) -> None:
    """SQLite passes integrity_check; no temp file; every snapshot file is a kept version's
    and every kept version has both its files."""
    db = sqlite3.connect(state / "monitor.sqlite3")
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = db.execute(
            "SELECT text_path, raw_path FROM snapshots WHERE json_extract(meta, '$.pruned') IS NULL"
        ).fetchall()
    finally:
        db.close()
    known = {p for row in rows for p in row}
    assert not [p for p in state.rglob("*.tmp")], "a temp file was left"
    files = {str(p.relative_to(state)) for p in (state / "snapshots").rglob("*") if p.is_file()}
    assert files == known, f"orphans {sorted(files - known)}, missing {sorted(known - files)}"


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    """The table under -v or -s (and as JSON for bench/faults.py); `pytest -q` stays quiet."""
    text = report.table()
    if not text:
        return
    report.dump()
    if show_table(config):
        terminalreporter.write_sep("=", "fault suite")
        terminalreporter.write_line(text)


def show_table(config: pytest.Config) -> bool:
    return config.option.verbose > 0 or config.option.capture == "no"
