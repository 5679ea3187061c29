"""The Article: the one object every source produces and every extraction stage reads."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


@dataclass
class Article:
    """A news article as text plus what its source knew about it.

    ``text`` is the whole article, headline first when the source has one in the text
    (plain-text files and the JSONL corpus do). Evidence offsets of every fact index
    into ``text``. ``published`` is an ISO date (``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY``
    where only that much is known) or None; it anchors relative dates such as "next year".
    """

    id: str
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    origin: str = ""  # where it came from, for messages: "path", "path:3", "file.warc@1234"
    published_source: str | None = None  # where ``published`` came from: text, html, feed, warc, jsonl, cli, api

    def __post_init__(self) -> None:
        self.published = normalise_date(self.published)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text: the identity of an article's content."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def published_date(self) -> date | None:
        """The publication date, or for a partial date its middle (``2019-04`` → 2019-04-15)."""
        anchor = self.published_anchor
        return anchor[0] if anchor else None

    @property
    def published_anchor(self) -> tuple[date, str] | None:
        """(date, precision) where precision is "day", "month" or "year"."""
        if not self.published:
            return None
        if len(self.published) == 10:
            return date.fromisoformat(self.published), "day"
        m = _ISO_PARTIAL.match(self.published)
        if not m:
            return None
        if m.group(2):
            return date(int(m.group(1)), int(m.group(2)), 15), "month"
        return date(int(m.group(1)), 7, 1), "year"


def normalise_date(value: object) -> str | None:
    """The ISO date at the start of ``value`` (a date or an ISO string), a bare ``YYYY-MM`` or
    ``YYYY`` kept as it is, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()[:10]
    text = str(value).strip()
    if _ISO_DATE.match(text):
        try:
            return date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            return None
    m = _ISO_PARTIAL.match(text)
    if m and 1900 <= int(m.group(1)) <= 2100 and (m.group(2) is None or 1 <= int(m.group(2)) <= 12):
        return text  # a month or a year: all that is known
    return None
