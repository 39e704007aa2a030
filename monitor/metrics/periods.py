"""Periods as people write them, read into one string per period and its kind.

| written                                                | period                 | kind        |
|--------------------------------------------------------|------------------------|-------------|
| 2024, in CY 2024, calendar year 2024, mid-2024         | "2024"                 | year        |
| FY 2021, fiscal 2021, the 2021 fiscal year, FY21        | "FY2021"               | fiscal_year |
| 2021-22, 2009/10, the 2021-22 financial year            | "FY2022", "FY2010"     | fiscal_year |
| Q3 2024, the third quarter of 2024, July to September   | "2024-Q3"              | quarter     |
| Q3 FY2024, the final quarter of fiscal year 2024        | "FY2024-Q3", ...       | quarter     |
| the first half of 2024, H1 2024, the 6 months to June   | "2024-01..2024-06"...  | partial     |
| the 12 months to June 2024, the year ending 31 March 2024 | "FY2024"             | fiscal_year |
| the first three quarters of FY 2009                     | "FY2009-Q1..FY2009-Q3" | partial     |
| between 2002 and 2009, during 2021 and 2022             | "2002..2009"           | partial     |
| since 1998, set up in May 2006 + "has", to date       | "since 2006-05"...     | cumulative  |
| as of March 1, 2010; as of 10/2/2016; as of 2016        | "as of 2010-03-01"...  | as_of       |

A fiscal or financial year spanning two calendar years is named by the year it ends. The
other kinds are references, not periods (Year.real is False); the prose finder resolves them:
`relative` ("the previous year", "that year", "two years earlier": from the sentence's own
period), `deictic` ("last year", "this year": from the document's own year, else none),
`unknown` ("the past 12 months", "in recent years": none), `duration` ("a three-month
operation": none, unless the sentence names a period), `month` ("in July", "in the first
quarter": "{y}-07", "{y}-Q1", of the year known), `begun` ("established in 2003": cumulative
"since 2003" when the text counts up to now), `baseline` (the year a change is measured
from: "up 25% from 2022", "a 61% increase since 2001"; never a figure's period) and `date`
("on March 13, 2009", "announced in June 2022": when something happened or was said).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_Y = r"(?:19|20)\d\d"
_MONTHS = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
)  # fmt: skip
MONTH = (
    r"(?i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
            "4th": 4, "final": 4, "last": 4}  # fmt: skip
# a four-digit number before one of these nouns is a count, not a year ("laid 2032 charges")
COUNT_NOUN = (
    r"(?:arrests|charges|reports|tips|referrals|cases|convictions|prosecutions|children|victims"
    r"|offenders|suspects|people|persons|individuals|files|images|videos|investigations"
    r"|complaints|defendants|men|women|minors|indictments|searches|warrants|leads|notifications"
    r"|submissions|accounts|urls|webpages|pages|sites|devices)\b"
)
_NOT_BEFORE_COUNT = re.compile(
    r"(?i)(?:\b(?:in|during|for|since|until|through|from|by|of|to|the|year|fiscal|calendar"
    r"|early|late|mid|end|start|'s|’s)\s*|[(\[/]\s*|^\s*)$"
)  # a year that starts a text or a name ("2024 reports by ESP") stays a year


# the kinds of Year that are a period; the others are references: relative ("the previous
# year"), deictic ("last year": from the document's year, if it names one), unknown ("the past
# 12 months": none), duration ("a three-month operation": none, unless the sentence names a
# period), month ("in July": of the year known), baseline, date and begun ("set up in 2006")
_PERIOD_KINDS = frozenset({"year", "fiscal_year", "quarter", "partial", "cumulative", "as_of"})


@dataclass(frozen=True)
class Year:
    """A period named in a text: where it stands, its string (`year`) and its kind."""

    start: int
    end: int
    year: str  # "2024", "FY2021", "2024-Q3", "since 1998", "as of 2010-03-01"; "" if relative
    kind: str = "year"  # see the module docstring; relative and baseline are references
    offset: int = 0  # relative, deictic: years from the reference ("the previous year": -1)
    origin: bool = False  # names when a count began ("since it was launched in 2003")

    @property
    def real(self) -> bool:
        return self.kind in _PERIOD_KINDS


def _fy(a: str, b: str | None) -> str | None:
    """The fiscal year a span "a[-b]" names: the year it ends (None: not one year's span)."""
    start = int(a) if len(a) == 4 else 2000 + int(a)
    if b is None:
        return f"FY{start}"
    end = int(b) if len(b) == 4 else (start // 100) * 100 + int(b)
    return f"FY{end}" if end == start + 1 else None


def _month(name: str) -> int:
    return _MONTHS.index(name[:3].lower()) + 1


def _months(m1: str, y1: str, m2: str, y2: str) -> tuple[str, str]:
    """A range of months: "2023-04..2024-03"; a whole calendar year is that year, and days
    of one month ("May 2nd through May 6th, 2019") are that month."""
    a, b = _month(m1), _month(m2)
    if y1 == y2 and (a, b) == (1, 12):
        return y1, "year"
    if (y1, a) == (y2, b):
        return f"{y1}-{a:02d}", "partial"
    return f"{y1}-{a:02d}..{y2}-{b:02d}", "partial"


def _half(year: str, h: int) -> tuple[str, str]:
    """A half year as a range of months, as the labelled set writes it: "2023-01..2023-06"."""
    return (f"{year}-01..{year}-06", "partial") if h == 1 else (f"{year}-07..{year}-12", "partial")


def _as_of(m: re.Match[str]) -> str:
    month = _month(m.group("m"))
    day = m.group("d1") or m.group("d2")
    return f"as of {m.group('a')}-{month:02d}" + (f"-{int(day):02d}" if day else "")


# words that name a beginning: "since its launch", "since being set up in 2009"
_BEGUN = (
    r"(?:inception|launch(?:ed|ing)?|creat(?:ed|ion|ing)|found(?:ed|ing|ation)"
    r"|establish(?:ed|ing|ment)|set(?:ting)?\s+up|open(?:ed|ing)|beg(?:an|un|inning)"
    r"|start(?:ed|ing)?|commenc(?:ed|ing|ement)|form(?:ed|ation)|introduc(?:ed|tion)"
    r"|inaugurat(?:ed|ion)|enact(?:ed|ment)|proclaim(?:ed)?|proclamation|passage)"
)
_CAP_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)"
)
_WORDS_BEFORE_IN = r"(?:\s+(?!in\b)[A-Za-z’'.-]+){0,9}?"  # "launching [Cybertip.ca] in"
_NUMBER_WORD = (
    r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen"
    r"|twenty|thirty|several|few)"
)
_N_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve")  # fmt: skip
_N_MONTHS = {w: i + 1 for i, w in enumerate(_N_WORDS)} | {"eighteen": 18}


def _n(word: str) -> int:
    return int(word) if word.isdigit() else _N_MONTHS.get(word.lower(), 0)


def _months_to(n: int, m: str, year: str) -> tuple[str, str] | None:
    """ "the three months to March 2022": the n months that end with that month; twelve of
    them ending before December are a fiscal year named by the year it ends ("the year ending
    31 March 2024": FY2024, as the labelling guide decides)."""
    end = int(year) * 12 + _month(m) - 1
    start = end - n + 1
    if not 1 <= n <= 24:
        return None
    if n == 12:
        return (year, "year") if _month(m) == 12 else (f"FY{year}", "fiscal_year")
    return _months(_MONTHS[start % 12], str(start // 12), m, year)


def _quarter_or_months(m1: str, y1: str, m2: str, y2: str) -> tuple[str, str]:
    """A range of months named from one to the other: a whole quarter is that quarter
    ("from Jan. 1 until March 31" -> "2023-Q1"; a year to date stays months)."""
    a, b = _month(m1), _month(m2)
    if y1 == y2 and a % 3 == 1 and b == a + 2:
        return f"{y1}-Q{(a + 2) // 3}", "quarter"
    return _months(m1, y1, m2, y2)


def _years_to(m: re.Match[str]) -> tuple[str, str] | None:
    """ "(2019-2023)": "2019..2023"; "the five years to 2023": "2019..2023"."""
    if m.group("a"):
        a, b = int(m.group("a")), int(m.group("b"))
    else:
        n = 10 if m.group("dec") else _n(m.group("n"))
        b = int(m.group("c"))
        a = b - n + 1
    return (f"{a}..{b}", "partial") if a < b else None


def _months_from(year: int, month: int, n: int) -> tuple[str, str]:
    """n months from a month on: "2013-10..2014-05"."""
    start = year * 12 + month - 1
    end = start + n - 1
    return _months(_MONTHS[start % 12], str(start // 12), _MONTHS[end % 12], str(end // 12))


def _first_months(m: re.Match[str]) -> tuple[str, str] | None:
    """ "the first six months of 2023"; of fiscal year 2014, a US federal year that began in
    October: "2013-10..2014-05" for eight months."""
    n = _n(m.group("n"))
    if not 1 <= n <= 12:
        return None
    if m.group("fy"):
        return _months_from(int(m.group("a")) - 1, 10, n)
    return _months_from(int(m.group("a")), 1, n)


def _quarters(m: re.Match[str]) -> tuple[str, str]:
    """ "the first three quarters of FY 2009": "FY2009-Q1..FY2009-Q3"; of the 2024/25
    financial year: "FY2025-Q1..FY2025-Q3"."""
    if m.group("a2"):
        fy, year = "FY", (_fy(m.group("a2"), m.group("b2")) or f"FY{m.group('a2')}")[2:]
    else:
        fy = "FY" if (m.group("fy") or "").strip()[:1] in ("F", "f") else ""
        year = m.group("a")
    n = {"two": 2, "three": 3, "2": 2, "3": 3}[m.group("n").lower()]
    a, b = (1, n) if m.group("which").lower() == "first" else (5 - n, 4)
    return f"{fy}{year}-Q{a}..{fy}{year}-Q{b}", "partial"


def _since_when(m: re.Match[str], kind: str = "cumulative") -> tuple[str, str]:
    """ "since 2009-04" from a match with a year `a` and maybe a month `m`."""
    month = f"-{_month(m.group('m')):02d}" if m.group("m") else ""
    return f"since {m.group('a')}{month}", kind


def _fy_prefix(m: re.Match[str]) -> str:
    return "FY" if (m.group("fy") or "").strip()[:1] in ("F", "f") else ""


# (pattern, builder): the builder turns a match into (period, kind) or None (no period).
_RULES: list[tuple[re.Pattern[str], object]] = [
    (  # FY 2022 (October 2021 – September 2022): the months in parentheses gloss the year
        re.compile(
            rf"\b(?:FY|(?i:fiscal|financial)\s+(?i:year))\s*'?(?P<a>{_Y})\s*\((?=[^()]{{0,60}}?"
            rf"{MONTH})[^()]{{0,60}}\)"
        ),
        lambda m: (f"FY{m.group('a')}", "fiscal_year"),
    ),
    (  # fiscal 2021, which ran from October 2020 through September 2021: a gloss again
        re.compile(
            rf"\b(?:(?:FY|(?i:fiscal|financial)(?:\s+(?i:year))?)\s*'?(?P<a>{_Y})"
            rf"|(?P<b>{_Y})\s+(?i:fiscal|financial)\s+(?i:year)),?\s+(?i:which|that)\s+"
            rf"(?i:ran|runs|run|covered|covers|spanned|spans|lasted|went)\s+(?i:from\s+)?"
            rf"{MONTH}\s+(?:\d{{1,2}},?\s+)?{_Y}\s+(?i:to|through|until|till|[-–])\s+{MONTH}\s+"
            rf"(?:\d{{1,2}},?\s+)?{_Y}\b"
        ),
        lambda m: (f"FY{m.group('a') or m.group('b')}", "fiscal_year"),
    ),
    (  # the 2022-2023 school year: whole years, not a fiscal year (the guide's decision)
        re.compile(
            rf"\b(?P<a>{_Y})\s*[-–/]\s*(?P<b>{_Y}|\d\d)\s+(?i:school|academic)\s+(?i:years?)\b"
        ),
        lambda m: (
            f"{m.group('a')}..{m.group('a')[:2] + m.group('b')[-2:]}",
            "partial",
        ),
    ),
    (  # the Prevention Act of 2007, the Act, 2016: the year of a law's name is no period
        re.compile(
            rf"\b(?:Act|Code|Law|Ordinance|Statute|Regulations?|Bill)\s*(?:of\s+|,\s*)?(?P<a>{_Y})\b"
        ),
        lambda m: (m.group("a"), "date"),
    ),
    (  # by the end of 2021, at year-end 2020: a running total at the year's last day
        re.compile(
            rf"(?i:\b(?:by|at|as\s+of|as\s+at)\s+(?:the\s+)?(?:end|close)\s+of\s+(?:the\s+)?"
            rf"(?:(?:calendar\s+)?year\s+)?|\bby\s+(?:the\s+)?year[-\s]end\s+(?:of\s+)?)(?P<a>{_Y})\b"
            rf"(?!\s*[-–/]\s*\d)"
        ),
        lambda m: (f"as of {m.group('a')}-12-31", "as_of"),
    ),
    (  # the budget year, which ran from October 1, 2018, to September 30, 2019
        re.compile(
            rf"(?i:\b(?:fiscal|budget|financial)\s+year\b[^.;]{{0,40}}?\b(?:from|between)\s+)"
            rf"{MONTH}\s+\d{{1,2}},?\s+{_Y},?\s+(?i:to|and|through|until)\s+{MONTH}\s+"
            rf"\d{{1,2}},?\s+(?P<a>{_Y})\b"
        ),
        lambda m: (f"FY{m.group('a')}", "fiscal_year"),
    ),
    (  # as of March 1, 2010 / as of 1 March 2010 / as of the end of December 2023
        re.compile(
            rf"(?i:\b(?:as\s+(?:of|at)\s+(?:the\s+end\s+of\s+)?|at\s+the\s+end\s+of\s+))"
            rf"(?:(?P<d1>\d{{1,2}})\s+)?"
            rf"(?P<m>{MONTH})\s*(?:(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?,?\s+(?P<a>{_Y})\b"
        ),
        lambda m: (_as_of(m), "as_of"),
    ),
    (
        re.compile(rf"(?i:\bas\s+(?:of|at)\s+)(?P<a>{_Y})-(?P<mm>\d\d)-(?P<dd>\d\d)\b"),
        lambda m: (f"as of {m.group('a')}-{m.group('mm')}-{m.group('dd')}", "as_of"),
    ),
    (  # as of 10/2/2016: a US date
        re.compile(rf"(?i:\bas\s+(?:of|at)\s+)(?P<mm>\d{{1,2}})/(?P<dd>\d{{1,2}})/(?P<a>{_Y})\b"),
        lambda m: (
            (f"as of {m.group('a')}-{int(m.group('mm')):02d}-{int(m.group('dd')):02d}", "as_of")
            if 1 <= int(m.group("mm")) <= 12 and 1 <= int(m.group("dd")) <= 31
            else None
        ),
    ),
    (  # from its inception in August 2006 to March 2016: a stretch with both ends
        re.compile(
            rf"(?i:\bfrom\s+(?:its|the|their|our)\s+{_BEGUN}\s+in\s+)(?:(?P<m1>{MONTH})\s+)?"
            rf"(?P<a1>{_Y})\s+(?i:to|through|until)\s+(?:(?P<m2>{MONTH})\s+)?(?P<a2>{_Y})\b"
        ),
        lambda m: (
            _months(m.group("m1"), m.group("a1"), m.group("m2"), m.group("a2"))
            if m.group("m1") and m.group("m2")
            else (f"{m.group('a1')}..{m.group('a2')}", "partial")
        ),
    ),
    (  # as of 2016: a total at some point of that year
        re.compile(rf"(?i:\bas\s+(?:of|at)\s+(?:the\s+end\s+of\s+)?)(?P<a>{_Y})\b(?!\s*[-–/]\d)"),
        lambda m: (f"as of {m.group('a')}", "as_of"),
    ),
    (  # since its inception in 2003, since launching Cybertip.ca in September 2002, since the
        # unit was set up in 2009, since the start of the operation in 2019
        re.compile(
            rf"(?i:\bsince\s+(?:[A-Za-z’'.-]+\s+){{0,10}}?{_BEGUN}{_WORDS_BEFORE_IN}\s+in\s+)"
            rf"(?:(?P<m>{MONTH})\s+(?:of\s+)?)?(?P<a>{_Y})\b"
        ),
        lambda m: _since_when(m, "origin"),
    ),
    (  # since the start of 2019, since the beginning of March 2020
        re.compile(
            rf"(?i:\bsince\s+(?:the\s+)?(?:beginning|start)\s+of\s+)(?:(?P<m>{MONTH})\s+)?"
            rf"(?P<a>{_Y})\b"
        ),
        _since_when,
    ),
    (  # since March 2019, since March 16, 2020, since 16 March 2020 (the month kept)
        re.compile(
            rf"(?i:\bsince\s+)(?:\d{{1,2}}\s+)?(?P<m>{MONTH})\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?"
            rf"(?P<a>{_Y})\b"
        ),
        lambda m: (f"since {m.group('a')}-{_month(m.group('m')):02d}", "cumulative"),
    ),
    (  # since 1998 (but "the lowest since 2015, when 39 ...": then 2015 is the period)
        re.compile(rf"(?i:\bsince\s+)(?P<a>{_Y})\b(?!\s*[-–/]\s*\d|,?\s+when\s+\d)"),
        lambda m: (f"since {m.group('a')}", "cumulative"),
    ),
    (  # launched in May 2006, founded in 2003, set up in 2009: when a count began, not its
        # period; find_periods makes it cumulative when the sentence counts up to now
        re.compile(
            rf"(?i:\b(?:launched|founded|established|created|set\s+up|opened|began|started"
            rf"|commenced|formed|introduced|inaugurated|enacted|proclaimed|came\s+into\s+"
            rf"(?:force|effect)|took\s+effect|went\s+live){_WORDS_BEFORE_IN}\s+in\s+)"
            rf"(?:(?P<m>{MONTH})\s+(?:of\s+)?)?(?P<a>{_Y})"
            rf"(?=\s*(?:[,.;)–—]|(?i:and|with|has|have|had|to\s+(?!\d))\b|$))"
        ),  # (not "cases opened in 2021 led to ...", but "set up in 2003 to address ...")
        lambda m: _since_when(m, "begun"),
    ),
    (  # a 2003 initiative, its 2011 programme: the year a named undertaking began, for its
        # "since its inception" or "to date" (only where the text counts up to now: "the 2022
        # campaign led to 40 arrests" is a year)
        re.compile(
            rf"(?i:\b(?:a|an|the|its|their|our)\s+)(?P<a>{_Y})(?=\s+(?i:venture|initiative"
            rf"|program(?:me)?|project|partnership|scheme|campaign|task\s+force|unit)\b)"
        ),
        lambda m: (f"since {m.group('a')}", "begun"),
    ),
    (  # announced on 12 May 2023, published in June 2022: when it was said, never a period
        re.compile(
            rf"(?i:\b(?:(?:announced|released|published|issued|unveiled|said|stated|told)\s+"
            rf"(?:[a-z]+\s+){{0,2}}?(?:on|in)|(?:last\s+)?(?:updated|revised|modified|posted"
            rf"|accessed|retrieved|dated)(?:\s+(?:on|in))?:?)\s+(?:[A-Z][a-z]+,?\s+)?)"
            rf"(?:\d{{1,2}}\s+)?"
            rf"(?:{MONTH}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?)?(?P<a>{_Y})\b"
        ),
        lambda m: (m.group("a"), "date"),
    ),
    (  # in a 2019 interview, a 2021 report found: when it was said or written
        re.compile(
            rf"(?i:\ban?\s+)(?P<a>{_Y})\s+(?i:interview|statement|press\s+release|speech|article"
            rf"|op-ed|letter|testimony|hearing|blog|report|study|survey|review|audit|paper)\b"
        ),
        lambda m: (m.group("a"), "date"),
    ),
    (  # between April 2023 and March 2024, from January 2023 to June 2023: months
        re.compile(
            rf"(?i:\b(?:between|from)\s+)(?:\d{{1,2}}\s+)?(?P<m1>{MONTH})"
            rf"(?:\s*\d{{1,2}}(?:st|nd|rd|th)?)?,?\s+(?:(?P<a1>{_Y}),?\s+)?"
            rf"(?i:and|to|through|until|[-–])\s+(?:\d{{1,2}}\s+)?(?P<m2>{MONTH})"
            rf"(?:\s*\d{{1,2}}(?:st|nd|rd|th)?,?)?\s+(?P<a2>{_Y})\b"
        ),
        lambda m: _quarter_or_months(
            m.group("m1"), m.group("a1") or m.group("a2"), m.group("m2"), m.group("a2")
        ),
    ),
    (  # from Jan. 1 until March 31, between March and May: months of the year named elsewhere
        re.compile(
            rf"(?i:\b(?:between|from)\s+)(?P<m1>{MONTH})(?:\s*\d{{1,2}}(?:st|nd|rd|th)?)?,?\s+"
            rf"(?i:and|to|through|until|[-–])\s+(?P<m2>{MONTH})(?:\s*\d{{1,2}}(?:st|nd|rd|th)?)?"
            rf"(?![\w,]*\s*(?:of\s+)?(?:\d|')|-)"
        ),
        lambda m: (
            (_quarter_or_months(m.group("m1"), "{y}", m.group("m2"), "{y}")[0], "month")
            if _month(m.group("m1")) <= _month(m.group("m2"))
            else None
        ),
    ),
    (  # from 2019 to date, from March 2020 until now: cumulative since then
        re.compile(
            rf"(?i:\bfrom\s+)(?:(?P<m>{MONTH})\s+)?(?P<a>{_Y})\s+(?i:to|until|till)\s+"
            rf"(?i:date|now|the\s+present|today)\b"
        ),
        _since_when,
    ),
    (  # (2019-2023), the five years to 2023, the decade to 2020: a stretch of whole years
        re.compile(
            rf"\((?P<a>{_Y})\s*[-–]\s*(?P<b>{_Y})\)"
            rf"|(?i:\b(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d{{1,2}})\s+years"
            rf"|(?P<dec>decade))\s+(?i:to|ending|ended|through|up\s+to)\s+(?P<c>{_Y})\b"
        ),
        lambda m: _years_to(m),
    ),
    (  # between 2002 and 2009, from 2016 to 2021, between 2019-2023: a stretch of whole years
        # (a bare "2021-2023" is not: "an increase in 2021-2023 compared to 2018-2020")
        re.compile(
            rf"(?i:\b(?:(?P<btw>between)|from)\s+(?:CY\s*)?)(?P<a>{_Y})"
            rf"(?:\s+(?i:and|to|through|until)\s+|(?(btw)\s?[-–]\s?|(?!)))"
            rf"(?:(?i:CY)\s*)?(?P<b>{_Y})\b(?!\s*[-–/]\s*\d)"
        ),
        lambda m: (
            (f"{m.group('a')}..{m.group('b')}", "partial") if m.group("a") < m.group("b") else None
        ),
    ),
    (  # during 2021 and 2022: two years together (not "in 2021 and 2022 respectively")
        re.compile(
            rf"(?i:\b(?:during|in|over|across|throughout)\s+(?:both\s+)?)(?P<a>{_Y})\s+(?i:and)\s+"
            rf"(?P<b>{_Y})\b(?!,?\s*(?i:respectively))"
        ),
        lambda m: (
            (f"{m.group('a')}..{m.group('b')}", "partial")
            if int(m.group("b")) == int(m.group("a")) + 1
            else None
        ),
    ),
    (  # the 12 months to June 2023, the three months ending March 2022, the year to March 2024
        re.compile(
            rf"(?i:\b(?:(?P<n>\d{{1,2}}|three|six|nine|twelve|eighteen)\s+months?|year)\s+"
            rf"(?:to|ending|ended|up\s+to|through)\s+(?:(?:the\s+)?end\s+of\s+)?)"
            rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?P<m>{MONTH})\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?"
            rf"(?:of\s+)?(?P<a>{_Y})\b"
        ),
        lambda m: _months_to(_n(m.group("n")) if m.group("n") else 12, m.group("m"), m.group("a")),
    ),
    (  # the first six months of 2023, the first eight months of fiscal year 2014
        re.compile(
            rf"(?i:\bfirst\s+(?P<n>\d{{1,2}}|three|six|nine|eight|four|five|seven|ten|eleven)"
            rf"\s+months\s+of\s+(?:the\s+)?(?:(?P<fy>fiscal\s+year|FY)\s*|year\s+)?)"
            rf"(?P<a>{_Y})\b"
        ),
        _first_months,
    ),
    (  # through November of 2011: the year to date
        re.compile(
            rf"(?i:\b(?:through|until|up\s+to|by)\s+(?:the\s+end\s+of\s+)?)(?P<m>{MONTH})"
            rf"\s+(?:of\s+)?(?P<a>{_Y})\b"
        ),
        lambda m: _months("jan", m.group("a"), m.group("m"), m.group("a")),
    ),
    (  # in November 2023, a May 2015 operation, the first week of October 2015: one month
        # ("November 5, 2023" is a date, read below); July–September 2023, April and May 2017:
        # months of one year
        re.compile(
            rf"(?<![\w-])(?P<m1>{MONTH})\.?\s*(?:[-–—]|(?i:to|through|until|and))\s*(?P<m2>{MONTH})"
            rf"\.?,?\s+(?:of\s+)?(?P<a2>{_Y})\b"
            rf"|(?i:\b(?:in|during|for|throughout|(?:week|weekend|days?|month)\s+of)\s+)(?P<m>{MONTH})"
            rf"\s+(?:of\s+)?(?P<a>{_Y})\b"
            rf"|(?i:\b(?:an?|the|its)\s+)(?P<m3>{MONTH})\s+(?P<a3>{_Y})(?=\s+(?i:operation|sting"
            rf"|sweep|crackdown|raids?|campaign|initiative|blitz|surge|action)\b)"
        ),
        lambda m: (
            (
                _quarter_or_months(m.group("m1"), m.group("a2"), m.group("m2"), m.group("a2"))
                if _month(m.group("m1")) < _month(m.group("m2"))
                else None
            )
            if m.group("m1")
            else (
                f"{m.group('a') or m.group('a3')}-{_month(m.group('m') or m.group('m3')):02d}",
                "partial",
            )
        ),
    ),
    (  # since its inception, since launching nationally, to date, in its 20-year history
        re.compile(
            rf"(?i)\bsince\s+(?:(?:its|the|our|their|this|that|being|it|we|they)\s+)?"
            rf"(?:[A-Za-z’'.-]+\s+){{0,4}}?{_BEGUN}\b"
            r"|(?<!year\s)\bto\s+date\b|\ball[- ]time\b|\bcumulative(?:ly)?\b"
            r"|\b(?:in|over|throughout|during|across)\s+(?:its|their|our|his|her"
            r"|(?:the\s+)?[\w.-]+(?:’s|'s))\s+(?:[\w-]+[- ](?:year|decade)s?(?:[- ]long)?\s+)?"
            r"(?:history|existence|lifetime)\b"
        ),
        lambda m: ("since inception", "cumulative"),
    ),
    (  # since then: from the last year named before (resolved below, or by the prose finder)
        re.compile(r"(?i)\bsince\s+then\b|(?:(?<=\bhas\s)|(?<=\bhave\s))since(?=\s+[a-z]+ed\b)"),
        lambda m: ("since then", "cumulative"),
    ),
    (  # the first three quarters of FY 2009, the last two quarters of 2020, the first three
        # quarters of the 2024/25 financial year
        re.compile(
            rf"(?i:\b(?P<which>first|last|final)\s+(?P<n>two|three|2|3)\s+quarters\s+of\s+"
            rf"(?:the\s+)?)(?:(?P<a2>{_Y})\s*[-–/]\s*(?P<b2>{_Y}|\d\d)\s+(?i:financial|fiscal)"
            rf"\s+(?i:year)|(?P<fy>FY\s*|(?i:fiscal\s+year|calendar\s+year)\s+|CY\s*)?'?"
            rf"(?P<a>{_Y})\b)"
        ),
        _quarters,
    ),
    (  # Q1-Q3 2024, Q1 to Q3 FY2024
        re.compile(
            rf"\bQ(?P<q1>[1-4])\s*(?:[-–]|(?i:to|through|and))\s*Q(?P<q2>[1-4])(?:\s+(?i:of))?"
            rf"\s+(?P<fy>FY\s*|(?i:fiscal\s+year)\s+)?'?(?P<a>{_Y})\b"
        ),
        lambda m: (
            f"{_fy_prefix(m)}{m.group('a')}-Q{m.group('q1')}..{_fy_prefix(m)}{m.group('a')}"
            f"-Q{m.group('q2')}",
            "partial",
        ),
    ),
    (  # quarters: Q3 2024, Q3 FY2024 ("FY2024-Q3"), the third quarter of 2024, 2024 Q3
        re.compile(
            rf"\b(?:Q(?P<q>[1-4])|(?i:(?P<qw>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
            rf"\s+quarter))(?:\s+(?i:of))?(?:\s+(?i:the\s+)?(?P<fy>CY|FY|(?i:calendar|fiscal)"
            rf"\s+year))?\s*'?(?P<a>{_Y})\b"
        ),
        lambda m: (
            f"{_fy_prefix(m)}{m.group('a')}-Q{m.group('q') or _ORDINAL[m.group('qw').lower()]}",
            "quarter",
        ),
    ),
    (
        re.compile(rf"\b(?P<fy>FY\s*)?(?P<a>{_Y})\s*[-–]?\s*Q(?P<q>[1-4])\b"),
        lambda m: (f"{_fy_prefix(m)}{m.group('a')}-Q{m.group('q')}", "quarter"),
    ),
    (  # halves: the first half of 2024, H1 2024
        re.compile(
            rf"\b(?i:(?P<h>first|second)\s+half\s+of)(?:\s+(?i:the\s+year))?\s+(?P<a>{_Y})\b"
        ),
        lambda m: _half(m.group("a"), 1 if m.group("h").lower() == "first" else 2),
    ),
    (
        re.compile(rf"\b(?:H(?P<h>[12])|(?P<h2>[12])H)\s*'?(?P<a>{_Y})\b"),
        lambda m: _half(m.group("a"), int(m.group("h") or m.group("h2"))),
    ),
    (  # FY 2021, FY2021-22, fiscal year 2021, fiscal 2020, financial year 2009/10, FY21, FY 20229
        re.compile(
            rf"\b(?:FY|F\.Y\.|(?i:fiscal|financial|budget)\s+(?i:years?)|(?i:fiscal)(?=\s+{_Y}))"
            rf"\s*'?(?:(?P<a>{_Y})(?:\s*[-–/]\s*(?P<b>{_Y}|\d\d)(?!\d)|\d{{1,2}})?(?!\d)"
            rf"|(?P<yy>\d\d)(?:\s*[-–/]\s*(?P<yb>\d\d))?\b)"
        ),
        lambda m: (
            _fy(m.group("a") or m.group("yy"), m.group("b") or m.group("yb"))
            or _fy(m.group("a") or m.group("yy"), None),
            "fiscal_year",
        ),
    ),
    (  # the 2021 fiscal year, the 2021-22 financial year
        re.compile(
            rf"\b(?P<a>{_Y})(?:\s*[-–/]\s*(?P<b>{_Y}|\d\d))?(?!\d)\s+(?i:fiscal|financial|budget)"
            rf"\s+(?i:years?)\b"
        ),
        lambda m: ((_fy(m.group("a"), m.group("b")) or f"FY{m.group('a')}"), "fiscal_year"),
    ),
    (  # 2021-22, 2009/10, 2021/2022: a span of two consecutive years is a fiscal year
        re.compile(rf"(?<![\w,.$#/-])(?P<a>{_Y})\s?[-–/]\s?(?P<b>{_Y}|\d\d)(?![\d%-])"),
        lambda m: (p, "fiscal_year") if (p := _fy(m.group("a"), m.group("b"))) else None,
    ),
    (  # CY 2022, calendar year 2022, CY 20229 (footnote 9 glued on)
        re.compile(rf"\b(?:CY|(?i:calendar)(?:\s+(?i:year))?)\s*'?(?P<a>{_Y})(?:\d{{1,2}})?(?!\d)"),
        lambda m: (m.group("a"), "year"),
    ),
    (  # during the month of July, in July: a month of the year named elsewhere (the prose
        # finder resolves it; "on October 6" is a date, and so is "July 4")
        # (the pattern starts at the month, the engine skips to its capital fast)
        re.compile(rf"(?<![\w-])(?P<m>{_CAP_MONTH})\b(?!\s*(?:\d|of\s+\d|,\s*\d|'\d))"),
        lambda m: (
            (f"{{y}}-{_month(m.group('m')):02d}", "month")
            if _MONTH_AFTER.search(m.string, max(0, m.start() - 30), m.start())
            else None
        ),
    ),
    (  # in the first quarter, in Q3: a quarter of the year named elsewhere (not "the first
        # quarter of this year", which is none)
        re.compile(
            r"\b(?:Q(?P<q>[1-4])|(?i:(?:the\s+)?(?P<qw>first|second|third|fourth|final|last)"
            r"\s+quarter))\b(?!\s*(?:[-–]\s*)?(?:Q\d|\d|'\d|(?i:of|in|FY|CY|fiscal|calendar|for|to)\b))"
        ),
        lambda m: (f"{{y}}-Q{m.group('q') or _ORDINAL[m.group('qw').lower()]}", "month"),
    ),
    (  # March 5, 2024 / 5 March 2024: the year
        re.compile(
            rf"\b(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?|\d{{1,2}}\s+{MONTH},?)\s+(?P<a>{_Y})\b"
        ),
        lambda m: (m.group("a"), "date"),
    ),
    (  # mid-2019, end-2022: the year
        re.compile(rf"(?i:\b(?:mid|early|late|end|start))-(?P<a>{_Y})\b(?![-/]\d)"),
        lambda m: (m.group("a"), "year"),
    ),
    (  # a bare year; not a count before its noun ("laid 2032 charges")
        re.compile(rf"(?<![\w,.$#/-])(?P<a>{_Y})(?!\d|,\d\d\d|[-/]\d|\.\d)"),
        lambda m: (m.group("a"), "year"),
    ),
]
_COUNT_AFTER = re.compile(rf"\s+(?:[a-z-]+\s+){{0,3}}?{COUNT_NOUN}")
_BASELINE_BEFORE = re.compile(
    r"(?i)\b(?:from|compared\s+(?:with|to)|than(?:\s+in)?|versus|vs\.?|relative\s+to|over"
    r"|against|double|twice|triple|half|(?:increase|rise|decrease|drop|fall|up|down)\s+on"
    # a change in per cent measured on a year, or a share in a year it is compared with:
    # "an increase of 19 per cent on 2021", "(up from 68% in 2022)"
    r"|(?:%|\bper\s*cent|\bpercent)\s+(?:on|over|from|against|compared\s+(?:with|to))"
    r"|\b(?:from|than|compared\s+(?:with|to)|versus|vs\.?)\s+(?:just\s+|only\s+|almost\s+"
    r"|about\s+|around\s+)?[\d.,]+\s*(?:%|per\s*cent|percent)\s+(?:in|during))\s+"
    r"(?:the\s+)?(?:(?:CY|FY|calendar\s+year|fiscal\s+year)\s*)?$"
)
_RANGE_AFTER = re.compile(rf"^\s*(?:to|through|until|and|[-–])\s+(?:(?:CY|FY)\s*)?{_Y}")
# "a 61 per cent increase in calls since 2001", "the highest figure since 2006": what a change
# or a record is measured from, not how long a count ran
_CHANGE_BEFORE = re.compile(
    r"(?i)\b(?:increas\w*|ris(?:e|en|es|ing)|rose|gr[eo]w\w*|growth|doubl\w*|tripl\w*"
    r"|quadrupl\w*|f[ae]ll(?:en|ing|s)?|declin\w*|drop\w*|jump\w*|climb\w*|soar\w*|surg\w*"
    r"|decreas\w*|(?<!set\s)up(?!\s+(?:to|and)\b)|down|higher|highest|lower|lowest|fewest"
    r"|largest|smallest|biggest|peak\w*|chang\w*)\b(?:\s+[\w%’'.-]+){0,6}?\s*$"
)  # (within six words: not "a record 500 arrests since 2015", a count since then)
_RELATIVE = re.compile(
    r"(?i)\b(?:(?P<n>two|three|four|five|2|3|4|5)\s+years\s+(?:(?P<back>earlier|before|prior)"
    r"|later|after)|(?P<two>the\s+year\s+before\s+last)"
    r"|(?P<prev>(?:the\s+)?same\s+(?:period|time|months?|quarter)\s+(?:(?:of|in)\s+)?"
    r"(?:(?:the\s+)?(?:previous|prior|preceding)|last|a)\s+year(?:\s+(?:earlier|before))?"
    r"|(?:the\s+)?(?:previous|prior|preceding)\s+(?:calendar\s+|fiscal\s+"
    r"|financial\s+|budget\s+|reporting\s+)?year|(?:a|the)\s+year\s+(?:earlier|before|prior))"
    r"|(?P<next>(?:the\s+)?(?:following|next|subsequent)\s+(?:calendar\s+|fiscal\s+"
    r"|financial\s+)?year|(?:a|the)\s+year\s+(?:later|after))"
    r"|(?P<same>(?:that|the\s+same|that\s+same)\s+(?:calendar\s+|fiscal\s+|financial\s+"
    r"|time\s+)?"
    r"(?:year|period)|(?:this|the)\s+(?:same\s+)?(?:reporting\s+)?period))\b"
)
# a stretch of time the text does not date: "last year", "this year", "the past 12 months",
# "in recent years", "within the first three months", "a six-week operation" (labelled null:
# never the year of the sentence before nor the document's)
_UNKNOWN = re.compile(
    rf"(?i)\b(?:(?:the\s+)?year[- ]to[- ]date"
    rf"|(?P<deictic>(?P<last>last)|this|the\s+current)\s+(?:calendar\s+|fiscal\s+"
    rf"|financial\s+|reporting\s+)?year(?!\s+(?:earlier|before|later))"
    rf"|(?:first|last)\s+(?:{_NUMBER_WORD}\s+)?(?:days|weeks|months|quarters?)\s+of\s+"
    rf"(?:this|last|the)\s+(?:current\s+)?(?:calendar\s+|fiscal\s+|financial\s+)?year"
    rf"|(?:last|this|the\s+(?:past|last|current))\s+(?:calendar\s+|fiscal\s+"
    rf"|financial\s+|reporting\s+)?(?:year|decade|month|quarter)"
    rf"|(?:the\s+)?(?:past|last|recent|previous)\s+(?:few\s+|several\s+)?(?:{_NUMBER_WORD}\s+)?"
    rf"(?:days|weeks|months|years|decades)"
    rf"|(?:the\s+)?preceding\s+(?:{_NUMBER_WORD}\s+)?(?:days|weeks|months)"
    rf"|(?P<deictic2>a\s+year\s+ago)"
    rf"|(?P<duration>within\s+(?:the\s+|a\s+)?(?:first\s+)?{_NUMBER_WORD}\s+(?:days|weeks"
    rf"|months|years)"
    rf"|(?:ran|lasted|spanned|running)\s+(?:for\s+|over\s+)?{_NUMBER_WORD}\s+(?:days|weeks|months)"
    rf"|{_NUMBER_WORD}[- ](?:day|week|month)(?:[- ]long)?(?=\s+(?:[a-z-]+\s+)?(?:operation"
    rf"|investigation|campaign|sweep|crackdown|blitz|initiative|probe|effort|period))))\b"
)
# words one of which each reference above needs (a cheap test before the patterns run)
_REF_HINT = re.compile("year|period|month|week|day|decade|quarter")
_RELATIVE_HINT = re.compile(
    "previous|prior|preceding|following|next|subsequent|year |same|that |period|years "
)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5}
_UNKNOWN_HINT = re.compile(
    "last|this|current|past|recent|previous|within|ran |lasted|spanned|running|day|week|month"
    "|to date|to-date|preceding|year ago"
)
# "has led to", "have been arrested": a count that runs up to now
_PERFECT = re.compile(
    r"(?i)\b(?:has|have|’ve|'ve)\s+(?:(?:since|now|so\s+far|already|also|together|jointly"
    r"|collectively|successfully)\s+)?(?:been|[a-z]+(?:ed|en|wn|ght|ade|id|ne|nt))\b"
)
_KIND = (
    (re.compile(r"^\d{4}$"), "year"),
    (re.compile(r"^FY\d{4}$"), "fiscal_year"),
    (re.compile(r"^(?:FY)?\d{4}-Q[1-4]$"), "quarter"),
    (re.compile(r"^since "), "cumulative"),
    (re.compile(r"^as of "), "as_of"),
)


def kind_of(period: str | None) -> str | None:
    """The kind of a period string (None for no period); anything else is `partial`."""
    if not period:
        return None
    return next((k for rx, k in _KIND if rx.search(period)), "partial")


def _hints(text: str) -> list[bool]:
    """Which rules can match at all (each needs a word that most texts lack): the rules run
    on every line and cell of a document, so skipping is most of their cost."""
    low = text.lower()
    month = _MONTH_HINT.search(text) is not None
    since = "since" in low
    fiscal = "fiscal" in low or "financial" in low or "budget" in low
    y = _YEAR_HINT.search(text) is not None  # every rule but three needs a four-digit year
    said = y and _SAID_HINT.search(low) is not None
    ever = since or _EVER_HINT.search(low) is not None
    if not (
        y
        or month
        or ever
        or fiscal
        or "FY" in text
        or "F.Y." in text
        or "Q" in text
        or "quarter" in low
    ):
        return _NO_RULE  # most lines and cells of a document: no rule can match
    frm = "from" in low
    between = "between" in low or frm
    return [
        y and month and "(" in text and (fiscal or "FY" in text),
        y and month and (fiscal or "FY" in text) and ("which" in low or "that" in low),
        y and ("school" in low or "academic" in low),
        y and _LAW_HINT.search(text) is not None,
        y and ("end of" in low or "close of" in low or "year-end" in low or "year end" in low),
        y and "year" in low and month, y and month and ("as " in low or "end of" in low),
        y and "as " in low,
        y and "as " in low and "/" in text, y and frm, y and "as " in low,
        y and since, y and since, y and since and month, y and since,
        y and _BEGUN_HINT.search(low) is not None, y and ever, said, y and "a " in low,
        y and month and between, month and between, y and frm, y and ("(" in text or "year" in low
        or "decade" in low), y and between, y and " and " in low,
        y and month and ("month" in low or "year" in low), y and "months of" in low,
        y and month and ("through" in low or "until" in low or "up to" in low or "by" in low),
        y and month,
        ever, since, y and "quarters" in low, y and "Q" in text,
        y and ("Q" in text or "quarter" in low), y and "Q" in text,
        y and "half" in low, y and "H" in text,
        fiscal or "FY" in text or "F.Y." in text, y and fiscal,
        y and ("-" in text or "/" in text or "–" in text),
        y and ("CY" in text or "calendar" in low), month, "Q" in text or "quarter" in low,
        y and month, y and _MID_HINT.search(low) is not None, y,
    ]  # fmt: skip


_YEAR_HINT = re.compile(r"(?:19|20)\d\d")
_LAW_HINT = re.compile(r"\b(?:Act|Code|Law|Ordinance|Statute|Regulations?|Bill)\b")
_MONTH_AFTER = re.compile(r"(?i)\b(?:in|during|throughout|for)\s+(?:the\s+month\s+of\s+)?$")
# words one of which the rules of cumulative periods, beginnings and announcements need
# (literal alternations on the lowercased text: fast to search)
_EVER_HINT = re.compile("to date|all.time|cumulativ|histor|existence|lifetime")
_MID_HINT = re.compile("(?:mid|early|late|end|start)-")
_BEGUN_HINT = re.compile(
    "launched|founded|established|created|set up|opened|began|started|commenced|formed"
    "|introduced|inaugurated|enacted|proclaimed|came into|took effect|went live"
)
_SAID_HINT = re.compile(
    "announced|released|published|issued|unveiled|said|stated|told|updated|revised|modified"
    "|posted|accessed|retrieved|dated"
)


# (the lookahead on the first letter lets the engine skip most positions fast)
_MONTH_HINT = re.compile(r"(?i)\b(?=[jfmasond])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
_A_YEAR = re.compile(r"(?:19|20)\d\d")


def _cumulative(found: list[Year], text: str) -> list[Year]:
    """Cumulative periods made whole: "since inception" and "since then" take the year the
    text says the count began ("launched in 2003 ... to date"); "since then" else the last
    year named before it; a beginning ("established in 2003") is cumulative when the text
    counts up to now ("has led to"), and "since 2001" after a change or a record is a
    baseline ("a 61% increase in calls since 2001")."""
    begun = next((y.year for y in found if y.origin), None)
    perfect = _PERFECT.search(text) is not None
    ever = any(y.kind == "cumulative" for y in found)
    out: list[Year] = []
    last_year: str | None = None  # the last year named so far, for "since then"
    for y in found:
        if y.kind == "begun" and (perfect or ever):
            y = Year(y.start, y.end, y.year, "cumulative", origin=True)
        elif y.year in ("since inception", "since then"):
            start = begun or (last_year if y.year == "since then" else None)
            if start:
                y = Year(y.start, y.end, start, "cumulative")
        elif (
            y.kind == "cumulative"
            and text[y.start : y.start + 5].lower() == "since"
            and _CHANGE_BEFORE.search(text, max(0, y.start - 80), y.start)
        ):
            y = Year(y.start, y.end, y.year, "baseline", origin=y.origin)
        if y.kind in ("year", "fiscal_year", "begun") or y.origin:
            m = _A_YEAR.search(y.year)
            last_year = f"since {m.group(0)}" if m else last_year
        out.append(y)
    return out


_NO_RULE = [False] * len(_RULES)


def find_periods(text: str) -> list[Year]:
    """Every period and period reference the text names, in order, without overlaps."""
    hints = _hints(text)
    if hints is _NO_RULE and not _REF_HINT.search(text.lower()):
        return []
    found: list[Year] = []
    covered = bytearray(len(text))  # positions a period already holds
    for (rx, build), may in zip(_RULES, hints, strict=True):
        if not may:
            continue
        for m in rx.finditer(text):
            if any(covered[m.start() : m.end()]):
                continue
            got = build(m)  # type: ignore[operator]
            if got is None:
                continue
            period, kind = got
            if kind == "year" and rx is _RULES[-1][0]:
                before = text[max(0, m.start() - 30) : m.start()]
                if _COUNT_AFTER.match(text, m.end()) and not _NOT_BEFORE_COUNT.search(before):
                    continue  # "police laid 2032 charges"
                if _BASELINE_BEFORE.search(before) and not _RANGE_AFTER.match(text[m.end() :]):
                    kind = "baseline"  # "up 25% from 2022"
            origin = kind in ("begun", "origin")  # the year a count began
            kind = "cumulative" if kind == "origin" else kind
            found.append(Year(m.start(), m.end(), period, kind, origin=origin))
            covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    found.sort(key=lambda y: y.start)
    if any(y.kind in ("cumulative", "begun") for y in found):
        found = _cumulative(found, text)
    low = text.lower()
    if not _REF_HINT.search(low):
        return found  # a relative reference names one of these
    relative = _RELATIVE_HINT.search(low)
    for m in _RELATIVE.finditer(text) if relative else ():
        if not any(covered[m.start() : m.end()]):
            offset = (
                -1 if m.group("prev") else 1 if m.group("next") else -2 if m.group("two") else 0
            )
            if m.group("n"):  # "two years earlier"
                offset = _NUMBERS.get(m.group("n").lower(), 0) * (-1 if m.group("back") else 1)
            found.append(Year(m.start(), m.end(), "", "relative", offset))
            covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    unknown = _UNKNOWN_HINT.search(low)
    for m in _UNKNOWN.finditer(text) if unknown else ():
        if not any(covered[m.start() : m.end()]):
            deictic = m.group("deictic") or m.group("deictic2")
            kind = "deictic" if deictic else "duration" if m.group("duration") else ""
            offset = -1 if m.group("last") or m.group("deictic2") else 0
            found.append(Year(m.start(), m.end(), "", kind or "unknown", offset))
    return sorted(found, key=lambda y: y.start)


_SHIFTABLE = re.compile(
    r"(?:FY)?\d{4}(?:-Q[1-4]|-H[12]|-\d\d)?(?:\.\.(?:FY)?\d{4}(?:-Q[1-4]|-\d\d)?)?"
)


def shift(period: str, offset: int) -> str | None:
    """A year-like period moved by `offset` years ("FY2023", -1 -> "FY2022"; a range of
    months "2023-04..2024-03" -> "2022-04..2023-03"); None if not one."""
    if not _SHIFTABLE.fullmatch(period):
        return None
    return re.sub(r"(?<![\d-])\d{4}", lambda m: str(int(m.group(0)) + offset), period)
