"""Several `showfacts ingest` processes into one database at once lose nothing and add nothing twice:
raw articles (extracted by each process) and extracted records in small batches, on SQLite and
PostgreSQL."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from showfacts import query
from showfacts.merge.resolve import fact_value, mergeable
from showfacts.store import fusion
from showfacts.store.bulk import Bulk
from showfacts.store.db import Store
from storetest import ALL, dump, postgres_database, synthetic, write_records

FIXTURES = Path(__file__).parent.parent / "extract" / "corpus.jsonl"
DEV = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev"
RECORDS = synthetic(240, seed=17)


def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    rows = [json.loads(line) for line in FIXTURES.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows += [{"id": a.id, "text": a.text, "url": a.url, "published": a.published, "outlet": a.outlet} for a in ALL]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def ingest_processes(db: str, inputs: list[list[Path]], *options: str) -> None:
    """One `showfacts ingest` process per list of paths, all at once."""
    running = [
        subprocess.Popen(
            [sys.executable, "-m", "showfacts", "ingest", *map(str, paths), "--db", db, "--jobs", "1", *options],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for paths in inputs
    ]
    for proc in running:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err


def counts(db: str) -> dict:
    store = Store(db)
    try:
        return query.stats(store)
    finally:
        store.dispose()


def contents(db: str) -> dict:
    store = Store(db)
    try:
        return dump(store)
    finally:
        store.dispose()


def test_four_processes_on_sqlite_equal_one(tmp_path: Path):
    data = corpus(tmp_path)
    ingest_processes(str(tmp_path / "one.db"), [[data]])
    ingest_processes(str(tmp_path / "four.db"), [[data]] * 4)
    one, four = counts(str(tmp_path / "one.db")), counts(str(tmp_path / "four.db"))
    assert one["articles"] == len(data.read_text().splitlines())
    assert four == one


def test_four_processes_on_postgresql_equal_one(tmp_path: Path):
    data = corpus(tmp_path)
    with postgres_database() as single, postgres_database() as shared:
        ingest_processes(single, [[data]])
        ingest_processes(shared, [[data]] * 4)
        assert counts(shared) == counts(single)


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_four_processes_in_small_batches_store_what_one_stores(tmp_path: Path, kind: str):
    """The same records from four processes at once, in batches of 7: exactly what one process stores.
    (No URL comes twice: with two versions of an article in the input, a process that lags behind
    writes the older one again after another wrote the newer, as it would one article at a time.)"""
    data = write_records(tmp_path / "records.jsonl", synthetic(240, seed=17, updates=False))
    if kind == "sqlite":
        single, shared = str(tmp_path / "one.db"), str(tmp_path / "four.db")
        ingest_processes(single, [[data]], "--batch-size", "7")
        ingest_processes(shared, [[data]] * 4, "--batch-size", "7")
        assert contents(shared) == contents(single)
        return
    with postgres_database() as single, postgres_database() as shared:
        ingest_processes(single, [[data]], "--batch-size", "7")
        ingest_processes(shared, [[data]] * 4, "--batch-size", "7")
        assert contents(shared) == contents(single)


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_four_processes_on_overlapping_shares_lose_nothing(tmp_path: Path, kind: str):
    """Four processes on different, overlapping shares of the records (each in its own order): every
    article ends up stored once with all its facts, no entity twice, and the fused facts and
    conflicts equal a recount from the stored facts."""
    versions: dict[str, dict[str, int]] = {}  # identity → content hash → facts a store keeps of that version
    for article, rec in RECORDS:
        kept = sum(mergeable(f, fact_value(f)) for f in rec.facts)
        versions.setdefault(article.url or f"sha256:{article.content_hash}", {})[article.content_hash] = kept
    shares = []
    rng = random.Random(4)
    for n in range(4):
        share = [p for i, p in enumerate(RECORDS) if i % 4 == n or rng.random() < 0.3]
        shares.append([write_records(tmp_path / f"share{n}.jsonl", share)])
    with _database(tmp_path, kind) as db:
        ingest_processes(db, shares, "--batch-size", "5")
        store = Store(db)
        try:
            data = dump(store)
            assert {a[0] for a in data["articles"]} == set(versions)
            per_article: dict[str, int] = {}
            for f in data["facts"]:
                per_article[f[0]] = per_article.get(f[0], 0) + 1
            for identity, _, content_hash, *_ in data["articles"]:
                assert per_article.get(identity, 0) == versions[identity][content_hash]  # whichever version came last, whole
            keys = [(e[0], e[3]) for e in data["entities"] if "remake" not in " ".join(r for _, r in e[-1])]
            assert len(keys) == len(set(keys))  # no entity created twice by two processes
            with store.writing() as connection:
                fusion.rebuild(Bulk(connection))
            again = dump(store)
            assert (again["fused"], again["conflicts"]) == (data["fused"], data["conflicts"])
        finally:
            store.dispose()


def test_dev_corpus_four_processes(tmp_path: Path):
    if not (DEV / "corpus.jsonl").exists():
        pytest.skip("the development set (../shared/eval/dev) is not present in this checkout")
    paths = [DEV / "seed.corpus.jsonl", DEV / "corpus.jsonl"]
    ingest_processes(str(tmp_path / "one.db"), [paths])
    ingest_processes(str(tmp_path / "four.db"), [paths] * 4)
    assert counts(str(tmp_path / "four.db")) == counts(str(tmp_path / "one.db"))


def _database(tmp_path: Path, kind: str):
    from contextlib import nullcontext

    return nullcontext(str(tmp_path / "shared.db")) if kind == "sqlite" else postgres_database()
