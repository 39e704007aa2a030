"""What a number counts and what happened to it: the words bound to a figure.

The prose finder asks this module first; the looser family vocabulary (vocab.classify over a
window of words) is the fallback for what it cannot tell. In order, the first that applies:

1. The outcome relation after the counted noun phrase: "N reports (that were) (marked as
   having) led to / resulted in / produced an arrest" is `arrests`, counting reports; negated
   ("did not result in an arrest") it is no figure at all. When the outcome carries its own
   number ("cases that resulted in 3,771 arrests") the relation counts that number instead.
   A modifier phrase without a finite verb may stand between the noun and the relation
   ("N reports [received from the public in that quarter] were marked as ..."): the label
   counts the noun alone. "N of them led to ..." and "arrests were recorded in N of them"
   count the reports named before (`THEM`, resolved by the prose finder).
2. A nominal or a verb right before the number: "the arrest of 245 suspects", "the
   identification of 1,066 victims", "arrested 233 people", "charged 877 alleged offenders".
3. A passive verb right after the counted noun: "77 people have been arrested", "518 children
   have been safeguarded", "264 were charged".
4. The counted noun itself: "3,771 arrests", "2032 charges", "13,182 URLs".
5. A counted noun that is none of the families (investigations, complaints, cases, warrants,
   devices, agencies, accounts...) stops the search: no fallback may name a family for it.

Children's families need a child to be counted: "identified 195 offenders" is not
`children_identified`. A figure followed by a rate ("per month", "every day") is no count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUAL = (
    r"(?:(?:more than|over|nearly|almost|about|approximately|roughly|at least|up to|around"
    r"|an estimated|just over|just under|in excess of|upwards of|close to|some)\s+)?"
)
KIDS = (
    r"(?:children|child|kids|minors?|juveniles?|victims?|child\s+victims?|youths?|girls|boys"
    r"|infants|babies|teenagers|teens|survivors|missing\s+children)"
)
_KID_NP = re.compile(
    rf"^\s*(?:[\w’'-]+\s+){{0,3}}?{KIDS}\b", re.I
)  # "sexually exploited juveniles", "missing children"
_PEOPLE = (
    r"(?:people|persons?|individuals|suspects?|offenders?|men|women|predators|pedophiles"
    r"|paedophiles|perpetrators|defendants|adults|pimps|subjects|targets|others|criminals)"
)
_PERSON_NP = re.compile(rf"^\s*(?:[\w’'-]+\s+){{0,3}}?{_PEOPLE}\b", re.I)
# 1. outcome relations
_OUTCOME_NOUN = {
    "arrest": "arrests", "arrests": "arrests",
    "conviction": "convictions", "convictions": "convictions",
    "prosecution": "prosecutions", "prosecutions": "prosecutions", "charges": "prosecutions",
    "indictment": "prosecutions", "indictments": "prosecutions",
}  # fmt: skip
# a modifier between the counted noun and its relation, without a finite verb of its own:
# "reports [received from the public in that quarter] were marked as having led to an arrest"
_FINITE = (
    r"(?:that|which|who|whom|whose|where|when|were|was|is|are|be|been|have|has|had|did|do"
    r"|does|will|would|could|should|may|might|can|not|never|and|but|or|contained|included"
    r"|involved|showed|said|came|went)"
)
_MODIFIER = (
    r"(?P<mod>\s++(?!(?:led|resulted|ended|culminated|contributed|produced|yielded|generated"
    r"|linked|marked|flagged|recorded|reported|confirmed|classified|noted|identified|listed"
    r"|designated|tagged|indicated)\b)(?:[a-z]+(?:ed|en)|made|sent|given|taken|held|brought|found|kept|seen|shown"
    r"|from|in|during|over|at|by|to|through|since|across|within|between|under|for|via)\b"
    r"(?:\s++(?:that|this)\s++(?:year|quarter|period|month|week|half)\b"
    rf"|\s++(?!{_FINITE}\b)[\w’'/-]++){{0,10}}?)?"
)
_RELATION = re.compile(
    r"^(?P<np>(?:\s*+[\w’'/-]++){0,6}?)" + _MODIFIER + r"\s*+,?\s*+(?:that|which|who)?\s*+"
    r"(?:(?:have|has|had|were|was|are|is|been|being|subsequently|ultimately|eventually|later"
    r"|reportedly|also|directly|each|all)\s++)*+"
    r"(?:(?P<neg1>(?:did|do|does|have|has|had)\s+not|never|not)\s+)?"
    r"(?:(?:marked|flagged|recorded|reported|confirmed|classified|noted|identified|listed"
    r"|designated|tagged|indicated|linked)\s+(?:by\s+(?:[\w’'-]++\s++){1,6}?)?(?:as\s+)?"
    r"(?:(?:having|being)\s+)?(?:(?P<neg2>not)\s+)?)?"
    r"(?:(?:led|lead|leads|leading|resulted|result|results|resulting|ended|ending|culminated"
    r"|culminating|contributed|contributing|linked)?\s*(?:in|to)\s+"
    r"|(?:produced|produce|producing|yielded|yielding|generated|generating)\s+(?:in\s+)?"
    r"|(?<=as\s))"
    r"(?P<num>\d[\d,.]*\s+)?(?:(?:an?|the|one or more|at least one|some|further|subsequent)\s+)?"
    r"(?P<out>arrests?|convictions?|prosecutions?|charges|indictments?)\b",
    re.I,
)
# 2. a nominal or a verb just before the number
_BEFORE = re.compile(
    rf"\b(?:(?P<arr>arrests?|apprehension|detention|arrest(?:ed|ing)|apprehend(?:ed|ing)"
    rf"|nabb(?:ed|ing)|snar(?:ed|ing)|detain(?:ed|ing)|(?:taken|took) into custody)"
    rf"|(?P<pro>prosecution|indictment|charg(?:ed|ing)|indict(?:ed|ing)|prosecut(?:ed|ing)"
    rf"|laid|laying|filed)"
    rf"|(?P<con>conviction|convict(?:ed|ing)|(?:pled|pleaded)\s+guilty\s+to)"
    rf"|(?P<kid>identification|rescue|recovery|safeguarding|removal|identif(?:ied|ying)"
    rf"|rescu(?:ed|ing)|safeguard(?:ed|ing)?|remov(?:ed|ing)|recover(?:ed|ing)|locat(?:ed|ing)"
    rf"|protect(?:ed|ing)?|sav(?:ed|ing)|identified\s+and(?:/or)?\s+rescued))"
    rf"(?:\s+(?:of|with))?(?:\s+(?:a\s+total\s+of|the))?\s+{_QUAL}$",
    re.I,
)
# "reported an arrest as the case status on N reports"; "... producing an arrest, or N reports"
_STATUS_BEFORE = re.compile(
    r"\b(?P<out>arrest|conviction|prosecution|charge)s?\b[^.;]{0,30}?\bas\s+(?:the|a|their)\s+"
    r"(?:case\s+)?(?:status|outcome|disposition|result)\s+(?:on|for|of|in)\s+(?:the\s+)?"
    rf"{_QUAL}$"
    r"|\b(?:led|lead|resulted|resulting|produc\w+|marked|flagged|ended)\b[^.;]{0,40}?"
    r"\b(?P<out2>arrest|conviction|prosecution)s?\s*,\s*(?:or|i\.e\.|that\s+is)\s+"
    rf"{_QUAL}$"
    r"|\b(?P<no>no\s+)?(?P<out3>arrest|conviction|prosecution|charge)s?\s+(?:were|was"
    r"|(?:have|has|had)\s+been)\s+(?:recorded|reported|made|noted|logged|confirmed|secured)"
    rf"\s+(?:in|on|for|from)\s+{_QUAL}$",
    re.I,
)  # "Arrests were recorded in N of them": N counts them (the reports named before)
_OF_THEM = re.compile(r"^\s*of\s+(?:them|those|these)\b", re.I)
THEM = "them"  # `counted` of "N of them": the noun of the sentence before names it
# 3. a passive verb after the counted noun
_PASSIVE = re.compile(
    rf"^\s*(?:(?:[\w’'-]+\s+){{0,4}}?{_PEOPLE}|{KIDS}|(?:[\w’'-]+\s+){{0,3}}?{KIDS})?"
    r"(?:\s+(?:of|in|from|across|around|who|that)\s+(?:[\w’'-]+\s+){0,7}?)?"
    r"\s*+(?:(?:have|has|had|were|was|are|is|been|being|now|also|successfully|subsequently)\s++)*+"
    r"[\"“”']?(?P<verb>arrested|apprehended|detained|charged|indicted|prosecuted|convicted"
    r"|identified|rescued|safeguarded|recovered|removed|located)\b",
    re.I,
)
_VERB_FAMILY = {
    "arrested": "arrests", "apprehended": "arrests", "detained": "arrests",
    "charged": "prosecutions", "indicted": "prosecutions", "prosecuted": "prosecutions",
    "convicted": "convictions",
}  # fmt: skip
# 4. the counted noun
_NOUN = re.compile(
    r"^\s*(?:[\w’'-]+\s+){0,3}?(?P<noun>arrests|convictions|prosecutions|charges|indictments"
    r"|offences|offenses|counts|guilty\s+pleas|plea\s+agreements|urls|url’s|url's|webpages"
    r"|images|videos|files|photos|photographs|pieces\s+of\s+material|referrals|disseminations"
    r"|reports|tips|cybertips)\b",
    re.I,
)
_NOUN_FAMILY = {
    "arrests": "arrests", "convictions": "convictions", "guilty pleas": "convictions",
    "plea agreements": "convictions", "prosecutions": "prosecutions",
    "charges": "prosecutions", "indictments": "prosecutions", "referrals": "referrals",
    "disseminations": "referrals", "reports": "reports", "tips": "reports",
    "cybertips": "reports",
}  # fmt: skip
# 5. counted nouns of no family
_OTHER = re.compile(
    r"^\s*(?:[\w’'-]+\s+){0,2}?(?:investigations|complaints|cases|warrants|search\s+warrants"
    r"|devices|agencies|task\s+forces|accounts|hashes|notices|operations|websites|sites"
    r"|relationships|stakeholders|countries|states|officers|agents|exams|examinations"
    r"|attempts|access\s+attempts|hours|calls|trainings|presentations|members|partners"
    r"|companies|platforms|gb|mb|tb|minutes|hours|seconds|days|weeks|months|years|year-old"
    r"|dollars|euros|pounds)\b",
    re.I,
)
_RELATIVE_CLAUSE = re.compile(r"^\s*(?:[\w’'-]+\s+){1,3}?(?:in which|where|whereby)\b", re.I)
_RATE = re.compile(
    r"^\s*(?:[\w’'-]+\s+){0,8}?(?:per|every|each|a)\s+(?:single\s+)?"
    r"(?:day|week|month|year|hour|minute)\b(?!\s+(?:earlier|later|before|after|ago)\b)",
    re.I,
)  # (not "41 arrests a year earlier": a period)
# "Each month, processes 2,500+ reports": a rate named before the figure (not "each year")
_RATE_BEFORE = re.compile(
    r"\b(?:per|every|each|a)\s+(?:single\s+)?(?:day|week|month|hour)\b[^.;,]{0,40}$"
    r"|^\s*(?:per|every|each|a)\s+(?:single\s+)?(?:day|week|month|hour),[^.;,]{0,40}$",
    re.I,
)  # "..., every day 1,000": a rate; "Each month, processes 2,500+" when it leads the sentence
# a unit that makes the figure a size, a duration or an age, not a count
_UNIT = re.compile(
    r"^\s*(?:gb|mb|tb|kb|gigabytes|terabytes|bytes|minutes?|hours?|seconds?|days?|weeks?"
    r"|months?|years?|decades?|-?year-olds?|times|fold|percent|per\s*cent)\b",
    re.I,
)
_WITH = re.compile(rf"\bwith\s+{_QUAL}$", re.I)
_OF_NEXT = re.compile(rf"\s+of\s+{_QUAL}$", re.I)  # "the arrest of [more than] <next figure>"
_TO_POLICE = re.compile(
    r"^\s*(?:[\w’'-]+\s+){0,4}?to\s+(?:[\w’'.-]+\s+){0,3}?"
    r"(?:law\s+enforcement|police|forces|icacs?|agencies)\b",
    re.I,
)


@dataclass(frozen=True)
class Binding:
    """What the words bound to a figure say: its family (None: no family), what it counts
    (for the label), or that it is no figure at all (`drop`)."""

    family: str | None
    counted: str | None = None
    relation: bool = False  # the family came from an outcome relation
    drop: bool = False
    final: bool = True  # False: the fallback vocabulary may still decide


NONE = Binding(None, final=False)
_COORDINATED = re.compile(rf"^[^.;]{{0,120}}?(?:,\s*|\s)(?:and|or|as\s+well\s+as)\s+{_QUAL}$", re.I)


def before_verb(before: str) -> re.Match[str] | None:
    """The verb or nominal right before a figure, if any ("arrested", "the rescue of")."""
    return _BEFORE.search(before[-60:])


def _np(text: str) -> str:
    words = [w for w in re.findall(r"[\w’'/-]+", text) if w.lower() not in _NP_STOP]
    return " ".join(words[-4:]).lower()


_NP_STOP = {"that", "which", "who", "of", "those", "these", "the", "a", "an", "in", "total",
            "as"}  # fmt: skip


_AND_END = re.compile(rf"\s*,?\s*(?:and|or|as\s+well\s+as)\s+{_QUAL}$", re.I)
_SHARED_VERB = re.compile(
    r"(?:\b(?:have|has|had|were|was|are|is|been|being)\s++)++(?:(?:now|also|successfully"
    r"|subsequently)\s+)*[\"“”']?(?:arrested|apprehended|detained|charged|indicted|prosecuted"
    r"|convicted|identified|rescued|safeguarded|recovered|removed|located)\b",
    re.I,
)


def bind(
    before: str, after: str, verb: re.Match[str] | None = None, shared: str | None = None
) -> Binding:
    """The binding of a figure from the words before it (back to the previous figure) and
    after it (up to the next figure or the sentence's end). `verb`: the verb that bound the
    previous figure of the sentence (before_verb), for a figure coordinated with it; `shared`:
    the words after the next figure, whose passive verb a coordinated subject shares."""
    head = after[:200]
    if (
        _RATE.match(head)
        or _RATE_BEFORE.search(before[-80:] if len(before) > 80 else before)
        or _UNIT.match(head)
    ):
        return Binding(None, drop=True)  # "3,300 reports per month", "32 GB", "18 years"
    m = _RELATION.match(head)
    if (
        m
        and not m.group("num")
        and len(m.group("np").split()) <= 6
        and not _OF_NEXT.fullmatch(head, m.end())
    ):
        family = _OUTCOME_NOUN[m.group("out").lower()]
        if m.group("neg1") or m.group("neg2"):
            return Binding(None, drop=True)  # "22,950 tips did not result in an arrest"
        np, mod = m.group("np"), m.group("mod") or ""
        # the counted noun without its modifier phrase ("reports [sent to police that year]");
        # a lone participle stays with it ("the reports concerned")
        counted = THEM if _OF_THEM.match(head) else _np(np + mod if len(mod.split()) == 1 else np)
        counted = counted or None
        return Binding(family, counted, relation=True)
    kid_after = bool(_KID_NP.match(head))
    st = _STATUS_BEFORE.search(before[-120:])
    if st:
        if st.group("no"):
            return Binding(None, drop=True)  # "no arrests were recorded in N of them"
        out = (st.group("out") or st.group("out2") or st.group("out3")).lower()
        family = _OUTCOME_NOUN.get(out, "prosecutions")
        n = _NOUN.match(head)
        counted = THEM if _OF_THEM.match(head) else _np(n.group(0)) if n else None
        return Binding(family, counted, relation=True)
    b = _BEFORE.search(before[-60:])
    if b is None and verb is not None and _COORDINATED.match(before):
        b = verb  # "identify 195 offenders ..., and 383 children": the same verb
    if b:
        if b.group("arr"):
            return Binding("arrests")
        if b.group("pro"):
            return Binding("prosecutions")
        if b.group("con"):
            return Binding("convictions")
        if b.group("kid") and kid_after:
            return Binding("children_identified")
    p = _PASSIVE.match(head)
    if p is None and shared and (c := _AND_END.search(head)):
        # "30,000 victims ... and 13,000 criminals have been identified": the shared verb
        v = _SHARED_VERB.search(shared[:200])
        if v:
            p = _PASSIVE.match(f"{head[: c.start()]} {v.group(0)}")
    if p:
        verb = p.group("verb").lower()
        family = _VERB_FAMILY.get(verb)
        if family:
            return Binding(family)
        if kid_after:
            return Binding("children_identified")
        return Binding(None)  # "13,000 criminals have been identified": not a family
    n = _NOUN.match(head)
    if n:
        noun = " ".join(n.group("noun").lower().split())
        charged = verb is not None and verb.group("pro") and _WITH.search(before)
        if charged and noun in ("offences", "offenses", "counts", "charges"):
            return Binding("prosecutions")  # "charged 877 offenders with 7,029 offences"
        if noun in ("offences", "offenses", "counts"):
            return NONE  # charged with N offences: the verb before decides (above)
        if noun in _NOUN_FAMILY:
            return Binding(_NOUN_FAMILY[noun], final=False)
        return Binding("files", final=False)
    if _OTHER.match(head):
        if _RELATIVE_CLAUSE.match(head) or _TO_POLICE.match(head):
            return NONE  # "640 cases in which a child was recovered": the clause decides
        return Binding(None)
    return NONE
