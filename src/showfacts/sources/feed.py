"""RSS and Atom feeds (``.xml``, ``.rss``, ``.atom``): one Article per entry, through feedparser.

An entry gives the link (also the article id), title, author(s) and date. Where it carries
the full page (``content:encoded`` or Atom ``content``), trafilatura extracts the text;
otherwise the summary, stripped of markup, is the body. Text is ``title + "\\n\\n" + body``.

As with WARC, reading is split so the costly half can run in a worker process:
:func:`read_entries` yields a picklable :class:`FeedEntry` whose :meth:`~FeedEntry.load`
makes the Article; :func:`read_file` does both, for the ``READERS`` registry.
"""

from __future__ import annotations

import calendar
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from showfacts.article import Article
from showfacts.errors import InputError
from showfacts.limits import MAX_ARTICLE_CHARS, MAX_FILE_BYTES
from showfacts.sources.lazy import load_each
from showfacts.sources.urls import checked_url, web_url

SUFFIXES = (".xml", ".rss", ".atom")
_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")
_EMAIL_NAME = re.compile(r"^\S+@\S+\s*\((?P<name>[^)]+)\)$")
_NAME_EMAIL = re.compile(r"^(?P<name>[^<@]+?)\s*<\S+@\S+>$")
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article"}


@dataclass(slots=True)
class FeedEntry:
    """One feed entry, read but not yet extracted (picklable)."""

    origin: str
    link: str | None
    title: str | None
    published: str | None
    authors: list[str] = field(default_factory=list)
    html: str | None = None  # the full page, when the entry carries one
    summary: str | None = None
    outlet: str | None = None

    def load(self) -> Article:
        """Make the Article: trafilatura over the full HTML when there is some, else the summary."""
        body = self._html_body() if self.html else None
        if not body and self.summary:
            body = strip_tags(self.summary)
        if not body:
            raise InputError(self.origin, "entry has neither content nor summary text")
        title = self.title
        text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
        if len(text) > MAX_ARTICLE_CHARS:
            raise InputError(self.origin, f"article is {len(text):,} characters, over the {MAX_ARTICLE_CHARS:,} limit")
        link = checked_url(self.link, self.origin)
        article = Article(
            id=link or self.origin,
            text=text,
            title=title,
            published=self.published,
            url=link,
            outlet=self.outlet,
            authors=list(self.authors),
            origin=self.origin,
        )
        article.published_source = "feed" if article.published else None
        return article

    def _html_body(self) -> str | None:
        from showfacts.sources.html import article_from_html

        try:
            page = article_from_html(self.html or "", self.origin, url=web_url(self.link))
        except InputError:
            return None  # a fragment trafilatura cannot read: fall back to the summary
        if page.title and page.text.startswith(page.title + "\n"):
            return page.text[len(page.title) :].strip() or None
        return page.text.strip() or None


def read_file(path: Path) -> Iterator[Article | InputError]:
    """Articles (and InputErrors) from one feed file, extracting each entry in this process."""
    return load_each(read_entries(path))


def read_entries(path: Path | str) -> Iterator[FeedEntry | InputError]:
    """Parse one feed file: a FeedEntry per entry; one InputError when the file is not a feed."""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        yield InputError(str(path), f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,} limit")
        return
    yield from read_bytes(path.read_bytes(), str(path))


def read_bytes(data: bytes, name: str) -> Iterator[FeedEntry | InputError]:
    import feedparser

    if not data.strip():
        yield InputError(name, "empty file")
        return
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            problem = getattr(parsed.get("bozo_exception"), "getMessage", lambda: str(parsed.get("bozo_exception")))()
            yield InputError(name, f"not an RSS or Atom feed ({problem})")
        else:
            yield InputError(name, "feed has no entries")
        return
    outlet = (parsed.get("feed") or {}).get("title") or None
    for number, entry in enumerate(entries, 1):
        yield _entry(entry, f"{name}#{number}", outlet)


def _entry(entry: Any, origin: str, outlet: str | None) -> FeedEntry:
    html = None
    for content in entry.get("content") or []:
        if (content.get("type") or "").lower() in _HTML_TYPES and (content.get("value") or "").strip():
            html = content["value"]
            break
    names = _authors(entry)
    title = (entry.get("title") or "").strip() or None
    summary = entry.get("summary") or None
    if html and summary and summary.strip() == html.strip():
        summary = None if len(html) > 20_000 else summary
    return FeedEntry(
        origin=origin,
        link=(entry.get("link") or "").strip() or None,
        title=title,
        published=_date(entry),
        authors=[n for n in names if n],
        html=html,
        summary=summary,
        outlet=outlet,
    )


def _authors(entry: Any) -> list[str]:
    """Byline names: RSS ``author`` may be ``email (Name)`` (feedparser mangles that form), Atom gives a list."""
    raw = (entry.get("author") or "").strip()
    if raw and "@" in raw:
        named = _EMAIL_NAME.match(raw) or _NAME_EMAIL.match(raw)
        return [named.group("name").strip()] if named else []
    listed = [a.get("name", "").strip() for a in entry.get("authors") or [] if isinstance(a, dict)]
    listed = [n for n in listed if n and "@" not in n]
    return listed if len(listed) > 1 or not raw else [raw]


def _date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%d", time.gmtime(calendar.timegm(value)))
    return None


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def strip_tags(markup: str) -> str:
    """Text of an HTML fragment: tags dropped, entities decoded, one paragraph a line."""
    parser = _Text()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)
