"""The schema: articles, entities and their aliases, facts and the entities each names."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    """One article as ingested: its text, metadata, content hash and MinHash signature."""

    __tablename__ = "articles"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[str] = mapped_column(String(500))
    identity: Mapped[str] = mapped_column(String(2100), unique=True)  # the URL, else "sha256:" + content hash
    url: Mapped[str | None] = mapped_column(String(2000))
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(300))
    published: Mapped[str | None] = mapped_column(String(10), index=True)
    published_source: Mapped[str | None] = mapped_column(String(20))  # where the date came from (showfacts.sources.provenance)
    authors: Mapped[list[str]] = mapped_column(JSON, default=list)
    cited_sources: Mapped[list[str]] = mapped_column(JSON, default=list)
    text: Mapped[str] = mapped_column(Text)
    minhash: Mapped[list[int]] = mapped_column(JSON, default=list)
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"), index=True)
    extractor_version: Mapped[str] = mapped_column(String(20))
    ingested_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    # facts this article stated and contradicted itself on, dropped for a more confident one (merge.fuse.within_article)
    contradictions: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    facts: Mapped[list[FactRow]] = relationship(back_populates="article", cascade="all, delete-orphan", passive_deletes=True)


class BandRow(Base):
    """One LSH band of an article's signature: articles sharing a band are near-duplicate candidates."""

    __tablename__ = "article_bands"
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    band: Mapped[int] = mapped_column(Integer, primary_key=True)
    hash: Mapped[str] = mapped_column(String(40))
    __table_args__ = (Index("ix_article_bands_band_hash", "band", "hash"),)


class EntityRow(Base):
    """A work, person, character, network or outlet: one per (kind, key) unless a remake splits a title."""

    __tablename__ = "entities"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(500))
    key: Mapped[str] = mapped_column(String(500))
    slug: Mapped[str] = mapped_column(String(520), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # a person's folded first and last word (full names only): what a one-word mention is looked up by
    first_word: Mapped[str | None] = mapped_column(String(200), index=True)
    last_word: Mapped[str | None] = mapped_column(String(200), index=True)
    aliases: Mapped[list[AliasRow]] = relationship(back_populates="entity", cascade="all, delete-orphan")
    __table_args__ = (Index("ix_entities_kind_key", "kind", "key"),)


class AliasRow(Base):
    """A surface form that names an entity, and why it was linked (every merge decision is explainable)."""

    __tablename__ = "aliases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(500))
    key: Mapped[str] = mapped_column(String(500), index=True)
    reason: Mapped[str] = mapped_column(Text)
    entity: Mapped[EntityRow] = relationship(back_populates="aliases")
    __table_args__ = (UniqueConstraint("entity_id", "alias", name="uq_alias_entity_alias"),)


class FactRow(Base):
    """One fact one article states, with its evidence span and the extractor version that found it."""

    __tablename__ = "facts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(20), index=True)
    value: Mapped[dict[str, Any]] = mapped_column(JSON)
    fact_key: Mapped[str] = mapped_column(String(1000), index=True)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    confidence: Mapped[float | None] = mapped_column(Float)  # how sure extraction was, as this article reported it
    extractor_version: Mapped[str] = mapped_column(String(20))
    article: Mapped[ArticleRow] = relationship(back_populates="facts")
    links: Mapped[list[FactEntityRow]] = relationship(cascade="all, delete-orphan", passive_deletes=True)


class FactEntityRow(Base):
    """Which entity a fact names in which field (work, person, network, related, character, speaker, before, after)."""

    __tablename__ = "fact_entities"
    fact_id: Mapped[int] = mapped_column(ForeignKey("facts.id", ondelete="CASCADE"), primary_key=True)
    field: Mapped[str] = mapped_column(String(20), primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)


class FusedFactRow(Base):
    """One claim with all its sources counted: the facts sharing a ``fact_key``, kept up to date by
    ingest for the keys each batch touches. ``value`` is the first source's values; ``work_id`` and
    ``season`` place status and release facts in the scope where they can conflict; ``belief`` is
    the sources' noisy-OR (merge.fuse.belief); ``origin`` one of its stories (the only one when
    ``independent_sources`` is 1), what tells whether two answers come from independent articles."""

    __tablename__ = "fused_facts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fact_key: Mapped[str] = mapped_column(String(1000), unique=True)
    type: Mapped[str] = mapped_column(String(20))
    work_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    season: Mapped[int | None] = mapped_column(Integer)
    value: Mapped[dict[str, Any]] = mapped_column(JSON)
    source_count: Mapped[int] = mapped_column(Integer)
    independent_sources: Mapped[int] = mapped_column(Integer)
    first_reported: Mapped[str | None] = mapped_column(String(10))
    last_reported: Mapped[str | None] = mapped_column(String(10))
    belief: Mapped[float | None] = mapped_column(Float)
    origin: Mapped[int | None] = mapped_column(Integer)
    __table_args__ = (Index("ix_fused_facts_work_type", "work_id", "type"),)


class ConflictRow(Base):
    """Two answers to one question about one work and season that cannot both be true, each stated by
    an independent article: one row per pair of answers (two premiere dates), however many facts
    give them. A side is named by ``merge.fuse.side_key`` (work, season, question, answer); kept up
    to date by ingest for the answers each batch changes."""

    __tablename__ = "conflicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    work_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    season: Mapped[int | None] = mapped_column(Integer)
    about: Mapped[str] = mapped_column(String(40))
    side_a: Mapped[str] = mapped_column(String(1000), index=True)
    side_b: Mapped[str] = mapped_column(String(1000), index=True)
