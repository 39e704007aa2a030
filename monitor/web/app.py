"""The web view's routes: each page is one query from monitor.queries and one template.

Handlers are plain functions: Starlette runs them in its thread pool, so a page's SQLite reads
and rendering never hold up the daemon's event loop when the view runs inside `monitor run`.
Every connection to state/ is read-only and lives for one request.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import queries
from ..config import Config
from ..diff import text_diff
from ..human import size
from ..model import EVENT_KINDS, FAMILIES
from ..store import StateError
from . import charts
from .security import Guard

HERE = Path(__file__).parent
PAGE = 50  # events per page
VERSIONS = 100  # versions per document page
GROUPS = 60  # figure groups per page
DOCS = 200  # documents per overview page (problems first)


def _when(stamp: str | None) -> str:
    return stamp[:19].replace("T", " ") if stamp else "-"


def _ago(stamp: str | None) -> str:
    if not stamp:
        return "never"
    try:
        at = datetime.fromisoformat(stamp)  # 3.11 reads the Z; 10x strptime, 1,000 a page
    except ValueError:
        return stamp
    s = (datetime.now(UTC) - at).total_seconds()
    for unit, seconds in (("d", 86400), ("h", 3600), ("min", 60)):
        if s >= seconds:
            return f"{s / seconds:.0f} {unit} ago"
    return f"{max(s, 0):.0f} s ago"


def _href(url: str | None) -> str:
    """Only http(s) URLs become links: a `javascript:` or `data:` URL from a page is text."""
    u = (url or "").strip()
    return u if u.lower().startswith(("http://", "https://")) else "#"


def _value(v: Any, unit: str | None = "count") -> str:
    if v is None or v == "":
        return "-"
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    if unit == "percent":
        return f"{f:g}%"
    return f"{f:,.0f}" if f.is_integer() else f"{f:,}"


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, every value: page text is untrusted
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(when=_when, ago=_ago, size=size, href=_href, value=_value)
    env.globals.update(FAMILIES=FAMILIES, EVENT_KINDS=EVENT_KINDS)
    return env


class Pages:
    def __init__(self, cfg: Config, daemon: bool) -> None:
        self.cfg = cfg
        self.state = cfg.state_dir
        self.daemon = daemon  # inside `monitor run`: /healthz follows the heartbeat
        self.env = environment()

    @contextmanager
    def db(self) -> Iterator[sqlite3.Connection]:
        try:
            db = queries.connect(self.state)
        except StateError as e:
            raise HTTPException(503, str(e)) from None
        try:
            yield db
        finally:
            db.close()

    def render(self, request: Request, name: str, code: int = 200, **ctx: Any) -> HTMLResponse:
        html = self.env.get_template(name).render(request=request, path=request.url.path, **ctx)
        return HTMLResponse(html, code)

    # -- pages ------------------------------------------------------------------------------
    def overview(self, request: Request) -> Response:
        """Every document, those with a problem first, DOCS a page."""
        start = max(_int(request.query_params.get("start")) or 0, 0)
        with self.db() as db:
            docs = queries.overview(db)
            latest = queries.events(db, alert=True, limit=20)
        counts: dict[str, int] = {}
        for row in docs:
            counts[row.doc.status] = counts.get(row.doc.status, 0) + 1
        return self.render(request, "overview.html", docs=docs[start : start + DOCS],
                           total=len(docs), counts=counts, start=start, step=DOCS,
                           latest=latest)  # fmt: skip

    def events(self, request: Request) -> Response:
        q = request.query_params
        kind = q.get("kind") or None
        family = q.get("family") or None
        document = q.get("document") or None
        before = _int(q.get("before"))
        with self.db() as db:
            rows = queries.events(db, document, kind, family, before, limit=PAGE + 1)
        more = len(rows) > PAGE
        rows = rows[:PAGE]
        filters = {k: v for k, v in (("kind", kind), ("family", family),
                                     ("document", document)) if v}  # fmt: skip
        return self.render(request, "events.html", rows=rows, filters=filters,
                           older=rows[-1].id if more else None, first=before is None,
                           title="Events")  # fmt: skip

    def event(self, request: Request) -> Response:
        with self.db() as db:
            ev = queries.event(db, request.path_params["id"])
        if ev is None:
            raise HTTPException(404, f"no event #{request.path_params['id']}")
        return self.render(request, "event.html", ev=ev)

    def alert(self, request: Request) -> Response:
        n = request.path_params["id"]
        with self.db() as db:
            rows = queries.events(db, message=n, limit=1000)
        if not rows:
            raise HTTPException(404, f"no alert #{n}")
        return self.render(request, "events.html", rows=rows, filters={}, older=None,
                           first=True, title=f"Alert #{n}")  # fmt: skip

    def document(self, request: Request) -> Response:
        doc_id = request.path_params["doc"]
        before = _int(request.query_params.get("before"))
        with self.db() as db:
            doc = queries.document(db, doc_id)
            if doc is None:
                raise HTTPException(404, f"no document {doc_id!r}")
            versions = queries.versions(db, doc_id, before, VERSIONS + 1)
            more = len(versions) > VERSIONS
            versions = versions[:VERSIONS]
            newest = versions[0].snap if versions and before is None else None
            if newest is None:
                row = db.execute(
                    "SELECT MAX(id) FROM snapshots WHERE document=?", (doc_id,)
                ).fetchone()
                newest = queries.snapshot(db, doc_id, row[0]) if row[0] else None
            figures = queries.metrics_of(db, newest.id) if newest else []
            statements = queries.statements_of(db, newest) if newest else None
            children = [d for d in queries.documents(db, doc.source) if d.parent == doc.id]
        return self.render(request, "document.html", doc=doc, versions=versions,
                           older=versions[-1].snap.id if more else None, figures=figures,
                           statements=statements, newest=newest, children=children)  # fmt: skip

    def diff(self, request: Request) -> Response:
        doc_id = request.path_params["doc"]
        q = request.query_params
        with self.db() as db:
            doc = queries.document(db, doc_id)
            if doc is None:
                raise HTTPException(404, f"no document {doc_id!r}")
            snaps = queries.snapshots(db, doc_id)
            try:
                new = queries.find_snapshot(snaps, doc_id, q.get("to") or None, -1)
                old = queries.find_snapshot(snaps, doc_id, q.get("from") or None, -2)
            except LookupError as e:
                raise HTTPException(404, str(e)) from None
            lines: list[tuple[str, str]] = []
            changes: list[Any] | None = []
            if new is not None and old is not None:
                try:
                    a, b = (queries.read_text(self.state, s) for s in (old, new))
                except OSError:
                    raise HTTPException(404, "this version's text file is gone") from None
                lines = [(_line_class(ln), ln) for ln in text_diff(a, b, old.at, new.at).lines]
                before, after = queries.statements_of(db, old), queries.statements_of(db, new)
                if before is None or after is None:
                    changes = None
                else:
                    from ..statements import compare_statements

                    changes = compare_statements(before, after)
        return self.render(request, "diff.html", doc=doc, old=old, new=new, lines=lines,
                           changes=changes, snaps=snaps)  # fmt: skip

    def text(self, request: Request) -> Response:
        snap = self._snapshot(request)
        try:
            body = (self.state / snap.text_path).read_bytes()
        except OSError:
            raise HTTPException(404, "this version's text file is gone") from None
        return Response(body, media_type="text/plain; charset=utf-8")

    def raw(self, request: Request) -> Response:
        """The bytes as fetched, always as a download: a watched page's HTML must never run
        on this origin."""
        snap = self._snapshot(request)
        try:
            body = (self.state / snap.raw_path).read_bytes()
        except OSError:
            raise HTTPException(404, "this version's raw file is gone") from None
        name = f"{snap.document}-{Path(snap.raw_path).name}"
        disposition = f'attachment; filename="{name}"'
        return Response(
            body, media_type="application/octet-stream",
            headers={"Content-Disposition": disposition},
        )  # fmt: skip

    def _snapshot(self, request: Request) -> Any:
        doc_id, n = request.path_params["doc"], request.path_params["snap"]
        with self.db() as db:
            snap = queries.snapshot(db, doc_id, n)
        if snap is None or queries.is_pruned(snap):
            raise HTTPException(404, f"{doc_id} has no version {n} with its files")
        return snap

    def figures(self, request: Request) -> Response:
        q = request.query_params
        family = q.get("family") or None
        document = q.get("document") or None
        start = max(_int(q.get("start")) or 0, 0)
        with self.db() as db:
            groups, total = queries.figures(db, family, document, start, GROUPS)
        shown = [_charted(g) for g in groups]
        return self.render(request, "figures.html", groups=shown, family=family,
                           document=document, start=start, total=total, step=GROUPS)  # fmt: skip

    def healthz(self, request: Request) -> Response:
        if self.daemon:
            from ..health import health

            ok, line = health(self.cfg)
        else:
            ok, line = queries.readable(self.state)
        return PlainTextResponse(line + "\n", 200 if ok else 503)

    def metrics(self, request: Request) -> Response:
        from .prom import exposition

        with self.db() as db:
            body, ctype = exposition(db, self.cfg)
        return Response(body, media_type=ctype)

    async def error(self, request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        detail = exc.detail if isinstance(exc, HTTPException) else "internal error"
        headers = getattr(exc, "headers", None) or {}
        if request.url.path in ("/metrics", "/healthz") or status in (401, 405):
            return PlainTextResponse(f"{status}: {detail}\n", status, headers=headers)
        return self.render(request, "error.html", status, status=status, detail=detail)


def _int(v: str | None) -> int | None:
    try:
        return int(v) if v else None
    except ValueError:
        return None


def _line_class(line: str) -> str:
    if line.startswith(("+++", "---")):
        return "file"
    if line.startswith("@@"):
        return "hunk"
    return {"+": "add", "-": "del"}.get(line[:1], "ctx")


def _charted(g: queries.FigureGroup) -> dict[str, Any]:
    """A figure group with its charts: its value across versions (one line per period) and,
    where the document gives several periods, its value by period."""
    title = f"{g.label} ({g.family.replace('_', ' ')}) in {g.document}"
    series = [
        charts.Series(f.period or "", [(p.at[:10], p.value) for p in f.history])
        for f in g.figures
        if f.history
    ]
    periods = sorted((f for f in g.figures if f.period), key=lambda f: f.period or "")
    return {
        "group": g,
        "versions": charts.line_chart(f"{title}, across versions", series, g.unit),
        "periods": charts.bar_chart(
            f"{title}, by period", [(f.period or "", f.value) for f in periods], g.unit
        )
        if len(periods) > 1
        else None,
    }


def create_app(cfg: Config, daemon: bool = False) -> Any:
    """The ASGI app: the routes behind the read-only guard (methods, auth, headers)."""
    pages = Pages(cfg, daemon)
    routes = [
        Route("/", pages.overview),
        Route("/events", pages.events),
        Route("/events/{id:int}", pages.event),
        Route("/alerts/{id:int}", pages.alert),
        Route("/documents/{doc}", pages.document),
        Route("/documents/{doc}/diff", pages.diff),
        Route("/documents/{doc}/versions/{snap:int}/text", pages.text),
        Route("/documents/{doc}/versions/{snap:int}/raw", pages.raw),
        Route("/figures", pages.figures),
        Route("/metrics", pages.metrics),
        Route("/healthz", pages.healthz),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: pages.error, Exception: pages.error},
    )
    return Guard(app, cfg.web.token, open_paths=("/healthz",))
