"""Each fact type from short articles written for these tests (facts invented or public, wording ours)."""

from __future__ import annotations

import pytest

from factcheck import evidence_text, facts, has, run

HEAD = "Headline for a test article\n\n"


def test_status_renewal_with_season_and_network():
    text = HEAD + "Paramount+ has renewed “Harbor Lights” for a third season, the streamer said on Tuesday."
    rec = run(text)
    assert has(rec, "status", work="Harbor Lights", season=3, status="renewed", network="Paramount+")
    assert all("renewed" in e for e in evidence_text(rec, text, "status"))


def test_status_cancellation_and_no_status_from_adjective():
    rec = run(HEAD + "NBC has cancelled the drama Night Shift Blues after two seasons.")
    assert has(rec, "status", work="Night Shift Blues", season=None, status="cancelled", network="NBC")
    rec = run(HEAD + "The renewed interest in Harbor Lights surprised everyone at the studio.")
    assert facts(rec, "status") == []


def test_status_ordered_in_development_and_in_production():
    rec = run(HEAD + "Hulu has given a straight-to-series order to the comedy Tin Roof, from writer Dana Pike.")
    assert has(rec, "status", work="Tin Roof", season=None, status="ordered", network=None)
    rec = run(HEAD + "Director Sam Ekwueme is in talks to direct Glass Orchard, a thriller set in Oregon.")
    assert has(rec, "status", work="Glass Orchard", season=None, status="in_development", network=None)
    rec = run(HEAD + "The sequel River Kings is currently filming in Atlanta.")
    assert has(rec, "status", work="River Kings", season=None, status="in_production", network=None)


def test_release_absolute_and_relative_dates():
    rec = run(HEAD + "“Harbor Lights” will premiere on Sept. 12, 2025, on Paramount+.")
    assert has(rec, "release", work="Harbor Lights", season=None, date="2025-09-12")
    text = HEAD + "The spinoff Dock Street is set to come out next year, the network said."
    assert facts(run(text), "release") == []  # no publication date: "next year" stays unresolved
    assert has(run(text, published="2024-02-01"), "release", work="Dock Street", season=None, date="2025")


def test_release_order():
    text = HEAD + "Fans will not see the second season of Harbor Lights until after Dock Street premieres."
    rec = run(text)
    assert has(rec, "release_order", before={"work": "Dock Street", "season": None}, after={"work": "Harbor Lights", "season": 2})


def test_network_forms():
    rec = run(HEAD + "HBO's “Copper Sky” returns in June. The comedy Tin Roof streams on Hulu.")
    assert has(rec, "network", work="Copper Sky", network="HBO")
    assert has(rec, "network", work="Tin Roof", network="Hulu")


def test_cast_forms():
    text = (
        HEAD + "Ava Lindqvist has joined the cast of Harbor Lights as Captain Mara Dunn. "
        "The drama also stars Theo Brandt and Keisha Moore. Harbor Lights star Ravi Menon called the role a gift."
    )
    rec = run(text)
    assert has(rec, "cast", person="Ava Lindqvist", character="Captain Mara Dunn", work="Harbor Lights")
    assert has(rec, "cast", person="Theo Brandt", character=None, work="Harbor Lights")
    assert has(rec, "cast", person="Keisha Moore", character=None, work="Harbor Lights")
    assert has(rec, "cast", person="Ravi Menon", character=None, work="Harbor Lights")


@pytest.mark.xfail(strict=True, reason="v0.2 core: a second maker's role in a long credit list is paired with the first role word")
def test_crew_forms_and_roles_vocabulary():
    text = HEAD + "Copper Sky creator Dana Pike will write and direct the pilot of Tin Roof, which is produced by Omar Reyes."
    rec = run(text)
    assert has(rec, "crew", person="Dana Pike", role="creator", work="Copper Sky")
    assert has(rec, "crew", person="Dana Pike", role="writer", work="Tin Roof")
    assert has(rec, "crew", person="Dana Pike", role="director", work="Tin Roof")
    assert has(rec, "crew", person="Omar Reyes", role="producer", work="Tin Roof")


@pytest.mark.xfail(strict=True, reason="v0.2 core: a title with a place-like shape and no work context ('Dock Street') is typed other")
def test_related_forms():
    rec = run(HEAD + "Dock Street, a spinoff of Harbor Lights, will follow the harbour police. River Kings is a sequel to Glass Orchard.")
    assert has(rec, "related", work="Dock Street", related="Harbor Lights", relation="spinoff")
    assert has(rec, "related", work="River Kings", related="Glass Orchard", relation="sequel")


def test_quote_with_attribution_after_and_before():
    text = (
        HEAD + "“We always knew this story had three chapters,” said Dana Pike. "
        "Theo Brandt told Variety: “I cried when I read the last script.”"
    )
    rec = run(text)
    assert has(rec, "quote", speaker="Dana Pike", text="We always knew this story had three chapters,")
    assert has(rec, "quote", speaker="Theo Brandt", text="I cried when I read the last script.")
    assert "Variety" in rec.cited_sources


def test_short_inline_quotes_are_not_quotes():
    rec = run(HEAD + "Dana Pike described the finale as “a real gut punch” during the panel.")
    assert facts(rec, "quote") == []


@pytest.mark.xfail(strict=True, reason="v0.2 core: 'the 2027 film' as a release year has no candidate pattern")
def test_release_year_as_the_adjective_of_a_film_still_to_come():
    text = "Blue Hour voices\n\nThe animated film Blue Hour has its cast. Emma Stone will voice a goose in the 2027 film."
    assert has(run(text), "release", work="Blue Hour", season=None, date="2027")
    past = "Blue Hour remembered\n\nThe animated film Blue Hour made her name. She wrote the screenplay for the 1992 film."
    assert facts(run(past), "release") == []
    assert facts(run(text, published="2028-01-05"), "release") == []  # a year before the article's is not news of a release


def test_cited_sources_in_the_form_the_article_uses():
    text = HEAD + (
        "The actor is to join the comedy Tin Roof, according to the Hollywood reporter. "
        "He told US TV show 60 Minutes that he had wanted the part for years, and Daily Variety said filming starts soon."
    )
    rec = run(text)
    assert [s.lower() for s in rec.cited_sources] == ["hollywood reporter", "60 minutes", "daily variety"]


@pytest.mark.xfail(strict=True, reason="v0.2 core: related works in a dash apposition are missed when one is typed other")
def test_related_in_a_dash_apposition_and_a_spinoff_of_a_title_shortened_before():
    text = HEAD + "Blackwater Rising - the second prequel to the original 1988 Glass Orchard film - opens in May."
    rec = run(text)
    assert has(rec, "related", work="Blackwater Rising", related="Glass Orchard", relation="prequel")
    assert facts(rec, "release") == []  # "the original 1988 Glass Orchard film": an adjective year, not news
    text = HEAD + (
        "Kim Lowe created the comedy Rooftop Gardens of Paris in 2001. "
        "Lowe wrote the pilot of Rooftop for the network. It ran for years. Critics loved it. "
        "She also produced the spin-off Terrace series."
    )
    assert has(run(text), "related", work="Terrace", related="Rooftop Gardens of Paris", relation="spinoff")


def test_every_lexicon_pattern_is_a_string():
    """A pattern holding ': ' must be quoted in YAML, or it loads as a mapping; the loader refuses that."""
    from showfacts.lang import patterns_of

    for name in ("status.yaml", "relations.yaml"):
        assert all(isinstance(p, str) for entries in patterns_of(name).values() for p in entries or [])
