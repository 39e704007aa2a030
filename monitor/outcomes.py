"""What a new version says about outcomes: its figures and statements, compared with the
last version's, as events.

Kept apart from the pipeline so that a pass where nothing changed never loads the figure
and statement finders (their pattern tables are a sixth of a quiet check's start-up).
"""

from __future__ import annotations

from collections.abc import Iterable

from .metrics import FINDER_VERSION, compare_metrics, find_metrics, format_value
from .metrics.compare import MetricChange
from .model import Document, Event, Extracted, Metric
from .statements import Statement, StatementChange, compare_statements, find_statements, fold

__all__ = ["FINDER_VERSION", "analyse", "figure_events", "metric_events", "statement_events"]


def analyse(
    extracted: Extracted, url: str, title: str | None
) -> tuple[list[Metric], list[Statement]]:
    """The figures and statements of one extracted document."""
    return find_metrics(extracted, url=url, title=title), find_statements(extracted)


def figure_events(
    doc: Document, old: list[Metric], new: list[Metric], alert_families: set[str], title: str | None
) -> list[Event]:
    return metric_events(doc, compare_metrics(old, new), alert_families, title)


def metric_events(
    doc: Document, changes: Iterable[MetricChange], alert_families: set[str], title: str | None
) -> list[Event]:
    events = []
    for ch in changes:
        m: Metric = ch.new or ch.old
        family = m.family.replace("_", " ")
        label = m.label if m.label.lower() != family else None  # not "arrests, arrests, 2024"
        what = ", ".join(p for p in (family, label, m.period) if p)
        if ch.kind == "metric_appeared":
            summary = f"{what}: {format_value(m)} (new)"
        elif ch.kind == "metric_removed":
            summary = f"{what}: {format_value(m)} (no longer stated)"
        else:
            summary = f"{what}: {format_value(ch.old)} -> {format_value(ch.new)}"
        events.append(
            Event.about(
                doc,
                ch.kind,
                summary,
                alert=m.family in alert_families,
                data={
                    "family": m.family,
                    "label": m.label,
                    "period": m.period,
                    "period_kind": m.period_kind,
                    "unit": m.unit,
                    "old": ch.old.value if ch.old else None,
                    "new": ch.new.value if ch.new else None,
                    "old_qualifier": ch.old.qualifier if ch.old else None,
                    "new_qualifier": ch.new.qualifier if ch.new else None,
                    "page": m.page,
                    "context": m.context,
                    "title": title,
                },
            )
        )
    return events


def statement_events(
    doc: Document,
    old: list[Statement],
    new: list[Statement],
    figure_events: list[Event],
    alert_families: set[str],
    title: str | None,
) -> list[Event]:
    """Statement changes, but for a new sentence that only carries a figure that appeared
    (the figure's event already tells that news)."""
    events = []
    for ch in _news_only(compare_statements(old, new), figure_events):
        st = ch.statement
        family = st.family.replace("_", " ")
        what = {
            "statement_added": f"new {family} statement",
            "statement_removed": f"{family} statement removed",
        }.get(ch.kind, f"{family} statement reworded")
        short = st.text if len(st.text) <= 90 else st.text[:87] + "..."
        events.append(
            Event.about(
                doc,
                ch.kind,
                f"{what}: {short}",
                alert=any(f in alert_families for f in st.families),
                data={
                    "family": st.family,
                    "families": list(st.families),
                    "page": st.page,
                    "statement": st.text,
                    "old": ch.old.text if ch.old else None,
                    "word_diff": ch.word_diff() or None,
                    "title": title,
                },
            )
        )
    return events


def _news_only(changes: list[StatementChange], events: list[Event]) -> list[StatementChange]:
    contexts = [
        fold(str((e.data or {}).get("context", ""))) for e in events if e.kind == "metric_appeared"
    ]
    return [
        ch
        for ch in changes
        if not (
            ch.kind == "statement_added"
            and any(ch.statement.key in c or (c and c in ch.statement.key) for c in contexts)
        )
    ]
