"""RSS and Atom feeds: one article per entry, full HTML through trafilatura, summary otherwise, bad feeds reported."""

from __future__ import annotations

from pathlib import Path

from showfacts.article import Article
from showfacts.errors import InputError
from showfacts.sources import read_paths
from showfacts.sources.feed import read_entries, strip_tags

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Screen Notes</title><link>https://screen.example</link><description>TV news</description>
<item>
  <title>Netflix renews 'Harbor Lights' for a third season</title>
  <link>https://screen.example/harbor-lights-renewed</link>
  <dc:creator>Mara Quinn</dc:creator>
  <pubDate>Tue, 05 Mar 2024 14:00:00 GMT</pubDate>
  <description>A short teaser that should not be used.</description>
  <content:encoded><![CDATA[<div class="post"><p>Netflix has renewed the coastal drama Harbor Lights for a third season,
  the streamer confirmed on Tuesday after a strong run in its first week.</p>
  <p>Showrunner Dana Pike said the writers' room opens in April, and production is due to start in Vancouver in the summer
  with the whole ensemble returning.</p><script>track()</script></div>]]></content:encoded>
</item>
<item>
  <title>HBO orders 'Glass Orchard' pilot</title>
  <link>https://screen.example/glass-orchard-pilot</link>
  <author>desk@screen.example (Leo Hart)</author>
  <pubDate>Wed, 06 Mar 2024 09:00:00 GMT</pubDate>
  <description>&lt;p&gt;HBO has ordered a pilot for &lt;b&gt;Glass Orchard&lt;/b&gt;, a rural thriller from Ada Reyes.&lt;/p&gt;</description>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Cue Sheet</title>
  <id>urn:cue-sheet</id><updated>2024-04-02T08:00:00Z</updated>
  <entry>
    <title>'Night Ferry' wraps filming in Belfast</title>
    <link href="https://cue.example/night-ferry-wraps"/>
    <id>urn:cue:1</id>
    <published>2024-04-01T18:30:00Z</published><updated>2024-04-02T08:00:00Z</updated>
    <author><name>Priya Rao</name></author>
    <author><name>Owen Bright</name></author>
    <summary>Cameras stopped rolling on the second season of Night Ferry this week, the BBC said.</summary>
  </entry>
</feed>
"""


def write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_sources_feed_rss_entry_with_full_html_uses_the_page_text(tmp_path: Path) -> None:
    items = list(read_paths([write(tmp_path, "screen.rss", RSS)]))
    assert all(isinstance(i, Article) for i in items)
    first, second = items
    assert first.id == first.url == "https://screen.example/harbor-lights-renewed"
    assert first.title == "Netflix renews 'Harbor Lights' for a third season"
    assert first.text.startswith(first.title + "\n\n")
    assert "writers' room opens in April" in first.text
    assert "teaser" not in first.text and "track()" not in first.text
    assert first.authors == ["Mara Quinn"]
    assert first.published == "2024-03-05"
    assert first.outlet == "Screen Notes"
    assert first.origin.endswith("screen.rss#1")
    assert second.text == "HBO orders 'Glass Orchard' pilot\n\nHBO has ordered a pilot for Glass Orchard, a rural thriller from Ada Reyes."
    assert second.authors == ["Leo Hart"]


def test_sources_feed_atom_uses_summary_and_every_author(tmp_path: Path) -> None:
    (article,) = read_paths([write(tmp_path, "cue.atom", ATOM)])
    assert isinstance(article, Article)
    assert article.url == "https://cue.example/night-ferry-wraps"
    assert article.authors == ["Priya Rao", "Owen Bright"]
    assert article.published == "2024-04-01"
    assert article.text.endswith("Cameras stopped rolling on the second season of Night Ferry this week, the BBC said.")


def test_sources_feed_not_xml_is_reported_once(tmp_path: Path) -> None:
    bad = write(tmp_path, "broken.xml", "this is { not a feed, nor XML at all")
    items = list(read_paths([bad, write(tmp_path, "cue.atom", ATOM)]))
    assert [type(i) for i in items] == [InputError, Article]
    assert items[0].origin == str(bad) and "not an RSS or Atom feed" in items[0].problem


def test_sources_feed_without_entries_is_reported(tmp_path: Path) -> None:
    (item,) = read_paths([write(tmp_path, "empty.xml", "<rss version='2.0'><channel><title>x</title></channel></rss>")])
    assert isinstance(item, InputError) and item.problem == "feed has no entries"


def test_sources_feed_entries_are_pending_until_loaded(tmp_path: Path) -> None:
    import pickle

    entries = list(read_entries(write(tmp_path, "screen.rss", RSS)))
    assert entries[0].html and "Harbor Lights" in entries[0].html
    copy = pickle.loads(pickle.dumps(entries[0]))
    assert copy.load().text == entries[0].load().text


def test_sources_feed_strip_tags_keeps_paragraphs() -> None:
    assert strip_tags("<p>One &amp; two</p><style>p{}</style><p>three <i>four</i></p>") == "One & two\nthree four"
