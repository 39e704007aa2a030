"""The fault suite's figures: one row per fault kind, printed at the end of the run (and
written as JSON to $FAULTS_REPORT for bench/faults.py)."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field


@dataclass
class Row:
    kind: str  # the fault kind
    via: str  # "check", "run", "check+run", ...
    runs: int = 0  # monitor runs (passes) that met this fault
    crashes: int = 0  # a run that ended other than by its documented exit code
    events_lost: int = 0  # expected events (other documents' changes) not recorded
    alerts_duplicated: int = 0  # one alert delivered twice, after the receiver's dedupe
    resends: int = 0  # deliveries the receiver dropped as repeats (a kill mid-send)
    worst_holdup: float = 0.0  # seconds the other documents' checks took while it happened
    notes: list[str] = field(default_factory=list)


ROWS: dict[str, Row] = {}


def row(kind: str, via: str) -> Row:
    key = f"{kind} [{via}]"
    if key not in ROWS:
        ROWS[key] = Row(kind, via)
    return ROWS[key]


def table() -> str:
    if not ROWS:
        return ""
    head = ("fault kind", "via", "runs", "crashes", "events lost", "alerts dup.", "worst hold-up")
    lines = [head]
    for r in ROWS.values():
        lines.append((r.kind, r.via, str(r.runs), str(r.crashes), str(r.events_lost),
                      str(r.alerts_duplicated), f"{r.worst_holdup:.2f} s"))  # fmt: skip
    total = (f"{len(ROWS)} rows", "", str(sum(r.runs for r in ROWS.values())),
             str(sum(r.crashes for r in ROWS.values())),
             str(sum(r.events_lost for r in ROWS.values())),
             str(sum(r.alerts_duplicated for r in ROWS.values())),
             f"{max(r.worst_holdup for r in ROWS.values()):.2f} s")  # fmt: skip
    lines.append(total)
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    out = []
    for n, line in enumerate(lines):
        out.append(" | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)))
        if n == 0 or n == len(lines) - 2:
            out.append("-+-".join("-" * w for w in widths))
    resends = sum(r.resends for r in ROWS.values())
    out.append(
        f"alerts sent again after a kill between send and record (receiver dedupe): {resends}"
    )
    out += [f"{r.kind}: {note}" for r in ROWS.values() for note in r.notes]
    return "\n".join(out)


def dump() -> None:
    path = os.environ.get("FAULTS_REPORT")
    if path:
        with open(path, "w") as f:
            json.dump([asdict(r) for r in ROWS.values()], f, indent=1)
