"""``showfacts extract`` and ``showfacts eval``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from showfacts.article import normalise_date
from showfacts.cli.app import GazetteerOption, app, fail, read_titles, report
from showfacts.cli.output import Format, RecordWriter
from showfacts.errors import InputError
from showfacts.scale.parallel import extract_stream, show_progress


@app.command("extract")
def extract_cli(
    paths: Annotated[list[str], typer.Argument(help="Articles: .txt, .html, .jsonl, directories, or - for standard input.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="jsonl (one record a line), json, or table.")] = Format.table,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for inputs that carry none; anchors 'next year'.")
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of standard output.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (default: one per core; 1 runs in this process).")] = 0,
    gazetteer: GazetteerOption = None,
) -> None:
    """Extract sourced facts from articles.

    Example: [bold]showfacts extract article.txt --published 2016-03-01 --format jsonl[/]

    Example: [bold]showfacts extract crawl.warc.gz feeds/ --jobs 2 -f jsonl -o facts.jsonl[/]

    Reads .txt, .html, .jsonl, RSS/Atom feeds (.xml, .rss, .atom) and WARC archives
    (.warc, .warc.gz). With --out on a terminal a progress bar shows on standard error.

    With [bold]--gazetteer titles.csv[/] the titles you list are read as works wherever they appear.

    Bad inputs are reported on standard error, one line each, and skipped; the exit status
    is 1 when any input failed.
    """
    anchor = normalise_date(published) if published else None
    if published and not anchor:
        raise fail(f"--published: {published!r} is not a date (use YYYY-MM-DD)", 2)
    known = read_titles(gazetteer)
    failed = 0
    with RecordWriter(format, out) as writer:
        for result in extract_stream(paths, jobs=jobs, published=anchor, progress=show_progress(out), known_titles=known):
            if isinstance(result, InputError):
                report(str(result))
                failed += 1
                continue
            article, record = result
            writer.write(record, article)
    if failed:
        raise typer.Exit(1)


@app.command("eval")
def eval_cli(
    gold: Annotated[Path, typer.Argument(help="Gold records (JSONL, SCHEMA.md output shape).", exists=True, dir_okay=False)],
    pred: Annotated[Path, typer.Argument(help="Predicted records from `showfacts extract --format jsonl`.", exists=True, dir_okay=False)],
    json_out: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    show_errors: Annotated[bool, typer.Option("--show-errors", help="List every missed and spurious fact first.")] = False,
) -> None:
    """Score predicted records against gold: precision, recall and F1 per fact type and overall.

    Example: [bold]showfacts eval gold.jsonl pred.jsonl --show-errors[/]
    """
    from showfacts.eval import load_records, score

    try:
        result = score(load_records(gold), load_records(pred))
    except InputError as err:
        raise fail(str(err), 2) from None
    if json_out:
        typer.echo(json.dumps(result.to_json(), indent=1))
        return
    if show_errors:
        for article_id, kind, fact in result.errors:
            typer.echo(f"{article_id}\t{kind}\t{json.dumps(fact, ensure_ascii=False)}")
        typer.echo("")
    typer.echo(result.table())
