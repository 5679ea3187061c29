"""Confidence, belief and conflicts through the commands (typer's CliRunner, a real SQLite file):
the `confidence` of extracted-JSONL records is stored and shown, `show --min-confidence` filters by
belief, `stats` counts an article's own contradictions apart from conflicts, and `conflicts` cites
two different articles. The articles and their records are written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from showfacts.article import Article
from showfacts.cli import app
from storetest import fact, record, write_records

WORK = "Quarry Road"

FIRST = Article(
    id="qr-first",
    url="https://example.test/quarry-road-renewed",
    published="2025-02-03",
    outlet="Dial Tone",
    text=(
        "'Quarry Road' Renewed\n\n"
        "Peacock has renewed “Quarry Road” for a second season. "
        "Noor Adeyemi stars as the detective Lena Fisk. "
        "Season 2 of Quarry Road premieres on September 9, 2025."
    ),
)
SECOND = Article(
    id="qr-second",
    url="https://other.test/quarry-road",
    published="2025-02-05",
    outlet="Box Set Weekly",
    text=(
        "More Quarry Road Is Coming\n\n"
        "A second season of Quarry Road is on the way, Peacock confirmed. "
        "The new season of Quarry Road premieres on October 14, 2025, a spokesperson said."
    ),
)
SELF = Article(
    id="qr-self",
    url="https://blog.test/quarry-road-dates",
    published="2025-02-07",
    outlet="Couch Notes",
    text=(
        "Quarry Road Rumours\n\n"
        "The drama Hollow Pines returns on May 5, 2025, we are told. "
        "Further down, this post claims Hollow Pines returns on June 2, 2025."
    ),
)


def _records(tmp_path: Path) -> Path:
    renewed = {"work": WORK, "season": 2, "status": "renewed", "network": "Peacock"}
    return write_records(
        tmp_path / "records.jsonl",
        [
            (FIRST, record(
                FIRST,
                fact(FIRST, "has renewed", "status", 0.8, **renewed),
                fact(FIRST, "Noor Adeyemi", "cast", 0.35, person="Noor Adeyemi", character="Lena Fisk", work=WORK),
                fact(FIRST, "September 9", "release", 0.7, work=WORK, season=2, date="2025-09-09", network=None),
            )),
            (SECOND, record(
                SECOND,
                fact(SECOND, "on the way", "status", 0.8, **renewed),
                fact(SECOND, "October 14", "release", 0.6, work=WORK, season=2, date="2025-10-14", network=None),
            )),
            (SELF, record(
                SELF,
                fact(SELF, "May 5", "release", 0.9, work="Hollow Pines", season=None, date="2025-05-05", network=None),
                fact(SELF, "June 2", "release", 0.2, work="Hollow Pines", season=None, date="2025-06-02", network=None),
            )),
        ],
    )  # fmt: skip


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "kb.db")
    records = _records(tmp_path)
    assert '"confidence": 0.35' in records.read_text(encoding="utf-8")  # the field the command reads
    run("ingest", str(records), "--db", path)
    return path


def test_show_json_has_each_sources_confidence_and_the_belief(db: str):
    work = json.loads(run("show", WORK, "--db", db, "--format", "json"))
    status = work["status"]
    assert sorted(s["confidence"] for s in status["sources"]) == [0.8, 0.8]
    assert status["belief"] == pytest.approx(0.96) and status["source_count"] == 2 and status["independent_sources"] == 2
    assert [(f["person"], f["belief"], f["sources"][0]["confidence"]) for f in work["cast"]] == [("Noor Adeyemi", 0.35, 0.35)]


def test_show_min_confidence_filters_by_belief(db: str):
    strict = json.loads(run("show", WORK, "--db", db, "--format", "json", "--min-confidence", "0.9"))
    assert strict["cast"] == [] and strict["releases"] == []
    assert [f["status"] for f in strict["status_timeline"]] == ["renewed"]
    assert strict["conflicts"] == [], "a conflict is listed only when both its sides are believed enough"
    loose = json.loads(run("show", WORK, "--db", db, "--format", "json", "--min-confidence", "0.3"))
    assert len(loose["cast"]) == 1 and len(loose["releases"]) == 2 and len(loose["conflicts"]) == 1
    table = run("show", WORK, "--db", db, "--min-confidence", "0.9")
    assert "0.96" in table and "renewed" in table and "Noor Adeyemi" not in table
    assert "Noor Adeyemi" in run("show", WORK, "--db", db) and "0.35" in run("show", WORK, "--db", db)
    bad = CliRunner().invoke(app, ["show", WORK, "--db", db, "--min-confidence", "1.5"])
    assert bad.exit_code == 2


def test_stats_counts_an_articles_own_contradiction_apart_from_conflicts(db: str):
    stats = json.loads(run("stats", "--db", db, "--format", "json"))
    assert stats["conflicts"] == 1 and stats["within_article_contradictions"] == 1
    text = run("stats", "--db", db)
    assert "within-article contradictions: 1" in text and "conflicts       1" in text
    pines = json.loads(run("show", "Hollow Pines", "--db", db, "--format", "json"))
    assert [f["date"] for f in pines["releases"]] == ["2025-05-05"] and pines["conflicts"] == []


def test_conflicts_cite_two_different_articles(db: str):
    (conflict,) = json.loads(run("conflicts", "--db", db, "--format", "json"))["items"]
    assert conflict["work"]["title"] == WORK and conflict["about"] == "release date"
    cited = [[s["article_id"] for s in side["sources"]] for side in conflict["sides"]]
    assert len(cited[0]) == len(cited[1]) == 1 and cited[0] != cited[1]
    table = run("conflicts", "--db", db)
    for needle in ("2025-09-09", "2025-10-14", "Dial Tone", "Box Set Weekly", "belief 0.70", "belief 0.60", "Hollow Pines"):
        assert (needle in table) is (needle != "Hollow Pines"), needle
