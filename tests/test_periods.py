"""The period of a figure, by class of wording (monitor/metrics/periods.py and its use in prose).

Every sentence here was written for this table (none is copied from the labelled real-passage
set): a class of wording is only fixed when varied sentences of it pass. Each row is
html -> the (family, value, period) figures that must be found, or a text -> the periods
(strings) it names.
"""

from __future__ import annotations

import pytest

from monitor.extract.html import extract_html
from monitor.metrics import find_metrics
from monitor.metrics.numbers import years_in
from monitor.metrics.periods import kind_of, shift

Want = list[tuple[str, float, str | None]]


def _found(html: str, title: str | None = None) -> set[tuple[str, float, str | None]]:
    doc = extract_html(f"<p>{html}</p>".replace("\n", "</p><p>").encode(), "https://e.org/")
    return {(m.family, m.value, m.period) for m in find_metrics(doc, title=title)}


def _check(html: str, want: Want, title: str | None = None) -> None:
    found = _found(html, title)
    for w in want:
        assert w in found, (w, found)


# round 4: the guide's decisions, in figures
GUIDE: list[tuple[str, Want]] = [
    ("By the end of 2021 the task force had arrested 412 people.",
     [("arrests", 412, "as of 2021-12-31")]),
    ("Since March 9, 2020, when schools closed, detectives have rescued 27 children.",
     [("children_identified", 27, "since 2020-03")]),
    ("During the 2022-2023 school year, police charged 19 staff members.",
     [("prosecutions", 19, "2022..2023")]),
    ("In FY 2020 (October 2019 – September 2020), the unit made 310 arrests.",
     [("arrests", 310, "FY2020")]),
    ("The 52 men arrested were charged under the Child Protection Act of 2012.",
     [("arrests", 52, None)]),
    # a long name of what was set up, before "set up in": the start of later counts too
    ("Since the joint federal and state online exploitation team was formed in 2009 it has "
     "made 410 arrests.", [("arrests", 410, "since 2009")]),
    ("Since the seven-person regional Censorship Compliance Unit was set up in 1998 it has "
     "opened 300 cases. To date 71 people have been convicted.",
     [("convictions", 71, "since 1998")]),
    ("Since the two-officer provincial internet child exploitation desk was created in 2006 it "
     "has opened 900 files. To date, 40 men have been charged.",
     [("prosecutions", 40, "since 2006")]),
    ("Deputies arrested 79 people in a May 2015 operation.", [("arrests", 79, "2015-05")]),
    ("In July–September 2023, officers arrested 52 suspects.", [("arrests", 52, "2023-Q3")]),
    ("The sweep ran during April and May 2017 and led to 80 arrests.",
     [("arrests", 80, "2017-04..2017-05")]),
]  # fmt: skip


# 1. Cumulative counts: from when the count began when the text says so, else "since
# inception"; "since 2001" after a change or a record is what the change is measured from.
CUMULATIVE: list[tuple[str, Want]] = [
    ("Since the unit was created in 2011, officers have arrested 930 people.",
     [("arrests", 930, "since 2011")]),
    ("Since being set up in 2009, the task force has made 1,210 arrests.",
     [("arrests", 1210, "since 2009")]),
    ("Since it began operating in March 2016, the centre has identified 480 children.",
     [("children_identified", 480, "since 2016-03")]),
    ("Since launching the service in June 2005, staff have forwarded tips that resulted in "
     "44 arrests.", [("arrests", 44, "since 2005-06")]),
    ("Since launching nationally, the tipline has received 61,000 reports resulting in over "
     "90 arrests.", [("reports", 61000, "since inception"), ("arrests", 90, "since inception")]),
    ("Since the start of the operation in 2019, 140 offenders have been arrested.",
     [("arrests", 140, "since 2019")]),
    # a beginning and a count that runs up to now
    ("Launched in May 2008, the initiative has led to 512 convictions.",
     [("convictions", 512, "since 2008-05")]),
    ("Established in 2003, the task force has arrested more than 7,000 offenders.",
     [("arrests", 7000, "since 2003")]),
    ("The unit, founded in 2012, has since charged 640 people.",
     [("prosecutions", 640, "since 2012")]),
    ("The scheme that was introduced by the Home Office in 2014 has produced 2,050 arrests "
     "to date.", [("arrests", 2050, "since 2014")]),
    # the start year said elsewhere: "set up in 2011 to ...", "a 2009 initiative"
    ("The squad is part of a 2009 initiative that has identified 310 children since its "
     "inception.", [("children_identified", 310, "since 2009")]),
    ("The hotline, set up in 2011 to take reports from the public, has received 58,000 "
     "reports to date.", [("reports", 58000, "since 2011")]),
    ("The programme was established in 2006 to protect children.\nTo date, officers have "
     "rescued 1,200 children through it.", [("children_identified", 1200, "since 2006")]),
    ("Their 2015 project has, to date, led to 85 convictions.",
     [("convictions", 85, "since 2015")]),
    # ... but a year naming an undertaking is its year when nothing counts up to now
    ("The 2022 campaign led to 40 arrests.", [("arrests", 40, "2022")]),
    # "since then", "in its history": from the year named before
    ("We started in 2001. Since then, our analysts have assessed 900,000 reports.",
     [("reports", 900000, "since 2001")]),
    ("In 2015 the helpline moved online. Since then it has received 72,000 reports.",
     [("reports", 72000, "since 2015")]),
    ("Back when we began, the figure was small. Since then, our analysts have assessed "
     "900,000 reports.", [("reports", 900000, "since inception")]),
    ("The Centre was set up in 2006. In its eight-year history it has safeguarded 2,400 "
     "children.", [("children_identified", 2400, "since 2006")]),
    ("Throughout its history, the unit has identified 1,700 victims.",
     [("children_identified", 1700, "since inception")]),
    ("Over its 20-year history, the tipline has received 1.2 million reports.",
     [("reports", 1200000, "since inception")]),
    ("Cumulatively, the project has led to 880 arrests.",
     [("arrests", 880, "since inception")]),
    # a stretch without a date inside a cumulative count: still cumulative
    ("The law came into force in July 2015. Since its enactment, 61 people have been charged.",
     [("prosecutions", 61, "since 2015-07")]),
    ("The new reporting duty took effect in January 2012. Since then, 300 reports have led to "
     "17 arrests.", [("arrests", 17, "since 2012-01")]),
    ("To date, 31 men have been charged during the six-week operation.",
     [("prosecutions", 31, "since inception")]),
    # since + a change or a record: a baseline, not the figure's period
    ("Calls rose 40 per cent since 2015, and 250 people were arrested.",
     [("arrests", 250, None)]),
    ("The number of tips has doubled since 2016; police arrested 75 men.",
     [("arrests", 75, None)]),
    ("Officers arrested 96 people, the highest total since 2012.", [("arrests", 96, None)]),
    ("In 2022 the unit arrested 87 people, a 30% increase since 2019.",
     [("arrests", 87, "2022")]),
    ("The squad has made a record 500 arrests since 2015.", [("arrests", 500, "since 2015")]),
    # a change in per cent measured on a year, or a share it is compared with: baselines
    ("In 2022 officers searched 140 homes. As a result they made 61 arrests, an increase of "
     "12 per cent on 2021.", [("arrests", 61, "2022")]),
    ("In 2023 analysts confirmed 5,100 reports of abuse (a rise from 61% in 2022).",
     [("reports", 5100, "2023")]),
    ("Last year police arrested 38 men, up almost a third from 20 per cent in 2019.",
     [("arrests", 38, None)]),
    # "to date" in a sentence that names its start; a start with "of" before the year; a
    # cumulative count after a time of no period
    ("Since 2021 the operations have led to 90 arrests and 14 convictions to date.",
     [("convictions", 14, "since 2021")]),
    ("Over 500 men have been arrested since the unit was created in May of 2011.",
     [("arrests", 500, "since 2011-05")]),
    ("In the last 12 months 40 children were safeguarded, while 900 offenders have been "
     "arrested since the unit was launched in March 2007.",
     [("arrests", 900, "since 2007-03")]),
    # "has since" after the year something began: cumulative from that year
    ("In 2021 the unit was formed. It has since arrested 140 people.",
     [("arrests", 140, "since 2021")]),
    ("The task force was set up in 2016 and has since rescued 45 children.",
     [("children_identified", 45, "since 2016")]),
]  # fmt: skip


# 2. As-of dates, and dates that are when something was said (never a period).
AS_OF: list[tuple[str, Want]] = [
    ("As of 2016, officers have made over 13,000 arrests.", [("arrests", 13000, "as of 2016")]),
    ("As of the end of June 2021, 77 suspects had been arrested.",
     [("arrests", 77, "as of 2021-06")]),
    ("As at 30 June 2022, 712 offenders had been charged.",
     [("prosecutions", 712, "as of 2022-06-30")]),
    ("On 12 May 2023 the ministry announced that 240 offenders were arrested.",
     [("arrests", 240, None)]),
    ("In a statement released in June 2022, police said 70 men were arrested.",
     [("arrests", 70, None)]),
    ("The figures, published in March 2021, show that 58 people were charged.",
     [("prosecutions", 58, None)]),
    ("Updated January 2024\nPolice arrested 61 people in a nationwide sweep.",
     [("arrests", 61, None)]),  # a page's stamp, not the period of what follows
    ("The report, released in 2021, found that 300 offenders had been arrested.",
     [("arrests", 300, None)]),
    ("In a 2019 interview, the chief said officers had arrested 300 offenders.",
     [("arrests", 300, None)]),
    ("As of 3/31/2021, the task forces had arrested 9,100 people.",
     [("arrests", 9100, "as of 2021-03-31")]),  # a US date
    ("By June 2018, the hotline had received 41,000 reports.",
     [("reports", 41000, "2018-01..2018-06")]),  # the year to date
    ("On October 6 the court convicted 4 men.", [("convictions", 4, None)]),
    ("At the end of March 2020, 95 people had been arrested.", [("arrests", 95, "as of 2020-03")]),
]  # fmt: skip


# 3. and 4. Fiscal years, quarters and months.
STRETCHES: list[tuple[str, Want]] = [
    # days of one month are that month, not a range from the month to itself
    ("The sweep ran from May 2nd through May 6th, 2019, and 64 men were arrested.",
     [("arrests", 64, "2019-05")]),
    ("From June 1 to June 30, 2020, officers charged 17 suspects.",
     [("prosecutions", 17, "2020-06")]),
    ("Between August 10 and August 24, 2016, 38 children were rescued by the unit.",
     [("children_identified", 38, "2016-08")]),
    ("During fiscal 2020, agents arrested 3,000 offenders.", [("arrests", 3000, "FY2020")]),
    ("In FY 19, investigators arrested 400 people.", [("arrests", 400, "FY2019")]),
    ("In the year 2012/2013, the centre safeguarded 700 children.",
     [("children_identified", 700, "FY2013")]),
    ("In the first three quarters of FY 2011, the task forces arrested 2,100 people.",
     [("arrests", 2100, "FY2011-Q1..FY2011-Q3")]),
    ("In the first two quarters of 2020, police arrested 330 suspects.",
     [("arrests", 330, "2020-Q1..2020-Q2")]),
    ("Over the last two quarters of fiscal year 2017, 45 children were identified.",
     [("children_identified", 45, "FY2017-Q3..FY2017-Q4")]),
    ("In the first quarter of fiscal year 2015, agents arrested 90 people.",
     [("arrests", 90, "FY2015-Q1")]),
    ("In the three months to March 2022, 130 people were arrested.",
     [("arrests", 130, "2022-01..2022-03")]),
    # twelve months to a month other than December: a fiscal year (GUIDE.md decides)
    ("In the 12 months to June 2023, police charged 900 offenders.",
     [("prosecutions", 900, "FY2023")]),
    ("In the year ending 31 March 2023, police recorded 3,100 arrests.",
     [("arrests", 3100, "FY2023")]),
    ("In the twelve months ending 30 September 2021, 84 children were safeguarded.",
     [("children_identified", 84, "FY2021")]),
    ("In the 12 months to December 2022, officers arrested 410 people.",
     [("arrests", 410, "2022")]),
    # a whole quarter named by its months is that quarter (a year to date stays months)
    ("Between April and June 2023, officers arrested 66 people.", [("arrests", 66, "2023-Q2")]),
    ("From 1 July to 30 September 2021, 40 children were identified.",
     [("children_identified", 40, "2021-Q3")]),
    ("In mid-2019, 31 suspects were arrested.", [("arrests", 31, "2019")]),
    ("In 1H 2021, 300 children were identified.",
     [("children_identified", 300, "2021-01..2021-06")]),
    ("During 2021 and 2022, detectives arrested 510 people.", [("arrests", 510, "2021..2022")]),
    ("In the first six months of 2019, officers arrested 210 men.",
     [("arrests", 210, "2019-01..2019-06")]),
    # a US federal fiscal year begins in October
    ("In the first five months of fiscal year 2016, agents arrested 830 offenders.",
     [("arrests", 830, "2015-10..2016-02")]),
    ("In the first two quarters of the 2022/23 financial year, police charged 300 offenders.",
     [("prosecutions", 300, "FY2023-Q1..FY2023-Q2")]),
    # a stretch of whole years, or of months from a beginning to an end
    ("Between 2010 and 2015, prosecutors charged 1,900 people.",
     [("prosecutions", 1900, "2010..2015")]),
    ("From 2011 through 2016, 4,400 children were identified.",
     [("children_identified", 4400, "2011..2016")]),
    ("From its launch in May 2010 to June 2015, the project identified 320 children.",
     [("children_identified", 320, "2010-05..2015-06")]),
    ("Over the last five years (2019-2023), police arrested 400 people.",
     [("arrests", 400, "2019..2023")]),
    ("In the five years to 2023, the unit identified 620 children.",
     [("children_identified", 620, "2019..2023")]),
    ("From 2019 to date, the task force has charged 210 offenders.",
     [("prosecutions", 210, "since 2019")]),
    ("In calendar 2023, the hotline received 9,100 reports.", [("reports", 9100, "2023")]),
]  # fmt: skip


# 5. What a sentence inherits, and what it does not: an undated stretch of its own ("last
# year", "the past 12 months", "a three-month operation") is no period, never the year of
# the sentence before nor the document's.
INHERIT: list[tuple[str, Want]] = [
    ("In 2021, police arrested 300 people. The unit also identified 45 children.",
     [("children_identified", 45, "2021")]),
    ("In 2021, police arrested 300 people. Last year, the unit identified 45 children.",
     [("arrests", 300, "2021"), ("children_identified", 45, None)]),
    ("In 2021, police arrested 300 people. This year, officers have already charged 60.",
     [("prosecutions", 60, None)]),
    ("In 2019, the unit was expanded. During a three-month operation, officers arrested 64 "
     "men.", [("arrests", 64, None)]),
    ("In 2019 the unit received 500 reports. Operation Alpha ran for three months and led to "
     "38 arrests.", [("arrests", 38, None)]),
    ("In FY2020, agents made 900 arrests. Within the first 10 days of the sweep, 71 of them "
     "were arrested.", [("arrests", 71, None)]),
    ("In 2018, 200 offenders were charged. The following year, 260 were charged.",
     [("prosecutions", 260, "2019")]),
    ("In 2020, the unit arrested 300 people. Two years earlier, it had arrested 180.",
     [("arrests", 300, "2020"), ("arrests", 180, "2018")]),
    ("In 2016, the task force was expanded. That same year, it identified 71 children.",
     [("children_identified", 71, "2016")]),
    ("In 2021 the unit grew. In the preceding 12 months, officers charged 64 men.",
     [("prosecutions", 64, None)]),
    ("In 2022, agents arrested 4,000 offenders, compared with 3,700 offenders the year before.",
     [("arrests", 4000, "2022"), ("arrests", 3700, "2021")]),
    ("In the 2023-24 financial year, the centre recorded 5,100 reports, a rise on the "
     "previous financial year's total of 4,800 reports.",
     [("reports", 5100, "FY2024"), ("reports", 4800, "FY2023")]),
    ("Between July 2022 and June 2023, the hotline received 9,400 reports, compared with "
     "8,000 reports in the same period the previous year.",
     [("reports", 9400, "2022-07..2023-06"), ("reports", 8000, "2021-07..2022-06")]),
    ("In Q2 2021 the unit made 60 arrests. Officers made 41 arrests in the same quarter a year "
     "earlier.", [("arrests", 60, "2021-Q2"), ("arrests", 41, "2020-Q2")]),
    ("When the team first started in 2010, it received 120 reports that year.",
     [("reports", 120, "2010")]),
    # two figures and two years, in order: "respectively", "in those years"
    ("Officers arrested 410 and 520 people in 2021 and 2022 respectively.",
     [("arrests", 410, "2021"), ("arrests", 520, "2022")]),
    ("Reports numbered 7,100 in 2020 and 8,300 in 2021, while police arrested 300 and 350 "
     "people in those years.", [("arrests", 300, "2020"), ("arrests", 350, "2021")]),
    ("Tips rose in 2016 and 2017. The task force arrested 77 and 93 people in the same years.",
     [("arrests", 77, "2016"), ("arrests", 93, "2017")]),
    ("The unit identified 45 victims and 61 victims in FY2018 and FY2019, respectively.",
     [("children_identified", 45, "FY2018"), ("children_identified", 61, "FY2019")]),
    # a month of the year named before; with no year known, none
    ("In 2018 the squad grew. In March, it arrested 14 suspects.", [("arrests", 14, "2018-03")]),
    ("In March, the squad arrested 14 suspects.", [("arrests", 14, None)]),
    # a time of its own nearer the figure than the year named before it
    ("In 2020-21 the unit identified 150 victims, and in the first nine months of this year "
     "it has identified 210 victims.",
     [("children_identified", 150, "FY2021"), ("children_identified", 210, None)]),
    ("In 2019 the team made 500 arrests; so far this year it has made 120 arrests.",
     [("arrests", 500, "2019"), ("arrests", 120, None)]),
    ("In 2020 the unit grew. Year to date, 55 arrests have been made.", [("arrests", 55, None)]),
    # the sentence's own time before the figure, not a year after it about something else
    ("On May 3 this year, a court convicted 4 men who had abused children in 2019.",
     [("convictions", 4, None)]),
    ("This year, the unit identified 45 children, compared with 30 in 2022.",
     [("children_identified", 45, None), ("children_identified", 30, "2022")]),
    ("In the past six months, officers arrested 28 people, most of them for offences committed "
     "in 2021.", [("arrests", 28, None)]),
    ("Officers arrested 28 people, most of them in 2021.", [("arrests", 28, "2021")]),
    ("In the third quarter, police arrested 90 people.", [("arrests", 90, None)]),
    # a month with no year after a month with one: that year
    ("In March 2023 the unit rescued 101 victims, which rose to 105 in April.",
     [("children_identified", 105, "2023-04")]),
]  # fmt: skip


# 6. Baselines: the year a change is measured from is never the figure's period.
BASELINES: list[tuple[str, Want]] = [
    ("The 2,000 arrests were double the 2019 total.", [("arrests", 2000, None)]),
    ("Police arrested 120 people, up 25% from 2022.", [("arrests", 120, None)]),
    ("Officers charged 410 men, twice the 2017 figure.", [("prosecutions", 410, None)]),
    # a year that comes with the count compared is not the figure's
    ("The force made 96 arrests, up from 70 in 2021.",
     [("arrests", 96, None), ("arrests", 70, "2021")]),
    ("Police rescued 120 victims in 2019, up from 53 victims in 2018.",
     [("children_identified", 120, "2019"), ("children_identified", 53, "2018")]),
]  # fmt: skip


# the title's period, as written ("2012-13" is a financial year), unless the sentence has
# an undated stretch of its own
TITLES: list[tuple[str, str, Want]] = [
    ("Annual Review 2012-13", "The unit arrested 70 offenders.", [("arrests", 70, "FY2013")]),
    ("Annual Report 2022", "The unit arrested 70 offenders.", [("arrests", 70, "2022")]),
    ("Annual Report 2022", "In the past 12 months, the unit arrested 70 offenders.",
     [("arrests", 70, None)]),
    # "this year", "last year": from the title's year when it names one
    ("FY2022 Annual Report", "This fiscal year, agents arrested 640 offenders.",
     [("arrests", 640, "FY2022")]),
    ("Annual Report 2021", "Last year, officers arrested 230 people.", [("arrests", 230, "2020")]),
    ("Annual Report 2022", "A year ago, the team arrested 95 people.", [("arrests", 95, "2021")]),
    ("Quarterly update 2023", "From Jan. 1 until March 31, officers arrested 66 people.",
     [("arrests", 66, "2023-Q1")]),
    ("Quarterly update 2023", "Between March and May, officers arrested 66 people.",
     [("arrests", 66, "2023-03..2023-05")]),
    # a quarter with no year: of the year known (of a fiscal year: that fiscal year's)
    ("FY2018 report", "In the first quarter, agents arrested 400 people.",
     [("arrests", 400, "FY2018-Q1")]),
    ("2023 review", "In the third quarter, police arrested 90 people.",
     [("arrests", 90, "2023-Q3")]),
    ("Annual Report 2021", "Q4 saw 81 arrests.", [("arrests", 81, "2021-Q4")]),
    # a sentence with no digit can still name the month of the ones after it
    ("Operation Safe Summer 2019", "The sweep ran during July.\nOfficers made 12 arrests.",
     [("arrests", 12, "2019-07")]),
    ("Annual Report 2021", "In the first quarter of this year, agents arrested 18 people.",
     [("arrests", 18, None)]),
    # a month in the text, the year in the title
    ("Operation Safe Summer 2019", "The sweep was carried out during the month of August "
     "across 40 cities.\nThe task force rescued three children and made 12 arrests.",
     [("children_identified", 3, "2019-08"), ("arrests", 12, "2019-08")]),
    # "this fiscal year" with the title's year: that fiscal year, not the calendar year
    ("Child exploitation unit results, 2019", "The unit made 212 arrests this fiscal year.",
     [("arrests", 212, "FY2019")]),
    ("Annual review 2021", "In the current financial year, officers identified 64 children.",
     [("children_identified", 64, "FY2021")]),
    ("Annual review 2021", "Last fiscal year the unit charged 140 people.",
     [("prosecutions", 140, "FY2020")]),
    ("Annual review 2021", "This year the unit charged 140 people.",
     [("prosecutions", 140, "2021")]),
]  # fmt: skip


# an operation's or statistics' span told in the next sentence of the same paragraph, for
# figures that named no period (or only an unanchored one: "the past year", "a five-day sting")
SPAN_AFTER: list[tuple[str, Want]] = [
    ("The task force charged 23 people after a five-day sting. The operation ran from May 4 to "
     "May 8, 2022, in six counties.", [("prosecutions", 23, "2022-05")]),
    ("There have been 40 arrests in the past year, the office said. Those statistics are "
     "from July 1, 2020 to June 30, 2021.", [("arrests", 40, "2020-07..2021-06")]),
    ("Agents rescued nine children. The initiative took place from 3 February to 28 March "
     "2024.", [("children_identified", 9, "2024-02..2024-03")]),
    # not about the operation, a year of its own, another paragraph: no span told
    ("Police arrested 12 men. The trial of one of them began in March 2021.",
     [("arrests", 12, None)]),
    ("Police arrested 12 men in 2020. The operation ran from May 4 to May 8, 2022.",
     [("arrests", 12, "2020")]),
    ("Police arrested 12 men.\nThe operation ran from May 4 to May 8, 2022.",
     [("arrests", 12, None)]),
]  # fmt: skip

_FIGURES = CUMULATIVE + AS_OF + STRETCHES + INHERIT + BASELINES + GUIDE + SPAN_AFTER


@pytest.mark.parametrize(("html", "want"), _FIGURES, ids=[h[:50] for h, _ in _FIGURES])
def test_the_period_of_a_figure(html: str, want: Want) -> None:
    _check(html, want)


@pytest.mark.parametrize(("title", "html", "want"), TITLES, ids=[t[1][:40] for t in TITLES])
def test_the_period_of_a_title(title: str, html: str, want: Want) -> None:
    _check(html, want, title)


# text -> the periods it names and their kinds
NAMED = [
    ("in the final quarter of fiscal year 2019", [("FY2019-Q4", "quarter")]),
    ("between 2019 and 2023", [("2019..2023", "partial")]),
    ("an increase in 2021-2023 compared to 2018-2020", []),  # spans of a comparison
    ("fiscal 2020", [("FY2020", "fiscal_year")]),
    ("Q1-Q3 2024", [("2024-Q1..2024-Q3", "partial")]),
    ("Q2 FY2024", [("FY2024-Q2", "quarter")]),
    ("FY2024 Q2", [("FY2024-Q2", "quarter")]),
    ("the year to March 2024", [("FY2024", "fiscal_year")]),
    # a fiscal year glossed by the months it ran, in a relative clause
    (
        "fiscal 2021, which ran from October 2020 through September 2021",
        [("FY2021", "fiscal_year")],
    ),
    ("FY 2019, which covered July 2018 to June 2019", [("FY2019", "fiscal_year")]),
    (
        "the 2023 financial year, which ran from April 2022 to March 2023",
        [("FY2023", "fiscal_year")],
    ),
    ("since the beginning of March 2020", [("since 2020-03", "cumulative")]),
    ("since the start of 2019", [("since 2019", "cumulative")]),
    ("as of 2016", [("as of 2016", "as_of")]),
    ("established in 2003, it has arrested", [("since 2003", "cumulative")]),
    ("established in 2003.", []),  # a beginning alone: when, not a period
    ("cases opened in 2021 led to", [("2021", "year")]),  # not a beginning of the count
    ("released in June 2022", []),
    ("up 14% since 2019", []),
    # round 4, the labelling guide's decisions
    ("by the end of 2019", [("as of 2019-12-31", "as_of")]),
    ("at the close of the year 2018", [("as of 2018-12-31", "as_of")]),
    ("by year-end 2020", [("as of 2020-12-31", "as_of")]),
    ("since 4 July 2018", [("since 2018-07", "cumulative")]),
    ("Since February 2, 2021,", [("since 2021-02", "cumulative")]),
    ("in the 2018-2019 school year", [("2018..2019", "partial")]),
    ("during the 2020/21 academic year", [("2020..2021", "partial")]),
    ("under the Child Protection Act of 2012", []),  # a law's name
    ("the Cybercrimes Act, 2016", []),
    ("In FY 2021 (October 2020 – September 2021)", [("FY2021", "fiscal_year")]),
    ("fiscal year 2019 (Oct. 1, 2018 to Sept. 30, 2019)", [("FY2019", "fiscal_year")]),
    # months of one year without "from" or "between"; a month as an adjective
    ("(July–September 2023)", [("2023-Q3", "quarter")]),
    ("during April and May 2017", [("2017-04..2017-05", "partial")]),
    ("October to December 2019", [("2019-Q4", "quarter")]),
    ("in a May 2015 operation", [("2015-05", "partial")]),
    ("the first week of October 2015", [("2015-10", "partial")]),
    ("a March 2020 sting", [("2020-03", "partial")]),
    # a beginning named with more words
    ("in the five years since CEOP was first set up", [("since inception", "cumulative")]),
    ("since the task force was first formed", [("since inception", "cumulative")]),
    (
        "since the passage of the Justice for Victims of Trafficking Act in 2015",
        [("since 2015", "cumulative")],
    ),
    (
        "since the launch of the national online child protection strategy in 2011",
        [("since 2011", "cumulative")],
    ),
]


@pytest.mark.parametrize(("text", "want"), NAMED, ids=[t for t, _ in NAMED])
def test_periods_named(text: str, want: list[tuple[str, str]]) -> None:
    assert [(y.year, kind_of(y.year)) for y in years_in(text)] == want


@pytest.mark.parametrize(
    ("period", "offset", "want"),
    [
        ("FY2023", -1, "FY2022"),
        ("2023-04..2024-03", -1, "2022-04..2023-03"),
        ("2024-Q3", 1, "2025-Q3"),
        ("FY2009-Q1..FY2009-Q3", -1, "FY2008-Q1..FY2008-Q3"),
        ("since 2003", -1, None),
    ],
)
def test_shift(period: str, offset: int, want: str | None) -> None:
    assert shift(period, offset) == want


def test_a_heading_in_a_listing_gives_its_period() -> None:
    """ "All-time totals:" between two runs of caption: figure lines starts a run of its own
    (it used to be read as the wrapped label of the line before, under the first heading)."""
    html = (
        "<p>Our work.</p><p>2022 results:</p><p>Children safeguarded: 812</p>"
        "<p>Hours of training: 90</p><p>All-time totals:</p><p>Children safeguarded: 9,310</p>"
        "<p>Partner agencies: 75</p>"
    )
    doc = extract_html(html.encode(), "https://e.org/")
    found = {(m.family, m.value, m.period) for m in find_metrics(doc)}
    assert ("children_identified", 812, "2022") in found
    assert ("children_identified", 9310, "since inception") in found


def test_a_cumulative_column_of_a_table() -> None:
    """A column headed "Cumulative" (no digit in it) is a cumulative period, not the year of
    the column before."""
    html = (
        "<table><tr><th>Outcome</th><th>2023</th><th>Cumulative</th></tr>"
        "<tr><td>Arrests</td><td>120</td><td>1,935</td></tr></table>"
    )
    found = {(m.family, m.value, m.period) for m in find_metrics(extract_html(html.encode(), "x"))}
    assert {("arrests", 120, "2023"), ("arrests", 1935, "since inception")} <= found
