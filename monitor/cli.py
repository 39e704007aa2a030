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

log = logging.getLogger("monitor")


def _print_json(obj: dict[str, Any]) -> None:
    print(json.dumps(obj, ensure_ascii=False, default=str), flush=True)


def _size(n: int | None) -> str:
    if n is None:
        return "-"
    if n < 1024:
        return f"{n} B"
    return f"{n / 1024:.1f} KB" if n < 1024**2 else f"{n / 1024**2:.1f} MB"


def _event_json(row: Any) -> dict[str, Any]:
    data = json.loads(row["data"] or "{}")
    return {
        "id": row["id"],
        "at": row["at"],
        "source": row["source"],
        "document": row["document"],
        "url": row["url"],
        "kind": row["kind"],
        "summary": row["summary"],
        "alert": bool(row["alert"]),
        **{k: v for k, v in data.items() if k not in ("diff",)},
    }


# -- commands ---------------------------------------------------------------------------------
def cmd_validate(cfg: Config, args: argparse.Namespace) -> int:
    from .notify import unusable_notifiers

    bad = unusable_notifiers(cfg)
    for index, target in bad:
        print(f"{args.config}: notify[{index}]: apprise does not accept this URL "
              f"(notifier {target.id}): check its form in the apprise documentation",
              file=sys.stderr)  # fmt: skip
    if bad:
        return 2
    print(
        f"{args.config}: OK: {len(cfg.sources)} sources, {len(cfg.notify)} notifiers, "
        f"state in {cfg.state_dir}"
    )
    return 0


def cmd_check(cfg: Config, args: argparse.Namespace) -> int:
    from .notify import deliver_pending
    from .pipeline import CheckResult
    from .runtime import Runtime

    wanted = args.source or []
    unknown = sorted(set(wanted) - {s.id for s in cfg.sources})
    if unknown:
        print(f"unknown source id(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    sources = [s for s in cfg.sources if not wanted or s.id in wanted]
    tty = sys.stderr.isatty()

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
        detail = r.error or ", ".join(e.summary for e in r.events if e.alert) or ""
        line = f"{mark} {r.document:<36} {r.status:<12} {_size(r.bytes):>9} {r.elapsed:6.2f}s"
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


def cmd_history(cfg: Config, args: argparse.Namespace) -> int:
    from .store import Store

    store = Store(cfg.state_dir)
    rows = store.events(args.id, limit=args.limit)
    deliveries = store.deliveries_of(sorted({r["message"] for r in rows if r["message"]}))
    if not rows and not args.json:
        print("no events yet" + (f" for {args.id}" if args.id else ""))
    for row in rows:
        sent = deliveries.get(row["message"], []) if row["message"] else []
        if args.json:
            _print_json({**_event_json(row), "deliveries": [_delivery_json(d) for d in sent]})
        else:
            flag = "!" if row["alert"] else " "
            status = "".join(f" [{d.status}: {d.notifier}]" for d in sent)
            print(f"{row['at'][:19].replace('T', ' ')} {flag} {row['document']:<30} "
                  f"{row['kind']:<17} {row['summary']}{status}")  # fmt: skip
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
                  f"{when}  {d.title[:60]}")  # fmt: skip
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
        print("nothing to do: `monitor notify --test` sends a test message to every notifier")
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

    return daemon.run(cfg, log_console if args.log_format == "json" else print_console)


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
    parts = [f"{total.versions} old versions pruned ({_size(total.bytes)})",
             f"{orphans} orphan files removed"]  # fmt: skip
    if total.held:
        parts.append(f"{total.held} kept for undelivered alerts")
    if cfg.retention.unlimited and all(s.retention is None for s in cfg.sources):
        parts.append("retention keeps every version (see `retention:` in the config)")
    if args.vacuum:
        before, after = store.vacuum()
        parts.append(f"database {_size(before)} -> {_size(after)}")
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


def _find_snapshot(store: Any, doc_id: str, ref: str | None, default: int) -> Any:
    snaps = store.snapshots(doc_id)
    if not snaps:
        return None
    if ref is None:
        return snaps[default] if len(snaps) >= abs(default) else None
    for s in snaps:
        if str(s.id) == ref or Path(s.text_path).stem == ref or s.at.startswith(ref):
            return s
    raise LookupError(f"{doc_id} has no snapshot {ref!r}")


def cmd_diff(cfg: Config, args: argparse.Namespace) -> int:
    from .diff import text_diff
    from .store import Store

    store = Store(cfg.state_dir)
    if store.document(args.id) is None:
        print(f"unknown document {args.id!r}; `monitor sources` lists them", file=sys.stderr)
        return 1
    try:
        new = _find_snapshot(store, args.id, args.to, -1)
        old = _find_snapshot(store, args.id, args.from_, -2)
    except LookupError as e:
        print(e, file=sys.stderr)
        return 1
    if new is None or old is None:
        print(f"{args.id} has fewer than two versions so far")
        return 0
    if args.statements:
        return _statement_diff(store, old, new)
    diff = text_diff(store.read_text(old), store.read_text(new), old.text_path, new.text_path)
    print("\n".join(diff.lines) if diff.lines else "no difference")
    return 0


def _statement_diff(store: Any, old: Any, new: Any) -> int:
    """What the two versions say differently about outcomes, statement by statement."""
    from .statements import compare_statements

    before, after = store.statements_of(old), store.statements_of(new)
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
    from .store import Store

    store = Store(cfg.state_dir)
    configured = {s.id for s in cfg.sources}
    docs = store.documents()
    known = {d.id for d in docs}
    for src in cfg.sources:
        if src.id not in known:
            row = {"document": src.id, "source": src.id, "url": src.url, "status": "never checked"}
            _print_json(row) if args.json else print(f"{src.id:<40} never checked  {src.url}")
    for d in docs:
        last = store.last_check(d.id)
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
            "last_result": last["status"] if last else None,
            "last_error": d.last_error,
        }
        if args.json:
            _print_json(row)
        else:
            name = d.id if d.parent is None else f"  └ {d.id}"
            when = (d.last_checked or "never")[:19].replace("T", " ")
            result = (last["status"] if last else "-") + (
                f": {d.last_error}" if d.last_error else ""
            )
            print(f"{name:<40} {d.status:<8} {when:<19} {result}")
    return 0


def _metric_json(m: Any, **extra: Any) -> dict[str, Any]:
    keys = ("family", "label", "period", "period_kind", "value", "unit", "page", "context",
            "qualifier")  # fmt: skip
    get = (lambda k: m[k]) if not hasattr(m, "family") else (lambda k: getattr(m, k))
    return {**{k: get(k) for k in keys}, **extra}


def cmd_metrics(cfg: Config, args: argparse.Namespace) -> int:
    from .store import Store

    store = Store(cfg.state_dir)
    rows = [
        r
        for r in store.current_metrics()
        if (not args.source or r["source"] in args.source or r["document"] in args.source)
        and (not args.family or r["family"] in args.family)
    ]
    if not rows and not args.json:
        print("no figures yet; run `monitor check` first")
    for r in rows:
        if args.json:
            extra = {k: r[k] for k in ("document", "url", "first_seen", "last_seen")}
            _print_json(_metric_json(r, **extra))
        else:
            value = f"{r['value']:,.0f}" if r["unit"] == "count" else f"{r['value']:g}%"
            print(f"{r['document']:<28} {r['family']:<26} {r['period'] or '-':<6} {value:>14}  "
                  f"{r['label'][:50]}  (since {r['first_seen'][:10]})")  # fmt: skip
    return 0


def cmd_extract(cfg: Config | None, args: argparse.Namespace) -> int:
    from .extract import extract_bytes
    from .fetch import Fetcher, detect_kind
    from .metrics import find_metrics

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
    for m in metrics:
        print(
            f"  {m.family:<26} {m.period or '-':<6} {m.value:>14,.0f} {m.label[:40]}"
            f"  (p. {m.page or '-'})"
        )
    if args.text:
        for i, page in enumerate(doc.pages, 1):
            print(f"\n--- page {i} ---\n{page}" if doc.kind == "pdf" else f"\n{page}")
    return 0


# -- parser ----------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="monitor",
        description="Watch NCMEC CyberTipline pages and PDFs for outcome figures.",
    )
    p.add_argument("-c", "--config", default="config.yaml", help="config file (./config.yaml)")
    p.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    p.add_argument("--log-format", choices=["human", "json"], default="human",
                   help="log lines: human (default) or one JSON object per line")  # fmt: skip
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser("check", help="one pass over every document now")
    s.add_argument("--source", action="append", metavar="ID", help="only this source (repeatable)")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("history", help="events, newest first")
    s.add_argument("id", nargs="?", help="a source or document id")
    s.add_argument("--limit", type=int, default=50)
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("diff", help="unified diff of a document's extracted text")
    s.add_argument("id")
    s.add_argument("--from", dest="from_", metavar="SNAP", help="snapshot id or file stem")
    s.add_argument("--to", metavar="SNAP")
    s.add_argument("--statements", action="store_true",
                   help="outcome statements added, removed or reworded, not lines")  # fmt: skip

    s = sub.add_parser("metrics", help="current outcome figures with first/last seen")
    s.add_argument("--source", action="append", metavar="ID")
    s.add_argument("--family", action="append", metavar="F")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("extract", help="extraction alone on a local file or URL; no state")
    s.add_argument("target", metavar="PATH_OR_URL")
    s.add_argument("--json", action="store_true", help="the figures, one JSON object per line")
    s.add_argument("--text", action="store_true", help="also print the extracted text")
    s.add_argument("--statements", action="store_true",
                   help="the outcome statements (sentences, list items, form fields)")  # fmt: skip

    s = sub.add_parser("sources", help="configured and discovered documents")
    s.add_argument("--json", action="store_true")

    sub.add_parser("validate", help="check config.yaml")

    s = sub.add_parser("run", help="the daemon: scheduled checks until SIGTERM/SIGINT")
    s.add_argument("--log-format", choices=["human", "json"], default=argparse.SUPPRESS,
                   help="log lines: human (default) or one JSON object per line")  # fmt: skip

    s = sub.add_parser("notify", help="notifiers: --test sends a test message to each")
    s.add_argument("--test", action="store_true", help="send a test message to every notifier")

    s = sub.add_parser("outbox", help="alert deliveries still pending or given up on")
    s.add_argument("--all", action="store_true", help="delivered ones too")
    s.add_argument("--retry", action="store_true", help="queue failed deliveries again, now")
    s.add_argument("--limit", type=int, default=100)
    s.add_argument("--json", action="store_true")

    sub.add_parser("health", help="is the daemon's heartbeat fresh? (exit 0 yes, 1 no)")

    s = sub.add_parser("gc", help="apply retention, remove orphan files (state/ stays bounded)")
    s.add_argument("--vacuum", action="store_true", help="also compact the database")

    s = sub.add_parser("demo", help="the whole product on bundled documents, no network")
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
}


COMMANDS_NO_CONFIG = {"extract": cmd_extract, "demo": cmd_demo}


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:  # `monitor history | head`: the reader left, nothing is wrong
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _main(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    quiet = logging.INFO if args.command == "run" else logging.WARNING
    logs.setup(logging.DEBUG if args.verbose else quiet, args.log_format)
    try:
        cfg = load_config(args.config)
    except ConfigError as e:
        if args.command in COMMANDS_NO_CONFIG:  # these work without a config
            return COMMANDS_NO_CONFIG[args.command](None, args)
        print(e, file=sys.stderr)
        return 2
    logs.register_secrets(n.url for n in cfg.notify)
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
