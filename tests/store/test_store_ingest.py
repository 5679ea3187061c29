"""The store on a real SQLite file and a real PostgreSQL server: idempotency, updates,
near-duplicates, entity resolution, fusion, conflicts, migrations."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import text

from showfacts import query
from showfacts.extract import extract
from showfacts.store.db import Store
from showfacts.store.ingest import ingest
from storetest import ALL, CANCELLED, DATE_A, DATE_B, RENEWAL, SURNAME, SYNDICATED, postgres_database, sqlite_url


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        s = Store(sqlite_url(tmp_path))
        yield s
        s.dispose()
    else:
        with postgres_database() as url:
            s = Store(url)
            yield s
            s.dispose()


def put(store, article):
    return ingest(store, article, extract(article))


def test_ingest_twice_adds_nothing(store):
    first = put(store, RENEWAL)
    before = query.stats(store)
    second = put(store, RENEWAL)
    assert first.outcome == "new" and second.outcome == "unchanged" and second.article_id == first.article_id
    assert query.stats(store) == before


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


def test_series_and_character_stay_two_entities(store):
    from showfacts.article import Article

    put(store, Article(id="t", text="Title\n\n“Maya Cross” stars Lena Ortiz as Maya Cross. Hulu renewed Maya Cross for a third season."))
    work = query.get_work(store, "Maya Cross")
    assert work["slug"] == "maya-cross"
    assert query.why(store, "character-maya-cross")["kind"] == "character"


def test_renewed_then_cancelled_is_a_change_not_a_conflict(store):
    put(store, RENEWAL)
    put(store, CANCELLED)
    work = query.get_work(store, "Harbor Lights")
    statuses = [(f["status"], f.get("superseded_by")) for f in work["status_timeline"]]
    assert ("renewed", "cancelled") in statuses
    assert work["status"]["status"] == "cancelled"
    assert not any(c["about"] == "status" for c in work["conflicts"])


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
    for fact in work["status_timeline"] + work["cast"] + work["crew"]:
        for source in fact["sources"]:
            assert source["evidence"]["text"] and source["evidence"]["start"] < source["evidence"]["end"]
    article = query.get_article(store, work["status_timeline"][0]["sources"][0]["article_id"])
    assert article["facts"] and article["text"].startswith(("Netflix", "Premiere"))


def test_schema_upgrades_in_place(tmp_path):
    path = tmp_path / "old.db"
    store = Store(str(path), upgrade=False)
    assert store.revision() is None
    store.upgrade()
    assert store.revision() == "0002"
    Store(str(path))  # opening again is a no-op upgrade
    assert store.revision() == "0002"


def test_a_database_from_before_the_conflicts_table_gets_its_conflicts(tmp_path, monkeypatch):
    """Revision 0001 had no conflicts table: its facts are kept and 0002 computes the conflicts they hold."""
    import showfacts.store.ingest as ingest_module

    path = tmp_path / "old.db"
    old = Store(str(path), upgrade=False)
    old.upgrade("0001")
    with monkeypatch.context() as patch:
        patch.setattr(ingest_module, "refresh_conflicts", lambda session, works: None)  # what the older release did
        put(old, DATE_A)
        put(old, DATE_B)
    with old.session() as session:
        facts_before = session.scalar(text("SELECT count(*) FROM facts"))
    old.dispose()
    store = Store(str(path))
    assert store.revision() == "0002"
    assert query.stats(store)["facts"] == facts_before > 0
    assert query.stats(store)["conflicts"] == 1
    assert {s["date"] for s in query.list_conflicts(store)["items"][0]["sides"]} == {"2025-06-12", "2025-07-30"}
