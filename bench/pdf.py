"""PDF extraction cost: our full extraction beside bare parsers, on the same files.

Usage: python bench/pdf.py [--reps R]     (default R=3)

Files: the real 20-page OJJDP CY 2023 report (tests/data) and a generated 100-page report
with a table on every page. Each variant runs in its own process, so its peak RSS is its
own. Variants: ours (pdfplumber text + tables + figures + statements), pdfminer.six's bare
extract_text, pypdfium2 text (bench extra), and poppler's pdftotext (Debian poppler-utils).
They run in turn, R rounds, and the median time is printed (one run varies by up to 30 %
on a shared machine; interleaving gives every variant the same weather).
Prerequisites: pip install -e '.[bench]'; apt-get install poppler-utils.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.util import generated_report  # noqa: E402


def one(variant: str, path: str) -> None:
    """Run one variant in this process; print its seconds and output size as JSON."""
    data = Path(path).read_bytes()
    t = time.perf_counter()
    if variant == "ours":
        from monitor.extract.pdf import extract_pdf
        from monitor.metrics import find_metrics
        from monitor.statements import find_statements

        doc = extract_pdf(data)
        figures = find_metrics(doc, title=doc.title)
        statements = find_statements(doc)
        size = len(doc.text)
        extra = f"{len(doc.tables)} tables, {len(figures)} figures, {len(statements)} statements"
    elif variant == "pdfminer":
        from pdfminer.high_level import extract_text

        size, extra = len(extract_text(path)), ""
    elif variant == "pypdfium2":
        import pypdfium2

        pdf = pypdfium2.PdfDocument(data)
        size = sum(len(pdf[i].get_textpage().get_text_range()) for i in range(len(pdf)))
        extra = ""
    else:  # pdftotext
        out = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, check=True)
        size, extra = len(out.stdout), ""
    seconds = time.perf_counter() - t
    print(json.dumps({"seconds": seconds, "chars": size, "extra": extra}))


def measure(variant: str, path: Path) -> dict | None:
    if variant == "pdftotext" and not shutil.which("pdftotext"):
        return None
    proc = subprocess.Popen(
        [sys.executable, __file__, "--one", variant, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return None
    result = json.loads(out)
    result["rss"] = usage.ru_maxrss / 1024
    if variant == "pdftotext":  # the work is in the grandchild: count it
        result["rss"] = float("nan")
    return result


def reuse() -> None:
    """A re-published 100-page report with one changed page, against a full extraction."""
    from monitor.extract.pdf import extract_pdf

    old = extract_pdf(generated_report(100))
    new = generated_report(100, changed_page=50)
    t = time.perf_counter()
    full = extract_pdf(new)
    full_s = time.perf_counter() - t
    t = time.perf_counter()
    part = extract_pdf(new, {p.fingerprint: p for p in old.page_extracts})
    part_s = time.perf_counter() - t
    same = part.pages == full.pages and part.tables == full.tables
    print(f"\nre-published 100-page report, 1 page changed: full {full_s:.2f} s, with reuse "
          f"{part_s:.3f} s ({part_s / full_s:.1%} of full; {part.reused_pages} pages reused; "
          f"identical result: {same})")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=3, help="interleaved rounds per file")
    reps = parser.parse_args().reps
    variants = ("ours", "pdfminer", "pypdfium2", "pdftotext")
    with tempfile.TemporaryDirectory() as tmp:
        generated = Path(tmp) / "generated-100-pages.pdf"
        generated.write_bytes(generated_report(100))
        files = [ROOT / "tests/data/ncmec-ojjdp-2023.pdf", generated]
        print(f"PDF extraction, {os.cpu_count()} cores, median of {reps} interleaved rounds, "
              f"{time.strftime('%Y-%m-%d')}")  # fmt: skip
        print(f"{'file':<28} {'variant':<10} {'seconds':>8} {'x bare':>7} {'RSS MiB':>8}  notes")
        for path in files:
            runs: dict[str, list[dict]] = {v: [] for v in variants}
            for _ in range(reps):
                for v in variants:
                    r = measure(v, path)
                    if r is not None:
                        runs[v].append(r)
            results = {
                v: {**rs[-1], "seconds": statistics.median(r["seconds"] for r in rs)}
                if rs
                else None
                for v, rs in runs.items()
            }
            bare = results["pdfminer"]["seconds"] if results["pdfminer"] else float("nan")
            for variant, r in results.items():
                if r is None:
                    print(f"{path.name:<28} {variant:<10} {'n/a':>8}")
                    continue
                print(f"{path.name:<28} {variant:<10} {r['seconds']:8.2f} "
                      f"{r['seconds'] / bare:7.2f} {r['rss']:8.1f}  {r['extra']}")  # fmt: skip
        reuse()


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        one(sys.argv[2], sys.argv[3])
    else:
        main()
