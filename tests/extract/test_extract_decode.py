"""Decoding scored candidates into facts: the constraints a reader applies (relations/decode.py),
on hand-made candidates so that the rule, not a model's score, is under test."""

from __future__ import annotations

from showfacts.extract.relations.candidates import Candidate
from showfacts.extract.relations.decode import _named_first


def cast(sent: int, person: str, work: str, prob: float, named: bool) -> Candidate:
    info = {"person": object(), "work": object() if named else None}
    return Candidate("cast", sent, {"person": person, "work": work}, [], info, prob)


def kept(cands: list[Candidate]) -> set[tuple[int, str, str]]:
    return {(c.sent, c.values["person"], c.values["work"]) for c in _named_first(cands, 0.5, ("person",))}


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
