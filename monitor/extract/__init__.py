"""Bytes -> Extracted: visible text, title, links and tables of one document.

The parsers (bs4 + lxml, pdfplumber) are imported on first use: a poll where nothing
changed parses nothing, so it should not pay for importing them.
"""

from __future__ import annotations

from ..model import Extracted, PageExtract


class ExtractError(Exception):
    """The document could not be read (corrupt, encrypted, nothing matched...)."""


def extract_bytes(
    data: bytes,
    kind: str | None,
    url: str,
    select: str | None = None,
    charset: str | None = None,
    reuse: dict[str, PageExtract] | None = None,
) -> Extracted:
    """Extract in this process (checks run it in a worker: see worker.ParserPool.extract).

    `reuse`: a PDF's previous page extractions by fingerprint, not laid out again.
    """
    if kind == "pdf":
        from .pdf import extract_pdf

        return extract_pdf(data, reuse)
    if kind in ("html", "text", None):
        from .html import extract_html

        return extract_html(data, url, select=select, plain=kind == "text", charset=charset)
    raise ExtractError(f"cannot extract a document of kind {kind!r}")


__all__ = ["ExtractError", "Extracted", "extract_bytes"]
