"""state/'s files: snapshot texts and raw bytes, and the heartbeat.

A file is whole or absent: written under a temporary or pending name, fsynced, and renamed.
A snapshot's files keep their pending names (which only their writer renames, inside the
write transaction that refers to them) until the commit, so a final name without a row is
always a crash's leftover, and a pending name is left alone while its writer may be alive.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import socket
import time
from collections.abc import Collection
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from ..model import STAMP
from .errors import StateError

HEARTBEAT = "heartbeat.json"
PENDING = ".pending"  # a snapshot file not committed yet: .<host>.<pid>.<random>.pending
PENDING_GRACE = 3600.0  # seconds after which any pending file is a leftover
_HOST = socket.gethostname().replace("/", "_") or "host"
_RAW_EXT = {"pdf": ".pdf", "html": ".html", "text": ".txt"}


def write_file(path: Path, data: bytes) -> None:
    """Temp file, fsync, rename: the file is whole or absent. A failed write (disk full)
    leaves no temp file and raises StateError."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as e:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise StateError(f"cannot write {path}: {e.strerror or e}") from None


def write_pending(folder: Path, data: bytes) -> Path:
    """A snapshot file under a name only its writer renames (see remove_orphans), fsynced."""
    path = folder / f".{_HOST}.{os.getpid()}.{secrets.token_hex(6)}{PENDING}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(path, "xb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except OSError as e:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
        raise StateError(f"cannot write {path.parent}: {e.strerror or e}") from None
    return path


def sync_dir(folder: Path) -> None:
    """Make the renames into a folder durable before a row refers to them."""
    with contextlib.suppress(OSError):  # not every platform can open a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def snapshot_paths(root: Path, doc_id: str, at: str, kind: str) -> tuple[str, str]:
    """(text, raw) paths relative to state/, named '20261126T123456.789Z': every name the
    same length, to the millisecond, so `ls` lists the versions in time order (two in one
    millisecond: the next millisecond)."""
    folder = f"snapshots/{doc_id}"
    when = datetime.strptime(at, STAMP)
    while True:
        base = when.strftime("%Y%m%dT%H%M%S.") + f"{when.microsecond // 1000:03d}Z"
        if not (root / folder / f"{base}.txt").exists():
            break
        when += timedelta(milliseconds=1)
    return f"{folder}/{base}.txt", f"{folder}/{base}{_RAW_EXT.get(kind, '.bin')}"


def remove_orphans(root: Path, known: Collection[str]) -> int:
    """Remove the snapshot files not in `known` (paths relative to state/), but for the
    pending files of a writer that may be alive. The caller holds the write lock, under
    which writers give their files their final names."""
    removed = 0
    # Names from os.scandir, not Path.rglob: this runs at every start, and with thousands
    # of files rglob's Path objects cost 50 ms where the names cost 8.
    for entry in _entries(root / "snapshots"):  # snapshots/<document>/<file>
        for file in _entries(entry.path) if entry.is_dir() else [entry]:
            if file.is_dir() or f"snapshots/{entry.name}/{file.name}" in known:
                continue
            if file.name.endswith(PENDING) and not _stale(file):
                continue
            with contextlib.suppress(FileNotFoundError):
                os.unlink(file.path)
            removed += 1
    return removed


def _stale(file: os.DirEntry) -> bool:
    """A pending file no live writer can still commit: its writer, on this host, is gone;
    or (a writer on another host or in another container, whose pids mean nothing here) it
    is older than any write takes."""
    host, _, rest = file.name[1 : -len(PENDING)].rpartition(".")[0].rpartition(".")
    try:
        age = time.time() - file.stat().st_mtime
    except FileNotFoundError:
        return False
    if age > PENDING_GRACE:
        return True
    if host != _HOST or not rest.isdigit():
        return False
    try:
        os.kill(int(rest), 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive, someone else's
        return False
    return False


def _entries(folder: str | Path) -> list[os.DirEntry]:
    with os.scandir(folder) as it:
        return list(it)


def read_heartbeat(state_dir: Path) -> dict[str, Any] | None:
    """The daemon's last heartbeat, or None if there is none (or it is unreadable)."""
    try:
        data = json.loads((Path(state_dir) / HEARTBEAT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
