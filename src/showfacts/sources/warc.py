"""WARC web archives (``.warc``, ``.warc.gz``): every HTML response record becomes an Article.

Reading is streamed with FastWARC, one record at a time, so memory does not grow with the
file. Reading is split in two so the costly half can run elsewhere: :func:`read_pages` yields
a :class:`WarcPage` (the raw payload bytes plus the record's URL and date), cheap to pickle
to a worker process; :meth:`WarcPage.load` runs trafilatura and makes the Article.
:func:`read_file` does both, for the ``READERS`` registry.

Records that are not HTML responses (requests, metadata, images, PDFs) are skipped and
counted in :class:`WarcCounts`. A record that claims HTML but is broken (bad HTTP header,
binary body, too large) and a damaged file (truncated or corrupt gzip) each give one
:class:`InputError` naming ``path@offset``; the rest of the file (or the next file) goes on.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from showfacts.article import Article
from showfacts.errors import InputError
from showfacts.limits import MAX_FILE_BYTES
from showfacts.sources.lazy import load_each

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
"""HTTP Content-Types read as HTML pages (a record without one is sniffed)."""

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_MARKUP = re.compile(rb"<\s*(?:!doctype|html|head|body|p|div|article|title)\b", re.I)


@dataclass
class WarcCounts:
    """What one or more WARC files held: pages read, records skipped, records rejected."""

    records: int = 0
    pages: int = 0
    skipped: int = 0
    rejected: int = 0
    skipped_types: dict[str, int] = field(default_factory=dict)

    def skip(self, kind: str) -> None:
        self.skipped += 1
        self.skipped_types[kind] = self.skipped_types.get(kind, 0) + 1


@dataclass(slots=True)
class WarcPage:
    """One HTML response record, read but not yet extracted (picklable: raw bytes, no parse)."""

    origin: str
    url: str | None
    crawl_date: str | None
    payload: bytes
    charset: str | None = None

    def load(self) -> Article:
        """Run trafilatura over the page (raises InputError when it holds no article)."""
        from showfacts.sources.html import article_from_html

        if not _looks_like_html(self.payload):
            raise InputError(self.origin, "record says HTML but the body is not HTML")
        html = decode_html(self.payload, self.charset)
        article = article_from_html(html, self.origin, article_id=self.url or self.origin, url=self.url)
        if not article.published and self.crawl_date:
            article.published = self.crawl_date  # the page's own date first; else when it was crawled
            article.published_source = "warc" if article.published else None
        return article


def read_file(path: Path) -> Iterator[Article | InputError]:
    """Articles (and InputErrors) from one WARC file, extracting each page in this process."""
    return load_each(read_pages(path))


def read_pages(path: Path | str, counts: WarcCounts | None = None) -> Iterator[WarcPage | InputError]:
    """Stream one WARC file from disk: a WarcPage per HTML response record, an InputError per bad one."""
    with open(path, "rb") as stream:
        yield from read_stream(stream, str(path), counts)


def read_stream(stream: BinaryIO, name: str, counts: WarcCounts | None = None) -> Iterator[WarcPage | InputError]:
    """Stream WARC records from an open binary file (local, fsspec or Hadoop); gzip is detected."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    counts = counts if counts is not None else WarcCounts()
    last = 0
    read = 0
    records = iter(ArchiveIterator(stream, parse_http=False))
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except (OSError, ValueError) as exc:
            counts.rejected += 1
            where = f"{name}@{last}"
            what = "after this record" if read else "at the start"
            yield InputError(where, f"WARC file truncated or corrupt {what} ({exc}); rest of file skipped")
            break
        read += 1
        last = record.stream_pos
        counts.records += 1
        if record.record_type != WarcRecordType.response:
            counts.skip(str(record.record_type))
            continue
        item = _page(record, f"{name}@{last}", counts)
        if item is not None:
            yield item
    log.info("%s: %d records, %d HTML pages, %d skipped, %d rejected", name, counts.records, counts.pages, counts.skipped, counts.rejected)


def _page(record: object, origin: str, counts: WarcCounts) -> WarcPage | InputError | None:
    """The WarcPage of one response record; None when it is not an HTML page (counted as skipped)."""
    url = record.headers.get("WARC-Target-URI")  # type: ignore[attr-defined]
    if record.content_length > MAX_FILE_BYTES:  # type: ignore[attr-defined]
        counts.rejected += 1
        return InputError(origin, f"record is {record.content_length:,} bytes, over the {MAX_FILE_BYTES:,} limit")  # type: ignore[attr-defined]
    size = record.content_length  # type: ignore[attr-defined]
    try:
        record.parse_http(strict_mode=False)  # type: ignore[attr-defined]
        headers = record.http_headers  # type: ignore[attr-defined]
        status = headers.status_code if headers is not None else None
    except (OSError, ValueError) as exc:
        counts.rejected += 1
        return InputError(origin, f"broken HTTP header ({exc})")
    if status is None:
        counts.rejected += 1
        got = size - record.content_length + len(record.reader.read())  # type: ignore[attr-defined]
        if got < size or size == 0:
            return InputError(origin, f"record truncated: {got:,} of {size:,} bytes; file cut short?")
        return InputError(origin, "broken HTTP header (no status line)")
    if not 200 <= status < 300:
        counts.skip(f"http-{status}")
        return None
    ctype = (record.http_content_type or "").lower()  # type: ignore[attr-defined]
    if ctype and not ctype.startswith(HTML_TYPES):
        counts.skip(ctype.split(";")[0].strip() or "no-type")
        return None
    try:
        payload = record.reader.read()  # type: ignore[attr-defined]
    except (OSError, ValueError) as exc:
        counts.rejected += 1
        return InputError(origin, f"record body cannot be read ({exc})")
    if len(payload) < record.content_length:  # type: ignore[attr-defined]
        counts.rejected += 1
        return InputError(origin, f"record truncated: {len(payload):,} of {record.content_length:,} bytes; file cut short?")  # type: ignore[attr-defined]
    counts.pages += 1
    return WarcPage(origin, url, _iso_day(record), payload, record.http_charset)  # type: ignore[attr-defined]


def _iso_day(record: object) -> str | None:
    raw = record.headers.get("WARC-Date")  # type: ignore[attr-defined]
    if not raw:
        return None
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return None


def _looks_like_html(payload: bytes) -> bool:
    head = payload[:4096]
    return b"\x00" not in head and _MARKUP.search(head) is not None


def decode_html(payload: bytes, charset: str | None) -> str:
    """Bytes to text: the HTTP charset, else a ``<meta charset>``, else UTF-8 (bad bytes replaced)."""
    candidates = [charset] if charset else []
    meta = _META_CHARSET.search(payload[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii", "replace"))
    for name in candidates:
        try:
            return payload.decode(name, errors="replace")
        except LookupError:
            continue
    return payload.decode("utf-8", errors="replace")
