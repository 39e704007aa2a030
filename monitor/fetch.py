"""The fetch stage: one URL -> one FetchResult, politely and within limits.

Why it looks like this:

* The watched site is someone else's server, so requests are polite: one shared httpx
  client and connection pool (keep-alive), a real User-Agent, conditional GET, and per host
  at most ``per_host_concurrency`` requests in flight with ``per_host_delay`` between starts.
  Redirects are followed here, hop by hop, so every hop also obeys those limits and a
  redirect's body is never read.
* The daemon must never crash on a bad server, so ``fetch()`` never raises: every failure is
  a FetchResult with a clear ``error`` (with no credentials or query string in it).
* Bodies are streamed and counted after decompression, so a huge body or a gzip bomb is cut
  at ``max_bytes``; a body is either whole or absent, never half.
* Servers lie about Content-Type (PDFs served as text/html, HTML error pages served as
  application/pdf), so ``kind`` is checked against the bytes.

A Fetcher belongs to one event loop: create it, use it and close it inside the same loop.
"""

from __future__ import annotations

import asyncio
import codecs
import email.utils
import logging
import random
import re
import socket
import ssl
import time
import urllib.request
from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from urllib.parse import urlsplit

import httpx

from .config import HttpConfig
from .cookies import BoundedCookieJar
from .guard import Resolver, UnresolvableError, host_of, screen, system_resolver, trusts
from .transport import pin, pinned_transport, proxy_for

log = logging.getLogger(__name__)

__all__ = ["FetchResult", "Fetcher", "detect_kind", "redact_url"]

_ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5"
_SNIFF_BYTES = 1024
_PDF_MAGIC = b"%PDF-"
_HTML_MARKERS = re.compile(rb"<!doctype|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_LEADING_JUNK = b"\xef\xbb\xbf \t\r\n\f\v\x00"
_PDF_TYPES = frozenset({"application/pdf", "application/x-pdf", "application/acrobat"})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_RETRY_STATUSES = frozenset({429}) | frozenset(range(500, 600))
MAX_HOSTS = 256  # hosts whose politeness state is kept while idle (see _forget_idle_hosts)


@dataclass
class FetchResult:
    """What one fetch produced; ``error`` is None exactly when it succeeded."""

    url: str  # the requested URL
    final_url: str  # after redirects
    status: int | None  # HTTP status, None if no response
    not_modified: bool = False  # 304: no body was read
    body: bytes | None = None  # full body on 2xx; None on 304 or error
    kind: str | None = None  # "pdf" | "html" | "text" | None, Content-Type checked on bytes
    content_type: str | None = None  # raw header
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None  # a clear human reason on failure; never holds credentials
    elapsed: float = 0.0  # seconds, all attempts and waits included (set by fetch())
    attempts: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None


def detect_kind(body: bytes, content_type: str | None = None) -> str | None:
    """'pdf', 'html', 'text' or None: the Content-Type, overruled by what the bytes are.

    The bytes win because servers mislabel: a PDF behind text/html is still a PDF, and an
    HTML error page behind application/pdf is HTML (so the parser does not choke on it).
    """
    head = body[:_SNIFF_BYTES]
    stripped = head.lstrip(_LEADING_JUNK)
    looks_html = _HTML_MARKERS.search(head) is not None
    if stripped.startswith(_PDF_MAGIC) or (_PDF_MAGIC in head and not looks_html):
        return "pdf"
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    if mime in _PDF_TYPES:
        return "html" if looks_html else "pdf"  # neither: let the PDF parser fail clearly
    if mime in _HTML_TYPES:
        return "html"
    if mime == "text/plain":
        return "text"
    if looks_html:
        return "html"
    return "text" if _is_text(head) else None


def _is_text(head: bytes) -> bool:
    """Whether the first bytes look like text: UTF-8, or a legacy 8-bit encoding.

    Binary formats (images, archives) give themselves away with control bytes early on.
    """
    try:
        text = codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
    except UnicodeDecodeError:
        text = head.decode("latin-1")
    return not any(ord(c) < 32 and c not in "\t\n\r\f\v" for c in text)


def redact_url(url: str) -> str:
    """The URL as safe to show: no userinfo, no query string, no fragment."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return "<invalid URL>"
    if not parts.scheme or not host:
        return "<invalid URL>"
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{port}" if port is not None else host
    return f"{parts.scheme}://{netloc}{parts.path}"


def _scrub(text: str, url: str) -> str:
    """Remove the URL's userinfo and query from a message (e.g. an exception's text)."""
    if not url:
        return text
    text = text.replace(url, redact_url(url))
    try:
        parts = urlsplit(url)
    except ValueError:
        return text
    userinfo = parts.netloc.rpartition("@")[0] if "@" in parts.netloc else ""
    for secret in (userinfo, parts.query, parts.password or ""):
        if secret:
            text = text.replace(secret, "***")
    return text


def _url_problem(url: httpx.URL) -> str | None:
    """Why httpx could not sensibly request this URL, or None (caught before any I/O)."""
    if url.scheme not in ("http", "https"):
        return f"unsupported scheme {url.scheme!r}" if url.scheme else "no http:// or https://"
    if not url.host:
        return "no host"
    if url.port is not None and not 0 < url.port < 65536:
        return f"port {url.port} out of range"
    return None


def _seconds(value: float) -> str:
    return f"{value:g}s"


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date); None if unusable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class _AttemptError(Exception):
    """One attempt's failure: its message, whether another attempt may help, and hints."""

    def __init__(
        self,
        message: str,
        *,
        retry: bool,
        status: int | None = None,
        final_url: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.retry = retry
        self.status = status
        self.final_url = final_url
        self.retry_after = retry_after


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and its causes (httpx wraps httpcore, which wraps the OSError)."""
    seen: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and cur not in seen:
        seen.append(cur)
        cur = cur.__cause__ or cur.__context__
    return seen


def _describe(exc: Exception, url: str, http: HttpConfig, host: str | None = None) -> _AttemptError:
    """Map an exception from httpx to a human message and a retry decision.

    ``url`` is the requested URL (its secrets are scrubbed from the text); ``host`` the host
    actually contacted, which differs after a redirect.
    """
    while isinstance(exc, ExceptionGroup) and len(exc.exceptions) == 1:
        exc = exc.exceptions[0]  # anyio's task groups wrap a lone error
    causes = _chain(exc)

    def has(kind: type[BaseException]) -> bool:
        return any(isinstance(c, kind) for c in causes)

    timeout = _seconds(http.timeout)
    if isinstance(exc, httpx.ConnectTimeout):
        return _AttemptError(f"timed out after {timeout} connecting", retry=True)
    if isinstance(exc, httpx.PoolTimeout):
        return _AttemptError(f"timed out after {timeout} waiting for a connection", retry=True)
    if isinstance(exc, httpx.TimeoutException):
        return _AttemptError(f"timed out after {timeout} waiting for the server", retry=True)
    if isinstance(exc, httpx.ConnectError):
        if has(ConnectionRefusedError) or "refused" in str(exc).lower():
            return _AttemptError("connection refused", retry=True)
        if has(ssl.SSLCertVerificationError):
            return _AttemptError("TLS certificate verification failed", retry=False)
        if has(ssl.SSLError):
            return _AttemptError(f"TLS error: {_scrub(str(exc), url)}", retry=True)
        if has(socket.gaierror):
            host = host or urlsplit(url).hostname or "?"
            return _AttemptError(f"cannot resolve host {host}", retry=True)
        return _AttemptError(f"cannot connect: {_scrub(str(exc), url)}", retry=True)
    if isinstance(exc, httpx.ReadError | httpx.WriteError):
        if has(ConnectionResetError) or "reset" in str(exc).lower():
            return _AttemptError("connection reset by the server", retry=True)
        return _AttemptError(f"connection error: {_scrub(str(exc), url)}", retry=True)
    if isinstance(exc, httpx.RemoteProtocolError):
        detail = _scrub(str(exc), url) or "server closed the connection"
        return _AttemptError(f"incomplete response: {detail}", retry=True)
    if isinstance(exc, httpx.DecodingError):
        return _AttemptError(f"cannot decode the body: {_scrub(str(exc), url)}", retry=False)
    if isinstance(exc, httpx.ProxyError):
        return _AttemptError(f"the proxy refused: {_scrub(str(exc), url)}", retry=True)
    if isinstance(exc, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return _AttemptError(f"invalid URL: {_scrub(str(exc), url)}", retry=False)
    if isinstance(exc, httpx.TransportError):
        return _AttemptError(f"network error: {_scrub(str(exc), url)}", retry=True)
    return _AttemptError(
        f"unexpected error: {type(exc).__name__}: {_scrub(str(exc), url)}", retry=False
    )


@dataclass
class _Host:
    """Politeness state of one host: requests in flight, and when the last one started."""

    slots: asyncio.Semaphore
    lock: asyncio.Lock
    last_start: float = float("-inf")
    users: int = 0  # requests in flight or waiting for a slot


class Fetcher:
    """Fetches URLs with one shared client, under the limits of an HttpConfig."""

    def __init__(
        self,
        http: HttpConfig,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        resolver: Resolver = system_resolver,
    ) -> None:
        self.http = http
        self._transport = transport
        self._resolve = resolver
        self._client: httpx.AsyncClient | None = None
        # (proxy, trusted hop) -> its transport and connection pool: see _pool()
        self._pools: dict[tuple[str | None, bool], httpx.AsyncBaseTransport] = {}
        self._hosts: dict[str, _Host] = {}
        self._closed = False
        self._random = random.Random()
        self._env_proxies = urllib.request.getproxies_environment()  # read once

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the shared client and its connections; later fetches fail clearly."""
        self._closed = True
        if self._client is not None:
            client, self._client = self._client, None
            await client.aclose()
        for transport in self._pools.values():
            await transport.aclose()
        self._pools.clear()

    def _get_client(self) -> httpx.AsyncClient:
        """The one client (it builds requests and keeps cookies, in a bounded jar: see
        monitor.cookies), created on first use so that it binds to the running loop."""
        if self._client is None:
            self._client = httpx.AsyncClient(
                headers={"User-Agent": self.http.user_agent, "Accept": _ACCEPT},
                cookies=BoundedCookieJar(),  # kept and sent back, within limits
                timeout=httpx.Timeout(self.http.timeout),
                transport=self._pool(None, True),  # requests are sent by _send, not by it
            )
        return self._client

    def _pool(self, proxy: str | None, trusted: bool) -> httpx.AsyncBaseTransport:
        """The transport (and its pool of kept-alive connections) for one hop.

        A hop to a host the caller trusts (the configured one: it may be private) and a hop
        to any other host (screened: public addresses only, pinned) never share a pool. A
        pooled connection is reused by scheme, host and port alone, before any connect: a
        connection opened to a trusted host's private address would otherwise carry an
        untrusted fetch of the same name (a discovered link, a redirect), whose addresses
        the guard checked and pinned, to that private address. Within one pool, every
        connection went to an address that was allowed for the hops that may reuse it."""
        if self._transport is not None:
            return self._transport
        key = (proxy, trusted)
        if key not in self._pools:
            self._pools[key] = pinned_transport(proxy)
        return self._pools[key]

    @asynccontextmanager
    async def _slot(self, host: str) -> AsyncIterator[None]:
        """Hold one of the host's request slots, started no sooner than per_host_delay."""
        state = self._hosts.get(host)
        if state is None:
            state = _Host(asyncio.Semaphore(self.http.per_host_concurrency), asyncio.Lock())
            self._hosts[host] = state
        state.users += 1
        try:
            async with state.slots:
                async with state.lock:
                    loop = asyncio.get_running_loop()
                    wait = state.last_start + self.http.per_host_delay - loop.time()
                    if wait > 0:
                        await asyncio.sleep(wait)
                    state.last_start = loop.time()
                yield
        finally:
            state.users -= 1
        if len(self._hosts) > MAX_HOSTS:
            self._forget_idle_hosts()

    def _forget_idle_hosts(self) -> None:
        """Drop the politeness state of hosts with nothing in flight and no delay left to
        keep: it is what a host never seen before gets. Redirects reach hosts without end
        over months; this table must not grow with them."""
        now = asyncio.get_running_loop().time()
        for host, state in list(self._hosts.items()):
            if not state.users and state.last_start + self.http.per_host_delay <= now:
                del self._hosts[host]

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        trusted: Collection[str] | None = None,
    ) -> FetchResult:
        """GET url (conditionally when validators are given); never raises.

        Only `trusted` hosts (default: the URL's own host, which the caller chose) may be
        loopback, private or link-local; any other host, redirects included, must resolve to
        public addresses only.
        """
        if trusted is None:
            trusted = {host_of(url)}  # "" for an invalid URL, which _attempt reports
        started = time.monotonic()
        attempts = 0
        result: FetchResult | None = None
        failure: _AttemptError | None = None
        max_attempts = self.http.retries + 1
        while attempts < max_attempts:
            attempts += 1
            try:
                result = await self._attempt(url, etag, last_modified, trusted)
                failure = None
                break
            except _AttemptError as f:
                failure = f
            except Exception as e:  # any other surprise still becomes a result
                log.warning(
                    "fetch %s: %s: %s", redact_url(url), type(e).__name__, _scrub(str(e), url)
                )
                failure = _describe(e, url, self.http)
                failure.retry = False
            if not failure.retry or attempts >= max_attempts:
                break
            delay = self._delay(attempts - 1, failure)
            log.info(
                "fetch %s: %s; retry %d/%d in %.2fs",
                redact_url(url),
                failure.message,
                attempts,
                self.http.retries,
                delay,
            )
            await asyncio.sleep(delay)
        elapsed = time.monotonic() - started
        if result is not None:
            result.elapsed = elapsed
            result.attempts = attempts
            return result
        assert failure is not None
        message = failure.message
        if failure.retry and attempts > 1:
            retries = attempts - 1
            plural = "retry" if retries == 1 else "retries"
            if failure.status is not None:
                message = f"{message} after {retries} {plural}"
            else:
                message = f"{message} (after {retries} {plural})"
        return FetchResult(
            url=url,
            final_url=failure.final_url or url,
            status=failure.status,
            error=message,
            elapsed=elapsed,
            attempts=attempts,
        )

    def _delay(self, retry_index: int, failure: _AttemptError) -> float:
        """Seconds before the next attempt: the server's Retry-After, else jittered backoff."""
        if failure.retry_after is not None:
            return min(failure.retry_after, self.http.max_retry_after)
        return self._random.uniform(0, self.http.backoff * 2**retry_index)

    async def _attempt(
        self, url: str, etag: str | None, last_modified: str | None, trusted: Collection[str]
    ) -> FetchResult:
        """One attempt, redirects included; raises _AttemptError (or an httpx error) on failure."""
        if self._closed:
            raise _AttemptError("fetcher is closed", retry=False)
        client = self._get_client()
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            request = client.build_request("GET", url, headers=headers)
        except (httpx.InvalidURL, httpx.HTTPError) as e:  # a bad URL: no point in retrying
            raise _AttemptError(f"invalid URL: {_scrub(str(e), url)}", retry=False) from None
        redirects = 0
        loop = asyncio.get_running_loop()
        budget = self.http.deadline  # seconds of network time left for this attempt
        while True:
            problem = _url_problem(request.url)
            if problem:
                where = "invalid URL" if redirects == 0 else "redirect to an invalid URL"
                raise _AttemptError(f"{where}: {problem}", retry=False)
            port = request.url.port or (443 if request.url.scheme == "https" else 80)
            # Through a proxy, the proxy resolves the host: a name this machine cannot
            # resolve is not an error, one it can is still checked.
            proxy = None if self._transport else proxy_for(request.url, self.http.proxy,
                                                          self._env_proxies)  # fmt: skip
            try:
                async with asyncio.timeout(self.http.timeout):
                    refused, addresses = await screen(
                        request.url.host, port, trusted, self._resolve, must_resolve=not proxy
                    )
            except UnresolvableError as e:
                raise _AttemptError(
                    str(e), retry=True, final_url=_final_url(request.url, url)
                ) from None
            except TimeoutError:
                raise _AttemptError(
                    f"timed out after {_seconds(self.http.timeout)} resolving {request.url.host}",
                    retry=True,
                ) from None
            if refused:
                raise _AttemptError(
                    refused if redirects == 0 else f"redirect {refused}",
                    retry=False,
                    final_url=_final_url(request.url, url),
                )
            # Connect to the addresses just checked, for this fetch only (not to a new
            # lookup's, nor to those another fetch of the same name was given).
            pin(request.url.raw_host.decode("ascii"), port, addresses)
            try:
                async with self._slot(request.url.host):
                    # The read timeout is per read: a server dripping a byte a second never
                    # trips it. The deadline bounds the whole answer (politeness waits aside).
                    started = loop.time()
                    try:
                        async with asyncio.timeout(budget):
                            hop = trusts(trusted, request.url.host)
                            response = await self._send(request, proxy, hop)
                            try:
                                if not response.has_redirect_location:
                                    return await self._finish(url, response, etag, last_modified)
                                next_request = _redirect(client, response, headers, url)
                            finally:
                                await response.aclose()
                    finally:
                        budget -= loop.time() - started
            except httpx.HTTPError as e:
                failure = _describe(e, url, self.http, request.url.host)
                if proxy:
                    failure.message += f" (through the proxy {redact_url(proxy)})"
                raise failure from None
            except TimeoutError:
                raise _AttemptError(
                    f"no complete answer within the {_seconds(self.http.deadline)} deadline"
                    " (the server sends too slowly)",
                    retry=False,
                    final_url=_final_url(request.url, url),
                ) from None
            redirects += 1
            if redirects > self.http.max_redirects:
                raise _AttemptError(
                    f"too many redirects (>{self.http.max_redirects})",
                    retry=False,
                    status=response.status_code,
                    final_url=_final_url(request.url, url),
                )
            request = next_request

    async def _send(
        self, request: httpx.Request, proxy: str | None, trusted: bool
    ) -> httpx.Response:
        """The request through a transport, not client.send(): the client's auth, redirect
        and hook layers do nothing here (redirects are followed hop by hop in _attempt) and
        cost a fifth of the CPU of a 304 poll. Cookies are still kept."""
        assert self._client is not None
        response = await self._pool(proxy, trusted).handle_async_request(request)
        response.request = request
        self._client.cookies.extract_cookies(response)
        return response

    async def _finish(
        self, url: str, response: httpx.Response, etag: str | None, last_modified: str | None
    ) -> FetchResult:
        """Turn the final (non-redirect) response into a result, reading the body if wanted."""
        status = response.status_code
        final_url = _final_url(response.url, url)
        if status == 304:
            # A 304 has no body; reading the empty stream hands the connection back to the
            # pool (an unread response is closed instead: a new TCP connection per poll).
            await response.aread()
            if not (etag or last_modified):
                raise _AttemptError(
                    "HTTP 304 without a conditional request",
                    retry=False,
                    status=status,
                    final_url=final_url,
                )
            return FetchResult(
                url=url,
                final_url=final_url,
                status=status,
                not_modified=True,
                content_type=response.headers.get("Content-Type"),
                etag=response.headers.get("ETag") or etag,
                last_modified=response.headers.get("Last-Modified") or last_modified,
            )
        if not 200 <= status < 300:
            raise _AttemptError(
                f"HTTP {status}",
                retry=status in _RETRY_STATUSES,
                status=status,
                final_url=final_url,
                retry_after=(
                    _retry_after(response.headers.get("Retry-After"))
                    if status in (429, 503)
                    else None
                ),
            )
        body = await self._read_capped(response, final_url)
        content_type = response.headers.get("Content-Type")
        return FetchResult(
            url=url,
            final_url=final_url,
            status=status,
            body=body,
            kind=detect_kind(body, content_type),
            content_type=content_type,
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
        )

    async def _read_capped(self, response: httpx.Response, final_url: str) -> bytes:
        """The decoded body, or _AttemptError as soon as it is known to exceed max_bytes.

        Counting after decompression is what cuts a gzip bomb; httpx decodes one network
        chunk (<= 64 KiB, so at most ~64 MiB inflated) at a time, so the overshoot is bounded.
        """
        cap = self.http.max_bytes
        too_big = _AttemptError(
            f"body larger than {cap} bytes",
            retry=False,
            status=response.status_code,
            final_url=final_url,
        )
        declared = response.headers.get("Content-Length", "").strip()
        if declared.isdigit() and int(declared) > cap:
            raise too_big
        chunks: list[bytes] = []
        total = 0
        async for chunk in response.aiter_bytes():
            total += len(chunk)
            if total > cap:
                raise too_big
            chunks.append(chunk)
        return b"".join(chunks)


def _redirect(
    client: httpx.AsyncClient, response: httpx.Response, headers: dict[str, str], url: str
) -> httpx.Request:
    """The next hop: a GET of the Location (relative to this hop), with the same validators."""
    request = response.request
    try:
        target = request.url.join(response.headers["Location"])
    except httpx.InvalidURL as e:
        raise _AttemptError(
            f"redirect to an invalid URL: {_scrub(str(e), url)}",
            retry=False,
            status=response.status_code,
            final_url=_final_url(request.url, url),
        ) from None
    return client.build_request("GET", target, headers=headers)


def _final_url(reached: httpx.URL, requested: str) -> str:
    """The URL reached, spelled as requested when it is the same (no spurious 'moved')."""
    if str(reached) == requested:  # the common case, without parsing the URL again
        return requested
    try:
        if reached == httpx.URL(requested):
            return requested
    except httpx.InvalidURL:
        pass
    return str(reached)
