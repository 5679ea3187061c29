"""Response and request models of the JSON API (what /openapi.json documents)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Open(BaseModel):
    """A record whose documented fields are listed; further fields may be added over time."""

    model_config = ConfigDict(extra="allow")


class Evidence(BaseModel):
    start: int
    end: int
    text: str | None = None


DATE_SOURCE = "Where the date came from: text, html (the page), feed, warc (the crawl), jsonl, cli (--published) or api; null when unknown."


class Source(Open):
    article_id: int
    title: str | None = None
    outlet: str | None = None
    published: str | None = Field(default=None, description="The article's publication date; null when it has none.")
    published_source: str | None = Field(default=None, description=DATE_SOURCE)
    reported: str | None = Field(
        default=None, description="The date this source reported the fact: its publication date, or null (undated)."
    )
    url: str | None = Field(default=None, description="The article's URL, only ever http or https.")
    confidence: float | None = Field(
        default=None, description="How sure extraction was of this article's statement (0-1); null if unknown."
    )
    evidence: Evidence


class FusedFact(Open):
    type: str
    key: str = Field(description="What makes two articles' facts one claim; pass it to /api/sources for every source.")
    sources: list[Source] = Field(description="The first articles (in reported order) that state the fact, with their evidence sentences.")
    source_count: int = Field(description="How many articles state the fact in all.")
    independent_sources: int = Field(description="Sources that are not near-duplicates of one another.")
    belief: float = Field(
        description="How sure the sources together make the fact, 0-1: 1 - prod(1 - c) over independent sources, each at its "
        "highest confidence (0.5 where extraction gave none); a syndicated copy adds nothing."
    )
    first_reported: str | None = Field(default=None, description="The earliest date a source reported it; null when no source is dated.")
    first_reported_source: str | None = Field(default=None, description=DATE_SOURCE)
    last_reported: str | None = None
    conflict: bool = Field(description="True when another source states something that cannot also be true.")


class Conflict(Open):
    about: str = Field(description="What the sides answer differently: release date, finale date, status, network of the decision, ...")
    season: int | None = None
    sides: list[FusedFact] = Field(description="The two answers, each with its sources; the sides come from different articles.")


class Alias(BaseModel):
    alias: str
    reason: str


class Work(BaseModel):
    id: int
    slug: str
    title: str
    kind: str
    aliases: list[str]
    networks: list[str]
    status: FusedFact | None
    status_timeline: list[FusedFact]
    releases: list[FusedFact]
    release_order: list[FusedFact]
    network_facts: list[FusedFact]
    cast: list[FusedFact]
    crew: list[FusedFact]
    related: list[FusedFact]
    quotes: list[FusedFact]
    conflicts: list[Conflict]
    why: list[Alias]


class WorkSummary(Open):
    id: int
    slug: str
    title: str
    facts: int


class WorkPage(BaseModel):
    items: list[WorkSummary]
    next_cursor: str | None


class Person(BaseModel):
    id: int
    slug: str
    name: str
    aliases: list[str]
    cast: list[FusedFact]
    crew: list[FusedFact]
    quotes: list[FusedFact]
    why: list[Alias]


class PersonSummary(BaseModel):
    id: int
    slug: str
    name: str


class SearchResult(BaseModel):
    works: list[WorkSummary]
    people: list[PersonSummary]
    quotes: list[FusedFact]
    next_cursor: str | None


class SourcePage(BaseModel):
    key: str
    type: str
    source_count: int
    items: list[Source]
    next_cursor: str | None


class ConflictItem(Conflict):
    work: dict[str, Any]


class ConflictPage(BaseModel):
    items: list[ConflictItem]
    next_cursor: str | None


class TimelineItem(Open):
    type: str
    work: str
    reported: str | None = Field(default=None, description="The article's publication date; null for an undated article (listed last).")
    published_source: str | None = Field(default=None, description=DATE_SOURCE)
    article_id: int
    article_title: str | None = None
    outlet: str | None = None
    evidence: Evidence


class TimelinePage(BaseModel):
    items: list[TimelineItem]
    next_cursor: str | None


class ArticleFact(Open):
    type: str
    evidence: Evidence


class ArticleOut(BaseModel):
    id: int
    source_id: str
    title: str | None
    url: str | None = Field(description="Only ever http or https; null otherwise.")
    outlet: str | None
    published: str | None = Field(description="The publication date; null for an undated article.")
    published_source: str | None = Field(default=None, description=DATE_SOURCE)
    authors: list[str]
    cited_sources: list[str]
    duplicate_of: int | None
    extractor_version: str
    text: str
    facts: list[ArticleFact]


class Stats(BaseModel):
    articles: int
    near_duplicates: int
    entities: dict[str, int]
    facts: int
    fused_facts: int
    conflicts: int
    within_article_contradictions: int = Field(
        default=0, description="Facts dropped because a more confident fact of the same article contradicted them (not conflicts)."
    )


class ArticleIn(BaseModel):
    """An article to ingest: its text (headline first) or an HTML page, and what is known about it."""

    text: str | None = Field(default=None, max_length=5_000_000, description="Plain text, headline on the first line.")
    html: str | None = Field(default=None, max_length=6_000_000, description="An HTML page; its main text is extracted.")
    url: str | None = Field(default=None, max_length=2000, description="The article's http or https URL (anything else answers 422).")
    title: str | None = Field(default=None, max_length=1000)
    published: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")
    outlet: str | None = Field(default=None, max_length=300)


class IngestOut(BaseModel):
    article_id: int
    outcome: str = Field(description="new, updated (same URL, new text) or unchanged")
    duplicate_of: int | None
    facts: list[ArticleFact]


class ErrorOut(BaseModel):
    detail: Any
