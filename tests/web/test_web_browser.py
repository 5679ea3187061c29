"""The web pages in a real browser: Debian's chromium driven by Playwright against a real uvicorn server."""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from webtest import build_db, ingest_records

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DOCS = Path(__file__).resolve().parents[2] / "docs"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

if not os.path.exists(CHROMIUM) and not os.environ.get("CI"):
    pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)", allow_module_level=True)


UNDATED_TEXT = "Showtime has cancelled Copper Sky after one season, a spokesperson said in a brief statement."
UNDATED = [  # an article without a date (its facts given, not extracted)
    {
        "id": "copper-sky-undated",
        "title": "Showtime cancels Copper Sky",
        "text": UNDATED_TEXT,
        "url": "https://news.example/copper-sky",
        "outlet": "Screen Ledger",
        "facts": [
            {
                "type": "status",
                "work": "Copper Sky",
                "season": 1,
                "status": "cancelled",
                "network": "Showtime",
                "evidence": {"start": 0, "end": len(UNDATED_TEXT)},
            }
        ],
    }
]
ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from showfacts.web import create_app

    db = build_db(tmp_path_factory.mktemp("browser") / "kb.db")
    ingest_records(db, UNDATED)
    app = create_app(db)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def chrome():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def tab(chrome):
    context = chrome.new_context(viewport={"width": 1100, "height": 900})
    pg = context.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs  # type: ignore[attr-defined]
    yield pg
    context.close()


def test_search_open_work_follow_fact_to_highlighted_sentence(server, tab):
    page = tab
    page.goto(server + "/")
    page.fill("#home-search", "jessica")
    page.click("#home-search-button")
    page.get_by_role("link", name="Jessica Jones").first.click()
    assert page.inner_text("#work-title") == "Jessica Jones"
    assert "Krysten Ritter" in page.inner_text("#cast")
    page.screenshot(path=str(DOCS / "work-page.png"), full_page=True)
    link = page.locator("#crew a[href^='/articles/']").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url("**/articles/**")
    anchor = href.split("#", 1)[1]
    target = page.locator(f"[id='{anchor}']")
    assert target.count() == 1
    mark = page.locator(f"mark:has([id='{anchor}']), mark[id='{anchor}']").first
    assert "showrunner and executive producer" in mark.inner_text()
    background = mark.evaluate("m => getComputedStyle(m).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted


def test_hostile_article_runs_no_script(server, tab):
    import httpx

    page = tab
    work = httpx.get(server + "/api/works/glass-orchard").json()
    source = f"/articles/{work['status']['sources'][0]['article_id']}"
    for path in ("/works/glass-orchard", source, "/search?q=thrilled", "/"):
        page.goto(server + path)
        assert page.evaluate("() => window.__pwned === undefined"), path
        assert page.locator("script").count() == 0, path
    assert page.dialogs == []
    page.goto(server + source)
    assert "<script>window.__pwned = 1</script>" in page.inner_text("article.text")


def test_timeline_page_never_gives_an_undated_article_the_ingest_date(server, tab):
    from datetime import UTC, date, datetime

    page = tab
    page.goto(server + "/")
    page.get_by_role("link", name="Timeline").click()
    page.wait_for_url("**/timeline")
    rows = page.locator("#timeline tbody tr")
    cells = [(rows.nth(i).get_attribute("class"), rows.nth(i).locator("td").all_inner_texts()) for i in range(rows.count())]
    assert cells, "the timeline lists news"
    kinds = [kind for kind, _ in cells]
    assert kinds == sorted(kinds), "dated news first, undated after"  # "dated" < "undated"
    copper = [texts for _, texts in cells if texts[1].startswith("Copper Sky")]
    assert copper and all(texts[0] == "undated" and not ISO_DAY.search(texts[0]) for texts in copper)
    assert all(ISO_DAY.fullmatch(texts[0].split()[0]) for kind, texts in cells if kind == "dated")
    shown = page.inner_text("body")
    for today in {date.today().isoformat(), datetime.now(UTC).date().isoformat()}:
        assert today not in shown, "the ingest date is shown"
    page.get_by_role("link", name=re.compile(r"Screen Ledger #\d+")).last.click()  # follow the undated news to its article
    page.wait_for_url("**/articles/**")
    assert page.inner_text("#article-date") == "undated"
    assert page.inner_text("#article-title") == "Showtime cancels Copper Sky"
    page.go_back()
    page.get_by_role("link", name="Copper Sky").click()  # and to the work: its status timeline says undated too
    page.wait_for_url("**/works/**")
    assert page.locator("td.reported").all_inner_texts() == ["undated"]
    assert not any(today in page.inner_text("body") for today in {date.today().isoformat(), datetime.now(UTC).date().isoformat()})


def test_api_docs_start_from_a_static_script_under_their_policy(server, tab):
    """The docs page runs with no 'unsafe-inline': Swagger UI (stubbed here, the tests are offline)
    is started by /static/swagger-init.js, and the browser reports no policy violation."""
    page = tab
    stub = "window.SwaggerUIBundle = function (c) { document.getElementById('swagger-ui').textContent = 'swagger on ' + c.url; };"
    stub += "SwaggerUIBundle.presets = {apis: 1}; SwaggerUIBundle.SwaggerUIStandalonePreset = 2;"
    page.route("https://cdn.jsdelivr.net/**", lambda route: route.fulfill(status=200, content_type="text/javascript", body=stub))
    messages: list[str] = []
    page.on("console", lambda m: messages.append(m.text))
    page.goto(server + "/docs")
    page.wait_for_function("document.getElementById('swagger-ui').textContent.length > 0")
    assert page.inner_text("#swagger-ui") == "swagger on /openapi.json"
    assert not [m for m in messages if "Content Security Policy" in m], messages
    inject = "() => { const s = document.createElement('script'); s.textContent = 'window.__inline = 1'; document.body.appendChild(s); return window.__inline === undefined; }"
    for path in ("/docs", "/timeline"):  # an injected inline script is refused, on the docs page as on every page
        page.goto(server + path)
        assert page.evaluate(inject), path


def test_conflicts_page_shows_the_two_sides_side_by_side(server, tab):
    page = tab
    page.goto(server + "/conflicts")
    sides = page.locator(".conflict-row .side")
    assert sides.count() == 2
    left, right = sides.nth(0).bounding_box(), sides.nth(1).bounding_box()
    assert left and right and abs(left["y"] - right["y"]) < 1 and left["x"] + left["width"] <= right["x"]
    for i in range(2):
        assert sides.nth(i).locator("blockquote").inner_text().strip(), "each side shows its evidence sentence"
        assert sides.nth(i).locator("a[href^='/articles/']").count() >= 1
