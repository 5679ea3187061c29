"""The Spark job in local[2]: records and facts in the agreed columns, rejects counted, syndicated copies marked once."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from showfacts.scale.spark_job import COLUMNS, process_partition
from showfacts.scale.warcgen import Response, sample_articles, write_warc


def _spark_missing() -> str | None:
    try:
        import pyarrow  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark/pyarrow not installed (pip install '.[spark]')"
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        return "no Java runtime for Spark"
    return None


MISSING = _spark_missing()
needs_spark = pytest.mark.skipif(bool(MISSING) and not os.environ.get("CI"), reason=MISSING or "")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two WARC files with copies of the same stories on other sites, one broken record, a JSONL corpus with a bad line."""
    folder = tmp_path_factory.mktemp("crawl")
    stories = list(sample_articles(6, seed=11))
    first = [Response.page(a.url, a.html()) for a in stories[:4]]
    first.insert(2, Response("https://x.example/broken", b"NOT AN HTTP MESSAGE\r\n\r\n<html></html>"))
    copies = [Response.page(f"https://mirror{i}.example/{i}", stories[0].html()) for i in range(3)]  # one story, three more sites
    second = [*copies, *(Response.page(a.url, a.html()) for a in stories[4:])]
    write_warc(folder / "part-1.warc.gz", first)
    write_warc(folder / "part-2.warc.gz", second)
    (folder / "corpus.jsonl").write_text(
        '{"id": "j1", "text": "Peacock renews \'Night Ferry\'\\n\\nPeacock has renewed Night Ferry."}\n{broken\n'
    )
    return folder


def test_scale_spark_process_partition_without_spark(inputs: Path) -> None:
    rows = list(process_partition([str(inputs / "part-1.warc.gz"), str(inputs / "nope.warc")]))
    kinds = [kind for kind, _ in rows]
    assert kinds == ["article", "article", "reject", "article", "article", "reject"]
    article = rows[0][1]
    assert set(COLUMNS) <= set(article) and isinstance(json.loads(article["facts"]), list)
    assert len(article["minhash"]) == 64 and article["duplicate_of"] is None
    assert rows[2][1][0].startswith(str(inputs / "part-1.warc.gz") + "@") and "broken HTTP header" in rows[2][1][1]


@pytest.mark.spark
@needs_spark
def test_scale_spark_local_job_writes_parquet_jsonl_and_rejects(inputs: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from showfacts.scale.spark_job import JobOptions, run

    listing = tmp_path / "inputs.txt"
    listing.write_text("\n".join(str(inputs / n) for n in ("part-1.warc.gz", "part-2.warc.gz", "corpus.jsonl")) + "\n")
    out = tmp_path / "out"
    result = run(JobOptions([str(listing)], str(out), jsonl=True, master="local[2]", shuffle_partitions=4))
    assert (result.articles, result.duplicates, result.rejects) == (10, 3, 2)

    table = pq.read_table(out / "articles")
    assert tuple(table.column_names) == COLUMNS
    assert str(table.schema.field("authors").type) == "list<element: string>"
    assert str(table.schema.field("minhash").type) == "list<element: int64>"
    rows = {r["url"] or r["id"]: r for r in table.to_pylist()}
    story = [r for r in rows.values() if r["text"] == rows["https://mirror0.example/0"]["text"]]  # one story on four sites
    originals = [r for r in story if r["duplicate_of"] is None]
    assert len(story) == 4 and len(originals) == 1
    original = originals[0]
    assert {r["duplicate_of"] for r in story if r is not original} == {original["id"]}
    assert sum(r["duplicate_of"] is None for r in rows.values()) == 7  # a syndicated story counts once
    assert isinstance(json.loads(original["facts"]), list)

    lines = [json.loads(line) for f in sorted((out / "articles-jsonl").glob("part-*")) for line in f.read_text().splitlines()]
    assert len(lines) == 10 and all(isinstance(line["facts"], list) for line in lines)
    rejects = [json.loads(line) for f in (out / "rejects").glob("part-*") for line in f.read_text().splitlines()]
    assert sorted(r["origin"].rsplit("/", 1)[1] for r in rejects)[0].startswith("corpus.jsonl:2")
    assert any("broken HTTP header" in r["problem"] for r in rejects)
