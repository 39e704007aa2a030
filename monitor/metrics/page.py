"""One page made ready for the extractors: its lines, its tables and what is left to read.

Preparation removes what is never a figure's context (copyright footers, page numbers, list
and footnote markers) and the lines that are a table's flattened text, so a figure read from a
table is not read again from the same table's text under another label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ..model import Extracted, Metric, Table
from .numbers import Scan, join_split_numbers, scan, years_in
from .periods import kind_of
from .vocab import outcome_of

_BOILERPLATE = re.compile(r"(?i)copyright\s*©|©\s*\d{4}|all rights reserved")
_LIST_MARKER = re.compile(r"^\s*(?:\d{1,2}[.)]|[•▪●◦*-])\s+")
_FOOTNOTE_START = re.compile(r"^\s*(\d{1,2})\s+(?=[A-Z](?:[a-z]|\s))")
_FOOTNOTE_REF = re.compile(r"(?<=[A-Za-z.,;:)”\"’])(\d{1,2})(?=\s|$)")
_WORD = re.compile(r"[A-Za-z’']+")


@dataclass
class PageText:
    """What every extractor receives. Extractors mark the lines they read in `used`."""

    number: int | None  # 1-based page of a PDF; None for HTML
    kind: str  # "pdf" or "html"
    lines: list[str]  # cleaned lines; "" where a line was removed
    tables: list[Table]
    doc_period: str | None
    used: set[int] = field(default_factory=set)
    raw: list[str] = field(default_factory=list)  # the lines before table text was removed
    items: set[int] = field(default_factory=set)  # lines that began with a list marker

    @cached_property
    def scans(self) -> list[Scan]:
        return [scan(line) for line in self.lines]

    def free(self, i: int) -> bool:
        return 0 <= i < len(self.lines) and bool(self.lines[i]) and i not in self.used

    def metric(
        self,
        family: str,
        label: str,
        period: str | None,
        n_value: float,
        unit: str,
        context: str,
        qualifier: str | None = None,
    ) -> Metric:
        if period is None:  # "" is none on purpose ("last year"): not the document's year
            period = self.doc_period
        return Metric(
            family=family,
            label=label,
            period=period or None,
            value=n_value,
            unit=unit,
            page=self.number,
            context=trim(context),
            qualifier=qualifier,
            period_kind=kind_of(period),
        )


def trim(text: str, limit: int = 300) -> str:
    text = " ".join(text[: limit * 4].split())  # never more than its start: linear per page
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def words(text: str) -> int:
    return len(_WORD.findall(text))


_GLUED_FOOTNOTE = re.compile(r"(?:(?<=[A-Za-z]{2}[a-z])|(?<=\)))\d{1,2}\b")  # "Location3", "ICACs1"
_PERIOD_WORDS = re.compile(
    r"(?i:\b(?:in|during|for|as of|of|from|since)\s+)?(?i:the\s+)?"
    r"(?:\b(?:CY|FY|(?i:calendar|fiscal|financial)\s+(?i:year))\s*'?(?=\d)|\b)(?:19|20)\d\d"
    r"(?:\d{1,2}|\s?[-–/]\s?\d\d(?:\d\d)?)?\b(?:\s+(?i:fiscal|financial)\s+(?i:year))?"
    r"|\((?:[\d/\s–-]|to)+\)"
    r"|(?i:\bsince\s+(?:(?:its|the|our|their)\s+)?(?:inception|launch|creation|founding)\b"
    r"|\bto\s+date\b)"
)


def strip_periods(text: str) -> str:
    """A label without the period it names: the period is a field of its own."""
    return _PERIOD_WORDS.sub(" ", text)


def normalise_label(text: str, limit: int = 120) -> str:
    """Lowercase, one line, footnote markers and stray marks removed."""
    t = _GLUED_FOOTNOTE.sub("", " ".join(text.split()))
    t = re.sub(r"[*†‡]+", "", t).replace("/ ", "/")
    t = " ".join(t.split()).strip(" :;,.–—-").lower()
    return t[:limit].rstrip()


def doc_period(doc: Extracted, url: str, title: str | None) -> str | None:
    """The document's own year: its title, its URL's file name, then its first lines."""
    from urllib.parse import unquote, urlsplit

    path = unquote(urlsplit(url).path) if url else ""
    for text in (title, doc.title, doc.meta.get("title"), path.rsplit("/", 1)[-1], path):
        if text:  # "Annual Review 2012-13" as written first, then "2024-Report.pdf" as words
            ys = years_in(text) or years_in(text.replace("-", " ").replace("_", " "))
            if ys:
                return ys[0].year
    head = "\n".join(doc.pages[0].splitlines()[:6]) if doc.pages else ""
    m = re.search(r"\bCY\s*((?:19|20)\d\d)\b|\b((?:19|20)\d\d)\s+CyberTipline\b", head)
    if m:
        return m.group(1) or m.group(2)
    m = re.search(r"\bFY\s*((?:19|20)\d\d)\b", head)
    return f"FY{m.group(1)}" if m else None


def _clean_lines(text: str, number: int | None, kind: str) -> tuple[list[str], set[int]]:
    """The page's lines without running heads, boilerplate, list markers and footnote marks,
    and which of them were list items."""
    lines = [ln.strip() for ln in text.split("\n")]
    if kind == "pdf" and number is not None:
        # running headers and footers carry the page number: "2", "2023 Reports by ESP 2"
        for i in (0, len(lines) - 1) if lines else ():
            if lines[i] == str(number):
                lines[i] = ""
            elif lines[i].endswith(f" {number}") and words(lines[i]) <= 8:
                lines[i] = lines[i][: -len(str(number))].rstrip()
    refs = set(_FOOTNOTE_REF.findall(text)) if kind == "pdf" else set()
    out: list[str] = []
    items: set[int] = set()
    for ln in lines:
        if _BOILERPLATE.search(ln):
            out.append("")
            continue
        if (marker := _LIST_MARKER.match(ln)) is not None:
            items.add(len(out))
            ln = ln[marker.end() :]
        m = _FOOTNOTE_START.match(ln) if kind == "pdf" else None
        if m and (m.group(1) in refs or not outcome_of(ln[m.end() : m.end() + 40])):
            ln = ln[m.end() :]  # "3 It may not be possible ...": the marker of footnote 3
        out.append(ln)
    return out, items


def _table_values(tables: list[Table]) -> set[tuple[float, str]]:
    values = set()
    for t in tables:
        for row in t.rows:
            for cell in row:
                for n in scan(join_split_numbers(cell)).numbers:
                    values.add((n.value, n.unit))
    return values


def _drop_table_lines(page: PageText) -> None:
    """Blank the lines that are a table's flattened text (their figures are the table's)."""
    values = _table_values(page.tables)
    if not values:
        return
    scans = page.scans
    drop_next_fragments = False
    for i, s in enumerate(scans):
        nums = s.numbers
        if drop_next_fragments and nums and all(n.value < 10 for n in nums):
            page.lines[i] = ""  # "provided 3 7 0 0 1 6": the tails of cut numbers
            drop_next_fragments = False
            continue
        drop_next_fragments = s.broken
        if s.broken:
            page.lines[i] = ""
            continue
        in_table = nums and all((n.value, n.unit) in values for n in nums)
        if in_table and (len(nums) >= 2 or nums[0].value >= 1000 or words(s.text) <= 6):
            page.lines[i] = ""
    page.__dict__.pop("scans", None)


def pages_of(doc: Extracted, period: str | None) -> list[PageText]:
    """The document's pages, cleaned, each with its own tables and without their text.

    Extracted.prose (the text outside pdfplumber's table boxes) is not used: on the designed
    ESP and country lists the one table found is the header, and its box covers the list.
    """
    out = []
    single = len(doc.pages) <= 1
    for index, text in enumerate(doc.pages or [""]):
        number = index + 1 if doc.kind == "pdf" else None
        tables = [t for t in doc.tables if t.page == number or (number is None and single)]
        lines, items = _clean_lines(text, number, doc.kind)
        page = PageText(number, doc.kind, lines, tables, period, raw=list(lines), items=items)
        _drop_table_lines(page)
        out.append(page)
    return out
