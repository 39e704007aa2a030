"""What an alert about a figure says: titled with the family and what was counted, and
quoting the figure's whole sentence (issue 11; issue 13 item 6)."""

from __future__ import annotations

import pytest

from monitor.config import Alerts
from monitor.extract.html import extract_html
from monitor.metrics import find_metrics
from monitor.metrics.sentences import sentences
from monitor.model import Document
from monitor.notify import build_message, render
from monitor.outcomes import figure_events

DOC = Document(
    "transparency", "https://example.org/t.html", "src", None, "Transparency", "html", None,
    None, None, None, "ok", 0, 0, 0, "2026-01-01T00:00:00.000000Z", None, None, None,
)  # fmt: skip


def _alert(html: str, channel: str = "text") -> tuple[str, str]:
    figures = find_metrics(extract_html(html.encode(), DOC.url), url="")
    events = figure_events(DOC, [], figures, {"arrests"}, "Transparency")
    alerts = [e for e in events if e.alert]
    return render(build_message(DOC, alerts, "Transparency"), channel)


# Sentences that a segmenter cutting at every full stop quoted in half.
WHOLE = [
    "Law enforcement reported 2,388 arrests in 2024 [see p. 4] after U.S. agencies acted.",
    "In the U.S. 1,234 reports were marked as having led to an arrest in 2023.",
    "Under Rule No. 5 of the program, police made 410 arrests in 2024.",
    "Task forces made approx. 3,100 arrests in 2024, as Fig. 2 shows for each state.",
]


@pytest.mark.parametrize("sentence", WHOLE)
def test_an_alert_quotes_the_whole_sentence(sentence: str) -> None:
    html = f"<p>Figures for the year. {sentence} The next sentence is not quoted.</p>"
    title, body = _alert(html)
    assert title.startswith("arrests")
    assert f'"{sentence}"' in body  # quoted whole, and nothing more
    _, body = _alert(html, "markdown")  # chat markup escapes it, but quotes it to its end
    assert sentence.split()[-1].rstrip(".") in body and "next sentence" not in body


def test_the_mission_sentence_alerts_as_arrests_saying_what_was_counted() -> None:
    title, body = _alert(
        "<p>In 2023, the CyberTipline received 36.2 million reports. Of those, 1,234 reports"
        " were marked as having led to an arrest.</p>"
    )
    assert title == "arrests, reports leading to arrests, 2023: 1,234 (new)"
    assert "Of those, 1,234 reports were marked as having led to an arrest." in body


def test_a_list_item_is_its_own_sentence() -> None:
    """A bulleted list run into one line, or items ending in ";": an item's figure takes no
    words or family from the item before."""
    text = "Results: • 30 arrests were made; • the hotline receives 700 reports per week."
    assert sentences(text) == [
        "Results:",
        "30 arrests were made;",
        "the hotline receives 700 reports per week.",
    ]
    html = (
        "<p>Figures:<br>• reports have led to 30 arrests;<br>• the line receives 700 to 1,100"
        " reports a week.</p>"
    )
    found = find_metrics(extract_html(html.encode(), DOC.url))
    assert [(m.family, m.value) for m in found] == [("arrests", 30)], found


def test_one_segmenter_for_figures_and_statements() -> None:
    from monitor.statements import find_statements

    text = "Police made 5 arrests (see p. 4). No. 5 of the U.S. task forces reported 7 arrests."
    assert sentences(text) == [
        "Police made 5 arrests (see p. 4).",
        "No. 5 of the U.S. task forces reported 7 arrests.",
    ]
    doc = extract_html(f"<p>{text}</p>".encode(), DOC.url)
    assert [s.text for s in find_statements(doc)] == sentences(text)


def test_json_lines_carry_the_period_kind(server, tmp_path, capsys) -> None:
    """`extract --json` and `metrics --json` (from state/) give period and period_kind."""
    from tests.util import json_lines, run_cli, write_config

    page = (
        "<html><body><p>In the 2021-22 financial year, police made 233 arrests. Since 1998,"
        " CyberTipline reports have led to the arrest of nearly ten thousand offenders.</p>"
        "</body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page)
    code, out, _ = run_cli(capsys, "-c", "/nonexistent.yaml", "extract", str(path), "--json")
    assert code == 0
    want = {(233.0, "FY2022", "fiscal_year"), (10000.0, "since 1998", "cumulative")}
    assert {(r["value"], r["period"], r["period_kind"]) for r in json_lines(out)} == want

    server.set("/p", page, content_type="text/html")
    cfg = write_config(tmp_path, [{"id": "p", "url": server.url("/p")}])
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0
    code, out, _ = run_cli(capsys, "-c", str(cfg), "metrics", "--json")
    assert code == 0
    assert {(r["value"], r["period"], r["period_kind"]) for r in json_lines(out)} == want


# Sentences written for these tests in which the figure finder, as of FINDER_VERSION 10, does not
# read the outcome figure (the first two file it under `reports`, which never alerts): the
# statements carry them to a person.
UNREAD = [
    ("Police reached an arrest on 1,871 of the tips in 2025.", 1871),
    ("In 2025 police closed 1,871 of the reports with an arrest.", 1871),
    ("Officers rescued a further 12 children, and 9 of the cases saw an arrest.", 9),
]
ALERTING = set(Alerts().families)  # the default alert families


def _analysed(text: str) -> tuple[list, list]:
    from monitor.outcomes import analyse

    return analyse(extract_html(f"<p>{text}</p>".encode(), DOC.url), DOC.url, None)


@pytest.mark.parametrize(("sentence", "number"), UNREAD)
def test_a_new_documents_unread_outcome_number_alerts_as_its_sentence(sentence, number) -> None:
    from monitor.outcomes import new_document_events

    metrics, statements = _analysed(sentence)
    assert not any(m.family == "arrests" and m.value == number for m in metrics)
    events = new_document_events(DOC, metrics, statements, ALERTING, "Transparency")
    said = [e for e in events if e.kind == "statement_added"]
    assert len(said) == 1 and said[0].alert
    assert said[0].data["unreported"] == [number]
    assert said[0].summary.startswith("new arrests statement, a number no figure reports")
    title, body = render(build_message(DOC, [e for e in events if e.alert], "Transparency"), "text")
    assert sentence in body


@pytest.mark.parametrize(("sentence", "number"), UNREAD)
def test_an_unread_number_changed_in_place_alerts_as_a_renumbered_statement(
    sentence, number
) -> None:
    from monitor.outcomes import figure_events as figures
    from monitor.outcomes import statement_events

    old = _analysed(sentence)
    edited = sentence.replace(f"{number:,}", f"{number + 208:,}")
    new = _analysed(edited)
    events = figures(DOC, old[0], new[0], ALERTING, None)
    events += statement_events(DOC, old[1], new[1], events, ALERTING, None)
    said = [e for e in events if e.kind == "statement_changed"]
    assert len(said) == 1 and said[0].alert
    assert said[0].summary.startswith("arrests statement, a number changed")
    assert f"[-{number:,}-] {{+{number + 208:,}+}}" in said[0].data["word_diff"]


def test_a_figures_sentence_is_an_outcome_sentence_for_its_unread_numbers() -> None:
    """The statements' vocabulary passes over this sentence (its verb is too far from
    "children"), but the finder reads two figures in it: the total it did not read still
    reaches a person, once, as the sentence."""
    from monitor.outcomes import new_document_events

    sentence = (
        "Following the raids, 96 children who had been held at the compound for months, 50 boys"
        " and 46 girls aged between four and 16 years, were rescued."
    )
    metrics, statements = _analysed(sentence)
    assert not statements
    assert sorted(m.value for m in metrics) == [46, 50]
    events = new_document_events(DOC, metrics, statements, ALERTING, None)
    said = [e for e in events if e.kind == "statement_added"]
    assert len(said) == 1 and said[0].alert
    assert said[0].data["unreported"] == [96]
    assert said[0].summary.startswith("new children identified statement, a number no figure")


def test_a_long_sentence_alerts_its_unread_number_once() -> None:
    """A figure's context is cut to 300 characters: its sentence is still the statement's,
    not a second one alerting the same number."""
    from monitor.outcomes import new_document_events

    sentence = (
        "In a long operation that ran through the spring and the summer across the northern"
        " and southern districts of the state, with the help of a great many partner agencies,"
        " volunteers, analysts and officers from neighbouring forces, detectives from the unit"
        " arrested 12 men, and 9 of the cases saw an arrest after prosecutors reviewed the"
        " evidence gathered over many months in the course of the investigation."
    )
    metrics, statements = _analysed(sentence)
    assert len(sentence) > 300 and [m.value for m in metrics] == [12] and len(statements) == 1
    events = new_document_events(DOC, metrics, statements, ALERTING, None)
    assert [e.data["unreported"] for e in events if e.kind == "statement_added"] == [[9]]


def test_a_number_a_figure_reports_is_left_to_the_figure() -> None:
    from monitor.outcomes import figure_events as figures
    from monitor.outcomes import new_document_events, statement_events

    sentence = "Law enforcement reported 1,234 arrests in 2024."
    metrics, statements = _analysed(sentence)
    assert [e.kind for e in new_document_events(DOC, metrics, statements, {"arrests"}, None)] == [
        "metric_appeared"
    ]
    new = _analysed(sentence.replace("1,234", "1,400"))
    events = figures(DOC, metrics, new[0], {"arrests"}, None)
    assert [
        e.kind for e in statement_events(DOC, statements, new[1], events, {"arrests"}, None)
    ] == []
    assert [e.kind for e in events] == ["metric_changed"]


def test_a_real_report_as_a_new_document_adds_only_its_unread_outcome_numbers() -> None:
    """The 2023 OJJDP report as a newly discovered PDF: its outcome figures, and two sentences
    holding a number no outcome figure reports (CVIP's "three core goals" and its "406 million
    images and videos", beside its 27,130 identified child victims, a figure)."""
    from monitor.extract.pdf import extract_pdf
    from monitor.outcomes import analyse, new_document_events
    from tests.conftest import DATA

    doc = extract_pdf((DATA / "ncmec-ojjdp-2023.pdf").read_bytes())
    metrics, statements = analyse(doc, DOC.url, None)
    events = new_document_events(DOC, metrics, statements, ALERTING, None)
    said = [e for e in events if e.kind == "statement_added"]
    assert [e.data["family"] for e in said] == ["children_identified"] * 2
    assert [406_000_000] in [e.data["unreported"] for e in said]
    assert not any(27130 in e.data["unreported"] for e in said)
    reported = {m.value for m in metrics if m.family in ALERTING}
    assert not any(set(e.data["unreported"]) & reported for e in said)
