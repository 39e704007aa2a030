"""Outcome statements: the sentences, list items and form fields that speak of an outcome,
and how they changed between two versions.

A plain text diff of two transparency reports changes almost every line, because tables,
footnotes and page breaks move. Statements are compared by meaning instead: numbers
masked, whitespace and hyphenation folded, each matched to its closest counterpart, so
reflowed or re-paginated text is not a change. A statement whose only change is a number is
paired apart (`renumbered`): that news is the figures' when a figure reports it, and the
statement's own when the figure finder did not read that number.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from .metrics.numbers import NUMBER_WORD
from .metrics.sentences import sentences
from .metrics.vocab import families_in
from .model import Extracted

_COPYRIGHT = re.compile(r"^copyright\b|©|all rights reserved", re.I)
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?$", re.I)
_FOOTNOTE = re.compile(r"^\d{1,2}\s+[A-Z]")
_NUMBER = re.compile(r"\d[\d,.]*")
_BULLET = re.compile(r"^(?:[•\-–*▪◦●]|\d{1,2}\.)\s+")
_DIGITS = re.compile(r"\d+")
_HEADING = re.compile(r"^(?:[A-Z]|[ivx]{1,4}|[IVX]{1,4})\.\s+[A-Z]")
# A line ending in one of these words goes on, whatever the next line starts with.
_CONNECTOR = re.compile(
    r"\b(?:a|an|the|of|in|on|to|for|and|or|by|with|from|as|at|that|which|than|is|are)$|[,(]$",
    re.I,
)
_GLUED_NOTE = re.compile(r"(?<=[a-z])\d{1,2}\b")  # "series8", "program7": footnote markers
_NOT_WORD = re.compile(r"[^a-z#]+")
# a sentence that opens with a part of the people counted before: "Thirty-nine of the 660
# were ...", "Of those, 12 ...", "Six were found in ...", "Another 14 ...", "About 800 are male"
_PART_AFTER = re.compile(
    r"^\W*(?:(?:of|among)\s+(?:the|these|those|them)\b"
    r"|(?:another|a\s+further|about|some|nearly|over|around|more\s+than)?\s*"
    rf"(?:\d[\d,]*|{NUMBER_WORD})\s+(?:[a-z]+\s+){{0,2}}?"
    r"(?:of\s+(?:the|these|those|them)\b|(?:were|are|was|is|had|have)\b))",
    re.I,
)
# An open parenthesis holds a block together for at most this many lines: a stray "(" in a
# table-like page must not join the rest of the page into one statement.
_MAX_OPEN_LINES = 12


@dataclass(frozen=True)
class Statement:
    families: tuple[str, ...]  # in the vocabulary's order; the first is the one reported
    text: str
    page: int | None

    @property
    def family(self) -> str:
        return self.families[0]

    @cached_property
    def key(self) -> str:  # fold() runs four patterns: once per statement, not per comparison
        return fold(self.text)


@dataclass(frozen=True)
class StatementChange:
    kind: str  # statement_added | statement_removed | statement_changed
    old: Statement | None
    new: Statement | None

    @property
    def statement(self) -> Statement:
        return self.new or self.old  # type: ignore[return-value]

    def word_ops(self) -> list[tuple[str, str]]:
        """The changed statement's words as ('=', same), ('-', removed), ('+', added) runs
        (the web view marks them; word_diff() spells them as text)."""
        if not (self.old and self.new):
            return []
        a, b = self.old.text.split(), self.new.text.split()
        out = []
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
            if op == "equal":
                out.append(("=", " ".join(a[i1:i2])))
                continue
            if i2 > i1:
                out.append(("-", " ".join(a[i1:i2])))
            if j2 > j1:
                out.append(("+", " ".join(b[j1:j2])))
        return out

    def word_diff(self) -> str:
        """'[-old words-] {+new words+}' between the two versions of a changed statement."""
        marks = {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}
        return " ".join(marks[op].format(words) for op, words in self.word_ops())


def fold(text: str) -> str:
    """The comparison key: lower case, numbers masked, hyphenation and punctuation folded."""
    text = _GLUED_NOTE.sub("", text)
    text = re.sub(r"(\w)-\s+(\w)", r"\1\2", text.lower())  # "recov- ery", "Non- Governmental"
    text = _NUMBER.sub("#", text.replace("-", ""))
    return _NOT_WORD.sub(" ", text).strip()


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Lines repeated at the top or bottom of many pages: running headers and footers."""
    if len(pages) < 3:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        edge = lines[:2] + lines[-3:]
        seen.update({_DIGITS.sub("#", ln) for ln in edge})
    return {ln for ln, n in seen.items() if n >= max(3, len(pages) // 2)}


def _body_lines(doc: Extracted) -> list[tuple[int | None, str]]:
    """Prose lines without headers, footers and page numbers; footnotes last.

    Footnotes sit at the bottom of a page, between the two halves of a sentence that runs
    on to the next page, so they are moved out of the way to the end.
    """
    source = doc.prose if doc.prose is not None else doc.pages
    pages = [[ln.strip() for ln in p.splitlines() if ln.strip()] for p in source]
    running = _running_lines(pages)
    out: list[tuple[int | None, str]] = []
    notes: list[tuple[int | None, str]] = []
    for number, lines in enumerate(pages, start=1):
        page = number if doc.kind == "pdf" else None
        kept = [
            ln
            for ln in lines
            if _DIGITS.sub("#", ln) not in running
            and not _COPYRIGHT.search(ln)
            and not _PAGE_NUMBER.match(ln)
        ]
        if doc.kind == "pdf":
            for i in range(len(kept) - 1, max(len(kept) - 12, 0), -1):
                if _FOOTNOTE.match(kept[i]) and not kept[i - 1].endswith((",", ";")):
                    notes += [  # \x00: a footnote's first line starts a segment of its own
                        (page, "\x00" + ln if _FOOTNOTE.match(ln) else ln) for ln in kept[i:]
                    ]
                    kept = kept[:i]
                    break
        out += [(page, ln) for ln in kept]
    return out + notes


def segments(doc: Extracted) -> list[tuple[int | None, str]]:
    """Sentences, list items and form fields, joined across line and page breaks."""
    lines = _body_lines(doc)
    widths = sorted(len(ln) for _, ln in lines) or [0]
    typical = widths[int(len(widths) * 0.75)]  # a full line of a paragraph
    blocks: list[tuple[int | None, list[str]]] = []
    closed = False  # the last block is a heading: it takes only the heading's own rest
    depth = 0  # parentheses the last block left open (kept as lines come: no recount)
    for page, line in lines:
        heading = _HEADING.match(line) is not None
        opened = line.count("(") - line.count(")")
        if closed and _title_like(line, typical):  # a heading wrapped onto a second line
            blocks[-1][1].append(line)
            depth += opened
            continue
        starts_new = (
            not blocks
            or (closed and not line[:1].islower())
            or heading
            or line.startswith("\x00")
            or _BULLET.match(line) is not None
            or (not line[:1].islower() and _ends_block(blocks[-1][1][-1], depth, typical))
            or (depth > 0 and len(blocks[-1][1]) >= _MAX_OPEN_LINES)
        )
        line = line.lstrip("\x00")
        if starts_new:
            blocks.append((page, [line]))
            depth = opened
        else:
            blocks[-1][1].append(line)
            depth += opened
        closed = heading and not _CONNECTOR.search(line)
    out = []
    for page, block in blocks:
        text = " ".join(block)
        text = re.sub(r"(\w)- (\w)", lambda m: m.group(1) + "-" + m.group(2), text)
        for sentence in sentences(text):
            sentence = sentence.strip()
            if len(sentence) > 3:
                out.append((page, sentence))
    return out


def _title_like(line: str, typical: int) -> bool:
    """Short, and its words capitalised: the rest of a heading."""
    words = [w for w in line.split() if not _CONNECTOR.search(w)]
    capital = sum(w[:1].isupper() for w in words)
    return len(line) < 0.6 * typical and bool(words) and capital >= 0.6 * len(words)


def _ends_block(previous: str, depth: int, typical: int) -> bool:
    """A line ends its block when it ends a sentence or a field, or stops well short;
    never inside an open parenthesis (a drop-down's options wrap onto the next line)."""
    if _CONNECTOR.search(previous) or depth > 0:
        return False
    return previous.endswith((".", "?", "!", ":", ")")) or len(previous) < 0.6 * typical


def find_statements(doc: Extracted) -> list[Statement]:
    """The document's outcome statements, in reading order. A sentence that goes on counting
    the people of the outcome sentence before it ("660 suspects were arrested. Thirty-nine of
    the 660 were registered sex offenders") is one too, in that sentence's families: its
    numbers are parts of the outcome, in words the vocabulary cannot know."""
    out: list[Statement] = []
    last: tuple[int | None, tuple[str, ...]] = (None, ())
    for page, text in segments(doc):
        families = families_in(text)
        if not families and last[1] and last[0] == page and _PART_AFTER.match(text):
            families = last[1]
        if families:
            out.append(Statement(families, text[:1000], page))
        last = (page, families)
    return out


def _unmatched(items: list[Statement], common: Counter[str]) -> list[Statement]:
    """The items left once each key's `common` count of them has been matched."""
    left = common.copy()
    out = []
    for s in items:
        if left[s.key] > 0:
            left[s.key] -= 1
        else:
            out.append(s)
    return out


def compare_statements(
    old: list[Statement], new: list[Statement], threshold: float = 0.6
) -> list[StatementChange]:
    """Match each statement to its closest counterpart; what is left over was added or removed.

    Equal keys (numbers masked) are the same statement; a changed number is a figure's news,
    not a statement's. Among the rest, the most similar pairs above `threshold` are changes.
    """
    common = Counter(s.key for s in old) & Counter(s.key for s in new)
    rest_old, rest_new = _unmatched(old, common), _unmatched(new, common)

    pairs = []
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    for j, b in enumerate(rest_new):
        matcher.set_seq2(b.key.split())  # indexed once per new statement, not once per pair
        for i, a in enumerate(rest_old):
            matcher.set_seq1(a.key.split())
            if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
                continue
            ratio = matcher.ratio()
            if ratio >= threshold:
                pairs.append((ratio, i, j))
    changes = []
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    for _, i, j in sorted(pairs, reverse=True):
        if i not in taken_old and j not in taken_new:
            taken_old.add(i)
            taken_new.add(j)
            changes.append(StatementChange("statement_changed", rest_old[i], rest_new[j]))
    changes += [
        StatementChange("statement_removed", s, None)
        for i, s in enumerate(rest_old)
        if i not in taken_old
    ]
    changes += [
        StatementChange("statement_added", None, s)
        for j, s in enumerate(rest_new)
        if j not in taken_new
    ]
    return changes


def _digits(text: str) -> str:
    return "".join(_DIGITS.findall(_GLUED_NOTE.sub("", text)))


def renumbered(old: list[Statement], new: list[Statement]) -> list[StatementChange]:
    """Statements whose only change is a number: the same key (numbers masked), other digits.

    Paired in reading order among equal keys, as `compare_statements` counts them. Digits are
    compared without separators and without the footnote markers a PDF glues to a word
    ("reports8"), which the key drops too.
    """
    olds: dict[str, list[Statement]] = {}
    for s in old:
        olds.setdefault(s.key, []).append(s)
    changes = []
    for s in new:
        same = olds.get(s.key)
        if same:
            before = same.pop(0)
            if _digits(before.text) != _digits(s.text):
                changes.append(StatementChange("statement_changed", before, s))
    return changes
