"""PDF -> text per page, tables and metadata, with pdfplumber on pdfminer.six.

pdfplumber lays out each page once; its text and its tables both come from that layout,
and it rebuilds the real OJJDP tables row by row where plain pdfminer text scrambles them.
"""

from __future__ import annotations

import io
import re
from datetime import datetime

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException

from ..model import Extracted, Table

_SPACE = re.compile(r"[ \t\u00a0]+")
_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?")


def _decode_meta(value: object) -> str | None:
    if isinstance(value, bytes):
        if value.startswith(b"\xfe\xff"):
            return value[2:].decode("utf-16-be", errors="replace")
        return value.decode("latin-1")
    return str(value) if value is not None else None


def _pdf_date(value: str | None) -> str | None:
    """'D:20240412141913Z' -> '2024-04-12T14:19:13'."""
    m = _PDF_DATE.match(value or "")
    if not m:
        return None
    parts = [int(p) if p else d for p, d in zip(m.groups(), (0, 1, 1, 0, 0, 0), strict=True)]
    try:
        return datetime(*parts).isoformat()  # type: ignore[misc]
    except ValueError:
        return None


def _clean_table(rows: list[list[str | None]]) -> list[list[str]]:
    out = []
    for row in rows:
        cells = [_SPACE.sub(" ", c or "").strip() for c in row]
        if any(cells):
            out.append(cells)
    return out


def _inside(line: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    """A text line whose middle lies in a table's box belongs to the table."""
    y = (line["top"] + line["bottom"]) / 2
    x = (line["x0"] + line["x1"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def extract_pdf(data: bytes) -> Extracted:
    """Raise ValueError with a plain reason for a PDF that cannot be read."""
    if b"%PDF-" not in data[:1024]:
        raise ValueError("not a PDF (no %PDF- header)")
    if b"%%EOF" not in data[-2048:]:
        raise ValueError("truncated PDF (no %%EOF at the end)")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise ValueError(f"encrypted PDF: {e.__class__.__name__}") from None
    except (PDFSyntaxError, PSException) as e:
        raise ValueError(f"corrupt PDF: {e}") from None
    except Exception as e:  # pdfminer raises many kinds on broken files
        raise ValueError(f"unreadable PDF: {e.__class__.__name__}: {e}") from None
    with pdf:
        meta = {k: _decode_meta(v) for k, v in (pdf.metadata or {}).items()}
        pages: list[str] = []
        prose: list[str] = []
        tables: list[Table] = []
        links: dict[str, None] = {}
        try:
            for number, page in enumerate(pdf.pages, start=1):
                found = page.find_tables()
                for table in found:
                    rows = _clean_table(table.extract())
                    if rows:
                        tables.append(Table(page=number, rows=rows))
                lines = page.extract_text_lines()  # the same text as extract_text(), by line
                text = [_SPACE.sub(" ", ln["text"]).strip() for ln in lines]
                pages.append("\n".join(text))
                boxes = [t.bbox for t in found]
                prose.append(
                    "\n".join(
                        t for t, ln in zip(text, lines, strict=True) if not _inside(ln, boxes)
                    )
                )
                for link in page.hyperlinks:
                    uri = link.get("uri")
                    if isinstance(uri, bytes):
                        uri = uri.decode("latin-1")
                    if isinstance(uri, str) and uri.startswith(("http://", "https://")):
                        links.setdefault(uri, None)
                page.close()  # drop the page's layout cache: keeps memory flat on big files
        except (PDFPasswordIncorrect, PDFEncryptionError) as e:
            raise ValueError(f"encrypted PDF: {e.__class__.__name__}") from None
        except Exception as e:
            raise ValueError(f"unreadable PDF: {e.__class__.__name__}: {e}") from None
    info = {"pages": str(len(pages))}
    if meta.get("Title"):
        info["title"] = meta["Title"].strip()
    created = _pdf_date(meta.get("CreationDate"))
    if created:
        info["created"] = created
    return Extracted(
        kind="pdf",
        pages=pages,
        title=info.get("title"),
        links=list(links),
        tables=tables,
        meta=info,
        prose=prose,
    )
