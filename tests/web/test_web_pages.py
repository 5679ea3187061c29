"""Server-rendered pages: links to sources, highlighted evidence, and untrusted text rendered inert."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from showfacts.web import create_app
from webtest import build_db

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return TestClient(create_app(build_db(tmp_path_factory.mktemp("pages") / "kb.db")))


def test_home_search_work_person_conflicts(client):
    home = client.get("/", headers=HTML).text
    assert 'name="viewport"' in home and "Jessica Jones" in home
    assert "Jessica Jones" in client.get("/search?q=jessica", headers=HTML).text
    work = client.get("/works/jessica-jones", headers=HTML).text
    assert "Krysten Ritter" in work and "showrunner" in work
    links = re.findall(r'href="(/articles/\d+#ev-\d+-\d+)"', work)
    assert links, "every fact links to the sentence in its article"
    assert "Melissa Rosenberg" in client.get("/people/person-melissa-rosenberg", headers=HTML).text
    conflicts = client.get("/conflicts", headers=HTML).text
    assert "2025-06-12" in conflicts and "2025-07-30" in conflicts
    assert client.get("/works/nothing-here", headers=HTML).status_code == 404


def test_article_page_marks_each_evidence_sentence(client):
    work = client.get("/api/works/jessica-jones").json()
    source = work["status"]["sources"][0]
    page = client.get(f"/articles/{source['article_id']}", headers=HTML).text
    anchor = f"ev-{source['evidence']['start']}-{source['evidence']['end']}"
    assert f'id="{anchor}"' in page
    assert re.search(r"<mark id=\"ev-\d+-\d+\"[^>]*>(<span id=\"[^\"]+\"></span>)*Netflix has renewed", page)


def test_untrusted_text_is_escaped(client):
    work = client.get("/api/works/glass-orchard").json()
    article_id = work["status"]["sources"][0]["article_id"]
    for url in (f"/articles/{article_id}", "/works/glass-orchard", "/search?q=thrilled", "/"):
        page = client.get(url, headers=HTML).text
        assert "<script>window.__pwned" not in page, url
        assert "<img src=x" not in page, url
        assert "<b>News</b>" not in page, url
    page = client.get(f"/articles/{article_id}", headers=HTML).text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
