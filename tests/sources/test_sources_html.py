"""HTML pages through trafilatura: main text in, navigation and footer out, metadata kept."""

from __future__ import annotations

from pathlib import Path

from factcheck import has
from showfacts.errors import InputError
from showfacts.extract import extract
from showfacts.sources import read_paths
from showfacts.sources.html import article_from_html

PAGE = Path(__file__).parent / "pages" / "trade_story.html"


def test_html_page_gives_text_and_metadata():
    (article,) = list(read_paths([PAGE]))
    assert not isinstance(article, InputError)
    assert article.title == "Netflix Orders Third Season of 'Glass Orchard'"
    assert article.authors == ["Marisol Vega"]
    assert article.published == "2024-09-18"
    assert article.outlet == "Screen Ledger"
    assert "renewed “Glass Orchard” for a third season" in article.text
    assert "Subscribe to our newsletter" not in article.text
    assert "All rights reserved" not in article.text


def test_html_article_extracts_facts():
    (article,) = list(read_paths([PAGE]))
    record = extract(article)
    assert record.authors == ["Marisol Vega"]
    assert has(record, "status", work="Glass Orchard", season=3, status="renewed", network="Netflix")
    assert has(record, "cast", person="Ava Lindqvist", character="Detective Rue Hallam", work="Glass Orchard")
    assert has(record, "crew", person="Dana Pike", role="showrunner", work="Glass Orchard")
    assert has(record, "quote", speaker="Dana Pike", text="We always planned for a third chapter, and now we get to tell it,")


def test_page_without_article_text_is_an_input_error():
    try:
        article_from_html("<html><body><nav>Home</nav></body></html>", "empty.html")
    except InputError as err:
        assert "empty.html" in str(err) and "no article text" in str(err)
    else:
        raise AssertionError("expected an InputError")
