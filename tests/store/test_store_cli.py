"""The knowledge-base commands end to end on a real SQLite file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_abf36623bc401b6c.txt"
ARTICLE = Path(__file__).parent.parent / "extract" / "articles" / "showrunner_interview.txt"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "showfacts", *args], capture_output=True, text=True, timeout=300)


def test_ingest_twice_then_show_json(tmp_path: Path):
    db = str(tmp_path / "kb.db")
    assert cli("ingest", str(ARTICLE), "--db", db, "--published", "2024-05-10").returncode == 0
    first = json.loads(cli("stats", "--db", db, "--format", "json").stdout)
    again = cli("ingest", str(ARTICLE), "--db", db)
    assert again.returncode == 0 and "1 unchanged" in again.stderr
    assert json.loads(cli("stats", "--db", db, "--format", "json").stdout) == first
    work = json.loads(cli("show", "Maya Cross", "--db", db, "--format", "json").stdout)
    assert work["status"]["status"] == "renewed" and work["status"]["season"] == 3
    assert {f["role"] for f in work["crew"] if f["person"] == "Priya Banerjee"} == {"showrunner", "executive producer"}
    assert all(s["title"].startswith("‘Maya Cross’") for f in work["cast"] for s in f["sources"])
    table = cli("show", "Maya Cross", "--db", db)
    assert table.returncode == 0 and "Priya Banerjee, showrunner" in table.stdout
    assert cli("show", "No Such Show", "--db", db).returncode == 1


def test_read_commands_and_export(tmp_path: Path):
    db = str(tmp_path / "kb.db")
    cli("ingest", str(ARTICLE), "--db", db, "--published", "2024-05-10")
    assert "Priya Banerjee" in cli("person", "Banerjee", "--db", db).stdout
    found = json.loads(cli("search", "vigilants", "--db", db, "--format", "json").stdout)
    assert [w["title"] for w in found["works"]] == ["The Vigilants"]
    assert "Maya Cross" in cli("timeline", "--db", db, "--network", "Hulu").stdout
    assert "first seen" in cli("why", "The Vigilants", "--db", db).stdout
    jsonld = json.loads(cli("export", "--db", db, "--format", "jsonld").stdout)
    types = {node["@type"] for node in jsonld["@graph"]}
    assert jsonld["@context"] == "https://schema.org" and "TVSeries" in types
    out = tmp_path / "facts.csv"
    assert cli("export", "--db", db, "--format", "csv", "--out", str(out)).returncode == 0
    assert out.read_text().splitlines()[0].startswith("work,type,season")


def test_bad_database_url_is_one_line(tmp_path: Path):
    result = cli("stats", "--db", "mysql://nobody@nowhere/db")
    assert result.returncode == 2 and "unsupported database URL" in result.stderr and "Traceback" not in result.stderr


def test_seed_ingested_twice():
    if not SEED.exists():
        pytest.skip("the seed article (../shared/seeds) is not present in this checkout")
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "kb.db")
        cli("ingest", str(SEED), "--db", db)
        first = cli("stats", "--db", db, "--format", "json").stdout
        cli("ingest", str(SEED), "--db", db)
        assert cli("stats", "--db", db, "--format", "json").stdout == first
        work = json.loads(cli("show", "Jessica Jones", "--db", db, "--format", "json").stdout)
        assert work["status"]["status"] == "renewed" and work["status"]["season"] == 2 and work["networks"] == ["Netflix"]
        assert any(f["person"] == "Krysten Ritter" and f["character"] == "Jessica Jones" for f in work["cast"])
        roles = {f["role"] for f in work["crew"] if f["person"] == "Melissa Rosenberg"}
        assert roles == {"showrunner", "executive producer"}
        assert any(f["work"] == "The Defenders" and f["relation"] == "spinoff" for f in work["related"])
        assert len(work["quotes"]) == 2
        for group in ("status_timeline", "cast", "crew", "related", "quotes"):
            assert all(s["article_id"] == 1 for f in work[group] for s in f["sources"])
