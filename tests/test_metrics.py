"""Unit tests of the metric stage: numbers as written, periods, compare_metrics, format_value.

The corpus (tests/test_metrics_corpus.py) covers whole documents; these pin the small parts.
"""

from __future__ import annotations

import pytest

from monitor.extract.html import extract_html
from monitor.metrics import MetricChange, compare_metrics, find_metrics, format_value
from monitor.metrics.numbers import join_split_numbers, scan, years_in
from monitor.model import Extracted, Metric

C, P = "count", "percent"

# text -> the figures read from it: (value, unit, qualifier). An empty list: no figure at all.
NUMBERS: list[tuple[str, list[tuple[float, str, str | None]]]] = [
    ("1,234", [(1234, C, None)]),
    ("36,210,368", [(36210368, C, None)]),
    ("36.2 million", [(36_200_000, C, None)]),
    ("20.5M", [(20_500_000, C, None)]),
    ("1.1 billion", [(1_100_000_000, C, None)]),
    ("3 thousand", [(3000, C, None)]),
    ("more than 100,000", [(100_000, C, "more than")]),
    ("nearly 2,000", [(2000, C, "nearly")]),
    ("100,000+", [(100_000, C, "more than")]),
    ("2%", [(2, P, None)]),
    ("4.5%", [(4.5, P, None)]),
    ("45 percent", [(45, P, None)]),
    ("36.2 million.2", [(36_200_000, C, None)]),  # footnote 2 after the full stop
    ("24,768,90\n3", [(24_768_903, C, None)]),  # cut across lines by PDF extraction
    ("it received over\n2\n32 million", [(2, C, "over"), (32_000_000, C, None)]),
    ("785.322 reports", [(785_322, C, None)]),  # a European thousands separator
    ("1.234.567", [(1_234_567, C, None)]),
    ("2.5 million", [(2_500_000, C, None)]),  # a decimal before a scale stays one
    ("arrests1,234 in", [(1234, C, None)]),  # glued to the word before by PDF extraction
    ("Thirty-one people", [(31, C, None)]),  # in words (text2num)
    ("nearly ten thousand", [(10_000, C, "nearly")]),
    ("half a million", [(500_000, C, None)]),
    ("nine of 10 defendants", []),  # a ratio
    ("3 out of 4 offenders", []),
    ("Four of the 25 were charged", [(4, C, None)]),  # a part of a whole named before
    ("Police charged 14 of the 60 suspects", [(14, C, None)]),
    ("two of the five children", [(2, C, None)]),
    ("31% of the 2,500 tips", [(31, P, None), (2500, C, None)]),  # a share names its whole
    ("six in 2016, two in 2013", [(6, C, None), (2, C, None)]),  # a year is no ratio
    ("Since April 46 people", [(46, C, None)]),  # no month has a 46th day
    ("from May 20 to June 23", []),
    ("on 3 March and 31 May", []),
    ("7,87,810 contents", [(787_810, C, None)]),  # South Asian grouping
    ("over 5.5 lakh images", [(550_000, C, "over")]),
    ("2 crore rupees", [(20_000_000, C, None)]),
    ("1,23,45,678 reports", [(12_345_678, C, None)]),
    ("one count of possession", [(1, C, None)]),  # "one" before what is counted
    ("charged one youth", [(1, C, None)]),
    ("arresting one 20-year-old man", [(1, C, None)]),
    ("one of the largest", []),
    ("on counts 1, 2, 6 and 31 to 380", []),  # the counts of an indictment, by number
    ("Act 51 of 1977", []),
    ("s24B(1)(a)", []),
    ("3 (three) years", [(3, C, None)]),  # the figure's own words are no second figure
    ("18 644 contraventions", [(18_644, C, None)]),
    ("two dozen people", [(24, C, None)]),
    ("from Nansana East 2B after", []),  # an address's code, not 2 billion
    ("Facebook 20M reports", [(20_000_000, C, None)]),
    ("-", []),
    ("2024", []),  # a year
    ("CY 20229", []),  # CY 2022 with footnote 9
    ("FY2024", []),
    ("1-800-843-5678", []),
    ("1-800-THE-LOST", []),
    ("(703) 224-2150", []),
    ("18 U.S.C. 2258A", []),
    ("18 USC 2258A", []),
    ("§ 2258A(c)", []),
    ("section 2251, 2251A, 2252, or 2260", []),
    ("Public Law 117-103", []),
    ("page 12", []),
    ("pp. 14-15", []),
    ("Section 4", []),
    ("Table 3", []),
    ("March 5, 2024", []),
    ("12/31/2023", []),
    ("2024-06-30", []),
    ("Location3", []),
    ("ICACs1", []),
    ("providers1 (ESPs)", []),
    ("(1)", []),
    ("6-year-old", []),
    ("COVID-19", []),
    ("MD5", []),
    ("$5 million", []),
    ("1 in 10", []),
    ("rose 14%", []),
    ("a 12% increase", []),
    ("https://report.cybertip.org/2024/1234", []),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS, ids=[t for t, _ in NUMBERS])
def test_numbers_as_written(text: str, expected: list[tuple[float, str, str | None]]) -> None:
    got = [(n.value, n.unit, n.qualifier) for n in scan(join_split_numbers(text)).numbers]
    assert got == expected


# text -> the periods it names. A fiscal or financial year is named by the year it ends
# (DESIGN: "FY2021"); cumulative and as-of periods are periods of their own.
PERIODS = [
    ("in 2024", ["2024"]),
    ("CY 2023", ["2023"]),
    ("CY2023 (1/1/23-12/31/23)", ["2023"]),
    ("calendar year 2024", ["2024"]),
    ("FY2024 and FY 24", ["FY2024", "FY2024"]),
    ("the 2021 fiscal year", ["FY2021"]),
    ("FY 2019", ["FY2019"]),
    ("the 2021-22 financial year", ["FY2022"]),
    ("in 2009/10", ["FY2010"]),
    ("FY2021-22", ["FY2022"]),
    ("2024 CyberTipline Report", ["2024"]),
    ("CY 20229", ["2022"]),
    ("As of December 31, 2023", ["as of 2023-12-31"]),
    ("as of March 1, 2010", ["as of 2010-03-01"]),
    ("since 1998", ["since 1998"]),  # cumulative: a period of its own, not the year 1998
    ("since its inception", ["since inception"]),
    ("Q3 2024", ["2024-Q3"]),
    ("the third quarter of 2023", ["2023-Q3"]),
    ("the first half of 2024", ["2024-01..2024-06"]),  # partial: a range of months
    ("Between April 2023 and March 2024", ["2023-04..2024-03"]),
    ("through November of 2011", ["2011-01..2011-11"]),
    ("since April 2013", ["since 2013-04"]),
    ("since its inception in September 2018", ["since 2018-09"]),  # the month as written
    ("in the 2019 budget year", ["FY2019"]),
    ("on March 13, 2009", []),  # a date: when something happened, not a period
    ("2,024 arrests", []),
    ("police laid 2032 charges", []),  # a count before its noun, not a year
    ("up 25% from 2022", []),  # a baseline: what a change is measured from
    ("between 2019-2023", ["2019..2023"]),  # several whole years: a stretch of them
]


@pytest.mark.parametrize(("text", "years"), PERIODS, ids=[t for t, _ in PERIODS])
def test_periods(text: str, years: list[str]) -> None:
    assert [y.year for y in years_in(text)] == years


def _m(label: str, value: float, **kw: object) -> Metric:
    base: dict[str, object] = dict(
        family="arrests", label=label, period="2024", value=value, unit="count", page=3,
        context=f"{label}: {value}",
    )  # fmt: skip
    base.update(kw)
    return Metric(**base)  # type: ignore[arg-type]


def test_compare_metrics_figure_by_figure() -> None:
    old = [_m("icacs", 100), _m("local", 5), _m("gone", 7)]
    new = [
        _m("icacs", 120),  # changed value
        _m("local", 5, page=9, context="moved to another page and sentence"),  # not a change
        _m("federal", 3),  # appeared
    ]
    changes = compare_metrics(old, new)
    assert changes == [
        MetricChange("metric_changed", old[0], new[0]),
        MetricChange("metric_appeared", None, new[2]),
        MetricChange("metric_removed", old[2], None),
    ]


def test_compare_metrics_unit_and_period() -> None:
    old = [_m("icacs", 4.5, unit="percent"), _m("icacs", 10, period="2023")]
    new = [_m("icacs", 4.5), _m("other", 10, period="2024")]
    kinds = [c.kind for c in compare_metrics(old, new)]
    assert kinds == ["metric_changed", "metric_appeared", "metric_removed"]
    assert compare_metrics(new, new) == []
    assert compare_metrics([], []) == []


FORMATS = [
    (_m("a", 1234), "1,234"),
    (_m("a", 36_200_000), "36,200,000"),
    (_m("a", 4.5, unit="percent"), "4.5%"),
    (_m("a", 2, unit="percent"), "2%"),
    (_m("a", 100_000, qualifier="more than"), "more than 100,000"),
    (_m("a", 0), "0"),
]


@pytest.mark.parametrize(("metric", "text"), FORMATS, ids=[t for _, t in FORMATS])
def test_format_value(metric: Metric, text: str) -> None:
    assert format_value(metric) == text


def test_find_metrics_api_properties() -> None:
    html = b"""<h2>2024 outcomes</h2>
    <p>In 2024, CyberTipline reports led to 1,234 arrests. In 2024, reports led to 1,234
    arrests.</p>
    <table><tr><th>Outcome</th><th>2023</th><th>2024</th></tr>
    <tr><td>Convictions</td><td>588</td><td>612</td></tr></table>"""
    doc = extract_html(html, "https://example.org/outcomes")
    first = find_metrics(doc, url="https://example.org/outcomes")
    assert first == find_metrics(doc, url="https://example.org/outcomes")  # deterministic
    assert len({m.key for m in first}) == len(first)  # unique by key
    assert all(m.page is None and len(m.context) <= 300 for m in first)
    got = {(m.family, m.period, m.value) for m in first}
    assert got == {("arrests", "2024", 1234), ("convictions", "2023", 588),
                   ("convictions", "2024", 612)}  # fmt: skip


def test_find_metrics_uses_title_and_url_for_the_period() -> None:
    doc = Extracted(kind="pdf", pages=["4,120\narrests reported by law enforcement"])
    url = "https://www.missingkids.org/content/dam/missingkids/pdfs/2024-reports-by-esp.pdf"
    (m,) = find_metrics(doc, url=url)
    assert (m.family, m.period, m.value, m.page) == ("arrests", "2024", 4120, 1)
    (m,) = find_metrics(doc, title="CY 2023 Report to the Committees on Appropriations")
    assert m.period == "2023"
    (m,) = find_metrics(doc)
    assert m.period is None


def test_find_metrics_on_an_empty_document() -> None:
    assert find_metrics(Extracted(kind="pdf", pages=[])) == []
    assert find_metrics(Extracted(kind="html", pages=[""])) == []


def test_find_metrics_survives_odd_tables_and_text() -> None:
    """Whatever extraction hands over, the metric stage returns figures, never an exception."""
    from monitor.model import Table

    tables = [
        Table(page=1, rows=[]),
        Table(page=1, rows=[[], [""], ["Arrests", "1,234", "Total: x"]]),
        Table(page=1, rows=[["CY 2024"], ["-", "–"], ["Convictions", "24,768,90\n3", "+5%"]]),
        Table(page=2, rows=[["Arrests\nConvictions", "12\n3\n4"]]),
    ]
    pages = ["1-800-843-5678\n\n§\n(\n4,120\n", "", "Total: 3 Informational:\n2024 2025 2026"]
    got = find_metrics(Extracted(kind="pdf", pages=pages, tables=tables), url="2024.pdf")
    assert len({m.key for m in got}) == len(got)
    assert ("arrests", 1234.0) in {(m.family, m.value) for m in got}


# The sentence class this project exists for: a count of reports (tips, referrals...) that an
# outcome followed. Each must be `arrests` (or the outcome named), labelled with what was
# counted; a negated one is no figure at all.
MISSION = [
    ("Of those, 1,234 reports were marked as having led to an arrest.", "reports"),
    ("1,234 reports led to arrests.", "reports"),
    ("1,234 CyberTipline reports resulted in an arrest.", "cybertipline reports"),
    ("There were 1,234 referrals resulting in an arrest.", "referrals"),
    ("1,234 tips were marked as having produced an arrest.", "tips"),
    ("Law enforcement flagged 1,234 reports as leading to an arrest.", "reports"),
    ("1,234 of the reports concerned were flagged as arrest.", "reports concerned"),
    ("1,234 reports that led to an arrest were closed.", "reports"),
    ("1,234 reports have subsequently led to the arrest of a suspect.", "reports"),
    ("Agencies reported an arrest as the case status on 1,234 CyberTipline reports.",
     "cybertipline reports"),
    ("Only 3% of the reports were marked as producing an arrest, or 1,234 reports in total.",
     "reports"),
    ("Since 1998, CyberTipline reports have led to the arrest of nearly 1,234 offenders.", None),
    # a modifier phrase without a finite verb between the counted noun and the relation
    ("1,234 CyberTipline reports made available to ICAC task forces during 2024 led to an "
     "arrest.", "cybertipline reports"),
    ("1,234 referrals sent to local police that year were flagged as resulting in arrests.",
     "referrals"),
    ("Of those, 1,234 reports forwarded to law enforcement in CY 2023 were marked as having led "
     "to an arrest.", "reports"),
    ("1,234 tips submitted by the public over the summer ultimately resulted in an arrest.",
     "tips"),
    # "N of them": a count of the reports named before
    ("The unit forwarded 9,870 reports to police. Arrests were recorded in 1,234 of them.",
     "reports"),
    ("The unit forwarded 9,870 tips to police. 1,234 of them led to an arrest.", "tips"),
    # the outcome named as a cause, and where the mark was made
    ("1,234 reports were marked in the case-status field as the cause of an arrest.", "reports"),
    ("1,234 CyberTipline reports were recorded by detectives as the source of an arrest.",
     "cybertipline reports"),
    ("1,234 tips later prompted an arrest.", "tips"),
    ("1,234 referrals were flagged on the portal as having triggered arrests.", "referrals"),
    ("1,234 reports gave rise to an arrest.", "reports"),
    # no noun after the figure: what it counts was named before it
    ("Of the CyberTipline reports sent to the task force, 1,234 were later marked as the cause "
     "of an arrest.", "cybertipline reports"),
    ("Of the tips the unit received, 1,234 resulted in an arrest.", "tips"),
    # the outcome as the report's status, or recorded against the reports
    ("Agencies marked 1,234 reports with the status Arrest.", "reports"),
    ('Agencies marked 1,234 reports with a case status of "Arrest".', "reports"),
    ("1,234 tips carried the status Arrest.", "tips"),
    ("1,234 reports were given the outcome Arrest by the agencies.", "reports"),
    ("An arrest was the outcome for 1,234 of the reports NCMEC made available.", "reports"),
    ("Arrests were recorded against 1,234 of the reports NCMEC made available.", "reports"),
    ("1,234 tips carried an arrest disposition.", "tips"),
    ("1,234 reports with an arrest status were closed.", "reports"),
    # closed by the outcome, tied to it, or the outcome coming out of the reports
    ("1,234 reports were closed by arrest.", "reports"),
    ("1,234 CyberTipline reports ended with an arrest.", "cybertipline reports"),
    ("1,234 tips were resolved through arrest.", "tips"),
    ("1,234 referrals were tied to an arrest.", "referrals"),
    ("An arrest resulted from 1,234 of the reports.", "reports"),
    ("Arrests stemmed from 1,234 tips.", "tips"),
    ("Arrests were made in connection with 1,234 reports.", "reports"),
    ("Police made arrests on 1,234 of the referrals.", "referrals"),
    # round 9's two misses of this class, in other words: an adverb ("afterwards") before the
    # mark, and a clause saying where the reports came from ("they had been sent")
    ("Of the referrals the unit received, 1,234 were afterwards noted on the case file as "
     "having produced an arrest.", "referrals"),
    ("Forces flagged 1,234 of the packages they had been sent as leading to the arrest of a "
     "suspect.", "packages"),
    ("Agencies marked 1,234 reports they were sent as leading to an arrest.", "reports"),
    # a disposition quoted as the case system writes it (round 8's one miss of this class)
    ('Investigators closed 1,234 reports with a disposition of "suspect arrested".', "reports"),
    ("1,234 tips were given the status 'offender arrested'.", "tips"),
    # an adverb inside the relation, the arrested person named by a possessive, an arrest
    # confirmed or logged on the reports
    ("Agencies said 1,234 referrals had led directly to arrests.", "referrals"),
    ("1,234 reports ended in the suspect's arrest.", "reports"),
    ("1,234 tips ended in their arrest.", "tips"),
    ("Officers confirmed an arrest on 1,234 of the tips.", "tips"),
    ("Police logged an arrest on 1,234 of the reports.", "reports"),
    # rounds 10 and 11's misses of this class, in other words (development after their
    # score): logged or coded as the outcome, the outcome as a clause ("someone being taken
    # into custody"), two outcomes joined
    ("1,234 tips sent to the unit were logged as the trigger for an arrest.", "tips"),
    ("1,234 referrals were coded with the case status 'Arrest'.", "referrals"),
    ("1,234 reports handled that year ended with someone being taken into custody.", "reports"),
    ("1,234 of the tips were later marked as having led to charges and an arrest.", "tips"),
    # written for this session's battery: followed by the outcome, of help to it, the outcome
    # as what the reports had, "so far" inside the relation
    ("1,234 reports were followed by an arrest.", "reports"),
    ("1,234 reports had an arrest as their outcome.", "reports"),
    ("1,234 of the referrals have so far led to arrests.", "referrals"),
    ("1,234 reports helped police make an arrest.", "reports"),
    ("1,234 tips were instrumental in an arrest.", "tips"),
    ("Police reported arrests arising from 1,234 reports.", "reports"),
    ("1,234 reports were escalated and resulted in arrests.", "reports"),
    ("1,234 CyberTipline reports were deemed to have led to arrests.", "cybertipline reports"),
    ("1,234 reports were actioned, resulting in an arrest.", "reports"),
    # round 13's one miss of this class, in other words (development after its score)
    ("1,234 tips were flagged in feedback as the starting point of an arrest.", "tips"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "counted"), MISSION, ids=[s for s, _ in MISSION])
def test_the_mission_sentence_class_is_arrests(sentence: str, counted: str | None) -> None:
    found = find_metrics(extract_html(f"<p>In 2023: {sentence}</p>".encode(), "https://e.org/"))
    of_it = [m for m in found if m.value == 1234]
    [m] = [m for m in of_it if m.family == "arrests"]  # one arrests figure (and maybe charges)
    assert {x.family for x in of_it} <= {"arrests", "prosecutions"}
    if counted:
        assert m.label == f"{counted} leading to arrests"


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2023, 1,234 tips did not result in an arrest.",
        "1,234 reports never led to an arrest.",
        "1,234 reports were not marked as leading to an arrest.",
        "1,234 reports received in 2023 did not lead to an arrest.",
        "1,234 reports were not marked in the case-status field as the cause of an arrest.",
        "1,234 tips never prompted an arrest.",
        "1,234 referrals sent to police that year were never marked as producing an arrest.",
        "The unit forwarded 9,870 reports. No arrests were recorded in 1,234 of them.",
        # a modifier with its own finite verb is a clause: the relation is not the figure's
        "1,234 reports received from police who were told of an arrest were closed.",
        "Agencies marked 1,234 reports with the status Closed, and none with Arrest.",
        "No arrests were recorded against 1,234 of the reports NCMEC made available.",
        "Of the reports referred to police, 1,234 produced no arrest.",
        "In 2023, 1,234 tips led to no arrests.",
        "1,234 reports carried an arrest warrant.",  # a warrant, not an outcome
        "1,234 reports were closed with no arrest.",
        "No arrests resulted from 1,234 reports.",
        "Arrests resulted from 1,234 operations.",  # the outcome's source, not reports
        'Investigators closed 1,234 reports with a disposition of "no suspect arrested".',
        "Police recorded an arrest in 1,234 operations.",  # not reports
        "1,234 reports were logged as the cause of no arrest.",
        "1,234 tips never ended with anyone being taken into custody.",
        "None of the 1,234 reports forwarded in 2023 resulted in an arrest.",
        "Not one of the 1,234 leads has so far been marked as leading to an arrest.",
        "1,234 reports did not help police make an arrest.",
        "1,234 reports were reviewed and closed, and 12 led to an arrest.",
    ],
)
def test_a_negated_outcome_is_no_figure(sentence: str) -> None:
    found = find_metrics(extract_html(f"<p>{sentence}</p>".encode(), "https://e.org/"))
    assert not [m for m in found if m.value == 1234 and m.family == "arrests"]


# Classes of figure the finder used to miss, in sentences written for this table (not the
# real-passage set): html -> (family, value, period) that must all be found.
_CLASSES: list[tuple[str, list[tuple[str, float, str | None]]]] = [
    # a list with the count in parentheses after each name: the list's family, per item
    ("<p>Districts with the most convictions in 2021:\nOhio (61)\nUtah (48)\nNew Mexico (12)</p>",
     [("convictions", 61, "2021"), ("convictions", 48, "2021"), ("convictions", 12, "2021")]),
    ("<p>In 2020, the regions with most arrests were Kent (58), Essex (40) and Surrey (35).</p>",
     [("arrests", 58, "2020"), ("arrests", 40, "2020"), ("arrests", 35, "2020")]),
    # coordinated subjects sharing one passive verb: each conjunct by its own noun
    ("<p>By 2019, more than 4,100 children and 950 traffickers had been identified.</p>",
     [("children_identified", 4100, "2019")]),
    # a change "from A to B": both values of the number named before, the years in order
    # (from the sentence before when this one names none)
    ("<p>From 2016 to 2021, the number of offenders referred to federal prosecutors rose by "
     "a third, from 1,230 to 1,644 offenders. The number of people convicted grew in the same "
     "years, from 702 to 1,019 cases.</p>",
     [("prosecutions", 1230, "2016"), ("prosecutions", 1644, "2021"),
      ("convictions", 702, "2016"), ("convictions", 1019, "2021")]),
    # two figures of the page that would share one identity: the second is named by its noun
    # (it used to be dropped as a duplicate)
    ("<p>Since 2019 the unit has achieved:\nRescuing 310 children;\nIdentifying 95 victims "
     "abroad;\nCharging 40 suspects with 212 offences;</p>",
     [("children_identified", 310, "since 2019"), ("children_identified", 95, "since 2019"),
      ("prosecutions", 40, "since 2019"), ("prosecutions", 212, "since 2019")]),
    # "a total of N" after parts of it: the total, never dropped as the last part's duplicate
    ("<p>In 2022, police forces made 4,210 arrests for grooming and 1,090 arrests for "
     "possession, a total of 5,300.</p>",
     [("arrests", 4210, "2022"), ("arrests", 1090, "2022"), ("arrests", 5300, "2022")]),
    # a figure whose verb is left out takes the one before's ("..., 12 with possession")
    ("<p>In 2021, 40 men were charged with grooming, 12 with possession, and 3 for "
     "distribution.</p>",
     [("prosecutions", 40, "2021"), ("prosecutions", 12, "2021"), ("prosecutions", 3, "2021")]),
    # "in that period" is the last stretch of time named (a fiscal year), not a year named in
    # passing in between
    ("<p>In the 2019-20 financial year, the unit assessed 8,100 reports. Its work began in "
     "2014 with a staff of four. Police arrested 412 people in that period.</p>",
     [("arrests", 412, "FY2020")]),
    # a count of reports with a modifier before its outcome relation: "in that quarter" is the
    # quarter the sentence before named
    ("<p>In Q3 2022 the unit cleared its backlog. Forty-one tips passed to the police in that "
     "quarter were flagged as having led to an arrest.</p>",
     [("arrests", 41, "2022-Q3")]),
    # reports passed on to police abroad, or a caption line with its figure after a colon
    ("<p>Tips sent on to a law enforcement agency in the country concerned: 7,450\n"
     "tips actioned overseas: 2,210</p>",
     [("referrals", 7450, None), ("referrals", 2210, None)]),
    # feedback by its other names, counted in the reports it came back on
    ("<p>In 2025, task forces sent back outcome notices on 4,410 CyberTipline reports.</p>",
     [("law_enforcement_feedback", 4410, "2025")]),
    ("<p>During 2024, agencies returned case-status information on 915 of the referrals they "
     "received.</p>", [("law_enforcement_feedback", 915, "2024")]),
    ("<p>In 2023 investigators logged an outcome against 3,120 referrals.</p>",
     [("law_enforcement_feedback", 3120, "2023")]),
    # ... and what is sent back under no name of its own, also on reports described as referred
    ("<p>In 2024, partner agencies reported back on 2,760 of the CyberTipline reports they "
     "were sent.</p>", [("law_enforcement_feedback", 2760, "2024")]),
    ("<p>During 2023, sheriffs' offices entered investigative results for 1,085 reports.</p>",
     [("law_enforcement_feedback", 1085, "2023")]),
    ("<p>In 2022, local departments recorded a case status against 640 referred reports.</p>",
     [("law_enforcement_feedback", 640, "2022")]),
    ("<p>In 2021, federal agencies provided feedback relating to some 9,300 CyberTipline "
     "reports.</p>", [("law_enforcement_feedback", 9300, "2021")]),
    ("<p>In 2020, state police sent back results on just 77 reports.</p>",
     [("law_enforcement_feedback", 77, "2020")]),
    # ... or told as what became of the reports
    ("<p>In 2023, investigators updated the status of 12,400 reports.</p>",
     [("law_enforcement_feedback", 12400, "2023")]),
    ("<p>In 2023, NCMEC was informed of the outcome of 12,400 reports.</p>",
     [("law_enforcement_feedback", 12400, "2023")]),
    ("<p>In 2023, police told NCMEC what happened with 12,400 reports.</p>",
     [("law_enforcement_feedback", 12400, "2023")]),
    ("<p>In 2023, agencies closed the loop on 12,400 reports.</p>",
     [("law_enforcement_feedback", 12400, "2023")]),
    # outcome or status forms, returns and details (round 9's misses, in other words)
    ("<p>In 2024, state agencies returned 5,120 case-outcome forms on CyberTipline "
     "reports.</p>", [("law_enforcement_feedback", 5120, "2024")]),
    ("<p>In 2024 the unit sent case-status returns for 870 of the referrals it received.</p>",
     [("law_enforcement_feedback", 870, "2024")]),
    ("<p>In 2024, local police answered with outcome details on 64 reports.</p>",
     [("law_enforcement_feedback", 64, "2024")]),
    # updates given, outcomes responded with, outcome data returned
    ("<p>In 2022, task forces gave NCMEC updates on 1,150 CyberTipline reports.</p>",
     [("law_enforcement_feedback", 1150, "2022")]),
    ("<p>Between April and June 2023, police responded with outcomes on 610 tips.</p>",
     [("law_enforcement_feedback", 610, "2023-Q2")]),
    ("<p>In 2023, outcome data was returned on nearly 11,000 reports.</p>",
     [("law_enforcement_feedback", 11000, "2023")]),
    # reports that came back with feedback, an update on the case given, outcomes shared
    ("<p>Of the 5,000 reports sent to the task force in 2020, 1,200 received a response "
     "describing the investigative outcome.</p>", [("law_enforcement_feedback", 1200, "2020")]),
    ("<p>In 2023, 14,500 reports came back with a disposition from law enforcement.</p>",
     [("law_enforcement_feedback", 14500, "2023")]),
    ("<p>Investigators provided an update on the investigation for 2,300 tips in 2022.</p>",
     [("law_enforcement_feedback", 2300, "2022")]),
    ("<p>Task forces shared investigative outcomes on 4,400 CyberTips during FY2021.</p>",
     [("law_enforcement_feedback", 4400, "FY2021")]),
    # whatever the police send back is called (a code, a note, a reply, a field), it is a
    # result or a status sent "on" the reports (development after rounds 10-11's score)
    ("<p>In 2024, regional units sent back status codes on 2,318 of the packages they "
     "received.</p>", [("law_enforcement_feedback", 2318, "2024")]),
    ("<p>In 2023, partner forces filed result notes on 512 reports, and international "
     "partners on a further 61,090.</p>",
     [("law_enforcement_feedback", 512, "2023"), ("law_enforcement_feedback", 61090, "2023")]),
    ("<p>In FY2023, local police completed the case status field for just 19 of the reports "
     "made available to them.</p>", [("law_enforcement_feedback", 19, "FY2023")]),
    ("<p>In 2024 the hotline received outcome replies from police on 4,977 of the reports it "
     "forwarded.</p>", [("law_enforcement_feedback", 4977, "2024")]),
    # a cumulative count at a date named in the sentence is as of that date; feedback from
    # someone on a cumulative total; a baseline over the whole of a year (development after
    # round 12's score)
    ("<p>As of 31 December 2023, the Center held feedback from law enforcement on a "
     "cumulative total of 2,604,118 CyberTipline reports.</p>",
     [("law_enforcement_feedback", 2604118, "as of 2023-12-31")]),
    ("<p>Police made 27 arrests in 2023, down from 91 in the whole of 2021.</p>",
     [("arrests", 27, "2023"), ("arrests", 91, "2021")]),
    # a change is no count, and the level it reached reads back past it
    ("<p>Arrests rose by 32 to 412 in 2023.</p>", [("arrests", 412, "2023")]),
    ("<p>Convictions in 2022 fell by 12 to 88.</p>", [("convictions", 88, "2022")]),
    # the year opening a bracketed comparison is the bracket's count's, not the figure's
    ("<p>In 2023 the unit made 412 arrests (2022: 380).</p>",
     [("arrests", 412, "2023"), ("arrests", 380, "2022")]),
    ("<p>Arrests: 412 (2022: 380)</p>", [("arrests", 412, None), ("arrests", 380, "2022")]),
    # a list of labels each before its count
    ("<p>In 2023: arrests 412, charges 510, convictions 96.</p>",
     [("arrests", 412, "2023"), ("prosecutions", 510, "2023"), ("convictions", 96, "2023")]),
    # an outcome recorded against reports, in the passive
    ("<p>In 2023, outcomes were recorded on 2,400 of the tips it forwarded.</p>",
     [("law_enforcement_feedback", 2400, "2023")]),
    ("<p>In 2022 a disposition was reported for 610 reports.</p>",
     [("law_enforcement_feedback", 610, "2022")]),
    # feedback on the next number is not the feedback of the one before
    ("<p>In 2024 the unit received 4,118 referrals and sent feedback on 3,400 of them.</p>",
     [("referrals", 4118, "2024"), ("law_enforcement_feedback", 3400, "2024")]),
    # an outcome with its adjective: "resulted in state charges"
    ("<p>In 2021, 600 tips led to an arrest, and 45 resulted in state charges.</p>",
     [("arrests", 600, "2021"), ("prosecutions", 45, "2021")]),
]  # fmt: skip


@pytest.mark.parametrize(
    "html",
    [
        "<p>Police posted status updates on 1,200 investigations.</p>",  # not on reports
        "<p>Fewer than five forces return outcome information.</p>",  # a count of forces
        "<p>Only 12 agencies returned feedback in 2023.</p>",
        "<p>The study found results for 300 reports were mixed.</p>",  # no one sent them back
        "<p>The lab returned results for 300 devices.</p>",  # not on reports
        "<p>The court reported the outcome of 300 trials.</p>",
        "<p>The study reported the results of 3,000 surveys.</p>",
        "<p>Police gave updates on the 12 arrests made in May.</p>",
        "<p>The court told the jury what happened in 12 cases.</p>",
        "<p>The court shared case outcomes on 300 trials.</p>",  # trials, not reports
        "<p>Outcomes were recorded for 300 patients.</p>",  # not on reports
        "<p>Officers gave updates to 40 families in 2022.</p>",
        "<p>Feedback on 2,204 reports noted that an arrest was made.</p>",  # arrests, below
        "<p>The 40 victims received a response from police.</p>",
        "<p>Of the 900 defendants, 410 received a guilty verdict.</p>",  # convictions
    ],
)
def test_feedback_by_other_names_is_counted_only_in_reports(html: str) -> None:
    found = find_metrics(extract_html(html.encode(), "https://e.org/"))
    assert not [m for m in found if m.family == "law_enforcement_feedback"], found


@pytest.mark.parametrize(("html", "expected"), _CLASSES, ids=[h[:40] for h, _ in _CLASSES])
def test_figure_classes(html: str, expected: list[tuple[str, float, str | None]]) -> None:
    found = {
        (m.family, m.value, m.period)
        for m in find_metrics(extract_html(html.encode(), "https://e.org/"))
    }
    for want in expected:
        assert want in found, found


@pytest.mark.parametrize(
    "html",
    [
        "<p>By 2019, 950 traffickers and 4,100 others had been identified.</p>",  # no children
        "<p>The act requires (1) a report and (2) a notice, filed in 2021.</p>",  # list markers
        "<p>Every week, the unit reviews 2,500 reports.</p>",  # a rate leading the sentence
    ],
)
def test_figure_class_negatives(html: str) -> None:
    found = find_metrics(extract_html(html.encode(), "https://e.org/"))
    assert not [
        m for m in found if m.family in ("children_identified", "reports") or m.value in (1, 2)
    ]
