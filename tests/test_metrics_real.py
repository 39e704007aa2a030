"""The blind real-passage set's dev half (tests/corpus/real/dev.yaml): the finder's score on
wording nobody here wrote (issue 11). The held-back half is scored once, by the lead.

Targets: precision >= 0.95 and recall >= 0.90 on the five outcome families, the period right
on >= 0.90 of the figures found. The floors here are the levels reached on the dev half (a
regression floor: see tests/corpus/real/dev-score.txt for what is still missed, by class).
"""

from __future__ import annotations

from tests.corpus.harness import HERE, load_real, run_real, score_real, tally_real

DEV = HERE / "real" / "dev.yaml"
RECALL_FLOOR = 0.955  # reached 0.961 (target 0.90); 0.835 before the list/change/shared-verb rules


def test_dev_half_scores() -> None:
    cases = load_real([DEV])
    assert len(cases) >= 100
    t = tally_real([score_real(c, run_real(c)) for c in cases])
    outcomes = t.per_family["outcomes"]
    report = {f: (round(c.precision, 3), round(c.recall, 3)) for f, c in t.per_family.items()}
    assert outcomes.tp >= 100, report
    assert outcomes.precision >= 0.97, report  # reached 1.000
    assert outcomes.recall >= RECALL_FLOOR, report
    assert t.period_accuracy >= 0.95, (t.period_right, t.period_total)  # reached 0.994
