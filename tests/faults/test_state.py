"""Bad configs and a state/ that cannot be written: a clear error naming the file (or the
folder) and why, exit code 2, and no state created or corrupted. A full disk is simulated in
process (os.fsync raising ENOSPC for the snapshot files; SQLite's max_page_count for the
database); in the daemon, with a wrapper that fails fsync while a flag file exists."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from monitor.store import Store
from tests.faults import netguard, report
from tests.faults.cases import SENTENCE, html
from tests.faults.conftest import state_whole, subprocess_env
from tests.receivers import wait_for
from tests.util import json_lines, run_cli, write_config

SOURCE = "sources: [{id: data, url: 'http://127.0.0.1:9/data'}]\n"

# (name, config text, expected in the error). tests/test_check.py already runs `validate` on
# several; these go through `check` and `run`, which must refuse to start just the same.
BAD_CONFIGS = [
    ("unknown key", "colour: red\n" + SOURCE, "colour: unknown key (known here: state_dir,"),
    ("unknown nested key", "http: {timeout: 5s, retry: 3}\n" + SOURCE, "http.retry"),
    ("wrong type", "http: {max_bytes: lots}\n" + SOURCE, "http.max_bytes"),
    ("wrong type (list)", "sources: {id: data}\n", "sources: Input should be a valid list"),
    ("duplicate ids", SOURCE.replace("}]", "}, {id: data, url: 'http://127.0.0.1:9/x'}]"),
     "duplicate source id 'data'"),
    ("bad regex (ignore)", SOURCE.replace("}]", ", ignore: ['[unclosed']}]"),
     "sources[0].ignore"),
    ("bad regex (discover)", SOURCE.replace("}]", ", discover: {match: '(?P<'}}]"),
     "sources[0].discover.match"),
    ("bad retention", "retention: {keep: 0}\n" + SOURCE, "retention.keep"),
    ("every: 0", SOURCE.replace("}]", ", every: 0}]"), "sources[0].every"),
    ("bad cron", SOURCE.replace("}]", ", cron: '61 * * * *'}]"), "sources[0].cron: bad cron"),
    ("bad CSS selector", SOURCE.replace("}]", ", select: 'main >>> p'}]"),
     "sources[0].select: bad CSS selector"),
    ("not YAML", "sources: [oops\n", "not valid YAML: line 2"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "text", "expected"), BAD_CONFIGS, ids=[c[0] for c in BAD_CONFIGS])
def test_bad_config_is_refused_before_any_state(tmp_path, capsys, name, text, expected):
    path = tmp_path / "config.yaml"
    path.write_text(text)
    row = report.row(f"config: {name}", "check+run")
    code, out, err = run_cli(capsys, "-c", str(path), "check")
    row.runs += 1
    assert code == 2 and str(path) in err and expected in err, err
    run = subprocess.run([sys.executable, "-m", "monitor", "-c", str(path), "run"],
                         capture_output=True, text=True, timeout=60)  # fmt: skip
    row.runs += 1
    row.crashes += run.returncode not in (0, 1, 2)
    assert run.returncode == 2 and expected in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "state").exists()


def test_unreachable_state_dir(tmp_path, capsys):
    (tmp_path / "a-file").write_text("not a folder")
    cfg = write_config(tmp_path, [{"id": "data", "url": "http://127.0.0.1:9/data"}],
                       state_dir=str(tmp_path / "a-file" / "state"))  # fmt: skip
    row = report.row("state_dir unreachable (under a file)", "check+run")
    code, _, err = run_cli(capsys, "-c", str(cfg), "check")
    assert code == 2 and "state:" in err and "a-file/state" in err and "Not a directory" in err
    run = subprocess.run([sys.executable, "-m", "monitor", "-c", str(cfg), "run"],
                         capture_output=True, text=True, timeout=60)  # fmt: skip
    row.runs += 2
    assert run.returncode == 2 and "Not a directory" in run.stderr, run.stderr
    assert "Traceback" not in run.stderr


def test_read_only_state_dir(server, tmp_path, capsys, monkeypatch):
    """As root (this machine, and CI) permissions do not stop a write, so state/ is made
    immutable (chattr +i: no new file, no change, even for root; no mount needed). Where
    chattr cannot be used, plain permissions (not root), else os.access says "read-only"."""
    server.set("/data", html(SENTENCE.format(n=1)))
    cfg = write_config(tmp_path, [{"id": "data", "url": server.url("/data")}])
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0  # an existing state/
    state = tmp_path / "state"
    Store(state).close()  # checkpointed: the WAL is empty
    paths = [state, *state.rglob("*")]
    before = {p: p.stat().st_mtime_ns for p in paths}
    how = _make_read_only(paths, monkeypatch)
    server.set("/data", html(SENTENCE.format(n=2)))
    row = report.row("state_dir read-only", "check+run" if how != "os.access" else "check")
    try:
        commands = ("check", "run") if how != "os.access" else ("check",)
        for command in commands:
            if how == "os.access":
                code, _, err = run_cli(capsys, "-c", str(cfg), command)
            else:
                proc = subprocess.run([sys.executable, "-m", "monitor", "-c", str(cfg), command],
                                      capture_output=True, text=True, timeout=60)  # fmt: skip
                code, err = proc.returncode, proc.stderr
            row.runs += 1
            row.crashes += code not in (0, 1, 2)
            assert code == 2, err
            assert err.startswith("state: ") and str(state) in err, err
            assert "Traceback" not in err
        after = {p: p.stat().st_mtime_ns for p in paths}
        assert after == before and {*state.rglob("*")} == set(paths[1:])  # nothing touched
    finally:
        if how == "chattr":
            subprocess.run(["chattr", "-i", *map(str, paths)], check=True)
        elif how == "chmod":
            for p in paths:
                p.chmod(0o755 if p.is_dir() else 0o644)
    row.notes.append(f"read-only simulated with {how}")


def _make_read_only(paths: list[Path], monkeypatch: pytest.MonkeyPatch) -> str:
    if os.geteuid() != 0:
        for p in paths:
            p.chmod(0o555 if p.is_dir() else 0o444)
        return "chmod"
    if shutil.which("chattr"):
        done = subprocess.run(["chattr", "+i", *map(str, paths)], capture_output=True)
        if done.returncode == 0:
            return "chattr"
        subprocess.run(["chattr", "-i", *map(str, paths)], capture_output=True)
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if mode & os.W_OK
                        else real(p, mode, **kw))  # fmt: skip
    return "os.access"


def test_full_disk_for_snapshot_files(server, tmp_path, capsys, monkeypatch):
    server.set("/data", html(SENTENCE.format(n=1)))
    server.set("/other", html("Another page."))
    cfg = write_config(tmp_path, [{"id": "data", "url": server.url("/data")},
                                  {"id": "other", "url": server.url("/other")}])  # fmt: skip
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0
    server.set("/data", html(SENTENCE.format(n=2)))
    real = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    row = report.row("disk full (snapshot files)", "check")
    code, out, err = run_cli(capsys, "-c", str(cfg), "check")
    row.runs += 1
    assert code == 2, (out, err)
    assert "state: cannot write" in err and "No space left on device" in err, err
    state_whole(tmp_path / "state")  # no temp file, no file without its row
    monkeypatch.setattr(os, "fsync", real)  # space again: the change is seen now
    code, out, _ = run_cli(capsys, "-c", str(cfg), "check", "--json")
    row.runs += 1
    assert code == 0
    assert {r["document"]: r["status"] for r in json_lines(out) if "document" in r}["data"] == (
        "changed"
    )
    state_whole(tmp_path / "state")


def test_full_database(server, tmp_path, capsys, monkeypatch):
    server.set("/data", html(SENTENCE.format(n=1)))
    cfg = write_config(tmp_path, [{"id": "data", "url": server.url("/data")}])
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0
    server.set("/data", html(SENTENCE.format(n=2) + " " + "More words. " * 2000))
    real_init = Store.__init__

    def full_db(self, state_dir):
        real_init(self, state_dir)
        pages = self.db.execute("PRAGMA page_count").fetchone()[0]
        self.db.execute(f"PRAGMA max_page_count = {pages}")  # no room to grow

    monkeypatch.setattr(Store, "__init__", full_db)
    row = report.row("disk full (database)", "check")
    code, out, err = run_cli(capsys, "-c", str(cfg), "check")
    row.runs += 1
    assert code == 2 and "database or disk is full" in err, (out, err)
    state_whole(tmp_path / "state")  # the version's files went with the failed transaction
    monkeypatch.setattr(Store, "__init__", real_init)
    code, out, _ = run_cli(capsys, "-c", str(cfg), "check")
    row.runs += 1
    assert code == 0 and "1 changed" in out
    state_whole(tmp_path / "state")


# The daemon with a disk that is full while the flag file exists.
FULL_WHILE = """
import errno, os
_real = os.fsync
def _fsync(fd):
    if os.path.exists(os.environ["DISK_FULL_FLAG"]):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    return _real(fd)
os.fsync = _fsync
"""


def test_full_disk_in_the_daemon(server, tmp_path, capsys):
    server.set("/data", html(SENTENCE.format(n=1)))
    cfg = write_config(tmp_path, [{"id": "data", "url": server.url("/data"), "every": "0.5s",
                                   "jitter": 0}],
                       daemon={"heartbeat": "0.3s", "drain": "5s"})  # fmt: skip
    flag = tmp_path / "disk-full"
    flag.touch()
    env = {**subprocess_env(), "DISK_FULL_FLAG": str(flag)}
    log = (tmp_path / "daemon.log").open("w")
    proc = subprocess.Popen([sys.executable, "-c", FULL_WHILE + netguard.WRAPPER, "-c",
                             str(cfg), "run"], stdout=log, stderr=log, env=env)  # fmt: skip
    row = report.row("disk full (daemon)", "run")
    try:
        text = lambda: (tmp_path / "daemon.log").read_text()  # noqa: E731
        assert wait_for(lambda: text().count("state/ cannot be written") >= 2, timeout=30)
        assert proc.poll() is None  # still running
        flag.unlink()  # space again
        db = tmp_path / "state" / "monitor.sqlite3"

        def recorded() -> bool:
            con = sqlite3.connect(db)
            try:
                return con.execute("SELECT COUNT(*) FROM snapshots").fetchone()[0] == 1
            finally:
                con.close()

        assert wait_for(recorded, timeout=30)
        time.sleep(0.5)
        code, out, _ = run_cli(capsys, "-c", str(cfg), "health")
        assert code == 0, out
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        log.close()
    row.runs += 1
    row.crashes += proc.returncode != 0
    assert proc.returncode == 0, text()[-3000:]
    assert "Traceback" not in text()
    state_whole(tmp_path / "state")
