"""`showfacts extract` end to end in a real subprocess: formats, stdin, --out, and every kind of bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLE = """HBO Renews 'Copper Sky' for Season 2

HBO has renewed “Copper Sky” for a second season, the network said on Friday. Dana Pike created the drama.
"""


def cli(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "showfacts", *args], input=stdin, capture_output=True, text=True, cwd=cwd, env=env, timeout=120
    )


def records(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "copper.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_extract_jsonl_writes_schema_records(article: Path):
    result = cli("extract", str(article), "--format", "jsonl", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    (record,) = records(result.stdout)
    assert set(record) == {"id", "title", "authors", "published", "cited_sources", "facts"}
    assert record["title"] == "HBO Renews 'Copper Sky' for Season 2"
    status = [f for f in record["facts"] if f["type"] == "status"]
    assert status and status[0]["work"] == "Copper Sky" and status[0]["season"] == 2 and status[0]["network"] == "HBO"
    start, end = status[0]["evidence"]["start"], status[0]["evidence"]["end"]
    assert "renewed" in ARTICLE.strip()[start:end]


def test_extract_json_is_an_array_and_table_groups_by_work(article: Path):
    result = cli("extract", str(article), "--format", "json", "--jobs", "1")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert isinstance(data, list) and data[0]["id"] == "copper"
    table = cli("extract", str(article), "--format", "table", "--jobs", "1")
    assert table.returncode == 0
    assert "Copper Sky" in table.stdout and "renewed season 2" in table.stdout


def test_extract_reads_stdin_text_and_jsonl():
    result = cli("extract", "-", "--format", "jsonl", stdin=ARTICLE)
    assert result.returncode == 0 and records(result.stdout)[0]["title"].startswith("HBO Renews")
    line = json.dumps({"id": "x1", "text": ARTICLE, "published": "2024-01-05"})
    result = cli("extract", "-", "--format", "jsonl", stdin=line + "\n")
    (record,) = records(result.stdout)
    assert record["id"] == "x1" and record["published"] == "2024-01-05"


def test_extract_out_file_is_written_whole(article: Path, tmp_path: Path):
    out = tmp_path / "facts.jsonl"
    result = cli("extract", str(article), "--format", "jsonl", "--out", str(out), "--jobs", "1")
    assert result.returncode == 0 and result.stdout == ""
    assert records(out.read_text(encoding="utf-8"))[0]["id"] == "copper"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".facts.jsonl.")]  # no temporary left behind


def test_extract_published_option_resolves_relative_dates(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text("Headline\n\nThe spinoff Dock Street is set to premiere next year on Hulu.\n", encoding="utf-8")
    plain = records(cli("extract", str(path), "-f", "jsonl", "--jobs", "1").stdout)[0]
    dated = records(cli("extract", str(path), "-f", "jsonl", "--published", "2023-06-01", "--jobs", "1").stdout)[0]
    assert not [f for f in plain["facts"] if f["type"] == "release"]
    assert [f["date"] for f in dated["facts"] if f["type"] == "release"] == ["2024"]
    bad = cli("extract", str(path), "--published", "June 1st")
    assert bad.returncode == 2 and "--published" in bad.stderr and "Traceback" not in bad.stderr


def _bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    binary = tmp / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    latin = tmp / "latin.txt"
    latin.write_bytes("Caf\xe9 headline\n\nbody".encode("latin-1"))
    empty = tmp / "empty.txt"
    empty.write_text("", encoding="utf-8")
    huge = tmp / "huge.jsonl"
    huge.write_text(json.dumps({"id": "big", "text": "word " * 1_100_000}) + "\n", encoding="utf-8")
    return {
        "binary": (binary, "binary"),
        "latin": (latin, "UTF-8"),
        "empty": (empty, "empty"),
        "huge": (huge, "limit"),
        "missing": (tmp / "nope.txt", "no such file"),
    }


def test_each_bad_input_is_one_line_and_the_rest_goes_on(tmp_path: Path, article: Path):
    bad = _bad_inputs(tmp_path)
    for name, (path, words) in bad.items():
        result = cli("extract", str(path), str(article), "--format", "jsonl", "--jobs", "1")
        assert result.returncode == 1, name
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1, (name, result.stderr)
        assert str(path) in lines[0] and words in lines[0], (name, lines[0])
        assert "Traceback" not in result.stderr
        assert [r["id"] for r in records(result.stdout)] == ["copper"], name  # the good article still comes out, whole


def test_jsonl_with_bad_lines_reports_each_line_and_keeps_the_others(tmp_path: Path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        json.dumps({"id": "a", "text": ARTICLE})
        + "\n{not json\n"
        + json.dumps({"id": "b"})
        + "\n"
        + json.dumps({"id": "c", "text": ARTICLE})
        + "\n",
        encoding="utf-8",
    )
    result = cli("extract", str(corpus), "-f", "jsonl", "--jobs", "1")
    assert result.returncode == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2
    assert f"{corpus}:2" in errors[0] and "invalid JSON" in errors[0]
    assert f"{corpus}:3" in errors[1] and "no text" in errors[1]
    assert [r["id"] for r in records(result.stdout)] == ["a", "c"]


def test_directory_is_read_recursively(tmp_path: Path):
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "two.txt").write_text(ARTICLE.replace("Copper Sky", "Tin Roof"), encoding="utf-8")
    result = cli("extract", str(tmp_path), "-f", "jsonl", "--jobs", "1")
    assert result.returncode == 0
    assert sorted(r["id"] for r in records(result.stdout)) == ["one", "two"]


def test_help_teaches_with_an_example():
    result = cli("extract", "--help")
    assert result.returncode == 0 and "Example" in result.stdout and "--published" in result.stdout
