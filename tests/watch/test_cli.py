"""``newsprism watch`` end to end over loopback: --once, sources files, exit codes, SIGINT
(in process; the real Ctrl-C of a separate process is a slow test)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsprism.serve import console
from newsprism.serve.cli import main
from newsprism.serve.commands import watch as watch_command
from newsprism.store import Store

from .conftest import FeedServer, rss, story

ITEMS = [story("Quarry Lane depot to close", 12), story("Drivers relieved by move", 7)]


def run(*args: str) -> int:
    return main(["watch", *args])


def test_once_ingests_then_answers_not_modified(feed_server: FeedServer, db_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    feed_server.route("/feed.xml").set_body(rss(ITEMS), 1)
    url = feed_server.url("/feed.xml")
    args = (url, "--once", "--allow-private", "--no-analyze", "--min-host-interval", "0",
            "--db", str(db_path))
    assert run(*args) == 0
    assert run(*args) == 0
    err = capsys.readouterr().err
    assert f"{url}: new 2, unchanged 0, failed 0" in err
    assert f"{url}: new 0, unchanged (304 not modified)" in err
    assert "stopped after 1 poll(s): 0 new report(s), 0 failed poll(s)" in err
    with Store(db_path, readonly=True) as store:
        assert store.count_reports() == 2


def test_sources_file_names_outlets(feed_server: FeedServer, db_path: Path,
                                   tmp_path: Path) -> None:
    feed_server.route("/feed.xml").set_body(rss(ITEMS), 1)
    sources = tmp_path / "sources.toml"
    sources.write_text(f"""
[[source]]
url = "{feed_server.url('/feed.xml')}"
outlet = "Quarry Lane Gazette"
country = "BM"
owner = "Brenmoor Cooperative"
interval = "30m"
""", encoding="utf-8")
    assert run("--sources", str(sources), "--once", "--allow-private", "--no-analyze",
               "--min-host-interval", "0", "--db", str(db_path)) == 0
    with Store(db_path, readonly=True) as store:
        assert {r.outlet for r in store.reports()} == {"Quarry Lane Gazette"}
        info = store.outlet_info()["Quarry Lane Gazette"]
    assert info["country"] == "BM" and info["owner"] == "Brenmoor Cooperative"


def test_configuration_mistakes(tmp_path: Path, db_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[[source]]\nurl = 'https://a.example/f'\nevery = '5m'\n", encoding="utf-8")
    assert run("--sources", str(bad), "--db", str(db_path)) == console.EXIT_CONFIG
    assert f"{bad}" in capsys.readouterr().err
    assert run("--db", str(db_path)) == console.EXIT_CONFIG
    assert "nothing to watch" in capsys.readouterr().err
    assert run("https://a.example/f", "--interval", "5s", "--db", str(db_path)) == \
        console.EXIT_CONFIG
    assert "--interval" in capsys.readouterr().err


def test_failed_poll_with_once_exits_1(feed_server: FeedServer, db_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    feed_server.route("/feed.xml", statuses=[(500, {})])
    url = feed_server.url("/feed.xml")
    assert run(url, "--once", "--allow-private", "--min-host-interval", "0",
               "--db", str(db_path)) == \
        console.EXIT_INPUT_FAILED
    assert f"{url}: failed: HTTP 500" in capsys.readouterr().err


def test_sigint_stops_the_loop_after_the_poll(feed_server: FeedServer, db_path: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    feed_server.route("/feed.xml").set_body(rss(ITEMS), 1)
    url = feed_server.url("/feed.xml")
    logged = watch_command._log

    def log_then_interrupt(line: str) -> None:
        logged(line)
        if "new 2" in line:  # Ctrl-C right after the first poll; the loop would wait 10 min
            signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(watch_command, "_log", log_then_interrupt)
    before = signal.getsignal(signal.SIGINT)
    assert run(url, "--allow-private", "--no-analyze", "--min-host-interval", "0",
               "--db", str(db_path)) == 0
    assert signal.getsignal(signal.SIGINT) is before
    err = capsys.readouterr().err
    assert "SIGINT: stopping after the current poll" in err
    assert "stopped after 1 poll(s): 2 new report(s)" in err
    with Store(db_path, readonly=True) as store:
        assert store.get_state(f"watch:source:{url}") is not None


@pytest.mark.slow
def test_sigint_finishes_the_poll_and_exits_0(feed_server: FeedServer, db_path: Path) -> None:
    feed_server.route("/feed.xml").set_body(rss(ITEMS), 1)
    url = feed_server.url("/feed.xml")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from newsprism.serve.cli import run; run()", "watch", url,
         "--allow-private", "--no-analyze", "--min-host-interval", "0",
         "--db", str(db_path)],
        stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stderr is not None
    lines = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        lines.append(line)
        if "new 2" in line or not line:
            break
    proc.send_signal(signal.SIGINT)
    _, rest = proc.communicate(timeout=60)
    assert proc.returncode == 0, "".join(lines) + rest
    assert "SIGINT: stopping after the current poll" in rest
    with Store(db_path, readonly=True) as store:
        assert store.count_reports() == 2
        assert store.get_state(f"watch:source:{url}") is not None
