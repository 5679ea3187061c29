"""JSONL corpora in the SCHEMA.md input shape: ``{"id", "text", "title", "published", "url", "outlet"}``."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from showfacts.article import Article
from showfacts.errors import InputError
from showfacts.limits import MAX_ARTICLE_CHARS, MAX_JSONL_LINE_BYTES
from showfacts.sources.urls import checked_url


def read_file(path: Path) -> Iterator[Article | InputError]:
    if path.stat().st_size == 0:
        yield InputError(str(path), "empty file")
        return
    with path.open("rb") as handle:
        yield from read_lines(_decoded_lines(handle, str(path)), str(path))


def _decoded_lines(handle: Iterable[bytes], origin: str) -> Iterator[str | InputError]:
    for number, raw in enumerate(handle, 1):
        if len(raw) > MAX_JSONL_LINE_BYTES:
            yield InputError(f"{origin}:{number}", f"line is {len(raw):,} bytes, over the {MAX_JSONL_LINE_BYTES:,} limit")
            continue
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            yield InputError(f"{origin}:{number}", "not UTF-8 text")


def read_lines(lines: Iterable[str | InputError], origin: str) -> Iterator[Article | InputError]:
    for number, line in enumerate(lines, 1):
        if isinstance(line, InputError):
            yield line
            continue
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        try:
            yield article_from_record(record, where)
        except InputError as err:
            yield err


def article_from_record(record: object, where: str) -> Article:
    """Check one input record and make it an Article (raises InputError)."""
    if not isinstance(record, dict):
        raise InputError(where, "record is not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, "record has no text")
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(where, f"article is {len(text):,} characters, over the {MAX_ARTICLE_CHARS:,} limit")
    rid = record.get("id")
    article_id = str(rid) if rid not in (None, "") else where
    title = record.get("title")
    authors = record.get("authors")
    article = Article(
        id=article_id,
        text=text,
        title=title if isinstance(title, str) and title.strip() else None,
        published=_str_or_none(record.get("published")),
        url=checked_url(_str_or_none(record.get("url")), where, article_id),
        outlet=_str_or_none(record.get("outlet")),
        authors=[a for a in authors if isinstance(a, str)] if isinstance(authors, list) else [],
        origin=where,
    )
    article.published_source = "jsonl" if article.published else None
    return article


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
