from __future__ import annotations

import json
import re
from pathlib import Path

from newsprism.dossier import build_dossier, render_html, render_markdown
from newsprism.serve.cli import main
from newsprism.store import Store

HOSTILE_TAG = "<script>"


def _dossier(velmora_store: tuple[Path, str]) -> dict:  # type: ignore[type-arg]
    db, sid = velmora_store
    with Store(db, readonly=True) as store:
        return build_dossier(store, sid)


def test_dossier_lines_up_claims_across_reports(velmora_store: tuple[Path, str]) -> None:
    d = _dossier(velmora_store)
    assert [r["id"] for r in d["reports"]] == ["rep-a", "rep-b", "rep-c"]
    rows = d["matrix"]["rows"]
    assert rows[0]["carried_by"] == 3  # most widely carried claims first
    strikers = next(r for r in rows if r["status"] == "disputed")
    assert strikers["cells"]["rep-c"]["differs"] and "900" in strikers["cells"]["rep-c"]["value"]
    closure = next(r for r in rows if "close for two weeks" in r["summary"])
    assert closure["cells"]["rep-c"]["stance"] == "absent"
    assert closure["cells"]["rep-b"]["stance"] == "attributed"
    assert any(x["kind"] == "attribution-dropped" for x in d["stance_changes"])
    assert any(x["field"] == "number" for x in d["disagreements"])


def test_omissions_are_ranked_and_single_source_claims_left_out(
        velmora_store: tuple[Path, str]) -> None:
    d = _dossier(velmora_store)
    by = {o["report_id"]: o["missing"] for o in d["omissions"]}
    assert by["rep-c"][0]["summary"].startswith("The harbour will close")
    assert all(m["carried_by"] >= 2 for ms in by.values() for m in ms)
    counts = [len(m["outlets"]) for m in by["rep-c"]]
    assert counts == sorted(counts, reverse=True)


def test_quotes_provenance_timeline_entities(velmora_store: tuple[Path, str]) -> None:
    d = _dossier(velmora_store)
    assert len(d["quotes"][0]["members"]) == 3
    prov = {p["report_id"]: p for p in d["provenance"]["reports"]}
    assert [s["name"] for s in prov["rep-b"]["sources"]] == ["Calder"]
    assert prov["rep-a"]["sources"] == []
    assert prov["rep-b"]["relies_on"][0]["from_report_id"] == "rep-a"
    assert d["timeline"][0]["date"] == "2031-03-14"
    names = [e["name"] for e in d["entities"]]
    assert "Velmora" in names


def test_markdown_and_html_escape_article_text(velmora_store: tuple[Path, str]) -> None:
    d = _dossier(velmora_store)
    md = render_markdown(d)
    assert "## Claim matrix" in md and "Stance changes" in md
    assert HOSTILE_TAG not in md and "&lt;script&gt;" in md
    page = render_html(d)
    assert HOSTILE_TAG not in page and "&lt;script&gt;" in page
    assert "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")  # only escaped
    # One self-contained file: no script, no external resource.
    assert not re.search(r"<script|<link|src=\"http|href=\"http|@import", page)
    assert "<style>" in page


def test_cli_writes_each_format(velmora_store: tuple[Path, str], tmp_path: Path) -> None:
    db, sid = velmora_store
    for fmt in ("md", "html", "json"):
        out = tmp_path / f"d.{fmt}"
        assert main(["dossier", sid[:8], "--format", fmt, "-o", str(out), "--db", str(db)]) == 0
        assert out.stat().st_size > 500
    data = json.loads((tmp_path / "d.json").read_text())
    assert data["story"]["id"] == sid
    assert main(["dossier", "no-such-story", "--db", str(db)]) == 3
