"""Poll cost when nothing (or 10 %) changed: monitor beside urlwatch and a bare httpx loop.

Usage: python bench/poll.py [--reps R] [--connections C] [N ...]   (default: R=5, C=2, N=100 1000)

Serves N small HTML documents (~3 KB) from Debian's nginx on 127.0.0.1 (`etag on`, the
default), then times, as whole processes, after each tool's own baseline pass:
  monitor   one `monitor check` pass (politeness raised through config, as a user would)
  urlwatch  one urlwatch run over the same URLs (its cache in a temp dir)
  httpx     a bare loop of conditional GETs with one httpx.AsyncClient: the floor for our
            HTTP stack (its in-process time is printed too)
first over the unchanged set, then with 10 % of the documents changed (a new version of the
same documents before each round). Each phase runs R rounds, the tools in turn within a
round (their order rotated), and prints medians: on a shared 2-core machine one run of the
same command varies by 30 %, and interleaving gives every tool the same weather. Requests
and bytes (per run) come from nginx's access log. C connections for monitor and the bare
loop alike: with nginx on the same 2 cores, more only add connection-pool work.
Prerequisites: apt-get install nginx-light (or nginx); pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import yaml

BARE = textwrap.dedent(
    """
    import asyncio, json, sys, time
    import httpx

    async def main(urls, etags, conns):
        sem = asyncio.Semaphore(conns)
        async with httpx.AsyncClient(limits=httpx.Limits(max_connections=conns)) as client:
            async def one(url):
                async with sem:
                    headers = {"If-None-Match": etags[url]} if url in etags else {}
                    r = await client.get(url, headers=headers)
                    return url, r.headers.get("ETag"), r.status_code
            t = time.perf_counter()
            done = await asyncio.gather(*(one(u) for u in urls))
            return time.perf_counter() - t, {u: e for u, e, s in done if e}

    urls, state, conns = json.load(open(sys.argv[1])), sys.argv[2], int(sys.argv[3])
    try:
        etags = json.load(open(state))
    except FileNotFoundError:
        etags = {}
    seconds, etags = asyncio.run(main(urls, etags, conns))
    json.dump(etags, open(state, "w"))
    print(json.dumps({"inprocess": seconds}))
    """
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def page(i: int, version: int) -> str:
    words = " ".join(f"CyberTipline paragraph {j} of page {i} (v{version})." for j in range(80))
    return (
        f"<html><head><title>Page {i}</title></head><body><main><p>{words}</p></main></body></html>"
    )


def start_nginx(root: Path, work: Path, port: int) -> subprocess.Popen:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    conf = work / "nginx.conf"
    conf.write_text(
        textwrap.dedent(
            f"""
            worker_processes 1;
            daemon off;
            pid {work}/nginx.pid;
            error_log {work}/error.log;
            events {{ worker_connections 1024; }}
            http {{
              log_format bench '$status $bytes_sent';
              access_log {work}/access.log bench;
              client_body_temp_path {work}/tmp; proxy_temp_path {work}/tmp;
              fastcgi_temp_path {work}/tmp; uwsgi_temp_path {work}/tmp; scgi_temp_path {work}/tmp;
              types {{ text/html html; }}
              etag on;
              server {{ listen 127.0.0.1:{port}; root {root}; }}
            }}
            """
        )
    )
    (work / "tmp").mkdir()
    proc = subprocess.Popen([nginx, "-c", str(conf), "-p", str(work)], stderr=subprocess.DEVNULL)
    for _ in range(100):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return proc
        time.sleep(0.05)
    raise SystemExit("nginx did not start; see " + str(work / "error.log"))


def run(cmd: list[str], env: dict | None = None) -> dict:
    """Wall, CPU and peak RSS of one whole process."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    result = {
        "wall": time.perf_counter() - t,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss": usage.ru_maxrss / 1024,
        "code": os.waitstatus_to_exitcode(status),
    }
    for line in out.decode(errors="replace").splitlines():
        if line.startswith("{") and ("inprocess" in line or "summary" in line):
            data = json.loads(line)
            result["inprocess"] = data.get("inprocess") or data.get("elapsed")
            result["summary"] = data.get("summary")
    return result


def log_since(log: Path, offset: int) -> tuple[int, int, int]:
    """(requests, bytes sent, new offset) from nginx's access log; only 200 and 304 count."""
    lines = log.read_text().splitlines()[offset:]
    bad = [ln for ln in lines if ln.split()[0] not in ("200", "304")]
    if bad:
        raise SystemExit(
            f"nginx answered {bad[0].split()[0]} to {len(bad)} requests: not a fair run"
        )
    return len(lines), sum(int(ln.split()[1]) for ln in lines), len(lines) + offset


def bench(n: int, reps: int, conns: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        work.chmod(0o755)  # nginx's workers run as an unprivileged user: they must read it
        root = work / "site"
        root.mkdir()
        for i in range(n):
            (root / f"p{i}.html").write_text(page(i, 1))
        port = free_port()
        nginx = start_nginx(root, work, port)
        urls = [f"http://127.0.0.1:{port}/p{i}.html" for i in range(n)]
        cfg = work / "monitor.yaml"
        cfg.write_text(yaml.safe_dump({
            "state_dir": "state",
            "http": {"per_host_concurrency": conns, "per_host_delay": 0},
            "sources": [{"id": f"p{i}", "url": u} for i, u in enumerate(urls)],
        }))  # fmt: skip
        (work / "urls.json").write_text(json.dumps(urls))  # too long for an argument at 5,000
        (work / "urls.yaml").write_text("\n---\n".join(f"url: {u}" for u in urls) + "\n")
        env = {
            **os.environ,
            "HOME": str(work),
            "XDG_CONFIG_HOME": str(work),
            "XDG_CACHE_HOME": str(work),
        }
        tools = {
            "monitor": [sys.executable, "-m", "monitor", "-c", str(cfg), "check", "--json"],
            "urlwatch": [
                shutil.which("urlwatch") or str(Path(sys.executable).with_name("urlwatch")),
                "--urls", str(work / "urls.yaml"), "--config", str(work / "urlwatch.yaml"),
                "--hooks", str(work / "hooks.py"), "--cache", str(work / "cache.db"),
            ],
            "httpx": [sys.executable, "-c", BARE, str(work / "urls.json"),
                      str(work / "etags.json"), str(conns)],
        }  # fmt: skip
        log = work / "access.log"
        for cmd in tools.values():  # each tool's own baseline pass
            run(cmd, env)
        offset = len(log.read_text().splitlines())
        print(f"\n{n} documents, {os.cpu_count()} cores, {conns} connections, "
              f"median of {reps} interleaved rounds, {time.strftime('%Y-%m-%d')}")  # fmt: skip
        print(f"{'pass':<11} {'tool':<9} {'wall s':>7} {'(range)':>11} {'cpu s':>6} "
              f"{'RSS MiB':>8} {'in-proc s':>9} {'requests':>8} {'KB sent':>8}")  # fmt: skip
        for phase in ("unchanged", "10% changed"):
            runs: dict[str, list[dict]] = {tool: [] for tool in tools}
            traffic = dict.fromkeys(tools, (0, 0))
            for r in range(reps):
                if phase != "unchanged":  # a new version of the same tenth, for every tool
                    for i in range(0, n, 10):
                        (root / f"p{i}.html").write_text(page(i, r + 2))
                order = list(tools)[r % len(tools) :] + list(tools)[: r % len(tools)]
                for tool in order:
                    runs[tool].append(run(tools[tool], env))
                    reqs, sent, offset = log_since(log, offset)
                    traffic[tool] = (traffic[tool][0] + reqs, traffic[tool][1] + sent)
            med = {}
            for tool, rs in runs.items():
                walls = [x["wall"] for x in rs]
                inprocs = [x["inprocess"] for x in rs if x.get("inprocess")]
                med[tool] = {
                    "wall": statistics.median(walls),
                    "inprocess": statistics.median(inprocs) if inprocs else None,
                }
                reqs, sent = traffic[tool]
                inproc = f"{med[tool]['inprocess']:.2f}" if inprocs else "-"
                print(
                    f"{phase:<11} {tool:<9} {med[tool]['wall']:7.2f} "
                    f"{f'{min(walls):.2f}-{max(walls):.2f}':>11} "
                    f"{statistics.median(x['cpu'] for x in rs):6.2f} "
                    f"{max(x['rss'] for x in rs):8.1f} {inproc:>9} {reqs // reps:8d} "
                    f"{sent / reps / 1024:8.0f}  {rs[-1].get('summary') or ''}"
                )
            m, u, h = med["monitor"], med["urlwatch"], med["httpx"]
            ratio_in = (m["inprocess"] or 0) / (h["inprocess"] or 1)
            print(f"{'':<11} ratios: urlwatch/monitor wall {u['wall'] / m['wall']:.2f}x, "
                  f"monitor/httpx wall {m['wall'] / h['wall']:.2f}x, "
                  f"monitor/httpx in-process {ratio_in:.2f}x")  # fmt: skip
        daemon_rss(cfg, work / "state" / "monitor.sqlite3", n, env)
        nginx.send_signal(signal.SIGQUIT)
        nginx.wait(10)


def daemon_rss(cfg: Path, db: Path, n: int, env: dict) -> None:
    """Peak RSS of `monitor run` over its first scheduled pass of all N documents."""
    import sqlite3

    def checks() -> int:
        con = sqlite3.connect(db)
        try:
            return con.execute("SELECT COUNT(*) FROM checks").fetchone()[0]
        finally:
            con.close()

    before = checks()
    proc = subprocess.Popen(
        [sys.executable, "-m", "monitor", "-c", str(cfg), "run"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    t = time.perf_counter()
    while checks() < before + n and time.perf_counter() - t < 120:
        time.sleep(0.2)
    status = Path(f"/proc/{proc.pid}/status").read_text()
    hwm = next(int(ln.split()[1]) for ln in status.splitlines() if ln.startswith("VmHWM"))
    proc.send_signal(signal.SIGTERM)
    code = proc.wait(60)
    print(f"monitor run: first pass over {n} documents in {time.perf_counter() - t:.1f} s, "
          f"peak RSS {hwm / 1024:.1f} MiB, exit {code} on SIGTERM")  # fmt: skip


def startup() -> None:
    """Median time to import what `monitor check` needs, as a whole process."""
    times = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import monitor.cli, monitor.runtime"], check=True)
        times.append(time.perf_counter() - t)
    bare = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare.append(time.perf_counter() - t)
    print(f"start-up: importing monitor.cli + monitor.runtime {sorted(times)[2]:.2f} s "
          f"(python alone {sorted(bare)[2]:.2f} s), median of 5")  # fmt: skip


def main() -> None:
    # Bytecode for monitor/, as a normal install has: this machine sets PYTHONDONTWRITEBYTECODE,
    # which would leave an editable checkout compiling its sources at every start (~0.1 s)
    # while urlwatch and httpx, installed by pip, start from bytecode.
    package = Path(__file__).resolve().parents[1] / "monitor"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000])
    parser.add_argument("--reps", type=int, default=5, help="interleaved rounds per phase")
    parser.add_argument("--connections", type=int, default=2, help="per host, monitor and httpx")
    args = parser.parse_args()
    startup()
    for n in args.sizes:
        bench(n, args.reps, args.connections)


if __name__ == "__main__":
    main()
