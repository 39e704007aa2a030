"""Tables (PDF tables rebuilt by pdfplumber, HTML <table>): one figure per row and column.

Real tables are untidy: titles sit in the header rows, year headers are centred over columns
that are not theirs, cells stack several figures ("Actionable: 395,173 / Total: 407,073"),
rows are stacked in one cell, numbers are cut across lines. The steps below each undo one
of those, so the last step can read a plain grid: row label x column (period, sub-header).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from ..model import Metric, Table
from .numbers import QUALIFIER_WORDS, Number, join_split_numbers, only_year, scan, years_in
from .page import PageText, normalise_label, strip_periods, words
from .vocab import family_of, outcome_of

_DASH = {"-", "–", "—", "--", "n/a", "na", "*", "†", "none reported"}
_KV_SPLIT = re.compile(r"([A-Za-z][A-Za-z ]{0,40}?)\s*:")
_QUALIFIER_WORDS = re.compile(rf"(?i)\b(?:{'|'.join(map(re.escape, QUALIFIER_WORDS))})(?!\w)")
_COLUMN_NAME = re.compile(r"(?i)^(?:date range|year|period|calendar year)\b.*$")
# a column of changes ("Change", "% change", "+5.6%") holds no figure of its own
_CHANGE = re.compile(r"(?i)\b(?:change|difference|growth|increase|decrease|yoy|vs\.?)\b")


_FIGURE = ("value", "dash")  # cells that stand for a figure, even an absent one


@dataclass(frozen=True)
class Cell:
    kind: str  # "text", "value", "dash" or "empty"
    text: str
    values: tuple[tuple[str | None, Number], ...] = ()


@lru_cache(maxsize=8192)
def parse_cell(raw: str) -> Cell:
    """What a cell holds: text, one or several figures (optionally keyed), or a dash."""
    text = " ".join(join_split_numbers(raw).split())
    if not text:
        return Cell("empty", "")
    if text.lower() in _DASH:
        return Cell("dash", text)
    if ":" in text:
        keyed = _keyed(text)
        if keyed:
            return Cell("value", text, tuple(keyed))
    s = scan(text)
    if not s.numbers:
        return Cell("text", text)
    rest = list(s.masked)
    for n in s.numbers:
        rest[n.start : n.end] = " " * (n.end - n.start)
    if re.search(r"[A-Za-z]", _QUALIFIER_WORDS.sub(" ", "".join(rest))):
        return Cell("text", text)  # a figure inside words: a label such as "Top 10 ESPs"
    nums = list(s.numbers)
    if len(nums) == 2 and [n.unit for n in nums] == ["count", "percent"]:
        return Cell("value", text, ((None, nums[0]), ("%", nums[1])))
    return Cell("value", text, tuple((None, n) for n in nums))


def _keyed(text: str) -> list[tuple[str | None, Number]]:
    """ "Actionable: 491,655 I n formational: 400,715 Total: 892,370" -> keyed figures."""
    parts = _KV_SPLIT.split(text)
    if parts[0].strip() or len(parts) < 3:
        return []
    out: list[tuple[str | None, Number]] = []
    for key, value in zip(parts[1::2], parts[2::2], strict=True):
        s = scan(value.strip())
        if len(s.numbers) != 1 or re.search(r"[A-Za-z]", s.masked.replace(" ", "")):
            return []
        if re.search(r"\b\w\b", key):
            key = key.replace(" ", "")  # "I n formational" as the PDF spaced it
        out.append((key.strip().lower(), s.numbers[0]))
    return out


def _split_stacked(rows: list[list[str]]) -> list[list[str]]:
    """A row whose label and figures each hold k lines is k rows pdfplumber could not part."""
    out = []
    for row in rows:
        filled = [c for c in row if c.strip()]
        label_lines = filled[0].split("\n") if filled else []
        k = len(label_lines)
        values = filled[1:]
        is_text = k > 1 and parse_cell(filled[0]).kind == "text"
        if is_text and values and all(_k_figures(c, k) for c in values):
            out += [[c.split("\n")[j] if c.strip() else "" for c in row] for j in range(k)]
            continue
        out.append(row)
    return out


def _k_figures(cell: str, k: int) -> bool:
    lines = cell.split("\n")
    return len(lines) == k and all(":" not in ln and parse_cell(ln).kind in _FIGURE for ln in lines)


def _own_label(row: list[str]) -> list[str]:
    """Drop a label cell's leading lines that end the line above ("the Public and ESPs")."""
    for i, cell in enumerate(row):
        if cell.strip():
            lines = cell.split("\n")
            if len(lines) > 1 and lines[0][:1].islower():
                upper = [j for j, ln in enumerate(lines) if ln[:1].isupper()]
                if upper:
                    row = [*row[:i], "\n".join(lines[upper[0] :]), *row[i + 1 :]]
            return row
    return row


def _continued_in_text(rows: list[list[str]], page: PageText) -> list[list[str]]:
    """Rows pdfplumber left out of the table but the page text still has after its last row.

    The 2022 OJJDP "Identified Victims" tables lose their "Total" row this way.
    """
    last = next((r for r in reversed(rows) if any(parse_cell(c).kind == "value" for c in r)), [])
    cols = [c for c, x in enumerate(last) if parse_cell(x).kind == "value"]
    label = next((x for x in last if x.strip() and parse_cell(x).kind == "text"), "")
    values = [scan(last[c]).numbers for c in cols]
    if not label or not all(len(v) == 1 for v in values):
        return []
    probe, wanted = " ".join(label.split()), [v[0].value for v in values]
    start = next(
        (
            i
            for i, ln in enumerate(page.raw)
            if ln.startswith(probe) and [n.value for n in scan(ln).numbers] == wanted
        ),
        None,
    )
    if start is None:
        return []
    extra = []
    label_col = last.index(label)
    for j in range(start + 1, len(page.lines)):
        s = page.scans[j]
        if not page.free(j) or len(s.numbers) != len(cols):
            break
        head = s.text[: s.numbers[0].start].strip()
        gaps = [s.masked[a.end : b.start] for a, b in pairwise(s.numbers)]
        if not head or any(g.strip() for g in gaps) or s.masked[s.numbers[-1].end :].strip():
            break
        row = [""] * len(last)
        row[label_col] = head
        for c, n in zip(cols, s.numbers, strict=True):
            row[c] = s.text[n.start : n.end]
        extra.append(row)
        page.used.add(j)
    return extra


def _label(cells: list[Cell]) -> tuple[str, int]:
    """A data row's label (its text cells before the first figure) and that figure's column."""
    first = next(i for i, c in enumerate(cells) if c.kind in _FIGURE)
    return " ".join(c.text for c in cells[:first] if c.kind == "text"), first


def _caption(page: PageText, table: Table) -> str:
    """The line just above the table's first row in the page text (an HTML heading...)."""
    first = " ".join(c for c in table.rows[0] if c).split()
    if not first:
        return ""
    probe = " ".join(first)
    for i, line in enumerate(page.lines):
        if line and " ".join(line.split()).startswith(probe[:60]):
            for j in range(i - 1, max(-1, i - 3), -1):
                if page.lines[j] and words(page.lines[j]) <= 25:
                    return page.lines[j]
            return ""
    return ""


def _periods(
    header: list[list[Cell]], value_cols: list[int]
) -> tuple[dict[int, str | None], list[list[int]]]:
    """Each value column's year, and the columns grouped by year (in column order)."""
    found: list[tuple[int, str]] = []
    for row in header:
        for c, cell in enumerate(row):
            for y in years_in(cell.text):
                found.append((c, y.year))
    found.sort()
    distinct: list[tuple[int, str]] = []
    for c, y in found:
        if y not in [d[1] for d in distinct]:
            distinct.append((c, y))
    if not distinct:
        return dict.fromkeys(value_cols), [value_cols]
    n = len(distinct)
    if len(value_cols) % n == 0:
        size = len(value_cols) // n
        groups = [value_cols[i * size : (i + 1) * size] for i in range(n)]
        return {c: distinct[i][1] for i, g in enumerate(groups) for c in g}, groups
    own = {c: y for c, y in found}
    periods: dict[int, str | None] = {}
    for c in value_cols:
        named = any(row[c].kind == "text" for row in header if c < len(row))
        left = [y for cc, y in distinct if cc <= c]
        periods[c] = own.get(c) or (left[-1] if left and not named else None)
    groups = [[c for c in value_cols if periods[c] == y] for _, y in distinct]
    groups = [g for g in groups if g] + [[c for c in value_cols if periods[c] is None]]
    return periods, sorted((g for g in groups if g), key=lambda g: g[0])


def _column_text(header: list[list[Cell]], c: int, title_rows: set[int]) -> str:
    parts = [r[c].text for i, r in enumerate(header) if i not in title_rows and c < len(r)]
    text = strip_periods(" ".join(p for p in parts if p))
    return " ".join(text.split()).strip(" –—-")


def table_metrics(page: PageText) -> list[Metric]:
    """Every figure of every table on the page."""
    out: list[Metric] = []
    for table in page.tables:
        out += _one_table(table, page)
    return out


def _merge_continued_labels(
    grid: list[list[Cell]], is_data: list[bool]
) -> tuple[dict[int, str], set[int]]:
    """Each data row's label, and the label-only rows merged into the row below them.

    A label-only row goes into the next row when that one goes on in lowercase or "(":
    "Internet Crimes Against Children" + "(ICACs) Units".
    """
    labels = {i: _label(r)[0] for i, r in enumerate(grid) if is_data[i]}
    merged: set[int] = set()
    for i in range(len(grid) - 1):
        if not is_data[i] and is_data[i + 1]:
            text = " ".join(c.text for c in grid[i] if c.kind == "text")
            nxt = labels[i + 1]
            if text and nxt[:1] and (nxt[:1] == "(" or nxt[:1].islower()):
                labels[i + 1] = f"{text} {nxt}"
                merged.add(i)
    return labels, merged


def _title(header: list[list[Cell]], title_rows: set[int], value_cols: list[int]) -> str:
    """Header text that names the whole table: rows of one cell, and cells over no figure."""
    first = value_cols[0]
    return " ".join(
        c.text
        for i, r in enumerate(header)
        for j, c in enumerate(r)
        if c.kind == "text"
        and (i in title_rows or j < first or j not in value_cols)
        and not _COLUMN_NAME.match(c.text)
    )


def _one_table(table: Table, page: PageText) -> list[Metric]:
    if not any(any(c.strip() for c in r) for r in table.rows):
        return []
    rows = _split_stacked([_own_label([join_split_numbers(c) for c in r]) for r in table.rows])
    rows += _continued_in_text(rows, page)
    width = max(len(r) for r in rows)
    grid = [[parse_cell(c) for c in r] + [Cell("empty", "")] * (width - len(r)) for r in rows]
    is_data = [any(c.kind in _FIGURE for c in r) for r in grid]
    if not any(is_data):
        return []
    labels, merged = _merge_continued_labels(grid, is_data)
    header = [grid[i] for i in range(is_data.index(True)) if i not in merged]
    value_cols = sorted(
        {c for i, r in enumerate(grid) if is_data[i] for c, x in enumerate(r) if x.kind in _FIGURE}
    )
    title_rows = {i for i, r in enumerate(header) if sum(c.kind == "text" for c in r) == 1}
    title = _title(header, title_rows, value_cols)
    caption = _caption(page, table) if not family_of(title) or not only_year(title) else ""
    columns = [r for i, r in enumerate(header) if i not in title_rows]
    periods, groups = _periods(columns, value_cols)
    heads = {c: _column_text(header, c, title_rows) for c in range(width)}
    subs = _sub_headers(heads, groups, grid, is_data)
    table_year = only_year(title) or only_year(caption)
    families = (outcome_of(title) or outcome_of(caption), family_of(title) or family_of(caption))
    out: list[Metric] = []
    for i, r in enumerate(grid):
        if not is_data[i]:
            continue
        raw_label = labels[i]
        label = normalise_label(strip_periods(raw_label))
        context = (f"{title}: " if title else "") + " | ".join(c.text for c in r if c.text)
        below = _caption_row(grid, i, is_data) if not raw_label else None
        for c in value_cols:
            cell = r[c]
            if cell.kind != "value" or cell.text.startswith(("+", "−")) or _CHANGE.search(heads[c]):
                continue  # no figure, or a change from the year before
            if len(cell.values) > 1 and not any(k for k, _ in cell.values):
                continue  # several bare figures in one cell: no way to tell them apart
            sub = below[c] if below else subs.get(c, "")
            name = label or normalise_label(sub) or normalise_label(strip_periods(title))
            if label and sub:
                name = f"{label} {normalise_label(sub)}"
            family = _family(raw_label, sub, families)
            if not family or not name:
                continue
            period = periods.get(c) or only_year(raw_label) or table_year
            for key, n in cell.values:
                full = name if key is None else f"{name} ({key})" if key == "%" else f"{name} {key}"
                out.append(page.metric(family, full, period, n.value, n.unit, context, n.qualifier))
    return out


def _family(row: str, column: str, table: tuple[str | None, str | None]) -> str | None:
    """An outcome named by the row, the column or the table; else the table's volume family."""
    return (
        outcome_of(row)
        or outcome_of(column)
        or table[0]
        or family_of(column)
        or table[1]
        or family_of(row)
    )


def _caption_row(grid: list[list[Cell]], i: int, is_data: list[bool]) -> list[str] | None:
    """Captions under a row of bare figures: a designed "tiles" layout ("4,120" / "arrests")."""
    if i + 1 >= len(grid) or is_data[i + 1]:
        return None
    below = grid[i + 1]
    if not any(c.kind == "text" for c in below):
        return None
    return [c.text for c in below]


def _sub_headers(
    own: dict[int, str],
    groups: list[list[int]],
    grid: list[list[Cell]],
    is_data: list[bool],
) -> dict[int, str]:
    """Column sub-headers (from `own`, each column's header text), needed only when a row
    has several figures for one period."""
    multi = any(
        sum(1 for c in g if grid[i][c].kind in _FIGURE) > 1
        for i in range(len(grid))
        if is_data[i]
        for g in groups
    )
    if not multi:
        return {}
    width = len(grid[0])
    out: dict[int, str] = {}
    starts = [g[0] for g in groups] + [width]
    for gi, g in enumerate(groups):
        span = range(g[0], max(starts[gi + 1], g[-1] + 1))
        texts = [own[c] for c in span if own[c]]
        if len(texts) == len(g):
            out.update(zip(g, texts, strict=True))
        else:
            out.update({c: own[c] for c in g if own[c]})
    return out
