"""Builds tests/data/upgrade/state/: a state/ written by the first release's figure finder.

Run from a checkout of that release (commit 73300de), e.g.
    git worktree add /tmp/orig 73300de
    cd /tmp/orig && PYTHONPATH=/tmp/orig python /path/to/tests/data/upgrade/make_state.py OUT
It serves PAGE_V1 on 127.0.0.1, runs `monitor check` once (a baseline) and leaves OUT/state.
tests/test_upgrade.py serves PAGE_V2 to that state with the current finder.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
# Sentences the first finder read otherwise than the current one: a relation ("marked as
# having led to an arrest": reports then, arrests now), a fiscal year (2019 then, FY2019 now),
# "since 1998" (no period then), a number in words (unread then).
PAGE_V1 = """<html><head><title>Transparency</title></head><body>
<p>In 2023, the CyberTipline received 36,210,368 reports. Of those, 1,234 reports were marked
as having led to an arrest.</p>
<p>In FY 2019, task forces made 300 arrests.</p>
<p>Since 1998, the CyberTipline has received more than 195 million reports.</p>
<p>In 2023, twelve child victims were identified.</p>
<p>Convictions: 50 in 2023.</p>
</body></html>"""
# One real change: the convictions figure.
PAGE_V2 = PAGE_V1.replace("Convictions: 50 in 2023.", "Convictions: 60 in 2023.")


def main(out: Path) -> None:
    sys.path.insert(0, str(Path.cwd()))
    from monitor.cli import main as monitor
    from tests.server import FixtureServer

    srv = FixtureServer().start()
    srv.set("/report", PAGE_V1, content_type="text/html")
    out.mkdir(parents=True, exist_ok=True)
    (out / "config.yaml").write_text(
        f"state_dir: state\nsources:\n  - id: report\n    url: {srv.url('/report')}\n"
    )
    code = monitor(["-c", str(out / "config.yaml"), "check"])
    srv.stop()
    assert code == 0, code


if __name__ == "__main__":
    main(Path(sys.argv[1]))
