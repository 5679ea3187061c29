"""Crash consistency: `showfacts ingest` killed with SIGKILL at any moment leaves only whole
articles (each with all its facts, the fused facts and conflicts in step), and running it again
completes to exactly what an uninterrupted run stores: no article, fact or entity twice."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from contextlib import nullcontext
from pathlib import Path

import pytest

from showfacts.merge.resolve import fact_value, mergeable
from showfacts.store import fusion
from showfacts.store.bulk import Bulk
from showfacts.store.db import Store
from storetest import dump, postgres_database, synthetic, write_records

RECORDS = synthetic(2500, seed=23, updates=False)
"""(No URL twice: a rerun of an input that updates an article replays the older version before the
newer, which leaves the same articles but, for instance, a fused fact's first source elsewhere.)"""


def ingest(db: str, data: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "showfacts", "ingest", str(data), "--db", db, "--batch-size", "40"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "CI": "1"},
    )


def consistent(db: str) -> int:
    """Check that the store holds whole articles only, with fusion in step; returns how many it holds."""
    kept = {}
    for article, rec in RECORDS:
        kept[(article.url or f"sha256:{article.content_hash}", article.content_hash)] = sum(mergeable(f, fact_value(f)) for f in rec.facts)
    store = Store(db)
    try:
        data = dump(store)
        per_article: dict[str, int] = {}
        for f in data["facts"]:
            per_article[f[0]] = per_article.get(f[0], 0) + 1
        for identity, _, content_hash, *_ in data["articles"]:
            assert per_article.get(identity, 0) == kept[(identity, content_hash)], identity
        with store.writing() as connection:
            fusion.rebuild(Bulk(connection))
        again = dump(store)
        assert (again["fused"], again["conflicts"]) == (data["fused"], data["conflicts"])
        return len(data["articles"])
    finally:
        store.dispose()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_sigkill_leaves_whole_articles_and_a_rerun_completes(tmp_path: Path, kind: str):
    data = write_records(tmp_path / "records.jsonl", RECORDS)
    rng = random.Random(8)
    with _database(tmp_path, kind, "reference") as reference, _database(tmp_path, kind, "victim") as victim:
        run = ingest(reference, data)
        assert run.wait(timeout=600) == 0, run.stderr.read() if run.stderr else ""
        killed, stored = 0, 0
        for _ in range(4):
            proc = ingest(victim, data)
            deadline = time.monotonic() + 120
            while stored == _count(victim) and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)  # until this run has written something
            time.sleep(rng.uniform(0.0, 0.6))  # then die at some moment of the writing
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                killed += 1
            proc.wait(timeout=60)
            stored = consistent(victim)
        assert killed >= 2  # the kills landed while it was working
        final = ingest(victim, data)
        assert final.wait(timeout=600) == 0
        store, expected = Store(victim), Store(reference)
        try:
            assert dump(store) == dump(expected)
        finally:
            store.dispose()
            expected.dispose()


def _count(db: str) -> int:
    store = Store(db)
    try:
        with store.engine.connect() as connection:
            return int(Bulk(connection).run("SELECT count(*) FROM articles")[0][0])
    except Exception:
        return 0
    finally:
        store.dispose()


def _database(tmp_path: Path, kind: str, name: str):
    return nullcontext(str(tmp_path / f"{name}.db")) if kind == "sqlite" else postgres_database()
