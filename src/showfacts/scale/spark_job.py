"""The PySpark job: WARC or JSONL inputs → article records with facts, near-duplicates marked.

In the manner of Common Crawl's cc-pyspark: the input is a list of paths (local, ``hdfs://``,
``s3a://``…); each task reads whole files and streams their records through the extraction
pipeline, built once per Python worker (:func:`process_partition`, a plain generator tested
without a cluster). A bad record is counted in an accumulator and written to ``rejects/``;
it never fails the stage. MinHash signatures are computed per article and LSH bands are
grouped by Spark itself, so syndicated copies are found across partitions and all but the
earliest get ``duplicate_of``.

Output under ``OUTPUT/``: ``articles/`` (Parquet, columns :data:`COLUMNS`; ``facts`` is the
JSON text of the facts list), ``articles-jsonl/`` on request (one record a line, ``facts`` a
JSON list as ``showfacts extract`` writes it), ``rejects/`` (JSON lines: origin, problem).

Submit it (see docs/README-scale.md)::

    spark-submit --master yarn --archives env.tar.gz#env \\
        --conf spark.pyspark.python=./env/bin/python \\
        $(python -c 'import showfacts.scale.spark_job as j; print(j.__file__)') inputs.txt s3a://bucket/out
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from showfacts.errors import InputError
from showfacts.scale import dedupe

COLUMNS = (
    "id",
    "title",
    "authors",
    "published",
    "cited_sources",
    "facts",
    "text",
    "url",
    "outlet",
    "published_source",
    "minhash",
    "duplicate_of",
)
"""Output columns, in order: the SCHEMA.md record, the article fields (with where its date came from:
``showfacts.sources.provenance``), the signature and duplicate mark."""

WARC_SUFFIXES = (".warc", ".warc.gz")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz")


@dataclass
class JobOptions:
    inputs: list[str]
    output: str
    jsonl: bool = False
    read: str = "stream"  # "stream": executors open each path (fsspec); "hadoop": sc.binaryFiles
    published: str | None = None
    master: str | None = None
    shuffle_partitions: int | None = None
    threshold: float = dedupe.THRESHOLD


# -- per-record work: pure Python, no Spark ---------------------------------------------------


def process_partition(paths: Iterable[str], published: str | None = None) -> Iterator[tuple[str, Any]]:
    """Read each path and extract each record: ``("article", row)`` or ``("reject", (origin, problem))``."""
    for path in paths:
        try:
            with open_input(path) as stream:
                yield from process_stream(stream, path, published)
        except (OSError, ValueError) as exc:
            yield "reject", (path, f"cannot read: {exc}")


def process_binary(files: Iterable[tuple[str, bytes]], published: str | None = None) -> Iterator[tuple[str, Any]]:
    """The same over ``sc.binaryFiles`` pairs (path, whole file bytes)."""
    for path, data in files:
        yield from process_stream(io.BytesIO(data), path, published)


def process_stream(stream: BinaryIO, name: str, published: str | None = None) -> Iterator[tuple[str, Any]]:
    from showfacts.scale.parallel import process

    for item in read_stream(stream, name):
        result = process(item, published)
        if isinstance(result, InputError):
            yield "reject", (result.origin, result.problem)
        else:
            yield "article", to_row(*result)


def read_stream(stream: BinaryIO, name: str) -> Iterator[Any]:
    """Pending items (WARC pages, JSONL articles) from one open input; the kind comes from the name."""
    from showfacts.sources import jsonl, warc

    lower = name.lower()
    if lower.endswith(WARC_SUFFIXES):
        yield from warc.read_stream(stream, name)
    elif lower.endswith(JSONL_SUFFIXES):
        if lower.endswith(".gz"):
            import gzip

            stream = gzip.GzipFile(fileobj=stream)  # type: ignore[assignment]
        yield from jsonl.read_lines(jsonl._decoded_lines(stream, name), name)
    else:
        yield InputError(name, "not a WARC or JSONL input (expected .warc, .warc.gz, .jsonl)")


def open_input(path: str) -> Any:
    """Open a path for streaming: local files directly, anything else through fsspec."""
    if "://" not in path or path.startswith("file://"):
        return open(path.removeprefix("file://"), "rb")
    import fsspec

    url = "s3://" + path[len("s3a://") :] if path.startswith("s3a://") else path
    return fsspec.open(url, "rb").open()


def to_row(article: Any, record: Any) -> dict[str, Any]:
    """One output row: the record's fields, facts as JSON text, the article fields and its signature."""
    data = record.to_json()
    return {
        "id": data["id"],
        "title": data["title"],
        "authors": data["authors"],
        "published": data["published"],
        "cited_sources": data["cited_sources"],
        "facts": json.dumps(data["facts"], ensure_ascii=False),
        "text": article.text,
        "url": article.url,
        "outlet": article.outlet,
        "published_source": _date_source(article, data["published"]),
        "minhash": dedupe.signature(article.text),
        "duplicate_of": None,
        "_key": article.origin or article.id,
    }


def _date_source(article: Any, published: str | None) -> str | None:
    """Where the record's date came from: the reader's mark, or the text when only extraction found one
    (as the store keeps it)."""
    if not published:
        return None
    return getattr(article, "published_source", None) if article.published == published else "text"


# -- the job --------------------------------------------------------------------------------------


@dataclass
class JobResult:
    articles: int
    duplicates: int
    rejects: int
    output: str


def schema() -> Any:
    from pyspark.sql import types as T

    strings = T.ArrayType(T.StringType())
    return T.StructType(
        [
            T.StructField("id", T.StringType(), False),
            T.StructField("title", T.StringType()),
            T.StructField("authors", strings),
            T.StructField("published", T.StringType()),
            T.StructField("cited_sources", strings),
            T.StructField("facts", T.StringType()),
            T.StructField("text", T.StringType()),
            T.StructField("url", T.StringType()),
            T.StructField("outlet", T.StringType()),
            T.StructField("published_source", T.StringType()),
            T.StructField("minhash", T.ArrayType(T.LongType())),
            T.StructField("duplicate_of", T.StringType()),
            T.StructField("_key", T.StringType(), False),
        ]
    )


def session(options: JobOptions) -> Any:
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("showfacts")
    if options.master:
        builder = builder.master(options.master)
        if options.master.startswith("local"):
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers run this venv's Python
            builder = (
                builder.config("spark.sql.shuffle.partitions", str(options.shuffle_partitions or 8))
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
            )
    if options.shuffle_partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(options.shuffle_partitions))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark


def run(options: JobOptions, spark: Any = None) -> JobResult:
    """Run the job; returns counts. Uses the given SparkSession or builds one from the options."""
    from pyspark import StorageLevel

    spark = spark or session(options)
    sc = spark.sparkContext
    paths = expand_inputs(options.inputs, sc)
    published = options.published
    rejected = sc.accumulator(0)

    def count_rejects(rows: Iterator[tuple[str, Any]]) -> Iterator[tuple[str, Any]]:
        for kind, value in rows:
            if kind == "reject":
                rejected.add(1)
            yield kind, value

    if options.read == "hadoop":
        source = sc.binaryFiles(",".join(paths), minPartitions=len(paths)).mapPartitions(lambda files: process_binary(files, published))
    else:
        source = sc.parallelize(paths, max(1, len(paths))).mapPartitions(lambda part: process_partition(part, published))
    tagged = source.mapPartitions(count_rejects).persist(StorageLevel.MEMORY_AND_DISK)

    rejects = tagged.filter(lambda kv: kv[0] == "reject").map(lambda kv: json.dumps({"origin": kv[1][0], "problem": kv[1][1]}))
    articles = spark.createDataFrame(tagged.filter(lambda kv: kv[0] == "article").map(lambda kv: _ordered(kv[1])), schema())
    marked = mark_duplicates(articles, options.threshold).persist(StorageLevel.MEMORY_AND_DISK)

    out = options.output.rstrip("/")
    marked.drop("_key").write.mode("overwrite").parquet(f"{out}/articles")
    if options.jsonl:
        marked.drop("_key").rdd.map(lambda row: _jsonl(row.asDict())).saveAsTextFile(f"{out}/articles-jsonl")
    rejects.coalesce(1).saveAsTextFile(f"{out}/rejects")
    total = marked.count()
    duplicates = marked.filter("duplicate_of IS NOT NULL").count()
    tagged.unpersist()
    marked.unpersist()
    return JobResult(total, duplicates, rejected.value, out)


def mark_duplicates(articles: Any, threshold: float = dedupe.THRESHOLD) -> Any:
    """Set ``duplicate_of`` to the id of the earliest near-identical article (LSH bands → verified pairs)."""
    from pyspark.sql import functions as F

    rank = F.concat_ws("|", F.coalesce("published", F.lit("9999-99-99")), "id", "_key")
    bands = F.array(*[F.xxhash64(F.slice("minhash", b * dedupe.ROWS + 1, dedupe.ROWS)) for b in range(dedupe.BANDS)])
    keyed = articles.select("_key", "id", "minhash", rank.alias("rank"))
    exploded = keyed.select("_key", "rank", F.posexplode(bands).alias("band", "bucket"))
    firsts = (
        exploded.groupBy("band", "bucket")
        .agg(F.min(F.struct("rank", "_key")).alias("first"), F.count("*").alias("n"))
        .where("n > 1")
        .select("band", "bucket", F.col("first._key").alias("orig_key"))
    )
    candidates = exploded.join(firsts, ["band", "bucket"]).where("_key != orig_key").select("_key", "orig_key").distinct()
    sigs = keyed.select(
        F.col("_key").alias("k2"), F.col("id").alias("orig_id"), F.col("minhash").alias("orig_minhash"), F.col("rank").alias("orig_rank")
    )
    same = F.expr("aggregate(zip_with(minhash, orig_minhash, (x, y) -> IF(x = y, 1, 0)), 0, (acc, v) -> acc + v) / size(minhash)")
    verified = (
        candidates.join(keyed.select("_key", "minhash"), "_key")
        .join(sigs, F.col("orig_key") == F.col("k2"))
        .where(same >= F.lit(threshold))
        .groupBy("_key")
        .agg(F.min(F.struct("orig_rank", "orig_id")).alias("orig"))
        .select("_key", F.col("orig.orig_id").alias("dup_of"))
    )
    return articles.join(verified, "_key", "left").withColumn("duplicate_of", F.col("dup_of")).select(*COLUMNS, "_key")


def expand_inputs(inputs: list[str], sc: Any = None) -> list[str]:
    """Input paths: each argument is a WARC/JSONL path, or a ``.txt`` listing one path a line (cc-pyspark style)."""
    paths: list[str] = []
    for raw in inputs:
        if raw.lower().endswith((".txt", ".paths", ".lst")):
            if sc is not None and "://" in raw:
                lines = sc.textFile(raw).collect()
            else:
                lines = Path(raw.removeprefix("file://")).read_text(encoding="utf-8").splitlines()
            paths += [line.strip() for line in lines if line.strip() and not line.startswith("#")]
        else:
            paths.append(raw)
    if not paths:
        raise InputError(",".join(inputs) or "-", "no input paths")
    return paths


def _ordered(row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row[name] for name in (*COLUMNS, "_key"))


def _jsonl(row: dict[str, Any]) -> str:
    row["facts"] = json.loads(row["facts"] or "[]")
    return json.dumps(row, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    """The spark-submit entry point: ``spark_job.py INPUT... OUTPUT [--jsonl] [--read hadoop]``."""
    parser = argparse.ArgumentParser(prog="spark_job.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", help="WARC/JSONL paths or .txt listings of them, then the output directory")
    parser.add_argument("--jsonl", action="store_true", help="also write articles-jsonl/")
    parser.add_argument(
        "--read", choices=("stream", "hadoop"), default="stream", help="stream (fsspec in executors) or hadoop (sc.binaryFiles)"
    )
    parser.add_argument("--published", help="date (YYYY-MM-DD) for articles that carry none")
    parser.add_argument("--master", help="Spark master (spark-submit sets it)")
    parser.add_argument("--shuffle-partitions", type=int)
    args = parser.parse_args(argv)
    if len(args.inputs) < 2:
        parser.error("give at least one input and the output directory")
    options = JobOptions(args.inputs[:-1], args.inputs[-1], args.jsonl, args.read, args.published, args.master, args.shuffle_partitions)
    result = run(options)
    print(f"articles={result.articles} duplicates={result.duplicates} rejects={result.rejects} output={result.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
