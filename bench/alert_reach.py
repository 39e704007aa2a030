"""Alert reach: how many labelled outcome figures reach a person as an alert holding their
number, and how many alert items hold none.

Usage: python bench/alert_reach.py [YAML ...]   (default: every set in tests/corpus/real/)

A figure reaches a person when an alerting event holds its number: a figure event (of any
alerting family; "right family" counts those of its own), or an outcome statement event whose
sentence holds it (`statement_added` with a number no figure reports, or a renumbered
`statement_changed`). Each labelled outcome figure (arrests, feedback, prosecutions,
convictions, children identified) is tried twice:
- new: its passage is a newly discovered document (`outcomes.new_document_events`);
- edited: its number, where the text writes it so it can be found, is changed in place
  (`figure_events` + `statement_events`, as a check of a changed document does).
"Other items" are alerting events holding no labelled outcome number of their passage: noise,
also counted on the hard negatives alone. Last, what a real NCMEC PDF adds as a new document.

To measure another checkout (one without statement alerts for new documents), put it first
on PYTHONPATH; the passages and scorer are this worktree's.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(Path(__file__).resolve().parent) in sys.path:  # bench/ itself holds no package
    sys.path.remove(str(Path(__file__).resolve().parent))
import monitor  # noqa: E402  (first: a PYTHONPATH checkout wins over this worktree's)

sys.path.insert(0, str(ROOT))  # tests/ of this worktree: the passages

from monitor import outcomes  # noqa: E402
from monitor.config import Alerts  # noqa: E402
from monitor.extract.pdf import extract_pdf  # noqa: E402
from monitor.metrics.numbers import scan  # noqa: E402
from monitor.model import Document, Event, Extracted  # noqa: E402
from tests.corpus.harness import load_real, real_page  # noqa: E402

ALERTING = set(Alerts().families)  # the default alert families
REAL = ROOT / "tests" / "corpus" / "real"
SHARED = ROOT.parent / "shared" / "realdata" / "ncmec"
DOC = Document("d", "https://example.org/", "s", None, None, "html", None, None, None, None,
               "ok", 0, 0, 0, "", None, None, None)  # fmt: skip


def _new_document(extracted: Extracted) -> list[Event]:
    metrics, statements = outcomes.analyse(extracted, DOC.url, None)
    if hasattr(outcomes, "new_document_events"):
        events = outcomes.new_document_events(DOC, metrics, statements, ALERTING, None)
    else:  # a checkout from before statements alerted on new documents
        events = outcomes.figure_events(DOC, [], metrics, ALERTING, None)
    return [e for e in events if e.alert]


def _edited(old: str, new: str) -> list[Event]:
    (om, os_), (nm, ns) = (outcomes.analyse(real_page(t), DOC.url, None) for t in (old, new))
    events = outcomes.figure_events(DOC, om, nm, ALERTING, None)
    events += outcomes.statement_events(DOC, os_, ns, events, ALERTING, None)
    return [e for e in events if e.alert]


def _holds(ev: Event, value: float) -> bool:
    d = ev.data or {}
    if ev.kind.startswith("metric_"):
        return d.get("new") is not None and math.isclose(d["new"], value, rel_tol=1e-6)
    return any(math.isclose(n.value, value, rel_tol=1e-6) for n in scan(d["statement"]).numbers)


@dataclass
class Reach:
    figures: int = 0
    right_family: int = 0
    new: int = 0
    tried: int = 0  # figures whose number could be edited in place
    edited: int = 0
    other: int = 0
    negatives: int = 0
    other_on_negatives: int = 0

    def line(self, name: str) -> str:
        return (
            f"{name:<28} {self.figures:>5}  right family {self.right_family / self.figures:.3f}"
            f"  new {self.new / self.figures:.3f}  edited {self.edited / self.tried:.3f}"
            f" ({self.tried})  other items {self.other:>3}"
            f" ({self.other_on_negatives} on {self.negatives} negatives)"
        )


def measure(path: Path) -> Reach:
    r = Reach()
    for case in load_real([path]):
        events = _new_document(real_page(case.text))
        labels = [e for e in case.expect if e["family"] in ALERTING]
        values = [float(e["value"]) for e in labels]
        other = sum(1 for ev in events if not any(_holds(ev, v) for v in values))
        r.other += other
        if not case.expect:
            r.negatives += 1
            r.other_on_negatives += other
        for label, value in zip(labels, values, strict=True):
            r.figures += 1
            r.right_family += any(
                _holds(ev, value) and (ev.data or {}).get("family") == label["family"]
                for ev in events
                if ev.kind.startswith("metric_")
            )
            r.new += any(_holds(ev, value) for ev in events)
            written = next(
                (n for n in scan(case.text).numbers if math.isclose(n.value, value)), None
            )
            if written is None:
                continue
            r.tried += 1
            moved = int(value) + 17
            text = f"{case.text[: written.start]}{moved:,}{case.text[written.end :]}"
            r.edited += any(_holds(ev, moved) for ev in _edited(case.text, text))
    return r


def main() -> None:
    paths = [Path(p) for p in sys.argv[1:]] or sorted(REAL.rglob("*.yaml"))
    print(f"finder: {Path(monitor.__file__).parent}\n")
    total = Reach()
    for path in paths:
        if path.name == "not-english.yaml":
            continue
        r = measure(path)
        print(r.line(str(path.relative_to(REAL) if path.is_relative_to(REAL) else path)))
        for k in vars(total):
            setattr(total, k, getattr(total, k) + getattr(r, k))
    print(total.line("all"))
    print("\nA real NCMEC PDF as a new document: alerting figure events, statement events")
    pdfs = {p.name: p for p in [*SHARED.glob("*.pdf"), *(ROOT / "tests/data").glob("ncmec-*.pdf")]}
    for _, pdf in sorted(pdfs.items()):
        events = _new_document(extract_pdf(pdf.read_bytes()))
        said = sum(1 for e in events if e.kind == "statement_added")
        print(f"  {pdf.name:<28} {len(events) - said:>4}  {said:>3}")


if __name__ == "__main__":
    main()
