"""The command line: parse arguments, call the pipeline or the store, print.

Human output is a readable table; --json prints one JSON object per line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import logs
from .config import Config, ConfigError, HttpConfig, load_config
from .human import elide, program, size, table
from .model import format_number

log = logging.getLogger("monitor")
CHECK_LINE = 200  # a `check` line at most this long: the detail belongs in history/diff
LABEL = 90  # figure labels cut (at a word) past this: long enough to tell rows apart


def _print_json(obj: dict[str, Any]) -> None:
    print(json.dumps(obj, ensure_ascii=False, default=str), flush=True)


def _unknown(what: str, given: Sequence[str] | None, valid: Sequence[str]) -> bool:
    """A filter naming nothing is a typo, not "no data": say so (exit 2) with the valid ones."""
    import difflib

    bad = [g for g in dict.fromkeys(given or ()) if g not in valid]
    for g in bad:
        close = difflib.get_close_matches(g, valid, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        print(f"unknown {what} {g!r}{hint}", file=sys.stderr)
    if bad:
        shown = ", ".join(sorted(valid)) or "none yet (run `check` first)"
        print(f"valid: {shown}", file=sys.stderr)
    return bool(bad)


def _ids(cfg: Config, db: Any) -> list[str]:
    """Configured source ids and known document ids: what a filter may name."""
    from .queries import documents

    return list(dict.fromkeys([*(s.id for s in cfg.sources), *(d.id for d in documents(db))]))


# -- commands ---------------------------------------------------------------------------------
def cmd_validate(cfg: Config, args: argparse.Namespace) -> int:
    """Everything `run` and `check` need was checked at load (crons built, selectors and
    regexes compiled, notifier URLs read by apprise): what is left is to say so."""
    print(
        f"{args.config}: OK: {len(cfg.sources)} sources, {len(cfg.notify)} notifiers, "
        f"state in {cfg.state_dir}"
    )
    print("a running `monitor run` keeps the config it started with: restart it to apply edits")
    return 0


def cmd_check(cfg: Config, args: argparse.Namespace) -> int:
    from .notify import deliver_pending
    from .pipeline import CheckResult
    from .runtime import Runtime

    wanted = args.source or []
    if _unknown("source id", wanted, [s.id for s in cfg.sources]):
        return 2
    sources = [s for s in cfg.sources if not wanted or s.id in wanted]
    tty = sys.stderr.isatty()
    width = min(44, max([len(s.id) for s in sources] + [24]))  # discovered ids may be longer

    def progress(r: CheckResult) -> None:
        if args.json:
            _print_json(
                {
                    "document": r.document,
                    "url": r.url,
                    "status": r.status,
                    "bytes": r.bytes,
                    "elapsed": round(r.elapsed, 3),
                    "error": r.error,
                    "events": [e.kind for e in r.events],
                }
            )
            return
        mark = {"failed": "FAIL", "removed": "GONE", "changed": "CHNG"}.get(r.status, " ok ")
        line = f"{mark} {r.document:<{width}} {r.status:<12} {size(r.bytes):>9} {r.elapsed:6.2f}s"
        alerts = [e.summary for e in r.events if e.alert]
        more = f" (+{len(alerts) - 1} more in `history {r.document}`)" if len(alerts) > 1 else ""
        if CHECK_LINE - len(line) - len(more) < 40:
            more = f" (+{len(alerts) - 1} more)" if len(alerts) > 1 else ""
        room = max(30, CHECK_LINE - len(line) - len(more) - 2)  # the detail is in history/diff
        detail = (
            elide(r.error, room) if r.error else (elide(alerts[0], room) + more if alerts else "")
        )
        print(f"{line}  {detail}".rstrip(), file=sys.stderr if tty else sys.stdout, flush=True)

    async def go() -> Any:
        async with Runtime(cfg) as rt:
            summary = await rt.checker.run_pass(sources, progress)
            counts = await deliver_pending(rt.store, cfg, _console(args.json))  # after commit
            return summary, counts

    summary, counts = asyncio.run(go())
    if args.json:
        _print_json({"summary": summary.line(), "failed": summary.failed,
                     "elapsed": round(summary.elapsed, 3), "alerts": counts.line()})  # fmt: skip
    else:
        print(summary.line())
        if counts.delivered or counts.retrying or counts.failed or counts.skipped:
            print(f"alerts: {counts.line()}")
    return 1 if summary.failed else 0


def _delivery_json(d: Any) -> dict[str, Any]:
    return {
        "message": d.message,
        "notifier": d.notifier,
        "status": d.status,
        "attempts": d.attempts,
        "next_try": d.next_try if d.status == "pending" else None,
        "delivered_at": d.delivered_at,
        "last_error": d.last_error,
    }


def _read(cfg: Config) -> Any:
    """state/ opened read-only, for the read commands (history, diff, metrics, sources).

    Only state/ left by an older version is written first: upgraded once, in place, by the
    store, as any command would (a reader cannot read the old layout)."""
    from .queries import OlderSchemaError, connect

    try:
        return connect(cfg.state_dir)
    except OlderSchemaError:
        _upgrade(cfg)
        return connect(cfg.state_dir)


def _upgrade(cfg: Config) -> None:
    from .store import Store

    Store(cfg.state_dir).close()


def cmd_history(cfg: Config, args: argparse.Namespace) -> int:
    from . import queries

    db = _read(cfg)
    if args.id and _unknown("source or document id", [args.id], [*_ids(cfg, db), "notify"]):
        return 2
    rows = queries.events(db, args.id, limit=args.limit)
    if not rows and not args.json:
        print("no events yet" + (f" for {args.id}" if args.id else ""))
    lines = []
    for ev in rows:
        if args.json:
            _print_json({**ev.json(), "deliveries": [_delivery_json(d) for d in ev.deliveries]})
        else:
            status = "".join(f" [{d.status}: {d.notifier}]" for d in ev.deliveries)
            lines.append((ev.at[:19].replace("T", " "), "!" if ev.alert else " ",
                          ev.document, ev.kind, ev.summary + status))  # fmt: skip
    if lines:
        print(table(lines))
    return 0


def cmd_outbox(cfg: Config, args: argparse.Namespace) -> int:
    from .store import Store

    store = Store(cfg.state_dir)
    if args.retry:
        print(f"{store.retry_failed()} failed deliveries queued again")
    statuses = ("pending", "failed", "delivered") if args.all else ("pending", "failed")
    rows = store.deliveries(statuses, limit=args.limit)
    if not rows and not args.json:
        print("outbox empty: every alert was delivered" if not args.all else "outbox empty")
    for d in rows:
        if args.json:
            _print_json({**_delivery_json(d), "document": d.document, "title": d.title,
                         "at": d.at})  # fmt: skip
        else:
            when = {"pending": f"next try {d.next_try[:19].replace('T', ' ')}",
                    "delivered": f"delivered {(d.delivered_at or '')[:19].replace('T', ' ')}",
                    "failed": "gave up"}.get(d.status, "")  # fmt: skip
            print(f"#{d.message:<5} {d.status:<9} {d.notifier:<32} attempts {d.attempts:<3} "
                  f"{when}  {elide(d.title, 70)}")  # fmt: skip
            if d.last_error:
                print(f"       last error: {d.last_error}")
    return 0


def _console(json_mode: bool) -> Any:
    from .notify import print_console

    if not json_mode:
        return print_console
    return lambda title, body: _print_json({"alert": title, "body": body})


def cmd_notify(cfg: Config, args: argparse.Namespace) -> int:
    from .notify import send_test

    if not args.test:
        print(f"nothing to do: `{program(args.config)} notify --test` sends a test message to"
              " every notifier")  # fmt: skip
        return 2
    results = asyncio.run(send_test(cfg))
    for target, ok, error in results:
        print(f"{'ok    ' if ok else 'FAILED'} {target.id}" + (f": {error}" if error else ""))
    if not cfg.notify:
        print("no notifier configured: alerts are printed to the console (see `notify:`)")
    return 0 if all(ok for _, ok, _ in results) else 1


def cmd_run(cfg: Config, args: argparse.Namespace) -> int:
    from . import daemon
    from .notify import log_console, print_console
    from .web.security import WebError  # light: the web stack loads only with web.listen

    try:
        return daemon.run(cfg, log_console if args.log_format == "json" else print_console)
    except WebError as e:
        print(e, file=sys.stderr)
        return 2


def cmd_serve(cfg: Config, args: argparse.Namespace) -> int:
    """The read-only web view of state/ until SIGTERM/SIGINT (imported only here)."""
    from .web.security import WebError
    from .web.server import serve

    logs.register_secrets([cfg.web.token] if cfg.web.token else [])
    _read(cfg).close()  # state/ from an older version is upgraded once, before serving
    try:
        return serve(cfg, args.host, args.port)
    except WebError as e:
        print(e, file=sys.stderr)
        return 2


def cmd_gc(cfg: Config, args: argparse.Namespace) -> int:
    """Apply retention to every document, remove orphan files, optionally VACUUM."""
    from .store import Pruned, Store

    store = Store(cfg.state_dir)
    sources = {s.id: s for s in cfg.sources}
    total = Pruned()
    for doc in store.documents():
        src = sources.get(doc.source)
        policy = cfg.retention_of(src) if src else cfg.retention
        total.add(store.prune(doc.id, policy.keep, policy.days))
    orphans = store.recover()
    parts = [f"{total.versions} old versions pruned ({size(total.bytes)})",
             f"{orphans} orphan files removed"]  # fmt: skip
    if total.held:
        parts.append(f"{total.held} kept for undelivered alerts")
    if cfg.retention.unlimited and all(s.retention is None for s in cfg.sources):
        parts.append("retention keeps every version (see `retention:` in the config)")
    if args.vacuum:
        before, after = store.vacuum()
        parts.append(f"database {size(before)} -> {size(after)}")
    store.close()
    print("gc: " + ", ".join(parts))
    return 0


def cmd_health(cfg: Config, args: argparse.Namespace) -> int:
    from .health import health

    ok, line = health(cfg)
    print(line)
    return 0 if ok else 1


def cmd_demo(cfg: Config | None, args: argparse.Namespace) -> int:
    from .demo import run_demo

    return run_demo(cfg if args.notify else None, keep=args.dir)


def cmd_diff(cfg: Config, args: argparse.Namespace) -> int:
    from . import queries
    from .diff import text_diff

    db = _read(cfg)
    if _unknown("document id", [args.id], [d.id for d in queries.documents(db)]):
        return 2
    snaps = queries.snapshots(db, args.id)
    try:
        new = queries.find_snapshot(snaps, args.id, args.to, -1)
        old = queries.find_snapshot(snaps, args.id, args.from_, -2)
    except LookupError as e:
        print(e, file=sys.stderr)
        return 1
    if new is None or old is None:
        print(f"{args.id} has fewer than two versions so far")
        return 0
    if args.statements:
        return _statement_diff(db, old, new)
    read = queries.read_text
    diff = text_diff(read(cfg.state_dir, old), read(cfg.state_dir, new), old.text_path,
                     new.text_path)  # fmt: skip
    print("\n".join(diff.lines) if diff.lines else "no difference")
    return 0


def _statement_diff(db: Any, old: Any, new: Any) -> int:
    """What the two versions say differently about outcomes, statement by statement."""
    from .queries import statements_of
    from .statements import compare_statements

    before, after = statements_of(db, old), statements_of(db, new)
    if before is None or after is None:
        print("statements were not kept for one of these versions (recorded by an older version)")
        return 1
    changes = compare_statements(before, after)
    print(f"--- {old.text_path}\n+++ {new.text_path}")
    for ch in changes:
        st = ch.statement
        where = f"{st.family}, p. {st.page}" if st.page else st.family
        if ch.kind == "statement_changed":
            print(f"~ [{where}] {ch.word_diff()}")
        else:
            print(f"{'+' if ch.kind == 'statement_added' else '-'} [{where}] {st.text}")
    if not changes:
        print("no statement changed")
    return 0


def cmd_sources(cfg: Config, args: argparse.Namespace) -> int:
    from . import queries

    db = _read(cfg)
    configured = {s.id for s in cfg.sources}
    docs = queries.documents(db)
    results = queries.last_checks(db)
    lines: list[tuple[str, ...]] = []
    known = {d.id for d in docs}
    for src in cfg.sources:
        if src.id not in known:
            row = {"document": src.id, "source": src.id, "url": src.url, "status": "never checked"}
            _print_json(row) if args.json else lines.append(
                (src.id, "new", "never checked", src.url)
            )
    for d in docs:
        last = results.get(d.id)
        row = {
            "document": d.id,
            "source": d.source,
            "parent": d.parent,
            "url": d.url,
            "kind": d.kind,
            "title": d.title,
            "status": d.status,
            "configured": d.id in configured,
            "last_checked": d.last_checked,
            "last_changed": d.last_changed,
            "last_result": last,
            "last_error": d.last_error,
        }
        if args.json:
            _print_json(row)
        else:
            name = d.id if d.parent is None else f"  └ {d.id}"
            when = (d.last_checked or "never")[:19].replace("T", " ")
            result = (last or "-") + (f": {elide(d.last_error, 120)}" if d.last_error else "")
            lines.append((name, d.status, when, result))
    if lines:
        print(table(lines))
    return 0


def _metric_json(m: Any, **extra: Any) -> dict[str, Any]:
    keys = ("family", "label", "period", "period_kind", "value", "unit", "page", "context",
            "qualifier")  # fmt: skip
    get = (lambda k: m[k]) if not hasattr(m, "family") else (lambda k: getattr(m, k))
    return {**{k: get(k) for k in keys}, **extra}


def cmd_metrics(cfg: Config, args: argparse.Namespace) -> int:
    from . import queries
    from .model import FAMILIES

    db = _read(cfg)
    if _unknown("family", args.family, FAMILIES) or _unknown(
        "source or document id", args.source, _ids(cfg, db)
    ):
        return 2
    rows = [
        r
        for r in queries.current_metrics(db)
        if (not args.source or r["source"] in args.source or r["document"] in args.source)
        and (not args.family or r["family"] in args.family)
    ]
    if not rows and not args.json:
        print(f"no figures yet; run `{program(args.config)} check` first")
    if args.json:
        for r in rows:
            extra = {k: r[k] for k in ("document", "url", "first_seen", "last_seen")}
            _print_json(_metric_json(r, **extra))
        return 0
    print(table([(r["document"], r["family"], r["period"] or "-",
                  format_number(r["value"], r["unit"], r["qualifier"]),
                  f"since {r['first_seen'][:10]}", elide(r["label"], LABEL))
                 for r in rows], right=[3]))  # fmt: skip
    return 0


def cmd_extract(cfg: Config | None, args: argparse.Namespace) -> int:
    from .extract import extract_bytes, looks_like
    from .fetch import Fetcher, detect_kind
    from .metrics import find_metrics, format_value

    target: str = args.target
    try:
        if target.startswith(("http://", "https://")):

            async def get() -> Any:
                async with Fetcher(cfg.http if cfg else HttpConfig()) as f:
                    return await f.fetch(target)

            res = asyncio.run(get())
            if not res.ok:
                print(f"{target}: {res.error}", file=sys.stderr)
                return 1
            data, kind, url = res.body or b"", res.kind, res.final_url
        else:
            data = Path(target).read_bytes()
            kind = detect_kind(data)  # as for a fetched body: the bytes say what it is
            url = Path(target).resolve().as_uri()
        if kind is None:  # not HTML, not PDF, not text: say what it looks like
            print(f"{target}: not an HTML page, a PDF or text: it looks like {looks_like(data)}",
                  file=sys.stderr)  # fmt: skip
            return 1
        doc = extract_bytes(data, kind, url)
    except (OSError, ValueError) as e:
        print(f"{target}: {e}", file=sys.stderr)
        return 1
    if args.statements:
        from .statements import find_statements

        for st in find_statements(doc):
            row = {"family": st.family, "families": list(st.families), "page": st.page,
                   "statement": st.text}  # fmt: skip
            if args.json:
                _print_json(row)
            else:
                print(f"[{', '.join(st.families)}{f', p. {st.page}' if st.page else ''}] {st.text}")
        return 0
    metrics = find_metrics(doc, url=url, title=doc.title)
    if args.json:
        for m in metrics:
            _print_json(_metric_json(m))
        return 0
    print(f"kind: {doc.kind}\ntitle: {doc.title or '-'}")
    for k, v in doc.meta.items():
        print(f"{k}: {v}")
    print(f"links: {len(doc.links)}")
    for link in doc.links:
        print(f"  {link}")
    print(f"figures: {len(metrics)}")
    rows = [("", m.family, m.period or "-", format_value(m), f"p. {m.page or '-'}",
             elide(m.label, LABEL)) for m in metrics]  # fmt: skip
    if rows:
        print(table(rows, right=[3]))
    if args.text:
        for i, page in enumerate(doc.pages, 1):
            print(f"\n--- page {i} ---\n{page}" if doc.kind == "pdf" else f"\n{page}")
    return 0


# -- parser ----------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    p = argparse.ArgumentParser(
        prog="monitor",
        description="Watch NCMEC CyberTipline pages and PDFs for outcome figures.",
    )
    p.add_argument("-c", "--config", default="config.yaml", metavar="PATH",
                   help="config file (default: ./config.yaml)")  # fmt: skip
    p.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    p.add_argument("--log-format", choices=["human", "json"], default="human",
                   help="log lines: human (default) or one JSON object per line")  # fmt: skip
    p.add_argument("--version", action="version", version=f"cybertip-monitor {__version__}")
    # -c and -v are accepted after the command too (`monitor check -c other.yaml`)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-c", "--config", default=argparse.SUPPRESS, metavar="PATH",
                        help="config file (default: ./config.yaml)")  # fmt: skip
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                        help="debug logging")  # fmt: skip
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND",
                           help="what to do; `monitor COMMAND --help` for its options")  # fmt: skip

    def cmd(name: str, help: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, description=help, parents=[common])

    json_help = "one JSON object per line"
    s = cmd("check", "one pass over every document now")
    s.add_argument("--source", action="append", metavar="ID",
                   help="only this configured source (repeatable)")  # fmt: skip
    s.add_argument("--json", action="store_true", help=json_help)

    s = cmd("history", "events, newest first ('!' marks alert-worthy ones)")
    s.add_argument("id", nargs="?", metavar="ID", help="only this source or document")
    s.add_argument("--limit", type=int, default=50, metavar="N",
                   help="at most N events (default 50)")  # fmt: skip
    s.add_argument("--json", action="store_true", help=json_help)

    s = cmd("diff", "unified diff of a document's extracted text (the last two versions)")
    s.add_argument("id", metavar="ID", help="a document id (`monitor sources` lists them)")
    s.add_argument(
        "--from",
        dest="from_",
        metavar="SNAP",
        help="older version: snapshot id or file stem (default: the one before)",
    )
    s.add_argument("--to", metavar="SNAP",
                   help="newer version: snapshot id or file stem (default: the last)")  # fmt: skip
    s.add_argument("--statements", action="store_true",
                   help="outcome statements added, removed or reworded, not lines")  # fmt: skip

    s = cmd("metrics", "current outcome figures with first/last seen")
    s.add_argument("--source", action="append", metavar="ID",
                   help="only this source or document (repeatable)")  # fmt: skip
    s.add_argument("--family", action="append", metavar="F",
                   help="only this figure family, e.g. arrests (repeatable)")  # fmt: skip
    s.add_argument("--json", action="store_true", help=json_help)

    s = cmd("extract", "extraction alone on a local file or URL; no state")
    s.add_argument("target", metavar="PATH_OR_URL", help="an HTML, PDF or text file, or a URL")
    s.add_argument("--json", action="store_true", help="the figures, one JSON object per line")
    s.add_argument("--text", action="store_true", help="also print the extracted text")
    s.add_argument("--statements", action="store_true",
                   help="the outcome statements (sentences, list items, form fields)")  # fmt: skip

    s = cmd("sources", "configured and discovered documents")
    s.add_argument("--json", action="store_true", help=json_help)

    cmd("validate", "check the config: everything run and check will need")

    s = cmd("run", "the daemon: scheduled checks until SIGTERM/SIGINT")
    s.add_argument("--log-format", choices=["human", "json"], default=argparse.SUPPRESS,
                   help="log lines: human (default) or one JSON object per line")  # fmt: skip

    s = cmd("notify", "notifiers: --test sends a test message to each")
    s.add_argument("--test", action="store_true", help="send a test message to every notifier")

    s = cmd("outbox", "alert deliveries still pending or given up on")
    s.add_argument("--all", action="store_true", help="delivered ones too")
    s.add_argument("--retry", action="store_true", help="queue failed deliveries again, now")
    s.add_argument("--limit", type=int, default=100, metavar="N",
                   help="at most N deliveries (default 100)")  # fmt: skip
    s.add_argument("--json", action="store_true", help=json_help)

    cmd("health", "is the daemon's heartbeat fresh? (exit 0 yes, 1 no)")

    s = cmd("serve", "read-only web view of state/ (pages, charts, /metrics)")
    s.add_argument("--host", help="address to bind (web.listen's, else 127.0.0.1)")
    s.add_argument("--port", type=int, help="port (web.listen's, else 8080)")

    s = cmd("gc", "apply retention, remove orphan files (state/ stays bounded)")
    s.add_argument("--vacuum", action="store_true", help="also compact the database")

    s = cmd("demo", "the whole product on bundled documents, no network")
    s.add_argument("--notify", action="store_true", help="also alert the configured notifiers")
    s.add_argument("--dir", metavar="PATH", help="keep the demo's state here (default: a temp dir)")
    return p


COMMANDS = {
    "validate": cmd_validate,
    "check": cmd_check,
    "history": cmd_history,
    "diff": cmd_diff,
    "metrics": cmd_metrics,
    "sources": cmd_sources,
    "outbox": cmd_outbox,
    "notify": cmd_notify,
    "run": cmd_run,
    "health": cmd_health,
    "gc": cmd_gc,
    "serve": cmd_serve,
}


COMMANDS_NO_CONFIG = {"extract": cmd_extract, "demo": cmd_demo}


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:  # `monitor history | head`: the reader left, nothing is wrong
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


SENDING = {"check", "run", "notify", "validate"}  # and `demo --notify`


def _check_notifiers(cfg: Config, cached: bool) -> list[tuple[int, str, str]]:
    """Notifiers apprise cannot use; `check` and `run` trust a verdict kept in state/ for
    the same URLs and apprise version (the others ask apprise every time)."""
    from .notify import check_notifiers
    from .store import StateError, Store

    if not cached or not cfg.notify or not (cfg.state_dir / "monitor.sqlite3").exists():
        return check_notifiers(cfg)  # (a refused config leaves no state/ behind)
    try:
        store = Store(cfg.state_dir)
    except StateError:
        return check_notifiers(cfg)  # the command itself will say what is wrong with state/
    try:
        return check_notifiers(cfg, store)
    finally:
        store.close()


def _main(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    quiet = logging.INFO if args.command == "run" else logging.WARNING
    logs.setup(logging.DEBUG if args.verbose else quiet, args.log_format)
    sends = args.command in SENDING or (args.command == "demo" and args.notify)
    try:
        cfg = load_config(args.config, warn=sends)  # skipped notifiers: said where it matters
    except ConfigError as e:
        if args.command in COMMANDS_NO_CONFIG and not sends:  # these work without a config
            return COMMANDS_NO_CONFIG[args.command](None, args)
        print(e, file=sys.stderr)
        return 2
    logs.register_secrets(n.url for n in cfg.notify)
    if sends:
        bad = _check_notifiers(cfg, cached=args.command in ("check", "run"))
        for index, notifier, why in bad:
            print(f"{args.config}: notify[{index}]: {why} (notifier {notifier})", file=sys.stderr)
        if bad:
            return 2
    if args.command in COMMANDS_NO_CONFIG:
        return COMMANDS_NO_CONFIG[args.command](cfg, args)
    from .store import StateError

    try:
        return COMMANDS[args.command](cfg, args)
    except StateError as e:
        print(f"state: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
