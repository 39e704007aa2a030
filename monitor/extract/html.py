"""HTML -> visible text, title, absolute links and tables."""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urljoin

from bs4 import BeautifulSoup, UnicodeDammit
from bs4.element import CData, NavigableString, Tag

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


def _tables(root: Tag) -> list[Table]:
    """Every table's rows of cell texts, in one pass over the tree, in document order.

    A row belongs to its nearest table and a cell's text stops at a table nested in it
    (that table is listed on its own). Walking the tree once with a stack keeps a hostile
    page of thousands of nested tables linear, where a find_all per table and per row
    would be cubic, and no recursion means no recursion limit.
    """
    out: list[list[list[str]]] = []
    tables: list[list[list[str]]] = []  # the open tables, innermost last
    cells: list[list[str] | None] = []  # per open table: the open cell's text parts
    stack: list[Tag | None] = [root]  # None marks the end of the element below it
    ends: list[Tag] = []
    while stack:
        el = stack.pop()
        if el is None:
            done = ends.pop()
            if done.name == "table":
                tables.pop()
                cells.pop()
            elif done.name in ("td", "th") and tables and cells[-1] is not None:
                row = tables[-1][-1] if tables[-1] else None
                if row is not None:
                    row.append(_SPACE.sub(" ", " ".join(cells[-1])).strip())
                cells[-1] = None
            continue
        if isinstance(el, NavigableString):
            if tables and cells[-1] is not None and type(el) in (NavigableString, CData):
                cells[-1].append(str(el))
            continue
        if not isinstance(el, Tag):
            continue
        name = el.name
        if name == "table":
            rows: list[list[str]] = []
            out.append(rows)
            tables.append(rows)
            cells.append(None)
        elif name == "tr" and tables:
            tables[-1].append([])
        elif name in ("td", "th") and tables and tables[-1] and cells[-1] is None:
            cells[-1] = []
        else:
            stack.extend(reversed(el.contents))
            continue
        stack.append(None)
        ends.append(el)
        stack.extend(reversed(el.contents))
    return [
        Table(page=None, rows=kept)
        for kept in ([r for r in rows if any(r)] for rows in out)
        if kept
    ]


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
    return Extracted(
        kind="html",
        pages=["\n".join(_lines(root))],
        title=title or None,
        links=list(links),
        tables=_tables(root),
    )
