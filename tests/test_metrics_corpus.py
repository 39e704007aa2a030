"""The labelled corpus (tests/corpus/*.yaml), one test per case, and the corpus-wide score.

Each case is checked for: every expected figure found (family, period, value, unit, and
label when given), nothing forbidden, and no unexpected figure in the families it lists as
complete. The last test holds precision and recall on the outcome families at 0.95 or more.
"""

from __future__ import annotations

import pytest

from monitor.metrics import format_value
from monitor.model import Metric
from tests.corpus.harness import OUTCOMES, Case, load_cases, run, score, tally

CASES = load_cases()


@pytest.fixture(scope="session")
def results() -> dict[str, list[Metric]]:
    """Every case's figures, computed once (the real PDFs are parsed once per session)."""
    return {c.id: run(c) for c in CASES}


def _show(m: Metric) -> str:
    return f"{m.family} {m.period} {format_value(m)} [{m.label}] p{m.page}: {m.context[:80]}"


def test_corpus_size_and_layouts() -> None:
    assert len(CASES) >= 40
    layouts = {c.layout for c in CASES}
    assert {"prose", "table", "infographic", "negative"} <= layouts
    assert any("html" in c.source for c in CASES) and any("pdf" in c.source for c in CASES)
    assert any(c.file for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case: Case, results: dict[str, list[Metric]]) -> None:
    got = results[case.id]
    s = score(case, got)
    required = [e for e in s.missed if not e.get("miss")]
    problems = [f"missed {e}" for e in required]
    problems += [f"forbidden {_show(m)}" for m in s.forbidden]
    problems += [f"unexpected {_show(m)}" for m in s.unexpected]
    assert not problems, "\n".join([*problems, "found:", *map(_show, got)])


def test_outcome_precision_and_recall(results: dict[str, list[Metric]]) -> None:
    counts = tally([score(c, results[c.id]) for c in CASES])
    report = {f: (round(counts[f].precision, 3), round(counts[f].recall, 3)) for f in counts}
    total = counts["outcomes"]
    assert total.tp >= 150, report  # the corpus really exercises the outcome families
    assert total.precision >= 0.95, report
    assert total.recall >= 0.95, report
    for family in OUTCOMES:
        assert counts[family].tp > 0, f"no {family} figure in the corpus"
