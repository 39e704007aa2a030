"""The labelled metric corpus: load the YAML cases, build their documents, score the extractor.

Used by tests/test_metrics_corpus.py and bench/extract_eval.py, so both count the same way.

A case (one item of a YAML file's `cases:` list) has:
  id        unique name
  layout    prose | table | infographic | mixed | negative   (for the per-layout report)
  one input html: inline HTML | pdf: blocks rendered with reportlab | file: a PDF under tests/
  url, title   optional, passed to find_metrics (the URL's file name can give the period)
  expect    [{family, period, value, unit=count, label (exact, optional), qualifier,
              miss: "why it is a known miss" (counted in recall, not required)}]
  complete  families whose expected list is complete (default: all for made-up inputs);
            any other figure found in them is a false positive
  extra     known false positives, tolerated by the per-case test, counted in precision
  forbid_families / forbid_values / forbid_labels (substrings)   what must never come out

PDF blocks: {p: paragraph}, {line: text, size: 11}, {table: [[cells]]}, {page_break: true}.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from monitor.extract.html import extract_html
from monitor.extract.pdf import extract_pdf
from monitor.metrics import find_metrics
from monitor.model import FAMILIES, Extracted, Metric

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
OUTCOMES = FAMILIES[:5]


@dataclass
class Case:
    id: str
    layout: str
    source: dict[str, Any]
    expect: list[dict[str, Any]]
    complete: tuple[str, ...]
    extra: list[dict[str, Any]] = field(default_factory=list)
    forbid_families: tuple[str, ...] = ()
    forbid_values: tuple[float, ...] = ()
    forbid_labels: tuple[str, ...] = ()
    url: str = ""
    title: str | None = None
    file: str = ""


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(HERE.glob("*.yaml")):
        for raw in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            src = {k: raw[k] for k in ("html", "pdf", "file") if k in raw}
            assert len(src) == 1, f"{path.name}:{raw.get('id')}: one of html/pdf/file"
            made_up = "file" not in src
            complete = raw.get("complete", list(FAMILIES) if made_up else None)
            assert complete is not None, f"{raw['id']}: a real file must declare `complete`"
            cases.append(
                Case(
                    id=raw["id"],
                    layout=raw.get("layout", "mixed"),
                    source=src,
                    expect=raw.get("expect") or [],
                    complete=tuple(complete),
                    extra=raw.get("extra") or [],
                    forbid_families=tuple(raw.get("forbid_families") or ()),
                    forbid_values=tuple(float(v) for v in raw.get("forbid_values") or ()),
                    forbid_labels=tuple(raw.get("forbid_labels") or ()),
                    url=raw.get("url", ""),
                    title=raw.get("title"),
                    file=raw.get("file", ""),
                )
            )
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    return cases


def render_pdf(blocks: list[dict[str, Any]]) -> bytes:
    """Made-up PDF pages: paragraphs, single lines (big numbers), ruled tables, page breaks."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import (
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    base = getSampleStyleSheet()["BodyText"]
    story: list[Any] = []
    for block in blocks:
        if "p" in block:
            story += [Paragraph(block["p"], base), Spacer(1, 6)]
        elif "line" in block:
            size = block.get("size", 11)
            style = ParagraphStyle(f"s{size}", parent=base, fontSize=size, leading=size * 1.2)
            story.append(Paragraph(block["line"], style))
        elif "table" in block:
            t = Table(block["table"])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
            story += [t, Spacer(1, 8)]
        elif "page_break" in block:
            story.append(PageBreak())

    def page_number(canvas: Any, doc: Any) -> None:
        if any(b.get("page_numbers") for b in blocks):
            canvas.setFont("Helvetica", 9)
            canvas.drawString(300, 30, str(doc.page))

    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=letter, title="", author="cybertip-monitor tests")
    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)
    return out.getvalue()


@cache
def _parsed_file(path: str) -> Extracted:
    return extract_pdf((ROOT / path).read_bytes())


def document(case: Case) -> Extracted:
    """The case's input, extracted (real PDFs are parsed once per process)."""
    if "html" in case.source:
        return extract_html(case.source["html"].encode(), case.url or "https://example.org/")
    if "pdf" in case.source:
        return extract_pdf(render_pdf(case.source["pdf"]))
    return _parsed_file(case.source["file"])


def run(case: Case) -> list[Metric]:
    return find_metrics(document(case), url=case.url, title=case.title)


def matches(exp: dict[str, Any], m: Metric) -> bool:
    period = exp.get("period")
    return (
        m.family == exp["family"]
        and m.period == (None if period is None else str(period))
        and math.isclose(m.value, float(exp["value"]), rel_tol=1e-9, abs_tol=1e-6)
        and m.unit == exp.get("unit", "count")
        and ("label" not in exp or m.label == str(exp["label"]).lower())
        and ("qualifier" not in exp or m.qualifier == exp["qualifier"])
    )


@dataclass
class Score:
    """Per case: which expectations were found, missed, and which figures were unexpected."""

    found: list[dict[str, Any]]
    missed: list[dict[str, Any]]
    unexpected: list[Metric]  # in a complete family, matching no expectation nor `extra`
    tolerated: list[Metric]  # matching a documented `extra`
    forbidden: list[Metric]


def score(case: Case, metrics: list[Metric]) -> Score:
    left = list(metrics)
    found, missed = [], []
    for exp in case.expect:
        hit = next((m for m in left if matches(exp, m)), None)
        if hit is None:
            missed.append(exp)
        else:
            found.append(exp)
            left.remove(hit)
    unexpected, tolerated = [], []
    for m in left:
        if m.family not in case.complete:
            continue
        if any(matches(x, m) for x in case.extra):
            tolerated.append(m)
        else:
            unexpected.append(m)
    forbidden = [
        m
        for m in metrics
        if m.family in case.forbid_families
        or any(math.isclose(m.value, v, abs_tol=1e-6) for v in case.forbid_values)
        or any(s.lower() in m.label for s in case.forbid_labels)
    ]
    return Score(found, missed, unexpected, tolerated, forbidden)


@dataclass
class Tally:
    tp: int = 0
    fn: int = 0
    fp: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def tally(scores: list[Score]) -> dict[str, Tally]:
    """Precision and recall counts per family; 'outcomes' sums the five outcome families."""
    out = {f: Tally() for f in (*FAMILIES, "outcomes")}
    for s in scores:
        for exp in s.found:
            out[exp["family"]].tp += 1
        for exp in s.missed:
            out[exp["family"]].fn += 1
        for m in s.unexpected + s.tolerated:
            out[m.family].fp += 1
    for f in OUTCOMES:
        out["outcomes"].tp += out[f].tp
        out["outcomes"].fn += out[f].fn
        out["outcomes"].fp += out[f].fp
    return out
