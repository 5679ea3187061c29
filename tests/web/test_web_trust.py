"""Belief, source counts, `min_confidence` and conflicts through the API and the pages, on a real
SQLite file loaded with `showfacts ingest` from records written for these tests (each fact with
the `confidence` field of the extracted JSONL)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from showfacts.article import Article
from showfacts.web import create_app
from storetest import fact, record
from webtest import ingest_records

HTML = {"Accept": "text/html"}
WORK = "Tin Harbour"

ONE = Article(
    id="th-one",
    url="https://example.test/tin-harbour-renewed",
    published="2025-03-10",
    outlet="Cue Sheet",
    text=(
        "'Tin Harbour' Renewed\n\n"
        "Channel 4 has renewed “Tin Harbour” for a fourth season. "
        "Ines Varga joins the cast as the harbourmaster Ruth Kell. "
        "Season 4 of Tin Harbour will premiere on January 8, 2026."
    ),
)
TWO = Article(
    id="th-two",
    url="https://other.test/tin-harbour-returns",
    published="2025-03-12",
    outlet="Telly Desk",
    text=(
        "Tin Harbour Returns\n\n"
        "Tin Harbour will be back for a fourth season, Channel 4 confirmed. "
        "The fourth season of Tin Harbour premieres on February 19, 2026, a spokesperson said."
    ),
)
OWN = Article(
    id="th-own",
    url="https://blog.test/tin-harbour-guess",
    published="2025-03-14",
    outlet="Sofa Notes",
    text="Guessing Games\n\nSpindle Lane returns on May 5, 2025, we are told. Elsewhere we read Spindle Lane returns on June 2, 2025.",
)


def _data(article: Article, *facts) -> dict:
    return {**record(article, *facts).to_json(), "text": article.text, "url": article.url, "outlet": article.outlet,
            "published": article.published}  # fmt: skip


RENEWED = {"work": WORK, "season": 4, "status": "renewed", "network": "Channel 4"}
RECORDS = [
    _data(
        ONE,
        fact(ONE, "has renewed", "status", 0.8, **RENEWED),
        fact(ONE, "Ines Varga", "cast", 0.35, person="Ines Varga", character="Ruth Kell", work=WORK),
        fact(ONE, "January 8", "release", 0.7, work=WORK, season=4, date="2026-01-08", network=None),
    ),
    _data(
        TWO,
        fact(TWO, "be back", "status", 0.8, **RENEWED),
        fact(TWO, "February 19", "release", 0.6, work=WORK, season=4, date="2026-02-19", network=None),
    ),
    _data(
        OWN,
        fact(OWN, "May 5", "release", 0.9, work="Spindle Lane", season=None, date="2025-05-05", network=None),
        fact(OWN, "June 2", "release", 0.2, work="Spindle Lane", season=None, date="2025-06-02", network=None),
    ),
]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = tmp_path_factory.mktemp("trust") / "kb.db"
    ingest_records(db, RECORDS)
    return TestClient(create_app(str(db)))


def test_api_work_has_belief_source_counts_and_confidences(client):
    work = client.get("/api/works/tin-harbour").json()
    status = work["status"]
    assert status["belief"] == pytest.approx(0.96) and status["source_count"] == 2 and status["independent_sources"] == 2
    assert sorted(s["confidence"] for s in status["sources"]) == [0.8, 0.8]
    assert [(f["person"], f["belief"]) for f in work["cast"]] == [("Ines Varga", pytest.approx(0.35))]
    assert len(work["conflicts"]) == 1


def test_api_min_confidence_filters_facts_and_conflicts(client):
    assert len(client.get("/api/works/tin-harbour").json()["cast"]) == 1  # cached without the filter first
    strict = client.get("/api/works/tin-harbour?min_confidence=0.9").json()
    assert strict["cast"] == [] and strict["releases"] == [] and strict["conflicts"] == []
    assert [f["status"] for f in strict["status_timeline"]] == ["renewed"] and strict["status"]["belief"] == pytest.approx(0.96)
    middle = client.get("/api/works/tin-harbour?min_confidence=0.65").json()
    assert [f["date"] for f in middle["releases"]] == ["2026-01-08"] and middle["conflicts"] == []
    assert len(client.get("/api/works/tin-harbour?min_confidence=0.5").json()["conflicts"]) == 1
    for bad in ("1.5", "-0.1", "high"):
        assert client.get(f"/api/works/tin-harbour?min_confidence={bad}").status_code == 422, bad


def test_api_stats_count_an_articles_own_contradiction_apart(client):
    stats = client.get("/api/stats").json()
    assert stats["conflicts"] == 1 and stats["within_article_contradictions"] == 1
    assert [f["date"] for f in client.get("/api/works/spindle-lane").json()["releases"]] == ["2025-05-05"]


def test_work_page_shows_belief_and_source_count(client):
    page = client.get("/works/tin-harbour", headers=HTML).text
    assert "belief 0.96 · 2 sources" in page
    assert "belief 0.35 · 1 source<" in page


def test_conflicts_page_shows_both_sides_with_sources_dates_and_evidence(client):
    api = client.get("/api/conflicts").json()["items"]
    assert len(api) == 1
    page = client.get("/conflicts", headers=HTML).text
    sections = re.findall(r'<section class="conflict-row">(.*?)</section>', page, re.S)
    assert len(sections) == 1 and "Spindle Lane" not in page  # an article contradicting itself is no conflict
    sides = re.findall(r'<div class="side">(.*?)</div>', sections[0], re.S)
    assert len(sides) == 2
    expected = [
        ("2026-01-08", "belief 0.70", "Cue Sheet", "2025-03-10", "will premiere on January 8, 2026"),
        ("2026-02-19", "belief 0.60", "Telly Desk", "2025-03-12", "premieres on February 19, 2026"),
    ]
    for side, needles in zip(sorted(sides, key=lambda s: "2026-02-19" in s), expected, strict=True):
        for needle in needles:
            assert needle in side, (needle, side)
        (link,) = re.findall(r'href="(/articles/\d+#ev-\d+-\d+)"', side)
        assert client.get(link.split("#")[0], headers=HTML).status_code == 200
    links = re.findall(r'href="/articles/(\d+)#', sections[0])
    assert len(set(links)) == 2, "each side cites another article"
