"""The store on a real SQLite file and a real PostgreSQL server: idempotency, updates,
near-duplicates, entity resolution, fusion, conflicts. Records are built by hand (storetest.pair),
so these tests hold whatever the extractor finds."""

from __future__ import annotations

from dataclasses import replace

from showfacts import query
from showfacts.article import Article
from showfacts.store.ingest import ingest
from storetest import ALL, CANCELLED, DATE_A, DATE_B, RENEWAL, SURNAME, SYNDICATED, fact, pair, record


def put(store, article):
    return ingest(store, *pair(article))


def test_ingest_twice_adds_nothing(store):
    first = put(store, RENEWAL)
    before = query.stats(store)
    second = put(store, RENEWAL)
    assert first.outcome == "new" and second.outcome == "unchanged" and second.article_id == first.article_id
    assert query.stats(store) == before
    assert second.facts == [f.to_json() for f in pair(RENEWAL)[1].facts]


def test_same_url_new_text_replaces_the_facts(store):
    put(store, RENEWAL)
    facts_before = query.stats(store)["facts"]
    changed = replace(RENEWAL, text=RENEWAL.text.replace("second season", "third season").replace("Season 2", "Season 3"))
    result = put(store, changed)
    assert result.outcome == "updated"
    stats = query.stats(store)
    assert stats["articles"] == 1 and stats["facts"] == facts_before
    work = query.get_work(store, "Harbor Lights")
    assert [f["season"] for f in work["status_timeline"]] == [3]


def test_near_duplicate_is_linked_and_not_an_independent_source(store):
    original = put(store, RENEWAL)
    copy = put(store, SYNDICATED)
    assert copy.outcome == "new" and copy.duplicate_of == original.article_id
    status = query.get_work(store, "Harbor Lights")["status"]
    assert len(status["sources"]) == 2 and status["independent_sources"] == 1


def test_an_original_updated_to_its_copys_text_stays_the_original(store):
    original = put(store, RENEWAL)
    put(store, SYNDICATED)
    result = put(store, replace(RENEWAL, text=SYNDICATED.text + " Updated."))
    assert result.outcome == "updated" and result.article_id == original.article_id and result.duplicate_of is None


def test_names_merge_across_articles_with_reasons(store):
    put(store, RENEWAL)
    put(store, SURNAME)
    person = query.get_person(store, "Dana Pike")
    assert person is not None
    assert "Pike" in person["aliases"]  # the surname in another article, linked through the shared work
    why = query.why(store, "Dana Pike")
    reasons = " ".join(a["reason"] for a in why["aliases"])
    assert "surname" in reasons and "Harbor Lights" not in person["name"]
    assert query.get_work(store, "harbor lights")["slug"] == query.get_work(store, "The Harbor Lights")["slug"]


def test_a_surname_shared_by_two_people_of_the_work_stays_apart(store):
    put(store, RENEWAL)
    other = Article(id="other-pike", url="https://example.test/other", text="Casting\n\nAlex Pike joins Harbor Lights as Ren. ")
    ingest(store, other, record(other, fact(other, "Alex Pike", "cast", person="Alex Pike", character="Ren", work="Harbor Lights")))
    put(store, SURNAME)
    why = query.why(store, "person-pike")
    assert why is not None and "could be any of 2 people" in why["aliases"][0]["reason"]


def test_series_and_character_stay_two_entities(store):
    article = Article(id="t", text="Title\n\n“Maya Cross” stars Lena Ortiz as Maya Cross. Hulu renewed Maya Cross for a third season.")
    facts = [
        fact(article, "stars Lena", "cast", person="Lena Ortiz", character="Maya Cross", work="Maya Cross"),
        fact(article, "Hulu renewed", "status", work="Maya Cross", season=3, status="renewed", network="Hulu"),
    ]
    ingest(store, article, record(article, *facts))
    work = query.get_work(store, "Maya Cross")
    assert work["slug"] == "maya-cross"
    assert query.why(store, "character-maya-cross")["kind"] == "character"


def test_a_title_released_decades_apart_is_a_remake(store):
    first = Article(id="old", published="1989-01-01", text="Classic\n\nNight Ferry premiered in 1988. ")
    second = Article(id="new", published="2024-01-01", text="Remake\n\nNight Ferry premieres in 2025. ")
    ingest(store, first, record(first, fact(first, "premiered", "release", work="Night Ferry", season=None, date="1988", network=None)))
    ingest(store, second, record(second, fact(second, "premieres", "release", work="Night Ferry", season=None, date="2025", network=None)))
    assert query.stats(store)["entities"]["work"] == 2
    assert "remake" in query.why(store, "night-ferry-2")["aliases"][0]["reason"]


def test_renewed_then_cancelled_is_a_change_not_a_conflict(store):
    put(store, RENEWAL)
    put(store, CANCELLED)
    work = query.get_work(store, "Harbor Lights")
    statuses = [(f["status"], f.get("superseded_by")) for f in work["status_timeline"]]
    assert ("renewed", "cancelled") in statuses
    assert work["status"]["status"] == "cancelled"
    assert not any(c["about"] == "status" for c in work["conflicts"])
    assert query.stats(store)["conflicts"] == 0


def test_two_premiere_dates_are_a_conflict_with_both_sides(store):
    date_b = replace(DATE_B, url="https://example.test/premiere-moved")
    put(store, DATE_A)
    put(store, date_b)
    conflicts = query.list_conflicts(store)["items"]
    assert len(conflicts) == 1
    sides = conflicts[0]["sides"]
    assert {s["date"] for s in sides} == {"2025-06-12", "2025-07-30"}
    assert all(s["sources"] for s in sides)
    assert query.stats(store)["conflicts"] == 1
    # the same URL with corrected text replaces its facts: the conflict goes with them
    put(store, replace(date_b, text=date_b.text.replace("July 30", "June 12")))
    assert query.stats(store)["conflicts"] == 0 and query.list_conflicts(store)["items"] == []


def test_work_json_has_sources_with_evidence(store):
    for article in ALL:
        put(store, article)
    work = query.get_work(store, "Harbor Lights")
    cast = {(f["person"], f.get("character")) for f in work["cast"]}
    assert ("Ava Lindqvist", "Captain Mara Dunn") in cast and ("Theo Brandt", "Jonah Reyes") in cast
    for fact_ in work["status_timeline"] + work["cast"] + work["crew"]:
        for source in fact_["sources"]:
            assert source["evidence"]["text"] and source["evidence"]["start"] < source["evidence"]["end"]
    article = query.get_article(store, work["status_timeline"][0]["sources"][0]["article_id"])
    assert article["facts"] and article["text"].startswith(("Netflix", "Premiere"))
