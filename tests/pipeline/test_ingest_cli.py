"""End-to-end ingest through the CLI: storing, duplicates, bad inputs, exit codes, exports."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsprism.exports import CONTRACT_KEYS
from newsprism.serve.cli import main
from newsprism.store import Store

ARTICLE = """Ferry service resumes on Lake Orvel - The Lakeside Courier
By Marta Quell
March 3, 2025

Ferries returned to Lake Orvel on Monday after a strike that lasted 12 days, the port authority said.
"We are relieved that the boats are running again," harbour master Tobias Renn told reporters.
About 4,000 commuters use the crossing every day, according to the regional transport office.
"""


def write(tmp: Path, name: str, data: bytes | str) -> Path:
    path = tmp / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def run(*args: str) -> int:
    return main(list(args))


def test_ingest_twice_stores_once(tmp_path: Path, db_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path, "in/a.txt", ARTICLE)
    write(tmp_path, "in/sub/b.txt", ARTICLE.replace("12 days", "eleven days"))
    assert run("ingest", str(src.parent), "--db", str(db_path), "--no-analyze", "--json") == 0
    first = json.loads(capsys.readouterr().out)
    assert first["stored"] == 2 and first["failed"] == 0
    assert run("ingest", str(src.parent), "--db", str(db_path), "--no-analyze", "--json") == 0
    again = json.loads(capsys.readouterr().out)
    assert again["stored"] == 0 and again["duplicates"] == 2
    with Store(db_path) as store:
        assert store.count_reports() == 2
        report = store.reports(limit=1)[0]
        assert report.outlet == "The Lakeside Courier"
        assert report.byline == "Marta Quell"


def test_json_summary_times_each_phase(tmp_path: Path, db_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path, "in/a.txt", ARTICLE)
    assert run("ingest", str(src), "--db", str(db_path), "--json") == 0
    timings = json.loads(capsys.readouterr().out)["timings"]
    assert list(timings) == ["per-report", "cluster", "resolve", "triangulate"]
    assert all(t["wall_s"] >= 0 and t["cpu_s"] >= 0 for t in timings.values())
    # Parsing the report (spaCy, in this process with one worker) takes measurable CPU.
    assert timings["per-report"]["cpu_s"] > 0
    assert run("ingest", str(src), "--db", str(db_path), "--json") == 0
    # Nothing new: the global stages do not run.
    assert list(json.loads(capsys.readouterr().out)["timings"]) == ["per-report"]


def test_bad_inputs_fail_alone(tmp_path: Path, db_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path, "good.txt", ARTICLE)
    bad = [
        write(tmp_path, "empty.txt", b""),
        write(tmp_path, "binary.txt", bytes(range(256)) * 40),
        write(tmp_path, "trunc.txt.gz", gzip.compress(ARTICLE.encode() * 50)[:200]),
        write(tmp_path, "bomb.xml", "<?xml version='1.0'?><!DOCTYPE r [<!ENTITY a 'aaaa'>"
              "<!ENTITY b '&a;&a;&a;&a;'>]><rss><channel><item><title>&b;</title></item>"
              "</channel></rss>"),
    ]
    code = run("ingest", str(good), *map(str, bad), "--db", str(db_path), "--no-analyze",
               "--json")
    captured = capsys.readouterr()
    summary = json.loads(captured.out)
    assert code == 1
    assert summary["stored"] == 1 and summary["failed"] == len(bad)
    for path in bad:
        assert sum(str(path) in line for line in captured.err.splitlines()) == 1, path


def test_export_contract_has_every_key(tmp_path: Path, db_path: Path) -> None:
    write(tmp_path, "a.txt", ARTICLE)
    assert run("ingest", str(tmp_path / "a.txt"), "--db", str(db_path), "--no-analyze",
               "-q") == 0
    out = tmp_path / "export.json"
    assert run("export", "--format", "json", str(out), "--db", str(db_path)) == 0
    data = json.loads(out.read_text())
    assert set(CONTRACT_KEYS) <= set(data)
    report = data["reports"][0]
    for key in ("id", "source", "url", "outlet", "title", "byline", "published_at",
                "published_precision", "language", "text", "story_id", "notices"):
        assert key in report
    assert report["source"] == str(tmp_path / "a.txt")


def test_unknown_report_is_exit_3(db_path: Path) -> None:
    Store(db_path).close()
    assert run("show", "doesnotexist", "--db", str(db_path)) == 3


def test_missing_store_is_a_clear_error(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert run("reports", "--db", str(tmp_path / "none.db")) == 3
    assert "none.db" in capsys.readouterr().err


def test_resume_skips_files_already_stored(tmp_path: Path, db_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    write(tmp_path, "in/a.jsonl", "\n".join(json.dumps({"text": f"{ARTICLE} Edition {i}."})
                                            for i in range(3)) + "\n")
    write(tmp_path, "in/b.txt", ARTICLE)
    assert run("ingest", str(folder), "--db", str(db_path), "--no-analyze", "-q") == 0
    with Store(db_path) as store:
        done = store.conn.execute("SELECT path, reports FROM ingested_files ORDER BY path"
                                  ).fetchall()
    assert [(Path(p).name, n) for p, n in done] == [("a.jsonl", 3), ("b.txt", 1)]
    capsys.readouterr()
    # A resumed run does not even read finished files: nothing is counted, not even as dup.
    assert run("ingest", str(folder), "--db", str(db_path), "--no-analyze", "--resume",
               "--json") == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary == {**summary, "stored": 0, "duplicates": 0, "failed": 0}
    # A file that changed is read again.
    write(tmp_path, "in/b.txt", ARTICLE + "\nA correction was appended.\n")
    assert run("ingest", str(folder), "--db", str(db_path), "--no-analyze", "--resume",
               "--json") == 0
    assert json.loads(capsys.readouterr().out)["stored"] == 1
