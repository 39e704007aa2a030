"""Figure charts as SVG drawn on the server.

Why SVG from Python rather than a JS chart library: the charts then render with JavaScript
off, under a Content-Security-Policy that allows no script at all, offline (nothing fetched
from a CDN), and in e-mail or a screenshot; a figure's history is a handful of points, which
needs no zooming or animation. Each point carries a <title> (the browser's tooltip) and the
values are written as text, so the chart reads without hovering. Every label is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

W, H = 560, 190
LEFT, RIGHT, TOP, BOTTOM = 78, 16, 18, 34
# A colour-blind-safe palette (Okabe-Ito), one colour per series.
COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000")


@dataclass
class Series:
    name: str  # the period, or "" for a figure without one
    points: list[tuple[str, float]]  # (x label: a version's date, value)


def fmt(value: float, unit: str) -> str:
    if unit == "percent":
        return f"{value:g}%"
    if abs(value) >= 1e6:
        m = value / 1e6
        return f"{m:,.{0 if m.is_integer() else 1 if (m * 10).is_integer() else 2}f}M"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _nice(x: float) -> float:
    """The smallest of 1, 2, 2.5, 5 x 10^k not below x: round steps for the axis."""
    if x <= 0:
        return 1.0
    e = 10 ** math.floor(math.log10(x))
    return next(m * e for m in (1, 2, 2.5, 5, 10) if m * e >= x * (1 - 1e-9))


def _ticks(lo: float, hi: float) -> list[float]:
    step = (hi - lo) / 4
    return [lo + step * i for i in range(5)]


def _frame(title: str, lo: float, hi: float, unit: str) -> list[str]:
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {W} {H}"'
        f' role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for t in _ticks(lo, hi):
        y = _y(t, lo, hi)
        out.append(
            f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" class="tick" text-anchor="end">'
            f"{escape(fmt(t, unit))}</text>"
        )
    return out


def _y(v: float, lo: float, hi: float) -> float:
    span = (hi - lo) or 1.0
    return TOP + (H - TOP - BOTTOM) * (1 - (v - lo) / span)


def _range(values: Sequence[float]) -> tuple[float, float]:
    """An axis from 0 (or a round value below a negative minimum) up to a round value above
    the maximum, in four round steps."""
    lo = min(0.0, *values)
    lo = -_nice(-lo) if lo < 0 else 0.0
    step = _nice((max(values) - lo) / 4 or 1)
    return lo, lo + 4 * step


def line_chart(title: str, series: list[Series], unit: str) -> Markup:
    """Each series' value across the document's versions (x: the versions, in order)."""
    values = [v for s in series for _, v in s.points]
    if not values:
        return Markup("")
    lo, hi = _range(values)
    n = max(len(s.points) for s in series)
    plot_w = W - LEFT - RIGHT

    def x(i: int) -> float:
        return LEFT + (plot_w / 2 if n == 1 else plot_w * i / (n - 1))

    out = _frame(title, lo, hi, unit)
    for k, s in enumerate(series):
        colour = COLOURS[k % len(COLOURS)]
        offset = n - len(s.points)  # a figure that appeared later starts later
        xy = [(x(i + offset), _y(v, lo, hi)) for i, (_, v) in enumerate(s.points)]
        if len(xy) > 1:
            path = " ".join(f"{a:.1f},{b:.1f}" for a, b in xy)
            out.append(f'<polyline points="{path}" fill="none" stroke="{colour}"/>')
        marked = _marked(s.points)
        for i, ((px, py), (when, v)) in enumerate(zip(xy, s.points, strict=True)):
            if i not in marked:
                continue
            tip = f"{s.name + ': ' if s.name else ''}{fmt(v, unit)} ({when})"
            out.append(
                f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{colour}"'
                f' data-value="{v:g}"><title>{escape(tip)}</title></circle>'
            )
        last_x, last_y = xy[-1]
        label = f"{s.name}: " if s.name and len(series) > 1 else ""
        out.append(
            f'<text x="{min(last_x, W - RIGHT - 4):.1f}" y="{last_y - 7:.1f}" class="value"'
            f' text-anchor="end" fill="{colour}">{escape(label + fmt(s.points[-1][1], unit))}'
            "</text>"
        )
    first = next(s.points[0][0] for s in series if len(s.points) == n)
    last = series[0].points[-1][0]
    out.append(
        f'<text x="{LEFT}" y="{H - 10}" class="tick">{escape(first)}</text>'
        f'<text x="{W - RIGHT}" y="{H - 10}" class="tick" text-anchor="end">'
        f"{escape(last)} ({n} version{'s' if n != 1 else ''})</text>"
    )
    out.append("</svg>")
    return Markup("".join(out))


MAX_MARKS = 40  # points drawn with a marker (and a tooltip); the line goes through all


def _marked(points: list[tuple[str, float]]) -> set[int]:
    """The points that get a marker: each change of value, then evenly thinned to MAX_MARKS
    (a figure with 1,000 versions keeps a light page), always the first and the last."""
    changes = [i for i, (_, v) in enumerate(points) if i == 0 or v != points[i - 1][1]]
    last = len(points) - 1
    if len(changes) > MAX_MARKS:
        step = len(changes) / MAX_MARKS
        changes = [changes[int(k * step)] for k in range(MAX_MARKS)]
    return {*changes, last}


def bar_chart(title: str, bars: list[tuple[str, float]], unit: str) -> Markup:
    """One bar per period (e.g. CyberTipline reports by year), in period order."""
    if not bars:
        return Markup("")
    lo, hi = _range([v for _, v in bars])
    plot_w = W - LEFT - RIGHT
    slot = plot_w / len(bars)
    width = min(60.0, slot * 0.7)
    out = _frame(title, lo, hi, unit)
    base = _y(max(lo, 0.0), lo, hi)
    for i, (name, v) in enumerate(bars):
        cx = LEFT + slot * (i + 0.5)
        top = _y(v, lo, hi)
        out.append(
            f'<rect x="{cx - width / 2:.1f}" y="{min(top, base):.1f}" width="{width:.1f}"'
            f' height="{abs(base - top):.1f}" fill="{COLOURS[0]}" data-value="{v:g}">'
            f"<title>{escape(f'{name}: {fmt(v, unit)}')}</title></rect>"
            f'<text x="{cx:.1f}" y="{min(top, base) - 4:.1f}" class="value"'
            f' text-anchor="middle">{escape(fmt(v, unit))}</text>'
            f'<text x="{cx:.1f}" y="{H - 12}" class="tick" text-anchor="middle">'
            f"{escape(name)}</text>"
        )
    out.append("</svg>")
    return Markup("".join(out))
