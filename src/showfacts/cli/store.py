"""Knowledge-base commands: ingest, db upgrade, show, person, search, conflicts, timeline, stats, why, export."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from showfacts.article import normalise_date
from showfacts.cli.app import app, fail, report
from showfacts.errors import ConfigError, InputError

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
    paths: Annotated[list[str], typer.Argument(help="Articles (as for extract), or extracted records: Parquet or JSONL with facts.")],
    db: DbOption = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Extraction worker processes (default: one per core).")] = 0,
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) for inputs that carry none.")] = None,
) -> None:
    """Extract articles and merge their facts into the knowledge base.

    Example: [bold]showfacts ingest seed.txt corpus.jsonl --db showfacts.db[/]

    Ingesting the same article again adds nothing; the same URL with new text replaces that
    article's facts; a near-duplicate is linked to its original. One transaction per article.
    """
    from showfacts.scale.parallel import extract_stream
    from showfacts.store.ingest import ingest, is_extracted_input, read_extracted

    anchor = normalise_date(published) if published else None
    if published and not anchor:
        raise fail(f"--published: {published!r} is not a date (use YYYY-MM-DD)", 2)
    store = _store(db)
    counts: Counter[str] = Counter()
    extracted = [Path(p) for p in paths if p != "-" and Path(p).exists() and is_extracted_input(Path(p))]
    raw = [p for p in paths if p == "-" or Path(p) not in extracted]

    def stream() -> Iterator[Any]:
        for path in extracted:
            yield from read_extracted(path)
        if raw:
            yield from extract_stream(raw, jobs=jobs, published=anchor, progress=sys.stderr.isatty() and not os.environ.get("CI"))

    for item in stream():
        if isinstance(item, InputError):
            report(str(item))
            counts["failed"] += 1
            continue
        article, record = item
        try:
            result = ingest(store, article, record)
        except Exception as exc:  # one article must not sink the batch; its transaction rolled back
            report(f"{article.origin or article.id}: not stored: {exc.__class__.__name__}: {exc}")
            counts["failed"] += 1
            continue
        counts[result.outcome] += 1
        counts["near-duplicate"] += result.duplicate_of is not None and result.outcome != "unchanged"
    summary = ", ".join(f"{counts[k]} {k}" for k in ("new", "updated", "unchanged", "near-duplicate", "failed"))
    Console(stderr=True).print(f"ingested into {store.url.split('@')[-1]}: {summary}", markup=False, highlight=False)
    if counts["failed"]:
        raise typer.Exit(1)


@db_app.command("upgrade")
def db_upgrade_cli(db: DbOption = None) -> None:
    """Create the schema, or upgrade a database made by an older release, in place.

    Example: [bold]showfacts db upgrade --db postgresql://postgres@127.0.0.1/showfacts[/]
    """
    store = _store(db)
    typer.echo(f"schema at revision {store.revision()}")


@app.command("show")
def show_cli(
    work: Annotated[str, typer.Argument(help="A title, an alias or a slug.")], db: DbOption = None, format: FormatOption = "table"
) -> None:
    """Everything known about a work: status timeline, releases, network, cast, crew, related works, quotes, sources.

    Example: [bold]showfacts show "Jessica Jones" --format json[/]
    """
    from showfacts.query import get_work

    _check_format(format)
    data = get_work(_store(db), work)
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
    for column in ("", "fact", "sources", "reported"):
        table.add_column(column)
    for name, facts, describe in sections:
        for i, fact in enumerate(facts):
            sources = ", ".join(f"#{s['article_id']} {s.get('outlet') or ''}".strip() for s in fact["sources"])
            mark = " ⚠ conflict" if fact.get("conflict") else ""
            table.add_row(name if i == 0 else "", Text(describe(fact) + mark), Text(sources), Text(fact.get("first_reported") or ""))
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
    """Facts that sources disagree on (two premiere dates, renewed and cancelled), both sides with sources.

    Example: [bold]showfacts conflicts --format json[/]
    """
    from showfacts.query import list_conflicts

    _check_format(format)
    data = list_conflicts(_store(db), limit=200)
    if format == "json":
        _json(data)
        return
    for c in data["items"]:
        sides = " vs ".join(
            f"{s.get('status') or s.get('date')} ({', '.join('#' + str(x['article_id']) for x in s['sources'])})" for s in c["sides"]
        )
        typer.echo(f"{c['work']['title']}: {c['about']}: {sides}")


@app.command("timeline")
def timeline_cli(
    db: DbOption = None,
    network: Annotated[str | None, typer.Option(help="Only decisions and releases involving this network.")] = None,
    since: Annotated[str | None, typer.Option(help="Only news reported on or after this date (YYYY-MM-DD).")] = None,
    format: FormatOption = "table",
) -> None:
    """Status and release news in the order it was reported.

    Example: [bold]showfacts timeline --network Netflix --since 2024-01-01[/]
    """
    from showfacts.query import timeline

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
        typer.echo(
            f"{item.get('reported') or '(undated)':10}  {item['work']}{season}: {what}"
            + (f" ({item['network']})" if item.get("network") else "")
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
