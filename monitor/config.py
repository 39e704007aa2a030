"""config.yaml -> validated models.

The environment is read here and only here (``${VAR}`` interpolation), so the rest of the
code sees plain values.
"""

from __future__ import annotations

import difflib
import logging
import os
import re
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any, get_args

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from .model import EVENT_KINDS, FAMILIES

log = logging.getLogger(__name__)

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, None: 1}
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 10x faster on big configs
_ENV = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


class ConfigError(Exception):
    """A config that cannot be used; the message names the file, the key path and why."""


def parse_duration(value: Any) -> float:
    """'30s', '5m', '6h', '1d', or a number of seconds -> seconds."""
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, bool):
        raise ValueError("expected a duration such as 30s, 5m, 6h or 1d")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        m = _DURATION.match(str(value))
        if not m:
            raise ValueError(f"{value!r} is not a duration such as 30s, 5m, 6h or 1d")
        seconds = float(m.group(1)) * _UNITS[m.group(2)]
    if seconds < 0:
        raise ValueError("a duration cannot be negative")
    return seconds


Duration = Annotated[float, BeforeValidator(parse_duration)]
Interval = Annotated[float, BeforeValidator(parse_duration), Field(gt=0)]  # 0 would mean never
DEFAULT_EVERY = 6 * 3600.0


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class HttpConfig(_Strict):
    user_agent: str = (
        "cybertip-monitor/0.1 (+https://github.com/cybertip-monitor; change monitor for NCMEC data)"
    )
    timeout: Duration = 30.0  # connect, and each read: the longest silence allowed
    deadline: Duration = 300.0  # a whole answer, redirects included, per attempt
    max_bytes: int = Field(default=50 * 1024 * 1024, gt=0)
    retries: int = Field(default=3, ge=0, le=10)
    backoff: Duration = 1.0  # first retry delay; doubles, with jitter
    max_retry_after: Duration = 120.0  # cap on a server's Retry-After
    max_redirects: int = Field(default=5, ge=0, le=20)
    per_host_concurrency: int = Field(default=1, ge=1)
    per_host_delay: Duration = 1.0
    pdf_timeout: Duration = 120.0  # parse time limit per PDF
    # An http:// proxy for every request; unset: HTTPS_PROXY / HTTP_PROXY / ALL_PROXY from the
    # environment. NO_PROXY is honoured either way.
    proxy: str | None = Field(default=None, pattern=r"^https?://[^/?#]+/?$")


def _cron(expr: str | None) -> str | None:
    """A crontab line as the daemon will build it: APScheduler's own parser decides."""
    if expr is None:
        return None
    from apscheduler.triggers.cron import CronTrigger  # only configs with a cron pay for it

    try:
        CronTrigger.from_crontab(expr, timezone="UTC")
    except ValueError as e:
        raise ValueError(f"bad cron expression {expr!r}: {e}") from None
    return expr


def _selector(css: str | None) -> str | None:
    """A CSS selector as the extractor will use it: compiled by soupsieve (bs4's engine)."""
    if css is None:
        return None
    import soupsieve

    try:
        soupsieve.compile(css)
    except soupsieve.SelectorSyntaxError as e:
        reason = str(e).splitlines()[0]
        raise ValueError(f"bad CSS selector {css!r}: {reason}") from None
    return css


Cron = Annotated[str | None, AfterValidator(_cron)]


class Schedule(_Strict):
    every: Interval | None = None
    jitter: Duration | None = None
    cron: Cron = None


class Discover(_Strict):
    match: str = r"\.pdf($|\?)"
    hosts: list[str] = Field(default_factory=list)

    @field_validator("match")
    @classmethod
    def _regex(cls, v: str) -> str:
        _compile(v)
        return v


def _compile(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as e:
        raise ValueError(f"bad regular expression {pattern!r}: {e}") from None


class Retention(_Strict):
    """Which versions of each document keep their files; default: every version.

    With both keys, a version is kept if either keeps it. The newest version, and any
    version an alert still waiting for delivery refers to, are always kept.
    """

    keep: int | None = Field(default=None, ge=1)  # the last N versions
    days: float | None = Field(default=None, gt=0)  # the versions of the last D days

    @property
    def unlimited(self) -> bool:
        return self.keep is None and self.days is None


class Source(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)
    url: str = Field(pattern=r"^https?://")
    title: str | None = None
    every: Interval | None = None
    jitter: Duration | None = None
    cron: Cron = None
    select: Annotated[str | None, AfterValidator(_selector)] = None
    ignore: list[str] = Field(default_factory=list)
    discover: Discover | None = None
    retention: Retention | None = None  # overrides the global one

    @field_validator("ignore")
    @classmethod
    def _regexes(cls, v: list[str]) -> list[str]:
        for p in v:
            _compile(p)
        return v


def _suggest(unknown: list[str], known: tuple[str, ...]) -> str:
    """'; did you mean 'arrests'?' for the first near miss, or ''."""
    for word in unknown:
        close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
        if close:
            return f"; did you mean {close[0]!r}?"
    return ""


class Alerts(_Strict):
    families: list[str] = Field(
        default_factory=lambda: [
            "arrests",
            "law_enforcement_feedback",
            "prosecutions",
            "convictions",
            "children_identified",
        ]
    )

    @field_validator("families")
    @classmethod
    def _known(cls, v: list[str]) -> list[str]:
        unknown = sorted(set(v) - set(FAMILIES))
        if unknown:
            raise ValueError(f"unknown families {unknown}{_suggest(unknown, FAMILIES)}; "
                             f"known: {', '.join(FAMILIES)}")  # fmt: skip
        return v


class Notifier(_Strict):
    url: str
    on: list[str] | None = None  # event kinds and/or metric families; None = default set

    @field_validator("on")
    @classmethod
    def _known(cls, v: list[str] | None) -> list[str] | None:
        unknown = sorted(set(v or ()) - set(FAMILIES) - set(EVENT_KINDS))
        if unknown:
            known = (*EVENT_KINDS, *FAMILIES)
            raise ValueError(f"unknown event kinds or families {unknown}"
                             f"{_suggest(unknown, known)}; known: {', '.join(known)}")  # fmt: skip
        return v


class Delivery(_Strict):
    """How the outbox retries: exponential backoff from `backoff` up to `max_backoff`."""

    backoff: Duration = 30.0  # wait after the first failed attempt; doubles each time
    max_backoff: Duration = 3600.0
    max_attempts: int = Field(default=40, ge=1)  # then the delivery is `failed` (kept, listed)
    timeout: Duration = 30.0  # one send
    # A notifier whose attempts failed this many times in a row is `notifier_failing`: an
    # error each pass, a mark in `monitor health`, and an alert through the other notifiers.
    failing_after: int = Field(default=3, ge=1)
    retry_every: Duration = 15.0  # how often the daemon looks for due deliveries


class Daemon(_Strict):
    heartbeat: Duration = 15.0  # state/heartbeat.json is rewritten this often
    stale_after: Duration | None = None  # `monitor health` fails past this; default 4 beats
    drain: Duration = 30.0  # on SIGTERM, how long in-flight checks may take to finish
    misfire_grace: Duration = 300.0


class Web(_Strict):
    """The read-only web view: `monitor serve`, and inside `monitor run` when `listen` is set.

    Bound to loopback unless told otherwise; any other address needs `token` (sent as a
    Bearer token, or as the password of HTTP basic auth, any user name), refused otherwise.
    """

    listen: str | None = Field(default=None, pattern=r"^(\[[0-9a-fA-F:.]+\]|[^:\s\[\]]+):\d{1,5}$")
    base_url: str | None = Field(default=None, pattern=r"^https?://[^\s]+$")  # alerts link here
    token: str | None = Field(default=None, min_length=16)

    def address(self, host: str | None = None, port: int | None = None) -> tuple[str, int]:
        """(host, port) to bind: the arguments, else `listen`, else 127.0.0.1:8080."""
        h, _, p = (self.listen or "127.0.0.1:8080").rpartition(":")
        return host or h.strip("[]"), port if port is not None else int(p)


def _notifier(v: Any) -> Any:
    if isinstance(v, str):
        return {"url": v}
    if isinstance(v, dict) and True in v:  # YAML 1.1 reads an unquoted `on:` key as true
        v = {("on" if k is True else k): x for k, x in v.items()}
    return v


class Config(_Strict):
    state_dir: Path = Path("state")
    http: HttpConfig = Field(default_factory=HttpConfig)
    defaults: Schedule = Field(default_factory=lambda: Schedule(every=DEFAULT_EVERY, jitter=300))
    sources: list[Source] = Field(min_length=1)
    alerts: Alerts = Field(default_factory=Alerts)
    notify: list[Annotated[Notifier, BeforeValidator(_notifier)]] = Field(default_factory=list)
    delivery: Delivery = Field(default_factory=Delivery)
    daemon: Daemon = Field(default_factory=Daemon)
    retention: Retention = Field(default_factory=Retention)
    web: Web = Field(default_factory=Web)

    @model_validator(mode="after")
    def _unique_ids(self) -> Config:
        seen: set[str] = set()
        for s in self.sources:
            if s.id in seen:
                raise ValueError(f"duplicate source id {s.id!r}")
            seen.add(s.id)
        return self

    def retention_of(self, source: Source) -> Retention:
        return source.retention if source.retention is not None else self.retention

    def schedule_of(self, source: Source) -> Schedule:
        """The source's own schedule, falling back to defaults key by key."""
        if source.cron:
            return Schedule(cron=source.cron)
        if source.every is None and self.defaults.cron:
            return Schedule(cron=self.defaults.cron)
        return Schedule(
            every=source.every
            if source.every is not None
            else (self.defaults.every or DEFAULT_EVERY),
            jitter=source.jitter if source.jitter is not None else (self.defaults.jitter or 0),
        )


def _interpolate(node: Any, path: str, unset: list[tuple[str, str]]) -> Any:
    """Replace ${VAR} in strings; a string naming an unset variable becomes None."""
    if isinstance(node, dict):
        return {
            k: _interpolate(v, f"{path}.{k}" if path else str(k), unset) for k, v in node.items()
        }
    if isinstance(node, list):
        return [_interpolate(v, f"{path}[{i}]", unset) for i, v in enumerate(node)]
    if isinstance(node, str):
        missing = [n for n in _ENV.findall(node) if not os.environ.get(n)]  # unset or empty
        if missing:
            unset.append((path, missing[0]))
            return None
        return _ENV.sub(lambda m: os.environ[m.group(1)], node)
    return node


def _yaml_problem(e: yaml.YAMLError) -> str:
    """Where and what, without PyYAML's quote of the line: it may hold a secret."""
    mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    what = " ".join(str(p) for p in (getattr(e, "context", None), getattr(e, "problem", None)) if p)
    where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
    return where + (what or e.__class__.__name__)


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model whose keys are valid at `loc` (a pydantic error location), if any."""
    model: type[BaseModel] | None = Config
    for part in loc:
        if isinstance(part, int) or str(part).startswith("function-"):
            continue
        if model is None or part not in model.model_fields:
            return None
        model = _inner_model(model.model_fields[part].annotation)
    return model


def _inner_model(tp: Any) -> type[BaseModel] | None:
    """The model inside an annotation such as `list[Source]` or `Discover | None`."""
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    for arg in get_args(tp):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _explain(err: Any) -> str:
    """pydantic's message, with "did you mean" for an unknown key close to a known one."""
    if err["type"] != "extra_forbidden":
        return str(err["msg"]).removeprefix("Value error, ")
    key = str(err["loc"][-1])
    model = _model_at(tuple(err["loc"][:-1]))
    known = list(model.model_fields) if model else []
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown key{hint} (known here: {', '.join(known)})" if known else "unknown key"


def _loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not str(part).startswith("function-"):
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def load_config(path: str | Path, warn: bool = False) -> Config:
    """Read, interpolate and validate a config file; raise ConfigError with a clear message.

    `warn`: log the notifiers skipped for an unset variable (commands that send say it;
    the others, `health` or `history`, have no use for it)."""
    path = Path(path)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read: {e}") from None
    except yaml.YAMLError as e:
        raise ConfigError(f"{path}: not valid YAML: {_yaml_problem(e)}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: (top level): expected a mapping of keys")
    unset: list[tuple[str, str]] = []
    raw = _interpolate(raw, "", unset)
    for where, var in unset:
        if where == "web.token":  # unset: the web view stays on loopback (checked at start)
            continue
        if not where.startswith("notify["):
            raise ConfigError(f"{path}: {where}: environment variable {var} is not set (or empty)")
        if warn:
            log.warning(
                "%s: %s: ${%s} is not set (or empty), that notifier is skipped", path, where, var
            )
    if isinstance(raw.get("notify"), list):
        raw["notify"] = [
            n
            for n in raw["notify"]
            if n is not None and not (isinstance(n, dict) and n.get("url") is None)
        ]
    try:
        cfg = Config.model_validate(raw)
    except ValidationError as e:
        lines = [f"{path}: {_loc(err['loc'])}: {_explain(err)}" for err in e.errors()]
        raise ConfigError("\n".join(lines)) from None
    if not cfg.state_dir.is_absolute():
        cfg = cfg.model_copy(update={"state_dir": (path.parent / cfg.state_dir).resolve()})
    return cfg
