"""Several `showfacts ingest` processes into one database at once lose nothing and add nothing twice."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from showfacts import query
from showfacts.store.db import Store
from storetest import ALL, postgres_database

FIXTURES = Path(__file__).parent.parent / "extract" / "corpus.jsonl"
DEV = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev"


def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    rows = [json.loads(line) for line in FIXTURES.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows += [{"id": a.id, "text": a.text, "url": a.url, "published": a.published, "outlet": a.outlet} for a in ALL]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def ingest_processes(db: str, paths: list[Path], processes: int) -> None:
    cmd = [sys.executable, "-m", "showfacts", "ingest", *map(str, paths), "--db", db, "--jobs", "1"]
    running = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(processes)]
    for proc in running:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err


def counts(db: str) -> dict:
    store = Store(db)
    try:
        return query.stats(store)
    finally:
        store.dispose()


def test_four_processes_on_sqlite_equal_one(tmp_path: Path):
    data = corpus(tmp_path)
    ingest_processes(str(tmp_path / "one.db"), [data], 1)
    ingest_processes(str(tmp_path / "four.db"), [data], 4)
    one, four = counts(str(tmp_path / "one.db")), counts(str(tmp_path / "four.db"))
    assert one["articles"] == len(data.read_text().splitlines())
    assert four == one


def test_four_processes_on_postgresql_equal_one(tmp_path: Path):
    data = corpus(tmp_path)
    with postgres_database() as single, postgres_database() as shared:
        ingest_processes(single, [data], 1)
        ingest_processes(shared, [data], 4)
        assert counts(shared) == counts(single)


def test_dev_corpus_four_processes(tmp_path: Path):
    if not (DEV / "corpus.jsonl").exists():
        pytest.skip("the development set (../shared/eval/dev) is not present in this checkout")
    paths = [DEV / "seed.corpus.jsonl", DEV / "corpus.jsonl"]
    ingest_processes(str(tmp_path / "one.db"), paths, 1)
    ingest_processes(str(tmp_path / "four.db"), paths, 4)
    assert counts(str(tmp_path / "four.db")) == counts(str(tmp_path / "one.db"))
