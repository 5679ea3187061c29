"""HTML pages: main text and metadata (headline, author, date, site name) through trafilatura."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from showfacts.article import Article
from showfacts.errors import InputError
from showfacts.limits import MAX_ARTICLE_CHARS, MAX_FILE_BYTES, MIN_ARTICLE_WORDS
from showfacts.sources.text import load_text
from showfacts.sources.urls import checked_url


def read_file(path: Path) -> Iterator[Article | InputError]:
    try:
        data = load_text(path)
    except InputError as err:
        yield err
        return
    yield from read_string(data, str(path), article_id=path.stem)


def read_string(
    html: str, origin: str, article_id: str | None = None, url: str | None = None, published: str | None = None
) -> Iterator[Article | InputError]:
    try:
        yield article_from_html(html, origin, article_id=article_id, url=url, published=published)
    except InputError as err:
        yield err


def article_from_html(
    html: str,
    origin: str,
    article_id: str | None = None,
    url: str | None = None,
    published: str | None = None,
    published_source: str | None = None,
) -> Article:
    """Extract one Article from an HTML page (raises InputError when there is no article text).

    ``published`` (from ``published_source``: the feed, the API client) wins over the page's own
    date; the page's date, when trafilatura finds one, is marked ``"html"``. The URL is the one
    given, else the page's canonical link, kept only when it is http(s) (see ``sources.urls``).
    """
    import trafilatura  # imported here: loading lxml and trafilatura costs ~0.3 s, only HTML needs it

    if not html.strip():
        raise InputError(origin, "empty page")
    if len(html) > MAX_FILE_BYTES:
        raise InputError(origin, f"page is {len(html):,} characters, over the {MAX_FILE_BYTES:,} limit")
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True)
    if doc is None or len((doc.text or "").split()) < MIN_ARTICLE_WORDS:
        raise InputError(origin, "no article text found in the page")
    body = doc.text.strip()
    title = (doc.title or "").strip() or None
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(origin, f"article is {len(text):,} characters, over the {MAX_ARTICLE_CHARS:,} limit")
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    article = Article(
        id=article_id or url or origin,
        text=text,
        title=title,
        published=published or doc.date,
        url=checked_url(url or doc.url, origin, article_id),
        outlet=doc.sitename or None,
        authors=authors,
        origin=origin,
    )
    if article.published:
        article.published_source = published_source if published else "html"
    return article
