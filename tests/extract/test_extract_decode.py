"""Decoding scored candidates into facts: the constraints a reader applies (relations/decode.py),
on hand-made candidates so that the rule, not a model's score, is under test; and the marks
candidates carry for the models (relations/candidates.py), read off real pipeline output."""

from __future__ import annotations

from types import SimpleNamespace

from showfacts.article import Article
from showfacts.extract.doc import Mention
from showfacts.extract.pipeline import get_pipeline
from showfacts.extract.relations.candidates import Candidate, generate, profiles
from showfacts.extract.relations.decode import _named_first, _one_implicit, _one_per_work

TEXT = "Ada Brisk (Night Tide) as Mara joins the cast. " + " " * 200
DOC = SimpleNamespace(text=TEXT)  # the rules under test read only the text around a work

def cast(sent: int, person: str, work: str, prob: float, named: bool, at: int = 100) -> Candidate:
    info = {"person": object(), "work": Mention(at, at + len(work), work, sent, 0, 1) if named else None}
    return Candidate("cast", sent, {"person": person, "work": work}, [], info, prob)


def kept(cands: list[Candidate]) -> set[tuple[int, str, str]]:
    return {(c.sent, c.values["person"], c.values["work"]) for c in _named_first(DOC, cands, 0.5, ("person",))}


def test_a_named_work_that_passes_rules_out_the_implicit_ones():
    cands = [cast(3, "Ada Brisk", "Harbour Lane", 0.8, named=True), cast(3, "Ada Brisk", "Topic Show", 0.9, named=False)]
    assert kept(cands) == {(3, "Ada Brisk", "Harbour Lane")}


def test_a_named_work_below_the_threshold_leaves_the_implicit_one():
    cands = [cast(3, "Ada Brisk", "Old Credit", 0.2, named=True), cast(3, "Ada Brisk", "Topic Show", 0.9, named=False)]
    assert kept(cands) == {(3, "Ada Brisk", "Old Credit"), (3, "Ada Brisk", "Topic Show")}


def test_implicit_works_stay_when_the_sentence_names_none():
    cands = [
        cast(5, "Ada Brisk", "Topic Show", 0.6, named=False),
        cast(5, "Ada Brisk", "Recent Item", 0.7, named=False),
        cast(6, "Tom Farrow", "Harbour Lane", 0.9, named=True),
        cast(5, "Tom Farrow", "Topic Show", 0.6, named=False),
    ]
    assert kept(cands) == {(5, "Ada Brisk", "Recent Item"), (5, "Ada Brisk", "Topic Show"), (6, "Tom Farrow", "Harbour Lane"),
                           (5, "Tom Farrow", "Topic Show")}  # fmt: skip


def test_a_named_short_form_of_the_implicit_work_does_not_rule_it_out():
    cands = [cast(2, "Ada Brisk", "Night Tide", 0.8, named=True), cast(2, "Ada Brisk", "Night Tide: The Last Wave", 0.7, named=False)]
    assert kept(cands) == {(2, "Ada Brisk", "Night Tide"), (2, "Ada Brisk", "Night Tide: The Last Wave")}


def test_an_earlier_credit_in_brackets_rules_out_nothing():
    cands = [cast(1, "Ada Brisk", "Night Tide", 0.8, named=True, at=TEXT.index("Night")), cast(1, "Ada Brisk", "Harbour Lane", 0.7, named=False)]
    assert kept(cands) == {(1, "Ada Brisk", "Night Tide"), (1, "Ada Brisk", "Harbour Lane")}


def test_of_the_implicit_works_a_person_takes_the_most_probable_only():
    cands = [
        cast(5, "Ada Brisk", "Topic Show", 0.6, named=False),
        cast(5, "Ada Brisk", "Recent Item", 0.7, named=False),
        cast(5, "Ada Brisk", "Harbour Lane", 0.9, named=True),  # named works are _named_first's business
        cast(6, "Ada Brisk", "Topic Show", 0.6, named=False),  # another sentence
        cast(5, "Tom Farrow", "Topic Show", 0.4, named=False),  # below the threshold: nothing to choose
        cast(5, "Tom Farrow", "Recent Item", 0.55, named=False),
    ]
    found = {(c.sent, c.values["person"], c.values["work"]) for c in _one_implicit(cands, 0.5, ("person",)) if c.prob >= 0.5}
    assert found == {(5, "Ada Brisk", "Recent Item"), (5, "Ada Brisk", "Harbour Lane"), (6, "Ada Brisk", "Topic Show"),
                     (5, "Tom Farrow", "Recent Item")}  # fmt: skip


def test_people_of_a_list_are_marked_with_their_place_in_it():
    text = "Harbour Lane renewed\n\nThe ABC drama “Harbour Lane” stars Ada Brisk, Tom Farrow (Ben) and Nora Quill, while Lee Moss narrates."
    doc = get_pipeline().doc(Article(id="t", text=text), until="relations")
    marks = {c.values["person"]: {f for f in c.features if f.startswith("p_list=") and "|" not in f}
             for c in generate(doc) if c.type == "cast" and c.values["work"] == "Harbour Lane"}  # fmt: skip
    assert marks == {"Ada Brisk": {"p_list=first"}, "Tom Farrow": {"p_list=later"}, "Nora Quill": {"p_list=later"}, "Lee Moss": set()}


def implicit_works(text: str, person: str) -> set[tuple[str, tuple[str, ...]]]:
    """The implicit works a person's cast candidates offer, each with its implicit_* marks."""
    doc = get_pipeline().doc(Article(id="t", text=text, published="2025-11-02"), until="relations")
    return {(c.values["work"], tuple(sorted(f for f in c.features if f.startswith(("implicit_", "is_lead")) and "=" not in f)))
            for c in generate(doc) if c.type == "cast" and c.values["person"] == person and c.info["work"] is None}  # fmt: skip


def test_a_cast_list_after_a_paragraph_about_one_work_is_offered_that_work():
    text = ("Night Tide renewed as two dramas get dates\n\nABC renewed its comedy “Night Tide” for a third season on "
            "Monday. The comedy follows a night-shift radio host.\n\nThe family drama “Harbour Lane” returns in March for a "
            "second season. Its first run drew comparisons with the thriller “Broadchurch” from critics. The series follows "
            "two sisters who run a ferry between islands.\n\nThe cast also includes Nora Quill and Tom Farrow.")  # fmt: skip
    offered = dict(implicit_works(text, "Nora Quill"))
    assert "implicit_topic" in offered["Night Tide"]  # the article's topic
    assert "implicit_recent" in offered["Broadchurch"]  # the work named last
    assert "implicit_lead" in offered["Harbour Lane"] and "is_lead" in offered["Harbour Lane"]  # the paragraph's subject


def test_a_work_named_inside_a_quotation_is_no_current_item():
    text = ("Headline for a test article\n\nThe showrunner of the drama “Harbour Lane” spoke about the new season.\n\n"
            "“We have a long arc planned, and the writers of the series ‘Night Tide’ have been generous with their time,” "
            "she said.\n\nAsked about Nora Quill’s captain, she only laughed.")  # fmt: skip
    offered = {work for work, _ in implicit_works(text, "Nora Quill")}
    assert offered == {"Harbour Lane"}  # not "Night Tide", named last but by the speaker


def release(sent: int, work: str, date: str, prob: float) -> Candidate:
    return Candidate("release", sent, {"work": work, "date": date}, [], {"work": object(), "cue": object()}, prob)


def test_one_release_date_per_work_and_sentence():
    cands = [release(4, "Night Tide", "2026-05-29", 0.4), release(4, "Night Tide", "2026-08-14", 0.7), release(5, "Night Tide", "2026-05-29", 0.6)]
    found = {(c.sent, c.values["date"]) for c in _one_per_work(cands, 0.3)}
    assert found == {(4, "2026-08-14"), (5, "2026-05-29")}


def test_a_moved_date_is_marked_superseded_and_its_replacement_replacing():
    article = Article(id="t", text="Headline for a test article\n\nThe studio moved the thriller “Night Tide” from May 29, 2026 to August 14, 2026.",
                      published="2025-11-02")  # fmt: skip
    doc = get_pipeline().doc(article, until="relations")
    marks = {c.values["date"]: {f for f in c.features if f.startswith("date_")} for c in generate(doc) if c.type == "release"}
    assert "date_superseded" in marks["2026-05-29"] and "date_replacing" not in marks["2026-05-29"]
    assert "date_replacing" in marks["2026-08-14"] and "date_superseded" not in marks["2026-08-14"]


def test_a_work_given_as_an_earlier_credit_is_marked_so():
    text = ("Headline for a test article\n\nABC has cast two actors in its drama “Harbour Lane”. Nora Quill, best known for "
            "“Reign”, will play a first-year student. Tom Farrow (“Night Tide”) joins as her brother.")  # fmt: skip
    doc = get_pipeline().doc(Article(id="t", text=text), until="relations")
    marks = profiles(doc)
    assert "credit" in marks["Reign"] and "credit" in marks["Night Tide"]
    assert "credit" not in marks["Harbour Lane"]
