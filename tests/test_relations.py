"""Which family a figure belongs to, and whether it is a count at all, by class of wording.

Every sentence here was written for this table (none is copied from the real-passage sets):
each class is a kind of wording the finder used to get wrong on text nobody here wrote.
"""

from __future__ import annotations

import pytest

from monitor.extract.html import extract_html
from monitor.metrics import find_metrics


def _found(text: str) -> list[tuple[str, float, str]]:
    doc = extract_html(f"<p>{text}</p>".encode(), "https://e.org/")
    return [(m.family, m.value, m.label) for m in find_metrics(doc) if m.unit == "count"]


def _families(text: str) -> set[tuple[str, float]]:
    return {(f, v) for f, v, _ in _found(text)}


# text -> (family, value) pairs that must all be found
CLASSES: dict[str, list[tuple[str, list[tuple[str, float]]]]] = {
    # outcome verbs in other Englishes and idioms: arraigned, chargesheeted, put behind
    # bars, made safe, offered protection; an infinitive before the figure
    "arraigned, chargesheeted, behind bars, made safe": [
        ("Six alleged traffickers were arraigned in the High Court on Tuesday.",
         [("prosecutions", 6)]),
        ("Prosecutors arraigned 14 suspects over the weekend.", [("prosecutions", 14)]),
        ("Of the 300 cases registered, 212 were chargesheeted by the police.",
         [("prosecutions", 212)]),
        ("The programme has put over 90 abusers behind bars.", [("convictions", 90)]),
        ("Last year 57 offenders were put behind bars.", [("convictions", 57)]),
        ("In the same period 64 children had been made safe.", [("children_identified", 64)]),
        ("The agency offered protection to 212 minors last year.",
         [("children_identified", 212)]),
        ("Police moved to detain 11 suspects at the port.", [("arrests", 11)]),
        ("Prosecutors decided to indict 8 men in March.", [("prosecutions", 8)]),
        ("Agents found 60 children in the raids, and 14 were located in safe homes.",
         [("children_identified", 60), ("children_identified", 14)]),
        ("Officers rescued 25 children; 9 were identified from seized images.",
         [("children_identified", 9)]),
    ],
    # the parts of a count: in the next sentence ("This includes"), or a list of one noun
    "parts of a count": [
        ("Agents removed 52 children from harm. This includes 30 boys and 22 girls.",
         [("children_identified", 30), ("children_identified", 22)]),
        ("Police arrested 70 people in the sweep. They include 9 teachers.", [("arrests", 9)]),
        ("The unit rescued 31 children: 20 children in Manila, 8 children in Cebu and 3 abroad.",
         [("children_identified", 20), ("children_identified", 8), ("children_identified", 3)]),
    ],
    # court and prosecution-service wording: cases handed in for prosecution, before a
    # court, prosecuted; charges brought against people; a modifier shared with the next count
    "cases before a court or for prosecution": [
        ("Investigators have submitted 38 cases for prosecution since March.",
         [("prosecutions", 38)]),
        ("In May, 21 cases were accepted for indictment by the grand jury.",
         [("prosecutions", 21)]),
        ("At the end of June, 640 matters were pending before the courts.",
         [("prosecutions", 640)]),
        ("A further 95 cases are up for trial in the spring.", [("prosecutions", 95)]),
        ("The unit says 310 cases are currently being prosecuted.", [("prosecutions", 310)]),
        ("The raids led to the arrest of 50 suspects, the filing of 74 cases and 9 convictions.",
         [("prosecutions", 74)]),
        ("Officials announced charges levied against 27 men last month.",
         [("prosecutions", 27)]),
        ("Detectives charged 11 men since January on 96 offences.", [("prosecutions", 96)]),
        ("The men face 14 felony and 2 misdemeanor charges.",
         [("prosecutions", 14), ("prosecutions", 2)]),
    ],
    # "the number of <people> <participle> ... <changed> from A (in a year) to B"
    "the number of people with an outcome changed": [
        ("The number of men convicted has plummeted from 420 in 2015 to 260.",
         [("convictions", 420), ("convictions", 260)]),
        ("Since then the number of offenders charged has fallen from 510 to 150.",
         [("prosecutions", 510), ("prosecutions", 150)]),
        ("The number of suspects detained by the unit has soared from 96 in 2018 to 240.",
         [("arrests", 96), ("arrests", 240)]),
    ],
    # a part of the people counted before, named by their noun ("nine of the men")
    "part of the people counted before": [
        ("Officers arrested 25 men in the sting. Seven of the men are from out of state.",
         [("arrests", 25), ("arrests", 7)]),
        ("Agents rescued 48 children last month. Twenty of the children were from Ohio.",
         [("children_identified", 20)]),
        ("The court convicted 16 offenders in May. Four of those offenders were women.",
         [("convictions", 4)]),
    ],
    # "Of the 520, 61 ...": the figure of that value named before, whatever came last;
    # arrested or caught with material: the material counted, not people
    "a group by its number; arrested with material": [
        ("The operation led to 520 arrests and rescued 210 children. Of the 520, 61 were "
         "teachers.", [("arrests", 61)]),
        ("Two men were arrested with over 8,000 indecent images in their possession.",
         [("files", 8000)]),
        ("The man was caught with 640 abuse videos on his laptop.", [("files", 640)]),
    ],
    # a qualified count between "facing" and "charges"; people named as the outcome itself;
    # detentions counted
    "facing N charges, the latest arrests, detentions": [
        ("About 70 people are facing more than 900 abuse charges after the raids.",
         [("prosecutions", 70), ("prosecutions", 900)]),
        ("Three brothers from the valley are the latest arrests in Operation Lantern.",
         [("arrests", 3)]),
        ("The sting operations resulted in 61 detentions.", [("arrests", 61)]),
    ],
    # an aside between the counted noun and its verb: dashes, brackets, commas around a list
    # or a participle phrase, a relative clause with a verb (and a negation) of its own
    "aside between the noun and its verb": [
        ("Eight suspects — three of them women — were detained in the sweep.",
         [("arrests", 8), ("arrests", 3)]),
        ("Twenty-two victims (most of them girls) were rescued from the compound.",
         [("children_identified", 22)]),
        ("Five officials, namely a mayor, two clerks and a pastor, were charged last week.",
         [("prosecutions", 5)]),
        ("Two suspects who could not be traced were later indicted in absentia.",
         [("prosecutions", 2)]),
        ("Some 48 Ohioans accused of trading abuse images online were convicted.",
         [("convictions", 48)]),
        ("The 19 men, aged between 22 and 61, were detained and face charges.",
         [("arrests", 19), ("prosecutions", 19)]),
        ("Police said 14 teachers – all from the same district – have been arrested.",
         [("arrests", 14)]),
    ],
    # a long modifier without its own verb between the counted noun and its passive verb
    "passive after a long modifier": [
        ("Some 64 men accused of trading abuse material on a messaging app were arrested.",
         [("arrests", 64)]),
        ("In all, 212 adults suspected of grooming teenagers through online games have been "
         "detained.", [("arrests", 212)]),
        ("A further 38 suspects wanted for producing indecent videos of minors were charged.",
         [("prosecutions", 38)]),
    ],
    # a relative clause describes them; the main verb after it says what happened
    "main verb after a relative clause": [
        ("In Texas, 41 travellers who had been convicted of abuse abroad were arrested at "
         "the border.", [("arrests", 41)]),
        ("Police said 19 teachers who were reported by pupils have been charged.",
         [("prosecutions", 19)]),
        ("Agents located 12 fugitives; 9 men who had been indicted in absentia were detained.",
         [("arrests", 9)]),
    ],
    # children protected or saved are children identified
    "children protected or saved": [
        ("Over 480 children have been protected since the unit began.",
         [("children_identified", 480)]),
        ("The raids saved 37 children from ongoing abuse.", [("children_identified", 37)]),
        ("Around 95 victims were freed during the week-long operation.",
         [("children_identified", 95)]),
    ],
    # referred: to prosecutors a prosecution, to police or agencies a referral; a second
    # object shares the verb
    "referred to prosecutors or police": [
        ("In 2019, 2,410 suspects were referred to U.S. attorneys for exploitation offences.",
         [("prosecutions", 2410)]),
        ("The task force referred 33 cases to federal prosecutors and 12 to state police.",
         [("prosecutions", 33), ("referrals", 12)]),
        ("Another 48 cases have been referred for investigation in other states.",
         [("referrals", 48)]),
        ("The hotline referred 7,700 reports of online abuse to agencies in 40 countries.",
         [("referrals", 7700)]),
        ("The unit sent over 500 referrals to regional Child Protection Services Units.",
         [("referrals", 500)]),
    ],
    # a figure given for comparison, without a noun of its own: the quantity before it
    "comparison figure": [
        ("Police made 4,020 arrests in 2021, up from 3,115 the previous year.",
         [("arrests", 4020), ("arrests", 3115)]),
        ("The hotline logged 81,000 reports in 2020, compared with 64,500 a year earlier.",
         [("reports", 81000), ("reports", 64500)]),
        ("Courts recorded 610 convictions in 2019, down from 655 in the prior year.",
         [("convictions", 610), ("convictions", 655)]),
    ],
    # outcomes reported back on reports are law-enforcement feedback
    "outcomes reported on reports": [
        ("That year, overseas agencies reported outcomes on 7,412 reports.",
         [("law_enforcement_feedback", 7412)]),
        ("Local police returned case dispositions for 2,905 CyberTipline reports.",
         [("law_enforcement_feedback", 2905)]),
        ("Federal partners shared results on 1,150 reports in 2021.",
         [("law_enforcement_feedback", 1150)]),
    ],
    # reports that reach the police (or come from the clearinghouse) are referrals to them
    "reports received by police": [
        ("Last year the state police received 2,310 tips from the clearinghouse.",
         [("referrals", 2310)]),
        ("In 2018 our task force got 920 CyberTipline reports.", [("referrals", 920)]),
        # state bureaus of investigation are police too
        ("In 2021, the SBI received 12,760 tips.", [("referrals", 12760)]),
        ("The Georgia Bureau of Investigation received 4,100 CyberTips in 2022.",
         [("referrals", 4100)]),
        ("The county's ICAC unit was sent 3,200 reports by the National Center in 2021.",
         [("referrals", 3200)]),
        ("Officers worked through 1,480 tips from NCMEC that spring.", [("referrals", 1480)]),
    ],
    # parts of a total whose verb and noun are left out: the quantity before, by subject
    "gapped parts of a total": [
        ("In 2021 Kent police made 310 arrests, Essex police 204 and Surrey 96.",
         [("arrests", 310), ("arrests", 204), ("arrests", 96)]),
        ("In 2020, state agencies gave feedback on 5,400 reports; city police provided 730 "
         "and federal agents 215.",
         [("law_enforcement_feedback", 730), ("law_enforcement_feedback", 215)]),
    ],
    # a relation whose outcome is a plea agreement or a guilty plea is a conviction
    "plea agreements": [
        ("Of those cases, 212 resulted in a plea agreement before trial.",
         [("convictions", 212)]),
        ("In 2019, a third of the arrests (740) ended in the entry of a guilty plea.",
         [("convictions", 740)]),
        ("Some 95 indictments led to plea deals in 2020.", [("convictions", 95)]),
    ],
    # children found, located or freed, named by a nominal or a verb, even with a phrase
    # between the verb and the figure
    "children found or located": [
        ("The sweep resulted in the finding of 23 missing children.",
         [("children_identified", 23)]),
        ("The week of action led to the safe location of 41 children.",
         [("children_identified", 41)]),
        ("Analysts identified for partner agencies abroad more than 120 children seen in "
         "the videos.", [("children_identified", 120)]),
        ("The team helped to identify 70 offenders, and 140 children who had been abused.",
         [("children_identified", 140)]),
    ],
    # an aside between commas between the counted noun and its verb
    "appositive before the verb": [
        ("Four children, all victims of online grooming, have been rescued.",
         [("children_identified", 4)]),
        ("Nine men, most of them in their twenties, were arrested.", [("arrests", 9)]),
    ],
    # "the number of X is N" names the figure before any family in the words after it
    "the number of": [
        ("The number of arrests was 40 and the number of children rescued is 12.",
         [("arrests", 40), ("children_identified", 12)]),
        ("The total number of safeguarded children in the unit's nine year history is 3,100.",
         [("children_identified", 3100)]),
    ],
    # cases brought before a court are prosecutions
    "cases in court": [
        ("Prosecutions fell again, from 61 cases taken to court in 2017.",
         [("prosecutions", 61)]),
        ("The initiative produced 140 convictions in some 180 exploitation cases in federal "
         "court.", [("prosecutions", 180), ("convictions", 140)]),
        ("Another 36 cases were brought before the youth courts.", [("prosecutions", 36)]),
    ],
    # reports passed on to someone other than the clearinghouse are referrals
    "reports passed on": [
        ("No charges followed the 275 reports forwarded to the regional unit in May 2023.",
         [("referrals", 275)]),
        ("In 2020, 5,600 tips were sent on to local forces.", [("referrals", 5600)]),
        ("Some 940 reports were handed over to Interpol.", [("referrals", 940)]),
    ],
    # "X totalled N": the subject's head names the figure, not the nearest family word
    "subject of a total": [
        ("Files attached to ESP reports in 2022 totalled 88,000,000.", [("files", 88000000)]),
        ("Arrests stemming from tips reached 8,200 in 2021.", [("arrests", 8200)]),
        ("Videos uploaded with the reports numbered 41,500 in 2020.", [("files", 41500)]),
    ],
    # "from A in <year> to B in <year>": both are the quantity named before
    "from a period to another": [
        ("Feedback from partners fell from 12,400 in CY 2019 to 9,860 in CY 2020 and then "
         "grew.", [("law_enforcement_feedback", 12400), ("law_enforcement_feedback", 9860)]),
        ("Arrests rose from 300 to 450 between 2019 and 2020.",
         [("arrests", 300), ("arrests", 450)]),
    ],
    # an outcome flag in quotes, and a second figure whose verb is left out
    "quoted outcome flags": [
        ('Police reviewed 7,700 tips in June 2024, of which 215 were flagged "Arrest".',
         [("arrests", 215)]),
        ("Of the 9,000 reports, 610 were marked “Arrest” and 140 “Conviction”.",
         [("arrests", 610), ("convictions", 140)]),
        ("Some 72 referrals were tagged 'Prosecution' by the receiving agency.",
         [("prosecutions", 72)]),
    ],
    # "all of which" before the relation: the figure it follows is what led to the outcome
    "all of which resulted in": [
        ("The unit examined 27 abuse cases last year, all of which resulted in convictions.",
         [("convictions", 27)]),
        ("Investigators opened 64 files, each of which led to an arrest.", [("arrests", 64)]),
    ],
    # arrest and conviction verbs the finder did not know, and adverbs before them
    "more outcome verbs": [
        ("About 120 men were netted in raids across the region.", [("arrests", 120)]),
        ("Two brothers who abused children online were each sentenced to 20 years.",
         [("convictions", 2)]),
        ("Nine children have been brought to safety since May.",
         [("children_identified", 9)]),
        ("About 300 of those taken into custody were charged with distribution.",
         [("prosecutions", 300)]),
    ],
    # one count, two outcomes
    "charged and convicted": [
        ("Since 2010, over 140 people have been charged and convicted by the office.",
         [("prosecutions", 140), ("convictions", 140)]),
        ("Four men have been arrested and charged after the raids.",
         [("arrests", 4), ("prosecutions", 4)]),
    ],
    # cases that went to court
    "cases that went to court": [
        ("Last year, 2,950 cases went to court.", [("prosecutions", 2950)]),
        ("That is more than the 48 cases that made it to court in 2009.",
         [("prosecutions", 48)]),
    ],
    # "N times" counts occasions, unless it multiplies ("three times more")
    "times as a count": [
        ("In 2022, county police returned feedback 118 times.",
         [("law_enforcement_feedback", 118)]),
        ("In 2020, city police gave feedback 64 times, and state police 212 times.",
         [("law_enforcement_feedback", 64), ("law_enforcement_feedback", 212)]),
    ],
    # a part of a group named before it: "Of the people arrested, ..."
    "parts of a group named before": [
        ("Of the men arrested, eight were teachers, and 15 were repeat offenders.",
         [("arrests", 8), ("arrests", 15)]),
        ("Of the 57 teenagers rescued, 21 were girls under 14.",
         [("children_identified", 21)]),
        ("Of the 90 minors, 33 were located in Ohio while another 19 were found in Texas.",
         [("children_identified", 33), ("children_identified", 19)]),
        ("Out of the 210 charged, 64 were later released on bail.", [("prosecutions", 64)]),
    ],
    # a figure in quotes, and headline verbs in the present tense
    "quoted figures and headline verbs": [
        ("The charity said it had safeguarded “over 2,300” children in a decade.",
         [("children_identified", 2300)]),
        ("FBI rescues 84 children in nationwide sweep", [("children_identified", 84)]),
        ("Interpol identifies 1,400 child victims in database review",
         [("children_identified", 1400)]),
    ],
    # reports made available to, received by, or passed on to the police: referrals
    "more ways reports reach the police": [
        ("In 2020, NCMEC made 311,000 CyberTipline reports available to ICAC units.",
         [("referrals", 311000)]),
        ("The RCMP's exploitation unit says it has received 4,410 reports so far this year.",
         [("referrals", 4410)]),
        ("Gardaí have received 55 notifications from Europol since January.",
         [("referrals", 55)]),
        ("More than 90 investigative leads have so far been disseminated to partner forces.",
         [("referrals", 90)]),
        ("The details of 2,300 cases were passed on to the state cyber unit.",
         [("referrals", 2300)]),
    ],
    # files named in more words
    "files in more words": [
        ("The operation led to 9,870 pieces of child sexual abuse material being seized.",
         [("files", 9870)]),
        ("In 2021 analysts removed 61,200 web pages showing abuse.", [("files", 61200)]),
    ],
    # two figures of one description on a page keep two identities
    "same description, two figures": [
        ("In 2015, 310 men were found guilty of the offence of possessing images. In the "
         "same year, 980 men were found guilty of the offence of distributing images.",
         [("convictions", 310), ("convictions", 980)]),
        ("In 2022 the hotline processed 31,000 reports. Leeds led the region with 4,800 "
         "reports.", [("reports", 31000), ("reports", 4800)]),
    ],
    # parts of a list with the noun left out, each with its place or category
    "parts by place or category": [
        ("He held 210 images in category A, 96 in category B, and 3,400 in category C.",
         [("files", 210), ("files", 96), ("files", 3400)]),
        ("Police arrested 40 people in Ohio, 12 in Texas and 9 in Utah.",
         [("arrests", 40), ("arrests", 12), ("arrests", 9)]),
    ],
    # the counted noun wins over a volume word near it
    "counted noun over a volume word": [
        ("Across those reports, the public submitted 52,300 URLs in these reports.",
         [("files", 52300)]),
        ("Members of the public flagged 8,100 images across 2,000 reports.",
         [("files", 8100), ("reports", 2000)]),
    ],
    # a figure with its noun left out and a passive verb of volume keeps its count
    "passive of a volume verb": [
        ("The hotline logged 90,000 reports in 2022; 61,000 were forwarded to police.",
         [("referrals", 61000)]),
    ],
    # websites holding abuse material are files; calls to a hotline are reports
    "sites and calls": [
        ("In 2021 some 180,300 websites were found to contain abuse imagery.",
         [("files", 180300)]),
        ("Staff answered more than 900 calls on the agency's tip line.", [("reports", 900)]),
    ],
    # "the number of X – N": the subject names the figure
    "the number of, with a dash": [
        ("The rising number of reports – 52,810 in 2021 – worried the agency.",
         [("reports", 52810)]),
    ],
    # "There were N in <period>" and "the previous year (N)": the quantity named last
    "another period of the last quantity": [
        ("Police made 4,000 arrests in 2021. There were 3,100 in 2020.",
         [("arrests", 4000), ("arrests", 3100)]),
        ("In 2022 the line took 61,000 reports. That is up 9% on the previous year (56,000).",
         [("reports", 56000)]),
    ],
    # people facing charges are prosecutions
    "facing charges": [
        ("The two men face charges of possessing abuse material.", [("prosecutions", 2)]),
        ("In all, 31 suspects are now facing charges.", [("prosecutions", 31)]),
    ],
    # a noun of people between words and the counted noun stays a modifier when singular
    "modifier nouns": [
        ("Since 2005 there have been 190 child sex offender arrests.", [("arrests", 190)]),
        ("The centre received 9,400 complaints and reports of exploitation.",
         [("reports", 9400)]),
    ],
    # "a dozen", "half a dozen"
    "dozens": [
        ("A dozen suspects were taken into custody.", [("arrests", 12)]),
        ("Half a dozen men were charged on Friday.", [("prosecutions", 6)]),
        ("In the last 12 months, two dozen people have been arrested.", [("arrests", 24)]),
    ],
    # arrests in other words ("netted 80 offenders" is the GUIDE's own example), and a verb
    # with its object between it and its particle
    "netted, nabbed, rounded up; a verb around its object": [
        ("The sting netted 22 paedophiles.", [("arrests", 22)]),
        ("Eight suspects were nabbed and charged.", [("arrests", 8), ("prosecutions", 8)]),
        ("Thirty suspects were rounded up.", [("arrests", 30)]),
        ("Police took 12 suspects into custody.", [("arrests", 12)]),
        ("The task force took 35 sexual predators off the streets.", [("arrests", 35)]),
        ("Officers brought six children to safety.", [("children_identified", 6)]),
        ("The operation netted 80 offenders and 3,000 images.",
         [("arrests", 80), ("files", 3000)]),
        ("A jury found four men guilty.", [("convictions", 4)]),
        ("Federal prosecutors brought 2,300 cases against child exploiters.",
         [("prosecutions", 2300)]),
    ],
    # people held in custody are arrests (children taken into care are found)
    "in custody": [
        ("Twenty-three people are now in custody.", [("arrests", 23)]),
        ("Eleven suspects remain in police custody.", [("arrests", 11)]),
        ("Three children were taken into protective custody.", [("children_identified", 3)]),
        # put there: remanded, placed in detention
        ("The 2 accused were remanded in judicial custody.", [("arrests", 2)]),
        ("All were charged, with 31 placed in pre-trial detention.", [("arrests", 31)]),
    ],
    # people given a sentence or a fine are convicted
    "given sentences": [
        ("Thirty-one defendants received prison sentences.", [("convictions", 31)]),
        ("The remaining 4 were given suspended sentences.", [("convictions", 4)]),
        ("Nineteen offenders were handed jail terms on Friday.", [("convictions", 19)]),
    ],
    # pleas in a list of outcomes are convictions (the GUIDE: pleaded guilty); people who have
    # appeared in court are prosecuted
    "pleas; appeared in court": [
        ("In 2019 the unit had 75 arrests, 48 pleas and 12 trials.",
         [("arrests", 75), ("convictions", 48), ("prosecutions", 12)]),
        ("All 17 defendants have appeared in court.", [("prosecutions", 17)]),
        ("Five men appeared before magistrates' court on Tuesday.", [("prosecutions", 5)]),
    ],
    # places between the counted noun and its verb say where, not how many
    "places before the verb": [
        ("In total, 46 suspects in 12 countries were arrested.", [("arrests", 46)]),
        ("A total of 21 people across six states and territories were charged this week.",
         [("prosecutions", 21)]),
    ],
    # reports sent on, by where they went; a second object shares the verb
    "reports sent on by destination": [
        ("The hotline passed 4,100 reports to police and 300 to social services.",
         [("referrals", 4100)]),
        ("The platform sent 2 million reports to NCMEC last year.", [("reports", 2000000)]),
        ("NCMEC sent 3,100 reports to the AFP in 2022.", [("referrals", 3100)]),
        ("In 2022, 3,100 CyberTips were assigned to the task force.", [("referrals", 3100)]),
    ],
    # rescues counted
    "rescues": [
        ("In 2020 the tips led to 40 rescues.", [("children_identified", 40)]),
    ],
    # "N of whom": a part of the figure before
    "of whom": [
        ("Officers arrested 220 men, 41 of whom were teachers.", [("arrests", 41)]),
    ],
    # "X rose N% to M": the subject names M (the rate of change is no figure)
    "rose to": [
        ("Arrests rose 30 per cent to 1,300.", [("arrests", 1300)]),
        ("In 2021, reports to the hotline increased by 12% to 44,000.",
         [("reports", 44000)]),
    ],
    # ... and the figures after it, named by its verb ("which rose to 105 in October")
    "changed to, after the figure": [
        ("The unit rescued 101 victims in March, which rose slightly to 105 in April and 112 in "
         "May.", [("children_identified", 105), ("children_identified", 112)]),
        ("In 2022 police made 340 arrests, which grew to 410 in 2023.", [("arrests", 410)]),
    ],
    # the whole of a part, with an outcome of its own ("of the 27 people charged")
    "the whole of a part with its own outcome": [
        ("Two of the 27 people charged with the offences were children.",
         [("prosecutions", 27), ("prosecutions", 2)]),
        ("Police said 12 of the 40 men arrested lived out of state.", [("arrests", 40)]),
        ("Nine of the 33 children rescued were under five.", [("children_identified", 33)]),
        ("Two of the 27 people taken into custody were minors.", [("arrests", 27)]),
        # "out of the", with the part's noun before it; the part's verb is its own
        ("Nine men out of the 19 people arrested were indicted.",
         [("prosecutions", 9), ("arrests", 19)]),
    ],
    # people arrested with the charge they were arrested on
    "arrested and charged in one phrase": [
        ("Officers arrested 30 men charged with soliciting minors online.",
         [("arrests", 30), ("prosecutions", 30)]),
    ],
    # a place with a comma of its own, or a breakdown with numbers of its own, between the
    # counted people and their verb
    "place or breakdown before the verb": [
        ("Seven men from Kingston, Ontario were charged.", [("prosecutions", 7)]),
        ("After the raids, 96 children - 50 boys and 46 girls, aged between two and 16 years "
         "were rescued.", [("children_identified", 96)]),
        ("Four suspects, 23-year-old A. Smith, 35-year-old B. Jones and 41-year-old C. Brown "
         "were arrested at dawn.", [("arrests", 4)]),
        # a name is no "said" clause; a lowercase "said" is (see the negatives)
        ("Three suspects, 41-yr-old Said Omar, 52-yr-old Amina Ali and 80-yr-old Joyce Wanja "
         "were arrested during the raid.", [("arrests", 3)]),
        ("Six children — whose ages range from three to 15 — in a village near the border were "
         "also rescued.", [("children_identified", 6)]),
    ],
    # arrests in plainer words: held on suspicion, picked up, locked up, booked into jail
    "arrests in plainer words": [
        ("The operation saw 31 men held on suspicion of grooming.", [("arrests", 31)]),
        ("In all, 44 offenders were picked up in the raids.", [("arrests", 44)]),
        ("Nine men were locked up after the raid.", [("arrests", 9)]),
        ("A total of 17 men were booked into the county jail.", [("arrests", 17)]),
    ],
    # two verbs of one family: one outcome
    "one family, two verbs": [
        ("Police arrested or detained 12 people in the raids.", [("arrests", 12)]),
        ("Agents identified or rescued 40 children.", [("children_identified", 40)]),
    ],
    # parts of the people the sentence before counted, by what they were
    "parts by role in the sentence after": [
        ("Police arrested 258 people. Seventy-four were producers and 42 were distributors.",
         [("arrests", 74), ("arrests", 42)]),
        ("Police charged 30 men. Eight of them were teachers.", [("prosecutions", 8)]),
        ("The unit arrested 14 people. Nine of the suspects were from Lake County.",
         [("arrests", 9)]),
        ("Police rescued 40 children. Twelve were under the age of five.",
         [("children_identified", 12)]),
    ],
    # ... but a whole named with its own outcome is a figure
    "a whole with its own outcome, after a share": [
        ("About 2.5% of the 83,148 suspects prosecuted in federal courts were sex offenders.",
         [("prosecutions", 83148)]),
        ("A third of the 13,700 defendants who were convicted in 2016 had abused children.",
         [("convictions", 13700)]),
    ],
    # a part of the people an outcome named, before a verb and no comma
    "among those rescued were": [
        ("Among those rescued were 12 children.", [("children_identified", 12)]),
        ("Among those arrested were 5 teachers.", [("arrests", 5)]),
    ],
    # a prosecution begun by summons, a trial stood or a court that heard the cases
    "summonses, trials and courts in more words": [
        ("Police charged or summonsed 240 people in 2021.", [("prosecutions", 240)]),
        ("A further 35 men were summonsed to appear in court.", [("prosecutions", 35)]),
        ("Nine men stood trial at the Crown Court.", [("prosecutions", 9)]),
        ("Twelve people were committed to trial last year.", [("prosecutions", 12)]),
        ("In 2022, 47 people were put on trial for producing abuse material.",
         [("prosecutions", 47)]),
        ("The youth court heard 58 cases of online child abuse in 2023.",
         [("prosecutions", 58)]),
        ("Prosecutors brought charges in 112 cases last year.", [("prosecutions", 112)]),
        ("Some 64 cases were lodged in court.", [("prosecutions", 64)]),
        ("Another 16 suspects have been brought before a magistrate.", [("prosecutions", 16)]),
    ],
    # a guilty outcome received
    "guilty outcomes": [
        ("Of the 7,340 defendants, 4,108 received a guilty outcome.", [("convictions", 4108)]),
        ("In 2022, 212 defendants received guilty verdicts.", [("convictions", 212)]),
    ],
    # sentences handed down or imposed, charges admitted
    "sentences imposed, charges admitted": [
        ("Courts handed down 320 sentences for child abuse offences in 2021.",
         [("convictions", 320)]),
        ("Judges imposed prison sentences on 77 men in 2022.", [("convictions", 77)]),
        ("The tribunal imposed penalties on 12 offenders.", [("convictions", 12)]),
        ("Thirty-one people admitted the charges.", [("convictions", 31)]),
    ],
    # children taken into care by the words around them
    "children taken into care, the verb around them": [
        ("Social workers took 18 children into care after the raids.",
         [("children_identified", 18)]),
        ("The council took 12 children into protective care in 2022.",
         [("children_identified", 12)]),
    ],
    # charges laid against people
    "charges against": [
        ("Authorities laid charges against 77 people.", [("prosecutions", 77)]),
    ],
    # a part "including N for <offence>": the offence names no child counted
    "including N for an offence": [
        ("The operation led to 109 arrests, including 12 for child exploitation.",
         [("arrests", 109), ("arrests", 12)]),
    ],
    # legal counts: "N counts/charges of <offence>" counts charges, not the images or reports
    # the offence names; an admission, a plea or a prison term before them makes convictions
    "legal counts": [
        ("The driver was jailed for two years after admitting 14 counts of making indecent "
         "photographs.", [("convictions", 14)]),
        ("The jury heard he had already admitted 6 counts of distributing abuse videos.",
         [("convictions", 6)]),
        ("He was given four years in prison for 23 counts of possessing abuse images.",
         [("convictions", 23)]),
        ("He appeared before magistrates on 9 counts of possessing prohibited images.",
         [("prosecutions", 9)]),
        ("The teacher admitted 5 offences involving indecent photographs of pupils.",
         [("convictions", 5)]),
    ],
    # children taken into care or to safety are children removed from harm
    "children taken into care": [
        ("The raids resulted in 45 children being taken into care.",
         [("children_identified", 45)]),
        ("The operation led to 18 minors being placed in protective custody.",
         [("children_identified", 18)]),
        ("A further 31 infants were put into care overnight.", [("children_identified", 31)]),
    ],
    # the verb far from its children: another noun coordinated with them, or a part by place
    "children found, verb far away": [
        ("Police said 12 children were rescued in Leeds, while another 7 children and an "
         "infant were rescued in York.", [("children_identified", 7)]),
        ("Officers say 9 girls and a younger brother were safeguarded that night.",
         [("children_identified", 9)]),
        ("More than 300 children have been safeguarded nationally, with 22 in the Kent area.",
         [("children_identified", 22)]),
        ("Nationwide 150 victims were identified, with 40 in Manila alone.",
         [("children_identified", 40)]),
    ],
    # reports disseminated are referrals, wherever the sentence says they went
    "reports disseminated": [
        ("In 2018, 4,120 reports were disseminated after triage.", [("referrals", 4120)]),
        ("The centre said 950 tips were disseminated last year.", [("referrals", 950)]),
        ("By the end of the month, 2,640 cybertips had been disseminated.",
         [("referrals", 2640)]),
    ],
    # cases before a court, not yet decided, are prosecutions
    "trials pending": [
        ("Alongside 300 convictions, the unit has 45 upcoming trials.",
         [("prosecutions", 45), ("convictions", 300)]),
        ("There are 64 trials pending and 210 convictions so far.", [("prosecutions", 64)]),
        ("Another 27 suspects are awaiting trial in the capital.", [("prosecutions", 27)]),
        ("Some 19 defendants will stand trial next spring.", [("prosecutions", 19)]),
    ],
    # tips or reports received by a police unit or task force are referrals to it
    "reports received by a unit, or passively by police": [
        ("In 2021 the state's exploitation unit received 4,310 reports of online abuse.",
         [("referrals", 4310)]),
        ("Last year 6,120 cybertips were received by the regional police unit.",
         [("referrals", 6120)]),
        ("Analysts logged every one of the 1,350 tips our unit received that spring.",
         [("referrals", 1350)]),
    ],
    # a child word that modifies the counted noun counts no children (round 4)
    "child as a modifier of a legal count": [
        ("A jury heard the man was indicted on 14 counts of child pornography distribution.",
         [("prosecutions", 14)]),
        ("She pleaded guilty to six child sexual abuse material offences.", [("convictions", 6)]),
        ("The coach now faces 22 counts of child enticement in federal court.",
         [("prosecutions", 22)]),
    ],
    # a legal count of one, and pleading guilty as it happens
    "one count, pleading guilty": [
        ("He admitted one count of possessing indecent images and was jailed.",
         [("convictions", 1)]),
        ("The teacher was charged with one count of luring and 12 counts of possession.",
         [("prosecutions", 1), ("prosecutions", 12)]),
        ("After pleading guilty to 7 counts of distribution, the man was fined.",
         [("convictions", 7)]),
    ],
    # parts of a group of legal counts named by its noun
    "parts of a group of charges": [
        ("Of the 64 charges laid, 40 were for possession and 24 for distribution.",
         [("prosecutions", 40), ("prosecutions", 24)]),
        ("Among the 31 indictments, 19 were for trafficking minors.", [("prosecutions", 19)]),
        ("Of those 120 counts, 85 were for making indecent photographs.",
         [("prosecutions", 85)]),
    ],
    # tips, leads or IP addresses the police investigated or received are referrals to them
    "tips worked by police": [
        ("The state task force investigated 3,210 CyberTips last year.", [("referrals", 3210)]),
        ("Detectives reviewed 870 tips in 2021 and made 40 arrests.", [("referrals", 870)]),
        ("The cyber unit received 512 tip-offs in 2020.", [("referrals", 512)]),
        ("Police received 93,000 IP addresses from Interpol over five years.",
         [("referrals", 93000)]),
        ("The sheriff's office followed up on 240 leads from the FBI.", [("referrals", 240)]),
    ],
    # counts a person was sentenced, jailed or convicted on are counts convicted
    "counts at sentencing": [
        ("Co-operation between two agencies led to the imprisonment this week of a Hamilton "
         "man, on a total of 18 charges of distributing abuse images.", [("convictions", 18)]),
        ("The hearing ended with the sentencing of a Napier man, on 12 charges of possessing "
         "objectionable material.", [("convictions", 12)]),
        ("The court's sentencing of the coach on 8 counts of grooming drew criticism.",
         [("convictions", 8)]),
    ],
    # a figure's own participial passive beats a nominal before it
    "own participial passive": [
        ("The sweep led to 80 arrests with 22 being convicted within the year.",
         [("convictions", 22)]),
        ("The task force reported 300 arrests with 150 having been indicted.",
         [("prosecutions", 150)]),
        ("Raids brought 90 arrests with 35 men being charged the same day.",
         [("prosecutions", 35)]),
    ],
    # a participle names one outcome, the main verb another: one count, two outcomes
    "participle then main verb": [
        ("The 45 men detained during the raids have since been charged.",
         [("arrests", 45), ("prosecutions", 45)]),
        ("The sixteen suspects arrested in Ohio are charged with enticement.",
         [("arrests", 16), ("prosecutions", 16)]),
        ("The 27 people apprehended at the border were later prosecuted.",
         [("arrests", 27), ("prosecutions", 27)]),
    ],
    # cases handed to prosecutors are prosecutions
    "cases transferred to prosecutors": [
        ("Investigators said 34 cases have been transferred to the prosecution.",
         [("prosecutions", 34)]),
        ("In 2020, 56 cases were sent to prosecutors for a decision.", [("prosecutions", 56)]),
        ("A further 19 case files have been passed on to the Crown Prosecution Service.",
         [("prosecutions", 19)]),
    ],
    # trials are cases before a court
    "trials counted": [
        ("The courts held 120 trials for child abuse offences in 2021.",
         [("prosecutions", 120)]),
        ("Only 35 trials took place last year.", [("prosecutions", 35)]),
        ("There were 64 trials of online groomers in 2018.", [("prosecutions", 64)]),
    ],
    # "in a single month" is when, not a rate
    "a stretch, not a rate": [
        ("Within a month the unit charged 12 suspects.", [("prosecutions", 12)]),
        ("During a week last spring detectives arrested 14 people.", [("arrests", 14)]),
        ("In a single month the team charged 17 men and one youth.",
         [("prosecutions", 17), ("prosecutions", 1)]),
    ],
    # the police unit that received the tips is named in the sentence before
    "receiver in the sentence before": [
        ("The Ohio ICAC Task Force covers 88 counties. In 2021 it received 6,300 CyberTips.",
         [("referrals", 6300)]),
        ("Detectives in the cyber unit work around the clock. Last year they investigated "
         "1,150 tips.", [("referrals", 1150)]),
        ("The unit was formed by state police in 2015. It has since handled 2,400 reports from "
         "the public.", [("referrals", 2400)]),
        # the verbs of police receiving tips, the same whoever the subject is
        ("The state ICAC task force leads the work. In 2021 it got 6,300 tips.",
         [("referrals", 6300)]),
        ("Two detectives staff the county unit. Last year they followed up on 870 tips.",
         [("referrals", 870)]),
    ],
    # a coordinated figure with no noun of its own shares the family bound to the one before
    "coordinated figure without a noun": [
        ("Foreign police were sent 12,400 CyberTipline reports in 2020 and about 15,000 in "
         "2021.", [("referrals", 15000)]),
        ("The unit received 3,000 tips in 2019 and roughly 4,500 in 2020.",
         [("referrals", 4500)]),
        ("The task force investigated 900 CyberTips in 2019 and 1,300 in 2020.",
         [("referrals", 1300)]),
    ],
    # sent or issued to justice agencies
    "sent to justice agencies": [
        ("The center forwarded 366 tips to the DOJ and other law enforcement agencies.",
         [("referrals", 366)]),
        ("The hotline issued 120 reports to the police in 2019.", [("referrals", 120)]),
        ("Analysts passed 85 leads on to the state Department of Justice.", [("referrals", 85)]),
    ],
    # more verbs of arrest
    "rounded up, caught, picked up": [
        ("Detectives rounded up 45 suspects in dawn raids.", [("arrests", 45)]),
        ("The sting caught 23 men trying to meet minors.", [("arrests", 23)]),
        ("Agents picked up 17 fugitives wanted for abuse.", [("arrests", 17)]),
    ],
    # "and another N": the verb of the figure before
    "coordinated with another": [
        ("Deputies arrested 22 people in the cyber sting and another 79 in the prostitution "
         "sweep.", [("arrests", 79)]),
        ("The unit charged 14 men last spring and a further 9 in the autumn.",
         [("prosecutions", 9)]),
        ("Officers rescued 31 children in Manila and an additional 12 in Cebu.",
         [("children_identified", 12)]),
    ],
    # a long relative or comma clause between the counted noun and its verb
    "long clause before the verb": [
        ("Four children who were being sexually abused and exploited online by predators from "
         "other countries were rescued by police.", [("children_identified", 4)]),
        ("Eleven suspects, who were named in red notices issued by Interpol for child sex "
         "offences in Europe, were apprehended in Manila.", [("arrests", 11)]),
        ("Nine men, who had been under surveillance for several months by the regional cyber "
         "unit, were arrested on Tuesday.", [("arrests", 9)]),
    ],
    # cases filed in court or against defendants; defendants are people prosecuted
    "cases filed, defendants": [
        ("A total of 218 cases were also filed by the regional unit in court against the "
         "suspects.", [("prosecutions", 218)]),
        ("Police said two cases were already prosecuted in court.", [("prosecutions", 2)]),
        ("In 2019, 1,657 cases were filed against 1,760 defendants.",
         [("prosecutions", 1657), ("prosecutions", 1760)]),
        ("Federal courts handled 1,760 defendants in 2006.", [("prosecutions", 1760)]),
        ("Prosecutors obtained guilty pleas from 14 defendants.", [("convictions", 14)]),
    ],
    # charges laid, filed or brought against people
    "charges against people": [
        ("Charges were laid against 18 individuals.", [("prosecutions", 18)]),
        ("Charges have now been laid against 31 suspects.", [("prosecutions", 31)]),
        ("Counts were brought against 7 people.", [("prosecutions", 7)]),
    ],
    # two verbs of outcome before one figure: one count, two outcomes
    "two verbs before one figure": [
        ("As a result police last year arrested and charged 206 people.",
         [("arrests", 206), ("prosecutions", 206)]),
        ("The unit charged and convicted 12 men.", [("prosecutions", 12), ("convictions", 12)]),
        ("Deputies detained and later charged 35 suspects.",
         [("arrests", 35), ("prosecutions", 35)]),
    ],
    # a part of a count by where it happened, named by an adverb of place
    "part by an adverb of place": [
        ("During that period, 870 child victims were identified in Ontario, and another 173 "
         "internationally.", [("children_identified", 173)]),
        ("Analysts said 300 victims were identified in the UK, and another 45 abroad.",
         [("children_identified", 45)]),
        ("The team safeguarded 55 children at home and a further 20 overseas.",
         [("children_identified", 20)]),
    ],
    # ages set off by commas do not cut the counted noun from its verb
    # a noun with its complement before the aside: "victims of forced labour, including ..."
    "noun of complement, then an aside": [
        ("Nearly 300 victims of forced labour, including 41 minors, have been rescued.",
         [("children_identified", 300), ("children_identified", 41)]),
    ],
    "ages between the noun and its verb": [
        ("Five children under the age of 10 were rescued by police.",
         [("children_identified", 5)]),
        ("20 children between the ages of seven and 13 were rescued from his house.",
         [("children_identified", 20)]),
        ("Nine children under 12 were rescued.", [("children_identified", 9)]),
        ("Twenty-three men, aged between 22 and 61, were arrested by police.",
         [("arrests", 23)]),
        ("Eleven suspects, aged 19 to 54, have been charged.", [("prosecutions", 11)]),
        ("Six children, aged from 3 to 12, were rescued from the house.",
         [("children_identified", 6)]),
    ],
    # "one" as the last member of a list by place or a part of the count before it
    "one as a list member or part": [
        ("Five people were arrested in Chile, one in Ecuador.",
         [("arrests", 5), ("arrests", 1)]),
        ("The raids led to the arrest of 30 people in Argentina, 26 in Brazil and one in Peru.",
         [("arrests", 30), ("arrests", 26), ("arrests", 1)]),
        ("Agents arrested three men, including one from California, on charges of enticement.",
         [("arrests", 3), ("arrests", 1)]),
        ("Four men were arrested. One was charged with distribution.",
         [("arrests", 4), ("prosecutions", 1)]),
    ],
    # a count of charges after an arrest or a charge is what was charged
    "charges counted after an arrest": [
        ("Roach was arrested Friday on 10 counts of possession.", [("prosecutions", 10)]),
        ("The sweep resulted in 19 arrests with 40 felony charges.",
         [("arrests", 19), ("prosecutions", 40)]),
        ("Police have charged 232 offenders with more than 2100 offences this year.",
         [("prosecutions", 232), ("prosecutions", 2100)]),
        # ... and after a conviction, a sentence or an admission: convictions
        ("Brown was sentenced in May to a year in prison for three luring offences.",
         [("convictions", 3)]),
        ("Smith admitted four charges of making indecent images.", [("convictions", 4)]),
        ("The inquiry led to the conviction of a Leeds man on 21 charges.", [("convictions", 21)]),
        # the verb nearest the figure
        ("He was convicted in 2019 and later charged with 3 counts of possession.",
         [("prosecutions", 3)]),
    ],
    # court and prosecution-service wording of other countries
    "charges authorised, cases to court, sent to prison": [
        ("Charges were authorised in 56 cases.", [("prosecutions", 56)]),
        ("Prosecutors brought 56 cases to court.", [("prosecutions", 56)]),
        ("The DPP directed prosecution in 56 cases.", [("prosecutions", 56)]),
        ("56 paedophiles were sent to prison.", [("convictions", 56)]),
    ],
    # prosecuted, in words that name no court or no noun before the court
    "prosecuted in plain words": [
        ("Two suspects made their court appearance on Tuesday.", [("prosecutions", 2)]),
        ("Police held 30 men. Of them, 20 appeared in court on Monday.", [("prosecutions", 20)]),
        ("Nine persons were brought to justice last year.", [("prosecutions", 9)]),
        ("A grand jury returned a true bill against two men.", [("prosecutions", 2)]),
        ("In 2020, 272 cases were chargesheeted.", [("prosecutions", 272)]),
        ("A total of 170 cases were taken on file and 19 cases were convicted.",
         [("prosecutions", 170), ("convictions", 19)]),
        ("So far 1,004 people across Denmark face preliminary charges.", [("prosecutions", 1004)]),
    ],
    # people caught are arrested; an irregular participle phrase before the main verb
    "caught, and irregular participles": [
        ("24 suspects were caught in the sting.", [("arrests", 24)]),
        ("In 2016, 22 people caught in the operation have been convicted.",
         [("convictions", 22)]),
        ("Twelve men held in the raids were later charged.", [("prosecutions", 12)]),
        ("The raids ended with 24 people in handcuffs.", [("arrests", 24)]),
        # a headline's list of outcomes with no punctuation
        ("16 children rescued 44 men arrested in child sex raid",
         [("children_identified", 16), ("arrests", 44)]),
    ],
    # arrested in other words
    "held, busted, collared": [
        ("Gwent Police held 14 people on Tuesday.", [("arrests", 14)]),
        ("In four years the unit has had 108 arrestees.", [("arrests", 108)]),
        ("Four girls along with 11 boys were picked up in a hotel.",
         [("arrests", 4), ("arrests", 11)]),
        ("The group helped the authorities nab 280 offenders.", [("arrests", 280)]),
        ("37 suspects were held by police.", [("arrests", 37)]),
        ("Police busted 37 suspects in the sting.", [("arrests", 37)]),
        ("37 suspects were collared.", [("arrests", 37)]),
    ],
    # a part said to be among the next figure takes its family
    "a part among the next figure": [
        ("Two Maltese men were among 79 who were arrested in the crackdown.",
         [("arrests", 2), ("arrests", 79)]),
        ("Five men from Ohio were among the 40 people charged in the sting.",
         [("prosecutions", 5), ("prosecutions", 40)]),
        ("Three girls were among 12 children rescued from the house.",
         [("children_identified", 3), ("children_identified", 12)]),
    ],
    # children brought to safety in other words
    "children to safety, other words": [
        ("In 2023, IJM helped bring 240 children to safety.", [("children_identified", 240)]),
        ("240 children were taken out of harm's way.", [("children_identified", 240)]),
        ("240 children were liberated from the compound.", [("children_identified", 240)]),
    ],
    # the children counted before, by sex or age, with no verb of their own
    "children by sex or age": [
        ("Police rescued 40 children. There were 22 girls and 18 boys.",
         [("children_identified", 22), ("children_identified", 18)]),
        ("Officers identified 552 children: 288 girls versus 264 boys.",
         [("children_identified", 288), ("children_identified", 264)]),
        ("Agents rescued 31 children. Among the children, 12 were under ten.",
         [("children_identified", 12)]),
        ("The rescued children, 40 boys and 43 girls, are in care.",
         [("children_identified", 40), ("children_identified", 43)]),
    ],
    # adjectives joined in the counted noun phrase, before an aside
    "joined adjectives": [
        ("Six missing or exploited children, including two in Arizona, were rescued.",
         [("children_identified", 6), ("children_identified", 2)]),
        ("Nine abused and neglected children, all under ten, were taken into care.",
         [("children_identified", 9)]),
    ],
    # "one" before an age and a person
    "one before an age": [
        ("Officers arrested one 34-year-old woman.", [("arrests", 1)]),
        ("Police charged one 19-year-old man.", [("prosecutions", 1)]),
        ("Agents rescued one 15-year-old girl.", [("children_identified", 1)]),
    ],
    # a count in words before a year is no ratio
    "word counts before a year": [
        ("Convictions fell to 29 in 2017, six in 2016 and two in 2013.",
         [("convictions", 6), ("convictions", 2)]),
        ("Arrests rose from five in 2019 to 40 in 2021.", [("arrests", 5)]),
        ("The unit made 14 arrests in 2020 and eight in 2019.", [("arrests", 8)]),
    ],
    # children found are children located
    "children found": [
        ("Marshals said 42 children were found outside the state.",
         [("children_identified", 42)]),
        ("Nine missing teens were found in motels.", [("children_identified", 9)]),
        ("By the end of the week 17 runaway girls had been found.",
         [("children_identified", 17)]),
    ],
    # "a record" between the verb and its figure
    "a record before the figure": [
        ("Japanese police identified a record 1,559 minors as victims in 2019.",
         [("children_identified", 1559)]),
        ("Detectives identified a record 2,300 victims last year.",
         [("children_identified", 2300)]),
        ("Police rescued a record-high 88 children in the sweep.",
         [("children_identified", 88)]),
    ],
    # feedback returned on reports, wherever the reports had gone
    "feedback on reports passed on": [
        ("In CY 2024, international agencies returned feedback on 81,402 CyberTipline reports "
         "made available to them.", [("law_enforcement_feedback", 81402)]),
        ("Police submitted feedback for 2,310 reports sent to them by NCMEC.",
         [("law_enforcement_feedback", 2310)]),
        ("Task forces provided case feedback on about 900 tips forwarded to them.",
         [("law_enforcement_feedback", 900)]),
    ],
    # children discovered are children located
    "children discovered": [
        ("The raid led to the discovery of four children in the basement.",
         [("children_identified", 4)]),
        ("Officers discovered 6 children locked in a room.", [("children_identified", 6)]),
        ("Nine girls were discovered in the truck.", [("children_identified", 9)]),
    ],
    # a verb said only of children, with no noun of its own
    "bare children verb": [
        ("The operation led to 76 suspects being arrested and 80 safeguarded from abuse.",
         [("children_identified", 80)]),
        ("Police arrested 12 men, and 31 were rescued from the compound.",
         [("children_identified", 31)]),
        ("Raids saw 40 arrests while 17 were brought to safety.", [("children_identified", 17)]),
    ],
    # a modifier, then a comma clause, then the verb
    "modifier then a comma clause": [
        ("Two people from Waterloo, aged 24 and 29, were charged.", [("prosecutions", 2)]),
        ("Three men from Leeds, all known to police, were arrested.", [("arrests", 3)]),
        ("Five teachers at the school, including the head, were charged.",
         [("prosecutions", 5)]),
    ],
    # two nouns of outcome before one figure: one count, two outcomes
    "two outcome nouns before one figure": [
        ("The sting led to the arrest and conviction of 15 online predators.",
         [("arrests", 15), ("convictions", 15)]),
        ("Its work resulted in the arrests and prosecutions of 94 offenders.",
         [("arrests", 94), ("prosecutions", 94)]),
        ("The tips led to the arrest and subsequent prosecution of 12 men.",
         [("arrests", 12), ("prosecutions", 12)]),
        ("The unit secured the indictment and conviction of 7 traffickers.",
         [("prosecutions", 7), ("convictions", 7)]),
    ],
}  # fmt: skip

# text -> families (or (family, value) pairs) that must not be found
NEGATIVES: dict[str, list[tuple[str, list[str | tuple[str, float]]]]] = {
    # what became of them after, or a part of no outcome figure
    "parts with a verb of their own": [
        ("Police arrested 30 men. Eight were released without charge.", [("arrests", 8)]),
        ("Police arrested 30 men. 12 were in court on Monday.", [("arrests", 12)]),
        ("The hotline received 3,000 reports. 400 were from the public.", [("reports", 400)]),
    ],
    # an arrest sought, not made; an outcome that did not happen names no figure
    "arrests sought, outcomes that did not happen": [
        ("Warrants were issued for the arrest of 24 suspects.", ["arrests"]),
        ("Police interviewed 24 people but made no arrests.", ["arrests"]),
        ("Officers spoke to 30 men, who were released without charge.", ["prosecutions"]),
    ],
    # numbers of other things beside an outcome word
    "a record, an address, crimes, those who arrested": [
        ("The suspect, who had 24 prior convictions, was arrested.", ["convictions", "arrests"]),
        ("The man was arrested at 24 Main Street.", ["arrests"]),
        ("Police arrested the man in connection with 24 burglaries.", ["arrests"]),
        ("Some 200 officers arrested 24 people.", [("arrests", 200)]),
    ],
    "held or busted, not people": [
        ("Police held 37 meetings with parents.", ["arrests"]),
        ("37 people were held hostage.", ["arrests"]),
        ("The authorities busted at least 12 establishments, including bars.", ["arrests"]),
    ],
    # a change is no count; charges named by number are no count
    "changes, charges by number": [
        ("There were 412 arrests in 2023, an increase of 32 on 2022.", [("arrests", 32)]),
        ("Arrests were up 32 on 2022.", [("arrests", 32)]),
        ("Arrests rose by 32 to 412.", [("arrests", 32)]),
        ("FINDINGS: Charge 1: Withdrawn. Charges 2, 3: Guilty.", ["prosecutions", "convictions"]),
    ],
    "sent elsewhere than to prison": [
        ("56 children were sent to school.", ["convictions"]),
    ],
    # caught in other senses
    "caught up, caught on camera": [
        ("24 children were caught up in the raid.", ["arrests"]),
        ("Four men were caught on camera at the scene.", ["arrests"]),
    ],
    # among a count of no outcome, or the part named before ("the three men")
    "among others": [
        ("Two teachers were among 300 people who attended the hearing.", ["arrests"]),
        ("The three men were among 20 men arrested over the weekend.", [("arrests", 3)]),
    ],
    # girls and boys after a count of others, or with a verb of their own
    "girls and boys, not the children counted before": [
        ("The children, 40 boys and 43 girls, went to school.", ["children_identified"]),
        ("Police arrested 40 men. 20 girls were at the party.", ["children_identified"]),
        ("Police rescued 40 children. 12 girls were later charged with theft.",
         [("children_identified", 12)]),
    ],
    # held on charges: people held, not charges counted; appearing elsewhere than in court
    "not charges, not court": [
        ("Police detained 23 on charges of distribution.", [("prosecutions", 23)]),
        ("Twelve people appeared in the video.", ["prosecutions"]),
        ("Two officers appeared before the committee.", ["prosecutions"]),
    ],
    # a state with no noun and no event: a part of the people named before, not a figure
    "in custody with no noun": [
        ("Police arrested 20 men; 12 remain in custody.", [("arrests", 12)]),
    ],
    # adults rescued are no children identified
    "adults among those rescued": [
        ("Among those rescued were 12 women.", ["children_identified"]),
    ],
    # adults taken into care, charges denied
    "not children, not admitted": [
        ("Police took 4 men into care.", ["children_identified"]),
        ("The 12 men denied the charges.", ["convictions"]),
    ],
    # a share of a whole had the outcome, not the whole
    "a share of the whole had the outcome": [
        ("Nearly half of the 300 suspects were arrested.", ["arrests"]),
        ("Most of the 40 children were rescued in May.", ["children_identified"]),
    ],
    # people acquitted: no outcome counted
    "acquitted": [
        ("The court acquitted 5 defendants and convicted 12.", [("convictions", 5)]),
        ("Juries acquitted 40 people in 2021.", ["convictions", "prosecutions"]),
    ],
    # places raided, people filmed: no arrests
    "not arrested": [
        ("The authorities busted 12 establishments in the capital.", ["arrests"]),
        ("Three men were caught on camera.", ["arrests"]),
    ],
    # prosecutors who would not prosecute; complaints lodged with the police
    "not prosecuted": [
        ("Prosecutors declined to prosecute 40 cases.", ["prosecutions"]),
        ("Prosecutors refused to charge 12 suspects in 2021.", ["prosecutions"]),
        ("Some 64 complaints were lodged with police.", ["prosecutions"]),
        ("Police arrested or summoned 40 people.", ["arrests", "prosecutions"]),
    ],
    # the whole's participle is not the part's outcome
    "a part of a whole with its own participle": [
        ("Nine men out of the 19 people arrested were indicted.", [("arrests", 9)]),
    ],
    # a verb with a subject of its own is not the verb of the figure before it
    "another subject's verb, after a said clause": [
        ("Five children, police said two men were arrested.", [("children_identified", 5),
                                                               ("arrests", 5)]),
    ],
    "another subject's verb, after a conjunction": [
        ("Eleven vehicles were towed after suspects were arrested.", ["arrests"]),
        ("Nine houses were searched while suspects were detained.", ["arrests"]),
    ],
    "another clause's verb": [
        ("Twelve victims in a case in which four men were arrested were interviewed.",
         [("arrests", 12), ("children_identified", 12)]),
        ("Five children from a home where two men were arrested were placed in care.",
         [("arrests", 5)]),
        ("Police arrested 12 men convicted of sex offences years before.", ["convictions"]),
    ],
    "behind bars and places": [
        ("He was sentenced to eight years behind bars.", ["convictions"]),
        ("Police raided 12 bars and 3 massage parlours.", ["arrests"]),
        ("Officers arrested 40 men, and another 12 men are helping the inquiry.",
         [("arrests", 12)]),
        ("The ledgers revealed 5,400 transactions linked to the abuse reports.", ["reports"]),
    ],
    "not handed in for prosecution": [
        ("Prosecutors declined 40 cases for prosecution last year.", ["prosecutions"]),
        ("Platforms filed 900 reports with the clearinghouse.", ["prosecutions"]),
        ("Of the 60 investigations, 12 are still ongoing.", ["prosecutions"]),
        ("Filing 3. The defendant later pleaded guilty to possession.", ["prosecutions"]),
    ],
    # where outcomes happened, what a verb did not reach, what is only tried, and rates
    "places, own predicates, attempts and rates": [
        ("Arrests have been made in nine counties since the spring.", ["arrests"]),
        ("Police charged 12 men with 80 offences and 300 phones were seized.",
         [("prosecutions", 300)]),
        ("Detectives are still trying to identify 40 more children in the videos.",
         ["children_identified"]),
        ("The scheme leads to 200 arrests and 150 rescues every month.",
         ["arrests", "children_identified"]),
        ("The unit charges about 60 offenders annually.", ["prosecutions"]),
    ],
    "part of the people counted before, with a state of no outcome": [
        ("Police arrested 40 men in May. Six of the men were teachers, and two of the men "
         "remain at large.", [("arrests", 2)]),
        ("Officers detained 30 people. Nine of the people were released without charge.",
         [("arrests", 9)]),
    ],
    # counts that are no outcome: warrants that led to arrests, a criminal record, victims
    # served, a range of years, places, a part of those charged who were arrested
    "records, services, ranges and places": [
        ("Officers carried out three search warrant executions that led to arrests.",
         ["arrests"]),
        ("Of the 40 men, 12 had previous arrests for assault.", [("arrests", 12)]),
        ("None of the 22 suspects had prior convictions.", ["convictions"]),
        ("The charity assisted 3,400 identified victims last year.", ["children_identified"]),
        ("The men were convicted and given sentences ranging from 8 to 15 years.",
         [("convictions", 8)]),
        ("Forty of the people charged have already been arrested.", [("prosecutions", 40)]),
        ("Police arrested 30 men on three continents.", [("arrests", 3)]),
        ("Police have arrested five teenagers in the last two and a half months.",
         [("arrests", 2)]),
        ("The unit results in 300 arrests and 120 children subsequently rescued every month.",
         ["arrests", "children_identified"]),
    ],
    "arrested with material": [
        ("Two men were arrested with over 8,000 indecent images in their possession.",
         [("arrests", 8000)]),
        ("The operation led to 520 arrests and rescued 210 children. Of the 520, 61 were "
         "teachers.", [("children_identified", 61)]),
    ],
    # an aside, then a predicate of no outcome
    "aside then no outcome": [
        ("Seven suspects — two of them minors — remain at large.", ["arrests"]),
        ("Four reports (two of them from schools) were reviewed by analysts.",
         ["arrests", "referrals"]),
        ("Six men, all of them from the same town, were questioned and released.", ["arrests"]),
    ],
    # an outcome word that belongs to another noun than the counted one
    "outcome of another noun": [
        ("Of those reports, 88 contained images linked to an arrest.", ["arrests"]),
        ("Of the tips, 140 included photos tied to a conviction.", ["convictions"]),
        ("Among them, 52 involved files later used in a prosecution.", ["prosecutions"]),
    ],
    # children referred to care are neither referrals to police nor children identified
    "children referred to care": [
        ("The force referred 61 children to child protection services.",
         ["referrals", "children_identified"]),
        ("Social workers said 24 girls had been referred to counselling services.",
         ["referrals", "children_identified"]),
    ],
    # people (or children) counted are not the files or reports named near them
    "people are not files": [
        ("Experts think at least 80,000 people in the region view abuse images online.",
         ["files"]),
        ("Some 3,000 users were found sharing videos of abuse.", ["files"]),
        ("An estimated 12,000 men download indecent photos each year.", ["files"]),
    ],
    # a coordinated figure that counts what the verb's family never counts
    "offenders are not children identified": [
        ("The team identified 14 victims and 2 offenders.", [("children_identified", 2)]),
        ("Analysts identified 40 children and 9 suspects in the videos.",
         [("children_identified", 9)]),
    ],
    # ratios written with a word: "one in 40"
    "ratios in words": [
        ("Roughly one in 40 reports with feedback was linked to an arrest.",
         ["arrests", "law_enforcement_feedback", "reports"]),
        ("About two out of 10 tips led to a conviction.", ["convictions", "reports"]),
    ],
    # a list of other things after an outcome figure is not a part of it
    "other things listed after": [
        ("In 2022 the unit made 410 arrests and seized 3,000 devices, 15 servers and 2 cars.",
         [("arrests", 2), ("arrests", 15)]),
    ],
    # a rate written as one word
    "rates in one word": [
        ("The database helps identify eight child victims everyday.", ["children_identified"]),
        ("Moderators escalate 3,000 reports daily to police.", ["referrals", "reports"]),
    ],
    # a figure with its noun left out and a passive verb of no family
    "passive of no family": [
        ("A further 90 were convicted of possessing images and another 140 were cautioned.",
         [("files", 140), ("convictions", 140)]),
        ("Another 25 were released without charge.", ["arrests", "prosecutions"]),
    ],

    # reports sent to the clearinghouse stay reports
    "reports sent to the clearinghouse": [
        ("The company sent 52,000 reports to NCMEC in 2021.", ["referrals"]),
    ],
    # a part of a year is no count
    "quarters": [
        ("In the first three quarters of 2024, 18 cases ended in convictions.",
         [("convictions", 3)]),
    ],
    "multiplied": [
        ("Arrests were four times higher in 2020.", ["arrests"]),
    ],
    # a group that names no outcome gives none to its parts
    "parts of a group of no outcome": [
        ("Of the 500 suspects, 40 were women.", ["arrests", "prosecutions"]),
        ("Of the 90 minors, 12 were boys.", ["children_identified"]),
    ],
    # averages and projections are no counts
    "averages and projections": [
        ("The monthly average for 2021 was 640 tips.", ["reports", "referrals"]),
        ("The 2019 daily average of 95 reports was a record.", ["reports"]),
        ("Officers expect to receive about 30 thousand reports this year.",
         ["reports", "referrals"]),
        ("Arrests are projected to reach 9,000 next year.", ["arrests"]),
    ],
    # offenders identified are no family, however the next figure reads
    "offenders identified": [
        ("The operation helped to identify 310 suspects and arrest 95 suspects.",
         [("arrests", 310), ("children_identified", 310)]),
    ],
    # ages listed one by one
    "ages listed": [
        ("The four men, aged 31, 44, 52, and 67, were charged on Monday.",
         [("prosecutions", 44), ("prosecutions", 52), ("prosecutions", 67)]),
    ],
    # reports passed on to child welfare are no referral (and no figure of a family)
    "reports sent to welfare": [
        ("Since 2012 a total of 48 reports have been forwarded to child welfare.",
         ["referrals", "reports"]),
    ],
    # notifications or leads nobody passed on are of no family
    "notifications of no family": [
        ("The clearinghouse issued 40 notifications.", ["referrals", "reports"]),
    ],
    # the head of the counted noun phrase counts, not a noun after "of"
    "head noun before of": [
        ("The unit opened 520 investigations of images of abuse.", ["files"]),
    ],
    # all the files a service processed or a device held
    "all files": [
        ("In 2023 the service processed 84 billion files uploaded by users.", ["files"]),
        ("Examiners found 3 million files comprising 12,000 files of abuse material.",
         [("files", 3000000)]),
    ],
    # reports passed on to welfare after a long description
    "long description then welfare": [
        ("In total 52 reports naming an identified child or a suspect in the province have "
         "been forwarded to child welfare.", ["referrals", "reports"]),
    ],
    "there were, of nothing named": [
        ("There were 40 in the room when police arrived.", ["arrests", "reports"]),
    ],
    # a verb or a noun of its own between the figure and a family noun
    "own noun before a family noun": [
        ("In 2020, the hotline had 12 staff answering reports.", ["reports"]),
        ("Police forces in 43 countries led to arrests.", ["arrests"]),
        ("Europol coordinated 25 countries in the action that led to arrests.", ["arrests"]),
    ],
    # an outcome undone between two figures
    "undone outcome": [
        ("The man was convicted on 3 counts and acquitted on 2.", [("convictions", 2)]),
    ],
    # places an outcome happened in are not outcomes
    "places counted": [
        ("The sting netted 31 arrests across four counties.", [("arrests", 4)]),
        ("Officers made 57 arrests in 9 cities.", [("arrests", 9)]),
        ("Some 79 people from 13 countries have been arrested.", [("arrests", 13)]),
    ],
    # what a raid netted is what it held, unless it is people; only children are brought to
    # safety as children found
    "pleas for help, witnesses in court, a court date to come": [
        ("The charity received 300 pleas for help.", ["convictions"]),
        ("Eleven witnesses appeared in court.", ["prosecutions"]),
        ("The 12 men will appear in court next week.", ["prosecutions"]),
    ],
    "things netted or found, people to safety": [
        ("The raid netted 3,000 images.", ["arrests"]),
        ("Police nabbed 12 suspects and 400 videos.", [("arrests", 400)]),
        ("Officers brought six women to safety.", ["children_identified"]),
        ("Police took 300 devices into evidence.", ["arrests"]),
        ("The court found 3 men not guilty.", ["convictions"]),
        ("The unit found 12 devices containing images.", ["files"]),
        ("Officers seized 40 accounts sharing abuse images.", ["files"]),
        ("Officers played a video showing 500 unique IP addresses linked to abuse material.",
         ["files"]),  # the family word is the video's, the count the addresses'
        ("Thirty-one defendants received prison sentences.", ["prosecutions"]),
    ],
    # a share of a whole: the outcome is the share's, not the whole's
    "share of a whole": [
        ("About 14% of the 2,500 tips led to an arrest.", [("arrests", 2500)]),
        ("Half of the 600 referrals resulted in charges.", [("prosecutions", 600)]),
    ],
    # an age limit is no count (in words too, or before the verb)
    "age limits": [
        ("20 children between the ages of seven and 13 were rescued.",
         [("children_identified", 13)]),
        ("Nine children under 12 were rescued.", [("children_identified", 12)]),
        ("Police said the 14 men over 30 were charged.", [("prosecutions", 30)]),
        ("Investigators identified 1,240 victims, 312 of whom were under 12.",
         [("children_identified", 12)]),
        ("Of those arrested, all were over 18.", ["arrests"]),
    ],
    "reports sent to social services": [
        ("The hotline passed 4,100 reports to police and 300 to social services.",
         [("referrals", 300), ("reports", 300)]),
    ],
    # companies counted are not their reports
    "companies counted": [
        ("The 2022 report lists 164 ESPs that made reports.", ["reports"]),
    ],
    # a figure with its own active verb of no family takes no family from the clause before
    "own predicate of no family": [
        ("Last year, 120 people were convicted of offences and 30 received cautions.",
         [("convictions", 30)]),
        ("Police arrested 80 men; 25 went free after questioning.", [("arrests", 25)]),
    ],
    # a child word that modifies the counted noun counts no children (round 4)
    "offenders named with a child modifier": [
        ("Detectives identified 27 online child sexual predators in the region.",
         ["children_identified"]),
        ("The operation identified 40 child abusers across the state.", ["children_identified"]),
        ("Analysts located 18 child sex offenders living near schools.",
         ["children_identified"]),
    ],
    # a count in a future or possible tense is no count yet
    "future counts": [
        ("Another 60 suspects are expected to be charged next month.", ["prosecutions"]),
        ("Officers plan to arrest 25 more men this week.", ["arrests"]),
        ("Police said 300 more people will be referred to prosecutors.",
         ["prosecutions", "referrals"]),
        ("Detectives said 12 people were arrested and 3 will be charged.", [("prosecutions", 3)]),
    ],
    # an outcome mixed with what is none
    "arrested or questioned": [
        ("Officers arrested or questioned 58 men during the sweep.", ["arrests"]),
        ("In total 44 men were arrested or cautioned.", ["arrests"]),
        ("Police detained or interviewed 120 people in 2019.", ["arrests"]),
    ],
    # two outcomes in one count, how many of each untold
    "arrested or charged": [
        ("Some 100 people were arrested or charged with abuse offences.",
         ["arrests", "prosecutions"]),
        ("In Europe, 368 suspects have been arrested or convicted.", ["arrests", "convictions"]),
        ("More than 150 people have been arrested or are under investigation.", ["arrests"]),
        ("The FBI identified or arrested more than 125 suspects.", ["arrests"]),
    ],
    # tip-offs to a hotline stay reports
    "tip-offs to a hotline": [
        ("The hotline received 4,000 tip-offs last year.", ["referrals"]),
        # passed on to another hotline: still no referral to the police
        ("In 2022 the hotline passed 40 reports on to INHOPE.", ["referrals"]),
        ("Last year 75 reports were sent on to the Cybertip.ca tipline.", ["referrals"]),
    ],
    # verdicts or pleas of not guilty convict nobody
    "not guilty": [
        ("The jury returned 9 not guilty verdicts.", ["convictions"]),
        ("There were 12 not guilty pleas entered in March.", ["convictions"]),
    ],
    # a part of a group restated: its participle is the group's, not a second outcome
    "part of those taken into custody": [
        ("About 400 of those taken into custody were charged with distribution.",
         [("arrests", 400)]),
    ],
    # a hotline named in the sentence before keeps its reports
    "hotline in the sentence before": [
        ("NCMEC runs the CyberTipline. In 2021 it received 29 million reports.", ["referrals"]),
    ],
    # an amount with a currency code is money
    "money with a currency code": [
        ("One man was fined RM3,000 after pleading guilty.", [("convictions", 3000)]),
        ("The court set bail at Ksh500,000 for the 3 suspects charged.",
         [("prosecutions", 500000)]),
        ("He was ordered to pay R15,000 after his conviction.", [("convictions", 15000)]),
    ],
    # an age set off by commas after a name or a person is no count
    "ages in apposition": [
        ("Jackson, 29, from Gateshead, was jailed after admitting three counts of possession.",
         [("convictions", 29)]),
        ("Taylor, 33, from Cardiff, was sentenced after admitting 5 counts of possession.",
         [("convictions", 33)]),
        ("Ahmed, 47, of Bradford, was jailed after pleading guilty to distribution.",
         ["convictions"]),
    ],
    # a difference between two counts is no count
    "differences between counts": [
        ("The task force made 29 more arrests than the year before.", [("arrests", 29)]),
        ("Police rescued 12 more children than in 2019.", ["children_identified"]),
        ("Courts recorded 40 fewer convictions than in 2020.", ["convictions"]),
    ],
    # a number in the name of an operation or a phase
    "numbers in names": [
        ("Marshals announced the recovery of 200 missing children in an operation dubbed "
         "Operation We Will Find You 2.", [("children_identified", 2)]),
        ("Agents rescued 59 children during Operation Cross Country 12.",
         [("children_identified", 12)]),
        ("Officers arrested 31 men during Operation Safe Haven 3, the police said.",
         [("arrests", 3)]),
    ],
    # searches and interviews are not arrests
    "searches and interviews": [
        ("In the north, police made 15 searches and arrested 14 people.", [("arrests", 15)]),
        ("Officers carried out 220 interviews and charged 31 suspects.",
         [("prosecutions", 220)]),
    ],
    # a state of no outcome: under investigation, at large, on bail
    "states of no outcome": [
        ("Of the suspects, 20 were convicted while 33 are still under investigation.",
         [("convictions", 33)]),
        ("Police arrested 40 men, while 9 remain at large.", [("arrests", 9)]),
        ("Twelve were charged and 5 are on bail.", [("prosecutions", 5)]),
    ],
    # defendants with an outcome of their own are not counted as prosecuted
    "defendants with their own outcome": [
        ("In 2023, 212 defendants pleaded guilty.", [("prosecutions", 212)]),
    ],
    # a figure with its own noun and its own passive verb of no family
    "own noun, own passive": [
        ("Six people were detained and eight establishments were closed.", [("arrests", 8)]),
        ("Officers charged 30 suspects and 14 websites were suspended.",
         [("prosecutions", 14)]),
        ("Twenty men were arrested while 9 chat groups were dismantled.", [("arrests", 9)]),
    ],
    # the size of a family
    "family size": [
        ("Police arrested a teacher and married father of three.", [("arrests", 3)]),
        ("A grandmother of six was convicted of neglect.", [("convictions", 6)]),
        ("A mother of four was charged with neglect.", [("prosecutions", 4)]),
    ],
    # jurisdictions, establishments, warrants are not arrests
    "places and warrants": [
        ("Police officers from six Asian jurisdictions have arrested 435 people.",
         [("arrests", 6)]),
        ("Officers executed 29 search and arrest warrants.", [("arrests", 29)]),
        ("Investigators from 11 jurisdictions arrested 90 people.", [("arrests", 11)]),
        ("Agents closed 6 establishments and arrested 12 people.", [("arrests", 6)]),
    ],
    # a law's number is no count
    "laws by number": [
        ("Convictions rose under Republic Act 11930.", ["convictions"]),
        ("He was convicted under Republic Act 9775 of possession.", ["convictions"]),
        ("Charges were filed under RA 10364 against the couple.",
         [("prosecutions", 10364)]),
    ],
    # expected, due or set to, without an auxiliary
    "expected without an auxiliary": [
        ("Twelve men have been charged, with three others expected to be charged on summons.",
         [("prosecutions", 3)]),
        ("Nine were arrested, with 4 more due to be charged next week.", [("prosecutions", 4)]),
        ("Police said 15 more suspects set to be prosecuted.", [("prosecutions", 15)]),
    ],
    # "one in four": a ratio in words
    "one in N": [
        ("Roughly one in four recipients returned any feedback during the year.",
         ["law_enforcement_feedback"]),
        ("Nearly one in five victims were identified.", ["children_identified"]),
        ("One out of three suspects was charged.", ["prosecutions"]),
    ],
    # reports to the clearinghouse or a hotline stay reports
    "reports not received by police": [
        ("NCMEC received 32 million reports in 2022.", ["referrals"]),
        ("The hotline received 4,000 reports from the public last year.", ["referrals"]),
        ("The triage unit received 3,900 reports from the public in 2022.", ["referrals"]),
        ("In 2023 the police unit received 2.5 million files from 700 tips.",
         [("referrals", 2500000)]),
    ],
    # what a total might come to is no count yet
    "projected totals": [
        ("Investigators believe the final tally of abuse videos could surpass 40,000.",
         [("files", 40000)]),
        ("The number of seized images may well exceed 2 million once the analysis ends.",
         [("files", 2000000)]),
        ("Officials say the count of reports is likely to reach 90,000 by the end of the year.",
         [("reports", 90000)]),
    ],
    # all the content a detection tool scanned or hashed, not abuse files it found
    "content scanned": [
        ("Last year the classifier scanned 8.2 billion images for its customers.", ["files"]),
        ("In 2023, the service hashed more than 12 billion files uploaded to partner platforms.",
         ["files"]),
        ("Its matching engine has hashed 640 million videos since launch.", ["files"]),
    ],
    # a length of sentence counts no convictions: "including 14 life terms"
    "life terms": [
        ("The 600 convictions brought long sentences, among them 9 life terms.",
         [("convictions", 9)]),
        ("Judges handed down 1,020 convictions and 31 life sentences over the decade.",
         [("convictions", 31)]),
        ("In all, 1,450 convictions followed, including 14 life terms.", [("convictions", 14)]),
    ],
    # offences alone may be crimes recorded, not charges
    "offences recorded": [
        ("Police recorded 8,000 offences of online grooming in 2021.", ["prosecutions"]),
        ("Forces logged 3,100 offences involving indecent images last year.",
         ["prosecutions", "files"]),
    ],
    # ages are not counts
    "ages": [
        ("All of those arrested were men ranging in age from 18 to 71 years old.", ["arrests"]),
        ("Police arrested the suspects, aged 19 to 64, at their homes.", ["arrests"]),
        ("The victims, between the ages of 9 and 16, were later identified.",
         ["children_identified"]),
    ],
    # court judgments: counts of an indictment by number, prison terms with their own words,
    # acts by number and year
    "court judgments": [
        ("The appeal against the conviction on counts 1, 2, 6 and 31 to 380 is upheld.",
         ["convictions"]),
        ("He was found guilty on count 4 and count 12 of the indictment.", ["convictions"]),
        ("The accused was convicted and sentenced to 5 (five) years imprisonment.",
         ["convictions"]),
        ("She was sentenced under section 51 of the Criminal Law Amendment Act 105 of 1997.",
         ["convictions"]),
        ("He pleaded guilty to contravening s24B(1)(a) of the Films Act.", ["convictions"]),
    ],
    # nouns of an outcome mixed with nouns of none
    "outcome nouns mixed": [
        ("There were 380 convictions or cautions for possession in 2010.", ["convictions"]),
        ("Police recorded 95 arrests or voluntary interviews last year.", ["arrests"]),
        ("The force issued 40 charges or formal warnings in 2021.", ["prosecutions"]),
    ],
    # a question asks for a figure; the numbers in it are those named before
    "questions": [
        ("How many arrests were made out of the 24, 35 and 11 cases since 2020?",
         ["arrests"]),
        ("The minister was asked how many of the 412 reports led to an arrest?", ["arrests"]),
        ("How many of the 60 suspects have been charged so far?", ["prosecutions"]),
    ],
}  # fmt: skip

CASES = [(cls, t, want) for cls, rows in CLASSES.items() for t, want in rows]
NEG = [(cls, t, fams) for cls, rows in NEGATIVES.items() for t, fams in rows]


@pytest.mark.parametrize(
    ("cls", "text", "want"), CASES, ids=[f"{c}: {t[:40]}" for c, t, _ in CASES]
)
def test_class(cls: str, text: str, want: list[tuple[str, float]]) -> None:
    got = _families(text)
    for pair in want:
        assert pair in got, (cls, got)


@pytest.mark.parametrize(("cls", "text", "fams"), NEG, ids=[f"{c}: {t[:40]}" for c, t, _ in NEG])
def test_negative_class(cls: str, text: str, fams: list[str | tuple[str, float]]) -> None:
    got = _families(text)
    assert not [(f, v) for f, v in got if f in fams or (f, v) in fams], (cls, got)


def test_labels_are_the_counted_noun_and_its_qualifier() -> None:
    """Two figures of one family in a sentence keep their own readable labels, and a label
    does not take in the verb that follows (it is part of the figure's identity)."""
    got = _found("In 2020, 410 arrests for possession and 95 arrests for distribution were made.")
    assert {lab for _, _, lab in got} == {"arrests for possession", "arrests for distribution"}
    got = _found("In 2021 Kent police made 310 arrests, Essex police 204 and Surrey 96.")
    assert len({lab for _, _, lab in got}) == 3
    assert all(lab.count("police") <= 1 and "made" not in lab for _, _, lab in got), got
    got = _found("In 2021 there were 300 convictions under the new act, and 12 of those "
                 "convictions came within a month.")  # fmt: skip
    assert ("convictions", 300, "convictions under the new act") in got
    assert all("came" not in lab and "convictions convictions" not in lab for _, _, lab in got)
    got = _found("During the week, officers made 33 arrests and recovered 1.2 million images.")
    assert ("files", 1200000, "images") in got  # the counted noun, not the family's name
    got = _found("In 2021 the unit logged 91 million images and videos from its partners.")
    assert ("files", 91000000, "images and videos") in got
    got = _found("In 1999, 4,100 reports relating to online enticement were made.")
    assert ("reports", 4100, "reports relating to online enticement") in got
    got = _found("The sting netted 31 arrests across four counties.")
    assert [lab for _, _, lab in got] == ["arrests"]  # no dangling "across"


# whether (and how much) a number is a count: text -> the values scan() reads
FORMS = [
    # thousands grouped by a space, before what they count (never a row of table figures)
    ("During the raids over 100 000 illegal files were seized.", [100000]),
    ("The centre received 40 232 reports that year.", [40232]),
    ("Officers found 2 500 indecent photos.", [2500]),
    ("Reports 12 345 678", [12, 345, 678]),
    # hundreds after digits: "11 hundred arrests"
    ("The national effort led to more than 11 hundred arrests.", [1100]),
    # a lowercase "m" for million before a counted noun
    ("Detectives uncovered more than 30m indecent images.", [30000000]),
    ("Feedback covered 8.4k reports.", [8400]),
    ("The run took 5m 20s.", []),
    ("The drive held 1.5m files.", [1500000]),
    # a rate of change written "per cent"
    ("Arrests rose 30 per cent in 2021.", []),
    # citation markers are not figures
    ("Escalations resulted in arrests in 2023 or 2024 [1].", []),
    ("Police made 412 arrests [12].", [412]),
    # "one" is a figure before a person counted, not as a pronoun or after "at least"
    ("The raid led to one offender arrested.", [1]),
    ("One man was charged.", [1]),
    ("One of them was charged.", []),
    ("It led to at least one child safeguarded.", []),
    ("Police made just one arrest.", [1]),
    # a fraction of a scale
    ("Feedback covered about a quarter of a million reports.", [250000]),
    ("Analysts reviewed three quarters of a million images.", [750000]),
    ("A quarter of the reports were duplicates.", []),
    # "one" as the last member of a list by place, a part of the count before it, or a subject
    ("Nine were held in Lagos, two in Abuja and one in Kano.", [9, 2, 1]),
    ("Twelve girls, including one from Manila, were rescued.", [12, 1]),
    ("Most of them were fined. One was jailed for a year.", [1]),
    ("The unit is one of 26 agencies in Ontario.", [26]),
    ("Three victims were found: one in Europe, one in the USA and one in Russia.", [3]),
    ("He was one of three men in Texas to be arrested.", [3]),
    ("No one in Texas was charged.", []),
]


@pytest.mark.parametrize(("text", "values"), FORMS, ids=[t for t, _ in FORMS])
def test_number_forms(text: str, values: list[float]) -> None:
    from monitor.metrics.numbers import scan

    assert [n.value for n in scan(text).numbers] == values


def test_restated_figures_count_once() -> None:
    """ "The six suspects" after "arrested six suspects" is the same figure named again."""
    got = _found("Police arrested six suspects in May. The six suspects were arrested at "
                 "their homes in Leeds.")  # fmt: skip
    assert [(f, v) for f, v, _ in got] == [("arrests", 6)]
    got = _found("A search found more than 4,000 images. Experts reviewed the more than 4,000 "
                 "seized images.")  # fmt: skip
    assert [(f, v) for f, v, _ in got] == [("files", 4000)]
    got = _found("Police arrested 40 men in May. Twelve of the 40 men arrested were teachers.")
    assert sorted(v for f, v, _ in got if f == "arrests") == [12, 40], got  # the whole once
    # a first mention with "the" stays: it was not named before
    got = _found("Police arrested six suspects. The nine victims rescued were all girls.")
    assert ("children_identified", 9) in [(f, v) for f, v, _ in got]


def test_a_count_restated_against_people_is_not_counted_again() -> None:
    """ "... resulting in 2,196 charges against 232 offenders" after "charged 232 child sex
    offenders": the 232 named again, not a second figure."""
    got = _found(
        "Police have charged 232 offenders this year. The team's work resulted in 2,196 "
        "charges against 232 offenders."
    )
    assert [v for f, v, _ in got if f == "prosecutions"].count(232) == 1, got
