"""Which work a statement is about when it does not name one where a pattern expects it:
titles that hold small words, lists before a relative clause, "the film" and "it" pointing
back, places that are not titles. Articles written for these tests; facts invented."""

from __future__ import annotations

import pytest

from factcheck import has, run

HEAD = "Headline for a test article\n\n"


def test_title_with_a_small_word_after_a_title_cue():
    rec = run(HEAD + "Mara Quinn will star in the new Channel 4 sitcom, Notes to Myself, written by Oren Vale.")
    assert has(rec, "cast", person="Mara Quinn", character=None, work="Notes to Myself")
    assert not has(rec, "cast", person="Mara Quinn", character=None, work="Notes")


def test_relative_clause_after_a_list_belongs_to_the_last_title():
    rec = run(HEAD + "Her credits include Salt Flats, Iron Lung and Paper Moons, which starred David Okafor and Lena Brandt.")
    assert has(rec, "cast", person="David Okafor", character=None, work="Paper Moons")
    assert not has(rec, "cast", person="David Okafor", character=None, work="Salt Flats")


def test_the_film_points_back_not_forward():
    text = HEAD + (
        "Director Ana Ruiz has signed on to make the thriller Glass Orchard. "
        "The film is being produced by Tom Weller, producer of the Night Harbor trilogy."
    )
    rec = run(text)
    assert has(rec, "crew", person="Tom Weller", role="producer", work="Glass Orchard")


def test_which_he_directed_and_to_be_directed_by():
    rec = run(HEAD + "Kevin Mensah was recently seen in Low Tide, which he also directed.")
    assert has(rec, "crew", person="Kevin Mensah", role="director", work="Low Tide")
    text = HEAD + "Nina Park joins the cast of Blue Hour. She plays a pilot in the film, to be directed by veteran Sam Ode."
    assert has(run(text), "crew", person="Sam Ode", role="director", work="Blue Hour")


def test_it_was_screened_on_after_a_place():
    text = HEAD + ("The comedy Pier Lights ended in 1998. It was shown at the Grand Hall in Brighton before being screened on BSkyB.")
    rec = run(text)
    assert has(rec, "network", work="Pier Lights", network="BSkyB")
    assert not has(rec, "network", work="Brighton", network="BSkyB")
    assert not has(rec, "network", work="Grand Hall", network="BSkyB")


@pytest.mark.xfail(strict=True, reason="v0.2 core: a character in a relative clause goes to the nearer work")
def test_character_of_a_relative_clause_keeps_the_earlier_work():
    text = "Dock Street actors find new work\n\n" + (
        "Rosa Lind, who played Marta in the drama Dock Street, is to make a comedy. "
        "Ian Cole, who played Felix, has a film, Winter Road, in production."
    )
    rec = run(text)
    assert has(rec, "cast", person="Ian Cole", character="Felix", work="Dock Street")
    assert not has(rec, "cast", person="Ian Cole", character="Felix", work="Winter Road")


def test_network_begins_showing_a_version_of_a_title():
    rec = run(HEAD + "The book comes out in March, around the time CBS begins showing the US version of Quiet Street.")
    assert has(rec, "network", work="Quiet Street", network="CBS")


def test_writer_of_scripts():
    rec = run(HEAD + "Lee Tran and his writing partner Jo Abbott are refining the scripts for the comedy Open Plan.")
    assert has(rec, "crew", person="Jo Abbott", role="writer", work="Open Plan")


@pytest.mark.xfail(strict=True, reason="v0.2 core: a full name after 'play' is read as a second person")
def test_a_full_name_after_play_is_the_role():
    text = "Harbor Lights casts its lead\n\n" + (
        "The drama Harbor Lights has found its star. "
        "Oliver Grant, who starred in the comedy Tin Roof, will play the ship's captain Elias Wren."
    )
    rec = run(text)
    assert has(rec, "cast", person="Oliver Grant", character="Elias Wren", work="Harbor Lights")
    assert has(rec, "cast", person="Oliver Grant", character=None, work="Tin Roof")
    assert not has(rec, "cast", person="Oliver Grant", character="Elias Wren", work="Tin Roof")


@pytest.mark.xfail(strict=True, reason="v0.2 core: a list after a described title attaches to the first work")
def test_a_second_clause_and_a_list_with_a_described_title():
    text = (
        HEAD
        + "Grace Holt first found fame in the series Dock Street and has since starred in such films as Iron Lung and the war drama Salt Flats."
    )
    rec = run(text)
    assert has(rec, "cast", person="Grace Holt", character=None, work="Dock Street")
    assert has(rec, "cast", person="Grace Holt", character=None, work="Iron Lung")
    assert has(rec, "cast", person="Grace Holt", character=None, work="Salt Flats")


def test_voice_list_does_not_take_the_next_actor_as_a_role():
    text = "Blue Hour adds voices\n\n" + (
        "The animated film Blue Hour has more voices. Emma Stone will voice a goose, Hugh Grant will voice a sheep and Tom Hardy a rat."
    )
    rec = run(text)
    assert not any(f["character"] == "Tom Hardy" for f in (x.to_json() for x in rec.facts if x.type == "cast"))


@pytest.mark.xfail(strict=True, reason="v0.2 core: an epithet opening a sentence ('The actor') is not resolved to the person just named for a title role")
def test_an_epithet_opening_a_sentence_is_the_person_just_named():
    text = "Tin Roof lands a star\n\n" + (
        "Actor Daniel Reyes will appear in the comedy Tin Roof. "
        "The film star, who recently played the title role in the drama Copper Sky, will play a pilot."
    )
    rec = run(text)
    assert has(rec, "cast", person="Daniel Reyes", character="Copper Sky", work="Copper Sky")
    text = "Blue Hour voices\n\nJulia Marsh will voice the owl in the film Blue Hour. The actor who will voice the fox has yet to be named."
    assert [f.get("person") for f in run(text).facts if f.type == "cast"] == ["Julia Marsh"]


def test_a_labelled_second_name_after_starring():
    rec = run(HEAD + "The film Low Tide, which stars Anna Berg and Oscar winner Paul Kane, opens in May.")
    assert has(rec, "cast", person="Paul Kane", character=None, work="Low Tide")
    rec = run(HEAD + "Low Tide director Ana Ruiz and music mogul Simon Fuller are involved in the project.")
    assert not has(rec, "crew", person="Simon Fuller", role="director", work="Low Tide")


@pytest.mark.xfail(strict=True, reason="v0.2 core: credits far from the actor's name are not paired")
def test_credits_far_from_the_name_and_a_character_of_another_show():
    text = HEAD + (
        "Sean Dwyer has since become one of the busiest young actors in London, with a string of roles in films such as "
        "Iron Lung, Paper Moons and Salt Flats."
    )
    rec = run(text)
    assert all(has(rec, "cast", person="Sean Dwyer", character=None, work=w) for w in ("Iron Lung", "Paper Moons", "Salt Flats"))
    rec = run(HEAD + "Mark Hale said he would not return as his Dock Street character Felix in the new series.")
    assert has(rec, "cast", person="Mark Hale", character="Felix", work="Dock Street")


def test_a_guest_episode_of_the_show_and_a_title_that_labels_a_person():
    text = "Ward joins Night Shift\n\n" + (
        "The comedy Night Shift has booked another guest. "
        "Earlier stars include Ella Ward, while Dock Street actor Tom Perry has guest-starred and directed an episode of the show."
    )
    rec = run(text)
    assert has(rec, "cast", person="Tom Perry", character=None, work="Night Shift")
    assert has(rec, "crew", person="Tom Perry", role="director", work="Night Shift")
    assert not has(rec, "crew", person="Tom Perry", role="director", work="Dock Street")


def test_a_first_name_that_is_also_a_streamer():
    text = HEAD + "Comedian Stan Rivers is developing the quiz show Brain Drain. Stan's idea for Brain Drain came from a pub quiz."
    assert not any(f.get("network") == "Stan" for f in run(text).facts)
    assert has(run(HEAD + "The quiz show Brain Drain streams on Stan in Australia."), "network", work="Brain Drain", network="Stan")


def test_a_priced_film_and_an_unlisted_name_that_voices_a_part():
    text = "Blue Hour release set\n\n" + (
        "The animated film Blue Hour is on its way. The $90m movie will be produced by Sony Pictures and opens in 2026. "
        "Oprah Winfrey will voice a goose, and Hugh Grant will voice a sheep in the film."
    )
    rec = run(text)
    assert has(rec, "network", work="Blue Hour", network="Sony Pictures")
    assert has(rec, "cast", person="Oprah Winfrey", character=None, work="Blue Hour")
    assert not any(f.get("work") == "Oprah Winfrey" for f in rec.facts)


@pytest.mark.xfail(strict=True, reason="v0.2 core: a writer named beside an executive producer takes the producer role")
def test_a_character_named_by_a_number_word_and_makers_alongside():
    rec = run(HEAD + "The drama Harbor Lights stars Ana Ruiz. Ruiz plays Seven, a smuggler with a past.")
    assert has(rec, "cast", person="Ana Ruiz", character="Seven", work="Harbor Lights")
    text = HEAD + "Dana Pike, the creator of Tin Roof, is writing and executive producing the drama Harbor Lights alongside Sam Ode."
    rec = run(text)
    assert has(rec, "crew", person="Sam Ode", role="writer", work="Harbor Lights")
    assert has(rec, "crew", person="Sam Ode", role="executive producer", work="Harbor Lights")
