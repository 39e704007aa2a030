"""Outcome statements on the real OJJDP transparency reports, and planted changes on top.

Real PDFs: tests/data/ncmec-ojjdp-2022.pdf and -2023.pdf (see tests/data/SOURCES.md).
"""

from __future__ import annotations

import dataclasses
import re
import textwrap
from functools import cache

import pytest

from monitor.extract.pdf import extract_pdf
from monitor.model import Extracted
from monitor.statements import compare_statements, find_statements, fold, renumbered, segments
from tests.conftest import DATA


@cache
def report(year: int) -> Extracted:
    return extract_pdf((DATA / f"ncmec-ojjdp-{year}.pdf").read_bytes())


def plant(doc: Extracted, old: str, new: str) -> Extracted:
    """The same document with `old` replaced by `new` in its page text (once, must exist)."""
    assert any(old in p for p in doc.prose or doc.pages), old
    fix = [p.replace(old, new, 1) for p in doc.pages]
    prose = [p.replace(old, new, 1) for p in doc.prose] if doc.prose else None
    return dataclasses.replace(doc, pages=fix, prose=prose)


def changes(old: Extracted, new: Extracted):
    return compare_statements(find_statements(old), find_statements(new))


def test_real_2022_to_2023_yields_only_real_wording_changes():
    found = changes(report(2022), report(2023))
    # Each of these is a wording change visible in the two PDFs (pages of the 2023 report):
    expected = {
        # p. 13: "As of January 31, 2023" -> "As of December 31, 2023" (CVIP totals)
        ("statement_changed", "January", "December"),
        # p. 9: "CY 2022 report numbers" -> "CY 2022 and CY 2023 report numbers"
        ("statement_changed", "CY # report numbers", "CY # and CY # report numbers"),
        # p. 9: the definition of an informational report was rewritten
        ("statement_changed", "either contains", "so little information"),
        # p. 4, footnote 3, new in CY 2023: unknown-location reports go to federal agencies
        ("statement_added", "", "unknown location are made available to U.S. Federal"),
    }
    got = set()
    for ch in found:
        old_text = ch.old.text if ch.old else ""
        new_text = ch.new.text if ch.new else ""
        for kind, a, b in expected:
            in_old = a in old_text or a in fold(old_text).replace("cy", "CY")
            in_new = b in new_text or b in fold(new_text).replace("cy", "CY")
            if ch.kind == kind and in_old and in_new:
                got.add((kind, a, b))
    assert len(found) <= 5
    assert got == expected, [(c.kind, c.statement.text[:80]) for c in found]


def test_same_report_twice_is_no_change():
    assert changes(report(2023), report(2023)) == []


def test_planted_arrest_sentence_is_one_added_arrests_statement():
    new = plant(
        report(2023),
        "Parenthetical responses",
        "Beginning in 2024, the feedback form asks agencies how many arrests resulted "
        "from each report. Parenthetical responses",
    )
    found = changes(report(2023), new)
    assert [(c.kind, c.statement.family) for c in found] == [("statement_added", "arrests")]
    assert found[0].statement.page == 10
    assert "how many arrests resulted" in found[0].statement.text


def test_planted_removal_of_feedback_sentence_is_one_removed_statement():
    sentence = (
        "Despite\nNCMEC’s efforts to facilitate and obtain feedback, most agencies provide"
        " little\nor no feedback. "
    )
    doc = report(2023)
    assert sentence in doc.prose[9]
    found = changes(doc, plant(doc, sentence, ""))
    assert [(c.kind, c.statement.family) for c in found] == [
        ("statement_removed", "law_enforcement_feedback")
    ]
    assert "little or no feedback" in found[0].statement.text


def test_planted_case_status_option_is_one_changed_statement():
    old = "Case Status (Conviction; Arrest; Ongoing Investigation; Referred; Closed)"
    new = old.replace("Arrest;", "Arrest; Arrest Warrant Issued;")
    found = changes(report(2023), plant(report(2023), old, new))
    assert [(c.kind, c.statement.family) for c in found] == [("statement_changed", "arrests")]
    assert "{+Arrest Warrant Issued;+}" in found[0].word_diff()


def test_number_only_change_is_left_to_the_figures():
    doc = report(2023)
    found = changes(doc, plant(doc, "more than 27,130", "more than 31,044"))
    assert found == []


def test_a_number_only_change_is_paired_apart_as_renumbered():
    doc = report(2023)
    found = renumbered(find_statements(doc), find_statements(plant(doc, "27,130", "31,044")))
    assert [(c.kind, c.statement.family) for c in found] == [
        ("statement_changed", "children_identified")
    ]
    assert "[-27,130-] {+31,044+}" in found[0].word_diff()
    assert renumbered(find_statements(doc), find_statements(doc)) == []


def rewrap(page: str, width: int) -> str:
    """Re-flow a page's paragraphs at another width.

    A paragraph goes on while a line continues in lower case or a full line does not end
    a sentence: how the PDF's own lines were wrapped.
    """
    merged: list[str] = []
    previous = ""
    for line in page.splitlines():
        goes_on = (
            len(previous) > 60
            and not previous.endswith((".", ":", "?", ")"))
            and not re.match(r"[A-Z]\. ", previous)  # a heading
        )
        previous = line
        own_line = re.match(r"Copyright|\d+ [A-Z]|\d+$", line)  # footer, footnote, page no.
        if merged and not own_line and (line[:1].islower() or goes_on):
            merged[-1] += " " + line
        else:
            merged.append(line)
    return "\n".join(w for line in merged for w in textwrap.wrap(line, width))


def test_reflowed_and_repaginated_text_is_not_a_change():
    doc = report(2023)
    # Re-wrap every page at another width and move page 10's first lines onto page 9.
    rewrapped = [rewrap(p, 70) for p in doc.prose]
    page9, page10 = rewrapped[8].split("\n"), rewrapped[9].split("\n")
    footer = page9[-2:]  # copyright line and page number
    rewrapped[8] = "\n".join(page9[:-2] + page10[:6] + footer)
    rewrapped[9] = "\n".join(page10[6:])
    moved = dataclasses.replace(doc, pages=rewrapped, prose=rewrapped)
    plain = dataclasses.replace(doc, pages=doc.prose, prose=None)
    assert changes(plain, moved) == []
    assert renumbered(find_statements(plain), find_statements(moved)) == []


def test_a_renumbered_footnote_marker_is_not_a_renumbered_statement():
    old = Extracted(kind="pdf", pages=["Police made 1,234 arrests after the reports8."])
    new = Extracted(kind="pdf", pages=["Police made 1,234 arrests after the reports9."])
    assert renumbered(find_statements(old), find_statements(new)) == []
    moved = Extracted(kind="pdf", pages=["Police made 1,243 arrests after the reports8."])
    assert len(renumbered(find_statements(old), find_statements(moved))) == 1


@pytest.mark.parametrize(
    ("text", "families"),
    [
        ("Law enforcement reported the arrest of 12 offenders.", ("arrests",)),
        ("Agencies provide little or no feedback on reports.", ("law_enforcement_feedback",)),
        ("The suspect was indicted and later convicted.", ("prosecutions", "convictions")),
        ("Investigators identified and rescued 40 children.", ("children_identified",)),
        ("Reports were made available to law enforcement in 180 countries.", ("referrals",)),
        ("NCMEC operates a 24/7 call center.", ()),
        ("CyberTipline received 36.2 million reports in 2023.", ()),
    ],
)
def test_vocabulary(text, families):
    doc = Extracted(kind="html", pages=[text])
    assert tuple(s.families for s in find_statements(doc)) == ((families,) if families else ())


def test_segments_join_lines_and_pages_and_drop_running_footers():
    footer = (
        "Copyright © 2024 National Center for Missing & Exploited Children. All rights reserved."
    )
    pages = [
        f"Report title\nThe feedback system lets law enforcement\nreport outcomes.\n{footer}\n{n}"
        for n in (1, 2)
    ] + [
        f"Report title\nAgencies that arrested an offender may\n{footer}\n3",
        f"Report title\ntell NCMEC through the form.\n4 A footnote about the form.\n{footer}\n4",
    ]
    doc = Extracted(kind="pdf", pages=pages)
    texts = [t for _, t in segments(doc)]
    assert "Agencies that arrested an offender may tell NCMEC through the form." in texts
    assert "The feedback system lets law enforcement report outcomes." in texts
    assert not any("Copyright" in t or t == "Report title" for t in texts)
    assert "4 A footnote about the form." in texts


def test_fold_masks_numbers_hyphenation_and_footnote_markers():
    assert fold("Non- Governmental series8 of 1,234 files") == fold(
        "NonGovernmental series of 99 files"
    )


# -- through the pipeline: events, alerts, CLI --------------------------------------------------
PAGE = """<html><body><main>
<h1>Law enforcement feedback</h1>
<p>Agencies provide little or no feedback on CyberTipline reports.</p>
<p>The form offers: Case Status (Conviction; Arrest; Ongoing Investigation; Closed)</p>
</main></body></html>"""


def _history(capsys, cfg):
    from tests.util import json_lines, run_cli

    code, out, _ = run_cli(capsys, "-c", str(cfg), "history", "--json")
    assert code == 0
    return json_lines(out)


def test_statement_events_through_check_history_and_diff(server, tmp_path, capsys):
    from tests.util import run_cli, write_config

    server.set("/feedback", PAGE)
    cfg = write_config(tmp_path, [{"id": "fb", "url": server.url("/feedback")}])
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0

    server.set("/feedback", PAGE.replace("Arrest;", "Arrest; Arrest Warrant Issued;"))
    code, out, _ = run_cli(capsys, "-c", str(cfg), "check")
    assert code == 0
    assert "ALERT" in out  # no notifier configured: the alert goes to the console
    [ev] = [e for e in _history(capsys, cfg) if e["kind"].startswith("statement_")]
    assert ev["kind"] == "statement_changed" and ev["family"] == "arrests" and ev["alert"]
    assert "{+Arrest Warrant Issued;+}" in ev["word_diff"]

    code, out, _ = run_cli(capsys, "-c", str(cfg), "diff", "fb", "--statements")
    assert code == 0 and "~ [arrests] " in out and "{+Arrest Warrant Issued;+}" in out

    server.set("/feedback", PAGE.replace("Arrest;", "Arrest; Arrest Warrant Issued;").replace(
        "<p>Agencies provide little or no feedback on CyberTipline reports.</p>", ""))  # fmt: skip
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0
    kinds = [e["kind"] for e in _history(capsys, cfg) if e["kind"].startswith("statement_")]
    assert kinds == ["statement_removed", "statement_changed"]  # newest first


def test_state_from_before_statements_does_not_flood(server, tmp_path, capsys):
    """A snapshot kept by schema 2 has no statements: the next change compares none."""
    import sqlite3

    from tests.util import run_cli, write_config

    server.set("/feedback", PAGE)
    cfg = write_config(tmp_path, [{"id": "fb", "url": server.url("/feedback")}])
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0
    db = sqlite3.connect(tmp_path / "state" / "monitor.sqlite3")
    with db:
        db.execute("UPDATE snapshots SET statements = NULL")
        db.execute("DELETE FROM statements")
        db.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    db.close()
    server.set("/feedback", PAGE.replace("little or no", "hardly any"))
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0
    kinds = [e["kind"] for e in _history(capsys, cfg)]
    assert "content_changed" in kinds
    assert not any(k.startswith("statement_") for k in kinds)
    server.set("/feedback", PAGE)  # the next change compares statements again
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0
    assert "statement_changed" in [e["kind"] for e in _history(capsys, cfg)]


def test_extract_lists_statements(capsys):
    from tests.util import json_lines, run_cli

    code, out, _ = run_cli(
        capsys, "-c", "/nonexistent.yaml", "extract", str(DATA / "ncmec-ojjdp-2023.pdf"),
        "--statements", "--json",
    )  # fmt: skip
    assert code == 0
    rows = json_lines(out)
    case_status = [r for r in rows if r["statement"].startswith("Case Status (")]
    assert case_status == [
        {
            "family": "arrests",
            "families": ["arrests", "convictions", "referrals"],
            "page": 10,
            "statement": "Case Status (Conviction; Arrest; Ongoing Investigation; Referred;"
            " Closed)",
        }
    ]


@pytest.mark.parametrize(
    ("sentence", "family"),
    [
        ("The sweep saw dozens of men held on suspicion of grooming.", "arrests"),
        ("Several suspects were booked into the county jail overnight.", "arrests"),
        ("The men were summonsed to appear before magistrates.", "prosecutions"),
        ("Both defendants stood trial at the Crown Court in May.", "prosecutions"),
        ("The suspects were brought before a magistrate on Monday.", "prosecutions"),
        ("Dozens of offenders were nabbed in the sweep.", "arrests"),
        ("Both men made their first court appearance on Friday.", "prosecutions"),
        ("A grand jury returned a true bill against the couple.", "prosecutions"),
        ("Those responsible were brought to justice last year.", "prosecutions"),
        ("Dozens of children were taken out of harm's way.", "children_identified"),
        ("The girls were liberated from the compound.", "children_identified"),
    ],
)
def test_outcome_statements_in_plainer_words(sentence: str, family: str) -> None:
    """Sentences the figure finder reads as outcomes are outcome statements too, so an unread
    number in them still reaches a person."""
    from monitor.extract.html import extract_html

    doc = extract_html(f"<p>{sentence}</p>".encode(), "https://e.org/")
    assert [s.family for s in find_statements(doc)] == [family]


@pytest.mark.parametrize(
    ("text", "families"),
    [
        # parts of the people counted before, in words no outcome vocabulary holds
        (
            "Police arrested 660 suspects. Thirty-nine of the 660 were registered sex offenders.",
            [("arrests",), ("arrests",)],
        ),
        (
            "Agents rescued 103 juveniles. Six were found in both Seattle and Atlanta.",
            [("children_identified",), ("children_identified",)],
        ),
        (
            "Danish police charged 1,004 young people. About 800 are male.",
            [("prosecutions",), ("prosecutions",)],
        ),
        # a sentence of its own, or a part after no outcome sentence
        ("Police arrested 660 suspects. The men were taken to Leeds.", [("arrests",)]),
        ("The unit trained 40 officers. Twelve were from Kent.", []),
    ],
)
def test_parts_in_the_next_sentence_are_statements(
    text: str, families: list[tuple[str, ...]]
) -> None:
    """A number counting a part of an outcome's people in the next sentence reaches a person
    even when the finder does not read it."""
    from monitor.extract.html import extract_html

    doc = extract_html(f"<p>{text}</p>".encode(), "https://e.org/")
    assert [s.families for s in find_statements(doc)] == families
