"""Undated is undated: an article without a date never shows the day it was ingested as its date
or as "reported", in the API, the pages or the CLI, and sorts after dated news in timelines."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from showfacts.web import create_app
from webtest import ingest_records

HTML = {"Accept": "text/html"}
TODAY = {date.today().isoformat(), datetime.now(UTC).date().isoformat()}


def _record(rid: str, published: str | None, text: str, *facts: dict) -> dict:
    ev = {"start": 0, "end": len(text)}
    record = {"id": rid, "title": text.split(".")[0], "text": text, "url": f"https://news.example/{rid}", "outlet": "Screen Ledger"}
    return {**record, **({"published": published} if published else {}), "facts": [{**f, "evidence": ev} for f in facts]}


RECORDS = [
    _record(
        "ferry-undated",
        None,
        "Night Ferry is in production on its second season in Belfast, the BBC said, with Ada Reyes back in the lead.",
        {"type": "status", "work": "Night Ferry", "season": 2, "status": "in_production", "network": "BBC"},
        {"type": "cast", "person": "Ada Reyes", "character": None, "work": "Night Ferry"},
    ),
    _record(
        "ferry-dated",
        "2020-03-01",
        "The BBC has renewed Night Ferry for a second season after a strong first run on Sunday nights.",
        {"type": "status", "work": "Night Ferry", "season": 2, "status": "renewed", "network": "BBC"},
    ),
    _record(
        "roof-undated",
        None,
        "HBO has ordered the comedy Tin Roof to series from writer Leo Hart, a spokesperson confirmed.",
        {"type": "status", "work": "Tin Roof", "season": None, "status": "ordered", "network": "HBO"},
    ),
    _record(
        "roof-dated",
        "2019-04-01",
        "Tin Roof will premiere on May 5, 2019, on HBO, the network announced in a short statement.",
        {"type": "release", "work": "Tin Roof", "season": None, "date": "2019-05-05", "network": "HBO"},
    ),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("dates") / "kb.db"
    ingest_records(path, RECORDS)
    return str(path)


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db))


def _no_ingest_date(text: str, where: str) -> None:
    for day in TODAY:
        assert day not in text, f"{where} shows {day}, the day the articles were ingested"


def test_web_dates_undated_sources_report_no_date_and_sort_last(client):
    response = client.get("/api/works/night-ferry")
    work = response.json()
    _no_ingest_date(response.text, "/api/works/night-ferry")
    timeline = [(f["status"], f["first_reported"]) for f in work["status_timeline"]]
    assert timeline == [("renewed", "2020-03-01"), ("in_production", None)]
    undated = work["status_timeline"][1]["sources"][0]
    assert undated["published"] is None and undated["reported"] is None and undated["published_source"] is None
    assert work["status"]["status"] == "renewed"  # the current status is the latest dated one: undated news has no place in time


def test_web_dates_timeline_lists_undated_news_last_and_since_leaves_it_out(client):
    response = client.get("/api/timeline")
    _no_ingest_date(response.text, "/api/timeline")
    items = response.json()["items"]
    assert [(i["work"], i["reported"]) for i in items] == [
        ("Tin Roof", "2019-04-01"),
        ("Night Ferry", "2020-03-01"),
        ("Night Ferry", None),
        ("Tin Roof", None),
    ]
    since = client.get("/api/timeline", params={"since": "2000-01-01"}).json()["items"]
    assert [i["reported"] for i in since] == ["2019-04-01", "2020-03-01"]


def test_web_dates_pages_say_undated(client):
    for path in ("/", "/timeline", "/works/night-ferry", "/works/tin-roof", "/people/person-ada-reyes", "/conflicts"):
        page = client.get(path, headers=HTML)
        assert page.status_code == 200, path
        _no_ingest_date(page.text, path)
    work = client.get("/works/night-ferry", headers=HTML).text
    assert re.search(r'<td class="reported">undated</td>\s*<td>in_production season 2', work)
    timeline = client.get("/timeline", headers=HTML).text
    rows = re.findall(r'<tr class="(dated|undated)"', timeline)
    assert rows == ["dated", "dated", "undated", "undated"]
    articles = {r["id"]: n for n, r in enumerate(RECORDS, 1)}
    page = client.get(f"/articles/{articles['ferry-undated']}", headers=HTML)
    assert '<span id="article-date">undated</span>' in page.text
    _no_ingest_date(page.text, "the undated article's page")
    assert client.get(f"/api/articles/{articles['ferry-undated']}").json()["published"] is None


def test_web_dates_cli_show_and_timeline_say_undated(db):
    from showfacts.cli import app

    runner = CliRunner()
    show = runner.invoke(app, ["show", "Night Ferry", "--db", db], env={"COLUMNS": "160"})
    assert show.exit_code == 0, show.output
    _no_ingest_date(show.output, "showfacts show")
    assert re.search(r"in_production season 2.*undated", show.output)
    timeline = runner.invoke(app, ["timeline", "--db", db])
    assert timeline.exit_code == 0, timeline.output
    _no_ingest_date(timeline.output, "showfacts timeline")
    lines = timeline.output.strip().splitlines()
    assert [line.split()[0] for line in lines] == ["2019-04-01", "2020-03-01", "undated", "undated"]
    as_json = json.loads(runner.invoke(app, ["show", "Night Ferry", "--db", db, "--format", "json"]).stdout)
    assert [f["first_reported"] for f in as_json["status_timeline"]] == ["2020-03-01", None]


def _store_keeps_date_origin() -> bool:
    from showfacts.store.models import ArticleRow

    return hasattr(ArticleRow, "published_source")


@pytest.mark.skipif(not _store_keeps_date_origin(), reason="the store does not keep a date's origin yet (articles.published_source)")
def test_web_dates_origin_of_a_date_is_kept_and_shown(tmp_path: Path):
    from showfacts.cli import app

    corpus = tmp_path / "corpus.jsonl"
    text = "Night Ferry wraps\n\nCameras stopped rolling on the second season of Night Ferry this week, the BBC said."
    corpus.write_text(json.dumps({"id": "wrap", "text": text, "published": "2024-04-01", "url": "https://news.example/wrap"}) + "\n")
    db = tmp_path / "kb.db"
    assert CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db), "--jobs", "1"]).exit_code == 0
    client = TestClient(create_app(str(db)))
    article = client.get("/api/articles/1").json()
    assert (article["published"], article["published_source"]) == ("2024-04-01", "jsonl")
    assert "2024-04-01 (corpus date)" in client.get("/articles/1", headers=HTML).text
