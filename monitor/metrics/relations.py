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

from .numbers import NUMBER_WORD
from .skeleton import CONJUNCTIONS, FINITE
from .vocab import FEEDBACK_NAMES, HOTLINE, POLICE, SCANNED, family_of
from .vocab import OUTCOMES as OUTCOME_FAMILIES

# an optional qualifier before a figure, for the patterns that end where a figure starts
# (not numbers.QUALIFIER_WORDS: "charged under 18 U.S.C." must not read "under" as one)
QUALIFIED = (
    r"(?:(?:more\s+than|over|nearly|almost|about|approximately|roughly|at\s+least|up\s+to"
    r"|around|an\s+estimated|just\s+over|just\s+under|in\s+excess\s+of|upwards\s+of"
    r"|close\s+to|some)\s+)?"
)
KIDS = (
    r"(?:children|child|kids|minors?|juveniles?|victims?|child\s+victims?|youths?|girls?|boys?"
    r"|infants?|babies|baby|teenagers?|teens?|survivors|missing\s+children)"
)
# a child word that modifies another noun counts no children: "counts of child pornography",
# "three child abuse material offences", "27 online child sexual predators"
# (unless the noun is victims themselves: "19 child sexual abuse victims")
KID_MODIFIER = (
    r"(?!\s+(?:sexual|sex|abuse|abusers?|exploitation|pornography|pornographic|porn|material"
    r"|images?|videos?|protection|safety|services|welfare|predators?|molesters?|offen\w+"
    r"|crimes?|trafficking|grooming|cases?)\b(?!(?:\s+[\w-]+){0,3}?\s+(?:victims?|survivors)\b))"
)
_KID_NP = re.compile(
    rf"^[\"”’']?\s*(?:of\s+(?:the|those|these|them|all)\s+)?(?:(?!of\b)[\w’'-]+\s+){{0,3}}?"
    rf"{KIDS}\b{KID_MODIFIER}",
    re.I,
)  # "sexually exploited juveniles", "missing children", "of the children" (not "counts of
# child enticement": the head noun before "of" is counted)
_PEOPLE = (
    r"(?:people|persons?|individuals|suspects?|offenders?|men|women|predators|pedophiles"
    r"|paedophiles|perpetrators|defendants|adults|pimps|subjects|targets|others|criminals"
    r"|foreigners|aliens|nationals|traffickers|abusers|teachers|users|viewers|customers|buyers"
    r"|staff|employees|analysts|volunteers|investigators|officers|agents|moderators)"
)
_PERSON_NP = re.compile(rf"^[\"”’']?\s*(?:[\w’'-]+\s+){{0,3}}?{_PEOPLE}\b", re.I)
# 1. outcome relations
_OUTCOME_NOUN = {
    "plea agreement": "convictions", "plea agreements": "convictions",
    "plea deal": "convictions", "plea deals": "convictions", "plea bargain": "convictions",
    "plea bargains": "convictions", "guilty plea": "convictions", "guilty pleas": "convictions",
    "guilty verdict": "convictions", "guilty verdicts": "convictions",
    "arrest": "arrests", "arrests": "arrests",
    "conviction": "convictions", "convictions": "convictions",
    "prosecution": "prosecutions", "prosecutions": "prosecutions", "charges": "prosecutions",
    "indictment": "prosecutions", "indictments": "prosecutions",
    "detention": "arrests", "detentions": "arrests",
    "arrested": "arrests", "taken into custody": "arrests", "charged": "prosecutions",
    "convicted": "convictions",  # "... being taken into custody"
    **{f"{who} {done}": family for who in ("suspect", "offender", "subject", "defendant")
       for done, family in (("arrested", "arrests"), ("charged", "prosecutions"),
                            ("convicted", "convictions"))},
}  # fmt: skip
# a modifier between the counted noun and its relation, without a finite verb of its own:
# "reports [received from the public in that quarter] were marked as having led to an arrest"
_FINITE = (
    r"(?:that|which|who|whom|whose|where|when|were|was|is|are|be|been|have|has|had|did|do"
    r"|does|will|would|could|should|may|might|can|not|never|and|but|or|contained|included"
    r"|involved|showed|said|came|went)"
)
_MODIFIER = (
    rf"(?P<mod>\s++(?!{_FINITE}\b)(?!(?:led|resulted|ended|culminated|contributed|produced|yielded|generated"
    r"|linked|marked|flagged|recorded|reported|confirmed|classified|noted|identified|listed"
    r"|designated|tagged|indicated|logged|coded|entered)\b)(?:[a-z]+(?:ed|en)|made|sent|given|taken|held"
    r"|brought|found|kept|seen|shown"
    r"|from|in|during|over|at|by|to|through|since|across|within|between|under|for|via)\b"
    r"(?:\s++(?:that|this)\s++(?:year|quarter|period|month|week|half)\b"
    rf"|\s++(?!{_FINITE}\b)[\w’'/-]++){{0,10}}?)?"
)
# a contact clause saying where the reports came from: "the packages [they had been sent]"
_CONTACT = (
    r"(?:\s++(?:that\s+|which\s+)?(?:they|it|we|police|forces|agencies|officers)\s+"
    r"(?:(?:had|have|has|were|was)\s+)?(?:been\s+)?[a-z]+(?:ed|en|t)\b(?:\s+as\b)?)?"
)
_RELATION = re.compile(
    rf"^\)?(?P<np>(?:\s*+(?!{_FINITE}\b)[\w’'/-]++){{0,6}}?)"
    + _MODIFIER
    + _CONTACT
    + r"\s*+,?\s*+(?:(?:all|each|both|most)\s+of\s+(?:which|whom|them)|that|which|who)?\s*+"
    r"(?:(?:have|has|had|were|was|are|is|been|being|subsequently|ultimately|eventually|later"
    r"|afterwards?|then|since|finally|reportedly|also|directly|each|all|already|now|so\s+far"
    r"|thus\s+far|to\s+date|in\s+turn|(?!(?:marked|flagged|recorded|reported|confirmed|noted"
    r"|logged|coded|linked|followed)\b)[a-z]+ed\s+and|[a-z]+ed\s*,)\s*+)*+"
    # believed to have led: "were deemed to have led to arrests"
    r"(?:(?:deemed|considered|believed|judged|thought|said|found|known|understood)\s+to\s+have\s+)?"
    r"(?:(?P<neg1>(?:did|do|does|have|has|had)\s+not|never|not)\s+)?"
    r"(?:(?:marked|flagged|recorded|reported|confirmed|classified|noted|identified|listed"
    r"|designated|tagged|indicated|linked|logged|coded|entered)\s+"
    r"(?:(?:by|in|on|within)\s+(?:[\w’'-]++\s++){1,6}?)?"
    r"(?:as\s+)?(?:(?:having|being)\s+)?(?:(?P<neg2>not)\s+)?)?"
    r"(?P<quote>[\"“‘'](?=\w))?"
    r"(?:(?:led|lead|leads|leading|resulted|result|results|resulting|ended|ending|culminated"
    r"|culminating|contributed|contributing|linked)?\s*(?:(?:directly|ultimately|eventually)\s+)?"
    r"(?:in|to)\s+"
    # closed by the outcome, or tied to it: "N reports were closed by arrest", "tied to an
    # arrest", "ended with an arrest"
    r"|(?:closed|resolved|cleared|concluded|ended|ending|finished)\s+(?:by|with|through|via)\s+"
    r"|(?:tied|connected|associated|attributed|traced|related)\s+(?:to|with)\s+"
    # followed by the outcome, or of help to it: "followed by an arrest", "helped police make
    # an arrest", "were instrumental in securing a conviction"
    r"|followed\s+by\s+"
    r"|(?:helped|helping|help|assisted|assisting)\s+(?:(?:police|law\s+enforcement|officers"
    r"|investigators|agencies|authorities|prosecutors)\s+)?(?:to\s+)?(?:make|secure|effect|obtain"
    r"|bring\s+about|bring)\s+"
    r"|instrumental\s+in\s+(?:(?:securing|making|obtaining|bringing\s+about)\s+)?"
    # the outcome as what the reports had: "N reports had an arrest as their outcome"
    r"|(?:(?<=had\s)|(?<=have\s)|(?<=has\s))(?=(?:an?|the)\s+(?:arrest|conviction|prosecution"
    r"|charge)s?\s+as\s+"
    r"(?:their|its|the)\s+(?:outcome|result|disposition))"
    r"|(?:produced|produce|producing|yielded|yielding|generated|generating)\s+(?:in\s+)?"
    # the outcome named as what the report caused: "the cause of an arrest", "prompted arrests"
    r"|(?:the\s+)?(?:cause|source|origin|basis|trigger|starting\s+point)\s+(?:of|for)\s+"
    r"|(?:caused|causing|prompted|prompting|triggered|triggering|(?:gave|give|giving)\s+rise\s+to"
    r"|brought\s+about)\s+"
    # the outcome as the report's status: "N reports with (carrying, given) the status Arrest"
    r"|(?:with|carr(?:ied|ying)|bore|bearing|given|receiv(?:ed|ing)|(?<=had\s)|(?<=have\s))\s*"
    r"(?:the|a|an)\s+(?:case\s+)?(?:status|outcome|disposition|result)\s+(?:of\s+)?"
    r"(?:[\"“‘'](?=\w))?"
    # ... or with the outcome before it: "N reports carried an arrest disposition"
    r"|(?:with|carr(?:ied|ying)|bore|bearing)\s+(?=(?:an?|the)\s+(?:arrest|conviction|prosecution)"
    r"\s+(?:status|outcome|disposition|result)\b)"
    r"|(?<=as\s)|(?<=[\"“‘']))"
    r"(?P<num>\d[\d,.]*\s+)?(?:(?P<neg3>no|zero)\s+"
    r"|(?:an?|the|one or more|at least one|some|further|subsequent)\s+"
    r"|(?:the\s+)?(?:suspect|offender|subject|perpetrator|defendant)s?[’']s?\s+"  # "the suspect's"
    r"|(?:his|her|their)\s+)?"
    r"(?:(?:acceptance|entry|filing|signing)\s+of\s+(?:an?|the)\s+)?"
    r"(?:(?:federal|state|criminal|formal)\s+(?=charges|indictments?|prosecutions?))?"
    r"(?:(?:somebody|someone|a\s+suspect|the\s+suspect|an?\s+offender|a\s+person|suspects"
    r"|offenders)\s+(?=being\s))?(?:being\s+)?"
    r"(?P<out>arrests?|convictions?|prosecutions?|charges|indictments?|plea\s+(?:agreements?|deals?|bargains?)"
    r"|guilty\s+(?:pleas?|verdicts?)"
    # a disposition quoted as the case system writes it: 'a disposition of "suspect arrested"'
    r"|(?<=[\"“‘'])(?:suspect|offender|subject|defendant)\s+(?:arrested|charged|convicted)"
    # the outcome as a clause: "ended with somebody being taken into custody"
    r"|(?<=being\s)(?:arrested|taken\s+into\s+custody|charged|convicted))\b"
    # a second outcome joined to the first: "led to charges and an arrest"
    r"(?:\s+and\s+(?:an?\s+|the\s+)?(?P<out2>arrests?|convictions?|prosecutions?|charges))?",
    re.I,
)
# a whole none of which had the outcome: "None of the 214 reports forwarded resulted in an arrest"
_NONE_OF = re.compile(r"(?i)\b(?:none|not\s+one|neither)\s+of\s+(?:the|those|these|its|their)\s+$")
# the whole a share is of: in "14% of the 2,500 tips led to an arrest" the share led to it
_SHARE_OF = re.compile(
    r"(?i)(?:%|\bpercent|\bper\s+cent|\bhalf|\bthirds?|\bquarters?|\bfifths?|\bfraction|\bmajority"
    r"|\bminority|\bmost|\bsome|\bmany|\bfew)\s+of\s+(?:the\s+|those\s+|these\s+)?$"
)
# nouns of what no outcome relation counts: "25 countries in the action that led to arrests"
_NOT_COUNTED = re.compile(
    r"^\s*(?:[\w’'-]+\s+){0,2}?(?:countries|states|agencies|officers|agents|partners|organi[sz]ations"
    r"|companies|platforms|task\s+forces|units|members|staff|nations|forces|jurisdictions"
    r"|provinces|counties|cities|regions|districts|towns|areas|locations|municipalities|territories"
    r"|continents|warrants|searches|raids|executions|visits|interviews)\b",
    re.I,
)
# 2. a nominal or a verb just before the number
_BEFORE = re.compile(
    rf"\b(?:(?P<arr>arrests?|apprehension|detention|arrest(?:ed|ing)|apprehend(?:ed|ing)?"
    rf"|nabb(?:ed|ing)|snar(?:ed|ing)|nett(?:ed|ing)|detain(?:ed|ing)?|(?:taken|took) into custody"
    rf"|nab(?=\s)|(?P<loose>bust(?:ed|ing)|collar(?:ed|ing)|(?<=police\s)held|(?<=officers\s)held)"
    rf"|(?:round|lock|pick)(?:ed|ing)\s+up|(?:rounded|locked|picked)\s+up|caught|catching"
    rf"|(?:rounded|locked|picked)\s+in)"
    rf"|(?P<pro>prosecutions?|indictments?|charg(?:ed|ing)|indict(?:ed|ing)?|prosecut(?:ed|ing|e)"
    rf"|arraign(?:ed|ing)?|charge-?sheet(?:ed|ing)|summons(?:ed|ing)"
    rf"|(?:courts?|judges?|magistrates?)\s+(?:(?:have|has|had)\s+)?(?:heard|tried)"
    rf"|(?:brought|laid|filed|pressed)\s+charges\s+in|returned\s+(?:a\s+)?true\s+bills?\s+against"
    rf"|(?:directed|authori[sz]ed|approved|recommended)\s+(?:a\s+)?(?:prosecutions?|charges?)"
    rf"\s+(?:in|against|of)"
    rf"|(?:charges|cases)\s+(?:(?:were|was|have\s+been|had\s+been)\s+)?(?:(?:levied|brought"
    rf"|filed|laid|pressed|preferred)\s+)?against|(?:laid|filed|brought)\s+against"
    rf"|(?P<file>laid|laying|filed|filing(?=\s+of\b)))"
    rf"|(?P<con>convictions?|convict(?:ed|ing)?|(?:pled|pleaded|pleading)\s+guilty\s+to"
    rf"|(?:imposed|imposing|handed\s+down|passed)\s+(?:[\w-]+\s+){{0,2}}?(?:sentences?|penalties"
    rf"|(?:jail|prison)\s+terms)\s+(?:on|against|to))"
    rf"|(?P<ref>referr(?:ed|ing)|referral)"
    rf"|(?P<fwd>forward(?:ed|ing)|pass(?:ed|ing)(?:\s+on)?|hand(?:ed|ing)(?:\s+over)?|escalat(?:ed|ing)"
    rf"|disseminat(?:ed|ing)|sen[dt](?:ing)?(?:\s+on)?|issu(?:ed|ing))"
    rf"|(?P<kid>identification|rescue|recovery|safeguarding|removal|identif(?:ied|ying|y|ies)"
    rf"|rescu(?:ed|ing|es?)|safeguard(?:ed|ing|s)?|remov(?:ed|ing|es?)|recover(?:ed|ing|s)?"
    rf"|locat(?:ed|ing|es?)|(?:safe\s+)?location|finding|found|freed|freeing"
    rf"|discover(?:y|ed|ing)"
    rf"|protect(?:ed|ing)?|sav(?:ed|ing|e)|identified\s+and(?:/or)?\s+rescued"
    rf"|(?:police\s+)?protection\s+to)"
    rf"(?P<kid_for>\s+(?:for|to|in|on|across|from|at|within)(?:\s+[\w’'-]+){{1,5}}?)?)"
    rf"(?:\s+(?:of|with))?(?:\s+(?:a\s+total\s+of|the|a\s+record(?:-high)?(?:\s+of)?|an\s+all-time"
    rf"\s+high\s+of|a\s+further|another|an\s+additional))?\s+[\"“‘']?{QUALIFIED}$",
    re.I,
)
# a verb with its object between it and its particle: "brought six children to safety",
# "took 12 suspects into custody", "took 35 predators off the streets", "found four men
# guilty", "brought 2,300 cases against ..."
_WRAPPED_BEFORE = re.compile(
    r"\b(?:brought|bringing|bring|took|taking|take|taken|found|finding)\s+"
    rf"(?:a\s+total\s+of\s+|another\s+|a\s+further\s+)?{QUALIFIED}$",
    re.I,
)
_WRAPPED_AFTER = re.compile(
    rf"^\s*(?:[\w’'-]+\s+){{0,3}}?(?:(?:(?P<kid>{KIDS})|{_PEOPLE})\s+(?:(?P<safe>to\s+safety"
    r"|into\s+(?:protective\s+|local\s+authority\s+|foster\s+|state\s+)?care)"
    r"|(?P<guilty>guilty)|into\s+(?:police\s+)?custody|off\s+(?:the\s+|our\s+)?streets)"
    r"|(?P<cases>cases|charges|prosecutions|indictments)\s+(?:against|before|to\s+(?:court|trial)))\b",
    re.I,
)
# people held: "23 people are now in custody", "11 suspects remain in police custody"
_IN_CUSTODY = re.compile(
    rf"^\s*(?:(?:[\w’'-]+\s+){{0,3}}?(?:{_PEOPLE}|accused)\s+(?:(?:are|were|is|was|remain(?:s|ed)?"
    r"|being|been|have|has|had|held|now|still|also|all)\s+)*|(?=\s*(?:remanded|placed)\b))"
    r"(?:(?:remanded|placed)\s+)?in(?:to)?\s+(?:police\s+|judicial\s+|pre-?trial\s+)?"
    r"(?:custody|detention)\b"
    rf"|^\s*(?:[\w’'-]+\s+){{0,3}}?{_PEOPLE}\s+(?:(?:were|are|now|led\s+away|taken\s+away)\s+)*"
    r"in\s+handcuffs\b",
    re.I,
)  # people held ("23 people are now in custody"), or put there ("31 placed in pre-trial
# detention", "2 accused were remanded in judicial custody"); "24 people in handcuffs"
# people given a sentence: "31 defendants received prison sentences", "4 were given suspended
# sentences", "26 people received a fine"
_GIVEN_SENTENCES = re.compile(
    rf"^\s*(?:(?:[\w’'-]+\s+){{0,3}}?{_PEOPLE}\s+)?(?:(?:have|has|had|were|was|all|each|also"
    r"|been)\s+)*(?:given|handed|received|receiving|got|served\s+with)\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?:sentences|sentence|jail\s+terms?|prison\s+terms?|terms\s+of\s+imprisonment|fines?"
    r"|guilty\s+(?:outcomes?|verdicts?|findings?))\b"
    # ... or sentences handed down, and charges admitted: "handed down 320 sentences",
    # "31 people admitted the charges"
    r"|^\s*(?:[\w-]+\s+){0,2}?(?:custodial\s+|prison\s+|jail\s+)?sentences\s+(?:for|on|against)\b"
    rf"|^\s*(?:(?:[\w’'-]+\s+){{0,3}}?{_PEOPLE}\s+)?(?:(?:have|has|had|all|each|also)\s+)*"
    r"admitted\s+(?:the\s+|all\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:charges|offen[cs]es|counts)\b",
    re.I,
)
# "reported an arrest as the case status on N reports"; "... producing an arrest, or N reports"
_STATUS_BEFORE = re.compile(
    r"\b(?P<out>arrest|conviction|prosecution|charge)s?\b[^.;]{0,30}?\b(?:as|was|were|is|are)\s+"
    r"(?:the|a|their)\s+"
    r"(?:case\s+)?(?:status|outcome|disposition|result)\s+(?:on|for|of|in)\s+(?:the\s+)?"
    rf"{QUALIFIED}$"
    r"|\b(?:led|lead|resulted|resulting|produc\w+|marked|flagged|ended)\b[^.;]{0,40}?"
    r"\b(?P<out2>arrest|conviction|prosecution)s?\s*,\s*(?:or|i\.e\.|that\s+is)\s+"
    rf"{QUALIFIED}$"
    r"|\b(?P<no>no\s+)?(?P<out3>arrest|conviction|prosecution|charge)s?\s+(?:(?:were|was"
    r"|(?:have|has|had)\s+been)\s+(?:recorded|reported|made|noted|logged|confirmed|secured"
    r"|authori[sz]ed|approved|laid|filed|brought|preferred)"
    r"(?:\s+in\s+connection\s+with|\s+(?:in|on|for|from|against))"
    # the outcome coming out of the reports: "an arrest resulted from N of the reports"
    r"|(?P<from>resulted|stemmed|followed|came|arose|flowed)\s+(?:from|in|out\s+of))"
    rf"\s+{QUALIFIED}$"
    rf"|\b(?:made|recorded|logged|confirmed|reported|noted|secured)\s+(?:an?\s+)?"
    rf"(?P<out4>arrest|conviction)s?\s+(?:(?:arising|stemming|resulting|flowing|coming)\s+)?"
    rf"(?:on|in|from|for|against)\s+{QUALIFIED}$",
    re.I,
)  # "Arrests were recorded in N of them": N counts them (the reports named before)
# what an outcome came out of, for "arrests stemmed from N ...": reports, not operations
# reports and what else passes them on: the nouns outcomes and feedback are counted on
_REPORT_NOUNS = r"(?:reports|referrals|(?:cyber)?tips|leads|packages|notifications)"
_REPORTS_COUNTED = re.compile(
    r"^\s*(?:of\s+(?:the|those|these|them)\b\s*)?(?:[\w’'-]+\s+){0,3}?"
    rf"(?:{_REPORT_NOUNS}|cases|complaints|them|$)",
    re.I,
)
# what the police send back about a report, whatever it is called: a result, a status, a reply
_RESULT_WORD = (
    r"(?:outcomes?|results?|status(?:es)?|dispositions?|updates?|repl(?:y|ies)|responses?|notes?"
    r"|codes?|entries|feedback)"
)
_OF_THEM = re.compile(r"^\s*of\s+(?:them|those|these)\b", re.I)
THEM = "them"  # `counted` of "N of them": the noun of the sentence before names it
# 3. a passive verb after the counted noun
# The outcome verbs, as past participles, in groups: each pattern below takes the groups it
# needs, so a verb added here reaches every one of them.
_ARRESTED = ("arrested", "apprehended", "detained", "nabbed", "rounded up", "picked up",
             "locked up", "held on suspicion", "booked into", "busted", "collared")  # fmt: skip
_CHARGED = ("charged", "indicted", "prosecuted", "summonsed")  # "charged or summonsed" (UK)
_CONVICTED = ("convicted",)
_SENTENCED = ("sentenced", "jailed", "imprisoned")
_FOUND = ("identified", "rescued", "safeguarded", "recovered", "removed", "located", "protected",
          "saved", "freed", "liberated")  # fmt: skip


def _either(*groups: tuple[str, ...]) -> str:
    return "|".join(w for g in groups for w in g)


_COURT_VERBS = _either(_ARRESTED, _CHARGED, _CONVICTED, _SENTENCED)
_PASSIVE_VERBS = (
    _either(_ARRESTED, _CHARGED, _CONVICTED, _FOUND, ("referred", "netted"), _SENTENCED)
    + r"|brought\s+to\s+safety|taken\s+out\s+of\s+harm[’']s\s+way|taken\s+into\s+custody|arraigned"
    r"|charge-?sheeted|made\s+safe|put\s+behind\s+bars|sent\s+to\s+(?:prison|jail)"
)
_ADVERBS = r"(?:now|also|successfully|subsequently|each|all|both|later|then|eventually|since)"
# a word of the counted noun phrase: no verb of its own, no conjunction opening a clause
_NP_WORD = rf"(?!(?:{FINITE}|{CONJUNCTIONS})\b)[\w’'-]+"
_PASSIVE = re.compile(
    rf"^\s*(?:(?:{_NP_WORD}\s+){{0,4}}?{_PEOPLE}|{KIDS}|(?:{_NP_WORD}\s+){{0,3}}?{KIDS})?"
    r"(?:\s*,[^,;.]{1,100},)?"
    r"(?:\s+(?:of|in|from|at|on|near|across|around|who|that|with|aged"
    r"|(?!(?:been|being)\b)[a-z]{3,}(?:ed|ing))"
    r"\s+(?:(?!(?:not|never)\b)[\w’'-]+(?:\s+|(?=\s*,))){0,10}?)?"
    r"(?:\s*,[^,;.]{1,100},)?"  # "Two people from Waterloo, aged 24 and 29, were charged"
    rf"\s*+(?:(?:have|has|had|were|was|are|is|been|being|{_ADVERBS})\s++)*+"
    rf"[\"“”']?(?P<verb>{_PASSIVE_VERBS})\b",
    re.I,
)
# "three men face charges", "40 people are facing charges": prosecutions
_PEOPLE_WHO = (
    rf"\s*(?:[\w’'-]+\s+){{0,3}}?{_PEOPLE}\s+"
    r"(?:(?:in|from|across|around|throughout)\s+(?:the\s+)?(?-i:[A-Z])[\w’'-]*\s+)?"  # a place
    r"(?:(?:now|also|all|each|are|were|will|have)\s+)*"
)
_FACING_CHARGES = re.compile(
    rf"^{_PEOPLE_WHO}"
    r"(?:face|faced|facing|face\s+multiple|charged\s+with)\s+(?:[\w’'-]+\s+){0,2}?charges\b",
    re.I,
)
# people facing a count of charges ("100 people are facing in excess of 1,000 charges")
_FACING_N = re.compile(
    rf"{_PEOPLE_WHO}(?:face|faced|facing)\s+(?:a\s+total\s+of\s+)?{QUALIFIED}", re.I
)
_CHARGES_NEXT = re.compile(r"\s*(?:[\w’'-]+\s+){0,3}?(?:charges|counts)\b", re.I)
# people named as the outcome itself: "Two men from the coast are the latest arrests in ..."
_COMPLEMENT = re.compile(
    rf"^\s*(?:[\w’'-]+\s+){{0,2}}?{_PEOPLE}\b[^.;]{{0,120}}?\b(?:are|were)\s+(?:among\s+)?the\s+"
    r"(?:(?:latest|newest|most\s+recent|first|last|latest\s+round\s+of)\s+)?"
    r"(?P<noun>arrests|convictions|prosecutions|indictments)\b",
    re.I,
)
_VERB_FAMILY = {
    **dict.fromkeys(_ARRESTED, "arrests"), **dict.fromkeys(_CHARGED, "prosecutions"),
    **dict.fromkeys(_CONVICTED + _SENTENCED, "convictions"),
    "netted": "arrests", "taken into custody": "arrests", "arraigned": "prosecutions",
    "chargesheeted": "prosecutions", "charge-sheeted": "prosecutions",
    "put behind bars": "convictions", "sent to prison": "convictions",
    "sent to jail": "convictions",
}  # fmt: skip
# a participle modifier then the main verb: "400 of those taken into custody were charged"
_THEN_MAIN = re.compile(
    r"\s*(?:(?!and\b)[\w’'-]+\s+){0,3}?(?:were|was|have\s+been|had\s+been|has\s+been|are|is)\s+"
    rf"(?:{_ADVERBS}\s+)?(?P<verb>{_PASSIVE_VERBS})\b",
    re.I,
)
# one count, two outcomes: "220 individuals have been charged and convicted"
_AND_VERB = re.compile(
    rf"\s+and\s+(?:{_ADVERBS}\s+)?(?:(?:were|was|have\s+been|had\s+been)\s+)?"
    rf"(?P<verb>{_COURT_VERBS})\b"
    # "were detained and face charges": charged, in the present of the report
    r"|\s+and\s+(?:now\s+|all\s+|each\s+)?(?:face|faces|are\s+facing|now\s+face)\s+"
    r"(?:[\w-]+\s+){0,2}?charges\b",
    re.I,
)
# 4. the counted noun
# words that cannot stand between a figure and its counted noun: verbs, and nouns that are
# themselves what is counted ("12 staff answering reports", "43 countries led to arrests")
_NOT_MODIFIER = (
    r"that|which|who|whom|whose|where|when|were|was|is|are|be|been|have|has|had|did|do|does|will"
    r"|would|could|should|may|might|can|not|never|but|contained|included|involved|showed|said"
    r"|came|went|led|lead|leads|resulted|resulting|results|produced|yielded|generated|ended|face"
    r"|faced|facing|answering|making|sending|reviewing|people|persons|individuals|suspects"
    r"|offenders|men|women|staff|employees|analysts|volunteers|investigators|officers|agents"
    r"|countries|states|agencies|users|customers|esps|companies|platforms|providers|members"
    r"|partners"
)
_NOUN = re.compile(
    r"^\s*(?!(?:and|or|while|whereas|but)\b)(?:of\s+(?:the|those|these|its|their|all)\s+)?"
    rf"(?:(?!(?:of|{_NOT_MODIFIER})\b)[\w’'-]+\s+){{0,3}}?"
    r"(?P<noun>arrests|arrestees|convictions|prosecutions|charges|indictments"
    r"|offences|offenses|counts|guilty\s+pleas|pleas(?!\s+(?:for|from|to|of)\b)|plea\s+agreements"
    r"|urls|url’s|url's|webpages"
    r"|images|videos|files|photos|photographs|pieces\s+of\s+(?:[\w-]+\s+){0,4}?material"
    r"|web\s*pages|referrals|disseminations|reports|tips|cybertips|notifications|leads|rescues"
    r"|recoveries|tip-?offs|ip\s+addresses|trials|detentions)\b",
    re.I,
)
_NOUN_FAMILY = {
    "arrests": "arrests", "arrestees": "arrests", "convictions": "convictions",
    "guilty pleas": "convictions",
    "plea agreements": "convictions", "pleas": "convictions", "prosecutions": "prosecutions",
    "charges": "prosecutions", "indictments": "prosecutions", "referrals": "referrals",
    "disseminations": "referrals", "reports": "reports", "tips": "reports",
    "cybertips": "reports", "tip-offs": "reports", "tipoffs": "reports", "trials": "prosecutions",
    "rescues": "children_identified", "detentions": "arrests",
    "recoveries": "children_identified",
}  # fmt: skip


def noun_family(np: str) -> str | None:
    """The outcome family a counted noun phrase names by its head ("those 97 charges":
    prosecutions), for a group whose parts follow ("Of those 97 charges, 37 were for ...")."""
    n = _NOUN.match(f" {np}")
    if n is None:
        return None
    noun = " ".join(n.group("noun").lower().split())
    family = (
        "prosecutions" if noun in ("counts", "offences", "offenses") else _NOUN_FAMILY.get(noun)
    )
    return family if family in _OUTCOME_NOUN.values() else None


# reports received by the police (or from the clearinghouse) are referrals to them: "the task
# force received 920 tips", "2,310 CyberTipline reports from NCMEC"
RECEIVED_BY_POLICE = (
    r"(?:received|receives|receive|receiving|got|gets|handled|fielded|was\s+sent|were\s+sent"
    r"|investigat(?:ed|es|ing)|reviewed|triaged|actioned|worked\s+on|followed\s+up(?:\s+on)?)"
)
_POLICE_RECEIVED = re.compile(
    rf"\b{POLICE}[^.;,]{{0,70}}?\b{RECEIVED_BY_POLICE}\s+(?:only\s+)?{QUALIFIED}$", re.I
)
# what police receive as leads: "the unit received 90,000 IP addresses from Interpol"
_RECEIVABLE = ("reports", "tips", "cybertips", "notifications", "leads", "tip-offs", "tipoffs",
               "ip addresses")  # fmt: skip
_FROM_CLEARINGHOUSE = re.compile(
    r"^\s*(?:[\w’'-]+\s+){0,2}?(?:reports|tips|cybertips|tip-?offs|leads|ip\s+addresses)\b\s+"
    r"(?:[\w’'-]+\s+){0,3}?(?:from|by|via)"
    r"\s+(?:the\s+)?(?:ncmec|national\s+cent(?:er|re)|cybertipline|clearinghouse|interpol|europol"
    r"|fbi|homeland\s+security|hsi)\b",
    re.I,
)
# cases brought before a court are prosecutions: "53 cases taken to court", "270 exploitation
# cases in federal court", "40 cases were brought before the courts"
_TO_COURT = re.compile(
    r"^\s*(?:[\w’'-]+\s+){0,3}?(?:cases|matters|defendants|suspects|offenders|people|persons"
    r"|individuals|men|women|accused)\b\s*(?:(?:that|which|who)\s+)?"
    r"(?:(?:were|was|have\s+been|had\s+been|being)\s+)?"
    r"(?:(?:also|already|now|since|subsequently|later)\s+)*"
    r"(?:(?:taken|brought)\s+(?:to|before)|heard\s+(?:in|by)"
    r"|(?:filed|prosecuted|tried)\s+(?:[\w’'.-]+\s+){0,4}?(?:in|before)|in|before"
    r"|(?:stood|stand(?:s|ing)?|put\s+on|placed\s+on|committed\s+(?:to|for)|sent\s+(?:to|for)"
    r"|lodged\s+(?:in|with|before)|registered\s+(?:in|with))"
    r"|(?:(?:have|has|had)\s+)?(?:went|go|going|gone|made\s+it|got|came|proceeded|reached"
    r"|ended\s+up|appeared|appear(?:s|ing)?)(?:\s+(?:to|in|before))?)"
    r"\s+(?:the\s+)?"
    r"(?:[\w’'-]+\s+){0,3}?(?:courts?|trial|magistrates?|judges?)\b"
    r"(?!\s+(?:orders?|documents?|records?|filings?))",
    re.I,
)
# prosecuted, in words that name no court or a court with no noun before it: "two suspects
# made their court appearance", "272 cases were chargesheeted", "nine persons were brought to
# justice", "20 appeared in court" (a court date to come is not yet a prosecution)
_PROSECUTED_PLAIN = re.compile(
    r"^\s*(?:(?:[\w’'-]+\s+){0,3}?(?:cases|matters|defendants|suspects|offenders|people|persons"
    r"|individuals|men|women|accused)\s+)?(?:(?:that|which|who)\s+)?"
    r"(?:(?:were|was|have\s+been|had\s+been|are|is|also|now|later|subsequently|since)\s+)*"
    r"(?:made\s+(?:their|his|her|a)\s+(?:first\s+|initial\s+)?court\s+appearances?"
    r"|charge-?sheeted|brought\s+to\s+justice|taken\s+on\s+(?:the\s+)?file"
    r"|appeared\s+(?:in|before)\s+(?:the\s+)?"
    r"(?:[\w’'-]+\s+){0,4}?(?:courts?|magistrates?|judges?)\b)",
    re.I,
)
# before a court, with or without a noun: "1,092 up for trial", "1,080 cases pending in
# courts", "4,677 matters before the court"
_BEFORE_COURT = re.compile(
    r"^\s*(?:(?:[\w’'-]+\s+){0,3}?(?:cases|matters|defendants|suspects|people|persons"
    r"|individuals|accused)\s+)?(?:(?:that|which|who)\s+)?(?:(?:are|were|is|was|remain(?:s|ed)?)\s+)?"
    r"(?:(?:still|currently|now)\s+)?(?:up\s+for|pending\s+(?:in|before)|listed\s+for|slated\s+for"
    r"|set\s+down\s+for|awaiting|before)\s+(?:the\s+|a\s+)?(?:[\w’'-]+\s+){0,2}?(?:courts?|trials?)\b",
    re.I,
)
# cases themselves prosecuted or tried: "332 cases prosecuted", "2,573 cases being currently
# prosecuted by the unit"
_CASES_PROSECUTED = re.compile(
    r"^\s*(?:[\w’'-]+\s+){0,3}?(?:cases|matters)\s+(?:(?:that|which)\s+)?"
    r"(?:(?:were|was|are|is|have|has|had|been|being|currently|successfully|now|also|already"
    r"|subsequently|later)\s+)*(?:prosecuted|tried|indicted|charged|(?P<convicted>convicted))\b",
    re.I,
)  # "19 cases were convicted" (India's English): convictions
# handed in for prosecution, whoever's verb: "submitted 63 cases for prosecution", "45 cases
# have been accepted for grand jury indictment" (not declined, rejected or dropped)
_FOR_PROSECUTION = re.compile(
    r"^\s*(?:[\w’'-]+\s+){0,3}?(?:cases|matters|files|suspects|defendants|people|persons"
    r"|individuals|offenders)\b\s+(?:(?:that|which|who|have|has|had|were|was|been|being|also|now"
    r"|since|subsequently|later|then)\s+)*(?!(?:declined|rejected|refused|dropped|dismissed"
    r"|not)\b)(?:[a-z]+ed\s+)?(?:for|to)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:prosecution|indictments?|trial)\b",
    re.I,
)
_DECLINED = re.compile(
    rf"\b(?:declin\w*|reject\w*|refus\w*|dropp\w*|dismiss\w*|turn(?:ed|ing)?\s+down)\s+"
    rf"(?:(?:a\s+total\s+of|another|the)\s+)?{QUALIFIED}$",
    re.I,
)
# the noun and the finite verb of the sentence's main predicate (no relative word between)
_MAIN_PREDICATE = re.compile(
    r"^\s*(?:(?!(?:who|that|which)\b)[\w’'-]+\s+){0,3}?(?:were|was|are|is|have\s+been"
    r"|has\s+been|had\s+been)\s+(?:\w+ly\s+)?$",
    re.I,
)
_CLEARED_BEFORE = re.compile(
    rf"\b(?:acquitt(?:ed|ing)|exonerat(?:ed|ing)|found\s+not\s+guilty|clear(?:ed|ing)\s+of)\s+"
    rf"(?:(?:a\s+total\s+of|another|all|the)\s+)?{QUALIFIED}$",
    re.I,
)
_DECLINED_TO = re.compile(r"\b(?:declin|refus|reject|fail)\w*\s+to\s+$", re.I)
# two verbs of outcome before one figure: "arrested and charged 206 people"
_TWO_VERBS = re.compile(
    rf"\b(?P<v1>{_either(_ARRESTED, _CHARGED, _CONVICTED)})\s+(?:and|&)\s+"
    rf"(?:(?:later|subsequently|then)\s+)?(?:{_COURT_VERBS})\s+(?:a\s+total\s+of\s+)?{QUALIFIED}$"
    # and two nouns: "led to the arrest and conviction of 15", "arrests and prosecutions of 94"
    r"|\b(?P<n1>arrests?|detentions?|indictments?|prosecutions?)\s+(?:and|&)\s+"
    r"(?:(?:later|subsequent|successful|eventual)\s+)*(?:arrests?|indictments?|prosecutions?"
    rf"|convictions?)\s+of\s+(?:a\s+total\s+of\s+)?{QUALIFIED}$",
    re.I,
)
# a figure with a passive predicate of its own: "..., and 31 were rescued"
_OWN_PREDICATE = re.compile(
    r"^\s*(?:were|was|are|is|have\s+been|has\s+been|had\s+been)\s+(?:\w+ly\s+)?\w+ed\b", re.I
)
# ... of any verb: "charged 12 men with 80 offences and 300 phones were seized"
_ANY_OWN_PASSIVE = re.compile(
    r"^\s*(?:(?!(?:who|that|which|whom)\b)[\w’'-]+\s+){1,3}?(?:were|was|have\s+been|has\s+been"
    r"|had\s+been)\s+(?:\w+ly\s+)?(?:[a-z]+ed|(?:[a-z]+)?(?:taken|given|seen|shown|known|driven"
    r"|written|stolen|beaten|broken|chosen|hidden|spoken|frozen|proven))\b",
    re.I,
)
# a rate right after the next figure, which a figure coordinated with it shares: "400 arrests
# and 500 children rescued every month" (not "12 ... within a month")
_SHARED_RATE = re.compile(
    r"^\s*(?:[\w’'-]+\s+){0,4}?(?<!\bwithin\s)(?<!\bin\s)(?<!\bover\s)(?<!\bfor\s)"
    r"(?:(?:every|each|per)\s+(?:single\s+)?(?:day|week|month|year)"
    r"|a\s+(?:day|week|month|year)(?!\s+(?:earlier|later|ago|before|after))"
    r"|daily|weekly|monthly|annually|yearly)\b",
    re.I,
)
_RANGE_TO = re.compile(r"\s*(?:to|and|or|-|–)\s*", re.I)
_OF_WHOLE_BEFORE = re.compile(r"^\s*(?:[a-z]+\s+)?(?:out\s+)?of\s+(?:the|those|these|all)\b", re.I)
# a criminal record, not an outcome counted: "None of the 18 men had previous arrests"
_RECORD = re.compile(
    r"^\s*(?:(?:[\w’'-]+\s+){0,3}?(?:had|have|has|with)\s+(?:any\s+|no\s+)?)?(?:previous|prior"
    r"|past|earlier|former)\s+(?:arrests|convictions|charges)\b",
    re.I,
)  # "the 18 men had previous arrests", "who had 24 prior convictions"
# victims served, not found: "assisted 7,110 identified victims"
_SERVED_BEFORE = re.compile(
    rf"\b(?:assist|serv|support|help|counsel|aid|provid|refer)\w*\s+(?:services\s+to\s+)?{QUALIFIED}$",
    re.I,
)
# ... or an active one: "and another 12 men are helping the inquiry"
_OWN_PROGRESSIVE = re.compile(
    r"^\s*(?:[\w’'-]+\s+){0,3}?(?:are|were|is|was)\s+(?:still\s+|now\s+|also\s+)?"
    r"(?!being\b)[a-z]{2,}ing\b",
    re.I,
)
# verbs said only of children or victims: a figure with no noun of its own counts them
_KID_ONLY_VERBS = ("safeguarded", "rescued", "saved", "freed", "liberated", "brought to safety",
                   "made safe", "taken out of harm's way", "taken out of harm’s way")  # fmt: skip
# feedback on reports: "returned feedback on 81,402 reports made available to them", and
# feedback by other names: "sent back outcome notices on", "status updates on", "recorded an
# outcome against N of the referrals"
# ... and what is sent back under no name of its own: "reported back on", "entered results
# for", "logged a case status against", "provided feedback relating to" N reports
_SENT_BACK = (
    r"(?:report(?:ed|ing|s)?|sen[dt](?:ing)?|came|coming)\s+back|outcome\s+notifications?"
    r"|(?:entered|returned|provided|submitted|sent|shared|logged|recorded|gave)\s+(?:back\s+)?"
    r"(?:(?:investigative|case)\s+(?:results|outcomes)|results|(?:an?\s+)?case\s+status(?:es)?)"
    r"|(?:gave|sent|provided|shared|issued)\s+(?:[\w’'-]+\s+){0,2}?updates?"  # "gave NCMEC updates"
    r"(?:\s+on\s+(?:the|their|its)\s+(?:investigations?|cases?))?"
    r"|respond(?:ed|ing)\s+with\s+(?:the\s+)?(?:outcomes?|results?|dispositions?|updates?)"
)
_FEEDBACK_ON = re.compile(
    rf"\b(?P<name>{FEEDBACK_NAMES}|{_SENT_BACK})\s+(?:[\w’'-]+\s+){{0,4}}?"
    r"(?:on|for|about|regarding|against|relating\s+to|related\s+to|concerning)\s+"
    r"(?:the\s+)?(?:only\s+|just\s+)?(?:an?\s+)?(?:cumulative\s+)?(?:total\s+of\s+)?"
    rf"{QUALIFIED}$",
    re.I,
)
# ... and told as what became of the reports: "updated the status of", "let NCMEC know the
# outcome of", "told NCMEC what happened with", "closed the loop on" N reports
_OUTCOME_OF = re.compile(
    r"\b(?P<name>(?:updat(?:ed|ing|e)|learn(?:ed|t)|knows?|knew|told|informed|notified|advised"
    r"|reported|shared|provided|confirmed|sent)\b[^.;]{0,30}?\b(?:the\s+)?(?:outcomes?|results?"
    r"|(?:case\s+)?status(?:es)?|dispositions?)\s+of|what\s+(?:had\s+)?(?:happened|became)\s+"
    r"(?:with|to|of|in|on|for)|clos(?:ed|ing|e)\s+the\s+loop\s+on)"
    rf"\s+(?:the\s+)?(?:only\s+|just\s+)?{QUALIFIED}$",
    re.I,
)
# reports that got feedback back: "1,200 received a response describing the outcome",
# "14,500 reports came back with a disposition from law enforcement"
_GOT_FEEDBACK = re.compile(
    rf"^\s*(?:of\s+(?:them|these|those)\s+|(?:[\w’'-]+\s+){{0,2}}?{_REPORT_NOUNS}\s+)?"
    r"(?:(?:have|has|had|were|was|also|later)\s+)*(?:received|got|drew|came\s+back\s+with"
    r"|returned\s+with)\s+(?:an?\s+|some\s+)?(?:(?!guilty|convict)[\w-]+\s+){0,2}?"
    rf"(?:case\s+)?{_RESULT_WORD}\b",
    re.I,
)
# a coordinated figure with only a place or time after it: "and 12 in Cebu"
_NO_NOUN_PLACE = re.compile(r"^\s*(?:in|at|from|across|during|within|last|this|[,.;]|$)", re.I)
# "1,657 cases filed against 1,760 defendants": prosecutions
_FILED_AGAINST = re.compile(
    r"^\s*(?:[\w’'-]+\s+){0,2}?(?:cases|indictments|charges|prosecutions)\s+(?:(?:were|was|have"
    r"\s+been|had\s+been)\s+)?(?:also\s+)?(?:filed|brought|laid)\s+(?:[\w’'.-]+\s+){0,4}?against\b",
    re.I,
)
# a defendant is a person prosecuted (a verb after the count may say more: convicted)
_DEFENDANTS = re.compile(r"^\s*(?:[\w’'-]+\s+){0,2}?defendants\b", re.I)
# reports passed on to someone are referrals to them, unless to the clearinghouse itself:
# "312 reports forwarded to the unit", "tips sent on to local forces"
_PASSED_ON = re.compile(
    r"^\s*(?:[\w’'-]+\s+){0,2}?(?:reports|tips|cybertips|cases|leads|notifications|packages)"
    r"\s+(?:(?:that|which)\s+)?(?:(?:were|was|have|has|had|been|being|so|far|also|since|then"
    r"|later|now|subsequently)\s+)*(?:forwarded|sent|passed|referred|escalated|disseminated"
    r"|made\s+available|routed|handed|available)\s+(?:on\s+|over\s+)?to\s+"
    rf"(?!(?:the\s+)?(?:{HOTLINE}|us|it)\b)",
    re.I,
)
# passed on to child welfare or care: no referral to law enforcement, and no figure
_TO_WELFARE = re.compile(
    r"^[^.;]{0,160}?\b(?:forwarded|sent|passed|referred|handed)\s+(?:on\s+|over\s+)?to\s+"
    r"(?:the\s+)?(?:[\w’'-]+\s+){0,2}?(?:welfare|social\s+services|services|care|support)\b",
    re.I,
)
# 5. counted nouns of no family
_OTHER = re.compile(
    r"^\s*(?!(?:and|or|while|whereas|but)\b)(?:[\w’'-]+\s+){0,2}?(?:investigations|complaints|cases|warrants|search\s+warrants"
    r"|search\s+and\s+arrest\s+warrants"
    r"|devices|agencies|task\s+forces|forces|accounts|hashes|notices|operations|websites|sites"
    r"|relationships|stakeholders|countries|states|officers|agents|exams|examinations"
    r"|attempts|access\s+attempts|hours|calls|trainings|presentations|members|partners"
    r"|companies|platforms|gb|mb|tb|minutes|hours|seconds|days|weeks|months|years|year-old"
    r"|dollars|euros|pounds|counties|cities|regions|districts|provinces|towns|locations|addresses"
    r"|areas|neighbou?rhoods|villages|municipalities|transactions|payments|continents"
    r"|premises|properties|homes|raids|venues|schools|esps|providers|apps|services|searches"
    r"|interviews|inspections|visits|jurisdictions|nations|establishments|businesses|(?<!behind\s)bars"
    r"|brothels|hotels|shops|witnesses|investigators|detectives|analysts|prosecutors|judges"
    r"|burglaries|robberies|thefts|street|road|avenue|lane|drive)\b",
    re.I,
)
# websites or pages that hold abuse material are files: "255,571 websites were confirmed to
# contain abuse images"
_SITES_OF_ABUSE = re.compile(
    r"^\s*(?:[\w’'-]+\s+){0,2}?(?:websites|sites|domains|urls|web\s*pages)\b[^.;]{0,40}?\b(?:contain\w*"
    r"|host\w*|show\w*|display\w*|distribut\w*|link\w*\s+to|advertis\w*)\b[^.;]{0,60}?\b(?:abuse"
    r"|images|material|csam|videos|exploitation)\b",
    re.I,
)
_PROCESSED_BEFORE = re.compile(r"(?i)\b(?:processed|scanned|hashed)\s+(?:\w+\s+)?$")
# calls to a hotline or tip line are reports to it
_HOTLINE_CALLS = re.compile(
    r"^\s*(?:[\w’'-]+\s+){0,2}?calls\b[^.;]{0,60}?\b(?:hot\s*line|tip\s*line|help\s*line)", re.I
)
# all the files a service processed or a device held are no count of abuse material
_ALL_FILES = re.compile(
    r"^\s*(?:[\w’'-]+\s+){0,2}?files\b\s+(?:[\w’'-]+\s+){0,2}?(?:processed|scanned|hashed|input"
    r"|uploaded\s+by\s+(?:our\s+)?(?:customers|users)|comprising|stored|on\s+(?:the|his|her|their)"
    r"\s+(?:devices?|computers?|phones?|drives?))\b",
    re.I,
)
_RELATIVE_CLAUSE = re.compile(r"^\s*(?:[\w’'-]+\s+){1,3}?(?:in which|where|whereby)\b", re.I)
_RATE = re.compile(
    r"^\s*(?:[\w’'-]+\s+){0,8}?(?:per|every|each|a)\s+(?:single\s+)?"
    r"(?:day|week|month|year|hour|minute)\b"
    r"(?!\s+(?:earlier|later|before|after|ago|prior|previously)\b)"
    r"|^\s*(?:[\w’'-]+\s+){0,8}?(?:everyday|daily|weekly|monthly|hourly|a\s+day|annually"
    r"|yearly|per\s+annum)\b",
    re.I,
)  # (not "41 arrests a year earlier": a period)
# "Each month, processes 2,500+ reports": a rate named before the figure (not "each year")
_RATE_BEFORE = re.compile(
    r"\b(?:average[ds]?|averaging|mean|median|monthly|daily|weekly)\b[^.;,]{0,40}$"
    # a projection is no count yet: "police expect to receive around 20 thousand reports"
    r"|\b(?:expects?|expected|projects?|projected|forecasts?|forecast|predicts?|predicted"
    r"|anticipates?|anticipated|set)\s+to\b[^.;,]{0,50}$"
    # ... nor is what a total might come to: "could surpass one million", "may well top 500"
    r"|\b(?:could|may|might|would|will|likely\s+to)\s+(?:\w+\s+)?(?:surpass|exceed|reach|top"
    r"|hit|pass|climb\s+to|rise\s+to|grow\s+to)\s+(?:[\w-]+\s+){0,2}$"
    r"|(?<!\bin\s)(?<!\bwithin\s)(?<!\bover\s)(?<!\bduring\s)(?<!\bfor\s)"
    r"\b(?:per|every|each|a)\s+(?:single\s+)?(?:day|week|month|hour)\b[^.;,]{0,40}$"
    r"|^\s*(?:per|every|each|a)\s+(?:single\s+)?(?:day|week|month|hour),[^.;,]{0,40}$"
    # a family's size: "married father of three"
    r"|\b(?:father|mother|parent|dad|mum|mom|grandfather|grandmother)\s+of\s+$",
    re.I,
)  # "..., every day 1,000": a rate; "Each month, processes 2,500+" when it leads the sentence
# a unit that makes the figure a size, a duration or an age, not a count
UNIT = re.compile(
    r"^\s*(?:and\s+a\s+half\s+)?(?:gb|mb|tb|kb|gigabytes|terabytes|bytes|minutes?|hours?|seconds?|days?|weeks?"
    r"|months?|quarters?|years?|decades?|-?year-olds?|fold|percent|per\s*cent"
    # lengths of sentence, not sentences counted: "including 14 life terms"
    r"|(?:(?:consecutive|concurrent)\s+)?(?:life|prison|jail|custodial)\s+(?:terms?|sentences?))\b"
    r"|^\s*times\s+(?:more|higher|greater|larger|less|lower|fewer|as|the|over|that|than|bigger)\b",
    re.I,
)
# a figure followed by a verb of content counts what holds the content, whatever the words
# after say: "40 contained images linked to an arrest" counts no arrests
_CONTENT_VERB = re.compile(
    r"^\s*(?:contain(?:ed|s)?|includ(?:ed|es?)|involv(?:ed|es?)|featur(?:ed|es?)|depict(?:ed|s)?"
    r"|show(?:ed|s)?|concern(?:ed|s)?|mention(?:ed|s)?|referenc(?:ed|es?))\b",
    re.I,
)
# ages are not counts: "aged 13 to 17", "ranging in age from 15 to 76", "between the ages of
# 9 and 16" (the words before the figure, up to and past the figure before it)
_AN_AGE = rf"(?:\d{{1,2}}|{NUMBER_WORD})"  # in digits or words: "between the ages of seven and 13"
AGE_BEFORE = re.compile(
    r"(?i)\b(?:aged?|ages)\b(?:\s*,?\s+(?:from|of|between|range|ranging|ranged|was|were|is|are"
    rf"|the|in|to|and|-|–|{_AN_AGE})|,)*\s*(?:[-–]|\s)?$"
    rf"|\bin\s+age\s+from\s+(?:{_AN_AGE}\s+(?:to|and)\s+)?$"
    rf"|\bages\s+of\s+(?:{_AN_AGE}\s+(?:to|and)\s+)?$"
)
_PREPOSITION = re.compile(r"\s*(?:on|of|for|in|with|at)\b", re.I)
# the next figure right after a bare participle is its object, so the verb is the figure's own,
# active: "200 officers arrested 24 people"
_ACTIVE_OBJECT = re.compile(rf"\s+(?:a\s+total\s+of\s+|another\s+)?{QUALIFIED}", re.I)
# an arrest sought, not made: "warrants were issued for the arrest of 24 suspects"
_WARRANT_FOR = re.compile(
    rf"\bwarrants?\s+(?:[\w’'-]+\s+){{0,3}}?for\s+(?:the\s+)?arrests?\s+of\s+{QUALIFIED}$", re.I
)
# people caught or held, with the auxiliary: "24 suspects were caught in the sting", "37
# suspects were held by police" (not "caught up in", "caught on camera", "held talks")
_CAUGHT = re.compile(
    rf"^\s*(?:[\w’'-]+\s+){{0,3}}?{_PEOPLE}\s+(?:were|was|have\s+been|had\s+been|has\s+been"
    r"|are|remain)\s+(?:also\s+|still\s+|being\s+)?(?:caught\b(?!\s+(?:up|on|out|with|in\s+"
    r"possession)\b)|held\b(?=\s+(?:by\s+(?:the\s+)?police|in\b|on\b|at\b|over\b|after\b|[.,;]|$)))",
    re.I,
)
# the charges a person was held, charged or convicted on: "was arrested Friday on 10 counts
# of", "19 arrests with 40 felony charges", "admitted three charges", "the conviction of a man
# on 21 charges", "sentenced to a year in prison for three luring offences"
_ON_CHARGES = re.compile(
    r"(?s:.*)\b(?:(?P<con>convict(?:ed|ions?)|sentenced|sentences|(?:pleaded|pled)\s+guilty"
    r"|guilty\s+pleas?|found\s+guilty|admit(?:ted|s|ting))"
    r"|arrest(?:ed|s)?|detained|held|booked|charged|indicted)\b"
    rf"(?:[^.;]{{0,80}}?\s(?:on|with|to|for|of))?\s+{QUALIFIED}$",
    re.I,
)
_WITH = re.compile(rf"\b(?:with|on)\s+{QUALIFIED}$", re.I)
_OF_NEXT = re.compile(rf"\s+of\s+{QUALIFIED}$", re.I)  # "the arrest of [more than] <next figure>"
_TO_POLICE = re.compile(
    r"^\s*(?:[\w’'-]+\s+){0,4}?to\s+(?:[\w’'.-]+\s+){0,3}?"
    r"(?:law\s+enforcement|police|forces|icacs?|agencies)\b",
    re.I,
)


# a difference between two counts, not a count: "29 more arrests than the year before"
_MORE_THAN = re.compile(
    r"^\s*(?:more|fewer|less)\s+(?:[\w’'-]+\s+){0,4}?than\b"
    r"|^\s*(?:[\w’'-]+\s+){1,3}?(?:more|fewer|less)\s+than\s+(?:in|the|a|last|during|for)\b",
    re.I,
)
# a change, not a count: "rose by 32", "an increase of 32 on 2022", "up 32 on last year"
_CHANGE_BY = re.compile(
    r"\b(?:(?:rose|risen|rising|fell|fallen|falling|increased|increasing|decreased|decreasing|grew"
    r"|grown|growing|dropped|dropping|declined|declining|jumped|climbed|went\s+(?:up|down))\s+by"
    r"|(?:an?\s+)?(?:increase|decrease|rise|fall|drop|decline|jump|reduction)\s+of)"
    rf"\s+(?:a\s+further\s+|another\s+)?{QUALIFIED}$",
    re.I,
)


def is_change(before: str) -> bool:
    """Whether the figure after `before` is a change ("rose by 32"), not a count."""
    return bool(_CHANGE_BY.search(before[-40:]))


_UP_BY = re.compile(rf"(?<![\w-])(?:up|down)\s+(?:by\s+)?{QUALIFIED}$", re.I)
_ON_BASELINE = re.compile(r"^\s*(?:on|from|compared|over|against|year[\s-]on[\s-]year)\b", re.I)
# a state that is no outcome: "33 are still under investigation", "9 remain at large"
_NO_OUTCOME_STATE = re.compile(
    r"^\s*(?:(?:are|were|is|was|remain(?:s|ed)?)\s+)(?:still\s+)?(?:under\s+investigation"
    r"|being\s+investigated|at\s+large|on\s+the\s+run|on\s+bail|wanted|missing|pending|awaiting"
    r"\s+(?:a\s+)?(?:decision|review|assessment))\b",
    re.I,
)
_OUTCOME_VERB = (
    r"(?:arrest|apprehend|detain|charge|indict|prosecut|convict|sentenc|jail|imprison|rescu"
    r"|identif|safeguard|recover|locat|protect|sav|free|refer)\w*"
)
# a count in a future or possible tense is no count yet: "1,000 more people will be referred
# to prosecutors", "police expect to charge 40", "could be arrested"
_FUTURE_AFTER = re.compile(
    r"^\s*(?:(?!(?:were|was|have|has|had|are|is)\b)[\w’'-]+\s+){0,5}?(?:will|would|could|may"
    r"|might|shall|(?:(?:are|is)\s+)?(?:expected|likely|set|due|going|about)\s+to)\s+(?:\w+ly\s+|also\s+"
    rf"|now\s+|soon\s+|still\s+)?(?:be|face)\s+(?:\w+ly\s+)?{_OUTCOME_VERB}\b",
    re.I,
)
_FUTURE_BEFORE = re.compile(
    r"\b(?:will|would|could|may|might|shall|plans?\s+to|intends?\s+to|aims?\s+to|hopes?\s+to"
    r"|(?:try|tries|trying|tried|seek|seeks|seeking|attempt(?:s|ing)?|work(?:s|ing)?|striv(?:e|es"
    rf"|ing)|efforts?|bid)\s+to|going\s+to)\s+(?:\w+ly\s+|also\s+|soon\s+)?{_OUTCOME_VERB}\s+(?:\w+\s+)?{QUALIFIED}$",
    re.I,
)
# an outcome mixed with what is none or with another outcome: "arrested or questioned 409
# people", "were arrested or charged" (the figure does not say how many had which); see _mixed
_MIXED = (
    rf"(?P<v1>{_either(_ARRESTED, _CHARGED, _CONVICTED, ('identified', 'rescued'))})\s+"
    r"(?:or|and/or)\s+"
    r"(?:(?:are|were|is|was|have\s+been|had\s+been)\s+)?"
    rf"(?P<v2>under\s+investigation|{_COURT_VERBS}|{_either(_FOUND)}|[a-z]+ed|interviewed|questioned"
    r"|cautioned|warned|released|summoned|reported)\b"
)
_MIXED_BEFORE = re.compile(rf"\b{_MIXED}\s+(?:[\w’'-]+\s+){{0,2}}?{QUALIFIED}$", re.I)
_MIXED_AFTER = re.compile(
    rf"^\s*(?:[\w’'-]+\s+){{0,4}}?(?:(?:were|was|have|has|had|been|are|is)\s+)+{_MIXED}", re.I
)


def _mixed(m: re.Match[str] | None) -> bool:
    """ "arrested or questioned", "arrested or charged", "identified or arrested": two outcomes
    (or one and none) in one count, how many of each untold; "charged or summonsed", "arrested
    or detained" are one family, so one outcome."""
    if m is None:
        return False
    verbs = (" ".join(m.group(g).lower().split()) for g in ("v1", "v2"))
    one, two = (_VERB_FAMILY.get(v, "children_identified" if v in _FOUND else None) for v in verbs)
    return one is None or one != two


# the nouns mixed: "380 convictions or cautions" (how many of them were convictions is untold)
_MIXED_NOUNS = re.compile(
    r"^\s*(?:[\w’'-]+\s+){0,2}?(?:arrests|charges|convictions|prosecutions|indictments)\s+"
    r"(?:or|and/or)\s+(?:[\w’'-]+\s+)?(?:cautions|warnings|reprimands|acquittals|dismissals"
    r"|diversions|interviews|releases|summonses)\b",
    re.I,
)


# an auxiliary before a passive verb: "were arrested" is the figure's predicate, "arrested" alone
# a participle modifying it ("31 individuals arrested in Georgia are charged")
_PARTICIPLE = re.compile(
    rf"^\s*(?:[\w’'-]+\s+){{0,4}}?(?:{_PEOPLE}|{KIDS})\s+(?P<verb>{_PASSIVE_VERBS})\b"
    r"(?!\s+(?:and|or)\b)",
    re.I,
)
# the whole of a part with an outcome of its own: "two of the 27 people charged", "four of
# the 40 arrested", "nine of the 33 children rescued"
_WHOLE_OUTCOME = re.compile(
    rf"^\s*(?:(?:[\w’'-]+\s+){{0,3}}?(?P<who>{_PEOPLE}|{KIDS})\s+)?"
    rf"(?:who\s+(?:were|have\s+been|had\s+been)\s+)?(?P<verb>{_PASSIVE_VERBS})\b",
    re.I,
)


def whole_outcome(after: str) -> tuple[str, str] | None:
    """The family of the whole a part is of and the words that name it, when the words after
    the whole name its own outcome; None when they name none (the whole is then a count
    named before)."""
    m = _WHOLE_OUTCOME.match(after)
    if m is None:
        return None
    verb = " ".join(m.group("verb").lower().split())
    who = m.group("who")
    kids = re.fullmatch(KIDS, who, re.I) if who else verb in _KID_ONLY_VERBS
    family = _VERB_FAMILY.get(verb) or (
        "children_identified" if kids and verb != "referred" else None
    )
    return (family, m.group(0)) if family else None


# a figure's own participial passive: "with 147 being convicted", "22 having been charged"
_BEING = re.compile(
    rf"^\s*(?:{_PEOPLE}\s+)?(?:being|having\s+been)\s+(?:\w+ly\s+)?(?P<verb>{_PASSIVE_VERBS})\b",
    re.I,
)
# the auxiliaries and adverbs before a passive verb of handing on: "have since been referred"
_HANDED_AUX = (
    r"^\s*(?:[\w’'-]+\s+){0,3}?(?:(?:have|has|had|were|was|are|is|been|being|also|now|since"
    r"|subsequently|then|later)\s+)+"
)
# handed on to someone: to prosecutors a prosecution (not "referred": see _REFERRED)
_TRANSFERRED = re.compile(
    _HANDED_AUX + r"(?:transferred|sent|forwarded|handed(?:\s+over)?|passed(?:\s+on)?|submitted)\b",
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
    also: str | None = None  # a second outcome of the same count ("charged and convicted")


NONE = Binding(None, final=False)
_COORDINATED = re.compile(
    rf"^[^.;]{{0,120}}?(?:,\s*|\s)(?:and|or|as\s+well\s+as)\s+(?:another\s+|a\s+further\s+"
    rf"|an\s+additional\s+|a\s+total\s+of\s+)?{QUALIFIED}$",
    re.I,
)


def before_verb(before: str) -> re.Match[str] | None:
    """The verb or nominal right before a figure, if any ("arrested", "the rescue of")."""
    return _BEFORE.search(before[-60:])


def _np(text: str) -> str:
    words = [w for w in re.findall(r"[\w’'/-]+", text) if w.lower() not in _NP_STOP]
    return " ".join(words[-4:]).lower()


_NP_STOP = {"that", "which", "who", "of", "those", "these", "the", "a", "an", "in", "total",
            "as"}  # fmt: skip


_AND_END = re.compile(
    rf"\s*,?\s*(?:and|or|as\s+well\s+as|along\s+with|together\s+with)\s+{QUALIFIED}$", re.I
)
_SHARED_VERB = re.compile(
    r"(?:\b(?:have|has|had|were|was|are|is|been|being)\s++)++(?:(?:now|also|successfully"
    rf"|subsequently)\s+)*[\"“”']?(?:{_either(_ARRESTED, _CHARGED, _CONVICTED, _FOUND)})\b",
    re.I,
)
# "56 men who had been convicted of ... were apprehended": the relative clause describes
# them; the main verb after it says what happened to them
_MAIN_AFTER_RELATIVE = re.compile(
    r"^[^,;]{0,60}?\b(?:who|that|which)\s+(?:(?:had|have|has|were|was|are|is|been|being)\s+)*"
    r"(?:\w+\s+)?\w+ed\b[^,;]{0,100}?\s(?:(?:have|has|had)\s+been|were|was|are|is)\s+"
    rf"(?:{_ADVERBS}\s+)?(?P<verb>{_PASSIVE_VERBS})\b",
    re.I,
)
# a figure whose noun is left out, with a passive verb of no family: "another 215 were
# cautioned", "12 were released without charge" (counts of people, but of no outcome)
_BARE_PASSIVE = re.compile(
    r"^\s*(?:(?:were|was|have\s+been|has\s+been|had\s+been|are|is)\s+)(?:\w+ly\s+)?"
    r"(?!(?:reported|received|submitted|processed|forwarded|logged|recorded|filed|flagged|marked"
    r"|reviewed|assessed|escalated|disseminated|shared|uploaded|detected|seized|removed)\b)"
    r"(?P<verb>\w+ed)\b",
    re.I,
)
# a figure with its own noun and its own passive verb: "eight establishments were closed"
_OWN_PASSIVE = re.compile(
    r"^\s*(?:(?!(?:who|that|which|whom|defendants)\b)[\w’'-]+\s+){1,3}?(?:were|was|have\s+been|has\s+been"
    r"|had\s+been)\s+(?:\w+ly\s+)?"
    r"(?!(?:reported|received|submitted|processed|forwarded|logged|recorded|filed|flagged|marked"
    r"|reviewed|assessed|escalated|disseminated|shared|uploaded|detected|seized|removed|found"
    r"|made|laid|brought|sent|passed|referred|handed|issued|given|taken|confirmed|verified"
    r"|classified|deemed|judged|considered|determined|believed|suspected|thought|assessed"
    r"|identified|located|linked|connected|involved|charged|convicted|arrested|committed|lodged"
    r")\b)\w+ed\b",
    re.I,
)
# a figure that is the subject of its own active verb: "and 30 received cautions"
_OWN_VERB = re.compile(
    r"^\s*(?:received|got|had|faced|remain(?:ed|s)?|went|came|attended|served|paid|lost|won|took"
    r"|gave|signed|completed|left|returned|stayed)\b",
    re.I,
)
# a clause ends at a stop or comma, or where a conjunction opens another with its own subject
_CLAUSE_END = re.compile(rf"[.;,]|\s{CONJUNCTIONS}\s")


def _clause(text: str) -> str:
    m = _CLAUSE_END.search(text)
    return text[: m.start()] if m else text


# where a referral went: to prosecutors it is a prosecution ("suspects referred to U.S.
# attorneys"), anywhere else (police, other agencies) a referral
_TO_PROSECUTORS = re.compile(
    r"^[^.;]{0,60}?\b(?:to|for)\s+(?:the\s+)?(?:(?:u\.?s\.?|federal|district|state|crown|public"
    r"|county)\s+)*(?:attorneys?|prosecutors?|prosecution)\b",
    re.I,
)


# anything may be referred: "20 cases have been referred for investigation elsewhere"
_REFERRED = re.compile(_HANDED_AUX + r"referred\b", re.I)


# children themselves counted, not "reports of child exploitation" nor "child abuse images"
_KID_COUNTED = re.compile(
    rf"^\s*(?:(?!of\b)[\w’'-]+\s+){{0,2}}?{KIDS}\b{KID_MODIFIER}",
    re.I,
)
_TO_WELFARE_ONLY = re.compile(
    r"^[^.;]{0,60}?\bto\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}?(?:welfare|social\s+services)\b", re.I
)
_TO_CARE = re.compile(
    r"^[^.;]{0,60}?\bto\s+(?:[\w’'-]+\s+){0,3}?(?:services|care|support|counsell?ing|charities"
    r"|charity|shelters?|treatment|hospitals?|doctors|schools?)\b"
    r"(?!\s+(?:units?|teams?|bureaus?|divisions?|squads?))",  # "Protective Services Units": police
    re.I,
)


def _referred(rest: str) -> str | None:
    """The family of a referral by where it went: prosecutors, police, or neither (children
    referred to protection services are no referral to law enforcement)."""
    if _KID_COUNTED.match(rest) or _TO_CARE.match(rest):
        return None
    return "prosecutions" if _TO_PROSECUTORS.match(rest) else "referrals"


_TO_CLEARINGHOUSE = re.compile(rf"^[^.;]{{0,60}}?\bto\s+(?:the\s+)?{HOTLINE}\b", re.I)
_TO_LAW_ENFORCEMENT = re.compile(
    r"^[^.;]{0,60}?\bto\s+(?:[\w’'.-]+\s+){0,5}?(?:law\s+enforcement|police|forces?|icacs?|agenc(?:y|ies)"
    r"|task\s+forces?|units?|investigators|authorities|interpol|europol|fbi|rcmp|countries"
    r"|afp|accce|ncecc|hsi|nca|national\s+crime\s+agency|garda|gardaí|sheriff(?:’s|'s|s)?"
    r"|doj|department\s+of\s+justice|justice\s+department)\b",
    re.I,
)


def feedback_before(before: str) -> re.Match[str] | None:
    """Feedback returned on the number that follows: "sent feedback for about <N>"."""
    tail = before[-80:]
    return _FEEDBACK_ON.search(tail) or _OUTCOME_OF.search(tail) or _RESULT_ON.search(tail)


# whatever the police send back is called, it names a result, a status or a reply, and it is
# "on" or "for" the reports: "disposition codes on", "result notes on", "outcome replies from
# police on", "completed the Case Status field for", "reported results back on" N reports
_RESULT_ON = re.compile(
    r"\b(?:sen[dt]|return(?:ed)?|provid(?:ed|e)|submit(?:ted)?|enter(?:ed)?|fil(?:ed|e)|logged"
    r"|record(?:ed)?|post(?:ed)?|g[ai]ve|complet(?:ed|e)|report(?:ed)?|shar(?:ed|e)|receiv(?:ed|e)"
    r"|issu(?:ed|e)|suppl(?:ied|y)|added)\s+(?:back\s+)?(?:[\w’'-]+\s+){0,3}?"
    rf"(?P<name>{_RESULT_WORD}(?:\s+(?:fields?|tools?|forms?))?)"
    r"(?:\s+back)?(?:\s+(?:from|by)(?:\s+[\w’'-]+){1,3}?)?\s+(?:on|for|against|to)\s+"
    rf"(?:the\s+|a\s+cumulative\s+|just\s+|only\s+)?{QUALIFIED}$",
    re.I,
)
_OTHER_OUTCOMES = tuple(f for f in OUTCOME_FAMILIES if f != "law_enforcement_feedback")
# what feedback by another name is returned on: reports and their like, nothing else
_REPORTS_LIKE = re.compile(
    rf"^\s*(?:of\s+(?:the|those|these)\s+)?(?:[\w’'-]+\s+){{0,2}}?{_REPORT_NOUNS}\b", re.I
)


def _sent_to(rest: str) -> str | None:
    """The family of reports sent on, by where they went: to the police `referrals`, to care
    none (None), to the clearinghouse `reports`; "" when the words do not say."""
    if _TO_CARE.match(rest) or _TO_WELFARE_ONLY.match(rest):
        return None
    if _TO_CLEARINGHOUSE.match(rest):
        return "reports"
    if _TO_LAW_ENFORCEMENT.match(rest):
        return "referrals"
    return ""


def bind(
    before: str,
    after: str,
    verb: re.Match[str] | None = None,
    shared: str | None = None,
    kids: bool = False,
) -> Binding:
    """The binding of a figure from the words before it (back to the previous figure) and
    after it (up to the next figure or the sentence's end). `verb`: the verb that bound the
    previous figure of the sentence (before_verb), for a figure coordinated with it; `shared`:
    the words after the next figure, whose passive verb a coordinated subject shares; `kids`:
    the figure before in the sentence counts children, so a figure with no noun of its own
    ("..., while 77 were located in safe homes") counts them too."""
    head = after[:200]
    if (
        _RATE.match(head)
        or (shared and _AND_END.search(head) and _SHARED_RATE.match(shared))
        or _RATE_BEFORE.search(before[-80:] if len(before) > 80 else before)
        or UNIT.match(head)
    ):
        return Binding(None, drop=True)  # "3,300 reports per month", "32 GB", "18 years"
    if (
        _MORE_THAN.match(head)
        or is_change(before)
        or (_UP_BY.search(before[-20:]) and _ON_BASELINE.match(head))
    ):
        return Binding(
            None, drop=True
        )  # "29 more arrests than in 2018", "rose by 32": a difference
    if _CLEARED_BEFORE.search(before[-60:]):
        return Binding(None, drop=True)  # "acquitted 5 defendants": no outcome of any family
    if shared and _RANGE_TO.fullmatch(head) and UNIT.match(shared):
        return Binding(None, drop=True)  # "terms ranging from 20 to 30 years": a range of units
    if _RECORD.match(head):
        return Binding(None, drop=True)  # "the 18 men had previous arrests": a record
    if _SERVED_BEFORE.search(before[-40:]) and _KID_NP.match(head):
        return Binding(None)  # "assisted 7,110 identified victims": served, not found
    if _NO_OUTCOME_STATE.match(head):
        return Binding(None)  # "... while 33 are still under investigation"
    if (
        _FUTURE_AFTER.match(head)
        or _FUTURE_BEFORE.search(before[-80:])
        or _mixed(_MIXED_BEFORE.search(before[-80:]))
        or _mixed(_MIXED_AFTER.match(head))
        or _MIXED_NOUNS.match(head)
    ):
        return Binding(None, drop=True)  # "will be charged", "arrested or questioned"
    m = _RELATION.match(head)
    if (
        m
        and not m.group("num")
        and not _SHARE_OF.search(before[-40:])
        and not _NOT_COUNTED.match(m.group("np"))
        and len(m.group("np").split()) <= 6
        and not _OF_NEXT.fullmatch(head, m.end())
    ):
        family = _OUTCOME_NOUN[" ".join(m.group("out").lower().split())]
        if m.group("neg1") or m.group("neg2") or m.group("neg3") or _NONE_OF.search(before[-40:]):
            return Binding(None, drop=True)  # "22,950 tips did not result in (or led to no) arrest"
            # "None of the 214 reports ... resulted in an arrest"
        np, mod = m.group("np"), m.group("mod") or ""
        # the counted noun without its modifier phrase ("reports [sent to police that year]");
        # a lone participle stays with it ("the reports concerned")
        counted = THEM if _OF_THEM.match(head) else _np(np + mod if len(mod.split()) == 1 else np)
        counted = counted or None
        also = _OUTCOME_NOUN.get((m.group("out2") or "").lower())  # "led to charges and an arrest"
        return Binding(family, counted, relation=True, also=also if also != family else None)
    if m and not m.group("num") and _NOT_COUNTED.match(m.group("np")):
        return Binding(None)  # "four search warrant executions that led to arrests"
    kid_after = bool(_KID_NP.match(head))
    st = _STATUS_BEFORE.search(before[-120:])
    if st and _NOT_COUNTED.match(head):
        return Binding(None)  # "arrests have been made in eight provinces": where, not what
    if st and (st.group("from") or st.group("out4")) and not _REPORTS_COUNTED.match(head):
        st = None  # "arrests resulted from 40 operations": the outcome's source, not a count of it
    if st:
        if st.group("no"):
            return Binding(None, drop=True)  # "no arrests were recorded in N of them"
        out = (st.group("out") or st.group("out2") or st.group("out3") or st.group("out4")).lower()
        family = _OUTCOME_NOUN.get(out, "prosecutions")
        n = _NOUN.match(head)
        counted = THEM if _OF_THEM.match(head) else _np(n.group(0)) if n else None
        return Binding(family, counted, relation=True)
    if (own := _BEING.match(head)) and (fam := _VERB_FAMILY.get(own.group("verb").lower())):
        return Binding(fam)  # "194 arrests with 147 being convicted": its own verb, not "arrests"
    if _WRAPPED_BEFORE.search(before[-40:]) and (w := _WRAPPED_AFTER.match(head)):
        if w.group("safe"):
            return Binding("children_identified" if w.group("kid") else None)
        if w.group("guilty") or w.group("cases"):
            return Binding("convictions" if w.group("guilty") else "prosecutions")
        return Binding("arrests")  # "took 35 predators off the streets"
    if _GIVEN_SENTENCES.match(head):
        return Binding("convictions")
    if (
        (n := _NOUN.match(head))
        and n.group("noun").lower() in ("charges", "counts", "offences", "offenses")
        and not _PREPOSITION.match(head)  # "detained 23 on charges of": people, held
        and (
            (on := _ON_CHARGES.search(before[-120:]))
            or (verb and (verb.group("arr") or verb.group("pro")) and _WITH.search(before[-40:]))
        )
    ):
        # "arrested on 10 counts", "charged 23 men with 90 offences", "admitted three charges"
        return Binding("convictions" if on and on.group("con") else "prosecutions")
    if _IN_CUSTODY.match(head) or _CAUGHT.match(head):
        return Binding("arrests")
    b = _BEFORE.search(before[-60:])
    if (
        b is None
        and verb is not None
        and _COORDINATED.match(before)
        and not _OWN_PASSIVE.match(head)
        and not _OWN_PREDICATE.match(head)
        and not _OWN_PROGRESSIVE.match(head)
        and not _OTHER.match(head)
        and not _ANY_OWN_PASSIVE.match(head)
    ):
        b = verb  # "identify 195 offenders ..., and 383 children": the same verb
    if b:
        # "arrested and charged 206 people": one count, two outcomes
        two = _TWO_VERBS.search(before[-60:])
        also = (
            _VERB_FAMILY.get((two.group("v1") or "").lower())
            or _OUTCOME_NOUN.get((two.group("n1") or "").lower())
            if two
            else None
        )
        if (
            b.group("arr")
            and (n := _NOUN.match(head))
            and _NOUN_FAMILY.get(n.group("noun").lower()) not in OUTCOME_FAMILIES
            and (_WITH.search(before[-40:]) or family_of(n.group("noun")) == "files")
        ):
            # "arrested with 50,000 pieces of material", "netted 3,000 images": what they had
            noun = " ".join(n.group("noun").lower().split())
            if noun in ("offences", "offenses", "counts", "notifications", "leads", "ip addresses"):
                return NONE
            return Binding(_NOUN_FAMILY.get(noun, "files"), final=False)
        if b.group("arr") and _WARRANT_FOR.search(before[-80:]):
            return Binding(None, drop=True)  # "warrants were issued for the arrest of 24"
        if b.group("loose") and not _PERSON_NP.match(head):
            return NONE  # "busted 12 establishments", "police held 37 meetings": not people
        if b.group("arr"):
            if also is None and (pp := _PARTICIPLE.match(head)) and pp.group("verb") in _CHARGED:
                also = "prosecutions"  # "arrested 30 men charged with": charged on arrest
            return Binding("arrests", also=also if also != "arrests" else None)
        if (
            b.group("pro")
            and b.group("file")
            and (n := _NOUN.match(head))
            and _NOUN_FAMILY.get(n.group("noun").lower()) not in (None, "prosecutions")
        ):
            return NONE  # "companies filed 300 reports": the noun says what was filed
        if b.group("pro") and _DECLINED_TO.search(before[-60:][: b.start()]):
            return Binding(None, drop=True)  # "declined to prosecute 40 cases": not prosecuted
        if b.group("pro"):
            return Binding("prosecutions", also=also if also != "prosecutions" else None)
        if b.group("con"):
            return Binding("convictions", also=also if also != "convictions" else None)
        if b.group("ref"):
            return Binding(_referred(head))
        if b.group("fwd") and (where := _sent_to(head)) != "":
            return Binding(where)  # "passed 4,100 reports to police and 300 to social services"
        if b.group("kid") and (kid_after or (b is verb and _NO_NOUN_PLACE.match(head))):
            return Binding("children_identified")  # "... and an additional 12 in Cebu"
    if _FACING_CHARGES.match(head) or (
        shared and _FACING_N.fullmatch(head) and _CHARGES_NEXT.match(shared)
    ):
        return Binding("prosecutions")  # "100 people are facing in excess of 1,000 charges"
    if c := _COMPLEMENT.match(head):
        return Binding(_NOUN_FAMILY[c.group("noun").lower()])  # "... are the latest arrests"
    if (t := _TRANSFERRED.match(head)) and _TO_PROSECUTORS.match(head[t.end() :]):
        return Binding("prosecutions")  # "34 cases have been transferred to the prosecution"
    if r := _REFERRED.match(head):
        return Binding(None if _KID_COUNTED.match(head) else _referred(head[r.end() :]))
    counted_in = ("reports", "referrals")
    if _GOT_FEEDBACK.match(head):
        return Binding("law_enforcement_feedback")  # "1,200 received a response describing"
    fb = feedback_before(before)
    said = family_of(_clause(head)) if fb else None  # what the figure's own clause names
    if fb and (
        (_REPORTS_LIKE.match(head) and said not in _OTHER_OUTCOMES)
        or (
            fb.re is not _RESULT_ON
            and said
            in ((*counted_in, None) if fb.group("name").lower() == "feedback" else counted_in)
        )
    ):
        # the outcome returned, not where they went ("on 412 of the
        # reports we referred"); by another name, only on reports
        # ("status updates on 1,200 investigations" is no feedback)
        return Binding("law_enforcement_feedback")
    p = _PASSIVE.match(head)
    if (
        p
        and shared is not None
        and _ACTIVE_OBJECT.fullmatch(head, p.end())
        and not UNIT.match(shared)
        and not _PASSIVE.match(shared)  # "16 children rescued 44 men arrested": a headline's list
    ):
        p = None  # "200 officers arrested 24 people": the verb is theirs, active
    if p is None and shared and (c := _AND_END.search(head)):
        # "30,000 victims ... and 13,000 criminals have been identified": the shared verb
        v = _SHARED_VERB.search(shared[:200])
        if v:
            p = _PASSIVE.match(f"{head[: c.start()]} {v.group(0)}")
    # the main verb after a relative clause or a participle modifier
    main = _MAIN_AFTER_RELATIVE.match(head) or (p and _THEN_MAIN.match(head, p.end()))
    p = main or p
    first = None  # "31 individuals arrested in Georgia are charged": arrested, then charged
    if (
        p
        and (pp := _PARTICIPLE.match(head))
        and pp.end() < p.start("verb")
        and not _OF_WHOLE_BEFORE.match(head)  # "52 of the people charged": the whole's
    ):
        first = _VERB_FAMILY.get(" ".join(pp.group("verb").lower().split()))
    if p and _SHARE_OF.search(before[-40:]) and _MAIN_PREDICATE.match(head, 0, p.start("verb")):
        return Binding(None)  # "nearly half of the 300 suspects were arrested": the share was
        # (not "2.5% of the 83,148 suspects prosecuted", "of the 13,700 who were convicted")
    if p:
        verb = " ".join(p.group("verb").lower().split())
        if verb == "referred":
            return Binding(None if _KID_COUNTED.match(head) else _referred(head[p.end() :]))
        family = _VERB_FAMILY.get(verb)
        if family:
            second = _AND_VERB.match(head, p.end())
            also = (
                _VERB_FAMILY.get((second.group("verb") or "charged").lower()) if second else first
            )
            return Binding(family, also=also if also != family else None)
        if (
            kid_after
            or (verb in _KID_ONLY_VERBS and not _PERSON_NP.match(head))
            or (kids and _OWN_PREDICATE.match(head))
        ):
            return Binding("children_identified")  # "... and 80 safeguarded": only children are
        return Binding(None)  # "13,000 criminals have been identified": not a family
    if b and b.group("kid") and _PERSON_NP.match(head):
        return Binding(None)  # "identified 269 suspects": offenders identified, no family
    if _CONTENT_VERB.match(head):
        return Binding(None)
    if (bare := _BARE_PASSIVE.match(head)) and family_of(bare.group("verb")) is None:
        return Binding(None)
    if _OWN_PASSIVE.match(head) and family_of(_clause(head)) is None:
        return Binding(None)  # "... and eight establishments were closed": its own predicate
    if (own := _OWN_VERB.match(head)) and family_of(_clause(head[own.start() :])) is None:
        return Binding(None)  # "... convicted, and 30 received cautions": its own predicate
    if _FOR_PROSECUTION.match(head) and _DECLINED.search(before[-60:]):
        return Binding(None)  # "prosecutors declined 40 cases for prosecution"
    if (cases := _CASES_PROSECUTED.match(head)) and cases.group("convicted"):
        return Binding("convictions")  # "19 cases were convicted"
    if (
        _TO_COURT.match(head)
        or _FILED_AGAINST.match(head)
        or _BEFORE_COURT.match(head)
        or cases
        or _FOR_PROSECUTION.match(head)
        or _PROSECUTED_PLAIN.match(head)
    ):
        return Binding("prosecutions")
    if _ALL_FILES.match(head) or (
        _PROCESSED_BEFORE.search(before[-60:]) and re.match(r"\s*files\b", head, re.I)
    ):
        return Binding(None)  # "112.3 billion files input by our customers"
    n = _NOUN.match(head)
    if n:
        noun = " ".join(n.group("noun").lower().split())
        charged = verb is not None and verb.group("pro") and _WITH.search(before)
        if charged and noun in ("offences", "offenses", "counts", "charges"):
            return Binding("prosecutions")  # "charged 877 offenders with 7,029 offences"
        if noun in ("offences", "offenses", "counts"):
            return NONE  # charged with N offences: the verb before decides (above)
        if _TO_WELFARE.match(head):
            return Binding(None)  # "35 reports have been forwarded to child welfare"
        if noun in _RECEIVABLE and (
            _POLICE_RECEIVED.search(before[-160:])
            or _FROM_CLEARINGHOUSE.match(head)
            or _PASSED_ON.match(head)
        ):
            return Binding("referrals", _np(n.group(0)))
        if noun in ("notifications", "leads", "ip addresses"):
            return NONE  # of no family unless passed on to the police
        if noun in _NOUN_FAMILY:
            return Binding(_NOUN_FAMILY[noun], final=False)
        if SCANNED.search(before[-40:]) or SCANNED.search(head, n.end(), n.end() + 16):
            return Binding(None, drop=True)  # "hashed 20 billion images": all content scanned
        if _OTHER.match(head, 0, n.start("noun")):
            return Binding(None)  # "12 devices containing images": devices, not images
        return Binding("files", _np(n.group(0)), final=False)  # "images", "web pages"
    if _SITES_OF_ABUSE.match(head):
        return Binding("files")
    if _HOTLINE_CALLS.match(head):
        return Binding("reports", "calls")
    if _PASSED_ON.match(head) and not _TO_WELFARE.match(head):
        return Binding("referrals")  # "the details of 1,700 cases were passed on to the unit"
    if (
        _DEFENDANTS.match(head)
        and family_of(_clause(head)) in (None, "prosecutions")
        and family_of(before[-60:]) in (None, "prosecutions")
    ):
        return Binding("prosecutions")  # "1,760 defendants": people prosecuted (not "pleaded")
    if (
        _ANY_OWN_PASSIVE.match(head)
        and not _NOUN.match(head)
        and not _KID_COUNTED.match(head)
        and family_of(_clause(head)) is None
    ):
        return Binding(None)  # "... and 300 phones were seized": its own noun and predicate
    if _OTHER.match(head):
        if _RELATIVE_CLAUSE.match(head) or _TO_POLICE.match(head):
            return NONE  # "640 cases in which a child was recovered": the clause decides
        return Binding(None)
    return NONE
