"""Metric extraction, measured: precision/recall on the labelled corpus, figures per real PDF,
and the cost of extraction beside pdfminer's bare text on the OJJDP CY 2023 report.

Usage: python bench/extract_eval.py [--repeat N] [--real PATH [PATH...]] [--only-real]

0. With --real: labelled real passages (tests/corpus/real/*.yaml), scored by (family, value):
   precision and recall per family and for the five outcome families, period accuracy on the
   matched figures, and every remaining error by class (family confusion, missed, spurious,
   wrong period). When every case also has a second, independent labeller's labels
   (`second:`), it prints two more: the score against the labels both labellers gave (a label
   only one gave is neither missed nor spurious), and the second labeller scored against the
   first, the agreement between two people that bounds any finder's score. To score another
   checkout of the finder (a first-run score), put it first on PYTHONPATH:
   `PYTHONPATH=/tmp/orig python bench/extract_eval.py --real ...`; the scorer is this
   worktree's, the finder theirs.

1. The corpus (tests/corpus/*.yaml): precision and recall per family and for the five outcome
   families together, per layout, and the time per document (extraction + find_metrics).
   A figure is right only with the right family, period and value (and unit).
2. Every real NCMEC PDF in tests/data/ and, when present, ../shared/realdata/ncmec/: how many
   figures find_metrics yields, by family, and how long find_metrics takes on it.
3. tests/data/ncmec-ojjdp-2023.pdf: extract_pdf + find_metrics beside
   pdfminer.high_level.extract_text (best of N runs each), and find_metrics alone on the
   already-extracted document, cold (caches cleared) and warm.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(Path(__file__).resolve().parent) in sys.path:  # bench/ itself holds no package
    sys.path.remove(str(Path(__file__).resolve().parent))
import monitor  # noqa: E402  (first: a PYTHONPATH checkout wins over this worktree's)

sys.path.insert(0, str(ROOT))  # tests/ of this worktree: the scorer

from monitor.extract.pdf import extract_pdf  # noqa: E402
from monitor.metrics import (  # noqa: E402
    find_metrics,
    numbers,
    tables,
    vocab,
)
from monitor.model import FAMILIES, Extracted  # noqa: E402
from monitor.statements import find_statements  # noqa: E402
from tests.corpus.harness import (  # noqa: E402
    document,
    load_cases,
    load_real,
    report_real,
    run_real,
    score,
    score_real,
    second_labels,
    tally,
)

SHARED = ROOT.parent / "shared" / "realdata" / "ncmec"
OJJDP_2023 = ROOT / "tests" / "data" / "ncmec-ojjdp-2023.pdf"


def clear_caches() -> None:
    """Forget every memoised reading, so a timing counts the work from scratch."""
    for f in (numbers.scan, numbers._periods, vocab.classify, tables.parse_cell):
        f.cache_clear()


def best(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def corpus() -> None:
    cases = load_cases()
    scores, per_layout, times = [], {}, []
    for case in cases:
        clear_caches()
        t = time.perf_counter()
        doc = document(case)
        got = find_metrics(doc, url=case.url, title=case.title)
        times.append((time.perf_counter() - t, case.id))
        s = score(case, got)
        scores.append(s)
        per_layout.setdefault(case.layout, []).append(s)
    counts = tally(scores)
    print(f"## Corpus: {len(cases)} cases (tests/corpus/)\n")
    print(f"{'family':<26} {'precision':>9} {'recall':>7} {'tp':>5} {'fp':>4} {'fn':>4}")
    for family in (*FAMILIES, "outcomes"):
        c = counts[family]
        print(f"{family:<26} {c.precision:>9.3f} {c.recall:>7.3f} {c.tp:>5} {c.fp:>4} {c.fn:>4}")
    print("\nOutcome families by layout:")
    for layout, ss in sorted(per_layout.items()):
        c = tally(ss)["outcomes"]
        print(f"  {layout:<12} P={c.precision:.3f} R={c.recall:.3f} (tp {c.tp}, fp {c.fp}, "
              f"fn {c.fn}, {len(ss)} cases)")  # fmt: skip
    misses = [(case.id, e) for case, s in zip(cases, scores, strict=True) for e in s.missed]
    for cid, e in misses:
        why = e.get("miss", "not marked as known")
        print(f"  missed in {cid}: {e['family']} {e.get('period')} {e['value']} ({why})")
    kinds = {"html": "HTML", "pdf": "made-up PDF", "file": "real PDF"}
    for key, name in kinds.items():
        secs = sorted(t for (t, _), c in zip(times, cases, strict=True) if key in c.source)
        if secs:
            print(f"Time per document, {name:<11} (extraction + metrics): median "
                  f"{statistics.median(secs) * 1e3:7.1f} ms, max {secs[-1] * 1e3:7.1f} ms, "
                  f"{len(secs)} documents")  # fmt: skip
    print()


def real_pdfs(repeat: int) -> None:
    paths = sorted((ROOT / "tests" / "data").glob("*.pdf"))
    if SHARED.is_dir():
        known = {p.name for p in paths}
        paths += [p for p in sorted(SHARED.glob("*.pdf")) if p.name not in known]
    print(f"## Real NCMEC PDFs: figures found ({len(paths)} files)\n")
    short = dict(zip(FAMILIES, ("arrests", "feedback", "prosec.", "convict.", "children",
                                 "referral", "reports", "files"), strict=True))  # fmt: skip
    print(f"{'file':<28} {'figures':>7} {'metrics ms':>10}  " + " ".join(
        f"{short[f]:>8}" for f in FAMILIES))  # fmt: skip
    for path in paths:
        doc = extract_pdf(path.read_bytes())
        url = f"https://www.missingkids.org/content/dam/missingkids/pdfs/{path.name}"

        def run(doc=doc, url=url) -> list:  # type: ignore[no-untyped-def]
            clear_caches()
            return find_metrics(doc, url=url, title=doc.title)

        found = run()
        ms = best(run, repeat) * 1e3
        by = Counter(m.family for m in found)
        where = "" if path.parent == SHARED else " *"
        print(f"{path.name + where:<28} {len(found):>7} {ms:>10.1f}  " + " ".join(
            f"{by.get(f, 0):>8}" for f in FAMILIES))  # fmt: skip
    print("(* also under tests/data/)\n")


def timing(repeat: int) -> None:
    from pdfminer.high_level import extract_text

    data = OJJDP_2023.read_bytes()
    bare = best(lambda: extract_text(str(OJJDP_2023)), repeat)

    def full() -> None:
        clear_caches()
        find_metrics(extract_pdf(data), url=OJJDP_2023.name)

    ours = best(full, repeat)
    extract_only = best(lambda: extract_pdf(data), repeat)
    doc = extract_pdf(data)

    def metrics_cold() -> None:
        clear_caches()
        find_metrics(doc, url=OJJDP_2023.name)

    cold = best(metrics_cold, repeat * 3)
    warm = best(lambda: find_metrics(doc, url=OJJDP_2023.name), repeat * 3)

    def both_cold() -> None:
        clear_caches()
        find_metrics(doc, url=OJJDP_2023.name)
        find_statements(doc)

    both = best(both_cold, repeat * 3)
    print(f"## Cost on {OJJDP_2023.relative_to(ROOT)} (best of {repeat})\n")
    print(f"pdfminer extract_text (bare parse)      {bare * 1e3:8.0f} ms   1.00x")
    print(f"extract_pdf (text + tables + links)     {extract_only * 1e3:8.0f} ms "
          f"  {extract_only / bare:.2f}x")  # fmt: skip
    print(f"extract_pdf + find_metrics              {ours * 1e3:8.0f} ms   {ours / bare:.2f}x")
    print(f"find_metrics alone, cold caches         {cold * 1e3:8.1f} ms")
    print(f"find_metrics alone, warm caches         {warm * 1e3:8.1f} ms")
    print(f"figures + statements, cold caches       {both * 1e3:8.1f} ms   (target: <= 200 ms)")
    print()
    linearity(repeat)


def linearity(repeat: int) -> None:
    """Figures + statements on table-like text of growing size (a parenthesis left open on
    every line: the layout that once made statement segmentation quadratic)."""
    print("Figures + statements by text size (table-like lines, '(' left open):")
    base = None
    for lines in (2_500, 5_000, 10_000, 20_000):
        rows = "\n".join(
            f"Agency {i} reported arrests {i * 7} cases {i * 3} ({i}" for i in range(lines)
        )
        doc = Extracted(kind="pdf", pages=[f"Arrests (total reported by agency\n{rows}"])

        def run(doc: Extracted = doc) -> None:
            clear_caches()
            find_metrics(doc)
            find_statements(doc)

        secs = best(run, repeat)
        per = secs / len(doc.text) * 1e6
        base = base or per
        print(f"  {len(doc.text):>9,} characters  {secs * 1e3:8.0f} ms  {per:6.2f} us/char"
              f"  ({per / base:.2f}x the smallest's)")  # fmt: skip


def real(paths: list[Path]) -> None:
    cases = load_real(paths)
    names = ", ".join(str(p) for p in paths)
    found = [run_real(c) for c in cases]
    scores = [score_real(c, f) for c, f in zip(cases, found, strict=True)]
    print("\n".join(report_real(scores, f" ({names}; the first labeller's labels)")))
    print()
    if all(c.second is not None for c in cases):
        print("\n".join(report_real(
            [score_real(c, f, agreed=True) for c, f in zip(cases, found, strict=True)],
            f" ({names}; labels both labellers gave)",
        )))  # fmt: skip
        print()
        print("\n".join(report_real(
            [score_real(c, second_labels(c)) for c in cases],
            f" ({names}; the second labeller scored against the first)",
        )))  # fmt: skip
        print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs per timing (best is kept)")
    ap.add_argument("--real", nargs="+", type=Path, default=[], help="real-passage YAML files")
    ap.add_argument("--only-real", action="store_true", help="score the --real files only")
    args = ap.parse_args()
    print(f"finder: {Path(monitor.__file__).parent}\n")
    if args.real:
        real(args.real)
    if args.only_real:
        return
    corpus()
    real_pdfs(args.repeat)
    timing(args.repeat)


if __name__ == "__main__":
    main()
