"""The blind sets' scorer (tests/corpus/harness.py): what counts as agreeing."""

from __future__ import annotations

from tests.corpus.harness import RealCase, consensus, same_period, score_real, second_labels


def label(family: str, value: float, period: str | None = None) -> dict:
    return {"family": family, "value": value, "period": period, "counted": family}


def test_a_quarter_is_the_same_period_however_it_is_written() -> None:
    assert same_period("2017-04..2017-06", "2017-Q2")
    assert same_period("2023-Q4", "2023-10..2023-12")
    assert not same_period("2017-04..2017-07", "2017-Q2")
    assert not same_period("2017-04..2018-06", "2017-Q2")
    assert same_period(None, None) and not same_period("2017", None)


def test_consensus_keeps_what_both_labellers_gave() -> None:
    case = RealCase(
        "c",
        "text",
        [label("arrests", 12, "2023"), label("referrals", 700, "2023"), label("files", 5)],
        second=[label("arrests", 12, "2022"), label("reports", 700, "2023"), label("files", 5)],
    )
    agreed, disputed = consensus(case)
    assert [(e["family"], e["value"]) for e in agreed] == [("arrests", 12), ("files", 5)]
    assert agreed[0]["period_disputed"] and "period_disputed" not in agreed[1]
    assert sorted((e["family"], e["value"]) for e in disputed) == [
        ("referrals", 700),
        ("reports", 700),
    ]


def test_a_disputed_label_is_neither_missed_nor_spurious() -> None:
    case = RealCase(
        "c",
        "text",
        [label("arrests", 12, "2023"), label("referrals", 700, "2023")],
        second=[label("arrests", 12, "2022"), label("reports", 700, "2023")],
    )
    found = second_labels(RealCase("f", "", [], second=[label("reports", 700, "2023")]))
    strict = score_real(case, found)
    assert len(strict.missed) == 2 and len(strict.confused) == 1
    agreed = score_real(case, found, agreed=True)
    assert [e["value"] for e in agreed.missed] == [12]
    assert agreed.spurious == [] and agreed.confused == []
    # the second labeller scored against the first: same value, another family
    assert len(score_real(case, second_labels(case)).confused) == 1
