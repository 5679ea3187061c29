"""The JSON API through FastAPI's test client, on a real SQLite file."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from showfacts.web import create_app
from webtest import build_db

TOKEN = "test-token-0123456789"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_db(tmp_path_factory.mktemp("web") / "kb.db")


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db, token=TOKEN))


def test_work_has_facts_with_sources_and_evidence(client):
    work = client.get("/api/works/jessica-jones").json()
    assert work["title"] == "Jessica Jones" and work["networks"] == ["Netflix"]
    assert work["status"]["status"] == "renewed" and work["status"]["season"] == 2
    source = work["status"]["sources"][0]
    assert source["outlet"] == "Screen Ledger" and source["published"] == "2016-01-18"
    assert "renewed" in source["evidence"]["text"]
    assert any(f["person"] == "Krysten Ritter" for f in work["cast"])
    assert {f["role"] for f in work["crew"]} == {"showrunner", "executive producer"}
    assert client.get("/api/works/Jessica%20Jones").json()["slug"] == "jessica-jones"  # a title works as well as the slug


def test_lists_paginate_with_cursors(client):
    first = client.get("/api/works?limit=1").json()
    assert len(first["items"]) == 1 and first["next_cursor"]
    second = client.get(f"/api/works?limit=1&cursor={first['next_cursor']}").json()
    assert second["items"][0]["id"] != first["items"][0]["id"]
    assert client.get("/api/works?cursor=not-a-cursor").status_code == 422


def test_filters_search_people_conflicts_timeline_stats_export(client):
    assert [w["title"] for w in client.get("/api/works?network=Hulu").json()["items"]] == ["Glass Orchard"]
    found = client.get("/api/search?q=rosenberg").json()
    assert found["people"][0]["name"] == "Melissa Rosenberg"
    person = client.get(f"/api/people/{found['people'][0]['slug']}").json()
    assert person["crew"] and person["quotes"]
    conflicts = client.get("/api/conflicts").json()["items"]
    assert len(conflicts) == 1 and {s["date"] for s in conflicts[0]["sides"]} == {"2025-06-12", "2025-07-30"}
    timeline = client.get("/api/timeline?network=Netflix").json()["items"]
    assert [t["work"] for t in timeline] == ["Jessica Jones"]
    assert client.get("/api/stats").json()["articles"] == 4
    graph = client.get("/api/export.jsonld").json()
    assert graph["@context"] == "https://schema.org" and graph["@graph"]


def test_article_has_text_and_every_evidence_span(client):
    work = client.get("/api/works/jessica-jones").json()
    article_id = work["status"]["sources"][0]["article_id"]
    article = client.get(f"/api/articles/{article_id}").json()
    assert article["text"].startswith("Netflix Renews")
    assert all(0 <= f["evidence"]["start"] < f["evidence"]["end"] <= len(article["text"]) for f in article["facts"])


def test_errors_are_json_with_detail(client):
    for url in ("/api/works/no-such-show", "/api/people/nobody", "/api/articles/999999"):
        response = client.get(url)
        assert response.status_code == 404 and "detail" in response.json()
    assert client.get("/api/timeline?since=yesterday").status_code == 422
    assert "detail" in client.get("/api/search").json()


def test_write_needs_the_right_token(db):
    body = {"text": "Tin Roof Ordered\n\nHBO has ordered the comedy “Tin Roof” to series.", "published": "2024-06-01"}
    open_app = TestClient(create_app(db, token=""))
    assert open_app.post("/api/articles", json=body).status_code == 403  # no token configured: writes disabled
    client = TestClient(create_app(db, token=TOKEN))
    assert client.post("/api/articles", json=body).status_code == 401
    assert client.post("/api/articles", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    made = client.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert made.status_code == 201
    assert made.json()["outcome"] == "new"
    article = client.get(f"/api/articles/{made.json()['article_id']}").json()  # whatever facts the extractor finds
    assert article["text"].startswith("Tin Roof Ordered") and article["published"] == "2024-06-01"
    assert article["published_source"] in (None, "api")  # "api" where the store keeps the date's origin
    again = client.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.json()["outcome"] == "unchanged"


def test_request_size_is_bounded(db):
    client = TestClient(create_app(db, token=TOKEN))
    huge = {"text": "x" * 7_000_000}
    response = client.post("/api/articles", json=huge, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 413 and "detail" in response.json()


def test_a_chunked_body_without_a_length_is_bounded_too(db):
    from showfacts.web.settings import Settings

    client = TestClient(create_app(settings=Settings(db_url=db, token=TOKEN, max_body_bytes=10_000)))
    chunks = (b'{"text": "' + b"x" * 4_000 for _ in range(5))  # 20 kB, streamed with no Content-Length
    response = client.post(
        "/api/articles", content=chunks, headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    )
    assert response.status_code == 413 and "10000 bytes" in response.json()["detail"]


def test_a_request_over_its_time_answers_503(db):
    from showfacts.web.settings import Settings

    client = TestClient(create_app(settings=Settings(db_url=db, token=TOKEN, request_timeout_s=0.001)))
    body = {"text": "Slow news\n\nHulu has ordered the comedy Tin Roof from writer Dana Pike, the network said."}
    response = client.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 503 and response.json() == {"detail": "the request took too long"}
    assert response.headers["x-content-type-options"] == "nosniff"


def test_security_headers(client):
    response = client.get("/works/jessica-jones")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_a_fact_lists_its_first_sources_and_pages_through_the_rest(tmp_path):
    from webtest import JESSICA, ingest_records

    copies = [  # the same story on three sites, a day apart
        {**JESSICA, "id": f"copy-{n}", "url": f"https://site{n}.test/jj", "published": day}
        for n, day in enumerate(["2016-01-18", "2016-01-19", "2016-01-20"])
    ]
    ingest_records(tmp_path / "many.db", copies)
    client = TestClient(create_app(str(tmp_path / "many.db")))
    status = client.get("/api/works/jessica-jones?sources=1").json()["status"]
    assert status["source_count"] == 3 and [s["published"] for s in status["sources"]] == ["2016-01-18"]
    assert len(client.get("/api/works/jessica-jones").json()["status"]["sources"]) == 3  # the default lists up to 5
    first = client.get("/api/sources", params={"key": status["key"], "limit": 2}).json()
    assert first["source_count"] == 3 and [s["published"] for s in first["items"]] == ["2016-01-18", "2016-01-19"]
    assert "renewed" in first["items"][0]["evidence"]["text"]
    rest = client.get("/api/sources", params={"key": status["key"], "limit": 2, "cursor": first["next_cursor"]}).json()
    assert [s["published"] for s in rest["items"]] == ["2016-01-20"] and rest["next_cursor"] is None
    assert client.get("/api/sources", params={"key": "status|no=such"}).status_code == 404
    page = client.get("/works/jessica-jones", headers={"accept": "text/html"}).text
    assert "all 3 sources" not in page  # five are shown on the page, so all three are there already
    listing = client.get("/sources", params={"key": status["key"]}, headers={"accept": "text/html"}).text
    assert listing.count("<blockquote>") == 3 and "2016-01-20" in listing
