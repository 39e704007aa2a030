"""HTML -> visible text, title, absolute links and tables."""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urljoin

from bs4 import BeautifulSoup, UnicodeDammit
from bs4.element import NavigableString, Tag

from ..model import Extracted, Table

# Parts of a page that are not its content: they change for reasons of their own.
_DROP = ("script", "style", "noscript", "template", "nav", "header", "footer", "svg", "iframe")
_BLOCK = re.compile(
    r"^(p|div|br|li|ul|ol|tr|table|h[1-6]|section|article|main|aside|dd|dt|dl|"
    r"blockquote|pre|figure|figcaption|caption|thead|tbody|form|hr|address)$"
)
_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")


def decode(data: bytes, declared: str | None = None) -> str:
    """Bytes -> str, trusting a BOM, then the declared charset, then detection."""
    dammit = UnicodeDammit(data, [declared] if declared else [], is_html=True)
    text = dammit.unicode_markup
    if text is None:
        text = data.decode("utf-8", errors="replace")
    return text.replace("\x00", "")


def _lines(node: Tag) -> list[str]:
    """Text with a line break at every block element, each line's spaces folded."""
    parts: list[str] = []
    for el in node.descendants:
        if isinstance(el, NavigableString):
            if type(el) is NavigableString:  # not comments, CDATA, doctype
                parts.append(str(el))
        elif isinstance(el, Tag) and _BLOCK.match(el.name or ""):
            parts.append("\n")
        elif isinstance(el, Tag) and el.name in ("td", "th"):
            parts.append(" ")
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


def _cell(el: Tag) -> str:
    return _SPACE.sub(" ", el.get_text(" ")).strip()


def extract_html(
    data: bytes,
    url: str,
    *,
    select: str | None = None,
    plain: bool = False,
    charset: str | None = None,
) -> Extracted:
    """Extract a page; with `select`, only the part it matches (an error when none)."""
    markup = decode(data, charset)
    if plain:
        lines = [_SPACE.sub(" ", line).strip() for line in markup.splitlines()]
        return Extracted(kind="html", pages=["\n".join(line for line in lines if line)])
    soup = BeautifulSoup(markup, "lxml")
    title_tag = soup.find("title")
    title = _SPACE.sub(" ", title_tag.get_text()).strip() if title_tag else None
    base_tag = soup.find("base", href=True)
    base = urljoin(url, str(base_tag["href"])) if base_tag else url
    for el in soup.find_all(_DROP):
        el.decompose()
    root: Tag = soup.body or soup
    if select:
        found = soup.select(select)
        if not found:
            from . import ExtractError

            raise ExtractError(f"the selector {select!r} matched nothing on the page")
        root = BeautifulSoup("", "lxml").new_tag("div")
        for el in found:
            root.append(el.extract())
    links: dict[str, None] = {}
    for a in root.find_all("a", href=True):
        href = urldefrag(urljoin(base, str(a["href"]).strip())).url
        if href.startswith(("http://", "https://")):
            links.setdefault(href, None)
    tables = []
    for t in root.find_all("table"):
        rows = [[_cell(c) for c in tr.find_all(["td", "th"])] for tr in t.find_all("tr")]
        rows = [r for r in rows if any(r)]
        if rows:
            tables.append(Table(page=None, rows=rows))
    return Extracted(
        kind="html",
        pages=["\n".join(_lines(root))],
        title=title or None,
        links=list(links),
        tables=tables,
    )
