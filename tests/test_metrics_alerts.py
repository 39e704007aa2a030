"""What an alert about a figure says: titled with the family and what was counted, and
quoting the figure's whole sentence (issue 11; issue 13 item 6)."""

from __future__ import annotations

import pytest

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
