"""Where an article's publication date came from, and how to say a date to people.

Every reader marks ``Article.published_source`` when it gives an article a date: ``html`` (the
page's own metadata), ``feed`` (the entry's date), ``warc`` (the record's crawl date, used only
when the page has none), ``jsonl`` (the corpus record), ``api`` (the client of POST
/api/articles), ``cli`` (``--published``) or ``text`` (a date read from the article's text). An
article without a date stays undated: it is never given the day it was read or ingested.
"""

from __future__ import annotations

DATE_SOURCES = {
    "text": "date in the text",
    "html": "page date",
    "feed": "feed date",
    "warc": "crawl date",
    "jsonl": "corpus date",
    "cli": "date given at ingest",
    "api": "date given by the API client",
}
"""``published_source`` → how pages and tables say it."""

UNDATED = "undated"


def date_label(date: str | None, source: str | None = None) -> str:
    """A date as people read it: ``2024-05-02 (feed date)``, ``2024-05-02``, or ``undated``."""
    if not date:
        return UNDATED
    return f"{date} ({DATE_SOURCES.get(source, source)})" if source else date
