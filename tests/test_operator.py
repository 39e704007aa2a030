"""What an operator meets: a config refused before it can fail, notifiers that cannot work
refused in every command that sends, typos caught, commands that run as printed, output that
keeps its detail."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import urllib.request
from functools import partial
from pathlib import Path

import pytest
import yaml

from monitor.cli import build_parser
from monitor.human import elide, program
from monitor.model import format_number
from tests.receivers import wait_for
from tests.server import free_port
from tests.util import run_cli, write_config

ROOT = Path(__file__).parents[1]
SRC = {"id": "a", "url": "http://127.0.0.1:9/a"}


def _cfg(tmp_path: Path, **source) -> Path:
    return write_config(tmp_path, [{**SRC, **source}])


@pytest.mark.parametrize(
    ("source", "where", "reason"),
    [({"cron": "61 * * * *"}, "sources[0].cron", "bad cron expression '61 * * * *'"),
     ({"cron": "* * *"}, "sources[0].cron", "bad cron expression"),
     ({"select": "main >>> p"}, "sources[0].select", "bad CSS selector 'main >>> p'"),
     ({"ignore": ["(unclosed"]}, "sources[0].ignore", "bad regular expression '(unclosed'"),
     ({"discover": {"match": "[a-"}}, "sources[0].discover.match", "bad regular expression"),
     ({"evrey": "1h"}, "sources[0].evrey", "unknown key; did you mean 'every'?")],
)  # fmt: skip
@pytest.mark.parametrize("command", ["validate", "check", "run"])
def test_a_config_run_or_check_cannot_use_is_refused_by_all_three(
    tmp_path, capsys, source, where, reason, command
):
    cfg = _cfg(tmp_path, **source)
    code, out, err = run_cli(capsys, "-c", str(cfg), command)
    assert code == 2
    assert f"{cfg}: {where}: " in err and reason in err, err
    assert "Traceback" not in out + err and not (tmp_path / "state").exists()


def test_did_you_mean_for_top_level_and_nested_keys(tmp_path, capsys):
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump({"sources": [SRC], "deliveri": {}, "http": {"timout": 3}}))
    code, _, err = run_cli(capsys, "-c", str(path), "validate")
    assert code == 2
    assert "deliveri: unknown key; did you mean 'delivery'?" in err
    assert "http.timout: unknown key; did you mean 'timeout'?" in err


@pytest.mark.parametrize(
    "argv", [["validate"], ["check"], ["run"], ["notify", "--test"], ["demo", "--notify"]]
)
def test_a_notifier_apprise_cannot_use_is_refused_in_every_command_that_sends(
    tmp_path, capsys, argv
):
    cfg = write_config(tmp_path, [SRC], notify=["slak://TokenA/TokenB/S3cretTokenC"])
    code, out, err = run_cli(capsys, "-c", str(cfg), *argv, *(
        ["--dir", str(tmp_path / "demo")] if argv[0] == "demo" else []))  # fmt: skip
    assert code == 2, out + err
    assert f"{cfg}: notify[0]: unknown scheme 'slak'; did you mean 'slack'" in err
    assert "S3cretTokenC" not in out + err and not (tmp_path / "state").exists()


def test_a_known_scheme_with_a_bad_url_names_the_forms_it_takes(tmp_path, capsys):
    cfg = write_config(tmp_path, [SRC], notify=["slack://onlyonepart"])
    code, _, err = run_cli(capsys, "-c", str(cfg), "check")
    assert code == 2 and "Slack plugin cannot read this URL" in err
    assert "slack://{token_a}/{token_b}/{token_c}" in err and "onlyonepart" not in err


def test_unset_notifier_variable_is_warned_only_by_commands_that_send(tmp_path, capsys):
    cfg = write_config(tmp_path, [SRC], notify=["${NO_SUCH_VAR_FOR_TEST}"])
    for argv, warned in ((["health"], False), (["history"], False), (["sources"], False),
                         (["validate"], True)):  # fmt: skip
        _, out, err = run_cli(capsys, "-c", str(cfg), *argv)
        assert ("NO_SUCH_VAR_FOR_TEST" in err) is warned, argv
        assert err.count("NO_SUCH_VAR_FOR_TEST") <= 1


def test_filters_naming_nothing_are_errors_listing_the_valid_ones(tmp_path, capsys):
    cfg = str(_cfg(tmp_path))
    code, _, err = run_cli(capsys, "-c", cfg, "metrics", "--family", "arest")
    assert code == 2 and "unknown family 'arest'; did you mean 'arrests'?" in err
    assert "law_enforcement_feedback" in err
    code, _, err = run_cli(capsys, "-c", cfg, "metrics", "--source", "nosuch")
    assert code == 2 and "unknown source or document id 'nosuch'" in err and ": a" in err
    code, _, err = run_cli(capsys, "-c", cfg, "history", "nosuch-doc")
    assert code == 2 and "unknown source or document id 'nosuch-doc'" in err
    code, _, err = run_cli(capsys, "-c", cfg, "diff", "nosuch-doc")
    assert code == 2 and "unknown document id 'nosuch-doc'" in err
    code, _, err = run_cli(capsys, "-c", cfg, "check", "--source", "b")
    assert code == 2 and "unknown source id 'b'" in err and "valid: a" in err
    code, out, _ = run_cli(capsys, "-c", cfg, "history", "a")
    assert code == 0 and "no events yet" in out


def test_version_help_and_config_after_the_command(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["--version"])
    assert exit_.value.code == 0 and "cybertip-monitor 0.1.0" in capsys.readouterr().out
    code, out, _ = run_cli(capsys, "validate", "-c", str(_cfg(tmp_path)))
    assert code == 0 and "OK: 1 sources" in out
    parser = build_parser()
    subs = next(a for a in parser._actions if a.dest == "command").choices
    for name, sub in [("monitor", parser), *subs.items()]:
        for action in sub._actions:
            assert action.help, f"{name} {action.option_strings or action.dest} has no help"


def test_extract_refuses_bytes_that_are_no_document(tmp_path, capsys):
    fake = tmp_path / "report.pdf"
    fake.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 4)
    code, out, err = run_cli(capsys, "extract", str(fake))
    assert code == 1 and "not an HTML page, a PDF or text" in err and "ELF executable" in err
    png = tmp_path / "chart.html"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    code, _, err = run_cli(capsys, "extract", str(png))
    assert code == 1 and "PNG image" in err


def test_extract_keeps_decimals_and_labels_that_tell_rows_apart(tmp_path, capsys):
    page = tmp_path / "page.html"
    rows = "".join(
        f"<tr><td>Number of ICAC law enforcement feedback instances on {what}</td>"
        f"<td>{n:,}</td></tr>"
        for what, n in (("actionable reports", 100000), ("informational reports", 50000),
                        ("all reports in total", 150000))
    )  # fmt: skip
    page.write_text(
        "<html><body><p>In 2024, 2.5% of CyberTipline reports led to an arrest.</p>"
        f"<table><tr><th>ICAC</th><th>2024</th></tr>{rows}</table></body></html>"
    )
    code, out, _ = run_cli(capsys, "extract", str(page))
    assert code == 0 and " 2.5% " in out
    figures = [ln for ln in out.splitlines() if "feedback instances" in ln]
    assert len({ln.split("  ")[-1] for ln in figures}) == 3  # three labels, told apart
    assert len({ln.index("p. -") for ln in figures}) == 1  # columns aligned


def test_elide_cuts_at_word_boundaries_and_one_number_format():
    text = "Law enforcement reported 2,388 arrests in 2024 connected to CyberTipline reports"
    cut = elide(text, 40)
    assert len(cut) <= 40 and cut.endswith("…") and text.startswith(cut[:-1])
    assert text[len(cut) - 1] == " "  # cut before a word, never inside one
    assert elide("short", 40) == "short"
    assert format_number(2.5, "percent") == "2.5%" and format_number(1234, "count") == "1,234"
    assert format_number(36.25, "count", "about") == "about 36.25"


def test_commands_are_suggested_as_the_program_was_started(tmp_path, monkeypatch):
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    script = bin_dir / "monitor"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", "/usr/bin:/bin")  # the venv not on PATH, as after the README
    monkeypatch.setattr(sys, "argv", [str(script)])
    assert program() == str(script)
    assert program("/x/config.yaml") == f"{script} -c /x/config.yaml"
    monkeypatch.setenv("PATH", str(bin_dir))
    assert program() == "monitor"
    monkeypatch.setattr(sys, "argv", ["/src/monitor/__main__.py"])
    assert program() == f"{shlex.quote(sys.executable)} -m monitor"


def test_demo_hints_run_as_printed(tmp_path):
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["PATH"] = "/usr/bin:/bin"  # `monitor` itself is not on PATH
    monitor = Path(sys.executable).parent / "monitor"
    run = subprocess.run([str(monitor), "demo", "--dir", str(tmp_path / "d")], env=env,
                         capture_output=True, text=True, timeout=120, cwd=tmp_path)  # fmt: skip
    assert run.returncode == 0, run.stderr
    hints = [ln.split("#")[0].strip() for ln in run.stdout.splitlines() if " -c " in ln]
    assert len(hints) >= 4 and all(h.startswith(str(monitor)) for h in hints)
    [serve] = [h for h in hints if h.endswith(" serve")]
    for hint in hints:
        if hint == serve:  # runs until stopped: on a free port, until it answers, then SIGINT
            port = free_port()
            proc = subprocess.Popen(f"exec {hint} --port {port}", shell=True, env=env,
                                    stderr=subprocess.PIPE, text=True, cwd=tmp_path)  # fmt: skip
            try:
                assert wait_for(partial(_answers, f"http://127.0.0.1:{port}/healthz"), 30)
            finally:
                proc.send_signal(signal.SIGINT)
                _, err = proc.communicate(timeout=30)
            assert proc.returncode == 0, err
            continue
        done = subprocess.run(hint, shell=True, env=env, capture_output=True, text=True,
                              timeout=60, cwd=tmp_path)  # fmt: skip
        assert done.returncode == 0, (hint, done.stderr)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def test_snapshots_of_one_second_list_in_time_order(tmp_path):
    from monitor.store.files import snapshot_paths

    folder = tmp_path / "state" / "snapshots" / "doc"
    folder.mkdir(parents=True)
    made = []
    for at in ("2026-11-26T12:00:00.005000Z", "2026-11-26T12:00:00.120000Z",
               "2026-11-26T12:00:00.120400Z", "2026-11-26T12:00:00.999000Z",
               "2026-11-26T12:00:01.000000Z"):  # fmt: skip
        text, raw = snapshot_paths(tmp_path / "state", "doc", at, "html")
        (tmp_path / "state" / text).write_text(at)
        made.append(Path(text).name)
    assert made[0] == "20261126T120000.005Z.txt"
    assert made[2] == "20261126T120000.121Z.txt"  # same millisecond: the next one
    assert sorted(made) == made == [p.name for p in sorted(folder.iterdir())]
    listed = subprocess.run(["ls", str(folder)], capture_output=True, text=True,
                            env={**os.environ, "LC_ALL": "en_US.UTF-8"}).stdout.split()  # fmt: skip
    assert listed == made


def test_fault_tables_print_only_under_verbose_or_s():
    from types import SimpleNamespace

    from tests.faults.conftest import show_table

    def cfg(verbose: int, capture: str) -> SimpleNamespace:
        return SimpleNamespace(option=SimpleNamespace(verbose=verbose, capture=capture))

    assert not show_table(cfg(-1, "fd")) and not show_table(cfg(0, "fd"))
    assert show_table(cfg(1, "fd")) and show_table(cfg(0, "no"))


def test_a_check_line_stays_short_and_points_at_history(server, tmp_path, capsys):
    from tests.util import make_pdf

    long_id = "ojjdp-ncmec-transparency-report-cy-2024-revised-edition"
    server.set("/r.pdf", make_pdf([["Report"]]), content_type="application/pdf")
    cfg = str(write_config(tmp_path, [{"id": long_id, "url": server.url("/r.pdf")}]))
    assert run_cli(capsys, "-c", cfg, "check")[0] == 0
    lines = [f"In {year}, law enforcement agencies made {1000 + year:,} arrests connected to"
             " CyberTipline reports." for year in range(2000, 2025)]  # fmt: skip
    server.set("/r.pdf", make_pdf([lines[:15], lines[15:]]), content_type="application/pdf")
    code, out, _ = run_cli(capsys, "-c", cfg, "check")
    [line] = [ln for ln in out.splitlines() if ln.startswith("CHNG")]
    assert code == 0 and len(line) <= 200, line
    assert long_id in line and "(+24 more" in line


def test_check_trusts_a_kept_verdict_for_the_same_notifier_urls(tmp_path, monkeypatch):
    """apprise loads every plugin to read a URL (~0.8 s): `check` asks it once per set of
    URLs (and apprise version), then trusts the verdict kept in state/."""
    from monitor import notify
    from monitor.config import load_config
    from monitor.store import Store

    cfg = load_config(write_config(tmp_path, [SRC], notify=["json://127.0.0.1:9/x"]))
    store = Store(cfg.state_dir)
    calls = []
    real = notify.unusable_notifiers
    monkeypatch.setattr(notify, "unusable_notifiers", lambda c: calls.append(1) or real(c))
    assert notify.check_notifiers(cfg, store) == [] and len(calls) == 1
    assert notify.check_notifiers(cfg, store) == [] and len(calls) == 1  # kept
    other = cfg.model_copy(update={"notify": [*cfg.notify, cfg.notify[0].model_copy(
        update={"url": "slak://a/b/c"})]})  # fmt: skip
    [(index, _, why)] = notify.check_notifiers(other, store)
    assert len(calls) == 2 and index == 1 and "did you mean 'slack'" in why
    assert notify.check_notifiers(other, store) and len(calls) == 3  # a refusal is not kept


def test_did_you_mean_for_families_and_event_kinds(tmp_path, capsys):
    notify = [{"url": "json://127.0.0.1:9/x", "on": ["document_nwe"]}]
    cfg = write_config(tmp_path, [SRC], alerts={"families": ["arests"]}, notify=notify)
    code, _, err = run_cli(capsys, "-c", str(cfg), "validate")
    assert code == 2
    assert "alerts.families: unknown families ['arests']; did you mean 'arrests'?" in err
    assert "notify[0].on: unknown event kinds or families ['document_nwe']; did you mean" in err
