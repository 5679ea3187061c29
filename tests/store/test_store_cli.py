"""The knowledge-base commands end to end on a real SQLite file: extracted records (built by hand,
so that the facts are known) and raw articles (checked only for what holds whatever the
extractor finds)."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from storetest import ALL, dump, pair, synthetic, write_records

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_abf36623bc401b6c.txt"
ARTICLE = Path(__file__).parent.parent / "extract" / "articles" / "showrunner_interview.txt"


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "showfacts", *args], capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})}
    )


@pytest.fixture
def records(tmp_path: Path) -> Path:
    return write_records(tmp_path / "records.jsonl", [pair(a) for a in ALL])


def test_ingest_records_twice_then_show_json(tmp_path: Path, records: Path):
    db = str(tmp_path / "kb.db")
    first = cli("ingest", str(records), "--db", db)
    assert first.returncode == 0 and first.stderr.strip().endswith("6 new, 0 updated, 0 unchanged, 1 near-duplicate, 0 failed")
    stats = json.loads(cli("stats", "--db", db, "--format", "json").stdout)
    again = cli("ingest", str(records), "--db", db, "--batch-size", "2")
    assert again.returncode == 0 and "0 new, 0 updated, 6 unchanged" in again.stderr
    assert json.loads(cli("stats", "--db", db, "--format", "json").stdout) == stats
    work = json.loads(cli("show", "Harbor Lights", "--db", db, "--format", "json").stdout)
    assert work["status"]["status"] == "cancelled" and work["status"]["season"] == 2
    assert {f["role"] for f in work["crew"] if f["person"] == "Dana Pike"} == {"creator", "showrunner"}
    table = cli("show", "Harbor Lights", "--db", db)
    assert table.returncode == 0 and "Dana Pike, showrunner" in table.stdout
    assert cli("show", "No Such Show", "--db", db).returncode == 1


def test_read_commands_and_export(tmp_path: Path, records: Path):
    db = str(tmp_path / "kb.db")
    cli("ingest", str(records), "--db", db)
    assert "Dana Pike" in cli("person", "Pike", "--db", db).stdout
    found = json.loads(cli("search", "harbor", "--db", db, "--format", "json").stdout)
    assert [w["title"] for w in found["works"]] == ["Harbor Lights"]
    assert "Harbor Lights" in cli("timeline", "--db", db, "--network", "Netflix").stdout
    assert "first seen" in cli("why", "Harbor Lights", "--db", db).stdout
    assert "release date" in cli("conflicts", "--db", db).stdout
    jsonld = json.loads(cli("export", "--db", db, "--format", "jsonld").stdout)
    assert jsonld["@context"] == "https://schema.org" and "TVSeries" in {node["@type"] for node in jsonld["@graph"]}
    out = tmp_path / "facts.csv"
    assert cli("export", "--db", db, "--format", "csv", "--out", str(out)).returncode == 0
    assert out.read_text().splitlines()[0].startswith("work,type,season")


def test_batch_size_does_not_change_what_is_stored(tmp_path: Path):
    data = write_records(tmp_path / "records.jsonl", synthetic(80))
    cli("ingest", str(data), "--db", str(tmp_path / "one.db"), "--batch-size", "1")
    cli("ingest", str(data), "--db", str(tmp_path / "many.db"), "--batch-size", "500")
    from showfacts.store.db import Store

    one, many = Store(str(tmp_path / "one.db")), Store(str(tmp_path / "many.db"))
    assert dump(one) == dump(many)
    one.dispose()
    many.dispose()


def test_progress_bar_on_a_terminal(tmp_path: Path):
    """On a terminal ``ingest`` draws articles/s and an ETA while it works, and ends with its counts."""
    data = write_records(tmp_path / "records.jsonl", synthetic(1500))
    output = _run_on_terminal(
        [sys.executable, "-m", "showfacts", "ingest", str(data), "--db", str(tmp_path / "kb.db"), "--batch-size", "5"]
    )
    assert "articles/s" in output and "ingesting" in output and "/1500" in output
    assert "ingested into sqlite:///" in output and "0 failed" in output


def test_bad_lines_are_reported_and_the_rest_stored(tmp_path: Path, records: Path):
    broken = tmp_path / "broken.jsonl"
    lines = records.read_text().splitlines()
    broken.write_text("\n".join([lines[0], '{"id": "x", "facts": [], "text": ""}', "not json", *lines[1:]]) + "\n")
    result = cli("ingest", str(broken), "--db", str(tmp_path / "kb.db"))
    assert result.returncode == 1 and "6 new" in result.stderr and "2 failed" in result.stderr
    assert f"{broken}:2: not an extracted record" in result.stderr and f"{broken}:3: not an extracted record" in result.stderr


def test_raw_articles_are_extracted_and_stored_once(tmp_path: Path):
    db = str(tmp_path / "kb.db")
    assert cli("ingest", str(ARTICLE), "--db", db, "--published", "2024-05-10").returncode == 0
    first = json.loads(cli("stats", "--db", db, "--format", "json").stdout)
    again = cli("ingest", str(ARTICLE), "--db", db)
    assert again.returncode == 0 and "1 unchanged" in again.stderr
    assert json.loads(cli("stats", "--db", db, "--format", "json").stdout) == first and first["articles"] == 1


def test_reextract_replaces_facts_and_keeps_the_articles(tmp_path: Path):
    """``ingest --reextract`` runs this version's extractor over the stored articles (stored by an
    older one) and keeps each article as it was: text, URL, outlet, dates, near-duplicate link."""
    from sqlalchemy import select, text

    from showfacts.extract import extract
    from showfacts.extract.pipeline import EXTRACTOR_VERSION
    from showfacts.store.db import Store
    from showfacts.store.models import ArticleRow
    from showfacts.store.reextract import stored_articles

    db = str(tmp_path / "kb.db")
    cli("ingest", str(write_records(tmp_path / "records.jsonl", [pair(a) for a in ALL])), "--db", db)
    store = Store(db)
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE articles SET extractor_version = '0.0.1'"))
        connection.execute(text("UPDATE facts SET extractor_version = '0.0.1'"))
    columns = ("id", "source_id", "identity", "url", "outlet", "published", "text", "duplicate_of", "ingested_at", "minhash")

    def articles() -> list[tuple]:
        with store.session() as session:
            return [tuple(getattr(a, c) for c in columns) for a in session.scalars(select(ArticleRow).order_by(ArticleRow.id))]

    before = articles()
    result = cli("ingest", "--reextract", "--db", db, "--jobs", "1")
    assert result.returncode == 0 and "6 reextracted, 0 unchanged, 0 failed" in result.stderr
    assert articles() == before
    data = dump(store)
    assert {a[7] for a in data["articles"]} == {EXTRACTOR_VERSION}
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM facts WHERE extractor_version = '0.0.1'")).scalar() == 0
    expected = {(a.url or f"sha256:{a.content_hash}", f.type) for a in stored_articles(store, everything=True) for f in extract(a).facts}
    assert {(f[0], f[1]) for f in data["facts"]} <= expected  # this extractor's facts (those naming their subject)
    assert cli("ingest", "--reextract", "--db", db).stderr.strip().endswith("0 reextracted, 0 unchanged, 0 failed")
    store.dispose()


def test_reextract_takes_no_paths(tmp_path: Path):
    result = cli("ingest", str(ARTICLE), "--reextract", "--db", str(tmp_path / "kb.db"))
    assert result.returncode == 2 and "--reextract" in result.stderr


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
        assert cli("stats", "--db", db, "--format", "json").stdout == first and json.loads(first)["articles"] == 1


def _run_on_terminal(command: list[str]) -> str:
    """Run ``command`` with its standard error on a pseudo-terminal; everything it wrote there."""
    primary, secondary = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"COLUMNS": "160", "TERM": "xterm"}
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=secondary, env=env)
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=300)
    os.close(primary)
    return b"".join(chunks).decode("utf-8", "replace")
