"""What a new version says about outcomes: its figures and statements, compared with the
last version's, as events.

Kept apart from the pipeline so that a pass where nothing changed never loads the figure
and statement finders (their pattern tables are a sixth of a quiet check's start-up).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from .metrics import FINDER_VERSION, compare_metrics, find_metrics, format_value
from .metrics.compare import MetricChange
from .metrics.prose import counts
from .model import Document, Event, Extracted, Metric
from .statements import (
    Statement,
    StatementChange,
    compare_statements,
    find_statements,
    renumbered,
)

__all__ = [
    "FINDER_VERSION",
    "analyse",
    "figure_events",
    "metric_events",
    "new_document_events",
    "statement_events",
]


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


def new_document_events(
    doc: Document, metrics: list[Metric], statements: list[Statement],
    alert_families: set[str], title: str | None,
) -> list[Event]:  # fmt: skip
    """A new document's figures, and each of its alerting outcome sentences holding a number no
    figure reports: a figure the finder could not read (about one in five on unseen text, see
    the README's "How well") still reaches a person, as its sentence and number."""
    events = figure_events(doc, [], metrics, alert_families, title)
    told = _told(events)
    sentences = statements + _figure_sentences(metrics, statements, alert_families)
    added = [
        (ch, loose)
        for ch in (StatementChange("statement_added", None, s) for s in sentences)
        if _alerts(ch.statement, alert_families)
        and (loose := _unreported(ch, told, alert_families))
    ]
    return events + [_statement_event(doc, ch, loose, alert_families, title) for ch, loose in added]


def _figure_sentences(
    metrics: list[Metric], statements: list[Statement], alert_families: set[str]
) -> list[Statement]:
    """The sentences of alerting figures that no statement holds: a figure the finder read
    makes its sentence an outcome sentence, even in words the statements' vocabulary passes
    over ("402 children - 201 boys and 201 girls, aged one to 17, were rescued": 402 is news)."""
    seen = [" ".join(st.text.split()) for st in statements]
    out = []
    for m in metrics:
        said = m.context.removesuffix("…")  # a long sentence's context is cut to its start
        if m.family in alert_families and not any(said in t or t in said for t in seen):
            seen.append(said)
            out.append(Statement((m.family,), m.context, m.page))
    return out


def statement_events(
    doc: Document,
    old: list[Statement],
    new: list[Statement],
    figure_events: list[Event],
    alert_families: set[str],
    title: str | None,
) -> list[Event]:
    """Statement changes, and statements whose only change is a number no figure reports. A
    new statement whose every number a figure event of this check reports is left to that
    event (it already tells the news, with the sentence)."""
    events, told = [], _told(figure_events)
    for ch in compare_statements(old, new):
        loose = _unreported(ch, told, alert_families) if ch.kind == "statement_added" else []
        if ch.kind == "statement_added" and not loose and _numbers(ch.statement.text):
            continue
        events.append(_statement_event(doc, ch, loose, alert_families, title))
    for ch in renumbered(old, new):
        loose = _unreported(ch, told, alert_families)
        if loose:
            events.append(_statement_event(doc, ch, loose, alert_families, title))
    return events


def _statement_event(
    doc: Document, ch: StatementChange, loose: list[float], alert_families: set[str],
    title: str | None,
) -> Event:  # fmt: skip
    st = ch.statement
    family = st.family.replace("_", " ")
    if ch.kind == "statement_added":
        what = f"new {family} statement" + (", a number no figure reports" if loose else "")
    elif ch.kind == "statement_removed":
        what = f"{family} statement removed"
    elif ch.old is not None and ch.old.key == st.key:
        what = f"{family} statement, a number changed"
    else:
        what = f"{family} statement reworded"
    short = st.text if len(st.text) <= 90 else st.text[:87] + "..."
    return Event.about(
        doc,
        ch.kind,
        f"{what}: {short}",
        alert=_alerts(st, alert_families),
        data={
            "family": st.family,
            "families": list(st.families),
            "page": st.page,
            "statement": st.text,
            "old": ch.old.text if ch.old else None,
            "word_diff": ch.word_diff() or None,
            "unreported": loose or None,
            "title": title,
        },
    )


def _alerts(st: Statement, alert_families: set[str]) -> bool:
    return any(f in alert_families for f in st.families)


def _numbers(text: str) -> Counter[float]:
    """The counts a statement holds, as a person would look for them in an alert."""
    return Counter(n.value for n in counts(text))


def _told(events: list[Event]) -> tuple[list[float], list[float]]:
    """The values the check's figure events report: (by alerting events, by any)."""
    news = [
        (float(e.data["new"]), e.alert)
        for e in events
        if e.kind in ("metric_appeared", "metric_changed")
        and e.data
        and e.data.get("new") is not None
    ]
    return [v for v, alert in news if alert], [v for v, _ in news]


def _unreported(
    ch: StatementChange, told: tuple[list[float], list[float]], alert_families: set[str]
) -> list[float]:
    """The numbers a change brings (all of a new statement's; the new ones of a renumbered
    one) that no figure event of the check reports (`told`). For an alerting statement only
    an alerting figure counts: "N reports led to an arrest" read as `reports` is no arrest
    news."""
    brought = _numbers(ch.statement.text)
    if ch.old is not None:
        brought -= _numbers(ch.old.text)
    values = told[0] if _alerts(ch.statement, alert_families) else told[1]
    return [v for v in brought if not any(math.isclose(v, t, rel_tol=1e-6) for t in values)]
