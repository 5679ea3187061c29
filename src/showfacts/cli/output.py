"""Writing extracted records: JSON Lines, a JSON array, or a Rich table for people."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from enum import Enum
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from showfacts.article import Article
from showfacts.facts import ArticleRecord, Fact
from showfacts.sources.provenance import date_label


class Format(str, Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


class RecordWriter:
    """Writes one record at a time; each record is written whole or not at all.

    With ``--out`` the records go to a temporary file beside the target, renamed into
    place when the run ends, so an interrupted run never leaves a truncated file.
    """

    def __init__(self, fmt: Format, out: Path | None = None) -> None:
        self.fmt = fmt
        self.out = out
        self._tmp: str | None = None
        self._handle: IO[str] = sys.stdout
        self._count = 0

    def __enter__(self) -> RecordWriter:
        if self.out is not None:
            fd, self._tmp = tempfile.mkstemp(prefix=f".{self.out.name}.", dir=self.out.parent or Path("."))
            self._handle = os.fdopen(fd, "w", encoding="utf-8")
        if self.fmt is Format.json:
            self._handle.write("[")
        return self

    def write(self, record: ArticleRecord, article: Article) -> None:
        if self.fmt is Format.jsonl:
            self._handle.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
        elif self.fmt is Format.json:
            sep = "," if self._count else ""
            body = json.dumps(record.to_json(), ensure_ascii=False, indent=2)
            self._handle.write(sep + "\n" + body)
        else:
            console = Console(file=self._handle, soft_wrap=False, width=None if self._handle.isatty() else 120)
            render_table(console, record, article)
        self._handle.flush()
        self._count += 1

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self.fmt is Format.json:
            self._handle.write("\n]\n" if self._count else "]\n")
        self._handle.flush()
        if self._tmp is not None and self.out is not None:
            self._handle.close()
            if exc_type is None or issubclass(exc_type, SystemExit):
                os.replace(self._tmp, self.out)
            else:
                os.unlink(self._tmp)


def snippet(text: str, fact: Fact, width: int = 90) -> str:
    span = " ".join(text[fact.evidence.start : fact.evidence.end].split())
    return span if len(span) <= width else span[: width - 1] + "…"


def describe(fact: Fact) -> str:
    """A short human statement of a fact, without its work (the table groups by work)."""
    v: dict[str, Any] = {k: fact.get(k) for k, _ in fact.values}
    season = f" season {v['season']}" if v.get("season") else ""
    if fact.type == "status":
        net = f" ({v['network']})" if v.get("network") else ""
        return f"{v['status']}{season}{net}"
    if fact.type == "release":
        net = f" on {v['network']}" if v.get("network") else ""
        return f"out {v['date']}{season}{net}"
    if fact.type == "release_order":
        a, b = v["before"], v["after"]
        sa = f" s{a['season']}" if a.get("season") else ""
        sb = f" s{b['season']}" if b.get("season") else ""
        return f"{a['work']}{sa} comes out before {b['work']}{sb}"
    if fact.type == "network":
        return f"on {v['network']}"
    if fact.type == "cast":
        return f"{v['person']} as {v['character']}" if v.get("character") else f"{v['person']} (cast)"
    if fact.type == "crew":
        return f"{v['person']}, {v['role']}"
    if fact.type == "related":
        return f"{v['relation']} of {v['related']}"
    if fact.type == "quote":
        words = v["text"] if len(v["text"]) < 70 else v["text"][:69] + "…"
        return f"{v['speaker']}: “{words}”"
    return fact.type


def work_of(fact: Fact) -> str:
    if fact.type == "release_order":
        return str(fact.get("after")["work"])
    if fact.type == "quote":
        return "(quotes)"
    return str(fact.get("work"))


def render_table(console: Console, record: ArticleRecord, article: Article) -> None:
    head = record.title or record.id
    meta = []
    if record.authors:
        meta.append("by " + ", ".join(record.authors))
    if record.published:
        same = record.published == article.published
        meta.append(date_label(record.published, article.published_source if same else "text"))
    if record.cited_sources:
        meta.append("cites " + ", ".join(record.cited_sources))
    console.print(f"[bold]{_esc(head)}[/]  [dim]{_esc(record.id)}[/]")
    if meta:
        console.print(_esc(" · ".join(meta)), style="dim")
    if not record.facts:
        console.print("  (no facts found)\n")
        return
    table = Table(show_header=True, header_style="bold", expand=False, box=None, pad_edge=False)
    table.add_column("work")
    table.add_column("type")
    table.add_column("fact")
    table.add_column("evidence", style="dim", overflow="fold")
    groups: dict[str, list[Fact]] = {}
    for fact in record.facts:
        groups.setdefault(work_of(fact), []).append(fact)
    for work, facts in groups.items():
        for i, fact in enumerate(facts):
            table.add_row(Text(work if i == 0 else ""), fact.type, Text(describe(fact)), Text(snippet(article.text, fact)))
    console.print(table)
    console.print()


def reported_cell(date: str | None, source: str | None = None) -> Text:
    """The "reported" cell of a read command's table: the article's date with where it came from, or
    "undated" (dimmed); never the day the article was ingested."""
    return Text(date_label(date, source), style="" if date else "dim italic")


def sources_cell(fact: dict[str, Any], shown: int = 3) -> Text:
    """The "sources" cell of ``show``: how many articles state the fact (how many of them independent),
    then the first few: ``2 sources, 1 independent: #1 Screen Ledger, #2 Mirror``."""
    listed = [f"#{s['article_id']} {s.get('outlet') or ''}".strip() for s in fact["sources"][:shown]]
    more = ", …" if fact["source_count"] > len(listed) else ""
    return Text(f"{count_label(fact)}: {', '.join(listed)}{more}")


def count_label(fact: dict[str, Any]) -> str:
    """``1 source``, ``3 sources``, ``3 sources, 2 independent`` (near-duplicates count once)."""
    count, independent = fact["source_count"], fact["independent_sources"]
    return f"{count} source{'' if count == 1 else 's'}" + (f", {independent} independent" if independent != count else "")


def conflict_table(conflict: dict[str, Any]) -> Table:
    """One conflict for ``showfacts conflicts``: its two sides side by side, each answer with its belief
    and its sources (article, outlet, date) with their evidence sentences."""
    work, season = conflict["work"]["title"], conflict.get("season")
    title = f"{work}{f' season {season}' if season else ''}: {conflict['about']}"
    table = Table(title=Text(title, style="bold"), title_justify="left", show_header=True, header_style="bold", expand=True)
    cells = []
    for side in conflict["sides"]:
        answer = _answer(side)
        table.add_column(Text(answer), ratio=1, overflow="fold")
        cell = Text(f"belief {side['belief']:.2f} · {count_label(side)}\n", style="dim")
        for s in side["sources"]:
            source = f"#{s['article_id']} {s.get('outlet') or ''}".rstrip()
            cell.append(f"{source}, {date_label(s.get('reported'), s.get('published_source'))}\n")
            evidence = " ".join(str((s.get("evidence") or {}).get("text") or "").split())
            cell.append(f"“{evidence if len(evidence) <= 240 else evidence[:239] + '…'}”\n", style="italic")
        if side["source_count"] > len(side["sources"]):
            cell.append(f"(+{side['source_count'] - len(side['sources'])} more)", style="dim")
        cells.append(cell)
    table.add_row(*cells)
    return table


def _answer(side: dict[str, Any]) -> str:
    if side.get("type") == "release":
        return str(side.get("date"))
    network = f" ({side['network']})" if side.get("network") else ""
    return f"{side.get('status')}{network}"


def _esc(text: str) -> str:
    from rich.markup import escape

    return escape(text)
