"""The rules of fusion over plain values (merge.fuse): belief by noisy-OR over independent stories,
the event a release date dates, what makes two answers a conflict or a change, and which side of
an article's own contradiction stays. The sentences are written for these tests."""

from __future__ import annotations

import pytest

from showfacts.merge.fuse import (
    DEFAULT_CONFIDENCE,
    Answer,
    Source,
    add_sources,
    belief,
    claims,
    conflicts,
    dispute,
    release_event,
    summarize,
    within_article,
)

# ---- belief -------------------------------------------------------------------------------------


def test_one_story_is_as_sure_as_its_confidence():
    assert belief([(1, 0.8)]) == pytest.approx(0.8)


def test_two_independent_stories_combine_by_noisy_or():
    assert belief([(1, 0.8), (2, 0.8)]) == pytest.approx(0.96)
    assert belief([(1, 0.5), (2, 0.5), (3, 0.5)]) == pytest.approx(0.875)


def test_a_copy_of_one_story_adds_nothing():
    # a syndicated copy has the origin of its original: it counts once, at the higher confidence
    assert belief([(1, 0.8), (1, 0.8)]) == pytest.approx(0.8)
    assert belief([(1, 0.6), (1, 0.8)]) == pytest.approx(0.8)
    assert belief([(1, 0.8), (1, 0.8), (2, 0.8)]) == pytest.approx(0.96)


def test_a_source_without_confidence_counts_at_the_default():
    assert belief([(1, None)]) == pytest.approx(DEFAULT_CONFIDENCE)
    assert belief([(1, None), (2, 0.8)]) == pytest.approx(1 - (1 - DEFAULT_CONFIDENCE) * 0.2)


def test_sources_added_one_batch_at_a_time_give_the_belief_of_all_at_once():
    original = Source(article_id=1, duplicate_of=None, reported="2024-03-01", confidence=0.8)
    copy = Source(article_id=2, duplicate_of=1, reported="2024-03-02", confidence=0.8)
    better_copy = Source(article_id=3, duplicate_of=1, reported=None, confidence=0.9)
    other = Source(article_id=4, duplicate_of=None, reported="2024-04-01", confidence=0.8)
    first = summarize([original])
    assert first is not None and first.belief == pytest.approx(0.8)
    with_copy = add_sources(first, [copy], {1: 0.8})
    assert with_copy is not None
    assert with_copy.belief == pytest.approx(0.8) and with_copy.independent_sources == 1 and with_copy.source_count == 2
    raised = add_sources(with_copy, [better_copy], {1: 0.8})  # a more confident copy of the same story
    assert raised is not None and raised.belief == pytest.approx(0.9) and raised.independent_sources == 1
    both = add_sources(raised, [other], {1: 0.9})
    assert both is not None and both.belief == pytest.approx(1 - 0.1 * 0.2) and both.independent_sources == 2
    everything = summarize([original, copy, better_copy, other])
    assert everything is not None and everything.belief == pytest.approx(both.belief)
    assert (both.first_reported, both.last_reported) == ("2024-03-01", "2024-04-01")


# ---- what event a release date dates ------------------------------------------------------------

TWO_EVENTS = "The lighthouse mystery premiered in March 2011 and its finale aired in May 2018."


@pytest.mark.parametrize(
    ("sentence", "date", "event"),
    [
        (TWO_EVENTS, "2011-03", None),
        (TWO_EVENTS, "2018-05", "finale"),
        (TWO_EVENTS, "2011", None),
        (TWO_EVENTS, "2018", "finale"),
        ("Season 3 of the orchard drama will premiere on June 12, 2025, on the streamer.", "2025-06-12", None),
        ("The sitcom will wrap up its run with a double-length finale on December 3, 2025.", "2025-12-03", "finale"),
        ("After debuting in 2019, the ferry drama concluded on April 2, 2023.", "2023-04-02", "finale"),
        ("After debuting in 2019, the ferry drama concluded on April 2, 2023.", "2019", None),
        ("Part two of the fourth season arrives on October 4, 2024.", "2024-10-04", "part"),
        ("The documentary screened at the Sundance festival on January 20, 2024, ahead of its streaming debut.", "2024-01-20", "festival"),
        ("The show, which ended in 2019, returns with new episodes on May 1, 2025.", "2025-05-01", None),
        ("The show, which ended in 2019, returns with new episodes on May 1, 2025.", "2019", "finale"),
        ("The series finale will air next year.", None, "finale"),
        ("Nothing here says which event is meant, only 2025.", "2025", None),
    ],
)
def test_release_event_reads_the_dates_own_clause(sentence, date, event):
    assert release_event(sentence, date) == event


def test_a_premiere_and_a_finale_answer_different_questions():
    premiere = claims("release", {"date": "2011-03"}, "k1")
    finale = claims("release", {"date": "2018-05", "event": "finale"}, "k2")
    assert premiere == [("release", "2011-03")] and finale == [("release:finale", "2018-05")]


def _fused(key: str, ftype: str, article_id: int, first: str | None, duplicate_of: int | None = None, **value) -> dict:
    """A fused fact as the read side gives it, with one source."""
    return {
        "type": ftype,
        "work": "Lantern Bay",
        **value,
        "key": key,
        "sources": [{"article_id": article_id, "duplicate_of": duplicate_of}],
        "independent_sources": 1,
        "first_reported": first,
        "last_reported": first,
        "conflict": False,
    }


def test_premiere_and_finale_dates_of_one_show_are_no_conflict():
    facts = [
        _fused("premiere", "release", 1, "2018-06-01", season=None, date="2011-03"),
        _fused("finale", "release", 2, "2018-06-01", season=None, date="2018-05", event="finale"),
    ]
    assert conflicts(facts) == []
    assert not any(f["conflict"] for f in facts)


def test_two_premiere_dates_from_two_articles_are_a_conflict():
    facts = [
        _fused("a", "release", 1, "2024-05-01", season=2, date="2025-06-12"),
        _fused("b", "release", 2, "2024-05-03", season=2, date="2025-07-30"),
        _fused("c", "release", 3, "2024-05-04", season=2, date="2025"),  # the year alone: agrees with both
    ]
    found = conflicts(facts)
    assert [(c["about"], c["season"], sorted(c["answers"])) for c in found] == [("release date", 2, ["2025-06-12", "2025-07-30"])]
    assert [f["conflict"] for f in facts] == [True, True, False]


def test_one_story_and_its_copy_disagreeing_is_no_conflict():
    facts = [
        _fused("a", "release", 1, "2024-05-01", season=2, date="2025-06-12"),
        _fused("b", "release", 5, "2024-05-02", duplicate_of=1, season=2, date="2025-07-30"),
    ]
    assert conflicts(facts) == []


# ---- statuses: a change, or a conflict ----------------------------------------------------------


def _answer(answer: str, origin: int, first: str | None, last: str | None = None) -> Answer:
    a = Answer("status", answer)
    a.add(f"status={answer}", 1, origin, first, last or first)
    return a


def test_incompatible_statuses_reported_at_different_dates_are_a_change():
    renewed, cancelled = _answer("renewed", 1, "2024-03-01"), _answer("cancelled", 2, "2024-09-15")
    kind, earlier, later = dispute("status", cancelled, renewed)
    assert kind == "change" and earlier is renewed and later is cancelled


def test_an_undated_status_never_supersedes_nor_is_superseded():
    assert dispute("status", _answer("renewed", 1, "2024-03-01"), _answer("cancelled", 2, None))[0] == "conflict"
    assert dispute("status", _answer("renewed", 1, None), _answer("cancelled", 2, "2024-09-15"))[0] == "conflict"


def test_statuses_reported_over_overlapping_dates_are_a_conflict():
    renewed = _answer("renewed", 1, "2024-03-01", "2024-10-01")  # still reported after the cancellation
    assert dispute("status", renewed, _answer("cancelled", 2, "2024-09-15"))[0] == "conflict"


def test_compatible_statuses_are_no_dispute():
    assert dispute("status", _answer("renewed", 1, "2024-03-01"), _answer("ordered", 2, "2024-03-01")) is None


def test_undated_renewal_is_not_superseded_in_a_works_facts():
    facts = [
        _fused("r", "status", 1, None, season=2, status="renewed", network=None),
        _fused("c", "status", 2, "2024-09-15", season=2, status="cancelled", network=None),
    ]
    found = conflicts(facts)
    assert [c["about"] for c in found] == ["status"] and "superseded_by" not in facts[0]
    dated = [dict(facts[0], first_reported="2024-03-01", last_reported="2024-03-01", conflict=False), dict(facts[1], conflict=False)]
    assert conflicts(dated) == [] and dated[0]["superseded_by"] == "cancelled"


# ---- one article contradicting itself -----------------------------------------------------------


def test_an_articles_own_contradiction_keeps_the_more_confident_side():
    scope = (7, 2)
    facts = [
        (scope, "release", {"date": "2025-06-12"}, "k-june", 0.4),
        (scope, "release", {"date": "2025-07-30"}, "k-july", 0.9),
        (scope, "release", {"date": "2025-07"}, "k-month", 0.3),  # agrees with July: stays
        (scope, "release", {"date": "2026-01-01", "event": "finale"}, "k-finale", 0.2),  # another question: stays
        ((7, 3), "release", {"date": "2025-06-12"}, "k-s3", 0.1),  # another season: stays
        (None, "cast", {"person": "Ada"}, "k-cast", 0.1),  # never contradicts
    ]
    kept, dropped = within_article(facts)
    assert kept == [1, 2, 3, 4, 5] and dropped == 1


def test_an_article_saying_renewed_and_cancelled_keeps_one():
    scope = (3, None)
    kept, dropped = within_article(
        [(scope, "status", {"status": "renewed"}, "r", 0.7), (scope, "status", {"status": "cancelled"}, "c", 0.95)]
    )
    assert kept == [1] and dropped == 1
