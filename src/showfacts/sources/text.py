"""Plain-text articles: headline on the first line, then the body."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from showfacts.article import Article
from showfacts.errors import InputError
from showfacts.limits import MAX_ARTICLE_CHARS, MAX_FILE_BYTES


def decode(raw: bytes, origin: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), else an InputError for binary or undecodable data."""
    if b"\x00" in raw[:8192]:
        raise InputError(origin, "binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(origin, f"not UTF-8 text (byte {exc.start})") from None


def load_text(path: Path) -> str:
    """A file's text, within the size bound and decoded (raises InputError naming the file)."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(str(path), f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,} limit")
    return decode(path.read_bytes(), str(path))


def read_file(path: Path) -> Iterator[Article | InputError]:
    try:
        data = load_text(path)
    except InputError as err:
        yield err
        return
    yield from read_string(data, str(path), path.stem)


def read_string(data: str, origin: str, article_id: str) -> Iterator[Article | InputError]:
    text = data.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        yield InputError(origin, "empty article")
        return
    if len(text) > MAX_ARTICLE_CHARS:
        yield InputError(origin, f"article is {len(text):,} characters, over the {MAX_ARTICLE_CHARS:,} limit")
        return
    title = text.split("\n", 1)[0].strip() or None
    yield Article(id=article_id, text=text, title=title, origin=origin)
