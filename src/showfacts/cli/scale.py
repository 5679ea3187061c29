"""``showfacts spark``: the distributed extraction job, run from the command line (local mode or a cluster)."""

from __future__ import annotations

from typing import Annotated

import typer

from showfacts.cli.app import app, fail
from showfacts.errors import InputError


@app.command("spark")
def spark_cli(
    inputs: Annotated[list[str], typer.Argument(help="WARC/JSONL paths (local, hdfs://, s3a://) or .txt listings of them.")],
    output: Annotated[str, typer.Option("--output", "-o", help="Output directory: articles/ (Parquet), rejects/, articles-jsonl/.")],
    master: Annotated[
        str | None, typer.Option(help="Spark master, e.g. local[2], yarn, spark://host:7077, k8s://… (default: Spark's).")
    ] = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="Also write the records as JSON lines (articles-jsonl/).")] = False,
    read: Annotated[str, typer.Option(help="stream: executors open each path (fsspec); hadoop: sc.binaryFiles (whole files).")] = "stream",
    published: Annotated[str | None, typer.Option(help="Date (YYYY-MM-DD) for articles that carry none.")] = None,
    shuffle_partitions: Annotated[int | None, typer.Option(help="spark.sql.shuffle.partitions for the duplicate search.")] = None,
) -> None:
    """Extract facts from WARC or JSONL inputs with PySpark; near-duplicates are marked across partitions.

    Example: [bold]showfacts spark crawl/*.warc.gz --master local[2] -o out/ --jsonl[/]

    Bad records are counted and written to OUTPUT/rejects/ instead of failing the job; the
    exit status is 1 when there were any. On a cluster use spark-submit (docs/README-scale.md).
    Needs the spark extra (pip install 'showfacts\\[spark]') and Java 17.
    """
    try:
        from showfacts.scale.spark_job import JobOptions, run
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise fail(f"spark: {exc}; install the spark extra (pip install 'showfacts[spark]')", 2) from None
    if read not in ("stream", "hadoop"):
        raise fail(f"--read: {read!r} is not stream or hadoop", 2)
    try:
        result = run(JobOptions(inputs, output, jsonl, read, published, master, shuffle_partitions))
    except InputError as err:
        raise fail(str(err), 2) from None
    typer.echo(f"{result.articles} articles ({result.duplicates} near-duplicates), {result.rejects} rejected → {result.output}")
    if result.rejects:
        fail(f"{result.rejects} inputs rejected; see {result.output}/rejects/")
        raise typer.Exit(1)
