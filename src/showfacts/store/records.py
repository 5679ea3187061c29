"""Reading extracted records (the Spark job's Parquet or JSONL output, ``showfacts extract -f jsonl``)
as (Article, ArticleRecord) pairs for the write path."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from showfacts.article import Article
from showfacts.errors import InputError
from showfacts.facts import ArticleRecord
from showfacts.scale import dedupe
from showfacts.sources.urls import checked_url

Extracted = tuple[Article, ArticleRecord] | tuple[Article, ArticleRecord, list[int]]
"""An article and its record, with its MinHash signature when the input carries one (the Spark job's output)."""


def read_extracted(path: Path) -> Iterator[Extracted | InputError]:
    """Pre-extracted records (the Spark job's output): JSONL lines with "facts", or Parquet files/directories."""
    if path.is_dir() or path.suffix == ".parquet":
        yield from _read_parquet(path)
        return
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                yield _pair(json.loads(line), where)
            except (ValueError, KeyError, TypeError) as exc:
                yield InputError(where, f"not an extracted record ({exc})")


def _read_parquet(path: Path) -> Iterator[Extracted | InputError]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield InputError(str(path), "reading Parquet needs pyarrow: pip install 'showfacts[spark]'")
        return
    files = sorted(path.rglob("*.parquet")) if path.is_dir() else [path]
    for file in files:
        try:
            table = pq.read_table(file)
        except Exception as exc:  # a broken file is one bad input
            yield InputError(str(file), f"unreadable Parquet ({exc})")
            continue
        for index, row in enumerate(table.to_pylist()):
            try:
                yield _pair(row, f"{file}#{index}")
            except (ValueError, KeyError, TypeError) as exc:
                yield InputError(f"{file}#{index}", f"not an extracted record ({exc})")


def _pair(data: dict[str, Any], where: str) -> Extracted:
    facts = data.get("facts")
    if isinstance(facts, str):
        facts = json.loads(facts)
    if not isinstance(data.get("text"), str) or not data["text"].strip():
        raise ValueError("no text")
    record = ArticleRecord.from_json({**data, "facts": facts or []})
    article = Article(
        id=str(data["id"]),
        text=data["text"],
        title=data.get("title"),
        published=data.get("published"),
        url=checked_url(data["url"], where, str(data["id"])) if isinstance(data.get("url"), str) else None,
        outlet=data.get("outlet"),
        authors=list(data.get("authors") or []),
        origin=where,
    )
    if article.published and isinstance(data.get("published_source"), str):
        article.published_source = data["published_source"]
    signature = data.get("minhash")
    if isinstance(signature, list) and len(signature) == dedupe.NUM_PERM and all(isinstance(v, int) for v in signature):
        return article, record, signature  # computed by the Spark job with the same function: not computed again
    return article, record


def is_extracted_input(path: Path) -> bool:
    """True for the Spark job's output: Parquet, or JSONL whose first record carries "facts"."""
    if path.is_dir():
        return any(path.rglob("*.parquet"))
    if path.suffix == ".parquet":
        return True
    if path.suffix in (".jsonl", ".ndjson"):
        with path.open(encoding="utf-8", errors="replace") as handle:
            first = handle.readline()
        try:
            return isinstance(json.loads(first), dict) and "facts" in json.loads(first)
        except ValueError:
            return False
    return False
