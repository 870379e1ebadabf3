"""Downloads from the story page: the dossier (HTML, Markdown, JSON) and the claim matrix
as CSV. Nothing is written to disk; every download is built from the store in memory."""

from __future__ import annotations

import csv
import importlib
import io
import json
import re
from typing import Any

from newsprism.exports import safe_cell
from newsprism.serve.errors import ApiError
from newsprism.serve.story import story_api, story_page
from newsprism.store import Store

DOSSIER_TYPES = {"html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8",
                 "json": "application/json"}


def attachment(story_id: str, name: str) -> dict[str, str]:
    safe = re.sub(r"[^A-Za-z0-9_-]", "", story_id)[:24] or "story"
    return {"content-disposition": f'attachment; filename="story-{safe}-{name}"'}


def _dossier_module() -> Any | None:
    try:
        return importlib.import_module("newsprism.dossier.build")
    except ModuleNotFoundError:
        return None


def dossier(store: Store, story_id: str, fmt: str) -> bytes:
    mod = _dossier_module()
    if mod is None:
        if fmt == "json":
            return json.dumps(story_api(store, story_id), ensure_ascii=False, indent=1,
                              default=str).encode("utf-8")
        raise ApiError(503, "unavailable", "the dossier renderer is not installed in this "
                                           "build; the JSON and CSV exports work")
    data = mod.build_dossier(store, store.story(story_id).id)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=1, default=str).encode("utf-8")
    render = getattr(mod, "render_html" if fmt == "html" else "render_markdown")
    return str(render(data)).encode("utf-8")


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
            if cell.values:
                text += " (" + "; ".join(cell.values) + ")"
            cells.append(text + (" [differs]" if cell.differs else ""))
        writer.writerow([safe_cell(v) for v in
                         [r.group_id, r.summary, r.status, "; ".join(r.fields), *cells]])
    return buf.getvalue()
