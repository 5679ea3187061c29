"""Where names are and whom short forms stand for: straight single quotes around a title, a
contraction inside a title, a surname or first name after the full name, an honorific.
Sentences written for these tests; people and titles invented."""

from __future__ import annotations

from showfacts.article import Article
from showfacts.extract.cues import status_cues
from showfacts.extract.pipeline import get_pipeline

HEAD = "Headline for a test article\n\n"


def mentions(text: str, until: str = "reference") -> list[tuple[str, str, str | None]]:
    doc = get_pipeline().doc(Article(id="t", text=HEAD + text), until=until)
    return [(m.text, m.kind, m.name) for m in doc.mentions]


def texts(text: str) -> list[str]:
    return [t for t, _, _ in mentions(text, until="mention_types")]


def test_a_title_in_straight_single_quotes_is_one_name():
    found = texts("Nora Quill will star in 'Castles in the Sand' opposite Tom Farrow.")
    assert "Castles in the Sand" in found
    assert "Castles" not in found and "Sand" not in found


def test_an_apostrophe_inside_a_straight_quoted_title_does_not_close_it():
    found = texts("The makers of 'Wilson's Last Stand' are back.")
    assert "Wilson's Last Stand" in found


def test_a_contraction_does_not_end_a_title():
    found = texts("The comedy You're the Worst Neighbour returns, and Don't Wake the Harbour stars Ada Brisk.")
    assert "You're the Worst Neighbour" in found
    assert "Don't Wake the Harbour" in found


def test_a_surname_is_the_first_person_introduced_with_it():
    text = ("Rock singer Ozric Pellow says his family is done with reality television. His wife Marta Pellow agreed. "
            "Pellow himself was puzzled by the show's success.")  # fmt: skip
    people = {(t, n) for t, k, n in mentions(text) if k == "person"}
    assert ("Pellow", "Ozric Pellow") in people


def test_a_first_name_is_the_person_of_that_name_named_last():
    text = ("The drama starred Martin Vale and Ruth Ames. Its sequel features Martin Okafor in the lead. "
            "Martin plays a night-shift paramedic. The sequel also stars Martin Greaves.")  # fmt: skip
    people = {(t, n) for t, k, n in mentions(text) if k == "person"}
    assert ("Martin", "Martin Okafor") in people


def test_an_honorific_and_surname_is_the_person_named_in_full():
    text = "Executive producer Carla Mendez praised the writers. Ms Mendez said the finale was written first."
    found = [(t, k, n) for t, k, n in mentions(text) if t == "Ms Mendez"]
    assert found and found[0][1:] == ("person", "Carla Mendez")


def test_status_phrases_read_curly_apostrophes():
    assert [c.value for c in status_cues("The drama won’t return next year.", 0)] == ["cancelled"]
    assert [c.value for c in status_cues("The streamer gave the ax to three comedies.", 0)] == ["cancelled"]
    assert [c.value for c in status_cues("Reality shows that are coming back include two game shows.", 0)] == ["renewed"]
    assert [c.value for c in status_cues("The comedy is not coming back.", 0)] == ["cancelled"]
