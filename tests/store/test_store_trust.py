"""Trust in the stored knowledge base, on a real SQLite file and a real PostgreSQL server: each
fact's confidence is stored, fused facts carry a belief that grows with independent stories only,
conflicts need two independent articles, an article's own contradictions are kept out of them
(and counted), a premiere and a finale are two facts, and a dated change supersedes while an
undated report never does. Articles and records are written for these tests (storetest.fact)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from showfacts import query
from showfacts.article import Article
from showfacts.store.db import Store
from showfacts.store.ingest import ingest
from showfacts.store.models import FactRow, FusedFactRow
from storetest import fact, record

WORK = "Lantern Bay"

RENEWED = Article(
    id="lb-renewed",
    url="https://example.test/lantern-bay-third-season",
    published="2024-06-01",
    outlet="Reel Courier",
    text=(
        "Hulu Orders More 'Lantern Bay'\n\n"
        "Hulu has renewed “Lantern Bay” for a third season, the streamer announced on Monday. "
        "The coastal mystery follows two sisters who run a failing lighthouse inn. "
        "Mira Okonkwo plays the elder sister, Tess Harlow, and will be back for the new episodes. "
        "Writers began breaking the new story in the spring, according to people close to the show."
    ),
)
COPY = Article(
    id="lb-renewed-copy",
    url="https://aggregator.test/item/4411",
    published="2024-06-02",
    outlet="Aggregator Daily",
    text=RENEWED.text + "\n\nThis report was first published by Reel Courier.",
)
ALSO_RENEWED = Article(
    id="lb-also-renewed",
    url="https://other.test/tv/lantern-bay",
    published="2024-06-05",
    outlet="The Screen Post",
    text=(
        "Lantern Bay Will Be Back\n\n"
        "A third season of Lantern Bay is coming, Hulu confirmed in a short statement this week. "
        "Production on the lighthouse drama resumes in Nova Scotia once casting is done."
    ),
)


def _renewed(article: Article, needle: str, confidence: float | None) -> object:
    return fact(article, needle, "status", confidence, work=WORK, season=3, status="renewed", network="Hulu")


def _status_fused(store: Store) -> FusedFactRow:
    with store.session() as s:
        (row,) = s.scalars(select(FusedFactRow).where(FusedFactRow.type == "status")).all()
        s.expunge(row)
        return row


# ---- confidence and belief ----------------------------------------------------------------------


def test_confidence_is_stored_per_fact_and_belief_is_noisy_or_over_independent_stories(store):
    first = ingest(
        store,
        RENEWED,
        record(
            RENEWED,
            _renewed(RENEWED, "has renewed", 0.8),
            fact(RENEWED, "Mira Okonkwo", "cast", 0.35, person="Mira Okonkwo", character="Tess Harlow", work=WORK),
        ),
    )
    with store.session() as s:
        stored = sorted(s.execute(select(FactRow.type, FactRow.confidence)).tuples().all())
    assert stored == [("cast", pytest.approx(0.35)), ("status", pytest.approx(0.8))]
    row = _status_fused(store)
    assert row.belief == pytest.approx(0.8) and (row.source_count, row.independent_sources) == (1, 1)

    copy = ingest(store, COPY, record(COPY, _renewed(COPY, "has renewed", 0.8)))
    assert copy.duplicate_of == first.article_id  # a syndicated copy of the first story
    row = _status_fused(store)
    assert row.belief == pytest.approx(0.8), "a copy of the same story adds nothing"
    assert (row.source_count, row.independent_sources) == (2, 1)

    ingest(store, ALSO_RENEWED, record(ALSO_RENEWED, _renewed(ALSO_RENEWED, "third season", 0.8)))
    row = _status_fused(store)
    assert row.belief == pytest.approx(0.96) and (row.source_count, row.independent_sources) == (3, 2)

    work = query.get_work(store, WORK)
    status = work["status"]
    assert status["belief"] == pytest.approx(0.96) and status["source_count"] == 3 and status["independent_sources"] == 2
    assert sorted(s["confidence"] for s in status["sources"]) == pytest.approx([0.8, 0.8, 0.8])
    assert [f["belief"] for f in work["cast"]] == [pytest.approx(0.35)]


def test_min_confidence_keeps_only_facts_believed_enough(store):
    ingest(
        store,
        RENEWED,
        record(
            RENEWED,
            _renewed(RENEWED, "has renewed", 0.8),
            fact(RENEWED, "Mira Okonkwo", "cast", 0.35, person="Mira Okonkwo", character="Tess Harlow", work=WORK),
        ),
    )
    ingest(store, ALSO_RENEWED, record(ALSO_RENEWED, _renewed(ALSO_RENEWED, "third season", 0.8)))
    everything = query.get_work(store, WORK)
    assert len(everything["cast"]) == 1 and len(everything["status_timeline"]) == 1
    strict = query.get_work(store, WORK, min_confidence=0.9)
    assert strict["cast"] == [] and [f["status"] for f in strict["status_timeline"]] == ["renewed"]
    assert strict["status"]["belief"] == pytest.approx(0.96)
    assert query.get_work(store, WORK, min_confidence=0.97)["status_timeline"] == []


def test_a_fact_without_confidence_counts_at_the_default(store):
    ingest(store, RENEWED, record(RENEWED, _renewed(RENEWED, "has renewed", None)))
    assert _status_fused(store).belief == pytest.approx(0.5)
    assert query.get_work(store, WORK)["status"]["sources"][0]["confidence"] is None


# ---- conflicts need two independent articles ----------------------------------------------------

JUNE = Article(
    id="lb-june",
    url="https://example.test/lantern-bay-date",
    published="2024-11-02",
    outlet="Reel Courier",
    text="Lantern Bay Gets a Date\n\nSeason 3 of “Lantern Bay” will premiere on June 12, 2025, on Hulu, the streamer said.",
)
JULY = Article(
    id="lb-july",
    url="https://other.test/lantern-bay-summer",
    published="2024-11-04",
    outlet="The Screen Post",
    text="Lantern Bay Moves to Midsummer\n\nHulu now says the third season of “Lantern Bay” premieres on July 30, 2025.",
)
BOTH_DATES = Article(
    id="lb-both",
    url="https://blog.test/lantern-bay-notes",
    published="2024-11-06",
    outlet="Fan Notes",
    text=(
        "Notes on Lantern Bay\n\n"
        "Season 3 of Lantern Bay will premiere on June 12, 2025, we hear. "
        "A later paragraph of this post guesses that the third season premieres on July 30, 2025 instead."
    ),
)


def _premiere(article: Article, needle: str, date: str, confidence: float) -> object:
    return fact(article, needle, "release", confidence, work=WORK, season=3, date=date, network="Hulu")


def test_one_article_with_two_dates_is_no_conflict_and_is_counted(store):
    ingest(
        store,
        BOTH_DATES,
        record(
            BOTH_DATES,
            _premiere(BOTH_DATES, "June 12", "2025-06-12", 0.9),
            _premiere(BOTH_DATES, "July 30", "2025-07-30", 0.4),
        ),
    )
    stats = query.stats(store)
    assert stats["conflicts"] == 0 and stats["within_article_contradictions"] == 1
    assert query.list_conflicts(store)["items"] == []
    work = query.get_work(store, WORK)
    assert [f["date"] for f in work["releases"]] == ["2025-06-12"], "the more confident side stays"
    assert work["conflicts"] == []


def test_two_articles_disagreeing_make_exactly_one_conflict_citing_both(store):
    june = ingest(store, JUNE, record(JUNE, _premiere(JUNE, "June 12", "2025-06-12", 0.7)))
    july = ingest(store, JULY, record(JULY, _premiere(JULY, "July 30", "2025-07-30", 0.6)))
    (conflict,) = query.list_conflicts(store)["items"]
    assert conflict["about"] == "release date" and conflict["season"] == 3 and conflict["work"]["title"] == WORK
    cited = {side["date"]: [s["article_id"] for s in side["sources"]] for side in conflict["sides"]}
    assert cited == {"2025-06-12": [june.article_id], "2025-07-30": [july.article_id]}
    assert sorted(side["belief"] for side in conflict["sides"]) == pytest.approx([0.6, 0.7])
    assert all(side["sources"][0]["evidence"]["text"] for side in conflict["sides"])
    stats = query.stats(store)
    assert stats["conflicts"] == 1 and stats["within_article_contradictions"] == 0
    # a third article agreeing with one side adds a source to that side, not another conflict
    ingest(store, BOTH_DATES, record(BOTH_DATES, _premiere(BOTH_DATES, "June 12", "2025-06-12", 0.9)))
    (conflict,) = query.list_conflicts(store)["items"]
    june_side = next(side for side in conflict["sides"] if side["date"] == "2025-06-12")
    assert june_side["independent_sources"] == 2 and june_side["belief"] == pytest.approx(1 - 0.3 * 0.1)
    assert query.stats(store)["conflicts"] == 1


def test_a_copy_disagreeing_with_its_original_is_no_conflict(store):
    copy = Article(id="lb-june-copy", url="https://aggregator.test/item/9", published="2024-11-03", text=JUNE.text + " Reposted.")
    original = ingest(store, JUNE, record(JUNE, _premiere(JUNE, "June 12", "2025-06-12", 0.7)))
    result = ingest(store, copy, record(copy, _premiere(copy, "June 12", "2025-07-30", 0.5)))  # an extraction slip in the copy
    assert result.duplicate_of == original.article_id
    assert query.stats(store)["conflicts"] == 0


# ---- release events: a premiere is not a finale -------------------------------------------------

FINALE = Article(
    id="lb-history",
    url="https://example.test/harbor-history",
    published="2019-01-10",
    outlet="Reel Courier",
    text="Looking Back\n\nThe lighthouse mystery Saltwick premiered in March 2011 and its finale aired in May 2018, after seven seasons.",
)
FINALE_ELSEWHERE = Article(
    id="lb-finale",
    url="https://other.test/saltwick-ends",
    published="2018-04-02",
    outlet="The Screen Post",
    text="Saltwick Ends\n\nThe final episodes of Saltwick will air in May 2018, the channel said.",
)


def test_a_premiere_and_a_finale_in_one_sentence_are_two_facts_not_a_conflict(store):
    ingest(
        store,
        FINALE,
        record(
            FINALE,
            fact(FINALE, "premiered in March", "release", 0.8, work="Saltwick", season=None, date="2011-03", network=None),
            fact(FINALE, "premiered in March", "release", 0.8, work="Saltwick", season=None, date="2018-05", network=None),
        ),
    )
    # another article dates the finale the same way: an independent source of it, still no conflict
    ingest(
        store,
        FINALE_ELSEWHERE,
        record(
            FINALE_ELSEWHERE,
            fact(FINALE_ELSEWHERE, "final episodes", "release", 0.7, work="Saltwick", season=None, date="2018-05", network=None),
        ),
    )
    stats = query.stats(store)
    assert stats["conflicts"] == 0 and stats["within_article_contradictions"] == 0
    releases = {(f["date"], f.get("event")): f["independent_sources"] for f in query.get_work(store, "Saltwick")["releases"]}
    assert releases == {("2011-03", None): 1, ("2018-05", "finale"): 2}


# ---- statuses: news of a change, and undated reports --------------------------------------------

CANCELLED = Article(
    id="lb-cancelled",
    url="https://other.test/lantern-bay-cancelled",
    published="2024-12-20",
    outlet="The Screen Post",
    text="Hulu Drops 'Lantern Bay'\n\nHulu has cancelled “Lantern Bay”, scrapping the third season it ordered in June.",
)
UNDATED_CANCELLED = Article(
    id="lb-rumour",
    url="https://blog.test/lantern-bay-rumour",
    published=None,
    outlet="Fan Notes",
    text="Is Lantern Bay Over?\n\nA fan forum claims Hulu has cancelled “Lantern Bay” before its third season.",
)


def _cancelled(article: Article, confidence: float) -> object:
    return fact(article, "has cancelled", "status", confidence, work=WORK, season=3, status="cancelled", network="Hulu")


def test_dated_renewal_then_cancellation_is_a_change(store):
    ingest(store, RENEWED, record(RENEWED, _renewed(RENEWED, "has renewed", 0.8)))
    ingest(store, CANCELLED, record(CANCELLED, _cancelled(CANCELLED, 0.9)))
    work = query.get_work(store, WORK)
    assert [(f["status"], f.get("superseded_by")) for f in work["status_timeline"]] == [("renewed", "cancelled"), ("cancelled", None)]
    assert work["status"]["status"] == "cancelled" and work["conflicts"] == []
    assert query.stats(store)["conflicts"] == 0


def test_an_undated_report_never_supersedes(store):
    ingest(store, RENEWED, record(RENEWED, _renewed(RENEWED, "has renewed", 0.8)))
    ingest(store, UNDATED_CANCELLED, record(UNDATED_CANCELLED, _cancelled(UNDATED_CANCELLED, 0.6)))
    work = query.get_work(store, WORK)
    assert not any(f.get("superseded_by") for f in work["status_timeline"])
    assert work["status"]["status"] == "renewed", "the latest dated report stands"
    (conflict,) = query.list_conflicts(store)["items"]
    assert conflict["about"] == "status"
    assert {side["status"]: side["first_reported"] for side in conflict["sides"]} == {"renewed": "2024-06-01", "cancelled": None}
