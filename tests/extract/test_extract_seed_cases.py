"""The seed article's hard cases, on a fixture article of ours built the same way
(series named after its lead, possessive roles, surname-only mentions, a quote attributed
in the paragraph before, a quote over two paragraphs with an editorial bracket, byline and
bio at the end, a Source line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck import facts, has, run

ARTICLE = (Path(__file__).parent / "articles" / "showrunner_interview.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def record():
    return run(ARTICLE, published="2024-05-10")


def test_series_named_after_its_lead_is_one_work_and_a_character(record):
    works = {f["work"] for t in ("status", "network", "cast") for f in facts(record, t)}
    assert "Maya Cross" in works
    assert "Maya" not in works  # "Lena Ortiz's Maya" and "Maya's Season 3 journey" are no works
    people = {f["person"] for f in facts(record, "cast") + facts(record, "crew")}
    assert "Maya" not in people and "Maya Cross" not in people
    assert has(record, "cast", person="Lena Ortiz", character=["Maya Cross", "Maya"], work="Maya Cross")
    assert has(record, "cast", person="Lena Ortiz", character=["Maya Cross", "Maya"], work="The Vigilants")


def test_possessive_role_and_two_crew_roles(record):
    assert has(record, "cast", person="Omar Haddad", character="Vesper", work="Maya Cross")
    assert has(record, "crew", person="Priya Banerjee", role="showrunner", work="Maya Cross")
    assert has(record, "crew", person="Priya Banerjee", role="executive producer", work="Maya Cross")


def test_quote_attributed_in_paragraph_before_runs_over_two_paragraphs(record):
    quotes = facts(record, "quote")
    assert len(quotes) == 1
    quote = quotes[0]
    assert quote["speaker"] == "Priya Banerjee"  # named "Banerjee" before the quote: resolved to the full name
    assert quote["text"].startswith("Absolutely.") and "Nobody is going to top Omar Haddad" in quote["text"]
    assert "declined" not in quote["text"]  # [editorial brackets] are not the speaker's words
    span = ARTICLE[quote["evidence"]["start"] : quote["evidence"]["end"]]
    assert span.startswith("“Absolutely.") and span.rstrip().endswith("”")


def test_byline_at_the_end_and_cited_source_not_author(record):
    assert record.authors == ["Tomás Reyes"]
    assert record.cited_sources == ["Vulture"]
    assert record.title.startswith("‘Maya Cross’ Showrunner")


def test_release_order_and_relative_date(record):
    assert has(record, "release_order", before={"work": "The Vigilants", "season": None}, after={"work": "Maya Cross", "season": 3})
    assert has(record, "release", work="The Vigilants", season=None, date="2025")
    undated = run(ARTICLE)
    assert facts(undated, "release") == []  # "next year" needs a publication date


def test_renewal_with_season_order_phrase(record):
    assert has(record, "status", work="Maya Cross", season=3, status="renewed", network="Hulu")
    assert has(record, "network", work="Maya Cross", network="Hulu")


def test_every_fact_has_evidence_inside_the_text(record):
    for fact in record.facts:
        assert 0 <= fact.evidence.start < fact.evidence.end <= len(ARTICLE)
