"""Input sources: each turns files of one kind into Articles.

:func:`read_paths` is the single entry point. It walks directories, picks a reader by
file ending (see ``READERS``), and yields an :class:`~showfacts.article.Article` for
every good input and an :class:`~showfacts.errors.InputError` for every bad one, so a
caller reports the bad and goes on with the rest.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from showfacts.article import Article
from showfacts.errors import InputError
from showfacts.sources import feed, html, jsonl, text, warc

Reader = Callable[[Path], Iterator["Article | InputError"]]

READERS: dict[str, Reader] = {
    ".txt": text.read_file,
    ".text": text.read_file,
    ".html": html.read_file,
    ".htm": html.read_file,
    ".jsonl": jsonl.read_file,
    ".ndjson": jsonl.read_file,
    ".xml": feed.read_file,
    ".rss": feed.read_file,
    ".atom": feed.read_file,
    ".warc": warc.read_file,
    ".warc.gz": warc.read_file,
}
"""File ending → reader. Longer endings (``.warc.gz``) are tried before shorter ones."""


def register_reader(suffix: str, reader: Reader) -> None:
    """Add or replace the reader for a file ending (lower case, with the dot)."""
    READERS[suffix.lower()] = reader


def reader_for(path: Path) -> Reader | None:
    name = path.name.lower()
    for suffix in sorted(READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return READERS[suffix]
    return None


def read_paths(paths: Iterable[str | Path], stdin_text: Callable[[], str] | None = None) -> Iterator[Article | InputError]:
    """Yield Articles (and InputErrors) from files, directories and ``-`` (standard input)."""
    for raw in paths:
        if str(raw) == "-":
            yield from read_stdin(stdin_text)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and reader_for(p))
            if not files:
                yield InputError(str(path), "directory holds no readable articles")
            for file in files:
                yield from _read_one(file)
        elif not path.exists():
            yield InputError(str(path), "no such file")
        else:
            yield from _read_one(path)


def _read_one(path: Path) -> Iterator[Article | InputError]:
    reader = reader_for(path) or text.read_file
    try:
        yield from reader(path)
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror or exc}")


def read_stdin(stdin_text: Callable[[], str] | None = None) -> Iterator[Article | InputError]:
    """Standard input: a JSONL corpus when every line is a JSON object, an HTML page, or plain text."""
    data = stdin_text() if stdin_text else sys.stdin.read()
    stripped = data.lstrip()
    if stripped.startswith("{"):
        yield from jsonl.read_lines(data.splitlines(), "<stdin>")
    elif stripped[:200].lower().startswith(("<!doctype html", "<html")):
        yield from html.read_string(data, "<stdin>")
    else:
        yield from text.read_string(data, "<stdin>", "stdin")
