"""The web UI in a real browser (Debian's Chromium through Playwright): the demo corpus from
story list to story, report and entity; the claim matrix; hostile text that must stay inert.

Screenshots go to $NEWSPRISM_SCREENSHOTS when it is set (``docs/screenshots`` refreshes the
ones in the docs); otherwise to the test's temporary folder. $NEWSPRISM_DEMO_DB names a store
already built by ``newsprism demo`` to use instead of running the pipeline here.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsprism.serve.app import create_app

from . import storefix
from .live import CHROMIUM, CHROMIUM_ARGS, serve

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is absent: install Debian's Chromium "
                "(apt-get install -y chromium) to run the browser tests",
                allow_module_level=True)

from playwright.sync_api import BrowserContext, Page, sync_playwright  # noqa: E402

VIEWPORT = {"width": 1360, "height": 900}


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport=VIEWPORT)  # type: ignore[arg-type]
        try:
            yield context
        finally:
            context.close()


@pytest.fixture()
def page(browser: BrowserContext) -> Iterator[Page]:
    p = browser.new_page()
    dialogs: list[str] = []
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield p
    assert not dialogs, f"a dialog opened: {dialogs}"
    p.close()


def shots_dir(tmp_path: Path) -> Path:
    target = os.environ.get("NEWSPRISM_SCREENSHOTS")
    return Path(target) if target else tmp_path


# Screenshots stop here (CSS pixels): the top of a long page shows what it is, and the
# files stay small enough to keep in the repository.
SHOT_MAX_HEIGHT = 2000


def shot(page: Page, folder: Path, name: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    height = min(int(page.evaluate("document.documentElement.scrollHeight")), SHOT_MAX_HEIGHT)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True,
                    clip={"x": 0, "y": 0, "width": VIEWPORT["width"], "height": height})


# -- the fictional fixture store: matrix cells and hostile text ---------------------------


@pytest.fixture(scope="module")
def fixture_server(fixture_db: Path) -> Iterator[str]:
    with serve(create_app(fixture_db)) as base:
        yield base


def cell_classes(page: Page, group_id: str) -> list[str]:
    classes: list[str] = page.eval_on_selector_all(
        f"tr[id='cg-{group_id}'] td.cell", "cells => cells.map(c => c.className)")
    return classes


def test_matrix_cells_and_filter(page: Page, fixture_server: str) -> None:
    page.goto(f"{fixture_server}/stories/{storefix.STORY}")
    headers = page.locator("#claim-matrix thead th.outlet-col a").all_inner_texts()
    assert headers == ["Lakeside Courier", "Northern Ledger", "Valley Wire"]
    assert cell_classes(page, "cg-1") == ["cell s-asserted differs",
                                          "cell s-hedged differs outlier",
                                          "cell s-asserted differs"]
    assert cell_classes(page, "cg-2") == ["cell s-attributed", "cell s-asserted",
                                          "cell s-absent omitted"]
    outlier = page.locator("tr[id='cg-cg-1'] td.outlier")
    assert "number: 12" in outlier.inner_text()
    # The "only where outlets differ" switch (app.js) hides the agreed rows.
    page.check("input[data-filter='disputed']")
    assert page.locator("tr[id='cg-cg-2']").is_hidden()
    assert page.locator("tr[id='cg-cg-1']").is_visible()
    # A cell links to the claim in the report text.
    page.uncheck("input[data-filter='disputed']")
    page.click("tr[id='cg-cg-1'] td.s-hedged a")
    assert page.url.endswith(f"/reports/{storefix.B}#c-b%3Ac0")
    assert page.locator("[id='c-b:c0']").is_visible()


def hostile_paths() -> list[str]:
    return ["/", f"/stories/{storefix.HOSTILE_STORY}", f"/reports/{storefix.H}",
            f"/entities/{storefix.HOSTILE_ENTITY}", "/entities", "/reports",
            "/search?q=pwned+script", f"/search?q={storefix.PAYLOAD}"]


@pytest.mark.parametrize("path", hostile_paths())
def test_hostile_text_stays_inert(page: Page, fixture_server: str, path: str) -> None:
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if m.type == "error" else None)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(fixture_server + path)
    page.wait_for_load_state("load")
    state: dict[str, Any] = page.evaluate(
        "() => ({pwned: window.__pwned === undefined ? null : window.__pwned,"
        " title: document.title, iframes: document.querySelectorAll('iframe').length,"
        " imgs: document.querySelectorAll('img').length})")
    assert state["pwned"] is None, state
    assert not state["title"].startswith("pwned")
    assert state["iframes"] == 0 and state["imgs"] == 0
    assert all(u.startswith(fixture_server) for u in requests), requests
    if path == f"/reports/{storefix.H}":
        text = page.locator("#report-text").inner_text()
        assert "<script>window.__pwned=1" in text  # shown as the text it is
        # The report's javascript: URL is shown, never linked.
        assert page.locator("a[href^='javascript:']").count() == 0
        # Every link in the text stays on this site; following one runs nothing either.
        hrefs = page.eval_on_selector_all("a", "links => links.map(a => a.href)")
        assert all(h.startswith(fixture_server) for h in hrefs), hrefs
        page.locator("#report-text a").first.click()
        assert page.evaluate("window.__pwned === undefined")


# -- the demo corpus through the real pipeline ---------------------------------------------


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import newsprism.analyze
    from newsprism.config import Settings
    from newsprism.demo import corpus_files
    from newsprism.pipeline import ingest
    from newsprism.store import Store

    db = tmp_path_factory.mktemp("demo") / "demo.db"
    prebuilt = os.environ.get("NEWSPRISM_DEMO_DB")
    if prebuilt:  # a store built by `newsprism demo`, to skip the pipeline run
        with Store(Path(prebuilt), readonly=True) as src:
            src.backup(db)
        return db
    # Until the analyze stage exposes its Analyzer, the store holds what the pipeline gives
    # without it (reports and stories); the pages must work either way.
    analyze = hasattr(newsprism.analyze, "Analyzer")
    with Store(db) as store:
        summary = ingest([str(p) for p in corpus_files()], store, Settings(), analyze=analyze)
    assert summary.stored >= 20, summary.errors
    return db


@pytest.fixture(scope="module")
def demo_server(demo_db: Path) -> Iterator[str]:
    with serve(create_app(demo_db)) as base:
        yield base


def demo_story_id(db: Path, outlet: str, title_part: str) -> str | None:
    from newsprism.store import Store

    with Store(db, readonly=True) as store:
        for r in store.reports(outlet=outlet):
            if title_part in (r.title or ""):
                row = store.conn.execute("SELECT story_id FROM reports WHERE id = ?",
                                         (r.id,)).fetchone()
                return None if row is None else row[0]
    return None


def test_demo_story_list_story_report_entity(page: Page, demo_server: str, demo_db: Path,
                                             tmp_path: Path) -> None:
    folder = shots_dir(tmp_path)
    page.goto(demo_server + "/")
    shot(page, folder, "stories")
    story_id = demo_story_id(demo_db, "Eskaria Today", "Kesmenergo")
    if story_id is None:
        pytest.skip("the cluster stage has not grouped the demo reports into stories yet")
    page.click(f"a[href='/stories/{story_id}']")
    assert "/stories/" in page.url
    assert page.locator("h1").inner_text()
    shot(page, folder, "story")
    if page.locator("#claim-matrix").count():
        check_april_matrix(page)
    # Follow a report link from the story's report list.
    page.locator("#reports a").first.click()
    assert "/reports/" in page.url
    assert len(page.locator("#report-text").inner_text()) > 200
    shot(page, folder, "report")
    mention = page.locator("#report-text a.hl-mention")
    if not mention.count():
        pytest.skip("no resolved entity is linked from the report yet (resolve stage)")
    name = mention.first.inner_text()
    mention.first.click()
    assert "/entities/" in page.url
    assert page.locator("h1").inner_text()
    assert name  # the mention's own spelling is one of the entity's spellings
    assert name in page.locator("main").inner_text()
    shot(page, folder, "entity")


def check_april_matrix(page: Page) -> None:
    """The April flood: the Courier asserts the gates were opened without warning, Orbis
    hedges it, Eskaria Today reports the denial (demo corpus README). Some claim row must
    show all three, whichever of an outlet's columns carries it."""
    columns = page.locator("#claim-matrix thead th.outlet-col a").all_inner_texts()
    want = {"Kesma Valley Courier": "asserted", "Orbis Daily Digest": "hedged",
            "Eskaria Today": "denied"}
    index = {o: [i for i, c in enumerate(columns) if c.startswith(o)] for o in want}
    assert all(index.values()), (index, columns)
    rows: list[list[str]] = page.eval_on_selector_all(
        "table.matrix tbody tr",
        "rows => rows.map(r => Array.from(r.querySelectorAll('td.cell'))"
        ".map(c => c.dataset.state))")

    def shows_all(row: list[str]) -> bool:
        return all(any(row[i] == stance for i in index[o]) for o, stance in want.items())

    assert any(shows_all(row) for row in rows), rows


def test_demo_script_in_report_never_runs(page: Page, demo_server: str, demo_db: Path) -> None:
    from newsprism.demo import EXPECTED
    from newsprism.store import Store

    title = EXPECTED["reports"][EXPECTED["script_report"]]["title"]
    with Store(demo_db, readonly=True) as store:
        ids = [r.id for r in store.reports() if r.title == title]
    assert ids, f"the demo report {title!r} is not in the store"
    for path in (f"/reports/{ids[0]}", "/", "/reports"):
        page.goto(demo_server + path)
        ran = page.evaluate("(names) => names.filter(n => window[n] !== undefined)",
                            list(EXPECTED["script_markers"]))
        assert ran == [], path

