"""Test helpers: run the real extraction pipeline over a text and look facts up by the SCHEMA.md rules."""

from __future__ import annotations

from typing import Any

from showfacts.article import Article
from showfacts.eval import fact_matches
from showfacts.extract import extract
from showfacts.facts import ArticleRecord


def run(text: str, published: str | None = None, article_id: str = "t") -> ArticleRecord:
    return extract(Article(id=article_id, text=text, published=published))


def facts(record: ArticleRecord, type: str) -> list[dict[str, Any]]:
    return [f.to_json() for f in record.facts if f.type == type]


def has(record: ArticleRecord, type: str, **expected: Any) -> bool:
    """True when a fact of ``type`` matches ``expected`` under the SCHEMA.md rules."""
    gold = {"type": type, **expected}
    return any(fact_matches(gold, f) for f in facts(record, type))


def evidence_text(record: ArticleRecord, text: str, type: str) -> list[str]:
    return [text[f.evidence.start : f.evidence.end] for f in record.facts if f.type == type]
