"""Human output of the command line: columns aligned to what they hold, text cut at word
boundaries, and commands suggested the way this program was started (so they run as printed).
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from collections.abc import Sequence


def size(n: int | None) -> str:
    """A byte count as people read it: 512 B, 3.4 KB, 12.0 MB."""
    if n is None:
        return "-"
    if n < 1024:
        return f"{n} B"
    return f"{n / 1024:.1f} KB" if n < 1024**2 else f"{n / 1024**2:.1f} MB"


def elide(text: str | None, width: int) -> str:
    """`text` on one line, at most `width` characters, cut at a word boundary with '…'."""
    text = " ".join((text or "").split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut and not text[width - 1].isspace():
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:-") + "…"


def table(rows: Sequence[Sequence[str]], right: Sequence[int] = (), last_free: bool = True) -> str:
    """Rows as aligned columns: each column as wide as its widest cell (the last one, often
    free text, is not padded). `right`: indexes of right-aligned (numeric) columns."""
    if not rows:
        return ""
    n = max(len(r) for r in rows)
    widths = [max(len(r[i]) if i < len(r) else 0 for r in rows) for i in range(n)]
    out = []
    for r in rows:
        cells = []
        for i, cell in enumerate(r):
            if i == len(r) - 1 and last_free:
                cells.append(cell)
            else:
                cells.append(cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]))
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)


def program(config: str | None = None) -> str:
    """This program as the user can type it again: `monitor` when that is on PATH, else the
    path it was started by (a venv's bin/monitor), or `python -m monitor`; with `-c CONFIG`
    when one was given."""
    argv0 = sys.argv[0] if sys.argv else ""
    base = os.path.basename(argv0)
    if base == "__main__.py" or not base.startswith("monitor"):
        prog = f"{shlex.quote(sys.executable)} -m monitor"
    else:
        on_path = shutil.which(base)
        same = on_path and os.path.realpath(on_path) == os.path.realpath(argv0)
        prog = base if same else shlex.quote(os.path.abspath(argv0))
    if config and config != "config.yaml":
        prog += f" -c {shlex.quote(config)}"
    return prog
