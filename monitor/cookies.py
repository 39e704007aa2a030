"""The fetcher's cookie jar, bounded.

Cookies are kept because some sites answer a first visit with a cookie and a redirect to the
same page (a bot or consent check) and serve the page only to a client that sends it back.
The daemon runs for months and follows redirects and discovered links to hosts without end,
so the jar has the limits RFC 6265 (6.1) asks a browser to support at least, and no more:
4096 bytes a cookie (name and value), 50 cookies a domain, 3000 in all. Past them, the
domains least recently set a cookie lose theirs first; a larger cookie is not kept.
"""

from __future__ import annotations

import contextlib
import http.cookiejar
from collections import OrderedDict

MAX_COOKIE_BYTES = 4096
MAX_PER_DOMAIN = 50
MAX_COOKIES = 3000


class BoundedCookieJar(http.cookiejar.CookieJar):
    """A CookieJar that never holds more than the limits above (httpx takes any CookieJar)."""

    def __init__(self) -> None:
        super().__init__()
        self._recent: OrderedDict[str, int] = OrderedDict()  # domain -> cookies, oldest first

    def set_cookie(self, cookie: http.cookiejar.Cookie) -> None:
        """Called for each cookie a response sets (by extract_cookies, under the jar's lock)."""
        size = len(cookie.name) + len(cookie.value or "")
        if size > MAX_COOKIE_BYTES:
            return
        with self._cookies_lock:  # type: ignore[attr-defined]  # an RLock: re-entered here
            super().set_cookie(cookie)
            self._trim(cookie)

    def _trim(self, new: http.cookiejar.Cookie) -> None:
        domain = new.domain
        others = [c for c in self if c.domain == domain and c is not new]
        extra = max(0, len(others) + 1 - MAX_PER_DOMAIN)
        for old in others[:extra]:  # the jar's order: by path, then as first set
            self.clear(old.domain, old.path, old.name)
        self._recent[domain] = len(others) - extra + 1
        self._recent.move_to_end(domain)
        while sum(self._recent.values()) > MAX_COOKIES and len(self._recent) > 1:
            oldest = next(iter(self._recent))
            del self._recent[oldest]
            with contextlib.suppress(KeyError):  # cleared already (expired, or by the server)
                self.clear(oldest)
