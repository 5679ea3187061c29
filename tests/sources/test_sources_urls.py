"""Article URLs: only http and https are kept, by every reader; anything else is dropped (the article
is kept) with a one-line warning naming the article. And each reader says where a date came from."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from showfacts.article import Article
from showfacts.sources import read_paths
from showfacts.sources.html import article_from_html
from showfacts.sources.provenance import date_label
from showfacts.sources.urls import checked_url, web_url

HOSTILE_URLS = [
    "javascript:alert(document.domain)",
    "JaVaScRiPt:alert(1)",
    "  javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    '"><script>alert(1)</script>',
    "//evil.example/steal",
    "/relative/path",
    "ftp://files.example/a",
    "https://",
    "https://exa mple.test/\n<script>",
    "https://example.test/" + "a" * 2100,
]
GOOD_URLS = ["https://example.test/a?b=1#c", "http://example.test", "HTTPS://Example.test/Path", "https://example.test/a b"]
PAGE = """<!doctype html><html><head><title>Harbor Lights renewed</title>
<meta property="article:published_time" content="2024-03-05"><link rel="canonical" href="{canonical}"></head>
<body><article><h1>Harbor Lights renewed</h1><p>Netflix has renewed the coastal drama Harbor Lights for a third season,
the streamer confirmed on Tuesday after a strong run in its first week on the service.</p>
<p>Showrunner Dana Pike said the writers' room opens in April, and production is due to start in Vancouver in the summer
with the whole ensemble returning for the new episodes.</p></article></body></html>"""


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_sources_urls_anything_but_http_or_https_is_refused(url: str) -> None:
    assert web_url(url) is None


@pytest.mark.parametrize("url", GOOD_URLS)
def test_sources_urls_http_and_https_are_kept(url: str) -> None:
    assert web_url(url) == url.strip()


def test_sources_urls_the_warning_is_one_line_naming_the_article(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="showfacts.sources"):
        assert checked_url("java\nscript:alert(1)", "corpus.jsonl:7", "story-7") is None
        assert checked_url("https://example.test/ok", "corpus.jsonl:8", "story-8") == "https://example.test/ok"
        assert checked_url(None, "corpus.jsonl:9") is None
    [record] = caplog.records
    message = record.getMessage()
    assert "\n" not in message and message.startswith("corpus.jsonl:7 (article 'story-7'): ")
    assert "not an http or https URL" in message


def test_sources_jsonl_keeps_only_http_urls_and_warns_for_the_rest(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    corpus = tmp_path / "corpus.jsonl"
    lines = [{"id": f"s{n}", "text": f"Story {n}\n\nSome text.", "url": url} for n, url in enumerate(HOSTILE_URLS + GOOD_URLS)]
    corpus.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="showfacts.sources"):
        articles = list(read_paths([corpus]))
    assert all(isinstance(a, Article) for a in articles)  # a bad URL never costs the article
    assert [a.url for a in articles] == [None] * len(HOSTILE_URLS) + [u.strip() for u in GOOD_URLS]
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == len(HOSTILE_URLS)
    assert warnings[0].startswith(f"{corpus}:1 (article 's0'): url 'javascript:alert(document.domain)'")
    assert all("\n" not in w for w in warnings)


def test_sources_feed_link_that_is_not_http_is_dropped(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    feed = tmp_path / "bad.rss"
    feed.write_text(
        """<?xml version="1.0"?><rss version="2.0"><channel><title>Bad Feed</title>
<item><title>Hulu renews Glass Orchard</title><link>javascript:alert(document.domain)</link>
<pubDate>Tue, 05 Mar 2024 14:00:00 GMT</pubDate><description>Hulu has renewed Glass Orchard for a third season.</description></item>
</channel></rss>""",
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING, logger="showfacts.sources"):
        [article] = list(read_paths([feed]))
    assert isinstance(article, Article)
    assert article.url is None and not article.id.startswith("javascript")
    [warning] = caplog.records
    assert warning.getMessage().startswith(f"{feed}#1: url 'javascript:alert(document.domain)' is not an http or https URL")
    assert article.published == "2024-03-05" and article.published_source == "feed"


def test_sources_html_canonical_or_given_url_must_be_http(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="showfacts.sources"):
        given = article_from_html(PAGE.format(canonical="https://example.test/ok"), "crawl.warc@0", url="javascript:alert(1)")
    assert given.url is None and len(caplog.records) == 1
    good = article_from_html(PAGE.format(canonical="https://example.test/harbor"), "page.html")
    assert good.url == "https://example.test/harbor"


def test_sources_every_reader_says_where_its_date_came_from(tmp_path: Path) -> None:
    (tmp_path / "corpus.jsonl").write_text(
        json.dumps({"id": "dated", "text": "A\n\nText.", "published": "2024-03-05"})
        + "\n"
        + json.dumps({"id": "undated", "text": "B\n\nText.", "published": "not a date"})
        + "\n",
        encoding="utf-8",
    )
    (tmp_path / "plain.txt").write_text("Headline\n\nBody text without a date.", encoding="utf-8")
    (tmp_path / "page.html").write_text(PAGE.format(canonical="https://example.test/harbor"), encoding="utf-8")
    found = {a.id: a for a in read_paths([tmp_path]) if isinstance(a, Article)}
    assert (found["dated"].published, found["dated"].published_source) == ("2024-03-05", "jsonl")
    assert (found["undated"].published, found["undated"].published_source) == (None, None)  # undated stays undated
    assert (found["plain"].published, found["plain"].published_source) == (None, None)
    assert (found["page"].published, found["page"].published_source) == ("2024-03-05", "html")


def test_sources_warc_crawl_date_is_marked_as_such(tmp_path: Path) -> None:
    from showfacts.sources.warc import WarcPage

    undated_page = PAGE.replace('<meta property="article:published_time" content="2024-03-05">', "").format(canonical="https://e.test/x")
    page = WarcPage("crawl.warc@0", "https://e.test/x", "2024-06-01", undated_page.encode())
    article = page.load()
    assert (article.published, article.published_source) == ("2024-06-01", "warc")
    dated = WarcPage("crawl.warc@1", "https://e.test/y", "2024-06-01", PAGE.format(canonical="https://e.test/y").encode()).load()
    assert (dated.published, dated.published_source) == ("2024-03-05", "html")  # the page's own date wins over the crawl's


def test_sources_date_labels_never_invent_a_date() -> None:
    assert date_label(None) == "undated" and date_label("", "feed") == "undated"
    assert date_label("2024-05-02", "feed") == "2024-05-02 (feed date)"
    assert date_label("2024-05-02", "warc") == "2024-05-02 (crawl date)"
    assert date_label("2024-05-02") == "2024-05-02"


def test_sources_cli_warns_once_on_stderr_naming_the_record(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    record = {"id": "story-1", "text": "Hulu renews Glass Orchard\n\nHulu has renewed Glass Orchard.", "url": "javascript:alert(1)"}
    corpus.write_text(json.dumps(record) + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "showfacts", "extract", str(corpus), "--format", "jsonl", "--jobs", "1"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if "http or https" in line]
    assert lines == [
        f"{corpus}:1 (article 'story-1'): url 'javascript:alert(1)' is not an http or https URL; the article is kept without a URL"
    ]
    assert json.loads(done.stdout)["id"] == "story-1"
