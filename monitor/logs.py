"""Logging: human lines by default, one JSON object per line for containers, and secret
redaction on every record, whoever logs it (apprise included).

Notifier URLs carry tokens and passwords. They are registered here once, at start, and any
fragment of them is replaced by `***` in every log line and in every error text the outbox
stores (`redact`).
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
import threading
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from .model import stamp

# Query keys of apprise URLs whose values are not secrets (kept readable in logs).
_PLAIN_KEYS = {
    "from", "to", "cc", "bcc", "name", "mode", "format", "overflow", "smtp", "port",
    "method", "reply", "verify", "rto", "cto", "retry", "wait", "optional", "image",
    "footer", "timestamp", "blocks", "priority",
}  # fmt: skip
# Schemes whose host part is a server name; for the others (slack://TokenA/..., discord://
# webhook_id/token, tgram://bot_token/...) the host is itself a secret.
HOST_SCHEMES = {
    "json", "jsons", "form", "forms", "xml", "xmls", "mailto", "mailtos", "http", "https",
    "ntfy", "ntfys", "gotify", "gotifys", "matrix", "matrixs", "mmost", "mmosts", "rocket",
    "rockets", "apprise", "apprises",
}  # fmt: skip
_MIN = 4  # shorter fragments ("a", "443") are not worth hiding and would mangle every line

_lock = threading.Lock()
_secrets: list[str] = []


def secret_parts(url: str) -> list[str]:
    """The fragments of an apprise URL that may be secret: credentials, path, query values."""
    parts = {url}
    try:
        u = urlsplit(url)
    except ValueError:
        return [url]
    scheme = u.scheme.lower()
    if u.username:
        parts.add(u.username)
    if u.password:
        parts.add(u.password)
    netloc_host = u.netloc.rsplit("@", 1)[-1]
    if scheme not in HOST_SCHEMES and netloc_host:
        parts.add(netloc_host)
        if u.hostname:
            parts.add(u.hostname)
    for seg in u.path.split("/"):
        parts.add(seg)
    for key, value in parse_qsl(u.query, keep_blank_values=False):
        if key.lower().lstrip("+-:") not in _PLAIN_KEYS or key.startswith(("+", "-", ":")):
            parts.add(value)
    out = set()
    for p in parts:
        for variant in (p, unquote(p)):
            if len(variant) >= _MIN:
                out.add(variant)
    return sorted(out, key=len, reverse=True)


def register_secrets(urls: Iterable[str]) -> None:
    """Remember the secret fragments of these URLs; every later redact() hides them, and
    every log record is redacted as it is made (see _redacting_factory)."""
    with _lock:
        merged = set(_secrets)
        for url in urls:
            merged.update(secret_parts(url))
        _secrets[:] = sorted(merged, key=len, reverse=True)
        if _secrets and logging.getLogRecordFactory() is not _redacting_factory:
            global _base_factory
            _base_factory = logging.getLogRecordFactory()
            logging.setLogRecordFactory(_redacting_factory)


_base_factory = logging.getLogRecordFactory()


def _redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    """Every record, whoever logs it (urllib3's debug lines name the webhook's path), is
    redacted when it is made: no handler ever sees a secret, not even one added later by a
    library or a test harness, where a handler's filter would come too late."""
    record = _base_factory(*args, **kwargs)
    _redact_record(record)
    return record


def redact(text: str, extra: Iterable[str] = ()) -> str:
    """`text` with every registered secret fragment (and `extra` URLs' fragments) as ***."""
    secrets = list(_secrets)
    for url in extra:
        secrets.extend(secret_parts(url))
    for s in sorted(set(secrets), key=len, reverse=True):
        if s in text:
            text = text.replace(s, "***")
    return text


class RedactFilter(logging.Filter):
    """Formats the record's message now, redacted, so no handler ever sees a secret."""

    def filter(self, record: logging.LogRecord) -> bool:
        _redact_record(record)
        return True


def _redact_record(record: logging.LogRecord) -> None:
    if not _secrets:
        return
    try:
        msg = record.getMessage()
    except Exception:  # a broken format string: keep what there is
        msg = str(record.msg)
    record.msg, record.args = redact(msg), None
    if record.exc_info and record.exc_info[1] is not None:
        record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        record.exc_info = None
    elif record.exc_text:
        record.exc_text = redact(record.exc_text)


class JobCancelledAtStop(logging.Filter):
    """Drops APScheduler's "Error running job" for a job its shutdown cancelled: a run
    dispatched just as the daemon stops is cancelled before it starts (so before the job's own
    clean-stop handling), which is a clean stop, not an error with a traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info:
            return not isinstance(record.exc_info[1], asyncio.CancelledError)
        # with secrets registered, the record arrives redacted, its traceback already text
        return not (record.exc_text or "").rstrip().endswith(".CancelledError")


class JsonFormatter(logging.Formatter):
    """One JSON object per line: at, level, logger, msg, and any `extra={"data": {...}}`."""

    def format(self, record: logging.LogRecord) -> str:
        obj = {
            "at": stamp(datetime.fromtimestamp(record.created, UTC)),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        data = getattr(record, "data", None)
        if isinstance(data, dict):
            obj.update({k: v for k, v in data.items() if k not in obj})
        if record.exc_info:
            obj["exc"] = self.formatException(record.exc_info)
        elif record.exc_text:
            obj["exc"] = record.exc_text
        return redact(json.dumps(obj, ensure_ascii=False, default=str))


HUMAN = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup(level: int = logging.WARNING, fmt: str = "human", stream=None) -> None:
    """Configure the root logger once: one handler, the redaction filter, the chosen format."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.addFilter(RedactFilter())
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(HUMAN))
    root = logging.getLogger()
    for h in list(root.handlers):
        root.removeHandler(h)
    root.addHandler(handler)
    root.setLevel(level)
    # apprise logs each send at INFO with the target; keep only its warnings and errors.
    logging.getLogger("apprise").setLevel(max(level, logging.WARNING))
    # One line per scheduled job run and per HTTP request is noise unless debugging.
    for name in ("apscheduler", "httpx", "httpcore"):
        logging.getLogger(name).setLevel(
            logging.DEBUG if level <= logging.DEBUG else logging.WARNING
        )
    executors = logging.getLogger("apscheduler.executors.default")
    if not any(isinstance(f, JobCancelledAtStop) for f in executors.filters):
        executors.addFilter(JobCancelledAtStop())
