"""Downloads from the story page: the dossier (HTML, Markdown, JSON) and the claim matrix
as CSV. Nothing is written to disk; every download is built from the store in memory."""

from __future__ import annotations

import csv
import io
import json
import re

from newsprism.dossier import build_dossier, render_html, render_markdown
from newsprism.exports import safe_cell
from newsprism.serve.story import story_page
from newsprism.store import Store

DOSSIER_TYPES = {"html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8",
                 "json": "application/json"}


def attachment(story_id: str, name: str) -> dict[str, str]:
    safe = re.sub(r"[^A-Za-z0-9_-]", "", story_id)[:24] or "story"
    return {"content-disposition": f'attachment; filename="story-{safe}-{name}"'}


def dossier(store: Store, story_id: str, fmt: str) -> bytes:
    d = build_dossier(store, story_id)
    if fmt == "json":
        return json.dumps(d, ensure_ascii=False, indent=1, default=str).encode("utf-8")
    text = render_html(d) if fmt == "html" else render_markdown(d)
    return text.encode("utf-8")


def claims_csv(store: Store, story_id: str) -> str:
    """One row per claim group, one column per report (its stance and differing values).
    Every cell, headers included, goes through safe_cell: outlet names and claim text come
    from articles and must not run as spreadsheet formulas."""
    page = story_page(store, story_id)
    head = ["claim_group_id", "summary", "status", "differs_in"]
    head += [f"{c.label} [{c.report_id[:8]}]" for c in page["columns"]]
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([safe_cell(h) for h in head])
    for r in page["rows"]:
        cells = []
        for cell in r.cells:
            text = "omitted" if cell.omitted else cell.state
            if cell.value:
                text += f" ({cell.value})"
            cells.append(text + (" [differs]" if cell.outlier else ""))
        writer.writerow([safe_cell(v) for v in
                         [r.group_id, r.summary, r.status, "; ".join(r.fields), *cells]])
    return buf.getvalue()
