"""The web view in a real browser: headless Chromium (Debian's `chromium`) over the DevTools
protocol, JavaScript on, against a state/ made by real checks. Each test asserts what a
person sees: the documents listed, the diff's marked lines, a chart drawn with the figure's
values, page text that stays text, and no console error (a CSP violation is one)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.browser import Browser, chromium

if chromium() is None:  # CI installs it (.ci/run); a developer without it is told, not misled
    if os.environ.get("CI"):
        raise RuntimeError("chromium is required in CI (apt-get install chromium)")
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    b = Browser()
    try:
        yield b
    finally:
        b.close()


def test_overview_lists_the_documents(browser: Browser, web: str) -> None:
    browser.goto(web + "/")
    names = browser.all_text("table.docs td.name > a")
    assert names[0].startswith("Data <img src=x onerror=window.__pwned=1>")  # shown as text
    assert "Annual report" in " ".join(names) or len(names) == 2
    alerts = browser.text("table.events")
    assert "arrests, 2024: 1,234 -> 1,300" in alerts
    assert browser.errors == []


def test_diff_marks_added_and_removed_lines(browser: Browser, web: str) -> None:
    browser.goto(web + "/documents/data/diff")
    added = browser.all_text("pre.diff .add")
    removed = browser.all_text("pre.diff .del")
    assert any("1,300 arrests" in ln for ln in added)
    assert any("1,234 arrests" in ln for ln in removed)
    # the marked lines are coloured differently from the context
    colours = browser.eval(
        "['.add', '.del', '.ctx'].map(c => getComputedStyle("
        "document.querySelector('pre.diff ' + c)).backgroundColor)"
    )
    assert len(set(colours)) == 3, colours
    # the statement diff marks the reworded words
    assert browser.all_text("ul.statements li.st-statement_changed del") == ["1,234", "after"]
    assert browser.all_text("ul.statements li.st-statement_changed ins") == ["1,300", "following"]
    assert browser.errors == []


def test_figure_chart_is_drawn_with_its_values(browser: Browser, web: str) -> None:
    browser.goto(web + "/figures?family=reports")
    charts = browser.eval(
        "[...document.querySelectorAll('svg.chart')].map(s => ({"
        " w: s.getBoundingClientRect().width, h: s.getBoundingClientRect().height,"
        " values: [...s.querySelectorAll('[data-value]')].map(e => +e.dataset.value),"
        " text: s.textContent}))"
    )
    assert len(charts) == 2
    across, by_period = charts
    assert across["w"] > 300 and across["h"] > 100  # drawn, at a readable size
    assert 20_500_000 in across["values"] and 20_600_000 in across["values"]
    assert by_period["values"] == [36_200_000, 20_600_000]  # 2023, 2024
    assert "36.2M" in by_period["text"] and "2023" in by_period["text"]
    assert browser.errors == []


def test_hostile_page_text_stays_text(browser: Browser, web: str) -> None:
    for path in ("/", "/documents/data", "/documents/data/diff", "/events", "/figures"):
        browser.goto(web + path)
        assert browser.eval("window.__pwned === undefined"), path
        assert browser.eval("document.querySelectorAll('script, img, iframe').length") == 0
        assert browser.eval(
            "[...document.links].every(a => /^(https?:|#|\\/)/.test(a.getAttribute('href')))"
        ), path
        # a 6,000-character line wraps: nothing wider than the window
        assert browser.eval("document.documentElement.scrollWidth <= window.innerWidth"), path
        assert browser.errors == [], (path, browser.errors)
    browser.goto(web + "/documents/data/diff")
    assert "<script>window.__pwned=2</script>" in browser.text("pre.diff")


def test_every_page_loads_without_console_errors(browser: Browser, web: str) -> None:
    for path in ("/events?kind=metric_changed", "/events/1", "/alerts/1", "/documents/r-pdf",
                 "/documents/r-pdf/diff", "/figures?family=arrests"):  # fmt: skip
        browser.goto(web + path)
        assert browser.eval("document.querySelector('main h1') !== null"), path
        assert browser.errors == [], (path, browser.errors)
    browser.goto(web + "/documents/nope")
    assert "404" in browser.text("main h1")
