"""The Article: the one object every source produces and every extraction stage reads."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass
class Article:
    """A news article as text plus what its source knew about it.

    ``text`` is the whole article, headline first when the source has one in the text
    (plain-text files and the JSONL corpus do). Evidence offsets of every fact index
    into ``text``. ``published`` is an ISO date (``YYYY-MM-DD``) or None; it anchors
    relative dates such as "next year".
    """

    id: str
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    origin: str = ""  # where it came from, for messages: "path", "path:3", "file.warc@1234"

    def __post_init__(self) -> None:
        self.published = normalise_date(self.published)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text: the identity of an article's content."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def published_date(self) -> date | None:
        return date.fromisoformat(self.published) if self.published else None


def normalise_date(value: object) -> str | None:
    """Return the ISO calendar date at the start of ``value`` (a date or an ISO string), or None."""
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
    return None
