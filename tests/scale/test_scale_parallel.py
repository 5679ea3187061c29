"""extract_stream on worker processes: same records, same order, bad inputs in place, for every input kind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from showfacts.cli import app
from showfacts.errors import InputError
from showfacts.scale import parallel
from showfacts.scale.parallel import extract_stream, read_items
from showfacts.scale.warcgen import Response, sample_articles, write_warc
from showfacts.sources.feed import FeedEntry
from showfacts.sources.warc import WarcPage

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Reel Ledger</title>
<item><title>Starz cancels 'Iron Meadow'</title><link>https://reel.example/iron-meadow</link>
<pubDate>Fri, 10 May 2024 10:00:00 GMT</pubDate>
<description>Starz has cancelled Iron Meadow after two seasons, the network confirmed.</description></item>
</channel></rss>"""


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    """40 pages, with a broken record at position 10 and an image at 20."""
    responses = [Response.page(a.url, a.html()) for a in sample_articles(40, seed=3)]
    responses.insert(10, Response("https://x.example/broken", b"NOT HTTP AT ALL\r\n\r\n<html></html>"))
    responses.insert(20, Response.page("https://x.example/logo.png", b"\x89PNG\r\n", "image/png"))
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, responses)
    return path


def summary(results: list) -> list[tuple[str, str]]:
    return [("error", r.origin) if isinstance(r, InputError) else (r[0].id, json.dumps(r[1].to_json(), sort_keys=True)) for r in results]


def test_scale_parallel_two_jobs_match_one_job_in_order(crawl: Path) -> None:
    one = summary(list(extract_stream([crawl], jobs=1)))
    two = summary(list(extract_stream([crawl], jobs=2)))
    assert len(one) == 41 and one[10][0] == "error"
    assert two == one


def test_scale_parallel_spawned_workers_give_the_same_records(crawl: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOWFACTS_MP_START", "spawn")
    assert summary(list(extract_stream([crawl], jobs=2))) == summary(list(extract_stream([crawl], jobs=1)))


def test_scale_parallel_reading_leaves_html_extraction_to_workers(crawl: Path, tmp_path: Path) -> None:
    feed = tmp_path / "ledger.rss"
    feed.write_text(FEED)
    kinds = {type(i) for i in read_items([crawl, feed])}
    assert kinds == {WarcPage, FeedEntry, InputError}


def test_scale_parallel_mixed_inputs_keep_errors_in_place(crawl: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "SERIAL_BELOW", 2)
    monkeypatch.setattr(parallel, "CHUNK", 2)
    feed = tmp_path / "ledger.rss"
    feed.write_text(FEED)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "a1", "text": "FX renews \'Low Tide\'.\\n\\nFX has renewed Low Tide."}\nnot json\n')
    bad_feed = tmp_path / "bad.xml"
    bad_feed.write_text("{ not xml")
    paths = [corpus, feed, tmp_path / "missing.txt", bad_feed]
    results = list(extract_stream(paths, jobs=2, published="2024-01-01"))
    assert [r.origin if isinstance(r, InputError) else r[0].id for r in results] == [
        "a1",
        f"{corpus}:2",
        "https://reel.example/iron-meadow",
        str(tmp_path / "missing.txt"),
        str(bad_feed),
    ]
    assert results[0][0].published == "2024-01-01"  # filled in where the input has none
    assert results[2][0].published == "2024-05-10"  # kept where it has one


def test_scale_parallel_cli_jobs_writes_jsonl_and_reports_bad_records(crawl: Path, tmp_path: Path) -> None:
    out = tmp_path / "facts.jsonl"
    result = CliRunner().invoke(app, ["extract", str(crawl), "--jobs", "2", "-f", "jsonl", "-o", str(out)])
    assert result.exit_code == 1
    lines = out.read_text().splitlines()
    assert len(lines) == 40
    assert {"id", "title", "authors", "published", "cited_sources", "facts"} <= set(json.loads(lines[0]))
    assert "broken HTTP header" in result.output and result.output.count("showfacts:") == 1


def test_scale_synthetic_news_names_works_as_real_news_does():
    """The benchmark corpus: a few hits named often, most works a handful of times, and every
    title a name (no story-numbered titles, which extraction would read as a season or cut)."""
    from collections import Counter

    from showfacts.scale.warcgen import _SHOWS

    stories = list(sample_articles(3000, seed=5))
    named = Counter(a.url.rsplit("/", 1)[1] for a in stories)
    hits = {slug for slug, _ in named.most_common(len(_SHOWS))}
    assert len(named) > 600  # many works
    assert sum(named[h] for h in hits) > 200  # the hits come back again and again
    assert sorted(named.values())[len(named) // 2] <= 5  # the typical work: a handful of stories
    assert not any(slug.rsplit("-", 1)[-1].isdigit() for slug in named)
    assert [a.title for a in sample_articles(50, seed=5)] == [a.title for a in stories[:50]]  # deterministic


def test_scale_synthetic_news_is_as_long_as_a_real_page():
    """Stories carry background around their news (a real page's first 2,000 characters are
    mostly that), so the benchmark weighs extraction against writing as a crawl would."""
    from statistics import mean

    stories = list(sample_articles(400, seed=5))
    lengths = [len(" ".join(a.paragraphs)) for a in stories]
    assert 1200 <= mean(lengths) <= 2500
    assert min(lengths) >= 900
    news = [a.paragraphs[0] for a in stories[:40]]
    assert len(set(news)) == len(news)  # the news paragraph still leads, and differs story to story
