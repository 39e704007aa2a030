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


def generated_report(pages: int, changed_page: int | None = None) -> bytes:
    """A report like the OJJDP ones: prose and a year-by-year table on every page.

    With `changed_page` (1-based), that page's figures differ: a re-published report.
    """
    import io

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    styles = getSampleStyleSheet()
    agencies = ["ICAC task forces", "federal agencies", "local police", "sheriffs", "partners"]
    verbs = ["reported", "confirmed", "recorded", "described", "submitted"]
    story = []
    for n in range(pages):
        who, verb = agencies[n % 5], verbs[(n // 5) % 5]
        bump = 1 if changed_page == n + 1 else 0
        story.append(Paragraph(f"Section {n + 1}. Outcomes among {who}", styles["Heading2"]))
        story.append(
            Paragraph(
                f"NCMEC asked {who} to provide feedback on CyberTipline reports made available "
                f"to them. In CY 2024, {who} {verb} {1000 + n * 7 + bump:,} arrests connected to "
                f"those reports, and {verb} {40 + n} convictions. Feedback arrived from {who} in "
                f"{n + 3} states. " * 2,
                styles["BodyText"],
            )
        )
        rows = [["Agency", "CY 2022", "CY 2023", "CY 2024"]] + [
            [f"Agency type {r}", f"{(n + 1) * (r + 3) * 1013:,}", f"{(n + 2) * (r + 5) * 997:,}",
             f"{(n + 3) * (r + 7) * 1009:,}"]
            for r in range(8)
        ]  # fmt: skip
        table = Table(rows)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
        story += [table, PageBreak()]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=letter, invariant=1).build(story)
    return buf.getvalue()
