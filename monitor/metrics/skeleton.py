"""The skeleton of a clause after a figure: its counted noun and its predicate, with the
interruption between them left out.

Writers put a lot between a counted noun and what happened to it: a dash pair ("Five
victims — four of them minors — were rescued"), brackets, an aside set off by commas
("Four individuals, namely an accountant, a web designer and a civil servant, were
arrested"; "The 13 suspects, ranging in age from 20 to 74, were detained"), a relative clause
with a verb of its own ("three suspects who could not be found were also indicted") or a
participle phrase ("36 Texans suspected of committing sex crimes were charged"). The rules
that bind a figure to its verb (relations.py) read the words right after the figure; this
step gives them "victims were rescued" to read, one general step instead of one pattern per
kind of aside. The figures inside the aside are read as they stand (parts of the count).

Linear: each step looks at a bounded window after the figure.
"""

from __future__ import annotations

import re

_WINDOW = 320  # characters after the figure the skeleton may span
# what opens a clause with a subject and a verb of its own, so that a verb after it is not the
# counted noun's ("vehicles were towed after suspects were arrested"); shared with relations.py
CONJUNCTIONS = r"(?:after|before|when|while|whereas|because|once|until|where)"
FINITE = r"(?:were|was|are|is|have|has|had)"

# the counted noun phrase: a few words, none of them a verb, a relative word or a conjunction
_NP_WORD = re.compile(
    r"\s*(?!(?:who|whom|whose|that|which|were|was|are|is|have|has|had|will|would|could|may"
    r"|might|and|or|but|while|whereas|in|on|at|for|from|to|with|by)\b)[\w’'/-]+",
    re.I,
)
# adjectives joined in the noun phrase: "missing or exploited", "abused and neglected"
_COORDINATED = re.compile(r"\s+(?:or|and|and/or)(?=\s+(?-i:[a-z])[\w-]*\s+(?-i:[a-z]))", re.I)
# the start of a predicate: an auxiliary (with any adverbs) or a verb of facing charges
_AUX = (
    r"(?:(?:have|has|had)\s+(?:also\s+|now\s+|since\s+|all\s+|each\s+)*been|were|was|are|is"
    r"|remain(?:ed|s)?)"
)
_PREDICATE = re.compile(
    rf"\s*(?:{_AUX}\b|(?:now\s+|also\s+|all\s+|each\s+)*(?:face[sd]?|facing|stand\s+accused)\b)",
    re.I,
)
# a dash pair or brackets right after the noun phrase
_DASHES = re.compile(r"\s*(?:(?P<d>[–—])|\s--\s)(?P<aside>[^–—;]{1,200}?)(?(d)[–—]|\s--\s)")
_BRACKETS = re.compile(r"\s*\((?P<aside>[^()]{1,200})\)")
# an aside set off by commas (a list may hold commas of its own): the last comma before the
# predicate closes it
_COMMAS = re.compile(rf",(?P<aside>[^;]{{1,200}}?),(?={_PREDICATE.pattern})", re.I)
# an age limit before its number: "under 12", "over the age of 16"
AGE_LIMIT = r"(?:under|over|below|above|younger\s+than|older\s+than)\s+(?:the\s+age\s+of\s+)?"
# an age or an age range: "Five children under the age of 10 were rescued", "20 children
# between the ages of seven and 13 were rescued"
_AGE = re.compile(
    rf"\s+(?P<aside>(?:{AGE_LIMIT}|between\s+the\s+ages\s+of\s+|aged\s+(?:between\s+|from\s+)?)"
    r"[\w-]+(?:\s+(?:and|to|or)\s+[\w-]+)?(?:\s+years?(?:\s+old|\s+of\s+age)?)?)",
    re.I,
)
# a relative clause with a verb of its own, or a participle phrase, then the main predicate
_MODIFIER = re.compile(
    r"\s+(?P<aside>(?:(?:who|that)\s+(?!(?:were|was|are|is|have|has|had)\s+"
    r"(?:(?:also|now|since|all|each)\s+)*(?:been\s+)?\w+ed\b)"
    r"|(?!(?:been|being)\b)(?:[a-z]{3,}(?:ed|ing)|caught|held|taken|found|seen|kept)\s+)"
    r"(?:(?!(?:who|whom|that|which|and|but)\b)[^\s,;.]+\s+){0,12}?)"
    rf"(?={_AUX}\s+(?:(?:also|now|since|subsequently|later|all|each|successfully)\s+)*"
    r"[\"“‘']?\w+ed\b)",
    re.I,
)


def skeleton(text: str, start: int) -> str | None:
    """The noun phrase after the figure at `start` and the predicate after an interruption,
    joined ("victims were rescued"); None when nothing interrupts them."""
    window = text[start : start + _WINDOW]
    at = 0
    for i in range(4):  # the noun phrase ends after one of its first four words
        if i and (coord := _COORDINATED.match(window, at)):
            at = coord.end()  # "Six missing or exploited children"
        word = _NP_WORD.match(window, at)
        if word is None or (i == 0 and word.group().strip().lower() == "of"):
            return None  # "of" joins a noun to its complement, not a figure to its noun
        at = word.end()
        for rx in (_DASHES, _BRACKETS, _COMMAS, _AGE, _MODIFIER):
            m = rx.match(window, at)
            if m is None:
                continue
            rest = window[m.end() :]
            if rx is not _MODIFIER and _PREDICATE.match(rest) is None:
                continue  # "seven suspects – six of them teenagers – on Monday": no predicate
            return f" {' '.join(window[:at].split())} {rest.lstrip()}"
    return None


# the loosest interruption, tried last: a place or a breakdown, with commas of its own, between
# the noun and its predicate ("Seven men from Toronto, Ontario were charged"; "402 children -
# 201 boys and 201 girls, aged between one and 17 years were rescued")
_LOOSE = re.compile(
    r"(?P<np>(?:\s*(?!of\b)[\w’'/-]+){1,3}?)"
    r"(?P<gap>\s*(?P<open>[,(:–—]|-\s|\s-)?(?(open)|\s*(?:from|in|at|across|aged|with)\b)"
    r"(?:[^.;?!]|(?<=\b[A-Z])\.){0,160}?)"  # an initial's point: "A. Smith"
    rf"(?=\s+{_AUX}\s+(?:(?:also|now|since|subsequently|later|all|each|successfully)\s+)*"
    r"[\"“‘']?\w+ed\b)",
    re.I,
)
# words that open a clause of its own: its verb is not the noun's
_OWN_CLAUSE = re.compile(
    rf"(?i)\b(?:who|whom|which|that|{CONJUNCTIONS}|but|if|as|(?-i:said|says)|{FINITE})\b"
)
_AGES = re.compile(r"(?i)\d+-(?:years?|yrs?)-old")


def loose_skeleton(text: str, start: int) -> tuple[str, str] | None:
    """The noun after the figure at `start` and its predicate past a place or a breakdown
    (numbers allowed only in a breakdown set off by a dash, a bracket or a colon), as
    (noun phrase, "noun predicate"); None when the words between open a clause of their own."""
    m = _LOOSE.match(text, start, start + _WINDOW)
    if m is None:
        return None
    gap = _AGES.sub("", m.group("gap"))
    breakdown = m.group("open") not in (None, ",")  # its numbers are parts of the count
    if _OWN_CLAUSE.search(gap) or (not breakdown and re.search(r"\d", gap)):
        return None
    np = " ".join(m.group("np").split())
    return np, f" {np} {text[m.end() : start + _WINDOW].lstrip()}"
