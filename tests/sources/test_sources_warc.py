"""WARC archives: HTML responses become articles, other records are skipped and counted, bad records reported once."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime
from pathlib import Path

import pytest

from showfacts.article import Article
from showfacts.errors import InputError
from showfacts.limits import MAX_FILE_BYTES
from showfacts.scale.warcgen import Response, html_page, sample_warc, write_warc
from showfacts.sources import read_paths
from showfacts.sources.warc import WarcCounts, decode_html, read_pages

RENEWAL = html_page(
    "AMC renews 'Copper Valley' for season four",
    [
        "AMC has renewed the western Copper Valley for a fourth season, the network said on Thursday.",
        "Ruth Okafor, who created the series, stays on as showrunner, and Idris Moss returns as the sheriff Jonah Lind.",
        "The new season starts filming in Albuquerque in the autumn.",
    ],
    author="Nell Ferreira",
    published="2024-02-15",
    site="Backlot Daily",
)
NO_DATE = html_page(
    "'The Quiet Hour' moves to Hulu", ["Hulu has picked up The Quiet Hour after FX passed on a second season of the drama."]
)
CRAWLED = datetime(2024, 6, 9, 12, 0, tzinfo=UTC)


def archive(tmp_path: Path, responses: list[Response], name: str = "crawl.warc.gz") -> Path:
    path = tmp_path / name
    write_warc(path, responses)
    return path


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_sources_warc_html_responses_become_articles(tmp_path: Path, name: str) -> None:
    path = archive(
        tmp_path,
        [Response.page("https://backlot.example/copper-valley", RENEWAL), Response.page("https://x.example/q", NO_DATE, date=CRAWLED)],
        name,
    )
    first, second = read_paths([path])
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.id == first.url == "https://backlot.example/copper-valley"
    assert first.title == "AMC renews 'Copper Valley' for season four"
    assert "Ruth Okafor, who created the series" in first.text
    assert first.published == "2024-02-15"  # the page's own date
    assert first.authors == ["Nell Ferreira"] and first.outlet == "Backlot Daily"
    assert first.origin.startswith(f"{path}@")
    assert second.published == "2024-06-09"  # no date in the page: the record's WARC-Date


def test_sources_warc_skips_and_counts_records_that_are_not_html_pages(tmp_path: Path) -> None:
    path = archive(
        tmp_path,
        [
            Response.page("https://x.example/poster.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
            Response.page("https://x.example/a", RENEWAL),
            Response("https://x.example/moved", b"HTTP/1.1 301 Moved\r\nLocation: /b\r\n\r\n"),
            Response("https://x.example/meta", b"some crawl metadata", record_type="metadata"),
        ],
    )
    counts = WarcCounts()
    items = list(read_pages(path, counts))
    assert [i.url for i in items] == ["https://x.example/a"]
    assert counts.pages == 1 and counts.rejected == 0
    assert counts.skipped_types == {"request": 4, "image/png": 1, "http-301": 1, "metadata": 1}


def test_sources_warc_broken_http_header_is_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    path = archive(
        tmp_path,
        [
            Response("https://x.example/broken", b"THIS IS NOT HTTP\r\n\r\n<html><body>x</body></html>"),
            Response.page("https://x.example/a", RENEWAL),
        ],
    )
    bad, good = read_paths([path])
    assert isinstance(bad, InputError) and isinstance(good, Article)
    assert bad.origin.startswith(f"{path}@") and int(bad.origin.rsplit("@", 1)[1]) > 0
    assert "broken HTTP header" in bad.problem


def test_sources_warc_html_that_is_not_html_is_reported(tmp_path: Path) -> None:
    path = archive(
        tmp_path,
        [
            Response.page("https://x.example/fake", b"\x00\x01\x02\x03 binary bytes", "text/html"),
            Response.page("https://x.example/a", RENEWAL),
        ],
    )
    bad, good = read_paths([path])
    assert isinstance(bad, InputError) and bad.problem == "record says HTML but the body is not HTML"
    assert isinstance(good, Article)


def test_sources_warc_truncated_gzip_reports_once_and_keeps_earlier_records(tmp_path: Path) -> None:
    path = archive(tmp_path, [Response.page(f"https://x.example/{i}", RENEWAL) for i in range(3)])
    data = path.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 300])
    items = list(read_paths([cut, path]))
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == 1 and errors[0].origin.startswith(f"{cut}@")
    assert errors[0].problem.startswith("record truncated")
    assert sum(isinstance(i, Article) for i in items) == 2 + 3


def test_sources_warc_corrupt_gzip_stops_that_file_with_one_error(tmp_path: Path) -> None:
    path = archive(tmp_path, [Response.page(f"https://x.example/{i}", RENEWAL) for i in range(3)])
    data = path.read_bytes()
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(data[:900] + b"\xff" * 64 + data[900:])
    items = list(read_paths([bad]))
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == 1 and errors[0].problem.endswith("rest of file skipped")
    assert [i.url for i in items if isinstance(i, Article)] == ["https://x.example/0"]


def test_sources_warc_not_a_warc_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("just some notes, not an archive\n" * 20)
    (item,) = read_paths([path])
    assert isinstance(item, InputError) and item.origin == f"{path}@0"


def test_sources_warc_oversized_record_is_reported_without_reading_it(tmp_path: Path) -> None:
    big = b"<html><body><p>" + b"word " * (MAX_FILE_BYTES // 5 + 10) + b"</p></body></html>"
    path = archive(tmp_path, [Response.page("https://x.example/huge", big), Response.page("https://x.example/a", RENEWAL)], "big.warc")
    counts = WarcCounts()
    bad, good = read_pages(path, counts)
    assert isinstance(bad, InputError) and "over the" in bad.problem and "limit" in bad.problem
    assert good.url == "https://x.example/a" and counts.rejected == 1


def test_sources_warc_pages_are_raw_bytes_that_pickle(tmp_path: Path) -> None:
    path = tmp_path / "s.warc.gz"
    sample_warc(path, 5)
    pages = list(read_pages(path))
    assert len(pages) == 5 and all(isinstance(p.payload, bytes) for p in pages)
    again = pickle.loads(pickle.dumps(pages[2]))
    assert again.load().text == pages[2].load().text


def test_sources_warc_decode_uses_meta_charset() -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body>Beyoncé</body></html>'.encode("latin-1")
    assert "Beyoncé" in decode_html(page, None)
    assert "Beyoncé" in decode_html(page.replace(b"iso-8859-1", b"no-such-codec"), "latin-1")
