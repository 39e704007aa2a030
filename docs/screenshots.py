"""The README's screenshots: the demo's state/ in the web view, shot by headless Chromium.

.venv/bin/python docs/screenshots.py      (needs chromium; writes docs/*.png)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.config import load_config  # noqa: E402
from tests.browser import Browser  # noqa: E402
from tests.webstate import ServerThread  # noqa: E402

SHOTS = [
    ("overview.png", "/", 1100, 560),
    ("diff.png", "/documents/2024-cybertipline-report-pdf/diff", 1100, 620),
    ("figures.png", "/figures?family=reports", 1100, 640),
]


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="shots-") as tmp:
        subprocess.run([sys.executable, "-m", "monitor", "demo", "--dir", tmp], check=True,
                       capture_output=True)  # fmt: skip
        srv = ServerThread(load_config(Path(tmp) / "config.yaml"))
        try:
            for name, path, width, height in SHOTS:
                browser = Browser(width, height)
                try:
                    browser.goto(srv.url + path)
                    browser.screenshot(ROOT / "docs" / name)
                finally:
                    browser.close()
                print(f"docs/{name}: {path}")
        finally:
            srv.stop()


if __name__ == "__main__":
    main()
