"""Knowledge-base commands: ingest, db upgrade, show, person, search, conflicts, timeline, stats, why, export."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from showfacts.article import normalise_date
from showfacts.cli.app import GazetteerOption, app, fail, read_titles, report
from showfacts.errors import ConfigError

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database: a file path, sqlite:///PATH or postgresql://… (default ./showfacts.db or $SHOWFACTS_DB)."),
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table (for people) or json (stable, for scripts).")]

db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)
app.add_typer(db_app, name="db")


def _store(db: str | None):
    from showfacts.query import open_store

    try:
        return open_store(db)
    except ConfigError as exc:
        raise fail(str(exc), 2) from None
    except Exception as exc:  # an unreachable server, a file that is not a database
        raise fail(
            f"cannot open database {db or os.environ.get('SHOWFACTS_DB') or 'showfacts.db'}: {exc.__class__.__name__}: {exc}", 2
        ) from None


def _json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _check_format(fmt: str) -> None:
    if fmt not in ("table", "json"):
        raise fail(f"--format: {fmt!r} is not table or json", 2)


@app.command("ingest")
def ingest_cli(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Articles (as for extract), or extracted records: Parquet or JSONL with facts.")
    ] = None,
    db: DbOption = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Extraction worker processes (default: one per core).")] = 0,
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) for inputs that carry none.")] = None,
    reextract: Annotated[
        bool, typer.Option("--reextract", help="Extract the stored articles again with this version's extractor and replace their facts.")
    ] = False,
    everything: Annotated[bool, typer.Option("--all", help="With --reextract: every stored article, not only older versions'.")] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per transaction.")] = 1000,  # store.ingest.BATCH_SIZE
    gazetteer: GazetteerOption = None,
) -> None:
    """Extract articles and merge their facts into the knowledge base.

    Example: [bold]showfacts ingest seed.txt corpus.jsonl --db showfacts.db[/]

    The same article again adds nothing; the same URL with new text replaces its facts; a near-duplicate is linked to its original.

    Articles are written in batches, one transaction each: a killed run leaves whole articles, and running it again stores the rest.

    With [bold]--reextract[/] (and no paths) the stored articles are extracted again, keeping their text, URL, outlet and dates.

    Works the knowledge base already knows (named by two articles or more) and the titles of
    [bold]--gazetteer[/] are read as works in the new articles.
    """
    from showfacts.extract.gazetteer import titles
    from showfacts.store.ingest import ingest_stream, is_extracted_input, read_extracted
    from showfacts.store.known import known_work_titles
    from showfacts.store.reextract import reextract as reextract_stored
    from showfacts.store.reextract import stale_count

    if reextract and paths:
        raise fail("--reextract works on the stored articles: give no paths with it", 2)
    if not reextract and not paths:
        raise fail("give the articles to ingest (files, directories or -), or --reextract", 2)
    if everything and not reextract:
        raise fail("--all goes with --reextract", 2)
    anchor = normalise_date(published) if published else None
    if published and not anchor:
        raise fail(f"--published: {published!r} is not a date (use YYYY-MM-DD)", 2)
    store = _store(db)
    show = sys.stderr.isatty() and not os.environ.get("CI")
    if reextract:
        with _progress(show, "re-extracting", stale_count(store, everything)) as written:
            counts = reextract_stored(store, jobs=jobs or default_jobs(), everything=everything, batch_size=batch_size, on_error=report,
                                      on_written=written)  # fmt: skip
        summary = ", ".join(f"{counts[k]} {k}" for k in ("reextracted", "unchanged", "failed"))
        Console(stderr=True).print(f"re-extracted in {store.url.split('@')[-1]}: {summary}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1 if counts["failed"] else 0)
    extracted = [Path(p) for p in paths or [] if p != "-" and Path(p).exists() and is_extracted_input(Path(p))]
    raw = [p for p in paths or [] if p == "-" or Path(p) not in extracted]

    def stream() -> Iterator[Any]:
        for path in extracted:
            yield from read_extracted(path)
        if raw:
            known = titles(known_work_titles(store)) | read_titles(gazetteer)
            yield from extract_stream(raw, jobs=jobs, published=anchor, known_titles=known)

    with _progress(show, "ingesting", _expected(extracted, raw)) as written:
        counts = ingest_stream(store, stream(), batch_size=batch_size, on_error=report, on_written=written)
    summary = ", ".join(f"{counts[k]} {k}" for k in ("new", "updated", "unchanged", "near-duplicate", "failed"))
    Console(stderr=True).print(f"ingested into {store.url.split('@')[-1]}: {summary}", markup=False, highlight=False, soft_wrap=True)
    if counts["failed"]:
        raise typer.Exit(1)


def extract_stream(paths: list[str], jobs: int, published: str | None, known_titles: frozenset[str] = frozenset()) -> Iterator[Any]:
    from showfacts.scale.parallel import extract_stream as stream

    return stream(paths, jobs=jobs, published=published, known_titles=known_titles)


def default_jobs() -> int:
    from showfacts.scale.parallel import default_jobs as jobs

    return jobs()


@contextmanager
def _progress(show: bool, what: str, total: int | None) -> Iterator[Callable[[list[Any]], None]]:
    """A progress bar on standard error (articles written, articles/s, ETA when the total is known);
    yields the callback the write path calls after each batch. Without a terminal: nothing drawn."""
    if not show:
        yield lambda results: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"), TimeElapsedColumn()]
    if total:
        columns.append(TimeRemainingColumn())
    with Progress(*columns, console=Console(file=sys.stderr), transient=True, redirect_stdout=False, redirect_stderr=True) as bar:
        task = bar.add_task(what, total=total or None, rate="")

        def written(results: list[Any]) -> None:
            bar.advance(task, len(results))
            done, elapsed = bar.tasks[0].completed, bar.tasks[0].elapsed or 0
            bar.update(task, rate=f"{done / elapsed:,.0f} articles/s" if elapsed > 0.5 else "")

        yield written


def _expected(extracted: list[Path], raw: list[str]) -> int | None:
    """How many articles the inputs hold, when that is cheap to know (JSONL lines, Parquet rows, text
    and HTML files); None when some input's count is unknown before reading it (WARC, feeds, stdin)."""
    from showfacts.sources import reader_for

    total = 0
    for path in [*extracted, *(Path(p) for p in raw)]:
        if str(path) == "-" or not path.exists():
            return None
        files = [path]
        if path.is_dir():
            files = [f for f in sorted(path.rglob("*")) if f.is_file() and (reader_for(f) or f.suffix == ".parquet")]
        for file in files:
            count = _count(file, reader_for(file))
            if count is None:
                return None
            total += count
    return total


def _count(path: Path, reader: Any) -> int | None:
    from showfacts.sources import html, jsonl, text

    if path.suffix == ".parquet":
        try:
            import pyarrow.parquet as pq

            return int(pq.ParquetFile(path).metadata.num_rows)
        except Exception:
            return None
    if reader is jsonl.read_file:
        with path.open("rb") as handle:
            return sum(1 for line in handle if line.strip())
    return 1 if reader in (None, text.read_file, html.read_file) else None


@db_app.command("upgrade")
def db_upgrade_cli(db: DbOption = None) -> None:
    """Create the schema, or upgrade a database made by an older release, in place.

    Example: [bold]showfacts db upgrade --db postgresql://postgres@127.0.0.1/showfacts[/]
    """
    store = _store(db)
    typer.echo(f"schema at revision {store.revision()}")


@app.command("show")
def show_cli(
    work: Annotated[str, typer.Argument(help="A title, an alias or a slug.")],
    db: DbOption = None,
    format: FormatOption = "table",
    min_confidence: Annotated[
        float | None,
        typer.Option(
            "--min-confidence", min=0.0, max=1.0, help="Only facts whose belief (0-1, from their independent sources) is at least this."
        ),
    ] = None,
) -> None:
    """Everything known about a work: status timeline, releases, network, cast, crew, related works, quotes, sources.

    Each fact shows its belief: how sure its independent sources together make it (their confidences combined; a syndicated copy
    counts once).

    Example: [bold]showfacts show "Jessica Jones" --min-confidence 0.8 --format json[/]
    """
    from showfacts.cli.output import reported_cell, sources_cell
    from showfacts.query import get_work

    _check_format(format)
    data = get_work(_store(db), work, min_confidence=min_confidence)
    if data is None:
        raise fail(f"no work called {work!r} in the knowledge base", 1)
    if format == "json":
        _json(data)
        return
    console = Console()
    console.print(Text(data["title"], style="bold"), Text(f"  ({data['slug']})", style="dim"))
    if data["networks"]:
        console.print("on " + ", ".join(data["networks"]), markup=False)
    sections = [
        (
            "status",
            data["status_timeline"],
            lambda f: (
                f"{f['status']}"
                + (f" season {f['season']}" if f.get("season") else "")
                + (f" ({f['network']})" if f.get("network") else "")
                + (f" → superseded by {f['superseded_by']}" if f.get("superseded_by") else "")
            ),
        ),
        ("release", data["releases"], lambda f: f"{f['date']}" + (f" season {f['season']}" if f.get("season") else "")),
        (
            "release order",
            data["release_order"],
            lambda f: (
                f"{f['before']['work']} before {f['after']['work']}" + (f" s{f['after']['season']}" if f["after"].get("season") else "")
            ),
        ),
        (
            "cast",
            data["cast"],
            lambda f: (
                f"{f['person']}"
                + (f" as {f['character']}" if f.get("character") else "")
                + (f" in {f['work']}" if f.get("work") != data["title"] else "")
            ),
        ),
        ("crew", data["crew"], lambda f: f"{f['person']}, {f['role']}" + (f" of {f['work']}" if f.get("work") != data["title"] else "")),
        ("related", data["related"], lambda f: f"{f['work']} {f['relation']} of {f['related']}"),
        ("quote", data["quotes"], lambda f: f"{f['speaker']}: “{f['text'][:80]}{'…' if len(f['text']) > 80 else ''}”"),
    ]
    table = Table(box=None, show_header=True, header_style="bold")
    for column in ("", "fact", "belief", "sources", "reported"):
        table.add_column(column, justify="right" if column == "belief" else "left")
    for name, facts, describe in sections:
        for i, fact in enumerate(facts):
            mark = " ⚠ conflict" if fact.get("conflict") else ""
            reported = reported_cell(fact.get("first_reported"), fact.get("first_reported_source"))
            table.add_row(name if i == 0 else "", Text(describe(fact) + mark), f"{fact['belief']:.2f}", sources_cell(fact), reported)
    console.print(table)


@app.command("person")
def person_cli(
    name: Annotated[str, typer.Argument(help="A name, an alias or a slug.")], db: DbOption = None, format: FormatOption = "table"
) -> None:
    """Roles, crew credits and quotes of a person, with sources.

    Example: [bold]showfacts person "Melissa Rosenberg"[/]
    """
    from showfacts.query import get_person

    _check_format(format)
    data = get_person(_store(db), name)
    if data is None:
        raise fail(f"no person called {name!r} in the knowledge base", 1)
    if format == "json":
        _json(data)
        return
    console = Console()
    console.print(Text(data["name"], style="bold"))
    for f in data["cast"]:
        console.print(
            Text(f"  cast   {f['work']}" + (f" as {f['character']}" if f.get("character") else "") + f"  [{len(f['sources'])} source(s)]")
        )
    for f in data["crew"]:
        console.print(Text(f"  crew   {f['role']}, {f['work']}  [{len(f['sources'])} source(s)]"))
    for f in data["quotes"]:
        console.print(Text(f"  quote  “{f['text'][:90]}”"))


@app.command("search")
def search_cli(
    text: Annotated[str, typer.Argument(help="Words to look for in titles, names and quotes.")],
    db: DbOption = None,
    format: FormatOption = "table",
) -> None:
    """Find works, people and quotes.

    Example: [bold]showfacts search defenders[/]
    """
    from showfacts.query import search

    _check_format(format)
    data = search(_store(db), text)
    if format == "json":
        _json(data)
        return
    for w in data["works"]:
        typer.echo(f"work    {w['title']}  ({w['slug']})")
    for p in data["people"]:
        typer.echo(f"person  {p['name']}  ({p['slug']})")
    for q in data["quotes"]:
        typer.echo(f"quote   {q['speaker']}: “{q['text'][:90]}”")


@app.command("conflicts")
def conflicts_cli(db: DbOption = None, format: FormatOption = "table") -> None:
    """What independent articles disagree on (two premiere dates for one season, renewed and cancelled reported alike), the two
    sides side by side: each answer with its belief, its sources, their dates and evidence sentences.

    One article contradicting itself is not a conflict (its more confident side is kept: see stats).

    Example: [bold]showfacts conflicts --format json[/]
    """
    from showfacts.cli.output import conflict_table
    from showfacts.query import list_conflicts

    _check_format(format)
    data = list_conflicts(_store(db), limit=200, max_sources=3)
    if format == "json":
        _json(data)
        return
    console = Console()
    for c in data["items"]:
        console.print(conflict_table(c))
    if not data["items"]:
        console.print("no conflicts")


@app.command("timeline")
def timeline_cli(
    db: DbOption = None,
    network: Annotated[str | None, typer.Option(help="Only decisions and releases involving this network.")] = None,
    since: Annotated[
        str | None, typer.Option(help="Only news reported on or after this date (YYYY-MM-DD); undated news is left out.")
    ] = None,
    format: FormatOption = "table",
) -> None:
    """Status and release news in the order it was reported; undated news last ("undated", never the day it was ingested).

    Example: [bold]showfacts timeline --network Netflix --since 2024-01-01[/]
    """
    from showfacts.query import DATE_SOURCES, timeline

    _check_format(format)
    if since and not normalise_date(since):
        raise fail(f"--since: {since!r} is not a date (use YYYY-MM-DD)", 2)
    data = timeline(_store(db), since=since, network=network, limit=500)
    if format == "json":
        _json(data)
        return
    for item in data["items"]:
        what = item.get("status") or f"release {item.get('date')}"
        season = f" s{item['season']}" if item.get("season") else ""
        origin = DATE_SOURCES.get(item.get("published_source") or "", item.get("published_source"))
        typer.echo(
            f"{item.get('reported') or 'undated':10}  {item['work']}{season}: {what}"
            + (f" ({item['network']})" if item.get("network") else "")
            + (f"  [{origin}]" if item.get("reported") and origin else "")
        )


@app.command("stats")
def stats_cli(db: DbOption = None, format: FormatOption = "table") -> None:
    """Counts of articles, near-duplicates, entities, facts and conflicts.

    Example: [bold]showfacts stats --format json[/]
    """
    from showfacts.query import stats

    _check_format(format)
    data = stats(_store(db))
    if format == "json":
        _json(data)
        return
    typer.echo(f"articles        {data['articles']} ({data['near_duplicates']} near-duplicates)")
    for kind, n in data["entities"].items():
        typer.echo(f"{kind + 's':15} {n}")
    typer.echo(f"facts           {data['facts']} ({data['fused_facts']} after fusion)")
    typer.echo(f"conflicts       {data['conflicts']}")
    typer.echo(f"within-article contradictions: {data['within_article_contradictions']}")


@app.command("why")
def why_cli(
    name: Annotated[str, typer.Argument(help="A work, person, network or character.")], db: DbOption = None, format: FormatOption = "table"
) -> None:
    """Why each spelling of a name was merged into one entity (or kept apart).

    Example: [bold]showfacts why "Defenders"[/]
    """
    from showfacts.query import why

    _check_format(format)
    data = why(_store(db), name)
    if data is None:
        raise fail(f"nothing called {name!r} in the knowledge base", 1)
    if format == "json":
        _json(data)
        return
    typer.echo(f"{data['name']} ({data['kind']}, {data['slug']})")
    for alias in data["aliases"]:
        typer.echo(f"  {alias['alias']!r}: {alias['reason']}")


@app.command("export")
def export_cli(
    db: DbOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl (fused facts), csv, or jsonld (schema.org).")] = "jsonl",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of standard output.")] = None,
) -> None:
    """Export the knowledge base.

    Example: [bold]showfacts export --format jsonld --out showfacts.jsonld[/]
    """
    from showfacts import export

    if format not in ("jsonl", "csv", "jsonld"):
        raise fail(f"--format: {format!r} is not jsonl, csv or jsonld", 2)
    store = _store(db)
    chunks: Iterator[str]
    if format == "jsonld":
        chunks = iter([json.dumps(export.to_jsonld(store), ensure_ascii=False, indent=1) + "\n"])
    else:
        chunks = export.to_jsonl(store) if format == "jsonl" else export.to_csv(store)
    if out is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        return
    tmp = out.with_name(f".{out.name}.tmp")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        for chunk in chunks:
            handle.write(chunk)
    tmp.replace(out)
