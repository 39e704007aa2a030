"""Two versions of a document, figure by figure; and a figure as people read it."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Metric, format_number


@dataclass(frozen=True)
class MetricChange:
    kind: str  # "metric_appeared" | "metric_changed" | "metric_removed"
    old: Metric | None
    new: Metric | None


def _same(a: Metric, b: Metric) -> bool:
    return a.unit == b.unit and abs(a.value - b.value) <= 1e-9 * max(1.0, abs(a.value))


def compare_metrics(old: list[Metric], new: list[Metric]) -> list[MetricChange]:
    """Figure by figure by key (family, label, period).

    Only a new value or unit is a change: a figure that moved to another page or sentence, or
    whose wording ("more than") changed around the same value, is the same figure. Appeared and
    changed figures come in the new document's order, then removed ones in the old order.
    """
    before = {m.key: m for m in old}
    after = {m.key: m for m in new}
    out: list[MetricChange] = []
    for key, m in after.items():
        was = before.get(key)
        if was is None:
            out.append(MetricChange("metric_appeared", None, m))
        elif not _same(was, m):
            out.append(MetricChange("metric_changed", was, m))
    out += [MetricChange("metric_removed", m, None) for k, m in before.items() if k not in after]
    return out


def format_value(m: Metric) -> str:
    """ "1,234", "36,200,000", "4.5%", with the qualifier in front: "more than 100,000"."""
    return format_number(m.value, m.unit, m.qualifier)
