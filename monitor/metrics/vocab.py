"""Families by meaning: a few phrases per family, and how to pick one for a figure.

Outcome families (arrests ... children_identified) are what the monitor exists for; when a
phrase around a figure names one of them, it wins over the volume families (referrals, reports,
files): "1,234 CyberTipline reports led to arrests" counts arrests, not reports.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import FAMILIES

OUTCOMES: tuple[str, ...] = FAMILIES[:5]

_KIDS = (
    r"(?:children|child(?:\s+victims?)?|victims?|minors?|kids|survivors|youths?|juveniles?|girls"
    r"|boys|teenagers|teens|infants|babies)"
)
_FOUND = (
    r"(?:identified|rescued|recovered|safeguarded|located|found|discovered"
    r"|removed from (?:harm|danger)|protected|saved|freed|liberated"
    r"|(?:taken|removed|moved|kept) out of harm[’']s way"
    r"|(?:taken|placed|put)\s+(?:in|into)\s+(?:protective\s+)?(?:care|custody)"
    r"|(?:taken|brought|moved)\s+to\s+safety|made\s+safe"
    r"|(?:offered|given|granted)\s+(?:police\s+)?protection"
    r"|(?:located|placed|found)\s+in\s+(?:a\s+)?safe\s+(?:environments?|places?|homes?))"
)

# who counts as the police, for reports received by them (lowercase text, or re.I)
POLICE = (
    r"(?:(?:(?:the|this|its|their|our|exploitation|crimes?|investigations?|police|cyber(?:crime)?"
    r"|icac)\s+)units?|task\s+forces?|police(?:\s+(?:forces?|services?|departments?|agenc(?:y|ies)))?"
    r"|icacs?|law\s+enforcement(?:\s+agenc(?:y|ies))?|investigators|detectives"
    r"|sheriff(?:’s|'s|s)?(?:\s+office)?|constabulary|rcmp|fbi|gardaí|garda|gardai"
    r"|national\s+crime\s+agency|(?:state\s+)?bureau\s+of\s+investigation|(?:nc)?sbi|gbi|tbi|fdle"
    r"|state\s+police|homeland\s+security\s+investigations|hsi)\b"
)
# who counts as a hotline or clearinghouse: reports they receive are reports, not referrals
HOTLINE = (
    r"(?:ncmec|national\s+cent(?:er|re)|cybertipline|hotline|tipline|tip\s+line|iwf|clearinghouse"
    r"|inhope|cybertip\.ca)"
)
# what law enforcement sends back about a report, by its names: feedback, outcome notices,
# status updates, case-status information, a recorded outcome
FEEDBACK_NAMES = (
    r"feedback|(?:case[\s-]+)?(?:outcome|status|disposition)[\s-]+(?:notices?|updates?|information"
    r"|forms?|returns?|details|notifications?|responses?|data)"
    r"|(?:recorded|logged|reported)\s+(?:an?\s+)?(?:case\s+)?(?:outcome|disposition)"
)
# "N counts of possessing ...", "N charges": legal counts, never the files or reports they name
# (up to three modifier words: "N child abuse material offences"; a lone one for a count of 1)
_LEGAL = re.compile(
    r"#\s+(?:(?!(?:of|for|and|or|in|with|to|on|by|from|that|which|were|was)\b)[a-z-]+\s+){0,3}?"
    r"(?:counts?|charges?|offen[cs]es?)\b"
)
# received by the police, not by a hotline: "the unit received N reports", "N tips were
# received by the task force" (turns reports into referrals, nothing else)
_RECEIVED = re.compile(
    rf"\b{POLICE}\s+(?:has\s+|have\s+|had\s+)?(?:also\s+)?received\b"
    rf"|\breceived\s+by\s+(?:the\s+|its\s+|their\s+|our\s+)?(?:[\w’'-]+\s+){{0,3}}?{POLICE}"
)
# content a tool ran over, whatever it held: "hashed 20 billion images" (not "processed":
# analysts process abuse URLs too)
SCANNED = re.compile(r"\b(?:hash(?:ed|es|ing)|scann(?:ed|ing))\b")
_PLEADED = re.compile(r"\b(?:admit(?:s|ted|ting)|prison|jail)\b")

# "#" stands for the figure itself when a phrase spans it ("identified # children").
VOCAB: dict[str, tuple[re.Pattern[str], ...]] = {
    "arrests": (
        re.compile(r"\barrest(?:s|ed|ing|ees?)?\b"),
        re.compile(r"\bapprehen(?:ded|sions?)\b|\bdetained\b"),
        re.compile(r"\btaken into (?:police |federal )?custody\b"),
        re.compile(r"\bheld on suspicion\b|\bbooked into (?:the )?(?:[\w-]+ )?jail\b"),
        re.compile(r"\bnabb(?:ed|ing)\b"),
    ),
    "law_enforcement_feedback": (
        re.compile(rf"\b(?:{FEEDBACK_NAMES})\b"),
        re.compile(r"\bcase (?:outcomes?|dispositions?)\b"),
        re.compile(r"\boutcomes? (?:were |was )?reported back\b"),
        # "outcomes were reported for N reports", "a disposition was recorded on N tips"
        re.compile(
            r"\b(?:outcomes?|dispositions?)\s+(?:were|was|had\s+been|have\s+been)\s+"
            r"(?:reported|recorded|logged|returned|provided|entered)\s+(?:back\s+)?(?:for|on|against)"
            r"\s+(?:#\s+)?(?:of\s+)?(?:the\s+|those\s+|these\s+)?(?:[\w’'-]+\s+){0,3}?"
            r"(?:reports|referrals|tips|cybertips|leads)\b"
        ),
        # "partners reported outcomes on 56,689 reports", "returned case results for N"
        re.compile(
            r"\b(?:report(?:ed|ing)?|provid(?:ed|ing)|submit(?:ted|ting)|return(?:ed|ing)|shar(?:ed"
            r"|ing)|sent back)\s+(?:the\s+)?(?:case\s+)?(?:outcomes?|dispositions?|results?)"
            r"\s+(?:on|for|of)\s+(?:the\s+|those\s+|these\s+)?(?:#\s+)?(?:[\w’'-]+\s+){0,3}?"
            r"(?:reports|referrals|tips|cybertips|leads|them)\b"
        ),
    ),
    "prosecutions": (
        re.compile(r"\bprosecut(?:ed|ions?|ing)\b"),
        re.compile(r"\b(?:criminally )?charged\b"),
        re.compile(r"\bindict(?:ed|ments?)\b"),
        # brought before a court to answer charges; India's charge sheet filed in court
        re.compile(r"\barraign(?:ed|ments?)\b|\bcharge-?sheet(?:ed|s)?\b"),
        # a matter referred for prosecution: "suspects referred to U.S. attorneys"
        re.compile(
            r"\breferred to (?:u\.?s\.? |federal |district |state |the )?(?:attorneys?"
            r"|prosecutors?|prosecution)\b"
        ),
        re.compile(r"\bcharges (?:were |have been )?(?:filed|brought)\b|\bfiled charges\b"),
        # cases before a court, not yet decided: "800 pending trials", "95 awaiting trial"
        re.compile(
            r"\b(?:pending|upcoming|ongoing)\s+trials\b|\btrials\s+(?:pending|underway|ongoing)\b"
            r"|\b(?:await(?:ing|s)?|fac(?:e|es|ing)|stand(?:s|ing)?|stood|put on|committed"
            r" (?:to|for)|sent (?:to|for))\s+trial\b"
        ),
        re.compile(
            r"\bsummons(?:ed|es)\b|\bbrought before (?:a |the )?(?:court|magistrates?|judges?)\b"
        ),
        # charges named right before the figure, as the next label of a list: "arrests 412,
        # charges 510" (not "Charges 2, 3: Guilty", the charges by number)
        re.compile(r"(?:^|[,;]\s+)charges(?:\s+(?:laid|filed|brought))?\s*:?\s+#"),
        # in court to answer charges: "made their court appearance" (witnesses appear in court
        # too); a grand jury's true bill; "brought to justice"
        re.compile(r"\bcourt appearances?\b|\btrue bills?\b|\bbrought to justice\b"),
    ),
    "convictions": (
        re.compile(r"\bconvict(?:ed|ions?)\b"),
        re.compile(r"\bsentenced\b|\bsentences imposed\b|\bjailed\b|\bimprisoned\b"),
        re.compile(r"(?<!not )\bguilty (?:pleas?|verdicts?)\b|\bp(?:lea|le)d(?:ed|ing)? guilty\b"),
        re.compile(r"\bfound guilty\b"),
        # "put 175 traffickers behind bars" (not "seven years behind bars": a prison term)
        re.compile(r"\bput\s+(?:[\w#’'-]+\s+){1,6}?behind bars\b"),
    ),
    "children_identified": (
        re.compile(rf"\b{_KIDS}\b(?:\s+(?!#)[\w’'-]+){{0,5}}?\s+{_FOUND}\b"),
        re.compile(rf"\b{_FOUND}\s+(?:#\s+)?(?:[\w’']+\s+){{0,2}}?{_KIDS}\b"),
        re.compile(r"\b(?:rescues?|identifications?) of (?:#\s+)?(?:[\w’']+\s+){0,2}?" + _KIDS),
    ),
    "referrals": (
        re.compile(r"\breferr(?:als?|ed)\b"),
        re.compile(
            r"\b(?:made available|sent|forwarded|provided|disseminated|escalated|routed|assigned"
            r"|allocated)(?:\s+[\w#’',.-]+){0,6}?\s+to\s+(?:[\w’'.-]+\s+){0,3}?"
            r"(?:law enforcement|police|icacs?\b|icac units|(?:icac\s+)?task forces?\b)"
        ),
        re.compile(r"\brecipients? of (?:cybertipline )?reports\b"),
        # reports disseminated are passed on to police, wherever the sentence says they went
        re.compile(
            r"\b(?:reports|(?:cyber)?tips|leads|cases)\s+(?:were\s+|was\s+|had\s+been\s+)?disseminated\b"
        ),
        # passed on to police elsewhere: "reports actioned internationally"
        re.compile(
            r"\bactioned (?:internationally|abroad|overseas|to (?:police|law enforcement))\b"
        ),
        re.compile(r"\b(?:actionable|informational)\b"),
    ),
    "reports": (
        re.compile(
            r"\b(?:cyber\s?tipline )?reports\b|\bcybertipline report\b|\b(?:cyber)?tips\b"
            r"|\btip-?offs\b"
        ),
    ),
    "files": (
        re.compile(r"\b(?:images?|videos?|files|photos?|photographs)\b|\bimages?/videos?\b"),
    ),
}
_NEGATED = re.compile(r"\b(?:not|yet|never|no longer|un\w*)\b")
_NO_OUTCOME_BEFORE = re.compile(r"\b(?:no|without)\s+(?:further\s+|other\s+)?$")


# words without which a family's patterns cannot match: most phrases name one family or none,
# so checking these first skips most of the regular expressions (a family missing here runs)
_NEEDS: dict[str, tuple[str, ...]] = {
    "arrests": ("arrest", "apprehen", "custody", "detained", "suspicion", "booked", "nabb"),
    "law_enforcement_feedback": ("feedback", "case ", "outcome", "disposition", "result",
                                 "status"),
    "prosecutions": ("prosecut", "charge", "indict", "referred to", "trial", "arraign", "summons",
                     "brought before", "court", "true bill", "justice"),
    "convictions": ("convict", "sentence", "guilty", "jailed", "imprisoned", "behind bars"),
    "children_identified": ("child", "victim", "minor", "kids", "survivor", "youth", "juvenile",
                            "girls", "boys", "teen", "infants", "babies"),
    "referrals": ("referr", "recipient", "actionable", "informational", "actioned",
                  "law enforcement", "police", "icac", "disseminated", "task force"),
    "reports": ("report", "tips", "tip-off", "tipoff"),
    "files": ("image", "video", "file", "photo"),
}  # fmt: skip


def _hits(text: str) -> list[tuple[str, re.Match[str]]]:
    low = text.lower()
    out = []
    for family, patterns in VOCAB.items():
        needs = _NEEDS.get(family)
        if needs and not any(w in low for w in needs):
            continue
        for rx in patterns:
            for m in rx.finditer(low):
                if family == "children_identified" and _NEGATED.search(m.group(0)):
                    continue  # "child victim is not yet identified", "unidentified"
                out.append((family, m))
    return out


@lru_cache(maxsize=8192)
def classify(text: str, anchor: int | None = None) -> tuple[str, re.Match[str]] | None:
    """The family a phrase names, with the match that named it.

    `anchor` is where the figure stands in the phrase. An outcome family anywhere wins over
    the volume families; among outcomes, the words after the figure (its noun: "702
    convictions") win over the words before it, then the nearest. Then referrals, then the
    volume family nearest to the figure. Without an anchor (a title), the earliest match.
    """
    low = text.lower()
    hits = [
        (f, m)
        for f, m in _hits(text)
        if not (f in OUTCOMES and _NO_OUTCOME_BEFORE.search(low, max(0, m.start() - 16), m.start()))
    ]  # "interviewed 24 people but made no arrests": no outcome names the figure
    legal = _LEGAL.match(low, anchor) if anchor is not None else None
    if legal:
        # "admitting 3 counts of possessing indecent images": convictions; "on 9 counts of
        # ...", "faces 37 charges": prosecutions, whatever the counts are of. "Offences"
        # alone may be crimes recorded, so they take an outcome word or an admission.
        hits = [(f, m) for f, m in hits if f in OUTCOMES]
        if not any(f == "convictions" for f, _ in hits) and _PLEADED.search(low, 0, anchor):
            return "convictions", legal
        if not hits and "offen" not in legal.group(0):
            return "prosecutions", legal
    if not hits:
        return None
    for group in (OUTCOMES, ("referrals",), FAMILIES):
        mine = [(f, m) for f, m in hits if f in group]
        if mine:
            best = min(mine, key=lambda h: (_side(h[1], anchor), _distance(h[1], anchor)))
            if best[0] == "files" and SCANNED.search(low):
                return None  # all content scanned or hashed, not abuse files found in it
            if best[0] == "reports" and "received" in low:
                return ("referrals", got) if (got := _RECEIVED.search(low)) else best
            return best
    return None


def _side(m: re.Match[str], anchor: int | None) -> int:
    """0 when the match stands after (or around) the figure, 1 when before it."""
    return 0 if anchor is None or m.end() > anchor else 1


def _distance(m: re.Match[str], anchor: int | None) -> int:
    if anchor is None:
        return m.start()
    if m.start() <= anchor <= m.end():
        return 0
    return min(abs(m.start() - anchor), abs(m.end() - anchor))


def families_in(text: str, families: tuple[str, ...] = (*OUTCOMES, "referrals")) -> tuple[str, ...]:
    """Every one of `families` the text speaks of, in FAMILIES order (outcome statements)."""
    found = {f for f, _ in _hits(text)}
    return tuple(f for f in families if f in found)


def family_of(text: str) -> str | None:
    hit = classify(text)
    return hit[0] if hit else None


def outcome_of(text: str) -> str | None:
    """An outcome family the text names, or None (volume families are ignored)."""
    hit = classify(text)
    return hit[0] if hit and hit[0] in OUTCOMES else None
