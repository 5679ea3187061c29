"""Who said a quotation when the sentence holding it does not say: the quote after an
attributed one, a colon after the speaker's own clause, unnamed speakers in between.
Articles written for these tests; people and words invented."""

from __future__ import annotations

from factcheck import facts, has, run

HEAD = "Headline for a test article\n\n"


def quotes(text: str) -> list[dict]:
    return facts(run(text), "quote")


def test_a_quote_after_an_attributed_one_is_the_same_speaker():
    text = HEAD + (
        'Director Maria Olsen talked about the finale. "We knew the ending from the first day," Olsen said. '
        '"It is darker than anything we have made. Nobody gets out clean."'
    )
    rec = run(text)
    assert has(rec, "quote", speaker="Maria Olsen", text="We knew the ending from the first day,")
    assert has(rec, "quote", speaker="Maria Olsen", text="It is darker than anything we have made. Nobody gets out clean.")


def test_a_colon_after_the_speakers_own_clause():
    text = HEAD + 'Peter Hale was at a loss to explain the ratings: "I suppose people like watching us argue every week."'
    assert has(run(text), "quote", speaker="Peter Hale", text="I suppose people like watching us argue every week.")


def test_consecutive_stretches_are_one_quote():
    text = (
        HEAD
        + 'The Parents Television Council said in a statement: "We are worried by this storyline." "It shows no family in a fair light at all."'
    )
    found = quotes(text)
    assert len(found) == 1
    assert "worried" in found[0]["text"] and "fair light" in found[0]["text"]


def test_unnamed_speakers_are_not_given_the_last_named_one():
    text = HEAD + (
        '"The show will be bigger than ever before," said Anna Reid, the channel\'s controller.\n\n'
        "A studio spokeswoman said the time slot was still to be decided. "
        '"Hopefully viewers will find it on the new night without any trouble."'
    )
    found = quotes(text)
    assert [q["speaker"] for q in found] == ["Anna Reid"]
    text = HEAD + (
        '"We will keep the show on the air for years to come," Tom Baird said. '
        '"Fans of the crew need your help to save their voyage!" the advert said.'
    )
    assert [q["speaker"] for q in quotes(text)] == ["Tom Baird"]


def test_a_descriptor_between_the_speech_verb_and_the_speaker():
    text = HEAD + (
        "Pell Street was written by Jonas Brandt. "
        '"Running a channel is about making audiences fall for new shows and old ones alike," said BBC One controller Ellis Marr.'
    )
    assert has(run(text), "quote", speaker="Ellis Marr", text="Running a channel is about making audiences fall for new shows")


def test_an_inverted_said_before_the_speaker():
    text = HEAD + (
        "More episodes are coming, according to the network's president Ilona Varga. "
        'Said Varga, "The impact the first run had on our schedule was remarkable for all of us."'
    )
    assert has(run(text), "quote", speaker="Ilona Varga", text="The impact the first run had on our schedule was remarkable")
