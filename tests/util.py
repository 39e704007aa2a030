"""Helpers shared by tests: configs pointing at the fixture server, generated PDFs, the CLI."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import yaml

from monitor.cli import main

FAST_HTTP = {
    "timeout": "5s",
    "retries": 2,
    "backoff": 0.01,
    "per_host_delay": 0,
    "per_host_concurrency": 4,
    "pdf_timeout": "60s",
}


def write_config(tmp_path: Path, sources: list[dict[str, Any]], **extra: Any) -> Path:
    cfg = {"state_dir": "state", "http": dict(FAST_HTTP), "sources": sources, **extra}
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(cfg, sort_keys=False))
    return path


def make_pdf(pages: list[list[str]], title: str = "Fixture report") -> bytes:
    """A text PDF with one list of lines per page (reportlab)."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    c.setTitle(title)
    for lines in pages:
        y = 720
        for line in lines:
            c.drawString(72, y, line)
            y -= 16
        c.showPage()
    c.save()
    return buf.getvalue()


def run_cli(capsys: Any, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def json_lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]
