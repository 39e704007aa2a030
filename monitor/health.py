"""`monitor health`: is the daemon alive, from its heartbeat file alone.

Kept apart from daemon.py: the container's HEALTHCHECK runs this every 30 s beside the daemon,
and importing the scheduler, the HTTP client and the pipeline for it would double its cost.
"""

from __future__ import annotations

from datetime import UTC, datetime

from .config import Config
from .model import STAMP
from .store import read_heartbeat


def stale_after(cfg: Config) -> float:
    return cfg.daemon.stale_after or 4 * cfg.daemon.heartbeat


def health(cfg: Config) -> tuple[bool, str]:
    """Is the daemon alive? (for `monitor health` and the container HEALTHCHECK)"""
    beat = read_heartbeat(cfg.state_dir)
    if beat is None:
        return False, f"no heartbeat in {cfg.state_dir}: is `monitor run` running?"
    try:
        at = datetime.strptime(beat["at"], STAMP).replace(tzinfo=UTC)
    except (KeyError, ValueError):
        return False, "unreadable heartbeat"
    age = (datetime.now(UTC) - at).total_seconds()
    info = f"pid {beat.get('pid')}, {beat.get('checks', 0)} checks since {beat.get('started')}"
    if beat.get("state") == "stopped":
        return False, f"stopped at {beat['at']} ({info})"
    limit = stale_after(cfg)
    if age > limit:
        return False, f"stale: last heartbeat {age:.0f} s ago (limit {limit:g} s; {info})"
    failing = [
        f"notifier {n['id']} failing since {n['failing_since']} ({n['failures']} failed attempts"
        f" in a row: {n['last_error']})"
        for n in beat.get("notifiers_failing") or ()
    ]
    if failing:  # alive, but alerts do not get through: say so (exit 0: a restart won't fix it)
        return True, f"degraded: heartbeat {age:.1f} s ago ({info}); " + "; ".join(failing)
    return True, f"ok: heartbeat {age:.1f} s ago ({info})"
