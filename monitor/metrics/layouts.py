"""Figures laid out on lines of their own: text-only tables and infographic blocks.

Text-only tables are what a designed PDF leaves when pdfplumber finds no grid: one row per line,
"Facebook 15,884,511" or, in two columns, "Afghanistan 163,120 Cambodia 91,458", under a header
line ("ESP Reports"). Infographic blocks put a big number alone on a line, its caption on the
line(s) below or above ("4,120" / "arrests reported by law enforcement in 2024").
"""

from __future__ import annotations

import re

from ..model import Metric
from .numbers import Number, nearest_year, only_year, scan
from .page import PageText, normalise_label, strip_periods, words
from .vocab import classify, family_of, outcome_of

_MIN_ROWS = 3
_MAX_LABEL_WORDS = 10
_MAX_CAPTION_WORDS = 14
_LETTER = re.compile(r"[A-Za-z]")
_DASH_LINE = re.compile(r"^[-–—]$")


def _row(page: PageText, i: int) -> list[tuple[str, list[Number]]] | None:
    """A line read as a table row: [(label, figures)], or None when it is not one."""
    if not page.free(i) or not page.scans[i].numbers:
        return None
    s = page.scans[i]
    out: list[tuple[str, list[Number]]] = []
    pos = 0
    for n in s.numbers:
        label = s.text[pos : n.start].strip()
        if label.endswith("(") and s.masked[n.end : n.end + 1] == ")":
            label = label[:-1].rstrip()  # "Texas (116)": the count in parentheses
        if _LETTER.search(label):
            if words(label) > _MAX_LABEL_WORDS:
                return None
            out.append((label, [n]))
        elif out and not label:
            out[-1][1].append(n)  # one more column of the same row
        else:
            return None
        pos = n.end + (
            s.masked[n.end : n.end + 1] == ")" and s.text[pos : n.start].rstrip().endswith("(")
        )
    if s.masked[pos:].strip(" *†"):
        return None  # words after the last figure: prose, not a row
    return out


Row = list[tuple[str, list[Number]]]


def _bare_figure(page: PageText, i: int) -> Number | None:
    s = page.scans[i] if page.free(i) else None
    if s is None or len(s.numbers) != 1:
        return None
    n = s.numbers[0]
    return n if not (s.masked[: n.start] + s.masked[n.end :]).strip(" *†") else None


def _label_only(page: PageText, i: int) -> bool:
    return page.free(i) and not page.scans[i].numbers and words(page.lines[i]) <= 5


def _wrapped_row(page: PageText, j: int) -> tuple[Row, list[int]] | None:
    """A label wrapped around its figure: "Web.com/Network Solutions/" / "3" / "Register"."""
    if not _label_only(page, j):
        return None
    n = _bare_figure(page, j + 1)
    if n is None:
        return None
    if _label_only(page, j + 2) and _row(page, j + 3) is not None:
        return [(f"{page.lines[j]} {page.lines[j + 2]}", [n])], [j, j + 1, j + 2]
    if _row(page, j + 2) is not None:
        return [(page.lines[j], [n])], [j, j + 1]
    return None


def listing_metrics(page: PageText) -> list[Metric]:
    """Runs of at least three "label figure [figure...]" lines, read as a table.

    A run whose header names no family takes the family of the page's previous run: the list
    goes on under a label that pdfplumber printed in pieces.
    """
    out: list[Metric] = []
    i, n = 0, len(page.lines)
    last_family: str | None = None
    while i < n:
        if _row(page, i) is None:
            i += 1
            continue
        run: list[tuple[int, Row]] = []
        j = i
        while j < n:
            row = _row(page, j)
            wrapped = None if row is not None or not run else _wrapped_row(page, j)
            if row is not None:
                run.append((j, row))
                j += 1
            elif wrapped is not None:
                run.append((wrapped[1][1], wrapped[0]))
                page.used.update(wrapped[1])
                j = wrapped[1][-1] + 1
            elif (
                run
                and _label_only(page, j)
                and _row(page, j + 1) is not None
                and not family_of(page.lines[j])
                and not page.lines[j].rstrip().endswith(":")
            ):  # a line naming a family, or ending with ":", is a new header, not a wrapped label
                label, nums = run[-1][1][-1]
                run[-1][1][-1] = (f"{label} {page.lines[j]}", nums)  # a wrapped label
                page.used.add(j)
                j += 1
            else:
                break
        if len(run) >= _MIN_ROWS or all(len(nums) > 1 for _, row in run for _, nums in row):
            metrics, family = _read_run(page, i, run, last_family)
            out += metrics
            last_family = family or last_family
        i = j
    return out


def _read_run(
    page: PageText, start: int, run: list[tuple[int, Row]], inherited: str | None
) -> tuple[list[Metric], str | None]:
    head: list[str] = []
    for k in range(start - 1, max(-1, start - 4), -1):
        line = page.lines[k] if page.free(k) else ""
        if not line or words(line) > 12 or line.endswith("."):
            break
        if page.scans[k].numbers and not line.endswith(":"):  # "Top 5 states with ...:" heads
            break
        head.insert(0, line)
    header = " ".join(head)
    header_family = family_of(header) or inherited
    years = _column_years(page, start)
    out = []
    for index, row in run:
        for label, nums in row:
            family = outcome_of(label) or header_family or family_of(label)
            if not family:
                continue
            name = normalise_label(strip_periods(label))
            for col, num in enumerate(nums):
                page.used.add(index)  # read, or unreadable: either way not prose
                if len(nums) == len(years) and len(nums) > 1:
                    period = years[col]
                elif len(nums) > 1:
                    continue  # several figures, no year per column: cannot tell them apart
                else:
                    period = only_year(label) or only_year(header)
                context = f"{header}: {page.lines[index]}" if header else page.lines[index]
                out.append(
                    page.metric(family, name, period, num.value, num.unit, context, num.qualifier)
                )
    return out, header_family


def _column_years(page: PageText, start: int) -> list[str]:
    """The years of the nearest line above that names several ("... CY 2020 CY 2021 CY 2022")."""
    for k in range(start - 1, max(-1, start - 10), -1):
        years = [y.year for y in scan(page.raw[k]).years] if page.raw[k] else []
        if len(years) > 1:
            return years
        if page.scans[k].numbers and page.lines[k]:
            break  # another table's rows: its years are not ours
    return []


def _line_kind(page: PageText, i: int) -> str | None:
    """ "N" a figure alone, "D" a dash alone, "T" a caption-sized text line, None otherwise."""
    if not page.free(i):
        return None
    s = page.scans[i]
    text = s.text.strip()
    if _DASH_LINE.match(text):
        return "D"
    if len(s.numbers) == 1:
        n = s.numbers[0]
        rest = (s.masked[: n.start] + s.masked[n.end :]).lower()
        if n.qualifier:
            rest = rest.replace(n.qualifier, "", 1)
        return "N" if not rest.strip(" *†:") else None
    if not s.numbers and words(text) <= _MAX_CAPTION_WORDS and not text.endswith((".", ";")):
        return "T"
    return None


def infographic_metrics(page: PageText) -> list[Metric]:
    """A number alone on its line with its caption below (or, when the block says so, above)."""
    kinds = [_line_kind(page, i) for i in range(len(page.lines))]
    out: list[Metric] = []
    i = 0
    while i < len(kinds):
        if kinds[i] is None:
            i += 1
            continue
        j = i
        while j < len(kinds) and kinds[j] is not None:
            j += 1
        run = list(range(i, j))
        i = j
        if not any(kinds[k] in ("N", "D") for k in run):
            continue
        numbers = [k for k in run if kinds[k] in ("N", "D")]
        below = kinds[run[0]] != "T" or kinds[run[-1]] == "T"
        lead = [k for k in run if k < numbers[0]] if below else []
        heading_year = only_year(" ".join(page.lines[k] for k in lead))
        for k in numbers:
            step, stop = (1, run[-1] + 1) if below else (-1, run[0] - 1)
            cap = []
            c = k + step
            while c != stop and kinds[c] == "T" and len(cap) < 3:
                cap.append(c)
                c += step
            cap.sort()
            if kinds[k] == "D" or not cap:
                continue
            caption = " ".join(page.lines[c] for c in cap)
            hit = classify(caption)
            if not hit:
                continue
            n = page.scans[k].numbers[0]
            cs = scan(caption)
            period = nearest_year(cs.years, len(caption)) or heading_year
            label = _caption_label(caption)
            context = f"{page.lines[k]} {caption}" if below else f"{caption} {page.lines[k]}"
            out.append(page.metric(hit[0], label, period, n.value, n.unit, context, n.qualifier))
            page.used.update([k, *cap])
    return out


def _caption_label(caption: str) -> str:
    text = normalise_label(strip_periods(caption))
    return " ".join(text.split()[:8])
