"""Trade-press phrasing families the v0.2 extraction core must read (issue 10), each with our
own sentences about invented shows and people: casting lists after "the series", makers and
stars in one sentence, bracketed credits, "tapped to direct", renewals and returns, premiere
dates, cancellations and orders."""

from __future__ import annotations

from factcheck import has, run


def test_the_series_stars_a_list_of_actors():
    rec = run(
        "Netflix renews ‘The Quiet Years’ for season 2\n\n"
        "Netflix has renewed The Quiet Years for a second season. The series stars Maya Lorne, Tobias Greer and Ada Quint."
    )
    for person in ("Maya Lorne", "Tobias Greer", "Ada Quint"):
        assert has(rec, "cast", person=person, character=None, work="The Quiet Years")
    assert has(rec, "status", work="The Quiet Years", season=2, status="renewed", network="Netflix")


def test_created_by_two_makers_the_drama_stars():
    rec = run(
        "Apple TV+ orders drama Lowtide\n\n"
        "Apple TV+ has ordered Lowtide, a drama from Leo Marsh and Nina Patel. "
        "Created by Marsh and Patel, the drama stars Jonah Vey as a disgraced surgeon."
    )
    assert has(rec, "crew", person="Leo Marsh", role="creator", work="Lowtide")
    assert has(rec, "crew", person="Nina Patel", role="creator", work="Lowtide")
    assert has(rec, "cast", person="Jonah Vey", work="Lowtide")
    assert has(rec, "status", work="Lowtide", status="ordered")


def test_joins_the_cast_as_a_character():
    rec = run(
        "‘Quiet Acre’ adds Ruth Alder\n\n"
        "Ruth Alder (Broken Harbor) has joined the cast of Quiet Acre as Sister Agnes, the convent's fierce abbess."
    )
    assert has(rec, "cast", person="Ruth Alder", character="Sister Agnes", work="Quiet Acre")


def test_tapped_to_direct():
    rec = run(
        "Greta Lindqvist to direct ‘Paper Moons’\n\n"
        "Greta Lindqvist has been tapped to direct Paper Moons, Universal's adaptation of the novel by Hal Crane."
    )
    assert has(rec, "crew", person="Greta Lindqvist", role="director", work="Paper Moons")


def test_will_return_for_a_numbered_season():
    rec = run("HBO brings back ‘Lantern Hill’\n\nLantern Hill will return for season 4 on HBO next year, the network announced on Monday.")
    assert has(rec, "status", work="Lantern Hill", season=4, status="renewed", network="HBO")
    assert has(rec, "network", work="Lantern Hill", network="HBO")


def test_sets_its_premiere_date():
    rec = run("‘Salt and Iron’ sets premiere date\n\nFX's Salt and Iron has set its premiere date: the period drama debuts Oct. 3, 2024.")
    assert has(rec, "release", work="Salt and Iron", season=None, date="2024-10-03", network="FX")


def test_has_been_axed():
    rec = run("CBS axes ‘Northfield’\n\nNorthfield has been axed by CBS after two seasons.")
    assert has(rec, "status", work="Northfield", season=None, status="cancelled", network="CBS")
    assert not has(rec, "status", work="Northfield", status="renewed")


def test_a_two_season_order():
    rec = run("Hulu orders ‘Glasshouse’\n\nHulu has given Glasshouse, a thriller from Kit Brennan, a two-season order.")
    assert has(rec, "status", work="Glasshouse", season=None, status="ordered", network="Hulu")
    assert has(rec, "network", work="Glasshouse", network="Hulu")


def test_every_fact_has_a_confidence():
    rec = run(
        "Netflix renews ‘The Quiet Years’ for season 2\n\n"
        "Netflix has renewed The Quiet Years for a second season. “We are thrilled,” said showrunner Ada Quint."
    )
    assert rec.facts
    assert all(f.confidence is not None and 0.0 <= f.confidence <= 1.0 for f in rec.facts)


def test_a_title_cased_headline_with_a_network_and_its_verb():
    from showfacts.article import Article
    from showfacts.extract.pipeline import get_pipeline

    text = (
        "CBS Cancels Harbor Nights, Renews 'Fieldstone' and Sets Premiere Date for 'Copper Mile'\n\n"
        "The network announced its decisions on Tuesday."
    )
    doc = get_pipeline().doc(Article(id="t", text=text))
    names = [(m.text, m.kind) for m in doc.sentences[0].mentions]
    assert ("CBS", "network") in names  # not one run "CBS Cancels Harbor Nights"
    assert any(t == "Harbor Nights" for t, _ in names)
    assert not any(t in ("Cancels", "Renews", "Premiere Date") for t, _ in names)

