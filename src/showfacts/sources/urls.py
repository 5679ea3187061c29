"""Which URLs an article may keep: http and https only.

An article's URL is shown as a link (the "original" on its page, each source in the API and the
JSON-LD export), so a ``javascript:`` or ``data:`` URL from a JSONL record, a feed or a page's
canonical link would become a script a reader can click. :func:`checked_url` is the one check,
applied by every reader in :mod:`showfacts.sources` when it makes an Article: a URL that fails it
is dropped (the article is kept, without a URL) with a one-line warning naming the article.
:func:`web_url` is the same test without the warning, for the read side (query, pages, export),
so that a URL stored before this check, or by another path, is never rendered as a link either.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

SCHEMES = ("http", "https")
MAX_URL_CHARS = 2000  # the width of articles.url
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # never in a URL we keep (and a warning stays one line)


def web_url(value: object) -> str | None:
    """``value`` stripped, when it is an absolute http(s) URL with a host; else None."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not url or len(url) > MAX_URL_CHARS or _CONTROLS.search(url):
        return None
    scheme, _, rest = url.partition(":")
    if scheme.lower() not in SCHEMES or not rest.startswith("//"):
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:  # a malformed IPv6 host or port
        return None
    return url if host else None


def checked_url(value: str | None, origin: str, article_id: str | None = None) -> str | None:
    """The URL an article keeps: :func:`web_url` of ``value``; a URL that fails is dropped with a
    warning naming the article (``origin``, and its id when that says more)."""
    if value is None or not value.strip():
        return None
    url = web_url(value)
    if url is None:
        shown = value if len(value) <= 80 else value[:79] + "…"
        named = f" (article {article_id!r})" if article_id and article_id != origin else ""
        why = f"over {MAX_URL_CHARS:,} characters" if len(value.strip()) > MAX_URL_CHARS else "not an http or https URL"
        log.warning("%s%s: url %r is %s; the article is kept without a URL", origin, named, shown, why)
    return url
