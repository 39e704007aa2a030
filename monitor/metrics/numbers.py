"""Numbers as people write them, and the numbers that are never values.

A text is first *masked*: every span that looks like a number but is not a figure (phone
numbers, statutes, sections, pages, dates, list markers, years...) is blanked with spaces of
the same length, so offsets still point into the original text. Numbers are then read from the
masked text only. Years are not values, but they are remembered as period candidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from .periods import MONTH as _MONTH
from .periods import Year, find_periods

_YEAR = r"(?:19|20)\d\d"
_UNITS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    "|sixteen|seventeen|eighteen|nineteen"
)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
# a number under a hundred in words ("seven", "thirteen", "twenty-one"), for ages and the like
NUMBER_WORD = rf"(?:(?:{_TENS})(?:[-\s](?:{_UNITS}))?|{_UNITS})"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?!\d)"  # "April 46 people" is no date

# Spans that are never values; each is blanked before numbers are read. They come in two
# patterns because the engine can skip fast to a digit but not to a word: the first runs on
# the whole text, the second only near digits (see _near_digits).
_NEVER_FROM_DIGIT = re.compile(
    r"(?=[\d(\[])(?<!\w)(?:"
    + "|".join(
        (
            # phone numbers: 1-800-843-5678, 1-800-THE-LOST, (703) 224-2150, 703-224-2150
            r"1[-.\s]\d{3}[-.\s][A-Z0-9]{3}[-.\s]?[A-Z0-9]{4}\b",
            r"\(\d{3}\)\s*\d{3}[-.]\d{4}\b|\d{3}[-.]\d{3}[-.]\d{4}\b",
            # statutes: 18 U.S.C. 2258A, 18 USC § 2258A(c)
            r"\d+\s*U\.?\s?S\.?\s?C\.?\s*(?:§+\s*)?(?:\d[\w().-]*)?",
            # dates and times (their year is read as a period, not here)
            rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}\b|{_DAY}(?:st|nd|rd|th)?\s+{_MONTH}(?![\w])",
            r"\d{1,4}[/-]\d{1,2}[/-]\d{1,4}\b|\d{1,2}:\d\d\b",
            # a figure's own words after it: "3 (three) years"
            rf"(?<=\d\s)\((?i:(?:{_UNITS}|{_TENS}|hundred|thousand)(?:[\s-]+(?:and\s+)?"
            rf"(?:{_UNITS}|{_TENS}|hundred|thousand))*)\)",
            # citation and footnote markers: "[1]", "[12]"
            r"\[\d{1,3}\]",
            # numbered lists "(1)" and hyphenated codes or ranges such as 117-97; not a count
            # after a name that ends its item ("Texas (96)", "Florida (80), Ohio (71) and")
            r"(?<![A-Za-z]\s)\(\d{1,2}\)|\(\d{1,2}\)(?!\s*(?:$|\n|[,;.]|and\b))"
            r"|\d+(?:-\d+)+\b",
            # ratios ("1 in 10", "nine of 10"; "4 of the 25" is a count, see _RATIO_GAP) and
            # rates of change ("a 12% increase")
            r"\d{1,3}\s+(?:in|out of|of)\s+(?!(?:19|20)\d\d\b)\d[\d,]*\b",
            r"\d[\d.]*\s?(?:%|(?i:percent|per\s+cent))\s+(?i:increase|decrease|rise|drop|decline|jump"
            r"|growth|change|more|fewer|less)\b",
        )
    )
    + ")"
)
_NEVER_FROM_WORD = re.compile(
    r"(?=[\w§])\b(?:"
    + "|".join(
        (
            r"https?://\S+|www\.\S+|[\w-]+(?:\.[\w-]+)*\.(?:org|com|gov|net|edu)(?:/\S*)?",
            # statutes: § 2258A(b)(4), Public Law 117-103
            r"§+\s*\d[\w().-]*(?:\s*(?:,|and|or|through)\s*\d[\w().-]*)*",
            r"(?i:public\s+law|pub\.\s*l\.|p\.\s*l\.)\s*\d+-\d+",
            # laws by number: Republic Act 11930, Act No. 9775, RA 9208, Act 51 of 1977
            r"(?:Republic\s+Act|Act\s+No\.|Law\s+No\.|Bill\s+No\.|R\.?A\.?)\s*\d{3,6}\b",
            rf"(?:Act|Law|Ordinance|Decree)\s+(?:No\.?\s*)?\d{{1,6}}\s+of\s+{_YEAR}\b",
            # sections of an act cited short: s24B(1)(a), ss. 163.1(4)
            r"ss?\.?\s?\d+(?:\.\d+)?[A-Za-z]{0,2}(?:\(\w{1,4}\))+",
            # the counts of an indictment, by number: "convicted on counts 1, 2 and 31 to 380"
            r"(?i:counts?)\s+\d+(?:\s*(?:,\s*(?:and\s+)?|-|–|and|or|to)\s*\d+\b)*",
            # charges by number, as a court's findings list them: "Charges 2, 3: Guilty"
            r"(?i:charges?)\s+\d{1,3}(?:\s*(?:,\s*(?:and\s+)?|-|–|and|or|to)\s*\d{1,3})*(?=\s*:)",
            # sections, pages, tables, figures and other references by number
            r"(?i:sections?|sec\.|chapter|title|part|article|rule|table|figure|fig\.|chart"
            r"|exhibit|appendix|footnote|note|item|step|question|volume|vol\.|no\.|page|pages"
            r"|pp?\.)\s*\d[\w().]*"
            r"(?:\s*(?:,\s*(?i:and|or)?|-|–|(?i:and|or|of|through|to))\s*\d[\w().]*)*",
            rf"{_MONTH}\s+{_DAY}(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR}\b)?",
            # ratios in words: "one in 40 reports", "two out of 10"
            rf"(?i:{_UNITS}|{_TENS})\s+(?:in|out\s+of)\s+(?:(?!{_YEAR}\b)\d[\d,]*\b"
            rf"|(?i:{_UNITS}|{_TENS})\b)",
            # rates of change: "rose 14%"
            r"(?i:rose|fell|grew|dropped|declined|increased|decreased|jumped|climbed|up|down)"
            r"(?:\s+by)?\s+\d[\d.]*\s?(?:%|(?i:percent|per\s+cent)\b)",
        )
    )
    + ")"
)
# "40 232 reports", "100 000 files", "30m images": a grouping or a scale only a count of
# something named right after it can have (never in a row of table figures)
_GROUPED_BEFORE_NOUN = (
    r"(?=\s+(?:[a-z][\w-]*\s+){0,2}?(?:reports|tips|referrals|images|videos|files|photos"
    r"|photographs|children|victims|people|arrests|offences|offenses|charges|cases|items"
    r"|pieces|urls|webpages|pictures|suspects|offenders|counts|contraventions|convictions)\b)"
)
_NUMBER = re.compile(
    r"(?P<num>\d{1,2}(?:,\d\d)+,\d{3}(?![\d,])|\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{1,3}(?:\.\d{3}){2,}(?![\d.])"
    rf"|(?<![\d,.]\s)\d{{1,3}}(?:[ \u00a0\u202f\u2009]\d{{3}})+{_GROUPED_BEFORE_NOUN}"
    r"|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>(?i:million|billion|thousand|hundred|mn|bn|lakhs?|crores?))\b"
    r"|(?P<abbr>[MBK])(?![A-Za-z])"
    rf"|(?P<low>[mk]){_GROUPED_BEFORE_NOUN})?"
    r"(?P<pct>\s?(?:%|(?i:percent|per\s+cent)\b))?"
    r"(?P<plus>\+)?"
)
_WORD_PART = rf"(?:(?:{_TENS})(?:[-\s](?:{_UNITS}))?|{_UNITS}|hundred|thousand|million|billion)"
# Numbers in words: "five", "Thirty-one", "nearly ten thousand", "half a million"; their value
# is read by text2num. A lone "one" is left alone: it is a pronoun more often than a figure.
_WORDS = re.compile(
    rf"(?i)(?<![\w-])(?:half\s+a\s+(?P<half>million|billion|dozen)|(?P<dozen>a\s+dozen)"
    rf"|(?P<fourths>a|one|three)\s+quarters?\s+of\s+a\s+(?P<quarter>million|billion)|{_WORD_PART}"
    rf"(?:(?:\s+and)?[\s-]+{_WORD_PART})*(?:\s+(?P<dozens>dozen))?)(?![\w-])"
    rf"(?P<pct>\s?(?:%|percent\b|per\s+cent\b))?"
)
_EUROPEAN = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6}  # lowercase too
_SCALE |= {"billion": 1e9, "bn": 1e9, "b": 1e9, "dozen": 12, "hundred": 100}  # "11 hundred"
# South Asian scales, and their grouping "7,87,810" (India, Pakistan, Bangladesh, Sri Lanka)
_SCALE |= {"lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7}
# a currency code glued to an amount: "fined RM3,000", "Ksh500,000", "R5,000" (money)
_CURRENCY_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:RM|Rs|INR|USD|PHP|KES|Ksh|NZD|AUD|CAD|HKD|SGD|RMB|EUR|GBP|R|P)\.?$"
)
_LEFT_GLUE = set("_.,/$€£#-–—'’₱₹¥₩₦") | set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
# Words before a figure that say it is not exact; a figure's qualifier (prose) and words a
# table cell may hold beside its figure (tables).
QUALIFIER_WORDS = (
    "more than", "over", "nearly", "almost", "about", "approximately", "approx.", "roughly",
    "at least", "up to", "fewer than", "less than", "under", "close to", "around",
    "an estimated", "estimated", "exceeding", "above", "upwards of", "in excess of",
    "just over", "just under",
)  # fmt: skip
_QUALIFIER = re.compile(rf"(?i:\b({'|'.join(map(re.escape, QUALIFIER_WORDS))}))\s+$")
# "24,768,90" + "3": a number cut by PDF extraction, the last group short and finished below.
_DIGIT = re.compile(r"\d")
_PERIOD_WORD = re.compile(  # periods and period references without digits
    r"(?i)since|year|period|to date|all.time|cumulativ|histor|existence|lifetime|quarter|month"
    r"|week|\bday|decade|\bQ[1-4]\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
)
_DIGITS = re.compile(r"\d+")
_NOT_NEWLINE = re.compile(r"[^\n]")
_SPLIT = re.compile(r"(\d{1,3}(?:,\d{3})*),(\d{1,2})\s*\n\s*(\d{1,2})(?!\d)")


@dataclass(frozen=True)
class Number:
    """One figure found in a text: where it stands and what it is worth."""

    start: int
    end: int
    value: float
    unit: str  # "count" or "percent"
    qualifier: str | None


@dataclass(frozen=True)
class Scan:
    """A text read once: its masked form, the figures in it and the years it names."""

    text: str
    masked: str
    numbers: tuple[Number, ...]
    years: tuple[Year, ...]  # the periods it names (years, fiscal years, quarters...)
    broken: bool  # holds a number cut in two by extraction ("24,768,90")
    refs: tuple[Year, ...] = ()  # every period and reference (relative, baseline), in order
    wholes: tuple[Number, ...] = ()  # the wholes of parts ("Two of the 27"), not figures here


def join_split_numbers(text: str) -> str:
    """Rejoin numbers that PDF extraction cut across lines: "24,768,90\\n3" -> "24,768,903"."""

    def fix(m: re.Match[str]) -> str:
        if len(m.group(2)) + len(m.group(3)) == 3:
            return f"{m.group(1)},{m.group(2)}{m.group(3)}"
        return m.group(0)

    return _SPLIT.sub(fix, text) if "," in text else text


@lru_cache(maxsize=8192)
def _periods(text: str) -> tuple[Year, ...]:
    return tuple(find_periods(text))


def _years(text: str) -> tuple[Year, ...]:
    return tuple(y for y in _periods(text) if y.real)


def years_in(text: str) -> list[Year]:
    """Every period the text names: "in 2024", "CY 2023", "FY2024", "Q3 2024", "since 1998"..."""
    return list(_years(text)) if _DIGIT.search(text) or _PERIOD_WORD.search(text) else []


def _near_digits(text: str) -> list[tuple[int, int]]:
    """Stretches of the text around its digits: the only places a non-value can start.

    Searching only there keeps _NEVER_FROM_WORD off long runs of plain prose.
    """
    out: list[tuple[int, int]] = []
    for m in _DIGITS.finditer(text):
        lo, hi = max(0, m.start() - 60), min(len(text), m.end() + 30)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def mask(text: str) -> str:
    """The text with every non-value span blanked (same length, newlines kept)."""
    spans = [(y.start, y.end) for y in _periods(text) if y.kind != "relative"]
    spans += [(m.start(), m.end()) for m in _NEVER_FROM_DIGIT.finditer(text)]
    for lo, hi in _near_digits(text):
        spans += [(m.start(), m.end()) for m in _NEVER_FROM_WORD.finditer(text, lo, hi)]
    spans.sort()
    if not spans:
        return text
    out, pos = [], 0
    for start, end in spans:
        if end <= pos:
            continue
        start = max(start, pos)
        out += [text[pos:start], _NOT_NEWLINE.sub(" ", text[start:end])]
        pos = end
    out.append(text[pos:])
    return "".join(out)


@lru_cache(maxsize=8192)
def scan(text: str) -> Scan:
    """Read the figures and years of a text; see the module docstring for what is skipped.

    Cached: table cells and lines repeat (every page's footer, every "Total" row).
    """
    if not _DIGIT.search(text) and not _WORD_HINT.search(text):
        refs = _periods(text) if _PERIOD_WORD.search(text) else ()
        return Scan(text, text, (), tuple(y for y in refs if y.real), False, refs)
    masked = mask(text)
    numbers = []
    broken = False
    for m in _NUMBER.finditer(masked):
        s, e = m.start(), m.end()
        if (
            s
            and masked[s - 1] in _LEFT_GLUE
            and not (
                masked[s - 1].isalpha()
                and "," in m.group("num")
                and not masked[e : e + 1].isalnum()
                and not _CURRENCY_BEFORE.search(masked, max(0, s - 4), s)
            )
        ):
            continue  # glued to a word or another number: a footnote, a code, "MD5" (but a
            # grouped number glued by PDF extraction is one: "arrests1,234")
        bare = not (
            m.group("scale")
            or m.group("abbr")
            or m.group("low")
            or m.group("pct")
            or m.group("plus")
        )
        if m.group("abbr") and "." not in m.group("num") and _is_code(masked, s, e):
            continue  # "Nansana East 2B", "Block 4K": a name's code, not 2 billion
        after = masked[e : e + 2]
        if bare and after[:1] in (",", ".") and after[1:2].isdigit():
            broken = broken or after[:1] == ","
            continue  # "24,768,90" cut in two, or a version number
        if bare and after[:1].isalnum():
            continue  # "4chan", "12other", "2258A"
        if bare and after[:1] in "-–" and after[1:2].isalnum():
            continue  # "6-year-old"
        numbers.append(_number(m, text))
    if _WORD_HINT.search(masked):
        numbers = sorted(numbers + _word_numbers(masked, text), key=lambda n: n.start)
    drop, wholes = set(), []
    for i, (x, y) in enumerate(pairwise(numbers)):
        if _RATIO_GAP.match(masked, x.end, y.start):
            drop |= {i, i + 1}  # "nine of 10"
        elif x.unit == "count" and _SUBSET_GAP.match(masked, x.end, y.start):
            drop.add(i + 1)  # "Four of the 25": the whole, named before; not a figure again
            wholes.append((x.end, y))
    drop |= {
        i for i, n in enumerate(numbers) if _ONE_IN.search(masked, max(0, n.start - 16), n.start)
    }  # "one in four": a lone "one" is no figure of its own
    if drop:
        numbers = [n for i, n in enumerate(numbers) if i not in drop]
    if wholes:  # blanked, so what follows reads as what the part counts ("4 ... suspects")
        parts, last = [], 0
        for start, whole in wholes:
            parts += [masked[last:start], " " * (whole.end - start)]
            last = whole.end
        masked = "".join(parts) + masked[last:]
    return Scan(
        text,
        masked,
        tuple(numbers),
        _years(text),
        broken,
        _periods(text),
        tuple(w for _, w in wholes),
    )


_GROUPING = str.maketrans("", "", ", \u00a0\u202f\u2009")  # what groups thousands


# a number with a letter glued after a name is its code: "Nansana East 2B", "Block 4K"
_NAME_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s$")
_NOT_NAMES = {w.split()[0] for w in QUALIFIER_WORDS} | {"some", "the", "all", "just"}
_COUNTED_AFTER = re.compile(_GROUPED_BEFORE_NOUN)


def _is_code(masked: str, start: int, end: int) -> bool:
    """A number with a letter glued, right after a capitalised word that is no qualifier,
    and before no counted noun ("Facebook 20M reports" is a count)."""
    name = _NAME_BEFORE.search(masked, max(0, start - 24), start)
    return (
        name is not None
        and name.group(1).lower() not in _NOT_NAMES
        and not _COUNTED_AFTER.match(masked, end)
    )


def _number(m: re.Match[str], text: str) -> Number:
    num = m.group("num")
    scale = (m.group("scale") or m.group("abbr") or m.group("low") or "").lower()
    if _EUROPEAN.fullmatch(num) and (num.count(".") > 1 or not (scale or m.group("pct"))):
        # "1.234.567"; "785.322 reports": a count has no thousandths, so the point groups
        num = num.replace(".", "")
    value = float(num.translate(_GROUPING))
    value *= _SCALE.get(scale, 1.0)
    unit = "percent" if m.group("pct") else "count"
    q = _QUALIFIER.search(text[max(0, m.start() - 24) : m.start()])
    qualifier = q.group(1).lower() if q else ("more than" if m.group("plus") else None)
    return Number(m.start(), m.end(), round(value, 6), unit, qualifier)


_ONE_COUNTED = re.compile(
    r"(?i)\s+(?:[a-z]+\s+|\d{1,2}-year-old\s+)?(?:offender|suspect|man|woman|person|individual"
    r"|child|victim|girl|boy|teenager|youth|juvenile|minor|defendant|predator|perpetrator"
    r"|trafficker|infant|baby|arrest|count|charge|offen[cs]e|conviction)\b(?!['’])"
)
_NOT_ONE = re.compile(r"(?i)\b(?:no|least|than|every|any|each|the)\s+$")
# "one" as the last member of a respective list ("five in Chile, one in Ecuador"), a part of
# a count before it ("six children, including one in Arizona") or a sentence's subject ("One
# was charged with distribution")
_ONE_PLACE = r"\s+(?:in|from|at)\s+(?:the\s+)?[A-Z]"
_ONE_MEMBER_AFTER = re.compile(_ONE_PLACE)
# a count by place before it, in the same clause: "30 people in Argentina, 26 in Brazil, and"
_ONE_LIST_BEFORE = re.compile(
    rf"(?i:\d|\b(?!one\b)(?:{_UNITS}|{_TENS})\b)[^.;:!?]*?(?-i:{_ONE_PLACE})[^.;:!?]*?"
    r"(?:,\s*(?:and\s+)?|\s+and\s+)$"
)
# a part of a count just before: "six children, including one in Arizona"
_ONE_PART_BEFORE = re.compile(
    rf"(?i:\d|\b(?:{_UNITS}|{_TENS})\b)[\w\s-]{{0,40}}?(?:,|\s[-–—])?\s+including\s+$"
)
_ONE_SUBJECT = re.compile(r"\s+(?:was|has\s+been|had\s+been|is|remains|pleaded)\s+[a-z]+")
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"”’]?\s+)$")
_ONE_IN = re.compile(r"(?i)\b(?:one|a)\s+(?:in|out\s+of)\s+$")
_RATIO_GAP = re.compile(r"(?i)\s+(?:of|out\s+of|in)\s+$")  # "nine of 10": a ratio
# the whole a part is of: "Four of [the] 25" (four, of a whole named before)
WHOLE_OF = r"\s+of\s+(?:the|those|these)\s+"
# "Four of the 25", "Nine men out of the 19": four, nine
_SUBSET_GAP = re.compile(rf"(?i)(?:\s+[a-z]+)?(?:\s+out)?{WHOLE_OF}$")
_WORD_HINT = re.compile(
    rf"(?i)\b(?=[otfsenha])(?:{_UNITS}|{_TENS}|half a|a dozen|a quarter|three quarters)\b"
)  # fast first letter


def _one_counts(masked: str, start: int, end: int) -> bool:
    """Whether a lone "one" is a figure: it is a pronoun more often than not."""
    if _ONE_COUNTED.match(masked, end):
        return not _NOT_ONE.search(masked, 0, start)  # "one offender arrested"
    before = masked[max(0, start - 80) : start]
    if _ONE_MEMBER_AFTER.match(masked, end) and (
        _ONE_LIST_BEFORE.search(before) or _ONE_PART_BEFORE.search(before)
    ):
        return True
    return bool(_ONE_SUBJECT.match(masked, end) and _SENTENCE_START.search(before))


def _word_numbers(masked: str, text: str) -> list[Number]:
    """Figures written in words, valued by text2num."""
    from text_to_num import text2num

    out = []
    for m in _WORDS.finditer(masked):
        words = m.group(0)[: m.end() - m.start() - len(m.group("pct") or "")]
        if words.lower() in ("hundred", "thousand", "million", "billion"):
            continue
        if words.lower() == "one" and not _one_counts(masked, m.start(), m.end()):
            continue
        if m.group("dozen"):
            value = 12.0  # "a dozen suspects"
        elif m.group("half"):
            value = 0.5 * _SCALE[m.group("half").lower()]
        elif m.group("quarter"):  # "a quarter of a million", "three quarters of a million"
            value = (0.75 if m.group("fourths").lower() == "three" else 0.25) * _SCALE[
                m.group("quarter").lower()
            ]
        else:
            if m.group("dozens"):  # "two dozen people": 24
                words = words[: m.start("dozens") - m.start()]
            try:
                value = float(text2num(" ".join(words.lower().replace("-", " ").split()), "en"))
            except ValueError:
                continue
            value *= 12 if m.group("dozens") else 1
        q = _QUALIFIER.search(text[max(0, m.start() - 24) : m.start()])
        unit = "percent" if m.group("pct") else "count"
        out.append(Number(m.start(), m.end(), value, unit, q.group(1).lower() if q else None))
    return out


def nearest_year(years: tuple[Year, ...] | list[Year], pos: int) -> str | None:
    """The period that governs a figure at pos: the last one before it, else the first after."""
    years = [y for y in years if y.real]
    before = [y for y in years if y.end <= pos]
    if before:
        return before[-1].year
    after = [y for y in years if y.start >= pos]
    return after[0].year if after else None


def only_year(text: str) -> str | None:
    """The single year a heading names, or None when it names none or several."""
    ys = {y.year for y in years_in(text)}
    return ys.pop() if len(ys) == 1 else None
