"""Text and tables -> outcome figures (Metric), and the difference between two versions.

find_metrics runs a list of small extractors over each page, in this order, each with the
same signature (PageText -> list[Metric]); each marks the lines it read so the next ones skip
them:

1. tables      - PDF tables rebuilt by pdfplumber and HTML <table>s (tables.py)
2. listings    - tables that are only text lines, "Facebook 15,884,511" (layouts.py)
3. infographic - a number alone on its line with its caption (layouts.py)
4. prose       - figures inside sentences (prose.py; skeleton.py reads a counted noun and its
                 verb past an aside between them)

Before they run, the lines that are a table's flattened text are removed (page.py), so a
figure found in a table is not found again in its text. Numbers and the spans that are never
values (years, phones, statutes, dates...) are in numbers.py; the family vocabulary in vocab.py.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Extracted, Metric, format_number
from .compare import MetricChange, compare_metrics, format_value
from .layouts import infographic_metrics, listing_metrics
from .page import PageText, doc_period, pages_of
from .prose import prose_metrics
from .tables import table_metrics

Extractor = Callable[[PageText], list[Metric]]

# The version of the rules that find figures and statements, stored with each snapshot's
# figures. Raise it whenever a change to the finders can change what they find in the same
# text: the pipeline then finds the last version's figures again before comparing, so an
# upgrade is never reported as the document's news. "1": the first release (stored as NULL).
FINDER_VERSION = "13"

EXTRACTORS: tuple[Extractor, ...] = (
    table_metrics,
    listing_metrics,
    infographic_metrics,
    prose_metrics,
)


def find_metrics(doc: Extracted, *, url: str = "", title: str | None = None) -> list[Metric]:
    """All outcome figures in a document, unique by Metric.key; deterministic order.

    Order: page by page, and on a page in extractor order then reading order. When two figures
    share a key, the first one wins (a table's reading over the prose that repeats it).
    """
    period = doc_period(doc, url, title)
    seen: dict[tuple[str, str, str | None], Metric] = {}
    for page in pages_of(doc, period):
        for extract in EXTRACTORS:
            for m in extract(page):
                seen.setdefault(m.key, m)
    return list(seen.values())


__all__ = [
    "EXTRACTORS",
    "FINDER_VERSION",
    "MetricChange",
    "compare_metrics",
    "find_metrics",
    "format_number",
    "format_value",
]
