"""Bytes -> Extracted: visible text, title, links and tables of one document."""

from __future__ import annotations

from ..model import Extracted
from .html import extract_html


class ExtractError(Exception):
    """The document could not be read (corrupt, encrypted, nothing matched...)."""


def extract_bytes(
    data: bytes,
    kind: str | None,
    url: str,
    select: str | None = None,
    charset: str | None = None,
) -> Extracted:
    """Extract in this process; the daemon runs PDFs through worker.ParserPool instead."""
    if kind == "pdf":
        from .pdf import extract_pdf  # pdfminer is heavy: import it only when needed

        return extract_pdf(data)
    if kind in ("html", "text", None):
        return extract_html(data, url, select=select, plain=kind == "text", charset=charset)
    raise ExtractError(f"cannot extract a document of kind {kind!r}")


__all__ = ["ExtractError", "Extracted", "extract_bytes", "extract_html"]
