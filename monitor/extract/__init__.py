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


_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x7fELF", "an ELF executable"),
    (b"MZ", "a Windows executable"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
    (b"\xca\xfe\xba\xbe", "a Mach-O or Java class file"),
    (b"PK\x03\x04", "a zip archive (or a .docx/.xlsx/.pptx, which are zips)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file (.doc/.xls)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip file"),
    (b"BZh", "a bzip2 file"),
    (b"\xfd7zXZ", "an xz file"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"%!PS", "a PostScript file"),
    (b"\x00asm", "a WebAssembly module"),
)


def looks_like(data: bytes) -> str:
    """What bytes that are no HTML, PDF or text seem to be, for an error message."""
    if not data:
        return "an empty file"
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    if data[:4] == b"RIFF":
        return "a RIFF file (WebP, WAV or AVI)"
    if data[4:8] == b"ftyp":
        return "an MP4/QuickTime video or HEIC image"
    return f"binary data (starts with {data[:8].hex(' ')})"


__all__ = ["ExtractError", "Extracted", "extract_bytes", "looks_like"]
