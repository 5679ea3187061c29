"""Write WARC files of HTML pages: the inputs of the scale tests and of ``benchmarks/bench_crawl.py``.

One gzip member per record, as Common Crawl writes them, so offsets are those of real crawls.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


@dataclass
class Response:
    """One HTTP response to archive: ``http`` is the whole message (status line, headers, body)."""

    url: str
    http: bytes
    date: datetime | None = None
    record_type: str = "response"

    @classmethod
    def page(cls, url: str, body: bytes | str, content_type: str = "text/html; charset=utf-8", date: datetime | None = None) -> Response:
        data = body.encode("utf-8") if isinstance(body, str) else body
        head = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(data)}\r\n\r\n".encode("ascii")
        return cls(url, head + data, date)


def html_page(
    title: str, paragraphs: Iterable[str], author: str | None = None, published: str | None = None, site: str = "Example News"
) -> str:
    """A small news page in the shape trafilatura reads: headline, byline, date, paragraphs."""
    from html import escape

    meta = [f'<meta property="og:site_name" content="{escape(site)}">']
    if author:
        meta.append(f'<meta name="author" content="{escape(author)}">')
    if published:
        meta.append(f'<meta property="article:published_time" content="{escape(published)}">')
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{escape(title)}</title>{"".join(meta)}</head>'
        f'<body><nav><a href="/">Home</a> <a href="/tv">TV</a></nav><article><h1>{escape(title)}</h1>\n{body}\n</article>'
        f"<footer>© {escape(site)}</footer></body></html>"
    )


def write_warc(path: Path, responses: Iterable[Response], gzip: bool | None = None) -> int:
    """Write the responses (each after a request record, as crawlers do); returns how many were written."""
    from fastwarc.stream_io import GzipWriter

    gzip = path.name.endswith(".gz") if gzip is None else gzip
    count = 0
    with open(path, "wb") as handle:
        for response in responses:
            for record in (_request(response), _record(response)):
                if gzip:
                    member = GzipWriter(handle, compression_level=3)
                    record.write(member)
                    member.finish()
                else:
                    record.write(handle)
            count += 1
    return count


def _record(response: Response):  # -> fastwarc WarcRecord
    from fastwarc.warc import WarcRecord, WarcRecordType

    record = WarcRecord()
    kind = WarcRecordType.response if response.record_type == "response" else WarcRecordType.metadata
    record.init_headers(kind, f"<urn:uuid:{uuid.uuid4()}>".encode())
    record.record_date = response.date or datetime(2024, 5, 2, 9, 30, tzinfo=UTC)
    record.headers.append("WARC-Target-URI", response.url)
    record.headers.append("Content-Type", "application/http; msgtype=response")
    record.set_bytes_content(response.http)
    return record


def _request(response: Response):
    from fastwarc.warc import WarcRecord, WarcRecordType

    record = WarcRecord()
    record.init_headers(WarcRecordType.request, f"<urn:uuid:{uuid.uuid4()}>".encode())
    record.record_date = response.date or datetime(2024, 5, 2, 9, 30, tzinfo=UTC)
    record.headers.append("WARC-Target-URI", response.url)
    record.headers.append("Content-Type", "application/http; msgtype=request")
    record.set_bytes_content(f"GET {response.url} HTTP/1.1\r\nUser-Agent: showfacts-test\r\n\r\n".encode())
    return record


# -- synthetic entertainment news, varied enough to exercise extraction and de-duplication ----------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_SHOWS = (
    "Harbor Lights",
    "Glass Orchard",
    "The Long Winter",
    "Night Ferry",
    "Copper Valley",
    "Saltwater Kings",
    "The Quiet Hour",
    "Paper Moons",
    "Iron Meadow",
    "The Ninth Door",
    "Low Tide",
    "Summer of Ash",
    "Blue Ridge Nights",
    "Signal Fires",
)
_NETWORKS = ("Netflix", "HBO", "Hulu", "AMC", "FX", "Apple TV+", "Prime Video", "Peacock", "Paramount+", "Starz", "Showtime", "BBC One")
_FIRST = _words(
    "Mara Leo Dana Ada Tomas Priya Owen Lucia Jonah Keiko Ruth Idris Nell Marcus Hana Felix Greta Ravi Sonia Bruno "
    "Elena Kofi Iris Nadia Hugo Talia Pavel Anya Declan Ines Malik Yara Soren Beatriz Caleb Noor Emil Fiona Dev "
    "Maren"
)
_LAST = _words(
    "Quinn Hart Pike Reyes Castellan Rao Bright Ferreira Wolfe Tanaka Okafor Lind Moss Adler Brennan Costa Duarte "
    "Eklund Farrow Galloway Hollis Ibarra Jansen Kowalski Larkin Mendez Novak Oyelaran Prescott Rourke Sandoval "
    "Thorne Ulloa Varga Whitlock Yilmaz Zeller Ashby Delacroix Fenwick"
)
# New titles are coined from these (head + tail, sometimes a third word): tens of thousands of distinct works.
_TITLE_HEAD = _words(
    "Harbor Glass Winter Night Copper Saltwater Quiet Paper Iron Hollow Silver Broken Northern Velvet Crimson "
    "Distant Burning Silent Golden Wild Hidden Last Cold Bitter Electric Lonely Stolen Sunken Frozen Scarlet "
    "Wandering Ashen Restless Empty Tangled Crooked Midnight Amber Sleeping Shattered"
)
_TITLE_TAIL = _words(
    "Lights Orchard Ferry Valley Kings Hour Moons Meadow Door Tide Ridge Fires Station Harvest Coast Letters Saints "
    "Engines Gardens Signals Crossing Mountain Bridge Empire Island Circus Garden River Lantern Kingdom Machine "
    "Frontier Hotel Sisters Brothers Witness Verdict Archive Compass Tower"
)
_TITLE_THIRD = (
    "",
    *_words("Nights Days Blues Rising Falling Club Files Society Road Line Story Diaries Affair Legacy Protocol Chronicles"),
    *_words("Project Academy Saga Reunion"),
)
_SITES = ("Screen Notes", "The Tally", "Cue Sheet", "Backlot Daily", "Pilot Season", "Reel Ledger")
_TEMPLATES = (
    (
        "{network} Renews '{show}' for Season {season}",
        [
            "{network} has renewed the drama {show} for a season {season}, the streamer announced on {day}.",
            "{person} will return as showrunner, and {actor} is back in the lead role of {character}.",
            "\u201cWe have so much more story to tell,\u201d {person} said in a statement. Production begins in {city} later this year.",
        ],
    ),
    (
        "'{show}' Cancelled at {network} After {season} Seasons",
        [
            "{network} has cancelled {show} after {season} seasons, according to Deadline.",
            "The series, created by {person}, starred {actor} as {character}. Its final episodes air this {season_name}.",
            "Fans of the show had campaigned for another season, but the numbers were not there, a source told us.",
        ],
    ),
    (
        "{network} Orders '{show}' From {person}",
        [
            "{network} has given a series order to {show}, a thriller from {person}, who will serve as executive producer.",
            "{actor} has been cast as {character}, a detective who returns home to {city} after twenty years away.",
            "Filming is expected to start in {city} in the {season_name}, with a premiere planned for next year.",
        ],
    ),
    (
        "'{show}' Season {season} Sets {month} Premiere on {network}",
        [
            "The {season}th season of {show} will premiere on {network} in {month}, the network said on {day}.",
            "{actor} returns as {character}, joined by newcomer {actor2}. {person} directed the first two episodes.",
            "The previous season was the most watched series on {network} last year, with strong reviews across the board.",
        ],
    ),
)
# Background: what fills most of a real story around its news (the earlier seasons, the cast, the reception,
# quotes). Real pages run to thousands of characters; a stream of three-paragraph stories would make
# extraction look cheap and writing look expensive.
_BACKGROUND = (
    "The first season followed {character}, a {job} in {city}, and drew {n} million viewers in its first month.",
    "Critics were divided on the last run, though {actor}'s performance as {character} was widely praised.",
    "{network} does not release viewing figures, but the show ranked number {rank} on its top ten list in the week it debuted.",
    "The series is produced by {company}, with {person2} and {person3} among its executive producers.",
    "Production on the previous run was halted for {n} weeks after a {problem} at the {city} studio.",
    "{actor2} is also known for roles in {other} and {other2}, and recently wrapped a feature shot in {city}.",
    "Asked about the ending, {person2} told reporters that the writers had planned the final scene from the start.",
    "The soundtrack, composed by {person3}, spent {n} weeks near the top of the streaming charts.",
    "Fans have spent months guessing the fate of {character}, whose story ended on a cliffhanger.",
    "{network} has been expanding its slate of {genre} series, with {n} new titles announced this {season_name}.",
    "The cast also includes {actor3} and {actor4}, who joined in the second season as a pair of rival {job}s.",
    "Reviews of the premiere were {mood}, with particular praise for the photography and the score.",
    "\u201cIt is the hardest thing I have ever done,\u201d {actor} said of the role in an interview earlier this year.",
    "Episodes were filmed over {n} months in and around {city}, largely on location.",
    "The {genre} genre has had a strong year, and {other} and {other2} both found large audiences.",
)
_JOBS = ("detective", "nurse", "lawyer", "teacher", "pilot", "chef", "reporter", "surgeon", "mechanic", "priest")
_PROBLEMS = ("fire", "flood", "power failure", "strike", "storm", "cast illness")
_GENRES = ("crime", "comedy", "fantasy", "period", "science fiction", "medical", "legal", "horror")
_MOODS = ("warm", "mixed", "glowing", "lukewarm", "enthusiastic", "cautious")
_COMPANIES = ("Northlight Pictures", "Tallow Street", "Eastgate Studios", "Red Kite Media", "Saltmarsh Films")
_CITIES = ("Vancouver", "Atlanta", "Belfast", "Toronto", "Budapest", "Albuquerque", "Glasgow", "Prague")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
_MONTHS = ("January", "March", "April", "June", "September", "October", "November")
_SEASONS = ("spring", "summer", "fall", "winter")


@dataclass
class SampleArticle:
    url: str
    title: str
    paragraphs: list[str]
    author: str
    published: str
    site: str

    def html(self) -> str:
        return html_page(self.title, self.paragraphs, self.author, self.published, self.site)


class _Works:
    """The works a synthetic news stream names, as real news names them: a few long-running hits (one story in
    ten), a steady supply of new titles (one in four) and, most often, a recent title coming back. So most works
    are named in a handful of stories and the hits in thousands, however long the stream."""

    HITS, NEW, RECENT = 0.10, 0.25, 2000

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.coined = [f"{h} {t} {x}".strip() for h in _TITLE_HEAD for t in _TITLE_TAIL for x in _TITLE_THIRD]
        rng.shuffle(self.coined)
        self.seen: list[str] = []

    def next(self) -> str:
        roll = self.rng.random()
        if roll < self.HITS:
            return self.rng.choice(_SHOWS)
        if roll < self.HITS + self.NEW or not self.seen:
            n = len(self.seen)
            title = self.coined[n % len(self.coined)] + (f" {n // len(self.coined) + 1}" if n >= len(self.coined) else "")
            self.seen.append(title)
            return title
        return self.rng.choice(self.seen[-self.RECENT :])

    def mentioned(self) -> str:
        """A work named in passing ("in other news"): a hit or a recent title."""
        pool = self.seen[-self.RECENT :]
        return self.rng.choice(pool) if pool and self.rng.random() > self.HITS else self.rng.choice(_SHOWS)


CORPUS_VERSION = 3
"""Bumped whenever ``sample_articles`` yields other stories for the same seed (3: background
sentences around the news), so caches of extracted stories (benchmarks/) are not reused across."""


def sample_articles(count: int, seed: int = 7, syndicated_every: int = 0) -> Iterable[SampleArticle]:
    """``count`` varied news articles (names, shows, networks, templates). With ``syndicated_every`` = k,
    every k-th article repeats an earlier story on another site (a syndicated copy, for de-duplication)."""
    rng = random.Random(seed)
    works = _Works(rng)
    stories: list[SampleArticle] = []

    def person() -> str:
        return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"

    for i in range(count):
        if syndicated_every and stories and i % syndicated_every == 0:
            base = rng.choice(stories)
            site = rng.choice([s for s in _SITES if s != base.site])
            yield SampleArticle(
                f"https://{_slug(site)}.example/{i}/{_slug(base.title)}",
                base.title,
                list(base.paragraphs),
                base.author,
                base.published,
                site,
            )
            continue
        title_t, paras_t = _TEMPLATES[i % len(_TEMPLATES)]
        values = {
            "show": works.next(),
            "network": rng.choice(_NETWORKS),
            "season": rng.randint(2, 9),
            "person": person(),
            "actor": person(),
            "actor2": person(),
            "character": person(),
            "city": rng.choice(_CITIES),
            "day": rng.choice(_DAYS),
            "month": rng.choice(_MONTHS),
            "season_name": rng.choice(_SEASONS),
        }
        paragraphs = [p.format(**values) for p in paras_t]
        background = {
            **values, "actor3": person(), "actor4": person(), "person2": person(), "person3": person(),
            "other": works.mentioned(), "other2": works.mentioned(), "n": rng.randint(2, 12), "rank": rng.randint(1, 10),
            "job": rng.choice(_JOBS), "problem": rng.choice(_PROBLEMS), "genre": rng.choice(_GENRES),
            "mood": rng.choice(_MOODS), "company": rng.choice(_COMPANIES),
        }  # fmt: skip
        said = [t.format(**background) for t in rng.sample(_BACKGROUND, rng.randint(8, 13))]
        paragraphs[2:2] = [" ".join(said[k : k + 2]) for k in range(0, len(said), 2)]
        paragraphs += [
            f"In other news from the week, {person()} joined the cast of {works.mentioned()} on {rng.choice(_NETWORKS)}, story number {i}-{k}."
            for k in range(rng.randint(0, 3))
        ]
        site = rng.choice(_SITES)
        article = SampleArticle(
            url=f"https://{_slug(site)}.example/{2024}/{i}/{_slug(values['show'])}",
            title=title_t.format(**values),
            paragraphs=paragraphs,
            author=person(),
            published=f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            site=site,
        )
        stories.append(article)
        if len(stories) > 200:
            stories.pop(0)
        yield article


def sample_warc(path: Path, count: int, seed: int = 7, syndicated_every: int = 0) -> int:
    """Write a WARC of ``count`` sample article pages (each with its request record)."""
    return write_warc(path, (Response.page(a.url, a.html()) for a in sample_articles(count, seed, syndicated_every)))


def _slug(text: str) -> str:
    return "-".join("".join(c.lower() if c.isalnum() else " " for c in text).split())
