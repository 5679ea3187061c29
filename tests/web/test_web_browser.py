"""The web pages in a real browser: Debian's chromium driven by Playwright against a real uvicorn server."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from webtest import build_db

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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from showfacts.web import create_app

    app = create_app(build_db(tmp_path_factory.mktemp("browser") / "kb.db"))
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
