"""The fault suite's figures: fault kinds tried, runs, crashes, events lost, alerts
duplicated, and the worst time a fault held up the other documents.

    .venv/bin/python bench/faults.py            # runs tests/faults (about 3 minutes here)
    .venv/bin/python bench/faults.py --markdown # the table as markdown, for the README

It runs the fault suite with pytest (tests/faults: real servers on 127.0.0.1, the network
guard on) and prints the table the suite collects, one row per fault kind and way it was
served (`check`: `monitor check` in-process, two passes beside two healthy documents;
`run`: all kinds at once to one `monitor run`; `check x kills`: the SIGKILL test). "Worst
hold-up" is the longest a healthy document's check took while a fault was being served:
with one request at a time per host (the default), a fault first in line holds the others up
for as long as it takes to fail (the deadline, the read timeout times the attempts, the
parse limit).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--markdown", action="store_true", help="print a markdown table")
    ap.add_argument("-k", help="only the tests matching this pytest expression")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "faults.json"
        cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/faults"]
        if args.k:
            cmd += ["-k", args.k]
        started = time.monotonic()
        done = subprocess.run(cmd, cwd=ROOT, env={**os.environ, "FAULTS_REPORT": str(out)},
                              capture_output=True, text=True)  # fmt: skip
        took = time.monotonic() - started
        summary = [ln for ln in done.stdout.splitlines() if " passed" in ln or " failed" in ln]
        if not out.exists():
            print(done.stdout[-3000:], done.stderr[-3000:], sep="\n")
            return 1
        rows = json.loads(out.read_text())
    print_table(rows, args.markdown)
    print(f"\npytest: {summary[-1] if summary else '?'} ({took:.0f} s)")
    return done.returncode


def print_table(rows: list[dict], markdown: bool) -> None:
    head = ["fault kind", "via", "runs", "crashes", "events lost", "alerts duplicated",
            "worst hold-up"]  # fmt: skip
    body = [[r["kind"], r["via"], r["runs"], r["crashes"], r["events_lost"],
             r["alerts_duplicated"], f"{r['worst_holdup']:.2f} s"] for r in rows]  # fmt: skip
    total = ["all", f"{len({r['kind'] for r in rows})} kinds", sum(r["runs"] for r in rows),
             sum(r["crashes"] for r in rows), sum(r["events_lost"] for r in rows),
             sum(r["alerts_duplicated"] for r in rows),
             f"{max(r['worst_holdup'] for r in rows):.2f} s"]  # fmt: skip
    lines = [head, *body, total]
    if markdown:
        print("| " + " | ".join(map(str, head)) + " |")
        print("|" + "---|" * len(head))
        for line in lines[1:]:
            print("| " + " | ".join(map(str, line)) + " |")
    else:
        widths = [max(len(str(line[i])) for line in lines) for i in range(len(head))]
        for n, line in enumerate(lines):
            print("  ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=True)))
            if n in (0, len(lines) - 2):
                print("  ".join("-" * w for w in widths))
    resends = sum(r["resends"] for r in rows)
    print(f"\nalerts sent twice by a kill between a send and its record (receiver dedupe by "
          f"alert id): {resends}")  # fmt: skip
    for r in rows:
        for note in r["notes"]:
            print(f"{r['kind']}: {note}")


if __name__ == "__main__":
    sys.exit(main())
