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


# -- the real-passage set (tests/corpus/real/*.yaml): labelled blind, scored by (family, value) --
#
# A real case: {id, source (attribution only), title?, text, written?, from_table?, note?,
# expect: [{family, value, period, period_kind?, counted?, qualifier?}]}. The text is rendered
# as <p>text</p> HTML; `title` is passed to the finder, `source` is not (its year must not
# leak into the period). A found figure matches a label on (family, value); its period is
# then right or wrong. Percentages are never labelled: figures found in percent are ignored.
# This part reads only Metric fields the first release had (family, value, unit, period), so
# the same scorer runs on an older checkout of monitor/ (PYTHONPATH) for a first-run score.


@dataclass
class RealCase:
    id: str
    text: str
    expect: list[dict[str, Any]]
    title: str | None = None
    source: str = ""
    note: str = ""
    second: list[dict[str, Any]] | None = None  # a second, independent labeller's labels


def load_real(paths: list[Path]) -> list[RealCase]:
    out = []
    for path in paths:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        for raw in data.get("cases") or []:
            out.append(
                RealCase(
                    id=str(raw["id"]),
                    text=str(raw["text"]),
                    expect=list(raw.get("expect") or []),
                    title=raw.get("title"),
                    source=str(raw.get("source") or ""),
                    note=str(raw.get("note") or ""),
                    second=raw.get("second"),
                )
            )
    return out


def real_page(text: str) -> Extracted:
    """A passage as the one paragraph of an HTML page."""
    import html as _html

    return extract_html(
        f"<p>{_html.escape(text, quote=False)}</p>".encode(), "https://example.org/"
    )


def run_real(case: RealCase) -> list[Metric]:
    doc = real_page(case.text)
    return [m for m in find_metrics(doc, url="", title=case.title) if m.unit != "percent"]


def _period_of(label: dict[str, Any]) -> str | None:
    p = label.get("period")
    return None if p is None else str(p)


_QUARTER_MONTHS = {"1": ("01", "03"), "2": ("04", "06"), "3": ("07", "09"), "4": ("10", "12")}


def _canonical_period(p: str | None) -> str | None:
    """A calendar quarter however it is written: "2017-04..2017-06" is "2017-Q2" (the guide
    writes the quarter; labellers before it wrote either)."""
    if p and len(p) == 16 and p[4] == "-" and p[7:9] == ".." and p[:4] == p[9:13]:
        for q, (a, b) in _QUARTER_MONTHS.items():
            if (p[5:7], p[14:16]) == (a, b):
                return f"{p[:4]}-Q{q}"
    return p


def same_period(a: str | None, b: str | None) -> bool:
    return _canonical_period(a) == _canonical_period(b)


def _same_value(label: dict[str, Any], m: Metric) -> bool:
    return math.isclose(m.value, float(label["value"]), rel_tol=1e-6)


def _same_figure(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a["family"] == b["family"] and math.isclose(
        float(a["value"]), float(b["value"]), rel_tol=1e-6
    )


def consensus(case: RealCase) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The labels both labellers gave (family and value), and those only one gave (disputed).

    A consensus label whose periods differ keeps `period_disputed`: its family and value
    count, its period is not scored. Without a second labeller every label is consensus.
    """
    if case.second is None:
        return list(case.expect), []
    left = list(case.second)
    agreed, disputed = [], []
    for e in case.expect:
        other = next((o for o in left if _same_figure(e, o)), None)
        if other is None:
            disputed.append(e)
            continue
        left.remove(other)
        disputed_period = not same_period(_period_of(e), _period_of(other))
        agreed.append({**e, "period_disputed": True} if disputed_period else e)
    return agreed, disputed + left


@dataclass
class RealScore:
    """One case: (label, figure) pairs matched on family and value, and what is left."""

    case: RealCase
    matched: list[tuple[dict[str, Any], Metric]]
    missed: list[dict[str, Any]]  # no figure of its family and value
    spurious: list[Metric]  # no label of its family and value
    confused: list[tuple[dict[str, Any], Metric]]  # same value, another family

    @property
    def wrong_period(self) -> list[tuple[dict[str, Any], Metric]]:
        return [
            (e, m)
            for e, m in self.matched
            if not e.get("period_disputed") and not same_period(m.period, _period_of(e))
        ]


def score_real(case: RealCase, metrics: list[Metric], *, agreed: bool = False) -> RealScore:
    """Match figures to labels by family and value. With `agreed`, score against the two
    labellers' consensus: a disputed label is never missed, a figure matching one never
    spurious."""
    expect, disputed = consensus(case) if agreed else (case.expect, [])
    left = list(metrics)
    matched, missed = [], []
    for exp in expect:
        same = [m for m in left if m.family == exp["family"] and _same_value(exp, m)]
        if not same:
            missed.append(exp)
            continue
        best = next((m for m in same if same_period(m.period, _period_of(exp))), same[0])
        matched.append((exp, best))
        left.remove(best)
    for exp in disputed:
        same = next((m for m in left if m.family == exp["family"] and _same_value(exp, m)), None)
        if same is not None:
            left.remove(same)
    confused = []
    for exp in list(missed):
        other = next((m for m in left if _same_value(exp, m)), None)
        if other is not None:
            confused.append((exp, other))
            left.remove(other)
    return RealScore(case, matched, missed, left, confused)


@dataclass
class RealTally:
    per_family: dict[str, Tally]
    period_right: int
    period_total: int

    @property
    def period_accuracy(self) -> float:
        return self.period_right / self.period_total if self.period_total else 1.0


def tally_real(scores: list[RealScore]) -> RealTally:
    """Per family and for the five outcome families: tp = matched, fn = labels missed (or
    found under another family), fp = figures matching no label (or confused)."""
    out = {f: Tally() for f in (*FAMILIES, "outcomes")}
    right = total = 0
    for s in scores:
        for exp, m in s.matched:
            out[exp["family"]].tp += 1
            if not exp.get("period_disputed"):
                total += 1
                right += same_period(m.period, _period_of(exp))
        for exp in s.missed:
            out.setdefault(exp["family"], Tally()).fn += 1
        for m in s.spurious:
            out.setdefault(m.family, Tally()).fp += 1
        for _exp, m in s.confused:
            out.setdefault(m.family, Tally()).fp += 1
    for f in OUTCOMES:
        out["outcomes"].tp += out[f].tp
        out["outcomes"].fn += out[f].fn
        out["outcomes"].fp += out[f].fp
    return RealTally(out, right, total)


@dataclass(frozen=True)
class SecondLabel:
    """A second labeller's label, scored as if it were the finder's figure: how often two
    careful people agree is the ceiling any finder can be measured against."""

    family: str
    value: float
    period: str | None
    period_kind: str | None
    label: str


def second_labels(case: RealCase) -> list[Any]:
    return [
        SecondLabel(
            e["family"],
            float(e["value"]),
            _period_of(e),
            e.get("period_kind"),
            str(e.get("counted") or ""),
        )
        for e in case.second or []
    ]


def _show_metric(m: Metric) -> str:
    kind = getattr(m, "period_kind", None)
    period = f"{m.period} ({kind})" if kind else str(m.period)
    return f"{m.family} {m.value:g} period={period} [{m.label}]"


def _show_label(e: dict[str, Any]) -> str:
    counted = f" counted={e['counted']}" if e.get("counted") else ""
    return f"{e['family']} {float(e['value']):g} period={_period_of(e)}{counted}"


def report_real(scores: list[RealScore], names: str = "") -> list[str]:
    """The printed report: per family P/R, period accuracy, then every error by class."""
    t = tally_real(scores)
    lines = [f"## Real passages{names}: {len(scores)} cases\n"]
    lines.append(f"{'family':<26} {'precision':>9} {'recall':>7} {'tp':>5} {'fp':>4} {'fn':>4}")
    for family, c in t.per_family.items():
        if c.tp + c.fp + c.fn == 0 and family != "outcomes":
            continue
        lines.append(
            f"{family:<26} {c.precision:>9.3f} {c.recall:>7.3f} {c.tp:>5} {c.fp:>4} {c.fn:>4}"
        )
    lines.append(
        f"period accuracy (matched figures): {t.period_accuracy:.3f}"
        f" ({t.period_right}/{t.period_total})"
    )
    classes: dict[str, list[str]] = {
        "family confusion": [],
        "missed": [],
        "spurious": [],
        "wrong period": [],
    }
    for s in scores:
        for e, m in s.confused:
            classes["family confusion"].append(
                f"{s.case.id}: label {_show_label(e)} <- found {_show_metric(m)}"
            )
        for e in s.missed:
            if not any(e is c[0] for c in s.confused):
                classes["missed"].append(f"{s.case.id}: {_show_label(e)}")
        for m in s.spurious:
            classes["spurious"].append(f"{s.case.id}: {_show_metric(m)}")
        for e, m in s.wrong_period:
            classes["wrong period"].append(
                f"{s.case.id}: label {_show_label(e)} <- found {_show_metric(m)}"
            )
    for name, items in classes.items():
        lines.append(f"\n{name} ({len(items)}):")
        lines += [f"  {x}" for x in items]
    return lines
