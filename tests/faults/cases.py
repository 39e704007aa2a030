"""The fault kinds, as a table: how the server misbehaves, and what the check must say.

Each Case sets up one document on the fixture server (`serve`), optionally overrides HTTP
settings, and names the error its check must record (`error`, a substring), or None when
the monitor must read it correctly (then `text` must be in the version it keeps).
"""

from __future__ import annotations

import functools
import gzip
import io
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.server import FixtureServer, free_port
from tests.test_fetch import chunked, reset, send, sequence, status, truncated

SENTENCE = "Law enforcement reported {n:,} arrests in 2024."
PATH = "/fault"


@dataclass
class Case:
    name: str
    group: str  # network | http | size | pdf | encoding
    how: str  # how the server misbehaves, in words
    serve: Callable[[FixtureServer], str]  # sets the route up; returns the document's URL
    error: str | None  # expected in the recorded error; None: must be read correctly
    text: str | None = None  # with error None: must be in the kept version's text
    http: dict[str, Any] = field(default_factory=dict)  # HttpConfig overrides
    daemon_error: str | None = None  # what `monitor run` says, if its settings differ
    # Also right from `monitor run`: with 39 documents at once on a loaded 2-core machine,
    # the daemon's event loop can be busy for seconds (parse results unpickled; the store's
    # writes are on its own thread but share the two cores), and a read timeout and the
    # deadline that are both due then fire together;
    # the deadline's message wins. Either says the server answered too slowly.
    daemon_also: str | None = None

    def loose(self, error: str | None = None) -> re.Pattern[str] | None:
        """The expected error with any number in it free: the daemon's settings differ."""
        error = error or self.daemon_error or self.error
        if error is None:
            return None
        return re.compile(re.sub(r"\\d\+|\d+(?:\\\.\d+)?", r"\\d+(?:\\.\\d+)?", re.escape(error)))

    def __str__(self) -> str:
        return self.name


# -- servers that misbehave ---------------------------------------------------------------------
def route(path: str = PATH, **kw: Any) -> Callable[[FixtureServer], str]:
    def serve(srv: FixtureServer) -> str:
        srv.set(path, **kw)
        return srv.url(path)

    return serve


def handler(h: Callable[[BaseHTTPRequestHandler], None], path: str = PATH):
    return route(path, handler=h)


def sleepy(seconds: float) -> Callable[[BaseHTTPRequestHandler], None]:
    def h(req: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        send(req, 200, b"<p>late</p>", "text/html")

    return h


def drip(every: float, size: int = 200) -> Callable[[BaseHTTPRequestHandler], None]:
    """Headers at once, then one byte every `every` seconds: each read is quick enough."""

    def h(req: BaseHTTPRequestHandler) -> None:
        req.send_response(200)
        req.send_header("Content-Type", "text/html")
        req.send_header("Content-Length", str(size))
        req.end_headers()
        try:
            for _ in range(size):
                req.wfile.write(b"x")
                req.wfile.flush()
                time.sleep(every)
        except OSError:
            req.close_connection = True

    return h


def gzip_bomb(req: BaseHTTPRequestHandler) -> None:
    send(req, 200, _bomb(), "text/html", {"Content-Encoding": "gzip"})


def bomb(srv: FixtureServer) -> str:
    """The gzip bomb, compressed before it is served: compressing 200 MB takes seconds, and
    on a loaded machine the first request met the read timeout instead of the cap."""
    _bomb()
    return handler(gzip_bomb)(srv)


@functools.cache
def _bomb() -> bytes:
    return gzip.compress(b"\0" * 200_000_000, compresslevel=9)  # ~200 KB -> 200 MB


def unreachable(srv: FixtureServer) -> str:
    return f"http://127.0.0.1:{free_port()}/x"


def unresolvable(srv: FixtureServer) -> str:
    return "http://no-such-host.invalid/report.pdf"


def redirect_to(location: str) -> Callable[[FixtureServer], str]:
    return route(status=302, headers={"Location": location})


def chain(srv: FixtureServer) -> str:
    srv.set("/r1", status=301, headers={"Location": "/r2"})
    srv.set("/r2", status=302, headers={"Location": srv.url("/r3")})
    srv.set("/r3", status=307, headers={"Location": PATH})
    srv.set(PATH, html(SENTENCE.format(n=7)))
    return srv.url("/r1")


def loop(srv: FixtureServer) -> str:
    srv.set("/loop-a", status=302, headers={"Location": "/loop-b"})
    srv.set("/loop-b", status=301, headers={"Location": "/loop-a"})
    return srv.url("/loop-a")


# -- bodies ----------------------------------------------------------------------------------
def html(inner: str, head: str = "") -> str:
    return (
        f"<html><head>{head}<title>Fault</title></head>"
        f"<body><main><p>{inner}</p></main></body></html>"
    )


def nested(depth: int) -> bytes:
    inner = SENTENCE.format(n=11).encode()
    return b"<html><body>" + b"<div>" * depth + inner + b"</div>" * depth + b"</body></html>"


@functools.cache
def big_html(megabytes: int) -> bytes:
    para = b"<p>Section text of a long page, with words and no figures at all, again.</p>\n"
    return b"<html><body>" + para * (megabytes * 1024 * 1024 // len(para)) + b"</body></html>"


def slow_to_read(lines: int = 80_000) -> bytes:
    """4.5 MB of table-like lines, each leaving a parenthesis open: parsed in half a second,
    but finding figures and statements in it takes far longer than the parse limit (it once
    took quadratic time: a statement block grew for the rest of the page)."""
    rows = "\n".join(
        f"Agency {i} reported arrests {i * 7} cases {i * 3} ({i}" for i in range(lines)
    )
    return html(f"<pre>Arrests (total reported by agency\n{rows}</pre>").encode()


def canvas_pdf(pages: int = 1, text: str | None = None, encrypt: Any = None,
               image: bool = False) -> bytes:  # fmt: skip
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1, encrypt=encrypt)
    for i in range(pages):
        if image:  # a scanned page: pixels, no text
            c.setFillColorRGB(0.1, 0.1, 0.1)
            c.rect(72, 72, 400, 600, fill=1)
        elif text is not None:
            c.drawString(72, 720, text)
        else:
            c.drawString(72, 720, f"Page {i + 1}")
        c.showPage()
    c.save()
    return buf.getvalue()


def encrypted(user: str) -> bytes:
    from reportlab.lib import pdfencrypt

    enc = pdfencrypt.StandardEncryption(user, ownerPassword="owner-pw", canPrint=0)
    return canvas_pdf(text=SENTENCE.format(n=5), encrypt=enc)


def raw_pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF built by hand, object by object, with a correct xref unless told otherwise."""
    out = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, obj)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, trailer, xref)  # fmt: skip
    return out


_STREAM = b"BT /F1 12 Tf 72 720 Td (Law enforcement reported 5 arrests in 2024.) Tj ET"


def _objects(kids: bytes = b"[3 0 R]", length: bytes | None = None) -> list[bytes]:
    length = length or str(len(_STREAM)).encode()
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids %s /Count 1 >>" % kids,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %s >>\nstream\n%s\nendstream" % (length, _STREAM),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


def kids_cycle() -> bytes:
    return raw_pdf(_objects(kids=b"[3 0 R 2 0 R]"))  # the page tree lists itself


def prev_loop() -> bytes:
    doc = raw_pdf(_objects())
    xref = int(doc.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    return doc.replace(b"/Root 1 0 R ", b"/Root 1 0 R /Prev %d " % xref)  # xref chain loops


def length_loop() -> bytes:
    return raw_pdf(_objects(length=b"4 0 R"))  # a stream whose length is itself


def bad_offsets() -> bytes:
    import re

    doc = raw_pdf(_objects())
    return re.sub(rb"(\d{10}) 00000 n", lambda m: b"%010d 00000 n" % (int(m[1]) + 7), doc)


def bad_startxref() -> bytes:
    return raw_pdf(_objects()).replace(b"startxref\n", b"startxref\n99999999\n%%", 1)


def corrupt_pdf() -> bytes:
    rnd = random.Random(5)
    return b"%PDF-1.7\n" + bytes(rnd.randrange(256) for _ in range(4000)) + b"\n%%EOF\n"


def truncated_pdf() -> bytes:
    whole = canvas_pdf(pages=3, text=SENTENCE.format(n=3))
    return whole[: len(whole) // 2]


@functools.cache
def thousands_of_pages() -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    for i in range(3000):
        for line in range(5):
            c.drawString(72, 720 - 16 * line, f"Page {i + 1}, line {line + 1}: words to lay out")
        c.showPage()
    c.save()
    return buf.getvalue()


def pdf(body: bytes | Callable[[], bytes], path: str = "/fault.pdf"):
    def serve(srv: FixtureServer) -> str:
        srv.set(path, body() if callable(body) else body, content_type="application/pdf")
        return srv.url(path)

    return serve


def encoded(body: bytes, content_type: str) -> Callable[[FixtureServer], str]:
    return route(body=body, content_type=content_type)


CP1252 = "“Law enforcement” reported 1,234 arrests in 2024 – café".encode("cp1252")
LATIN1 = html("Law enforcement reported 1,234 arrests in 2024 at the café.").encode("latin-1")
UTF16 = b"\xff\xfe" + html("Law enforcement reported 1,234 arrests in 2024 – café.").encode(
    "utf-16-le"
)
NUL = html("Law enforcement\x00 reported 1,234 arrests\x00 in 2024.").encode()
BROKEN = (
    b"<html><head><title>Broken</title><body><div><p>Law enforcement reported <b>1,234 arrests"
    b'</i> in 2024.<table><tr><td>cell</div></div></p><p <<>> class="x>still text</body>'
)

CASES: list[Case] = [
    # -- network ---------------------------------------------------------------------------
    Case("connect refused", "network", "nothing listens on the port", unreachable,
         "connection refused"),
    Case("DNS failure", "network", "the host name does not resolve (table DNS)", unresolvable,
         "cannot resolve host no-such-host.invalid"),
    Case("read timeout", "network", "answers after 3 s; read timeout 0.5 s", handler(sleepy(3)),
         "timed out after 0.5s", http={"timeout": 0.5}, daemon_also="deadline"),
    # Gaps 20x under the read timeout, so only the deadline can end it, even on a loaded
    # machine (a byte a second met the read timeout when a 2-core runner stalled for 1 s).
    Case("drip", "network", "a byte every 0.1 s, far under the 2 s read timeout; deadline 1.5 s",
         handler(drip(0.1, size=1000)), "deadline", http={"timeout": 2, "deadline": 1.5}),
    Case("reset mid-body", "network", "1 KB of 100 KB, then RST", handler(reset),
         "connection reset by the server"),
    Case("truncated body", "network", "100 of the 1,000 bytes Content-Length promised",
         handler(truncated), "incomplete response"),
    # -- HTTP ------------------------------------------------------------------------------
    Case("5xx burst", "http", "500, 502, then 200", handler(sequence(
        status(500), status(502), lambda h: send(h, 200, html(SENTENCE.format(n=2)).encode(),
                                                 "text/html"))),
         None, text="reported 2 arrests"),
    Case("5xx always", "http", "503 on every attempt", handler(status(503)),
         "HTTP 503 after 2 retries"),
    Case("429 Retry-After", "http", "429 with Retry-After: 1, then 200", handler(sequence(
        status(429, {"Retry-After": "1"}),
        lambda h: send(h, 200, html(SENTENCE.format(n=4)).encode(), "text/html"))),
         None, text="reported 4 arrests"),
    Case("429 always", "http", "429 with Retry-After: 0 on every attempt",
         handler(status(429, {"Retry-After": "0"})), "HTTP 429 after 2 retries"),
    Case("redirect chain", "http", "301 -> 302 -> 307 -> 200", chain, None,
         text="reported 7 arrests"),
    Case("redirect loop", "http", "a -> b -> a ...", loop, "too many redirects"),
    Case("redirect to a private address", "http", "302 to http://10.0.0.7/report.pdf",
         redirect_to("http://10.0.0.7/report.pdf"), "redirect refused: 10.0.0.7"),
    Case("redirect to metadata", "http", "302 to http://169.254.169.254/latest/meta-data/",
         redirect_to("http://169.254.169.254/latest/meta-data/"),
         "a cloud metadata address"),
    Case("empty body", "http", "200 with no body", route(body=b""), "empty body"),
    Case("HTML error page for a PDF", "http", "report.pdf answers 200 with an HTML page",
         pdf(html("Service unavailable, try later").encode()),
         "expected a PDF but got an HTML page titled 'Fault'"),
    # -- size --------------------------------------------------------------------------------
    Case("over the cap (Content-Length)", "size", "2 MB announced; max_bytes 1 MB",
         route(body=b"x" * 2_000_000), "body larger than 1000000 bytes",
         http={"max_bytes": 1_000_000}),
    Case("over the cap (chunked)", "size", "chunked, no length, 2 MB; max_bytes 1 MB",
         handler(chunked([b"y" * 100_000] * 20, "text/html")),
         "body larger than 1000000 bytes", http={"max_bytes": 1_000_000}),
    Case("gzip bomb", "size", "200 KB gzip inflating to 200 MB; max_bytes 1 MB",
         bomb, "body larger than 1000000 bytes", http={"max_bytes": 1_000_000}),
    Case("50 MB page", "size", "a 50 MB HTML page at the default 50 MiB cap",
         route(body=big_html(50) + b"x" * 2_000_000), "body larger than 52428800 bytes",
         http={"max_bytes": 50 * 1024 * 1024}),
    Case("20 MB page", "size", "a 20 MB HTML page under the cap; parse limit 3 s",
         route(body=big_html(20)), "HTML parsing took longer than 3s",
         http={"max_bytes": 50 * 1024 * 1024}, daemon_error="body larger than"),
    Case("slow to find figures", "size",
         "4.5 MB of table-like lines, each with a '(' left open; limit 3 s",
         route(body=slow_to_read(), content_type="text/html"),
         "finding figures and statements took longer than 3s",
         http={"max_bytes": 50 * 1024 * 1024}, daemon_error="body larger than"),
    # What is tested is depth (no recursion error), not speed: parsing it takes 2-4 s on
    # 2 busy cores, so its time limit is not the 3 s the others run under.
    Case("100,000 nested divs", "size", "<div> nested 100,000 deep around the text",
         route(body=nested(100_000)), None, text="reported 11 arrests",
         http={"pdf_timeout": 60}),
    # -- PDFs --------------------------------------------------------------------------------
    Case("corrupt PDF", "pdf", "a header, 4 KB of noise, %%EOF", pdf(corrupt_pdf),
         "PDF"),
    Case("truncated PDF", "pdf", "the first half of a PDF", pdf(truncated_pdf),
         "truncated PDF"),
    Case("encrypted PDF", "pdf", "a user password is needed", pdf(lambda: encrypted("pw")),
         "encrypted PDF: it needs a password"),
    Case("encrypted PDF, no user password", "pdf", "owner password only: readable",
         pdf(lambda: encrypted("")), None, text="reported 5 arrests"),
    Case("scanned PDF", "pdf", "an image-only page, no text", pdf(lambda: canvas_pdf(image=True)),
         "no text in the PDF (1 page): a scanned image?"),
    Case("3,000 pages", "pdf", "3,000 pages of text; parse limit 1 s", pdf(thousands_of_pages),
         "PDF parsing took longer than 1s", http={"pdf_timeout": 1}),
    Case("malformed xref (offsets)", "pdf", "every xref offset off by 7", pdf(bad_offsets),
         "no pages found"),
    Case("malformed xref (startxref)", "pdf", "startxref points past the end",
         pdf(bad_startxref), None, text="reported 5 arrests"),
    Case("page tree cycle", "pdf", "/Pages lists itself in its /Kids", pdf(kids_cycle), None,
         text="reported 5 arrests"),
    Case("xref /Prev loop", "pdf", "the trailer's /Prev points at its own xref",
         pdf(prev_loop), "reference loop"),
    Case("self-referencing /Length", "pdf", "a stream's /Length is the stream itself",
         pdf(length_loop), "reference loop"),
    # -- HTML encodings ------------------------------------------------------------------------
    Case("Windows-1252 undeclared", "encoding", "cp1252 bytes, no charset anywhere",
         encoded(CP1252, "text/html"), None, text="“Law enforcement” reported 1,234"),
    Case("UTF-16 with BOM", "encoding", "UTF-16-LE with a BOM, no charset",
         encoded(UTF16, "text/html"), None, text="2024 – café"),
    Case("UTF-16 labelled UTF-8", "encoding", "UTF-16-LE with a BOM, charset=utf-8",
         encoded(UTF16, "text/html; charset=utf-8"), None, text="2024 – café"),
    Case("Latin-1 labelled UTF-8", "encoding", "latin-1 bytes, charset=utf-8",
         encoded(LATIN1, "text/html; charset=utf-8"), None, text="at the café"),
    Case("NUL bytes", "encoding", "NUL bytes inside the text", encoded(NUL, "text/html"),
         None, text="Law enforcement reported 1,234 arrests in 2024."),
    Case("broken markup", "encoding", "unclosed and stray tags, a broken attribute",
         encoded(BROKEN, "text/html"), None, text="reported 1,234 arrests in 2024."),
]  # fmt: skip

# Settings for every case (then Case.http): fast retries, a small parse limit, one request
# at a time per host (so a fault first in line holds the others up as long as it can).
HTTP = {
    "timeout": 2,
    "deadline": 10,
    "retries": 2,
    "backoff": 0.01,
    "max_retry_after": 2,
    "per_host_concurrency": 1,
    "per_host_delay": 0,
    "pdf_timeout": 3,
}
