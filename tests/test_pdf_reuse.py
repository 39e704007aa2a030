"""A re-published PDF lays out only its changed pages; the result equals a full extraction."""

from __future__ import annotations

import json
import sqlite3

from monitor.extract.pdf import extract_pdf
from monitor.metrics import find_metrics
from monitor.statements import find_statements
from tests.util import generated_report, json_lines, run_cli, write_config

PAGES = 24


def test_one_changed_page_reuses_the_others_and_equals_a_full_extraction():
    old = extract_pdf(generated_report(PAGES))
    new_bytes = generated_report(PAGES, changed_page=7)
    reused = extract_pdf(new_bytes, {p.fingerprint: p for p in old.page_extracts})
    full = extract_pdf(new_bytes)
    assert reused.reused_pages == PAGES - 1 and full.reused_pages == 0
    assert reused.pages == full.pages and reused.prose == full.prose
    assert reused.tables == full.tables and reused.links == full.links
    assert find_metrics(reused, title="r") == find_metrics(full, title="r")
    assert find_statements(reused) == find_statements(full)
    assert reused.pages[6] != old.pages[6]  # the changed page was read anew
    assert "1,043 arrests" in reused.pages[6]


def test_fingerprints_differ_exactly_where_pages_differ():
    a = extract_pdf(generated_report(PAGES))
    b = extract_pdf(generated_report(PAGES, changed_page=3))
    differ = [n for n, (x, y) in enumerate(zip(a.page_extracts, b.page_extracts, strict=True), 1)
              if x.fingerprint != y.fingerprint]  # fmt: skip
    assert differ == [3]


def test_check_reuses_pages_of_the_previous_version(server, tmp_path, capsys):
    server.set("/r.pdf", generated_report(PAGES), content_type="application/pdf")
    cfg = write_config(tmp_path, [{"id": "r", "url": server.url("/r.pdf")}])
    assert run_cli(capsys, "-c", str(cfg), "check")[0] == 0
    new_bytes = generated_report(PAGES, changed_page=7)
    server.set("/r.pdf", new_bytes, content_type="application/pdf")
    code, out, _ = run_cli(capsys, "-c", str(cfg), "check", "--json")
    assert code == 0 and json_lines(out)[0]["status"] == "changed"

    db = sqlite3.connect(tmp_path / "state" / "monitor.sqlite3")
    (meta,) = db.execute("SELECT meta FROM snapshots ORDER BY id DESC LIMIT 1").fetchone()
    assert json.loads(meta)["reused_pages"] == str(PAGES - 1)
    code, out, _ = run_cli(capsys, "-c", str(cfg), "metrics", "--json")
    stored = {(m["family"], m["label"], m["period"], m["value"]) for m in json_lines(out)}
    full = extract_pdf(new_bytes)
    expected = {
        (m.family, m.label, m.period, m.value)
        for m in find_metrics(full, url=server.url("/r.pdf"), title=full.title)
    }
    assert stored == expected and stored


def _page_with(url: str | None = None, font: str = "Helvetica") -> bytes:
    """One page of text (reportlab), with a link to `url` over it, in `font`."""
    import io

    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    c.setFont(font, 12)
    c.drawString(72, 720, "The 2024 report is published here.")
    if url:
        c.linkURL(url, (72, 710, 300, 735), relative=0)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_a_page_whose_only_change_is_a_link_target_is_extracted_again():
    """A re-published PDF that points to a new document: same drawing, new link."""
    old = extract_pdf(_page_with("https://www.missingkids.org/r-2023.pdf"))
    new_bytes = _page_with("https://www.missingkids.org/r-2024.pdf")
    new = extract_pdf(new_bytes, {p.fingerprint: p for p in old.page_extracts})
    assert new.reused_pages == 0
    assert new.links == ["https://www.missingkids.org/r-2024.pdf"]
    again = extract_pdf(new_bytes, {p.fingerprint: p for p in new.page_extracts})
    assert again.reused_pages == 1 and again.links == new.links  # unchanged: reused


def test_a_page_whose_only_change_is_its_font_is_extracted_again():
    """The same content stream (`/F1 12 Tf ... Tj`) over another font: the font's encoding
    and widths decide the text and its spacing, so the page is laid out again."""
    before = _page_with()
    after = before.replace(b"/BaseFont /Helvetica", b"/BaseFont /Courier  ")  # same offsets
    assert after != before
    old = extract_pdf(before)
    new = extract_pdf(after, {p.fingerprint: p for p in old.page_extracts})
    assert new.reused_pages == 0
