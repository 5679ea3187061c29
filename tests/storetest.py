"""Test helpers for the store: fixture articles (written for these tests) and database URLs."""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from showfacts.article import Article
from showfacts.facts import FACT_FIELDS, ArticleRecord, Evidence, Fact
from showfacts.store.db import Store

RENEWAL = Article(
    id="renewal",
    url="https://example.test/harbor-lights-renewed",
    published="2024-03-01",
    outlet="Screen Ledger",
    text=(
        "Netflix Renews 'Harbor Lights' for Season 2\n\n"
        "Netflix has renewed “Harbor Lights” for a second season, the streamer said on Friday. "
        "The drama stars Ava Lindqvist as Captain Mara Dunn.\n\n"
        "Dana Pike, the creator and showrunner of Harbor Lights, said the writers were already at work. "
        "“We always had a second chapter in mind,” Pike said."
    ),
)
SYNDICATED = Article(
    id="syndicated",
    url="https://mirror.test/story/77",
    published="2024-03-02",
    outlet="Mirror Site",
    text=RENEWAL.text + "\n\nThis story first appeared on Screen Ledger.",
)
SURNAME = Article(
    id="surname",
    url="https://example.test/pike-interview",
    published="2024-04-10",
    text=(
        "Pike Talks 'Harbor Lights' Future\n\n"
        "Pike said the second season of Harbor Lights would move the story to the northern coast. "
        "“We are heading north, and the weather will be a character,” Pike said. "
        "Theo Brandt has joined the cast of Harbor Lights as Jonah Reyes."
    ),
)
CANCELLED = Article(
    id="cancelled",
    url="https://example.test/harbor-lights-cancelled",
    published="2024-09-15",
    text=(
        "Netflix Cancels 'Harbor Lights'\n\n"
        "Netflix has cancelled “Harbor Lights” after two seasons, reversing its plan for the second season. "
        "The streamer did not give a reason."
    ),
)
DATE_A = Article(
    id="date-a", published="2024-05-01", text="Premiere set\n\n“Harbor Lights” season 2 will premiere on June 12, 2025, on Netflix."
)
DATE_B = Article(
    id="date-b", published="2024-05-03", text="Premiere moved?\n\n“Harbor Lights” season 2 will premiere on July 30, 2025, on Netflix."
)

ALL = [RENEWAL, SYNDICATED, SURNAME, CANCELLED, DATE_A, DATE_B]


def sqlite_url(tmp_path) -> str:
    return str(tmp_path / "kb.db")


@contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh PostgreSQL database for one test, dropped afterwards (skips when no server answers)."""
    import psycopg

    admin = os.environ.get("SHOWFACTS_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
    try:
        conn = psycopg.connect(admin, autocommit=True, connect_timeout=3)
    except Exception as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no PostgreSQL server at {admin}: {exc}")
    name = f"showfacts_test_{uuid.uuid4().hex[:10]}"
    conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.rsplit("/", 1)[0] + "/" + name
    finally:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.close()


# ---- records built by hand: what the store is given, whatever the extractor finds -------------


def span(text: str, needle: str) -> Evidence:
    """The evidence of a fact: the sentence of ``text`` containing ``needle``."""
    at = text.index(needle)
    start = max(text.rfind(". ", 0, at) + 2, text.rfind("\n", 0, at) + 1, 0)
    end = text.find(". ", at)
    return Evidence(start, len(text) if end < 0 else end + 1)


def fact(article: Article, needle: str, type: str, confidence: float | None = None, **values: Any) -> Fact:
    """A fact of ``type`` stated by the sentence of ``article`` that contains ``needle``."""
    fields = {name: values.get(name) for name in FACT_FIELDS[type]}
    return Fact.make(type, span(article.text, needle), confidence, **fields)


def record(article: Article, *facts: Fact, title: str | None = None) -> ArticleRecord:
    return ArticleRecord(
        id=article.id,
        title=title or article.text.split("\n", 1)[0],
        authors=list(article.authors),
        published=article.published,
        cited_sources=[],
        facts=list(facts),
    )


def renewal_facts(article: Article, season: int = 2) -> list[Fact]:
    return [
        fact(article, "has renewed", "status", 0.97, work="Harbor Lights", season=season, status="renewed", network="Netflix"),
        fact(article, "has renewed", "network", 0.99, work="Harbor Lights", network="Netflix"),
        fact(article, "stars Ava", "cast", 0.9, person="Ava Lindqvist", character="Captain Mara Dunn", work="Harbor Lights"),
        fact(article, "Dana Pike, the creator", "crew", 0.8, person="Dana Pike", role="creator", work="Harbor Lights"),
        fact(article, "Dana Pike, the creator", "crew", 0.8, person="Dana Pike", role="showrunner", work="Harbor Lights"),
        fact(article, "We always", "quote", None, speaker="Dana Pike", text="We always had a second chapter in mind,"),
    ]


RECORDS = {
    "renewal": lambda a=RENEWAL: record(a, *renewal_facts(a)),
    "syndicated": lambda a=SYNDICATED: record(a, *renewal_facts(a)),
    "surname": lambda a=SURNAME: record(
        a,
        fact(a, "Pike said the second", "crew", 0.7, person="Pike", role="showrunner", work="Harbor Lights"),
        fact(a, "We are heading", "quote", speaker="Pike", text="We are heading north, and the weather will be a character,"),
        fact(a, "Theo Brandt", "cast", 0.9, person="Theo Brandt", character="Jonah Reyes", work="Harbor Lights"),
    ),
    "cancelled": lambda a=CANCELLED: record(
        a, fact(a, "has cancelled", "status", 0.95, work="Harbor Lights", season=2, status="cancelled", network="Netflix")
    ),
    "date-a": lambda a=DATE_A: record(
        a, fact(a, "premiere", "release", 0.6, work="Harbor Lights", season=2, date="2025-06-12", network="Netflix")
    ),
    "date-b": lambda a=DATE_B: record(
        a, fact(a, "premiere", "release", 0.6, work="Harbor Lights", season=2, date="2025-07-30", network="Netflix")
    ),
}


def pair(article: Article) -> tuple[Article, ArticleRecord]:
    """A fixture article with its hand-built record (any article with the same id, e.g. a changed copy)."""
    if article.id == "renewal" and "third season" in article.text:
        return article, record(article, *renewal_facts(article, season=3))
    if article.id == "date-b" and "June 12" in article.text:
        facts = [fact(article, "premiere", "release", 0.6, work="Harbor Lights", season=2, date="2025-06-12", network="Netflix")]
        return article, record(article, *facts)
    return article, RECORDS[article.id](article)


# ---- a synthetic corpus of records, and the knowledge base as comparable data ------------------

_TITLES = ["Harbor Lights", "Glass Orchard", "Night Ferry", "Copper Valley", "Paper Moons", "Signal Fires", "Low Tide", "Iron Meadow"]
_PEOPLE = ["Dana Pike", "Ava Lindqvist", "Theo Brandt", "Priya Rao", "Owen Hart", "Lucia Wolfe", "Marcus Tanaka", "Ruth Okafor"]
_NETWORKS = ["Netflix", "HBO", "Hulu", "AMC"]


def synthetic(count: int, seed: int = 5, updates: bool = True) -> list[tuple[Article, ArticleRecord]]:
    """``count`` articles with hand-made facts: recurring works (spelled with and without "The" or an
    owner), people also named by surname alone, statuses and release dates that conflict or follow
    each other, a remake, undated articles, every 7th article a syndicated copy of an earlier one,
    and (with ``updates``) every 11th a new version (same URL, new text) of an earlier one."""
    import random

    rng = random.Random(seed)
    out: list[tuple[Article, ArticleRecord]] = []
    for i in range(count):
        if i and i % 7 == 0:
            base, base_record = out[rng.randrange(len(out))]
            copy = Article(
                id=f"s{i}",
                text=base.text + "\n\nFirst published elsewhere.",
                url=f"https://mirror.test/{i}",
                published=base.published,
                outlet="Mirror",
            )
            out.append((copy, record(copy, *base_record.facts)))
            continue
        if updates and i and i % 11 == 0:
            base, _ = out[rng.randrange(len(out))]
            if base.url and not base.url.startswith("https://mirror"):
                changed = Article(
                    id=base.id, text=base.text + f"\n\nUpdated {i}.", url=base.url, published=base.published, outlet=base.outlet
                )
                out.append((changed, _random_record(changed, rng)))
                continue
        if i in (5, 9):  # one title released 37 years apart: a remake
            remake = Article(
                id=f"a{i}", text=f"Remade Show\n\nRemade Show premieres in {1988 if i == 9 else 2025}. ", published="2024-02-02"
            )
            year = "1988-05-01" if i == 9 else "2025-05-01"
            out.append((remake, record(remake, fact(remake, "premieres", "release", 0.5, work="Remade Show", season=None, date=year))))
            continue
        title = rng.choice(_TITLES)
        spelled = rng.choice([title, f"The {title}", f"Marvel's {title}"])
        person = rng.choice(_PEOPLE)
        text = (
            f"News about {spelled} number {i}\n\n"
            f"{rng.choice(_NETWORKS)} made a decision about {spelled} today. "
            f"{person} spoke about {spelled} at length. "
            f"“It is a good day,” {person.split()[-1]} said. "
            f"{rng.choice(_PEOPLE)} joins the cast of {spelled}. "
        )
        published = None if rng.random() < 0.15 else f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        article = Article(
            id=f"a{i}",
            text=text,
            url=None if rng.random() < 0.2 else f"https://news.test/{i}",
            published=published,
            outlet=rng.choice(["Screen Notes", "The Tally", None]),
        )
        out.append((article, _random_record(article, rng, spelled, person)))
    return out


def _random_record(article: Article, rng: Any, spelled: str | None = None, person: str | None = None) -> ArticleRecord:
    spelled = spelled or rng.choice(_TITLES)
    person = person or rng.choice(_PEOPLE)
    needle = article.text.split("\n\n", 1)[1][:10]
    facts = [
        Fact.make(
            "status",
            span(article.text, needle),
            round(rng.random(), 3),
            work=spelled,
            season=rng.choice([1, 2, None]),
            status=rng.choice(["renewed", "cancelled", "ordered", "ending"]),
            network=rng.choice([*_NETWORKS, None]),
        ),
        Fact.make(
            "release",
            span(article.text, needle),
            None,
            work=spelled,
            season=rng.choice([1, 2]),
            date=rng.choice(["2025", "2025-06", "2025-06-12", "2025-07-30", "2040-01-01"]),
            network=None,
        ),
        Fact.make(
            "crew", span(article.text, needle), 0.5, person=rng.choice([person, person.split()[-1]]), role="showrunner", work=spelled
        ),
        Fact.make(
            "cast", span(article.text, needle), 0.9, person=rng.choice(_PEOPLE), character=rng.choice([None, "Mara Dunn"]), work=spelled
        ),
        Fact.make(
            "quote", span(article.text, needle), None, speaker=person.split()[-1], text=f"It is a good day number {rng.randint(1, 3)},"
        ),
        Fact.make("network", span(article.text, needle), 0.99, work=spelled, network=rng.choice(_NETWORKS)),
        Fact.make("related", span(article.text, needle), 0.4, work=spelled, related=rng.choice(_TITLES), relation="spinoff"),
        Fact.make(
            "release_order",
            span(article.text, needle),
            0.3,
            before={"work": rng.choice(_TITLES), "season": None},
            after={"work": spelled, "season": 2},
        ),
        Fact.make(
            "status", span(article.text, needle), 0.2, work="", season=None, status="renewed", network=None
        ),  # not mergeable: no work
    ]
    return record(article, *rng.sample(facts, rng.randint(3, len(facts))))


def write_records(path: Path, pairs: list[tuple[Article, ArticleRecord]]) -> Path:
    """Extracted-records JSONL (what ``showfacts extract -f jsonl`` and the Spark job give ``ingest``)."""
    with path.open("w", encoding="utf-8") as handle:
        for article, rec in pairs:
            data = {**rec.to_json(), "text": article.text, "url": article.url, "outlet": article.outlet, "published": article.published}
            handle.write(json.dumps(data, ensure_ascii=False) + "\n")
    return path


def dump(store: Store) -> dict[str, Any]:
    """The whole knowledge base as data that does not depend on row ids (two stores holding the same
    knowledge dump equal, whatever order or process wrote them)."""
    from sqlalchemy import select

    from showfacts.store.models import AliasRow, ArticleRow, ConflictRow, EntityRow, FactEntityRow, FactRow, FusedFactRow

    with store.session() as s:
        slug = dict(s.execute(select(EntityRow.id, EntityRow.slug)).tuples().all())
        identity = dict(s.execute(select(ArticleRow.id, ArticleRow.identity)).tuples().all())

        def key(text: str) -> str:
            return re.sub(r"#(\d+)", lambda m: "#" + slug[int(m.group(1))], text)

        def side(text: str) -> str:  # a conflict side: "<work id>/<season>|question|answer"
            work, rest = text.split("/", 1)
            return slug[int(work)] + "/" + key(rest)

        aliases: dict[int, list[tuple[str, str]]] = {}
        for a in s.scalars(select(AliasRow)):
            aliases.setdefault(a.entity_id, []).append((a.alias, a.reason))
        links: dict[int, list[tuple[str, str]]] = {}
        for link in s.scalars(select(FactEntityRow)):
            links.setdefault(link.fact_id, []).append((link.field, slug[link.entity_id]))
        return {
            "entities": sorted(
                (e.kind, e.slug, e.name, e.key, e.first_word or "", e.last_word or "", sorted(aliases.get(e.id, [])))
                for e in s.scalars(select(EntityRow))
            ),
            "articles": sorted(
                (
                    a.identity,
                    a.source_id,
                    a.content_hash,
                    a.title or "",
                    a.published or "",
                    a.published_source or "",
                    identity.get(a.duplicate_of, "") if a.duplicate_of else "",
                    a.extractor_version,
                    json.dumps(a.authors),
                    a.contradictions,
                )
                for a in s.scalars(select(ArticleRow))
            ),
            "facts": sorted(
                (
                    identity[f.article_id],
                    f.type,
                    json.dumps(f.value, sort_keys=True),
                    key(f.fact_key),
                    f.evidence_start,
                    f.evidence_end,
                    f.confidence if f.confidence is not None else -1.0,
                    sorted(links.get(f.id, [])),
                )
                for f in s.scalars(select(FactRow))
            ),
            "fused": sorted(
                (
                    key(f.fact_key),
                    f.type,
                    slug.get(f.work_id, "") if f.work_id else "",
                    f.season if f.season is not None else -1,
                    json.dumps(f.value, sort_keys=True),
                    f.source_count,
                    f.independent_sources,
                    f.first_reported or "",
                    f.last_reported or "",
                    round(f.belief, 6) if f.belief is not None else -1.0,
                    identity.get(f.origin, "") if f.origin and f.independent_sources == 1 else "",  # the one story (else any)
                )
                for f in s.scalars(select(FusedFactRow))
            ),
            "conflicts": sorted(
                (slug[c.work_id], c.season if c.season is not None else -1, c.about, *sorted((side(c.side_a), side(c.side_b))))
                for c in s.scalars(select(ConflictRow))
            ),
        }
