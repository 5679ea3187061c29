"""Known titles (issue 10, "what users know, used"): a --gazetteer file read as works, and the
knowledge base's works given to later articles at ingest."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from showfacts.errors import InputError
from showfacts.extract.gazetteer import Entry, read_gazetteer, titles
from showfacts.store.db import Store
from showfacts.store.ingest import ingest
from showfacts.store.known import known_work_titles
from storetest import CANCELLED, RENEWAL, pair, sqlite_url

TEXT = (
    "Headline for a test article\n\n"
    "Dock Street, a spinoff of Harbor Lights, will follow the harbour police. River Kings is a sequel to Glass Orchard.\n"
)


def test_csv_and_jsonl_catalogues_are_read(tmp_path: Path):
    csv = tmp_path / "titles.csv"
    csv.write_text("Title,kind,network,year\nDock Street,series,ITV,2024\nThe River Kings,film,,\n", encoding="utf-8")
    jsonl = tmp_path / "titles.jsonl"
    jsonl.write_text('{"title": "Dock Street", "kind": "series", "year": 2024}\n\n{"title": "River Kings"}\n', encoding="utf-8")
    assert read_gazetteer(csv) == [Entry("Dock Street", "series", "ITV", 2024), Entry("The River Kings", "film")]
    assert titles(read_gazetteer(csv)) == titles(read_gazetteer(jsonl)) == titles(["dock street", "River Kings"])


@pytest.mark.parametrize(
    ("name", "content", "where", "problem"),
    [
        ("a.csv", "name\nx\n", "a.csv", "'title' column"),
        ("b.csv", "title,year\nDock Street,next year\n", "b.csv:2", "four-digit year"),
        ("c.jsonl", '{"title": "A"}\n[1, 2]\n', "c.jsonl:2", "JSON object"),
        ("d.jsonl", '{"title": ""}\n', "d.jsonl:1", "no title"),
        ("e.csv", "title,kind\nX,podcast\n", "e.csv:2", "kind 'podcast'"),
    ],
)
def test_a_bad_catalogue_names_the_file_line_and_problem(tmp_path: Path, name: str, content: str, where: str, problem: str):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_gazetteer(path)
    assert str(err.value).startswith(str(tmp_path / where) + ":")
    assert problem in str(err.value)


def _related(out: str) -> set[tuple[str, str, str]]:
    return {(f["work"], f["related"], f["relation"]) for r in map(json.loads, out.splitlines()) for f in r["facts"] if f["type"] == "related"}


def test_gazetteer_titles_are_read_as_works(tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    catalogue = tmp_path / "titles.csv"
    catalogue.write_text("title\nDock Street\nRiver Kings\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "showfacts", "extract", str(article), "-f", "jsonl", "-j", "1"]
    plain = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    known = subprocess.run([*cmd, "--gazetteer", str(catalogue)], capture_output=True, text=True, check=True).stdout
    wanted = {("Dock Street", "Harbor Lights", "spinoff"), ("River Kings", "Glass Orchard", "sequel")}
    assert not wanted <= _related(plain)  # without the catalogue the shapes mislead the typer
    assert wanted <= _related(known)


def test_a_bad_gazetteer_stops_the_run_with_one_line(tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("name\nx\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "showfacts", "extract", str(article), "--gazetteer", str(bad)], capture_output=True, text=True)
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [f"showfacts: {bad}: a CSV gazetteer needs a header row with a 'title' column"]


def test_the_knowledge_base_knows_works_named_by_two_articles(tmp_path: Path):
    store = Store(sqlite_url(tmp_path))
    try:
        ingest(store, *pair(RENEWAL))
        assert "Harbor Lights" not in known_work_titles(store)  # one article is not enough
        ingest(store, *pair(CANCELLED))
        assert "Harbor Lights" in known_work_titles(store)
    finally:
        store.dispose()
