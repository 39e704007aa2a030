"""Figures in sentences: "... led to 1,234 arrests in 2024", "Arrests rose to 1,234".

Each figure is read with the few words on either side of it, within its clause and up to the
neighbouring figures: the family is the one those words name (vocab.classify), the period is
the year nearest to it in the same clause. A figure whose clause only says "it received 32
million" inherits the family of the figure before it in the same sentence ("over 29.3 million
reports in CY 2021; in CY 2022, it received 32 million").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from itertools import pairwise

from ..model import Metric
from .numbers import WHOLE_OF, Number, Scan, scan
from .page import PageText, normalise_label, strip_periods
from .periods import Year, kind_of, shift
from .relations import (
    _COORDINATED,
    _KID_COUNTED,
    _KID_NP,
    _OTHER,
    _PERSON_NP,
    AGE_BEFORE,
    NONE,
    QUALIFIED,
    RECEIVED_BY_POLICE,
    THEM,
    UNIT,
    Binding,
    before_verb,
    bind,
    feedback_before,
    is_change,
    noun_family,
    whole_outcome,
)
from .sentences import sentences
from .skeleton import AGE_LIMIT, loose_skeleton, skeleton
from .vocab import HOTLINE, OUTCOMES, POLICE, classify

_BEFORE_WORDS = 7
_AFTER_WORDS = 8
_ASKS = re.compile(r"(?i)\bhow\s+(?:many|much)\b[^?]*\?\s*[\"”’)]*\s*$")  # a question
_OF_WHOLE = re.compile(rf"{WHOLE_OF}\S+")  # the whole a part is of, blanked by numbers.scan
_COMMA_CLAUSE = re.compile(r"[;,]|\.(?=\d|\s|$)|\s[–—]\s")
_CLAUSE = re.compile(r";|\.(?=\d)")
# words trimmed from the ends of a label: "the number of [arrests] was" -> "arrests"
_STOP = re.compile(
    r"(?i)^(?:the|a|an|of|in|on|by|to|for|and|or|with|was|were|is|are|has|have|had|been|be"
    r"|being|it|its|this|these|those|that|which|who|whom|than|more|over|about|nearly|almost"
    r"|approximately|from|as|at|into|up|down|rose|fell|increased|decreased|totaled|totalled"
    r"|reached|numbered|stood|total|there|their|our|we|they|also|some|all|any|number"
    r"|reported|-|:)$"
)
_LETTERS = re.compile(r"[A-Za-z]")
# a figure that is a part of the one before: "including 6 in New Zealand", "– 65 internationally
# and 49 domestically", "of whom 12 ..."
_SUBSET = re.compile(
    r"(?:\binclud(?:ing|es|ed)|\bof\s+(?:whom|which|these|those|them)|\bamong\s+(?:them|those)"
    r"|[–—:(]|^\s*(?:[\w’'-]+\s+){0,4}(?:,\s*)?(?:and|or)"
    r"|\bcompared\s+(?:to|with)|\bversus|\bvs\.?|\bagainst)\s*$",
    re.I,
)
_WORD = re.compile(r"[\w’'/&.-]+|:")
# an item of an inline list with its count in parentheses: "Ohio (58), Utah (40) and Iowa (35)"
_LIST_ITEM = re.compile(r"(?:^|[\s,;:])(?P<name>(?:[A-Z][\w.’'-]*\s+){1,3})\($")


# a line that is a caption and its figure: "Reports forwarded to police: 26,400+" ends there
_LABEL_FIGURE = re.compile(r":\s*(?:[\w.,]+\s+)?\d[\d,.]*\s*(?:[KMB]|million|billion)?\+?\*?$")


def paragraphs(page: PageText) -> list[str]:
    """The page's free lines as paragraphs.

    PDF lines wrap anywhere, so consecutive lines are joined. HTML lines are blocks, except
    where the page source wrapped a sentence: a line that goes on in lowercase (or with a
    figure), or follows a comma, continues the one before. A list item begins a paragraph.
    """
    out: list[str] = []
    parts: list[str] = []  # the paragraph so far, joined once at its end (linear time)
    tail = ""  # its last characters, all the tests below look at
    for i, line in enumerate(page.lines):
        if not page.free(i):
            if parts:
                out.append("".join(parts))
            parts, tail = [], ""
            continue
        if (
            parts
            and (
                i in page.items  # a list item: "...; • reports to Cybertip.ca have resulted in ..."
                or (
                    page.kind != "pdf"
                    and (
                        not (
                            line[:1].islower()
                            or line[:1].isdigit()
                            or tail.endswith((",", ";", "-", "("))
                        )
                        or _LABEL_FIGURE.search(tail)
                    )
                )
            )
        ):
            out.append("".join(parts))
            parts, tail = [], ""
        if tail.endswith("-") and tail[-2:-1].isalnum() and line[:1].isalnum():
            piece = line  # "Hash-" + "Sharing"
        else:
            piece = f" {line}" if parts else line
        parts.append(piece)
        tail = (tail + piece)[-120:]
    if parts:
        out.append("".join(parts))
    return out


def _bounds(text: str, pos: int, rx: re.Pattern[str], lo: int, hi: int) -> tuple[int, int]:
    """The clause around pos, as cut by rx, no wider than [lo, hi)."""
    left = max([m.end() for m in rx.finditer(text, lo, pos)], default=lo)
    m = rx.search(text, pos, hi)
    return left, m.start() if m else hi


def _tail_words(text: str, n: int) -> str:
    return " ".join(text.split()[-n:])


def _head_words(text: str, n: int) -> str:
    return " ".join(text.split()[:n])


def _trim(ws: list[str]) -> list[str]:
    while ws and _STOP.match(ws[0]):
        ws = ws[1:]
    while ws and _STOP.match(ws[-1].rstrip(":")):
        ws = ws[:-1]
    return ws


def _label(before: str, after: str, m: re.Match[str]) -> str:
    """The words that name the figure, from the family's match to the figure."""
    offset = len(before) + 3  # where `after` starts in the window "before # after"
    if m.start() >= offset:  # after the figure: "1,234 [arrests reported by law enforcement]"
        upto = len(after[: m.end() - offset].split())
        phrase = " ".join(after.split()[: upto + 5])
    elif m.end() <= len(before):  # before it: "[the number of arrests] was 1,234"
        phrase = before[m.start() :]
    else:  # around it: "[identified] 57 [children]"
        phrase = f"{before[m.start() :]} {after[: max(0, m.end() - offset)]}"
    return normalise_label(" ".join(_trim(_WORD.findall(phrase))[:8]))


_LABEL_PREP = {"for", "of", "under", "in", "on", "by", "from", "against", "involving", "at", "to",
               "across", "through", "via", "within"}  # fmt: skip
_LABEL_END = re.compile(
    r"(?i)^(?:and|or|but|nor|were|was|is|are|have|has|had|been|be|that|which|who|while"
    r"|whereas|as|than|it|they|he|she|we|its|their|after|before|since|during|compared)$"
)


def _noun_label(before: str, after: str, m: re.Match[str]) -> str:
    """The counted noun and the phrase that says which ones, no more: "arrests for
    possession", "arrests under operation predator" (not the verb that follows: a label is
    part of a figure's identity and must not change with the rest of the sentence)."""
    offset = len(before) + 3
    if m.start() < offset:
        return _label(before, after, m)
    ws = after.split()
    upto = len(after[: m.end() - offset].split())
    if (
        upto + 1 < len(ws)
        and ws[upto].lower() in ("and", "or", "&")
        and (also := classify(ws[upto + 1]))
        and also[0] == classify(" ".join(ws[:upto]))[0:1][0]
    ):
        upto += 2  # "images and videos"
    out = ws[:upto]
    if upto + 1 < len(ws) and ws[upto].lower() in ("relating", "related") and ws[upto + 1] == "to":
        out.append(ws[upto])  # "reports relating to child sexual exploitation"
        upto += 1
    if upto < len(ws) and ws[upto].lower() in _LABEL_PREP and not ws[upto - 1].endswith(","):
        out.append(ws[upto])
        for w in ws[upto + 1 : upto + 6]:  # "of suspected child sexual exploitation"
            if _LABEL_END.match(w.strip(",;:")) or w.lower() in _LABEL_PREP:
                break
            out.append(w)
            if w.endswith((",", ";", ":")):
                break
        while out[upto:] and out[-1].lower().strip(",;:") in _LABEL_PREP:
            out.pop()  # "arrests across" four counties: no dangling preposition
    return normalise_label(" ".join(_trim(_WORD.findall(" ".join(out)))))


# between the two figures of "from A to B": "to", or a period then "to" ("from 46,583 in CY
# 2020 to 36,948"; the period is blanked in the masked text)
_FROM_TO_GAP = re.compile(r"(?i)\s*(?:(?:in|during|for)\s+(?:the\s+)?(?:CY|FY)?\s+)?to\s*")


def _from_to(s: Scan, nums: list[Number]) -> list[tuple[Number, Number]]:
    """The pairs "from A to B": B is the same quantity as A, a period later."""
    return [
        (a, b)
        for a, b in pairwise(nums)
        if _FROM_TO_GAP.fullmatch(s.masked, a.end, b.start)
        and s.masked[max(0, a.start - 12) : a.start].rstrip().lower().endswith("from")
    ]


def _from_to_years(
    s: Scan, pairs: list[tuple[Number, Number]], before: list[str] | None = None
) -> dict[int, str]:
    """ "rose from 3,902 to 4,120" in a sentence naming two years: they take them in order.
    A sentence naming none takes the two of the sentence before ("Between 2004 and 2013 ...
    . ... during this period, from 1,405 to 2,776")."""
    years = list(dict.fromkeys(y.year for y in s.years)) or (before or [])
    if len(years) == 1 and _RANGE.fullmatch(years[0]):
        years = years[0].split("..")  # "From 2016 to 2021, ... from 1,230 to 1,644"
    if len(years) != 2 or years[0] >= years[1]:
        return {}
    return {n.start: y for a, b in pairs for n, y in zip((a, b), years, strict=True)}


# references a figure's period can come from besides the periods themselves (periods.py)
_FISCAL_WORD = re.compile(r"(?i)\b(?:fiscal|financial|budget)\b")
_REFS = ("relative", "deictic", "unknown", "duration", "month")
# references that name a time of their own, nearer the figure than a period named before it
# ("In 2014-15 this was 177, and in the first six months of this year ... 187")
_OWN_TIME = ("deictic", "unknown", "month")


# "410 and 520 arrests in 2021 and 2022 respectively", "... 300 and 350 in those years"
_RESPECTIVELY = re.compile(
    r"(?i)\b(?:respectively|(?:in|during|for|over)\s+(?:those|these|the\s+same|both|the\s+two)"
    r"\s+(?:two\s+)?years)\b"
)
_RANGE = re.compile(r"(?:19|20)\d\d\.\.(?:19|20)\d\d")
_AND = re.compile(r"\s*(?:[a-z]+\s+){0,2}?,?\s*and\s+")  # "45 [victims] and 61"


def _respective_years(s: Scan, nums: list[Number], before: list[str] | None) -> dict[int, str]:
    """Two figures joined by "and" before "respectively" (or "in those years") take the two
    years the sentence names, else the two the sentence before named, in order."""
    m = _RESPECTIVELY.search(s.text) if "respectively" in s.text or "years" in s.text else None
    if not m:
        return {}
    years = list(dict.fromkeys(y.year for y in s.years)) or (before or [])
    if len(years) == 1 and _RANGE.fullmatch(years[0]):
        years = years[0].split("..")  # "In 2016 and 2017 ... in the same years"
    if len(years) != 2:
        return {}
    return {
        n.start: y
        for a, b in pairwise(nums)
        if b.end <= m.start() and _AND.fullmatch(s.masked, a.end, b.start)
        for n, y in zip((a, b), years, strict=True)
    }


class _Periods:
    """A sentence's periods, indexed once, so each figure finds its own in log time (a PDF
    page with no full stop is one "sentence" of thousands of figures and years)."""

    def __init__(
        self, s: Scan, stretch: str | None = None, begun: str | None = None, doc: str | None = None
    ) -> None:
        self.text = s.text
        self.stretch = stretch  # the last fiscal year, quarter or part of a year named before
        self.begun = begun  # the year (and month) the page says a count began ("set up in 2003")
        self.doc = doc  # the document's own period (its title's): what "last year" is from
        self.refs = [y for y in s.refs if y.real or y.kind in _REFS]
        self.ref_starts = [y.start for y in self.refs]
        self.years = list(s.years)
        # what "that year" can name: a period, or the year something began ("started in 2004")
        self.anchors = [y for y in s.refs if y.real or y.kind == "begun"]
        self.anchor_starts = [y.start for y in self.anchors]
        self.year_starts = [y.start for y in self.years]
        self.first_real = next((y.year for y in self.years), None)
        # a start the sentence names, for its "to date" ("since 2022 ... 12 convictions to date")
        self.since = next(
            (y.year for y in self.years if y.kind == "cumulative" and _SINCE_START.match(y.year)),
            None,
        )
        self.relative = next((y for y in s.refs if y.kind in _REFS), None)
        self.cuts = [(m.start(), m.end()) for m in _CLAUSE.finditer(s.masked)]
        self.cut_starts = [c[0] for c in self.cuts]
        self.length = len(s.text)

    def clause(self, n: Number) -> tuple[int, int]:
        """The clause around a figure, as cut by ";" (and a full stop inside a number)."""
        k = bisect_right(self.cut_starts, n.start)
        left = self.cuts[k - 1][1] if k else 0
        right = self.cuts[k][0] if k < len(self.cuts) else self.length
        return left, right

    def resolve(self, y: Year, carried: str | None) -> str | None:
        """A reference's period: "the previous year" is a year before the sentence's own
        period (else the one carried from the sentences before); "that year" is that one;
        "last year" is from the document's own year, and none ("") when it names none;
        "the past 12 months" or "a three-month operation" is none; "in July" is July of the
        year known."""
        if y.kind in ("unknown", "duration"):
            return ""
        if y.kind == "deictic":
            got = (shift(self.doc, y.offset) or "") if self.doc else ""
            if _YEAR.fullmatch(got) and _FISCAL_WORD.search(self.text, y.start, y.end):
                return f"FY{got}"  # "this fiscal year" on a page of 2014: FY2014
            return got
        if y.kind == "month":  # "{y}-07", "{y}-Q1": of the year known (a quarter: or FY)
            like = _FY if "Q" in y.year else _YEAR_OR_MONTH
            known = (self.first_real, carried, self.doc)
            base = next(
                (p[:4] if p[4:5] == "-" else p for p in known if p and like.fullmatch(p)), None
            )
            return y.year.replace("{y}", base) if base else ""
        if y.kind != "relative":
            return self.whole(y.year, carried)
        k = bisect_left(self.anchor_starts, y.start)
        if (
            self.stretch
            and not y.offset
            and not self.first_real
            and "period" in self.text[y.start : y.end].lower()
        ):
            return self.stretch  # "in that period": the last stretch of time named, not a
            # year mentioned in passing ("In the 2021-22 financial year ... in 2018 ...")
        anchor = self.anchors[k - 1].year if k else None
        if k and self.anchors[k - 1].kind == "begun":
            anchor = _YEAR.search(anchor or "").group(0)  # type: ignore[union-attr]
        base = anchor or self.first_real or carried
        if base is None:
            return None
        return shift(base, y.offset) if y.offset else base

    def whole(self, period: str, carried: str | None) -> str:
        """ "since then" from the year named before (else the page's start year), "since
        inception" from the year the page says the count began."""
        if period == "since then" and carried and (m := _SINCE_THEN.fullmatch(carried)):
            return f"since {m.group(1)}"
        if period == "since inception" and self.since:
            return self.since
        if period in ("since then", "since inception"):
            return f"since {self.begun}" if self.begun else "since inception"
        return period

    def _compared_in_parens(self, n: Number, y: Year) -> bool:
        """ "412 arrests (2022: 380)": the year opens the count in brackets, not the figure's."""
        return (
            y.start > n.end
            and self.text[max(n.end, y.start - 3) : y.start].rstrip().endswith("(")
            and _COMPARED_IN_PARENS.match(self.text, y.end) is not None
        )

    def nearest(self, pos: int, lo: int = 0, hi: int | None = None) -> Year | None:
        """The last real period before pos (from lo), else the first after it (up to hi)."""
        k = bisect_left(self.year_starts, pos)
        if k and self.years[k - 1].end <= pos and self.years[k - 1].start >= lo:
            return self.years[k - 1]
        if k < len(self.years) and (hi is None or self.years[k].end <= hi):
            return self.years[k]
        return None

    def period(
        self,
        n: Number,
        lo: int,
        hi: int,
        pairs: dict[int, str],
        carried: str | None,
        after: int = 0,
    ) -> str | None:
        """The period in the figure's own words first, then its clause, then its sentence,
        then a reference in the sentence, then the one carried from the sentences before.
        A figure of "from A to B" in a sentence naming two years takes its year in order
        ("from 300 to 450 between 2019 and 2020": 450 is 2020's, not the year after it).
        `after`: where the figure before ends."""
        if n.start in pairs:  # "from 1,405 to 2,776", "45 and 61 ..., respectively"
            return pairs[n.start]
        k = bisect_left(self.ref_starts, n.end)
        near = self.refs[k] if k < len(self.refs) and self.refs[k].end <= hi else None
        k = bisect_left(self.ref_starts, n.start)
        if not near and k and self.refs[k - 1].start >= lo and self.refs[k - 1].end <= n.start:
            near = self.refs[k - 1]
        if near and near.kind == "duration" and self.years:
            near = None  # "To date, 25 ... during the five month operation": the period named
        if near and self._compared_in_parens(n, near):
            near = None
        if (
            near
            and near.year == "since inception"
            and (dated := next((y for y in self.refs if y.kind == "as_of"), None))
        ):
            near = dated  # "As of 31 December 2023, ... a cumulative 2,276": the date it is at
        own = self.refs[k - 1] if k and self.refs[k - 1].kind in _OWN_TIME else None
        if (
            near
            and near.real
            and near.kind != "cumulative"
            and near.start >= n.end
            and own
            and own.start >= after
        ):
            return self.resolve(own, carried)  # "On May 3 this year, a court convicted 4 men
            # who had abused children in 2019": the sentence's own time, not the crimes'
        if near:
            return self.resolve(near, carried)
        c_lo, c_hi = self.clause(n)
        found = self.nearest(n.start, c_lo, c_hi) or self.nearest(n.start)
        if (
            found
            and found.start > n.end
            and _BASELINE.search(self.text, max(n.end, found.start - 60), found.start)
        ):
            found = None  # "96 arrests, up from 70 in 2021": the year of the count compared
        if found and self._compared_in_parens(n, found):
            found = self.nearest(n.start, c_lo, n.start)  # the figure's is one before, if any
        if found:  # a time of its own between that period and the figure, or before the
            # figure when the period comes after it ("This year, ... 45, compared with 30 in 2022")
            k = bisect_left(self.ref_starts, n.start)
            own = self.refs[k - 1] if k else None
            since = found.end if found.end <= n.start else 0
            if own and own.kind in _OWN_TIME and own.start >= max(since, c_lo):
                return self.resolve(own, carried)
        if found:
            return self.whole(found.year, carried)
        return self.resolve(self.relative, carried) if self.relative else carried


_YEAR = re.compile(r"(?:19|20)\d\d")
_COMPARED_IN_PARENS = re.compile(r"\s*(?:[:=]|figures?\b|totals?\b|\d)")  # "(2022: 380)"
# the words that compare a figure with another: "up from", "compared with", "versus"
_COMPARISON = (
    r"\b(?:up|down|rising|falling|climbing|dropping|increas\w+|decreas\w+)\s+from"
    r"|\b(?:compared|comparison)\s+(?:to|with)|\bversus|\bvs\.?"
)
_BASELINE = re.compile(rf"(?i)(?:{_COMPARISON})(?=\s)")
_YEAR_OR_MONTH = re.compile(r"(?:19|20)\d\d(?:-[01]\d)?")  # "in October" after "September 2023"
_SINCE_START = re.compile(r"since (?:19|20)\d\d")
_FY = re.compile(r"(?:FY)?(?:19|20)\d\d")
_SINCE_THEN = re.compile(r"(?:FY)?((?:19|20)\d\d(?:-\d\d)?)")


def _children_before(
    parent: tuple[str, str, str] | None, raw_before: str, unit: str
) -> tuple[str, str, str] | None:
    """The children a breakdown by sex or age is of: the figure before, when it counts children
    found, or children found named right before with no count ("The rescued children, 40 boys
    and 43 girls")."""
    if parent and parent[0] == "children_identified" and parent[2] == unit:
        return parent
    if _KIDS_FOUND_BEFORE.search(raw_before[-80:]):
        return ("children_identified", "children identified", unit)
    return None


def _adjacent(s: Scan, nums: list[Number], k: int) -> bool:
    """Is the figure next to another one with nothing but spaces between them?"""
    left = k > 0 and not s.masked[nums[k - 1].end : nums[k].start].strip()
    right = k + 1 < len(nums) and not s.masked[nums[k].end : nums[k + 1].start].strip()
    return left or right


def _without_stray_markers(s: Scan) -> list[Number]:
    """Drop a footnote marker that PDF extraction put before the figure: "over 2 32 million"."""
    nums = list(s.numbers)
    out: list[Number] = []
    for k, n in enumerate(nums):
        nxt = nums[k + 1] if k + 1 < len(nums) else None
        raw = s.text[n.start : n.end]
        if (
            nxt
            and n.value < 100
            and raw.isdigit()
            and nxt.value > n.value
            and not s.masked[n.end : nxt.start].strip()
        ):
            if n.qualifier and not nxt.qualifier:
                nums[k + 1] = Number(nxt.start, nxt.end, nxt.value, nxt.unit, n.qualifier)
            continue
        out.append(n)
    return out


# outcomes that a count of reports (or files, referrals) cannot be, without a relation;
# feedback can: it is counted in the reports it came back on
_NOT_OF_VOLUME = tuple(f for f in OUTCOMES if f != "law_enforcement_feedback")


# verbs of a number changing or arriving at a value: "rose", "has fallen", "tripled"
_CHANGED = (
    r"(?:rose|risen|grew|grown|increased|fell|fallen|dropped|declined|decreased|climbed|jumped"
    r"|soared|surged|plunged|plummeted|doubled|tripled|quadrupled|halved|went\s+up|went\s+down"
    r"|reached|hit|topped)"
)
_NUMBER_OF = re.compile(
    r"(?i)\bthe\s+(?:[a-z]+\s+)?number\s+of\s+"
    r"(?P<np>[^.;\d–—]{1,120}?)\s*(?:(?:is|was|stands|stood|totals?|totall?ed|came\s+to"
    rf"|{_CHANGED})\b[^.;]{{0,30}}|[–—:]\s*"
    rf"{QUALIFIED})$"
)
# "the number of suspects ... increased by 54%, from 2,972 to 4,579": the change of that number
_NUMBER_OF_CHANGE = re.compile(
    rf"(?i)\bthe\s+(?:total\s+)?number\s+of\s+(?P<np>[^;]{{1,160}}?)\s+{_CHANGED}\b[^;]{{0,60}}?"
    r"\bfrom\s+$"
)
# a figure whose verb is left out, the one before's ("..., two of statutory rape, and two of")
_GAPPED_BEFORE = re.compile(r",\s*(?:and\s+)?$")
_GAPPED_AFTER = re.compile(
    r"\s+(?:of|for|with)\s+(?!(?:the|these|those|them|whom|which|all)\b)\w", re.I
)
# a figure given to compare with the one before, with no noun of its own: "..., up from 6,240
# the previous year", "compared with 29 million a year earlier": the same quantity
_COMPARED = re.compile(
    rf"(?i)(?:{_COMPARISON}|\bagainst|\bfrom)\s+(?:(?:just|only|some)\s+)?{QUALIFIED}$"
)
# a figure the one before changed to: "rescued 101 victims, which rose slightly to 105"
_CHANGED_TO = re.compile(rf"(?i)\b{_CHANGED}(?:\s+\w+ly)?\s+to\s+{QUALIFIED}$")
_PERIOD_AND = re.compile(r"(?i)\s*(?:in|during|for)?\s*(?:,|and\b|$)")  # "to 105 in October and"
_PERIOD_ONLY = re.compile(
    r"(?i)^(?:\s|[,.;)(]|\b(?:the|a|an|same|previous|prior|last|preceding|year|years|earlier"
    r"|before|period|quarter|month|in|of|that|time|one|two|three|fiscal|financial|calendar"
    r"|ago|cy|fy|whole|all|full|entire|over|during|for|half|first|second)\b)*$"
)
# a figure with no noun of its own, its verb and noun left out ("local police provided 816
# and federal agencies 336", "Kent made 310 arrests, Essex 204 and Surrey 96")
_GAPPED_END = re.compile(
    r"\s*(?:times\b\s*)?(?:(?:[,;]\s*)?(?:and|or|while|whereas|but)\b|(?:[,;]|\.(?!\d)|$))"
)
# a subject and a verb of total before the figure: "X totalled N", "X reached N"
_SUBJECT_TOTAL = re.compile(
    r"(?i)(?:^|[.;:,]\s*)(?P<subj>(?:[^.;:,\d]|\b(?:19|20)\d\d\b){3,120}?)\s+(?P<verb>totall?ed|totals"
    r"|numbered|came\s+to"
    r"|amounted\s+to|stood\s+at|reached|(?:rose|grew|increased|fell|dropped|declined|climbed"
    r"|jumped)(?:\s+(?:by\s+)?(?:some\s+)?\d[\d.,]*\s?(?:%|per\s*cent|percent))?\s+to)\s+"
    rf"{QUALIFIED}$"
)
# a figure followed by where (or which part) it is, with no noun of its own
_PLACE_AFTER = re.compile(
    r"(?i)\s*(?:(?:in|at|from|on|across|within|for)\s+(?!(?:which|whom)\b)\w|(?:internationally"
    r"|domestically|nationally|locally|abroad|overseas|elsewhere|nationwide|worldwide|online)\b)"
)
# what may stand between two parts of a list: the first one's place, a comma, "and"
_LIST_GAP = re.compile(
    r"(?i)^[^.;]{0,80}?(?:,\s*(?:and\s+|while\s+|with\s+|including\s+)?|\s+and\s+)"
    r"(?:another\s+|a\s+further\s+|an\s+additional\s+)?$"
)  # ("..., with 22 in the Kent area", "..., including 9 in Leeds": a part by its place)
# an outcome undone between two figures: "convicted on 3 counts and acquitted on 2"
_UNDONE = re.compile(
    r"(?i)\b(?:acquitted|cleared|dismissed|dropped|withdrawn|released|discontinued|overturned"
    r"|not\s+guilty|declined|rejected|refused)\b"
)
# an age limit: "children under 12", "were over 16" (not "over 500 reports")
_AGE_LIMIT = re.compile(
    r"(?i)\b(?:children|child|victims?|girls|boys|minors|kids|men|women|people|suspects|offenders"
    rf"|were|was|are|is|all|aged|those)\s+{AGE_LIMIT}$"
)
_NO_NOUN_AFTER = re.compile(
    r"(?i)\s*(?:years?\b|[,.;:)]|$|(?:and|or|at|when|who|were|was|are|is|have|has|had)\b)"
)
# a part by what its people were, with no verb of its own: "were producers", "of them were
# teachers", "were under the age of five" (not "were released", "were in court")
_ROLE = re.compile(
    r"(?i)\s*(?:of\s+(?:them|these|those|the\s+(?:suspects|men|women|people|offenders"
    r"|defendants|children|victims|minors))\s+)?(?:were|are|was|is)\s+"
    r"(?!(?:\w+ed|being|been|not|still|also|in|at|on|to|for|the|later|then|now|released|held"
    r"|taken|given|seen|found|known|shown)\b)(?P<what>(?:[\w’'-]+\s*){1,4})"
)
# children by sex, with no verb of their own: "70 girls and 53 boys", "288 girls versus 264"
_BY_SEX = re.compile(
    r"(?i)\s*(?P<what>(?:(?:fe)?male\s+)?(?:girls|boys)|(?:fe)?male\s+(?:minors|children|victims))\b"
    r"(?!\s+(?:were|was|are|is|had|have)\s+(?:\w+\s+)?\w+ed\b)"
)
# children found, named with no count right before a breakdown: "The rescued children, 40 boys"
_KIDS_FOUND_BEFORE = re.compile(
    r"(?i)\b(?:(?:rescued|identified|safeguarded|recovered|freed|located)\s+(?:children|victims"
    r"|minors)|(?:children|victims|minors)\s+(?:rescued|identified|safeguarded|recovered|freed"
    r"|located))\s*[,:(–—-]\s*$"
)
# a part of the children named before: "Among the children, 45 were under 12"
_AMONG_THEM = re.compile(
    r"(?i)[^.;]*?\b(?:among|of)\s+(?:the|these|those|them)(?:\s+(?:children|victims|minors))?\s*,?\s*"
)
# "1,240 victims, 312 of whom were ...": a part of the figure before
_OF_WHOM = re.compile(r"(?i)\s*of\s+(?:whom|which|them|these|those)\b")
# the people or children a figure counts, for a part of them named later ("nine of the men")
_WHOLE_NOUNS = (
    r"(?P<noun>men|women|people|persons|individuals|suspects|offenders|defendants|adults"
    r"|children|victims|minors|girls|boys|teenagers|juveniles|predators|traffickers)\b"
)
_HEAD_NOUN = re.compile(rf"(?i)\s*(?:[\w’'-]+\s+){{0,2}}?{_WHOLE_NOUNS}")
_PART_OF = re.compile(rf"(?i)\s*of\s+(?:the|those|these)\s+{_WHOLE_NOUNS}")
_INCLUDING = re.compile(r"(?i)\binclud(?:ing|es|ed)\s*$")  # a part, past a place in between
# a part said to be among the next figure: "Two men from Malta were among [the] 79"
_AMONG_NEXT = re.compile(
    r"(?i)\s*(?:[\w’'-]+\s+){0,5}?(?:were|are|was|is)\s+(?:also\s+)?among\s+(?:the\s+)?"
    r"(?:(?:more|fewer|less)\s+than\s+|over\s+|nearly\s+|almost\s+|some\s+|about\s+)?"
)
# a figure with only a modifier of its own, coordinated with the next: "41 felony and 3"
_ADJECTIVE_AND = re.compile(r"(?i)\s*(?!(?:and|or|in|of|to)\b)[a-z-]+\s+(?:and|or)\s+")
# a sentence that opens with the parts of the figure the sentence before ended with
_INCLUDES = re.compile(
    r"(?i)^\W*(?:(?:this|these|that|those|they|it|the\s+(?:total|figure|number))\s+"
    r"(?:figure\s+|number\s+|total\s+)?(?:also\s+)?(?:includes?|included|comprises?|comprised"
    r"|covers?|covered)|(?:of|among)\s+(?:them|these|those))\s*,?\s*"
    rf"{QUALIFIED}$"
)
_THERE_WERE = re.compile(rf"(?i)(?:^|[.;]\s*)there\s+(?:were|was|had\s+been)\s+{QUALIFIED}$")
_EARLIER_IN_PARENS = re.compile(
    r"(?i)\b(?:previous|prior|preceding|last|same)\s+(?:year|period|quarter)\b[^.;()]{0,20}\(\s*$"
    r"|\b(?:a\s+year|the\s+year)\s+(?:before|earlier)\s*\(\s*$"
)
_TOTAL = re.compile(r"(?i)\b(?:a|the|in)\s+total\s+(?:of\s+)?$|\b(?:totall?ing|altogether)\s+$")
_CONTINUES = re.compile(
    r"(?i)\b(?:(?:that|the|this)\s+(?:number|figure|total|count)\b[^.;]{0,40}"
    r"|(?:grown|grew|risen|rose|increased|fallen|fell|dropped|climbed|jumped|reached)\s+to"
    r"(?:\s+\w+){0,2})\s*$"
)


_NOUN_WORD = re.compile(r"[A-Za-z][a-z’'-]{2,}")
_FINITE_VERB = re.compile(r"(?i)\b(?:are|were|is|was|have|has|had|will|would|be|been)\b")


def _same_noun(one: str, two: str) -> bool:
    """Do two list items name the same noun in their first three words ("27 Queensland
    children, 2 children interstate")?"""
    heads = {w.lower() for w in _NOUN_WORD.findall(" ".join(one.split()[:3]))}
    return any(
        w.lower() in heads and not _STOP.match(w)
        for w in _NOUN_WORD.findall(" ".join(two.split()[:3]))
    )


def _join_label(label: str, words: list[str]) -> str:
    """A label with more words, none repeated where the two meet: "arrests" + "arrests for
    distribution" is "arrests for distribution", never "arrests arrests for distribution"."""
    have = label.split()
    words = [w.lower() for w in words]
    k = next((k for k in range(min(len(have), len(words)), 0, -1) if have[-k:] == words[:k]), 0)
    return normalise_label(" ".join(have + words[k:]))


def _other_kind(family: str, counted: str) -> bool:
    """Does the figure count what its family never counts: offenders as children identified,
    children as arrests ("identified 6 victims and 1 offender"), people as files or reports,
    devices or accounts as files ("found 12 devices containing images")?"""
    if family == "children_identified":
        return bool(_PERSON_NP.match(counted))
    if family in OUTCOMES:
        return bool(_KID_COUNTED.match(counted)) and not _PERSON_NP.match(counted)
    return bool(
        _PERSON_NP.match(counted)
        or _KID_COUNTED.match(counted)
        or (family == "files" and _OTHER.match(counted))
    )


_VERBISH = re.compile(
    r"(?i)^(?:\w+ed|made|gave|sent|got|had|did|saw|took|logged|provides?|makes?)$"
)


def _subject(before: str) -> list[str]:
    """Who gave a part of a total, without the verb it repeats: "local police provided 816"
    -> "local police"."""
    words = _trim(before.split())
    while words and _VERBISH.match(words[-1]):
        words = _trim(words[:-1])
    return words[-4:]


# the group a figure is a part of, named before it in the sentence: "Of the people arrested,",
# "Of the 82 juveniles recovered,", "Out of the 320 arrested,", "Of the 39,"
_OF_GROUP = re.compile(
    r"(?i)(?:^|(?<=[\s,;:(]))(?:of|out\s+of|among)\s+(?:the|those|these|all)\s+(?:(?P<num>\d[\d,]*)\s*)?"
    r"(?P<np>[^,;.\d]{0,60}?)\s*(?:,|(?=\s+(?:were|are|was|is|include[sd]?)\s+$))"
)  # "Of the people arrested, ...", "Among those rescued were ..."
_FOUND_PREDICATE = re.compile(
    r"(?i)^\s*(?:were|was|have\s+been|had\s+been|are|is)\s+(?:also\s+)?(?:found|located"
    r"|identified|rescued|recovered|safeguarded)\b"
)


# an age set off by commas after a name or a person: "Jackson, 29, from Gateshead"
_APPOSED_AGE = re.compile(
    r"(?:\b[A-Z][a-z’'-]+|\b(?i:man|woman|boy|girl|teenager|teacher|suspect|offender|defendant"
    r"|accused|victim|father|mother|priest|coach|officer|pastor|doctor|nurse|student))\s*,\s*$"
)
_APPOSED_END = re.compile(r"\s*(?:,|\)|$|\.(?!\d)|\s+(?:years?\s+old|year-old)\b)")
# a number that is part of a name: "Operation Cross Country 12", "Phase 3", "Project Arachnid 2"
_NAME_NUMBER = re.compile(r"\b(?:Operation|Phase|Project|Stage|Wave)\s+(?:[A-Z][\w’'-]*\s+){0,5}$")
_NAME_END = re.compile(r"\s*(?:[,.;:)\"”’]|$|(?:and|in|was|were|which|that|is|led|saw)\b|[A-Z])")
# a figure coordinated with the one before, with no noun of its own
_GAPPED_AND = re.compile(rf"(?i)^[^.;]{{0,80}}?(?:,\s*|\s)and\s+{QUALIFIED}$")
# reports received by "it" or "they", the police named in the sentence before
_PRONOUN_RECEIVED = re.compile(
    r"(?i)\b(?:it|they|the\s+(?:unit|team|squad|force|office|department))\s+(?:has\s+|have\s+|had\s+)?"
    rf"(?:(?:also|since|now|already)\s+)*{RECEIVED_BY_POLICE}\s+(?:only\s+)?{QUALIFIED}$"
)
_POLICE_SUBJECT = re.compile(rf"(?i)\b{POLICE}")
_HOTLINE = re.compile(rf"(?i)\b{HOTLINE}\b")


# a sentence, a plea or a verdict before a legal count makes it counts convicted
_SENTENCED = re.compile(
    r"(?i)\b(?:sentenc(?:ed|ing)|jailed|imprison(?:ed|ment)|convicted|found\s+guilty"
    r"|p(?:lea|le)d(?:ed|ing)?\s+guilty|admit(?:s|ted|ting))\b"
)
_BARE_VERB = re.compile(r"(?i)\s*(?:were|was|are|is|related|involved|concerned)\b")


def _group_of(
    before: str,
    after: str,
    last: tuple[str, str, str] | None,
    seen: dict[object, object] | None = None,
) -> tuple[str, str] | None:
    """The family and label of a part of a group named before it in the sentence, when the
    group names an outcome ("people arrested"), is children found ("Of the 103 juveniles, 14
    were found ..."), or is only a number ("Of the 39,": the figure named before)."""
    found = next(reversed(list(_OF_GROUP.finditer(before[-300:]))), None)  # the last one
    if found is None or ";" in before[-300:][found.end() :]:
        return None
    np = " ".join(found.group("np").split())
    if not np and found.group("num") and seen is not None:
        # "... 660 arrests and protected 400 children. Of the 660, 39 ...": the figure of
        # that value named before, not the last one
        value = float(found.group("num").replace(",", ""))
        fam = next((f for f in OUTCOMES if ("restated", f, value) in seen), None)
        if fam:
            return fam, f"{fam.replace('_', ' ')} subset"
    if not np:
        return (last[0], last[1]) if last and last[0] in OUTCOMES else None
    named = classify(np)
    if named and named[0] in OUTCOMES:
        return named[0], f"{_caption(np)} subset"
    if family := noun_family(np):  # "Of those 97 charges, 37 were for possession"
        return family, f"{_caption(np)} subset"
    if _KID_NP.match(np) and _FOUND_PREDICATE.match(after):
        return "children_identified", f"{_caption(np)} found"
    if (
        (whole := whole_outcome(f" {np}"))
        and whole[0] == "children_identified"
        and _KID_NP.match(after)
    ):
        return "children_identified", f"{_caption(np)} subset"  # "Among those rescued were"
    return None


# a figure named again with a definite article: "the five suspects", "the more than 4,000
# seized images", "Of the 82 juveniles recovered"
_RESTATED = re.compile(rf"(?i)\b(?:the|those|these|all|both|against)\s+{QUALIFIED}$")


def _caption(text: str) -> str:
    return " ".join(normalise_label(strip_periods(text)).split()[:8])


def _context(sentence: str, n: Number, width: int = 280) -> str:
    """The figure's sentence, whole when it is of a readable length; else the words around
    the figure (a PDF block without full stops can be one "sentence" of a page)."""
    if len(sentence) <= 2 * width:
        return sentence
    lo, hi = max(0, n.start - width // 2), min(len(sentence), n.end + width // 2)
    return ("…" if lo else "") + sentence[lo:hi] + ("…" if hi < len(sentence) else "")


# what "N of them" counts: the last reports (tips, referrals) named before it
_ANTECEDENT = re.compile(r"(?i)\b(?:cybertipline\s+reports|cybertips|reports|tips|referrals)\b")


def _antecedent(*texts: str) -> str | None:
    """The noun "them" stands for: the last one in the sentence so far (its last 400
    characters), else in the sentence before."""
    for text in texts:
        found = [m.group(0) for m in _ANTECEDENT.finditer(text[-400:])]
        if found:
            return " ".join(found[-1].lower().split())
    return None


def _relation_label(b: Binding, antecedent: str | None = None) -> str:
    """ "reports leading to arrests": what was counted and the outcome, in one stable form
    (the same whatever verb the sentence used: led to, resulted in, marked as producing)."""
    outcome = (b.family or "").replace("_", " ")
    # "N of them ...", and "Of the reports sent ..., N were marked as ...": the noun named before
    counted = antecedent if b.counted == THEM or not b.counted else b.counted
    return f"{counted} leading to {outcome}" if counted else outcome


_STRETCHES = ("fiscal_year", "quarter", "partial")


def prose_metrics(page: PageText) -> list[Metric]:
    """Every classified figure of every sentence of the page's free text."""
    out: list[Metric] = []
    carried: str | None = None  # the last period the page named so far
    span: list[str] = []  # the years of the sentence before, for a "from A to B" without any
    seen: dict[object, object] = {}  # the page's figure identities so far, with their values
    stretch: str | None = None  # the last fiscal year, quarter or part of a year named
    last: tuple[str, str, str] | None = None  # the last figure's family, label and unit
    before = ""  # the sentence before, for what "N of them" counts
    begun: str | None = None  # the year the page says a count began ("set up in 2006")
    for para in paragraphs(page):
        undated: list[int] = []  # the figures of the sentence before, which named no period
        for sentence in sentences(para):
            sc = scan(sentence)
            begun = next((y.year.removeprefix("since ") for y in sc.refs if y.origin), begun)
            found = _sentence(page, sentence, carried, last, span, seen, stretch, before, begun)
            if found:
                m = found[-1]
                last = (m.family, m.label, m.unit)
            if undated and (told := _span_told(sc)):
                for i in undated:
                    out[i] = replace(out[i], period=told, period_kind=kind_of(told))
            unanchored = all(y.kind in ("duration", "unknown") for y in sc.refs)  # "past year"
            undated = (
                [len(out) + i for i, m in enumerate(found) if not m.period] if unanchored else []
            )
            out += found
            years = sc.years
            span = list(dict.fromkeys(y.year for y in years)) if years else span
            stretches = [y.year for y in years if y.kind in _STRETCHES]
            refs = [y for y in sc.refs if y.kind in _REFS]
            if years:
                last_year = years[-1].year
                if last_year in ("since then", "since inception"):  # from the year before
                    last_year = _Periods(sc, stretch, begun).whole(last_year, carried)
                carried = last_year
            elif refs:  # "" (none) after "the past 12 months": not the sentences' before
                got = _Periods(sc, stretch, begun, page.doc_period).resolve(refs[-1], carried)
                carried = got if got is not None else carried
            stretch = stretches[-1] if stretches else stretch
            before = sentence
    return out


# the span of an operation or of statistics, told in the sentence after its figures: "... has
# charged 19 individuals. Operation Digital Siege occurred between August 16 and 19, 2023."
_SPAN_TOLD = re.compile(
    r"(?i)\b(?:operation|initiative|sweep|sting|crackdown|campaign|statistics|figures|data)\b"
)


def _span_told(s: Scan) -> str | None:
    """The one month or span a sentence about an operation or statistics names, if any."""
    told = {y.year for y in s.years}
    if len(told) != 1 or not _SPAN_TOLD.search(s.text):
        return None
    return s.years[0].year if s.years[0].kind in ("partial", "quarter") else None


def counts(text: str) -> list[Number]:
    """The numbers of a text that count something: no percentage, age, duration, size or
    prison term (the numbers no figure is ever made of)."""
    s = scan(text)
    return [
        n
        for n in s.numbers
        if n.unit == "count"
        and not _is_age(s, n)
        and not _is_places(s, n)
        and not UNIT.match(s.masked[n.end : n.end + 60])
    ]


# the places the people counted came from: "46 suspects in 12 countries were arrested"
_PLACES_BEFORE = re.compile(r"(?i)\b(?:in|from|across|throughout|over)\s+(?:some\s+)?$")
_PLACES = re.compile(
    r"(?i)\s+(?:[a-z]+\s+)?(?:countries|states|territories|provinces|cities|towns|counties"
    r"|districts|regions|jurisdictions|nations|municipalities|continents|prefectures)\b"
)


def _is_places(s: Scan, n: Number) -> bool:
    """Where the people counted are: never a figure, and read as words, so that it does not
    cut a figure from its verb (it still ends the figure's label)."""
    return (
        _PLACES_BEFORE.search(s.masked, max(0, n.start - 20), n.start) is not None
        and _PLACES.match(s.masked, n.end) is not None
    )


def _is_age(s: Scan, n: Number) -> bool:
    """ "aged 13 to 17", "312 of whom were under 12", "Jackson, 29, from Gateshead": ages,
    not counts (left out before reading the sentence, so that they cut no clause)."""
    if AGE_BEFORE.search(s.masked, max(0, n.start - 40), n.start) or (
        _AGE_LIMIT.search(s.masked, max(0, n.start - 40), n.start)
        and _NO_NOUN_AFTER.match(s.masked, n.end)
    ):
        return True
    return (
        n.value < 120
        and n.qualifier is None
        and _APPOSED_AGE.search(s.masked, max(0, n.start - 40), n.start) is not None
        and _APPOSED_END.match(s.masked, n.end) is not None
    )


def _sentence(
    page: PageText,
    sentence: str,
    carried: str | None,
    last: tuple[str, str, str] | None,
    span: list[str] | None = None,
    seen: dict[object, object] | None = None,
    stretch: str | None = None,
    previous_sentence: str | None = None,
    begun: str | None = None,
) -> list[Metric]:
    """The figures of one sentence; `last`: (family, label, unit) of the sentence before's
    last figure, for "that number rose to N"; `previous_sentence`: the sentence before, for
    what "N of them" counts."""
    s = scan(sentence)
    if not s.numbers or _ASKS.search(sentence):
        return []  # "how many arrests had been made out of the 24, 35 and 11 cases?": asked
    out: list[Metric] = []
    previous: tuple[str, str, str] | None = None  # family, label, unit of the last figure read
    places = [n.start for n in s.numbers if _is_places(s, n)]
    nums = [n for n in _without_stray_markers(s) if not _is_age(s, n) and n.start not in places]
    from_to = _from_to(s, nums)
    pairs = _from_to_years(s, from_to, span) | _respective_years(s, nums, span)
    seconds = {b.start for _, b in from_to}
    firsts = {a.start for a, _ in from_to}
    first_of = {b.start: a.start for a, b in from_to}
    taken: dict[int, tuple[str, str]] = {}  # a figure's start -> its family and label
    periods_of: dict[int, str | None] = {}  # ... and its period
    periods = _Periods(s, stretch, begun, page.doc_period)
    verb = None  # the verb that bound the previous figure ("identified 195 ... and 383 ...")
    changes: set[int] = set()  # the figures that are changes ("rose by 32"), by index
    for k, n in enumerate(nums):
        base = None  # the label a part of a total extends, for the parts after it
        if _adjacent(s, nums, k):
            continue  # "21,447,786 29,157,083 31,802,525": a table row, not a sentence
        if _NAME_NUMBER.search(s.masked, max(0, n.start - 80), n.start) and _NAME_END.match(
            s.masked, n.end
        ):
            continue  # "Operation We Will Find You 2", "Phase 3": a number in a name
        lo_limit = nums[k - 1].end if k else 0
        if k - 1 in changes:
            # "Arrests rose by 32 to 412": the change is no figure, so 412 reads back past it
            lo_limit = nums[k - 2].end if k > 1 else 0
        hi_limit = nums[k + 1].start if k + 1 < len(nums) else len(sentence)
        lo, _ = _bounds(s.masked, n.start, _COMMA_CLAUSE, lo_limit, n.start)
        label_limit = min((p for p in places if p > n.end), default=hi_limit)
        _, hi = _bounds(s.masked, n.end, _COMMA_CLAUSE, n.end, min(hi_limit, label_limit))
        before = _tail_words(strip_periods(sentence[lo : n.start]), _BEFORE_WORDS)
        whole = _OF_WHOLE.match(sentence, n.end, hi)  # "4 of the 25 suspects": suspects
        start = whole.end() if whole and not s.masked[n.end : whole.end()].strip() else n.end
        after = _head_words(strip_periods(sentence[start:hi]), _AFTER_WORDS)
        window = f"{before} # {after}"
        raw_before = s.masked[lo_limit : n.start]
        if is_change(raw_before):
            changes.add(k)
        shared = (
            s.masked[nums[k + 1].end : nums[k + 2].start if k + 2 < len(nums) else None]
            if k + 1 < len(nums)
            else None
        )
        share = "%" if k and nums[k - 1].unit == "percent" else ""  # "14% of the 2,500 tips"
        kids = previous is not None and previous[0] == "children_identified"
        bound = bind(share + raw_before, s.masked[n.end : hi_limit], verb, shared, kids)
        if bound == NONE and (part := _PART_OF.match(s.masked, n.end, hi_limit)):
            # "two of the men remain at large": the predicate of the part, past its whole
            alt = bind(share + raw_before, s.masked[part.end() : hi_limit], verb, shared, kids)
            bound = alt if alt != NONE else bound
        if (
            bound == NONE
            and shared
            and (
                _ADJECTIVE_AND.fullmatch(s.masked, n.end, hi_limit)
                or (
                    _AMONG_NEXT.fullmatch(s.masked, n.end, hi_limit)
                    and not _RESTATED.search(raw_before)  # "The three men were among 20"
                )
            )
        ):
            # "41 felony and three misdemeanor charges": the noun after the next figure; "Two
            # Maltese men were among 79 who were arrested": a part of the next, in its family
            alt = bind(share + raw_before, shared, verb)
            bound = alt if alt.family else bound
        if bound.also and any(0 < w.start - n.end < 30 for w in s.wholes):
            bound = replace(bound, also=None)  # "Nine men out of the 19 people arrested were
            # indicted": the participle is the whole's outcome, not the part's
        skel = None if bound.family or bound.drop else skeleton(s.masked, n.end)
        if skel is not None:
            # "Five victims — four of them minors — were rescued": the noun and its predicate
            # read without the aside between them
            alt = bind(share + raw_before, skel, verb)
            if alt.family or alt.drop:
                bound = alt
            elif (
                got := classify(
                    f"{before} # {_head_words(strip_periods(skel), _AFTER_WORDS)}",
                    anchor=len(before) + 1,
                )
            ) and got[0] in OUTCOMES:
                bound = Binding(got[0])
        if (
            not bound.family
            and not bound.drop
            and (loose := loose_skeleton(s.masked, n.end))
            and (_PERSON_NP.match(loose[0]) or _KID_NP.match(loose[0]))
            and (alt := bind(share + raw_before, loose[1], verb)).family in OUTCOMES
        ):
            bound = alt  # "Seven men from Toronto, Ontario were charged"
        verb = before_verb(raw_before) or (verb if _COORDINATED.match(raw_before) else None)
        pair = taken.get(first_of.get(n.start, -1))
        if pair and not bound.drop and not bound.family:
            # "from 1,405 to 2,776 cases": the same quantity as the first, a period later
            family, label = pair
            period = periods.period(n, lo, hi, pairs, carried, lo_limit)
            first = first_of[n.start]
            if (
                n.start not in pairs
                and any(first < y.start < n.start for y in s.years)
                and not any(n.end <= y.start < hi for y in s.years)
            ):
                period = ""  # "from 3,511 in 2011 to 3,208": the year is the first figure's
            if periods_of.get(first, 0) == period:
                label = f"{label} later"  # "from 510 to 150" in one period: two figures
            ctx = _context(sentence, n)
            out.append(page.metric(family, label, period, n.value, n.unit, ctx, n.qualifier))
            previous = (family, label, n.unit)
            continue
        group = (
            None
            if bound.drop or bound.family
            else _group_of(
                s.masked[max(0, n.start - 300) : n.start], s.masked[n.end : hi_limit], last, seen
            )
        )
        if bound.drop or (bound.final and bound.family is None and not group):
            continue  # a rate, a negated outcome, or a count of something no family counts
        hit = classify(window, anchor=len(before) + 1)
        if hit is None and raw_before.rstrip().endswith(":") and not after.strip():
            before = strip_periods(sentence[lo : n.start]).strip()  # "A long caption: 26,400+"
            window = f"{before} # {after}"
            hit = classify(window, anchor=len(before) + 1)
        if (
            bound.family
            and not bound.final
            and hit
            and hit[0] != bound.family
            and (
                hit[0] in _NOT_OF_VOLUME
                or {hit[0], bound.family} <= {"files", "reports"}
                or (bound.family in OUTCOMES and hit[0] not in _NOT_OF_VOLUME)
            )
        ):  # "70,186 URLs in these reports": the counted noun, not a volume word near it
            hit = None  # "5,000 reports": an outcome word elsewhere does not make them arrests
        if (
            hit
            and hit[0] == "law_enforcement_feedback"
            and bound.family in ("reports", "referrals")
            and k + 1 < len(nums)
            and feedback_before(s.masked[n.end : nums[k + 1].start])
        ):
            hit = None  # "4,118 referrals received and sent feedback for 3,400": the next one's
        if group and hit and hit[0] not in OUTCOMES and _BARE_VERB.match(s.masked, n.end):
            hit = None  # "Of those 120 counts, 85 were for making images": a part of the group
        if hit and not bound.family:
            counted = s.masked[n.end : hi_limit]
            if _KID_NP.match(counted) and hit[0] != "children_identified":
                hit = None  # children counted: never arrests or charges
            elif _PERSON_NP.match(counted) and hit[0] == "children_identified":
                hit = None  # offenders counted: never children identified
            elif hit[0] in ("files", "reports") and _other_kind(hit[0], counted):
                hit = None  # "50,000 people ... viewing abuse images": people, not files
        period = periods.period(n, lo, hi, pairs, carried, lo_limit)
        item = _LIST_ITEM.search(s.masked[max(0, n.start - 60) : n.start])
        if item and s.masked[n.end : n.end + 1] != ")":
            item = None
        if item and (hit or previous):
            # "... convictions: Ohio (58), Utah (40) and Iowa (35)": the list's family, by name
            family = hit[0] if hit and not previous else (previous or hit)[0]
            name = normalise_label(item.group("name"))
            label = f"{family.replace('_', ' ')} {name}"
            ctx = _context(sentence, n)
            out.append(page.metric(family, label, period, n.value, n.unit, ctx, n.qualifier))
            previous = (family, family.replace("_", " "), n.unit)
            continue
        if bound.relation:
            them = _antecedent(s.masked[: n.start], previous_sentence or "")
            family, label = bound.family, _relation_label(bound, them)
            if n.unit == "percent":  # "3% of the reports ..., or 1,234 reports": two figures
                label = f"{label} (%)"
        elif bound.family and (bound.final or not hit):
            same = hit is not None and hit[0] == bound.family
            family = bound.family
            label = (
                _noun_label(before, after, hit[1])
                if same
                else bound.counted or family.replace("_", " ")
            )
        elif (
            not bound.family
            and (own := _NUMBER_OF.search(s.masked, max(0, n.start - 200), n.start))
            and (named_np := classify(own.group("np")))
        ):
            # "the number of arrests was 40 and ...": the figure's own subject, before any
            # family named in the words after it
            family, label = named_np[0], _caption(own.group("np"))
        elif (
            not bound.family
            and (subj := _SUBJECT_TOTAL.search(sentence, max(0, n.start - 200), n.start))
            and (named_subj := classify(strip_periods(subj.group("subj"))))
        ):
            # "Files uploaded with ESP reports in CY 2023 totalled N", "Arrests rose 30 per
            # cent to N": the subject's head (its first family word), not the nearest word
            said = sentence[subj.start("subj") : subj.start("verb")]
            family, label = named_subj[0], _caption(said)
        elif (
            hit
            and previous
            and previous[2] == n.unit
            and nums[k - 1].start in taken
            and hit[1].end() <= len(before) + 1
            and _GAPPED_AND.search(raw_before)
            and _PERIOD_ONLY.match(s.masked[n.end : hi])
        ):
            # "were sent 12,400 reports in 2020 and about 15,000 in 2021": the figure before's
            # quantity (its family as bound), not the noun it repeats
            family, label = previous[0], previous[1]
        elif hit:
            family = hit[0]
            named = _noun_label if bound.family == family else _label  # "arrests for possession"
            label = named(before, after, hit[1])
        elif (
            previous
            and previous[2] == n.unit
            and (
                (
                    _COMPARED.search(raw_before)
                    and (
                        _PERIOD_ONLY.match(s.masked[n.end : hi])
                        or _same_noun(s.masked[nums[k - 1].end : n.start], s.masked[n.end : hi])
                    )  # "120 victims in 2019, up from 53 victims in 2018"
                )
                or (_CHANGED_TO.search(raw_before) and _PERIOD_AND.match(s.masked, n.end, hi))
            )
        ):
            family, label = previous[0], previous[1]  # "..., up from 6,240 the previous year"
        elif previous and previous[2] == n.unit and _TOTAL.search(raw_before):
            family, label = previous[0], f"{previous[1]} total"  # "..., a total of 908,762"
        elif (
            previous
            and previous[2] == n.unit
            and not _UNDONE.search(raw_before)
            and (
                n.start in seconds
                or not _LETTERS.search(" ".join(_trim(after.split())))
                or (_GAPPED_END.match(s.masked, n.end, hi_limit) and nums[k - 1].start in taken)
            )
        ):
            family, label = previous[0], previous[1]  # "...; in CY 2022, it received 32 million"
            subject = _subject(before)
            if out and out[-1].period == period and subject:
                # the same period: another part of the same total, named by its subject
                # ("federal law enforcement provided 465 ..., while international ... 76,683")
                base = label
                label = _join_label(label, subject)
        elif (
            previous
            and previous[2] == n.unit
            and nums[k - 1].start in taken
            and _LIST_GAP.match(raw_before)
            and _same_noun(s.masked[nums[k - 1].end : n.start], s.masked[n.end : hi_limit])
            and not _FINITE_VERB.search(s.masked, n.end, hi_limit)
        ):
            # "27 Queensland children, 2 children interstate": a list of one noun
            family, base = previous[0], previous[1]
            label = _join_label(base, _trim(after.split())[:4])
        elif (
            previous
            and previous[2] == n.unit
            and nums[k - 1].start in taken
            and _PLACE_AFTER.match(s.masked, n.end, hi_limit)
            and _LIST_GAP.match(raw_before)
        ):
            # "190 images in category A, 116 in category B": the noun left out, only where
            family, base = previous[0], previous[1]
            label = _join_label(base, _trim(after.split())[:4])
        elif (
            previous
            and previous[2] == n.unit
            and _GAPPED_BEFORE.search(raw_before)
            and _GAPPED_AFTER.match(s.masked, n.end)
        ):
            # "six were arrested on charges of abuse, two of statutory rape, and two of
            # pimping": the verb of the figure before, left out
            family = previous[0]
            label = normalise_label(
                f"{family.replace('_', ' ')} {' '.join(_trim(after.split())[:4])}"
            )
        elif number_of := (
            _NUMBER_OF.search(s.masked, max(0, n.start - 200), n.start)
            or (
                _NUMBER_OF_CHANGE.search(s.text[max(0, n.start - 400) : n.start])
                if n.start in firsts
                else None
            )
        ):
            # "the number of children removed from harm ... stands at more than 140"
            named = classify(number_of.group("np"))
            if not named:
                continue
            family, label = named[0], _caption(number_of.group("np"))
        elif (
            (last or previous)
            and (_THERE_WERE.search(raw_before) or _EARLIER_IN_PARENS.search(raw_before))
            and _PERIOD_ONLY.match(s.masked[n.end : hi].lstrip(")"))
            and (previous or last)[2] == n.unit
        ):
            # "There were 52,000 in 2020-2021.", "... the same period the previous year
            # (103,000)": the quantity named last, another period
            family, label = (previous or last)[0], (previous or last)[1]
        elif last and last[2] == n.unit and _CONTINUES.search(raw_before):
            family, label = last[0], last[1]  # "... 1,600 disseminations. In 2017 the number
            # rose to nearly 10,000"
        elif (
            previous
            and previous[2] == n.unit
            and (
                nums[k - 1].start in taken
                or (k > 1 and nums[k - 2].start in taken and _INCLUDING.search(raw_before))
            )
            and (_SUBSET.search(raw_before) or _OF_WHOM.match(s.masked, n.end))
            and not _other_kind(previous[0], s.masked[n.end : hi_limit])
        ):
            # "114 children removed from harm – 65 internationally and 49 domestically"
            family = previous[0]
            label = normalise_label(f"{previous[1]} {' '.join(_trim(after.split())[:3])}")
        elif (
            k == 0
            and last
            and last[2] == n.unit
            and _INCLUDES.search(raw_before)
            and not _other_kind(last[0], s.masked[n.end : hi_limit])
        ):
            # "... removal of 40 children. This includes 27 Queensland children, ...": a part
            # of the figure the sentence before ended with
            family = last[0]
            label = normalise_label(f"{last[1]} {' '.join(_trim(after.split())[:3])}")
        elif (
            (parent := last if k == 0 else previous)
            and parent[0] in OUTCOMES
            and parent[2] == n.unit
            and (
                not raw_before.strip(" \"'“‘")
                if k == 0
                else nums[k - 1].start in taken and _LIST_GAP.match(raw_before) is not None
            )
            and (role := _ROLE.match(s.masked, n.end, hi_limit))
        ):
            # "Police arrested 258 people. Seventy-four were producers and 42 were
            # distributors": parts of the people the sentence before counted, by what they were
            family, base = parent[0], parent[1]
            label = _join_label(base, _trim(role.group("what").split())[:3])
        elif (
            not bound.family
            and (parent := _children_before(last if k == 0 else previous, raw_before, n.unit))
            and (
                (part := _BY_SEX.match(s.masked, n.end, hi_limit))
                or (
                    _AMONG_THEM.fullmatch(raw_before)
                    and (part := _ROLE.match(s.masked, n.end, hi_limit))
                )
            )
        ):
            # "Thirteen children were rescued. Among the children, 45 were under 12 ... There
            # were 70 girls and 53 boys": the children counted before, by sex or age
            family = parent[0]
            label = _join_label(parent[1], _trim(part.group("what").split())[:3])
        elif (
            seen is not None
            and (part := _PART_OF.match(s.masked, n.end))
            and (whole := seen.get(("whole", part.group("noun").lower())))
            and (rest := bind("", s.masked[part.end() : hi_limit])) == NONE
        ):
            # "arrested the 12 men ... . Nine of the men are from within the state": a part of
            # the people counted before, in their family
            family = str(whole)
            label = normalise_label(f"{family.replace('_', ' ')} {part.group('noun')} subset")
        elif group:
            family, label = group  # "Of the people arrested, nine are ... and 12 are ..."
        else:
            continue
        if not label:
            label = family.replace("_", " ")
        if (
            family == "reports"
            and previous_sentence
            and _PRONOUN_RECEIVED.search(raw_before)
            and _POLICE_SUBJECT.search(previous_sentence)
            and not _HOTLINE.search(previous_sentence)
        ):
            family = "referrals"  # "The ICAC task force ... . In 2021 it received 6,300 tips"
        if (
            family == "prosecutions"
            and hit
            and hit[1].group(0).startswith("#")
            and _SENTENCED.search(s.masked, max(0, n.start - 200), n.start)
        ):
            family = "convictions"  # "jailed on 25 charges of ...": the counts he was sentenced on
        if (
            seen is not None
            and ("restated", family, n.value) in seen
            and _RESTATED.search(raw_before)
        ):
            continue  # "The five suspects ... were arrested": the figure named before, again
        m = page.metric(family, label, period, n.value, n.unit, _context(sentence, n), n.qualifier)
        if seen is not None and seen.get(m.key, n.value) != n.value:
            # another figure of the page has this identity ("Removing 637 children from harm;
            # Identifying 570 victims"): name this one by what it counts, else by who gave it
            # ("Ontario led with 6,710 reports")
            have = set(label.split())
            named = [w for w in _trim(after.split()) if w.lower() not in have][:3]
            if not any(not _STOP.match(w) for w in named):
                _, end = _bounds(
                    s.masked, n.end, _COMMA_CLAUSE, n.end, min(len(sentence), hi + 120)
                )
                rest = strip_periods(sentence[n.end : end]).split()  # its whole clause
                named = [w for w in _trim(rest) if w.lower() not in have and not _STOP.match(w)]
                named = named[:3] or [w for w in _subject(before) if w.lower() not in have]
            if named:
                label = _join_label(label, named)
                m = page.metric(family, label, period, n.value, n.unit, m.context, n.qualifier)
        if seen is not None:
            seen.setdefault(m.key, n.value)
            seen[("restated", family, n.value)] = n.value
            if family in OUTCOMES and (head := _HEAD_NOUN.match(s.masked, n.end)):
                seen[("whole", head.group("noun").lower())] = family  # "the 12 men", later
        out.append(m)
        if bound.also and family == bound.family:
            # one count, two outcomes: "220 people have been charged and convicted", "12 tips
            # led to charges and an arrest" (then named as the first: "tips leading to arrests")
            also = (
                _relation_label(replace(bound, family=bound.also), them)
                if bound.relation
                else bound.also.replace("_", " ")
            )
            out.append(
                page.metric(bound.also, also, period, n.value, n.unit, m.context, n.qualifier)
            )
        previous = (family, base or label, n.unit)
        taken[n.start] = (family, label)
        periods_of[n.start] = period
    for w in s.wholes:
        # "two of the 27 people charged ...": the whole is a figure too when its own words
        # give its outcome and the page has not named it before
        whole = whole_outcome(s.masked[w.end : w.end + 120])
        if whole is None or (seen is not None and ("restated", whole[0], w.value) in seen):
            continue
        family = whole[0]
        label = f"{normalise_label(whole[1])} (all)"  # the part's label reads "people charged"
        lo, _ = _bounds(s.masked, w.start, _COMMA_CLAUSE, 0, w.start)
        period = periods.period(w, lo, w.end, pairs, carried)
        out.append(page.metric(family, label, period, w.value, w.unit, _context(sentence, w)))
        if seen is not None:
            seen[("restated", family, w.value)] = w.value
    return out
