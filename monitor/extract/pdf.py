"""PDF -> text per page, tables and metadata, with pdfplumber on pdfminer.six.

pdfplumber lays out each page once; its text and its tables both come from that layout,
and it rebuilds the real OJJDP tables row by row where plain pdfminer text scrambles them.
"""

from __future__ import annotations

import hashlib
import io
import re
from datetime import datetime
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from ..model import Extracted, PageExtract, Table

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


def fingerprint(page: pdfplumber.page.Page, shared: dict[int, bytes] | None = None) -> str:
    """A cheap identity of everything a page's extraction depends on: its raw content
    streams, the fonts and XObjects they use (a font's encoding and widths decide the text
    and its spacing), and its link annotations (the links discovery follows).

    Read before any layout (pdfminer drops a stream's raw bytes once it decodes it), it lets
    a re-published PDF reuse the extraction of every page whose drawing did not change.
    `shared` caches the digests of objects pages share (a font used on every page is read
    once per document).
    """
    h = hashlib.sha1()
    obj = page.page_obj
    for ref in obj.contents or ():
        stream = resolve1(ref)
        if isinstance(stream, PDFStream):
            h.update(stream.rawdata if stream.rawdata is not None else stream.get_data())
    h.update(repr(obj.mediabox).encode())
    shared = {} if shared is None else shared
    resources = resolve1(obj.resources) or {}
    if isinstance(resources, dict):
        for kind in ("Font", "XObject"):
            h.update(b"/" + kind.encode())
            _digest(resources.get(kind), h, shared)
    h.update(b"/Annots")
    _digest(obj.attrs.get("Annots"), h, shared)
    return h.hexdigest()


# Keys that point back up the tree (a page, its parent) or only draw (an annotation's
# appearance): they decide nothing an extraction reads, and would pull in whole pages.
_BACK = frozenset({"P", "Parent", "AP", "Popup", "IRT", "StructParent", "StructParents"})


def _digest(obj: object, h: Any, shared: dict[int, bytes], depth: int = 0) -> None:
    """Feed a PDF object's content to `h`: dictionaries by sorted key, arrays in order,
    streams by their raw bytes, references by what they point to (not by object number,
    which a re-published file renumbers)."""
    if depth > 16:
        h.update(b"^")
        return
    if isinstance(obj, PDFObjRef):
        known = shared.get(obj.objid)
        if known is None:
            shared[obj.objid] = b"~"  # a reference loop reads as itself
            sub = hashlib.sha1()
            try:
                _digest(obj.resolve(), sub, shared, depth + 1)
            except Exception:  # a broken reference (pdfminer raises many kinds): as far as it goes
                sub.update(b"!")
            known = shared[obj.objid] = sub.digest()
        h.update(known)
    elif isinstance(obj, dict):
        h.update(b"<<")
        for key in sorted(obj, key=str):
            if str(key) not in _BACK:
                h.update(str(key).encode() + b"=")
                _digest(obj[key], h, shared, depth + 1)
        h.update(b">>")
    elif isinstance(obj, list | tuple):
        h.update(b"[")
        for item in obj:
            _digest(item, h, shared, depth + 1)
        h.update(b"]")
    elif isinstance(obj, PDFStream):
        _digest(obj.attrs, h, shared, depth + 1)
        h.update(obj.rawdata if obj.rawdata is not None else obj.get_data())
    else:
        h.update(repr(obj).encode())


def _extract_page(page: pdfplumber.page.Page, fp: str) -> PageExtract:
    found = page.find_tables()
    tables = [rows for rows in (_clean_table(t.extract()) for t in found) if rows]
    lines = page.extract_text_lines()  # the same text as extract_text(), by line
    text = [_SPACE.sub(" ", ln["text"]).strip() for ln in lines]
    boxes = [t.bbox for t in found]
    prose = [t for t, ln in zip(text, lines, strict=True) if not _inside(ln, boxes)]
    links = []
    for link in page.hyperlinks:
        uri = link.get("uri")
        if isinstance(uri, bytes):
            uri = uri.decode("latin-1")
        if isinstance(uri, str) and uri.startswith(("http://", "https://")):
            links.append(uri)
    page.close()  # drop the page's layout cache: keeps memory flat on big files
    return PageExtract(fp, "\n".join(text), "\n".join(prose), tables, links)


def _reason(e: Exception) -> str:
    """A plain reason for a PDF that pdfminer (or pdfplumber around it) could not read."""
    if isinstance(e, PdfminerException) and e.args and isinstance(e.args[0], Exception):
        e = e.args[0]  # pdfplumber wraps pdfminer's exception
    if isinstance(e, PDFPasswordIncorrect):
        return "encrypted PDF: it needs a password to open"
    if isinstance(e, PDFEncryptionError):
        return f"encrypted PDF: {e or 'unsupported encryption'}"
    if isinstance(e, RecursionError):
        return "unreadable PDF: its structure refers to itself without end (a reference loop)"
    if isinstance(e, MemoryError):
        return "unreadable PDF: it needs more memory than the parser is allowed"
    if isinstance(e, PDFSyntaxError | PSException):
        return f"corrupt PDF: {e}"
    return f"unreadable PDF: {e.__class__.__name__}: {e}"


def extract_pdf(data: bytes, reuse: dict[str, PageExtract] | None = None) -> Extracted:
    """Raise ValueError with a plain reason for a PDF that cannot be read.

    `reuse` maps page fingerprints to a previous version's page extractions: those pages
    are not laid out again.
    """
    if b"%PDF-" not in data[:1024]:
        raise ValueError("not a PDF (no %PDF- header)")
    if b"%%EOF" not in data[-2048:]:
        raise ValueError("truncated PDF (no %%EOF at the end)")
    reuse = reuse or {}
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            meta = {k: _decode_meta(v) for k, v in (pdf.metadata or {}).items()}
            shared: dict[int, bytes] = {}
            prints = [fingerprint(page, shared) for page in pdf.pages]
            extracts = [
                reuse.get(fp) or _extract_page(page, fp)
                for page, fp in zip(pdf.pages, prints, strict=True)
            ]
    except Exception as e:  # pdfminer raises many kinds on broken files
        raise ValueError(_reason(e)) from None
    if not extracts:
        raise ValueError("no pages found in the PDF (a damaged page tree or cross-reference table)")
    info = {"pages": str(len(extracts))}
    if meta.get("Title"):
        info["title"] = meta["Title"].strip()
    created = _pdf_date(meta.get("CreationDate"))
    if created:
        info["created"] = created
    return Extracted(
        kind="pdf",
        pages=[p.text for p in extracts],
        title=info.get("title"),
        links=list(dict.fromkeys(link for p in extracts for link in p.links)),
        tables=[Table(n, rows) for n, p in enumerate(extracts, 1) for rows in p.tables],
        meta=info,
        prose=[p.prose for p in extracts],
        page_extracts=extracts,
        reused_pages=sum(fp in reuse for fp in prints),
    )
